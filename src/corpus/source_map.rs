//! Maps byte offsets in an article's analysed text back to the bytes of the source it was read
//! from, so that every label quotes the file exactly — also when the text was decoded from HTML
//! entities, stripped of front matter or repaired from invalid UTF-8.

use serde::{Deserialize, Serialize};

/// One stretch of analysed text and the stretch of source bytes it came from.
///
/// When `exact` is true the two stretches have the same length and correspond byte for byte.
/// Otherwise (an HTML entity, a replaced invalid byte sequence) the text stretch stands for the
/// whole source stretch and cannot be split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub text_start: usize,
    pub text_len: usize,
    pub source_start: usize,
    pub source_len: usize,
    pub exact: bool,
}

/// Ordered, non-overlapping segments covering the analysed text from offset 0.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceMap {
    segments: Vec<Segment>,
}

impl SourceMap {
    /// The text is the source itself, shifted by `source_offset` bytes (front matter, a header).
    pub fn shifted(text_len: usize, source_offset: usize) -> Self {
        let mut map = SourceMap::default();
        map.push_exact(0, source_offset, text_len);
        map
    }

    /// A map of these segments, as another map gave them.
    pub fn from_segments(segments: Vec<Segment>) -> Self {
        SourceMap { segments }
    }

    /// Appends an exact stretch. Adjacent exact stretches are merged.
    pub fn push_exact(&mut self, text_start: usize, source_start: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.segments.last_mut() {
            if last.exact
                && last.text_start + last.text_len == text_start
                && last.source_start + last.source_len == source_start
            {
                last.text_len += len;
                last.source_len += len;
                return;
            }
        }
        self.segments.push(Segment {
            text_start,
            text_len: len,
            source_start,
            source_len: len,
            exact: true,
        });
    }

    /// Appends a stretch of text that replaces a different stretch of source bytes.
    pub fn push_replaced(
        &mut self,
        text_start: usize,
        text_len: usize,
        source_start: usize,
        source_len: usize,
    ) {
        if text_len == 0 {
            return;
        }
        self.segments.push(Segment {
            text_start,
            text_len,
            source_start,
            source_len,
            exact: false,
        });
    }

    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The segment holding text offset `offset`, or the last one when `offset` is at the end.
    fn segment_at(&self, offset: usize) -> Option<&Segment> {
        let index = self
            .segments
            .partition_point(|segment| segment.text_start + segment.text_len <= offset);
        self.segments.get(index).or(self.segments.last())
    }

    /// Maps a text range to the source range it was read from. A range that starts or ends
    /// inside a replaced stretch grows to cover all of it.
    pub fn to_source(&self, start: usize, end: usize) -> (usize, usize) {
        let from = self.map_start(start);
        // Inserted text (a line break between HTML blocks) may map behind its neighbours;
        // a range never ends before it starts.
        (from, self.map_end(end.max(start)).max(from))
    }

    /// The map of the text stretch `start..end`, with text offsets counted from `start`
    /// (the body of a document after its front matter).
    pub fn slice(&self, start: usize, end: usize) -> SourceMap {
        let mut sliced = SourceMap::default();
        let first = self
            .segments
            .partition_point(|segment| segment.text_start + segment.text_len <= start);
        for segment in self.segments.iter().skip(first) {
            if segment.text_start >= end {
                break;
            }
            let from = segment.text_start.max(start);
            let to = (segment.text_start + segment.text_len).min(end);
            if segment.exact {
                let source_start = segment.source_start + (from - segment.text_start);
                sliced.push_exact(from - start, source_start, to - from);
            } else {
                // A replaced stretch cannot be split: the part kept stands for all its bytes.
                sliced.push_replaced(
                    from - start,
                    to - from,
                    segment.source_start,
                    segment.source_len,
                );
            }
        }
        sliced
    }

