//! Bad input never panics: bounded random inputs (a fixed seed, so a
//! failure reproduces) for everything that reads outside data.

use dossier_engine::answers::{Answer, DateParts, Dossier};
use dossier_engine::expr::{self, Type, TypeEnv, Value, Vars};
use dossier_engine::rules::{load_dir, read};
use dossier_engine::validate::{validate, Clock};
use std::path::Path;

mod support;
use support::Rng;

const JSON_PIECES: &[&str] = &[
    "{", "}", "[", "]", ",", ":", "\"", "\"a\"", "1", "-", ".", "e", "0", "true", "null", "\\",
    "\\u", "d83d", " ", "\n", "é", "名", "\u{0}", "\"k\":", "[1,", "{\"x\":",
];

#[test]
fn reading_random_json_as_rules_or_a_dossier_never_panics() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for _ in 0..20_000 {
        let len = rng.below(40);
        let text = rng.text(JSON_PIECES, len);
        let _ = read::form("f.json", &text);
        let _ = serde_json::from_str::<Dossier>(&text);
    }
}

#[test]
fn a_truncated_or_mutated_form_file_gives_an_error_not_a_panic() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../rules/forms/temporary-residence.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut rng = Rng(0x5eed_1234_abcd_0002);
    for _ in 0..300 {
        // Cut it short, or overwrite a byte with something JSON cares about.
        let mut bytes = text.as_bytes().to_vec();
        if rng.below(2) == 0 {
            bytes.truncate(rng.below(bytes.len()));
        } else {
            let at = rng.below(bytes.len());
            let replacements = b"{}[],:\"0a ";
            bytes[at] = replacements[rng.below(replacements.len())];
        }
        let mutated = String::from_utf8_lossy(&bytes);
        let _ = read::form("forms/temporary-residence.json", &mutated);
    }
}

const EXPR_PIECES: &[&str] = &[
    "1",
    "0",
    "-",
    "+",
    "*",
    "/",
    "%",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "?",
    "!",
    "&&",
    "||",
    "==",
    "<",
    ">=",
    " in ",
    ".",
    "x",
    "m",
    "s",
    "l",
    "d",
    "t",
    "size",
    "has",
    "matches",
    "'a'",
    "r'[a-'",
    "'^\\\\d+$'",
    "date",
    "age",
    "addDays",
    "daysBetween",
    "timestamp",
    "duration",
    "'24h'",
    "'2024-02-30'",
    "int",
    "double",
    "string",
    "9223372036854775807",
    "1.5e308",
    "\"",
    "\\",
    "null",
    "true",
    "🙂",
];

#[test]
fn expressions_never_panic_when_compiled_or_evaluated() {
    let mut env = TypeEnv::new();
    let mut vars = Vars::new();
    for (name, value) in [
        ("x", Value::Int(i64::MAX)),
        ("s", Value::String("日本".into())),
        (
            "l",
            Value::List(vec![Value::Int(1), Value::Double(f64::NAN)]),
        ),
        (
            "d",
            Value::Date(chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()),
        ),
        (
            "m",
            Value::Map([("a".to_string(), Value::Null)].into_iter().collect()),
        ),
    ] {
        env.declare(name, Type::of_value(&value));
        vars.insert(name.into(), value);
    }
    env.declare("t", Type::Dyn);
    vars.insert("t".into(), Value::Bool(true));
    let mut rng = Rng(0x5eed_1234_abcd_0003);
    let mut evaluated = 0;
    for _ in 0..20_000 {
        let len = 1 + rng.below(12);
        let src = rng.text(EXPR_PIECES, len);
        if let Ok(p) = expr::compile(&src, &env) {
            let _ = p.eval(&vars);
            evaluated += 1;
        }
    }
    assert!(
        evaluated > 500,
        "the generator should also produce valid expressions ({evaluated})"
    );
}

const ANSWER_PIECES: &[&str] = &[
    "a", "Z", "1", "9", " ", "-", "'", "’", "+86", "138", "\u{200B}", "\u{202E}", "\t", "名", "·",
    "Ü", "X", "x", "０", "１", "\u{3000}", "31", "2", "2025", "00", ":", "24:00", "",
];

#[test]
fn any_answers_validate_without_panicking() {
    let set = load_dir(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../rules"
    )))
    .unwrap();
    let form = set.form("temporary-residence").unwrap();
    let fields: Vec<_> = form.def.pages.iter().flat_map(|p| &p.fields).collect();
    let clock =
        Clock::at(chrono::DateTime::parse_from_rfc3339("2026-11-21T10:00:00+08:00").unwrap());
    let mut rng = Rng(0x5eed_1234_abcd_0004);
    for _ in 0..500 {
        let mut dossier = Dossier::for_one();
        for f in &fields {
            if rng.below(3) == 0 {
                continue;
            }
            let piece = |rng: &mut Rng| {
                let len = rng.below(8);
                rng.text(ANSWER_PIECES, len)
            };
            let answer = if rng.below(4) == 0 {
                Answer::Date(DateParts {
                    day: piece(&mut rng),
                    month: piece(&mut rng),
                    year: piece(&mut rng),
                    time: Some(piece(&mut rng)),
                })
            } else if let Some(o) = f.options.get(rng.below(f.options.len() + 1)) {
                Answer::Text(o.value.clone())
            } else {
                Answer::Text(piece(&mut rng))
            };
            dossier.applicants[0].answers.insert(f.id.clone(), answer);
        }
        let _ = validate(form, &dossier, clock);
    }
}
