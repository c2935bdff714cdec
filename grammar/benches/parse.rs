//! Parse throughput of the grammar on a generated multi-megabyte draft: the
//! seed's text repeated until the draft is about 4.75 MB (the size at which a
//! whole-document reparse was measured for the design), parsed from scratch.
//!
//! Run with `cargo bench -p tree-sitter-resolution`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tree_sitter::Parser;

const TARGET_BYTES: usize = 4_750_000;

fn big_draft() -> String {
    let seed = include_str!("../../tests/fixtures/seed-res130-busan2014.txt");
    let mut text = String::with_capacity(TARGET_BYTES + seed.len());
    while text.len() < TARGET_BYTES {
        text.push_str(seed);
        text.push_str("\n\n");
    }
    text
}

fn parse_throughput(c: &mut Criterion) {
    let text = big_draft();
    let mut parser = Parser::new();
    parser.set_language(&tree_sitter_resolution::LANGUAGE.into()).unwrap();
    let mut group = c.benchmark_group("parse");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function(format!("full parse of a {:.2} MB draft", text.len() as f64 / 1e6), |b| {
        b.iter(|| parser.parse(&text, None).unwrap())
    });
    group.finish();
}

criterion_group!(benches, parse_throughput);
criterion_main!(benches);
