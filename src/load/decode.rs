//! Typed reads from a [`Node`] tree that record every problem instead of stopping at the first:
//! each read returns `None` on a problem and leaves a diagnostic with its span and hints.

use super::text::{self, Text};
use super::yaml::{Node, NodeKind};
use crate::diag::{Diagnostic, SourceFile, Span};
use crate::model::Date;
use crate::model::ids::{is_slug, slugify};
use std::sync::Arc;

/// Collects diagnostics for one file while its nodes are read.
pub(crate) struct Decoder {
    /// The file being read.
    pub file: Arc<SourceFile>,
    /// Every problem found so far.
    pub diagnostics: Vec<Diagnostic>,
}

/// The fields of a mapping, checked against the names a place accepts.
pub(crate) struct Fields<'n> {
    /// Where the mapping starts.
    pub span: Span,
    what: &'static str,
    entries: Vec<(&'static str, &'n Node<'n>, &'n Node<'n>)>,
}

impl<'n> Fields<'n> {
    /// The value of a field, when present.
    pub(crate) fn get(&self, name: &str) -> Option<&'n Node<'n>> {
        self.entries
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, _, v)| *v)
    }

    /// The span of a field's key, or of the mapping when the field is absent.
    pub(crate) fn key_span(&self, name: &str) -> Span {
        self.entries
            .iter()
            .find(|(n, _, _)| *n == name)
            .map_or(self.span, |(_, k, _)| k.span)
    }

    /// Whether the field is present.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
}

impl Decoder {
    /// A decoder for `file`.
    pub(crate) fn new(file: &Arc<SourceFile>) -> Self {
        Decoder {
            file: Arc::clone(file),
            diagnostics: Vec::new(),
        }
    }

    /// Records an error and returns it for hints to be added.
    pub(crate) fn error(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        self.diagnostics
            .push(Diagnostic::error(&self.file, Some(span), message));
        self.diagnostics
            .last_mut()
            .expect("an error was just pushed")
    }

