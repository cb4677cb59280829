//! Opening and reading a file the engine is given (a profile, a model, a template, a city to
//! compare) or wrote earlier and reads back: only a regular file, opened so that a FIFO never
//! blocks, and never more than a limit, enforced while reading, not only by the size on disk.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The most read back from a file the engine wrote earlier (an earlier plan's analysis.json, a
/// marked document whose hash is checked): a larger one is not taken for the engine's.
pub const MAX_READ_BACK_BYTES: u64 = 256 * 1024 * 1024;

/// A file that could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The path is a directory.
    #[error("`{0}` is a directory, not a file")]
    Directory(String),
    /// The path is a FIFO, a device or a socket.
    #[error(
        "`{path}` is {kind}, not a regular file: give the path of a file saved on disk (a pipe or a device is not read)"
    )]
    NotRegular {
        /// The path as given.
        path: String,
        /// What it is, e.g. `a FIFO (named pipe)`.
        kind: &'static str,
    },
    /// The file holds more than the limit.
    #[error("`{path}` is over the limit of {} MiB: is this the right file?", .limit / (1024 * 1024))]
    TooLarge {
        /// The path as given.
        path: String,
        /// The file's size on disk, when it said it was too large (a file that grows while it
        /// is read, or a proc file, says less).
        size: Option<u64>,
        /// The limit, in bytes.
        limit: u64,
    },
    /// Opening or reading failed.
    #[error("cannot read `{path}`: {source}")]
    Io {
        /// The path as given.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

/// What a file that is not a regular file is, in words; `None` for a regular file.
pub fn kind_of(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Opens `path` for reading, when it is a regular file (or a link to one). The file's type is
/// checked on the opened handle, so what is read is what was checked; on Unix it is opened
/// without blocking, so a FIFO with no writer is refused rather than waited on.
pub fn open_regular(path: &Path) -> Result<File, ReadError> {
    let name = || path.display().to_string();
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let refuse = |file_type: std::fs::FileType| match kind_of(file_type) {
        None => Ok(()),
        Some("a directory") => Err(ReadError::Directory(name())),
        Some(kind) => Err(ReadError::NotRegular { path: name(), kind }),
    };
    let file = match options.open(path) {
        Ok(file) => file,
        Err(source) => {
            // A socket cannot be opened at all: say what it is rather than "no such device".
            if let Ok(meta) = std::fs::metadata(path) {
                refuse(meta.file_type())?;
            }
            return Err(ReadError::Io {
                path: name(),
                source,
            });
        }
    };
    let meta = file.metadata().map_err(|source| ReadError::Io {
        path: name(),
        source,
    })?;
    refuse(meta.file_type())?;
    Ok(file)
}

/// The bytes of the regular file `path`, refused when it holds more than `limit`: the size on
/// disk is checked first, and at most `limit + 1` bytes are read whatever it says.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let name = || path.display().to_string();
    let file = open_regular(path)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > limit {
        return Err(ReadError::TooLarge {
            path: name(),
            size: Some(size),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| ReadError::Io {
            path: name(),
            source,
        })?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            path: name(),
            size: None,
            limit,
        });
    }
    Ok(bytes)
}

/// The text of the regular file `path`, at most `limit` bytes of UTF-8.
pub fn read_text_bounded(path: &Path, limit: u64) -> Result<String, ReadError> {
    let bytes = read_bounded(path, limit)?;
    String::from_utf8(bytes).map_err(|e| ReadError::Io {
        path: path.display().to_string(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e.utf8_error()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_and_one_within_it_is_read() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "12345").expect("write");
        assert_eq!(read_bounded(&path, 5).expect("within"), b"12345");
        let err = read_bounded(&path, 4).expect_err("over");
        assert!(
            matches!(err, ReadError::TooLarge { size: Some(5), .. }),
            "{err}"
        );
        assert!(matches!(
            read_bounded(dir.path(), 4),
            Err(ReadError::Directory(_))
        ));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_that_says_it_is_empty_is_still_read_only_up_to_the_limit() {
        // /proc files report a size of 0 whatever they hold.
        let err = read_bounded(Path::new("/proc/self/maps"), 16).expect_err("over");
        assert!(
            matches!(err, ReadError::TooLarge { size: None, .. }),
            "{err}"
        );
    }
}
