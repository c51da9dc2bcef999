//! Kinship relations between persons, with their converses, so that a fact stated from either
//! side can be compared with a claim stated from the other.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Relation {
    Child,
    Grandchild,
    Parent,
    Grandparent,
    Sibling,
    Spouse,
    Nephew,
    Uncle,
    Cousin,
}

/// A relation word as written, with the generic relation it names.
const WORDS: &[(&str, Relation)] = &[
    ("son", Relation::Child),
    ("daughter", Relation::Child),
    ("child", Relation::Child),
    ("grandson", Relation::Grandchild),
    ("granddaughter", Relation::Grandchild),
    ("grandchild", Relation::Grandchild),
    ("father", Relation::Parent),
    ("mother", Relation::Parent),
    ("parent", Relation::Parent),
    ("grandfather", Relation::Grandparent),
    ("grandmother", Relation::Grandparent),
    ("grandparent", Relation::Grandparent),
    ("brother", Relation::Sibling),
    ("sister", Relation::Sibling),
    ("sibling", Relation::Sibling),
    ("husband", Relation::Spouse),
    ("wife", Relation::Spouse),
    ("spouse", Relation::Spouse),
    ("nephew", Relation::Nephew),
    ("niece", Relation::Nephew),
    ("uncle", Relation::Uncle),
    ("aunt", Relation::Uncle),
    ("cousin", Relation::Cousin),
];

impl Relation {
    /// Every word the recognizer looks for.
    pub fn words() -> impl Iterator<Item = &'static str> {
        WORDS.iter().map(|(word, _)| *word)
    }

    /// The relation word `word` is (in any case), as listed, with the relation it names.
    pub fn word_named(word: &str) -> Option<(&'static str, Relation)> {
        WORDS
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(word))
            .copied()
    }

    /// If A is `self` of B, then B is `converse` of A.
    pub fn converse(self) -> Relation {
        match self {
            Relation::Child => Relation::Parent,
            Relation::Parent => Relation::Child,
            Relation::Grandchild => Relation::Grandparent,
            Relation::Grandparent => Relation::Grandchild,
            Relation::Nephew => Relation::Uncle,
            Relation::Uncle => Relation::Nephew,
            symmetric => symmetric,
        }
    }

    /// The plain word for messages ("child", "grandchild").
    pub fn noun(self) -> &'static str {
        match self {
            Relation::Child => "child",
            Relation::Grandchild => "grandchild",
            Relation::Parent => "parent",
            Relation::Grandparent => "grandparent",
            Relation::Sibling => "sibling",
            Relation::Spouse => "spouse",
            Relation::Nephew => "nephew or niece",
            Relation::Uncle => "uncle or aunt",
            Relation::Cousin => "cousin",
        }
    }
}

impl FromStr for Relation {
    type Err = String;

    fn from_str(word: &str) -> Result<Self, Self::Err> {
        Relation::word_named(word)
            .map(|(_, relation)| relation)
            .ok_or_else(|| {
                let known: Vec<&str> = Relation::words().collect();
                format!("unknown relation `{word}`; known: {}", known.join(", "))
            })
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.noun())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gendered_words_name_the_same_relation() {
        assert_eq!("son".parse::<Relation>(), Ok(Relation::Child));
        assert_eq!("Daughter".parse::<Relation>(), Ok(Relation::Child));
        assert_eq!("grandson".parse::<Relation>(), Ok(Relation::Grandchild));
    }

    #[test]
    fn converse_of_child_is_parent_and_sibling_is_symmetric() {
        assert_eq!(Relation::Child.converse(), Relation::Parent);
        assert_eq!(Relation::Sibling.converse(), Relation::Sibling);
    }

    #[test]
    fn unknown_word_is_an_error_listing_the_known_ones() {
        let error = "stepson".parse::<Relation>().unwrap_err();
        assert!(error.contains("grandson"), "{error}");
    }
}
