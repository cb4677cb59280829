//! `import --ratings FILE --into PROFILE` and `import --actions FILE --into PROFILE`: reads a
//! survey or a filled-in monitoring workbook, edits the profile's text in place (only the lines
//! that change), checks the edited text with the normal loader, and writes it atomically, the
//! previous text kept beside it as `PROFILE.bak`. Nothing is written when a row has a problem,
//! when the edited profile would not load, or when nothing changes.
//!
//! The profile is a file a person wrote: `--into` replaces it only because the user asked for
//! exactly that, and the `.bak` keeps what they had (a profile kept in git has its history
//! anyway; one that is not would otherwise have no way back).

use super::{Error, print, report};
use crate::analysis::analyse_without_paths;
use crate::cli::{GlobalArgs, ImportArgs};
use crate::diag::{self, Diagnostic, SourceFile};
use crate::import::actions::{self, SHEET, Update};
use crate::import::answers::{self, Table};
use crate::import::ratings::{self, Survey, rounded_mean};
use crate::load::{self, yaml};
use crate::model::{City, Model};
use crate::network::Network;
use crate::plan::build_plan;
use crate::render::output::write_atomic;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The bytes of a UTF-8 byte order mark, kept when the profile starts with one.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Runs `import`: SOURCE into a new profile (`cmd::import`), or ratings or statuses into one.
pub(crate) fn run(global: &GlobalArgs, args: &ImportArgs) -> Result<(), Error> {
    match (&args.ratings, &args.actions, &args.into, &args.source) {
        (Some(survey), _, Some(into), _) => import_ratings(global, survey, into),
        (_, Some(workbook), Some(into), _) => import_actions(global, workbook, into),
        (None, None, None, Some(_)) => super::import::run(global, args),
        _ => Err(Error::Usage(
            "say what to import: `SOURCE -o PROFILE` (a workbook or CSV files to a new profile), `--ratings SURVEY --into PROFILE` or `--actions WORKBOOK --into PROFILE`".into(),
        )),
    }
}

/// The profile to edit: its file and what it reads as.
struct Profile {
    path: PathBuf,
    file: Arc<SourceFile>,
    city: City,
}

impl Profile {
    /// Reads and checks the profile; its problems are printed and stop the import.
    fn load(global: &GlobalArgs, model: &Model, path: &Path) -> Result<Profile, Error> {
        let name = path.display().to_string();
        let file = match load::read_source(path)? {
            Ok(file) => file,
            Err(d) => return Err(invalid(global, &name, &[*d])),
        };
        let loaded = load::parse_city(&file, model);
        report(global, &loaded.diagnostics);
        let city = loaded
            .value
            .ok_or_else(|| Error::Invalid(diag::summary(&name, &loaded.diagnostics)))?;
        Ok(Profile {
            path: path.to_owned(),
            file,
            city,
        })
    }

    /// Checks the edited text with the loader and `verify`, then writes it and the backup.
    fn write(
        &self,
        global: &GlobalArgs,
        model: &Model,
        text: String,
        verify: impl Fn(&City) -> Result<(), String>,
    ) -> Result<PathBuf, Error> {
        let name = self.path.display().to_string();
        let edited = SourceFile::new(name.clone(), text);
        let loaded = load::parse_city(&edited, model);
        let city = match loaded.value {
            Some(city) => city,
            None => {
                report(global, &loaded.diagnostics);
                return Err(Error::Invalid(format!(
                    "{name}: the edited profile would not load, so it was not written (a fault in inclusive-cities: please report it with the file)"
                )));
            }
        };
        verify(&city).map_err(|why| {
            Error::Invalid(format!(
                "{name}: the edit did not give what was read ({why}), so nothing was written (a fault in inclusive-cities: please report it with the file)"
            ))
        })?;
        let raw = crate::load::read_bounded(&self.path, crate::load::MAX_FILE_BYTES)?;
        let bom = raw.starts_with(BOM);
        if raw[if bom { BOM.len() } else { 0 }..] != *self.file.text.as_bytes() {
            return Err(Error::Usage(format!(
                "`{name}` changed while it was being imported into: nothing was written; run the import again"
            )));
        }
        let mut backup_name = self.path.file_name().unwrap_or_default().to_os_string();
        backup_name.push(".bak");
        let backup = self.path.with_file_name(backup_name);
        write_atomic(&backup, &raw)?;
        let mut bytes = if bom { BOM.to_vec() } else { Vec::new() };
        bytes.extend_from_slice(edited.text.as_bytes());
        write_atomic(&self.path, &bytes)?;
        Ok(backup)
    }

