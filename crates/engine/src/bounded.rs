//! Limits on what a draft or a bundle may hold, enforced while it is read:
//! a hostile bundle of a million answers, applicants, issues or
//! attachments is refused at the first item over the limit, before any
//! step that grows faster than the input (`bundle/verify.rs`). Each limit
//! is far above what a real filing holds.

use serde::de::{Deserialize, Deserializer, Error, MapAccess, SeqAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// People in one filing (a household, or a school's group).
pub const MAX_APPLICANTS: usize = 200;
/// Answers per person: a form's fields, with room to spare.
pub const MAX_ANSWERS: usize = 1_000;
/// Distinct attached files in one filing.
pub const MAX_ATTACHMENTS: usize = 2_000;
/// Recorded pre-check issues: a few per answer at most.
pub const MAX_ISSUES: usize = 10_000;
/// Rules files a bundle names.
pub const MAX_RULES_FILES: usize = 64;
/// One answer's text, a name or a key, in bytes (a field accepts 200
/// characters by default; an address is longer).
pub const MAX_TEXT_BYTES: usize = 8 * 1024;

/// A list of at most `max` items, refused at the first one over.
pub fn seq<'de, D, T>(d: D, max: usize, what: &'static str) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Items<T> {
        max: usize,
        what: &'static str,
        item: PhantomData<T>,
    }
    impl<'de, T: Deserialize<'de>> Visitor<'de> for Items<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "a list of at most {} {}", self.max, self.what)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = seq.next_element()? {
                if items.len() == self.max {
                    return Err(A::Error::custom(format!(
                        "more than {} {}",
                        self.max, self.what
                    )));
                }
                items.push(item);
            }
            Ok(items)
        }
    }
    d.deserialize_seq(Items {
        max,
        what,
        item: PhantomData,
    })
}

/// An object of at most `max` members with distinct keys, each key at most
/// [`MAX_TEXT_BYTES`]. Duplicate keys are refused: two readers of the same
/// signed text must not see two different values.
pub fn map<'de, D, V>(d: D, max: usize, what: &'static str) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Members<V> {
        max: usize,
        what: &'static str,
        value: PhantomData<V>,
    }
    impl<'de, V: Deserialize<'de>> Visitor<'de> for Members<V> {
        type Value = BTreeMap<String, V>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "an object of at most {} {}", self.max, self.what)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut members = BTreeMap::new();
            while let Some(key) = map.next_key::<Text>()? {
                if members.len() == self.max {
                    return Err(A::Error::custom(format!(
                        "more than {} {}",
                        self.max, self.what
                    )));
                }
                let value = map.next_value()?;
                if members.insert(key.0.clone(), value).is_some() {
                    return Err(A::Error::custom(format!("'{}' appears twice", key.0)));
                }
            }
            Ok(members)
        }
    }
    d.deserialize_map(Members {
        max,
        what,
        value: PhantomData,
    })
}

/// A string of at most [`MAX_TEXT_BYTES`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        text(d).map(Text)
    }
}

/// `#[serde(deserialize_with = "bounded::text")]`.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Short;
    impl Visitor<'_> for Short {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "a string of at most {MAX_TEXT_BYTES} bytes")
        }
        fn visit_str<E: Error>(self, s: &str) -> Result<String, E> {
            short(s)
        }
    }
    d.deserialize_str(Short)
}

/// `s` as an owned string, when it is at most [`MAX_TEXT_BYTES`]; for
/// visitors that read a text among other things (an answer).
pub fn short<E: Error>(s: &str) -> Result<String, E> {
    if s.len() > MAX_TEXT_BYTES {
        return Err(E::custom(format!(
            "a text of {} bytes, more than the {MAX_TEXT_BYTES} allowed",
            s.len()
        )));
    }
    Ok(s.to_string())
}
