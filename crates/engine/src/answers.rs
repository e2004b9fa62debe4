//! What the user has entered, exactly as entered.
//!
//! Answers are kept raw (a date is its three typed parts, "31", "2", "2025")
//! so that nothing the user typed is lost, even when it is not yet valid;
//! the validator turns them into typed values and reports what is wrong.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A whole filing: who fills it in, and for whom.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Dossier {
    pub filler: Filler,
    /// One entry per person the filing is for; never empty once started.
    pub applicants: Vec<Applicant>,
}

/// Who is filling the form in.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Filler {
    pub role: FillerRole,
    /// The helper's own name, when filling in for someone else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FillerRole {
    /// The applicant, for themselves.
    #[default]
    #[serde(rename = "self")]
    Myself,
    /// A family member, relative, friend, host or guardian.
    Helper,
}

impl FillerRole {
    pub fn as_str(self) -> &'static str {
        match self {
            FillerRole::Myself => "self",
            FillerRole::Helper => "helper",
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Applicant {
    /// Field id to the raw answer.
    pub answers: BTreeMap<String, Answer>,
}

/// One raw answer: a JSON string, or an object of date parts.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Answer {
    /// Text, a choice's value, a number typed as text.
    Text(String),
    /// A date or a date and time, as typed. `time` is `HH:MM` for a
    /// date-and-time field and absent for a date.
    Date(DateParts),
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
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
        }
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Answer::Text(s) => Some(s),
            Answer::Date(_) => None,
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

/// Written by hand: serde's derive for an untagged enum buffers the input
/// through a generic value type, which costs about 10 KiB of wasm.
impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct AnswerVisitor;
        impl<'de> serde::de::Visitor<'de> for AnswerVisitor {
            type Value = Answer;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text answer or an object of date parts")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Answer, E> {
                Ok(Answer::Text(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Answer, E> {
                Ok(Answer::Text(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Answer, A::Error> {
                DateParts::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(Answer::Date)
            }
        }
        d.deserialize_any(AnswerVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_round_trip_through_json() {
        let date = Answer::Date(DateParts {
            day: "1".into(),
            month: "2".into(),
            year: "2000".into(),
            time: Some("10:30".into()),
        });
        for a in [Answer::Text("LI".into()), date] {
            let text = serde_json::to_string(&a).unwrap();
            assert_eq!(serde_json::from_str::<Answer>(&text).unwrap(), a);
        }
        assert!(serde_json::from_str::<Answer>("3").is_err());
        assert!(serde_json::from_str::<Answer>(r#"{"day": 1}"#).is_err());
    }
}
