//! The residence permit for Hong Kong, Macao and Taiwan residents
//! (`rules/forms/hmt-residence-permit.json`), each rule held to what it
//! rests on, by issue codes, documents, visible pages and calculated values,
//! and for some by the English and Chinese text the user reads.
//!
//! - Eligibility (Measures art. 2): six months on the mainland, to the day
//!   (the date one can apply from is in the message), and at least one of
//!   work, home or study.
//! - Travel permits (facts §8.3, §9): Taiwan residents need the five-year
//!   permit; an expired permit is refused.
//! - The residence permit's number (facts §9): its prefix follows the region.
//! - Children under 16 (Measures art. 2, services facts §F "Minors"): a
//!   guardian applies, with the child's birth certificate and their own ID.
//! - Renewal for a new address asks for proof of it; the old card is handed back.
//! - The guidance page of each service (the engine's `guidance`).
//!
//! The clock is fixed: 2026-11-21 10:00 in Beijing. Filings are built here
//! as the browser stores them (JSON), starting from a complete first
//! application by a Hong Kong resident.

use chrono::{DateTime, FixedOffset, NaiveDate};
use dossier_engine::answers::Dossier;
use dossier_engine::expr::Value;
use dossier_engine::rules::{addressee, load_dir, CompiledForm, RuleSet};
use dossier_engine::validate::{validate, Clock, Issue, Report};
use serde_json::{json, Map, Value as Json};
use std::path::PathBuf;
use std::sync::OnceLock;

const FORM_ID: &str = "hmt-residence-permit";

fn rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| {
        let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules"));
        load_dir(&dir).expect("the shipped rules load")
    })
}

fn form() -> &'static CompiledForm {
    rules().form(FORM_ID).expect("the form is in the index")
}

/// 2026-11-21 10:00 in Beijing.
fn clock() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-21T10:00:00+08:00").unwrap()
}

fn date(day: u32, month: u32, year: i32) -> Json {
    json!({ "day": day.to_string(), "month": month.to_string(), "year": year.to_string() })
}

/// Valid residence-permit numbers (MOD 11-2 re-computed for these tests):
/// Hong Kong and Taiwan residents born on 15 May 1990.
const HK_PERMIT: &str = "810000199005150019";
const TW_PERMIT: &str = "830000199005150012";

/// A complete first application by a Hong Kong resident who works on the
/// mainland and has lived there since 21 May 2026: six months to the day.
fn adult() -> Map<String, Json> {
    let answers = json!({
        "procedure": "first",
        "chinese_name": "陈大文",
        "latin_surname": "CHAN",
        "latin_given_names": "TAI MAN",
        "region": "hk",
        "sex": "M",
        "date_of_birth": date(15, 5, 1990),
        "phone": "13800138000",
        "hk_mo_permit_number": "H12345678",
        "travel_permit_expiry": date(31, 12, 2030),
        "photo_receipt_number": "Y2408281262770A",
        "living_since": date(21, 5, 2026),
        "basis": "employment",
        "employment_proof": "labour_contract",
        "address_province": "广东省",
        "address_city": "深圳市",
        "address_district": "南山区",
        "address_street": "科技南路88号"
    });
    answers.as_object().unwrap().clone()
}

/// The same person, answers changed (`Json::Null` removes one).
fn with(mut answers: Map<String, Json>, changes: Json) -> Map<String, Json> {
    for (field, value) in changes.as_object().unwrap() {
        if value.is_null() {
            answers.remove(field);
        } else {
            answers.insert(field.clone(), value.clone());
        }
    }
    answers
}

/// A child of the adult, born on `born`, applying with them.
fn child(born: Json) -> Map<String, Json> {
    with(
        adult(),
        json!({
            "chinese_name": "陈小明",
            "latin_given_names": "SIU MING",
            "date_of_birth": born,
            "basis": "study",
            "employment_proof": null,
            "study_proof": "student_card"
        }),
    )
}

fn guardian_details() -> Json {
    json!({
        "guardian_name": "陈大文",
        "guardian_relationship": "father",
        "guardian_id_type": "hk_mo_travel_permit",
        "guardian_id_number": "H12345678"
    })
}

fn filing(role: &str, filler: Json, applicants: Vec<Map<String, Json>>) -> Dossier {
    let applicants: Vec<Json> = applicants
        .into_iter()
        .map(|a| json!({ "answers": a }))
        .collect();
    serde_json::from_value(json!({
        "filler": { "role": role, "answers": filler },
        "applicants": applicants
    }))
    .expect("a well-formed filing")
}

