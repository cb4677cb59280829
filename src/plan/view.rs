//! The view model: everything a template sees, as plain strings and numbers (documented in the
//! README for councils writing their own templates). Built from the domain values; templates
//! never see those.

use super::fill::{list, name_of};
use super::{Plan, layout::layout};
use crate::analysis::Analysis;
use crate::model::city::ActionStatus;
use crate::model::definition::{Horizon, IndicatorKind, Severity, render_citations};
use crate::model::ids::ActorId;
use crate::model::{City, Model};
use serde::Serialize;
use std::collections::BTreeSet;

/// Colours of the sectors, in model order (then repeated).
const PALETTE: [&str; 13] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac", "#1f77b4", "#8c564b", "#17becf",
];

/// The colour of a sector in drawings and exports: the palette in model order (then repeated);
/// a sector the model does not know takes the colour after the last.
pub(crate) fn sector_colour(model: &Model, sector: &str) -> &'static str {
    let i = model
        .sectors
        .iter()
        .position(|s| s.id.as_str() == sector)
        .unwrap_or(model.sectors.len());
    PALETTE[i % PALETTE.len()]
}

/// How many of the best-connected actors the drawing names.
const LABELLED: usize = 8;

/// Size of the network drawing, in SVG units.
const DRAWING: (f64, f64) = (900.0, 640.0);

/// What every template sees.
#[derive(Debug, Serialize)]
pub struct PlanView {
    /// The city.
    pub city: CityView,
    /// The model used: id, version, name.
    pub model: ModelView,
    /// The city's index, one decimal, as text.
    pub index: String,
    /// Pillars in model order.
    pub pillars: Vec<PillarView>,
    /// Height of the report's pillar chart.
    pub chart_height: usize,
    /// The three strongest pillars.
    pub strongest: Vec<PillarView>,
    /// What the city already has.
    pub assets: Assets,
    /// Mission and vision, made specific.
    pub mission: MissionView,
    /// Short-term goals (within 12 months).
    pub short_goals: Vec<GoalView>,
    /// Long-term goals (one to three years).
    pub long_goals: Vec<GoalView>,
    /// Actions, highest priority first.
    pub actions: Vec<ActionView>,
    /// Tracked actions no longer generated.
    pub retired: Vec<RetiredView>,
    /// Assumed findings and funding not recorded, one sentence each: to check, not to act on.
    pub to_check: Vec<String>,
    /// What the profile has not mapped yet: sector and capability names, links as "A and B".
    pub map_next: MapNextView,
    /// Gap counts.
    pub gaps: GapCounts,
    /// Network figures and drawing.
    pub network: NetworkView,
    /// How scores are made.
    pub scoring: ScoringView,
    /// What changed since the plan last written in the same folder, if there was one.
    pub since_last: Option<HistoryView>,
}

/// What the profile has not mapped yet.
#[derive(Debug, Default, Serialize)]
pub struct MapNextView {
    /// Sector names.
    pub sectors: Vec<String>,
    /// Capability names.
    pub capabilities: Vec<String>,
    /// Required links, as "A and B".
    pub links: Vec<String>,
}

/// What changed since the last plan.
#[derive(Debug, Serialize)]
pub struct HistoryView {
    /// The date of the last plan's profile.
    pub from_as_of: String,
    /// Index then, as text.
    pub index_before: String,
    /// Index now, as text.
    pub index_after: String,
    /// Change, signed, as text.
    pub index_delta: String,
    /// Whether anything changed.
    pub changed: bool,
    /// Gaps closed: `id`, `severity`, `message`, `closed_by` (phrases).
    pub closed: Vec<crate::scenario::diff::ClosedGap>,
    /// Gaps opened: `id`, `severity`, `message`.
    pub opened: Vec<crate::scenario::diff::GapBrief>,
    /// Pillar changes: name, before, after, delta (as text).
    pub pillars: Vec<[String; 4]>,
    /// Names of actors that joined.
    pub actors_added: Vec<String>,
    /// Names of actors that left.
    pub actors_removed: Vec<String>,
    /// Names of actors that closed.
    pub actors_closed: Vec<String>,
    /// Names of actors that opened (were planned or closed).
    pub actors_opened: Vec<String>,
    /// Partnerships added, as `a -- b (kind)` or `a -> b (kind)` (partnered pairs `a -- b`
    /// against an analysis.json that does not record kinds).
    pub partnerships_added: Vec<String>,
    /// Partnerships removed, as those added.
    pub partnerships_removed: Vec<String>,
}

