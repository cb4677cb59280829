//! Fills an action template's placeholders with the city's own names: `{subject}` (the gap's
//! main subject), `{subjects}` (all of them), `{evidence}` (the actors and districts involved)
//! and `{city}`.

use crate::analysis::Gap;
use crate::model::{City, Model};

/// How many evidence names a sentence lists before "and N more".
const MAX_NAMES: usize = 6;

/// Fills templates for one gap.
pub(super) struct Filler {
    subject: String,
    subjects: String,
    evidence: String,
    city: String,
}

/// The human name of an id: an actor, initiative, district, sector, capability, pillar or the
/// city; anything else is read with its dashes as spaces.
pub(crate) fn name_of(model: &Model, city: &City, id: &str) -> String {
    if let Some(a) = city.actor(id) {
        return a.name.clone();
    }
    if let Some(a) = city.any_actor(id) {
        return a.name.clone();
    }
    if let Some(i) = city
        .initiatives
        .iter()
        .chain(&city.planned_initiatives)
        .find(|i| i.id == id)
    {
        return i.name.clone();
    }
    if let Some(d) = city.districts.iter().find(|d| d.id.as_str() == id) {
        return d.name.clone();
    }
    if let Some(s) = model.sector(id) {
        return s.name.clone();
    }
    if let Some(c) = model.capability(id) {
        return c.name.clone();
    }
    if let Some(p) = model.pillar(id) {
        return p.name.clone();
    }
    if id == city.id {
        return city.name.clone();
    }
    id.replace(['-', '_'], " ")
}

/// `a, b and c`; past `max` names, `a, b, c and 4 more`.
pub(crate) fn list<S: AsRef<str>>(names: &[S], max: usize) -> String {
    let join = |names: &[S]| {
        let mut out = String::new();
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(name.as_ref());
        }
        out
    };
    match names {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        _ if names.len() > max => {
            format!("{} and {} more", join(&names[..max]), names.len() - max)
        }
        [rest @ .., last] => format!("{} and {}", join(rest), last.as_ref()),
    }
}

impl Filler {
    pub(super) fn new(model: &Model, city: &City, gap: &Gap) -> Self {
        let names = |ids: &[String]| {
            ids.iter()
                .map(|s| name_of(model, city, s))
                .collect::<Vec<_>>()
        };
        let subjects = names(&gap.subjects);
        // A lost provision is about the capability that went; its evidence, first, is the
        // organisation that closed (then today's providers, when they offer fewer places).
        let lost = gap.rule == crate::model::RuleKind::LostProvision;
        let evidence = if lost {
            names(&gap.evidence[..gap.evidence.len().min(1)])
        } else {
            names(&gap.evidence)
        };
        Filler {
            subject: subjects
                .get(usize::from(lost))
                .or(subjects.first())
                .cloned()
                .unwrap_or_else(|| city.name.clone()),
            subjects: list(&subjects, MAX_NAMES),
            evidence: list(&evidence, MAX_NAMES),
            city: city.name.clone(),
        }
    }

    /// The text with its placeholders replaced.
    pub(super) fn fill(&self, text: &str) -> String {
        text.replace("{subjects}", &self.subjects)
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
    }
}
