//! The rules of the Inclusive City model, each on a minimal profile: every rule fires on its
//! fixture and stays quiet on the counterpart that satisfies it. Then what holds for every gap
//! (order, stable ids, sources) and for the pillar scores.

use crate::harness::*;
use inclusive_cities::Gap;
use inclusive_cities::model::Severity::{self, High, Low, Medium};

// ---------------------------------------------------------------------------------------------
// Fixtures: a profile is a header (city `harbourton`, as of 2026-09-01, the harness's) and its
// parts. Actors and partnerships are given one YAML list item a line, in flow style, so a test
// reads as a table.
// ---------------------------------------------------------------------------------------------

const COUNCIL: &str =
    "- { id: council, name: Harbourton Council, sector: council, commitment: committed }";
const LERO: &str = "- { id: new-dawn, name: New Dawn, sector: recovery_community, commitment: committed, lived_experience_led: true, provides: [peer_support] }";
const OUTREACH: &str = "- { id: outreach, name: Harbour Outreach, sector: harm_reduction, commitment: engaged, provides: [harm_reduction] }";
const HOUSING: &str = "- { id: quay-housing, name: Quay Housing, sector: housing, commitment: committed, provides: [supported_housing] }";
const EMPLOYER: &str = "- { id: builders, name: Moorside Builders, sector: employer, commitment: engaged, provides: [apprenticeships] }";
const WELFARE: &str = "- { id: jobcentre, name: Jobcentre, sector: welfare, commitment: engaged }";
const FAMILY: &str =
    "- { id: families, name: Families First, sector: family, commitment: engaged }";
const COMMUNITY: &str =
    "- { id: st-marks, name: St Mark's Hall, sector: community, commitment: engaged }";
const FUNDER: &str =
    "- { id: lottery, name: National Lottery, sector: funder, commitment: committed }";

/// The council commissions the LERO, formally.
const COMMISSIONS: &str = "- { between: [council, new-dawn], kind: commissioning, formal: true }";

/// A profile of `actors` and `partnerships` (list items, one a line) and `extra` top-level YAML.
fn profile(actors: &[&str], partnerships: &[&str], extra: &str) -> String {
    in_districts(&[], actors, partnerships, extra)
}

/// The same, with the city's `districts` (list items, one a line).
fn in_districts(districts: &[&str], actors: &[&str], partnerships: &[&str], extra: &str) -> String {
    let mut city = String::new();
    if !districts.is_empty() {
        city.push_str("  districts:\n");
        for d in districts {
            city.push_str(&format!("    {d}\n"));
        }
    }
    harbourton(&city, actors, partnerships, extra)
}

/// Asserts that the profile has the gap `id` from the rule its prefix names, with `severity` and
/// `pillar`, and returns it for more checks.
fn fires(yaml: &str, id: &str, severity: Severity, pillar: &str) -> Gap {
    let gap = assert_fires(yaml, id);
    assert!(
        id.starts_with(&format!("{}.", gap.rule.gap_prefix())),
        "gap `{id}` comes from rule {:?}",
        gap.rule
    );
    assert_eq!(
        (gap.severity, gap.pillar.as_str()),
        (severity, pillar),
        "severity and pillar of `{id}`: {gap:#?}"
    );
    assert!(!gap.message.is_empty(), "gap `{id}` has no message");
    gap
}

// ---------------------------------------------------------------------------------------------
// 1. missing_sector
// ---------------------------------------------------------------------------------------------

#[test]
fn flags_missing_family_sector() {
    let yaml = profile(&[COUNCIL, LERO], &[COMMISSIONS], "");
    let gap = fires(&yaml, "missing-sector.family", High, "peer_support");
    assert_eq!(gap.subjects, ["family"]);
    assert!(gap.evidence.is_empty(), "{gap:#?}");
}

#[test]
fn flags_family_sector_with_only_identified_or_declined_actors() {
    let actors = [
        COUNCIL,
        LERO,
        "- { id: families, name: Families First, sector: family, commitment: identified }",
        "- { id: carers, name: Carers Link, sector: family, commitment: declined }",
    ];
    let gap = fires(
        &profile(&actors, &[], ""),
        "missing-sector.family",
        High,
        "peer_support",
    );
    assert_eq!(gap.evidence, ["families", "carers"]);
}

#[test]
fn quiet_when_family_sector_engaged() {
    let yaml = profile(&[COUNCIL, LERO, FAMILY], &[COMMISSIONS], "");
    assert_quiet(&yaml, "missing-sector.family");
}

#[test]
fn quiet_when_optional_sector_absent() {
    let yaml = profile(&[COUNCIL, LERO], &[COMMISSIONS], "");
    for optional in [
        "harm_reduction",
        "treatment",
        "education",
        "justice",
        "funder",
    ] {
        assert_quiet(&yaml, &format!("missing-sector.{optional}"));
    }
}

// ---------------------------------------------------------------------------------------------
// 2. missing_capability
// ---------------------------------------------------------------------------------------------

#[test]
fn flags_capability_nobody_provides() {
    let yaml = profile(&[COUNCIL, LERO, HOUSING], &[], "");
    let gap = fires(
        &yaml,
        "missing-capability.recovery_housing",
        Medium,
        "housing",
    );
    assert_eq!(gap.subjects, ["recovery_housing"]);
    assert_quiet(&yaml, "missing-capability.supported_housing");
}

