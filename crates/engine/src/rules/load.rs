//! Reading rules files, with errors that name the file, the JSON location
//! and the problem.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A mistake in a rules file, located as precisely as the loader can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// Path relative to the rules folder: `forms/temporary-residence.json`.
    pub file: String,
    /// Where in the JSON: `pages[3].fields[1].visible_if`; empty for the whole file.
    pub location: String,
    /// Line and column in the file, when the JSON parser knows them.
    pub line: Option<usize>,
    /// Column inside the file's line, or inside an expression (see `in_expression`).
    pub column: Option<usize>,
    /// The column counts characters of the expression at `location`.
    pub in_expression: bool,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let (Some(col), false) = (self.column, self.in_expression) {
                write!(f, ":{col}")?;
            }
        }
        if !self.location.is_empty() {
            write!(f, ": at {}", self.location)?;
        }
        if let (Some(col), true) = (self.column, self.in_expression) {
            write!(f, ", column {col} of the expression")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for RuleError {}

impl RuleError {
    pub fn at(file: &str, location: impl Into<String>, message: impl Into<String>) -> Self {
        RuleError {
            file: file.to_string(),
            location: location.into(),
            line: None,
            column: None,
            in_expression: false,
            message: message.into(),
        }
    }
}

/// `rules/index.json`: what forms and languages ship, and their files.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Index {
    pub forms: Vec<IndexForm>,
    /// The ICAO country list, `shared/countries.json`.
    pub countries: String,
    /// One file a published year of public holidays and make-up working
    /// days, `calendar/<year>.json` (`crate::calendar`).
    #[serde(default)]
    pub calendar: Vec<String>,
    /// The directory of exit-entry service halls (`crate::offices`).
    #[serde(default)]
    pub offices: Option<String>,
    pub languages: Vec<IndexLanguage>,
    /// Shown first when the browser asks for none of the shipped languages.
    pub default_language: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexForm {
    pub id: String,
    pub file: String,
    /// The form's own messages: language code to locale file. The browser
    /// downloads them only when the form is opened.
    #[serde(default)]
    pub messages: BTreeMap<String, String>,
}

impl Index {
    /// Every locale file of a language: the shared ones (`files`), then
    /// each form's own, in the order of `forms`.
    pub fn language_files(&self, language: &IndexLanguage) -> Vec<String> {
        let own = self
            .forms
            .iter()
            .filter_map(|f| f.messages.get(&language.code).cloned());
        language.files.iter().cloned().chain(own).collect()
    }
}

/// What the browser reads first (`rules/packed/catalogue.bin`, written by
/// `dossier-rules pack` with `catalogue.json` for tools): the languages, and each service with its title
/// and summary in every language, before any form is downloaded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub languages: Vec<IndexLanguage>,
    pub default_language: String,
    pub forms: Vec<CatalogueEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueEntry {
    pub id: String,
    pub version: String,
    /// Its lines in the catalogue (`FormDef::catalogue_services`).
    pub services: Vec<CatalogueService>,
}

/// One line of the catalogue: a way into a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueService {
    pub id: String,
    /// The heading it is listed under (`services.group.<group>`).
    pub group: String,
    /// Message keys of what it does and whom it is for: `dossier-rules
    /// pack` copies their texts into each language's shared messages, so
    /// the catalogue page needs no form's own.
    pub title: String,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexLanguage {
    /// BCP 47 tag: `en`, `zh-CN`.
    pub code: String,
    /// The language's own name for itself, for the switcher: `English`, `中文`.
    pub name: String,
    /// The locale files every form uses (the interface, the countries).
    pub files: Vec<String>,
}

/// `shared/countries.json`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryList {
    /// A note for whoever edits the file.
    #[serde(rename = "$comment", default)]
    pub comment: Option<String>,
    pub countries: Vec<Country>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// As printed in the passport's machine-readable zone: `FRA`, `D`, `XXA`.
    pub code: String,
    /// The ISO 3166-1 alpha-3 code where the ICAO code differs (`D` → `DEU`).
    pub iso3: Option<String>,
    pub kind: String,
    /// Another code for the same place (`XXK` for `RKS`, Kosovo): an answer
    /// may hold it, but the list a user picks from shows the place once,
    /// under the code named here.
    #[serde(default)]
    pub alias_of: Option<String>,
}

/// The nationality codes of a form, as it is compiled and packed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CountryCodes {
    /// Every code an answer may hold, in the order of the shared list.
    pub codes: Vec<String>,
    /// The codes accepted but not listed, each with the code listed for it.
    pub aliases: BTreeMap<String, String>,
}

impl CountryCodes {
    pub fn of(list: &CountryList) -> CountryCodes {
        CountryCodes {
            codes: list.countries.iter().map(|c| c.code.clone()).collect(),
            aliases: list
                .countries
                .iter()
                .filter_map(|c| Some((c.code.clone(), c.alias_of.clone()?)))
                .collect(),
        }
    }

