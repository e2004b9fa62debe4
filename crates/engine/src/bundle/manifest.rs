//! The signed payload: everything a portal needs to accept a filing and to
//! check it again (product.md, "The signed bundle").

use super::FORMAT;
use crate::answers::{Answer, Dossier};
use crate::expr::functions::parse_rfc3339;
use crate::files::MediaType;
use crate::json::{self, Json, Value};
use crate::rules::{addressee, Catalog, FormDef, Severity};
use crate::validate::Report;
use chrono::{DateTime, Datelike, FixedOffset, Timelike};

#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    pub form_id: String,
    pub form_version: String,
    /// The rules files the answers were checked against, with their digests.
    pub rules: Vec<RulesFile>,
    /// The engine's version (`dossier-engine`'s crate version).
    pub engine: String,
    /// The language the user saw (a code from `rules/index.json`).
    pub language: String,
    /// When it was signed, in Beijing time: the verifier checks the rules
    /// at this moment.
    pub created: DateTime<FixedOffset>,
    /// Who filled it in, in what role, and each applicant's answers.
    pub dossier: Dossier,
    /// One entry per distinct attached file, ordered by digest.
    pub attachments: Vec<Attachment>,
    pub declaration_id: String,
    /// The declaration made for each applicant, in order, exactly as it
    /// was shown in `language` (`declaration_texts`).
    pub declaration_texts: Vec<String>,
    /// What the pre-check found when the user signed (never an error).
    pub precheck: Vec<RecordedIssue>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesFile {
    /// Path inside `rules/`, as `index.json` names it.
    pub file: String,
    /// SHA-256 of the file's bytes, lower-case hexadecimal.
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub sha256: String,
    pub name: String,
    pub media_type: MediaType,
    pub size: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RecordedIssue {
    /// `None` for the filler's own pages.
    pub applicant: Option<usize>,
    pub field: String,
    pub code: String,
    pub severity: Severity,
    /// A warning the user explicitly accepted before signing.
    pub acknowledged: bool,
}

impl RecordedIssue {
    /// The issues of `report` as a bundle records them; warnings are marked
    /// acknowledged when the user said so.
    pub fn from_report(report: &Report, warnings_acknowledged: bool) -> Vec<RecordedIssue> {
        let mut out: Vec<RecordedIssue> = report
            .issues()
            .map(|i| RecordedIssue {
                applicant: i.applicant,
                field: i.field.clone(),
                code: i.code.clone(),
                severity: i.severity,
                acknowledged: warnings_acknowledged && i.severity == Severity::Warning,
            })
            .collect();
        crate::sort_small_by(&mut out, |a, b| a.cmp(b));
        out
    }
}

/// The declaration made for each applicant, worded for them in `catalog`'s
/// language ("I declare that the information I have given about Maria…").
pub fn declaration_texts(def: &FormDef, catalog: &Catalog, dossier: &Dossier) -> Vec<String> {
    (0..dossier.applicants.len())
        .map(|i| {
            let person = addressee(def, catalog, dossier, i);
            catalog.text_about(&def.declaration.text, person.as_deref(), &[])
        })
        .collect()
}

/// The distinct files the answers refer to, ordered by digest.
pub fn attachments_of(dossier: &Dossier) -> Vec<Attachment> {
    let mut out: Vec<Attachment> = Vec::new();
    for (_, answers) in dossier.answer_sets() {
        for answer in answers.values() {
            if let Answer::File(f) = answer {
                if !out.iter().any(|a| a.sha256 == f.sha256) {
                    out.push(Attachment {
                        sha256: f.sha256.clone(),
                        name: f.name.clone(),
                        media_type: f.media_type,
                        size: f.size,
                    });
                }
            }
        }
    }
    crate::sort_small_by_key(&mut out, |a| a.sha256.clone());
    out
}

/// RFC 3339 with the offset kept: `2026-11-21T20:30:05+08:00`.
pub fn rfc3339(t: &DateTime<FixedOffset>) -> String {
    let offset = t.offset().local_minus_utc();
    let sign = if offset < 0 { '-' } else { '+' };
    let offset = offset.unsigned_abs() / 60;
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        offset / 60,
        offset % 60
    )
}

fn number(n: u64) -> Json {
    json::value(Value::Number(n as f64))
}

impl Manifest {
    pub fn to_json(&self) -> Json {
        let dossier = self.dossier.to_json();
        let rules = self
            .rules
            .iter()
            .map(|r| {
                json::object(vec![
                    ("file", json::string(&r.file)),
                    ("sha256", json::string(&r.sha256)),
                ])
            })
            .collect();
        let attachments = self
            .attachments
            .iter()
            .map(|a| {
                json::object(vec![
                    ("sha256", json::string(&a.sha256)),
                    ("name", json::string(&a.name)),
                    ("type", json::string(a.media_type.mime())),
                    ("size", number(a.size)),
                ])
            })
            .collect();
        let issues = self
            .precheck
            .iter()
            .map(|i| {
                let mut members = Vec::new();
                if let Some(a) = i.applicant {
                    members.push(("applicant", number(a as u64)));
                }
                members.extend([
                    ("field", json::string(&i.field)),
                    ("code", json::string(&i.code)),
                    ("severity", json::string(i.severity.as_str())),
                    ("acknowledged", json::value(Value::Bool(i.acknowledged))),
                ]);
                json::object(members)
            })
            .collect();
        json::object(vec![
            ("format", json::string(FORMAT)),
            (
                "form",
                json::object(vec![
                    ("id", json::string(&self.form_id)),
                    ("version", json::string(&self.form_version)),
                ]),
            ),
            ("rules", json::value(Value::Array(rules))),
            ("engine", json::string(&self.engine)),
            ("language", json::string(&self.language)),
            ("created", json::string(&rfc3339(&self.created))),
            (
                "filler",
                dossier
                    .get("filler")
                    .cloned()
                    .unwrap_or(json::value(Value::Null)),
            ),
            (
                "applicants",
                dossier
                    .get("applicants")
                    .cloned()
                    .unwrap_or(json::value(Value::Null)),
            ),
            ("attachments", json::value(Value::Array(attachments))),
            (
                "declaration",
                json::object(vec![
                    ("id", json::string(&self.declaration_id)),
                    (
                        "texts",
                        json::value(Value::Array(
                            self.declaration_texts
                                .iter()
                                .map(|t| json::string(t))
                                .collect(),
                        )),
                    ),
                ]),
            ),
            (
                "precheck",
                json::object(vec![("issues", json::value(Value::Array(issues)))]),
            ),
        ])
    }

