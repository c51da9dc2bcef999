//! One article in, everything the checks read out: event mentions, kinship and title claims,
//! weekdays written with dates, name spellings. The text and the full claim list are dropped
//! afterwards, so memory grows with what the checks need, not with the bytes of text.

use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::corpus::{Article, Origin, PublishedFrom, SourceMap};
use crate::events::{EventIndex, Tellings};
use crate::extract::{self, Claim, ClaimKind, DateValue, Extractor, Span, Tense, TensesOf};
use crate::mentions::{
    self, ArticleNames, EntityMatcher, EventMatcher, EventMention, NameIndex, RelationClaim,
    TitleClaim,
};
use crate::pack::Pack;

mod records;
pub use records::ArticleRecords;

/// Claims per article beyond which the rest are dropped (a pathological input, not news).
pub const DEFAULT_MAX_CLAIMS: usize = 100_000;

/// The pack's vocabulary and the language recognizers, compiled once per run.
pub struct Analyzer<'p> {
    pub pack: &'p Pack,
    /// Claims kept per article; the rest are dropped with a warning.
    pub max_claims: usize,
    extractor: Extractor,
    entities: EntityMatcher,
    events: EventMatcher,
    titles: Vec<String>,
}

/// What the checks know of one article.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArticleAnalysis {
    pub origin: Origin,
    /// For a JSONL article, the byte its line starts at in the file (see [`Article`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_start: Option<u64>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub published_from: PublishedFrom,
    pub map: SourceMap,
    pub warnings: Vec<String>,
    /// How many claims the recognizers found (all of them, also beyond the limit).
    pub claim_count: usize,
    /// True when more claims were found than the limit lets through.
    pub claims_truncated: bool,
    /// Full dates written with a weekday ("Thursday, January 27, 2022").
    pub weekday_dates: Vec<WeekdayDate>,
    /// Relative dates left unresolved for want of a publication date.
    pub unresolved_dates: Vec<Span>,
    pub events: Vec<EventMention>,
    pub relations: Vec<RelationClaim>,
    pub titles: Vec<TitleClaim>,
    /// Name spellings, moved into the corpus-wide [`NameIndex`] as the articles are gathered.
    pub names: ArticleNames,
}

/// A weekday named with a date that is not relative to publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekdayDate {
    pub span: Span,
    pub day: NaiveDate,
    pub weekday: Weekday,
}

/// What the checks and the report keep of an article once it is gathered: its event mentions
/// and name spellings have moved into the corpus-wide indexes, and its claims are gone. A
/// corpus holds them packed, in [`ArticleRecords`].
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRecord {
    pub origin: Origin,
    /// For a JSONL article, the byte its line starts at in the file.
    pub line_start: Option<u64>,
    pub published: Option<NaiveDate>,
    pub published_from: PublishedFrom,
    pub map: SourceMap,
    pub claim_count: usize,
    /// Full dates written with a weekday.
    pub weekday_dates: Box<[WeekdayDate]>,
    /// Relative dates left unresolved for want of a publication date.
    pub unresolved_dates: Box<[Span]>,
    pub relations: Box<[RelationClaim]>,
    pub titles: Box<[TitleClaim]>,
}

impl ArticleRecord {
    /// The record of `article`, once its events and names are taken.
    pub fn of(article: ArticleAnalysis) -> Self {
        debug_assert!(article.events.is_empty() && article.names.is_empty());
        ArticleRecord {
            origin: article.origin,
            line_start: article.line_start,
            published: article.published,
            published_from: article.published_from,
            map: article.map,
            claim_count: article.claim_count,
            weekday_dates: article.weekday_dates.into(),
            unresolved_dates: article.unresolved_dates.into(),
            relations: article.relations.into(),
            titles: article.titles.into(),
        }
    }
}

/// The whole corpus as the checks see it.
#[derive(Debug, Default)]
pub struct Analysis {
    pub articles: ArticleRecords,
    pub events: EventIndex,
    pub names: NameIndex,
}

