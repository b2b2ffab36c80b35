//! The threads that work in the background: reading files, indexing, merging.

/// Lowers the CPU priority of the calling thread (and of the threads it starts from now on) by
/// this much: the threads that read files, index and merge yield to a search the window asks
/// for meanwhile, which then answers as if nothing else ran.
pub(crate) const BACKGROUND_NICENESS: i32 = 10;

/// Puts the calling thread in the background (see [`BACKGROUND_NICENESS`]). On Linux a
/// thread's niceness is its own; raising it needs no privilege, and a thread that is already
/// lower keeps its priority. Elsewhere this does nothing.
pub(crate) fn into_background() {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{getpriority_process, setpriority_process};
        // `None`: on Linux, the calling thread.
        if getpriority_process(None).is_ok_and(|now| now < BACKGROUND_NICENESS) {
            let _ = setpriority_process(None, BACKGROUND_NICENESS);
        }
    }
}
