// Product problems the permit journeys found at b82a174, fixed on main by
// 1a2167d (the services' texts packed once) and 0bdbfe0 (Start now asks
// who fills in a preset service; Continue stops once on a page with
// information; the task list speaks of an application): each checked here
// so that it stays fixed.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { DIST_DIR, startServer, newPhonePage, checkA11y } from './support/harness.mjs';
import { main, press, pressContinue, headingText, closePage, choose, waitForHeading, dateText } from './journey.mjs';
import {
  servePermitsApp,
  permitTexts,
  duplicatedKeys,
  openService,
  fillPage,
  heading,
  mainText,
  beijingDay,
  FORMS,
} from './permits.mjs';

const app = servePermitsApp();
const FORM = 'residence-permit';
const t = permitTexts('en', FORM);

test(
  'the built app opens each form (no message key packed twice)',
  async () => {
    const twice = await duplicatedKeys(DIST_DIR);
    const server = await startServer(DIST_DIR);
    try {
      for (const form of Object.keys(FORMS)) {
        const service = FORMS[form].services[0];
        const T = permitTexts('en', form);
        const page = await newPhonePage(app.browser, { locale: 'en' });
        await page.goto(`${server.url}#/service/${form}/${service.id}`, { waitUntil: 'load' });
        await page.locator('#app main h1').first().waitFor({ timeout: 20_000 });
        const h1 = (await page.locator('#app main h1').first().innerText()).trim();
        const text = await main(page).innerText();
        await checkA11y(page, `${form}: start`);
        await page.context().close();
        assert.equal(h1, T(service.title), `${form}: ${text.slice(0, 400)}`);
      }
      assert.deepEqual(twice, {}, 'no key in both a shared and a form message file');
    } finally {
      await server.close();
    }
  },
);

test(
  'a preset service asks who is filling in the form',
  async () => {
    const page = await openService(app, t, FORM, 'renewal');
    await press(page, t('start.start'));
    await waitForHeading(page, t('filler.title'));
    await checkA11y(page, 'who');
    // Every role of the form is offered.
    for (const role of FORMS[FORM].roles) {
      await main(page).getByLabel(t(role.label), { exact: true }).waitFor();
    }
    await closePage(page);
  },
);

test(
  'the entry page tells a Z visa holder how many of the 30 days are left',
  async () => {
    const page = await openService(app, t, FORM, 'first');
    await press(page, t('start.start'));
    await waitForHeading(page, t('filler.title'));
    await choose(page, t('filler.title'), t('rp.role.self'));
    await pressContinue(page, t);
    await waitForHeading(page, t('tasks.title'));
    await page.evaluate(() => { location.hash = '#/page/entry'; });
    const h = heading(FORM, t, 'entry');
    await waitForHeading(page, h);
    await fillPage(page, t, t, FORM, 'entry', { entry_date: beijingDay(-14), visa_class: 'Z', visa_stay_days: 0 });
    await pressContinue(page, t);
    await main(page).locator('#error-summary.error-summary--warning').waitFor();
    await checkA11y(page, 'entry (days left)');
    const message = t('rp.rule.first_days_left', { days: 16, date: dateText(t, beijingDay(16)) });
    assert.equal(await headingText(page), h, 'still on the entry page, to read the days left');
    assert.ok((await mainText(page)).includes(message), message);
    await closePage(page);
  },
);

test(
  'the task list of a residence permit is not called a registration',
  async () => {
    // (Its heading, "Your application", is also the title of its first
    // section, "Your application": see the report.)
    const page = await openService(app, t, FORM, 'first');
    await press(page, t('start.start'));
    await waitForHeading(page, t('filler.title'));
    await choose(page, t('filler.title'), t('rp.role.self'));
    await pressContinue(page, t);
    await waitForHeading(page, t('tasks.title'));
    const h1 = await headingText(page);
    assert.ok(!/registration/i.test(h1), `the task list's heading: ${h1}`);
    assert.ok(!/registration|staying with you/i.test(await mainText(page)), 'no registration wording on the task list');
    await checkA11y(page, 'tasks');
    assert.ok(!permitTexts('zh-CN', FORM)('tasks.title').includes('住宿登记'), 'nor in Chinese');
    await closePage(page);
  },
);
