//! The directory of exit-entry service halls (`rules/offices/offices.json`)
//! as shipped, against the domain facts (services facts §C), with the
//! working-day calendar: hours, lunch breaks, Saturdays, public holidays,
//! make-up working days, and a year not published.

use chrono::{NaiveDate, NaiveTime};
use dossier_engine::calendar::Unpublished;
use dossier_engine::offices::{Directory, Status};
use dossier_engine::rules::{load_dir, RuleSet};
use std::sync::OnceLock;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        load_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules")).unwrap()
    })
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap()
}

fn open(office: &str, d: &str, t: &str) -> Result<bool, Unpublished> {
    let set = rules();
    set.offices
        .office(office)
        .unwrap()
        .open_at(day(d), at(t), &set.calendar)
}

/// The cities of the seeds and of the facts, each confirmed or a sample
/// as the facts mark it, with its name and address in every language.
#[test]
fn the_directory_lists_the_halls_with_their_status() {
    let offices = &rules().offices.offices;
    let ids: Vec<&str> = offices.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "beijing-exit-entry-hall",
            "shanghai-exit-entry-bureau",
            "guangzhou-exit-entry-hall",
            "shenzhen-luohu-window",
            "suzhou-exit-entry-hall",
            "nanjing-exit-entry-hall"
        ]
    );
    let sample: Vec<&str> = offices
        .iter()
        .filter(|o| o.status == Status::Sample)
        .map(|o| o.city["en"].as_str())
        .collect();
    assert_eq!(sample, ["Guangzhou", "Suzhou", "Nanjing"]);
    for o in offices {
        assert!(
            !o.source.text.is_empty() && o.source.facts.contains("§C"),
            "{}",
            o.id
        );
        assert!(!o.name["zh-CN"].is_empty() && !o.address["en"].is_empty());
    }
    let stay: Vec<&str> = rules()
        .offices
        .for_service("stay-permit")
        .map(|o| o.id.as_str())
        .collect();
    assert!(!stay.contains(&"shenzhen-luohu-window"), "{stay:?}");
    assert_eq!(stay.len(), 5);
}

/// Beijing's hall: Monday to Saturday 9:00 to 17:00, closed on public
/// holidays, even on a Saturday; open on a make-up Sunday.
#[test]
fn a_hall_is_open_by_its_hours_and_the_calendar() {
    let b = "beijing-exit-entry-hall";
    assert_eq!(
        open(b, "2026-03-09", "09:00"),
        Ok(true),
        "a Monday at opening"
    );
    assert_eq!(
        open(b, "2026-03-09", "17:00"),
        Ok(false),
        "closing time is closed"
    );
    assert_eq!(open(b, "2026-03-09", "08:59"), Ok(false));
    assert_eq!(
        open(b, "2026-03-07", "10:00"),
        Ok(true),
        "an ordinary Saturday"
    );
    assert_eq!(
        open(b, "2026-03-08", "10:00"),
        Ok(false),
        "an ordinary Sunday"
    );
    assert_eq!(
        open(b, "2026-02-17", "10:00"),
        Ok(false),
        "Spring Festival, a Tuesday"
    );
    assert_eq!(
        open(b, "2026-10-03", "10:00"),
        Ok(false),
        "National Day on a Saturday"
    );
    assert_eq!(open(b, "2026-09-20", "10:00"), Ok(true), "a make-up Sunday");
    // Guangzhou closes for lunch and on Saturdays; a make-up Saturday
    // keeps Monday's hours.
    let g = "guangzhou-exit-entry-hall";
    assert_eq!(open(g, "2026-03-09", "11:59"), Ok(true));
    assert_eq!(open(g, "2026-03-09", "12:30"), Ok(false), "lunch");
    assert_eq!(open(g, "2026-03-09", "14:00"), Ok(true));
    assert_eq!(
        open(g, "2026-03-07", "10:00"),
        Ok(false),
        "an ordinary Saturday"
    );
    assert_eq!(
        open(g, "2026-02-28", "10:00"),
        Ok(true),
        "a make-up Saturday"
    );
    // 2027's holidays are not published: nothing is guessed.
    assert_eq!(open(b, "2027-01-04", "10:00"), Err(Unpublished(2027)));
}

/// A mistake in the directory names the place and the problem.
#[test]
fn a_wrong_directory_names_the_place_and_the_problem() {
    let langs = ["en".to_string(), "zh-CN".to_string()];
    let office = |id: &str, hours: &str, extra: &str| {
        format!(
            r#"{{"id": "{id}", "city": {{"en": "X", "zh-CN": "某"}}, "name": {{"en": "Hall", "zh-CN": "大厅"}},
               "address": {{"en": "1 Road", "zh-CN": "路1号"}}, "hours": [{hours}], "services": ["stay-permit"],
               "status": "sample", "source": {{"text": "a page", "facts": "§C"}}{extra}}}"#
        )
    };
    let good = r#"{"days": ["mon"], "open": "09:00", "close": "17:00"}"#;
    let file = |offices: Vec<String>| format!(r#"{{"offices": [{}]}}"#, offices.join(","));
    for (text, place, problem) in [
        (
            file(vec![office("a", good, ""), office("a", good, "")]),
            "offices[1] (a).id",
            "twice",
        ),
        (
            file(vec![office("A b", good, "")]),
            "offices[0] (A b).id",
            "lower-case",
        ),
        (
            file(vec![office(
                "a",
                r#"{"days": ["monday"], "open": "09:00", "close": "17:00"}"#,
                "",
            )]),
            "offices[0] (a).hours[0]",
            "not a day",
        ),
        (
            file(vec![office(
                "a",
                r#"{"days": ["mon"], "open": "9:00", "close": "17:00"}"#,
                "",
            )]),
            "offices[0] (a).hours[0]",
            "HH:MM",
        ),
        (
            file(vec![office(
                "a",
                r#"{"days": ["mon"], "open": "17:00", "close": "09:00"}"#,
                "",
            )]),
            "offices[0] (a).hours[0]",
            "before it opens",
        ),
    ] {
        let (at, message) = Directory::read(&text, &langs).unwrap_err();
        assert_eq!(at, place, "{message}");
        assert!(message.contains(problem), "{message}");
    }
    let no_chinese =
        file(vec![office("a", good, "")]).replace(r#""zh-CN": "大厅""#, r#""zh-CN": " ""#);
    let (at, message) = Directory::read(&no_chinese, &langs).unwrap_err();
    assert_eq!(
        (at.as_str(), message.as_str()),
        ("offices[0] (a).name", "no text in 'zh-CN'")
    );
    let (at, _) = Directory::read(r#"{"offices": [], "extra": 1}"#, &langs).unwrap_err();
    assert!(at.starts_with("line 1"), "{at}");
}
