//! Navigation over the shipped form (`rules/`): next and previous pages for
//! an applicant filling it in themself, for a helper filing for someone
//! (the relationship pages appear), and for a hotel stay (the journey
//! ends early); section and person statuses as answers are given and
//! pages are continued past; and the keys progress is saved under.

mod support;
use support::{date, text};

use dossier_engine::answers::{Applicant, Dossier, FillerRole};
use dossier_engine::navigation::{
    applicable_pages, continue_page, ending_page, issues_for_page, next_page, own_details_entry,
    page_key, parse_page_key, previous_page, section_of, Continue, Progress, SectionStatus, Step,
};
use dossier_engine::rules::{load_dir, CompiledForm, RuleSet, Severity};
use dossier_engine::validate::{validate, Clock, Report};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

fn form() -> &'static CompiledForm {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| {
        load_dir(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../rules"
        )))
        .expect("the shipped rules load")
    })
    .form("temporary-residence")
    .unwrap()
}

fn check(d: &Dossier) -> Report {
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-21T10:00:00+08:00").unwrap();
    validate(form(), d, Clock::at(now))
}

/// A page's index by id.
fn pi(id: &str) -> usize {
    form()
        .page_index(id)
        .unwrap_or_else(|| panic!("no page {id}"))
}

/// A section's index by id.
fn si(id: &str) -> usize {
    form()
        .def
        .sections
        .iter()
        .position(|s| s.id == id)
        .unwrap_or_else(|| panic!("no section {id}"))
}

fn page(id: &str) -> Step {
    Step::Page(pi(id))
}

