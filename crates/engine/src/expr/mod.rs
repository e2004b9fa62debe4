//! The expression language: a subset of CEL with date extensions.
//! The grammar and semantics are in `docs/expressions.md`.

#[cfg(feature = "full-check")]
mod check;
mod eval;
pub mod functions;
mod names;
pub(crate) mod pack;
mod syntax;
mod value;

use crate::calendar::Calendar;
use syntax::Expr;
pub use value::{ObjectType, Type, Value};

use std::collections::BTreeMap;
use std::fmt;

/// Variable values for evaluation.
pub type Vars = BTreeMap<String, Value>;

/// Declared variable types for the static check.
#[derive(Debug, Clone, Default)]
pub struct TypeEnv {
    vars: Vec<(String, Type)>,
}

impl TypeEnv {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn declare(&mut self, name: &str, ty: Type) {
        self.vars.retain(|(n, _)| n != name);
        self.vars.push((name.to_string(), ty));
    }

    pub fn get(&self, name: &str) -> Option<&Type> {
        self.vars.iter().find(|(n, _)| n == name).map(|(_, t)| t)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The text does not parse.
    Syntax,
    /// It parses but is wrong: unknown name, types that do not fit.
    Check,
    /// It failed while running: missing answer, division by zero…
    Eval,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    /// 1-based column, in characters, inside the expression.
    pub column: usize,
    pub message: String,
}

impl Error {
    pub(crate) fn syntax(column: usize, message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Syntax,
            column,
            message: message.into(),
        }
    }
    pub(crate) fn check(column: usize, message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Check,
            column,
            message: message.into(),
        }
    }
    pub(crate) fn eval(column: usize, message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::Eval,
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

impl std::error::Error for Error {}

/// A parsed and checked expression, ready to evaluate many times.
#[derive(Debug, Clone)]
pub struct Program {
    expr: Expr,
    ty: Type,
}

impl Program {
    pub fn result_type(&self) -> &Type {
        &self.ty
    }

    /// Evaluates with no calendar: a working-day function says the year
    /// is not published ([`Program::eval_in`] gives the form's).
    pub fn eval(&self, vars: &Vars) -> Result<Value, Error> {
        eval::eval(&self.expr, vars, &Calendar::default())
    }

    /// Evaluates, counting working days with `cal` (the form's calendar).
    pub fn eval_in(&self, vars: &Vars, cal: &Calendar) -> Result<Value, Error> {
        eval::eval(&self.expr, vars, cal)
    }

    /// The answers this expression reads (`answers.x`, `has(answers.x)`).
    pub fn answer_fields(&self) -> Vec<String> {
        let mut out = Vec::new();
        syntax::answer_fields(&self.expr, &mut out);
        out
    }

    /// The answers and calculated values this expression reads: what the
    /// form's dependency graph is built from.
    pub fn reads(&self) -> Reads {
        let mut out = Reads::default();
        syntax::reads(&self.expr, &mut out);
        out
    }

    /// Evaluates a condition: an error or a non-bool counts as not met
    /// (see "Errors and absent answers" in the docs).
    pub fn holds(&self, vars: &Vars, cal: &Calendar) -> bool {
        matches!(self.eval_in(vars, cal), Ok(Value::Bool(true)))
    }
}

/// Where an expression reads answers or calculated values from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `answers`: the applicant's (on the filler's own pages, not available).
    Answers,
    /// `filler.answers`: the filler's own, from `filler` sections.
    FillerAnswers,
    /// `calc`: the form's calculated values.
    Calc,
}

/// What an expression reads, from [`Program::reads`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reads {
    /// Keys it names (`answers.x`, `has(calc.y)`, `filler.answers['z']`), each once.
    pub named: Vec<(Source, String)>,
    /// Sources it uses as a whole (`size(answers)`, `answers[k]`): it may
    /// read any of their keys.
    pub whole: Vec<Source>,
    /// It reads `principal`: another applicant's answers (the first's), so
    /// a change to those re-checks everyone.
    pub principal: bool,
}

impl Reads {
    fn one(&mut self, from: Source, key: &str) {
        if !self.named.iter().any(|(s, k)| *s == from && k == key) {
            self.named.push((from, key.to_string()));
        }
    }

    fn every(&mut self, from: Source) {
        if !self.whole.contains(&from) {
            self.whole.push(from);
        }
    }
}

