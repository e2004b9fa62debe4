//! What the residence-permit forms need of the engine (issue 11): the
//! first applicant's answers read by the others (`principal`), "tick all
//! that apply" (`checkboxes`), a message's values worked out by its rule
//! (`params`), and the catalogue's services with the guidance worked out
//! from a form's rules and documents with only a service's preset known.
//!
//! The form is written inline, in the shape of `rules/forms/*.json`.

use dossier_engine::answers::{Answer, Applicant, Dossier};
use dossier_engine::guidance::for_service;
use dossier_engine::rules::{compile_form, read, CompiledForm, CountryList, RuleError};
use dossier_engine::validate::{validate, Clock, Report};
use serde_json::json;

const FILE: &str = "forms/permit.json";

/// A small permit form: a procedure preset by the service chosen, a
/// category, the permit's expiry on a renewal's own page, the items a
/// change concerns, and a family member's tie to the first applicant.
fn form_text() -> String {
    json!({
        "id": "permit",
        "version": "1",
        "title": "t.title",
        "services": [
            { "id": "first", "title": "t.first", "summary": "t.first.who", "group": "residence",
              "preset": { "procedure": "first" } },
            { "id": "renewal", "title": "t.renewal", "summary": "t.renewal.who", "group": "residence",
              "preset": { "procedure": "renewal" } }
        ],
        "guidance": { "who": ["t.who"], "time": ["t.decision"], "fee": ["t.fee"] },
        "sections": [{ "id": "s", "title": "t.s", "pages": ["procedure", "category", "expiry", "changes", "family"] }],
        "pages": [
            { "id": "procedure", "title": "t.p", "fields": [
                { "id": "procedure", "type": "choice", "label": "t.l", "required": true, "options": [
                    { "value": "first", "label": "t.o" }, { "value": "renewal", "label": "t.o" } ] } ] },
            { "id": "category", "title": "t.p", "fields": [
                { "id": "category", "type": "choice", "label": "t.l", "required": true, "options": [
                    { "value": "work", "label": "t.o" }, { "value": "family", "label": "t.o" } ] } ] },
            { "id": "expiry", "title": "t.p", "visible_if": "answers.procedure == 'renewal'", "fields": [
                { "id": "expiry", "type": "date", "label": "t.l", "required": true } ] },
            { "id": "changes", "title": "t.p", "fields": [
                { "id": "changes", "type": "checkboxes", "label": "t.l", "options": [
                    { "value": "name", "label": "t.o" }, { "value": "passport", "label": "t.o" },
                    { "value": "address", "label": "t.o" } ] } ] },
            { "id": "family", "title": "t.p", "visible_if": "answers.category == 'family'", "fields": [
                { "id": "joining", "type": "choice", "label": "t.l", "options": [
                    { "value": "first", "label": "t.o" }, { "value": "elsewhere", "label": "t.o" } ] } ] }
        ],
        "rules": [
            { "id": "renew_early", "field": "expiry", "severity": "warning",
              "assert": "daysBetween(today, answers.expiry) >= 30",
              "message": "t.late", "summary": "t.late.summary",
              "params": { "days": "30 - daysBetween(today, answers.expiry)",
                          "date": "addDays(answers.expiry, -30)" } },
            { "id": "joins_a_worker", "field": "joining",
              "assert": "answers.joining != 'first' || (!principal.is_applicant && principal.answers.category == 'work')",
              "message": "t.no_principal", "summary": "t.family.summary" },
            { "id": "passport_change", "field": "changes", "severity": "info",
              "assert": "!('passport' in answers.changes)", "message": "t.passport" }
        ],
        "documents": [
            { "id": "passport", "label": "t.d" },
            { "id": "old_permit", "label": "t.d", "when": "answers.procedure == 'renewal'" },
            { "id": "marriage", "label": "t.d", "when": "answers.category == 'family'" }
        ],
        "declaration": { "id": "d", "title": "t", "text": "t", "confirm": "t" }
    })
    .to_string()
}

fn compile(text: &str) -> Result<CompiledForm, Vec<RuleError>> {
    compile_form(
        FILE,
        read::form(FILE, text).unwrap(),
        &CountryList::default(),
        &[],
    )
}

fn form() -> CompiledForm {
    compile(&form_text()).unwrap()
}

fn text(s: &str) -> Answer {
    Answer::Text(s.into())
}

fn date(iso: &str) -> Answer {
    let p: Vec<&str> = iso.split('-').collect();
    Answer::Date(dossier_engine::answers::DateParts {
        day: p[2].into(),
        month: p[1].into(),
        year: p[0].into(),
        time: None,
    })
}

fn clock() -> Clock {
    Clock::at(chrono::DateTime::parse_from_rfc3339("2026-11-21T10:00:00+08:00").unwrap())
}

