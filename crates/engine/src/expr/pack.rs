//! Compiled expressions in the packed rules (`rules/pack.rs`): the syntax
//! tree as the parser built it, so the browser needs no parser. Types are
//! not kept: they were checked when the rules were packed.

use super::regex::Regex;
use super::syntax::{BinOp, Expr, ExprKind};
use super::value::{Type, Value};
use super::Program;
use crate::wire::{Reader, Result, Writer};

const OPS: [BinOp; 12] = [
    BinOp::Add,
    BinOp::Sub,
    BinOp::Mul,
    BinOp::Div,
    BinOp::Rem,
    BinOp::Eq,
    BinOp::Ne,
    BinOp::Lt,
    BinOp::Le,
    BinOp::Gt,
    BinOp::Ge,
    BinOp::In,
];
/// Deeper trees than the parser makes are refused (it limits nesting to 64).
const MAX_DEPTH: usize = 200;

pub fn write_program(w: &mut Writer, p: &Program) {
    write(w, &p.expr);
}

pub fn read_program(r: &mut Reader) -> Result<Program> {
    Ok(Program {
        expr: read(r, 0)?,
        ty: Type::Dyn,
    })
}

fn write(w: &mut Writer, e: &Expr) {
    w.u(e.column as u64);
    let boxed = |w: &mut Writer, items: &[&Expr]| items.iter().for_each(|x| write(w, x));
    match &e.kind {
        ExprKind::Literal(v) => {
            w.u(0);
            match v {
                Value::Null => w.u(0),
                Value::Bool(b) => {
                    w.u(1);
                    w.b(*b);
                }
                Value::Int(i) => {
                    w.u(2);
                    w.i(*i);
                }
                Value::Double(d) => {
                    w.u(3);
                    w.f(*d);
                }
                // The parser makes no other literal.
                other => {
                    w.u(4);
                    w.s(&other.to_string());
                }
            }
        }
        ExprKind::Ident(name) => {
            w.u(1);
            w.s(name);
        }
        ExprKind::Select(a, field) => {
            w.u(2);
            write(w, a);
            w.s(field);
        }
        ExprKind::Has(a, field) => {
            w.u(3);
            write(w, a);
            w.s(field);
        }
        ExprKind::Index(a, b) => {
            w.u(4);
            boxed(w, &[a, b]);
        }
        ExprKind::Call { target, name, args } => {
            w.u(5);
            w.s(name);
            w.b(target.is_some());
            if let Some(t) = target {
                write(w, t);
            }
            w.u(args.len() as u64);
            args.iter().for_each(|a| write(w, a));
        }
        ExprKind::Matches {
            subject,
            pattern,
            compiled,
        } => {
            w.u(6);
            boxed(w, &[subject, pattern]);
            // The parser compiled it (patterns are literals).
            if let Some(re) = compiled {
                re.write(w);
            }
        }
        ExprKind::Not(a) => {
            w.u(7);
            write(w, a);
        }
        ExprKind::Neg(a) => {
            w.u(8);
            write(w, a);
        }
        ExprKind::Binary(op, a, b) => {
            w.u(9);
            w.u(OPS.iter().position(|o| o == op).unwrap_or(0) as u64);
            boxed(w, &[a, b]);
        }
        ExprKind::And(a, b) => {
            w.u(10);
            boxed(w, &[a, b]);
        }
        ExprKind::Or(a, b) => {
            w.u(11);
            boxed(w, &[a, b]);
        }
        ExprKind::Cond(c, a, b) => {
            w.u(12);
            boxed(w, &[c, a, b]);
        }
        ExprKind::List(items) => {
            w.u(13);
            w.u(items.len() as u64);
            items.iter().for_each(|x| write(w, x));
        }
        ExprKind::Map(entries) => {
            w.u(14);
            w.u(entries.len() as u64);
            for (k, v) in entries {
                write(w, k);
                write(w, v);
            }
        }
    }
}

