//! JSON written piece by piece exactly as `serde_json`'s pretty printer writes the whole. A
//! value `depth` levels deep is its own pretty form with every line break followed by `depth`
//! more indents (a JSON string holds no raw line break). So a report's findings can be made
//! into JSON in parallel batches and written in order, never all held at once.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

use super::{json_error, Report, ResolvedFinding};

const INDENT: &[u8] = b"  ";

/// Items of a list made into JSON per batch: as many as the report's findings per batch.
const BATCH: usize = super::FINDINGS_PER_BATCH;

/// `value` pretty-printed as it reads `depth` levels deep.
pub(crate) fn nested(value: &impl Serialize, depth: usize) -> io::Result<Vec<u8>> {
    let mut deep = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut deep, Nested::at(depth));
    value.serialize(&mut serializer).map_err(json_error)?;
    Ok(deep)
}

/// `serde_json`'s pretty printer begun `depth` levels deep: the bytes its `PrettyFormatter`
/// writes, every line break followed by `depth` more indents, written as they come instead of
/// indented again after.
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn at(depth: usize) -> Self {
        Nested {
            depth,
            has_value: false,
        }
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            new_line(out, self.depth)?;
        }
        out.write_all(bracket)
    }

    fn member<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        if !first {
            out.write_all(b",")?;
        }
        new_line(out, self.depth)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.member(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.member(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// A line break and the indent of `depth`.
fn new_line<W: ?Sized + Write>(out: &mut W, depth: usize) -> io::Result<()> {
    out.write_all(b"\n")?;
    (0..depth).try_for_each(|_| out.write_all(INDENT))
}

/// The members of an object or an array being written: each after a comma (but the first)
/// and a line break, and the closing bracket on a line of its own unless there were none.
struct Members<'w> {
    out: &'w mut dyn Write,
    depth: usize,
    count: usize,
}

impl<'w> Members<'w> {
    fn open(out: &'w mut dyn Write, depth: usize, bracket: &[u8]) -> io::Result<Self> {
        out.write_all(bracket)?;
        Ok(Members {
            out,
            depth,
            count: 0,
        })
    }

    /// Starts the next member: where to write it.
    fn next(&mut self) -> io::Result<&mut dyn Write> {
        if self.count > 0 {
            self.out.write_all(b",")?;
        }
        self.count += 1;
        new_line(self.out, self.depth + 1)?;
        Ok(&mut *self.out)
    }

    fn close(self, bracket: &[u8]) -> io::Result<()> {
        if self.count > 0 {
            new_line(self.out, self.depth)?;
        }
        self.out.write_all(bracket)
    }
}

/// A JSON object written field by field, `depth` levels deep.
pub(crate) struct Object<'w>(Members<'w>);

impl<'w> Object<'w> {
    pub(crate) fn begin(out: &'w mut dyn Write, depth: usize) -> io::Result<Self> {
        Members::open(out, depth, b"{").map(Object)
    }

    pub(crate) fn field(&mut self, key: &str, value: &impl Serialize) -> io::Result<()> {
        self.field_with(key, |out, depth| out.write_all(&nested(value, depth)?))
    }

    /// A field whose value `write` writes, `depth` levels deep.
    pub(crate) fn field_with(
        &mut self,
        key: &str,
        write: impl FnOnce(&mut dyn Write, usize) -> io::Result<()>,
    ) -> io::Result<()> {
        let depth = self.0.depth + 1;
        let out = self.0.next()?;
        serde_json::to_writer(&mut *out, key).map_err(json_error)?;
        out.write_all(b": ")?;
        write(out, depth)
    }

    pub(crate) fn end(self) -> io::Result<()> {
        self.0.close(b"}")
    }
}

/// A JSON array written element by element, `depth` levels deep.
pub(crate) struct Array<'w>(Members<'w>);

impl<'w> Array<'w> {
    pub(crate) fn begin(out: &'w mut dyn Write, depth: usize) -> io::Result<Self> {
        Members::open(out, depth, b"[").map(Array)
    }

    /// An element whose value `write` writes, `depth` levels deep.
    pub(crate) fn element_with(
        &mut self,
        write: impl FnOnce(&mut dyn Write, usize) -> io::Result<()>,
    ) -> io::Result<()> {
        let depth = self.0.depth + 1;
        write(self.0.next()?, depth)
    }

    /// The depth this array's elements go at.
    fn element_depth(&self) -> usize {
        self.0.depth + 1
    }

    /// Elements made into JSON by `to_json` in parallel, written in order.
    fn batch<T: Sync>(
        &mut self,
        items: &[T],
        to_json: &(impl Fn(&T, usize) -> io::Result<Vec<u8>> + Sync),
    ) -> io::Result<()> {
        let written = in_parallel(items, self.element_depth(), to_json)?;
        self.write_elements(written)
    }

