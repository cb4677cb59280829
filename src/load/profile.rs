//! City profile (format v1) from a node tree to a validated [`City`], every problem reported.
//!
//! Decoding reads each field with its span and records ids and references as it goes; the
//! references are checked once the whole file is read, so an actor may be named before it is
//! defined. A [`City`] is returned only when the file has no error.

use super::decode::{Decoder, Fields};
use super::yaml::{Node, NodeKind};
use crate::diag::Span;
use crate::model::Model;
use crate::model::city::{Actor, City, Commitment, District, Funding};
use crate::model::ids::{ActorId, CapabilityId, DistrictId, SectorId};
use rustc_hash::FxHashMap as HashMap;

/// The profile format versions this build reads.
pub const FORMATS: &[&str] = &["inclusive-cities/v1"];

const TOP: &[&str] = &[
    "format",
    "city",
    "actors",
    "partnerships",
    "initiatives",
    "governance",
    "prospects",
    "actions",
];
const CITY: &[&str] = &["id", "name", "country", "population", "as_of", "districts"];
const DISTRICT: &[&str] = &["id", "name", "rural"];
const ACTOR: &[&str] = &[
    "id",
    "name",
    "description",
    "sector",
    "commitment",
    "lived_experience_led",
    "provides",
    "online",
    "districts",
    "funding",
];
const FUNDING: &[&str] = &["source", "until"];

/// What an id names, for references of the wrong kind.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum IdKind {
    Actor,
    Initiative,
    Prospect,
}

impl IdKind {
    pub(super) fn noun(self) -> &'static str {
        match self {
            IdKind::Actor => "an actor",
            IdKind::Initiative => "an initiative",
            IdKind::Prospect => "a prospect",
        }
    }
}

/// A reference to check once every id is known.
pub(super) struct Ref {
    pub(super) district: bool,
    pub(super) id: String,
    pub(super) span: Span,
    pub(super) what: &'static str,
}

/// The profile reader's state: the decoder, the model, the ids seen and references to check.
pub(super) struct ProfileReader<'m> {
    pub(super) dec: Decoder,
    pub(super) model: &'m Model,
    pub(super) ids: HashMap<String, (IdKind, Span)>,
    pub(super) districts: HashMap<String, Span>,
    pub(super) refs: Vec<Ref>,
    /// Partnerships seen, by `a NUL b NUL kind`: where, and whether two-way.
    pub(super) pairs: HashMap<String, (Span, bool)>,
    /// A buffer for pair keys.
    pub(super) pair_key: String,
    /// The model's link kinds, for every partnership's `kind`.
    pub(super) link_kinds: Vec<&'m str>,
}

impl<'m> ProfileReader<'m> {
    pub(super) fn new(dec: Decoder, model: &'m Model) -> Self {
        ProfileReader {
            dec,
            model,
            ids: HashMap::default(),
            districts: HashMap::default(),
            refs: Vec::new(),
            pairs: HashMap::default(),
            pair_key: String::new(),
            link_kinds: model.link_kinds.iter().map(|k| k.id.as_str()).collect(),
        }
    }

    /// Reads the whole profile; `None` when any error was found.
    pub(super) fn read(&mut self, root: &Node) -> Option<City> {
        if let NodeKind::Null = root.kind {
            self.dec.error(root.span, "the file is empty").hints.push(
                "a profile starts with `format: inclusive-cities/v1`, then `city:` and `actors:`"
                    .into(),
            );
            return None;
        }
        let top = self.dec.fields(root, "a profile", TOP)?;
        self.format(&top);
        self.dec.require(&top, &["city", "actors"]);
        let city = top.get("city").and_then(|n| self.city(n));
        let actors = self.items(&top, "actors", Self::actor);
        let partnerships = self.items(&top, "partnerships", Self::partnership);
        let initiatives = self.items(&top, "initiatives", Self::initiative);
        let governance = top.get("governance").map(|n| self.governance(n));
        let prospects = self.items(&top, "prospects", Self::prospect);
        let actions = self.actions(&top);
        self.check_refs();
        if crate::diag::has_errors(&self.dec.diagnostics) {
            return None;
        }
        let (id, name, country, population, as_of, districts) = city?;
        Some(City {
            id,
            name,
            country,
            population,
            as_of,
            districts,
            actors,
            partnerships,
            initiatives,
            governance: governance.flatten(),
            prospects,
            actions,
        })
    }

    fn format(&mut self, top: &Fields<'_>) {
        let Some(node) = top.get("format") else {
            self.dec
                .error(top.span, "missing `format`")
                .hints
                .push("start the file with `format: inclusive-cities/v1`".into());
            return;
        };
        if let Some(format) = self.dec.string(node, "`format`")
            && !FORMATS.contains(&format.as_str())
        {
            let d = self
                .dec
                .error(node.span, format!("unsupported format `{format}`"));
            d.hints
                .push(format!("this build reads: {}", FORMATS.join(", ")));
        }
    }

