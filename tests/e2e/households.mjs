// The journeys of filing for others (issue 4), shared by the
// households-*.test.mjs files: each runs some of them on a 360×740 phone in
// English and in Chinese, with axe on every page. Every question about
// someone else names them ("What is Maria's date of birth?"); each bundle is
// checked by the verifier (dossier-verify).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { checkA11y } from './support/harness.mjs';
import {
  en,
  beijing,
  beijingDay,
  main,
  waitForHeading,
  press,
  pressContinue,
  clickLink,
  byLabel,
  fillDate,
  choose,
  chooseRole,
  taskStatus,
  switchLanguage,
  jpegFile,
  pdfFile,
  upload,
  openPhone,
  closePage,
} from './journey.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A page in `t`'s language with the start page shown. */
export async function start(app, t) {
  const page = await openPhone(app, '#/', { locale: 'en' });
  await waitForHeading(page, en('tr.title'));
  if (t.lang !== 'en') {
    await switchLanguage(page, '中文', 'zh-CN');
    await waitForHeading(page, t('tr.title'));
  }
  return page;
}

/** Waits for `heading`, then runs axe on the page. */
export async function arrive(page, heading, label) {
  await waitForHeading(page, heading);
  await checkA11y(page, `${label}: ${heading}`);
}

/** The words of pages about `p`: "you" for the filler, else by name. */
export const wording = (t, p) => (p.self ? t : (key, params) => t.about(key, p.display, params));

export const person = (given, dob, extra = {}) => ({
  given,
  display: given.charAt(0) + given.slice(1).toLowerCase(),
  surname: 'SMITH',
  dob,
  sex: 'F',
  ...extra,
});

/**
 * One question page: waits for `heading` (axe runs), answers it with
 * `fill`, continues.
 */
async function step(page, t, heading, label, fill = async () => {}) {
  await arrive(page, heading, label);
  await fill();
  await pressContinue(page, t);
}

/** From the start page, as `role`, to the first page after that question. */
export async function startAs(app, t, role) {
  const page = await start(app, t);
  await press(page, t('start.start'));
  await arrive(page, t('filler.title'), 'who');
  await chooseRole(page, t, role);
  return page;
}

/** The filler's own details, asked once for the whole filing. */
export async function fillOwnDetails(page, t, organisation) {
  await step(page, t, t('hh.page.helper-details.title'), 'helper-details', async () => {
    await byLabel(page, t('hh.helper_name.label')).fill('Wang Fang');
    if (organisation) await byLabel(page, t('hh.helper_organisation.label')).fill('Shenzhen Example Trading Co., Ltd.');
    await byLabel(page, t('hh.helper_phone.label')).fill('139 1234 5678');
  });
  await step(page, t, t('hh.page.helper-id.title'), 'helper-id', async () => {
    await choose(page, t('hh.helper_id_type.label'), t('tr.host_id_type.option.cn_resident_id'));
    await byLabel(page, t('hh.helper_id_number.label')).fill('11010519491231002X');
  });
}

/**
 * "About you" for `p`, from their name page (shown first for someone just
 * added, or from the task list), up to and including `through`.
 */
export async function fillAbout(page, t, p, through = 'phone') {
  const T = wording(t, p);
  const nameTitle = p.self ? t('tr.page.name.title') : t.about('tr.page.name.title', t('person.unnamed'));
  const pages = [
    ['name', nameTitle, async () => {
      await byLabel(page, t('tr.surname.label')).fill(p.surname);
      await byLabel(page, t('tr.given_names.label')).fill(p.given);
    }],
    ['chinese-name', `${T('tr.page.chinese-name.title')} ${t('app.optional')}`],
    ['sex', T('tr.page.sex.title'), () => choose(page, T('tr.page.sex.title'), T(`tr.sex.option.${p.sex}`))],
    ['date-of-birth', T('tr.page.date-of-birth.title'), () => fillDate(page, t, T('tr.page.date-of-birth.title'), p.dob)],
    ['nationality', T('tr.page.nationality.title'), () => byLabel(page, T('tr.page.nationality.title')).selectOption('GBR')],
    ['phone', T('tr.page.phone.title'), () => byLabel(page, T('tr.page.phone.title')).fill('138 0013 8000')],
  ];
  for (const [label, heading, fill] of pages.slice(0, pages.findIndex(([l]) => l === through) + 1)) {
    await step(page, t, heading, label, fill);
  }
}

/** Every section for `p`, from their name page; `copy` is the label of the
 * button that copies another applicant's shared answers. */
