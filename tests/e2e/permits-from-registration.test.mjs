// Households across forms: a family whose registration of stay is saved on
// this phone starts its residence permits and adds its people from it in
// one tap: names, dates of birth and nationality come across, the
// registration's own answers do not, and each answer stays the user's to
// check. At 360×740 with axe on the pages it passes.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { checkA11y } from './support/harness.mjs';
import { main, closePage, checkAnswer, dateText } from './journey.mjs';
import { servePermitsApp, permitTexts, openService, startFiling, arrive } from './permits.mjs';

const app = servePermitsApp();
const t = permitTexts('en', 'residence-permit');

/** A registration of stay saved on the device: David registered himself and Emma. */
const registration = JSON.stringify({
  format: 1,
  form: 'temporary-residence',
  form_version: '1.3.0',
  dossier: {
    filler: { role: 'self', answers: {} },
    applicants: [
      { answers: { surname: 'SMITH', given_names: 'DAVID', sex: 'M', date_of_birth: { day: '14', month: '6', year: '1984' }, nationality: 'GBR', housing_type: 'rented' } },
      { answers: { surname: 'SMITH', given_names: 'EMMA', sex: 'F', date_of_birth: { day: '2', month: '9', year: '1986' }, nationality: 'GBR' } },
    ],
  },
});

test('residence permit: a family adds its people from its registration of stay on this phone', async () => {
  const page = await openService(app, t, 'residence-permit', 'first');
  await page.evaluate((draft) => localStorage.setItem('dossier.draft.temporary-residence', draft), registration);
  // The permit is opened again, as after a day away: the drafts are read.
  await page.reload();
  await arrive(page, t('rp.service.first.title'), 'guidance again');
  await startFiling(page, t, 'residence-permit');
  const offer = main(page).getByRole('button', { name: t('people.elsewhere.add', { names: 'David, Emma' }), exact: true });
  await offer.waitFor();
  await checkA11y(page, 'tasks with the offer');
  await offer.click();
  await arrive(page, t('people.title'), 'people');
  const rows = await main(page).locator('.summary-list__key').allTextContents();
  assert.deepEqual(rows.map((r) => r.replace(/\s+/g, ' ').trim()), ['David (you)', 'Emma']);
  assert.equal(await offer.count(), 0, 'the offer goes once taken');
  await checkA11y(page, 'people added');

  // Emma's answers: carried where the permit asks the same, nothing else.
  await page.evaluate(() => { location.hash = '#/a/1/check'; });
  await arrive(page, t.about('check.title', 'Emma'), 'Emma check');
  const text = await main(page).innerText();
  assert.ok(text.includes(dateText(t, { day: '2', month: '9', year: '1986' })), text);
  assert.match(text, /United Kingdom/);
  assert.ok(!text.includes('rented'), 'the registration\'s own answers stay there');
  await closePage(page);
});
