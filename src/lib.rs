//! Dossier's web shell: a thin Yew front end over `dossier-engine`.
//! State lives in `state` (one reducer), pages render it (`view`), and
//! the browser is reached only through `platform` and `loader`.

pub mod app;
pub mod draft;
pub mod loader;
pub mod photo;
pub mod platform;
#[cfg(all(feature = "prerender", not(target_arch = "wasm32")))]
pub mod prerender;
pub mod route;
pub mod signing;
pub mod state;
pub mod text;
pub mod vault;
pub mod view;
