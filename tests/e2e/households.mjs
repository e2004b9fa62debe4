// The journeys of filing for others (issue 4) and of each kind of
// registrant, shared by the households-*.test.mjs and registrants-*.test.mjs
// files: each runs some of them on a 360×740 phone in English or in
// Chinese, with axe on every page. Every question about someone else names
// them ("What is Maria's date of birth?"); each bundle is checked by the
// verifier (dossier-verify).

import assert from 'node:assert/strict';

import { checkA11y } from './support/harness.mjs';
import {
  en,
  beijingDay,
  main,
  waitForHeading,
  press,
  clickLink,
  chooseRole,
  taskStatus,
  switchLanguage,
  openPhone,
  closePage,
  hostAnswers,
  helperAnswers,
  sectionPages,
  answerPages,
  verifyBundle,
} from './journey.mjs';

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

/** The words about someone whose name is not given yet ("this person"). */
const unnamed = (t, p) => (p.self ? t : (key, params) => t.about(key, t('person.unnamed'), params));

/**
 * Someone registered: the host journey's answers (hostAnswers) for a
 * person of given name `given` (in capitals, as the app shows it) born on
 * `dob`, with `extra` answers (relationship, proof: upload the optional
 * proof of it, self: they fill it in…).
 */
export const person = (given, dob, extra = {}) => ({
  ...hostAnswers(),
  given,
  display: given.charAt(0) + given.slice(1).toLowerCase(),
  surname: 'SMITH',
  givenNames: given,
  dateOfBirth: dob,
  passport: `E${dob.year}${dob.month}${dob.day}`.slice(0, 9),
  sex: 'F',
  ...extra,
});

/** Answer the pages `ids` about `p`, with axe on each. */
const answer = (page, t, ids, a, options = {}) =>
  answerPages(page, t, ids, a, { onPage: (id, heading) => checkA11y(page, `${id}: ${heading}`), ...options });

/** From the start page, as `role`, to the first page after that question. */
export async function startAs(app, t, role) {
  const page = await start(app, t);
  await press(page, t('start.start'));
  await arrive(page, t('filler.title'), 'who');
  await chooseRole(page, t, role);
  return page;
}

/**
 * The filler's own details, asked once for the whole filing: an
 * organisation gives its name and credit code, anyone else their own
 * identity document too.
 */
export async function fillOwnDetails(page, t, role, a = helperAnswers(role)) {
  await answer(page, t, role === 'organisation' ? ['helper-details'] : ['helper-details', 'helper-id'], a);
}

/**
 * "About you" for `p`, from their name page (shown first for someone just
 * added, or from the task list), up to and including `through`.
 */
export async function fillAbout(page, t, p, through = 'phone') {
  const ids = sectionPages(p)['about-you'];
  await answer(page, t, ['name'], p, { T: unnamed(t, p) });
  await answer(page, t, ids.slice(1, ids.indexOf(through) + 1), p, { T: wording(t, p) });
}

/**
 * Every section for `p`, registered by a filler of `role`, from their name
 * page back to their task list. `copy` is the label of the button that
 * copies another applicant's shared answers; a page of `warned` shows a
 * warning once.
 */
export async function fillPerson(page, t, p, { copy = null, role = 'self', warned = [] } = {}) {
  const T = wording(t, p);
  const pages = sectionPages(p, role);
  const section = async (key) => {
    await clickLink(page, T(`tr.section.${key}.title`));
    await answer(page, t, pages[key], p, { T, copy, warned });
    await arrive(page, T('tasks.title'), 'tasks');
  };
  await fillAbout(page, t, p);
  await arrive(page, T('tasks.title'), 'tasks');
  // Where they are staying: typed once, then copied in one tap.
  await section('accommodation');
  // Acting for them: how they are related, and what that needs.
  if (!p.self && pages.acting.length > 0) await section('acting');
  await section('documents');
  await section('uploads');
}

/**
 * From a new person's task list (the filler's, or someone else's not named
 * yet): every section for `p`, then the check page (for someone else, by
 * way of the people in the registration).
 */
export async function fillAndCheck(page, t, p, options = {}) {
  const U = unnamed(t, p);
  await arrive(page, U('tasks.title'), 'tasks');
  await clickLink(page, U('tr.section.about-you.title'));
  await fillPerson(page, t, p, options);
  if (p.self) {
    await clickLink(page, t('tasks.check'));
  } else {
    await main(page).getByRole('link', { name: t('people.title'), exact: true }).click();
    await arrive(page, t('people.title'), 'people');
    await press(page, t('people.check'));
  }
  await arrive(page, t('check.title'), 'check');
}

/**
 * From the check page: declare (acknowledging the warnings if there are
 * any), sign; the verifier's report, which must find it valid, for
 * `people`, in `t`'s language.
 */
export async function declareAndVerify(page, t, people) {
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
  const acknowledge = main(page).getByLabel(t('declaration.acknowledge'), { exact: true });
  if ((await acknowledge.count()) > 0) await acknowledge.check();
  await main(page).getByLabel(t('tr.declaration.confirm'), { exact: true }).check();
  const downloading = page.waitForEvent('download');
  await press(page, t('declaration.submit'));
  const download = await downloading;
  await arrive(page, t('receipt.title'), 'receipt');
  const report = await verifyBundle(download);
  assert.equal(report.summary.applicants, people.length);
  assert.equal(report.summary.language, t.lang);
  return report;
}

/** A mother registers herself, her husband and their children of 4 and 9,
 * copying the shared answers, and signs one bundle for the household. */
export async function motherJourney(app, t) {
  const page = await startAs(app, t, 'self');
  await arrive(page, t('tasks.title'), 'tasks');

  // They entered visa-free for 30 days, and leave within them.
  const household = { visaType: 'visa_free', visaFreeScheme: 'unilateral', reason: 'visiting', departure: beijingDay(20) };
  const mother = person('ANNA', { day: '27', month: '3', year: '1985' }, { ...household, self: true });
  await clickLink(page, t('tr.section.about-you.title'));
  await fillPerson(page, t, mother);

  const family = [
    person('JOHN', { day: '2', month: '8', year: '1983' }, { ...household, sex: 'M', relationship: 'spouse', proof: true }),
    person('LUCAS', beijingDay(-(9 * 365 + 40)), { ...household, sex: 'M', relationship: 'child', proof: true }),
    person('MIA', beijingDay(-(4 * 365 + 20)), { ...household, relationship: 'child', proof: true }),
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
  await arrive(page, t('check.title'), 'check');
  await declareAndVerify(page, t, [mother, ...family]);
  await closePage(page);
}

/** Someone files for one other person: `role`, their own details, then
 * the applicant `p`. */
export async function helperJourney(app, t, role, p) {
  const page = await startAs(app, t, role);
  await fillOwnDetails(page, t, role);
  await fillAndCheck(page, t, p, { role });
  const report = await declareAndVerify(page, t, [p]);
  assert.equal(report.summary.filler_role, role);
  await closePage(page);
}
