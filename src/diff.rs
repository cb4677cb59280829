//! What changed between two versions of a city, compared through the analysis: actors and
//! partnerships added and removed, gaps closed (with the new partners or partnerships that
//! closed them) and opened, pillar and index changes, actions added and retired, tracked
//! statuses changed. Pure; works on [`Snapshot`]s taken from a profile's analysis or read back
//! from an earlier plan's analysis.json.

use crate::analysis::Analysis;
use crate::model::City;
use crate::model::city::ActionStatus;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What a diff needs of one version of a city.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// The date the profile describes.
    pub as_of: String,
    /// The index.
    pub index: f64,
    /// Number of components of the network.
    pub components: usize,
    /// Pillar scores, of the pillars that have one (something in them was assessed).
    pub pillars: BTreeMap<String, f64>,
    /// Actors: id to (name, sector).
    pub actors: BTreeMap<String, (String, String)>,
    /// Partnerships, as `a -> b (kind)` or `a -- b (kind)`; partnered pairs `a -- b` when read
    /// from analysis.json.
    pub partnerships: BTreeSet<String>,
    /// Gaps by id.
    pub gaps: BTreeMap<String, GapBrief>,
    /// Tracked action statuses, when the profile is at hand.
    pub tracked: BTreeMap<String, String>,
}

/// What a diff keeps of a gap.
#[derive(Clone, Debug, Serialize)]
pub struct GapBrief {
    /// Gap id.
    pub id: String,
    /// Severity.
    pub severity: String,
    /// Pillar.
    pub pillar: String,
    /// Message.
    pub message: String,
    /// Subjects.
    pub subjects: Vec<String>,
    /// Evidence.
    pub evidence: Vec<String>,
}

impl Snapshot {
    /// The snapshot of a profile and its analysis.
    pub fn of(city: &City, analysis: &Analysis) -> Snapshot {
        let status = |s: ActionStatus| {
            ActionStatus::ALL
                .iter()
                .find(|(x, _)| *x == s)
                .map_or("", |(_, w)| w)
                .to_owned()
        };
        Snapshot {
            as_of: city.as_of.to_string(),
            index: analysis.index,
            components: analysis.network.components.len(),
            pillars: analysis
                .pillars
                .iter()
                .filter_map(|(k, v)| Some((k.to_string(), v.score?)))
                .collect(),
            actors: city
                .actors
                .iter()
                .map(|a| (a.id.to_string(), (a.name.clone(), a.sector.to_string())))
                .collect(),
            partnerships: city.partnerships.iter().map(partnership_key).collect(),
            gaps: analysis
                .gaps
                .iter()
                .map(|g| {
                    let brief = GapBrief {
                        id: g.id.clone(),
                        severity: g.severity.as_str().to_owned(),
                        pillar: g.pillar.to_string(),
                        message: g.message.clone(),
                        subjects: g.subjects.clone(),
                        evidence: g.evidence.clone(),
                    };
                    (g.id.clone(), brief)
                })
                .collect(),
            tracked: city
                .actions
                .iter()
                .map(|a| (a.id.clone(), status(a.status)))
                .collect(),
        }
    }

    /// The snapshot stored in an analysis.json (partnerships as partnered pairs, no tracked
    /// statuses); `None` when the text is not an analysis of this engine.
    pub fn from_analysis_json(text: &str) -> Option<Snapshot> {
        let v: serde_json::Value = serde_json::from_str(text).ok()?;
        if v["format"].as_str() != Some(crate::analysis::ANALYSIS_FORMAT) {
            return None;
        }
        let strings = |v: &serde_json::Value| -> Vec<String> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        let text_of = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
        Some(Snapshot {
            as_of: text_of(&v["city"]["as_of"]),
            index: v["index"].as_f64()?,
            components: v["network"]["components"].as_array().map_or(0, Vec::len),
            pillars: v["pillars"]
                .as_object()?
                .iter()
                .filter_map(|(k, p)| Some((k.clone(), p["score"].as_f64()?)))
                .collect(),
            actors: v["network"]["actors"]
                .as_object()?
                .iter()
                .map(|(id, a)| (id.clone(), (text_of(&a["name"]), text_of(&a["sector"]))))
                .collect(),
            partnerships: v["network"]["links"]
                .as_array()
                .map(|links| links.iter().map(|l| strings(l).join(" -- ")).collect())
                .unwrap_or_default(),
            gaps: v["gaps"]
                .as_array()?
                .iter()
                .map(|g| {
                    let brief = GapBrief {
                        id: text_of(&g["id"]),
                        severity: text_of(&g["severity"]),
                        pillar: text_of(&g["pillar"]),
                        message: text_of(&g["message"]),
                        subjects: strings(&g["subjects"]),
                        evidence: strings(&g["evidence"]),
                    };
                    (brief.id.clone(), brief)
                })
                .collect(),
            tracked: BTreeMap::new(),
        })
    }
}