#[test]
fn quiet_when_an_initiative_provides_the_capability() {
    let extra = r#"initiatives:
- id: sober-homes
  name: Sober Homes
  provides: [recovery_housing]
  led_by: [quay-housing]
"#;
    assert_quiet(
        &profile(&[COUNCIL, LERO, HOUSING], &[], extra),
        "missing-capability.recovery_housing",
    );
}

// ---------------------------------------------------------------------------------------------
// 3. uncommitted_capability
// ---------------------------------------------------------------------------------------------

const IDENTIFIED_LANDLORD: &str = "- { id: quay-lets, name: Quay Lets, sector: housing, commitment: identified, provides: [landlord_engagement] }";

#[test]
fn flags_capability_provided_only_by_identified_actors() {
    let yaml = profile(&[COUNCIL, LERO, IDENTIFIED_LANDLORD], &[], "");
    let gap = fires(
        &yaml,
        "uncommitted-capability.landlord_engagement",
        Low,
        "housing",
    );
    assert_eq!(gap.evidence, ["quay-lets"]);
    assert_quiet(&yaml, "missing-capability.landlord_engagement");
}

#[test]
fn quiet_when_a_provider_of_the_capability_is_engaged() {
    let engaged = "- { id: harbour-homes, name: Harbour Homes, sector: housing, commitment: engaged, provides: [landlord_engagement] }";
    let yaml = profile(&[COUNCIL, LERO, IDENTIFIED_LANDLORD, engaged], &[], "");
    assert_quiet(&yaml, "uncommitted-capability.landlord_engagement");
}

// ---------------------------------------------------------------------------------------------
// 4a. missing_link
// ---------------------------------------------------------------------------------------------

const WARM_REFERRAL: &str =
    "- { from: outreach, to: new-dawn, kind: referral, formal: true, warm_handover: true }";

#[test]
fn flags_missing_referral_pathway() {
    let yaml = profile(&[COUNCIL, LERO, OUTREACH], &[COMMISSIONS], "");
    let gap = fires(
        &yaml,
        "missing-link.harm_reduction.recovery_community",
        High,
        "pathways",
    );
    assert_eq!(gap.subjects, ["harm_reduction", "recovery_community"]);
    assert!(gap.evidence.contains(&"outreach".to_owned()), "{gap:#?}");
    assert!(gap.evidence.contains(&"new-dawn".to_owned()), "{gap:#?}");
}

#[test]
fn quiet_when_harm_reduction_refers_formally_with_warm_handover() {
    let yaml = profile(
        &[COUNCIL, LERO, OUTREACH],
        &[COMMISSIONS, WARM_REFERRAL],
        "",
    );
    assert_quiet(&yaml, "missing-link.harm_reduction.recovery_community");
    assert_quiet(&yaml, "weak-link.harm_reduction.recovery_community");
}

#[test]
fn flags_referral_in_the_wrong_direction() {
    let backwards =
        "- { from: new-dawn, to: outreach, kind: referral, formal: true, warm_handover: true }";
    let yaml = profile(&[COUNCIL, LERO, OUTREACH], &[COMMISSIONS, backwards], "");
    fires(
        &yaml,
        "missing-link.harm_reduction.recovery_community",
        High,
        "pathways",
    );
}

#[test]
fn flags_partnership_of_the_wrong_kind_as_missing_link() {
    let joint = "- { between: [outreach, new-dawn], kind: joint_delivery, formal: true }";
    let yaml = profile(&[COUNCIL, LERO, OUTREACH], &[COMMISSIONS, joint], "");
    fires(
        &yaml,
        "missing-link.harm_reduction.recovery_community",
        High,
        "pathways",
    );
}

#[test]
fn flags_missing_employment_pathway_to_either_sector() {
    let yaml = profile(&[COUNCIL, LERO, EMPLOYER, WELFARE], &[COMMISSIONS], "");
    let gap = fires(
        &yaml,
        "missing-link.employer.recovery_community.welfare",
        High,
        "meaningful_roles",
    );
    assert_eq!(gap.subjects, ["employer", "recovery_community", "welfare"]);
}

#[test]
fn quiet_when_employer_has_pathway_with_welfare() {
    let pathway = "- { between: [jobcentre, builders], kind: employment_pathway, formal: true }";
    let yaml = profile(
        &[COUNCIL, LERO, EMPLOYER, WELFARE],
        &[COMMISSIONS, pathway],
        "",
    );
    assert_quiet(&yaml, "missing-link.employer.recovery_community.welfare");
    assert_quiet(&yaml, "weak-link.employer.recovery_community.welfare");
}

#[test]
fn missing_link_takes_the_required_links_severity() {
    let yaml = profile(&[COUNCIL, LERO, COMMUNITY, FUNDER], &[COMMISSIONS], "");
    fires(
        &yaml,
        "missing-link.community.recovery_community",
        Medium,
        "peer_support",
    );
    fires(
        &yaml,
        "missing-link.funder.recovery_community",
        Low,
        "partnership",
    );
}

#[test]
fn reports_absent_sector_once_as_missing_sector() {
    let yaml = profile(&[COUNCIL, LERO], &[COMMISSIONS], "");
    fires(&yaml, "missing-sector.family", High, "peer_support");
    assert_quiet(&yaml, "missing-link.family.recovery_community");
    assert_no_gap_starting(&yaml, "weak-link.family");
}

// ---------------------------------------------------------------------------------------------
// 4b. weak_link
// ---------------------------------------------------------------------------------------------

