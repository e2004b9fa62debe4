// Dossier's loader (why it exists: Trunk.toml, pattern_script). Release
// builds serve it minified (scripts/minify-glue.mjs).
//
// While the wasm downloads, it shows the page built for this address when
// the app was built (src/prerender.rs): the catalogue or a service's start
// page, in the language the app will choose, so a phone on a slow network
// can read it seconds earlier. The app mounts into #app and removes
// #prerendered when its own first page is ready.
const here = new URL(import.meta.url);
const js = here.searchParams.get('js');
const wasm = here.searchParams.get('wasm');

// The keys the app keeps on the device (src/loader.rs FORM_KEY,
// src/platform.rs LANGUAGE_KEY).
const FORM_KEY = 'dossier.form';
const LANGUAGE_KEY = 'dossier.language';

const stored = (key) => {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
};
const keep = (key, value) => {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage refused: the app says so once it runs.
  }
};

const manifest = document.querySelector('meta[name="dossier-prerender"]');
let started = false;

// The language the app will show, as src/loader.rs choose_language picks
// it: chosen before, else the first of the browser's that ships (exactly,
// then by its primary subtag), else the default.
function language() {
  const codes = manifest.content.split(' ');
  const shipped = (code) => codes.find((c) => c.toLowerCase() === code.toLowerCase());
  const chosen = stored(LANGUAGE_KEY);
  if (chosen && shipped(chosen)) return shipped(chosen);
  for (const wanted of navigator.languages ?? []) {
    const primary = wanted.split('-')[0];
    const code = shipped(wanted) ?? codes.find((c) => c.split('-')[0] === primary);
    if (code) return code;
  }
  return manifest.dataset.default;
}

// The built page for an address, as src/loader.rs load() decides what a
// first visit shows; none for any other page.
function pageFor(hash) {
  const link = /^#\/service\/([a-z0-9-]+)\/([a-z0-9-]+)$/.exec(hash);
  if (link) return { file: `service/${link[1]}/${link[2]}`, choice: `${link[1]}/${link[2]}` };
  if (hash === '#/services') return { file: 'services' };
  if ((hash === '' || hash === '#/') && !stored(FORM_KEY)) return { file: manifest.dataset.start };
  return null;
}

async function show() {
  const host = document.getElementById('prerendered');
  const page = pageFor(location.hash);
  if (!host || started) return;
  if (!page) {
    // A page only the app can show ("Start now" tapped early): say that
    // it is on its way, as the app does while it loads.
    const note = document.createElement('p');
    note.className = 'body loading';
    note.setAttribute('role', 'status');
    note.textContent = 'Loading… 正在加载…';
    const box = document.createElement('div');
    box.className = 'width-container';
    box.append(note);
    host.replaceChildren(box);
    return;
  }
  const lang = language();
  const response = await fetch(new URL(`prerender/${page.file}.${lang}.html`, here)).catch(() => null);
  const text = response?.ok ? await response.text().catch(() => '') : '';
  if (started || !host.isConnected || pageFor(location.hash)?.file !== page.file) return;
  host.innerHTML = text;
  const shown = host.firstElementChild;
  // Someone with a draft of this service sees it, not the start page.
  if (!shown || (shown.dataset.draft && stored(shown.dataset.draft))) {
    host.replaceChildren();
    return;
  }
  // As the app does for a link to a service: it opens on the next visit,
  // and "Start now" leads into it even before the app has loaded.
  if (page.choice) keep(FORM_KEY, page.choice);
  document.documentElement.lang = lang;
  document.title = shown.dataset.title;
}

if (manifest) {
  show();
  addEventListener('hashchange', show);
  // The language buttons of a built page: the same page in that language.
  document.getElementById('prerendered')?.addEventListener('click', (event) => {
    const button = event.target.closest('.language-switcher__button');
    if (button && !started) {
      keep(LANGUAGE_KEY, button.lang);
      show();
    }
  });
}

function fail(error) {
  console.error('Dossier failed to start', error);
  document.getElementById('prerendered')?.remove();
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
  started = true;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: instance } }));
} catch (error) {
  fail(error);
}
