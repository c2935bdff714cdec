//! Everything the checks find in a document, computed once per version.

use crate::checks::{lettering, marks};
use crate::diagnostics::{Diagnostic, Edit};
use crate::document::Document;
use crate::model;

pub struct Analysis {
    pub lettering: lettering::Lettering,
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn new(doc: &Document) -> Analysis {
        let sections = model::sections(doc);
        let lettering = lettering::check(&sections);
        let mut diagnostics = lettering.diagnostics.clone();
        diagnostics.extend(marks::check(&sections));
        diagnostics.sort_by_key(|d| (d.range.start, d.range.end));
        Analysis { lettering, diagnostics }
    }

    /// All safe fixes of the document, without overlaps.
    pub fn fix_all(&self) -> Vec<Edit> {
        self.lettering.fix_all()
    }
}
