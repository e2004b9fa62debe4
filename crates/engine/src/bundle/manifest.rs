//! The signed payload: everything a portal needs to accept a filing and to
//! check it again (product.md, "The signed bundle").

use super::FORMAT;
use crate::answers::{Answer, Applicant, Dossier, Filler};
use crate::bounded;
use crate::expr::functions::parse_rfc3339;
use crate::files::MediaType;
use crate::rules::{addressee, Catalog, FormDef, Severity};
use crate::validate::Report;
use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    /// Path inside `rules/`, as `index.json` names it.
    pub file: String,
    /// SHA-256 of the file's bytes, lower-case hexadecimal.
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    pub sha256: String,
    #[serde(deserialize_with = "bounded::text")]
    pub name: String,
    #[serde(rename = "type", with = "crate::files::as_mime")]
    pub media_type: MediaType,
    pub size: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedIssue {
    /// `None` for the filler's own pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applicant: Option<usize>,
    #[serde(deserialize_with = "bounded::text")]
    pub field: String,
    #[serde(deserialize_with = "bounded::text")]
    pub code: String,
    pub severity: Severity,
    /// A warning the user explicitly accepted before signing.
    #[serde(default)]
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
        crate::sorting::sort_by(&mut out, |a, b| a.cmp(b));
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
    // The first answer naming a file gives its name.
    let mut by_digest: BTreeMap<&str, Attachment> = BTreeMap::new();
    for (_, answers) in dossier.answer_sets() {
        for answer in answers.values() {
            if let Answer::File(f) = answer {
                by_digest.entry(&f.sha256).or_insert_with(|| Attachment {
                    sha256: f.sha256.clone(),
                    name: f.name.clone(),
                    media_type: f.media_type,
                    size: f.size,
                });
            }
        }
    }
    by_digest.into_values().collect()
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

/// The manifest as its JSON text lays it out.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestJson {
    format: String,
    form: FormRef,
    #[serde(deserialize_with = "rules_files")]
    rules: Vec<RulesFile>,
    engine: String,
    language: String,
    #[serde(with = "as_rfc3339")]
    created: DateTime<FixedOffset>,
    filler: Filler,
    #[serde(deserialize_with = "crate::answers::applicants")]
    applicants: Vec<Applicant>,
    #[serde(deserialize_with = "attachments")]
    attachments: Vec<Attachment>,
    declaration: DeclarationMade,
    precheck: Precheck,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormRef {
    id: String,
    version: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeclarationMade {
    id: String,
    #[serde(deserialize_with = "texts")]
    texts: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Precheck {
    #[serde(deserialize_with = "issues")]
    issues: Vec<RecordedIssue>,
}

fn rules_files<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<RulesFile>, D::Error> {
    bounded::seq(d, bounded::MAX_RULES_FILES, "rules files")
}
fn attachments<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Attachment>, D::Error> {
    bounded::seq(d, bounded::MAX_ATTACHMENTS, "attachments")
}
fn texts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    // One declaration per applicant.
    bounded::seq(d, bounded::MAX_APPLICANTS, "declarations")
}
fn issues<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<RecordedIssue>, D::Error> {
    bounded::seq(d, bounded::MAX_ISSUES, "issues")
}

/// `#[serde(with = "as_rfc3339")]`: a time as [`rfc3339`] writes it.
mod as_rfc3339 {
    use super::{parse_rfc3339, rfc3339};
    use chrono::{DateTime, FixedOffset};
    use serde::{de::Error, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&rfc3339(t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        let text = crate::bounded::text(d)?;
        parse_rfc3339(&text)
            .ok_or_else(|| D::Error::custom(format!("the time '{text}' is not an RFC 3339 time")))
    }
}

impl Manifest {
    pub fn to_json_text(&self) -> String {
        let m = self.clone();
        let json = ManifestJson {
            format: FORMAT.to_string(),
            form: FormRef {
                id: m.form_id,
                version: m.form_version,
            },
            rules: m.rules,
            engine: m.engine,
            language: m.language,
            created: m.created,
            filler: m.dossier.filler,
            applicants: m.dossier.applicants,
            attachments: m.attachments,
            declaration: DeclarationMade {
                id: m.declaration_id,
                texts: m.declaration_texts,
            },
            precheck: Precheck { issues: m.precheck },
        };
        serde_json::to_string(&json).unwrap_or_default()
    }

    /// Reads a manifest, strictly and within `bounded`'s limits: every
    /// member present with its type, no other member, the format this
    /// engine writes. The error says what is wrong, and where.
    pub fn from_json_slice(bytes: &[u8]) -> Result<Manifest, String> {
        let m: ManifestJson = serde_json::from_slice(bytes)
            .map_err(|e| format!("the manifest is not well formed: {e}"))?;
        if m.format != FORMAT {
            return Err(format!(
                "the bundle format '{}' is not '{FORMAT}'",
                m.format
            ));
        }
        Ok(Manifest {
            form_id: m.form.id,
            form_version: m.form.version,
            rules: m.rules,
            engine: m.engine,
            language: m.language,
            created: m.created,
            dossier: Dossier {
                filler: m.filler,
                applicants: m.applicants,
            },
            attachments: m.attachments,
            declaration_id: m.declaration.id,
            declaration_texts: m.declaration.texts,
            precheck: m.precheck.issues,
        })
    }
}
