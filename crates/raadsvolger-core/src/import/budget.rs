//! The time a file may take to be read, kept by the readers themselves.
//!
//! A thread cannot be stopped from outside, so each reader calls [`check`] as it goes: per
//! Markdown event, per HTML node, per XML node of an office file, per page and per drawn word
//! of a PDF (inside pdf-extract, through the output it draws into), per page of a scan, and
//! per paragraph the extractors read. Past the deadline a check unwinds the reader's stack
//! with [`Expired`], without the panic hook (no message is printed); [`within`] catches it
//! and answers [`ImportError::TimedOut`]. The file is reported as too slow and its thread is
//! free at once, instead of reading on unseen while the import goes on. Outside [`within`] (a
//! document a sync downloads) there is no deadline and a check costs a thread-local read.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::time::{Duration, Instant};

use super::ImportError;

thread_local! {
    static DEADLINE: Cell<Option<(Instant, u64)>> = const { Cell::new(None) };
    static CHECKS: Cell<u64> = const { Cell::new(0) };
}

/// What a check past its deadline unwinds with.
#[derive(Debug)]
pub struct Expired {
    pub limit_ms: u64,
}

/// Runs `read` with a deadline `limit` from now on this thread. A check past it ends `read`
/// with [`ImportError::TimedOut`]; any other panic goes on up. The deadline before (if any) is
/// put back afterwards.
pub fn within<T>(
    limit: Duration,
    read: impl FnOnce() -> Result<T, ImportError>,
) -> Result<T, ImportError> {
    struct Restore(Option<(Instant, u64)>);
    impl Drop for Restore {
        fn drop(&mut self) {
            DEADLINE.with(|d| d.set(self.0));
        }
    }
    let limit_ms = u64::try_from(limit.as_millis()).unwrap_or(u64::MAX);
    let deadline = Instant::now().checked_add(limit).map(|at| (at, limit_ms));
    let restore = Restore(DEADLINE.with(|d| d.replace(deadline)));
    let outcome = catch_unwind(AssertUnwindSafe(read));
    drop(restore);
    match outcome {
        Ok(result) => result,
        Err(payload) => match payload.downcast::<Expired>() {
            Ok(expired) => Err(ImportError::TimedOut {
                limit_ms: expired.limit_ms,
            }),
            Err(other) => resume_unwind(other),
        },
    }
}

/// Ends the reading of this thread's file when its deadline has passed (see the module).
pub fn check() {
    CHECKS.with(|c| c.set(c.get() + 1));
    if let Some((at, limit_ms)) = DEADLINE.with(Cell::get) {
        if Instant::now() >= at {
            resume_unwind(Box::new(Expired { limit_ms }));
        }
    }
}

/// Whether a caught panic is a deadline's, which a reader that catches the panics of the
/// code it calls must let go on up.
pub fn is_expired(payload: &(dyn std::any::Any + Send)) -> bool {
    payload.is::<Expired>()
}

/// The time left before the deadline, if there is one (for a child process's own limit).
pub fn left() -> Option<Duration> {
    DEADLINE
        .with(Cell::get)
        .map(|(at, _)| at.saturating_duration_since(Instant::now()))
}

/// How many checks this thread made so far (for tests that see where a reader stopped).
pub fn checks_made() -> u64 {
    CHECKS.with(Cell::get)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deadline_ends_the_reading_and_is_put_back_after() {
        check();
        assert_eq!(left(), None, "no deadline outside");
        let before = checks_made();
        let outer = within(Duration::ZERO, || {
            let inner = within(Duration::from_secs(60), || {
                check();
                assert!(left().is_some_and(|l| l > Duration::from_secs(30)));
                Ok(1)
            });
            assert_eq!(inner, Ok(1));
            check();
            unreachable!("the outer deadline is back, and has passed");
        });
        assert_eq!(outer, Err::<(), _>(ImportError::TimedOut { limit_ms: 0 }));
        assert_eq!(checks_made() - before, 2);
        check();
        let other = catch_unwind(|| {
            within(Duration::from_secs(60), || -> Result<(), ImportError> {
                panic!("a reader panicked")
            })
        })
        .expect_err("another panic goes on up");
        assert!(!is_expired(&*other));
        assert_eq!(left(), None, "a panic does not leave the deadline set");
    }
}
