//! Saying what is known (the model's second edition): the format's additions, each checked at
//! its line; the basis of every gap (recorded, assumed, not assessed); and the new and narrowed
//! rules, each firing on a minimal fixture and quiet on its counterpart.

use crate::harness::*;
use inclusive_cities::analysis::Basis;

/// A profile of Harbourton with `city_extra` under `city:` and the rest.
fn profile(city_extra: &str, actors: &[&str], partnerships: &[&str], extra: &str) -> String {
    harbourton(city_extra, actors, partnerships, extra)
}

const COUNCIL: &str =
    "- { id: council, name: Harbourton Council, sector: council, commitment: committed }";
const LERO: &str = "- { id: new-dawn, name: New Dawn, sector: recovery_community, commitment: committed, lived_experience_led: true, provides: [peer_support] }";
const OUTREACH_1400: &str = "- { id: outreach, name: Harbour Outreach, sector: harm_reduction, commitment: engaged, provides: [harm_reduction], contacts_per_year: 1400 }";
const CLOSED_HOUSING: &str = "- { id: chez-nous, name: Chez Nous, sector: housing, status: closed, closed_on: 2026-03-31, places: 35, provides: [supported_housing] }";
const TREATMENT_9_WEEKS: &str = "- { id: clinic, name: Harbour Clinic, sector: treatment, commitment: committed, provides: [treatment], waiting_weeks: 9 }";

fn gap(yaml: &str, id: &str) -> inclusive_cities::Gap {
    assert_fires(yaml, id)
}

/// The action plan `plan` writes for a profile.
fn action_plan(yaml: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("harbourton.yaml");
    std::fs::write(&file, yaml).expect("write");
    bin()
        .arg("plan")
        .arg(&file)
        .arg("-o")
        .arg(dir.path().join("plan"))
        .assert()
        .success();
    std::fs::read_to_string(dir.path().join("plan/action-plan.md")).expect("plan")
}

// --- lost provision ------------------------------------------------------------------------

#[test]
fn flags_lost_provision_of_a_recent_closure_with_its_places() {
    let yaml = profile("", &[COUNCIL, LERO, CLOSED_HOUSING], &[], "");
    let g = gap(&yaml, "lost-provision.chez-nous.supported_housing");
    assert_eq!(g.severity, inclusive_cities::model::Severity::High);
    assert_eq!(g.pillar.as_str(), "housing");
    assert_eq!(g.basis, Basis::Recorded);
    assert!(g.message.contains("35 places"), "{}", g.message);
    assert!(g.message.contains("closed on 2026-03-31"), "{}", g.message);
    assert_eq!(g.group, "capability.supported_housing");
    // Said once: not also as a missing capability, and the closed actor is not isolated.
    assert_quiet(&yaml, "missing-capability.supported_housing");
    assert_quiet(&yaml, "isolated-actor.chez-nous");
}

#[test]
fn lost_provision_is_quiet_when_an_active_actor_took_it_over_with_as_many_places() {
    let housing = "- { id: quay, name: Quay Housing, sector: housing, commitment: committed, provides: [supported_housing], places: 40 }";
    let yaml = profile("", &[COUNCIL, LERO, CLOSED_HOUSING, housing], &[], "");
    assert_quiet(&yaml, "lost-provision.chez-nous.supported_housing");
    let fewer = housing.replace("places: 40", "places: 12");
    let yaml = profile("", &[COUNCIL, LERO, CLOSED_HOUSING, &fewer], &[], "");
    let g = gap(&yaml, "lost-provision.chez-nous.supported_housing");
    assert!(g.message.contains("now offers 12"), "{}", g.message);
}

#[test]
fn lost_provision_is_quiet_for_an_old_closure_and_assumed_for_an_undated_one() {
    let old = CLOSED_HOUSING.replace("2026-03-31", "2023-01-31");
    let yaml = profile("", &[COUNCIL, LERO, &old], &[], "");
    assert_quiet(&yaml, "lost-provision.chez-nous.supported_housing");
    let undated = CLOSED_HOUSING.replace("closed_on: 2026-03-31, ", "");
    let yaml = profile("", &[COUNCIL, LERO, &undated], &[], "");
    let g = gap(&yaml, "lost-provision.chez-nous.supported_housing");
    assert_eq!(g.basis, Basis::Assumed);
    assert_eq!(g.assumed_from, ["chez-nous.closed_on"]);
    // Undated, the loss is to check; that nobody provides it now stays a recorded finding.
    assert_eq!(
        gap(&yaml, "missing-capability.supported_housing").basis,
        Basis::Recorded
    );
}

