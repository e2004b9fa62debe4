//! Hostile bundles that are wide, not only deep: a million keys in one
//! object, a hundred thousand applicants, issues or attachments, a string
//! of 60 MB. `tests/hostile.rs` checks that each is refused with a reason
//! and no panic; `examples/bench_verify.rs` prints how long each takes
//! (budget: under a second).

use super::bundles::*;
use dossier_engine::base64url;
use dossier_engine::bundle;
use serde_json::{json, Map, Value};

/// One hostile bundle: what it is, its bytes, and words the verifier's
/// reasons must contain.
pub struct Hostile {
    pub name: &'static str,
    pub bytes: Vec<u8>,
    pub reason: &'static str,
}

/// Where a big piece of raw JSON goes in a small document.
const HOLE: &str = "\u{0}hole";

/// `doc` as JSON text with the string [`HOLE`] replaced by `raw` (JSON
/// text): building the big pieces as text keeps the corpus quick to make.
fn filled(doc: &Value, raw: &str) -> String {
    let hole = serde_json::to_string(HOLE).unwrap();
    doc.to_string().replacen(&hole, raw, 1)
}

/// The complete filing's manifest as JSON, to be spoiled.
fn manifest_json() -> Value {
    let m = manifest(complete_dossier(), created(), "en");
    serde_json::from_str(&m.to_json_text()).unwrap()
}

/// A bundle whose payload is `payload` (JSON text), signed with a real
/// key, so that only the payload's contents can refuse it.
fn signed(payload: &str) -> Vec<u8> {
    let key = signing_key(7);
    let header = bundle::protected_header(&public_jwk(&key));
    let (protected, payload, signature) = sign_raw(&header, payload, &key);
    bundle::assemble(&protected, &payload, &signature, &[]).into_bytes()
}

/// A valid bundle's top level as JSON, to be spoiled.
fn top_level() -> Map<String, Value> {
    let text = String::from_utf8(signed(&manifest_json().to_string())).unwrap();
    match serde_json::from_str(&text).unwrap() {
        Value::Object(m) => m,
        _ => unreachable!(),
    }
}

/// `n` copies of `item(i)`, comma-separated.
fn many(n: usize, item: impl Fn(usize) -> String) -> String {
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&item(i));
    }
    out
}

fn keys(n: usize) -> String {
    many(n, |i| format!("\"k{i}\":\"x\""))
}

pub fn corpus() -> Vec<Hostile> {
    let mut out = Vec::new();

    let mut m = manifest_json();
    m["applicants"][0]["answers"] = json!(HOLE);
    out.push(Hostile {
        name: "1,000,000 keys in one applicant's answers",
        bytes: signed(&filled(&m, &format!("{{{}}}", keys(1_000_000)))),
        reason: "more than 1000 answers",
    });

    let mut top = top_level();
    top.insert("extra".into(), json!(HOLE));
    out.push(Hostile {
        name: "1,000,000 keys in the bundle's top level",
        bytes: filled(&Value::Object(top), &format!("1,{}", keys(1_000_000))).into_bytes(),
        reason: "members that are not part of the format",
    });

    let header = bundle::protected_header(&public_jwk(&signing_key(7)));
    let header = format!("{},{}}}", header.trim_end_matches('}'), keys(1_000_000));
    let mut top = top_level();
    top.insert(
        "protected".into(),
        json!(base64url::encode(header.as_bytes())),
    );
    out.push(Hostile {
        name: "1,000,000 keys in the protected header",
        bytes: Value::Object(top).to_string().into_bytes(),
        reason: "protected header is",
    });

    let mut m = manifest_json();
    m["applicants"] = json!(HOLE);
    out.push(Hostile {
        name: "100,000 applicants",
        bytes: signed(&filled(
            &m,
            &format!("[{}]", many(100_000, |_| r#"{"answers":{}}"#.into())),
        )),
        reason: "more than 200 applicants",
    });

    let mut m = manifest_json();
    m["precheck"]["issues"] = json!(HOLE);
    let issue = r#"{"applicant":0,"field":"surname","code":"surname.required","severity":"error","acknowledged":false}"#;
    out.push(Hostile {
        name: "100,000 issues",
        bytes: signed(&filled(
            &m,
            &format!("[{}]", many(100_000, |_| issue.into())),
        )),
        reason: "more than 10000 issues",
    });

    let mut top = top_level();
    top.insert("attachments".into(), json!(HOLE));
    let tiny = many(100_000, |i| format!("\"{i:064x}\":\"AA\""));
    out.push(Hostile {
        name: "100,000 tiny attachments",
        bytes: filled(&Value::Object(top), &format!("{{{tiny}}}")).into_bytes(),
        reason: "more than 2000 attachments",
    });

    let mut m = manifest_json();
    m["attachments"] = json!(HOLE);
    let listed = format!(
        r#"{{"sha256":"{}","name":"a.pdf","type":"application/pdf","size":1}}"#,
        "0".repeat(64)
    );
    out.push(Hostile {
        name: "100,000 attachments listed in the manifest",
        bytes: signed(&filled(
            &m,
            &format!("[{}]", many(100_000, |_| listed.clone())),
        )),
        reason: "more than 2000 attachments",
    });

    let huge = format!("\"{}\"", "A".repeat(60 * 1024 * 1024));
    let mut top = top_level();
    top.insert("signature".into(), json!(HOLE));
    out.push(Hostile {
        name: "a 60 MB signature",
        bytes: filled(&Value::Object(top), &huge).into_bytes(),
        reason: "signature is not",
    });

    let mut top = top_level();
    top.insert("attachments".into(), json!({ "0".repeat(64): HOLE }));
    out.push(Hostile {
        name: "a 60 MB attachment the manifest does not name",
        bytes: filled(&Value::Object(top), &huge).into_bytes(),
        reason: "does not name",
    });

    // 44 MB of text is 59 MB as base64url: the largest payload that fits.
    let mut m = manifest_json();
    m["applicants"][0]["answers"]["surname"] = json!(HOLE);
    out.push(Hostile {
        name: "a 44 MB answer (a 59 MB payload)",
        bytes: signed(&filled(
            &m,
            &format!("\"{}\"", "A".repeat(44 * 1024 * 1024)),
        )),
        reason: "more than the 8192 allowed",
    });

    out
}
