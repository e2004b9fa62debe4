// A photo straight from a phone's camera, on a phone (360×740): the photo
// question's rule (JPEG, 20–80 KB, 354–480 × 472–640 px, 3:4) refuses it
// as it is, so the browser prepares it (upright, cropped to 3:4, scaled,
// re-encoded; src/js/photo.js), shows it, and keeps it only when the user
// accepts; the original is never stored. A file the browser cannot open
// says what to do and the photo already kept stays. The size-fitting
// choice (plan, fit) is checked as pure functions of the shipped module.
// axe runs on every page state visited.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';

import { serveAppOnce, checkA11y, DIST_DIR } from './support/harness.mjs';
import {
  en,
  main,
  waitForHeading,
  pressContinue,
  press,
  byLabel,
  jpegFile,
  upload,
  refused,
  storedFiles,
  openPhone,
  closePage,
} from './journey.mjs';

const app = serveAppOnce();
const PHOTO = '#/page/upload-photo';
const TITLE = en('tr.page.upload-photo.title');
const RULE = { minBytes: 20480, maxBytes: 81920, minWidth: 354, maxWidth: 480, minHeight: 472, maxHeight: 640 };

/** An APP1 Exif segment whose only tag is Orientation (0x0112) = `o`. */
function exifOrientation(o) {
  const tiff = Buffer.from([
    0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF, IFD0 at 8
    0x00, 0x01, // one entry
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, o, 0x00, 0x00, // SHORT o
    0x00, 0x00, 0x00, 0x00, // no next IFD
  ]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(body.length + 2);
  return Buffer.concat([Buffer.from([0xff, 0xe1]), length, body]);
}

/**
 * A JPEG drawn in a page: `width` × `height` pixels of grey, the top
 * quarter red, with noise of ±`noise` (so it compresses as a photo does),
 * at `quality`.
 */
async function drawnJpeg(page, width, height, quality, noise = 16) {
  const base64 = await page.evaluate(
    async ([W, H, q, A]) => {
      const c = document.createElement('canvas');
      c.width = W;
      c.height = H;
      const g = c.getContext('2d');
      const img = g.createImageData(W, H);
      const d = img.data;
      let seed = 1;
      for (let y = 0; y < H; y++) {
        const red = y < H / 4;
        for (let x = 0; x < W; x++) {
          const i = (y * W + x) * 4;
          seed = (seed * 1103515245 + 12345) >>> 0;
          const n = A ? ((seed >>> 16) % (2 * A)) - A : 0;
          d[i] = (red ? 210 : 128) + n;
          d[i + 1] = (red ? 30 : 128) + n;
          d[i + 2] = (red ? 30 : 128) + n;
          d[i + 3] = 255;
        }
      }
      g.putImageData(img, 0, 0);
      const blob = await new Promise((resolve) => c.toBlob(resolve, 'image/jpeg', q));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    },
    [width, height, quality, noise],
  );
  return Buffer.from(base64, 'base64');
}

// The camera's photo: 3024 × 4032 as stored, EXIF orientation 6 (turn a
// quarter clockwise to show it: 4032 × 3024, the red quarter on the right),
// about 3 MB. Made once, in the first test's page.
let camera;
async function cameraPhoto(page) {
  if (!camera) {
    const jpeg = await drawnJpeg(page, 3024, 4032, 0.85);
    // The Exif segment right after the start-of-image marker, as cameras write it.
    camera = Buffer.concat([jpeg.subarray(0, 2), exifOrientation(6), jpeg.subarray(2)]);
  }
  return camera;
}

/** The pixel colours of a JPEG at points, decoded in the page. */
const colours = (page, jpeg, points) =>
  page.evaluate(
    async ([base64, points]) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes]));
      const c = document.createElement('canvas');
      c.width = bitmap.width;
      c.height = bitmap.height;
      const g = c.getContext('2d');
      g.drawImage(bitmap, 0, 0);
      return points.map(([x, y]) => Array.from(g.getImageData(x, y, 1, 1).data.slice(0, 3)));
    },
    [jpeg.toString('base64'), points],
  );

const isRed = ([r, g]) => r - g > 100;

/** The preview's text, parsed: "… 390 × 520 pixels, 28.4 KB". */
async function preview(page) {
  const text = main(page).getByText(/^This is how your photo will be sent: /);
  await text.waitFor({ timeout: 30_000 });
  const m = /(\d+) × (\d+) pixels, ([\d.]+) KB$/.exec((await text.textContent()).trim());
  assert.ok(m, 'the preview names pixels and size');
  const img = main(page).locator('img.file-upload__prepared-image');
  assert.match(await img.getAttribute('src'), /^blob:/);
  return { width: Number(m[1]), height: Number(m[2]), kb: Number(m[3]) };
}

