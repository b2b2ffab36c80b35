//! The time a write is recorded at. `Archive::write` asks for it once, when the write begins,
//! and hands it to the write's token (`tx::Tx::recorded_at`), which gives it to the store for
//! every row the write stamps (a person's edit, a history entry, a sync's record, an alert's
//! hit): the rows of one write agree, and the store does not read the clock. Tests pin the time
//! with [`pinned`].

use std::cell::RefCell;

thread_local! {
    /// The time pinned on this thread, if any.
    static PINNED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Now, as the archive stores times: RFC 3339 in UTC, to the second; the pinned time when
/// there is one.
pub(crate) fn recorded_at() -> String {
    PINNED
        .with(|at| at.borrow().clone())
        .unwrap_or_else(|| chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// Runs `f` with every write begun in it recorded at `at` (tests: a fixed time in the rows).
pub fn pinned<T>(at: &str, f: impl FnOnce() -> T) -> T {
    struct Restore(Option<String>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let before = self.0.take();
            PINNED.with(|at| *at.borrow_mut() = before);
        }
    }
    let _restore = Restore(PINNED.with(|slot| slot.borrow_mut().replace(at.to_string())));
    f()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pinned_time_holds_inside_and_the_clock_comes_back_after() {
        let (outer, inner) = pinned("2020-01-02T03:04:05Z", || {
            (recorded_at(), pinned("2021-01-01T00:00:00Z", recorded_at))
        });
        assert_eq!(outer, "2020-01-02T03:04:05Z");
        assert_eq!(inner, "2021-01-01T00:00:00Z");
        let now = recorded_at();
        assert_ne!(now, "2020-01-02T03:04:05Z");
        assert!(chrono::DateTime::parse_from_rfc3339(&now).is_ok(), "{now}");
    }

    #[test]
    fn a_panic_inside_a_pinned_time_leaves_no_time_behind() {
        let caught = std::panic::catch_unwind(|| pinned("2020-01-02T03:04:05Z", || panic!("x")));
        assert!(caught.is_err());
        assert!(PINNED.with(|at| at.borrow().is_none()));
    }
}
