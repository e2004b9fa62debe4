//! The signed bundle: one JSON file, a JWS in flattened JSON serialization
//! (RFC 7515 §7.2.2), algorithm ES256, whose payload is a [`Manifest`] and
//! whose extra top-level member `attachments` carries each attached file's
//! bytes (base64url) under its SHA-256. A stock JOSE library verifies the
//! signature (unknown members are ignored, RFC 7515 §7.2); the digests in the
//! signed manifest bind the attachments.
//!
//! ```text
//! {
//!   "protected":   base64url({"alg":"ES256","typ":"dossier-bundle+jws","jwk":{…}}),
//!   "payload":     base64url(manifest JSON),
//!   "signature":   base64url(r ‖ s, 64 bytes),
//!   "attachments": { "<sha256 hex>": base64url(bytes), … }
//! }
//! ```
//!
//! The browser builds the manifest and the protected header here, and signs
//! with WebCrypto; `verify.rs` (native, feature `verify`) checks it all.

mod manifest;
#[cfg(feature = "verify")]
pub mod verify;

pub use manifest::{
    attachments_of, declaration_texts, rfc3339, Attachment, Manifest, RecordedIssue, RulesFile,
};

use crate::base64url;
use chrono::{DateTime, FixedOffset, Timelike};
use serde::Serialize;
use std::collections::BTreeMap;

/// The manifest's `format`; a verifier refuses any other.
pub const FORMAT: &str = "dossier-bundle/1";
/// The protected header's `typ`.
pub const TYP: &str = "dossier-bundle+jws";

/// A P-256 public key as JWK coordinates (32 bytes each, base64url).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicJwk {
    pub x: String,
    pub y: String,
}

impl PublicJwk {
    /// The JWK object, members in RFC 7638's order, so that its compact
    /// form is also the input of the thumbprint.
    pub fn to_json_text(&self) -> String {
        // Members in the order declared, which is RFC 7638's.
        #[derive(Serialize)]
        struct Jwk<'a> {
            crv: &'a str,
            kty: &'a str,
            x: &'a str,
            y: &'a str,
        }
        serde_json::to_string(&Jwk {
            crv: "P-256",
            kty: "EC",
            x: &self.x,
            y: &self.y,
        })
        .unwrap_or_default()
    }

    /// What RFC 7638 hashes (SHA-256) to name this key: the required
    /// members in lexicographic order, no white space.
    pub fn thumbprint_input(&self) -> String {
        self.to_json_text()
    }
}

/// The protected header's JSON text (`src/js/vault.js` writes the same when
/// the browser signs).
pub fn protected_header(key: &PublicJwk) -> String {
    format!(
        r#"{{"alg":"ES256","typ":"{TYP}","jwk":{}}}"#,
        key.to_json_text()
    )
}

/// The bytes ES256 signs: `base64url(protected) "." base64url(payload)`.
pub fn signing_input(protected_b64: &str, payload_b64: &str) -> String {
    format!("{protected_b64}.{payload_b64}")
}

/// The bundle's JSON text from its parts, attachments given as
/// (SHA-256 hex, bytes). The browser streams large attachments into the
/// file instead (see `src/`); this is the same layout, for native callers
/// and tests.
pub fn assemble(
    protected_b64: &str,
    payload_b64: &str,
    signature: &[u8],
    attachments: &[(String, Vec<u8>)],
) -> String {
    #[derive(Serialize)]
    struct Bundle<'a> {
        protected: &'a str,
        payload: &'a str,
        signature: String,
        attachments: BTreeMap<&'a str, String>,
    }
    serde_json::to_string(&Bundle {
        protected: protected_b64,
        payload: payload_b64,
        signature: base64url::encode(signature),
        attachments: attachments
            .iter()
            .map(|(sha, bytes)| (sha.as_str(), base64url::encode(bytes)))
            .collect(),
    })
    .unwrap_or_default()
}

/// A moment as a filing is checked and signed at: whole seconds, as the
/// manifest records its creation time, so that the verifier, running the
/// rules at that recorded time, finds what the browser found (a deadline
/// inside the dropped fraction would otherwise tell them apart).
pub fn whole_seconds(t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    t.with_nanosecond(0).unwrap_or(t)
}

/// The short form of a digest shown to people: its first 12 hex digits.
pub fn short_digest(sha256_hex: &str) -> &str {
    sha256_hex.get(..12).unwrap_or(sha256_hex)
}
