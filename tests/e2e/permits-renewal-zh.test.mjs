// A student renews her study residence permit 20 days before it ends, in
// Chinese, on a 360×740 phone with axe on every page: the law asks for at
// least 30 days, so the page of her current permit warns that she is 10
// days late; the warning does not block (Continue again goes on), she
// acknowledges it at the declaration, and the signed bundle verifies.
// The journey itself is renewalJourney in permits.mjs.
import { test } from 'node:test';

import { servePermitsApp, permitTexts, renewalJourney } from './permits.mjs';

const app = servePermitsApp();

test('residence permit, renewal (zh-CN): a student 20 days before her permit ends is warned she is 10 days late', () => renewalJourney(app, permitTexts('zh-CN', 'residence-permit')));
