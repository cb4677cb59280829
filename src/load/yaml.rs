//! YAML text to a tree of spanned nodes, with budgets that scale with the file's size.
//!
//! serde-saphyr's parser reads; this module keeps only a plain [`Node`] tree with byte spans, so
//! the decoders can report every problem of a file in one pass instead of stopping at the first
//! type error. Duplicate keys are kept and reported by the decoders, all at once.

use crate::diag::{Diagnostic, SourceFile, Span};
use rustc_hash::FxHashMap as HashMap;
use serde_saphyr::granit_parser::{self, Event, ScalarStyle};
use serde_saphyr::{Budget, Options};
use std::borrow::Cow;
use std::sync::Arc;

/// The largest profile or model file the engine reads, in bytes (32 MiB).
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// How deeply collections may nest. A profile needs five levels; this leaves room to spare.
pub const MAX_DEPTH: usize = 32;

/// A YAML value with the span it was written at.
#[derive(Clone, Debug)]
pub(crate) struct Node<'t> {
    /// The value.
    pub kind: NodeKind<'t>,
    /// Where it is (for an alias, where it is used).
    pub span: Span,
}

/// The shape of a YAML value. Text borrows from the file where the YAML holds it as written
/// (most plain scalars), so building the tree allocates little.
#[derive(Clone, Debug)]
pub(crate) enum NodeKind<'t> {
    /// `~`, `null` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer.
    Int(i128),
    /// A number with a fraction.
    Float,
    /// A string.
    Str(Cow<'t, str>),
    /// A sequence.
    Seq(Vec<Node<'t>>),
    /// A mapping, keys in file order, duplicates kept.
    Map(Vec<(Node<'t>, Node<'t>)>),
}

impl NodeKind<'_> {
    /// What the value is, for messages: "a string", "a list".
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            NodeKind::Null => "nothing",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Int(_) => "a number",
            NodeKind::Float => "a number",
            NodeKind::Str(_) => "a string",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }
}

/// The budget for a file of `bytes` bytes: generous for any hand-written file, and bounded by
/// the file's own size so an alias bomb cannot expand far beyond what was written.
pub(crate) fn budget_for(bytes: usize) -> Budget {
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.flow_nesting_limit = MAX_DEPTH;
    budget.max_nodes = 10_000 + bytes / 2;
    budget.max_events = 20_000 + bytes;
    budget.max_aliases = 1_000 + bytes / 64;
    budget.max_anchors = 1_000 + bytes / 64;
    budget.max_total_scalar_bytes = 65_536 + bytes * 2;
    budget.max_documents = 1;
    budget
}

/// Parser options for `file`: its budget, YAML 1.2 booleans only.
pub(crate) fn options_for(file: &SourceFile) -> Options {
    let mut options = Options::default();
    options.budget = Some(budget_for(file.text.len()));
    options.strict_booleans = true;
    options
}

/// Parses `file`'s text into a node tree, or the one diagnostic that stopped the parser.
///
/// The tree is built straight from the parser's events (serde-saphyr's own parser, re-exported as
/// `granit_parser`), with byte spans from the events: going through serde's `Spanned` values cost
/// three times as much and allocated a location map for every value. The budget of
/// [`budget_for`] is enforced here: nodes and scalar bytes count every copy an alias makes, so an
/// alias bomb stops at the first alias that would cross it.
pub(crate) fn parse(file: &Arc<SourceFile>) -> Result<Node<'_>, Box<Diagnostic>> {
    let budget = budget_for(file.text.len());
    let mut options = granit_parser::Options::default();
    options.block_nesting_limit = MAX_DEPTH;
    options.flow_nesting_limit = MAX_DEPTH;
    let parser = granit_parser::Parser::new_from_str_with_options(&file.text, options);
    let mut builder = TreeBuilder {
        budget,
        nodes: 0,
        scalar_bytes: 0,
        documents: 0,
        stack: Vec::new(),
        children: Vec::new(),
        anchors: HashMap::default(),
        root: None,
    };
    let invalid = |(at, message, hint): BuildError| {
        Box::new(Diagnostic::error(file, Some(at), format!("invalid YAML: {message}")).hint(hint))
    };
    for event in parser {
        let (event, span) = event.map_err(|e| invalid(scan_error(file, &e)))?;
        builder.event(event, span).map_err(invalid)?;
    }
    Ok(builder.root.unwrap_or(Node {
        kind: NodeKind::Null,
        span: Span::default(),
    }))
}

