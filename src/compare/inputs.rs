//! The learning set's inputs: the files given and the profiles in the folders given, each file
//! once however many paths lead to it, folders walked without following a link in a loop; and,
//! once the cities are read, one city per id.

use super::{CitySummary, Failure};
use crate::load::ReadError;
use std::collections::HashSet;
use std::fs::Metadata;
use std::path::{Path, PathBuf};

/// What makes two paths the same file or folder: its device and inode on Unix (links, hard or
/// symbolic, and `a/../a` all lead there), its canonical path elsewhere.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Identity {
    #[cfg_attr(not(unix), allow(dead_code))]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

fn identity(path: &Path, meta: &Metadata) -> Identity {
    #[cfg(unix)]
    {
        let _ = path;
        use std::os::unix::fs::MetadataExt;
        Identity::Inode(meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Identity::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()))
    }
}

/// The files to compare, sorted, each once: files as given, folders searched (recursively,
/// through links, but never into a folder already searched) for `*.yaml`/`*.yml`. Of the paths
/// that lead to one file, the first in order is kept. A path that cannot be looked at is kept, to
/// be reported when it is read.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ReadError> {
    let mut found = Vec::new();
    let mut folders = HashSet::new();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(meta) if meta.is_dir() => walk(p, &meta, &mut folders, &mut found)?,
            Ok(meta) => found.push((p.clone(), Some(identity(p, &meta)))),
            Err(_) => found.push((p.clone(), None)),
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found.dedup_by(|b, a| a.0 == b.0);
    let mut files = HashSet::new();
    Ok(found
        .into_iter()
        .filter(|(_, id)| id.as_ref().is_none_or(|id| files.insert(id.clone())))
        .map(|(path, _)| path)
        .collect())
}

/// Adds the profiles under `root` to `found`, each folder searched once (a link back up the
/// tree is met as a folder already searched).
fn walk(
    root: &Path,
    meta: &Metadata,
    folders: &mut HashSet<Identity>,
    found: &mut Vec<(PathBuf, Option<Identity>)>,
) -> Result<(), ReadError> {
    let mut stack = Vec::new();
    if folders.insert(identity(root, meta)) {
        stack.push(root.to_owned());
    }
    while let Some(dir) = stack.pop() {
        let fail = |source| ReadError::Io {
            path: dir.display().to_string(),
            source,
        };
        for entry in std::fs::read_dir(&dir).map_err(fail)? {
            let path = entry.map_err(fail)?.path();
            let Ok(meta) = std::fs::metadata(&path) else {
                // A dangling link: not a profile, and nothing to search.
                continue;
            };
            if meta.is_dir() {
                if folders.insert(identity(&path, &meta)) {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                let id = identity(&path, &meta);
                found.push((path, Some(id)));
            }
        }
    }
    Ok(())
}

/// Keeps one city per id, the first by path (`cities` are sorted by id, then path); each other
/// one is a failure naming both files.
pub(super) fn one_per_id(cities: Vec<CitySummary>) -> (Vec<CitySummary>, Vec<Failure>) {
    let mut kept: Vec<CitySummary> = Vec::with_capacity(cities.len());
    let mut failures = Vec::new();
    for city in cities {
        match kept.last() {
            Some(first) if first.id == city.id => failures.push(Failure {
                error: Some(format!(
                    "`{}` has the city id `{}`, as `{}` has: left out, as a city is compared once; \
                     give each city its own `id` under `city:`, or compare only one of the two files",
                    city.path, city.id, first.path
                )),
                path: PathBuf::from(city.path),
                diagnostics: Vec::new(),
                unreadable: false,
            }),
            _ => kept.push(city),
        }
    }
    (kept, failures)
}
