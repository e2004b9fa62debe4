//! The regular expressions behind `matches()`: regex-lite's syntax and
//! semantics for the patterns this module accepts, in a few hundred lines.
//!
//! Why not regex-lite itself: it is the reference (a native dev-dependency
//! that `tests/regex_oracle.rs` compares against on random patterns), but it
//! costs 22 KB gzip in the browser's wasm, a tenth of the whole download
//! budget, for a function the shipped forms do not even use.
//!
//! What is kept from regex-lite: code-point matching (never inside a UTF-8
//! sequence); ASCII `\d \w \s`, POSIX classes and `\b`; ASCII-only `(?i)`;
//! flags `i m s U`; `(?:…)`, named groups, counted repetition, lazy
//! quantifiers. What is refused with a message instead: `\p{…}`, nested
//! classes and class set operations (as regex-lite does), the `x` and `R`
//! flags, `\<` and the other special word boundaries, and patterns whose
//! compiled form would exceed [`MAX_PROGRAM`] steps.
//!
//! Matching simulates the NFA (a Pike VM without captures), so time is
//! linear in the haystack whatever the pattern: no answer a user types can
//! make a rule take exponential time.

use std::fmt;

/// Largest compiled program accepted, in instructions (counted repetition
/// copies its operand, so `a{1000}{1000}` is refused here).
const MAX_PROGRAM: usize = 10_000;
/// Deepest group nesting accepted.
const MAX_NESTING: usize = 64;
/// Largest count in `{n,m}`.
const MAX_COUNT: u32 = 1000;
const MAX_CHAR: u32 = 0x10_FFFF;

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Regex {
    program: Vec<Inst>,
}

/// Why a pattern was refused, and where (1-based character position).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub message: &'static str,
    pub position: usize,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.position)
    }
}

/// Sorted, non-overlapping, non-adjacent inclusive ranges of code points.
type Ranges = Vec<(u32, u32)>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Look {
    StartText,
    EndText,
    StartLine,
    EndLine,
    WordBoundary,
    NotWordBoundary,
}

#[derive(Debug, Clone)]
enum Node {
    Empty,
    Class(Ranges),
    Look(Look),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat(Box<Node>, u32, Option<u32>),
}

#[derive(Debug, Clone)]
enum Inst {
    Class(Ranges),
    Look(Look),
    Split(usize, usize),
    Jump(usize),
    Match,
}

impl Regex {
    pub fn new(pattern: &str) -> Result<Regex, PatternError> {
        let mut parser = Parser {
            chars: pattern.chars().collect(),
            at: 0,
            flags: Flags::default(),
            depth: 0,
            names: Vec::new(),
        };
        let node = parser.alternation()?;
        if parser.at < parser.chars.len() {
            // Only an unmatched ')' stops the top-level alternation early.
            return Err(parser.error("found ')' without a matching '('"));
        }
        let mut program = Vec::new();
        compile(&node, &mut program)?;
        program.push(Inst::Match);
        Ok(Regex { program })
    }

    /// Whether the pattern matches anywhere in `haystack`.
    pub fn is_match(&self, haystack: &str) -> bool {
        let n = self.program.len();
        // `seen[pc] == step` marks a state already added at this position.
        let mut seen = vec![usize::MAX; n];
        let mut states: Vec<usize> = Vec::new();
        let mut pending: Vec<usize> = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        let mut prev: Option<char> = None;
        let mut rest = haystack.chars();
        let mut step = 0;
        loop {
            let next = rest.clone().next();
            states.clear();
            // Unanchored search: a new thread starts at every position.
            pending.push(0);
            for &start in &pending {
                stack.push(start);
                while let Some(pc) = stack.pop() {
                    if seen[pc] == step {
                        continue;
                    }
                    seen[pc] = step;
                    match &self.program[pc] {
                        Inst::Jump(to) => stack.push(*to),
                        Inst::Split(a, b) => {
                            stack.push(*b);
                            stack.push(*a);
                        }
                        Inst::Look(look) => {
                            if look_holds(*look, prev, next) {
                                stack.push(pc + 1);
                            }
                        }
                        Inst::Match => return true,
                        Inst::Class(_) => states.push(pc),
                    }
                }
            }
            pending.clear();
            let Some(c) = next else { return false };
            for &pc in &states {
                if let Inst::Class(ranges) = &self.program[pc] {
                    if contains(ranges, c) {
                        pending.push(pc + 1);
                    }
                }
            }
            prev = Some(c);
            rest.next();
            step += 1;
        }
    }
}

