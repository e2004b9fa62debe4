//! Filing for others (issue 4): the three journeys of the issue validate
//! cleanly and their bundles verify; the rules about acting for someone
//! (a child's guardian, the reason a relative acts for an adult, the
//! helper's own identity) block what they must, with messages that name
//! the applicant; and the verifier refuses a bundle that hides them.
#![cfg(feature = "verify")]

mod support;
use support::bundles::*;
use support::{date, text};

use dossier_engine::answers::{Answer, Applicant, Dossier, FillerRole};
use dossier_engine::bundle;
use dossier_engine::bundle::verify::{verify, Outcome};
use dossier_engine::rules::{addressee, CompiledForm};
use dossier_engine::validate::{validate, Clock, Issue, Report};

fn form() -> &'static CompiledForm {
    known().set.form(FORM_ID).unwrap()
}

/// The fixture's applicant (Anna Smith, staying with a host) renamed and
/// born on another day; `relationship` to the filler when it is given.
fn person(given: &str, born: Answer, relationship: Option<&str>) -> Applicant {
    let mut a = complete_dossier().applicants.remove(0);
    a.answers.insert("given_names".into(), text(given));
    a.answers.insert("date_of_birth".into(), born);
    if let Some(r) = relationship {
        a.answers.insert("relationship".into(), text(r));
    }
    a
}

/// One of the fixture's scans, as a proof of relationship: the bundle
/// then carries bytes for it.
fn proof() -> Answer {
    complete_dossier().applicants[0].answers["copy_data_page"].clone()
}

fn with_proof(mut a: Applicant) -> Applicant {
    a.answers.insert("relationship_proof".into(), proof());
    a
}

/// A filing by someone other than the applicants, with their own details.
fn filed_by(role: FillerRole, applicants: Vec<Applicant>) -> Dossier {
    let mut d = Dossier::for_one();
    d.filler.role = role;
    d.applicants = applicants;
    for (field, value) in [
        ("helper_name", "Wang Fang"),
        ("helper_phone", "13800138000"),
        ("helper_id_type", "cn_resident_id"),
        ("helper_id_number", "11010519491231002X"),
    ] {
        d.filler.answers.insert(field.into(), text(value));
    }
    if d.filler.role.as_str() == "organisation" {
        d.filler.answers.insert(
            "helper_organisation".into(),
            text("Shenzhen Example Trading Co., Ltd."),
        );
    }
    d
}

fn check(d: &Dossier) -> Report {
    validate(form(), d, Clock::at(created()))
}

fn codes(report: &Report) -> Vec<(Option<usize>, &str)> {
    report
        .issues()
        .map(|i| (i.applicant, i.code.as_str()))
        .collect()
}

fn assert_no_issues(report: &Report) {
    let all: Vec<&Issue> = report.issues().collect();
    assert!(all.is_empty(), "expected no issue, got: {all:#?}");
}

fn documents(report: &Report, applicant: usize) -> Vec<&str> {
    report.applicants[applicant]
        .documents
        .iter()
        .map(String::as_str)
        .collect()
}

fn page_visible(report: &Report, applicant: usize, page: &str) -> bool {
    let pi = form().def.pages.iter().position(|p| p.id == page).unwrap();
    report.applicants[applicant].pages_visible[pi]
}

/// An issue's message as the browser shows it in `lang`, worded for its
/// applicant.
fn shown(d: &Dossier, issue: &Issue, lang: &str) -> String {
    let catalog = known().set.catalog(lang).unwrap();
    let person = issue
        .applicant
        .and_then(|i| addressee(&form().def, catalog, d, i));
    catalog.text_about(&issue.message, person.as_deref(), &[])
}

fn issue<'a>(report: &'a Report, code: &str) -> &'a Issue {
    let found: Vec<&Issue> = report.issues().filter(|i| i.code == code).collect();
    assert_eq!(found.len(), 1, "{code} in {:?}", codes(report));
    found[0]
}

/// Signs `d` as the browser does and verifies it.
fn verified(d: Dossier, lang: &str) -> (bundle::Manifest, dossier_engine::bundle::verify::Verdict) {
    let m = manifest(d, created(), lang);
    let signed = sign(&m, &signing_key(4), &[]);
    (m, verify(signed.as_bytes(), known()))
}