// --- referral rate -------------------------------------------------------------------------

#[test]
fn flags_a_low_referral_rate_from_harm_reduction() {
    let referrals = "- { from: outreach, to: new-dawn, kind: referral, per_year: 27 }";
    let yaml = profile("", &[COUNCIL, LERO, OUTREACH_1400], &[referrals], "");
    let g = gap(&yaml, "low-referral-rate.outreach");
    assert_eq!(g.pillar.as_str(), "pathways");
    assert!(g.message.contains("refers 27"), "{}", g.message);
    assert!(g.message.contains("(1.9%)"), "{}", g.message);
    assert_eq!(g.group, "referral-routes");
}

#[test]
fn referral_rate_is_quiet_above_the_threshold_or_without_a_recorded_flow() {
    let many = "- { from: outreach, to: new-dawn, kind: referral, per_year: 100 }";
    let yaml = profile("", &[COUNCIL, LERO, OUTREACH_1400], &[many], "");
    assert_quiet(&yaml, "low-referral-rate.outreach");
    let unrecorded = "- { from: outreach, to: new-dawn, kind: referral }";
    let yaml = profile("", &[COUNCIL, LERO, OUTREACH_1400], &[unrecorded], "");
    assert_quiet(&yaml, "low-referral-rate.outreach");
}

// --- waiting time --------------------------------------------------------------------------

#[test]
fn flags_a_long_wait_for_treatment_with_no_support_while_waiting() {
    let yaml = profile("", &[COUNCIL, LERO, TREATMENT_9_WEEKS], &[], "");
    let g = gap(&yaml, "waiting-time.clinic");
    assert!(g.message.contains("about 9 weeks"), "{}", g.message);
    assert_eq!(g.group, "capability.waiting_list_support");
}

#[test]
fn waiting_time_is_quiet_with_support_partnered_or_a_short_wait() {
    let support = LERO.replace("[peer_support]", "[peer_support, waiting_list_support]");
    let partnered = "- { between: [clinic, new-dawn], kind: joint_delivery, formal: true }";
    let yaml = profile(
        "",
        &[COUNCIL, &support, TREATMENT_9_WEEKS],
        &[partnered],
        "",
    );
    assert_quiet(&yaml, "waiting-time.clinic");
    let short = TREATMENT_9_WEEKS.replace("waiting_weeks: 9", "waiting_weeks: 3");
    let yaml = profile("", &[COUNCIL, LERO, &short], &[], "");
    assert_quiet(&yaml, "waiting-time.clinic");
}

// --- funding -------------------------------------------------------------------------------

#[test]
fn single_funder_risk_spares_groups_funders_the_council_and_statutory_streams() {
    let one = "funding: [{ source: lottery }]";
    let actors = [
        format!("- {{ id: churches, name: Churches, sector: community, group: 40, commitment: engaged, {one} }}"),
        format!("- {{ id: trust, name: Harbour Trust, sector: funder, commitment: committed, {one} }}"),
        format!("- {{ id: council, name: Harbourton Council, sector: council, commitment: committed, {one} }}"),
        "- { id: clinic, name: Clinic, sector: treatment, commitment: committed, provides: [treatment], funding: [{ source: nhs, kind: statutory }] }".to_owned(),
        format!("- {{ id: cafe, name: Cafe, sector: recovery_community, commitment: engaged, provides: [recovery_cafe], {one} }}"),
    ];
    let refs: Vec<&str> = actors.iter().map(String::as_str).collect();
    let yaml = profile("", &refs, &[], "");
    for quiet in ["churches", "trust", "council", "clinic"] {
        assert_quiet(&yaml, &format!("funding-risk.{quiet}"));
    }
    assert_fires(&yaml, "funding-risk.cafe");
}

#[test]
fn a_dated_end_is_a_cliff_even_for_a_group_and_a_subcontract_is_named() {
    let group = "- { id: churches, name: Churches, sector: community, group: true, commitment: engaged, funding: [{ source: diocese, until: 2027-01-31 }] }";
    let sub = "- { id: cafe, name: Cafe, sector: recovery_community, commitment: engaged, provides: [recovery_cafe], funding: [{ source: prime, kind: subcontract }] }";
    let yaml = profile("", &[group, sub], &[], "");
    assert_fires(&yaml, "funding-risk.churches");
    let g = gap(&yaml, "funding-risk.cafe");
    assert!(g.message.contains("sub-contract"), "{}", g.message);
}

