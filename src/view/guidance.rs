//! The page before a service starts (the journey's start page): who may
//! apply, the time limits, the fee and the documents that may be needed,
//! all from the form (`dossier_engine::guidance`), then what to have ready
//! and "Start now".

use super::Ctx;
use crate::route::Route;
use dossier_engine::guidance::for_service;
use dossier_engine::validate::Clock;
use yew::prelude::*;

pub fn view(ctx: &Ctx, start: Route) -> Html {
    let s = ctx.state;
    let def = &s.form().def;
    let service = &s.env.service;
    let guidance = for_service(s.form(), service, Clock::at(s.now));
    let paragraphs = |keys: &[String]| -> Html {
        keys.iter()
            .map(|key| html! { { super::para(ctx.t(key)) } })
            .collect()
    };
    let documents = |ids: &[String]| -> Html {
        let items: Html = ids
            .iter()
            .filter_map(|id| def.documents.iter().find(|d| d.id == *id))
            .map(|d| html! { <li>{ ctx.t(&d.label) }</li> })
            .collect();
        html! { <ul class="list list--bullet">{ items }</ul> }
    };
    let any_documents = !guidance.documents.is_empty() || !guidance.maybe_documents.is_empty();
    html! {
        <>
            { super::h1(ctx.t(&service.title)) }
            <p class="body lead">{ ctx.t(&service.summary) }</p>
            if !guidance.who.is_empty() {
                { super::h2(ctx.t("guidance.who")) }
                { paragraphs(&guidance.who) }
            }
            if !guidance.time.is_empty() {
                { super::h2(ctx.t("guidance.time")) }
                <ul class="list list--bullet">
                    { for guidance.time.iter().map(|key| html! { <li>{ ctx.t(key) }</li> }) }
                </ul>
            }
            if !guidance.fee.is_empty() {
                { super::h2(ctx.t("guidance.fee")) }
                { paragraphs(&guidance.fee) }
            }
            if any_documents {
                { super::h2(ctx.t("guidance.documents")) }
                if !guidance.documents.is_empty() {
                    { super::para(ctx.t("guidance.documents.always")) }
                    { documents(&guidance.documents) }
                }
                if !guidance.maybe_documents.is_empty() {
                    { super::para(ctx.t("guidance.documents.maybe")) }
                    { documents(&guidance.maybe_documents) }
                }
                { super::para(ctx.t("guidance.documents.checklist")) }
            }
            if let Some(start) = &def.start {
                if !start.need.is_empty() {
                    { super::h2(ctx.t("start.before")) }
                    { super::para(ctx.t("start.need")) }
                    <ul class="list list--bullet">
                        { for start.need.iter().map(|key| html! { <li>{ ctx.t(key) }</li> }) }
                    </ul>
                }
                if let Some(time) = &start.time { { super::para(ctx.t(time)) } }
            }
            <a href={start.to_hash()} role="button" draggable="false" class="button button--start">
                { ctx.t("start.start") }
            </a>
            if s.env.catalogue.forms.iter().map(|f| f.services.len()).sum::<usize>() > 1 {
                { super::link_para(crate::loader::SERVICES_HASH.to_string(), ctx.t("services.other")) }
            }
        </>
    }
}