    /// Reads a list field item by item; items with errors are left out.
    pub(super) fn items<T>(
        &mut self,
        top: &Fields<'_>,
        name: &str,
        read: fn(&mut Self, &Node) -> Option<T>,
    ) -> Vec<T> {
        let Some(node) = top.get(name) else {
            return Vec::new();
        };
        let what = format!("`{name}`");
        let Some(items) = self.dec.list(node, &what) else {
            return Vec::new();
        };
        items.iter().filter_map(|item| read(self, item)).collect()
    }

    #[allow(clippy::type_complexity)]
    fn city(
        &mut self,
        node: &Node,
    ) -> Option<(
        String,
        String,
        String,
        Option<u64>,
        crate::model::Date,
        Vec<District>,
    )> {
        let f = self.dec.fields(node, "`city`", CITY)?;
        self.dec.require(&f, &["id", "name", "country", "as_of"]);
        let id = f.get("id").and_then(|n| self.dec.slug(n, "city id"));
        let name = self.dec.opt_string(&f, "name", "the city's `name`");
        let country = f.get("country").and_then(|n| self.country(n));
        let population = f.get("population").and_then(|n| {
            self.dec
                .integer(n, "`population`", 0, i128::from(u64::MAX))
                .and_then(|p| u64::try_from(p).ok())
        });
        let as_of = f.get("as_of").and_then(|n| self.dec.date(n, "`as_of`"));
        let districts = match f.get("districts") {
            Some(n) => self.districts(n),
            None => Vec::new(),
        };
        Some((id?, name?, country?, population, as_of?, districts))
    }

