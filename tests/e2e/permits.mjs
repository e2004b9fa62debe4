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
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import assert from 'node:assert/strict';

import { DIST_DIR, serveAppOnce, checkA11y } from './support/harness.mjs';
import {
  texts,
  beijingDay,
  dateText,
  main,
  waitForHeading,
  press,
  pressContinue,
  clickLink,
  byLabel,
  group,
  fillDate,
  choose,
  checkAnswer,
  inlineErrors,
  summaryLinks,
  openPhone,
  closePage,
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

/**
 * The message keys that the built app's packed files define twice: in a
 * language's shared messages (`rules/packed/<lang>.json`, which at b82a174
 * held every service's title and summary for the catalogue) and again in
 * a form's own (`rules/packed/<form>.<lang>.json`). The app refuses to
 * open such a form ("Sorry, the form could not be loaded … at
 * rp.service.cancellation.summary: this message key is defined twice").
 */
export async function duplicatedKeys(dist = DIST_DIR) {
  const dir = path.join(dist, 'rules', 'packed');
  const out = {};
  for (const name of await readdir(dir)) {
    const m = name.match(/^(.+)\.([A-Za-z-]+)\.json$/);
    // A form's messages in one language; not the catalogue's own lines
    // (catalogue.<lang>.json, since 1a2167d), which only its page reads.
    if (!m || m[1] === 'catalogue') continue;
    const sharedFile = path.join(dir, `${m[2]}.json`);
    const shared = JSON.parse(await readFile(sharedFile, 'utf8').catch(() => '{}'));
    const own = JSON.parse(await readFile(path.join(dir, name), 'utf8'));
    const twice = Object.keys(own).filter((k) => k in shared);
    if (twice.length) out[name] = twice;
  }
  return out;
}

/**
 * The server and browser of a test file (serveAppOnce). The journeys were
 * first written against b82a174, whose build packed each service's title
 * and summary twice and then loaded no form; they ran on a copy of dist/
 * without the duplicates until 1a2167d fixed the build.
 * permits-regressions.test.mjs checks that it stays fixed.
 */
export const servePermitsApp = () => serveAppOnce();

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
  const t0 = Date.now();
  await waitForHeading(page, text);
  const t1 = Date.now();
  await checkA11y(page, `${label}: ${text}`);
  if (process.env.PERMITS_TRACE) console.log(`# ${t1 - t0}ms + axe ${Date.now() - t1}ms: ${label}: ${text}`);
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

/**
 * From the guidance page: Start now; "Who is filling in this form?" (a new
 * filing: the service's preset answer does not count as begun); choose
 * `role` and continue to the task list.
 */
export async function startFiling(page, t, form, role = 'self') {
  await press(page, t('start.start'));
  await arrive(page, t('filler.title'), 'who');
  const label = t(FORMS[form].roles.find((r) => r.id === role).label);
  await choose(page, t('filler.title'), label);
  await pressContinue(page, t);
  await arrive(page, t('tasks.title'), 'tasks');
}

/** The label a field is found by on its page, in the words `T`. */
function fieldLabel(form, T, pageId, field) {
  const p = pageOf(form, pageId);
  if (p.fields.length === 1) return heading(form, T, pageId);
  return isOptional(field) ? `${T(field.label)} ${T('app.optional')}` : T(field.label);
}

/**
 * Check a radio or checkbox and wait until it reads as checked. (Playwright's
 * check() reads the state at once after its click; on a page that is still
 * re-rendering after the previous page's Continue the click can land before
 * the app's own render, which then draws the answer: so click, then wait.)
 */
async function tick(locator) {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await locator.isChecked()) return;
    await locator.click();
    try {
      await locator.page().waitForFunction((el) => el.checked, await locator.elementHandle(), { timeout: 2_000 });
      return;
    } catch {
      // Not drawn as checked: try again.
    }
  }
  assert.fail(`could not check ${locator}`);
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
        // An option that names the principal applicant ({principal}): by its
        // value; the household journey checks the name it shows.
        else if (option(value).includes('{principal}')) await tick(group(page, label).locator(`input[value="${value}"]`));
        else await tick(group(page, label).getByLabel(option(value), { exact: true }));
        break;
      case 'country':
        await byLabel(page, label).selectOption(value);
        break;
      case 'checkboxes':
        for (const v of value) await tick(group(page, label).getByLabel(option(v), { exact: true }));
        break;
      default:
        await byLabel(page, label).fill(String(value));
    }
  }
}

/**
 * After Continue on the page headed `h`: 'moved' when another page is
 * shown, 'stopped' when the page stays with notes only (warnings or
 * information, shown once: "Please note"); an error summary throws.
 */
