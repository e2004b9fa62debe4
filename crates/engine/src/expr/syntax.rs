//! Lexer and recursive-descent parser for the grammar in `docs/expressions.md`.

use super::value::Value;
use super::{Error, Reads, Source};

/// Deepest nesting accepted; deeper input is refused rather than risking
/// the stack (a rules file is data from outside).
const MAX_DEPTH: usize = 64;
/// Longest expression accepted, in characters.
pub const MAX_LENGTH: usize = 4096;

#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    /// 1-based column (in characters) where this node starts.
    pub column: usize,
}

/// Derives serde for the packed rules (`pack.rs`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum ExprKind {
    Literal(#[serde(with = "super::pack::literal")] Value),
    Ident(String),
    Select(Box<Expr>, String),
    /// `has(operand.field)`
    Has(Box<Expr>, String),
    Index(Box<Expr>, Box<Expr>),
    Call {
        target: Option<Box<Expr>>,
        name: String,
        args: Vec<Expr>,
    },
    Not(Box<Expr>),
    Neg(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    List(Vec<Expr>),
    Map(Vec<(Expr, Expr)>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Rem => "%",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::In => "in",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Int(u64),
    Double(f64),
    Str(String),
    Ident(String),
    /// Operators and punctuation.
    P(&'static str),
    End,
}

struct Token {
    tok: Tok,
    column: usize,
}

const RESERVED: &[&str] = &[
    "as",
    "break",
    "const",
    "continue",
    "else",
    "for",
    "function",
    "if",
    "import",
    "let",
    "loop",
    "package",
    "namespace",
    "return",
    "var",
    "void",
    "while",
];

const PUNCT: &[&str] = &[
    "==", "!=", "<=", ">=", "&&", "||", "<", ">", "+", "-", "*", "/", "%", "!", "?", ":", ".", ",",
    "(", ")", "[", "]", "{", "}",
];

fn lex(src: &str) -> Result<Vec<Token>, Error> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
        {
            let (tok, next) = lex_number(&chars, i)?;
            out.push(Token { tok, column });
            i = next;
            continue;
        }
        let raw = (c == 'r' || c == 'R') && matches!(chars.get(i + 1), Some('\'') | Some('"'));
        if c == '\'' || c == '"' || raw {
            let start = if raw { i + 1 } else { i };
            let (s, next) = lex_string(&chars, start, raw)?;
            out.push(Token {
                tok: Tok::Str(s),
                column,
            });
            i = next;
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            let mut j = i;
            while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
                j += 1;
            }
            let word: String = chars[i..j].iter().collect();
            out.push(Token {
                tok: Tok::Ident(word),
                column,
            });
            i = j;
            continue;
        }
        let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
        match PUNCT.iter().find(|p| rest.starts_with(**p)) {
            Some(p) => {
                out.push(Token {
                    tok: Tok::P(p),
                    column,
                });
                i += p.len();
            }
            None => return Err(Error::syntax(column, format!("unexpected character '{c}'"))),
        }
    }
    out.push(Token {
        tok: Tok::End,
        column: chars.len() + 1,
    });
    Ok(out)
}

