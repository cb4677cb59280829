//! Actors of a profile: their fields, their status (active, planned, closed) with its dates,
//! groups, flows and waits, and their funding, each checked where it is written.

use super::decode::Fields;
use super::profile::{IdKind, ProfileReader};
use super::yaml::{Node, NodeKind};
use crate::model::city::{Actor, ActorStatus, Commitment, Funding, FundingKind, Group};
use crate::model::ids::{ActorId, SectorId};

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
    "status",
    "closed_on",
    "starts",
    "places",
    "group",
    "contacts_per_year",
    "waiting_weeks",
    "lead_capacity",
];
const FUNDING: &[&str] = &["source", "until", "kind"];

impl ProfileReader<'_> {
    pub(super) fn actor(&mut self, node: &Node) -> Option<Actor> {
        let f = self.dec.fields(node, "an actor", ACTOR)?;
        self.dec.require(&f, &["id", "name", "sector"]);
        let id = self.register(&f, IdKind::Actor, "actor id");
        let name = self.dec.opt_string(&f, "name", "an actor's `name`");
        let description = self.dec.opt_description(&f, "description", "`description`");
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
        let status = self.status(&f);
        // Registered as closed or planned at once, so a reference to it is checked as such
        // even when another of its fields is wrong.
        if let (Some(id), Some(status)) = (&id, status)
            && status != ActorStatus::Active
            && let Some((kind, _)) = self.ids.get_mut(id)
        {
            *kind = IdKind::Inactive(status);
        }
        let life = status.and_then(|s| self.dates(&f, s));
        let group = f.get("group").and_then(|n| self.group(n));
        let places = f.get("places").and_then(|n| self.positive(n, "`places`"));
        let contacts_per_year = f
            .get("contacts_per_year")
            .and_then(|n| self.positive(n, "`contacts_per_year`"));
        let waiting_weeks = f
            .get("waiting_weeks")
            .and_then(|n| self.positive(n, "`waiting_weeks`"));
        let lead_capacity = f
            .get("lead_capacity")
            .and_then(|n| self.count(n, "`lead_capacity`"));
        let (status, (closed_on, starts)) = (status?, life?);
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
            status,
            closed_on,
            starts,
            places,
            group,
            contacts_per_year,
            waiting_weeks,
            lead_capacity,
        })
    }

    /// `status`: active (the default), planned or closed.
    fn status(&mut self, f: &Fields<'_>) -> Option<ActorStatus> {
        match f.get("status") {
            Some(n) => self.dec.word(n, "status", &ActorStatus::ALL),
            None => Some(ActorStatus::Active),
        }
    }

    /// `closed_on` only when closed and `starts` only when planned.
    #[allow(clippy::type_complexity)]
    fn dates(
        &mut self,
        f: &Fields<'_>,
        status: ActorStatus,
    ) -> Option<(Option<crate::model::Date>, Option<crate::model::Date>)> {
        let closed_on = self.dated(f, "closed_on", status == ActorStatus::Closed, "closed");
        let starts = self.dated(f, "starts", status == ActorStatus::Planned, "planned");
        Some((closed_on?, starts?))
    }

    /// A date field allowed only with one status; `None` when the field is wrong.
    pub(super) fn dated(
        &mut self,
        f: &Fields<'_>,
        name: &str,
        allowed: bool,
        status: &str,
    ) -> Option<Option<crate::model::Date>> {
        let Some(node) = f.get(name) else {
            return Some(None);
        };
        let date = self.dec.date(node, &format!("`{name}`"))?;
        if !allowed {
            let d = self.dec.error(
                f.key_span(name),
                format!("`{name}` applies only with `status: {status}`"),
            );
            d.hints
                .push(format!("add `status: {status}`, or remove `{name}`"));
            return None;
        }
        Some(Some(date))
    }

    /// `group: true` or `group: N` with N at least 2.
    fn group(&mut self, node: &Node) -> Option<Group> {
        match node.kind {
            NodeKind::Bool(true) => Some(Group::Several),
            NodeKind::Int(n) if n >= 2 => u32::try_from(n).ok().map(Group::About),
            NodeKind::Int(n) => {
                let d = self
                    .dec
                    .error(node.span, format!("`group` must be at least 2, found {n}"));
                d.hints.push(
                    "`group` says the entry stands for several organisations: give about how many (2 or more), `true` when the number is not known, or leave it out for one organisation"
                        .into(),
                );
                None
            }
            NodeKind::Bool(false) => {
                let d = self.dec.error(node.span, "`group: false` says nothing");
                d.hints
                    .push("leave `group` out for a single organisation".into());
                None
            }
            _ => {
                self.dec
                    .wrong_type(node, "`group`", "`true` or a whole number from 2");
                None
            }
        }
    }

    /// A whole number from 1.
    pub(super) fn positive(&mut self, node: &Node, what: &str) -> Option<u32> {
        self.dec
            .integer(node, what, 1, i128::from(u32::MAX))
            .and_then(|i| u32::try_from(i).ok())
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
            let kind = f
                .get("kind")
                .and_then(|n| self.dec.word(n, "funding kind", &FundingKind::ALL));
            if (f.has("until") && until.is_none()) || (f.has("kind") && kind.is_none()) {
                continue;
            }
            if let Some(source) = source {
                out.push(Funding {
                    source,
                    until,
                    kind,
                });
            }
        }
        out
    }
}
