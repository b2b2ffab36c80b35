//! Turning a file's bytes into text: BOMs, UTF-8, UTF-16, and legacy single-byte encodings
//! (Windows-1252 is common on Dutch sites) detected with chardetng.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::error::ImportError;

/// Decoded text and the name of the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Share of control characters (other than tab, newline, carriage return, form feed) above
/// which a file is taken for binary.
const MAX_CONTROL_RATIO: f64 = 0.01;

/// Decodes `bytes`. `declared` is an encoding label found in the file itself (an HTML
/// `<meta charset>`), used when the bytes are not valid UTF-8.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    let (text, encoding) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(ImportError::Undecodable(format!(
                "invalid {} after its byte-order mark",
                enc.name()
            )));
        }
        (text.into_owned(), enc.name())
    } else if let Some(enc) = utf16_without_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if had_errors {
            return Err(ImportError::Undecodable(format!(
                "invalid {} text",
                enc.name()
            )));
        }
        (text.into_owned(), enc.name())
    } else {
        if let Some(pos) = memchr_nul(bytes) {
            return Err(ImportError::Binary(format!("NUL byte at offset {pos}")));
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_owned(), UTF_8.name()),
            Err(_) if declared.is_none() && mostly_utf8(bytes) => {
                // UTF-8 with a few broken bytes (a bad copy, a cut-off download): the broken bytes
                // become U+FFFD and the rest keeps its accents.
                (String::from_utf8_lossy(bytes).into_owned(), UTF_8.name())
            }
            Err(_) => {
                let enc = declared
                    .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
                    .filter(|e| *e != UTF_8 && *e != UTF_16LE && *e != UTF_16BE)
                    .unwrap_or_else(|| {
                        let mut detector =
                            chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                        detector.feed(bytes, true);
                        detector.guess(Some(b"nl"), chardetng::Utf8Detection::Deny)
                    });
                let (text, had_errors) = enc.decode_without_bom_handling(bytes);
                if had_errors {
                    return Err(ImportError::Undecodable(format!(
                        "neither UTF-8 nor valid {}",
                        enc.name()
                    )));
                }
                (text.into_owned(), enc.name())
            }
        }
    };
    let total = text.chars().count().max(1);
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
        .count();
    if control as f64 / total as f64 > MAX_CONTROL_RATIO {
        return Err(ImportError::Binary(format!(
            "{control} control characters in {total}"
        )));
    }
    if text.trim().is_empty() {
        return Err(ImportError::NoText);
    }
    Ok(Decoded { text, encoding })
}

/// True when `bytes` hold more well-formed multi-byte UTF-8 characters than bytes that are not
/// UTF-8: text written as UTF-8 and damaged here and there, not text in a legacy encoding
/// (whose accented letters are single bytes that are never well-formed UTF-8).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        invalid += chunk.invalid().len();
    }
    multibyte > invalid
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// UTF-16 without a BOM shows as a NUL in every other byte of mostly-Latin text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let mostly = |n: usize| n * 10 >= pairs * 9;
    let rarely = |n: usize| n * 20 <= pairs;
    if mostly(odd_nuls) && rarely(even_nuls) {
        Some(UTF_16LE)
    } else if mostly(even_nuls) && rarely(odd_nuls) {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_with_and_without_bom() {
        assert_eq!(
            decode("coördinator".as_bytes(), None).map(|d| d.text),
            Ok("coördinator".into())
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("één".as_bytes());
        assert_eq!(decode(&bom, None).map(|d| d.text), Ok("één".into()));
    }

    #[test]
    fn reads_utf16_with_and_without_bom() {
        let text = "Zorgcoördinator mensenhandel";
        let mut le = vec![0xFF, 0xFE];
        let mut bare = Vec::new();
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            bare.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&le, None).map(|d| d.text), Ok(text.into()));
        assert_eq!(decode(&bare, None).map(|d| d.encoding), Ok("UTF-16LE"));
    }

    #[test]
    fn detects_windows_1252() {
        // "Zorgcoördinator “mensenhandel” – café" in Windows-1252.
        let bytes = b"De gemeente stelt een zorgco\xf6rdinator aan voor de \x93aanpak mensenhandel\x94 \x96 een caf\xe9 in het centrum.";
        let d = decode(bytes, None).expect("decodes");
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("zorgcoördinator"));
        assert!(d.text.contains("“aanpak mensenhandel” – een café"));
    }

    #[test]
    fn keeps_utf8_with_a_broken_byte_in_the_middle() {
        let bytes = b"De zorgco\xc3\xb6rdinator \xff\xfe van \xc3\xa9\xc3\xa9n gemeente.";
        let d = decode(bytes, None).expect("decodes");
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(
            d.text,
            "De zorgcoördinator \u{fffd}\u{fffd} van één gemeente."
        );
        // Latin-1 accents are single bytes: not mistaken for damaged UTF-8.
        let latin1 = b"De zorgco\xf6rdinator van \xe9\xe9n gemeente.";
        let d = decode(latin1, None).expect("decodes");
        assert_eq!(d.text, "De zorgcoördinator van één gemeente.");
    }

    #[test]
    fn rejects_binary_and_empty() {
        assert_eq!(decode(b"", None), Err(ImportError::Empty));
        assert_eq!(decode(b"  \n\t ", None), Err(ImportError::NoText));
        assert!(matches!(
            decode(b"abc\0def ghi jkl", None),
            Err(ImportError::Binary(_))
        ));
        let controls: Vec<u8> = (0..200u8)
            .map(|i| if i % 3 == 0 { 0x07 } else { b'a' })
            .collect();
        assert!(matches!(
            decode(&controls, None),
            Err(ImportError::Binary(_))
        ));
    }
}
