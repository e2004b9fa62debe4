//! The signed bundle and its verifier: a bundle made as the browser makes
//! it verifies; every kind of tampering the issue lists is refused with a
//! reason; random damage never panics and never passes.

mod support;
use support::bundles::*;
use support::Rng;

use dossier_engine::answers::{Answer, FileRef};
use dossier_engine::base64url;
use dossier_engine::bundle::verify::{sha256_hex, thumbprint, verify, Outcome, Verdict};
use dossier_engine::bundle::{self, Manifest};
use dossier_engine::files::MediaType;
use serde_json::{json, Value};

fn check(text: &str) -> Verdict {
    verify(text.as_bytes(), known())
}

fn assert_refused(v: &Verdict, outcome: Outcome, reason: &str) {
    assert_eq!(v.outcome, outcome, "{:?}", v.reasons);
    assert!(
        v.reasons.iter().any(|r| r.contains(reason)),
        "expected a reason containing {reason:?}, got {:?}",
        v.reasons
    );
}

/// A JPEG-looking file: a real header, then filler.
fn jpeg(width: u16, height: u16, total: usize) -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
    b.extend(height.to_be_bytes());
    b.extend(width.to_be_bytes());
    b.extend([
        0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xDA,
    ]);
    b.resize(total, 0x55);
    b
}

/// The complete filing with two files attached (under answer ids the
/// verifier carries along), and their bytes.
fn with_attachments() -> (Manifest, Vec<(String, Vec<u8>)>) {
    let photo = jpeg(354, 472, 40_000);
    let scan = b"%PDF-1.7\n% a scanned page\n".repeat(100);
    let mut dossier = complete_dossier();
    for (id, name, bytes, media_type, w, h) in [
        (
            "photo_upload",
            "photo.jpg",
            &photo,
            MediaType::Jpeg,
            Some(354),
            Some(472),
        ),
        (
            "passport_upload",
            "passport.pdf",
            &scan,
            MediaType::Pdf,
            None,
            None,
        ),
    ] {
        dossier.applicants[0].answers.insert(
            id.into(),
            Answer::File(FileRef {
                sha256: sha256_hex(bytes),
                name: name.into(),
                media_type,
                size: bytes.len() as u64,
                width: w,
                height: h,
            }),
        );
    }
    let files = vec![(sha256_hex(&photo), photo), (sha256_hex(&scan), scan)];
    (manifest(dossier, created(), "en"), files)
}

/// Replaces the member `key` of the bundle's top-level object.
fn with_member(bundle: &str, key: &str, value: Value) -> String {
    let mut top: Value = serde_json::from_str(bundle).unwrap();
    top[key] = value;
    top.to_string()
}

fn member(bundle: &str, key: &str) -> String {
    let top: Value = serde_json::from_str(bundle).unwrap();
    top[key].as_str().unwrap().to_string()
}

#[test]
fn a_bundle_made_as_the_browser_makes_it_is_valid() {
    let key = signing_key(1);
    let (m, files) = with_attachments();
    let v = check(&sign(&m, &key, &files));
    assert_eq!(v.outcome, Outcome::Valid, "{:?}", v.reasons);
    let s = v.summary.unwrap();
    assert_eq!(
        (s.form_id.as_str(), s.applicants, s.attachments.len()),
        (FORM_ID, 1, 7)
    );
    assert_eq!(s.created, "2026-11-21T10:00:00+08:00");
    assert_eq!(v.key_thumbprint.unwrap(), thumbprint(&public_jwk(&key)));
}

#[test]
fn a_late_arrival_warning_must_have_been_acknowledged() {
    // Arrived 21 Nov 08:00; signed two days later: registration is late.
    let late = chrono::DateTime::parse_from_rfc3339("2026-11-23T10:00:00+08:00").unwrap();
    let mut m = manifest(complete_dossier(), late, "zh-CN");
    assert!(
        m.precheck.iter().any(|i| i.acknowledged),
        "{:?}",
        m.precheck
    );
    assert_eq!(
        check(&sign(&m, &signing_key(1), &[])).outcome,
        Outcome::Valid
    );
    for i in &mut m.precheck {
        i.acknowledged = false;
    }
    let v = check(&sign(&m, &signing_key(1), &[]));
    assert_refused(&v, Outcome::Invalid, "was not acknowledged");
}

