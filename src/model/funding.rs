//! Funding sources a plan may propose: each with the countries (and regions) where it is open,
//! when it closes, how it gives and what it fits. The seeds' are British (`GB`); a city elsewhere
//! gets its own funders and "to be completed locally", never a British fund.

use super::definition::Citation;
use serde::{Deserialize, Serialize};

/// How a funding source gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FundingSourceKind {
    /// A grant programme.
    Grant,
    /// A way of paying (commissioning), not a funder.
    Commissioning,
    /// Business corporate social responsibility.
    Csr,
    /// The partners' own time.
    OwnTime,
}

/// A funding source a plan may propose, where it is open.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FundingSource {
    /// Slug.
    pub id: String,
    /// Its name.
    pub name: String,
    /// How it gives.
    pub kind: FundingSourceKind,
    /// ISO 3166-1 countries where it is open; empty means anywhere.
    pub countries: Vec<String>,
    /// ISO 3166-2 regions it is limited to, when it is.
    #[serde(default)]
    pub regions: Vec<String>,
    /// When the fund closes.
    #[serde(default)]
    pub until: Option<super::Date>,
    /// The rules or pillars it fits.
    #[serde(default)]
    pub fits: Vec<String>,
    /// Where it comes from.
    #[serde(default)]
    pub sources: Vec<Citation>,
}

impl FundingSource {
    /// Whether it is open to a city of `country` at `as_of`.
    pub fn open_to(&self, country: &str, as_of: super::Date) -> bool {
        (self.countries.is_empty() || self.countries.iter().any(|c| c == country))
            && self.until.is_none_or(|u| u >= as_of)
    }
}

#[cfg(test)]
mod tests {
    use crate::load::builtin_model;
    use crate::model::Date;

    fn date(s: &str) -> Date {
        Date::parse(s).expect("a valid date")
    }

    #[test]
    fn the_seeds_british_sources_are_open_to_a_british_city_only() {
        let model = builtin_model();
        let lottery = model
            .funding_sources
            .iter()
            .find(|f| f.id == "national-lottery-community-fund")
            .expect("the lottery fund is in the model");
        assert!(lottery.open_to("GB", date("2026-09-01")));
        assert!(!lottery.open_to("SE", date("2026-09-01")));
        let own_time = model
            .funding_sources
            .iter()
            .find(|f| f.countries.is_empty())
            .expect("partners' own time is open anywhere");
        assert!(own_time.open_to("SE", date("2026-09-01")));
        for f in model
            .funding_sources
            .iter()
            .filter(|f| !f.countries.is_empty())
        {
            assert_eq!(
                f.countries,
                ["GB"],
                "{}: the seeds' sources are British",
                f.id
            );
        }
    }

    #[test]
    fn a_fund_that_has_closed_is_not_open() {
        let mut f = builtin_model().funding_sources[0].clone();
        f.until = Some(date("2026-03-31"));
        assert!(f.open_to("GB", date("2026-03-31")));
        assert!(!f.open_to("GB", date("2026-04-01")));
    }
}
