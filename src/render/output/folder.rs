//! The output folder while a run writes into it: its lock, so that two runs never mix their
//! files; the run's temporary files, named `.inclusive-cities-*.tmp`, removed when the run is
//! interrupted (SIGINT, SIGTERM, SIGHUP); and a sweep of those an earlier run left behind.

use super::OutputError;
use std::fs::{File, TryLockError};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

/// The lock file a run holds in its output folder while it writes there.
pub const LOCK_FILE: &str = ".inclusive-cities.lock";

/// How long a run waits for another run's lock on its output folder before it gives up.
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// The start and end of a temporary file's name.
const TEMPORARY_PREFIX: &str = ".inclusive-cities-";
const TEMPORARY_SUFFIX: &str = ".tmp";

/// The temporary files and lock files this process has on disk now: removed on interruption.
static ON_DISK: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn on_disk() -> MutexGuard<'static, Vec<PathBuf>> {
    // A thread that panicked while holding the list left it whole: every change is one call.
    ON_DISK.lock().unwrap_or_else(|e| e.into_inner())
}

fn forget(path: &Path) {
    let mut list = on_disk();
    if let Some(i) = list.iter().position(|p| p == path) {
        list.swap_remove(i);
    }
}

/// On SIGINT, SIGTERM or SIGHUP, removes this run's temporary files and lock files, then exits
/// with 130. Files are created and renamed into place under the list's mutex, and the handler
/// holds it until the process ends, so none is created or half renamed after the sweep. Not for
/// `watch`, which stops cleanly on its own handler between two plans.
pub fn remove_temporary_files_on_interruption() {
    // A second handler (none is set elsewhere in a run) would be refused: nothing to do then.
    let _ = ctrlc::set_handler(|| {
        let list = on_disk();
        for path in list.iter() {
            let _ = std::fs::remove_file(path);
        }
        let _ = writeln!(
            io::stderr(),
            "interrupted: stopped, leaving no temporary file behind"
        );
        std::process::exit(130);
    });
}

/// A temporary file beside an output, renamed onto it when every output is written; removed
/// when dropped before then.
pub(super) struct Temporary {
    tmp: tempfile::NamedTempFile,
    _listed: Listed,
}

/// A path in the list of files removed on interruption, taken off it when dropped.
struct Listed(PathBuf);

impl Drop for Listed {
    fn drop(&mut self) {
        forget(&self.0);
    }
}

impl Temporary {
    /// A new temporary file in the folder of `path`, readable and writable as the umask allows.
    pub(super) fn beside(path: &Path) -> io::Result<Temporary> {
        let dir = folder_of(path);
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMPORARY_PREFIX).suffix(TEMPORARY_SUFFIX);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // Created with this mode, less the umask, as any new file is (tempfile's own 0600
            // would make every output private).
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let mut list = on_disk();
        let tmp = builder.tempfile_in(dir)?;
        list.push(tmp.path().to_owned());
        let listed = Listed(tmp.path().to_owned());
        Ok(Temporary {
            tmp,
            _listed: listed,
        })
    }

    pub(super) fn file(&self) -> &File {
        self.tmp.as_file()
    }

    /// Puts the written file on disk, with the mode of the file it replaces, if any.
    pub(super) fn finish(&self, path: &Path) -> io::Result<()> {
        self.tmp.as_file().sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            self.tmp.as_file().set_permissions(meta.permissions())?;
        }
        Ok(())
    }

    /// Renames the file onto `path`.
    pub(super) fn persist(self, path: &Path) -> io::Result<()> {
        let Temporary { tmp, _listed } = self;
        let mut list = on_disk();
        // Dropped on failure, which removes it.
        let result = tmp.persist(path).map(drop).map_err(|e| e.error);
        if let Some(i) = list.iter().position(|p| p == &_listed.0) {
            list.swap_remove(i);
        }
        drop(list);
        result
    }
}

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The lock on an output folder: held while the run writes there, its file removed when
/// released.
pub(super) struct FolderLock {
    file: File,
    path: PathBuf,
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        // Removed while still locked: a run waiting on this file finds, once it has the lock,
        // that the path no longer names it, and takes a fresh one (see `lock`).
        let _ = std::fs::remove_file(&self.path);
        forget(&self.path);
        let _ = self.file.unlock();
    }
}

