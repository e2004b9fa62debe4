//! Verifying a bundle natively, as a portal's server does (and the
//! `dossier-verify` command): the JWS (ES256 only), every attachment's
//! digest and size, that the form and its rules are known here, and then the
//! rules themselves, run again at the signed creation time: the issues must
//! be exactly those the browser recorded.
//!
//! Hostile input is expected. Nothing here panics or takes more than time
//! linear in the input: the size is capped before parsing; serde_json reads
//! in one pass and limits nesting; every list and object of the bundle has
//! a limit checked while it is read (`bounded.rs`), before any other
//! step; sets are compared through ordered maps, never pairwise. Every
//! check reports a reason instead of stopping at the first.

use super::manifest::{attachments_of, declaration_texts, rfc3339, Manifest, RecordedIssue};
use super::{short_digest, PublicJwk, TYP};
use crate::answers::Answer;
use crate::base64url;
use crate::bounded;
use crate::files;
use crate::rules::{load_dir, RuleSet, Severity};
use crate::validate::{validate, Clock};
use chrono::{DateTime, FixedOffset, TimeDelta};
use ring::digest::{digest, SHA256};
use ring::signature::{UnparsedPublicKey, ECDSA_P256_SHA256_FIXED};
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

/// The longest protected header accepted (base64url): a real one, with its
/// key, is under 300 characters.
pub const MAX_HEADER_CHARS: usize = 4 * 1024;

/// The largest bundle accepted: 20 MB of attachments take about 27 MB as
/// base64url; this leaves room and refuses absurd inputs before parsing.
pub const MAX_BUNDLE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Signed by the key in its header, unaltered, and the rules agree.
    Valid,
    /// Readable, but at least one check failed (all are in `reasons`).
    Invalid,
    /// Not a bundle at all: too large, not text, not JSON.
    Unreadable,
}

impl Outcome {
    /// The command's exit code: 0 valid, 1 invalid, 2 unreadable.
    pub fn exit_code(self) -> i32 {
        match self {
            Outcome::Valid => 0,
            Outcome::Invalid => 1,
            Outcome::Unreadable => 2,
        }
    }
}

/// What was signed, for the report (present once the payload could be read).
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub form_id: String,
    pub form_version: String,
    pub created: String,
    pub language: String,
    pub filler_role: String,
    pub applicants: usize,
    /// (SHA-256, name, media type, size in bytes).
    pub attachments: Vec<(String, String, String, u64)>,
    pub warnings_acknowledged: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub outcome: Outcome,
    /// Every reason the bundle is invalid or unreadable, in plain English.
    pub reasons: Vec<String>,
    /// RFC 7638 thumbprint of the signing key (base64url), when the header
    /// held a usable key.
    pub key_thumbprint: Option<String>,
    pub summary: Option<Summary>,
    /// The creation time against the time of receipt (also among the
    /// reasons), when the portal gave that time.
    pub time: Option<TimeFinding>,
}

impl Verdict {
    fn unreadable(reason: String) -> Verdict {
        Verdict {
            outcome: Outcome::Unreadable,
            reasons: vec![reason],
            key_thumbprint: None,
            summary: None,
            time: None,
        }
    }
}

/// The rules this verifier knows: a `rules/` folder, loaded and fully
/// checked, with the digest of each file a bundle may name.
pub struct KnownRules {
    pub set: RuleSet,
    /// (path inside the folder, SHA-256 hex).
    digests: Vec<(String, String)>,
}

impl KnownRules {
    pub fn load(dir: &Path) -> Result<KnownRules, String> {
        let set = load_dir(dir).map_err(|errors| {
            let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            format!(
                "the rules in {} have mistakes:\n{}",
                dir.display(),
                lines.join("\n")
            )
        })?;
        let mut digests = Vec::new();
        let files = set
            .index
            .forms
            .iter()
            .map(|f| f.file.clone())
            .chain([set.index.countries.clone()]);
        for file in files {
            let bytes = std::fs::read(dir.join(&file))
                .map_err(|e| format!("{}: {e}", dir.join(&file).display()))?;
            digests.push((file, sha256_hex(&bytes)));
        }
        Ok(KnownRules { set, digests })
    }