#[test]
fn flags_informal_commissioning_as_weak() {
    let informal = "- { between: [council, new-dawn], kind: commissioning }";
    let yaml = profile(&[COUNCIL, LERO], &[informal], "");
    let gap = fires(
        &yaml,
        "weak-link.council.recovery_community",
        Medium,
        "partnership",
    );
    assert_eq!(gap.evidence, ["council", "new-dawn"]);
    assert_quiet(&yaml, "missing-link.council.recovery_community");
}

#[test]
fn flags_weak_referral_without_warm_handover() {
    let cold = "- { from: outreach, to: new-dawn, kind: referral, formal: true }";
    let yaml = profile(&[COUNCIL, LERO, OUTREACH], &[COMMISSIONS, cold], "");
    let gap = fires(
        &yaml,
        "weak-link.harm_reduction.recovery_community",
        Medium,
        "pathways",
    );
    assert_eq!(gap.evidence, ["new-dawn", "outreach"]);
    assert_quiet(&yaml, "missing-link.harm_reduction.recovery_community");
}

#[test]
fn flags_referral_with_low_trust_as_weak() {
    let distrusted = "- { from: outreach, to: new-dawn, kind: referral, formal: true, warm_handover: true, trust: 2 }";
    let yaml = profile(&[COUNCIL, LERO, OUTREACH], &[COMMISSIONS, distrusted], "");
    let gap = fires(
        &yaml,
        "weak-link.harm_reduction.recovery_community",
        Medium,
        "pathways",
    );
    assert!(gap.message.contains("trust"), "{gap:#?}");
}

#[test]
fn quiet_when_referral_is_formal_with_warm_handover_and_trusted() {
    let trusted = "- { from: outreach, to: new-dawn, kind: referral, formal: true, warm_handover: true, trust: 3 }";
    let yaml = profile(&[COUNCIL, LERO, OUTREACH], &[COMMISSIONS, trusted], "");
    assert_no_gap_starting(&yaml, "weak-link.harm_reduction");
    assert_no_gap_starting(&yaml, "missing-link.harm_reduction");
}

#[test]
fn quiet_when_one_partnership_of_the_link_is_formal() {
    let informal = "- { between: [council, new-dawn], kind: commissioning }";
    let formal = "- { between: [council, new-dawn], kind: governance, formal: true }";
    let yaml = profile(&[COUNCIL, LERO], &[informal, formal], "");
    assert_quiet(&yaml, "weak-link.council.recovery_community");
}

// ---------------------------------------------------------------------------------------------
// 5. isolated_actor
// ---------------------------------------------------------------------------------------------

#[test]
fn flags_actor_without_partnership() {
    let yaml = profile(&[COUNCIL, LERO, HOUSING], &[COMMISSIONS], "");
    let gap = fires(&yaml, "isolated-actor.quay-housing", Low, "partnership");
    assert_eq!(gap.evidence, ["quay-housing"]);
    assert_quiet(&yaml, "isolated-actor.council");
    assert_quiet(&yaml, "isolated-actor.new-dawn");
}

#[test]
fn quiet_when_actor_has_any_partnership() {
    let sharing = "- { between: [quay-housing, council], kind: information_sharing }";
    let yaml = profile(&[COUNCIL, LERO, HOUSING], &[COMMISSIONS, sharing], "");
    assert_quiet(&yaml, "isolated-actor.quay-housing");
}

// ---------------------------------------------------------------------------------------------
// 6. fragmented_network
// ---------------------------------------------------------------------------------------------

#[test]
fn flags_network_in_two_parts() {
    let partnerships = [
        COMMISSIONS,
        "- { between: [council, families], kind: information_sharing }",
        "- { between: [builders, jobcentre], kind: employment_pathway }",
    ];
    let yaml = profile(
        &[COUNCIL, LERO, FAMILY, EMPLOYER, WELFARE],
        &partnerships,
        "",
    );
    let gap = fires(
        &yaml,
        "fragmented-network.harbourton",
        Medium,
        "partnership",
    );
    assert_eq!(gap.evidence, ["builders", "jobcentre"]);
}

#[test]
fn quiet_when_only_isolated_actors_are_apart() {
    let partnerships = [
        COMMISSIONS,
        "- { between: [council, families], kind: information_sharing }",
    ];
    let yaml = profile(&[COUNCIL, LERO, FAMILY, EMPLOYER], &partnerships, "");
    assert_quiet(&yaml, "fragmented-network.harbourton");
    fires(&yaml, "isolated-actor.builders", Low, "partnership");
}

// ---------------------------------------------------------------------------------------------
// 7. single_point_of_failure
// ---------------------------------------------------------------------------------------------

const CHAIN: [&str; 2] = [
    COMMISSIONS,
    "- { between: [new-dawn, families], kind: joint_delivery }",
];

#[test]
fn flags_articulation_point() {
    let yaml = profile(&[COUNCIL, LERO, FAMILY], &CHAIN, "");
    let gap = fires(
        &yaml,
        "single-point-of-failure.new-dawn",
        Medium,
        "partnership",
    );
    assert_eq!(gap.evidence, ["new-dawn", "council", "families"]);
    assert_quiet(&yaml, "single-point-of-failure.council");
}

#[test]
fn quiet_when_a_triangle_has_no_articulation_point() {
    let closing = "- { between: [council, families], kind: information_sharing }";
    let yaml = profile(&[COUNCIL, LERO, FAMILY], &[CHAIN[0], CHAIN[1], closing], "");
    assert_quiet(&yaml, "single-point-of-failure.new-dawn");
}

