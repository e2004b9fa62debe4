//! What to bring: for each person of the filing, the documents the rules
//! ask of them given their answers, and every upload still missing, all on
//! one page (seed 002: "notify the applicant of the required supplementary
//! materials at one time"), with a print view that fits A4 and a phone.

use super::pages::{household, person_label};
use super::Ctx;
use crate::platform;
use crate::route::{Route, Who};
use dossier_engine::rules::{Field, FieldKind};
use yew::prelude::*;

/// The file questions that apply to the person `ctx` is about and have no
/// valid file yet, as (page id, field): what is still to upload.
fn missing_uploads<'a>(ctx: &Ctx<'a>) -> Vec<(&'a str, &'a Field)> {
    let def = &ctx.state.form().def;
    let answers = ctx.state.answers(ctx.who);
    let mut out = Vec::new();
    for (pi, page) in def.pages.iter().enumerate() {
        if !ctx.report.pages_visible.get(pi).copied().unwrap_or(false) {
            continue;
        }
        for (fi, field) in page.fields.iter().enumerate() {
            let shown = ctx.report.fields_visible[pi]
                .get(fi)
                .copied()
                .unwrap_or(false);
            if field.kind != FieldKind::File || !shown {
                continue;
            }
            let given = answers
                .and_then(|a| a.get(&field.id))
                .is_some_and(|a| !a.is_blank());
            let wrong = ctx.report.issues.iter().any(|i| i.field == field.id);
            if !given || wrong {
                out.push((page.id.as_str(), field));
            }
        }
    }
    out
}

/// The documents the rules ask of the person `ctx` is about, each with a
/// box to tick on paper (here, on the check page and on the last page).
pub fn document_list(ctx: &Ctx) -> Html {
    let def = &ctx.state.form().def;
    let documents = ctx
        .report
        .documents
        .iter()
        .filter_map(|id| def.documents.iter().find(|d| d.id == *id));
    html! {
        <ul class="list checklist">
            { for documents.map(|d| html! {
                <li class="checklist__item">
                    <span class="checklist__box" aria-hidden="true"></span>
                    <span>
                        { ctx.t(&d.label) }
                        if let Some(h) = &d.hint { <span class="hint checklist__hint">{ ctx.t(h) }</span> }
                    </span>
                </li>
            }) }
        </ul>
    }
}

fn person(ctx: &Ctx, who: Who) -> Html {
    let c = ctx.about(who);
    let uploads = missing_uploads(&c);
    if who.is_none() && uploads.is_empty() {
        return Html::default();
    }
    html! {
        <section class="checklist__person">
            if household(ctx) { { super::h2(person_label(ctx, who)) } }
            { document_list(&c) }
            if !uploads.is_empty() {
                <h3 class="heading-s">{ c.t("bring.uploads") }</h3>
                <ul class="list list--bullet">
                    { for uploads.iter().map(|(page, field)| html! {
                        <li><a class="link" href={Route::page(who, page).to_hash()}>{ c.t(&field.label) }</a></li>
                    }) }
                </ul>
            }
        </section>
    }
}

pub fn view(ctx: &Ctx) -> Html {
    let s = ctx.state;
    let onclick = Callback::from(|_: MouseEvent| platform::print());
    html! {
        <>
            <span class="caption-l">{ ctx.t(&s.env.service.title) }</span>
            { super::h1(ctx.t("bring.title")) }
            { super::para(ctx.t("bring.intro")) }
            { person(ctx, None) }
            { for (0..s.draft.dossier.applicants.len()).map(|n| person(ctx, Some(n))) }
            <button type="button" class="button button--secondary no-print" {onclick}>{ ctx.t("bring.print") }</button>
            <p class="body no-print"><a class="link" href={Route::Tasks(0).to_hash()}>{ ctx.t("bring.back") }</a></p>
        </>
    }
}
