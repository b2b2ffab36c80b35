//! How long `Archive::open` takes on a new, empty archive, in a fresh process (the word list
//! is read once per process, so only the first open pays for it), then on the same archive
//! again; and, in a second archive, how much of the first open was the word list.
//! `cargo run -p raadsvolger-core --example open_time`.

use std::time::Instant;

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("archive");
    let start = Instant::now();
    let archive = raadsvolger_core::Archive::open(&path).expect("open");
    let first = start.elapsed();
    drop(archive);
    let start = Instant::now();
    let archive = raadsvolger_core::Archive::open(&path).expect("reopen");
    let again = start.elapsed();
    drop(archive);
    let other = dir.path().join("other");
    let start = Instant::now();
    let archive = raadsvolger_core::Archive::open(&other).expect("open other");
    let new_archive = start.elapsed();
    drop(archive);
    println!(
        "Archive::open, empty archive: first in this process {:.1} ms, again {:.1} ms; \
         another new archive {:.1} ms (so the word list took about {:.1} ms)",
        first.as_secs_f64() * 1e3,
        again.as_secs_f64() * 1e3,
        new_archive.as_secs_f64() * 1e3,
        (first.saturating_sub(new_archive)).as_secs_f64() * 1e3
    );
}
