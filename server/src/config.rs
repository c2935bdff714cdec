//! Settings: `draftls.toml` beside the drafts (or above them), the editor's
//! settings and command-line flags. A broken file is reported and ignored;
//! the built-in catalog keeps working.
//!
//! ```toml
//! as-of = "PP-14"              # a conference of the catalog, or a date
//!
//! [severity]                   # error, warning, information, hint or off
//! outdated-conference = "off"
//!
//! [[catalog.conferences]]      # entries added to or replacing the catalog's
//! id = "WTDC-29"
//! # ...
//! ```
//!
//! `catalogs = ["draftls-catalog.json"]` names user catalogs (paths relative
//! to the file), merged over the built-in catalog before the file's own
//! `[[catalog.*]]` entries (see `Catalog::overlay`).

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::catalog::Catalog;
use crate::diagnostics::Severity;

pub const FILE_NAME: &str = "draftls.toml";

/// What a code's findings are reported as; `None` turns it off.
pub type SeverityOverrides = HashMap<String, Option<Severity>>;

#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub as_of: Option<String>,
    pub severities: SeverityOverrides,
}

/// Settings and the catalog they make, for one draft.
#[derive(Clone, Debug)]
pub struct Context {
    pub catalog: Arc<Catalog>,
    pub settings: Settings,
    /// The user catalogs `draftls.toml` lists, as paths (absolute when the
    /// file's folder was given).
    pub catalogs: Vec<PathBuf>,
}

impl Default for Context {
    fn default() -> Context {
        Context { catalog: Catalog::builtin(), settings: Settings::default(), catalogs: Vec::new() }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    as_of: Option<String>,
    #[serde(default)]
    severity: HashMap<String, String>,
    #[serde(default)]
    catalog: Catalog,
    /// User catalogs (`catalog import`), relative to the file.
    #[serde(default)]
    catalogs: Vec<toml::Spanned<String>>,
}

/// A problem in a `draftls.toml`, with where it is when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
    pub range: Option<Range<usize>>,
}

pub fn parse_severity(text: &str) -> Result<Option<Severity>, String> {
    Ok(Some(match text {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        "information" | "info" => Severity::Information,
        "hint" => Severity::Hint,
        "off" | "none" => return Ok(None),
        other => return Err(format!("unknown severity `{other}` (error, warning, information, hint or off)")),
    }))
}

/// Reads a `draftls.toml` text: its settings and the catalog it makes (the
/// built-in one with the file's entries merged in). User catalogs are read
/// relative to the current folder; see `load`.
pub fn parse(text: &str) -> Result<Context, ConfigError> {
    load(text, None)
}

/// Reads a `draftls.toml` text that lives in `dir`: its settings and the
/// catalog it makes (the built-in one, then the user catalogs it lists, then
/// its own `[[catalog.*]]` entries). A user catalog that is missing or
/// broken is an error pointing at its name in the file.
pub fn load(text: &str, dir: Option<&Path>) -> Result<Context, ConfigError> {
    let file: File =
        toml::from_str(text).map_err(|e| ConfigError { message: e.message().to_string(), range: e.span() })?;
    let mut severities = HashMap::new();
    for (code, severity) in file.severity {
        let parsed = parse_severity(&severity).map_err(|message| ConfigError { message, range: None })?;
        severities.insert(code, parsed);
    }
    let mut catalog = Catalog::builtin().as_ref().clone();
    let mut catalogs = Vec::new();
    for name in &file.catalogs {
        let path = resolve(dir, name.get_ref());
        let user = crate::catalog::user::read(&path)
            .map_err(|message| ConfigError { message: format!("catalogs: {message}"), range: Some(name.span()) })?;
        catalog.overlay(user);
        let problems = catalog.problems();
        if !problems.is_empty() {
            let message = format!("catalogs: {}: {}", path.display(), problems.join("; "));
            return Err(ConfigError { message, range: Some(name.span()) });
        }
        catalogs.push(path);
    }
    let added = !file.catalog.conferences.is_empty() || !file.catalog.documents.is_empty() || !catalogs.is_empty();
    if added {
        catalog.merge(file.catalog);
        let problems = catalog.problems();
        if !problems.is_empty() {
            return Err(ConfigError { message: format!("catalog: {}", problems.join("; ")), range: None });
        }
    }
    let catalog = if added { Arc::new(catalog) } else { Catalog::builtin() };
    if let Some(as_of) = &file.as_of {
        crate::checks::references::parse_as_of(&catalog, as_of)
            .map_err(|message| ConfigError { message, range: None })?;
    }
    Ok(Context { catalog, settings: Settings { as_of: file.as_of, severities }, catalogs })
}

