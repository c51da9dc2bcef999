//! The TOML schema of a rule pack: plain data, parsed with serde and nothing else. Validation
//! and compilation happen in [`super::compile`].

use serde::{Deserialize, Serialize};
use toml::Spanned;

/// One `rules/*.toml` file.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    #[serde(default)]
    pub pack: Option<PackMeta>,
    #[serde(default)]
    pub entity: Vec<EntityDef>,
    #[serde(default)]
    pub event: Vec<EventDef>,
    #[serde(default)]
    pub check: Vec<CheckDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackMeta {
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Country,
    Place,
    Org,
}

/// A person, country, place or organisation the pack knows by name.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityDef {
    pub id: Spanned<String>,
    pub kind: EntityKind,
    /// The canonical spelling.
    pub name: String,
    /// Other full names that always mean this entity ("Han Seo-yun", "Estavian Republic").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Short names that are ambiguous on their own ("Han", "Mr. Han"): resolved by in-article
    /// coreference to the entity last named in full.
    #[serde(default)]
    pub surnames: Vec<String>,
    /// Adjectives of a country ("Estavian", "Norlander"), for role phrases.
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// The country or place that contains this place.
    #[serde(default, rename = "in")]
    pub within: Option<Spanned<String>>,
    #[serde(default)]
    pub roles: Vec<RoleDef>,
    #[serde(default)]
    pub facts: Vec<FactDef>,
}

/// An office held over a term: "president of estavia from 2012-05-07".
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleDef {
    /// The words that name the office in text ("president", "leader").
    pub titles: Vec<String>,
    /// The country (entity id) the office is of.
    pub of: Spanned<String>,
    pub from: Spanned<toml::value::Datetime>,
    #[serde(default)]
    pub to: Option<Spanned<toml::value::Datetime>>,
}

/// A reference fact: this entity is `relation` of `of` ("son" of "han-jae-won").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactDef {
    pub relation: Spanned<String>,
    pub of: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventDef {
    pub id: Spanned<String>,
    /// What the event is called in messages ("meeting", "visit").
    pub noun: String,
    /// Words that mention the event ("summit", "met", "talks").
    pub triggers: Vec<String>,
    /// Triggers that mean travel to a place ("visit", "trip"): an ordinal or interval on one
    /// counts the visitor's visits to that country ("his first visit to Caldora"), not meetings.
    #[serde(default)]
    pub visit_triggers: Vec<String>,
    /// Regexes that also mention the event, for phrasings a word list cannot catch.
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// Words that stand for the participants named just before ("their", "the two leaders").
    #[serde(default)]
    pub anaphora: Vec<String>,
    /// How many persons take part; a mention with fewer (after anaphora) is not this event.
    #[serde(default = "two")]
    pub participants: usize,
    /// Only persons holding a role (a title in the pack) take part.
    #[serde(default = "yes")]
    pub leaders_only: bool,
}

fn two() -> usize {
    2
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// A check: one of the engine's kinds, parameterised.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckDef {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    /// The event type the check reads (sequence, conflict, interval).
    #[serde(default)]
    pub event: Option<Spanned<String>>,
    pub severity: Severity,
    /// One line: what the check finds.
    pub summary: String,
    /// Longer documentation printed by `claimlint rule ID`.
    #[serde(default)]
    pub description: String,
    /// Kind-specific parameters.
    #[serde(default)]
    pub params: toml::Table,
    #[serde(default)]
    pub test: Vec<TestDef>,
}

/// An inline test: articles and the findings of this check they must (not) give.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestDef {
    pub name: String,
    /// Each a small article: a dateline line, then text.
    pub articles: Vec<String>,
    /// Label texts that must appear in this check's findings (case-sensitive substrings).
    #[serde(default)]
    pub fires: Vec<String>,
    /// True when the check must give no finding at all on these articles.
    #[serde(default)]
    pub quiet: bool,
}