fn own(answers: Map<String, Json>) -> Dossier {
    filing("self", json!({}), vec![answers])
}

fn check(d: &Dossier) -> Report {
    validate(form(), d, Clock::at(clock()))
}

fn codes(report: &Report) -> Vec<&str> {
    report.issues().map(|i| i.code.as_str()).collect()
}

fn assert_no_issues(report: &Report) {
    let all: Vec<&Issue> = report.issues().collect();
    assert!(all.is_empty(), "expected no issue, got: {all:#?}");
}

fn issue<'a>(report: &'a Report, code: &str) -> &'a Issue {
    let found: Vec<&Issue> = report.issues().filter(|i| i.code == code).collect();
    assert_eq!(found.len(), 1, "{code} in {:?}", codes(report));
    found[0]
}

/// The message as the user reads it in `lang`, worded for its applicant,
/// with a date parameter written as the app writes it.
fn shown(d: &Dossier, issue: &Issue, lang: &str) -> String {
    let catalog = rules().catalog(lang).unwrap();
    let person = issue
        .applicant
        .and_then(|i| addressee(&form().def, catalog, d, i));
    let params: Vec<(String, String)> = issue
        .params
        .iter()
        .map(|(k, v)| {
            let text = match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
                Ok(day) if lang == "en" => day.format("%-d %B %Y").to_string(),
                Ok(day) => day.format("%Y年%-m月%-d日").to_string(),
                Err(_) => v.clone(),
            };
            (k.clone(), text)
        })
        .collect();
    let params: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    catalog.text_about(&issue.message, person.as_deref(), &params)
}

/// `report` has one issue, `code`, read as `en` and `zh`.
fn assert_only_issue(d: &Dossier, report: &Report, code: &str, en: &str, zh: &str) {
    assert_eq!(codes(report), [code]);
    let i = issue(report, code);
    assert_eq!(shown(d, i, "en"), en);
    assert_eq!(shown(d, i, "zh-CN"), zh);
}

fn documents(report: &Report, applicant: usize) -> Vec<&str> {
    report.applicants[applicant]
        .documents
        .iter()
        .map(String::as_str)
        .collect()
}

fn page_visible(report: &Report, applicant: usize, page: &str) -> bool {
    let index = form().page_index(page).expect("a page of the form");
    report.applicants[applicant].pages_visible[index]
}

fn day(year: i32, month: u32, d: u32) -> Value {
    Value::Date(NaiveDate::from_ymd_opt(year, month, d).unwrap())
}

// ---------------------------------------------------------------------------
// Eligibility: six months, and work, home or study
// ---------------------------------------------------------------------------

#[test]
fn six_months_to_the_day_is_enough() {
    let d = own(adult());
    let report = check(&d);
    assert_no_issues(&report);
    assert_eq!(
        report.applicants[0].calc["can_apply_from"],
        day(2026, 11, 21)
    );
    let docs = documents(&report, 0);
    assert_eq!(
        docs,
        ["hk_mo_travel_permit", "photo_receipt", "labour_contract"]
    );
}

#[test]
fn a_day_short_of_six_months_gives_the_date_one_can_apply_from() {
    let d = own(with(adult(), json!({ "living_since": date(22, 5, 2026) })));
    let report = check(&d);
    assert_eq!(issue(&report, "six_months").params["date"], "2026-11-22");
    assert_only_issue(
        &d,
        &report,
        "six_months",
        "You must have lived on the mainland for at least six months. You can apply from 22 November 2026",
        "您须在内地（大陆）居住满半年方可申领，可于2026年11月22日起申请",
    );
}

#[test]
fn six_months_from_the_end_of_a_month_end_on_the_last_day_of_a_shorter_one() {
    // 31 August + 6 months: 28 February (no 31st), 29 in a leap year.
    for (since, from) in [
        (date(31, 8, 2026), day(2027, 2, 28)),
        (date(31, 8, 2027), day(2028, 2, 29)),
        (date(31, 12, 2026), day(2027, 6, 30)),
        (date(30, 6, 2026), day(2026, 12, 30)),
        (date(1, 1, 2026), day(2026, 7, 1)),
        (date(15, 7, 2026), day(2027, 1, 15)),
        (date(29, 2, 2024), day(2024, 8, 29)),
    ] {
        let report = check(&own(with(
            adult(),
            json!({ "living_since": since.clone() }),
        )));
        assert_eq!(report.applicants[0].calc["can_apply_from"], from, "{since}");
    }
}

