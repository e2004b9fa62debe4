// Dossier's loader, copied to dist/boot.js by index.html.
//
// Trunk's default loader is an inline <script type="module">, which the
// Content-Security-Policy in index.html (script-src 'self') blocks. Trunk.toml
// sets `pattern_script` so that Trunk emits
//   <script type="module" src="/boot.js?js=<glue>.js&wasm=<module>.wasm">
// instead; this module reads the hashed file names from its own URL, imports
// the wasm-bindgen glue and starts the wasm (whose #[wasm_bindgen(start)] /
// main mounts the Yew app).
const here = new URL(import.meta.url);
const js = here.searchParams.get('js');
const wasm = here.searchParams.get('wasm');

function fail(error) {
  console.error('Dossier failed to start', error);
  const note = document.createElement('p');
  note.setAttribute('role', 'alert');
  note.textContent = 'Dossier could not start. Please reload the page.';
  const zh = document.createElement('span');
  zh.lang = 'zh-CN';
  zh.textContent = ' Dossier 无法启动，请重新加载页面。';
  note.append(zh);
  document.body.append(note);
}

try {
  if (!js || !wasm) throw new Error('boot.js needs ?js=...&wasm=... (see Trunk.toml)');
  const { default: init } = await import(new URL(js, here).href);
  const instance = await init({ module_or_path: new URL(wasm, here) });
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: instance } }));
} catch (error) {
  fail(error);
}
