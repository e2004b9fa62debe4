// Shared steps for Dossier's journey tests: the texts in each language (read
// from the same rules/locales files the app ships), Beijing dates, waiting
// for a page, filling question pages by their labels, and the whole "stay
// with a host" journey.
//
// Selectors are by role and label, scoped to <main>: the header shows the
// form's title ("Register where you are staying in China"), which would
// otherwise match words such as "where you are staying".

import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

import { newPhonePage } from './support/harness.mjs';

const ROOT = new URL('../../', import.meta.url);

/**
 * `t(key, params)` for a shipped language, from rules/locales/<lang>/*.json,
 * and the messages of each `forms` entry: a folder (relative to the
 * repository) holding `locales/<lang>/<form>.json`, such as the test form's
 * `{ dir: 'tests/forms', form: 'contact-details' }`.
 */
export function texts(lang, forms = [{ dir: 'rules', form: 'temporary-residence' }]) {
  const messages = {};
  const files = [
    `rules/locales/${lang}/ui.json`,
    `rules/locales/${lang}/countries.json`,
    ...forms.map(({ dir, form }) => `${dir}/locales/${lang}/${form}.json`),
  ];
  for (const file of files) {
    Object.assign(messages, JSON.parse(readFileSync(new URL(file, ROOT), 'utf8')));
  }
  const fill = (text, params) =>
    text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  const lookup = (key) => {
    const text = messages[key];
    if (text === undefined) throw new Error(`no text ${key} in ${lang}`);
    return text;
  };
  // A message about the applicant may have a "self" and an "other" variant.
  const t = (key, params = {}) => {
    const text = lookup(key);
    return fill(typeof text === 'string' ? text : text.self, params);
  };
  /** The message as a helper sees it about `name` ("What is Maria's …?"). */
  t.about = (key, name, params = {}) => {
    const text = lookup(key);
    const other = typeof text === 'string' ? text : text.other;
    const named = other.startsWith('{name}') ? name.charAt(0).toUpperCase() + name.slice(1) : name;
    return fill(other, { ...params, name: named });
  };
  t.lang = lang;
  /** A field's label followed by " (optional)". */
  t.optional = (key) => `${t(key)} ${t('app.optional')}`;
  return t;
}

export const en = texts('en');
export const zh = texts('zh-CN');

const pad = (n) => String(n).padStart(2, '0');

/**
 * Beijing wall-clock time (UTC+08:00, no daylight saving) `offsetMs` from
 * now, as the parts the date inputs take: { day, month, year, time }.
 */
export function beijing(offsetMs = 0) {
  const d = new Date(Date.now() + 8 * 3600_000 + offsetMs);
  return {
    day: String(d.getUTCDate()),
    month: String(d.getUTCMonth() + 1),
    year: String(d.getUTCFullYear()),
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
  };
}

/** Beijing calendar date `days` days from today. */
export function beijingDay(days) {
  const { day, month, year } = beijing(days * 24 * 3600_000);
  return { day, month, year };
}

/** How the app writes a date: "27 March 1985", "1985年3月27日". */
export function dateText(t, { day, month, year }) {
  return t('date.format', { day, month, year, month_name: t(`date.month_name.${Number(month)}`) });
}

export const main = (page) => page.locator('main');

