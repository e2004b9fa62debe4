//! The functions expressions may call: one table of overloads serves the
//! static checker and the evaluator, so the two cannot drift apart.

#[cfg(feature = "full-check")]
use super::value::Type;
use super::value::Value;
use super::Error;
use crate::calendar::Calendar;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeDelta};

/// What a parameter accepts.
#[derive(Clone, Copy)]
enum Param {
    Int,
    Double,
    String,
    Date,
    Timestamp,
    AnyList,
    AnyMap,
    /// Anything `string()` can print.
    Scalar,
}

#[derive(Clone, Copy, PartialEq)]
enum Style {
    /// `s.f(x)` only.
    Receiver,
    /// `f(x)` only.
    Global,
    /// Both `s.f()` and `f(s)`.
    Both,
}

struct Overload {
    name: &'static str,
    style: Style,
    /// With `Receiver`/`Both`, the first parameter is the receiver.
    params: &'static [Param],
    /// Read by the type checker only (a byte per overload in the browser).
    #[cfg_attr(not(feature = "full-check"), allow(dead_code))]
    result: Ret,
}

#[derive(Clone, Copy)]
enum Ret {
    Bool,
    Int,
    Double,
    String,
    Date,
    Timestamp,
    Duration,
}

use Param as P;

const OVERLOADS: &[Overload] = &[
    Overload {
        name: "size",
        style: Style::Both,
        params: &[P::String],
        result: Ret::Int,
    },
    Overload {
        name: "size",
        style: Style::Both,
        params: &[P::AnyList],
        result: Ret::Int,
    },
    Overload {
        name: "size",
        style: Style::Both,
        params: &[P::AnyMap],
        result: Ret::Int,
    },
    Overload {
        name: "startsWith",
        style: Style::Receiver,
        params: &[P::String, P::String],
        result: Ret::Bool,
    },
    Overload {
        name: "endsWith",
        style: Style::Receiver,
        params: &[P::String, P::String],
        result: Ret::Bool,
    },
    Overload {
        name: "contains",
        style: Style::Receiver,
        params: &[P::String, P::String],
        result: Ret::Bool,
    },
    Overload {
        name: "lowerAscii",
        style: Style::Receiver,
        params: &[P::String],
        result: Ret::String,
    },
    Overload {
        name: "upperAscii",
        style: Style::Receiver,
        params: &[P::String],
        result: Ret::String,
    },
    Overload {
        name: "trim",
        style: Style::Receiver,
        params: &[P::String],
        result: Ret::String,
    },
    Overload {
        name: "int",
        style: Style::Global,
        params: &[P::Int],
        result: Ret::Int,
    },
    Overload {
        name: "int",
        style: Style::Global,
        params: &[P::Double],
        result: Ret::Int,
    },
    Overload {
        name: "int",
        style: Style::Global,
        params: &[P::String],
        result: Ret::Int,
    },
    Overload {
        name: "double",
        style: Style::Global,
        params: &[P::Int],
        result: Ret::Double,
    },
    Overload {
        name: "double",
        style: Style::Global,
        params: &[P::Double],
        result: Ret::Double,
    },
    Overload {
        name: "double",
        style: Style::Global,
        params: &[P::String],
        result: Ret::Double,
    },
    Overload {
        name: "string",
        style: Style::Global,
        params: &[P::Scalar],
        result: Ret::String,
    },
    Overload {
        name: "timestamp",
        style: Style::Global,
        params: &[P::String],
        result: Ret::Timestamp,
    },
    Overload {
        name: "duration",
        style: Style::Global,
        params: &[P::String],
        result: Ret::Duration,
    },
    Overload {
        name: "date",
        style: Style::Global,
        params: &[P::String],
        result: Ret::Date,
    },
    Overload {
        name: "date",
        style: Style::Global,
        params: &[P::Timestamp],
        result: Ret::Date,
    },
    Overload {
        name: "age",
        style: Style::Global,
        params: &[P::Date, P::Date],
        result: Ret::Int,
    },
    Overload {
        name: "daysBetween",
        style: Style::Global,
        params: &[P::Date, P::Date],
        result: Ret::Int,
    },
    Overload {
        name: "addDays",
        style: Style::Global,
        params: &[P::Date, P::Int],
        result: Ret::Date,
    },
    Overload {
        name: "addWorkingDays",
        style: Style::Global,
        params: &[P::Date, P::Int],
        result: Ret::Date,
    },
    Overload {
        name: "workingDaysBetween",
        style: Style::Global,
        params: &[P::Date, P::Date],
        result: Ret::Int,
    },
];

