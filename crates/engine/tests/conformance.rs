//! The expression conformance suite: every case of `tests/conformance/*.json`
//! (at the repository root) runs through Dossier's interpreter and, when it
//! lies in plain CEL (`"cel": true`), through the `cel` crate as an oracle.
//!
//! A case file is `{"cases": [ … ]}`; a case is
//!
//! ```json
//! {"name": "int addition", "expr": "1 + 2", "vars": {"x": 3},
//!  "expect": {"value": 3}, "cel": true}
//! ```
//!
//! - `vars` (optional): variables, JSON-encoded; their static types are
//!   inferred from the values with `Type::of_value`.
//! - `expect`: exactly one of `{"value": V}`, `{"error": "text"}` (compiles,
//!   then evaluation fails with a message containing the text, ignoring
//!   case) or `{"check_error": "text"}` (parsing or the static check rejects
//!   it, with a message containing the text).
//! - `cel`: true when the case uses no date extension, so the `cel` crate
//!   must agree with us: the same value, or both fail.
//! - `cel_differs` (optional): why the `cel` crate is known to disagree with
//!   the documented behaviour; only the comparison with the oracle is skipped.
//!
//! Cases count working days with the calendar of `rules/calendar/`
//! (2024 to 2026 published).
//!
//! Values in JSON: null, booleans and strings as themselves; an integer is an
//! `int`, a number with a fraction or an exponent a `double`; arrays are
//! lists, objects maps; `{"$date": "2024-02-29"}`,
//! `{"$timestamp": "2026-11-21T09:30:00+08:00"}` and `{"$duration": "86400s"}`
//! are the special types.
//!
//! All failures are collected and reported together. Set
//! `CONFORMANCE_VERBOSE=1` to print what every case gave.

use dossier_engine::expr::{self, Type, TypeEnv, Value, Vars};

// ---------------------------------------------------------------------------
// Case files
// ---------------------------------------------------------------------------

/// What a case expects.
#[derive(Clone, Debug)]
enum Expect {
    /// Compiles, evaluates, and the result equals this value.
    Value(Value),
    /// Compiles, but evaluation fails with a message containing this text.
    Error(String),
    /// Parsing or the static check rejects it, with a message containing this text.
    CheckError(String),
}

#[derive(Clone, Debug)]
struct Case {
    file: String,
    name: String,
    expr: String,
    vars: Vec<(String, Value)>,
    expect: Expect,
    cel: bool,
    cel_differs: Option<String>,
}

fn conformance_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance")
}

/// Reads every `*.json` file of the conformance directory, in name order.
fn load_cases() -> Result<Vec<Case>, String> {
    let dir = conformance_dir();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("reading {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("no case files in {}", dir.display()));
    }
    let mut cases = Vec::new();
    for path in paths {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("reading {}: {e}", path.display()))?;
        let doc: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{file}: invalid JSON: {e}"))?;
        let list = doc
            .get("cases")
            .and_then(|cases| cases.as_array())
            .ok_or_else(|| format!("{file}: no \"cases\" array"))?;
        for (index, raw) in list.iter().enumerate() {
            let case = parse_case(&file, raw).map_err(|e| format!("{file} case #{index}: {e}"))?;
            cases.push(case);
        }
    }
    Ok(cases)
}

