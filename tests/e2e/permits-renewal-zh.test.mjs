// A student renews her study residence permit 20 days before it ends, in
// Chinese, on a 360×740 phone with axe on every page: the law asks for at
// least 30 days, so the page of her current permit warns that she is 10
// days late; the warning does not block (Continue again goes on), she
// acknowledges it at the declaration, and the signed bundle verifies.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { main, dateText, checkAnswer, closePage } from './journey.mjs';
import {
  servePermitsApp,
  permitTexts,
  rpSelf,
  rpSoloToCheck,
  toCheck,
  mainText,
  declareAndSign,
  beijingDay,
} from './permits.mjs';

const app = servePermitsApp();
const FORM = 'residence-permit';
const t = permitTexts('zh-CN', FORM);

test('residence permit, renewal (zh-CN): a student 20 days before her permit ends is warned she is 10 days late', async () => {
  const expiry = beijingDay(20);
  const warning = t('rp.rule.renewal_late', { days: 10, date: dateText(t, expiry) });
  // The message names the rule (30 days before the end) and the delay.
  assert.match(warning, /30日前/);
  assert.match(warning, /逾期10天/);

  const student = rpSelf({
    entry: { entry_date: beijingDay(-300) },
    category: { category: 'study' },
    'work-permit': null,
    validity: { requested_months: 12 },
    name: { surname: 'nguyen', given_names: 'linh' },
    nationality: { nationality: 'VNM' },
    employer: { employer_or_school: '北京语言大学', contact_name: '王老师', contact_phone: '139 1234 5678' },
    'current-document': {
      current_document_kind: 'residence_permit',
      current_document_number: 'X11000098765',
      current_document_expiry: expiry,
    },
  });

  let warned = '';
  const page = await rpSoloToCheck(app, t, 'renewal', student, {
    guidance: async (text) => {
      assert.ok(text.includes(t('rp.summary.renewal_30_days')), 'the guidance gives the 30 days');
    },
    options: {
      procedure: {
        check: async (id, h, page) => {
          assert.equal(await main(page).getByLabel(t('rp.procedure.option.renewal'), { exact: true }).isChecked(), true);
        },
      },
      'current-document': {
        warned: true,
        after: async (id, page) => {
          warned = await mainText(page);
        },
      },
    },
  });
  assert.ok(warned.includes(warning), `the warning: ${warning}\n---\n${warned}`);
  // A warning, not an error: the page has a warning summary, and Continue
  // went on to the task list (fillRpPerson waited for it).

  await toCheck(page, t);
  const check = await mainText(page);
  assert.ok(check.includes(warning), 'the check page repeats the warning');
  assert.ok(check.includes(t('rp.rule.fee', { months: 12, fee: 800 })), 'the fee for 12 months');
  assert.equal(await checkAnswer(page, t('rp.procedure.label')), t('rp.procedure.option.renewal'));
  assert.equal(await checkAnswer(page, t('rp.category.label')), t('rp.category.option.study'));

  const { warned: acknowledged } = await declareAndSign(page, t, FORM, [student]);
  assert.equal(acknowledged, true, 'the declaration asks her to acknowledge the warning');
  await closePage(page);
});