async function afterContinue(page, h) {
  const outcome = await page.waitForFunction(
    (want) => {
      const now = (document.getElementById('page-heading')?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const summary = document.querySelector('#error-summary');
      if (now === want && summary) {
        return summary.classList.contains('error-summary--warning') ? 'stopped' : `error: ${summary.innerText}`;
      }
      return now !== want && now !== '' ? 'moved' : false;
    },
    h,
    { timeout: 10_000 },
  );
  const result = await outcome.jsonValue();
  if (result.startsWith('error')) throw new Error(`Continue on "${h}" stopped with ${result}`);
  return result;
}

/**
 * Answer pages in order: `steps` is a list of [pageId, values, options]
 * where options may hold `T` (the words for that page, else `T`), `warned`
 * (Continue must stop once with notes, then go on), `check(id, heading,
 * page)` (run on the page after axe, before answering), `after(id, page)`
 * (run while the notes are shown, before the second Continue).
 *
 * Continue stops once on any page with notes not seen before, warnings or
 * information ("You have 16 days left to apply", the fee): the page is
 * checked with axe as it is then, and Continue pressed again. Returns the
 * notes each page stopped with, by page id (the summary's texts).
 */
export async function answerPages(page, t, T, form, steps) {
  const notes = {};
  for (const [id, values, options = {}] of steps) {
    const W = options.T ?? T;
    const h = heading(form, W, id);
    await arrive(page, h, id);
    if (options.check) await options.check(id, h, page);
    await fillPage(page, t, W, form, id, values);
    await pressContinue(page, t);
    const outcome = await afterContinue(page, h);
    if (options.warned) assert.equal(outcome, 'stopped', `Continue on ${id} stops once to show a note`);
    if (outcome === 'stopped') {
      notes[id] = (await summaryLinks(page)).map((l) => l.text);
      await checkA11y(page, `${id} (notes shown)`);
      if (options.after) await options.after(id, page);
      await pressContinue(page, t);
      assert.equal(await afterContinue(page, h), 'moved', `the second Continue on ${id} goes on`);
    }
  }
  return notes;
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
  const notes = await answerPages(page, t, T, form, steps);
  await arrive(page, tasks, `tasks after ${key}`);
  assert.equal(await sectionStatus(page, title), t('tasks.status.completed'), `${key} completed`);
  return notes;
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


/**
 * Someone applying for a foreigner's residence permit: `display` is how
 * the app names them (their given name as typed, first letter capital),
 * `a` their answers by page id (the pages of each section, in order; a
 * page absent from `a` must not be shown), `self` when they fill it in.
 */
export function rpPerson(display, a, extra = {}) {
  return { display, a, self: false, ...extra };
}

/** The sections of the residence permit form that `p`'s answers show. */
export const rpSections = (p) => sectionsOf('residence-permit', p);

/** The sections of `form` that `p`'s answers show (the filler's left out). */
export function sectionsOf(form, p) {
  const order = Object.fromEntries(FORMS[form].sections.map((s) => [s.id, s.pages]));
  const out = {};
  for (const [key, pages] of Object.entries(order)) {
    if (key === 'helper') continue;
    const shown = pages.filter((id) => id in p.a);
    if (shown.length) out[key] = shown;
  }
  return out;
}

/**
 * Every section of `p` (residence permit), from their task list back to
 * it. `first` is the section already begun (the name page is answered
 * first for someone just added: it is left out here). `copy` is the
 * button that copies the first applicant's shared answers (the address);
 * `options[pageId]` is passed to answerPages for that page.
 */
export const fillRpPerson = (page, t, p, options) => fillPerson(page, t, 'residence-permit', p, options);

/**
 * Every section of `p` in `form` (see fillRpPerson); the notes Continue
 * stopped with, by page id.
 */
export async function fillPerson(page, t, form, p, { copy = null, options = {}, skipSections = [] } = {}) {
  const T = wording(t, p);
  const notes = {};
  for (const [key, ids] of Object.entries(sectionsOf(form, p))) {
    if (skipSections.includes(key)) continue;
    const steps = ids.map((id) => {
      const shared = FORMS[form].pages.find((x) => x.id === id).shared;
      if (copy && shared) {
        return [id, {}, { ...options[id], check: async () => { await press(page, copy); } }];
      }
      return [id, p.a[id], options[id] ?? {}];
    });
    Object.assign(notes, await section(page, t, T, form, key, steps));
  }
  return notes;
}

/**
 * Someone added to the filing (Add another person): from their name page,
 * shown at once (in the words about "this person"), through the rest of
 * "About …" to their task list, then every other section.
 */
export async function addRpPerson(page, t, p, { copy = null, options = {} } = {}) {
  await press(page, t('people.add'));
  const form = 'residence-permit';
  const T = wording(t, p);
  const about = rpSections(p)['about-you'];
  const steps = about.map((id) => {
    const shared = FORMS[form].pages.find((x) => x.id === id).shared;
    const W = id === 'name' ? unnamed(t, p) : T;
    if (copy && shared) return [id, {}, { T: W, ...options[id], check: async () => { await press(page, copy); } }];
    return [id, p.a[id], { T: W, ...options[id] }];
  });
  const notes = await answerPages(page, t, T, form, steps);
  await arrive(page, T('tasks.title'), `tasks of ${p.display}`);
  return { ...notes, ...(await fillRpPerson(page, t, p, { copy, options, skipSections: ['about-you'] })) };
}

/**
 * The answers of one foreigner applying for themself, by page id, with
 * `over` replacing or adding pages (a page set to null is left out: it
 * must not be shown).
 */
export function rpSelf(over = {}) {
  const a = {
    procedure: {},
    entry: { entry_date: beijingDay(-400) },
    category: { category: 'work' },
    'work-permit': { work_permit_number: 'WP310000202698765' },
    validity: { requested_months: 12 },
    'photo-receipt': { photo_receipt_number: 'Y2408281262770A' },
    name: { surname: 'garcia', given_names: 'maria' },
    'chinese-name': {},
    sex: { sex: 'F' },
    'date-of-birth': { date_of_birth: { day: '11', month: '4', year: '1990' } },
    'place-of-birth': { place_of_birth: 'Madrid' },
    nationality: { nationality: 'ESP' },
    address: { address_in_china: '上海市徐汇区漕溪北路88号5号楼702室' },
    phone: { phone: '138 0013 8000' },
    employer: { employer_or_school: 'Shanghai Example Co., Ltd.', contact_name: 'Zhang Min', contact_phone: '139 1234 5678' },
    passport: {
      passport_type: 'ordinary',
      passport_number: 'PAB123456',
      passport_issue_date: { day: '3', month: '2', year: '2022' },
      passport_expiry: beijingDay(5 * 365),
    },
    'current-document': {
      current_document_kind: 'residence_permit',
      current_document_number: 'RP31000012345',
      current_document_expiry: beijingDay(200),
    },
  };
  for (const [id, v] of Object.entries(over)) {
    if (v === null) delete a[id];
    else a[id] = v;
  }
  return rpPerson('Maria', a, { self: true });
}

/**
 * One foreigner's journey through a residence permit service, up to the
 * check page: the guidance page, Start now, every section of `p`.
 * `options` by page id as for answerPages; `guidance(text)` runs on the
 * guidance page; `tasks(page)` on the task list once every section is done.
 */
export async function rpSoloToCheck(app, t, service, p, { options = {}, guidance = async () => {} } = {}) {
  const page = await openService(app, t, 'residence-permit', service);
  await guidance(await guidanceText(page, t));
  await startFiling(page, t, 'residence-permit');
  const notes = await fillRpPerson(page, t, p, { options });
  return { page, notes };
}

/** From a task list: the check page, by its link. */
export async function toCheck(page, t) {
  await clickLink(page, t('tasks.check'));
  await arrive(page, t('check.title'), 'check');
}

// ---------------------------------------------------------------------
// The journeys, each in the language `t` (permitTexts(lang, form)): the
// permits-*.test.mjs files run them, one language a file.

// A household's first residence permits, in English, on a 360×740 phone
// with axe on every page: an engineer who entered on a Z visa marked 000
// two weeks ago applies for a work permit, and his wife and their
// children of 7 and 12, applicants 2 to 4 of the same filing, for private
// affairs permits joining him (the first person in the application). The
// catalogue lists the services; the entry page's 30 days are counted; the
// marriage certificate is asked of the wife only, a birth certificate of
// each child only, and nobody is asked for his permit; one signed bundle
// for the four, checked by dossier-verify.
/** The answers every member of the household shares but the address. */
const household = {
  entryDate: beijingDay(-14),
  passportIssue: { day: '3', month: '2', year: '2021' },
  passportExpiry: beijingDay(6 * 365),
  visaExpiry: beijingDay(60),
};

/** A member of the household: their pages and answers, by page id. */
function member(display, surname, given, { sex, dob, visa, category, join, months, employer, passport, visaNumber, self = false }) {
  return rpPerson(display, {
    procedure: {},
    entry: { entry_date: household.entryDate, visa_class: visa, visa_stay_days: 0 },
    category: { category },
    ...(category === 'work' ? { 'work-permit': { work_permit_number: 'WP110000202612345' } } : {}),
    validity: { requested_months: months },
    'photo-receipt': { photo_receipt_number: `Y24082812627${passport.slice(-2)}A` },
    ...(join ? { joining: { joining: 'principal', family_relationship: join } } : {}),
    name: { surname, given_names: given },
    'chinese-name': {},
    sex: { sex },
    'date-of-birth': { date_of_birth: dob },
    'place-of-birth': { place_of_birth: 'Manchester' },
    nationality: { nationality: 'GBR' },
    address: { address_in_china: '北京市朝阳区望京街道88号3栋1203室' },
    phone: { phone: '138 0013 8000' },
    employer: { ...(employer ? { employer_or_school: employer } : {}), contact_name: 'Li Wei', contact_phone: '139 1234 5678' },
    passport: {
      passport_type: 'ordinary',
      passport_number: passport,
      passport_issue_date: household.passportIssue,
      passport_expiry: household.passportExpiry,
    },
    'current-document': {
      current_document_kind: 'visa',
      current_document_number: visaNumber,
      current_document_expiry: household.visaExpiry,
    },
  }, { self });
}

export async function householdJourney(app, t) {
  const FORM = 'residence-permit';
  // The catalogue: the five services of the foreigners' residence permit
  // under "Residence permits", the registration under its own heading.
  const all = allTexts(t.lang);
  const catalogue = await openPhone(app, '#/services', { locale: 'en' });
  if (t.lang !== 'en') await switchLanguage(catalogue, '中文', 'zh-CN');
  await main(catalogue).getByRole('heading', { level: 1, name: all('services.title'), exact: true }).waitFor({ timeout: 20_000 });
  await checkA11y(catalogue, 'services');
  const groups = await catalogue.evaluate(() =>
    [...document.querySelectorAll('main .services__group')].map((g) => ({
      heading: g.querySelector('h2')?.textContent.trim(),
      services: [...g.querySelectorAll('li h3 a')].map((a) => ({ text: a.textContent.trim(), href: a.getAttribute('href') })),
    })),
  );
  const residence = groups.find((g) => g.heading === all('services.group.residence'));
  assert.ok(residence, JSON.stringify(groups));
  const rpServices = FORMS[FORM].services.map((s) => all(s.title));
  assert.deepEqual(
    residence.services.map((s) => s.text).filter((x) => rpServices.includes(x)),
    rpServices,
    'the five residence permit services, in order, under "Residence permits"',
  );
  for (const s of FORMS[FORM].services) {
    assert.ok(residence.services.some((l) => l.href.endsWith(`${FORM}/${s.id}`)), `link to ${s.id}`);
  }
  const registration = groups.find((g) => g.heading === all('services.group.registration'));
  assert.ok(registration, 'a heading for the registration');
  assert.deepEqual(registration.services.map((s) => s.text), [all('tr.title')]);
  assert.ok(!residence.services.some((s) => s.text === all('tr.title')), 'the registration is not among the permits');
  await closePage(catalogue);

  // The service's guidance page, then the filing.
  const page = await openService(app, t, FORM, 'first');
  const guidance = await guidanceText(page, t);
  for (const key of ['rp.guidance.who.1', 'rp.guidance.fee.1', 'rp.rule.first_late.summary', 'guidance.documents.always']) {
    assert.ok(guidance.includes(t(key)), `the guidance says: ${t(key)}`);
  }
  await startFiling(page, t, FORM);

  const engineer = member('David', 'smith', 'david', {
    self: true, sex: 'M', dob: { day: '14', month: '6', year: '1984' }, visa: 'Z', category: 'work', months: 24,
    employer: 'Beijing Example Engineering Co., Ltd.', passport: '533380011', visaNumber: 'Z1234567',
  });
  const family = [
    member('Emma', 'smith', 'emma', {
      sex: 'F', dob: { day: '2', month: '9', year: '1986' }, visa: 'S1', category: 'private_affairs', join: 'spouse', months: 24,
      passport: '533380022', visaNumber: 'S1234501',
    }),
    member('Oliver', 'smith', 'oliver', {
      sex: 'M', dob: beijingDay(-(12 * 365 + 100)), visa: 'S1', category: 'private_affairs', join: 'child', months: 24,
      passport: '533380033', visaNumber: 'S1234502',
    }),
    member('Lily', 'smith', 'lily', {
      sex: 'F', dob: beijingDay(-(7 * 365 + 60)), visa: 'S1', category: 'private_affairs', join: 'child', months: 24,
      passport: '533380044', visaNumber: 'S1234503',
    }),
  ];

  // His 30 days from entry: 16 days left, to the date 30 days after entry.
  const deadline = dateText(t, beijingDay(16));
  const daysLeft = t('rp.rule.first_days_left', { days: 16, date: deadline });
  const options = {
    procedure: {
      // The service preset the procedure: "first" is already chosen.
      check: async () => {
        assert.equal(await main(page).getByLabel(t('rp.procedure.option.first'), { exact: true }).isChecked(), true);
      },
    },
  };
  const notes = await fillRpPerson(page, t, engineer, { options });
  // The entry page stops once to tell him the days left, and the period
  // page the fee of a permit of 24 months.
  assert.deepEqual(notes.entry, [daysLeft], 'the entry page says how many days are left');
  assert.deepEqual(notes.validity, [t('rp.rule.fee', { months: 24, fee: 800 })], 'the period page gives the fee');

  // Whom each family member joins: the principal applicant, by his name.
  const joining = {
    joining: {
      check: async () => {
        const labels = await main(page).locator('.radios__label').allTextContents();
        assert.ok(labels.map((l) => l.trim()).includes('David'), `the principal named: ${labels.join(' | ')}`);
      },
    },
  };
  for (const p of family) {
    const theirs = await addRpPerson(page, t, p, { copy: t('copy.mine'), options: joining });
    assert.deepEqual(theirs.entry, [t.about('rp.rule.first_days_left', p.display, { days: 16, date: deadline })], `${p.display}: days left`);
  }

  // What to bring, from the last task list: everyone's documents.
  const lists = await openBring(page, t);
  assert.equal(lists.length, 4, JSON.stringify(lists));
  const docs = (p) => lists.find((l) => l.person?.startsWith(p.display))?.items ?? [];
  const label = (p, key) => (p.self ? t(key) : t.about(key, p.display));
  for (const p of [engineer, ...family]) {
    const items = docs(p);
    assert.ok(items.length > 0, `a list for ${p.display}: ${JSON.stringify(lists)}`);
    const has = (key) => items.includes(label(p, `rp.doc.${key}.label`));
    assert.equal(has('marriage_certificate'), p.display === 'Emma', `${p.display}: marriage certificate`);
    assert.equal(has('birth_certificate'), ['Oliver', 'Lily'].includes(p.display), `${p.display}: birth certificate`);
    // Nobody is asked for the principal's permit: they apply with him.
    assert.equal(has('joined_person_document'), false, `${p.display}: no copy of his permit`);
    assert.equal(has('work_permit'), p === engineer, `${p.display}: work permit`);
    assert.equal(has('employer_letter'), p === engineer, `${p.display}: employer letter`);
    for (const always of ['passport', 'copy_data_page', 'photo_receipt', 'accommodation_registration']) {
      assert.ok(has(always), `${p.display}: ${always}`);
    }
  }
  await page.goBack();
  await waitForHeading(page, t.about('tasks.title', 'Lily'));

  // Everyone in the filing.
  await main(page).getByRole('link', { name: t('people.title'), exact: true }).click();
  await arrive(page, t('people.title'), 'people');
  const people = await mainText(page);
  assert.ok(people.includes(t('people.you_named', { person: 'David' })), people);
  for (const p of family) assert.ok(people.includes(p.display), p.display);
  await waitForHeading(page, t('people.title'));
  await press(page, t('people.check'));
  await arrive(page, t('check.title'), 'check');
  const check = await mainText(page);
  assert.ok(check.includes(daysLeft), `the check page says: ${daysLeft}`);
  for (const p of family) {
    const dl = t.about('rp.rule.first_days_left', p.display, { days: 16, date: deadline });
    assert.ok(check.includes(dl), `and for ${p.display}: ${dl}`);
  }
  assert.ok(!check.includes(t('rp.joined_name.label')), 'no question about the person joined');
  assert.equal(await checkAnswer(page, t('rp.category.label')), t('rp.category.option.work'));

  const { report } = await declareAndSign(page, t, FORM, [engineer, ...family]);
  assert.equal(report.summary.filler_role, 'self');
  await closePage(page);
}

// A student renews her study residence permit 20 days before it ends, in
// Chinese, on a 360×740 phone with axe on every page: the law asks for at
// least 30 days, so the page of her current permit warns that she is 10
// days late; the warning does not block (Continue again goes on), she
// acknowledges it at the declaration, and the signed bundle verifies.
export async function renewalJourney(app, t) {
  const FORM = 'residence-permit';
  const expiry = beijingDay(20);
  const warning = t('rp.rule.renewal_late', { days: 10, date: dateText(t, expiry) });
  // The message names the rule (30 days before the end) and the delay.
  assert.match(warning, t.lang === 'en' ? /at least 30 days before/ : /30日前/);
  assert.match(warning, t.lang === 'en' ? /10 days late/ : /逾期10天/);

  const student = rpSelf({
    entry: { entry_date: beijingDay(-300) },
    category: { category: 'study' },
    'work-permit': null,
    validity: { requested_months: 12 },
    name: { surname: 'nguyen', given_names: 'linh' },
    nationality: { nationality: 'VNM' },
    employer: { employer_or_school: '北京语言大学', contact_name: '王老师', contact_phone: '139 1234 5678' },
    'current-document': {
      current_document_kind: 'residence_permit',
      current_document_number: 'X11000098765',
      current_document_expiry: expiry,
    },
  });

  let warned = '';
  const { page, notes } = await rpSoloToCheck(app, t, 'renewal', student, {
    guidance: async (text) => {
      assert.ok(text.includes(t('rp.summary.renewal_30_days')), 'the guidance gives the 30 days');
    },
    options: {
      procedure: {
        check: async (id, h, page) => {
          assert.equal(await main(page).getByLabel(t('rp.procedure.option.renewal'), { exact: true }).isChecked(), true);
        },
      },
      'current-document': {
        warned: true,
        after: async (id, page) => {
          warned = await mainText(page);
        },
      },
    },
  });
  assert.ok(warned.includes(warning), `the warning: ${warning}\n---\n${warned}`);
  // A warning, not an error: the page has a warning summary, and Continue
  // went on to the task list (fillRpPerson waited for it).

  assert.deepEqual(notes.validity, [t('rp.rule.fee', { months: 12, fee: 800 })], 'the period page gives the fee');
  assert.deepEqual(notes['current-document'], [warning], 'the page of her permit warns');
  await toCheck(page, t);
  const check = await mainText(page);
  assert.ok(check.includes(warning), 'the check page repeats the warning');
  assert.ok(check.includes(t('rp.rule.fee', { months: 12, fee: 800 })), 'the fee for 12 months');
  assert.equal(await checkAnswer(page, t('rp.procedure.label')), t('rp.procedure.option.renewal'));
  assert.equal(await checkAnswer(page, t('rp.category.label')), t('rp.category.option.study'));

  const { warned: acknowledged } = await declareAndSign(page, t, FORM, [student]);
  assert.equal(acknowledged, true, 'the declaration asks her to acknowledge the warning');
  await closePage(page);
}

// A manager who moved flat and changed employer reports the change to his
// residence permit within the 10 days, in English, on a 360×740 phone with
// axe on every page: he ticks the two changes (checkboxes); "What to
// bring" lists the document each change needs (and none for changes he did
// not make), prints on at most 3 A4 pages without the header, footer and
// print button; the last page gives the date to apply by; the signed
// bundle verifies.
export async function changeJourney(app, t) {
  const FORM = 'residence-permit';
  const changed = beijingDay(-6);
  const manager = rpSelf({
    entry: { entry_date: beijingDay(-700) },
    category: { category: 'work' },
    // A change of address and employer is not a change of purpose: the
    // proofs of the category (work permit page) are not asked again.
    'work-permit': null,
    validity: null,
    change: { changed_items: ['address', 'employer'], change_date: changed },
    name: { surname: 'mueller', given_names: 'thomas' },
    sex: { sex: 'M' },
    nationality: { nationality: 'D' },
    address: { address_in_china: '深圳市南山区科技园南路18号2栋801室' },
    employer: { employer_or_school: 'Shenzhen New Example Technology Co., Ltd.', contact_name: 'Chen Jing', contact_phone: '139 1234 5678' },
  });

  const { page, notes } = await rpSoloToCheck(app, t, 'change', manager, {
    guidance: async (text) => {
      assert.ok(text.includes(t('rp.guidance.fee.2')), 'the guidance gives the fee of a change');
      assert.ok(text.includes(t('rp.summary.change_10_days')), 'and the 10 days');
    },
    options: {
      procedure: {
        check: async (id, h, page) => {
          assert.equal(await main(page).getByLabel(t('rp.procedure.option.change'), { exact: true }).isChecked(), true);
        },
      },
      change: {
        check: async (id, h, page) => {
          // Checkboxes, none ticked yet, with the hint "Tick all that apply".
          const boxes = main(page).getByRole('checkbox');
          assert.equal(await boxes.count(), 6);
          for (let i = 0; i < 6; i++) assert.equal(await boxes.nth(i).isChecked(), false);
          assert.ok((await mainText(page)).includes(t('rp.changed_items.hint')));
        },
      },
    },
  });

  // Both ticked changes are kept: the check page lists them.
  assert.deepEqual(notes, { change: [t('rp.rule.fee_change')] }, 'the change page gives the fee, nothing else stops');
  await toCheck(page, t);
  assert.equal(
    await checkAnswer(page, t('rp.changed_items.label')),
    [t('rp.changed_items.option.address'), t('rp.changed_items.option.employer')].join(t('answer.list_separator')),
  );
  const check = await mainText(page);
  assert.ok(check.includes(t('rp.rule.fee_change')), 'the fee of a change');
  assert.ok(!check.includes(t('rp.rule.change_late', { days: 1, date: '' }).slice(0, 30)), 'not late');

  // What to bring: the document of each change made, none of the others.
  const [list] = await openBring(page, t);
  const has = (key) => list.items.includes(t(`rp.doc.${key}.label`));
  assert.ok(has('new_address_registration'), 'the registration at the new address');
  assert.ok(has('new_employer_letter'), 'the letter from the new employer');
  for (const key of ['name_change_proof', 'new_and_old_passport', 'change_other_proof', 'work_permit', 'employer_letter', 'health_certificate']) {
    assert.ok(!has(key), `not: ${key}`);
  }
  for (const key of ['passport', 'application_form', 'photo_receipt']) assert.ok(has(key), key);

  // Its print view: A4, without the header, footer and print button.
  const pages = await checkPrintView(page, t);
  assert.ok(pages <= 3, `${pages} pages`);
  await page.goBack();
  await waitForHeading(page, t('check.title'));

  const { warned } = await declareAndSign(page, t, FORM, [manager]);
  assert.equal(warned, false, 'nothing to acknowledge');
  // The last page: apply within 10 days of the change.
  const done = await mainText(page);
  const by = t('rp.done.deadline', { deadline: dateText(t, beijingDay(4)) });
  assert.ok(done.includes(by), `the last page says: ${by}`);
  await closePage(page);
}

// A teacher whose passport and residence permit were stolen applies for a
// replacement permit, in Chinese, on a 360×740 phone with axe on every
// page: the reissue page gives the steps in order (police report, loss
// certificate, new passport, registration again) and asks the date of the
// loss certificate; the passport page takes the new passport; the lost
// permit's number and expiry may be left out; "What to bring" lists the
// police report, the loss certificate and the new passport, not the
// original passport nor the old accommodation registration; the signed
// bundle verifies.
export async function reissueJourney(app, t) {
  const FORM = 'residence-permit';
  const teacher = rpSelf({
    entry: { entry_date: beijingDay(-500) },
    category: { category: 'work' },
    'work-permit': { work_permit_number: 'WP440000202655555' },
    validity: null,
    reissue: { loss_certificate_date: beijingDay(-12) },
    name: { surname: 'brown', given_names: 'sarah' },
    nationality: { nationality: 'CAN' },
    address: { address_in_china: '广州市天河区天河路385号12楼1201室' },
    employer: { employer_or_school: '广州外国语学校', contact_name: '刘芳', contact_phone: '139 1234 5678' },
    passport: {
      passport_type: 'ordinary',
      passport_number: 'AB9876543',
      // The new passport, issued by the embassy after the theft.
      passport_issue_date: beijingDay(-4),
      passport_expiry: beijingDay(10 * 365),
    },
    // The stolen permit: its number and expiry are not known (no copy).
    'current-document': { current_document_kind: 'residence_permit' },
  });

  const { page, notes } = await rpSoloToCheck(app, t, 'reissue', teacher, {
    guidance: async (text) => {
      assert.ok(text.includes(t('rp.service.reissue.summary')), 'the service summary');
    },
    options: {
      procedure: {
        check: async (id, h, page) => {
          assert.equal(await main(page).getByLabel(t('rp.procedure.option.reissue'), { exact: true }).isChecked(), true);
        },
      },
      reissue: {
        check: async (id, h, page) => {
          // The steps, in order: police report, loss certificate, new
          // passport within its 30 days, registration again, this form.
          const text = await mainText(page);
          let at = -1;
          for (let n = 1; n <= 6; n++) {
            const step = t(`rp.page.reissue.content.${n}`);
            const i = text.indexOf(step);
            assert.ok(i > at, `step ${n} shown, after step ${n - 1}: ${step}`);
            at = i;
          }
          assert.match(t('rp.page.reissue.content.2'), /报案证明/);
        },
      },
      'current-document': {
        check: async (id, h, page) => {
          // For a lost permit the number and expiry are not required.
          const number = main(page).getByLabel(t('rp.current_document_number.label'), { exact: true });
          assert.equal(await number.count(), 1);
        },
      },
    },
  });

  assert.deepEqual(notes, {}, 'no page stops with a note');
  await toCheck(page, t);
  assert.equal(await checkAnswer(page, t('rp.procedure.label')), t('rp.procedure.option.reissue'));
  assert.equal(await checkAnswer(page, t('rp.current_document_kind.label')), t('rp.current_document_kind.option.residence_permit'));
  const check = await mainText(page);
  assert.ok(!check.includes(t('rp.rule.loss_certificate_expired', { date: '' }).slice(0, 12)), 'the loss certificate is still valid');

  const [list] = await openBring(page, t);
  const has = (key) => list.items.includes(t(`rp.doc.${key}.label`));
  for (const key of ['police_report', 'loss_certificate', 'new_passport', 'new_accommodation_registration', 'work_permit', 'employer_letter', 'application_form', 'photo_receipt']) {
    assert.ok(has(key), `listed: ${key}`);
  }
  // The stolen passport cannot be brought; the old registration is replaced.
  for (const key of ['passport', 'copy_visa_page', 'copy_entry_stamp', 'accommodation_registration']) {
    assert.ok(!has(key), `not listed: ${key}`);
  }
  await page.goBack();
  await waitForHeading(page, t('check.title'));

  const { warned } = await declareAndSign(page, t, FORM, [teacher]);
  assert.equal(warned, false);
  await closePage(page);
}

// A retiree cancels her residence permit as she leaves China, in English,
// on a 360×740 phone with axe on every page: the service and its page say
// that this follows local practice (there is no national rule); no photo
// receipt or period is asked; "What to bring" lists the flight booking
// and a photo as local practice, not the application form; the signed
// bundle verifies.
export async function cancellationJourney(app, t) {
  const FORM = 'residence-permit';
  const retiree = rpSelf({
    entry: { entry_date: beijingDay(-900) },
    category: { category: 'private_affairs' },
    'work-permit': null,
    validity: null,
    'photo-receipt': null,
    cancellation: { cancellation_reason: 'leaving', leaving_date: beijingDay(14) },
    name: { surname: 'johnson', given_names: 'margaret' },
    'date-of-birth': { date_of_birth: { day: '5', month: '1', year: '1958' } },
    nationality: { nationality: 'AUS' },
    address: { address_in_china: '昆明市五华区翠湖南路12号' },
    employer: { contact_name: 'Margaret Johnson Jr', contact_phone: '+61 412 345 678' },
  });

  const { page, notes } = await rpSoloToCheck(app, t, 'cancellation', retiree, {
    guidance: async (text) => {
      assert.ok(text.includes(t('rp.service.cancellation.summary')), 'the summary says it follows local practice');
      assert.match(t('rp.service.cancellation.summary'), t.lang === 'en' ? /local practice/ : /当地做法/);
    },
    options: {
      procedure: {
        check: async (id, h, page) => {
          assert.equal(await main(page).getByLabel(t('rp.procedure.option.cancellation'), { exact: true }).isChecked(), true);
        },
      },
      cancellation: {
        check: async (id, h, page) => {
          const text = await mainText(page);
          for (const key of ['rp.page.cancellation.content.1', 'rp.page.cancellation.content.2']) {
            assert.ok(text.includes(t(key)), `the page says: ${t(key)}`);
          }
          assert.match(t('rp.page.cancellation.content.1'), t.lang === 'en' ? /no national rule/ : /无统一规定/);
        },
      },
    },
  });

  assert.deepEqual(notes, {}, 'no page stops with a note');
  await toCheck(page, t);
  assert.equal(await checkAnswer(page, t('rp.procedure.label')), t('rp.procedure.option.cancellation'));
  assert.equal(await checkAnswer(page, t('rp.cancellation_reason.label')), t('rp.cancellation_reason.option.leaving'));
  assert.equal(await checkAnswer(page, t('rp.photo_receipt_number.label')), undefined, 'no photo receipt asked');
  assert.equal(await checkAnswer(page, t('rp.requested_months.label')), undefined, 'no period asked');

  const [list] = await openBring(page, t);
  const has = (key) => list.items.includes(t(`rp.doc.${key}.label`));
  for (const key of ['flight_booking', 'cancellation_photo', 'passport']) assert.ok(has(key), `listed: ${key}`);
  for (const key of ['application_form', 'photo_receipt', 'work_ended_proof', 'study_ended_proof', 'private_matter_proof', 'health_certificate']) {
    assert.ok(!has(key), `not listed: ${key}`);
  }
  const bring = await mainText(page);
  assert.ok(bring.includes(t('rp.doc.flight_booking.hint')), 'the booking: local practice');
  assert.ok(bring.includes(t('rp.doc.cancellation_photo.hint')), 'the photo: local practice');
  await page.goBack();
  await waitForHeading(page, t('check.title'));

  const { warned } = await declareAndSign(page, t, FORM, [retiree]);
  assert.equal(warned, false);
  await closePage(page);
}

// The residence permit for Hong Kong, Macao and Taiwan residents
// (港澳台居民居住证), first application, on a 360×740 phone with axe on
// every page. In Chinese: a Hong Kong resident who has lived and worked in
// Shenzhen for seven months applies, with a labour contract as proof; the
// signed bundle verifies. In English: the same person a day short of six
// months is stopped on the page of the date, with the date they can apply
// from (not signed).
/** A Hong Kong resident working in Shenzhen, living there since `since`. */
const resident = (since) =>
  rpPerson('Ka Ming', {
    procedure: {},
    name: { chinese_name: '陈家明', latin_surname: 'chan', latin_given_names: 'ka ming' },
    region: { region: 'hk' },
    sex: { sex: 'M' },
    'date-of-birth': { date_of_birth: { day: '8', month: '5', year: '1990' } },
    phone: { phone: '+852 9123 4567' },
    'travel-permit': { hk_mo_permit_number: 'H12345678', travel_permit_expiry: beijingDay(4 * 365) },
    'photo-receipt': { photo_receipt_number: 'Y2408281262770A' },
    'living-since': { living_since: since },
    basis: { basis: ['employment'] },
    proofs: { employment_proof: 'labour_contract' },
    address: {
      address_province: '广东省',
      address_city: '深圳市',
      address_district: '南山区',
      address_street: '科技园南路18号',
      address_building: '2栋',
      address_room: '801室',
    },
  }, { self: true });

/** A date as the Date of its Beijing calendar day (UTC midnight). */
const asDate = ({ day, month, year }) => new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
const parts = (d) => ({ day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) });

/** Six calendar months after `d`, the day kept or, past the month's end, its last day. */
function sixMonthsAfter(d) {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 6;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last)));
}

