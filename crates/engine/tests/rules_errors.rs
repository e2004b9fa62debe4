//! A broken rules folder must say exactly what is wrong: the file, the place
//! in the JSON (and, inside an expression, the column), and the problem.
//!
//! Each test copies the real `rules/` folder into a fresh temporary folder,
//! breaks one thing, and looks at what `load_dir` reports: the `RuleError`
//! fields and the line a rule author reads (its `Display`).

use dossier_engine::rules::{self, RuleError, RuleSet};
use serde_json::Value as Json;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

const FORM: &str = "forms/temporary-residence.json";

fn real_dir() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules")).to_path_buf()
}

fn real() -> RuleSet {
    rules::load_dir(&real_dir()).unwrap_or_else(|errors| panic!("{}", listing(&errors)))
}

fn listing(errors: &[RuleError]) -> String {
    errors
        .iter()
        .map(|e| format!("  {e}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `pages[P].fields[F]` of a field of the real form.
fn field_at(id: &str) -> String {
    let set = real();
    let form = set.form("temporary-residence").unwrap();
    let (p, f) = dossier_engine::validate::locate(form, id).expect("a field of the form");
    format!("pages[{p}].fields[{f}]")
}

fn page_index(id: &str) -> usize {
    real()
        .form("temporary-residence")
        .unwrap()
        .page_index(id)
        .expect("a page of the form")
}

/// A copy of `rules/` in the temporary folder, removed when dropped.
struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "dossier-rules-errors-{}-{}-{name}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap();
        }
        copy_dir(&real_dir(), &dir);
        Scratch { dir }
    }

    fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.dir.join(file)).unwrap()
    }

    fn write(&self, file: &str, text: &str) {
        std::fs::write(self.dir.join(file), text).unwrap();
    }

    /// Replaces the one occurrence of `from` in `file`.
    fn replace(&self, file: &str, from: &str, to: &str) {
        let text = self.read(file);
        assert_eq!(
            text.matches(from).count(),
            1,
            "'{from}' should occur once in {file}"
        );
        self.write(file, &text.replacen(from, to, 1));
    }

    /// Edits `file` as a JSON value (it is written back pretty-printed).
    fn edit(&self, file: &str, change: impl FnOnce(&mut Json)) {
        let mut value: Json = serde_json::from_str(&self.read(file)).unwrap();
        change(&mut value);
        self.write(file, &serde_json::to_string_pretty(&value).unwrap());
    }

    /// Loads the broken copy, which must fail; returns every error.
    fn errors(&self) -> Vec<RuleError> {
        match rules::load_dir(&self.dir) {
            Ok(_) => panic!("the broken rules in {} loaded", self.dir.display()),
            Err(errors) => {
                assert!(!errors.is_empty());
                errors
            }
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The one error at `file` and `location`; fails listing them all otherwise.
fn error_at<'a>(errors: &'a [RuleError], file: &str, location: &str) -> &'a RuleError {
    let found: Vec<&RuleError> = errors
        .iter()
        .filter(|e| e.file == file && e.location == location)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one error at {file} {location}, got:\n{}",
        listing(errors)
    );
    found[0]
}

/// Line and column (1-based) of the first occurrence of `needle` in `text`.
fn line_col(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("the text is in the file");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, column)
}

// ---------------------------------------------------------------------------
// The real folder
// ---------------------------------------------------------------------------

#[test]
fn the_real_rules_folder_loads_without_errors() {
    let set = real();
    assert!(set.form("temporary-residence").is_some());
    assert!(set.catalog("en").is_some());
    assert!(set.catalog("zh-CN").is_some());
    assert!(set.countries.countries.len() > 200);
}

#[test]
fn an_untouched_copy_loads_too() {
    let scratch = Scratch::new("untouched");
    assert!(rules::load_dir(&scratch.dir).is_ok());
}

// ---------------------------------------------------------------------------
// JSON mistakes
// ---------------------------------------------------------------------------

