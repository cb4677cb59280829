//! Diagnostics: problems found in a user's file, with where they are and hints to fix them.
//!
//! A [`Diagnostic`] carries a byte span into its [`SourceFile`]; [`render_human`] prints it with
//! the offending line and a caret (miette), [`render_short`] as one grep-able
//! `file:line:col: error: message` line. Both escape for the terminal what came from the file
//! (its name, names quoted in messages, the source line shown under a diagnostic), so a control
//! character in a file can neither move the cursor nor forge a line of the report.

use crate::render::escape;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan};
use shown::{draws_a_long_line, shown_text};
use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, OnceLock};

mod shown;

/// A file that diagnostics point into.
#[derive(Debug)]
pub struct SourceFile {
    /// The name to print (the path as given).
    pub name: String,
    /// Its text (empty when it could not be decoded).
    pub text: String,
    /// Where each line starts, worked out on the first diagnostic: a file without problems
    /// never needs it.
    line_starts: OnceLock<Vec<usize>>,
    /// The text as a terminal may show it, worked out on the first diagnostic drawn with its line.
    shown: OnceLock<String>,
}

impl SourceFile {
    /// Wraps a file's text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Arc<SourceFile> {
        Arc::new(SourceFile {
            name: name.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
            shown: OnceLock::new(),
        })
    }

    /// The text with every character a terminal would act on (control characters but tab and
    /// line ends, bidirectional controls) replaced by one of the same length in bytes (`?`, `??`
    /// or U+FFFD), so the spans still point at the same places of the same lines.
    fn shown(&self) -> &str {
        self.shown.get_or_init(|| shown_text(&self.text))
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// The byte offset of a 1-based line and (character) column, clamped to the text.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts().get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        let within = rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i);
        start + within
    }

    /// The length in bytes of a 1-based line, 0 past the end.
    fn line_len(&self, line: usize) -> usize {
        let starts = self.line_starts();
        let Some(&start) = starts.get(line.wrapping_sub(1)) else {
            return 0;
        };
        let end = starts.get(line).map_or(self.text.len(), |&next| next - 1);
        end.saturating_sub(start)
    }

    /// The 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset);
        let start = starts[line - 1];
        let column = self.text[start..offset].chars().count() + 1;
        (line, column)
    }

    /// A span of `chars` characters starting at a line and column.
    pub fn span_at(&self, line: usize, column: usize, chars: usize) -> Span {
        let offset = self.offset_of(line, column);
        let len = self.text[offset..]
            .char_indices()
            .nth(chars)
            .map_or(self.text.len() - offset, |(i, _)| i);
        Span { offset, len }
    }
}

/// A cell of a spreadsheet: where a problem is in a workbook or a CSV file, which has no text
/// span to point into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellRef {
    /// The sheet's name; `None` for a CSV file (its own one sheet).
    pub sheet: Option<String>,
    /// 1-based row, as the spreadsheet numbers it.
    pub row: u32,
    /// 1-based column (1 is `A`).
    pub column: u32,
    /// The column's header, when the sheet has one.
    pub header: Option<String>,
}

impl CellRef {
    /// The cell in A1 style, e.g. `C3`.
    pub fn a1(&self) -> String {
        let mut letters = Vec::new();
        let mut n = self.column.max(1);
        while n > 0 {
            let rem = u8::try_from((n - 1) % 26).expect("below 26");
            letters.push(char::from(b'A' + rem));
            n = (n - 1) / 26;
        }
        letters.iter().rev().collect::<String>() + &self.row.to_string()
    }

    /// The cell as a spreadsheet formula names it: `Elements!C3`, `'My sheet'!C3`, or `C3` in a
    /// CSV file.
    pub fn reference(&self) -> String {
        match &self.sheet {
            None => self.a1(),
            Some(s) if !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_') => {
                format!("{s}!{}", self.a1())
            }
            Some(s) => format!("'{}'!{}", s.replace('\'', "''"), self.a1()),
        }
    }

    /// `row 3, column `Sector``, or `row 3, column C` when the column has no header.
    pub fn describe(&self) -> String {
        match &self.header {
            Some(h) => format!("row {}, column `{h}`", self.row),
            None => {
                let a1 = self.a1();
                let letters = a1.trim_end_matches(|c: char| c.is_ascii_digit());
                format!("row {}, column {letters}", self.row)
            }
        }
    }
}

/// A byte range in a source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the start.
    pub offset: usize,
    /// Length in bytes.
    pub len: usize,
}

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// The file cannot be used.
    Error,
    /// The file can be used, but something looks wrong.
    Warning,
}

