//! Writing YAML safely: scalars quoted so that any text reads back exactly as it was (a name with
//! `:`, `#`, quotes, a leading `-`, `@`, `*`, `&`, `!`, `%`, `|`, `>`, or one that reads as
//! `yes`, `null` or a number), and a profile written as entries of fields with comments.
//! `import` writes whole profiles with it; other commands may use [`scalar`] for their own edits.

use std::borrow::Cow;
use std::fmt::Write as _;

/// A YAML scalar for `s`: plain when it is a word that cannot read as anything but itself
/// (`recovery_community`, `GB`), otherwise double-quoted with escapes, so it reads back as `s`.
pub fn scalar(s: &str) -> Cow<'_, str> {
    if is_plain_word(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(quoted(s))
    }
}

/// Words YAML 1.1 or 1.2 readers take for a boolean or null.
const RESERVED: &[&str] = &["null", "true", "false", "yes", "no", "on", "off", "y", "n"];

/// A letter, then letters, digits, `_` and `-`, and not a reserved word: no YAML reader takes it
/// for anything but a string.
fn is_plain_word(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !RESERVED.iter().any(|r| r.eq_ignore_ascii_case(s))
}

/// A double-quoted YAML scalar: `"` and `\` escaped, and every character YAML does not allow
/// unescaped (controls, DEL, C1 codes other than NEL, U+FFFE and U+FFFF) as `\x..` or `\u....`.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if printable(c) => out.push(c),
            c if (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// YAML 1.2's `c-printable`.
fn printable(c: char) -> bool {
    matches!(c as u32,
        0x20..=0x7E | 0x85 | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// A value in the written profile.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Text, quoted as [`scalar`] does.
    Text(String),
    /// A number, a boolean or a date already checked: written as it is.
    Plain(String),
    /// A flow list of values.
    List(Vec<Value>),
    /// A flow mapping, e.g. `{ source: lottery, until: 2027-03-31 }`.
    Map(Vec<(&'static str, Value)>),
}

impl Value {
    fn write(&self, out: &mut String) {
        match self {
            Value::Text(s) => out.push_str(&scalar(s)),
            Value::Plain(s) => out.push_str(s),
            Value::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Value::Map(fields) => {
                out.push_str("{ ");
                for (i, (key, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(key);
                    out.push_str(": ");
                    value.write(out);
                }
                out.push_str(" }");
            }
        }
    }
}

/// One entry of a list (an actor, a partnership): a comment line, then its fields in order.
#[derive(Clone, Debug, Default)]
pub struct Entry {
    /// Written as `# ...` above the entry, e.g. where it came from.
    pub comment: Option<String>,
    /// Field names and values, in the order written.
    pub fields: Vec<(&'static str, Value)>,
}

/// Writes `fields` as a block mapping indented by `indent` spaces.
pub fn write_fields(out: &mut String, indent: usize, fields: &[(&'static str, Value)]) {
    for (key, value) in fields {
        out.push_str(&" ".repeat(indent));
        out.push_str(key);
        out.push_str(": ");
        value.write(out);
        out.push('\n');
    }
}

/// Writes `key:` and the entries as a block list under it (`key: []` when there are none).
pub fn write_list(out: &mut String, indent: usize, key: &str, entries: &[Entry]) {
    let pad = " ".repeat(indent);
    if entries.is_empty() {
        let _ = writeln!(out, "{pad}{key}: []");
        return;
    }
    let _ = writeln!(out, "{pad}{key}:");
    for entry in entries {
        if let Some(comment) = &entry.comment {
            let _ = writeln!(out, "{pad}  # {}", comment_text(comment));
        }
        let mut fields = entry.fields.iter();
        if let Some((key, value)) = fields.next() {
            let _ = write!(out, "{pad}  - {key}: ");
            value.write(out);
            out.push('\n');
        }
        let rest: Vec<_> = fields.cloned().collect();
        write_fields(out, indent + 4, &rest);
    }
}

/// Text for a `#` comment: one line, no control characters.
pub fn comment_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn read_back(s: &str) -> String {
        let yaml = format!("k: {}\n", scalar(s));
        let map: BTreeMap<String, String> = serde_saphyr::from_str(&yaml)
            .unwrap_or_else(|e| panic!("`{yaml}` does not parse: {e}"));
        map["k"].clone()
    }

    #[test]
    fn awkward_names_round_trip() {
        for s in [
            "a: b",
            "# x",
            "it's",
            "say \"hi\"",
            "- item",
            "@home",
            "*star",
            "&anchor",
            "!tag",
            "%dir",
            "| pipe",
            "> fold",
            "yes",
            "no",
            "null",
            "No",
            "~",
            "true",
            "123",
            "1e3",
            "0x1f",
            ".inf",
            "2026-01-01",
            "",
            " lead",
            "trail ",
            "a\\b",
            "tab\there",
            "Café",
            "line\nbreak",
            "\u{7f}del",
            "\u{85}nel",
            "\u{feff}bom",
            "key: [x]",
            "{a}",
            "`b`",
        ] {
            assert_eq!(read_back(s), s, "{s:?}");
        }
    }

    #[test]
    fn plain_words_stay_plain() {
        assert_eq!(scalar("recovery_community"), "recovery_community");
        assert_eq!(scalar("GB"), "GB");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("old-town"), "old-town");
    }

    proptest! {
        #[test]
        fn any_text_reads_back_exactly(s in "\\PC*") {
            prop_assert_eq!(read_back(&s), s);
        }

        #[test]
        fn any_characters_read_back_exactly(s in any::<String>()) {
            prop_assert_eq!(read_back(&s), s);
        }
    }
}