#[test]
fn flags_sole_provider_of_capability() {
    let yaml = profile(&[COUNCIL, LERO, HOUSING], &[], "");
    let gap = fires(
        &yaml,
        "single-point-of-failure.quay-housing.supported_housing",
        Medium,
        "housing",
    );
    assert_eq!(gap.subjects, ["quay-housing", "supported_housing"]);
    assert_eq!(gap.evidence, ["quay-housing"]);
}

#[test]
fn quiet_when_two_actors_provide_the_capability() {
    let second = "- { id: harbour-homes, name: Harbour Homes, sector: housing, commitment: engaged, provides: [supported_housing] }";
    let yaml = profile(&[COUNCIL, LERO, HOUSING, second], &[], "");
    assert_no_gap_starting(&yaml, "single-point-of-failure.quay-housing");
    assert_no_gap_starting(&yaml, "single-point-of-failure.harbour-homes");
}

// ---------------------------------------------------------------------------------------------
// 8. funding_risk (as of 2026-09-01, horizon 12 months: 2027-09-01)
// ---------------------------------------------------------------------------------------------

/// A housing provider with the given `funding` list.
fn funded_housing(funding: &str) -> String {
    profile(
        &[
            COUNCIL,
            LERO,
            &format!(
                "- {{ id: quay-housing, name: Quay Housing, sector: housing, commitment: committed, provides: [supported_housing], funding: {funding} }}"
            ),
        ],
        &[],
        "",
    )
}

#[test]
fn flags_single_funding_source() {
    let yaml = funded_housing("[{ source: harbourton-council }]");
    let gap = fires(&yaml, "funding-risk.quay-housing", Medium, "housing");
    assert_eq!(gap.evidence, ["quay-housing"]);
}

#[test]
fn flags_funding_ending_within_horizon() {
    let yaml = funded_housing(
        "[{ source: harbourton-council, until: 2027-03-31 }, { source: lottery, until: 2027-08-31 }]",
    );
    fires(&yaml, "funding-risk.quay-housing", High, "housing");
}

#[test]
fn flags_single_source_ending_within_horizon_as_high() {
    let yaml = funded_housing("[{ source: harbourton-council, until: 2026-12-31 }]");
    fires(&yaml, "funding-risk.quay-housing", High, "housing");
}

#[test]
fn quiet_when_funding_outlasts_horizon() {
    let yaml = funded_housing(
        "[{ source: harbourton-council, until: 2027-03-31 }, { source: lottery, until: 2027-10-01 }]",
    );
    assert_quiet(&yaml, "funding-risk.quay-housing");
}

#[test]
fn quiet_when_one_of_two_sources_is_open_ended() {
    let yaml =
        funded_housing("[{ source: harbourton-council, until: 2027-03-31 }, { source: lottery }]");
    assert_quiet(&yaml, "funding-risk.quay-housing");
}

#[test]
fn quiet_when_actor_declares_no_funding() {
    assert_no_gap_starting(
        &profile(&[COUNCIL, LERO, HOUSING], &[], ""),
        "funding-risk.",
    );
}

const HOUSING_FUNDED_BY_COUNCIL_AND_TRUST: &str = "- { id: quay-housing, name: Quay Housing, sector: housing, commitment: committed, provides: [supported_housing], funding: [{ source: harbourton-council }, { source: homes-trust }] }";

#[test]
fn flags_pillar_whose_providers_share_one_funder() {
    let second = "- { id: harbour-homes, name: Harbour Homes, sector: housing, commitment: engaged, provides: [recovery_housing], funding: [{ source: harbourton-council }, { source: lottery }] }";
    let yaml = profile(
        &[COUNCIL, LERO, HOUSING_FUNDED_BY_COUNCIL_AND_TRUST, second],
        &[],
        "",
    );
    let gap = fires(
        &yaml,
        "funding-risk.housing.single-funder",
        Medium,
        "housing",
    );
    assert_eq!(gap.subjects, ["housing", "single-funder"]);
    assert_eq!(gap.evidence, ["harbour-homes", "quay-housing"]);
    assert_quiet(&yaml, "funding-risk.quay-housing");
    assert_quiet(&yaml, "funding-risk.harbour-homes");
}

#[test]
fn quiet_when_pillar_providers_have_no_common_funder() {
    let second = "- { id: harbour-homes, name: Harbour Homes, sector: housing, commitment: engaged, provides: [recovery_housing], funding: [{ source: lottery }, { source: business-csr }] }";
    let yaml = profile(
        &[COUNCIL, LERO, HOUSING_FUNDED_BY_COUNCIL_AND_TRUST, second],
        &[],
        "",
    );
    assert_quiet(&yaml, "funding-risk.housing.single-funder");
}

// ---------------------------------------------------------------------------------------------
// 9. lived_experience_gap
// ---------------------------------------------------------------------------------------------

const NOT_LED: &str = "- { id: new-dawn, name: New Dawn, sector: recovery_community, commitment: committed, provides: [peer_support] }";

/// A board of the council and the LERO with these seats, a mission and monitoring.
fn board(recovery_seats: u32, family_seats: u32) -> String {
    format!(
        r#"governance:
  board: [council, new-dawn]
  people_in_recovery_seats: {recovery_seats}
  family_seats: {family_seats}
  mission_adopted: true
  monitoring: true
"#
    )
}

