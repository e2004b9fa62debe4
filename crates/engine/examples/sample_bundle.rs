//! Prints a signed one-applicant bundle with one attached photo to standard
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
use dossier_engine::answers::{Answer, FileRef};
use dossier_engine::bundle::verify::sha256_hex;
use dossier_engine::files::MediaType;

fn main() {
    // A JPEG header for 354 × 472 pixels, padded to 30,000 bytes.
    let mut photo = vec![
        0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0xD8, 0x01, 0x62,
    ];
    photo.resize(30_000, 0x55);
    let sha = sha256_hex(&photo);
    let mut dossier = complete_dossier();
    dossier.applicants[0].answers.insert(
        "photo_upload".into(),
        Answer::File(FileRef {
            sha256: sha.clone(),
            name: "photo.jpg".into(),
            media_type: MediaType::Jpeg,
            size: photo.len() as u64,
            width: Some(354),
            height: Some(472),
        }),
    );
    let m = manifest(dossier, created(), "zh-CN");
    print!("{}", sign(&m, &signing_key(7), &[(sha, photo)]));
}