/// What changed between two snapshots.
#[derive(Clone, Debug, Serialize)]
pub struct Diff {
    /// The older version's date.
    pub from_as_of: String,
    /// The newer version's date.
    pub to_as_of: String,
    /// The index before and after.
    pub index: Change,
    /// The number of network components before and after (isolated actors count as one each).
    pub components: [usize; 2],
    /// Pillars whose score changed.
    pub pillars: BTreeMap<String, Change>,
    /// Actors that joined: id, name, sector.
    pub actors_added: Vec<ActorBrief>,
    /// Actors that left.
    pub actors_removed: Vec<ActorBrief>,
    /// Partnerships added.
    pub partnerships_added: Vec<String>,
    /// Partnerships removed.
    pub partnerships_removed: Vec<String>,
    /// Gaps closed, with what closed them.
    pub gaps_closed: Vec<ClosedGap>,
    /// Gaps opened.
    pub gaps_opened: Vec<GapBrief>,
    /// Action ids new in the plan (one per opened gap).
    pub actions_added: Vec<String>,
    /// Action ids no longer generated (one per closed gap).
    pub actions_retired: Vec<String>,
    /// Tracked actions whose status changed, appeared or disappeared.
    pub statuses_changed: Vec<StatusChange>,
}

/// A number before and after.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    /// Before.
    pub before: f64,
    /// After.
    pub after: f64,
    /// After less before, one decimal.
    pub delta: f64,
}

/// An actor in a diff.
#[derive(Clone, Debug, Serialize)]
pub struct ActorBrief {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Sector.
    pub sector: String,
}

/// A gap that closed.
#[derive(Clone, Debug, Serialize)]
pub struct ClosedGap {
    /// The gap as it was.
    #[serde(flatten)]
    pub gap: GapBrief,
    /// New actors and partnerships without which it would open again (see [`attribute`]).
    pub closed_by: Vec<String>,
}

/// A tracked action's status then and now (`None`: not tracked).
#[derive(Clone, Debug, Serialize)]
pub struct StatusChange {
    /// Action id.
    pub id: String,
    /// Before.
    pub before: Option<String>,
    /// After.
    pub after: Option<String>,
}

fn change(before: f64, after: f64) -> Change {
    Change {
        before,
        after,
        delta: ((after - before) * 10.0).round() / 10.0,
    }
}

impl Diff {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.actors_added.is_empty()
            && self.actors_removed.is_empty()
            && self.partnerships_added.is_empty()
            && self.partnerships_removed.is_empty()
            && self.gaps_closed.is_empty()
            && self.gaps_opened.is_empty()
            && self.statuses_changed.is_empty()
            && self.pillars.is_empty()
            && self.components[0] == self.components[1]
    }
}

