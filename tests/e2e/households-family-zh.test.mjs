// A mother registers herself, her husband and their children of 4 and 9,
// in Chinese (issue 4).
import { test } from 'node:test';

import { serveAppOnce } from './support/harness.mjs';
import { zh } from './journey.mjs';
import { motherJourney } from './households.mjs';

const app = serveAppOnce();

test('households (zh-CN): a mother registers herself, her husband and their children of 4 and 9', () => motherJourney(app, zh));
