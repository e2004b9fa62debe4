// A household's first residence permits, in Chinese: an engineer on a Z visa marked 000, his wife and children of 7 and 12 joining him; the catalogue in Chinese; documents per person on What to bring; one signed bundle for the four, verified.
// The journey itself is householdJourney in permits.mjs (the other language: see its
// header there).
import { test } from 'node:test';

import { servePermitsApp, permitTexts, householdJourney } from './permits.mjs';

const app = servePermitsApp();

test('residence permit, first (zh-CN): an engineer on a Z visa, his wife and children of 7 and 12 joining him', () => householdJourney(app, permitTexts('zh-CN', 'residence-permit')));