#[test]
fn a_json_syntax_error_gives_the_line_and_column() {
    let scratch = Scratch::new("syntax");
    // A missing comma: the parser notices at the next key.
    scratch.replace(FORM, "\"version\": \"1.3.0\",", "\"version\": \"1.3.0\"");
    let (line, column) = line_col(&scratch.read(FORM), "\"title\": \"tr.title\"");
    let errors = scratch.errors();
    assert_eq!(errors.len(), 1, "{}", listing(&errors));
    let e = &errors[0];
    assert_eq!(e.file, FORM);
    assert_eq!((e.line, e.column), (Some(line), Some(column)));
    assert!(!e.in_expression);
    assert_eq!(e.message, "expected `,` or `}`");
    let shown = e.to_string();
    assert!(
        shown.starts_with(&format!("{FORM}:{line}:{column}: ")),
        "{shown}"
    );
    assert!(shown.ends_with(": expected `,` or `}`"), "{shown}");
}

/// serde_path_to_error writes a map key it has not read yet as `?`, and
/// passing that on would read: a syntax error reads
/// `forms/temporary-residence.json:4:3: at ?: expected ...`, or
/// `... at pages[6].fields[0].?: ...` deeper in. The `?` means nothing to a
/// rule author; the location should stop at the last known segment.
#[test]
fn a_json_syntax_error_has_no_meaningless_location() {
    let scratch = Scratch::new("syntax-location");
    scratch.replace(FORM, "\"version\": \"1.3.0\",", "\"version\": \"1.3.0\"");
    let (line, column) = line_col(&scratch.read(FORM), "\"title\": \"tr.title\"");
    let errors = scratch.errors();
    assert_eq!(errors[0].location, "");
    assert_eq!(
        errors[0].to_string(),
        format!("{FORM}:{line}:{column}: expected `,` or `}}`")
    );

    let scratch = Scratch::new("syntax-location-nested");
    scratch.replace(FORM, "\"id\": \"surname\",", "\"id\": \"surname\" \"x\"");
    let errors = scratch.errors();
    assert_eq!(errors[0].location, field_at("surname"));
}

#[test]
fn a_trailing_comma_in_a_locale_file_names_that_file() {
    let scratch = Scratch::new("trailing-comma");
    let file = "locales/zh-CN/ui.json";
    let text = scratch.read(file);
    let last = text[..text.rfind('}').unwrap()].trim_end().len();
    let broken = format!("{},{}", &text[..last], &text[last..]);
    scratch.write(file, &broken);
    // The parser notices at the closing brace, on the last line.
    let line = broken[..broken.rfind('}').unwrap()].matches('\n').count() + 1;
    let errors = scratch.errors();
    let e = errors.iter().find(|e| e.file == file).unwrap_or_else(|| {
        panic!("no error names {file}:\n{}", listing(&errors));
    });
    assert!(e.message.contains("trailing comma"), "{}", e.message);
    assert_eq!(e.line, Some(line));
    assert!(e.to_string().starts_with(&format!("{file}:{line}:")), "{e}");
}

#[test]
fn an_unknown_property_is_named_with_its_place() {
    let scratch = Scratch::new("unknown-property");
    let (p, f) =
        dossier_engine::validate::locate(real().form("temporary-residence").unwrap(), "surname")
            .unwrap();
    scratch.edit(FORM, |form| {
        form["pages"][p]["fields"][f]["colour"] = Json::from("red");
    });
    let errors = scratch.errors();
    assert_eq!(errors.len(), 1, "{}", listing(&errors));
    let e = &errors[0];
    assert_eq!(e.file, FORM);
    assert!(
        e.location.starts_with(&field_at("surname")),
        "location {}",
        e.location
    );
    assert!(
        e.message.contains("unknown field `colour`"),
        "{}",
        e.message
    );
    assert!(e.message.contains("expected one of"), "{}", e.message);
    assert!(e.line.is_some() && e.column.is_some());
    let shown = e.to_string();
    assert!(shown.starts_with(&format!("{FORM}:")), "{shown}");
    assert!(shown.contains(&format!(": at {}", e.location)), "{shown}");
}