    /// Elements already made into JSON (at [`Array::element_depth`]), written in order.
    fn write_elements(&mut self, written: Vec<Vec<u8>>) -> io::Result<()> {
        for bytes in written {
            self.element_with(|out, _| out.write_all(&bytes))?;
        }
        Ok(())
    }

    pub(crate) fn end(self) -> io::Result<()> {
        self.0.close(b"]")
    }
}

/// `items` as an array `depth` levels deep, each made into JSON by `to_json` (given the depth it
/// goes at): a batch at a time, made in parallel, written in order, so that a long list is
/// never held as JSON all at once.
pub(crate) fn array_in_batches<T: Sync>(
    out: &mut dyn Write,
    depth: usize,
    items: impl Iterator<Item = T>,
    to_json: impl Fn(&T, usize) -> io::Result<Vec<u8>> + Sync,
) -> io::Result<()> {
    let mut array = Array::begin(out, depth)?;
    let mut items = items.peekable();
    while items.peek().is_some() {
        let batch: Vec<T> = items.by_ref().take(BATCH).collect();
        array.batch(&batch, &to_json)?;
    }
    array.end()
}

/// The report's findings as an array `depth` levels deep, each made into JSON by `to_json`
/// (given the depth it goes at; [`nested`] does it for a serializable value): taken a batch at
/// a time, made in parallel, written in order.
pub(crate) fn findings_array(
    report: &mut Report,
    out: &mut dyn Write,
    depth: usize,
    to_json: impl Fn(&ResolvedFinding, usize) -> io::Result<Vec<u8>> + Sync,
) -> io::Result<()> {
    let mut array = Array::begin(out, depth)?;
    let element_depth = array.element_depth();
    report.render_batches(
        |_, _| (),
        |batch, ()| in_parallel(batch, element_depth, &to_json),
        |written| array.write_elements(written),
    )?;
    array.end()
}

/// `items` made into JSON `depth` levels deep by `to_json`, in parallel, in order.
fn in_parallel<T: Sync>(
    items: &[T],
    depth: usize,
    to_json: &(impl Fn(&T, usize) -> io::Result<Vec<u8>> + Sync),
) -> io::Result<Vec<Vec<u8>>> {
    items.par_iter().map(|item| to_json(item, depth)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pieces_write_what_the_whole_writes() {
        let inner = json!({"a": [1, {"b": "x\ny"}], "c": {}, "d": []});
        let whole = json!({"first": inner, "list": [inner, [], {}], "last": "z"});
        let mut written = Vec::new();
        let mut object = Object::begin(&mut written, 0).expect("writes");
        // A `Value`'s keys are written in alphabetical order: so are these.
        object.field("first", &inner).expect("writes");
        object.field("last", &"z").expect("writes");
        object
            .field_with("list", |out, depth| {
                let mut list = Array::begin(out, depth)?;
                list.element_with(|out, depth| out.write_all(&nested(&inner, depth)?))?;
                list.element_with(|out, depth| Array::begin(out, depth)?.end())?;
                list.element_with(|out, depth| Object::begin(out, depth)?.end())?;
                list.end()
            })
            .expect("writes");
        object.end().expect("writes");
        let expected = serde_json::to_vec_pretty(&whole).expect("serializes");
        assert_eq!(
            String::from_utf8_lossy(&written),
            String::from_utf8_lossy(&expected)
        );
    }

    #[test]
    fn a_value_begun_deep_is_its_pretty_form_indented_after_each_line_break() {
        let value = json!({"a": [1, {"b": "x\ny", "c": []}], "d": {}, "e": [[], [{}]], "f": 2.5});
        let alone = serde_json::to_vec_pretty(&value).expect("serializes");
        for depth in 0..4 {
            let indented =
                String::from_utf8_lossy(&alone).replace('\n', &format!("\n{}", "  ".repeat(depth)));
            let deep = nested(&value, depth).expect("serializes");
            assert_eq!(String::from_utf8_lossy(&deep), indented, "{depth}");
        }
    }

    #[test]
    fn a_list_written_in_batches_reads_as_the_whole() {
        let items: Vec<serde_json::Value> = (0..BATCH * 2 + 7)
            .map(|n| json!({"path": format!("a-{n}.md"), "published": null}))
            .collect();
        let mut written = Vec::new();
        let mut object = Object::begin(&mut written, 0).expect("writes");
        object
            .field_with("articles", |out, depth| {
                array_in_batches(out, depth, items.iter(), nested)
            })
            .expect("writes");
        object
            .field_with("none", |out, depth| {
                array_in_batches(out, depth, std::iter::empty::<u8>(), nested)
            })
            .expect("writes");
        object.end().expect("writes");
        let whole = json!({"articles": items, "none": []});
        let expected = serde_json::to_vec_pretty(&whole).expect("serializes");
        assert_eq!(
            String::from_utf8_lossy(&written),
            String::from_utf8_lossy(&expected)
        );
    }
}