fn parse_case(file: &str, raw: &serde_json::Value) -> Result<Case, String> {
    let obj = raw.as_object().ok_or("a case must be an object")?;
    for key in obj.keys() {
        if !["name", "expr", "vars", "expect", "cel", "cel_differs"].contains(&key.as_str()) {
            return Err(format!("unknown key {key:?}"));
        }
    }
    let name = obj
        .get("name")
        .and_then(|v| v.as_str())
        .ok_or("\"name\" must be a string")?
        .to_owned();
    let expr = obj
        .get("expr")
        .and_then(|v| v.as_str())
        .ok_or_else(|| format!("{name}: \"expr\" must be a string"))?
        .to_owned();
    let cel = obj
        .get("cel")
        .and_then(|v| v.as_bool())
        .ok_or_else(|| format!("{name}: \"cel\" must be a boolean"))?;
    let cel_differs = match obj.get("cel_differs") {
        None => None,
        Some(v) => Some(
            v.as_str()
                .ok_or_else(|| format!("{name}: \"cel_differs\" must be a string"))?
                .to_owned(),
        ),
    };
    let mut vars = Vec::new();
    if let Some(raw_vars) = obj.get("vars") {
        let raw_vars = raw_vars
            .as_object()
            .ok_or_else(|| format!("{name}: \"vars\" must be an object"))?;
        for (var, value) in raw_vars {
            let value = json_to_value(value).map_err(|e| format!("{name}: var {var}: {e}"))?;
            vars.push((var.clone(), value));
        }
    }
    let expect = obj
        .get("expect")
        .and_then(|v| v.as_object())
        .ok_or_else(|| format!("{name}: \"expect\" must be an object"))?;
    if expect.len() != 1 {
        return Err(format!("{name}: \"expect\" must have exactly one key"));
    }
    let (kind, payload) = expect.iter().next().unwrap();
    let expect = match kind.as_str() {
        "value" => Expect::Value(json_to_value(payload).map_err(|e| format!("{name}: {e}"))?),
        "error" | "check_error" => {
            let text = payload
                .as_str()
                .ok_or_else(|| format!("{name}: \"{kind}\" must be a string"))?
                .to_owned();
            if kind == "error" {
                Expect::Error(text)
            } else {
                Expect::CheckError(text)
            }
        }
        other => return Err(format!("{name}: unknown expectation {other:?}")),
    };
    Ok(Case {
        file: file.to_owned(),
        name,
        expr,
        vars,
        expect,
        cel,
        cel_differs,
    })
}

/// Problems with a case itself, whatever the interpreters say: a case marked
/// `cel: true` must not use the date extension.
fn lint_case(case: &Case) -> Option<String> {
    if !case.cel {
        if case.cel_differs.is_some() {
            return Some("\"cel_differs\" on a case that is not cel: true".to_owned());
        }
        return None;
    }
    for word in [
        "date(",
        "age(",
        "daysBetween(",
        "addDays(",
        "today",
        "$date",
    ] {
        if case.expr.contains(word) {
            return Some(format!("cel: true, but the expression uses `{word}`"));
        }
    }
    let mut uses_date = false;
    for (_, value) in &case.vars {
        uses_date |= contains_date(value);
    }
    if let Expect::Value(value) = &case.expect {
        uses_date |= contains_date(value);
    }
    if uses_date {
        return Some("cel: true, but a value is a date".to_owned());
    }
    None
}

fn contains_date(value: &Value) -> bool {
    match value {
        Value::Date(_) => true,
        Value::List(items) => items.iter().any(contains_date),
        Value::Map(entries) => entries.values().any(contains_date),
        _ => false,
    }
}

// ---------------------------------------------------------------------------
// JSON encoding of values
// ---------------------------------------------------------------------------

/// A JSON integer is an int, a JSON number with a fraction or an exponent a
/// double; `{"$date": …}`, `{"$timestamp": …}` and `{"$duration": …}` are the
/// special types; any other object is a map.
fn json_to_value(json: &serde_json::Value) -> Result<Value, String> {
    use serde_json::Value as J;
    Ok(match json {
        J::Null => Value::Null,
        J::Bool(b) => Value::Bool(*b),
        J::Number(n) => {
            let text = n.to_string();
            if text.contains(['.', 'e', 'E']) {
                Value::Double(n.as_f64().ok_or_else(|| format!("bad double {text}"))?)
            } else {
                Value::Int(
                    n.as_i64()
                        .ok_or_else(|| format!("int out of range: {text}"))?,
                )
            }
        }
        J::String(s) => Value::String(s.clone()),
        J::Array(items) => Value::List(items.iter().map(json_to_value).collect::<Result<_, _>>()?),
        J::Object(entries) => {
            if entries.len() == 1 {
                let (key, payload) = entries.iter().next().unwrap();
                if key.starts_with('$') {
                    let text = payload
                        .as_str()
                        .ok_or_else(|| format!("{key} takes a string"))?;
                    return match key.as_str() {
                        "$date" => chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                            .map(Value::Date)
                            .map_err(|e| format!("bad $date {text:?}: {e}")),
                        "$timestamp" => chrono::DateTime::parse_from_rfc3339(text)
                            .map(Value::Timestamp)
                            .map_err(|e| format!("bad $timestamp {text:?}: {e}")),
                        "$duration" => parse_duration(text)
                            .map(Value::Duration)
                            .ok_or_else(|| format!("bad $duration {text:?}")),
                        other => Err(format!("unknown special type {other}")),
                    };
                }
            }
            let mut map = std::collections::BTreeMap::new();
            for (key, value) in entries {
                map.insert(key.clone(), json_to_value(value)?);
            }
            Value::Map(map)
        }
    })
}

