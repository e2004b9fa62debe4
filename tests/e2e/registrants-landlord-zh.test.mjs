// A landlord (the host, 留宿人) registers the foreign tenant who rents their
// flat, in Chinese, on a 360×740 phone with axe on every page: the
// landlord's own details and resident ID, then the tenant's; no
// relationship page and no host page (the landlord's details are the
// host's). On the check page the papers for the flat are changed to "no"
// (a written statement is listed instead of the lease, and no housing
// upload is asked), then back to "yes" before signing.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { serveAppOnce } from './support/harness.mjs';
import { zh, main, choose, pressContinue, checkAnswer, uploadName, closePage } from './journey.mjs';
import { startAs, arrive, wording, person, fillOwnDetails, fillAndCheck, declareAndVerify } from './households.mjs';

const app = serveAppOnce();

test('registrants (zh-CN): a landlord registers the foreign tenant staying in their flat', async () => {
  const t = zh;
  const tenant = person('WEI', { day: '14', month: '9', year: '1996' }, { sex: 'M', housingType: 'rented' });
  const T = wording(t, tenant);
  const page = await startAs(app, t, 'host');
  await fillOwnDetails(page, t, 'host');
  await fillAndCheck(page, t, tenant, { role: 'host' });

  // Nothing asks the landlord who the host is, or how they are related:
  // the tenant's task list has no section for it.
  assert.equal(await checkAnswer(page, t('tr.host_name.label')), undefined, 'no host row');
  assert.equal(await checkAnswer(page, t.about('hh.relationship.label', tenant.display)), undefined, 'no relationship row');
  // (The landlord's own details come first, before the tenant's document.)
  assert.equal(await checkAnswer(page, t('hh.helper_id_number.label')), '11010519491231002X');
  await page.evaluate(() => (location.hash = '#/tasks'));
  await arrive(page, T('tasks.title'), 'tasks');
  assert.match(await main(page).innerText(), new RegExp(t('tasks.progress', { done: 4, total: 4 })));
  assert.equal(await main(page).getByRole('link', { name: t.about('tr.section.acting.title', tenant.display) }).count(), 0);
  await page.evaluate(() => (location.hash = '#/check'));
  await arrive(page, t('check.title'), 'check');
  assert.equal(await checkAnswer(page, T('tr.housing_type.label')), T('tr.housing_type.option.rented'));
  const lease = T('tr.doc.lease_contract.label');
  const statement = T('tr.doc.written_statement.label');
  const papers = async (answer, heading) => {
    await main(page).getByRole('link', { name: `${t('check.change')} ${T('tr.housing_papers.label')}`, exact: true }).click();
    await arrive(page, T('tr.page.housing-papers.title'), 'housing-papers');
    await choose(page, T('tr.page.housing-papers.title'), T(`tr.housing_papers.option.${answer}`));
    await pressContinue(page, t);
    await arrive(page, t('check.title'), heading);
    return main(page).innerText();
  };
  let text = await main(page).innerText();
  assert.ok(text.includes(lease) && !text.includes(statement), 'papers: the lease, no statement');
  assert.equal(await checkAnswer(page, T('tr.lease_contract_copy.label')), uploadName('lease_contract_copy', tenant));

  // Some papers missing: a written statement instead, and no uploads.
  text = await papers('no', 'check (no papers)');
  assert.ok(text.includes(statement), `the written statement is listed:\n${text}`);
  assert.ok(!text.includes(lease), 'no lease contract without papers');
  assert.equal(await checkAnswer(page, T('tr.lease_contract_copy.label')), undefined, 'no housing uploads');
  assert.equal(await checkAnswer(page, T('tr.housing_papers.label')), T('tr.housing_papers.option.no'));

  // The papers after all: the lease again, and the copies given before.
  text = await papers('yes', 'check (papers again)');
  assert.ok(text.includes(lease) && !text.includes(statement), 'papers again: the lease, no statement');
  assert.equal(await checkAnswer(page, T('tr.lease_contract_copy.label')), uploadName('lease_contract_copy', tenant));

  const report = await declareAndVerify(page, t, [tenant]);
  assert.equal(report.summary.filler_role, 'host');
  const files = report.summary.attachments.map((a) => a.name);
  for (const field of ['lease_contract_copy', 'landlord_id_copy', 'landlord_property_certificate_copy']) {
    assert.ok(files.includes(uploadName(field, tenant)), `${field} in ${files}`);
  }
  await closePage(page);
});
