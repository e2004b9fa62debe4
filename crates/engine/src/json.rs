//! A small, strict JSON (RFC 8259) reader and writer.
//!
//! Why not serde_json here: reading the rules and drafts through serde's
//! derives cost about 35 KB gzip of wasm (measured: 239.7 → 204.3 KB with
//! every serde call removed), over the 200 KiB download budget. This module
//! is a few hundred lines, keeps where each value starts (so errors name the
//! line and column as well as the path), and is used natively too, so the
//! browser and the tools read rules identically.

use std::fmt::Write as _;

/// Deepest nesting accepted: hostile input must not exhaust the stack.
pub const MAX_DEPTH: usize = 128;

/// A JSON value and where it starts in the text (1-based).
#[derive(Debug, Clone, PartialEq)]
pub struct Json {
    pub value: Value,
    pub line: u32,
    pub column: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    /// Members in file order; keys are unique (duplicates are an error).
    Object(Vec<(String, Json)>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: u32,
    pub column: u32,
    /// Where in the document it happened: `pages[6].fields[0]`; empty at the top.
    pub path: String,
    pub message: String,
}

impl Value {
    /// What the value is, for messages: "a string", "an object"…
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }
}

impl Json {
    pub fn get(&self, key: &str) -> Option<&Json> {
        match &self.value {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Parses one JSON document; anything after it but white space is an error.
pub fn parse(text: &str) -> Result<Json, SyntaxError> {
    let mut p = Parser {
        bytes: text.as_bytes(),
        pos: 0,
        line: 1,
        line_start: 0,
        counted: std::cell::Cell::new((0, 0)),
    };
    p.skip_ws();
    let v = p.value(0)?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.error("unexpected text after the end of the JSON value"));
    }
    Ok(v)
}

struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: u32,
    line_start: usize,
    /// (byte offset, characters from its line's start): columns are counted
    /// onwards from here, so a long minified line is not rescanned per value.
    counted: std::cell::Cell<(usize, u32)>,
}

/// Puts the key or index of the value an error came from in front of its
/// path, as the error leaves that value: no path is kept while parsing
/// goes well, which is nearly always.
fn within(segment: &str, mut e: SyntaxError) -> SyntaxError {
    let joiner = if e.path.is_empty() || e.path.starts_with('[') || segment.is_empty() {
        ""
    } else {
        "."
    };
    e.path = format!("{segment}{joiner}{}", e.path);
    e
}

impl Parser<'_> {
    /// 1-based, in characters, not bytes.
    fn column(&self) -> u32 {
        let (mut from, mut chars) = self.counted.get();
        if from < self.line_start || from > self.pos {
            (from, chars) = (self.line_start, 0);
        }
        let end = self.pos.min(self.bytes.len());
        let from = from.min(end);
        chars += self.bytes[from..end]
            .iter()
            .filter(|b| (**b & 0xC0) != 0x80)
            .count() as u32;
        self.counted.set((end, chars));
        chars + 1
    }

    fn error(&self, message: &str) -> SyntaxError {
        SyntaxError {
            line: self.line,
            column: self.column(),
            path: String::new(),
            message: message.to_string(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\r' => self.pos += 1,
                b'\n' => {
                    self.pos += 1;
                    self.line += 1;
                    self.line_start = self.pos;
                }
                _ => break,
            }
        }
    }

    fn expect(&mut self, b: u8, message: &str) -> Result<(), SyntaxError> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(message))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error("the JSON nests too deeply"));
        }
        let (line, column) = (self.line, self.column());
        let value = match self.peek() {
            None => return Err(self.error("the JSON ends too early")),
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.word("true", Value::Bool(true))?,
            Some(b'f') => self.word("false", Value::Bool(false))?,
            Some(b'n') => self.word("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(_) => return Err(self.error("expected a value")),
        };
        Ok(Json {
            value,
            line,
            column,
        })
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, SyntaxError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.pos += 1;
        let mut members: Vec<(String, Json)> = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'"') => {}
                Some(b'}') => return Err(self.error("trailing comma: remove the `,` before `}`")),
                _ => return Err(self.error("expected a key in double quotes")),
            }
            let (line, column) = (self.line, self.column());
            let key = self.string()?;
            if members.iter().any(|(k, _)| *k == key) {
                return Err(SyntaxError {
                    line,
                    column,
                    path: String::new(),
                    message: format!("the key \"{key}\" appears twice"),
                });
            }
            self.skip_ws();
            self.expect(b':', "expected `:`")
                .map_err(|e| within(&key, e))?;
            self.skip_ws();
            let v = self.value(depth + 1).map_err(|e| within(&key, e))?;
            members.push((key, v));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            if self.peek() == Some(b']') {
                return Err(self.error("trailing comma: remove the `,` before `]`"));
            }
            let index = items.len();
            let item = self
                .value(depth + 1)
                .map_err(|e| within(&format!("[{index}]"), e))?;
            items.push(item);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let s = p.pos;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.pos += 1;
            }
            p.pos - s
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        if digits(self) == 0 || (self.bytes[int_start] == b'0' && self.pos - int_start > 1) {
            return Err(self.error("invalid number"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if digits(self) == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.error("invalid number"));
            }
        }
        let text = std::str::from_utf8(&self.bytes[start..self.pos]).unwrap_or("x");
        crate::decimal::parse(text)
            .map(Value::Number)
            .ok_or_else(|| self.error("invalid number"))
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(b) = self.peek() else {
                return Err(self.error("this string is not closed"));
            };
            match b {
                b'"' => {
                    self.pos += 1;
                    // The input is a &str and escapes produce valid UTF-8.
                    return String::from_utf8(out).map_err(|_| self.error("invalid text"));
                }
                b'\\' => {
                    self.pos += 1;
                    let esc = self
                        .peek()
                        .ok_or_else(|| self.error("this string is not closed"))?;
                    self.pos += 1;
                    let c = match esc {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return Err(self.error("unknown escape in a string")),
                    };
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                0x00..=0x1F => {
                    return Err(self.error("a control character must be escaped in a string"))
                }
                _ => {
                    // Copy the whole run up to the next quote, escape or
                    // control character at once.
                    let run = self.bytes[self.pos..]
                        .iter()
                        .take_while(|&&c| c != b'"' && c != b'\\' && c >= 0x20)
                        .count();
                    out.extend_from_slice(&self.bytes[self.pos..self.pos + run]);
                    self.pos += run;
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let hex = self
            .bytes
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.error("\\u needs four hex digits"))?;
        let text = std::str::from_utf8(hex).map_err(|_| self.error("\\u needs four hex digits"))?;
        let n =
            u32::from_str_radix(text, 16).map_err(|_| self.error("\\u needs four hex digits"))?;
        self.pos += 4;
        Ok(n)
    }

    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let hi = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&hi) {
            // A surrogate pair: \uD83D\uDE00.
            if !self.bytes[self.pos..].starts_with(b"\\u") {
                return Err(self.error("unpaired surrogate in \\u escape"));
            }
            self.pos += 2;
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return Err(self.error("unpaired surrogate in \\u escape"));
            }
            0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
        } else {
            hi
        };
        char::from_u32(code).ok_or_else(|| self.error("unpaired surrogate in \\u escape"))
    }
}

