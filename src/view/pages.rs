//! The pages around the questions: start, task list, check your answers,
//! declaration, the end, and deleting the data.

use super::{error_summary, issue_paragraphs, question, Ctx};
use crate::route::{Route, Who};
use crate::state::{
    completed, own_details_entry, person_status, progress, Action, AppState, SectionStatus, Signing,
};
use crate::text::{answer_text, date_text};
use chrono::Timelike;
use dossier_engine::answers::FillerRole;
use dossier_engine::expr::Value;
use dossier_engine::navigation::{applicable_pages, ending_page, section_of};
use dossier_engine::rules::Severity;
use dossier_engine::validate::Issue;
use yew::prelude::*;

/// The page's title (for `<title>`) and its body.
pub fn render(ctx: &Ctx) -> (String, Html) {
    let s = ctx.state;
    let people = s.draft.dossier.applicants.len();
    if ctx.who.is_some_and(|n| n >= people) {
        // A link to someone since removed.
        return (ctx.t("people.title"), people_page(ctx));
    }
    match &s.route {
        Route::Start => (
            ctx.t(&s.env.service.title),
            super::guidance::view(ctx, start_route(ctx)),
        ),
        Route::Filler => (ctx.t("filler.title"), filler_choice(ctx)),
        Route::People => (ctx.t("people.title"), people_page(ctx)),
        Route::Tasks(_) => (ctx.t("tasks.title"), tasks(ctx)),
        Route::Page { id, .. } => match s.page_index(id) {
            Some(pi) if ctx.report.pages_visible[pi] => (
                ctx.t(&s.form().def.pages[pi].title),
                question::view(ctx, pi),
            ),
            // A page that does not apply (or no longer exists): the task list.
            _ => (
                ctx.t("tasks.title"),
                tasks(&ctx.about(Some(ctx.who.unwrap_or(0)))),
            ),
        },
        Route::Remove(_) => (ctx.t("remove.title"), remove(ctx)),
        Route::Check(None) => (ctx.t("check.title"), check(ctx)),
        Route::Check(Some(_)) => (ctx.t("check.title"), check_person(ctx)),
        Route::Declaration => (declaration_title(ctx), declaration(ctx)),
        Route::Done => (done_title(ctx), done(ctx)),
        Route::Bring => (ctx.t("bring.title"), super::checklist::view(ctx)),
        Route::Delete => (ctx.t("delete.title"), delete(ctx)),
        Route::Deleted => (ctx.t("delete.done.title"), deleted(ctx)),
    }
}

/// Whether the filing is more than one person filling in for themself:
/// pages then say whose answers they show.
pub(super) fn household(ctx: &Ctx) -> bool {
    let d = &ctx.state.draft.dossier;
    d.applicants.len() > 1 || !d.filler.role.is_self()
}

/// How a list names `who`: "Your details" for the filler, "You (Anna)",
/// "Maria", or "Person 3" before a name is given.
pub(super) fn person_label(ctx: &Ctx, who: Who) -> String {
    let Some(n) = who else {
        return ctx.t("people.filler");
    };
    let d = &ctx.state.draft.dossier;
    let named = d.applicants[n].name(ctx.state.form().def.name_field.as_deref());
    match (d.is_filler(n), named) {
        (true, Some(name)) => ctx.tp("people.you_named", &[("person", &name)]),
        (true, None) => ctx.t("people.you"),
        (false, Some(name)) => name,
        (false, None) => ctx.tp("people.unnamed", &[("number", &(n + 1).to_string())]),
    }
}

/// "Anna (you)" or "Maria" over a page about one person of a household.
fn caption(ctx: &Ctx) -> Html {
    if !household(ctx) {
        return Html::default();
    }
    html! { <span class="caption-l">{ person_label(ctx, ctx.who) }</span> }
}

fn heading(text: String) -> Html {
    super::h1(text)
}

