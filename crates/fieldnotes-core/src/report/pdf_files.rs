//! Reads back the file a case summary embeds (`manifest.json`) from the
//! PDF that typst wrote: the one `/Type/EmbeddedFile` stream, stored as it
//! is or zlib-compressed (`/FlateDecode`).
//!
//! Invariants: only ever called on bytes whose signature checked out (a
//! PDF this program wrote), yet it never panics on any input and never
//! inflates more than the limit it is given.

use std::io::Read;

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// The decimal number right after `key` in `dict`.
fn number_after(dict: &[u8], key: &[u8]) -> Option<usize> {
    let start = find(dict, key, 0)? + key.len();
    let digits: Vec<u8> = dict
        .get(start..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .copied()
        .take(12)
        .collect();
    std::str::from_utf8(&digits).ok()?.parse().ok()
}

/// The content of the first embedded file of `pdf`, at most `max` bytes.
pub(super) fn manifest(pdf: &[u8], max: u64) -> Option<Vec<u8>> {
    let at = find(pdf, b"/Type/EmbeddedFile", 0)?;
    // The object's dictionary: from its "obj" keyword to its stream.
    let obj = pdf.get(at.saturating_sub(256)..at)?;
    let dict_start = at.saturating_sub(256) + obj.windows(3).rposition(|w| w == b"obj")?;
    let stream = find(pdf, b">>\nstream\n", at)?;
    let dict = pdf.get(dict_start..stream)?;
    let length = number_after(dict, b"/Length ")?;
    let data_start = stream + b">>\nstream\n".len();
    let data = pdf.get(data_start..data_start.checked_add(length)?)?;
    if find(dict, b"/Filter/FlateDecode", 0).is_some() {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(data)
            .take(max + 1)
            .read_to_end(&mut out)
            .ok()?;
        (out.len() as u64 <= max).then_some(out)
    } else if find(dict, b"/Filter", 0).is_some() || length as u64 > max {
        None
    } else {
        Some(data.to_vec())
    }
}
