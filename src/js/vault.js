// What the browser keeps besides the draft: attached files (as Blobs, never
// base64) and the device's signing key (non-extractable), in IndexedDB; and
// the WebCrypto work on them. Rust calls these through src/vault.rs; keeping
// them in JavaScript costs the wasm nothing.

const DB = 'dossier';
const FILES = 'files';
const KEYS = 'keys';
const DEVICE_KEY = 'device';

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function open() {
  const r = indexedDB.open(DB, 1);
  r.onupgradeneeded = () => {
    r.result.createObjectStore(FILES);
    r.result.createObjectStore(KEYS);
  };
  return request(r);
}

async function withStore(name, mode, work) {
  const db = await open();
  try {
    const tx = db.transaction(name, mode);
    const done = new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    const result = await work(tx.objectStore(name));
    await done;
    return result;
  } finally {
    db.close();
  }
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of a Blob or bytes, lower-case hex. */
export async function sha256Hex(data) {
  const bytes = data instanceof Blob ? await data.arrayBuffer() : data;
  return hex(await crypto.subtle.digest('SHA-256', bytes));
}

/**
 * Stores a file's bytes under its digest. Resolves to '' when stored, or
 * 'quota' when the device refused for lack of space (nothing else is
 * touched), or the error's name.
 */
export async function putFile(sha, blob) {
  try {
    await withStore(FILES, 'readwrite', (s) => request(s.put(blob, sha)));
    return '';
  } catch (e) {
    return e && e.name === 'QuotaExceededError' ? 'quota' : String((e && e.name) || e);
  }
}

/** The stored Blob, or undefined. */
export function getFile(sha) {
  return withStore(FILES, 'readonly', (s) => request(s.get(sha)));
}

export function deleteFile(sha) {
  return withStore(FILES, 'readwrite', (s) => request(s.delete(sha)));
}

/** The digests of every stored file. */
export function fileKeys() {
  return withStore(FILES, 'readonly', (s) => request(s.getAllKeys()));
}

/** An object URL for a stored file's preview, or '' when it is gone. */
export async function previewUrl(sha) {
  const blob = await getFile(sha);
  return blob ? URL.createObjectURL(blob) : '';
}

/** Removes every file and the device key: "delete my data". */
export function deleteAll() {
  return new Promise((resolve) => {
    const r = indexedDB.deleteDatabase(DB);
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });
}

async function keyPair() {
  const stored = await withStore(KEYS, 'readonly', (s) => request(s.get(DEVICE_KEY)));
  if (stored) return stored;
  // The private key cannot be exported, not even by this page's scripts.
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
    'sign',
    'verify',
  ]);
  await withStore(KEYS, 'readwrite', (s) => request(s.put(pair, DEVICE_KEY)));
  return pair;
}

/** The device key's public half as JWK coordinates: "x y" (base64url). */
export async function devicePublicKey() {
  const { publicKey } = await keyPair();
  const jwk = await crypto.subtle.exportKey('jwk', publicKey);
  return `${jwk.x} ${jwk.y}`;
}

/** ES256 over the text's UTF-8 bytes: 64 bytes r ‖ s, as JWS wants. */
export async function sign(text) {
  const { privateKey } = await keyPair();
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    privateKey,
    new TextEncoder().encode(text),
  );
  return new Uint8Array(signature);
}

/** Base64url of bytes, without padding. */
function b64url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Base64url of a Blob, without padding, read in slices. */
async function base64url(blob) {
  const parts = [];
  const SLICE = 3 * 256 * 1024; // a multiple of 3: no padding inside
  for (let at = 0; at < blob.size; at += SLICE) {
    parts.push(b64url(new Uint8Array(await blob.slice(at, at + SLICE).arrayBuffer())));
  }
  return parts.join('');
}

/**
 * The bundle file: `head` is its JSON up to the attachments object's
 * opening brace; each stored file named in `shas` follows as
 * "sha": "base64url"; then the closing braces. Resolves to a Blob, or to a
 * string naming a missing file's digest.
 */
export async function bundleBlob(head, shas) {
  const parts = [head];
  for (let i = 0; i < shas.length; i++) {
    const blob = await getFile(shas[i]);
    if (!blob) return shas[i];
    parts.push(`${i ? ',' : ''}"${shas[i]}":"`, await base64url(blob), '"');
  }
  parts.push('}}');
  return new Blob(parts, { type: 'application/json' });
}

/** Offers a Blob as a download named `name`. */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Hands the bundle to a host page: a `dossier:bundle` event on the document,
 * with { blob, name, thumbprint } in its detail.
 */
export function announce(blob, name, thumbprint) {
  document.dispatchEvent(
    new CustomEvent('dossier:bundle', { detail: { blob, name, thumbprint }, bubbles: true }),
  );
}

/**
 * Signs a manifest (JSON text) with the device key as an ES256 flattened
 * JWS, the public JWK in the protected header, and offers the bundle: the
 * attachments `shas` come from IndexedDB. Resolves to the key's RFC 7638
 * thumbprint; rejects with a message when a file is gone or WebCrypto fails.
 */
export async function signAndOffer(manifest, shas, name) {
  const utf8 = new TextEncoder();
  const { publicKey, privateKey } = await keyPair();
  const { x, y } = await crypto.subtle.exportKey('jwk', publicKey);
  // RFC 7638: the required members in lexicographic order, no white space.
  const jwk = `{"crv":"P-256","kty":"EC","x":"${x}","y":"${y}"}`;
  const thumbprint = b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(jwk))));
  const header = b64url(utf8.encode(`{"alg":"ES256","typ":"dossier-bundle+jws","jwk":${jwk}}`));
  const payload = b64url(utf8.encode(manifest));
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    privateKey,
    utf8.encode(`${header}.${payload}`),
  );
  const head = `{"protected":"${header}","payload":"${payload}","signature":"${b64url(new Uint8Array(signature))}","attachments":{`;
  const blob = await bundleBlob(head, shas);
  if (typeof blob === 'string') throw new Error(`the file ${blob.slice(0, 12)} is no longer on this device`);
  download(blob, name);
  announce(blob, name, thumbprint);
  return thumbprint;
}
