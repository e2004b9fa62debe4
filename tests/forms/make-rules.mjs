// Makes a rules folder for tests: a copy of rules/ (without packed/) with
// the test form of this folder added, its messages beside the shipped
// ones, and its entry (with its messages) added to the copied index.json.
// Nothing under rules/ changes: the shipped app keeps its one form.
//
//   node tests/forms/make-rules.mjs <out-dir>
//   cargo run -p dossier-engine --bin dossier-rules -- check <out-dir>
//
// or, from a test: `await makeTestRules(dir)`.

import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The test forms here: every `<id>.json` beside this script. */
export const TEST_FORMS = ['contact-details'];

/** Writes the test rules folder to `out` (created); returns `out`. */
export async function makeTestRules(out) {
  const rules = path.join(ROOT, 'rules');
  await mkdir(out, { recursive: true });
  await cp(rules, out, {
    recursive: true,
    filter: (source) => path.relative(rules, source).split(path.sep)[0] !== 'packed',
  });
  const index = JSON.parse(await readFile(path.join(out, 'index.json'), 'utf8'));
  const languages = await readdir(path.join(HERE, 'locales'));
  for (const id of TEST_FORMS) {
    if (index.forms.some((form) => form.id === id)) throw new Error(`rules/ already has a form '${id}'`);
    await cp(path.join(HERE, `${id}.json`), path.join(out, 'forms', `${id}.json`));
    const messages = {};
    for (const lang of languages) {
      const file = `locales/${lang}/${id}.json`;
      await cp(path.join(HERE, file), path.join(out, file));
      messages[lang] = file;
    }
    index.forms.push({ id, file: `forms/${id}.json`, messages });
  }
  await writeFile(path.join(out, 'index.json'), JSON.stringify(index, null, 2) + '\n');
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node tests/forms/make-rules.mjs <out-dir>');
    process.exit(2);
  }
  await makeTestRules(path.resolve(out));
}
