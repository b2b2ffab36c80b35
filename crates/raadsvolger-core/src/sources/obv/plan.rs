//! openbesluitvorming: the bulk export of one source (a council's key there, such as `soest`),
//! as ontola/openbesluitvorming `API.md` ("Bulk export") describes it and `web/server.ts`
//! serves it:
//!
//! 1. The first sync pages `/api/export/snapshot?source=KEY&limit=N[&cursor=C]`, the current
//!    state ordered by entity id, taking `X-Next-Cursor` while `X-Has-More` is `true`, and
//!    keeps the `X-Changes-Cursor` of the *first* page (`src/exports/log.ts` `readSnapshot`:
//!    captured before the page is read, so replaying changes from it misses nothing).
//! 2. Every sync then follows `/api/export/changes?source=KEY&cursor=C&limit=N` from the
//!    stored cursor to `X-Has-More: false`: late additions, corrections (an upsert of a record
//!    it had) and deletions (tombstones), applied as they come.
//!
//! Both answer NDJSON, read line by line as it arrives and written every [`CHUNK`] records.
//! The cursors are stored after each page, so a sync that stops resumes there; a page read
//! twice writes the same rows. The service allows 60 units a minute per client and says where
//! a client stands in `RateLimit-Limit`, `-Remaining` and `-Reset` (API.md "Rate limits"): with
//! nothing remaining the next request waits for one unit to refill; a 429 is retried after its
//! `Retry-After` by the shared client.

use std::io::{BufRead, Read};
use std::time::{Duration, Instant};

use super::reader::Reader;
use crate::error::{Error, Result};
use crate::net::http::Streamed;
use crate::net::{MAX_PAGES, enc};
use crate::sources::Run;

/// Records asked for a page: the most the export gives (API.md: default 500, max 1000); a
/// call costs one unit whatever its size.
const PAGE: usize = 1000;
/// Records written in one transaction while a page streams in.
const CHUNK: usize = 250;
/// The longest wait the rate headers may ask for.
const MAX_RATE_WAIT: Duration = Duration::from_secs(120);

struct State {
    reader: Reader,
    /// Not before this moment: the rate headers said the budget is spent.
    next_at: Option<Instant>,
}

/// What a page's headers say.
struct Headers {
    next: Option<String>,
    has_more: bool,
    changes: Option<String>,
}

pub(super) fn run(run: &mut Run<'_>) -> Result<()> {
    let mut state = State {
        reader: Reader::new(run.party_names()?),
        next_at: None,
    };
    if run.cursor("changes")?.is_none() {
        snapshot(run, &mut state)?;
    }
    changes(run, &mut state)
}

fn snapshot(run: &mut Run<'_>, state: &mut State) -> Result<()> {
    let mut cursor = run.cursor("snapshot")?;
    for page in 1.. {
        if page > MAX_PAGES {
            return Err(Error::Sync(format!(
                "the snapshot goes on past {MAX_PAGES} pages; stopped"
            )));
        }
        let mut url = format!(
            "{}/api/export/snapshot?source={}&limit={PAGE}",
            run.base(),
            enc(run.key())
        );
        if let Some(c) = &cursor {
            url.push_str(&format!("&cursor={}", enc(c)));
        }
        run.progress(
            "records",
            page,
            None,
            format!("openbesluitvorming {}: snapshot, page {page}", run.key()),
        );
        let h = fetch_page(run, state, &url)?;
        if run.cursor("changes_from")?.is_none() {
            let Some(c) = h.changes else {
                return Err(Error::Sync(format!(
                    "{url}: the first snapshot page has no X-Changes-Cursor, so changes could \
                     not be followed from it; stopped"
                )));
            };
            run.set_cursor("changes_from", Some(&c))?;
        }
        if !h.has_more {
            break;
        }
        let Some(next) = h.next.filter(|n| Some(n) != cursor.as_ref()) else {
            return Err(Error::Sync(format!(
                "{url}: X-Has-More is true but X-Next-Cursor gives no new position; stopped"
            )));
        };
        run.set_cursor("snapshot", Some(&next))?;
        cursor = Some(next);
    }
    let from = run.cursor("changes_from")?.unwrap_or_default();
    run.set_cursor("changes", Some(&from))?;
    run.set_cursor("snapshot", None)?;
    run.set_cursor("changes_from", None)?;
    Ok(())
}

