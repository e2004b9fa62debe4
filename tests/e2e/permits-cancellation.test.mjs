// A retiree cancels her residence permit as she leaves China, in English,
// on a 360×740 phone with axe on every page: the service and its page say
// that this follows local practice (there is no national rule); no photo
// receipt or period is asked; "What to bring" lists the flight booking
// and a photo as local practice, not the application form; the signed
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
const t = permitTexts('en', FORM);

test('residence permit, cancellation (en): a retiree cancels her permit on leaving China', async () => {
  const retiree = rpSelf({
    entry: { entry_date: beijingDay(-900) },
    category: { category: 'private_affairs' },
    'work-permit': null,
    validity: null,
    'photo-receipt': null,
    cancellation: { cancellation_reason: 'leaving', leaving_date: beijingDay(14) },
    name: { surname: 'johnson', given_names: 'margaret' },
    'date-of-birth': { date_of_birth: { day: '5', month: '1', year: '1958' } },
    nationality: { nationality: 'AUS' },
    address: { address_in_china: '昆明市五华区翠湖南路12号' },
    employer: { contact_name: 'Margaret Johnson Jr', contact_phone: '+61 412 345 678' },
  });

  const page = await rpSoloToCheck(app, t, 'cancellation', retiree, {
    guidance: async (text) => {
      assert.ok(text.includes(t('rp.service.cancellation.summary')), 'the summary says it follows local practice');
      assert.match(t('rp.service.cancellation.summary'), /local practice/);
    },
    options: {
      procedure: {
        check: async (id, h, page) => {
          assert.equal(await main(page).getByLabel(t('rp.procedure.option.cancellation'), { exact: true }).isChecked(), true);
        },
      },
      cancellation: {
        check: async (id, h, page) => {
          const text = await mainText(page);
          for (const key of ['rp.page.cancellation.content.1', 'rp.page.cancellation.content.2']) {
            assert.ok(text.includes(t(key)), `the page says: ${t(key)}`);
          }
          assert.match(t('rp.page.cancellation.content.1'), /no national rule/);
        },
      },
    },
  });

  await toCheck(page, t);
  assert.equal(await checkAnswer(page, t('rp.procedure.label')), t('rp.procedure.option.cancellation'));
  assert.equal(await checkAnswer(page, t('rp.cancellation_reason.label')), t('rp.cancellation_reason.option.leaving'));
  assert.equal(await checkAnswer(page, t('rp.photo_receipt_number.label')), undefined, 'no photo receipt asked');
  assert.equal(await checkAnswer(page, t('rp.requested_months.label')), undefined, 'no period asked');

  const [list] = await openBring(page, t);
  const has = (key) => list.items.includes(t(`rp.doc.${key}.label`));
  for (const key of ['flight_booking', 'cancellation_photo', 'passport']) assert.ok(has(key), `listed: ${key}`);
  for (const key of ['application_form', 'photo_receipt', 'work_ended_proof', 'study_ended_proof', 'private_matter_proof', 'health_certificate']) {
    assert.ok(!has(key), `not listed: ${key}`);
  }
  const bring = await mainText(page);
  assert.ok(bring.includes(t('rp.doc.flight_booking.hint')), 'the booking: local practice');
  assert.ok(bring.includes(t('rp.doc.cancellation_photo.hint')), 'the photo: local practice');
  await page.goBack();
  await waitForHeading(page, t('check.title'));

  const { warned } = await declareAndSign(page, t, FORM, [retiree]);
  assert.equal(warned, false);
  await closePage(page);
});
