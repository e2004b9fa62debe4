//! The pages around the questions: start, task list, check your answers,
//! declaration, the end, and deleting the data.

use super::{error_summary, issue_paragraphs, question, Ctx};
use crate::route::Route;
use crate::state::{ending_page, section_entry, section_status, Action, SectionStatus, Signing};
use crate::text::{answer_text, date_text};
use chrono::Timelike;
use dossier_engine::expr::Value;
use dossier_engine::rules::Severity;
use dossier_engine::validate::Issue;
use yew::prelude::*;

/// The page's title (for `<title>`) and its body.
pub fn render(ctx: &Ctx) -> (String, Html) {
    let s = ctx.state;
    match &s.route {
        Route::Start => (ctx.t(&s.form().def.title), start(ctx)),
        Route::Tasks => (ctx.t("tasks.title"), tasks(ctx)),
        Route::Page { id, .. } => match s.page_index(id) {
            Some(pi) if ctx.report.pages_visible[pi] => (
                ctx.t(&s.form().def.pages[pi].title),
                question::view(ctx, pi),
            ),
            // A page that does not apply (or no longer exists): the task list.
            _ => (ctx.t("tasks.title"), tasks(ctx)),
        },
        Route::Check => (ctx.t("check.title"), check(ctx)),
        Route::Declaration => (ctx.t(&s.form().def.declaration.title), declaration(ctx)),
        Route::Done => (ctx.t("done.title"), done(ctx)),
        Route::Delete => (ctx.t("delete.title"), delete(ctx)),
        Route::Deleted => (ctx.t("delete.done.title"), deleted(ctx)),
    }
}

fn heading(text: String) -> Html {
    html! { <h1 class="heading-l" id="page-heading" tabindex="-1">{ text }</h1> }
}

fn start(ctx: &Ctx) -> Html {
    let def = &ctx.state.form().def;
    html! {
        <>
            { heading(ctx.t(&def.title)) }
            if let Some(summary) = &def.summary { <p class="body">{ ctx.t(summary) }</p> }
            <h2 class="heading-m">{ ctx.t("start.before") }</h2>
            <p class="body">{ ctx.t("start.need") }</p>
            <ul class="list list--bullet">
                <li>{ ctx.t("start.need.document") }</li>
                <li>{ ctx.t("start.need.address") }</li>
                <li>{ ctx.t("start.need.arrival") }</li>
                <li>{ ctx.t("start.need.host") }</li>
            </ul>
            <p class="body">{ ctx.t("start.time") }</p>
            <a href={Route::Tasks.to_hash()} role="button" draggable="false" class="button button--start">
                { ctx.t("start.start") }
            </a>
        </>
    }
}

