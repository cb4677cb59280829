//! The model file: YAML to a validated [`Model`]. The built-in model is embedded from
//! `models/inclusive-city.yaml`; `--model FILE` reads another with the same checks.
//!
//! The structure is read with serde (unknown fields and wrong types stop there, one at a time,
//! at their line); the cross-references are then checked all at once, each at its place.

use super::decode::suggest;
use super::yaml::{self, Node, NodeKind};
use super::{Loaded, ReadError, read_source};
use crate::diag::{Diagnostic, SourceFile, Span};
use crate::model::definition::{Citation, Derivation, Model, RuleKind};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The built-in model's YAML text.
pub const BUILTIN_MODEL_YAML: &str = include_str!("../../models/inclusive-city.yaml");

/// The placeholders an action template may use.
const PLACEHOLDERS: &[&str] = &["subject", "subjects", "evidence", "city", "board"];

/// The built-in model, parsed once.
pub fn builtin_model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let file = SourceFile::new("models/inclusive-city.yaml", BUILTIN_MODEL_YAML);
        parse_model(&file)
            .value
            .expect("the built-in model is valid: a test checks it")
    })
}

/// Reads and validates a model file.
pub fn load_model(path: &Path) -> Result<Loaded<Model>, ReadError> {
    Ok(match read_source(path)? {
        Ok(file) => parse_model(&file),
        Err(d) => Loaded {
            value: None,
            diagnostics: vec![*d],
        },
    })
}

/// Parses and validates a model's text.
pub fn parse_model(file: &Arc<SourceFile>) -> Loaded<Model> {
    let fail = |d| Loaded {
        value: None,
        diagnostics: vec![d],
    };
    let root = match yaml::parse(file) {
        Ok(root) => root,
        Err(d) => return fail(*d),
    };
    // A control character in a text is refused before serde reads the structure, so a name
    // that could upset a terminal is never printed in serde's own messages either.
    let texts = super::text::check_model(file, &root);
    if !texts.is_empty() {
        return Loaded {
            value: None,
            diagnostics: texts,
        };
    }
    let options = yaml::options_for(file);
    let model: Model = match serde_saphyr::from_str_with_options(&file.text, options) {
        Ok(model) => model,
        Err(err) => {
            use serde_saphyr::MessageFormatter;
            let message = serde_saphyr::DefaultMessageFormatter.format_message(&err);
            let span = err
                .location()
                .filter(|l| l.line() > 0)
                .map(|l| file.span_at(l.line() as usize, l.column() as usize, 1));
            return fail(Diagnostic::error(
                file,
                span,
                format!("invalid model: {message}"),
            ));
        }
    };
    let mut check = Check {
        file,
        root: &root,
        diagnostics: Vec::new(),
    };
    check.model(&model);
    let value = (!crate::diag::has_errors(&check.diagnostics)).then_some(model);
    Loaded {
        value,
        diagnostics: check.diagnostics,
    }
}

/// One step of a path into the model's YAML, to find where a value was written.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

struct Check<'a> {
    file: &'a Arc<SourceFile>,
    root: &'a Node<'a>,
    diagnostics: Vec<Diagnostic>,
}

