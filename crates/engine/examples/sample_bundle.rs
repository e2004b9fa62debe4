//! Prints a signed one-applicant bundle (the complete filing of
//! `tests/fixtures`, with its photo and four scans attached) to standard
//! output, made natively the way the browser makes it: for the JOSE
//! interoperability test (`tests/e2e/jose-interop.test.mjs`) and for trying
//! `dossier-verify`.
//!
//! ```sh
//! cargo run -q -p dossier-engine --example sample_bundle > bundle.json
//! ```

#[path = "../tests/support/bundles.rs"]
mod bundles;

use bundles::*;

fn main() {
    let m = manifest(complete_dossier(), created(), "zh-CN");
    print!("{}", sign(&m, &signing_key(7), &[]));
}
