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

/// `decimal::parse` reads doubles without Rust's float reader (for the
/// wasm's size); `str::parse::<f64>` is its reference. They must agree on
/// every text: the same double, bit for bit, or both an error.
fn reads_same(text: &str) {
    let ours = dossier_engine::decimal::parse(text);
    let rust = text.parse::<f64>().ok();
    let agree = match (ours, rust) {
        (Some(a), Some(b)) => a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
        (None, None) => true,
        _ => false,
    };
    assert!(agree, "{text:?}: ours {ours:?}, Rust's {rust:?}");
}

#[test]
fn reads_as_rust_does_the_texts_of_random_doubles() {
    let mut rng = Rng(0x5eed_dec1_0000_0003);
    for _ in 0..20_000 {
        let x = f64::from_bits(rng.next());
        reads_same(&format!("{x}"));
        reads_same(&format!("{x:e}"));
        // Too few digits and too many: rounding, not just reading back.
        let precision = rng.below(30);
        reads_same(&format!("{x:.precision$e}"));
        reads_same(&format!("{:.precision$}", x / 1e290));
    }
}

/// Exactly halfway between two neighbouring doubles (ties go to the even
/// one), and just either side of halfway, with up to 1,100 decimals: past
/// the digits the reader keeps.
#[test]
fn reads_as_rust_does_halfway_between_doubles() {
    let mut rng = Rng(0x5eed_dec1_0000_0004);
    let mut doubles: Vec<f64> = vec![
        0.0,
        5e-324,
        f64::MIN_POSITIVE,
        f64::MAX,
        1.0,
        0.1,
        2f64.powi(53),
    ];
    for _ in 0..600 {
        doubles.push(f64::from_bits(rng.next() >> 1));
        doubles.push((rng.below(1 << 20) as f64) * 2f64.powi(rng.below(200) as i32 - 100));
    }
    for x in doubles {
        if !x.is_finite() {
            continue;
        }
        let next = f64::from_bits(x.to_bits() + 1);
        // Fixed notation with 1,100 places is exact for every double.
        let a = format!("{x:.1100}");
        let b = if next.is_finite() {
            format!("{next:.1100}")
        } else {
            // 2^1024, where rounding to infinity starts.
            let big = "179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216";
            format!("{big}.{}", "0".repeat(1100))
        };
        let half = halve(&add(&a, &b));
        reads_same(&half);
        reads_same(&format!("{half}1"));
        reads_same(&format!("{half}0000000001e0"));
        reads_same(&format!("-{half}"));
        // Just below halfway: 4999… in place of 5 at the end.
        if let Some(head) = half.strip_suffix('5') {
            reads_same(&format!("{head}4999999"));
        }
    }
}

/// Decimal addition of two non-negative fixed-point texts with the same
/// number of places.
fn add(a: &str, b: &str) -> String {
    let width = a.len().max(b.len());
    let (a, b) = (format!("{a:0>width$}"), format!("{b:0>width$}"));
    let mut out = Vec::new();
    let mut carry = 0;
    for (x, y) in a.bytes().rev().zip(b.bytes().rev()) {
        if x == b'.' {
            out.push(b'.');
            continue;
        }
        let s = (x - b'0') + (y - b'0') + carry;
        out.push(b'0' + s % 10);
        carry = s / 10;
    }
    if carry > 0 {
        out.push(b'1');
    }
    out.reverse();
    String::from_utf8(out).unwrap()
}

/// Half of a non-negative fixed-point text, one place longer.
fn halve(a: &str) -> String {
    let mut out = String::new();
    let mut rest = 0;
    for c in format!("{a}0").bytes() {
        if c == b'.' {
            out.push('.');
            continue;
        }
        let v = rest * 10 + (c - b'0');
        out.push(char::from(b'0' + v / 2));
        rest = v % 2;
    }
    out
}

#[test]
fn reads_as_rust_does_random_and_odd_texts() {
    let mut rng = Rng(0x5eed_dec1_0000_0005);
    let alphabet = [
        "0", "1", "5", "9", "0", "0", ".", "e", "E", "+", "-", "7", "3",
    ];
    for _ in 0..100_000 {
        let len = 1 + rng.below(12);
        reads_same(&rng.text(&alphabet, len));
    }
    for text in [
        "",
        "+",
        "-",
        ".",
        "e",
        "e5",
        ".e5",
        "1e",
        "1e+",
        "1e-",
        "1.",
        ".5",
        "-.5",
        "+1",
        "+-1",
        "--1",
        "1..2",
        "1.2.3",
        "1e5.5",
        "1e5e5",
        " 1",
        "1 ",
        "1_000",
        "0x10",
        "inf",
        "-inf",
        "+inf",
        "INF",
        "Infinity",
        "-infinity",
        "infinit",
        "infinityy",
        "nan",
        "NaN",
        "-nan",
        "+NAN",
        "nan1",
        "in",
        "1e308",
        "1.8e308",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "2e308",
        "1e309",
        "1e-324",
        "2e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "3e-324",
        "5e-324",
        "1e-400",
        "1e400",
        "0e999999999",
        "0.0",
        "-0",
        "-0.0e-5",
        "00000.00000",
        "1e99999999999999999999",
        "1e-99999999999999999999",
        "9007199254740993",
        "9007199254740992.5",
        "9007199254740993.0000000000000000000000001",
        "2.2250738585072011e-308",
        "2.2250738585072012e-308",
        "4.9406564584124654e-324",
    ] {
        reads_same(text);
    }
}

/// Long texts: many digits, many zeros, and exponents past where Rust
/// stops adding exponent digits (at 65,536).
#[test]
fn reads_as_rust_does_long_texts() {
    let mut rng = Rng(0x5eed_dec1_0000_0006);
    for _ in 0..300 {
        let digits: String = (0..1 + rng.below(2000))
            .map(|_| char::from(b'0' + rng.below(10) as u8))
            .collect();
        let e = rng.below(1400) as i64 - 700;
        reads_same(&format!("{digits}e{e}"));
        reads_same(&format!("0.{digits}e{e}"));
        let cut = rng.below(digits.len());
        reads_same(&format!("{}.{}e{e}", &digits[..cut], &digits[cut..]));
    }
    for zeros in [10, 400, 900, 65_530, 65_536, 70_000, 700_000] {
        let z = "0".repeat(zeros);
        for e in [
            0,
            zeros as i64 - 5,
            zeros as i64,
            zeros as i64 + 1,
            65_535,
            65_536,
            70_001,
            700_000,
        ] {
            reads_same(&format!("0.{z}1e{e}"));
            reads_same(&format!("1{z}e-{e}"));
            reads_same(&format!("0.{z}17976931348623157e{}", e + 308));
        }
    }
    reads_same(&format!("1{}", "0".repeat(400)));
    reads_same(&format!("1.{}1", "0".repeat(800)));
    reads_same(&format!("0.{}1", "0".repeat(330)));
}
