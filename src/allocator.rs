//! The global allocator: mimalloc, through its plain entry points where a block's own
//! alignment is all a layout asks for.
//!
//! The `mimalloc` crate asks for every layout through the aligned ones, which look for a
//! block of the right alignment before taking the plain path, and for a block over 1 KB
//! (an article's text, its sentences) take a slower one that pads the request.

use std::alloc::{GlobalAlloc, Layout};

use libmimalloc_sys as mi;

/// The alignment of every block mimalloc hands out: a word (its sizes are whole words).
const BLOCK_ALIGN: usize = std::mem::size_of::<usize>();

pub struct Allocator;

// SAFETY: every layout is asked of mimalloc with its size, through the aligned entry points
// when it needs more than a block's own alignment; blocks from either kind are freed and
// grown by mimalloc, which tells them apart itself.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let block = if layout.align() <= BLOCK_ALIGN {
            mi::mi_malloc(layout.size())
        } else {
            mi::mi_malloc_aligned(layout.size(), layout.align())
        };
        block.cast()
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let block = if layout.align() <= BLOCK_ALIGN {
            mi::mi_zalloc(layout.size())
        } else {
            mi::mi_zalloc_aligned(layout.size(), layout.align())
        };
        block.cast()
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        mi::mi_free(ptr.cast());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let block = if layout.align() <= BLOCK_ALIGN {
            mi::mi_realloc(ptr.cast(), new_size)
        } else {
            mi::mi_realloc_aligned(ptr.cast(), new_size, layout.align())
        };
        block.cast()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_aligned_as_asked_and_keep_their_bytes_when_grown() {
        for align in [1, 2, 4, 8, 16, 64, 4096] {
            for size in [1, 7, 24, 100, 1025, 5000, 70_000] {
                let Ok(layout) = Layout::from_size_align(size, align) else {
                    panic!("a layout of {size} aligned to {align}");
                };
                // SAFETY: the layouts are not empty; each block is written within its size,
                // grown once and freed once.
                unsafe {
                    let block = Allocator.alloc(layout);
                    assert!(
                        !block.is_null() && block as usize % align == 0,
                        "{size} {align}"
                    );
                    block.write_bytes(0xA5, size);
                    let grown = Allocator.realloc(block, layout, 3 * size);
                    assert!(
                        !grown.is_null() && grown as usize % align == 0,
                        "{size} {align}"
                    );
                    assert!((0..size).all(|k| *grown.add(k) == 0xA5));
                    Allocator.dealloc(grown, Layout::from_size_align_unchecked(3 * size, align));
                    let zeroed = Allocator.alloc_zeroed(layout);
                    assert!(zeroed as usize % align == 0 && (0..size).all(|k| *zeroed.add(k) == 0));
                    Allocator.dealloc(zeroed, layout);
                }
            }
        }
    }
}