fn status_tag(ctx: &Ctx, status: SectionStatus) -> Html {
    let (key, class) = match status {
        SectionStatus::Completed => ("tasks.status.completed", "tag"),
        SectionStatus::InProgress => ("tasks.status.in_progress", "tag tag--blue"),
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
    if let Some(pi) = ending_page(s, report) {
        // The journey stops here (a hotel stay): no progress to count, just
        // the reason and a way back to the answer that led here.
        let section = def
            .sections
            .iter()
            .find(|sec| sec.pages.contains(&def.pages[pi].id));
        let change = section
            .and_then(|sec| sec.pages.first())
            .map(|p| Route::page(p).to_hash());
        return html! {
            <>
                { heading(ctx.t("tasks.title")) }
                <div class="inset-text">
                    <p class="body"><a href={Route::page(&def.pages[pi].id).to_hash()}>{ ctx.t("tasks.ended") }</a></p>
                </div>
                if let (Some(sec), Some(href)) = (section, change) {
                    <p class="body"><a href={href}>{ ctx.t(&sec.title) }</a></p>
                }
            </>
        };
    }
    let statuses: Vec<SectionStatus> = (0..def.sections.len())
        .map(|i| section_status(s, report, i))
        .collect();
    let needed: Vec<usize> = (0..def.sections.len())
        .filter(|&i| statuses[i] != SectionStatus::NotNeeded)
        .collect();
    let done = needed
        .iter()
        .filter(|&&i| statuses[i] == SectionStatus::Completed)
        .count();
    let all_done = done == needed.len();
    html! {
        <>
            { heading(ctx.t("tasks.title")) }
            <p class="body">{ ctx.tp("tasks.progress", &[("done", &done.to_string()), ("total", &needed.len().to_string())]) }</p>
            <ul class="task-list">
                { for needed.iter().map(|&i| {
                    let section = &def.sections[i];
                    let status_id = format!("task-{}-status", section.id);
                    let link = section_entry(s, report, i).map(|p| Route::page(&p).to_hash());
                    html! {
                        <li class="task-list__item">
                            <a class="task-list__link" href={link} aria-describedby={status_id.clone()}>{ ctx.t(&section.title) }</a>
                            <span class="task-list__status" id={status_id}>{ status_tag(ctx, statuses[i]) }</span>
                        </li>
                    }
                }) }
                <li class="task-list__item">
                        if all_done {
                            <a class="task-list__link" href={Route::Check.to_hash()} aria-describedby="task-check-status">{ ctx.t("tasks.check") }</a>
                            <span class="task-list__status" id="task-check-status"><strong class="tag tag--grey">{ ctx.t("tasks.status.not_started") }</strong></span>
                        } else {
                            <span class="task-list__text">{ ctx.t("tasks.check") }</span>
                            <span class="task-list__status"><strong class="tag tag--grey">{ ctx.t("tasks.status.cannot_start") }</strong></span>
                            <div class="hint task-list__hint">{ ctx.t("tasks.check.hint") }</div>
                        }
                    </li>
            </ul>
        </>
    }
}

fn check(ctx: &Ctx) -> Html {
    let s = ctx.state;
    let def = &s.form().def;
    let report = ctx.report;
    let answers = &s.draft.dossier.applicants[0].answers;
    let errors: Vec<&Issue> = report
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .collect();
    let notes: Vec<&Issue> = report
        .issues
        .iter()
        .filter(|i| i.severity != Severity::Error)
        .collect();
    let sections = def.sections.iter().map(|section| {
        let rows = section
            .pages
            .iter()
            .filter_map(|id| def.pages.iter().position(|p| p.id == *id))
            .filter(|&pi| report.pages_visible[pi])
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
                let value = answers
                    .get(&f.id)
                    .map(|raw| answer_text(&s.catalog, f, raw, report.values.get(&f.id)))
                    .unwrap_or_else(|| ctx.t("check.not_given"));
                let error = errors.iter().find(|i| i.field == f.id).map(|i| ctx.issue(i));
                let change = Route::Page { id: def.pages[pi].id.clone(), from_check: true }.to_hash();
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
            .collect::<Html>();
        html! {
            <>
                <h2 class="heading-m">{ ctx.t(&section.title) }</h2>
                <dl class="summary-list">{ rows }</dl>
            </>
        }
    });
    html! {
        <>
            <a class="back-link" href={Route::Tasks.to_hash()}>{ ctx.t("app.back") }</a>
            { heading(ctx.t("check.title")) }
            if !errors.is_empty() { <div class="inset-text inset-text--error"><p class="body">{ ctx.t("check.fix_first") }</p></div> }
            { issue_paragraphs(ctx, &notes) }
            { for sections }
            { documents(ctx) }
            if errors.is_empty() {
                <a href={Route::Declaration.to_hash()} role="button" draggable="false" class="button">{ ctx.t("check.continue") }</a>
            }
        </>
    }
}

fn documents(ctx: &Ctx) -> Html {
    let def = &ctx.state.form().def;
    html! {
        <>
            <h2 class="heading-m">{ ctx.t("check.documents") }</h2>
            <p class="body">{ ctx.t("check.documents.intro") }</p>
            <ul class="list list--bullet">
                { for ctx.report.documents.iter().filter_map(|id| def.documents.iter().find(|d| d.id == *id)).map(|d| html! {
                    <li>
                        { ctx.t(&d.label) }
                        if let Some(h) = &d.hint { <div class="hint">{ ctx.t(h) }</div> }
                    </li>
                }) }
            </ul>
        </>
    }
}

fn declaration(ctx: &Ctx) -> Html {
    let s = ctx.state;
    let d = &s.form().def.declaration;
    if ctx
        .report
        .issues
        .iter()
        .any(|i| i.severity == Severity::Error)
    {
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
        .report
        .issues
        .iter()
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
            <a class="back-link" href={Route::Check.to_hash()}>{ ctx.t("app.back") }</a>
            { error_summary(ctx, &s.shown) }
            { heading(ctx.t(&d.title)) }
            <p class="body">{ ctx.t(&d.text) }</p>
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

fn done(ctx: &Ctx) -> Html {
    let s = ctx.state;
    if s.draft.declared.is_none() {
        return declaration(ctx);
    }
    let deadline = match ctx.report.calc.get("registration_deadline") {
        Some(Value::Timestamp(t)) => Some(format!(
            "{} {:02}:{:02}",
            date_text(&s.catalog, t.date_naive()),
            t.hour(),
            t.minute()
        )),
        _ => None,
    };
    let signing = match &s.signing {
        Signing::Signed(r) => html! {
            <>
                <div class="panel">
                    { heading(ctx.t("receipt.title")) }
                    <p class="panel__body">{ ctx.tp("receipt.body", &[("file", &r.file_name)]) }</p>
                </div>
                <p class="body">{ ctx.tp("receipt.applicants", &[("names", &r.applicants.join(", "))]) }</p>
                <h2 class="heading-m">{ ctx.t("receipt.documents") }</h2>
                <dl class="summary-list">
                    { for r.documents.iter().map(|(field, name, sha)| html! {
                        <div class="summary-list__row">
                            <dt class="summary-list__key">{ field_label(ctx, field) }</dt>
                            <dd class="summary-list__value">{ name.clone() }<br /><span class="hint">{ format!("SHA-256 {}…", dossier_engine::bundle::short_digest(sha)) }</span></dd>
                        </div>
                    }) }
                </dl>
                <p class="body">{ ctx.tp("receipt.key", &[("thumbprint", &r.thumbprint)]) }</p>
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
            <h2 class="heading-m">{ ctx.t("done.next") }</h2>
            <p class="body">{ ctx.t("done.next.body") }</p>
            if let Some(d) = deadline { <p class="body"><strong>{ ctx.tp("done.deadline", &[("deadline", &d)]) }</strong></p> }
            { documents(ctx) }
        </>
    }
}

/// A field's label in the current language, by id.
fn field_label(ctx: &Ctx, id: &str) -> String {
    ctx.state
        .form()
        .def
        .pages
        .iter()
        .flat_map(|p| &p.fields)
        .find(|f| f.id == id)
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
            <p class="body">{ ctx.t("delete.body") }</p>
            <div class="button-group">
                <button type="button" class="button button--warning" {onclick}>{ ctx.t("delete.confirm") }</button>
                <a class="link" href={Route::Tasks.to_hash()}>{ ctx.t("delete.cancel") }</a>
            </div>
        </>
    }
}

fn deleted(ctx: &Ctx) -> Html {
    html! {
        <>
            { heading(ctx.t("delete.done.title")) }
            <p class="body">{ ctx.t("delete.done.body") }</p>
            <a href={Route::Start.to_hash()} role="button" draggable="false" class="button">{ ctx.t("delete.done.again") }</a>
        </>
    }
}