#[test]
fn a_wrong_type_is_named_with_its_place() {
    let scratch = Scratch::new("wrong-type");
    let at = field_at("surname");
    let (p, f) =
        dossier_engine::validate::locate(real().form("temporary-residence").unwrap(), "surname")
            .unwrap();
    scratch.edit(FORM, |form| {
        form["pages"][p]["fields"][f]["required"] = Json::from("yes");
    });
    let errors = scratch.errors();
    assert_eq!(errors.len(), 1, "{}", listing(&errors));
    let e = error_at(&errors, FORM, &format!("{at}.required"));
    assert!(
        e.message
            .contains("invalid type: string \"yes\", expected a boolean"),
        "{}",
        e.message
    );
    assert!(e.line.is_some());
    assert!(
        e.to_string().ends_with(&format!(
            ": at {at}.required: invalid type: string \"yes\", expected a boolean"
        )),
        "{e}"
    );
}

#[test]
fn an_unknown_field_type_is_named_with_its_place() {
    let scratch = Scratch::new("unknown-variant");
    let (p, f) =
        dossier_engine::validate::locate(real().form("temporary-residence").unwrap(), "phone")
            .unwrap();
    scratch.edit(FORM, |form| {
        form["pages"][p]["fields"][f]["type"] = Json::from("telephone");
    });
    let errors = scratch.errors();
    let e = error_at(&errors, FORM, &format!("pages[{p}].fields[{f}].type"));
    assert!(
        e.message.contains("unknown variant `telephone`"),
        "{}",
        e.message
    );
}

#[test]
fn a_missing_property_is_named() {
    let scratch = Scratch::new("missing-property");
    let p = page_index("sex");
    scratch.edit(FORM, |form| {
        form["pages"][p]["fields"][0]
            .as_object_mut()
            .unwrap()
            .remove("label");
    });
    let errors = scratch.errors();
    assert_eq!(errors.len(), 1, "{}", listing(&errors));
    assert_eq!(errors[0].file, FORM);
    assert!(
        errors[0].message.contains("missing field `label`"),
        "{}",
        errors[0].message
    );
    assert!(
        errors[0]
            .location
            .starts_with(&format!("pages[{p}].fields[0]")),
        "{}",
        errors[0].location
    );
}

// ---------------------------------------------------------------------------
// Expression mistakes
// ---------------------------------------------------------------------------

/// Replaces the expression at a JSON pointer in the form and loads.
fn break_expression(name: &str, pointer: &str, expr: &str) -> Vec<RuleError> {
    let scratch = Scratch::new(name);
    scratch.edit(FORM, |form| {
        *form.pointer_mut(pointer).expect("the pointer exists") = Json::from(expr);
    });
    scratch.errors()
}

fn pointer(location: &str) -> String {
    // `pages[16].fields[0].visible_if` → `/pages/16/fields/0/visible_if`
    location
        .replace('[', ".")
        .replace(']', "")
        .split('.')
        .map(|s| format!("/{s}"))
        .collect()
}

#[test]
fn an_unknown_answer_in_an_expression_gives_the_location_and_column() {
    let at = format!("{}.visible_if", field_at("visa_stay_days"));
    let expr = "has(answers.visa_type) && answers.nope != 'visa_free'";
    let errors = break_expression("unknown-answer", &pointer(&at), expr);
    assert_eq!(errors.len(), 1, "{}", listing(&errors));
    let e = error_at(&errors, FORM, &at);
    assert!(e.in_expression);
    assert_eq!(e.line, None);
    assert!(
        e.message.contains("unknown field 'nope' of answers"),
        "{}",
        e.message
    );
    // The column is that of `nope`, counted in characters from 1.
    let column = expr.find("nope").unwrap() + 1;
    assert_eq!(column, 35);
    assert_eq!(e.column, Some(column));
    assert_eq!(
        e.to_string(),
        format!(
            "{FORM}: at {at}, column {column} of the expression: unknown field 'nope' of answers"
        )
    );
}