#[test]
fn one_must_work_have_a_home_or_study() {
    let d = own(with(
        adult(),
        json!({ "basis": null, "employment_proof": null }),
    ));
    let report = check(&d);
    assert_only_issue(
        &d,
        &report,
        "no_basis",
        "Select at least one: you can apply only if you work, have a home or study on the mainland",
        "请至少选择一项：有合法稳定就业、合法稳定住所或者连续就读的，方可申领",
    );
    assert!(!page_visible(&report, 0, "proofs"));
}

#[test]
fn each_basis_ticked_asks_for_its_proof() {
    let d = own(with(
        adult(),
        json!({ "basis": "employment residence study", "employment_proof": "employer_certificate" }),
    ));
    let report = check(&d);
    assert_eq!(
        codes(&report),
        ["residence_proof.required", "study_proof.required"]
    );
    let d = own(with(
        adult(),
        json!({
            "basis": "employment residence study",
            "employment_proof": "employer_certificate",
            "residence_proof": "lease",
            "study_proof": "school_certificate"
        }),
    ));
    let report = check(&d);
    assert_no_issues(&report);
    let docs = documents(&report, 0);
    for doc in ["employer_certificate", "lease", "school_certificate"] {
        assert!(docs.contains(&doc), "{doc} not in {docs:?}");
    }
}

#[test]
fn a_living_since_date_after_today_is_refused() {
    let d = own(with(adult(), json!({ "living_since": date(22, 11, 2026) })));
    let report = check(&d);
    assert_only_issue(
        &d,
        &report,
        "living_since.not_future",
        "The date cannot be after today. Enter the date the person started living on the mainland",
        "开始居住日期不能晚于今天，请填写实际开始在内地（大陆）居住的日期",
    );
}

// ---------------------------------------------------------------------------
// Travel permits
// ---------------------------------------------------------------------------

fn taiwanese(kind: &str) -> Map<String, Json> {
    with(
        adult(),
        json!({
            "region": "tw",
            "hk_mo_permit_number": null,
            "tw_permit_kind": kind,
            "tw_permit_number": "12345678"
        }),
    )
}

#[test]
fn a_taiwan_resident_needs_the_five_year_permit() {
    let report = check(&own(taiwanese("five_year")));
    assert_no_issues(&report);
    assert!(documents(&report, 0).contains(&"tw_travel_permit"));
    assert!(!documents(&report, 0).contains(&"hk_mo_travel_permit"));

    let d = own(taiwanese("one_entry"));
    let report = check(&d);
    assert_only_issue(
        &d,
        &report,
        "five_year_permit",
        "Taiwan residents need the five-year Taiwan Compatriot Permit to apply. Get a five-year permit first, then apply with it",
        "台湾居民须持五年有效的台湾居民来往大陆通行证申领居住证。请先办理五年有效通行证，再持证申领",
    );
}

#[test]
fn an_expired_travel_permit_is_refused() {
    let d = own(with(
        adult(),
        json!({ "travel_permit_expiry": date(20, 11, 2026) }),
    ));
    let report = check(&d);
    assert_only_issue(
        &d,
        &report,
        "travel_permit_expiry.not_expired",
        "Your travel permit has expired. Renew it first, then apply for the residence permit with the new one",
        "您的通行证已过有效期。请先换发通行证，再持新证申领居住证",
    );
    // Valid through its last day.
    let report = check(&own(with(
        adult(),
        json!({ "travel_permit_expiry": date(21, 11, 2026) }),
    )));
    assert_no_issues(&report);
}

#[test]
fn a_macao_number_for_a_hong_kong_resident_is_only_a_warning() {
    let report = check(&own(with(
        adult(),
        json!({ "hk_mo_permit_number": "M12345678" }),
    )));
    assert_eq!(codes(&report), ["hk_permit_letter"]);
    assert!(!report.has_errors());
}

#[test]
fn a_photo_receipt_number_of_an_unusual_length_is_only_a_warning() {
    let report = check(&own(with(
        adult(),
        json!({ "photo_receipt_number": "Y24" }),
    )));
    assert_eq!(codes(&report), ["photo_receipt_number.length"]);
    assert!(!report.has_errors());
}

// ---------------------------------------------------------------------------
// Renewal and reissue: the residence permit's number
// ---------------------------------------------------------------------------

fn renewal(reason: &str, number: &str) -> Map<String, Json> {
    // No eligibility answers: a renewal does not ask them again.
    with(
        adult(),
        json!({
            "procedure": "renewal",
            "renewal_reason": reason,
            "residence_permit_number": number,
            "living_since": null,
            "basis": null,
            "employment_proof": null
        }),
    )
}

