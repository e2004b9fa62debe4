// Registering again after coming back to China, to the same address, in
// English, on a 360×740 phone with axe on every page: the reason "came
// back", the time of arrival back at the address 23 hours ago (not a
// move-in time), no late warning, and a done page whose deadline is 24
// hours after that return: an hour from now, whatever the time of day.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { serveAppOnce } from './support/harness.mjs';
import { en, beijing, dateText, main, checkAnswer, closePage } from './journey.mjs';
import { startAs, person, fillAndCheck, declareAndVerify } from './households.mjs';

const app = serveAppOnce();

test('registrants (en): re-registering after coming back to China', async () => {
  const t = en;
  const hour = 3600_000;
  // Back at the address 23 hours ago (to the minute), having entered China
  // that day: the 24 hours end an hour from now.
  const back = beijing(-23 * hour);
  const due = beijing(hour);
  const { time: _, ...entered } = back;
  const me = person('ANNA', { day: '27', month: '3', year: '1985' }, {
    self: true,
    registrationReason: 're_entry',
    return: back,
    entryDate: entered,
  });
  const page = await startAs(app, t, 'self');
  await fillAndCheck(page, t, me, { warned: [] });

  assert.equal(await checkAnswer(page, t('tr.registration_reason.label')), t('tr.registration_reason.option.re_entry'));
  assert.equal(
    await checkAnswer(page, t('tr.return_datetime.label')),
    t('date.datetime', { date: dateText(t, back), time: back.time }),
  );
  assert.equal(await checkAnswer(page, t('tr.arrival_datetime.label')), undefined, 'no move-in time');
  assert.equal((await main(page).innerText()).includes(t('tr.rule.late_registration')), false, 'no late warning');

  const report = await declareAndVerify(page, t, [me]);
  assert.equal(report.summary.filler_role, 'self');
  assert.equal(report.summary.warnings_acknowledged, 0);
  // 24 hours after coming back, not after a move-in.
  const deadline = t('tr.done.deadline', { deadline: `${dateText(t, due)} ${due.time}` });
  const done = await main(page).innerText();
  assert.ok(done.includes(deadline), `"${deadline}" on the done page:\n${done}`);
  await closePage(page);
});
