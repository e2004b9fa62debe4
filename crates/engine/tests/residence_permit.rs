//! The residence permit form (`residence-permit`, version 1.0.0): each
//! procedure's rules at their edges, by issue codes, documents and, for
//! some, the English and Chinese text the user sees.
//!
//! - First application: the category a visa leads to (Z work, X1 study,
//!   J1 journalist, Q1 family reunion, S1 private affairs).
//! - Fees as information (services facts §E.6: 400, 800 from exactly one
//!   year, 1,000 from three years) and the health certificate for more than
//!   one year (§E.2).
//! - The photo receipt number: a warning only, never an error (§G).
//! - Replacement: the loss certificate's 30 days (§E.3).
//! - Bad input: an expiry before the issue date, an entry after today.
//! - The household: a Z-visa engineer, his wife and two children on private
//!   affairs permits, each asked only for their own proof of kinship.
//!
//! The clock is fixed: 2026-11-21 10:00 Beijing time, so `today` is
//! 2026-11-21. Nothing here reads the real clock.
#![cfg(feature = "verify")]

mod support;
use support::bundles::known;
use support::{date, text};

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};
use dossier_engine::answers::{Answer, Applicant, Dossier, FillerRole};
use dossier_engine::expr::functions::parse_date;
use dossier_engine::expr::Value;
use dossier_engine::guidance::for_service;
use dossier_engine::rules::{addressee, CompiledForm, Severity};
use dossier_engine::validate::{validate, Clock, Issue, Report};

const FORM_ID: &str = "residence-permit";

fn form() -> &'static CompiledForm {
    known()
        .set
        .form(FORM_ID)
        .expect("the residence permit form ships")
}

/// 2026-11-21 10:00 in Beijing.
fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-21T10:00:00+08:00").unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

/// A date `days` from today (negative: in the past), as typed.
fn day_from_today(days: i64) -> Answer {
    let d = today() + Duration::days(days);
    date(d.day(), d.month(), d.year())
}

fn set(a: &mut Applicant, field: &str, answer: Answer) {
    a.answers.insert(field.into(), answer);
}

fn unset(a: &mut Applicant, field: &str) {
    a.answers.remove(field);
}

fn answered(pairs: &[(&str, Answer)]) -> Applicant {
    let mut a = Applicant::default();
    for (field, answer) in pairs {
        a.answers.insert((*field).into(), answer.clone());
    }
    a
}

/// A French engineer on a Z visa marked 000, who entered 20 days ago and
/// applies for the first time for a one-year work permit.
fn engineer() -> Applicant {
    answered(&[
        ("procedure", text("first")),
        ("entry_date", day_from_today(-20)),
        ("visa_class", text("Z")),
        ("visa_stay_days", text("0")),
        ("category", text("work")),
        ("work_permit_number", text("110000202600123")),
        ("requested_months", text("12")),
        ("photo_receipt_number", text("Y2408281262770A")),
        ("surname", text("DUPONT")),
        ("given_names", text("PIERRE")),
        ("sex", text("M")),
        ("date_of_birth", date(27, 3, 1985)),
        ("place_of_birth", text("LYON")),
        ("nationality", text("FRA")),
        ("address_in_china", text("北京市朝阳区中山路88号3栋1203室")),
        ("phone", text("13800138000")),
        (
            "employer_or_school",
            text("Example Technology (Beijing) Co., Ltd."),
        ),
        ("contact_name", text("Wang Fang")),
        ("contact_phone", text("13900139000")),
        ("passport_type", text("ordinary")),
        ("passport_number", text("21AB12345")),
        ("passport_issue_date", date(15, 1, 2021)),
        ("passport_expiry", date(14, 1, 2031)),
        ("current_document_kind", text("visa")),
        ("current_document_number", text("012345678")),
        ("current_document_expiry", day_from_today(60)),
    ])
}

/// A family member of the engineer: same entry and address, an S1 visa,
/// a private affairs permit joining the first applicant as `relationship`.
fn family_member(given: &str, born: Answer, sex: &str, relationship: &str) -> Applicant {
    let mut a = engineer();
    for (field, answer) in [
        ("visa_class", text("S1")),
        ("category", text("private_affairs")),
        ("joining", text("principal")),
        ("family_relationship", text(relationship)),
        ("given_names", text(given)),
        ("date_of_birth", born),
        ("sex", text(sex)),
        ("passport_number", text(&format!("21AB1234{}", given.len()))),
    ] {
        set(&mut a, field, answer);
    }
    unset(&mut a, "work_permit_number");
    unset(&mut a, "employer_or_school");
    a
}

fn household() -> Dossier {
    let mut d = Dossier::for_one();
    d.applicants = vec![
        engineer(),
        family_member("MARIE", date(2, 9, 1987), "F", "spouse"),
        family_member("LUCAS", date(10, 4, 2016), "M", "child"),
        family_member("CHLOE", date(5, 12, 2019), "F", "child"),
    ];
    d
}

