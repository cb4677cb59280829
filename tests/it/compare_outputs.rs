//! compare's outputs where people open them: hostile city and pillar names neutralised in the
//! CSVs and the workbook and escaped in the Markdown and HTML; the comparison's templates
//! overridden by name; the workbook's typed numbers, frozen header rows, same bytes on every run,
//! and a workbook a person saved kept unless forced.

use crate::harness::{bin, root};
use calamine::{Data, Reader, Xlsx};
use predicates::str::contains;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};

/// A city name a spreadsheet would run, a viewer would load and a Markdown table would split on.
const HOSTILE_CITY: &str =
    r#"=HYPERLINK("http://x.example","see") <script>alert(1)</script> | done |"#;
/// Another, starting with `@`.
const HOSTILE_OTHER: &str = "@SUM(A1) | forged | row";
/// A pillar name in a custom model.
const HOSTILE_PILLAR: &str = "+visible <script>p()</script> | recovery";

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The three-city fixture with Brill (a peer) and Ashby renamed hostilely, and a model whose
/// first pillar has a hostile name: (the folder of profiles, the model).
fn hostile_set(dir: &Path) -> (PathBuf, PathBuf) {
    let set = dir.join("set");
    std::fs::create_dir(&set).expect("dir");
    let three = root().join("tests/fixtures/compare/three");
    for (file, from, to) in [
        ("ashby.yaml", "name: Ashby,", HOSTILE_OTHER),
        ("brill.yaml", "name: Brill,", HOSTILE_CITY),
        ("corby.yaml", "name: Corby,", "Corby"),
    ] {
        let text = read(&three.join(file));
        assert!(text.contains(from), "{file}");
        let renamed = text.replacen(from, &format!("name: '{to}',"), 1);
        std::fs::write(set.join(file), renamed).expect("write");
    }
    let model = dir.join("model.yaml");
    let text = read(&root().join("models/inclusive-city.yaml"));
    let renamed = text.replacen(
        "    name: visible recovery\n",
        &format!("    name: '{HOSTILE_PILLAR}'\n"),
        1,
    );
    assert_ne!(renamed, text);
    std::fs::write(&model, renamed).expect("write");
    (set, model)
}

fn compare(args: &[&Path], out: &Path) -> assert_cmd::assert::Assert {
    bin().arg("compare").args(args).arg("-o").arg(out).assert()
}

/// Every field of a CSV file, header included.
fn fields(path: &Path) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .expect("a CSV file");
    reader
        .records()
        .flat_map(|r| {
            r.expect("a record")
                .iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn workbook(path: &Path) -> Xlsx<Cursor<Vec<u8>>> {
    let bytes = std::fs::read(path).expect("the workbook");
    Xlsx::new(Cursor::new(bytes)).expect("a workbook calamine reads")
}

/// The text of the part `name` of a workbook.
fn part(path: &Path, name: &str) -> String {
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("a zip");
    let mut text = String::new();
    archive
        .by_name(name)
        .expect("the part")
        .read_to_string(&mut text)
        .expect("text");
    text
}

#[test]
fn hostile_names_are_neutralised_in_every_output_of_compare() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (set, model) = hostile_set(dir.path());
    let out = dir.path().join("out");
    bin()
        .arg("--model")
        .arg(&model)
        .arg("compare")
        .arg(&set)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();

    // CSV: no text cell a spreadsheet reads as a formula; the names kept, behind an apostrophe.
    for csv in ["cities.csv", "scores.csv", "gaps.csv", "peers.csv"] {
        for field in fields(&out.join(csv)) {
            let formula = field.starts_with(['=', '+', '@', '\t', '\r'])
                || (field.starts_with('-') && field.parse::<f64>().is_err());
            assert!(!formula, "{csv}: {field}");
        }
    }
    let cities = fields(&out.join("cities.csv"));
    assert!(cities.contains(&format!("'{HOSTILE_CITY}")), "{cities:?}");
    assert!(cities.contains(&format!("'{HOSTILE_OTHER}")), "{cities:?}");
    let peers = fields(&out.join("peers.csv"));
    assert!(
        peers.contains(&format!("'{HOSTILE_CITY}")),
        "Brill is a peer"
    );

    // Markdown: no tag, and every row of the scores table has its own cells.
    let md = read(&out.join("comparison.md"));
    assert!(!md.contains("<script"), "{md}");
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| done \\|"));
    assert!(md.contains("+visible &lt;script&gt;p()&lt;/script&gt; \\| recovery"));
    let cells = |line: &str| line.replace("\\|", "").matches('|').count();
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(rows.len(), 2 + 3, "a header, a rule and three cities: {md}");
    assert!(rows.iter().all(|r| cells(r) == cells(rows[0])), "{md}");

    // HTML: the names are text, in the headers, the cells' titles and the peers alike.
    let html = read(&out.join("comparison.html"));
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains(HOSTILE_PILLAR));
    assert!(
        html.contains("+visible &lt;script&gt;p()&lt;/script&gt; | recovery"),
        "{html}"
    );

    // The workbook: the names are strings behind an apostrophe, and no cell is a formula.
    let mut book = workbook(&out.join("comparison.xlsx"));
    for sheet in ["Cities", "Scores", "Gaps", "Peers"] {
        let formulas = book.worksheet_formula(sheet).expect("formulas");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet}"
        );
    }
    let cities = book.worksheet_range("Cities").expect("the Cities sheet");
    let names: Vec<&Data> = cities.rows().skip(1).map(|r| &r[1]).collect();
    assert!(
        names.contains(&&Data::String(format!("'{HOSTILE_CITY}"))),
        "{names:?}"
    );
    assert!(names.contains(&&Data::String(format!("'{HOSTILE_OTHER}"))));
}

