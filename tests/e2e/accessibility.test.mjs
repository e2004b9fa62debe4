// Accessibility on a phone (360×740) on every page of the journey: axe
// (WCAG 2.1 A and AA), no horizontal scrolling, touch targets of at least
// 44 px, numeric keypads where numbers are asked. In English on every page,
// in Chinese on the start page, the task list, question pages and the check
// page. Problems are collected across pages and reported together.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { newPhonePage, checkA11y, assertNoHorizontalScroll, serveAppOnce } from './support/harness.mjs';
import {
  en,
  zh,
  main,
  waitForHeading,
  openApp,
  press,
  pressContinue,
  clickLink,
  byLabel,
  choose,
  switchLanguage,
  completeHostJourney,
} from './journey.mjs';

const app = serveAppOnce();

/**
 * Controls in main (and the header's language button) smaller than 44 px:
 * buttons and links styled as buttons, radios, checkboxes, selects and text
 * inputs. Radios and checkboxes must be 44 px wide too. Inline links are
 * not checked.
 */
async function smallTargets(page) {
  return page.evaluate(() => {
    const selector = [
      'main button',
      'main [role=button]',
      'main input[type=radio]',
      'main input[type=checkbox]',
      'main select',
      'main input:not([type=hidden]):not([type=radio]):not([type=checkbox])',
      'header button',
    ].join(', ');
    const out = [];
    for (const el of document.querySelectorAll(selector)) {
      const style = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      if (style.display === 'none' || style.visibility === 'hidden' || r.width === 0 || r.height === 0) {
        continue;
      }
      const box = el.type === 'radio' || el.type === 'checkbox';
      if (r.height < 44 || (box && r.width < 44)) {
        const name = el.id ? `#${el.id}` : `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}"`;
        out.push(`${name} is ${Math.round(r.width)}×${Math.round(r.height)} px`);
      }
    }
    return out;
  });
}

/** Number inputs without a numeric keypad; phone inputs not of type tel. */
async function keypadProblems(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('main .date-input input:not([type=time])')) {
      if (el.getAttribute('inputmode') !== 'numeric') out.push(`#${el.id} has inputmode=${el.getAttribute('inputmode')}`);
    }
    for (const id of ['f-phone', 'f-host_phone']) {
      const el = document.getElementById(id);
      if (el && el.type !== 'tel') out.push(`#${id} has type=${el.type}`);
    }
    const postcode = document.getElementById('f-postcode');
    if (postcode && postcode.getAttribute('inputmode') !== 'numeric') out.push('#f-postcode is not numeric');
    return out;
  });
}

/** Audit the page as it is now; returns the problems found (strings). */
async function audit(page, label) {
  const problems = [];
  try {
    await checkA11y(page, label);
  } catch (e) {
    problems.push(e.message);
  }
  try {
    await assertNoHorizontalScroll(page);
  } catch (e) {
    problems.push(`${label}: ${e.message}`);
  }
  for (const p of await smallTargets(page)) problems.push(`${label}: touch target ${p}`);
  for (const p of await keypadProblems(page)) problems.push(`${label}: keypad ${p}`);
  return problems;
}

async function phone(locale = 'en') {
  const page = await newPhonePage(app.browser, { locale });
  page.setDefaultTimeout(10_000);
  return page;
}

