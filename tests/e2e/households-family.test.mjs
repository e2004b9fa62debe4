// A mother registers herself, her husband and their children of 4 and 9,
// in English (issue 4; the Chinese run is households-family-zh.test.mjs).
import { test } from 'node:test';

import { serveAppOnce } from './support/harness.mjs';
import { en } from './journey.mjs';
import { motherJourney } from './households.mjs';

const app = serveAppOnce();

test('households (en): a mother registers herself, her husband and their children of 4 and 9', () => motherJourney(app, en));
