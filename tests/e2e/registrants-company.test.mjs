// A company registers a new employee who lives in its dormitory, in
// English, on a 360×740 phone with axe on every page. The HR assistant
// gives the company's name and unified social credit code (统一社会信用代码):
// first one whose check character is wrong, which the page says, then the
// right one. An organisation gives no personal identity document.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { serveAppOnce, checkA11y } from './support/harness.mjs';
import {
  en,
  main,
  byLabel,
  pressContinue,
  summaryLinks,
  inlineErrors,
  checkAnswer,
  helperAnswers,
  beijingDay,
  closePage,
} from './journey.mjs';
import { startAs, arrive, wording, person, fillOwnDetails, fillAndCheck, declareAndVerify } from './households.mjs';

const app = serveAppOnce();

test('registrants (en): a company registers an employee with its unified social credit code', async () => {
  const t = en;
  const employee = person('WEI', { day: '14', month: '9', year: '1996' }, {
    sex: 'M',
    relationship: 'employee',
    housingType: 'dormitory',
    visaType: 'Z',
    visaStayDays: '30',
    reason: 'employment',
    departure: beijingDay(20),
  });
  const T = wording(t, employee);
  const company = helperAnswers('organisation');
  const page = await startAs(app, t, 'organisation');

  // GB 32100's own example of a wrong check character.
  await fillOwnDetails(page, t, 'organisation', { ...company, organisationCode: '91350100M000100Y4Z' });
  await main(page).locator('#error-summary').waitFor();
  await arrive(page, t('hh.page.helper-details.title'), 'helper-details (a wrong code)');
  const message = t('error.id.unified_social_credit_code.check_digit');
  assert.deepEqual((await summaryLinks(page)).map((l) => l.text), [message]);
  assert.equal((await inlineErrors(page))['f-helper_organisation_code'], message);
  await checkA11y(page, 'helper-details with an error summary');

  await byLabel(page, t('hh.helper_organisation_code.label')).fill(company.organisationCode);
  await pressContinue(page, t);
  // Straight to the employee: no page for a personal identity document.
  await arrive(page, t.about('tasks.title', t('person.unnamed')), 'tasks');
  await fillAndCheck(page, t, employee, { role: 'organisation' });

  assert.equal(await checkAnswer(page, t('hh.helper_organisation.label')), company.organisation);
  assert.equal(await checkAnswer(page, t('hh.helper_organisation_code.label')), company.organisationCode);
  assert.equal(await checkAnswer(page, t('hh.helper_id_type.label')), undefined, 'no identity document of the HR assistant');
  assert.equal(await checkAnswer(page, T('hh.relationship.label')), T('hh.relationship.option.employee'));
  const text = await main(page).innerText();
  for (const key of ['hh.doc.organisation_certificate.label', 'tr.doc.dormitory_certificate.label']) {
    assert.ok(text.includes(T(key)), `listed: ${T(key)}`);
  }
  assert.ok(!text.includes(T('tr.doc.agent_id.label')), 'no personal identity document to bring');

  const report = await declareAndVerify(page, t, [employee]);
  assert.equal(report.summary.filler_role, 'organisation');
  await closePage(page);
});
