//! Printing a double exactly as Rust's `{}` does (CEL's `string(1.5)`,
//! JSON numbers, messages), without Rust's float formatting: that code
//! (Grisu with a Dragon4 fallback, plus its fixed-precision twin, which
//! `Display` drags in) costs 7.4 KB gzip of the browser's wasm. And reading
//! one exactly as `str::parse::<f64>` does ([`parse`]), without Rust's
//! reader: its table of 128-bit powers of five alone is 10 KB that gzip
//! cannot shrink (15.2 KB gzip of wasm in all).
//!
//! The methods are plain and exact rather than fast. Printing writes the
//! double's exact decimal expansion with a small big-number, then takes the
//! shortest prefix, rounded down or up, that reads back as the same double.
//! Reading takes a close guess in floating point, then moves it one double
//! at a time until the exact value, compared with big numbers, lies within
//! the guess's rounding interval. `tests/decimal_oracle.rs` compares both
//! with Rust's own on hundreds of thousands of doubles and texts in every
//! test run.

use std::cmp::Ordering;
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

/// Whether `0.d1d2…dn × 10^point` reads as `x`. The guess rules out most
/// candidates without big numbers: with at most 17 digits it rounds at most
/// 17 times, each off by at most half a double, so it lies within 17 doubles
/// of the answer (34 across a power of two).
fn reads_back(digits: &[u8], point: i32, x: f64) -> bool {
    let e = i64::from(point) - digits.len() as i64;
    guess(digits, e).to_bits().abs_diff(x.to_bits()) <= 40
        && Exact::new(digits, e).against(x.to_bits()) == Ordering::Equal
}

/// Reads a double exactly as `str::parse::<f64>` does: an optional sign,
/// then `inf`, `infinity` or `nan` in any case, or digits with an optional
/// point and exponent (`1`, `-1.5`, `.5`, `5.`, `1e-7`, `2.5E+8`), rounded
/// to the nearest double (ties to even). `None` where Rust gives an error.
pub fn parse(s: &str) -> Option<f64> {
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let x = match number(body.as_bytes()) {
        Some(x) => x,
        None if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") => {
            f64::INFINITY
        }
        None if body.eq_ignore_ascii_case("nan") => f64::NAN,
        None => return None,
    };
    Some(if negative { -x } else { x })
}

/// Significant digits kept. The midpoint between two doubles has at most
/// 767; any further digit only says whether the value lies above the
/// digits kept, which one more digit `1` tells as well.
const MAX_DIGITS: usize = 800;

/// Digits with an optional point and exponent, nothing else.
fn number(b: &[u8]) -> Option<f64> {
    // value = digits × 10^e, the digits without leading zeros.
    let mut digits = Vec::new();
    let mut e: i64 = 0;
    let (mut seen, mut point, mut beyond) = (false, false, false);
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c.is_ascii_digit() {
            seen = true;
            if digits.len() == MAX_DIGITS {
                beyond |= c != b'0';
                e += i64::from(!point);
            } else {
                if !digits.is_empty() || c != b'0' {
                    digits.push(c - b'0');
                }
                e -= i64::from(point);
            }
        } else if c == b'.' && !point {
            point = true;
        } else {
            break;
        }
        i += 1;
    }
    if !seen {
        return None;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        let negative = b.get(i) == Some(&b'-');
        if let Some(b'+' | b'-') = b.get(i) {
            i += 1;
        }
        let start = i;
        let mut exponent: i64 = 0;
        while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
            // Rust stops adding digits here, and so must this.
            if exponent < 0x10000 {
                exponent = 10 * exponent + i64::from(c - b'0');
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        e += if negative { -exponent } else { exponent };
    }
    if i != b.len() {
        return None;
    }
    if beyond {
        digits.push(1);
        e -= 1;
    }
    Some(nearest(&digits, e))
}

/// The double nearest `digits × 10^e` (digits 0–9, the first non-zero).
fn nearest(digits: &[u8], e: i64) -> f64 {
    // The value lies in [10^(top - 1), 10^top).
    let top = digits.len() as i64 + e;
    if digits.is_empty() || top < -324 {
        return 0.0;
    }
    if top > 310 {
        return f64::INFINITY;
    }
    let exact = Exact::new(digits, e);
    let mut bits = guess(digits, e).to_bits();
    loop {
        match exact.against(bits) {
            Ordering::Less => bits -= 1,
            Ordering::Greater => bits += 1,
            Ordering::Equal => return f64::from_bits(bits),
        }
    }
}

