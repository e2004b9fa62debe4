// Dossier's loader (why it exists: Trunk.toml, pattern_script). Release
// builds serve it minified (scripts/minify-glue.mjs).
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
