//! Every rule of the temporary residence form (`rules/forms/temporary-residence.json`),
//! exercised through the public API exactly as the web shell and the verifier
//! use it: load the rules folder, pick the form, validate a dossier at a fixed
//! clock, and look at issue codes, severities, normalized values, visible
//! pages and the documents list.
//!
//! The starting point of almost every test is [`complete`]: a private-host
//! stay (`with_host`) with every question answered correctly, which must give
//! no issue at all. Each test changes one thing and checks what changes.
//!
//! The clock is fixed at 21 November 2026, 10:00 Beijing time, so "today" is
//! 2026-11-21 for every date rule.

use chrono::{DateTime, FixedOffset};
use dossier_engine::answers::{Answer, Applicant, DateParts, Dossier, FileRef, Filler, FillerRole};
use dossier_engine::expr::Value;
use dossier_engine::files::MediaType;
use dossier_engine::rules::{self, CompiledForm, RuleSet, Severity};
use dossier_engine::validate::{validate, ApplicantReport, Clock, Issue, Report};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

// ---------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------

const FORM_ID: &str = "temporary-residence";

/// A real citizen ID number: address code 110105, born 1949-12-31,
/// sequence 002, check character X (verified in `host_id_fixture_is_valid`).
const HOST_ID: &str = "11010519491231002X";

fn rule_set() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| {
        let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules"));
        rules::load_dir(dir).unwrap_or_else(|errors| {
            let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("the rules folder does not load:\n{}", lines.join("\n"))
        })
    })
}

fn form() -> &'static CompiledForm {
    rule_set()
        .form(FORM_ID)
        .expect("the temporary residence form is listed in rules/index.json")
}

/// 2026-11-21 10:00 in Beijing.
fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-21T10:00:00+08:00").unwrap()
}

fn clock() -> Clock {
    Clock::at(now())
}

fn text(s: &str) -> Answer {
    Answer::Text(s.to_string())
}

fn date(day: &str, month: &str, year: &str) -> Answer {
    Answer::Date(DateParts {
        day: day.into(),
        month: month.into(),
        year: year.into(),
        time: None,
    })
}

fn file(
    sha256: &str,
    name: &str,
    media_type: MediaType,
    size: u64,
    pixels: Option<(u32, u32)>,
) -> Answer {
    Answer::File(FileRef {
        sha256: sha256.into(),
        name: name.into(),
        media_type,
        size,
        width: pixels.map(|p| p.0),
        height: pixels.map(|p| p.1),
    })
}

fn datetime(day: &str, month: &str, year: &str, time: &str) -> Answer {
    Answer::Date(DateParts {
        day: day.into(),
        month: month.into(),
        year: year.into(),
        time: Some(time.into()),
    })
}

/// One applicant, staying with a private host, every question answered
/// correctly (optional ones too). Validated at [`clock`], it has no issue.
fn complete_applicant() -> Applicant {
    let mut a = Applicant::default();
    let answers: [(&str, Answer); 41] = [
        ("housing_type", text("with_host")),
        ("registration_reason", text("new_address")),
        ("address_province", text("Beijing")),
        ("address_city", text("Beijing")),
        ("address_district", text("Chaoyang")),
        ("address_street", text("88 Zhongshan Road")),
        ("address_compound", text("Sunshine Garden")),
        ("address_building", text("Building 3")),
        ("address_room", text("12th floor, room 3")),
        ("postcode", text("100020")),
        // A sample door-plate code, kept as typed.
        ("door_plate_code", text("4403050010010000000000001")),
        // Two hours before the clock: not late.
        ("arrival_datetime", datetime("21", "11", "2026", "08:00")),
        ("expected_departure", date("15", "3", "2027")),
        ("host_name", text("Wang Fang")),
        ("host_id_type", text("cn_resident_id")),
        ("host_id_number", text(HOST_ID)),
        ("host_phone", text("138 0013 8000")),
        ("housing_papers", text("yes")),
        ("surname", text("SMITH")),
        ("given_names", text("ANNA")),
        ("middle_name", text("MARIE")),
        ("chinese_name", text("史安娜")),
        ("sex", text("F")),
        ("date_of_birth", date("27", "3", "1985")),
        ("nationality", text("GBR")),
        ("phone", text("+44 7700 900123")),
        ("entry_document_type", text("passport")),
        ("entry_document_number", text("E12345678")),
        ("entry_document_expiry", date("31", "12", "2030")),
        ("entry_document_place_of_issue", text("London")),
        ("entry_date", date("20", "11", "2026")),
        (
            "port_of_entry",
            text("Beijing Capital International Airport"),
        ),
        ("visa_type", text("L")),
        ("visa_number", text("AB1234567")),
        // Entry on 20 November: a stay to 20 March 2027.
        ("visa_stay_days", text("120")),
        ("reason_for_stay", text("tourism")),
        // The photo and scans, as inspecting their bytes found them (the
        // bytes themselves are in tests/support/bundles.rs).
        (
            "photo",
            file(
                "a69ed7ef283d87808403101b82a8e22ed3e9c01fdaa7e435c39b1c2b5f6f5a46",
                "photo.jpg",
                MediaType::Jpeg,
                30_000,
                Some((354, 472)),
            ),
        ),
        (
            "copy_data_page",
            file(
                "4d7eecd148b0f1debff59ec7c6ad522d8d30cf1c403a62d9ec74fbcec866784d",
                "copy-data-page.pdf",
                MediaType::Pdf,
                2_000,
                None,
            ),
        ),
        (
            "copy_visa_page",
            file(
                "8523e37395c389d100a8cccb9af3356a51c47f84f08da692ba784c2acff0ca76",
                "copy-visa-page.pdf",
                MediaType::Pdf,
                2_000,
                None,
            ),
        ),
        (
            "copy_entry_stamp",
            file(
                "74f35866c03b78ebd3dc7d4cf26367299b2d6e33e73ff5751e4cf8bc055dd50e",
                "copy-entry-stamp.pdf",
                MediaType::Pdf,
                2_000,
                None,
            ),
        ),
        (
            "host_id_copy",
            file(
                "fe3d7fe1ba1759dd3f79f159061168a51e4c3e8514dc5cc9e753550fe3f8f217",
                "host-id-copy.pdf",
                MediaType::Pdf,
                2_000,
                None,
            ),
        ),
    ];
    for (id, answer) in answers {
        a.answers.insert(id.to_string(), answer);
    }
    a
}

fn complete() -> Dossier {
    Dossier {
        filler: Filler::default(),
        applicants: vec![complete_applicant()],
    }
}

/// The complete dossier with some answers replaced (or added).
fn with(changes: &[(&str, Answer)]) -> Dossier {
    let mut d = complete();
    for (id, answer) in changes {
        d.applicants[0]
            .answers
            .insert((*id).to_string(), answer.clone());
    }
    d
}

/// The complete dossier plus a child of the first applicant, who fills it
/// in for both, with `changes` to the child's answers.
fn child_of_first(changes: &[(&str, Answer)]) -> Dossier {
    let mut d = complete();
    let mut child = complete_applicant();
    child.answers.insert("relationship".into(), text("child"));
    child.answers.insert("relationship_proof".into(), scan());
    for (id, answer) in changes {
        child.answers.insert((*id).to_string(), answer.clone());
    }
    d.applicants.push(child);
    d
}

/// The complete dossier without some answers.
fn without(ids: &[&str]) -> Dossier {
    let mut d = complete();
    for id in ids {
        assert!(
            d.applicants[0].answers.remove(*id).is_some(),
            "the complete dossier has no answer '{id}' to remove"
        );
    }
    d
}

fn check(d: &Dossier) -> Report {
    validate(form(), d, clock())
}

fn first(report: &Report) -> &ApplicantReport {
    &report.applicants[0]
}

// ---------------------------------------------------------------------------
// Looking at reports
// ---------------------------------------------------------------------------

fn codes(report: &Report) -> Vec<&str> {
    report.issues().map(|i| i.code.as_str()).collect()
}

/// The one issue with this code; fails listing every issue otherwise.
fn issue<'a>(report: &'a Report, code: &str) -> &'a Issue {
    let found: Vec<&Issue> = report.issues().filter(|i| i.code == code).collect();
    assert_eq!(
        found.len(),
        1,
        "expected exactly one issue '{code}', got: {:?}",
        codes(report)
    );
    found[0]
}

fn assert_no_issues(report: &Report) {
    let all: Vec<&Issue> = report.issues().collect();
    assert!(all.is_empty(), "expected no issue, got: {all:#?}");
}

/// Exactly these issue codes, in the order the user meets them.
fn assert_codes(report: &Report, expected: &[&str]) {
    assert_eq!(
        codes(report),
        expected,
        "{:#?}",
        report.issues().collect::<Vec<_>>()
    );
}

fn assert_error(report: &Report, code: &str, field: &str, message: &str) {
    let i = issue(report, code);
    assert_eq!(i.severity, Severity::Error, "{i:?}");
    assert_eq!(i.field, field, "{i:?}");
    assert_eq!(i.message, message, "{i:?}");
    assert!(report.has_errors());
}