test('11. every page in English: axe, no horizontal scroll, 44 px targets, keypads', async (t) => {
  const problems = [];
  const audited = [];
  const page = await phone('en');
  await openApp(page, app.server.url, '#/');
  const run = async (label) => {
    audited.push(label);
    problems.push(...(await audit(page, label.startsWith('zh ') ? label : `en ${label}`)));
  };

  await completeHostJourney(page, en, undefined, {
    onPage: async (label) => {
      await run(label);
      // The numeric keypads, asserted where they must be.
      if (label === 'date-of-birth' || label === 'arrival' || label === 'departure') {
        for (const id of ['', '-month', '-year']) {
          const field = { 'date-of-birth': 'date_of_birth', arrival: 'arrival_datetime', departure: 'expected_departure' }[label];
          assert.equal(await page.getAttribute(`#f-${field}${id}`, 'inputmode'), 'numeric', `${label} ${id}`);
        }
      }
      if (label === 'phone') assert.equal(await byLabel(page, en('tr.page.phone.title')).getAttribute('type'), 'tel');
      if (label === 'host') assert.equal(await byLabel(page, en('tr.host_phone.label')).getAttribute('type'), 'tel');
    },
  });

  await clickLink(page, en('tasks.check'));
  await waitForHeading(page, en('check.title'));
  await run('check your answers');
  await press(page, en('check.continue'));
  await waitForHeading(page, en('tr.declaration.title'));
  await run('declaration');
  await press(page, en('declaration.submit'));
  await main(page).locator('#error-summary').waitFor();
  await run('declaration with an error summary');
  await main(page).getByLabel(en('tr.declaration.confirm'), { exact: true }).check();
  await press(page, en('declaration.submit'));
  await waitForHeading(page, en('receipt.title'));
  await run('done (signed)');

  // The same answers, in Chinese: start, task list, question pages, check.
  await switchLanguage(page, '中文', 'zh-CN');
  await waitForHeading(page, zh('receipt.title'));
  await run('zh done');
  for (const [hash, heading, label] of [
    ['#/', zh('tr.title'), 'zh start'],
    ['#/tasks', zh('tasks.title'), 'zh task list'],
    ['#/page/address', zh('tr.page.address.title'), 'zh address'],
    ['#/page/arrival', zh('tr.page.arrival.title'), 'zh arrival'],
    ['#/page/host', zh('tr.page.host.title'), 'zh host'],
    ['#/check', zh('check.title'), 'zh check your answers'],
  ]) {
    await page.evaluate((h) => (location.hash = h), hash);
    await waitForHeading(page, heading);
    await run(label);
  }
  // A Chinese question page with an error summary.
  await page.evaluate(() => (location.hash = '#/page/address'));
  await waitForHeading(page, zh('tr.page.address.title'));
  await byLabel(page, zh('tr.address_city.label')).fill('');
  await pressContinue(page, zh);
  await main(page).locator('#error-summary').waitFor();
  await run('zh address with an error summary');
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // Another phone: errors on an empty question page, the hotel, deleting.
  const p2 = await phone('en');
  await openApp(p2, app.server.url, '#/page/housing-type');
  await waitForHeading(p2, en('tr.page.housing-type.title'));
  await pressContinue(p2, en);
  await main(p2).locator('#error-summary').waitFor();
  const run2 = async (label) => {
    audited.push(label);
    problems.push(...(await audit(p2, `en ${label}`)));
  };
  await run2('housing-type with an error summary');
  await choose(p2, en('tr.page.housing-type.title'), en('tr.housing_type.option.with_host'));
  await p2.evaluate(() => (location.hash = '#/page/address'));
  await waitForHeading(p2, en('tr.page.address.title'));
  await pressContinue(p2, en);
  await main(p2).locator('#error-summary').waitFor();
  await run2('address with an error summary (5 errors)');
  await p2.evaluate(() => (location.hash = '#/page/arrival'));
  await waitForHeading(p2, en('tr.page.arrival.title'));
  await pressContinue(p2, en);
  await main(p2).locator('#error-summary').waitFor();
  await run2('arrival with an error summary');
  await p2.evaluate(() => (location.hash = '#/page/housing-type'));
  await waitForHeading(p2, en('tr.page.housing-type.title'));
  await choose(p2, en('tr.page.housing-type.title'), en('tr.housing_type.option.hotel'));
  await pressContinue(p2, en);
  await waitForHeading(p2, en('tr.page.hotel.title'));
  await run2('hotel');
  await p2.evaluate(() => (location.hash = '#/tasks'));
  await waitForHeading(p2, en('tasks.title'));
  await run2('task list (hotel: nothing to register)');
  await p2.getByRole('contentinfo').getByRole('link', { name: en('app.footer.delete') }).click();
  await waitForHeading(p2, en('delete.title'));
  await run2('delete');
  await press(p2, en('delete.confirm'));
  await waitForHeading(p2, en('delete.done.title'));
  await run2('deleted');
  assert.deepEqual(p2.errors, []);
  await p2.context().close();

  assert.ok(audited.length >= 30, `audited ${audited.length} page states`);
  assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
});

test(
  '11b. the check page fits 360 px: every answer readable, no horizontal scroll',
  async () => {
    for (const [locale, t] of [['en', en], ['zh-CN', zh]]) {
      const page = await phone(locale);
      await openApp(page, app.server.url, '#/');
      await completeHostJourney(page, t);
      await clickLink(page, t('tasks.check'));
      await waitForHeading(page, t('check.title'));
      const narrow = await page.evaluate(() =>
        [...document.querySelectorAll('main .summary-list__value')]
          .filter((dd) => dd.getBoundingClientRect().width < 100)
          .map((dd) => `"${dd.textContent.trim()}" is ${dd.getBoundingClientRect().width} px wide`),
      );
      const scroll = await assertNoHorizontalScroll(page).then(() => null, (e) => e.message);
      await page.context().close();
      assert.deepEqual(narrow, [], `${locale}: answers too narrow to read`);
      assert.equal(scroll, null, `${locale}: ${scroll}`);
    }
  },
);
