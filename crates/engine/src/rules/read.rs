//! Reading rules files into the model with serde_json, strictly (unknown
//! properties are errors: see `model.rs`), with errors that name the file,
//! the JSON path (`pages[3].fields[1].type`, from serde_path_to_error), the
//! line and column (from serde_json), and the problem.

use super::load::{Catalog, CountryList, Index, RuleError};
use super::model::FormDef;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// Reads one JSON text as `T`; an error is located by file, path, line and
/// column.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, RuleError> {
    let mut de = serde_json::Deserializer::from_str(text);
    #[cfg(feature = "full-check")]
    let value = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| located(file, &path_text(e.path()), e.inner()))?;
    // The browser reads only files checked at build time: line and column
    // locate what a damaged copy breaks.
    #[cfg(not(feature = "full-check"))]
    let value = T::deserialize(&mut de).map_err(|e| located(file, "", &e))?;
    de.end().map_err(|e| located(file, "", &e))?;
    Ok(value)
}

/// `pages[3].fields[1].type`: the path as far as it is known (a key not
/// yet read, `?` to serde_path_to_error, means nothing to an author).
#[cfg(feature = "full-check")]
fn path_text(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => break,
        }
    }
    out
}

/// A serde_json error as a located `RuleError`. Its message is serde's
/// ("unknown field `colour`, expected one of …") without the position,
/// which the error carries apart.
pub fn located(file: &str, path: &str, e: &serde_json::Error) -> RuleError {
    let text = e.to_string();
    let message = match text.rfind(" at line ") {
        Some(at) if e.line() > 0 => &text[..at],
        _ => &text,
    };
    RuleError {
        line: (e.line() > 0).then_some(e.line()),
        column: (e.column() > 0).then_some(e.column()),
        ..RuleError::at(file, path, message)
    }
}

/// Reads a form file.
pub fn form(file: &str, text: &str) -> Result<FormDef, RuleError> {
    parse(file, text)
}

/// Reads `rules/index.json`.
pub fn index(file: &str, text: &str) -> Result<Index, RuleError> {
    parse(file, text)
}

/// Reads `rules/shared/countries.json`.
pub fn countries(file: &str, text: &str) -> Result<CountryList, RuleError> {
    parse(file, text)
}

/// One message of a locale file: a plain text, the two variants of a
/// message about an applicant, or (packed files only, under a key ending
/// in `.*`) the texts of a list of codes the form carries, in its order
/// ([`Catalog::name_list`]).
enum Message {
    Plain(String),
    About(SelfOther),
    List(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SelfOther {
    #[serde(rename = "self")]
    own: String,
    other: String,
}

impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = Message;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a string, or {\"self\": \"…\", \"other\": \"…\"}, or a list of strings, and nothing else",
                )
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Message, E> {
                Ok(Message::Plain(text.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Message, A::Error> {
                SelfOther::deserialize(MapAccessDeserializer::new(map)).map(Message::About)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Message, A::Error> {
                Vec::deserialize(SeqAccessDeserializer::new(seq)).map(Message::List)
            }
        }
        d.deserialize_any(Either)
    }
}

/// The messages of a locale file in the file's order, each key once.
struct LocaleFile(Vec<(String, Message)>);

impl<'de> Deserialize<'de> for LocaleFile {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = LocaleFile;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object of message keys and texts")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LocaleFile, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(LocaleFile(entries))
            }
        }
        d.deserialize_map(Entries)
    }
}

/// Adds a locale file (a flat object of message key to text, or to
/// `{"self": …, "other": …}`) to a catalog; a key defined twice is an error.
pub fn locale_file(catalog: &mut Catalog, file: &str, text: &str) -> Result<(), RuleError> {
    let LocaleFile(entries) = parse(file, text)?;
    for (key, message) in entries {
        match message {
            Message::Plain(text) => catalog.insert(file, &key, &text)?,
            Message::About(SelfOther { own, other }) => {
                catalog.insert(file, &key, &own)?;
                catalog.insert(file, &format!("{key}{}", super::load::OTHER), &other)?;
            }
            Message::List(texts) => catalog.insert_list(file, &key, texts)?,
        }
    }
    Ok(())
}
