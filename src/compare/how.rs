//! How a peer city covers what another lacks: its actors, initiatives or partnerships that do it,
//! named, for the peer-learning pairs.
//!
//! The texts are written while the city is loaded, for every peer key the model can produce
//! (sectors, capabilities, required links, governance cases) and a fallback per pillar, so a city
//! that keeps them need not be read again once it is chosen as a peer.

use crate::analysis::{Analysis, Facts, LinkState};
use crate::model::city::Governance;
use crate::model::ids::CapabilityId;
use crate::model::{City, Model};
use crate::words::list;
use rustc_hash::FxHashMap as HashMap;

/// How many names a "how" lists before "and N more".
const NAMES: usize = 3;

/// How many partnerships a required link's "how" names.
const LINK_PAIRS: usize = 2;

/// The governance cases a `lived_experience_gap` or `governance_gap` peer key can name.
const CASES: [&str; 7] = [
    "lero",
    "council-partnership",
    "recovery-seats",
    "family-seats",
    "board",
    "mission",
    "monitoring",
];

/// Every "how" a city can give: by model sector, capability and required link (when the city
/// has the link), by governance case, and the pillar fallback; an empty text means the city has
/// nothing specific to show. A thousand cities may keep these, so they are packed into one string:
/// text `i` is `text[ends[i - 1]..ends[i]]`, in the order of [`Section`].
#[derive(Debug, Default)]
pub(super) struct HowTexts {
    text: String,
    ends: Box<[u32]>,
}

/// The sections of [`HowTexts`], in order; each holds one text per item of the model (or of
/// [`CASES`]).
#[derive(Clone, Copy)]
enum Section {
    Sectors,
    Capabilities,
    Links,
    Cases,
    Visibility,
    Digital,
    /// The best-connected providers of each pillar's capabilities.
    Fallback,
}

impl Section {
    const ALL: [Section; 7] = [
        Section::Sectors,
        Section::Capabilities,
        Section::Links,
        Section::Cases,
        Section::Visibility,
        Section::Digital,
        Section::Fallback,
    ];

    fn len(self, model: &Model) -> usize {
        match self {
            Section::Sectors => model.sectors.len(),
            Section::Capabilities => model.capabilities.len(),
            Section::Links => model.required_links.len(),
            Section::Cases => CASES.len(),
            Section::Visibility | Section::Digital => 1,
            Section::Fallback => model.pillars.len(),
        }
    }

    /// Where the section's texts start.
    fn start(self, model: &Model) -> usize {
        Section::ALL
            .iter()
            .take_while(|s| **s as usize != self as usize)
            .map(|s| s.len(model))
            .sum()
    }
}

/// Names actors by id, in one lookup each.
struct Names<'c> {
    city: &'c City,
    by_id: HashMap<&'c str, &'c str>,
}

impl<'c> Names<'c> {
    fn new(city: &'c City) -> Self {
        Names {
            city,
            by_id: city
                .actors
                .iter()
                .map(|a| (a.id.as_str(), a.name.as_str()))
                .collect(),
        }
    }

