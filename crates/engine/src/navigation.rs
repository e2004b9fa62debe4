//! Navigation through a form: which page comes next or before within a
//! section, the status of a section and of a person, the page where the
//! journey ends early, the page a section opens at, and the keys progress
//! is saved under. Plain functions of a `CompiledForm`, a person's part of
//! a `Report` and their progress, so the browser, the verifier and a
//! portal's server move through a filing the same way. Where a step lands
//! outside the form's pages (a task list, the question of who fills it in)
//! is the caller's: here it is "the end of the section".

use crate::answers::{Answer, Dossier};
use crate::rules::{CompiledForm, Scope, Severity};
use crate::validate::{locate, ApplicantReport, Issue};
use std::collections::BTreeMap;

/// Whom pages are about: an applicant, by position, or (`None`) the
/// filler's own details, as `Issue::applicant` and `Dossier::answers_of`
/// count them.
pub type Who = Option<usize>;

/// The key a page's progress is saved under: the first applicant's pages
/// by their id (as drafts before households kept them), another
/// applicant's as `2/name`, the filler's as `me/helper-details`.
pub fn page_key(who: Who, page: &str) -> String {
    match who {
        Some(0) => page.to_string(),
        Some(n) => format!("{n}/{page}"),
        None => format!("me/{page}"),
    }
}

/// Whose page a saved key is about, and which page.
pub fn parse_page_key(key: &str) -> (Who, &str) {
    match key.split_once('/') {
        Some(("me", page)) => (None, page),
        Some((n, page)) => (n.parse().ok(), page),
        None => (Some(0), key),
    }
}

/// The issues to show on a page: its own, and those of cross-field rules
/// that read an answer on this page, shown on that answer (the user may
/// have just typed the half of the pair that is wrong).
pub fn issues_for_page(form: &CompiledForm, report: &ApplicantReport, page_id: &str) -> Vec<Issue> {
    let on_page =
        |field: &str| locate(form, field).is_some_and(|(pi, _)| form.def.pages[pi].id == page_id);
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

/// What Continue on a page does, given the issues found on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Continue {
    /// An error: stay and show the issues.
    Errors,
    /// Warnings or information not seen before ("You have 16 days left to
    /// apply"): stay and show them; they count as seen from now, so the
    /// next Continue moves on.
    Warnings,
    /// Move on: the page is completed.
    Completed,
}

/// Continue on a page with `issues` (`issues_for_page`), whose warnings
/// and information were `warnings_seen` before (the draft's set of page
/// keys): a note is read on the page it is about, once.
pub fn continue_page(issues: &[Issue], warnings_seen: bool) -> Continue {
    if issues.iter().any(|i| i.severity == Severity::Error) {
        Continue::Errors
    } else if !warnings_seen && !issues.is_empty() {
        Continue::Warnings
    } else {
        Continue::Completed
    }
}

/// The section page `pi` belongs to.
pub fn section_of(form: &CompiledForm, pi: usize) -> Option<usize> {
    let def = &form.def;
    def.sections
        .iter()
        .position(|s| s.pages.contains(&def.pages[pi].id))
}

/// The pages of section `si` that apply now, in order.
pub fn applicable_pages(form: &CompiledForm, report: &ApplicantReport, si: usize) -> Vec<usize> {
    let def = &form.def;
    def.sections[si]
        .pages
        .iter()
        .filter_map(|id| form.page_index(id))
        .filter(|&pi| report.pages_visible[pi])
        .collect()
}

/// Where a step forward or back from a page goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The page (an index into the form's pages) that applies just after
    /// or before it in its section.
    Page(usize),
    /// Past the last (or before the first) page of the section that
    /// applies.
    SectionEnd,
    /// The page belongs to no section, or does not apply now.
    Outside,
}

/// The page that applies just after (or before) page `pi` in its section.
fn neighbour(form: &CompiledForm, report: &ApplicantReport, pi: usize, forward: bool) -> Step {
    let Some(si) = section_of(form, pi) else {
        return Step::Outside;
    };
    let pages = applicable_pages(form, report, si);
    let Some(pos) = pages.iter().position(|&p| p == pi) else {
        return Step::Outside;
    };
    let other = if forward {
        pages.get(pos + 1)
    } else {
        pos.checked_sub(1).and_then(|i| pages.get(i))
    };
    other.map_or(Step::SectionEnd, |&p| Step::Page(p))
}

/// Continue from page `pi`: the next page of its section that applies.
pub fn next_page(form: &CompiledForm, report: &ApplicantReport, pi: usize) -> Step {
    neighbour(form, report, pi, true)
}

