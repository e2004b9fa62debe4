//! The list of services, shown first when more than one form ships: each
//! with its title and summary, in the language chosen. Choosing one opens
//! its form (with its own draft); the rest is downloaded only then.

use crate::loader::Services;
use crate::platform;
use dossier_engine::rules::load::IndexLanguage;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ServicesProps {
    pub services: Services,
    /// A service chosen, by form id.
    pub on_choose: Callback<String>,
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
    let text_in = |texts: &std::collections::BTreeMap<String, String>| {
        texts.get(&language).cloned().unwrap_or_default()
    };
    let catalogue = &props.services.catalogue;
    let on_language = props.on_language.reform(|lang: IndexLanguage| lang.code);
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
                    <h1 class="heading-l" id="page-heading" tabindex="-1">{ t("services.title") }</h1>
                    <p class="body">{ t("services.intro") }</p>
                    <ul class="list services">
                        { for catalogue.forms.iter().map(|form| {
                            let on_choose = props.on_choose.clone();
                            let id = form.id.clone();
                            let onclick = Callback::from(move |e: MouseEvent| {
                                e.prevent_default();
                                on_choose.emit(id.clone());
                            });
                            html! {
                                <li class="services__item">
                                    <h2 class="heading-m"><a class="link" href="#/" {onclick}>{ text_in(&form.title) }</a></h2>
                                    <p class="body">{ text_in(&form.summary) }</p>
                                </li>
                            }
                        }) }
                    </ul>
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