const normal = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The text of #page-heading, whitespace normalised. */
export async function headingText(page) {
  return page.evaluate(() =>
    (document.getElementById('page-heading')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
  );
}

/** Wait until the page's h1 (#page-heading) reads exactly `text`. */
export async function waitForHeading(page, text, timeout = 10_000) {
  try {
    await page.waitForFunction(
      (want) =>
        (document.getElementById('page-heading')?.textContent ?? '').replace(/\s+/g, ' ').trim() ===
        want,
      normal(text),
      { timeout },
    );
  } catch {
    throw new Error(
      `expected the heading "${normal(text)}", found "${await headingText(page)}" at ${page.url()}`,
    );
  }
}

/** A fresh phone page (own context) of `app` (serveAppOnce) open at `hash`. */
export async function openPhone(app, hash = '#/', options = {}) {
  const page = await newPhonePage(app.browser, options);
  page.setDefaultTimeout(10_000);
  await openApp(page, app.server.url, hash);
  return page;
}

/** Closes a page's context, first asserting that it logged no error. */
export async function closePage(page) {
  assert.deepEqual(page.errors, [], 'no console errors or uncaught page errors');
  await page.context().close();
}

/** Open the app at `hash` and wait until it has rendered a page. */
export async function openApp(page, baseUrl, hash = '#/') {
  await page.goto(baseUrl + hash, { waitUntil: 'load' });
  await page.locator('#page-heading').waitFor({ state: 'attached', timeout: 20_000 });
}

/** Click a button (or a link styled as one) in main by its exact text. */
export async function press(page, name) {
  await main(page).getByRole('button', { name, exact: true }).click();
}

export const pressContinue = (page, t) => press(page, t('app.continue'));

export async function clickLink(page, name) {
  await main(page).getByRole('link', { name, exact: true }).click();
}

/** A text input or select in main by its label. */
export const byLabel = (page, label) => main(page).getByLabel(label, { exact: true });

/** A fieldset (radios or date parts) in main by its legend. */
export const group = (page, legend) => main(page).getByRole('group', { name: legend, exact: true });

/** Fill the day, month, year (and time) inputs of the date group `legend`. */
export async function fillDate(page, t, legend, { day, month, year, time }) {
  const g = group(page, legend);
  await g.getByLabel(t('date.day'), { exact: true }).fill(day);
  await g.getByLabel(t('date.month'), { exact: true }).fill(month);
  await g.getByLabel(t('date.year'), { exact: true }).fill(year);
  if (time !== undefined) await g.getByLabel(t('date.time'), { exact: true }).fill(time);
}

/** Check the radio `option` in the group `legend`. */
export async function choose(page, legend, option) {
  await group(page, legend).getByLabel(option, { exact: true }).check();
}

/** The links of the error summary, with their text and target. */
export async function summaryLinks(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('#error-summary a')].map((a) => ({
      text: a.textContent.replace(/\s+/g, ' ').trim(),
      href: a.getAttribute('href'),
    })),
  );
}

/** Inline error messages by field id (without the visually hidden "Error:"). */
export async function inlineErrors(page) {
  return page.evaluate(() => {
    const out = {};
    for (const p of document.querySelectorAll('main .error-message')) {
      const clone = p.cloneNode(true);
      clone.querySelectorAll('.visually-hidden').forEach((n) => n.remove());
      out[p.id.replace(/-error$/, '')] = clone.textContent.replace(/\s+/g, ' ').trim();
    }
    return out;
  });
}

/** The answer shown on the check page in the row labelled `label`. */
export async function checkAnswer(page, label) {
  return page.evaluate((want) => {
    for (const row of document.querySelectorAll('main .summary-list__row')) {
      const key = row.querySelector('dt')?.textContent.replace(/\s+/g, ' ').trim();
      if (key === want) {
        return row.querySelector('.summary-list__value')?.textContent.replace(/\s+/g, ' ').trim();
      }
    }
    return undefined;
  }, label);
}

/** The status text shown beside a section on the task list. */
export async function taskStatus(page, sectionTitle) {
  const item = main(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: sectionTitle, exact: true }) });
  return normal(await item.locator('.task-list__status').textContent());
}

/** Every key in localStorage. */
export const storageKeys = (page) => page.evaluate(() => Object.keys(localStorage));

/** Switch language with the header's switcher and wait for it to apply. */
export async function switchLanguage(page, name, lang) {
  await page
    .getByRole('navigation')
    .getByRole('button', { name, exact: true })
    .click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang, { timeout: 10_000 });
}

