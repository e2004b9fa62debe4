//! What the previous version of the app made still reads: a bundle signed
//! by it (`fixtures/previous-version/bundle.json`, made by commit 86f2c7c's
//! `sample_bundle`, before serde replaced the engine's own JSON) verifies
//! against the rules it was signed with (that commit's `rules/`, kept
//! beside it), as a portal keeps the rules each bundle names.

use dossier_engine::bundle::verify::{verify, KnownRules, Outcome};
use std::path::PathBuf;

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/previous-version"
    ))
    .join(path)
}

#[test]
fn a_bundle_signed_by_the_previous_version_verifies_against_its_rules() {
    let rules = KnownRules::load(&fixture("rules")).expect("the previous rules load");
    let bundle = std::fs::read(fixture("bundle.json")).unwrap();
    let v = verify(&bundle, &rules);
    assert_eq!(v.outcome, Outcome::Valid, "{:?}", v.reasons);
    let summary = v.summary.unwrap();
    assert_eq!(summary.language, "zh-CN");
    assert_eq!(summary.attachments.len(), 5);

    // Against today's rules (a later version of the form), it names a form
    // version this verifier does not have: refused with that reason, not
    // misread.
    let today = KnownRules::load(&PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../rules"
    )))
    .unwrap();
    let v = verify(&bundle, &today);
    assert_eq!(v.outcome, Outcome::Invalid);
    assert!(
        v.reasons
            .iter()
            .any(|r| r.contains("version 1.2.0 is not the version known here")),
        "{:?}",
        v.reasons
    );
}
