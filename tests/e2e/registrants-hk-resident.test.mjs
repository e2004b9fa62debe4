// A Hong Kong resident registers themself, in English, on a 360×740 phone
// with axe on every page. They entered with a Mainland travel permit
// (回乡证), which carries no visa and no entry stamp: the form asks for
// neither, lists neither among the documents to bring, and the signed
// bundle holds no such file.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { serveAppOnce } from './support/harness.mjs';
import { en, main, checkAnswer, uploadName, closePage } from './journey.mjs';
import { startAs, person, fillAndCheck, declareAndVerify } from './households.mjs';

const app = serveAppOnce();

test('registrants (en): a Hong Kong resident registers themself with a Mainland travel permit', async () => {
  const t = en;
  const me = person('KA MING', { day: '8', month: '5', year: '1990' }, {
    self: true,
    surname: 'CHAN',
    sex: 'M',
    nationality: 'HKG',
    documentType: 'hk_mo_travel_permit',
    passport: 'H12345678',
    placeOfIssue: undefined,
    port: 'Shenzhen Bay',
    reason: 'business',
  });
  const page = await startAs(app, t, 'self');
  // The documents section goes from the entry straight to the reason for
  // the stay, and the uploads from the data page to the housing documents:
  // no visa pages, no visa page or entry stamp to upload.
  await fillAndCheck(page, t, me);

  assert.equal(await checkAnswer(page, t('tr.entry_document_type.label')), t('tr.entry_document_type.option.hk_mo_travel_permit'));
  assert.equal(await checkAnswer(page, t('tr.entry_document_number.label')), 'H12345678');
  assert.equal(await checkAnswer(page, t('tr.nationality.label')), t('country.HKG'));
  for (const key of ['tr.visa_type.label', 'tr.visa_number.label', 'tr.visa_stay_days.label', 'tr.visa_expiry.label', 'tr.visa_free_scheme.label', 'tr.copy_visa_page.label', 'tr.copy_entry_stamp.label']) {
    assert.equal(await checkAnswer(page, t(key)), undefined, `no row ${t(key)}`);
  }
  const rows = await main(page).locator('.summary-list__key').allInnerTexts();
  assert.deepEqual(rows.filter((row) => /visa|stamp/i.test(row)), [], 'no visa or entry stamp row');
  const text = await main(page).innerText();
  for (const key of ['tr.doc.copy_visa_page.label', 'tr.doc.copy_entry_stamp.label']) {
    assert.ok(!text.includes(t(key)), `not listed: ${t(key)}`);
  }
  for (const key of ['tr.doc.entry_document_original.label', 'tr.doc.copy_data_page.label', 'tr.doc.host_id_or_household_register.label']) {
    assert.ok(text.includes(t(key)), `listed: ${t(key)}`);
  }

  const report = await declareAndVerify(page, t, [me]);
  assert.equal(report.summary.filler_role, 'self');
  assert.deepEqual(
    report.summary.attachments.map((a) => a.name).sort(),
    ['photo', 'copy_data_page', 'host_id_copy'].map((field) => uploadName(field, me)).sort(),
  );
  await closePage(page);
});
