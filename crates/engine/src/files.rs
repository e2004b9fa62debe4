//! What an attached file really is, from its leading bytes: never from its
//! name or from what the browser's file picker claims. Images also give
//! their size in pixels, read from the header (JPEG's frame header, PNG's
//! `IHDR`), so a photo's dimensions are checked without decoding it.
//!
//! The browser inspects a file when it is chosen; the verifier inspects the
//! bytes in a bundle again and must find the same facts.

use serde::{Deserialize, Serialize};

/// The kinds of file a form may accept. Rules files name them by word
/// (`jpeg`); drafts and bundles by IANA media type ([`as_mime`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MediaType {
    Jpeg,
    Png,
    Pdf,
}

impl MediaType {
    pub const ALL: [MediaType; 3] = [MediaType::Jpeg, MediaType::Png, MediaType::Pdf];

    /// The name rules files use: `jpeg`, `png`, `pdf`.
    pub fn word(self) -> &'static str {
        match self {
            MediaType::Jpeg => "jpeg",
            MediaType::Png => "png",
            MediaType::Pdf => "pdf",
        }
    }

    /// The IANA media type, as the bundle records it.
    pub fn mime(self) -> &'static str {
        match self {
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
            MediaType::Pdf => "application/pdf",
        }
    }

    pub fn from_mime(mime: &str) -> Option<MediaType> {
        MediaType::ALL.into_iter().find(|t| t.mime() == mime)
    }

    pub fn from_word(word: &str) -> Option<MediaType> {
        MediaType::ALL.into_iter().find(|t| t.word() == word)
    }
}

/// `#[serde(with = "as_mime")]`: a [`MediaType`] as its IANA media type
/// (`image/jpeg`), as drafts and bundles record it.
pub mod as_mime {
    use super::MediaType;
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &MediaType, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(t.mime())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<MediaType, D::Error> {
        let mime = String::deserialize(d)?;
        MediaType::from_mime(&mime)
            .ok_or_else(|| D::Error::custom(format!("the file type '{mime}' is not accepted")))
    }
}

/// What inspection found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileFacts {
    pub media_type: MediaType,
    /// Pixels, for images whose header could be read.
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// How many leading bytes [`inspect`] may need: a JPEG's frame header can
/// come after large metadata segments (EXIF, ICC profiles).
pub const HEAD_BYTES: usize = 256 * 1024;

/// The file's kind and, for an image, its size in pixels; `None` for any
/// other kind of file (an .exe renamed .jpg, a text file, nothing at all).
/// `head` is the file's first bytes, up to [`HEAD_BYTES`].
pub fn inspect(head: &[u8]) -> Option<FileFacts> {
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let (width, height) = jpeg_size(head).unzip();
        return Some(FileFacts {
            media_type: MediaType::Jpeg,
            width,
            height,
        });
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        let (width, height) = png_size(head).unzip();
        return Some(FileFacts {
            media_type: MediaType::Png,
            width,
            height,
        });
    }
    if head.starts_with(b"%PDF-") {
        return Some(FileFacts {
            media_type: MediaType::Pdf,
            width: None,
            height: None,
        });
    }
    None
}

fn be16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(*b.get(at)?) << 8 | u32::from(*b.get(at + 1)?))
}

/// Walks the marker segments up to the first frame header (SOF0–SOF15
/// except DHT, JPG and DAC), which holds the height and width.
fn jpeg_size(b: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2;
    loop {
        // Markers may be preceded by fill bytes 0xFF.
        if *b.get(at)? != 0xFF {
            return None;
        }
        while *b.get(at)? == 0xFF {
            at += 1;
        }
        let marker = *b.get(at)?;
        at += 1;
        match marker {
            // Stand-alone markers have no length.
            0x01 | 0xD0..=0xD7 => continue,
            // Start of scan or end of image before any frame header.
            0xDA | 0xD9 => return None,
            _ => {}
        }
        let length = be16(b, at)? as usize;
        if length < 2 {
            return None;
        }
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let height = be16(b, at + 3)?;
            let width = be16(b, at + 5)?;
            return (width > 0 && height > 0).then_some((width, height));
        }
        at += length;
    }
}

fn png_size(b: &[u8]) -> Option<(u32, u32)> {
    if b.get(12..16)? != b"IHDR" {
        return None;
    }
    let be32 = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
    };
    let (width, height) = (be32(16)?, be32(20)?);
    (width > 0 && height > 0).then_some((width, height))
}

#[cfg(test)]
pub(crate) mod samples {
    /// A JPEG header with an APP0 segment, then a baseline frame header.
    pub fn jpeg(width: u16, height: u16, total: usize) -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        b.extend(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        b.extend([0xFF, 0xC0, 0x00, 0x11, 0x08]);
        b.extend(height.to_be_bytes());
        b.extend(width.to_be_bytes());
        b.extend([0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
        b.extend([0xFF, 0xDA]);
        b.resize(total.max(b.len() + 2), 0);
        let n = b.len();
        b[n - 2..].copy_from_slice(&[0xFF, 0xD9]);
        b
    }

    pub fn png(width: u32, height: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend(width.to_be_bytes());
        b.extend(height.to_be_bytes());
        b.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_the_leading_bytes() {
        let jpeg = inspect(&samples::jpeg(354, 472, 30_000)).unwrap();
        assert_eq!(jpeg.media_type, MediaType::Jpeg);
        assert_eq!((jpeg.width, jpeg.height), (Some(354), Some(472)));
        let png = inspect(&samples::png(800, 600)).unwrap();
        assert_eq!(
            (png.media_type, png.width, png.height),
            (MediaType::Png, Some(800), Some(600))
        );
        let pdf = inspect(b"%PDF-1.7\n...").unwrap();
        assert_eq!((pdf.media_type, pdf.width), (MediaType::Pdf, None));
        // A Windows program renamed photo.jpg, a text file, nothing.
        assert_eq!(inspect(b"MZ\x90\0\x03\0\0\0"), None);
        assert_eq!(inspect(b"hello"), None);
        assert_eq!(inspect(b""), None);
    }

    #[test]
    fn a_jpeg_after_long_metadata_and_fill_bytes_still_gives_its_size() {
        let mut b = vec![0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xF0];
        b.extend(vec![0u8; 0xFFF0 - 2]);
        b.extend([0xFF, 0xFF, 0xFF]); // fill bytes before the next marker
        b.extend([0xC2, 0x00, 0x11, 0x08, 0x02, 0x80, 0x01, 0xE0]);
        let facts = inspect(&b).unwrap();
        assert_eq!((facts.width, facts.height), (Some(480), Some(640)));
    }

    #[test]
    fn truncated_or_broken_headers_give_no_size_and_never_panic() {
        let full = samples::jpeg(354, 472, 2_000);
        for cut in 0..60 {
            let _ = inspect(&full[..cut.min(full.len())]);
        }
        let facts = inspect(&full[..20]).unwrap();
        assert_eq!((facts.media_type, facts.width), (MediaType::Jpeg, None));
        assert_eq!(inspect(&samples::png(0, 10)).unwrap().width, None);
    }
}
