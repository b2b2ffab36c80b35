//! Tweede Kamer: its OData v4 API (gegevensmagazijn). Motions' cases (`Zaak` of kind Motie,
//! with their documents down to the official publication), the decisions that were voted on
//! (`Besluit` with all its `Stemming` rows and its Agendapunt's cases) and toezeggingen
//! (`Toezegging`), each new to the API since the last sync (`ApiGewijzigdOp`), page by page
//! along the answers' `@odata.nextLink`.
//!
//! What the service does, and where that is written down:
//! - It answers at most 250 records and then gives an `@odata.nextLink` to the next page, but
//!   **not when the query has `$top`**: TweedeKamerDerStaten-Generaal/OpenDataPortaal issue
//!   #70 ("@odata.nextLink ook toepassen bij aanwezigheid $top parameter", closed wontfix).
//!   So no `$top` is sent; the pages are the service's own 250 (openkamer/tkapi
//!   `tkapi/tkapi.py` follows nextLink the same way and sets `$top` only to cap a result).
//! - `ApiGewijzigdOp` is when a record became visible in the API, `GewijzigdOp` when the
//!   source system changed it (OpenDataPortaal issue #83, quoting the API documentation). A
//!   record can reach the API long after its `GewijzigdOp` (the recorded cases show months),
//!   so the change cursor is on `ApiGewijzigdOp`; the `--from/--to` range of a source is on
//!   `GewijzigdOp`, the record's own change date.
//! - Navigation properties are only in an answer when `$expand`ed (OData v4 URL conventions,
//!   5.1.2). The publication of a motion sits at Zaak → Document → HuidigeDocumentVersie →
//!   DocumentPublicatie (the CSDL, `tk_odata_v4_metadata.xml`), so that whole path is
//!   expanded; the XML one is then downloaded from `DocumentPublicatie(<id>)/Resource`.
//! - A decision's votes are read through the decision (`Besluit?$expand=Stemming`), as
//!   openkamer/tkapi's `Besluit.stemmingen` does: paging over `Stemming` itself cuts a
//!   decision in two at a page boundary, and the register replaces a decision's votes with
//!   those of the latest response.
//! - In 2026 the Kamer announced a new version of the API, with a new address and renamed
//!   attributes, and closed the old one (OpenDataPortaal issue #175). A listing whose first
//!   page is not there (404, 410) says so ([`moved`]).

use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::net::http::{Failure, Request};
use crate::net::{MAX_PAGES, enc};
use crate::sources::Run;

/// One entity set to list.
struct Set {
    name: &'static str,
    /// The filter beside the change cursor and the date range.
    filter: &'static str,
    /// The change cursor's condition; `{since}` is the stamp.
    changed: &'static str,
    expand: &'static str,
}

const SETS: [Set; 3] = [
    Set {
        name: "Zaak",
        filter: "Soort eq 'Motie' and Verwijderd eq false",
        changed: "ApiGewijzigdOp ge {since}",
        expand: "ZaakActor,Document($expand=HuidigeDocumentVersie($expand=DocumentPublicatie))",
    },
    Set {
        name: "Besluit",
        // Decisions with votes (tkapi writes "has a related record" as `Nav/any(z: ...)`).
        filter: "Verwijderd eq false and Stemming/any(s: s/Verwijderd eq false)",
        // A vote corrected later (Vergissing) changes the Stemming row, not the Besluit.
        changed: "(ApiGewijzigdOp ge {since} or Stemming/any(s: s/ApiGewijzigdOp ge {since}))",
        expand: "Stemming,Agendapunt($expand=Zaak)",
    },
    Set {
        name: "Toezegging",
        filter: "Verwijderd eq false",
        changed: "ApiGewijzigdOp ge {since}",
        expand: "",
    },
];

/// The cursor when a source never synced: before the API existed.
const BEGINNING: &str = "2000-01-01T00:00:00Z";

pub(super) fn run(run: &mut Run<'_>) -> Result<()> {
    for set in &SETS {
        entity_set(run, set)?;
    }
    Ok(())
}

/// A stamp as a moment, for comparing stamps written with and without fractions or offsets.
fn moment(stamp: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(stamp.trim()).ok()
}

/// The newest of two stamps.
fn newer<'a>(a: &'a str, b: &'a str) -> &'a str {
    match (moment(a), moment(b)) {
        (Some(x), Some(y)) if y > x => b,
        (None, Some(_)) => b,
        _ => a,
    }
}

/// When a record last became visible in the API: its own `ApiGewijzigdOp`, or for a
/// decision the newest of its own and its votes' (a corrected vote is a changed decision).
fn record_stamp(r: &Value) -> String {
    let mut stamp = r
        .get("ApiGewijzigdOp")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    for v in r
        .get("Stemming")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(s) = v.get("ApiGewijzigdOp").and_then(Value::as_str) {
            stamp = newer(&stamp, s).to_owned();
        }
    }
    stamp
}

/// The first page's address.
fn first_page(run: &Run<'_>, set: &Set, since: &str) -> String {
    let mut filter = format!(
        "{} and {}",
        set.filter,
        set.changed.replace("{since}", since)
    );
    if let Some(from) = run.from() {
        filter.push_str(&format!(" and GewijzigdOp ge {from}T00:00:00Z"));
    }
    if let Some(to) = run.to() {
        filter.push_str(&format!(" and GewijzigdOp le {to}T23:59:59Z"));
    }
    let mut url = format!(
        "{}/{}?$filter={}&$orderby={}",
        run.base(),
        set.name,
        enc(&filter),
        enc("ApiGewijzigdOp,Id")
    );
    if !set.expand.is_empty() {
        url.push_str(&format!("&$expand={}", enc(set.expand)));
    }
    url
}

