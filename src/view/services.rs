//! The catalogue of services, shown first when more than one ships: under
//! each group's heading (registration, residence permits, visas and stay),
//! one line per service, its title and who it is for, in the language
//! chosen. Choosing one opens its form at its guidance page, with the
//! service's own draft; the form is downloaded only then.

use crate::loader::{Choice, Services};
use crate::platform;
use dossier_engine::rules::load::IndexLanguage;
use dossier_engine::rules::{Catalogue, CatalogueService};
use yew::prelude::*;

/// The groups in the order the catalogue shows them; a group not named
/// here comes after them, in the order its first service is listed.
const GROUPS: &[&str] = &["registration", "residence", "visas", "other"];

/// The catalogue's services by group, groups in the order they are shown,
/// each service with the id of its form.
pub fn grouped(catalogue: &Catalogue) -> Vec<(String, Vec<(String, CatalogueService)>)> {
    let mut groups: Vec<(String, Vec<(String, CatalogueService)>)> =
        GROUPS.iter().map(|g| (g.to_string(), Vec::new())).collect();
    for form in &catalogue.forms {
        for service in &form.services {
            let at = match groups.iter().position(|(g, _)| *g == service.group) {
                Some(at) => at,
                None => {
                    groups.push((service.group.clone(), Vec::new()));
                    groups.len() - 1
                }
            };
            groups[at].1.push((form.id.clone(), service.clone()));
        }
    }
    groups.retain(|(_, services)| !services.is_empty());
    groups
}

#[derive(Properties, PartialEq)]
pub struct ServicesProps {
    pub services: Services,
    /// A service chosen.
    pub on_choose: Callback<Choice>,
    /// Another language chosen, by code.
    pub on_language: Callback<String>,
}

#[component]
pub fn ServicesPage(props: &ServicesProps) -> Html {
    let catalog = props.services.catalog.clone();
    let t = |key: &str| catalog.text(key, &[]);
    let language = catalog.language.clone();
    {
        let (title, language) = (t("services.title"), language.clone());
        use_effect_with(language.clone(), move |_| {
            platform::set_title(&title);
            platform::set_lang(&language);
            // As on every page: a screen reader starts at the heading.
            platform::focus("page-heading");
        });
    }
    let catalogue = &props.services.catalogue;
    let on_language = props.on_language.reform(|lang: IndexLanguage| lang.code);
    let line = |form: &str, service: &CatalogueService| {
        let on_choose = props.on_choose.clone();
        let choice = Choice {
            form: form.to_string(),
            service: service.id.clone(),
        };
        // A real link, which also works before the app has loaded.
        let href = format!("{}{}", crate::loader::SERVICE_LINK, choice.to_text());
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            on_choose.emit(choice.clone());
        });
        html! {
            <li class="services__item">
                <h3 class="heading-s"><a class="link" {href} {onclick}>{ t(&service.title) }</a></h3>
                { super::para(t(&service.summary)) }
            </li>
        }
    };
    html! {
        <>
            <a href="#main" class="skip-link">{ t("app.skip_link") }</a>
            <header class="header">
                <div class="header__inner">
                    <span class="header__service">{ t("services.title") }</span>
                    { super::language_list(&catalogue.languages, &language, t("app.language"), on_language) }
                </div>
            </header>
            <div class="width-container">
                <main class="main" id="main" tabindex="-1">
                    { super::h1(t("services.title")) }
                    { super::para(t("services.intro")) }
                    { for grouped(catalogue).into_iter().map(|(group, services)| html! {
                        <section class="services__group">
                            <h2 class="heading-m">{ t(&format!("services.group.{group}")) }</h2>
                            <ul class="list services">
                                { for services.iter().map(|(form, service)| line(form, service)) }
                            </ul>
                        </section>
                    }) }
                </main>
            </div>
            <footer class="footer">
                <div class="width-container">
                    <p class="footer__text">{ t("app.footer.saved") }</p>
                </div>
            </footer>
        </>
    }
}
