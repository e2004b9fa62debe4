//! Turning one raw answer into a typed value, or saying exactly what is
//! wrong with it. Messages are keys in the `error.*` part of `ui.json`.

use crate::answers::{Answer, DateParts};
use crate::expr::functions::beijing;
use crate::expr::Value;
use crate::files::MediaType;
use crate::ids::{self, IdProblem};
use crate::rules::{Field, FieldKind, FileRule, IdScheme};
use chrono::{NaiveDate, NaiveTime, TimeZone};
use validator::{ValidateLength, ValidateNonControlCharacter, ValidateRange};

/// Longest text accepted when a field sets no `max_length`.
pub const DEFAULT_MAX_LENGTH: usize = 200;

/// What is wrong with an answer: a message key and its placeholders
/// (`{label}` is always filled in by whoever shows it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Short, stable name used in issue codes: `format`, `too_long`, `real_date`…
    pub code: &'static str,
    pub message: &'static str,
    pub params: Vec<(&'static str, String)>,
}

fn problem(code: &'static str, message: &'static str) -> Problem {
    Problem {
        code,
        message,
        params: Vec::new(),
    }
}

/// What the input shows while the user types: names in capitals. Nothing
/// else changes under the user's fingers.
pub fn as_typed(kind: FieldKind, text: &str) -> String {
    match kind {
        FieldKind::Name => text.to_ascii_uppercase(),
        _ => text.to_string(),
    }
}

/// Checks a raw answer against its field's kind and returns the value
/// expressions will see. `scheme` is the identity scheme in force for an
/// `identity_number` field (from `scheme` or the `scheme_field` answer);
/// `today` is the Beijing date of the validation clock (a date of birth in
/// an identity number must not be after it).
pub fn normalize(
    field: &Field,
    raw: &Answer,
    scheme: Option<IdScheme>,
    countries: &[String],
    today: NaiveDate,
) -> Result<Value, Problem> {
    match (field.kind, raw) {
        (FieldKind::Date, Answer::Date(parts)) => parse_date_parts(parts).map(Value::Date),
        (FieldKind::Datetime, Answer::Date(parts)) => parse_datetime(parts),
        (FieldKind::Date | FieldKind::Datetime, Answer::Text(_)) => {
            Err(problem("format", "error.date.real"))
        }
        (FieldKind::File, Answer::File(f)) => match &field.file {
            Some(rule) => check_file(rule, Some(f.media_type), f.size, f.width, f.height)
                .map(|()| Value::String(f.sha256.clone())),
            None => Err(problem("type", "error.file.unknown_type")),
        },
        (FieldKind::File, _) | (_, Answer::File(_)) => Err(problem("format", "error.text.format")),
        (_, Answer::Date(_)) => Err(problem("format", "error.text.format")),
        (FieldKind::Integer, Answer::Text(text)) => normalize_integer(field, text).map(Value::Int),
        (FieldKind::Checkboxes, Answer::Text(text)) => ticked(field, text)
            .map(|values| Value::List(values.into_iter().map(Value::String).collect())),
        (kind, Answer::Text(text)) => {
            let text = match kind {
                FieldKind::Text | FieldKind::ChineseName => text.clone(),
                _ => fold_full_width(text),
            };
            let text = clean(&text, field.max_length.unwrap_or(DEFAULT_MAX_LENGTH))?;
            normalize_text(kind, &text, field, scheme, countries, today).map(Value::String)
        }
    }
}

/// The options ticked in a `checkboxes` answer (their values separated by
/// spaces), in the options' order, each once; a value the field does not
/// offer is refused.
pub fn ticked(field: &Field, text: &str) -> Result<Vec<String>, Problem> {
    let values: Vec<&str> = text.split_whitespace().collect();
    if values
        .iter()
        .any(|v| !field.options.iter().any(|o| o.value == *v))
    {
        return Err(problem("format", "error.choice.unknown"));
    }
    Ok(field
        .options
        .iter()
        .filter(|o| values.contains(&o.value.as_str()))
        .map(|o| o.value.clone())
        .collect())
}

