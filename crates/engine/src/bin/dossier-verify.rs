//! `dossier-verify`: checks a signed bundle as a portal's server would.
//!
//!     dossier-verify [--rules DIR] [--key THUMBPRINT] [--received TIME]
//!                    [--max-age DURATION] [--json] BUNDLE
//!
//! BUNDLE is a file, or `-` for standard input. DIR is the rules folder the
//! bundle's form must come from (default: `rules`). THUMBPRINT, when given,
//! is the RFC 7638 thumbprint (base64url) of the key that must have signed
//! it. TIME (RFC 3339) is when the portal received it (default: now); a
//! bundle signed after it, or longer before it than DURATION (`90s`,
//! `36h`, `30days`), is invalid. The report is plain text, or JSON with
//! `--json`. Exit code: 0 valid, 1 invalid (every reason listed), 2
//! unreadable input (or a usage or rules problem).

use chrono::{DateTime, FixedOffset, TimeDelta};
use dossier_engine::bundle::short_digest;
use dossier_engine::bundle::verify::{
    too_large, verify_with, KnownRules, Options, Outcome, Verdict, MAX_BUNDLE_BYTES,
};
use dossier_engine::expr::functions::parse_rfc3339;
use serde_json::json;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: dossier-verify [--rules DIR] [--key THUMBPRINT] [--received TIME] [--max-age DURATION] [--json] BUNDLE   (BUNDLE may be - for standard input)";

fn main() -> ExitCode {
    let mut rules = PathBuf::from("rules");
    let mut as_json = false;
    let mut expected_key = None;
    let mut received: Option<DateTime<FixedOffset>> = None;
    let mut max_age: Option<TimeDelta> = None;
    let mut bundle = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => as_json = true,
            "--key" => match args.next() {
                Some(k) => expected_key = Some(k),
                None => return usage("--key needs a thumbprint"),
            },
            "--received" => match args.next().as_deref().map(parse_rfc3339) {
                Some(Some(t)) => received = Some(t),
                _ => {
                    return usage(
                        "--received needs an RFC 3339 time, such as 2026-11-30T10:00:00+08:00",
                    )
                }
            },
            "--max-age" => match args.next().map(|d| humantime::parse_duration(&d)) {
                Some(Ok(d)) => match TimeDelta::from_std(d) {
                    Ok(d) => max_age = Some(d),
                    Err(_) => return usage("--max-age is too long"),
                },
                _ => return usage("--max-age needs a duration, such as 36h or 30days"),
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
        Ok(bytes) => verify_with(
            &bytes,
            &known,
            &Options {
                expected_key: expected_key.as_deref(),
                // The time of receipt is now, unless the portal says.
                received: Some(received.unwrap_or_else(|| {
                    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
                        .fixed_offset()
                })),
                max_age,
            },
        ),
        Err(reason) => Verdict {
            outcome: Outcome::Unreadable,
            reasons: vec![reason],
            key_thumbprint: None,
            summary: None,
            time: None,
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
    let outcome = match v.outcome {
        Outcome::Valid => "valid",
        Outcome::Invalid => "invalid",
        Outcome::Unreadable => "unreadable",
    };
    let summary = v.summary.as_ref().map(|s| {
        json!({
            "form": s.form_id,
            "version": s.form_version,
            "created": s.created,
            "language": s.language,
            "filler_role": s.filler_role,
            "applicants": s.applicants,
            "warnings_acknowledged": s.warnings_acknowledged,
            "attachments": s.attachments.iter().map(|(sha, name, mime, size)| json!({
                "sha256": sha,
                "name": name,
                "type": mime,
                "size": size,
            })).collect::<Vec<_>>(),
        })
    });
    json!({
        "valid": v.outcome == Outcome::Valid,
        "outcome": outcome,
        "reasons": v.reasons,
        "key_thumbprint": v.key_thumbprint,
        "time": v.time.as_ref().map(|t| t.to_string()),
        "summary": summary,
    })
    .to_string()
}
