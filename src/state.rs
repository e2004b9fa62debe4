//! The one place application state lives, and the reducer that changes it.
//! Components render this state and dispatch [`Action`]s; storage, the URL
//! and focus are synchronised by effects at the edges (`view/mod.rs`).

use crate::draft::{Draft, PageSet, DRAFT_FORMAT};
use crate::route::Route;
use chrono::{DateTime, FixedOffset};
use dossier_engine::answers::{Answer, Dossier};
use dossier_engine::fields::Problem;
use dossier_engine::rules::load::IndexLanguage;
use dossier_engine::rules::{Catalog, CompiledForm, Severity};
use dossier_engine::validate::{validate, ApplicantReport, Clock, Issue, Report};
use std::rc::Rc;
use yew::Reducible;

/// What does not change while the app runs: the form and the languages.
#[derive(Debug)]
pub struct Env {
    pub form: CompiledForm,
    /// The shipped languages (code, own name, files), as `rules/index.json` lists them.
    pub languages: Vec<IndexLanguage>,
    /// (file, SHA-256) of the rules files the form was made from, as a
    /// signed bundle records them.
    pub sources: Vec<(String, String)>,
}

impl PartialEq for Env {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    DraftCorrupt,
    DraftOutdated,
    StorageUnavailable,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub env: Rc<Env>,
    pub catalog: Rc<Catalog>,
    pub draft: Draft,
    pub route: Route,
    /// The clock the rules were last checked at.
    pub now: DateTime<FixedOffset>,
    /// Issues shown on the current page since its last Continue.
    pub shown: Vec<Issue>,
    /// Bumped each time issues are shown, so the error summary takes focus.
    pub shown_count: u32,
    pub notice: Option<Notice>,
    /// Where signing stands, once the declaration is accepted.
    pub signing: Signing,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Signing {
    Idle,
    /// Asked for (the effect in `view` signs); the number tells requests apart.
    Requested {
        request: u32,
        acknowledged: bool,
    },
    Signed(crate::signing::Receipt),
    Failed(String),
}

pub enum Action {
    Answer {
        field: String,
        answer: Answer,
    },
    Continue {
        page: String,
        now: DateTime<FixedOffset>,
    },
    /// The user followed a link or pressed Back (the URL changed).
    Go(Route),
    SetLanguage(Rc<Catalog>),
    Declare {
        confirmed: bool,
        /// The open warnings were acknowledged.
        acknowledged: bool,
        now: DateTime<FixedOffset>,
    },
    /// The outcome of signing.
    Signed(Result<crate::signing::Receipt, String>),
    /// A chosen file was not kept: say why, on its page.
    Refuse {
        field: String,
        problem: Problem,
    },
    /// After "delete my data": a fresh, empty draft.
    Reset,
    SetNotice(Option<Notice>),
}

impl AppState {
    pub fn new(
        env: Rc<Env>,
        catalog: Rc<Catalog>,
        draft: Draft,
        route: Route,
        now: DateTime<FixedOffset>,
    ) -> Self {
        AppState {
            env,
            catalog,
            draft,
            route,
            now,
            shown: Vec::new(),
            shown_count: 0,
            notice: None,
            signing: Signing::Idle,
        }
    }

    pub fn form(&self) -> &CompiledForm {
        &self.env.form
    }

    pub fn report(&self) -> Report {
        validate(&self.env.form, &self.draft.dossier, Clock::at(self.now))
    }

    pub fn applicant_report(&self) -> ApplicantReport {
        self.report()
            .applicants
            .into_iter()
            .next()
            .unwrap_or_default()
    }

