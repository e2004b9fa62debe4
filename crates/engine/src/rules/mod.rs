//! Form definitions: the data model, loading with precise errors, and the
//! static checks that run when rules load.

pub mod compile;
pub mod load;
pub mod model;
pub mod pack;
pub mod read;

pub use compile::{compile_form, page_scope, CompiledForm};
pub use load::{
    Catalog, Catalogue, CatalogueEntry, CatalogueService, Country, CountryCodes, CountryList,
    Index, RuleError,
};
pub use model::*;

use std::path::Path;

/// Everything under a rules folder, loaded and checked: what the verifier
/// and the `dossier-rules` command use natively. The browser gets each form
/// packed from this at build time (`pack.rs`).
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub index: Index,
    pub countries: CountryList,
    pub catalogs: Vec<Catalog>,
    pub forms: Vec<CompiledForm>,
    /// The working-day calendar of the published years.
    pub calendar: crate::calendar::Calendar,
    /// The exit-entry service halls.
    pub offices: crate::offices::Directory,
}

impl RuleSet {
    pub fn form(&self, id: &str) -> Option<&CompiledForm> {
        self.forms.iter().find(|f| f.def.id == id)
    }

    pub fn catalog(&self, language: &str) -> Option<&Catalog> {
        self.catalogs.iter().find(|c| c.language == language)
    }

