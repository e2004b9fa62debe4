// Temporary smoke test: the built app loads in Chromium on a phone-sized
// page. The user journeys replace it later.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, launchBrowser, newPhonePage } from './support/harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the app document loads with a body and a language', async () => {
  const page = await newPhonePage(browser, { locale: 'en' });
  const response = await page.goto(server.url, { waitUntil: 'load' });
  assert.equal(response.status(), 200);

  // The wasm start-up is asynchronous: give it a moment to render something.
  await page
    .waitForFunction(() => document.body.innerText.trim().length > 0, null, { timeout: 15_000 })
    .catch(() => {});

  const lang = await page.getAttribute('html', 'lang');
  assert.ok(lang && lang.length > 0, '<html lang> is set');

  const bodyText = (await page.innerText('body')).trim();
  const bodyChildren = await page.evaluate(() => document.body.children.length);
  assert.ok(bodyChildren > 0 && bodyText.length > 0, 'the body is not empty');

  assert.deepEqual(page.errors, [], 'no console errors or uncaught page errors');
  await page.context().close();
});