    /// The codes a user picks from: every one but the aliases.
    pub fn listed(&self) -> impl Iterator<Item = &String> {
        self.codes.iter().filter(|c| !self.aliases.contains_key(*c))
    }

    /// The listed code that stands for `code`: itself, unless it is an alias.
    pub fn listed_as<'a>(&'a self, code: &'a str) -> &'a str {
        self.aliases.get(code).map_or(code, String::as_str)
    }
}

/// One language's messages: a flat map from key to text.
///
/// A message about the applicant can have two variants (`{"self": …,
/// "other": …}` in a locale file): the first when the applicant fills the
/// form in, the second, naming them as `{name}`, when a helper does. The
/// second is kept under the key plus [`OTHER`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    pub language: String,
    messages: BTreeMap<String, String>,
    /// Key to the position of the file that defines it among those added,
    /// for reports that name the file a message belongs in.
    origins: BTreeMap<String, usize>,
    files_added: usize,
    /// Lists waiting for their codes (`"country.*": [...]`, packed files).
    lists: Vec<(String, Vec<String>)>,
}

/// Appended to a message key for its "other" variant.
pub const OTHER: &str = "#other";

impl Catalog {
    pub fn new(language: &str) -> Self {
        Catalog {
            language: language.to_string(),
            messages: BTreeMap::new(),
            origins: BTreeMap::new(),
            files_added: 0,
            lists: Vec::new(),
        }
    }

    /// Adds one locale file's messages (a flat JSON object of key to text);
    /// a key defined twice is an error.
    pub fn add_file(&mut self, file: &str, text: &str) -> Result<(), RuleError> {
        self.files_added += 1;
        super::read::locale_file(self, file, text)
    }

    /// Adds one message from `file` (the last file added).
    pub(crate) fn insert(&mut self, file: &str, key: &str, text: &str) -> Result<(), RuleError> {
        if self.messages.contains_key(key) {
            return Err(RuleError::at(
                file,
                key,
                "this message key is defined twice",
            ));
        }
        let origin = self.files_added.saturating_sub(1);
        self.messages.insert(key.to_string(), text.to_string());
        self.origins.insert(key.to_string(), origin);
        Ok(())
    }

    /// Keeps a packed list of texts (`<prefix>.*`) until
    /// [`Catalog::name_list`] gives it its codes.
    pub(crate) fn insert_list(
        &mut self,
        file: &str,
        key: &str,
        texts: Vec<String>,
    ) -> Result<(), RuleError> {
        if !key.ends_with(".*") || self.lists.iter().any(|(k, _)| k == key) {
            return Err(RuleError::at(
                file,
                key,
                "a list of texts needs a key ending in '.*', once (dossier-rules pack writes them)",
            ));
        }
        self.lists.push((key.to_string(), texts));
        Ok(())
    }

    /// Names the codes of a list the form carries: the packed list
    /// `<prefix>.*` gives the text of each code in order, as the messages
    /// `<prefix>.<code>`. Packing writes the country names so, without
    /// repeating 250 keys (about 1 KB gzip). Nothing to do when no such
    /// list was added; an error when its length is not the codes'.
    pub fn name_list(&mut self, prefix: &str, codes: &[String]) -> Result<(), String> {
        let key = format!("{prefix}.*");
        let Some(at) = self.lists.iter().position(|(k, _)| *k == key) else {
            return Ok(());
        };
        let (_, texts) = self.lists.swap_remove(at);
        if texts.len() != codes.len() {
            return Err(format!(
                "{key}: {} texts for {} codes (pack the rules again)",
                texts.len(),
                codes.len()
            ));
        }
        for (code, text) in codes.iter().zip(texts) {
            self.messages.insert(format!("{prefix}.{code}"), text);
        }
        Ok(())
    }

    /// Which of the files added defines `key`, by position.
    pub fn origin(&self, key: &str) -> Option<usize> {
        self.origins.get(key).copied()
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.messages.get(key).map(String::as_str)
    }