impl Analysis {
    /// Clusters events across the articles and gathers their name spellings.
    pub fn new(articles: Vec<ArticleAnalysis>) -> Self {
        let mut gathered = Gathered::default();
        for article in articles {
            gathered.add(article);
        }
        gathered.analysis()
    }
}

/// Analysed articles gathered one by one, in corpus order. What the corpus-wide indexes need
/// of each (its event mentions, its name spellings) moves into them as the article comes, so
/// that no article holds them until the whole corpus is read.
#[derive(Debug, Default)]
pub struct Gathered {
    articles: ArticleRecords,
    tellings: Tellings,
    names: NameIndex,
}

impl Gathered {
    pub fn add(&mut self, mut article: ArticleAnalysis) {
        let index = self.articles.len();
        self.tellings
            .add(index, &std::mem::take(&mut article.events));
        self.names.add(index, &std::mem::take(&mut article.names));
        self.articles.push(ArticleRecord::of(article));
    }

    pub fn articles(&self) -> &ArticleRecords {
        &self.articles
    }

    /// Clusters the events across the articles.
    pub fn analysis(mut self) -> Analysis {
        self.articles.shrink_to_fit();
        Analysis {
            articles: self.articles,
            events: self.tellings.index(),
            names: self.names,
        }
    }
}

impl<'p> Analyzer<'p> {
    pub fn new(pack: &'p Pack) -> Self {
        // Building the entity automaton is most of the start-up: the rest is built beside it,
        // on another thread if any.
        let (entities, (extractor, events)) = rayon::join(
            || EntityMatcher::new(pack),
            || (Extractor::new(), EventMatcher::new(pack)),
        );
        Analyzer {
            pack,
            max_claims: DEFAULT_MAX_CLAIMS,
            extractor,
            entities,
            events,
            titles: pack.titles(),
        }
    }

    /// Analyses one article, optionally as if it had been published on `publication`.
    pub fn analyze(&self, article: &Article, publication: Option<NaiveDate>) -> ArticleAnalysis {
        self.analyze_with_clauses(article, publication, TensesOf::Dates)
            .0
    }

    /// Like [`Analyzer::analyze`], also returning every claim with the tense of its clause
    /// (for `claimlint claims`).
    pub fn analyze_with_claims(
        &self,
        article: &Article,
        publication: Option<NaiveDate>,
    ) -> (ArticleAnalysis, Vec<(Claim, Tense)>) {
        let (analysis, claims, clauses) =
            self.analyze_with_clauses(article, publication, TensesOf::EveryClaim);
        let told = claims
            .into_iter()
            .map(|claim| {
                let tense = clauses.tense_of(claim.span.start);
                (claim, tense)
            })
            .collect();
        (analysis, told)
    }