fn person(answers: &[(&str, Answer)]) -> Applicant {
    let mut a = Applicant::default();
    for (k, v) in answers {
        a.answers.insert(k.to_string(), v.clone());
    }
    a
}

fn check(applicants: Vec<Applicant>) -> Report {
    let d = Dossier {
        applicants,
        ..Dossier::default()
    };
    validate(&form(), &d, clock())
}

fn codes(r: &Report, applicant: usize) -> Vec<String> {
    r.applicants[applicant]
        .issues
        .iter()
        .map(|i| i.code.clone())
        .collect()
}

#[test]
fn a_rule_fills_its_message_with_values_worked_out_when_it_fires() {
    // 29 days before expiry: one day late, and the day it was due.
    let r = check(vec![person(&[
        ("procedure", text("renewal")),
        ("category", text("work")),
        ("expiry", date("2026-12-20")),
    ])]);
    let issue = r.applicants[0]
        .issues
        .iter()
        .find(|i| i.code == "renew_early")
        .unwrap();
    assert_eq!(issue.params["days"], "1");
    assert_eq!(issue.params["date"], "2026-11-20");
    // 30 days before: on time.
    let r = check(vec![person(&[
        ("procedure", text("renewal")),
        ("category", text("work")),
        ("expiry", date("2026-12-21")),
    ])]);
    assert!(codes(&r, 0).is_empty(), "{:?}", codes(&r, 0));
}

#[test]
fn family_members_read_the_first_applicants_answers() {
    let worker = person(&[("procedure", text("first")), ("category", text("work"))]);
    let wife = person(&[
        ("procedure", text("first")),
        ("category", text("family")),
        ("joining", text("first")),
    ]);
    let r = check(vec![worker.clone(), wife.clone()]);
    assert!(codes(&r, 1).is_empty(), "{:?}", codes(&r, 1));
    assert_eq!(r.applicants[1].documents, ["passport", "marriage"]);

    // The first applicant is not a worker: the tie is wrong, and said so.
    let student = person(&[("procedure", text("first")), ("category", text("family"))]);
    let r = check(vec![student, wife.clone()]);
    assert_eq!(codes(&r, 1), ["joins_a_worker"]);
    // Nor can the first applicant join themself.
    let r = check(vec![wife]);
    assert_eq!(codes(&r, 0), ["joins_a_worker"]);
    assert!(form().reads_principal);
}

#[test]
fn checkboxes_are_a_list_of_the_options_ticked() {
    let r = check(vec![person(&[
        ("procedure", text("first")),
        ("category", text("work")),
        ("changes", text("address passport")),
    ])]);
    assert_eq!(codes(&r, 0), ["passport_change"]);
    let listed = &r.applicants[0].values["changes"];
    assert_eq!(
        format!("{listed:?}"),
        r#"List([String("passport"), String("address")])"#
    );
    let r = check(vec![person(&[
        ("procedure", text("first")),
        ("category", text("work")),
        ("changes", text("passport visa")),
    ])]);
    assert_eq!(codes(&r, 0), ["changes.format"]);
}

#[test]
fn the_guidance_lists_what_can_apply_to_the_service() {
    let form = form();
    let first = for_service(&form, &form.def.service("first"), clock());
    assert_eq!(first.who, ["t.who"]);
    assert_eq!(first.fee, ["t.fee"]);
    // The renewal's rule is on a page a first application never shows.
    assert_eq!(first.time, ["t.decision", "t.family.summary"]);
    assert_eq!(first.documents, ["passport"]);
    assert_eq!(first.maybe_documents, ["marriage"]);

    let renewal = for_service(&form, &form.def.service("renewal"), clock());
    assert_eq!(
        renewal.time,
        ["t.decision", "t.late.summary", "t.family.summary"]
    );
    assert_eq!(renewal.documents, ["passport", "old_permit"]);
    // An unknown service id is the first service.
    assert_eq!(form.def.service("nope").id, "first");
}

#[test]
fn a_service_presets_only_real_choices() {
    let bad = form_text().replace(r#"{"procedure":"renewal"}"#, r#"{"procedure":"renew"}"#);
    let errors = compile(&bad).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].location, "services[1].preset.procedure");
    assert!(errors[0]
        .message
        .contains("'renew' is not one of the options"));
    let bad = form_text().replace(
        r#""date":"addDays(answers.expiry, -30)""#,
        r#""date":"answers.expiry > today""#,
    );
    let errors = compile(&bad).unwrap_err();
    assert_eq!(errors[0].location, "rules[0].params.date");
    assert!(
        errors[0].message.contains("a message shows"),
        "{}",
        errors[0]
    );
}