/// Takes the lock on `dir` (an existing folder), waiting up to [`LOCK_WAIT`] for another run
/// to release it, then sweeps the temporary files an earlier run left there.
pub(super) fn lock(dir: &Path) -> Result<FolderLock, OutputError> {
    let path = dir.join(LOCK_FILE);
    let io_error = |source| OutputError::Io {
        path: path.clone(),
        source,
    };
    let start = Instant::now();
    loop {
        let file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io_error)?;
        match file.try_lock() {
            Ok(()) if names_this_file(&path, &file) => {
                // Listed for removal on interruption only once it is ours: another run's lock
                // file is never removed.
                on_disk().push(path.clone());
                let lock = FolderLock { file, path };
                let _ = lock.file.set_len(0);
                let _ = writeln!(&lock.file, "{}", std::process::id());
                sweep(dir, SystemTime::now());
                return Ok(lock);
            }
            // The run before removed the file after this one opened it: open it again.
            Ok(()) => continue,
            Err(TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(OutputError::Locked {
                    dir: dir.to_owned(),
                    holder: holder(&file),
                    lock: path,
                    waited: LOCK_WAIT.as_secs(),
                });
            }
            Err(TryLockError::Error(source)) => return Err(io_error(source)),
        }
    }
}

/// Whether `path` still names the open `file` (and not a file created since in its place).
fn names_this_file(path: &Path, file: &File) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(path), file.metadata()) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

/// The process id written in a held lock file.
fn holder(file: &File) -> Option<u32> {
    let mut text = String::new();
    file.take(32).read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

/// Whether `name` is a temporary file's: `.inclusive-cities-*.tmp`, or, from versions before
/// the suffix, `.inclusive-cities-` and six letters or digits.
fn is_temporary(name: &str) -> bool {
    let Some(rest) = name.strip_prefix(TEMPORARY_PREFIX) else {
        return false;
    };
    rest.ends_with(TEMPORARY_SUFFIX)
        || (rest.len() == 6 && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Removes the temporary files of ours in `dir` last modified before `before`: with the folder
/// locked, no other run is writing them, so they were left by an interrupted or crashed run.
fn sweep(dir: &Path, before: SystemTime) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_temporary(name) {
            continue;
        }
        let stale = entry
            .metadata()
            .is_ok_and(|m| m.is_file() && m.modified().is_ok_and(|t| t < before));
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_temporary_files_are_taken_for_ours() {
        for ours in [".inclusive-cities-Ab12Cd.tmp", ".inclusive-cities-Ab12Cd"] {
            assert!(is_temporary(ours), "{ours}");
        }
        for theirs in [
            LOCK_FILE,
            ".inclusive-cities-notes.md",
            "inclusive-cities-Ab12Cd.tmp",
            "notes.tmp",
        ] {
            assert!(!is_temporary(theirs), "{theirs}");
        }
    }

    #[test]
    fn a_lock_is_held_until_dropped_and_leaves_no_file() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let held = lock(dir.path()).expect("locked");
        let other = File::open(dir.path().join(LOCK_FILE)).expect("the lock file");
        assert!(matches!(other.try_lock(), Err(TryLockError::WouldBlock)));
        assert_eq!(holder(&other), Some(std::process::id()));
        drop(held);
        assert!(!dir.path().join(LOCK_FILE).exists());
        drop(lock(dir.path()).expect("locked again"));
        assert_eq!(std::fs::read_dir(dir.path()).expect("a folder").count(), 0);
    }
}