fn alone(a: Applicant) -> Dossier {
    let mut d = Dossier::for_one();
    d.applicants = vec![a];
    d
}

fn check(d: &Dossier) -> Report {
    validate(form(), d, Clock::at(now()))
}

fn codes(report: &Report) -> Vec<(Option<usize>, &str)> {
    report
        .issues()
        .map(|i| (i.applicant, i.code.as_str()))
        .collect()
}

fn codes_of(report: &Report, applicant: usize) -> Vec<&str> {
    report.applicants[applicant]
        .issues
        .iter()
        .map(|i| i.code.as_str())
        .collect()
}

fn documents(report: &Report, applicant: usize) -> Vec<&str> {
    report.applicants[applicant]
        .documents
        .iter()
        .map(String::as_str)
        .collect()
}

/// The one issue with `code`.
fn issue<'a>(report: &'a Report, code: &str) -> &'a Issue {
    let found: Vec<&Issue> = report.issues().filter(|i| i.code == code).collect();
    assert_eq!(found.len(), 1, "{code} in {:?}", codes(report));
    found[0]
}

/// An issue's message as the browser shows it in `lang`, worded for its
/// applicant, with its parameters filled in and a date written as the
/// language writes dates (`date.format` in `ui.json`, as the web shell does).
fn shown(d: &Dossier, issue: &Issue, lang: &str) -> String {
    let catalog = known().set.catalog(lang).unwrap();
    let person = issue
        .applicant
        .and_then(|i| addressee(&form().def, catalog, d, i));
    let texts: Vec<(&str, String)> = issue
        .params
        .iter()
        .map(|(k, v)| {
            let text = match parse_date(v) {
                Ok(day) => {
                    let month = catalog.text(&format!("date.month_name.{}", day.month()), &[]);
                    catalog.text(
                        "date.format",
                        &[
                            ("day", &day.day().to_string()),
                            ("month", &day.month().to_string()),
                            ("month_name", &month),
                            ("year", &day.year().to_string()),
                        ],
                    )
                }
                Err(_) => v.clone(),
            };
            (k.as_str(), text)
        })
        .collect();
    let params: Vec<(&str, &str)> = texts.iter().map(|(k, v)| (*k, v.as_str())).collect();
    catalog.text_about(&issue.message, person.as_deref(), &params)
}

/// The issues other than information notes.
fn problems(report: &Report) -> Vec<(Option<usize>, &str)> {
    report
        .issues()
        .filter(|i| i.severity != Severity::Info)
        .map(|i| (i.applicant, i.code.as_str()))
        .collect()
}

// ---------------------------------------------------------------------------
// A first application
// ---------------------------------------------------------------------------

#[test]
fn the_engineer_has_no_problem_and_sees_the_fee() {
    let d = alone(engineer());
    let report = check(&d);
    assert_eq!(problems(&report), []);
    // Two notes: the days left (he entered 20 days ago) and the fee.
    assert_eq!(codes_of(&report, 0), ["first_days_left", "fee"]);
    let left = issue(&report, "first_days_left");
    assert_eq!(left.severity, Severity::Info);
    assert_eq!(
        shown(&d, left, "en"),
        "You have 10 days left to apply: apply by 1 December 2026. \
         With this visa you must apply within 30 days of entering China."
    );
    assert_eq!(
        shown(&d, left, "zh-CN"),
        "您还有10天可以申请，请于2026年12月1日前提出申请。持该签证入境的，应当自入境之日起30日内申请居留许可。"
    );
    let fee = issue(&report, "fee");
    assert_eq!(fee.severity, Severity::Info);
    assert_eq!(
        shown(&d, fee, "en"),
        "Fee for a permit of 12 months: RMB 800. It is paid at the exit-entry office"
    );
    assert_eq!(
        shown(&d, fee, "zh-CN"),
        "申请居留期限12个月，收费800元，在出入境管理机构缴纳"
    );
    let docs = documents(&report, 0);
    for doc in [
        "passport",
        "copy_data_page",
        "copy_visa_page",
        "copy_entry_stamp",
        "application_form",
        "photo_receipt",
        "accommodation_registration",
        "work_permit",
        "employer_letter",
    ] {
        assert!(docs.contains(&doc), "{doc} not in {docs:?}");
    }
    // Exactly one year: no health certificate (§E.2: more than one year).
    assert!(!docs.contains(&"health_certificate"), "{docs:?}");
    // No proof of kinship, no replacement or cancellation papers.
    for doc in [
        "marriage_certificate",
        "birth_certificate",
        "police_report",
        "flight_booking",
    ] {
        assert!(!docs.contains(&doc), "{doc} in {docs:?}");
    }
}