    /// The profile's parsed tree.
    fn tree(&self) -> Result<yaml::Node<'_>, Error> {
        yaml::parse(&self.file).map_err(|d| Error::Invalid(d.message))
    }

    /// An actor's name, or the id when there is none.
    fn name(&self, id: &str) -> String {
        self.city
            .any_actor(id)
            .map_or_else(|| id.to_owned(), |a| a.name.clone())
    }
}

/// Prints the diagnostics and makes the error that stops the command.
fn invalid(global: &GlobalArgs, name: &str, diagnostics: &[Diagnostic]) -> Error {
    report(global, diagnostics);
    Error::Invalid(diag::summary(name, diagnostics))
}

/// Reads a survey or workbook; its problems are printed and stop the import.
/// `sheets` name the sheet to read in a workbook, `keys` the header row's columns.
fn read_table(
    global: &GlobalArgs,
    path: &Path,
    sheets: &[&str],
    keys: &[&str],
) -> Result<Table, Error> {
    answers::read(path, sheets, keys)?.map_err(|d| invalid(global, &path.display().to_string(), &d))
}

/// `--ratings`.
fn import_ratings(global: &GlobalArgs, path: &Path, into: &Path) -> Result<(), Error> {
    let model = super::model(global)?;
    let profile = Profile::load(global, &model, into)?;
    let table = read_table(global, path, &[], ratings::RESPONDENT)?;
    let survey = ratings::read(&table, &profile.city)
        .map_err(|ds| invalid(global, &table.file.name, &ds))?;
    let root = profile.tree()?;
    let merge = ratings::merge(&profile.file.text, &root, &profile.city, &survey);
    let mut out = ratings_report(&profile, &table.file.name, &survey, &merge);
    if merge.edited {
        let expected: Vec<_> = merge
            .changes
            .iter()
            .map(|c| {
                let t = rounded_mean(&c.answers.trust).map(|r| r.0);
                let v = rounded_mean(&c.answers.value).map(|r| r.0);
                (c.pair.clone(), t, v)
            })
            .collect();
        let backup = profile.write(global, &model, merge.text, |city| {
            for ((a, b), t, v) in &expected {
                for p in city
                    .partnerships
                    .iter()
                    .filter(|p| (&p.a, &p.b) == (a, b) || (&p.a, &p.b) == (b, a))
                {
                    if t.is_some_and(|t| p.trust != Some(t))
                        || v.is_some_and(|v| p.value != Some(v))
                    {
                        return Err(format!("the partnership of `{a}` and `{b}`"));
                    }
                }
            }
            Ok(())
        })?;
        out.push_str(&written(into, &backup));
    } else {
        out.push_str(&format!(
            "{} already has these ratings: nothing to write\n",
            into.display()
        ));
    }
    print(&out)
}

/// What a survey's merge does, in words.
fn ratings_report(
    profile: &Profile,
    name: &str,
    survey: &Survey,
    merge: &ratings::Merge,
) -> String {
    let pair_name = |(a, b): &ratings::Pair| {
        format!(
            "{} and {}",
            profile.name(a.as_str()),
            profile.name(b.as_str())
        )
    };
    let mut out = format!(
        "{name}: {} {} about {} {} of organisations; each pair's mean is rounded half up to the whole number (1-4) the profile takes\n",
        survey.answers,
        plural(survey.answers, "answer", "answers"),
        survey.pairs.len(),
        plural(survey.pairs.len(), "pair", "pairs"),
    );
    for change in &merge.changes {
        let mut parts = Vec::new();
        for (what, ratings, before) in [
            (
                "trust",
                &change.answers.trust,
                change.before.iter().map(|b| b.0).collect::<Vec<_>>(),
            ),
            (
                "value",
                &change.answers.value,
                change.before.iter().map(|b| b.1).collect(),
            ),
        ] {
            let Some((rounded, mean)) = rounded_mean(ratings) else {
                continue;
            };
            let mut was: Vec<String> = before
                .iter()
                .map(|b| b.map_or("none".to_owned(), |b| b.to_string()))
                .collect();
            was.dedup();
            parts.push(format!(
                "{what} {mean:.2} from {} {} -> {rounded} (was {})",
                ratings.len(),
                plural(ratings.len(), "answer", "answers"),
                was.join(", ")
            ));
        }
        out.push_str(&format!(
            "  {}: {}\n",
            pair_name(&change.pair),
            parts.join("; ")
        ));
    }
    if !merge.absent.is_empty() {
        out.push_str("rated, but the profile has no partnership between them (a partnership to record, or a typo):\n");
        for (pair, n) in &merge.absent {
            out.push_str(&format!(
                "  {} ({n} {})\n",
                pair_name(pair),
                plural(*n, "answer", "answers")
            ));
        }
    }
    if !survey.unknown.is_empty() {
        out.push_str(
            "names that match no organisation in the profile (their answers are left out):\n",
        );
        for unknown in survey.unknown.values() {
            let rows: Vec<String> = unknown.rows.iter().map(ToString::to_string).collect();
            out.push_str(&format!(
                "  `{}` ({} {}): {}\n",
                crate::render::escape::terminal(&unknown.written),
                plural(unknown.rows.len(), "row", "rows"),
                rows.join(", "),
                ratings::unknown_hint(unknown)
            ));
        }
    }
    out
}

