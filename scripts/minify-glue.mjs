// Trunk post-build hook (Trunk.toml): in release builds, minifies the JS
// that wasm-bindgen emits (the glue and the snippets under snippets/) and
// the loader boot.js with terser, shrinks the wasm with binaryen's wasm-opt
// -Oz, and updates each file's Subresource Integrity hash in index.html.
// Trunk's own minifier cannot parse this glue, and Trunk's wasm-opt step
// would take Debian's binaryen, which is too old (toolchain.md); both come
// from package-lock.json instead. Saves about 3 KB and 1.5 KB gzip of the
// 256 KiB download budget. Last, it writes beside every file a browser
// fetches a gzip copy made by zopfli (`<file>.gz`), which a server sends as
// it is (nginx `gzip_static on`, Caddy `precompressed gzip`): the same gzip
// a browser decodes, about 4.5 % (11 KB) smaller than gzip -9 makes.
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import path from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (process.env.TRUNK_PROFILE !== 'release' || !staging) process.exit(0);

let minify;
try {
  ({ minify } = await import('terser'));
} catch {
  console.error('minify-glue: terser is not installed (run scripts/setup)');
  process.exit(1);
}

// The glue (dossier-<hash>.js), every snippet and boot.js, as paths inside
// staging.
const files = (await readdir(staging, { recursive: true }))
  .map((f) => f.split(path.sep).join('/'))
  .filter((f) => /^dossier-[0-9a-f]+\.js$/.test(f) || /^snippets\/.+\.js$/.test(f) || f === 'boot.js');
if (!files.some((f) => f.startsWith('dossier-'))) {
  console.error(`minify-glue: no dossier-<hash>.js in ${staging}`);
  process.exit(1);
}

const html = path.join(staging, 'index.html');
let page = await readFile(html, 'utf8');
for (const file of files) {
  const full = path.join(staging, file);
  const source = await readFile(full, 'utf8');
  const { code } = await minify(source, { module: true, compress: { passes: 2 }, mangle: true });
  await writeFile(full, code);
  // A <link> that preloads the file carries its sha384; a browser refuses
  // a file whose hash differs, so the hash must follow the new content.
  const integrity = 'sha384-' + createHash('sha384').update(code).digest('base64');
  page = page.replace(/<link\b[^>]*>/g, (tag) =>
    tag.includes(file) ? tag.replace(/integrity=("?)sha384-[A-Za-z0-9+/=]+/, `integrity=$1${integrity}`) : tag,
  );
  console.error(`minify-glue: ${file} ${source.length} -> ${code.length} bytes`);
}
// The wasm: -Oz with the features rustc's output uses, and
// --low-memory-unused: rustc puts the stack first (the stack pointer starts
// at 1 MiB and grows down, data lies above it), so the first KiB is touched
// only by a stack about to overflow; binaryen may then fold constant offsets
// into loads and stores (1.8 KB gzip). Then GUFA (whole-program type flow)
// and -Oz again until nothing changes: 0.4 KB gzip more.
const wasmOpt = fileURLToPath(new URL('../node_modules/.bin/wasm-opt', import.meta.url));
const wasms = (await readdir(staging)).filter((f) => /^dossier-[0-9a-f]+_bg\.wasm$/.test(f));
if (wasms.length !== 1) {
  console.error(`minify-glue: expected one dossier-<hash>_bg.wasm in ${staging}, found ${wasms.length}`);
  process.exit(1);
}
for (const file of wasms) {
  const full = path.join(staging, file);
  const before = (await readFile(full)).length;
  const features = ['bulk-memory', 'nontrapping-float-to-int', 'sign-ext', 'mutable-globals', 'reference-types', 'multivalue'];
  const run = spawnSync(wasmOpt, ['-Oz', '--low-memory-unused', '--gufa', '-Oz', '--converge', ...features.map((f) => `--enable-${f}`), full, '-o', full], { encoding: 'utf8' });
  if (run.status !== 0) {
    console.error(`minify-glue: wasm-opt failed (run scripts/setup to install binaryen):\n${run.stderr ?? run.error}`);
    process.exit(1);
  }
  const bytes = await readFile(full);
  const integrity = 'sha384-' + createHash('sha384').update(bytes).digest('base64');
  page = page.replace(/<link\b[^>]*>/g, (tag) =>
    tag.includes(file) ? tag.replace(/integrity=("?)sha384-[A-Za-z0-9+/=]+/, `integrity=$1${integrity}`) : tag,
  );
  console.error(`minify-glue: ${file} ${before} -> ${bytes.length} bytes (wasm-opt -Oz)`);
}
await writeFile(html, page);

// Precompressed copies: zopfli's gzip, made once here instead of by the
// server on every request. Subresource Integrity hashes are of the decoded
// files, so they stay as they are.
const { gzipAsync } = await import('@gfx/zopfli');
const served = (await readdir(staging, { recursive: true }))
  .map((f) => f.split(path.sep).join('/'))
  .filter((f) => /\.(wasm|js|css|html|json|bin|svg)$/.test(f));
for (const file of served) {
  const full = path.join(staging, file);
  const bytes = await readFile(full);
  await writeFile(full + '.gz', await gzipAsync(bytes, { numiterations: 15 }));
}
console.error(`minify-glue: ${served.length} files precompressed with zopfli (<file>.gz)`);