impl Param {
    #[cfg(feature = "full-check")]
    fn accepts(self, t: &Type) -> bool {
        match (self, t) {
            (_, Type::Dyn) => true,
            (P::Int, Type::Int)
            | (P::Double, Type::Double)
            | (P::String, Type::String)
            | (P::Date, Type::Date)
            | (P::Timestamp, Type::Timestamp)
            | (P::AnyList, Type::List(_))
            | (P::AnyMap, Type::Map(_) | Type::Object(_)) => true,
            (P::Scalar, t) => !matches!(t, Type::List(_) | Type::Map(_) | Type::Object(_)),
            _ => false,
        }
    }

    fn accepts_value(self, v: &Value) -> bool {
        match self {
            P::Int => matches!(v, Value::Int(_)),
            P::Double => matches!(v, Value::Double(_)),
            P::String => matches!(v, Value::String(_)),
            P::Date => matches!(v, Value::Date(_)),
            P::Timestamp => matches!(v, Value::Timestamp(_)),
            P::AnyList => matches!(v, Value::List(_)),
            P::AnyMap => matches!(v, Value::Map(_)),
            P::Scalar => !matches!(v, Value::List(_) | Value::Map(_)),
        }
    }
}

impl Ret {
    #[cfg(feature = "full-check")]
    fn ty(self) -> Type {
        match self {
            Ret::Bool => Type::Bool,
            Ret::Int => Type::Int,
            Ret::Double => Type::Double,
            Ret::String => Type::String,
            Ret::Date => Type::Date,
            Ret::Timestamp => Type::Timestamp,
            Ret::Duration => Type::Duration,
        }
    }
}

/// Whether some function has this name.
pub fn exists(name: &str) -> bool {
    OVERLOADS.iter().any(|o| o.name == name)
}

fn style_fits(style: Style, receiver: bool) -> bool {
    match style {
        Style::Both => true,
        Style::Receiver => receiver,
        Style::Global => !receiver,
    }
}

#[cfg(feature = "full-check")]
fn describe_call(name: &str, receiver: bool, n: usize) -> String {
    if receiver {
        format!(
            "x.{name}() with {n} argument{}",
            if n == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{name}() with {n} argument{}",
            if n == 1 { "" } else { "s" }
        )
    }
}

/// Static check of a call; `args` includes the receiver first when there is one.
#[cfg(feature = "full-check")]
pub fn check_call(name: &str, receiver: bool, args: &[Type], column: usize) -> Result<Type, Error> {
    let by_name: Vec<&Overload> = OVERLOADS.iter().filter(|o| o.name == name).collect();
    if by_name.is_empty() {
        return Err(super::names::unknown_function(name, column));
    }
    let shaped: Vec<&&Overload> = by_name
        .iter()
        .filter(|o| style_fits(o.style, receiver) && o.params.len() == args.len())
        .collect();
    if shaped.is_empty() {
        let n = args.len() - usize::from(receiver);
        return Err(Error::check(
            column,
            format!(
                "'{name}' cannot be called as {}",
                describe_call(name, receiver, n)
            ),
        ));
    }
    let fitting: Vec<&&&Overload> = shaped
        .iter()
        .filter(|o| o.params.iter().zip(args).all(|(p, t)| p.accepts(t)))
        .collect();
    match fitting.as_slice() {
        [] => {
            let types: Vec<String> = args.iter().map(|t| t.to_string()).collect();
            Err(Error::check(
                column,
                format!("'{name}' does not accept ({})", types.join(", ")),
            ))
        }
        [one] => Ok(one.result.ty()),
        many => {
            let first = many[0].result.ty();
            if many.iter().all(|o| o.result.ty() == first) {
                Ok(first)
            } else {
                Ok(Type::Dyn)
            }
        }
    }
}

