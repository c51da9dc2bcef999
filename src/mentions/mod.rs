//! Storyline-level mentions: what the rule pack's vocabulary finds in an article, on top of the
//! language-level claims of [`crate::extract`].

pub mod entities;
pub mod events;
pub mod names;
pub mod relations;

pub use entities::{EntityMatcher, EntityMention, Naming};
pub use events::{Counting, DateSlot, EventMatcher, EventMention, Gap, Ordinal};
pub use names::{NameIndex, NameSpelling, SurfaceStats};
pub use relations::{RelationClaim, TitleClaim};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// A leftmost-longest automaton over a pack's words: a DFA (one table lookup per byte, what
/// every article's text goes through), or the crate's own choice when the pack is too large
/// for one. A pack's patterns are literals, so building fails only on size; an automaton
/// that matches nothing is the last resort.
pub(crate) fn word_automaton<P: AsRef<[u8]>>(
    patterns: &[P],
    ascii_case_insensitive: bool,
) -> AhoCorasick {
    let build = |kind| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(ascii_case_insensitive)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(kind)
            .build(patterns)
    };
    build(Some(AhoCorasickKind::DFA))
        .or_else(|_| build(None))
        .unwrap_or_else(|_| {
            AhoCorasick::new(Vec::<String>::new()).expect("an empty automaton always builds")
        })
}