/// Back from page `pi`: the previous page of its section that applies.
pub fn previous_page(form: &CompiledForm, report: &ApplicantReport, pi: usize) -> Step {
    neighbour(form, report, pi, false)
}

/// The page where the journey stops early (a hotel stay), if it applies.
pub fn ending_page(form: &CompiledForm, report: &ApplicantReport) -> Option<usize> {
    form.def
        .pages
        .iter()
        .enumerate()
        .position(|(i, p)| p.ends_journey && report.pages_visible[i])
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionStatus {
    Completed,
    InProgress,
    NotStarted,
    /// Continued past, but an answer is wrong now (another answer or the
    /// date changed what applies).
    Problems,
    /// Every page of the section is skipped by earlier answers.
    NotNeeded,
}

/// One person's progress through the form: what the section and person
/// statuses and a section's first page are worked out from.
pub struct Progress<'a> {
    pub form: &'a CompiledForm,
    /// Whom the pages are about.
    pub who: Who,
    /// Their part of the `Report`.
    pub report: &'a ApplicantReport,
    /// Their answers (`Dossier::answers_of`).
    pub answers: Option<&'a BTreeMap<String, Answer>>,
    /// Whether the page saved under a key (`page_key`) was continued past:
    /// a draft's set of completed pages.
    pub completed: &'a dyn Fn(&str) -> bool,
}

impl Progress<'_> {
    fn page_completed(&self, pi: usize) -> bool {
        (self.completed)(&page_key(self.who, &self.form.def.pages[pi].id))
    }

    /// A section is completed when each of its pages that applies has been
    /// continued past and has no error now.
    pub fn section_status(&self, section: usize) -> SectionStatus {
        let def = &self.form.def;
        let pages = applicable_pages(self.form, self.report, section);
        if pages.is_empty() {
            return SectionStatus::NotNeeded;
        }
        let erroneous = |pi: usize| {
            self.report
                .issues
                .iter()
                .any(|i| i.page == def.pages[pi].id && i.severity == Severity::Error)
        };
        let completed = |pi: usize| self.page_completed(pi);
        if pages.iter().all(|&pi| completed(pi) && !erroneous(pi)) {
            return SectionStatus::Completed;
        }
        if pages.iter().any(|&pi| completed(pi) && erroneous(pi)) {
            return SectionStatus::Problems;
        }
        let touched = pages.iter().any(|&pi| {
            completed(pi)
                || def.pages[pi].fields.iter().any(|f| {
                    self.answers
                        .and_then(|a| a.get(&f.id))
                        .is_some_and(|a| !a.is_blank())
                })
        });
        if touched {
            SectionStatus::InProgress
        } else {
            SectionStatus::NotStarted
        }
    }

    /// The person's status over all their sections (of `scope`s that apply).
    pub fn status(&self) -> SectionStatus {
        let all: Vec<SectionStatus> = (0..self.form.def.sections.len())
            .map(|si| self.section_status(si))
            .filter(|st| *st != SectionStatus::NotNeeded)
            .collect();
        let any = |st: SectionStatus| all.contains(&st);
        if any(SectionStatus::Problems) {
            SectionStatus::Problems
        } else if all.iter().all(|st| *st == SectionStatus::Completed) {
            SectionStatus::Completed
        } else if all.iter().all(|st| *st == SectionStatus::NotStarted) {
            SectionStatus::NotStarted
        } else {
            SectionStatus::InProgress
        }
    }

    /// The first page of a section to open (from a task list): the first
    /// that applies and is not yet done, else the first that applies.
    pub fn section_entry(&self, section: usize) -> Option<usize> {
        let pages = applicable_pages(self.form, self.report, section);
        let first_open = pages.iter().find(|&&pi| !self.page_completed(pi));
        first_open.or(pages.first()).copied()
    }
}

/// Where the filler's own details open (the first unfinished page of the
/// `filler` section), given their part of the report (`Report::filler`);
/// `None` when the filler is the first applicant.
pub fn own_details_entry(
    form: &CompiledForm,
    dossier: &Dossier,
    filler: &ApplicantReport,
    completed: &dyn Fn(&str) -> bool,
) -> Option<usize> {
    if dossier.filler.role.is_self() {
        return None;
    }
    let si = form
        .def
        .sections
        .iter()
        .position(|sec| sec.scope == Scope::Filler)?;
    Progress {
        form,
        who: None,
        report: filler,
        answers: dossier.answers_of(None),
        completed,
    }
    .section_entry(si)
}
