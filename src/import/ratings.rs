//! PARTNER-style survey ratings into a profile's partnerships.
//!
//! A survey has one row per answer: the respondent organisation, the partner it rates, and a
//! trust and a value rating, each a whole number from 1 to 4 (either may be left blank). Each
//! pair's answers are pooled in both directions (what A said of B and what B said of A), averaged,
//! and rounded half up to the whole number the profile format takes (`trust` and `value` are
//! integers 1-4); the rating is written into every partnership of the pair, whatever its kind
//! and direction. Pairs rated but without a partnership in the profile, and names that match no
//! organisation, are listed, not guessed at.

use super::answers::{Table, Value};
use super::edit::{Editor, Entry, get, text_of, top};
use super::{Organisations, Unmatched, unmatched_hint};
use crate::diag::Diagnostic;
use crate::load::yaml::{Node, NodeKind};
use crate::model::City;
use crate::model::ids::ActorId;
use std::collections::BTreeMap;

/// The headers the survey's columns may have (folded when matched).
const RESPONDENT: &[&str] = &[
    "Respondent organisation",
    "Respondent organization",
    "Respondent",
    "Organisation",
    "Organization",
];
const PARTNER: &[&str] = &["Partner organisation", "Partner organization", "Partner"];
const TRUST: &[&str] = &["Trust"];
const VALUE: &[&str] = &["Value"];

/// An unordered pair of actors, the smaller id first.
pub type Pair = (ActorId, ActorId);

/// The answers about one pair.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Answers {
    /// Trust ratings given.
    pub trust: Vec<u8>,
    /// Value ratings given.
    pub value: Vec<u8>,
}

/// The mean of `ratings` rounded half up, and the mean itself; `None` without ratings.
pub fn rounded_mean(ratings: &[u8]) -> Option<(u8, f64)> {
    let n = u32::try_from(ratings.len()).ok().filter(|n| *n > 0)?;
    let sum: u32 = ratings.iter().map(|r| u32::from(*r)).sum();
    // Half up, in whole numbers: floor(sum / n + 1/2).
    let rounded = u8::try_from((2 * sum + n) / (2 * n)).ok()?;
    Some((rounded, f64::from(sum) / f64::from(n)))
}

/// A name in the survey that matched no organisation of the profile.
#[derive(Debug)]
pub struct Unknown {
    /// The name as first written.
    pub written: String,
    /// The rows it is on.
    pub rows: Vec<usize>,
    /// Why it did not match.
    pub why: Unmatched,
}

/// A survey read against a profile.
#[derive(Debug, Default)]
pub struct Survey {
    /// Answers counted, by pair.
    pub pairs: BTreeMap<Pair, Answers>,
    /// Answers read (rows naming two known organisations).
    pub answers: usize,
    /// Names matching no organisation, by folded name.
    pub unknown: BTreeMap<String, Unknown>,
}