impl HistoryView {
    /// The view of a diff against the last plan.
    pub fn new(model: &Model, d: &crate::scenario::diff::Diff) -> HistoryView {
        let signed = |x: f64| {
            if x > 0.0 {
                format!("+{x:.1}")
            } else {
                format!("{x:.1}")
            }
        };
        HistoryView {
            from_as_of: d.from_as_of.clone(),
            index_before: format!("{:.1}", d.index.before),
            index_after: format!("{:.1}", d.index.after),
            index_delta: signed(d.index.delta),
            changed: !d.is_empty(),
            closed: d.gaps_closed.clone(),
            opened: d.gaps_opened.clone(),
            pillars: d
                .pillars
                .iter()
                .map(|(p, c)| {
                    let name = model.pillar(p).map_or(p.clone(), |x| x.name.clone());
                    [
                        name,
                        format!("{:.1}", c.before),
                        format!("{:.1}", c.after),
                        signed(c.delta),
                    ]
                })
                .collect(),
            actors_added: d.actors_added.iter().map(|a| a.name.clone()).collect(),
            actors_removed: d.actors_removed.iter().map(|a| a.name.clone()).collect(),
            actors_closed: d.actors_closed.iter().map(|a| a.name.clone()).collect(),
            actors_opened: d.actors_opened.iter().map(|a| a.name.clone()).collect(),
            partnerships_added: d.partnerships_added.clone(),
            partnerships_removed: d.partnerships_removed.clone(),
        }
    }
}

/// The city.
#[derive(Debug, Serialize)]
pub struct CityView {
    /// Slug.
    pub id: String,
    /// Name.
    pub name: String,
    /// Country code.
    pub country: String,
    /// Population, if known.
    pub population: Option<u64>,
    /// Date the profile describes.
    pub as_of: String,
    /// District names.
    pub districts: Vec<String>,
}

/// The model.
#[derive(Debug, Serialize)]
pub struct ModelView {
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Name.
    pub name: String,
}

/// A pillar and its score.
#[derive(Clone, Debug, Serialize)]
pub struct PillarView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Score 0-100 as a number.
    pub score: f64,
    /// Score as text, one decimal.
    pub score_text: String,
    /// Length of the score's bar in the report's chart (4 units a point).
    pub bar: f64,
    /// Number of gaps.
    pub n_gaps: usize,
    /// Terms of the score.
    pub terms: Vec<TermView>,
}

/// A term of a pillar score.
#[derive(Clone, Debug, Serialize)]
pub struct TermView {
    /// Name.
    pub name: String,
    /// Value 0-1, as text.
    pub value: String,
    /// Weight, as text.
    pub weight: String,
    /// How it was counted.
    pub detail: String,
}

/// What the city already has: the assets a plan opens with.
#[derive(Debug, Serialize)]
pub struct Assets {
    /// Number of actors.
    pub n_actors: usize,
    /// Committed or engaged actors.
    pub n_active: usize,
    /// Sectors present, by name.
    pub sectors: Vec<String>,
    /// Names of lived experience recovery organisations.
    pub leros: Vec<String>,
    /// Existing initiatives.
    pub initiatives: Vec<InitiativeView>,
    /// Number of formal partnerships.
    pub n_formal: usize,
    /// Governance already in place, as phrases.
    pub governance: Vec<String>,
}

/// An existing initiative.
#[derive(Debug, Serialize)]
pub struct InitiativeView {
    /// Name.
    pub name: String,
    /// Who leads it.
    pub led_by: String,
    /// What it provides.
    pub provides: String,
    /// Open to the public.
    pub public: bool,
    /// Times a year, if given.
    pub per_year: Option<u32>,
}

/// Mission and vision.
#[derive(Debug, Serialize)]
pub struct MissionView {
    /// Mission statement.
    pub statement: String,
    /// Vision.
    pub vision: String,
    /// Sources.
    pub source: String,
}

