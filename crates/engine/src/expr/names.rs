//! The check every compile of an expression runs, with or without the
//! `full-check` feature: each variable, field of an object (`answers.x`) and
//! function an expression names must exist. Types are checked by
//! `check.rs`, which only builds with `full-check` carry. (The browser
//! compiles nothing: it loads rules packed at build time.)

use super::functions;
use super::syntax::{for_each_child, Expr, ExprKind};
use super::value::Type;
use super::{Error, TypeEnv};

pub fn check_names(e: &Expr, env: &TypeEnv) -> Result<(), Error> {
    let col = e.column;
    match &e.kind {
        ExprKind::Ident(name) => {
            env.get(name).ok_or_else(|| unknown_variable(name, col))?;
        }
        ExprKind::Select(operand, field) | ExprKind::Has(operand, field) => {
            if let ExprKind::Ident(root) = &operand.kind {
                if let Some(t @ Type::Object(_)) = env.get(root) {
                    select_type(t, field, col)?;
                }
            }
        }
        ExprKind::Call { name, .. } if !functions::exists(name) => {
            return Err(unknown_function(name, col));
        }
        _ => {}
    }
    let mut result = Ok(());
    for_each_child(e, |child| {
        if result.is_ok() {
            result = check_names(child, env);
        }
    });
    result
}

pub(super) fn unknown_variable(name: &str, column: usize) -> Error {
    Error::check(column, format!("unknown variable '{name}'"))
}

pub(super) fn unknown_function(name: &str, column: usize) -> Error {
    Error::check(column, format!("unknown function '{name}'"))
}

/// The type of `field` selected from a value of type `t`.
pub(super) fn select_type(t: &Type, field: &str, column: usize) -> Result<Type, Error> {
    match t {
        Type::Object(o) => o
            .field(field)
            .cloned()
            .ok_or_else(|| Error::check(column, format!("unknown field '{field}' of {}", o.name))),
        Type::Map(v) => Ok((**v).clone()),
        Type::Dyn => Ok(Type::Dyn),
        _ => Err(Error::check(
            column,
            format!("{t} has no fields (selecting '{field}')"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{compile, ObjectType, TypeEnv};
    use super::*;

    fn env() -> TypeEnv {
        let mut env = TypeEnv::new();
        let answers = ObjectType {
            name: "answers".into(),
            fields: [("surname".into(), Type::String)].into(),
        };
        env.declare("answers", Type::Object(answers));
        env
    }

    // Runs in every build, so the check without `full-check`
    // is tested too: `cargo test -p dossier-engine --no-default-features`.
    #[test]
    fn unknown_names_are_refused_with_their_column() {
        let err = |src: &str| compile(src, &env()).unwrap_err().to_string();
        assert_eq!(
            err("answers.surnam == 'X'"),
            "column 9: unknown field 'surnam' of answers"
        );
        assert_eq!(
            err("has(answers.given)"),
            "column 1: unknown field 'given' of answers"
        );
        assert_eq!(err("size(answer)"), "column 6: unknown variable 'answer'");
        assert_eq!(
            err("answers.surname.lenght()"),
            "column 17: unknown function 'lenght'"
        );
        assert!(compile("answers.surname.size() > 1", &env()).is_ok());
    }
}
