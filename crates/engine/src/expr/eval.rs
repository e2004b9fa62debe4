//! Evaluation with CEL semantics, including error absorption in `&&`/`||`.

use super::functions;
use super::syntax::{BinOp, Expr, ExprKind};
use super::value::Value;
use super::{Error, Vars};
use crate::calendar::Calendar;
use std::cmp::Ordering;
use std::collections::BTreeMap;

pub fn eval(e: &Expr, vars: &Vars, cal: &Calendar) -> Result<Value, Error> {
    let col = e.column;
    match &e.kind {
        ExprKind::Literal(v) => Ok(v.clone()),
        ExprKind::Ident(name) => vars
            .get(name)
            .cloned()
            .ok_or_else(|| Error::eval(col, format!("no value for '{name}'"))),
        ExprKind::Select(operand, field) => {
            // Select straight out of a variable without copying the whole map.
            if let ExprKind::Ident(name) = &operand.kind {
                if let Some(Value::Map(m)) = vars.get(name) {
                    return m.get(field).cloned().ok_or_else(|| no_such_key(field, col));
                }
            }
            match eval(operand, vars, cal)? {
                Value::Map(m) => m.get(field).cloned().ok_or_else(|| no_such_key(field, col)),
                v => Err(Error::eval(col, format!("{} has no fields", v.type_name()))),
            }
        }
        ExprKind::Has(operand, field) => {
            // Look into a variable's map in place: `has(answers.x)` runs in
            // every visibility condition and must not copy all the answers.
            let found = match &operand.kind {
                ExprKind::Ident(name) => vars.get(name).map(|v| map_has(v, field, col)),
                _ => None,
            };
            match found {
                Some(result) => result,
                None => map_has(&eval(operand, vars, cal)?, field, col),
            }
        }
        ExprKind::Index(operand, index) => {
            let (v, i) = (eval(operand, vars, cal)?, eval(index, vars, cal)?);
            match (v, i) {
                (Value::List(l), Value::Int(n)) => usize::try_from(n)
                    .ok()
                    .and_then(|n| l.into_iter().nth(n))
                    .ok_or_else(|| Error::eval(col, format!("index {n} is out of range"))),
                (Value::List(l), Value::Double(d)) if d.fract() == 0.0 && d >= 0.0 => l
                    .into_iter()
                    .nth(d as usize)
                    .ok_or_else(|| Error::eval(col, format!("index {d} is out of range"))),
                (Value::Map(m), Value::String(k)) => {
                    m.get(&k).cloned().ok_or_else(|| no_such_key(&k, col))
                }
                (v, i) => Err(Error::eval(
                    col,
                    format!("cannot index {} with {}", v.type_name(), i.type_name()),
                )),
            }
        }
        ExprKind::Call { target, name, args } => {
            let mut values = Vec::with_capacity(args.len() + 1);
            if let Some(t) = target {
                values.push(eval(t, vars, cal)?);
            }
            for a in args {
                values.push(eval(a, vars, cal)?);
            }
            functions::call(name, target.is_some(), &values, col, cal)
        }
        ExprKind::Not(inner) => match eval(inner, vars, cal)? {
            Value::Bool(b) => Ok(Value::Bool(!b)),
            v => Err(Error::eval(
                col,
                format!("'!' needs a bool, not {}", v.type_name()),
            )),
        },
        ExprKind::Neg(inner) => match eval(inner, vars, cal)? {
            Value::Int(i) => i.checked_neg().map(Value::Int).ok_or_else(|| overflow(col)),
            Value::Double(d) => Ok(Value::Double(-d)),
            Value::Duration(d) => Ok(Value::Duration(-d)),
            v => Err(Error::eval(col, format!("cannot negate {}", v.type_name()))),
        },
        ExprKind::And(a, b) => logic(a, b, vars, cal, false),
        ExprKind::Or(a, b) => logic(a, b, vars, cal, true),
        ExprKind::Cond(c, yes, no) => match eval(c, vars, cal)? {
            Value::Bool(true) => eval(yes, vars, cal),
            Value::Bool(false) => eval(no, vars, cal),
            v => Err(Error::eval(
                c.column,
                format!("the condition is {}, not bool", v.type_name()),
            )),
        },
        ExprKind::List(items) => items
            .iter()
            .map(|i| eval(i, vars, cal))
            .collect::<Result<_, _>>()
            .map(Value::List),
        ExprKind::Map(entries) => {
            let mut m = BTreeMap::new();
            for (k, v) in entries {
                let Value::String(key) = eval(k, vars, cal)? else {
                    return Err(Error::eval(k.column, "map keys must be strings"));
                };
                if m.insert(key.clone(), eval(v, vars, cal)?).is_some() {
                    return Err(Error::eval(
                        k.column,
                        format!("the key '{key}' appears twice"),
                    ));
                }
            }
            Ok(Value::Map(m))
        }
        ExprKind::Binary(op, a, b) => {
            let (va, vb) = (eval(a, vars, cal)?, eval(b, vars, cal)?);
            binary(*op, va, vb, col)
        }
    }
}

fn map_has(v: &Value, field: &str, column: usize) -> Result<Value, Error> {
    match v {
        Value::Map(m) => Ok(Value::Bool(m.contains_key(field))),
        v => Err(Error::eval(
            column,
            format!("has() needs a map, not {}", v.type_name()),
        )),
    }
}

fn no_such_key(key: &str, column: usize) -> Error {
    Error::eval(column, format!("no such key: '{key}'"))
}