/// Reads the survey `table` against `city`: the answers by pair, or every bad row's error.
pub fn read(table: &Table, city: &City) -> Result<Survey, Vec<Diagnostic>> {
    let columns = [
        ("respondent organisation", RESPONDENT),
        ("partner organisation", PARTNER),
        ("trust", TRUST),
        ("value", VALUE),
    ];
    let mut found = [0; 4];
    let mut errors = Vec::new();
    for (i, (what, names)) in columns.iter().enumerate() {
        match table.column(names) {
            Some(c) => found[i] = c,
            None => errors.push(table.missing_column(what, names)),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let [respondent, partner, trust, value] = found;
    let organisations = Organisations::new(city);
    let mut survey = Survey::default();
    for row in table.rows.iter().filter(|r| !r.is_blank()) {
        let mut name = |col: usize, errors: &mut Vec<Diagnostic>| match row.value(col) {
            Value::Empty => {
                errors.push(table.error(row, col, "the organisation is blank").hint(
                    "write the organisation's name or id, or delete the row if it is not an answer",
                ));
                None
            }
            v => {
                let written = v.shown();
                match organisations.find(&written) {
                    Ok(actor) => Some(actor.id.clone()),
                    Err(why) => {
                        let unknown =
                            survey
                                .unknown
                                .entry(super::fold(&written))
                                .or_insert_with(|| Unknown {
                                    written: written.clone(),
                                    rows: Vec::new(),
                                    why,
                                });
                        if unknown.rows.last() != Some(&row.number) {
                            unknown.rows.push(row.number);
                        }
                        None
                    }
                }
            }
        };
        let (a, b) = (name(respondent, &mut errors), name(partner, &mut errors));
        let t = rating(table, row, trust, "trust", &mut errors);
        let v = rating(table, row, value, "value", &mut errors);
        let (Some(a), Some(b)) = (a, b) else {
            continue;
        };
        if a == b {
            errors.push(
                table
                    .error(row, partner, format!("`{a}` rates itself"))
                    .hint("a rating is of another organisation: check the two names"),
            );
            continue;
        }
        let (Ok(t), Ok(v)) = (t, v) else {
            continue;
        };
        let pair = if a < b { (a, b) } else { (b, a) };
        let answers = survey.pairs.entry(pair).or_default();
        answers.trust.extend(t);
        answers.value.extend(v);
        survey.answers += 1;
    }
    if errors.is_empty() {
        Ok(survey)
    } else {
        Err(errors)
    }
}

/// A rating cell: blank (no answer), or a whole number from 1 to 4.
fn rating(
    table: &Table,
    row: &super::answers::Row,
    col: usize,
    what: &str,
    errors: &mut Vec<Diagnostic>,
) -> Result<Option<u8>, ()> {
    let number = match row.value(col) {
        Value::Empty => return Ok(None),
        Value::Number(n) => Some(*n),
        Value::Text(s) => s.parse::<f64>().ok().filter(|n| n.is_finite()),
        _ => None,
    };
    let shown = row.value(col).shown();
    let message = match number {
        Some(n) if n.fract() == 0.0 && (1.0..=4.0).contains(&n) => return Ok(Some(n as u8)),
        Some(n) if n.fract() == 0.0 => format!("a {what} rating of {shown} is out of range"),
        Some(_) => format!("a {what} rating of {shown} is not a whole number"),
        None => format!("`{shown}` is not a {what} rating"),
    };
    errors.push(
        table
            .error(row, col, message)
            .hint("a rating is a whole number from 1 (low) to 4 (high), or blank for no answer"),
    );
    Err(())
}

/// A partnership of the profile as written: its pair and where it is.
struct Written<'n, 't> {
    pair: Pair,
    node: &'n Node<'t>,
}

/// The partnerships of the profile's tree, with their pairs.
fn partnerships<'n, 't>(root: &'n Node<'t>) -> Vec<Written<'n, 't>> {
    let Some(NodeKind::Seq(items)) = top(root, "partnerships").map(|n| &n.kind) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|node| {
            let ends: Vec<&str> = match get(node, "between").map(|n| &n.kind) {
                Some(NodeKind::Seq(two)) => two.iter().filter_map(text_of).collect(),
                _ => ["from", "to"]
                    .iter()
                    .filter_map(|k| get(node, k).and_then(text_of))
                    .collect(),
            };
            let [a, b] = ends.as_slice() else {
                return None;
            };
            let (a, b) = (ActorId::from(*a), ActorId::from(*b));
            let pair = if a < b { (a, b) } else { (b, a) };
            Some(Written { pair, node })
        })
        .collect()
}

/// What the merge does to one pair.
#[derive(Debug, PartialEq)]
pub struct Change {
    /// The pair.
    pub pair: Pair,
    /// Its answers.
    pub answers: Answers,
    /// The partnerships of the pair: their ratings before, (trust, value).
    pub before: Vec<(Option<u8>, Option<u8>)>,
}

/// The merge of a survey into a profile's text.
#[derive(Debug)]
pub struct Merge {
    /// Each rated pair that has partnerships, in pair order.
    pub changes: Vec<Change>,
    /// Rated pairs without a partnership in the profile, with their number of answers.
    pub absent: Vec<(Pair, usize)>,
    /// The edited text (the same text when nothing changes).
    pub text: String,
    /// Whether the text changed.
    pub edited: bool,
}

/// Merges `survey` into the profile `text` (whose tree is `root`, and which reads as `city`).
pub(crate) fn merge(text: &str, root: &Node<'_>, city: &City, survey: &Survey) -> Merge {
    let written = partnerships(root);
    let mut editor = Editor::new(text);
    let mut changes = Vec::new();
    let mut absent = Vec::new();
    for (pair, answers) in &survey.pairs {
        let ours: Vec<&Written<'_, '_>> = written.iter().filter(|w| w.pair == *pair).collect();
        if ours.is_empty() {
            absent.push((pair.clone(), answers.trust.len().max(answers.value.len())));
            continue;
        }
        let before = city
            .partnerships
            .iter()
            .filter(|p| {
                let key = if p.a < p.b {
                    (p.a.clone(), p.b.clone())
                } else {
                    (p.b.clone(), p.a.clone())
                };
                key == *pair
            })
            .map(|p| (p.trust, p.value))
            .collect();
        for w in ours {
            let Some(entry) = Entry::of(text, w.node) else {
                continue;
            };
            for (key, ratings) in [("trust", &answers.trust), ("value", &answers.value)] {
                if let Some((r, _)) = rounded_mean(ratings) {
                    editor.set(&entry, key, Some(&r.to_string()));
                }
            }
        }
        changes.push(Change {
            pair: pair.clone(),
            answers: answers.clone(),
            before,
        });
    }
    let edited = !editor.is_empty();
    Merge {
        changes,
        absent,
        text: editor.finish(),
        edited,
    }
}

/// The hint for a name that matched no organisation.
pub fn unknown_hint(unknown: &Unknown) -> String {
    unmatched_hint(&unknown.why)
}

#[cfg(test)]
mod tests {
    use super::rounded_mean;

    #[test]
    fn rounds_the_mean_half_up() {
        assert_eq!(rounded_mean(&[]), None);
        assert_eq!(rounded_mean(&[2, 3]).map(|r| r.0), Some(3));
        assert_eq!(rounded_mean(&[1, 2, 2]).map(|r| r.0), Some(2));
        assert_eq!(rounded_mean(&[3, 4, 4, 4]).map(|r| r.0), Some(4));
        assert_eq!(rounded_mean(&[1, 1, 2, 2]).map(|r| r.0), Some(2));
        assert_eq!(rounded_mean(&[1, 1, 1, 2]).map(|r| r.0), Some(1));
    }
}
