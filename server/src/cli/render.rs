//! Findings drawn as rustc draws its own, with rustc's renderer
//! (`annotate-snippets`): the line around the span, cut to the terminal's
//! width with `...` around a finding far into a long line, a caret under
//! the span, related places and fixes as notes below.

use std::io::IsTerminal;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::Checked;
use crate::diagnostics::{Diagnostic, Severity};

/// `--color`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    /// When stdout is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    Always,
    Never,
}

impl Color {
    pub fn enabled(self) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

/// Lines wider than this are cut around the span.
const WIDTH: usize = 100;

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Information => Level::INFO,
        Severity::Hint => Level::HELP,
    }
    .with_name(Some(severity.as_str()))
}

/// The lines of the file that hold `range`, with the first one's number
/// (1-based) and `range` relative to them: what a snippet shows.
fn excerpt(file: &Checked, range: &Range<usize>) -> (String, usize, Range<usize>) {
    let rope = &file.rope;
    let end = range.end.min(rope.len_bytes());
    let start = range.start.min(end);
    let (first, last) = (rope.byte_to_line(start), rope.byte_to_line(end.saturating_sub(1).max(start)));
    let from = rope.line_to_byte(first);
    let to = if last + 1 < rope.len_lines() { rope.line_to_byte(last + 1) } else { rope.len_bytes() };
    let text = rope.byte_slice(from..to).to_string();
    (text, first + 1, start - from..end - from)
}

/// One finding, drawn.
pub fn draw(file: &Checked, d: &Diagnostic, color: bool) -> String {
    let path = file.path.display().to_string();
    let (source, line, span) = excerpt(file, &d.range);
    let mut groups =
        vec![level(d.severity).primary_title(&d.message).id(d.code).element(
            Snippet::source(&source).line_start(line).path(&path).annotation(AnnotationKind::Primary.span(span)),
        )];
    let related: Vec<(String, usize, Range<usize>)> = d.related.iter().map(|r| excerpt(file, &r.range)).collect();
    for (r, (source, line, span)) in d.related.iter().zip(&related) {
        groups.push(
            Group::with_title(Level::NOTE.secondary_title(&r.message)).element(
                Snippet::source(source)
                    .line_start(*line)
                    .path(&path)
                    .annotation(AnnotationKind::Context.span(span.clone())),
            ),
        );
    }
    for fix in &d.fixes {
        groups.push(Group::with_title(Level::HELP.secondary_title(format!("fix: {}", fix.title))));
    }
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    renderer.term_width(WIDTH).render(&groups)
}

/// `2 files checked: 0 errors, 5 warnings, 3 information, 14 hints`.
pub fn summary(files: &[Checked]) -> String {
    let count = |s: Severity| files.iter().flat_map(|f| &f.diagnostics).filter(|d| d.severity == s).count();
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{} checked: {}, {}, {} information, {}",
        plural(files.len(), "file", "files"),
        plural(count(Severity::Error), "error", "errors"),
        plural(count(Severity::Warning), "warning", "warnings"),
        count(Severity::Information),
        plural(count(Severity::Hint), "hint", "hints"),
    )
}
