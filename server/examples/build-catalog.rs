//! Writes `server/data/catalog.json` and `COVERAGE.md` from the source extracts under
//! `server/data/sources/` (see `draftls::catalog::build`).
#![deny(clippy::print_stdout)]

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    match draftls::catalog::build::build(&data.join("sources")) {
        Ok(catalog) => {
            let path = data.join("catalog.json");
            let coverage = data.join("COVERAGE.md");
            for (path, text) in [
                (&path, draftls::catalog::build::to_json(&catalog)),
                (&coverage, draftls::catalog::build::coverage(&catalog)),
            ] {
                if let Err(e) = std::fs::write(path, text) {
                    eprintln!("build-catalog: {}: {e}", path.display());
                    return ExitCode::from(2);
                }
            }
            eprintln!(
                "build-catalog: {} conferences, {} documents -> {}",
                catalog.conferences.len(),
                catalog.documents.len(),
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprintln!("build-catalog: the sources do not make a valid catalog:\n{problems}");
            ExitCode::from(1)
        }
    }
}
