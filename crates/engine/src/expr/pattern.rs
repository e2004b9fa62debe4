//! The regular expressions of `matches()`, by regex-lite: RE2's syntax,
//! matched in time linear in the text, whatever the pattern. A pattern is
//! a literal, compiled when the rules are checked; packed rules carry its
//! text and compile it again when they are read.

use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone)]
pub struct Pattern(regex_lite::Regex);

impl Pattern {
    /// The error is regex-lite's, saying what is wrong and where.
    pub fn new(source: &str) -> Result<Pattern, String> {
        regex_lite::Regex::new(source)
            .map(Pattern)
            .map_err(|e| e.to_string())
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.0.is_match(text)
    }
}

impl Serialize for Pattern {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.as_str())
    }
}

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let source = String::deserialize(d)?;
        Pattern::new(&source).map_err(D::Error::custom)
    }
}
