//! Grammar-level checks: fixtures parse cleanly, blocks parse alone as they do
//! in the whole document, queries compile and capture, generated sources are
//! fresh, and the seed's tree matches its reviewed snapshot.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use tree_sitter::{Language, Node, Parser, Query, QueryCursor, StreamingIterator, Tree};

fn language() -> Language {
    tree_sitter_resolution::LANGUAGE.into()
}

fn parse(text: &str) -> Tree {
    let mut parser = Parser::new();
    parser.set_language(&language()).unwrap();
    parser.parse(text, None).expect("the parser always returns a tree")
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn seed() -> String {
    std::fs::read_to_string(fixtures_dir().join("seed-res130-busan2014.txt")).unwrap()
}

/// ERROR and MISSING nodes, as `kind line:column` (1-based line).
fn problems(tree: &Tree) -> Vec<String> {
    let mut found = Vec::new();
    let mut cursor = tree.walk();
    let mut visit = true;
    loop {
        let node = cursor.node();
        if visit && (node.is_error() || node.is_missing()) {
            let at = node.start_position();
            found.push(format!("{} {}:{}", node.kind(), at.row + 1, at.column));
        }
        if visit && cursor.goto_first_child() {
            continue;
        }
        if cursor.goto_next_sibling() {
            visit = true;
            continue;
        }
        if !cursor.goto_parent() {
            break;
        }
        visit = false;
    }
    found
}

#[test]
fn every_fixture_parses_without_errors() {
    let mut checked = 0;
    for entry in std::fs::read_dir(fixtures_dir()).unwrap() {
        let path = entry.unwrap().path();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let tree = parse(&text);
        assert_eq!(problems(&tree), Vec::<String>::new(), "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 3, "expected the seed and the UN controls, checked {checked}");
}

#[test]
fn line_endings_bom_tabs_and_empty_input_parse_without_errors() {
    let lf = seed();
    let reference = parse(&lf).root_node().to_sexp();
    let variants = [
        ("crlf", lf.replace('\n', "\r\n")),
        ("cr", lf.replace('\n', "\r")),
        ("bom", format!("\u{FEFF}{lf}")),
        ("no final newline", lf.trim_end().to_string()),
        ("tabs", lf.replace("\n- ", "\n\t- ").replace(" - ", "\t- ")),
        ("u+2028", lf.replace("; ", ";\u{2028}")),
    ];
    for (name, text) in &variants {
        let tree = parse(text);
        assert_eq!(problems(&tree), Vec::<String>::new(), "{name}");
        assert_eq!(tree.root_node().to_sexp(), reference, "{name} changes the structure");
    }
    for text in ["", "\n", "\r\n\r\n", "   \t", "\u{FEFF}"] {
        assert_eq!(problems(&parse(text)), Vec::<String>::new(), "{text:?}");
    }
}

/// The block nodes of a tree (children of the title block and sections).
fn blocks<'t>(tree: &'t Tree) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    let root = tree.root_node();
    for group in root.named_children(&mut root.walk()) {
        out.extend(group.named_children(&mut group.walk()));
    }
    out
}

#[test]
fn a_block_parsed_alone_gives_the_same_subtree() {
    let text = seed();
    let whole = parse(&text);
    let in_document: Vec<String> = blocks(&whole).iter().map(|n| n.to_sexp()).collect();

    let mut alone = Vec::new();
    for chunk in text.split("\n\n").filter(|c| !c.trim().is_empty()) {
        let tree = parse(chunk);
        alone.extend(blocks(&tree).iter().map(|n| n.to_sexp()));
    }
    assert_eq!(alone.len(), in_document.len());
    for (i, (a, d)) in alone.iter().zip(&in_document).enumerate() {
        assert_eq!(a, d, "block {i}");
    }
}

#[test]
fn queries_compile() {
    for (name, source) in
        [("highlights", tree_sitter_resolution::HIGHLIGHTS_QUERY), ("folds", tree_sitter_resolution::FOLDS_QUERY)]
    {
        Query::new(&language(), source).unwrap_or_else(|e| panic!("{name}.scm: {e}"));
    }
}

/// Capture names found on each 1-based line of the seed.
fn captures_by_line(query_source: &str) -> Vec<(usize, String)> {
    let text = seed();
    let tree = parse(&text);
    let query = Query::new(&language(), query_source).unwrap();
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(&query, tree.root_node(), text.as_bytes());
    let mut found = Vec::new();
    while let Some(m) = matches.next() {
        for capture in m.captures() {
            let row = capture.node.start_position().row + 1;
            found.push((row, query.capture_names()[capture.index as usize].to_string()));
        }
    }
    found
}

#[test]
fn highlights_colour_headings_labels_tags_citations_and_revisions() {
    let found = captures_by_line(tree_sitter_resolution::HIGHLIGHTS_QUERY);
    let has = |line: usize, capture: &str| found.contains(&(line, capture.to_string()));
    assert!(has(21, "markup.heading"), "recalling");
    assert!(has(207, "markup.heading"), "resolves");
    assert!(has(27, "markup.list"), "a)");
    assert!(has(23, "attribute"), "ARB/79A2/13");
    assert!(has(81, "attribute"), "Option 1");
    assert!(has(35, "markup.link.label"), "Resolution 174 (Rev. Guadalajara, 2010)");
    assert!(has(39, "diff.minus"), "~~a) ...~~");
    assert!(has(105, "diff.plus"), "[activities](#)");
}

#[test]
fn folds_cover_sections_and_clauses() {
    let found = captures_by_line(tree_sitter_resolution::FOLDS_QUERY);
    assert!(found.contains(&(21, "fold".to_string())), "the recalling section");
    assert!(found.contains(&(27, "fold".to_string())), "clause a)");
}

#[test]
fn arbitrary_input_always_gives_a_tree_covering_it() {
    // A small deterministic generator over the characters that matter most.
    let alphabet: Vec<char> = "ab)(1.-~[]{}+=<>*^§¹ \t\n\r\u{2028}éResolution/ARB79A2".chars().collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..300 {
        let mut text = String::new();
        for _ in 0..200 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        let tree = parse(&text);
        let root = tree.root_node();
        assert!(root.end_byte() <= text.len());
    }
}

/// Named nodes with field names, 1-based lines and byte columns, and the text of
/// short leaves, one node a line: the seed snapshot a reviewer reads.
fn outline(node: Node, source: &str, field: Option<&str>, depth: usize, out: &mut String) {
    let (start, end) = (node.start_position(), node.end_position());
    let _ = write!(out, "{:indent$}", "", indent = depth * 2);
    if let Some(field) = field {
        let _ = write!(out, "{field}: ");
    }
    let _ = write!(out, "{} {}:{}-{}:{}", node.kind(), start.row + 1, start.column, end.row + 1, end.column);
    if node.named_child_count() == 0 && node.end_byte() - node.start_byte() <= 40 {
        let _ = write!(out, " {:?}", &source[node.byte_range()]);
    }
    out.push('\n');
    let mut cursor = node.walk();
    if cursor.goto_first_child() {
        loop {
            let child = cursor.node();
            if child.is_named() {
                outline(child, source, cursor.field_name(), depth + 1, out);
            }
            if !cursor.goto_next_sibling() {
                break;
            }
        }
    }
}

#[test]
fn seed_tree_matches_the_reviewed_snapshot() {
    let text = seed();
    let tree = parse(&text);
    let mut out = String::new();
    outline(tree.root_node(), &text, None, 0, &mut out);
    insta::assert_snapshot!("seed_tree", out);
}

#[test]
fn generated_sources_match_grammar_js() {
    let grammar_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out_dir = std::env::temp_dir().join(format!("tree-sitter-resolution-fresh-{}", std::process::id()));
    let cli = std::env::var("TREE_SITTER_CLI").unwrap_or_else(|_| "tree-sitter".into());
    let status = Command::new(&cli)
        .current_dir(grammar_dir)
        .args(["generate", "--js-runtime", "native", "-o"])
        .arg(&out_dir)
        .arg("grammar.js")
        .status()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `{cli}` ({e}); install it with `cargo install tree-sitter-cli --version 0.27.1 --locked`"
            )
        });
    assert!(status.success(), "`tree-sitter generate` failed");
    for file in ["parser.c", "grammar.json", "node-types.json"] {
        let fresh = std::fs::read(out_dir.join(file)).unwrap();
        let committed = std::fs::read(grammar_dir.join("src").join(file)).unwrap();
        assert!(
            fresh == committed,
            "grammar/src/{file} is out of date with grammar.js: run `tree-sitter generate` in grammar/ and commit"
        );
    }
    let _ = std::fs::remove_dir_all(&out_dir);
}
