//! Rule packs: TOML parsed into plain data ([`schema`]), validated with spans and compiled once
//! ([`compile`]) into a [`Pack`] the engine reads.

pub mod compile;
pub mod error;
pub mod relation;
pub mod schema;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use compile::{compile, default_sources, PackSource};
pub use error::PackError;
pub use relation::Relation;
pub use schema::{EntityKind, Severity};

use crate::checks::CheckKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EntityId(pub u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EventTypeId(pub u32);

#[derive(Debug, Clone)]
pub struct Role {
    pub titles: Vec<String>,
    pub of: EntityId,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

impl Role {
    pub fn held_on(&self, day: NaiveDate) -> bool {
        self.from <= day && self.to.is_none_or(|to| day <= to)
    }

    /// True when the term overlaps the inclusive range `from..=to`.
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.from <= to && self.to.is_none_or(|end| from <= end)
    }

    pub fn has_title(&self, title: &str) -> bool {
        self.titles
            .iter()
            .any(|own| own.eq_ignore_ascii_case(title))
    }
}

#[derive(Debug, Clone)]
pub struct Fact {
    pub relation: Relation,
    pub object: EntityId,
    /// The word as the pack wrote it ("son"), for messages.
    pub word: String,
}

#[derive(Debug, Clone)]
pub struct Entity {
    pub key: String,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub surnames: Vec<String>,
    pub demonyms: Vec<String>,
    pub within: Option<EntityId>,
    pub roles: Vec<Role>,
    pub facts: Vec<Fact>,
}

impl Entity {
    pub fn is_leader(&self) -> bool {
        !self.roles.is_empty()
    }
}

#[derive(Debug, Clone)]
pub struct EventType {
    pub key: String,
    pub noun: String,
    pub triggers: Vec<String>,
    /// Lowercase; see the schema.
    pub visit_triggers: Vec<String>,
    pub patterns: Vec<regex::Regex>,
    /// Lowercase.
    pub anaphora: Vec<String>,
    pub participants: usize,
    pub leaders_only: bool,
}

#[derive(Debug, Clone)]
pub struct InlineTest {
    pub name: String,
    pub articles: Vec<String>,
    pub fires: Vec<String>,
    pub quiet: bool,
}

/// A check as the pack configures it.
#[derive(Debug, Clone)]
pub struct CheckSpec {
    /// `pack/check`, unique across packs.
    pub id: String,
    pub kind: CheckKind,
    pub event: Option<EventTypeId>,
    pub severity: Severity,
    pub summary: String,
    pub description: String,
    pub params: toml::Table,
    pub tests: Vec<InlineTest>,
    /// The rule file that declared it.
    pub file: String,
}

/// All loaded packs, merged and compiled.
#[derive(Debug, Clone, Default)]
pub struct Pack {
    pub entities: Vec<Entity>,
    pub events: Vec<EventType>,
    pub checks: Vec<CheckSpec>,
    pub files: Vec<String>,
    /// A hash of every rule file's name and text: claims extracted with one pack are checked
    /// only with the same pack.
    pub fingerprint: String,
}

impl Pack {
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.0 as usize]
    }

    pub fn event(&self, id: EventTypeId) -> &EventType {
        &self.events[id.0 as usize]
    }

    /// Every title of every role, lowercase, longest first (so "prime minister" is tried before
    /// "minister").
    pub fn titles(&self) -> Vec<String> {
        let mut titles: Vec<String> = self
            .entities
            .iter()
            .flat_map(|entity| &entity.roles)
            .flat_map(|role| &role.titles)
            .map(|title| title.to_lowercase())
            .collect();
        titles.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        titles.dedup();
        titles
    }

    pub fn entity_by_key(&self, key: &str) -> Option<EntityId> {
        self.entities
            .iter()
            .position(|entity| entity.key == key)
            .map(|index| EntityId(index as u32))
    }

    /// The country an entity lies in (itself for a country).
    pub fn country_of(&self, id: EntityId) -> Option<EntityId> {
        let mut current = id;
        for _ in 0..16 {
            let entity = self.entity(current);
            if entity.kind == EntityKind::Country {
                return Some(current);
            }
            current = entity.within?;
        }
        None
    }

    /// True when place `inner` is `outer` or lies within it.
    pub fn place_within(&self, inner: EntityId, outer: EntityId) -> bool {
        let mut current = Some(inner);
        for _ in 0..16 {
            match current {
                Some(id) if id == outer => return true,
                Some(id) => current = self.entity(id).within,
                None => return false,
            }
        }
        false
    }

    /// The persons holding an office of `country` titled `title` at some day of `from..=to`.
    pub fn holders(
        &self,
        country: EntityId,
        title: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Vec<EntityId> {
        let mut found: Vec<EntityId> = self
            .entities
            .iter()
            .enumerate()
            .filter(|(_, entity)| {
                entity.roles.iter().any(|role| {
                    role.of == country && role.has_title(title) && role.overlaps(from, to)
                })
            })
            .map(|(index, _)| EntityId(index as u32))
            .collect();
        found.sort();
        found
    }
}
