//! `watch FILE -o DIR`: writes the plan, then again each time the profile is saved (debounced).
//! A save that makes the profile invalid prints its diagnostics and leaves the last good plan in
//! place; Ctrl-C stops cleanly. Opening the profile to read it raises an event too, so the file is
//! read only when its size or modification time moved, not on every event.

use super::Error;
use crate::cli::{GlobalArgs, WatchArgs};
use crate::model::Model;
use crate::render::escape::{terminal as t, terminal_lines};
use crate::render::templates::Templates;
use notify::RecursiveMode;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

enum Message {
    Changed(Vec<PathBuf>),
    Failed(String),
    Stop,
}

/// Runs `watch`.
pub(crate) fn run(global: &GlobalArgs, args: &WatchArgs) -> Result<(), Error> {
    let model = super::model(global)?;
    let templates = Templates::load(args.plan.templates.as_deref())?;
    let file = &args.plan.file;
    // A profile that cannot be read at the start (missing, a directory) is a mistake in the
    // command, not a save to wait for: exit 2 like every command. Its errors are `regenerate`'s.
    let _ = crate::load::read_source(file)?;
    let fail = |message: String| Error::Watch {
        path: file.display().to_string(),
        message,
    };
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = dir.canonicalize().map_err(|e| fail(e.to_string()))?;
    let target = dir.join(file.file_name().ok_or_else(|| fail("not a file".into()))?);

    let (tx, rx) = mpsc::channel();
    let fs_tx = tx.clone();
    let mut debouncer = notify_debouncer_mini::new_debouncer(
        Duration::from_millis(args.debounce),
        move |result: notify_debouncer_mini::DebounceEventResult| {
            let message = match result {
                Ok(events) => Message::Changed(events.into_iter().map(|e| e.path).collect()),
                Err(e) => Message::Failed(e.to_string()),
            };
            let _ = fs_tx.send(message);
        },
    )
    .map_err(|e| fail(e.to_string()))?;
    // Editors often save by writing a new file and renaming it: watch the folder, not the file.
    debouncer
        .watcher()
        .watch(&dir, RecursiveMode::NonRecursive)
        .map_err(|e| fail(e.to_string()))?;
    ctrlc::set_handler(move || {
        let _ = tx.send(Message::Stop);
    })
    .map_err(|e| fail(e.to_string()))?;

    // Reading the file raises events too: read it only when its stamp moved (taken before the
    // read, so a save during the read is seen at the next event), regenerate only when its bytes
    // changed.
    let mut seen = stamp(file);
    let mut last = read(file);
    regenerate(global, &model, &templates, args);
    say!("watching {} (Ctrl-C to stop)", shown(file));
    while let Ok(message) = rx.recv() {
        match message {
            Message::Stop => break,
            Message::Failed(e) => say!("warning: watching {}: {}", shown(file), t(&e)),
            Message::Changed(paths) if paths.iter().any(|p| p == &target) => {
                let stamped = stamp(file);
                if stamped == seen {
                    continue;
                }
                seen = stamped;
                let now = read(file);
                // An empty file is a save caught between its truncation and its write (the
                // regeneration would read the finished file, and the next event plan it again):
                // wait for the write.
                if now.as_ref().is_some_and(|b| !b.is_empty()) && now != last {
                    last = now;
                    regenerate(global, &model, &templates, args);
                }
            }
            Message::Changed(_) => {}
        }
    }
    say!("stopped watching {}", shown(file));
    Ok(())
}

/// The profile's bytes, when it is a regular file within the size limit.
fn read(file: &Path) -> Option<Vec<u8>> {
    crate::load::read_bounded(file, crate::load::MAX_FILE_BYTES).ok()
}

/// A path as a terminal may show it.
fn shown(path: &Path) -> String {
    t(&path.display().to_string()).into_owned()
}

/// The profile's size and modification time, which reading it leaves as they are.
fn stamp(file: &Path) -> Option<(u64, SystemTime)> {
    let meta = std::fs::metadata(file).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Writes the plan once; a failure is reported and the last good plan stays.
fn regenerate(global: &GlobalArgs, model: &Model, templates: &Templates, args: &WatchArgs) {
    match super::plan::generate(global, model, templates, &args.plan) {
        Ok(summary) => say!("{}", t(&summary)),
        Err(Error::Invalid(summary)) => say!("{}: the last good plan is kept", t(&summary)),
        Err(e) => say!(
            "error: {}: the last good plan is kept",
            terminal_lines(&e.to_string())
        ),
    }
}
