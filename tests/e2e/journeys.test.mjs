// The user's way through the temporary residence registration on a phone
// (360×740): the full journey in English and in Chinese, errors, warnings,
// drafts kept on the device, the language switch, the hotel ending, bad
// input, deleting the data and a corrupt draft. One server and one browser
// for the file; each test gets a fresh browser context (fresh localStorage).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { flattenedVerify, importJWK, decodeProtectedHeader } from 'jose';

import { newPhonePage, serveAppOnce, checkA11y } from './support/harness.mjs';
import {
  en,
  zh,
  beijing,
  beijingDay,
  dateText,
  main,
  headingText,
  waitForHeading,
  openApp,
  press,
  pressContinue,
  clickLink,
  byLabel,
  group,
  fillDate,
  choose,
  summaryLinks,
  inlineErrors,
  checkAnswer,
  taskStatus,
  storageKeys,
  switchLanguage,
  hostAnswers,
  uploadName,
  answerPages,
  verifyBundle,
  completeHostJourney,
  startAsMyself,
  openPhone,
  closePage,
} from './journey.mjs';

const DRAFT_KEY = 'dossier.draft.temporary-residence';

const app = serveAppOnce();

const open = (hash, options) => openPhone(app, hash, options);
const done = closePage;

const isFocused = (page, id) => page.evaluate((id) => document.activeElement?.id === id, id);