#[test]
fn funding_not_recorded_is_to_check_not_a_gap() {
    let employer = "- { id: bakery, name: Mill Bakery, sector: employer, commitment: engaged, provides: [apprenticeships] }";
    let yaml = profile("", &[COUNCIL, LERO, employer], &[], "");
    let a = analysis(&yaml);
    assert_eq!(
        a.to_check.len(),
        1,
        "only the recovery community's: {:?}",
        a.to_check
    );
    assert!(!a.gaps.iter().any(|g| g.id.starts_with("funding-risk.")));
    assert!(
        a.to_check
            .iter()
            .any(|c| c.subject == "new-dawn" && c.check.contains("funding not recorded")),
        "{:?}",
        a.to_check
    );
}

#[test]
fn flags_the_recovery_community_drawing_on_too_few_funders() {
    let a = "- { id: a, name: A, sector: recovery_community, commitment: engaged, provides: [peer_support], funding: [{ source: lottery }] }";
    let b = "- { id: b, name: B, sector: recovery_community, commitment: engaged, provides: [mutual_aid], funding: [{ source: lottery }, { source: council }] }";
    let yaml = profile("", &[a, b], &[], "");
    let g = gap(&yaml, "funding-risk.recovery_community");
    assert_eq!(g.severity, inclusive_cities::model::Severity::High);
    let diverse = "- { id: c, name: C, sector: recovery_community, commitment: engaged, provides: [recovery_cafe], funding: [{ source: csr }] }";
    let yaml = profile("", &[a, b, diverse], &[], "");
    assert_quiet(&yaml, "funding-risk.recovery_community");
}

// --- groups and networks ---------------------------------------------------------------------

#[test]
fn a_group_is_never_a_single_point_of_failure() {
    let hub = |group: &str| {
        format!(
            "- {{ id: hub, name: Hub, sector: community, commitment: engaged, provides: [social_groups]{group} }}"
        )
    };
    let others = [
        "- { id: x, name: X, sector: council, commitment: committed }",
        "- { id: y, name: Y, sector: family, commitment: committed }",
    ];
    let links = [
        "- { between: [hub, x], kind: joint_delivery }",
        "- { between: [hub, y], kind: joint_delivery }",
    ];
    let single = hub("");
    let yaml = profile("", &[&single, others[0], others[1]], &links, "");
    assert_fires(&yaml, "single-point-of-failure.hub");
    let group = hub(", group: 12");
    let yaml = profile("", &[&group, others[0], others[1]], &links, "");
    assert_no_gap_starting(&yaml, "single-point-of-failure.hub");
}

// --- basis: unknowns and unmapped sectors -----------------------------------------------------

#[test]
fn a_gap_resting_on_an_unknown_commitment_is_assumed_and_costs_no_score() {
    let unknown = COUNCIL.replace("committed", "unknown");
    let yaml = profile("", &[&unknown, LERO], &[], "");
    let g = gap(&yaml, "missing-sector.council");
    assert_eq!(g.basis, Basis::Assumed);
    assert_eq!(g.assumed_from, ["council.commitment"]);
    let engaged = COUNCIL.replace("committed", "engaged");
    let known = analysis(&profile("", &[&engaged, LERO], &[], ""));
    let a = analysis(&yaml);
    assert_eq!(a.index, known.index, "unknown counts as engaged");
    assert_quiet(
        &profile("", &[&engaged, LERO], &[], ""),
        "missing-sector.council",
    );
}

#[test]
fn a_weak_link_resting_on_unknown_formality_is_assumed() {
    let link = "- { between: [council, new-dawn], kind: commissioning, formal: unknown }";
    let yaml = profile("", &[COUNCIL, LERO], &[link], "");
    let g = gap(&yaml, "weak-link.council.recovery_community");
    assert_eq!(g.basis, Basis::Assumed);
    let informal = link.replace("unknown", "false");
    let g = gap(
        &profile("", &[COUNCIL, LERO], &[&informal], ""),
        "weak-link.council.recovery_community",
    );
    assert_eq!(g.basis, Basis::Recorded, "false is a fact");
}