export async function hmtFirstJourney(app, t) {
  const FORM = 'hmt-residence-permit';
  const me = resident(beijingDay(-213));
  const page = await openService(app, t, FORM, 'first');
  const guidance = await guidanceText(page, t);
  for (const key of ['hmt.guidance.who.residents', 'hmt.guidance.fee.first', 'hmt.guidance.time.validity']) {
    assert.ok(guidance.includes(t(key)), `the guidance says: ${t(key)}`);
  }
  await startFiling(page, t, FORM);
  const notes = await fillPerson(page, t, FORM, me, {
    options: {
      procedure: {
        check: async (id, h, page) => {
          assert.equal(await main(page).getByLabel(t('hmt.procedure.option.first'), { exact: true }).isChecked(), true);
        },
      },
    },
  });
  assert.deepEqual(notes, {}, 'no page stops with a note');
  await toCheck(page, t);
  assert.equal(await checkAnswer(page, t('hmt.region.label')), t('hmt.region.option.hk'));
  assert.equal(await checkAnswer(page, t('hmt.employment_proof.label')), t('hmt.employment_proof.option.labour_contract'));
  assert.equal(await checkAnswer(page, t('hmt.latin_surname.label')), 'CHAN');
  const check = await mainText(page);
  assert.ok(!check.includes(t('hmt.rule.six_months', { date: '' }).slice(0, 10)), 'seven months: no six-month problem');

  const [list] = await openBring(page, t);
  const has = (key) => list.items.includes(t(`hmt.doc.${key}.label`));
  for (const key of ['hk_mo_travel_permit', 'photo_receipt', 'labour_contract']) assert.ok(has(key), `listed: ${key}`);
  for (const key of ['tw_travel_permit', 'current_permit', 'loss_report', 'birth_certificate', 'guardian_id', 'lease']) {
    assert.ok(!has(key), `not listed: ${key}`);
  }
  await page.goBack();
  await waitForHeading(page, t('check.title'));

  const { report } = await declareAndSign(page, t, FORM, [me]);
  assert.equal(report.summary.filler_role, 'self');
  assert.ok((await mainText(page)).includes(t('hmt.done.next')), 'where to go next');
  await closePage(page);
}