fn lex_number(chars: &[char], start: usize) -> Result<(Tok, usize), Error> {
    let column = start + 1;
    let mut i = start;
    if chars[i] == '0' && chars.get(i + 1) == Some(&'x') {
        i += 2;
        let digits_start = i;
        while i < chars.len() && chars[i].is_ascii_hexdigit() {
            i += 1;
        }
        let text: String = chars[digits_start..i].iter().collect();
        let n = u64::from_str_radix(&text, 16)
            .map_err(|_| Error::syntax(column, "invalid hexadecimal number"))?;
        return Ok((Tok::Int(n), i));
    }
    let mut is_double = false;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()) {
        is_double = true;
        i += 1;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
    }
    if i < chars.len() && (chars[i] == 'e' || chars[i] == 'E') {
        let mut j = i + 1;
        if j < chars.len() && (chars[j] == '+' || chars[j] == '-') {
            j += 1;
        }
        if j < chars.len() && chars[j].is_ascii_digit() {
            is_double = true;
            i = j;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
    if i < chars.len() && (chars[i] == 'u' || chars[i] == 'U') {
        return Err(Error::syntax(
            column,
            "unsigned integers (1u) are not supported",
        ));
    }
    let text: String = chars[start..i].iter().collect();
    if is_double {
        let d = text
            .parse::<f64>()
            .map_err(|_| Error::syntax(column, "invalid number"))?;
        Ok((Tok::Double(d), i))
    } else {
        let n = text
            .parse::<u64>()
            .map_err(|_| Error::syntax(column, format!("the number {text} is too large")))?;
        Ok((Tok::Int(n), i))
    }
}

fn lex_string(chars: &[char], start: usize, raw: bool) -> Result<(String, usize), Error> {
    let quote = chars[start];
    let column = start + 1;
    if chars.get(start + 1) == Some(&quote) && chars.get(start + 2) == Some(&quote) {
        return Err(Error::syntax(
            column,
            "triple-quoted strings are not supported",
        ));
    }
    let mut out = String::new();
    let mut i = start + 1;
    loop {
        let Some(&c) = chars.get(i) else {
            return Err(Error::syntax(column, "this string is not closed"));
        };
        if c == quote {
            return Ok((out, i + 1));
        }
        if c == '\n' {
            return Err(Error::syntax(
                column,
                "this string is not closed before the end of the line",
            ));
        }
        if c == '\\' && !raw {
            let esc = chars.get(i + 1).copied();
            i += 2;
            match esc {
                Some('\\') => out.push('\\'),
                Some('\'') => out.push('\''),
                Some('"') => out.push('"'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some('u') => {
                    let hex: String = chars
                        .get(i..i + 4)
                        .map(|h| h.iter().collect())
                        .unwrap_or_default();
                    let code = u32::from_str_radix(&hex, 16)
                        .ok()
                        .filter(|_| hex.len() == 4)
                        .and_then(char::from_u32)
                        .ok_or_else(|| {
                            Error::syntax(
                                i - 1,
                                "\\u needs four hexadecimal digits of a valid character",
                            )
                        })?;
                    out.push(code);
                    i += 4;
                }
                _ => return Err(Error::syntax(i - 1, "unknown escape sequence")),
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
}

pub fn parse(src: &str) -> Result<Expr, Error> {
    if src.chars().count() > MAX_LENGTH {
        return Err(Error::syntax(
            1,
            format!("expression is longer than {MAX_LENGTH} characters"),
        ));
    }
    let tokens = lex(src)?;
    let mut p = Parser {
        tokens,
        pos: 0,
        depth: 0,
    };
    let e = p.expr()?;
    match &p.peek().tok {
        Tok::End => Ok(e),
        _ => Err(Error::syntax(
            p.peek().column,
            format!("unexpected {}", p.describe()),
        )),
    }
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> &Token {
        &self.tokens[self.pos]
    }

    fn bump(&mut self) -> &Token {
        let t = &self.tokens[self.pos];
        if !matches!(t.tok, Tok::End) {
            self.pos += 1;
        }
        t
    }

    fn at(&self, p: &str) -> bool {
        matches!(&self.peek().tok, Tok::P(q) if *q == p)
    }

    fn describe(&self) -> String {
        match &self.peek().tok {
            Tok::End => "end of expression".into(),
            Tok::P(p) => format!("'{p}'"),
            Tok::Ident(s) => format!("'{s}'"),
            Tok::Int(n) => format!("number {n}"),
            Tok::Double(d) => format!("number {d}"),
            Tok::Str(_) => "string".into(),
        }
    }

    fn expect(&mut self, p: &'static str) -> Result<(), Error> {
        if self.at(p) {
            self.bump();
            Ok(())
        } else {
            Err(Error::syntax(
                self.peek().column,
                format!("expected '{p}' but found {}", self.describe()),
            ))
        }
    }

    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err(Error::syntax(
                self.peek().column,
                "expression nests too deeply",
            ))
        } else {
            Ok(())
        }
    }

    fn expr(&mut self) -> Result<Expr, Error> {
        self.enter()?;
        let cond = self.or()?;
        let out = if self.at("?") {
            self.bump();
            let yes = self.or()?;
            self.expect(":")?;
            let no = self.expr()?;
            let column = cond.column;
            Expr {
                kind: ExprKind::Cond(Box::new(cond), Box::new(yes), Box::new(no)),
                column,
            }
        } else {
            cond
        };
        self.depth -= 1;
        Ok(out)
    }

    fn or(&mut self) -> Result<Expr, Error> {
        let mut lhs = self.and()?;
        while self.at("||") {
            self.bump();
            let rhs = self.and()?;
            let column = lhs.column;
            lhs = Expr {
                kind: ExprKind::Or(Box::new(lhs), Box::new(rhs)),
                column,
            };
        }
        Ok(lhs)
    }

    fn and(&mut self) -> Result<Expr, Error> {
        let mut lhs = self.rel()?;
        while self.at("&&") {
            self.bump();
            let rhs = self.rel()?;
            let column = lhs.column;
            lhs = Expr {
                kind: ExprKind::And(Box::new(lhs), Box::new(rhs)),
                column,
            };
        }
        Ok(lhs)
    }

    fn rel(&mut self) -> Result<Expr, Error> {
        let mut lhs = self.add()?;
        loop {
            let op = match &self.peek().tok {
                Tok::P("<") => BinOp::Lt,
                Tok::P("<=") => BinOp::Le,
                Tok::P(">") => BinOp::Gt,
                Tok::P(">=") => BinOp::Ge,
                Tok::P("==") => BinOp::Eq,
                Tok::P("!=") => BinOp::Ne,
                Tok::Ident(w) if w == "in" => BinOp::In,
                _ => return Ok(lhs),
            };
            let column = self.bump().column;
            let rhs = self.add()?;
            lhs = Expr {
                kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                column,
            };
        }
    }

    fn add(&mut self) -> Result<Expr, Error> {
        let mut lhs = self.mul()?;
        loop {
            let op = match &self.peek().tok {
                Tok::P("+") => BinOp::Add,
                Tok::P("-") => BinOp::Sub,
                _ => return Ok(lhs),
            };
            let column = self.bump().column;
            let rhs = self.mul()?;
            lhs = Expr {
                kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                column,
            };
        }
    }

    fn mul(&mut self) -> Result<Expr, Error> {
        let mut lhs = self.unary()?;
        loop {
            let op = match &self.peek().tok {
                Tok::P("*") => BinOp::Mul,
                Tok::P("/") => BinOp::Div,
                Tok::P("%") => BinOp::Rem,
                _ => return Ok(lhs),
            };
            let column = self.bump().column;
            let rhs = self.unary()?;
            lhs = Expr {
                kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                column,
            };
        }
    }

    fn unary(&mut self) -> Result<Expr, Error> {
        self.enter()?;
        let column = self.peek().column;
        let out = if self.at("!") {
            self.bump();
            let inner = self.unary()?;
            Expr {
                kind: ExprKind::Not(Box::new(inner)),
                column,
            }
        } else if self.at("-") {
            self.bump();
            // -9223372036854775808 is a valid int although its magnitude is not.
            if let Tok::Int(n) = self.peek().tok {
                if n == 1u64 << 63 && !self.next_is_member_op() {
                    self.bump();
                    self.depth -= 1;
                    return Ok(Expr {
                        kind: ExprKind::Literal(Value::Int(i64::MIN)),
                        column,
                    });
                }
            }
            let inner = self.unary()?;
            Expr {
                kind: ExprKind::Neg(Box::new(inner)),
                column,
            }
        } else {
            self.member()?
        };
        self.depth -= 1;
        Ok(out)
    }

    fn next_is_member_op(&self) -> bool {
        matches!(
            self.tokens.get(self.pos + 1).map(|t| &t.tok),
            Some(Tok::P(".")) | Some(Tok::P("["))
        )
    }

    fn member(&mut self) -> Result<Expr, Error> {
        let mut e = self.primary()?;
        loop {
            if self.at(".") {
                self.bump();
                let Token {
                    tok: Tok::Ident(name),
                    column,
                } = self.bump()
                else {
                    return Err(Error::syntax(
                        self.peek().column,
                        "expected a field or method name after '.'",
                    ));
                };
                let (name, column) = (name.clone(), *column);
                if self.at("(") {
                    self.bump();
                    let args = self.args(")")?;
                    e = make_call(Some(e), name, args, column)?;
                } else {
                    e = Expr {
                        kind: ExprKind::Select(Box::new(e), name),
                        column,
                    };
                }
            } else if self.at("[") {
                let column = self.bump().column;
                let index = self.expr()?;
                self.expect("]")?;
                e = Expr {
                    kind: ExprKind::Index(Box::new(e), Box::new(index)),
                    column,
                };
            } else {
                return Ok(e);
            }
        }
    }

    fn args(&mut self, close: &'static str) -> Result<Vec<Expr>, Error> {
        let mut args = Vec::new();
        if self.at(close) {
            self.bump();
            return Ok(args);
        }
        loop {
            args.push(self.expr()?);
            if self.at(",") {
                self.bump();
                if self.at(close) && close == "]" {
                    self.bump();
                    return Ok(args);
                }
                continue;
            }
            self.expect(close)?;
            return Ok(args);
        }
    }

    fn primary(&mut self) -> Result<Expr, Error> {
        let column = self.peek().column;
        let tok = self.bump().tok.clone();
        let kind = match tok {
            Tok::Int(n) => {
                let i = i64::try_from(n)
                    .map_err(|_| Error::syntax(column, format!("the number {n} is too large")))?;
                ExprKind::Literal(Value::Int(i))
            }
            Tok::Double(d) => ExprKind::Literal(Value::Double(d)),
            Tok::Str(s) => ExprKind::Literal(Value::String(s)),
            Tok::Ident(w) => match w.as_str() {
                "true" => ExprKind::Literal(Value::Bool(true)),
                "false" => ExprKind::Literal(Value::Bool(false)),
                "null" => ExprKind::Literal(Value::Null),
                "in" => return Err(Error::syntax(column, "unexpected 'in'")),
                _ if RESERVED.contains(&w.as_str()) => {
                    return Err(Error::syntax(column, format!("'{w}' is a reserved word")))
                }
                _ if self.at("(") => {
                    self.bump();
                    let args = self.args(")")?;
                    return make_call(None, w, args, column);
                }
                _ => ExprKind::Ident(w),
            },
            Tok::P("(") => {
                let inner = self.expr()?;
                self.expect(")")?;
                return Ok(inner);
            }
            Tok::P("[") => {
                self.enter()?;
                let items = self.args("]")?;
                self.depth -= 1;
                ExprKind::List(items)
            }
            Tok::P("{") => {
                self.enter()?;
                let mut entries = Vec::new();
                while !self.at("}") {
                    let k = self.expr()?;
                    self.expect(":")?;
                    let v = self.expr()?;
                    entries.push((k, v));
                    if self.at(",") {
                        self.bump();
                    } else {
                        break;
                    }
                }
                self.expect("}")?;
                self.depth -= 1;
                ExprKind::Map(entries)
            }
            Tok::P(p) => return Err(Error::syntax(column, format!("unexpected '{p}'"))),
            Tok::End => return Err(Error::syntax(column, "the expression ends too early")),
        };
        Ok(Expr { kind, column })
    }
}

/// Builds a call node, turning the macro `has` into its own node, and
/// refusing `matches` with the reason.
fn make_call(
    target: Option<Expr>,
    name: String,
    mut args: Vec<Expr>,
    column: usize,
) -> Result<Expr, Error> {
    match (name.as_str(), target) {
        ("has", None) => {
            if args.len() != 1 {
                return Err(Error::syntax(
                    column,
                    "has() takes one field selection, like has(answers.surname)",
                ));
            }
            match args.pop().map(|a| a.kind) {
                Some(ExprKind::Select(operand, field)) => Ok(Expr {
                    kind: ExprKind::Has(operand, field),
                    column,
                }),
                _ => Err(Error::syntax(
                    column,
                    "has() takes a field selection, like has(answers.surname)",
                )),
            }
        }
        ("matches", _) => Err(Error::check(
            column,
            "matches() is not in this subset (regular expressions cost the browser more than the download budget allows): a format is checked by the field's type, such as identity_number with its scheme",
        )),
        (_, target) => Ok(Expr {
            kind: ExprKind::Call {
                target: target.map(Box::new),
                name,
                args,
            },
            column,
        }),
    }
}

/// Calls `visit` on each direct child of `e`.
pub fn for_each_child<'a>(e: &'a Expr, mut visit: impl FnMut(&'a Expr)) {
    match &e.kind {
        ExprKind::Literal(_) | ExprKind::Ident(_) => {}
        ExprKind::Select(a, _) | ExprKind::Has(a, _) | ExprKind::Not(a) | ExprKind::Neg(a) => {
            visit(a)
        }
        ExprKind::Index(a, b)
        | ExprKind::Binary(_, a, b)
        | ExprKind::And(a, b)
        | ExprKind::Or(a, b) => {
            visit(a);
            visit(b);
        }
        ExprKind::Cond(a, b, c) => {
            visit(a);
            visit(b);
            visit(c);
        }
        ExprKind::Call { target, args, .. } => {
            if let Some(t) = target {
                visit(t);
            }
            args.iter().for_each(visit);
        }
        ExprKind::List(items) => items.iter().for_each(visit),
        ExprKind::Map(entries) => entries.iter().for_each(|(k, v)| {
            visit(k);
            visit(v);
        }),
    }
}

/// Collects the fields of `answers` that `e` reads.
pub fn answer_fields(e: &Expr, out: &mut Vec<String>) {
    match &e.kind {
        ExprKind::Select(operand, field) | ExprKind::Has(operand, field) if matches!(&operand.kind, ExprKind::Ident(root) if root == "answers") => {
            out.push(field.clone())
        }
        _ => for_each_child(e, |x| answer_fields(x, out)),
    }
}

fn is_ident(e: &Expr, name: &str) -> bool {
    matches!(&e.kind, ExprKind::Ident(n) if n == name)
}

/// `answers`, `filler.answers` or `calc` itself.
fn source(e: &Expr) -> Option<Source> {
    match &e.kind {
        ExprKind::Ident(n) if n == "answers" => Some(Source::Answers),
        ExprKind::Ident(n) if n == "calc" => Some(Source::Calc),
        ExprKind::Select(operand, field) if field == "answers" && is_ident(operand, "filler") => {
            Some(Source::FillerAnswers)
        }
        _ => None,
    }
}

/// Collects the answers and calculated values `e` reads: by name where it
/// names them (`answers.x`, `has(answers.x)`, `answers['x']`), all of a
/// source where it uses the source as a whole (`size(answers)`).
pub fn reads(e: &Expr, out: &mut Reads) {
    if let Some(from) = source(e) {
        out.every(from);
        return;
    }
    match &e.kind {
        ExprKind::Select(operand, key) | ExprKind::Has(operand, key) => match source(operand) {
            Some(from) => out.one(from, key),
            // `filler.role`, `filler.is_applicant`: not answers.
            None if is_ident(operand, "filler") => {}
            None => reads(operand, out),
        },
        ExprKind::Index(operand, index) => match (source(operand), &index.kind) {
            (Some(from), ExprKind::Literal(Value::String(key))) => out.one(from, key),
            (Some(from), _) => {
                out.every(from);
                reads(index, out);
            }
            (None, _) => {
                reads(operand, out);
                reads(index, out);
            }
        },
        ExprKind::Ident(n) if n == "filler" => out.every(Source::FillerAnswers),
        // Another applicant's answers: not this applicant's, so no link in
        // the graph of this applicant's visibility.
        ExprKind::Ident(n) if n == "principal" => out.principal = true,
        _ => for_each_child(e, |x| reads(x, out)),
    }
}
