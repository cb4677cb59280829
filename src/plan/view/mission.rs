//! The decisions asked of the board, the mission and vision made the city's own, and the goals
//! (plan.md): co-production first (004: "People in recovery, as well as their families, will be
//! included in defining these actions"), then a draft mission, then the year-one priorities as a
//! draft to test.

use super::MissionView;
use crate::model::{City, Model};
use crate::plan::names::Names;
use crate::plan::{Phase, Plan};
use crate::words::{count, list, sentence};

/// How many short-term goals a plan states.
const SHORT_GOALS: usize = 3;

fn board(city: &City) -> String {
    city.governance
        .as_ref()
        .and_then(|g| g.name.clone())
        .unwrap_or_else(|| "the partnership board".into())
}

/// The decisions asked of the board, in order.
pub(super) fn decisions(city: &City, plan: &Plan) -> Vec<String> {
    let g = city.governance.clone().unwrap_or_default();
    let board = board(city);
    let districts: Vec<String> = city.districts.iter().map(|d| d.name.clone()).collect();
    let where_ = if districts.is_empty() {
        String::new()
    } else {
        format!(", district by district ({})", list(&districts, 8))
    };
    let missing: Vec<&str> = [
        (g.people_in_recovery_seats == 0).then_some("people in recovery"),
        (g.family_seats == 0).then_some("family members"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let has_board = !g.board.is_empty() || g.name.is_some();
    let first = if !has_board {
        format!(
            "Form a partnership board with seats for people in recovery and family members from the start, and hold listening sessions with people in recovery and families{where_}, before the priorities are fixed"
        )
    } else if missing.is_empty() {
        format!(
            "Hold listening sessions with people in recovery and families{where_}, before the priorities are fixed"
        )
    } else {
        format!(
            "Seat {} on {board}, and hold listening sessions with people in recovery and families{where_}, before the priorities are fixed",
            list(&missing, 2)
        )
    };
    let n = plan
        .actions
        .iter()
        .filter(|a| a.phase == Phase::Year1)
        .count();
    vec![
        sentence(&first),
        sentence(
            "Adopt the draft mission below as a starting point, which the partners will rewrite in their own words",
        ),
        sentence(&format!(
            "Agree the {} for year one as a draft to test in those sessions",
            count(n, "priority", "priorities")
        )),
    ]
}

/// The model's mission and vision, naming the city's own organisations, initiatives and districts.
pub(super) fn mission(model: &Model, city: &City) -> MissionView {
    // Organisations, not mutual-aid meetings, are named; one being set up is named as forming.
    let leros: Vec<String> = crate::analysis::leros(city)
        .iter()
        .filter(|a| a.group.is_none())
        .map(|a| a.name.clone())
        .collect();
    let forming: Vec<String> = city
        .prospects
        .iter()
        .filter(|p| {
            p.sector.as_str() == crate::model::known::RECOVERY_COMMUNITY && p.lived_experience_led
        })
        .map(|p| p.name.clone())
        .chain(
            city.inactive_actors
                .iter()
                .filter(|a| {
                    a.status == crate::model::city::ActorStatus::Planned
                        && a.sector.as_str() == crate::model::known::RECOVERY_COMMUNITY
                        && a.lived_experience_led
                })
                .map(|a| a.name.clone()),
        )
        .collect();
    let initiatives: Vec<String> = city
        .initiatives
        .iter()
        .chain(&city.planned_initiatives)
        .map(|i| i.name.clone())
        .collect();
    let districts: Vec<String> = city.districts.iter().map(|d| d.name.clone()).collect();
    let mut statement = model.mission.statement.replace("{city}", &city.name);
    if !leros.is_empty() {
        statement.push_str(&format!(
            " They will do it with {}, and with the people they serve.",
            named_few(
                &leros,
                "led by people in recovery",
                "organisations led by people in recovery"
            )
        ));
    } else if !forming.is_empty() {
        statement.push_str(&format!(
            " They will do it with the people in recovery now setting up {}, and with the people they serve.",
            list(&forming, 4)
        ));
    }
    let mut vision = model.mission.vision.replace("{city}", &city.name);
    let mut will = Vec::new();
    if !initiatives.is_empty() {
        will.push(format!(
            "{} will have grown",
            named_few(&initiatives, "", "initiatives")
        ));
    }
    if !districts.is_empty() {
        will.push(format!(
            "recovery support will reach every part of {}: {}",
            city.name,
            list(&districts, 8)
        ));
    }
    if !will.is_empty() {
        vision.push(' ');
        vision.push_str(&sentence(&will.join(", and ")));
    }
    MissionView {
        statement,
        vision,
        source: super::actions::cite(model, &model.mission.sources).join("; "),
    }
}

/// The goals of a phase: the pillars its actions serve, most actions first, one sentence each
/// (at most three in year one).
pub(super) fn goals(names: &Names<'_>, plan: &Plan, phase: Phase) -> Vec<String> {
    let mut pillars: Vec<(String, Vec<&str>)> = Vec::new();
    for a in plan.actions.iter().filter(|a| a.phase == phase) {
        let p = names.pillar(a.pillar.as_str());
        match pillars.iter_mut().find(|(x, _)| *x == p) {
            Some((_, titles)) => titles.push(&a.title),
            None => pillars.push((p, vec![&a.title])),
        }
    }
    pillars.sort_by_key(|p| std::cmp::Reverse(p.1.len()));
    if phase == Phase::Year1 {
        pillars.truncate(SHORT_GOALS);
    }
    pillars
        .into_iter()
        .map(|(pillar, titles)| {
            let titles: Vec<String> = titles
                .iter()
                .map(|t| {
                    let mut c = t.chars();
                    c.next()
                        .map_or_else(String::new, |f| f.to_lowercase().chain(c).collect())
                })
                .collect();
            sentence(&format!("{pillar}: {}", list(&titles, 3)))
        })
        .collect()
}

/// A few names, then how many more of what kind: "A, B, C and 4 other organisations led by people
/// in recovery"; all of them, with `what` after, when there are four or fewer.
fn named_few(names: &[String], what: &str, others: &str) -> String {
    const FEW: usize = 3;
    if names.len() <= FEW + 1 {
        let all = list(names, FEW + 1);
        return if what.is_empty() {
            all
        } else {
            format!("{all}, {what}")
        };
    }
    format!(
        "{}, {} and {} other {others}",
        names[..FEW - 1].join(", "),
        names[FEW - 1],
        names.len() - FEW
    )
}
