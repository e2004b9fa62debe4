//! Registration for every registrant (version 1.3.0 of the temporary
//! residence form): each part of the change held to the rule it carries out,
//! by issue codes, calculated values, visible pages and documents, and for
//! some by the English and Chinese text the user sees.
//!
//! - Roles: a landlord or host (留宿人) registers in their own name, an
//!   organisation with its unified social credit code; a host family or a
//!   school may leave a child's guardian details blank, a friend may not;
//!   proofs of a relationship are never required.
//! - Entry documents: travel permits for Hong Kong, Macao and Taiwan
//!   residents and the permanent residence card carry no visa; the
//!   permit's expiry limits the stay; Hong Kong, Macao and Taiwan residents
//!   are not told of the foreigners' article 76; identity numbers of the
//!   new kinds.
//! - Why one registers: 24 hours from moving in, coming back or a new
//!   document, to the minute.
//! - How long one may stay: a visa's duration of each stay, "000", the
//!   visa-free schemes, a permit's expiry (services facts §D.3, §E.1).
//! - Housing without papers, an address without a room, a door-plate code.
//! - The bundles of the new registrants sign and verify.
//!
//! The clock is the fixtures' (2026-11-21 10:00 Beijing time) unless a test
//! says otherwise; the starting point is the fixture's complete filing.
#![cfg(feature = "verify")]

mod support;
use support::bundles::*;
use support::filings::*;
use support::{date, datetime, text};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use dossier_engine::answers::{Answer, Applicant, Dossier};
use dossier_engine::bundle::verify::Outcome;
use dossier_engine::expr::Value;
use dossier_engine::validate::Report;