#[test]
fn flags_missing_lero() {
    let yaml = profile(&[COUNCIL, NOT_LED], &[COMMISSIONS], "");
    let gap = fires(&yaml, "lived-experience-gap.lero", High, "lived_experience");
    assert_eq!(gap.subjects, ["lero"]);
}

#[test]
fn flags_missing_lero_when_only_another_sector_is_lived_experience_led() {
    let led_hall = "- { id: st-marks, name: St Mark's Hall, sector: community, commitment: engaged, lived_experience_led: true }";
    let yaml = profile(&[COUNCIL, NOT_LED, led_hall], &[COMMISSIONS], "");
    fires(&yaml, "lived-experience-gap.lero", High, "lived_experience");
}

#[test]
fn flags_missing_lero_when_the_lero_declined() {
    let declined = "- { id: new-dawn, name: New Dawn, sector: recovery_community, commitment: declined, lived_experience_led: true }";
    let yaml = profile(&[COUNCIL, declined], &[COMMISSIONS], "");
    fires(&yaml, "lived-experience-gap.lero", High, "lived_experience");
}

#[test]
fn quiet_when_recovery_community_actor_is_lived_experience_led() {
    let yaml = profile(&[COUNCIL, LERO], &[COMMISSIONS], "");
    assert_quiet(&yaml, "lived-experience-gap.lero");
}

#[test]
fn flags_lero_without_council_partnership() {
    let yaml = profile(&[COUNCIL, LERO], &[], "");
    let gap = fires(
        &yaml,
        "lived-experience-gap.council-partnership",
        High,
        "lived_experience",
    );
    assert!(gap.evidence.contains(&"new-dawn".to_owned()), "{gap:#?}");
    assert!(gap.evidence.contains(&"council".to_owned()), "{gap:#?}");
}

#[test]
fn quiet_when_lero_partners_with_council() {
    let governance = "- { between: [new-dawn, council], kind: governance }";
    let yaml = profile(&[COUNCIL, LERO], &[governance], "");
    assert_quiet(&yaml, "lived-experience-gap.council-partnership");
}

#[test]
fn flags_board_without_recovery_seats() {
    let yaml = profile(&[COUNCIL, LERO], &[COMMISSIONS], &board(0, 1));
    let gap = fires(
        &yaml,
        "lived-experience-gap.recovery-seats",
        Medium,
        "lived_experience",
    );
    assert_eq!(gap.evidence, ["council", "new-dawn"]);
    assert_quiet(&yaml, "lived-experience-gap.family-seats");
}

#[test]
fn quiet_when_board_has_recovery_seats() {
    let yaml = profile(&[COUNCIL, LERO], &[COMMISSIONS], &board(2, 1));
    assert_no_gap_starting(&yaml, "lived-experience-gap.");
}

#[test]
fn flags_board_without_family_seats() {
    let yaml = profile(&[COUNCIL, LERO], &[COMMISSIONS], &board(2, 0));
    fires(
        &yaml,
        "lived-experience-gap.family-seats",
        Medium,
        "lived_experience",
    );
    assert_quiet(&yaml, "lived-experience-gap.recovery-seats");
}

#[test]
fn flags_board_without_recovery_or_family_seats_when_city_has_no_lero() {
    // The model's four cases are independent: a city with no LERO may still have a board
    // without people in recovery or family members on it.
    let yaml = profile(&[COUNCIL, NOT_LED], &[COMMISSIONS], &board(0, 0));
    fires(&yaml, "lived-experience-gap.lero", High, "lived_experience");
    fires(
        &yaml,
        "lived-experience-gap.recovery-seats",
        Medium,
        "lived_experience",
    );
    fires(
        &yaml,
        "lived-experience-gap.family-seats",
        Medium,
        "lived_experience",
    );
}

// ---------------------------------------------------------------------------------------------
// 10. governance_gap
// ---------------------------------------------------------------------------------------------

#[test]
fn flags_missing_governance() {
    let yaml = profile(&[COUNCIL, LERO], &[COMMISSIONS], "");
    fires(&yaml, "governance-gap.board", High, "partnership");
    fires(&yaml, "governance-gap.mission", Medium, "partnership");
    fires(&yaml, "governance-gap.monitoring", Medium, "partnership");
}

#[test]
fn flags_board_without_adopted_mission_or_monitoring() {
    let extra = r#"governance:
  board: [council, new-dawn]
  people_in_recovery_seats: 1
  family_seats: 1
"#;
    let yaml = profile(&[COUNCIL, LERO], &[COMMISSIONS], extra);
    assert_quiet(&yaml, "governance-gap.board");
    fires(&yaml, "governance-gap.mission", Medium, "partnership");
    fires(&yaml, "governance-gap.monitoring", Medium, "partnership");
}

#[test]
fn flags_empty_board() {
    let extra = r#"governance:
  board: []
  mission_adopted: true
  monitoring: true
"#;
    let yaml = profile(&[COUNCIL, LERO], &[COMMISSIONS], extra);
    fires(&yaml, "governance-gap.board", High, "partnership");
    assert_quiet(&yaml, "governance-gap.mission");
    assert_quiet(&yaml, "governance-gap.monitoring");
}

#[test]
fn quiet_when_board_mission_and_monitoring_exist() {
    let yaml = profile(&[COUNCIL, LERO], &[COMMISSIONS], &board(1, 1));
    assert_no_gap_starting(&yaml, "governance-gap.");
}

