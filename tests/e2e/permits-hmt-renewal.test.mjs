// The residence permit for Hong Kong, Macao and Taiwan residents: a Hong
// Kong resident who moved within Shenzhen renews the permit for the new
// address (换领), in English and in Chinese, on a 360×740 phone with axe on
// every page; the current permit's number is checked against the date of
// birth; signed and verified. The journey is hmtRenewalJourney in permits.mjs.
import { test } from 'node:test';

import { servePermitsApp, permitTexts, hmtRenewalJourney } from './permits.mjs';

const app = servePermitsApp();

test('hmt residence permit, renewal (en): a new address in Shenzhen', () => hmtRenewalJourney(app, permitTexts('en', 'hmt-residence-permit')));
test('hmt residence permit, renewal (zh-CN): a new address in Shenzhen', () => hmtRenewalJourney(app, permitTexts('zh-CN', 'hmt-residence-permit')));