/// One problem in a file.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// Error or warning.
    pub level: Level,
    /// The file it is in.
    pub file: Arc<SourceFile>,
    /// Where; `None` for a problem with the file as a whole.
    pub span: Option<Span>,
    /// What is wrong: lowercase, names in backticks, no full stop.
    pub message: String,
    /// A label under the caret, when it says more than the message.
    pub label: Option<String>,
    /// Hints: the nearest valid name, the valid values.
    pub hints: Vec<String>,
    /// Another place that explains this one, e.g. where a duplicate was first defined.
    pub related: Option<(Span, String)>,
    /// The spreadsheet cell, for a problem in a workbook or CSV file (then `span` is `None`).
    pub cell: Option<CellRef>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(file: &Arc<SourceFile>, span: Option<Span>, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Error,
            file: Arc::clone(file),
            span,
            message: message.into(),
            label: None,
            hints: Vec::new(),
            related: None,
            cell: None,
        }
    }

    /// An error in a spreadsheet's cell.
    pub fn in_cell(file: &Arc<SourceFile>, cell: CellRef, message: impl Into<String>) -> Self {
        let mut d = Diagnostic::error(file, None, message);
        d.cell = Some(cell);
        d
    }

    /// Makes this diagnostic a warning.
    pub fn warning(mut self) -> Self {
        self.level = Level::Warning;
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Adds a related place.
    pub fn related(mut self, span: Span, label: impl Into<String>) -> Self {
        self.related = Some((span, label.into()));
        self
    }

    /// Sets the label under the caret.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// The 1-based line and column, when the diagnostic has a place.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        self.span.map(|s| self.file.line_col(s.offset))
    }

    /// `file:line:col`, `file:Sheet!C3` for a spreadsheet's cell, or just `file` for a problem
    /// with the whole file; the name escaped for a terminal.
    pub fn location(&self) -> String {
        let name = escape::terminal(&self.file.name);
        if let Some(cell) = &self.cell {
            return format!("{name}:{}", escape::terminal(&cell.reference()));
        }
        match self.line_col() {
            Some((line, col)) => format!("{name}:{line}:{col}"),
            None => name.into_owned(),
        }
    }
}

/// Whether any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.level == Level::Error)
}

/// How diagnostics are printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum DiagnosticFormat {
    /// The location, the offending line with a caret, and hints.
    #[default]
    Human,
    /// One `file:line:col: level: message` line each.
    Short,
}

/// Renders one diagnostic for people: the location, the line with a caret, the hints (as one
/// short line when the line to draw is too long to show).
pub fn render_human(diagnostic: &Diagnostic, colour: bool) -> String {
    if draws_a_long_line(diagnostic) {
        return render_short(diagnostic);
    }
    let theme = if colour {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_context_lines(1)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    if handler
        .render_report(&mut out, &MietteView(diagnostic))
        .is_err()
    {
        return render_short(diagnostic);
    }
    out
}

/// Renders one diagnostic as a single line, hints after `; `.
pub fn render_short(diagnostic: &Diagnostic) -> String {
    let level = match diagnostic.level {
        Level::Error => "error",
        Level::Warning => "warning",
    };
    let message = escape::terminal(&diagnostic.message);
    let mut line = format!("{}: {level}: {message}", diagnostic.location());
    if let Some(cell) = &diagnostic.cell {
        line.push_str(&format!(" ({})", escape::terminal(&cell.describe())));
    }
    if let Some((span, label)) = &diagnostic.related {
        let (l, c) = diagnostic.file.line_col(span.offset);
        let label = escape::terminal(label).replace(" here", "");
        line.push_str(&format!(" ({label} at line {l}, column {c})"));
    }
    for hint in &diagnostic.hints {
        line.push_str("; ");
        line.push_str(&escape::terminal(hint));
    }
    line.replace('\n', " ")
}

/// Renders diagnostics in the chosen format.
pub fn render_all(diagnostics: &[Diagnostic], format: DiagnosticFormat, colour: bool) -> String {
    diagnostics
        .iter()
        .map(|d| match format {
            DiagnosticFormat::Human => render_human(d, colour) + "\n",
            DiagnosticFormat::Short => render_short(d) + "\n",
        })
        .collect()
}

/// A one-line count, e.g. `cities/x.yaml: 3 errors`.
pub fn summary(name: &str, diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.level == Level::Error)
        .count();
    let noun = if errors == 1 { "error" } else { "errors" };
    format!("{name}: {errors} {noun}")
}

/// Adapts a [`Diagnostic`] to miette's report renderer.
struct MietteView<'a>(&'a Diagnostic);

impl fmt::Debug for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape::terminal(&self.0.message))
    }
}

