// The residence permit for Hong Kong, Macao and Taiwan residents
// (港澳台居民居住证), first application, on a 360×740 phone with axe on
// every page. In Chinese: a Hong Kong resident who has lived and worked in
// Shenzhen for seven months applies, with a labour contract as proof; the
// signed bundle verifies. In English: the same person a day short of six
// months is stopped on the page of the date, with the date they can apply
// from (not signed).
// The journey itself is hmtFirstJourney, hmtTooSoonJourney in permits.mjs.
import { test } from 'node:test';

import { servePermitsApp, permitTexts, hmtFirstJourney, hmtTooSoonJourney } from './permits.mjs';

const app = servePermitsApp();

test('hmt residence permit, first (zh-CN): a Hong Kong resident working in Shenzhen for seven months', () => hmtFirstJourney(app, permitTexts('zh-CN', 'hmt-residence-permit')));
test('hmt residence permit, first (en): a day short of six months, told the date to apply from', () => hmtTooSoonJourney(app, permitTexts('en', 'hmt-residence-permit')));
