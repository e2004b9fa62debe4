// A student renews her study permit 20 days before it ends, in English: warned (not blocked) that she is 10 days late; signed and verified.
// The journey itself is renewalJourney in permits.mjs (the other language: see its
// header there).
import { test } from 'node:test';

import { servePermitsApp, permitTexts, renewalJourney } from './permits.mjs';

const app = servePermitsApp();

test('residence permit, renewal (en): a student 20 days before her permit ends is warned she is 10 days late', () => renewalJourney(app, permitTexts('en', 'residence-permit')));
