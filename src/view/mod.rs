//! The journey: one component owns the state; pages are plain render
//! functions of it. Effects here keep the URL, the saved draft, the page
//! title and focus in step with the state.

mod checklist;
mod guidance;
mod pages;
pub mod question;
pub mod services;
mod upload;

use crate::platform;
use crate::route::{Route, Who};
use crate::state::{Action, AppState, Notice, Signing};
use crate::text::issue_text;
use dossier_engine::rules::load::IndexLanguage;
use dossier_engine::rules::Severity;
use dossier_engine::validate::{ApplicantReport, Issue, Report};
use yew::prelude::*;

/// What every render function needs: the state, and whom the page (or
/// the part of it being rendered) is about.
/// A paragraph of body text. Not inlined, like the helpers after it: each
/// element an `html!` builds in place costs the download hundreds of bytes
/// of wasm, a call a few.
#[inline(never)]
pub fn para(text: String) -> Html {
    html! { <p class="body">{ text }</p> }
}

/// A paragraph that is one link.
#[inline(never)]
pub fn link_para(href: String, text: String) -> Html {
    html! { <p class="body"><a class="link" {href}>{ text }</a></p> }
}

/// The page's heading, which takes focus when the page opens.
#[inline(never)]
pub fn h1(text: String) -> Html {
    html! { <h1 class="heading-l" id="page-heading" tabindex="-1">{ text }</h1> }
}

/// A second-level heading.
#[inline(never)]
pub fn h2(text: String) -> Html {
    html! { <h2 class="heading-m">{ text }</h2> }
}

pub struct Ctx<'a> {
    pub state: &'a AppState,
    /// Everyone's report.
    pub full: &'a Report,
    pub who: Who,
    /// The part of `full` about `who`.
    pub report: &'a ApplicantReport,
    /// How messages name `who`: `None` says "you".
    pub person: Option<String>,
    pub dispatch: Callback<Action>,
}

impl<'a> Ctx<'a> {
    /// A message, worded for the person the page is about.
    #[inline(never)]
    pub fn t(&self, key: &str) -> String {
        self.tp(key, &[])
    }

    /// A message with `params`. Any message may name the principal
    /// applicant, the first of the filing, as `{principal}`: by the name
    /// given, or "the first person in this application" before there is one.
    #[inline(never)]
    pub fn tp(&self, key: &str, params: &[(&str, &str)]) -> String {
        let catalog = &self.state.catalog;
        let about =
            |params: &[(&str, &str)]| catalog.text_about(key, self.person.as_deref(), params);
        let names_principal = [
            key.to_string(),
            format!("{key}{}", dossier_engine::rules::load::OTHER),
        ]
        .iter()
        .any(|k| catalog.get(k).is_some_and(|t| t.contains("{principal}")));
        if !names_principal {
            return about(params);
        }
        let principal = self.principal();
        let mut all = params.to_vec();
        all.push(("principal", &principal));
        about(&all)
    }

    /// The principal applicant (the filing's first) by the name given, or
    /// "The first person in this application" before there is one.
    pub fn principal(&self) -> String {
        self.state
            .draft
            .dossier
            .applicants
            .first()
            .and_then(|a| a.name(self.state.form().def.name_field.as_deref()))
            .unwrap_or_else(|| self.state.catalog.text("person.principal", &[]))
    }

    pub fn issue(&self, issue: &Issue) -> String {
        issue_text(
            &self.state.catalog,
            self.state.form(),
            issue,
            self.person.as_deref(),
        )
    }

    /// The same page, about someone else.
    pub fn about(&self, who: Who) -> Ctx<'a> {
        Ctx {
            state: self.state,
            full: self.full,
            who,
            report: AppState::part(self.full, who),
            person: self.state.addressee(who),
            dispatch: self.dispatch.clone(),
        }
    }
}

#[derive(Properties)]
pub struct JourneyProps {
    pub initial: AppState,
}

/// The same journey when it is of the same loaded form: the journey keeps
/// its own state once started (its reducer), so only a new form matters;
/// comparing the state whole would cost the download a kilobyte.
impl PartialEq for JourneyProps {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.initial.env, &other.initial.env)
    }
}