// ---------------------------------------------------------------------------------------------
// 11. district_gap
// ---------------------------------------------------------------------------------------------

const DISTRICTS: [&str; 2] = [
    "- { id: old-town, name: Old Town }",
    "- { id: moorside, name: Moorside, rural: true }",
];
const OLD_TOWN_HOUSING: &str = "- { id: quay-housing, name: Quay Housing, sector: housing, commitment: committed, provides: [supported_housing], districts: [old-town] }";

#[test]
fn flags_district_no_provider_serves() {
    let yaml = in_districts(&DISTRICTS, &[COUNCIL, LERO, OLD_TOWN_HOUSING], &[], "");
    let gap = fires(&yaml, "district-gap.moorside.housing", Medium, "housing");
    assert_eq!(gap.subjects, ["moorside", "housing"]);
    assert_eq!(gap.evidence, ["moorside", "quay-housing"]);
    assert_quiet(&yaml, "district-gap.old-town.housing");
}

#[test]
fn quiet_when_provider_serves_whole_city() {
    let yaml = in_districts(&DISTRICTS, &[COUNCIL, LERO, HOUSING], &[], "");
    assert_no_gap_starting(&yaml, "district-gap.moorside.housing");
}

#[test]
fn quiet_when_an_initiative_serves_the_district() {
    let extra = r#"initiatives:
- id: moorside-lets
  name: Moorside Lets
  provides: [landlord_engagement]
  led_by: [council]
  districts: [moorside]
"#;
    let yaml = in_districts(&DISTRICTS, &[COUNCIL, LERO, OLD_TOWN_HOUSING], &[], extra);
    assert_quiet(&yaml, "district-gap.moorside.housing");
}

#[test]
fn leaves_pillar_with_no_provider_to_missing_capability() {
    let yaml = in_districts(&DISTRICTS, &[COUNCIL, LERO], &[COMMISSIONS], "");
    assert_no_gap_starting(&yaml, "district-gap.moorside.housing");
    assert_no_gap_starting(&yaml, "district-gap.old-town.housing");
    fires(
        &yaml,
        "missing-capability.supported_housing",
        Medium,
        "housing",
    );
}

// ---------------------------------------------------------------------------------------------
// 12. digital_gap
// ---------------------------------------------------------------------------------------------

#[test]
fn flags_missing_online_peer_support_as_low() {
    let yaml = profile(&[COUNCIL, LERO], &[COMMISSIONS], "");
    let gap = fires(&yaml, "digital-gap.harbourton", Low, "peer_support");
    assert!(gap.evidence.is_empty(), "{gap:#?}");
}

#[test]
fn flags_missing_online_peer_support_as_medium_with_rural_districts() {
    let yaml = in_districts(&DISTRICTS, &[COUNCIL, LERO], &[COMMISSIONS], "");
    let gap = fires(&yaml, "digital-gap.harbourton", Medium, "peer_support");
    assert_eq!(gap.evidence, ["moorside"]);
}

#[test]
fn quiet_when_peer_support_actor_is_online() {
    let online = "- { id: new-dawn, name: New Dawn, sector: recovery_community, commitment: committed, lived_experience_led: true, provides: [peer_support], online: true }";
    let yaml = in_districts(&DISTRICTS, &[COUNCIL, online], &[COMMISSIONS], "");
    assert_quiet(&yaml, "digital-gap.harbourton");
}

#[test]
fn quiet_when_online_peer_support_is_provided() {
    let online = "- { id: new-dawn, name: New Dawn, sector: recovery_community, commitment: committed, lived_experience_led: true, provides: [online_peer_support] }";
    let yaml = in_districts(&DISTRICTS, &[COUNCIL, online], &[COMMISSIONS], "");
    assert_quiet(&yaml, "digital-gap.harbourton");
}

#[test]
fn flags_online_actor_that_offers_no_peer_support() {
    let online_employer = "- { id: builders, name: Moorside Builders, sector: employer, commitment: engaged, provides: [apprenticeships], online: true }";
    let yaml = profile(&[COUNCIL, LERO, online_employer], &[COMMISSIONS], "");
    fires(&yaml, "digital-gap.harbourton", Low, "peer_support");
}

// ---------------------------------------------------------------------------------------------
// 13. pathway_gap (hop limit 3; entry points: harm reduction, treatment, health, justice)
// ---------------------------------------------------------------------------------------------

/// Outreach (an entry point), three go-betweens and the LERO, the only peer support provider.
const ROUTE: [&str; 6] = [
    COUNCIL,
    OUTREACH,
    "- { id: hub-a, name: Hub A, sector: welfare, commitment: engaged }",
    "- { id: hub-b, name: Hub B, sector: community, commitment: engaged }",
    "- { id: hub-c, name: Hub C, sector: family, commitment: engaged }",
    LERO,
];

#[test]
fn quiet_when_entry_point_reaches_peer_support_within_three_hops() {
    let partnerships = [
        "- { from: outreach, to: hub-a, kind: referral }",
        "- { from: hub-a, to: hub-b, kind: referral }",
        "- { from: hub-b, to: new-dawn, kind: referral }",
    ];
    let yaml = profile(&ROUTE, &partnerships, "");
    assert_quiet(&yaml, "pathway-gap.peer_support");
}