/// Where "Start now" leads: who is filling it in, for a new filing; back
/// to the work, for one already begun.
fn start_route(ctx: &Ctx) -> Route {
    if !role_chosen(ctx) {
        Route::Filler
    } else if household(ctx) {
        Route::People
    } else {
        Route::Tasks(0)
    }
}

/// Whether the filing has begun, so a role was chosen.
fn role_chosen(ctx: &Ctx) -> bool {
    !ctx.state.env.untouched(&ctx.state.draft)
}

fn status_tag(ctx: &Ctx, status: SectionStatus) -> Html {
    let (key, class) = match status {
        SectionStatus::Completed => ("tasks.status.completed", "tag"),
        SectionStatus::InProgress => ("tasks.status.in_progress", "tag tag--blue"),
        SectionStatus::Problems => ("tasks.status.problems", "tag tag--red"),
        SectionStatus::NotStarted | SectionStatus::NotNeeded => {
            ("tasks.status.not_started", "tag tag--grey")
        }
    };
    html! { <strong class={class}>{ ctx.t(key) }</strong> }
}

fn tasks(ctx: &Ctx) -> Html {
    let s = ctx.state;
    let def = &s.form().def;
    let report = ctx.report;
    let who = ctx.who;
    let n = who.unwrap_or(0);
    if let Some(pi) = ending_page(s.form(), report) {
        // The journey stops here (a hotel stay): no progress to count, just
        // the reason and a way back to the answer that led here.
        let section = section_of(s.form(), pi).map(|si| &def.sections[si]);
        let change = section
            .and_then(|sec| sec.pages.first())
            .map(|p| Route::page(who, p).to_hash());
        return html! {
            <>
                { caption(ctx) }
                { heading(ctx.t("tasks.title")) }
                <div class="inset-text">
                    <p class="body"><a href={Route::page(who, &def.pages[pi].id).to_hash()}>{ ctx.t("tasks.ended") }</a></p>
                </div>
                if let (Some(sec), Some(href)) = (section, change) {
                    <p class="body"><a href={href}>{ ctx.t(&sec.title) }</a></p>
                }
            </>
        };
    }
    let done = completed(s);
    let progress = progress(s, report, who, &done);
    let statuses: Vec<SectionStatus> = (0..def.sections.len())
        .map(|i| progress.section_status(i))
        .collect();
    let needed: Vec<usize> = (0..def.sections.len())
        .filter(|&i| statuses[i] != SectionStatus::NotNeeded)
        .collect();
    let done = needed
        .iter()
        .filter(|&&i| statuses[i] == SectionStatus::Completed)
        .count();
    let all_done = done == needed.len();
    let check = if household(ctx) {
        Route::Check(Some(n))
    } else {
        Route::Check(None)
    };
    html! {
        <>
            if household(ctx) { <a class="back-link" href={Route::People.to_hash()}>{ ctx.t("people.title") }</a> }
            { caption(ctx) }
            { heading(ctx.t("tasks.title")) }
            { super::para(ctx.tp("tasks.progress", &[("done", &done.to_string()), ("total", &needed.len().to_string())])) }
            <ul class="task-list">
                { for needed.iter().map(|&i| {
                    let section = &def.sections[i];
                    let status_id = format!("task-{}-status", section.id);
                    let link = progress.section_entry(i).map(|p| Route::page(who, &def.pages[p].id).to_hash());
                    html! {
                        <li class="task-list__item">
                            <a class="task-list__link" href={link} aria-describedby={status_id.clone()}>{ ctx.t(&section.title) }</a>
                            <span class="task-list__status" id={status_id}>{ status_tag(ctx, statuses[i]) }</span>
                        </li>
                    }
                }) }
                <li class="task-list__item">
                        if all_done {
                            <a class="task-list__link" href={check.to_hash()} aria-describedby="task-check-status">{ ctx.t("tasks.check") }</a>
                            <span class="task-list__status" id="task-check-status"><strong class="tag tag--grey">{ ctx.t("tasks.status.not_started") }</strong></span>
                        } else {
                            <span class="task-list__text">{ ctx.t("tasks.check") }</span>
                            <span class="task-list__status"><strong class="tag tag--grey">{ ctx.t("tasks.status.cannot_start") }</strong></span>
                            <div class="hint task-list__hint">{ ctx.t("tasks.check.hint") }</div>
                        }
                    </li>
            </ul>
            { super::link_para(Route::Bring.to_hash(), ctx.t("bring.link")) }
            { super::h2(ctx.t("people.others")) }
            { super::para(ctx.t("people.others.hint")) }
            { add_person(ctx) }
            { elsewhere_offer(ctx) }
        </>
    }
}