#[component]
pub fn Journey(props: &JourneyProps) -> Html {
    let state = use_reducer(|| props.initial.clone());
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };

    // Save every change on the device; an untouched draft is not written,
    // so "delete my data" stays deleted.
    {
        let dispatch = dispatch.clone();
        let env = state.env.clone();
        use_effect_with(state.draft.clone(), move |draft| {
            if !env.untouched(draft) {
                let text = draft.to_text();
                if !platform::save(&env.draft_key(), &text) {
                    dispatch.emit(Action::SetNotice(Some(Notice::StorageUnavailable)));
                }
            }
        });
    }

    // The URL follows the state; Back and typed URLs come in as Go.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = listen_hash(dispatch);
            move || {
                let _ = &listener;
            }
        });
    }
    use_effect_with(state.route.clone(), |route| {
        platform::set_hash(&route.to_hash());
        platform::scroll_top();
        platform::focus("page-heading");
    });
    use_effect_with(state.shown_count, |count| {
        if *count > 0 {
            platform::focus("error-summary");
        }
    });
    // A photo prepared for a question: its description takes focus, so it
    // is read out with the choice it offers.
    use_effect_with(state.prepared.as_ref().map(|p| p.url.clone()), |url| {
        if url.is_some() {
            platform::focus("prepared-photo");
        }
    });

    // Signing, once asked for, from the state as it is at that moment.
    {
        let dispatch = dispatch.clone();
        let request = match state.signing {
            Signing::Requested { request, .. } => Some(request),
            _ => None,
        };
        let state = state.clone();
        use_effect_with(request, move |request| {
            if request.is_some() {
                crate::signing::start(&state, dispatch);
            }
        });
    }

    let full = state.report();
    let who = state.route.who();
    let ctx = Ctx {
        state: &state,
        full,
        who,
        report: AppState::part(full, who),
        person: state.addressee(who),
        dispatch: dispatch.clone(),
    };
    let (title, body) = pages::render(&ctx);
    use_effect_with(document_title(&ctx, &title), |t| platform::set_title(t));
    {
        let lang = state.catalog.language.clone();
        use_effect_with(lang, |l| platform::set_lang(l));
    }
    layout(&ctx, body)
}

/// What the browser tab reads: "Error: " while the page shows an error,
/// the page's title, then the form's ("What is your name? – Register
/// where you are staying in China"); the start page is the form's alone.
fn document_title(ctx: &Ctx, page: &str) -> String {
    let s = ctx.state;
    let form = ctx.t(&s.form().def.title);
    let title = if page == form {
        form
    } else {
        format!("{page} – {form}")
    };
    if s.shown.iter().any(|i| i.severity == Severity::Error) {
        format!("{} {title}", ctx.t("error.title_prefix"))
    } else {
        title
    }
}

/// The document title of the page `state` shows, as [`Journey`] sets it.
pub fn page_title(state: &AppState) -> String {
    let full = state.report();
    let who = state.route.who();
    let ctx = Ctx {
        state,
        full,
        who,
        report: AppState::part(full, who),
        person: state.addressee(who),
        dispatch: Callback::noop(),
    };
    document_title(&ctx, &pages::render(&ctx).0)
}

#[cfg(target_arch = "wasm32")]
fn listen_hash(dispatch: Callback<Action>) -> Option<gloo::events::EventListener> {
    let window = web_sys::window()?;
    Some(gloo::events::EventListener::new(
        &window,
        "hashchange",
        move |_| {
            dispatch.emit(Action::Go(Route::parse(&platform::hash())));
        },
    ))
}

#[cfg(not(target_arch = "wasm32"))]
fn listen_hash(_: Callback<Action>) -> Option<()> {
    None
}

