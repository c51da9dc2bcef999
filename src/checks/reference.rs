//! `reference`: a claim that contradicts the rule pack's reference facts (kinship, titles).

use super::{origin_name, Check};
use crate::analysis::Analysis;
use crate::finding::{Finding, Label};
use crate::pack::{CheckSpec, EntityId, Pack, Relation};

pub struct Reference;

impl Check for Reference {
    const DOC: &'static str = "\
What it does: compares what articles say about persons with the pack's reference facts: \
kinship (\"Han – grandson of Han Jae-won\" when the pack says son) and titles (\"Estavian \
Prime Minister X\" when X never held that office of that country).
Why it matters: a wrong kinship or title is a factual error a reader can check in seconds; it \
undermines the whole story.
Example: \"Han – grandson of Han Jae-won\": Han Seo Yun is Han Jae Won's son.
Only facts the pack states are checked; a relation the pack does not know is never reported.";

    fn run(spec: &CheckSpec, analysis: &Analysis, pack: &Pack, found: &mut dyn FnMut(Finding)) {
        for (index, article) in analysis.articles.iter().enumerate() {
            for claim in article.relations.iter() {
                let Some((known, word)) = known_relation(pack, claim.subject, claim.object) else {
                    continue;
                };
                if known == claim.relation {
                    continue;
                }
                let subject = &pack.entity(claim.subject).name;
                let object = &pack.entity(claim.object).name;
                found(Finding {
                    rule: spec.id.clone(),
                    check: spec.kind,
                    severity: spec.severity,
                    message: format!(
                        "{} calls {subject} the {} of {object}, but {subject} is {object}'s {word}",
                        origin_name(&article.origin),
                        claim.word
                    ),
                    help: Some(
                        format!(
                            "Reference fact of the rule pack: {subject} is the {word} of {object}."
                        )
                        .into(),
                    ),
                    labels: vec![Label::primary(
                        index,
                        claim.span,
                        format!("{word}, not {}", claim.word),
                    )]
                    .into(),
                });
            }
            for claim in article.titles.iter() {
                let person = pack.entity(claim.person);
                let held = person
                    .roles
                    .iter()
                    .any(|role| role.of == claim.country && role.has_title(&claim.title));
                if held {
                    continue;
                }
                let country = &pack.entity(claim.country).name;
                let offices: Vec<String> = person
                    .roles
                    .iter()
                    .map(|role| {
                        format!(
                            "{} of {} from {}{}",
                            role.titles.first().map(String::as_str).unwrap_or("office"),
                            pack.entity(role.of).name,
                            role.from,
                            role.to.map(|to| format!(" to {to}")).unwrap_or_default()
                        )
                    })
                    .collect();
                found(Finding {
                    rule: spec.id.clone(),
                    check: spec.kind,
                    severity: spec.severity,
                    message: format!(
                        "{} never held the title {} of {country}",
                        person.name, claim.title
                    ),
                    help: Some(
                        format!(
                            "The rule pack knows these offices of {}: {}.",
                            person.name,
                            offices.join("; ")
                        )
                        .into(),
                    ),
                    labels: vec![Label::primary(index, claim.span, "title not held")].into(),
                });
            }
        }
    }
}

/// What the pack says `subject` is of `object`, from either side, with the fact's own word.
fn known_relation(pack: &Pack, subject: EntityId, object: EntityId) -> Option<(Relation, String)> {
    let direct = pack
        .entity(subject)
        .facts
        .iter()
        .find(|fact| fact.object == object)
        .map(|fact| (fact.relation, fact.word.clone()));
    let converse = || {
        pack.entity(object)
            .facts
            .iter()
            .find(|fact| fact.object == subject)
            .map(|fact| {
                (
                    fact.relation.converse(),
                    fact.relation.converse().noun().to_string(),
                )
            })
    };
    direct.or_else(converse)
}
