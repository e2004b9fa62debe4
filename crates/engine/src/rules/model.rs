//! The form definition as rule authors write it (`rules/forms/*.json`).
//!
//! Every text a user sees is a message key, looked up in the locale files
//! (`rules/locales/<lang>.json`), so adding a language needs files only.
//! `rules/schema/form.schema.json` describes the same shape for editors; the
//! test `schema_matches_model` keeps the two in step.

use serde::{Deserialize, Serialize};

/// A message key such as `tr.surname.label`, resolved in the locale files.
pub type MessageKey = String;

/// An expression in the CEL subset of `docs/expressions.md`, kept as source
/// text; the loader parses and checks it.
pub type ExprSource = String;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FormDef {
    /// Stable id, also the file name: `temporary-residence`.
    pub id: String,
    /// Bumped whenever a change could alter a validation result.
    pub version: String,
    pub title: MessageKey,
    /// Short paragraph on the start page.
    #[serde(default)]
    pub summary: Option<MessageKey>,
    /// Groups of pages shown as the task list, in order.
    pub sections: Vec<Section>,
    pub pages: Vec<Page>,
    /// Cross-field rules, checked after every field is valid on its own.
    #[serde(default)]
    pub rules: Vec<CrossRule>,
    /// Values derived from answers, usable in expressions as `calc.<id>`.
    #[serde(default)]
    pub calculated: Vec<Calculated>,
    /// Documents the applicant must bring, each with the condition that asks for it.
    #[serde(default)]
    pub documents: Vec<DocumentRequirement>,
    pub declaration: Declaration,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: MessageKey,
    /// Page ids, in the order they are asked.
    pub pages: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub id: String,
    /// The page's heading and `<title>`; for a page with one field, the field's question.
    pub title: MessageKey,
    #[serde(default)]
    pub hint: Option<MessageKey>,
    /// Paragraphs shown under the heading (an information page has only these).
    #[serde(default)]
    pub content: Vec<MessageKey>,
    #[serde(default)]
    pub visible_if: Option<ExprSource>,
    /// An ending page stops the journey: no Continue, no later pages
    /// (a hotel stay, where the hotel registers the guest).
    #[serde(default)]
    pub ends_journey: bool,
    #[serde(default)]
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: FieldKind,
    pub label: MessageKey,
    #[serde(default)]
    pub hint: Option<MessageKey>,
    #[serde(default)]
    pub required: bool,
    /// Required only when this holds (ignored when `required` is true).
    #[serde(default)]
    pub required_if: Option<ExprSource>,
    #[serde(default)]
    pub visible_if: Option<ExprSource>,
    /// The message when a required answer is missing; a generic one otherwise.
    #[serde(default)]
    pub required_message: Option<MessageKey>,
    /// For `choice`: the options, in order.
    #[serde(default)]
    pub options: Vec<ChoiceOption>,
    /// For `choice`: `radios` (default, up to about 8 options) or `select`.
    #[serde(default)]
    pub widget: Option<Widget>,
    /// For `identity_number`: the field whose answer names the document type
    /// (its option values are the schemes below), or a fixed scheme.
    #[serde(default)]
    pub scheme_field: Option<String>,
    #[serde(default)]
    pub scheme: Option<IdScheme>,
    /// Longest accepted answer, in characters (default 200 for text-like fields).
    #[serde(default)]
    pub max_length: Option<usize>,
    /// HTML `autocomplete` token, e.g. `family-name`, `bday`, `tel`.
    #[serde(default)]
    pub autocomplete: Option<String>,
    /// Rules on this field's own answer, checked only when it is answered
    /// and well-formed.
    #[serde(default)]
    pub constraints: Vec<Constraint>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// Free text on one line.
    Text,
    /// A name in Latin capitals as printed in the passport; typed lower case
    /// is upper-cased; letters, spaces, hyphens and apostrophes only.
    Name,
    /// A name in Chinese characters (with the middle dot ·).
    ChineseName,
    /// Day, month and year, date only.
    Date,
    /// Date plus a time of day, in Beijing time.
    Datetime,
    /// One of `options`.
    Choice,
    /// A country or ICAO code from `rules/shared/countries.json`.
    Country,
    /// A mobile number: Chinese (`^1[3-9]\d{9}$`) or international with `+`.
    Phone,
    /// An identity document number checked by its scheme.
    IdentityNumber,
    /// A Chinese postal code, six digits.
    Postcode,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Widget {
    Radios,
    Select,
}

/// Identity number formats the engine can check (domain facts §4.3, §8).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum IdScheme {
    /// 公民身份号码, 18 characters with the MOD 11-2 check character.
    CnResidentId,
    /// 外国人永久居留身份证, 2017 (15 characters) or 2023 (18, MOD 11-2).
    PermanentResidenceCard,
    /// 港澳居民来往内地通行证: H or M and 8 digits, optionally 2 more.
    HkMoTravelPermit,
    /// 台湾居民来往大陆通行证: 8 digits, optionally 2 more.
    TwTravelPermit,
    /// A passport number: 5 to 20 letters and digits.
    Passport,
    /// Any other document: 1 to 30 letters, digits and hyphens.
    Other,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub value: String,
    pub label: MessageKey,
    #[serde(default)]
    pub hint: Option<MessageKey>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Constraint {
    /// Unique within the field; issues are reported as `<field>.<id>`.
    pub id: String,
    /// Must hold; when it is false the message is reported.
    pub assert: ExprSource,
    pub message: MessageKey,
    #[serde(default = "Severity::default_error")]
    pub severity: Severity,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CrossRule {
    pub id: String,
    /// Must hold; when it is false the message is reported.
    pub assert: ExprSource,
    /// The field the issue is shown on (its page and inline message).
    pub field: String,
    pub message: MessageKey,
    #[serde(default = "Severity::default_error")]
    pub severity: Severity,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Calculated {
    pub id: String,
    #[serde(rename = "type")]
    pub value_type: CalcType,
    pub expr: ExprSource,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CalcType {
    Bool,
    Int,
    String,
    Date,
    Timestamp,
    Duration,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DocumentRequirement {
    pub id: String,
    pub label: MessageKey,
    #[serde(default)]
    pub hint: Option<MessageKey>,
    /// Asked for only when this holds; always when absent.
    #[serde(default)]
    pub when: Option<ExprSource>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    /// Goes into the signed bundle with the exact text shown.
    pub id: String,
    pub title: MessageKey,
    pub text: MessageKey,
    pub confirm: MessageKey,
}

impl Severity {
    fn default_error() -> Self {
        Severity::Error
    }
}