/// A `checkboxes` answer with `value` ticked or unticked (`on`): the values
/// kept in the options' order, a value the field does not offer dropped.
pub fn toggle(field: &Field, raw: &str, value: &str, on: bool) -> String {
    let mut kept: Vec<&str> = raw.split_whitespace().filter(|v| *v != value).collect();
    if on {
        kept.push(value);
    }
    field
        .options
        .iter()
        .filter(|o| kept.contains(&o.value.as_str()))
        .map(|o| o.value.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks a file against its field's rule: what inspecting its bytes found
/// (`media_type` is `None` when it is no kind the engine knows), its size in
/// bytes and, for an image, in pixels. The browser calls this when a file is
/// chosen, before storing it; the validator and the verifier on every check.
pub fn check_file(
    rule: &FileRule,
    media_type: Option<MediaType>,
    size: u64,
    width: Option<u32>,
    height: Option<u32>,
) -> Result<(), Problem> {
    let allowed = rule
        .types
        .iter()
        .map(|t| t.word().to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join(" / ");
    let with = |code, message, params: Vec<(&'static str, String)>| Problem {
        code,
        message,
        params,
    };
    if size == 0 {
        return Err(problem("empty", "error.file.empty"));
    }
    let Some(media_type) = media_type else {
        return Err(with(
            "type",
            "error.file.unknown_type",
            vec![("allowed", allowed)],
        ));
    };
    if !rule.types.contains(&media_type) {
        let found = media_type.word().to_ascii_uppercase();
        return Err(with(
            "type",
            "error.file.wrong_type",
            vec![("found", found), ("allowed", allowed)],
        ));
    }
    if !size.validate_range(None, Some(rule.max_bytes), None, None) {
        return Err(with(
            "too_big",
            "error.file.too_big",
            vec![
                ("size", size_text(size, true)),
                ("max", size_text(rule.max_bytes, false)),
            ],
        ));
    }
    if let Some(min) = rule
        .min_bytes
        .filter(|&min| !size.validate_range(Some(min), None, None, None))
    {
        return Err(with(
            "too_small",
            "error.file.too_small",
            vec![
                ("size", size_text(size, false)),
                ("min", size_text(min, true)),
            ],
        ));
    }
    if !rule.checks_pixels() {
        return Ok(());
    }
    let (Some(w), Some(h)) = (width, height) else {
        return Err(problem("pixels", "error.file.no_pixels"));
    };
    let pixels = |limit_w: Option<u32>, limit_h: Option<u32>| {
        vec![
            ("width", w.to_string()),
            ("height", h.to_string()),
            ("limit_width", limit_w.unwrap_or(w).to_string()),
            ("limit_height", limit_h.unwrap_or(h).to_string()),
        ]
    };
    if !w.validate_range(rule.min_width, None, None, None)
        || !h.validate_range(rule.min_height, None, None, None)
    {
        let params = pixels(rule.min_width, rule.min_height);
        return Err(with("too_few_pixels", "error.image.too_few_pixels", params));
    }
    if !w.validate_range(None, rule.max_width, None, None)
        || !h.validate_range(None, rule.max_height, None, None)
    {
        let params = pixels(rule.max_width, rule.max_height);
        return Err(with(
            "too_many_pixels",
            "error.image.too_many_pixels",
            params,
        ));
    }
    if let Some((aw, ah)) = rule.aspect {
        // Within one pixel of rounding: |w/h - aw/ah| scaled to integers.
        let off = (u64::from(w) * u64::from(ah)).abs_diff(u64::from(h) * u64::from(aw));
        if off > u64::from(aw.max(ah)) {
            let mut params = pixels(None, None);
            params.truncate(2);
            params.push(("aspect", format!("{aw}:{ah}")));
            return Err(with("aspect", "error.image.aspect", params));
        }
    }
    Ok(())
}

/// A file size for messages: `85.2 KB`, `12 MB` (1 KB = 1024 bytes), rounded
/// up or down so that a size just over a limit never reads as the limit.
pub fn size_text(bytes: u64, round_up: bool) -> String {
    let (unit, name) = if bytes >= 1024 * 1024 {
        (1024 * 1024, "MB")
    } else {
        (1024, "KB")
    };
    // Tenths of the unit.
    let scaled = bytes * 10;
    let tenths = if round_up {
        scaled.div_ceil(unit)
    } else {
        scaled / unit
    };
    if tenths % 10 == 0 {
        format!("{} {name}", tenths / 10)
    } else {
        format!("{}.{} {name}", tenths / 10, tenths % 10)
    }
}

/// Characters nobody can see that change how text reads or compares: zero
/// widths, direction overrides, the byte-order mark, the soft hyphen (the
/// control characters are `validator`'s check).
fn invisible(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{61C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}')
}

/// Full-width letters, digits and the ideographic space, as a Chinese input
/// method types them, become their ASCII forms: `１３８` is `138`.
fn fold_full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// Trims, and refuses what is too long or holds control characters (the
/// generic checks by `validator`; the other invisible characters are ours).
fn clean(text: &str, max: usize) -> Result<String, Problem> {
    let trimmed = text.trim();
    // In characters, not bytes: 200 Chinese characters are 600 bytes.
    if !trimmed.validate_length(None, Some(max as u64), None) {
        return Err(Problem {
            code: "too_long",
            message: "error.text.too_long",
            params: vec![("max", max.to_string())],
        });
    }
    if !trimmed.validate_non_control_character() || trimmed.chars().any(invisible) {
        return Err(problem("control_chars", "error.text.control_chars"));
    }
    Ok(trimmed.to_string())
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn normalize_text(
    kind: FieldKind,
    text: &str,
    field: &Field,
    scheme: Option<IdScheme>,
    countries: &[String],
    today: NaiveDate,
) -> Result<String, Problem> {
    match kind {
        FieldKind::Text => Ok(collapse_spaces(text)),
        // A file field's answer is a file, never text (see `normalize`).
        FieldKind::File => Err(problem("format", "error.text.format")),
        FieldKind::Name => {
            // Phone keyboards type the typographic apostrophe ’.
            let name = collapse_spaces(
                &text
                    .replace(['\u{2019}', '\u{2018}', '\u{2BC}'], "'")
                    .to_ascii_uppercase(),
            );
            if name.chars().any(|c| c.is_ascii_digit()) {
                return Err(problem("digits", "error.name.digits"));
            }
            let allowed = |c: char| c.is_ascii_uppercase() || c == ' ' || c == '-' || c == '\'';
            if !name.chars().all(allowed) || !name.starts_with(|c: char| c.is_ascii_uppercase()) {
                return Err(problem("format", "error.name.format"));
            }
            Ok(name)
        }
        FieldKind::ChineseName => {
            let name: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            let han = |c: char| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}');
            if name.chars().all(|c| han(c) || c == '·' || c == '•') && name.chars().any(han) {
                Ok(name.replace('•', "·"))
            } else {
                Err(problem("format", "error.chinese_name.format"))
            }
        }
        FieldKind::Choice => {
            if field.options.iter().any(|o| o.value == text) {
                Ok(text.to_string())
            } else {
                Err(problem("format", "error.choice.unknown"))
            }
        }
        FieldKind::Country => {
            let code = text.to_ascii_uppercase();
            if countries.contains(&code) {
                Ok(code)
            } else {
                Err(problem("format", "error.country.unknown"))
            }
        }
        FieldKind::Phone => normalize_phone(text),
        FieldKind::Postcode => {
            if text.len() == 6 && text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0')
            {
                Ok(text.to_string())
            } else {
                Err(problem("format", "error.postcode.format"))
            }
        }
        FieldKind::IdentityNumber => {
            let id: String = text
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_uppercase();
            check_identity(&id, scheme.unwrap_or(IdScheme::Other), today).map(|()| id)
        }
        FieldKind::Date | FieldKind::Datetime => Err(problem("format", "error.date.real")),
        // Read before text (see `normalize`).
        FieldKind::Integer => Err(problem("format", "error.integer.format")),
        FieldKind::Checkboxes => Err(problem("format", "error.choice.unknown")),
    }
}

/// A whole number typed with digits only (full-width digits folded, spaces
/// around it trimmed), inside the field's `min` and `max`. However long,
/// digits only are a number out of range, not text too long.
fn normalize_integer(field: &Field, text: &str) -> Result<i64, Problem> {
    let digits = fold_full_width(text);
    let digits = digits.trim();
    let with_range = |code, message| Problem {
        params: vec![
            ("min", field.min.map_or(String::new(), |m| m.to_string())),
            ("max", field.max.map_or(String::new(), |m| m.to_string())),
        ],
        ..problem(code, message)
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(with_range("format", "error.integer.format"));
    }
    // More than 18 digits cannot be an i64, and is out of any range a form
    // sets.
    let n: Option<i64> = (digits.len() <= 18).then(|| digits.parse().ok()).flatten();
    match n {
        Some(n) if field.min.is_none_or(|min| n >= min) && field.max.is_none_or(|max| n <= max) => {
            Ok(n)
        }
        _ => Err(with_range("range", "error.integer.range")),
    }
}

/// Chinese mobiles as 11 digits (an optional +86 or 0086 is dropped);
/// other countries' numbers need a `+` and the country code (E.164).
fn normalize_phone(text: &str) -> Result<String, Problem> {
    let compact: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.'))
        .collect();
    let (international, digits) = match compact
        .strip_prefix('+')
        .or_else(|| compact.strip_prefix("00"))
    {
        Some(rest) => (true, rest),
        None => (false, compact.as_str()),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(problem("format", "error.phone.format"));
    }
    let chinese = match (international, digits.strip_prefix("86")) {
        (true, Some(national)) => Some(national),
        (true, None) => None,
        (false, _) => Some(digits),
    };
    match chinese {
        Some(n) => {
            let b = n.as_bytes();
            if b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1]) {
                Ok(n.to_string())
            } else {
                Err(problem("format", "error.phone.chinese"))
            }
        }
        // E.164: at most 15 digits with the country code.
        None if digits.validate_length(Some(7), Some(15), None) && !digits.starts_with('0') => {
            Ok(format!("+{digits}"))
        }
        None => Err(problem("format", "error.phone.format")),
    }
}

/// Checks an identity number, already compact and upper-cased, against its
/// scheme; a problem's message key is `error.id.<scheme>.<problem>`.
fn check_identity(id: &str, scheme: IdScheme, today: NaiveDate) -> Result<(), Problem> {
    let all = |pred: fn(u8) -> bool| id.bytes().all(pred);
    let shape = |ok: bool| ok.then_some(()).ok_or(IdProblem::Format);
    let checked = match scheme {
        IdScheme::CnResidentId => ids::check_resident_id(id, today).map(drop),
        IdScheme::HmtResidencePermit => ids::check_hmt_residence_permit(id, today).map(drop),
        IdScheme::PermanentResidenceCard => ids::check_permanent_residence_card(id, today),
        IdScheme::UnifiedSocialCreditCode => ids::check_unified_social_credit_code(id),
        IdScheme::HkMoTravelPermit => shape(
            matches!(id.len(), 9 | 11)
                && matches!(id.as_bytes()[0], b'H' | b'M')
                && id[1..].bytes().all(|b| b.is_ascii_digit()),
        ),
        IdScheme::TwTravelPermit => {
            shape(matches!(id.len(), 8 | 10) && all(|b| b.is_ascii_digit()))
        }
        IdScheme::Passport => {
            shape((5..=20).contains(&id.len()) && all(|b| b.is_ascii_alphanumeric()))
        }
        IdScheme::Other => {
            shape((1..=30).contains(&id.len()) && all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        }
    };
    checked.map_err(|p| problem(p.code(), id_message(scheme, p)))
}

/// `error.id.<scheme>.<problem>`, spelled out at compile time (a message
/// key is `&'static str`). A scheme meets only some problems (`ids.rs`);
/// the keys of those it meets are in every language's `ui.json`.
fn id_message(scheme: IdScheme, p: IdProblem) -> &'static str {
    macro_rules! keys {
        ($scheme:literal) => {
            match p {
                IdProblem::Format => concat!("error.id.", $scheme, ".format"),
                IdProblem::Prefix => concat!("error.id.", $scheme, ".prefix"),
                IdProblem::Division => concat!("error.id.", $scheme, ".division"),
                IdProblem::BirthDate => concat!("error.id.", $scheme, ".birth_date"),
                IdProblem::BornAfterToday => concat!("error.id.", $scheme, ".born_after_today"),
                IdProblem::BornBefore1900 => concat!("error.id.", $scheme, ".born_before_1900"),
                IdProblem::CheckDigit => concat!("error.id.", $scheme, ".check_digit"),
            }
        };
    }
    match scheme {
        IdScheme::CnResidentId => keys!("cn_resident_id"),
        IdScheme::PermanentResidenceCard => keys!("permanent_residence_card"),
        IdScheme::HkMoTravelPermit => keys!("hk_mo_travel_permit"),
        IdScheme::TwTravelPermit => keys!("tw_travel_permit"),
        IdScheme::HmtResidencePermit => keys!("hmt_residence_permit"),
        IdScheme::UnifiedSocialCreditCode => keys!("unified_social_credit_code"),
        IdScheme::Passport => keys!("passport"),
        IdScheme::Other => keys!("other"),
    }
}

fn parse_date_parts(p: &DateParts) -> Result<NaiveDate, Problem> {
    let (d, m, y) = (
        fold_full_width(&p.day),
        fold_full_width(&p.month),
        fold_full_width(&p.year),
    );
    let (d, m, y) = (d.trim(), m.trim(), y.trim());
    let missing: Vec<&str> = [("day", d), ("month", m), ("year", y)]
        .into_iter()
        .filter(|(_, v)| v.is_empty())
        .map(|(name, _)| name)
        .collect();
    if !missing.is_empty() {
        return Err(Problem {
            code: "incomplete",
            message: match missing.as_slice() {
                ["day"] => "error.date.missing_day",
                ["month"] => "error.date.missing_month",
                ["year"] => "error.date.missing_year",
                _ => "error.date.incomplete",
            },
            params: Vec::new(),
        });
    }
    let number = |s: &str| {
        (s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (Some(day), Some(month), Some(year)) = (number(d), number(m), number(y)) else {
        return Err(problem("not_numbers", "error.date.not_numbers"));
    };
    if y.len() != 4 {
        return Err(problem("year_digits", "error.date.year_digits"));
    }
    i32::try_from(year)
        .ok()
        .and_then(|year| NaiveDate::from_ymd_opt(year, month, day))
        .ok_or_else(|| problem("real_date", "error.date.real"))
}

fn parse_datetime(p: &DateParts) -> Result<Value, Problem> {
    let date = parse_date_parts(p)?;
    let time = fold_full_width(p.time.as_deref().unwrap_or(""));
    let time = time.trim();
    if time.is_empty() {
        return Err(problem("missing_time", "error.time.missing"));
    }
    let t = parse_hh_mm(time).ok_or_else(|| problem("time_format", "error.time.format"))?;
    beijing()
        .from_local_datetime(&date.and_time(t))
        .single()
        .map(Value::Timestamp)
        .ok_or_else(|| problem("time_format", "error.time.format"))
}

/// `14:30` or `9:05`; a browser's time input may add seconds (`14:30:00`).
fn parse_hh_mm(s: &str) -> Option<NaiveTime> {
    let number = |p: &str| {
        ((1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let parts: Vec<&str> = s.split(':').collect();
    match parts.as_slice() {
        [h, m] => NaiveTime::from_hms_opt(number(h)?, number(m)?, 0),
        [h, m, sec] => NaiveTime::from_hms_opt(number(h)?, number(m)?, number(sec)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(kind: FieldKind) -> Field {
        Field {
            id: "f".into(),
            kind,
            label: "l".into(),
            hint: None,
            required: false,
            required_if: None,
            visible_if: None,
            required_message: None,
            options: Vec::new(),
            widget: None,
            scheme_field: None,
            scheme: None,
            max_length: None,
            autocomplete: None,
            constraints: Vec::new(),
            file: None,
            min: None,
            max: None,
            suffix: None,
            source: None,
        }
    }

    /// The personal photo of domain facts §3.1.
    fn photo_rule() -> FileRule {
        FileRule {
            types: vec![MediaType::Jpeg],
            min_bytes: Some(20 * 1024),
            max_bytes: 80 * 1024,
            min_width: Some(354),
            max_width: Some(480),
            min_height: Some(472),
            max_height: Some(640),
            aspect: Some((3, 4)),
        }
    }

    fn photo(media_type: Option<MediaType>, size: u64, w: u32, h: u32) -> Result<(), Problem> {
        check_file(&photo_rule(), media_type, size, Some(w), Some(h))
    }

    fn params(r: Result<(), Problem>) -> (&'static str, Vec<(&'static str, String)>) {
        let p = r.unwrap_err();
        (p.message, p.params)
    }

    #[test]
    fn a_photo_is_checked_as_the_exit_entry_rules_say() {
        let jpeg = Some(MediaType::Jpeg);
        assert_eq!(photo(jpeg, 40_000, 354, 472), Ok(()));
        assert_eq!(photo(jpeg, 40_000, 480, 640), Ok(()));
        assert_eq!(
            photo(jpeg, 40_000, 390, 521),
            Ok(()),
            "within a pixel of 3:4"
        );
        let too_few = params(photo(jpeg, 40_000, 300, 400));
        assert_eq!(too_few.0, "error.image.too_few_pixels");
        let p = |k: &str| too_few.1.iter().find(|(n, _)| *n == k).unwrap().1.clone();
        assert_eq!((p("width"), p("height")), ("300".into(), "400".into()));
        assert_eq!(
            (p("limit_width"), p("limit_height")),
            ("354".into(), "472".into())
        );
        assert_eq!(
            params(photo(jpeg, 40_000, 600, 800)).0,
            "error.image.too_many_pixels"
        );
        assert_eq!(
            params(photo(jpeg, 40_000, 400, 472)).0,
            "error.image.aspect"
        );
        assert_eq!(
            params(photo(jpeg, 90_000, 354, 472)),
            (
                "error.file.too_big",
                vec![("size", "87.9 KB".into()), ("max", "80 KB".into())]
            )
        );
        assert_eq!(
            params(photo(jpeg, 20_000, 354, 472)),
            (
                "error.file.too_small",
                vec![("size", "19.5 KB".into()), ("min", "20 KB".into())]
            )
        );
        // Just over the limit never reads as the limit itself.
        assert_eq!(
            params(photo(jpeg, 80 * 1024 + 1, 354, 472)).1[0].1,
            "80.1 KB"
        );
        assert_eq!(
            params(photo(jpeg, 50 * 1024 * 1024, 354, 472)).1[0].1,
            "50 MB"
        );
    }

    #[test]
    fn the_kind_comes_before_the_size_and_an_empty_file_before_both() {
        assert_eq!(
            params(photo(Some(MediaType::Png), 40_000, 354, 472)),
            (
                "error.file.wrong_type",
                vec![("found", "PNG".into()), ("allowed", "JPEG".into())]
            )
        );
        assert_eq!(
            params(photo(None, 99_000_000, 1, 1)).0,
            "error.file.unknown_type"
        );
        assert_eq!(params(photo(None, 0, 1, 1)).0, "error.file.empty");
        let unreadable = check_file(&photo_rule(), Some(MediaType::Jpeg), 40_000, None, None);
        assert_eq!(params(unreadable).0, "error.file.no_pixels");
    }

    /// The Beijing date the tests check at.
    const TODAY: NaiveDate = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();

    fn text(kind: FieldKind, s: &str) -> Result<Value, Problem> {
        id_as(Some(IdScheme::CnResidentId), kind, s)
    }

    fn id_as(scheme: Option<IdScheme>, kind: FieldKind, s: &str) -> Result<Value, Problem> {
        normalize(
            &field(kind),
            &Answer::Text(s.into()),
            scheme,
            &["FRA".into(), "D".into()],
            TODAY,
        )
    }

    fn code(r: Result<Value, Problem>) -> &'static str {
        r.err().map(|p| p.code).unwrap_or("ok")
    }

    #[test]
    fn names_are_capitals_without_digits() {
        assert!(
            matches!(text(FieldKind::Name, "  o'brien-smith  ann "), Ok(Value::String(s)) if s == "O'BRIEN-SMITH ANN")
        );
        assert_eq!(code(text(FieldKind::Name, "ANNA2")), "digits");
        assert_eq!(code(text(FieldKind::Name, "MÜLLER")), "format");
        assert_eq!(code(text(FieldKind::Name, "ANNA\u{7}")), "control_chars");
        assert_eq!(code(text(FieldKind::Name, &"A".repeat(10_000))), "too_long");
    }

    #[test]
    fn phones() {
        assert!(
            matches!(text(FieldKind::Phone, "138 1234 5678"), Ok(Value::String(s)) if s == "13812345678")
        );
        assert!(
            matches!(text(FieldKind::Phone, "+86 138-1234-5678"), Ok(Value::String(s)) if s == "13812345678")
        );
        assert!(
            matches!(text(FieldKind::Phone, "+44 7700 900123"), Ok(Value::String(s)) if s == "+447700900123")
        );
        assert_eq!(code(text(FieldKind::Phone, "12812345678")), "format");
        assert_eq!(code(text(FieldKind::Phone, "07700900123")), "format");
        assert_eq!(code(text(FieldKind::Phone, "+86 12345")), "format");
    }

    #[test]
    fn resident_ids() {
        assert!(
            matches!(text(FieldKind::IdentityNumber, "34052419800101001x"), Ok(Value::String(s)) if s == "34052419800101001X")
        );
        assert_eq!(
            code(text(FieldKind::IdentityNumber, "340524198001010011")),
            "check_digit"
        );
        assert_eq!(code(text(FieldKind::IdentityNumber, "12345")), "format");
    }

    /// What an identity number typed under `scheme` comes to: its accepted
    /// form, or its problem's code and message key.
    fn id(scheme: IdScheme, s: &str) -> Result<String, (&'static str, &'static str)> {
        match id_as(Some(scheme), FieldKind::IdentityNumber, s) {
            Ok(Value::String(s)) => Ok(s),
            Ok(v) => panic!("{v:?}"),
            Err(p) => Err((p.code, p.message)),
        }
    }

    /// A GB 11643 number with its right check character.
    fn gb11643(first17: &str) -> String {
        format!("{first17}{}", ids::mod11_2_check_char(first17).unwrap())
    }

    #[test]
    fn a_date_of_birth_after_today_or_before_1900_is_refused() {
        for (scheme, name, prefix) in [
            (IdScheme::CnResidentId, "cn_resident_id", "110105"),
            (
                IdScheme::HmtResidencePermit,
                "hmt_residence_permit",
                "810000",
            ),
            (
                IdScheme::PermanentResidenceCard,
                "permanent_residence_card",
                "911000",
            ),
        ] {
            let born = |date: &str| id(scheme, &gb11643(&format!("{prefix}{date}002")));
            let key = |problem: &str| format!("error.id.{name}.{problem}");
            assert!(born("20261130").is_ok(), "born today: {name}");
            assert!(born("19000101").is_ok(), "born 1 January 1900: {name}");
            let (code, message) = born("20261201").unwrap_err();
            assert_eq!((code, message), ("born_after_today", &*key(code)));
            let (code, message) = born("18991231").unwrap_err();
            assert_eq!((code, message), ("born_before_1900", &*key(code)));
            let (code, message) = born("19800230").unwrap_err();
            assert_eq!((code, message), ("birth_date", &*key(code)));
        }
    }

    #[test]
    fn hmt_residence_permits() {
        let scheme = IdScheme::HmtResidencePermit;
        for prefix in ["810000", "820000", "830000"] {
            let number = gb11643(&format!("{prefix}19900515002"));
            assert_eq!(id(scheme, &number), Ok(number.clone()));
        }
        let taiwan = gb11643("83000019900515002");
        let spaced = format!(" {} {} ", &taiwan[..6], &taiwan[6..]);
        assert_eq!(id(scheme, &spaced), Ok(taiwan.clone()));
        let prefix = Err(("prefix", "error.id.hmt_residence_permit.prefix"));
        // A mainland resident ID given as a residence permit.
        assert_eq!(id(scheme, "34052419800101001x"), prefix);
        assert_eq!(id(scheme, &gb11643("84000019900515002")), prefix);
        let wrong = format!(
            "{}{}",
            &taiwan[..17],
            if taiwan.ends_with('0') { 1 } else { 0 }
        );
        assert_eq!(
            id(scheme, &wrong),
            Err(("check_digit", "error.id.hmt_residence_permit.check_digit"))
        );
        assert_eq!(
            id(scheme, "8100001990051500"),
            Err(("format", "error.id.hmt_residence_permit.format"))
        );
    }

    #[test]
    fn unified_social_credit_codes() {
        let scheme = IdScheme::UnifiedSocialCreditCode;
        let code = "91350100M000100Y43";
        assert_eq!(id(scheme, code), Ok(code.into()));
        // Lower case and full-width characters, as typed, are accepted.
        assert_eq!(id(scheme, "91350100m000100y43"), Ok(code.into()));
        assert_eq!(
            id(scheme, "９１３５０１００Ｍ０００１００Ｙ４３"),
            Ok(code.into())
        );
        let format = Err(("format", "error.id.unified_social_credit_code.format"));
        for bad in [
            "91350100M000100Y4",
            "91350100M000100Y433",
            "91350100MO00100Y43",
        ] {
            assert_eq!(id(scheme, bad), format, "{bad}");
        }
        assert_eq!(
            id(scheme, "91A50100M000100Y43"),
            Err(("division", "error.id.unified_social_credit_code.division"))
        );
        assert_eq!(
            id(scheme, "91350100M000100Y4Z"),
            Err((
                "check_digit",
                "error.id.unified_social_credit_code.check_digit"
            ))
        );
    }

    /// Every key an identity number's problem can have is in each shipped
    /// language's `ui.json`.
    #[test]
    fn identity_messages_are_in_every_language() {
        use IdProblem::*;
        let locales = [
            include_str!("../../../rules/locales/en/ui.json"),
            include_str!("../../../rules/locales/zh-CN/ui.json"),
        ]
        .map(|text| serde_json::from_str::<serde_json::Value>(text).unwrap());
        // What each scheme's check in `ids.rs` can find.
        let found: [(IdScheme, &[IdProblem]); 8] = [
            (
                IdScheme::CnResidentId,
                &[
                    Format,
                    BirthDate,
                    BornAfterToday,
                    BornBefore1900,
                    CheckDigit,
                ],
            ),
            (
                IdScheme::PermanentResidenceCard,
                &[
                    Format,
                    BirthDate,
                    BornAfterToday,
                    BornBefore1900,
                    CheckDigit,
                ],
            ),
            (
                IdScheme::HmtResidencePermit,
                &[
                    Format,
                    Prefix,
                    BirthDate,
                    BornAfterToday,
                    BornBefore1900,
                    CheckDigit,
                ],
            ),
            (
                IdScheme::UnifiedSocialCreditCode,
                &[Format, Division, CheckDigit],
            ),
            (IdScheme::HkMoTravelPermit, &[Format]),
            (IdScheme::TwTravelPermit, &[Format]),
            (IdScheme::Passport, &[Format]),
            (IdScheme::Other, &[Format]),
        ];
        for (scheme, problems) in found {
            for &p in problems {
                let key = id_message(scheme, p);
                for locale in &locales {
                    assert!(locale[key].is_string(), "{key}");
                }
            }
        }
    }

    #[test]
    fn dates() {
        let d = |day: &str, month: &str, year: &str| {
            let parts = DateParts {
                day: day.into(),
                month: month.into(),
                year: year.into(),
                time: None,
            };
            normalize(
                &field(FieldKind::Date),
                &Answer::Date(parts),
                None,
                &[],
                TODAY,
            )
        };
        assert!(matches!(d("29", "2", "2024"), Ok(Value::Date(_))));
        assert_eq!(code(d("29", "2", "2025")), "real_date");
        assert_eq!(code(d("31", "2", "2024")), "real_date");
        assert_eq!(code(d("", "2", "2024")), "incomplete");
        assert_eq!(
            d("", "2", "2024").unwrap_err().message,
            "error.date.missing_day"
        );
        assert_eq!(code(d("1", "2", "24")), "year_digits");
        assert_eq!(code(d("a", "2", "2024")), "not_numbers");
    }

    #[test]
    fn countries_accept_icao_codes() {
        assert!(matches!(text(FieldKind::Country, "d"), Ok(Value::String(s)) if s == "D"));
        assert_eq!(code(text(FieldKind::Country, "ZZZ")), "format");
    }
}
