//! Calendar dates as the profile format writes them (`YYYY-MM-DD`), with month arithmetic for
//! funding horizons. No time zones, no times: a profile speaks of days.

use serde::{Serialize, Serializer};
use std::fmt;

/// A calendar date, ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists (leap years included).
    pub fn parse(s: &str) -> Option<Date> {
        let bytes = s.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u16> {
            let part = &s[r];
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())
                .flatten()
        };
        let year = digits(0..4)?;
        let month = u8::try_from(digits(5..7)?).ok()?;
        let day = u8::try_from(digits(8..10)?).ok()?;
        let date = Date { year, month, day };
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(date)
    }

    /// The same day `months` months later, clamped to the end of a shorter month.
    pub fn add_months(self, months: u32) -> Date {
        let total = u32::from(self.month) - 1 + months;
        let year = self
            .year
            .saturating_add(u16::try_from(total / 12).unwrap_or(u16::MAX));
        let month = u8::try_from(total % 12 + 1).expect("a month number is below 13");
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }
}

impl Date {
    /// The same day `months` months earlier, clamped to the end of a shorter month.
    pub fn sub_months(self, months: u32) -> Date {
        let total = i64::from(self.year) * 12 + i64::from(self.month) - 1 - i64::from(months);
        let year = u16::try_from(total.max(0) / 12).unwrap_or(0);
        let month = u8::try_from(total.max(0) % 12 + 1).expect("a month number is below 13");
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }
}

impl Date {
    /// The day before.
    pub fn pred(self) -> Date {
        match (self.day, self.month) {
            (d, _) if d > 1 => Date { day: d - 1, ..self },
            (_, 1) => Date {
                year: self.year.saturating_sub(1),
                month: 12,
                day: 31,
            },
            (_, m) => Date {
                month: m - 1,
                day: days_in_month(self.year, m - 1),
                ..self
            },
        }
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("`{text}` is not a date written YYYY-MM-DD"))
        })
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn parses_valid_days_only() {
        assert_eq!(
            Date::parse("2026-09-01").map(|d| d.to_string()).as_deref(),
            Some("2026-09-01")
        );
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2026-02-29").is_none());
        assert!(Date::parse("2026-13-01").is_none());
        assert!(Date::parse("2026-9-1").is_none());
        assert!(Date::parse("01/09/2026").is_none());
    }

    #[test]
    fn adds_months_with_clamping() {
        let d = Date::parse("2026-01-31").expect("valid");
        assert_eq!(d.add_months(1).to_string(), "2026-02-28");
        assert_eq!(d.add_months(12).to_string(), "2027-01-31");
        assert_eq!(d.add_months(25).to_string(), "2028-02-29");
    }

    #[test]
    fn subtracts_months_with_clamping() {
        let d = Date::parse("2026-03-31").expect("valid");
        assert_eq!(d.sub_months(1).to_string(), "2026-02-28");
        assert_eq!(d.sub_months(24).to_string(), "2024-03-31");
        assert_eq!(d.sub_months(25).to_string(), "2024-02-29");
        assert_eq!(d.sub_months(3).to_string(), "2025-12-31");
    }
}
