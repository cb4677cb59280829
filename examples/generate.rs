//! Generates synthetic city profiles (format v1) for the benchmarks in `benches/`: valid,
//! realistic in shape, and reproducible from a seed.
//!
//! ```sh
//! cargo run --release --example generate -- --cities 1000 --actors 300 \
//!     --partnerships-per-actor 3 --districts 6 --seed 1 -o target/bench/cities-1000
//! ```
//!
//! Writes `city-00001.yaml`, `city-00002.yaml`, ... into the output folder. Sectors, capabilities
//! and link kinds come from the built-in model. Each city draws a maturity and a set of defects
//! (an absent sector, dropped capabilities, suppressed or weak required links, a detached group of
//! partners, no LERO, no board, an unserved district, no online support, few public events), so
//! that across a handful of cities every rule of the model fires. Partnerships cluster by district
//! and sector group, a few brokers (the council, a LERO hub, the main treatment service and, in
//! large networks, more) hold many of them, referrals and pathways are mostly directed.
//!
//! Every city has its own ChaCha8 stream (`seed`, city number), so city 7 is the same file
//! whether 10 or 4,000 cities are generated, and the files are the same on every platform.

use clap::Parser;
use inclusive_cities::load::builtin_model;
use inclusive_cities::model::Model;
use rand::distr::Distribution;
use rand::distr::weighted::WeightedIndex;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::PathBuf;

/// Generates synthetic, valid Inclusive City profiles.
#[derive(Parser, Debug)]
#[command(name = "generate")]
struct Args {
    /// Number of cities (files) to write.
    #[arg(long, default_value_t = 1)]
    cities: usize,
    /// Actors per city.
    #[arg(long, default_value_t = 300)]
    actors: usize,
    /// Partnerships per actor, on average (the city gets actors × this, rounded).
    #[arg(long, default_value_t = 3.0)]
    partnerships_per_actor: f64,
    /// Districts per city (0: none).
    #[arg(long, default_value_t = 6)]
    districts: usize,
    /// Seed of the random streams.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output folder (created if missing).
    #[arg(short = 'o', long = "out")]
    out: PathBuf,
}

type Rng = ChaCha8Rng;
type Res<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

fn main() -> Res<()> {
    let args = Args::parse();
    if args.actors < 3 {
        return Err(
            "--actors must be at least 3 (a council, a LERO hub, a treatment service)".into(),
        );
    }
    if !(args.partnerships_per_actor >= 0.0 && args.partnerships_per_actor <= 50.0) {
        return Err("--partnerships-per-actor must be between 0 and 50".into());
    }
    let model = builtin_model();
    std::fs::create_dir_all(&args.out)?;
    let width = args.cities.to_string().len().max(5);
    let total: usize = (1..=args.cities)
        .into_par_iter()
        .map(|i| -> Res<usize> {
            let mut rng = Rng::seed_from_u64(args.seed);
            rng.set_stream(i as u64);
            let city = CityGen::new(model, &args, i, rng).generate();
            let text = city.to_yaml(&args, i);
            let path = args.out.join(format!("city-{i:0width$}.yaml"));
            std::fs::write(&path, &text)?;
            Ok(text.len())
        })
        .sum::<Res<usize>>()?;
    eprintln!(
        "wrote {} cities ({} actors each, {:.1} MiB) to {}",
        args.cities,
        args.actors,
        total as f64 / (1024.0 * 1024.0),
        args.out.display()
    );
    Ok(())
}

// ------------------------------------------------------------------------------------------
// Realism tables. Sector and capability ids are checked against the model: an id the model does
// not define is skipped, and a sector of the model missing here gets a small default weight.
// ------------------------------------------------------------------------------------------

/// Relative share of each sector among a city's actors.
const SECTOR_WEIGHTS: &[(&str, f64)] = &[
    ("council", 3.0),
    ("employer", 11.0),
    ("housing", 8.0),
    ("welfare", 5.0),
    ("health", 10.0),
    ("treatment", 5.0),
    ("harm_reduction", 5.0),
    ("recovery_community", 15.0),
    ("family", 5.0),
    ("community", 17.0),
    ("education", 5.0),
    ("justice", 5.0),
    ("funder", 4.0),
];

/// What an actor of each sector plausibly provides.
fn sector_caps(sector: &str) -> &'static [&'static str] {
    match sector {
        "council" => &[
            "awareness_campaign",
            "anti_discrimination_policy",
            "landlord_engagement",
        ],
        "employer" => &[
            "employment_support",
            "apprenticeships",
            "employer_incentives",
            "volunteering",
            "anti_discrimination_policy",
        ],
        "housing" => &[
            "supported_housing",
            "recovery_housing",
            "landlord_engagement",
        ],
        "welfare" => &[
            "employment_support",
            "skills_training",
            "social_prescribing",
        ],
        "health" => &[
            "social_prescribing",
            "treatment",
            "waiting_list_support",
            "stigma_training",
        ],
        "treatment" => &[
            "treatment",
            "aftercare",
            "waiting_list_support",
            "stigma_training",
        ],
        "harm_reduction" => &["harm_reduction", "waiting_list_support"],
        "recovery_community" => &[
            "peer_support",
            "mutual_aid",
            "recovery_cafe",
            "recovery_events",
            "recovery_stories",
            "recovery_coach_training",
            "social_groups",
            "online_peer_support",
            "peer_led_delivery",
            "volunteering",
            "aftercare",
        ],
        "family" => &["social_groups", "peer_support", "online_peer_support"],
        "community" => &[
            "social_groups",
            "volunteering",
            "recovery_cafe",
            "mutual_aid",
        ],
        "education" => &[
            "skills_training",
            "recovery_coach_training",
            "apprenticeships",
            "stigma_training",
        ],
        "justice" => &["awareness_campaign", "stigma_training"],
        _ => &[],
    }
}

/// How many capabilities an actor of the sector provides: weights of 0, 1, 2, 3.
fn caps_count_weights(sector: &str) -> [f64; 4] {
    match sector {
        "recovery_community" => [0.05, 0.35, 0.35, 0.25],
        "council" | "justice" => [0.6, 0.3, 0.1, 0.0],
        "funder" => [1.0, 0.0, 0.0, 0.0],
        _ => [0.15, 0.5, 0.25, 0.1],
    }
}

