//! The plan as a Word document a council can edit and adopt: mission, vision, goals, each action,
//! the table of actions and the monitoring table. Built from the `PlanView`, as the templates
//! are, with docx-rs; returns the bytes of `mission-and-action-plan.docx`.
//!
//! The same view gives the same bytes: the document's dates are the profile's `as_of`, the
//! archive's entries carry zip's fixed 1980 date, and paragraph ids count from 1 on a thread of
//! their own (docx-rs counts them per thread). A custom property, `inclusive-cities-hash`, holds
//! the hash of the text (`word/document.xml`) and the core properties (`docProps/core.xml`) as
//! the engine wrote them (read back through `render::package`): Word and LibreOffice keep custom properties when they save, but write
//! those two parts again, so a document saved by a person no longer matches its hash, is no
//! longer the engine's, and `plan` keeps it unless given `--force`.

mod content;

use super::marker::{GENERATOR, hash};
use super::package::{custom_property, parts_hash, text_of};
use crate::plan::view::PlanView;
use content::{front, plan};
use docx_rs::{Docx, LineSpacing, PageMargin, RunFonts, Style, StyleType};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use std::io::{Cursor, Read, Seek};

/// The custom property that holds the hash of the parts [`HASHED`].
pub(super) const HASH_PROPERTY: &str = "inclusive-cities-hash";

/// The parts whose bytes, one after the other, the hash is of: the text, and the properties
/// that name who saved the document last and when.
const HASHED: [&str; 2] = ["word/document.xml", "docProps/core.xml"];

/// Width of the text on an A4 page with 2 cm margins, in twentieths of a point.
const TEXT_WIDTH: usize = 11906 - 2 * 1134;

/// The document for a plan.
pub fn render(view: &PlanView) -> Vec<u8> {
    std::thread::scope(|s| s.spawn(|| build(view)).join())
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Whether a .docx was written by the engine and not saved since by anyone else: its text and
/// core properties still have the hash in its custom properties.
pub fn is_ours(r: impl Read + Seek) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(r) else {
        return false;
    };
    let claimed = text_of(&mut archive, "docProps/custom.xml")
        .and_then(|xml| custom_property(&xml, HASH_PROPERTY));
    match claimed {
        Some(claimed) => parts_hash(&mut archive, &HASHED) == Some(claimed),
        None => ours_before_the_hash(&mut archive),
    }
}

/// A document from a version before the hash, known then by its creator and last editor. Those
/// survive a save in LibreOffice, so it counts as the engine's only when its `docProps/app.xml`
/// names no application, as docx-rs wrote it: Word and LibreOffice name themselves there when
/// they save. Such a document is written again with the hash by the next `plan`.
fn ours_before_the_hash<R: Read + Seek>(archive: &mut zip::ZipArchive<R>) -> bool {
    let (Some(core), Some(app)) = (
        text_of(archive, "docProps/core.xml"),
        text_of(archive, "docProps/app.xml"),
    ) else {
        return false;
    };
    property(&core, "creator").as_deref() == Some(GENERATOR)
        && property(&core, "lastModifiedBy").as_deref() == Some(GENERATOR)
        && property(&app, "Application").is_none()
}

/// The text of the first element named `local` (any namespace) in `xml`.
fn property(xml: &str, local: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut inside = false;
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) => inside = e.local_name().as_ref() == local.as_bytes(),
            Event::Text(t) if inside => return t.decode().ok().map(|s| s.trim().to_owned()),
            Event::End(_) if inside => return Some(String::new()),
            Event::Eof => return None,
            _ => {}
        }
    }
}

fn build(view: &PlanView) -> Vec<u8> {
    let docx = front(view)
        .into_iter()
        .fold(styled(), |docx, p| docx.add_paragraph(p));
    let mut xml = plan(docx, view).build();
    xml.doc_props.core = core_properties(view);
    // The parts of `HASHED`, in its order.
    let stamp = hash(&[&xml.document[..], &xml.doc_props.core[..]].concat());
    xml.doc_props.custom = custom_properties(&stamp);
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out)
        .expect("writing a document to memory cannot fail");
    out.into_inner()
}

/// An A4 document with Calibri 11 and the title and heading styles Word knows by name.
fn styled() -> Docx {
    let heading = |id: &str, name: &str, size: usize, level: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .size(size)
            .bold()
            .color("1F3864")
            .outline_lvl(level)
            .line_spacing(LineSpacing::new().before(280).after(100))
    };
    Docx::new()
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1134)
                .right(1134),
        )
        .default_fonts(RunFonts::new().ascii("Calibri").hi_ansi("Calibri"))
        .default_size(22)
        .default_line_spacing(LineSpacing::new().after(120))
        .add_style(Style::new("Normal", StyleType::Paragraph).name("Normal"))
        .add_style(heading("Title", "Title", 40, 0).outline_lvl(9))
        .add_style(heading("Heading1", "heading 1", 32, 0))
        .add_style(heading("Heading2", "heading 2", 26, 1))
}

