//! Static type checking: runs once when a rules file loads, so mistakes
//! surface for the rule author rather than for an applicant. Only builds
//! with the `full-check` feature carry it (native ones: `dossier-rules`,
//! the verifier, a portal's server); names are checked everywhere
//! (`names.rs`).

use super::functions;
use super::names::{select_type, unknown_variable};
use super::syntax::{BinOp, Expr, ExprKind};
use super::value::{Type, Value};
use super::{Error, TypeEnv};

pub fn check(e: &Expr, env: &TypeEnv) -> Result<Type, Error> {
    let col = e.column;
    match &e.kind {
        ExprKind::Literal(v) => Ok(Type::of_value(v)),
        ExprKind::Ident(name) => env
            .get(name)
            .cloned()
            .ok_or_else(|| unknown_variable(name, col)),
        ExprKind::Select(operand, field) => {
            let t = check(operand, env)?;
            select_type(&t, field, col)
        }
        ExprKind::Has(operand, field) => {
            let t = check(operand, env)?;
            select_type(&t, field, col)?;
            Ok(Type::Bool)
        }
        ExprKind::Index(operand, index) => {
            let t = check(operand, env)?;
            let i = check(index, env)?;
            match (&t, &i) {
                (Type::List(elem), Type::Int | Type::Dyn) => Ok((**elem).clone()),
                (Type::Map(val), Type::String | Type::Dyn) => Ok((**val).clone()),
                (Type::Object(o), Type::String) => match &index.kind {
                    ExprKind::Literal(Value::String(k)) => select_type(&t, k, index.column)
                        .map(|_| o.field(k).cloned().unwrap_or(Type::Dyn)),
                    _ => Ok(Type::Dyn),
                },
                (Type::Dyn, _) => Ok(Type::Dyn),
                _ => Err(Error::check(col, format!("cannot index {t} with {i}"))),
            }
        }
        ExprKind::Call { target, name, args } => {
            let mut types = Vec::with_capacity(args.len() + 1);
            if let Some(t) = target {
                types.push(check(t, env)?);
            }
            for a in args {
                types.push(check(a, env)?);
            }
            functions::check_call(name, target.is_some(), &types, col)
        }
        ExprKind::Not(inner) => {
            let t = check(inner, env)?;
            expect_bool(&t, inner.column, "'!'")?;
            Ok(Type::Bool)
        }
        ExprKind::Neg(inner) => match check(inner, env)? {
            t @ (Type::Int | Type::Double | Type::Duration | Type::Dyn) => Ok(t),
            t => Err(Error::check(col, format!("cannot negate {t}"))),
        },
        ExprKind::And(a, b) | ExprKind::Or(a, b) => {
            let op = if matches!(e.kind, ExprKind::And(..)) {
                "'&&'"
            } else {
                "'||'"
            };
            expect_bool(&check(a, env)?, a.column, op)?;
            expect_bool(&check(b, env)?, b.column, op)?;
            Ok(Type::Bool)
        }
        ExprKind::Cond(c, yes, no) => {
            expect_bool(&check(c, env)?, c.column, "the condition of '?:'")?;
            let (ty, tn) = (check(yes, env)?, check(no, env)?);
            match (ty, tn) {
                (a, b) if a == b => Ok(a),
                (Type::Dyn, _) | (_, Type::Dyn) => Ok(Type::Dyn),
                (Type::Null, t) | (t, Type::Null) => Ok(t),
                (a, b) => Err(Error::check(
                    col,
                    format!("the two branches of '?:' differ: {a} and {b}"),
                )),
            }
        }
        ExprKind::List(items) => {
            let types = items
                .iter()
                .map(|i| check(i, env))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Type::List(Box::new(Type::common(types.into_iter()))))
        }
        ExprKind::Map(entries) => {
            let mut values = Vec::with_capacity(entries.len());
            for (k, v) in entries {
                let kt = check(k, env)?;
                if !matches!(kt, Type::String | Type::Dyn) {
                    return Err(Error::check(
                        k.column,
                        format!("map keys must be strings, not {kt}"),
                    ));
                }
                values.push(check(v, env)?);
            }
            Ok(Type::Map(Box::new(Type::common(values.into_iter()))))
        }
        ExprKind::Binary(op, a, b) => {
            let (ta, tb) = (check(a, env)?, check(b, env)?);
            binary_type(*op, &ta, &tb).ok_or_else(|| {
                Error::check(
                    col,
                    format!("'{}' cannot combine {ta} and {tb}", op.symbol()),
                )
            })
        }
    }
}

