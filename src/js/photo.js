// A photo prepared in the browser for a file question whose rule asks for
// an image of a given aspect (a passport-style photo): a picture straight
// from a phone's camera is turned upright (its EXIF orientation applied),
// centre-cropped to the aspect, scaled inside the pixel limits and encoded
// as JPEG at the best quality whose size is inside the byte limits. Rust
// calls this through src/photo.rs; the limits come from the field's rule.
// The original is only read here: it is never stored, and the prepared one
// waits in this module until the user accepts it (takePrepared) or not.

// JPEG qualities tried, best first: the first that fits the byte limit wins.
const QUALITIES = [1, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5, 0.45, 0.4, 0.35, 0.3];
// Bigger files are not opened (the rule's own refusal stands): a phone
// camera's JPEG is well under this, and decoding costs memory.
const MAX_SOURCE_BYTES = 40 * 1024 * 1024;

/**
 * What to cut from a `width` × `height` picture and what sizes to make of
 * it, for `rule` = { minWidth, maxWidth, minHeight, maxHeight, aspect: [w, h] }
 * (limits may be 0: none). Returns { crop: [x, y, w, h], sizes: [[w, h], …]
 * ascending, start: the index of the size tried first }, or null when the
 * picture has too few pixels: it is never enlarged.
 */
export function plan(width, height, rule) {
  const [aw, ah] = rule.aspect;
  // The largest centred rectangle of the aspect.
  const cw = Math.min(width, Math.floor((height * aw) / ah));
  const ch = Math.min(height, Math.floor((width * ah) / aw));
  const crop = [Math.floor((width - cw) / 2), Math.floor((height - ch) / 2), cw, ch];
  // Output sizes are whole multiples of the aspect: k·aw × k·ah.
  const up = (limit, unit) => Math.ceil(limit / unit);
  const down = (limit, unit) => Math.floor(limit / unit);
  const lo = Math.max(1, up(rule.minWidth, aw), up(rule.minHeight, ah));
  const hi = Math.min(
    down(cw, aw),
    down(ch, ah),
    rule.maxWidth ? down(rule.maxWidth, aw) : Infinity,
    rule.maxHeight ? down(rule.maxHeight, ah) : Infinity,
  );
  if (hi < lo) return null;
  // About a tenth of the way up each time, so a few steps cross the range.
  const step = Math.max(1, Math.round((hi - lo) / 10));
  const ks = [];
  for (let k = lo; k < hi; k += step) ks.push(k);
  ks.push(hi);
  // The first try: under a third of the way up the range (390 × 520 for
  // 354 × 472 to 480 × 640), leaving room to go up or down.
  const first = lo + Math.floor((hi - lo) * 0.3);
  const start = ks.findIndex((k) => k >= first);
  return { crop, sizes: ks.map((k) => [k * aw, k * ah]), start };
}

/**
 * Finds the size and quality: at each size, the best quality whose bytes
 * are at most `maxBytes` (QUALITIES searched by halves: bytes fall as
 * quality does); too many bytes even at the lowest quality goes down a
 * size, too few goes up. `encode(w, h, q)` resolves to a
 * Blob (or anything with a `size`). Resolves to { blob, width, height,
 * quality }, or null when no size and quality fits.
 */
export async function fit(encode, sizes, start, minBytes, maxBytes) {
  let at = start;
  let direction = 0;
  while (at >= 0 && at < sizes.length) {
    const [w, h] = sizes[at];
    const cache = new Map();
    const bytes = async (i) => {
      if (!cache.has(i)) cache.set(i, await encode(w, h, QUALITIES[i]));
      return cache.get(i);
    };
    // The first quality index whose size is at most maxBytes.
    let lo = 0;
    let hi = QUALITIES.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((await bytes(mid)).size <= maxBytes) hi = mid;
      else lo = mid + 1;
    }
    if (lo < QUALITIES.length && (await bytes(lo)).size >= minBytes) {
      return { blob: await bytes(lo), width: w, height: h, quality: QUALITIES[lo] };
    }
    // Too big even at the lowest quality: fewer pixels. Too small at the
    // best that fits: more pixels. A turn back means nothing fits.
    const move = lo === QUALITIES.length ? -1 : 1;
    if (move === -direction) return null;
    direction = move;
    at += move;
  }
  return null;
}

let pending = null;

function forget() {
  if (pending) URL.revokeObjectURL(pending.url);
  pending = null;
}

/**
 * Prepares `file` for a rule: `limits` are [minBytes, maxBytes, minWidth,
 * maxWidth, minHeight, maxHeight, aspect width, aspect height], 0 for none
 * (a Float64Array from Rust). Resolves to
 * [url, bytes, width, height] of the prepared JPEG, kept here until
 * takePrepared; to [width, height] (upright) when the picture has too few
 * pixels; to 0 when the browser cannot open it; to 1 when it was not tried
 * (too big to open); to 2 when no size and quality fits the byte limits
 * (a picture with too little detail).
 */
export async function preparePhoto(file, limits) {
  const [minBytes, maxBytes, minWidth, maxWidth, minHeight, maxHeight, aw, ah] = limits;
  forget();
  if (file.size > MAX_SOURCE_BYTES) return 1;
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return 0;
  }
  try {
    const p = plan(bitmap.width, bitmap.height, { minWidth, maxWidth, minHeight, maxHeight, aspect: [aw, ah] });
    if (!p) return [bitmap.width, bitmap.height];
    const canvas = document.createElement('canvas');
    const encode = (w, h, q) => {
      canvas.width = w;
      canvas.height = h;
      const g = canvas.getContext('2d');
      // JPEG has no transparency: what was transparent turns white.
      g.fillStyle = '#fff';
      g.fillRect(0, 0, w, h);
      g.imageSmoothingQuality = 'high';
      g.drawImage(bitmap, ...p.crop, 0, 0, w, h);
      return new Promise((resolve, reject) =>
        canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/jpeg', q),
      );
    };
    const found = await fit(encode, p.sizes, p.start, minBytes, maxBytes);
    if (!found) return 2;
    const name = `${file.name.replace(/\.[^.]*$/, '') || 'photo'}.jpg`;
    const prepared = new File([found.blob], name, { type: 'image/jpeg' });
    pending = { url: URL.createObjectURL(prepared), file: prepared };
    return [pending.url, prepared.size, found.width, found.height];
  } catch {
    return 0;
  } finally {
    bitmap.close();
  }
}

/** The prepared photo, once: the user accepted it. */
export function takePrepared() {
  const file = pending && pending.file;
  forget();
  return file;
}

/** The user chose another photo, or left the page. */
export function dropPrepared() {
  forget();
}
