//! Tweede Kamer: its OData v4 API. Motions' cases (`Zaak` of kind Motie, with their actors and
//! documents), the votes on decisions (`Stemming` with its Besluit, Agendapunt and Zaak) and
//! toezeggingen (`Toezegging`), each changed since the last sync (`GewijzigdOp`), page by page
//! along the answers' `@odata.nextLink`.

use serde_json::Value;

use super::http::Request;
use super::{MAX_PAGES, Run, enc};
use crate::error::{Error, Result};

/// (entity set, filter beside the change date, expansion).
const SETS: [(&str, &str, &str); 3] = [
    (
        "Zaak",
        "Soort eq 'Motie' and Verwijderd eq false",
        "ZaakActor,Document($expand=HuidigeDocumentVersie)",
    ),
    (
        "Stemming",
        "Verwijderd eq false",
        "Besluit($expand=Agendapunt($expand=Zaak))",
    ),
    ("Toezegging", "Verwijderd eq false", ""),
];

/// Records asked for per page.
const PAGE: usize = 250;

pub(super) fn run(run: &mut Run<'_>) -> Result<()> {
    for (set, filter, expand) in SETS {
        entity_set(run, set, filter, expand)?;
    }
    Ok(())
}

fn entity_set(run: &mut Run<'_>, set: &str, filter: &str, expand: &str) -> Result<()> {
    let next_cursor = format!("{set}_next");
    let since_cursor = format!("{set}_since");
    let since = match run.cursor(&since_cursor)? {
        Some(s) => s,
        None => run
            .from()
            .map(|d| format!("{d}T00:00:00Z"))
            .unwrap_or_else(|| "2000-01-01T00:00:00Z".into()),
    };
    let mut url = match run.cursor(&next_cursor)? {
        Some(next) => next,
        None => {
            let mut filter = format!("{filter} and GewijzigdOp ge {since}");
            if let Some(to) = run.to() {
                filter.push_str(&format!(" and GewijzigdOp le {to}T23:59:59Z"));
            }
            let mut url = format!(
                "{}/{set}?$filter={}&$orderby={}&$top={PAGE}",
                run.base(),
                enc(&filter),
                enc("GewijzigdOp,Id")
            );
            if !expand.is_empty() {
                url.push_str(&format!("&$expand={}", enc(expand)));
            }
            url
        }
    };
    let mut newest = since.clone();
    for page in 1.. {
        if page > MAX_PAGES {
            return Err(Error::Sync(format!(
                "{set}: the listing goes on past {MAX_PAGES} pages; stopped"
            )));
        }
        run.progress("records", page, None, format!("{set}: pagina {page}"));
        let bytes = run.fetch(&Request::Get(&url))?;
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
        for r in &records {
            if let Some(stamp) = r.get("GewijzigdOp").and_then(Value::as_str) {
                if stamp > newest.as_str() {
                    newest = stamp.to_owned();
                }
            }
        }
        if !records.is_empty() {
            run.import(&url, &bytes)?;
        }
        match listing.get("@odata.nextLink").and_then(Value::as_str) {
            Some(next) if !records.is_empty() => {
                url = absolute(run.base(), next);
                run.set_cursor(&next_cursor, Some(&url))?;
            }
            _ => break,
        }
    }
    run.set_cursor(&next_cursor, None)?;
    run.set_cursor(&since_cursor, Some(&newest))?;
    Ok(())
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
}
