//! China's working days: the public holidays and make-up working days
//! (调休) of each year the State Council has published, from
//! `rules/calendar/<year>.json` (one file a year, each naming its notice;
//! `rules/schema/calendar.schema.json`).
//!
//! A day is a working day if it is a make-up working day, else not if it
//! is a day off, else Monday to Friday. Counting working days "from" a day
//! does not count that day (Civil Code art. 201; facts §B): a receipt
//! issued on Thursday 2026-02-12 is due 7 working days later on Saturday
//! 2026-02-28, a make-up working day. A day in a year with no file is not
//! guessed: the answer is [`Unpublished`], which says which year.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The published years: every day off and every make-up working day.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Calendar {
    /// Each published year with its days off and make-up working days.
    years: Vec<Year>,
}

/// Days as counted from 1 January of year 1 (`num_days_from_ce`), sorted:
/// small in the packed rules, and searched in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Year {
    year: i32,
    days_off: Vec<i32>,
    make_up: Vec<i32>,
}

/// A working day asked of a year whose arrangement is not published (or
/// not shipped): the year, so the message can say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unpublished(pub i32);

impl std::fmt::Display for Unpublished {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "the public holidays of {} are not published yet, so working days in it cannot be counted",
            self.0
        )
    }
}

/// One year's file as written (`rules/calendar/<year>.json`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct YearFile {
    #[serde(rename = "$schema", default)]
    _schema: Option<String>,
    year: i32,
    source: Source,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
    holidays: Vec<Holiday>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Source {
    #[serde(rename = "ref")]
    reference: String,
    title: String,
    #[serde(default)]
    number: Option<String>,
    published: String,
    url: String,
    facts: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Holiday {
    name: String,
    #[allow(dead_code)]
    name_en: String,
    days_off: Vec<String>,
    make_up_working_days: Vec<String>,
}

impl Calendar {
    /// Adds one year's file; an error names the place and the problem (a
    /// date that is not one, or not in the file's year, a day both off
    /// and worked, a make-up working day that is not a Saturday or Sunday,
    /// a year given twice). Gives the year added.
    pub fn add_year(&mut self, text: &str) -> Result<i32, (String, String)> {
        let file: YearFile = serde_json::from_str(text).map_err(|e| {
            (
                format!("line {}, column {}", e.line(), e.column()),
                e.to_string(),
            )
        })?;
        if file.source.title.is_empty() || file.source.url.is_empty() {
            return Err((
                "source".into(),
                "name the State Council notice: its title and URL".into(),
            ));
        }
        if self.years.iter().any(|y| y.year == file.year) {
            return Err(("year".into(), format!("{} is given twice", file.year)));
        }
        let mut days: BTreeMap<NaiveDate, bool> = BTreeMap::new();
        for (hi, h) in file.holidays.iter().enumerate() {
            let lists = [
                ("days_off", &h.days_off, false),
                ("make_up_working_days", &h.make_up_working_days, true),
            ];
            for (list, dates, worked) in lists {
                for (di, text) in dates.iter().enumerate() {
                    let at = format!("holidays[{hi}] ({}).{list}[{di}]", h.name);
                    let day =
                        crate::expr::functions::parse_date(text).map_err(|e| (at.clone(), e))?;
                    if day.year() != file.year {
                        return Err((at, format!("{day} is not in {}", file.year)));
                    }
                    if worked && !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                        return Err((
                            at,
                            format!(
                                "{day} is a weekday: a make-up working day is a Saturday or Sunday"
                            ),
                        ));
                    }
                    if days.insert(day, worked).is_some() {
                        return Err((at, format!("{day} is listed twice")));
                    }
                }
            }
        }
        let split = |worked: bool| {
            days.iter()
                .filter(|(_, w)| **w == worked)
                .map(|(d, _)| d.num_days_from_ce())
                .collect()
        };
        self.years.push(Year {
            year: file.year,
            days_off: split(false),
            make_up: split(true),
        });
        crate::sorting::sort_by_key(&mut self.years, |y| y.year);
        Ok(file.year)
    }

    /// The years published, in order.
    pub fn years(&self) -> Vec<i32> {
        self.years.iter().map(|y| y.year).collect()
    }

    /// Whether `day` is a working day.
    pub fn is_working_day(&self, day: NaiveDate) -> Result<bool, Unpublished> {
        let Some(year) = self.years.iter().find(|y| y.year == day.year()) else {
            return Err(Unpublished(day.year()));
        };
        let n = day.num_days_from_ce();
        if year.make_up.binary_search(&n).is_ok() {
            return Ok(true);
        }
        if year.days_off.binary_search(&n).is_ok() {
            return Ok(false);
        }
        Ok(!matches!(day.weekday(), Weekday::Sat | Weekday::Sun))
    }

    /// Whether `day` is a public holiday of a published year (a weekend
    /// day joined to a holiday included).
    pub fn is_day_off(&self, day: NaiveDate) -> Result<bool, Unpublished> {
        let Some(year) = self.years.iter().find(|y| y.year == day.year()) else {
            return Err(Unpublished(day.year()));
        };
        Ok(year.days_off.binary_search(&day.num_days_from_ce()).is_ok())
    }

    /// The day `n` working days after `from` (`from` itself not counted);
    /// `n` may be negative, for working days before. `n` = 0 is `from`.
    pub fn add_working_days(&self, from: NaiveDate, n: i64) -> Result<NaiveDate, Unpublished> {
        let step = if n < 0 { -1 } else { 1 };
        let mut day = from;
        let mut left = n.unsigned_abs();
        while left > 0 {
            day = day
                .checked_add_signed(chrono::TimeDelta::days(step))
                .ok_or(Unpublished(from.year()))?;
            if self.is_working_day(day)? {
                left -= 1;
            }
        }
        Ok(day)
    }

    /// The working days after `from` up to and including `to` (negative
    /// when `to` is before `from`): from a receipt's day to a decision's.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<i64, Unpublished> {
        let (a, b, sign) = if from <= to {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut count = 0;
        let mut day = a;
        while day < b {
            day = day.succ_opt().ok_or(Unpublished(b.year()))?;
            if self.is_working_day(day)? {
                count += 1;
            }
        }
        Ok(sign * count)
    }
}
