//! A PDF's compressed streams, measured before anything inflates them.
//!
//! lopdf inflates a stream whole, with no ceiling, once per filter of its `/Filter` list, each
//! time the stream is asked for (lopdf 0.42 `Stream::decompressed_content`, `object.rs`): a
//! page stream compressed twice inflates from 2 KB to 1 GiB, and a page that lists it many
//! times in `/Contents` costs that many times over. So each stream is inflated here first,
//! through [`Capped`] readers that stop at [`LIMITS`], filter after filter, the way lopdf
//! does it (the same filters, its retry as raw deflate, its ASCII85 rules), and its length
//! kept. A stream past a limit refuses the whole file, by name. Object streams (`/ObjStm`),
//! which lopdf unpacks while it loads, are measured in the load's own filter hook; all other
//! streams right after loading.
//!
//! Images are emptied instead: they hold no text, pdf-extract would inflate them only to
//! draw them as if they were page content, and the OCR of a scan reads the file's own bytes
//! in a child process of its own.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Read;

use pdf_extract::{Document, Object, ObjectId, Stream};

use crate::budget::{Capped, Inflation};

/// The ceiling on any one stream, and on each filter's output along the way.
/// - 64 MiB: a page's text and drawing (a few kB to a few MB; a dense vector map some tens
///   of MB at most), an embedded font (tens of kB to a few MB) and an object stream (a few
///   MB for a thousand-page file) all fit with room; images are not inflated here at all.
/// - 4,096 times the stream's compressed size, once past 1 MiB: more than any one filter can
///   reach (deflate at most about 1,032 to 1, LZW at most about 2,730 to 1, ASCII85 4 to 1),
///   so only filters stacked on one another (a stream compressed twice) go past it, and such
///   a stream is stopped after a few MB instead of at 64 MiB.
pub const LIMITS: Inflation = Inflation {
    max_bytes: 64 << 20,
    max_ratio: 4096,
    ratio_from: 1 << 20,
};

/// How long each stream of a document is once inflated (after all its filters).
#[derive(Debug, Default)]
pub struct Sizes(HashMap<ObjectId, u64>);

impl Sizes {
    /// The inflated length of stream `id` (its length as stored when it has no filter).
    pub fn of(&self, doc: &Document, id: ObjectId) -> u64 {
        self.0.get(&id).copied().unwrap_or_else(|| {
            doc.get_object(id)
                .and_then(Object::as_stream)
                .map(|s| s.content.len() as u64)
                .unwrap_or(0)
        })
    }
}

thread_local! {
    /// Why an object stream met while loading was refused (the hook cannot return it).
    static REFUSED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Loads `bytes` with lopdf, measuring each object stream before lopdf unpacks it. An object
/// stream past [`LIMITS`] is emptied (so lopdf cannot inflate it) and the load answers why.
pub fn load(bytes: &[u8]) -> Result<Result<Document, pdf_extract::Error>, String> {
    xref_streams(bytes)?;
    REFUSED.with(|r| r.borrow_mut().take());
    let loaded = Document::load_mem_with_options(
        bytes,
        pdf_extract::LoadOptions::with_filter(measure_object_streams),
    );
    match REFUSED.with(|r| r.borrow_mut().take()) {
        Some(why) => Err(why),
        None => Ok(loaded),
    }
}

/// How far before a `/XRef` name its object's header, and after it the `stream` keyword, are
/// looked for: a cross-reference stream's dictionary is a few hundred bytes.
const XREF_DICT_REACH: usize = 4096;

/// Measures each cross-reference stream (`/Type /XRef`) on the file's own bytes. lopdf inflates
/// them while it reads the file's structure, before its load hook sees any object (lopdf 0.42
/// `parser_aux::decode_xref_stream`, one `decompress` per filter, without a ceiling), so a
/// cross-reference stream compressed twice would inflate unmeasured. Each one's data, from its
/// `stream` keyword on, is inflated here once per `FlateDecode` its dictionary names (the only
/// filter cross-reference streams use; zlib ends where its stream ends), through the same
/// limits as every other stream.
fn xref_streams(bytes: &[u8]) -> Result<(), String> {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let rfind = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).rposition(|w| w == needle);
    let mut from = 0;
    while let Some(at) = find(&bytes[from..], b"/XRef").map(|p| from + p) {
        from = at + 5;
        // A name that only starts with XRef (`/XRefStm` in a trailer) is no stream's type.
        if bytes.get(from).is_some_and(u8::is_ascii_alphanumeric) {
            continue;
        }
        let back = at.saturating_sub(XREF_DICT_REACH);
        let head_start = rfind(&bytes[back..at], b" obj").map_or(back, |p| back + p);
        let ahead = &bytes[at..(at + XREF_DICT_REACH).min(bytes.len())];
        let Some(keyword) = find(ahead, b"stream").map(|p| at + p) else {
            continue;
        };
        let head = &bytes[head_start..keyword];
        let mut filters = 0;
        let mut rest = head;
        while let Some(p) = find(rest, b"/Fl") {
            let after = &rest[p + 3..];
            let name_len = after
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            if matches!(&after[..name_len], b"" | b"ateDecode") {
                filters += 1;
            }
            rest = &after[name_len..];
        }
        if filters == 0 {
            continue;
        }
        let mut start = keyword + b"stream".len();
        if bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let data = &bytes[start.min(bytes.len())..];
        let packed = find(data, b"endstream").unwrap_or(data.len()) as u64;
        let mut inflated = data.to_vec();
        for _ in 0..filters {
            inflated = inflate(&inflated, packed).map_err(|why| {
                // The object's number and generation, the two words before `obj`.
                let before = String::from_utf8_lossy(&bytes[back..head_start]);
                let words: Vec<&str> = before.split_whitespace().rev().take(2).collect();
                let object = words.into_iter().rev().collect::<Vec<_>>().join(" ");
                format!("cross-reference stream {object}: {why}")
            })?;
        }
    }
    Ok(())
}