#[test]
fn a_permit_number_must_start_with_the_prefix_of_the_region() {
    let d = own(renewal("expiry", TW_PERMIT));
    let report = check(&d);
    assert_only_issue(
        &d,
        &report,
        "permit_prefix_hk",
        "Residence permits of Hong Kong residents start with 810000. Check the number on the permit, or the answer to where the person is a resident",
        "香港居民的居住证号码以810000开头，请对照居住证核对号码，或者核对所选的居民类别",
    );
    let d = own(with(
        taiwanese("five_year"),
        json!({
            "procedure": "renewal",
            "renewal_reason": "expiry",
            "residence_permit_number": HK_PERMIT
        }),
    ));
    assert_eq!(codes(&check(&d)), ["permit_prefix_tw"]);
    let d = own(with(
        renewal("expiry", HK_PERMIT),
        json!({
            "region": "mo",
            "hk_mo_permit_number": "M12345678"
        }),
    ));
    assert_eq!(codes(&check(&d)), ["permit_prefix_mo"]);
    // The right prefix passes.
    assert_no_issues(&check(&own(renewal("expiry", HK_PERMIT))));
}

#[test]
fn the_birth_date_inside_a_permit_number_must_be_the_date_of_birth() {
    let d = own(with(
        renewal("expiry", HK_PERMIT),
        json!({ "date_of_birth": date(16, 5, 1990) }),
    ));
    let report = check(&d);
    assert_only_issue(
        &d,
        &report,
        "permit_birth_date",
        "Characters 7 to 14 of the permit number are the holder's date of birth, and they do not match your date of birth. Check the number on the permit and your date of birth",
        "居住证号码第7至14位为持证人的出生日期，与您填写的出生日期不符，请核对居住证号码和出生日期",
    );
    // Months and days under 10 are written with a 0.
    for (born, number) in [
        (date(7, 3, 1985), "810000198503070033"),
        (date(31, 12, 2001), "810000200112310052"),
    ] {
        let d = own(with(
            renewal("expiry", number),
            json!({ "date_of_birth": born }),
        ));
        assert_no_issues(&check(&d));
    }
}

#[test]
fn a_renewal_for_a_new_address_asks_for_proof_of_it() {
    let report = check(&own(renewal("address_change", HK_PERMIT)));
    assert_no_issues(&report);
    assert!(!page_visible(&report, 0, "living-since"));
    assert!(!page_visible(&report, 0, "basis"));
    assert_eq!(
        documents(&report, 0),
        [
            "hk_mo_travel_permit",
            "photo_receipt",
            "current_permit",
            "new_address_proof"
        ]
    );
    // Renewed because it expires: the old card is handed back, no new proof.
    let report = check(&own(renewal("expiry", HK_PERMIT)));
    assert_eq!(
        documents(&report, 0),
        ["hk_mo_travel_permit", "photo_receipt", "current_permit"]
    );
}

#[test]
fn a_renewal_needs_the_number_a_reissue_does_not() {
    let report = check(&own(with(
        renewal("expiry", HK_PERMIT),
        json!({ "residence_permit_number": null }),
    )));
    assert_eq!(codes(&report), ["residence_permit_number.required"]);
    let reissue = with(
        renewal("expiry", HK_PERMIT),
        json!({ "procedure": "reissue", "renewal_reason": null, "residence_permit_number": null }),
    );
    let report = check(&own(reissue));
    assert_no_issues(&report);
    assert_eq!(
        documents(&report, 0),
        ["hk_mo_travel_permit", "photo_receipt", "loss_report"]
    );
}

// ---------------------------------------------------------------------------
// Children under 16
// ---------------------------------------------------------------------------

#[test]
fn a_child_of_15_needs_a_guardians_details() {
    // The father applies for himself and adds his son, 15 years old.
    let d = filing("self", json!({}), vec![adult(), child(date(22, 11, 2010))]);
    let report = check(&d);
    assert!(page_visible(&report, 1, "guardian"));
    assert_eq!(
        codes(&report),
        [
            "guardian_name.required",
            "guardian_relationship.required",
            "guardian_id_type.required",
            "guardian_id_number.required"
        ]
    );
    assert!(report.issues().all(|i| i.applicant == Some(1)));

    let d = filing(
        "self",
        json!({}),
        vec![adult(), with(child(date(22, 11, 2010)), guardian_details())],
    );
    let report = check(&d);
    assert_no_issues(&report);
    let docs = documents(&report, 1);
    for doc in ["birth_certificate", "guardian_id"] {
        assert!(docs.contains(&doc), "{doc} not in {docs:?}");
    }
    assert!(!documents(&report, 0).contains(&"birth_certificate"));
}

