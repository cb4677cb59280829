//! What free text in a profile or a model may hold: no control character (a description may
//! break lines and hold tabs), no bidirectional control that reorders what an editor shows, and
//! at most a documented number of characters for each kind of text. [`check`] finds the first
//! problem; [`Decoder::string_of`](super::decode::Decoder) reports it at its line and column.

use super::yaml::{Node, NodeKind};
use crate::diag::{Diagnostic, SourceFile, Span};
use std::sync::Arc;

/// The kind of a text, which sets the characters it may hold and its length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Text {
    /// An id: a slug of at most [`Text::Id`]'s cap.
    Id,
    /// A name, or any other one-line text (a reference, a word of a list, an action's id).
    Name,
    /// A description or a note: line breaks and tabs allowed.
    Description,
    /// A model's longer texts (notes, passages, action texts): line breaks and tabs allowed; the
    /// model file's own size limit is their cap.
    Prose,
}

impl Text {
    /// The most characters a text of this kind may hold.
    pub(crate) const fn cap(self) -> usize {
        match self {
            Text::Id => 64,
            Text::Name => 200,
            Text::Description => 2_000,
            Text::Prose => usize::MAX,
        }
    }

    fn allows(self, c: char) -> bool {
        match self {
            Text::Id | Text::Name => false,
            Text::Description | Text::Prose => matches!(c, '\n' | '\t'),
        }
    }
}

/// What is wrong with a text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// A character it may not hold, at a byte offset of the text.
    Character {
        /// The byte offset in the text.
        at: usize,
        /// The character.
        c: char,
    },
    /// More characters than the kind's cap.
    TooLong {
        /// How many characters it holds.
        chars: usize,
    },
}

/// The first problem of `s` as a text of `kind`, if any.
pub(crate) fn check(s: &str, kind: Text) -> Option<Problem> {
    if let Some((at, c)) = s
        .char_indices()
        .find(|&(_, c)| forbidden(c) && !kind.allows(c))
    {
        return Some(Problem::Character { at, c });
    }
    // A byte count under the cap cannot be over it in characters.
    if s.len() > kind.cap() {
        let chars = s.chars().count();
        if chars > kind.cap() {
            return Some(Problem::TooLong { chars });
        }
    }
    None
}

/// A control character (C0, DEL, C1) or a bidirectional embedding, override or isolate.
fn forbidden(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// U+202A–U+202E and U+2066–U+2069: they reorder the characters an editor or a terminal shows.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `U+001B (ESC)`: the code point and, for the characters people meet, its short name.
pub(crate) fn describe(c: char) -> String {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF",
        "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
        "SUB", "ESC", "FS", "GS", "RS", "US",
    ];
    const BIDI: [(char, &str); 9] = [
        ('\u{202A}', "left-to-right embedding"),
        ('\u{202B}', "right-to-left embedding"),
        ('\u{202C}', "pop directional formatting"),
        ('\u{202D}', "left-to-right override"),
        ('\u{202E}', "right-to-left override"),
        ('\u{2066}', "left-to-right isolate"),
        ('\u{2067}', "right-to-left isolate"),
        ('\u{2068}', "first strong isolate"),
        ('\u{2069}', "pop directional isolate"),
    ];
    let name = match c {
        c if (c as u32) < 0x20 => Some(C0[c as usize]),
        '\u{7f}' => Some("DEL"),
        c => BIDI.iter().find(|(b, _)| *b == c).map(|(_, n)| *n),
    };
    match name {
        Some(name) => format!("U+{:04X} ({name})", c as u32),
        None => format!("U+{:04X}", c as u32),
    }
}

/// What kind of character it is, for a message: `control character` or `bidirectional control`.
pub(crate) fn kind_of(c: char) -> &'static str {
    if is_bidi_control(c) {
        "bidirectional control character"
    } else {
        "control character"
    }
}

/// How a character of a scalar's value was written.
pub(crate) enum Written {
    /// As itself, at this span.
    Raw(Span),
    /// As a double-quoted escape such as `\e` or `\u202E`, at this span.
    Escape(Span),
    /// Not found (a line break a folded scalar made): the scalar's span.
    Scalar(Span),
}

