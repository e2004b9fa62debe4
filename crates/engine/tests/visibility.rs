//! Visibility as a dependency graph (issue 9, part 8): a `visible_if` that
//! depends on its own outcome, directly, through a page, an ending page or
//! a calculated value, is a located error; so is a chain of visibility
//! deeper than validation follows; and validation settles every chain the
//! check accepts, to its end.
//!
//! Each test writes a small form inline, in the shape of
//! `rules/forms/*.json`, and compiles it as `load_dir` would (with no
//! languages, so message keys are not looked up).

use dossier_engine::answers::{Answer, Applicant, Dossier, Filler, FillerRole};
use dossier_engine::rules::compile::MAX_VISIBILITY_DEPTH;
use dossier_engine::rules::{self, compile_form, read, CompiledForm, CountryList, RuleError};
use dossier_engine::validate::{validate, Clock, Report};
use serde_json::{json, Value as Json};
use std::path::Path;

const FILE: &str = "forms/visibility.json";

fn field(id: &str, visible_if: Option<&str>) -> Json {
    let mut f = json!({ "id": id, "type": "text", "label": "label" });
    if let Some(condition) = visible_if {
        f["visible_if"] = json!(condition);
    }
    f
}

fn page(id: &str, visible_if: Option<&str>, fields: Vec<Json>) -> Json {
    let mut p = json!({ "id": id, "title": "title", "fields": fields });
    if let Some(condition) = visible_if {
        p["visible_if"] = json!(condition);
    }
    p
}

/// A form with `pages`: those in `filler_pages` in a section of scope
/// `filler`, the others in one of applicants'.
fn form_with(pages: Vec<Json>, filler_pages: &[&str], calculated: Json) -> String {
    let ids: Vec<&str> = pages.iter().map(|p| p["id"].as_str().unwrap()).collect();
    let applicant_pages: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| !filler_pages.contains(id))
        .collect();
    let mut sections =
        vec![json!({ "id": "applicant", "title": "title", "pages": applicant_pages })];
    if !filler_pages.is_empty() {
        sections.insert(
            0,
            json!({ "id": "filler", "title": "title", "pages": filler_pages, "scope": "filler" }),
        );
    }
    json!({
        "id": "visibility",
        "version": "1",
        "title": "title",
        "sections": sections,
        "pages": pages,
        "calculated": calculated,
        "declaration": { "id": "d", "title": "title", "text": "text", "confirm": "confirm" }
    })
    .to_string()
}

fn form(pages: Vec<Json>) -> String {
    form_with(pages, &[], json!([]))
}

fn compile(text: &str) -> Result<CompiledForm, Vec<RuleError>> {
    let def = read::form(FILE, text).unwrap_or_else(|e| panic!("the test form does not read: {e}"));
    compile_form(FILE, def, &CountryList::default(), &[])
}

fn accepted(text: &str) -> CompiledForm {
    compile(text).unwrap_or_else(|errors| {
        let lines: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
        panic!("the form is refused:\n{}", lines.join("\n"))
    })
}

/// The one error `text` is refused with, which must be at `location` of
/// the form file and say `says`.
fn refused_at(text: &str, location: &str, says: &[&str]) -> RuleError {
    let errors = match compile(text) {
        Ok(_) => panic!("the form is accepted; expected an error at {location}"),
        Err(errors) => errors,
    };
    assert_eq!(errors.len(), 1, "one error expected: {errors:#?}");
    let error = errors.into_iter().next().unwrap();
    assert_eq!(error.file, FILE);
    assert_eq!(error.location, location, "{error}");
    for part in says {
        assert!(error.message.contains(part), "'{part}' not in: {error}");
    }
    // What a rule author reads names the file and the place.
    assert!(
        error
            .to_string()
            .starts_with(&format!("{FILE}: at {location}: ")),
        "{error}"
    );
    error
}

fn answer(s: &str) -> Answer {
    Answer::Text(s.into())
}

fn clock() -> Clock {
    Clock::at(chrono::DateTime::parse_from_rfc3339("2026-11-21T10:00:00+08:00").unwrap())
}

/// Validates one applicant with `answers`, the form filled in by `role`.
fn validate_one(form: &CompiledForm, role: FillerRole, answers: &[(&str, &str)]) -> Report {
    let mut dossier = Dossier::for_one();
    dossier.filler.role = role;
    dossier.applicants[0].answers = answers
        .iter()
        .map(|(k, v)| (k.to_string(), answer(v)))
        .collect();
    validate(form, &dossier, clock())
}

