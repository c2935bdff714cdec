//! Prints a generated draft for benchmarks:
//! `cargo run --release -p draftls --example gen-draft -- BYTES [SEED] > draft.txt`.
#![deny(clippy::print_stdout)]

use std::io::Write;

#[path = "../benches/support/generate.rs"]
mod generate;

fn main() {
    let mut args = std::env::args().skip(1);
    let bytes: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let text = generate::draft(bytes, seed);
    std::io::stdout().lock().write_all(text.as_bytes()).expect("stdout is writable");
}
