//! Runtime values and static types of the expression language.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeDelta, Timelike};
use std::collections::BTreeMap;
use std::fmt;

/// A value an expression works on or produces.
#[derive(Debug, Clone)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Double(f64),
    String(String),
    List(Vec<Value>),
    Map(BTreeMap<String, Value>),
    Date(NaiveDate),
    Timestamp(DateTime<FixedOffset>),
    Duration(TimeDelta),
}

/// A static type, as the checker sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    Bool,
    Int,
    Double,
    String,
    Null,
    Date,
    Timestamp,
    Duration,
    List(Box<Type>),
    Map(Box<Type>),
    /// A record with known fields, such as `answers`: selecting any other
    /// field is a static error.
    Object(ObjectType),
    /// Unknown until run time.
    Dyn,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ObjectType {
    /// How messages name it: `answers`, `calc`, `filler`.
    pub name: String,
    pub fields: BTreeMap<String, Type>,
}

impl ObjectType {
    pub fn field(&self, name: &str) -> Option<&Type> {
        self.fields.get(name)
    }
}

impl Value {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Double(_) => "double",
            Value::String(_) => "string",
            Value::List(_) => "list",
            Value::Map(_) => "map",
            Value::Date(_) => "date",
            Value::Timestamp(_) => "timestamp",
            Value::Duration(_) => "duration",
        }
    }

    /// CEL equality: values of different types are unequal, except int and
    /// double, which compare as numbers; NaN equals nothing.
    pub fn cel_eq(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Null, Null) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Double(a), Double(b)) => a == b,
            (Int(a), Double(b)) | (Double(b), Int(a)) => (*a as f64) == *b,
            (String(a), String(b)) => a == b,
            (List(a), List(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.cel_eq(y)),
            (Map(a), Map(b)) => {
                a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| v.cel_eq(w)))
            }
            (Date(a), Date(b)) => a == b,
            (Timestamp(a), Timestamp(b)) => a == b,
            (Duration(a), Duration(b)) => a == b,
            _ => false,
        }
    }
}

impl Type {
    /// The most precise static type of a value; used to declare variables
    /// from sample data (tests, the conformance suite).
    pub fn of_value(v: &Value) -> Type {
        match v {
            Value::Null => Type::Null,
            Value::Bool(_) => Type::Bool,
            Value::Int(_) => Type::Int,
            Value::Double(_) => Type::Double,
            Value::String(_) => Type::String,
            Value::Date(_) => Type::Date,
            Value::Timestamp(_) => Type::Timestamp,
            Value::Duration(_) => Type::Duration,
            Value::List(items) => {
                Type::List(Box::new(Type::common(items.iter().map(Type::of_value))))
            }
            Value::Map(m) => Type::Map(Box::new(Type::common(m.values().map(Type::of_value)))),
        }
    }

    /// The one type all of these share, or `dyn` when they differ (or none).
    pub fn common(mut types: impl Iterator<Item = Type>) -> Type {
        let Some(first) = types.next() else {
            return Type::Dyn;
        };
        let mut acc = first;
        for t in types {
            acc = match (acc, t) {
                (a, b) if a == b => a,
                (Type::Null, b) | (b, Type::Null) => b,
                _ => return Type::Dyn,
            };
        }
        acc
    }

    pub fn is_dyn(&self) -> bool {
        matches!(self, Type::Dyn)
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Bool => f.write_str("bool"),
            Type::Int => f.write_str("int"),
            Type::Double => f.write_str("double"),
            Type::String => f.write_str("string"),
            Type::Null => f.write_str("null"),
            Type::Date => f.write_str("date"),
            Type::Timestamp => f.write_str("timestamp"),
            Type::Duration => f.write_str("duration"),
            Type::List(t) => write!(f, "list({t})"),
            Type::Map(t) => write!(f, "map(string, {t})"),
            Type::Object(o) => f.write_str(&o.name),
            Type::Dyn => f.write_str("dyn"),
        }
    }
}

impl fmt::Display for Value {
    /// The text `string(x)` gives.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Double(d) => write!(f, "{d}"),
            Value::String(s) => f.write_str(s),
            Value::Date(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Value::Timestamp(t) => {
                // CEL prints timestamps in UTC, with as many fraction digits as needed.
                let u = t.naive_utc();
                write!(
                    f,
                    "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
                    u.year(),
                    u.month(),
                    u.day(),
                    u.hour(),
                    u.minute(),
                    u.second()
                )?;
                let nanos = u.nanosecond();
                if nanos % 1_000_000_000 != 0 {
                    let digits = if nanos % 1_000_000 == 0 {
                        3
                    } else if nanos % 1_000 == 0 {
                        6
                    } else {
                        9
                    };
                    write!(
                        f,
                        ".{:0width$}",
                        nanos / 10u32.pow(9 - digits),
                        width = digits as usize
                    )?;
                }
                f.write_str("Z")
            }
            Value::Duration(d) => format_duration(*d, f),
            Value::List(items) => {
                f.write_str("[")?;
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{v}")?;
                }
                f.write_str("]")
            }
            Value::Map(m) => {
                f.write_str("{")?;
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "'{k}': {v}")?;
                }
                f.write_str("}")
            }
        }
    }
}

/// CEL prints durations in seconds: `86400s`, `1.5s`.
fn format_duration(d: TimeDelta, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let secs = d.num_seconds();
    let nanos = (d - TimeDelta::seconds(secs))
        .num_nanoseconds()
        .unwrap_or(0);
    if nanos == 0 {
        write!(f, "{secs}s")
    } else {
        let total = secs as f64 + nanos as f64 / 1e9;
        write!(f, "{total}s")
    }
}

/// Equality as CEL's `==` defines it (see [`Value::cel_eq`]).
impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        self.cel_eq(other)
    }
}