    /// The rules files a bundle of `form_id` must name, with their digests.
    pub fn files_for(&self, form_id: &str) -> Option<Vec<(String, String)>> {
        let form_file = &self.set.index.forms.iter().find(|f| f.id == form_id)?.file;
        Some(
            self.digests
                .iter()
                .filter(|(f, _)| f == form_file || *f == self.set.index.countries)
                .cloned()
                .collect(),
        )
    }
}

type P256Key = UnparsedPublicKey<Vec<u8>>;

pub fn sha256_hex(bytes: &[u8]) -> String {
    digest(&SHA256, bytes)
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// RFC 7638 thumbprint of a P-256 key, base64url.
pub fn thumbprint(key: &PublicJwk) -> String {
    base64url::encode(digest(&SHA256, key.thumbprint_input().as_bytes()).as_ref())
}

/// What the portal knows besides the bundle, for the checks that need it.
#[derive(Debug, Clone, Default)]
pub struct Options<'a> {
    /// The RFC 7638 thumbprint (base64url) of the key that must have signed
    /// it: a portal that knows the applicant's device key refuses a filing
    /// re-signed by anyone else.
    pub expected_key: Option<&'a str>,
    /// When the portal received the bundle. A creation time after it, or
    /// older than `max_age` before it, is a [`TimeFinding`].
    pub received: Option<DateTime<FixedOffset>>,
    /// How old a bundle may be when it arrives (with `received`).
    pub max_age: Option<TimeDelta>,
}

/// A creation time the portal should not accept, found apart from the
/// rules: the rules run at the signed time whatever the portal's clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeFinding {
    /// Signed after it was received: the device's clock is wrong, or the
    /// time was forged.
    CreatedAfterReceipt {
        created: DateTime<FixedOffset>,
        received: DateTime<FixedOffset>,
    },
    /// Signed longer before it was received than the portal allows.
    OlderThanAllowed {
        created: DateTime<FixedOffset>,
        received: DateTime<FixedOffset>,
        max_age: TimeDelta,
    },
}

impl fmt::Display for TimeFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeFinding::CreatedAfterReceipt { created, received } => write!(
                f,
                "it was signed at {}, after it was received ({}): the signing device's clock is wrong or the time was altered",
                rfc3339(created),
                rfc3339(received)
            ),
            TimeFinding::OlderThanAllowed {
                created,
                received,
                max_age,
            } => write!(
                f,
                "it was signed at {}, more than {} s before it was received ({})",
                rfc3339(created),
                max_age.num_seconds(),
                rfc3339(received)
            ),
        }
    }
}

/// Checks a bundle's bytes against the known rules.
pub fn verify(bytes: &[u8], known: &KnownRules) -> Verdict {
    verify_with(bytes, known, &Options::default())
}

/// As [`verify`], and the signing key must be the one with this RFC 7638
/// thumbprint (base64url).
pub fn verify_with_key(bytes: &[u8], known: &KnownRules, expected_key: Option<&str>) -> Verdict {
    verify_with(
        bytes,
        known,
        &Options {
            expected_key,
            ..Options::default()
        },
    )
}

/// As [`verify`], with what the portal knows besides the bundle.
pub fn verify_with(bytes: &[u8], known: &KnownRules, options: &Options) -> Verdict {
    let mut verdict = verify_bundle(bytes, known, options);
    if let Some(expected) = options.expected_key {
        if verdict.outcome != Outcome::Unreadable
            && verdict.key_thumbprint.as_deref() != Some(expected)
        {
            verdict.reasons.push(format!(
                "it is signed by the key {}, not by the expected key {expected}",
                verdict.key_thumbprint.as_deref().unwrap_or("(none)")
            ));
            verdict.outcome = Outcome::Invalid;
        }
    }
    verdict
}

/// The bundle's top-level object. Its members are read as they come; an
/// unknown one is noted (by name, a few at most) and skipped unread.
#[derive(Default)]
struct TopLevel<'a> {
    protected: Option<Cow<'a, str>>,
    payload: Option<Cow<'a, str>>,
    signature: Option<Cow<'a, str>>,
    /// Digest to base64url bytes.
    attachments: BTreeMap<Cow<'a, str>, Cow<'a, str>>,
    unknown: Vec<String>,
}

/// Unknown top-level members named before reading stops.
const MAX_UNKNOWN_MEMBERS: usize = 16;

