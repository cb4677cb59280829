//! The edits of one profile text: values replaced, `key: value` lines inserted or removed in a
//! block or flow mapping, entries appended to a top-level list; applied together, in order.

use super::{Entry, Field, end_of, end_of_null, line_start, next_line, top};
use crate::load::yaml::{Node, NodeKind};
use std::ops::Range;

/// Edits of one text, applied together by [`Editor::finish`].
pub(crate) struct Editor<'t> {
    text: &'t str,
    edits: Vec<(Range<usize>, String)>,
    newline: &'static str,
}

impl<'t> Editor<'t> {
    /// No edits yet of `text`; new lines end as its lines do (`\r\n` or `\n`).
    pub(crate) fn new(text: &'t str) -> Self {
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        Editor {
            text,
            edits: Vec::new(),
            newline,
        }
    }

    /// Whether any edit was made.
    pub(crate) fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// Sets `key` of `entry` to `value` (YAML as it should be written), inserting the key when
    /// the entry lacks it, or removes the key when `value` is `None`. Returns whether the text
    /// changes.
    pub(crate) fn set(&mut self, entry: &Entry, key: &str, value: Option<&str>) -> bool {
        match (entry.get(key), value) {
            (Some(f), Some(v)) => {
                if self.text[f.value.clone()] == *v {
                    return false;
                }
                let v = if f.implicit {
                    format!(" {v}")
                } else {
                    v.to_owned()
                };
                self.edits.push((f.value.clone(), v));
            }
            (Some(f), None) => {
                let range = self.removal(entry, f);
                self.edits.push((range, String::new()));
            }
            (None, Some(v)) if entry.flow => {
                let (at, text) = match entry.fields.last() {
                    Some(last) => (last.value.end, format!(", {key}: {v}")),
                    None => (entry.close, format!("{key}: {v}")),
                };
                self.edits.push((at..at, text));
            }
            (None, Some(v)) => {
                let last_end = entry.fields.last().map_or(0, |f| f.value.end);
                let at = next_line(self.text, last_end);
                let lead = if at == self.text.len() && !self.text.ends_with('\n') {
                    self.newline
                } else {
                    ""
                };
                let line = format!(
                    "{lead}{}{key}: {v}{}",
                    " ".repeat(entry.indent),
                    self.newline
                );
                self.edits.push((at..at, line));
            }
            (None, None) => return false,
        }
        true
    }

    /// The bytes to remove for a field: its whole line when it has one of its own, else up to
    /// the next key (the first key after a `- `), or from the previous value in a flow mapping.
    fn removal(&self, entry: &Entry, f: &Field) -> Range<usize> {
        let index = entry
            .fields
            .iter()
            .position(|x| x.key_start == f.key_start)
            .unwrap_or(0);
        if entry.flow {
            return match (index.checked_sub(1), entry.fields.get(index + 1)) {
                (Some(prev), _) => entry.fields[prev].value.end..f.value.end,
                (None, Some(next)) => f.key_start..next.key_start,
                (None, None) => f.key_start..f.value.end,
            };
        }
        let start = line_start(self.text, f.key_start);
        if self.text[start..f.key_start].trim().is_empty() {
            let end = next_line(self.text, f.value.end);
            // The last line, without a line break: its line break before goes with it.
            if end == self.text.len() && !self.text.ends_with('\n') && start > 0 {
                return start - 1..end;
            }
            return start..end;
        }
        match entry.fields.get(index + 1) {
            Some(next) => f.key_start..next.key_start,
            None => f.key_start..f.value.end,
        }
    }

    /// Appends entries, each a list of `key: value` (YAML as written), to the top-level list
    /// `key` of the profile whose tree is `root`, adding the list at the end when it is absent.
    pub(crate) fn append(&mut self, root: &Node<'_>, key: &str, items: &[Vec<(&str, String)>]) {
        if items.is_empty() {
            return;
        }
        let nl = self.newline;
        let block = |dash: usize| -> String {
            let pad = " ".repeat(dash);
            items
                .iter()
                .map(|fields| {
                    fields
                        .iter()
                        .enumerate()
                        .map(|(i, (k, v))| {
                            let head = if i == 0 { "- " } else { "  " };
                            format!("{pad}{head}{k}: {v}{nl}")
                        })
                        .collect::<String>()
                })
                .collect()
        };
        let Some(list) = top(root, key) else {
            let lead = if self.text.is_empty() || self.text.ends_with('\n') {
                ""
            } else {
                nl
            };
            let at = self.text.len();
            self.edits
                .push((at..at, format!("{lead}{key}:{nl}{}", block(2))));
            return;
        };
        let start = list.span.offset.min(self.text.len());
        match &list.kind {
            NodeKind::Seq(existing) if self.text.as_bytes().get(start) == Some(&b'[') => {
                let flow: Vec<String> = items
                    .iter()
                    .map(|fields| {
                        let inner: Vec<String> =
                            fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
                        format!("{{{}}}", inner.join(", "))
                    })
                    .collect();
                let (at, text) = match existing.last() {
                    Some(last) => (end_of(self.text, last), format!(", {}", flow.join(", "))),
                    None => (start + 1, flow.join(", ")),
                };
                self.edits.push((at..at, text));
            }
            NodeKind::Seq(existing) => {
                let first = existing.first().map_or(start, |n| n.span.offset);
                let line = line_start(self.text, first);
                let dash = self.text[line..first].find('-').unwrap_or(0);
                let at = next_line(self.text, end_of(self.text, list));
                let lead = if at == self.text.len() && !self.text.ends_with('\n') {
                    nl
                } else {
                    ""
                };
                self.edits.push((at..at, format!("{lead}{}", block(dash))));
            }
            _ => {
                // `actions:` with nothing, `~` or `null`: the list goes on the next lines.
                let null_end = end_of_null(self.text, list);
                if null_end > start {
                    let blank = self.text[..start].trim_end_matches([' ', '\t']).len();
                    self.edits.push((blank..null_end, String::new()));
                }
                let at = next_line(self.text, start.max(null_end));
                let lead = if at == self.text.len() && !self.text.ends_with('\n') {
                    nl
                } else {
                    ""
                };
                self.edits.push((at..at, format!("{lead}{}", block(2))));
            }
        }
    }