#[test]
fn an_unknown_function_gives_the_location_and_column() {
    let at = format!("{}.constraints[1].assert", field_at("date_of_birth"));
    let expr = "agee(answers.date_of_birth, today) <= 130";
    let errors = break_expression("unknown-function", &pointer(&at), expr);
    assert_eq!(errors.len(), 1, "{}", listing(&errors));
    let e = error_at(&errors, FORM, &at);
    assert!(e.in_expression);
    assert_eq!(e.column, Some(1));
    assert!(e.message.contains("unknown function"), "{}", e.message);
    assert!(e.message.contains("agee"), "{}", e.message);
    assert!(
        e.to_string()
            .starts_with(&format!("{FORM}: at {at}, column 1 of the expression: ")),
        "{e}"
    );
}

#[test]
fn comparing_a_date_with_a_number_is_a_type_error() {
    let at = format!("{}.constraints[0].assert", field_at("date_of_birth"));
    let expr = "answers.date_of_birth > 3";
    let errors = break_expression("type-mismatch", &pointer(&at), expr);
    assert_eq!(errors.len(), 1, "{}", listing(&errors));
    let e = error_at(&errors, FORM, &at);
    assert!(e.in_expression);
    // The column of the operator.
    assert_eq!(e.column, Some(expr.find('>').unwrap() + 1));
    assert_eq!(e.message, "'>' cannot combine date and int");
    assert_eq!(
        e.to_string(),
        format!("{FORM}: at {at}, column 23 of the expression: '>' cannot combine date and int")
    );

    // Comparing with a date written as text is the same mistake.
    let errors = break_expression(
        "type-mismatch-string",
        &pointer(&at),
        "answers.date_of_birth == '2024-01-01'",
    );
    let e = error_at(&errors, FORM, &at);
    assert_eq!(e.message, "'==' cannot combine date and string");
}

#[test]
fn a_condition_that_is_not_a_bool_is_an_error() {
    let at = format!("pages[{}].visible_if", page_index("host"));
    let errors = break_expression("not-bool", &pointer(&at), "answers.housing_type");
    let e = error_at(&errors, FORM, &at);
    assert!(e.in_expression);
    assert_eq!(
        e.message, "this expression gives string, but bool is needed",
        "{e}"
    );
}

#[test]
fn a_syntax_error_in_an_expression_gives_the_column() {
    let at = "rules[0].assert";
    let expr = "now - answers.arrival_datetime <= duration('24h'";
    let errors = break_expression("expr-syntax", &pointer(at), expr);
    let e = error_at(&errors, FORM, at);
    assert!(e.in_expression);
    // Just past the end, where the ')' is missing.
    assert_eq!(e.column, Some(expr.chars().count() + 1), "{e}");
    assert!(e.message.contains("expected ')'"), "{e}");
}

#[test]
fn a_regular_expression_is_refused_with_the_reason_when_the_rules_load() {
    let at = format!("{}.constraints[0].assert", field_at("date_of_birth"));
    let errors = break_expression(
        "regex",
        &pointer(&at),
        "string(answers.date_of_birth).matches('^[0-9]+$')",
    );
    let e = error_at(&errors, FORM, &at);
    assert!(e.in_expression);
    assert!(
        e.message.starts_with("matches() is not in this subset"),
        "{e}"
    );
    // The column of the call.
    assert_eq!(e.column, Some(31), "{e}");
}

#[test]
fn a_calculated_value_of_the_wrong_type_is_an_error() {
    let age = real()
        .form("temporary-residence")
        .unwrap()
        .def
        .calculated
        .iter()
        .position(|c| c.id == "age")
        .unwrap();
    let errors = break_expression(
        "calc-type",
        &format!("/calculated/{age}/expr"),
        "answers.surname",
    );
    let e = error_at(&errors, FORM, &format!("calculated[{age}].expr"));
    assert_eq!(e.message, "this expression gives string, but int is needed");
}

// ---------------------------------------------------------------------------
// Messages and countries
// ---------------------------------------------------------------------------

