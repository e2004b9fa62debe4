// A manager who moved flat and changed employer reports the change to his
// residence permit within the 10 days, in English, on a 360×740 phone with
// axe on every page: he ticks the two changes (checkboxes); "What to
// bring" lists the document each change needs (and none for changes he did
// not make), prints on at most 3 A4 pages without the header, footer and
// print button; the last page gives the date to apply by; the signed
// bundle verifies.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { main, dateText, checkAnswer, closePage, waitForHeading } from './journey.mjs';
import {
  servePermitsApp,
  permitTexts,
  rpSelf,
  rpSoloToCheck,
  toCheck,
  openBring,
  checkPrintView,
  mainText,
  declareAndSign,
  beijingDay,
} from './permits.mjs';

const app = servePermitsApp();
const FORM = 'residence-permit';
const t = permitTexts('en', FORM);

test('residence permit, change (en): a manager reports a new address and a new employer within 10 days', async () => {
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

  const page = await rpSoloToCheck(app, t, 'change', manager, {
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
});
