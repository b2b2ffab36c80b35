//! Reading and parsing files on worker threads while the calling thread stores and indexes.
//!
//! An import is a line of files, each read, decoded, parsed and extracted (independent work,
//! most of the CPU time), then stored and indexed (one writer). [`ordered`] runs the first part
//! for several files at once and hands the results to the writer one by one in the files'
//! order, so the report, the progress and the document ids come out as from a single thread.

use std::collections::BTreeMap;

pub(crate) use crate::threads::into_background;

use std::sync::mpsc;
use std::sync::{Condvar, Mutex, PoisonError};

/// How many files may be finished and waiting for the writer, or being worked on, ahead of the
/// one it needs next. Bounds the memory held in parsed documents when the writer is slower.
pub const WINDOW: usize = 64;

struct Claims {
    /// The next item no worker has taken yet.
    next: usize,
    /// How many items the writer has consumed.
    consumed: usize,
    /// Set when the writer gives up: workers take nothing more.
    stop: bool,
}

/// Runs `work(state, i)` for every `i` in `0..count` on up to `threads` worker threads, each
/// with a `state` of its own made by `init`, and calls `consume(i, result)` on the calling
/// thread, in order of `i`. With one thread (or one item) everything runs on the calling
/// thread. When `consume` fails, workers stop taking items and the error is returned once
/// those at work have finished.
pub fn ordered<S, T, E>(
    count: usize,
    threads: usize,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, usize) -> T + Sync,
    mut consume: impl FnMut(usize, T) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
{
    if threads <= 1 || count <= 1 {
        let mut state = init();
        for i in 0..count {
            consume(i, work(&mut state, i))?;
        }
        return Ok(());
    }
    let claims = Mutex::new(Claims {
        next: 0,
        consumed: 0,
        stop: false,
    });
    let turn = Condvar::new();
    let lock = || claims.lock().unwrap_or_else(PoisonError::into_inner);

    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, T)>();
        for n in 0..threads.min(count) {
            let tx = tx.clone();
            let (init, work, claims, turn) = (&init, &work, &claims, &turn);
            let spawned = std::thread::Builder::new()
                .name(format!("raadsvolger-read-{n}"))
                .spawn_scoped(scope, move || {
                    into_background();
                    let mut state = init();
                    loop {
                        let i = {
                            let mut c = claims.lock().unwrap_or_else(PoisonError::into_inner);
                            while !c.stop && c.next < count && c.next >= c.consumed + WINDOW {
                                c = turn.wait(c).unwrap_or_else(PoisonError::into_inner);
                            }
                            if c.stop || c.next >= count {
                                return;
                            }
                            c.next += 1;
                            c.next - 1
                        };
                        if tx.send((i, work(&mut state, i))).is_err() {
                            return;
                        }
                    }
                });
            if spawned.is_err() {
                // Fewer workers than asked for; with none, the work is done here (below).
                break;
            }
        }
        drop(tx);

        let mut waiting: BTreeMap<usize, T> = BTreeMap::new();
        let mut expected = 0;
        let mut outcome = Ok(());
        'receive: for (i, result) in rx.iter() {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&expected) {
                if let Err(e) = consume(expected, result) {
                    outcome = Err(e);
                    break 'receive;
                }
                expected += 1;
                lock().consumed = expected;
                turn.notify_all();
            }
        }
        let mut c = lock();
        c.stop = true;
        let unclaimed = c.next;
        drop(c);
        turn.notify_all();
        outcome?;
        // Workers that could not start (or a worker that died) leave items behind: do them here.
        let mut state = None;
        for i in expected..count {
            let result = match waiting.remove(&i) {
                Some(result) => result,
                None if i >= unclaimed => work(state.get_or_insert_with(&init), i),
                None => continue,
            };
            consume(i, result)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn results_arrive_in_order_whatever_the_work_takes() {
        let mut seen = Vec::new();
        ordered(
            300,
            3,
            || (),
            |(), i| {
                // Early items are slow, so later ones finish first.
                if i % 7 == 0 {
                    std::thread::sleep(Duration::from_micros(300));
                }
                i * 2
            },
            |i, r| {
                assert_eq!(r, i * 2);
                seen.push(i);
                Ok::<(), ()>(())
            },
        )
        .expect("no error");
        assert_eq!(seen, (0..300).collect::<Vec<_>>());
    }

    #[test]
    fn each_worker_has_its_own_state() {
        let mut owners = std::collections::HashSet::new();
        ordered(
            200,
            2,
            || (std::thread::current().id(), 0usize),
            |(owner, uses), _| {
                assert_eq!(*owner, std::thread::current().id());
                *uses += 1;
                *owner
            },
            |_, owner| {
                owners.insert(owner);
                Ok::<(), ()>(())
            },
        )
        .expect("no error");
        assert!(!owners.contains(&std::thread::current().id()));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn background_work_and_the_threads_it_starts_yield_to_the_rest() {
        use rustix::process::getpriority_process;
        let here = getpriority_process(None).expect("priority");
        let (mine, child) = std::thread::spawn(|| {
            into_background();
            let mine = getpriority_process(None).expect("priority");
            let child = std::thread::spawn(|| getpriority_process(None).expect("priority"))
                .join()
                .expect("child");
            (mine, child)
        })
        .join()
        .expect("thread");
        assert!(mine >= crate::threads::BACKGROUND_NICENESS, "{mine}");
        assert_eq!(child, mine, "threads it starts inherit it");
        assert_eq!(
            getpriority_process(None).expect("priority"),
            here,
            "the caller's own thread is left as it was"
        );
    }

    #[test]
    fn one_thread_runs_inline() {
        let here = std::thread::current().id();
        let mut n = 0;
        ordered(
            5,
            1,
            || (),
            |(), _| std::thread::current().id(),
            |_, id| {
                assert_eq!(id, here);
                n += 1;
                Ok::<(), ()>(())
            },
        )
        .expect("no error");
        assert_eq!(n, 5);
    }

    #[test]
    fn an_error_stops_the_workers_and_is_returned() {
        let done = std::sync::atomic::AtomicUsize::new(0);
        let result = ordered(
            100_000,
            2,
            || (),
            |(), i| {
                done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                i
            },
            |i, _| {
                if i == 10 {
                    Err(format!("stop at {i}"))
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(result, Err("stop at 10".to_string()));
        // Nothing far beyond the window was worked on.
        assert!(done.into_inner() <= 11 + WINDOW + 2);
    }

    #[test]
    fn the_window_bounds_how_far_workers_run_ahead() {
        let max_ahead = std::sync::atomic::AtomicUsize::new(0);
        let consumed = std::sync::atomic::AtomicUsize::new(0);
        ordered(
            1_000,
            2,
            || (),
            |(), i| {
                let ahead = i.saturating_sub(consumed.load(std::sync::atomic::Ordering::SeqCst));
                max_ahead.fetch_max(ahead, std::sync::atomic::Ordering::SeqCst);
            },
            |i, ()| {
                std::thread::sleep(Duration::from_micros(20));
                consumed.store(i + 1, std::sync::atomic::Ordering::SeqCst);
                Ok::<(), ()>(())
            },
        )
        .expect("no error");
        assert!(max_ahead.into_inner() <= WINDOW);
    }
}
