// A teacher whose passport and residence permit were stolen applies for a
// replacement permit, in Chinese, on a 360×740 phone with axe on every
// page: the reissue page gives the steps in order (police report, loss
// certificate, new passport, registration again) and asks the date of the
// loss certificate; the passport page takes the new passport; the lost
// permit's number and expiry may be left out; "What to bring" lists the
// police report, the loss certificate and the new passport, not the
// original passport nor the old accommodation registration; the signed
// bundle verifies.
// The journey itself is reissueJourney in permits.mjs.
import { test } from 'node:test';

import { servePermitsApp, permitTexts, reissueJourney } from './permits.mjs';

const app = servePermitsApp();

test('residence permit, reissue (zh-CN): a teacher whose passport and permit were stolen', () => reissueJourney(app, permitTexts('zh-CN', 'residence-permit')));
