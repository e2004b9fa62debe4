//! The one place application state lives, and the reducer that changes it.
//! Components render this state and dispatch [`Action`]s; storage, the URL
//! and focus are synchronised by effects at the edges (`view/mod.rs`).

use crate::draft::{Draft, PageSet, DRAFT_FORMAT};
use crate::route::Route;
use chrono::{DateTime, FixedOffset};
use dossier_engine::answers::{Answer, Applicant, Dossier, FillerRole};
use dossier_engine::bundle::whole_seconds;
use dossier_engine::fields::Problem;
use dossier_engine::navigation::{self as nav, parse_page_key, Continue, Progress, Step, Who};
pub use dossier_engine::navigation::{issues_for_page, page_key, SectionStatus};
use dossier_engine::rules::{Catalog, Catalogue, CompiledForm, ServiceDef, Severity};
use dossier_engine::validate::{
    validate, validate_applicant, ApplicantReport, Clock, Issue, Report,
};
use std::rc::Rc;
use yew::Reducible;

/// What does not change while the app runs: the form, and the catalogue
/// it was chosen from (the languages; with more than one service, the
/// start page links to the list).
#[derive(Debug)]
pub struct Env {
    pub form: CompiledForm,
    pub catalogue: Rc<Catalogue>,
    /// (file, SHA-256) of the rules files the form was made from, as a
    /// signed bundle records them.
    pub sources: Vec<(String, String)>,
    /// The line of the catalogue the form was opened from: its preset
    /// answers, its draft, its guidance.
    pub service: ServiceDef,
}

impl Env {
    /// Where this service's draft is kept on the device.
    pub fn draft_key(&self) -> String {
        crate::draft::draft_key(&self.form.def, &self.service.id)
    }

    /// Whether `draft` is a filing not begun: nothing in it but the
    /// service's preset answers (it is then not saved, and Start now asks
    /// who is filling it in).
    pub fn untouched(&self, draft: &Draft) -> bool {
        draft.completed.is_empty() && draft.dossier == new_draft(&self.form, &self.service).dossier
    }
}

/// A new applicant of `service`: its preset answers given.
pub fn new_applicant(service: &ServiceDef) -> Applicant {
    let mut a = Applicant::default();
    for (field, value) in &service.preset {
        a.answers.insert(field.clone(), Answer::Text(value.clone()));
    }
    a
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
    /// The language the user chose could not be fetched: the page stays
    /// in the one shown.
    LanguageUnavailable,
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
    /// A photo prepared to meet its rule, shown until the user accepts it
    /// or chooses another (the JPEG itself waits in `js/photo.js`).
    pub prepared: Option<Prepared>,
    /// People of the other filings saved on this device, by filing, with
    /// the answers this form asks of them (`dossier_engine::carry`),
    /// offered to add in one tap; a filing once added is no longer offered.
    pub elsewhere: Rc<Vec<Vec<Applicant>>>,
    /// The rules run over the draft at `now`, kept up to date by the
    /// reducer: a keystroke re-checks only the applicant it changed.
    checked: Rc<Report>,
}