/// Where a character of a scalar's value was written: the character itself, or the first
/// double-quoted escape that writes it, or else the whole scalar.
pub(crate) fn locate(file: &SourceFile, scalar: Span, c: char) -> Written {
    let end = (scalar.offset + scalar.len).min(file.text.len());
    let source = file.text.get(scalar.offset..end).unwrap_or("");
    let at = |i: usize, len: usize| Span {
        offset: scalar.offset + i,
        len,
    };
    if let Some(i) = source.find(c) {
        return Written::Raw(at(i, c.len_utf8()));
    }
    if source.starts_with('"') {
        let mut rest = source.char_indices().skip(1);
        while let Some((i, ch)) = rest.next() {
            if ch != '\\' {
                continue;
            }
            let escape = &source[i..];
            if let Some((written, len)) = unescape(escape)
                && written == c
            {
                return Written::Escape(at(i, len));
            }
            // Skip the escaped character, so `\\e` is not read as `\e`.
            rest.next();
        }
    }
    Written::Scalar(scalar)
}

/// The character a YAML double-quoted escape at the start of `s` (`\e`, `\x1b`, `\u202E`)
/// writes, and the escape's length in bytes.
fn unescape(s: &str) -> Option<(char, usize)> {
    let letter = s[1..].chars().next()?;
    let hex = |digits: usize| {
        let code = s.get(2..2 + digits)?;
        let c = char::from_u32(u32::from_str_radix(code, 16).ok()?)?;
        Some((c, 2 + digits))
    };
    let simple = match letter {
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        't' => '\t',
        'n' => '\n',
        'v' => '\u{b}',
        'f' => '\u{c}',
        'r' => '\r',
        'e' => '\u{1b}',
        'N' => '\u{85}',
        'x' => return hex(2),
        'u' => return hex(4),
        'U' => return hex(8),
        _ => return None,
    };
    Some((simple, 2))
}

/// The diagnostic for a text that holds a character it may not, or is too long.
pub(crate) fn problem(
    file: &Arc<SourceFile>,
    scalar: Span,
    what: &dyn std::fmt::Display,
    kind: Text,
    problem: &Problem,
) -> Diagnostic {
    match *problem {
        Problem::Character { c, .. } => bad_character(file, scalar, what, c),
        Problem::TooLong { chars } => too_long(file, scalar, what, kind, chars),
    }
}

/// At the character itself, or at the double-quoted escape that writes it.
fn bad_character(
    file: &Arc<SourceFile>,
    scalar: Span,
    what: &dyn std::fmt::Display,
    c: char,
) -> Diagnostic {
    let name = describe(c);
    let (span, escape) = match locate(file, scalar, c) {
        Written::Raw(span) | Written::Scalar(span) => (span, None),
        Written::Escape(span) => (span, file.text.get(span.offset..span.offset + span.len)),
    };
    let (_, column) = file.line_col(span.offset);
    let message = match c {
        '\n' => format!("{what} holds a line break"),
        '\t' => format!("{what} holds a tab"),
        c => format!("{what} holds the {} {name}", kind_of(c)),
    };
    let d = Diagnostic::error(file, Some(span), message);
    match (c, escape) {
        ('\n', _) => d.hint(
            "write it on one line; longer text belongs in a `description`, which may break lines",
        ),
        ('\t', _) => d.hint(format!("replace the tab at column {column} with a space")),
        (_, Some(escape)) => d.hint(format!(
            "remove the escape `{escape}` at column {column}, which writes it"
        )),
        (c, None) => d.hint(format!(
            "remove the {} {name} at column {column}; it is invisible in most editors",
            kind_of(c)
        )),
    }
}

/// At the scalar's first character, naming the cap.
fn too_long(
    file: &Arc<SourceFile>,
    scalar: Span,
    what: &dyn std::fmt::Display,
    kind: Text,
    chars: usize,
) -> Diagnostic {
    let cap = kind.cap();
    let first = file
        .text
        .get(scalar.offset..)
        .and_then(|t| t.chars().next());
    let start = Span {
        offset: scalar.offset,
        len: first.map_or(0, char::len_utf8),
    };
    let d = Diagnostic::error(
        file,
        Some(start),
        format!(
            "{what} is {} characters long, over the limit of {}",
            crate::words::thousands(chars),
            crate::words::thousands(cap)
        ),
    );
    match kind {
        Text::Id => d.hint(format!(
            "shorten it to at most {} characters; the name can be longer",
            crate::words::thousands(cap)
        )),
        Text::Name => d.hint(format!(
            "shorten it to at most {} characters; longer text belongs in a `description` (up to {} characters)",
            crate::words::thousands(cap),
            crate::words::thousands(Text::Description.cap())
        )),
        Text::Description | Text::Prose => d.hint(format!(
            "shorten it to at most {} characters; keep longer documents outside the profile and name them here",
            crate::words::thousands(cap)
        )),
    }
}

