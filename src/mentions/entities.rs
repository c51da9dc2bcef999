//! Finds the pack's entities in an article: full names and aliases, surnames resolved by
//! in-article coreference, and role phrases ("the Estavian president") resolved by date.

use chrono::NaiveDate;

use crate::extract::Span;
use crate::pack::{EntityId, EntityKind, Pack};

/// How a mention named its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// The canonical name or an alias.
    Full,
    /// A surname, resolved to the entity last named in full.
    Surname,
    /// A country's adjective ("Estavian"): names the country, not a participant.
    Demonym,
    /// A title with its country ("the Estavian president"), resolved by date.
    Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityMention {
    pub span: Span,
    pub entity: EntityId,
    pub naming: Naming,
}

#[derive(Debug, Clone)]
enum Target {
    Full(EntityId),
    Surname(Vec<EntityId>),
    Demonym(EntityId),
}

/// The pack's names compiled into one automaton, built once per run.
pub struct EntityMatcher {
    automaton: super::WordAutomaton,
    targets: Vec<Target>,
    /// Every title of every role, lowercase, longest first.
    titles: Vec<String>,
}

/// Spelling variants news text uses for multi-word names: "Han Seo Yun" → "Han Seo-yun".
fn hyphenated_variants(name: &str) -> Vec<String> {
    let Some(last_space) = name.rfind(' ') else {
        return Vec::new();
    };
    let (head, tail) = (&name[..last_space], &name[last_space + 1..]);
    if head.contains(' ') && tail.chars().next().is_some_and(char::is_uppercase) {
        let lower: String = tail
            .chars()
            .enumerate()
            .map(|(i, c)| if i == 0 { c.to_ascii_lowercase() } else { c })
            .collect();
        vec![format!("{head}-{tail}"), format!("{head}-{lower}")]
    } else {
        Vec::new()
    }
}

impl EntityMatcher {
    pub fn new(pack: &Pack) -> Self {
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Target> = Vec::new();
        let mut add = |pattern: String, target: Target| {
            if pattern.trim().is_empty() {
                return;
            }
            match patterns.iter().position(|known| *known == pattern) {
                // A full name beats a surname or demonym spelled the same.
                Some(index) => match (&mut targets[index], target) {
                    (Target::Surname(ids), Target::Surname(more)) => ids.extend(more),
                    (slot @ (Target::Surname(_) | Target::Demonym(_)), full @ Target::Full(_)) => {
                        *slot = full
                    }
                    _ => {}
                },
                None => {
                    patterns.push(pattern);
                    targets.push(target);
                }
            }
        };
        for (index, entity) in pack.entities.iter().enumerate() {
            let id = EntityId(index as u32);
            for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                for variant in hyphenated_variants(name) {
                    add(variant, Target::Full(id));
                }
                add(name.clone(), Target::Full(id));
            }
            for surname in &entity.surnames {
                add(surname.clone(), Target::Surname(vec![id]));
            }
            for demonym in &entity.demonyms {
                add(demonym.clone(), Target::Demonym(id));
            }
        }
        let automaton = super::WordAutomaton::new(&patterns, false);
        let titles = pack.titles();
        EntityMatcher {
            automaton,
            targets,
            titles,
        }
    }

    /// Every entity mention in `text`, in order. `sentence_dates` gives, for a byte offset, the
    /// date its sentence speaks of (for role phrases); `publication` is the fallback.
    pub fn find(
        &self,
        pack: &Pack,
        text: &str,
        date_at: &dyn Fn(usize) -> Option<(NaiveDate, NaiveDate)>,
    ) -> Vec<EntityMention> {
        // Sized for news, so that the list is not doubled on the way.
        let mut mentions: Vec<EntityMention> = Vec::with_capacity(text.len() / ENTITY_BYTES);
        let mut surnames: Vec<(Span, &[EntityId])> = Vec::new();
        for found in self.automaton.find_iter(text) {
            if !is_word_boundary(text, found.start(), found.end())
                || is_hashtag(text, found.start())
            {
                continue;
            }
            let span = Span::new(found.start(), found.end());
            match &self.targets[found.pattern().as_usize()] {
                Target::Full(id) => mentions.push(EntityMention {
                    span,
                    entity: *id,
                    naming: Naming::Full,
                }),
                Target::Demonym(id) => mentions.push(EntityMention {
                    span,
                    entity: *id,
                    naming: Naming::Demonym,
                }),
                Target::Surname(ids) => surnames.push((span, ids)),
            }
        }
        let mut person_starts: Vec<usize> = mentions
            .iter()
            .filter(|mention| pack.entity(mention.entity).kind == EntityKind::Person)
            .map(|mention| mention.span.start)
            .chain(surnames.iter().map(|(span, _)| span.start))
            .collect();
        person_starts.sort_unstable();
        let roles = self.role_phrases(pack, text, &mentions, &person_starts, date_at);
        mentions.extend(roles);
        mentions.sort_by_key(|mention| (mention.span, mention.entity));
        let resolved = resolve_surnames(text, &mentions, &surnames);
        mentions.extend(resolved);
        mentions.sort_by_key(|mention| (mention.span, mention.entity));
        mentions
    }

    /// "the Estavian president", "Norland's leader", "the President of Sudria": a
    /// country and a title with no name after it.
    fn role_phrases(
        &self,
        pack: &Pack,
        text: &str,
        mentions: &[EntityMention],
        person_starts: &[usize],
        date_at: &dyn Fn(usize) -> Option<(NaiveDate, NaiveDate)>,
    ) -> Vec<EntityMention> {
        let mut found = Vec::new();
        for mention in mentions {
            let country = pack.entity(mention.entity);
            if country.kind != EntityKind::Country {
                continue;
            }
            let after = &text[mention.span.end..];
            let rest = after
                .strip_prefix("'s")
                .or_else(|| after.strip_prefix("’s"))
                .unwrap_or(after);
            let skipped = after.len() - rest.len();
            let Some(rest) = rest.strip_prefix(' ') else {
                continue;
            };
            let Some(title) = self.title_at(rest) else {
                continue;
            };
            let title_end = mention.span.end + skipped + 1 + title.len();
            // A name right after the title ("Estavian President Arlen Voss") names the
            // person itself; the phrase is then no role mention.
            let next_person = person_starts.partition_point(|&start| start < title_end);
            if person_starts
                .get(next_person)
                .is_some_and(|&start| start <= title_end + 3)
            {
                continue;
            }
            if text[title_end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let Some((from, to)) = date_at(mention.span.start) else {
                continue;
            };
            let holders = pack.holders(mention.entity, title, from, to);
            if let [holder] = holders.as_slice() {
                found.push(EntityMention {
                    span: Span::new(mention.span.start, title_end),
                    entity: *holder,
                    naming: Naming::Role,
                });
            }
        }
        found
    }

    fn title_at<'t>(&'t self, text: &str) -> Option<&'t str> {
        self.titles.iter().map(String::as_str).find(|title| {
            text.get(..title.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(title))
        })
    }
}

