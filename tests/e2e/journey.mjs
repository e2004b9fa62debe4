// Shared steps for Dossier's journey tests: the texts in each language (read
// from the same rules/locales files the app ships), Beijing dates, waiting
// for a page, filling question pages by their labels, how each question
// page is answered and which pages each section shows for given answers
// (sectionPages, answerPages), checking a signed bundle with the verifier,
// and the whole "stay with a host" journey.
//
// Selectors are by role and label, scoped to <main>: the header shows the
// form's title ("Register where you are staying in China"), which would
// otherwise match words such as "where you are staying".

import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

// The app's own page: a built page may still sit beside it for a moment.
export const main = (page) => page.locator('#app main');

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

/** The link that opens the registration from the catalogue of services. */
export const REGISTRATION = '#/service/temporary-residence/register';

/**
 * Open the app at `hash` and wait until it has rendered a page. With more
 * than one service shipped, a device that has not chosen one sees the
 * catalogue first: then the registration is opened by its link, as a
 * user choosing it would, and the page at `hash` after it.
 */
export async function openApp(page, baseUrl, hash = '#/') {
  await page.goto(baseUrl + hash, { waitUntil: 'load' });
  // The app's own heading, not the built page's that may come first.
  const heading = page.locator('#app #page-heading');
  await heading.waitFor({ state: 'attached', timeout: 20_000 });
  if (hash === '#/services' || hash.startsWith('#/service/')) return;
  const onCatalogue = await page.locator('.services__group').count();
  if (!onCatalogue) return;
  await page.evaluate((link) => { location.hash = link; }, REGISTRATION);
  await page.locator('.services__group').first().waitFor({ state: 'detached', timeout: 20_000 });
  await heading.waitFor({ state: 'attached', timeout: 20_000 });
  if (hash !== '#/') {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await page.waitForFunction((h) => location.hash === h, hash);
  }
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

/** The form the app ships: its pages (title, fields, shared) and roles. */
export const FORM = JSON.parse(readFileSync(new URL('rules/forms/temporary-residence.json', ROOT), 'utf8'));
const PAGES = Object.fromEntries(FORM.pages.map((p) => [p.id, p]));

/** A role's label on "Who is filling in this form?", as the form names it. */
export const roleLabel = (t, role) => t(FORM.roles.find((r) => r.id === role).label);

/**
 * The heading of the page `id` in the words `T`: its title, followed by
 * " (optional)" when its only question is optional (the question is then
 * the heading).
 */
export function pageHeading(T, id) {
  const { title, fields = [] } = PAGES[id];
  const optional = fields.length === 1 && !fields[0].required && !fields[0].required_if;
  return optional ? `${T(title)} ${T('app.optional')}` : T(title);
}

/** The answers the host journey gives. Dates are computed when called. */
export function hostAnswers() {
  return {
    housingType: 'with_host',
    registrationReason: 'new_address',
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
    housingPapers: 'yes',
    surname: 'smith',
    givenNames: 'john paul',
    sex: 'F',
    dateOfBirth: { day: '27', month: '3', year: '1985' },
    nationality: 'GBR',
    phone: '138 0013 8000',
    documentType: 'passport',
    passport: 'E12345678',
    passportExpiry: beijingDay(5 * 365),
    placeOfIssue: 'London',
    entryDate: beijingDay(-3),
    port: 'Beijing Capital International Airport',
    visaType: 'L',
    visaNumber: 'V1234567',
    // "Duration of each stay" on the visa: 90 days from the day after entry.
    visaStayDays: '90',
    reason: 'tourism',
  };
}

/** What one fills in on "Your details" and "Your identity document". */
export function helperAnswers(role) {
  return {
    helperName: 'Wang Fang',
    ...(role === 'organisation'
      ? { organisation: 'Shenzhen Example Trading Co., Ltd.', organisationCode: '91350100M000100Y43' }
      : { helperIdType: 'cn_resident_id', helperId: '11010519491231002X' }),
    helperPhone: '139 1234 5678',
  };
}

/** The housing documents asked for each kind of home (upload-housing). */
export const HOUSING_UPLOADS = {
  own_property: ['property_certificate_copy'],
  rented: ['lease_contract_copy', 'landlord_id_copy', 'landlord_property_certificate_copy'],
  with_host: ['host_id_copy'],
  dormitory: ['dormitory_certificate_copy'],
};

/**
 * The name of the file uploaded for `field` for the person with answers `a`
 * (photo-john.jpg, copy_data_page-john.pdf…): each person's files differ.
 */
export function uploadName(field, a) {
  const who = a.givenNames.split(' ')[0].toLowerCase();
  return `${field}-${who}.${field === 'photo' ? 'jpg' : 'pdf'}`;
}

/** A field's label followed by " (optional)", in the words `T`. */
const optional = (T, key) => `${T(key)} ${T('app.optional')}`;

/**
 * How each question page is answered from the answers `a`: `t` gives the
 * app's own words (date parts, file notices), `T` the words about the
 * person the page is about (t itself for "you").
 */
const ANSWER = {
  'helper-details': async ({ page, T, a }) => {
    await byLabel(page, T('hh.helper_name.label')).fill(a.helperName);
    if (a.organisation) {
      await byLabel(page, T('hh.helper_organisation.label')).fill(a.organisation);
      await byLabel(page, T('hh.helper_organisation_code.label')).fill(a.organisationCode);
    }
    await byLabel(page, T('hh.helper_phone.label')).fill(a.helperPhone);
  },
  'helper-id': async ({ page, T, a }) => {
    await choose(page, T('hh.helper_id_type.label'), T(`tr.host_id_type.option.${a.helperIdType}`));
    await byLabel(page, T('hh.helper_id_number.label')).fill(a.helperId);
  },
  relationship: ({ page, T, a }) =>
    choose(page, T('hh.page.relationship.title'), T(`hh.relationship.option.${a.relationship}`)),
  'relationship-proof': async ({ page, t, T, a }) => {
    if (a.proof) await upload(page, t, optional(T, 'hh.relationship_proof.label'), pdfFile(uploadName('relationship_proof', a)));
  },
  'housing-type': ({ page, T, a }) =>
    choose(page, T('tr.page.housing-type.title'), T(`tr.housing_type.option.${a.housingType}`)),
  'registration-reason': ({ page, T, a }) =>
    choose(page, T('tr.page.registration-reason.title'), T(`tr.registration_reason.option.${a.registrationReason}`)),
  address: async ({ page, T, a }) => {
    await byLabel(page, T('tr.address_province.label')).fill(a.province);
    await byLabel(page, T('tr.address_city.label')).fill(a.city);
    await byLabel(page, T('tr.address_district.label')).fill(a.district);
    await byLabel(page, T('tr.address_street.label')).fill(a.street);
    for (const [key, value] of [
      ['tr.address_compound.label', a.compound],
      ['tr.address_building.label', a.building],
      ['tr.address_room.label', a.room],
      ['tr.postcode.label', a.postcode],
      ['tr.door_plate_code.label', a.doorPlate],
    ]) {
      if (value !== undefined) await byLabel(page, optional(T, key)).fill(value);
    }
  },
  arrival: ({ page, t, T, a }) => fillDate(page, t, T('tr.page.arrival.title'), a.arrival),
  return: ({ page, t, T, a }) => fillDate(page, t, T('tr.page.return.title'), a.return),
  departure: ({ page, t, T, a }) => fillDate(page, t, T('tr.page.departure.title'), a.departure),
  host: async ({ page, T, a }) => {
    await byLabel(page, T('tr.host_name.label')).fill(a.hostName);
    await choose(page, T('tr.host_id_type.label'), T('tr.host_id_type.option.cn_resident_id'));
    await byLabel(page, T('tr.host_id_number.label')).fill(a.hostId);
    await byLabel(page, T('tr.host_phone.label')).fill(a.hostPhone);
  },
  'housing-papers': ({ page, T, a }) =>
    choose(page, T('tr.page.housing-papers.title'), T(`tr.housing_papers.option.${a.housingPapers}`)),
  name: async ({ page, T, a }) => {
    await byLabel(page, T('tr.surname.label')).fill(a.surname);
    await byLabel(page, T('tr.given_names.label')).fill(a.givenNames);
  },
  'chinese-name': async () => {}, // optional: left blank
  sex: ({ page, T, a }) => choose(page, T('tr.page.sex.title'), T(`tr.sex.option.${a.sex}`)),
  'date-of-birth': ({ page, t, T, a }) => fillDate(page, t, T('tr.page.date-of-birth.title'), a.dateOfBirth),
  nationality: ({ page, T, a }) => byLabel(page, T('tr.page.nationality.title')).selectOption(a.nationality),
  phone: ({ page, T, a }) => byLabel(page, T('tr.page.phone.title')).fill(a.phone),
  'entry-document-type': ({ page, T, a }) =>
    choose(page, T('tr.page.entry-document-type.title'), T(`tr.entry_document_type.option.${a.documentType}`)),
  'entry-document-details': async ({ page, t, T, a }) => {
    await byLabel(page, T('tr.entry_document_number.label')).fill(a.passport);
    await fillDate(page, t, T('tr.entry_document_expiry.label'), a.passportExpiry);
    if (a.placeOfIssue) await byLabel(page, optional(T, 'tr.entry_document_place_of_issue.label')).fill(a.placeOfIssue);
  },
  entry: async ({ page, t, T, a }) => {
    await fillDate(page, t, T('tr.entry_date.label'), a.entryDate);
    if (a.port) await byLabel(page, optional(T, 'tr.port_of_entry.label')).fill(a.port);
  },
  'visa-type': ({ page, T, a }) => byLabel(page, T('tr.page.visa-type.title')).selectOption(a.visaType),
  'visa-details': async ({ page, t, T, a }) => {
    await byLabel(page, T('tr.visa_number.label')).fill(a.visaNumber);
    // A visa gives the duration of each stay; a permit its expiry date.
    if (a.visaStayDays !== undefined) await byLabel(page, T('tr.visa_stay_days.label')).fill(a.visaStayDays);
    else await fillDate(page, t, T('tr.visa_expiry.label'), a.visaExpiry);
  },
  'visa-free': ({ page, T, a }) =>
    choose(page, T('tr.visa_free_scheme.label'), T(`tr.visa_free_scheme.option.${a.visaFreeScheme}`)),
  'reason-for-stay': ({ page, T, a }) => byLabel(page, T('tr.page.reason-for-stay.title')).selectOption(a.reason),
  'upload-photo': ({ page, t, T, a }) =>
    upload(page, t, T('tr.page.upload-photo.title'), jpegFile(uploadName('photo', a))),
  'upload-data-page': ({ page, t, T, a }) =>
    upload(page, t, T('tr.page.upload-data-page.title'), pdfFile(uploadName('copy_data_page', a))),
  'upload-visa-page': ({ page, t, T, a }) =>
    upload(page, t, T('tr.page.upload-visa-page.title'), pdfFile(uploadName('copy_visa_page', a))),
  'upload-entry-stamp': ({ page, t, T, a }) =>
    upload(page, t, T('tr.page.upload-entry-stamp.title'), pdfFile(uploadName('copy_entry_stamp', a))),
  'upload-housing': async ({ page, t, T, a }) => {
    for (const field of HOUSING_UPLOADS[a.housingType]) {
      await upload(page, t, T(`tr.${field}.label`), pdfFile(uploadName(field, a)));
    }
  },
};

const FAMILY = ['spouse', 'child', 'ward', 'grandchild', 'parent', 'grandparent', 'sibling', 'other_relative'];

/**
 * The question pages each section shows, in order, for the answers `a` of
 * someone registered by a filler of `role`: what the tests expect the form
 * to ask (and, by their absence, what it must not).
 */
export function sectionPages(a, role = 'self') {
  const visa = ['passport', 'other'].includes(a.documentType);
  const visaFree = a.visaType === 'visa_free';
  const event = { new_address: 'arrival', re_entry: 'return', new_document: 'new-document' }[a.registrationReason];
  const hasHost = ['rented', 'with_host'].includes(a.housingType) && role !== 'host';
  return {
    accommodation: ['housing-type', 'registration-reason', 'address', event, 'departure', ...(hasHost ? ['host'] : []), 'housing-papers'],
    'about-you': ['name', 'chinese-name', 'sex', 'date-of-birth', 'nationality', 'phone'],
    // Someone else's relationship to the filler (a host gives none), and
    // its proof, optional, for a relative.
    acting: [
      ...(role === 'host' ? [] : ['relationship']),
      ...(FAMILY.includes(a.relationship) ? ['relationship-proof'] : []),
    ],
    documents: [
      'entry-document-type',
      'entry-document-details',
      'entry',
      ...(visa ? ['visa-type', visaFree ? 'visa-free' : 'visa-details'] : []),
      'reason-for-stay',
    ],
    uploads: [
      'upload-photo',
      'upload-data-page',
      ...(visa && !visaFree ? ['upload-visa-page'] : []),
      ...(visa ? ['upload-entry-stamp'] : []),
      ...(a.housingPapers === 'yes' ? ['upload-housing'] : []),
    ],
  };
}

/**
 * Answer the question pages `ids` in order, from the first one's arrival
 * to Continue on the last. On each: wait for its heading, `onPage(id,
 * heading)`, answer it from `a` (or, on a shared page, press the button
 * `copy` that copies another applicant's answers), Continue. On a page of
 * `warned` Continue stops once to show a warning, and goes on the second
 * time.
 */
export async function answerPages(page, t, ids, a, { T = t, onPage = async () => {}, copy = null, warned = [] } = {}) {
  for (const id of ids) {
    const heading = pageHeading(T, id);
    await waitForHeading(page, heading);
    await onPage(id, heading);
    if (copy && PAGES[id].shared) {
      await press(page, copy);
      // The copied answers are there to see, and to change.
      if (id === 'address') assert.equal(await byLabel(page, T('tr.address_city.label')).inputValue(), a.city);
    } else {
      await ANSWER[id]({ page, t, T, a });
    }
    await pressContinue(page, t);
    if (warned.includes(id)) {
      await main(page).locator('#error-summary.error-summary--warning').waitFor();
      await waitForHeading(page, heading);
      await pressContinue(page, t);
    }
  }
}

/** On "Who is filling in this form?": choose `role` and continue. */
export async function chooseRole(page, t, role) {
  await choose(page, t('filler.title'), roleLabel(t, role));
  await pressContinue(page, t);
}

/** From the start page of a new filing to the task list, as the applicant. */
export async function startAsMyself(page, t) {
  await press(page, t('start.start'));
  await waitForHeading(page, t('filler.title'));
  await chooseRole(page, t, 'self');
  await waitForHeading(page, t('tasks.title'));
}

const ROOT_DIR = fileURLToPath(ROOT);

/**
 * Save a signed bundle (a Playwright download) and check it with the
 * portal's verifier, `dossier-verify --json`; returns its report, with
 * `file` the path of the bundle. Throws unless the verifier finds it valid.
 */
export async function verifyBundle(download) {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'dossier-bundle-')), download.suggestedFilename());
  await download.saveAs(file);
  const verified = spawnSync(
    'cargo',
    ['run', '-q', '-p', 'dossier-engine', '--bin', 'dossier-verify', '--', '--rules', 'rules', '--json', file],
    { cwd: ROOT_DIR, encoding: 'utf8' },
  );
  assert.equal(verified.status, 0, verified.stdout + verified.stderr);
  const report = JSON.parse(verified.stdout);
  assert.equal(report.valid, true, verified.stdout);
  return { ...report, file };
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
  const pages = sectionPages(a);
  const answer = (ids) => answerPages(page, t, ids, a, { onPage });

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
  await answer(pages.accommodation);
  await arrive(t('tasks.title'), 'task list (one section done)');
  assert.equal(await taskStatus(page, t('tr.section.accommodation.title')), t('tasks.status.completed'));

  // About you
  await clickLink(page, t('tr.section.about-you.title'));
  await answer(['name']);
  await waitForHeading(page, pageHeading(t, 'chinese-name'));
  // Back to the name page: the names are now shown as accepted, in capitals.
  await main(page).getByRole('link', { name: t('app.back'), exact: true }).click();
  await waitForHeading(page, t('tr.page.name.title'));
  assert.equal(await byLabel(page, t('tr.surname.label')).inputValue(), a.surname.toUpperCase());
  assert.equal(await byLabel(page, t('tr.given_names.label')).inputValue(), a.givenNames.toUpperCase());
  await pressContinue(page, t);
  await answer(pages['about-you'].slice(1));
  await arrive(t('tasks.title'), 'task list (two sections done)');
  assert.equal(await taskStatus(page, t('tr.section.about-you.title')), t('tasks.status.completed'));

  // Your passport, visa and entry
  await clickLink(page, t('tr.section.documents.title'));
  await answer(pages.documents);
  await arrive(t('tasks.title'), 'task list (three sections done)');
  assert.equal(await taskStatus(page, t('tr.section.documents.title')), t('tasks.status.completed'));

  // Photo and copies of documents
  await clickLink(page, t('tr.section.uploads.title'));
  await answer(pages.uploads);
  await arrive(t('tasks.title'), 'task list (all done)');
}
