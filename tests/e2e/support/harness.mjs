// Helpers for Dossier's end-to-end tests (node:test + playwright-core driving
// Debian's Chromium). Everything stays on loopback.
//
//   import { startServer, launchBrowser, newPhonePage, checkA11y,
//            assertNoHorizontalScroll, DIST_DIR } from './support/harness.mjs';
//
// The tests run against the release build in dist/ (scripts/test builds it
// with `trunk build --release` first); DOSSIER_DIST overrides the directory.

import { before, after } from 'node:test';
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The built app: $DOSSIER_DIST, or dist/ at the repository root. */
export const DIST_DIR = path.resolve(process.env.DOSSIER_DIST ?? path.join(ROOT, 'dist'));

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium headless and off the (closed) network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const PHONE_VIEWPORT = { width: 360, height: 740 };

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

/**
 * Serve `distDir` statically on 127.0.0.1 on a free port.
 * Paths without a file extension that do not exist fall back to index.html
 * (single-page app routes); a missing /favicon.ico gets 204 No Content.
 * Returns { url, close } where url ends with '/'.
 */
export async function startServer(distDir = DIST_DIR) {
  const root = path.resolve(distDir);
  try {
    await stat(path.join(root, 'index.html'));
  } catch {
    throw new Error(`${root}/index.html not found: build the app first (trunk build --release)`);
  }

  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end();
        return;
      }
      const { pathname } = new URL(req.url, 'http://127.0.0.1');
      let rel = decodeURIComponent(pathname);
      if (rel.endsWith('/')) rel += 'index.html';
      let file = path.resolve(root, '.' + rel);
      if (file !== root && !file.startsWith(root + path.sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = path.join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info && path.extname(rel) === '') {
        file = path.join(root, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile() && rel === '/favicon.ico') {
        // index.html declares an inline icon, but pages the tests open
        // directly (a JSON file, say) make Chromium ask for /favicon.ico:
        // answer "no content" rather than a 404 and its console error.
        res.writeHead(204).end();
        return;
      }
      if (!info?.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      // The build's precompressed copy, as a gzip_static server sends it:
      // only when the browser takes gzip and the copy is not older than the
      // file (a test that rewrites a file in a copy of dist gets it as it is).
      const gz = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')
        ? await stat(file + '.gz').catch(() => null)
        : null;
      const sent = gz && gz.mtimeMs >= info.mtimeMs ? { path: file + '.gz', size: gz.size } : { path: file, size: info.size };
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': sent.size,
        ...(sent.path !== file && { 'Content-Encoding': 'gzip' }),
        Vary: 'Accept-Encoding',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      createReadStream(sent.path).on('error', () => res.destroy()).pipe(res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/**
 * Launch Debian's Chromium headless. playwright-core gives every launch a
 * fresh temporary profile (--user-data-dir) and removes it on close.
 * Call `await browser.close()` when done.
 */
export async function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    ...options,
  });
}

/**
 * A new page in a fresh context sized like a small phone (360×740 CSS px,
 * DPR 2, touch). `locale` (e.g. 'en' or 'zh-CN') sets navigator.language and
 * Accept-Language. Console errors and uncaught page errors are collected in
 * page.errors (an array of strings) so tests can assert there were none.
 */
export async function newPhonePage(browser, { locale = 'en', ...contextOptions } = {}) {
  const context = await browser.newContext({
    viewport: PHONE_VIEWPORT,
    screen: PHONE_VIEWPORT,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale,
    ...contextOptions,
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') page.errors.push(`console.error: ${message.text()}`);
  });
  return page;
}

/**
 * Run axe-core with the WCAG 2.0/2.1 A and AA rules; throw an Error listing
 * every violation (rule, impact, help, and the offending elements) if any.
 * `label` names the page state in the message. Returns the axe results.
 */
export async function checkA11y(page, label = page.url()) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  if (results.violations.length > 0) {
    const lines = [`${label}: ${results.violations.length} accessibility violation(s)`];
    for (const v of results.violations) {
      lines.push(`- ${v.id} [${v.impact ?? 'n/a'}] ${v.help} (${v.helpUrl})`);
      for (const node of v.nodes.slice(0, 10)) {
        lines.push(`    at ${node.target.join(' ')}`);
        if (node.failureSummary) {
          lines.push(...node.failureSummary.split('\n').map((l) => `      ${l}`));
        }
      }
      if (v.nodes.length > 10) lines.push(`    … and ${v.nodes.length - 10} more`);
    }
    throw new Error(lines.join('\n'));
  }
  return results;
}

/** Throw if the page is wider than the 360 px phone viewport. */
export async function assertNoHorizontalScroll(page, maxWidth = PHONE_VIEWPORT.width) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  if (scrollWidth > maxWidth) {
    throw new Error(
      `horizontal scroll: document is ${scrollWidth}px wide, more than ${maxWidth}px (clientWidth ${clientWidth}px)`,
    );
  }
}

/**
 * For a test file: starts the server and the browser once before its tests
 * and stops them after. Returns an object whose `server` and `browser` are
 * set by the time the tests run.
 */
export function serveAppOnce(distDir = DIST_DIR) {
  const app = { server: null, browser: null };
  before(async () => {
    app.server = await startServer(distDir);
    app.browser = await launchBrowser();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}
