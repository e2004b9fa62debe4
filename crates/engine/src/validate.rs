//! Running a compiled form over a dossier: which pages and fields apply,
//! what is wrong, which documents are needed.
//!
//! Deterministic: the same form, answers and clock give the same report in
//! the browser and in the verifier.

use crate::answers::{Answer, Dossier};
use crate::expr::functions::beijing_date;
use crate::expr::{Value, Vars};
use crate::fields::{self, Problem};
use crate::rules::compile::{scheme_from_value, CompiledForm};
use crate::rules::{FieldKind, Scope, Severity};
use chrono::{DateTime, FixedOffset};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The moment the rules are checked at: the device's time in the browser,
/// the signed creation time in the verifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    pub now: DateTime<FixedOffset>,
}

impl Clock {
    pub fn at(now: DateTime<FixedOffset>) -> Self {
        Clock { now }
    }
}

/// One problem found, in the language-neutral form the browser shows and
/// the verifier compares.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Issue {
    /// Which applicant, by position; `None` for the filler's own pages.
    pub applicant: Option<usize>,
    pub page: String,
    pub field: String,
    /// Stable id: `<field>.required`, `<field>.<problem or constraint>`, `<rule id>`.
    pub code: String,
    pub severity: Severity,
    /// Message key; `{label}` in it stands for the field's label.
    pub message: String,
    pub params: BTreeMap<String, String>,
    /// For a cross-field rule, the other answers it reads: the issue can be
    /// fixed on their pages too, and is shown there when the user continues.
    pub related: Vec<String>,
}

/// Everything the engine works out for one applicant.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ApplicantReport {
    /// Per page of the form: does it apply?
    pub pages_visible: Vec<bool>,
    /// Per page, per field: does it apply?
    pub fields_visible: Vec<Vec<bool>>,
    /// Valid answers as expressions see them, by field id.
    pub values: BTreeMap<String, Value>,
    /// The form's calculated values that could be worked out, by id.
    pub calc: BTreeMap<String, Value>,
    /// Ids of the documents this applicant needs.
    pub documents: Vec<String>,
    pub issues: Vec<Issue>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// The pages about the person filling in for others (`filler`
    /// sections), asked once; only those pages are visible in it.
    pub filler: ApplicantReport,
    /// Shared, so that a keystroke re-checks one applicant and keeps the
    /// others' reports without copying them (the browser's household budget).
    pub applicants: Vec<Arc<ApplicantReport>>,
}

impl Report {
    /// The filler's issues, then each applicant's.
    pub fn issues(&self) -> impl Iterator<Item = &Issue> {
        self.filler
            .issues
            .iter()
            .chain(self.applicants.iter().flat_map(|a| &a.issues))
    }

    pub fn has_errors(&self) -> bool {
        self.issues().any(|i| i.severity == Severity::Error)
    }
}

/// Validates the filler's pages, then every applicant of `dossier`: the
/// first before the others, whose rules may read the first's answers
/// (`principal`).
pub fn validate(form: &CompiledForm, dossier: &Dossier, clock: Clock) -> Report {
    let filler = run(
        form,
        None,
        dossier.filler.role.is_self(),
        &dossier.filler.answers,
        base_vars(dossier, false, &BTreeMap::new(), clock),
        clock,
    );
    let mut applicants: Vec<Arc<ApplicantReport>> = Vec::with_capacity(dossier.applicants.len());
    for i in 0..dossier.applicants.len() {
        let principal = applicants.first().map(|r| r.as_ref());
        let report = validate_applicant(form, dossier, &filler, principal, i, clock);
        applicants.push(Arc::new(report));
    }
    Report { applicants, filler }
}

/// Validates applicant `index` of `dossier`, given the filler's report
/// (whose answers its rules may read as `filler.answers`) and, for any
/// but the first, the first applicant's (`principal.answers`).
pub fn validate_applicant(
    form: &CompiledForm,
    dossier: &Dossier,
    filler: &ApplicantReport,
    principal: Option<&ApplicantReport>,
    index: usize,
    clock: Clock,
) -> ApplicantReport {
    let is_filler = dossier.is_filler(index);
    let mut vars = base_vars(dossier, is_filler, &filler.values, clock);
    let principal_values = match (index, principal) {
        (0, _) | (_, None) => None,
        (_, Some(p)) => Some(p.values.clone()),
    };
    let mut principal = BTreeMap::new();
    principal.insert("is_applicant".to_string(), Value::Bool(index == 0));
    // The first applicant's own are filled in by `run` as they are read.
    principal.insert(
        "answers".to_string(),
        Value::Map(principal_values.unwrap_or_default()),
    );
    vars.insert("principal".into(), Value::Map(principal));
    run(
        form,
        Some(index),
        is_filler,
        &dossier.applicants[index].answers,
        vars,
        clock,
    )
}