#[test]
fn a_message_missing_in_chinese_is_reported() {
    let scratch = Scratch::new("missing-zh-message");
    scratch.edit("locales/zh-CN/temporary-residence.json", |m| {
        m.as_object_mut()
            .unwrap()
            .remove("tr.surname.label")
            .expect("the key exists");
    });
    let errors = scratch.errors();
    // Where the form uses it.
    let at = format!("{}.label", field_at("surname"));
    let e = error_at(&errors, FORM, &at);
    assert_eq!(
        e.message,
        "the message 'tr.surname.label' is missing in the language 'zh-CN'"
    );
    assert_eq!(
        e.to_string(),
        format!(
            "{FORM}: at {at}: the message 'tr.surname.label' is missing in the language 'zh-CN'"
        )
    );
    // And that the languages differ.
    let e = errors
        .iter()
        .find(|e| e.location == "tr.surname.label")
        .unwrap_or_else(|| panic!("{}", listing(&errors)));
    assert!(e.file.starts_with("locales/zh-CN/"), "{e}");
    assert_eq!(
        e.message,
        "the message 'tr.surname.label' exists in 'en' but not in 'zh-CN'"
    );
    assert_eq!(errors.len(), 2, "{}", listing(&errors));
}

/// `check_same_keys` (rules/mod.rs) names the language's *first* file
/// whatever the key, so a key missing from `zh-CN/temporary-residence.json`
/// is reported against `locales/zh-CN/ui.json`, a file that has nothing to
/// do with it. The English file that defines the key tells which Chinese
/// file should hold it.
#[test]
fn a_message_missing_in_chinese_names_the_file_it_belongs_in() {
    let scratch = Scratch::new("missing-zh-message-file");
    scratch.edit("locales/zh-CN/temporary-residence.json", |m| {
        m.as_object_mut().unwrap().remove("tr.surname.label");
    });
    let errors = scratch.errors();
    error_at(
        &errors,
        "locales/zh-CN/temporary-residence.json",
        "tr.surname.label",
    );
}

#[test]
fn a_message_key_missing_everywhere_is_reported_per_language() {
    let at = format!("{}.label", field_at("surname"));
    let errors = break_expression("missing-key", &pointer(&at), "tr.surname.lable");
    let here: Vec<&RuleError> = errors.iter().filter(|e| e.location == at).collect();
    assert_eq!(here.len(), 2, "{}", listing(&errors));
    assert!(here
        .iter()
        .any(|e| e.message.ends_with("in the language 'en'")));
    assert!(here
        .iter()
        .any(|e| e.message.ends_with("in the language 'zh-CN'")));
}

/// Issue 4: every message that speaks to the applicant as "you" has the
/// variant a helper sees, naming the applicant, in every language.
#[test]
fn a_message_saying_you_without_a_helper_variant_is_refused() {
    let scratch = Scratch::new("you-without-other");
    // The date of birth question, flattened to its "self" text in both
    // languages.
    scratch.edit("locales/en/temporary-residence.json", |m| {
        m["tr.page.date-of-birth.title"] = Json::from("What is your date of birth?");
    });
    scratch.edit("locales/zh-CN/temporary-residence.json", |m| {
        m["tr.page.date-of-birth.title"] = Json::from("请填写您的出生日期");
    });
    let errors = scratch.errors();
    let at = format!("pages[{}].title", page_index("date-of-birth"));
    let here: Vec<&RuleError> = errors
        .iter()
        .filter(|e| e.file == FORM && e.location == at)
        .collect();
    assert_eq!(here.len(), 2, "{}", listing(&errors));
    assert!(here[0].message.starts_with(
        "the message 'tr.page.date-of-birth.title' addresses the applicant as \"you\" in 'en' but has no variant for a helper"
    ), "{}", here[0]);
    assert!(here[1].message.contains("in 'zh-CN'"), "{}", here[1]);
    assert_eq!(errors.len(), 2, "{}", listing(&errors));

    // Only for the applicant: the helper's own pages say "you" to them.
    let helper_title = format!("pages[{}].title", page_index("helper-details"));
    assert!(!errors.iter().any(|e| e.location == helper_title));
}

