// What the phone downloads is the build's precompressed gzip (zopfli) of
// each file, served as a gzip_static server serves it: the app starts from
// it, and every file it fetched came gzip-encoded, byte for byte the copy
// scripts/bench counts against the budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

import { DIST_DIR, serveAppOnce, newPhonePage, checkA11y } from './support/harness.mjs';
import { texts, waitForHeading, REGISTRATION } from './journey.mjs';

const app = serveAppOnce();

test('the app starts from the precompressed files, each sent gzip-encoded', async () => {
  const page = await newPhonePage(app.browser);
  const sent = new Map();
  page.on('response', async (response) => {
    const { pathname } = new URL(response.url());
    sent.set(pathname, { encoding: response.headers()['content-encoding'], length: Number(response.headers()['content-length']) });
  });
  await page.goto(app.server.url + REGISTRATION);
  const t = texts('en');
  await waitForHeading(page, t('tr.title'));
  await checkA11y(page);

  const wasm = (await readdir(DIST_DIR)).find((f) => f.endsWith('.wasm'));
  for (const file of [`/${wasm}`, '/rules/packed/catalogue.bin', '/rules/packed/temporary-residence.bin', '/rules/packed/en.json']) {
    const got = sent.get(file);
    assert.ok(got, `${file} was fetched`);
    assert.equal(got.encoding, 'gzip', file);
    const copy = await readFile(path.join(DIST_DIR, file + '.gz'));
    assert.equal(got.length, copy.length, `${file}: the precompressed copy's bytes`);
    const raw = await readFile(path.join(DIST_DIR, file));
    assert.ok(copy.length < raw.length, file);
  }
  await page.close();
});
