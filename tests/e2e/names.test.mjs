// Name fields on a phone (360×740): names are written in Latin capitals as
// the user types, and the rewrite must not move the caret. Typed with the
// keyboard, key by key (not fill(), which sets the whole value at once and
// leaves the caret at the end anyway).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { serveAppOnce, checkA11y } from './support/harness.mjs';
import { en, byLabel, waitForHeading, pressContinue, openPhone, closePage } from './journey.mjs';

const app = serveAppOnce();

/** The field's value and where its caret (or selection) is. */
const caret = (field) =>
  field.evaluate((el) => ({ value: el.value, start: el.selectionStart, end: el.selectionEnd }));

test('typing in the middle of a name keeps the caret where it was', async () => {
  const page = await openPhone(app, '#/page/name');
  await waitForHeading(page, en('tr.page.name.title'));
  const surname = byLabel(page, en('tr.surname.label'));
  const given = byLabel(page, en('tr.given_names.label'));

  // "smth", then the missing "i" put back between M and T.
  await surname.click();
  await page.keyboard.type('smth');
  assert.deepEqual(await caret(surname), { value: 'SMTH', start: 4, end: 4 });
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await caret(surname), { value: 'SMTH', start: 2, end: 2 });
  await page.keyboard.type('i');
  assert.deepEqual(await caret(surname), { value: 'SMITH', start: 3, end: 3 });

  // Several letters in the middle, each one after the last.
  await given.click();
  await page.keyboard.type('anna');
  await page.keyboard.press('Home');
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
  await page.keyboard.type(' marie');
  assert.deepEqual(await caret(given), { value: 'ANNA MARIE', start: 10, end: 10 });
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type('bc');
  assert.deepEqual(await caret(given), { value: 'ABCNNA MARIE', start: 3, end: 3 });
  // And taken out again with the keyboard, from the caret.
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  assert.deepEqual(await caret(given), { value: 'ANNA MARIE', start: 1, end: 1 });

  await checkA11y(page, 'name, typed with the keyboard');

  // What was typed is what is kept, after Continue and a reload.
  await pressContinue(page, en);
  await waitForHeading(page, `${en('tr.page.chinese-name.title')} ${en('app.optional')}`);
  await page.evaluate(() => (location.hash = '#/page/name'));
  await page.reload();
  await waitForHeading(page, en('tr.page.name.title'));
  assert.equal(await surname.inputValue(), 'SMITH');
  assert.equal(await given.inputValue(), 'ANNA MARIE');
  await closePage(page);
});