#[test]
fn a_category_that_does_not_fit_the_visa_is_an_error_naming_the_one_that_does() {
    let mut a = engineer();
    set(&mut a, "category", text("study"));
    unset(&mut a, "work_permit_number");
    let d = alone(a);
    let report = check(&d);
    assert_eq!(problems(&report), [(Some(0), "visa_z_fits_work")]);
    let i = issue(&report, "visa_z_fits_work");
    assert_eq!(i.severity, Severity::Error);
    assert_eq!(
        shown(&d, i, "en"),
        "A Z visa leads to a residence permit for work. Choose \"Work\", or check the visa you entered with"
    );
    assert_eq!(
        shown(&d, i, "zh-CN"),
        "持Z字签证入境的，应当申请工作类居留许可。请选择“工作类”，或核对入境所持签证种类"
    );
    // Each long-term visa and the category it leads to.
    for (visa, fits, wrong) in [
        ("X1", "study", "work"),
        ("J1", "journalist", "study"),
        ("Q1", "family_reunion", "private_affairs"),
        ("S1", "private_affairs", "family_reunion"),
    ] {
        let mut a = engineer();
        set(&mut a, "visa_class", text(visa));
        set(&mut a, "category", text(wrong));
        let report = check(&alone(a));
        let code = format!("visa_{}_fits_{fits}", visa.to_lowercase());
        assert!(
            codes_of(&report, 0).contains(&code.as_str()),
            "{visa} with {wrong}: {:?}",
            codes(&report)
        );
    }
    // Another visa leads to no particular category; a renewal is not
    // checked against the entry visa.
    let mut a = engineer();
    set(&mut a, "visa_class", text("other"));
    set(&mut a, "category", text("study"));
    unset(&mut a, "work_permit_number");
    assert_eq!(problems(&check(&alone(a))), []);
}

#[test]
fn an_entry_after_today_is_an_error_that_says_what_to_do() {
    let mut a = engineer();
    set(&mut a, "entry_date", day_from_today(1));
    let d = alone(a);
    let report = check(&d);
    assert_eq!(problems(&report), [(Some(0), "entry_date.not_future")]);
    let i = issue(&report, "entry_date.not_future");
    assert_eq!(
        shown(&d, i, "en"),
        "The date of entry cannot be in the future: enter the date on the latest entry stamp in the passport"
    );
    assert_eq!(
        shown(&d, i, "zh-CN"),
        "入境日期不能晚于今天，请按护照上最近一次入境验讫章的日期填写"
    );
    // Today itself is fine.
    let mut a = engineer();
    set(&mut a, "entry_date", day_from_today(0));
    assert_eq!(problems(&check(&alone(a))), []);
}

#[test]
fn a_passport_expiring_before_its_issue_is_an_error() {
    let mut a = engineer();
    // Issued 2031-01-15 (a typo for 2021), valid until 2031-01-14.
    set(&mut a, "passport_issue_date", date(15, 1, 2031));
    let d = alone(a);
    let report = check(&d);
    assert_eq!(
        problems(&report),
        [
            (Some(0), "passport_issued_in_past"),
            (Some(0), "passport_expiry_after_issue")
        ]
    );
    let i = issue(&report, "passport_expiry_after_issue");
    assert_eq!(
        shown(&d, i, "en"),
        "The passport's expiry date must be after its date of issue. Check both dates on the passport's data page"
    );
    assert_eq!(
        shown(&d, i, "zh-CN"),
        "护照有效期应当晚于签发日期，请对照护照资料页核对这两个日期"
    );
    // An expired passport is its own error.
    let mut a = engineer();
    set(&mut a, "passport_expiry", day_from_today(-1));
    assert_eq!(
        problems(&check(&alone(a))),
        [(Some(0), "passport_expiry.not_expired")]
    );
}

// ---------------------------------------------------------------------------
// Validity, fee and health certificate
// ---------------------------------------------------------------------------

#[test]
fn the_fee_follows_the_period_asked_for_and_exactly_one_year_costs_800() {
    for (months, fee) in [
        ("3", "400"),
        ("11", "400"),
        ("12", "800"),
        ("35", "800"),
        ("36", "1000"),
        ("60", "1000"),
    ] {
        let mut a = engineer();
        set(&mut a, "requested_months", text(months));
        let report = check(&alone(a));
        let i = issue(&report, "fee");
        assert_eq!(
            i.params.get("fee").map(String::as_str),
            Some(fee),
            "{months} months"
        );
        assert_eq!(problems(&report), [], "{months} months");
        let health = documents(&report, 0).contains(&"health_certificate");
        assert_eq!(
            health,
            months != "3" && months != "11" && months != "12",
            "{months} months"
        );
    }
}

#[test]
fn a_permit_other_than_for_work_is_asked_for_at_least_six_months() {
    let mut a = engineer();
    set(&mut a, "visa_class", text("X1"));
    set(&mut a, "category", text("study"));
    unset(&mut a, "work_permit_number");
    set(&mut a, "requested_months", text("5"));
    let report = check(&alone(a.clone()));
    assert_eq!(problems(&report), [(Some(0), "validity_minimum")]);
    set(&mut a, "requested_months", text("6"));
    assert_eq!(problems(&check(&alone(a))), []);
    // Work may ask for 3 months (90 days), not fewer (the field's range).
    let mut a = engineer();
    set(&mut a, "requested_months", text("2"));
    assert_eq!(
        problems(&check(&alone(a))),
        [(Some(0), "requested_months.range")]
    );
}

