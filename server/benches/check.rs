//! Parse, full check, one-character edits (start, middle, end) with the
//! incremental re-analysis, hover and completion, on generated 1 MB and
//! 10 MB drafts (`support/generate.rs`).
//!
//! Run with `cargo bench -p draftls`; figures in docs/performance.md.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use draftls::analysis::Analysis;
use draftls::config::Context;
use draftls::document::Document;
use draftls::{completion, hover};

#[path = "support/generate.rs"]
mod generate;

fn bench(c: &mut Criterion) {
    let context = Context::default();
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for (name, bytes) in [("1 MB", 1_000_000), ("10 MB", 10_000_000)] {
        let text = generate::draft(bytes, 1);
        group.bench_function(format!("parse, {name}"), |b| b.iter(|| Document::new(&text).groups().len()));
        let doc = Document::new(&text);
        group.bench_function(format!("full check, {name}"), |b| {
            b.iter(|| Analysis::new(&doc, &context).diagnostics.len())
        });
        let analysis = Analysis::new(&doc, &context);
        for (place, at) in [("start", text.len() / 50), ("middle", text.len() / 2), ("end", text.len() - 100)] {
            let at = (at..).find(|&i| text.is_char_boundary(i)).expect("a boundary");
            group.bench_function(format!("one-character edit and re-analysis at the {place}, {name}"), |b| {
                b.iter_batched(
                    || doc.clone(),
                    |mut doc| {
                        doc.edit(at..at, "x");
                        Analysis::update(&doc, &context, Some(&analysis)).diagnostics.len()
                    },
                    BatchSize::LargeInput,
                )
            });
        }
        let cited = text.rfind("Resolution 69").expect("a citation") + 12;
        group.bench_function(format!("hover on a citation, {name}"), |b| {
            b.iter(|| hover::hover(&doc, &analysis, &context.catalog, cited).is_some())
        });
        let line_start = text[..cited].rfind('\n').map_or(0, |i| i + 1);
        group.bench_function(format!("completion after `Resolution `, {name}"), |b| {
            b.iter(|| completion::complete(&analysis, &context.catalog, &text[line_start..cited], cited).len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