/// Organisation names: `{}` is a district's name or the city's.
fn name_templates(sector: &str) -> &'static [&'static str] {
    match sector {
        "council" => &[
            "{} Council Public Health",
            "{} District Council",
            "{} Town Council",
            "{} Housing and Homelessness Commissioning",
            "{} Community Safety Partnership",
        ],
        "employer" => &[
            "{} Seafoods Ltd",
            "{} Builders Ltd",
            "{} Logistics",
            "{} Bakery Co-operative",
            "{} Engineering Works",
            "{} Print Works",
            "{} Garden Centre",
            "{} Hotels Group",
            "{} Bus Company",
            "{} Coffee Roasters",
            "{} Social Enterprise Kitchen",
        ],
        "housing" => &[
            "{} Housing Association",
            "{} Supported Housing",
            "{} Recovery Homes CIC",
            "{} Lettings Partnership",
            "{} Homeless Hostel",
        ],
        "welfare" => &[
            "{} Jobcentre",
            "{} Citizens Advice",
            "{} Adult Social Care",
            "{} Money Advice Service",
        ],
        "health" => &[
            "{} Health Centre",
            "{} GP Alliance",
            "{} General Hospital",
            "{} Community Mental Health Team",
            "{} Pharmacy",
            "{} Link Workers",
        ],
        "treatment" => &[
            "{} Drug and Alcohol Service",
            "{} Treatment and Recovery",
            "{} Alcohol Clinic",
            "{} Young Peoples Substance Service",
            "{} Residential Rehab",
        ],
        "harm_reduction" => &[
            "{} Needle Exchange",
            "{} Night Outreach Van",
            "{} Harm Reduction Hub",
            "{} Naloxone Network",
        ],
        "recovery_community" => &[
            "{} Recovery Community",
            "{} Recovery Cafe",
            "{} Wednesday Fellowship",
            "{} Peer Mentors",
            "{} Recovery Choir",
            "{} Recovery Walkers",
            "{} SMART Recovery Group",
            "{} Recovery Allotment",
        ],
        "family" => &[
            "{} Families in Recovery",
            "{} Carers Group",
            "{} Family Support Network",
        ],
        "community" => &[
            "{} Community Centre",
            "{} Methodist Mission",
            "{} Food Bank",
            "{} Village Hall",
            "{} Mosque Welfare Group",
            "{} Parish Church",
            "{} Football Club Foundation",
            "{} Allotment Society",
            "{} Neighbours Association",
        ],
        "education" => &[
            "{} College",
            "{} Recovery College",
            "{} Adult Community Learning",
            "{} University Outreach",
        ],
        "justice" => &[
            "{} Police Neighbourhood Team",
            "{} Probation Service",
            "{} Custody Liaison",
            "{} Violence and Vulnerability Unit",
        ],
        "funder" => &[
            "{} Community Foundation",
            "{} Rotary Trust",
            "{} Coastal Community Trust",
            "{} Business Giving Circle",
        ],
        _ => &["{} Partner"],
    }
}

/// Initiative names by the capability they provide.
fn initiative_templates(cap: &str) -> &'static [&'static str] {
    match cap {
        "recovery_events" => &[
            "{} Recovery Walk",
            "{} Recovery Games",
            "{} Recovery Bike Ride",
            "{} Recovery Month Open Day",
            "{} Recovery Festival",
            "{} Recovery Fun Run",
        ],
        "recovery_cafe" => &["{} Saturday Recovery Cafe"],
        "recovery_stories" => &["{} Recovery Stories Project"],
        "harm_reduction" => &["{} Naloxone Champions"],
        "employment_support" => &["{} Job Club"],
        "volunteering" => &["{} Beach Clean", "{} Volunteer Programme"],
        "awareness_campaign" => &["{} Stigma Awareness Week"],
        "social_groups" => &["{} Allotment Project", "{} Walking Group"],
        "peer_support" => &["{} Peer Mentor Scheme"],
        _ => &["{} Partnership Project"],
    }
}

/// Funders that are not actors of the city.
const OUTSIDE_FUNDERS: &[&str] = &[
    "national-lottery-community-fund",
    "local-authority-grants",
    "business-csr",
    "police-and-crime-commissioner",
    "integrated-care-board",
    "shared-prosperity-fund",
];

const PLACE_HEADS: &[&str] = &[
    "Ash", "Brook", "Kes", "Marsh", "Fen", "Holm", "Stan", "Wick", "Thorn", "Elm", "Red", "North",
    "South", "East", "West", "Oak", "Mill", "Bridge", "Moor", "Dale", "Salt", "Ridge", "Hazel",
    "Lang",
];
const PLACE_TAILS: &[&str] = &[
    "ford", "ham", "ton", "wick", "by", "end", "field", "stead", "worth", "bury", "gate", "side",
    "mouth", "well", "ley", "wold",
];
const COUNTRIES: &[(&str, f64)] = &[
    ("GB", 0.8),
    ("IE", 0.06),
    ("NL", 0.05),
    ("BE", 0.05),
    ("US", 0.04),
];

/// Sector groups: partnerships cluster within them.
fn group_of(sector: &str) -> usize {
    match sector {
        "health" | "treatment" | "harm_reduction" | "justice" => 0,
        "recovery_community" | "family" | "community" => 1,
        "employer" | "welfare" | "education" => 2,
        "housing" => 3,
        _ => 4,
    }
}
const GROUPS: usize = 5;

// ------------------------------------------------------------------------------------------
// The city as generated, before it is written.
// ------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Date {
    y: i32,
    m: i32,
    d: i32,
}

impl Date {
    fn add_months(self, months: i32) -> Date {
        let total = self.y * 12 + (self.m - 1) + months;
        let (y, m) = (total.div_euclid(12), total.rem_euclid(12) + 1);
        Date {
            y,
            m,
            d: self.d.min(days_in_month(y, m)),
        }
    }
    fn month_end(self) -> Date {
        Date {
            d: days_in_month(self.y, self.m),
            ..self
        }
    }
}

fn days_in_month(y: i32, m: i32) -> i32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

struct District {
    id: String,
    name: String,
    rural: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Normal,
    Broker,
    Isolated,
    Island,
}

struct Actor {
    id: String,
    name: String,
    sector: &'static str,
    commitment: &'static str,
    lived: bool,
    provides: Vec<&'static str>,
    online: bool,
    home: Option<usize>,
    districts: Vec<usize>,
    funding: Vec<(String, Option<Date>)>,
    description: Option<String>,
    role: Role,
}

struct Partnership {
    a: usize,
    b: usize,
    kind: &'static str,
    directed: bool,
    formal: bool,
    warm: Option<bool>,
    since: Option<Date>,
    per_year: Option<u32>,
    trust: Option<u8>,
    value: Option<u8>,
}

struct Initiative {
    id: String,
    name: String,
    provides: Vec<&'static str>,
    led_by: Vec<usize>,
    partners: Vec<usize>,
    districts: Vec<usize>,
    per_year: Option<u32>,
    public: bool,
}

struct Governance {
    board: Vec<usize>,
    recovery_seats: u32,
    family_seats: u32,
    mission: bool,
    monitoring: bool,
}

struct Prospect {
    id: String,
    name: String,
    sector: &'static str,
    provides: Vec<&'static str>,
    districts: Vec<usize>,
    would: Vec<usize>,
}