    pub fn page_index(&self, id: &str) -> Option<usize> {
        self.form().def.pages.iter().position(|p| p.id == id)
    }
}

/// An empty draft for `form`.
pub fn new_draft(form: &CompiledForm) -> Draft {
    Draft {
        format: DRAFT_FORMAT,
        form: form.def.id.clone(),
        form_version: form.def.version.clone(),
        dossier: Dossier::for_one(),
        completed: PageSet::default(),
        warnings_seen: PageSet::default(),
        declared: None,
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Answer { field, answer } => {
                // A cleared answer stays as blank text: the engine treats it
                // as not given, and no map removal code is needed.
                s.draft.dossier.applicants[0].answers.insert(field, answer);
                // A changed answer invalidates an earlier declaration.
                s.draft.declared = None;
            }
            Action::Continue { page, now } => {
                s.now = now;
                continue_page(&mut s, &page);
            }
            Action::Go(route) => {
                if route != s.route {
                    s.route = route;
                    s.shown.clear();
                }
            }
            Action::SetLanguage(catalog) => s.catalog = catalog,
            Action::Declare {
                confirmed,
                acknowledged,
                now,
            } => {
                s.now = now;
                let report = s.report();
                let warnings = report.issues().any(|i| i.severity == Severity::Warning);
                let missing = [
                    (!confirmed, "declaration", "declaration.required"),
                    (
                        warnings && !acknowledged,
                        "acknowledge",
                        "declaration.acknowledge_required",
                    ),
                ];
                if !report.has_errors() && missing.iter().all(|(m, _, _)| !m) {
                    s.draft.declared = Some(s.form().def.declaration.id.clone());
                    s.route = Route::Done;
                    s.shown.clear();
                    let request = match s.signing {
                        Signing::Requested { request, .. } => request + 1,
                        _ => 1,
                    };
                    s.signing = Signing::Requested {
                        request,
                        acknowledged,
                    };
                } else {
                    s.shown = missing
                        .iter()
                        .filter(|(m, _, _)| *m)
                        .map(|(_, field, message)| Issue {
                            applicant: Some(0),
                            page: "declaration".into(),
                            field: (*field).into(),
                            code: (*message).into(),
                            severity: Severity::Error,
                            message: (*message).into(),
                            params: Default::default(),
                            related: Vec::new(),
                        })
                        .collect();
                    s.shown_count += 1;
                }
            }
            Action::Signed(outcome) => {
                s.signing = match outcome {
                    Ok(receipt) => Signing::Signed(receipt),
                    Err(reason) => Signing::Failed(reason),
                };
            }
            Action::Refuse { field, problem } => {
                let page = dossier_engine::validate::locate(s.form(), &field)
                    .map(|(pi, _)| s.form().def.pages[pi].id.clone())
                    .unwrap_or_default();
                s.shown = vec![Issue {
                    applicant: Some(0),
                    page,
                    code: format!("{field}.{}", problem.code),
                    field,
                    severity: Severity::Error,
                    message: problem.message.into(),
                    params: dossier_engine::map_of(
                        problem.params.into_iter().map(|(k, v)| (k.to_string(), v)),
                    ),
                    related: Vec::new(),
                }];
                s.shown_count += 1;
            }
            Action::Reset => {
                s.draft = new_draft(s.form());
                s.shown.clear();
                s.notice = None;
                s.route = Route::Deleted;
            }
            Action::SetNotice(n) => s.notice = n,
        }
        Rc::new(s)
    }
}

/// Continue on a question page: tidy the answers, check the page, and move
/// on only when nothing blocks.
fn continue_page(s: &mut AppState, page_id: &str) {
    let Some(pi) = s.page_index(page_id) else {
        return;
    };
    let report = s.applicant_report();
    // Show what was accepted: trimmed, capitals for names.
    let answers = &mut s.draft.dossier.applicants[0].answers;
    for field in &s.env.form.def.pages[pi].fields {
        if let (Some(dossier_engine::expr::Value::String(v)), Some(Answer::Text(_))) =
            (report.values.get(&field.id), answers.get(&field.id))
        {
            answers.insert(field.id.clone(), Answer::Text(v.clone()));
        }
    }
    let issues = issues_for_page(s.form(), &report, page_id);
    let has_errors = issues.iter().any(|i| i.severity == Severity::Error);
    let has_warnings = issues.iter().any(|i| i.severity == Severity::Warning);
    if has_errors || (has_warnings && !s.draft.warnings_seen.contains(page_id)) {
        if !has_errors {
            s.draft.warnings_seen.insert(page_id.to_string());
        }
        s.shown = issues;
        s.shown_count += 1;
        return;
    }
    s.draft.completed.insert(page_id.to_string());
    s.shown.clear();
    let from_check = matches!(
        &s.route,
        Route::Page {
            from_check: true,
            ..
        }
    );
    s.route = if from_check {
        Route::Check
    } else {
        next_route(s.form(), &report, pi)
    };
}