/// The variables every expression sees: `filler` (role, whether the filler
/// is this applicant, the filler's valid answers), `today`, `now`.
/// (`answers`, `calc` and `principal` are set as the run works them out.)
fn base_vars(
    dossier: &Dossier,
    is_filler: bool,
    filler_values: &BTreeMap<String, Value>,
    clock: Clock,
) -> Vars {
    let mut filler = BTreeMap::new();
    filler.insert(
        "role".to_string(),
        Value::String(dossier.filler.role.as_str().to_string()),
    );
    filler.insert("is_applicant".to_string(), Value::Bool(is_filler));
    filler.insert("answers".to_string(), Value::Map(filler_values.clone()));
    let mut vars = Vars::new();
    vars.insert("filler".into(), Value::Map(filler));
    vars.insert("today".into(), Value::Date(beijing_date(&clock.now)));
    vars.insert("now".into(), Value::Timestamp(clock.now));
    vars
}

/// Runs the pages of one part of the form: the filler's (`applicant` is
/// `None`) or an applicant's. Pages of the other part count as not visible,
/// so their fields, rules and documents are left alone. `is_filler`: the
/// filler is an applicant (this one, or for the filler's part, the first),
/// so `helper` (or `filler`) pages do not apply. `clock`'s Beijing date is
/// the `today` identity numbers' dates of birth are held against.
fn run(
    form: &CompiledForm,
    applicant: Option<usize>,
    is_filler: bool,
    answers: &BTreeMap<String, Answer>,
    mut vars: Vars,
    clock: Clock,
) -> ApplicantReport {
    let in_part: Vec<bool> = form
        .page_scopes
        .iter()
        .map(|scope| match (scope, applicant) {
            (Scope::Filler, None) => !is_filler,
            (Scope::Applicant, Some(_)) => true,
            (Scope::Helper, Some(_)) => !is_filler,
            _ => false,
        })
        .collect();
    let def = &form.def;
    // A handful per applicant at most: a list, not another map type in the wasm.
    let mut problems: Vec<(&str, Problem)> = Vec::new();
    let mut all_values: BTreeMap<String, Value> = BTreeMap::new();
    let today = beijing_date(&clock.now);
    for field in def.pages.iter().flat_map(|p| &p.fields) {
        let Some(raw) = answers.get(&field.id).filter(|a| !a.is_blank()) else {
            continue;
        };
        let scheme = field.scheme.or_else(|| {
            let other = field.scheme_field.as_ref()?;
            scheme_from_value(answers.get(other)?.as_text()?.trim())
        });
        match fields::normalize(field, raw, scheme, &form.countries.codes, today) {
            Ok(v) => {
                all_values.insert(field.id.clone(), v);
            }
            Err(p) => {
                problems.push((&field.id, p));
            }
        }
    }

    // Calculated values come first, as visibility may depend on them, and
    // again after each pass, from the answers that stay visible.
    let with_calc = applicant.is_some();
    set_answers(&mut vars, all_values.clone(), applicant.is_none());
    let mut calc = calculate(form, with_calc, &mut vars);
    let (mut pages_visible, mut fields_visible) = visibility(form, &in_part, &vars);
    // Hiding a field hides its answer, which can hide (or show) others: the
    // passes go on until nothing changes. A visibility whose dependencies
    // go `visibility_depth` answers deep is settled by that pass, so one
    // more finds that nothing changes (for rules that passed the full
    // check, which refuses a cycle); the loop never ends by running out.
    for _ in 0..=form.visibility_depth {
        // The answers that stay visible, field by field (no lookups by id).
        let mut visible_values = BTreeMap::new();
        for (pi, page) in def
            .pages
            .iter()
            .enumerate()
            .filter(|(pi, _)| pages_visible[*pi])
        {
            for (fi, field) in page.fields.iter().enumerate() {
                if let (true, Some(v)) = (fields_visible[pi][fi], all_values.get(&field.id)) {
                    visible_values.insert(field.id.clone(), v.clone());
                }
            }
        }
        // Nothing hidden had an answer: what was worked out stands.
        if matches!(vars.get("answers"), Some(Value::Map(m)) if *m == visible_values) {
            break;
        }
        set_answers(&mut vars, visible_values, applicant.is_none());
        calc = calculate(form, with_calc, &mut vars);
        let next = visibility(form, &in_part, &vars);
        if next.0 == pages_visible && next.1 == fields_visible {
            break;
        }
        (pages_visible, fields_visible) = next;
    }

    let mut issues = Vec::new();
    let issue = |page: &str,
                 field: &str,
                 code: String,
                 severity,
                 message: &str,
                 params: BTreeMap<String, String>| Issue {
        applicant,
        page: page.to_string(),
        field: field.to_string(),
        code,
        severity,
        message: message.to_string(),
        params,
        related: Vec::new(),
    };
    for (pi, page) in def.pages.iter().enumerate() {
        if !pages_visible[pi] {
            continue;
        }
        for (fi, field) in page.fields.iter().enumerate() {
            if !fields_visible[pi][fi] {
                continue;
            }
            let compiled = &form.pages[pi].fields[fi];
            let answered = answers.get(&field.id).is_some_and(|a| !a.is_blank());
            if !answered {
                let required = field.required
                    || compiled
                        .required_if
                        .as_ref()
                        .is_some_and(|p| p.holds(&vars, &form.calendar));
                if required {
                    let generic = match field.kind {
                        FieldKind::Choice | FieldKind::Checkboxes | FieldKind::Country => {
                            "error.required_choice"
                        }
                        _ => "error.required",
                    };
                    let message = field.required_message.as_deref().unwrap_or(generic);
                    issues.push(issue(
                        &page.id,
                        &field.id,
                        format!("{}.required", field.id),
                        Severity::Error,
                        message,
                        BTreeMap::new(),
                    ));
                }
                continue;
            }
            if let Some((_, p)) = problems.iter().find(|(f, _)| *f == field.id) {
                // Inserted, not collected: collecting into a map sorts.
                let mut params = BTreeMap::new();
                params.extend(p.params.iter().map(|(k, v)| (k.to_string(), v.clone())));
                issues.push(issue(
                    &page.id,
                    &field.id,
                    format!("{}.{}", field.id, p.code),
                    Severity::Error,
                    p.message,
                    params,
                ));
                continue;
            }
            for (con, program) in field.constraints.iter().zip(&compiled.constraints) {
                if matches!(
                    program.eval_in(&vars, &form.calendar),
                    Ok(Value::Bool(false))
                ) {
                    issues.push(issue(
                        &page.id,
                        &field.id,
                        format!("{}.{}", field.id, con.id),
                        con.severity,
                        &con.message,
                        BTreeMap::new(),
                    ));
                }
            }
        }
    }

    for (ri, (rule, program)) in def.rules.iter().zip(&form.rules).enumerate() {
        let Some((pi, _)) = locate(form, &rule.field) else {
            continue;
        };
        if !is_field_visible(form, &pages_visible, &fields_visible, &rule.field) {
            continue;
        }
        // Rules run on valid answers only: a field with its own error
        // already speaks for itself, once, on its own page.
        // Through calculated values a rule also reads answers that may be
        // unanswered (`has()` absorbs that): those hold it back only when
        // they are given and wrong, not when they are merely missing.
        let reads = &form.rule_reads[ri];
        let has_error = |f: &str, missing_counts: bool| {
            problems.iter().any(|(g, _)| *g == f)
                || issues.iter().any(|i| {
                    i.field == f
                        && i.severity == Severity::Error
                        && (missing_counts || i.code.strip_prefix(f) != Some(".required"))
                })
        };
        if has_error(&rule.field, true)
            || reads.iter().any(|f| has_error(f, true))
            || form.rule_inputs[ri].iter().any(|f| has_error(f, false))
        {
            continue;
        }
        if matches!(
            program.eval_in(&vars, &form.calendar),
            Ok(Value::Bool(false))
        ) {
            // A value that cannot be worked out leaves its placeholder out.
            // (Inserted one by one: collecting into a map sorts, and each
            // sort is kilobytes of the browser's download.)
            let mut params = BTreeMap::new();
            for (name, p) in rule.params.keys().zip(&form.rule_params[ri]) {
                if let Ok(v) = p.eval_in(&vars, &form.calendar) {
                    params.insert(name.clone(), v.to_string());
                }
            }
            let mut found = issue(
                &def.pages[pi].id,
                &rule.field,
                rule.id.clone(),
                rule.severity,
                &rule.message,
                params,
            );
            found.related = reads
                .iter()
                .filter(|f| **f != rule.field)
                .cloned()
                .collect();
            issues.push(found);
        }
    }
    // Page order, then field order, as the user meets them.
    crate::sorting::sort_by_key(&mut issues, |i| {
        locate(form, &i.field).unwrap_or((usize::MAX, usize::MAX))
    });

    let documents = def
        .documents
        .iter()
        .zip(&form.documents)
        .filter(|_| applicant.is_some())
        .filter(|(_, when)| when.as_ref().is_none_or(|p| p.holds(&vars, &form.calendar)))
        .map(|(d, _)| d.id.clone())
        .collect();

    let values = match vars.get("answers").cloned() {
        Some(Value::Map(m)) => m,
        _ => BTreeMap::new(),
    };
    ApplicantReport {
        pages_visible,
        fields_visible,
        values,
        calc,
        documents,
        issues,
    }
}

