//! `dossier-verify` as a portal's operator runs it: the exit code (0 valid,
//! 1 invalid, 2 unreadable), a readable summary, and a JSON report.

mod support;
use support::bundles::*;

use std::path::PathBuf;
use std::process::Command;

fn temp(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dossier-verify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier-verify"))
        .arg("--rules")
        .arg(rules_dir())
        .args(args)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn a_valid_bundle_exits_0_with_a_summary() {
    let m = manifest(complete_dossier(), created(), "zh-CN");
    let path = temp("valid.json", sign(&m, &signing_key(1), &[]).as_bytes());
    let (code, text) = run(&[path.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.starts_with(
            "VALID: temporary-residence 1.3.0, signed 2026-11-21T10:00:00+08:00 in zh-CN"
        ),
        "{text}"
    );
    assert!(text.contains("key thumbprint (RFC 7638): "), "{text}");

    let (code, text) = run(&["--json", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(report["valid"], true);
    assert_eq!(report["summary"]["form"], "temporary-residence");
    assert_eq!(report["reasons"].as_array().unwrap().len(), 0);
}

#[test]
fn an_invalid_bundle_exits_1_and_lists_every_reason() {
    let mut m = manifest(complete_dossier(), created(), "en");
    m.form_version = "0.9.0".into();
    m.declaration_texts = vec!["Something else".into()];
    let path = temp("invalid.json", sign(&m, &signing_key(1), &[]).as_bytes());
    let (code, text) = run(&["--json", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{text}");
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(report["outcome"], "invalid");
    assert!(!report["reasons"].as_array().unwrap().is_empty());

    let valid = temp(
        "valid-for-key.json",
        sign(
            &manifest(complete_dossier(), created(), "en"),
            &signing_key(1),
            &[],
        )
        .as_bytes(),
    );
    let (code, text) = run(&["--key", "not-this-one", valid.to_str().unwrap()]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("not by the expected key not-this-one"),
        "{text}"
    );
}

#[test]
fn unreadable_input_exits_2_even_when_huge() {
    let path = temp("not-json.json", b"PK\x03\x04 a zip file");
    let (code, text) = run(&[path.to_str().unwrap()]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("UNREADABLE"), "{text}");

    // 200 MB, refused from its size before anything is read.
    let huge = temp("huge.json", b"");
    std::fs::File::options()
        .write(true)
        .open(&huge)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let (code, text) = run(&[huge.to_str().unwrap()]);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("the file is 200 MB, more than the 64 MB a bundle may be"),
        "{text}"
    );
    std::fs::remove_file(&huge).unwrap();

    let (code, _) = run(&["/no/such/bundle.json"]);
    assert_eq!(code, 2);
    let (code, text) = run(&[]);
    assert_eq!(code, 2);
    assert!(text.contains("usage"), "{text}");
}