fn string_value(report: &Report, id: &str) -> Option<String> {
    match first(report).values.get(id) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => panic!("'{id}' is not a string: {other:?}"),
        None => None,
    }
}

fn page_index(id: &str) -> usize {
    form()
        .page_index(id)
        .unwrap_or_else(|| panic!("no page '{id}'"))
}

fn page_visible(report: &Report, id: &str) -> bool {
    first(report).pages_visible[page_index(id)]
}

fn field_visible(report: &Report, id: &str) -> bool {
    let (pi, fi) = dossier_engine::validate::locate(form(), id).expect("a field of the form");
    first(report).pages_visible[pi] && first(report).fields_visible[pi][fi]
}

fn documents(report: &Report) -> Vec<&str> {
    first(report).documents.iter().map(String::as_str).collect()
}

/// The text the user sees for an issue, in `lang`, with `{label}` and the
/// issue's parameters filled in as the web shell does.
fn shown(issue: &Issue, lang: &str) -> String {
    let catalog = rule_set().catalog(lang).expect("a shipped language");
    let field = form()
        .def
        .pages
        .iter()
        .flat_map(|p| &p.fields)
        .find(|f| f.id == issue.field)
        .expect("issues are on fields of the form");
    let label = catalog.text(&field.label, &[]);
    let mut params: Vec<(&str, &str)> = vec![("label", label.as_str())];
    params.extend(issue.params.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    catalog.text(&issue.message, &params)
}

/// The message key of the one issue with this code, and its parameters
/// (the shell adds `{label}`): what the user is told, in any language.
fn message<'a>(report: &'a Report, code: &str) -> (&'a str, Vec<(&'a str, &'a str)>) {
    let i = issue(report, code);
    let params = i.params.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    (i.message.as_str(), params.collect())
}

// ---------------------------------------------------------------------------
// The form's inventory: if the form gains a field, rule or document, these
// fail until a test covers it.
// ---------------------------------------------------------------------------

/// Required for the complete (with_host, non visa-free) dossier.
const REQUIRED: [&str; 32] = [
    "housing_type",
    "registration_reason",
    "address_province",
    "address_city",
    "address_district",
    "address_street",
    "arrival_datetime",
    "expected_departure",
    "host_name",
    "host_id_type",
    "host_id_number",
    "host_phone",
    "housing_papers",
    "surname",
    "given_names",
    "sex",
    "date_of_birth",
    "nationality",
    "phone",
    "entry_document_type",
    "entry_document_number",
    "entry_document_expiry",
    "entry_date",
    "visa_type",
    "visa_number",
    "visa_stay_days",
    "reason_for_stay",
    "photo",
    "copy_data_page",
    "copy_visa_page",
    "copy_entry_stamp",
    "host_id_copy",
];

/// The housing documents to upload for each other kind of housing (for a
/// stay with a host, `host_id_copy` is in [`REQUIRED`]).
const HOUSING_UPLOADS: [(&str, &[&str]); 3] = [
    ("own_property", &["property_certificate_copy"]),
    (
        "rented",
        &[
            "lease_contract_copy",
            "landlord_id_copy",
            "landlord_property_certificate_copy",
        ],
    ),
    ("dormitory", &["dormitory_certificate_copy"]),
];

/// A valid scan for an upload field (the validator sees what inspection
/// found; the bytes matter only to the verifier).
fn scan() -> Answer {
    file(&"5".repeat(64), "scan.pdf", MediaType::Pdf, 2_000, None)
}

/// The answers that change the housing type and upload its documents.
fn housing(kind: &str) -> Vec<(&'static str, Answer)> {
    let uploads = HOUSING_UPLOADS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or(&[][..], |(_, u)| *u);
    let mut changes = vec![("housing_type", text(kind))];
    changes.extend(uploads.iter().map(|id| (*id, scan())));
    changes
}

const OPTIONAL: [&str; 9] = [
    "address_compound",
    "address_building",
    "address_room",
    "door_plate_code",
    "postcode",
    "middle_name",
    "chinese_name",
    "entry_document_place_of_issue",
    "port_of_entry",
];

/// The fields about acting for someone: the filler's own details and, per
/// applicant, the relationship, guardian and proofs; tested in
/// `households.rs` and `registrants.rs`.
const ACTING: [&str; 14] = [
    "helper_name",
    "helper_organisation",
    "helper_organisation_code",
    "helper_phone",
    "helper_id_type",
    "helper_id_number",
    "relationship",
    "guardian_name",
    "guardian_relationship",
    "guardian_id_type",
    "guardian_id_number",
    "guardian_phone",
    "relationship_proof",
    "guardian_proof",
];

/// The fields of the other reasons for registering, the other kinds of stay
/// and of the papers for a home; tested in `registrants.rs`.
const REGISTRANTS: [&str; 6] = [
    "return_datetime",
    "new_document_kind",
    "new_document_datetime",
    "visa_expiry",
    "visa_free_scheme",
    "visa_free_days",
];

/// Every field constraint, as `<field>.<constraint id>`, each tested below
/// or in `registrants.rs`.
const CONSTRAINTS: [&str; 8] = [
    "arrival_datetime.not_future",
    "date_of_birth.past",
    "date_of_birth.plausible",
    "entry_document_expiry.not_expired",
    "entry_date.not_future",
    "new_document_datetime.not_future",
    "return_datetime.not_future",
    "visa_expiry.not_expired",
];

/// Every cross-field rule id, each tested below, in `households.rs` or in
/// `registrants.rs`.
const RULES: [&str; 17] = [
    "late_registration",
    "late_registration_hmt",
    "late_after_return",
    "late_after_return_hmt",
    "late_after_new_document",
    "late_after_new_document_hmt",
    "host_lets_or_hosts",
    "moved_in_after_entry",
    "returned_after_entry",
    "departure_after_arrival",
    "born_before_entry",
    "departure_within_stay",
    "departure_within_visa_free_stay",
    "residence_permit_due",
    "transit_not_for_work_or_study",
    "child_filling_alone",
    "organisation_relationship",
];

const DOCUMENTS: [&str; 16] = [
    "entry_document_original",
    "copy_data_page",
    "copy_visa_page",
    "copy_entry_stamp",
    "property_certificate",
    "lease_contract",
    "landlord_id_copy",
    "landlord_property_certificate_copy",
    "host_id_or_household_register",
    "dormitory_certificate",
    "written_statement",
    "agent_id",
    "relationship_proof",
    "guardian_documents",
    "organisation_certificate",
    "photo",
];

#[test]
fn the_tests_cover_every_field_constraint_rule_and_document_of_the_form() {
    let def = &form().def;
    let fields: BTreeSet<&str> = def
        .pages
        .iter()
        .flat_map(|p| &p.fields)
        .map(|f| f.id.as_str())
        .collect();
    let covered: BTreeSet<&str> = REQUIRED
        .iter()
        .chain(&OPTIONAL)
        .chain(&ACTING)
        .chain(&REGISTRANTS)
        .chain(HOUSING_UPLOADS.iter().flat_map(|(_, u)| *u))
        .copied()
        .collect();
    assert_eq!(
        fields, covered,
        "fields of the form vs fields these tests cover"
    );

    let constraints: BTreeSet<String> = def
        .pages
        .iter()
        .flat_map(|p| &p.fields)
        .flat_map(|f| {
            f.constraints
                .iter()
                .map(move |c| format!("{}.{}", f.id, c.id))
        })
        .collect();
    let covered: BTreeSet<String> = CONSTRAINTS.iter().map(|c| c.to_string()).collect();
    assert_eq!(constraints, covered);

    let rules: BTreeSet<&str> = def.rules.iter().map(|r| r.id.as_str()).collect();
    let covered: BTreeSet<&str> = RULES.into_iter().collect();
    assert_eq!(rules, covered);

    let docs: Vec<&str> = def.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(docs, DOCUMENTS);

    let calculated: Vec<&str> = def.calculated.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        calculated,
        [
            "not_hotel",
            "registration_event",
            "registration_deadline",
            "foreigner",
            "visa_document",
            "holds_visa",
            "stay_until",
            "leave_by",
            "age",
            "family_relationship",
            "organisation_relationship",
            "filled_by_parent",
            "needs_guardian_details",
            "guardian_required",
            "housing_papers"
        ]
    );
}

/// The host's ID number in the fixture, checked with GB 11643 / ISO 7064
/// MOD 11-2 computed here, independently of the engine (domain facts §8.2).
fn mod11_2(first17: &str) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17
        .chars()
        .zip(WEIGHTS)
        .map(|(c, w)| c.to_digit(10).expect("17 digits") * w)
        .sum();
    "10X98765432".as_bytes()[(sum % 11) as usize] as char
}

