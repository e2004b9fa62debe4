//! Check digits and shapes of identity numbers (domain facts §8.2, §8.5,
//! §9, §10): GB 11643 MOD 11-2 (resident ID, HK/Macao/Taiwan residence
//! permit, 2023 permanent residence card), GB 32100 MOD 31 (unified social
//! credit code), ICAO 9303 7-3-1.

use chrono::{Datelike, NaiveDate};

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

/// How an identity number is wrong, if it is. Each scheme meets only some.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdProblem {
    /// Not the scheme's length or characters.
    Format,
    /// A residence permit number for Hong Kong, Macao and Taiwan residents
    /// whose address code is not 810000, 820000 or 830000.
    Prefix,
    /// A unified social credit code whose characters 3 to 8 (the
    /// administrative division) are not digits.
    Division,
    /// Characters 7 to 14 are not a real date of birth.
    BirthDate,
    /// The date of birth in characters 7 to 14 is after today.
    BornAfterToday,
    /// The date of birth in characters 7 to 14 is before 1900-01-01.
    BornBefore1900,
    /// The last character does not match the others.
    CheckDigit,
}

impl IdProblem {
    /// Its short name: the last part of its issue code and message key.
    pub fn code(self) -> &'static str {
        match self {
            IdProblem::Format => "format",
            IdProblem::Prefix => "prefix",
            IdProblem::Division => "division",
            IdProblem::BirthDate => "birth_date",
            IdProblem::BornAfterToday => "born_after_today",
            IdProblem::BornBefore1900 => "born_before_1900",
            IdProblem::CheckDigit => "check_digit",
        }
    }
}

/// Address codes of the residence permits for Hong Kong, Macao and Taiwan
/// residents (§9).
const HMT_PREFIXES: [&[u8; 6]; 3] = [b"810000", b"820000", b"830000"];

/// An 18-character number on the citizen-ID standard (GB 11643), already
/// upper-cased: 17 digits and a digit or X, then one of the scheme's address
/// codes `prefixes` (any when empty; else `Prefix`), a real date of birth in
/// characters 7 to 14 from 1900-01-01 to `today`, and the MOD 11-2 check
/// character. Its date of birth.
fn check_gb11643(
    id: &str,
    today: NaiveDate,
    prefixes: &[&[u8; 6]],
) -> Result<NaiveDate, IdProblem> {
    let b = id.as_bytes();
    let well_formed = b.len() == 18
        && b[..17].iter().all(u8::is_ascii_digit)
        && (b[17].is_ascii_digit() || b[17] == b'X');
    if !well_formed {
        return Err(IdProblem::Format);
    }
    if !prefixes.is_empty() && !prefixes.iter().any(|p| b.starts_with(*p)) {
        return Err(IdProblem::Prefix);
    }
    let digits = |r: std::ops::Range<usize>| id[r].parse::<u32>().unwrap_or(0);
    let born = i32::try_from(digits(6..10))
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, digits(10..12), digits(12..14)))
        .ok_or(IdProblem::BirthDate)?;
    if born > today {
        return Err(IdProblem::BornAfterToday);
    }
    if born.year() < 1900 {
        return Err(IdProblem::BornBefore1900);
    }
    if mod11_2_check_char(&id[..17]) != Some(b[17] as char) {
        return Err(IdProblem::CheckDigit);
    }
    Ok(born)
}

/// Checks a Chinese resident ID number (公民身份号码), already upper-cased;
/// `today` is the Beijing date the rules are checked at. Its date of birth.
pub fn check_resident_id(id: &str, today: NaiveDate) -> Result<NaiveDate, IdProblem> {
    // An address code never starts with 0: that is a mistyped number.
    if id.starts_with('0') {
        return Err(IdProblem::Format);
    }
    check_gb11643(id, today, &[])
}

/// Checks the number of a residence permit for Hong Kong, Macao and Taiwan
/// residents (港澳台居民居住证): the resident ID's standard with the address
/// code 810000, 820000 or 830000. Its date of birth.
pub fn check_hmt_residence_permit(id: &str, today: NaiveDate) -> Result<NaiveDate, IdProblem> {
    check_gb11643(id, today, &HMT_PREFIXES)
}