/// A goal.
#[derive(Debug, Serialize)]
pub struct GoalView {
    /// Pillar name.
    pub pillar: String,
    /// Pillar description.
    pub description: String,
    /// Pillar score, as text.
    pub score: String,
    /// The ids of the actions (and gaps) it closes.
    pub actions: Vec<String>,
}

/// An action.
#[derive(Debug, Serialize)]
pub struct ActionView {
    /// Position in the plan, from 1.
    pub number: usize,
    /// Stable id.
    pub id: String,
    /// Rule id.
    pub rule: String,
    /// high, medium or low.
    pub severity: String,
    /// Pillar name.
    pub pillar: String,
    /// Title.
    pub title: String,
    /// What to do.
    pub what: String,
    /// Why: the gap.
    pub why: String,
    /// Names of the actors and districts involved.
    pub evidence: String,
    /// Lead's name, or empty.
    pub lead: String,
    /// Why that lead.
    pub lead_reason: String,
    /// Supporting partners, by name.
    pub supporting: Vec<String>,
    /// "short term (within 12 months)" or "long term (one to three years)".
    pub horizon: String,
    /// Indicators.
    pub indicators: Vec<IndicatorView>,
    /// Funding leads.
    pub funding_leads: Vec<String>,
    /// Source passages.
    pub source: String,
    /// Status word.
    pub status: String,
    /// Whether the profile tracks it.
    pub tracked: bool,
    /// Owner's name, or empty.
    pub owner: String,
    /// Due date.
    pub due: String,
    /// Whether the due date is a suggestion.
    pub due_suggested: bool,
    /// Tracked note, or empty.
    pub note: String,
}

/// An indicator.
#[derive(Debug, Serialize)]
pub struct IndicatorView {
    /// count, story or milestone.
    pub kind: String,
    /// What is measured.
    pub text: String,
}

/// A tracked action no longer generated.
#[derive(Debug, Serialize)]
pub struct RetiredView {
    /// Id.
    pub id: String,
    /// Last status.
    pub status: String,
    /// Owner's name.
    pub owner: String,
    /// Due date.
    pub due: String,
    /// Note.
    pub note: String,
}

/// Gap counts: recorded gaps (those the actions answer) by severity, and assumed ones.
#[derive(Debug, Serialize)]
pub struct GapCounts {
    /// All recorded gaps.
    pub total: usize,
    /// Assumed gaps: to check, not counted above.
    pub assumed: usize,
    /// High.
    pub high: usize,
    /// Medium.
    pub medium: usize,
    /// Low.
    pub low: usize,
}

/// Network figures and drawing.
#[derive(Debug, Serialize)]
pub struct NetworkView {
    /// Actors.
    pub n_actors: usize,
    /// Partnerships.
    pub n_partnerships: usize,
    /// Density, as text.
    pub density: String,
    /// Degree centralization, as text.
    pub centralization: String,
    /// Components.
    pub n_components: usize,
    /// Names of single points of failure.
    pub articulation_points: Vec<String>,
    /// Names of isolated actors.
    pub isolated: Vec<String>,
    /// Top brokers: name and betweenness as text.
    pub brokers: Vec<(String, String)>,
    /// The drawing.
    pub drawing: Drawing,
}

/// The network as shapes, for an SVG.
#[derive(Debug, Serialize)]
pub struct Drawing {
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// Actors.
    pub nodes: Vec<NodeShape>,
    /// Partnered pairs.
    pub edges: Vec<EdgeShape>,
    /// Sector colours.
    pub legend: Vec<LegendItem>,
}

/// An actor in the drawing.
#[derive(Debug, Serialize)]
pub struct NodeShape {
    /// Centre x.
    pub x: f64,
    /// Centre y.
    pub y: f64,
    /// Radius.
    pub r: f64,
    /// Fill colour.
    pub colour: String,
    /// Actor name.
    pub name: String,
    /// Sector name.
    pub sector: String,
    /// An articulation point.
    pub single_point: bool,
    /// No partnership.
    pub isolated: bool,
    /// Named on the drawing (the best-connected actors).
    pub labelled: bool,
    /// Where the name starts (right of the node, or left of it near the right edge).
    pub label_x: f64,
    /// `start` or `end`: the SVG text anchor of the name.
    pub label_anchor: &'static str,
}