/// A duration as CEL writes it: an optional sign, then one or more decimal
/// numbers each followed by a unit (`h`, `m`, `s`, `ms`, `us`, `ns`).
fn parse_duration(text: &str) -> Option<chrono::TimeDelta> {
    let (negative, mut rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if rest.is_empty() {
        return None;
    }
    let mut nanos: i128 = 0;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number = &rest[..number_len];
        rest = &rest[number_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let scale: i128 = match unit {
            "h" => 3_600_000_000_000,
            "m" => 60_000_000_000,
            "s" => 1_000_000_000,
            "ms" => 1_000_000,
            "us" => 1_000,
            "ns" => 1,
            _ => return None,
        };
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        if whole.is_empty() && fraction.is_empty() {
            return None;
        }
        let whole: i128 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        nanos += whole * scale;
        let mut place = scale;
        for digit in fraction.chars() {
            place /= 10;
            nanos += i128::from(digit.to_digit(10)?) * place;
        }
    }
    if negative {
        nanos = -nanos;
    }
    Some(chrono::TimeDelta::nanoseconds(i64::try_from(nanos).ok()?))
}

// ---------------------------------------------------------------------------
// Comparing and printing values
// ---------------------------------------------------------------------------

/// Structural equality: same variant, doubles exactly equal (NaN never),
/// timestamps as instants.
fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Double(x), Value::Double(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| values_equal(x, y))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, value)| y.get(key).is_some_and(|other| values_equal(value, other)))
        }
        (Value::Date(x), Value::Date(y)) => x == y,
        (Value::Timestamp(x), Value::Timestamp(y)) => x == y,
        (Value::Duration(x), Value::Duration(y)) => x == y,
        _ => false,
    }
}