fn overflow(column: usize) -> Error {
    Error::eval(column, "integer overflow")
}

/// `&&` (short = false) and `||` (short = true): a side equal to `short`
/// decides the result even when the other side fails.
fn logic(a: &Expr, b: &Expr, vars: &Vars, cal: &Calendar, short: bool) -> Result<Value, Error> {
    let as_bool = |e: &Expr| -> Result<bool, Error> {
        match eval(e, vars, cal)? {
            Value::Bool(x) => Ok(x),
            v => Err(Error::eval(
                e.column,
                format!("expected a bool, not {}", v.type_name()),
            )),
        }
    };
    match as_bool(a) {
        Ok(x) if x == short => Ok(Value::Bool(short)),
        Ok(_) => as_bool(b).map(Value::Bool),
        Err(err) => match as_bool(b) {
            Ok(y) if y == short => Ok(Value::Bool(short)),
            _ => Err(err),
        },
    }
}

fn binary(op: BinOp, a: Value, b: Value, col: usize) -> Result<Value, Error> {
    use Value::*;
    let mismatch = |a: &Value, b: &Value| {
        Error::eval(
            col,
            format!(
                "'{}' cannot combine {} and {}",
                op.symbol(),
                a.type_name(),
                b.type_name()
            ),
        )
    };
    Ok(match op {
        BinOp::Eq => Bool(a.cel_eq(&b)),
        BinOp::Ne => Bool(!a.cel_eq(&b)),
        BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
            let ord = compare(&a, &b).ok_or_else(|| mismatch(&a, &b))?;
            Bool(match (op, ord) {
                // NaN compares false with everything.
                (_, None) => false,
                (BinOp::Lt, Some(o)) => o == Ordering::Less,
                (BinOp::Le, Some(o)) => o != Ordering::Greater,
                (BinOp::Gt, Some(o)) => o == Ordering::Greater,
                (_, Some(o)) => o != Ordering::Less,
            })
        }
        BinOp::In => match &b {
            List(items) => Bool(items.iter().any(|i| i.cel_eq(&a))),
            Map(m) => match &a {
                String(k) => Bool(m.contains_key(k)),
                _ => Bool(false),
            },
            _ => return Err(mismatch(&a, &b)),
        },
        BinOp::Add => match (a, b) {
            (Int(x), Int(y)) => Int(x.checked_add(y).ok_or_else(|| overflow(col))?),
            (Double(x), Double(y)) => Double(x + y),
            (String(x), String(y)) => String(x + &y),
            (List(mut x), List(y)) => {
                x.extend(y);
                List(x)
            }
            (Timestamp(t), Duration(d)) | (Duration(d), Timestamp(t)) => {
                Timestamp(t.checked_add_signed(d).ok_or_else(|| overflow(col))?)
            }
            (Duration(x), Duration(y)) => Duration(x.checked_add(&y).ok_or_else(|| overflow(col))?),
            (a, b) => return Err(mismatch(&a, &b)),
        },
        BinOp::Sub => match (a, b) {
            (Int(x), Int(y)) => Int(x.checked_sub(y).ok_or_else(|| overflow(col))?),
            (Double(x), Double(y)) => Double(x - y),
            (Timestamp(x), Timestamp(y)) => Duration(x.signed_duration_since(y)),
            (Timestamp(t), Duration(d)) => {
                Timestamp(t.checked_sub_signed(d).ok_or_else(|| overflow(col))?)
            }
            (Duration(x), Duration(y)) => Duration(x.checked_sub(&y).ok_or_else(|| overflow(col))?),
            (a, b) => return Err(mismatch(&a, &b)),
        },
        BinOp::Mul => match (a, b) {
            (Int(x), Int(y)) => Int(x.checked_mul(y).ok_or_else(|| overflow(col))?),
            (Double(x), Double(y)) => Double(x * y),
            (a, b) => return Err(mismatch(&a, &b)),
        },
        BinOp::Div => match (a, b) {
            (Int(_), Int(0)) => return Err(Error::eval(col, "division by zero")),
            (Int(x), Int(y)) => Int(x.checked_div(y).ok_or_else(|| overflow(col))?),
            (Double(x), Double(y)) => Double(x / y),
            (a, b) => return Err(mismatch(&a, &b)),
        },
        BinOp::Rem => match (a, b) {
            (Int(_), Int(0)) => return Err(Error::eval(col, "modulus by zero")),
            (Int(x), Int(y)) => Int(x.checked_rem(y).ok_or_else(|| overflow(col))?),
            (a, b) => return Err(mismatch(&a, &b)),
        },
    })
}

/// `Some(None)` means comparable but unordered (NaN); `None` means the
/// types cannot be compared.
fn compare(a: &Value, b: &Value) -> Option<Option<Ordering>> {
    use Value::*;
    Some(match (a, b) {
        (Int(x), Int(y)) => Some(x.cmp(y)),
        (Double(x), Double(y)) => x.partial_cmp(y),
        (Int(x), Double(y)) => (*x as f64).partial_cmp(y),
        (Double(x), Int(y)) => x.partial_cmp(&(*y as f64)),
        (String(x), String(y)) => Some(x.cmp(y)),
        (Bool(x), Bool(y)) => Some(x.cmp(y)),
        (Date(x), Date(y)) => Some(x.cmp(y)),
        (Timestamp(x), Timestamp(y)) => Some(x.cmp(y)),
        (Duration(x), Duration(y)) => Some(x.cmp(y)),
        _ => return None,
    })
}