#[test]
fn an_unmapped_sector_is_not_missing_and_its_pillar_may_have_no_score() {
    let mapped = "  mapped_sectors: [recovery_community]\n";
    let yaml = profile(mapped, &[LERO], &[], "");
    let a = analysis(&yaml);
    assert!(!a.gaps.iter().any(|g| g.id == "missing-sector.housing"));
    assert!(
        !a.gaps
            .iter()
            .any(|g| g.id == "missing-capability.supported_housing")
    );
    assert!(a.not_assessed.sectors.contains(&"housing".to_owned()));
    assert!(
        a.not_assessed
            .capabilities
            .contains(&"supported_housing".to_owned())
    );
    assert_eq!(a.not_assessed.rules, ["pathway_gap"]);
    assert!(!a.gaps.iter().any(|g| g.rule.as_str() == "pathway_gap"));
    let housing = &a.pillars["housing"];
    assert_eq!(housing.score, None, "nothing in housing was assessed");
    assert_eq!(housing.assessed, 0.0);
    let scored: Vec<f64> = a.pillars.values().filter_map(|p| p.score).collect();
    let mean = scored.iter().sum::<f64>() / scored.len() as f64;
    assert!(
        (a.index - mean).abs() <= 0.05,
        "index {} mean {mean}",
        a.index
    );
    // Mapped in full, the same profile has the missing sector, recorded.
    let g = gap(&profile("", &[LERO], &[], ""), "missing-sector.housing");
    assert_eq!(g.basis, Basis::Recorded);
}

#[test]
fn a_group_that_records_no_provision_makes_missing_capabilities_assumed() {
    let leros = "- { id: leros, name: Existing LEROs, sector: recovery_community, group: true, commitment: engaged, lived_experience_led: true }";
    let yaml = profile("", &[COUNCIL, leros], &[], "");
    let g = gap(&yaml, "missing-capability.peer_support");
    assert_eq!(g.basis, Basis::Assumed);
    assert_eq!(g.assumed_from, ["leros.provides"]);
}

#[test]
fn an_existing_board_named_is_asked_to_take_the_mission_on() {
    let extra = "governance:\n  name: Harbourton Combating Drugs Partnership\n";
    let yaml = profile("", &[COUNCIL, LERO], &[], extra);
    assert_quiet(&yaml, "governance-gap.board");
    let g = gap(&yaml, "governance-gap.mission");
    assert!(
        g.message.contains("Harbourton Combating Drugs Partnership")
            && g.message.contains("rather than build a parallel one"),
        "{}",
        g.message
    );
}

// --- the format's checks ---------------------------------------------------------------------

fn diagnostics(city_extra: &str, actors: &[&str], partnerships: &[&str], extra: &str) -> String {
    short_diagnostics("t.yaml", &profile(city_extra, actors, partnerships, extra))
}

#[test]
fn errors_on_a_closed_actor_in_a_partnership_or_on_the_board() {
    let link = "- { between: [council, chez-nous], kind: housing_pathway }";
    let out = diagnostics(
        "",
        &[COUNCIL, CLOSED_HOUSING],
        &[link],
        "governance: { board: [chez-nous] }\n",
    );
    assert!(
        out.contains(
            "`chez-nous` is a closed actor and outside the network: it cannot be named in `between`"
        ),
        "{out}"
    );
    assert!(out.contains("cannot be named in `board`"), "{out}");
    assert!(out.contains("set `status: active`"), "{out}");
    // A tracked action owned by a closed actor is kept.
    let owned = "actions:\n  - { id: partner.housing, status: done, owner: chez-nous }\n";
    let city = city(&profile("", &[COUNCIL, CLOSED_HOUSING], &[], owned));
    assert_eq!(
        city.actions[0].owner.as_ref().map(|o| o.as_str()),
        Some("chez-nous")
    );
}