#[test]
fn a_variant_with_one_side_or_in_one_language_only_is_refused() {
    let scratch = Scratch::new("variant-shape");
    scratch.edit("locales/en/temporary-residence.json", |m| {
        m["tr.sex.required"] = serde_json::json!({ "self": "Select your sex" });
    });
    let errors = scratch.errors();
    let e = errors
        .iter()
        .find(|e| e.location == "tr.sex.required" && e.line.is_some())
        .unwrap_or_else(|| panic!("{}", listing(&errors)));
    assert_eq!(e.file, "locales/en/temporary-residence.json");
    assert!(e.message.contains("missing field `other`"), "{e}");

    let scratch = Scratch::new("variant-one-language");
    scratch.edit("locales/zh-CN/temporary-residence.json", |m| {
        m["tr.postcode.label"] =
            serde_json::json!({ "self": "邮政编码", "other": "{name}的邮政编码" });
    });
    let errors = scratch.errors();
    let e = errors
        .iter()
        .find(|e| e.location == "tr.postcode.label#other")
        .unwrap_or_else(|| panic!("{}", listing(&errors)));
    assert!(
        e.message.contains("exists in 'zh-CN' but not in 'en'"),
        "{e}"
    );
}

#[test]
fn the_declaration_needs_a_helper_variant() {
    let scratch = Scratch::new("declaration-variant");
    scratch.edit("locales/en/temporary-residence.json", |m| {
        m["tr.declaration.text"] = Json::from("I declare that it is all true.");
    });
    let errors = scratch.errors();
    let e = error_at(&errors, FORM, "declaration.text");
    assert!(
        e.message
            .contains("a helper makes the declaration for each applicant by name"),
        "{e}"
    );
}

/// Where `code` stands in the shipped country list.
fn country_index(code: &str) -> usize {
    real()
        .countries
        .countries
        .iter()
        .position(|c| c.code == code)
        .unwrap()
}

#[test]
fn a_country_without_a_chinese_name_is_reported() {
    let scratch = Scratch::new("missing-country-name");
    scratch.edit("locales/zh-CN/countries.json", |m| {
        m.as_object_mut()
            .unwrap()
            .remove("country.FRA")
            .expect("France has a name");
    });
    let index = country_index("FRA");
    let errors = scratch.errors();
    let e = error_at(
        &errors,
        "shared/countries.json",
        &format!("countries[{index}]"),
    );
    assert_eq!(
        e.message,
        "'FRA' has no name in the language 'zh-CN' (country.FRA)"
    );
    assert_eq!(
        e.to_string(),
        format!(
            "shared/countries.json: at countries[{index}]: 'FRA' has no name in the language 'zh-CN' (country.FRA)"
        )
    );
}

#[test]
fn an_alias_of_a_code_not_listed_is_reported() {
    let scratch = Scratch::new("alias-unknown");
    scratch.replace(
        "shared/countries.json",
        r#""alias_of": "RKS""#,
        r#""alias_of": "XXX1""#,
    );
    let at = format!("countries[{}].alias_of", country_index("XXK"));
    let errors = scratch.errors();
    let e = error_at(&errors, "shared/countries.json", &at);
    assert_eq!(
        e.message,
        "'XXK' is an alias of 'XXX1', which is not a listed code of this file"
    );
}

#[test]
fn a_locale_file_that_is_not_an_object_is_refused() {
    let scratch = Scratch::new("locale-array");
    scratch.write("locales/en/countries.json", "[\"France\"]");
    let errors = scratch.errors();
    let e = error_at(&errors, "locales/en/countries.json", "");
    assert!(e.message.contains("JSON object"), "{e}");
}

// ---------------------------------------------------------------------------
// Structure
// ---------------------------------------------------------------------------

#[test]
fn a_section_naming_a_missing_page_is_reported() {
    let scratch = Scratch::new("section-missing-page");
    let mut count = 0;
    scratch.edit(FORM, |form| {
        let pages = form["sections"][0]["pages"].as_array_mut().unwrap();
        pages.push(Json::from("nowhere"));
        count = pages.len();
    });
    let errors = scratch.errors();
    assert_eq!(errors.len(), 1, "{}", listing(&errors));
    let at = format!("sections[0].pages[{}]", count - 1);
    let e = error_at(&errors, FORM, &at);
    assert_eq!(e.message, "there is no page with id 'nowhere'");
    assert_eq!(
        e.to_string(),
        format!("{FORM}: at {at}: there is no page with id 'nowhere'")
    );
}

