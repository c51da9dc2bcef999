//! Records of bytes appended one after the other and read back by number, held in memory up
//! to [`HELD_BYTES`] and written to a temporary file beyond, so that what a corpus keeps of
//! each article (its packed events, its record) waits on disk, not in memory: a gigabyte
//! of generated news keeps 26 MB of them, which would grow with the corpus.
//!
//! Reading back goes through the operating system's cache of the file, a few recent blocks
//! of it kept here; checks read the records mostly in order.

use std::fs::File;
use std::io::{self, Write};
use std::sync::{Mutex, Once, PoisonError};

use crate::packed::{put_varint, Reader};

/// Bytes held before they are written out.
const HELD_BYTES: usize = 1 << 20;

/// Records between two whose start is kept: a record is found by skipping at most this many
/// less one from the last kept start.
const STARTS_EVERY: usize = 16;

/// Bytes of the file read at once, and the unit of the cache of recent reads.
const BLOCK: usize = 1 << 16;

/// Blocks the cache keeps.
const BLOCKS_CACHED: usize = 8;

/// Records in the order they were appended.
#[derive(Debug)]
pub struct RecordFile {
    /// Bytes held before they are written out.
    held_limit: usize,
    /// Bytes of the file read at once.
    block: usize,
    /// The bytes not written out: every byte, while they are few.
    held: Vec<u8>,
    /// Where `held` starts among the bytes of all records.
    held_from: u64,
    written: Option<File>,
    /// Where every [`STARTS_EVERY`]th record starts.
    starts: Vec<u64>,
    len: usize,
    cache: Mutex<Cache>,
    /// Set once the temporary file could not be written: then every byte is held.
    hold_all: bool,
    /// Where a record is written before its length is known.
    scratch: Vec<u8>,
}

/// Recently read blocks of the file, the most recent last.
#[derive(Debug, Default)]
struct Cache {
    blocks: Vec<(u64, Vec<u8>)>,
}

impl Default for RecordFile {
    fn default() -> Self {
        Self::with_sizes(HELD_BYTES, BLOCK)
    }
}

