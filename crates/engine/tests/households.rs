//! Filing for others (issue 4, updated for version 1.3.0 of the form): the
//! three journeys of the issue validate cleanly and their bundles verify;
//! the rules about acting for someone hold what they must: a child under
//! 16 whom a relative or friend registers needs a parent's or guardian's
//! details (proof of the relationship is optional, as for every relative),
//! an adult of any age may be registered by a relative or friend with no
//! reason asked, a person helping gives their own identity document and an
//! organisation its unified social credit code; messages name the
//! applicant; and the verifier refuses a bundle that hides a missing answer.
#![cfg(feature = "verify")]

mod support;
use support::bundles::*;
use support::filings::*;
use support::{date, text};

use dossier_engine::answers::{Applicant, Dossier};
use dossier_engine::bundle::verify::{verify, Outcome};
use dossier_engine::expr::Value;
use dossier_engine::rules::addressee;

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
    // As their mother, she gives no guardian details for the children.
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
        "family",
        vec![with_proof(person(
            "MARGARET",
            date(1, 6, 1954),
            Some("grandparent"),
        ))],
    );
    let report = check(&d);
    assert_no_issues(&report);
    // He gives his own details and identity document, once.
    assert!(filler_page_visible(&report, "helper-details"));
    assert!(filler_page_visible(&report, "helper-id"));
    let docs = documents(&report, 0);
    assert!(docs.contains(&"agent_id") && docs.contains(&"relationship_proof"));

    let (m, verdict) = verified(d, "zh-CN");
    assert_eq!(verdict.outcome, Outcome::Valid, "{:?}", verdict.reasons);
    assert_eq!(m.dossier.filler.role, role("family"));
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
        "organisation",
        vec![person("WEI", date(14, 9, 1996), Some("employee"))],
    );
    let report = check(&d);
    assert_no_issues(&report);
    // She gives the organisation's credit code, and no identity document
    // of her own: the page that asks for one does not apply.
    assert!(filler_page_visible(&report, "helper-details"));
    assert!(!filler_page_visible(&report, "helper-id"));
    assert_eq!(
        report.filler.values.get("helper_organisation_code"),
        Some(&Value::String(ORGANISATION_CODE.into()))
    );
    assert!(!d.filler.answers.contains_key("helper_id_number"));
    assert!(!page_visible(&report, 0, "relationship-proof"));
    assert!(!page_visible(&report, 0, "guardian"));
    let docs = documents(&report, 0);
    assert!(docs.contains(&"organisation_certificate"), "{docs:?}");
    assert!(!docs.contains(&"agent_id"), "{docs:?}");
    assert!(!docs.contains(&"relationship_proof"), "{docs:?}");
    let (m, verdict) = verified(d, "en");
    assert_eq!(verdict.outcome, Outcome::Valid, "{:?}", verdict.reasons);
    assert_eq!(m.dossier.filler.role, role("organisation"));
}

// ---------------------------------------------------------------------------
// Wrong combinations
// ---------------------------------------------------------------------------

#[test]
fn a_friend_cannot_file_for_a_nine_year_old_without_a_guardian() {
    let mut d = filed_by(
        "friend",
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
            "running the rules again finds error 'guardian_phone.required' for applicant 1"
        )),
        "{:?}",
        v.reasons
    );

    // With the mother's details, the friend may file; the proof of her
    // relationship is asked for but not required.
    assert!(page_visible(&report, 0, "relationship-proof"));
    for (field, value) in [
        ("guardian_name", text("Anna Smith")),
        ("guardian_relationship", text("mother")),
        ("guardian_id_type", text("passport")),
        ("guardian_id_number", text("P1234567")),
        ("guardian_phone", text("+44 7700 900123")),
    ] {
        d.applicants[0].answers.insert(field.into(), value);
    }
    let report = check(&d);
    assert_no_issues(&report);
    assert!(documents(&report, 0).contains(&"guardian_documents"));
    assert_eq!(verified(d, "en").1.outcome, Outcome::Valid);
}

#[test]
fn a_relative_or_friend_files_for_an_adult_of_35_without_giving_a_reason() {
    // Version 1.2 asked why a relative acted for an adult of 16 to 59; the
    // registration asks no such thing of a host or agent (facts §1.2, §6),
    // so neither does the form.
    assert!(form().def.pages.iter().all(|p| p.id != "acting-reason"));
    for (role_word, relationship) in [("family", "sibling"), ("friend", "friend")] {
        let d = filed_by(
            role_word,
            vec![person("WEI", date(14, 9, 1991), Some(relationship))],
        );
        let report = check(&d);
        assert_no_issues(&report);
        assert!(page_visible(&report, 0, "relationship"), "{role_word}");
        assert!(!page_visible(&report, 0, "guardian"), "{role_word}");
        let docs = documents(&report, 0);
        assert!(docs.contains(&"agent_id"), "{role_word}: {docs:?}");
        assert!(
            !docs.contains(&"guardian_documents"),
            "{role_word}: {docs:?}"
        );
    }
}

#[test]
fn age_is_counted_on_the_day_the_form_is_checked() {
    // He turns 16 on 22 November 2026: the day before, a friend who
    // registers him must give a parent's or guardian's details.
    let d = filed_by(
        "friend",
        vec![person("LIN", date(22, 11, 2010), Some("friend"))],
    );
    let report = check(&d);
    assert!(page_visible(&report, 0, "guardian"));
    assert_eq!(
        codes(&report).first(),
        Some(&(Some(0), "guardian_name.required"))
    );
    let report = check_at(&d, at("2026-11-22T10:00:00+08:00"));
    assert!(!page_visible(&report, 0, "guardian"));
    // (The move-in is now more than 24 hours ago: that is only a warning.)
    assert_eq!(codes(&report), [(Some(0), "late_registration")]);
}

#[test]
fn the_helpers_own_details_are_asked_once_for_the_whole_filing() {
    let mut d = filed_by(
        "organisation",
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
            (None, "helper_organisation_code.required"),
            (None, "helper_phone.required"),
        ]
    );
    // A wrong check digit in the helper's ID card number is theirs alone.
    let mut d = filed_by(
        "friend",
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
        "friend",
        vec![person("WEI", date(14, 9, 1960), Some("employee"))],
    );
    assert_eq!(
        codes(&check(&friend_as_employer)),
        [(Some(0), "organisation_relationship")]
    );
    let employer_as_spouse = filed_by(
        "organisation",
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