export async function hmtTooSoonJourney(app, t) {
  const FORM = 'hmt-residence-permit';
  // The latest start date whose six months end after today: tomorrow, or
  // where months differ in length the nearest day after today.
  const today = asDate(beijingDay(0));
  let since = null;
  let from = null;
  for (let back = 170; back <= 200; back++) {
    const d = new Date(today.getTime() - back * 86_400_000);
    const f = sixMonthsAfter(d);
    if (f > today && (from === null || f < from)) {
      since = d;
      from = f;
    }
  }
  assert.ok(from && from > today, 'a start date six months less a day ago');
  const me = resident(parts(since));
  const page = await openService(app, t, FORM, 'first');
  await guidanceText(page, t);
  await startFiling(page, t, FORM);
  // Straight to "Living on the mainland".
  await clickLink(page, t(FORMS[FORM].sections.find((s) => s.id === 'eligibility').title));
  const h = heading(FORM, t, 'living-since');
  await arrive(page, h, 'living-since');
  await fillPage(page, t, t, FORM, 'living-since', me.a['living-since']);
  await pressContinue(page, t);
  await main(page).locator('#error-summary').waitFor();
  await waitForHeading(page, h);
  await arrive(page, h, 'living-since (six months not reached)');
  const message = t('hmt.rule.six_months', { date: dateText(t, parts(from)) });
  assert.deepEqual((await summaryLinks(page)).map((l) => l.text), [message]);
  assert.deepEqual(Object.values(await inlineErrors(page)), [message]);
  // An error, not a warning: Continue again still stops.
  await pressContinue(page, t);
  await main(page).locator('#error-summary').waitFor();
  await waitForHeading(page, h);
  await closePage(page);
}