/// `--actions`.
fn import_actions(global: &GlobalArgs, path: &Path, into: &Path) -> Result<(), Error> {
    let model = super::model(global)?;
    let profile = Profile::load(global, &model, into)?;
    let network = Network::build(&profile.city, &model);
    // The plan is built for its action ids, which no betweenness or closeness sways: a large
    // city is not measured for nothing.
    let (analysis, _) = analyse_without_paths(&model, &profile.city, &network);
    let plan = build_plan(&model, &profile.city, &analysis, None);
    let mut known: Vec<String> = plan
        .actions
        .iter()
        .map(|a| a.id.clone())
        .chain(profile.city.actions.iter().map(|t| t.id.clone()))
        .collect();
    known.sort();
    known.dedup();
    let tracked_as: BTreeMap<String, String> = plan
        .actions
        .iter()
        .filter_map(|a| Some((a.id.clone(), a.tracked_as.clone().filter(|t| *t != a.id)?)))
        .collect();
    let table = read_table(global, path, &[SHEET], &[actions::ID])?;
    let sheet = actions::read(&table, &profile.city, &known)
        .map_err(|ds| invalid(global, &table.file.name, &ds))?;
    let updates = sheet.updates;
    let root = profile.tree()?;
    let applied = actions::apply(
        &profile.file.text,
        &root,
        &profile.city,
        &updates,
        &tracked_as,
    );
    let mut out = format!(
        "{}: {} {} read\n",
        table.file.name,
        updates.len(),
        plural(updates.len(), "action", "actions")
    );
    for change in &applied.changes {
        out.push_str(&format!("  {}\n", crate::render::escape::terminal(change)));
    }
    for (row, id) in &sheet.skipped {
        out.push_str(&format!(
            "  row {row}: `{}` is not in the plan any more and records nothing: left out\n",
            crate::render::escape::terminal(id)
        ));
    }
    if applied.edited {
        let backup = profile.write(global, &model, applied.text, |city| {
            updates
                .iter()
                .try_for_each(|u| check_tracked(city, u, &tracked_as))
        })?;
        out.push_str(&written(into, &backup));
    } else {
        out.push_str(&format!(
            "{} already records these statuses: nothing to write\n",
            into.display()
        ));
    }
    print(&out)
}

/// Whether the edited profile tracks `u` as the row says.
fn check_tracked(
    city: &City,
    u: &Update,
    tracked_as: &BTreeMap<String, String>,
) -> Result<(), String> {
    let entry = city.actions.iter().find(|t| t.id == u.id).or_else(|| {
        let other = tracked_as.get(&u.id)?;
        city.actions.iter().find(|t| t.id == *other)
    });
    match entry {
        None if !u.records() => Ok(()),
        Some(t)
            if t.status == u.status && t.owner == u.owner && t.due == u.due && t.note == u.note =>
        {
            Ok(())
        }
        _ => Err(format!("action `{}`", u.id)),
    }
}

/// The closing line once the profile is written.
fn written(path: &Path, backup: &Path) -> String {
    format!(
        "wrote {} (the previous text is in {})\n",
        path.display(),
        backup.display()
    )
}

/// The singular or plural word for `n`.
fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}