#[test]
fn host_id_fixture_is_valid() {
    // The standard's own examples first, to trust the helper.
    assert_eq!(mod11_2("34052419800101001"), 'X');
    assert_eq!(mod11_2("37010119010203997"), '3');
    // 1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3 + 1·7
    // + 2·9 + 3·10 + 1·5 + 0·8 + 0·4 + 2·2 = 167; 167 mod 11 = 2 → 'X'.
    assert_eq!(mod11_2(&HOST_ID[..17]), 'X');
    assert_eq!(HOST_ID.chars().last(), Some('X'));
}

#[test]
fn the_json_fixture_is_the_same_dossier() {
    // The bench (examples/bench_validate.rs) reads this file; keep it in step.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/complete-with-host.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let from_json: Dossier = serde_json::from_str(&text).unwrap();
    assert_eq!(from_json, complete());
}

// ---------------------------------------------------------------------------
// The complete dossier
// ---------------------------------------------------------------------------

#[test]
fn complete_dossier_has_no_issues() {
    let report = check(&complete());
    assert_no_issues(&report);
    assert!(!report.has_errors());
    assert_eq!(report.applicants.len(), 1);
    let a = first(&report);
    // Every page applies but the hotel one, those of the other reasons
    // for registering and of visa-free entry, and those about someone
    // filling it in for another (the applicant fills it in themself).
    let not_here = ["hotel", "return", "new-document", "visa-free"].map(page_index);
    for (pi, visible) in a.pages_visible.iter().enumerate() {
        let about_applicant = form().page_scopes[pi] == rules::Scope::Applicant;
        assert_eq!(
            *visible,
            !not_here.contains(&pi) && about_applicant,
            "page {}",
            form().def.pages[pi].id
        );
    }
    for field in REQUIRED.iter().chain(&OPTIONAL) {
        assert!(field_visible(&report, field), "{field} is hidden");
        assert!(a.values.contains_key(*field), "{field} has no value");
    }
}

#[test]
fn complete_dossier_values_are_normalized() {
    let report = check(&complete());
    let a = first(&report);
    assert_eq!(string_value(&report, "host_phone").unwrap(), "13800138000");
    assert_eq!(string_value(&report, "phone").unwrap(), "+447700900123");
    assert_eq!(string_value(&report, "host_id_number").unwrap(), HOST_ID);
    assert_eq!(string_value(&report, "chinese_name").unwrap(), "史安娜");
    assert!(matches!(
        a.values.get("date_of_birth"),
        Some(Value::Date(d)) if d.to_string() == "1985-03-27"
    ));
    assert!(matches!(
        a.values.get("arrival_datetime"),
        Some(Value::Timestamp(t)) if t.to_rfc3339() == "2026-11-21T08:00:00+08:00"
    ));
}

#[test]
fn complete_dossier_needs_the_host_documents() {
    let report = check(&complete());
    assert_eq!(
        documents(&report),
        [
            "entry_document_original",
            "copy_data_page",
            "copy_visa_page",
            "copy_entry_stamp",
            "host_id_or_household_register",
            "photo",
        ]
    );
}

#[test]
fn optional_fields_may_be_left_out() {
    assert_no_issues(&check(&without(&OPTIONAL)));
    // Blank counts as not given, not as a badly formed answer.
    let blanks: Vec<(&str, Answer)> = OPTIONAL.iter().map(|id| (*id, text("   "))).collect();
    assert_no_issues(&check(&with(&blanks)));
}

// ---------------------------------------------------------------------------
// Required answers
// ---------------------------------------------------------------------------

#[test]
fn each_required_field_missing_gives_its_required_error() {
    for id in REQUIRED {
        let report = check(&without(&[id]));
        let code = format!("{id}.required");
        assert_codes(&report, &[code.as_str()]);
        let i = issue(&report, &code);
        assert_eq!(i.severity, Severity::Error);
        assert_eq!(i.field, id);
        assert_eq!(i.applicant, Some(0));
        // Every required field has its own message, not the generic one.
        assert_eq!(i.message, format!("tr.{id}.required"));
        let (pi, _) = dossier_engine::validate::locate(form(), id).unwrap();
        assert_eq!(i.page, form().def.pages[pi].id);
        let text = shown(i, "en");
        assert!(!text.is_empty() && !text.starts_with("tr."), "{id}: {text}");
    }
}

#[test]
fn white_space_only_counts_as_not_answered() {
    let report = check(&with(&[
        ("surname", text("   ")),
        ("date_of_birth", date(" ", "", " ")),
        ("arrival_datetime", datetime("", "", "", " ")),
    ]));
    assert_codes(
        &report,
        &[
            "arrival_datetime.required",
            "surname.required",
            "date_of_birth.required",
        ],
    );
}

#[test]
fn an_empty_dossier_lists_every_required_question_in_order() {
    let report = check(&Dossier::for_one());
    // Without a housing type the host page, the papers and the housing
    // documents do not apply yet, and without a visa type neither do the
    // visa number, the duration of stay and the visa page.
    let expected: Vec<String> = REQUIRED
        .iter()
        .filter(|id| (!id.starts_with("host") && !id.starts_with("visa_")) || **id == "visa_type")
        .filter(|id| **id != "housing_papers")
        .filter(|id| **id != "copy_visa_page")
        .map(|id| format!("{id}.required"))
        .collect();
    assert_eq!(codes(&report), expected);
    assert_eq!(
        message(&report, "surname.required"),
        ("tr.surname.required", vec![])
    );
}

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------

#[test]
fn names_typed_in_lower_case_are_accepted_in_capitals() {
    let report = check(&with(&[
        ("surname", text("smith")),
        ("given_names", text("anna")),
        ("middle_name", text("o'brien-jones")),
    ]));
    assert_no_issues(&report);
    assert_eq!(string_value(&report, "surname").unwrap(), "SMITH");
    assert_eq!(string_value(&report, "given_names").unwrap(), "ANNA");
    assert_eq!(
        string_value(&report, "middle_name").unwrap(),
        "O'BRIEN-JONES"
    );
}

#[test]
fn digits_in_a_name_are_an_error() {
    let report = check(&with(&[("surname", text("SM1TH"))]));
    assert_codes(&report, &["surname.digits"]);
    assert_error(&report, "surname.digits", "surname", "error.name.digits");
    assert_eq!(
        message(&report, "surname.digits"),
        ("error.name.digits", vec![])
    );
    // The invalid answer is not passed on as a value.
    assert_eq!(string_value(&report, "surname"), None);

    let report = check(&with(&[("given_names", text("Anna 2"))]));
    assert_codes(&report, &["given_names.digits"]);
}

#[test]
fn names_outside_a_to_z_must_be_spelled_as_in_the_passport_mrz() {
    for bad in ["MÜLLER", "SMITH, ANNA", "-SMITH", "史"] {
        let report = check(&with(&[("surname", text(bad))]));
        assert_codes(&report, &["surname.format"]);
        assert_eq!(
            issue(&report, "surname.format").message,
            "error.name.format"
        );
    }
    let report = check(&with(&[("middle_name", text("d'arcy"))]));
    assert_no_issues(&report);
}

/// Phone keyboards (iOS "smart punctuation", on by default) turn a typed
/// apostrophe into U+2019. `fields::normalize_text` allows only the ASCII
/// apostrophe, so "O’Brien" is refused with a message saying apostrophes are
/// allowed: the user cannot see what is wrong.
#[test]
fn a_typographic_apostrophe_in_a_name_is_accepted() {
    let report = check(&with(&[("surname", text("O\u{2019}Brien"))]));
    assert_no_issues(&report);
    assert_eq!(string_value(&report, "surname").unwrap(), "O'BRIEN");
}