/// A problem found while building the tree: where, what, and a hint.
type BuildError = (Span, String, String);

/// An open collection: where it starts, and where its children begin on the builder's
/// `children` stack.
struct Open {
    map: bool,
    span: Span,
    anchor: usize,
    first: usize,
}

/// Builds a [`Node`] tree from parser events, within a budget.
struct TreeBuilder<'t> {
    budget: Budget,
    /// Nodes made so far, alias copies included.
    nodes: usize,
    /// Scalar bytes made so far, alias copies included.
    scalar_bytes: usize,
    documents: usize,
    stack: Vec<Open>,
    /// The finished children of every open collection, innermost last: a collection takes its
    /// own off the top when it closes, into a vector of exactly their number.
    children: Vec<Node<'t>>,
    /// Anchored nodes by anchor id, with their node and scalar-byte counts.
    anchors: HashMap<usize, (Node<'t>, usize, usize)>,
    root: Option<Node<'t>>,
}

impl<'t> TreeBuilder<'t> {
    fn event(&mut self, event: Event<'t>, span: granit_parser::Span) -> Result<(), BuildError> {
        let at = byte_span(&span);
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > self.budget.max_documents {
                    return Err((
                        at,
                        "the file holds more than one YAML document".into(),
                        "a profile is one document: remove the `---` line and what follows, or split the file".into(),
                    ));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                self.grow(1, text.len(), at)?;
                let kind = if style == ScalarStyle::Plain
                    && tag
                        .as_ref()
                        .is_none_or(|t| !t.is_yaml_core_schema_tag("str"))
                {
                    resolve_plain(text)
                } else {
                    NodeKind::Str(text)
                };
                self.add(Node { kind, span: at }, anchor, 1, 0);
            }
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                if self.stack.len() >= MAX_DEPTH {
                    let (message, hint) = too_deep();
                    return Err((at, message, hint));
                }
                self.grow(1, 0, at)?;
                self.stack.push(Open {
                    map: matches!(event, Event::MappingStart(..)),
                    span: at,
                    anchor,
                    first: self.children.len(),
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(open) = self.stack.pop() {
                    let kind = {
                        let mut items = self.children.drain(open.first..);
                        if open.map {
                            let mut entries = Vec::with_capacity(items.len() / 2);
                            while let (Some(key), Some(value)) = (items.next(), items.next()) {
                                entries.push((key, value));
                            }
                            NodeKind::Map(entries)
                        } else {
                            NodeKind::Seq(items.collect())
                        }
                    };
                    let node = Node {
                        kind,
                        span: open.span,
                    };
                    self.add(node, open.anchor, 0, 0);
                }
            }
            Event::Alias(id) => {
                let Some(&(_, nodes, bytes)) = self.anchors.get(&id) else {
                    return Err((
                        at,
                        "an alias to an unknown anchor".into(),
                        "define `&name` before using `*name`".into(),
                    ));
                };
                self.grow(nodes, bytes, at)?;
                let mut copy = self.anchors[&id].0.clone();
                copy.span = at;
                self.add(copy, 0, nodes, bytes);
            }
            _ => {}
        }
        Ok(())
    }

