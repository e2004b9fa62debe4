//! `rules/schema/form.schema.json` (what editors complete from) and
//! the model's serde derives (what the engine accepts) describe the same
//! format.

use dossier_engine::rules::*;
use serde_aux::serde_introspection::serde_introspect;
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

/// The names serde reads for `T`: a struct's fields, an enum's variants.
fn names<'de, T: serde::Deserialize<'de>>() -> BTreeSet<String> {
    serde_introspect::<T>()
        .iter()
        .map(|k| k.to_string())
        .collect()
}

#[test]
fn the_schema_allows_exactly_what_the_reader_reads() {
    assert_eq!(properties("FormDef"), names::<FormDef>());
    assert_eq!(properties("Section"), names::<Section>());
    assert_eq!(properties("Page"), names::<Page>());
    assert_eq!(properties("Field"), names::<Field>());
    assert_eq!(properties("FileRule"), names::<FileRule>());
    assert_eq!(properties("ChoiceOption"), names::<ChoiceOption>());
    assert_eq!(properties("Constraint"), names::<Constraint>());
    assert_eq!(properties("CrossRule"), names::<CrossRule>());
    assert_eq!(properties("Calculated"), names::<Calculated>());
    assert_eq!(
        properties("DocumentRequirement"),
        names::<DocumentRequirement>()
    );
    assert_eq!(properties("Declaration"), names::<Declaration>());
    assert_eq!(properties("StartPage"), names::<StartPage>());
    assert_eq!(properties("DonePage"), names::<DonePage>());
    assert_eq!(properties("DoneDeadline"), names::<DoneDeadline>());
    assert_eq!(properties("ServiceDef"), names::<ServiceDef>());
    assert_eq!(properties("Guidance"), names::<Guidance>());
}

#[test]
fn the_schema_lists_the_same_words() {
    assert_eq!(words("FieldKind"), names::<FieldKind>());
    assert_eq!(words("Widget"), names::<Widget>());
    assert_eq!(words("IdScheme"), names::<IdScheme>());
    assert_eq!(words("Severity"), names::<Severity>());
    assert_eq!(words("CalcType"), names::<CalcType>());
    assert_eq!(words("Scope"), names::<Scope>());
    assert_eq!(words("MediaType"), names::<MediaType>());
}

#[test]
fn a_choice_option_names_every_identity_scheme_as_serde_does() {
    use dossier_engine::rules::compile::scheme_from_value;
    for name in names::<IdScheme>() {
        let scheme = scheme_from_value(&name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(serde_json::to_value(scheme).unwrap(), Value::String(name));
    }
}
