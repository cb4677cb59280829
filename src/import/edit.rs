//! In-place edits of a profile's text. The importers change a few values of a file a person
//! wrote, so the file is never written again from the parsed values: the node tree of
//! `load::yaml` gives each key and value its byte span, and an [`Editor`] replaces a value,
//! inserts a `key: value` line (or `, key: value` in a flow mapping `{ ... }`), removes one, or
//! appends entries to a top-level list, touching nothing else: comments, blank lines, order,
//! quoting and indentation stay as they were.

use crate::load::yaml::{Node, NodeKind};
use std::ops::Range;

mod editor;

pub(crate) use editor::Editor;

/// One `key: value` of a mapping, as written.
#[derive(Debug)]
pub(crate) struct Field {
    /// The key.
    pub(crate) key: String,
    /// Where the key starts.
    key_start: usize,
    /// The value's bytes (empty right after the colon when the value is left out).
    value: Range<usize>,
    /// Whether the value is left out (`key:` and nothing), so a new one needs a space first.
    implicit: bool,
}

/// A mapping of the profile (a partnership, a tracked action) as written.
#[derive(Debug)]
pub(crate) struct Entry {
    flow: bool,
    fields: Vec<Field>,
    /// A block mapping: the column its keys start at; a flow one: where its `}` is.
    indent: usize,
    close: usize,
}

impl Entry {
    /// The mapping `node` of `text`; `None` when it is not a mapping.
    pub(crate) fn of(text: &str, node: &Node<'_>) -> Option<Entry> {
        let NodeKind::Map(pairs) = &node.kind else {
            return None;
        };
        let flow = text.as_bytes().get(node.span.offset) == Some(&b'{');
        let fields: Vec<Field> = pairs.iter().map(|(k, v)| field(text, k, v)).collect();
        let first = fields.first().map_or(node.span.offset, |f| f.key_start);
        let indent = first - line_start(text, first);
        let close = if flow {
            end_of(text, node).saturating_sub(1)
        } else {
            0
        };
        Some(Entry {
            flow,
            fields,
            indent,
            close,
        })
    }

    /// The field `key`.
    fn get(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// The field of a key and its value.
fn field(text: &str, key: &Node<'_>, value: &Node<'_>) -> Field {
    let key_text = match &key.kind {
        NodeKind::Str(s) => s.to_string(),
        _ => text[key.span.offset..scalar_end(text, key)].to_owned(),
    };
    let key_end = scalar_end(text, key);
    let explicit_null = ["~", "null", "Null", "NULL"]
        .iter()
        .find(|w| text[value.span.offset.min(text.len())..].starts_with(**w));
    let (range, implicit) = match (&value.kind, explicit_null) {
        (NodeKind::Null, Some(word)) => (value.span.offset..value.span.offset + word.len(), false),
        (NodeKind::Null, None) => {
            let colon = text[key_end..]
                .find(':')
                .map_or(key_end, |i| key_end + i + 1);
            (colon..colon, true)
        }
        _ => {
            // A block scalar's span starts at its text, after the `|` or `>` line.
            let colon = text[key_end..]
                .find(':')
                .map_or(key_end, |i| key_end + i + 1);
            let before = &text[colon.min(value.span.offset)..value.span.offset];
            let start = before
                .find(['|', '>'])
                .filter(|_| matches!(value.kind, NodeKind::Str(_)))
                .map_or(value.span.offset, |i| colon + i);
            (start..end_of(text, value), false)
        }
    };
    Field {
        key: key_text,
        key_start: key.span.offset,
        value: range,
        implicit,
    }
}

/// Where a scalar's text ends, without trailing blanks (a block scalar's span takes its last
/// line break).
fn scalar_end(text: &str, node: &Node<'_>) -> usize {
    let start = node.span.offset.min(text.len());
    let end = (node.span.offset + node.span.len).min(text.len());
    start + text[start..end].trim_end().len()
}

/// Where a value ends: a scalar's last character, a flow collection's closing bracket, a block
/// collection's last value.
fn end_of(text: &str, node: &Node<'_>) -> usize {
    let last = match &node.kind {
        NodeKind::Seq(items) => items.last().map(|n| end_of(text, n)),
        NodeKind::Map(pairs) => pairs.last().map(|(k, v)| match v.kind {
            NodeKind::Null => scalar_end(text, k).max(end_of_null(text, v)),
            _ => end_of(text, v),
        }),
        _ => return scalar_end(text, node),
    };
    let start = node.span.offset;
    if !matches!(text.as_bytes().get(start), Some(b'[' | b'{')) {
        return last.unwrap_or(start);
    }
    let bytes = text.as_bytes();
    let mut i = last.unwrap_or(start + 1);
    while i < bytes.len() {
        match bytes[i] {
            b']' | b'}' => return i + 1,
            b'#' => i = text[i..].find('\n').map_or(bytes.len(), |n| i + n),
            _ => i += 1,
        }
    }
    last.unwrap_or(start)
}

/// Where an explicit null (`~`, `null`) ends; an implicit one has no text.
fn end_of_null(text: &str, node: &Node<'_>) -> usize {
    let at = node.span.offset.min(text.len());
    ["~", "null", "Null", "NULL"]
        .iter()
        .find(|w| text[at..].starts_with(**w))
        .map_or(0, |w| at + w.len())
}

/// Where the line holding `at` starts.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Where the line after the one holding `at` starts (the text's end for the last line).
fn next_line(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// The value of a top-level key of the profile.
pub(crate) fn top<'a, 't>(root: &'a Node<'t>, key: &str) -> Option<&'a Node<'t>> {
    let NodeKind::Map(pairs) = &root.kind else {
        return None;
    };
    pairs
        .iter()
        .find(|(k, _)| matches!(&k.kind, NodeKind::Str(s) if s == key))
        .map(|(_, v)| v)
}

/// The value of `key` in a mapping node.
pub(crate) fn get<'a, 't>(node: &'a Node<'t>, key: &str) -> Option<&'a Node<'t>> {
    top(node, key)
}

/// The text of a string node.
pub(crate) fn text_of<'a>(node: &'a Node<'_>) -> Option<&'a str> {
    match &node.kind {
        NodeKind::Str(s) => Some(s),
        _ => None,
    }
}

/// A string as a YAML scalar: plain when it reads back as the same text, else double-quoted
/// (a JSON string is a valid YAML double-quoted scalar).
pub(crate) fn scalar(s: &str) -> String {
    let plain = s.chars().next().is_some_and(char::is_alphabetic)
        && s.trim_end() == s
        && s.chars()
            .all(|c| c.is_alphanumeric() || " .,;()/&'-".contains(c))
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain {
        s.to_owned()
    } else {
        serde_json::Value::String(s.to_owned()).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_would_not_read_back() {
        assert_eq!(
            scalar("MoU drafted with Harbour Outreach"),
            "MoU drafted with Harbour Outreach"
        );
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("see: minutes"), "\"see: minutes\"");
        assert_eq!(scalar("2027 review"), "\"2027 review\"");
        assert_eq!(scalar("a \"quote\"\nline"), "\"a \\\"quote\\\"\\nline\"");
    }
}