    /// The analysis of `article` with its claims, and the clause analyses `tenses_of` asks for.
    fn analyze_with_clauses<'t>(
        &self,
        article: &'t Article,
        publication: Option<NaiveDate>,
        tenses_of: TensesOf,
    ) -> (ArticleAnalysis, Vec<Claim>, extract::tense::Clauses<'t>) {
        let text = article.text.as_str();
        let sentences = extract::sentences::sentences(text);
        let (mut claims, analysed) =
            self.extractor
                .extract_with_clauses(text, &sentences, publication, tenses_of);
        let claims_found = claims.len();
        claims.truncate(self.max_claims);
        let sentence_of = |offset: usize| {
            let index = sentences.partition_point(|sentence| sentence.end <= offset);
            sentences.get(index).copied()
        };
        let claims_from = |start: usize| claims.partition_point(|claim| claim.span.start < start);
        // The date a sentence speaks of, for "the Estavian president": its first resolved date,
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
        // A sentence with a date was analysed by the extractor; any other is analysed here, and
        // as triggers come in text order, one analysis serves all the triggers of its sentence.
        let clauses = std::cell::RefCell::new(extract::tense::Analysis::empty());
        let tense_at = |sentence: Span, at: usize| {
            if let Some(tense) = analysed.tense_at(sentence, at) {
                return tense;
            }
            let mut clauses = clauses.borrow_mut();
            if clauses.sentence != sentence || sentence.is_empty() {
                clauses.reset(text, sentence);
            }
            clauses.tense_at(at).0
        };
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
        let mut events = mentions::events::event_mentions(self.pack, &self.events, &view);
        events.truncate(self.max_claims);
        // Kept until the end of the run: no spare capacity.
        events.shrink_to_fit();
        let titles = mentions::relations::title_claims(self.pack, text, &entities, &self.titles);
        let names = mentions::names::name_spellings(text);
        let weekday_dates = claims
            .iter()
            .filter_map(|claim| match &claim.kind {
                ClaimKind::Date(date) if !date.relative => match (date.value, date.weekday) {
                    (Ok(DateValue::Day(day)), Some(weekday)) => Some(WeekdayDate {
                        span: claim.span,
                        day,
                        weekday,
                    }),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        let unresolved_dates = claims
            .iter()
            .filter(|claim| matches!(&claim.kind, ClaimKind::Date(date) if date.value.is_err()))
            .map(|claim| claim.span)
            .collect();
        let analysis = ArticleAnalysis {
            origin: article.origin.clone(),
            line_start: article.line_start,
            title: article.title.clone(),
            published: publication,
            published_from: if publication == article.published {
                article.published_from
            } else {
                PublishedFrom::None
            },
            map: article.map.clone(),
            warnings: article.warnings.clone(),
            claim_count: claims_found,
            claims_truncated: claims_found > self.max_claims,
            weekday_dates,
            unresolved_dates,
            events,
            relations,
            titles,
            names,
        };
        (analysis, claims, analysed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_claim_shown_carries_the_tense_of_its_clause() {
        let pack = crate::pack::Pack::default();
        let analyzer = Analyzer::new(&pack);
        let text = "Thursday, January 27, 2022\n\nThe ministers will sign 12 accords. They met 40 envoys on Monday.";
        let loaded = crate::corpus::load_file_bytes(std::path::Path::new("a.txt"), text.as_bytes());
        let Some(Ok(article)) = loaded.into_iter().next() else {
            panic!("the article loads");
        };
        let (_, claims) = analyzer.analyze_with_claims(&article, article.published);
        let tense_of = |words: &str| {
            claims
                .iter()
                .find(|(claim, _)| &text[claim.span.start..claim.span.end] == words)
                .map(|(_, tense)| *tense)
        };
        assert_eq!(tense_of("12"), Some(Tense::Future));
        assert_eq!(tense_of("40"), Some(Tense::Past));
        assert_eq!(tense_of("Monday"), Some(Tense::Past));
    }

    #[test]
    fn a_gathered_article_keeps_what_the_checks_read_in_little_room() {
        let pack = crate::pack::Pack::default();
        let analyzer = Analyzer::new(&pack);
        let text =
            "Thursday, January 27, 2022\n\nThe talks took place on Monday, January 24, 2022.";
        let loaded = crate::corpus::load_file_bytes(std::path::Path::new("a.txt"), text.as_bytes());
        let Some(Ok(article)) = loaded.into_iter().next() else {
            panic!("the article loads");
        };
        let analysis = analyzer.analyze(&article, article.published);
        let mut gathered = Gathered::default();
        gathered.add(analysis.clone());
        let Some(record) = gathered.articles().get(0) else {
            panic!("the article is gathered");
        };
        assert_eq!(record.published, analysis.published);
        assert_eq!(record.claim_count, analysis.claim_count);
        assert_eq!(*record.weekday_dates, *analysis.weekday_dates);
        assert_eq!(record.weekday_dates.len(), 2);
        assert!(record.relations.is_empty() && record.titles.is_empty());
        // Hundreds of thousands of records wait for the checks in a big corpus, packed.
        // Its bytes, their length and where the first of every sixteen starts.
        let (packed, written) = gathered.articles().packed_bytes();
        assert!(packed <= 48, "{packed} bytes");
        assert_eq!(written, 0);
    }
}
