//! HTML: the visible text, parsed with a real HTML parser, each piece mapped back to the bytes
//! of the file; the publication date from `article:published_time` or `<time datetime>`.

use chrono::NaiveDate;

use super::decode::Decoded;
use super::{Metadata, Parsed, SourceMap};

/// Elements whose content is never shown as text.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "iframe", "canvas", "object",
];

/// Elements that end a line: text on either side belongs to different sentences.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "td",
    "th",
    "table",
    "article",
    "section",
    "header",
    "footer",
    "blockquote",
    "figcaption",
    "figure",
    "nav",
    "aside",
    "main",
    "pre",
    "hr",
    "dd",
    "dt",
    "dl",
    "title",
    "body",
];

/// Meta names that carry the publication date.
const DATE_META: &[&str] = &[
    "article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dcterms.created",
];

/// The visible text of an HTML document, with its map, title and publication date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub text: String,
    pub map: SourceMap,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    /// `og:url`.
    pub url: Option<String>,
    /// `og:site_name`: the publication.
    pub site_name: Option<String>,
}

struct Builder<'s> {
    source: &'s str,
    text: String,
    map: SourceMap,
    title: Option<String>,
    meta_date: Option<NaiveDate>,
    time_date: Option<NaiveDate>,
    url: Option<String>,
    site_name: Option<String>,
}

/// Offset of `slice` inside `source`, when it is a sub-slice of it.
fn offset_in(source: &str, slice: &[u8]) -> Option<usize> {
    let start = (slice.as_ptr() as usize).checked_sub(source.as_ptr() as usize)?;
    (start + slice.len() <= source.len()).then_some(start)
}

fn date_prefix(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim().get(..10)?, "%Y-%m-%d").ok()
}

/// Decodes one entity at the start of `raw` ("&amp;…"), returning the text and its length.
fn entity(raw: &str) -> Option<(String, usize)> {
    // Bytes, not a str slice: the twelfth byte may fall inside a character.
    let end = raw.as_bytes()[..raw.len().min(12)]
        .iter()
        .position(|&byte| byte == b';')?;
    let name = raw.get(1..end)?;
    let decoded = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code)?.to_string()
    } else {
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "rsquo" => '’',
            "lsquo" => '‘',
            "rdquo" => '”',
            "ldquo" => '“',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "bull" => '•',
            "middot" => '·',
            "laquo" => '«',
            "raquo" => '»',
            "sbquo" => '‚',
            "bdquo" => '„',
            "prime" => '′',
            "Prime" => '″',
            "shy" => '\u{ad}',
            "ensp" => '\u{2002}',
            "emsp" => '\u{2003}',
            "thinsp" => '\u{2009}',
            "zwnj" => '\u{200c}',
            "zwj" => '\u{200d}',
            "copy" => '©',
            "reg" => '®',
            "trade" => '™',
            "deg" => '°',
            "times" => '×',
            "divide" => '÷',
            "plusmn" => '±',
            "frac12" => '½',
            "frac14" => '¼',
            "frac34" => '¾',
            "euro" => '€',
            "pound" => '£',
            "yen" => '¥',
            "cent" => '¢',
            "sect" => '§',
            "para" => '¶',
            "iexcl" => '¡',
            "iquest" => '¿',
            other => accented_letter(other)?,
        };
        c.to_string()
    };
    Some((decoded, end + 1))
}

/// Latin letters with a diacritic, named as in HTML: a base letter and the mark's name
/// ("eacute", "Ouml", "ccedil", "ntilde").
fn accented_letter(name: &str) -> Option<char> {
    let mut chars = name.chars();
    let base = chars.next()?;
    let mark = chars.as_str();
    let letters: &str = match mark {
        "acute" => "aáAÁeéEÉiíIÍoóOÓuúUÚyýYÝ",
        "grave" => "aàAÀeèEÈiìIÌoòOÒuùUÙ",
        "circ" => "aâAÂeêEÊiîIÎoôOÔuûUÛ",
        "uml" => "aäAÄeëEËiïIÏoöOÖuüUÜyÿ",
        "tilde" => "aãAÃnñNÑoõOÕ",
        "ring" => "aåAÅ",
        "cedil" => "cçCÇ",
        "slash" => "oøOØ",
        _ => match name {
            "szlig" => return Some('ß'),
            "aelig" => return Some('æ'),
            "AElig" => return Some('Æ'),
            "oelig" => return Some('œ'),
            "OElig" => return Some('Œ'),
            _ => return None,
        },
    };
    let mut pairs = letters.chars();
    while let (Some(plain), Some(marked)) = (pairs.next(), pairs.next()) {
        if plain == base {
            return Some(marked);
        }
    }
    None
}

