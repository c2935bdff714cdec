//! The `draftls` command: the language server on stdio, and `check`/`fix`.
#![deny(clippy::print_stdout)]

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use std::io::IsTerminal;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use draftls::cli::{self, Color, FixMode, Format};

#[derive(Parser)]
#[command(
    name = "draftls",
    version,
    about = "Language server and checker for drafts of resolutions",
    long_about = "Language server and checker for drafts of intergovernmental resolutions (ITU PP, WTDC, WTSA, \
                  Council, WTPF; UN style).\n\nWithout a command, draftls speaks the Language Server Protocol on \
                  stdin/stdout, for editors. To check a draft: draftls check DRAFT.txt"
)]
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
    ///
    /// Exit status: 0 when nothing of warning or error severity was found, 1
    /// when something was, 2 on a usage or I/O error.
    Check {
        /// human: findings as a compiler prints them; json: one array of
        /// findings; sarif: SARIF 2.1.0 for code-scanning tools.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Check citations as of this conference (PP-18) or date (2018-10-29)
        /// instead of the one the draft names.
        #[arg(long, value_name = "CONFERENCE|DATE")]
        as_of: Option<String>,
        /// Colour the human format: auto (when stdout is a terminal and
        /// NO_COLOR is unset), always or never.
        #[arg(long, value_enum, default_value = "auto")]
        color: Color,
        /// Only the findings: no "checked as of" lines, no summary.
        #[arg(long, short)]
        quiet: bool,
        /// Check on this many threads (default: one per core).
        #[arg(long, short, value_name = "N")]
        jobs: Option<usize>,
        /// The drafts to check (plain text or Markdown, UTF-8), or folders: their
        /// .txt, .md and .resolution files that git does not ignore and that
        /// read as drafts.
        #[arg(required = true, value_name = "DRAFT|FOLDER")]
        paths: Vec<PathBuf>,
    },
    /// Look up the catalog of resolutions and conferences.
    Catalog {
        #[command(subcommand)]
        command: CatalogCommand,
    },
    /// Apply every safe fix (relabelling and renumbering broken lists).
    ///
    /// Prints the fixed text of one draft (or a diff, or rewrites the files);
    /// the labels it changed go to stderr. Running it twice changes nothing
    /// the second time.
    Fix {
        /// Rewrite the files in place instead of printing the fixed text.
        #[arg(long, conflicts_with = "diff")]
        write: bool,
        /// Print a unified diff of each file instead of its fixed text.
        #[arg(long)]
        diff: bool,
        /// Do not report the changed labels on stderr.
        #[arg(long, short)]
        quiet: bool,
        /// The draft files to fix (one, unless --write or --diff).
        #[arg(required = true, value_name = "DRAFT")]
        paths: Vec<PathBuf>,
    },
}

#[derive(Subcommand)]
enum CatalogCommand {
    /// Show entries by kind, number and body, with their history, evidence and sources.
    Show {
        /// A kind and number, and optionally a body: "Resolution 69 WTDC", "Opinion 4", "64/211".
        #[arg(value_name = "QUERY")]
        query: String,
    },
    /// Search titles, bodies, numbers and keywords: cybersecurity.
    Search {
        /// Words that must all match (a title, body, number or keyword).
        #[arg(required = true, value_name = "WORD")]
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

/// The diagnostic codes, for `--help`.
fn codes_help() -> String {
    let mut out = String::from("Diagnostic codes:\n");
    for code in cli::CODES {
        out.push_str(&format!("  {code:<22}{}\n", cli::rule_description(code)));
    }
    out
}

fn main() -> ExitCode {
    let command =
        Args::command().after_long_help(codes_help()).mut_subcommand("check", |c| c.after_long_help(codes_help()));
    let parsed = command.try_get_matches().and_then(|m| Args::from_arg_matches(&m));
    let args = match parsed {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return exit(if e.use_stderr() { cli::EXIT_TROUBLE } else { cli::EXIT_CLEAN });
        }
    };
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    match args.command {
        None | Some(Command::Lsp { .. }) => {
            // A person at a terminal, not an editor: say what this is.
            if args.command.is_none() && std::io::stdin().is_terminal() {
                let _ = writeln!(
                    err,
                    "draftls: speaking the Language Server Protocol on stdin (for editors); to check a draft, run `draftls check DRAFT.txt` (Ctrl-D to quit, `draftls --help`)"
                );
            }
            drop(out);
            drop(err);
            draftls::lsp::run();
            ExitCode::SUCCESS
        }
        Some(Command::Check { format, as_of, color, quiet, jobs, paths }) => match cli::Contexts::new(as_of) {
            Ok(mut contexts) => {
                if let Some(jobs) = jobs {
                    // Only fails when a pool was already built: nothing to do then.
                    let _ = rayon::ThreadPoolBuilder::new().num_threads(jobs.max(1)).build_global();
                }
                let options = cli::Options { format, color, quiet };
                exit(cli::check(&paths, options, &mut contexts, &mut out, &mut err))
            }
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
        Some(Command::Fix { write, diff, quiet, paths }) => {
            let mode = match (write, diff) {
                (true, _) => FixMode::Write,
                (false, true) => FixMode::Diff,
                (false, false) => FixMode::Print,
            };
            exit(cli::fix(&paths, mode, quiet, &mut out, &mut err))
        }
    }
}