export async function fillPerson(page, t, p, { copy = null } = {}) {
  const T = wording(t, p);
  await fillAbout(page, t, p);
  await arrive(page, T('tasks.title'), 'tasks');

  // Where they are staying: typed once, then copied in one tap.
  await clickLink(page, T('tr.section.accommodation.title'));
  const shared = [
    ['tr.page.housing-type.title', () => choose(page, T('tr.page.housing-type.title'), T('tr.housing_type.option.with_host'))],
    ['tr.page.address.title', async () => {
      await byLabel(page, T('tr.address_province.label')).fill('Beijing');
      await byLabel(page, T('tr.address_city.label')).fill('Beijing');
      await byLabel(page, T('tr.address_district.label')).fill('Chaoyang');
      await byLabel(page, T('tr.address_street.label')).fill('88 Zhongshan Road');
      await byLabel(page, T('tr.address_room.label')).fill('12th floor, room 1203');
    }],
    ['tr.page.arrival.title', () => fillDate(page, t, T('tr.page.arrival.title'), beijing(-2 * 3600_000))],
    ['tr.page.departure.title', () => fillDate(page, t, T('tr.page.departure.title'), beijingDay(30))],
    ['tr.page.host.title', async () => {
      await byLabel(page, T('tr.host_name.label')).fill('Wang Fang');
      await choose(page, T('tr.host_id_type.label'), T('tr.host_id_type.option.cn_resident_id'));
      await byLabel(page, T('tr.host_id_number.label')).fill('11010519491231002X');
      await byLabel(page, T('tr.host_phone.label')).fill('139 1234 5678');
    }],
  ];
  for (const [key, fill] of shared) {
    await step(page, t, T(key), key, async () => {
      if (!copy) return fill();
      await press(page, copy);
      // The copied answers are there to see, and to change.
      if (key === 'tr.page.address.title') {
        assert.equal(await byLabel(page, T('tr.address_city.label')).inputValue(), 'Beijing');
      }
    });
  }
  await arrive(page, T('tasks.title'), 'tasks');

  if (!p.self) {
    // Acting for them: how they are related, and what that needs.
    await clickLink(page, t.about('tr.section.acting.title', p.display));
    await step(page, t, T('hh.page.relationship.title'), 'relationship', () =>
      choose(page, T('hh.page.relationship.title'), T(`hh.relationship.option.${p.relationship}`)));
    if (p.reason) {
      await step(page, t, T('hh.page.acting-reason.title'), 'acting-reason', () =>
        choose(page, T('hh.page.acting-reason.title'), T(`hh.acting_reason.option.${p.reason}`)));
    }
    if (p.proof) {
      await step(page, t, T('hh.page.relationship-proof.title'), 'relationship-proof', () =>
        upload(page, t, T('hh.relationship_proof.label'), pdfFile(`proof-${p.given}.pdf`)));
    }
    await arrive(page, T('tasks.title'), 'tasks');
  }

  await clickLink(page, T('tr.section.documents.title'));
  await step(page, t, T('tr.page.entry-document-type.title'), 'entry-document-type', () =>
    choose(page, T('tr.page.entry-document-type.title'), T('tr.entry_document_type.option.passport')));
  await step(page, t, T('tr.page.entry-document-details.title'), 'entry-document-details', async () => {
    await byLabel(page, T('tr.entry_document_number.label')).fill(`E${p.dob.year}${p.dob.month}${p.dob.day}`.slice(0, 9));
    await fillDate(page, t, T('tr.entry_document_expiry.label'), beijingDay(5 * 365));
  });
  await step(page, t, T('tr.page.entry.title'), 'entry', () => fillDate(page, t, T('tr.entry_date.label'), beijingDay(-3)));
  await step(page, t, T('tr.page.visa-type.title'), 'visa-type', () =>
    byLabel(page, T('tr.page.visa-type.title')).selectOption('visa_free'));
  await step(page, t, T('tr.page.visa-details.title'), 'visa-details', () =>
    fillDate(page, t, T('tr.visa_expiry.label'), beijingDay(60)));
  await step(page, t, T('tr.page.reason-for-stay.title'), 'reason-for-stay', () =>
    byLabel(page, T('tr.page.reason-for-stay.title')).selectOption('visiting'));
  await arrive(page, T('tasks.title'), 'tasks');

  await clickLink(page, T('tr.section.uploads.title'));
  await step(page, t, T('tr.page.upload-photo.title'), 'upload-photo', () =>
    upload(page, t, T('tr.page.upload-photo.title'), jpegFile(`photo-${p.given}.jpg`)));
  for (const key of ['upload-data-page', 'upload-entry-stamp']) {
    await step(page, t, T(`tr.page.${key}.title`), key, () =>
      upload(page, t, T(`tr.page.${key}.title`), pdfFile(`${key}-${p.given}.pdf`)));
  }
  await step(page, t, T('tr.page.upload-housing.title'), 'upload-housing', () =>
    copy ? press(page, copy) : upload(page, t, T('tr.host_id_copy.label'), pdfFile('host-id.pdf')));
  await arrive(page, T('tasks.title'), 'tasks');
}