/// The issues to show on a page: its own, and those of cross-field rules
/// that read an answer on this page, shown on that answer (the user may
/// have just typed the half of the pair that is wrong).
pub fn issues_for_page(form: &CompiledForm, report: &ApplicantReport, page_id: &str) -> Vec<Issue> {
    let on_page = |field: &str| {
        dossier_engine::validate::locate(form, field)
            .is_some_and(|(pi, _)| form.def.pages[pi].id == page_id)
    };
    let mut out = Vec::new();
    for i in &report.issues {
        if i.page == page_id {
            out.push(i.clone());
        } else if let Some(here) = i.related.iter().find(|f| on_page(f)) {
            out.push(Issue {
                page: page_id.to_string(),
                field: here.clone(),
                ..i.clone()
            });
        }
    }
    out
}

/// The pages of section `si` that apply now, in order.
fn applicable_pages(form: &CompiledForm, report: &ApplicantReport, si: usize) -> Vec<usize> {
    let def = &form.def;
    def.sections[si]
        .pages
        .iter()
        .filter_map(|id| def.pages.iter().position(|p| p.id == *id))
        .filter(|&pi| report.pages_visible[pi])
        .collect()
}

/// The page that applies just after (or before) page `pi` in its section;
/// the task list at either end.
fn neighbour(form: &CompiledForm, report: &ApplicantReport, pi: usize, forward: bool) -> Route {
    let def = &form.def;
    let Some(si) = def
        .sections
        .iter()
        .position(|s| s.pages.contains(&def.pages[pi].id))
    else {
        return Route::Tasks;
    };
    let pages = applicable_pages(form, report, si);
    let Some(pos) = pages.iter().position(|&p| p == pi) else {
        return Route::Tasks;
    };
    let other = if forward {
        pages.get(pos + 1)
    } else {
        pos.checked_sub(1).and_then(|i| pages.get(i))
    };
    other
        .map(|&p| Route::page(&def.pages[p].id))
        .unwrap_or(Route::Tasks)
}

/// The page after `pi` in the same section, or the task list.
pub fn next_route(form: &CompiledForm, report: &ApplicantReport, pi: usize) -> Route {
    neighbour(form, report, pi, true)
}

/// Where Back goes from a question page: the previous page of its section
/// that applies, or the task list.
pub fn previous_route(form: &CompiledForm, report: &ApplicantReport, pi: usize) -> Route {
    neighbour(form, report, pi, false)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionStatus {
    Completed,
    InProgress,
    NotStarted,
    /// Every page of the section is skipped by earlier answers.
    NotNeeded,
}

/// A section is completed when each of its pages that applies has been
/// continued past and has no error now.
pub fn section_status(s: &AppState, report: &ApplicantReport, section: usize) -> SectionStatus {
    let def = &s.form().def;
    let pages = applicable_pages(s.form(), report, section);
    if pages.is_empty() {
        return SectionStatus::NotNeeded;
    }
    let erroneous = |pi: usize| {
        report
            .issues
            .iter()
            .any(|i| i.page == def.pages[pi].id && i.severity == Severity::Error)
    };
    let done = |pi: usize| s.draft.completed.contains(&def.pages[pi].id) && !erroneous(pi);
    if pages.iter().all(|&pi| done(pi)) {
        return SectionStatus::Completed;
    }
    let answers = &s.draft.dossier.applicants[0].answers;
    let touched = pages.iter().any(|&pi| {
        s.draft.completed.contains(&def.pages[pi].id)
            || def.pages[pi]
                .fields
                .iter()
                .any(|f| answers.get(&f.id).is_some_and(|a| !a.is_blank()))
    });
    if touched {
        SectionStatus::InProgress
    } else {
        SectionStatus::NotStarted
    }
}

/// The page where the journey stops early (a hotel stay), if it applies.
pub fn ending_page(s: &AppState, report: &ApplicantReport) -> Option<usize> {
    s.form()
        .def
        .pages
        .iter()
        .enumerate()
        .position(|(i, p)| p.ends_journey && report.pages_visible[i])
}

/// The first page of a section to open from the task list: the first that
/// applies and is not yet done, else the first that applies.
pub fn section_entry(s: &AppState, report: &ApplicantReport, section: usize) -> Option<String> {
    let def = &s.form().def;
    let pages = applicable_pages(s.form(), report, section);
    let first_open = pages
        .iter()
        .find(|&&pi| !s.draft.completed.contains(&def.pages[pi].id));
    first_open
        .or(pages.first())
        .map(|&pi| def.pages[pi].id.clone())
}
