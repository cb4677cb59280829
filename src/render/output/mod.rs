//! Writing generated files safely: every file is written atomically (a temporary file in the
//! same folder, then a rename), and a file the engine did not write, or wrote and someone edited
//! since, is never overwritten unless forced. The engine knows its own files by the hash of what
//! it wrote (`render::marker`): in the first line of Markdown and HTML, in `generator` in JSON, in
//! a custom property of a Word document (`render::docx`) or a workbook
//! (`render::monitoring`, `render::xlsx`); CSV tables, which have no room for one,
//! by their header rows.
//!
//! Only regular files are replaced: a FIFO, a device or a socket where an output goes is refused.
//! A run holds a lock on its output folder (`folder.rs`) while it writes, so two runs never mix
//! their files; its temporary files are named `.inclusive-cities-*.tmp`, removed when the run is
//! interrupted, and swept by the next run when one is left over (a crash, a `kill -9`). A new file
//! follows the umask; a replaced file keeps its mode.

mod folder;

use super::marker::{self, Hasher};
use crate::load::{self, MAX_READ_BACK_BYTES};
use folder::Temporary;
use rayon::prelude::*;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

pub use folder::{LOCK_FILE, remove_temporary_files_on_interruption};

pub use super::marker::{mark, stamp_json};

/// The header rows (or their starts) of the CSV files the engine writes.
pub const CSV_HEADERS: &[&str] = &[
    "id,name,country,index,",
    "city,pillar,score",
    "city,gap_id,rule,severity,pillar",
    "city,gap_id,peer_city,how",
];

/// A file to write: its name in the output folder and its content (text, or bytes for a binary
/// document such as a .docx).
#[derive(Debug)]
pub struct Output<C = String> {
    /// File name, e.g. `mission.md`.
    pub name: String,
    /// Content.
    pub content: C,
}