/** Check answers → Change → declaration → done, in the language `t`. */
async function checkChangeAndDeclare(page, t, a) {
  // The task list: every section completed, the check link open.
  for (const key of ['accommodation', 'about-you', 'documents', 'uploads']) {
    assert.equal(await taskStatus(page, t(`tr.section.${key}.title`)), t('tasks.status.completed'), key);
  }
  assert.match(await main(page).innerText(), new RegExp(t('tasks.progress', { done: 4, total: 4 })));
  await clickLink(page, t('tasks.check'));

  await waitForHeading(page, t('check.title'));
  assert.equal(await checkAnswer(page, t('tr.surname.label')), a.surname.toUpperCase());
  assert.equal(await checkAnswer(page, t('tr.photo.label')), uploadName('photo', a));
  assert.equal(await checkAnswer(page, t('tr.given_names.label')), a.givenNames.toUpperCase());
  assert.equal(await checkAnswer(page, t('tr.nationality.label')), t(`country.${a.nationality}`));
  assert.equal(await checkAnswer(page, t('tr.housing_type.label')), t('tr.housing_type.option.with_host'));
  assert.equal(await checkAnswer(page, t('tr.date_of_birth.label')), dateText(t, a.dateOfBirth));
  assert.equal(await checkAnswer(page, t('tr.host_name.label')), a.hostName);
  assert.equal(await checkAnswer(page, t('tr.chinese_name.label')), t('check.not_given'));
  assert.equal(await checkAnswer(page, t('tr.reason_for_stay.label')), t(`tr.reason_for_stay.option.${a.reason}`));
  const arrival = await checkAnswer(page, t('tr.arrival_datetime.label'));
  assert.ok(arrival.includes(dateText(t, a.arrival)) && arrival.includes(a.arrival.time), arrival);
  // Documents to bring, from the answers.
  const body = await main(page).innerText();
  assert.ok(body.includes(t('tr.doc.host_id_or_household_register.label')), 'host document listed');
  assert.ok(!body.includes(t('tr.doc.lease_contract.label')), 'no lease contract for a host stay');

  // Change the surname: Continue comes back to the check page.
  await main(page)
    .getByRole('link', { name: `${t('check.change')} ${t('tr.surname.label')}`, exact: true })
    .click();
  await waitForHeading(page, t('tr.page.name.title'));
  assert.match(page.url(), /#\/page\/name\?return=check$/);
  await byLabel(page, t('tr.surname.label')).fill('jones');
  await pressContinue(page, t);
  await waitForHeading(page, t('check.title'));
  assert.match(page.url(), /#\/check$/);
  assert.equal(await checkAnswer(page, t('tr.surname.label')), 'JONES');

  // The declaration: Accept without ticking shows the error summary.
  await press(page, t('check.continue'));
  await waitForHeading(page, t('tr.declaration.title'));
  await press(page, t('declaration.submit'));
  const summary = main(page).locator('#error-summary');
  await summary.waitFor();
  assert.equal(await summary.getByRole('heading').innerText(), t('error.summary.title'));
  assert.deepEqual(
    (await summaryLinks(page)).map((l) => l.text),
    [t('declaration.required')],
  );
  assert.ok(await isFocused(page, 'error-summary'), 'the error summary takes focus');
  assert.ok((await page.title()).startsWith(t('error.title_prefix')), await page.title());
  assert.equal((await inlineErrors(page))['f-declaration'], t('declaration.required'));
  // The summary link leads to the checkbox.
  await summary.getByRole('link').click();
  assert.ok(await isFocused(page, 'f-declaration'));

  await main(page).getByLabel(t('tr.declaration.confirm'), { exact: true }).check();
  // Signing: the bundle is offered as a download and as a DOM event.
  await page.evaluate(() => {
    window.bundleEvent = new Promise((resolve) =>
      document.addEventListener('dossier:bundle', (e) => resolve({ name: e.detail.name, thumbprint: e.detail.thumbprint }), { once: true }),
    );
  });
  const downloading = page.waitForEvent('download');
  await press(page, t('declaration.submit'));
  const download = await downloading;
  await waitForHeading(page, t('receipt.title'));
  assert.match(page.url(), /#\/done$/);
  const event = await page.evaluate(() => window.bundleEvent);
  assert.match(download.suggestedFilename(), /^temporary-residence-JONES-\d{4}-\d{2}-\d{2}\.json$/);
  assert.equal(event.name, download.suggestedFilename());
  // The portal's verifier: valid, signed by the key the receipt shows.
  const report = await verifyBundle(download);
  const { file } = report;
  assert.equal(report.key_thumbprint, event.thumbprint);
  assert.equal(report.summary.language, t.lang);
  assert.equal(report.summary.attachments.length, 5);
  const receipt = await main(page).innerText();
  assert.ok(receipt.includes(event.thumbprint), 'the receipt shows the key');
  assert.ok(receipt.includes(t('receipt.applicants', { names: `JONES ${a.givenNames.toUpperCase()}` })), receipt);
  // And a stock JOSE library, with the key in the header.
  const jws = JSON.parse(await readFile(file, 'utf8'));
  const key = await importJWK(decodeProtectedHeader(jws).jwk, 'ES256');
  const { payload } = await flattenedVerify(jws, key, { algorithms: ['ES256'] });
  assert.equal(JSON.parse(new TextDecoder().decode(payload)).form.id, 'temporary-residence');
  const doneText = await main(page).innerText();
  for (const key of [
    'tr.doc.host_id_or_household_register.label',
    'tr.doc.entry_document_original.label',
    'tr.doc.copy_visa_page.label',
  ]) {
    assert.ok(doneText.includes(t(key)), `the done page lists ${t(key)}`);
  }
  assert.ok(doneText.includes(t('done.next')));
  assert.ok(!(await page.title()).startsWith(t('error.title_prefix')));
}

test('1. the full journey in English, staying with a host', async () => {
  const page = await open('#/', { locale: 'en' });
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  const a = hostAnswers();
  await completeHostJourney(page, en, a);
  await checkChangeAndDeclare(page, en, a);
  const doneText = await main(page).innerText();
  // Literal English texts, not only those read from the locale files.
  assert.match(doneText, /Your answers are signed/);
  assert.match(doneText, /Your host's identity document or household register \(户口簿\)/);
  assert.match(doneText, /Register by .* \(Beijing time\)\./);
  await done(page);
});

test('2. the full journey in Chinese (中文 chosen on the start page)', async () => {
  const page = await open('#/', { locale: 'en' });
  await waitForHeading(page, en('tr.title'));
  await switchLanguage(page, '中文', 'zh-CN');
  await waitForHeading(page, '境外人员临时住宿登记');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.evaluate(() => localStorage.getItem('dossier.language')), 'zh-CN');
  assert.ok(await main(page).getByRole('button', { name: '开始填写', exact: true }).isVisible());

  const a = hostAnswers();
  await completeHostJourney(page, zh, a, {
    onPage: async (label) => {
      if (/^(address|name|host|visa-details)$/.test(label)) {
        assert.ok(
          await main(page).getByRole('button', { name: '继续', exact: true }).isVisible(),
          `继续 on ${label}`,
        );
      }
    },
  });
  await checkChangeAndDeclare(page, zh, a);
  assert.equal(await headingText(page), '填报内容已签名');
  const doneText = await main(page).innerText();
  assert.match(doneText, /留宿人身份证件或户口簿/);
  assert.match(doneText, /请在.*（北京时间）前办理登记。/);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  await done(page);
});

test('2b. Chinese texts on the check and declaration pages', async () => {
  // A zh-CN browser picks Chinese by itself; the literal texts are checked
  // here without going through the locale files.
  const page = await open('#/', { locale: 'zh-CN' });
  await waitForHeading(page, '境外人员临时住宿登记');
  const a = hostAnswers();
  await completeHostJourney(page, zh, a);
  await main(page).getByRole('link', { name: '核对信息并声明', exact: true }).click();
  await waitForHeading(page, '核对您填写的信息');
  assert.equal(await checkAnswer(page, '英文姓'), 'SMITH');
  assert.equal(await checkAnswer(page, '国籍（地区）'), '英国');
  assert.equal(await checkAnswer(page, '出生日期'), '1985年3月27日');
  await main(page).getByRole('button', { name: '继续，进行声明', exact: true }).click();
  await waitForHeading(page, '声明');
  await main(page).getByRole('button', { name: '签名并下载', exact: true }).click();
  await main(page).locator('#error-summary').waitFor();
  assert.match(await main(page).locator('#error-summary').innerText(), /请更正以下问题[\s\S]*请确认您填写的信息真实、准确、完整/);
  assert.ok((await page.title()).startsWith('错误：'));
  await main(page).getByLabel('本人已阅读并确认以上声明', { exact: true }).check();
  await main(page).getByRole('button', { name: '签名并下载', exact: true }).click();
  await waitForHeading(page, '填报内容已签名');
  await done(page);
});

test(
  '2c. an entry date after the move-in date is reported to the user',
  async (t) => {
    // Moved in yesterday at 23:59 (less than 24 hours ago), entered China today.
    const now = beijing();
    if (now.time >= '23:58') return t.skip('too close to midnight in Beijing');
    const a = hostAnswers();
    a.arrival = { ...beijingDay(-1), time: '23:59' };
    a.entryDate = beijingDay(0);
    const page = await open('#/');
    // The journey stops on the entry page, where the wrong date was just
    // typed, and says what is wrong there.
    await assert.rejects(completeHostJourney(page, en, a), /found "When did you last enter China\?"/);
    const message = en('tr.rule.moved_in_after_entry');
    const summary = main(page).locator('#error-summary');
    assert.equal(await summary.getByRole('link').first().innerText(), message);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary');
    await summary.getByRole('link').first().click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-entry_date');
    await done(page);
  },
);

test('3. Continue on an empty page: error summary, focus, title, links', async () => {
  const page = await open('#/page/housing-type');
  await waitForHeading(page, en('tr.page.housing-type.title'));
  await choose(page, en('tr.page.housing-type.title'), en('tr.housing_type.option.with_host'));

  // Two pages: the address (four required text fields) and the host (text,
  // radios and a phone), each left empty.
  const cases = [
    {
      hash: '#/page/address',
      heading: en('tr.page.address.title'),
      expected: {
        'f-address_province': en('tr.address_province.required'),
        'f-address_city': en('tr.address_city.required'),
        'f-address_district': en('tr.address_district.required'),
        'f-address_street': en('tr.address_street.required'),
      },
    },
    {
      hash: '#/page/host',
      heading: en('tr.page.host.title'),
      expected: {
        'f-host_name': en('tr.host_name.required'),
        'f-host_id_type': en('tr.host_id_type.required'),
        'f-host_id_number': en('tr.host_id_number.required'),
        'f-host_phone': en('tr.host_phone.required'),
      },
    },
  ];
  for (const c of cases) {
    await page.evaluate((h) => (location.hash = h), c.hash);
    await waitForHeading(page, c.heading);
    assert.ok(!(await page.title()).startsWith('Error:'));
    await pressContinue(page, en);
    await main(page).locator('#error-summary').waitFor();
    await waitForHeading(page, c.heading); // did not move on
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
    assert.ok((await page.title()).startsWith('Error: '), await page.title());
    assert.equal(
      await main(page).locator('#error-summary').getByRole('heading').innerText(),
      'There is a problem',
    );

    const links = await summaryLinks(page);
    const inline = await inlineErrors(page);
    // Every problem on the page, in page order, and nothing else.
    assert.deepEqual(links.map((l) => l.href.slice(1)), Object.keys(c.expected));
    assert.deepEqual(
      Object.fromEntries(links.map((l) => [l.href.slice(1), l.text])),
      c.expected,
    );
    // Each summary link says what the inline message says.
    for (const l of links) assert.equal(inline[l.href.slice(1)], l.text, l.href);
    assert.equal(Object.keys(inline).length, links.length);

    // Each link moves focus to its field's input.
    for (const l of links) {
      await main(page).locator('#error-summary').getByRole('link', { name: l.text, exact: true }).click();
      const id = l.href.slice(1);
      assert.ok(await isFocused(page, id), `${l.text} focuses #${id}`);
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'INPUT');
      assert.equal(await headingText(page), c.heading, 'following a summary link stays on the page');
    }
    // The inputs are marked invalid and described by their messages.
    const first = Object.keys(c.expected)[0];
    assert.equal(await page.getAttribute(`#${first}`, 'aria-invalid'), 'true');
    assert.match((await page.getAttribute(`#${first}`, 'aria-describedby')) ?? '', new RegExp(`${first}-error`));
  }

  // A single-question date page: the link leads to the day input.
  await page.evaluate(() => (location.hash = '#/page/date-of-birth'));
  await waitForHeading(page, en('tr.page.date-of-birth.title'));
  await pressContinue(page, en);
  await main(page).locator('#error-summary').waitFor();
  const [dob] = await summaryLinks(page);
  assert.equal(dob.text, en('tr.date_of_birth.required'));
  await main(page).locator('#error-summary').getByRole('link').click();
  assert.ok(await isFocused(page, 'f-date_of_birth'));
  await done(page);
});

test('4. a reload or a new tab keeps every answer and the page', async () => {
  const page = await open('#/tasks');
  await waitForHeading(page, en('tasks.title'));
  await clickLink(page, en('tr.section.accommodation.title'));
  await waitForHeading(page, en('tr.page.housing-type.title'));
  await choose(page, en('tr.page.housing-type.title'), en('tr.housing_type.option.with_host'));
  await pressContinue(page, en);
  await answerPages(page, en, ['registration-reason'], hostAnswers());
  await waitForHeading(page, en('tr.page.address.title'));
  await byLabel(page, en('tr.address_province.label')).fill('Guangdong');
  await byLabel(page, en('tr.address_city.label')).fill('Shenzhen');
  await byLabel(page, en('tr.address_district.label')).fill('Nanshan');
  await byLabel(page, en('tr.address_street.label')).fill('1 Keji Road');
  await byLabel(page, en.optional('tr.address_room.label')).fill('Room 1203');
  await pressContinue(page, en);
  await waitForHeading(page, en('tr.page.arrival.title'));
  // Typed but not continued: kept as given.
  const arrival = beijing(-3600_000);
  await fillDate(page, en, en('tr.page.arrival.title'), arrival);

  const expectArrival = async (p) => {
    await waitForHeading(p, en('tr.page.arrival.title'));
    assert.match(p.url(), /#\/page\/arrival$/);
    const g = group(p, en('tr.page.arrival.title'));
    assert.equal(await g.getByLabel('Day', { exact: true }).inputValue(), arrival.day);
    assert.equal(await g.getByLabel('Month', { exact: true }).inputValue(), arrival.month);
    assert.equal(await g.getByLabel('Year', { exact: true }).inputValue(), arrival.year);
    assert.equal(await g.getByLabel('Time', { exact: true }).inputValue(), arrival.time);
  };
  const expectAddress = async (p) => {
    await main(p).getByRole('link', { name: 'Back', exact: true }).click();
    await waitForHeading(p, en('tr.page.address.title'));
    assert.equal(await byLabel(p, en('tr.address_province.label')).inputValue(), 'Guangdong');
    assert.equal(await byLabel(p, en('tr.address_city.label')).inputValue(), 'Shenzhen');
    assert.equal(await byLabel(p, en('tr.address_district.label')).inputValue(), 'Nanshan');
    assert.equal(await byLabel(p, en('tr.address_street.label')).inputValue(), '1 Keji Road');
    assert.equal(await byLabel(p, en.optional('tr.address_room.label')).inputValue(), 'Room 1203');
    assert.equal(await byLabel(p, en.optional('tr.postcode.label')).inputValue(), '');
    await main(p).getByRole('link', { name: 'Back', exact: true }).click();
    await waitForHeading(p, en('tr.page.registration-reason.title'));
    await main(p).getByRole('link', { name: 'Back', exact: true }).click();
    await waitForHeading(p, en('tr.page.housing-type.title'));
    assert.ok(
      await group(p, en('tr.page.housing-type.title'))
        .getByLabel(en('tr.housing_type.option.with_host'), { exact: true })
        .isChecked(),
    );
  };

  await page.reload({ waitUntil: 'load' });
  await expectArrival(page);
  await expectAddress(page);

  // Close the tab; a new one in the same browser profile finds it all.
  const context = page.context();
  const errors = page.errors;
  await page.close();
  const page2 = await context.newPage();
  page2.errors = [];
  page2.on('pageerror', (e) => page2.errors.push(`pageerror: ${e.message}`));
  await openApp(page2, app.server.url, '#/');
  await waitForHeading(page2, en('tr.title'));
  await press(page2, 'Start now');
  await waitForHeading(page2, en('tasks.title'));
  assert.equal(await taskStatus(page2, en('tr.section.accommodation.title')), 'In progress');
  await clickLink(page2, en('tr.section.accommodation.title'));
  // The section opens at its first page not yet done: the arrival.
  await expectArrival(page2);
  await expectAddress(page2);
  assert.deepEqual(errors, []);
  await done(page2);
});

test('5. switching language mid-way keeps the answers and the page', async () => {
  const page = await open('#/page/name');
  await waitForHeading(page, 'What is your name?');
  await byLabel(page, 'Surname (family name)').fill('garcía');
  await byLabel(page, 'Middle name (optional)').fill('maria');
  // Errors shown in English first (given names are missing).
  await pressContinue(page, en);
  await main(page).locator('#error-summary').waitFor();
  const before = {
    surname: await byLabel(page, 'Surname (family name)').inputValue(),
    middle: await byLabel(page, 'Middle name (optional)').inputValue(),
  };
  const url = page.url();

  await switchLanguage(page, '中文', 'zh-CN');
  await waitForHeading(page, '您的姓名');
  assert.equal(page.url(), url, 'same page');
  assert.equal(await byLabel(page, '英文姓').inputValue(), before.surname);
  assert.equal(await byLabel(page, '中间名 （选填）').inputValue(), before.middle);
  assert.equal(await byLabel(page, '英文名').inputValue(), '');
  assert.ok(await main(page).getByRole('button', { name: '继续', exact: true }).isVisible());
  assert.ok(await main(page).getByRole('link', { name: '返回', exact: true }).isVisible());
  // The issues already shown are now in Chinese too.
  const summary = await main(page).locator('#error-summary').innerText();
  assert.match(summary, /请更正以下问题/);
  assert.ok(summary.includes(zh('tr.given_names.required')), summary);
  assert.ok((await page.title()).startsWith('错误：'), await page.title());
  assert.ok(!(await main(page).innerText()).includes('Surname'), 'no English left in main');

  // Carry on in Chinese, then back to English.
  await byLabel(page, '英文名').fill('ana');
  const given = await byLabel(page, '英文名').inputValue();
  assert.equal(given.toLowerCase(), 'ana');
  await switchLanguage(page, 'English', 'en');
  await waitForHeading(page, 'What is your name?');
  assert.equal(page.url(), url);
  assert.equal(await byLabel(page, 'Given names').inputValue(), given);
  assert.equal(await byLabel(page, 'Surname (family name)').inputValue(), before.surname);
  assert.equal(await page.evaluate(() => localStorage.getItem('dossier.language')), 'en');
  await done(page);
});

test('5b. a language that cannot be downloaded: the page says so and stays as it was', async () => {
  const page = await open('#/page/name');
  await waitForHeading(page, en('tr.page.name.title'));
  await byLabel(page, en('tr.surname.label')).fill('garcia');
  const messages = '**/rules/packed/zh-CN.json';
  await page.route(messages, (route) => route.abort('internetdisconnected'));
  await page.getByRole('navigation').getByRole('button', { name: '中文', exact: true }).click();

  const notice = main(page).getByRole('alert');
  await notice.waitFor();
  assert.equal((await notice.innerText()).trim(), en('app.language.unavailable'));
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await headingText(page), en('tr.page.name.title'), 'the same page');
  assert.equal(await byLabel(page, en('tr.surname.label')).inputValue(), 'GARCIA');
  assert.equal(await page.evaluate(() => localStorage.getItem('dossier.language')), null, 'not kept');
  await checkA11y(page, 'en name, a language that could not be downloaded');

  // Back online: choosing it again switches, and the notice goes.
  await page.unroute(messages);
  await switchLanguage(page, '中文', 'zh-CN');
  await waitForHeading(page, zh('tr.page.name.title'));
  assert.equal(await main(page).getByRole('alert').count(), 0);
  assert.equal(await byLabel(page, zh('tr.surname.label')).inputValue(), 'GARCIA');
  assert.equal(await page.evaluate(() => localStorage.getItem('dossier.language')), 'zh-CN');
  // The aborted request is the only error the browser logged.
  const failed = page.errors.filter((e) => e.includes('Failed to load resource'));
  assert.equal(failed.length, page.errors.length, page.errors.join('\n'));
  page.errors.length = 0;
  await done(page);
});

test('6. registering late (moved in 25 hours ago) warns but does not block', async () => {
  const page = await open('#/page/arrival');
  await waitForHeading(page, en('tr.page.arrival.title'));
  const arrival = beijing(-25 * 3600_000);
  await fillDate(page, en, en('tr.page.arrival.title'), arrival);
  await pressContinue(page, en);

  const summary = main(page).locator('#error-summary');
  await summary.waitFor();
  await waitForHeading(page, en('tr.page.arrival.title')); // stopped once, to read it
  const text = await summary.innerText();
  assert.match(text, /Please note/);
  assert.doesNotMatch(text, /There is a problem/);
  assert.match(text, /within 24 hours/);
  assert.match(text, /RMB 2,000/);
  assert.ok((await summary.getAttribute('class')).includes('error-summary--warning'));
  assert.ok(!(await page.title()).startsWith('Error:'), `a warning is not an error: ${await page.title()}`);
  assert.equal(await main(page).locator('.error-message').count(), 0, 'no inline error');
  assert.equal(await page.getAttribute('#f-arrival_datetime', 'aria-invalid'), null);
  // The warning is also shown beside the field.
  assert.match(await main(page).locator('.warning-text').first().innerText(), /RMB 2,000/);

  await pressContinue(page, en);
  await waitForHeading(page, en('tr.page.departure.title'));
  assert.match(page.url(), /#\/page\/departure$/);
  await done(page);
});

test('6b. a late registration is signed only with the warning acknowledged, which the bundle records', async () => {
  const page = await open('#/');
  await completeHostJourney(page, en, hostAnswers());
  // Moved in 25 hours ago after all: a warning, not an error.
  await openApp(page, app.server.url, '#/page/arrival');
  await waitForHeading(page, en('tr.page.arrival.title'));
  await fillDate(page, en, en('tr.page.arrival.title'), beijing(-25 * 3600_000));
  await pressContinue(page, en);
  await main(page).locator('#error-summary').waitFor();
  await pressContinue(page, en);
  await waitForHeading(page, en('tr.page.departure.title'));

  await openApp(page, app.server.url, '#/declaration');
  await waitForHeading(page, en('tr.declaration.title'));
  assert.match(await main(page).innerText(), /RMB 2,000/, 'the warning is shown before signing');
  await main(page).getByLabel(en('tr.declaration.confirm'), { exact: true }).check();
  await press(page, en('declaration.submit'));
  await main(page).locator('#error-summary').waitFor();
  assert.deepEqual((await summaryLinks(page)).map((l) => l.text), [en('declaration.acknowledge_required')]);
  await checkA11y(page, 'declaration with a warning to acknowledge');

  await main(page).getByLabel(en('declaration.acknowledge'), { exact: true }).check();
  await main(page).getByLabel(en('tr.declaration.confirm'), { exact: true }).check();
  const downloading = page.waitForEvent('download');
  await press(page, en('declaration.submit'));
  const download = await downloading;
  await waitForHeading(page, en('receipt.title'));
  assert.equal((await verifyBundle(download)).summary.warnings_acknowledged, 1);
  await done(page);
});

test('7. staying in a hotel: the hotel registers you, nothing to fill', async () => {
  const page = await open('#/');
  await startAsMyself(page, en);
  await clickLink(page, 'Where you are staying');
  await waitForHeading(page, 'Where are you staying?');
  await choose(page, 'Where are you staying?', 'In a hotel');
  await pressContinue(page, en);

  await waitForHeading(page, 'The hotel registers you');
  assert.match(page.url(), /#\/page\/hotel$/);
  assert.equal(await main(page).getByRole('button').count(), 0, 'no Continue button');
  assert.match(await main(page).innerText(), /You do not need to fill in this form/);

  await main(page).getByRole('link', { name: 'Back', exact: true }).click();
  await waitForHeading(page, 'Where are you staying?');
  await main(page).getByRole('link', { name: 'Back', exact: true }).click();
  await waitForHeading(page, en('tasks.title'));
  const tasks = await main(page).innerText();
  assert.match(tasks, /You do not need to register/);
  assert.doesNotMatch(tasks, /Check your answers and declare/);
  assert.equal(await main(page).getByRole('link', { name: 'About you', exact: true }).count(), 0);
  await clickLink(page, 'You do not need to register');
  await waitForHeading(page, 'The hotel registers you');
  await done(page);
});

test('8. bad input: impossible date, 10,000 characters, wrong check digit', async () => {
  const page = await open('#/page/date-of-birth');
  await waitForHeading(page, en('tr.page.date-of-birth.title'));
  await fillDate(page, en, en('tr.page.date-of-birth.title'), { day: '31', month: '2', year: '1990' });
  await pressContinue(page, en);
  await main(page).locator('#error-summary').waitFor();
  const [real] = await summaryLinks(page);
  assert.equal(real.text, en('error.date.real', { label: 'Date of birth' }));
  assert.match(real.text, /must be a real date/);

  // A 10,000-character paste into the surname is refused, quickly.
  await page.evaluate(() => (location.hash = '#/page/name'));
  await waitForHeading(page, 'What is your name?');
  const started = Date.now();
  await byLabel(page, 'Surname (family name)').fill('a'.repeat(10_000));
  await byLabel(page, 'Given names').fill('ann');
  await pressContinue(page, en);
  await main(page).locator('#error-summary').waitFor({ timeout: 5_000 });
  const elapsed = Date.now() - started;
  assert.ok(elapsed < 5_000, `took ${elapsed} ms`);
  const links = await summaryLinks(page);
  assert.deepEqual(links.map((l) => l.text), ['Surname (family name) must be 40 characters or fewer']);
  await waitForHeading(page, 'What is your name?');
  // Still responsive: a short name now goes through.
  await byLabel(page, 'Surname (family name)').fill('lee');
  await pressContinue(page, en);
  await waitForHeading(page, `${en('tr.page.chinese-name.title')} (optional)`);

  // A Chinese resident ID with a wrong check digit.
  await page.evaluate(() => (location.hash = '#/page/housing-type'));
  await waitForHeading(page, en('tr.page.housing-type.title'));
  await choose(page, en('tr.page.housing-type.title'), en('tr.housing_type.option.with_host'));
  await page.evaluate(() => (location.hash = '#/page/host'));
  await waitForHeading(page, en('tr.page.host.title'));
  await byLabel(page, en('tr.host_name.label')).fill('Wang Fang');
  await choose(page, en('tr.host_id_type.label'), en('tr.host_id_type.option.cn_resident_id'));
  await byLabel(page, en('tr.host_id_number.label')).fill('110105194912310021');
  await byLabel(page, en('tr.host_phone.label')).fill('138 0013 8000');
  await pressContinue(page, en);
  await main(page).locator('#error-summary').waitFor();
  assert.deepEqual((await summaryLinks(page)).map((l) => l.text), [en('error.id.cn_resident_id.check_digit')]);
  assert.match((await inlineErrors(page))['f-host_id_number'], /last character does not match/);
  // The right check digit is accepted.
  await byLabel(page, en('tr.host_id_number.label')).fill('11010519491231002X');
  await pressContinue(page, en);
  await waitForHeading(page, en('tr.page.housing-papers.title'));
  await done(page);
});

test(
  '8b. autofilling the date of birth (all three parts in one go) keeps every part',
  async () => {
    const page = await open('#/page/date-of-birth');
    await waitForHeading(page, en('tr.page.date-of-birth.title'));
    // What autofill does: set each input's value and fire input, in one task.
    await page.evaluate(() => {
      for (const [id, value] of [
        ['f-date_of_birth', '27'],
        ['f-date_of_birth-month', '3'],
        ['f-date_of_birth-year', '1985'],
      ]) {
        const el = document.getElementById(id);
        el.value = value;
        el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }
    });
    await page.waitForFunction(
      (k) => (localStorage.getItem(k) ?? '').includes('1985'),
      DRAFT_KEY,
    );
    const g = group(page, en('tr.page.date-of-birth.title'));
    const shown = [
      await g.getByLabel('Day', { exact: true }).inputValue(),
      await g.getByLabel('Month', { exact: true }).inputValue(),
      await g.getByLabel('Year', { exact: true }).inputValue(),
    ];
    const saved = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY)).dossier
      .applicants[0].answers.date_of_birth;
    await done(page);
    assert.deepEqual(shown, ['27', '3', '1985'], 'the inputs keep what was filled');
    assert.deepEqual(saved, { day: '27', month: '3', year: '1985' }, 'the draft keeps it');
  },
);

test('9. "Delete my data on this device" removes everything', async () => {
  const page = await open('#/page/housing-type');
  await waitForHeading(page, en('tr.page.housing-type.title'));
  await choose(page, en('tr.page.housing-type.title'), en('tr.housing_type.option.rented'));
  await pressContinue(page, en);
  await answerPages(page, en, ['registration-reason'], hostAnswers());
  await waitForHeading(page, en('tr.page.address.title'));
  await byLabel(page, en('tr.address_city.label')).fill('Shanghai');
  // Choose a language too: the choice is stored under dossier.language.
  await switchLanguage(page, '中文', 'zh-CN');
  await switchLanguage(page, 'English', 'en');
  const keys = await storageKeys(page);
  assert.ok(keys.includes(DRAFT_KEY), keys.join());
  assert.ok(keys.includes('dossier.language'), keys.join());

  await page.getByRole('contentinfo').getByRole('link', { name: 'Delete my data on this device' }).click();
  await waitForHeading(page, 'Delete your data on this device?');
  await press(page, 'Delete my data');
  await waitForHeading(page, 'Your data has been deleted');
  assert.match(page.url(), /#\/deleted$/);
  const left = (await storageKeys(page)).filter((k) => k.startsWith('dossier.'));
  assert.deepEqual(left, [], 'no dossier. keys left');

  await press(page, 'Start again');
  await waitForHeading(page, en('tr.title'));
  await startAsMyself(page, en);
  assert.equal(await taskStatus(page, 'Where you are staying'), 'Not started');
  assert.equal(await taskStatus(page, 'About you'), 'Not started');
  await clickLink(page, 'Where you are staying');
  await waitForHeading(page, en('tr.page.housing-type.title'));
  assert.equal(await main(page).locator('input[type=radio]:checked').count(), 0);
  await page.evaluate(() => (location.hash = '#/page/address'));
  await waitForHeading(page, en('tr.page.address.title'));
  assert.equal(await byLabel(page, en('tr.address_city.label')).inputValue(), '');
  // Still nothing stored after a reload: an untouched form is not saved,
  // and no service is remembered, so the catalogue of services shows.
  await page.reload({ waitUntil: 'load' });
  await waitForHeading(page, en('services.title'));
  assert.deepEqual((await storageKeys(page)).filter((k) => k.startsWith('dossier.')), []);
  await done(page);
});

test('10. a corrupt draft is set aside and the app still starts', async () => {
  const page = await newPhonePage(app.browser);
  page.setDefaultTimeout(10_000);
  // Before any of the app's scripts run on the first load (and only then).
  await page.context().addInitScript((key) => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem(key, '{not json');
    }
  }, DRAFT_KEY);
  await openApp(page, app.server.url, '#/');
  await waitForHeading(page, en('tr.title'));
  const notice = await main(page).getByRole('region').innerText();
  assert.match(notice, /could not be read.*set aside/);
  assert.equal(notice.trim(), en('draft.corrupt'));

  const stored = await page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
  const aside = Object.keys(stored).filter((k) => k.startsWith('dossier.aside.'));
  assert.equal(aside.length, 1, Object.keys(stored).join());
  assert.equal(stored[aside[0]], '{not json');
  assert.match(aside[0], /^dossier\.aside\.temporary-residence\.\d+$/);
  assert.equal(stored[DRAFT_KEY], undefined, 'the unreadable draft is no longer the draft');

  // A new form works and is saved.
  await startAsMyself(page, en);
  assert.match(await main(page).innerText(), /could not be read/);
  await clickLink(page, 'About you');
  await waitForHeading(page, 'What is your name?');
  await byLabel(page, 'Surname (family name)').fill('kim');
  await page.waitForFunction((k) => /kim/i.test(localStorage.getItem(k) ?? ''), DRAFT_KEY);
  assert.equal(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), DRAFT_KEY)).form, 'temporary-residence');
  // The notice is not shown on question pages.
  assert.equal(await main(page).getByRole('region').count(), 0);
  await done(page);
});
