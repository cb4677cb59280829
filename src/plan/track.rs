//! The profile's tracked actions matched to the plan's: an entry may name an action id or any gap
//! id the action answers (profiles tracked under gap ids keep working). When several entries match
//! one action, the one naming the action id wins, else the first in file order, and the others are
//! noted; an entry naming a risk's gap gives the risk its status; an entry that matches nothing is
//! kept as closed or no longer generated.

use super::group::Draft;
use crate::analysis::Gap;
use crate::model::City;
use crate::model::city::TrackedAction;
use std::collections::BTreeMap;

/// The tracked entries, matched.
#[derive(Default)]
pub(super) struct Tracking<'c> {
    /// The entry each action is tracked by, by action id.
    pub(super) actions: BTreeMap<String, &'c TrackedAction>,
    /// Entries naming a risk's gap, by gap id.
    pub(super) risks: BTreeMap<&'c str, &'c TrackedAction>,
    /// Entries matching no current action or risk.
    pub(super) retired: Vec<TrackedAction>,
    /// Entries that matched an action another entry tracks: (entry id, action id).
    pub(super) shadowed: Vec<(String, String)>,
}

/// Matches the profile's `actions:` to the drafts and risks.
pub(super) fn match_tracked<'c>(
    city: &'c City,
    drafts: &[Draft<'_>],
    risks: &[&Gap],
) -> Tracking<'c> {
    let mut out = Tracking::default();
    let owner_of = |id: &str| {
        drafts
            .iter()
            .find(|d| d.id == id || d.gaps.iter().any(|g| g.id == id))
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
            None if risks.iter().any(|g| g.id == t.id) => {
                out.risks.insert(t.id.as_str(), t);
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