/// Text with its entities decoded, for metadata that no label points into (the title).
fn decode_entities(raw: &str) -> String {
    let mut decoded = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        decoded.push_str(rest.get(..at).unwrap_or_default());
        let from_ampersand = rest.get(at..).unwrap_or_default();
        match entity(from_ampersand) {
            Some((text, length)) => {
                decoded.push_str(&text);
                rest = from_ampersand.get(length..).unwrap_or_default();
            }
            None => {
                decoded.push('&');
                rest = from_ampersand.get(1..).unwrap_or_default();
            }
        }
    }
    decoded.push_str(rest);
    decoded
}

impl Builder<'_> {
    /// Appends raw HTML text at `start` in the source, decoding entities.
    fn push_raw(&mut self, raw: &str, start: usize) {
        let mut literal_start = 0;
        let mut index = 0;
        while let Some(at) = raw
            .get(index..)
            .and_then(|rest| rest.find('&'))
            .map(|found| index + found)
        {
            match raw.get(at..).and_then(entity) {
                Some((decoded, length)) => {
                    let literal = raw.get(literal_start..at).unwrap_or_default();
                    self.push_literal(literal, start + literal_start);
                    self.map
                        .push_replaced(self.text.len(), decoded.len(), start + at, length);
                    self.text.push_str(&decoded);
                    index = at + length;
                    literal_start = index;
                }
                None => index = at + 1,
            }
        }
        let literal = raw.get(literal_start..).unwrap_or_default();
        self.push_literal(literal, start + literal_start);
    }

    fn push_literal(&mut self, literal: &str, start: usize) {
        self.map.push_exact(self.text.len(), start, literal.len());
        self.text.push_str(literal);
    }

    /// Ends the current line, mapping the inserted newline to the element at `at`.
    fn break_line(&mut self, at: usize) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.map.push_replaced(self.text.len(), 1, at, 0);
            self.text.push('\n');
        }
    }

    /// Walks the tree in document order; inside hidden elements only metadata is read.
    fn visit(&mut self, parser: &tl::Parser, handle: tl::NodeHandle, depth: usize, hidden: bool) {
        // Deeply nested markup is walked only so far; its text beyond is dropped, not a crash.
        if depth > 256 {
            return;
        }
        let Some(node) = handle.get(parser) else {
            return;
        };
        match node {
            tl::Node::Raw(_) if hidden => {}
            tl::Node::Raw(bytes) => {
                let raw = bytes.as_utf8_str();
                if let Some(start) = offset_in(self.source, bytes.as_bytes()) {
                    self.push_raw(&raw, start);
                }
            }
            tl::Node::Comment(_) => {}
            tl::Node::Tag(tag) => {
                let name = tag.name().as_utf8_str().to_ascii_lowercase();
                let at = offset_in(self.source, tag.raw().as_bytes()).unwrap_or(0);
                self.read_metadata(parser, tag, &name);
                let hidden = hidden || HIDDEN.contains(&name.as_str());
                let block = !hidden && BLOCKS.contains(&name.as_str());
                if block {
                    self.break_line(at.max(self.map.source_end()));
                }
                for child in tag.children().top().iter() {
                    self.visit(parser, *child, depth + 1, hidden);
                }
                if block {
                    // After the children: the break stands where their text ended.
                    self.break_line(self.map.source_end().max(at));
                }
            }
        }
    }

    fn attribute(tag: &tl::HTMLTag, name: &str) -> Option<String> {
        tag.attributes()
            .get(name)
            .flatten()
            .map(|value| value.as_utf8_str().into_owned())
    }

    fn read_metadata(&mut self, parser: &tl::Parser, tag: &tl::HTMLTag, name: &str) {
        match name {
            "meta" => {
                let key = ["property", "name", "itemprop"]
                    .iter()
                    .find_map(|attribute| Self::attribute(tag, attribute))
                    .map(|key| key.to_ascii_lowercase());
                let Some(key) = key else { return };
                let content = || {
                    Self::attribute(tag, "content")
                        .map(|value| value.trim().to_string())
                        .filter(|value| !value.is_empty())
                };
                if self.meta_date.is_none() && DATE_META.contains(&key.as_str()) {
                    self.meta_date = content().and_then(|value| date_prefix(&value));
                } else if self.url.is_none() && key == "og:url" {
                    self.url = content();
                } else if self.site_name.is_none() && key == "og:site_name" {
                    self.site_name = content();
                }
            }
            "time" if self.time_date.is_none() => {
                self.time_date = Self::attribute(tag, "datetime").and_then(|v| date_prefix(&v));
            }
            "title" if self.title.is_none() => {
                let title = decode_entities(tag.inner_text(parser).trim());
                if !title.is_empty() {
                    self.title = Some(title);
                }
            }
            _ => {}
        }
    }
}

