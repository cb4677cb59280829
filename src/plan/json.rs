//! plan.json: the plan for programs (dashboards, monitoring sheets, tests), with the same content
//! as action-plan.md in the shape outputs.md gives. Ids here, not names: a program joins them to
//! analysis.json and the profile. The writer adds `generator` with the hash of what it wrote.

use super::{Action, Plan};
use crate::model::{City, Model};
use serde_json::{Value, json};

/// The format's name and version.
pub const FORMAT: &str = "inclusive-cities/plan/v1";

/// The plan as JSON, without its `generator` (the writer stamps it).
pub fn to_json(model: &Model, city: &City, plan: &Plan) -> Value {
    let names = super::names::Names::new(model, city);
    json!({
        "format": FORMAT,
        "city": {
            "id": city.id,
            "name": city.name,
            "country": city.country,
            "as_of": city.as_of.to_string(),
        },
        "capacity": plan.capacity,
        "actions": plan.actions.iter().map(|a| action(&names, a)).collect::<Vec<_>>(),
        "risks": plan.risks.iter().map(|r| json!({
            "owner": r.owner,
            "name": r.name,
            "lost": r.lost,
            "what": r.what,
            "mitigation": r.mitigation,
            "gaps": r.gaps,
            "action": r.action,
            "status": r.status.map(status),
        })).collect::<Vec<_>>(),
        "to_check": plan.to_check.checks.iter().map(|c| json!({
            "gap": c.gaps.first(),
            "gaps": c.gaps,
            "check": c.text,
        })).collect::<Vec<_>>(),
        "map_next": {
            "sectors": plan.to_check.sectors,
            "capabilities": plan.to_check.capabilities,
            "links": plan.to_check.links,
        },
        "retired": plan.retired.iter().map(|t| json!({
            "id": t.id,
            "status": status(t.status),
            "owner": t.owner.as_ref().map(|o| o.as_str()),
            "due": t.due.map(|d| d.to_string()),
            "note": t.note,
        })).collect::<Vec<_>>(),
        "shadowed": plan.shadowed.iter().map(|(entry, action)| json!({
            "entry": entry,
            "action": action,
        })).collect::<Vec<_>>(),
    })
}

fn status(s: crate::model::city::ActionStatus) -> &'static str {
    crate::model::city::ActionStatus::ALL
        .iter()
        .find(|(x, _)| *x == s)
        .map_or("proposed", |(_, w)| w)
}

fn action(names: &super::names::Names<'_>, a: &Action) -> Value {
    json!({
        "id": a.id,
        "title": a.title,
        "what": a.what,
        "gaps": a.gaps,
        "answers": a.answers,
        "severity": a.severity.as_str(),
        "pillar": a.pillar.as_str(),
        "phase": a.phase.as_str(),
        "quarter": a.quarter,
        "due": a.due.map(|d| d.to_string()),
        "due_suggested": a.due_suggested,
        "deadline": a.deadline.map(|d| d.to_string()),
        "lead": a.lead.actor.as_ref().map(|id| json!({
            "id": id.as_str(),
            "name": names.actor(id.as_str()),
            "reason": a.lead.reason,
        })),
        "lead_reason": a.lead.reason,
        "partners": a.partners.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
        "approach": a.approach.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(),
        "planned": a.planned.iter().map(|n| n.id.as_str()).collect::<Vec<_>>(),
        "indicators": a.indicators.iter().map(|i| json!({
            "kind": match i.kind {
                crate::model::definition::IndicatorKind::Count => "count",
                crate::model::definition::IndicatorKind::Story => "story",
                crate::model::definition::IndicatorKind::Milestone => "milestone",
            },
            "text": i.text,
        })).collect::<Vec<_>>(),
        "cost": a.cost.as_str(),
        "funding": a.funding.iter().map(|f| json!({
            "name": f.name,
            "kind": f.kind,
            "cost": f.cost.as_str(),
            "from": f.from,
        })).collect::<Vec<_>>(),
        "status": status(a.status),
        "tracked": a.tracked,
        "tracked_as": a.tracked_as,
        "owner": a.owner.as_ref().map(|o| o.as_str()),
        "note": a.note,
    })
}
