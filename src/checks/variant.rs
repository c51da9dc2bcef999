//! `variant`: the same name spelled differently across the corpus.

use std::collections::{BTreeMap, BTreeSet};

use super::{article_name, param_f64, Check};
use crate::analysis::Analysis;
use crate::extract::Span;
use crate::finding::{Finding, Label};
use crate::mentions::{NameIndex, SurfaceStats};
use crate::pack::{CheckSpec, Pack};

pub struct Variant;

impl Check for Variant {
    const DOC: &'static str = "\
What it does: collects proper names (runs of capitalised words) from every article and flags \
spellings of one name that differ only by hyphenation or spacing (\"Oh Daesung\" / \"Oh \
Dae-sung\", \"Han Seo-yun\" / \"Han Seo Yun\") or, for single words of six letters or more, by \
one letter inside the word (\"Marinesk\" / \"Marinsk\"). The majority spelling is the \
suggestion. It needs no list of names.
Why it matters: inconsistent spellings break search, deduplication and cross-referencing, and \
a one-letter slip is often a typo a reader will notice.
Not reported: differences of case only, endings (\"Norland\" / \"Norlandic\"), words the articles \
also use in lower case, and two names the pack knows as different entities.";
    const PARAMS: &'static [(&'static str, &'static str)] = &[
        (
            "min_letters",
            "5 — shortest name (in letters) compared at all",
        ),
        (
            "min_letters_one_edit",
            "6 — shortest single word compared letter by letter",
        ),
    ];

    fn run(spec: &CheckSpec, analysis: &Analysis, pack: &Pack, found: &mut dyn FnMut(Finding)) {
        let min_letters = param_f64(spec, "min_letters", 5.0) as usize;
        let min_one_edit = param_f64(spec, "min_letters_one_edit", 6.0) as usize;
        let spellings = candidates(&analysis.names, min_letters);
        let pack_keys = pack_name_keys(pack);
        let mut groups: Vec<Vec<&str>> = spellings
            .iter()
            .filter(|(_, surfaces)| shapes(surfaces) > 1)
            .map(|(key, _)| vec![*key])
            .collect();
        groups.extend(one_letter_pairs(&spellings, min_one_edit, &pack_keys));
        // Longest names first, so "Han Seo-yun" is reported and its part "Seo-yun" is not.
        groups.sort_by_key(|keys| std::cmp::Reverse(keys.iter().map(|k| k.len()).max()));
        let mut reported: BTreeSet<(usize, Span)> = BTreeSet::new();
        for keys in groups {
            let mut by_surface: BTreeMap<&str, &SurfaceStats> = BTreeMap::new();
            for key in &keys {
                for (surface, stats) in spellings[key].iter() {
                    by_surface.insert(surface.as_str(), stats);
                }
            }
            let covered =
                by_surface
                    .values()
                    .flat_map(|stats| &stats.places)
                    .all(|(article, span)| {
                        reported
                            .iter()
                            .any(|(a, s)| a == article && s.contains(*span))
                    });
            if covered || by_surface.len() < 2 {
                continue;
            }
            if let Some(finding) = variant_finding(spec, analysis, pack, &by_surface) {
                reported.extend(
                    by_surface
                        .values()
                        .flat_map(|stats| stats.places.iter().copied()),
                );
                found(finding);
            }
        }
    }
}

/// key → surface → stats, for keys long enough that are never common words.
type Spellings<'a> = BTreeMap<&'a str, &'a BTreeMap<String, SurfaceStats>>;

fn candidates(names: &NameIndex, min_letters: usize) -> Spellings<'_> {
    names
        .spellings
        .iter()
        .filter(|(key, _)| key.chars().count() >= min_letters && !names.common.contains(*key))
        .map(|(key, surfaces)| (key.as_str(), surfaces))
        .collect()
}

/// How many spellings differ beyond case.
fn shapes(surfaces: &BTreeMap<String, SurfaceStats>) -> usize {
    surfaces
        .keys()
        .map(|surface| surface.to_lowercase())
        .collect::<BTreeSet<_>>()
        .len()
}

fn pack_name_keys(pack: &Pack) -> BTreeMap<String, usize> {
    let mut keys = BTreeMap::new();
    for (index, entity) in pack.entities.iter().enumerate() {
        for name in std::iter::once(&entity.name)
            .chain(&entity.aliases)
            .chain(&entity.surnames)
        {
            keys.insert(crate::mentions::names::key_of(name), index);
        }
    }
    keys
}