/// A spreadsheet's cell has no text to show: its place leads the message instead.
impl fmt::Display for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0.cell {
            Some(cell) => write!(
                f,
                "{} ({}): {}",
                self.0.location(),
                escape::terminal(&cell.describe()),
                escape::terminal(&self.0.message)
            ),
            None => f.write_str(&escape::terminal(&self.0.message)),
        }
    }
}

impl std::error::Error for MietteView<'_> {}

impl miette::Diagnostic for MietteView<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.0.level {
            Level::Error => miette::Severity::Error,
            Level::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        if self.0.hints.is_empty() {
            return None;
        }
        let hints: Vec<Cow<'_, str>> = self.0.hints.iter().map(|h| escape::terminal(h)).collect();
        Some(Box::new(hints.join("\n")))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.0
            .span
            .map(|_| &*self.0.file as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.0.span?;
        let shown = |label: &String| escape::terminal(label).into_owned();
        let main = LabeledSpan::new_primary_with_span(
            self.0.label.as_ref().map(shown),
            (span.offset, span.len),
        );
        let related =
            self.0.related.as_ref().map(|(s, label)| {
                LabeledSpan::new_with_span(Some(shown(label)), (s.offset, s.len))
            });
        Some(Box::new(std::iter::once(main).chain(related)))
    }

    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        None
    }
}

/// Lets miette read the file's text, as a terminal may show it, and print its name in the
/// report's header.
impl miette::SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let contents = self
            .shown()
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            escape::terminal(&self.name).into_owned(),
            contents.data(),
            *contents.span(),
            contents.line(),
            contents.column(),
            contents.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text without the colour sequences miette writes (`ESC [ digits m`).
    fn without_colour(s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find("\u{1b}[") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            let end = after.find(|c: char| !c.is_ascii_digit() && c != ';');
            match end {
                Some(e) if after[e..].starts_with('m') => rest = &after[e + 1..],
                _ => {
                    out.push_str("\u{1b}[");
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn both_formats_escape_what_came_from_the_file() {
        let file = SourceFile::new("x\u{1b}]0;t\u{7}.yaml", "key: \"\u{1b}[2J\u{202e}\"\n");
        let d = Diagnostic::error(
            &file,
            Some(Span { offset: 5, len: 7 }),
            "unknown `\u{1b}[2J`",
        )
        .hint("a\nforged line")
        .label("\u{7}");
        for out in [
            render_short(&d),
            render_human(&d, false),
            render_human(&d, true),
        ] {
            let plain = without_colour(&out);
            assert!(
                !plain.contains(['\u{1b}', '\u{7}', '\r', '\u{202e}']),
                "{plain:?}"
            );
            assert!(plain.contains("unknown `\\u{1b}[2J`"), "{plain}");
            assert!(plain.contains("a\\nforged line"), "{plain}");
        }
    }

    fn cell(sheet: Option<&str>, row: u32, column: u32, header: Option<&str>) -> CellRef {
        CellRef {
            sheet: sheet.map(str::to_owned),
            row,
            column,
            header: header.map(str::to_owned),
        }
    }

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(cell(None, 3, 1, None).a1(), "A3");
        assert_eq!(cell(None, 1, 26, None).a1(), "Z1");
        assert_eq!(cell(None, 9, 27, None).a1(), "AA9");
        assert_eq!(cell(None, 2, 703, None).a1(), "AAA2");
        assert_eq!(
            cell(Some("Elements"), 3, 3, None).reference(),
            "Elements!C3"
        );
        assert_eq!(
            cell(Some("Our partners"), 3, 3, None).reference(),
            "'Our partners'!C3"
        );
        assert_eq!(cell(Some("Bob's"), 1, 1, None).reference(), "'Bob''s'!A1");
        assert_eq!(
            cell(None, 4, 2, Some("Sector")).describe(),
            "row 4, column `Sector`"
        );
        assert_eq!(cell(None, 4, 28, None).describe(), "row 4, column AB");
    }

    #[test]
    fn a_cell_diagnostic_leads_with_its_place() {
        let file = SourceFile::new("people.xlsx", "");
        let d = Diagnostic::in_cell(
            &file,
            cell(Some("Elements"), 3, 2, Some("Sector")),
            "unknown sector `x`",
        )
        .hint("did you mean `y`?");
        assert_eq!(
            render_short(&d),
            "people.xlsx:Elements!B3: error: unknown sector `x` (row 3, column `Sector`); did you mean `y`?"
        );
        let human = render_human(&d, false);
        assert!(
            human.contains("people.xlsx:Elements!B3 (row 3, column `Sector`): unknown sector `x`"),
            "{human}"
        );
    }
}