fn layout(ctx: &Ctx, body: Html) -> Html {
    let s = ctx.state;
    let skip = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        platform::focus("main");
    });
    // About the draft: where the work starts. A language that could not
    // be fetched: on the page where it was chosen, announced at once.
    let notice = s
        .notice
        .filter(|n| {
            *n == Notice::LanguageUnavailable || matches!(s.route, Route::Start | Route::Tasks(_))
        })
        .map(|n| {
            let key = match n {
                Notice::DraftCorrupt => "draft.corrupt",
                Notice::DraftOutdated => "draft.outdated",
                Notice::StorageUnavailable => "draft.unavailable",
                Notice::LanguageUnavailable => "app.language.unavailable",
            };
            let role = if n == Notice::LanguageUnavailable {
                "alert"
            } else {
                "region"
            };
            html! {
                <div class="notification-banner" {role} aria-labelledby="notice-text">
                    <p class="notification-banner__text" id="notice-text">{ ctx.t(key) }</p>
                </div>
            }
        });
    html! {
        <>
            <a href="#main" class="skip-link" onclick={skip}>{ ctx.t("app.skip_link") }</a>
            <header class="header">
                <div class="header__inner">
                    <span class="header__service">{ ctx.t(&s.form().def.title) }</span>
                    { language_switcher(ctx) }
                </div>
            </header>
            <div class="width-container">
                <main class="main" id="main" tabindex="-1">
                    { for notice }
                    { body }
                </main>
            </div>
            <footer class="footer">
                <div class="width-container">
                    <p class="footer__text">{ ctx.t("app.footer.saved") }</p>
                    <a class="footer__link" href={Route::Delete.to_hash()}>{ ctx.t("app.footer.delete") }</a>
                </div>
            </footer>
        </>
    }
}

fn language_switcher(ctx: &Ctx) -> Html {
    let env = ctx.state.env.clone();
    let dispatch = ctx.dispatch.clone();
    let choose = Callback::from(move |lang: IndexLanguage| {
        crate::loader::switch_language(env.clone(), lang, dispatch.clone());
    });
    language_list(
        &ctx.state.env.catalogue.languages,
        &ctx.state.catalog.language,
        ctx.t("app.language"),
        choose,
    )
}

/// The header's list of languages: the one shown, and a button for each
/// other, which `choose` is given.
pub(crate) fn language_list(
    languages: &[IndexLanguage],
    current: &str,
    label: String,
    choose: Callback<IndexLanguage>,
) -> Html {
    html! {
        <nav class="language-switcher" aria-label={label}>
            <ul class="language-switcher__list">
                { for languages.iter().map(|lang| {
                    let (code, name) = (lang.code.clone(), lang.name.clone());
                    if code == current {
                        html! { <li><span class="language-switcher__current" aria-current="true" lang={code}>{ name }</span></li> }
                    } else {
                        let (choose, lang) = (choose.clone(), lang.clone());
                        let onclick = Callback::from(move |_: MouseEvent| choose.emit(lang.clone()));
                        html! { <li><button type="button" class="language-switcher__button" lang={code} {onclick}>{ name }</button></li> }
                    }
                }) }
            </ul>
        </nav>
    }
}

/// The GOV.UK error summary: every error on the page, each linking to its
/// field. Warnings alone get a summary of their own, titled "Please note".
pub fn error_summary(ctx: &Ctx, shown: &[Issue]) -> Html {
    let errors: Vec<&Issue> = shown
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .collect();
    let (list, title, class) = if !errors.is_empty() {
        (errors, ctx.t("error.summary.title"), "error-summary")
    } else {
        let notes: Vec<&Issue> = shown
            .iter()
            .filter(|i| i.severity != Severity::Error)
            .collect();
        if notes.is_empty() {
            return html! {};
        }
        (
            notes,
            ctx.t("check.warnings"),
            "error-summary error-summary--warning",
        )
    };
    html! {
        <div class={class} id="error-summary" tabindex="-1" aria-labelledby="error-summary-title" role="alert">
            <h2 class="error-summary__title" id="error-summary-title">{ title }</h2>
            <ul class="error-summary__list">
                { for list.into_iter().map(|i| {
                    let target = question::field_target(ctx, &i.field);
                    let href = format!("#{target}");
                    let onclick = Callback::from(move |e: MouseEvent| {
                        e.prevent_default();
                        platform::focus(&target);
                    });
                    html! { <li><a href={href} {onclick}>{ ctx.issue(i) }</a></li> }
                }) }
            </ul>
        </div>
    }
}

/// Warnings and notes shown beside a field or on the check page.
pub fn issue_paragraphs(ctx: &Ctx, issues: &[&Issue]) -> Html {
    html! {
        { for issues.iter().map(|i| html! {
            <div class="warning-text">
                <span class="warning-text__icon" aria-hidden="true">{"!"}</span>
                <strong class="warning-text__text">
                    <span class="visually-hidden">{ ctx.t("error.warning_prefix") }{" "}</span>{ ctx.about(i.applicant).issue(i) }
                </strong>
            </div>
        }) }
    }
}