type Changes = Vec<(&'static str, Option<Answer>)>;

fn day(year: i32, month: u32, d: u32) -> Value {
    Value::Date(NaiveDate::from_ymd_opt(year, month, d).unwrap())
}

fn moment(rfc3339: &str) -> Value {
    Value::Timestamp(at(rfc3339))
}

fn set(field: &'static str, answer: Answer) -> (&'static str, Option<Answer>) {
    (field, Some(answer))
}

fn unset(fields: &[&'static str]) -> Changes {
    fields.iter().map(|f| (*f, None)).collect()
}

/// `report`, of `d`, has one issue, `code`, which the user reads as `en`
/// in English and `zh` in Chinese.
fn assert_only_issue(d: &Dossier, report: &Report, code: &str, en: &str, zh: &str) {
    let all: Vec<&str> = codes(report).into_iter().map(|(_, c)| c).collect();
    assert_eq!(all, [code]);
    let i = issue(report, code);
    assert_eq!(shown(d, i, "en"), en);
    assert_eq!(shown(d, i, "zh-CN"), zh);
}

// ---------------------------------------------------------------------------
// Roles
// ---------------------------------------------------------------------------

const GUARDIAN_DETAILS_MISSING: [&str; 5] = [
    "guardian_name.required",
    "guardian_relationship.required",
    "guardian_id_type.required",
    "guardian_id_number.required",
    "guardian_phone.required",
];

/// A rented home with the three uploads it needs (the fixture's scan as each).
fn rented() -> Changes {
    let mut c = vec![
        set("housing_type", text("rented")),
        set("lease_contract_copy", scan()),
        set("landlord_id_copy", scan()),
        set("landlord_property_certificate_copy", scan()),
    ];
    c.extend(unset(&["host_id_copy"]));
    c
}

/// A landlord registering the tenant of the flat they let: the host's
/// details are the filler's own, so the host page's answers are not given.
fn landlord_and_tenant() -> Dossier {
    let mut tenant = person("TOM", date(5, 7, 1990), None);
    change(&mut tenant, rented());
    change(
        &mut tenant,
        unset(&["host_name", "host_id_type", "host_id_number", "host_phone"]),
    );
    filed_by("host", vec![tenant])
}

fn a_15_year_old(relationship: Option<&str>) -> Applicant {
    person("NOAH", date(1, 6, 2011), relationship)
}

#[test]
fn a_landlord_registers_a_tenant_without_a_relationship_or_host_page() {
    let d = landlord_and_tenant();
    let report = check(&d);
    assert_no_issues(&report);
    // Their own identity document, on the helper's pages.
    assert!(filler_page_visible(&report, "helper-details"));
    assert!(filler_page_visible(&report, "helper-id"));
    assert!(!page_visible(&report, 0, "relationship"));
    assert!(!page_visible(&report, 0, "host"));
    assert!(page_visible(&report, 0, "upload-housing"));
    let docs = documents(&report, 0);
    for doc in [
        "agent_id",
        "lease_contract",
        "landlord_id_copy",
        "landlord_property_certificate_copy",
    ] {
        assert!(docs.contains(&doc), "{doc} not in {docs:?}");
    }
    assert!(!docs.contains(&"organisation_certificate"), "{docs:?}");
    // A friend in the same place gives the host's details.
    let mut friend = d.clone();
    friend.filler.role = role("friend");
    friend.applicants[0]
        .answers
        .insert("relationship".into(), text("friend"));
    let report = check(&friend);
    assert!(page_visible(&report, 0, "host"));
    assert_eq!(
        codes_of_first(&report),
        [
            "host_name.required",
            "host_id_type.required",
            "host_id_number.required",
            "host_phone.required"
        ]
    );
}

#[test]
fn an_organisation_with_a_wrong_credit_code_is_told_its_check_character() {
    let mut d = filed_by(
        "organisation",
        vec![person("WEI", date(14, 9, 1996), Some("employee"))],
    );
    // GB 32100's own example of a wrong code (facts §8.5).
    d.filler.answers.insert(
        "helper_organisation_code".into(),
        text("91350100M000100Y4Z"),
    );
    let report = check(&d);
    assert_eq!(
        issue(&report, "helper_organisation_code.check_digit").applicant,
        None
    );
    assert_only_issue(
        &d,
        &report,
        "helper_organisation_code.check_digit",
        "This unified social credit code is not valid: its last character does not match the \
         others. Check it against the business licence",
        "该统一社会信用代码无效：最后一位校验位与前面的字符不符，请对照营业执照核对",
    );
    // No personal identity document is asked of an organisation.
    assert!(!filler_page_visible(&report, "helper-id"));
    // Typed in lower case with spaces, the right code is kept as printed.
    d.filler.answers.insert(
        "helper_organisation_code".into(),
        text("9135 0100 m000 100y43"),
    );
    let report = check(&d);
    assert_no_issues(&report);
    assert_eq!(
        report.filler.values.get("helper_organisation_code"),
        Some(&Value::String(ORGANISATION_CODE.into()))
    );
}

#[test]
fn a_host_family_or_a_school_may_register_a_15_year_old_without_guardian_details() {
    // The host family: the child lives in their home.
    let host_family = filed_by("host", vec![a_15_year_old(None)]);
    // The school: the student lives in its dormitory.
    let mut student = a_15_year_old(Some("student"));
    change(
        &mut student,
        vec![
            set("housing_type", text("dormitory")),
            set("dormitory_certificate_copy", scan()),
            ("host_id_copy", None),
        ],
    );
    let school = filed_by("organisation", vec![student]);
    for (who, d) in [("host family", host_family), ("school", school)] {
        let report = check(&d);
        assert_no_issues(&report);
        // Asked, not required.
        assert!(page_visible(&report, 0, "guardian"), "{who}");
        assert_eq!(calc(&report, 0, "guardian_required"), &Value::Bool(false));
        let docs = documents(&report, 0);
        assert!(!docs.contains(&"guardian_documents"), "{who}: {docs:?}");
    }
}

#[test]
fn a_friend_registering_a_15_year_old_must_give_guardian_details() {
    let d = filed_by("friend", vec![a_15_year_old(Some("friend"))]);
    let report = check(&d);
    assert_eq!(codes_of_first(&report), GUARDIAN_DETAILS_MISSING);
    let i = issue(&report, "guardian_phone.required");
    assert_eq!(
        shown(&d, i, "en"),
        "Enter the phone number of Noah's parent or guardian"
    );
}

#[test]
fn proofs_of_a_relationship_or_guardianship_are_never_required() {
    let guardian_details = vec![
        set("guardian_name", text("Anna Smith")),
        set("guardian_relationship", text("mother")),
        set("guardian_id_type", text("passport")),
        set("guardian_id_number", text("P1234567")),
        set("guardian_phone", text("+44 7700 900123")),
    ];
    let mut befriended = person("LUCAS", date(10, 5, 2017), Some("friend"));
    change(&mut befriended, guardian_details);
    let filings = [
        filed_by(
            "family",
            vec![
                person("JOHN", date(2, 8, 1983), Some("spouse")),
                person("LUCAS", date(10, 5, 2017), Some("child")),
            ],
        ),
        filed_by(
            "guardian",
            vec![person("MIA", date(3, 3, 2022), Some("ward"))],
        ),
        filed_by("friend", vec![befriended]),
    ];
    // None of them uploads a proof: the page asks for one, nothing requires it.
    for d in filings {
        let report = check(&d);
        assert_no_issues(&report);
        for i in 0..d.applicants.len() {
            assert!(page_visible(&report, i, "relationship-proof"), "{i}");
        }
    }
}

// ---------------------------------------------------------------------------
// Entry documents
// ---------------------------------------------------------------------------

/// Entered on `document` numbered `number`, with no visa (and so no visa
/// page or entry stamp uploaded).
fn entered_on(document: &str, number: &str, nationality: &str) -> Changes {
    let mut c = vec![
        set("entry_document_type", text(document)),
        set("entry_document_number", text(number)),
        set("nationality", text(nationality)),
    ];
    c.extend(unset(&[
        "visa_type",
        "visa_number",
        "visa_stay_days",
        "copy_visa_page",
        "copy_entry_stamp",
    ]));
    c
}

/// The documents without a visa: (type, a valid number, nationality), the
/// permanent residence card of 2023 (9, GB 11643, Anna Smith's birth date).
const PERMITS: [(&str, &str, &str); 3] = [
    ("hk_mo_travel_permit", "H12345678", "HKG"),
    ("tw_travel_permit", "12345678", "TWN"),
    ("permanent_residence_card", "911000198503271235", "GBR"),
];

const VISA_PAGES: [&str; 5] = [
    "visa-type",
    "visa-details",
    "visa-free",
    "upload-visa-page",
    "upload-entry-stamp",
];

#[test]
fn travel_permits_and_the_permanent_residence_card_carry_no_visa() {
    // With a passport, the visa is asked for and its pages are documents.
    let report = check(&complete_dossier());
    assert!(page_visible(&report, 0, "visa-type"));
    assert!(page_visible(&report, 0, "upload-entry-stamp"));
    assert!(documents(&report, 0).contains(&"copy_entry_stamp"));
    for (document, number, nationality) in PERMITS {
        let report = check(&own_filing(entered_on(document, number, nationality)));
        assert_no_issues(&report);
        for page in VISA_PAGES {
            assert!(!page_visible(&report, 0, page), "{document}: {page}");
        }
        let docs = documents(&report, 0);
        assert!(docs.contains(&"entry_document_original"), "{docs:?}");
        assert!(!docs.contains(&"copy_visa_page"), "{document}: {docs:?}");
        assert!(!docs.contains(&"copy_entry_stamp"), "{document}: {docs:?}");
        // The permit's own expiry is the limit of the stay.
        assert_eq!(calc(&report, 0, "stay_until"), &day(2030, 12, 31));
    }
}

#[test]
fn leaving_after_the_permit_expires_warns() {
    for (document, number, nationality) in PERMITS {
        let departing = |leave: Answer| {
            let mut c = entered_on(document, number, nationality);
            c.push(set("entry_document_expiry", date(31, 1, 2027)));
            c.push(set("expected_departure", leave));
            check(&own_filing(c))
        };
        assert_no_issues(&departing(date(31, 1, 2027)));
        assert_eq!(
            codes_of_first(&departing(date(1, 2, 2027))),
            ["departure_within_stay"],
            "{document}"
        );
    }
}

#[test]
fn hong_kong_macao_and_taiwan_residents_are_not_told_of_article_76() {
    for (document, number, nationality) in PERMITS {
        let mut c = entered_on(document, number, nationality);
        // 26 hours before the clock.
        c.push(set("arrival_datetime", datetime(20, 11, 2026, "08:00")));
        let d = own_filing(c);
        let report = check(&d);
        let foreigner = document == "permanent_residence_card";
        let code = if foreigner {
            "late_registration"
        } else {
            "late_registration_hmt"
        };
        assert_eq!(codes_of_first(&report), [code], "{document}");
        let i = issue(&report, code);
        let (en, zh) = (shown(&d, i, "en"), shown(&d, i, "zh-CN"));
        assert_eq!(en.contains("article 76"), foreigner, "{en}");
        assert_eq!(zh.contains("第七十六条"), foreigner, "{zh}");
        if !foreigner {
            assert_eq!(
                en,
                "You should have registered within 24 hours of moving in, coming back or getting a new travel permit. Register now."
            );
            assert_eq!(
                zh,
                "应当在入住、再次入境或取得新证件后24小时内办理住宿登记，您已超过时限，请尽快办理。"
            );
        }
    }
}

/// The fixture's host with an identity document of `kind` numbered `number`.
fn host_id(kind: &str, number: &str) -> Dossier {
    own_filing(vec![
        set("host_id_type", text(kind)),
        set("host_id_number", text(number)),
    ])
}

#[test]
fn a_host_may_give_a_residence_permit_for_hong_kong_macao_and_taiwan_residents() {
    for number in ["810000199005151230", "830000198801011238"] {
        assert_no_issues(&check(&host_id("hmt_residence_permit", number)));
    }
    // A mainland resident ID number, with a right check character.
    let d = host_id("hmt_residence_permit", "110105199005151232");
    assert_only_issue(
        &d,
        &check(&d),
        "host_id_number.prefix",
        "A residence permit number for Hong Kong, Macao and Taiwan residents must start with \
         810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan). Check the number against the \
         permit",
        "港澳台居民居住证号码应以810000（香港）、820000（澳门）或830000（台湾）开头，请对照居住证核对号码",
    );
    assert_no_issues(&check(&host_id("cn_resident_id", "110105199005151232")));
}

#[test]
fn a_resident_id_born_after_today_is_refused() {
    // Born today (2026-11-21) is possible; tomorrow is not.
    assert_no_issues(&check(&host_id("cn_resident_id", "110105202611211236")));
    let d = host_id("cn_resident_id", "110105202611221231");
    assert_only_issue(
        &d,
        &check(&d),
        "host_id_number.born_after_today",
        "The date of birth in this identity card number (characters 7 to 14) is after today. \
         Check the number against the card",
        "该公民身份号码第7至14位的出生日期晚于今天，请对照证件核对号码",
    );
}

// ---------------------------------------------------------------------------
// Why one registers
// ---------------------------------------------------------------------------

/// (reason, the page asking when it happened, the warning when late.)
const TRIGGERS: [(&str, &str, &str); 3] = [
    ("new_address", "arrival", "late_registration"),
    ("re_entry", "return", "late_after_return"),
    ("new_document", "new-document", "late_after_new_document"),
];

/// Registering for `reason`, which happened at `event`.
fn registering(reason: &str, event: Answer) -> Changes {
    let mut c = vec![set("registration_reason", text(reason))];
    match reason {
        "new_address" => c.push(set("arrival_datetime", event)),
        "re_entry" => {
            c.push(("arrival_datetime", None));
            c.push(set("return_datetime", event));
        }
        _ => {
            c.push(("arrival_datetime", None));
            c.push(set("new_document_kind", text("visa")));
            c.push(set("new_document_datetime", event));
        }
    }
    c
}

#[test]
fn each_reason_gives_24_hours_from_its_event_to_the_minute() {
    for (reason, page, late) in TRIGGERS {
        // Exactly 24 hours before the clock: in time, the deadline is now.
        let report = check(&own_filing(registering(
            reason,
            datetime(20, 11, 2026, "10:00"),
        )));
        assert_no_issues(&report);
        for (_, other, _) in TRIGGERS {
            assert_eq!(page_visible(&report, 0, other), other == page, "{reason}");
        }
        assert_eq!(
            calc(&report, 0, "registration_deadline"),
            &moment("2026-11-21T10:00:00+08:00"),
            "{reason}"
        );
        // A minute earlier: late.
        let d = own_filing(registering(reason, datetime(20, 11, 2026, "09:59")));
        let report = check(&d);
        assert_eq!(codes_of_first(&report), [late], "{reason}");
        assert_eq!(
            calc(&report, 0, "registration_deadline"),
            &moment("2026-11-21T09:59:00+08:00"),
            "{reason}"
        );
        // The same for a Hong Kong resident, without article 76.
        let mut c = entered_on("hk_mo_travel_permit", "H12345678", "HKG");
        c.extend(registering(reason, datetime(20, 11, 2026, "09:59")));
        let report = check(&own_filing(c));
        assert_eq!(codes_of_first(&report), [format!("{late}_hmt")], "{reason}");
    }
}

#[test]
fn a_return_counts_from_the_return_not_from_moving_in_two_years_ago() {
    let mut c = registering("re_entry", datetime(20, 11, 2026, "19:30"));
    c.push(set("arrival_datetime", datetime(21, 11, 2024, "08:00")));
    let d = own_filing(c);
    let report = check(&d);
    assert_no_issues(&report);
    assert_eq!(
        calc(&report, 0, "registration_event"),
        &moment("2026-11-20T19:30:00+08:00")
    );
    assert_eq!(
        calc(&report, 0, "registration_deadline"),
        &moment("2026-11-21T19:30:00+08:00")
    );
    // As a new address, the move-in two years ago would be late, and
    // before the latest entry.
    let mut as_new = d.clone();
    change(
        &mut as_new.applicants[0],
        vec![set("registration_reason", text("new_address"))],
    );
    assert_eq!(
        codes_of_first(&check(&as_new)),
        ["late_registration", "moved_in_after_entry"]
    );
    // Back two days ago, the return is late, shown on the return's page,
    // in the words that name coming back to China.
    let late = own_filing(registering("re_entry", datetime(20, 11, 2026, "09:00")));
    let report = check(&late);
    let i = issue(&report, "late_after_return");
    assert_eq!(i.page, "return");
    assert!(
        shown(&late, i, "en")
            .starts_with("You must register within 24 hours of moving in, coming back to China or getting a new passport, visa or permit"),
        "{}",
        shown(&late, i, "en")
    );
}

#[test]
fn a_return_before_the_latest_entry_is_refused() {
    let d = own_filing(registering("re_entry", datetime(19, 11, 2026, "20:00")));
    let report = check(&d);
    // (More than 24 hours ago, too: that is only a warning.)
    assert_eq!(
        codes_of_first(&report),
        ["late_after_return", "returned_after_entry"]
    );
    let i = issue(&report, "returned_after_entry");
    assert!(
        shown(&d, i, "en").starts_with("The date you arrived back must be the same as or after")
    );
}

#[test]
fn the_pages_after_the_housing_type_apply_before_it_is_answered() {
    // As every page does until the answer says "hotel": the question of
    // when one came back or got the new document, and the visa's details.
    for (reason, page) in [("re_entry", "return"), ("new_document", "new-document")] {
        let mut c = registering(reason, datetime(21, 11, 2026, "08:00"));
        c.push(("housing_type", None));
        let report = check(&own_filing(c));
        assert!(page_visible(&report, 0, page), "{reason}");
        assert!(page_visible(&report, 0, "visa-details"), "{reason}");
        assert_eq!(
            codes_of_first(&report),
            ["housing_type.required"],
            "{reason}"
        );
    }
    let mut c = visa_free("mutual");
    c.push(("housing_type", None));
    let report = check(&own_filing(c));
    assert!(page_visible(&report, 0, "visa-free"));
    assert_eq!(
        codes_of_first(&report),
        ["housing_type.required", "visa_free_days.required"]
    );
}

// ---------------------------------------------------------------------------
// How long one may stay (services facts §D.3, §E.1)
// ---------------------------------------------------------------------------

/// 2026-03-31 10:00 in Beijing: the day after the entry of facts §D.3's example.
fn march() -> DateTime<FixedOffset> {
    at("2026-03-31T10:00:00+08:00")
}

/// Entered on 2026-03-30, moved in the next morning, staying on `permission`
/// and leaving on `leave`, checked at [`march`].
fn staying(permission: &Changes, leave: Answer) -> (Dossier, Report) {
    let mut c = vec![
        set("entry_date", date(30, 3, 2026)),
        set("arrival_datetime", datetime(31, 3, 2026, "08:00")),
        set("expected_departure", leave),
    ];
    c.extend(permission.iter().cloned());
    let d = own_filing(c);
    let report = check_at(&d, march());
    (d, report)
}

fn visa(class: &str, days: &str) -> Changes {
    vec![
        set("visa_type", text(class)),
        set("visa_stay_days", text(days)),
    ]
}

fn visa_free(scheme: &str) -> Changes {
    let mut c = vec![
        set("visa_type", text("visa_free")),
        set("visa_free_scheme", text(scheme)),
    ];
    c.extend(unset(&["visa_number", "visa_stay_days", "copy_visa_page"]));
    c
}

/// The last day `permission` allows (no warning), and the warning the day
/// after gives.
fn assert_last_day(permission: &Changes, last: (u32, u32), warning: &str) {
    let (_, report) = staying(permission, date(last.0, last.1, 2026));
    assert_no_issues(&report);
    let next = NaiveDate::from_ymd_opt(2026, last.1, last.0).unwrap() + chrono::Days::new(1);
    let (_, report) = staying(permission, date(next.day(), next.month(), next.year()));
    assert_eq!(codes_of_first(&report), [warning], "{permission:?}");
}

#[test]
fn a_visa_stay_runs_to_the_entry_date_plus_its_days() {
    // Facts §D.3: 30 days from an entry on 2026-03-30 run to 2026-04-29 24:00.
    let l_visa = visa("L", "30");
    let (_, report) = staying(&l_visa, date(29, 4, 2026));
    assert_eq!(calc(&report, 0, "stay_until"), &day(2026, 4, 29));
    assert_last_day(&l_visa, (29, 4), "departure_within_stay");
    let (d, report) = staying(&l_visa, date(30, 4, 2026));
    let i = issue(&report, "departure_within_stay");
    assert!(shown(&d, i, "en")
        .starts_with("You expect to leave this address after your permitted stay ends."));
}

#[test]
fn a_visa_of_000_days_asks_for_a_residence_permit_within_30_days() {
    let z_visa = visa("Z", "0");
    let (d, report) = staying(&z_visa, date(15, 3, 2027));
    // The permit replaces the visa's stay: no warning about the departure.
    assert_eq!(codes_of_first(&report), ["residence_permit_due"]);
    assert_eq!(calc(&report, 0, "stay_until"), &day(2026, 4, 29));
    let i = issue(&report, "residence_permit_due");
    assert!(shown(&d, i, "en").starts_with(
        "A visa whose duration of stay is 000 means you must apply for a residence permit \
         within 30 days of entering China"
    ));
}

#[test]
fn unilateral_visa_free_entry_suggests_leaving_a_day_early() {
    let unilateral = visa_free("unilateral");
    let (_, report) = staying(&unilateral, date(28, 4, 2026));
    // The legal maximum (unconfirmed) and the conservative date.
    assert_eq!(calc(&report, 0, "stay_until"), &day(2026, 4, 29));
    assert_eq!(calc(&report, 0, "leave_by"), &day(2026, 4, 28));
    assert_last_day(&unilateral, (28, 4), "departure_within_visa_free_stay");
}

#[test]
fn a_240_hour_transit_runs_to_the_entry_date_plus_10_days() {
    let transit = visa_free("transit_240h");
    let (_, report) = staying(&transit, date(9, 4, 2026));
    assert_eq!(calc(&report, 0, "leave_by"), &day(2026, 4, 9));
    assert_last_day(&transit, (9, 4), "departure_within_visa_free_stay");
}

#[test]
fn a_mutual_exemption_runs_for_the_days_it_allows() {
    let mut mutual = visa_free("mutual");
    mutual.push(set("visa_free_days", text("30")));
    assert_last_day(&mutual, (29, 4), "departure_within_visa_free_stay");
    // Its page asks for the days; the other schemes' do not.
    mutual.pop();
    let (_, report) = staying(&mutual, date(29, 4, 2026));
    assert_eq!(codes_of_first(&report), ["visa_free_days.required"]);
}

#[test]
fn a_residence_permit_runs_to_its_expiry() {
    let mut permit = vec![
        set("visa_type", text("residence_permit")),
        set("visa_expiry", date(30, 6, 2026)),
    ];
    permit.extend(unset(&["visa_stay_days"]));
    let (_, report) = staying(&permit, date(30, 6, 2026));
    assert_eq!(calc(&report, 0, "stay_until"), &day(2026, 6, 30));
    assert_last_day(&permit, (30, 6), "departure_within_stay");
}

#[test]
fn the_duration_of_each_stay_is_a_whole_number_from_0_to_999() {
    for (typed, code, en, zh) in [
        (
            "abc",
            "visa_stay_days.format",
            "Enter a whole number using digits only, such as 30",
            "请只用数字填写整数，例如：30",
        ),
        (
            "1000",
            "visa_stay_days.range",
            "Enter a number from 0 to 999",
            "请填写0至999之间的数字",
        ),
    ] {
        let (d, report) = staying(&visa("L", typed), date(29, 4, 2026));
        assert_only_issue(&d, &report, code, en, zh);
    }
    // Full-width digits are folded.
    let (_, report) = staying(&visa("L", "９９９"), date(29, 4, 2026));
    assert_no_issues(&report);
    assert_eq!(
        report.applicants[0].values["visa_stay_days"],
        Value::Int(999)
    );
}

#[test]
fn visa_free_entry_and_transit_are_not_for_work_or_study() {
    for (scheme, reason) in [("unilateral", "employment"), ("transit_240h", "study")] {
        let mut c = visa_free(scheme);
        c.push(set("reason_for_stay", text(reason)));
        let (d, report) = staying(&c, date(5, 4, 2026));
        assert_eq!(
            codes_of_first(&report),
            ["transit_not_for_work_or_study"],
            "{scheme}"
        );
        let i = issue(&report, "transit_not_for_work_or_study");
        assert!(shown(&d, i, "en").starts_with("Visa-free entry and visa-free transit do not"));
    }
    // A mutual exemption, or a work visa, may be for work or study.
    let mut mutual = visa_free("mutual");
    mutual.push(set("visa_free_days", text("30")));
    mutual.push(set("reason_for_stay", text("study")));
    assert_no_issues(&staying(&mutual, date(5, 4, 2026)).1);
    let mut z_visa = visa("Z", "30");
    z_visa.push(set("reason_for_stay", text("employment")));
    assert_no_issues(&staying(&z_visa, date(5, 4, 2026)).1);
}

// ---------------------------------------------------------------------------
// Housing without papers; the address
// ---------------------------------------------------------------------------

const HOUSING_UPLOADS: [&str; 6] = [
    "property_certificate_copy",
    "lease_contract_copy",
    "landlord_id_copy",
    "landlord_property_certificate_copy",
    "host_id_copy",
    "dormitory_certificate_copy",
];

/// Living in `housing` without the papers for it: no uploads, no host ID.
fn without_papers(housing: &str) -> Changes {
    let mut c = vec![
        set("housing_type", text(housing)),
        set("housing_papers", text("no")),
    ];
    c.extend(unset(&HOUSING_UPLOADS));
    c.extend(unset(&["host_id_type", "host_id_number"]));
    c
}

#[test]
fn without_papers_a_written_statement_replaces_the_uploads_and_the_host_id() {
    for housing in ["own_property", "rented", "with_host", "dormitory"] {
        let report = check(&own_filing(without_papers(housing)));
        assert_no_issues(&report);
        assert!(!page_visible(&report, 0, "upload-housing"), "{housing}");
        let docs = documents(&report, 0);
        assert!(docs.contains(&"written_statement"), "{housing}: {docs:?}");
        for paper in [
            "property_certificate",
            "lease_contract",
            "landlord_id_copy",
            "host_id_or_household_register",
            "dormitory_certificate",
        ] {
            assert!(!docs.contains(&paper), "{housing}: {docs:?}");
        }
    }
    // The host is still named, with a phone number.
    let report = check(&own_filing(without_papers("rented")));
    assert!(page_visible(&report, 0, "host"));
    // With the papers, the host's ID and the three uploads are required.
    let mut c = without_papers("rented");
    c.push(set("housing_papers", text("yes")));
    let report = check(&own_filing(c));
    assert_eq!(
        codes_of_first(&report),
        [
            "host_id_type.required",
            "host_id_number.required",
            "lease_contract_copy.required",
            "landlord_id_copy.required",
            "landlord_property_certificate_copy.required",
        ]
    );
    let docs = documents(&report, 0);
    assert!(docs.contains(&"lease_contract") && !docs.contains(&"written_statement"));
}

#[test]
fn the_room_is_optional_and_a_door_plate_code_is_kept_as_typed() {
    assert_no_issues(&check(&own_filing(unset(&["address_room"]))));
    // What a phone shows when it scans a door plate: a long link.
    let mut link = String::from("https://mp.example.gov.cn/door-plate/qr?code=");
    let alphabet = "A1b2C3d4E5f6%2F-_.~&id=";
    while link.chars().count() < 300 {
        link.push_str(alphabet);
    }
    let link: String = link.chars().take(300).collect();
    let report = check(&own_filing(vec![set(
        "door_plate_code",
        text(&format!("  {link} ")),
    )]));
    assert_no_issues(&report);
    assert_eq!(
        report.applicants[0].values["door_plate_code"],
        Value::String(link.clone())
    );
    // Past 500 characters it is too long.
    let long = link.repeat(2);
    let report = check(&own_filing(vec![set("door_plate_code", text(&long))]));
    assert_eq!(codes_of_first(&report), ["door_plate_code.too_long"]);
}

// ---------------------------------------------------------------------------
// Bundles
// ---------------------------------------------------------------------------

#[test]
fn the_new_registrants_bundles_verify() {
    let mut hk = entered_on("hk_mo_travel_permit", "H12345678", "HKG");
    hk.push(set("host_id_type", text("hmt_residence_permit")));
    hk.push(set("host_id_number", text("810000199005151230")));
    let company = filed_by(
        "organisation",
        vec![
            person("WEI", date(14, 9, 1996), Some("employee")),
            person("LI", date(1, 1, 1990), Some("employee")),
        ],
    );
    let mut re_entry = registering("re_entry", datetime(20, 11, 2026, "19:30"));
    re_entry.push(set("arrival_datetime", datetime(21, 11, 2024, "08:00")));
    let school = filed_by("organisation", vec![a_15_year_old(Some("student"))]);
    for (name, d, filler, applicants) in [
        ("host", landlord_and_tenant(), "host", 1),
        ("Hong Kong resident", own_filing(hk), "self", 1),
        ("company", company, "organisation", 2),
        ("re-entry", own_filing(re_entry), "self", 1),
        ("school", school, "organisation", 1),
    ] {
        assert_no_issues(&check(&d));
        let (m, verdict) = verified(d, "en");
        assert_eq!(
            verdict.outcome,
            Outcome::Valid,
            "{name}: {:?}",
            verdict.reasons
        );
        let summary = verdict.summary.expect("a valid bundle has a summary");
        assert_eq!(summary.filler_role, filler, "{name}");
        assert_eq!(summary.applicants, applicants, "{name}");
        assert_eq!(m.dossier.filler.role, role(filler), "{name}");
    }
}