test("a phone camera's photo is prepared, shown, kept when accepted, and Continue passes", async () => {
  const page = await openPhone(app, PHOTO);
  await waitForHeading(page, TITLE);
  await checkA11y(page, 'photo page');
  const original = await cameraPhoto(page);
  assert.ok(original.length > 2_500_000 && original.length < 4_000_000, `about 3 MB: ${original.length}`);

  await byLabel(page, TITLE).setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: original });
  const shown = await preview(page);
  assert.deepEqual([shown.width, shown.height], [390, 520], 'the size tried first fits');
  await page.waitForFunction(() => document.activeElement?.id === 'prepared-photo');
  assert.ok(shown.kb >= 20 && shown.kb <= 80, `${shown.kb} KB`);
  // The file input waits behind the preview; nothing is kept yet.
  assert.equal(await page.locator('input[type=file]').isHidden(), true);
  assert.equal((await storedFiles(page)).length, 0, 'nothing stored before the user accepts');
  await checkA11y(page, 'photo page with the prepared photo');

  await press(page, en('file.use_photo'));
  await main(page).getByText(en('file.chosen', { name: 'IMG_0001.jpg' })).waitFor();
  await main(page).getByText(/, 390 × 520 px\)/).waitFor();
  await main(page).locator('img.file-upload__preview').waitFor();
  await checkA11y(page, 'photo page with the photo kept');

  // Only the prepared JPEG is stored: 20–80 KB, 390 × 520, upright (the
  // red quarter, on top as stored, is on the right once turned).
  const [kept, ...others] = await storedFiles(page);
  assert.equal(others.length, 0);
  assert.ok(kept.length >= 20480 && kept.length <= 81920, `${kept.length} bytes`);
  assert.deepEqual([...kept.subarray(0, 3)], [0xff, 0xd8, 0xff]);
  assert.equal(kept.indexOf(Buffer.from('Exif\0\0', 'latin1')), -1, 'no orientation left to apply twice');
  const [right, top, left] = await colours(page, kept, [[385, 260], [195, 10], [5, 260]]);
  assert.ok(isRed(right) && !isRed(top) && !isRed(left), `upright: ${JSON.stringify({ right, top, left })}`);
  // The draft names the file by digest; it holds no image.
  const draft = await page.evaluate(() => Object.values(localStorage).join(''));
  assert.ok(draft.length < 20_000, `the draft is small: ${draft.length}`);
  assert.ok(draft.includes('IMG_0001.jpg') && draft.includes('"width":390'), 'the draft records the prepared photo');

  await pressContinue(page, en);
  await waitForHeading(page, en('tr.page.upload-data-page.title'));
  await checkA11y(page, 'the page after the photo');
  await closePage(page);
});

test('"Choose a different photo" opens the picker again; nothing is kept until accepted', async () => {
  const page = await openPhone(app, PHOTO);
  await waitForHeading(page, TITLE);
  const original = await cameraPhoto(page);
  await byLabel(page, TITLE).setInputFiles({ name: 'first.jpg', mimeType: 'image/jpeg', buffer: original });
  await preview(page);
  const chooser = page.waitForEvent('filechooser');
  await press(page, en('file.choose_again'));
  await (await chooser).setFiles({ name: 'second.jpg', mimeType: 'image/jpeg', buffer: original });
  await preview(page);
  await press(page, en('file.use_photo'));
  await main(page).getByText(en('file.chosen', { name: 'second.jpg' })).waitFor();
  assert.equal((await storedFiles(page)).length, 1);
  await closePage(page);
});