/** Check everyone's answers, declare, sign; the verifier's report. */
export async function declareAndVerify(page, t, people) {
  await arrive(page, t('check.title'), 'check');
  const checkText = await main(page).innerText();
  for (const p of people.filter((p) => !p.self)) {
    assert.ok(checkText.includes(p.display), `the check page shows ${p.display}`);
  }
  await press(page, t('check.continue'));
  await arrive(page, t('tr.declaration.title'), 'declaration');
  // One declaration for each applicant, worded for them.
  const shown = await main(page).locator('.declaration-text').allInnerTexts();
  assert.deepEqual(
    shown,
    people.map((p) => (p.self ? t('tr.declaration.text') : t.about('tr.declaration.text', p.display))),
  );
  await main(page).getByLabel(t('tr.declaration.confirm'), { exact: true }).check();
  const downloading = page.waitForEvent('download');
  await press(page, t('declaration.submit'));
  const download = await downloading;
  await arrive(page, t('receipt.title'), 'receipt');
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'dossier-household-')), download.suggestedFilename());
  await download.saveAs(file);
  const verified = spawnSync(
    'cargo',
    ['run', '-q', '-p', 'dossier-engine', '--bin', 'dossier-verify', '--', '--rules', 'rules', '--json', file],
    { cwd: ROOT, encoding: 'utf8' },
  );
  assert.equal(verified.status, 0, verified.stdout + verified.stderr);
  const report = JSON.parse(verified.stdout);
  assert.equal(report.summary.applicants, people.length);
  assert.equal(report.summary.language, t.lang);
  return report;
}

/** A mother registers herself, her husband and their children of 4 and 9,
 * copying the shared answers, and signs one bundle for the household. */
export async function motherJourney(app, t) {
  const page = await startAs(app, t, 'self');
  await arrive(page, t('tasks.title'), 'tasks');

  const mother = person('ANNA', { day: '27', month: '3', year: '1985' }, { self: true });
  await clickLink(page, t('tr.section.about-you.title'));
  await fillPerson(page, t, mother);

  const family = [
    person('JOHN', { day: '2', month: '8', year: '1983' }, { sex: 'M', relationship: 'spouse', proof: true }),
    person('LUCAS', beijingDay(-(9 * 365 + 40)), { sex: 'M', relationship: 'child', proof: true }),
    person('MIA', beijingDay(-(4 * 365 + 20)), { relationship: 'child', proof: true }),
  ];
  for (const p of family) {
    await press(page, t('people.add'));
    await fillPerson(page, t, p, { copy: t('copy.mine') });
    const T = wording(t, p);
    for (const key of ['accommodation', 'about-you', 'acting', 'documents', 'uploads']) {
      assert.equal(await taskStatus(page, T(`tr.section.${key}.title`)), t('tasks.status.completed'), `${p.given} ${key}`);
    }
  }

  // Everyone, with each one's status.
  await main(page).getByRole('link', { name: t('people.title'), exact: true }).click();
  await arrive(page, t('people.title'), 'people');
  const people = await main(page).innerText();
  for (const name of ['John', 'Lucas', 'Mia']) assert.ok(people.includes(name), name);
  assert.ok(people.includes(t('people.you_named', { person: 'Anna' })));
  await press(page, t('people.check'));
  await declareAndVerify(page, t, [mother, ...family]);
  await closePage(page);
}

/** Someone files for one other person: `role`, their own details, then
 * the applicant `p`. */
export async function helperJourney(app, t, role, p) {
  const page = await startAs(app, t, role);
  await fillOwnDetails(page, t, role === 'organisation');
  await arrive(page, t.about('tasks.title', t('person.unnamed')), 'tasks');
  await clickLink(page, t.about('tr.section.about-you.title', t('person.unnamed')));
  await fillPerson(page, t, p);
  await main(page).getByRole('link', { name: t('people.title'), exact: true }).click();
  await arrive(page, t('people.title'), 'people');
  await press(page, t('people.check'));
  const report = await declareAndVerify(page, t, [p]);
  assert.equal(report.summary.filler_role, role);
  await closePage(page);
}