#[test]
fn errors_on_a_group_of_one_a_misspelt_status_and_misplaced_dates() {
    let out = diagnostics(
        "",
        &[
            "- { id: a, name: A, sector: community, group: 1 }",
            "- { id: b, name: B, sector: community, status: clsoed }",
            "- { id: c, name: C, sector: community, closed_on: 2026-01-01 }",
            "- { id: d, name: D, sector: community, waiting_weeks: 0 }",
        ],
        &[],
        "",
    );
    assert!(
        out.contains("t.yaml:8:47: error: `group` must be at least 2, found 1"),
        "{out}"
    );
    assert!(
        out.contains("unknown status `clsoed`") && out.contains("did you mean `closed`?"),
        "{out}"
    );
    assert!(
        out.contains("`closed_on` applies only with `status: closed`"),
        "{out}"
    );
    assert!(
        out.contains("`waiting_weeks` must be a whole number from 1"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 4, "{out}");
}

#[test]
fn errors_on_a_misspelt_mapped_sector_and_a_bad_formality() {
    let out = diagnostics(
        "  mapped_sectors: [council, recovery_comunity]\n",
        &[COUNCIL, LERO],
        &["- { between: [council, new-dawn], kind: commissioning, formal: maybe }"],
        "",
    );
    assert!(out.contains("did you mean `recovery_community`?"), "{out}");
    assert!(out.contains("unknown value `maybe` for `formal`"), "{out}");
}

#[test]
fn every_v1_file_keeps_its_meaning() {
    // No additions: every gap recorded, every pillar scored, nothing unassessed.
    let a = analysis(&profile("", &[COUNCIL, LERO], &[], ""));
    assert!(a.gaps.iter().all(|g| g.basis == Basis::Recorded));
    assert!(a.pillars.values().all(|p| p.score.is_some()));
    assert!(a.not_assessed.sectors.is_empty());
}

#[test]
fn a_plan_keeps_an_action_whose_owner_has_closed_and_says_so() {
    let owned = "actions:\n  - { id: partner.housing, status: in_progress, owner: chez-nous }\n";
    let yaml = profile("", &[COUNCIL, LERO, CLOSED_HOUSING], &[], owned);
    let text = action_plan(&yaml);
    assert!(text.contains("Chez Nous (closed)"), "{text}");
}

#[test]
fn a_plan_lists_assumed_gaps_to_check_and_unmapped_sectors_to_map_next() {
    let unknown = COUNCIL.replace("committed", "unknown");
    let yaml = profile(
        "  mapped_sectors: [council, recovery_community]\n",
        &[&unknown, LERO],
        &[],
        "",
    );
    let text = action_plan(&yaml);
    assert!(
        !text.contains("`missing-sector.council`"),
        "assumed: no action"
    );
    assert!(
        text.contains("(to confirm: the commitment of Harbourton Council is not known)"),
        "{text}"
    );
    assert!(
        text.contains("**Map next.**") && text.contains("housing"),
        "{text}"
    );
}

#[test]
fn an_actor_working_with_others_on_an_initiative_is_not_isolated() {
    let venue = "- { id: hall, name: Village Hall, sector: community, commitment: engaged }";
    let alone = profile("", &[COUNCIL, LERO, venue], &[], "");
    assert_fires(&alone, "isolated-actor.hall");
    let walk = "initiatives:\n  - { id: walk, name: Recovery Walk, provides: [recovery_events], led_by: [new-dawn], partners: [hall], public: true, per_year: 1 }\n";
    let together = profile("", &[COUNCIL, LERO, venue], &[], walk);
    assert_quiet(&together, "isolated-actor.hall");
}

#[test]
fn compare_adds_betweenness_only_where_it_is_read_and_the_analysis_is_otherwise_the_same() {
    use inclusive_cities::analysis::{analyse_with_facts, analyse_without_paths};
    let yaml = std::fs::read_to_string(root().join("cities/saltmarsh-coast.yaml")).expect("reads");
    let city = city(&yaml);
    let model = inclusive_cities::load::builtin_model();
    let network = inclusive_cities::Network::build(&city, model);
    let (full, _) = analyse_with_facts(model, &city, &network);
    let (mut lite, _) = analyse_without_paths(model, &city, &network);
    assert!(lite.network.actors.values().all(|m| m.betweenness == 0.0));
    network.fill_paths(&mut lite.network);
    assert_eq!(full.to_value(), lite.to_value());
}

#[test]
fn a_finding_resting_on_many_unknowns_names_a_few_and_counts_the_rest() {
    let councils: Vec<String> = (0..12)
        .map(|i| format!("- {{ id: council-{i:02}, name: Council {i}, sector: council, commitment: unknown }}"))
        .collect();
    let mut actors: Vec<&str> = councils.iter().map(String::as_str).collect();
    actors.push(LERO);
    let a = analysis(&profile("", &actors, &[], ""));
    let g = a
        .gaps
        .iter()
        .find(|g| g.id == "missing-sector.council")
        .expect("no council known to be engaged");
    assert_eq!(g.basis, Basis::Assumed);
    assert_eq!(g.assumed_from.len(), 9, "{:?}", g.assumed_from);
    assert_eq!(g.assumed_from[0], "council-00.commitment");
    assert_eq!(
        g.assumed_from.last().map(String::as_str),
        Some("and 4 more")
    );
}

#[test]
fn a_closed_actor_with_another_wrong_field_is_still_checked_where_it_is_named() {
    let shut = "- { id: shut, name: Shut, sector: housing, status: closed, starts: 2027-01-01 }";
    let out = short_diagnostics(
        "t.yaml",
        &profile(
            "",
            &[COUNCIL, shut],
            &["- { between: [council, shut], kind: joint_delivery }"],
            "",
        ),
    );
    assert!(
        out.contains("`starts` applies only with `status: planned`"),
        "{out}"
    );
    assert!(out.contains("`shut` is a closed actor"), "{out}");
}
