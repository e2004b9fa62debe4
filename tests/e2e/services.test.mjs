// A form is only data: the release build in dist/, served with the rules of
// tests/forms/make-rules.mjs (rules/ plus the small test form
// contact-details, packed by dossier-rules), lists both services, fills,
// signs and verifies the test form, and keeps each form's draft apart. No
// Rust changes for it: the same wasm, other packed files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { DIST_DIR, startServer, launchBrowser, newPhonePage, checkA11y, assertNoHorizontalScroll } from './support/harness.mjs';
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
  fillDate,
  choose,
  inlineErrors,
  checkAnswer,
  taskStatus,
  storageKeys,
  switchLanguage,
  closePage,
} from './journey.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FORM = 'contact-details';
const forms = [
  { dir: 'rules', form: 'temporary-residence' },
  { dir: 'rules', form: 'residence-permit' },
  { dir: 'rules', form: 'hmt-residence-permit' },
  { dir: 'tests/forms', form: FORM },
];
const en = texts('en', forms);
const zh = texts('zh-CN', forms);

let dir;
let rules;
let server;
let browser;

const cargo = (bin, args) =>
  spawnSync('cargo', ['run', '-q', '-p', 'dossier-engine', '--bin', bin, '--', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });

before(async () => {
  const { makeTestRules } = await import('../forms/make-rules.mjs');
  dir = await mkdtemp(path.join(tmpdir(), 'dossier-services-'));
  rules = await makeTestRules(path.join(dir, 'rules'));
  const dist = path.join(dir, 'dist');
  await cp(DIST_DIR, dist, { recursive: true });
  const packed = path.join(dist, 'rules', 'packed');
  await rm(packed, { recursive: true, force: true });
  const pack = cargo('dossier-rules', ['pack', rules, packed]);
  assert.equal(pack.status, 0, pack.stdout + pack.stderr);
  // The pages built for a first visit, from these rules, as a build makes
  // them after packing.
  const built = spawnSync('cargo', ['run', '-q', '-p', 'dossier', '--features', 'prerender', '--bin', 'dossier-prerender', '--', dist], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(built.status, 0, built.stdout + built.stderr);
  server = await startServer(dist);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Wait for the services page's h1, in the language `t`. */
async function waitForServices(page, t) {
  await main(page).getByRole('heading', { level: 1, name: t('services.title'), exact: true }).waitFor({ timeout: 20_000 });
}

/** Each service on the list, in order: its group's heading, its title (a link) and its summary. */
async function listedServices(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('main .services__group li')].map((li) => ({
      group: li.closest('.services__group').querySelector('h2')?.textContent.trim(),
      link: li.querySelector('h3 a')?.textContent.trim(),
      summary: li.querySelector('p')?.textContent.trim(),
    })),
  );
}

// The groups in the catalogue's order (src/view/services.rs).
const GROUPS = ['registration', 'residence', 'visas', 'other'];

/** What the catalogue packed for this build lists, in the page's order. */
function expectedServices(t) {
  const catalogue = JSON.parse(readFileSync(path.join(dir, 'dist', 'rules', 'packed', 'catalogue.json'), 'utf8'));
  const lines = catalogue.forms.flatMap((f) => f.services);
  return GROUPS.flatMap((group) =>
    lines
      .filter((s) => s.group === group)
      .map((s) => ({ group: t(`services.group.${group}`), link: t(s.title), summary: t(s.summary) })),
  );
}

async function onPage(page, label) {
  await checkA11y(page, label);
  await assertNoHorizontalScroll(page);
}

const answers = {
  surname: 'lee',
  givenNames: 'anna',
  dateOfBirth: { day: '14', month: '2', year: '1990' },
  phone: '138 0013 8000',
  address: '88 Zhongshan Road, Chaoyang, Beijing',
  postcode: '100020',
};

test('two services: listed in both languages, the test form filled, signed and verified, drafts kept apart', async () => {
  const page = await newPhonePage(browser, { locale: 'en' });
  page.setDefaultTimeout(10_000);
  const t = en;

  // The list of services, in English, then in Chinese on the same page.
  await page.goto(server.url, { waitUntil: 'load' });
  await waitForServices(page, t);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.title(), t('services.title'));
  assert.deepEqual(await listedServices(page), expectedServices(t));
  await onPage(page, 'services (en)');

  await switchLanguage(page, '中文', 'zh-CN');
  await waitForServices(page, zh);
  assert.deepEqual(await listedServices(page), expectedServices(zh));
  assert.match(zh('cd.summary'), /测试表格/);
  await onPage(page, 'services (zh-CN)');
  await switchLanguage(page, 'English', 'en');
  await waitForServices(page, t);
  assert.deepEqual(await listedServices(page), expectedServices(t));

  // The test form: its start page, from its own `start`.
  await clickLink(page, t('cd.title'));
  await waitForHeading(page, t('cd.title'));
  const start = await main(page).innerText();
  for (const key of ['cd.start.need.phone', 'cd.start.need.address', 'cd.start.time']) {
    assert.ok(start.includes(t(key)), `the start page says ${t(key)}`);
  }
  assert.ok(!start.includes(t('tr.start.time')), 'nothing of the other form');
  await main(page).getByRole('link', { name: t('services.other'), exact: true }).waitFor();
  await onPage(page, 'start');

  await press(page, t('start.start'));
  await waitForHeading(page, t('filler.title'));
  await onPage(page, 'who is filling it in');
  // The test form lists no roles: it has the usual five, in the shared words.
  await choose(page, t('filler.title'), t('filler.role.self'));
  await pressContinue(page, t);
  await waitForHeading(page, t('tasks.title'));
  for (const key of ['about-you', 'contact']) {
    assert.equal(await taskStatus(page, t(`cd.section.${key}.title`)), t('tasks.status.not_started'));
  }
  await onPage(page, 'task list');

  // About you: name, date of birth (its constraint, then the cross-field rule).
  await clickLink(page, t('cd.section.about-you.title'));
  await waitForHeading(page, t('cd.page.name.title'));
  await onPage(page, 'name');
  await byLabel(page, t('cd.surname.label')).fill(answers.surname);
  await byLabel(page, t('cd.given_names.label')).fill(answers.givenNames);
  await pressContinue(page, t);

  await waitForHeading(page, t('cd.page.date-of-birth.title'));
  await onPage(page, 'date-of-birth');
  const label = t('cd.page.date-of-birth.title');
  await fillDate(page, t, label, beijingDay(3));
  await pressContinue(page, t);
  await main(page).locator('#error-summary').waitFor();
  assert.deepEqual(Object.values(await inlineErrors(page)), [t('cd.date_of_birth.past')]);
  await onPage(page, 'date-of-birth (in the future)');
  await fillDate(page, t, label, beijingDay(-5 * 365));
  await pressContinue(page, t);
  // Five years old: the cross-field rule on calc.age, shown at the field.
  await page.waitForFunction((want) => document.querySelector('main .error-message')?.textContent.includes(want), t('cd.rule.adult'));
  assert.deepEqual(Object.values(await inlineErrors(page)), [t('cd.rule.adult')]);
  await onPage(page, 'date-of-birth (under 16)');
  await fillDate(page, t, label, answers.dateOfBirth);
  await pressContinue(page, t);

  await waitForHeading(page, t('tasks.title'));
  assert.equal(await taskStatus(page, t('cd.section.about-you.title')), t('tasks.status.completed'));

  // Contact details: phone, how to contact, and the address page shown for post.
  await clickLink(page, t('cd.section.contact.title'));
  await waitForHeading(page, t('cd.page.phone.title'));
  await onPage(page, 'phone');
  await byLabel(page, t('cd.page.phone.title')).fill(answers.phone);
  await pressContinue(page, t);

  await waitForHeading(page, t('cd.page.contact-method.title'));
  await onPage(page, 'contact-method');
  await choose(page, t('cd.page.contact-method.title'), t('cd.contact_method.option.post'));
  await pressContinue(page, t);

  await waitForHeading(page, t('cd.page.postal-address.title'));
  await onPage(page, 'postal-address');
  await byLabel(page, t('cd.address.label')).fill(answers.address);
  await byLabel(page, t('cd.postcode.label')).fill(answers.postcode);
  await pressContinue(page, t);

  await waitForHeading(page, t('tasks.title'));
  assert.equal(await taskStatus(page, t('cd.section.contact.title')), t('tasks.status.completed'));
  assert.match(await main(page).innerText(), new RegExp(t('tasks.progress', { done: 2, total: 2 })));

  // Check your answers.
  await clickLink(page, t('tasks.check'));
  await waitForHeading(page, t('check.title'));
  await onPage(page, 'check');
  assert.equal(await checkAnswer(page, t('cd.surname.label')), 'LEE');
  assert.equal(await checkAnswer(page, t('cd.given_names.label')), 'ANNA');
  assert.equal(await checkAnswer(page, t('cd.date_of_birth.label')), dateText(t, answers.dateOfBirth));
  assert.equal(await checkAnswer(page, t('cd.contact_method.label')), t('cd.contact_method.option.post'));
  assert.equal(await checkAnswer(page, t('cd.address.label')), answers.address);
  assert.equal(await checkAnswer(page, t('cd.postcode.label')), answers.postcode);

  // Declare and sign: the bundle downloads, named from full_name.
  await press(page, t('check.continue'));
  await waitForHeading(page, t('cd.declaration.title'));
  assert.ok((await main(page).innerText()).includes(t('cd.declaration.text')));
  await onPage(page, 'declaration');
  await main(page).getByLabel(t('cd.declaration.confirm'), { exact: true }).check();
  const downloading = page.waitForEvent('download');
  await press(page, t('declaration.submit'));
  const download = await downloading;
  await waitForHeading(page, t('receipt.title'));
  assert.match(download.suggestedFilename(), /^contact-details-LEE-\d{4}-\d{2}-\d{2}\.json$/);
  const receipt = await main(page).innerText();
  assert.ok(receipt.includes(t('receipt.applicants', { names: 'LEE ANNA' })), receipt);
  assert.ok(receipt.includes(t('cd.done.next')), 'the done page says what to do next');
  await onPage(page, 'done');

  // The portal's verifier, with the test rules: valid.
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  const verified = cargo('dossier-verify', ['--rules', rules, '--json', file]);
  assert.equal(verified.status, 0, verified.stdout + verified.stderr);
  const report = JSON.parse(verified.stdout);
  assert.equal(report.valid, true);
  assert.equal(report.summary.form, FORM, verified.stdout);
  assert.equal(report.summary.version, '1.0.0');
  assert.equal(report.summary.language, 'en');
  assert.deepEqual(report.reasons, []);

  // Choose another service: the list, then the other form with its own empty draft.
  await page.evaluate(() => { location.hash = '#/'; });
  await waitForHeading(page, t('cd.title'));
  await clickLink(page, t('services.other'));
  await waitForServices(page, t);
  assert.deepEqual(await listedServices(page), expectedServices(t));
  await clickLink(page, t('tr.title'));
  await waitForHeading(page, t('tr.title'));
  await onPage(page, 'start (temporary residence)');
  // A new filing: Start asks who is filling it in.
  await press(page, t('start.start'));
  await waitForHeading(page, t('filler.title'));
  const keys = await storageKeys(page);
  assert.ok(keys.includes(`dossier.draft.${FORM}`), keys.join(', '));

  // And back to the test form: a filing begun, every section still completed.
  await page.evaluate(() => { location.hash = '#/'; });
  await waitForHeading(page, t('tr.title'));
  await clickLink(page, t('services.other'));
  await waitForServices(page, t);
  await clickLink(page, t('cd.title'));
  await waitForHeading(page, t('cd.title'));
  await press(page, t('start.start'));
  await waitForHeading(page, t('tasks.title'));
  for (const key of ['about-you', 'contact']) {
    assert.equal(await taskStatus(page, t(`cd.section.${key}.title`)), t('tasks.status.completed'));
  }
  await clickLink(page, t('tasks.check'));
  await waitForHeading(page, t('check.title'));
  assert.equal(await checkAnswer(page, t('cd.surname.label')), 'LEE');
  assert.equal(await checkAnswer(page, t('cd.phone.label')), answers.phone.replaceAll(' ', ''));
  assert.equal(await checkAnswer(page, t('cd.address.label')), answers.address);
  await closePage(page);
});
