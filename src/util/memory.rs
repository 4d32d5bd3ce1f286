//! When the allocator gives freed memory back to the system. ouvert's
//! binary allocates through mimalloc; a one-shot command and a server that
//! rebuilds for hours want opposite answers.

/// mimalloc's option "purge_delay" (its index in `mi_option_t`, the same in
/// mimalloc 2 and 3; checked by a test against its default).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// For a command that runs once and exits (`build`, `check`): freed memory
/// stays with the process, to be reused. mimalloc otherwise gives it back
/// after 10 ms, and each time the process takes it again the system must
/// clear every page first: on a 10,000-dataset build that was 0.9 s of
/// system time in 4.6 s, for a peak 12 % lower (650 MB against 726 MB;
/// BENCHMARKS.md).
pub fn keep_freed_memory() {
    set_purge_delay(-1);
}

/// For a process that rebuilds again and again (`serve`): each rebuild
/// allocates a whole portal and frees the previous one, and with
/// mimalloc's delays (up to ten seconds for its arenas) a session of
/// quick edits held more and more memory: 323 MB after 10 edits, up to
/// 364 MB after 100 on a 1,000-dataset portal, against 284 MB after 10 and
/// 300 MB from edit 50 to 100 when it is given back at once
/// (BENCHMARKS.md).
pub fn return_freed_memory_at_once() {
    set_purge_delay(0);
}

fn set_purge_delay(milliseconds: std::ffi::c_long) {
    // SAFETY: mi_option_set only stores an integer option; when mimalloc is
    // not the allocator (the library's tests), it only affects its own heap.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, milliseconds) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // Its default is 1000 ms in mimalloc 3, 10 ms in mimalloc 2; no
        // neighbouring option has either.
        // SAFETY: reads an integer option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        assert!(delay == 1000 || delay == 10, "{delay}");
    }
}
