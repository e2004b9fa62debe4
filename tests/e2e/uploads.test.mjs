// Uploading the photo and scans on a phone (360×740): a file is checked by
// its bytes before anything is kept; a refused file says exactly why and
// leaves the draft as it was; a kept file survives a reload, shows a preview
// and can be removed; a full device is reported; "delete my data" empties
// IndexedDB too. axe runs on the pages with errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, open as openFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { newPhonePage, serveAppOnce, checkA11y } from './support/harness.mjs';
import {
  en,
  zh,
  main,
  waitForHeading,
  openApp,
  pressContinue,
  byLabel,
  summaryLinks,
  jpegFile,
  pdfFile,
  upload,
  refused,
  storedFiles,
  openPhone,
  closePage,
} from './journey.mjs';

const app = serveAppOnce();
const PHOTO = '#/page/upload-photo';

const open = (hash, options) => openPhone(app, hash, options);
const done = closePage;

/** How many files IndexedDB holds. */
const storedCount = async (page) => (await storedFiles(page)).length;

test('a refused photo says exactly why, and the photo already given stays', async () => {
  const page = await open(PHOTO);
  const label = en('tr.page.upload-photo.title');
  await waitForHeading(page, label);
  await upload(page, en, label, jpegFile('good.jpg'));

  // The photo's rule has an aspect: a picture that does not meet it is
  // prepared in the browser (photo.test.mjs), so one the browser cannot
  // open (these headers have no image behind them) says so.
  const unopened = en('error.file.unopened');
  const cases = [
    [jpegFile('small.jpg', { width: 300, height: 400 }), unopened],
    [jpegFile('wide.jpg', { width: 400, height: 472 }), unopened],
    [{ name: 'drawing.jpg', mimeType: 'image/jpeg', buffer: Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d4948445200000162000001d8', 'hex'), Buffer.alloc(30_000)]) }, unopened],
    [{ name: 'empty.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(0) }, en('error.file.empty')],
  ];
  for (const [file, message] of cases) {
    const { summary, inline } = await refused(page, label, file);
    assert.deepEqual(summary, [message], file.name);
    assert.equal(inline['f-photo'], message, file.name);
    assert.match(await page.title(), /^Error: /);
    // The photo given before is still the answer.
    await main(page).getByText(en('file.chosen', { name: 'good.jpg' })).waitFor();
  }
  await checkA11y(page, 'photo page with a refused file');
  assert.equal(await storedCount(page), 1, 'nothing refused was stored');
  await done(page);
});

test('a scan that is no kind the question takes is refused by its bytes', async () => {
  const page = await open('#/page/upload-data-page');
  const label = en('tr.page.upload-data-page.title');
  await waitForHeading(page, label);
  const program = { name: 'program.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('MZ\x90\x00 this is a Windows program') };
  const { summary, inline } = await refused(page, label, program);
  const message = en('error.file.unknown_type', { allowed: 'JPEG / PNG / PDF' });
  assert.deepEqual(summary, [message]);
  assert.equal(inline['f-copy_data_page'], message);
  assert.equal(await storedCount(page), 0);
  await done(page);
});

test('a 50 MB photo is refused from its size; a PDF name on JPEG bytes is a JPEG', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dossier-uploads-'));
  try {
    const big = path.join(dir, 'huge.jpg');
    const f = await openFile(big, 'w');
    await f.write(jpegFile('huge.jpg').buffer.subarray(0, 11), 0);
    await f.truncate(50 * 1024 * 1024);
    await f.close();
    const page = await open(PHOTO);
    const label = en('tr.page.upload-photo.title');
    await waitForHeading(page, label);
    const { summary } = await refused(page, label, big);
    assert.deepEqual(summary, [en('error.file.too_big', { size: '50 MB', max: '80 KB' })]);
    // Named .pdf, but its bytes are a JPEG of the right size: accepted as one.
    await upload(page, en, label, { ...jpegFile('photo.pdf'), mimeType: 'application/pdf' });
    await main(page).getByText(/354 × 472 px/).waitFor();
    await done(page);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a kept file survives a reload with its preview, and Remove takes it away', async () => {
  const page = await open(PHOTO, { locale: 'zh-CN' });
  const label = zh('tr.page.upload-photo.title');
  await waitForHeading(page, label);
  await upload(page, zh, label, jpegFile('我的照片.jpg'));
  await page.reload();
  await waitForHeading(page, label);
  await main(page).getByText(zh('file.chosen', { name: '我的照片.jpg' })).waitFor();
  const preview = main(page).locator('img.file-upload__preview');
  await preview.waitFor();
  assert.match(await preview.getAttribute('src'), /^blob:/);
  await main(page).getByRole('button', { name: `${zh('file.remove')} 我的照片.jpg` }).click();
  await pressContinue(page, zh);
  await page.locator('#error-summary').waitFor();
  assert.deepEqual((await summaryLinks(page)).map((l) => l.text), [zh('tr.photo.required')]);
  await checkA11y(page, 'photo page after removing the file (zh-CN)');
  await done(page);
});

test('a full device is reported, naming the file; the draft is untouched', async () => {
  const page = await newPhonePage(app.browser);
  // Every IndexedDB write fails as a full disk does.
  await page.addInitScript(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await openApp(page, app.server.url, '#/page/upload-data-page');
  const label = en('tr.page.upload-data-page.title');
  await waitForHeading(page, label);
  const { summary } = await refused(page, label, pdfFile('passport.pdf'));
  assert.deepEqual(summary, [en('error.file.quota', { name: 'passport.pdf' })]);
  await done(page);
});

test('delete my data empties IndexedDB as well', async () => {
  const page = await open(PHOTO);
  await waitForHeading(page, en('tr.page.upload-photo.title'));
  await upload(page, en, en('tr.page.upload-photo.title'), jpegFile('photo.jpg'));
  assert.equal(await storedCount(page), 1);
  await openApp(page, app.server.url, '#/delete');
  await main(page).getByRole('button', { name: en('delete.confirm'), exact: true }).click();
  await page.waitForFunction(
    () =>
      new Promise((resolve) => {
        const q = indexedDB.open('dossier');
        q.onsuccess = () => {
          const db = q.result;
          const empty = !db.objectStoreNames.contains('files');
          db.close();
          resolve(empty);
        };
      }),
  );
  await done(page);
});