fn show(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Double(d) => format!("{d:?} (double)"),
        Value::String(s) => format!("{s:?}"),
        Value::List(items) => {
            let items: Vec<_> = items.iter().map(show).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Map(entries) => {
            let entries: Vec<_> = entries
                .iter()
                .map(|(key, value)| format!("{key:?}: {}", show(value)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        Value::Date(d) => format!("date({d})"),
        Value::Timestamp(t) => format!("timestamp({})", t.to_rfc3339()),
        Value::Duration(d) => format!("duration({d})"),
    }
}

fn show_result(result: &Result<Value, String>) -> String {
    match result {
        Ok(value) => show(value),
        Err(message) => format!("error: {message}"),
    }
}

// ---------------------------------------------------------------------------
// The oracle: the `cel` crate
// ---------------------------------------------------------------------------

fn to_cel(value: &Value) -> Result<cel::Value, String> {
    Ok(match value {
        Value::Null => cel::Value::Null,
        Value::Bool(b) => cel::Value::Bool(*b),
        Value::Int(i) => cel::Value::Int(*i),
        Value::Double(d) => cel::Value::Float(*d),
        Value::String(s) => cel::Value::String(std::sync::Arc::new(s.clone())),
        Value::List(items) => cel::Value::List(std::sync::Arc::new(
            items.iter().map(to_cel).collect::<Result<_, _>>()?,
        )),
        Value::Map(entries) => {
            let mut map = std::collections::HashMap::new();
            for (key, value) in entries {
                map.insert(
                    cel::objects::Key::String(std::sync::Arc::new(key.clone())),
                    to_cel(value)?,
                );
            }
            cel::Value::Map(cel::objects::Map::from(map))
        }
        Value::Date(_) => return Err("the cel crate has no date type".to_owned()),
        Value::Timestamp(t) => cel::Value::Timestamp(*t),
        Value::Duration(d) => cel::Value::Duration(*d),
    })
}

fn from_cel(value: &cel::Value) -> Result<Value, String> {
    Ok(match value {
        cel::Value::Null => Value::Null,
        cel::Value::Bool(b) => Value::Bool(*b),
        cel::Value::Int(i) => Value::Int(*i),
        cel::Value::Float(d) => Value::Double(*d),
        cel::Value::String(s) => Value::String(s.as_str().to_owned()),
        cel::Value::List(items) => {
            Value::List(items.iter().map(from_cel).collect::<Result<_, _>>()?)
        }
        cel::Value::Map(map) => {
            let mut entries = std::collections::BTreeMap::new();
            for (key, value) in map.map.iter() {
                let cel::objects::Key::String(key) = key else {
                    return Err(format!("map key {key:?} is not a string"));
                };
                entries.insert(key.as_str().to_owned(), from_cel(value)?);
            }
            Value::Map(entries)
        }
        cel::Value::Timestamp(t) => Value::Timestamp(*t),
        cel::Value::Duration(d) => Value::Duration(*d),
        other => return Err(format!("a value outside the subset: {other:?}")),
    })
}

/// The oracle's environment: the standard library plus the strings extension
/// (`lowerAscii`, `upperAscii`, `trim`).
fn cel_env() -> std::sync::Arc<cel::Env> {
    let mut env = cel::Env::stdlib();
    env.add_extension(cel::extensions::strings)
        .expect("the strings extension registers");
    std::sync::Arc::new(env)
}

/// Evaluates `expr` with the `cel` crate. A parse error, an evaluation error,
/// a panic and a result outside the subset all count as errors.
fn eval_cel(
    env: &std::sync::Arc<cel::Env>,
    expr: &str,
    vars: &[(String, Value)],
) -> Result<Value, String> {
    let mut cel_vars = Vec::new();
    for (name, value) in vars {
        cel_vars.push((name.clone(), to_cel(value)?));
    }
    // The cel crate may panic on odd input; that counts as an error.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        let program = env.compile(expr).map_err(|e| format!("parse: {e}"))?;
        let mut context = cel::Context::with_env(std::sync::Arc::clone(env));
        for (name, value) in cel_vars {
            context.add_variable_from_value(name, value);
        }
        let value = program.execute(&context).map_err(|e| e.to_string())?;
        from_cel(&value)
    }))
    .unwrap_or_else(|_| Err("the cel crate panicked".to_owned()))
}

// ---------------------------------------------------------------------------
// Dossier's interpreter
// ---------------------------------------------------------------------------

/// What our interpreter made of a case.
enum Outcome {
    Value(Value),
    /// Evaluation failed.
    EvalError(String),
    /// Parsing or the static check failed.
    CheckError(String),
}

/// The working-day calendar the shipped rules carry (`rules/calendar/`).
fn calendar() -> &'static dossier_engine::calendar::Calendar {
    static CAL: std::sync::OnceLock<dossier_engine::calendar::Calendar> =
        std::sync::OnceLock::new();
    CAL.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules/calendar");
        let mut cal = dossier_engine::calendar::Calendar::default();
        for year in [2024, 2025, 2026] {
            let text = std::fs::read_to_string(dir.join(format!("{year}.json"))).unwrap();
            cal.add_year(&text).unwrap();
        }
        cal
    })
}

fn run_ours(case: &Case) -> Outcome {
    let mut env = TypeEnv::new();
    let mut vars = Vars::new();
    for (name, value) in &case.vars {
        env.declare(name, Type::of_value(value));
        vars.insert(name.clone(), value.clone());
    }
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let program = match expr::compile(&case.expr, &env) {
            Ok(program) => program,
            Err(e) => return Outcome::CheckError(format!("{} (column {})", e.message, e.column)),
        };
        match program.eval_in(&vars, calendar()) {
            Ok(value) => Outcome::Value(value),
            Err(e) => Outcome::EvalError(format!("{} (column {})", e.message, e.column)),
        }
    }));
    run.unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        Outcome::EvalError(format!("PANIC: {message}"))
    })
}