export { beijingDay };

/**
 * The check character of an 18-character identity or residence permit
 * number from its first 17 digits (GB 11643, ISO 7064 MOD 11-2).
 */
export function idCheckDigit(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  return '10X98765432'[sum % 11];
}

// The Hong Kong resident of hmtFirstJourney renews or replaces the permit.
// Renewal: they moved within Shenzhen, so the permit is renewed for the
// new address (换领), with their current permit's number (810000, the date
// of birth, a sequence, the check character); no six months or proof of
// work is asked again. Reissue (补领): the permit was lost, its number
// left out; the report of the loss is listed as asked by some offices.

/** The Hong Kong resident's pages for a renewal or a reissue. */
function holder(procedure) {
  const first = resident(beijingDay(-800));
  const a = { ...first.a };
  for (const id of ['living-since', 'basis', 'proofs']) delete a[id];
  if (procedure === 'renewal') {
    a['renewal-reason'] = { renewal_reason: 'address_change' };
    const head = '81000019900508123';
    a['current-permit'] = { residence_permit_number: head + idCheckDigit(head) };
    a.address = { ...a.address, address_district: '福田区', address_street: '深南大道1000号', address_room: '1502室' };
  } else {
    a['current-permit'] = {};
  }
  // Keep the page order of the form: procedure, then the request's pages.
  const ordered = {};
  for (const p of FORMS['hmt-residence-permit'].pages) if (p.id in a) ordered[p.id] = a[p.id];
  return { ...first, a: ordered };
}

