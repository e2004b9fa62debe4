//! What the user has entered, exactly as entered.
//!
//! Answers are kept raw (a date is its three typed parts, "31", "2", "2025")
//! so that nothing the user typed is lost, even when it is not yet valid;
//! the validator turns them into typed values and reports what is wrong.

//!
//! JSON (drafts and the signed manifest): `{"filler": {"role": "self",
//! "answers": {…}}, "applicants": [{"answers": {…}}]}`, a text answer as a
//! string, a date as `{"day", "month", "year"[, "time"]}`, a file as
//! `{"sha256", "name", "type", "size"[, "width", "height"]}`. Reading is
//! bounded (`bounded.rs`): it may be a stranger's bundle.

use crate::bounded;
use crate::files::MediaType;
use serde::de::{Deserializer, Error, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// A whole filing: who fills it in, and for whom.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dossier {
    pub filler: Filler,
    /// One entry per person the filing is for; never empty once started.
    #[serde(deserialize_with = "applicants")]
    pub applicants: Vec<Applicant>,
}

pub(crate) fn applicants<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Applicant>, D::Error> {
    bounded::seq(d, bounded::MAX_APPLICANTS, "applicants")
}

/// Answers by field id, read bounded and without duplicate keys.
pub(crate) fn answers<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, Answer>, D::Error> {
    bounded::map(d, bounded::MAX_ANSWERS, "answers")
}

/// Who is filling the form in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filler {
    pub role: FillerRole,
    /// Their own details (name, identity document, phone), asked once:
    /// the answers to the form's `filler` sections. Empty for `Myself`,
    /// who is the first applicant. (Drafts saved before helpers existed
    /// have none.)
    #[serde(default, deserialize_with = "answers")]
    pub answers: BTreeMap<String, Answer>,
}

/// Who is filling the form in, as asked at the start: one of the form's
/// `roles` (its data, `rules::RoleDef`), by its word. The engine gives one
/// word a meaning of its own: `self`, the first applicant filling it in
/// for themself (and perhaps their family). Whether another word is one of
/// the form's roles is the validator's question (`validate`), not the
/// reader's: a draft or bundle is read before its form is known.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct FillerRole(String);

/// The longest role word a draft or bundle may carry.
const MAX_ROLE_LENGTH: usize = 40;

impl FillerRole {
    /// The word of the role with a meaning of its own.
    pub const SELF: &'static str = "self";

    pub fn myself() -> Self {
        FillerRole(Self::SELF.to_string())
    }

    /// The word in drafts, bundles and expressions (`filler.role`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_self(&self) -> bool {
        self.0 == Self::SELF
    }

    /// A role from its word: lower-case ASCII letters and `_`, at most 40.
    pub fn parse(word: &str) -> Option<FillerRole> {
        let ok = !word.is_empty()
            && word.len() <= MAX_ROLE_LENGTH
            && word.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
        ok.then(|| FillerRole(word.to_string()))
    }
}

impl Default for FillerRole {
    fn default() -> Self {
        FillerRole::myself()
    }
}

impl<'de> Deserialize<'de> for FillerRole {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let word = bounded::text(d)?;
        FillerRole::parse(&word).ok_or_else(|| {
            D::Error::custom(format_args!(
                "a role is a word of lower-case letters and _ (at most {MAX_ROLE_LENGTH}), not '{word}'"
            ))
        })
    }
}

impl Applicant {
    /// The applicant's name as messages about them give it: the answer to
    /// `name_field` in title case ("MARIA JOSE" gives "Maria Jose",
    /// "O'BRIEN-SMITH" "O'Brien-Smith"); `None` while it is blank.
    pub fn name(&self, name_field: Option<&str>) -> Option<String> {
        let raw = self.answers.get(name_field?)?.as_text()?.trim();
        if raw.is_empty() {
            return None;
        }
        // ASCII only: a name field holds A to Z as in the passport's
        // machine-readable zone, and Unicode case tables cost the browser
        // kilobytes.
        let mut out = String::with_capacity(raw.len());
        let mut after_letter = false;
        for c in raw.chars() {
            out.push(if after_letter {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            });
            after_letter = c.is_ascii_alphabetic();
        }
        Some(out)
    }
}

