//! City profile (format v1) from a node tree to a validated [`City`], every problem reported.
//!
//! Decoding reads each field with its span and records ids and references as it goes; the
//! references are checked once the whole file is read, so an actor may be named before it is
//! defined. A [`City`] is returned only when the file has no error.

use super::decode::{Decoder, Fields};
use super::yaml::{Node, NodeKind};
use crate::diag::Span;
use crate::model::Model;
use crate::model::city::{ActorStatus, City, District};
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
const CITY: &[&str] = &[
    "id",
    "name",
    "country",
    "population",
    "as_of",
    "districts",
    "mapped_sectors",
    "capacity",
];
const DISTRICT: &[&str] = &["id", "name", "rural"];

/// What an id names, for references of the wrong kind.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum IdKind {
    Actor,
    Initiative,
    Prospect,
    /// A closed or planned actor: outside the network.
    Inactive(ActorStatus),
}

impl IdKind {
    pub(super) fn noun(self) -> &'static str {
        match self {
            IdKind::Actor => "an actor",
            IdKind::Initiative => "an initiative",
            IdKind::Prospect => "a prospect",
            IdKind::Inactive(ActorStatus::Closed) => "a closed actor",
            IdKind::Inactive(_) => "a planned actor",
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
        let (actors, inactive_actors) = self
            .items(&top, "actors", Self::actor)
            .into_iter()
            .partition(|a| a.status == ActorStatus::Active);
        let partnerships = self.items(&top, "partnerships", Self::partnership);
        let (initiatives, planned_initiatives) = self
            .items(&top, "initiatives", Self::initiative)
            .into_iter()
            .partition(|(_, planned)| !planned);
        let governance = top.get("governance").map(|n| self.governance(n));
        let prospects = self.items(&top, "prospects", Self::prospect);
        let actions = self.actions(&top);
        self.check_refs();
        if crate::diag::has_errors(&self.dec.diagnostics) {
            return None;
        }
        let head = city?;
        let unplanned = |list: Vec<(crate::model::city::Initiative, bool)>| {
            list.into_iter().map(|(i, _)| i).collect()
        };
        Some(City {
            id: head.id,
            name: head.name,
            country: head.country,
            population: head.population,
            as_of: head.as_of,
            districts: head.districts,
            mapped_sectors: head.mapped_sectors,
            capacity: head.capacity,
            actors,
            inactive_actors,
            partnerships,
            initiatives: unplanned(initiatives),
            planned_initiatives: unplanned(planned_initiatives),
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

    fn city(&mut self, node: &Node) -> Option<CityHead> {
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
        let mapped_sectors = f.get("mapped_sectors").map(|n| self.mapped_sectors(n));
        let capacity = f
            .get("capacity")
            .and_then(|n| self.positive(n, "`capacity`"));
        Some(CityHead {
            id: id?,
            name: name?,
            country: country?,
            population,
            as_of: as_of?,
            districts,
            mapped_sectors,
            capacity,
        })
    }

    /// `city.mapped_sectors`: model sectors, each once.
    fn mapped_sectors(&mut self, node: &Node) -> Vec<SectorId> {
        let Some(items) = self.dec.list(node, "`mapped_sectors`") else {
            return Vec::new();
        };
        let mut out: Vec<SectorId> = Vec::new();
        for item in items {
            let Some(sector) = self.sector(item) else {
                continue;
            };
            if out.contains(&sector) {
                self.dec.error(
                    item.span,
                    format!("`{sector}` is listed twice in `mapped_sectors`"),
                );
                continue;
            }
            out.push(sector);
        }
        if out.is_empty() && !crate::diag::has_errors(&self.dec.diagnostics) {
            let d = self.dec.error(node.span, "`mapped_sectors` is empty");
            d.hints.push(
                "list the sectors the profile has mapped so far, or leave the field out if it maps them all"
                    .into(),
            );
        }
        out
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
}

/// The `city` block's fields, once read.
struct CityHead {
    id: String,
    name: String,
    country: String,
    population: Option<u64>,
    as_of: crate::model::Date,
    districts: Vec<District>,
    mapped_sectors: Option<Vec<SectorId>>,
    capacity: Option<u32>,
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