/// "Add another person": a new applicant, whose name is asked first.
/// The people of this device's other filings, each filing one button
/// ("Add Anna and Maria"): their answers that this form asks are copied
/// in, to check and change like any other.
fn elsewhere_offer(ctx: &Ctx) -> Html {
    let s = ctx.state;
    if s.elsewhere.is_empty() {
        return html! {};
    }
    let name_field = s.form().def.name_field.as_deref();
    let sep = ctx.t("answer.list_separator");
    html! {
        <>
            { super::h2(ctx.t("people.elsewhere.title")) }
            { super::para(ctx.t("people.elsewhere.intro")) }
            <div class="button-group">
                { for s.elsewhere.iter().enumerate().map(|(at, people)| {
                    let names: Vec<String> = people
                        .iter()
                        .enumerate()
                        .map(|(i, a)| a.name(name_field).unwrap_or_else(|| ctx.tp("people.unnamed", &[("number", &(i + 1).to_string())])))
                        .collect();
                    let dispatch = ctx.dispatch.clone();
                    let onclick = Callback::from(move |_: MouseEvent| dispatch.emit(Action::Bring(at)));
                    html! {
                        <button type="button" class="button button--secondary" {onclick}>
                            { ctx.tp("people.elsewhere.add", &[("names", &names.join(&sep))]) }
                        </button>
                    }
                }) }
            </div>
        </>
    }
}

fn add_person(ctx: &Ctx) -> Html {
    let dispatch = ctx.dispatch.clone();
    let onclick = Callback::from(move |_: MouseEvent| dispatch.emit(Action::AddPerson));
    html! { <button type="button" class="button button--secondary" {onclick}>{ ctx.t("people.add") }</button> }
}

fn filler_choice(ctx: &Ctx) -> Html {
    let s = ctx.state;
    let roles = &s.form().def.roles;
    // No answer is chosen for the user until they have chosen one.
    let chosen = role_chosen(ctx).then_some(s.draft.dossier.filler.role.as_str());
    let dispatch = ctx.dispatch.clone();
    let ids: Vec<String> = roles.iter().map(|r| r.id.clone()).collect();
    let onsubmit = Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        let role = ids
            .iter()
            .enumerate()
            .find(|(i, r)| crate::platform::input_checked(&role_input_id(*i, r)))
            .and_then(|(_, r)| FillerRole::parse(r));
        dispatch.emit(Action::ChooseRole(role));
    });
    let error = s.shown.first().map(|i| ctx.t(&i.message));
    html! {
        <>
            <a class="back-link" href={Route::Start.to_hash()}>{ ctx.t("app.back") }</a>
            { error_summary(ctx, &s.shown) }
            <form novalidate=true {onsubmit}>
                <div class={question::with_error("form-group", error.is_some(), "form-group--error")}>
                    <fieldset class="fieldset" aria-describedby={error.as_ref().map(|_| "f-role-error")}>
                        <legend class="fieldset__legend fieldset__legend--l">
                            <h1 class="fieldset__heading" id="page-heading" tabindex="-1">{ ctx.t("filler.title") }</h1>
                        </legend>
                        if let Some(e) = &error { <p class="error-message" id="f-role-error">{ e.clone() }</p> }
                        <div class="radios">
                            { for roles.iter().enumerate().map(|(i, role)| {
                                let id = role_input_id(i, &role.id);
                                let hint_id = format!("{id}-hint");
                                html! {
                                    <div class="radios__item">
                                        <input class="radios__input" type="radio" name="role" id={id.clone()}
                                            checked={chosen == Some(role.id.as_str())}
                                            aria-describedby={role.hint.as_ref().map(|_| hint_id.clone())} />
                                        <label class="label radios__label" for={id}>{ ctx.t(&role.label) }</label>
                                        if let Some(hint) = &role.hint {
                                            <div class="hint radios__hint" id={hint_id}>{ ctx.t(hint) }</div>
                                        }
                                    </div>
                                }
                            }) }
                        </div>
                    </fieldset>
                </div>
                <button type="submit" class="button">{ ctx.t("app.continue") }</button>
            </form>
        </>
    }
}