/// lopdf's load hook: called for every object read, before an object stream is unpacked.
/// lopdf keeps the object it was given (changed here or not) when this answers `Some`; for an
/// object found inside an object stream it keeps the object answered, so that is a copy.
fn measure_object_streams(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    if let Object::Stream(stream) = object {
        if stream.dict.has_type(b"ObjStm") {
            if let Err(why) = inflated_len(stream) {
                stream.set_plain_content(Vec::new());
                REFUSED.with(|r| {
                    r.borrow_mut()
                        .get_or_insert_with(|| format!("object stream {} {} R: {why}", id.0, id.1));
                });
            }
        }
        // A stream is never inside an object stream: the answer is not used.
        return Some((id, Object::Null));
    }
    Some((id, object.clone()))
}

/// Decrypts a document opened with an empty user password, measuring its object streams
/// before they are unpacked: lopdf's `decrypt` unpacks them itself, unmeasured, so they are
/// hidden from it under another type while it decrypts, then measured and unpacked here the
/// way it does (objects already there are kept).
pub fn decrypt(doc: &mut Document) -> Result<Result<(), pdf_extract::Error>, String> {
    const HIDDEN: &[u8] = b"RaadsvolgerObjStm";
    let packed: Vec<ObjectId> = doc
        .objects
        .iter_mut()
        .filter_map(|(&id, object)| {
            let stream = object.as_stream_mut().ok()?;
            stream.dict.has_type(b"ObjStm").then(|| {
                stream.dict.set("Type", Object::Name(HIDDEN.to_vec()));
                id
            })
        })
        .collect();
    let decrypted = doc.decrypt("");
    let mut unpacked = Vec::new();
    for id in packed {
        let Some(Ok(stream)) = doc.objects.get_mut(&id).map(Object::as_stream_mut) else {
            continue;
        };
        stream.dict.set("Type", Object::Name(b"ObjStm".to_vec()));
        if decrypted.is_err() {
            continue;
        }
        inflated_len(stream).map_err(|why| format!("object stream {} {} R: {why}", id.0, id.1))?;
        if let Ok(objects) = pdf_extract::ObjectStream::new(stream) {
            unpacked.extend(objects.objects);
        }
    }
    for (id, object) in unpacked {
        doc.objects.entry(id).or_insert(object);
    }
    Ok(decrypted)
}

/// Empties the images and measures every other stream of a loaded (and decrypted) document;
/// the first stream past [`LIMITS`] refuses the file.
pub fn measure(doc: &mut Document) -> Result<Sizes, String> {
    let mut sizes = Sizes::default();
    for (&id, object) in doc.objects.iter_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if is_image(stream) {
            stream.set_plain_content(Vec::new());
            continue;
        }
        if stream.filters().is_err() {
            continue;
        }
        let len =
            inflated_len(stream).map_err(|why| format!("object {} {} R: {why}", id.0, id.1))?;
        sizes.0.insert(id, len);
    }
    Ok(sizes)
}

fn is_image(stream: &Stream) -> bool {
    stream
        .dict
        .get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|s| s == b"Image")
}

