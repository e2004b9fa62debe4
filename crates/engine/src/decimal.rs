//! Printing a double exactly as Rust's `{}` does (CEL's `string(1.5)`,
//! JSON numbers, messages), without Rust's float formatting: that code
//! (Grisu with a Dragon4 fallback, plus its fixed-precision twin, which
//! `Display` drags in) costs 7.4 KB gzip of the browser's wasm.
//!
//! The method is plain and exact rather than fast: write the double's exact
//! decimal expansion with a small big-number, then take the shortest prefix,
//! rounded down or up, that reads back (through `str::parse`, which the
//! engine needs anyway) as the same double. `tests/decimal_oracle.rs`
//! compares it with `{}` on about 150,000 doubles in every test run.

use std::fmt;

/// Displays the wrapped double as `{}` would: shortest round-trip digits,
/// never an exponent (`1e21` prints all 22 digits), `-0`, `NaN`, `inf`.
pub struct Decimal(pub f64);

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x.is_nan() {
            return f.write_str("NaN");
        }
        if x.is_sign_negative() {
            f.write_str("-")?;
        }
        let x = x.abs();
        if x.is_infinite() {
            return f.write_str("inf");
        }
        // Whole numbers below 2^53 are their own shortest digits.
        if x.fract() == 0.0 && x < 9_007_199_254_740_992.0 {
            return write!(f, "{}", x as u64);
        }
        let (digits, point) = shortest(x);
        lay_out(f, &digits, point)
    }
}

/// `0.d1d2…dn × 10^point`, written without an exponent.
fn lay_out(f: &mut fmt::Formatter<'_>, digits: &[u8], point: i32) -> fmt::Result {
    let text = |d: &[u8]| d.iter().map(|&b| char::from(b'0' + b)).collect::<String>();
    let n = digits.len() as i32;
    if point <= 0 {
        f.write_str("0.")?;
        for _ in 0..-point {
            f.write_str("0")?;
        }
        f.write_str(&text(digits))
    } else if point < n {
        let (whole, fraction) = digits.split_at(point as usize);
        write!(f, "{}.{}", text(whole), text(fraction))
    } else {
        f.write_str(&text(digits))?;
        for _ in 0..point - n {
            f.write_str("0")?;
        }
        Ok(())
    }
}

/// The shortest digits (each 0–9) and decimal point position of a positive,
/// finite, non-zero double that read back as that double; of two such
/// candidates of one length, the nearer to the exact value.
fn shortest(x: f64) -> (Vec<u8>, i32) {
    let (exact, point) = exact_digits(x);
    for len in 1..exact.len() {
        let down = exact[..len].to_vec();
        let (up, up_point) = round_up(&down, point);
        let down_ok = reads_back(&down, point, x);
        let up_ok = reads_back(&up, up_point, x);
        if down_ok && up_ok {
            // The nearer one; an exact half rounds up, as Rust does.
            return if exact[len] >= 5 {
                (up, up_point)
            } else {
                (down, point)
            };
        }
        if down_ok {
            return (down, point);
        }
        if up_ok {
            return (up, up_point);
        }
    }
    (exact, point)
}

/// Adds one unit in the last place; a carry out of the first digit moves
/// the point (`99` → `1`, one place further).
fn round_up(digits: &[u8], point: i32) -> (Vec<u8>, i32) {
    let mut up = digits.to_vec();
    for d in up.iter_mut().rev() {
        if *d == 9 {
            *d = 0;
        } else {
            *d += 1;
            trim_zeros(&mut up);
            return (up, point);
        }
    }
    (vec![1], point + 1)
}

fn trim_zeros(digits: &mut Vec<u8>) {
    while digits.len() > 1 && digits.last() == Some(&0) {
        digits.pop();
    }
}

fn reads_back(digits: &[u8], point: i32, x: f64) -> bool {
    let mut text: String = digits.iter().map(|&b| char::from(b'0' + b)).collect();
    text.push_str(&format!("e{}", point - digits.len() as i32));
    text.parse::<f64>() == Ok(x)
}

/// The exact decimal expansion of `x`: digits without trailing zeros, and
/// the point position. `x = m × 2^e` is `m × 2^e` or `m × 5^-e / 10^-e`.
fn exact_digits(x: f64) -> (Vec<u8>, i32) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7FF) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (m, e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    // Little-endian limbs in base 10^9.
    let mut limbs: Vec<u32> = vec![(m % 1_000_000_000) as u32, (m / 1_000_000_000) as u32];
    let (factor, chunk, step_factor) = if e >= 0 {
        (2u64, 29, 1u64 << 29)
    } else {
        (5u64, 13, 1_220_703_125u64) // 5^13
    };
    let mut remaining = e.unsigned_abs();
    while remaining > 0 {
        let times = remaining.min(chunk);
        let multiplier = if times == chunk {
            step_factor
        } else {
            factor.pow(times)
        };
        multiply(&mut limbs, multiplier);
        remaining -= times;
    }
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    let mut digits = Vec::with_capacity(limbs.len() * 9);
    for (i, limb) in limbs.iter().rev().enumerate() {
        let text = limb.to_string();
        if i > 0 {
            digits.extend(std::iter::repeat_n(0, 9 - text.len()));
        }
        digits.extend(text.bytes().map(|b| b - b'0'));
    }
    let len = digits.len() as i32;
    let point = if e >= 0 { len } else { len + e };
    // Leading zeros cannot occur: the top limb is printed unpadded.
    trim_zeros(&mut digits);
    (digits, point)
}

fn multiply(limbs: &mut Vec<u32>, by: u64) {
    let mut carry = 0u64;
    for limb in limbs.iter_mut() {
        let v = u64::from(*limb) * by + carry;
        *limb = (v % 1_000_000_000) as u32;
        carry = v / 1_000_000_000;
    }
    while carry > 0 {
        limbs.push((carry % 1_000_000_000) as u32);
        carry /= 1_000_000_000;
    }
}

#[cfg(test)]
mod tests {
    use super::Decimal;

    #[test]
    fn prints_as_rust_does() {
        for x in [
            0.0,
            -0.0,
            1.0,
            -1.5,
            0.1,
            0.3,
            1e21,
            1e-7,
            123.456,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            2.5e-8,
            1.0 / 3.0,
            9_007_199_254_740_993.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            assert_eq!(Decimal(x).to_string(), x.to_string(), "{x:?}");
        }
    }
}
