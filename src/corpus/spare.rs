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

/// The rest of `file`, read into the spare buffer (sized by the file's length, which
/// `File`'s own `read_to_end` asks for).
pub fn read_to_end(mut file: File) -> io::Result<Vec<u8>> {
    let mut bytes = take();
    let read = file.read_to_end(&mut bytes);
    kept_unless_failed(bytes, read)
}

/// The next `len` bytes of `file`, read into the spare buffer; an error if it ends before.
pub fn read_exact(file: File, len: u64) -> io::Result<Vec<u8>> {
    let mut bytes = take();
    bytes.reserve(usize::try_from(len).map_err(io::Error::other)?);
    let read = file.take(len).read_to_end(&mut bytes).and_then(|read| {
        if read as u64 == len {
            Ok(read)
        } else {
            Err(io::ErrorKind::UnexpectedEof.into())
        }
    });
    kept_unless_failed(bytes, read)
}

/// `bytes` when they were read, else the error, with their memory kept for the next read.
fn kept_unless_failed(bytes: Vec<u8>, read: io::Result<usize>) -> io::Result<Vec<u8>> {
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
    fn a_file_is_read_whole_or_as_many_bytes_as_asked() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("a.jsonl");
        std::fs::write(&path, b"0123456789").expect("write");
        let open = || File::open(&path).expect("open");
        assert_eq!(read_to_end(open()).expect("read"), b"0123456789");
        assert_eq!(read_exact(open(), 4).expect("read"), b"0123");
        assert_eq!(read_exact(open(), 10).expect("read"), b"0123456789");
        let short = read_exact(open(), 11).map_err(|error| error.kind());
        assert_eq!(short, Err(io::ErrorKind::UnexpectedEof));
    }
}