/// What is wrong with a city on purpose, so that every rule fires somewhere.
#[derive(Default)]
struct Defects {
    /// missing_sector: a required sector with no actor (true) or none committed or engaged.
    absent_sector: Option<(&'static str, bool)>,
    /// missing_capability: capabilities nobody provides.
    dropped: Vec<&'static str>,
    /// uncommitted_capability: capabilities whose providers are all only identified.
    uncommitted: Vec<&'static str>,
    /// missing_link: required links (by index) no partnership makes.
    suppressed: Vec<usize>,
    /// weak_link: required links whose partnerships are all informal.
    weak: Vec<usize>,
    /// fragmented_network: a group of partners detached from the rest.
    island: bool,
    /// isolated_actor: the share of actors with no partnership.
    isolated_share: f64,
    /// lived_experience_gap: no LERO at all.
    no_lero: bool,
    /// lived_experience_gap: no partnership between a council actor and a LERO.
    no_council_lero: bool,
    /// district_gap: a district and a pillar no provider serves.
    unserved: Option<(usize, &'static str)>,
    /// digital_gap: nothing online.
    offline: bool,
    /// visibility_gap: fewer public events than the model asks.
    few_events: bool,
}

struct CityGen<'a> {
    model: &'static Model,
    args: &'a Args,
    index: usize,
    rng: Rng,
    /// Maturity, 0 (just starting) to 1 (mature partnership).
    m: f64,
    name: String,
    id: String,
    country: &'static str,
    as_of: Date,
    districts: Vec<District>,
    defects: Defects,
    slugs: HashSet<String>,
    actors: Vec<Actor>,
    partnerships: Vec<Partnership>,
    pairs: HashSet<(usize, usize, &'static str)>,
    initiatives: Vec<Initiative>,
    governance: Option<Governance>,
    prospects: Vec<Prospect>,
    /// Capabilities actors may declare (not derived, not dropped).
    caps: Vec<&'static str>,
}

impl<'a> CityGen<'a> {
    fn new(model: &'static Model, args: &'a Args, index: usize, mut rng: Rng) -> Self {
        let m: f64 = rng.random();
        let name = format!(
            "{}{}",
            PLACE_HEADS.choose(&mut rng).copied().unwrap_or("Ash"),
            PLACE_TAILS.choose(&mut rng).copied().unwrap_or("ford")
        );
        let id = format!("{}-{index:05}", slug(&name));
        let country = pick_weighted(&mut rng, COUNTRIES).unwrap_or("GB");
        let as_of = Date {
            y: 2026,
            m: rng.random_range(1..=12),
            d: 1,
        };
        CityGen {
            model,
            args,
            index,
            rng,
            m,
            name,
            id,
            country,
            as_of,
            districts: Vec::new(),
            defects: Defects::default(),
            slugs: HashSet::new(),
            actors: Vec::new(),
            partnerships: Vec::new(),
            pairs: HashSet::new(),
            initiatives: Vec::new(),
            governance: None,
            prospects: Vec::new(),
            caps: Vec::new(),
        }
    }

    fn generate(mut self) -> Self {
        self.districts();
        self.defects();
        self.actors();
        self.partnerships();
        self.initiatives();
        self.apply_uncommitted();
        self.apply_unserved();
        self.governance();
        self.prospects();
        self
    }

    /// A chance that shrinks as the city matures: `lo` for a mature city, `hi` for a new one.
    fn chance(&mut self, hi: f64, lo: f64) -> bool {
        let p = hi + (lo - hi) * self.m;
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    fn unique(&mut self, base: &str) -> String {
        let base = slug(base);
        if self.slugs.insert(base.clone()) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|s| self.slugs.insert(s.clone()))
            .unwrap_or(base)
    }

    fn districts(&mut self) {
        let mut used = HashSet::new();
        for k in 0..self.args.districts {
            let mut name = String::new();
            for _ in 0..50 {
                let head = PLACE_HEADS.choose(&mut self.rng).copied().unwrap_or("Ash");
                let tail = PLACE_TAILS.choose(&mut self.rng).copied().unwrap_or("ford");
                let candidate = format!("{head}{tail}");
                if !head.ends_with(|c: char| tail.starts_with(c))
                    && candidate != self.name
                    && !used.contains(&candidate)
                {
                    name = candidate;
                    break;
                }
            }
            if name.is_empty() {
                name = format!("{} Ward {}", self.name, k + 1);
            }
            used.insert(name.clone());
            let rural = self.rng.random_bool(0.3);
            let id = self.unique(&name);
            self.districts.push(District { id, name, rural });
        }
    }

    fn defects(&mut self) {
        let model = self.model;
        let mut d = Defects::default();
        if self.chance(0.5, 0.1) {
            let candidates: Vec<&'static str> = model
                .sectors
                .iter()
                .filter(|s| s.required)
                .map(|s| s.id.as_str())
                .filter(|s| *s != "council" && *s != "recovery_community")
                .collect();
            if let Some(s) = candidates.choose(&mut self.rng) {
                d.absent_sector = Some((s, self.rng.random_bool(0.5)));
            }
        }
        let declarable: Vec<&'static str> = model
            .capabilities
            .iter()
            .filter(|c| c.derived.is_none())
            .map(|c| c.id.as_str())
            .collect();
        if self.chance(0.7, 0.2) {
            let n = self.rng.random_range(1..=3);
            let pool: Vec<&'static str> = declarable
                .iter()
                .copied()
                .filter(|c| *c != "recovery_events" && *c != "peer_support")
                .collect();
            d.dropped = pool.sample(&mut self.rng, n).copied().collect();
        }
        d.offline = self.chance(0.5, 0.15);
        if d.offline {
            d.dropped.push("online_peer_support");
        }
        self.caps = declarable
            .iter()
            .copied()
            .filter(|c| !d.dropped.contains(c))
            .collect();
        if self.chance(0.6, 0.2) {
            let n = self.rng.random_range(1..=2);
            let pool: Vec<&'static str> = self
                .caps
                .iter()
                .copied()
                .filter(|c| *c != "recovery_events" && *c != "peer_support")
                .collect();
            d.uncommitted = pool.sample(&mut self.rng, n).copied().collect();
        }
        let n_links = model.required_links.len();
        let links: Vec<usize> = (0..n_links).collect();
        if self.chance(0.7, 0.2) {
            let n = self.rng.random_range(1..=2);
            d.suppressed = links.sample(&mut self.rng, n).copied().collect();
        }
        if self.chance(0.7, 0.3) {
            let n = self.rng.random_range(1..=2);
            let pool: Vec<usize> = links
                .iter()
                .copied()
                .filter(|l| !d.suppressed.contains(l))
                .collect();
            d.weak = pool.sample(&mut self.rng, n).copied().collect();
        }
        d.island = self.chance(0.6, 0.2);
        d.isolated_share = if self.chance(0.8, 0.5) { 0.015 } else { 0.0 };
        d.no_lero = self.chance(0.3, 0.02);
        d.no_council_lero = !d.no_lero && self.chance(0.4, 0.05);
        if self.districts.len() >= 2 && self.chance(0.7, 0.3) {
            let pillars: Vec<&'static str> = model
                .pillars
                .iter()
                .filter(|p| {
                    p.capabilities.iter().any(|c| {
                        model
                            .capability(c.as_str())
                            .is_some_and(|c| c.derived.is_none())
                    })
                })
                .map(|p| p.id.as_str())
                .collect();
            let district = self.rng.random_range(0..self.districts.len());
            if let Some(p) = pillars.choose(&mut self.rng) {
                d.unserved = Some((district, p));
            }
        }
        d.few_events = self.chance(0.6, 0.15);
        self.defects = d;
    }

    fn place(&self, home: Option<usize>) -> String {
        home.map_or_else(|| self.name.clone(), |d| self.districts[d].name.clone())
    }

    fn home_district(&mut self) -> Option<usize> {
        if self.districts.is_empty() {
            return None;
        }
        // Urban districts are busier than rural ones.
        let weights: Vec<f64> = self
            .districts
            .iter()
            .map(|d| if d.rural { 1.0 } else { 2.0 })
            .collect();
        WeightedIndex::new(&weights)
            .ok()
            .map(|w| w.sample(&mut self.rng))
    }

    fn new_actor(&mut self, sector: &'static str, role: Role) -> Actor {
        let broker = role == Role::Broker;
        let home = if broker || sector == "funder" {
            None
        } else {
            self.home_district()
        };
        let templates = name_templates(sector);
        let template = if broker {
            templates[0]
        } else {
            templates
                .choose(&mut self.rng)
                .copied()
                .unwrap_or("{} Partner")
        };
        let name = template.replace("{}", &self.place(home));
        let id = self.unique(&name);
        let districts = match home {
            None => Vec::new(),
            Some(h) => {
                let r: f64 = self.rng.random();
                if sector == "council" || r < 0.6 {
                    vec![h]
                } else if r < 0.75 && self.districts.len() > 1 {
                    let other = self.rng.random_range(0..self.districts.len());
                    let mut v = vec![h, other];
                    v.sort_unstable();
                    v.dedup();
                    v
                } else {
                    Vec::new()
                }
            }
        };
        let commitment = if broker {
            "committed"
        } else {
            let m = self.m;
            let w = [0.2 + 0.4 * m, 0.35, 0.4 - 0.35 * m, 0.05];
            pick_weighted(
                &mut self.rng,
                &[
                    ("committed", w[0]),
                    ("engaged", w[1]),
                    ("identified", w[2]),
                    ("declined", w[3]),
                ],
            )
            .unwrap_or("identified")
        };
        let lived = sector == "recovery_community"
            && !self.defects.no_lero
            && (broker || self.rng.random_bool(0.4));
        let pool: Vec<&'static str> = sector_caps(sector)
            .iter()
            .copied()
            .filter(|c| self.caps.contains(c))
            .collect();
        let n = WeightedIndex::new(caps_count_weights(sector))
            .map(|w| w.sample(&mut self.rng))
            .unwrap_or(0)
            + usize::from(broker);
        let mut provides: Vec<&'static str> = pool
            .sample(&mut self.rng, n.min(pool.len()))
            .copied()
            .collect();
        if broker && sector == "recovery_community" {
            for c in ["peer_support", "recovery_events"] {
                if self.caps.contains(&c) && !provides.contains(&c) {
                    provides.push(c);
                }
            }
        }
        let online = !self.defects.offline
            && matches!(sector, "recovery_community" | "family" | "community")
            && self.rng.random_bool(0.15);
        if !online {
            provides.retain(|c| *c != "online_peer_support");
        }
        provides.sort_unstable();
        let description = if broker || self.rng.random_bool(0.15) {
            Some(describe(sector, &self.place(home), broker, lived))
        } else {
            None
        };
        Actor {
            id,
            name,
            sector,
            commitment,
            lived,
            provides,
            online,
            home,
            districts,
            funding: Vec::new(),
            description,
            role,
        }
    }

    fn actors(&mut self) {
        let model = self.model;
        let n = self.args.actors;
        let absent = self.defects.absent_sector;
        let sectors: Vec<(&'static str, f64)> = model
            .sectors
            .iter()
            .map(|s| {
                let id = s.id.as_str();
                let w = SECTOR_WEIGHTS
                    .iter()
                    .find(|(k, _)| *k == id)
                    .map_or(3.0, |(_, w)| *w);
                (id, if absent == Some((id, true)) { 0.0 } else { w })
            })
            .collect();
        let has = |id: &str| model.sector(id).is_some();
        let hub_sectors: Vec<&'static str> = [
            "council",
            "recovery_community",
            "treatment",
            "health",
            "community",
        ]
        .into_iter()
        .filter(|s| has(s) && absent != Some((s, true)))
        .collect();
        // A few brokers: three in a town, one more per 2,000 actors in a large network.
        let n_brokers = (3 + n / 2000).min(n);
        for k in 0..n_brokers {
            let sector = hub_sectors[k % hub_sectors.len().max(1)];
            let a = self.new_actor(sector, Role::Broker);
            self.actors.push(a);
        }
        let weights = WeightedIndex::new(sectors.iter().map(|(_, w)| *w)).ok();
        while self.actors.len() < n {
            let sector = match &weights {
                Some(w) => sectors[w.sample(&mut self.rng)].0,
                None => "community",
            };
            let role = if self.rng.random_bool(self.defects.isolated_share) {
                Role::Isolated
            } else {
                Role::Normal
            };
            let mut a = self.new_actor(sector, role);
            if absent == Some((sector, false)) {
                a.commitment = if self.rng.random_bool(0.8) {
                    "identified"
                } else {
                    "declined"
                };
            }
            self.actors.push(a);
        }
        if self.defects.island && n > 30 {
            // A group of partners, mostly in one district, that works only among itself.
            let size = self.rng.random_range(3..=8);
            let home = self.home_district();
            let mut candidates: Vec<usize> = (n_brokers..n)
                .filter(|&i| {
                    self.actors[i].role == Role::Normal
                        && (home.is_none() || self.actors[i].home == home)
                })
                .collect();
            candidates.shuffle(&mut self.rng);
            for &i in candidates.iter().take(size) {
                self.actors[i].role = Role::Island;
            }
        }
        self.funding();
    }

    fn funding(&mut self) {
        let council_hub = self
            .actors
            .iter()
            .find(|a| a.sector == "council")
            .map(|a| a.id.clone());
        let mut pool: Vec<String> = OUTSIDE_FUNDERS.iter().map(|s| (*s).to_owned()).collect();
        pool.extend(council_hub);
        pool.extend(
            self.actors
                .iter()
                .filter(|a| a.sector == "funder")
                .map(|a| a.id.clone()),
        );
        for i in 0..self.actors.len() {
            let p = match self.actors[i].sector {
                "recovery_community" | "family" | "community" | "housing" | "treatment"
                | "harm_reduction" => 0.6,
                "education" => 0.3,
                "employer" => 0.05,
                _ => 0.0,
            };
            if !self.rng.random_bool(p) {
                continue;
            }
            // Mature cities have fewer organisations on a single funder.
            let single = 0.35 - 0.2 * self.m;
            let n = pick_weighted(&mut self.rng, &[(1usize, single), (2, 0.45), (3, 0.25)])
                .unwrap_or(1);
            let sources: Vec<String> = pool.sample(&mut self.rng, n).cloned().collect();
            let funding = sources
                .into_iter()
                .filter(|s| *s != self.actors[i].id)
                .map(|s| {
                    let until = self.rng.random_bool(0.7).then(|| {
                        self.as_of
                            .add_months(self.rng.random_range(1..=48))
                            .month_end()
                    });
                    (s, until)
                })
                .collect();
            self.actors[i].funding = funding;
        }
    }

    fn is_lero(&self, i: usize) -> bool {
        let a = &self.actors[i];
        a.sector == "recovery_community" && a.lived && a.commitment != "declined"
    }

    /// The kind of a partnership between actors of two sectors, and its direction (from, to).
    fn kind_for(&mut self, u: usize, v: usize) -> (&'static str, bool, usize, usize) {
        let (su, sv) = (self.actors[u].sector, self.actors[v].sector);
        let entry = |s: &str| matches!(s, "health" | "treatment" | "harm_reduction" | "justice");
        let directed = self.rng.random_bool(0.85);
        let r: f64 = self.rng.random();
        // Order the pair so the rules below read one way.
        let flip = |k: &'static str, d: bool, a: usize, b: usize| (k, d, a, b);
        if su == "funder" || sv == "funder" {
            return flip(
                if r < 0.8 {
                    "funding"
                } else {
                    "information_sharing"
                },
                false,
                u,
                v,
            );
        }
        if (su == "council") != (sv == "council") {
            let other = if su == "council" { sv } else { su };
            let provider = matches!(
                other,
                "recovery_community"
                    | "treatment"
                    | "harm_reduction"
                    | "housing"
                    | "family"
                    | "community"
                    | "education"
            );
            let kind = if provider && r < 0.5 {
                "commissioning"
            } else if r < 0.65 {
                "governance"
            } else if r < 0.8 {
                "funding"
            } else {
                "information_sharing"
            };
            return flip(kind, false, u, v);
        }
        if su == "council" && sv == "council" {
            return flip(
                if r < 0.5 {
                    "governance"
                } else {
                    "information_sharing"
                },
                false,
                u,
                v,
            );
        }
        for (a, b, sa, sb) in [(u, v, su, sv), (v, u, sv, su)] {
            if entry(sa) && sb == "recovery_community" {
                let kind = if sa == "treatment" && r < 0.3 {
                    "aftercare"
                } else if r < 0.85 {
                    "referral"
                } else {
                    "joint_delivery"
                };
                return flip(kind, directed && kind != "joint_delivery", a, b);
            }
            if sb == "housing" && (sa == "recovery_community" || sa == "treatment" || entry(sa)) {
                let kind = if r < 0.75 {
                    "housing_pathway"
                } else {
                    "information_sharing"
                };
                return flip(kind, directed && kind == "housing_pathway", a, b);
            }
            if sb == "employer"
                && matches!(
                    sa,
                    "recovery_community" | "welfare" | "education" | "treatment"
                )
            {
                let kind = if r < 0.7 {
                    "employment_pathway"
                } else {
                    "joint_delivery"
                };
                return flip(kind, directed && kind == "employment_pathway", a, b);
            }
            if matches!(sa, "community" | "education" | "family") && sb == "recovery_community" {
                return flip(
                    if r < 0.75 {
                        "joint_delivery"
                    } else {
                        "information_sharing"
                    },
                    false,
                    a,
                    b,
                );
            }
            if matches!(sa, "health" | "justice" | "harm_reduction") && sb == "treatment" {
                return flip(
                    if r < 0.7 {
                        "referral"
                    } else {
                        "information_sharing"
                    },
                    r < 0.7 && directed,
                    a,
                    b,
                );
            }
            if entry(sa) && sb == "welfare" {
                return flip(
                    if r < 0.5 {
                        "referral"
                    } else {
                        "information_sharing"
                    },
                    r < 0.5 && directed,
                    a,
                    b,
                );
            }
        }
        flip(
            if r < 0.55 {
                "joint_delivery"
            } else {
                "information_sharing"
            },
            false,
            u,
            v,
        )
    }

    /// The required links (indices) a partnership makes, as the analysis counts them.
    fn links_made(&self, a: usize, b: usize, kind: &str, directed: bool) -> Vec<usize> {
        let (sa, sb) = (self.actors[a].sector, self.actors[b].sector);
        self.model
            .required_links
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                let is_to = |s: &str| l.to.iter().any(|t| t.as_str() == s);
                l.kinds.iter().any(|k| k.as_str() == kind)
                    && ((l.from.as_str() == sa && is_to(sb))
                        || ((!l.directed || !directed) && l.from.as_str() == sb && is_to(sa)))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Adds a partnership between `a` and `b` (direction and kind chosen from their sectors,
    /// or `forced`), applying the city's defects. Returns whether one was added.
    fn add(&mut self, a: usize, b: usize, forced: Option<(&'static str, bool)>) -> bool {
        if a == b {
            return false;
        }
        let (mut kind, mut directed, mut from, mut to) = self.kind_for(a, b);
        if let Some((k, d)) = forced {
            (kind, directed, from, to) = (k, d, a, b);
        }
        let council = |i: usize| self.actors[i].sector == "council";
        if self.defects.no_council_lero
            && ((council(a) && self.is_lero(b)) || (council(b) && self.is_lero(a)))
        {
            return false;
        }
        let made = self.links_made(from, to, kind, directed);
        if made.iter().any(|l| self.defects.suppressed.contains(l)) {
            kind = "information_sharing";
            directed = false;
        }
        let weak = made.iter().any(|l| self.defects.weak.contains(l));
        let key = (from.min(to), from.max(to), kind);
        if !self.pairs.insert(key) {
            return false;
        }
        let pathway = self.model.link_kind(kind).is_some_and(|k| k.pathway);
        let formal_p = 0.2
            + 0.45 * self.m
            + if matches!(kind, "commissioning" | "funding" | "governance") {
                0.3
            } else {
                0.0
            };
        let formal = !weak && self.rng.random_bool(formal_p.min(0.95));
        let warm = (kind == "referral" && self.rng.random_bool(0.6))
            .then(|| !weak && self.rng.random_bool(0.2 + 0.5 * self.m));
        let since = self
            .rng
            .random_bool(0.25)
            .then(|| self.as_of.add_months(-self.rng.random_range(1..=120)));
        let per_year = (pathway && self.rng.random_bool(0.5)).then(|| {
            let x: f64 = self.rng.random();
            (200f64.powf(x)).round() as u32
        });
        let rating = |rng: &mut Rng, m: f64, weak: bool| {
            let hi = if weak { 2 } else { 4 };
            let lo = if m > 0.5 && !weak { 2 } else { 1 };
            rng.random_range(lo..=hi)
        };
        let trust = self
            .rng
            .random_bool(0.35)
            .then(|| rating(&mut self.rng, self.m, weak));
        let value = self
            .rng
            .random_bool(0.3)
            .then(|| rating(&mut self.rng, self.m, false));
        self.partnerships.push(Partnership {
            a: from,
            b: to,
            kind,
            directed,
            formal,
            warm,
            since,
            per_year,
            trust,
            value,
        });
        true
    }

    fn partnerships(&mut self) {
        let n = self.actors.len();
        let target = (self.args.actors as f64 * self.args.partnerships_per_actor).round() as usize;
        let linkable: Vec<usize> = (0..n)
            .filter(|&i| matches!(self.actors[i].role, Role::Normal | Role::Broker))
            .collect();
        let brokers: Vec<usize> = (0..n)
            .filter(|&i| self.actors[i].role == Role::Broker)
            .collect();
        let nd = self.districts.len() + 1; // the last bucket: city-wide actors
        let bucket = |a: &Actor| a.home.unwrap_or(nd - 1);
        let mut by_dg: Vec<Vec<usize>> = vec![Vec::new(); nd * GROUPS];
        let mut by_d: Vec<Vec<usize>> = vec![Vec::new(); nd];
        let mut by_g: Vec<Vec<usize>> = vec![Vec::new(); GROUPS];
        for &i in &linkable {
            let a = &self.actors[i];
            let g = group_of(a.sector);
            by_dg[bucket(a) * GROUPS + g].push(i);
            by_d[bucket(a)].push(i);
            by_g[g].push(i);
        }

        // The partnerships the model requires, unless the city lacks them on purpose.
        let model = self.model;
        for (li, link) in model.required_links.iter().enumerate() {
            if self.defects.suppressed.contains(&li) {
                continue;
            }
            let of = |sectors: &[&str], this: &Self| -> Vec<usize> {
                let mut v: Vec<usize> = linkable
                    .iter()
                    .copied()
                    .filter(|&i| sectors.contains(&this.actors[i].sector))
                    .collect();
                // Brokers first: the hubs make the city's main links.
                v.sort_by_key(|&i| this.actors[i].role != Role::Broker);
                v
            };
            let from = of(&[link.from.as_str()], self);
            let to_sectors: Vec<&str> = link.to.iter().map(|s| s.as_str()).collect();
            let to = of(&to_sectors, self);
            if from.is_empty() || to.is_empty() {
                continue;
            }
            let want = 1 + self.args.actors / 150;
            let mut made = 0;
            for attempt in 0..want * 10 {
                if made == want {
                    break;
                }
                let a = if attempt == 0 {
                    from[0]
                } else {
                    from[self.rng.random_range(0..from.len())]
                };
                let b = if attempt == 0 {
                    to[0]
                } else {
                    to[self.rng.random_range(0..to.len())]
                };
                let Some(kind) = link.kinds.choose(&mut self.rng).map(|k| k.as_str()) else {
                    break;
                };
                let pathway = model.link_kind(kind).is_some_and(|k| k.pathway);
                let directed = link.directed || (pathway && self.rng.random_bool(0.85));
                // An undirected link's pathway leads people to the `from` sector (to housing,
                // to an employer): write it that way round.
                let (a, b) = if !link.directed && pathway {
                    (b, a)
                } else {
                    (a, b)
                };
                if self.add(a, b, Some((kind, directed))) {
                    made += 1;
                }
            }
        }

        // The detached group: a chain through its members, and one more tie.
        let island: Vec<usize> = (0..n)
            .filter(|&i| self.actors[i].role == Role::Island)
            .collect();
        for w in island.windows(2) {
            self.add(w[0], w[1], None);
        }
        if island.len() > 3 {
            self.add(island[0], island[island.len() - 1], None);
        }

        // The rest: clustered by district and sector group, some through the brokers.
        if linkable.len() < 2 {
            return;
        }
        let activity: Vec<f64> = linkable
            .iter()
            .map(|_| {
                let u: f64 = self.rng.random();
                (1.0 - u).powf(-1.0 / 2.5)
            })
            .collect();
        let Ok(source) = WeightedIndex::new(&activity) else {
            return;
        };
        let mut attempts = 0usize;
        while self.partnerships.len() < target && attempts < target * 50 {
            attempts += 1;
            let u = linkable[source.sample(&mut self.rng)];
            let a = &self.actors[u];
            let (d, g) = (bucket(a), group_of(a.sector));
            let r: f64 = self.rng.random();
            let pool: &[usize] = if r < 0.45 {
                &by_dg[d * GROUPS + g]
            } else if r < 0.72 {
                &by_d[d]
            } else if r < 0.85 {
                &by_g[g]
            } else {
                &brokers
            };
            let Some(&v) = pool.choose(&mut self.rng) else {
                continue;
            };
            if self.actors[v].role == Role::Island {
                continue;
            }
            self.add(u, v, None);
        }
        if self.partnerships.len() < target {
            eprintln!(
                "city {}: only {} of {} partnerships fit (too many per actor?)",
                self.index,
                self.partnerships.len(),
                target
            );
        }
    }

    fn initiatives(&mut self) {
        let n = self.actors.len();
        let rc: Vec<usize> = (0..n)
            .filter(|&i| {
                self.actors[i].sector == "recovery_community"
                    && self.actors[i].commitment != "declined"
            })
            .collect();
        let leros: Vec<usize> = rc.iter().copied().filter(|&i| self.is_lero(i)).collect();
        let council = (0..n).find(|&i| self.actors[i].sector == "council");
        // Public recovery events.
        let has_events = self.caps.contains(&"recovery_events");
        if has_events && !rc.is_empty() {
            let (count, sizes): (usize, &[u32]) = if self.defects.few_events {
                (self.rng.random_range(0..=2), &[1])
            } else {
                (self.rng.random_range(2..=5), &[1, 1, 2, 4, 12])
            };
            let mut total = 0;
            for _ in 0..count {
                let per_year = sizes.choose(&mut self.rng).copied().unwrap_or(1);
                if self.defects.few_events && total + per_year >= 4 {
                    break;
                }
                total += per_year;
                let lead = *leros
                    .choose(&mut self.rng)
                    .or(rc.choose(&mut self.rng))
                    .unwrap_or(&rc[0]);
                let mut partners: Vec<usize> = council.into_iter().collect();
                partners
                    .extend((0..self.rng.random_range(0..3)).map(|_| self.rng.random_range(0..n)));
                let mut provides = vec!["recovery_events"];
                if self.caps.contains(&"recovery_stories") && self.rng.random_bool(0.3) {
                    provides.push("recovery_stories");
                }
                let home = self.actors[lead].home;
                self.push_initiative(provides, lead, partners, home, Some(per_year), true);
            }
            if !self.defects.few_events && total < 4 {
                let lead = rc[0];
                self.push_initiative(
                    vec!["recovery_events"],
                    lead,
                    Vec::new(),
                    None,
                    Some(4),
                    true,
                );
            }
        }
        // Other practices.
        let others = (self.args.actors / 25).max(2);
        let generic: Vec<&'static str> = [
            "recovery_cafe",
            "social_groups",
            "volunteering",
            "awareness_campaign",
            "skills_training",
            "harm_reduction",
            "peer_support",
            "mutual_aid",
            "employment_support",
        ]
        .into_iter()
        .filter(|c| self.caps.contains(c))
        .collect();
        for _ in 0..others {
            let lead = if !rc.is_empty() && self.rng.random_bool(0.5) {
                rc[self.rng.random_range(0..rc.len())]
            } else {
                self.rng.random_range(0..n)
            };
            let k = self.rng.random_range(1..=2).min(generic.len());
            let provides: Vec<&'static str> = generic.sample(&mut self.rng, k).copied().collect();
            let partners: Vec<usize> = (0..self.rng.random_range(0..=3))
                .map(|_| self.rng.random_range(0..n))
                .collect();
            let per_year = self
                .rng
                .random_bool(0.4)
                .then(|| self.rng.random_range(1..=52));
            let public = self.rng.random_bool(0.3);
            let home = self.actors[lead].home;
            self.push_initiative(provides, lead, partners, home, per_year, public);
        }
    }

    fn push_initiative(
        &mut self,
        mut provides: Vec<&'static str>,
        lead: usize,
        mut partners: Vec<usize>,
        home: Option<usize>,
        per_year: Option<u32>,
        public: bool,
    ) {
        partners.retain(|&p| p != lead);
        partners.sort_unstable();
        partners.dedup();
        provides.sort_unstable();
        let first = provides.first().copied().unwrap_or("");
        let template = initiative_templates(first)
            .choose(&mut self.rng)
            .copied()
            .unwrap_or("{} Project");
        let name = template.replace("{}", &self.place(home));
        let id = self.unique(&name);
        self.initiatives.push(Initiative {
            id,
            name,
            provides,
            led_by: vec![lead],
            partners,
            districts: home.into_iter().collect(),
            per_year,
            public,
        });
    }

    /// Makes every provider of the chosen capabilities only identified.
    fn apply_uncommitted(&mut self) {
        for cap in std::mem::take(&mut self.defects.uncommitted) {
            // Brokers stay committed: they give the capability up instead.
            for a in self.actors.iter_mut().filter(|a| a.role == Role::Broker) {
                a.provides.retain(|c| *c != cap);
            }
            let brokers: HashSet<usize> = (0..self.actors.len())
                .filter(|&i| self.actors[i].role == Role::Broker)
                .collect();
            for init in &mut self.initiatives {
                if init.led_by.iter().any(|l| brokers.contains(l)) {
                    init.provides.retain(|c| *c != cap);
                }
            }
            self.initiatives.retain(|i| !i.provides.is_empty());
            let mut providers: BTreeSet<usize> = (0..self.actors.len())
                .filter(|&i| self.actors[i].provides.contains(&cap))
                .collect();
            for init in self
                .initiatives
                .iter()
                .filter(|i| i.provides.contains(&cap))
            {
                providers.extend(init.led_by.iter().copied());
            }
            if providers.is_empty() {
                let candidates: Vec<usize> = (0..self.actors.len())
                    .filter(|&i| self.actors[i].role != Role::Broker)
                    .collect();
                if let Some(&i) = candidates.choose(&mut self.rng) {
                    self.actors[i].provides.push(cap);
                    self.actors[i].provides.sort_unstable();
                    providers.insert(i);
                }
            }
            for i in providers {
                self.actors[i].commitment = "identified";
            }
        }
    }

    /// Takes one district out of the reach of every provider of one pillar.
    fn apply_unserved(&mut self) {
        let Some((district, pillar)) = self.defects.unserved else {
            return;
        };
        let Some(p) = self.model.pillar(pillar) else {
            return;
        };
        let offers = |provides: &[&str]| {
            provides
                .iter()
                .any(|c| p.capabilities.iter().any(|pc| pc.as_str() == *c))
        };
        let nd = self.districts.len();
        let others: Vec<usize> = (0..nd).filter(|&d| d != district).collect();
        let narrow = |districts: &mut Vec<usize>, rng: &mut Rng| {
            if districts.is_empty() {
                *districts = others.clone();
            } else {
                districts.retain(|&d| d != district);
                if districts.is_empty() {
                    districts.push(*others.choose(rng).unwrap_or(&0));
                }
            }
        };
        for a in self.actors.iter_mut().filter(|a| offers(&a.provides)) {
            narrow(&mut a.districts, &mut self.rng);
        }
        for i in self.initiatives.iter_mut().filter(|i| offers(&i.provides)) {
            narrow(&mut i.districts, &mut self.rng);
        }
    }

    fn governance(&mut self) {
        if !self.chance(0.3, 0.9) {
            return;
        }
        let n = self.actors.len();
        let mut board: Vec<usize> = (0..n)
            .filter(|&i| self.actors[i].role == Role::Broker)
            .collect();
        let candidates: Vec<usize> = (0..n)
            .filter(|&i| {
                let a = &self.actors[i];
                a.commitment == "committed"
                    && matches!(
                        a.sector,
                        "council"
                            | "health"
                            | "treatment"
                            | "justice"
                            | "recovery_community"
                            | "housing"
                            | "welfare"
                    )
            })
            .collect();
        let k = self.rng.random_range(2..=8).min(candidates.len());
        board.extend(candidates.sample(&mut self.rng, k).copied());
        board.sort_unstable();
        board.dedup();
        let recovery_seats = if self.chance(0.6, 0.2) {
            0
        } else {
            self.rng.random_range(1..=3)
        };
        let family_seats = if self.chance(0.7, 0.3) {
            0
        } else {
            self.rng.random_range(1..=2)
        };
        let mission = !self.chance(0.8, 0.2);
        let monitoring = !self.chance(0.7, 0.2);
        self.governance = Some(Governance {
            board,
            recovery_seats,
            family_seats,
            mission,
            monitoring,
        });
    }

    fn prospects(&mut self) {
        let model = self.model;
        let count = (self.args.actors / 60).clamp(1, 60) + self.rng.random_range(0..3);
        let sectors: Vec<&'static str> = model.sectors.iter().map(|s| s.id.as_str()).collect();
        let n = self.actors.len();
        let brokers: Vec<usize> = (0..n)
            .filter(|&i| self.actors[i].role == Role::Broker)
            .collect();
        for _ in 0..count {
            let sector = match self.defects.absent_sector {
                Some((s, _)) if self.rng.random_bool(0.5) => s,
                _ => sectors
                    .choose(&mut self.rng)
                    .copied()
                    .unwrap_or("community"),
            };
            let home = if sector == "funder" {
                None
            } else {
                self.home_district()
            };
            let template = name_templates(sector)
                .choose(&mut self.rng)
                .copied()
                .unwrap_or("{} Partner");
            let name = format!("{} (forming)", template.replace("{}", &self.place(home)));
            let id = self.unique(&name);
            // A prospect may bring what the city lacks.
            let pool: Vec<&'static str> = sector_caps(sector)
                .iter()
                .copied()
                .filter(|c| model.capability(c).is_some_and(|c| c.derived.is_none()))
                .collect();
            let k = self.rng.random_range(0..=2).min(pool.len());
            let mut provides: Vec<&'static str> = pool.sample(&mut self.rng, k).copied().collect();
            provides.sort_unstable();
            let mut would: Vec<usize> = brokers.sample(&mut self.rng, 1).copied().collect();
            would.extend((0..self.rng.random_range(0..=2)).map(|_| self.rng.random_range(0..n)));
            would.sort_unstable();
            would.dedup();
            self.prospects.push(Prospect {
                id,
                name,
                sector,
                provides,
                districts: home.into_iter().collect(),
                would,
            });
        }
    }

    // --------------------------------------------------------------------------------------
    // Writing: hand-formatted YAML, flow style for short items as in the bundled cities.
    // --------------------------------------------------------------------------------------

    fn to_yaml(&self, args: &Args, index: usize) -> String {
        let mut s = String::with_capacity(self.actors.len() * 260 + self.partnerships.len() * 110);
        let ids = |v: &[usize]| -> String {
            v.iter()
                .map(|&i| self.actors[i].id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let dids = |v: &[usize]| -> String {
            v.iter()
                .map(|&d| self.districts[d].id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            s,
            "# {} — a synthetic profile for benchmarking inclusive-cities.",
            self.name
        );
        let _ = writeln!(
            s,
            "# All organisations and places in this file are fictional. Generated by"
        );
        let _ = writeln!(
            s,
            "# examples/generate.rs (seed {}, city {index}, {} actors, {} partnerships per actor, {} districts).",
            args.seed, args.actors, args.partnerships_per_actor, args.districts
        );
        s.push_str("format: inclusive-cities/v1\n\ncity:\n");
        let _ = writeln!(s, "  id: {}", self.id);
        let _ = writeln!(s, "  name: {}", self.name);
        let _ = writeln!(s, "  country: {}", self.country);
        let population = self.args.actors * 1500 + (self.index * 7919) % 50_000;
        let _ = writeln!(s, "  population: {population}");
        let _ = writeln!(s, "  as_of: {}", self.as_of);
        if !self.districts.is_empty() {
            s.push_str("  districts:\n");
            for d in &self.districts {
                let _ = writeln!(
                    s,
                    "    - {{ id: {}, name: {}{} }}",
                    d.id,
                    d.name,
                    if d.rural { ", rural: true" } else { "" }
                );
            }
        }
        // Every third city is an early map that does not know everything yet: some of its
        // identified actors' commitment and some informal partnerships' formality are `unknown`
        // (chosen by position, not drawn, so the random streams stay as they were). The engine
        // then reads those cities twice, as a real learning set would make it.
        let early = index.is_multiple_of(3);
        s.push_str("\nactors:\n");
        for (i, a) in self.actors.iter().enumerate() {
            let _ = writeln!(s, "  - id: {}", a.id);
            let _ = writeln!(s, "    name: {}", a.name);
            let _ = writeln!(s, "    sector: {}", a.sector);
            let commitment = if early && a.commitment == "identified" && i % 4 == 0 {
                "unknown"
            } else {
                a.commitment
            };
            let _ = writeln!(s, "    commitment: {commitment}");
            // Flows at harm-reduction entry points and waits for treatment, by position too, so
            // the referral-rate and waiting-time rules have work to do.
            match a.sector {
                "harm_reduction" => {
                    let _ = writeln!(s, "    contacts_per_year: {}", 400 + (i * 37) % 1600);
                }
                "treatment" => {
                    let _ = writeln!(s, "    waiting_weeks: {}", 1 + i % 6);
                }
                _ => {}
            }
            if a.sector == "recovery_community" {
                let _ = writeln!(s, "    lived_experience_led: {}", a.lived);
            }
            if !a.provides.is_empty() {
                let _ = writeln!(s, "    provides: [{}]", a.provides.join(", "));
            }
            if a.online {
                s.push_str("    online: true\n");
            }
            if !a.districts.is_empty() {
                let _ = writeln!(s, "    districts: [{}]", dids(&a.districts));
            }
            if !a.funding.is_empty() {
                let items: Vec<String> = a
                    .funding
                    .iter()
                    .map(|(src, until)| match until {
                        Some(u) => format!("{{ source: {src}, until: {u} }}"),
                        None => format!("{{ source: {src} }}"),
                    })
                    .collect();
                let _ = writeln!(s, "    funding: [{}]", items.join(", "));
            }
            if let Some(d) = &a.description {
                let _ = writeln!(s, "    description: \"{d}\"");
            }
        }
        if !self.partnerships.is_empty() {
            s.push_str("\npartnerships:\n");
        }
        for (i, p) in self.partnerships.iter().enumerate() {
            let (a, b) = (&self.actors[p.a].id, &self.actors[p.b].id);
            if p.directed {
                let _ = write!(s, "  - {{ from: {a}, to: {b}, kind: {}", p.kind);
            } else {
                let _ = write!(s, "  - {{ between: [{a}, {b}], kind: {}", p.kind);
            }
            if p.formal {
                s.push_str(", formal: true");
            } else if early && i % 5 == 0 {
                s.push_str(", formal: unknown");
            }
            if let Some(w) = p.warm {
                let _ = write!(s, ", warm_handover: {w}");
            }
            if let Some(d) = p.since {
                let _ = write!(s, ", since: {d}");
            }
            if let Some(n) = p.per_year {
                let _ = write!(s, ", per_year: {n}");
            }
            if let Some(t) = p.trust {
                let _ = write!(s, ", trust: {t}");
            }
            if let Some(v) = p.value {
                let _ = write!(s, ", value: {v}");
            }
            s.push_str(" }\n");
        }
        if !self.initiatives.is_empty() {
            s.push_str("\ninitiatives:\n");
        }
        for i in &self.initiatives {
            let _ = writeln!(s, "  - id: {}", i.id);
            let _ = writeln!(s, "    name: {}", i.name);
            let _ = writeln!(s, "    provides: [{}]", i.provides.join(", "));
            let _ = writeln!(s, "    led_by: [{}]", ids(&i.led_by));
            if !i.partners.is_empty() {
                let _ = writeln!(s, "    partners: [{}]", ids(&i.partners));
            }
            if !i.districts.is_empty() {
                let _ = writeln!(s, "    districts: [{}]", dids(&i.districts));
            }
            if let Some(n) = i.per_year {
                let _ = writeln!(s, "    per_year: {n}");
            }
            if i.public {
                s.push_str("    public: true\n");
            }
        }
        if let Some(g) = &self.governance {
            s.push_str("\ngovernance:\n");
            let _ = writeln!(s, "  board: [{}]", ids(&g.board));
            let _ = writeln!(s, "  people_in_recovery_seats: {}", g.recovery_seats);
            let _ = writeln!(s, "  family_seats: {}", g.family_seats);
            let _ = writeln!(s, "  mission_adopted: {}", g.mission);
            let _ = writeln!(s, "  monitoring: {}", g.monitoring);
        }
        if !self.prospects.is_empty() {
            s.push_str("\nprospects:\n");
        }
        for p in &self.prospects {
            let _ = writeln!(s, "  - id: {}", p.id);
            let _ = writeln!(s, "    name: {}", p.name);
            let _ = writeln!(s, "    sector: {}", p.sector);
            if !p.provides.is_empty() {
                let _ = writeln!(s, "    provides: [{}]", p.provides.join(", "));
            }
            if !p.districts.is_empty() {
                let _ = writeln!(s, "    districts: [{}]", dids(&p.districts));
            }
            let _ = writeln!(s, "    would_partner_with: [{}]", ids(&p.would));
        }
        s
    }
}

/// A short description of an actor.
fn describe(sector: &str, place: &str, broker: bool, lived: bool) -> String {
    match (sector, broker, lived) {
        ("recovery_community", true, true) => format!(
            "Lived experience recovery organisation for {place}: peer support, a recovery cafe and public events; the hub of the recovery community."
        ),
        ("recovery_community", _, true) => {
            format!("Peer-led recovery group in {place}, run by people in recovery.")
        }
        ("recovery_community", _, false) => {
            format!("Recovery support in {place}, run by staff and volunteers.")
        }
        ("council", true, _) => {
            format!("Commissioner of treatment and recovery services across {place}.")
        }
        ("treatment", true, _) => {
            format!("The main adult community treatment provider for {place}.")
        }
        ("treatment", _, _) => format!("Drug and alcohol treatment in {place}."),
        ("housing", _, _) => format!("Housing for people in and after treatment in {place}."),
        ("employer", _, _) => {
            format!("Local employer in {place} open to hiring people in recovery.")
        }
        ("harm_reduction", _, _) => format!("Needle exchange, naloxone and outreach in {place}."),
        _ => format!("Partner organisation in {place}."),
    }
}

/// Lowercase letters, digits and single hyphens.
fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for ch in name.chars() {
        let c = match ch {
            'é' | 'è' | 'ê' => 'e',
            'à' | 'á' => 'a',
            c if c.is_ascii_alphanumeric() => c.to_ascii_lowercase(),
            _ => '-',
        };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// One item of `(item, weight)` pairs, drawn by weight.
fn pick_weighted<T: Copy>(rng: &mut Rng, items: &[(T, f64)]) -> Option<T> {
    let w = WeightedIndex::new(items.iter().map(|(_, w)| *w)).ok()?;
    Some(items[w.sample(rng)].0)
}
