//! Pages rendered when the app is built (feature `prerender`, native only):
//! the catalogue of services and each service's start page, in every
//! language, exactly as the app renders them for someone who has nothing
//! stored yet, from the same packed files the browser fetches.
//!
//! Why: on a phone on a slow network the wasm takes seconds to arrive.
//! `scripts/boot.js` fetches the page for the address (a kilobyte or two)
//! beside the wasm and shows it in `#prerendered`; the app mounts into
//! `#app` and removes `#prerendered` when its own first page is ready
//! (`platform::drop_prerendered`). The app's page replaces the built one
//! rather than hydrating it: Yew's hydration costs 15.5 KB gzip of the
//! 256 KiB budget (ARCHITECTURE.md, "Deliberately absent"). Both render
//! the same components from the same state, so the swap changes nothing
//! on the screen.
//!
//! The files, under `prerender/` beside `index.html`:
//! - `services.<lang>.html`: the catalogue (`#/services`), when more than
//!   one service ships;
//! - `service/<form>/<service>.<lang>.html`: a service's start page
//!   (`#/service/<form>/<service>`);
//! - and in `index.html` a `<meta name="dossier-prerender">` naming the
//!   languages, the default one and the page the bare address shows, so
//!   boot.js picks the file without another request.

use crate::loader::{assemble, Fetched, Services};
use crate::state::AppState;
use crate::view::services::{ServicesPage, ServicesProps};
use crate::view::Journey;
use chrono::{DateTime, FixedOffset, TimeZone};
use dossier_engine::expr::functions::beijing;
use dossier_engine::rules::{Catalog, Catalogue};
use std::path::Path;
use std::rc::Rc;
use yew::prelude::*;
use yew::LocalServerRenderer;

/// One page built: where it goes (under `prerender/`), and its markup.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// `services.<lang>.html` or `service/<form>/<service>.<lang>.html`.
    pub file: String,
    pub html: String,
}

/// What boot.js needs before it fetches a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    /// The catalogue's language codes, in its order.
    pub languages: Vec<String>,
    pub default_language: String,
    /// What the bare address (`#/`) shows on a first visit: `services`, or
    /// `service/<form>/<service>` when only one service ships.
    pub start: String,
}

#[derive(Properties, PartialEq)]
struct MetaProps {
    content: AttrValue,
    default: AttrValue,
    start: AttrValue,
}

#[component]
fn Meta(props: &MetaProps) -> Html {
    html! {
        <meta name="dossier-prerender" content={props.content.clone()}
            data-default={props.default.clone()} data-start={props.start.clone()} />
    }
}

impl Manifest {
    /// The `<meta>` element index.html carries.
    pub fn meta(&self) -> String {
        let props = MetaProps {
            content: self.languages.join(" ").into(),
            default: self.default_language.clone().into(),
            start: self.start.clone().into(),
        };
        block_on(
            LocalServerRenderer::<Meta>::with_props(props)
                .hydratable(false)
                .render(),
        )
    }
}

fn block_on(render: impl std::future::Future<Output = String>) -> String {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime");
    tokio::task::LocalSet::new().block_on(&rt, render)
}

/// The wrapper boot.js reads: the page's language, its document title,
/// and for a start page the key of its draft (a visitor with a draft is
/// shown that, not the start page).
#[derive(Properties, PartialEq)]
struct ShellProps {
    lang: AttrValue,
    title: AttrValue,
    draft: Option<AttrValue>,
    children: Html,
}

#[component]
fn Shell(props: &ShellProps) -> Html {
    html! {
        <div class="prerendered" lang={props.lang.clone()} data-title={props.title.clone()}
            data-draft={props.draft.clone()}>
            { props.children.clone() }
        </div>
    }
}