/// Whether field `id` of applicant 0 is shown: its page and itself.
fn shown(form: &CompiledForm, report: &Report, id: &str) -> bool {
    let (p, f) = dossier_engine::validate::locate(form, id).expect("a field of the form");
    let a = &report.applicants[0];
    a.pages_visible[p] && a.fields_visible[p][f]
}

#[test]
fn two_fields_that_show_each_other_are_a_cycle() {
    let text = form(vec![page(
        "p",
        None,
        vec![
            field("a", Some("has(answers.b)")),
            field("b", Some("answers.a == 'yes'")),
        ],
    )]);
    refused_at(
        &text,
        "pages[0].fields[0].visible_if",
        &["the visibility of a depends on itself: a → b → a"],
    );
}

#[test]
fn a_field_that_reads_itself_is_a_cycle() {
    let text = form(vec![page(
        "p",
        None,
        vec![field("start", None), field("a", Some("!has(answers.a)"))],
    )]);
    refused_at(
        &text,
        "pages[0].fields[1].visible_if",
        &["the visibility of a depends on itself: a → a"],
    );
}

#[test]
fn a_page_that_reads_its_own_field_is_a_cycle() {
    let text = form(vec![
        page("first", None, vec![field("start", None)]),
        page("p", Some("has(answers.c)"), vec![field("c", None)]),
    ]);
    refused_at(
        &text,
        "pages[1].visible_if",
        &["the visibility of page 'p' depends on itself: page 'p' → c → page 'p'"],
    );
}

#[test]
fn a_cycle_through_a_page_and_a_field_elsewhere_is_found() {
    // q is shown by a, which is shown by b, which is on q.
    let text = form(vec![
        page("q", Some("answers.a == 'yes'"), vec![field("b", None)]),
        page("r", None, vec![field("a", Some("has(answers.b)"))]),
    ]);
    refused_at(
        &text,
        "pages[0].visible_if",
        &["page 'q' → a → b → page 'q'"],
    );
}

#[test]
fn an_ending_page_that_reads_a_later_answer_is_a_cycle() {
    // The ending page hides every later page, and with it `x`, whose
    // answer shows the ending page.
    let mut stop = page("stop", Some("answers.x == 'stop'"), vec![]);
    stop["ends_journey"] = json!(true);
    let text = form(vec![stop, page("later", None, vec![field("x", None)])]);
    refused_at(
        &text,
        "pages[0].visible_if",
        &["page 'stop' → x → page 'later' → page 'stop'"],
    );
}

#[test]
fn a_cycle_through_a_calculated_value_is_found() {
    let calculated = json!([
        { "id": "needs_a", "type": "bool", "expr": "answers.b == 'yes'" }
    ]);
    let text = form_with(
        vec![page(
            "p",
            None,
            vec![
                field("a", Some("calc.needs_a")),
                field("b", Some("has(answers.a)")),
            ],
        )],
        &[],
        calculated,
    );
    refused_at(
        &text,
        "pages[0].fields[0].visible_if",
        &["the visibility of a depends on itself: a → calc.needs_a → b → a"],
    );
}

#[test]
fn a_calculated_value_that_reads_itself_is_a_cycle() {
    let calculated = json!([
        { "id": "count", "type": "int", "expr": "calc.count + 1" }
    ]);
    let text = form_with(
        vec![page("p", None, vec![field("a", None)])],
        &[],
        calculated,
    );
    refused_at(
        &text,
        "calculated[0].expr",
        &["calc.count depends on itself: calc.count → calc.count"],
    );
}

#[test]
fn a_cycle_among_the_fillers_own_pages_is_found() {
    let text = form_with(
        vec![
            page(
                "helper",
                Some("filler.answers.kind != 'person'"),
                vec![field("kind", None)],
            ),
            page("about", None, vec![field("a", None)]),
        ],
        &["helper"],
        json!([]),
    );
    refused_at(
        &text,
        "pages[0].visible_if",
        &["page 'helper' → kind → page 'helper'"],
    );
}

/// `start`, asked when someone else fills the form in, then `length`
/// fields, each on its own page and shown only when the one before it is
/// shown and answered; the first, when `start` is 'yes'. The visibility of
/// the last is `length` answers deep.
fn chain(length: usize) -> String {
    let mut pages = vec![page(
        "start",
        Some("!filler.is_applicant"),
        vec![field("start", None)],
    )];
    for i in 1..=length {
        let condition = match i {
            1 => "answers.start == 'yes'".to_string(),
            _ => format!("has(answers.f{})", i - 1),
        };
        pages.push(page(
            &format!("p{i}"),
            None,
            vec![field(&format!("f{i}"), Some(&condition))],
        ));
    }
    form(pages)
}

