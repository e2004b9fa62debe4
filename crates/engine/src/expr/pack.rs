//! Compiled expressions in the packed rules (`rules/pack.rs`): the syntax
//! tree as the parser built it, written and read through serde, so the
//! browser needs no parser. Types are not kept: they were checked when the
//! rules were packed.
//!
//! A tree is written as nested (column, node) pairs. Reading counts the
//! depth and refuses trees deeper than the parser makes, so a damaged file
//! cannot exhaust the stack.

use super::syntax::{Expr, ExprKind};
use super::value::{Type, Value};
use super::Program;
use serde::de::Error;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::Cell;

/// Deeper trees than the parser makes are refused (it limits nesting to 64).
const MAX_DEPTH: usize = 200;

thread_local! {
    /// How deep the tree being read is, here.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

impl Serialize for Expr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.column as u32, &self.kind).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Expr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let depth = DEPTH.with(|c| c.get());
        if depth >= MAX_DEPTH {
            return Err(D::Error::custom("an expression nests too deeply"));
        }
        DEPTH.with(|c| c.set(depth + 1));
        let node = <(u32, ExprKind)>::deserialize(d);
        DEPTH.with(|c| c.set(depth));
        let (column, kind) = node?;
        Ok(Expr {
            kind,
            column: column as usize,
        })
    }
}

impl Serialize for Program {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.expr.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Program {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Program {
            expr: Expr::deserialize(d)?,
            ty: Type::Dyn,
        })
    }
}

/// `#[serde(with = "literal")]`: the literals the parser makes.
pub(crate) mod literal {
    use super::Value;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    enum Literal {
        Null,
        Bool(bool),
        Int(i64),
        Double(f64),
        String(String),
    }

    pub fn serialize<S: Serializer>(v: &Value, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Value::Null => Literal::Null,
            Value::Bool(b) => Literal::Bool(*b),
            Value::Int(i) => Literal::Int(*i),
            Value::Double(x) => Literal::Double(*x),
            // The parser makes no other literal.
            other => Literal::String(other.to_string()),
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        Ok(match Literal::deserialize(d)? {
            Literal::Null => Value::Null,
            Literal::Bool(b) => Value::Bool(b),
            Literal::Int(i) => Value::Int(i),
            Literal::Double(x) => Value::Double(x),
            Literal::String(s) => Value::String(s),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{compile, TypeEnv, Value, Vars};
    use super::*;

    #[test]
    fn packed_expressions_evaluate_as_parsed_ones() {
        let mut vars = Vars::new();
        vars.insert("s".into(), Value::String("100020".into()));
        for src in [
            "s.startsWith('10') && !s.contains('x') && size(s) == 6",
            "size(s) * 2 + 1 > 12 ? [1, 2][0] : {'a': 3}['a']",
            "s in ['100020', '518000'] || -1.5 < 0.0",
        ] {
            let mut env = TypeEnv::new();
            env.declare("s", super::super::Type::String);
            let program = compile(src, &env).unwrap();
            let bytes = postcard::to_allocvec(&program).unwrap();
            let back: Program = postcard::from_bytes(&bytes).unwrap();
            assert_eq!(back.eval(&vars), program.eval(&vars), "{src}");
        }
    }

    #[test]
    fn a_tree_deeper_than_the_parser_makes_is_refused() {
        let mut expr = Expr {
            kind: ExprKind::Literal(Value::Null),
            column: 1,
        };
        // MAX_DEPTH + 1 nodes from the root to the literal.
        for _ in 0..MAX_DEPTH {
            expr = Expr {
                kind: ExprKind::Not(Box::new(expr)),
                column: 1,
            };
        }
        let bytes = postcard::to_allocvec(&expr).unwrap();
        let err = postcard::from_bytes::<Expr>(&bytes).unwrap_err();
        assert!(
            err.to_string().to_lowercase().contains("deserializ"),
            "{err}"
        );
        // A tree of MAX_DEPTH nodes reads.
        let ExprKind::Not(inner) = expr.kind else {
            unreachable!()
        };
        let bytes = postcard::to_allocvec(&inner).unwrap();
        assert!(postcard::from_bytes::<Expr>(&bytes).is_ok());
    }
}
