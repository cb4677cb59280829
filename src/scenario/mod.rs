//! Coordinators' what-ifs on analyses: [`diff`] two versions of a city, [`whatif`] prospects
//! joined or actors gone, [`recommend`] whom to approach next. Pure: cities and analyses in,
//! plain data out. [`remove_actor`] is the one way an actor leaves a city here.

pub mod diff;
pub mod recommend;
mod snapshot;
pub mod whatif;

use crate::model::City;
use crate::model::ids::ActorId;

/// The city without the actor `id` (active, planned or closed) and without every reference
/// to it the network reads:
/// - its partnerships go, and its seat on the board (the seats of people in recovery and of
///   families are people, not organisations: they stay);
/// - it stops leading and partnering initiatives, planned ones too; an initiative it was the
///   last lead of ends (it is dropped: nobody runs it), one that had no lead to begin with stays;
/// - prospects no longer count on partnering with it.
///
/// Kept on purpose: tracked actions keep it as their `owner` (the plan says the owner has
/// left), and funding sources keep its slug (a funder is a free slug, and leaving the network
/// does not say whose money stops).
pub fn remove_actor(city: &mut City, id: &str) {
    let other = |a: &ActorId| a.as_str() != id;
    city.actors.retain(|a| other(&a.id));
    city.inactive_actors.retain(|a| other(&a.id));
    city.partnerships.retain(|p| other(&p.a) && other(&p.b));
    if let Some(g) = &mut city.governance {
        g.board.retain(other);
    }
    for list in [&mut city.initiatives, &mut city.planned_initiatives] {
        list.retain_mut(|i| {
            let led = !i.led_by.is_empty();
            i.led_by.retain(other);
            i.partners.retain(other);
            !led || !i.led_by.is_empty()
        });
    }
    for p in &mut city.prospects {
        p.would_partner_with.retain(other);
    }
}

#[cfg(test)]
mod tests {
    use super::remove_actor;
    use crate::diag::SourceFile;
    use crate::load::{builtin_model, parse_city};
    use crate::model::City;

    const CITY: &str = r"format: inclusive-cities/v1
city: { id: testford, name: Testford, country: GB, as_of: 2026-09-01 }
actors:
- { id: council, name: Council, sector: council, commitment: committed, funding: [{ source: new-dawn }] }
- { id: new-dawn, name: New Dawn, sector: recovery_community, lived_experience_led: true, provides: [peer_support] }
- { id: quay, name: Quay Housing, sector: housing, provides: [supported_housing] }
partnerships:
- { between: [council, new-dawn], kind: commissioning }
- { from: new-dawn, to: quay, kind: referral }
- { between: [council, quay], kind: commissioning }
initiatives:
- { id: walk, name: Recovery Walk, provides: [recovery_events], led_by: [new-dawn], partners: [council] }
- { id: cafe, name: Recovery Cafe, provides: [recovery_cafe], led_by: [council, new-dawn], partners: [quay, new-dawn] }
- { id: fair, name: Housing Fair, provides: [recovery_events], led_by: [quay], partners: [new-dawn] }
- { id: college, name: Recovery College, provides: [recovery_coach_training], led_by: [new-dawn], status: planned }
governance: { board: [council, new-dawn], people_in_recovery_seats: 1 }
prospects:
- { id: builders, name: Builders, sector: employer, would_partner_with: [new-dawn, council] }
actions:
- { id: missing-link.x, status: agreed, owner: new-dawn }
";

    fn city() -> City {
        let file = SourceFile::new("test.yaml", CITY);
        let loaded = parse_city(&file, builtin_model());
        loaded
            .value
            .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics))
    }

    /// Every place in `value` that holds the string `id`, as a path.
    fn mentions(value: &serde_json::Value, id: &str, path: &str, out: &mut Vec<String>) {
        match value {
            serde_json::Value::String(s) if s == id => out.push(path.to_owned()),
            serde_json::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    mentions(v, id, &format!("{path}[{i}]"), out);
                }
            }
            serde_json::Value::Object(fields) => {
                for (k, v) in fields {
                    mentions(v, id, &format!("{path}.{k}"), out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn remove_actor_leaves_no_reference_but_the_owner_and_the_funder() {
        let mut city = city();
        remove_actor(&mut city, "new-dawn");
        let value = serde_json::to_value(&city).expect("plain data");
        let mut found = Vec::new();
        mentions(&value, "new-dawn", "city", &mut found);
        assert_eq!(
            found,
            ["city.actions[0].owner", "city.actors[0].funding[0].source"]
        );
        let ids = |list: &[crate::model::city::Initiative]| -> Vec<String> {
            list.iter().map(|i| i.id.clone()).collect()
        };
        // The walk and the college had no other lead: they end; the cafe and the fair go on.
        assert_eq!(ids(&city.initiatives), ["cafe", "fair"]);
        assert!(city.planned_initiatives.is_empty());
        assert_eq!(city.partnerships.len(), 1);
        let g = city.governance.as_ref().expect("governance");
        assert_eq!((g.board.len(), g.people_in_recovery_seats), (1, 1));
    }

    #[test]
    fn remove_actor_keeps_an_initiative_that_had_no_lead() {
        let mut city = city();
        city.initiatives[2].led_by.clear();
        remove_actor(&mut city, "council");
        let ids: Vec<&str> = city.initiatives.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["walk", "cafe", "fair"]);
        assert!(city.initiatives[0].partners.is_empty());
    }
}
