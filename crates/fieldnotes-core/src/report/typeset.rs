//! Lays out a report's PDF with typst, the document engine, used as a
//! library: a template (typst markup shipped in the binary) reads its data
//! from JSON files handed over in memory.
//!
//! Invariants: nothing is read from disk or the network. The fonts are the
//! ones embedded in the binary (Libertinus Serif for text, with every
//! Romanian letter; DejaVu Sans Mono for hashes and ids), so a report looks
//! the same on every laptop. Record text only ever reaches a template as
//! JSON data, never as markup, so no note can change the layout or run
//! code. The PDF's date is the one given, so the same data and time give
//! the same bytes.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Timelike, Utc};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::error::{Error, Result};

/// The embedded fonts and their index, parsed once per process.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

static LIBRARY: LazyLock<LazyHash<Library>> =
    LazyLock::new(|| LazyHash::new(Library::builder().build()));

/// A document to lay out: its template and the data files it reads (by
/// absolute virtual path, e.g. `/data.json`).
pub(crate) struct Job<'a> {
    pub template: &'a str,
    pub files: Vec<(&'static str, Vec<u8>)>,
    /// The PDF's title, in its metadata (shown in a viewer's title bar).
    pub title: String,
    /// When the report was made: the PDF's creation date.
    pub made: DateTime<Utc>,
}

struct Sandbox {
    main: Source,
    files: Vec<(FileId, Bytes)>,
}

fn file_id(path: &str) -> Result<FileId> {
    let vpath = VirtualPath::new(path).map_err(|_| Error::ReportLayout)?;
    Ok(FileId::new(RootedPath::new(VirtualRoot::Project, vpath)))
}

impl World for Sandbox {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files
            .iter()
            .find(|(f, _)| *f == id)
            .map(|(_, bytes)| bytes.clone())
            .ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    // Templates take every date from their data: the laptop's clock never
    // leaks into a report by accident.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

fn timestamp(made: DateTime<Utc>) -> Option<Timestamp> {
    let at = Datetime::from_ymd_hms(
        made.year(),
        u8::try_from(made.month()).ok()?,
        u8::try_from(made.day()).ok()?,
        u8::try_from(made.hour()).ok()?,
        u8::try_from(made.minute()).ok()?,
        u8::try_from(made.second()).ok()?,
    )?;
    Some(Timestamp::new_utc(at))
}

/// Lays out `job` and returns the PDF's bytes.
///
/// A template that fails to compile is a fault of this program, not of the
/// data: it is reported as [`Error::ReportLayout`] and its diagnostics go
/// nowhere (they could quote record text).
pub(crate) fn render(job: Job<'_>) -> Result<Vec<u8>> {
    let files = job
        .files
        .into_iter()
        .map(|(path, bytes)| Ok((file_id(path)?, Bytes::new(bytes))))
        .collect::<Result<Vec<_>>>()?;
    let sandbox = Sandbox {
        main: Source::new(file_id("/main.typ")?, job.template.to_owned()),
        files,
    };
    let compiled = typst::compile::<PagedDocument>(&sandbox).output;
    let document = compiled.map_err(|_| Error::ReportLayout)?;
    let options = PdfOptions {
        ident: typst::foundations::Smart::Custom(job.title.clone()),
        timestamp: timestamp(job.made),
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|_| Error::ReportLayout)?;
    // Memoised layouts would otherwise stay in memory for the app's life.
    typst::comemo::evict(0);
    Ok(pdf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(template: &str, data: &str) -> Job<'static> {
        Job {
            template: Box::leak(template.to_owned().into_boxed_str()),
            files: vec![("/data.json", data.as_bytes().to_vec())],
            title: "Test".into(),
            made: DateTime::from_timestamp(1_764_633_600, 0).expect("valid"),
        }
    }

    #[test]
    fn renders_romanian_text_from_data() {
        let pdf = render(job(
            "#set text(font: \"Libertinus Serif\", lang: \"ro\")\n#let d = json(\"/data.json\")\n#d.text",
            r#"{"text": "Șapte țări: ă â î ș ț Ă Â Î Ș Ț"}"#,
        ))
        .expect("renders");
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pdf.len() > 1000);
    }

    #[test]
    fn data_is_never_markup() {
        // A note that looks like typst code is printed, not run.
        let data = r##"{"text": "#panic(\"boom\") *bold*"}"##;
        let template = "#let d = json(\"/data.json\")\n#d.text";
        assert!(render(job(template, data)).is_ok());
    }

    #[test]
    fn same_input_same_bytes() {
        let template = "#let d = json(\"/data.json\")\n#d.text";
        let a = render(job(template, r#"{"text": "a"}"#)).expect("renders");
        let b = render(job(template, r#"{"text": "a"}"#)).expect("renders");
        assert_eq!(a, b);
    }

    #[test]
    fn a_broken_template_is_a_layout_error_and_files_outside_are_refused() {
        let broken = render(job("#let x = (", "{}"));
        assert!(matches!(broken, Err(Error::ReportLayout)));
        let outside = render(job("#read(\"/etc/passwd\")", "{}"));
        assert!(matches!(outside, Err(Error::ReportLayout)));
    }
}
