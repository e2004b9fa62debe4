//! In-browser tests (wasm-bindgen-test in headless Chromium): the storage
//! and DOM behaviour that native tests cannot see.
#![cfg(target_arch = "wasm32")]

use dossier::draft::{self, storage_key, DraftRead};
use dossier::loader::{assemble, delete_everything};
use dossier::platform;
use dossier::state::AppState;
use dossier::view::{Journey, JourneyProps};
use dossier_engine::answers::Answer;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::fetched;

fn start(draft_text: Option<&str>, hash: &str) -> AppState {
    assemble(fetched(), draft_text, hash, platform::now()).expect("rules assemble in the browser")
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
        fetched(),
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
    let app = yew::Renderer::<Journey>::with_root_and_props(
        root.clone(),
        JourneyProps { initial: state },
    )
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
    // The tab says which page this is, then the form.
    assert_eq!(
        document.title(),
        "What is your name? – Register where you are staying in China"
    );
    for (hash, title) in [
        (
            "#/tasks",
            "Your application – Register where you are staying in China",
        ),
        (
            "#/page/date-of-birth",
            "What is your date of birth? – Register where you are staying in China",
        ),
        // The start page is the form's own.
        ("#/", "Register where you are staying in China"),
    ] {
        platform::set_hash(hash);
        gloo::timers::future::TimeoutFuture::new(50).await;
        assert_eq!(document.title(), title, "at {hash}");
    }
    app.destroy();
    root.remove();
}

/// Choosing a language whose messages cannot be fetched (a French the
/// index lists, which this test page's server does not have): the page
/// says so, in the language it stays in, and the choice is not kept.
#[wasm_bindgen_test]
async fn a_language_that_cannot_be_fetched_is_reported() {
    delete_everything();
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let mut state = start(None, "#/page/name");
    let mut catalogue = (*state.env.catalogue).clone();
    let mut french = catalogue.languages[0].clone();
    french.code = "fr".into();
    french.name = "Français".into();
    catalogue.languages.push(french);
    state.env = std::rc::Rc::new(dossier::state::Env {
        form: state.env.form.clone(),
        catalogue: std::rc::Rc::new(catalogue),
        sources: state.env.sources.clone(),
        service: state.env.service.clone(),
    });
    let app = yew::Renderer::<Journey>::with_root_and_props(
        root.clone(),
        JourneyProps { initial: state },
    )
    .render();
    gloo::timers::future::TimeoutFuture::new(50).await;

    let button: web_sys::HtmlElement = root
        .query_selector("button.language-switcher__button[lang='fr']")
        .unwrap()
        .expect("a button for French")
        .dyn_into()
        .unwrap();
    button.click();
    let mut notice = None;
    for _ in 0..100 {
        gloo::timers::future::TimeoutFuture::new(50).await;
        notice = root.query_selector("[role=alert]").unwrap();
        if notice.is_some() {
            break;
        }
    }
    let notice = notice.expect("a notice that the language could not be loaded");
    assert_eq!(
        notice.text_content().unwrap_or_default().trim(),
        "The language you chose could not be downloaded. Your answers are kept. \
         Check your connection and choose the language again."
    );
    assert!(root.inner_html().contains("What is your name?"));
    assert_eq!(
        document.document_element().unwrap().get_attribute("lang"),
        Some("en".to_string())
    );
    assert_eq!(platform::load(platform::LANGUAGE_KEY), None, "not kept");
    app.destroy();
    root.remove();
}

mod vault_tests {
    use dossier::vault;
    use dossier_engine::base64url;
    use wasm_bindgen_futures::JsFuture;
    use wasm_bindgen_test::*;

    const ABC_SHA256: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    fn blob(bytes: &[u8]) -> web_sys::Blob {
        let array = js_sys::Uint8Array::from(bytes);
        web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&array)).unwrap()
    }

    #[wasm_bindgen_test]
    async fn files_are_kept_by_digest_in_indexeddb_and_delete_all_removes_them() {
        vault::delete_all().await;
        let file = blob(b"abc");
        let sha = vault::sha256_hex(&file).await.unwrap();
        assert_eq!(sha, ABC_SHA256);
        vault::put_file(&sha, &file).await.unwrap();
        assert_eq!(vault::file_keys().await, vec![sha.clone()]);
        assert_eq!(vault::get_file(&sha).await.unwrap().size(), 3.0);
        assert!(vault::preview_url(&sha).await.unwrap().starts_with("blob:"));
        vault::delete_file(&sha).await;
        assert!(vault::get_file(&sha).await.is_none());
        vault::put_file(&sha, &file).await.unwrap();
        vault::delete_all().await;
        assert!(vault::file_keys().await.is_empty());
    }

    #[wasm_bindgen_test]
    async fn the_device_key_is_kept_signs_es256_and_goes_with_delete_all() {
        vault::delete_all().await;
        let first = vault::device_public_key().await.unwrap();
        assert_eq!(vault::device_public_key().await.unwrap(), first, "reused");
        assert_eq!(base64url::decode(&first.x).unwrap().len(), 32);
        assert_eq!(base64url::decode(&first.y).unwrap().len(), 32);
        assert_eq!(vault::sign("protected.payload").await.unwrap().len(), 64);
        vault::delete_all().await;
        assert_ne!(
            vault::device_public_key().await.unwrap(),
            first,
            "a new key after deletion"
        );
        vault::delete_all().await;
    }

    #[wasm_bindgen_test]
    async fn a_bundle_blob_carries_each_stored_file_as_base64url_under_its_digest() {
        vault::delete_all().await;
        let file = blob(b"abc");
        vault::put_file(ABC_SHA256, &file).await.unwrap();
        let head = r#"{"protected":"p","payload":"q","signature":"s","attachments":{"#;
        let bundle = vault::bundle_blob(head, vec![ABC_SHA256.into()])
            .await
            .unwrap();
        let text = JsFuture::from(bundle.text())
            .await
            .unwrap()
            .as_string()
            .unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        let carried = &parsed["attachments"][ABC_SHA256];
        assert_eq!(carried.as_str(), Some(base64url::encode(b"abc").as_str()));

        let missing = "0".repeat(64);
        assert_eq!(
            vault::bundle_blob(head, vec![missing.clone()])
                .await
                .unwrap_err(),
            missing
        );
        vault::delete_all().await;
    }
}
