//! What a plan asks the partnership to check and to map next, rather than to act on: assumed
//! gaps ("confirm whether ..."), funding the profile does not record, and the sectors,
//! capabilities and links not assessed because the profile has not mapped them yet.

use crate::analysis::{Analysis, Basis, Gap};
use crate::model::{City, Model};
use crate::words::{list, sentence};

/// One thing to check: a sentence and the assumed gaps it answers.
#[derive(Clone, Debug, Default)]
pub struct Check {
    /// The gaps it would settle (none for funding not recorded alone).
    pub gaps: Vec<String>,
    /// What to check, as a sentence.
    pub text: String,
}

impl Check {
    fn new<'g>(gaps: impl IntoIterator<Item = &'g &'g Gap>, text: String) -> Check {
        Check {
            gaps: gaps.into_iter().map(|g| g.id.clone()).collect(),
            text,
        }
    }
}

/// Things to check and to map next, in words.
#[derive(Clone, Debug, Default)]
pub struct ToCheck {
    /// Assumed gaps first (in the analysis's order), then funding not recorded.
    pub checks: Vec<Check>,
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
    let mut checks: Vec<Check> = Vec::new();
    // Findings that rest only on funding not recorded are answered by the funding question
    // below, asked once.
    let (on_funding, assumed): (Vec<&Gap>, Vec<&Gap>) = assumed
        .into_iter()
        .partition(|g| g.assumed_from.iter().all(|f| f.ends_with(".funding")));
    // Findings that rest only on sectors not mapped yet make one check, with the caveat once.
    let (on_unmapped, assumed): (Vec<&Gap>, Vec<&Gap>) = assumed.into_iter().partition(|g| {
        g.assumed_from
            .iter()
            .all(|f| f.starts_with("city.mapped_sectors ("))
    });
    // An organisation that declined has no partnership to confirm.
    let on_unmapped: Vec<&Gap> = on_unmapped
        .into_iter()
        .filter(|g| {
            let declined = g
                .subjects
                .first()
                .and_then(|a| city.actor(a))
                .is_some_and(|a| a.commitment == crate::model::city::Commitment::Declined);
            g.rule != crate::model::RuleKind::IsolatedActor || !declined
        })
        .collect();
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
            None => checks.push(Check::new([&g], confirm(model, city, g))),
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
        let name = and_list(&names);
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
        checks.push(Check::new(&gaps, sentence(&format!(
            "What {name} provide{} is not recorded: ask whether they offer {}, which no organisation in the profile provides",
            if names.len() == 1 { "s" } else { "" },
            and_list(&capabilities)
        ))));
    }
    if !on_unmapped.is_empty() {
        let unmapped: Vec<String> = analysis
            .not_assessed
            .sectors
            .iter()
            .map(|s| sector(s))
            .collect();
        checks.push(Check::new(&on_unmapped, sentence(&format!(
            "Until the {} {} mapped, these findings are to confirm, as a partner may be among {}: {}",
            and_list(&unmapped),
            if unmapped.len() == 1 { "sector is" } else { "sectors are" },
            if unmapped.len() == 1 { "it" } else { "them" },
            unmapped_findings(city, &on_unmapped).join("; ")
        ))));
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
                and_list(
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
        checks.push(Check::new(
            &on_funding,
            sentence(&format!(
                "Funding not recorded for {}: how {} funded, and until when?{waiting}",
                and_list(&unfunded),
                if unfunded.len() == 1 {
                    "is it"
                } else {
                    "is each"
                }
            )),
        ));
    } else {
        checks.extend(
            on_funding
                .iter()
                .map(|g| Check::new([g], confirm(model, city, g))),
        );
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

/// Findings that rest on unmapped sectors, in words: the network's single points and isolated
/// organisations counted and named (a few), anything else by its message.
fn unmapped_findings(city: &City, gaps: &[&Gap]) -> Vec<String> {
    use crate::model::RuleKind;
    let name = |g: &Gap| {
        g.subjects
            .first()
            .and_then(|a| city.any_actor(a))
            .map(|a| a.name.clone())
    };
    let declined = |g: &Gap| {
        g.subjects
            .first()
            .and_then(|a| city.actor(a))
            .is_some_and(|a| a.commitment == crate::model::city::Commitment::Declined)
    };
    let of = |rule: RuleKind| -> Vec<String> {
        let mut names: Vec<String> = gaps
            .iter()
            .filter(|g| g.rule == rule && !declined(g))
            .filter_map(|g| name(g))
            .collect();
        names.dedup();
        names
    };
    let mut out = Vec::new();
    let few = |names: &[String]| crate::words::list(names, 3);
    let holding = of(RuleKind::SinglePointOfFailure);
    if !holding.is_empty() {
        out.push(format!(
            "{} {} parts of the partnership together ({})",
            crate::words::count(holding.len(), "organisation", "organisations"),
            if holding.len() == 1 { "holds" } else { "hold" },
            few(&holding)
        ));
    }
    let alone = of(RuleKind::IsolatedActor);
    if !alone.is_empty() {
        out.push(format!(
            "{} {} no partnership yet ({})",
            crate::words::count(alone.len(), "organisation", "organisations"),
            if alone.len() == 1 { "has" } else { "have" },
            few(&alone)
        ));
    }
    out.extend(
        gaps.iter()
            .filter(|g| {
                !matches!(
                    g.rule,
                    RuleKind::SinglePointOfFailure | RuleKind::IsolatedActor
                )
            })
            .map(|g| g.message.clone()),
    );
    out
}

/// `a, b and c`, every name.
fn and_list(items: &[String]) -> String {
    list(items, usize::MAX)
}
