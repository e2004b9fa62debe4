// Shared steps for the residence permit journeys (permits-*.test.mjs): the
// foreigners' residence permit (residence-permit, five services) and the
// residence permit for Hong Kong, Macao and Taiwan residents
// (hmt-residence-permit, three services). Each journey opens a service by
// its link, answers its pages from the form's own JSON (labels, options and
// page titles by message key), with axe on every page, at 360×740, and
// signs a bundle that the native verifier (dossier-verify) checks.
//
// Pages are answered generically from rules/forms/<form>.json: a page with
// one question is labelled by its title (the h1), a page with several by
// each field's label, followed by " (optional)" when it is neither
// required nor required_if, as src/view/question.rs renders them.

import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

import { checkA11y } from './support/harness.mjs';
import {
  texts,
  beijingDay,
  main,
  waitForHeading,
  press,
  pressContinue,
  clickLink,
  byLabel,
  group,
  fillDate,
  choose,
  openPhone,
  switchLanguage,
  verifyBundle,
} from './journey.mjs';

const ROOT = new URL('../../', import.meta.url);

/** The forms' JSON, by id. */
export const FORMS = Object.fromEntries(
  ['residence-permit', 'hmt-residence-permit', 'temporary-residence'].map((id) => [
    id,
    JSON.parse(readFileSync(new URL(`rules/forms/${id}.json`, ROOT), 'utf8')),
  ]),
);

/** `t` for `lang` with the shared messages and the form's own. */
export const permitTexts = (lang, form) => texts(lang, [{ dir: 'rules', form }]);

/** Every form's messages (for the catalogue, which names every service). */
export const allTexts = (lang) =>
  texts(lang, Object.keys(FORMS).map((form) => ({ dir: 'rules', form })));

const pageOf = (form, id) => {
  const p = FORMS[form].pages.find((x) => x.id === id);
  if (!p) throw new Error(`no page ${id} in ${form}`);
  return p;
};

const isOptional = (field) => !field.required && !field.required_if;

/**
 * The h1 of the page `id` of `form` in the words `T`: its title, with
 * " (optional)" when its only question is optional.
 */
export function heading(form, T, id) {
  const { title, fields = [] } = pageOf(form, id);
  return fields.length === 1 && isOptional(fields[0]) ? `${T(title)} ${T('app.optional')}` : T(title);
}

/** The words about `p`: "you" for the filler (p.self), else by name. */
export const wording = (t, p) => (p.self ? t : (key, params) => t.about(key, p.display, params));

/** The words about someone not named yet ("this person"). */
export const unnamed = (t, p) => (p.self ? t : (key, params) => t.about(key, t('person.unnamed'), params));

/** Wait for the h1 `text`, then run axe on the page. */
export async function arrive(page, text, label = text) {
  await waitForHeading(page, text);
  await checkA11y(page, `${label}: ${text}`);
}

/**
 * A phone page open at the guidance (start) page of `service` of `form`,
 * in `t`'s language (opened in English, then switched with the header's
 * language list, as a user would). Asserts the service's title is the h1.
 */
export async function openService(app, t, form, service) {
  const page = await openPhone(app, `#/service/${form}/${service}`, { locale: 'en' });
  const def = FORMS[form].services.find((s) => s.id === service);
  const en = permitTexts('en', form);
  await waitForHeading(page, en(def.title), 20_000);
  if (t.lang !== 'en') {
    await switchLanguage(page, '中文', 'zh-CN');
    await waitForHeading(page, t(def.title));
  }
  await checkA11y(page, `guidance: ${service}`);
  return page;
}

/**
 * The guidance page's sections, in `t`'s words: asserts the headings "Who
 * can apply", "Time limits", "Fee", "Documents you may need" are there,
 * then the page's text for further checks.
 */
export async function guidanceText(page, t) {
  const text = await main(page).innerText();
  for (const key of ['guidance.who', 'guidance.time', 'guidance.fee', 'guidance.documents']) {
    await main(page).getByRole('heading', { name: t(key), exact: true }).waitFor();
  }
  return text;
}

