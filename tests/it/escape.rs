//! Every output safe where it is opened: hostile names (terminal sequences, a forged table row,
//! HTML, a formula, a bidirectional override) reach no terminal, Markdown viewer, Word or Graphviz
//! as anything but text. The loader refuses control characters (see the `hostile-text.yaml`
//! fixture of `tests/fixtures/bad/`), so the writers are fed them through a `City` changed in
//! code, as a custom model, an old analysis.json or a future reader could bring them.

use crate::harness::{bin, root};
use inclusive_cities::export::Graph;
use inclusive_cities::load::{builtin_model, load_city};
use inclusive_cities::plan::build_plan;
use inclusive_cities::plan::view::PlanView;
use inclusive_cities::render::templates::Templates;
use inclusive_cities::render::{changes, docx, recommend, terminal};
use inclusive_cities::scenario::diff::{Snapshot, diff};
use inclusive_cities::scenario::recommend::recommend as rank;
use inclusive_cities::scenario::remove_actor;
use inclusive_cities::{City, Network, analyse};
use std::io::{Cursor, Read};

/// Every hostile string at once: ESC `[2J`, an OSC title, BEL, NUL, CR, a line feed that starts
/// a forged "done" row of the monitoring table and a forged index line, `|`, a script, a
/// formula and a right-to-left override.
const HOSTILE: &str = "Forged\u{1b}[2J\u{1b}]0;title\u{7}\u{7}\u{0}\r\n| 99 | `x` | forged | done | me | now |\nindex 100.0 / 100 |<script>alert(1)</script>=HYPERLINK(\"http://x\")\u{202e}";

/// The actor renamed, and the prospect whose name is used.
const ACTOR: &str = "eastbrook-city-welfare";
const PROSPECT: &str = "eastbrook-recovery-collective";

/// Eastbrook with the hostile string in its name, an actor's, a district's and a prospect's.
fn hostile_city() -> City {
    let path = root().join("cities/eastbrook-town.yaml");
    let mut city = load_city(&path, builtin_model())
        .expect("readable")
        .value
        .expect("valid");
    city.name = format!("East{HOSTILE}");
    for actor in city.actors.iter_mut().filter(|a| a.id.as_str() == ACTOR) {
        actor.name = HOSTILE.to_owned();
        actor.description = Some(HOSTILE.to_owned());
    }
    for prospect in city.prospects.iter_mut().filter(|p| p.id == PROSPECT) {
        prospect.name = format!("Prospect {HOSTILE}");
    }
    if let Some(district) = city.districts.first_mut() {
        district.name = format!("District {HOSTILE}");
    }
    city
}