impl<'de> Deserialize<'de> for TopLevel<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> Visitor<'de> for Members {
            type Value = TopLevel<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object (a bundle)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopLevel<'de>, A::Error> {
                use serde::de::Error;
                let mut top = TopLevel::default();
                let mut seen = BTreeSet::new();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    if !seen.insert(key.clone()) {
                        return Err(A::Error::custom(format!(
                            "the bundle has the member '{key}' twice"
                        )));
                    }
                    match key.as_ref() {
                        "protected" => top.protected = Some(map.next_value()?),
                        "payload" => top.payload = Some(map.next_value()?),
                        "signature" => top.signature = Some(map.next_value()?),
                        "attachments" => top.attachments = map.next_value::<Carried>()?.0,
                        _ => {
                            if top.unknown.len() == MAX_UNKNOWN_MEMBERS {
                                return Err(A::Error::custom(format!(
                                    "the bundle has more than {MAX_UNKNOWN_MEMBERS} members that are not part of the format"
                                )));
                            }
                            top.unknown.push(key.chars().take(64).collect());
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(top)
            }
        }
        d.deserialize_map(Members)
    }
}

/// The `attachments` member: at most [`bounded::MAX_ATTACHMENTS`] entries,
/// each key once.
struct Carried<'a>(BTreeMap<Cow<'a, str>, Cow<'a, str>>);

impl<'de> Deserialize<'de> for Carried<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = Carried<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of attachments, each a digest and base64url bytes")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Carried<'de>, A::Error> {
                use serde::de::Error;
                let mut entries = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<Cow<'de, str>, Cow<'de, str>>()? {
                    if entries.len() == bounded::MAX_ATTACHMENTS {
                        return Err(A::Error::custom(format!(
                            "the bundle carries more than {} attachments",
                            bounded::MAX_ATTACHMENTS
                        )));
                    }
                    if entries.insert(k, v).is_some() {
                        return Err(A::Error::custom("the bundle carries one attachment twice"));
                    }
                }
                Ok(Carried(entries))
            }
        }
        d.deserialize_map(Entries)
    }
}

fn verify_bundle(bytes: &[u8], known: &KnownRules, options: &Options) -> Verdict {
    if bytes.len() as u64 > MAX_BUNDLE_BYTES {
        return Verdict::unreadable(too_large(bytes.len() as u64));
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Verdict::unreadable("the file is not UTF-8 text, so it is not a bundle".into());
    };
    let top: TopLevel = match serde_json::from_str(text) {
        Ok(top) => top,
        Err(e) if !e.is_data() => {
            return Verdict::unreadable(format!(
                "the file is not JSON ({e}); a bundle may have been cut short"
            ))
        }
        Err(_) if !text.trim_start().starts_with('{') => {
            return Verdict::unreadable(
                "the file is not a JSON object, so it is not a bundle".into(),
            )
        }
        Err(e) => return Verdict::unreadable(format!("the file is not a bundle: {e}")),
    };
    let mut check = Check::default();
    for key in &top.unknown {
        check.fail(format!(
            "the bundle has a member '{key}' that is not part of the format (only protected, payload, signature, attachments)"
        ));
    }
    let (Some(protected), Some(payload), Some(signature)) =
        (&top.protected, &top.payload, &top.signature)
    else {
        check.fail(
            "the bundle lacks its protected header, payload or signature (each a string)".into(),
        );
        return check.verdict(None, None);
    };

    let key = check.header(protected);
    let key_thumbprint = key.as_ref().map(|(jwk, _)| thumbprint(jwk));
    // An ES256 signature is 64 bytes: 86 characters of base64url.
    let signature = (signature.len() == 86)
        .then(|| base64url::decode(signature))
        .flatten();
    match (&key, signature) {
        (_, None) => check.fail("the signature is not 64 bytes of base64url".into()),
        (Some((_, verifying)), Some(sig)) => {
            let input = super::signing_input(protected, payload);
            // ES256 signatures are r ‖ s, 64 bytes (RFC 7518 §3.4).
            if verifying.verify(input.as_bytes(), &sig).is_err() {
                check.fail(
                    "the signature does not match: the header or payload was changed after signing, or it was signed with another key".into(),
                );
            }
        }
        (None, Some(_)) => {}
    }

    let manifest = match base64url::decode(payload)
        .ok_or_else(|| "the payload is not base64url".to_string())
        .and_then(|b| Manifest::from_json_slice(&b))
    {
        Ok(m) => m,
        Err(reason) => {
            check.fail(reason);
            return check.verdict(key_thumbprint, None);
        }
    };
    let summary = summarize(&manifest);
    check.time = time_finding(&manifest, options);
    if let Some(finding) = &check.time {
        check.fail(finding.to_string());
    }
    check.attachments(&manifest, &top.attachments);
    check.rules_again(&manifest, known);
    check.verdict(key_thumbprint, Some(summary))
}

