//! Filings for the rule tests (`households.rs`, `registrants.rs`): the
//! fixture's applicant renamed or changed, filings by someone else, a
//! report looked at as the browser shows it, bundles signed and verified.

use super::bundles::*;
use super::text;
use chrono::{DateTime, FixedOffset};
use dossier_engine::answers::{Answer, Applicant, Dossier, FillerRole};
use dossier_engine::bundle::verify::{verify, Verdict};
use dossier_engine::bundle::Manifest;
use dossier_engine::expr::Value;
use dossier_engine::rules::{addressee, CompiledForm};
use dossier_engine::validate::{validate, Clock, Issue, Report};

/// A valid unified social credit code: GB 32100's worked example with its
/// right check character (facts §8.5).
pub const ORGANISATION_CODE: &str = "91350100M000100Y43";

pub fn form() -> &'static CompiledForm {
    known().set.form(FORM_ID).unwrap()
}

/// A moment from its RFC 3339 text.
pub fn at(rfc3339: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(rfc3339).unwrap()
}

/// The fixture's applicant (Anna Smith, staying with a host).
pub fn applicant() -> Applicant {
    complete_dossier().applicants.remove(0)
}

/// Sets each answer of `changes`; `None` removes it.
pub fn change(a: &mut Applicant, changes: Vec<(&str, Option<Answer>)>) {
    for (field, answer) in changes {
        match answer {
            Some(v) => a.answers.insert(field.into(), v),
            None => a.answers.remove(field),
        };
    }
}

/// The fixture's applicant renamed and born on another day;
/// `relationship` to the filler when it is given.
pub fn person(given: &str, born: Answer, relationship: Option<&str>) -> Applicant {
    let mut a = applicant();
    a.answers.insert("given_names".into(), text(given));
    a.answers.insert("date_of_birth".into(), born);
    if let Some(r) = relationship {
        a.answers.insert("relationship".into(), text(r));
    }
    a
}

/// One of the fixture's scans, as a proof or any other upload: the bundle
/// then carries bytes for it.
pub fn scan() -> Answer {
    applicant().answers["copy_data_page"].clone()
}

pub fn with_proof(mut a: Applicant) -> Applicant {
    a.answers.insert("relationship_proof".into(), scan());
    a
}

pub fn role(word: &str) -> FillerRole {
    FillerRole::parse(word).unwrap()
}

/// A filing by someone other than the applicants, in `role`, with their own
/// details: a person's resident ID, or an organisation's name and credit
/// code (an organisation gives no personal ID).
pub fn filed_by(role_word: &str, applicants: Vec<Applicant>) -> Dossier {
    let mut d = Dossier::for_one();
    d.filler.role = role(role_word);
    d.applicants = applicants;
    let own: &[(&str, &str)] = if role_word == "organisation" {
        &[
            ("helper_organisation", "Shenzhen Example Trading Co., Ltd."),
            ("helper_organisation_code", ORGANISATION_CODE),
        ]
    } else {
        &[
            ("helper_id_type", "cn_resident_id"),
            ("helper_id_number", "11010519491231002X"),
        ]
    };
    for (field, value) in [
        ("helper_name", "Wang Fang"),
        ("helper_phone", "13800138000"),
    ]
    .iter()
    .chain(own)
    {
        d.filler.answers.insert((*field).into(), text(value));
    }
    d
}

/// The fixture's applicant filing for themself, changed by `changes`.
pub fn own_filing(changes: Vec<(&str, Option<Answer>)>) -> Dossier {
    let mut d = complete_dossier();
    change(&mut d.applicants[0], changes);
    d
}

/// Validated at the fixtures' clock, [`created`].
pub fn check(d: &Dossier) -> Report {
    check_at(d, created())
}

pub fn check_at(d: &Dossier, now: DateTime<FixedOffset>) -> Report {
    validate(form(), d, Clock::at(now))
}

pub fn codes(report: &Report) -> Vec<(Option<usize>, &str)> {
    report
        .issues()
        .map(|i| (i.applicant, i.code.as_str()))
        .collect()
}

/// The codes of the issues about the first applicant.
pub fn codes_of_first(report: &Report) -> Vec<&str> {
    report.applicants[0]
        .issues
        .iter()
        .map(|i| i.code.as_str())
        .collect()
}

pub fn assert_no_issues(report: &Report) {
    let all: Vec<&Issue> = report.issues().collect();
    assert!(all.is_empty(), "expected no issue, got: {all:#?}");
}

pub fn documents(report: &Report, applicant: usize) -> Vec<&str> {
    report.applicants[applicant]
        .documents
        .iter()
        .map(String::as_str)
        .collect()
}

fn page_index(page: &str) -> usize {
    form()
        .page_index(page)
        .unwrap_or_else(|| panic!("no page {page} in the form"))
}

pub fn page_visible(report: &Report, applicant: usize, page: &str) -> bool {
    report.applicants[applicant].pages_visible[page_index(page)]
}

/// Whether one of the filler's own pages (helper details, helper ID) applies.
pub fn filler_page_visible(report: &Report, page: &str) -> bool {
    report.filler.pages_visible[page_index(page)]
}

/// A calculated value of an applicant, which must have been worked out.
pub fn calc<'a>(report: &'a Report, applicant: usize, id: &str) -> &'a Value {
    report.applicants[applicant]
        .calc
        .get(id)
        .unwrap_or_else(|| {
            panic!(
                "{id} not worked out: {:?}",
                report.applicants[applicant].calc
            )
        })
}

/// An issue's message as the browser shows it in `lang`, worded for its
/// applicant, with its parameters (a range's bounds) filled in.
pub fn shown(d: &Dossier, issue: &Issue, lang: &str) -> String {
    let catalog = known().set.catalog(lang).unwrap();
    let person = issue
        .applicant
        .and_then(|i| addressee(&form().def, catalog, d, i));
    let params: Vec<(&str, &str)> = issue
        .params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    catalog.text_about(&issue.message, person.as_deref(), &params)
}

/// The one issue with `code`.
pub fn issue<'a>(report: &'a Report, code: &str) -> &'a Issue {
    let found: Vec<&Issue> = report.issues().filter(|i| i.code == code).collect();
    assert_eq!(found.len(), 1, "{code} in {:?}", codes(report));
    found[0]
}

/// Signs `d` as the browser does, at [`created`], and verifies it.
pub fn verified(d: Dossier, lang: &str) -> (Manifest, Verdict) {
    let m = manifest(d, created(), lang);
    let signed = sign(&m, &signing_key(4), &[]);
    (m, verify(signed.as_bytes(), known()))
}