/// Renders `html` with Yew's server renderer, without hydration markers.
fn render(lang: &str, title: String, draft: Option<String>, page: Html) -> String {
    let props = ShellProps {
        lang: AttrValue::from(lang.to_string()),
        title: title.into(),
        draft: draft.map(AttrValue::from),
        children: page,
    };
    block_on(
        LocalServerRenderer::<Shell>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

/// Now, in Beijing time: the start pages are worked out for the day they
/// are built (they state no date; the app works them out again).
pub fn build_time() -> DateTime<FixedOffset> {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    beijing()
        .timestamp_millis_opt(millis)
        .single()
        .unwrap_or_else(|| beijing().timestamp_nanos(0))
}

fn read(packed: &Path, file: &str) -> Result<String, String> {
    std::fs::read_to_string(packed.join(file))
        .map_err(|e| format!("{}: {e}", packed.join(file).display()))
}

/// Every page, and the manifest, from a folder written by
/// `dossier-rules pack` (`rules/packed`).
pub fn pages(packed: &Path, now: DateTime<FixedOffset>) -> Result<(Manifest, Vec<Page>), String> {
    let file = packed.join("catalogue.bin");
    let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let catalogue: Catalogue = dossier_engine::rules::pack::unpack_catalogue(&bytes)
        .map_err(|e| format!("{}: {e}", file.display()))?;
    let catalogue = Rc::new(catalogue);
    let services: Vec<(String, String)> = catalogue
        .forms
        .iter()
        .flat_map(|f| f.services.iter().map(|s| (f.id.clone(), s.id.clone())))
        .collect();
    let start = match services.as_slice() {
        [(form, service)] => format!("service/{form}/{service}"),
        _ => "services".to_string(),
    };
    let manifest = Manifest {
        languages: catalogue.languages.iter().map(|l| l.code.clone()).collect(),
        default_language: catalogue.default_language.clone(),
        start,
    };
    let mut pages = Vec::new();
    for lang in &manifest.languages {
        let shared = format!("packed/{lang}.json");
        let shared_text = read(packed, &format!("{lang}.json"))?;
        if services.len() > 1 {
            let mut catalog = Catalog::new(lang);
            for (file, name) in [
                (shared.clone(), format!("{lang}.json")),
                (
                    format!("packed/catalogue.{lang}.json"),
                    format!("catalogue.{lang}.json"),
                ),
            ] {
                catalog
                    .add_file(&file, &read(packed, &name)?)
                    .map_err(|e| e.to_string())?;
            }
            let title = catalog.text("services.title", &[]);
            let props = ServicesProps {
                services: Services {
                    catalogue: catalogue.clone(),
                    catalog: Rc::new(catalog),
                },
                on_choose: Callback::noop(),
                on_language: Callback::noop(),
            };
            pages.push(Page {
                file: format!("services.{lang}.html"),
                html: render(lang, title, None, html! { <ServicesPage ..props /> }),
            });
        }
        for (form, service) in &services {
            let bin = format!("{form}.bin");
            let bytes = std::fs::read(packed.join(&bin))
                .map_err(|e| format!("{}: {e}", packed.join(&bin).display()))?;
            let packed_form = dossier_engine::rules::pack::unpack(&bytes)
                .map_err(|e| format!("{}: {e}", packed.join(&bin).display()))?;
            let own = format!("{form}.{lang}.json");
            let fetched = Fetched {
                catalogue: catalogue.clone(),
                packed: packed_form,
                service: service.clone(),
                language: lang.clone(),
                language_files: vec![
                    (shared.clone(), shared_text.clone()),
                    (format!("packed/{own}"), read(packed, &own)?),
                ],
            };
            let state: AppState =
                assemble(fetched, None, "#/", now).map_err(|e| format!("{e:?}"))?;
            let title = crate::view::page_title(&state);
            let draft = state.env.draft_key();
            pages.push(Page {
                file: format!("service/{form}/{service}.{lang}.html"),
                html: render(
                    lang,
                    title,
                    Some(draft),
                    html! { <Journey initial={state} /> },
                ),
            });
        }
    }
    Ok((manifest, pages))
}

/// Writes the pages under `<dist>/prerender/` (in place of any there) and
/// the manifest into `<dist>/index.html` (before `</head>`, or in place of
/// the one there), reading `<dist>/rules/packed`: run again after the
/// rules are packed again, so a first visit never reads an older page.
pub fn write(dist: &Path, now: DateTime<FixedOffset>) -> Result<usize, String> {
    let (manifest, pages) = pages(&dist.join("rules/packed"), now)?;
    let out = dist.join("prerender");
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    for page in &pages {
        let path = out.join(&page.file);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, &page.html).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let index = dist.join("index.html");
    let text = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let meta = manifest.meta();
    let text = match text.find(r#"<meta name="dossier-prerender""#) {
        Some(start) => {
            let end = text[start..]
                .find('>')
                .map(|e| start + e + 1)
                .ok_or_else(|| format!("{}: the prerender manifest is cut off", index.display()))?;
            format!("{}{meta}{}", &text[..start], &text[end..])
        }
        None => {
            let Some(at) = text.find("</head>") else {
                return Err(format!(
                    "{}: no </head> to put the manifest before",
                    index.display()
                ));
            };
            format!("{}{meta}{}", &text[..at], &text[at..])
        }
    };
    std::fs::write(&index, text).map_err(|e| format!("{}: {e}", index.display()))?;
    Ok(pages.len())
}