/**
 * A file for an upload question: a JPEG whose header says `width` × `height`
 * pixels, padded to `size` bytes, or a small PDF.
 */
export function jpegFile(name, { width = 354, height = 472, size = 30_000 } = {}) {
  const buffer = Buffer.alloc(size, 0x55);
  Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff]).copy(buffer);
  return { name, mimeType: 'image/jpeg', buffer };
}

export function pdfFile(name, size = 2_000) {
  const buffer = Buffer.alloc(size, 0x30);
  Buffer.from(`%PDF-1.7\n% ${name}\n`).copy(buffer);
  return { name, mimeType: 'application/pdf', buffer };
}

/** Choose `file` in the file input labelled `label`; wait until it is kept. */
export async function upload(page, t, label, file) {
  await byLabel(page, label).setInputFiles(file);
  await main(page).getByText(t('file.chosen', { name: file.name }), { exact: false }).waitFor({ timeout: 10_000 });
}

/**
 * Choose `file` in the file input labelled `label` where it will be
 * refused: wait for the error summary to take focus; return its texts and
 * the inline messages by field id.
 */
export async function refused(page, label, file) {
  // A summary already shown keeps focus: move it off, so that the summary
  // taking focus again says this file was refused.
  await page.evaluate(() => document.activeElement?.blur());
  await byLabel(page, label).setInputFiles(file);
  await page.locator('#error-summary').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
  return { summary: (await summaryLinks(page)).map((l) => l.text), inline: await inlineErrors(page) };
}

/** The bytes of every file kept in IndexedDB (`dossier`/`files`), as Buffers. */
export async function storedFiles(page) {
  const list = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const q = indexedDB.open('dossier');
        // No database yet: do not make one (the app's would lack its stores).
        q.onupgradeneeded = () => q.transaction.abort();
        q.onerror = () => resolve([]);
        q.onsuccess = () => {
          const db = q.result;
          if (!db.objectStoreNames.contains('files')) {
            db.close();
            return resolve([]);
          }
          const all = db.transaction('files').objectStore('files').getAll();
          all.onsuccess = async () => {
            db.close();
            const out = [];
            for (const blob of all.result) {
              const bytes = new Uint8Array(await blob.arrayBuffer());
              let s = '';
              for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
              out.push(btoa(s));
            }
            resolve(out);
          };
        };
      }),
  );
  return list.map((b) => Buffer.from(b, 'base64'));
}

/** The answers the host journey gives. Dates are computed when called. */
export function hostAnswers() {
  return {
    province: 'Beijing',
    city: 'Beijing',
    district: 'Chaoyang',
    street: '88 Zhongshan Road',
    building: 'Building 3',
    room: '12th floor, room 1203',
    postcode: '100020',
    // Moved in two hours ago, Beijing time: within the 24 hours.
    arrival: beijing(-2 * 3600_000),
    departure: beijingDay(30),
    hostName: 'Wang Fang',
    hostId: '11010519491231002X',
    hostPhone: '139 1234 5678',
    surname: 'smith',
    givenNames: 'john paul',
    dateOfBirth: { day: '27', month: '3', year: '1985' },
    nationality: 'GBR',
    phone: '138 0013 8000',
    passport: 'E12345678',
    passportExpiry: beijingDay(5 * 365),
    placeOfIssue: 'London',
    entryDate: beijingDay(-3),
    port: 'Beijing Capital International Airport',
    visaType: 'L',
    visaNumber: 'V1234567',
    visaExpiry: beijingDay(60),
    reason: 'tourism',
  };
}

/** On "Who is filling in this form?": choose `role` and continue. */
export async function chooseRole(page, t, role) {
  await choose(page, t('filler.title'), t(`filler.role.${role}`));
  await pressContinue(page, t);
}

/** From the start page of a new filing to the task list, as the applicant. */
export async function startAsMyself(page, t) {
  await press(page, t('start.start'));
  await waitForHeading(page, t('filler.title'));
  await chooseRole(page, t, 'self');
  await waitForHeading(page, t('tasks.title'));
}

