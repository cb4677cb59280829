//! The view model: everything a template sees, as plain strings and numbers (documented in the
//! README for councils writing their own templates). Built from the domain values; templates
//! never see those.

mod actions;
mod assets;
mod history;
mod mission;
mod network;
mod pillars;

use super::Plan;
use super::names::Names;
use crate::analysis::{Analysis, Basis};
use crate::model::definition::Severity;
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
    /// Decisions asked of the board, in order, one sentence each.
    pub decisions: Vec<String>,
    /// Mission and vision, made the city's own.
    pub mission: MissionView,
    /// Short-term goals (year one), one sentence each, at most three.
    pub short_goals: Vec<String>,
    /// Long-term goals (years two and three), one sentence each.
    pub long_goals: Vec<String>,
    /// Actions year one may hold.
    pub capacity: u32,
    /// Year one's actions.
    pub year_one: Vec<ActionView>,
    /// The actions of years two and three.
    pub years_two_three: Vec<ActionView>,
    /// Every other action.
    pub later: Vec<ActionView>,
    /// Every action, in plan order (year one, years two and three, later).
    pub actions: Vec<ActionView>,
    /// The largest number of actions one organisation leads.
    pub most_led: u32,
    /// The risk register.
    pub risks: Vec<RiskView>,
    /// How many risks also have an action (a funding that ends within year one).
    pub risk_actions: usize,
    /// Tracked actions no longer generated.
    pub retired: Vec<RetiredView>,
    /// Tracked entries that matched an action another entry already tracks, as sentences.
    pub shadowed: Vec<String>,
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
    /// The sources, by title and file, for the appendix.
    pub sources: Vec<SourceView>,
    /// What changed since the plan last written in the same folder, if there was one.
    pub since_last: Option<HistoryView>,
}

/// A source document.
#[derive(Debug, Serialize)]
pub struct SourceView {
    /// Its title and authors.
    pub title: String,
    /// Its file name or reference.
    pub file: String,
}

/// A risk of the register.
#[derive(Debug, Serialize)]
pub struct RiskView {
    /// The organisation's name, or the pillar's for a risk of the partnership as a whole.
    pub name: String,
    /// What would be lost, in a sentence.
    pub what: String,
    /// One mitigation, in a sentence.
    pub mitigation: String,
    /// The title of the action that also answers it (a funding cliff within year one), or empty.
    pub action: String,
    /// The tracked status, or empty.
    pub status: String,
    /// The gap ids behind it (appendix and monitoring only).
    pub gaps: Vec<String>,
}