/// The first radio carries the question's id, so the error summary's link
/// lands on it.
fn role_input_id(i: usize, role: &str) -> String {
    if i == 0 {
        "f-role".into()
    } else {
        format!("f-role-{role}")
    }
}

/// Everyone in the filing: the filler's own details when someone fills it
/// in for others, then each applicant with their status.
fn people_page(ctx: &Ctx) -> Html {
    let s = ctx.state;
    let d = &s.draft.dossier;
    let row = |who: Who, href: String, remove: Option<String>| {
        let c = ctx.about(who);
        let label = person_label(ctx, who);
        html! {
            <div class="summary-list__row">
                <dt class="summary-list__key">{ label.clone() }</dt>
                <dd class="summary-list__value">{ status_tag(ctx, person_status(s, c.report, who)) }</dd>
                <dd class="summary-list__actions">
                    <a href={href}>{ ctx.t("check.change") }<span class="visually-hidden">{ format!(" {label}") }</span></a>
                    if let Some(r) = remove {
                        {" "}<a href={r}>{ ctx.t("people.remove") }<span class="visually-hidden">{ format!(" {label}") }</span></a>
                    }
                </dd>
            </div>
        }
    };
    // The filler's own details open where they are unfinished, as a task does.
    let own = own_details_entry(s).map(|page| row(None, Route::page(None, &page).to_hash(), None));
    html! {
        <>
            { heading(ctx.t("people.title")) }
            { super::para(ctx.t("people.intro")) }
            <dl class="summary-list">
                { for own }
                { for (0..d.applicants.len()).map(|n| {
                    let removable = d.applicants.len() > 1 && !d.is_filler(n);
                    row(Some(n), Route::Tasks(n).to_hash(), removable.then(|| Route::Remove(n).to_hash()))
                }) }
            </dl>
            <div class="button-group">{ add_person(ctx) }</div>
            { elsewhere_offer(ctx) }
            <a href={Route::Check(None).to_hash()} role="button" draggable="false" class="button">{ ctx.t("people.check") }</a>
            <p class="body"><a href={Route::Filler.to_hash()}>{ ctx.t("people.change_filler") }</a></p>
        </>
    }
}

fn remove(ctx: &Ctx) -> Html {
    let n = ctx.who.unwrap_or(0);
    let dispatch = ctx.dispatch.clone();
    let onclick = Callback::from(move |_: MouseEvent| dispatch.emit(Action::RemovePerson(n)));
    let label = person_label(ctx, ctx.who);
    html! {
        <>
            <a class="back-link" href={Route::People.to_hash()}>{ ctx.t("app.back") }</a>
            { heading(ctx.tp("remove.question", &[("person", &label)])) }
            { super::para(ctx.t("remove.body")) }
            <div class="button-group">
                <button type="button" class="button button--warning" {onclick}>{ ctx.t("remove.confirm") }</button>
                <a class="link" href={Route::People.to_hash()}>{ ctx.t("remove.cancel") }</a>
            </div>
        </>
    }
}