// ---------------------------------------------------------------------------
// Photo receipt
// ---------------------------------------------------------------------------

#[test]
fn an_odd_photo_receipt_number_is_only_a_warning() {
    for (number, warned) in [
        ("ABC12", true),
        ("ABC123", false),
        ("A234567890123456789012345", false),
        ("A2345678901234567890123456", true),
    ] {
        let mut a = engineer();
        set(&mut a, "photo_receipt_number", text(number));
        let report = check(&alone(a));
        let found: Vec<&Issue> = report
            .issues()
            .filter(|i| i.code == "photo_receipt_number.length")
            .collect();
        assert_eq!(found.len(), usize::from(warned), "{number}");
        for i in found {
            assert_eq!(i.severity, Severity::Warning);
        }
        assert!(!report.has_errors(), "{number}: {:?}", codes(&report));
    }
}

// ---------------------------------------------------------------------------
// Renewal and replacement
// ---------------------------------------------------------------------------

/// The engineer a year later, renewing the permit he holds.
fn renewing(expires_in_days: i64) -> Applicant {
    let mut a = engineer();
    for field in ["visa_class", "visa_stay_days"] {
        unset(&mut a, field);
    }
    set(&mut a, "procedure", text("renewal"));
    set(&mut a, "entry_date", day_from_today(-200));
    set(&mut a, "current_document_kind", text("residence_permit"));
    set(
        &mut a,
        "current_document_expiry",
        day_from_today(expires_in_days),
    );
    a
}

#[test]
fn an_expired_permit_cannot_be_renewed() {
    let d = alone(renewing(-1));
    let report = check(&d);
    assert_eq!(problems(&report), [(Some(0), "renewal_expired")]);
    assert_eq!(issue(&report, "renewal_expired").severity, Severity::Error);
    // Its last day is still in time.
    let report = check(&alone(renewing(0)));
    assert!(!codes_of(&report, 0).contains(&"renewal_expired"));
}

#[test]
fn renewing_or_replacing_needs_a_residence_permit_and_a_first_application_does_not() {
    let mut a = renewing(60);
    set(&mut a, "current_document_kind", text("visa"));
    assert_eq!(problems(&check(&alone(a))), [(Some(0), "permit_held")]);
    let mut a = engineer();
    set(&mut a, "current_document_kind", text("residence_permit"));
    assert_eq!(problems(&check(&alone(a))), [(Some(0), "first_on_visa")]);
}

/// The engineer replacing a lost passport and permit, with a loss
/// certificate issued `days_ago`.
fn replacing(days_ago: i64) -> Applicant {
    let mut a = renewing(200);
    set(&mut a, "procedure", text("reissue"));
    unset(&mut a, "current_document_number");
    unset(&mut a, "requested_months");
    set(&mut a, "loss_certificate_date", day_from_today(-days_ago));
    a
}

#[test]
fn a_loss_certificate_older_than_30_days_is_a_warning() {
    let report = check(&alone(replacing(30)));
    assert_eq!(problems(&report), []);
    let docs = documents(&report, 0);
    for doc in [
        "police_report",
        "loss_certificate",
        "new_passport",
        "new_accommodation_registration",
        "work_permit",
        "employer_letter",
    ] {
        assert!(docs.contains(&doc), "{doc} not in {docs:?}");
    }
    // The lost passport and the registration made for it are not asked for.
    for doc in ["passport", "copy_visa_page", "accommodation_registration"] {
        assert!(!docs.contains(&doc), "{doc} in {docs:?}");
    }
    let report = check(&alone(replacing(31)));
    assert_eq!(problems(&report), [(Some(0), "loss_certificate_expired")]);
    assert_eq!(
        issue(&report, "loss_certificate_expired").severity,
        Severity::Warning
    );
    // A certificate dated in the future is a mistake.
    let report = check(&alone(replacing(-1)));
    assert_eq!(
        problems(&report),
        [(Some(0), "loss_certificate_date.not_future")]
    );
}

// ---------------------------------------------------------------------------
// Cancellation (local practice)
// ---------------------------------------------------------------------------

#[test]
fn a_cancellation_asks_for_the_end_of_work_and_no_photo_receipt() {
    let mut a = renewing(200);
    set(&mut a, "procedure", text("cancellation"));
    set(&mut a, "cancellation_reason", text("work_ended"));
    set(&mut a, "leaving_date", day_from_today(10));
    unset(&mut a, "photo_receipt_number");
    unset(&mut a, "requested_months");
    unset(&mut a, "work_permit_number");
    let report = check(&alone(a));
    assert_eq!(codes(&report), []);
    let docs = documents(&report, 0);
    for doc in [
        "passport",
        "work_ended_proof",
        "flight_booking",
        "accommodation_registration",
    ] {
        assert!(docs.contains(&doc), "{doc} not in {docs:?}");
    }
    for doc in [
        "photo_receipt",
        "application_form",
        "work_permit",
        "study_ended_proof",
    ] {
        assert!(!docs.contains(&doc), "{doc} in {docs:?}");
    }
}