#[test]
fn the_workbook_has_typed_numbers_frozen_headers_and_the_same_bytes_each_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let set = root().join("tests/fixtures/compare/three");
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    compare(&[&set], &one).success();
    compare(&[&set], &two).success();
    let path = one.join("comparison.xlsx");
    let bytes = std::fs::read(&path).expect("read");
    assert!(
        bytes == std::fs::read(two.join("comparison.xlsx")).expect("read"),
        "the same bytes on every run"
    );
    assert!(
        part(&path, "docProps/core.xml").contains("2000-01-01T00:00:00Z"),
        "a fixed creation date"
    );
    let mut book = workbook(&path);
    assert_eq!(book.sheet_names(), ["Cities", "Scores", "Gaps", "Peers"]);
    let cities = book.worksheet_range("Cities").expect("Cities");
    let header: Vec<String> = cities
        .rows()
        .next()
        .expect("a header")
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(&header[..4], ["id", "name", "country", "index"]);
    let brill = cities
        .rows()
        .find(|r| r[0] == Data::String("brill".into()))
        .expect("Brill's row");
    assert_eq!(
        brill[3],
        Data::Float(34.7),
        "the index, a number to one decimal"
    );
    let density = header.iter().position(|h| h == "density").expect("density");
    assert!(matches!(brill[density], Data::Float(x) if x == (x * 1000.0).round() / 1000.0));
    let peers = book.worksheet_range("Peers").expect("Peers");
    let row = peers
        .rows()
        .find(|r| {
            r[0] == Data::String("ashby".into())
                && r[1] == Data::String("missing-capability.supported_housing".into())
        })
        .expect("Ashby's housing peer");
    assert_eq!(row[2], Data::String("brill".into()));
    assert_eq!(row[3], Data::String("Brill".into()));
    assert_eq!(row[4], Data::Float(100.0));
    let n_pairs = read(&one.join("peers.csv")).lines().count();
    assert_eq!(peers.rows().count(), n_pairs, "every pair, as in peers.csv");
    for sheet in 1..=4 {
        let xml = part(&path, &format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(
            xml.contains(
                r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            ),
            "sheet {sheet}: {xml}"
        );
        assert!(
            xml.contains("<cols>"),
            "sheet {sheet} sets its column widths"
        );
    }
}

/// `path`, a workbook, with its first sheet written again as an application saving it would.
fn save_as_a_person(path: &Path) {
    let bytes = std::fs::read(path).expect("read");
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).expect("a zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("an entry");
        let name = entry.name().to_owned();
        let mut text = Vec::new();
        entry.read_to_end(&mut text).expect("read");
        if name == "xl/worksheets/sheet1.xml" {
            text = String::from_utf8(text)
                .expect("XML")
                .replace("</sheetData>", "<row r=\"99\"/></sheetData>")
                .into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("a part");
        out.write_all(&text).expect("write");
    }
    std::fs::write(path, out.finish().expect("a zip").into_inner()).expect("write");
}

#[test]
fn a_workbook_a_person_saved_is_kept_unless_forced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let set = root().join("tests/fixtures/compare/three");
    compare(&[&set], dir.path()).success();
    compare(&[&set], dir.path()).success();
    let path = dir.path().join("comparison.xlsx");
    save_as_a_person(&path);
    let saved = std::fs::read(&path).expect("read");
    compare(&[&set], dir.path())
        .code(2)
        .stderr(contains("not overwriting"))
        .stderr(contains("comparison.xlsx"));
    assert!(
        std::fs::read(&path).expect("read") == saved,
        "the workbook is kept"
    );
    bin()
        .arg("compare")
        .arg(&set)
        .arg("--force")
        .arg("-o")
        .arg(dir.path())
        .assert()
        .success();
    compare(&[&set], dir.path()).success();
}

