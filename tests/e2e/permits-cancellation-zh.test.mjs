// A retiree cancels her residence permit on leaving China, in Chinese: the page says it follows local practice; signed and verified.
// The journey itself is cancellationJourney in permits.mjs (the other language: see its
// header there).
import { test } from 'node:test';

import { servePermitsApp, permitTexts, cancellationJourney } from './permits.mjs';

const app = servePermitsApp();

test('residence permit, cancellation (zh-CN): a retiree cancels her permit on leaving China', () => cancellationJourney(app, permitTexts('zh-CN', 'residence-permit')));