    /// Counts `nodes` and `bytes` more against the budget.
    fn grow(&mut self, nodes: usize, bytes: usize, at: Span) -> Result<(), BuildError> {
        self.nodes = self.nodes.saturating_add(nodes);
        self.scalar_bytes = self.scalar_bytes.saturating_add(bytes);
        let over = if self.nodes > self.budget.max_nodes {
            format!("more than {} values", self.budget.max_nodes)
        } else if self.scalar_bytes > self.budget.max_total_scalar_bytes {
            format!(
                "more than {} bytes of text",
                self.budget.max_total_scalar_bytes
            )
        } else {
            return Ok(());
        };
        Err((
            at,
            format!("the file expands far beyond its own size ({over})"),
            "aliases (`*name`) may not multiply the content: this looks like an alias bomb".into(),
        ))
    }

    /// Adds a finished node to the open collection (or makes it the root), remembering it
    /// under its anchor. `nodes` and `bytes` are its counts when it is an alias copy.
    fn add(&mut self, node: Node<'t>, anchor: usize, nodes: usize, bytes: usize) {
        if anchor != 0 {
            let (n, b) = if nodes == 0 {
                count(&node)
            } else {
                (nodes, bytes)
            };
            self.anchors.insert(anchor, (node.clone(), n, b));
        }
        if self.stack.is_empty() {
            self.root.get_or_insert(node);
        } else {
            self.children.push(node);
        }
    }
}

/// The number of nodes and scalar bytes in a tree.
fn count(node: &Node<'_>) -> (usize, usize) {
    match &node.kind {
        NodeKind::Str(s) => (1, s.len()),
        NodeKind::Seq(items) => items
            .iter()
            .map(count)
            .fold((1, 0), |a, b| (a.0 + b.0, a.1 + b.1)),
        NodeKind::Map(entries) => entries
            .iter()
            .flat_map(|(k, v)| [count(k), count(v)])
            .fold((1, 0), |a, b| (a.0 + b.0, a.1 + b.1)),
        _ => (1, 0),
    }
}

/// The span of an event, in bytes (a string input always has byte offsets).
fn byte_span(span: &granit_parser::Span) -> Span {
    let range = span.byte_range().unwrap_or(0..0);
    Span {
        offset: range.start,
        len: range.end.saturating_sub(range.start).max(1),
    }
}

/// A plain scalar by the YAML 1.2 core schema: null, a boolean, an integer, a float, or text.
fn resolve_plain(text: Cow<'_, str>) -> NodeKind<'_> {
    match text.as_ref() {
        "" | "~" | "null" | "Null" | "NULL" => return NodeKind::Null,
        "true" | "True" | "TRUE" => return NodeKind::Bool(true),
        "false" | "False" | "FALSE" => return NodeKind::Bool(false),
        _ => {}
    }
    let first = text.as_bytes()[0];
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return NodeKind::Str(text);
    }
    if let Some(i) = parse_int(&text) {
        return i;
    }
    if is_float(&text) {
        return NodeKind::Float;
    }
    NodeKind::Str(text)
}

/// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`; a decimal too large for i128 is a float.
fn parse_int(text: &str) -> Option<NodeKind<'static>> {
    let (radix, digits) = if let Some(d) = text.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = text.strip_prefix("0o") {
        (8, d)
    } else {
        let d = text.strip_prefix(['-', '+']).unwrap_or(text);
        if d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        return Some(text.parse::<i128>().map_or(NodeKind::Float, NodeKind::Int));
    };
    if digits.is_empty() || !digits.bytes().all(|b| (b as char).is_digit(radix)) {
        return None;
    }
    Some(i128::from_str_radix(digits, radix).map_or(NodeKind::Float, NodeKind::Int))
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, or `.inf` and `.nan` in their spellings.
fn is_float(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(text, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok =
        digits(whole) && digits(fraction) && (!whole.is_empty() || !fraction.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

/// The parser's error, where it stopped.
fn scan_error(file: &SourceFile, err: &granit_parser::ScanError) -> BuildError {
    let marker = err.marker();
    let offset = marker
        .byte_offset()
        .unwrap_or_else(|| file.offset_of(marker.line(), marker.col() + 1));
    let (message, hint) = explain(err.info().trim().trim_end_matches('.'));
    (Span { offset, len: 1 }, message, hint)
}

/// Rewords the parser's message for people, with a hint.
fn explain(message: &str) -> (String, String) {
    if message.contains("recursion limit") || message.contains("nesting limit") {
        return too_deep();
    }
    (
        message.to_owned(),
        "check the indentation and the quoting around this place".into(),
    )
}

/// Collections nested past [`MAX_DEPTH`], whether the parser or the tree builder finds it.
fn too_deep() -> (String, String) {
    (
        format!("collections nest deeper than {MAX_DEPTH} levels"),
        "a profile nests five levels at most: this file looks built to exhaust the parser".into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(text: &str) -> &'static str {
        resolve_plain(Cow::Borrowed(text)).describe()
    }

    fn with_tree(text: &str, check: impl FnOnce(&Node<'_>)) {
        let file = SourceFile::new("t.yaml", text);
        check(&parse(&file).expect("parses"));
    }

    #[test]
    fn plain_scalars_resolve_by_the_core_schema() {
        let cases = [
            ("", "nothing"),
            ("~", "nothing"),
            ("null", "nothing"),
            ("true", "a boolean"),
            ("False", "a boolean"),
            ("12", "a number"),
            ("-3", "a number"),
            ("0x1f", "a number"),
            ("0o17", "a number"),
            ("1.5", "a number"),
            ("-.5e3", "a number"),
            (".inf", "a number"),
            (".NaN", "a number"),
            ("1e", "a string"),
            ("0x", "a string"),
            ("1.2.3", "a string"),
            ("yes", "a string"),
            ("2026-07-01", "a string"),
            ("+", "a string"),
        ];
        for (text, kind) in cases {
            assert_eq!(kind_of(text), kind, "{text:?}");
        }
        assert!(matches!(resolve_plain("0x1f".into()), NodeKind::Int(31)));
        assert!(matches!(resolve_plain("-3".into()), NodeKind::Int(-3)));
        with_tree("'12'", |n| {
            assert!(matches!(&n.kind, NodeKind::Str(s) if s == "12"));
        });
        with_tree("!!str 12", |n| {
            assert!(matches!(&n.kind, NodeKind::Str(s) if s == "12"));
        });
    }

    #[test]
    fn spans_are_byte_ranges_of_the_values() {
        let text = "a: [1, été]\nb: {c: x}\n";
        with_tree(text, |root| {
            let NodeKind::Map(entries) = &root.kind else {
                panic!("a mapping")
            };
            let at = |n: &Node<'_>| &text[n.span.offset..n.span.offset + n.span.len];
            assert_eq!(at(&entries[0].0), "a");
            let NodeKind::Seq(items) = &entries[0].1.kind else {
                panic!("a list")
            };
            assert_eq!(entries[0].1.span.offset, 3);
            assert_eq!(at(&items[1]), "été");
            assert_eq!(entries[1].1.span.offset, 17);
        });
    }

    #[test]
    fn aliases_copy_within_the_budget() {
        with_tree("a: &x [1, 2]\nb: *x\n", |root| {
            let NodeKind::Map(entries) = &root.kind else {
                panic!("a mapping")
            };
            assert!(matches!(&entries[1].1.kind, NodeKind::Seq(items) if items.len() == 2));
            assert_eq!(entries[1].1.span.offset, 16);
        });
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x]\n");
        for i in 1..8 {
            bomb.push_str(&format!(
                "a{i}: &a{i} [{}]\n",
                vec![format!("*a{}", i - 1); 8].join(", ")
            ));
        }
        let file = SourceFile::new("t.yaml", bomb);
        let err = parse(&file).expect_err("a bomb");
        assert!(
            err.message.contains("expands far beyond"),
            "{}",
            err.message
        );
    }
}
