//! Making bundles natively for the tests and the benchmark, signed the way
//! the browser signs them (ES256 over `protected.payload`, raw r ‖ s).

use chrono::{DateTime, FixedOffset};
use dossier_engine::answers::Dossier;
use dossier_engine::base64url;
use dossier_engine::bundle::verify::KnownRules;
use dossier_engine::bundle::{self, Manifest, PublicJwk, RecordedIssue, RulesFile};

use dossier_engine::validate::{validate, Clock};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use std::path::PathBuf;
use std::sync::OnceLock;

pub const FORM_ID: &str = "temporary-residence";

pub fn rules_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules"))
}

pub fn known() -> &'static KnownRules {
    static KNOWN: OnceLock<KnownRules> = OnceLock::new();
    KNOWN.get_or_init(|| KnownRules::load(&rules_dir()).expect("the shipped rules load"))
}

/// A fixed key per seed, so failures reproduce.
pub fn signing_key(seed: u8) -> SigningKey {
    let mut scalar = [0u8; 32];
    scalar[31] = seed.max(1);
    scalar[0] = 0x42;
    SigningKey::from_slice(&scalar).expect("a valid P-256 scalar")
}

pub fn public_jwk(key: &SigningKey) -> PublicJwk {
    let point = key.verifying_key().to_encoded_point(false);
    PublicJwk {
        x: base64url::encode(point.x().expect("uncompressed")),
        y: base64url::encode(point.y().expect("uncompressed")),
    }
}

/// 2026-11-21 10:00 in Beijing, the moment the fixtures are valid at.
pub fn created() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-21T10:00:00+08:00").unwrap()
}

/// The complete one-applicant filing of `tests/fixtures`.
pub fn complete_dossier() -> Dossier {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/complete-with-host.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str::<Dossier>(&text).unwrap()
}

/// A manifest as the browser makes it: the rules files and their digests,
/// the declaration as shown in `language`, and the pre-check at `created`
/// with its warnings acknowledged.
pub fn manifest(dossier: Dossier, created: DateTime<FixedOffset>, language: &str) -> Manifest {
    let known = known();
    let form = known.set.form(FORM_ID).unwrap();
    let report = validate(form, &dossier, Clock::at(created));
    let catalog = known.set.catalog(language).unwrap();
    let declaration_texts = bundle::declaration_texts(&form.def, catalog, &dossier);
    Manifest {
        form_id: FORM_ID.into(),
        form_version: form.def.version.clone(),
        rules: known
            .files_for(FORM_ID)
            .unwrap()
            .into_iter()
            .map(|(file, sha256)| RulesFile { file, sha256 })
            .collect(),
        engine: env!("CARGO_PKG_VERSION").into(),
        language: language.into(),
        created,
        attachments: bundle::attachments_of(&dossier),
        dossier,
        declaration_id: form.def.declaration.id.clone(),
        declaration_texts,
        precheck: RecordedIssue::from_report(&report, true),
    }
}

/// Signs `payload` (any text) under `header` (the protected header's JSON).
pub fn sign_raw(header: &str, payload: &str, key: &SigningKey) -> (String, String, Vec<u8>) {
    let protected = base64url::encode(header.as_bytes());
    let payload = base64url::encode(payload.as_bytes());
    let signature: Signature = key.sign(bundle::signing_input(&protected, &payload).as_bytes());
    (protected, payload, signature.to_bytes().to_vec())
}

/// The bytes of the files the fixture's answers name: a JPEG header for a
/// 354 × 472 photo padded to 30,000 bytes, and one small PDF per scan.
pub fn fixture_files() -> Vec<(String, Vec<u8>)> {
    let mut photo = vec![
        0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xD8, 0x01, 0x62,
    ];
    photo.resize(30_000, 0x55);
    let mut files = vec![photo];
    for name in [
        "copy_data_page",
        "copy_visa_page",
        "copy_entry_stamp",
        "host_id_copy",
    ] {
        let mut scan = format!("%PDF-1.7\n% sample scan: {name}\n").into_bytes();
        scan.resize(2_000, b'0');
        files.push(scan);
    }
    files
        .into_iter()
        .map(|bytes| (dossier_engine::bundle::verify::sha256_hex(&bytes), bytes))
        .collect()
}

/// A complete bundle file: the manifest signed, carrying `extra` files and
/// every fixture file the manifest names.
pub fn sign(m: &Manifest, key: &SigningKey, extra: &[(String, Vec<u8>)]) -> String {
    let header = bundle::protected_header(&public_jwk(key));
    let (protected, payload, signature) = sign_raw(&header, &m.to_json_text(), key);
    let mut files: Vec<(String, Vec<u8>)> = fixture_files()
        .into_iter()
        .filter(|(sha, _)| m.attachments.iter().any(|a| a.sha256 == *sha))
        .collect();
    files.extend(extra.iter().cloned());
    bundle::assemble(&protected, &payload, &signature, &files)
}