/// Evaluates a call whose arguments are already values (receiver first);
/// the working-day functions count with `cal`.
pub fn call(
    name: &str,
    receiver: bool,
    args: &[Value],
    column: usize,
    cal: &Calendar,
) -> Result<Value, Error> {
    let found = OVERLOADS.iter().find(|o| {
        o.name == name
            && style_fits(o.style, receiver)
            && o.params.len() == args.len()
            && o.params.iter().zip(args).all(|(p, v)| p.accepts_value(v))
    });
    if found.is_none() {
        let types: Vec<&str> = args.iter().map(Value::type_name).collect();
        return Err(Error::eval(
            column,
            format!("no overload of '{name}' for ({})", types.join(", ")),
        ));
    }
    let fail = |msg: String| Error::eval(column, msg);
    Ok(match (name, args) {
        ("size", [Value::String(s)]) => Value::Int(s.chars().count() as i64),
        ("size", [Value::List(l)]) => Value::Int(l.len() as i64),
        ("size", [Value::Map(m)]) => Value::Int(m.len() as i64),
        ("startsWith", [Value::String(s), Value::String(p)]) => {
            Value::Bool(s.starts_with(p.as_str()))
        }
        ("endsWith", [Value::String(s), Value::String(p)]) => Value::Bool(s.ends_with(p.as_str())),
        ("contains", [Value::String(s), Value::String(p)]) => Value::Bool(s.contains(p.as_str())),
        ("lowerAscii", [Value::String(s)]) => Value::String(s.to_ascii_lowercase()),
        ("upperAscii", [Value::String(s)]) => Value::String(s.to_ascii_uppercase()),
        ("trim", [Value::String(s)]) => Value::String(s.trim().to_string()),
        ("int", [Value::Int(i)]) => Value::Int(*i),
        ("int", [Value::Double(d)]) => {
            // i64::MAX as f64 rounds up to 2^63, which is already out of range.
            if d.is_nan() || *d >= 9_223_372_036_854_775_808.0 || *d < -9_223_372_036_854_775_808.0
            {
                return Err(fail(format!("{d} is out of the int range")));
            }
            Value::Int(d.trunc() as i64)
        }
        ("int", [Value::String(s)]) => Value::Int(
            s.parse::<i64>()
                .map_err(|_| fail(format!("'{s}' is not a whole number")))?,
        ),
        ("double", [Value::Int(i)]) => Value::Double(*i as f64),
        ("double", [Value::Double(d)]) => Value::Double(*d),
        ("double", [Value::String(s)]) => {
            Value::Double(read_double(s).ok_or_else(|| fail(format!("'{s}' is not a number")))?)
        }
        ("string", [v]) => Value::String(v.to_string()),
        ("timestamp", [Value::String(s)]) => Value::Timestamp(
            parse_rfc3339(s).ok_or_else(|| fail(format!("'{s}' is not an RFC 3339 timestamp")))?,
        ),
        ("duration", [Value::String(s)]) => Value::Duration(
            parse_duration(s)
                .ok_or_else(|| fail(format!("'{s}' is not a duration such as '24h' or '90m'")))?,
        ),
        ("date", [Value::String(s)]) => Value::Date(parse_date(s).map_err(fail)?),
        ("date", [Value::Timestamp(t)]) => Value::Date(beijing_date(t)),
        ("age", [Value::Date(born), Value::Date(at)]) => Value::Int(age(*born, *at)),
        ("daysBetween", [Value::Date(a), Value::Date(b)]) => Value::Int((*b - *a).num_days()),
        ("addDays", [Value::Date(d), Value::Int(n)]) => Value::Date(
            TimeDelta::try_days(*n)
                .and_then(|delta| d.checked_add_signed(delta))
                .ok_or_else(|| fail("the date is out of range".into()))?,
        ),
        ("addWorkingDays", [Value::Date(d), Value::Int(n)]) => Value::Date(
            cal.add_working_days(*d, *n)
                .map_err(|e| fail(e.to_string()))?,
        ),
        ("workingDaysBetween", [Value::Date(a), Value::Date(b)]) => Value::Int(
            cal.working_days_between(*a, *b)
                .map_err(|e| fail(e.to_string()))?,
        ),
        _ => {
            return Err(fail(format!(
                "'{name}' is not implemented for these arguments"
            )))
        }
    })
}

/// Beijing time: UTC+08:00 all year, no daylight saving.
pub fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| unreachable!("8 hours is a valid offset"))
}

pub fn beijing_date(t: &DateTime<FixedOffset>) -> NaiveDate {
    t.with_timezone(&beijing()).date_naive()
}

/// Strict `YYYY-MM-DD`; an impossible date is an error saying so.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    let well_formed = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !well_formed {
        return Err(format!("'{s}' is not a date in the form YYYY-MM-DD"));
    }
    let (y, m, d) = (
        s[0..4].parse().unwrap_or(0),
        s[5..7].parse().unwrap_or(0),
        s[8..10].parse().unwrap_or(0),
    );
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("'{s}' is not a real date"))
}