/// Appends `s` as a JSON string literal.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes values as compact JSON.
pub fn write(out: &mut String, v: &Json) {
    match &v.value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let _ = write!(out, "{}", crate::decimal::Decimal(*n));
        }
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(out, item);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (k, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, k);
                out.push(':');
                write(out, item);
            }
            out.push('}');
        }
    }
}

/// Builds values to write; positions do not matter there.
pub fn value(v: Value) -> Json {
    Json {
        value: v,
        line: 0,
        column: 0,
    }
}

pub fn string(s: &str) -> Json {
    value(Value::String(s.to_string()))
}

pub fn object(members: Vec<(&str, Json)>) -> Json {
    value(Value::Object(
        members
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_locates() {
        let j = parse(
            "{\n  \"a\": [1, 2.5e1, -0.5, true, null],\n  \"b\": \"x\\u00e9\\ud83d\\ude00\\n\"\n}",
        )
        .unwrap();
        let a = j.get("a").unwrap();
        assert_eq!((a.line, a.column), (2, 8));
        assert_eq!(j.get("b").unwrap().as_str(), Some("xé😀\n"));
        let Value::Array(items) = &a.value else {
            panic!()
        };
        assert_eq!(items[1].value, Value::Number(25.0));
    }

    #[test]
    fn refuses_what_rfc_8259_refuses() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "+1",
            "'a'",
            "{a:1}",
            "\"\t\"",
            "[1] 2",
            "nul",
            "\"\\x\"",
            "\"\\ud800\"",
            "{\"a\":1,\"a\":2}",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn errors_give_line_and_column() {
        let e = parse("{\n  \"a\": 1\n  \"b\": 2\n}").unwrap_err();
        assert_eq!(
            (e.line, e.column, e.message.as_str()),
            (3, 3, "expected `,` or `}`")
        );
        let e = parse("{\"名前\": 1,}").unwrap_err();
        assert_eq!((e.line, e.column), (1, 10));
    }

    #[test]
    fn a_long_single_line_parses_in_linear_time() {
        // 200,000 values on one line: rescanning the line per value would
        // take minutes; counting onwards takes milliseconds.
        let text = format!("[{}1]", "1,".repeat(200_000));
        let started = std::time::Instant::now();
        let j = parse(&text).unwrap();
        let Value::Array(items) = &j.value else {
            panic!()
        };
        assert_eq!(items.last().map(|i| i.column), Some(400_002));
        assert!(
            started.elapsed().as_secs() < 5,
            "took {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse(&deep)
            .unwrap_err()
            .message
            .contains("nests too deeply"));
    }

    #[test]
    fn writes_round_trip() {
        let text = r#"{"a":[1,2.5,true,null],"b":"q\"\\\n\u0001é"}"#;
        let j = parse(text).unwrap();
        let mut out = String::new();
        write(&mut out, &j);
        assert_eq!(out, text);
    }
}
