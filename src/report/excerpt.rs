//! The parts of a source a rendered report quotes: the lines around each finding's labels, kept
//! instead of the whole text, so a report over a large corpus does not hold the corpus.
//!
//! Served to miette as a [`SourceCode`] that answers exactly as the whole text would for every
//! span it is asked about: offsets, line numbers and line counts are the whole text's.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// Lines of context shown before and after a label; the excerpts keep this many.
pub(crate) const CONTEXT_LINES: usize = 1;

/// Lines kept on each side of a group: the context, and one more, since miette's count of the
/// lines after a span that ends with its line break starts after the next one.
const MARGIN: usize = CONTEXT_LINES + 1;

/// A source as the lines around some spans: runs of whole lines, each with where it starts.
#[derive(Debug, Clone, Default)]
pub struct Excerpts {
    name: String,
    /// In order, neither overlapping nor touching.
    runs: Vec<Run>,
}

#[derive(Debug, Clone)]
struct Run {
    /// Byte offset of its first line in the whole text.
    offset: usize,
    /// Line breaks before it in the whole text (its first line, counted from 0).
    line: usize,
    text: String,
}

impl Excerpts {
    /// The lines of `text` that show each group of `spans` (byte ranges) with its context: from
    /// the line of a group's first start to that of its last end, [`MARGIN`] more on each
    /// side. A group is the labels one finding has in this source: everything between
    /// them is kept, since the renderer may show them as one snippet.
    pub fn new(name: &str, text: &str, groups: impl IntoIterator<Item = (usize, usize)>) -> Self {
        let starts = line_starts(text);
        let line_of = |offset: usize| starts.partition_point(|&start| start <= offset) - 1;
        let mut wanted: Vec<(usize, usize)> = groups
            .into_iter()
            .map(|(start, end)| {
                let start = start.min(text.len());
                let last = end.saturating_sub(1).clamp(start, text.len());
                (
                    line_of(start).saturating_sub(MARGIN),
                    (line_of(last) + MARGIN).min(starts.len() - 1),
                )
            })
            .collect();
        wanted.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (first, last) in wanted {
            match merged.last_mut() {
                Some(run) if first <= run.1 + 1 => run.1 = run.1.max(last),
                _ => merged.push((first, last)),
            }
        }
        let runs = merged
            .into_iter()
            .map(|(first, last)| {
                let offset = starts[first];
                let end = starts.get(last + 1).copied().unwrap_or(text.len());
                Run {
                    offset,
                    line: first,
                    text: text[offset..end].to_string(),
                }
            })
            .collect();
        Excerpts {
            name: name.to_string(),
            runs,
        }
    }
}

/// Where each line of `text` starts, by miette's rule: after `\n`, after `\r\n`, and after a
/// `\r` alone.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    for (at, &byte) in bytes.iter().enumerate() {
        let breaks = byte == b'\n' || (byte == b'\r' && bytes.get(at + 1) != Some(&b'\n'));
        if breaks {
            starts.push(at + 1);
        }
    }
    // A text ending in a line break has no line after it to show.
    if starts.len() > 1 && starts.last() == Some(&text.len()) {
        starts.pop();
    }
    starts
}

impl SourceCode for Excerpts {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let end = span.offset() + span.len();
        let index = self
            .runs
            .partition_point(|run| run.offset <= span.offset())
            .checked_sub(1)
            .ok_or(MietteError::OutOfBounds)?;
        let run = &self.runs[index];
        if end > run.offset + run.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let within = SourceSpan::new((span.offset() - run.offset).into(), span.len());
        let contents =
            run.text
                .as_str()
                .read_span(&within, context_lines_before, context_lines_after)?;
        let shown = contents.span();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            SourceSpan::new((run.offset + shown.offset()).into(), shown.len()),
            run.line + contents.line(),
            contents.column(),
            run.line + contents.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What miette reads of `span` in the whole text and in the excerpts, side by side.
    fn both(
        text: &str,
        excerpts: &Excerpts,
        span: (usize, usize),
        context: usize,
    ) -> (String, String) {
        let span = SourceSpan::new(span.0.into(), span.1);
        let show = |contents: Box<dyn SpanContents<'_> + '_>| {
            format!(
                "{:?} {:?} line {} column {} count {}",
                String::from_utf8_lossy(contents.data()),
                contents.span(),
                contents.line(),
                contents.column(),
                contents.line_count()
            )
        };
        let whole = text.read_span(&span, context, context).map(show);
        let kept = excerpts.read_span(&span, context, context).map(show);
        (
            whole.unwrap_or_else(|error| error.to_string()),
            kept.unwrap_or_else(|error| error.to_string()),
        )
    }

    #[test]
    fn the_lines_around_a_label_read_as_in_the_whole_text() {
        let text = "zero\none\r\ntwo\rthree\nfour label here\nfive\nsix\nseven\neight\n"
            .to_string()
            + &"and so on\n".repeat(10);
        let text = text.as_str();
        let start = text.find("label").unwrap_or(0);
        let excerpts = Excerpts::new("a.txt", text, [(start, start + 5)]);
        assert!(
            excerpts
                .runs
                .iter()
                .map(|run| run.text.len())
                .sum::<usize>()
                < text.len() / 2
        );
        for context in [0, CONTEXT_LINES] {
            let (whole, kept) = both(text, &excerpts, (start, 5), context);
            assert_eq!(whole, kept);
        }
    }

    #[test]
    fn a_finding_keeps_everything_between_its_labels() {
        let text = (0..30).map(|n| format!("line {n}\n")).collect::<String>();
        let first = text.find("line 3").unwrap_or(0);
        let last = text.find("line 20").unwrap_or(0);
        let excerpts = Excerpts::new("a.txt", &text, [(first, last + 7)]);
        assert_eq!(excerpts.runs.len(), 1);
        let (whole, kept) = both(&text, &excerpts, (first, last + 7 - first), CONTEXT_LINES);
        assert_eq!(whole, kept);
        let (whole, kept) = both(&text, &excerpts, (last, 7), CONTEXT_LINES);
        assert_eq!(whole, kept);
    }

    proptest::proptest! {
        #[test]
        fn every_span_of_a_group_reads_as_in_the_whole_text(
            lines in proptest::collection::vec("[a-z ]{0,12}", 1..20),
            breaks in proptest::collection::vec(proptest::sample::select(vec!["\n", "\r\n", "\r"]), 20),
            picks in proptest::collection::vec((0usize..400, 0usize..12), 1..4),
            ending in proptest::bool::ANY,
        ) {
            let mut text: String = lines
                .iter()
                .zip(&breaks)
                .map(|(line, line_break)| format!("{line}{line_break}"))
                .collect();
            if !ending {
                text.pop();
            }
            if text.is_empty() {
                return Ok(());
            }
            let spans: Vec<(usize, usize)> = picks
                .iter()
                .map(|&(start, len)| {
                    let start = start % text.len();
                    (start, (start + len).min(text.len()))
                })
                .collect();
            let group = (
                spans.iter().map(|span| span.0).min().unwrap_or(0),
                spans.iter().map(|span| span.1).max().unwrap_or(0),
            );
            let excerpts = Excerpts::new("a.txt", &text, [group]);
            let mut asked: Vec<(usize, usize)> = spans.clone();
            asked.push(group);
            for (start, end) in asked {
                for context in [0, CONTEXT_LINES] {
                    let (whole, kept) = both(&text, &excerpts, (start, end - start), context);
                    proptest::prop_assert_eq!(whole, kept, "{:?} {}..{}", text, start, end);
                }
            }
        }
    }
}
