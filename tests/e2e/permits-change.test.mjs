// A manager who moved flat and changed employer reports the change to his
// residence permit within the 10 days, in English, on a 360×740 phone with
// axe on every page: he ticks the two changes (checkboxes); "What to
// bring" lists the document each change needs (and none for changes he did
// not make), prints on at most 3 A4 pages without the header, footer and
// print button; the last page gives the date to apply by; the signed
// bundle verifies.
// The journey itself is changeJourney in permits.mjs.
import { test } from 'node:test';

import { servePermitsApp, permitTexts, changeJourney } from './permits.mjs';

const app = servePermitsApp();

test('residence permit, change (en): a manager reports a new address and a new employer within 10 days', () => changeJourney(app, permitTexts('en', 'residence-permit')));