/// Single words that differ by one letter inside the word, found through their one-deletion
/// neighbourhoods rather than by comparing all pairs.
fn one_letter_pairs<'a>(
    spellings: &Spellings<'a>,
    min_letters: usize,
    pack_keys: &BTreeMap<String, usize>,
) -> Vec<Vec<&'a str>> {
    let single_words: Vec<&'a str> = spellings
        .iter()
        .filter(|(key, surfaces)| {
            // Mid-sentence capitals are names; a capital opening a line may be any word.
            surfaces.values().any(|stats| stats.mid_sentence)
                && key.chars().count() >= min_letters
                && key.chars().all(char::is_alphabetic)
                && surfaces.keys().all(|surface| !surface.contains([' ', '-']))
        })
        .map(|(key, _)| *key)
        .collect();
    let mut neighbourhoods: BTreeMap<(String, usize), Vec<&'a str>> = BTreeMap::new();
    for &key in &single_words {
        let chars: Vec<char> = key.chars().collect();
        neighbourhoods
            .entry((key.to_string(), usize::MAX))
            .or_default()
            .push(key);
        for skip in 0..chars.len() {
            let deleted: String = chars
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, c)| c)
                .collect();
            neighbourhoods.entry((deleted, skip)).or_default().push(key);
        }
    }
    let mut pairs: BTreeSet<(&'a str, &'a str)> = BTreeSet::new();
    let mut add = |a: &'a str, b: &'a str| {
        let known_apart =
            matches!((pack_keys.get(a), pack_keys.get(b)), (Some(x), Some(y)) if x != y);
        if a != b && differs_inside(a, b) && !known_apart {
            pairs.insert((a.min(b), a.max(b)));
        }
    };
    for ((deleted, skip), keys) in &neighbourhoods {
        // Substitution: the same deletion at the same position.
        for &a in keys {
            for &b in keys {
                add(a, b);
            }
        }
        // Insertion: a whole word equals another's deletion.
        if *skip != usize::MAX {
            if let Some(whole) = neighbourhoods.get(&(deleted.clone(), usize::MAX)) {
                for &a in whole {
                    for &b in keys {
                        add(a, b);
                    }
                }
            }
        }
    }
    pairs.into_iter().map(|(a, b)| vec![a, b]).collect()
}

/// True unless the two differ only at the end: one extends the other ("norland" / "norlander") or
/// only the last letter differs ("norlander" / "norlandes") — endings, not spellings.
fn differs_inside(a: &str, b: &str) -> bool {
    if a.starts_with(b) || b.starts_with(a) {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let only_last_differs = a.len() == b.len() && a[..a.len() - 1] == b[..b.len() - 1];
    !only_last_differs
}

fn variant_finding(
    spec: &CheckSpec,
    analysis: &Analysis,
    pack: &Pack,
    by_surface: &BTreeMap<&str, &SurfaceStats>,
) -> Option<Finding> {
    let canonical: BTreeSet<&str> = pack
        .entities
        .iter()
        .flat_map(|entity| std::iter::once(&entity.name).chain(&entity.aliases))
        .map(String::as_str)
        .collect();
    // Majority first; ties go to the pack's spellings, then alphabetical order.
    let mut ranked: Vec<(&str, &SurfaceStats)> = by_surface
        .iter()
        .map(|(surface, stats)| (*surface, *stats))
        .collect();
    ranked.sort_by_key(|(surface, stats)| {
        (
            std::cmp::Reverse(stats.count),
            !canonical.contains(surface),
            *surface,
        )
    });
    let (suggested, majority) = ranked.first().copied()?;
    let mut labels = Vec::new();
    let mut minority = Vec::new();
    for (surface, stats) in &ranked[1..] {
        minority.push(format!("“{surface}”"));
        for (article, span) in &stats.places {
            let message = format!("spelled “{surface}” here");
            labels.push(if labels.is_empty() {
                Label::primary(*article, *span, message)
            } else {
                Label::related(*article, *span, message)
            });
        }
    }
    let mut seen_articles = BTreeSet::new();
    for (article, span) in &majority.places {
        if seen_articles.insert(*article) {
            labels.push(Label::related(
                *article,
                *span,
                format!("“{suggested}” here"),
            ));
        }
    }
    let counts: Vec<String> = ranked
        .iter()
        .map(|(surface, stats)| {
            let mut articles: Vec<String> = stats
                .places
                .iter()
                .map(|(article, _)| article_name(analysis, *article))
                .collect();
            articles.dedup();
            let more = if stats.count > stats.places.len() {
                ", …"
            } else {
                ""
            };
            format!(
                "“{surface}” ×{} ({}{more})",
                stats.count,
                articles.join(", ")
            )
        })
        .collect();
    Some(Finding {
        rule: spec.id.clone(),
        check: spec.kind,
        severity: spec.severity,
        message: format!(
            "{} spelled differently elsewhere: “{suggested}”",
            minority.join(", ")
        ),
        help: Some(
            format!(
                "Spellings in the corpus: {}. Suggested: “{suggested}”.",
                counts.join("; ")
            )
            .into(),
        ),
        labels: labels.into(),
    })
}