#[test]
fn a_chain_deeper_than_validation_follows_is_refused_where_it_goes_too_deep() {
    let too_deep = MAX_VISIBILITY_DEPTH + 1;
    let path: Vec<String> = (1..=too_deep)
        .rev()
        .map(|i| format!("f{i}"))
        .chain(["start".to_string()])
        .collect();
    let path = path.join(" → ");
    let error = refused_at(
        &chain(too_deep),
        &format!("pages[{too_deep}].fields[0].visible_if"),
        &[
            &format!("the visibility of f{too_deep} depends on a chain of answers {too_deep} deep"),
            &path,
            &format!("up to {MAX_VISIBILITY_DEPTH} deep"),
        ],
    );
    assert!(!error.in_expression && error.column.is_none());
    // A longer chain is refused once, where it first goes too deep.
    refused_at(
        &chain(too_deep + 3),
        &format!("pages[{too_deep}].fields[0].visible_if"),
        &[&path],
    );
}

#[test]
fn a_chain_as_deep_as_validation_follows_settles_to_its_end() {
    let length = MAX_VISIBILITY_DEPTH;
    let form = accepted(&chain(length));
    let ids: Vec<String> = (1..=length).map(|i| format!("f{i}")).collect();
    let chain_answers = |start: &'static str| {
        let mut answers: Vec<(&str, &str)> = ids.iter().map(|id| (id.as_str(), "x")).collect();
        answers.push(("start", start));
        answers
    };
    let all_shown = |report: &Report, shown_or_not: bool| {
        for id in &ids {
            assert_eq!(shown(&form, report, id), shown_or_not, "{id}");
            // A hidden field's answer is not seen by expressions either.
            assert_eq!(
                report.applicants[0].values.contains_key(id),
                shown_or_not,
                "{id}'s answer"
            );
        }
    };

    all_shown(
        &validate_one(
            &form,
            FillerRole::parse("family").unwrap(),
            &chain_answers("yes"),
        ),
        true,
    );
    // Hiding the first hides the whole chain, answers and all.
    all_shown(
        &validate_one(
            &form,
            FillerRole::parse("family").unwrap(),
            &chain_answers("no"),
        ),
        false,
    );
    // And when `start` itself is hidden (the applicant fills the form in),
    // its answer goes too, which takes validation one pass more.
    let report = validate_one(&form, FillerRole::myself(), &chain_answers("yes"));
    assert!(!report.applicants[0].values.contains_key("start"));
    all_shown(&report, false);
}

#[test]
fn the_fillers_pages_see_the_fillers_answers_as_they_settle() {
    // The filler's second page is about an organisation, when the first
    // says the filler is one; its field shows only when that is named.
    let text = form_with(
        vec![
            page("helper", None, vec![field("kind", None)]),
            page(
                "organisation",
                Some("filler.answers.kind == 'organisation'"),
                vec![
                    field("organisation_name", None),
                    field("department", Some("has(filler.answers.organisation_name)")),
                ],
            ),
            page("about", None, vec![field("a", None)]),
        ],
        &["helper", "organisation"],
        json!([]),
    );
    let form = accepted(&text);
    let filed = |kind: &str| {
        let dossier = Dossier {
            filler: Filler {
                role: FillerRole::parse("organisation").unwrap(),
                answers: [
                    ("kind", kind),
                    ("organisation_name", "ACME"),
                    ("department", "HR"),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), answer(v)))
                .collect(),
            },
            applicants: vec![Applicant::default()],
        };
        validate(&form, &dossier, clock())
    };

    let report = filed("organisation");
    assert_eq!(report.filler.pages_visible, [true, true, false]);
    assert_eq!(report.filler.fields_visible[1], [true, true]);
    assert!(report.filler.values.contains_key("department"));

    let report = filed("person");
    assert_eq!(report.filler.pages_visible, [true, false, false]);
    assert!(!report.filler.values.contains_key("organisation_name"));
    assert!(!report.filler.values.contains_key("department"));
}

#[test]
fn the_shipped_rules_still_load() {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules"));
    let set = rules::load_dir(dir).unwrap_or_else(|errors| {
        let lines: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
        panic!("{}", lines.join("\n"))
    });
    assert!(!set.forms.is_empty());
}