/// The 2023 permanent residence card number: `9`, 16 digits, MOD 11-2 check,
/// a date of birth in characters 7 to 14 (§4.3).
/// The 2017 card: three letters and twelve digits, ICAO 7-3-1 check digit last.
pub fn check_permanent_residence_card(id: &str, today: NaiveDate) -> Result<(), IdProblem> {
    let b = id.as_bytes();
    if b.len() == 18 && b[0] == b'9' {
        return check_gb11643(id, today, &[]).map(drop);
    }
    let valid_2017 = b.len() == 15
        && b[..3].iter().all(u8::is_ascii_uppercase)
        && b[3..].iter().all(u8::is_ascii_digit)
        && icao_check_digit(&id[..14]) == Some(u32::from(b[14] - b'0'));
    valid_2017.then_some(()).ok_or(IdProblem::Format)
}

/// The characters of a unified social credit code, valued 0 to 30 in this
/// order (GB 32100-2015: no I, O, S, V or Z).
const USCC_CHARS: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Its weights for characters 1 to 17: 3^(i-1) mod 31.
const USCC_WEIGHTS: [usize; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Checks a unified social credit code (统一社会信用代码, GB 32100-2015,
/// §8.5), already upper-cased: 17 characters of `USCC_CHARS`, of which
/// characters 3 to 8 are digits (the administrative division), then the
/// check character 31 − (Σ value × weight mod 31), where 31 stands for 0.
/// Any other last letter or digit is a wrong check character, as the
/// standard's own example `91350100M000100Y4Z` is.
pub fn check_unified_social_credit_code(code: &str) -> Result<(), IdProblem> {
    let b = code.as_bytes();
    let value = |c: &u8| USCC_CHARS.iter().position(|x| x == c);
    let well_formed = b.len() == 18
        && b[..17].iter().all(|c| value(c).is_some())
        && (b[17].is_ascii_digit() || b[17].is_ascii_uppercase());
    if !well_formed {
        return Err(IdProblem::Format);
    }
    if !b[2..8].iter().all(u8::is_ascii_digit) {
        return Err(IdProblem::Division);
    }
    let sum: usize = b[..17]
        .iter()
        .zip(USCC_WEIGHTS)
        .map(|(c, w)| value(c).unwrap_or(0) * w)
        .sum();
    let check = (31 - sum % 31) % 31;
    if b[17] != USCC_CHARS[check] {
        return Err(IdProblem::CheckDigit);
    }
    Ok(())
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
    use super::IdProblem::*;
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const TODAY: NaiveDate = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();

    /// An 18-character GB 11643 number: address code, date of birth
    /// (YYYYMMDD), `123`, and its right check character.
    fn gb11643(prefix: &str, born: &str) -> String {
        let first17 = format!("{prefix}{born}123");
        let check = mod11_2_check_char(&first17).unwrap();
        format!("{first17}{check}")
    }

    /// The same number with a wrong check character.
    fn wrong_check(id: &str) -> String {
        let last = if id.ends_with('0') { '1' } else { '0' };
        format!("{}{last}", &id[..17])
    }

    #[test]
    fn standard_examples() {
        assert_eq!(mod11_2_check_char("34052419800101001"), Some('X'));
        assert_eq!(mod11_2_check_char("37010119010203997"), Some('3'));
        assert_eq!(
            check_resident_id("34052419800101001X", TODAY),
            Ok(date(1980, 1, 1))
        );
        assert_eq!(
            check_resident_id("340524198001010011", TODAY),
            Err(CheckDigit)
        );
        assert_eq!(
            check_resident_id("340524198002300019", TODAY),
            Err(BirthDate)
        );
        assert_eq!(check_resident_id("34052419800101001", TODAY), Err(Format));
        assert_eq!(
            check_resident_id(&gb11643("040524", "19800101"), TODAY),
            Err(Format)
        );
    }

    #[test]
    fn a_date_of_birth_is_from_1900_to_today() {
        // Each scheme whose number carries one, with an address code of its own.
        type Check = fn(&str, NaiveDate) -> Result<(), IdProblem>;
        let schemes: [(&str, Check); 3] = [
            ("110105", |id, today| check_resident_id(id, today).map(drop)),
            ("820000", |id, today| {
                check_hmt_residence_permit(id, today).map(drop)
            }),
            ("911000", check_permanent_residence_card),
        ];
        for (prefix, check) in schemes {
            let born = |date: &str| check(&gb11643(prefix, date), TODAY);
            assert_eq!(born("20261130"), Ok(()), "born today: {prefix}");
            assert_eq!(born("20261201"), Err(BornAfterToday), "{prefix}");
            assert_eq!(born("19000101"), Ok(()), "{prefix}");
            assert_eq!(born("18991231"), Err(BornBefore1900), "{prefix}");
            assert_eq!(born("19000229"), Err(BirthDate), "not a leap year");
            assert_eq!(born("99991231"), Err(BornAfterToday), "{prefix}");
            let wrong = wrong_check(&gb11643(prefix, "19800101"));
            assert_eq!(check(&wrong, TODAY), Err(CheckDigit), "{prefix}");
        }
        // Tomorrow's number is accepted tomorrow.
        let tomorrow = gb11643("110105", "20261201");
        assert!(check_resident_id(&tomorrow, date(2026, 12, 1)).is_ok());
    }

    #[test]
    fn hmt_residence_permits_start_with_810000_820000_or_830000() {
        for prefix in ["810000", "820000", "830000"] {
            let id = gb11643(prefix, "19900515");
            assert_eq!(
                check_hmt_residence_permit(&id, TODAY),
                Ok(date(1990, 5, 15))
            );
        }
        // A mainland resident ID, and near misses of the three codes.
        assert_eq!(
            check_hmt_residence_permit("34052419800101001X", TODAY),
            Err(Prefix)
        );
        for prefix in ["810001", "800000", "840000", "081000", "110105"] {
            let id = gb11643(prefix, "19900515");
            assert_eq!(check_hmt_residence_permit(&id, TODAY), Err(Prefix));
        }
        // The prefix is told before the date of birth and the check character.
        let wrong_all = wrong_check(&gb11643("440300", "20991301"));
        assert_eq!(check_hmt_residence_permit(&wrong_all, TODAY), Err(Prefix));
        for short in [
            "81000019900515123",
            "8100001990051512345",
            "81000019900515123Y",
        ] {
            assert_eq!(check_hmt_residence_permit(short, TODAY), Err(Format));
        }
        let wrong = wrong_check(&gb11643("830000", "19900515"));
        assert_eq!(check_hmt_residence_permit(&wrong, TODAY), Err(CheckDigit));
    }

    #[test]
    fn permanent_residence_cards() {
        assert_eq!(
            check_permanent_residence_card(&gb11643("911000", "19850327"), TODAY),
            Ok(())
        );
        // The 2017 card: ICAO 7-3-1 over the first 14 characters.
        let first14 = "USA31008507281";
        let check = icao_check_digit(first14).unwrap();
        let card_2017 = format!("{first14}{check}");
        assert_eq!(check_permanent_residence_card(&card_2017, TODAY), Ok(()));
        let wrong_2017 = format!("{first14}{}", (check + 1) % 10);
        assert_eq!(
            check_permanent_residence_card(&wrong_2017, TODAY),
            Err(Format)
        );
        assert_eq!(
            check_permanent_residence_card(&gb11643("911000", "19850230"), TODAY),
            Err(BirthDate)
        );
        assert_eq!(
            check_permanent_residence_card("91100019850327123", TODAY),
            Err(Format)
        );
    }

    #[test]
    fn unified_social_credit_codes() {
        // The standard's example, and its invalid variant (the sum is 1640,
        // 1640 mod 31 = 28: the check character is 3).
        assert_eq!(
            check_unified_social_credit_code("91350100M000100Y43"),
            Ok(())
        );
        assert_eq!(
            check_unified_social_credit_code("91350100M000100Y4Z"),
            Err(CheckDigit)
        );
        assert_eq!(
            check_unified_social_credit_code("91350100M000100Y44"),
            Err(CheckDigit)
        );
        // A sum divisible by 31 gives 31, which stands for 0.
        assert_eq!(
            check_unified_social_credit_code("000000000000000000"),
            Ok(())
        );
        // Letters outside the set, anywhere in the first 17 characters.
        for letter in ['I', 'O', 'S', 'V', 'Z'] {
            let code = format!("91350100M000100{letter}43");
            assert_eq!(check_unified_social_credit_code(&code), Err(Format));
            let code = format!("{letter}1350100M000100Y43");
            assert_eq!(check_unified_social_credit_code(&code), Err(Format));
        }
        for code in [
            "",
            "91350100M000100Y4",
            "91350100M000100Y433",
            "91350100m000100y43",
            "91350100M000100Y4-",
            "91350100M000100Y4中",
        ] {
            assert_eq!(
                check_unified_social_credit_code(code),
                Err(Format),
                "{code}"
            );
        }
        // Characters 3 to 8 are the administrative division, in digits.
        for code in ["91A50100M000100Y43", "9135010AM000100Y43"] {
            assert_eq!(check_unified_social_credit_code(code), Err(Division));
        }
    }

    #[test]
    fn icao_examples() {
        assert_eq!(icao_check_digit("L898902C3"), Some(6));
        assert_eq!(icao_check_digit("740812"), Some(2));
        assert_eq!(icao_check_digit("120415"), Some(9));
        assert_eq!(icao_check_digit("ZE184226B<<<<<"), Some(1));
    }
}
