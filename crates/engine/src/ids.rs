//! Check digits of identity documents (domain facts §8.2, §10).

use chrono::NaiveDate;

/// Weights of GB 11643 / ISO 7064 MOD 11-2 for the first 17 characters.
const MOD11_2_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const MOD11_2_CHECK: &[u8; 11] = b"10X98765432";

/// The check character for the first 17 digits of an 18-character number,
/// or `None` when they are not 17 digits.
pub fn mod11_2_check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17
        .bytes()
        .zip(MOD11_2_WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    Some(MOD11_2_CHECK[(sum % 11) as usize] as char)
}

/// How an 18-character MOD 11-2 number is wrong, if it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResidentIdProblem {
    /// Not 17 digits followed by a digit or X.
    Format,
    /// Positions 7 to 14 are not a real date of birth.
    BirthDate,
    /// The last character does not match the others.
    CheckDigit,
}

/// Checks a Chinese resident ID number (公民身份号码), already upper-cased.
pub fn check_resident_id(id: &str) -> Result<NaiveDate, ResidentIdProblem> {
    let b = id.as_bytes();
    let well_formed = b.len() == 18
        && b[0] != b'0'
        && b[..17].iter().all(u8::is_ascii_digit)
        && (b[17].is_ascii_digit() || b[17] == b'X');
    if !well_formed {
        return Err(ResidentIdProblem::Format);
    }
    let digits = |r: std::ops::Range<usize>| id[r].parse::<u32>().unwrap_or(0);
    let born = i32::try_from(digits(6..10))
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, digits(10..12), digits(12..14)))
        .ok_or(ResidentIdProblem::BirthDate)?;
    if mod11_2_check_char(&id[..17]) != Some(b[17] as char) {
        return Err(ResidentIdProblem::CheckDigit);
    }
    Ok(born)
}

/// The 2023 permanent residence card number: `9`, 16 digits, MOD 11-2 check.
/// The 2017 card: three letters and twelve digits, ICAO 7-3-1 check digit last.
pub fn check_permanent_residence_card(id: &str) -> bool {
    let b = id.as_bytes();
    if b.len() == 18 && b[0] == b'9' {
        return b[..17].iter().all(u8::is_ascii_digit)
            && mod11_2_check_char(&id[..17]) == Some(b[17] as char);
    }
    b.len() == 15
        && b[..3].iter().all(u8::is_ascii_uppercase)
        && b[3..].iter().all(u8::is_ascii_digit)
        && icao_check_digit(&id[..14]) == Some(u32::from(b[14] - b'0'))
}

/// ICAO 9303 check digit: weights 7, 3, 1; `<` counts 0, A–Z 10–35.
pub fn icao_check_digit(s: &str) -> Option<u32> {
    let mut sum = 0;
    for (c, w) in s.chars().zip([7, 3, 1].into_iter().cycle()) {
        let v = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            '<' => 0,
            _ => return None,
        };
        sum += v * w;
    }
    Some(sum % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_examples() {
        assert_eq!(mod11_2_check_char("34052419800101001"), Some('X'));
        assert_eq!(mod11_2_check_char("37010119010203997"), Some('3'));
        assert!(check_resident_id("34052419800101001X").is_ok());
        assert_eq!(
            check_resident_id("340524198001010011"),
            Err(ResidentIdProblem::CheckDigit)
        );
        assert_eq!(
            check_resident_id("340524198002300019"),
            Err(ResidentIdProblem::BirthDate)
        );
        assert_eq!(
            check_resident_id("34052419800101001"),
            Err(ResidentIdProblem::Format)
        );
    }

    #[test]
    fn icao_examples() {
        assert_eq!(icao_check_digit("L898902C3"), Some(6));
        assert_eq!(icao_check_digit("740812"), Some(2));
        assert_eq!(icao_check_digit("120415"), Some(9));
        assert_eq!(icao_check_digit("ZE184226B<<<<<"), Some(1));
    }
}
