// Trunk post-build hook (Trunk.toml): minifies wasm-bindgen's JS glue in
// release builds and updates its Subresource Integrity hash in index.html.
// Trunk's own minifier cannot parse this glue; terser (package-lock.json)
// can, and saves about 1.7 KB gzip of the 200 KiB download budget.
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (process.env.TRUNK_PROFILE !== 'release' || !staging) process.exit(0);

let minify;
try {
  ({ minify } = await import('terser'));
} catch {
  console.error('minify-glue: terser is not installed (run scripts/setup); the JS glue stays unminified');
  process.exit(1);
}

const glue = (await readdir(staging)).filter((f) => /^dossier-[0-9a-f]+\.js$/.test(f));
if (glue.length !== 1) {
  console.error(`minify-glue: expected one dossier-<hash>.js in ${staging}, found ${glue.length}`);
  process.exit(1);
}
const file = path.join(staging, glue[0]);
const source = await readFile(file, 'utf8');
const result = await minify(source, { module: true, compress: { passes: 2 }, mangle: true });
await writeFile(file, result.code);

// The modulepreload link carries the old file's sha384; browsers refuse a
// file whose hash differs, so it must follow the new content.
const integrity = 'sha384-' + createHash('sha384').update(result.code).digest('base64');
const html = path.join(staging, 'index.html');
const page = await readFile(html, 'utf8');
let found = 0;
const updated = page.replace(/<link\b[^>]*>/g, (tag) => {
  if (!tag.includes(glue[0]) || !/integrity=/.test(tag)) return tag;
  found += 1;
  return tag.replace(/integrity=("?)sha384-[A-Za-z0-9+/=]+/, `integrity=$1${integrity}`);
});
if (found !== 1) {
  console.error(`minify-glue: expected one <link> with the glue's integrity in index.html, found ${found}`);
  process.exit(1);
}
await writeFile(html, updated);
console.error(`minify-glue: ${glue[0]} ${source.length} -> ${result.code.length} bytes`);
