// The residence permit for Hong Kong, Macao and Taiwan residents, first
// application, in English (permits-hmt.test.mjs has it in Chinese): a Hong
// Kong resident working in Shenzhen for seven months; signed and verified.
// And the error a day short of six months, in Chinese.
// The journeys themselves are hmtFirstJourney and hmtTooSoonJourney in permits.mjs.
import { test } from 'node:test';

import { servePermitsApp, permitTexts, hmtFirstJourney, hmtTooSoonJourney } from './permits.mjs';

const app = servePermitsApp();

test('hmt residence permit, first (en): a Hong Kong resident working in Shenzhen for seven months', () => hmtFirstJourney(app, permitTexts('en', 'hmt-residence-permit')));
test('hmt residence permit, first (zh-CN): a day short of six months, told the date to apply from', () => hmtTooSoonJourney(app, permitTexts('zh-CN', 'hmt-residence-permit')));
