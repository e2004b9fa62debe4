// Dossier's first-load figure: the time until the first control is visible
// on a phone on a slow network with a cold cache (scripts/bench runs it).
//
//   node scripts/first-load.mjs [--runs N]
//
// Serves the release build in dist/ ($DOSSIER_DIST overrides) on 127.0.0.1
// with its precompressed .gz copies (tests/e2e/support/harness.mjs
// startServer) and opens it in Debian's Chromium (launchBrowser) under
// mobile emulation: 360×740 CSS px, device scale factor 2, touch, a mobile
// user agent, the CPU slowed down 4× (CDP Emulation.setCPUThrottlingRate)
// and the network throttled to DevTools' "Slow 4G". Every load is cold: a
// fresh browser context and the cache disabled (Network.setCacheDisabled).
//
// It measures, each as the median of N (default 5) cold loads:
//   - the catalogue of services (#/services): navigation start until the
//     first service link (main .services__group a) is visible;
//   - for each form of dist/rules/packed/catalogue.json, its first
//     service's start page (#/service/<form>/<service>): navigation start
//     until the "Start now" button (a.button--start) is visible.
// The control counts in either page: the one built for a first visit
// (#prerendered, which boot.js shows while the wasm downloads; its links
// work before the app has loaded) or the app's own (#app), which is also
// printed alone. The time is taken in the page: performance.now()
// (relative to performance.timeOrigin, the navigation start) when a
// MutationObserver or a 16 ms poll first sees the element with a non-empty
// box and not hidden.
// The bytes are the sum of CDP Network.loadingFinished encodedDataLength
// over the load (until the network has been idle for 500 ms after the
// control appeared): what came over the wire, HTTP headers included; the
// bodies alone (that less each Network.responseReceived
// response.encodedDataLength, the headers) are printed beside it, to
// compare with the "sent" column of scripts/bench.
//
// BENCH_FORM=<id> measures that form only (and the catalogue), as
// scripts/bench does.
//
// It only prints figures; it exits non-zero only if a page never showed its
// control (a broken build), never because of a time.

import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { devices } from 'playwright-core';

import { DIST_DIR, launchBrowser, newPhonePage, startServer } from '../tests/e2e/support/harness.mjs';

let RUNS = 5;
for (let i = 2; i < process.argv.length; i++) {
  const arg = process.argv[i];
  if (arg === '--runs' && /^[1-9]\d*$/.test(process.argv[i + 1] ?? '')) {
    RUNS = Number(process.argv[++i]);
  } else {
    console.error(`first-load: unknown argument '${arg}' (only --runs N)`);
    process.exit(2);
  }
}

const CPU_SLOWDOWN = 4;

// DevTools' "Slow 4G" preset, as Chromium's devtools-frontend defines it
// (front_end/core/sdk/NetworkManager.ts, Slow4GConditions; Puppeteer's
// PredefinedNetworkConditions['Slow 4G'] has the same values):
// ~1.6 Mbps down, ~0.75 Mbps up, both × 0.9, and 150 ms RTT × 3.75.
// Its own unit test expects downloadThroughput 180000, uploadThroughput
// 84375 and latency 562.5. Throughputs are bytes per second.
const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
  connectionType: 'cellular4g',
};

// Lighthouse's reference phone (Moto G4) for its user agent; the screen is
// the e2e tests' small phone (newPhonePage: 360×740, DPR 2, touch).
const USER_AGENT = devices['Moto G4'].userAgent;

const TIMEOUT_MS = 120_000;
const IDLE_MS = 500;

// Installed before any page script: records performance.now() the first
// time an element matching each selector (`built`: in the page built for a
// first visit, `app`: the app's own) is visible (non-empty box, not
// visibility:hidden), checking on every DOM mutation and every 16 ms.
function watchFirstVisible(selectors) {
  window.__firstVisible = Object.fromEntries(Object.keys(selectors).map((k) => [k, null]));
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  let observer = null;
  let timer = null;
  const check = () => {
    const seen = window.__firstVisible;
    for (const [name, selector] of Object.entries(selectors)) {
      const el = seen[name] === null && document.querySelector(selector);
      if (el && visible(el)) seen[name] = performance.now();
    }
    if (seen.app !== null) {
      observer?.disconnect();
      clearInterval(timer);
    }
  };
  observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  timer = setInterval(check, 16);
}