/// The compiled program in packed rules (`expr/pack.rs`): the browser runs
/// patterns it never parses.
impl Regex {
    pub(crate) fn write(&self, w: &mut crate::wire::Writer) {
        w.u(self.program.len() as u64);
        for inst in &self.program {
            match inst {
                Inst::Class(ranges) => {
                    w.u(0);
                    w.u(ranges.len() as u64);
                    for &(lo, hi) in ranges {
                        w.u(u64::from(lo));
                        w.u(u64::from(hi));
                    }
                }
                Inst::Look(look) => {
                    w.u(1);
                    w.u(LOOKS.iter().position(|l| l == look).unwrap_or(0) as u64);
                }
                Inst::Split(a, b) => {
                    w.u(2);
                    w.u(*a as u64);
                    w.u(*b as u64);
                }
                Inst::Jump(to) => {
                    w.u(3);
                    w.u(*to as u64);
                }
                Inst::Match => w.u(4),
            }
        }
    }

    /// Reads a program, refusing jumps outside it (which would panic when run).
    pub(crate) fn read(r: &mut crate::wire::Reader) -> crate::wire::Result<Regex> {
        let n = r.count()?;
        let mut program = Vec::with_capacity(n);
        let target = |r: &mut crate::wire::Reader| -> crate::wire::Result<usize> {
            let t = r.u()? as usize;
            if t >= n {
                return Err(r.error("a pattern jumps outside itself"));
            }
            Ok(t)
        };
        for _ in 0..n {
            program.push(match r.tag(5)? {
                0 => {
                    let k = r.count()?;
                    let mut ranges = Vec::with_capacity(k);
                    for _ in 0..k {
                        let lo = r.u()?.min(u64::from(MAX_CHAR)) as u32;
                        let hi = r.u()?.min(u64::from(MAX_CHAR)) as u32;
                        ranges.push((lo, hi));
                    }
                    Inst::Class(ranges)
                }
                1 => Inst::Look(LOOKS[r.tag(LOOKS.len() as u8)? as usize]),
                2 => Inst::Split(target(r)?, target(r)?),
                3 => Inst::Jump(target(r)?),
                _ => Inst::Match,
            });
        }
        // Every thread must end at Match or run out of input: a program
        // whose last instruction falls off the end is refused.
        if !matches!(program.last(), Some(Inst::Match)) {
            return Err(r.error("a pattern does not end"));
        }
        Ok(Regex { program })
    }
}

const LOOKS: [Look; 6] = [
    Look::StartText,
    Look::EndText,
    Look::StartLine,
    Look::EndLine,
    Look::WordBoundary,
    Look::NotWordBoundary,
];

fn look_holds(look: Look, prev: Option<char>, next: Option<char>) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    match look {
        Look::StartText => prev.is_none(),
        Look::EndText => next.is_none(),
        Look::StartLine => prev.is_none() || prev == Some('\n'),
        Look::EndLine => next.is_none() || next == Some('\n'),
        Look::WordBoundary => word(prev) != word(next),
        Look::NotWordBoundary => word(prev) == word(next),
    }
}

fn contains(ranges: &Ranges, c: char) -> bool {
    let c = c as u32;
    ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi)
}