fn expect_bool(t: &Type, column: usize, what: &str) -> Result<(), Error> {
    match t {
        Type::Bool | Type::Dyn => Ok(()),
        _ => Err(Error::check(
            column,
            format!("{what} needs a bool, not {t}"),
        )),
    }
}

fn numeric(t: &Type) -> bool {
    matches!(t, Type::Int | Type::Double)
}

/// The result type of `a op b`, or `None` when no overload fits.
fn binary_type(op: BinOp, a: &Type, b: &Type) -> Option<Type> {
    use Type::*;
    let dyn_side = a.is_dyn() || b.is_dyn();
    match op {
        BinOp::Eq | BinOp::Ne => {
            let comparable = dyn_side
                || a == b
                || (numeric(a) && numeric(b))
                || matches!(a, Null)
                || matches!(b, Null)
                || matches!((a, b), (List(_), List(_)) | (Map(_), Map(_)));
            comparable.then_some(Bool)
        }
        BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
            let ordered = |t: &Type| {
                matches!(
                    t,
                    Int | Double | String | Bool | Date | Timestamp | Duration
                )
            };
            let ok = (dyn_side && (ordered(a) || ordered(b) || (a.is_dyn() && b.is_dyn())))
                || (a == b && ordered(a))
                || (numeric(a) && numeric(b));
            ok.then_some(Bool)
        }
        BinOp::In => match b {
            List(elem) => (dyn_side
                || elem.is_dyn()
                || **elem == *a
                || (numeric(a) && numeric(elem))
                || matches!(a, Null))
            .then_some(Bool),
            Map(_) | Object(_) => matches!(a, String | Dyn).then_some(Bool),
            Dyn => Some(Bool),
            _ => None,
        },
        BinOp::Add => match (a, b) {
            (Int, Int) => Some(Int),
            (Double, Double) => Some(Double),
            (String, String) => Some(String),
            (List(x), List(y)) => Some(List(Box::new(Type::common(
                [(**x).clone(), (**y).clone()].into_iter(),
            )))),
            (Timestamp, Duration) | (Duration, Timestamp) => Some(Timestamp),
            (Duration, Duration) => Some(Duration),
            (Dyn, Dyn) => Some(Dyn),
            (Dyn, t) | (t, Dyn) => {
                matches!(t, Int | Double | String | List(_) | Duration | Timestamp).then_some(Dyn)
            }
            _ => None,
        },
        BinOp::Sub => match (a, b) {
            (Int, Int) => Some(Int),
            (Double, Double) => Some(Double),
            (Timestamp, Timestamp) => Some(Duration),
            (Timestamp, Duration) => Some(Timestamp),
            (Duration, Duration) => Some(Duration),
            (Dyn, Dyn) => Some(Dyn),
            (Dyn, t) | (t, Dyn) => matches!(t, Int | Double | Duration | Timestamp).then_some(Dyn),
            _ => None,
        },
        BinOp::Mul | BinOp::Div => match (a, b) {
            (Int, Int) => Some(Int),
            (Double, Double) => Some(Double),
            (Dyn, Dyn) => Some(Dyn),
            (Dyn, t) | (t, Dyn) => numeric(t).then(|| t.clone()),
            _ => None,
        },
        BinOp::Rem => match (a, b) {
            (Int, Int) | (Int, Dyn) | (Dyn, Int) => Some(Int),
            (Dyn, Dyn) => Some(Dyn),
            _ => None,
        },
    }
}