// ---------------------------------------------------------------------------
// The household
// ---------------------------------------------------------------------------

#[test]
fn a_household_asks_each_member_only_for_their_own_proof_of_kinship() {
    let d = household();
    let report = check(&d);
    assert_eq!(problems(&report), []);
    let engineer = documents(&report, 0);
    let wife = documents(&report, 1);
    let son = documents(&report, 2);
    let daughter = documents(&report, 3);
    assert!(wife.contains(&"marriage_certificate"), "{wife:?}");
    assert!(!wife.contains(&"birth_certificate"), "{wife:?}");
    for child in [&son, &daughter] {
        assert!(child.contains(&"birth_certificate"), "{child:?}");
        assert!(!child.contains(&"marriage_certificate"), "{child:?}");
    }
    assert!(!engineer.contains(&"marriage_certificate"), "{engineer:?}");
    assert!(!engineer.contains(&"birth_certificate"), "{engineer:?}");
    // Nobody is asked again for the principal's passport or permit, nor for
    // the work papers that are his.
    for member in [&wife, &son, &daughter] {
        for doc in ["joined_person_document", "work_permit", "employer_letter"] {
            assert!(!member.contains(&doc), "{doc} in {member:?}");
        }
        assert!(member.contains(&"passport"), "{member:?}");
    }
}

#[test]
fn a_family_member_joining_someone_outside_the_filing_brings_their_permit() {
    let mut wife = family_member("MARIE", date(2, 9, 1987), "F", "spouse");
    set(&mut wife, "joining", text("outside"));
    set(&mut wife, "joined_name", text("PIERRE DUPONT"));
    set(&mut wife, "joined_document_number", text("E12345678"));
    let report = check(&alone(wife));
    assert_eq!(problems(&report), []);
    let docs = documents(&report, 0);
    assert!(docs.contains(&"joined_person_document"), "{docs:?}");
    assert!(docs.contains(&"marriage_certificate"), "{docs:?}");
}

#[test]
fn family_reunion_is_never_with_the_first_applicant() {
    let mut d = household();
    set(&mut d.applicants[1], "visa_class", text("Q1"));
    set(&mut d.applicants[1], "category", text("family_reunion"));
    let report = check(&d);
    assert_eq!(
        problems(&report),
        [(Some(1), "family_reunion_not_first_applicant")]
    );
}

#[test]
fn a_private_affairs_child_of_18_or_more_is_warned() {
    let mut d = household();
    set(&mut d.applicants[2], "date_of_birth", date(20, 11, 2008));
    let report = check(&d);
    assert_eq!(
        problems(&report),
        [(Some(2), "private_affairs_family_members")]
    );
    assert_eq!(
        issue(&report, "private_affairs_family_members").severity,
        Severity::Warning
    );
}

#[test]
fn a_helper_is_asked_for_their_own_identity_and_the_relative_is_named() {
    // Lucas, 10, joins his father, whose permit is not applied for now.
    let mut lucas = family_member("LUCAS", date(10, 4, 2016), "M", "child");
    set(&mut lucas, "joining", text("outside"));
    set(&mut lucas, "joined_name", text("PIERRE DUPONT"));
    set(&mut lucas, "joined_document_number", text("E12345678"));
    let mut d = alone(lucas);
    d.filler.role = FillerRole::parse("family").unwrap();
    for (field, value) in [
        ("helper_name", "Marie Dupont"),
        ("helper_phone", "13800138000"),
        ("helper_id_type", "passport"),
        ("helper_id_number", "21AB99999"),
    ] {
        d.filler.answers.insert(field.into(), text(value));
    }
    let report = check(&d);
    assert_eq!(problems(&report), []);
    let docs = documents(&report, 0);
    assert!(docs.contains(&"agent_id"), "{docs:?}");
    assert!(docs.contains(&"relationship_to_agent"), "{docs:?}");
    // The category error speaks of the child by name.
    set(&mut d.applicants[0], "category", text("study"));
    let report = check(&d);
    let i = issue(&report, "visa_s1_fits_private_affairs");
    assert_eq!(
        shown(&d, i, "en"),
        "An S1 visa leads to a residence permit for private affairs. Choose \"Private affairs\" for Lucas, \
         or check the visa Lucas entered with"
    );
}

// ---------------------------------------------------------------------------
// Time limits at their edges
// ---------------------------------------------------------------------------

/// The engineer, who entered `days_ago` days ago.
fn entered(days_ago: i64) -> Dossier {
    let mut a = engineer();
    set(&mut a, "entry_date", day_from_today(-days_ago));
    alone(a)
}

