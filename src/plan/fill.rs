//! Fills an action's text with the city's own names: `{subject}` (the primary gap's main
//! subject), `{subjects}` (all of them), `{evidence}` (the organisations and districts involved),
//! `{city}` and `{board}` (the governance's own name, else "the partnership board"). Each name is
//! looked up as what it is ([`Names`]), never guessed from the id.

use super::names::Names;
use crate::analysis::Gap;
use crate::model::{City, RuleKind};
use crate::words::list;

/// How many evidence names a sentence lists before "and N more".
const MAX_NAMES: usize = 6;

/// Fills templates for one gap.
pub(super) struct Filler {
    subject: String,
    subjects: String,
    evidence: String,
    city: String,
    board: String,
}

impl Filler {
    pub(super) fn new(names: &Names<'_>, city: &City, gap: &Gap) -> Self {
        let mut subjects = names.subjects(gap);
        // A capability is written as the sentence uses it ("a recovery café").
        let capability_at = match gap.rule {
            RuleKind::MissingCapability | RuleKind::UncommittedCapability => Some(0),
            RuleKind::LostProvision | RuleKind::SinglePointOfFailure => Some(1),
            _ => None,
        };
        if let Some(s) = capability_at.and_then(|i| subjects.get_mut(i)) {
            *s = crate::words::as_object(s);
        }
        // A lost provision is about the capability that went; its evidence, first, is the
        // organisation that closed (then today's providers, when they offer fewer places).
        let lost = gap.rule == RuleKind::LostProvision;
        let evidence: Vec<String> = gap.evidence[..if lost {
            gap.evidence.len().min(1)
        } else {
            gap.evidence.len()
        }]
            .iter()
            .map(|e| names.evidence(e))
            .collect();
        Filler {
            subject: subjects
                .get(usize::from(lost))
                .or(subjects.first())
                .cloned()
                .unwrap_or_else(|| city.name.clone()),
            subjects: list(&subjects, MAX_NAMES),
            evidence: list(&evidence, MAX_NAMES),
            city: city.name.clone(),
            board: city
                .governance
                .as_ref()
                .and_then(|g| g.name.clone())
                .unwrap_or_else(|| "the partnership board".into()),
        }
    }

    /// The text with its placeholders replaced; a sentence that starts with `{board}` keeps a
    /// capital.
    pub(super) fn fill(&self, text: &str) -> String {
        let out = text
            .replace("{subjects}", &self.subjects)
            .replace("{subject}", &self.subject)
            .replace(
                "{evidence}",
                if self.evidence.is_empty() {
                    "the partners concerned"
                } else {
                    &self.evidence
                },
            )
            .replace("{city}", &self.city)
            .replace("{board}", &self.board);
        crate::words::capitalise(&out)
    }
}
