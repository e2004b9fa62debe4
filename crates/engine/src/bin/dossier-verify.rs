//! `dossier-verify`: checks a signed bundle as a portal's server would.
//!
//!     dossier-verify [--rules DIR] [--key THUMBPRINT] [--json] BUNDLE
//!
//! BUNDLE is a file, or `-` for standard input. DIR is the rules folder the
//! bundle's form must come from (default: `rules`). THUMBPRINT, when given,
//! is the RFC 7638 thumbprint (base64url) of the key that must have signed
//! it. The report is plain text, or JSON with `--json`. Exit code: 0 valid, 1 invalid (every reason
//! listed), 2 unreadable input (or a usage or rules problem).

use dossier_engine::bundle::short_digest;
use dossier_engine::bundle::verify::{
    too_large, verify_with_key, KnownRules, Outcome, Verdict, MAX_BUNDLE_BYTES,
};
use dossier_engine::json::{self, Value};
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str =
    "usage: dossier-verify [--rules DIR] [--json] BUNDLE   (BUNDLE may be - for standard input)";

fn main() -> ExitCode {
    let mut rules = PathBuf::from("rules");
    let mut as_json = false;
    let mut expected_key = None;
    let mut bundle = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => as_json = true,
            "--key" => match args.next() {
                Some(k) => expected_key = Some(k),
                None => return usage("--key needs a thumbprint"),
            },
            "--rules" => match args.next() {
                Some(dir) => rules = PathBuf::from(dir),
                None => return usage("--rules needs a folder"),
            },
            "-h" | "--help" => {
                println!("{USAGE}\nExit code: 0 valid, 1 invalid, 2 unreadable.");
                return ExitCode::SUCCESS;
            }
            _ if bundle.is_none() && (arg == "-" || !arg.starts_with('-')) => bundle = Some(arg),
            _ => return usage(&format!("unexpected argument '{arg}'")),
        }
    }
    let Some(bundle) = bundle else {
        return usage("no bundle given");
    };
    let known = match KnownRules::load(&rules) {
        Ok(k) => k,
        Err(e) => {
            eprintln!("dossier-verify: {e}");
            return ExitCode::from(2);
        }
    };
    let verdict = match read_capped(&bundle) {
        Ok(bytes) => verify_with_key(&bytes, &known, expected_key.as_deref()),
        Err(reason) => Verdict {
            outcome: Outcome::Unreadable,
            reasons: vec![reason],
            key_thumbprint: None,
            summary: None,
        },
    };
    if as_json {
        println!("{}", report_json(&verdict));
    } else {
        print!("{}", report_text(&verdict));
    }
    ExitCode::from(verdict.outcome.exit_code() as u8)
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("dossier-verify: {problem}\n{USAGE}");
    ExitCode::from(2)
}

/// Reads at most one byte more than a bundle may be, so a huge file or an
/// endless pipe is refused without being read into memory.
fn read_capped(path: &str) -> Result<Vec<u8>, String> {
    let mut source: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin())
    } else {
        let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
        if let Ok(meta) = file.metadata() {
            if meta.len() > MAX_BUNDLE_BYTES {
                return Err(too_large(meta.len()));
            }
        }
        Box::new(file)
    };
    let mut bytes = Vec::new();
    source
        .by_ref()
        .take(MAX_BUNDLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{path}: {e}"))?;
    if bytes.len() as u64 > MAX_BUNDLE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn report_text(v: &Verdict) -> String {
    let mut out = String::new();
    let word = match v.outcome {
        Outcome::Valid => "VALID",
        Outcome::Invalid => "INVALID",
        Outcome::Unreadable => "UNREADABLE",
    };
    out.push_str(word);
    if let Some(s) = &v.summary {
        out.push_str(&format!(
            ": {} {}, signed {} in {}\n",
            s.form_id, s.form_version, s.created, s.language
        ));
        out.push_str(&format!(
            "  filled in by: {}; applicants: {}; warnings acknowledged: {}\n",
            s.filler_role, s.applicants, s.warnings_acknowledged
        ));
        if let Some(t) = &v.key_thumbprint {
            out.push_str(&format!("  key thumbprint (RFC 7638): {t}\n"));
        }
        out.push_str(&format!("  attachments: {}\n", s.attachments.len()));
        for (sha, name, mime, size) in &s.attachments {
            out.push_str(&format!(
                "    {}  {name}  {mime}  {size} bytes\n",
                short_digest(sha)
            ));
        }
    } else {
        out.push('\n');
    }
    if !v.reasons.is_empty() {
        out.push_str("Reasons:\n");
        for r in &v.reasons {
            out.push_str(&format!("  - {r}\n"));
        }
    }
    out
}

fn report_json(v: &Verdict) -> String {
    let text = |s: &str| json::string(s);
    let number = |n: u64| json::value(Value::Number(n as f64));
    let outcome = match v.outcome {
        Outcome::Valid => "valid",
        Outcome::Invalid => "invalid",
        Outcome::Unreadable => "unreadable",
    };
    let summary = match &v.summary {
        None => json::value(Value::Null),
        Some(s) => json::object(vec![
            ("form", text(&s.form_id)),
            ("version", text(&s.form_version)),
            ("created", text(&s.created)),
            ("language", text(&s.language)),
            ("filler_role", text(&s.filler_role)),
            ("applicants", number(s.applicants as u64)),
            (
                "warnings_acknowledged",
                number(s.warnings_acknowledged as u64),
            ),
            (
                "attachments",
                json::value(Value::Array(
                    s.attachments
                        .iter()
                        .map(|(sha, name, mime, size)| {
                            json::object(vec![
                                ("sha256", text(sha)),
                                ("name", text(name)),
                                ("type", text(mime)),
                                ("size", number(*size)),
                            ])
                        })
                        .collect(),
                )),
            ),
        ]),
    };
    let mut out = String::new();
    json::write(
        &mut out,
        &json::object(vec![
            (
                "valid",
                json::value(Value::Bool(v.outcome == Outcome::Valid)),
            ),
            ("outcome", text(outcome)),
            (
                "reasons",
                json::value(Value::Array(v.reasons.iter().map(|r| text(r)).collect())),
            ),
            (
                "key_thumbprint",
                v.key_thumbprint
                    .as_deref()
                    .map(text)
                    .unwrap_or(json::value(Value::Null)),
            ),
            ("summary", summary),
        ]),
    );
    out
}
