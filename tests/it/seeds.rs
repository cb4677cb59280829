//! The profiles written only from seeds 000 (Essex) and 002 (Derbyshire): what their analyses
//! must say, and must not, for the engine to say what is known (`tests/fixtures/seeds/README.md`).

use crate::harness::*;
use inclusive_cities::analysis::Basis;

fn seed(name: &str) -> inclusive_cities::Analysis {
    let path = root().join("tests/fixtures/seeds").join(name);
    analysis(&std::fs::read_to_string(&path).expect("the seed profile reads"))
}

#[test]
fn essex_gets_the_lost_provision_of_its_closed_housing_programme_as_a_check() {
    let a = seed("essex.yaml");
    let g = a
        .gaps
        .iter()
        .find(|g| g.id == "lost-provision.chez-nous.supported_housing")
        .expect("the closed programme's places are lost provision");
    assert!(g.message.contains("35 places"), "{}", g.message);
    // The text says "recent" but gives no date: the closure's recency is assumed.
    assert_eq!(g.basis, Basis::Assumed);
    assert_eq!(g.assumed_from, ["chez-nous.closed_on"]);
    // That nobody provides supported housing now stays a finding, recorded.
    let missing = a
        .gaps
        .iter()
        .find(|g| g.id == "missing-capability.supported_housing")
        .expect("no active provider of supported housing");
    assert_eq!(missing.basis, Basis::Recorded);
}

#[test]
fn sectors_the_texts_never_look_at_are_not_missing() {
    for (name, unmapped) in [
        ("essex.yaml", ["employer", "welfare", "family"]),
        ("derbyshire.yaml", ["housing", "employer", "treatment"]),
    ] {
        let a = seed(name);
        for sector in unmapped {
            assert!(
                a.not_assessed.sectors.iter().any(|s| s == sector),
                "{name}: {sector} not assessed"
            );
            let id = format!("missing-sector.{sector}");
            assert!(!a.gaps.iter().any(|g| g.id == id), "{name}: no {id}");
        }
    }
}

#[test]
fn derbyshire_asks_what_its_recovery_community_provides_rather_than_finding_it_missing() {
    let a = seed("derbyshire.yaml");
    let recorded: Vec<&str> = a
        .gaps
        .iter()
        .filter(|g| g.rule.as_str() == "missing_capability" && g.basis == Basis::Recorded)
        .map(|g| g.id.as_str())
        .collect();
    // What the recovery community leads (peer support, mutual aid, cafés ...) rests on the
    // existing LEROs' unrecorded provision: to check, not a finding.
    for id in [
        "peer_support",
        "mutual_aid",
        "recovery_cafe",
        "online_peer_support",
    ] {
        let id = format!("missing-capability.{id}");
        assert!(
            !recorded.contains(&id.as_str()),
            "{id} is not recorded: {recorded:?}"
        );
    }
    assert!(recorded.len() <= 4, "{recorded:?}");
    // No single point of failure, no funding risk on a group; funding not recorded is a check.
    assert!(
        !a.gaps
            .iter()
            .any(|g| g.id.starts_with("single-point-of-failure.derbyshire-"))
    );
    assert!(
        a.to_check
            .iter()
            .any(|c| c.subject == "recovery-connections")
    );
}

#[test]
fn a_harm_reduction_service_seeing_1400_and_referring_27_gets_a_low_referral_rate() {
    // The seed's own figures (000, in Glasgow), on a profile of their own.
    let yaml = std::fs::read_to_string(root().join("tests/fixtures/seeds/essex.yaml"))
        .expect("reads")
        .replace(
            "    provides: [harm_reduction]\n",
            "    provides: [harm_reduction]\n    contacts_per_year: 1400\n",
        )
        .replace(
            "partnerships:\n",
            "partnerships:\n  - { from: essex-harm-reduction, to: essex-recovery-foundation, kind: referral, per_year: 27 }\n",
        );
    let a = analysis(&yaml);
    let g = a
        .gaps
        .iter()
        .find(|g| g.id == "low-referral-rate.essex-harm-reduction")
        .expect("a low referral rate");
    assert!(g.message.contains("(1.9%)"), "{}", g.message);
}
