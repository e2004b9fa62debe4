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
            .map(|key| html! { <p class="body">{ ctx.t(key) }</p> })
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
            <h1 class="heading-l" id="page-heading" tabindex="-1">{ ctx.t(&service.title) }</h1>
            <p class="body lead">{ ctx.t(&service.summary) }</p>
            if !guidance.who.is_empty() {
                <h2 class="heading-m">{ ctx.t("guidance.who") }</h2>
                { paragraphs(&guidance.who) }
            }
            if !guidance.time.is_empty() {
                <h2 class="heading-m">{ ctx.t("guidance.time") }</h2>
                <ul class="list list--bullet">
                    { for guidance.time.iter().map(|key| html! { <li>{ ctx.t(key) }</li> }) }
                </ul>
            }
            if !guidance.fee.is_empty() {
                <h2 class="heading-m">{ ctx.t("guidance.fee") }</h2>
                { paragraphs(&guidance.fee) }
            }
            if any_documents {
                <h2 class="heading-m">{ ctx.t("guidance.documents") }</h2>
                if !guidance.documents.is_empty() {
                    <p class="body">{ ctx.t("guidance.documents.always") }</p>
                    { documents(&guidance.documents) }
                }
                if !guidance.maybe_documents.is_empty() {
                    <p class="body">{ ctx.t("guidance.documents.maybe") }</p>
                    { documents(&guidance.maybe_documents) }
                }
                <p class="body">{ ctx.t("guidance.documents.checklist") }</p>
            }
            if let Some(start) = &def.start {
                if !start.need.is_empty() {
                    <h2 class="heading-m">{ ctx.t("start.before") }</h2>
                    <p class="body">{ ctx.t("start.need") }</p>
                    <ul class="list list--bullet">
                        { for start.need.iter().map(|key| html! { <li>{ ctx.t(key) }</li> }) }
                    </ul>
                }
                if let Some(time) = &start.time { <p class="body">{ ctx.t(time) }</p> }
            }
            <a href={start.to_hash()} role="button" draggable="false" class="button button--start">
                { ctx.t("start.start") }
            </a>
            if s.env.catalogue.forms.iter().map(|f| f.services.len()).sum::<usize>() > 1 {
                <p class="body"><a class="link" href={crate::loader::SERVICES_HASH}>{ ctx.t("services.other") }</a></p>
            }
        </>
    }
}