    /// Reads a mapping whose keys must be among `known`; reports unknown and duplicate keys.
    pub(crate) fn fields<'n>(
        &mut self,
        node: &'n Node<'n>,
        what: &'static str,
        known: &'static [&'static str],
    ) -> Option<Fields<'n>> {
        let NodeKind::Map(entries) = &node.kind else {
            self.wrong_type(node, what, "a mapping");
            return None;
        };
        let mut fields = Fields {
            span: node.span,
            what,
            entries: Vec::with_capacity(entries.len()),
        };
        for (key, value) in entries {
            let NodeKind::Str(name) = &key.kind else {
                self.error(
                    key.span,
                    format!(
                        "a key of {what} must be a field name, found {}",
                        key.kind.describe()
                    ),
                );
                continue;
            };
            let Some(&known_name) = known.iter().find(|k| **k == name) else {
                let d = self.error(key.span, format!("unknown field `{name}` in {what}"));
                d.label = Some("not a field here".into());
                if let Some(near) = suggest(name, known.iter().copied()) {
                    d.hints.push(format!("did you mean `{near}`?"));
                }
                d.hints
                    .push(format!("the fields of {what} are: {}", known.join(", ")));
                continue;
            };
            if let Some((_, first, _)) = fields.entries.iter().find(|(n, _, _)| *n == known_name) {
                let first = first.span;
                let d = self.error(key.span, format!("duplicate key `{name}` in {what}"));
                d.related = Some((first, "first written here".into()));
                d.hints
                    .push("a key may appear once in a mapping: remove one of them".into());
                continue;
            }
            fields.entries.push((known_name, key, value));
        }
        Some(fields)
    }

    /// Reports each field in `names` that is missing.
    pub(crate) fn require(&mut self, fields: &Fields<'_>, names: &[&str]) {
        for name in names {
            if !fields.has(name) {
                let what = fields.what;
                self.error(fields.span, format!("missing field `{name}` in {what}"))
                    .label = Some(format!("{what} without `{name}`"));
            }
        }
    }

    /// Reports a value of the wrong type.
    pub(crate) fn wrong_type(&mut self, node: &Node, what: &str, expected: &str) {
        let found = node.kind.describe();
        let d = self.error(
            node.span,
            format!("expected {expected} for {what}, found {found}"),
        );
        if matches!(
            node.kind,
            NodeKind::Int(_) | NodeKind::Float | NodeKind::Bool(_)
        ) && expected.contains("string")
        {
            d.hints
                .push("put the value in quotes to make it a string".into());
        }
    }

    /// A one-line string (a name, a reference, a word): see [`Decoder::string_of`].
    pub(crate) fn string(&mut self, node: &Node, what: impl std::fmt::Display) -> Option<String> {
        self.string_of(node, what, Text::Name)
    }

    /// A string that is a text of `kind`: not empty, without a control or bidirectional
    /// character it may not hold, within its cap. Every string of a profile is read through
    /// here. `what` is formatted only when there is a problem to report, so a label built with
    /// `format_args!` costs nothing on the way through.
    pub(crate) fn string_of(
        &mut self,
        node: &Node,
        what: impl std::fmt::Display,
        kind: Text,
    ) -> Option<String> {
        match &node.kind {
            NodeKind::Str(s) if s.trim().is_empty() => {
                self.error(node.span, format!("{what} is empty"));
                None
            }
            NodeKind::Str(s) => match text::check(s, kind) {
                None => Some(s.to_string()),
                Some(problem) => {
                    let d = text::problem(&self.file, node.span, &what, kind, &problem);
                    self.diagnostics.push(d);
                    None
                }
            },
            _ => {
                self.wrong_type(node, &what.to_string(), "a string");
                None
            }
        }
    }

    /// An optional one-line string field.
    pub(crate) fn opt_string(
        &mut self,
        fields: &Fields<'_>,
        name: &str,
        what: &str,
    ) -> Option<String> {
        fields.get(name).and_then(|n| self.string(n, what))
    }

    /// An optional description or note: line breaks and tabs allowed, up to 2,000 characters.
    pub(crate) fn opt_description(
        &mut self,
        fields: &Fields<'_>,
        name: &str,
        what: &str,
    ) -> Option<String> {
        fields
            .get(name)
            .and_then(|n| self.string_of(n, what, Text::Description))
    }

    /// A slug: lowercase letters, digits and `-`, at most 64 characters.
    pub(crate) fn slug(&mut self, node: &Node, what: &str) -> Option<String> {
        let s = self.string_of(node, what, Text::Id)?;
        if is_slug(&s) {
            return Some(s);
        }
        let d = self.error(node.span, format!("`{s}` is not a valid {what}"));
        d.hints
            .push("ids are slugs: lowercase letters, digits and `-`".into());
        let suggestion = slugify(&s);
        if is_slug(&suggestion) {
            d.hints.push(format!("did you mean `{suggestion}`?"));
        }
        None
    }

    /// `true` or `false`.
    pub(crate) fn boolean(&mut self, node: &Node, what: &str) -> Option<bool> {
        if let NodeKind::Bool(b) = node.kind {
            return Some(b);
        }
        self.wrong_type(node, what, "`true` or `false`");
        None
    }

    /// An optional boolean field, `false` when absent.
    pub(crate) fn flag(&mut self, fields: &Fields<'_>, name: &str, what: &str) -> bool {
        fields
            .get(name)
            .and_then(|n| self.boolean(n, what))
            .unwrap_or(false)
    }

    /// A whole number within `min..=max`.
    pub(crate) fn integer(
        &mut self,
        node: &Node,
        what: &str,
        min: i128,
        max: i128,
    ) -> Option<i128> {
        let NodeKind::Int(i) = node.kind else {
            self.wrong_type(node, what, "a whole number");
            return None;
        };
        if (min..=max).contains(&i) {
            return Some(i);
        }
        let range = if max >= i128::from(u32::MAX) {
            format!("a whole number from {min}")
        } else {
            format!("between {min} and {max}")
        };
        self.error(node.span, format!("{what} must be {range}, found {i}"));
        None
    }

    /// A `YYYY-MM-DD` date.
    pub(crate) fn date(&mut self, node: &Node, what: &str) -> Option<Date> {
        let NodeKind::Str(s) = &node.kind else {
            self.wrong_type(node, what, "a date (`YYYY-MM-DD`)");
            return None;
        };
        let date = Date::parse(s);
        if date.is_none() {
            self.error(node.span, format!("`{s}` is not a valid date for {what}"))
                .hints
                .push("dates are written `YYYY-MM-DD`, e.g. `2026-09-01`, and must exist".into());
        }
        date
    }

    /// A list; `~` or nothing reads as an empty list.
    pub(crate) fn list<'n, 't>(
        &mut self,
        node: &'n Node<'t>,
        what: &str,
    ) -> Option<&'n [Node<'t>]> {
        match &node.kind {
            NodeKind::Seq(items) => Some(items),
            NodeKind::Null => Some(&[]),
            _ => {
                self.wrong_type(node, what, "a list");
                None
            }
        }
    }

    /// A value that must be one of `valid`; hints the nearest one and the full list.
    /// Reads one of the words of `table` and returns its value; an unknown word is reported
    /// with the nearest valid one and the list.
    pub(crate) fn word<T: Copy>(
        &mut self,
        node: &Node,
        what: &str,
        table: &[(T, &'static str)],
    ) -> Option<T> {
        let words: Vec<&str> = table.iter().map(|(_, w)| *w).collect();
        let word = self.choice(node, what, &words)?;
        table.iter().find(|(_, w)| *w == word).map(|(v, _)| *v)
    }

    pub(crate) fn choice(&mut self, node: &Node, what: &str, valid: &[&str]) -> Option<String> {
        let s = self.string(node, what)?;
        if valid.contains(&s.as_str()) {
            return Some(s);
        }
        self.unknown_value(node.span, &s, what, valid);
        None
    }

    /// Reports `value` as not one of `valid`, with the nearest and the full list.
    pub(crate) fn unknown_value(&mut self, span: Span, value: &str, what: &str, valid: &[&str]) {
        let d = self.error(span, format!("unknown {what} `{value}`"));
        if let Some(near) = suggest(value, valid.iter().copied()) {
            d.hints.push(format!("did you mean `{near}`?"));
        }
        d.hints.push(format!("valid values: {}", valid.join(", ")));
    }
}

/// The candidate nearest to `word`, when it is near enough to be a likely typo.
pub(crate) fn suggest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = word.to_lowercase().replace([' ', '-'], "_");
    candidates
        .into_iter()
        .map(|c| {
            let normalised = c.replace('-', "_");
            let distance = strsim::damerau_levenshtein(&word_lower, &normalised);
            (distance, c)
        })
        .filter(|(distance, c)| *distance <= (c.len().max(word.len()) / 3).max(2))
        .min_by_key(|(distance, c)| (*distance, *c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::suggest;

    #[test]
    fn suggests_the_nearest_plausible_name() {
        let sectors = ["recovery_community", "council", "community", "housing"];
        assert_eq!(
            suggest("recovery-comunity", sectors),
            Some("recovery_community")
        );
        assert_eq!(suggest("counsil", sectors), Some("council"));
        assert_eq!(suggest("Housing", sectors), Some("housing"));
        assert_eq!(suggest("zzzzzz", sectors), None);
    }
}
