//! One article in, everything the checks read out: claims, entity and event mentions, kinship
//! and title claims, name occurrences. The text itself is dropped afterwards.

use chrono::NaiveDate;

use crate::corpus::{Article, Origin, PublishedFrom, SourceMap};
use crate::events::EventIndex;
use crate::extract::{self, Claim, ClaimKind, Extractor, Span};
use crate::mentions::{
    self, EntityMatcher, EntityMention, EventMatcher, EventMention, NameOccurrence, RelationClaim,
    TitleClaim,
};
use crate::pack::Pack;

/// The pack's vocabulary and the language recognizers, compiled once per run.
pub struct Analyzer<'p> {
    pub pack: &'p Pack,
    extractor: Extractor,
    entities: EntityMatcher,
    events: EventMatcher,
    titles: Vec<String>,
}

/// What the checks know of one article.
#[derive(Debug, Clone)]
pub struct ArticleAnalysis {
    pub origin: Origin,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub published_from: PublishedFrom,
    pub map: SourceMap,
    pub warnings: Vec<String>,
    pub claims: Vec<Claim>,
    pub entities: Vec<EntityMention>,
    pub events: Vec<EventMention>,
    pub relations: Vec<RelationClaim>,
    pub titles: Vec<TitleClaim>,
    pub names: Vec<NameOccurrence>,
}

/// The whole corpus as the checks see it.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub articles: Vec<ArticleAnalysis>,
    pub events: EventIndex,
}

impl<'p> Analyzer<'p> {
    pub fn new(pack: &'p Pack) -> Self {
        let mut titles: Vec<String> = pack
            .entities
            .iter()
            .flat_map(|entity| &entity.roles)
            .flat_map(|role| &role.titles)
            .map(|title| title.to_lowercase())
            .collect();
        titles.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        titles.dedup();
        Analyzer {
            pack,
            extractor: Extractor::new(),
            entities: EntityMatcher::new(pack),
            events: EventMatcher::new(pack),
            titles,
        }
    }

    /// Analyses one article, optionally as if it had been published on `publication`.
    pub fn analyze(&self, article: &Article, publication: Option<NaiveDate>) -> ArticleAnalysis {
        let text = article.text.as_str();
        let claims = self.extractor.extract(text, publication);
        let sentences = extract::sentences::sentences(text);
        let sentence_of = |offset: usize| {
            let index = sentences.partition_point(|sentence| sentence.end <= offset);
            sentences.get(index).copied()
        };
        let claims_from = |start: usize| claims.partition_point(|claim| claim.span.start < start);
        // The date a sentence speaks of, for "the Russian president": its first resolved date,
        // else the publication date.
        let date_at = |offset: usize| {
            let sentence = sentence_of(offset)?;
            claims[claims_from(sentence.start)..]
                .iter()
                .take_while(|claim| claim.span.start < sentence.end)
                .find_map(|claim| match &claim.kind {
                    ClaimKind::Date(date) => date.value.ok().and_then(|value| value.bounds()),
                    _ => None,
                })
                .or_else(|| publication.map(|day| (day, day)))
        };
        let entities = self.entities.find(self.pack, text, &date_at);
        let tense_at = |sentence: Span, at: usize| extract::tense::clause_tense(text, sentence, at);
        let relations = mentions::relations::relation_claims(self.pack, text, &entities);
        let kin: Vec<Span> = relations
            .iter()
            .flat_map(|claim| {
                entities
                    .iter()
                    .filter(move |mention| {
                        mention.entity == claim.object && claim.span.contains(mention.span)
                    })
                    .map(|mention| mention.span)
            })
            .collect();
        let view = mentions::events::ArticleView {
            text,
            publication,
            sentences: &sentences,
            claims: &claims,
            entities: &entities,
            kin: &kin,
            tense_at: &tense_at,
        };
        let events = mentions::events::event_mentions(self.pack, &self.events, &view);
        let titles = mentions::relations::title_claims(self.pack, text, &entities, &self.titles);
        let names = mentions::names::name_occurrences(text);
        ArticleAnalysis {
            origin: article.origin.clone(),
            title: article.title.clone(),
            published: publication,
            published_from: if publication == article.published {
                article.published_from
            } else {
                PublishedFrom::None
            },
            map: article.map.clone(),
            warnings: article.warnings.clone(),
            claims,
            entities,
            events,
            relations,
            titles,
            names,
        }
    }
}
