//! YAML text to a tree of spanned nodes, with budgets that scale with the file's size.
//!
//! serde-saphyr parses; this module keeps only a plain [`Node`] tree with byte spans, so the
//! decoders can report every problem of a file in one pass instead of stopping at the first
//! type error. Duplicate keys are passed through and reported by the decoders, all at once.

use crate::diag::{Diagnostic, SourceFile, Span};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Budget, DuplicateKeyPolicy, MessageFormatter, Options, Spanned};
use std::fmt;
use std::sync::Arc;

/// The largest profile or model file the engine reads, in bytes (32 MiB).
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// How deeply collections may nest. A profile needs five levels; this leaves room to spare.
pub const MAX_DEPTH: usize = 32;

/// A YAML value with the span it was written at.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    /// The value.
    pub kind: NodeKind,
    /// Where it is (for an alias, where it is used).
    pub span: Span,
}

/// The shape of a YAML value.
#[derive(Clone, Debug)]
pub(crate) enum NodeKind {
    /// `~`, `null` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer.
    Int(i128),
    /// A number with a fraction.
    Float,
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, keys in file order, duplicates kept.
    Map(Vec<(Node, Node)>),
}

impl NodeKind {
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
pub(crate) fn parse(file: &Arc<SourceFile>) -> Result<Node, Box<Diagnostic>> {
    let mut options = options_for(file);
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(&file.text, options) {
        Ok(root) => Ok(convert(file, root)),
        Err(err) => Err(Box::new(syntax_error(file, &err))),
    }
}

fn syntax_error(file: &Arc<SourceFile>, err: &serde_saphyr::Error) -> Diagnostic {
    let raw = serde_saphyr::DefaultMessageFormatter.format_message(err);
    let span = err
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| file.span_at(l.line() as usize, l.column() as usize, 1));
    let (message, hint) = explain(raw.trim().trim_end_matches('.'));
    Diagnostic::error(file, span, format!("invalid YAML: {message}")).hint(hint)
}

/// Rewords the parser's message for people, with a hint.
fn explain(message: &str) -> (String, String) {
    let Some(breach) = message.strip_prefix("budget breached: ") else {
        if message.contains("recursion limit") {
            return (
                format!("collections nest deeper than {MAX_DEPTH} levels"),
                "a profile nests five levels at most: this file looks built to exhaust the parser"
                    .into(),
            );
        }
        return (
            message.to_owned(),
            "check the indentation and the quoting around this place".into(),
        );
    };
    let kind = breach.split([' ', '{', '(']).next().unwrap_or(breach);
    match kind {
        "Documents" => (
            "the file holds more than one YAML document".into(),
            "a profile is one document: remove the `---` line and what follows, or split the file"
                .into(),
        ),
        "Depth" => (
            format!("collections nest deeper than {MAX_DEPTH} levels"),
            "a profile nests five levels at most: this file looks built to exhaust the parser"
                .into(),
        ),
        _ => (
            format!("the file expands far beyond its own size ({breach})"),
            "aliases (`*name`) may not multiply the content: this looks like an alias bomb".into(),
        ),
    }
}

fn convert(file: &SourceFile, node: Spanned<Raw>) -> Node {
    let location = node.referenced;
    let chars = usize::try_from(location.span().len()).unwrap_or(0).max(1);
    let span = if location.line() == 0 {
        Span::default()
    } else {
        file.span_at(location.line() as usize, location.column() as usize, chars)
    };
    let kind = match node.value {
        Raw::Null => NodeKind::Null,
        Raw::Bool(b) => NodeKind::Bool(b),
        Raw::Int(i) => NodeKind::Int(i),
        Raw::Float => NodeKind::Float,
        Raw::Str(s) => NodeKind::Str(s),
        Raw::Seq(items) => NodeKind::Seq(items.into_iter().map(|n| convert(file, n)).collect()),
        Raw::Map(entries) => NodeKind::Map(
            entries
                .into_iter()
                .map(|(k, v)| (convert(file, k), convert(file, v)))
                .collect(),
        ),
    };
    Node { kind, span }
}

/// What serde-saphyr gives: any YAML value, each child with its location.
enum Raw {
    Null,
    Bool(bool),
    Int(i128),
    Float,
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw::Int(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Raw, E> {
        Ok(i128::try_from(v).map_or(Raw::Float, Raw::Int))
    }
    fn visit_f64<E>(self, _fraction: f64) -> Result<Raw, E> {
        Ok(Raw::Float)
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<Raw, E> {
        Ok(Raw::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key()? {
            entries.push((key, map.next_value()?));
        }
        Ok(Raw::Map(entries))
    }
}