// ---------------------------------------------------------------------------
// The three journeys of the issue
// ---------------------------------------------------------------------------

#[test]
fn a_mother_registers_herself_her_husband_and_two_children() {
    let d = Dossier {
        applicants: vec![
            person("ANNA", date(27, 3, 1985), None),
            with_proof(person("JOHN", date(2, 8, 1983), Some("spouse"))),
            with_proof(person("LUCAS", date(10, 5, 2017), Some("child"))),
            with_proof(person("MIA", date(3, 3, 2022), Some("child"))),
        ],
        ..Dossier::for_one()
    };
    let report = check(&d);
    assert_no_issues(&report);
    // She answers for herself as "you"; the others are named.
    assert!(d.is_filler(0) && !d.is_filler(1));
    assert!(!page_visible(&report, 0, "relationship"));
    assert!(page_visible(&report, 1, "relationship"));
    // Registering herself in the same filing, no reason is asked for her
    // husband; as their mother, no guardian details for the children.
    assert!(!page_visible(&report, 1, "acting-reason"));
    assert!(!page_visible(&report, 2, "guardian"));
    assert!(page_visible(&report, 3, "relationship-proof"));
    assert!(!documents(&report, 0).contains(&"agent_id"));
    for child in [2, 3] {
        let docs = documents(&report, child);
        assert!(docs.contains(&"relationship_proof"), "{docs:?}");
        assert!(docs.contains(&"agent_id"), "{docs:?}");
        assert!(!docs.contains(&"guardian_documents"), "{docs:?}");
    }

    let (m, verdict) = verified(d, "en");
    assert_eq!(verdict.outcome, Outcome::Valid, "{:?}", verdict.reasons);
    assert_eq!(verdict.summary.as_ref().map(|s| s.applicants), Some(4));
    assert!(m.declaration_texts[0].starts_with("I declare that the information I have given is"));
    assert!(m.declaration_texts[1]
        .starts_with("I declare that the information I have given about John is"));
    assert!(m.declaration_texts[3].contains("I am allowed to act for Mia."));
}

#[test]
fn a_grandson_registers_his_grandmother_of_72() {
    let d = filed_by(
        FillerRole::parse("family").unwrap(),
        vec![with_proof(person(
            "MARGARET",
            date(1, 6, 1954),
            Some("grandparent"),
        ))],
    );
    let report = check(&d);
    assert_no_issues(&report);
    assert!(report.filler.pages_visible.iter().any(|v| *v));
    // At 60 or over a relative may always file: no reason is asked.
    assert!(!page_visible(&report, 0, "acting-reason"));
    let docs = documents(&report, 0);
    assert!(docs.contains(&"agent_id") && docs.contains(&"relationship_proof"));

    let (m, verdict) = verified(d, "zh-CN");
    assert_eq!(verdict.outcome, Outcome::Valid, "{:?}", verdict.reasons);
    assert_eq!(m.dossier.filler.role, FillerRole::parse("family").unwrap());
    assert_eq!(
        m.dossier.filler.answers.get("helper_name"),
        Some(&text("Wang Fang"))
    );
    assert!(
        m.declaration_texts[0].contains("以上所填Margaret的信息"),
        "{}",
        m.declaration_texts[0]
    );
}

#[test]
fn an_hr_assistant_registers_a_new_employee() {
    let d = filed_by(
        FillerRole::parse("organisation").unwrap(),
        vec![person("WEI", date(14, 9, 1996), Some("employee"))],
    );
    let report = check(&d);
    assert_no_issues(&report);
    assert!(!page_visible(&report, 0, "acting-reason"));
    assert!(!page_visible(&report, 0, "relationship-proof"));
    let docs = documents(&report, 0);
    assert!(docs.contains(&"agent_id") && docs.contains(&"organisation_certificate"));
    assert!(!docs.contains(&"relationship_proof"));
    let (_, verdict) = verified(d, "en");
    assert_eq!(verdict.outcome, Outcome::Valid, "{:?}", verdict.reasons);
}

// ---------------------------------------------------------------------------
// Wrong combinations
// ---------------------------------------------------------------------------