/**
 * One cold load of `url`; returns { built, app, bytes, requests }: when the
 * built page's control and the app's own were first visible (built is null
 * when the app came first).
 */
async function coldLoad(browser, url, selector) {
  const page = await newPhonePage(browser, { locale: 'en', userAgent: USER_AGENT });
  const context = page.context();
  try {
    page.setDefaultTimeout(TIMEOUT_MS);
    await context.addInitScript(watchFirstVisible, { built: `#prerendered ${selector}`, app: `#app ${selector}` });

    const cdp = await context.newCDPSession(page);
    let bytes = 0;
    let headerBytes = 0;
    let requests = 0;
    const inFlight = new Set();
    let lastActivity = Date.now();
    cdp.on('Network.requestWillBeSent', ({ requestId }) => {
      inFlight.add(requestId);
      lastActivity = Date.now();
    });
    const headers = new Map();
    cdp.on('Network.responseReceived', ({ requestId, response }) => {
      headers.set(requestId, response.encodedDataLength ?? 0);
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
      inFlight.delete(requestId);
      bytes += encodedDataLength;
      headerBytes += headers.get(requestId) ?? 0;
      requests += 1;
      lastActivity = Date.now();
    });
    cdp.on('Network.loadingFailed', ({ requestId }) => {
      inFlight.delete(requestId);
      lastActivity = Date.now();
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });

    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction(() => window.__firstVisible.app !== null && window.__firstVisible, null, { polling: 100 });
    const { built, app } = await handle.jsonValue();
    // Playwright agrees that it is visible (a cross-check, not the timing).
    await page.locator(`#app ${selector}`).first().waitFor({ state: 'visible' });

    // The rest of the load: until nothing has been in flight for IDLE_MS.
    const deadline = Date.now() + TIMEOUT_MS;
    while (Date.now() < deadline && (inFlight.size > 0 || Date.now() - lastActivity < IDLE_MS)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (page.errors.length > 0) {
      console.error(`first-load: ${url}: ${page.errors.join('; ')}`);
    }
    return { built, app, bytes, bodyBytes: bytes - headerBytes, requests };
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const secs = (ms) => (ms / 1000).toFixed(2);
const kb = (b) => (b / 1024).toFixed(1);

async function measure(browser, label, url, selector) {
  const loads = [];
  for (let i = 0; i < RUNS; i++) loads.push(await coldLoad(browser, url, selector));
  const times = loads.map((l) => Math.min(l.built ?? Infinity, l.app));
  const apps = loads.map((l) => l.app);
  const builtFirst = loads.filter((l) => l.built !== null).length;
  const bytes = loads.map((l) => l.bytes);
  const lo = Math.min(...bytes);
  const hi = Math.max(...bytes);
  const bodies = median(loads.map((l) => l.bodyBytes));
  const size = lo === hi ? `${kb(lo)} KiB` : `${kb(median(bytes))} KiB (${kb(lo)}–${kb(hi)})`;
  console.log(
    `first control visible (mobile emulation, ${CPU_SLOWDOWN}x CPU, Slow 4G, cold): ${label} median ${secs(median(times))} s ` +
      `[${times.map(secs).join(' ')}], the page built for a first visit in ${builtFirst} of ${loads.length} loads; ` +
      `the app's own page median ${secs(median(apps))} s [${apps.map(secs).join(' ')}]; ${size} transferred ` +
      `(${bodies} bytes of bodies, ${loads[0].requests} responses)`,
  );
}

const catalogue = JSON.parse(await readFile(path.join(DIST_DIR, 'rules/packed/catalogue.json'), 'utf8'));
const server = await startServer(DIST_DIR);
const browser = await launchBrowser();
let status = 0;
try {
  const targets = [['catalogue', '#/services', 'main .services__group a']];
  for (const form of catalogue.forms) {
    if (process.env.BENCH_FORM && form.id !== process.env.BENCH_FORM) continue;
    const service = form.services?.[0]?.id;
    if (!service) continue;
    targets.push([`${form.id}/${service} start`, `#/service/${form.id}/${service}`, 'main a.button--start']);
  }
  for (const [label, hash, selector] of targets) {
    try {
      await measure(browser, label, server.url + hash, selector);
    } catch (error) {
      console.error(`first-load: ${label} (${hash}): ${error.message.split('\n')[0]}`);
      status = 1;
    }
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(status);
