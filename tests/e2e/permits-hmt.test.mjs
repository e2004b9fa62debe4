// The residence permit for Hong Kong, Macao and Taiwan residents
// (港澳台居民居住证), first application, on a 360×740 phone with axe on
// every page. In Chinese: a Hong Kong resident who has lived and worked in
// Shenzhen for seven months applies, with a labour contract as proof; the
// signed bundle verifies. In English: the same person a day short of six
// months is stopped on the page of the date, with the date they can apply
// from (not signed).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { main, dateText, checkAnswer, clickLink, closePage, inlineErrors, summaryLinks, pressContinue, waitForHeading } from './journey.mjs';
import {
  servePermitsApp,
  permitTexts,
  rpPerson,
  openService,
  guidanceText,
  startFiling,
  fillPerson,
  fillPage,
  heading,
  arrive,
  toCheck,
  openBring,
  mainText,
  declareAndSign,
  beijingDay,
  FORMS,
} from './permits.mjs';

const app = servePermitsApp();
const FORM = 'hmt-residence-permit';
const zh = permitTexts('zh-CN', FORM);
const en = permitTexts('en', FORM);

/** A Hong Kong resident working in Shenzhen, living there since `since`. */
const resident = (since) =>
  rpPerson('Ka Ming', {
    procedure: {},
    name: { chinese_name: '陈家明', latin_surname: 'chan', latin_given_names: 'ka ming' },
    region: { region: 'hk' },
    sex: { sex: 'M' },
    'date-of-birth': { date_of_birth: { day: '8', month: '5', year: '1990' } },
    phone: { phone: '+852 9123 4567' },
    'travel-permit': { hk_mo_permit_number: 'H12345678', travel_permit_expiry: beijingDay(4 * 365) },
    'photo-receipt': { photo_receipt_number: 'Y2408281262770A' },
    'living-since': { living_since: since },
    basis: { basis: ['employment'] },
    proofs: { employment_proof: 'labour_contract' },
    address: {
      address_province: '广东省',
      address_city: '深圳市',
      address_district: '南山区',
      address_street: '科技园南路18号',
      address_building: '2栋',
      address_room: '801室',
    },
  }, { self: true });

/** A date as the Date of its Beijing calendar day (UTC midnight). */
const asDate = ({ day, month, year }) => new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
const parts = (d) => ({ day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) });

/** Six calendar months after `d`, the day kept or, past the month's end, its last day. */
function sixMonthsAfter(d) {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 6;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last)));
}

test('hmt residence permit, first (zh-CN): a Hong Kong resident working in Shenzhen for seven months', async () => {
  const t = zh;
  const me = resident(beijingDay(-213));
  const page = await openService(app, t, FORM, 'first');
  const guidance = await guidanceText(page, t);
  for (const key of ['hmt.guidance.who.residents', 'hmt.guidance.fee.first', 'hmt.guidance.time.validity']) {
    assert.ok(guidance.includes(t(key)), `the guidance says: ${t(key)}`);
  }
  await startFiling(page, t, FORM);
  await fillPerson(page, t, FORM, me, {
    options: {
      procedure: {
        check: async (id, h, page) => {
          assert.equal(await main(page).getByLabel(t('hmt.procedure.option.first'), { exact: true }).isChecked(), true);
        },
      },
    },
  });
  await toCheck(page, t);
  assert.equal(await checkAnswer(page, t('hmt.region.label')), t('hmt.region.option.hk'));
  assert.equal(await checkAnswer(page, t('hmt.employment_proof.label')), t('hmt.employment_proof.option.labour_contract'));
  assert.equal(await checkAnswer(page, t('hmt.latin_surname.label')), 'CHAN');
  const check = await mainText(page);
  assert.ok(!check.includes(t('hmt.rule.six_months', { date: '' }).slice(0, 10)), 'seven months: no six-month problem');

  const [list] = await openBring(page, t);
  const has = (key) => list.items.includes(t(`hmt.doc.${key}.label`));
  for (const key of ['hk_mo_travel_permit', 'photo_receipt', 'labour_contract']) assert.ok(has(key), `listed: ${key}`);
  for (const key of ['tw_travel_permit', 'current_permit', 'loss_report', 'birth_certificate', 'guardian_id', 'lease']) {
    assert.ok(!has(key), `not listed: ${key}`);
  }
  await page.goBack();
  await waitForHeading(page, t('check.title'));

  const { report } = await declareAndSign(page, t, FORM, [me]);
  assert.equal(report.summary.filler_role, 'self');
  assert.ok((await mainText(page)).includes(t('hmt.done.next')), 'where to go next');
  await closePage(page);
});

test('hmt residence permit, first (en): a day short of six months, told the date to apply from', async () => {
  const t = en;
  // The latest start date whose six months end after today: tomorrow, or
  // where months differ in length the nearest day after today.
  const today = asDate(beijingDay(0));
  let since = null;
  let from = null;
  for (let back = 170; back <= 200; back++) {
    const d = new Date(today.getTime() - back * 86_400_000);
    const f = sixMonthsAfter(d);
    if (f > today && (from === null || f < from)) {
      since = d;
      from = f;
    }
  }
  assert.ok(from && from > today, 'a start date six months less a day ago');
  const me = resident(parts(since));
  const page = await openService(app, t, FORM, 'first');
  await guidanceText(page, t);
  await startFiling(page, t, FORM);
  // Straight to "Living on the mainland".
  await clickLink(page, t(FORMS[FORM].sections.find((s) => s.id === 'eligibility').title));
  const h = heading(FORM, t, 'living-since');
  await arrive(page, h, 'living-since');
  await fillPage(page, t, t, FORM, 'living-since', me.a['living-since']);
  await pressContinue(page, t);
  await main(page).locator('#error-summary').waitFor();
  await waitForHeading(page, h);
  await arrive(page, h, 'living-since (six months not reached)');
  const message = t('hmt.rule.six_months', { date: dateText(t, parts(from)) });
  assert.deepEqual((await summaryLinks(page)).map((l) => l.text), [message]);
  assert.deepEqual(Object.values(await inlineErrors(page)), [message]);
  // An error, not a warning: Continue again still stops.
  await pressContinue(page, t);
  await main(page).locator('#error-summary').waitFor();
  await waitForHeading(page, h);
  await closePage(page);
});