/// What lopdf's `decompressed_content` would make of `stream`, inflated within [`LIMITS`]:
/// its length, or why it is refused. A filter lopdf does not know ends the chain there (lopdf
/// answers an error and pdf-extract takes the stored bytes), as does a filter that fails.
pub fn inflated_len(stream: &Stream) -> Result<u64, String> {
    let Ok(filters) = stream.filters() else {
        return Ok(stream.content.len() as u64);
    };
    let packed = stream.content.len() as u64;
    let early_change = stream
        .dict
        .get(b"DecodeParms")
        .and_then(Object::as_dict)
        .ok()
        .and_then(|p| p.get(b"EarlyChange").ok())
        .and_then(|v| v.as_i64().ok())
        .is_none_or(|v| v != 0);
    let mut data: Option<Vec<u8>> = None;
    let mut len = packed;
    for filter in filters {
        let input = data.as_deref().unwrap_or(&stream.content);
        let output = match filter {
            b"FlateDecode" => inflate(input, packed)?,
            b"LZWDecode" => unlzw(input, packed, early_change)?,
            b"ASCII85Decode" => match ascii85(input, packed)? {
                Some(out) => out,
                None => break,
            },
            _ => break,
        };
        len = output.len() as u64;
        data = Some(output);
    }
    Ok(len)
}

/// Reads `reader` to its end within the limits; a read error ends it (lopdf keeps what came
/// before), the ceiling refuses it.
fn read_capped(reader: impl Read, packed: u64, out: &mut Vec<u8>) -> Result<bool, String> {
    let mut capped = Capped::new(reader, packed, LIMITS);
    match capped.read_to_end(out) {
        Ok(_) => Ok(true),
        Err(_) => match capped.overrun() {
            Some(why) => Err(why.to_owned()),
            None => Ok(false),
        },
    }
}

/// zlib, and when that fails before giving a byte, raw deflate past the two header bytes
/// (lopdf's retry for streams with a broken checksum or header).
fn inflate(input: &[u8], packed: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    if input.is_empty() {
        return Ok(out);
    }
    let clean = read_capped(flate2::read::ZlibDecoder::new(input), packed, &mut out)?;
    if !clean && out.is_empty() && input.len() > 2 {
        read_capped(
            flate2::read::DeflateDecoder::new(&input[2..]),
            packed,
            &mut out,
        )?;
    }
    Ok(out)
}

/// LZW as PDF writes it (most significant bit first, codes from 9 bits, by default one code
/// early in widening), in steps, so the limits are kept as it goes.
fn unlzw(input: &[u8], packed: u64, early_change: bool) -> Result<Vec<u8>, String> {
    use weezl::{BitOrder, LzwStatus, decode::Decoder};
    let mut decoder = if early_change {
        Decoder::with_tiff_size_switch(BitOrder::Msb, 8)
    } else {
        Decoder::new(BitOrder::Msb, 8)
    };
    let mut out = Vec::new();
    let mut step = vec![0u8; 64 << 10];
    let mut rest = input;
    loop {
        crate::budget::check();
        let done = decoder.decode_bytes(rest, &mut step);
        rest = rest.get(done.consumed_in..).unwrap_or_default();
        out.extend_from_slice(step.get(..done.consumed_out).unwrap_or_default());
        if let Some(why) = LIMITS.overrun(out.len() as u64, packed) {
            return Err(why);
        }
        match done.status {
            Ok(LzwStatus::Ok) if done.consumed_in > 0 || done.consumed_out > 0 => {}
            _ => return Ok(out),
        }
    }
}