/// The creation time against the time of receipt, when the portal gave it.
fn time_finding(m: &Manifest, options: &Options) -> Option<TimeFinding> {
    let received = options.received?;
    if m.created > received {
        return Some(TimeFinding::CreatedAfterReceipt {
            created: m.created,
            received,
        });
    }
    let max_age = options.max_age?;
    (received - m.created > max_age).then_some(TimeFinding::OlderThanAllowed {
        created: m.created,
        received,
        max_age,
    })
}

/// The reason a too-large file is refused.
pub fn too_large(size: u64) -> String {
    format!(
        "the file is {} MB, more than the {} MB a bundle may be",
        size.div_ceil(1024 * 1024),
        MAX_BUNDLE_BYTES / (1024 * 1024)
    )
}

fn summarize(m: &Manifest) -> Summary {
    Summary {
        form_id: m.form_id.clone(),
        form_version: m.form_version.clone(),
        created: rfc3339(&m.created),
        language: m.language.clone(),
        filler_role: m.dossier.filler.role.as_str().to_string(),
        applicants: m.dossier.applicants.len(),
        attachments: m
            .attachments
            .iter()
            .map(|a| {
                (
                    a.sha256.clone(),
                    a.name.clone(),
                    a.media_type.mime().to_string(),
                    a.size,
                )
            })
            .collect(),
        warnings_acknowledged: m.precheck.iter().filter(|i| i.acknowledged).count(),
    }
}

#[derive(Default)]
struct Check {
    reasons: Vec<String>,
    time: Option<TimeFinding>,
}

impl Check {
    fn fail(&mut self, reason: String) {
        self.reasons.push(reason);
    }

    fn verdict(self, key_thumbprint: Option<String>, summary: Option<Summary>) -> Verdict {
        Verdict {
            outcome: if self.reasons.is_empty() {
                Outcome::Valid
            } else {
                Outcome::Invalid
            },
            reasons: self.reasons,
            key_thumbprint,
            summary,
            time: self.time,
        }
    }

