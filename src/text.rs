//! Looking up the words a user sees, in their language.

use chrono::{Datelike, NaiveDate, Timelike};
use dossier_engine::answers::Answer;
use dossier_engine::expr::Value;
use dossier_engine::rules::{Catalog, CompiledForm, Field, FieldKind};
use dossier_engine::validate::Issue;

/// The text of an issue, with `{label}` replaced by its field's label,
/// worded for `person` (`None`: the reader, "you").
pub fn issue_text(
    catalog: &Catalog,
    form: &CompiledForm,
    issue: &Issue,
    person: Option<&str>,
) -> String {
    let label = form
        .field(&issue.field)
        .map(|f| catalog.text_about(&f.label, person, &[]))
        .unwrap_or_default();
    // A rule's date (`YYYY-MM-DD`) reads as people write dates.
    let shown: Vec<(&str, String)> = issue
        .params
        .iter()
        .map(|(k, v)| {
            let date = dossier_engine::expr::functions::parse_date(v).ok();
            (
                k.as_str(),
                date.map_or_else(|| v.clone(), |d| date_text(catalog, d)),
            )
        })
        .collect();
    let mut params: Vec<(&str, &str)> = shown.iter().map(|(k, v)| (*k, v.as_str())).collect();
    params.push(("label", &label));
    catalog.text_about(&issue.message, person, &params)
}

/// A date as people write it: `21 November 2026`, `2026年11月21日`.
pub fn date_text(catalog: &Catalog, d: NaiveDate) -> String {
    let month = catalog.text(&format!("date.month_name.{}", d.month()), &[]);
    catalog.text(
        "date.format",
        &[
            ("day", &d.day().to_string()),
            ("month", &d.month().to_string()),
            ("month_name", &month),
            ("year", &d.year().to_string()),
        ],
    )
}

/// How a valid answer reads on the check page; raw text when not valid.
/// `names` fills an option's placeholders (`{principal}`).
pub fn answer_text(
    catalog: &Catalog,
    field: &Field,
    raw: &Answer,
    value: Option<&Value>,
    person: Option<&str>,
    names: &[(&str, &str)],
) -> String {
    if let Answer::File(f) = raw {
        return f.name.clone();
    }
    match (field.kind, value) {
        (FieldKind::Choice, Some(Value::String(v))) => field
            .options
            .iter()
            .find(|o| o.value == *v)
            .map(|o| catalog.text_about(&o.label, person, names))
            .unwrap_or_else(|| v.clone()),
        (FieldKind::Checkboxes, Some(Value::List(ticked))) => {
            let labels: Vec<String> = ticked
                .iter()
                .filter_map(|v| {
                    field
                        .options
                        .iter()
                        .find(|o| Value::String(o.value.clone()) == *v)
                })
                .map(|o| catalog.text_about(&o.label, person, names))
                .collect();
            labels.join(&catalog.text("answer.list_separator", &[]))
        }
        (FieldKind::Country, Some(Value::String(code))) => {
            catalog.text(&format!("country.{code}"), &[])
        }
        (_, Some(Value::Date(d))) => date_text(catalog, *d),
        (_, Some(Value::Timestamp(t))) => {
            let time = format!("{:02}:{:02}", t.hour(), t.minute());
            catalog.text(
                "date.datetime",
                &[
                    ("date", &date_text(catalog, t.date_naive())),
                    ("time", &time),
                ],
            )
        }
        (_, Some(Value::String(s))) => s.clone(),
        (_, _) => match raw {
            Answer::Text(s) => s.clone(),
            Answer::Date(p) => {
                let date = format!("{}/{}/{}", p.day, p.month, p.year);
                match &p.time {
                    Some(t) => format!("{date} {t}"),
                    None => date,
                }
            }
            Answer::File(f) => f.name.clone(),
        },
    }
}