/// A possible source of funding.
#[derive(Clone, Debug, Serialize)]
pub struct FundingView {
    /// Its name, or what to look for.
    pub name: String,
    /// "no cost", "staff time" or "new money".
    pub cost: String,
    /// `city`, `model` or `local`.
    pub from: String,
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
    /// Partnerships added, as "A and B (kind)" or "A to B (kind)".
    pub partnerships_added: Vec<String>,
    /// Partnerships removed, in the same words.
    pub partnerships_removed: Vec<String>,
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
    /// Planned initiatives.
    pub planned: Vec<InitiativeView>,
    /// Number of formal partnerships.
    pub n_formal: usize,
    /// Formal partnerships, as "A with B, C and D" by the organisation in most of them (at most 4
    /// phrases, then "and N more partnerships").
    pub formal: Vec<String>,
    /// Governance already in place, as phrases.
    pub governance: Vec<String>,
    /// The board's own name, or empty.
    pub board: String,
    /// District names.
    pub districts: Vec<String>,
    /// Prospects being approached, by name.
    pub prospects: Vec<String>,
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

/// An action.
#[derive(Clone, Debug, Serialize)]
pub struct ActionView {
    /// Position in the plan, from 1.
    pub number: usize,
    /// Stable id (appendix and monitoring only).
    pub id: String,
    /// The gap ids it answers (appendix and monitoring only).
    pub gaps: Vec<String>,
    /// The gaps it answers, in words, one sentence each.
    pub answers: Vec<String>,
    /// high, medium or low.
    pub severity: String,
    /// Pillar name.
    pub pillar: String,
    /// Title.
    pub title: String,
    /// What to do.
    pub what: String,
    /// Lead's name, or empty.
    pub lead: String,
    /// Why that lead, or what to do when there is none.
    pub lead_reason: String,
    /// The lead and the reason as a sentence: "Name: reason." or "Reason."
    pub lead_line: String,
    /// Partners, by name.
    pub partners: Vec<String>,
    /// Prospects and identified organisations to approach, by name.
    pub approach: Vec<String>,
    /// Planned initiatives or organisations that will answer it, by name.
    pub planned: Vec<String>,
    /// `year1`, `years2-3` or `later`.
    pub phase: String,
    /// "Year one", "Years two and three" or "Later".
    pub phase_name: String,
    /// Quarter of year one (1 to 4), or 0.
    pub quarter: u8,
    /// When: "Q2, by 2027-02-28", "by 2029-08-31", or empty.
    pub when: String,
    /// Due date, or empty.
    pub due: String,
    /// Whether the due date is a suggestion.
    pub due_suggested: bool,
    /// The date that made it urgent, or empty.
    pub deadline: String,
    /// Indicators.
    pub indicators: Vec<IndicatorView>,
    /// "no cost", "staff time" or "new money".
    pub cost: String,
    /// Where funding could come from.
    pub funding: Vec<FundingView>,
    /// Source passages, by title.
    pub sources: Vec<String>,
    /// Status word.
    pub status: String,
    /// Whether the profile tracks it.
    pub tracked: bool,
    /// Owner's name, else the lead's, or empty.
    pub owner: String,
    /// Tracked note, or empty.
    pub note: String,
}

/// An indicator.
#[derive(Clone, Debug, Serialize)]
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
    /// How betweenness and closeness were estimated, when they were (a large network).
    pub paths: Option<String>,
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

/// `x` rounded to one decimal.
pub(super) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
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
        let names = Names::new(model, city);
        let pillars = pillars::pillars(model, analysis);
        let mut strongest: Vec<PillarView> = pillars
            .iter()
            .filter(|p| p.score_text != "not assessed")
            .cloned()
            .collect();
        strongest.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        strongest.truncate(3);
        let count = |s: Severity| {
            analysis
                .gaps
                .iter()
                .filter(|g| g.severity == s && g.basis == Basis::Recorded)
                .count()
        };
        let actions = actions::actions(&names, model, plan);
        let by_phase = |phase: &str| -> Vec<ActionView> {
            actions
                .iter()
                .filter(|a| a.phase == phase)
                .cloned()
                .collect()
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
            strongest,
            assets: assets::assets(model, city, &names),
            decisions: mission::decisions(city, plan),
            mission: mission::mission(model, city),
            short_goals: mission::goals(&names, plan, super::Phase::Year1),
            long_goals: mission::goals(&names, plan, super::Phase::Years2To3),
            capacity: plan.capacity,
            year_one: by_phase("year1"),
            years_two_three: by_phase("years2-3"),
            later: by_phase("later"),
            actions,
            most_led: most_led(plan),
            risks: actions::risks(plan),
            risk_actions: plan.risks.iter().filter(|r| r.action.is_some()).count(),
            retired: actions::retired(&names, plan),
            shadowed: actions::shadowed(plan),
            to_check: plan
                .to_check
                .checks
                .iter()
                .map(|c| c.text.clone())
                .collect(),
            map_next: MapNextView {
                sectors: plan.to_check.sectors.clone(),
                capabilities: plan.to_check.capabilities.clone(),
                links: plan.to_check.links.clone(),
            },
            gaps: GapCounts {
                total: count(Severity::High) + count(Severity::Medium) + count(Severity::Low),
                assumed: analysis
                    .gaps
                    .iter()
                    .filter(|g| g.basis == Basis::Assumed)
                    .count(),
                high: count(Severity::High),
                medium: count(Severity::Medium),
                low: count(Severity::Low),
            },
            network: network::network(&names, model, city, analysis),
            scoring: pillars::scoring(model),
            sources: model
                .sources
                .iter()
                .map(|s| SourceView {
                    title: s.title.clone(),
                    file: s.file.clone(),
                })
                .collect(),
            pillars,
            since_last,
        }
    }
}

/// The largest number of actions one organisation leads.
fn most_led(plan: &Plan) -> u32 {
    let mut per: std::collections::BTreeMap<&str, u32> = std::collections::BTreeMap::new();
    for a in &plan.actions {
        if let Some(id) = &a.lead.actor {
            *per.entry(id.as_str()).or_insert(0) += 1;
        }
    }
    per.into_values().max().unwrap_or(0)
}