#[test]
fn the_comparison_templates_are_exported_and_overridden_by_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let exported = dir.path().join("exported");
    bin()
        .args(["templates", "export"])
        .arg(&exported)
        .assert()
        .success();
    for name in [
        "comparison.md.tera",
        "comparison.html.tera",
        "report.html.tera",
    ] {
        assert!(exported.join(name).is_file(), "{name}");
    }
    // The plan reads a folder that holds the comparison's templates too.
    bin()
        .args([
            "plan",
            "cities/eastbrook-town.yaml",
            "--format",
            "mission",
            "-o",
        ])
        .arg(dir.path().join("plan"))
        .arg("--templates")
        .arg(&exported)
        .current_dir(root())
        .assert()
        .success();

    let (set, _) = hostile_set(dir.path());
    let mine = dir.path().join("mine");
    std::fs::create_dir(&mine).expect("dir");
    std::fs::write(
        mine.join("comparison.md.tera"),
        "{% if part == \"head\" %}Cities: {{ n_cities }}\n\
         {% elif part == \"city\" %}{{ city.name }}:{% for gap in gaps %}{% for p in gap.peers %} {{ p.name }}{% endfor %}{% endfor %}\n\
         {% endif %}",
    )
    .expect("write");
    let out = dir.path().join("out");
    bin()
        .arg("compare")
        .arg(&set)
        .arg("--templates")
        .arg(&mine)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let md = read(&out.join("comparison.md"));
    let (marker, body) = md.split_once('\n').expect("a marker line");
    assert!(marker.starts_with("<!-- generated by inclusive-cities (hash sha256:"));
    assert_eq!(md, inclusive_cities::render::output::mark(body));
    let brill =
        r#"=HYPERLINK("http://x.example","see") &lt;script&gt;alert(1)&lt;/script&gt; \| done \|"#;
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(lines[0], "Cities: 3", "the override: {body}");
    assert!(
        lines[1].starts_with("@SUM(A1) \\| forged \\| row:") && lines[1].contains(brill),
        "Ashby, one of whose peers is Brill, escaped for Markdown: {body}"
    );
    assert_eq!(lines[2], format!("{brill}:"), "Brill has no peers");
    assert!(lines[3].starts_with("Corby:"), "{body}");
    assert_eq!(lines.len(), 4);
    assert!(
        read(&out.join("comparison.html")).contains("<table class=\"heat\">"),
        "the built-in HTML"
    );
}

#[test]
fn a_broken_comparison_template_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let set = root().join("tests/fixtures/compare/three");
    let mine = dir.path().join("mine");
    std::fs::create_dir(&mine).expect("dir");
    let out = dir.path().join("out");
    std::fs::write(mine.join("comparison.html.tera"), "{% if part %}").expect("write");
    bin()
        .arg("compare")
        .arg(&set)
        .arg("--templates")
        .arg(&mine)
        .arg("-o")
        .arg(&out)
        .assert()
        .failure()
        .stderr(contains("comparison.html.tera"))
        .stderr(contains("mine"));
    std::fs::write(
        mine.join("comparison.html.tera"),
        "{% if part == \"city\" %}{{ city.nickname }}{% endif %}",
    )
    .expect("write");
    bin()
        .arg("compare")
        .arg(&set)
        .arg("--templates")
        .arg(&mine)
        .arg("-o")
        .arg(&out)
        .assert()
        .failure()
        .stderr(contains("comparison.html.tera"))
        .stderr(contains("nickname"));
    let left: Vec<_> = std::fs::read_dir(&out)
        .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "nothing written: {left:?}");
}

#[test]
fn a_template_that_is_not_a_regular_file_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let set = root().join("tests/fixtures/compare/three");
    let mine = dir.path().join("mine");
    std::fs::create_dir_all(mine.join("comparison.md.tera")).expect("a folder in its place");
    let out = dir.path().join("out");
    let run = |what: &str| {
        bin()
            .arg("compare")
            .arg(&set)
            .arg("--templates")
            .arg(&mine)
            .arg("-o")
            .arg(&out)
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .code(2)
            .stderr(contains(format!("comparison.md.tera` {what}")));
    };
    run("is a directory, not a file");
    #[cfg(unix)]
    {
        std::fs::remove_dir(mine.join("comparison.md.tera")).expect("remove");
        let made = std::process::Command::new("mkfifo")
            .arg(mine.join("comparison.md.tera"))
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        run("is a FIFO (named pipe), not a regular file");
    }
    assert!(!out.exists(), "nothing written");
}
