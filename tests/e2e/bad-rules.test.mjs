// Broken rules never reach a user as a blank screen: a mistake in the JSON
// rules stops the build (dossier-rules pack, Trunk's pre-build hook) with
// the file, place and problem; a damaged packed file or language file that
// is served anyway gets a readable bilingual page that names the file and
// the problem.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { DIST_DIR, startServer, launchBrowser, newPhonePage, checkA11y } from './support/harness.mjs';
import { REGISTRATION } from './journey.mjs';

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

// Serves dist/ with one file of rules/ changed by `edit` (bytes in, bytes or
// text out), and waits for the error page.
async function openWith(file, edit) {
  const target = path.join(dir, 'rules', file);
  const original = await readFile(target);
  await writeFile(target, edit(original));
  const server = await startServer(dir);
  const page = await newPhonePage(browser);
  try {
    // Straight to the registration: its files are the ones damaged.
    await page.goto(server.url + REGISTRATION);
    await page.getByRole('heading', { name: 'Sorry, the form could not be loaded' }).waitFor({ timeout: 15_000 });
    return { text: await page.locator('#app main').innerText(), page };
  } finally {
    await writeFile(target, original);
    await server.close();
  }
}

test('a rules mistake stops the build, naming the file, the place and the problem', async () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const rules = path.join(dir, 'source-rules');
  await cp(path.join(root, 'rules'), rules, { recursive: true });
  const form = path.join(rules, 'forms/temporary-residence.json');
  const text = await readFile(form, 'utf8');
  await writeFile(form, text.replace('answers.date_of_birth <= today', 'answers.date_of_brith <= today'));
  const run = spawnSync(
    'cargo',
    ['run', '-q', '-p', 'dossier-engine', '--bin', 'dossier-rules', '--', 'pack', rules, path.join(rules, 'packed')],
    { cwd: root, encoding: 'utf8' },
  );
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, /forms\/temporary-residence\.json: at pages\[\d+\]\.fields\[0\]\.constraints\[0\]\.assert, column \d+ of the expression: unknown field 'date_of_brith' of answers/);
});

test('a damaged packed rules file: the page names the file and the problem, in both languages', async () => {
  const { text, page } = await openWith('packed/temporary-residence.bin', (b) => b.subarray(0, Math.floor(b.length / 2)));
  assert.match(text, /packed\/temporary-residence\.bin: the packed rules are damaged \(Hit the end of buffer, expected more data\)/);
  assert.match(text, /抱歉，表格无法加载/, 'also in Chinese, since the language files may be what is broken');
  await checkA11y(page, 'rules error page');
  await page.context().close();
});

test('a JSON syntax error: the page gives the file, line and column', async () => {
  const { text, page } = await openWith('packed/en.json', (b) =>
    b.toString('utf8').replace('"app.back":"Back",', '"app.back":"Back"'),
  );
  assert.match(text, /packed\/en\.json:\d+:\d+: expected `,` or `}`/);
  await page.context().close();
});
