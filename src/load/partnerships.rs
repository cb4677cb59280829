//! Partnerships of a profile: `between` or `from`/`to`, their kind and ratings, and duplicates.

use super::decode::Fields;
use super::profile::ProfileReader;
use super::yaml::{Node, NodeKind};
use crate::diag::Span;
use crate::model::city::{Formality, Partnership};
use crate::model::ids::{ActorId, LinkKind};

const PARTNERSHIP: &[&str] = &[
    "between",
    "from",
    "to",
    "kind",
    "formal",
    "warm_handover",
    "since",
    "per_year",
    "trust",
    "value",
];

impl ProfileReader<'_> {
    pub(super) fn partnership(&mut self, node: &Node) -> Option<Partnership> {
        let f = self.dec.fields(node, "a partnership", PARTNERSHIP)?;
        self.dec.require(&f, &["kind"]);
        let ends = self.partnership_ends(&f);
        let kind = f
            .get("kind")
            .and_then(|n| self.dec.choice(n, "partnership kind", &self.link_kinds));
        let formal = match f.get("formal") {
            Some(n) => self.formality(n),
            None => Some(Formality::Informal),
        };
        let warm_handover = self.dec.flag(&f, "warm_handover", "`warm_handover`");
        if let (Some(kind), Some(n)) = (&kind, f.get("warm_handover"))
            && kind != "referral"
        {
            let d = self.dec.error(
                n.span,
                format!("`warm_handover` applies only to referrals, not `{kind}`"),
            );
            d.hints
                .push("remove it, or make the partnership `kind: referral`".into());
        }
        let since = f.get("since").and_then(|n| self.dec.date(n, "`since`"));
        let per_year = f.get("per_year").and_then(|n| self.count(n, "`per_year`"));
        let trust = f.get("trust").and_then(|n| self.rating(n, "`trust`"));
        let value = f.get("value").and_then(|n| self.rating(n, "`value`"));
        let (a, b, directed) = ends?;
        let kind = kind?;
        self.check_duplicate_pair(&a, &b, directed, &kind, f.span);
        Some(Partnership {
            a: ActorId(a),
            b: ActorId(b),
            directed,
            kind: LinkKind(kind),
            formal: formal?,
            warm_handover,
            since,
            per_year,
            trust,
            value,
        })
    }

    /// `formal: true | false | unknown`.
    fn formality(&mut self, node: &Node) -> Option<Formality> {
        match &node.kind {
            NodeKind::Bool(true) => Some(Formality::Formal),
            NodeKind::Bool(false) => Some(Formality::Informal),
            NodeKind::Str(s) if s == "unknown" => Some(Formality::Unknown),
            NodeKind::Str(s) => {
                let d = self
                    .dec
                    .error(node.span, format!("unknown value `{s}` for `formal`"));
                d.hints
                    .push("`formal` is `true`, `false` or `unknown`".into());
                None
            }
            _ => {
                self.dec
                    .wrong_type(node, "`formal`", "`true`, `false` or `unknown`");
                None
            }
        }
    }

    /// Reads `between: [a, b]` or `from`/`to`, never both.
    fn partnership_ends(&mut self, f: &Fields<'_>) -> Option<(String, String, bool)> {
        let between = f.get("between");
        let directed = f.has("from") || f.has("to");
        if between.is_some() && directed {
            let d = self.dec.error(
                f.key_span("between"),
                "a partnership has `between` and `from`/`to`",
            );
            d.hints.push("use `between: [a, b]` for a two-way partnership, or `from` and `to` for referrals from one to the other, not both".into());
            return None;
        }
        let (a, b) = if let Some(node) = between {
            let items = self.dec.list(node, "`between`")?;
            if items.len() != 2 {
                let d = self
                    .dec
                    .error(node.span, format!("`between` names {} actors", items.len()));
                d.hints
                    .push("a partnership is between exactly two actors: `between: [a, b]`".into());
                return None;
            }
            (
                self.actor_ref(&items[0], "between"),
                self.actor_ref(&items[1], "between"),
            )
        } else if directed {
            self.dec.require(f, &["from", "to"]);
            (
                f.get("from").and_then(|n| self.actor_ref(n, "from")),
                f.get("to").and_then(|n| self.actor_ref(n, "to")),
            )
        } else {
            let d = self.dec.error(f.span, "a partnership names no actors");
            d.hints
                .push("write `between: [a, b]`, or `from: a` and `to: b`".into());
            return None;
        };
        let (a, b) = (a?, b?);
        if a == b {
            let d = self
                .dec
                .error(f.span, format!("`{a}` partners with itself"));
            d.hints
                .push("a partnership joins two different actors".into());
            return None;
        }
        Some((a.0, b.0, directed))
    }

    /// The same pair and kind twice is an error; a two-way partnership covers both directions.
    fn check_duplicate_pair(&mut self, a: &str, b: &str, directed: bool, kind: &str, span: Span) {
        // Keys are `a NUL b NUL kind` (ids never hold NUL): one string per direction, and
        // lookups through a reused buffer allocate nothing.
        let key = |buf: &mut String, x: &str, y: &str| {
            buf.clear();
            for part in [x, "\0", y, "\0", kind] {
                buf.push_str(part);
            }
        };
        let mut buf = std::mem::take(&mut self.pair_key);
        key(&mut buf, a, b);
        let mut first = self.pairs.get(buf.as_str()).copied();
        if first.is_none() {
            key(&mut buf, b, a);
            // A directed partnership clashes with the reverse one only if either is two-way.
            first = self
                .pairs
                .get(buf.as_str())
                .copied()
                .filter(|(_, two_way)| !directed || *two_way);
        }
        if let Some((first, _)) = first {
            let d = self.dec.error(
                span,
                format!("duplicate partnership: `{a}` and `{b}`, `{kind}`"),
            );
            d.related = Some((first, "first written here".into()));
            d.hints
                .push("the same pair and kind may appear once: merge the two entries".into());
        } else {
            key(&mut buf, a, b);
            self.pairs.insert(buf.clone(), (span, !directed));
            if !directed {
                key(&mut buf, b, a);
                self.pairs.insert(buf.clone(), (span, true));
            }
        }
        self.pair_key = buf;
    }
}
