//! Identifier newtypes shared by every stage: actors, sectors, capabilities, pillars, districts.
//!
//! Ids are plain strings underneath; the newtypes keep an actor id from being passed where a
//! sector id is expected. They serialise as bare strings.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as written in the file.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// The slug of an actor (an organisation of the city).
    ActorId
);
id_type!(
    /// The slug of a district of the city.
    DistrictId
);
id_type!(
    /// A sector id defined by the model, e.g. `recovery_community`.
    SectorId
);
id_type!(
    /// A capability id defined by the model, e.g. `peer_support`.
    CapabilityId
);
id_type!(
    /// A pillar id defined by the model, e.g. `housing`.
    PillarId
);
id_type!(
    /// A partnership kind defined by the model, e.g. `referral`.
    LinkKind
);

/// Whether `s` is a slug: lowercase ASCII letters, digits and `-`, starting with a letter or digit.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Turns free text into a slug suggestion: `Old Town` becomes `old-town`.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_digits_and_dashes() {
        assert!(is_slug("new-dawn"));
        assert!(is_slug("b4"));
        assert!(!is_slug("New-Dawn"));
        assert!(!is_slug("new_dawn"));
        assert!(!is_slug("-x"));
        assert!(!is_slug(""));
        assert_eq!(slugify("Old Town_ Centre!"), "old-town-centre");
    }
}