    fn name(&self, id: &str) -> Option<&'c str> {
        self.by_id.get(id).copied()
    }

    /// The actors named, `NAMES` of them and how many more.
    fn list<'i>(&self, ids: impl IntoIterator<Item = &'i str>) -> String {
        let names: Vec<&str> = ids
            .into_iter()
            .map(|id| self.name(id).unwrap_or(id))
            .collect();
        list(&names, NAMES)
    }

    /// The providers of a capability, actors and initiatives, by name.
    fn providers(&self, facts: &Facts, capability: &CapabilityId) -> String {
        let mut out: Vec<&str> = facts
            .provider_actors(capability)
            .iter()
            .map(|a| self.name(a.as_str()).unwrap_or(a.as_str()))
            .collect();
        out.extend(
            self.city
                .initiatives
                .iter()
                .filter(|i| i.provides.contains(capability))
                .map(|i| i.name.as_str()),
        );
        out.dedup();
        list(&out, NAMES)
    }

    /// A partnership as the analysis lists it (`a -> b`, `a -- b`), with names.
    fn partnership(&self, text: &str) -> String {
        text.split(' ')
            .map(|w| {
                self.name(w).map_or_else(
                    || w.replace("--", "with").replace("->", "to"),
                    str::to_owned,
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl HowTexts {
    /// Writes every text of `city`.
    pub(super) fn of(model: &Model, city: &City, a: &Analysis, facts: &Facts) -> Self {
        let names = Names::new(city);
        let sectors: Vec<String> = model
            .sectors
            .iter()
            .map(|s| {
                names.list(
                    city.actors
                        .iter()
                        .filter(|x| x.sector == s.id && x.commitment.is_active())
                        .map(|x| x.id.as_str()),
                )
            })
            .collect();
        let capabilities: Vec<String> = model
            .capabilities
            .iter()
            .map(|c| names.providers(facts, &c.id))
            .collect();
        // In model order, as the analysis lists them; empty when the city lacks the link.
        let links: Vec<String> = a
            .required_links
            .iter()
            .map(|l| {
                let text = (l.state == LinkState::Present).then(|| {
                    // Two are named, the others only counted: they are left unwritten.
                    let pairs: Vec<String> = l
                        .partnerships
                        .iter()
                        .enumerate()
                        .map(|(i, p)| {
                            if i < LINK_PAIRS {
                                names.partnership(p)
                            } else {
                                String::new()
                            }
                        })
                        .collect();
                    list(&pairs, LINK_PAIRS)
                });
                text.unwrap_or_default()
            })
            .collect();
        let visibility = {
            let events: Vec<String> = city
                .initiatives
                .iter()
                .filter(|i| i.public)
                .map(|i| format!("{} ({} a year)", i.name, i.per_year.unwrap_or(1)))
                .collect();
            list(&events, NAMES)
        };
        let digital = names.list(
            city.actors
                .iter()
                .filter(|x| x.online)
                .map(|x| x.id.as_str()),
        );
        let fallback: Vec<String> = model
            .pillars
            .iter()
            .map(|p| {
                let mut actors: Vec<&str> = p
                    .capabilities
                    .iter()
                    .flat_map(|c| facts.provider_actors(c))
                    .map(|x| x.as_str())
                    .collect();
                actors.sort_unstable();
                actors.dedup();
                let between = |id: &str| a.network.actors.get(id).map_or(0.0, |m| m.betweenness);
                let mut ranked: Vec<(f64, &str)> =
                    actors.iter().map(|&x| (between(x), x)).collect();
                ranked.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(y.1)));
                names.list(ranked.into_iter().map(|(_, x)| x))
            })
            .collect();
        let none = Governance::default();
        let governance = city.governance.as_ref().unwrap_or(&none);
        let cases: Vec<String> = CASES
            .iter()
            .map(|case| case_text(&names, governance, case))
            .collect();
        let mut text = String::new();
        let mut ends = Vec::new();
        let parts = [
            sectors,
            capabilities,
            links,
            cases,
            vec![visibility],
            vec![digital],
            fallback,
        ];
        for part in parts.iter().flatten() {
            text.push_str(part);
            ends.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
        }
        text.shrink_to_fit();
        HowTexts {
            text,
            ends: ends.into_boxed_slice(),
        }
    }

    /// Text `i` of section `section`; empty when there is none.
    fn get(&self, model: &Model, section: Section, i: usize) -> &str {
        if i >= section.len(model) {
            return "";
        }
        let at = section.start(model) + i;
        let start = if at == 0 {
            0
        } else {
            self.ends.get(at - 1).copied().unwrap_or(0)
        };
        let end = self.ends.get(at).copied().unwrap_or(start);
        self.text.get(start as usize..end as usize).unwrap_or("")
    }

    /// How the city covers the peer key `key` (see `peer_key`) in `pillar`: what it has for the
    /// key, else its best-connected providers of the pillar.
    pub(super) fn text(&self, model: &Model, key: &str, pillar: &str) -> &str {
        let (kind, rest) = key.split_once(':').unwrap_or((key, ""));
        let position =
            |section: Section, i: Option<usize>| i.map_or("", |i| self.get(model, section, i));
        let specific = match kind {
            "missing_sector" => position(
                Section::Sectors,
                model.sectors.iter().position(|s| s.id.as_str() == rest),
            ),
            "missing_capability" | "uncommitted_capability" | "depth" => position(
                Section::Capabilities,
                model
                    .capabilities
                    .iter()
                    .position(|c| c.id.as_str() == rest),
            ),
            // The first of the model's links between these sectors that the city has.
            "link" => (0..model.required_links.len())
                .filter(|&i| model.required_links[i].subjects().join(".") == rest)
                .map(|i| self.get(model, Section::Links, i))
                .find(|t| !t.is_empty())
                .unwrap_or(""),
            "lived_experience_gap" | "governance_gap" => {
                position(Section::Cases, CASES.iter().position(|c| *c == rest))
            }
            "visibility_gap" => self.get(model, Section::Visibility, 0),
            "digital_gap" => self.get(model, Section::Digital, 0),
            _ => "",
        };
        if specific.is_empty() {
            position(
                Section::Fallback,
                model.pillars.iter().position(|p| p.id.as_str() == pillar),
            )
        } else {
            specific
        }
    }
}

/// What the city has for a governance case (see [`CASES`]).
fn case_text(names: &Names<'_>, g: &Governance, case: &str) -> String {
    let city = names.city;
    match case {
        "lero" | "council-partnership" => {
            names.list(crate::analysis::leros(city).iter().map(|x| x.id.as_str()))
        }
        "recovery-seats" if g.people_in_recovery_seats > 0 => format!(
            "{} board seats for people in recovery",
            g.people_in_recovery_seats
        ),
        "family-seats" if g.family_seats > 0 => {
            format!("{} board seats for families", g.family_seats)
        }
        "board" if !g.board.is_empty() => {
            format!(
                "a partnership board: {}",
                names.list(g.board.iter().map(|x| x.as_str()))
            )
        }
        "mission" if g.mission_adopted => "an adopted Inclusive City mission".into(),
        "monitoring" if g.monitoring => "monitoring of its plan".into(),
        _ => String::new(),
    }
}
