// A teacher whose passport and permit were stolen applies for a replacement, in English: the steps in order, police report, loss certificate, new passport; signed and verified.
// The journey itself is reissueJourney in permits.mjs (the other language: see its
// header there).
import { test } from 'node:test';

import { servePermitsApp, permitTexts, reissueJourney } from './permits.mjs';

const app = servePermitsApp();

test('residence permit, reissue (en): a teacher whose passport and permit were stolen', () => reissueJourney(app, permitTexts('en', 'residence-permit')));