/// Bytes of news text per entity mention, about: for a first guess at how many an article has.
const ENTITY_BYTES: usize = 64;

/// Words before a surname that make it a person's name ("Mr. Han", "President Moon"), unlike
/// "the Moon" or "Han Chinese".
const HONORIFICS: &[&str] = &[
    "Mr.",
    "Mrs.",
    "Ms.",
    "Mr",
    "Mrs",
    "Ms",
    "Dr.",
    "President",
    "Premier",
    "Chairman",
    "Minister",
    "Leader",
    "Secretary",
    "Chancellor",
    "leader",
    "president",
    "premier",
];

fn after_honorific(text: &str, span: Span) -> bool {
    let before = text[..span.start].trim_end();
    HONORIFICS.iter().any(|honorific| {
        before.ends_with(honorific)
            && before[..before.len() - honorific.len()]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// A surname means the candidate last named in full (or by role) before it; failing that, the
/// first named after it; failing that, after an honorific, the only candidate. Otherwise it
/// stays unresolved.
fn resolve_surnames(
    text: &str,
    named: &[EntityMention],
    surnames: &[(Span, &[EntityId])],
) -> Vec<EntityMention> {
    let named: Vec<(usize, EntityId)> = named
        .iter()
        .filter(|mention| matches!(mention.naming, Naming::Full | Naming::Role))
        .map(|mention| (mention.span.start, mention.entity))
        .collect();
    surnames
        .iter()
        .filter_map(|(span, candidates)| {
            let before = named
                .iter()
                .rev()
                .find(|(start, id)| *start < span.start && candidates.contains(id));
            let after = named
                .iter()
                .find(|(start, id)| *start > span.start && candidates.contains(id));
            let entity = match (before, after, *candidates) {
                (Some((_, id)), _, _) | (None, Some((_, id)), _) => *id,
                (None, None, [only]) if after_honorific(text, *span) => *only,
                _ => return None,
            };
            Some(EntityMention {
                span: *span,
                entity,
                naming: Naming::Surname,
            })
        })
        .collect()
}

/// True for "#Voss": a hashtag is a tag, not a mention in the story.
pub fn is_hashtag(text: &str, start: usize) -> bool {
    text[..start].ends_with('#')
}

/// True when `start..end` is a whole word: no letter or digit touches it on either side.
pub fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before_ok = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let after_ok = text[end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}
