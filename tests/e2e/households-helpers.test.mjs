// Filing for someone else (issue 4), in English and Chinese: a grandson for
// his grandmother of 72; and a friend filing for a 9-year-old without a
// parent or guardian is stopped. (An employer: households-employer.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { serveAppOnce, checkA11y } from './support/harness.mjs';
import { en, zh, main, press, pressContinue, clickLink, choose, chooseRole, beijingDay, summaryLinks, closePage } from './journey.mjs';
import { start, arrive, wording, person, fillOwnDetails, fillAbout, helperJourney } from './households.mjs';

const app = serveAppOnce();

for (const t of [en, zh]) {
  test(`households (${t.lang}): a grandson registers his grandmother of 72`, () =>
    helperJourney(app, t, 'family', person('MARGARET', { day: '1', month: '6', year: '1954' }, { relationship: 'grandparent', proof: true })));
}

test('households: a friend cannot register a 9-year-old without a parent or guardian', async () => {
  const t = en;
  const page = await start(app, t);
  await press(page, t('start.start'));
  await arrive(page, t('filler.title'), 'who');
  // Continue without an answer: the question says so.
  await pressContinue(page, t);
  assert.deepEqual((await summaryLinks(page)).map((l) => l.text), [t('filler.required')]);
  await chooseRole(page, t, 'friend');
  await fillOwnDetails(page, t, 'friend');
  const child = person('LUCAS', beijingDay(-(9 * 365 + 40)), { sex: 'M' });
  const T = wording(t, child);
  await clickLink(page, t.about('tr.section.about-you.title', t('person.unnamed')));
  await fillAbout(page, t, child, 'date-of-birth');

  await page.evaluate(() => (location.hash = '#/tasks'));
  await arrive(page, T('tasks.title'), 'tasks');
  await clickLink(page, t.about('tr.section.acting.title', child.display));
  await arrive(page, T('hh.page.relationship.title'), 'relationship');
  await choose(page, T('hh.page.relationship.title'), T('hh.relationship.option.friend'));
  await pressContinue(page, t);
  // Under 16 and not filed by a parent: the parent's or guardian's details.
  await arrive(page, T('hh.page.guardian.title'), 'guardian');
  assert.match(await main(page).innerText(), /Lucas is under 16/);
  await pressContinue(page, t);
  const errors = (await summaryLinks(page)).map((l) => l.text);
  assert.ok(errors.includes('Enter the full name of Lucas\'s parent or guardian'), errors.join('\n'));
  await checkA11y(page, 'guardian errors');
  // Nothing can be signed while they are missing.
  await page.evaluate(() => (location.hash = '#/check'));
  await arrive(page, t('check.title'), 'check with errors');
  assert.match(await main(page).innerText(), new RegExp(t('check.fix_first').slice(0, 30)));
  assert.equal(await main(page).getByRole('button', { name: t('check.continue'), exact: true }).count(), 0);
  await closePage(page);
});
