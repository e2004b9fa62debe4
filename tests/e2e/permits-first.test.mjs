// A household's first residence permits, in English, on a 360×740 phone
// with axe on every page: an engineer who entered on a Z visa marked 000
// two weeks ago applies for a work permit, and his wife and their
// children of 7 and 12, applicants 2 to 4 of the same filing, for private
// affairs permits joining him (the first person in the application). The
// catalogue lists the services; the entry page's 30 days are counted; the
// marriage certificate is asked of the wife only, a birth certificate of
// each child only, and nobody is asked for his permit; one signed bundle
// for the four, checked by dossier-verify.
// The journey itself is householdJourney in permits.mjs.
import { test } from 'node:test';

import { servePermitsApp, permitTexts, householdJourney } from './permits.mjs';

const app = servePermitsApp();

test('residence permit, first (en): an engineer on a Z visa, his wife and children of 7 and 12 joining him', () => householdJourney(app, permitTexts('en', 'residence-permit')));
