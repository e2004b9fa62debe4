// The residence permit for Hong Kong, Macao and Taiwan residents: a Hong
// Kong resident who lost the permit asks for a new one (补领), in Chinese
// and in English, on a 360×740 phone with axe on every page; the lost
// permit's number may be left out; the report of the loss is listed as
// asked by some offices only; signed and verified. The journey is
// hmtReissueJourney in permits.mjs.
import { test } from 'node:test';

import { servePermitsApp, permitTexts, hmtReissueJourney } from './permits.mjs';

const app = servePermitsApp();

test('hmt residence permit, reissue (zh-CN): a lost permit', () => hmtReissueJourney(app, permitTexts('zh-CN', 'hmt-residence-permit')));
test('hmt residence permit, reissue (en): a lost permit', () => hmtReissueJourney(app, permitTexts('en', 'hmt-residence-permit')));