impl Dossier {
    /// Everyone's answers: the filler's own (`None`), then each
    /// applicant's by position, as `Issue::applicant` counts them.
    pub fn answer_sets(&self) -> impl Iterator<Item = (Option<usize>, &BTreeMap<String, Answer>)> {
        std::iter::once((None, &self.filler.answers)).chain(
            self.applicants
                .iter()
                .enumerate()
                .map(|(i, a)| (Some(i), &a.answers)),
        )
    }

    /// The answers of `who`: the filler's own (`None`) or an applicant's.
    pub fn answers_of(&self, who: Option<usize>) -> Option<&BTreeMap<String, Answer>> {
        match who {
            None => Some(&self.filler.answers),
            Some(i) => self.applicants.get(i).map(|a| &a.answers),
        }
    }

    pub fn answers_of_mut(&mut self, who: Option<usize>) -> Option<&mut BTreeMap<String, Answer>> {
        match who {
            None => Some(&mut self.filler.answers),
            Some(i) => self.applicants.get_mut(i).map(|a| &mut a.answers),
        }
    }

    /// Whether the person filling the form in is applicant `index`
    /// (messages then say "you"; otherwise they name the applicant).
    pub fn is_filler(&self, index: usize) -> bool {
        index == 0 && self.filler.role.is_self()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    /// Field id to the raw answer.
    #[serde(deserialize_with = "answers")]
    pub answers: BTreeMap<String, Answer>,
}

/// One raw answer: a JSON string, or an object of date parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Text, a choice's value, a number typed as text.
    Text(String),
    /// A date or a date and time, as typed. `time` is `HH:MM` for a
    /// date-and-time field and absent for a date.
    Date(DateParts),
    /// An attached file: what inspecting its bytes found. The bytes are
    /// kept apart (IndexedDB in the browser, the bundle's attachments),
    /// found by their SHA-256.
    File(FileRef),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileRef {
    /// SHA-256 of the bytes, lower-case hexadecimal.
    pub sha256: String,
    /// The file's name on the user's device, for display only.
    pub name: String,
    /// Decided by the leading bytes.
    #[serde(rename = "type", with = "crate::files::as_mime")]
    pub media_type: MediaType,
    pub size: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Text(text) => s.serialize_str(text),
            Answer::Date(d) => d.serialize(s),
            Answer::File(f) => f.serialize(s),
        }
    }
}

/// The members an answer object may have: a date's, or a file's.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerObject {
    #[serde(default, deserialize_with = "some_text")]
    day: Option<String>,
    #[serde(default, deserialize_with = "some_text")]
    month: Option<String>,
    #[serde(default, deserialize_with = "some_text")]
    year: Option<String>,
    #[serde(default, deserialize_with = "some_text")]
    time: Option<String>,
    #[serde(default, deserialize_with = "some_text")]
    sha256: Option<String>,
    #[serde(default, deserialize_with = "some_text")]
    name: Option<String>,
    #[serde(rename = "type", default, deserialize_with = "some_mime")]
    media_type: Option<MediaType>,
    size: Option<u64>,
    width: Option<u32>,
    height: Option<u32>,
}

fn some_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    bounded::text(d).map(Some)
}

fn some_mime<'de, D: Deserializer<'de>>(d: D) -> Result<Option<MediaType>, D::Error> {
    crate::files::as_mime::deserialize(d).map(Some)
}

impl AnswerObject {
    fn into_answer<E: Error>(self) -> Result<Answer, E> {
        let missing = |what: &str| E::custom(format!("an answer object lacks its {what}"));
        let Some(sha256) = self.sha256 else {
            return Ok(Answer::Date(DateParts {
                day: self.day.ok_or_else(|| missing("day"))?,
                month: self.month.ok_or_else(|| missing("month"))?,
                year: self.year.ok_or_else(|| missing("year"))?,
                time: self.time,
            }));
        };
        let well_formed = sha256.len() == 64
            && sha256
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !well_formed {
            return Err(E::custom("a file's sha256 is not 64 lower-case hex digits"));
        }
        Ok(Answer::File(FileRef {
            sha256,
            name: self.name.ok_or_else(|| missing("name"))?,
            media_type: self.media_type.ok_or_else(|| missing("type"))?,
            size: self.size.ok_or_else(|| missing("size"))?,
            width: self.width,
            height: self.height,
        }))
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Raw;
        impl<'de> Visitor<'de> for Raw {
            type Value = Answer;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an answer: a string, a date's parts or a file")
            }
            fn visit_str<E: Error>(self, text: &str) -> Result<Answer, E> {
                bounded::short(text).map(Answer::Text)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Answer, A::Error> {
                AnswerObject::deserialize(serde::de::value::MapAccessDeserializer::new(map))?
                    .into_answer()
            }
        }
        d.deserialize_any(Raw)
    }
}

