// A teacher whose passport and residence permit were stolen applies for a
// replacement permit, in Chinese, on a 360×740 phone with axe on every
// page: the reissue page gives the steps in order (police report, loss
// certificate, new passport, registration again) and asks the date of the
// loss certificate; the passport page takes the new passport; the lost
// permit's number and expiry may be left out; "What to bring" lists the
// police report, the loss certificate and the new passport, not the
// original passport nor the old accommodation registration; the signed
// bundle verifies.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { main, checkAnswer, closePage, waitForHeading } from './journey.mjs';
import {
  servePermitsApp,
  permitTexts,
  rpSelf,
  rpSoloToCheck,
  toCheck,
  openBring,
  mainText,
  declareAndSign,
  beijingDay,
} from './permits.mjs';

const app = servePermitsApp();
const FORM = 'residence-permit';
const t = permitTexts('zh-CN', FORM);

test('residence permit, reissue (zh-CN): a teacher whose passport and permit were stolen', async () => {
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

  const page = await rpSoloToCheck(app, t, 'reissue', teacher, {
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
});
