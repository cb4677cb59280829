//! What a plan asks the partnership to check and to map next, rather than to act on: assumed
//! gaps ("confirm whether ..."), funding the profile does not record, and the sectors,
//! capabilities and links not assessed because the profile has not mapped them yet.

use crate::analysis::{Analysis, Basis, Gap};
use crate::model::{City, Model};

/// Things to check and to map next, in words.
#[derive(Clone, Debug, Default)]
pub struct ToCheck {
    /// One sentence each: assumed gaps first (in the analysis's order), then funding not recorded.
    pub checks: Vec<String>,
    /// Sector names not mapped yet.
    pub sectors: Vec<String>,
    /// Capability names not assessed.
    pub capabilities: Vec<String>,
    /// Required links not assessed, as "A and B".
    pub links: Vec<String>,
}

/// The checks and the map-next lists of an analysis.
pub(super) fn to_check(model: &Model, city: &City, analysis: &Analysis) -> ToCheck {
    let sector = |id: &str| model.sector(id).map_or(id, |s| s.name.as_str()).to_owned();
    let assumed: Vec<&Gap> = analysis
        .gaps
        .iter()
        .filter(|g| g.basis == Basis::Assumed)
        .collect();
    // Missing capabilities that all rest on one group's unrecorded provision make one check,
    // not one each.
    let mut by_groups: Vec<(Vec<&str>, Vec<&Gap>)> = Vec::new();
    let mut checks: Vec<String> = Vec::new();
    // Findings that rest only on funding not recorded are answered by the funding question
    // below, asked once.
    let (on_funding, assumed): (Vec<&Gap>, Vec<&Gap>) = assumed
        .into_iter()
        .partition(|g| g.assumed_from.iter().all(|f| f.ends_with(".funding")));
    for g in assumed {
        let groups: Option<Vec<&str>> = (g.rule == crate::model::RuleKind::MissingCapability)
            .then(|| {
                g.assumed_from
                    .iter()
                    .map(|f| f.strip_suffix(".provides"))
                    .collect()
            })
            .flatten();
        match groups {
            Some(groups) => match by_groups.iter_mut().find(|(ids, _)| *ids == groups) {
                Some((_, gaps)) => gaps.push(g),
                None => by_groups.push((groups, vec![g])),
            },
            None => checks.push(confirm(model, city, g)),
        }
    }
    for (groups, gaps) in by_groups {
        let names: Vec<String> = groups
            .iter()
            .map(|id| {
                city.any_actor(id)
                    .map_or(*id, |a| a.name.as_str())
                    .to_owned()
            })
            .collect();
        let name = join_and(&names);
        let capabilities: Vec<String> = gaps
            .iter()
            .filter_map(|g| g.subjects.first())
            .map(|c| {
                model
                    .capability(c)
                    .map_or(c.as_str(), |d| d.name.as_str())
                    .to_owned()
            })
            .collect();
        checks.push(sentence(&format!(
            "What {name} provide{} is not recorded: ask whether they offer {}, which no organisation in the profile provides",
            if names.len() == 1 { "s" } else { "" },
            join_and(&capabilities)
        )));
    }
    let unfunded: Vec<String> = analysis
        .to_check
        .iter()
        .filter_map(|c| city.actor(&c.subject).map(|a| a.name.clone()))
        .collect();
    if !unfunded.is_empty() {
        let waiting = if on_funding.is_empty() {
            String::new()
        } else {
            format!(
                " The answer also settles {}",
                join_and(
                    &on_funding
                        .iter()
                        .map(|g| match g.rule {
                            crate::model::RuleKind::FundingRisk => {
                                "whether the recovery community draws on enough funders".to_owned()
                            }
                            crate::model::RuleKind::MissingLink => {
                                "whether a funder of the city works with the recovery community"
                                    .to_owned()
                            }
                            _ => format!("whether {}", g.message),
                        })
                        .collect::<Vec<_>>()
                )
            )
        };
        checks.push(sentence(&format!(
            "Funding not recorded for {}: how {} funded, and until when?{waiting}",
            join_and(&unfunded),
            if unfunded.len() == 1 {
                "is it"
            } else {
                "is each"
            }
        )));
    } else {
        checks.extend(on_funding.iter().map(|g| confirm(model, city, g)));
    }
    let na = &analysis.not_assessed;
    ToCheck {
        checks,
        sectors: na.sectors.iter().map(|s| sector(s)).collect(),
        capabilities: na
            .capabilities
            .iter()
            .map(|c| {
                model
                    .capability(c)
                    .map_or(c.as_str(), |d| d.name.as_str())
                    .to_owned()
            })
            .collect(),
        links: na
            .links
            .iter()
            .map(|l| match l.split_first() {
                Some((from, to)) => format!(
                    "{} and {}",
                    sector(from),
                    to.iter()
                        .map(|s| sector(s))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
                None => String::new(),
            })
            .collect(),
    }
}

/// The gap's finding and, in words, what it rests on: "... (to confirm: ...)".
fn confirm(model: &Model, city: &City, gap: &Gap) -> String {
    let name = |id: &str| {
        city.any_actor(id)
            .map_or(id, |a| a.name.as_str())
            .to_owned()
    };
    let reasons: Vec<String> = gap
        .assumed_from
        .iter()
        .map(|f| {
            if let Some(id) = f.strip_suffix(".commitment") {
                format!("the commitment of {} is not known", name(id))
            } else if let Some(id) = f.strip_suffix(".closed_on") {
                format!("when {} closed is not recorded", name(id))
            } else if let Some(id) = f.strip_suffix(".per_year") {
                let name = city
                    .initiatives
                    .iter()
                    .find(|i| i.id == id)
                    .map_or(id, |i| i.name.as_str());
                format!("how often {name} happens is not recorded")
            } else if let Some(id) = f.strip_suffix(".funding") {
                format!("how {} is funded is not recorded", name(id))
            } else if let Some(id) = f.strip_suffix(".provides") {
                format!("what {} provides is not recorded", name(id))
            } else if let Some(pair) = f.strip_suffix(": formal") {
                let ends: Vec<String> = pair
                    .split(" -- ")
                    .flat_map(|p| p.split(" -> "))
                    .map(name)
                    .collect();
                format!(
                    "whether the partnership between {} is written down is not known",
                    ends.join(" and ")
                )
            } else if let Some(s) = f.strip_suffix(": sector not mapped") {
                let s = model.sector(s).map_or(s, |d| d.name.as_str());
                format!("the {s} sector is not mapped yet")
            } else if let Some(n) = f
                .strip_prefix("city.mapped_sectors (")
                .and_then(|r| r.split(' ').next())
            {
                format!("{n} sectors are not mapped yet, and a partner may be among them")
            } else {
                f.clone()
            }
        })
        .collect();
    sentence(&format!(
        "{} (to confirm: {})",
        gap.message,
        reasons.join("; ")
    ))
}

/// `a, b and c`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Capital first letter, full stop at the end.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !out.ends_with(['.', '?', '!']) {
        out.push('.');
    }
    out
}