/// Whole years from `born` to `at`; a 29 February birthday falls on 1 March
/// in other years.
pub fn age(born: NaiveDate, at: NaiveDate) -> i64 {
    let mut years = i64::from(at.year()) - i64::from(born.year());
    if (at.month(), at.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    years
}

/// RFC 3339 (`2026-11-21T09:30:00Z`, `…T09:30:00.5+08:00`), parsed here
/// rather than by chrono's general parser, which costs about 10 KiB of wasm.
pub fn parse_rfc3339(s: &str) -> Option<DateTime<FixedOffset>> {
    if !s.is_ascii() || s.len() < 20 || !matches!(s.as_bytes()[10], b'T' | b't') {
        return None;
    }
    let date = parse_date(&s[..10]).ok()?;
    let rest = &s[11..];
    let two = |t: &str| {
        (t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten()
    };
    if rest.len() < 9 || &rest[2..3] != ":" || &rest[5..6] != ":" {
        return None;
    }
    let (h, m, sec) = (two(&rest[0..2])?, two(&rest[3..5])?, two(&rest[6..8])?);
    let mut rest = &rest[8..];
    let mut nanos = 0u32;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 9 {
            return None;
        }
        nanos = frac[..digits].parse::<u32>().ok()? * 10u32.pow(9 - digits as u32);
        rest = &frac[digits..];
    }
    let offset = match rest {
        "Z" | "z" => FixedOffset::east_opt(0)?,
        _ if rest.len() == 6 && &rest[3..4] == ":" => {
            let secs = i32::try_from(two(&rest[1..3])? * 3600 + two(&rest[4..6])? * 60).ok()?;
            match &rest[..1] {
                "+" => FixedOffset::east_opt(secs)?,
                "-" => FixedOffset::west_opt(secs)?,
                _ => return None,
            }
        }
        _ => return None,
    };
    let time = chrono::NaiveTime::from_hms_nano_opt(h, m, sec, nanos)?;
    date.and_time(time).and_local_timezone(offset).single()
}

/// `24h`, `1h30m`, `-90s`, `1.5h`, `250ms`: a sign, then number-unit pairs.
pub fn parse_duration(s: &str) -> Option<TimeDelta> {
    let (negative, mut rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    if rest.is_empty() {
        return None;
    }
    let mut total_nanos: i128 = 0;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_len == 0 {
            return None;
        }
        let number = read_double(&rest[..num_len])?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let nanos_per_unit: f64 = match &rest[..unit_len] {
            "h" => 3.6e12,
            "m" => 6e10,
            "s" => 1e9,
            "ms" => 1e6,
            "us" => 1e3,
            "ns" => 1.0,
            _ => return None,
        };
        rest = &rest[unit_len..];
        total_nanos += (number * nanos_per_unit).round() as i128;
    }
    // CEL limits durations to about ±10,000 years.
    if total_nanos > 315_576_000_000_000_000_000 {
        return None;
    }
    let nanos = i64::try_from(total_nanos).ok()?;
    let d = TimeDelta::nanoseconds(nanos);
    Some(if negative { -d } else { d })
}

/// A number written out (`2.5`, `-0.5`, `1e3`), read by serde_json's
/// number parser, which the app already carries for JSON: core's own
/// float reader costs the browser 13.5 KB gzip, mostly a table of powers
/// of five. The grammar is JSON's: no `+`, `.5`, `5.`, `inf` or `NaN`.
pub fn read_double(text: &str) -> Option<f64> {
    // serde_json would also accept white space around the number.
    if text.trim() != text {
        return None;
    }
    serde_json::from_str(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse() {
        assert_eq!(parse_duration("24h"), Some(TimeDelta::hours(24)));
        assert_eq!(parse_duration("1h30m"), Some(TimeDelta::minutes(90)));
        assert_eq!(parse_duration("-90s"), Some(TimeDelta::seconds(-90)));
        assert_eq!(parse_duration("1.5h"), Some(TimeDelta::minutes(90)));
        assert_eq!(parse_duration("h"), None);
        assert_eq!(parse_duration("10"), None);
        assert_eq!(parse_duration(""), None);
    }

    #[test]
    fn ages_count_whole_years() {
        let d = |s: &str| parse_date(s).unwrap();
        assert_eq!(age(d("2000-11-21"), d("2026-11-21")), 26);
        assert_eq!(age(d("2000-11-22"), d("2026-11-21")), 25);
        assert_eq!(age(d("2008-02-29"), d("2025-02-28")), 16);
        assert_eq!(age(d("2008-02-29"), d("2025-03-01")), 17);
    }

    #[test]
    fn impossible_dates_are_named() {
        assert!(parse_date("2025-02-29")
            .unwrap_err()
            .contains("not a real date"));
        assert!(parse_date("2024-02-29").is_ok());
        assert!(parse_date("2025-2-3").unwrap_err().contains("YYYY-MM-DD"));
    }
}
