// A manager reports a new address and a new employer within 10 days, in Chinese: two ticked changes, their documents on What to bring, its A4 print view; signed and verified.
// The journey itself is changeJourney in permits.mjs (the other language: see its
// header there).
import { test } from 'node:test';

import { servePermitsApp, permitTexts, changeJourney } from './permits.mjs';

const app = servePermitsApp();

test('residence permit, change (zh-CN): a manager reports a new address and a new employer within 10 days', () => changeJourney(app, permitTexts('zh-CN', 'residence-permit')));
