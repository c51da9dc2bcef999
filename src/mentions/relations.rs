//! Claims about persons that a pack's reference facts can contradict: kinship ("Han, grandson
//! of Han Il Do", "his father, X") and titles ("Estavian President Arlen Voss").

use crate::extract::Span;
use crate::pack::{EntityId, EntityKind, Pack, Relation};
use serde::{Deserialize, Serialize};

use super::entities::{EntityMention, Naming};

/// "`subject` is the `relation` of `object`", as the text says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationClaim {
    pub span: Span,
    pub subject: EntityId,
    pub object: EntityId,
    pub relation: Relation,
    /// The word as written ("grandson").
    pub word: String,
}

/// "`person` holds `title` of `country`", as the text says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TitleClaim {
    pub span: Span,
    pub person: EntityId,
    pub country: EntityId,
    pub title: String,
}

/// Words between a person and a relation word that keep the apposition ("Han, the grandson of").
const APPOSITION_FILLERS: &[&str] = &[
    "who is the ",
    "who was the ",
    "is the ",
    "was the ",
    "the ",
    "a ",
];

/// Words before a title that say it is not held now ("former President Bush").
const NOT_CURRENT: &[&str] = &["former", "ex", "then", "late", "future", "acting", "next"];

/// The relation word `text` opens with, as a whole word: the relation words are ASCII
/// letters, so it is the run of them `text` opens with, when no letter or digit follows.
fn relation_word_at(text: &str) -> Option<(&'static str, Relation)> {
    let letters = text.bytes().take_while(u8::is_ascii_alphabetic).count();
    // A boundary: the bytes before it are ASCII.
    let (word, after) = text.split_at(letters);
    if after.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    Relation::word_named(word)
}

fn person_at<'a>(
    pack: &Pack,
    mentions: &'a [EntityMention],
    offset: usize,
) -> Option<&'a EntityMention> {
    mentions.iter().find(|mention| {
        mention.span.start == offset && pack.entity(mention.entity).kind == EntityKind::Person
    })
}

fn skip_separators(text: &str) -> usize {
    text.len()
        - text
            .trim_start_matches([' ', ',', '–', '—', '-', '\u{a0}'])
            .len()
}

/// Kinship appositions: "P1 – grandson of P2", "P1, the son of P2", "P2's son, P1",
/// "P1, P2's son".
pub fn relation_claims(pack: &Pack, text: &str, mentions: &[EntityMention]) -> Vec<RelationClaim> {
    let mut claims = Vec::new();
    for subject in mentions {
        if pack.entity(subject.entity).kind != EntityKind::Person {
            continue;
        }
        // "P1 – grandson of P2"
        let after = &text[subject.span.end..];
        let gap = skip_separators(after);
        if gap > 0 {
            let mut rest = &after[gap..];
            let mut offset = subject.span.end + gap;
            for filler in APPOSITION_FILLERS {
                if let Some(stripped) = rest.strip_prefix(filler) {
                    offset += filler.len();
                    rest = stripped;
                    break;
                }
            }
            if let Some((word, relation)) = relation_word_at(rest) {
                let after_word = &rest[word.len()..];
                if let Some(tail) = after_word.strip_prefix(" of ") {
                    let late = if tail.starts_with("the late ") { 9 } else { 0 };
                    let object_start = offset + word.len() + 4 + late;
                    if let Some(object) = person_at(pack, mentions, object_start) {
                        if object.entity != subject.entity {
                            claims.push(RelationClaim {
                                span: Span::new(offset, object.span.end),
                                subject: subject.entity,
                                object: object.entity,
                                relation,
                                word: word.to_string(),
                            });
                        }
                    }
                }
            }
        }
        // "P2's son, P1" and "P1, P2's son": the possessive names the object.
        let possessive = after
            .strip_prefix("'s ")
            .or_else(|| after.strip_prefix("’s "));
        if let Some(rest) = possessive {
            let word_start = subject.span.end + (after.len() - rest.len());
            if let Some((word, relation)) = relation_word_at(rest) {
                let word_end = word_start + word.len();
                let object = subject.entity;
                let following = &text[word_end..];
                let gap = skip_separators(following);
                let named_after = (gap > 0)
                    .then(|| person_at(pack, mentions, word_end + gap))
                    .flatten();
                let named_before = mentions.iter().rev().find(|mention| {
                    mention.span.end < subject.span.start
                        && pack.entity(mention.entity).kind == EntityKind::Person
                        && text[mention.span.end..subject.span.start].trim() == ","
                });
                if let Some(person) = named_after.or(named_before) {
                    if person.entity != object {
                        let span = if person.span.start > subject.span.start {
                            Span::new(subject.span.start, person.span.end)
                        } else {
                            Span::new(person.span.start, word_end)
                        };
                        claims.push(RelationClaim {
                            span,
                            subject: person.entity,
                            object,
                            relation,
                            word: word.to_string(),
                        });
                    }
                }
            }
        }
    }
    claims
}