impl RecordFile {
    /// A store that holds `held_limit` bytes before writing them out, and reads `block`
    /// bytes of the file at a time.
    fn with_sizes(held_limit: usize, block: usize) -> Self {
        RecordFile {
            held_limit,
            block: block.max(1),
            held: Vec::new(),
            held_from: 0,
            written: None,
            starts: Vec::new(),
            len: 0,
            cache: Mutex::default(),
            hold_all: false,
            scratch: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Bytes of records held in memory, with the kept starts.
    pub fn held_bytes(&self) -> usize {
        self.held.len() + self.starts.len() * std::mem::size_of::<u64>()
    }

    /// Bytes of records written out.
    pub fn written_bytes(&self) -> u64 {
        self.held_from
    }

    /// Appends the record `write` writes.
    pub fn push(&mut self, write: impl FnOnce(&mut Vec<u8>)) {
        if self.len % STARTS_EVERY == 0 {
            self.starts.push(self.held_from + self.held.len() as u64);
        }
        self.scratch.clear();
        write(&mut self.scratch);
        put_varint(&mut self.held, self.scratch.len() as u64);
        self.held.extend_from_slice(&self.scratch);
        self.len += 1;
        if self.held.len() >= self.held_limit && !self.hold_all {
            if let Err(error) = self.write_out() {
                // Once a run, whichever store finds it: they all write to the same directory.
                static WARNED: Once = Once::new();
                WARNED.call_once(|| {
                    eprintln!(
                        "claimlint: cannot write to a temporary file ({error}); keeping the corpus's records in memory"
                    );
                });
                self.hold_all = true;
            }
        }
    }

    fn write_out(&mut self) -> io::Result<()> {
        if !cfg!(unix) {
            // Reading back at an offset without moving the file's cursor is Unix's.
            self.hold_all = true;
            return Ok(());
        }
        let file = match &mut self.written {
            Some(file) => file,
            None => self.written.insert(tempfile::tempfile()?),
        };
        file.write_all(&self.held)?;
        self.held_from += self.held.len() as u64;
        self.held.clear();
        Ok(())
    }

    /// Gives the record `index` to `read`; `None` past the last.
    pub fn with<T>(&self, index: usize, read: impl FnOnce(&mut Reader) -> T) -> Option<T> {
        if index >= self.len {
            return None;
        }
        let mut at = *self.starts.get(index / STARTS_EVERY)?;
        let mut bytes = Vec::new();
        for _ in 0..index % STARTS_EVERY {
            let (len, skip) = self.length_at(at, &mut bytes);
            at += skip + len;
        }
        let (len, skip) = self.length_at(at, &mut bytes);
        bytes.resize(len as usize, 0);
        self.read_at(at + skip, &mut bytes);
        Some(read(&mut Reader::at(&bytes, 0)))
    }

    /// Every record in order, each given to `read`.
    pub fn cursor(&self) -> Cursor<'_> {
        Cursor {
            file: self,
            next: 0,
            buffer: Vec::new(),
            at: 0,
        }
    }

    /// The length of the record starting at `at`, and how many bytes say it.
    fn length_at(&self, at: u64, scratch: &mut Vec<u8>) -> (u64, u64) {
        let end = self.held_from + self.held.len() as u64;
        scratch.resize((end - at).min(10) as usize, 0);
        self.read_at(at, scratch);
        let mut reader = Reader::at(scratch, 0);
        let len = reader.varint();
        (len, reader.position() as u64)
    }

    /// Fills `into` with the bytes from `at`.
    fn read_at(&self, at: u64, into: &mut [u8]) {
        let mut at = at;
        let mut into = into;
        while !into.is_empty() {
            if at >= self.held_from {
                let from = (at - self.held_from) as usize;
                into.copy_from_slice(&self.held[from..from + into.len()]);
                return;
            }
            let block = at - at % self.block as u64;
            let copied = self.copy_from_block(block, at, into);
            at += copied as u64;
            into = &mut into[copied..];
        }
    }

    /// Copies what block `block` holds of the bytes from `at` into `into`; how many.
    fn copy_from_block(&self, block: u64, at: u64, into: &mut [u8]) -> usize {
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        // The last block grows as records are written out: one read shorter is stale.
        let len = (self.held_from - block).min(self.block as u64) as usize;
        let found = cache
            .blocks
            .iter()
            .position(|(start, bytes)| *start == block && bytes.len() == len);
        let index = match found {
            Some(index) => index,
            None => {
                cache.blocks.retain(|(start, _)| *start != block);
                let mut bytes = vec![0; len];
                self.read_file(block, &mut bytes);
                if cache.blocks.len() == BLOCKS_CACHED {
                    cache.blocks.remove(0);
                }
                cache.blocks.push((block, bytes));
                cache.blocks.len() - 1
            }
        };
        let bytes = &cache.blocks[index].1;
        let from = (at - block) as usize;
        let copied = into.len().min(bytes.len() - from);
        into[..copied].copy_from_slice(&bytes[from..from + copied]);
        copied
    }

    /// Reads written bytes. They were written by this process to a file only it holds; a
    /// failure to read them back leaves the run nothing it could report truly, so it ends
    /// with an error (exit code 2), not with findings made of missing data.
    fn read_file(&self, at: u64, into: &mut [u8]) {
        let read = match &self.written {
            Some(file) => read_exact_at(file, into, at),
            None => Err(io::Error::other("no temporary file")),
        };
        if let Err(error) = read {
            eprintln!("claimlint: cannot read back a temporary file: {error}");
            std::process::exit(2);
        }
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, into: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, into, at)
}

#[cfg(not(unix))]
fn read_exact_at(_: &File, _: &mut [u8], _: u64) -> io::Result<()> {
    Err(io::Error::other("reading at an offset needs Unix"))
}

/// Reads the records in order: the written ones a block at a time, then the held ones in place.
pub struct Cursor<'a> {
    file: &'a RecordFile,
    /// Where the bytes after `buffer` start, or once it is spent and the written bytes are
    /// read, the next record.
    next: u64,
    buffer: Vec<u8>,
    at: usize,
}