#[test]
fn a_friend_cannot_file_for_a_nine_year_old_without_a_guardian() {
    let mut d = filed_by(
        FillerRole::parse("friend").unwrap(),
        vec![person("LUCAS", date(10, 5, 2017), Some("friend"))],
    );
    let report = check(&d);
    let child = Some(0);
    assert_eq!(
        codes(&report),
        [
            (child, "guardian_name.required"),
            (child, "guardian_relationship.required"),
            (child, "guardian_id_type.required"),
            (child, "guardian_id_number.required"),
            (child, "guardian_phone.required"),
            (child, "guardian_proof.required"),
        ]
    );
    let missing = issue(&report, "guardian_name.required");
    assert_eq!(
        shown(&d, missing, "en"),
        "Enter the full name of Lucas's parent or guardian"
    );
    assert_eq!(shown(&d, missing, "zh-CN"), "请填写Lucas的父母或监护人姓名");

    // Signed anyway, the verifier finds what is missing, whether the
    // pre-check recorded it or hid it.
    let mut m = manifest(d.clone(), created(), "en");
    let recorded = sign(&m, &signing_key(5), &[]);
    let v = verify(recorded.as_bytes(), known());
    assert_eq!(v.outcome, Outcome::Invalid);
    assert!(v.reasons.iter().any(|r| r
        == "applicant 1 has an error ('guardian_name.required'): a filing with errors cannot be signed"),
        "{:?}", v.reasons);
    m.precheck.clear();
    let hidden = sign(&m, &signing_key(5), &[]);
    let v = verify(hidden.as_bytes(), known());
    assert!(
        v.reasons.iter().any(|r| r.contains(
            "running the rules again finds error 'guardian_proof.required' for applicant 1"
        )),
        "{:?}",
        v.reasons
    );

    // With the mother's details and proof, the friend may file.
    for (field, value) in [
        ("guardian_name", text("Anna Smith")),
        ("guardian_relationship", text("mother")),
        ("guardian_id_type", text("passport")),
        ("guardian_id_number", text("P1234567")),
        ("guardian_phone", text("+44 7700 900123")),
        ("guardian_proof", proof()),
    ] {
        d.applicants[0].answers.insert(field.into(), value);
    }
    let report = check(&d);
    assert_no_issues(&report);
    assert!(documents(&report, 0).contains(&"guardian_documents"));
    assert_eq!(verified(d, "en").1.outcome, Outcome::Valid);
}

#[test]
fn a_relative_files_for_an_adult_of_16_to_59_only_with_a_reason() {
    let base = filed_by(
        FillerRole::parse("family").unwrap(),
        vec![with_proof(person(
            "WEI",
            date(14, 9, 1991),
            Some("sibling"),
        ))],
    );
    assert_eq!(codes(&check(&base)), [(Some(0), "acting_reason.required")]);
    let reason = |r: &str| {
        let mut d = base.clone();
        d.applicants[0]
            .answers
            .insert("acting_reason".into(), text(r));
        d
    };
    let refused = reason("neither");
    let report = check(&refused);
    let i = issue(&report, "acting_reason.allowed");
    assert!(
        shown(&refused, i, "en").starts_with(
            "A relative or friend can register Wei only if they have difficulty getting about"
        ),
        "{}",
        shown(&refused, i, "en")
    );
    assert!(shown(&refused, i, "zh-CN").starts_with("只有在Wei因患病或残疾行动不便"));
    assert_no_issues(&check(&reason("mobility")));
    assert_no_issues(&check(&reason("host")));
}

#[test]
fn age_is_counted_on_the_day_the_form_is_checked() {
    // She turns 60 on 22 November 2026: the day before, a reason is needed.
    let d = filed_by(
        FillerRole::parse("family").unwrap(),
        vec![with_proof(person(
            "LIN",
            date(22, 11, 1966),
            Some("parent"),
        ))],
    );
    assert_eq!(codes(&check(&d)), [(Some(0), "acting_reason.required")]);
    let next_day = chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00+08:00").unwrap();
    let report = validate(form(), &d, Clock::at(next_day));
    // (The move-in is now more than 24 hours ago: that is only a warning.)
    assert_eq!(codes(&report), [(Some(0), "late_registration")]);
}

