//! People carried from one filing into another on the same device: a
//! family that registered where it stays, then applies for residence
//! permits, need not type its names and passports again.
//!
//! An answer carries over to a field of the same id in the form opened,
//! when the answer has that field's shape: a date for a date field, a
//! value among a choice's options, a listed country code. Forms give one
//! fact the same id (`surname`, `date_of_birth`, `passport_number`…:
//! docs/rules-guide.md). Files, and the fields the form's service presets
//! (its procedure), are never carried; the answers are checked by the
//! rules as if typed, so nothing wrong passes unseen.

use crate::answers::{Answer, Applicant};
use crate::rules::{CompiledForm, FieldKind, Scope};

/// The answers of `from` that `form` asks of an applicant, added to
/// `into` (a new applicant with the service's presets, which stay).
pub fn carry(form: &CompiledForm, from: &Applicant, into: &mut Applicant) {
    for (id, answer) in &from.answers {
        let Some(&(pi, fi)) = form.field_positions.get(id) else {
            continue;
        };
        if form.page_scopes[pi] == Scope::Filler || into.answers.contains_key(id) {
            continue;
        }
        let field = &form.def.pages[pi].fields[fi];
        let has = |v: &str| field.options.iter().any(|o| o.value == v);
        let fits = match (field.kind, answer) {
            (FieldKind::File, _) | (_, Answer::File(_)) => false,
            (FieldKind::Date | FieldKind::Datetime, Answer::Date(_)) => true,
            (FieldKind::Date | FieldKind::Datetime, Answer::Text(_)) => false,
            (_, Answer::Date(_)) => false,
            (FieldKind::Choice, Answer::Text(v)) => has(v),
            (FieldKind::Checkboxes, Answer::Text(v)) => v.split_whitespace().all(has),
            (FieldKind::Country, Answer::Text(v)) => form.countries.codes.contains(v),
            (_, Answer::Text(_)) => true,
        };
        if fits {
            into.answers.insert(id.clone(), answer.clone());
        }
    }
}
