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

use crate::error::ImportError;

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

/// A ceiling on what one compressed stream (a PDF stream, a ZIP entry) may inflate to: at most
/// `max_bytes`, and once past `ratio_from` bytes at most `max_ratio` times the compressed size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inflation {
    pub max_bytes: u64,
    pub max_ratio: u64,
    pub ratio_from: u64,
}

impl Inflation {
    /// Why `produced` bytes from `packed` compressed ones are too many, if they are.
    pub fn overrun(&self, produced: u64, packed: u64) -> Option<String> {
        if produced > self.max_bytes {
            return Some(format!(
                "a compressed stream inflates past {}; not read",
                size_label(self.max_bytes)
            ));
        }
        if produced > self.ratio_from && produced > packed.max(1).saturating_mul(self.max_ratio) {
            return Some(format!(
                "a compressed stream of {packed} bytes inflates more than {} times its size \
                 (past {}); not read",
                self.max_ratio,
                size_label(produced)
            ));
        }
        None
    }
}

pub(crate) fn size_label(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

/// A reader of inflated bytes that stops at its [`Inflation`] ceiling (with an error, the
/// reason kept in [`Capped::overrun`]) and keeps the file's deadline at each read, so a
/// stream that inflates without end is neither held nor read for ever.
pub struct Capped<R> {
    inner: R,
    packed: u64,
    produced: u64,
    limits: Inflation,
    overrun: Option<String>,
}

impl<R: std::io::Read> Capped<R> {
    /// `inner` inflates a stream of `packed` compressed bytes.
    pub fn new(inner: R, packed: u64, limits: Inflation) -> Capped<R> {
        Capped {
            inner,
            packed,
            produced: 0,
            limits,
            overrun: None,
        }
    }

    /// Why the reading stopped at the ceiling, if it did.
    pub fn overrun(&self) -> Option<&str> {
        self.overrun.as_deref()
    }

    /// Bytes read so far.
    pub fn produced(&self) -> u64 {
        self.produced
    }
}

impl<R: std::io::Read> std::io::Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        check();
        if let Some(why) = &self.overrun {
            return Err(std::io::Error::other(why.clone()));
        }
        // Never more than one byte past the ceiling is asked for.
        let room = self
            .limits
            .max_bytes
            .saturating_sub(self.produced)
            .saturating_add(1);
        let want = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.produced += n as u64;
        if let Some(why) = self.limits.overrun(self.produced, self.packed) {
            self.overrun = Some(why.clone());
            return Err(std::io::Error::other(why));
        }
        Ok(n)
    }
}

/// How many checks this thread made so far (for tests that see where a reader stopped).
pub fn checks_made() -> u64 {
    CHECKS.with(Cell::get)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_readers_stop_at_the_size_and_the_ratio() {
        use std::io::Read;
        let limits = Inflation {
            max_bytes: 1000,
            max_ratio: 10,
            ratio_from: 100,
        };
        // Within both: read to the end.
        let mut out = Vec::new();
        let mut r = Capped::new(&[7u8; 500][..], 50, limits);
        assert_eq!(r.read_to_end(&mut out).expect("reads"), 500);
        assert_eq!(r.overrun(), None);
        // Past the size: at most one byte past it was read.
        let mut r = Capped::new(&[7u8; 5000][..], 4000, limits);
        let err = r.read_to_end(&mut Vec::new()).expect_err("too big");
        assert!(
            err.to_string().contains("inflates past 1000 bytes"),
            "{err}"
        );
        assert!(r.produced() <= 1001);
        // Past the ratio (but not the size): refused too; below `ratio_from` it is not looked at.
        let mut r = Capped::new(&[7u8; 900][..], 20, limits);
        let err = r.read_to_end(&mut Vec::new()).expect_err("ratio");
        assert!(err.to_string().contains("more than 10 times"), "{err}");
        let mut r = Capped::new(&[7u8; 90][..], 1, limits);
        assert!(r.read_to_end(&mut Vec::new()).is_ok());
        // The deadline is kept while reading.
        let timed = within(Duration::ZERO, || {
            let _ = Capped::new(&[7u8; 10][..], 10, limits).read_to_end(&mut Vec::new());
            Ok(())
        });
        assert_eq!(timed, Err(ImportError::TimedOut { limit_ms: 0 }));
    }

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
