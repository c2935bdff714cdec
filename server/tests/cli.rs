//! The `draftls` command line, run as a process.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{SEED, diagnostics, fixture, fixtures};
use serde_json::Value;

fn draftls(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_draftls")).args(args).output().expect("draftls runs")
}

fn seed_path() -> String {
    fixtures().join(SEED).display().to_string()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("draftls-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn check_reports_like_a_compiler_and_exits_1() {
    let out = draftls(&["check", &seed_path()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(&format!(
            "warning[duplicate-label]: `a)` restarts the list after `g)`; expected `h)`\n  --> {}:43:1\n",
            seed_path()
        )),
        "{stdout}"
    );
    assert!(stdout.contains("43 | a) Resolution 130"), "{stdout}");
}

#[test]
fn check_exits_0_on_a_clean_draft() {
    let path = fixtures().join("unga_A-RES-57-97_first_committee_2002.txt");
    let out = draftls(&["check", "--format", "json", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap(), Value::Array(vec![]));
}

fn assert_keys(value: &Value, keys: &[&str]) {
    let object = value.as_object().unwrap_or_else(|| panic!("not an object: {value}"));
    let mut found: Vec<&str> = object.keys().map(String::as_str).collect();
    found.sort_unstable();
    let mut wanted = keys.to_vec();
    wanted.sort_unstable();
    assert_eq!(found, wanted, "{value}");
}

#[test]
fn json_output_follows_the_schema() {
    let out = draftls(&["check", "--format", "json", &seed_path()]);
    assert_eq!(out.status.code(), Some(1));
    let items: Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = items.as_array().unwrap();
    assert!(!items.is_empty());
    for item in items {
        assert_keys(
            item,
            &["path", "code", "severity", "message", "line", "column", "end_line", "end_column", "related", "fixes"],
        );
        assert!(["error", "warning", "information", "hint"].contains(&item["severity"].as_str().unwrap()));
        for key in ["line", "column", "end_line", "end_column"] {
            assert!(item[key].as_u64().unwrap() >= 1, "{key} is 1-based");
        }
        for related in item["related"].as_array().unwrap() {
            assert_keys(related, &["path", "line", "column", "message"]);
        }
        for fix in item["fixes"].as_array().unwrap() {
            assert_keys(fix, &["title", "edits"]);
            for edit in fix["edits"].as_array().unwrap() {
                assert_keys(edit, &["line", "column", "end_line", "end_column", "new_text"]);
            }
        }
    }
    let duplicate = items.iter().find(|i| i["code"] == "duplicate-label" && i["line"] == 43).unwrap();
    assert_eq!((duplicate["column"].as_u64(), duplicate["end_column"].as_u64()), (Some(1), Some(3)));
    assert_eq!(duplicate["related"][0]["line"], 27);
    assert_eq!(duplicate["fixes"][0]["edits"][0]["new_text"], "h)");
}

#[test]
fn columns_count_unicode_characters() {
    let dir = temp_dir("columns");
    let path = dir.join("draft.txt");
    std::fs::write(&path, "recalling\n\na) “é” 😀 first;\n\n- a) “é” 😀 again ~~open\n").unwrap();
    let out = draftls(&["check", "--format", "json", path.to_str().unwrap()]);
    let items: Value = serde_json::from_slice(&out.stdout).unwrap();
    let open = items.as_array().unwrap().iter().find(|i| i["code"] == "malformed-change").unwrap();
    // `- a) “é” 😀 again ` is 17 characters: the mark starts at column 18.
    assert_eq!((open["line"].as_u64(), open["column"].as_u64()), (Some(5), Some(18)));
}

#[test]
fn unreadable_and_non_utf8_files_are_named_and_the_rest_is_checked() {
    let dir = temp_dir("io");
    let binary = dir.join("latin1.txt");
    std::fs::write(&binary, b"recalling\n\na) caf\xe9\n").unwrap();
    let missing = dir.join("missing.txt");
    let out =
        draftls(&["check", "--format", "json", missing.to_str().unwrap(), binary.to_str().unwrap(), &seed_path()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("missing.txt: cannot read"), "{stderr}");
    assert!(stderr.contains("latin1.txt: not UTF-8"), "{stderr}");
    let items: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(items.as_array().unwrap().iter().any(|i| i["line"] == 43), "the seed was still checked");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(draftls(&["check"]).status.code(), Some(2));
    assert_eq!(draftls(&["check", "--format", "xml", "x"]).status.code(), Some(2));
    assert_eq!(draftls(&["fix", &seed_path(), &seed_path()]).status.code(), Some(2));
    let version = draftls(&["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert!(String::from_utf8(version.stdout).unwrap().starts_with("draftls "));
}

/// The part of a line after its label (and list marker, indentation, marks).
fn after_label(line: &str) -> &str {
    let rest = line.trim_start().trim_start_matches(['-', '–', '•']).trim_start();
    match rest.find(' ') {
        Some(i) if rest[..i].ends_with(')') || rest[..i].chars().all(|c| c.is_ascii_digit()) => &rest[i..],
        _ => line,
    }
}

#[test]
fn fix_renumbers_reports_each_label_and_leaves_only_what_needs_a_drafter() {
    let out = draftls(&["fix", &seed_path()]);
    assert_eq!(out.status.code(), Some(0));
    let fixed = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let (_, after) = diagnostics(&fixed);
    // The fused labels (`ed)`) need a drafter; everything else is renumbered.
    let mut left: Vec<_> = after
        .iter()
        .filter(|d| matches!(d.code, "broken-lettering" | "duplicate-label"))
        .map(|d| d.message.split(':').next().unwrap_or_default())
        .collect();
    left.sort_unstable();
    assert_eq!(left, ["`ed)` reads as `e)` changed to `d)`", "`ed)` reads as `e)` changed to `d)`"]);
    let original = fixture(SEED);
    let (a, b): (Vec<&str>, Vec<&str>) = (original.split('\n').collect(), fixed.split('\n').collect());
    assert_eq!(a.len(), b.len());
    let mut changed = Vec::new();
    for (i, (old, new)) in a.iter().zip(&b).enumerate() {
        if old != new {
            changed.push(i + 1);
            assert_eq!(after_label(old), after_label(new), "more than a label changed:\n{old}\n{new}");
        }
    }
    // The restart 43–47 continues the list; the second `2` (230) and the
    // proposals sharing its slot and the next one move up by one.
    assert_eq!(changed, [43, 45, 47, 230, 236, 238, 244], "{stderr}");
    assert!(stderr.contains(":43: `a)` -> `h)`"), "{stderr}");
    assert!(stderr.contains(":47: `c)` -> `j)`"), "{stderr}");
    assert!(stderr.contains("7 labels changed"), "{stderr}");
}

#[test]
fn fix_write_rewrites_in_place() {
    let dir = temp_dir("write");
    let path = dir.join("draft.txt");
    std::fs::write(&path, "recalling\n\na) one;\n\nc) two;\n\nc) three;\n").unwrap();
    let out = draftls(&["fix", "--write", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "recalling\n\na) one;\n\nb) two;\n\nc) three;\n");
    assert!(Path::new(&path).exists());
}

fn references_fixture() -> String {
    fixtures().join("references/as-of-pp14.txt").display().to_string()
}

/// (line, code, first fix's new text) of each JSON item.
fn findings(stdout: &[u8]) -> Vec<(u64, String, String)> {
    let items: Value = serde_json::from_slice(stdout).unwrap();
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let fix = i["fixes"][0]["edits"][0]["new_text"].as_str().unwrap_or("").to_string();
            (i["line"].as_u64().unwrap(), i["code"].as_str().unwrap().to_string(), fix)
        })
        .collect()
}

#[test]
fn references_are_checked_as_of_the_drafts_conference() {
    let out = draftls(&["check", "--format", "json", &references_fixture()]);
    let expected = [
        (9, "outdated-reference", "(Rev. Dubai, 2014)"),
        (13, "outdated-reference", "(Rev. Dubai, 2012)"),
        (17, "malformed-citation", "(Guadalajara, 2010)"),
    ];
    let expected: Vec<_> = expected.iter().map(|(l, c, f)| (*l, c.to_string(), f.to_string())).collect();
    assert_eq!(findings(&out.stdout), expected);
}

#[test]
fn as_of_on_the_command_line_overrides_the_draft() {
    let out = draftls(&["check", "--format", "json", "--as-of", "PP-22", &references_fixture()]);
    let outdated: Vec<(u64, String)> = findings(&out.stdout)
        .into_iter()
        .filter(|(_, code, _)| code == "outdated-reference")
        .map(|(line, _, fix)| (line, fix))
        .collect();
    let expected = [
        (5, "(Rev. Dubai, 2018)"),
        (7, "(Rev. Dubai, 2018)"),
        (9, "(Rev. Kigali, 2022)"),
        (11, "(Rev. Kigali, 2022)"),
        (13, "(Rev. Geneva, 2022)"),
        (17, "(Rev. Busan, 2014)"),
    ];
    assert_eq!(outdated, expected.iter().map(|(l, f)| (*l, f.to_string())).collect::<Vec<_>>());
    let bad = draftls(&["check", "--as-of", "PP-99", &references_fixture()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8(bad.stderr).unwrap().contains("neither a conference"));
}

#[test]
fn draftls_toml_sets_severities_and_a_broken_one_keeps_the_builtin_catalog() {
    let dir = temp_dir("config");
    let draft = dir.join("draft.txt");
    std::fs::copy(fixtures().join("references/as-of-pp14.txt"), &draft).unwrap();
    std::fs::write(
        dir.join("draftls.toml"),
        "[severity]\noutdated-reference = \"off\"\nmalformed-citation = \"error\"\n",
    )
    .unwrap();
    let out = draftls(&["check", "--format", "json", draft.to_str().unwrap()]);
    let items: Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<(&str, &str)> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["code"].as_str().unwrap(), i["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(codes, [("malformed-citation", "error")]);

    std::fs::write(dir.join("draftls.toml"), "[severity\n").unwrap();
    let out = draftls(&["check", "--format", "json", draft.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("draftls.toml:1:") && stderr.contains("using the built-in catalog"), "{stderr}");
    assert_eq!(findings(&out.stdout).len(), 3, "the built-in catalog still checks the draft");
}

#[test]
fn a_comment_line_disables_a_code_on_the_next_line() {
    let dir = temp_dir("suppress");
    let draft = dir.join("draft.txt");
    let text = std::fs::read_to_string(fixtures().join("references/as-of-pp14.txt")).unwrap();
    let text =
        text.replace("c) Resolution 69", "<!-- draftls-disable-next-line outdated-reference -->\nc) Resolution 69");
    std::fs::write(&draft, text).unwrap();
    let out = draftls(&["check", "--format", "json", draft.to_str().unwrap()]);
    let codes: Vec<String> = findings(&out.stdout).into_iter().map(|(_, c, _)| c).collect();
    assert_eq!(codes, ["outdated-reference", "malformed-citation"], "only line 14's outdated reference is left");
}

#[test]
fn catalog_show_and_search_print_entries() {
    let out = draftls(&["catalog", "show", "Resolution 69 WTDC"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("WTDC Resolution 69: Facilitating creation of national computer incident response teams"),
        "{stdout}"
    );
    // Each history entry with its evidence; only sources about the document.
    assert!(stdout.contains("    WTDC-10 (Hyderabad, 2010), adopted — heading"), "{stdout}");
    assert!(stdout.contains("    WTDC-14 (Rev. Dubai, 2014) — "), "{stdout}");
    assert!(
        stdout.contains("      heading: http://internetdistinction.com/wsisimpacts/wsis/wtdc/wtdc-2010/wtdc_69/"),
        "{stdout}"
    );
    let sources = stdout.lines().find(|l| l.starts_with("  sources: ")).expect("a sources line");
    assert!(!sources.contains("Cybersecurity/Pages/about-cybersecurity"), "a page that only cites it: {sources}");
    let out = draftls(&["catalog", "search", "cybersecurity"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("WTSA Resolution 50: Cybersecurity"), "{stdout}");
    assert!(stdout.contains("WTDC Resolution 45"), "{stdout}");
    assert_eq!(draftls(&["catalog", "show", "Resolution 9999"]).status.code(), Some(1));
}

#[test]
fn every_format_says_what_each_file_was_checked_as_of() {
    let dir = temp_dir("as-of-report");
    let fragment = dir.join("fragment.txt");
    std::fs::write(&fragment, "recalling\n\na) Resolution 130 (Rev. Busan, 2014);\n").unwrap();
    let (seed, fragment) = (seed_path(), fragment.display().to_string());
    let latest = draftls::catalog::Catalog::builtin().latest().unwrap().id.clone();

    let human = String::from_utf8(draftls(&["check", &seed, &fragment]).stdout).unwrap();
    assert!(human.starts_with(&format!("{seed}: checked as of PP-14 (2014-10-20), from the heading\n")), "{human}");
    assert!(human.contains(&format!("{fragment}: checked as of {latest} (")), "{human}");
    assert!(human.contains("the latest conference in the catalog: the draft does not say"), "{human}");

    let json = draftls(&["check", "--format", "json", &seed]);
    assert!(serde_json::from_slice::<Value>(&json.stdout).unwrap().is_array());
    let stderr = String::from_utf8(json.stderr).unwrap();
    assert!(stderr.contains(&format!("{seed}: checked as of PP-14 (2014-10-20), from the heading")), "{stderr}");

    let sarif: Value =
        serde_json::from_slice(&draftls(&["check", "--format", "sarif", &seed, &fragment]).stdout).unwrap();
    let as_of = &sarif["runs"][0]["properties"]["asOf"];
    assert_eq!(as_of[0]["conference"], "PP-14");
    assert_eq!(as_of[0]["source"], "draft");
    assert_eq!(as_of[0]["from"], "heading");
    assert_eq!(as_of[1]["source"], "latest");
    let set = draftls(&["check", "--format", "json", "--as-of", "PP-18", &seed]);
    assert!(String::from_utf8(set.stderr).unwrap().contains("checked as of PP-18 (2018-10-29), from the settings"));
    std::fs::remove_dir_all(dir).unwrap();
}

fn import_fixture(name: &str) -> String {
    fixtures().join("import").join(name).display().to_string()
}

/// (id, [(conference, event, evidence)]) of each imported entry.
type Facts = Vec<(String, String, String)>;

fn imported_facts(catalog: &Value) -> Vec<(String, Facts)> {
    catalog["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let facts = d["facts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    let s = |k: &str| f[k].as_str().unwrap().to_string();
                    (s("conference"), s("event"), s("evidence"))
                })
                .collect();
            (d["id"].as_str().unwrap().to_string(), facts)
        })
        .collect()
}

#[test]
fn catalog_import_reads_headings_titles_history_lines_and_citations() {
    let dir = temp_dir("import");
    let output = dir.join("user.json");
    let out = draftls(&[
        "catalog",
        "import",
        "--output",
        output.to_str().unwrap(),
        &import_fixture("pp18-final-acts.txt"),
        &import_fixture("wtsa16-proceedings.md"),
        &import_fixture("council-2019.txt"),
        &import_fixture("malformed.txt"),
    ]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains(&format!("wrote {}: 9 document(s)", output.display())), "{stderr}");
    assert!(stderr.contains("from 6 text(s) in 3 file(s)"), "{stderr}");
    // The malformed file is named by line and skipped; unknown conferences are reported, not invented.
    assert!(
        stderr.contains(&format!(
            "{}:3: `RESOLUTION 77 (REV. ATLANTIS, 2031)`: `(REV. ATLANTIS, 2031)` names no conference",
            import_fixture("malformed.txt")
        )),
        "{stderr}"
    );
    assert!(stderr.contains("pp18-final-acts.txt:33: `Resolution 12 (Montreux, 1965)`: no PP conference"), "{stderr}");
    assert!(stderr.contains("wtsa16-proceedings.md:23: WTSA-16 Resolution 2: history line names `Geneva, 1996`"));

    let catalog: Value = serde_json::from_str(&std::fs::read_to_string(&output).unwrap()).unwrap();
    assert_eq!(catalog["conferences"], serde_json::json!([]));
    let facts = imported_facts(&catalog);
    let of = |id: &str| facts.iter().find(|(i, _)| i == id).unwrap_or_else(|| panic!("{id}: {facts:?}")).1.clone();
    let fact = |c: &str, e: &str, v: &str| (c.to_string(), e.to_string(), v.to_string());
    assert!(of("PP-Resolution-130").contains(&fact("PP-18", "revised", "imported")));
    assert_eq!(of("PP-Decision-9004"), [fact("PP-18", "adopted", "imported")]);
    assert_eq!(of("PP-Resolution-9002"), [fact("PP-14", "adopted", "citation"), fact("PP-18", "revised", "imported")]);
    assert_eq!(of("WTDC-Resolution-9003"), [fact("WTDC-14", "revised", "citation")]);
    assert_eq!(of("Council-Resolution-9005"), [fact("C-19", "adopted", "imported")]);
    let wtsa50 = of("WTSA-Resolution-50");
    for wanted in [
        fact("WTSA-04", "adopted", "imported"),
        fact("WTSA-08", "revised", "imported"),
        fact("WTSA-12", "revised", "imported"),
        fact("WTSA-16", "revised", "imported"),
    ] {
        assert!(wtsa50.contains(&wanted), "{wanted:?}: {wtsa50:?}");
    }
    assert!(!facts.iter().any(|(id, _)| id.contains("-77")), "{facts:?}");

    let docs = catalog["documents"].as_array().unwrap();
    let doc = |id: &str| docs.iter().find(|d| d["id"] == id).unwrap();
    assert_eq!(doc("PP-Resolution-9002")["title"], "Coordination of the test texts of the Union");
    assert_eq!(doc("WTSA-Resolution-50")["title"], "Cybersecurity");
    assert_eq!(doc("WTSA-Resolution-50")["history_complete"], true);
    assert_eq!(doc("WTSA-Resolution-2")["history_complete"], false, "two assemblies of its history are unknown");
    let heading = doc("PP-Decision-9004")["facts"][0].clone();
    assert_eq!(
        heading["source"],
        format!("file://{}#L39", std::fs::canonicalize(import_fixture("pp18-final-acts.txt")).unwrap().display())
    );
    assert_eq!(heading["detail"], "heading `DECISION 9004 (DUBAI, 2018)`");
    let citation = &doc("WTDC-Resolution-9003")["facts"][0];
    assert!(citation["source"].as_str().unwrap().ends_with("pp18-final-acts.txt#L16"), "{citation}");
    assert_eq!(citation["detail"], "cited as `Resolution 9003 (Rev. Dubai, 2014)` in PP-18 Resolution 130");
}

#[test]
fn catalog_import_of_nothing_usable_exits_2_and_names_each_file() {
    let dir = temp_dir("import-bad");
    let latin1 = dir.join("latin1.txt");
    std::fs::write(&latin1, b"RESOLUTION 1 (KYOTO, 1994)\n\nR\xe9solution\n").unwrap();
    let plain = dir.join("plain.txt");
    std::fs::write(&plain, "Just a letter.\n").unwrap();
    let output = dir.join("never.json");
    let out = draftls(&[
        "catalog",
        "import",
        "-o",
        output.to_str().unwrap(),
        latin1.to_str().unwrap(),
        plain.to_str().unwrap(),
        &import_fixture("malformed.txt"),
    ]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("{}:3: not UTF-8 text", latin1.display())), "{stderr}");
    assert!(stderr.contains(&format!("{}:1: no heading", plain.display())), "{stderr}");
    assert!(stderr.contains("malformed.txt:3:"), "{stderr}");
    assert!(!output.exists());
}

#[test]
fn a_draftls_toml_naming_an_imported_catalog_brings_its_facts_to_check() {
    let dir = temp_dir("import-check");
    let out = draftls(&[
        "catalog",
        "import",
        "--output",
        dir.join("imported.json").to_str().unwrap(),
        &import_fixture("pp18-final-acts.txt"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let draft = dir.join("draft.txt");
    std::fs::write(
        &draft,
        "RESOLUTION 9002 (REV. BUCHAREST, 2022)\n\nThe Plenipotentiary Conference of the International Telecommunication Union (Bucharest, 2022),\n\nrecalling\n\na) Resolution 9002 (Busan, 2014) of the Plenipotentiary Conference;\n",
    )
    .unwrap();
    // Without the user catalog: an unknown document, saying how its body was found.
    let out = draftls(&["check", "--format", "json", draft.to_str().unwrap()]);
    assert_eq!(findings(&out.stdout), [(7, "unknown-reference".into(), String::new())]);
    let items: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        items[0]["message"],
        "PP Resolution 9002 is not in the catalog (body: stated `of the Plenipotentiary Conference`)"
    );
    // With it: the PP-18 revision the import read from the heading.
    std::fs::write(dir.join("draftls.toml"), "catalogs = [\"imported.json\"]\n").unwrap();
    let out = draftls(&["check", "--format", "json", draft.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let items: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items.as_array().unwrap().len(), 1, "{items}");
    assert_eq!(items[0]["code"], "outdated-reference");
    assert_eq!(items[0]["fixes"][0]["title"], "Cite as `(Rev. Dubai, 2018)`");
    // A missing user catalog is reported like a broken draftls.toml; the built-in catalog keeps working.
    std::fs::write(dir.join("draftls.toml"), "catalogs = [\"gone.json\"]\n").unwrap();
    let out = draftls(&["check", draft.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("draftls.toml:1:13: catalogs:") && stderr.contains("gone.json: cannot read"), "{stderr}");
    assert!(String::from_utf8(out.stdout).unwrap().contains("unknown-reference"));
}

#[test]
fn catalog_search_finds_keywords() {
    let out = draftls(&["catalog", "search", "cybersecurity"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("PP Resolution 130: Strengthening the role of ITU in building confidence"), "{stdout}");
    assert!(
        stdout.contains("WTDC Resolution 69: Facilitating creation of national computer incident response"),
        "{stdout}"
    );
}

/// Runs draftls in `dir` (so paths print as given) with colour off.
fn draftls_in(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_draftls")).current_dir(dir).args(args).output().expect("draftls runs");
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap(), out.status.code().unwrap())
}

#[test]
fn a_finding_far_into_a_long_line_keeps_its_caret() {
    let dir = temp_dir("long-line");
    let long =
        format!("a) that {}WTDC-10 adopted the plan, {}and so on;", "the text goes on ".repeat(35), "more ".repeat(30));
    std::fs::write(dir.join("long.txt"), format!("RESOLUTION 130 (REV. BUSAN, 2014)\n\nrecalling\n\n{long}\n"))
        .unwrap();
    let (stdout, stderr, code) = draftls_in(&dir, &["check", "--color", "never", "long.txt"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("long_line", stdout);
    assert_eq!(stderr, "1 file checked: 0 errors, 0 warnings, 1 information, 0 hints\n");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_summary_counts_every_severity_and_quiet_keeps_only_findings() {
    let (_, stderr, code) = draftls_in(&fixtures(), &["check", "--color", "never", SEED]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("seed_summary", stderr);
    let (stdout, stderr, _) = draftls_in(&fixtures(), &["check", "--quiet", "--color", "never", SEED]);
    assert_eq!(stderr, "");
    assert!(!stdout.contains("checked as of"), "{stdout}");
    assert!(stdout.starts_with("hint[malformed-citation]"), "{stdout}");
}

#[test]
fn fix_reports_what_it_changed_and_diff_shows_it() {
    let dir = temp_dir("fix-report");
    std::fs::write(dir.join("draft.txt"), "recalling\n\na) one;\n\nc) two;\n\nd) three;\n\nconsidering\n\na) fine;\n")
        .unwrap();
    let (fixed, report, code) = draftls_in(&dir, &["fix", "draft.txt"]);
    assert_eq!(code, 0);
    assert_eq!(fixed, "recalling\n\na) one;\n\nb) two;\n\nc) three;\n\nconsidering\n\na) fine;\n");
    insta::assert_snapshot!("fix_report", report);
    let (diff, _, code) = draftls_in(&dir, &["fix", "--diff", "--quiet", "draft.txt"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("fix_diff", diff);
    // Nothing left: an empty diff and a report that says so.
    std::fs::write(dir.join("draft.txt"), fixed).unwrap();
    let (diff, report, _) = draftls_in(&dir, &["fix", "--diff", "draft.txt"]);
    assert_eq!((diff.as_str(), report.as_str()), ("", "draft.txt: nothing to fix\n"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn help_explains_the_arguments_and_lists_the_codes() {
    let (help, _, code) = draftls_in(Path::new("."), &["check", "--help"]);
    assert_eq!(code, 0);
    for wanted in [
        "<DRAFT|FOLDER>",
        "--jobs <N>",
        "--as-of <CONFERENCE|DATE>",
        "--color",
        "--quiet",
        "Diagnostic codes:",
        "outdated-reference",
        "flattened-change",
    ] {
        assert!(help.contains(wanted), "{wanted}: {help}");
    }
    let (help, _, _) = draftls_in(Path::new("."), &["catalog", "show", "--help"]);
    assert!(help.contains("<QUERY>") && help.contains("Resolution 69 WTDC"), "{help}");
}

#[test]
fn check_walks_folders_for_drafts_and_respects_gitignore() {
    let dir = temp_dir("walk");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::create_dir_all(dir.join("ignored")).unwrap();
    // `ignore` honours .gitignore inside a git work tree; .ignore everywhere.
    std::fs::write(dir.join(".ignore"), "ignored/\n").unwrap();
    let broken = "recalling\n\na) one;\n\nc) two;\n";
    std::fs::write(dir.join("a.txt"), broken).unwrap();
    std::fs::write(dir.join("sub/b.md"), broken).unwrap();
    std::fs::write(dir.join("ignored/c.txt"), broken).unwrap();
    std::fs::write(dir.join("notes.txt"), "Shopping: a) eggs; c) milk\n").unwrap();
    std::fs::write(dir.join("image.png"), "recalling\n\na) x;\n\nc) y;\n").unwrap();
    let (stdout, stderr, code) = draftls_in(&dir, &["check", "--jobs", "2", "--color", "never", "."]);
    assert_eq!(code, 1, "{stderr}");
    let checked: Vec<&str> = stdout.lines().filter(|l| l.contains(": checked as of")).collect();
    assert_eq!(checked.len(), 2, "{stdout}");
    assert!(stdout.contains("./a.txt:") && stdout.contains("./sub/b.md:"), "{stdout}");
    assert!(!stdout.contains("ignored") && !stdout.contains("notes.txt") && !stdout.contains("image.png"), "{stdout}");
    assert!(stderr.ends_with("2 files checked: 0 errors, 2 warnings, 0 information, 0 hints\n"), "{stderr}");
    std::fs::remove_dir_all(dir).unwrap();
}