#[test]
fn a_misspelt_page_in_a_section_leaves_the_real_page_in_no_section() {
    let scratch = Scratch::new("section-misspelt-page");
    scratch.replace(
        FORM,
        "[\"name\", \"chinese-name\"",
        "[\"nmae\", \"chinese-name\"",
    );
    let errors = scratch.errors();
    assert_eq!(errors.len(), 2, "{}", listing(&errors));
    let e = error_at(&errors, FORM, "sections[2].pages[0]");
    assert_eq!(e.message, "there is no page with id 'nmae'");
    let e = error_at(&errors, FORM, &format!("pages[{}]", page_index("name")));
    assert_eq!(e.message, "the page 'name' is in no section");
}

#[test]
fn a_field_id_used_twice_is_reported() {
    let scratch = Scratch::new("duplicate-field");
    let (p, f) = dossier_engine::validate::locate(
        real().form("temporary-residence").unwrap(),
        "given_names",
    )
    .unwrap();
    scratch.edit(FORM, |form| {
        form["pages"][p]["fields"][f]["id"] = Json::from("surname");
    });
    let errors = scratch.errors();
    let e = error_at(&errors, FORM, &format!("pages[{p}].fields[{f}].id"));
    assert_eq!(e.message, "the field id 'surname' is used twice");
}

#[test]
fn a_rule_on_a_missing_field_is_reported() {
    let errors = break_expression("rule-field", "/rules/0/field", "arrival_time");
    let e = error_at(&errors, FORM, "rules[0].field");
    assert_eq!(e.message, "there is no field with id 'arrival_time'");
}

#[test]
fn a_file_listed_in_the_index_but_absent_is_reported() {
    let scratch = Scratch::new("absent-file");
    std::fs::remove_file(scratch.dir.join("locales/zh-CN/countries.json")).unwrap();
    let errors = scratch.errors();
    let e = error_at(&errors, "locales/zh-CN/countries.json", "");
    assert!(e.message.starts_with("cannot read the file"), "{e}");
}

#[test]
fn every_mistake_is_reported_not_just_the_first() {
    let scratch = Scratch::new("several");
    let visa = field_at("visa_stay_days");
    let dob = field_at("date_of_birth");
    scratch.edit(FORM, |form| {
        *form
            .pointer_mut(&pointer(&format!("{visa}.visible_if")))
            .unwrap() = Json::from("answers.nope");
        *form
            .pointer_mut(&pointer(&format!("{dob}.constraints[1].assert")))
            .unwrap() = Json::from("agee(answers.date_of_birth, today) <= 130");
        form["sections"][0]["pages"]
            .as_array_mut()
            .unwrap()
            .push(Json::from("nowhere"));
    });
    scratch.edit("locales/zh-CN/countries.json", |m| {
        m.as_object_mut().unwrap().remove("country.D");
    });
    let errors = scratch.errors();
    let files: Vec<&str> = errors.iter().map(|e| e.file.as_str()).collect();
    assert!(
        files.contains(&"shared/countries.json"),
        "{}",
        listing(&errors)
    );
    let locations: Vec<&str> = errors.iter().map(|e| e.location.as_str()).collect();
    for at in [
        format!("{visa}.visible_if"),
        format!("{dob}.constraints[1].assert"),
    ] {
        assert!(
            locations.contains(&at.as_str()),
            "{at}:\n{}",
            listing(&errors)
        );
    }
    assert!(
        locations
            .iter()
            .any(|l| l.starts_with("sections[0].pages[")),
        "{}",
        listing(&errors)
    );
}

