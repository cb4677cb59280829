//! The view model: everything a template sees, as plain strings and numbers (documented in the
//! README for councils writing their own templates). Built from the domain values; templates
//! never see those.

mod assets;
mod history;
mod network;

use super::Plan;
use super::fill::{list, name_of};
use crate::analysis::Analysis;
use crate::model::city::ActionStatus;
use crate::model::definition::{Horizon, IndicatorKind, Severity, render_citations};
use crate::model::ids::ActorId;
use crate::model::{City, Model};
use serde::Serialize;

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
    /// A summary by sector, for a city too large to draw actor by actor: each node is a sector
    /// (sized by its actors), each edge the partnerships between two sectors.
    pub summary: bool,
    /// Actors with no partnership.
    pub n_isolated: usize,
    /// Single points of failure.
    pub n_single_points: usize,
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
    /// `start`, `end` or `middle` (in a summary, the name goes under the node): the SVG text
    /// anchor of the name.
    pub label_anchor: &'static str,
    /// The actors it stands for: 1, or in a summary the sector's.
    pub actors: usize,
    /// In a summary, the sector's figures in words; empty for an actor.
    pub detail: String,
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
    /// At least one formal partnership; in a summary, most of them formal.
    pub formal: bool,
    /// Line width: 1.6 formal, 1 informal; in a summary, by the number of partnerships.
    pub width: f64,
    /// In a summary, the two sectors and their partnerships in words; empty for a pair of actors.
    pub detail: String,
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
            assets: assets::assets(model, city),
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
            network: network::network(model, city, analysis),
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