/// `docProps/core.xml`: title, creator, description and the profile's date.
fn core_properties(view: &PlanView) -> Vec<u8> {
    let date = format!("{}T00:00:00Z", view.city.as_of);
    let title = format!("{}: Inclusive City mission and action plan", view.city.name);
    let description = "generated by inclusive-cities from the city profile; once saved by a \
                       person it is theirs, and `inclusive-cities plan` keeps it";
    let mut w = declared();
    let fields = [
        ("dc:title", title.as_str()),
        ("dc:creator", GENERATOR),
        ("dc:description", description),
        ("dc:language", "en-GB"),
        ("cp:lastModifiedBy", GENERATOR),
        ("cp:revision", "1"),
        ("dcterms:created", &date),
        ("dcterms:modified", &date),
    ];
    w.create_element("cp:coreProperties")
        .with_attributes([
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ])
        .write_inner_content(|w| {
            for (name, text) in fields {
                let dated = name.starts_with("dcterms:");
                w.create_element(name)
                    .with_attributes(dated.then_some(("xsi:type", "dcterms:W3CDTF")))
                    .write_text_content(BytesText::new(&super::escape::xml(text)))?;
            }
            Ok(())
        })
        .expect("writing to memory cannot fail");
    w.into_inner()
}

/// `docProps/custom.xml`: the hash of the parts [`HASHED`] as [`HASH_PROPERTY`].
fn custom_properties(stamp: &str) -> Vec<u8> {
    let mut w = declared();
    w.create_element("Properties")
        .with_attributes([
            (
                "xmlns",
                "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
            ),
            (
                "xmlns:vt",
                "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
            ),
        ])
        .write_inner_content(|w| {
            // The format id every custom property of a document carries; ids start at 2.
            w.create_element("property")
                .with_attributes([
                    ("fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"),
                    ("pid", "2"),
                    ("name", HASH_PROPERTY),
                ])
                .write_inner_content(|w| {
                    w.create_element("vt:lpwstr")
                        .write_text_content(BytesText::new(stamp))
                        .map(drop)
                })
                .map(drop)
        })
        .expect("writing to memory cannot fail");
    w.into_inner()
}

/// An XML writer into memory that has written the declaration Word writes.
fn declared() -> Writer<Vec<u8>> {
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new(
        "1.0",
        Some("UTF-8"),
        Some("yes"),
    )))
    .expect("writing to memory cannot fail");
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::marker::Hasher;
    use std::io::Write;

    /// An archive of the parts `(name, text)`.
    fn archive(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, text) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .expect("start");
            zip.write_all(text.as_bytes()).expect("write");
        }
        zip.finish().expect("finish").into_inner()
    }

    const CORE: &str = "<cp:coreProperties xmlns:cp=\"c\" xmlns:dc=\"d\">\
        <dc:creator>inclusive-cities</dc:creator>\
        <cp:lastModifiedBy>inclusive-cities</cp:lastModifiedBy></cp:coreProperties>";

    #[test]
    fn a_document_is_ours_while_its_hash_holds() {
        let custom = |text: &str| {
            let mut hasher = Hasher::default();
            hasher.write_all(text.as_bytes()).expect("hashed");
            hasher.write_all(CORE.as_bytes()).expect("hashed");
            String::from_utf8(custom_properties(&hasher.finish())).expect("UTF-8")
        };
        let stamped = custom("<w:document>plan</w:document>");
        let doc = |text: &str| {
            archive(&[
                ("docProps/custom.xml", &stamped),
                ("docProps/core.xml", CORE),
                ("word/document.xml", text),
            ])
        };
        assert!(is_ours(Cursor::new(doc("<w:document>plan</w:document>"))));
        assert!(!is_ours(Cursor::new(doc("<w:document>plan!</w:document>"))));
    }

    #[test]
    fn a_document_from_before_the_hash_is_ours_until_an_application_saves_it() {
        let app = |application: &str| format!("<Properties xmlns=\"x\">{application}</Properties>");
        let doc = |app: &str| archive(&[("docProps/core.xml", CORE), ("docProps/app.xml", app)]);
        assert!(is_ours(Cursor::new(doc(&app("")))));
        let saved = app("<Application>LibreOffice/7.4</Application>");
        assert!(!is_ours(Cursor::new(doc(&saved))));
        assert!(!is_ours(Cursor::new(archive(&[(
            "docProps/core.xml",
            CORE
        )]))));
    }

    /// A reader that counts the bytes read through it.
    struct Counting<R> {
        inner: R,
        read: std::rc::Rc<std::cell::Cell<u64>>,
    }

    impl<R: Read> Read for Counting<R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.read.set(self.read.get() + n as u64);
            Ok(n)
        }
    }

    impl<R: Seek> Seek for Counting<R> {
        fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
            self.inner.seek(pos)
        }
    }

    #[test]
    fn a_part_that_declares_more_than_the_limit_is_not_inflated() {
        // 80 MiB of spaces, deflated to some 80 KiB: over the 64 MiB a part may have.
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().large_file(true);
        zip.start_file("docProps/custom.xml", options)
            .expect("start");
        let spaces = vec![b' '; 1 << 20];
        for _ in 0..80 {
            zip.write_all(&spaces).expect("write");
        }
        let bytes = zip.finish().expect("finish").into_inner();
        let read = std::rc::Rc::default();
        let counting = Counting {
            inner: Cursor::new(&bytes),
            read: std::rc::Rc::clone(&read),
        };
        assert!(!is_ours(counting));
        assert!(
            read.get() < 32 << 10,
            "read {} of {} bytes: the part was inflated",
            read.get(),
            bytes.len()
        );
    }
}
