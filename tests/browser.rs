//! In-browser tests (wasm-bindgen-test in headless Chromium): the storage
//! and DOM behaviour that native tests cannot see.
#![cfg(target_arch = "wasm32")]

use dossier::draft::{self, storage_key, DraftRead};
use dossier::loader::{assemble, delete_everything, Fetched};
use dossier::platform;
use dossier::state::AppState;
use dossier::view::{Journey, JourneyProps};
use dossier_engine::answers::Answer;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fetched() -> Fetched {
    let index =
        dossier_engine::rules::read::index("index.json", include_str!("../rules/index.json"))
            .unwrap();
    Fetched {
        index,
        form_id: "temporary-residence".into(),
        language: "en".into(),
        form_file: "forms/temporary-residence.json".into(),
        form_text: include_str!("../rules/forms/temporary-residence.json").into(),
        countries_text: include_str!("../rules/shared/countries.json").into(),
        language_files: vec![
            (
                "locales/en/ui.json".into(),
                include_str!("../rules/locales/en/ui.json").into(),
            ),
            (
                "locales/en/countries.json".into(),
                include_str!("../rules/locales/en/countries.json").into(),
            ),
            (
                "locales/en/temporary-residence.json".into(),
                include_str!("../rules/locales/en/temporary-residence.json").into(),
            ),
        ],
    }
}

fn start(draft_text: Option<&str>, hash: &str) -> AppState {
    assemble(&fetched(), draft_text, hash, platform::now()).expect("rules assemble in the browser")
}

#[wasm_bindgen_test]
fn the_browser_clock_is_beijing_time_now() {
    let now = platform::now();
    assert_eq!(now.offset().local_minus_utc(), 8 * 3600);
    assert!(
        now.timestamp() > 1_700_000_000,
        "a real clock, not the epoch"
    );
}

#[wasm_bindgen_test]
fn drafts_survive_in_local_storage_and_delete_removes_them() {
    delete_everything();
    let mut state = start(None, "#/");
    state.draft.dossier.applicants[0]
        .answers
        .insert("surname".into(), Answer::Text("ZHANG".into()));
    let key = storage_key(&state.draft.form);
    assert!(platform::save(&key, &state.draft.to_text()));
    platform::save(platform::LANGUAGE_KEY, "zh-CN");

    // As after a reload: read back what the device kept.
    let text = platform::load(&key);
    let DraftRead::Ready(draft) = draft::read(
        text.as_deref(),
        "temporary-residence",
        &state.draft.form_version,
    ) else {
        panic!("the saved draft reads back");
    };
    assert_eq!(
        draft.dossier.applicants[0].answers.get("surname"),
        Some(&Answer::Text("ZHANG".into()))
    );

    delete_everything();
    assert!(platform::load(&key).is_none());
    assert!(platform::keys_with_prefix(platform::KEY_PREFIX).is_empty());
}

#[wasm_bindgen_test]
fn a_corrupt_draft_starts_a_new_form_with_a_notice() {
    let state = assemble(
        &fetched(),
        Some("{\"format\": 1, \"form\": "),
        "#/tasks",
        platform::now(),
    )
    .unwrap();
    assert_eq!(state.notice, Some(dossier::state::Notice::DraftCorrupt));
    assert!(state.draft.dossier.applicants[0].answers.is_empty());
}

#[wasm_bindgen_test]
async fn the_journey_mounts_and_follows_the_url() {
    delete_everything();
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let state = start(None, "#/page/name");
    yew::Renderer::<Journey>::with_root_and_props(root.clone(), JourneyProps { initial: state })
        .render();
    gloo::timers::future::TimeoutFuture::new(50).await;

    let html = root.inner_html();
    assert!(html.contains("Surname"), "{html}");
    assert_eq!(platform::hash(), "#/page/name");
    // The page's heading takes focus, as a new page would.
    assert_eq!(
        document.active_element().map(|e| e.id()),
        Some("page-heading".to_string())
    );
    assert!(
        document.title().starts_with("What is your name?") || document.title().contains("–"),
        "{}",
        document.title()
    );
    root.remove();
}
