//! The directory of exit-entry service halls (`rules/offices/offices.json`,
//! `rules/schema/offices.schema.json`): where a visa, stay permit or
//! residence permit application is handed in, and when.
//!
//! Each office is `confirmed` (an official source) or a `sample` (a
//! secondary source or details not confirmed), and the app says so to the
//! user for a sample. An office is open on a day by its hours for that
//! weekday, closed on public holidays, and on a make-up working day (调休)
//! open with its Monday hours; a day in a year whose holidays are not
//! published is not guessed ([`Unpublished`]).

use crate::calendar::{Calendar, Unpublished};
use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Every office, in the file's order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Directory {
    pub offices: Vec<Office>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    /// Lower-case letters, digits and `-`; what an appointment records.
    pub id: String,
    /// By language code, as the catalogue's languages.
    pub city: BTreeMap<String, String>,
    pub name: BTreeMap<String, String>,
    pub address: BTreeMap<String, String>,
    /// Opening hours: each a set of weekdays and a time span; a day may
    /// have two (morning and afternoon).
    pub hours: Vec<Hours>,
    #[serde(default)]
    pub phone: Option<String>,
    /// The services handled, by the catalogue's service ids.
    pub services: Vec<String>,
    pub status: Status,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    /// `mon` … `sun`.
    pub days: Vec<String>,
    /// `HH:MM`, Beijing time.
    pub open: String,
    pub close: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// From an official source.
    Confirmed,
    /// From a secondary source, or with details not confirmed: shown to
    /// the user as a sample, to check before going.
    Sample,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Where the details come from.
    pub text: String,
    /// The date the source carries, when it carries one.
    #[serde(default)]
    pub dated: Option<String>,
    /// Where the domain facts give it.
    pub facts: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(rename = "$schema", default)]
    _schema: Option<String>,
    #[serde(rename = "$comment", default)]
    _comment: Option<String>,
    offices: Vec<Office>,
}

const DAYS: [(&str, Weekday); 7] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

fn time(text: &str) -> Option<NaiveTime> {
    let ok = text.len() == 5 && text.as_bytes()[2] == b':';
    ok.then(|| NaiveTime::parse_from_str(text, "%H:%M").ok())
        .flatten()
}

impl Directory {
    /// Reads the directory; an error gives the place in the file and the
    /// problem: an id given twice or not of the form, a day that is not
    /// one, a time that is not `HH:MM` or a span that closes before it
    /// opens, an office without a name in `languages` or without a
    /// source.
    pub fn read(text: &str, languages: &[String]) -> Result<Directory, (String, String)> {
        let file: File = serde_json::from_str(text).map_err(|e| {
            (
                format!("line {}, column {}", e.line(), e.column()),
                e.to_string(),
            )
        })?;
        let mut seen: Vec<&str> = Vec::new();
        for (i, o) in file.offices.iter().enumerate() {
            let at = |what: &str| format!("offices[{i}] ({}){what}", o.id);
            let id_ok = !o.id.is_empty()
                && o.id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !id_ok {
                return Err((
                    at(".id"),
                    "an id is lower-case letters, digits and '-'".into(),
                ));
            }
            if seen.contains(&o.id.as_str()) {
                return Err((at(".id"), format!("'{}' is given twice", o.id)));
            }
            seen.push(&o.id);
            for (field, texts) in [
                ("city", &o.city),
                ("name", &o.name),
                ("address", &o.address),
            ] {
                for lang in languages {
                    if texts.get(lang).is_none_or(|t| t.trim().is_empty()) {
                        return Err((at(&format!(".{field}")), format!("no text in '{lang}'")));
                    }
                }
            }
            if o.hours.is_empty() {
                return Err((at(".hours"), "give the opening hours".into()));
            }
            for (hi, h) in o.hours.iter().enumerate() {
                let here = at(&format!(".hours[{hi}]"));
                if let Some(day) = h.days.iter().find(|d| !DAYS.iter().any(|(n, _)| n == d)) {
                    return Err((
                        here,
                        format!("'{day}' is not a day: mon, tue, wed, thu, fri, sat or sun"),
                    ));
                }
                match (time(&h.open), time(&h.close)) {
                    (Some(a), Some(b)) if a < b => {}
                    (Some(_), Some(_)) => {
                        return Err((
                            here,
                            format!("it closes ({}) before it opens ({})", h.close, h.open),
                        ))
                    }
                    _ => return Err((here, "times are HH:MM, such as 09:00".into())),
                }
            }
            if o.services.is_empty() {
                return Err((at(".services"), "name the services it handles".into()));
            }
            if o.source.text.trim().is_empty() {
                return Err((at(".source"), "say where the details come from".into()));
            }
            if let Some(d) = &o.source.dated {
                crate::expr::functions::parse_date(d).map_err(|e| (at(".source.dated"), e))?;
            }
        }
        Ok(Directory {
            offices: file.offices,
        })
    }

    pub fn office(&self, id: &str) -> Option<&Office> {
        self.offices.iter().find(|o| o.id == id)
    }

    /// The offices that handle `service`.
    pub fn for_service<'a>(&'a self, service: &'a str) -> impl Iterator<Item = &'a Office> {
        self.offices
            .iter()
            .filter(move |o| o.services.iter().any(|s| s == service))
    }
}

impl Office {
    /// Its opening spans on `day`: none on a public holiday, Monday's on a
    /// make-up working day.
    pub fn spans(
        &self,
        day: NaiveDate,
        cal: &Calendar,
    ) -> Result<Vec<(NaiveTime, NaiveTime)>, Unpublished> {
        let working = cal.is_working_day(day)?;
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let weekday = match (working, weekend) {
            (false, false) => return Ok(Vec::new()), // a public holiday
            (true, true) => Weekday::Mon,            // a make-up working day
            _ => day.weekday(),
        };
        // A weekend day that is not worked may still be open (a hall open
        // on Saturdays), unless it is a public holiday.
        if !working && weekend && cal.is_day_off(day)? {
            return Ok(Vec::new());
        }
        let name = DAYS
            .iter()
            .find(|(_, w)| *w == weekday)
            .map_or("", |(n, _)| *n);
        Ok(self
            .hours
            .iter()
            .filter(|h| h.days.iter().any(|d| d == name))
            .filter_map(|h| Some((time(&h.open)?, time(&h.close)?)))
            .collect())
    }

    /// Whether an appointment at `at` on `day` falls in its hours.
    pub fn open_at(
        &self,
        day: NaiveDate,
        at: NaiveTime,
        cal: &Calendar,
    ) -> Result<bool, Unpublished> {
        Ok(self
            .spans(day, cal)?
            .iter()
            .any(|(a, b)| *a <= at && at < *b))
    }
}
