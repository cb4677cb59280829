//! What of a file a diagnostic may draw on a terminal: its text with every character a terminal
//! would act on replaced, byte for byte, and whether a line to draw is too long to show.

use super::Diagnostic;
use crate::render::escape;

/// The longest line drawn under a diagnostic, in bytes: a longer one (a 3 MB name on one line)
/// would flood the terminal, so its diagnostic is printed as one short line instead.
pub(super) const MAX_DRAWN_LINE: usize = 1_000;

/// Whether a line drawn under the diagnostic (its own, or one of context around it or around its
/// related place) is longer than [`MAX_DRAWN_LINE`].
pub(super) fn draws_a_long_line(diagnostic: &Diagnostic) -> bool {
    let file = &diagnostic.file;
    let spans = diagnostic
        .span
        .into_iter()
        .chain(diagnostic.related.as_ref().map(|(s, _)| *s));
    spans
        .map(|s| file.line_col(s.offset).0)
        .any(|line| (line.saturating_sub(1)..=line + 1).any(|l| file.line_len(l) > MAX_DRAWN_LINE))
}

/// `text` with each character a terminal would act on replaced by as many bytes of `?` (one
/// byte: a C0 control or DEL; two: a C1 control) or by U+FFFD (three: a bidirectional control).
/// Tabs, line feeds and the carriage return of a CRLF stay: miette lays lines out by them.
pub(super) fn shown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let keep = match c {
            '\t' | '\n' => true,
            '\r' => chars.peek() == Some(&'\n'),
            c => !escape::unsafe_on_terminal(c),
        };
        match (keep, c.len_utf8()) {
            (true, _) => out.push(c),
            (false, 3) => out.push('\u{FFFD}'),
            (false, n) => out.extend(std::iter::repeat_n('?', n)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Diagnostic, SourceFile, Span, render_human};
    use super::shown_text;

    #[test]
    fn a_very_long_line_is_not_drawn() {
        let text = format!("a: 1\nname: \"{}\"\nb: 2\n", "N".repeat(3_000_000));
        let file = SourceFile::new("big.yaml", text);
        let d = Diagnostic::error(&file, Some(Span { offset: 11, len: 1 }), "too long");
        let out = render_human(&d, false);
        assert!(out.len() < 200, "{} bytes", out.len());
        assert!(out.starts_with("big.yaml:2:7: error: too long"), "{out}");
        let short = SourceFile::new("s.yaml", "a: 1\nname: x\n");
        let d = Diagnostic::error(&short, Some(Span { offset: 11, len: 1 }), "x");
        assert!(render_human(&d, false).contains("name: x"));
    }

    #[test]
    fn the_line_under_a_diagnostic_holds_no_control_character() {
        let text = "name: \"a\u{1b}[2J\u{85}\u{202e}b\"\r\nnext\tline\n";
        let shown = shown_text(text);
        assert_eq!(shown, "name: \"a?[2J??\u{FFFD}b\"\r\nnext\tline\n");
        assert_eq!(shown.len(), text.len());
    }
}
