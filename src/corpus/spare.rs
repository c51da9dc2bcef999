//! Each thread's spare buffer for the JSONL bytes it reads. A corpus of shards is read into
//! the same memory shard after shard, instead of into fresh pages that the kernel must find,
//! clear and map each time (the articles copy their texts out of the JSON).

use std::cell::RefCell;
use std::fs::File;
use std::io::{self, Read};

/// The most a thread keeps between reads: a JSONL file read whole (files above 8 MB are read
/// in stretches of about 1 MB), with room to spare.
const KEPT_AT_MOST: usize = 16 << 20;

thread_local! {
    static SPARE: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The thread's spare buffer, empty but with its memory, or a new one.
pub fn take() -> Vec<u8> {
    let mut bytes = SPARE.with(|spare| std::mem::take(&mut *spare.borrow_mut()));
    bytes.clear();
    bytes
}

/// Keeps `bytes`' memory for the thread's next read, unless it is too big to keep.
pub fn give_back(bytes: Vec<u8>) {
    if bytes.capacity() <= KEPT_AT_MOST {
        SPARE.with(|spare| *spare.borrow_mut() = bytes);
    }
}

/// `file`'s bytes (from where it stands, `limit` of them at most), read into the spare buffer.
pub fn read(mut file: File, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = take();
    // A whole file is read by its own `read_to_end`, which sizes the buffer by the file's
    // length; a stretch's size is its limit.
    let read = if limit == u64::MAX {
        file.read_to_end(&mut bytes)
    } else {
        bytes.reserve(usize::try_from(limit).unwrap_or(0));
        file.take(limit).read_to_end(&mut bytes)
    };
    match read {
        Ok(_) => Ok(bytes),
        Err(error) => {
            give_back(bytes);
            Err(error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buffer_given_back_is_taken_again_empty_with_its_memory() {
        let mut bytes = take();
        bytes.extend_from_slice(&[7; 1000]);
        let (pointer, capacity) = (bytes.as_ptr(), bytes.capacity());
        give_back(bytes);
        let again = take();
        assert!(again.is_empty());
        assert_eq!((again.as_ptr(), again.capacity()), (pointer, capacity));
    }

    #[test]
    fn a_buffer_too_big_to_keep_is_let_go() {
        give_back(Vec::with_capacity(KEPT_AT_MOST + 1));
        assert!(take().capacity() <= KEPT_AT_MOST);
    }

    #[test]
    fn reading_stops_at_the_limit_and_at_the_end() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("a.jsonl");
        std::fs::write(&path, b"0123456789").expect("write");
        let open = || File::open(&path).expect("open");
        assert_eq!(read(open(), 4).expect("read"), b"0123");
        assert_eq!(read(open(), 100).expect("read"), b"0123456789");
    }
}
