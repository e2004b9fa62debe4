// Registering again after coming back to China, to the same address, in
// English, on a 360×740 phone with axe on every page: the reason "came
// back", the time of arrival back at the address yesterday evening (not a
// move-in time), and a done page whose deadline is 24 hours after that
// return. Later than 21:30 Beijing time the 24 hours have passed: the
// return page warns once, and the warning is acknowledged when signing.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { serveAppOnce } from './support/harness.mjs';
import { en, beijing, beijingDay, dateText, main, checkAnswer, closePage } from './journey.mjs';
import { startAs, person, fillAndCheck, declareAndVerify } from './households.mjs';

const app = serveAppOnce();

test('registrants (en): re-registering after coming back to China', async (context) => {
  const t = en;
  const now = beijing();
  if (now.time >= '21:28' && now.time <= '21:32') return context.skip('too close to 21:30 in Beijing');
  if (now.time >= '23:58') return context.skip('too close to midnight in Beijing');
  const late = now.time > '21:30';
  const yesterday = beijingDay(-1);
  const today = beijingDay(0);
  // Entered China yesterday, back at the address at 21:30.
  const me = person('ANNA', { day: '27', month: '3', year: '1985' }, {
    self: true,
    registrationReason: 're_entry',
    return: { ...yesterday, time: '21:30' },
    entryDate: yesterday,
  });
  const page = await startAs(app, t, 'self');
  await fillAndCheck(page, t, me, { warned: late ? ['return'] : [] });

  assert.equal(await checkAnswer(page, t('tr.registration_reason.label')), t('tr.registration_reason.option.re_entry'));
  assert.equal(
    await checkAnswer(page, t('tr.return_datetime.label')),
    t('date.datetime', { date: dateText(t, yesterday), time: '21:30' }),
  );
  assert.equal(await checkAnswer(page, t('tr.arrival_datetime.label')), undefined, 'no move-in time');
  assert.equal((await main(page).innerText()).includes(t('tr.rule.late_registration')), late, 'the late warning');

  const report = await declareAndVerify(page, t, [me]);
  assert.equal(report.summary.filler_role, 'self');
  assert.equal(report.summary.warnings_acknowledged, late ? 1 : 0);
  // 24 hours after coming back: today at 21:30.
  const deadline = t('tr.done.deadline', { deadline: `${dateText(t, today)} 21:30` });
  const done = await main(page).innerText();
  assert.ok(done.includes(deadline), `"${deadline}" on the done page:\n${done}`);
  await closePage(page);
});
