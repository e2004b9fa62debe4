//! Wide hostile bundles (`support/hostile.rs`): each is refused with the
//! reason that names its excess, and none panics. How long each takes is
//! printed by `examples/bench_verify.rs` (budget: under a second).

mod support;
use dossier_engine::bundle::verify::{verify, Outcome};
use support::bundles::known;
use support::hostile::corpus;

#[test]
fn wide_hostile_bundles_are_each_refused_with_their_reason() {
    for case in corpus() {
        let v = verify(&case.bytes, known());
        assert_ne!(v.outcome, Outcome::Valid, "{}", case.name);
        assert!(
            v.reasons.iter().any(|r| r.contains(case.reason)),
            "{}: expected a reason containing {:?}, got {:?}",
            case.name,
            case.reason,
            v.reasons
        );
    }
}