    /// The protected header: ES256 and a P-256 public key, nothing else
    /// that changes its meaning. Returns the key when it is usable.
    fn header(&mut self, protected: &str) -> Option<(PublicJwk, P256Key)> {
        if protected.len() > MAX_HEADER_CHARS {
            self.fail(format!(
                "the protected header is {} characters, more than the {MAX_HEADER_CHARS} a header may be",
                protected.len()
            ));
            return None;
        }
        #[derive(Deserialize)]
        struct Header {
            alg: Option<String>,
            typ: Option<String>,
            jwk: Option<Jwk>,
            #[serde(flatten)]
            others: BTreeMap<String, IgnoredAny>,
        }
        #[derive(Deserialize)]
        struct Jwk {
            kty: Option<String>,
            crv: Option<String>,
            x: Option<String>,
            y: Option<String>,
            d: Option<IgnoredAny>,
        }
        let Some(header) =
            base64url::decode(protected).and_then(|b| serde_json::from_slice::<Header>(&b).ok())
        else {
            self.fail("the protected header is not base64url-encoded JSON of a JWS header".into());
            return None;
        };
        for k in header.others.keys() {
            if k != "kid" {
                self.fail(format!(
                    "the protected header has a member '{k}' this verifier does not accept"
                ));
            }
        }
        let mut usable = true;
        match header.alg.as_deref() {
            Some("ES256") => {}
            None => {
                self.fail("the protected header names no algorithm (alg)".into());
                usable = false;
            }
            Some(alg) => {
                let what = match alg {
                    "none" | "None" | "NONE" => " (no signature at all)",
                    a if a.starts_with("HS") => {
                        " (an HMAC shared secret, which proves nothing about the signer)"
                    }
                    _ => "",
                };
                self.fail(format!(
                    "the algorithm '{alg}'{what} is refused: only ES256 is accepted"
                ));
                usable = false;
            }
        }
        if let Some(typ) = &header.typ {
            if typ != TYP {
                self.fail(format!("the header's typ '{typ}' is not '{TYP}'"));
            }
        }
        let Some(jwk) = header.jwk else {
            self.fail("the protected header carries no public key (jwk)".into());
            return None;
        };
        if jwk.d.is_some() {
            self.fail("the header's key includes its private part (d): refused".into());
            return None;
        }
        if jwk.kty.as_deref() != Some("EC") || jwk.crv.as_deref() != Some("P-256") {
            self.fail("the header's key is not an EC key on P-256 (kty EC, crv P-256)".into());
            return None;
        }
        let coordinate = |c: &Option<String>| {
            c.as_deref()
                .and_then(base64url::decode)
                .filter(|b| b.len() == 32)
        };
        let (Some(x), Some(y)) = (coordinate(&jwk.x), coordinate(&jwk.y)) else {
            self.fail(
                "the header's key coordinates x and y are not 32 bytes of base64url each".into(),
            );
            return None;
        };
        let mut point = vec![0x04];
        point.extend(&x);
        point.extend(&y);
        let key = UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, point);
        if p256::PublicKey::from_sec1_bytes(key.as_ref()).is_err() {
            self.fail("the header's key is not a point on the P-256 curve".into());
            return None;
        }
        let key = (
            PublicJwk {
                x: base64url::encode(&x),
                y: base64url::encode(&y),
            },
            key,
        );
        usable.then_some(key)
    }

    /// Each attachment named in the manifest is present, with its size and
    /// digest; there is no other; the answers' file facts are true.
    fn attachments(&mut self, m: &Manifest, carried: &BTreeMap<Cow<str>, Cow<str>>) {
        if attachments_of(&m.dossier) != m.attachments {
            self.fail(
                "the manifest's list of attachments does not match the files in the answers".into(),
            );
        }
        // What each file's bytes are, by digest, for the answers below.
        let mut facts_of: BTreeMap<&str, (Option<files::FileFacts>, u64, String)> = BTreeMap::new();
        for a in &m.attachments {
            let label = format!("attachment {} ({})", short_digest(&a.sha256), a.name);
            let Some(data) = carried.get(a.sha256.as_str()) else {
                self.fail(format!("{label} is missing from the bundle"));
                continue;
            };
            let Some(bytes) = base64url::decode(data) else {
                self.fail(format!("{label} is not base64url"));
                continue;
            };
            if bytes.len() as u64 != a.size {
                self.fail(format!(
                    "{label} is {} bytes, but {} were signed",
                    bytes.len(),
                    a.size
                ));
            }
            if sha256_hex(&bytes) != a.sha256 {
                self.fail(format!(
                    "{label} does not match its signed digest: the file was swapped or altered"
                ));
                continue;
            }
            let facts = files::inspect(&bytes[..bytes.len().min(files::HEAD_BYTES)]);
            if facts.map(|f| f.media_type) != Some(a.media_type) {
                self.fail(format!(
                    "{label} is not the {} file the manifest says",
                    a.media_type.word().to_ascii_uppercase()
                ));
            }
            facts_of.insert(&a.sha256, (facts, bytes.len() as u64, label));
        }
        // Every answer naming a file states what inspection finds.
        let mut misstated = BTreeSet::new();
        for (_, answers) in m.dossier.answer_sets() {
            for answer in answers.values() {
                let Answer::File(f) = answer else { continue };
                let Some((facts, size, label)) = facts_of.get(f.sha256.as_str()) else {
                    continue;
                };
                let agrees = facts.is_some_and(|facts| {
                    facts.media_type == f.media_type
                        && facts.width == f.width
                        && facts.height == f.height
                        && f.size == *size
                });
                if !agrees && misstated.insert(f.sha256.as_str()) {
                    self.fail(format!(
                        "{label}: the answers state a kind, size or pixel size the file does not have"
                    ));
                }
            }
        }
        let named: BTreeSet<&str> = m.attachments.iter().map(|a| a.sha256.as_str()).collect();
        for k in carried.keys() {
            if !named.contains(k.as_ref()) {
                self.fail(format!(
                    "the bundle carries an attachment {} that the signed manifest does not name",
                    short_digest(k)
                ));
            }
        }
    }

    /// The form and rules are the ones known here, the declaration is the
    /// form's, and running the rules again finds what the browser found.
    fn rules_again(&mut self, m: &Manifest, known: &KnownRules) {
        let Some(form) = known.set.form(&m.form_id) else {
            self.fail(format!(
                "the form '{}' is not known to this verifier",
                m.form_id
            ));
            return;
        };
        if form.def.version != m.form_version {
            self.fail(format!(
                "the form '{}' version {} is not the version known here ({})",
                m.form_id, m.form_version, form.def.version
            ));
            return;
        }
        let role = m.dossier.filler.role.as_str();
        if !form.def.roles.iter().any(|r| r.id == role) {
            self.fail(format!(
                "the filler's role '{role}' is not one of the form's roles ({})",
                form.def
                    .roles
                    .iter()
                    .map(|r| r.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let expected = known.files_for(&m.form_id).unwrap_or_default();
        let named: BTreeMap<&str, &str> = m
            .rules
            .iter()
            .map(|r| (r.file.as_str(), r.sha256.as_str()))
            .collect();
        for (file, sha) in &expected {
            match named.get(file.as_str()) {
                None => self.fail(format!("the manifest does not name the rules file {file}")),
                Some(s) if s != sha => self.fail(format!(
                    "the rules file {file} it was checked against ({}) differs from the one known here ({})",
                    short_digest(s),
                    short_digest(sha)
                )),
                Some(_) => {}
            }
        }
        for file in named.keys() {
            if !expected.iter().any(|(f, _)| f == file) {
                self.fail(format!(
                    "the manifest names a rules file {file} this form does not use"
                ));
            }
        }
        match known.set.catalog(&m.language) {
            None => self.fail(format!("the language '{}' is not known here", m.language)),
            Some(catalog) => {
                let declaration = &form.def.declaration;
                if m.declaration_id != declaration.id
                    || m.declaration_texts != declaration_texts(&form.def, catalog, &m.dossier)
                {
                    self.fail(format!(
                        "the declaration is not the form's declaration '{}' as shown in '{}'",
                        declaration.id, m.language
                    ));
                }
            }
        }
        if m.dossier.applicants.is_empty() {
            self.fail("the bundle has no applicant".into());
        }
        let report = validate(form, &m.dossier, Clock::at(m.created));
        let found = RecordedIssue::from_report(&report, false);
        // An issue without its acknowledgement, to compare the two sets.
        type Key<'a> = (Option<usize>, &'a str, &'a str, Severity);
        fn key(i: &RecordedIssue) -> Key<'_> {
            (i.applicant, &i.field, &i.code, i.severity)
        }
        let found_keys: BTreeSet<Key> = found.iter().map(key).collect();
        let recorded_keys: BTreeSet<Key> = m.precheck.iter().map(key).collect();
        // "applicant 2", or "the person filling it in".
        let whose = |i: &RecordedIssue| match i.applicant {
            Some(a) => format!("applicant {}", a + 1),
            None => "the person filling it in".to_string(),
        };
        for i in &found {
            if !recorded_keys.contains(&key(i)) {
                self.fail(format!(
                    "running the rules again finds {} '{}' for {} that the browser did not record",
                    i.severity.as_str(),
                    i.code,
                    whose(i)
                ));
            }
            if i.severity == Severity::Error {
                self.fail(format!(
                    "{} has an error ('{}'): a filing with errors cannot be signed",
                    whose(i),
                    i.code
                ));
            }
        }
        for r in &m.precheck {
            if !found_keys.contains(&key(r)) {
                self.fail(format!(
                    "the browser recorded {} '{}' for {} that running the rules again does not find",
                    r.severity.as_str(),
                    r.code,
                    whose(r)
                ));
            }
            if r.severity == Severity::Warning && !r.acknowledged {
                self.fail(format!(
                    "the warning '{}' for {} was not acknowledged before signing",
                    r.code,
                    whose(r)
                ));
            }
        }
    }
}