#[test]
fn flags_peer_support_four_hops_from_entry_point() {
    let partnerships = [
        "- { from: outreach, to: hub-a, kind: referral }",
        "- { from: hub-a, to: hub-b, kind: referral }",
        "- { from: hub-b, to: hub-c, kind: referral }",
        "- { from: hub-c, to: new-dawn, kind: referral }",
    ];
    let yaml = profile(&ROUTE, &partnerships, "");
    let gap = fires(&yaml, "pathway-gap.peer_support", High, "pathways");
    assert_eq!(gap.subjects, ["peer_support"]);
    assert_eq!(gap.evidence, ["outreach"]);
}

#[test]
fn flags_pathway_referred_in_the_wrong_direction() {
    let backwards =
        "- { from: new-dawn, to: outreach, kind: referral, formal: true, warm_handover: true }";
    let yaml = profile(&[COUNCIL, OUTREACH, LERO], &[COMMISSIONS, backwards], "");
    fires(&yaml, "pathway-gap.peer_support", High, "pathways");
}

#[test]
fn quiet_when_entry_point_refers_to_peer_support_directly() {
    let yaml = profile(
        &[COUNCIL, OUTREACH, LERO],
        &[COMMISSIONS, WARM_REFERRAL],
        "",
    );
    assert_quiet(&yaml, "pathway-gap.peer_support");
}

#[test]
fn flags_route_made_of_non_pathway_partnerships() {
    let joint = "- { between: [outreach, new-dawn], kind: joint_delivery, formal: true }";
    let yaml = profile(&[COUNCIL, OUTREACH, LERO], &[COMMISSIONS, joint], "");
    fires(&yaml, "pathway-gap.peer_support", High, "pathways");
}

#[test]
fn flags_only_stranded_entry_points_as_medium() {
    let clinic =
        "- { id: gp-clinic, name: Harbour GP Clinic, sector: health, commitment: engaged }";
    let yaml = profile(
        &[COUNCIL, OUTREACH, clinic, LERO],
        &[COMMISSIONS, WARM_REFERRAL],
        "",
    );
    let gap = fires(&yaml, "pathway-gap.peer_support", Medium, "pathways");
    assert_eq!(gap.evidence, ["gp-clinic"]);
}

#[test]
fn flags_housing_no_entry_point_can_reach() {
    let yaml = profile(
        &[COUNCIL, OUTREACH, LERO, HOUSING],
        &[COMMISSIONS, WARM_REFERRAL],
        "",
    );
    fires(&yaml, "pathway-gap.housing", High, "pathways");
    let onward = "- { from: new-dawn, to: quay-housing, kind: housing_pathway, formal: true }";
    let yaml = profile(
        &[COUNCIL, OUTREACH, LERO, HOUSING],
        &[COMMISSIONS, WARM_REFERRAL, onward],
        "",
    );
    assert_quiet(&yaml, "pathway-gap.housing");
}

#[test]
fn quiet_without_entry_points() {
    let yaml = profile(&[COUNCIL, LERO, HOUSING, EMPLOYER], &[COMMISSIONS], "");
    assert_no_gap_starting(&yaml, "pathway-gap.");
}

// ---------------------------------------------------------------------------------------------
// 14. visibility_gap (at least four public recovery events a year)
// ---------------------------------------------------------------------------------------------

/// One initiative of recovery events.
fn events(per_year: u32, public: bool) -> String {
    format!(
        r#"initiatives:
- id: recovery-walk
  name: Recovery Walk
  provides: [recovery_events]
  led_by: [new-dawn]
  per_year: {per_year}
  public: {public}
"#
    )
}

#[test]
fn flags_city_without_public_events() {
    let yaml = profile(&[COUNCIL, LERO], &[COMMISSIONS], "");
    let gap = fires(&yaml, "visibility-gap.harbourton", Medium, "visibility");
    assert!(gap.evidence.is_empty(), "{gap:#?}");
}

#[test]
fn flags_fewer_than_four_public_events() {
    let yaml = profile(&[COUNCIL, LERO], &[COMMISSIONS], &events(3, true));
    let gap = fires(&yaml, "visibility-gap.harbourton", Medium, "visibility");
    assert_eq!(gap.evidence, ["recovery-walk"]);
}

#[test]
fn quiet_with_four_public_events_a_year() {
    let yaml = profile(&[COUNCIL, LERO], &[COMMISSIONS], &events(4, true));
    assert_quiet(&yaml, "visibility-gap.harbourton");
}

#[test]
fn flags_events_that_are_not_public() {
    let yaml = profile(&[COUNCIL, LERO], &[COMMISSIONS], &events(12, false));
    fires(&yaml, "visibility-gap.harbourton", Medium, "visibility");
}

#[test]
fn counts_public_events_across_initiatives() {
    let extra = r#"initiatives:
- id: recovery-walk
  name: Recovery Walk
  provides: [recovery_events]
  led_by: [new-dawn]
  public: true
- id: recovery-games
  name: Recovery Games
  provides: [recovery_events]
  led_by: [new-dawn, council]
  per_year: 3
  public: true
"#;
    let yaml = profile(&[COUNCIL, LERO], &[COMMISSIONS], extra);
    assert_quiet(&yaml, "visibility-gap.harbourton");
}

// ---------------------------------------------------------------------------------------------
// Every gap, and the scores
// ---------------------------------------------------------------------------------------------

/// A city with gaps of every severity.
const SPARSE: &str = r#"format: inclusive-cities/v1
city:
  id: harbourton
  name: Harbourton
  country: GB
  as_of: 2026-09-01
  districts:
    - { id: old-town, name: Old Town }
    - { id: moorside, name: Moorside, rural: true }
