//! How an action will be known to work, by the kind of thing it builds (plan.md): a policy is
//! adopted and applied, an event counts events and who takes part, a training people trained,
//! a campaign reach and attitude change, a service people served and waits, housing places and
//! tenancies kept, employment placements and jobs kept, governance decisions and seats filled, a
//! partnership a written agreement, warm handovers and trust. Every action also collects stories,
//! with consent and anonymously.

use crate::model::definition::{CapabilityKind, Indicator, IndicatorKind};

/// What an action builds, for its indicators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Builds {
    /// A capability of this kind.
    Capability(CapabilityKind),
    /// A partnership between organisations or sectors.
    Partnership,
    /// A new partner of a sector.
    Partner,
    /// Funding secured.
    Funding,
}

fn milestone(text: String) -> Indicator {
    Indicator {
        kind: IndicatorKind::Milestone,
        text,
    }
}

fn count(text: String) -> Indicator {
    Indicator {
        kind: IndicatorKind::Count,
        text,
    }
}

/// The indicators of an action that builds `what`, named `name` ("recovery housing",
/// "housing and the recovery community").
pub(super) fn indicators(builds: Builds, name: &str) -> Vec<Indicator> {
    use CapabilityKind::*;
    let mut out = match builds {
        Builds::Capability(Policy) => vec![
            milestone(format!("{name} adopted, and by which organisations")),
            count(format!(
                "organisations applying {name}, and cases where it was used"
            )),
        ],
        Builds::Capability(Event) => vec![
            count(format!("{name}: events held and attendance")),
            count("people in recovery taking part or helping to run them".into()),
        ],
        Builds::Capability(Training) => {
            vec![count(format!("people trained in {name}, by organisation"))]
        }
        Builds::Capability(Campaign) => vec![
            count(format!("people the {name} reached")),
            count("change in attitudes, from a short survey before and after".into()),
        ],
        Builds::Capability(Service) => vec![
            count(format!("people served by {name} each quarter")),
            count("how long people wait, and what changed for them".into()),
        ],
        Builds::Capability(Housing) => vec![
            count(format!("places in {name}")),
            count("tenancies kept after six and twelve months".into()),
        ],
        Builds::Capability(Employment) => vec![
            count(format!("placements through {name}")),
            count("jobs kept after six months".into()),
        ],
        Builds::Capability(Governance) => vec![
            milestone(format!("{name}: the decisions taken")),
            count("seats filled by people in recovery and by family members".into()),
        ],
        Builds::Partnership => vec![
            milestone(format!("a written agreement between {name}")),
            count("referrals made with a warm handover, and how many people arrived".into()),
            count("the partners' trust in each other, rated once a year".into()),
        ],
        Builds::Partner => vec![
            milestone(format!(
                "{name} has committed to the partnership and named a contact"
            )),
            count("shared pieces of work in the first year".into()),
        ],
        Builds::Funding => vec![
            milestone(format!("funding secured for {name}, and until when")),
            count("funders, so that no single funder carries the work".into()),
        ],
    };
    out.push(Indicator {
        kind: IndicatorKind::Story,
        text: "stories from people in recovery and their families about what changed, \
               collected with consent and kept anonymous"
            .into(),
    });
    out
}