    /// The edited text.
    pub(crate) fn finish(mut self) -> String {
        self.edits.sort_by_key(|(range, _)| range.start);
        let mut out = String::with_capacity(self.text.len() + 256);
        let mut at = 0;
        for (range, text) in self.edits {
            let start = range.start.max(at);
            out.push_str(&self.text[at..start]);
            out.push_str(&text);
            at = range.end.max(start);
        }
        out.push_str(&self.text[at..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceFile;
    use crate::load::yaml::parse;

    /// Applies `change` to the first item of the top-level list `list` of `text`.
    fn edit(text: &str, list: &str, change: impl Fn(&mut Editor<'_>, &Entry)) -> String {
        let file = SourceFile::new("t.yaml", text);
        let root = parse(&file).expect("parses");
        let Some(NodeKind::Seq(items)) = top(&root, list).map(|n| &n.kind) else {
            panic!("a list")
        };
        let entry = Entry::of(text, &items[0]).expect("a mapping");
        let mut editor = Editor::new(text);
        change(&mut editor, &entry);
        editor.finish()
    }

    #[test]
    fn replaces_inserts_and_removes_in_a_block_mapping() {
        let text = "p:\n  # the pair\n  - between: [a, b]   # first\n    kind: referral\n    trust: 2 # asked in May\n    value: \"3\"\n  - between: [a, c]\n";
        let out = edit(text, "p", |e, entry| {
            assert!(e.set(entry, "trust", Some("3")));
            assert!(e.set(entry, "value", None));
            assert!(e.set(entry, "per_year", Some("4")));
            assert!(!e.set(entry, "kind", Some("referral")));
        });
        assert_eq!(
            out,
            "p:\n  # the pair\n  - between: [a, b]   # first\n    kind: referral\n    trust: 3 # asked in May\n    per_year: 4\n  - between: [a, c]\n"
        );
    }

    #[test]
    fn edits_a_flow_mapping_and_a_last_line_without_newline() {
        let text = "p:\n  - { between: [a, b], kind: referral }\n  - between: [a, c]\n    kind: x";
        let out = edit(text, "p", |e, entry| {
            e.set(entry, "trust", Some("4"));
        });
        assert_eq!(
            out,
            "p:\n  - { between: [a, b], kind: referral, trust: 4 }\n  - between: [a, c]\n    kind: x"
        );
        let file = SourceFile::new("t.yaml", text);
        let root = parse(&file).expect("parses");
        let Some(NodeKind::Seq(items)) = top(&root, "p").map(|n| &n.kind) else {
            panic!("a list")
        };
        let entry = Entry::of(text, &items[1]).expect("a mapping");
        let mut e = Editor::new(text);
        e.set(&entry, "kind", None);
        e.set(&entry, "trust", Some("1"));
        assert_eq!(
            e.finish(),
            "p:\n  - { between: [a, b], kind: referral }\n  - between: [a, c]\n    trust: 1\n"
        );
    }

    #[test]
    fn replaces_quoted_block_and_left_out_values() {
        let text = "a:\n  - id: x\n    note: 'it''s'\n    owner:\n    due: ~\n    more: |\n      line one\n      line two\n    last: 1\n";
        let out = edit(text, "a", |e, entry| {
            e.set(entry, "note", Some("\"new\""));
            e.set(entry, "owner", Some("quay"));
            e.set(entry, "due", Some("2027-01-31"));
            e.set(entry, "more", Some("short"));
        });
        assert_eq!(
            out,
            "a:\n  - id: x\n    note: \"new\"\n    owner: quay\n    due: 2027-01-31\n    more: short\n    last: 1\n"
        );
    }

    #[test]
    fn appends_to_a_list_or_adds_it() {
        let items = vec![vec![("id", "x".to_owned()), ("status", "done".to_owned())]];
        let cases = [
            ("a: 1\n", "a: 1\nactions:\n  - id: x\n    status: done\n"),
            ("a: 1", "a: 1\nactions:\n  - id: x\n    status: done\n"),
            (
                "actions:\n- id: y  # kept\n  status: agreed\n# end\n",
                "actions:\n- id: y  # kept\n  status: agreed\n- id: x\n  status: done\n# end\n",
            ),
            ("actions: []\n", "actions: [{id: x, status: done}]\n"),
            (
                "actions: [{id: y, status: agreed}]\n",
                "actions: [{id: y, status: agreed}, {id: x, status: done}]\n",
            ),
            (
                "actions:\nb: 2\n",
                "actions:\n  - id: x\n    status: done\nb: 2\n",
            ),
            ("actions: ~\n", "actions:\n  - id: x\n    status: done\n"),
        ];
        for (text, expected) in cases {
            let file = SourceFile::new("t.yaml", text);
            let root = parse(&file).expect("parses");
            let mut e = Editor::new(text);
            e.append(&root, "actions", &items);
            assert_eq!(e.finish(), expected, "{text:?}");
        }
    }
}
