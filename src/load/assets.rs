//! Initiatives, governance, prospects and tracked actions of a profile, and the checks of every
//! reference once the whole file is read.

use super::decode::{Fields, suggest};
use super::profile::{IdKind, ProfileReader};
use super::yaml::Node;
use crate::model::city::{ActionStatus, Governance, Initiative, Prospect, TrackedAction};
use rustc_hash::FxHashMap as HashMap;

const INITIATIVE: &[&str] = &[
    "id",
    "name",
    "description",
    "provides",
    "led_by",
    "partners",
    "districts",
    "per_year",
    "public",
    "status",
    "starts",
];
const GOVERNANCE: &[&str] = &[
    "name",
    "board",
    "people_in_recovery_seats",
    "family_seats",
    "mission_adopted",
    "monitoring",
];
const PROSPECT: &[&str] = &[
    "id",
    "name",
    "description",
    "sector",
    "provides",
    "districts",
    "would_partner_with",
    "lived_experience_led",
    "online",
    "places",
];
const ACTION: &[&str] = &["id", "status", "owner", "due", "note"];

impl ProfileReader<'_> {
    /// An initiative, and whether it is planned.
    pub(super) fn initiative(&mut self, node: &Node) -> Option<(Initiative, bool)> {
        let f = self.dec.fields(node, "an initiative", INITIATIVE)?;
        self.dec.require(&f, &["id", "name", "provides", "led_by"]);
        let id = self.register(&f, IdKind::Initiative, "initiative id");
        let name = self.dec.opt_string(&f, "name", "an initiative's `name`");
        let description = self.dec.opt_description(&f, "description", "`description`");
        let provides = self.capabilities(&f, "provides");
        let led_by = self.actor_refs(&f, "led_by");
        let partners = self.actor_refs(&f, "partners");
        let districts = self.district_refs(&f, "districts");
        let per_year = f.get("per_year").and_then(|n| self.count(n, "`per_year`"));
        let public = self.dec.flag(&f, "public", "`public`");
        let planned = match f.get("status") {
            Some(n) => {
                self.dec
                    .choice(n, "initiative status", &["active", "planned"])?
                    == "planned"
            }
            None => false,
        };
        let starts = self.dated(&f, "starts", planned, "planned")?;
        let initiative = Initiative {
            id: id?,
            name: name?,
            description,
            provides,
            led_by,
            partners,
            districts,
            per_year,
            public,
            starts,
        };
        Some((initiative, planned))
    }

    pub(super) fn governance(&mut self, node: &Node) -> Option<Governance> {
        let f = self.dec.fields(node, "`governance`", GOVERNANCE)?;
        let name = self.dec.opt_string(&f, "name", "`governance.name`");
        let board = self.actor_refs(&f, "board");
        let people_in_recovery_seats = self.seats(&f, "people_in_recovery_seats");
        let family_seats = self.seats(&f, "family_seats");
        let mission_adopted = self.dec.flag(&f, "mission_adopted", "`mission_adopted`");
        let monitoring = self.dec.flag(&f, "monitoring", "`monitoring`");
        Some(Governance {
            name,
            board,
            people_in_recovery_seats,
            family_seats,
            mission_adopted,
            monitoring,
        })
    }

    fn seats(&mut self, f: &Fields<'_>, name: &str) -> u32 {
        f.get(name)
            .and_then(|n| self.count(n, &format!("`{name}`")))
            .unwrap_or(0)
    }

    pub(super) fn prospect(&mut self, node: &Node) -> Option<Prospect> {
        let f = self.dec.fields(node, "a prospect", PROSPECT)?;
        self.dec.require(&f, &["id", "name", "sector"]);
        let id = self.register(&f, IdKind::Prospect, "prospect id");
        let name = self.dec.opt_string(&f, "name", "a prospect's `name`");
        let description = self.dec.opt_description(&f, "description", "`description`");
        let sector = f.get("sector").and_then(|n| self.sector(n));
        let provides = self.capabilities(&f, "provides");
        let districts = self.district_refs(&f, "districts");
        let would_partner_with = self.actor_refs(&f, "would_partner_with");
        let lived_experience_led =
            self.dec
                .flag(&f, "lived_experience_led", "`lived_experience_led`");
        let online = self.dec.flag(&f, "online", "`online`");
        let places = f.get("places").and_then(|n| self.positive(n, "`places`"));
        Some(Prospect {
            id: id?,
            name: name?,
            description,
            sector: sector?,
            provides,
            districts,
            would_partner_with,
            lived_experience_led,
            online,
            places,
        })
    }

    pub(super) fn actions(&mut self, top: &Fields<'_>) -> Vec<TrackedAction> {
        let mut seen = HashMap::default();
        let mut out = Vec::new();
        let Some(node) = top.get("actions") else {
            return out;
        };
        let Some(items) = self.dec.list(node, "`actions`") else {
            return out;
        };
        for item in items {
            let Some(action) = self.action(item) else {
                continue;
            };
            let span = item.span;
            if let Some(&first) = seen.get(&action.id) {
                let d = self
                    .dec
                    .error(span, format!("action `{}` is listed twice", action.id));
                d.related = Some((first, "first listed here".into()));
                continue;
            }
            seen.insert(action.id.clone(), span);
            out.push(action);
        }
        out
    }

    fn action(&mut self, node: &Node) -> Option<TrackedAction> {
        let f = self.dec.fields(node, "an action", ACTION)?;
        self.dec.require(&f, &["id", "status"]);
        let id = self.dec.opt_string(&f, "id", "an action's `id`");
        let status = f
            .get("status")
            .and_then(|n| self.dec.word(n, "action status", &ActionStatus::ALL));
        let owner = f.get("owner").and_then(|n| self.actor_ref(n, "owner"));
        let due = f.get("due").and_then(|n| self.dec.date(n, "`due`"));
        let note = self.dec.opt_description(&f, "note", "`note`");
        Some(TrackedAction {
            id: id?,
            status: status?,
            owner,
            due,
            note,
        })
    }

    /// A count of things a year, or of seats: a whole number from 0.
    pub(super) fn count(&mut self, node: &Node, what: &str) -> Option<u32> {
        self.dec
            .integer(node, what, 0, i128::from(u32::MAX))
            .and_then(|i| u32::try_from(i).ok())
    }

    /// A PARTNER-style rating, 1 to 4.
    pub(super) fn rating(&mut self, node: &Node, what: &str) -> Option<u8> {
        self.dec
            .integer(node, what, 1, 4)
            .and_then(|i| u8::try_from(i).ok())
    }

    /// Checks every reference against the ids the file defines.
    pub(super) fn check_refs(&mut self) {
        let refs = std::mem::take(&mut self.refs);
        for r in refs {
            if r.district {
                if !self.districts.contains_key(&r.id) {
                    let mut valid: Vec<&str> = self.districts.keys().map(String::as_str).collect();
                    valid.sort_unstable();
                    let near = suggest(&r.id, valid.iter().copied()).map(str::to_owned);
                    let d = self.dec.error(
                        r.span,
                        format!("unknown district `{}` in `{}`", r.id, r.what),
                    );
                    match near {
                        Some(near) => d.hints.push(format!("did you mean `{near}`?")),
                        None if valid.is_empty() => d.hints.push(
                            "the city defines no districts: add them under `city.districts`".into(),
                        ),
                        None => d
                            .hints
                            .push(format!("the city's districts are: {}", valid.join(", "))),
                    }
                }
                continue;
            }
            match self.ids.get(&r.id) {
                Some((IdKind::Actor, _)) => {}
                Some((IdKind::Inactive(_), _)) if r.what == "owner" => {}
                Some((IdKind::Inactive(status), defined)) => {
                    let (status, defined) = (*status, *defined);
                    let d = self.dec.error(
                        r.span,
                        format!(
                            "`{}` is {} and outside the network: it cannot be named in `{}`",
                            r.id,
                            IdKind::Inactive(status).noun(),
                            r.what
                        ),
                    );
                    d.related = Some((defined, "defined here".into()));
                    d.hints.push(match status {
                        crate::model::city::ActorStatus::Closed => format!(
                            "remove it from `{}`; if it has reopened, set `status: active`",
                            r.what
                        ),
                        _ => format!(
                            "add it to `{}` once it has opened and its `status` is `active`",
                            r.what
                        ),
                    });
                }
                Some((kind, defined)) => {
                    let defined = *defined;
                    let d = self.dec.error(
                        r.span,
                        format!("`{}` is {}, not an actor", r.id, kind.noun()),
                    );
                    d.related = Some((defined, "defined here".into()));
                    d.hints.push(format!("`{}` must name an actor", r.what));
                }
                None => {
                    let actors: Vec<&str> = self
                        .ids
                        .iter()
                        .filter(|(_, (k, _))| *k == IdKind::Actor)
                        .map(|(id, _)| id.as_str())
                        .collect();
                    let near = suggest(&r.id, actors).map(str::to_owned);
                    let d = self
                        .dec
                        .error(r.span, format!("unknown actor `{}` in `{}`", r.id, r.what));
                    if let Some(near) = near {
                        d.hints.push(format!("did you mean `{near}`?"));
                    }
                }
            }
        }
    }
}