/// A partnered pair in the drawing.
#[derive(Debug, Serialize)]
pub struct EdgeShape {
    /// Start x.
    pub x1: f64,
    /// Start y.
    pub y1: f64,
    /// End x.
    pub x2: f64,
    /// End y.
    pub y2: f64,
    /// At least one formal partnership.
    pub formal: bool,
}

/// A sector's colour.
#[derive(Debug, Serialize)]
pub struct LegendItem {
    /// Sector name.
    pub sector: String,
    /// Colour.
    pub colour: String,
}

/// How scores are made, for the appendix.
#[derive(Debug, Serialize)]
pub struct ScoringView {
    /// The model's note.
    pub note: String,
    /// Term weights: name and weight.
    pub weights: Vec<(String, String)>,
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn status_word(s: ActionStatus) -> &'static str {
    ActionStatus::ALL
        .iter()
        .find(|(x, _)| *x == s)
        .map_or("proposed", |(_, w)| w)
}

impl PlanView {
    /// Builds the view of a plan.
    pub fn new(
        model: &Model,
        city: &City,
        analysis: &Analysis,
        plan: &Plan,
        since_last: Option<HistoryView>,
    ) -> PlanView {
        let name = |id: &str| name_of(model, city, id);
        // An owner that has closed (or is only planned) is named as such.
        let actor_name = |id: &Option<ActorId>| {
            id.as_ref()
                .map(|a| match city.any_actor(a.as_str()) {
                    Some(x) if city.actor(a.as_str()).is_none() => {
                        format!("{} ({})", x.name, x.status.as_str())
                    }
                    _ => name(a.as_str()),
                })
                .unwrap_or_default()
        };
        let pillars: Vec<PillarView> = model
            .pillars
            .iter()
            .map(|p| {
                let s = analysis.pillars.get(&p.id);
                PillarView {
                    id: p.id.to_string(),
                    name: p.name.clone(),
                    description: p.description.clone(),
                    score: s.and_then(|s| s.score).unwrap_or(0.0),
                    score_text: s
                        .and_then(|s| s.score)
                        .map_or_else(|| "not assessed".to_owned(), |x| format!("{x:.1}")),
                    bar: round1(4.0 * s.and_then(|s| s.score).unwrap_or(0.0)),
                    // The gaps its actions answer: recorded ones (assumed ones are to check).
                    n_gaps: analysis
                        .gaps
                        .iter()
                        .filter(|g| g.pillar == p.id && g.basis == crate::analysis::Basis::Recorded)
                        .count(),
                    terms: s
                        .map(|s| {
                            s.terms
                                .iter()
                                .map(|t| TermView {
                                    name: t.name.replace('_', " "),
                                    value: format!("{:.2}", t.value),
                                    weight: format!("{}", t.weight),
                                    detail: t.detail.clone(),
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            })
            .collect();
        let mut strongest = pillars.clone();
        strongest.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        strongest.truncate(3);
        let goal = |g: &super::Goal| GoalView {
            pillar: name(g.pillar.as_str()),
            description: model
                .pillar(g.pillar.as_str())
                .map(|p| p.description.clone())
                .unwrap_or_default(),
            score: analysis
                .pillars
                .get(&g.pillar)
                .and_then(|s| s.score)
                .map_or(String::new(), |s| format!("{s:.1}")),
            actions: g.actions.clone(),
        };
        let count = |s: Severity| {
            analysis
                .gaps
                .iter()
                .filter(|g| g.severity == s && g.basis == crate::analysis::Basis::Recorded)
                .count()
        };
        PlanView {
            city: CityView {
                id: city.id.clone(),
                name: city.name.clone(),
                country: city.country.clone(),
                population: city.population,
                as_of: city.as_of.to_string(),
                districts: city.districts.iter().map(|d| d.name.clone()).collect(),
            },
            model: ModelView {
                id: model.id.clone(),
                version: model.version.clone(),
                name: model.name.clone(),
            },
            index: format!("{:.1}", analysis.index),
            chart_height: pillars.len() * 34 + 20,
            pillars,
            strongest,
            assets: assets(model, city),
            mission: MissionView {
                statement: model.mission.statement.replace("{city}", &city.name),
                vision: model.mission.vision.replace("{city}", &city.name),
                source: render_citations(&model.mission.sources),
            },
            short_goals: plan
                .goals
                .iter()
                .filter(|g| g.horizon == Horizon::Short)
                .map(goal)
                .collect(),
            long_goals: plan
                .goals
                .iter()
                .filter(|g| g.horizon == Horizon::Long)
                .map(goal)
                .collect(),
            actions: plan
                .actions
                .iter()
                .enumerate()
                .map(|(i, a)| ActionView {
                    number: i + 1,
                    id: a.id.clone(),
                    rule: a.rule.as_str().to_owned(),
                    severity: a.severity.as_str().to_owned(),
                    pillar: name(a.pillar.as_str()),
                    title: a.title.clone(),
                    what: a.what.clone(),
                    why: capitalise(&a.why),
                    evidence: list(&a.evidence.iter().map(|e| name(e)).collect::<Vec<_>>(), 8),
                    lead: actor_name(&a.lead.actor),
                    lead_reason: a.lead.reason.clone(),
                    supporting: a.supporting.iter().map(|s| name(s.as_str())).collect(),
                    horizon: match a.horizon {
                        Horizon::Short => "short term (within 12 months)".into(),
                        Horizon::Long => "long term (one to three years)".into(),
                    },
                    indicators: a
                        .indicators
                        .iter()
                        .map(|i| IndicatorView {
                            kind: match i.kind {
                                IndicatorKind::Count => "count",
                                IndicatorKind::Story => "story",
                                IndicatorKind::Milestone => "milestone",
                            }
                            .into(),
                            text: i.text.clone(),
                        })
                        .collect(),
                    funding_leads: a.funding_leads.clone(),
                    source: a.source.clone(),
                    status: status_word(a.status).into(),
                    tracked: a.tracked,
                    owner: actor_name(&a.owner),
                    due: a.due.to_string(),
                    due_suggested: a.due_suggested,
                    note: a.note.clone().unwrap_or_default(),
                })
                .collect(),
            to_check: plan.to_check.checks.clone(),
            map_next: MapNextView {
                sectors: plan.to_check.sectors.clone(),
                capabilities: plan.to_check.capabilities.clone(),
                links: plan.to_check.links.clone(),
            },
            retired: plan
                .retired
                .iter()
                .map(|t| RetiredView {
                    id: t.id.clone(),
                    status: status_word(t.status).into(),
                    owner: actor_name(&t.owner),
                    due: t.due.map(|d| d.to_string()).unwrap_or_default(),
                    note: t.note.clone().unwrap_or_default(),
                })
                .collect(),
            gaps: GapCounts {
                total: count(Severity::High) + count(Severity::Medium) + count(Severity::Low),
                assumed: analysis
                    .gaps
                    .iter()
                    .filter(|g| g.basis == crate::analysis::Basis::Assumed)
                    .count(),
                high: count(Severity::High),
                medium: count(Severity::Medium),
                low: count(Severity::Low),
            },
            network: network(model, city, analysis),
            since_last,
            scoring: ScoringView {
                note: model.scoring.note.clone(),
                weights: vec![
                    (
                        "capability coverage".into(),
                        model.scoring.weights.capability_coverage.to_string(),
                    ),
                    (
                        "provider commitment".into(),
                        model.scoring.weights.provider_commitment.to_string(),
                    ),
                    (
                        "required links".into(),
                        model.scoring.weights.required_links.to_string(),
                    ),
                    ("gaps".into(), model.scoring.weights.gaps.to_string()),
                ],
            },
        }
    }
}

fn assets(model: &Model, city: &City) -> Assets {
    let name = |id: &str| name_of(model, city, id);
    let present: BTreeSet<&str> = city.actors.iter().map(|a| a.sector.as_str()).collect();
    let g = city.governance.clone().unwrap_or_default();
    let mut governance = Vec::new();
    if !g.board.is_empty() {
        governance.push(format!(
            "a partnership board of {} organisations",
            g.board.len()
        ));
    }
    if g.people_in_recovery_seats > 0 {
        governance.push(format!(
            "{} board seats for people in recovery",
            g.people_in_recovery_seats
        ));
    }
    if g.family_seats > 0 {
        governance.push(format!("{} board seats for families", g.family_seats));
    }
    if g.mission_adopted {
        governance.push("an adopted mission".into());
    }
    if g.monitoring {
        governance.push("monitoring of the plan".into());
    }
    Assets {
        n_actors: city.actors.len(),
        n_active: city
            .actors
            .iter()
            .filter(|a| a.commitment.is_active())
            .count(),
        sectors: model
            .sectors
            .iter()
            .filter(|s| present.contains(s.id.as_str()))
            .map(|s| s.name.clone())
            .collect(),
        leros: crate::analysis::leros(city)
            .iter()
            .map(|a| a.name.clone())
            .collect(),
        initiatives: city
            .initiatives
            .iter()
            .map(|i| InitiativeView {
                name: i.name.clone(),
                led_by: list(
                    &i.led_by
                        .iter()
                        .map(|a| name(a.as_str()))
                        .collect::<Vec<_>>(),
                    4,
                ),
                provides: list(
                    &i.provides
                        .iter()
                        .map(|c| name(c.as_str()))
                        .collect::<Vec<_>>(),
                    6,
                ),
                public: i.public,
                per_year: i.per_year,
            })
            .collect(),
        n_formal: city
            .partnerships
            .iter()
            .filter(|p| p.formal.is_formal())
            .count(),
        governance,
    }
}

/// Positions in the unit square. The largest component fills the main area; smaller components
/// are stacked in a column on the right, each laid out on its own; actors with no partnership sit
/// in a row along the bottom.
fn place(n: usize, edges: &[(usize, usize)]) -> Vec<(f64, f64)> {
    let mut root: Vec<usize> = (0..n).collect();
    fn find(root: &mut [usize], i: usize) -> usize {
        let mut r = i;
        while root[r] != r {
            r = root[r];
        }
        root[i] = r;
        r
    }
    let mut linked = vec![false; n];
    for &(a, b) in edges {
        linked[a] = true;
        linked[b] = true;
        let (ra, rb) = (find(&mut root, a), find(&mut root, b));
        root[ra.max(rb)] = ra.min(rb);
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> =
        std::collections::BTreeMap::new();
    for i in (0..n).filter(|&i| linked[i]) {
        let r = find(&mut root, i);
        groups.entry(r).or_default().push(i);
    }
    let mut components: Vec<Vec<usize>> = groups.into_values().collect();
    components.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a[0].cmp(&b[0])));
    let alone: Vec<usize> = (0..n).filter(|&i| !linked[i]).collect();
    let bottom = if alone.is_empty() { 1.0 } else { 0.88 };
    let side = if components.len() > 1 { 0.72 } else { 1.0 };
    let mut pos = vec![(0.5, 0.5); n];
    let small: usize = components.iter().skip(1).map(Vec::len).sum();
    let mut y = 0.0;
    for (c, members) in components.iter().enumerate() {
        let (x0, w, y0, h) = if c == 0 {
            (0.0, side, 0.0, bottom)
        } else {
            let h = bottom * members.len() as f64 / small as f64;
            y += h;
            (side + 0.06, 1.0 - side - 0.06, y - h, h * 0.85)
        };
        let index: std::collections::HashMap<usize, usize> =
            members.iter().enumerate().map(|(j, &i)| (i, j)).collect();
        let inner: Vec<(usize, usize)> = edges
            .iter()
            .filter(|(a, _)| index.contains_key(a))
            .map(|(a, b)| (index[a], index[b]))
            .collect();
        for (j, p) in layout(members.len(), &inner).into_iter().enumerate() {
            pos[members[j]] = (x0 + p.0 * w, y0 + p.1 * h);
        }
    }
    for (j, &i) in alone.iter().enumerate() {
        let x = if alone.len() == 1 {
            0.5
        } else {
            j as f64 / (alone.len() - 1) as f64
        };
        pos[i] = (x, 1.0);
    }
    pos
}

fn network(model: &Model, city: &City, analysis: &Analysis) -> NetworkView {
    let n = &analysis.network;
    let name = |id: &str| name_of(model, city, id);
    let sector_index = |s: &str| {
        model
            .sectors
            .iter()
            .position(|x| x.id.as_str() == s)
            .unwrap_or(model.sectors.len())
    };
    let mut order: Vec<usize> = (0..city.actors.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&city.actors[a], &city.actors[b]);
        sector_index(x.sector.as_str())
            .cmp(&sector_index(y.sector.as_str()))
            .then_with(|| x.id.cmp(&y.id))
    });
    let slot: std::collections::HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(slot, &i)| (city.actors[i].id.as_str(), slot))
        .collect();
    let mut pairs: std::collections::BTreeMap<(usize, usize), bool> =
        std::collections::BTreeMap::new();
    for p in &city.partnerships {
        let (Some(&a), Some(&b)) = (slot.get(p.a.as_str()), slot.get(p.b.as_str())) else {
            continue;
        };
        *pairs.entry((a.min(b), a.max(b))).or_insert(false) |= p.formal.is_formal();
    }
    let pos = place(order.len(), &pairs.keys().copied().collect::<Vec<_>>());
    let (w, h) = DRAWING;
    let margin = 30.0;
    let at = |slot: usize| {
        (
            round1(margin + pos[slot].0 * (w - 2.0 * margin)),
            round1(margin + pos[slot].1 * (h - 2.0 * margin)),
        )
    };
    let colour = |s: &str| sector_colour(model, s).to_owned();
    let aps: BTreeSet<&str> = n.articulation_points.iter().map(|a| a.as_str()).collect();
    let mut by_degree: Vec<(&ActorId, usize)> = n
        .actors
        .iter()
        .map(|(id, m)| (id, m.degree))
        .filter(|(_, d)| *d > 0)
        .collect();
    by_degree.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let labelled: BTreeSet<&str> = by_degree
        .iter()
        .take(LABELLED)
        .map(|(id, _)| id.as_str())
        .collect();
    let nodes = order
        .iter()
        .enumerate()
        .map(|(slot, &i)| {
            let a = &city.actors[i];
            let degree = n.actors.get(&a.id).map_or(0, |m| m.degree);
            let (x, y) = at(slot);
            let r = round1(4.0 + 2.0 * (degree as f64).sqrt());
            let left = x > w * 0.6;
            NodeShape {
                x,
                y,
                r,
                label_x: round1(if left { x - r - 3.0 } else { x + r + 3.0 }),
                label_anchor: if left { "end" } else { "start" },
                colour: colour(a.sector.as_str()),
                name: a.name.clone(),
                sector: name(a.sector.as_str()),
                single_point: aps.contains(a.id.as_str()),
                isolated: degree == 0,
                labelled: labelled.contains(a.id.as_str()),
            }
        })
        .collect();
    let edges = pairs
        .iter()
        .map(|(&(a, b), &formal)| {
            let ((x1, y1), (x2, y2)) = (at(a), at(b));
            EdgeShape {
                x1,
                y1,
                x2,
                y2,
                formal,
            }
        })
        .collect();
    let present: BTreeSet<&str> = city.actors.iter().map(|a| a.sector.as_str()).collect();
    let legend = model
        .sectors
        .iter()
        .filter(|s| present.contains(s.id.as_str()))
        .map(|s| LegendItem {
            sector: s.name.clone(),
            colour: colour(s.id.as_str()),
        })
        .collect();
    let brokers = n.brokers();
    NetworkView {
        n_actors: n.n_actors,
        n_partnerships: n.n_partnerships,
        density: format!("{:.3}", n.density),
        centralization: format!("{:.3}", n.degree_centralization),
        n_components: n.components.len(),
        articulation_points: n
            .articulation_points
            .iter()
            .map(|a| name(a.as_str()))
            .collect(),
        isolated: n
            .components
            .iter()
            .filter(|c| c.len() == 1)
            .map(|c| name(c[0].as_str()))
            .collect(),
        brokers: brokers
            .iter()
            .take(5)
            .map(|(id, m)| (name(id.as_str()), format!("{:.3}", m.betweenness)))
            .collect(),
        drawing: Drawing {
            width: w,
            height: h,
            nodes,
            edges,
            legend,
        },
    }
}