    fn country(&mut self, node: &Node) -> Option<String> {
        let code = self.dec.string(node, "`country`")?;
        if let Some(iso) = [("UK", "GB"), ("EL", "GR")]
            .iter()
            .find(|(c, _)| *c == code)
        {
            let d = self.dec.error(
                node.span,
                format!("`{code}` is not an ISO 3166-1 country code"),
            );
            d.hints.push(format!("did you mean `{}`?", iso.1));
            return None;
        }
        if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            return Some(code);
        }
        let d = self
            .dec
            .error(node.span, format!("`{code}` is not a country code"));
        d.hints
            .push("use the ISO 3166-1 alpha-2 code, two capital letters: `GB`, `BE`, `NL`".into());
        None
    }

    fn districts(&mut self, node: &Node) -> Vec<District> {
        let Some(items) = self.dec.list(node, "`districts`") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let Some(f) = self.dec.fields(item, "a district", DISTRICT) else {
                continue;
            };
            self.dec.require(&f, &["id", "name"]);
            let id = f.get("id").and_then(|n| self.dec.slug(n, "district id"));
            if let (Some(id), Some(n)) = (&id, f.get("id")) {
                if let Some(&first) = self.districts.get(id) {
                    let d = self
                        .dec
                        .error(n.span, format!("duplicate district id `{id}`"));
                    d.related = Some((first, "first defined here".into()));
                } else {
                    self.districts.insert(id.clone(), n.span);
                }
            }
            let name = self.dec.opt_string(&f, "name", "a district's `name`");
            let rural = self.dec.flag(&f, "rural", "`rural`");
            if let (Some(id), Some(name)) = (id, name) {
                out.push(District {
                    id: DistrictId(id),
                    name,
                    rural,
                });
            }
        }
        out
    }

    /// Reads an `id` field and registers it; reports a duplicate with where the first one is.
    pub(super) fn register(&mut self, f: &Fields<'_>, kind: IdKind, what: &str) -> Option<String> {
        let node = f.get("id")?;
        let id = self.dec.slug(node, what)?;
        if let Some(&(first_kind, first)) = self.ids.get(&id) {
            let d = self.dec.error(node.span, format!("duplicate id `{id}`"));
            d.related = Some((
                first,
                format!("first defined here, as {}", first_kind.noun()),
            ));
            d.hints
                .push("ids must be unique across actors, initiatives and prospects".into());
            return None;
        }
        self.ids.insert(id.clone(), (kind, node.span));
        Some(id)
    }

    fn actor(&mut self, node: &Node) -> Option<Actor> {
        let f = self.dec.fields(node, "an actor", ACTOR)?;
        self.dec.require(&f, &["id", "name", "sector"]);
        let id = self.register(&f, IdKind::Actor, "actor id");
        let name = self.dec.opt_string(&f, "name", "an actor's `name`");
        let description = self.dec.opt_string(&f, "description", "`description`");
        let sector = f.get("sector").and_then(|n| self.sector(n));
        let commitment = match f.get("commitment") {
            Some(n) => self.commitment(n),
            None => Some(Commitment::Identified),
        };
        let lived_experience_led =
            self.dec
                .flag(&f, "lived_experience_led", "`lived_experience_led`");
        let provides = self.capabilities(&f, "provides");
        let online = self.dec.flag(&f, "online", "`online`");
        let districts = self.district_refs(&f, "districts");
        let funding = match f.get("funding") {
            Some(n) => self.funding(n),
            None => Vec::new(),
        };
        Some(Actor {
            id: ActorId(id?),
            name: name?,
            description,
            sector: sector?,
            commitment: commitment?,
            lived_experience_led,
            provides,
            online,
            districts,
            funding,
        })
    }

    pub(super) fn sector(&mut self, node: &Node) -> Option<SectorId> {
        let valid: Vec<&str> = self.model.sectors.iter().map(|s| s.id.as_str()).collect();
        self.dec.choice(node, "sector", &valid).map(SectorId)
    }

    fn commitment(&mut self, node: &Node) -> Option<Commitment> {
        let valid = Commitment::ALL.map(Commitment::as_str);
        let word = self.dec.choice(node, "commitment", &valid)?;
        Commitment::ALL.into_iter().find(|c| c.as_str() == word)
    }

    pub(super) fn capabilities(&mut self, f: &Fields<'_>, name: &str) -> Vec<CapabilityId> {
        let Some(node) = f.get(name) else {
            return Vec::new();
        };
        let Some(items) = self.dec.list(node, "`provides`") else {
            return Vec::new();
        };
        let declared: Vec<&str> = self
            .model
            .capabilities
            .iter()
            .filter(|c| c.derived.is_none())
            .map(|c| c.id.as_str())
            .collect();
        let mut out: Vec<CapabilityId> = Vec::new();
        for item in items {
            let Some(cap) = self.dec.string(item, "a capability") else {
                continue;
            };
            if let Some(def) = self.model.capability(&cap)
                && def.derived.is_some()
            {
                let d = self.dec.error(
                    item.span,
                    format!("`{cap}` is derived by the engine, not declared"),
                );
                d.hints.push(format!(
                    "remove it from `provides`: the engine works it out ({})",
                    derivation_hint(&cap)
                ));
                continue;
            }
            if !declared.contains(&cap.as_str()) {
                self.dec
                    .unknown_value(item.span, &cap, "capability", &declared);
                continue;
            }
            if out.iter().any(|c| c.as_str() == cap) {
                self.dec
                    .error(item.span, format!("`{cap}` is listed twice"));
                continue;
            }
            out.push(CapabilityId(cap));
        }
        out
    }

    /// Reads a list of ids to be checked later as actors (or districts).
    pub(super) fn id_list(
        &mut self,
        f: &Fields<'_>,
        name: &'static str,
        district: bool,
    ) -> Vec<String> {
        let Some(node) = f.get(name) else {
            return Vec::new();
        };
        let what = format!("`{name}`");
        let Some(items) = self.dec.list(node, &what) else {
            return Vec::new();
        };
        let mut out: Vec<String> = Vec::new();
        for item in items {
            let Some(id) = self.dec.string(item, &what) else {
                continue;
            };
            if out.contains(&id) {
                self.dec
                    .error(item.span, format!("`{id}` is listed twice in `{name}`"));
                continue;
            }
            self.refs.push(Ref {
                district,
                id: id.clone(),
                span: item.span,
                what: name,
            });
            out.push(id);
        }
        out
    }

    pub(super) fn district_refs(&mut self, f: &Fields<'_>, name: &'static str) -> Vec<DistrictId> {
        self.id_list(f, name, true)
            .into_iter()
            .map(DistrictId)
            .collect()
    }

    pub(super) fn actor_refs(&mut self, f: &Fields<'_>, name: &'static str) -> Vec<ActorId> {
        self.id_list(f, name, false)
            .into_iter()
            .map(ActorId)
            .collect()
    }

    pub(super) fn actor_ref(&mut self, node: &Node, what: &'static str) -> Option<ActorId> {
        let id = self.dec.string(node, format_args!("`{what}`"))?;
        self.refs.push(Ref {
            district: false,
            id: id.clone(),
            span: node.span,
            what,
        });
        Some(ActorId(id))
    }

    fn funding(&mut self, node: &Node) -> Vec<Funding> {
        let Some(items) = self.dec.list(node, "`funding`") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items {
            let Some(f) = self.dec.fields(item, "a funding source", FUNDING) else {
                continue;
            };
            self.dec.require(&f, &["source"]);
            let source = f
                .get("source")
                .and_then(|n| self.dec.slug(n, "funding source"));
            let until = f.get("until").and_then(|n| self.dec.date(n, "`until`"));
            if f.has("until") && until.is_none() {
                continue;
            }
            if let Some(source) = source {
                out.push(Funding { source, until });
            }
        }
        out
    }
}

/// How a derived capability is worked out, for the hint of a profile that declares it.
fn derivation_hint(capability: &str) -> &'static str {
    match capability {
        "lero" => "it holds when a `recovery_community` actor is `lived_experience_led`",
        "lived_experience_governance" => "from `governance.people_in_recovery_seats`",
        "partnership_board" => "from `governance.board`",
        "mission_statement" => "from `governance.mission_adopted`",
        "monitoring_evaluation" => "from `governance.monitoring`",
        "diverse_funding" => "from the `funding` of the recovery community's actors",
        _ => "the model says how",
    }
}