/// Sets the answers expressions see. On the filler's own pages
/// (`filler_part`) they read them as `filler.answers`, which applicants'
/// pages see once the filler's part is settled.
fn set_answers(vars: &mut Vars, values: BTreeMap<String, Value>, filler_part: bool) {
    if filler_part {
        if let Some(Value::Map(filler)) = vars.get_mut("filler") {
            filler.insert("answers".into(), Value::Map(values.clone()));
        }
    }
    // The first applicant is their own principal.
    if let Some(Value::Map(principal)) = vars.get_mut("principal") {
        if principal.get("is_applicant") == Some(&Value::Bool(true)) {
            principal.insert("answers".into(), Value::Map(values.clone()));
        }
    }
    vars.insert("answers".into(), Value::Map(values));
}

/// The form's calculated values from `vars`, each able to use the ones
/// before it, also set as `calc` in `vars`. The filler's pages
/// (`applicant` false) have none.
fn calculate(form: &CompiledForm, applicant: bool, vars: &mut Vars) -> BTreeMap<String, Value> {
    vars.insert("calc".into(), Value::Map(BTreeMap::new()));
    if applicant {
        for (c, program) in form.def.calculated.iter().zip(&form.calculated) {
            if let Ok(v) = program.eval_in(vars, &form.calendar) {
                if let Some(Value::Map(calc)) = vars.get_mut("calc") {
                    calc.insert(c.id.clone(), v);
                }
            }
        }
    }
    match vars.get("calc") {
        Some(Value::Map(calc)) => calc.clone(),
        _ => BTreeMap::new(),
    }
}

