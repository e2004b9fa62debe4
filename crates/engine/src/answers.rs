//! What the user has entered, exactly as entered.
//!
//! Answers are kept raw (a date is its three typed parts, "31", "2", "2025")
//! so that nothing the user typed is lost, even when it is not yet valid;
//! the validator turns them into typed values and reports what is wrong.

use crate::files::MediaType;
use crate::json::{self, Json, Value};
use std::collections::BTreeMap;

/// A whole filing: who fills it in, and for whom.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dossier {
    pub filler: Filler,
    /// One entry per person the filing is for; never empty once started.
    pub applicants: Vec<Applicant>,
}

/// Who is filling the form in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filler {
    pub role: FillerRole,
    /// Their own details (name, identity document, phone), asked once:
    /// the answers to the form's `filler` sections. Empty for `Myself`,
    /// who is the first applicant.
    pub answers: BTreeMap<String, Answer>,
}

/// Who is filling the form in, as asked at the start.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FillerRole {
    /// The first applicant, for themself (and perhaps their family).
    #[default]
    Myself,
    /// A family member or relative of the applicants.
    Family,
    /// The parent or guardian of a child.
    Guardian,
    Friend,
    /// An employer, school or host, by one of its staff.
    Organisation,
}

impl FillerRole {
    pub const ALL: [FillerRole; 5] = [
        FillerRole::Myself,
        FillerRole::Family,
        FillerRole::Guardian,
        FillerRole::Friend,
        FillerRole::Organisation,
    ];

    /// The word in drafts, bundles and expressions (`filler.role`).
    pub fn as_str(self) -> &'static str {
        match self {
            FillerRole::Myself => "self",
            FillerRole::Family => "family",
            FillerRole::Guardian => "guardian",
            FillerRole::Friend => "friend",
            FillerRole::Organisation => "organisation",
        }
    }

    pub fn parse(word: &str) -> Option<FillerRole> {
        FillerRole::ALL.into_iter().find(|r| r.as_str() == word)
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
        index == 0 && self.filler.role == FillerRole::Myself
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applicant {
    /// Field id to the raw answer.
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRef {
    /// SHA-256 of the bytes, lower-case hexadecimal.
    pub sha256: String,
    /// The file's name on the user's device, for display only.
    pub name: String,
    /// Decided by the leading bytes.
    pub media_type: MediaType,
    pub size: u64,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
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

/// JSON: `{"filler": {"role": "self", "answers": {…}}, "applicants":
/// [{"answers": {…}}]}`,
/// a text answer as a string and a date as `{"day", "month", "year"[, "time"]}`.
impl Dossier {
    pub fn to_json(&self) -> Json {
        let filler = json::object(vec![
            ("role", json::string(self.filler.role.as_str())),
            ("answers", answers_json(&self.filler.answers)),
        ]);
        let applicants = self
            .applicants
            .iter()
            .map(|a| json::object(vec![("answers", answers_json(&a.answers))]))
            .collect();
        json::object(vec![
            ("filler", filler),
            ("applicants", json::value(Value::Array(applicants))),
        ])
    }

    /// `None` when the JSON is not a dossier.
    pub fn from_json(j: &Json) -> Option<Dossier> {
        let filler = j.get("filler")?;
        let role = FillerRole::parse(filler.get("role")?.as_str()?)?;
        let Value::Array(items) = &j.get("applicants")?.value else {
            return None;
        };
        let mut applicants = Vec::with_capacity(items.len());
        for item in items {
            applicants.push(Applicant {
                answers: answers_from_json(item.get("answers")?)?,
            });
        }
        Some(Dossier {
            filler: Filler {
                role,
                // Drafts saved before helpers existed have no answers here.
                answers: match filler.get("answers") {
                    Some(a) => answers_from_json(a)?,
                    None => BTreeMap::new(),
                },
            },
            applicants,
        })
    }
}

fn answers_json(answers: &BTreeMap<String, Answer>) -> Json {
    let members = answers
        .iter()
        .map(|(k, v)| (k.clone(), v.to_json()))
        .collect();
    json::value(Value::Object(members))
}

fn answers_from_json(j: &Json) -> Option<BTreeMap<String, Answer>> {
    let Value::Object(members) = &j.value else {
        return None;
    };
    let mut answers = BTreeMap::new();
    for (k, v) in members {
        answers.insert(k.clone(), Answer::from_json(v)?);
    }
    Some(answers)
}

impl Answer {
    pub fn to_json(&self) -> Json {
        match self {
            Answer::Text(s) => json::string(s),
            Answer::Date(d) => {
                let mut parts = vec![
                    ("day", json::string(&d.day)),
                    ("month", json::string(&d.month)),
                    ("year", json::string(&d.year)),
                ];
                if let Some(t) = &d.time {
                    parts.push(("time", json::string(t)));
                }
                json::object(parts)
            }
            Answer::File(f) => {
                let mut parts = vec![
                    ("sha256", json::string(&f.sha256)),
                    ("name", json::string(&f.name)),
                    ("type", json::string(f.media_type.mime())),
                    ("size", json::value(Value::Number(f.size as f64))),
                ];
                if let (Some(w), Some(h)) = (f.width, f.height) {
                    parts.push(("width", json::value(Value::Number(f64::from(w)))));
                    parts.push(("height", json::value(Value::Number(f64::from(h)))));
                }
                json::object(parts)
            }
        }
    }

    pub fn from_json(j: &Json) -> Option<Answer> {
        match &j.value {
            Value::String(s) => Some(Answer::Text(s.clone())),
            Value::Object(_) if j.get("sha256").is_some() => {
                let number = |k: &str| match j.get(k).map(|n| &n.value) {
                    Some(Value::Number(x)) if x.fract() == 0.0 && *x >= 0.0 && *x < 9e15 => {
                        Some(*x)
                    }
                    _ => None,
                };
                let pixels = |k: &str| number(k).and_then(|x| u32::try_from(x as u64).ok());
                let sha256 = j.get("sha256")?.as_str()?;
                let well_formed = sha256.len() == 64
                    && sha256
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
                if !well_formed {
                    return None;
                }
                Some(Answer::File(FileRef {
                    sha256: sha256.to_string(),
                    name: j.get("name")?.as_str()?.to_string(),
                    media_type: MediaType::from_mime(j.get("type")?.as_str()?)?,
                    size: number("size")? as u64,
                    width: pixels("width"),
                    height: pixels("height"),
                }))
            }
            Value::Object(_) => {
                let part = |k: &str| j.get(k).and_then(Json::as_str).map(str::to_string);
                let time = match j.get("time") {
                    Some(t) => Some(t.as_str()?.to_string()),
                    None => None,
                };
                Some(Answer::Date(DateParts {
                    day: part("day")?,
                    month: part("month")?,
                    year: part("year")?,
                    time,
                }))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dossiers_round_trip_through_json() {
        let mut d = Dossier::for_one();
        d.filler.role = FillerRole::Guardian;
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
        let mut text = String::new();
        json::write(&mut text, &d.to_json());
        assert_eq!(Dossier::from_json(&json::parse(&text).unwrap()), Some(d));
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
            r#"{"filler": {"role": "boss", "answers": {}}, "applicants": []}"#,
            r#"{"filler": {"role": "self", "answers": {}}, "applicants": [{"answers": {"a": 3}}]}"#,
        ] {
            assert_eq!(
                Dossier::from_json(&json::parse(bad).unwrap()),
                None,
                "{bad}"
            );
        }
    }
}