#[test]
fn a_first_application_30_days_after_entry_is_in_time_and_31_is_late() {
    // Day 29: one day left; day 30: the last day, only a note.
    let report = check(&entered(29));
    assert_eq!(problems(&report), []);
    assert_eq!(codes_of(&report, 0), ["first_one_day_left", "fee"]);
    let d = entered(30);
    let report = check(&d);
    assert_eq!(problems(&report), []);
    assert_eq!(codes_of(&report, 0), ["first_last_day", "fee"]);
    assert_eq!(
        shown(&d, issue(&report, "first_last_day"), "en"),
        "Today, 21 November 2026, is the last day to apply. \
         With this visa you must apply within 30 days of entering China."
    );
    // Day 31: late, a warning that says what to do and cites no penalty.
    let d = entered(31);
    let report = check(&d);
    assert_eq!(problems(&report), [(Some(0), "first_late")]);
    let late = issue(&report, "first_late");
    assert_eq!(late.severity, Severity::Warning);
    assert_eq!(
        shown(&d, late, "en"),
        "You entered China 31 days ago; the 30 days to apply ended on 20 November 2026. \
         Apply at once, and tell the exit-entry office why you are late: it decides what happens next."
    );
    assert_eq!(
        shown(&d, late, "zh-CN"),
        "您已入境31天，申请期限已于2026年11月20日届满。请立即申请，并向出入境管理机构说明逾期原因，由其依法处理。"
    );
    // The page after the declaration says when to apply by.
    assert_eq!(
        report.applicants[0].calc.get("apply_by"),
        Some(&Value::Date(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()))
    );
    // A visa not marked 000 sets no 30 days, and no date to apply by.
    let mut d = entered(31);
    set(&mut d.applicants[0], "visa_stay_days", text("90"));
    let report = check(&d);
    assert_eq!(codes_of(&report, 0), ["fee"]);
    assert_eq!(report.applicants[0].calc.get("apply_by"), None);
}

#[test]
fn a_renewal_30_days_before_expiry_is_in_time_and_29_is_one_day_late() {
    let report = check(&alone(renewing(30)));
    assert_eq!(problems(&report), []);
    assert_eq!(codes_of(&report, 0), ["fee"]);
    let d = alone(renewing(29));
    let report = check(&d);
    assert_eq!(problems(&report), [(Some(0), "renewal_late_one_day")]);
    let late = issue(&report, "renewal_late_one_day");
    assert_eq!(late.severity, Severity::Warning);
    assert_eq!(
        shown(&d, late, "en"),
        "Apply at least 30 days before your permit ends (20 December 2026): you are 1 day late. \
         Apply now, before the permit ends."
    );
    assert_eq!(
        shown(&d, late, "zh-CN"),
        "应当在居留许可有效期届满30日前（有效期至2026年12月20日）申请延期，现已逾期1天。请在有效期届满前尽快申请。"
    );
    let d = alone(renewing(5));
    let report = check(&d);
    assert_eq!(problems(&report), [(Some(0), "renewal_late")]);
    assert!(shown(&d, issue(&report, "renewal_late"), "en").contains("you are 25 days late"));
    // On its last day the permit is still renewed, late.
    let report = check(&alone(renewing(0)));
    assert_eq!(problems(&report), [(Some(0), "renewal_late")]);
    // Once it has ended: an error, with the date it ended.
    let d = alone(renewing(-1));
    let report = check(&d);
    assert_eq!(
        shown(&d, issue(&report, "renewal_expired"), "en"),
        "Your residence permit ended on 20 November 2026, so it cannot be renewed. \
         Contact the exit-entry office at once and ask what to do"
    );
}

/// The engineer reporting `items` that changed `days_ago`.
fn changing(items: &str, days_ago: i64) -> Dossier {
    let mut a = renewing(200);
    set(&mut a, "procedure", text("change"));
    unset(&mut a, "requested_months");
    unset(&mut a, "work_permit_number");
    set(&mut a, "changed_items", text(items));
    set(&mut a, "change_date", day_from_today(-days_ago));
    alone(a)
}

#[test]
fn a_change_10_days_after_is_in_time_and_11_is_late() {
    let report = check(&changing("passport address", 10));
    assert_eq!(codes_of(&report, 0), ["fee_change"]);
    let docs = documents(&report, 0);
    for doc in [
        "new_and_old_passport",
        "new_address_registration",
        "photo_receipt",
    ] {
        assert!(docs.contains(&doc), "{doc} not in {docs:?}");
    }
    // Only what changed: no name proof, and no work papers without a
    // change of purpose.
    for doc in [
        "name_change_proof",
        "new_employer_letter",
        "work_permit",
        "health_certificate",
    ] {
        assert!(!docs.contains(&doc), "{doc} in {docs:?}");
    }
    let d = changing("passport address", 11);
    let report = check(&d);
    assert_eq!(problems(&report), [(Some(0), "change_late_one_day")]);
    let late = issue(&report, "change_late_one_day");
    assert_eq!(late.severity, Severity::Warning);
    assert!(
        shown(&d, late, "en").starts_with(
            "Report a change within 10 days: the 10 days ended on 20 November 2026, so you are 1 day late."
        ),
        "{}",
        shown(&d, late, "en")
    );
    let report = check(&changing("address", 12));
    assert_eq!(problems(&report), [(Some(0), "change_late")]);
    // A change of purpose asks for the new category's proofs.
    let mut d = changing("purpose employer", 3);
    set(
        &mut d.applicants[0],
        "work_permit_number",
        text("110000202600999"),
    );
    let report = check(&d);
    let docs = documents(&report, 0);
    for doc in ["work_permit", "employer_letter", "new_employer_letter"] {
        assert!(docs.contains(&doc), "{doc} not in {docs:?}");
    }
}

