//! Plain text: the whole text is the article; a dateline at its top gives the date.

use super::decode::Decoded;
use super::Parsed;

/// A text file is read as it is. The publication date, if any, comes from a dateline, which
/// the loader looks for in every format without a date of its own.
pub fn parse(decoded: Decoded) -> Parsed {
    Parsed {
        text: decoded.text,
        map: decoded.map,
        metadata: super::Metadata::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{load_file_bytes, PublishedFrom};
    use chrono::NaiveDate;
    use std::path::Path;

    #[test]
    fn the_whole_text_is_the_article() {
        let decoded =
            crate::corpus::decode::decode(b"One.\nTwo.\n".to_vec(), true).expect("decodes");
        let parsed = parse(decoded);
        assert_eq!(parsed.text, "One.\nTwo.\n");
        assert_eq!(parsed.map.to_source(5, 9), (5, 9));
    }

    #[test]
    fn a_dateline_gives_the_publication_date() {
        let loaded = load_file_bytes(
            Path::new("a.txt"),
            b"Thursday, January 27, 2022\n\nThe talks began.\n",
        );
        let article = loaded[0].as_ref().expect("loads");
        assert_eq!(article.published, NaiveDate::from_ymd_opt(2022, 1, 27));
        assert_eq!(article.published_from, PublishedFrom::Dateline);
    }

    #[test]
    fn without_a_dateline_there_is_no_date() {
        let loaded = load_file_bytes(Path::new("a.txt"), b"The talks began on May 3, 2021.\n");
        let article = loaded[0].as_ref().expect("loads");
        assert_eq!(article.published, None);
        assert_eq!(article.published_from, PublishedFrom::None);
    }
}