/// The visible text of an HTML document, mapped back through its decoding to the file.
pub fn parse(decoded: Decoded) -> Parsed {
    let page = page(&decoded.text);
    Parsed {
        map: page.map.then(&decoded.map),
        text: page.text,
        metadata: Metadata {
            title: page.title,
            date: page.published,
            publication: page.site_name,
            url: page.url,
            id: None,
        },
    }
}

/// Parses `source` as HTML. Never fails: what cannot be parsed yields less text, not an error.
pub fn page(source: &str) -> Page {
    let mut builder = Builder {
        source,
        text: String::new(),
        map: SourceMap::default(),
        title: None,
        meta_date: None,
        time_date: None,
        url: None,
        site_name: None,
    };
    if let Ok(dom) = tl::parse(source, tl::ParserOptions::default()) {
        let parser = dom.parser();
        for child in dom.children() {
            builder.visit(parser, *child, 0, false);
        }
    }
    Page {
        text: builder.text,
        map: builder.map,
        title: builder.title,
        published: builder.meta_date.or(builder.time_date),
        url: builder.url,
        site_name: builder.site_name,
    }
}

/// True when bytes (standard input has no name to tell) begin like an HTML document.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|byte| !byte.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head = bytes.get(start..).unwrap_or_default();
    let head = head.get(..head.len().min(14)).unwrap_or_default();
    let lower = head.to_ascii_lowercase();
    lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote<'a>(source: &'a str, page: &Page, word: &str) -> &'a str {
        let start = page.text.find(word).expect("word in text");
        let (from, to) = page.map.to_source(start, start + word.len());
        &source[from..to]
    }

    #[test]
    fn scripts_and_styles_are_not_text() {
        let source = "<html><head><style>p{}</style><script>var x = 'Voss';</script></head><body><p>Visible</p><script>hidden()</script></body></html>";
        let page = page(source);
        assert!(page.text.contains("Visible"));
        assert!(!page.text.contains("hidden"));
        assert!(!page.text.contains("var x"));
    }

    #[test]
    fn entities_are_decoded_and_labels_still_quote_the_file() {
        let source = "<p>Han &amp; Voss met in Veska&#8217;s Citadel on Tuesday.</p>";
        let page = page(source);
        assert!(page.text.contains("Han & Voss"));
        assert!(page.text.contains("Veska’s"));
        assert_eq!(quote(source, &page, "Tuesday"), "Tuesday");
        assert_eq!(quote(source, &page, "& Voss"), "&amp; Voss");
    }

    #[test]
    fn hidden_elements_are_not_text_but_the_title_is_kept() {
        let source = "<html><head><title>Talks</title><meta charset=utf-8></head><body>\
            <noscript>Enable scripts</noscript><template><p>Later</p></template>\
            <svg><text>Chart</text></svg><p>Shown</p></body></html>";
        let page = page(source);
        assert_eq!(page.text.trim(), "Shown");
        assert_eq!(page.title.as_deref(), Some("Talks"));
    }

    #[test]
    fn list_items_headings_and_line_breaks_do_not_run_together() {
        let page = page("<h1>Title</h1><ul><li>One</li><li>Two</li></ul>First<br>Second");
        assert_eq!(page.text, "Title\nOne\nTwo\nFirst\nSecond");
    }

    #[test]
    fn inline_elements_keep_words_together() {
        let source = "<p>The <b>third</b> <a href=\"#\">meeting</a></p>";
        let page = page(source);
        assert_eq!(page.text.trim(), "The third meeting");
        assert_eq!(quote(source, &page, "meeting"), "meeting");
    }

    #[test]
    fn named_accented_and_numeric_entities_are_decoded() {
        let page = page("<p>Caf&eacute; &Ouml;l &#233;t&#xE9; &nbsp;&unknown; &amp</p>");
        assert_eq!(page.text.trim(), "Café Öl été \u{a0}&unknown; &amp");
    }

    #[test]
    fn meta_name_and_itemprop_give_the_date() {
        let by_name = r#"<meta name="article:published_time" content="2023-09-05"><p>x</p>"#;
        assert_eq!(page(by_name).published, NaiveDate::from_ymd_opt(2023, 9, 5));
        let by_itemprop = r#"<span itemprop="datePublished" content="2023-09-05T08:00:00Z"></span><meta itemprop="datePublished" content="2023-09-05T08:00:00Z"><p>x</p>"#;
        assert_eq!(
            page(by_itemprop).published,
            NaiveDate::from_ymd_opt(2023, 9, 5)
        );
    }

    #[test]
    fn meta_date_beats_the_first_time_element() {
        let source = r#"<html><head><meta property="article:published_time" content="2024-07-22"></head><body><time datetime="2019-04-25">then</time></body></html>"#;
        assert_eq!(page(source).published, NaiveDate::from_ymd_opt(2024, 7, 22));
    }

    #[test]
    fn only_the_first_time_element_counts() {
        let source = r#"<p><time datetime="2022-01-27T09:00">a</time><time datetime="2019-04-25">b</time></p>"#;
        assert_eq!(page(source).published, NaiveDate::from_ymd_opt(2022, 1, 27));
    }

    #[test]
    fn looks_like_html_sees_a_doctype_or_html_tag_only() {
        assert!(looks_like_html(b"\xEF\xBB\xBF  <!DOCTYPE html>"));
        assert!(looks_like_html(b"<HTML lang=en>"));
        assert!(!looks_like_html(b"Thursday, January 27, 2022 <html>"));
        assert!(!looks_like_html(b""));
    }

    #[test]
    fn blocks_end_lines() {
        let page = page("<div>One</div><div>Two</div>");
        assert!(page.text.contains("One\nTwo"), "{:?}", page.text);
    }

    #[test]
    fn published_time_meta_gives_the_date() {
        let source = r#"<html><head><meta property="article:published_time" content="2024-07-22T10:00:00Z"><title>T</title></head><body><p>x</p></body></html>"#;
        let page = page(source);
        assert_eq!(page.published, NaiveDate::from_ymd_opt(2024, 7, 22));
        assert_eq!(page.title.as_deref(), Some("T"));
    }

    #[test]
    fn time_element_gives_the_date() {
        let source = r#"<p><time datetime="2022-01-27">Jan 27</time> Text</p>"#;
        assert_eq!(page(source).published, NaiveDate::from_ymd_opt(2022, 1, 27));
    }

    /// Found by the `loaders` fuzz target: an entity search ending inside a character.
    #[test]
    fn an_ampersand_before_multibyte_text_does_not_crash() {
        let source = "&\u{e}\u{FFFD}\u{FFFD}\u{FFFD}";
        let page = page(source);
        assert!(page.text.starts_with('&'));
        let loaded = crate::corpus::load_file_bytes(
            std::path::Path::new("a.html"),
            b"&\x0e\xab\xab\xab\xd7",
        );
        assert_eq!(loaded.len(), 1);
    }

    /// Found by the `loaders` fuzz target: a block's closing line break mapped to the tag's
    /// start, behind the text before it.
    #[test]
    fn every_text_range_maps_forwards() {
        let source = "<figure D]> \u{1e}\u{e}<\u{FFFD}";
        let page = page(source);
        let (start, end) = page.map.to_source(0, page.text.len());
        assert!(start <= end && end <= source.len());
        for at in 0..=page.text.len() {
            let (from, to) = page.map.to_source(0, at);
            assert!(from <= to, "{at}");
        }
    }

    #[test]
    fn deeply_nested_markup_does_not_crash() {
        let source = "<div>".repeat(5000) + "deep" + &"</div>".repeat(5000);
        let _ = page(&source);
    }
}
