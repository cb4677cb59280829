//! The profile's tracked actions matched to the plan's: an entry may name an action id or any gap
//! id the action answers (profiles tracked under gap ids keep working), or a gap id that would
//! group under the action's id (a link tracked as missing that is now weak). When several entries
//! match one action, the one naming the action id wins, else the first in file order, and the
//! others are noted; an entry naming a risk's gap (or an organisation's risks as a whole) gives the
//! risk its status; an entry that matches nothing is kept as closed or no longer generated.

use super::group::Draft;
use crate::analysis::Gap;
use crate::model::city::TrackedAction;
use crate::model::{City, Model};
use std::collections::BTreeMap;

/// The tracked entries, matched.
#[derive(Default)]
pub(super) struct Tracking<'c> {
    /// The entry each action is tracked by, by action id.
    pub(super) actions: BTreeMap<String, &'c TrackedAction>,
    /// Entries naming a risk's gap, by gap id.
    pub(super) risks: BTreeMap<String, &'c TrackedAction>,
    /// Entries matching no current action or risk.
    pub(super) retired: Vec<TrackedAction>,
    /// Entries that matched an action another entry tracks: (entry id, action id).
    pub(super) shadowed: Vec<(String, String)>,
}

/// The action id a gap id would group under, read from the id itself (a gap that has since
/// changed, e.g. from missing to weak, still names the same link); rules whose cases group
/// apart are not read this way.
fn key_of(model: &Model, id: &str) -> Option<String> {
    model.rules.iter().find_map(|rule| {
        let rest = id.strip_prefix(&format!("{}.", rule.id.gap_prefix()))?;
        if !rule.action.case_group.is_empty() {
            return None;
        }
        let subjects: Vec<String> = rest.split('.').map(str::to_owned).collect();
        Some(model.group_key(rule, None, &subjects))
    })
}

/// Matches the profile's `actions:` to the drafts and risks.
pub(super) fn match_tracked<'c>(
    model: &Model,
    city: &'c City,
    drafts: &[Draft<'_>],
    risks: &[&Gap],
) -> Tracking<'c> {
    let mut out = Tracking::default();
    let owner_of = |id: &str| {
        drafts
            .iter()
            .find(|d| d.id == id || d.gaps.iter().any(|g| g.id == id))
            .or_else(|| {
                let key = key_of(model, id)?;
                drafts.iter().find(|d| d.id == key)
            })
            .map(|d| d.id.clone())
    };
    // Entries naming the action id first, then the others in file order.
    let (exact, rest): (Vec<&TrackedAction>, Vec<&TrackedAction>) = city
        .actions
        .iter()
        .partition(|t| drafts.iter().any(|d| d.id == t.id));
    for t in exact.into_iter().chain(rest) {
        match owner_of(&t.id) {
            Some(action) if out.actions.contains_key(&action) => {
                out.shadowed.push((t.id.clone(), action));
            }
            Some(action) => {
                out.actions.insert(action, t);
            }
            // A risk's gap, or an organisation's risks as a whole (`single-point-of-failure.X`
            // naming the risks of X that each name a capability).
            None if risks.iter().any(|g| g.id == t.id) => {
                out.risks.insert(t.id.clone(), t);
            }
            None if risks
                .iter()
                .any(|g| g.id.starts_with(&format!("{}.", t.id))) =>
            {
                for g in risks
                    .iter()
                    .filter(|g| g.id.starts_with(&format!("{}.", t.id)))
                {
                    out.risks.entry(g.id.clone()).or_insert(t);
                }
            }
            None => out.retired.push(t.clone()),
        }
    }
    out.retired.sort_by_key(|t| {
        city.actions
            .iter()
            .position(|x| std::ptr::eq(x, t) || x.id == t.id)
    });
    out
}
