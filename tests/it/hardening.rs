//! Bad input never panics: a folder of bad files with their expected diagnostics (snapshots),
//! and mutated profiles (proptest) that must load or fail with diagnostics, never crash.

use crate::harness::root;
use inclusive_cities::diag::{self, SourceFile};
use inclusive_cities::load::{builtin_model, parse_city};
use inclusive_cities::{Network, analyse};
use proptest::prelude::*;

/// Loads text as a profile; when it is valid, analyses it too. Returns the diagnostics.
fn load(name: &str, text: &str) -> String {
    let file = SourceFile::new(name, text);
    let loaded = parse_city(&file, builtin_model());
    if let Some(city) = &loaded.value {
        let network = Network::build(city, builtin_model());
        let analysis = analyse(builtin_model(), city, &network);
        assert!(analysis.index.is_finite());
    }
    diag::render_all(&loaded.diagnostics, diag::DiagnosticFormat::Short, false)
}

#[test]
fn every_bad_input_gets_its_diagnostics() {
    insta::glob!("../fixtures/bad", "*.yaml", |path| {
        let bytes = std::fs::read(path).expect("fixture");
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let text = String::from_utf8(bytes).expect("fixtures are UTF-8");
        let out = load(&name, &text);
        assert!(!out.is_empty(), "{name} must be reported");
        insta::assert_snapshot!(out);
    });
}

/// One small edit of a profile's text.
#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, String),
    DuplicateLine(usize),
    SwapLines(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let tokens = prop::sample::select(vec![
        ":",
        "-",
        "[",
        "]",
        "{",
        "}",
        "&a",
        "*a",
        "!",
        "|",
        ">",
        "'",
        "\"",
        "#",
        "\n",
        "\t",
        "  ",
        "~",
        "null",
        "0x1F",
        "2026-02-30",
        "<<: *a",
        "? ",
        "%YAML 1.2\n",
        "---\n",
        "\u{feff}",
        "é",
        "true",
        "1e999",
        "-1",
    ]);
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(at, len)| Mutation::Delete(at, len)),
        (any::<usize>(), tokens).prop_map(|(at, t)| Mutation::Insert(at, t.to_owned())),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

fn apply(text: &str, m: &Mutation) -> String {
    let at = |i: usize, len: usize| if len == 0 { 0 } else { i % len };
    let boundary = |s: &str, mut i: usize| {
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    match m {
        Mutation::Delete(i, n) => {
            let start = boundary(text, at(*i, text.len()));
            let end = boundary(text, (start + n).min(text.len()));
            format!("{}{}", &text[..start], &text[end..])
        }
        Mutation::Insert(i, t) => {
            let pos = boundary(text, at(*i, text.len()));
            format!("{}{t}{}", &text[..pos], &text[pos..])
        }
        Mutation::DuplicateLine(i) => {
            let mut lines: Vec<&str> = text.lines().collect();
            let k = at(*i, lines.len());
            if let Some(line) = lines.get(k).copied() {
                lines.insert(k, line);
            }
            lines.join("\n")
        }
        Mutation::SwapLines(a, b) => {
            let mut lines: Vec<&str> = text.lines().collect();
            let (x, y) = (at(*a, lines.len()), at(*b, lines.len()));
            if !lines.is_empty() {
                lines.swap(x, y);
            }
            lines.join("\n")
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_profiles_never_panic(city in 0usize..4, mutations in prop::collection::vec(mutation(), 1..6)) {
        let names = ["dalesford-county", "eastbrook-town", "northgate-city", "saltmarsh-coast"];
        let original = std::fs::read_to_string(root().join("cities").join(format!("{}.yaml", names[city]))).expect("city");
        let text = mutations.iter().fold(original, |t, m| apply(&t, m));
        let _ = load("mutated.yaml", &text);
    }
}
