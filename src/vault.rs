//! Attached files and the device's signing key, kept in IndexedDB, and the
//! WebCrypto work on them: the thin Rust side of `src/js/vault.js`. Only
//! the browser has these; native builds (tests rendering components) have
//! none, so this module is wasm-only.
#![cfg(target_arch = "wasm32")]

use dossier_engine::bundle::PublicJwk;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Blob;

#[wasm_bindgen(module = "/src/js/vault.js")]
extern "C" {
    #[wasm_bindgen(js_name = sha256Hex, catch)]
    async fn js_sha256_hex(data: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = putFile)]
    async fn js_put_file(sha: &str, blob: &Blob) -> JsValue;
    #[wasm_bindgen(js_name = getFile, catch)]
    async fn js_get_file(sha: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = deleteFile, catch)]
    async fn js_delete_file(sha: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = fileKeys, catch)]
    async fn js_file_keys() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = previewUrl, catch)]
    async fn js_preview_url(sha: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = deleteAll)]
    async fn js_delete_all();
    #[wasm_bindgen(js_name = devicePublicKey, catch)]
    async fn js_device_public_key() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = sign, catch)]
    async fn js_sign(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = bundleBlob, catch)]
    async fn js_bundle_blob(head: &str, shas: Vec<String>) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = download)]
    fn js_download(blob: &Blob, name: &str);
    #[wasm_bindgen(js_name = announce)]
    fn js_announce(blob: &Blob, name: &str, thumbprint: &str);
    #[wasm_bindgen(js_name = signAndOffer, catch)]
    async fn js_sign_and_offer(
        manifest: &str,
        shas: Vec<String>,
        name: &str,
    ) -> Result<JsValue, JsValue>;
}

/// Why a file could not be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The device has no room left; nothing already stored was touched.
    Quota,
    /// Anything else the browser reported (its error's name).
    Other(String),
}

/// SHA-256 of a Blob (or a `Uint8Array`), lower-case hex.
pub async fn sha256_hex(data: &JsValue) -> Option<String> {
    js_sha256_hex(data).await.ok()?.as_string()
}

pub async fn put_file(sha: &str, blob: &Blob) -> Result<(), StoreError> {
    match js_put_file(sha, blob).await.as_string().as_deref() {
        Some("") => Ok(()),
        Some("quota") => Err(StoreError::Quota),
        other => Err(StoreError::Other(other.unwrap_or("unknown").to_string())),
    }
}

pub async fn get_file(sha: &str) -> Option<Blob> {
    js_get_file(sha).await.ok()?.dyn_into().ok()
}

pub async fn delete_file(sha: &str) {
    let _ = js_delete_file(sha).await;
}

/// The digests of every stored file.
pub async fn file_keys() -> Vec<String> {
    match js_file_keys().await {
        Ok(keys) => js_sys::Array::from(&keys)
            .iter()
            .filter_map(|k| k.as_string())
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// A `blob:` URL showing a stored file (the CSP allows `img-src blob:`).
pub async fn preview_url(sha: &str) -> Option<String> {
    js_preview_url(sha)
        .await
        .ok()?
        .as_string()
        .filter(|u| !u.is_empty())
}

/// Removes every stored file and the device key.
pub async fn delete_all() {
    js_delete_all().await;
}

/// The device key's public half, creating the key on first use.
pub async fn device_public_key() -> Option<PublicJwk> {
    let text = js_device_public_key().await.ok()?.as_string()?;
    let (x, y) = text.split_once(' ')?;
    Some(PublicJwk {
        x: x.to_string(),
        y: y.to_string(),
    })
}

/// ES256 with the device key: the 64-byte r ‖ s JWS wants.
pub async fn sign(text: &str) -> Option<Vec<u8>> {
    let bytes = js_sign(text).await.ok()?;
    Some(js_sys::Uint8Array::new(&bytes).to_vec())
}

/// The bundle as a Blob: `head` is its JSON up to the attachments object's
/// `{`, then each stored file by digest. `Err` names a digest whose file is
/// no longer stored.
pub async fn bundle_blob(head: &str, shas: Vec<String>) -> Result<Blob, String> {
    let result = js_bundle_blob(head, shas)
        .await
        .map_err(|_| String::new())?;
    match result.as_string() {
        Some(missing) => Err(missing),
        None => result.dyn_into().map_err(|_| String::new()),
    }
}

/// Offers the bundle as a download.
pub fn download(blob: &Blob, name: &str) {
    js_download(blob, name);
}

/// Signs `manifest` (JSON) with the device key, builds the bundle with the
/// stored files `shas` and offers it (download and `dossier:bundle`): the
/// key's RFC 7638 thumbprint, or why it failed.
pub async fn sign_and_offer(
    manifest: &str,
    shas: Vec<String>,
    name: &str,
) -> Result<String, String> {
    match js_sign_and_offer(manifest, shas, name).await {
        Ok(thumbprint) => thumbprint.as_string().ok_or_else(String::new),
        Err(e) => Err(js_sys::Error::from(e).message().into()),
    }
}

/// Hands the bundle to a host page (`dossier:bundle` on the document).
pub fn announce(blob: &Blob, name: &str, thumbprint: &str) {
    js_announce(blob, name, thumbprint);
}
