//! The form definition as rule authors write it (`rules/forms/*.json`).
//!
//! Every text a user sees is a message key, looked up in the locale files
//! (`rules/locales/<lang>.json`), so adding a language needs files only.
//! `rules/schema/form.schema.json` describes the same shape for editors; the
//! test `the_schema_allows_exactly_what_the_reader_reads` keeps them in step.
//! `read.rs` reads these types from JSON with serde: unknown properties
//! are errors (`deny_unknown_fields`), as a misspelling is the commonest
//! mistake of a rule author. The same derives write the packed form
//! (`pack.rs`), which is why no field is skipped when serializing.

pub use crate::files::MediaType;
use serde::{Deserialize, Serialize};

/// A message key such as `tr.surname.label`, resolved in the locale files.
pub type MessageKey = String;

/// An expression in the CEL subset of `docs/expressions.md`, kept as source
/// text; the loader parses and checks it.
pub type ExprSource = String;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormDef {
    /// Stable id, also the file name: `temporary-residence`.
    pub id: String,
    /// Bumped whenever a change could alter a validation result.
    pub version: String,
    pub title: MessageKey,
    /// Short paragraph on the start page.
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
    /// The field whose answer names an applicant in messages about them
    /// ("What is Maria's date of birth?"), shown in title case.
    pub name_field: Option<String>,
    /// The fields whose answers, in this order, make an applicant's full
    /// name as the receipt shows it ("SMITH JOHN PAUL"); the first one's
    /// answer also names the bundle's file.
    #[serde(default)]
    pub full_name: Vec<String>,
    /// What the start page asks the user to have ready.
    pub start: Option<StartPage>,
    /// What the page after the declaration says.
    pub done: Option<DonePage>,
    /// Who may fill the form in, in the order the question "who is filling
    /// it in" offers them. `self` means the first applicant, for themself;
    /// any other word is someone acting for the applicants, whose own
    /// details are asked once (the form's `filler` sections), and which
    /// expressions read as `filler.role`. A form that does not list them
    /// (one written before roles were data) gets [`RoleDef::usual`].
    #[serde(default = "RoleDef::usual")]
    pub roles: Vec<RoleDef>,
    /// The lines this form gives the catalogue of services, each a way in
    /// with some answers given ("Renew your residence permit" presets the
    /// procedure). A form that lists none is one service under its own
    /// title and summary, in the `registration` group.
    #[serde(default)]
    pub services: Vec<ServiceDef>,
    /// What the page before the form says, besides what is worked out from
    /// the rules and documents (`crate::guidance`).
    pub guidance: Option<Guidance>,
}

impl FormDef {
    /// The form's lines in the catalogue: its `services`, or when it lists
    /// none, one under its own title and summary (id: the form's), in the
    /// group `other`.
    pub fn catalogue_services(&self) -> Vec<ServiceDef> {
        if !self.services.is_empty() {
            return self.services.clone();
        }
        vec![ServiceDef {
            id: self.id.clone(),
            title: self.title.clone(),
            summary: self.summary.clone().unwrap_or_else(|| self.title.clone()),
            group: "other".to_string(),
            preset: Default::default(),
        }]
    }

    /// A service of the form by id; the first when `id` is none of them.
    pub fn service(&self, id: &str) -> ServiceDef {
        let mut all = self.catalogue_services();
        let at = all.iter().position(|s| s.id == id).unwrap_or(0);
        all.swap_remove(at)
    }
}

/// One line of the catalogue of services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceDef {
    /// Lower-case letters, digits and `-`; names the service's draft.
    pub id: String,
    /// What it does: "Renew your residence permit".
    pub title: MessageKey,
    /// Who it is for, in one sentence.
    pub summary: MessageKey,
    /// The catalogue's heading it is listed under: a word with a shared
    /// message `services.group.<word>` (`registration`, `residence`, `visas`).
    pub group: String,
    /// Answers (by field id, a choice's option value) given to every
    /// applicant of a filing started here; the user may still change them.
    #[serde(default)]
    pub preset: std::collections::BTreeMap<String, String>,
}

/// The guidance page's own texts: who may apply, the time limits and the
/// fee. The time limits also list the `summary` of every rule that can
/// apply to the service, and the documents come from `documents`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    #[serde(default)]
    pub who: Vec<MessageKey>,
    #[serde(default)]
    pub time: Vec<MessageKey>,
    #[serde(default)]
    pub fee: Vec<MessageKey>,
}

/// One answer to "who is filling it in".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleDef {
    /// The word in drafts, bundles and `filler.role`: lower-case letters
    /// and `_`.
    pub id: String,
    pub label: MessageKey,
    pub hint: Option<MessageKey>,
    /// Where this rests: a law's article, the facts file's section, or
    /// "design choice". For authors and reviewers; never shown to users,
    /// and left out of packed rules.
    pub source: Option<String>,
}