fn compile(node: &Node, out: &mut Vec<Inst>) -> Result<(), PatternError> {
    if out.len() > MAX_PROGRAM {
        return Err(PatternError {
            message: "the pattern is too large once its repetitions are counted",
            position: 1,
        });
    }
    match node {
        Node::Empty => {}
        Node::Class(ranges) => out.push(Inst::Class(ranges.clone())),
        Node::Look(look) => out.push(Inst::Look(*look)),
        Node::Concat(items) => {
            for item in items {
                compile(item, out)?;
            }
        }
        Node::Alt(branches) => {
            // split(b1, next) … each branch jumps to the end when it is done.
            let mut jumps = Vec::new();
            for (i, branch) in branches.iter().enumerate() {
                let last = i + 1 == branches.len();
                let split = out.len();
                if !last {
                    out.push(Inst::Split(split + 1, 0));
                }
                compile(branch, out)?;
                if !last {
                    jumps.push(out.len());
                    out.push(Inst::Jump(0));
                    let after = out.len();
                    out[split] = Inst::Split(split + 1, after);
                }
            }
            let end = out.len();
            for j in jumps {
                out[j] = Inst::Jump(end);
            }
        }
        Node::Repeat(item, min, max) => {
            for _ in 0..*min {
                compile(item, out)?;
            }
            match max {
                None => {
                    let split = out.len();
                    out.push(Inst::Split(split + 1, 0));
                    compile(item, out)?;
                    out.push(Inst::Jump(split));
                    let after = out.len();
                    out[split] = Inst::Split(split + 1, after);
                }
                Some(max) => {
                    // Each optional copy may skip to the very end.
                    let mut splits = Vec::new();
                    for _ in *min..*max {
                        splits.push(out.len());
                        out.push(Inst::Split(0, 0));
                        compile(item, out)?;
                    }
                    let end = out.len();
                    for s in splits {
                        out[s] = Inst::Split(s + 1, end);
                    }
                }
            }
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, Default)]
struct Flags {
    case_insensitive: bool,
    multi_line: bool,
    dot_all: bool,
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    flags: Flags,
    depth: usize,
    /// Group names seen so far: a name may be given once.
    names: Vec<String>,
}

/// What an escape stands for.
enum Escaped {
    Char(char),
    Set(Ranges),
    Look(Look),
}

impl Parser {
    fn error(&self, message: &'static str) -> PatternError {
        PatternError {
            message,
            position: self.at + 1,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let hit = self.peek() == Some(c);
        if hit {
            self.at += 1;
        }
        hit
    }

    fn looking_at(&self, text: &str) -> bool {
        text.chars()
            .enumerate()
            .all(|(i, c)| self.chars.get(self.at + i) == Some(&c))
    }

    fn next_char(&mut self, missing: &'static str) -> Result<char, PatternError> {
        let c = self.peek().ok_or_else(|| self.error(missing))?;
        self.at += 1;
        Ok(c)
    }

    /// branch ('|' branch)*, up to an unmatched ')' or the end.
    fn alternation(&mut self) -> Result<Node, PatternError> {
        let mut branches = vec![self.concatenation()?];
        while self.eat('|') {
            branches.push(self.concatenation()?);
        }
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(branches)
        })
    }

    fn concatenation(&mut self) -> Result<Node, PatternError> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = match c {
                '(' => match self.group()? {
                    Some(node) => node,
                    None => continue, // a bare flag group: `(?i)`
                },
                // After a bare flag group, an operator repeats what came before it.
                '*' | '+' | '?' | '{' => match items.pop() {
                    Some(previous) => previous,
                    None => {
                        return Err(
                            self.error("a repetition operator must follow something to repeat")
                        )
                    }
                },
                _ => self.atom()?,
            };
            items.push(self.repetitions(atom)?);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    fn atom(&mut self) -> Result<Node, PatternError> {
        let c = self.next_char("the pattern ends too early")?;
        Ok(match c {
            '[' => Node::Class(self.class()?),
            '.' => {
                let mut ranges = vec![(0, MAX_CHAR)];
                if !self.flags.dot_all {
                    ranges = complement(&[('\n' as u32, '\n' as u32)]);
                }
                Node::Class(ranges)
            }
            '^' => Node::Look(if self.flags.multi_line {
                Look::StartLine
            } else {
                Look::StartText
            }),
            '$' => Node::Look(if self.flags.multi_line {
                Look::EndLine
            } else {
                Look::EndText
            }),
            '\\' => match self.escape()? {
                Escaped::Char(c) => self.literal(c),
                Escaped::Set(ranges) => Node::Class(ranges),
                Escaped::Look(look) => Node::Look(look),
            },
            c => self.literal(c),
        })
    }

    fn literal(&self, c: char) -> Node {
        let mut ranges = vec![(c as u32, c as u32)];
        if self.flags.case_insensitive {
            ranges = fold_ascii_case(ranges);
        }
        Node::Class(ranges)
    }

    /// `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each possibly lazy (`?`).
    fn repetitions(&mut self, mut node: Node) -> Result<Node, PatternError> {
        loop {
            let (min, max) = match self.peek() {
                Some('*') => (0, None),
                Some('+') => (1, None),
                Some('?') => (0, Some(1)),
                Some('{') => {
                    self.at += 1;
                    let min = self.count()?;
                    let max = if self.eat(',') {
                        if self.peek() == Some('}') {
                            None
                        } else {
                            Some(self.count()?)
                        }
                    } else {
                        Some(min)
                    };
                    if self.peek() != Some('}') {
                        return Err(self.error("a counted repetition is not closed with '}'"));
                    }
                    if max.is_some_and(|max| max < min) {
                        return Err(
                            self.error("a counted repetition has its minimum above its maximum")
                        );
                    }
                    (min, max)
                }
                _ => return Ok(node),
            };
            self.at += 1;
            // Laziness changes which match is found, not whether one is.
            self.eat('?');
            node = Node::Repeat(Box::new(node), min, max);
        }
    }

    /// A decimal in `{…}`; white space around it is allowed, as in regex-lite.
    fn count(&mut self) -> Result<u32, PatternError> {
        self.skip_white_space();
        let start = self.at;
        let mut n: u32 = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            n = n.saturating_mul(10).saturating_add(d);
            self.at += 1;
        }
        let digits = self.at - start;
        self.skip_white_space();
        if digits == 0 {
            return Err(self.error("a counted repetition needs a number"));
        }
        if n > MAX_COUNT {
            return Err(self.error("a counted repetition may not exceed 1000"));
        }
        Ok(n)
    }

    fn skip_white_space(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }

    /// After '(': a group, a flag group (`None` for a bare `(?flags)`).
    fn group(&mut self) -> Result<Option<Node>, PatternError> {
        self.at += 1;
        if self.depth >= MAX_NESTING {
            return Err(self.error("the pattern nests groups too deeply"));
        }
        let saved = self.flags;
        if self.eat('?') {
            if self.eat('P') && self.peek() != Some('<') {
                return Err(self.error("'(?P' must be followed by '<name>'"));
            }
            if self.eat('<') {
                self.group_name()?;
            } else if !self.flag_group()? {
                return Ok(None);
            }
        }
        self.depth += 1;
        let node = self.alternation()?;
        self.depth -= 1;
        if !self.eat(')') {
            return Err(self.error("a group is not closed with ')'"));
        }
        self.flags = saved;
        Ok(Some(node))
    }

    fn group_name(&mut self) -> Result<(), PatternError> {
        let start = self.at;
        while let Some(c) = self.peek() {
            if c == '>' {
                break;
            }
            let ok = c.is_ascii_alphanumeric()
                || c == '_'
                || (self.at > start && matches!(c, '.' | '[' | ']'));
            if !ok || (self.at == start && c.is_ascii_digit()) {
                return Err(self.error("a group name may hold only letters, digits and '_'"));
            }
            self.at += 1;
        }
        let name: String = self.chars[start..self.at].iter().collect();
        if name.is_empty() || !self.eat('>') {
            return Err(self.error("a group name is empty or not closed with '>'"));
        }
        if self.names.contains(&name) {
            return Err(self.error("two groups have the same name"));
        }
        self.names.push(name);
        Ok(())
    }

    /// Reads `flags)` or `flags:`; true when a scoped group follows.
    fn flag_group(&mut self) -> Result<bool, PatternError> {
        let mut on = true;
        let mut flags_since_minus = 0;
        let mut flags = 0;
        loop {
            let c = self.next_char("a flag group is not closed")?;
            match c {
                ':' | ')' => {
                    if (flags == 0 && c == ')') || (!on && flags_since_minus == 0) {
                        return Err(self.error("a flag group names no flag"));
                    }
                    return Ok(c == ':');
                }
                '-' if on => {
                    on = false;
                    continue;
                }
                'i' => self.flags.case_insensitive = on,
                'm' => self.flags.multi_line = on,
                's' => self.flags.dot_all = on,
                // Swapping greedy and lazy does not change whether it
                // matches; `u` is accepted and ignored, as regex-lite does.
                'U' | 'u' => {}
                _ => return Err(self.error("unsupported flag (only i, m, s, U and u)")),
            }
            flags += 1;
            if !on {
                flags_since_minus += 1;
            }
        }
    }

    /// After '[': the class up to its ']'. Leading '-'s, and a ']' that
    /// comes first, stand for themselves.
    fn class(&mut self) -> Result<Ranges, PatternError> {
        const UNCLOSED: &str = "a character class is not closed with ']'";
        let negated = self.eat('^');
        let mut ranges = Ranges::new();
        while self.eat('-') {
            ranges.push(('-' as u32, '-' as u32));
        }
        if ranges.is_empty() && self.eat(']') {
            ranges.push((']' as u32, ']' as u32));
        }
        loop {
            let c = self.next_char(UNCLOSED)?;
            match c {
                ']' => break,
                '[' if self.peek() == Some(':') => ranges.extend(self.posix_class()?),
                '[' => return Err(self.error("nested character classes are not supported")),
                '&' | '~' | '-' if self.peek() == Some(c) => {
                    return Err(self.error("character class set operations are not supported"))
                }
                _ => {
                    let start = self.class_item(c)?;
                    // A '-' before ']' or before another '-' is no range.
                    let range = self.peek() == Some('-')
                        && !matches!(self.chars.get(self.at + 1), Some(']' | '-'));
                    let start = match (start, range) {
                        (Escaped::Set(set), false) => {
                            ranges.extend(set);
                            continue;
                        }
                        (Escaped::Char(c), _) => c,
                        _ => {
                            return Err(
                                self.error("a class range must start with a single character")
                            )
                        }
                    };
                    let mut end = start;
                    if range {
                        self.at += 1;
                        let c = self.next_char(UNCLOSED)?;
                        end = match self.class_item(c)? {
                            Escaped::Char(c) => c,
                            _ => {
                                return Err(
                                    self.error("a class range must end with a single character")
                                )
                            }
                        };
                        if end < start {
                            return Err(self.error("a class range goes backwards"));
                        }
                    }
                    ranges.push((start as u32, end as u32));
                }
            }
        }
        let mut ranges = normalize(ranges);
        if self.flags.case_insensitive {
            ranges = fold_ascii_case(ranges);
        }
        Ok(if negated { complement(&ranges) } else { ranges })
    }

    /// One character of a class, or an escape (never an assertion).
    fn class_item(&mut self, c: char) -> Result<Escaped, PatternError> {
        match c {
            '\\' => match self.escape()? {
                Escaped::Look(_) => {
                    Err(self.error("an assertion cannot stand in a character class"))
                }
                // As in regex-lite, an escaped letter under (?i) is a set of
                // two and cannot end a range.
                Escaped::Char(c) if self.flags.case_insensitive && c.is_ascii_alphabetic() => {
                    Ok(Escaped::Set(fold_ascii_case(vec![(c as u32, c as u32)])))
                }
                item => Ok(item),
            },
            c => Ok(Escaped::Char(c)),
        }
    }

    /// After "[": `:name:]` or `:^name:]`.
    fn posix_class(&mut self) -> Result<Ranges, PatternError> {
        self.at += 1;
        let negated = self.eat('^');
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_lowercase()) {
            self.at += 1;
        }
        let name: String = self.chars[start..self.at].iter().collect();
        if !self.looking_at(":]") {
            return Err(self.error("a POSIX class is not closed with ':]'"));
        }
        self.at += 2;
        let set: &[(u8, u8)] = match name.as_str() {
            "alnum" => &[(b'0', b'9'), (b'A', b'Z'), (b'a', b'z')],
            "alpha" => &[(b'A', b'Z'), (b'a', b'z')],
            "ascii" => &[(0, 0x7F)],
            "blank" => &[(b'\t', b'\t'), (b' ', b' ')],
            "cntrl" => &[(0, 0x1F), (0x7F, 0x7F)],
            "digit" => DIGIT,
            "graph" => &[(b'!', b'~')],
            "lower" => &[(b'a', b'z')],
            "print" => &[(b' ', b'~')],
            "punct" => &[(b'!', b'/'), (b':', b'@'), (b'[', b'`'), (b'{', b'~')],
            "space" => SPACE,
            "upper" => &[(b'A', b'Z')],
            "word" => WORD,
            "xdigit" => &[(b'0', b'9'), (b'A', b'F'), (b'a', b'f')],
            _ => return Err(self.error("unknown POSIX class")),
        };
        Ok(ascii_set(set, negated))
    }

    /// After '\\'.
    fn escape(&mut self) -> Result<Escaped, PatternError> {
        let c = self.next_char("the pattern ends in the middle of an escape")?;
        let set = |s: &[(u8, u8)], negated| Ok(Escaped::Set(ascii_set(s, negated)));
        let look = |l| Ok(Escaped::Look(l));
        match c {
            'd' | 'D' => set(DIGIT, c == 'D'),
            'w' | 'W' => set(WORD, c == 'W'),
            's' | 'S' => set(SPACE, c == 'S'),
            'n' => Ok(Escaped::Char('\n')),
            't' => Ok(Escaped::Char('\t')),
            'r' => Ok(Escaped::Char('\r')),
            'f' => Ok(Escaped::Char('\x0C')),
            'v' => Ok(Escaped::Char('\x0B')),
            'a' => Ok(Escaped::Char('\x07')),
            'x' | 'u' => self.hex_escape(if c == 'x' { 2 } else { 4 }),
            'b' if self.peek() == Some('{') => {
                Err(self.error("special word boundaries like \\b{start} are not supported"))
            }
            'b' => look(Look::WordBoundary),
            'B' => look(Look::NotWordBoundary),
            'A' => look(Look::StartText),
            'z' => look(Look::EndText),
            'p' | 'P' => Err(self.error("Unicode classes (\\p, \\P) are not supported")),
            '<' | '>' => Err(self.error("\\< and \\> are not supported; use \\b")),
            c if c.is_ascii() && !c.is_ascii_alphanumeric() => Ok(Escaped::Char(c)),
            _ => Err(self.error("unrecognized escape sequence")),
        }
    }

    /// `\xHH`, `\uHHHH` or either with braces: `\x{H…}`.
    fn hex_escape(&mut self, digits: usize) -> Result<Escaped, PatternError> {
        let braced = self.eat('{');
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_ascii_hexdigit())
            && (braced || self.at - start < digits)
        {
            self.at += 1;
        }
        let end = self.at;
        let complete = if braced {
            end > start && self.eat('}')
        } else {
            end - start == digits
        };
        let hex = &self.chars[start..end];
        // Overflow gives None, refused below like any non-character.
        let c = hex
            .iter()
            .try_fold(0u32, |n, d| n.checked_mul(16)?.checked_add(d.to_digit(16)?))
            .and_then(char::from_u32);
        match (complete, c) {
            (true, Some(c)) => Ok(Escaped::Char(c)),
            _ => Err(self.error("a hexadecimal escape is incomplete or not a character")),
        }
    }
}

