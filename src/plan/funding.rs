//! Where an action's funding could come from, in order: the city's own funders (its actors of
//! the funder sector, and the sources named in the funding of the organisations concerned), then
//! the model's sources open in the city's country at `as_of` that fit the action's rules, then
//! "to be completed locally" with the kinds to look for. Never a British fund outside GB.

use super::group::Draft;
use super::names::Names;
use crate::model::city::{Commitment, FundingKind};
use crate::model::definition::Cost;
use crate::model::funding::FundingSourceKind;
use crate::model::ids::ActorId;
use crate::model::{City, Model, known};

/// How many of the city's own funders an action names.
const MAX_CITY: usize = 3;

/// How many funding leads an action names in all.
const MAX_LEADS: usize = 5;

/// A possible source of an action's funding.
#[derive(Clone, Debug)]
pub struct FundingLead {
    /// Its name, or what to look for.
    pub name: String,
    /// How it gives: `grant`, `commissioning`, `csr`, `own_time`, `funder` (a funder of the
    /// city's), `current` (a current funder of the organisation concerned), `local`.
    pub kind: &'static str,
    /// What it costs.
    pub cost: Cost,
    /// `city`, `model` or `local`.
    pub from: &'static str,
}

fn kind_word(k: FundingSourceKind) -> &'static str {
    match k {
        FundingSourceKind::Grant => "grant",
        FundingSourceKind::Commissioning => "commissioning",
        FundingSourceKind::Csr => "csr",
        FundingSourceKind::OwnTime => "own_time",
    }
}

/// The funding leads of an action costing `cost`, led by `lead`.
pub(super) fn leads(
    model: &Model,
    city: &City,
    names: &Names<'_>,
    draft: &Draft<'_>,
    cost: Cost,
    lead: Option<&ActorId>,
) -> Vec<FundingLead> {
    let mut out: Vec<FundingLead> = Vec::new();
    let mut push = |name: String, kind: &'static str| {
        if !out.iter().any(|x| x.name == name) {
            out.push(FundingLead {
                name,
                kind,
                cost,
                from: "city",
            });
        }
    };
    if cost == Cost::NewMoney {
        // For an organisation's own funding, its current funders (grants and contracts, not its
        // earned income or donations): they are asked to renew it, not to pay for new work. Then
        // the city's funders, the grants its organisations hold, and funders being approached.
        let own = draft.id.starts_with("funding.");
        let concerned = lead
            .into_iter()
            .map(ActorId::as_str)
            .chain(draft.primary().subjects.iter().map(String::as_str))
            .filter(|_| own)
            .filter_map(|id| city.actor(id));
        for a in concerned {
            for f in a.funding.iter().filter(|f| funds(f)) {
                push(names.funder(&f.source), "current");
            }
        }
        for f in city
            .actors
            .iter()
            .filter(|a| a.sector.as_str() == known::FUNDER && a.commitment != Commitment::Declined)
        {
            push(f.name.clone(), "funder");
        }
        // Grants the city's organisations hold from a funder the profile names as an organisation.
        for f in city.actors.iter().flat_map(|a| &a.funding) {
            if f.kind == Some(FundingKind::Grant) && names.find_actor(&f.source).is_some() {
                push(names.funder(&f.source), "funder");
            }
        }
        for p in city
            .prospects
            .iter()
            .filter(|p| p.sector.as_str() == known::FUNDER)
        {
            push(p.name.clone(), "prospect");
        }
        out.truncate(MAX_CITY);
    }
    let rules: Vec<&str> = draft.gaps.iter().map(|g| g.rule.as_str()).collect();
    for s in model.funding_sources.iter().filter(|s| {
        s.open_to(&city.country, city.as_of)
            && s.fits.iter().any(|f| rules.contains(&f.as_str()))
            && (s.kind == FundingSourceKind::OwnTime) == (cost != Cost::NewMoney)
    }) {
        out.push(FundingLead {
            name: s.name.clone(),
            kind: kind_word(s.kind),
            cost: if s.kind == FundingSourceKind::OwnTime {
                Cost::StaffTime
            } else {
                Cost::NewMoney
            },
            from: "model",
        });
    }
    out.truncate(MAX_LEADS);
    if out.is_empty() {
        out.push(FundingLead {
            name: match cost {
                Cost::NewMoney => "To be completed locally: a local or regional grant, commissioning by the council or region, or a business partnership".into(),
                Cost::StaffTime => "Partners' own time".into(),
                Cost::None => "No new funding needed".into(),
            },
            kind: if cost == Cost::NewMoney { "local" } else { "own_time" },
            cost,
            // The partners' own time is the city's, not something left to complete.
            from: if cost == Cost::NewMoney { "local" } else { "city" },
        });
    }
    out
}

/// Whether a funding entry is a funder's money (not earned income or donations).
fn funds(f: &crate::model::city::Funding) -> bool {
    !matches!(f.kind, Some(FundingKind::Earned | FundingKind::Donations))
}