/**
 * From the start page to the task list with every section completed, for a
 * stay with a host, in the language `t`. `onPage(label)` runs on arrival at
 * each page (before answering). On the way, the name page is shown again
 * with Back after Continue, to assert the names are now in capitals.
 */
export async function completeHostJourney(page, t, a = hostAnswers(), { onPage = async () => {} } = {}) {
  const arrive = async (heading, label) => {
    await waitForHeading(page, heading);
    await onPage(label);
  };

  await arrive(t('tr.title'), 'start');
  await press(page, t('start.start'));
  await arrive(t('filler.title'), 'who is filling it in');
  await chooseRole(page, t, 'self');
  await arrive(t('tasks.title'), 'task list (not started)');
  for (const key of ['accommodation', 'about-you', 'documents', 'uploads']) {
    assert.equal(await taskStatus(page, t(`tr.section.${key}.title`)), t('tasks.status.not_started'));
  }

  // Where you are staying
  await clickLink(page, t('tr.section.accommodation.title'));
  await arrive(t('tr.page.housing-type.title'), 'housing-type');
  await choose(page, t('tr.page.housing-type.title'), t('tr.housing_type.option.with_host'));
  await pressContinue(page, t);

  await arrive(t('tr.page.address.title'), 'address');
  await byLabel(page, t('tr.address_province.label')).fill(a.province);
  await byLabel(page, t('tr.address_city.label')).fill(a.city);
  await byLabel(page, t('tr.address_district.label')).fill(a.district);
  await byLabel(page, t('tr.address_street.label')).fill(a.street);
  await byLabel(page, t.optional('tr.address_building.label')).fill(a.building);
  await byLabel(page, t('tr.address_room.label')).fill(a.room);
  await byLabel(page, t.optional('tr.postcode.label')).fill(a.postcode);
  await pressContinue(page, t);

  await arrive(t('tr.page.arrival.title'), 'arrival');
  await fillDate(page, t, t('tr.page.arrival.title'), a.arrival);
  await pressContinue(page, t);

  await arrive(t('tr.page.departure.title'), 'departure');
  await fillDate(page, t, t('tr.page.departure.title'), a.departure);
  await pressContinue(page, t);

  await arrive(t('tr.page.host.title'), 'host');
  await byLabel(page, t('tr.host_name.label')).fill(a.hostName);
  await choose(page, t('tr.host_id_type.label'), t('tr.host_id_type.option.cn_resident_id'));
  await byLabel(page, t('tr.host_id_number.label')).fill(a.hostId);
  await byLabel(page, t('tr.host_phone.label')).fill(a.hostPhone);
  await pressContinue(page, t);

  await arrive(t('tasks.title'), 'task list (one section done)');
  assert.equal(await taskStatus(page, t('tr.section.accommodation.title')), t('tasks.status.completed'));

  // About you
  await clickLink(page, t('tr.section.about-you.title'));
  await arrive(t('tr.page.name.title'), 'name');
  await byLabel(page, t('tr.surname.label')).fill(a.surname);
  await byLabel(page, t('tr.given_names.label')).fill(a.givenNames);
  await pressContinue(page, t);

  const chineseNameHeading = `${t('tr.page.chinese-name.title')} ${t('app.optional')}`;
  await waitForHeading(page, chineseNameHeading);
  // Back to the name page: the names are now shown as accepted, in capitals.
  await main(page).getByRole('link', { name: t('app.back'), exact: true }).click();
  await waitForHeading(page, t('tr.page.name.title'));
  assert.equal(await byLabel(page, t('tr.surname.label')).inputValue(), a.surname.toUpperCase());
  assert.equal(await byLabel(page, t('tr.given_names.label')).inputValue(), a.givenNames.toUpperCase());
  await pressContinue(page, t);

  await arrive(chineseNameHeading, 'chinese-name');
  await pressContinue(page, t); // optional: left blank

  await arrive(t('tr.page.sex.title'), 'sex');
  await choose(page, t('tr.page.sex.title'), t('tr.sex.option.F'));
  await pressContinue(page, t);

  await arrive(t('tr.page.date-of-birth.title'), 'date-of-birth');
  await fillDate(page, t, t('tr.page.date-of-birth.title'), a.dateOfBirth);
  await pressContinue(page, t);

  await arrive(t('tr.page.nationality.title'), 'nationality');
  await byLabel(page, t('tr.page.nationality.title')).selectOption(a.nationality);
  await pressContinue(page, t);

  await arrive(t('tr.page.phone.title'), 'phone');
  await byLabel(page, t('tr.page.phone.title')).fill(a.phone);
  await pressContinue(page, t);

  await arrive(t('tasks.title'), 'task list (two sections done)');
  assert.equal(await taskStatus(page, t('tr.section.about-you.title')), t('tasks.status.completed'));

  // Your passport, visa and entry
  await clickLink(page, t('tr.section.documents.title'));
  await arrive(t('tr.page.entry-document-type.title'), 'entry-document-type');
  await choose(page, t('tr.page.entry-document-type.title'), t('tr.entry_document_type.option.passport'));
  await pressContinue(page, t);

  await arrive(t('tr.page.entry-document-details.title'), 'entry-document-details');
  await byLabel(page, t('tr.entry_document_number.label')).fill(a.passport);
  await fillDate(page, t, t('tr.entry_document_expiry.label'), a.passportExpiry);
  await byLabel(page, t.optional('tr.entry_document_place_of_issue.label')).fill(a.placeOfIssue);
  await pressContinue(page, t);

  await arrive(t('tr.page.entry.title'), 'entry');
  await fillDate(page, t, t('tr.entry_date.label'), a.entryDate);
  await byLabel(page, t.optional('tr.port_of_entry.label')).fill(a.port);
  await pressContinue(page, t);

  await arrive(t('tr.page.visa-type.title'), 'visa-type');
  await byLabel(page, t('tr.page.visa-type.title')).selectOption(a.visaType);
  await pressContinue(page, t);

  await arrive(t('tr.page.visa-details.title'), 'visa-details');
  await byLabel(page, t('tr.visa_number.label')).fill(a.visaNumber);
  await fillDate(page, t, t('tr.visa_expiry.label'), a.visaExpiry);
  await pressContinue(page, t);

  await arrive(t('tr.page.reason-for-stay.title'), 'reason-for-stay');
  await byLabel(page, t('tr.page.reason-for-stay.title')).selectOption(a.reason);
  await pressContinue(page, t);

  await arrive(t('tasks.title'), 'task list (three sections done)');
  assert.equal(await taskStatus(page, t('tr.section.documents.title')), t('tasks.status.completed'));

  // Photo and copies of documents
  await clickLink(page, t('tr.section.uploads.title'));
  await arrive(t('tr.page.upload-photo.title'), 'upload-photo');
  await upload(page, t, t('tr.page.upload-photo.title'), jpegFile('photo.jpg'));
  await pressContinue(page, t);
  for (const [key, name] of [
    ['upload-data-page', 'passport.pdf'],
    ['upload-visa-page', 'visa.pdf'],
    ['upload-entry-stamp', 'stamp.pdf'],
  ]) {
    await arrive(t(`tr.page.${key}.title`), key);
    await upload(page, t, t(`tr.page.${key}.title`), pdfFile(name));
    await pressContinue(page, t);
  }
  await arrive(t('tr.page.upload-housing.title'), 'upload-housing');
  await upload(page, t, t('tr.host_id_copy.label'), pdfFile('host-id.pdf'));
  await pressContinue(page, t);

  await arrive(t('tasks.title'), 'task list (all done)');
}