#[test]
fn one_changed_answer_breaks_the_signature() {
    let key = signing_key(1);
    let (m, files) = with_attachments();
    let good = sign(&m, &key, &files);
    let mut changed = m.clone();
    changed.dossier.applicants[0]
        .answers
        .insert("surname".into(), Answer::Text("SMYTHE".into()));
    let payload = base64url::encode(changed.to_json_text().as_bytes());
    let v = check(&with_member(&good, "payload", json!(payload)));
    assert_refused(&v, Outcome::Invalid, "signature does not match");
}

#[test]
fn a_swapped_a_removed_and_an_extra_attachment_are_each_refused() {
    let key = signing_key(1);
    let (m, files) = with_attachments();
    let good = sign(&m, &key, &files);
    let attachments = |entries: Vec<(String, Vec<u8>)>| {
        Value::Object(
            entries
                .into_iter()
                .map(|(k, b)| (k, json!(base64url::encode(&b))))
                .collect(),
        )
    };

    let mut swapped = files.clone();
    swapped[0].1 = jpeg(354, 472, 40_000).into_iter().rev().collect();
    let v = check(&with_member(&good, "attachments", attachments(swapped)));
    assert_refused(&v, Outcome::Invalid, "does not match its signed digest");

    let removed = files[1..].to_vec();
    let v = check(&with_member(&good, "attachments", attachments(removed)));
    assert_refused(&v, Outcome::Invalid, "is missing from the bundle");

    let mut extra = files.clone();
    let stowaway = b"MZ\x90\0 not a document".to_vec();
    extra.push((sha256_hex(&stowaway), stowaway));
    let v = check(&with_member(&good, "attachments", attachments(extra)));
    assert_refused(&v, Outcome::Invalid, "does not name");
}

