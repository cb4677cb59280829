//! The model's words as a spreadsheet may write them: a sector, a capability or a partnership
//! kind matched by its id or its name in any case and spacing ("Recovery community",
//! "recovery_community", "RECOVERY-COMMUNITY"), with the nearest one suggested when none matches.

use super::table::normalise;
use crate::model::Model;

/// One kind of the model's ids, with their names.
pub(crate) struct Vocabulary {
    /// (id, name) in model order.
    entries: Vec<(String, String)>,
    /// Each entry's id and name normalised, for matching.
    keys: Vec<(String, String)>,
}

impl Vocabulary {
    /// The model's sectors.
    pub(crate) fn sectors(model: &Model) -> Self {
        let entries = model
            .sectors
            .iter()
            .map(|s| (s.id.to_string(), s.name.clone()));
        Vocabulary::new(entries)
    }

    /// The model's capabilities.
    pub(crate) fn capabilities(model: &Model) -> Self {
        let entries = model
            .capabilities
            .iter()
            .map(|c| (c.id.to_string(), c.name.clone()));
        Vocabulary::new(entries)
    }

    /// The model's partnership kinds.
    pub(crate) fn link_kinds(model: &Model) -> Self {
        let entries = model
            .link_kinds
            .iter()
            .map(|k| (k.id.to_string(), k.name.clone()));
        Vocabulary::new(entries)
    }

    fn new(entries: impl Iterator<Item = (String, String)>) -> Self {
        let entries: Vec<(String, String)> = entries.collect();
        let keys = entries
            .iter()
            .map(|(id, name)| (normalise(id), normalise(name)))
            .collect();
        Vocabulary { entries, keys }
    }

    /// The id that `value` names, by id or by name.
    pub(crate) fn find(&self, value: &str) -> Option<&str> {
        let n = normalise(value);
        let at = self
            .keys
            .iter()
            .position(|(id, name)| *id == n || *name == n)?;
        Some(self.entries[at].0.as_str())
    }

    /// Hints for a value that names nothing: the nearest id, and every valid id.
    pub(crate) fn hints(&self, value: &str) -> Vec<String> {
        let ids: Vec<&str> = self.entries.iter().map(|(id, _)| id.as_str()).collect();
        let mut hints = Vec::new();
        let near = crate::load::suggest(value, ids.iter().copied()).or_else(|| {
            let names = self.entries.iter().map(|(_, name)| name.as_str());
            crate::load::suggest(value, names).and_then(|name| self.find(name))
        });
        if let Some(near) = near {
            hints.push(format!("did you mean `{near}`?"));
        }
        hints.push(self.valid());
        hints
    }

    /// The hint listing every valid id.
    pub(crate) fn valid(&self) -> String {
        let ids: Vec<&str> = self.entries.iter().map(|(id, _)| id.as_str()).collect();
        format!(
            "valid values (ids or names, in any case): {}",
            ids.join(", ")
        )
    }
}

/// Splits a cell listing several values, separated by `|` (Kumu's way), `;` or `,`.
pub(crate) fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split(['|', ';', ','])
        .map(str::trim)
        .filter(|p| !p.is_empty())
}