/// Titles written before a name ("Estavian President Arlen Voss", "Japan's Prime Minister
/// Fumio Kishida"), when the country is named and nothing says the title is past.
pub fn title_claims(
    pack: &Pack,
    text: &str,
    mentions: &[EntityMention],
    titles: &[String],
) -> Vec<TitleClaim> {
    let mut claims = Vec::new();
    for (index, country) in mentions.iter().enumerate() {
        if pack.entity(country.entity).kind != EntityKind::Country
            || !matches!(country.naming, Naming::Full | Naming::Demonym)
        {
            continue;
        }
        let before = text[..country.span.start].trim_end();
        let previous_word = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if NOT_CURRENT
            .iter()
            .any(|word| previous_word.eq_ignore_ascii_case(word))
        {
            continue;
        }
        let after = &text[country.span.end..];
        let rest = after
            .strip_prefix("'s ")
            .or_else(|| after.strip_prefix("’s "))
            .or_else(|| after.strip_prefix(' '));
        let Some(rest) = rest else { continue };
        let title_start = country.span.end + (after.len() - rest.len());
        let Some(title) = titles.iter().find(|title| {
            rest.get(..title.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(title))
                && rest[title.len()..].starts_with(' ')
        }) else {
            continue;
        };
        let name_start = title_start + title.len() + 1;
        let Some(person) = mentions[index + 1..]
            .iter()
            .find(|mention| mention.span.start == name_start)
        else {
            continue;
        };
        if pack.entity(person.entity).kind != EntityKind::Person || person.naming != Naming::Full {
            continue;
        }
        claims.push(TitleClaim {
            span: Span::new(country.span.start, person.span.end),
            person: person.entity,
            country: country.entity,
            title: title.clone(),
        });
    }
    claims
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition: the longest relation word `text` opens with (in any case) that no
    /// letter or digit follows.
    fn relation_word_by_trying_each(text: &str) -> Option<(&'static str, Relation)> {
        Relation::words()
            .filter(|word| {
                text.get(..word.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(word))
                    && !text[word.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            })
            .max_by_key(|word| word.len())
            .and_then(|word| Relation::word_named(word))
    }

    #[test]
    fn relation_words_are_found_whole_in_any_case() {
        assert_eq!(
            relation_word_at("Grandson of Han"),
            Some(("grandson", Relation::Grandchild))
        );
        assert_eq!(relation_word_at("son’s"), Some(("son", Relation::Child)));
        assert_eq!(relation_word_at("sons of"), None);
        assert_eq!(relation_word_at("son2"), None);
        assert_eq!(relation_word_at("soné"), None);
        assert_eq!(relation_word_at(""), None);
    }

    proptest::proptest! {
        #[test]
        fn relation_words_are_what_trying_each_finds(
            text in "(son|SON|Daughter|grand|granddaughter|aunt|wife|x|é|’|2|-| |s|o|n)*",
        ) {
            proptest::prop_assert_eq!(relation_word_at(&text), relation_word_by_trying_each(&text));
        }
    }
}