fn show_outcome(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Value(value) => show(value),
        Outcome::EvalError(message) => format!("evaluation error: {message}"),
        Outcome::CheckError(message) => format!("check error: {message}"),
    }
}

fn show_expect(expect: &Expect) -> String {
    match expect {
        Expect::Value(value) => show(value),
        Expect::Error(text) => format!("evaluation error containing {text:?}"),
        Expect::CheckError(text) => format!("check error containing {text:?}"),
    }
}

fn contains_ignoring_case(message: &str, text: &str) -> bool {
    message.to_lowercase().contains(&text.to_lowercase())
}

fn meets(expect: &Expect, outcome: &Outcome) -> bool {
    match (expect, outcome) {
        (Expect::Value(want), Outcome::Value(got)) => values_equal(want, got),
        (Expect::Error(text), Outcome::EvalError(message)) => {
            !message.starts_with("PANIC") && contains_ignoring_case(message, text)
        }
        (Expect::CheckError(text), Outcome::CheckError(message)) => {
            contains_ignoring_case(message, text)
        }
        _ => false,
    }
}

/// Whether a result of the `cel` crate matches what the case expects, with
/// any error standing for both kinds (the `cel` crate checks no types).
fn oracle_meets(expect: &Expect, oracle: &Result<Value, String>) -> bool {
    match (expect, oracle) {
        (Expect::Value(want), Ok(got)) => values_equal(want, got),
        (Expect::Value(_), Err(_)) | (_, Ok(_)) => false,
        (_, Err(_)) => true,
    }
}

// ---------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------

#[test]
fn conformance() {
    let cases = load_cases().unwrap_or_else(|e| panic!("conformance cases: {e}"));
    let oracle_env = cel_env();
    let mut failures = Vec::new();
    let mut names = std::collections::BTreeSet::new();
    let mut cel_cases = 0;
    // CONFORMANCE_VERBOSE=1 prints what every case gave, passing or not.
    let verbose = std::env::var_os("CONFORMANCE_VERBOSE").is_some();

    for case in &cases {
        let mut problems = Vec::new();
        if !names.insert(case.name.as_str()) {
            problems.push("another case has the same name".to_owned());
        }
        if let Some(problem) = lint_case(case) {
            problems.push(problem);
        }

        let outcome = run_ours(case);
        if verbose {
            eprintln!(
                "{} / {}: `{}` => {}",
                case.file,
                case.name,
                case.expr,
                show_outcome(&outcome)
            );
        }
        if !meets(&case.expect, &outcome) {
            problems.push(format!(
                "expected {}, got {}",
                show_expect(&case.expect),
                show_outcome(&outcome)
            ));
        }

        if case.cel {
            cel_cases += 1;
            let oracle = eval_cel(&oracle_env, &case.expr, &case.vars);
            match &case.cel_differs {
                None => {
                    let agree = match (&outcome, &oracle) {
                        (Outcome::Value(ours), Ok(theirs)) => values_equal(ours, theirs),
                        (Outcome::EvalError(_) | Outcome::CheckError(_), Err(_)) => true,
                        _ => false,
                    };
                    if !agree {
                        problems.push(format!(
                            "the cel crate disagrees: it gives {}, we give {}",
                            show_result(&oracle),
                            show_outcome(&outcome)
                        ));
                    }
                }
                Some(reason) => {
                    if oracle_meets(&case.expect, &oracle) {
                        problems.push(format!(
                            "marked cel_differs ({reason}), but the cel crate gives the expected {}: drop the marker",
                            show_result(&oracle)
                        ));
                    }
                }
            }
        }

        if !problems.is_empty() {
            failures.push(format!(
                "{} / {}\n    expr: {}\n    {}",
                case.file,
                case.name,
                case.expr.replace('\n', "\\n"),
                problems.join("\n    ")
            ));
        }
    }

    eprintln!(
        "conformance: {} cases ({} also checked against the cel crate), {} failing",
        cases.len(),
        cel_cases,
        failures.len()
    );
    assert!(cases.len() >= 150, "only {} conformance cases", cases.len());
    assert!(
        cel_cases >= 100,
        "only {cel_cases} conformance cases are cel: true"
    );
    assert!(
        failures.is_empty(),
        "{} of {} conformance cases failed:\n\n{}\n",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
