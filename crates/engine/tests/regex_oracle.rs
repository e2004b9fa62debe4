//! `matches()` runs on the engine's own small regex engine
//! (`src/expr/regex.rs`); regex-lite is its reference. On random patterns
//! and haystacks both must agree on whether a pattern is accepted and on
//! whether it matches. The engine refuses a few things regex-lite accepts
//! (listed in `REFUSED_ON_PURPOSE`); a pattern using them is skipped.

mod support;
use dossier_engine::expr::regex::Regex;
use support::Rng;

const PATTERN_PIECES: &[&str] = &[
    "a",
    "b",
    "A",
    "日",
    "1",
    " ",
    ".",
    "^",
    "$",
    "|",
    "(",
    ")",
    "(?:",
    "(?i)",
    "(?m)",
    "(?s)",
    "(?-i)",
    "(?i:",
    "(?P<n>",
    "*",
    "+",
    "?",
    "*?",
    "{2}",
    "{1,3}",
    "{0,}",
    "{,2}",
    "{",
    "}",
    "\\d",
    "\\D",
    "\\w",
    "\\W",
    "\\s",
    "\\S",
    "\\b",
    "\\B",
    "\\A",
    "\\z",
    "\\.",
    "\\\\",
    "\\n",
    "\\x41",
    "\\u{65e5}",
    "\\-",
    "\\q",
    "[",
    "]",
    "[ab]",
    "[^a]",
    "[a-c]",
    "[c-a]",
    "[-a]",
    "[a-]",
    "[]a]",
    "[^]a]",
    "[\\d]",
    "[^\\W]",
    "[[:alpha:]]",
    "[[:^digit:]]",
    "[[:bogus:]]",
    "[a&&b]",
    "-",
    "\\",
    "(?U)",
    "(?)",
    "(?-)",
    "{1000}",
    "{3,2}",
    "[A-z]",
    "\\x{110000}",
    "\\u00e9",
    "\\x4",
    "[[:word:]]",
    "(?<m>",
    "[\\-]",
    "[a\\-z]",
    "\\ ",
    "\\#",
    "\\&",
    "\\~",
    "\\_",
    "\\%",
    "é",
    "[é-ë]",
    "[[:punct:]]",
    "(?i-s:",
    "(?ims)",
    "\\t",
    "[\\b]",
    "[^\\n]",
    "{ 1 , 2 }",
    "{1, }",
    "{ 3}",
    "\\0",
    "\\1",
    "\\x{}",
    "(?P>",
    "\\[",
    "\\]",
    "[--]",
    "[a~~b]",
    "\\v",
];

const HAYSTACK_PIECES: &[&str] = &[
    "a", "b", "A", "B", "1", " ", "\n", ".", "-", "_", "日", "é", "É", "]", "\t", "%", "[",
];

/// Syntax the engine deliberately refuses although regex-lite accepts it.
const REFUSED_ON_PURPOSE: &[&str] = &["(?x", "(?R", "\\b{", "\\<", "\\>", "\\p", "\\P"];

#[test]
fn agrees_with_regex_lite_on_random_patterns() {
    let seed: u64 = std::env::var("SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_4e6e_0000_0001);
    let mut rng = Rng(seed);
    let mut compared = 0;
    let mut accepted = 0;
    for _ in 0..60_000 {
        let len = 1 + rng.below(14);
        let pattern = rng.text(PATTERN_PIECES, len);
        if REFUSED_ON_PURPOSE.iter().any(|s| pattern.contains(s)) {
            continue;
        }
        let ours = Regex::new(&pattern);
        if ours
            .as_ref()
            .is_err_and(|e| e.message.contains("1000") || e.message.contains("too large"))
        {
            continue; // the engine's size limits are tighter than regex-lite's
        }
        let theirs = regex_lite::Regex::new(&pattern);
        if theirs
            .as_ref()
            .is_err_and(|e| e.to_string().contains("size limit"))
        {
            continue; // and regex-lite's are tighter than the engine's elsewhere
        }
        assert_eq!(
            ours.is_ok(),
            theirs.is_ok(),
            "pattern {pattern:?}: ours {:?}, regex-lite {:?}",
            ours.as_ref().err(),
            theirs.as_ref().err().map(|e| e.to_string())
        );
        compared += 1;
        let (Ok(ours), Ok(theirs)) = (ours, theirs) else {
            continue;
        };
        accepted += 1;
        for _ in 0..8 {
            let len = rng.below(7);
            let hay = rng.text(HAYSTACK_PIECES, len);
            assert_eq!(
                ours.is_match(&hay),
                theirs.is_match(&hay),
                "pattern {pattern:?} on {hay:?}"
            );
        }
    }
    // The generator must keep exercising both sides.
    assert!(
        compared > 30_000 && accepted > 5_000,
        "{compared} compared, {accepted} accepted"
    );
}

#[test]
fn agrees_on_the_patterns_rule_authors_write() {
    let cases: &[(&str, &[&str])] = &[
        (
            r"^1[3-9]\d{9}$",
            &["13812345678", "12812345678", "1381234567"],
        ),
        (r"^\d{6}$", &["100000", "10000", "1000000", "１００００"]),
        (
            r"^[A-Z]{1,2}\d{7,8}$",
            &["E12345678", "EA1234567", "e12345678"],
        ),
        (r"^[\p{Han}]+$", &[]),
        (
            r"^\+?\d[\d ]{6,18}$",
            &["+44 20 7946 0958", "+4", "020 7946"],
        ),
        (r"(?i)^(hotel|hostel)$", &["HOTEL", "Hostel", "motel"]),
        (r"^[^\x00-\x1F]*$", &["plain", "tab\there"]),
    ];
    for (pattern, haystacks) in cases {
        let theirs = regex_lite::Regex::new(pattern);
        let ours = Regex::new(pattern);
        if theirs.is_err() {
            assert!(ours.is_err(), "{pattern} should be refused");
            continue;
        }
        let (ours, theirs) = (ours.unwrap(), theirs.unwrap());
        for hay in *haystacks {
            assert_eq!(
                ours.is_match(hay),
                theirs.is_match(hay),
                "{pattern} on {hay:?}"
            );
        }
    }
}
