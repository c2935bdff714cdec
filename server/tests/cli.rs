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
        stdout.contains(&format!("{}:43:1: warning[duplicate-label]: `a)` already labels", seed_path())),
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
fn fix_renumbers_so_check_passes_and_only_labels_change() {
    let out = draftls(&["fix", &seed_path()]);
    assert_eq!(out.status.code(), Some(0));
    let fixed = String::from_utf8(out.stdout).unwrap();
    let original = fixture(SEED);
    let (_, after) = diagnostics(&fixed);
    let lettering: Vec<_> =
        after.iter().filter(|d| matches!(d.code, "broken-lettering" | "duplicate-label")).map(|d| &d.message).collect();
    assert!(lettering.is_empty(), "{lettering:?}");
    let (a, b): (Vec<&str>, Vec<&str>) = (original.split('\n').collect(), fixed.split('\n').collect());
    assert_eq!(a.len(), b.len());
    let mut changed = 0;
    for (old, new) in a.iter().zip(&b) {
        if old != new {
            changed += 1;
            assert_eq!(after_label(old), after_label(new), "more than a label changed:\n{old}\n{new}");
        }
    }
    assert!(changed >= 10, "{changed} lines changed");
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
