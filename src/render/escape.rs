//! Escaping text from a profile for the tool that opens each output: a terminal, a spreadsheet,
//! a Markdown viewer or an XML reader. Every writer passes names and descriptions through one of
//! these, even though the loader already refuses control characters, so a custom model, an old
//! analysis.json or a future reader cannot bring them back.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Text a terminal prints as it is: control characters (ESC, OSC's BEL, newlines, C1 codes, DEL)
/// and the bidirectional overrides that reorder a line are shown as `\u{..}` escapes (`\n`, `\r`
/// and `\t` by their short names), so a name can neither move the cursor nor forge a line.
pub fn terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_on_terminal) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if unsafe_on_terminal(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text of several lines for a terminal (an error that quotes a template's lines): each line
/// through [`terminal`], the line feeds between them kept.
pub fn terminal_lines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && unsafe_on_terminal(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.split('\n').map(terminal).collect::<Vec<_>>().join("\n"))
}

/// Whether a character is a control character or a bidirectional override.
pub(crate) fn unsafe_on_terminal(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A text cell a spreadsheet shows as text: one that begins with `=`, `+`, `-`, `@`, a tab or a
/// carriage return (which Excel and LibreOffice read as a formula) gets a leading apostrophe,
/// OWASP's advice for CSV injection. Numbers are written as numbers, never through this.
pub fn spreadsheet(s: &str) -> Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{s}")),
        _ => Cow::Borrowed(s),
    }
}

/// A text cell as its writer meant it: [`spreadsheet`]'s apostrophe taken off again.
pub fn from_spreadsheet(s: String) -> String {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_owned(),
        _ => s,
    }
}

/// Text inside a Markdown paragraph or table cell: `&`, `<` and `>` as HTML entities (so no tag
/// or comment reaches a viewer), `|` and `\` escaped (so a name cannot end a table cell), and any
/// line break, other control character or bidirectional control as a space (so a name cannot
/// start a row or a heading, nor reorder the text around it).
pub fn markdown(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| matches!(c, '&' | '<' | '>' | '|' | '\\') || unsafe_on_terminal(c))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("\\|"),
            '\\' => out.push_str("\\\\"),
            c if unsafe_on_terminal(c) => out.push(' '),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text XML 1.0 can hold (GraphML, GEXF, the Word document): control characters other than tab,
/// line feed and carriage return, and the non-characters U+FFFE and U+FFFF, become U+FFFD.
pub fn xml(s: &str) -> Cow<'_, str> {
    let bad = |c: char| {
        ((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
            || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if bad(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_shows_control_characters_as_escapes() {
        assert_eq!(terminal("Café"), "Café");
        assert_eq!(
            terminal("a\u{1b}[2Jb\u{7}\nindex 100.0"),
            "a\\u{1b}[2Jb\\u{7}\\nindex 100.0"
        );
        assert_eq!(terminal("\u{9b}x\u{202e}"), "\\u{9b}x\\u{202e}");
        assert_eq!(terminal_lines("one\ntwo\u{7}"), "one\ntwo\\u{7}");
        assert_eq!(terminal_lines("one\ntwo"), "one\ntwo");
    }

    #[test]
    fn spreadsheet_neutralises_formula_starts_only() {
        for s in ["=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(spreadsheet(s), format!("'{s}"));
        }
        assert_eq!(spreadsheet("Café = good"), "Café = good");
        for s in ["=1", "+1", "-1", "@a", "\tx", "\rx", "plain", "'quoted", ""] {
            assert_eq!(from_spreadsheet(spreadsheet(s).into_owned()), s);
        }
        // As in Excel, an apostrophe before a formula's start marks text: it is not kept.
        assert_eq!(from_spreadsheet("'=1".to_owned()), "=1");
        assert_eq!(spreadsheet(""), "");
    }

    #[test]
    fn markdown_cannot_end_a_cell_or_start_a_row() {
        assert_eq!(
            markdown("A | done |\n| forged <script>"),
            "A \\| done \\| \\| forged &lt;script&gt;"
        );
        assert_eq!(markdown("Smith & Sons"), "Smith &amp; Sons");
        assert_eq!(markdown("plain"), "plain");
        assert_eq!(markdown("a\u{202e}b"), "a b");
    }

    #[test]
    fn xml_replaces_what_xml_cannot_hold() {
        assert_eq!(xml("a\u{0}b\u{1b}c\td"), "a\u{FFFD}b\u{FFFD}c\td");
        assert_eq!(xml("ok\n"), "ok\n");
    }
}