test('a file the browser cannot open says what to do, and the photo already kept stays', async () => {
  const page = await openPhone(app, PHOTO);
  await waitForHeading(page, TITLE);
  // A photo that already meets the rule is kept as it is: the same bytes.
  const good = jpegFile('good.jpg');
  await upload(page, en, TITLE, good);
  assert.deepEqual(await storedFiles(page), [good.buffer]);

  const original = await cameraPhoto(page);
  const unopened = en('error.file.unopened');
  const cases = [
    { name: 'cut.jpg', mimeType: 'image/jpeg', buffer: original.subarray(0, 1_000_000) },
    { name: 'IMG_0002.heic', mimeType: 'image/heic', buffer: randomBytes(200_000) },
    { name: 'program.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('MZ\x90\x00 this is a Windows program') },
  ];
  for (const file of cases) {
    const { summary, inline } = await refused(page, TITLE, file);
    assert.deepEqual(summary, [unopened], file.name);
    assert.equal(inline['f-photo'], unopened, file.name);
    await main(page).getByText(en('file.chosen', { name: 'good.jpg' })).waitFor();
  }
  await checkA11y(page, 'photo page with a photo that could not be opened');

  // A real picture with too few pixels is not enlarged: the rule's message.
  const small = await drawnJpeg(page, 300, 400, 0.9);
  const { summary } = await refused(page, TITLE, { name: 'small.jpg', mimeType: 'image/jpeg', buffer: small });
  assert.deepEqual(summary, [en('error.image.too_few_pixels', { width: 300, height: 400, limit_width: 354, limit_height: 472 })]);
  // A picture with too little detail for 20 KB even at 480 × 640 and the
  // best quality: said so, not padded.
  const flat = await drawnJpeg(page, 1200, 1600, 0.9, 0);
  const noFit = await refused(page, TITLE, { name: 'wall.jpg', mimeType: 'image/jpeg', buffer: flat });
  assert.deepEqual(noFit.summary, [en('error.file.no_fit')]);
  assert.deepEqual(await storedFiles(page), [good.buffer], 'only the photo kept first');
  await closePage(page);
});

// The shipped module (minified in dist/), imported in the page.
let photoModule;
before(async () => {
  const files = await readdir(DIST_DIR, { recursive: true });
  photoModule = '/' + files.map((f) => f.split('\\').join('/')).find((f) => /^snippets\/.*\/src\/js\/photo\.js$/.test(f));
});

test('the size-fitting choice: crop, sizes, qualities', async () => {
  const page = await openPhone(app, PHOTO);
  await waitForHeading(page, TITLE);
  const out = await page.evaluate(
    async ([url, rule]) => {
      const m = await import(url);
      const plans = {
        camera: m.plan(4032, 3024, { ...rule, aspect: [3, 4] }),
        tall: m.plan(1000, 2000, { ...rule, aspect: [3, 4] }),
        exact: m.plan(354, 472, { ...rule, aspect: [3, 4] }),
        small: m.plan(300, 400, { ...rule, aspect: [3, 4] }),
        low: m.plan(500, 400, { ...rule, aspect: [3, 4] }),
        free: m.plan(300, 400, { minWidth: 0, maxWidth: 0, minHeight: 0, maxHeight: 0, aspect: [3, 4] }),
      };
      // A stand-in encoder: bytes = pixels × quality × f.
      const fit = async (f) => {
        const p = plans.camera;
        const r = await m.fit((w, h, q) => ({ size: w * h * q * f }), p.sizes, p.start, rule.minBytes, rule.maxBytes);
        return r && [r.width, r.height, r.quality];
      };
      return { plans, fits: { half: await fit(0.5), more: await fit(1.5), few: await fit(0.09), none: await fit(0.05), never: await fit(5) } };
    },
    [photoModule, RULE],
  );
  const { camera, tall, exact, small, low, free } = out.plans;
  assert.deepEqual(camera.crop, [882, 0, 2268, 3024], 'the centre 3:4 of a landscape picture');
  assert.deepEqual(camera.sizes[camera.start], [390, 520], 'first try under a third of the way up');
  assert.deepEqual(camera.sizes[0], [354, 472]);
  assert.deepEqual(camera.sizes.at(-1), [480, 640]);
  for (const [w, h] of camera.sizes) assert.equal(w * 4, h * 3);
  assert.deepEqual(tall.crop, [0, 333, 1000, 1333]);
  assert.deepEqual([exact.sizes, exact.start], [[[354, 472]], 0]);
  assert.equal(small, null, 'never enlarged');
  assert.equal(low, null, 'too few rows');
  assert.deepEqual(free.sizes.at(-1), [300, 400], 'no limits: up to the picture itself');
  // Best quality that fits, at the first size; fewer pixels when even the
  // lowest quality is too big; more when even the best is too small.
  assert.deepEqual(out.fits.half, [390, 520, 0.8]);
  assert.deepEqual(out.fits.more, [366, 488, 0.3]);
  assert.deepEqual(out.fits.few, [414, 552, 1]);
  assert.equal(out.fits.none, null);
  assert.equal(out.fits.never, null);
  await closePage(page);
});
