//! How fast `dossier-verify`'s checks run natively, on one core:
//!
//! ```sh
//! cargo run --release -p dossier-engine --example bench_verify
//! ```
//!
//! Prints the throughput for a one-applicant bundle without attachments
//! (budget: at least 3,000 a second), the time to verify a bundle carrying
//! 20 MB of attachments, and the slowest of the hostile bundles the tests
//! use (each must be answered within a second). Asserts nothing about time.

#[path = "../tests/support/bundles.rs"]
mod bundles;

use bundles::*;
use dossier_engine::answers::{Answer, FileRef};
use dossier_engine::bundle::verify::{sha256_hex, verify, Outcome};
use dossier_engine::files::MediaType;
use std::hint::black_box;
use std::time::{Duration, Instant};

const BUDGET_PER_SECOND: f64 = 3_000.0;

fn main() {
    let known = known();
    let key = signing_key(1);

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
        for _ in 0..200 {
            black_box(verify(black_box(bundle.as_bytes()), known));
        }
        let started = Instant::now();
        let mut n = 0u32;
        while started.elapsed() < Duration::from_secs(3) {
            black_box(verify(black_box(bundle.as_bytes()), known));
            n += 1;
        }
        let per_second = f64::from(n) / started.elapsed().as_secs_f64();
        println!(
            "verify, 1 applicant, {what} ({} bytes): {per_second:.0} a second on one core, {:.0} µs each; budget at least {BUDGET_PER_SECOND:.0} a second: {}",
            bundle.len(),
            1e6 / per_second,
            if per_second >= BUDGET_PER_SECOND { "PASS" } else { "UNDER" }
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

    // Hostile input: the slowest answer.
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let cut = &big[..big.len() / 2];
    let mut flipped = big.clone().into_bytes();
    let at = flipped.len() - 1000;
    flipped[at] ^= 1;
    let cases: [(&str, &[u8]); 4] = [
        ("nested 10,000 deep", deep.as_bytes()),
        ("20 MB bundle cut in half", cut.as_bytes()),
        (
            "20 MB bundle with one bit flipped in an attachment",
            &flipped,
        ),
        ("not JSON", b"\x00\x01\x02 binary"),
    ];
    let mut slowest = (Duration::ZERO, "");
    for (name, bytes) in cases {
        let t = Instant::now();
        let v = verify(bytes, known);
        let took = t.elapsed();
        assert_ne!(v.outcome, Outcome::Valid);
        if took > slowest.0 {
            slowest = (took, name);
        }
    }
    println!(
        "hostile bundles: slowest answer {:.0} ms ({}); limit 1 s",
        slowest.0.as_secs_f64() * 1e3,
        slowest.1
    );
}
