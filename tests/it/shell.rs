//! What shells and `man` get: bash completion that works below the top level (run in bash),
//! and a manual page for every command the main page refers to.

use crate::harness::bin;
use predicates::str::contains;

/// The pages a manual page refers to, `name(1)`, read from its roff.
fn referenced_pages(roff: &str) -> Vec<String> {
    let plain = roff
        .replace("\\fB", "")
        .replace("\\fR", "")
        .replace("\\-", "-");
    plain
        .match_indices("(1)")
        .map(|(at, _)| {
            let before = &plain[..at];
            let start = before
                .rfind(|c: char| !(c.is_ascii_lowercase() || c == '-'))
                .map_or(0, |i| i + 1);
            format!("{}.1", &before[start..])
        })
        .collect()
}

#[test]
fn man_writes_every_page_the_main_page_refers_to_each_with_its_exit_status() {
    let dir = tempfile::tempdir().expect("temp dir");
    bin()
        .args(["man", "-o"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr(contains("manual pages"));
    let read = |name: &str| {
        std::fs::read_to_string(dir.path().join(name))
            .unwrap_or_else(|e| panic!("{name} is referred to but not written: {e}"))
    };
    let main = read("inclusive-cities.1");
    let mut to_check = referenced_pages(&main);
    assert!(to_check.len() >= 15, "{to_check:?}");
    let mut seen = std::collections::BTreeSet::new();
    while let Some(name) = to_check.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let page = read(&name);
        assert!(page.contains(".SH \"EXIT STATUS\""), "{name}");
        for code in ["\\fB0\\fR", "\\fB1\\fR", "\\fB2\\fR"] {
            assert!(page.contains(code), "{name} lacks exit code {code}");
        }
        to_check.extend(referenced_pages(&page));
    }
    assert!(
        seen.contains("inclusive-cities-templates-export.1"),
        "{seen:?}"
    );
    assert!(!seen.contains("inclusive-cities-help.1"), "{seen:?}");
    let plan = read("inclusive-cities-plan.1");
    assert!(
        plan.contains("\\-\\-capacity"),
        "the plan page lists its options"
    );
    assert!(plan.contains(".SH \"SEE ALSO\"\n\\fBinclusive\\-cities\\fR(1)"));
    // The printed page is the main one; a second run keeps the pages unless forced.
    bin().arg("man").assert().success().stdout(main);
    bin().args(["man", "-o"]).arg(dir.path()).assert().code(2);
    bin()
        .args(["man", "--force", "-o"])
        .arg(dir.path())
        .assert()
        .success();
}

/// What bash offers for `words` (the last one being completed), with the completion script the
/// binary prints; `None` when bash is not installed.
fn bash_completes(script: &std::path::Path, words: &[&str]) -> Option<Vec<String>> {
    let cword = words.len() - 1;
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let prev = if cword > 0 { words[cword - 1] } else { "" };
    let line = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={cword}\n_inclusive__cities inclusive-cities '{}' '{prev}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words[cword],
    );
    let out = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &line])
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect(),
    )
}

#[test]
fn bash_completes_the_options_of_every_level() {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("inclusive-cities.bash");
    let out = bin().args(["completions", "bash"]).output().expect("runs");
    std::fs::write(&script, &out.stdout).expect("write");
    for (words, expected) in [
        (&["inclusive-cities", "pl"][..], "plan"),
        (&["inclusive-cities", "plan", "--ca"][..], "--capacity"),
        (
            &["inclusive-cities", "compare", "x.yaml", "--fo"][..],
            "--force",
        ),
        (&["inclusive-cities", "validate", "--col"][..], "--color"),
        (
            &["inclusive-cities", "templates", "export", "--fo"][..],
            "--force",
        ),
        (
            &["inclusive-cities", "export", "f.yaml", "--format", "gr"][..],
            "graphml",
        ),
    ] {
        let Some(offered) = bash_completes(&script, words) else {
            eprintln!("skipped: bash is not installed");
            return;
        };
        assert!(
            offered.iter().any(|o| o == expected),
            "{words:?} offers {offered:?}, not `{expected}`"
        );
    }
}