/// One person's answers by section, each with a Change link, and for an
/// applicant the documents to bring. `sub`: headings one level down, under
/// the person's own.
fn person_answers(ctx: &Ctx, sub: bool) -> Html {
    let s = ctx.state;
    let def = &s.form().def;
    let report = ctx.report;
    let who = ctx.who;
    let Some(answers) = s.answers(who) else {
        return Html::default();
    };
    let errors: Vec<&Issue> = report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .collect();
    let section_heading = |text: String| {
        if sub {
            html! { <h3 class="heading-s">{ text }</h3> }
        } else {
            html! { { super::h2(text) } }
        }
    };
    let sections = def.sections.iter().enumerate().map(|(si, section)| {
        let rows: Vec<Html> = applicable_pages(s.form(), report, si)
            .into_iter()
            .flat_map(|pi| {
                def.pages[pi]
                    .fields
                    .iter()
                    .enumerate()
                    .filter(move |(fi, _)| report.fields_visible[pi][*fi])
                    .map(move |(_, f)| (pi, f))
            })
            .map(|(pi, f)| {
                let label = ctx.t(&f.label);
                let principal = ctx.principal();
                let names = [("principal", principal.as_str())];
                let value = answers
                    .get(&f.id)
                    .map(|raw| answer_text(&s.catalog, f, raw, report.values.get(&f.id), ctx.person.as_deref(), &names))
                    .unwrap_or_else(|| ctx.t("check.not_given"));
                let error = errors.iter().find(|i| i.field == f.id).map(|i| ctx.issue(i));
                let change = Route::Page { who, id: def.pages[pi].id.clone(), from_check: true }.to_hash();
                html! {
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{ label.clone() }</dt>
                        <dd class="summary-list__value">
                            { value }
                            if let Some(e) = error { <p class="error-message">{ e }</p> }
                        </dd>
                        <dd class="summary-list__actions">
                            <a href={change}>{ ctx.t("check.change") }<span class="visually-hidden">{ format!(" {label}") }</span></a>
                        </dd>
                    </div>
                }
            })
            .collect();
        if rows.is_empty() {
            return Html::default();
        }
        html! {
            <>
                { section_heading(ctx.t(&section.title)) }
                <dl class="summary-list">{ for rows }</dl>
            </>
        }
    });
    html! {
        <>
            { for sections }
            if who.is_some() { { documents(ctx, sub) } }
        </>
    }
}

/// Check your answers for everyone: the filler's details, then each
/// applicant, then on to the one declaration.
fn check(ctx: &Ctx) -> Html {
    let s = ctx.state;
    let d = &s.draft.dossier;
    let many = household(ctx);
    let errors = ctx.full.has_errors();
    let notes: Vec<&Issue> = ctx
        .full
        .issues()
        .filter(|i| i.severity != Severity::Error)
        .collect();
    let people = (!d.filler.role.is_self())
        .then_some(None)
        .into_iter()
        .chain((0..d.applicants.len()).map(Some));
    let back = if many { Route::People } else { Route::Tasks(0) };
    html! {
        <>
            <a class="back-link" href={back.to_hash()}>{ ctx.t("app.back") }</a>
            { heading(ctx.t("check.title")) }
            if errors { <div class="inset-text inset-text--error">{ super::para(ctx.t("check.fix_first")) }</div> }
            { issue_paragraphs(ctx, &notes) }
            { for people.map(|who| {
                let c = ctx.about(who);
                html! {
                    <>
                        if many { <h2 class="heading-l">{ person_label(ctx, who) }</h2> }
                        { person_answers(&c, many) }
                    </>
                }
            }) }
            { super::link_para(Route::Bring.to_hash(), ctx.t("bring.link")) }
            if !errors {
                <a href={Route::Declaration.to_hash()} role="button" draggable="false" class="button">{ ctx.t("check.continue") }</a>
            }
        </>
    }
}

/// Check one applicant's answers, then back to everyone.
fn check_person(ctx: &Ctx) -> Html {
    let notes: Vec<&Issue> = ctx
        .report
        .issues
        .iter()
        .filter(|i| i.severity != Severity::Error)
        .collect();
    let n = ctx.who.unwrap_or(0);
    html! {
        <>
            <a class="back-link" href={Route::Tasks(n).to_hash()}>{ ctx.t("app.back") }</a>
            { caption(ctx) }
            { heading(ctx.t("check.title")) }
            { issue_paragraphs(ctx, &notes) }
            { person_answers(ctx, false) }
            <a href={Route::People.to_hash()} role="button" draggable="false" class="button">{ ctx.t("people.continue") }</a>
        </>
    }
}