    /// The catalogue of services the browser reads first: the languages,
    /// and each form's title and summary in every language.
    pub fn catalogue(&self) -> Catalogue {
        Catalogue {
            languages: self.index.languages.clone(),
            default_language: self.index.default_language.clone(),
            forms: self
                .forms
                .iter()
                .map(|f| CatalogueEntry {
                    id: f.def.id.clone(),
                    version: f.def.version.clone(),
                    services: f
                        .def
                        .catalogue_services()
                        .into_iter()
                        .map(|s| CatalogueService {
                            title: s.title,
                            summary: s.summary,
                            id: s.id,
                            group: s.group,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Loads and checks every form and language listed in `dir/index.json`,
/// collecting every error rather than stopping at the first.
pub fn load_dir(dir: &Path) -> Result<RuleSet, Vec<RuleError>> {
    let read_file = |file: &str| -> Result<String, RuleError> {
        std::fs::read_to_string(dir.join(file))
            .map_err(|e| RuleError::at(file, "", format!("cannot read the file: {e}")))
    };
    let index = read::index("index.json", &read_file("index.json").map_err(|e| vec![e])?)
        .map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    let countries = read_file(&index.countries).and_then(|t| read::countries(&index.countries, &t));
    let mut catalogs = Vec::new();
    check_form_messages(&index, &mut errors);
    for lang in &index.languages {
        let mut catalog = Catalog::new(&lang.code);
        for file in &index.language_files(lang) {
            if let Err(e) = read_file(file).and_then(|t| catalog.add_file(file, &t)) {
                errors.push(e);
            }
        }
        catalogs.push(catalog);
    }
    let mut calendar = crate::calendar::Calendar::default();
    for file in &index.calendar {
        let added = read_file(file).and_then(|text| {
            calendar
                .add_year(&text)
                .map_err(|(at, problem)| RuleError::at(file, at, problem))
        });
        match added {
            Err(e) => errors.push(e),
            // The file of a year is named after it.
            Ok(year) if !file.ends_with(&format!("/{year}.json")) => errors.push(RuleError::at(
                file,
                "year",
                format!("the file of {year} is named calendar/{year}.json"),
            )),
            Ok(_) => {}
        }
    }
    let languages: Vec<String> = index.languages.iter().map(|l| l.code.clone()).collect();
    let offices = match &index.offices {
        None => crate::offices::Directory::default(),
        Some(file) => read_file(file)
            .and_then(|text| {
                crate::offices::Directory::read(&text, &languages)
                    .map_err(|(at, problem)| RuleError::at(file, at, problem))
            })
            .unwrap_or_else(|e| {
                errors.push(e);
                Default::default()
            }),
    };
    check_country_names(&index, &countries, &catalogs, &mut errors);
    check_country_aliases(&index, &countries, &mut errors);
    check_same_keys(&index, &catalogs, &mut errors);
    let countries = match countries {
        Ok(c) => c,
        Err(e) => {
            errors.push(e);
            return Err(errors);
        }
    };
    let mut forms = Vec::new();
    for entry in &index.forms {
        match read_file(&entry.file)
            .and_then(|t| read::form(&entry.file, &t))
            .map_err(|e| vec![e])
            .and_then(|def| {
                if def.id != entry.id {
                    return Err(vec![RuleError::at(
                        &entry.file,
                        "id",
                        format!(
                            "the form id is '{}' but index.json lists it as '{}'",
                            def.id, entry.id
                        ),
                    )]);
                }
                compile_form(&entry.file, def, &countries, &catalogs)
            }) {
            Ok(mut f) => {
                f.calendar = calendar.clone();
                forms.push(f)
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(RuleSet {
            index,
            countries,
            catalogs,
            forms,
            calendar,
            offices,
        })
    } else {
        Err(errors)
    }
}

/// A form with messages of its own has a file for every shipped language,
/// and for no other.
fn check_form_messages(index: &Index, errors: &mut Vec<RuleError>) {
    for (i, form) in index.forms.iter().enumerate() {
        if form.messages.is_empty() {
            continue;
        }
        for lang in &index.languages {
            if !form.messages.contains_key(&lang.code) {
                errors.push(RuleError::at(
                    "index.json",
                    format!("forms[{i}].messages"),
                    format!(
                        "the form '{}' has no messages file for the language '{}'",
                        form.id, lang.code
                    ),
                ));
            }
        }
        for code in form.messages.keys() {
            if !index.languages.iter().any(|l| l.code == *code) {
                errors.push(RuleError::at(
                    "index.json",
                    format!("forms[{i}].messages.{code}"),
                    format!("'{code}' is not a language listed in index.json"),
                ));
            }
        }
    }
}

/// Every country needs a name in every language.
fn check_country_names(
    index: &Index,
    countries: &Result<CountryList, RuleError>,
    catalogs: &[Catalog],
    errors: &mut Vec<RuleError>,
) {
    let Ok(list) = countries else { return };
    for (lang, catalog) in index.languages.iter().zip(catalogs) {
        for (i, c) in list.countries.iter().enumerate() {
            let key = format!("country.{}", c.code);
            if !catalog.contains(&key) {
                errors.push(RuleError::at(
                    &index.countries,
                    format!("countries[{i}]"),
                    format!(
                        "'{}' has no name in the language '{}' ({key})",
                        c.code, lang.code
                    ),
                ));
            }
        }
    }
}

/// An alias names a code of the list that is listed itself.
fn check_country_aliases(
    index: &Index,
    countries: &Result<CountryList, RuleError>,
    errors: &mut Vec<RuleError>,
) {
    let Ok(list) = countries else { return };
    for (i, c) in list.countries.iter().enumerate() {
        let Some(target) = &c.alias_of else { continue };
        let listed = list
            .countries
            .iter()
            .any(|t| &t.code == target && t.alias_of.is_none());
        if !listed {
            errors.push(RuleError::at(
                &index.countries,
                format!("countries[{i}].alias_of"),
                format!(
                    "'{}' is an alias of '{target}', which is not a listed code of this file",
                    c.code
                ),
            ));
        }
    }
}

/// Every shipped language has exactly the same message keys. A missing key
/// is reported in the file that should hold it: the one at the same place in
/// the language's list as the file that defines it elsewhere.
fn check_same_keys(index: &Index, catalogs: &[Catalog], errors: &mut Vec<RuleError>) {
    let Some((first, rest)) = catalogs.split_first() else {
        return;
    };
    let file_for = |lang: &load::IndexLanguage, origin: Option<usize>| -> String {
        let files = index.language_files(lang);
        origin
            .and_then(|i| files.get(i))
            .or(files.first())
            .cloned()
            .unwrap_or_else(|| "index.json".into())
    };
    let first_lang = &index.languages[0];
    for (lang, other) in index.languages.iter().skip(1).zip(rest) {
        for key in first.keys().filter(|k| !other.contains(k)) {
            errors.push(RuleError::at(
                &file_for(lang, first.origin(key)),
                key,
                format!(
                    "the message '{key}' exists in '{}' but not in '{}'",
                    first.language, other.language
                ),
            ));
        }
        for key in other.keys().filter(|k| !first.contains(k)) {
            errors.push(RuleError::at(
                &file_for(first_lang, other.origin(key)),
                key,
                format!(
                    "the message '{key}' exists in '{}' but not in '{}'",
                    other.language, first.language
                ),
            ));
        }
    }
}

/// Whom messages about applicant `index` address: `None` when they fill
/// the form in themself ("your date of birth"), else the name that fills
/// `{name}` ("Maria's date of birth"), or the catalog's `person.unnamed`
/// ("this person") until their name is given.
pub fn addressee(
    def: &FormDef,
    catalog: &Catalog,
    dossier: &crate::answers::Dossier,
    index: usize,
) -> Option<String> {
    if dossier.is_filler(index) {
        return None;
    }
    let named = dossier
        .applicants
        .get(index)?
        .name(def.name_field.as_deref());
    Some(named.unwrap_or_else(|| catalog.text("person.unnamed", &[])))
}