#[test]
fn chinese_name_is_optional_and_must_be_chinese_characters() {
    assert_no_issues(&check(&without(&["chinese_name"])));
    for good in ["王芳", "欧阳娜娜", "阿依古丽·买买提", "王 芳"] {
        assert_no_issues(&check(&with(&[("chinese_name", text(good))])));
    }
    assert_eq!(
        string_value(
            &check(&with(&[("chinese_name", text(" 王 芳 "))])),
            "chinese_name"
        )
        .unwrap(),
        "王芳"
    );
    for bad in ["Wang Fang", "王芳1", "ワン", "王芳A", "·"] {
        let report = check(&with(&[("chinese_name", text(bad))]));
        assert_codes(&report, &["chinese_name.format"]);
        assert_error(
            &report,
            "chinese_name.format",
            "chinese_name",
            "error.chinese_name.format",
        );
    }
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

#[test]
fn date_of_birth_in_the_future_is_an_error() {
    let report = check(&with(&[("date_of_birth", date("22", "11", "2026"))]));
    assert_error(
        &report,
        "date_of_birth.past",
        "date_of_birth",
        "tr.date_of_birth.past",
    );
    assert_eq!(
        message(&report, "date_of_birth.past"),
        ("tr.date_of_birth.past", vec![])
    );
}

#[test]
fn date_of_birth_more_than_130_years_ago_is_implausible() {
    let report = check(&with(&[("date_of_birth", date("20", "11", "1895"))]));
    assert_codes(&report, &["date_of_birth.plausible"]);
    assert_error(
        &report,
        "date_of_birth.plausible",
        "date_of_birth",
        "tr.date_of_birth.plausible",
    );
    // Exactly 130 today is still accepted.
    assert_no_issues(&check(&with(&[(
        "date_of_birth",
        date("21", "11", "1896"),
    )])));
}

#[test]
fn impossible_dates_are_refused() {
    for (day, month, year) in [
        ("31", "2", "1985"),
        ("29", "2", "2025"),
        ("31", "4", "1985"),
        ("0", "1", "1985"),
        ("1", "13", "1985"),
    ] {
        let report = check(&with(&[("date_of_birth", date(day, month, year))]));
        assert_codes(&report, &["date_of_birth.real_date"]);
        assert_error(
            &report,
            "date_of_birth.real_date",
            "date_of_birth",
            "error.date.real",
        );
    }
    let report = check(&with(&[("date_of_birth", date("31", "2", "1985"))]));
    assert_eq!(
        message(&report, "date_of_birth.real_date"),
        ("error.date.real", vec![])
    );
}

#[test]
fn twenty_ninth_of_february_in_a_leap_year_is_fine() {
    let report = check(&child_of_first(&[(
        "date_of_birth",
        date("29", "2", "2024"),
    )]));
    assert_no_issues(&report);
    assert!(matches!(
        report.applicants[1].values.get("date_of_birth"),
        Some(Value::Date(d)) if d.to_string() == "2024-02-29"
    ));
    assert_no_issues(&check(&with(&[("date_of_birth", date("29", "2", "2000"))])));
    let report = check(&with(&[("date_of_birth", date("29", "2", "1900"))]));
    assert_codes(&report, &["date_of_birth.real_date"]);
}

#[test]
fn dates_typed_badly_say_what_is_wrong() {
    let cases = [
        (
            date("", "3", "1985"),
            "incomplete",
            "error.date.missing_day",
        ),
        (
            date("27", "", "1985"),
            "incomplete",
            "error.date.missing_month",
        ),
        (date("27", "3", ""), "incomplete", "error.date.missing_year"),
        (date("", "", "1985"), "incomplete", "error.date.incomplete"),
        (
            date("27", "March", "1985"),
            "not_numbers",
            "error.date.not_numbers",
        ),
        (
            date("27", "3", "85"),
            "year_digits",
            "error.date.year_digits",
        ),
        (
            date("-1", "3", "1985"),
            "not_numbers",
            "error.date.not_numbers",
        ),
        (text("1985-03-27"), "format", "error.date.real"),
    ];
    for (answer, code, message) in cases {
        let report = check(&with(&[("date_of_birth", answer.clone())]));
        let code = format!("date_of_birth.{code}");
        assert_codes(&report, &[code.as_str()]);
        assert_eq!(issue(&report, &code).message, message, "{answer:?}");
    }
    // Spaces around the parts do not matter.
    assert_no_issues(&check(&with(&[(
        "date_of_birth",
        date(" 27 ", "03", " 1985"),
    )])));
}

#[test]
fn entry_document_expiry_before_today_is_an_error_today_is_fine() {
    let report = check(&with(&[(
        "entry_document_expiry",
        date("20", "11", "2026"),
    )]));
    assert_codes(&report, &["entry_document_expiry.not_expired"]);
    assert_error(
        &report,
        "entry_document_expiry.not_expired",
        "entry_document_expiry",
        "tr.entry_document_expiry.not_expired",
    );
    assert_no_issues(&check(&with(&[(
        "entry_document_expiry",
        date("21", "11", "2026"),
    )])));
}

#[test]
fn today_is_the_date_in_beijing_whatever_the_clock_offset() {
    // 20:00 UTC on the 20th is 04:00 on the 21st in Beijing: a document that
    // expired on the 20th has expired.
    let utc = DateTime::parse_from_rfc3339("2026-11-20T20:00:00Z").unwrap();
    let d = with(&[
        ("entry_document_expiry", date("20", "11", "2026")),
        ("arrival_datetime", datetime("21", "11", "2026", "02:00")),
    ]);
    let report = validate(form(), &d, Clock::at(utc));
    assert_codes(&report, &["entry_document_expiry.not_expired"]);
}

#[test]
fn entry_date_after_today_is_an_error() {
    let report = check(&with(&[("entry_date", date("22", "11", "2026"))]));
    assert_error(
        &report,
        "entry_date.not_future",
        "entry_date",
        "tr.entry_date.not_future",
    );
    // Entering today, and moving in two hours ago, is fine.
    assert_no_issues(&check(&with(&[("entry_date", date("21", "11", "2026"))])));
}

#[test]
fn visa_expiry_before_today_is_an_error() {
    let permit = |day: &str| {
        with(&[
            ("visa_type", text("residence_permit")),
            ("visa_expiry", date(day, "11", "2026")),
            ("expected_departure", date("21", "11", "2026")),
        ])
    };
    let report = check(&permit("20"));
    assert_error(
        &report,
        "visa_expiry.not_expired",
        "visa_expiry",
        "tr.visa_expiry.not_expired",
    );
    assert_no_issues(&check(&permit("21")));
}

#[test]
fn expected_departure_before_arrival_is_an_error() {
    let report = check(&with(&[("expected_departure", date("20", "11", "2026"))]));
    assert_codes(&report, &["departure_after_arrival"]);
    assert_error(
        &report,
        "departure_after_arrival",
        "expected_departure",
        "tr.rule.departure_after_arrival",
    );
    assert_eq!(issue(&report, "departure_after_arrival").page, "departure");
    // Leaving the day you moved in is allowed.
    assert_no_issues(&check(&with(&[(
        "expected_departure",
        date("21", "11", "2026"),
    )])));
}

#[test]
fn moving_in_before_entering_china_is_an_error() {
    let report = check(&with(&[
        ("arrival_datetime", datetime("20", "11", "2026", "12:00")),
        ("entry_date", date("21", "11", "2026")),
    ]));
    assert_codes(&report, &["moved_in_after_entry"]);
    assert_error(
        &report,
        "moved_in_after_entry",
        "arrival_datetime",
        "tr.rule.moved_in_after_entry",
    );
    // The same day is fine, whatever the hour.
    assert_no_issues(&check(&with(&[
        ("arrival_datetime", datetime("21", "11", "2026", "00:00")),
        ("entry_date", date("21", "11", "2026")),
    ])));
}

#[test]
fn entering_before_being_born_is_an_error() {
    // Both dates valid on their own; only together are they wrong.
    let report = check(&child_of_first(&[
        ("date_of_birth", date("21", "11", "2026")),
        ("entry_date", date("20", "11", "2026")),
    ]));
    assert_codes(&report, &["born_before_entry"]);
    assert_error(
        &report,
        "born_before_entry",
        "entry_date",
        "tr.rule.born_before_entry",
    );
    // A baby born on the day of entry is fine.
    assert_no_issues(&check(&child_of_first(&[
        ("date_of_birth", date("20", "11", "2026")),
        ("entry_date", date("20", "11", "2026")),
    ])));
}

#[test]
fn an_entry_date_in_the_future_is_reported_once() {
    // The visa cannot end before an entry that has not happened: only the
    // entry date's own error is shown, not a second one on the visa page.
    let report = check(&with(&[
        ("entry_date", date("25", "11", "2026")),
        ("visa_expiry", date("22", "11", "2026")),
        ("expected_departure", date("22", "11", "2026")),
    ]));
    assert_codes(&report, &["entry_date.not_future"]);
}

#[test]
fn leaving_after_the_visa_ends_is_a_warning() {
    // Entry on 20 November 2026 with 120 days a stay: to 24:00 on
    // 20 March 2027 (counted from the day after entry, facts §D.3).
    let report = check(&with(&[("expected_departure", date("21", "3", "2027"))]));
    assert_codes(&report, &["departure_within_stay"]);
    let i = issue(&report, "departure_within_stay");
    assert_eq!(i.severity, Severity::Warning);
    assert_eq!(i.field, "expected_departure");
    assert_eq!(i.message, "tr.rule.departure_within_stay");
    assert!(!report.has_errors(), "a warning does not block");
    // The last allowed day itself is fine.
    assert_no_issues(&check(&with(&[(
        "expected_departure",
        date("20", "3", "2027"),
    )])));
}

/// The model documents cross-field rules as "checked after every field is
/// valid on its own" (`rules/model.rs`, `FormDef::rules`), but the validator
/// only skips a rule when *the field the rule is shown on* has an error. A
/// rule that reads another, invalid field still fires: one mistake, two
/// errors on two pages.
#[test]
fn cross_field_rules_wait_until_the_fields_they_read_are_valid() {
    // A birth date in the future: the date-of-birth page says so, and the
    // entry page should not also say "must be after your date of birth".
    let report = check(&with(&[("date_of_birth", date("22", "11", "2026"))]));
    assert_codes(&report, &["date_of_birth.past"]);
    // An entry date in the future: only the entry page should complain,
    // not the arrival page (moved_in_after_entry).
    let report = check(&with(&[("entry_date", date("22", "11", "2026"))]));
    assert_codes(&report, &["entry_date.not_future"]);
    // An expired permit: no "leave before your stay ends" warning on top.
    let report = check(&with(&[
        ("visa_type", text("residence_permit")),
        ("visa_expiry", date("20", "11", "2026")),
    ]));
    assert_codes(&report, &["visa_expiry.not_expired"]);
}

// ---------------------------------------------------------------------------
// Late registration (24 hours, domain facts §1.1)
// ---------------------------------------------------------------------------

#[test]
fn arrival_exactly_24_hours_ago_is_not_late() {
    let report = check(&with(&[
        ("arrival_datetime", datetime("20", "11", "2026", "10:00")),
        ("entry_date", date("20", "11", "2026")),
    ]));
    assert_no_issues(&report);
}

#[test]
fn arrival_24_hours_and_1_minute_ago_is_a_late_warning() {
    let report = check(&with(&[
        ("arrival_datetime", datetime("20", "11", "2026", "09:59")),
        ("entry_date", date("20", "11", "2026")),
    ]));
    assert_codes(&report, &["late_registration"]);
    let i = issue(&report, "late_registration");
    assert_eq!(i.severity, Severity::Warning);
    assert_eq!(i.field, "arrival_datetime");
    assert_eq!(i.page, "arrival");
    assert_eq!(i.message, "tr.rule.late_registration");
    assert!(!report.has_errors(), "late is a warning, not an error");
    assert_eq!(
        message(&report, "late_registration"),
        ("tr.rule.late_registration", vec![])
    );
}

#[test]
fn a_late_warning_and_an_error_on_the_same_field_both_show() {
    // Moved in on the 19th, entered on the 20th: late, and inconsistent.
    let report = check(&with(&[(
        "arrival_datetime",
        datetime("19", "11", "2026", "12:00"),
    )]));
    assert_codes(&report, &["late_registration", "moved_in_after_entry"]);
    assert_eq!(
        issue(&report, "late_registration").severity,
        Severity::Warning
    );
    assert_eq!(
        issue(&report, "moved_in_after_entry").severity,
        Severity::Error
    );
}

#[test]
fn arrival_in_the_future_is_an_error_not_a_late_warning() {
    let report = check(&with(&[(
        "arrival_datetime",
        datetime("21", "11", "2026", "10:01"),
    )]));
    assert_codes(&report, &["arrival_datetime.not_future"]);
    assert_error(
        &report,
        "arrival_datetime.not_future",
        "arrival_datetime",
        "tr.arrival_datetime.not_future",
    );
    // Now itself is not the future.
    assert_no_issues(&check(&with(&[(
        "arrival_datetime",
        datetime("21", "11", "2026", "10:00"),
    )])));
}

#[test]
fn arrival_needs_a_time_of_day() {
    let report = check(&with(&[("arrival_datetime", date("21", "11", "2026"))]));
    assert_codes(&report, &["arrival_datetime.missing_time"]);
    assert_eq!(
        issue(&report, "arrival_datetime.missing_time").message,
        "error.time.missing"
    );
    for bad in ["25:00", "8h30", "08:60", "noon"] {
        let report = check(&with(&[(
            "arrival_datetime",
            datetime("21", "11", "2026", bad),
        )]));
        assert_codes(&report, &["arrival_datetime.time_format"]);
    }
    let report = check(&with(&[(
        "arrival_datetime",
        datetime("31", "2", "2026", "08:00"),
    )]));
    assert_codes(&report, &["arrival_datetime.real_date"]);
}

// ---------------------------------------------------------------------------
// Nationality, phones, identity numbers, postcode, choices
// ---------------------------------------------------------------------------

#[test]
fn nationality_accepts_icao_codes() {
    for (typed, stored) in [
        ("D", "D"),
        ("GBD", "GBD"),
        ("XXA", "XXA"),
        ("gbd", "GBD"),
        (" FRA ", "FRA"),
        // Kosovo's two codes: a passport may carry either.
        ("RKS", "RKS"),
        ("XXK", "XXK"),
    ] {
        let report = check(&with(&[("nationality", text(typed))]));
        assert_no_issues(&report);
        assert_eq!(string_value(&report, "nationality").unwrap(), stored);
    }
    let report = check(&with(&[("nationality", text("ZZZ"))]));
    assert_codes(&report, &["nationality.format"]);
    assert_error(
        &report,
        "nationality.format",
        "nationality",
        "error.country.unknown",
    );
}

/// An alias is accepted as an answer, but the list shows its place once.
#[test]
fn an_alias_is_accepted_but_not_listed() {
    let codes = &form().countries;
    assert_eq!(codes.listed_as("XXK"), "RKS");
    assert_eq!(codes.listed_as("FRA"), "FRA");
    assert!(codes.codes.iter().any(|c| c == "XXK"));
    assert!(codes.listed().any(|c| c == "RKS"));
    assert!(!codes.listed().any(|c| c == "XXK"));
}

#[test]
fn chinese_mobiles_are_accepted_with_spaces_and_country_code() {
    for (typed, stored) in [
        ("13800138000", "13800138000"),
        ("138 0013 8000", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("+86-138-0013-8000", "13800138000"),
        ("0086 19912345678", "19912345678"),
        ("+44 7700 900123", "+447700900123"),
    ] {
        for field in ["phone", "host_phone"] {
            let report = check(&with(&[(field, text(typed))]));
            assert_no_issues(&report);
            assert_eq!(string_value(&report, field).unwrap(), stored, "{typed}");
        }
    }
}

#[test]
fn bad_phone_numbers_are_refused() {
    let report = check(&with(&[("phone", text("12345678901"))]));
    assert_codes(&report, &["phone.format"]);
    assert_error(&report, "phone.format", "phone", "error.phone.chinese");
    for bad in [
        "1380013800",
        "138001380001",
        "+86 12345678901",
        "07700 900123",
        "phone me",
    ] {
        let report = check(&with(&[("host_phone", text(bad))]));
        assert_codes(&report, &["host_phone.format"]);
    }
}

#[test]
fn host_id_with_a_wrong_check_digit_says_so() {
    // Same number, last character 1 instead of X.
    let report = check(&with(&[("host_id_number", text("110105194912310021"))]));
    assert_codes(&report, &["host_id_number.check_digit"]);
    assert_error(
        &report,
        "host_id_number.check_digit",
        "host_id_number",
        "error.id.cn_resident_id.check_digit",
    );
    assert_eq!(
        message(&report, "host_id_number.check_digit"),
        ("error.id.cn_resident_id.check_digit", vec![])
    );
}

#[test]
fn host_id_accepts_a_lower_case_x_and_spaces() {
    for typed in [
        "11010519491231002x",
        " 110105 19491231 002X ",
        "110105 1949 1231 002x",
    ] {
        let report = check(&with(&[("host_id_number", text(typed))]));
        assert_no_issues(&report);
        assert_eq!(string_value(&report, "host_id_number").unwrap(), HOST_ID);
    }
}

#[test]
fn host_id_format_and_birth_date_problems() {
    let report = check(&with(&[("host_id_number", text("1101051949123100"))]));
    assert_codes(&report, &["host_id_number.format"]);
    assert_eq!(
        issue(&report, "host_id_number.format").message,
        "error.id.cn_resident_id.format"
    );
    // 31 November does not exist.
    let report = check(&with(&[("host_id_number", text("110105194911310023"))]));
    assert_codes(&report, &["host_id_number.birth_date"]);
}

#[test]
fn host_id_is_checked_by_the_chosen_document_type() {
    let first17 = "91100019850327123";
    let right = mod11_2(first17);
    let wrong = if right == '0' { '1' } else { '0' };
    let permanent_2023 = format!("{first17}{right}");
    let permanent_wrong = format!("{first17}{wrong}");
    let good = [
        ("passport", "E12345678"),
        ("hk_mo_travel_permit", "H12345678"),
        ("hk_mo_travel_permit", "m1234567801"),
        ("tw_travel_permit", "12345678"),
        ("permanent_residence_card", permanent_2023.as_str()),
    ];
    for (kind, number) in good {
        let report = check(&with(&[
            ("host_id_type", text(kind)),
            ("host_id_number", text(number)),
        ]));
        assert_no_issues(&report);
    }
    let bad = [
        ("passport", "E123", "error.id.passport.format"),
        (
            "hk_mo_travel_permit",
            "12345678",
            "error.id.hk_mo_travel_permit.format",
        ),
        (
            "tw_travel_permit",
            "H12345678",
            "error.id.tw_travel_permit.format",
        ),
        (
            "permanent_residence_card",
            "91100019850327",
            "error.id.permanent_residence_card.format",
        ),
    ];
    for (kind, number, message) in bad {
        let report = check(&with(&[
            ("host_id_type", text(kind)),
            ("host_id_number", text(number)),
        ]));
        assert_codes(&report, &["host_id_number.format"]);
        assert_eq!(
            issue(&report, "host_id_number.format").message,
            message,
            "{kind}"
        );
    }
    // A 2023 card's wrong check character is named as such.
    let report = check(&with(&[
        ("host_id_type", text("permanent_residence_card")),
        ("host_id_number", text(&permanent_wrong)),
    ]));
    assert_error(
        &report,
        "host_id_number.check_digit",
        "host_id_number",
        "error.id.permanent_residence_card.check_digit",
    );
}

#[test]
fn host_id_born_after_today_in_beijing_is_refused() {
    let born = |date: &str| {
        let first17 = format!("110105{date}002");
        text(&format!("{first17}{}", mod11_2(&first17)))
    };
    // Born today (the clock's date in Beijing) is accepted, tomorrow is not.
    assert_no_issues(&check(&with(&[("host_id_number", born("20261121"))])));
    let report = check(&with(&[("host_id_number", born("20261122"))]));
    assert_error(
        &report,
        "host_id_number.born_after_today",
        "host_id_number",
        "error.id.cn_resident_id.born_after_today",
    );
    // 20:00 UTC on the 20th is already the 21st in Beijing.
    let utc = DateTime::parse_from_rfc3339("2026-11-20T20:00:00Z").unwrap();
    let d = with(&[
        ("host_id_number", born("20261121")),
        ("arrival_datetime", datetime("21", "11", "2026", "02:00")),
    ]);
    assert_codes(&validate(form(), &d, Clock::at(utc)), &[]);
    let report = check(&with(&[("host_id_number", born("18991231"))]));
    assert_codes(&report, &["host_id_number.born_before_1900"]);
}

#[test]
fn entry_document_number_is_checked_by_the_entry_document_type() {
    let good = [
        ("passport", "E 1234 5678"),
        ("hk_mo_travel_permit", "H12345678"),
        ("tw_travel_permit", "1234567801"),
        ("other", "SB-20261121"),
    ];
    for (kind, number) in good {
        let report = check(&with(&[
            ("entry_document_type", text(kind)),
            ("entry_document_number", text(number)),
        ]));
        assert_no_issues(&report);
    }
    let report = check(&with(&[("entry_document_number", text("E-12345678"))]));
    assert_codes(&report, &["entry_document_number.format"]);
    assert_eq!(
        issue(&report, "entry_document_number.format").message,
        "error.id.passport.format"
    );
}

#[test]
fn visa_number_allows_letters_digits_and_hyphens() {
    let report = check(&with(&[("visa_number", text("ab-123 456"))]));
    assert_no_issues(&report);
    assert_eq!(string_value(&report, "visa_number").unwrap(), "AB-123456");
    let report = check(&with(&[("visa_number", text("AB/123"))]));
    assert_codes(&report, &["visa_number.format"]);
    assert_eq!(
        issue(&report, "visa_number.format").message,
        "error.id.other.format"
    );
}

#[test]
fn postcode_is_six_digits_not_starting_with_zero() {
    assert_no_issues(&check(&with(&[("postcode", text(" 518000 "))])));
    for bad in ["012345", "10002", "1000200", "10002A"] {
        let report = check(&with(&[("postcode", text(bad))]));
        assert_codes(&report, &["postcode.format"]);
        assert_eq!(
            issue(&report, "postcode.format").message,
            "error.postcode.format"
        );
    }
}

#[test]
fn choices_must_be_one_of_the_options() {
    for (field, bad) in [
        ("sex", "X"),
        ("reason_for_stay", "holiday"),
        ("visa_type", "Z3"),
        ("entry_document_type", "seamans_book"),
        ("host_id_type", "driving_licence"),
    ] {
        let report = check(&with(&[(field, text(bad))]));
        let code = format!("{field}.format");
        assert!(
            codes(&report).contains(&code.as_str()),
            "{field}: {:?}",
            codes(&report)
        );
        assert_eq!(issue(&report, &code).message, "error.choice.unknown");
    }
}

// ---------------------------------------------------------------------------
// Visa-free entry
// ---------------------------------------------------------------------------

#[test]
fn visa_free_hides_and_does_not_require_the_visa_number() {
    // 30-day visa-free entry on 20 November: leave by 19 December.
    let visa_free = [
        ("visa_type", text("visa_free")),
        ("visa_free_scheme", text("unilateral")),
        ("expected_departure", date("19", "12", "2026")),
    ];
    let d = {
        let mut d = with(&visa_free);
        d.applicants[0].answers.remove("visa_number");
        d.applicants[0].answers.remove("visa_stay_days");
        d
    };
    let report = check(&d);
    assert_no_issues(&report);
    assert!(!field_visible(&report, "visa_number"));
    assert!(!field_visible(&report, "visa_stay_days"));
    assert!(!documents(&report).contains(&"copy_visa_page"));

    // A number typed before switching to visa-free is neither checked nor kept.
    let mut changes = visa_free.to_vec();
    changes.push(("visa_number", text("not / a number")));
    let report = check(&with(&changes));
    assert_no_issues(&report);
    assert!(!first(&report).values.contains_key("visa_number"));
}

#[test]
fn with_a_visa_the_number_and_duration_of_stay_are_required() {
    let report = check(&without(&["visa_number", "visa_stay_days"]));
    assert_codes(
        &report,
        &["visa_number.required", "visa_stay_days.required"],
    );
    assert!(field_visible(&report, "visa_number"));
    assert!(
        !field_visible(&report, "visa_expiry"),
        "a visa's stay is counted, not asked"
    );
}

// ---------------------------------------------------------------------------
// Housing type: host page, hotel, documents
// ---------------------------------------------------------------------------

#[test]
fn host_page_applies_only_to_rented_and_with_host() {
    for (kind, host) in [
        ("own_property", false),
        ("rented", true),
        ("with_host", true),
        ("dormitory", false),
        ("hotel", false),
    ] {
        let report = check(&with(&housing(kind)));
        assert_eq!(page_visible(&report, "host"), host, "{kind}");
        if !host {
            // The host's answers are ignored, and missing ones not asked for.
            assert!(!first(&report).values.contains_key("host_name"));
            let mut d = with(&housing(kind));
            for id in ["host_name", "host_id_type", "host_id_number", "host_phone"] {
                d.applicants[0].answers.remove(id);
            }
            assert_no_issues(&check(&d));
        }
    }
    // Renting: the landlord's details are required.
    let mut d = with(&housing("rented"));
    d.applicants[0].answers.remove("host_name");
    assert_codes(&check(&d), &["host_name.required"]);
}

#[test]
fn a_hotel_stay_ends_the_journey() {
    let report = check(&with(&[("housing_type", text("hotel"))]));
    assert_no_issues(&report);
    let a = first(&report);
    let hotel = page_index("hotel");
    assert!(form().def.pages[hotel].ends_journey);
    for (pi, visible) in a.pages_visible.iter().enumerate() {
        let about_applicant = form().page_scopes[pi] == rules::Scope::Applicant;
        assert_eq!(
            *visible,
            pi <= hotel && about_applicant,
            "page {}",
            form().def.pages[pi].id
        );
    }
    // Answers on pages the user no longer sees are not passed on.
    assert_eq!(a.values.keys().collect::<Vec<_>>(), ["housing_type"]);
}

#[test]
fn a_hotel_stay_asks_nothing_more() {
    let mut d = Dossier::for_one();
    d.applicants[0]
        .answers
        .insert("housing_type".into(), text("hotel"));
    let report = check(&d);
    assert_no_issues(&report);
    assert!(page_visible(&report, "hotel"));
    assert!(!page_visible(&report, "address"));

    // Even wrong answers left over on later pages are not reported.
    let report = check(&with(&[
        ("housing_type", text("hotel")),
        ("surname", text("SM1TH")),
        ("arrival_datetime", datetime("31", "2", "2026", "25:00")),
        ("phone", text("12345678901")),
    ]));
    assert_no_issues(&report);
}

#[test]
fn the_hotel_page_is_shown_only_for_a_hotel() {
    for housing in ["own_property", "rented", "with_host", "dormitory"] {
        let report = check(&with(&[("housing_type", text(housing))]));
        assert!(!page_visible(&report, "hotel"), "{housing}");
        assert!(page_visible(&report, "reason-for-stay"), "{housing}");
    }
    // Before the question is answered, the later pages are shown (the task
    // list can be filled in any order) but not the hotel page.
    let report = check(&Dossier::for_one());
    assert!(!page_visible(&report, "hotel"));
    assert!(page_visible(&report, "address"));
    assert!(!page_visible(&report, "host"));
}

#[test]
fn documents_depend_on_the_housing_type() {
    const ALWAYS: [&str; 5] = [
        "entry_document_original",
        "copy_data_page",
        "copy_visa_page",
        "copy_entry_stamp",
        "photo",
    ];
    let cases: [(&str, &[&str]); 4] = [
        ("own_property", &["property_certificate"]),
        (
            "rented",
            &[
                "lease_contract",
                "landlord_id_copy",
                "landlord_property_certificate_copy",
            ],
        ),
        ("with_host", &["host_id_or_household_register"]),
        ("dormitory", &["dormitory_certificate"]),
    ];
    for (kind, specific) in cases {
        let housing_kind = kind;
        let report = check(&with(&housing(housing_kind)));
        assert_no_issues(&report);
        let housing = housing_kind;
        let got: BTreeSet<&str> = documents(&report).into_iter().collect();
        let want: BTreeSet<&str> = ALWAYS.iter().chain(specific).copied().collect();
        assert_eq!(got, want, "{housing}");
        // Listed in the form's order.
        let order: Vec<&str> = DOCUMENTS
            .iter()
            .copied()
            .filter(|d| want.contains(d))
            .collect();
        assert_eq!(documents(&report), order, "{housing}");
    }
}

#[test]
fn each_kind_of_housing_asks_for_its_own_uploads() {
    for (kind, uploads) in HOUSING_UPLOADS {
        let mut d = with(&housing(kind));
        let report = check(&d);
        assert_no_issues(&report);
        for id in uploads {
            assert!(field_visible(&report, id), "{kind}: {id}");
            d.applicants[0].answers.remove(*id);
        }
        let expected: Vec<String> = uploads.iter().map(|id| format!("{id}.required")).collect();
        let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
        assert_codes(&check(&d), &expected);
    }
    // A hotel guest uploads nothing: the hotel registers them.
    let report = check(&with(&[("housing_type", text("hotel"))]));
    for page in [
        "upload-photo",
        "upload-data-page",
        "upload-entry-stamp",
        "upload-housing",
    ] {
        assert!(!page_visible(&report, page), "{page}");
    }
    // Without a visa, no visa page.
    let mut d = with(&[
        ("visa_type", text("visa_free")),
        ("visa_free_scheme", text("transit_240h")),
        ("expected_departure", date("30", "11", "2026")),
    ]);
    for id in ["visa_number", "visa_stay_days", "copy_visa_page"] {
        d.applicants[0].answers.remove(id);
    }
    let report = check(&d);
    assert!(!page_visible(&report, "upload-visa-page"));
    assert_no_issues(&report);
}

#[test]
fn the_photo_follows_the_exit_entry_photo_rules() {
    let photo =
        |media_type, size, w, h| file(&"7".repeat(64), "me.jpg", media_type, size, Some((w, h)));
    let pixels = |w: &'static str, h: &'static str, lw: &'static str, lh: &'static str| {
        vec![
            ("height", h),
            ("limit_height", lh),
            ("limit_width", lw),
            ("width", w),
        ]
    };
    for (answer, code, expected) in [
        (
            photo(MediaType::Jpeg, 30_000, 300, 400),
            "photo.too_few_pixels",
            (
                "error.image.too_few_pixels",
                pixels("300", "400", "354", "472"),
            ),
        ),
        (
            photo(MediaType::Png, 30_000, 354, 472),
            "photo.type",
            (
                "error.file.wrong_type",
                vec![("allowed", "JPEG"), ("found", "PNG")],
            ),
        ),
        (
            photo(MediaType::Jpeg, 90_000, 354, 472),
            "photo.too_big",
            (
                "error.file.too_big",
                vec![("max", "80 KB"), ("size", "87.9 KB")],
            ),
        ),
        (
            photo(MediaType::Jpeg, 30_000, 400, 472),
            "photo.aspect",
            (
                "error.image.aspect",
                vec![("aspect", "3:4"), ("height", "472"), ("width", "400")],
            ),
        ),
    ] {
        let report = check(&with(&[("photo", answer)]));
        assert_codes(&report, &[code]);
        assert_eq!(message(&report, code), expected, "{code}");
    }
}

#[test]
fn someone_filling_in_for_the_applicant_brings_their_own_id() {
    let mut d = complete();
    d.filler.role = FillerRole::parse("organisation").unwrap();
    for (field, value) in [
        ("helper_name", "Li Lei"),
        ("helper_organisation", "Shenzhen Example Trading Co., Ltd."),
        ("helper_organisation_code", "91350100M000100Y43"),
        ("helper_phone", "13800138000"),
    ] {
        d.filler.answers.insert(field.into(), text(value));
    }
    d.applicants[0]
        .answers
        .insert("relationship".into(), text("employee"));
    let report = check(&d);
    assert_no_issues(&report);
    // An organisation brings its certificate, not a personal ID.
    assert!(documents(&report).contains(&"organisation_certificate"));
    assert!(!documents(&report).contains(&"agent_id"));
    // A relative brings their own ID.
    d.filler.role = FillerRole::parse("family").unwrap();
    for (field, value) in [
        ("helper_id_type", "cn_resident_id"),
        ("helper_id_number", "11010519491231002X"),
    ] {
        d.filler.answers.insert(field.into(), text(value));
    }
    d.applicants[0]
        .answers
        .insert("relationship".into(), text("sibling"));
    let report = check(&d);
    assert_no_issues(&report);
    assert!(documents(&report).contains(&"agent_id"));
    assert!(!documents(&check(&complete())).contains(&"agent_id"));
}

// ---------------------------------------------------------------------------
// Hostile and messy input
// ---------------------------------------------------------------------------

#[test]
fn ten_thousand_characters_are_too_long() {
    let long = "A".repeat(10_000);
    let report = check(&with(&[("surname", text(&long))]));
    assert_codes(&report, &["surname.too_long"]);
    let i = issue(&report, "surname.too_long");
    assert_eq!(i.message, "error.text.too_long");
    assert_eq!(
        message(&report, "surname.too_long"),
        ("error.text.too_long", vec![("max", "40")])
    );
}

#[test]
fn ten_thousand_characters_in_every_text_answer_at_once() {
    // Completes quickly (the length is counted only up to the limit); no
    // timing is asserted, the bench measures it.
    let long = "8".repeat(10_000);
    // The two choices that decide which pages apply are tested apart: an
    // unreadable housing type hides the host page, and so on.
    let complete_report = check(&complete());
    let text_fields: Vec<&str> = form()
        .def
        .pages
        .iter()
        .flat_map(|p| &p.fields)
        .filter(|f| {
            !matches!(
                f.kind,
                rules::FieldKind::Date | rules::FieldKind::Datetime | rules::FieldKind::File
            )
        })
        .map(|f| f.id.as_str())
        .filter(|id| !["housing_type", "visa_type"].contains(id))
        .filter(|id| {
            let (pi, _) = dossier_engine::validate::locate(form(), id).unwrap();
            form().page_scopes[pi] == rules::Scope::Applicant
        })
        // The questions the complete dossier is asked (not those of
        // another reason for registering or of visa-free entry).
        .filter(|id| field_visible(&complete_report, id))
        // A whole number is a number out of range, however long (below).
        .filter(|id| *id != "visa_stay_days")
        .collect();
    assert_eq!(text_fields.len(), 28);
    let changes: Vec<(&str, Answer)> = text_fields.iter().map(|id| (*id, text(&long))).collect();
    let report = check(&with(&changes));
    for id in &text_fields {
        let i = issue(&report, &format!("{id}.too_long"));
        let field = form()
            .def
            .pages
            .iter()
            .flat_map(|p| &p.fields)
            .find(|f| f.id == *id)
            .unwrap();
        let max = field
            .max_length
            .unwrap_or(dossier_engine::fields::DEFAULT_MAX_LENGTH);
        assert_eq!(i.params.get("max"), Some(&max.to_string()), "{id}");
    }
    let report = check(&with(&[("visa_stay_days", text(&long))]));
    assert_codes(&report, &["visa_stay_days.range"]);
    assert_eq!(
        message(&report, "visa_stay_days.range"),
        ("error.integer.range", vec![("max", "999"), ("min", "0")])
    );
    let report = check(&with(&[
        ("housing_type", text(&long)),
        ("visa_type", text(&long)),
    ]));
    assert_codes(&report, &["housing_type.too_long", "visa_type.too_long"]);
    // Date parts too: long digit strings are not numbers of a date.
    let report = check(&with(&[
        ("date_of_birth", date(&long, "3", "1985")),
        ("arrival_datetime", datetime("21", "11", "2026", &long)),
    ]));
    assert_codes(
        &report,
        &["arrival_datetime.time_format", "date_of_birth.not_numbers"],
    );
}

#[test]
fn the_longest_allowed_answer_is_accepted() {
    let report = check(&with(&[("surname", text(&"A".repeat(40)))]));
    assert_no_issues(&report);
    let report = check(&with(&[("surname", text(&"A".repeat(41)))]));
    assert_codes(&report, &["surname.too_long"]);
    // Characters, not bytes: 30 Chinese characters fit a 30-character field.
    assert_no_issues(&check(&with(&[("chinese_name", text(&"王".repeat(30)))])));
}

/// The English hint of `address_room` gives "… For example, 12th floor,
/// room 1203": a user who copies the example is not told it is too long.
#[test]
fn the_example_in_the_room_hint_is_accepted() {
    let hint = rule_set()
        .catalog("en")
        .unwrap()
        .text("tr.address_room.hint", &[]);
    let example = hint.split_once("For example, ").expect("an example").1;
    assert_no_issues(&check(&with(&[("address_room", text(example))])));
}

#[test]
fn control_characters_are_refused() {
    for (field, bad) in [
        ("surname", "SMI\u{7}TH"),
        ("address_street", "88 Zhongshan\nRoad"),
        ("host_name", "Wang\tFang"),
        ("address_room", "12\u{0}03"),
        ("port_of_entry", "Pudong\u{1b}[31m"),
    ] {
        let report = check(&with(&[(field, text(bad))]));
        let code = format!("{field}.control_chars");
        assert_codes(&report, &[code.as_str()]);
        assert_error(&report, &code, field, "error.text.control_chars");
    }
}

/// Zero-width and bidirectional-override characters are as invisible as a
/// tab, and the message promises to refuse "hidden characters", but
/// `fields::clean` only refuses Unicode category Cc (`char::is_control`):
/// format characters (Cf) such as U+200B or U+202E pass in free-text fields
/// and reach the police slip (a reversed address, a name that does not match).
#[test]
fn invisible_format_characters_are_refused() {
    for bad in ["Wang\u{200B}Fang", "Wang \u{202E}gnaF", "\u{FEFF}Wang Fang"] {
        let report = check(&with(&[("host_name", text(bad))]));
        assert_codes(&report, &["host_name.control_chars"]);
    }
}

#[test]
fn stray_spaces_are_trimmed() {
    let report = check(&with(&[
        ("surname", text("  smith ")),
        ("given_names", text("anna   marie\u{3000}")),
        ("address_street", text("  88   Zhongshan Road  ")),
        ("host_name", text("\u{3000}王芳 ")),
        ("nationality", text(" gbr ")),
        ("sex", text(" F ")),
        ("postcode", text(" 100020 ")),
        ("host_id_number", text(" 11010519491231002X\n")),
    ]));
    assert_no_issues(&report);
    assert_eq!(string_value(&report, "surname").unwrap(), "SMITH");
    assert_eq!(string_value(&report, "given_names").unwrap(), "ANNA MARIE");
    assert_eq!(
        string_value(&report, "address_street").unwrap(),
        "88 Zhongshan Road"
    );
    assert_eq!(string_value(&report, "host_name").unwrap(), "王芳");
    assert_eq!(string_value(&report, "nationality").unwrap(), "GBR");
    assert_eq!(string_value(&report, "sex").unwrap(), "F");
    assert_eq!(string_value(&report, "postcode").unwrap(), "100020");
    assert_eq!(string_value(&report, "host_id_number").unwrap(), HOST_ID);
}

// ---------------------------------------------------------------------------
// Calculated values
// ---------------------------------------------------------------------------

#[test]
fn registration_deadline_is_24_hours_after_moving_in() {
    let report = check(&complete());
    assert!(
        matches!(
            first(&report).calc.get("registration_deadline"),
            Some(Value::Timestamp(t)) if t.to_rfc3339() == "2026-11-22T08:00:00+08:00"
        ),
        "{:?}",
        first(&report).calc
    );
    // No arrival, no deadline (and no failure).
    let report = check(&without(&["arrival_datetime"]));
    assert!(!first(&report).calc.contains_key("registration_deadline"));
    // An arrival that is not a real date gives no deadline either.
    let report = check(&with(&[(
        "arrival_datetime",
        datetime("31", "2", "2026", "08:00"),
    )]));
    assert!(!first(&report).calc.contains_key("registration_deadline"));
}

#[test]
fn age_is_whole_years_in_beijing_today() {
    let report = check(&complete());
    assert!(matches!(
        first(&report).calc.get("age"),
        Some(Value::Int(41))
    ));
    // Born 29 February 2024: 2 on 28 February 2027, 3 on 1 March 2027.
    let d = with(&[("date_of_birth", date("29", "2", "2024"))]);
    let at = |s: &str| Clock::at(DateTime::parse_from_rfc3339(s).unwrap());
    let report = validate(form(), &d, at("2027-02-28T12:00:00+08:00"));
    assert!(matches!(
        first(&report).calc.get("age"),
        Some(Value::Int(2))
    ));
    let report = validate(form(), &d, at("2027-03-01T12:00:00+08:00"));
    assert!(matches!(
        first(&report).calc.get("age"),
        Some(Value::Int(3))
    ));
    assert!(!first(&check(&without(&["date_of_birth"])))
        .calc
        .contains_key("age"));
}

// ---------------------------------------------------------------------------
// Households and messages
// ---------------------------------------------------------------------------

#[test]
fn each_applicant_of_a_household_is_checked_on_their_own() {
    let mut d = complete();
    let mut child = complete_applicant();
    child.answers.insert("given_names".into(), text("TOM"));
    child
        .answers
        .insert("date_of_birth".into(), date("1", "6", "2030"));
    child.answers.remove("phone");
    let mut spouse = complete_applicant();
    for a in [&mut child, &mut spouse] {
        a.answers.insert("relationship_proof".into(), scan());
    }
    child.answers.insert("relationship".into(), text("child"));
    spouse.answers.insert("relationship".into(), text("spouse"));
    d.applicants.push(child);
    d.applicants.push(spouse);
    let report = check(&d);
    assert_eq!(report.applicants.len(), 3);
    assert!(report.applicants[0].issues.is_empty());
    assert!(report.applicants[2].issues.is_empty());
    let child_codes: Vec<&str> = report.applicants[1]
        .issues
        .iter()
        .map(|i| i.code.as_str())
        .collect();
    assert!(
        child_codes.contains(&"date_of_birth.past"),
        "{child_codes:?}"
    );
    assert!(child_codes.contains(&"phone.required"), "{child_codes:?}");
    assert!(report.applicants[1]
        .issues
        .iter()
        .all(|i| i.applicant == Some(1)));
}

#[test]
fn every_message_the_user_can_see_is_complete_in_every_language() {
    // A spread of dossiers that between them raise every kind of issue.
    let long = "A".repeat(10_000);
    let dossiers = [
        Dossier::for_one(),
        with(&[
            ("surname", text("SM1TH")),
            ("given_names", text("MÜLLER")),
            ("middle_name", text(&long)),
            ("chinese_name", text("Wang")),
            ("sex", text("X")),
            ("date_of_birth", date("", "3", "1985")),
            ("nationality", text("ZZZ")),
            ("phone", text("12345678901")),
            ("host_phone", text("phone")),
            ("host_id_number", text("110105194912310021")),
            ("postcode", text("012345")),
            ("address_street", text("a\tb")),
            ("arrival_datetime", date("21", "11", "2026")),
            ("entry_document_expiry", date("20", "11", "2026")),
            ("entry_document_number", text("E-1")),
            ("visa_expiry", date("20", "11", "2026")),
        ]),
        with(&[
            ("date_of_birth", date("21", "11", "2026")),
            ("arrival_datetime", datetime("19", "11", "2026", "12:00")),
            ("expected_departure", date("16", "5", "2027")),
        ]),
        with(&[
            ("date_of_birth", date("27", "March", "85")),
            ("arrival_datetime", datetime("21", "11", "2026", "25:00")),
            ("expected_departure", date("27", "3", "85")),
            ("entry_date", date("31", "2", "2026")),
        ]),
    ];
    let mut seen = BTreeSet::new();
    for d in &dossiers {
        let report = check(d);
        for i in report.issues() {
            seen.insert(i.code.clone());
            for lang in ["en", "zh-CN"] {
                let text = shown(i, lang);
                assert!(
                    !text.contains('{') && !text.contains('}'),
                    "{lang} {}: unfilled placeholder in {text:?}",
                    i.code
                );
                assert_ne!(text, i.message, "{lang}: no text for {}", i.message);
            }
        }
    }
    assert!(seen.len() >= 30, "{seen:?}");
}

/// The late warning reads, through `calc.foreigner`, the entry document,
/// which is not answered yet on the page where the move-in time is given:
/// a missing answer behind a calculated value does not hold a rule back
/// (only a wrong one does).
#[test]
fn a_late_move_in_warns_before_the_entry_document_is_answered() {
    let mut d = Dossier::for_one();
    d.applicants[0].answers.insert(
        "arrival_datetime".into(),
        datetime("20", "11", "2026", "09:59"),
    );
    let report = check(&d);
    assert!(
        codes(&report).contains(&"late_registration"),
        "{:?}",
        codes(&report)
    );
    // A wrong entry document type (one the form does not offer) holds it
    // back: the rule cannot tell whom it speaks to.
    d.applicants[0]
        .answers
        .insert("entry_document_type".into(), text("boat_ticket"));
    assert!(!codes(&check(&d))
        .iter()
        .any(|c| c.starts_with("late_registration")));
}
