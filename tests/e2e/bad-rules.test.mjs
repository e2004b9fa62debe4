// A portal serving a broken rules file must get a readable page that names
// the file and the problem, never a blank screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { DIST_DIR, startServer, launchBrowser, newPhonePage, checkA11y } from './support/harness.mjs';

let dir;
let browser;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dossier-bad-rules-'));
  await cp(DIST_DIR, dir, { recursive: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

async function openWith(file, edit) {
  const target = path.join(dir, 'rules', file);
  const original = await readFile(target, 'utf8');
  await writeFile(target, edit(original));
  const server = await startServer(dir);
  const page = await newPhonePage(browser);
  try {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Sorry, the form could not be loaded' }).waitFor({ timeout: 15_000 });
    return { text: await page.locator('main').innerText(), page };
  } finally {
    await writeFile(target, original);
    await server.close();
  }
}

test('an expression naming an unknown answer: the page names the file, the place and the problem', async () => {
  const { text, page } = await openWith('forms/temporary-residence.json', (s) =>
    s.replace('"assert": "answers.date_of_birth <= today"', '"assert": "answers.date_of_brith <= today"'),
  );
  assert.match(text, /forms\/temporary-residence\.json/);
  assert.match(text, /unknown field 'date_of_brith' of answers/);
  assert.match(text, /column \d+ of the expression/);
  assert.match(text, /抱歉，表格无法加载/, 'also in Chinese, since the language files may be what is broken');
  await checkA11y(page, 'rules error page');
  await page.context().close();
});

test('a JSON syntax error: the page gives the file, line and column', async () => {
  const { text, page } = await openWith('locales/en/ui.json', (s) => s.replace('"app.back": "Back",', '"app.back": "Back"'));
  assert.match(text, /locales\/en\/ui\.json:\d+:\d+: expected `,` or `}`/);
  await page.context().close();
});
