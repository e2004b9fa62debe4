//! Helpers shared by the integration tests that generate random input.
// Each test binary that includes this module uses only part of it.
#![allow(dead_code)]

/// xorshift64*: enough randomness for input generation, no dependency; a
/// fixed seed makes a failure reproduce.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// A string of `len` pieces drawn from `alphabet`.
    pub fn text(&mut self, alphabet: &[&str], len: usize) -> String {
        (0..len).map(|_| self.pick(alphabet)).collect()
    }
}
/// A text answer, as typed.
pub fn text(s: &str) -> dossier_engine::answers::Answer {
    dossier_engine::answers::Answer::Text(s.into())
}

/// A date answer from its three parts.
pub fn date(day: u32, month: u32, year: i32) -> dossier_engine::answers::Answer {
    dossier_engine::answers::Answer::Date(dossier_engine::answers::DateParts {
        day: day.to_string(),
        month: month.to_string(),
        year: year.to_string(),
        time: None,
    })
}

/// A date-and-time answer (Beijing time) from its parts, the time as `HH:MM`.
pub fn datetime(day: u32, month: u32, year: i32, time: &str) -> dossier_engine::answers::Answer {
    let mut answer = date(day, month, year);
    if let dossier_engine::answers::Answer::Date(parts) = &mut answer {
        parts.time = Some(time.into());
    }
    answer
}

#[cfg(feature = "verify")]
pub mod bundles;
#[cfg(feature = "verify")]
pub mod filings;
#[cfg(feature = "verify")]
pub mod hostile;
