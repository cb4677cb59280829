//! `man [-o DIR]`: the manual pages, from clap's definitions (clap_mangen): the main page printed,
//! or it and a page per command written into a folder, each with the options, the examples, an
//! EXIT STATUS section and a SEE ALSO that names only pages written beside it.

use super::{Error, print};
use crate::cli::{Cli, EXIT_STATUS, ManArgs};
use crate::render::output::{OutputError, write_atomic};
use clap::CommandFactory;

/// Runs `man`.
pub(crate) fn run(args: &ManArgs) -> Result<(), Error> {
    let pages = pages()?;
    let Some(dir) = &args.output else {
        let (_, main) = &pages[0];
        return print(main);
    };
    std::fs::create_dir_all(dir).map_err(|source| OutputError::Io {
        path: dir.clone(),
        source,
    })?;
    let existing: Vec<_> = pages
        .iter()
        .map(|(name, _)| dir.join(name))
        .filter(|p| p.exists())
        .collect();
    if !existing.is_empty() && !args.force {
        return Err(OutputError::Exists(existing).into());
    }
    for (name, text) in &pages {
        write_atomic(&dir.join(name), text.as_bytes())?;
    }
    say!("wrote {} manual pages to {}", pages.len(), dir.display());
    Ok(())
}

/// Every page as (file name, roff): the main page first, then each command's, depth first.
pub(crate) fn pages() -> Result<Vec<(String, String)>, Error> {
    // No `help` command: it would be listed as a page that is never written.
    let mut cli = Cli::command().disable_help_subcommand(true);
    cli.build();
    let mut out = Vec::new();
    // The main page's `--help` epilogue is the exit codes, which get their own section.
    let main = cli.clone().after_help(None::<&str>);
    out.push(page(main, None)?);
    collect(&cli, &mut out)?;
    Ok(out)
}

fn collect(parent: &clap::Command, out: &mut Vec<(String, String)>) -> Result<(), Error> {
    let parent_page = display_name(parent);
    for sub in parent.get_subcommands().filter(|s| !s.is_hide_set()) {
        out.push(page(sub.clone(), Some(&parent_page))?);
        collect(sub, out)?;
    }
    Ok(())
}

fn display_name(cmd: &clap::Command) -> String {
    cmd.get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_owned()
}

/// One page: clap_mangen's, with EXIT STATUS before VERSION and SEE ALSO (the parent page and the
/// main one) at the end.
fn page(cmd: clap::Command, parent: Option<&str>) -> Result<(String, String), Error> {
    let man = clap_mangen::Man::new(cmd)
        .source(format!("inclusive-cities {}", env!("CARGO_PKG_VERSION")));
    let name = man.get_filename();
    let mut roff = Vec::new();
    man.render(&mut roff).map_err(|source| Error::Write {
        what: format!("the manual page {name}"),
        source,
    })?;
    let roff = String::from_utf8_lossy(&roff).into_owned();
    let mut status = String::from(".SH \"EXIT STATUS\"\n");
    for (code, meaning) in EXIT_STATUS {
        status.push_str(&format!(".TP\n\\fB{code}\\fR\n{meaning}\n"));
    }
    let mut text = match roff.find("\n.SH VERSION") {
        Some(at) => format!("{}\n{status}{}", &roff[..at], &roff[at + 1..]),
        None => format!("{roff}{status}"),
    };
    if let Some(parent) = parent {
        let mut see = vec![parent.to_owned()];
        if parent != "inclusive-cities" {
            see.push("inclusive-cities".to_owned());
        }
        let refs: Vec<String> = see
            .iter()
            .map(|p| format!("\\fB{}\\fR(1)", p.replace('-', "\\-")))
            .collect();
        text.push_str(&format!(".SH \"SEE ALSO\"\n{}\n", refs.join(", ")));
    }
    Ok((name, text))
}