fn documents(ctx: &Ctx, sub: bool) -> Html {
    let title = ctx.t("check.documents");
    html! {
        <>
            if sub { <h3 class="heading-s">{ title }</h3> } else { { super::h2(title) } }
            { super::para(ctx.t("check.documents.intro")) }
            { super::checklist::document_list(ctx) }
        </>
    }
}

/// The declaration's title, or check your answers' while an error stands
/// (the page shows those instead).
fn declaration_title(ctx: &Ctx) -> String {
    if ctx.full.has_errors() {
        ctx.t("check.title")
    } else {
        ctx.t(&ctx.state.form().def.declaration.title)
    }
}

fn declaration(ctx: &Ctx) -> Html {
    let s = ctx.state;
    let d = &s.form().def.declaration;
    if ctx.full.has_errors() {
        return check(ctx);
    }
    let dispatch = ctx.dispatch.clone();
    // The checkbox is read from the page when the form is sent: nothing
    // else needs its state.
    let onsubmit = Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        dispatch.emit(Action::Declare {
            confirmed: crate::platform::input_checked("f-declaration"),
            acknowledged: crate::platform::input_checked("f-acknowledge"),
            now: crate::platform::now(),
        });
    });
    // Open warnings must be read and accepted: the bundle records it.
    let warnings: Vec<&Issue> = ctx
        .full
        .issues()
        .filter(|i| i.severity == Severity::Warning)
        .collect();
    let checkbox = |id: &'static str, label: String| {
        let error = s
            .shown
            .iter()
            .find(|i| i.field == id.trim_start_matches("f-"))
            .map(|i| ctx.t(&i.message));
        let error_id = format!("{id}-error");
        html! {
            <div class={question::with_error("form-group", error.is_some(), "form-group--error")}>
                if let Some(e) = &error {
                    <p class="error-message" id={error_id.clone()}>{ e.clone() }</p>
                }
                <div class="checkboxes__item">
                    <input class="checkboxes__input" type="checkbox" id={id} name={id}
                        aria-describedby={error.as_ref().map(|_| error_id.clone())} />
                    <label class="checkboxes__label" for={id}>{ label }</label>
                </div>
            </div>
        }
    };
    html! {
        <>
            <a class="back-link" href={Route::Check(None).to_hash()}>{ ctx.t("app.back") }</a>
            { error_summary(ctx, &s.shown) }
            { heading(ctx.t(&d.title)) }
            // Made for each applicant, worded for them: the bundle records
            // exactly these texts.
            { for (0..s.draft.dossier.applicants.len()).map(|n| html! {
                <p class="body declaration-text">{ ctx.about(Some(n)).t(&d.text) }</p>
            }) }
            <form novalidate=true {onsubmit}>
                if !warnings.is_empty() {
                    { issue_paragraphs(ctx, &warnings) }
                    { checkbox("f-acknowledge", ctx.t("declaration.acknowledge")) }
                }
                { checkbox("f-declaration", ctx.t(&d.confirm)) }
                <button type="submit" class="button">{ ctx.t("declaration.submit") }</button>
            </form>
        </>
    }
}

/// The title of what the done page shows: the declaration until it is
/// made, then the receipt once signed.
fn done_title(ctx: &Ctx) -> String {
    match ctx.state.signing {
        _ if ctx.state.draft.declared.is_none() => declaration_title(ctx),
        Signing::Signed(_) => ctx.t("receipt.title"),
        _ => ctx.t("done.title"),
    }
}

