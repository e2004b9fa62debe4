// An employer's HR assistant registers a new employee (issue 4), in
// English and Chinese.
import { test } from 'node:test';

import { serveAppOnce } from './support/harness.mjs';
import { en, zh } from './journey.mjs';
import { helperJourney, person } from './households.mjs';

const app = serveAppOnce();

for (const t of [en, zh]) {
  test(`households (${t.lang}): an HR assistant registers a new employee`, () =>
    helperJourney(app, t, 'organisation', person('WEI', { day: '14', month: '9', year: '1996' }, { sex: 'M', relationship: 'employee' })));
}