/// Compares two snapshots.
pub fn diff(old: &Snapshot, new: &Snapshot) -> Diff {
    let actor = |s: &Snapshot, id: &String| {
        let (name, sector) = s.actors.get(id).cloned().unwrap_or_default();
        ActorBrief {
            id: id.clone(),
            name,
            sector,
        }
    };
    let actors_added: Vec<ActorBrief> = new
        .actors
        .keys()
        .filter(|id| !old.actors.contains_key(*id))
        .map(|id| actor(new, id))
        .collect();
    let actors_removed = old
        .actors
        .keys()
        .filter(|id| !new.actors.contains_key(*id))
        .map(|id| actor(old, id))
        .collect();
    let partnerships_added: Vec<String> = new
        .partnerships
        .difference(&old.partnerships)
        .cloned()
        .collect();
    let partnerships_removed = old
        .partnerships
        .difference(&new.partnerships)
        .cloned()
        .collect();
    let mut gaps_closed: Vec<ClosedGap> = old
        .gaps
        .values()
        .filter(|g| !new.gaps.contains_key(&g.id))
        .map(|g| ClosedGap {
            gap: g.clone(),
            closed_by: Vec::new(),
        })
        .collect();
    let mut gaps_opened: Vec<GapBrief> = new
        .gaps
        .values()
        .filter(|g| !old.gaps.contains_key(&g.id))
        .cloned()
        .collect();
    let rank = |s: &str| {
        ["high", "medium", "low"]
            .iter()
            .position(|x| *x == s)
            .unwrap_or(3)
    };
    gaps_closed.sort_by(|a, b| {
        rank(&a.gap.severity)
            .cmp(&rank(&b.gap.severity))
            .then_with(|| a.gap.id.cmp(&b.gap.id))
    });
    gaps_opened.sort_by(|a, b| {
        rank(&a.severity)
            .cmp(&rank(&b.severity))
            .then_with(|| a.id.cmp(&b.id))
    });
    let pillars = new
        .pillars
        .iter()
        .filter_map(|(p, after)| {
            // A pillar scored on one side only (its sectors newly mapped) has no change to show.
            let before = old.pillars.get(p).copied()?;
            ((after - before).abs() > 1e-9).then(|| (p.clone(), change(before, *after)))
        })
        .collect();
    let ids: BTreeSet<&String> = old.tracked.keys().chain(new.tracked.keys()).collect();
    let statuses_changed = ids
        .into_iter()
        .filter(|id| old.tracked.get(*id) != new.tracked.get(*id))
        .map(|id| StatusChange {
            id: id.clone(),
            before: old.tracked.get(id).cloned(),
            after: new.tracked.get(id).cloned(),
        })
        .collect();
    Diff {
        from_as_of: old.as_of.clone(),
        to_as_of: new.as_of.clone(),
        index: change(old.index, new.index),
        components: [old.components, new.components],
        pillars,
        actions_added: gaps_opened.iter().map(|g| g.id.clone()).collect(),
        actions_retired: gaps_closed.iter().map(|g| g.gap.id.clone()).collect(),
        actors_added,
        actors_removed,
        partnerships_added,
        partnerships_removed,
        gaps_closed,
        gaps_opened,
        statuses_changed,
    }
}

/// How many added actors and partnerships attribution tries, each one analysis of the city
/// without it; past this, closed gaps are left unattributed.
pub const MAX_ATTRIBUTED: usize = 64;

/// The key of a partnership as diffs print it: `a -> b (kind)` or `a -- b (kind)`.
pub fn partnership_key(p: &crate::model::city::Partnership) -> String {
    let (a, b) = if p.directed || p.a <= p.b {
        (&p.a, &p.b)
    } else {
        (&p.b, &p.a)
    };
    format!(
        "{a} {} {b} ({})",
        if p.directed { "->" } else { "--" },
        p.kind
    )
}

/// Says which new actors and partnerships closed each closed gap: those without which (in
/// `new`, the newer city) the gap opens again. Pure, one analysis per added item.
pub fn attribute(d: &mut Diff, model: &crate::model::Model, new: &City) {
    if d.gaps_closed.is_empty()
        || d.actors_added.len() + d.partnerships_added.len() > MAX_ATTRIBUTED
    {
        return;
    }
    let reopened = |city: &City| -> BTreeSet<String> {
        let analysis =
            crate::analysis::analyse(model, city, &crate::network::Network::build(city, model));
        analysis.gaps.into_iter().map(|g| g.id).collect()
    };
    let mut causes: Vec<(String, BTreeSet<String>)> = Vec::new();
    for a in &d.actors_added {
        let mut without = new.clone();
        without.actors.retain(|x| x.id.as_str() != a.id);
        without
            .partnerships
            .retain(|p| p.a.as_str() != a.id && p.b.as_str() != a.id);
        for i in &mut without.initiatives {
            i.led_by.retain(|x| x.as_str() != a.id);
        }
        without.initiatives.retain(|i| !i.led_by.is_empty());
        causes.push((format!("new partner {}", a.name), reopened(&without)));
    }
    for key in &d.partnerships_added {
        let mut without = new.clone();
        without.partnerships.retain(|p| {
            let (a, b) = if p.a <= p.b {
                (&p.a, &p.b)
            } else {
                (&p.b, &p.a)
            };
            let pair = format!("{a} -- {b}");
            &partnership_key(p) != key && &pair != key
        });
        causes.push((format!("new partnership {key}"), reopened(&without)));
    }
    for g in &mut d.gaps_closed {
        g.closed_by = causes
            .iter()
            .filter(|(_, gaps)| gaps.contains(&g.gap.id))
            .map(|(c, _)| c.clone())
            .collect();
    }
}