/** From the guidance page: Start now, choose the role, on to the next page. */
export async function startAs(page, t, form, role = 'self') {
  await press(page, t('start.start'));
  await arrive(page, t('filler.title'), 'who');
  const label = t(FORMS[form].roles.find((r) => r.id === role).label);
  await choose(page, t('filler.title'), label);
  await pressContinue(page, t);
}

/** The label a field is found by on its page, in the words `T`. */
function fieldLabel(form, T, pageId, field) {
  const p = pageOf(form, pageId);
  if (p.fields.length === 1) return heading(form, T, pageId);
  return isOptional(field) ? `${T(field.label)} ${T('app.optional')}` : T(field.label);
}

/**
 * Answer the page `pageId` of `form` with `values` ({ field id: value }):
 * text-like fields are typed, dates filled ({ day, month, year }), radios
 * checked by their option's label, selects chosen by value, checkboxes
 * (an array of values) ticked. `t` gives the app's own words (date parts),
 * `T` the words about the person.
 */
export async function fillPage(page, t, T, form, pageId, values) {
  const p = pageOf(form, pageId);
  for (const [id, value] of Object.entries(values)) {
    const field = p.fields.find((f) => f.id === id);
    if (!field) throw new Error(`no field ${id} on ${form}/${pageId}`);
    const label = fieldLabel(form, T, pageId, field);
    const option = (v) => {
      const o = field.options.find((x) => x.value === v);
      if (!o) throw new Error(`no option ${v} of ${id}`);
      return T(o.label);
    };
    switch (field.type) {
      case 'date':
        await fillDate(page, t, label, value);
        break;
      case 'choice':
        if (field.widget === 'select') await byLabel(page, label).selectOption(value);
        else await choose(page, label, option(value));
        break;
      case 'country':
        await byLabel(page, label).selectOption(value);
        break;
      case 'checkboxes':
        for (const v of value) await group(page, label).getByLabel(option(v), { exact: true }).check();
        break;
      default:
        await byLabel(page, label).fill(String(value));
    }
  }
}

/**
 * Answer pages in order: `steps` is a list of [pageId, values, options]
 * where options may hold `T` (the words for that page, else `T`), `warned`
 * (Continue stops once with a warning, then goes on), `check(id, heading)`
 * (run on the page after axe, before answering), `after(id)` (run after
 * the warning is shown, before the second Continue).
 */
export async function answerPages(page, t, T, form, steps) {
  for (const [id, values, options = {}] of steps) {
    const W = options.T ?? T;
    const h = heading(form, W, id);
    await arrive(page, h, id);
    if (options.check) await options.check(id, h);
    await fillPage(page, t, W, form, id, values);
    await pressContinue(page, t);
    if (options.warned) {
      await main(page).locator('#error-summary.error-summary--warning').waitFor();
      await waitForHeading(page, h);
      await checkA11y(page, `${id} (warning shown)`);
      if (options.after) await options.after(id);
      await pressContinue(page, t);
    }
  }
}

/** The status text of a section on the task list. */
export async function sectionStatus(page, title) {
  const item = main(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: title, exact: true }) });
  return (await item.locator('.task-list__status').textContent()).replace(/\s+/g, ' ').trim();
}

/**
 * Open the section `key` from the task list (in the words `T`), answer its
 * `steps`, and come back to the task list, where it is completed.
 */
export async function section(page, t, T, form, key, steps, { tasks = T('tasks.title') } = {}) {
  const title = T(FORMS[form].sections.find((s) => s.id === key).title);
  await clickLink(page, title);
  await answerPages(page, t, T, form, steps);
  await arrive(page, tasks, `tasks after ${key}`);
  assert.equal(await sectionStatus(page, title), t('tasks.status.completed'), `${key} completed`);
}

/** The warnings and notes shown as paragraphs in main (their texts). */
export const mainText = async (page) => (await main(page).innerText()).replace(/[ \t]+/g, ' ');

