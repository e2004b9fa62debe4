// The pages built when the app is built (src/prerender.rs, scripts/boot.js):
// a first visit reads the catalogue or a service's start page while the
// wasm is still downloading, in the language the app then shows, and the
// app's own page takes its place without a second copy, a change of
// language or a lost tap. The wasm is held back (page.route) to stand for
// a slow network, then let through.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { serveAppOnce, newPhonePage, checkA11y, assertNoHorizontalScroll } from './support/harness.mjs';
import { texts, waitForHeading, closePage } from './journey.mjs';

const app = serveAppOnce();
const forms = [
  { dir: 'rules', form: 'temporary-residence' },
  { dir: 'rules', form: 'residence-permit' },
  { dir: 'rules', form: 'hmt-residence-permit' },
];
const en = texts('en', forms);
const zh = texts('zh-CN', forms);

/** A phone page whose wasm download waits until `release()` is called. */
async function heldPage(options) {
  const page = await newPhonePage(app.browser, options);
  let release;
  const gate = new Promise((resolve) => {
    release = resolve;
  });
  page.wasmRequested = false;
  await page.route((url) => url.pathname.endsWith('_bg.wasm'), async (route) => {
    page.wasmRequested = true;
    await gate;
    await route.continue();
  });
  page.release = release;
  return page;
}

const built = (page) => page.locator('#prerendered .prerendered');
const fromApp = (page) => page.locator('#app #page-heading');
const headings = (page) => page.locator('h1').allTextContents();

test('a first visit reads the catalogue in Chinese before the wasm has arrived, then the app takes over', async () => {
  const page = await heldPage({ locale: 'zh-CN' });
  try {
    await page.goto(`${app.server.url}#/services`, { waitUntil: "commit" });
    await built(page).waitFor({ timeout: 20_000 });
    assert.deepEqual(await headings(page), [zh('services.title')]);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    assert.equal(await page.title(), zh('services.title'));
    assert.equal(await fromApp(page).count(), 0, 'the app has not rendered yet');
    // Every service's line is there to read, each a real link.
    const links = await page.locator('#prerendered .services__item a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.equal(links.length, 9, links.join(' '));
    assert.ok(links.includes('#/service/residence-permit/renewal'));
    await checkA11y(page, 'built catalogue (zh-CN)');
    await assertNoHorizontalScroll(page);

    page.release();
    await fromApp(page).waitFor({ timeout: 20_000 });
    await page.locator('#prerendered').waitFor({ state: 'detached' });
    assert.deepEqual(await headings(page), [zh('services.title')], 'one heading, the same');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'page-heading');
    assert.deepEqual(page.errors, []);
  } finally {
    await closePage(page);
  }
});

test('a service chosen and started before the wasm arrives opens that service', async () => {
  const page = await heldPage({ locale: 'en-GB' });
  try {
    await page.goto(`${app.server.url}`, { waitUntil: "commit" });
    await built(page).waitFor({ timeout: 20_000 });
    assert.deepEqual(await headings(page), [en('services.title')]);
    await page.locator('#prerendered').getByRole('link', { name: en('rp.service.renewal.title'), exact: true }).click();
    await page.locator('#prerendered h1', { hasText: en('rp.service.renewal.title') }).waitFor();
    // Its start page, worked out from the form: the time limits are there.
    const text = await built(page).innerText();
    assert.match(text, new RegExp(en('guidance.time').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal(await page.title(), `${en('rp.service.renewal.title')} – ${en('rp.title')}`);
    await checkA11y(page, 'built start page (en)');
    await page.locator('#prerendered').getByRole('button', { name: en('start.start'), exact: true }).click();
    await page.locator('#prerendered .loading').waitFor();

    page.release();
    await waitForHeading(page, en('filler.title'), 20_000);
    assert.equal(await page.locator('#prerendered').count(), 0);
    assert.deepEqual(page.errors, []);
  } finally {
    await closePage(page);
  }
});

test('the built page follows the browser language as the app does, and a language chosen on it', async () => {
  for (const [locale, lang, t] of [
    ['zh-TW', 'zh-CN', zh],
    ['fr-FR', 'en', en],
  ]) {
    const page = await heldPage({ locale });
    try {
      await page.goto(`${app.server.url}#/service/temporary-residence/register`, { waitUntil: "commit" });
      await built(page).waitFor({ timeout: 20_000 });
      assert.equal(await built(page).getAttribute('lang'), lang, locale);
      page.release();
      await fromApp(page).waitFor({ timeout: 20_000 });
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang, locale);
      assert.deepEqual(await headings(page), [t('tr.title')], locale);
    } finally {
      await closePage(page);
    }
  }
  const page = await heldPage({ locale: 'en' });
  try {
    await page.goto(`${app.server.url}#/services`, { waitUntil: "commit" });
    await built(page).waitFor({ timeout: 20_000 });
    await page.locator('#prerendered').getByRole('button', { name: '中文' }).click();
    await page.locator('#prerendered h1', { hasText: zh('services.title') }).waitFor();
    page.release();
    await fromApp(page).waitFor({ timeout: 20_000 });
    assert.deepEqual(await headings(page), [zh('services.title')], 'the app keeps the language chosen');
  } finally {
    await closePage(page);
  }
});

test('someone with a draft is not shown the start page while the app loads', async () => {
  const page = await heldPage({ locale: 'en' });
  try {
    await page.goto(`${app.server.url}`, { waitUntil: "commit" });
    await page.evaluate(() => {
      localStorage.setItem('dossier.draft.residence-permit', '{}');
    });
    await page.goto(`${app.server.url}#/service/residence-permit/first`, { waitUntil: "commit" });
    await page.waitForFunction(() => window.performance.getEntriesByType('resource').some((e) => e.name.includes('/prerender/')));
    await page.waitForTimeout(300);
    assert.equal(await built(page).count(), 0, 'nothing built is shown over a draft');
    page.release();
    await fromApp(page).waitFor({ timeout: 20_000 });
  } finally {
    await closePage(page);
  }
});
