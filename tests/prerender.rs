//! The pages built for a first visit (src/prerender.rs), from the packed
//! rules (`rules/packed/`, made by the rules step of scripts/test before
//! this test runs; `cargo test --features prerender --test prerender`).

use dossier::loader::{assemble, Fetched};
use dossier::prerender::{pages, write, Page};
use dossier_engine::rules::Catalogue;
use std::path::{Path, PathBuf};
use std::rc::Rc;

fn packed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/packed")
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    use chrono::TimeZone;
    dossier_engine::expr::functions::beijing()
        .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .unwrap()
}

fn catalogue() -> Catalogue {
    serde_json::from_str(&std::fs::read_to_string(packed().join("catalogue.json")).unwrap())
        .unwrap()
}

/// Every message of a language, key → text, as the browser fetches them.
fn messages(lang: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(packed()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(&format!("{lang}.json")) {
            let text = std::fs::read_to_string(packed().join(&name)).unwrap();
            let map: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&text).unwrap();
            for (k, v) in map {
                out.push((k, v.as_str().unwrap_or_default().to_string()));
            }
        }
    }
    out
}

fn page<'a>(pages: &'a [Page], file: &str) -> &'a Page {
    pages
        .iter()
        .find(|p| p.file == file)
        .unwrap_or_else(|| panic!("no page {file}"))
}

/// The catalogue and every service's start page, in every language, each
/// with its language, title and, for a start page, its draft's key; no
/// message key shows where a text should be.
#[test]
fn every_service_and_language_has_its_page() {
    let catalogue = catalogue();
    let (manifest, pages) = pages(&packed(), now()).unwrap();
    let langs: Vec<String> = catalogue.languages.iter().map(|l| l.code.clone()).collect();
    assert_eq!(manifest.languages, langs);
    assert_eq!(manifest.default_language, catalogue.default_language);
    assert_eq!(manifest.start, "services");
    let services: usize = catalogue.forms.iter().map(|f| f.services.len()).sum();
    assert_eq!(pages.len(), langs.len() * (services + 1));
    for lang in &langs {
        let keys = messages(lang);
        let services_page = page(&pages, &format!("services.{lang}.html"));
        for form in &catalogue.forms {
            for service in &form.services {
                let title = &keys.iter().find(|(k, _)| *k == service.title).unwrap().1;
                assert!(
                    services_page
                        .html
                        .contains(&format!(r##"href="#/service/{}/{}""##, form.id, service.id)),
                    "{lang}: a link to {}/{}",
                    form.id,
                    service.id
                );
                assert!(
                    services_page.html.contains(title.as_str()),
                    "{lang}: {title}"
                );
                let start = page(
                    &pages,
                    &format!("service/{}/{}.{lang}.html", form.id, service.id),
                );
                assert!(
                    start
                        .html
                        .starts_with(&format!(r#"<div lang="{lang}" data-title="{title}"#)),
                    "{}",
                    &start.html[..200]
                );
                assert!(start.html.contains(r#"class="button button--start""#));
                let draft = if form.services[0].id == service.id {
                    format!("dossier.draft.{}", form.id)
                } else {
                    format!("dossier.draft.{}/{}", form.id, service.id)
                };
                assert!(
                    start.html.contains(&format!(r#"data-draft="{draft}""#)),
                    "{draft}"
                );
                assert_eq!(start.html.matches("<h1 ").count(), 1);
            }
        }
        for p in pages
            .iter()
            .filter(|p| p.file.ends_with(&format!(".{lang}.html")))
        {
            for (key, _) in &keys {
                assert!(
                    !p.html.contains(&format!(">{key}<"))
                        && !p.html.contains(&format!("=\"{key}\"")),
                    "{}: the key {key} shows",
                    p.file
                );
            }
        }
    }
}

/// A start page is the app's own first page for the service: the same
/// markup the app renders from the same files and the same day.
#[test]
fn a_start_page_is_what_the_app_renders() {
    let (_, pages) = pages(&packed(), now()).unwrap();
    let catalogue = Rc::new(catalogue());
    let bytes = std::fs::read(packed().join("residence-permit.bin")).unwrap();
    let read = |f: &str| std::fs::read_to_string(packed().join(f)).unwrap();
    let state = assemble(
        Fetched {
            catalogue,
            packed: dossier_engine::rules::pack::unpack(&bytes).unwrap(),
            service: "renewal".into(),
            language: "zh-CN".into(),
            language_files: vec![
                ("packed/zh-CN.json".into(), read("zh-CN.json")),
                (
                    "packed/residence-permit.zh-CN.json".into(),
                    read("residence-permit.zh-CN.json"),
                ),
            ],
        },
        None,
        "#/",
        now(),
    )
    .unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let app = tokio::task::LocalSet::new().block_on(
        &rt,
        yew::LocalServerRenderer::<dossier::view::Journey>::with_props(
            dossier::view::JourneyProps { initial: state },
        )
        .hydratable(false)
        .render(),
    );
    let built = &page(&pages, "service/residence-permit/renewal.zh-CN.html").html;
    let inner = built
        .split_once('>')
        .and_then(|(_, rest)| rest.strip_suffix("</div>"))
        .unwrap();
    assert_eq!(inner, app);
    assert!(app.contains("居留许可延期"), "{app}");
}

/// The manifest goes into index.html before `</head>`, once; a broken
/// folder or page is refused with the file named.
#[test]
fn write_puts_the_pages_and_the_manifest_in_place_and_names_what_is_wrong() {
    let dist = std::env::temp_dir().join(format!("dossier-prerender-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dist);
    std::fs::create_dir_all(dist.join("rules/packed")).unwrap();
    for entry in std::fs::read_dir(packed()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(
                entry.path(),
                dist.join("rules/packed").join(entry.file_name()),
            )
            .unwrap();
        }
    }
    let index = dist.join("index.html");
    std::fs::write(
        &index,
        "<!doctype html><html><head><title>Dossier</title></head><body></body></html>",
    )
    .unwrap();
    let n = write(&dist, now()).unwrap();
    assert!(n >= 20, "{n}");
    let html = std::fs::read_to_string(&index).unwrap();
    assert!(
        html.contains(r#"<meta name="dossier-prerender" content="en zh-CN" data-default="en" data-start="services"></head>"#),
        "{html}"
    );
    assert!(dist.join("prerender/services.zh-CN.html").is_file());
    assert!(dist
        .join("prerender/service/temporary-residence/register.en.html")
        .is_file());
    // Again (the rules packed again): one manifest, the same pages, and
    // none left of a service that is gone.
    std::fs::write(dist.join("prerender/services.fr.html"), "old").unwrap();
    write(&dist, now()).unwrap();
    let again = std::fs::read_to_string(&index).unwrap();
    assert_eq!(again.matches("dossier-prerender").count(), 1, "{again}");
    assert_eq!(again, html);
    assert!(!dist.join("prerender/services.fr.html").exists());
    // No </head>.
    std::fs::write(&index, "<p>no head</p>").unwrap();
    let err = write(&dist, now()).unwrap_err();
    assert!(
        err.contains("index.html") && err.contains("</head>"),
        "{err}"
    );
    // A packed form that is not one.
    std::fs::write(
        dist.join("rules/packed/residence-permit.bin"),
        b"not packed",
    )
    .unwrap();
    let err = write(&dist, now()).unwrap_err();
    assert!(err.contains("residence-permit.bin"), "{err}");
    std::fs::remove_dir_all(&dist).unwrap();
}