    pub fn contains(&self, key: &str) -> bool {
        self.messages.contains_key(key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.messages.keys().map(String::as_str)
    }

    /// The text of a message about a person: `person` is `None` when the
    /// reader is that person (the "self" variant), else their name, which
    /// fills `{name}` in the "other" variant (or in the only one).
    pub fn text_about(&self, key: &str, person: Option<&str>, params: &[(&str, &str)]) -> String {
        let Some(name) = person else {
            return self.text(key, params);
        };
        let other = format!("{key}{OTHER}");
        let key = if self.contains(&other) { &other } else { key };
        // "This person's passport", when a sentence opens with the name.
        let mut capital = String::new();
        let starts = self.get(key).is_some_and(|t| t.starts_with("{name}"));
        let mut chars = name.chars();
        let name = match chars.next() {
            Some(first) if starts => {
                capital.push(first.to_ascii_uppercase());
                capital.push_str(chars.as_str());
                capital.as_str()
            }
            _ => name,
        };
        let mut params = params.to_vec();
        params.push(("name", name));
        self.text(key, &params)
    }

    /// The text for `key` with `{name}` placeholders filled in. A missing
    /// key shows as itself, which the static checks prevent from shipping.
    pub fn text(&self, key: &str, params: &[(&str, &str)]) -> String {
        let Some(template) = self.get(key) else {
            return key.to_string();
        };
        if params.is_empty() || !template.contains('{') {
            return template.to_string();
        }
        let mut out = template.to_string();
        for (name, value) in params {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A packed list of names becomes one message per code, in order; a
    /// list of the wrong length or under a key without `.*` is refused.
    #[test]
    fn a_packed_list_names_the_codes_in_order() {
        let codes = ["ABW".to_string(), "AFG".to_string()];
        let mut c = Catalog::new("en");
        c.add_file(
            "en.json",
            r#"{"app.back": "Back", "country.*": ["Aruba", "Afghanistan"]}"#,
        )
        .unwrap();
        assert!(!c.contains("country.ABW"));
        c.name_list("country", &codes).unwrap();
        assert_eq!(c.text("country.ABW", &[]), "Aruba");
        assert_eq!(c.text("country.AFG", &[]), "Afghanistan");
        assert_eq!(c.text("app.back", &[]), "Back");

        let mut short = Catalog::new("en");
        short
            .add_file("en.json", r#"{"country.*": ["Aruba"]}"#)
            .unwrap();
        let err = short.name_list("country", &codes).unwrap_err();
        assert!(err.contains("1 texts for 2 codes"), "{err}");

        let err = Catalog::new("en")
            .add_file("en.json", r#"{"country": ["Aruba"]}"#)
            .unwrap_err();
        assert!(err.to_string().contains("'.*'"), "{err}");
        // Nothing packed: nothing to name, no error.
        Catalog::new("en").name_list("country", &codes).unwrap();
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let err = super::super::read::index("index.json", "{\n  \"forms\": [,]\n}").unwrap_err();
        assert_eq!(err.file, "index.json");
        assert_eq!(err.line, Some(2));
        assert!(err.to_string().starts_with("index.json:2:"), "{err}");
    }

    #[test]
    fn data_errors_name_the_location() {
        let text = r#"{"forms": [{"id": "x", "file": 3}], "countries": "c", "languages": [], "default_language": "en"}"#;
        let err = super::super::read::index("index.json", text).unwrap_err();
        // The JSON path is the full check's (serde_path_to_error).
        #[cfg(feature = "full-check")]
        assert_eq!(err.location, "forms[0].file");
        assert_eq!(err.line, Some(1));
        assert!(err.message.contains("expected a string"), "{}", err.message);
    }

    #[test]
    fn unknown_fields_are_named() {
        let text = r#"{"forms": [], "countries": "c", "languages": [], "default_language": "en", "extra": 1}"#;
        let err = super::super::read::index("index.json", text).unwrap_err();
        assert!(
            err.message.contains("unknown field `extra`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn catalogs_fill_placeholders_and_refuse_duplicates() {
        let mut c = Catalog::new("en");
        c.add_file(
            "en/ui.json",
            r#"{"error.too_long": "{label} must be {max} characters or fewer"}"#,
        )
        .unwrap();
        assert_eq!(
            c.text("error.too_long", &[("label", "Surname"), ("max", "40")]),
            "Surname must be 40 characters or fewer"
        );
        assert_eq!(c.text("missing.key", &[]), "missing.key");
        c.add_file(
            "en/tr.json",
            r#"{"dob": {"self": "Your date of birth", "other": "{name}'s date of birth"},
                "host": "Is {name} staying with you?"}"#,
        )
        .unwrap();
        assert_eq!(c.text_about("dob", None, &[]), "Your date of birth");
        assert_eq!(
            c.text_about("dob", Some("Maria"), &[]),
            "Maria's date of birth"
        );
        assert_eq!(
            c.text_about("dob", Some("this person"), &[]),
            "This person's date of birth"
        );
        assert_eq!(
            c.text_about("host", Some("Li"), &[]),
            "Is Li staying with you?"
        );
        let err = c
            .add_file("en/bad.json", r#"{"x": {"self": "a", "others": "b"}}"#)
            .unwrap_err();
        assert!(err.message.contains("unknown field `others`"), "{err}");
        #[cfg(feature = "full-check")]
        assert_eq!(err.location, "x.others");
        let err = c.add_file("en/bad.json", r#"{"y": 3}"#).unwrap_err();
        assert!(err.message.contains("nothing else"), "{err}");
        let err = c
            .add_file("en/other.json", r#"{"error.too_long": "again"}"#)
            .unwrap_err();
        assert!(err.message.contains("twice"));
    }
}