#[test]
fn a_change_in_the_future_or_with_nothing_ticked_is_an_error() {
    let d = changing("address", -1);
    let report = check(&d);
    assert_eq!(problems(&report), [(Some(0), "change_date.not_future")]);
    assert_eq!(
        shown(&d, issue(&report, "change_date.not_future"), "en"),
        "The date of the change cannot be in the future: report a change after it has happened, \
         and enter the day it happened"
    );
    let mut d = changing("address", 1);
    unset(&mut d.applicants[0], "changed_items");
    assert_eq!(problems(&check(&d)), [(Some(0), "changed_items.required")]);
}

// ---------------------------------------------------------------------------
// The household and its first applicant
// ---------------------------------------------------------------------------

#[test]
fn the_first_applicant_cannot_join_themself() {
    let mut d = household();
    let mut wife = d.applicants.remove(1);
    // The wife alone, joining "the first person in this application".
    set(&mut wife, "given_names", text("MARIE"));
    let d1 = alone(wife);
    let report = check(&d1);
    assert_eq!(
        problems(&report),
        [(Some(0), "first_applicant_joins_no_one_before")]
    );
    let i = issue(&report, "first_applicant_joins_no_one_before");
    assert_eq!(i.severity, Severity::Error);
    assert!(shown(&d1, i, "en").starts_with("You are the first person in this application"));
    // The household's own first applicant is not asked the question.
    assert!(problems(&check(&d)).is_empty());
}

#[test]
fn a_family_member_without_a_worker_or_student_first_is_told_what_to_do() {
    // The first applicant is the wife of a Chinese citizen (family reunion,
    // joining someone outside the filing); the child joins her on a
    // private affairs permit.
    let mut wife = family_member("MARIE", date(2, 9, 1987), "F", "spouse");
    set(&mut wife, "visa_class", text("Q1"));
    set(&mut wife, "category", text("family_reunion"));
    set(&mut wife, "joining", text("outside"));
    set(&mut wife, "joined_name", text("LI MING"));
    set(
        &mut wife,
        "joined_document_number",
        text("11010519491231002X"),
    );
    let child = family_member("LUCAS", date(10, 4, 2016), "M", "child");
    let mut d = Dossier::for_one();
    d.applicants = vec![wife, child];
    let report = check(&d);
    assert_eq!(problems(&report), [(Some(1), "joins_worker_or_student")]);
    let i = issue(&report, "joins_worker_or_student");
    assert_eq!(
        shown(&d, i, "en"),
        "The first person in this application is not applying for a work, study or journalist permit, \
         so Lucas cannot join them on a private affairs permit. Put the person Lucas joins first in this \
         application, or choose \"Someone not in this application\" and give their details"
    );
    assert_eq!(
        shown(&d, i, "zh-CN"),
        "本申请中的第一位申请人未申请工作类、学习类或记者类居留许可，Lucas不能以私人事务类（家属）投靠该申请人。\
         请将Lucas投靠的人员列为第一位申请人，或选择“不在本申请中的人员”并填写其信息"
    );
    // Joining someone outside the filing, with their permit, is fine.
    set(&mut d.applicants[1], "joining", text("outside"));
    set(&mut d.applicants[1], "joined_name", text("JEAN MARTIN"));
    set(
        &mut d.applicants[1],
        "joined_document_number",
        text("E98765432"),
    );
    assert_eq!(problems(&check(&d)), []);
    // A student or a journalist first is as good as a worker.
    for (visa, category) in [("X1", "study"), ("J1", "journalist")] {
        let mut d = household();
        set(&mut d.applicants[0], "visa_class", text(visa));
        set(&mut d.applicants[0], "category", text(category));
        set(
            &mut d.applicants[0],
            "press_card_number",
            text("J2026-0001"),
        );
        assert_eq!(problems(&check(&d)), [], "{category}");
    }
}

#[test]
fn a_dependant_asking_for_longer_than_the_first_applicant_is_warned() {
    let mut d = household();
    set(&mut d.applicants[2], "requested_months", text("24"));
    let report = check(&d);
    assert_eq!(problems(&report), [(Some(2), "validity_within_principal")]);
    assert_eq!(
        issue(&report, "validity_within_principal").severity,
        Severity::Warning
    );
    // The same period is fine; the first applicant's longer period lifts it.
    set(&mut d.applicants[0], "requested_months", text("24"));
    assert_eq!(problems(&check(&d)), []);
}