/// Why outputs were not written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// Files in the way that the engine did not write, or that were edited since.
    #[error("not overwriting {}: {} not written by inclusive-cities, or edited since; move {} away, or pass --force to overwrite", list(.0), if .0.len() == 1 { "it was" } else { "they were" }, if .0.len() == 1 { "it" } else { "them" })]
    Foreign(Vec<PathBuf>),
    /// Files that already exist and may not be replaced without `--force`.
    #[error("not overwriting {}: {} already there; pass --force to overwrite", list(.0), if .0.len() == 1 { "it is" } else { "they are" })]
    Exists(Vec<PathBuf>),
    /// Something other than a regular file is where an output goes.
    #[error("not replacing {}: an output replaces only a regular file; remove {} or write elsewhere", kinds(.0), if .0.len() == 1 { "it" } else { "them" })]
    NotRegular(Vec<(PathBuf, &'static str)>),
    /// The output folder is a file.
    #[error("`{}` is a file, not a folder: the outputs are several files, written into a folder; give the path of a folder (a new one is created)", .0.display())]
    NotAFolder(PathBuf),
    /// Another run holds the output folder's lock.
    #[error("`{}` is being written by another run of inclusive-cities ({}which holds `{}`); waited {} seconds: run again when it has finished", .dir.display(), .holder.map(|p| format!("process {p}, ")).unwrap_or_default(), .lock.display(), .waited)]
    Locked {
        /// The output folder.
        dir: PathBuf,
        /// Its lock file.
        lock: PathBuf,
        /// The process that holds it, when it wrote its id.
        holder: Option<u32>,
        /// How long this run waited, in seconds.
        waited: u64,
    },
    /// A file system operation failed.
    #[error("cannot write `{path}`: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

fn kinds(found: &[(PathBuf, &'static str)]) -> String {
    found
        .iter()
        .map(|(p, kind)| format!("`{}`, which is {kind}", p.display()))
        .collect::<Vec<_>>()
        .join("; ")
}

fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| format!("`{}`", p.display()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether the file at `path` was written by the engine and is as it wrote it. Only a regular
/// file can be, and at most [`MAX_READ_BACK_BYTES`] of it are read.
pub fn is_ours(path: &Path) -> bool {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if extension == "docx" {
        return load::open_regular(path).is_ok_and(|f| {
            f.metadata().is_ok_and(|m| m.len() <= MAX_READ_BACK_BYTES)
                && super::docx::is_ours(io::BufReader::new(f))
        });
    }
    if extension == "xlsx" {
        return load::open_regular(path).is_ok_and(|f| {
            f.metadata().is_ok_and(|m| m.len() <= MAX_READ_BACK_BYTES)
                && super::xlsx::is_ours(io::BufReader::new(f))
        });
    }
    if extension != "json" && extension != "csv" {
        // A marked file longer than the limit is read only in part: its hash cannot match.
        return load::open_regular(path)
            .is_ok_and(|f| marker::is_marked(f.take(MAX_READ_BACK_BYTES)));
    }
    let Ok(text) = load::read_text_bounded(path, MAX_READ_BACK_BYTES) else {
        return false;
    };
    if extension == "json" {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
            return false;
        };
        // The engine's JSON from before the hash has no `generator`, and neither has
        // comparison.json, which is streamed: both are known by their `format`, as before.
        return marker::is_stamped(&text, &value).unwrap_or_else(|| {
            value["format"]
                .as_str()
                .is_some_and(|f| f.starts_with("inclusive-cities/"))
        });
    }
    // CSV has no comments: the engine's tables are known by their header rows.
    text.lines()
        .next()
        .is_some_and(|h| CSV_HEADERS.iter().any(|known| h.starts_with(known)))
}

/// What is at `path` when it is there and not a regular file (a link is followed).
fn not_regular(path: &Path) -> Option<&'static str> {
    std::fs::metadata(path)
        .ok()
        .and_then(|m| load::kind_of(m.file_type()))
}

/// Refuses when any of `paths` is there and not a regular file.
fn refuse_non_regular(paths: impl IntoIterator<Item = PathBuf>) -> Result<(), OutputError> {
    let strange: Vec<(PathBuf, &'static str)> = paths
        .into_iter()
        .filter_map(|p| not_regular(&p).map(|kind| (p, kind)))
        .collect();
    if strange.is_empty() {
        Ok(())
    } else {
        Err(OutputError::NotRegular(strange))
    }
}

/// Creates the output folder `dir` when it is not there; a file in its place is refused.
pub fn create_folder(dir: &Path) -> Result<(), OutputError> {
    if std::fs::metadata(dir).is_ok_and(|m| !m.is_dir()) {
        return Err(OutputError::NotAFolder(dir.to_owned()));
    }
    std::fs::create_dir_all(dir).map_err(|source| OutputError::Io {
        path: dir.to_owned(),
        source,
    })
}

/// Creates the folder the file `path` goes into, as [`create_folder`] does.
pub fn create_parent(path: &Path) -> Result<(), OutputError> {
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(parent) => create_folder(parent),
        None => Ok(()),
    }
}

/// Writes every output into `dir` (created if needed), or none when a file in the way is not
/// the engine's and `force` is off.
pub fn write_all<C: AsRef<[u8]> + Sync>(
    dir: &Path,
    outputs: &[Output<C>],
    force: bool,
) -> Result<(), OutputError> {
    let names: Vec<&str> = outputs.iter().map(|o| o.name.as_str()).collect();
    write_streamed(dir, &names, force, |name, w| {
        let content = outputs
            .iter()
            .find(|o| o.name == name)
            .map_or(&[][..], |o| o.content.as_ref());
        w.write_all(content)
    })
}

/// A generated file being written by [`write_streamed`]: buffered and, once
/// [`Stream::start_marked`] is called, hashed as it is written.
pub struct Stream<'a> {
    w: io::BufWriter<&'a File>,
    written: u64,
    hasher: Option<Hasher>,
}

impl<'a> Stream<'a> {
    fn new(file: &'a File) -> Self {
        Stream {
            w: io::BufWriter::with_capacity(1 << 16, file),
            written: 0,
            hasher: None,
        }
    }

    /// Starts a Markdown or HTML file with the marker line: a placeholder now, overwritten with
    /// the real marker, carrying the hash of everything written after it, when the file is
    /// finished. Must come before anything else is written.
    pub fn start_marked(&mut self) -> io::Result<()> {
        if self.written > 0 || self.hasher.is_some() {
            return Err(io::Error::other("the marker must be a file's first line"));
        }
        writeln!(self.w, "{}", marker::placeholder_line())?;
        self.hasher = Some(Hasher::default());
        Ok(())
    }

    /// Flushes the file and, when it is marked, writes the marker over its placeholder.
    fn close(mut self) -> io::Result<()> {
        self.w.flush()?;
        if let Some(hasher) = self.hasher.take() {
            let mut file: &File = self.w.get_ref();
            file.seek(SeekFrom::Start(0))?;
            file.write_all(marker::marker_line(&hasher.finish()).as_bytes())?;
        }
        Ok(())
    }
}

impl Write for Stream<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.w.write(buf)?;
        if let Some(hasher) = &mut self.hasher {
            hasher.write_all(&buf[..n])?;
        }
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// Writes the files `names` into `dir` (created if needed), each rendered by `render` straight
/// into a temporary file beside it, in parallel; only when every file is rendered and on disk
/// are they renamed into place. Nothing is written when a file in the way is not the engine's
/// and `force` is off, and nothing is left behind when a render fails.
pub fn write_streamed<F>(
    dir: &Path,
    names: &[&str],
    force: bool,
    render: F,
) -> Result<(), OutputError>
where
    F: Fn(&str, &mut Stream<'_>) -> io::Result<()> + Sync,
{
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| OutputError::Io { path, source }
    };
    create_folder(dir)?;
    let _lock = folder::lock(dir)?;
    refuse_non_regular(names.iter().map(|name| dir.join(name)))?;
    let foreign: Vec<PathBuf> = names
        .iter()
        .map(|name| dir.join(name))
        .filter(|p| p.exists() && !force && !is_ours(p))
        .collect();
    if !foreign.is_empty() {
        return Err(OutputError::Foreign(foreign));
    }
    let written: Vec<(PathBuf, Temporary)> = names
        .par_iter()
        .map(|name| {
            let path = dir.join(name);
            let tmp = Temporary::beside(&path).map_err(io(&path))?;
            let mut stream = Stream::new(tmp.file());
            render(name, &mut stream)
                .and_then(|()| stream.close())
                .map_err(io(&path))?;
            tmp.finish(&path).map_err(io(&path))?;
            Ok((path, tmp))
        })
        .collect::<Result<_, OutputError>>()?;
    for (path, tmp) in written {
        tmp.persist(&path).map_err(io(&path))?;
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, holding
/// the folder's lock; something other than a regular file at `path` is refused.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let err = |source| OutputError::Io {
        path: path.to_owned(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // Checked before the lock too, so that `-o /dev/stdout` is refused for what it is rather
    // than for a lock file that cannot be made in /dev.
    refuse_non_regular([path.to_owned()])?;
    let _lock = folder::lock(dir)?;
    refuse_non_regular([path.to_owned()])?;
    let tmp = Temporary::beside(path).map_err(err)?;
    tmp.file().write_all(bytes).map_err(err)?;
    tmp.finish(path).map_err(err)?;
    tmp.persist(path).map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("a folder")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }

    #[test]
    fn streamed_files_are_written_whole() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        write_streamed(dir.path(), &["a.csv", "b.md"], false, |name, w| {
            if name.ends_with(".md") {
                w.start_marked()?;
            }
            for i in 0..10_000 {
                writeln!(w, "{name} {i}")?;
            }
            Ok(())
        })
        .expect("written");
        assert_eq!(listing(dir.path()), ["a.csv", "b.md"]);
        let text = std::fs::read_to_string(dir.path().join("b.md")).expect("read");
        assert_eq!(text.lines().count(), 10_001);
        assert!(text.ends_with("b.md 9999\n"));
        let body = text.split_once('\n').expect("a first line").1;
        assert_eq!(
            text,
            mark(body),
            "the marker carries the hash of what was streamed"
        );
        assert!(is_ours(&dir.path().join("b.md")));
        let csv = std::fs::read_to_string(dir.path().join("a.csv")).expect("read");
        assert!(csv.starts_with("a.csv 0\n"), "no marker unless asked");
    }

    #[test]
    fn the_marker_comes_first_or_not_at_all() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let err = write_streamed(dir.path(), &["a.md"], false, |_, w| {
            writeln!(w, "# a title")?;
            w.start_marked()
        })
        .expect_err("a marker after the text");
        assert!(err.to_string().contains("first line"), "{err}");
    }

    #[test]
    fn a_failed_render_leaves_the_folder_as_it_was() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let before = mark("last month's\n");
        std::fs::write(dir.path().join("a.md"), &before).expect("write");
        let err = write_streamed(dir.path(), &["a.md", "b.md"], false, |name, w| {
            w.start_marked()?;
            writeln!(w, "new")?;
            if name == "b.md" {
                return Err(io::Error::other("the render failed"));
            }
            Ok(())
        })
        .expect_err("a render failed");
        assert!(err.to_string().contains("the render failed"), "{err}");
        assert_eq!(listing(dir.path()), ["a.md"], "no temporary file is left");
        let after = std::fs::read_to_string(dir.path().join("a.md")).expect("read");
        assert_eq!(after, before, "the earlier file is untouched");
    }

    #[test]
    fn a_foreign_file_stops_every_write() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::write(dir.path().join("b.md"), "my notes\n").expect("write");
        let err = write_streamed(dir.path(), &["a.md", "b.md"], false, |_, w| {
            w.start_marked()
        })
        .expect_err("a foreign file");
        assert!(
            matches!(err, OutputError::Foreign(ref p) if p.len() == 1),
            "{err}"
        );
        assert_eq!(listing(dir.path()), ["b.md"]);
    }

    #[test]
    fn an_edited_file_is_no_longer_ours() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("plan.json");
        let json = stamp_json(serde_json::json!({"format": "inclusive-cities/plan/v1"}));
        for (name, text) in [("a.md", mark("# Plan\n")), ("plan.json", json)] {
            let path = dir.path().join(name);
            std::fs::write(&path, &text).expect("write");
            assert!(is_ours(&path), "{name}");
            std::fs::write(&path, text.replace("lan", "lam")).expect("write");
            assert!(!is_ours(&path), "{name} edited");
        }
        let old = "{\n  \"format\": \"inclusive-cities/analysis/v1\"\n}\n";
        std::fs::write(&path, old).expect("write");
        assert!(is_ours(&path), "JSON from before the hash");
    }
}