/// `digits × 10^e` within a few doubles: the first 19 digits, scaled by
/// powers of ten that are exact doubles (each step rounds once).
fn guess(digits: &[u8], e: i64) -> f64 {
    let mut w = 0u64;
    for &d in digits.iter().take(19) {
        w = w * 10 + u64::from(d);
    }
    let mut x = w as f64;
    let mut p = e + digits.len().saturating_sub(19) as i64;
    while p > 22 && x.is_finite() {
        x *= 1e22;
        p -= 22;
    }
    while p < -22 && x > 0.0 {
        x /= 1e22;
        p += 22;
    }
    let mut scale = 1.0;
    for _ in 0..p.unsigned_abs().min(22) {
        scale *= 10.0;
    }
    if p < 0 {
        x / scale
    } else {
        x * scale
    }
}

/// A positive `digits × 10^e` as `left × 2^e / right`: `left` the digits
/// times 5^e and `right` 1, or `left` the digits and `right` 5^-e.
struct Exact {
    left: Vec<u32>,
    right: Vec<u32>,
    e: i64,
}

impl Exact {
    fn new(digits: &[u8], e: i64) -> Self {
        let mut left = Vec::new();
        for chunk in digits.chunks(19) {
            let mut n = 0;
            for &d in chunk {
                n = n * 10 + u64::from(d);
            }
            mul_add(&mut left, 10u64.pow(chunk.len() as u32), n);
        }
        let mut right = vec![1];
        let power = if e < 0 { &mut right } else { &mut left };
        let mut remaining = e.unsigned_abs();
        while remaining > 0 {
            let times = remaining.min(27);
            mul_add(power, 5u64.pow(times as u32), 0);
            remaining -= times;
        }
        Exact { left, right, e }
    }

    /// Where the value lies against the doubles that read as the double
    /// with these (non-negative) bits: below them, among them, or above.
    fn against(&self, bits: u64) -> Ordering {
        const INFINITY: u64 = 0x7FF0_0000_0000_0000;
        if bits < INFINITY {
            match self.against_midpoint(bits) {
                Ordering::Greater => return Ordering::Greater,
                Ordering::Equal if bits & 1 == 1 => return Ordering::Greater,
                _ => {}
            }
        }
        if bits > 0 {
            match self.against_midpoint(bits - 1) {
                Ordering::Less => return Ordering::Less,
                Ordering::Equal if bits & 1 == 1 => return Ordering::Less,
                _ => {}
            }
        }
        Ordering::Equal
    }

    /// The value against the midpoint of the doubles with bits `below` and
    /// `below + 1` (infinity counting as 2^1024).
    fn against_midpoint(&self, below: u64) -> Ordering {
        let (m1, k1) = unpack(below);
        let (m2, k2) = unpack(below + 1);
        // The midpoint is m × 2^k.
        let m = m1 + (m2 << (k2 - k1));
        let k = i64::from(k1) - 1;
        let mut right = self.right.clone();
        mul_add(&mut right, m, 0);
        let shift = self.e - k;
        let left = shifted(&self.left, shift.max(0));
        let right = shifted(&right, (-shift).max(0));
        left.len()
            .cmp(&right.len())
            .then_with(|| left.iter().rev().cmp(right.iter().rev()))
    }
}

/// A non-negative double's bits as `m × 2^k`.
fn unpack(bits: u64) -> (u64, i32) {
    let biased = (bits >> 52) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    }
}

/// `n = n × by + add` on little-endian base-2^32 limbs without leading
/// zero limbs.
fn mul_add(n: &mut Vec<u32>, by: u64, add: u64) {
    let mut carry = u128::from(add);
    for limb in n.iter_mut() {
        let v = u128::from(*limb) * u128::from(by) + carry;
        *limb = v as u32;
        carry = v >> 32;
    }
    while carry > 0 {
        n.push(carry as u32);
        carry >>= 32;
    }
}

/// `n × 2^bits`.
fn shifted(n: &[u32], bits: i64) -> Vec<u32> {
    let mut out = vec![0; (bits / 32) as usize];
    let mut carry = 0;
    for &limb in n {
        let v = u64::from(limb) << (bits % 32);
        out.push(v as u32 | carry);
        carry = (v >> 32) as u32;
    }
    if carry > 0 {
        out.push(carry);
    }
    out
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
