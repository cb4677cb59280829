//! Plan stage: recorded gaps to a plan a board can adopt (plan.md). Gaps whose model group keys
//! resolve alike make one action (`group`); actions are ordered and phased within the
//! partnership's capacity, with quarters and due dates before their deadlines (`phase`); each is
//! led by remit within a workload cap (`lead`), names the prospects, identified actors and
//! planned initiatives that answer it (`named`), its indicators by kind (`indicators`) and its
//! funding by country (`funding`). Risks go to a register (`risk`), assumed findings and what is
//! not mapped to "to check" (`check`); the profile's tracked statuses are merged (`track`).
//!
//! Pure: `build_plan(&Model, &City, &Analysis, capacity) -> Plan`. Templates see
//! [`view::PlanView`] only.

mod action;
mod check;
mod fill;
mod funding;
mod group;
mod indicators;
pub mod json;
mod layout;
mod lead;
mod named;
pub(crate) mod names;
mod phase;
mod risk;
mod track;
pub mod view;

pub use check::ToCheck;
pub use funding::FundingLead;
pub use lead::Lead;
pub use named::Named;
pub use risk::Risk;

use crate::analysis::Analysis;
use crate::model::city::{ActionStatus, TrackedAction};
use crate::model::definition::{Citation, Cost, Horizon, Indicator, RuleKind, Severity};
use crate::model::ids::{ActorId, PillarId};
use crate::model::{City, Date, Model};

/// The capacity a plan assumes when neither `--capacity` nor `city.capacity` gives one.
pub const DEFAULT_CAPACITY: u32 = 6;

/// A plan: the city's actions in plan order (year one, years two and three, later), its risks,
/// what to check, and tracked actions no longer generated.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Actions year one may hold.
    pub capacity: u32,
    /// The actions, in plan order.
    pub actions: Vec<Action>,
    /// The risk register.
    pub risks: Vec<Risk>,
    /// Tracked actions whose gaps have closed or that the plan no longer generates.
    pub retired: Vec<TrackedAction>,
    /// Tracked entries that matched an action another entry already tracks: (entry id, action id).
    pub shadowed: Vec<(String, String)>,
    /// Assumed findings and funding not recorded, to check; what to map next.
    pub to_check: ToCheck,
}

/// When an action is planned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// The 12 months from `as_of`.
    Year1,
    /// The two years after.
    Years2To3,
    /// Every other action.
    Later,
}

impl Phase {
    /// The word used in plan.json.
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Year1 => "year1",
            Phase::Years2To3 => "years2-3",
            Phase::Later => "later",
        }
    }

    /// Years the phase spans, for lead caps (later actions take no lead yet).
    fn years(self) -> u32 {
        match self {
            Phase::Year1 => 1,
            Phase::Years2To3 => 2,
            Phase::Later => 0,
        }
    }

    fn next(self) -> Option<Phase> {
        match self {
            Phase::Year1 => Some(Phase::Years2To3),
            Phase::Years2To3 => Some(Phase::Later),
            Phase::Later => None,
        }
    }
}

/// One action of the plan.
#[derive(Clone, Debug)]
pub struct Action {
    /// Stable id: the group key of its gaps.
    pub id: String,
    /// The gaps it answers, the primary first.
    pub gaps: Vec<String>,
    /// The gaps it answers, in words.
    pub answers: Vec<String>,
    /// The primary gap's rule.
    pub rule: RuleKind,
    /// The highest severity of its gaps.
    pub severity: Severity,
    /// The pillar it strengthens.
    pub pillar: PillarId,
    /// Short title.
    pub title: String,
    /// What to do, specific to the city.
    pub what: String,
    /// Who leads, and why.
    pub lead: Lead,
    /// Partners to involve.
    pub partners: Vec<ActorId>,
    /// Prospects and identified actors to approach.
    pub approach: Vec<Named>,
    /// Planned initiatives or actors that will answer it.
    pub planned: Vec<Named>,
    /// The primary gap's horizon.
    pub horizon: Horizon,
    /// Year one, years two and three, or later.
    pub phase: Phase,
    /// The quarter of year one (1 to 4).
    pub quarter: Option<u8>,
    /// When it is due: tracked, else suggested (year one and years two and three).
    pub due: Option<Date>,
    /// Whether `due` is a suggestion.
    pub due_suggested: bool,
    /// The date that made it urgent (a funding's end).
    pub deadline: Option<Date>,
    /// How it will be known to work.
    pub indicators: Vec<Indicator>,
    /// What it costs.
    pub cost: Cost,
    /// Where funding could come from.
    pub funding: Vec<FundingLead>,
    /// The source passages of its gaps, each once.
    pub sources: Vec<Citation>,
    /// Tracked status, or `proposed`.
    pub status: ActionStatus,
    /// Whether the profile tracks it.
    pub tracked: bool,
    /// The id it is tracked under (the action's, or one of its gaps').
    pub tracked_as: Option<String>,
    /// The tracked owner.
    pub owner: Option<ActorId>,
    /// The tracked note.
    pub note: Option<String>,
}

/// Builds the plan for `city` from its analysis, with year one holding at most `capacity`
/// actions (`plan --capacity`, else `city.capacity`, else [`DEFAULT_CAPACITY`]).
pub fn build_plan(model: &Model, city: &City, analysis: &Analysis, capacity: Option<u32>) -> Plan {
    let capacity = capacity
        .or(city.capacity)
        .unwrap_or(DEFAULT_CAPACITY)
        .max(1);
    let names = names::Names::new(model, city);
    let (drafts, risk_gaps) = group::group(model, city, analysis);
    let tracking = track::match_tracked(model, city, &drafts, &risk_gaps);
    let actions = phase::phase(
        &phase::Context {
            model,
            city,
            analysis,
            names: &names,
            capacity,
        },
        drafts,
        &tracking,
    );
    let answered = actions
        .iter()
        .flat_map(|a| a.gaps.iter().map(|g| (g.clone(), a.id.clone())))
        .collect();
    // Every recorded single point of failure and funding risk, including the funding cliffs that
    // also make an action.
    let mut all_risks: Vec<&crate::analysis::Gap> = analysis
        .gaps
        .iter()
        .filter(|g| {
            g.basis == crate::analysis::Basis::Recorded
                && matches!(
                    g.rule,
                    RuleKind::SinglePointOfFailure | RuleKind::FundingRisk
                )
        })
        .collect();
    all_risks.sort_by(|a, b| a.severity.cmp(&b.severity).then_with(|| a.id.cmp(&b.id)));
    let mut risks = risk::register(&names, &all_risks, &answered);
    for r in &mut risks {
        r.status = r
            .gaps
            .iter()
            .find_map(|g| tracking.risks.get(g.as_str()))
            .map(|t| t.status);
    }
    Plan {
        capacity,
        actions,
        risks,
        retired: tracking.retired,
        shadowed: tracking.shadowed,
        to_check: check::to_check(model, city, analysis),
    }
}
