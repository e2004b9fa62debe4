//! Dossier's platform-neutral core: form rules, the expression language,
//! validation, and (later) the bundle format and its verification.
//!
//! Nothing here touches a browser, a clock or a file system by itself: the
//! web shell and the native tools pass everything in. That keeps the browser
//! and a portal's server computing the very same result.

/// This engine's version, recorded in every signed bundle.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub mod answers;
pub mod base64url;
pub mod bounded;
pub mod bundle;
pub mod calendar;
pub mod carry;
pub mod expr;
pub mod fields;
pub mod files;
pub mod guidance;
pub mod ids;
pub mod navigation;
pub mod offices;

pub mod rules;
pub mod sorting;
pub mod validate;
