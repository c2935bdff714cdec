//! A deterministic generator of realistic drafts for benchmarks: a title
//! block, preambular and operative sections with lettered and numbered
//! clauses, sub-items, proposal tags, options, revision marks, citations of
//! current and outdated revisions, and a few real errors (a gap, a duplicate,
//! a fused label, an outdated citation, an unclosed mark), like the seed.
//!
//! Shared by `benches/check.rs` and `examples/gen-draft.rs` through
//! `#[path]`; no dependency, a small xorshift for the choices.

/// The draft, about `bytes` long (it stops after the section that reaches it).
pub fn draft(bytes: usize, seed: u64) -> String {
    let mut rng = Rng(seed.max(1));
    let mut text = String::with_capacity(bytes + 4096);
    text.push_str("PLENIPOTENTIARY CONFERENCE (PP-14)\n\nDocument DT/10-E\n25 October 2014\n\n");
    text.push_str("RESOLUTION 130 (REV. ~~GUADALAJARA, 2010~~BUSAN, 2014)\n\n");
    text.push_str("**Strengthening the role of ITU in building confidence and security in the use of ICTs**\n\n");
    text.push_str("The Plenipotentiary Conference of the International Telecommunication Union (Busan, 2014),\n\n");
    const PREAMBULAR: [&str; 6] = ["recalling", "considering", "recognizing", "aware", "noting", "bearing in mind"];
    const OPERATIVE: [&str; 4] = [
        "resolves",
        "instructs the Secretary-General",
        "invites Member States",
        "instructs the Director of the Telecommunication Development Bureau",
    ];
    const CITATIONS: [&str; 8] = [
        "Resolution 45 (Rev. Dubai, 2014) of the World Telecommunication Development Conference",
        "Resolution 69 (Rev. Dubai, 2014) of the World Telecommunication Development Conference",
        "Resolutions 50 and 52 (Rev. Dubai, 2012) of the World Telecommunication Standardization Assembly",
        "Resolution 174 (Guadalajara, 2010) of the Plenipotentiary Conference",
        "Resolution 130 (Rev. ~~Antalya, 2006~~ Guadalajara, 2010) of the Plenipotentiary Conference",
        "UNGA Resolution 68/198",
        "Opinion 4 (Lisbon, 2009) of the World Telecommunication Policy Forum",
        // Outdated as of PP-14: WTDC-14 revised it.
        "Resolution 69 (Hyderabad, 2010) of the World Telecommunication Development Conference",
    ];
    const WORDS: [&str; 16] = [
        "that",
        "the",
        "Union",
        "cooperation",
        "on",
        "cybersecurity",
        "including",
        "countering",
        "spam",
        "in",
        "developing",
        "countries",
        "[enhanced](#)",
        "~~existing~~",
        "networks",
        "“é”",
    ];
    let mut section = 0usize;
    while text.len() < bytes {
        section += 1;
        let operative = section.is_multiple_of(3);
        let heading =
            if operative { OPERATIVE[rng.below(OPERATIVE.len())] } else { PREAMBULAR[rng.below(PREAMBULAR.len())] };
        text.push_str(heading);
        text.push_str("\n\n");
        let clauses = 6 + rng.below(14);
        let mut label = 0usize;
        for _ in 0..clauses {
            label += 1;
            // A few real errors, rarely: a gap, a repeated label, a fused one.
            let shown = match rng.below(400) {
                0 => label + 1,
                1 => label.saturating_sub(1).max(1),
                _ => label,
            };
            let mut written = if operative { format!("{shown}") } else { letter(shown) };
            if !operative && rng.below(500) == 0 {
                written =
                    format!("{}{})", letter(shown + 1).trim_end_matches(')'), letter(shown).trim_end_matches(')'));
            }
            if rng.below(6) == 0 {
                text.push_str(&format!("ARB/79A2/{}\n\n", 10 + rng.below(40)));
            }
            text.push_str(&written);
            text.push(' ');
            for _ in 0..8 + rng.below(30) {
                text.push_str(WORDS[rng.below(WORDS.len())]);
                text.push(' ');
            }
            if rng.below(3) == 0 {
                text.push_str(CITATIONS[rng.below(CITATIONS.len())]);
            }
            if rng.below(2000) == 0 {
                text.push_str(" ~~left open");
            }
            let sub = rng.below(8) == 0;
            text.push_str(if sub { ":\n\n" } else { ";\n\n" });
            if sub {
                for i in 1..=2 + rng.below(3) {
                    text.push_str(&format!(
                        "- {}) {} {};\n",
                        roman(i),
                        WORDS[rng.below(WORDS.len())],
                        WORDS[rng.below(WORDS.len())]
                    ));
                }
                text.push('\n');
            }
        }
    }
    text
}

fn letter(n: usize) -> String {
    let c = char::from(b'a' + ((n - 1) % 26) as u8);
    format!("{})", c.to_string().repeat((n - 1) / 26 + 1))
}

fn roman(n: usize) -> &'static str {
    ["i", "ii", "iii", "iv", "v", "vi"][(n - 1).min(5)]
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}
