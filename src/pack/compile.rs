//! Parse → validate → compile. Every problem is a [`PackError`] at its line and column.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::str::FromStr;

use chrono::NaiveDate;
use toml::Spanned;

use super::schema::{CheckDef, EntityDef, EventDef, PackFile};
use super::{
    CheckSpec, Entity, EntityId, EntityKind, EventType, EventTypeId, Fact, InlineTest, Pack,
    PackError, Relation, Role,
};
use crate::checks::CheckKind;

/// The regex engine's limits for pack patterns: a hostile pattern is an error, not a stall.
const REGEX_SIZE_LIMIT: usize = 1 << 20;
const REGEX_NEST_LIMIT: u32 = 64;

/// One rule file's name (as shown in diagnostics) and text.
#[derive(Debug, Clone)]
pub struct PackSource {
    pub file: String,
    pub text: String,
}

impl PackSource {
    pub fn read(path: &Path) -> std::io::Result<Self> {
        Ok(PackSource {
            file: path.display().to_string(),
            text: std::fs::read_to_string(path)?,
        })
    }
}

/// The default pack, embedded in the binary.
pub fn default_sources() -> Vec<PackSource> {
    const FILES: &[(&str, &str)] = &[
        (
            "rules/leaders.toml",
            include_str!("../../rules/leaders.toml"),
        ),
        ("rules/places.toml", include_str!("../../rules/places.toml")),
        ("rules/checks.toml", include_str!("../../rules/checks.toml")),
    ];
    FILES
        .iter()
        .map(|(file, text)| PackSource {
            file: (*file).to_string(),
            text: (*text).to_string(),
        })
        .collect()
}

/// The rule files of a pack directory, sorted by name.
pub fn sources_in_dir(dir: &Path) -> std::io::Result<Vec<PackSource>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    paths.iter().map(|path| PackSource::read(path)).collect()
}

