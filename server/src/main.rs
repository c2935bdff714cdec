//! The `draftls` command: the language server on stdio, and `check`/`fix`.
#![deny(clippy::print_stdout)]

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use draftls::cli::{self, Format};

#[derive(Parser)]
#[command(name = "draftls", version, about = "Language server and checker for drafts of resolutions")]
struct Args {
    /// Serve the Language Server Protocol on stdin/stdout (the default).
    #[arg(long)]
    stdio: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the Language Server Protocol on stdin/stdout.
    Lsp {
        /// Accepted for editors that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Check drafts and report what is wrong, like a compiler.
    Check {
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Check citations as of this conference (PP-18) or date (2018-10-29)
        /// instead of the one the draft names.
        #[arg(long)]
        as_of: Option<String>,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Look up the catalog of resolutions and conferences.
    Catalog {
        #[command(subcommand)]
        command: CatalogCommand,
    },
    /// Apply every safe fix (renumbering of broken lists).
    Fix {
        /// Rewrite the files in place instead of printing the fixed text.
        #[arg(long)]
        write: bool,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

#[derive(Subcommand)]
enum CatalogCommand {
    /// Show entries by kind, number and body: "Resolution 69 WTDC".
    Show { query: String },
    /// Search titles, bodies, numbers and keywords: cybersecurity.
    Search {
        #[arg(required = true)]
        words: Vec<String>,
    },
    /// Make a user catalog from official texts (final acts, reports, proceedings).
    Import {
        /// The user catalog to write.
        #[arg(long, short, default_value = "draftls-catalog.json")]
        output: PathBuf,
        /// Files (or folders of .txt and .md files) holding adopted texts.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

fn exit(code: i32) -> ExitCode {
    ExitCode::from(code as u8)
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return exit(if e.use_stderr() { cli::EXIT_TROUBLE } else { cli::EXIT_CLEAN });
        }
    };
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    match args.command {
        None | Some(Command::Lsp { .. }) => {
            drop(out);
            drop(err);
            draftls::lsp::run();
            ExitCode::SUCCESS
        }
        Some(Command::Check { format, as_of, paths }) => match cli::Contexts::new(as_of) {
            Ok(mut contexts) => exit(cli::check(&paths, format, &mut contexts, &mut out, &mut err)),
            Err(message) => {
                let _ = writeln!(err, "draftls check: {message}");
                exit(cli::EXIT_TROUBLE)
            }
        },
        Some(Command::Catalog { command: CatalogCommand::Show { query } }) => {
            exit(cli::catalog_show(&query, &mut out, &mut err))
        }
        Some(Command::Catalog { command: CatalogCommand::Search { words } }) => {
            exit(cli::catalog_search(&words.join(" "), &mut out, &mut err))
        }
        Some(Command::Catalog { command: CatalogCommand::Import { output, paths } }) => {
            exit(cli::catalog_import(&paths, &output, &mut err))
        }
        Some(Command::Fix { write, paths }) => exit(cli::fix(&paths, write, &mut out, &mut err)),
    }
}