#[test]
fn the_helpers_own_details_are_asked_once_for_the_whole_filing() {
    let mut d = filed_by(
        FillerRole::parse("organisation").unwrap(),
        vec![
            person("WEI", date(14, 9, 1996), Some("employee")),
            person("LI", date(1, 1, 1990), Some("employee")),
        ],
    );
    d.filler.answers.clear();
    assert_eq!(
        codes(&check(&d)),
        [
            (None, "helper_name.required"),
            (None, "helper_organisation.required"),
            (None, "helper_phone.required"),
            (None, "helper_id_type.required"),
            (None, "helper_id_number.required"),
        ]
    );
    // A wrong check digit in the helper's ID card number is theirs alone.
    let mut d = filed_by(
        FillerRole::parse("friend").unwrap(),
        vec![person("WEI", date(14, 9, 1960), Some("friend"))],
    );
    d.filler
        .answers
        .insert("helper_id_number".into(), text("110105194912310021"));
    let report = check(&d);
    assert_eq!(report.issues().count(), 1, "{:?}", codes(&report));
    let i = report.issues().next().unwrap();
    assert_eq!(i.applicant, None);
    assert!(i.code.starts_with("helper_id_number."), "{}", i.code);
}

#[test]
fn a_child_under_16_cannot_fill_it_in_alone() {
    let d = Dossier {
        applicants: vec![person("LUCAS", date(10, 5, 2012), None)],
        ..Dossier::for_one()
    };
    let report = check(&d);
    assert_eq!(codes(&report), [(Some(0), "child_filling_alone")]);
    let i = issue(&report, "child_filling_alone");
    assert_eq!(i.field, "date_of_birth");
    assert!(shown(&d, i, "en").starts_with("You are under 16, so your parent or guardian"));
}

#[test]
fn the_relationship_must_match_who_is_filling_it_in() {
    let friend_as_employer = filed_by(
        FillerRole::parse("friend").unwrap(),
        vec![person("WEI", date(14, 9, 1960), Some("employee"))],
    );
    assert_eq!(
        codes(&check(&friend_as_employer)),
        [(Some(0), "organisation_relationship")]
    );
    let employer_as_spouse = filed_by(
        FillerRole::parse("organisation").unwrap(),
        vec![with_proof(person("WEI", date(14, 9, 1960), Some("spouse")))],
    );
    assert_eq!(
        codes(&check(&employer_as_spouse)),
        [(Some(0), "organisation_relationship")]
    );
}

// ---------------------------------------------------------------------------
// Wording
// ---------------------------------------------------------------------------

#[test]
fn questions_say_whose_answers_they_ask_for() {
    let d = Dossier {
        applicants: vec![
            person("ANNA", date(27, 3, 1985), None),
            person("MARIA", date(2, 8, 1983), Some("spouse")),
            Applicant::default(),
        ],
        ..Dossier::for_one()
    };
    let title = |lang: &str, i: usize, key: &str| {
        let catalog = known().set.catalog(lang).unwrap();
        let person = addressee(&form().def, catalog, &d, i);
        catalog.text_about(key, person.as_deref(), &[])
    };
    let dob = "tr.page.date-of-birth.title";
    assert_eq!(title("en", 0, dob), "What is your date of birth?");
    assert_eq!(title("en", 1, dob), "What is Maria's date of birth?");
    assert_eq!(title("zh-CN", 0, dob), "请填写您的出生日期");
    assert_eq!(title("zh-CN", 1, dob), "请填写Maria的出生日期");
    // Before their name is given, and at the start of a sentence.
    assert_eq!(title("en", 2, dob), "What is this person's date of birth?");
    assert_eq!(
        title("en", 2, "hh.page.guardian.title"),
        "This person's parent or guardian"
    );
    assert_eq!(
        title("zh-CN", 2, "hh.page.guardian.title"),
        "此人的父母或监护人"
    );
    // The bundle records each declaration as worded for its applicant.
    let m = manifest(d, created(), "zh-CN");
    assert_eq!(m.declaration_texts.len(), 3);
    assert!(m.declaration_texts[1].contains("且本人有权代Maria办理"));
    assert!(m.declaration_texts[2].contains("且本人有权代此人办理"));
}