fn changes(run: &mut Run<'_>, state: &mut State) -> Result<()> {
    let mut cursor = run.cursor("changes")?.unwrap_or_default();
    for page in 1.. {
        if page > MAX_PAGES {
            return Err(Error::Sync(format!(
                "the change feed goes on past {MAX_PAGES} pages; stopped"
            )));
        }
        let mut url = format!(
            "{}/api/export/changes?source={}&limit={PAGE}",
            run.base(),
            enc(run.key())
        );
        if !cursor.is_empty() {
            url.push_str(&format!("&cursor={}", enc(&cursor)));
        }
        run.progress(
            "records",
            page,
            None,
            format!("openbesluitvorming {}: changes from {cursor}", run.key()),
        );
        let h = fetch_page(run, state, &url)?;
        let next = h.next.unwrap_or_else(|| cursor.clone());
        run.set_cursor("changes", Some(&next))?;
        if !h.has_more {
            return Ok(());
        }
        if next == cursor {
            return Err(Error::Sync(format!(
                "{url}: X-Has-More is true but X-Next-Cursor did not move; stopped"
            )));
        }
        cursor = next;
    }
    Ok(())
}

/// Fetches a page and writes its records as they arrive; returns what its headers say.
fn fetch_page(run: &mut Run<'_>, state: &mut State, url: &str) -> Result<Headers> {
    if let Some(at) = state.next_at.take() {
        while let Some(left) = at.checked_duration_since(Instant::now()) {
            run.check()?;
            std::thread::sleep(left.min(Duration::from_millis(200)));
        }
    }
    run.check()?;
    let answer = run.client.open(url);
    run.counts.requests = run.client.requests;
    let mut answer = answer?;
    state.next_at = rate_wait(&answer).map(|w| Instant::now() + w);
    let flag = |a: &Streamed, name: &str| a.header(name).map(|v| v.trim().to_owned());
    let headers = Headers {
        next: flag(&answer, "x-next-cursor"),
        has_more: flag(&answer, "x-has-more").is_some_and(|v| v.eq_ignore_ascii_case("true")),
        changes: flag(&answer, "x-changes-cursor"),
    };
    state.reader.begin();
    let mut line = Vec::new();
    // One record a line: a line is parsed whole, so it is held to what a whole answer may be.
    let longest = run.client.answer_limit();
    loop {
        line.clear();
        match (&mut answer.body)
            .take(longest)
            .read_until(b'\n', &mut line)
        {
            Ok(0) => break,
            Ok(n) if n as u64 >= longest && !line.ends_with(b"\n") => {
                write(run, state, url)?;
                return Err(Error::Sync(format!(
                    "{url}: a record of the answer is longer than {}; stopped",
                    crate::budget::size_label(longest)
                )));
            }
            Ok(_) => state.reader.line("", &String::from_utf8_lossy(&line)),
            Err(e) => {
                // What arrived is written; the page is asked again on the next sync.
                write(run, state, url)?;
                return Err(Error::Sync(format!("{url}: the answer broke off ({e})")));
            }
        }
        if state.reader.pending() >= CHUNK {
            write(run, state, url)?;
            run.check()?;
        }
    }
    write(run, state, url)?;
    run.counts.responses += 1;
    Ok(headers)
}

/// Writes what the reader holds; a chunk the register rules refuse is a problem.
fn write(run: &mut Run<'_>, state: &mut State, url: &str) -> Result<()> {
    let page = state.reader.take();
    if page.lines == 0 && page.batch.problems.is_empty() {
        return Ok(());
    }
    match run.write_obv_page(url, &page) {
        Ok(report) => {
            run.counts.records += report.records;
            for p in report.problems {
                run.problem(p);
            }
            Ok(())
        }
        Err(Error::InvalidInput(what)) => {
            run.problem(what);
            Ok(())
        }
        Err(e @ Error::Rule { .. }) => {
            run.problem(format!("{url}: {e}"));
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// How long to wait before the next request when the rate headers say nothing remains: the
/// time one unit takes to come back. The bucket refills continuously and `RateLimit-Reset` is
/// the time until it is full again (API.md "Rate limits"; `web/rate_limit.ts`), so one unit
/// takes `reset / (limit - remaining)`.
fn rate_wait(answer: &Streamed) -> Option<Duration> {
    let num = |name: &str| {
        answer
            .header(name)
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|n| n.is_finite() && *n >= 0.0)
    };
    let (limit, remaining, reset) = (
        num("ratelimit-limit")?,
        num("ratelimit-remaining")?,
        num("ratelimit-reset")?,
    );
    if remaining >= 1.0 {
        return None;
    }
    let missing = (limit - remaining).max(1.0);
    Some(Duration::from_secs_f64(reset / missing).min(MAX_RATE_WAIT))
}
