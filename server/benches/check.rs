//! Full parse+check of generated 1 MB and 10 MB drafts, and a one-character
//! edit in the middle of each followed by the re-parse and re-check.
//!
//! Run with `cargo bench -p draftls`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use draftls::analysis::Analysis;
use draftls::config::Context;
use draftls::document::Document;

/// A draft of about `bytes` bytes: sections of lettered and numbered clauses
/// with proposal tags, options and revision marks, like the seed.
fn generated_draft(bytes: usize) -> String {
    let mut text = String::from("RESOLUTION 130 (REV. BUSAN, 2014)\n\n**Generated draft**\n\n");
    text.push_str("The Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),\n\n");
    let mut section = 0;
    while text.len() < bytes {
        section += 1;
        let operative = section % 2 == 0;
        text.push_str(if operative { "resolves\n\n" } else { "considering\n\n" });
        for clause in 1..=12u8 {
            let label = if operative { format!("{clause}") } else { format!("{})", char::from(b'a' + clause - 1)) };
            if clause % 5 == 0 {
                text.push_str("ARB/79A2/13\n\n");
            }
            text.push_str(&format!(
                "{label} that Resolution 45 (Rev. ~~Hyderabad, 2010~~ Dubai, 2014) of section {section} \
                 calls for [enhanced](#) cooperation on cybersecurity, including countering spam – “é”;\n\n"
            ));
        }
    }
    text
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for (name, bytes) in [("1 MB", 1_000_000), ("10 MB", 10_000_000)] {
        let text = generated_draft(bytes);
        group.bench_function(format!("parse and check, {name}"), |b| {
            b.iter(|| Analysis::new(&Document::new(&text), &Context::default()).diagnostics.len())
        });
        let doc = Document::new(&text);
        let middle = text[text.len() / 2..].find("cooperation").unwrap() + text.len() / 2;
        group.bench_function(format!("one-character edit, re-parse and re-check, {name}"), |b| {
            b.iter_batched(
                || doc.clone(),
                |mut doc| {
                    doc.edit(middle..middle, "x");
                    Analysis::new(&doc, &Context::default()).diagnostics.len()
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
