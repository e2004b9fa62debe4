//! What the page before a service says, worked out from the form itself:
//! who may apply, the time limits, the fee, and the documents that may be
//! needed, before anyone has answered.
//!
//! The documents and the time limits are not written twice. A rule's
//! `summary` and a document are listed when they can apply to the service:
//! each condition is evaluated with only the service's preset answers
//! known (everything else absent), and CEL's error absorption does the
//! rest. A condition that is false with the preset alone never applies to
//! the service (`answers.procedure == 'renewal' && …` for a first
//! application); one that is true always does; one that needs answers not
//! yet given may.

use crate::expr::functions::beijing_date;
use crate::expr::{Value, Vars};
use crate::rules::{CompiledForm, FieldKind, MessageKey, ServiceDef};
use crate::validate::Clock;
use std::collections::BTreeMap;

/// The guidance for one service, in message keys and document ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceGuidance {
    /// Who may apply: the form's `guidance.who`.
    pub who: Vec<MessageKey>,
    /// The form's `guidance.time`, then the summary of each rule that can
    /// apply to the service, in the form's order.
    pub time: Vec<MessageKey>,
    pub fee: Vec<MessageKey>,
    /// Documents every applicant of the service needs.
    pub documents: Vec<String>,
    /// Documents some need, depending on their answers.
    pub maybe_documents: Vec<String>,
}

/// Three-valued: what a condition gives when only the preset is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Known {
    Yes,
    No,
    Depends,
}

fn known(result: Option<Result<Value, crate::expr::Error>>) -> Known {
    match result {
        None | Some(Ok(Value::Bool(true))) => Known::Yes,
        Some(Ok(_)) => Known::No,
        Some(Err(_)) => Known::Depends,
    }
}

/// The guidance for `service` of `form`, at `clock` (for `today` and `now`,
/// which a time limit's condition may read).
pub fn for_service(form: &CompiledForm, service: &ServiceDef, clock: Clock) -> ServiceGuidance {
    let def = &form.def;
    let vars = preset_vars(form, service, clock);
    let page_shown = |pi: usize| {
        known(
            form.pages[pi]
                .visible_if
                .as_ref()
                .map(|p| p.eval_in(&vars, &form.calendar)),
        )
    };
    let field_shown = |(pi, fi): (usize, usize)| {
        page_shown(pi) != Known::No
            && known(
                form.pages[pi].fields[fi]
                    .visible_if
                    .as_ref()
                    .map(|p| p.eval_in(&vars, &form.calendar)),
            ) != Known::No
    };

    let mut time = def
        .guidance
        .as_ref()
        .map(|g| g.time.clone())
        .unwrap_or_default();
    for (ri, rule) in def.rules.iter().enumerate() {
        let Some(summary) = &rule.summary else {
            continue;
        };
        let shown = form
            .field_positions
            .get(&rule.field)
            .is_some_and(|at| field_shown(*at));
        // A rule fires when its assertion is false: one that holds with
        // the preset alone never fires for this service.
        // Rules that differ only in whom they speak to share a summary.
        let fires = known(Some(form.rules[ri].eval_in(&vars, &form.calendar))) != Known::Yes;
        if shown && fires && !time.contains(summary) {
            time.push(summary.clone());
        }
    }

    let mut documents = Vec::new();
    let mut maybe_documents = Vec::new();
    for (doc, when) in def.documents.iter().zip(&form.documents) {
        match known(when.as_ref().map(|p| p.eval_in(&vars, &form.calendar))) {
            Known::Yes => documents.push(doc.id.clone()),
            Known::Depends => maybe_documents.push(doc.id.clone()),
            Known::No => {}
        }
    }
    let guidance = def.guidance.clone().unwrap_or_default();
    ServiceGuidance {
        who: guidance.who,
        time,
        fee: guidance.fee,
        documents,
        maybe_documents,
    }
}

/// The variables with only the service's preset answered: `answers` (the
/// preset choices), `calc` (what can be worked out from them), `today`
/// and `now`; no `filler` or `principal`, so whatever reads them depends.
fn preset_vars(form: &CompiledForm, service: &ServiceDef, clock: Clock) -> Vars {
    // Inserted one by one: collecting into a map sorts, which costs the
    // browser's download kilobytes.
    let mut answers = BTreeMap::new();
    for (id, value) in &service.preset {
        if form.field(id).is_some_and(|f| f.kind == FieldKind::Choice) {
            answers.insert(id.clone(), Value::String(value.clone()));
        }
    }
    let mut vars = Vars::new();
    vars.insert("answers".into(), Value::Map(answers));
    vars.insert("today".into(), Value::Date(beijing_date(&clock.now)));
    vars.insert("now".into(), Value::Timestamp(clock.now));
    vars.insert("calc".into(), Value::Map(BTreeMap::new()));
    for (c, program) in form.def.calculated.iter().zip(&form.calculated) {
        if let Ok(v) = program.eval_in(&vars, &form.calendar) {
            if let Some(Value::Map(calc)) = vars.get_mut("calc") {
                calc.insert(c.id.clone(), v);
            }
        }
    }
    vars
}
