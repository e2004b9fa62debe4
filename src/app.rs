//! The root component: load, then either the journey or a readable error.

use crate::loader::{LoadError, Start};
use crate::view::services::ServicesPage;
use crate::view::Journey;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
enum Phase {
    Loading,
    Ready(Start),
    Failed(LoadError),
}

/// Runs `load` in the background and shows what it gives.
#[cfg(target_arch = "wasm32")]
fn load_into<F>(phase: &UseStateHandle<Phase>, load: F)
where
    F: std::future::Future<Output = Result<Start, LoadError>> + 'static,
{
    phase.set(Phase::Loading);
    let phase = phase.clone();
    wasm_bindgen_futures::spawn_local(async move {
        phase.set(match load.await {
            Ok(start) => Phase::Ready(start),
            Err(e) => Phase::Failed(e),
        });
    });
}

#[component]
pub fn App() -> Html {
    let phase = use_state(|| Phase::Loading);
    // The page built for a first visit (boot.js) stays, without a
    // "Loading" line above it, until the app's own first page replaces it;
    // #app comes first in the document, so focusing the heading finds the
    // app's.
    {
        let settled = !matches!(*phase, Phase::Loading);
        use_effect_with(settled, |settled| {
            if *settled {
                crate::platform::drop_prerendered();
            }
        });
    }
    {
        let phase = phase.clone();
        use_effect_with((), move |_| {
            #[cfg(target_arch = "wasm32")]
            load_into(&phase, crate::loader::load());
            // "Choose another service" leads to the list of services; a
            // link to a service opens it.
            #[cfg(target_arch = "wasm32")]
            let listener = web_sys::window().map(|window| {
                gloo::events::EventListener::new(&window, "hashchange", move |_| {
                    let hash = crate::platform::hash();
                    if hash == crate::loader::SERVICES_HASH
                        || hash.starts_with(crate::loader::SERVICE_LINK)
                    {
                        load_into(&phase, crate::loader::load());
                    }
                })
            });
            #[cfg(not(target_arch = "wasm32"))]
            let listener = {
                let _ = phase;
                None::<String>
            };
            move || drop(listener)
        });
    }
    match &*phase {
        Phase::Loading if crate::platform::prerendered() => html! {},
        Phase::Loading => {
            html! { <div class="width-container"><p class="body loading" role="status">{ "Loading… 正在加载…" }</p></div> }
        }
        Phase::Ready(Start::Journey(state)) => html! { <Journey initial={(**state).clone()} /> },
        Phase::Ready(Start::Services(services)) => {
            let catalogue = services.catalogue.clone();
            let on_choose = {
                let (phase, catalogue) = (phase.clone(), catalogue.clone());
                Callback::from(move |choice: crate::loader::Choice| {
                    crate::platform::save(crate::loader::FORM_KEY, &choice.to_text());
                    crate::platform::set_hash("#/");
                    #[cfg(target_arch = "wasm32")]
                    {
                        let catalogue = catalogue.clone();
                        load_into(&phase, async move {
                            crate::loader::open_form(catalogue, &choice).await
                        });
                    }
                    #[cfg(not(target_arch = "wasm32"))]
                    let _ = (&phase, &catalogue, choice);
                })
            };
            let on_language = {
                let phase = phase.clone();
                Callback::from(move |code: String| {
                    crate::platform::save(crate::platform::LANGUAGE_KEY, &code);
                    #[cfg(target_arch = "wasm32")]
                    load_into(&phase, crate::loader::services(catalogue.clone()));
                    #[cfg(not(target_arch = "wasm32"))]
                    let _ = (&phase, &catalogue);
                })
            };
            html! { <ServicesPage services={services.clone()} {on_choose} {on_language} /> }
        }
        Phase::Failed(e) => load_error(e),
    }
}

/// Shown when the rules cannot be used. In both languages, because the
/// language files may be what is broken.
pub fn load_error(e: &LoadError) -> Html {
    let details: Vec<String> = match e {
        LoadError::Rules(errors) => errors.iter().map(|e| e.to_string()).collect(),
        LoadError::Network(m) => vec![m.clone()],
    };
    html! {
        <div class="width-container">
            <main class="main" id="main">
                <h1 class="heading-l">{ "Sorry, the form could not be loaded" }</h1>
                <p class="body" lang="zh-CN">{ "抱歉，表格无法加载" }</p>
                if matches!(e, LoadError::Network(_)) {
                    <p class="body">{ "The form's files could not be downloaded. Check your connection and reload the page." }</p>
                    <p class="body" lang="zh-CN">{ "无法下载表格文件。请检查网络连接后刷新页面。" }</p>
                } else {
                    <p class="body">{ "The form's rules contain mistakes, so it cannot be shown safely. Please try again later. If you run this service, the details are below." }</p>
                    <p class="body" lang="zh-CN">{ "表格规则文件有误，无法安全显示。请稍后再试。如果您是本服务的运营方，详细信息见下方。" }</p>
                }
                <ul class="list load-errors">{ for details.into_iter().map(|d| html! { <li><code>{ d }</code></li> }) }</ul>
            </main>
        </div>
    }
}