impl RoleDef {
    /// The roles every form had before a form listed its own: the applicant
    /// themself, a family member, a child's parent or guardian, a friend,
    /// an organisation; worded by the shared messages `filler.role.<id>`
    /// and `filler.role.<id>.hint`.
    pub fn usual() -> Vec<RoleDef> {
        ["self", "family", "guardian", "friend", "organisation"]
            .into_iter()
            .map(|id| RoleDef {
                id: id.to_string(),
                label: format!("filler.role.{id}"),
                hint: Some(format!("filler.role.{id}.hint")),
                source: None,
            })
            .collect()
    }
}

/// The start page, under the form's title and summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartPage {
    /// What to have ready ("your passport…"), one message a bullet.
    #[serde(default)]
    pub need: Vec<MessageKey>,
    /// How long it takes, and that it can be left and resumed.
    pub time: Option<MessageKey>,
}

/// The page after the declaration: what to do next, and the deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DonePage {
    /// What to do with the signed answers, where and when.
    pub next: MessageKey,
    /// A deadline worked out from the answers, shown in bold.
    pub deadline: Option<DoneDeadline>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DoneDeadline {
    /// A calculated value of type `timestamp` or `date`.
    pub calculated: String,
    /// Its sentence, with `{deadline}` for the date (and time).
    pub message: MessageKey,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: MessageKey,
    /// Page ids, in the order they are asked.
    pub pages: Vec<String>,
    /// Whom the section's pages are about.
    #[serde(default)]
    pub scope: Scope,
}

/// Whom a section's pages are about, and so how often they are asked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Each applicant (the default). Messages addressing the applicant as
    /// "you" need an "other" variant for a helper (`Catalog::text_about`).
    #[default]
    Applicant,
    /// Each applicant someone else fills the form in for: never shown when
    /// the applicant fills it in themself. Messages speak to the helper.
    Helper,
    /// The person filling the form in for others, asked once, and never
    /// when they are the first applicant: their answers are
    /// `filler.answers` in expressions.
    Filler,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub id: String,
    /// The page's heading and `<title>`; for a page with one field, the field's question.
    pub title: MessageKey,
    pub hint: Option<MessageKey>,
    /// Paragraphs shown under the heading (an information page has only these).
    #[serde(default)]
    pub content: Vec<MessageKey>,
    pub visible_if: Option<ExprSource>,
    /// An ending page stops the journey: no Continue, no later pages
    /// (a hotel stay, where the hotel registers the guest).
    #[serde(default)]
    pub ends_journey: bool,
    /// Answers usually the same for everyone in a household (an address):
    /// a helper can copy them from another applicant in one tap.
    #[serde(default)]
    pub shared: bool,
    #[serde(default)]
    pub fields: Vec<Field>,
    /// Where this rests: a law's article, the facts file's section, or
    /// "design choice". For authors and reviewers; never shown to users,
    /// and left out of packed rules.
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: FieldKind,
    pub label: MessageKey,
    pub hint: Option<MessageKey>,
    #[serde(default)]
    pub required: bool,
    /// Required only when this holds (ignored when `required` is true).
    pub required_if: Option<ExprSource>,
    pub visible_if: Option<ExprSource>,
    /// The message when a required answer is missing; a generic one otherwise.
    pub required_message: Option<MessageKey>,
    /// For `choice`: the options, in order.
    #[serde(default)]
    pub options: Vec<ChoiceOption>,
    /// For `choice`: `radios` (default, up to about 8 options) or `select`.
    pub widget: Option<Widget>,
    /// For `identity_number`: the field whose answer names the document type
    /// (its option values are the schemes below), or a fixed scheme.
    pub scheme_field: Option<String>,
    pub scheme: Option<IdScheme>,
    /// Longest accepted answer, in characters (default 200 for text-like fields).
    pub max_length: Option<usize>,
    /// HTML `autocomplete` token, e.g. `family-name`, `bday`, `tel`.
    pub autocomplete: Option<String>,
    /// Rules on this field's own answer, checked only when it is answered
    /// and well-formed.
    #[serde(default)]
    pub constraints: Vec<Constraint>,
    /// For `file`: which files are accepted.
    pub file: Option<FileRule>,
    /// For `integer`: the smallest and largest accepted answers.
    pub min: Option<i64>,
    pub max: Option<i64>,
    /// For `integer`: the unit shown after the input ("days").
    pub suffix: Option<MessageKey>,
    /// Where this rests: a law's article, the facts file's section, or
    /// "design choice". For authors and reviewers; never shown to users,
    /// and left out of packed rules.
    pub source: Option<String>,
}