const DIGIT: &[(u8, u8)] = &[(b'0', b'9')];
const WORD: &[(u8, u8)] = &[(b'0', b'9'), (b'A', b'Z'), (b'_', b'_'), (b'a', b'z')];
const SPACE: &[(u8, u8)] = &[(b'\t', b'\r'), (b' ', b' ')];

fn ascii_set(set: &[(u8, u8)], negated: bool) -> Ranges {
    let ranges: Ranges = set.iter().map(|&(a, b)| (a as u32, b as u32)).collect();
    if negated {
        complement(&ranges)
    } else {
        ranges
    }
}

/// Sorts and merges overlapping or adjacent ranges.
fn normalize(mut ranges: Ranges) -> Ranges {
    crate::sort_small_by(&mut ranges, |a, b| a.cmp(b));
    let mut out: Ranges = Vec::with_capacity(ranges.len());
    for (lo, hi) in ranges {
        match out.last_mut() {
            Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    out
}

fn complement(ranges: &[(u32, u32)]) -> Ranges {
    let mut out = Ranges::new();
    let mut next = 0;
    for &(lo, hi) in ranges {
        if lo > next {
            out.push((next, lo - 1));
        }
        next = hi + 1;
    }
    if next <= MAX_CHAR {
        out.push((next, MAX_CHAR));
    }
    out
}

/// Adds the other ASCII case of every ASCII letter in the set.
fn fold_ascii_case(ranges: Ranges) -> Ranges {
    let mut out = ranges.clone();
    for (lo, hi) in ranges {
        for (from, to) in [(b'a' as u32, b'A' as u32), (b'A' as u32, b'a' as u32)] {
            let (a, b) = (lo.max(from), hi.min(from + 25));
            if a <= b {
                out.push((a - from + to, b - from + to));
            }
        }
    }
    normalize(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is(pattern: &str, haystack: &str) -> bool {
        Regex::new(pattern)
            .unwrap_or_else(|e| panic!("{pattern}: {e}"))
            .is_match(haystack)
    }

    #[test]
    fn basics() {
        assert!(is("", "anything"));
        assert!(is("b", "abc"));
        assert!(!is("^b$", "abc"));
        assert!(is(r"^\d{4}-\d{2}-\d{2}$", "2024-01-05"));
        assert!(!is(r"^\d{4}-\d{2}-\d{2}$", "2024-1-05"));
        assert!(is("^(hotel|hostel)$", "hostel"));
        assert!(is("(?i)^[a-z]+$", "ABC"));
        assert!(!is("^[a-z]+$", "ABC"));
        assert!(is("^..$", "日本"));
        assert!(is(r"^1[3-9]\d{9}$", "13812345678"));
        assert!(is(r"\bcat\b", "a cat sat"));
        assert!(!is(r"\bcat\b", "concatenate"));
        assert!(is("(?m)^b$", "a\nb\nc"));
        assert!(!is("^b$", "a\nb\nc"));
        assert!(is("(?s)a.b", "a\nb"));
        assert!(!is("a.b", "a\nb"));
        assert!(is("[^a-c]", "abcd"));
        assert!(!is("^[^a-c]+$", "abcd"));
        assert!(is("^[[:upper:]][[:^upper:]]*$", "Abc"));
        assert!(is(r"^\x41\u{1F600}$", "A😀"));
        assert!(is("^a{2,3}$", "aaa"));
        assert!(!is("^a{2,3}$", "aaaa"));
        assert!(is("^(?:ab)*?c$", "ababc"));
        assert!(is("^(?P<year>[0-9]{4})$", "2024"));
    }

    #[test]
    fn refusals_say_what_and_where() {
        let e = Regex::new("ab(c").unwrap_err();
        assert_eq!(
            e.to_string(),
            "a group is not closed with ')' (at character 5)"
        );
        for bad in [
            "[",
            "(",
            ")",
            "a{2,1}",
            "*a",
            r"\p{L}",
            "[[a]]",
            "[a&&b]",
            "(?x)a",
            r"\q",
            "a{1001}",
            "a{1000}{1000}",
            r"\x{D800}",
        ] {
            assert!(Regex::new(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn time_is_linear_even_for_nested_repetition() {
        let re = Regex::new("^(a+)+$").unwrap();
        let hay = "a".repeat(5000) + "!";
        assert!(!re.is_match(&hay));
    }
}