/// Parses `src` and checks it against the declared variables: names in
/// every build, types too with the `full-check` feature (without it every
/// expression's type is `dyn`, which any expected type accepts).
pub fn compile(src: &str, env: &TypeEnv) -> Result<Program, Error> {
    let expr = syntax::parse(src)?;
    names::check_names(&expr, env)?;
    #[cfg(feature = "full-check")]
    let ty = check::check(&expr, env)?;
    #[cfg(not(feature = "full-check"))]
    let ty = Type::Dyn;
    Ok(Program { expr, ty })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(src: &str) -> Result<Value, Error> {
        compile(src, &TypeEnv::new())?.eval(&Vars::new())
    }

    #[test]
    fn precedence_and_short_circuit() {
        assert!(matches!(
            run("1 + 2 * 3 == 7 && !(1 > 2)"),
            Ok(Value::Bool(true))
        ));
        assert!(matches!(run("false && 1 / 0 == 1"), Ok(Value::Bool(false))));
        assert!(matches!(run("1 / 0 == 1 || true"), Ok(Value::Bool(true))));
        assert!(run("1 / 0 == 1 && true").is_err());
    }

    #[test]
    fn errors_carry_columns() {
        let mut env = TypeEnv::new();
        env.declare("x", Type::Int);
        let e = compile("x + nope", &env).unwrap_err();
        assert_eq!((e.kind, e.column), (ErrorKind::Check, 5));
        let e = compile("x +", &env).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Syntax);
        let e = compile("x.foo()", &env).unwrap_err();
        assert!(e.message.contains("unknown function"), "{e}");
    }

    #[test]
    fn reads_name_what_an_expression_depends_on() {
        let mut env = TypeEnv::new();
        let object = |name: &str, keys: &[&str]| {
            Type::Object(ObjectType {
                name: name.into(),
                fields: keys.iter().map(|k| (k.to_string(), Type::String)).collect(),
            })
        };
        env.declare("answers", object("answers", &["a", "b", "c"]));
        env.declare("calc", object("calc", &["x"]));
        let filler_answers = object("filler.answers", &["f"]);
        env.declare(
            "filler",
            Type::Object(ObjectType {
                name: "filler".into(),
                fields: [
                    ("role".into(), Type::String),
                    ("answers".into(), filler_answers),
                ]
                .into(),
            }),
        );
        let reads = |src: &str| compile(src, &env).unwrap().reads();
        let named = |src: &str| {
            let r = reads(src);
            assert!(r.whole.is_empty(), "{src}: {r:?}");
            r.named
                .iter()
                .map(|(s, k)| format!("{s:?}.{k}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            named("has(answers.a) && answers['b'] == calc.x && answers.a != ''"),
            ["Answers.a", "Answers.b", "Calc.x"]
        );
        assert_eq!(
            named("filler.role == 'friend' || has(filler.answers.f)"),
            ["FillerAnswers.f"]
        );
        assert_eq!(reads("size(answers) > 2").whole, [Source::Answers]);
        assert_eq!(reads("answers[calc.x] == ''").whole, [Source::Answers]);
        assert_eq!(reads("answers[calc.x] == ''").named.len(), 1);
        assert_eq!(reads("size(filler) > 0").whole, [Source::FillerAnswers]);
        assert_eq!(
            reads("size(filler.answers) > 0").whole,
            [Source::FillerAnswers]
        );
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let src = format!("{}1{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(syntax::parse(&src).is_err());
        let src = format!("{}true", "!".repeat(3_000));
        assert!(syntax::parse(&src).is_err());
    }

    #[test]
    fn dates_compare_and_convert() {
        assert!(matches!(
            run("date('2024-02-29') < date('2024-03-01')"),
            Ok(Value::Bool(true))
        ));
        assert!(run("date('2023-02-29')")
            .unwrap_err()
            .message
            .contains("not a real date"));
        assert!(matches!(
            run("date(timestamp('2026-11-20T17:00:00Z')) == date('2026-11-21')"),
            Ok(Value::Bool(true))
        ));
        assert!(matches!(
            run("timestamp('2026-11-21T10:00:00+08:00') - timestamp('2026-11-20T10:00:00+08:00') <= duration('24h')"),
            Ok(Value::Bool(true))
        ));
    }
}