/// What a `file` field accepts. Kinds are decided by a file's leading bytes
/// (`files.rs`); sizes are in bytes, pixels as read from an image's header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileRule {
    pub types: Vec<MediaType>,
    pub min_bytes: Option<u64>,
    pub max_bytes: u64,
    pub min_width: Option<u32>,
    pub max_width: Option<u32>,
    pub min_height: Option<u32>,
    pub max_height: Option<u32>,
    /// Width : height, such as 3 : 4, within one pixel of rounding.
    pub aspect: Option<(u32, u32)>,
}

impl FileRule {
    /// Whether the rule looks at pixels (so an image's size must be readable).
    pub fn checks_pixels(&self) -> bool {
        self.min_width.is_some()
            || self.max_width.is_some()
            || self.min_height.is_some()
            || self.max_height.is_some()
            || self.aspect.is_some()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Any number of `options` ("tick all that apply"); kept as their
    /// values separated by spaces, seen by expressions as a `list(string)`
    /// in the options' order. `required` asks for at least one.
    Checkboxes,
    /// A country or ICAO code from `rules/shared/countries.json`.
    Country,
    /// A mobile number: Chinese (`^1[3-9]\d{9}$`) or international with `+`.
    Phone,
    /// An identity document number checked by its scheme.
    IdentityNumber,
    /// A Chinese postal code, six digits.
    Postcode,
    /// A whole number (digits only), from `min` to `max` when they are set;
    /// expressions see an `int`.
    Integer,
    /// An uploaded file, a photo or a scan (see [`FileRule`]).
    File,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Widget {
    Radios,
    Select,
}

/// Identity number formats the engine can check (domain facts §4.3, §8, §9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
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
    /// 港澳台居民居住证: the resident ID's standard with the address code
    /// 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan).
    HmtResidencePermit,
    /// 统一社会信用代码 of a company or other organisation (GB 32100-2015):
    /// 18 digits and capitals (no I, O, S, V, Z), MOD 31 check character.
    UnifiedSocialCreditCode,
    /// A passport number: 5 to 20 letters and digits.
    Passport,
    /// Any other document: 1 to 30 letters, digits and hyphens.
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub value: String,
    pub label: MessageKey,
    pub hint: Option<MessageKey>,
}

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    #[default]
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Constraint {
    /// Unique within the field; issues are reported as `<field>.<id>`.
    pub id: String,
    /// Must hold; when it is false the message is reported.
    pub assert: ExprSource,
    pub message: MessageKey,
    #[serde(default)]
    pub severity: Severity,
    /// Where this rests: a law's article, the facts file's section, or
    /// "design choice". For authors and reviewers; never shown to users,
    /// and left out of packed rules.
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrossRule {
    pub id: String,
    /// Must hold; when it is false the message is reported.
    pub assert: ExprSource,
    /// The field the issue is shown on (its page and inline message).
    pub field: String,
    pub message: MessageKey,
    #[serde(default)]
    pub severity: Severity,
    /// Values for the message's placeholders (`{days}`), each an
    /// expression worked out when the rule fires: an int as digits, a date
    /// as `YYYY-MM-DD` (which the browser shows in the user's language), a
    /// string as it is.
    #[serde(default)]
    pub params: std::collections::BTreeMap<String, ExprSource>,
    /// The rule in one plain sentence for the guidance page, read before
    /// any answer ("Apply at least 30 days before your permit expires").
    pub summary: Option<MessageKey>,
    /// Where this rests: a law's article, the facts file's section, or
    /// "design choice". For authors and reviewers; never shown to users,
    /// and left out of packed rules.
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calculated {
    pub id: String,
    #[serde(rename = "type")]
    pub value_type: CalcType,
    pub expr: ExprSource,
    /// Where this rests: a law's article, the facts file's section, or
    /// "design choice". For authors and reviewers; never shown to users,
    /// and left out of packed rules.
    pub source: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalcType {
    Bool,
    Int,
    String,
    Date,
    Timestamp,
    Duration,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRequirement {
    pub id: String,
    pub label: MessageKey,
    pub hint: Option<MessageKey>,
    /// Asked for only when this holds; always when absent.
    pub when: Option<ExprSource>,
    /// Where this rests: a law's article, the facts file's section, or
    /// "design choice". For authors and reviewers; never shown to users,
    /// and left out of packed rules.
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    /// Goes into the signed bundle with the exact text shown.
    pub id: String,
    pub title: MessageKey,
    pub text: MessageKey,
    pub confirm: MessageKey,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}