/// The complete one-applicant filing of `tests/fixtures` (Anna Smith,
/// staying with a host, filling it in herself).
fn complete() -> Dossier {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/complete-with-host.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Walks forward from `first` by `next_page` and lists the pages met.
fn walk(report: &dossier_engine::validate::ApplicantReport, first: &str) -> Vec<String> {
    let mut out = vec![first.to_string()];
    let mut at = pi(first);
    while let Step::Page(p) = next_page(form(), report, at) {
        out.push(form().def.pages[p].id.clone());
        at = p;
    }
    out
}

/// The statuses of `who`'s sections and their own, with `done` the page
/// keys continued past.
fn statuses(
    d: &Dossier,
    report: &Report,
    who: Option<usize>,
    done: &BTreeSet<String>,
) -> (Vec<SectionStatus>, SectionStatus) {
    let completed = |k: &str| done.contains(k);
    let part = match who {
        Some(i) => &*report.applicants[i],
        None => &report.filler,
    };
    let p = Progress {
        form: form(),
        who,
        report: part,
        answers: d.answers_of(who),
        completed: &completed,
    };
    let sections = (0..form().def.sections.len())
        .map(|s| p.section_status(s))
        .collect();
    (sections, p.status())
}

/// The keys of every page of `who`'s that applies now.
fn all_applicable(report: &Report, who: Option<usize>) -> BTreeSet<String> {
    let part = match who {
        Some(i) => &*report.applicants[i],
        None => &report.filler,
    };
    (0..form().def.sections.len())
        .flat_map(|s| applicable_pages(form(), part, s))
        .map(|p| page_key(who, &form().def.pages[p].id))
        .collect()
}

#[test]
fn pages_for_the_applicant_themself_follow_their_answers() {
    let mut d = Dossier::for_one();
    let r = check(&d);
    let me = &*r.applicants[0];
    // Nothing answered yet: no host page, no hotel; why one registers
    // comes before the address, and the move-in time until it says
    // otherwise.
    assert_eq!(
        walk(me, "housing-type"),
        [
            "housing-type",
            "registration-reason",
            "address",
            "arrival",
            "departure"
        ]
    );
    assert_eq!(
        previous_page(form(), me, pi("housing-type")),
        Step::SectionEnd
    );
    assert_eq!(previous_page(form(), me, pi("arrival")), page("address"));
    // A page of the filler's own, and one of acting for someone: neither
    // applies to someone filling it in themself.
    assert_eq!(next_page(form(), me, pi("helper-details")), Step::Outside);
    assert_eq!(next_page(form(), me, pi("relationship")), Step::Outside);
    assert_eq!(section_of(form(), pi("host")), Some(si("accommodation")));
    assert_eq!(ending_page(form(), me), None);

    // Staying with a host after coming back to China: the return time
    // instead of the move-in, the host's page after departure, then the
    // papers for the home.
    d.applicants[0]
        .answers
        .insert("housing_type".into(), text("with_host"));
    d.applicants[0]
        .answers
        .insert("registration_reason".into(), text("re_entry"));
    let r = check(&d);
    let me = &*r.applicants[0];
    assert_eq!(
        walk(me, "housing-type"),
        [
            "housing-type",
            "registration-reason",
            "address",
            "return",
            "departure",
            "host",
            "housing-papers"
        ]
    );
    assert_eq!(previous_page(form(), me, pi("host")), page("departure"));

    // Own property with a new document: its page, no host page; the
    // papers end the section.
    d.applicants[0]
        .answers
        .insert("housing_type".into(), text("own_property"));
    d.applicants[0]
        .answers
        .insert("registration_reason".into(), text("new_document"));
    let r = check(&d);
    let me = &*r.applicants[0];
    assert_eq!(next_page(form(), me, pi("address")), page("new-document"));
    assert_eq!(
        next_page(form(), me, pi("departure")),
        page("housing-papers")
    );
    assert_eq!(
        next_page(form(), me, pi("housing-papers")),
        Step::SectionEnd
    );
    assert_eq!(next_page(form(), me, pi("host")), Step::Outside);

    // A visa page to upload only when a visa is held.
    let uploads = |d: &Dossier| walk(&check(d).applicants[0], "upload-photo");
    d.applicants[0]
        .answers
        .insert("visa_type".into(), text("visa_free"));
    assert!(!uploads(&d).contains(&"upload-visa-page".to_string()));
    d.applicants[0]
        .answers
        .insert("visa_type".into(), text("L"));
    assert_eq!(
        uploads(&d),
        [
            "upload-photo",
            "upload-data-page",
            "upload-visa-page",
            "upload-entry-stamp",
            "upload-housing"
        ]
    );
}

#[test]
fn a_helper_gives_their_own_details_and_the_relationship_pages_appear() {
    let mut d = Dossier::for_one();
    let nobody = BTreeSet::new();
    let done = |k: &str| nobody.contains(k);
    // Filling it in themself: no own details to give.
    let r = check(&d);
    assert_eq!(own_details_entry(form(), &d, &r.filler, &done), None);
    assert_eq!(
        statuses(&d, &r, Some(0), &nobody).0[si("acting")],
        SectionStatus::NotNeeded
    );

    // A relative fills it in: their own details open first, and Back from
    // there leaves the section (for the question of who fills it in).
    d.filler.role = FillerRole::parse("family").unwrap();
    let r = check(&d);
    assert_eq!(
        own_details_entry(form(), &d, &r.filler, &done),
        Some(pi("helper-details"))
    );
    assert_eq!(
        walk(&r.filler, "helper-details"),
        ["helper-details", "helper-id"]
    );
    assert_eq!(
        previous_page(form(), &r.filler, pi("helper-details")),
        Step::SectionEnd
    );
    assert_eq!(
        previous_page(form(), &r.filler, pi("helper-id")),
        page("helper-details")
    );
    let (filler_sections, filler) = statuses(&d, &r, None, &nobody);
    assert_eq!(filler_sections[si("helper")], SectionStatus::NotStarted);
    assert_eq!(filler_sections[si("about-you")], SectionStatus::NotNeeded);
    assert_eq!(filler, SectionStatus::NotStarted);

    // Once the first page is done, the helper's details open at the next.
    let first: BTreeSet<String> = [page_key(None, "helper-details")].into();
    let first_done = |k: &str| first.contains(k);
    assert_eq!(
        own_details_entry(form(), &d, &r.filler, &first_done),
        Some(pi("helper-id"))
    );
    // Continued past without the required answers: problems, until given.
    assert_eq!(statuses(&d, &r, None, &first).1, SectionStatus::Problems);
    d.filler
        .answers
        .insert("helper_name".into(), text("Wang Fang"));
    d.filler
        .answers
        .insert("helper_phone".into(), text("13800138000"));
    let r = check(&d);
    assert_eq!(statuses(&d, &r, None, &first).1, SectionStatus::InProgress);

    // The applicant's part: the relationship, then what it calls for.
    assert_eq!(
        statuses(&d, &r, Some(0), &nobody).0[si("acting")],
        SectionStatus::NotStarted
    );
    assert_eq!(walk(&r.applicants[0], "relationship"), ["relationship"]);
    let mut adult = complete().applicants.remove(0);
    adult.answers.insert("relationship".into(), text("spouse"));
    d.applicants = vec![adult];
    let r = check(&d);
    // A spouse: no reason to give (that is for visas and permits), an
    // optional proof.
    assert_eq!(
        walk(&r.applicants[0], "relationship"),
        ["relationship", "relationship-proof"]
    );
    assert_eq!(
        previous_page(form(), &r.applicants[0], pi("relationship-proof")),
        page("relationship")
    );
    // A child filed by a parent: no reason to give, a proof to attach.
    d.applicants[0]
        .answers
        .insert("relationship".into(), text("child"));
    d.applicants[0]
        .answers
        .insert("date_of_birth".into(), date(1, 6, 2016));
    let r = check(&d);
    assert_eq!(
        walk(&r.applicants[0], "relationship"),
        ["relationship", "relationship-proof"]
    );
    // A second applicant's progress is saved under their own keys.
    d.applicants.push(Applicant::default());
    let r = check(&d);
    let mine: BTreeSet<String> = all_applicable(&r, Some(0));
    assert!(mine.contains("relationship") && !mine.iter().any(|k| k.contains('/')));
    let theirs = all_applicable(&r, Some(1));
    assert!(theirs.contains("1/relationship"), "{theirs:?}");
    assert_eq!(
        statuses(&d, &r, Some(1), &mine).1,
        SectionStatus::NotStarted
    );
}

#[test]
fn a_hotel_stay_ends_the_journey() {
    let mut d = Dossier::for_one();
    d.applicants[0]
        .answers
        .insert("housing_type".into(), text("hotel"));
    let r = check(&d);
    let me = &*r.applicants[0];
    assert_eq!(ending_page(form(), me), Some(pi("hotel")));
    assert_eq!(walk(me, "housing-type"), ["housing-type", "hotel"]);
    assert_eq!(previous_page(form(), me, pi("hotel")), page("housing-type"));
    assert_eq!(next_page(form(), me, pi("address")), Step::Outside);
    // Nothing else applies: every other section is not needed.
    let (sections, _) = statuses(&d, &r, Some(0), &BTreeSet::new());
    for (s, status) in sections.iter().enumerate() {
        let want = if s == si("accommodation") {
            SectionStatus::InProgress
        } else {
            SectionStatus::NotNeeded
        };
        assert_eq!(*status, want, "section {}", form().def.sections[s].id);
    }
    // Any other stay: no ending page.
    d.applicants[0]
        .answers
        .insert("housing_type".into(), text("rented"));
    assert_eq!(ending_page(form(), &check(&d).applicants[0]), None);
}

#[test]
fn statuses_follow_answers_and_progress() {
    let mut d = Dossier::for_one();
    let about = si("about-you");
    let mut done = BTreeSet::new();
    let r = check(&d);
    assert_eq!(
        statuses(&d, &r, Some(0), &done).0[about],
        SectionStatus::NotStarted
    );
    assert_eq!(
        statuses(&d, &r, Some(0), &done).1,
        SectionStatus::NotStarted
    );

    // A blank answer does not start a section; a real one does.
    d.applicants[0].answers.insert("surname".into(), text(" "));
    let r = check(&d);
    assert_eq!(
        statuses(&d, &r, Some(0), &done).0[about],
        SectionStatus::NotStarted
    );
    d.applicants[0]
        .answers
        .insert("surname".into(), text("SMITH"));
    let r = check(&d);
    assert_eq!(
        statuses(&d, &r, Some(0), &done).0[about],
        SectionStatus::InProgress
    );
    assert_eq!(
        statuses(&d, &r, Some(0), &done).1,
        SectionStatus::InProgress
    );

    // A page continued past that has an error now: problems, for the
    // section and the person.
    done.insert(page_key(Some(0), "date-of-birth"));
    let r = check(&d);
    let (sections, person) = statuses(&d, &r, Some(0), &done);
    assert_eq!(sections[about], SectionStatus::Problems);
    assert_eq!(person, SectionStatus::Problems);

    // The complete filing: every page continued past is completed; the
    // section opens at its first page.
    let d = complete();
    let r = check(&d);
    assert!(!r.has_errors(), "{:?}", r.issues().collect::<Vec<_>>());
    let mut done = all_applicable(&r, Some(0));
    let (sections, person) = statuses(&d, &r, Some(0), &done);
    assert_eq!(person, SectionStatus::Completed);
    assert_eq!(sections[about], SectionStatus::Completed);
    assert_eq!(sections[si("acting")], SectionStatus::NotNeeded);
    let completed = |k: &str| done.contains(k);
    let p = Progress {
        form: form(),
        who: Some(0),
        report: &r.applicants[0],
        answers: d.answers_of(Some(0)),
        completed: &completed,
    };
    assert_eq!(p.section_entry(about), Some(pi("name")));
    // One page not yet continued past: the section is in progress and
    // opens there.
    done.remove("sex");
    let completed = |k: &str| done.contains(k);
    let p = Progress {
        form: form(),
        who: Some(0),
        report: &r.applicants[0],
        answers: d.answers_of(Some(0)),
        completed: &completed,
    };
    assert_eq!(p.section_status(about), SectionStatus::InProgress);
    assert_eq!(p.status(), SectionStatus::InProgress);
    assert_eq!(p.section_entry(about), Some(pi("sex")));
    assert_eq!(p.section_entry(si("acting")), None);

    // A date of birth in the future: the completed section has problems.
    let mut d = d;
    d.applicants[0]
        .answers
        .insert("date_of_birth".into(), date(1, 1, 2030));
    let r = check(&d);
    let done = all_applicable(&r, Some(0));
    let (sections, person) = statuses(&d, &r, Some(0), &done);
    assert_eq!(sections[about], SectionStatus::Problems);
    assert_eq!(sections[si("accommodation")], SectionStatus::Completed);
    assert_eq!(person, SectionStatus::Problems);
}

#[test]
fn continue_stops_on_errors_and_on_warnings_not_yet_seen() {
    let mut d = complete();
    let r = check(&d);
    let issues = issues_for_page(form(), &r.applicants[0], "date-of-birth");
    assert!(issues.is_empty());
    assert_eq!(continue_page(&issues, false), Continue::Completed);

    d.applicants[0]
        .answers
        .insert("date_of_birth".into(), date(1, 1, 2030));
    let r = check(&d);
    let issues = issues_for_page(form(), &r.applicants[0], "date-of-birth");
    assert!(issues.iter().any(|i| i.severity == Severity::Error));
    assert_eq!(continue_page(&issues, false), Continue::Errors);
    assert_eq!(continue_page(&issues, true), Continue::Errors);

    let mut warned = issues[0].clone();
    warned.severity = Severity::Warning;
    let warnings = [warned];
    assert_eq!(continue_page(&warnings, false), Continue::Warnings);
    assert_eq!(continue_page(&warnings, true), Continue::Completed);
}

#[test]
fn progress_keys_name_whose_page_it_is() {
    assert_eq!(page_key(Some(0), "name"), "name");
    assert_eq!(page_key(Some(2), "name"), "2/name");
    assert_eq!(page_key(None, "helper-details"), "me/helper-details");
    for (who, page) in [
        (Some(0), "name"),
        (Some(2), "name"),
        (None, "helper-details"),
    ] {
        assert_eq!(parse_page_key(&page_key(who, page)), (who, page));
    }
}