/** The documents listed on "What to bring", per person (h2) or for one. */
export async function bringLists(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('main .checklist__person')].map((s) => ({
      person: s.querySelector('h2')?.textContent.replace(/\s+/g, ' ').trim() ?? null,
      items: [...s.querySelectorAll('.checklist__item')].map((li) => {
        const hint = li.querySelector('.checklist__hint')?.textContent ?? '';
        return li.textContent.replace(hint, '').replace(/\s+/g, ' ').trim();
      }),
    })),
  );
}

/** Go to "What to bring" by its link on the page; axe; its lists. */
export async function openBring(page, t) {
  await main(page).getByRole('link', { name: t('bring.link'), exact: true }).first().click();
  await arrive(page, t('bring.title'), 'bring');
  return bringLists(page);
}

/**
 * The print view of "What to bring": with print media emulated, the
 * header, the footer and the print button are hidden and nothing is wider
 * than A4's printable width (210 mm less 2 × 15 mm at 96 dpi: 718 CSS
 * px); Chromium prints it to a PDF of at most `maxPages` A4 pages.
 */
export async function checkPrintView(page, t, maxPages = 3) {
  await page.emulateMedia({ media: 'print' });
  try {
    const hidden = await page.evaluate(() => {
      const gone = (el) => !el || getComputedStyle(el).display === 'none' || el.getClientRects().length === 0;
      const button = [...document.querySelectorAll('main button')];
      return {
        header: gone(document.querySelector('header, .header')),
        footer: gone(document.querySelector('footer, .footer')),
        buttons: button.map((b) => ({ text: b.textContent.trim(), gone: gone(b) })),
      };
    });
    assert.ok(hidden.header, 'the header is hidden in print');
    assert.ok(hidden.footer, 'the footer is hidden in print');
    const print = hidden.buttons.find((b) => b.text === t('bring.print'));
    assert.ok(print, 'the print button is on the page');
    assert.ok(print.gone, 'the print button is hidden in print');
    // At A4's printable width.
    await page.setViewportSize({ width: 718, height: 1000 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 718, `print view ${width}px wide, more than 718px`);
    const pdf = await page.pdf({ format: 'A4', margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    assert.ok(pages >= 1 && pages <= maxPages, `the list prints on ${pages} A4 pages`);
    return pages;
  } finally {
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 360, height: 740 });
  }
}

/**
 * From the check page: Continue to the declaration (one text for each
 * applicant), acknowledge the warnings if asked, confirm, sign; the
 * verifier's report (valid), for `people`, in `t`'s language.
 */
export async function declareAndSign(page, t, form, people) {
  const prefix = FORMS[form].declaration.title.split('.')[0];
  await press(page, t('check.continue'));
  await arrive(page, t(`${prefix}.declaration.title`), 'declaration');
  const shown = await main(page).locator('.declaration-text').allInnerTexts();
  assert.deepEqual(
    shown.map((s) => s.replace(/\s+/g, ' ').trim()),
    people.map((p) => (p.self ? t(`${prefix}.declaration.text`) : t.about(`${prefix}.declaration.text`, p.display))),
  );
  const acknowledge = main(page).getByLabel(t('declaration.acknowledge'), { exact: true });
  const warned = (await acknowledge.count()) > 0;
  if (warned) await acknowledge.check();
  await main(page).getByLabel(t(`${prefix}.declaration.confirm`), { exact: true }).check();
  const downloading = page.waitForEvent('download');
  await press(page, t('declaration.submit'));
  const download = await downloading;
  await arrive(page, t('receipt.title'), 'receipt');
  const report = await verifyBundle(download);
  assert.equal(report.summary.form, form, JSON.stringify(report.summary));
  assert.equal(report.summary.applicants, people.length);
  assert.equal(report.summary.language, t.lang);
  return { report, warned, download };
}

/** Beijing's calendar date `days` from today, as an ISO string. */
export function isoDay(days) {
  const { day, month, year } = beijingDay(days);
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

export { beijingDay };
