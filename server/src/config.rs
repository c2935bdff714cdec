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
}

impl Default for Context {
    fn default() -> Context {
        Context { catalog: Catalog::builtin(), settings: Settings::default() }
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
/// built-in one with the file's entries merged in).
pub fn parse(text: &str) -> Result<Context, ConfigError> {
    let file: File =
        toml::from_str(text).map_err(|e| ConfigError { message: e.message().to_string(), range: e.span() })?;
    let mut severities = HashMap::new();
    for (code, severity) in file.severity {
        let parsed = parse_severity(&severity).map_err(|message| ConfigError { message, range: None })?;
        severities.insert(code, parsed);
    }
    let mut catalog = Catalog::builtin().as_ref().clone();
    let added = !file.catalog.conferences.is_empty() || !file.catalog.documents.is_empty();
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
    Ok(Context { catalog, settings: Settings { as_of: file.as_of, severities } })
}

/// The nearest `draftls.toml` in `dir` or a folder above it.
pub fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
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
}