actors:
- { id: council, name: Harbourton Council, sector: council, commitment: committed }
- { id: new-dawn, name: New Dawn, sector: recovery_community, commitment: committed, lived_experience_led: true, provides: [peer_support, recovery_cafe], districts: [old-town], funding: [{ source: lottery, until: 2027-03-31 }] }
- { id: outreach, name: Harbour Outreach, sector: harm_reduction, commitment: engaged, provides: [harm_reduction] }
- { id: quay-lets, name: Quay Lets, sector: housing, commitment: identified, provides: [landlord_engagement] }
- { id: builders, name: Moorside Builders, sector: employer, commitment: engaged, provides: [apprenticeships] }
partnerships:
- { between: [council, new-dawn], kind: commissioning }
- { from: outreach, to: new-dawn, kind: referral, formal: true, trust: 2 }
initiatives:
- id: recovery-walk
  name: Recovery Walk
  provides: [recovery_events]
  led_by: [new-dawn]
  public: true
governance:
  board: [council, new-dawn]
  people_in_recovery_seats: 0
"#;

#[test]
fn sorts_gaps_by_severity_then_id() {
    let gaps = analysis(SPARSE).gaps;
    for severity in [High, Medium, Low] {
        assert!(
            gaps.iter().any(|g| g.severity == severity),
            "no {severity:?} gap: {gaps:#?}"
        );
    }
    for pair in gaps.windows(2) {
        let key = |g: &Gap| (g.severity, g.id.clone());
        assert!(
            key(&pair[0]) < key(&pair[1]),
            "out of order: {} then {}",
            pair[0].id,
            pair[1].id
        );
    }
}

#[test]
fn gives_stable_gap_ids() {
    let first = analysis(SPARSE).gaps;
    let second = analysis(SPARSE).gaps;
    assert!(!first.is_empty());
    assert_eq!(first, second);
    assert_eq!(gap_ids(SPARSE), gap_ids(SPARSE));
}

#[test]
fn cites_a_seed_for_every_gap() {
    let gaps = analysis(SPARSE).gaps;
    let rules: std::collections::BTreeSet<_> = gaps.iter().map(|g| g.rule).collect();
    assert!(
        rules.len() >= 10,
        "the fixture should exercise most rules: {rules:?}"
    );
    for gap in gaps {
        assert!(
            !gap.source.is_empty() && gap.source.contains(".txt"),
            "gap `{}` cites no seed: {:?}",
            gap.id,
            gap.source
        );
    }
}

#[test]
fn keeps_pillar_scores_within_range_and_index_as_their_mean() {
    for yaml in [
        SPARSE.to_owned(),
        profile(&[COUNCIL, LERO], &[COMMISSIONS], ""),
    ] {
        let a = analysis(&yaml);
        assert_eq!(a.pillars.len(), 8, "one score per pillar of the model");
        for (pillar, score) in &a.pillars {
            let value = score
                .score
                .expect("a v1 profile maps every sector: every pillar scored");
            assert!((0.0..=100.0).contains(&value), "{pillar}: {value}");
            assert_eq!(score.assessed, 1.0, "{pillar}: all of it assessed");
        }
        let mean = a.pillars.values().filter_map(|p| p.score).sum::<f64>() / a.pillars.len() as f64;
        assert!(
            (a.index - mean).abs() <= 0.05,
            "index {} against mean {mean}",
            a.index
        );
        assert!((0.0..=100.0).contains(&a.index));
    }
}

#[test]
fn explains_pillar_scores_with_coverage_and_gaps_terms() {
    let a = analysis(SPARSE);
    for (pillar, score) in &a.pillars {
        let names: Vec<&str> = score.terms.iter().map(|t| t.name).collect();
        assert!(
            names.contains(&"capability_coverage"),
            "{pillar}: {names:?}"
        );
        assert!(names.contains(&"gaps"), "{pillar}: {names:?}");
        for term in &score.terms {
            assert!(
                (0.0..=1.0).contains(&term.value),
                "{pillar}.{}: {}",
                term.name,
                term.value
            );
        }
    }
}

#[test]
fn lists_each_gap_under_its_pillar() {
    let a = analysis(SPARSE);
    for gap in &a.gaps {
        let pillar = &a.pillars[&gap.pillar];
        assert!(
            pillar.gaps.contains(&gap.id),
            "`{}` not listed under {}",
            gap.id,
            gap.pillar
        );
    }
}

#[test]
fn counts_diverse_funding_from_three_recovery_funders() {
    let coverage = |funding: &str| {
        let lero = format!(
            "- {{ id: new-dawn, name: New Dawn, sector: recovery_community, commitment: committed, lived_experience_led: true, provides: [peer_support], funding: {funding} }}"
        );
        let a = analysis(&profile(&[COUNCIL, &lero], &[COMMISSIONS], ""));
        let partnership = &a.pillars["partnership"];
        partnership
            .terms
            .iter()
            .find(|t| t.name == "capability_coverage")
            .expect("coverage")
            .value
    };
    let two = coverage("[{ source: lottery }, { source: harbourton-council }]");
    let three =
        coverage("[{ source: lottery }, { source: harbourton-council }, { source: business-csr }]");
    assert_eq!(two, 0.0, "two funders are not diverse funding");
    assert_eq!(
        three, 0.25,
        "three funders hold one of the pillar's four capabilities"
    );
}
