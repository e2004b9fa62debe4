//! The browser at the edge: storage, clock, URL, focus, clicks and title. Native
//! builds (tests, server-side rendering) get inert stand-ins, so every
//! component renders the same markup on both.

use chrono::{DateTime, FixedOffset, TimeZone};
use dossier_engine::expr::functions::beijing;

/// Now, in Beijing time.
pub fn now() -> DateTime<FixedOffset> {
    #[cfg(target_arch = "wasm32")]
    let millis = js_sys::Date::now() as i64;
    #[cfg(not(target_arch = "wasm32"))]
    let millis = 0;
    beijing()
        .timestamp_millis_opt(millis)
        .single()
        .unwrap_or_else(|| beijing().timestamp_nanos(0))
}

#[cfg(target_arch = "wasm32")]
mod web {
    use wasm_bindgen::JsCast;

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    fn document() -> Option<web_sys::Document> {
        web_sys::window()?.document()
    }

    pub fn load(key: &str) -> Option<String> {
        storage()?.get_item(key).ok().flatten()
    }

    /// `false` when the browser refuses (private mode, quota).
    pub fn save(key: &str, value: &str) -> bool {
        storage().is_some_and(|s| s.set_item(key, value).is_ok())
    }

    pub fn remove(key: &str) {
        if let Some(s) = storage() {
            let _ = s.remove_item(key);
        }
    }

    /// Every stored key that starts with `prefix`.
    pub fn keys_with_prefix(prefix: &str) -> Vec<String> {
        let Some(s) = storage() else {
            return Vec::new();
        };
        let n = s.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| k.starts_with(prefix))
            .collect()
    }

    pub fn hash() -> String {
        web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default()
    }

    pub fn set_hash(hash: &str) {
        if let Some(w) = web_sys::window() {
            if w.location().hash().ok().as_deref() != Some(hash) {
                let _ = w.location().set_hash(hash);
            }
        }
    }

    fn element(id: &str) -> Option<web_sys::HtmlElement> {
        web_sys::window()?
            .document()?
            .get_element_by_id(id)?
            .dyn_into()
            .ok()
    }

    pub fn focus(id: &str) {
        if let Some(el) = element(id) {
            let _ = el.focus();
            el.scroll_into_view();
        }
    }

    /// Clicks an element: a file input opens the file picker, when called
    /// from the user's own click.
    pub fn click(id: &str) {
        if let Some(el) = element(id) {
            el.click();
        }
    }

    /// The current text of an input, read from the page itself.
    pub fn input_value(id: &str) -> Option<String> {
        let el = web_sys::window()?.document()?.get_element_by_id(id)?;
        Some(el.dyn_into::<web_sys::HtmlInputElement>().ok()?.value())
    }

    /// Whether a checkbox on the page is ticked.
    pub fn input_checked(id: &str) -> bool {
        let el = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id));
        el.and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|i| i.checked())
    }

    pub fn set_title(title: &str) {
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            d.set_title(title);
        }
    }

    pub fn set_lang(lang: &str) {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = el.set_attribute("lang", lang);
        }
    }

    pub fn scroll_top() {
        if let Some(w) = web_sys::window() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    /// The browser's print dialogue (the page's print styles apply).
    pub fn print() {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    }

    /// The browser's preferred languages, best first.
    /// Where the app mounts: `#app` in index.html.
    pub fn app_root() -> Option<web_sys::Element> {
        document()?.get_element_by_id("app")
    }

    /// Whether the page built for a first visit (src/prerender.rs) is
    /// showing: boot.js put it in `#prerendered`.
    pub fn prerendered() -> bool {
        document()
            .and_then(|d| d.get_element_by_id("prerendered"))
            .is_some_and(|e| e.child_element_count() > 0)
    }

    /// Removes the built page: the app's own page has taken its place.
    pub fn drop_prerendered() {
        if let Some(e) = document().and_then(|d| d.get_element_by_id("prerendered")) {
            e.remove();
        }
    }

    pub fn preferred_languages() -> Vec<String> {
        let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
            return Vec::new();
        };
        nav.languages()
            .iter()
            .filter_map(|v| v.as_string())
            .collect()
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod web {
    pub fn load(_: &str) -> Option<String> {
        None
    }
    pub fn save(_: &str, _: &str) -> bool {
        true
    }
    pub fn remove(_: &str) {}
    pub fn keys_with_prefix(_: &str) -> Vec<String> {
        Vec::new()
    }
    pub fn hash() -> String {
        String::new()
    }
    pub fn set_hash(_: &str) {}
    pub fn focus(_: &str) {}
    pub fn click(_: &str) {}
    pub fn input_value(_: &str) -> Option<String> {
        None
    }
    pub fn input_checked(_: &str) -> bool {
        false
    }
    pub fn set_title(_: &str) {}
    pub fn set_lang(_: &str) {}
    pub fn scroll_top() {}
    pub fn print() {}
    pub fn prerendered() -> bool {
        false
    }
    pub fn drop_prerendered() {}
    pub fn preferred_languages() -> Vec<String> {
        Vec::new()
    }
}

pub use web::*;

/// Where the chosen language is remembered.
pub const LANGUAGE_KEY: &str = "dossier.language";
/// Prefix of every key the app stores; "delete my data" removes them all.
pub const KEY_PREFIX: &str = "dossier.";