/// The characters a terminal acts on, or that reorder a line, other than line feeds.
fn acting(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// Asserts that no line of `text` is one the hostile string tried to forge.
fn assert_no_forged_line(text: &str) {
    for line in text.lines() {
        assert!(
            !line.starts_with("| 99 |") && !line.trim_start().starts_with("index 100.0"),
            "a forged line: {line:?}"
        );
    }
}

#[test]
fn the_analyse_table_shows_control_characters_as_escapes() {
    let city = hostile_city();
    let model = builtin_model();
    let analysis = analyse(model, &city, &Network::build(&city, model));
    let out = terminal::render(&analysis, model, &city, false);
    assert_eq!(acting(&out), Vec::<char>::new(), "{out}");
    assert!(out.contains("\\u{1b}[2J"), "{out}");
    assert_no_forged_line(&out);
}

#[test]
fn recommend_shows_control_characters_as_escapes() {
    let city = hostile_city();
    let out = recommend::terminal(&city, &rank(builtin_model(), &city, 3));
    assert_eq!(acting(&out), Vec::<char>::new(), "{out}");
    assert!(out.contains("Prospect Forged\\u{1b}[2J"), "{out}");
    assert_no_forged_line(&out);
}

#[test]
fn a_diff_escapes_names_for_the_terminal_and_for_markdown() {
    let new = hostile_city();
    let mut old = new.clone();
    remove_actor(&mut old, ACTOR);
    let model = builtin_model();
    let snapshot = |c: &City| Snapshot::of(c, &analyse(model, c, &Network::build(c, model)));
    let d = diff(&snapshot(&old), &snapshot(&new));
    assert!(!d.actors_added.is_empty(), "the renamed actor is added");
    let text = changes::terminal(&d, &new.name);
    assert_eq!(acting(&text), Vec::<char>::new(), "{text}");
    assert!(text.contains("\\u{7}"), "{text}");
    assert_no_forged_line(&text);
    let md = changes::markdown(&d, &new.name, 1);
    assert_eq!(acting(&md), Vec::<char>::new(), "{md}");
    assert!(!md.contains("<script"), "{md}");
    assert_no_forged_line(&md);
}

/// The plan's view of the hostile city.
fn view(city: &City) -> PlanView {
    let model = builtin_model();
    let analysis = analyse(model, city, &Network::build(city, model));
    let plan = build_plan(model, city, &analysis, None);
    PlanView::new(model, city, &analysis, &plan, None)
}

#[test]
fn markdown_plans_escape_cells_line_breaks_and_html() {
    let view = view(&hostile_city());
    let templates = Templates::load(None).expect("built-in templates");
    for name in ["mission.md.tera", "action-plan.md.tera"] {
        let md = templates.render(name, &view).expect("renders");
        assert_eq!(acting(&md), Vec::<char>::new(), "{name}");
        assert!(!md.contains("<script"), "{name}");
        assert!(md.contains("&lt;script&gt;"), "{name}");
        assert_no_forged_line(&md);
        // The renamed actor leads actions: its name sits in monitoring rows, its `|` escaped.
        if name == "action-plan.md.tera" {
            assert!(md.contains("\\| 99 \\|"), "{md}");
        }
    }
}

#[test]
fn a_custom_markdown_template_escapes_too_unless_it_says_safe() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("mission.md.tera"),
        "{{ city.name }}\n---\n{{ city.name | safe }}\n",
    )
    .expect("write");
    let templates = Templates::load(Some(dir.path())).expect("templates");
    let md = templates
        .render("mission.md.tera", &view(&hostile_city()))
        .expect("renders");
    let (escaped, safe) = md.split_once("\n---\n").expect("two parts");
    assert_eq!(acting(escaped), Vec::<char>::new(), "{escaped}");
    assert!(escaped.contains("East"), "{escaped}");
    assert!(safe.contains("<script>"), "`safe` prints as it is");
}

/// Asserts that an XML part reads to its end without an error.
fn assert_well_formed(xml: &str, what: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{what} is not well formed: {e}"),
        }
    }
    assert!(!xml.contains('\u{0}') && !xml.contains('\u{1b}'), "{what}");
}

#[test]
fn the_word_document_stays_well_formed_xml() {
    let bytes = docx::render(&view(&hostile_city()));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a .docx is a zip");
    for name in ["word/document.xml", "docProps/core.xml"] {
        let mut xml = String::new();
        archive
            .by_name(name)
            .expect("the part")
            .read_to_string(&mut xml)
            .expect("UTF-8");
        assert_well_formed(&xml, name);
    }
}

#[test]
fn graph_exports_hold_no_control_character() {
    let city = hostile_city();
    let model = builtin_model();
    let metrics = Network::build(&city, model).metrics();
    let graph = Graph::new(model, &city, &metrics);
    let dot = graph.dot();
    let controls: Vec<char> = dot
        .chars()
        .filter(|&c| c.is_control() && c != '\n')
        .collect();
    assert_eq!(controls, Vec::<char>::new(), "Graphviz stops at a NUL");
    assert!(dot.contains('\u{FFFD}'), "control characters replaced");
    assert_well_formed(&graph.graphml(), "GraphML");
    assert_well_formed(&graph.gexf(), "GEXF");
}