/// A photo prepared in the browser for a file question (`upload.rs`): its
/// `blob:` URL, bytes and pixels, for the preview.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub who: Who,
    pub field: String,
    pub url: String,
    pub size: u64,
    pub width: u32,
    pub height: u32,
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
    /// The people of another filing on this device (`elsewhere`, by
    /// position) added to this one; into the first applicant's place
    /// while nothing of it has been answered.
    Bring(usize),
    /// An answer typed or chosen, for `who` (an upload may finish after
    /// the user has moved to someone else's page).
    Answer {
        who: Who,
        field: String,
        answer: Answer,
    },
    Continue {
        who: Who,
        page: String,
        now: DateTime<FixedOffset>,
    },
    /// Who is filling the form in (`None`: nothing was chosen).
    ChooseRole(Option<FillerRole>),
    /// A new, empty applicant; their name is asked first.
    AddPerson,
    RemovePerson(usize),
    /// One tap: the answers of a shared page (an address, say) copied from
    /// applicant `from` to the applicant `who`, still editable.
    CopyPage {
        who: usize,
        from: usize,
        page: String,
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
        who: Who,
        field: String,
        problem: Problem,
    },
    /// A photo prepared for a question, shown before it is kept; `None`
    /// when the user chose another.
    Prepare(Option<Prepared>),
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
            now: whole_seconds(now),
            shown: Vec::new(),
            shown_count: 0,
            notice: None,
            signing: Signing::Idle,
            prepared: None,
            elsewhere: Rc::default(),
            checked: Rc::default(),
        }
        .checked_again()
    }

    /// The state with every applicant checked again; after any change to
    /// the draft or the clock made outside the reducer.
    pub fn checked_again(mut self) -> Self {
        self.checked = Rc::new(validate(
            &self.env.form,
            &self.draft.dossier,
            Clock::at(self.now),
        ));
        self
    }

    pub fn form(&self) -> &CompiledForm {
        &self.env.form
    }

    /// What the rules find in the draft now.
    pub fn report(&self) -> &Report {
        &self.checked
    }

    /// The part of `report` about `who`.
    /// (An applicant who does not exist gets the filler's part, in which
    /// none of an applicant's pages applies.)
    pub fn part(report: &Report, who: Who) -> &ApplicantReport {
        who.and_then(|i| report.applicants.get(i))
            .map_or(&report.filler, |a| a)
    }

    /// The answers `who` has given.
    pub fn answers(&self, who: Who) -> Option<&std::collections::BTreeMap<String, Answer>> {
        self.draft.dossier.answers_of(who)
    }

    /// How messages about `who` name them: `None` for "you".
    pub fn addressee(&self, who: Who) -> Option<String> {
        let i = who?;
        dossier_engine::rules::addressee(&self.form().def, &self.catalog, &self.draft.dossier, i)
    }

    pub fn page_index(&self, id: &str) -> Option<usize> {
        self.form().page_index(id)
    }
}

