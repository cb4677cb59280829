//! The profile's organisations found by what people write for them in a survey or a monitoring
//! sheet: a name or an id, in any case and spacing, with the nearest name for a typo.

use crate::model::City;
use crate::model::city::Actor;
use rustc_hash::FxHashMap as HashMap;

/// Text folded for matching a header, an organisation or a status as people type them: lower
/// case, without spaces, underscores or hyphens ("Respondent organisation" and
/// "respondent_organisation" alike).
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Why a name matched no organisation.
#[derive(Debug, PartialEq, Eq)]
pub enum Unmatched {
    /// No organisation has this name or id; the nearest name, when one is close.
    Unknown(Option<String>),
    /// Several organisations have this name: their ids.
    Ambiguous(Vec<String>),
}

/// The profile's organisations (active, planned and closed), found by name or id, case- and
/// space-insensitively.
pub struct Organisations<'c> {
    by_key: HashMap<String, Vec<&'c Actor>>,
    all: Vec<&'c Actor>,
}

impl<'c> Organisations<'c> {
    /// Every actor of `city`.
    pub fn new(city: &'c City) -> Self {
        let all: Vec<&Actor> = city.actors.iter().chain(&city.inactive_actors).collect();
        let mut by_key: HashMap<String, Vec<&Actor>> = HashMap::default();
        for actor in &all {
            for key in [fold(actor.id.as_str()), fold(&actor.name)] {
                let found = by_key.entry(key).or_default();
                if !found.iter().any(|a| a.id == actor.id) {
                    found.push(actor);
                }
            }
        }
        Organisations { by_key, all }
    }

    /// The actor named or identified by `written`. An id wins over another actor's name.
    pub fn find(&self, written: &str) -> Result<&'c Actor, Unmatched> {
        let key = fold(written);
        match self.by_key.get(&key).map(Vec::as_slice) {
            Some([one]) => Ok(one),
            Some(many) if !many.is_empty() => many
                .iter()
                .find(|a| fold(a.id.as_str()) == key)
                .copied()
                .ok_or_else(|| {
                    Unmatched::Ambiguous(many.iter().map(|a| a.id.to_string()).collect())
                }),
            _ => Err(Unmatched::Unknown(self.nearest(&key))),
        }
    }

    /// The name nearest to a folded name, when it is close enough to be a likely typo.
    fn nearest(&self, key: &str) -> Option<String> {
        self.all
            .iter()
            .map(|a| {
                let by_name = strsim::normalized_damerau_levenshtein(key, &fold(&a.name));
                let by_id = strsim::normalized_damerau_levenshtein(key, &fold(a.id.as_str()));
                (by_name.max(by_id), a)
            })
            .filter(|(score, _)| *score >= 0.5)
            .max_by(|(x, a), (y, b)| x.total_cmp(y).then_with(|| b.id.cmp(&a.id)))
            .map(|(_, a)| a.name.clone())
    }
}

/// What `unmatched` means for the person, as a hint.
pub fn unmatched_hint(unmatched: &Unmatched) -> String {
    match unmatched {
        Unmatched::Unknown(Some(name)) => format!("did you mean `{name}`?"),
        Unmatched::Unknown(None) => {
            "write an organisation's name or id as the profile has it".to_owned()
        }
        Unmatched::Ambiguous(ids) => format!(
            "several organisations have this name: write the id instead ({})",
            ids.iter()
                .map(|i| format!("`{i}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_spaces_and_separators() {
        assert_eq!(fold(" Respondent  Organisation "), "respondentorganisation");
        assert_eq!(fold("in_progress"), fold("In progress"));
        assert_eq!(fold("new-dawn"), fold("New Dawn"));
    }
}