#[test]
fn the_done_page_and_full_name_must_name_real_things() {
    let scratch = Scratch::new("done-page");
    scratch.edit(FORM, |form| {
        form["full_name"][1] = Json::from("given_name");
        form["done"]["deadline"]["calculated"] = Json::from("age");
        form["done"]["next"] = Json::from("tr.done.nex");
    });
    let errors = scratch.errors();
    let e = error_at(&errors, FORM, "full_name[1]");
    assert_eq!(e.message, "there is no field with id 'given_name'");
    let e = error_at(&errors, FORM, "done.deadline.calculated");
    assert!(
        e.message
            .contains("must be a calculated value of type timestamp or date"),
        "{e}"
    );
    // Missing in each language.
    let missing: Vec<_> = errors
        .iter()
        .filter(|e| e.location == "done.next")
        .collect();
    assert_eq!(missing.len(), 2, "{}", listing(&errors));
    assert!(missing[0]
        .message
        .contains("'tr.done.nex' is missing in the language 'en'"));
}

// ---------------------------------------------------------------------------
// Roles and integer fields
// ---------------------------------------------------------------------------

#[test]
fn roles_must_be_words_listed_once_with_their_messages() {
    let scratch = Scratch::new("roles");
    scratch.edit(FORM, |form| {
        let roles = form["roles"].as_array_mut().unwrap();
        roles[1]["id"] = Json::from("Family Member");
        roles[2]["id"] = Json::from("self");
        roles[3]["label"] = Json::from("tr.role.nobody");
    });
    let errors = scratch.errors();
    assert!(error_at(&errors, FORM, "roles[1].id")
        .message
        .contains("'Family Member' is not a role word: lower-case letters and _ only"));
    assert!(error_at(&errors, FORM, "roles[2].id")
        .message
        .contains("the role 'self' is listed twice"));
    let missing: Vec<&RuleError> = errors
        .iter()
        .filter(|e| e.location == "roles[3].label")
        .collect();
    assert!(
        missing.iter().any(|e| e.message.contains("tr.role.nobody")),
        "{}",
        listing(&errors)
    );

    let scratch = Scratch::new("no-roles");
    scratch.edit(FORM, |form| form["roles"] = Json::Array(vec![]));
    assert!(error_at(&scratch.errors(), FORM, "roles")
        .message
        .contains("list at least one role"));
}

#[test]
fn a_range_belongs_to_an_integer_field_and_must_not_be_empty() {
    let days = field_at("visa_stay_days");
    let number = field_at("visa_number");
    let scratch = Scratch::new("integer");
    scratch.edit(FORM, |form| {
        let at = |f: &str| pointer(f);
        *form.pointer_mut(&format!("{}/min", at(&days))).unwrap() = Json::from(10);
        *form.pointer_mut(&format!("{}/max", at(&days))).unwrap() = Json::from(5);
        form.pointer_mut(&at(&number))
            .unwrap()
            .as_object_mut()
            .unwrap()
            .insert("suffix".into(), Json::from("tr.visa_stay_days.suffix"));
    });
    let errors = scratch.errors();
    assert!(error_at(&errors, FORM, &format!("{days}.min"))
        .message
        .contains("min is larger than max"));
    assert!(error_at(&errors, FORM, &format!("{number}.suffix"))
        .message
        .contains("only an integer field has `suffix`"));
}

/// The calendar ships with the rules; a mistake in a year's file names the
/// file, the place and the problem, and a file named after another year
/// is refused.
#[test]
fn a_calendar_mistake_names_the_file_the_place_and_the_problem() {
    assert_eq!(real().calendar.years(), [2024, 2025, 2026]);
    let s = Scratch::new("calendar-date");
    s.replace("calendar/2026.json", "\"2026-02-28\"", "\"2026-02-30\"");
    let errors = s.errors();
    let e = error_at(
        &errors,
        "calendar/2026.json",
        "holidays[1] (春节).make_up_working_days[1]",
    );
    assert!(e.message.contains("not a real date"), "{e}");

    // 2026's arrangement saved as 2027's.
    let s = Scratch::new("calendar-year");
    s.write("calendar/2027.json", &s.read("calendar/2026.json"));
    s.replace(
        "index.json",
        "\"calendar/2026.json\"",
        "\"calendar/2027.json\"",
    );
    let errors = s.errors();
    let e = error_at(&errors, "calendar/2027.json", "year");
    assert!(e.message.contains("calendar/2026.json"), "{e}");
}
