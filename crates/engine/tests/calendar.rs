//! The working-day calendar (`dossier_engine::calendar`) with the years
//! shipped in `rules/calendar/`, against the State Council's notices as
//! the domain facts transcribe them (services facts §A) and the worked
//! examples of §B.

use chrono::NaiveDate;
use dossier_engine::calendar::{Calendar, Unpublished};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn shipped() -> Calendar {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules/calendar");
    let mut c = Calendar::default();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        c.add_year(&text)
            .unwrap_or_else(|(at, e)| panic!("{}: {at}: {e}", f.display()));
    }
    c
}

#[test]
fn the_published_years_are_2024_to_2026() {
    assert_eq!(shipped().years(), [2024, 2025, 2026]);
}

/// A make-up Saturday is a working day, the Spring Festival is not, an
/// ordinary weekend is not, an ordinary weekday is.
#[test]
fn make_up_days_work_and_holidays_rest() {
    let c = shipped();
    for (d, working) in [
        ("2026-02-14", true),  // Saturday, made up for the Spring Festival
        ("2026-02-28", true),  // Saturday, made up
        ("2026-02-17", false), // Spring Festival, a Tuesday
        ("2026-02-23", false), // its last day, a Monday
        ("2026-03-07", false), // an ordinary Saturday
        ("2026-03-09", true),  // an ordinary Monday
        ("2026-10-10", true),  // Saturday after National Day, made up
        ("2026-10-07", false), // National Day week, a Wednesday
        ("2024-05-11", true),  // a make-up Saturday of 2024
    ] {
        assert_eq!(c.is_working_day(day(d)), Ok(working), "{d}");
    }
}

/// From 2025 Spring Festival Eve and 2 May are public holidays (13 days
/// instead of 11): 2024's Eve was a working day (the notice only
/// encouraged a day off), 2025's is not.
#[test]
fn the_2025_change_adds_spring_festival_eve_and_2_may() {
    let c = shipped();
    assert_eq!(
        c.is_working_day(day("2024-02-09")),
        Ok(true),
        "2024's Eve, a Friday"
    );
    assert_eq!(
        c.is_working_day(day("2025-01-28")),
        Ok(false),
        "2025's Eve, a Tuesday"
    );
    assert_eq!(c.is_working_day(day("2025-05-02")), Ok(false));
    assert_eq!(
        c.is_working_day(day("2025-01-26")),
        Ok(true),
        "a make-up Sunday"
    );
}

/// The facts' worked examples (§B): the day of issue is not counted.
#[test]
fn receipts_fall_due_as_the_facts_work_them_out() {
    let c = shipped();
    for (from, n, due) in [
        ("2025-09-26", 7, "2025-10-13"),
        ("2025-09-26", 15, "2025-10-23"),
        ("2026-02-12", 7, "2026-02-28"),
        ("2026-02-12", 15, "2026-03-11"),
        ("2026-09-18", 15, "2026-10-15"),
    ] {
        assert_eq!(
            c.add_working_days(day(from), n),
            Ok(day(due)),
            "{from} + {n}"
        );
        assert_eq!(
            c.working_days_between(day(from), day(due)),
            Ok(n),
            "{from} to {due}"
        );
        assert_eq!(c.working_days_between(day(due), day(from)), Ok(-n));
        assert_eq!(
            c.add_working_days(day(due), -n).map(|d| d <= day(from)),
            Ok(true)
        );
    }
    assert_eq!(
        c.add_working_days(day("2026-02-12"), 0),
        Ok(day("2026-02-12"))
    );
}

/// 2027's arrangement is not published: nothing in it is guessed.
#[test]
fn a_year_not_published_says_so() {
    let c = shipped();
    assert_eq!(c.is_working_day(day("2027-01-04")), Err(Unpublished(2027)));
    // Late December 2026 runs into 2027 after a few working days.
    assert_eq!(
        c.add_working_days(day("2026-12-28"), 3),
        Ok(day("2026-12-31"))
    );
    assert_eq!(
        c.add_working_days(day("2026-12-28"), 5),
        Err(Unpublished(2027))
    );
    assert_eq!(
        c.working_days_between(day("2026-12-01"), day("2027-01-05")),
        Err(Unpublished(2027))
    );
    let message = Unpublished(2027).to_string();
    assert!(
        message.contains("2027") && message.contains("not published"),
        "{message}"
    );
    assert_eq!(c.is_working_day(day("2023-12-29")), Err(Unpublished(2023)));
}

/// A mistake in a year's file is refused with its place and the problem.
#[test]
fn a_wrong_year_file_names_the_place_and_the_problem() {
    let file = |days_off: &str, make_up: &str| {
        format!(
            r#"{{"year": 2026, "source": {{"ref": "HOL-2026", "title": "通知", "published": "2025-11-04", "url": "https://www.gov.cn/", "facts": "§A.4"}},
               "holidays": [{{"name": "春节", "name_en": "Spring Festival", "days_off": [{days_off}], "make_up_working_days": [{make_up}]}}]}}"#
        )
    };
    for (days_off, make_up, at, problem) in [
        (r#""2026-02-30""#, "", "days_off[0]", "not a real date"),
        (r#""2025-02-17""#, "", "days_off[0]", "not in 2026"),
        (
            r#""2026-02-17""#,
            r#""2026-02-17""#,
            "make_up_working_days[0]",
            "weekday",
        ),
        (
            r#""2026-02-17", "2026-02-17""#,
            "",
            "days_off[1]",
            "listed twice",
        ),
        (
            r#""2026-02-17""#,
            r#""2026-02-14", "2026-02-14""#,
            "make_up_working_days[1]",
            "listed twice",
        ),
    ] {
        let (place, message) = Calendar::default()
            .add_year(&file(days_off, make_up))
            .unwrap_err();
        assert!(place.contains(at), "{place}");
        assert!(message.contains(problem), "{message}");
    }
    let mut c = Calendar::default();
    c.add_year(&file(r#""2026-02-17""#, "")).unwrap();
    let (place, message) = c.add_year(&file(r#""2026-02-18""#, "")).unwrap_err();
    assert_eq!((place.as_str(), message.contains("twice")), ("year", true));
    let (place, _) = Calendar::default()
        .add_year(r#"{"year": 2026, "holidays": [], "extra": 1}"#)
        .unwrap_err();
    assert!(place.starts_with("line 1"), "{place}");
}
