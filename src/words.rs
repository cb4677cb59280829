//! Plain words for sentences, the plan's and the gaps' messages: lists ("a, b and c"), articles
//! ("an employer"), counts with their plural ("1 partnership", "2 partnerships") and sentence case.

/// `a, b and c`; past `max` names, `a, b, c and 4 more`.
pub(crate) fn list<S: AsRef<str>>(names: &[S], max: usize) -> String {
    let join = |names: &[S]| {
        names
            .iter()
            .map(AsRef::as_ref)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match names {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        _ if names.len() > max => {
            format!("{} and {} more", join(&names[..max]), names.len() - max)
        }
        [rest @ .., last] => format!("{} and {}", join(rest), last.as_ref()),
    }
}

/// `a, b or c`.
pub(crate) fn either<S: AsRef<str>>(names: &[S]) -> String {
    match names {
        [rest @ .., last] if !rest.is_empty() => format!(
            "{} or {}",
            rest.iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
        _ => list(names, usize::MAX),
    }
}

/// The indefinite article for `word`: "an" before a vowel sound, else "a". English spelling does
/// not always tell; the few exceptions a plan meets are listed.
pub(crate) fn article(word: &str) -> &'static str {
    let lower = word.trim_start().to_lowercase();
    const AN: &[&str] = &["hour", "honest", "honour"];
    const A: &[&str] = &["uni", "use", "usu", "eu", "one", "once"];
    if AN.iter().any(|p| lower.starts_with(p)) {
        return "an";
    }
    if A.iter().any(|p| lower.starts_with(p)) {
        return "a";
    }
    match lower.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

/// `word` with its indefinite article: "an employer", "a council".
pub(crate) fn with_article(word: &str) -> String {
    format!("{} {word}", article(word))
}

/// A capability's name as a sentence uses it: with its article when it is one countable thing
/// ("a recovery café", "an anti-discrimination policy"), bare when it is a service, a practice or
/// a plural ("peer support", "mutual aid groups").
pub(crate) fn as_object(name: &str) -> String {
    const COUNTABLE: &[&str] = &[
        "policy",
        "campaign",
        "café",
        "cafe",
        "board",
        "statement",
        "(LERO)",
        "collection",
    ];
    if COUNTABLE.iter().any(|c| name.ends_with(c)) {
        with_article(name)
    } else {
        name.to_owned()
    }
}

/// `n` and the noun, singular or plural: "1 partnership", "2 partnerships".
pub(crate) fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// `n` with a comma between thousands: "100,000".
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// The text with its first letter in capitals.
pub(crate) fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The text as a sentence: capitalised, ending with one full stop (or its own `?` or `!`).
pub(crate) fn sentence(s: &str) -> String {
    let s = capitalise(s.trim());
    if s.ends_with(['.', '?', '!']) {
        s
    } else {
        format!("{s}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_follow_the_sound() {
        assert_eq!(with_article("employer"), "an employer");
        assert_eq!(with_article("council"), "a council");
        assert_eq!(with_article("housing association"), "a housing association");
        assert_eq!(with_article("education partner"), "an education partner");
        assert_eq!(with_article("user-led group"), "a user-led group");
        assert_eq!(with_article("hour"), "an hour");
    }

    #[test]
    fn a_countable_capability_takes_its_article() {
        assert_eq!(
            as_object("public awareness campaign"),
            "a public awareness campaign"
        );
        assert_eq!(
            as_object("anti-discrimination policy"),
            "an anti-discrimination policy"
        );
        assert_eq!(as_object("recovery café"), "a recovery café");
        assert_eq!(as_object("peer support"), "peer support");
        assert_eq!(as_object("mutual aid groups"), "mutual aid groups");
    }

    #[test]
    fn counts_and_lists_read_as_english() {
        assert_eq!(count(1, "partnership", "partnerships"), "1 partnership");
        assert_eq!(count(2, "partnership", "partnerships"), "2 partnerships");
        assert_eq!(list(&["a", "b", "c"], 6), "a, b and c");
        assert_eq!(list(&["a", "b", "c"], 2), "a, b and 1 more");
        assert_eq!(either(&["a", "b", "c"]), "a, b or c");
        assert_eq!(either(&["a"]), "a");
        assert_eq!(sentence("no seat"), "No seat.");
    }
}