impl DateParts {
    pub fn is_blank(&self) -> bool {
        self.day.trim().is_empty()
            && self.month.trim().is_empty()
            && self.year.trim().is_empty()
            && self.time.as_deref().is_none_or(|t| t.trim().is_empty())
    }
}

impl Answer {
    /// An answer that holds nothing but white space counts as not given.
    pub fn is_blank(&self) -> bool {
        match self {
            Answer::Text(s) => s.trim().is_empty(),
            Answer::Date(d) => d.is_blank(),
            Answer::File(_) => false,
        }
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Answer::Text(s) => Some(s),
            Answer::Date(_) | Answer::File(_) => None,
        }
    }
}

impl Dossier {
    /// A new filing for one applicant, filled in by that applicant.
    pub fn for_one() -> Self {
        Dossier {
            filler: Filler::default(),
            applicants: vec![Applicant::default()],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dossiers_round_trip_through_json() {
        let mut d = Dossier::for_one();
        d.filler.role = FillerRole::parse("guardian").unwrap();
        d.filler
            .answers
            .insert("helper_name".into(), Answer::Text("Li \"Lei\"".into()));
        d.applicants[0]
            .answers
            .insert("surname".into(), Answer::Text("LI".into()));
        d.applicants[0].answers.insert(
            "arrival".into(),
            Answer::Date(DateParts {
                day: "1".into(),
                month: "2".into(),
                year: "2000".into(),
                time: Some("10:30".into()),
            }),
        );
        d.applicants[0].answers.insert(
            "photo".into(),
            Answer::File(FileRef {
                sha256: "ab".repeat(32),
                name: "me.jpg".into(),
                media_type: MediaType::Jpeg,
                size: 1234,
                width: Some(354),
                height: Some(472),
            }),
        );
        let text = serde_json::to_string(&d).unwrap();
        assert!(
            text.contains(r#""type":"image/jpeg","size":1234,"width":354"#),
            "{text}"
        );
        assert_eq!(serde_json::from_str::<Dossier>(&text).unwrap(), d);
    }

    #[test]
    fn names_read_in_title_case() {
        let named = |raw: &str| {
            let mut a = Applicant::default();
            a.answers
                .insert("given_names".into(), Answer::Text(raw.into()));
            a.name(Some("given_names"))
        };
        assert_eq!(named("MARIA JOSE").as_deref(), Some("Maria Jose"));
        assert_eq!(named(" o'brien-SMITH ").as_deref(), Some("O'Brien-Smith"));
        assert_eq!(named("  "), None);
        assert_eq!(Applicant::default().name(Some("given_names")), None);
    }

    #[test]
    fn anything_else_is_not_a_dossier() {
        for bad in [
            "{}",
            "[]",
            r#"{"filler": {"role": "Boss", "answers": {}}, "applicants": []}"#,
            r#"{"filler": {"role": "self", "answers": {}}, "applicants": [{"answers": {"a": 3}}]}"#,
            r#"{"filler": {"role": "self"}, "applicants": [{"answers": {"a": "1", "a": "2"}}]}"#,
            r#"{"filler": {"role": "self"}, "applicants": [{"answers": {"a": {"day": "1", "month": "2"}}}]}"#,
            r#"{"filler": {"role": "self"}, "applicants": [{"answers": {"a": {"sha256": "x", "name": "n", "type": "image/png", "size": 1}}}]}"#,
            r#"{"filler": {"role": "self"}, "applicants": [], "extra": 1}"#,
        ] {
            assert!(serde_json::from_str::<Dossier>(bad).is_err(), "{bad}");
        }
    }
}