impl Cursor<'_> {
    /// Gives the next record to `read`; `None` after the last.
    pub fn next_with<T>(&mut self, read: impl FnOnce(&mut Reader) -> T) -> Option<T> {
        let held_from = self.file.held_from;
        if self.at == self.buffer.len() && self.next >= held_from {
            // Past the written bytes: the held ones are read where they are, not copied (a
            // record never spans the two).
            let held = self.file.held.get((self.next - held_from) as usize..)?;
            if held.is_empty() {
                return None;
            }
            let mut reader = Reader::at(held, 0);
            let len = reader.varint() as usize;
            let start = reader.position();
            self.next += (start + len) as u64;
            return Some(read(&mut Reader::at(&held[start..start + len], 0)));
        }
        if !self.fill(10) {
            return None;
        }
        let mut reader = Reader::at(&self.buffer, self.at as u64);
        let len = reader.varint() as usize;
        self.at = reader.position();
        self.fill(len);
        let record = &self.buffer[self.at..self.at + len];
        self.at += len;
        Some(read(&mut Reader::at(record, 0)))
    }

    /// Reads on until `wanted` bytes wait, or the written bytes end; whether any byte waits.
    fn fill(&mut self, wanted: usize) -> bool {
        let end = self.file.held_from;
        let waiting = self.buffer.len() - self.at;
        if waiting < wanted && self.next < end {
            self.buffer.drain(..self.at);
            self.at = 0;
            let len =
                ((wanted - waiting).max(self.file.block) as u64).min(end - self.next) as usize;
            let from = self.buffer.len();
            self.buffer.resize(from + len, 0);
            self.file.read_at(self.next, &mut self.buffer[from..]);
            self.next += len as u64;
        }
        self.buffer.len() > self.at
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn stored(records: &[Vec<u8>], held_limit: usize, block: usize) -> RecordFile {
        let mut file = RecordFile::with_sizes(held_limit, block);
        for record in records {
            file.push(|out| out.extend_from_slice(record));
        }
        file
    }

    fn whole(reader: &mut Reader, len: usize) -> Vec<u8> {
        (0..len).map(|_| reader.byte()).collect()
    }

    proptest! {
        #[test]
        fn records_read_back_as_appended_in_order_and_by_number(
            records in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..300), 0..120),
            held_limit in 1usize..2_000,
            block in 1usize..200,
            order in proptest::collection::vec(any::<prop::sample::Index>(), 0..60),
        ) {
            let file = stored(&records, held_limit, block);
            prop_assert_eq!(file.len(), records.len());
            let mut cursor = file.cursor();
            let mut in_order = Vec::new();
            while let Some(record) = cursor.next_with(|reader| {
                let len = records[in_order.len()].len();
                whole(reader, len)
            }) {
                in_order.push(record);
            }
            prop_assert_eq!(&in_order, &records);
            if !records.is_empty() {
                for index in order {
                    let index = index.index(records.len());
                    let record = file.with(index, |reader| whole(reader, records[index].len()));
                    prop_assert_eq!(record.as_ref(), Some(&records[index]));
                }
            }
            prop_assert!(file.with(records.len(), |_| ()).is_none());
        }
    }

    #[test]
    fn records_read_between_appends_read_back_after_more_are_written() {
        let mut file = RecordFile::with_sizes(10, 64);
        let record = |n: u8| vec![n; 7];
        for n in 0..4 {
            file.push(|out| out.extend_from_slice(&record(n)));
        }
        // The file ends within the first block, which this read caches.
        assert_eq!(file.with(1, |reader| whole(reader, 7)), Some(record(1)));
        for n in 4..40 {
            file.push(|out| out.extend_from_slice(&record(n)));
        }
        assert!(file.written_bytes() > 64);
        for n in 0..40 {
            assert_eq!(
                file.with(usize::from(n), |reader| whole(reader, 7)),
                Some(record(n))
            );
        }
    }
}
