//! The time a write is recorded at. A write (`Archive::write`) takes the time once, when it
//! starts, and every row it stamps (a person's edit, a history entry, a sync's record, an
//! alert's hit) carries that one time, so the rows of one write agree and the store never reads
//! the clock itself. Outside a write the clock is read as it is asked. Tests pin the time with
//! [`pinned`].

use std::cell::RefCell;

thread_local! {
    /// The time of the write under way on this thread.
    static WRITE_AT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Now, as the archive stores times: RFC 3339 in UTC, to the second.
fn clock() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The time of the write under way, or now when there is none.
pub(crate) fn recorded_at() -> String {
    WRITE_AT
        .with(|at| at.borrow().clone())
        .unwrap_or_else(clock)
}

/// Runs `f` as one write with one time. A write inside a write keeps the outer one's time.
pub(crate) fn during_write<T>(f: impl FnOnce() -> T) -> T {
    if WRITE_AT.with(|at| at.borrow().is_some()) {
        return f();
    }
    with_time(clock(), f)
}

/// Runs `f` with every write in it recorded at `at` (tests: a fixed time in the rows).
pub fn pinned<T>(at: &str, f: impl FnOnce() -> T) -> T {
    with_time(at.to_string(), f)
}

fn with_time<T>(at: String, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<String>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let before = self.0.take();
            WRITE_AT.with(|at| *at.borrow_mut() = before);
        }
    }
    let _restore = Restore(WRITE_AT.with(|slot| slot.borrow_mut().replace(at)));
    f()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_has_one_time_and_a_write_inside_it_keeps_it() {
        let (outer, inner) = pinned("2020-01-02T03:04:05Z", || {
            during_write(|| (recorded_at(), during_write(recorded_at)))
        });
        assert_eq!(outer, "2020-01-02T03:04:05Z");
        assert_eq!(inner, outer);
        // After the write, the clock again.
        assert_ne!(recorded_at(), "2020-01-02T03:04:05Z");
    }

    #[test]
    fn a_write_takes_the_time_once_when_it_starts() {
        let (first, later) = during_write(|| {
            let first = recorded_at();
            std::thread::sleep(std::time::Duration::from_millis(1100));
            (first, recorded_at())
        });
        assert_eq!(first, later);
        assert!(
            chrono::DateTime::parse_from_rfc3339(&first).is_ok(),
            "{first}"
        );
    }

    #[test]
    fn a_panic_inside_a_write_leaves_no_time_behind() {
        let caught = std::panic::catch_unwind(|| pinned("2020-01-02T03:04:05Z", || panic!("x")));
        assert!(caught.is_err());
        assert!(WRITE_AT.with(|at| at.borrow().is_none()));
    }
}
