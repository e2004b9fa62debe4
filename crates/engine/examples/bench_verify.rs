//! How fast `dossier-verify`'s checks run natively, on one core:
//!
//! ```sh
//! cargo run --release -p dossier-engine --example bench_verify
//! ```
//!
//! Prints the bare ES256 verification rate (ring, one core), the
//! throughput for a one-applicant bundle without attachments beside it
//! (budget: at least 5,000 a second and at least half the bare rate), the
//! time to verify a bundle carrying 20 MB of attachments, and the time of
//! each hostile bundle of the tests, deep and wide (each must be answered
//! within a second). Asserts nothing about time.

#[path = "../tests/support/bundles.rs"]
mod bundles;
#[path = "../tests/support/hostile.rs"]
mod hostile;

use bundles::*;
use dossier_engine::answers::{Answer, FileRef};
use dossier_engine::bundle::verify::{sha256_hex, verify, Outcome};
use dossier_engine::files::MediaType;
use p256::ecdsa::signature::Signer;
use ring::signature::{UnparsedPublicKey, ECDSA_P256_SHA256_FIXED};
use std::hint::black_box;
use std::time::{Duration, Instant};

const BUDGET_PER_SECOND: f64 = 5_000.0;

/// How many times `f` runs in `seconds`, per second.
fn rate(seconds: u64, mut f: impl FnMut()) -> f64 {
    for _ in 0..200 {
        f();
    }
    let started = Instant::now();
    let mut n = 0u32;
    while started.elapsed() < Duration::from_secs(seconds) {
        f();
        n += 1;
    }
    f64::from(n) / started.elapsed().as_secs_f64()
}

fn main() {
    let known = known();
    let key = signing_key(1);

    // The bare signature check, as the verifier does it (ring, P-256,
    // SHA-256 over a bundle-sized signing input), for the ratio below.
    let message = vec![b'x'; 4_000];
    let signature: p256::ecdsa::Signature = key.sign(&message);
    let point = key.verifying_key().to_encoded_point(false);
    let public = UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, point.as_bytes().to_vec());
    assert!(public.verify(&message, &signature.to_bytes()).is_ok());
    let bare_rate = rate(3, || {
        black_box(public.verify(black_box(&message), &signature.to_bytes())).ok();
    });
    println!(
        "bare ES256 verification (ring, 4 KB signing input): {bare_rate:.0} a second on one core"
    );

    // Throughput, one applicant. The form now asks for a photo and scans, so
    // a filing without attachments is refused for the missing uploads; it
    // is measured all the same (every check runs), beside the complete one.
    let complete = sign(&manifest(complete_dossier(), created(), "en"), &key, &[]);
    assert_eq!(verify(complete.as_bytes(), known).outcome, Outcome::Valid);
    let mut bare = complete_dossier();
    bare.applicants[0]
        .answers
        .retain(|_, a| !matches!(a, Answer::File(_)));
    let bare = sign(&manifest(bare, created(), "en"), &key, &[]);
    assert_eq!(verify(bare.as_bytes(), known).outcome, Outcome::Invalid);
    for (what, bundle) in [
        ("no attachments", &bare),
        ("photo and 4 small scans", &complete),
    ] {
        let per_second = rate(3, || {
            black_box(verify(black_box(bundle.as_bytes()), known));
        });
        let ratio = per_second / bare_rate;
        let pass = per_second >= BUDGET_PER_SECOND && ratio >= 0.5;
        println!(
            "verify, 1 applicant, {what} ({} bytes): {per_second:.0} a second on one core, {:.0} µs each, {:.2} of the bare signature rate; budget at least {BUDGET_PER_SECOND:.0} a second and 0.50 of the bare rate: {}",
            bundle.len(),
            1e6 / per_second,
            ratio,
            if pass { "PASS" } else { "UNDER" }
        );
    }

    // 20 MB of attachments: four scans of 5 MB.
    let mut dossier = complete_dossier();
    let mut files = Vec::new();
    for i in 0..4u8 {
        let mut scan = b"%PDF-1.7\n".to_vec();
        scan.resize(5 * 1024 * 1024, b'0' + i);
        dossier.applicants[0].answers.insert(
            format!("scan_{i}"),
            Answer::File(FileRef {
                sha256: sha256_hex(&scan),
                name: format!("scan-{i}.pdf"),
                media_type: MediaType::Pdf,
                size: scan.len() as u64,
                width: None,
                height: None,
            }),
        );
        files.push((sha256_hex(&scan), scan));
    }
    let big = sign(&manifest(dossier, created(), "en"), &key, &files);
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let v = verify(big.as_bytes(), known);
        times.push(t.elapsed());
        assert_eq!(v.outcome, Outcome::Valid, "{:?}", v.reasons);
    }
    times.sort();
    println!(
        "verify, 20 MB of attachments ({:.1} MB file): median {:.0} ms, slowest {:.0} ms",
        big.len() as f64 / 1e6,
        times[2].as_secs_f64() * 1e3,
        times[4].as_secs_f64() * 1e3
    );

    // Hostile input: deep, damaged, and wide (tests/support/hostile.rs).
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let cut = big.as_bytes()[..big.len() / 2].to_vec();
    let mut flipped = big.clone().into_bytes();
    let at = flipped.len() - 1000;
    flipped[at] ^= 1;
    // (name, bytes, words a reason must contain)
    let mut cases: Vec<(String, Vec<u8>, &str)> = vec![
        (
            "nested 10,000 deep".into(),
            deep.into_bytes(),
            "not a JSON object",
        ),
        ("20 MB bundle cut in half".into(), cut, "not JSON"),
        (
            "20 MB bundle with one bit flipped in an attachment".into(),
            flipped,
            "",
        ),
        (
            "not JSON".into(),
            b"\x00\x01\x02 binary".to_vec(),
            "not JSON",
        ),
    ];
    cases.extend(
        hostile::corpus()
            .into_iter()
            .map(|h| (h.name.to_string(), h.bytes, h.reason)),
    );
    let mut slowest = (Duration::ZERO, String::new());
    for (name, bytes, reason) in &cases {
        let t = Instant::now();
        let v = verify(bytes, known);
        let took = t.elapsed();
        assert_ne!(v.outcome, Outcome::Valid, "{name}");
        assert!(
            v.reasons.iter().any(|r| r.contains(reason)),
            "{name}: {:?}",
            v.reasons
        );
        println!(
            "hostile: {name} ({:.1} MB): {:.1} ms",
            bytes.len() as f64 / 1e6,
            took.as_secs_f64() * 1e3
        );
        if took > slowest.0 {
            slowest = (took, name.clone());
        }
    }
    println!(
        "hostile bundles: slowest answer {:.0} ms ({}); limit 1 s: {}",
        slowest.0.as_secs_f64() * 1e3,
        slowest.1,
        if slowest.0 < Duration::from_secs(1) {
            "PASS"
        } else {
            "OVER"
        }
    );
}
