//! `rules/schema/form.schema.json` (what editors complete from) and
//! `rules/read.rs` (what the engine accepts) describe the same format.

use dossier_engine::rules::read;
use serde_json::Value;
use std::collections::BTreeSet;

fn schema() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../rules/schema/form.schema.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn properties(def: &str) -> BTreeSet<String> {
    let s = schema();
    let d = &s["$defs"][def];
    assert_eq!(
        d["additionalProperties"],
        Value::Bool(false),
        "{def} must refuse unknown properties, as the reader does"
    );
    d["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("{def} has properties"))
        .keys()
        .cloned()
        .collect()
}

fn words(def: &str) -> BTreeSet<String> {
    let s = schema();
    s["$defs"][def]["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("{def} is an enum"))
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

fn set(keys: &[&str]) -> BTreeSet<String> {
    keys.iter().map(|k| k.to_string()).collect()
}

fn names<T>(pairs: &[(&str, T)]) -> BTreeSet<String> {
    pairs.iter().map(|(k, _)| k.to_string()).collect()
}

#[test]
fn the_schema_allows_exactly_what_the_reader_reads() {
    assert_eq!(properties("FormDef"), set(read::FORM_KEYS));
    assert_eq!(properties("Section"), set(read::SECTION_KEYS));
    assert_eq!(properties("Page"), set(read::PAGE_KEYS));
    assert_eq!(properties("Field"), set(read::FIELD_KEYS));
    assert_eq!(properties("FileRule"), set(read::FILE_RULE_KEYS));
    assert_eq!(properties("ChoiceOption"), set(read::OPTION_KEYS));
    assert_eq!(properties("Constraint"), set(read::CONSTRAINT_KEYS));
    assert_eq!(properties("CrossRule"), set(read::RULE_KEYS));
    assert_eq!(properties("Calculated"), set(read::CALCULATED_KEYS));
    assert_eq!(properties("DocumentRequirement"), set(read::DOCUMENT_KEYS));
    assert_eq!(properties("Declaration"), set(read::DECLARATION_KEYS));
}

#[test]
fn the_schema_lists_the_same_words() {
    assert_eq!(words("FieldKind"), names(read::FIELD_KINDS));
    assert_eq!(words("Widget"), names(read::WIDGETS));
    assert_eq!(words("IdScheme"), names(read::ID_SCHEMES));
    assert_eq!(words("Severity"), names(read::SEVERITIES));
    assert_eq!(words("CalcType"), names(read::CALC_TYPES));
}