/// Parses, validates and compiles rule files into one pack. Returns every problem found.
pub fn compile(sources: &[PackSource]) -> Result<Pack, Vec<PackError>> {
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    for source in sources {
        match toml::from_str::<PackFile>(&source.text) {
            Ok(file) => parsed.push((source, file)),
            Err(error) => {
                let span = error.span().unwrap_or(0..0);
                errors.push(PackError::at(
                    &source.file,
                    &source.text,
                    span,
                    error.message().trim_end(),
                ));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut compiler = Compiler::default();
    compiler.declare(&parsed);
    for (source, file) in &parsed {
        compiler.compile_file(source, file);
    }
    compiler.reject_cycles(&parsed);
    if compiler.errors.is_empty() {
        compiler.pack.fingerprint = fingerprint(sources);
        Ok(compiler.pack)
    } else {
        Err(compiler.errors)
    }
}

#[derive(Default)]
struct Compiler {
    pack: Pack,
    entity_ids: HashMap<String, EntityId>,
    event_ids: HashMap<String, EventTypeId>,
    check_ids: HashMap<String, ()>,
    errors: Vec<PackError>,
}

impl Compiler {
    fn error(&mut self, source: &PackSource, span: Range<usize>, message: impl Into<String>) {
        self.errors
            .push(PackError::at(&source.file, &source.text, span, message));
    }

    /// Gives every entity and event type its id first, so references may point forwards and
    /// across files.
    fn declare(&mut self, parsed: &[(&PackSource, PackFile)]) {
        for (source, file) in parsed {
            for def in &file.entity {
                let key = def.id.get_ref().clone();
                if self.entity_ids.contains_key(&key) {
                    self.error(
                        source,
                        def.id.span(),
                        format!("duplicate entity id `{key}`"),
                    );
                    continue;
                }
                let id = EntityId(self.pack.entities.len() as u32);
                self.entity_ids.insert(key.clone(), id);
                self.pack.entities.push(Entity {
                    key,
                    kind: def.kind,
                    name: def.name.clone(),
                    aliases: def.aliases.clone(),
                    surnames: def.surnames.clone(),
                    demonyms: def.demonyms.clone(),
                    within: None,
                    roles: Vec::new(),
                    facts: Vec::new(),
                });
            }
            for def in &file.event {
                let key = def.id.get_ref().clone();
                if self.event_ids.contains_key(&key) {
                    self.error(source, def.id.span(), format!("duplicate event id `{key}`"));
                    continue;
                }
                let id = EventTypeId(self.event_ids.len() as u32);
                self.event_ids.insert(key, id);
            }
        }
    }

    /// A place inside itself (`in` chains that loop) would make "where is it" unanswerable.
    fn reject_cycles(&mut self, parsed: &[(&PackSource, PackFile)]) {
        for (source, file) in parsed {
            for def in &file.entity {
                let (Some(within), Some(&start)) =
                    (&def.within, self.entity_ids.get(def.id.get_ref()))
                else {
                    continue;
                };
                let mut current = self.pack.entities[start.0 as usize].within;
                let mut steps = 0;
                while let Some(id) = current {
                    if id == start {
                        self.error(
                            source,
                            within.span(),
                            format!(
                                "`in` makes a cycle: `{}` lies within itself",
                                def.id.get_ref()
                            ),
                        );
                        break;
                    }
                    steps += 1;
                    if steps > self.pack.entities.len() {
                        break;
                    }
                    current = self.pack.entities[id.0 as usize].within;
                }
            }
        }
    }

    fn compile_file(&mut self, source: &PackSource, file: &PackFile) {
        self.pack.files.push(source.file.clone());
        for def in &file.entity {
            self.compile_entity(source, def);
        }
        for def in &file.event {
            self.compile_event(source, def);
        }
        let pack_name = file
            .pack
            .as_ref()
            .map(|meta| meta.name.clone())
            .unwrap_or_else(|| file_stem(&source.file));
        for def in &file.check {
            self.compile_check(source, &pack_name, def);
        }
    }

    fn entity_ref(
        &mut self,
        source: &PackSource,
        reference: &Spanned<String>,
        want: &[EntityKind],
    ) -> Option<EntityId> {
        let Some(&id) = self.entity_ids.get(reference.get_ref()) else {
            self.error(
                source,
                reference.span(),
                format!("no entity has id `{}`", reference.get_ref()),
            );
            return None;
        };
        let kind = self.pack.entities[id.0 as usize].kind;
        if !want.contains(&kind) {
            self.error(
                source,
                reference.span(),
                format!(
                    "`{}` is a {kind:?}, expected {}",
                    reference.get_ref(),
                    want.iter()
                        .map(|kind| format!("{kind:?}"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                )
                .to_lowercase(),
            );
            return None;
        }
        Some(id)
    }

    fn date(
        &mut self,
        source: &PackSource,
        value: &Spanned<toml::value::Datetime>,
    ) -> Option<NaiveDate> {
        let datetime = value.get_ref();
        let date = datetime
            .date
            .filter(|_| datetime.time.is_none())
            .and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()));
        if date.is_none() {
            self.error(source, value.span(), "expected a date such as 2012-05-07");
        }
        date
    }

    fn compile_entity(&mut self, source: &PackSource, def: &EntityDef) {
        let Some(&id) = self.entity_ids.get(def.id.get_ref()) else {
            return;
        };
        let within = def.within.as_ref().and_then(|within| {
            self.entity_ref(source, within, &[EntityKind::Country, EntityKind::Place])
        });
        let mut roles = Vec::new();
        for role in &def.roles {
            let of = self.entity_ref(source, &role.of, &[EntityKind::Country]);
            let from = self.date(source, &role.from);
            let to = match &role.to {
                Some(to) => self.date(source, to).map(Some),
                None => Some(None),
            };
            if let (Some(from), Some(Some(to))) = (from, to) {
                if to < from {
                    self.error(source, role.from.span(), "the term ends before it begins");
                }
            }
            if role.titles.is_empty() {
                self.error(source, role.of.span(), "a role needs at least one title");
            }
            if let (Some(of), Some(from), Some(to)) = (of, from, to) {
                roles.push(Role {
                    titles: role.titles.clone(),
                    of,
                    from,
                    to,
                });
            }
        }
        let mut facts = Vec::new();
        for fact in &def.facts {
            let relation = match Relation::from_str(fact.relation.get_ref()) {
                Ok(relation) => Some(relation),
                Err(message) => {
                    self.error(source, fact.relation.span(), message);
                    None
                }
            };
            let object = self.entity_ref(source, &fact.of, &[EntityKind::Person]);
            if let (Some(relation), Some(object)) = (relation, object) {
                facts.push(Fact {
                    relation,
                    object,
                    word: fact.relation.get_ref().to_lowercase(),
                });
            }
        }
        let entity = &mut self.pack.entities[id.0 as usize];
        entity.within = within;
        entity.roles = roles;
        entity.facts = facts;
    }

    fn compile_event(&mut self, source: &PackSource, def: &EventDef) {
        if !self.event_ids.contains_key(def.id.get_ref()) {
            return;
        }
        if def.triggers.is_empty() && def.patterns.is_empty() {
            self.error(
                source,
                def.id.span(),
                "an event type needs triggers or patterns",
            );
        }
        let mut patterns = Vec::new();
        for pattern in &def.patterns {
            match regex::RegexBuilder::new(pattern.get_ref())
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(REGEX_SIZE_LIMIT)
                .nest_limit(REGEX_NEST_LIMIT)
                .build()
            {
                Ok(regex) => patterns.push(regex),
                Err(error) => self.error(source, pattern.span(), format!("bad regex: {error}")),
            }
        }
        self.pack.events.push(EventType {
            key: def.id.get_ref().clone(),
            noun: def.noun.clone(),
            triggers: def.triggers.clone(),
            visit_triggers: def
                .visit_triggers
                .iter()
                .map(|trigger| trigger.to_lowercase())
                .collect(),
            patterns,
            // Matched against lower-cased text.
            anaphora: def.anaphora.iter().map(|a| a.to_lowercase()).collect(),
            participants: def.participants,
            leaders_only: def.leaders_only,
        });
    }

    fn compile_check(&mut self, source: &PackSource, pack_name: &str, def: &CheckDef) {
        let id = format!("{pack_name}/{}", def.id.get_ref());
        if self.check_ids.insert(id.clone(), ()).is_some() {
            self.error(source, def.id.span(), format!("duplicate check id `{id}`"));
        }
        let kind = match CheckKind::from_str(def.kind.get_ref()) {
            Ok(kind) => Some(kind),
            Err(message) => {
                self.error(source, def.kind.span(), message);
                None
            }
        };
        let event = match &def.event {
            Some(event) => match self.event_ids.get(event.get_ref()) {
                Some(&id) => Some(id),
                None => {
                    self.error(
                        source,
                        event.span(),
                        format!("no event type has id `{}`", event.get_ref()),
                    );
                    None
                }
            },
            None => {
                if kind.is_some_and(CheckKind::needs_event) {
                    self.error(
                        source,
                        def.kind.span(),
                        format!("a `{}` check needs `event = \"…\"`", def.kind.get_ref()),
                    );
                }
                None
            }
        };
        if let Some(kind) = kind {
            if let Err(message) = kind.validate_params(&def.params) {
                self.error(source, def.id.span(), message);
            }
        }
        let Some(kind) = kind else { return };
        self.pack.checks.push(CheckSpec {
            id,
            kind,
            event,
            severity: def.severity,
            summary: def.summary.clone(),
            description: def.description.clone(),
            params: def.params.clone(),
            tests: def
                .test
                .iter()
                .map(|test| InlineTest {
                    name: test.name.clone(),
                    articles: test.articles.clone(),
                    fires: test.fires.clone(),
                    quiet: test.quiet,
                })
                .collect(),
            file: source.file.clone(),
        });
    }
}

/// FNV-1a over the rule files' names and texts: stable across runs and machines.
fn fingerprint(sources: &[PackSource]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for source in sources {
        for byte in source
            .file
            .bytes()
            .chain([0])
            .chain(source.text.bytes())
            .chain([0])
        {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

fn file_stem(file: &str) -> String {
    Path::new(file)
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Vec<PackSource> {
        vec![PackSource {
            file: "rules/test.toml".into(),
            text: text.into(),
        }]
    }

    fn first_error(text: &str) -> PackError {
        match compile(&source(text)) {
            Ok(_) => panic!("expected an error"),
            Err(mut errors) => errors.remove(0),
        }
    }

    #[test]
    fn syntax_error_points_at_its_line() {
        let error = first_error("[pack]\nname = \"x\"\nbroken = = 3\n");
        assert_eq!(error.line, 3, "{error}");
    }

    #[test]
    fn unknown_key_is_rejected_at_its_line() {
        let error = first_error(
            "[[entity]]\nid = \"a\"\nkind = \"person\"\nname = \"A\"\nnickname = \"x\"\n",
        );
        assert_eq!(error.line, 5, "{error}");
        assert!(error.message.contains("nickname"), "{error}");
    }

    #[test]
    fn dangling_reference_is_rejected_at_the_reference() {
        let error = first_error(
            "[[entity]]\nid = \"a\"\nkind = \"place\"\nname = \"A\"\nin = \"nowhere\"\n",
        );
        assert_eq!((error.line, error.column), (5, 6), "{error}");
        assert!(error.message.contains("nowhere"));
    }

    #[test]
    fn bad_regex_is_rejected_at_the_pattern() {
        let error = first_error(
            "[[event]]\nid = \"m\"\nnoun = \"meeting\"\ntriggers = []\npatterns = [\"(unclosed\"]\n",
        );
        assert_eq!(error.line, 5, "{error}");
        assert!(error.message.starts_with("bad regex"), "{error}");
    }

    #[test]
    fn huge_regex_is_rejected_not_compiled() {
        let text = "[[event]]\nid = \"m\"\nnoun = \"meeting\"\ntriggers = []\npatterns = [\"(\\\\w{1000}){1000}\"]\n";
        let error = first_error(text);
        assert!(error.message.starts_with("bad regex"), "{error}");
    }

    #[test]
    fn a_cycle_of_places_is_rejected_at_its_in() {
        let error = first_error(
            "[[entity]]\nid = \"a\"\nkind = \"place\"\nname = \"A\"\nin = \"b\"\n\n[[entity]]\nid = \"b\"\nkind = \"place\"\nname = \"B\"\nin = \"a\"\n",
        );
        assert!(error.message.contains("cycle"), "{error}");
        assert_eq!(error.line, 5, "{error}");
    }

    #[test]
    fn a_wrong_type_is_rejected_at_its_line() {
        let error = first_error("[[entity]]\nid = \"a\"\nkind = \"person\"\nname = 42\n");
        assert_eq!(error.line, 4, "{error}");
    }

    #[test]
    fn unknown_check_kind_is_rejected() {
        let error = first_error(
            "[[check]]\nid = \"c\"\nkind = \"telepathy\"\nseverity = \"error\"\nsummary = \"s\"\n",
        );
        assert_eq!(error.line, 3, "{error}");
    }

    #[test]
    fn default_pack_compiles() {
        let pack = compile(&default_sources()).expect("the default pack compiles");
        assert!(!pack.checks.is_empty());
        assert!(!pack.entities.is_empty());
    }
}
