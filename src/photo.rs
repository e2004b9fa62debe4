//! A photo prepared in the browser to meet its field's rule: the thin Rust
//! side of `src/js/photo.js`, which turns a camera's picture upright, crops
//! it to the rule's aspect, scales it inside the pixel limits and encodes a
//! JPEG inside the byte limits. Wasm-only, like `vault.rs`.
#![cfg(target_arch = "wasm32")]

use dossier_engine::rules::FileRule;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/src/js/photo.js")]
extern "C" {
    #[wasm_bindgen(js_name = preparePhoto)]
    async fn js_prepare(file: &web_sys::File, limits: &[f64]) -> JsValue;
    #[wasm_bindgen(js_name = takePrepared)]
    fn js_take() -> JsValue;
    #[wasm_bindgen(js_name = dropPrepared)]
    pub fn drop_prepared();
}

/// What preparing a chosen picture gave.
pub enum Outcome {
    /// A JPEG meeting the rule, waiting for the user: its `blob:` URL,
    /// bytes, width and height.
    Ready(String, u64, u32, u32),
    /// The picture, upright, has fewer pixels than the rule asks (it is
    /// never enlarged): its width and height.
    TooFewPixels(u32, u32),
    /// The browser could not open it as an image.
    Unopened,
    /// Not tried (too big to open): the rule's own refusal stands.
    NotTried,
    /// No size and quality fits the byte limits (too little detail).
    NoFit,
}

/// Prepares `file` for `rule`, whose aspect is `(aw, ah)`.
pub async fn prepare(file: &web_sys::File, rule: &FileRule, (aw, ah): (u32, u32)) -> Outcome {
    let pixels = |limit: Option<u32>| f64::from(limit.unwrap_or(0));
    let limits = [
        rule.min_bytes.unwrap_or(0) as f64,
        rule.max_bytes as f64,
        pixels(rule.min_width),
        pixels(rule.max_width),
        pixels(rule.min_height),
        pixels(rule.max_height),
        f64::from(aw),
        f64::from(ah),
    ];
    let found = js_prepare(file, &limits).await;
    let Some(parts) = found.dyn_ref::<js_sys::Array>() else {
        return match found.as_f64().unwrap_or(0.0) as u8 {
            1 => Outcome::NotTried,
            2 => Outcome::NoFit,
            _ => Outcome::Unopened,
        };
    };
    let n = |i| parts.get(i).as_f64().unwrap_or(0.0) as u32;
    match parts.get(0).as_string() {
        Some(url) => Outcome::Ready(url, parts.get(1).as_f64().unwrap_or(0.0) as u64, n(2), n(3)),
        None => Outcome::TooFewPixels(n(0), n(1)),
    }
}

/// The prepared photo the user accepted, once.
pub fn take_prepared() -> Option<web_sys::File> {
    js_take().dyn_into().ok()
}