/// A profile whose names hold every hostile string the loader accepts: `|`, a script, a
/// formula.
fn printable_hostile_profile(dir: &std::path::Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(root().join("cities/eastbrook-town.yaml")).expect("city");
    let name = "Pipe | done | <script>alert(1)</script> =HYPERLINK(\\\"http://x\\\")";
    let text = text
        .replacen(
            "name: City of Eastbrook — Welfare and Health Department",
            &format!("name: \"{name}\""),
            1,
        )
        .replacen(
            "name: Eastbrook Recovery Collective (in formation)",
            &format!("name: \"Collective {name}\""),
            1,
        );
    let path = dir.join("hostile.yaml");
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn commands_print_hostile_names_without_control_characters() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = printable_hostile_profile(dir.path());
    let eastbrook = root().join("cities/eastbrook-town.yaml");
    let runs: [Vec<std::ffi::OsString>; 4] = [
        vec!["analyse".into(), path.clone().into()],
        vec!["recommend".into(), path.clone().into()],
        vec![
            "whatif".into(),
            path.clone().into(),
            "--add".into(),
            PROSPECT.into(),
        ],
        vec!["diff".into(), eastbrook.into(), path.clone().into()],
    ];
    for args in runs {
        let output = bin().args(&args).output().expect("runs");
        assert!(output.status.success(), "{args:?}");
        let stdout = String::from_utf8(output.stdout).expect("UTF-8");
        assert_eq!(acting(&stdout), Vec::<char>::new(), "{args:?}");
        // A renamed actor is no change to `diff`, which lists actors by id.
        if args[0] != "diff" {
            assert!(stdout.contains("Pipe | done"), "{args:?}: {stdout}");
        }
    }
}

#[test]
fn validate_reports_hostile_text_without_acting_on_the_terminal() {
    for format in ["human", "short"] {
        let output = bin()
            .args([
                "validate",
                "--diagnostic-format",
                format,
                "tests/fixtures/bad/hostile-text.yaml",
            ])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8(output.stderr).expect("UTF-8");
        assert_eq!(acting(&stderr), Vec::<char>::new(), "{format}: {stderr}");
        assert!(
            stderr.contains("U+202E (right-to-left override)"),
            "{stderr}"
        );
    }
}

/// The diagnostics of the built-in model with one edit, one short line each.
fn model_diagnostics(from: &str, to: &str) -> String {
    use inclusive_cities::diag::{DiagnosticFormat, SourceFile, render_all};
    use inclusive_cities::load::{BUILTIN_MODEL_YAML, parse_model};
    assert!(
        BUILTIN_MODEL_YAML.contains(from),
        "the model holds {from:?}"
    );
    let file = SourceFile::new("model.yaml", BUILTIN_MODEL_YAML.replacen(from, to, 1));
    let loaded = parse_model(&file);
    assert!(loaded.value.is_none(), "the model must be refused");
    render_all(&loaded.diagnostics, DiagnosticFormat::Short, false)
}

#[test]
fn the_model_loader_refuses_control_characters_in_its_texts() {
    let out = model_diagnostics("    name: council\n", "    name: \"coun\\ecil\"\n");
    assert!(
        out.contains("error: a `name` of the model holds the control character U+001B (ESC); remove the escape `\\e`"),
        "{out}"
    );
    let out = model_diagnostics("    name: council\n", "    name: \"coun\u{202e}cil\"\n");
    assert!(out.contains("U+202E (right-to-left override)"), "{out}");
    let out = model_diagnostics(
        "    name: council\n",
        &format!("    name: {}\n", "c".repeat(201)),
    );
    assert!(
        out.contains("is 201 characters long, over the limit of 200"),
        "{out}"
    );
}

#[test]
fn a_path_is_escaped_in_every_message() {
    let output = bin()
        .args(["validate", "\u{1b}[2Jno-such\u{7}.yaml"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert_eq!(acting(&stderr), Vec::<char>::new(), "{stderr}");
    assert!(stderr.contains("\\u{1b}[2Jno-such\\u{7}.yaml"), "{stderr}");
}