/// Every string of a model's tree (keys too) checked as text: a value under `id` as an id, under
/// `name` as a name, anything else as prose (a note or an action's text may break lines).
pub(crate) fn check_model(file: &Arc<SourceFile>, root: &Node<'_>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    walk(file, root, Text::Prose, "a text of the model", &mut found);
    found
}

fn walk(
    file: &Arc<SourceFile>,
    node: &Node<'_>,
    kind: Text,
    what: &str,
    found: &mut Vec<Diagnostic>,
) {
    match &node.kind {
        NodeKind::Str(s) => {
            if let Some(p) = check(s, kind) {
                found.push(problem(file, node.span, &what, kind, &p));
            }
        }
        NodeKind::Seq(items) => {
            for item in items {
                walk(file, item, Text::Prose, what, found);
            }
        }
        NodeKind::Map(entries) => {
            for (key, value) in entries {
                walk(file, key, Text::Name, "a key of the model", found);
                let (kind, what) = match &key.kind {
                    NodeKind::Str(k) if k == "id" => (Text::Id, "an `id` of the model"),
                    NodeKind::Str(k) if k == "name" => (Text::Name, "a `name` of the model"),
                    _ => (Text::Prose, "a text of the model"),
                };
                walk(file, value, kind, what, found);
            }
        }
        NodeKind::Null | NodeKind::Bool(_) | NodeKind::Int(_) | NodeKind::Float => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_control_characters_except_breaks_in_descriptions() {
        assert_eq!(check("Café", Text::Name), None);
        assert_eq!(
            check("a\u{1b}[2J", Text::Name),
            Some(Problem::Character { at: 1, c: '\u{1b}' })
        );
        assert_eq!(
            check("two\nlines", Text::Name),
            Some(Problem::Character { at: 3, c: '\n' })
        );
        assert_eq!(check("two\nlines\tand a tab", Text::Description), None);
        assert_eq!(
            check("ok\r\n", Text::Description),
            Some(Problem::Character { at: 2, c: '\r' })
        );
        assert_eq!(
            check("x\u{202e}y", Text::Description),
            Some(Problem::Character {
                at: 1,
                c: '\u{202e}'
            })
        );
    }

    #[test]
    fn caps_length_in_characters() {
        assert_eq!(check(&"é".repeat(200), Text::Name), None);
        assert_eq!(
            check(&"a".repeat(201), Text::Name),
            Some(Problem::TooLong { chars: 201 })
        );
        assert_eq!(
            check(&"a".repeat(65), Text::Id),
            Some(Problem::TooLong { chars: 65 })
        );
        assert_eq!(check(&"a".repeat(2_000), Text::Description), None);
    }

    #[test]
    fn finds_where_a_character_was_written() {
        let file = SourceFile::new("t.yaml", "a: \"x\\\\e \\e \\u202E\"\nb: \u{202e}\n");
        let scalar = Span { offset: 3, len: 18 };
        assert!(
            matches!(locate(&file, scalar, '\u{1b}'), Written::Escape(s) if s == Span { offset: 9, len: 2 })
        );
        assert!(
            matches!(locate(&file, scalar, '\u{202e}'), Written::Escape(s) if s == Span { offset: 12, len: 6 })
        );
        let raw = Span { offset: 23, len: 3 };
        assert!(matches!(locate(&file, raw, '\u{202e}'), Written::Raw(s) if s == raw));
    }

    #[test]
    fn names_the_characters_people_meet() {
        assert_eq!(describe('\u{1b}'), "U+001B (ESC)");
        assert_eq!(describe('\u{0}'), "U+0000 (NUL)");
        assert_eq!(describe('\u{202e}'), "U+202E (right-to-left override)");
        assert_eq!(describe('\u{85}'), "U+0085");
    }
}
