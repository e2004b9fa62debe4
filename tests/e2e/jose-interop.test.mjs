// A Dossier bundle is a plain flattened JWS (RFC 7515 §7.2.2, ES256): a
// stock JOSE library, not the project's code, verifies its signature with
// the key in its protected header, ignores the extra `attachments` member,
// and refuses it once anything signed is changed.
//
// The bundle here is made natively (crates/engine/examples/sample_bundle.rs,
// signed as the browser signs: ES256 over "protected.payload", raw r ‖ s).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

import { flattenedVerify, importJWK, calculateJwkThumbprint, decodeProtectedHeader } from 'jose';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let bundle;

before(() => {
  const out = execFileSync('cargo', ['run', '-q', '-p', 'dossier-engine', '--example', 'sample_bundle'], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  bundle = JSON.parse(out.toString('utf8'));
});

async function verifyWithJose(jws) {
  const header = decodeProtectedHeader(jws);
  const key = await importJWK(header.jwk, 'ES256');
  return flattenedVerify(jws, key, { algorithms: ['ES256'] });
}

test('jose verifies the signature with the key in the protected header', async () => {
  const header = decodeProtectedHeader(bundle);
  assert.equal(header.alg, 'ES256');
  assert.equal(header.typ, 'dossier-bundle+jws');
  const { payload } = await verifyWithJose(bundle);
  const manifest = JSON.parse(new TextDecoder().decode(payload));
  assert.equal(manifest.format, 'dossier-bundle/1');
  assert.equal(manifest.form.id, 'temporary-residence');
  assert.equal(manifest.language, 'zh-CN');
  assert.equal(typeof (await calculateJwkThumbprint(header.jwk, 'sha256')), 'string');
});

test('the signed manifest binds each attachment by its SHA-256', async () => {
  const { payload } = await verifyWithJose(bundle);
  const manifest = JSON.parse(new TextDecoder().decode(payload));
  assert.equal(manifest.attachments.length, 5, 'the photo and four scans');
  for (const a of manifest.attachments) {
    const bytes = Buffer.from(bundle.attachments[a.sha256], 'base64url');
    assert.equal(bytes.length, a.size);
    assert.equal(createHash('sha256').update(bytes).digest('hex'), a.sha256);
  }
});

test('jose refuses the bundle once a signed byte changes', async () => {
  const payload = Buffer.from(bundle.payload, 'base64url').toString('utf8');
  const changed = payload.replace('"surname":"SMITH"', '"surname":"SMYTHE"');
  assert.notEqual(changed, payload);
  const forged = { ...bundle, payload: Buffer.from(changed).toString('base64url') };
  await assert.rejects(verifyWithJose(forged), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  const otherAlg = {
    ...bundle,
    protected: Buffer.from(JSON.stringify({ ...decodeProtectedHeader(bundle), alg: 'none' })).toString('base64url'),
  };
  await assert.rejects(verifyWithJose(otherAlg));
});