/// ASCII85 with lopdf's rules: an optional `~>` at the end, `z` for four zero bytes only
/// between groups, white space skipped, the first other byte outside `!`..`u` ends the data.
/// `None` when lopdf answers an error (a misplaced `z`, a group that overflows).
fn ascii85(input: &[u8], packed: u64) -> Result<Option<Vec<u8>>, String> {
    let data = input.strip_suffix(b"~>").unwrap_or(input);
    let mut out = Vec::with_capacity(data.len() / 5 * 4 + 4);
    let mut group: u32 = 0;
    let mut count = 0usize;
    for (i, &c) in data.iter().enumerate() {
        if i % (1 << 20) == 0 {
            crate::budget::check();
            if let Some(why) = LIMITS.overrun(out.len() as u64, packed) {
                return Err(why);
            }
        }
        if c == b'z' {
            if count != 0 {
                return Ok(None);
            }
            out.extend_from_slice(&[0; 4]);
            continue;
        }
        if c.is_ascii_whitespace() {
            continue;
        }
        if !(b'!'..=b'u').contains(&c) {
            break;
        }
        let Some(next) = group
            .checked_mul(85)
            .and_then(|g| g.checked_add(u32::from(c - b'!')))
        else {
            return Ok(None);
        };
        group = next;
        count += 1;
        if count == 5 {
            out.extend_from_slice(&group.to_be_bytes());
            group = 0;
            count = 0;
        }
    }
    if count > 0 {
        for _ in count..5 {
            let Some(next) = group.checked_mul(85).and_then(|g| g.checked_add(84)) else {
                return Ok(None);
            };
            group = next;
        }
        out.extend_from_slice(group.to_be_bytes().get(..count - 1).unwrap_or_default());
    }
    match LIMITS.overrun(out.len() as u64, packed) {
        Some(why) => Err(why),
        None => Ok(Some(out)),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use super::*;

    pub(crate) fn deflate(data: &[u8]) -> Vec<u8> {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(data).expect("deflates");
        z.finish().expect("deflates")
    }

    fn stream(filters: &[&str], content: Vec<u8>) -> Stream {
        let mut dict = pdf_extract::Dictionary::new();
        let names: Vec<Object> = filters
            .iter()
            .map(|f| Object::Name(f.as_bytes().to_vec()))
            .collect();
        dict.set("Filter", Object::Array(names));
        Stream::new(dict, content)
    }

    /// A file whose cross-reference stream is compressed twice, inflating to `zeros` bytes.
    pub(crate) fn xref_bomb(zeros: usize) -> Vec<u8> {
        let data = deflate(&deflate(&vec![0u8; zeros]));
        let mut pdf = b"%PDF-1.5\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
                        2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
            .to_vec();
        let at = pdf.len();
        pdf.extend_from_slice(
            format!(
                "3 0 obj << /Type /XRef /Size 4 /W [1 2 1] /Root 1 0 R \
                 /Filter [/FlateDecode /FlateDecode] /Length {} >>\nstream\n",
                data.len()
            )
            .as_bytes(),
        );
        pdf.extend_from_slice(&data);
        pdf.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{at}\n%%EOF\n").as_bytes());
        pdf
    }

    #[test]
    fn a_cross_reference_stream_is_measured_before_lopdf_reads_it() {
        let Err(refused) = load(&xref_bomb(16 << 20)) else {
            panic!("refused")
        };
        assert!(refused.contains("cross-reference stream 3 0"), "{refused}");
        // One compressed once, of a normal size, is left to lopdf.
        let normal = deflate(&[0u8; 64]);
        let mut pdf =
            b"%PDF-1.5\n3 0 obj << /Type /XRef /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend_from_slice(&normal);
        pdf.extend_from_slice(b"\nendstream\nendobj\n");
        assert_eq!(xref_streams(&pdf), Ok(()));
        // `/XRefStm` in a trailer names no stream.
        assert_eq!(xref_streams(b"trailer << /XRefStm 99 >>"), Ok(()));
    }

    #[test]
    fn lengths_match_what_lopdf_inflates() {
        let text = b"BT /F1 12 Tf (Motie vreemd aan de orde van de dag) Tj ET\n".repeat(500);
        for s in [
            stream(&["FlateDecode"], deflate(&text)),
            stream(&["FlateDecode", "FlateDecode"], deflate(&deflate(&text))),
            // A stream lopdf retries as raw deflate: a broken zlib header.
            stream(&["FlateDecode"], {
                let mut z = deflate(&text);
                z[0] = 0;
                z
            }),
            stream(&["ASCII85Decode"], b"87cURD]i,\"Ebo80~>".to_vec()),
            stream(&["ASCII85Decode"], b"z!!!~>".to_vec()),
            stream(&["DCTDecode"], b"\xFF\xD8\xFF".to_vec()),
        ] {
            let lopdf = s.decompressed_content().map(|c| c.len() as u64);
            let ours = inflated_len(&s).expect("within the limits");
            match lopdf {
                Ok(len) => assert_eq!(ours, len, "{:?}", s.dict),
                // Unknown to lopdf: its stored bytes are what pdf-extract takes.
                Err(_) => assert_eq!(ours, s.content.len() as u64),
            }
        }
        let mut lzw = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
        let s = stream(&["LZWDecode"], lzw.encode(&text).expect("lzw"));
        let lopdf = s.decompressed_content().expect("lzw").len() as u64;
        assert_eq!(inflated_len(&s), Ok(lopdf));
        assert_eq!(lopdf, text.len() as u64);
    }

    #[test]
    fn a_stream_compressed_twice_is_stopped_early() {
        // 256 MiB of spaces, deflated twice: a few hundred bytes.
        let mut inner = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let block = vec![b' '; 1 << 20];
        for _ in 0..256 {
            inner.write_all(&block).expect("deflates");
        }
        let outer = deflate(&inner.finish().expect("deflates"));
        let s = stream(&["FlateDecode", "FlateDecode"], outer);
        let why = inflated_len(&s).expect_err("a bomb");
        assert!(why.contains("times its size"), "{why}");
        // Compressed once, 256 MiB is past the ceiling on its own.
        let mut once = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        for _ in 0..80 {
            once.write_all(&block).expect("deflates");
        }
        let s = stream(&["FlateDecode"], once.finish().expect("deflates"));
        let why = inflated_len(&s).expect_err("too big");
        assert!(why.contains("inflates past 64 MiB"), "{why}");
    }
}