export async function hmtRenewalJourney(app, t, procedure = 'renewal') {
  const FORM = 'hmt-residence-permit';
  const me = holder(procedure);
  const page = await openService(app, t, FORM, procedure);
  const guidance = await guidanceText(page, t);
  assert.ok(guidance.includes(t('hmt.guidance.fee.renewal')), 'the fee of a renewal or replacement');
  await startFiling(page, t, FORM);
  const notes = await fillPerson(page, t, FORM, me, {
    options: {
      procedure: {
        check: async (id, h, page) => {
          assert.equal(await main(page).getByLabel(t(`hmt.procedure.option.${procedure}`), { exact: true }).isChecked(), true);
        },
      },
    },
  });
  assert.deepEqual(notes, {}, 'no page stops with a note');
  await toCheck(page, t);
  assert.equal(await checkAnswer(page, t('hmt.procedure.label')), t(`hmt.procedure.option.${procedure}`));
  // Not asked again: the six months and the proof of work, home or study.
  assert.equal(await checkAnswer(page, t('hmt.living_since.label')), undefined);
  assert.equal(await checkAnswer(page, t('hmt.employment_proof.label')), undefined);

  const [list] = await openBring(page, t);
  const has = (key) => list.items.includes(t(`hmt.doc.${key}.label`));
  const expected = procedure === 'renewal' ? ['current_permit', 'new_address_proof'] : ['loss_report'];
  for (const key of ['hk_mo_travel_permit', 'photo_receipt', ...expected]) assert.ok(has(key), `listed: ${key}`);
  const unexpected = procedure === 'renewal' ? ['loss_report'] : ['current_permit', 'new_address_proof'];
  for (const key of [...unexpected, 'labour_contract', 'lease', 'tw_travel_permit']) assert.ok(!has(key), `not listed: ${key}`);
  if (procedure === 'reissue') assert.ok((await mainText(page)).includes(t('hmt.doc.loss_report.hint')), 'asked by some offices only');
  await page.goBack();
  await waitForHeading(page, t('check.title'));

  const { warned } = await declareAndSign(page, t, FORM, [me]);
  assert.equal(warned, false);
  await closePage(page);
}

export const hmtReissueJourney = (app, t) => hmtRenewalJourney(app, t, 'reissue');