fn done(ctx: &Ctx) -> Html {
    let s = ctx.state;
    if s.draft.declared.is_none() {
        return declaration(ctx);
    }
    let first = AppState::part(ctx.full, Some(0));
    // The form names its done page's texts and deadline (`done`).
    let done_page = s.form().def.done.as_ref();
    let deadline = done_page.and_then(|d| d.deadline.as_ref()).and_then(|d| {
        let when = match first.calc.get(&d.calculated)? {
            Value::Timestamp(t) => format!(
                "{} {:02}:{:02}",
                date_text(&s.catalog, t.date_naive()),
                t.hour(),
                t.minute()
            ),
            Value::Date(day) => date_text(&s.catalog, *day),
            _ => return None,
        };
        Some(ctx.tp(&d.message, &[("deadline", &when)]))
    });
    let signing = match &s.signing {
        Signing::Signed(r) => html! {
            <>
                <div class="panel">
                    { heading(ctx.t("receipt.title")) }
                    <p class="panel__body">{ ctx.tp("receipt.body", &[("file", &r.file_name)]) }</p>
                </div>
                { super::para(ctx.tp("receipt.applicants", &[("names", &r.applicants.join(", "))])) }
                { super::h2(ctx.t("receipt.documents")) }
                <dl class="summary-list">
                    { for r.documents.iter().map(|doc| html! {
                        <div class="summary-list__row">
                            <dt class="summary-list__key">{ field_label(&ctx.about(doc.who), &doc.field) }</dt>
                            <dd class="summary-list__value">{ doc.name.clone() }<br /><span class="hint">{ format!("SHA-256 {}…", dossier_engine::bundle::short_digest(&doc.sha256)) }</span></dd>
                        </div>
                    }) }
                </dl>
                { super::para(ctx.tp("receipt.key", &[("thumbprint", &r.thumbprint)])) }
            </>
        },
        Signing::Failed(reason) => html! {
            <div class="panel">
                { heading(ctx.t("done.title")) }
                <p class="panel__body" role="alert">{ ctx.tp("receipt.failed", &[("reason", reason)]) }</p>
            </div>
        },
        _ => html! {
            <div class="panel">
                { heading(ctx.t("done.title")) }
                <p class="panel__body" role="status">{ ctx.t("receipt.signing") }</p>
            </div>
        },
    };
    html! {
        <>
            { signing }
            if let Some(d) = done_page {
                { super::h2(ctx.t("done.next")) }
                { super::para(ctx.t(&d.next)) }
            }
            if let Some(d) = deadline { <p class="body"><strong>{ d }</strong></p> }
            { super::link_para(Route::Bring.to_hash(), ctx.t("bring.link")) }
            { for (0..s.draft.dossier.applicants.len()).map(|n| {
                let c = ctx.about(Some(n));
                html! {
                    <>
                        if household(ctx) { { super::h2(person_label(ctx, Some(n))) } }
                        { documents(&c, household(ctx)) }
                    </>
                }
            }) }
        </>
    }
}

/// A field's label in the current language, by id.
fn field_label(ctx: &Ctx, id: &str) -> String {
    ctx.state
        .form()
        .field(id)
        .map(|f| ctx.t(&f.label))
        .unwrap_or_default()
}

fn delete(ctx: &Ctx) -> Html {
    let dispatch = ctx.dispatch.clone();
    let onclick = Callback::from(move |_: MouseEvent| {
        crate::loader::delete_everything();
        dispatch.emit(Action::Reset);
    });
    html! {
        <>
            { heading(ctx.t("delete.title")) }
            { super::para(ctx.t("delete.body")) }
            <div class="button-group">
                <button type="button" class="button button--warning" {onclick}>{ ctx.t("delete.confirm") }</button>
                <a class="link" href={Route::Tasks(0).to_hash()}>{ ctx.t("delete.cancel") }</a>
            </div>
        </>
    }
}

fn deleted(ctx: &Ctx) -> Html {
    html! {
        <>
            { heading(ctx.t("delete.done.title")) }
            { super::para(ctx.t("delete.done.body")) }
            <a href={Route::Start.to_hash()} role="button" draggable="false" class="button">{ ctx.t("delete.done.again") }</a>
        </>
    }
}
