//! Storyline-level mentions: what the rule pack's vocabulary finds in an article, on top of the
//! language-level claims of [`crate::extract`].

mod automaton;
pub mod entities;
pub mod events;
pub mod names;
pub mod relations;

pub use entities::{EntityMatcher, EntityMention, Naming};
pub use events::{Counting, DateSlot, EventMatcher, EventMention, Gap, Ordinal};
pub use names::{ArticleNames, NameIndex, NameSpelling, Spelling, SurfaceStats};
pub use relations::{RelationClaim, TitleClaim};

pub(crate) use automaton::{AnchoredWords, WholeWords, WordAutomaton};