// ---------------------------------------------------------------------------
// Services and their guidance
// ---------------------------------------------------------------------------

#[test]
fn each_service_presets_its_procedure_and_lists_its_own_time_limits() {
    let def = &form().def;
    let ids: Vec<&str> = def.services.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        ["first", "renewal", "change", "reissue", "cancellation"]
    );
    let guidance = |id: &str| {
        let service = def.services.iter().find(|s| s.id == id).unwrap();
        assert_eq!(
            service.preset.get("procedure").map(String::as_str),
            Some(id)
        );
        for_service(form(), service, Clock::at(now()))
    };
    // `list` holds each of `keys`, and none of `not`.
    let holds = |list: &[String], keys: &[&str], not: &[&str]| {
        for k in keys {
            assert!(list.iter().any(|x| x == k), "{k} not in {list:?}");
        }
        for k in not {
            assert!(!list.iter().any(|x| x == k), "{k} in {list:?}");
        }
    };
    let first = guidance("first");
    holds(
        &first.time,
        &[
            "rp.rule.first_late.summary",
            "rp.summary.visa_fits_category",
        ],
        &["rp.summary.renewal_30_days"],
    );
    holds(&first.documents, &["passport", "photo_receipt"], &[]);
    holds(
        &first.maybe_documents,
        &["health_certificate"],
        &["police_report"],
    );

    let renewal = guidance("renewal");
    holds(
        &renewal.time,
        &["rp.summary.renewal_30_days"],
        &["rp.rule.first_late.summary", "rp.summary.change_10_days"],
    );

    let change = guidance("change");
    holds(&change.time, &["rp.summary.change_10_days"], &[]);
    holds(&change.maybe_documents, &["new_and_old_passport"], &[]);

    let reissue = guidance("reissue");
    holds(
        &reissue.documents,
        &["police_report", "loss_certificate", "new_passport"],
        &["passport"],
    );

    let cancellation = guidance("cancellation");
    holds(
        &cancellation.documents,
        &["flight_booking"],
        &["photo_receipt"],
    );
    // No proof of kinship or of the reason to stay when leaving.
    holds(
        &cancellation.maybe_documents,
        &["work_ended_proof"],
        &[
            "marriage_certificate",
            "birth_certificate",
            "private_matter_proof",
            "work_permit",
        ],
    );
    assert!(
        cancellation.time.is_empty()
            || !cancellation
                .time
                .iter()
                .any(|k| k.starts_with("rp.summary.family")),
        "{:?}",
        cancellation.time
    );
}

/// A family that registered where it stays applies for permits: each
/// person's answers that the permit form also asks (same id, same shape)
/// carry over; the registration's own, files, values the permit's options
/// do not have, and the service's preset procedure do not.
#[test]
fn a_registered_person_carries_into_a_permit_filing() {
    use dossier_engine::carry::carry;
    let registration = known().set.form("temporary-residence").unwrap();
    let mut from = Applicant::default();
    set(&mut from, "surname", text("SMITH"));
    set(&mut from, "given_names", text("EMMA"));
    set(&mut from, "sex", text("F"));
    set(&mut from, "date_of_birth", date(2, 9, 1986));
    set(&mut from, "nationality", text("GBR"));
    set(&mut from, "entry_date", day_from_today(-14));
    set(&mut from, "housing_type", text("rented"));
    set(&mut from, "entry_document_number", text("533380022"));
    set(&mut from, "procedure", text("renewal"));
    // A value the permit's question does not offer, a date where text is
    // asked, an unknown country: left behind.
    set(&mut from, "visa_stay_days", date(1, 1, 2026));
    let service = form().def.service("first");
    let mut into = Applicant::default();
    for (f, v) in &service.preset {
        set(&mut into, f, text(v));
    }
    carry(form(), &from, &mut into);
    let keys: Vec<&str> = into.answers.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "date_of_birth",
            "entry_date",
            "given_names",
            "nationality",
            "procedure",
            "sex",
            "surname"
        ]
    );
    assert_eq!(
        into.answers["procedure"],
        text("first"),
        "the service's preset stays"
    );
    assert_eq!(into.answers["surname"], text("SMITH"));
    // Carried answers are checked as typed: the registration's sex "F"
    // is one of the permit's options, or it would not have come.
    assert!(registration
        .def
        .pages
        .iter()
        .flat_map(|p| &p.fields)
        .any(|f| f.id == "sex"));
    let mut bad = Applicant::default();
    set(&mut bad, "sex", text("unknown"));
    set(&mut bad, "nationality", text("ZZZ"));
    let mut none = Applicant::default();
    carry(form(), &bad, &mut none);
    assert!(none.answers.is_empty(), "{:?}", none.answers);
}