/// A path named in `draftls.toml`, relative to its folder.
fn resolve(dir: Option<&Path>, name: &str) -> PathBuf {
    match dir {
        Some(dir) => dir.join(name),
        None => PathBuf::from(name),
    }
}

/// The user catalogs a `draftls.toml` text lists, even when the rest of it
/// is broken (so an editor can watch them).
pub fn listed_catalogs(text: &str, dir: Option<&Path>) -> Vec<PathBuf> {
    let Ok(value) = text.parse::<toml::Table>() else { return Vec::new() };
    let Some(list) = value.get("catalogs").and_then(|v| v.as_array()) else { return Vec::new() };
    list.iter().filter_map(|v| v.as_str()).map(|name| resolve(dir, name)).collect()
}

/// The `draftls.toml` text with `name` listed in `catalogs` (added as the
/// first line when the file lists none).
pub fn with_catalog_listed(text: &str, name: &str) -> String {
    // A JSON string is a TOML basic string.
    let entry = serde_json::Value::String(name.to_string()).to_string();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let listed = lines.iter().position(|l| {
        let l = l.trim_start();
        l.starts_with("catalogs") && l["catalogs".len()..].trim_start().starts_with('=')
    });
    match listed {
        Some(i) if lines[i].trim_end().ends_with(']') => {
            let line = lines[i].trim_end();
            let inside = line[line.find('[').map_or(line.len() - 1, |p| p + 1)..line.len() - 1].trim();
            let joined = if inside.is_empty() { entry } else { format!("{inside}, {entry}") };
            lines[i] = format!("catalogs = [{joined}]");
        }
        _ => lines.insert(0, format!("catalogs = [{entry}]")),
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// The nearest `draftls.toml` in `dir` or a folder above it.
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
}

/// The default name of a user catalog that the editor's "Add … to the user
/// catalog" action creates beside `draftls.toml`.
pub const USER_CATALOG: &str = "draftls-catalog.json";

/// The files to write to add `doc` to the user catalog: the first catalog
/// `draftls.toml` lists or, when it lists none, a new `draftls-catalog.json`
/// beside it, and the file with it listed. `config` is the `draftls.toml` in
/// use (when none, the nearest one above `draft`, or a new one beside it).
pub fn add_to_user_catalog(
    config: Option<&Path>,
    draft: &Path,
    doc: crate::catalog::Document,
) -> Result<Vec<(PathBuf, String)>, String> {
    let draft_dir = draft.parent().unwrap_or(Path::new("."));
    let config = config.map(Path::to_path_buf).or_else(|| find(draft_dir)).unwrap_or(draft_dir.join(FILE_NAME));
    let config_text = match std::fs::read_to_string(&config) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{}: cannot read: {e}", config.display())),
    };
    let dir = config.parent().unwrap_or(Path::new("."));
    let read = |path: &Path| match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: cannot read: {e}", path.display())),
    };
    let mut writes = Vec::new();
    let target = match listed_catalogs(&config_text, Some(dir)).into_iter().next() {
        Some(listed) => listed,
        None => {
            writes.push((config.clone(), with_catalog_listed(&config_text, USER_CATALOG)));
            dir.join(USER_CATALOG)
        }
    };
    let existing = read(&target)?;
    let text = crate::catalog::user::with_document(existing.as_deref(), doc)
        .map_err(|e| format!("{}: {e}", target.display()))?;
    writes.insert(0, (target, text));
    Ok(writes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_and_user_entries_are_read() {
        let context = parse(
            r#"
as-of = "PP-18"
[severity]
outdated-conference = "off"
unknown-reference = "warning"

[[catalog.documents]]
id = "ORG-Resolution-7"
body = "ORG"
kind = "Resolution"
number = "7"
title = "A resolution of another organisation"
history = ["PP-14"]
sources = ["https://example.org/res7"]
"#,
        )
        .unwrap();
        assert_eq!(context.settings.as_of.as_deref(), Some("PP-18"));
        assert_eq!(context.settings.severities["outdated-conference"], None);
        assert!(context.catalog.document("ORG", "Resolution", "7").is_some());
        assert!(context.catalog.document("WTDC", "Resolution", "69").is_some());
    }

    #[test]
    fn broken_files_say_what_and_where() {
        let error = parse("as-of = \n").unwrap_err();
        assert!(error.range.is_some(), "{error:?}");
        let error = parse("[severity]\nbroken-lettering = \"loud\"\n").unwrap_err();
        assert!(error.message.contains("unknown severity `loud`"));
        let error = parse("[[catalog.documents]]\nid = \"x\"\nbody = \"PP\"\nkind = \"Resolution\"\nnumber = \"999\"\ntitle = \"t\"\nhistory = [\"PP-77\"]\nsources = [\"s\"]\n").unwrap_err();
        assert!(error.message.contains("unknown conference PP-77"), "{error:?}");
        assert!(parse("as-of = \"XYZ\"").unwrap_err().message.contains("neither a conference"));
        assert!(parse("colour = \"red\"").is_err());
    }

    #[test]
    fn user_catalogs_are_listed_and_read_relative_to_the_file() {
        let dir = std::env::temp_dir().join(format!("draftls-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let stub = crate::catalog::user::stub("PP", "Resolution", "999", "file:///d.txt#L3");
        std::fs::write(dir.join("user.json"), crate::catalog::user::with_document(None, stub).unwrap()).unwrap();
        let context = load("catalogs = [\"user.json\"]\n", Some(&dir)).unwrap();
        assert!(context.catalog.document("PP", "Resolution", "999").is_some());
        assert_eq!(context.catalogs, [dir.join("user.json")]);
        let error = load("as-of = \"PP-18\"\ncatalogs = [\"nope.json\"]\n", Some(&dir)).unwrap_err();
        assert!(error.message.contains("nope.json: cannot read"), "{error:?}");
        assert_eq!(error.range, Some(28..39));
        std::fs::write(dir.join("broken.json"), "{\"documents\": [1]}").unwrap();
        assert!(load("catalogs = [\"broken.json\"]", Some(&dir)).unwrap_err().message.contains("broken.json:1:"));
        assert_eq!(listed_catalogs("catalogs = [\"a.json\", \"b/c.json\"]\n[severity]\nx = 1", Some(&dir)).len(), 2);
    }

    #[test]
    fn a_catalog_is_listed_in_a_new_or_existing_file() {
        assert_eq!(with_catalog_listed("", "draftls-catalog.json"), "catalogs = [\"draftls-catalog.json\"]\n");
        assert_eq!(
            with_catalog_listed("as-of = \"PP-14\"\n[severity]\n", "u.json"),
            "catalogs = [\"u.json\"]\nas-of = \"PP-14\"\n[severity]\n"
        );
        assert_eq!(with_catalog_listed("catalogs = []\n", "u.json"), "catalogs = [\"u.json\"]\n");
        let listed = with_catalog_listed("catalogs = [\"a.json\"]\n", "u.json");
        assert_eq!(listed, "catalogs = [\"a.json\", \"u.json\"]\n");
        assert!(parse(&listed).is_err(), "the files do not exist here");
    }

    #[test]
    fn adding_to_the_user_catalog_creates_it_and_lists_it() {
        let dir = std::env::temp_dir().join(format!("draftls-add-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let draft = dir.join("draft.txt");
        let stub = || crate::catalog::user::stub("PP", "Resolution", "999", "file:///draft.txt#L7");
        let writes = add_to_user_catalog(None, &draft, stub()).unwrap();
        let paths: Vec<&PathBuf> = writes.iter().map(|(p, _)| p).collect();
        assert_eq!(paths, [&dir.join(USER_CATALOG), &dir.join(FILE_NAME)]);
        for (path, text) in &writes {
            std::fs::write(path, text).unwrap();
        }
        let context = load(&std::fs::read_to_string(dir.join(FILE_NAME)).unwrap(), Some(&dir)).unwrap();
        assert!(context.catalog.document("PP", "Resolution", "999").is_some());
        // Listed now: only the catalog changes; the same entry twice is refused.
        assert!(add_to_user_catalog(Some(&dir.join(FILE_NAME)), &draft, stub()).unwrap_err().contains("already"));
        let other = crate::catalog::user::stub("WTDC", "Resolution", "998", "file:///draft.txt#L9");
        let writes = add_to_user_catalog(None, &draft, other).unwrap();
        assert_eq!(writes.len(), 1);
    }
}
