//! Base64url without padding (RFC 4648 §5), as JWS uses it (RFC 7515 §2),
//! by the `base64` crate. Decoding is strict: any other character, padding,
//! or stray bits in the last character make the text invalid, so one value
//! has one spelling (the engine's default: padding refused, trailing bits
//! refused).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn decode(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4648_vectors_without_padding() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), coded);
            assert_eq!(decode(coded).as_deref(), Some(plain.as_bytes()));
        }
        // The URL-safe alphabet: 0xFB 0xFF is "-_8".
        assert_eq!(encode(&[0xFB, 0xFF]), "-_8");
        assert_eq!(decode("-_8"), Some(vec![0xFB, 0xFF]));
    }

    #[test]
    fn one_value_has_one_spelling() {
        for bad in ["Zg==", "Zh", "Z", "Zm9v+", "Zm9v/", "Zm 9v", "Zm9\u{e9}"] {
            assert_eq!(decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_byte_string_round_trips() {
        let data: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for len in 0..data.len() {
            assert_eq!(decode(&encode(&data[..len])).as_deref(), Some(&data[..len]));
        }
    }
}