    pub fn to_json_text(&self) -> String {
        let mut out = String::new();
        json::write(&mut out, &self.to_json());
        out
    }

    /// Reads a manifest, strictly: every member present with its type, no
    /// other member, the format this engine writes. The error says which
    /// member is wrong.
    pub fn from_json(j: &Json) -> Result<Manifest, String> {
        const KEYS: &[&str] = &[
            "format",
            "form",
            "rules",
            "engine",
            "language",
            "created",
            "filler",
            "applicants",
            "attachments",
            "declaration",
            "precheck",
        ];
        let Value::Object(members) = &j.value else {
            return Err("the payload is not a JSON object".into());
        };
        if let Some((k, _)) = members.iter().find(|(k, _)| !KEYS.contains(&k.as_str())) {
            return Err(format!("the manifest has an unknown member '{k}'"));
        }
        let text = |n: Option<&Json>, what: &str| -> Result<String, String> {
            n.and_then(Json::as_str)
                .map(str::to_string)
                .ok_or_else(|| format!("the manifest's {what} is missing or not text"))
        };
        let format = text(j.get("format"), "format")?;
        if format != FORMAT {
            return Err(format!("the bundle format '{format}' is not '{FORMAT}'"));
        }
        let form = j.get("form");
        let created_text = text(j.get("created"), "creation time")?;
        let created = parse_rfc3339(&created_text)
            .ok_or_else(|| format!("the creation time '{created_text}' is not an RFC 3339 time"))?;
        let list = |key: &str| -> Result<&[Json], String> {
            match j.get(key).map(|n| &n.value) {
                Some(Value::Array(items)) => Ok(items),
                _ => Err(format!("the manifest's {key} is missing or not a list")),
            }
        };
        let count = |n: Option<&Json>, what: &str| -> Result<u64, String> {
            match n.map(|n| &n.value) {
                Some(Value::Number(x)) if x.fract() == 0.0 && *x >= 0.0 && *x < 9e15 => {
                    Ok(*x as u64)
                }
                _ => Err(format!(
                    "the manifest's {what} is missing or not a whole number"
                )),
            }
        };
        let rules = list("rules")?
            .iter()
            .map(|r| {
                Ok(RulesFile {
                    file: text(r.get("file"), "rules file")?,
                    sha256: text(r.get("sha256"), "rules digest")?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let attachments = list("attachments")?
            .iter()
            .map(|a| {
                let mime = text(a.get("type"), "attachment type")?;
                Ok(Attachment {
                    sha256: text(a.get("sha256"), "attachment digest")?,
                    name: text(a.get("name"), "attachment name")?,
                    media_type: MediaType::from_mime(&mime)
                        .ok_or_else(|| format!("the attachment type '{mime}' is not accepted"))?,
                    size: count(a.get("size"), "attachment size")?,
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        let issues = match j
            .get("precheck")
            .and_then(|p| p.get("issues"))
            .map(|n| &n.value)
        {
            Some(Value::Array(items)) => items,
            _ => return Err("the manifest's precheck is missing its issues".into()),
        };
        let precheck = issues
            .iter()
            .map(|i| {
                let severity = match text(i.get("severity"), "issue severity")?.as_str() {
                    "error" => Severity::Error,
                    "warning" => Severity::Warning,
                    "info" => Severity::Info,
                    other => return Err(format!("the issue severity '{other}' is unknown")),
                };
                Ok(RecordedIssue {
                    applicant: match i.get("applicant") {
                        None => None,
                        a => Some(count(a, "issue applicant")? as usize),
                    },
                    field: text(i.get("field"), "issue field")?,
                    code: text(i.get("code"), "issue code")?,
                    severity,
                    acknowledged: matches!(
                        i.get("acknowledged").map(|n| &n.value),
                        Some(Value::Bool(true))
                    ),
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        // The manifest's filler and applicants are a saved draft's shape.
        let dossier = Dossier::from_json(j)
            .ok_or("the manifest's filler or applicants are not well formed")?;
        let declaration = j.get("declaration");
        Ok(Manifest {
            form_id: text(form.and_then(|f| f.get("id")), "form id")?,
            form_version: text(form.and_then(|f| f.get("version")), "form version")?,
            rules,
            engine: text(j.get("engine"), "engine version")?,
            language: text(j.get("language"), "language")?,
            created,
            dossier,
            attachments,
            declaration_id: text(declaration.and_then(|d| d.get("id")), "declaration id")?,
            declaration_texts: match declaration.and_then(|d| d.get("texts")).map(|n| &n.value) {
                Some(Value::Array(items)) => items
                    .iter()
                    .map(|t| text(Some(t), "declaration text"))
                    .collect::<Result<Vec<_>, String>>()?,
                _ => {
                    return Err("the manifest's declaration texts are missing or not a list".into())
                }
            },
            precheck,
        })
    }
}