    /// Chains two maps: `self` maps text into an intermediate text (an HTML page's visible
    /// text into its decoded markup), `next` maps that into the source bytes.
    pub fn then(&self, next: &SourceMap) -> SourceMap {
        let mut chained = SourceMap::default();
        for segment in &self.segments {
            if !segment.exact {
                let (start, end) = next.to_source(
                    segment.source_start,
                    segment.source_start + segment.source_len,
                );
                chained.push_replaced(segment.text_start, segment.text_len, start, end - start);
                continue;
            }
            // An exact stretch stays exact piece by piece, so that a repaired byte inside it
            // widens only the labels that touch it.
            let pieces = next.slice(
                segment.source_start,
                segment.source_start + segment.source_len,
            );
            let covered: usize = pieces.segments.iter().map(|piece| piece.text_len).sum();
            if covered != segment.text_len {
                let (start, end) = next.to_source(
                    segment.source_start,
                    segment.source_start + segment.source_len,
                );
                chained.push_replaced(segment.text_start, segment.text_len, start, end - start);
                continue;
            }
            for piece in &pieces.segments {
                let text_start = segment.text_start + piece.text_start;
                if piece.exact {
                    chained.push_exact(text_start, piece.source_start, piece.text_len);
                } else {
                    chained.push_replaced(
                        text_start,
                        piece.text_len,
                        piece.source_start,
                        piece.source_len,
                    );
                }
            }
        }
        chained
    }

    /// Where the source has been read up to: the end of the last segment.
    pub fn source_end(&self) -> usize {
        self.segments
            .last()
            .map_or(0, |segment| segment.source_start + segment.source_len)
    }

    fn map_start(&self, offset: usize) -> usize {
        match self.segment_at(offset) {
            None => offset,
            Some(segment) if offset >= segment.text_start + segment.text_len => {
                segment.source_start + segment.source_len
            }
            Some(segment) if segment.exact => {
                segment.source_start + offset.saturating_sub(segment.text_start)
            }
            Some(segment) => segment.source_start,
        }
    }

    fn map_end(&self, offset: usize) -> usize {
        if offset == 0 {
            return self.map_start(0);
        }
        // The end is exclusive: map the last byte inside the range and step past it.
        match self.segment_at(offset - 1) {
            None => offset,
            Some(segment) if segment.exact => {
                let inside = (offset - segment.text_start).min(segment.source_len);
                segment.source_start + inside
            }
            Some(segment) => segment.source_start + segment.source_len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifted_map_moves_every_offset_by_the_header_length() {
        let map = SourceMap::shifted(100, 40);
        assert_eq!(map.to_source(0, 10), (40, 50));
        assert_eq!(map.to_source(95, 100), (135, 140));
    }

    #[test]
    fn a_range_touching_a_replaced_stretch_covers_all_of_it() {
        // text "a&b" from source "a&amp;b"
        let mut map = SourceMap::default();
        map.push_exact(0, 0, 1);
        map.push_replaced(1, 1, 1, 5);
        map.push_exact(2, 6, 1);
        assert_eq!(map.to_source(0, 3), (0, 7));
        assert_eq!(map.to_source(1, 2), (1, 6));
        assert_eq!(map.to_source(2, 3), (6, 7));
        assert_eq!(map.to_source(0, 1), (0, 1));
    }

    #[test]
    fn a_slice_counts_its_text_from_its_start() {
        let map = SourceMap::shifted(100, 3);
        let body = map.slice(40, 100);
        assert_eq!(body.to_source(0, 5), (43, 48));
        assert_eq!(body.segments().len(), 1);
    }

    #[test]
    fn a_slice_keeps_a_replaced_stretch_whole() {
        // text "ab\u{FFFD}cd" from source "ab\xFFcd"
        let mut map = SourceMap::default();
        map.push_exact(0, 0, 2);
        map.push_replaced(2, 3, 2, 1);
        map.push_exact(5, 3, 2);
        let tail = map.slice(2, 7);
        assert_eq!(tail.to_source(0, 3), (2, 3));
        assert_eq!(tail.to_source(3, 5), (3, 5));
    }

    #[test]
    fn chained_maps_stay_exact_around_a_repaired_byte() {
        // page text "xy\u{FFFD}zw" taken exactly from decoded markup "<p>xy\u{FFFD}zw</p>",
        // itself decoded from source "<p>xy\xFFzw</p>"
        let mut page = SourceMap::default();
        page.push_exact(0, 3, 7);
        let mut decoding = SourceMap::default();
        decoding.push_exact(0, 0, 5);
        decoding.push_replaced(5, 3, 5, 1);
        decoding.push_exact(8, 6, 6);
        let chained = page.then(&decoding);
        assert_eq!(chained.to_source(0, 2), (3, 5));
        assert_eq!(chained.to_source(5, 7), (6, 8));
        assert_eq!(chained.to_source(2, 5), (5, 6));
    }

    #[test]
    fn adjacent_exact_stretches_merge() {
        let mut map = SourceMap::default();
        map.push_exact(0, 10, 5);
        map.push_exact(5, 15, 5);
        assert_eq!(map.segments().len(), 1);
    }
}
