//! `Decimal` prints doubles without Rust's float formatting (for the wasm's
//! size); Rust's `{}` is its reference. They must agree on every double.

mod support;
use dossier_engine::decimal::Decimal;
use support::Rng;

fn same(x: f64) {
    assert_eq!(
        Decimal(x).to_string(),
        x.to_string(),
        "bits {:#x} ({x:e})",
        x.to_bits()
    );
}

#[test]
fn agrees_with_rust_on_random_bit_patterns() {
    let mut rng = Rng(0x5eed_dec1_0000_0001);
    for _ in 0..60_000 {
        same(f64::from_bits(rng.next()));
    }
}

#[test]
fn agrees_on_short_decimals_and_their_neighbours() {
    let mut rng = Rng(0x5eed_dec1_0000_0002);
    for _ in 0..30_000 {
        let digits = rng.below(1_000_000) as f64;
        let scale = 10f64.powi(rng.below(40) as i32 - 20);
        let x = digits * scale;
        same(x);
        same(f64::from_bits(x.to_bits() + 1));
        same(f64::from_bits(x.to_bits().saturating_sub(1)));
    }
}

#[test]
fn agrees_on_powers_of_two_and_the_extremes() {
    // Powers of two have an uneven rounding interval: the shortest digits
    // may lie on the wider side only.
    for e in -1074..=1023 {
        same(2f64.powi(e));
    }
    for x in [
        f64::MAX,
        f64::MIN_POSITIVE,
        5e-324,
        1e308,
        1e-308,
        0.1 + 0.2,
    ] {
        same(x);
        same(-x);
    }
}