/// Lists one entity set to its end.
///
/// The change cursor: the newest `ApiGewijzigdOp` of the last listing that was read to its
/// end, asked for again with `ge`. Records with exactly that stamp come back next time and
/// are skipped by their stamp (`sync_seen`), so no record is lost to a tie, however many
/// share one stamp (a bulk update can give thousands the same moment), and the cursor never
/// stalls: a listing is always followed to its last nextLink before the cursor moves, so the
/// service's page size does not bound it. A (stamp, Id) key cursor would ask for less again,
/// but needs `(ApiGewijzigdOp gt S or (ApiGewijzigdOp eq S and Id gt I))`, a comparison on
/// Guids whose order the service does not document; `ge` with dedupe needs neither.
fn entity_set(run: &mut Run<'_>, set: &Set) -> Result<()> {
    let next_cursor = format!("{}:next", set.name);
    let since_cursor = format!("{}:api_since", set.name);
    let since = run
        .cursor(&since_cursor)?
        .unwrap_or_else(|| BEGINNING.to_owned());
    // A next link kept from before that may not be followed now: the listing starts again.
    let mut url = match run.cursor(&next_cursor)? {
        Some(next) if run.client.allowed(&next).is_ok() => next,
        _ => first_page(run, set, &since),
    };
    let mut newest = since.clone();
    for page in 1.. {
        if page > MAX_PAGES {
            return Err(Error::Sync(format!(
                "{}: the listing goes on past {MAX_PAGES} pages; stopped",
                set.name
            )));
        }
        run.progress(
            "records",
            page,
            None,
            format!("{}: pagina {page}", set.name),
        );
        let bytes = match run.fetch(&Request::Get(&url)) {
            Err(Error::Sync(what))
                if page == 1
                    && matches!(run.client.last_failure(), Some(Failure::Status(404 | 410))) =>
            {
                return Err(Error::Sync(moved(run.base(), &what)));
            }
            other => other?,
        };
        let listing: Value = serde_json::from_slice(&bytes).map_err(|e| {
            Error::Sync(format!(
                "{url}: not valid JSON ({e}); the listing stops here"
            ))
        })?;
        let records = listing
            .get("value")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        // Only the records whose stamp is new to this source are written.
        let mut fresh = Vec::new();
        let mut stamps = Vec::new();
        for r in records {
            let stamp = record_stamp(&r);
            if !stamp.is_empty() {
                newest = newer(&newest, &stamp).to_owned();
            }
            let key = format!(
                "{}:{}",
                set.name,
                r.get("Id").and_then(Value::as_str).unwrap_or("?")
            );
            if run.unchanged(&key, &stamp)? {
                continue;
            }
            stamps.push((key, stamp));
            fresh.push(r);
        }
        if !fresh.is_empty() {
            if run.import_json(&url, json!({ "value": fresh }))? {
                for (key, stamp) in &stamps {
                    run.seen(key, stamp)?;
                }
            }
        }
        match listing.get("@odata.nextLink").and_then(Value::as_str) {
            Some(next) => {
                url = absolute(run.base(), next);
                // A next link to elsewhere stops the listing before it is kept as the place
                // to resume from.
                run.client.allowed(&url)?;
                run.set_cursor(&next_cursor, Some(&url))?;
            }
            None => break,
        }
    }
    run.set_cursor(&next_cursor, None)?;
    run.set_cursor(&since_cursor, Some(&newest))?;
    Ok(())
}

/// Why an entity set that is not there is most likely a moved service: the Kamer announced a
/// new version of its OData API, with a new address and renamed attributes, and the closing
/// of the old address (`/OData/v4/2.0`, kept open until 1 October 2026 on request) —
/// TweedeKamerDerStaten-Generaal/OpenDataPortaal issue #175 ("Nieuwe versie OData API",
/// 2026). Neither the new address nor its names were public where this was written, so the
/// user is told what happened and how to point the sync elsewhere.
fn moved(base: &str, what: &str) -> String {
    format!(
        "{what}. The Tweede Kamer replaced its OData API by a new version in 2026 and closed \
         the old address ({base}); its announcement is OpenDataPortaal issue #175. Give the \
         new address with --base-url when it is known"
    )
}

/// A next link as an address: OData gives it whole, or relative to the service.
fn absolute(base: &str, next: &str) -> String {
    if next.starts_with("http://") || next.starts_with("https://") {
        next.to_owned()
    } else {
        format!("{base}/{}", next.trim_start_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_links_become_addresses() {
        assert_eq!(
            absolute("http://127.0.0.1:9/odata", "Zaak?$skip=250"),
            "http://127.0.0.1:9/odata/Zaak?$skip=250"
        );
        assert_eq!(absolute("http://a/b", "https://c/d"), "https://c/d");
    }

    #[test]
    fn stamps_compare_as_moments() {
        // A fraction sorts before "Z" as text, but is later as a moment.
        assert_eq!(
            newer("2025-04-17T10:41:00Z", "2025-04-17T10:41:00.9555649Z"),
            "2025-04-17T10:41:00.9555649Z"
        );
        // 12:00 at +01:00 is 11:00 UTC: earlier than 11:30 UTC, though later as text.
        assert_eq!(
            newer("2025-04-17T12:00:00+01:00", "2025-04-17T11:30:00Z"),
            "2025-04-17T11:30:00Z"
        );
        let besluit = json!({"ApiGewijzigdOp": "2024-03-19T15:56:12Z",
            "Stemming": [{"ApiGewijzigdOp": "2024-03-20T10:03:55.1Z"}, {"ApiGewijzigdOp": "2024-03-19T00:00:00Z"}]});
        assert_eq!(record_stamp(&besluit), "2024-03-20T10:03:55.1Z");
    }
}