#[test]
fn only_es256_is_accepted() {
    let key = signing_key(1);
    let m = manifest(complete_dossier(), created(), "en");
    let good = sign(&m, &key, &[]);
    let jwk = public_jwk(&key).to_json_text();
    for (alg, reason) in [
        ("none", "no signature at all"),
        ("HS256", "HMAC"),
        ("RS256", "only ES256"),
        ("ES384", "only ES256"),
    ] {
        let header = format!(r#"{{"alg":"{alg}","typ":"{}","jwk":{jwk}}}"#, bundle::TYP);
        let protected = base64url::encode(header.as_bytes());
        let v = check(&with_member(&good, "protected", json!(protected)));
        assert_refused(&v, Outcome::Invalid, reason);
    }
    // An `alg: none` bundle with an empty signature.
    let header = base64url::encode(br#"{"alg":"none"}"#);
    let v = check(&with_member(
        &with_member(&good, "protected", json!(header)),
        "signature",
        json!(""),
    ));
    assert_refused(&v, Outcome::Invalid, "no signature at all");
}

#[test]
fn a_missing_or_malformed_key_is_refused() {
    let key = signing_key(1);
    let m = manifest(complete_dossier(), created(), "en");
    let payload = m.to_json_text();
    let jwk = public_jwk(&key);
    for (header, reason) in [
        (r#"{"alg":"ES256"}"#.to_string(), "carries no public key"),
        (
            r#"{"alg":"ES256","jwk":{"kty":"RSA","n":"AQAB","e":"AQAB"}}"#.to_string(),
            "not an EC key on P-256",
        ),
        (
            format!(
                r#"{{"alg":"ES256","jwk":{{"kty":"EC","crv":"P-256","x":"{}","y":"AAAA"}}}}"#,
                jwk.x
            ),
            "32 bytes",
        ),
        (
            format!(
                r#"{{"alg":"ES256","jwk":{{"kty":"EC","crv":"P-256","x":"{}","y":"{}"}}}}"#,
                jwk.x, jwk.x
            ),
            "not a point on the P-256 curve",
        ),
        (
            format!(
                r#"{{"alg":"ES256","jwk":{{"kty":"EC","crv":"P-256","x":"{}","y":"{}","d":"{}"}}}}"#,
                jwk.x, jwk.y, jwk.x
            ),
            "private part",
        ),
        (
            format!(
                r#"{{"alg":"ES256","crit":["exp"],"jwk":{}}}"#,
                jwk.to_json_text()
            ),
            "does not accept",
        ),
    ] {
        let (protected, payload, sig) = sign_raw(&header, &payload, &key);
        let v = check(&bundle::assemble(&protected, &payload, &sig, &[]));
        assert_refused(&v, Outcome::Invalid, reason);
    }
}

#[test]
fn re_signing_a_changed_filing_with_another_key_shows_another_signer() {
    let original = signing_key(1);
    let thief = signing_key(2);
    let m = manifest(complete_dossier(), created(), "en");
    let good = check(&sign(&m, &original, &[]));
    let mut changed = m.clone();
    changed.dossier.applicants[0]
        .answers
        .insert("host_phone".into(), Answer::Text("13900139000".into()));
    let forged = check(&sign(&changed, &thief, &[]));
    // The signature is the thief's own, so it is only as good as that key:
    // the thumbprint is what a portal compares with the applicant's key.
    assert_ne!(forged.key_thumbprint, good.key_thumbprint);
    let v = dossier_engine::bundle::verify::verify_with_key(
        sign(&changed, &thief, &[]).as_bytes(),
        known(),
        good.key_thumbprint.as_deref(),
    );
    assert_refused(&v, Outcome::Invalid, "signed by the key");
    // And a forger who keeps the old pre-check is caught by the rules.
    changed.dossier.applicants[0]
        .answers
        .insert("host_phone".into(), Answer::Text("12345".into()));
    let v = check(&sign(&changed, &thief, &[]));
    assert_refused(&v, Outcome::Invalid, "did not record");
}

#[test]
fn unreadable_files_are_refused_as_unreadable() {
    let good = sign(
        &manifest(complete_dossier(), created(), "en"),
        &signing_key(1),
        &[],
    );
    for cut in [0, 1, 10, good.len() / 2, good.len() - 1] {
        let v = check(&good[..cut]);
        assert_eq!(
            v.outcome,
            Outcome::Unreadable,
            "cut at {cut}: {:?}",
            v.reasons
        );
    }
    assert_refused(&check("this is not JSON"), Outcome::Unreadable, "not JSON");
    assert_refused(
        &verify(&[0xFF, 0xFE, 0x00], known()),
        Outcome::Unreadable,
        "not UTF-8",
    );
    assert_refused(
        &check("[1, 2, 3]"),
        Outcome::Unreadable,
        "not a JSON object",
    );
    // Refused at its first character, however deep it goes.
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    assert_refused(&check(&deep), Outcome::Unreadable, "not a JSON object");
    // An unknown member is skipped without descending into it.
    let deep_object = "{\"a\":".repeat(10_000) + "1" + &"}".repeat(10_000);
    assert_refused(
        &check(&deep_object),
        Outcome::Invalid,
        "'a' that is not part of the format",
    );
}

/// A change to a signed manifest, and the reason the verifier gives.
type Tampering = (fn(&mut Manifest), &'static str);

#[test]
fn an_unknown_form_version_or_rules_file_is_refused() {
    let changes: [Tampering; 4] = [
        (
            |m| m.form_version = "0.9.0".into(),
            "is not the version known here",
        ),
        (
            |m| m.rules[0].sha256 = "0".repeat(64),
            "differs from the one known here",
        ),
        (
            |m| m.form_id = "visa-extension".into(),
            "not known to this verifier",
        ),
        (
            |m| m.declaration_texts = vec!["I agree to anything.".into()],
            "not the form's declaration",
        ),
    ];
    for (change, reason) in changes {
        let mut m = manifest(complete_dossier(), created(), "en");
        change(&mut m);
        assert_refused(
            &check(&sign(&m, &signing_key(1), &[])),
            Outcome::Invalid,
            reason,
        );
    }
}

#[test]
fn random_damage_never_panics_and_never_passes() {
    let (m, files) = with_attachments();
    let good = sign(&m, &signing_key(1), &files);
    let bytes = good.as_bytes();
    let mut rng = Rng(0x5eed_b0d1_0000_0001);
    let started = std::time::Instant::now();
    let mut tried = 0;
    // Bounded by count and by time, whichever ends first.
    while tried < 1_000 && started.elapsed().as_secs() < 10 {
        tried += 1;
        let mut damaged = bytes.to_vec();
        match rng.below(4) {
            0 => {
                let at = rng.below(damaged.len());
                damaged[at] ^= 1 << rng.below(8);
            }
            1 => damaged.truncate(rng.below(damaged.len())),
            2 => {
                let at = rng.below(damaged.len());
                let junk = [b'"', b'{', b'}', b'[', b',', b':', b'\\', b'0'];
                damaged.insert(at, junk[rng.below(junk.len())]);
            }
            _ => {
                let at = rng.below(damaged.len());
                damaged.remove(at);
            }
        }
        if damaged == bytes {
            continue;
        }
        let v = verify(&damaged, known());
        assert_ne!(
            v.outcome,
            Outcome::Valid,
            "damage passed: {:?}",
            String::from_utf8_lossy(&damaged)
        );
        assert!(!v.reasons.is_empty());
    }
    assert!(tried > 100, "only {tried} damaged bundles were tried");
}

#[test]
fn the_manifest_reads_back_as_written() {
    let (m, _) = with_attachments();
    let back = Manifest::from_json_slice(m.to_json_text().as_bytes()).unwrap();
    assert_eq!(back, m);
    assert_eq!(
        member(&sign(&m, &signing_key(3), &[]), "payload"),
        base64url::encode(m.to_json_text().as_bytes())
    );
}

/// The browser checks and signs at its clock in whole seconds, as the
/// manifest records it: signing at 08:00:00.999, the second the 24 hours
/// end, gives what the verifier finds at 08:00:00. Checked at the exact
/// millisecond instead, the filing would be late by 999 ms in the browser
/// and on time in the verifier, and a correctly signed bundle would fail.
#[test]
fn signing_at_999_ms_across_a_deadline_verifies_with_the_clock_in_whole_seconds() {
    use dossier_engine::bundle::{whole_seconds, RecordedIssue};
    use dossier_engine::validate::{validate, Clock};
    // The fixture arrived on 21 November at 08:00: 24 hours end at 08:00 the next day.
    let deadline = chrono::DateTime::parse_from_rfc3339("2026-11-22T08:00:00+08:00").unwrap();
    let device = deadline + chrono::TimeDelta::milliseconds(999);
    let at = whole_seconds(device);
    assert_eq!(at, deadline);
    let m = manifest(complete_dossier(), at, "en");
    assert!(m.precheck.iter().all(|i| !i.code.contains("late")));
    let v = check(&sign(&m, &signing_key(1), &[]));
    assert_eq!(v.outcome, Outcome::Valid, "{:?}", v.reasons);

    let form = known().set.form("temporary-residence").unwrap();
    let mut exact = m.clone();
    let late = validate(form, &exact.dossier, Clock::at(device));
    exact.precheck = RecordedIssue::from_report(&late, true);
    assert!(exact.precheck.iter().any(|i| i.code == "late_registration"));
    let v = check(&sign(&exact, &signing_key(1), &[]));
    assert_refused(
        &v,
        Outcome::Invalid,
        "running the rules again does not find",
    );
}

/// The time the portal received a bundle, against its signed creation
/// time: signed later than received, or longer before than the portal
/// allows, is a finding of its own; the rules still run at the signed time.
#[test]
fn a_creation_time_after_receipt_or_too_old_is_its_own_finding() {
    use dossier_engine::bundle::verify::{verify_with, Options, TimeFinding};
    let m = manifest(complete_dossier(), created(), "en");
    let bundle = sign(&m, &signing_key(1), &[]);
    let at = |received: &str, max_age: Option<chrono::TimeDelta>| {
        let options = Options {
            received: Some(chrono::DateTime::parse_from_rfc3339(received).unwrap()),
            max_age,
            ..Options::default()
        };
        verify_with(bundle.as_bytes(), known(), &options)
    };
    // Received a minute after signing, with a day allowed: valid.
    let v = at(
        "2026-11-21T10:01:00+08:00",
        Some(chrono::TimeDelta::days(1)),
    );
    assert_eq!(v.outcome, Outcome::Valid, "{:?}", v.reasons);
    assert_eq!(v.time, None);
    // Received a second before it was signed.
    let v = at("2026-11-21T09:59:59+08:00", None);
    assert!(matches!(
        v.time,
        Some(TimeFinding::CreatedAfterReceipt { .. })
    ));
    assert_refused(&v, Outcome::Invalid, "after it was received");
    // Received two days later, with a day allowed.
    let v = at(
        "2026-11-23T10:00:00+08:00",
        Some(chrono::TimeDelta::days(1)),
    );
    assert!(matches!(v.time, Some(TimeFinding::OlderThanAllowed { .. })));
    assert_refused(&v, Outcome::Invalid, "more than 86400 s before");
    // Only the time is wrong: the rules found what the browser found.
    assert_eq!(v.reasons.len(), 1, "{:?}", v.reasons);
}

/// A role the form does not list is refused by name, even when the
/// browser's pre-check was recorded for it: a portal must know who filed.
#[test]
fn a_role_the_form_does_not_list_is_refused() {
    let mut d = complete_dossier();
    d.filler.role = dossier_engine::answers::FillerRole::parse("boss").unwrap();
    let m = manifest(d, created(), "en");
    let v = check(&sign(&m, &signing_key(1), &[]));
    assert_eq!(v.outcome, Outcome::Invalid);
    assert!(
        v.reasons.iter().any(|r| r.contains(
            "the filler's role 'boss' is not one of the form's roles (self, family, guardian, host, friend, organisation)"
        )),
        "{:?}",
        v.reasons
    );
}