/// An empty draft for `form`.
pub fn new_draft(form: &CompiledForm, service: &ServiceDef) -> Draft {
    Draft {
        format: DRAFT_FORMAT,
        form: form.def.id.clone(),
        form_version: form.def.version.clone(),
        dossier: Dossier {
            applicants: vec![new_applicant(service)],
            ..Dossier::default()
        },
        completed: PageSet::default(),
        warnings_seen: PageSet::default(),
        declared: None,
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        // Set where the answers change and nothing was checked again yet.
        let mut stale = false;
        // A prepared photo waits only until the next answer, refusal,
        // Continue or page.
        let leaves = matches!(&action, Action::Go(route) if *route != s.route);
        if leaves
            || matches!(
                action,
                Action::Answer { .. }
                    | Action::Refuse { .. }
                    | Action::Continue { .. }
                    | Action::Reset
            )
        {
            s.prepared = None;
        }
        match action {
            Action::Answer { who, field, answer } => {
                // A cleared answer stays as blank text: the engine treats it
                // as not given, and no map removal code is needed.
                if let Some(answers) = s.draft.dossier.answers_of_mut(who) {
                    answers.insert(field, answer);
                }
                // A changed answer invalidates an earlier declaration.
                s.draft.declared = None;
                // One applicant's answer: only they are checked again (the
                // household budget); the filler's reaches everyone, and so
                // does the first applicant's when others' rules read it.
                let reaches_all = |i: usize| i == 0 && s.env.form.reads_principal;
                match who {
                    Some(i) if i < s.draft.dossier.applicants.len() && !reaches_all(i) => {
                        let mut report = (*s.checked).clone();
                        let principal = report.applicants.first().cloned();
                        report.applicants[i] = std::sync::Arc::new(validate_applicant(
                            &s.env.form,
                            &s.draft.dossier,
                            &report.filler,
                            principal.as_deref(),
                            i,
                            Clock::at(s.now),
                        ));
                        s.checked = Rc::new(report);
                    }
                    _ => stale = true,
                }
            }
            Action::Continue { who, page, now } => {
                s.now = whole_seconds(now);
                s = s.checked_again();
                continue_page(&mut s, who, &page);
            }
            Action::ChooseRole(None) => {
                s.shown = vec![screen_issue("role", "filler.required")];
                s.shown_count += 1;
            }
            Action::ChooseRole(Some(role)) => {
                s.draft.dossier.filler.role = role;
                s.draft.declared = None;
                s.shown.clear();
                s = s.checked_again();
                // A helper gives their own details first, once.
                s.route = match own_details_entry(&s) {
                    Some(id) => Route::page(None, &id),
                    None => Route::Tasks(0),
                };
            }
            Action::Bring(at) => {
                let mut groups = (*s.elsewhere).clone();
                if at < groups.len() {
                    let people = groups.remove(at);
                    let d = &mut s.draft.dossier;
                    let fresh = new_applicant(&s.env.service);
                    let mut people = people.into_iter();
                    if d.applicants.len() == 1 && d.applicants[0] == fresh {
                        if let Some(first) = people.next() {
                            d.applicants[0] = first;
                        }
                    }
                    let room =
                        dossier_engine::bounded::MAX_APPLICANTS.saturating_sub(d.applicants.len());
                    d.applicants.extend(people.take(room));
                    s.elsewhere = Rc::new(groups);
                    s.draft.declared = None;
                    s.route = Route::People;
                    s.shown.clear();
                    stale = true;
                }
            }
            Action::AddPerson => {
                let applicant = new_applicant(&s.env.service);
                s.draft.dossier.applicants.push(applicant);
                s.draft.declared = None;
                let n = s.draft.dossier.applicants.len() - 1;
                let name_page = s.form().def.name_field.as_ref().and_then(|f| {
                    dossier_engine::validate::locate(s.form(), f)
                        .map(|(pi, _)| s.form().def.pages[pi].id.clone())
                });
                s.route = match name_page {
                    Some(id) => Route::page(Some(n), &id),
                    None => Route::Tasks(n),
                };
                s.shown.clear();
                stale = true;
            }
            Action::RemovePerson(n) => {
                // The one applicant left, and the filler themself, stay.
                let d = &mut s.draft.dossier;
                if d.applicants.len() > 1 && n < d.applicants.len() && !d.is_filler(n) {
                    d.applicants.remove(n);
                    let shift = |key: &str| match parse_page_key(key) {
                        (Some(i), _) if i == n => None,
                        (Some(i), page) if i > n => Some(page_key(Some(i - 1), page)),
                        _ => Some(key.to_string()),
                    };
                    s.draft.completed.remap(shift);
                    s.draft.warnings_seen.remap(shift);
                    s.draft.declared = None;
                    stale = true;
                }
                s.route = Route::People;
                s.shown.clear();
            }
            Action::CopyPage { who, from, page } => {
                let fields: Vec<String> = s
                    .page_index(&page)
                    .map(|pi| {
                        s.form().def.pages[pi]
                            .fields
                            .iter()
                            .map(|f| f.id.clone())
                            .collect()
                    })
                    .unwrap_or_default();
                let people = &mut s.draft.dossier.applicants;
                if from != who && from < people.len() && who < people.len() {
                    for f in fields {
                        if let Some(a) = people[from].answers.get(&f).cloned() {
                            people[who].answers.insert(f, a);
                        }
                    }
                    s.draft.declared = None;
                    stale = true;
                }
            }
            Action::Go(route) => {
                if route != s.route {
                    s.route = route;
                    s.shown.clear();
                }
            }
            Action::SetLanguage(catalog) => {
                s.catalog = catalog;
                if s.notice == Some(Notice::LanguageUnavailable) {
                    s.notice = None;
                }
            }
            Action::Declare {
                confirmed,
                acknowledged,
                now,
            } => {
                s.now = whole_seconds(now);
                s = s.checked_again();
                let report = s.checked.clone();
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
                        .map(|(_, field, message)| screen_issue(field, message))
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
            Action::Refuse {
                who,
                field,
                problem,
            } => {
                let page = dossier_engine::validate::locate(s.form(), &field)
                    .map(|(pi, _)| s.form().def.pages[pi].id.clone())
                    .unwrap_or_default();
                // Inserted, not collected: collecting into a map sorts.
                let mut params = std::collections::BTreeMap::new();
                params.extend(problem.params.into_iter().map(|(k, v)| (k.to_string(), v)));
                s.shown = vec![Issue {
                    applicant: who,
                    page,
                    code: format!("{field}.{}", problem.code),
                    field,
                    severity: Severity::Error,
                    message: problem.message.into(),
                    params,
                    related: Vec::new(),
                }];
                s.shown_count += 1;
            }
            Action::Prepare(prepared) => {
                // What was said about an earlier choice no longer applies.
                if prepared.is_some() {
                    s.shown.clear();
                }
                s.prepared = prepared;
            }
            Action::Reset => {
                s.draft = new_draft(s.form(), &s.env.service);
                stale = true;
                s.shown.clear();
                s.notice = None;
                s.route = Route::Deleted;
            }
            Action::SetNotice(n) => s.notice = n,
        }
        if stale {
            s = s.checked_again();
        }
        Rc::new(s)
    }
}

/// An error about a control of the app's own pages (not a form field).
fn screen_issue(field: &str, message: &str) -> Issue {
    Issue {
        applicant: Some(0),
        page: String::new(),
        field: field.into(),
        code: message.into(),
        severity: Severity::Error,
        message: message.into(),
        params: Default::default(),
        related: Vec::new(),
    }
}

/// Continue on a question page: tidy the answers, check the page, and move
/// on only when nothing blocks.
fn continue_page(s: &mut AppState, who: Who, page_id: &str) {
    let Some(pi) = s.page_index(page_id) else {
        return;
    };
    let full = s.checked.clone();
    let report = AppState::part(&full, who);
    // Show what was accepted: trimmed, capitals for names. (The report
    // stands: an accepted text reads back as the same value.)
    if let Some(answers) = s.draft.dossier.answers_of_mut(who) {
        for field in &s.env.form.def.pages[pi].fields {
            if let (Some(dossier_engine::expr::Value::String(v)), Some(Answer::Text(_))) =
                (report.values.get(&field.id), answers.get(&field.id))
            {
                answers.insert(field.id.clone(), Answer::Text(v.clone()));
            }
        }
    }
    let issues = issues_for_page(s.form(), report, page_id);
    let key = page_key(who, page_id);
    match nav::continue_page(&issues, s.draft.warnings_seen.contains(&key)) {
        Continue::Completed => {}
        stop => {
            if stop == Continue::Warnings {
                s.draft.warnings_seen.insert(key);
            }
            s.shown = issues;
            s.shown_count += 1;
            return;
        }
    }
    s.draft.completed.insert(key);
    s.shown.clear();
    let from_check = matches!(
        &s.route,
        Route::Page {
            from_check: true,
            ..
        }
    );
    s.route = if from_check {
        Route::Check(None)
    } else {
        next_route(s.form(), report, who, pi)
    };
}

/// Where a section ends: an applicant's task list, or after the filler's
/// own details, the first applicant's.
fn section_end(who: Who) -> Route {
    Route::Tasks(who.unwrap_or(0))
}

/// The page after `pi` in the same section, or the task list.
pub fn next_route(form: &CompiledForm, report: &ApplicantReport, who: Who, pi: usize) -> Route {
    match nav::next_page(form, report, pi) {
        Step::Page(p) => Route::page(who, &form.def.pages[p].id),
        Step::SectionEnd | Step::Outside => section_end(who),
    }
}

/// Where Back goes from a question page: the previous page of its section
/// that applies, or the task list.
pub fn previous_route(form: &CompiledForm, report: &ApplicantReport, who: Who, pi: usize) -> Route {
    match nav::previous_page(form, report, pi) {
        Step::Page(p) => Route::page(who, &form.def.pages[p].id),
        // Back from the filler's first page: the question of who fills it in.
        Step::SectionEnd if who.is_none() => Route::Filler,
        Step::SectionEnd | Step::Outside => section_end(who),
    }
}

/// Whether the page saved under a key was continued past, in the draft.
pub fn completed(s: &AppState) -> impl Fn(&str) -> bool + '_ {
    |key| s.draft.completed.contains(key)
}

/// Navigation's view of `who`'s progress in the draft (`completed`: the
/// draft's, from [`completed`]).
pub fn progress<'a>(
    s: &'a AppState,
    report: &'a ApplicantReport,
    who: Who,
    completed: &'a dyn Fn(&str) -> bool,
) -> Progress<'a> {
    Progress {
        form: s.form(),
        who,
        report,
        answers: s.answers(who),
        completed,
    }
}

/// The status of section `section` for `who`, from the draft's progress.
pub fn section_status(
    s: &AppState,
    report: &ApplicantReport,
    who: Who,
    section: usize,
) -> SectionStatus {
    progress(s, report, who, &completed(s)).section_status(section)
}

/// One person's status over all their sections.
pub fn person_status(s: &AppState, report: &ApplicantReport, who: Who) -> SectionStatus {
    progress(s, report, who, &completed(s)).status()
}

/// The id of the page where the filler's own details open; `None` when
/// the filler is the first applicant.
pub fn own_details_entry(s: &AppState) -> Option<String> {
    let pi = nav::own_details_entry(
        s.form(),
        &s.draft.dossier,
        &s.report().filler,
        &completed(s),
    )?;
    Some(s.form().def.pages[pi].id.clone())
}
