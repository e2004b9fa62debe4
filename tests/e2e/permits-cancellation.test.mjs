// A retiree cancels her residence permit as she leaves China, in English,
// on a 360×740 phone with axe on every page: the service and its page say
// that this follows local practice (there is no national rule); no photo
// receipt or period is asked; "What to bring" lists the flight booking
// and a photo as local practice, not the application form; the signed
// bundle verifies.
// The journey itself is cancellationJourney in permits.mjs.
import { test } from 'node:test';

import { servePermitsApp, permitTexts, cancellationJourney } from './permits.mjs';

const app = servePermitsApp();

test('residence permit, cancellation (en): a retiree cancels her permit on leaving China', () => cancellationJourney(app, permitTexts('en', 'residence-permit')));