impl Check<'_> {
    fn span(&self, path: &[Step<'_>]) -> Span {
        let mut node = self.root;
        for step in path {
            let next = match (step, &node.kind) {
                (Step::Key(k), NodeKind::Map(entries)) => entries
                    .iter()
                    .find(|(key, _)| matches!(&key.kind, NodeKind::Str(s) if s == *k))
                    .map(|(_, v)| v),
                (Step::Index(i), NodeKind::Seq(items)) => items.get(*i),
                _ => None,
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node.span
    }

    fn error(&mut self, path: &[Step<'_>], message: String, valid: &[&str], value: &str) {
        let mut d = Diagnostic::error(self.file, Some(self.span(path)), message);
        if let Some(near) = suggest(value, valid.iter().copied()) {
            d.hints.push(format!("did you mean `{near}`?"));
        }
        if !valid.is_empty() {
            d.hints.push(format!("valid values: {}", valid.join(", ")));
        }
        self.diagnostics.push(d);
    }

    /// Reports `value` unless it is in `valid`.
    fn known(&mut self, path: &[Step<'_>], what: &str, value: &str, valid: &[&str]) {
        if !valid.contains(&value) {
            self.error(path, format!("unknown {what} `{value}`"), valid, value);
        }
    }

    fn unique<'v>(&mut self, list: &str, ids: impl Iterator<Item = &'v str>) {
        let mut seen = HashMap::new();
        for (i, id) in ids.enumerate() {
            if let Some(first) = seen.insert(id, i) {
                let span = self.span(&[Step::Key(list), Step::Index(first), Step::Key("id")]);
                let d = Diagnostic::error(
                    self.file,
                    Some(self.span(&[Step::Key(list), Step::Index(i), Step::Key("id")])),
                    format!("duplicate id `{id}` in `{list}`"),
                )
                .related(span, "first defined here");
                self.diagnostics.push(d);
            }
        }
    }

    fn model(&mut self, m: &Model) {
        let sectors: Vec<&str> = m.sectors.iter().map(|s| s.id.as_str()).collect();
        let pillars: Vec<&str> = m.pillars.iter().map(|p| p.id.as_str()).collect();
        let capabilities: Vec<&str> = m.capabilities.iter().map(|c| c.id.as_str()).collect();
        let kinds: Vec<&str> = m.link_kinds.iter().map(|k| k.id.as_str()).collect();
        let files: Vec<&str> = m.sources.iter().map(|s| s.file.as_str()).collect();
        self.unique("sectors", sectors.iter().copied());
        self.unique("pillars", pillars.iter().copied());
        self.unique("capabilities", capabilities.iter().copied());
        self.unique("link_kinds", kinds.iter().copied());
        self.unique("rules", m.rules.iter().map(|r| r.id.as_str()));
        let cite = |check: &mut Self, list: &str, i: usize, citations: &[Citation]| {
            if citations.is_empty() {
                let span = check.span(&[Step::Key(list), Step::Index(i)]);
                check.diagnostics.push(
                    Diagnostic::error(check.file, Some(span), format!("an entry of `{list}` cites no source"))
                        .hint("every part of the model says where it comes from: add `sources: [{ file, passage }]`"),
                );
            }
            for (j, c) in citations.iter().enumerate() {
                let path = [
                    Step::Key(list),
                    Step::Index(i),
                    Step::Key("sources"),
                    Step::Index(j),
                    Step::Key("file"),
                ];
                check.known(&path, "source file", &c.file, &files);
            }
        };
        for (i, s) in m.sectors.iter().enumerate() {
            self.known(
                &[Step::Key("sectors"), Step::Index(i), Step::Key("pillar")],
                "pillar",
                s.pillar.as_str(),
                &pillars,
            );
            cite(self, "sectors", i, &s.sources);
        }
        let mut listed = BTreeSet::new();
        for (i, p) in m.pillars.iter().enumerate() {
            for (j, c) in p.capabilities.iter().enumerate() {
                listed.insert(c.as_str());
                let path = [
                    Step::Key("pillars"),
                    Step::Index(i),
                    Step::Key("capabilities"),
                    Step::Index(j),
                ];
                self.known(&path, "capability", c.as_str(), &capabilities);
            }
            cite(self, "pillars", i, &p.sources);
        }
        for (i, c) in m.capabilities.iter().enumerate() {
            if !listed.contains(c.id.as_str()) {
                let span = self.span(&[Step::Key("capabilities"), Step::Index(i), Step::Key("id")]);
                self.diagnostics.push(
                    Diagnostic::error(
                        self.file,
                        Some(span),
                        format!("capability `{}` is in no pillar", c.id),
                    )
                    .hint("list it under a pillar's `capabilities`, or remove it"),
                );
            }
            if c.derived == Some(Derivation::DiverseFunding)
                && !c.params.contains_key("min_sources")
            {
                let span = self.span(&[Step::Key("capabilities"), Step::Index(i), Step::Key("id")]);
                self.diagnostics.push(Diagnostic::error(
                    self.file,
                    Some(span),
                    format!("`{}` needs `params: {{ min_sources: N }}`", c.id),
                ));
            }
            cite(self, "capabilities", i, &c.sources);
        }
        for (i, l) in m.required_links.iter().enumerate() {
            let at = |k| [Step::Key("required_links"), Step::Index(i), Step::Key(k)];
            self.known(&at("from"), "sector", l.from.as_str(), &sectors);
            for s in &l.to {
                self.known(&at("to"), "sector", s.as_str(), &sectors);
            }
            for k in &l.kinds {
                self.known(&at("kinds"), "link kind", k.as_str(), &kinds);
            }
            self.known(&at("pillar"), "pillar", l.pillar.as_str(), &pillars);
            cite(self, "required_links", i, &l.sources);
        }
        for (i, r) in m.rules.iter().enumerate() {
            self.rule(m, i, r.id, &sectors, &pillars);
            cite(self, "rules", i, &r.sources);
        }
        for (j, c) in m.mission.sources.iter().enumerate() {
            let path = [
                Step::Key("mission"),
                Step::Key("sources"),
                Step::Index(j),
                Step::Key("file"),
            ];
            self.known(&path, "source file", &c.file, &files);
        }
        for text in [&m.mission.statement, &m.mission.vision] {
            for placeholder in placeholders(text) {
                self.known(
                    &[Step::Key("mission")],
                    "placeholder",
                    placeholder,
                    &["city"],
                );
            }
        }
        for (i, c) in m.capabilities.iter().enumerate() {
            let path = [
                Step::Key("capabilities"),
                Step::Index(i),
                Step::Key("lead_sectors"),
            ];
            if c.lead_sectors.is_empty() {
                self.error(
                    &path,
                    format!("capability `{}` has no `lead_sectors`", c.id),
                    &sectors,
                    "",
                );
            }
            for s in &c.lead_sectors {
                self.known(&path, "sector", s.as_str(), &sectors);
            }
        }
        self.funding_sources(m, &pillars);
        self.known_ids(&sectors, &kinds, &capabilities);
        self.scoring(m);
    }

    /// The ids the engine's code names (`model::known`) must all be in the model.
    fn known_ids(&mut self, sectors: &[&str], kinds: &[&str], capabilities: &[&str]) {
        use crate::model::known;
        let lists = [
            ("sectors", "sector", known::SECTORS, sectors),
            ("link_kinds", "link kind", known::LINK_KINDS, kinds),
            (
                "capabilities",
                "capability",
                known::CAPABILITIES,
                capabilities,
            ),
        ];
        for (list, what, needed, have) in lists {
            for id in needed.iter().filter(|id| !have.contains(id)) {
                let span = self.span(&[Step::Key(list)]);
                self.diagnostics.push(
                    Diagnostic::error(
                        self.file,
                        Some(span),
                        format!("the model has no {what} `{id}`, which the engine relies on"),
                    )
                    .hint(format!("keep `{id}` in `{list}`; rename the others freely")),
                );
            }
        }
    }

    fn funding_sources(&mut self, m: &Model, pillars: &[&str]) {
        self.unique(
            "funding_sources",
            m.funding_sources.iter().map(|f| f.id.as_str()),
        );
        let fits: Vec<&str> = m
            .rules
            .iter()
            .map(|r| r.id.as_str())
            .chain(pillars.iter().copied())
            .collect();
        for (i, f) in m.funding_sources.iter().enumerate() {
            let at = |k| [Step::Key("funding_sources"), Step::Index(i), Step::Key(k)];
            for c in &f.countries {
                // `UK` and `EL` are reserved, not ISO 3166-1 codes: Britain is `GB`, Greece `GR`.
                if c.len() != 2
                    || !c.bytes().all(|b| b.is_ascii_uppercase())
                    || c == "UK"
                    || c == "EL"
                {
                    self.error(
                        &at("countries"),
                        format!("`{c}` is not an ISO 3166-1 alpha-2 country code"),
                        &[],
                        "",
                    );
                }
            }
            for r in &f.regions {
                let country = r.split('-').next().unwrap_or_default();
                if !r.contains('-') || !f.countries.iter().any(|c| c == country) {
                    self.error(
                        &at("regions"),
                        format!("region `{r}` is not an ISO 3166-2 code of the source's countries"),
                        &[],
                        "",
                    );
                }
            }
            for x in &f.fits {
                self.known(&at("fits"), "rule or pillar", x, &fits);
            }
        }
    }

    fn rule(&mut self, m: &Model, i: usize, kind: RuleKind, sectors: &[&str], pillars: &[&str]) {
        let r = &m.rules[i];
        let at = |k| [Step::Key("rules"), Step::Index(i), Step::Key(k)];
        if let Some(p) = &r.pillar {
            self.known(&at("pillar"), "pillar", p.as_str(), pillars);
        }
        for p in &r.targets {
            self.known(&at("targets"), "pillar", p.as_str(), pillars);
        }
        if kind == RuleKind::PathwayGap && r.targets.is_empty() {
            self.error(
                &at("id"),
                "`pathway_gap` needs `targets`: the pillars entry points must reach".into(),
                pillars,
                "",
            );
        }
        for case in r.case_severity.keys() {
            self.known(
                &at("case_severity"),
                &format!("case of `{}`", kind.as_str()),
                case,
                kind.cases(),
            );
        }
        for name in kind.parameters() {
            match r.params.get(*name) {
                None => self.error(
                    &at("params"),
                    format!("rule `{}` needs the parameter `{name}`", kind.as_str()),
                    &[],
                    "",
                ),
                Some(v) if !v.is_finite() || *v < 0.0 => self.error(
                    &at("params"),
                    format!("parameter `{name}` must be a number from 0"),
                    &[],
                    "",
                ),
                Some(_) => {}
            }
        }
        for name in r.params.keys() {
            self.known(
                &at("params"),
                &format!("parameter of `{}`", kind.as_str()),
                name,
                kind.parameters(),
            );
        }
        let action = [Step::Key("rules"), Step::Index(i), Step::Key("action")];
        for s in r
            .action
            .lead_sectors
            .iter()
            .chain(&r.action.supporting_sectors)
        {
            self.known(&action, "sector", s.as_str(), sectors);
        }
        for s in r.thresholds.keys() {
            self.known(&at("thresholds"), "sector", s.as_str(), sectors);
        }
        for case in r.action.case_group.keys() {
            self.known(
                &action,
                &format!("case of `{}`", kind.as_str()),
                case,
                kind.cases(),
            );
        }
        if r.action.group.trim().is_empty() {
            self.error(
                &action,
                format!("rule `{}` has an empty action `group`", kind.as_str()),
                &[],
                "",
            );
        }
        for case in r.action.case_text.keys() {
            self.known(&action, "case", case, kind.cases());
        }
        let case_texts = r.action.case_text.values();
        let texts = [&r.action.title, &r.action.what]
            .into_iter()
            .chain(case_texts.flat_map(|c| [&c.title, &c.what]));
        for text in texts {
            for placeholder in placeholders(text) {
                self.known(&action, "placeholder", placeholder, PLACEHOLDERS);
            }
        }
    }

    fn scoring(&mut self, m: &Model) {
        let w = &m.scoring.weights;
        let weights = [
            w.capability_coverage,
            w.provider_commitment,
            w.required_links,
            w.gaps,
        ];
        if weights.iter().any(|w| !w.is_finite() || *w < 0.0) || weights.iter().sum::<f64>() <= 0.0
        {
            let span = self.span(&[Step::Key("scoring"), Step::Key("weights")]);
            self.diagnostics.push(Diagnostic::error(
                self.file,
                Some(span),
                "score weights must be numbers from 0, not all 0",
            ));
        }
    }
}

/// The `{name}` placeholders of a template text.
fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}