#[test]
fn a_child_of_16_needs_no_guardian() {
    // 16 today.
    let d = filing("self", json!({}), vec![adult(), child(date(21, 11, 2010))]);
    let report = check(&d);
    assert_no_issues(&report);
    assert!(!page_visible(&report, 1, "guardian"));
    let docs = documents(&report, 1);
    assert!(!docs.contains(&"birth_certificate"), "{docs:?}");
    assert!(!docs.contains(&"guardian_id"), "{docs:?}");
}

#[test]
fn a_guardian_applying_gives_their_own_details_once() {
    let guardian = json!({
        "helper_name": "陈大文",
        "helper_phone": "13800138000",
        "helper_relationship": "father",
        "helper_id_type": "hk_mo_travel_permit",
        "helper_id_number": "H12345678"
    });
    let d = filing("guardian", guardian.clone(), vec![child(date(1, 6, 2012))]);
    let report = check(&d);
    assert_no_issues(&report);
    assert!(!page_visible(&report, 0, "guardian"));
    let docs = documents(&report, 0);
    for doc in ["birth_certificate", "guardian_id"] {
        assert!(docs.contains(&doc), "{doc} not in {docs:?}");
    }
    // Without their details, the filler's own pages say so.
    let d = filing("guardian", json!({}), vec![child(date(1, 6, 2012))]);
    let report = check(&d);
    assert!(codes(&report).contains(&"helper_name.required"));
    assert!(report.issues().all(|i| i.applicant.is_none()));
    // A guardian does not apply for an adult.
    let d = filing("guardian", guardian, vec![adult()]);
    assert_eq!(codes(&check(&d)), ["guardian_for_children"]);
}

#[test]
fn a_child_of_15_does_not_apply_alone() {
    let d = own(with(child(date(1, 6, 2011)), guardian_details()));
    let report = check(&d);
    assert_only_issue(
        &d,
        &report,
        "child_applying_alone",
        "You are under 16, so your parent or guardian must apply for you. Go back to the start and choose that a parent or guardian is filling it in",
        "您未满16周岁，须由监护人代为申领。请返回开始页面，选择由父母或监护人填写",
    );
}

// ---------------------------------------------------------------------------
// The guidance page of each service
// ---------------------------------------------------------------------------

fn guidance(service: &str) -> dossier_engine::guidance::ServiceGuidance {
    let def = &form().def;
    let service = def
        .services
        .iter()
        .find(|s| s.id == service)
        .expect("a service of the form");
    dossier_engine::guidance::for_service(form(), service, Clock::at(clock()))
}

#[test]
fn each_service_presets_its_procedure_and_lists_what_applies_to_it() {
    let first = guidance("first");
    assert_eq!(
        first.time,
        [
            "hmt.guidance.time.processing",
            "hmt.guidance.time.validity",
            "hmt.summary.six_months",
            "hmt.summary.basis",
            "hmt.summary.five_year_permit",
            "hmt.summary.children"
        ]
    );
    assert_eq!(first.documents, ["photo_receipt"]);
    for doc in [
        "hk_mo_travel_permit",
        "tw_travel_permit",
        "lease",
        "labour_contract",
        "birth_certificate",
    ] {
        assert!(
            first.maybe_documents.iter().any(|d| d == doc),
            "{doc}: {:?}",
            first.maybe_documents
        );
    }
    assert!(!first.maybe_documents.iter().any(|d| d == "current_permit"));

    let renewal = guidance("renewal");
    assert!(
        !renewal.time.iter().any(|k| k == "hmt.summary.six_months"),
        "{:?}",
        renewal.time
    );
    assert!(!renewal.time.iter().any(|k| k == "hmt.summary.basis"));
    assert_eq!(renewal.documents, ["photo_receipt", "current_permit"]);
    assert!(renewal
        .maybe_documents
        .iter()
        .any(|d| d == "new_address_proof"));
    assert!(!renewal.maybe_documents.iter().any(|d| d == "lease"));

    let reissue = guidance("reissue");
    assert_eq!(reissue.documents, ["photo_receipt", "loss_report"]);
    assert_eq!(
        reissue.fee,
        ["hmt.guidance.fee.first", "hmt.guidance.fee.renewal"]
    );
}
