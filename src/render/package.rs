//! Reading back the Office documents the engine writes (a .docx, a .xlsx: zip archives of XML
//! parts), to tell whether one is still as the engine wrote it. Every part is read at most
//! [`PART_LIMIT`] bytes: a small hostile archive can unzip to gigabytes, and the engine's own
//! parts are far smaller.

use super::marker::Hasher;
use quick_xml::events::Event;
use std::io::{Read, Seek};

/// The most read of one part of a document when checking it.
pub(crate) const PART_LIMIT: u64 = 64 << 20;

/// The text of the part `name`, when it is there, at most [`PART_LIMIT`] bytes, and UTF-8.
pub(crate) fn text_of<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
) -> Option<String> {
    let mut text = String::new();
    let part = archive.by_name(name).ok()?;
    if part.size() > PART_LIMIT {
        return None;
    }
    part.take(PART_LIMIT + 1).read_to_string(&mut text).ok()?;
    (text.len() as u64 <= PART_LIMIT).then_some(text)
}

/// The hash of the parts `names`, one after the other, when they are all there and each at
/// most [`PART_LIMIT`] bytes.
pub(crate) fn parts_hash<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    names: &[&str],
) -> Option<String> {
    let mut hasher = Hasher::default();
    for name in names {
        let part = archive.by_name(name).ok()?;
        // The size the entry declares, then what it really inflates to: a part that lies
        // about its size is still cut at the limit.
        if part.size() > PART_LIMIT {
            return None;
        }
        let n = std::io::copy(&mut part.take(PART_LIMIT + 1), &mut hasher).ok()?;
        if n > PART_LIMIT {
            return None;
        }
    }
    Some(hasher.finish())
}

/// The value of the custom property `name` in a `docProps/custom.xml`.
pub(crate) fn custom_property(xml: &str, name: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut inside = false;
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) if e.local_name().as_ref() == b"property" => {
                inside = e
                    .try_get_attribute("name")
                    .ok()
                    .flatten()
                    .is_some_and(|a| a.value.as_ref() == name.as_bytes());
            }
            Event::Text(t) if inside => return t.decode().ok().map(|s| s.trim().to_owned()),
            Event::End(e) if e.local_name().as_ref() == b"property" => inside = false,
            Event::Eof => return None,
            _ => {}
        }
    }
}