/// Page and field index of a field id.
pub fn locate(form: &CompiledForm, field: &str) -> Option<(usize, usize)> {
    form.field_positions.get(field).copied()
}

fn is_field_visible(form: &CompiledForm, pages: &[bool], fields: &[Vec<bool>], id: &str) -> bool {
    locate(form, id).is_some_and(|(pi, fi)| pages[pi] && fields[pi][fi])
}

fn visibility(form: &CompiledForm, in_part: &[bool], vars: &Vars) -> (Vec<bool>, Vec<Vec<bool>>) {
    let mut ended = false;
    let mut pages = Vec::with_capacity(form.pages.len());
    let mut fields = Vec::with_capacity(form.pages.len());
    for ((page, compiled), &in_part) in form.def.pages.iter().zip(&form.pages).zip(in_part) {
        let visible = in_part
            && !ended
            && compiled
                .visible_if
                .as_ref()
                .is_none_or(|p| p.holds(vars, &form.calendar));
        if visible && page.ends_journey {
            ended = true;
        }
        pages.push(visible);
        fields.push(
            compiled
                .fields
                .iter()
                .map(|f| {
                    f.visible_if
                        .as_ref()
                        .is_none_or(|p| p.holds(vars, &form.calendar))
                })
                .collect(),
        );
    }
    (pages, fields)
}