fn read(r: &mut Reader, depth: usize) -> Result<Expr> {
    if depth > MAX_DEPTH {
        return Err(r.error("an expression nests too deeply"));
    }
    let column = r.u()? as usize;
    let sub = |r: &mut Reader| read(r, depth + 1).map(Box::new);
    let kind = match r.tag(15)? {
        0 => ExprKind::Literal(match r.tag(5)? {
            0 => Value::Null,
            1 => Value::Bool(r.b()?),
            2 => Value::Int(r.i()?),
            3 => Value::Double(r.f()?),
            _ => Value::String(r.s()?),
        }),
        1 => ExprKind::Ident(r.s()?),
        2 => ExprKind::Select(sub(r)?, r.s()?),
        3 => ExprKind::Has(sub(r)?, r.s()?),
        4 => ExprKind::Index(sub(r)?, sub(r)?),
        5 => {
            let name = r.s()?;
            let target = if r.b()? { Some(sub(r)?) } else { None };
            let n = r.count()?;
            let args = (0..n)
                .map(|_| read(r, depth + 1))
                .collect::<Result<Vec<_>>>()?;
            ExprKind::Call { target, name, args }
        }
        6 => ExprKind::Matches {
            subject: sub(r)?,
            pattern: sub(r)?,
            compiled: Some(Regex::read(r)?),
        },
        7 => ExprKind::Not(sub(r)?),
        8 => ExprKind::Neg(sub(r)?),
        9 => {
            let op = OPS[r.tag(OPS.len() as u8)? as usize];
            ExprKind::Binary(op, sub(r)?, sub(r)?)
        }
        10 => ExprKind::And(sub(r)?, sub(r)?),
        11 => ExprKind::Or(sub(r)?, sub(r)?),
        12 => ExprKind::Cond(sub(r)?, sub(r)?, sub(r)?),
        13 => {
            let n = r.count()?;
            ExprKind::List(
                (0..n)
                    .map(|_| read(r, depth + 1))
                    .collect::<Result<Vec<_>>>()?,
            )
        }
        _ => {
            let n = r.count()?;
            let mut entries = Vec::with_capacity(n);
            for _ in 0..n {
                entries.push((read(r, depth + 1)?, read(r, depth + 1)?));
            }
            ExprKind::Map(entries)
        }
    };
    Ok(Expr { kind, column })
}

#[cfg(test)]
mod tests {
    use super::super::{compile, TypeEnv, Value, Vars};
    use super::*;

    #[test]
    fn packed_expressions_evaluate_as_parsed_ones_patterns_included() {
        let mut vars = Vars::new();
        vars.insert("s".into(), Value::String("100020".into()));
        for src in [
            "s.matches('^[1-9][0-9]{5}$') && !s.matches('(?i)^x')",
            "size(s) * 2 + 1 > 12 ? [1, 2][0] : {'a': 3}['a']",
            "s in ['100020', '518000'] || -1.5 < 0.0",
        ] {
            let mut env = TypeEnv::new();
            env.declare("s", super::super::Type::String);
            let program = compile(src, &env).unwrap();
            let mut w = Writer::default();
            write_program(&mut w, &program);
            let back = read_program(&mut Reader::new(&w.out)).unwrap();
            assert_eq!(back.eval(&vars), program.eval(&vars), "{src}");
        }
    }

    #[test]
    fn a_pattern_that_jumps_outside_itself_is_refused() {
        let mut w = Writer::default();
        w.u(1); // column
        w.u(6); // matches
        for _ in 0..2 {
            w.u(1);
            w.u(0);
            w.u(0); // null literals
        }
        w.u(2); // two instructions
        w.u(3);
        w.u(9); // jump to 9
        w.u(4);
        assert!(read(&mut Reader::new(&w.out), 0)
            .unwrap_err()
            .contains("jumps outside"));
    }
}
