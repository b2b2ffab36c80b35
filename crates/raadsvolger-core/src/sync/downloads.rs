//! The documents a register attaches (PDF, DOCX, ODT, HTML): downloaded after the records,
//! imported as documents of the archive, and attached where the register put them (an agenda
//! item, or a motion as its text). A download that fails stays in the queue as failed, is
//! listed in the source's report with its reason, and is tried again on the next syncs until
//! it has had [`DOWNLOAD_ATTEMPTS`](crate::store::sync::DOWNLOAD_ATTEMPTS) tries.

use super::Run;
use super::http::Request;
use crate::error::{Error, Result};
use crate::import::{FileOutcome, NoProgress};

pub(crate) fn run(run: &mut Run<'_>, system: &str) -> Result<()> {
    let queue = run.archive.read().reader()?.open_downloads(system)?;
    let total = queue.len();
    let default_base = super::System::parse(system)
        .map(|s| s.default_base_url().trim_end_matches('/').to_owned())
        .unwrap_or_default();
    let mut texts_linked = false;
    let topics = run.topics();
    for (i, d) in queue.into_iter().enumerate() {
        run.check()?;
        let label = d.title.clone().unwrap_or_else(|| d.url.clone());
        run.progress("documents", i + 1, Some(total), label.clone());
        if !super::topics::download_is_about(&*run.archive.read().reader()?, &d, &topics)? {
            // It stays in the queue: a source whose topics change fetches it then.
            run.counts.outside_topics += 1;
            continue;
        }
        let url = rebase(&d.url, &default_base, run.base());
        let bytes = match run.fetch_document(&Request::Get(&url)) {
            Ok(b) => b,
            Err(Error::Sync(what)) => {
                run.problem(format!("download {label}: {what}"));
                run.archive
                    .write(|tx| tx.store()?.download_failed(d.id, &what, tx.recorded_at()))?;
                continue;
            }
            Err(e) => return Err(e),
        };
        let mut name = file_name(d.file_name.as_deref(), d.title.as_deref(), &d.url);
        // An official publication (XML) is imported as the motion's text.
        let bytes = match publication(&name, &bytes, crate::import::DEFAULT_TIME_LIMIT) {
            Ok(Some((md_name, markdown))) => {
                name = md_name;
                markdown.into_bytes()
            }
            Ok(None) => bytes,
            Err(error) => {
                let what = format!("{name}: {error}");
                run.problem(format!("download {label}: {what}"));
                run.archive
                    .write(|tx| tx.store()?.download_failed(d.id, &what, tx.recorded_at()))?;
                continue;
            }
        };
        let report = run
            .archive
            .write(|tx| crate::import::batch::import_bytes(tx, &name, &bytes, &mut NoProgress))?;
        let outcome = report.files.into_iter().next().map(|f| f.outcome);
        let (document, new) = match outcome {
            Some(FileOutcome::Imported { document, .. }) => (document.id, true),
            Some(FileOutcome::Skipped { duplicate_of }) => (duplicate_of, false),
            Some(FileOutcome::Failed { error, .. }) => {
                let what = format!("{name}: {error}");
                run.problem(format!("download {label}: {what}"));
                run.archive
                    .write(|tx| tx.store()?.download_failed(d.id, &what, tx.recorded_at()))?;
                continue;
            }
            None => continue,
        };
        run.archive.write(|tx| {
            let now = tx.recorded_at();
            let mut s = tx.store()?;
            s.atomically(|s| {
                match d.target.as_str() {
                    "item" => s.attach_document(d.target_id, document, "annex")?,
                    "motion" => s.set_motion_document(d.target_id, document)?,
                    _ => {}
                }
                s.download_done(d.id, document, now)
            })
        })?;
        run.counts.attached += 1;
        texts_linked |= d.target == "motion";
        if new {
            run.counts.documents += 1;
        }
    }
    if texts_linked {
        // The motion that extraction made of a text is the register's motion now.
        run.archive
            .write(crate::register::extracted::sync_extracted)?;
    }
    Ok(())
}

/// A document address under the system's public API, moved under the source's own address
/// when the source was set up with another (a mirror, or the local test server).
fn rebase(url: &str, default_base: &str, base: &str) -> String {
    let url = url.trim();
    // NotuBiz writes its addresses without a scheme ("api.notubiz.nl/document/...").
    let url = if url.contains("://") {
        url.to_owned()
    } else {
        format!("https://{url}")
    };
    let base = base.trim_end_matches('/');
    match url.strip_prefix(default_base) {
        Some(rest) if !default_base.is_empty() && base != default_base => {
            format!("{base}/{}", rest.trim_start_matches('/'))
        }
        _ => url,
    }
}

/// The name the importer sees: the register's file name, else the title with the address's
/// ending; the importer recognises PDF and office files by their content anyway.
fn file_name(file_name: Option<&str>, title: Option<&str>, url: &str) -> String {
    if let Some(f) = file_name.map(str::trim).filter(|f| !f.is_empty()) {
        return f.to_owned();
    }
    let tail = url.split(['?', '#']).next().unwrap_or(url);
    let tail = tail.rsplit('/').next().unwrap_or("");
    let ext = tail
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .filter(|e| ["pdf", "docx", "odt", "html", "htm", "txt"].contains(&e.as_str()));
    let stem = title
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(tail);
    match ext {
        Some(e) if !stem.to_lowercase().ends_with(&format!(".{e}")) => format!("{stem}.{e}"),
        _ => stem.to_owned(),
    }
}

/// A downloaded publication (XML) as Markdown to import, read within the time a file may take
/// (its XML reader checks the deadline as it goes): None when the bytes are no publication.
fn publication(
    name: &str,
    bytes: &[u8],
    limit: std::time::Duration,
) -> std::result::Result<Option<(String, String)>, crate::error::ImportError> {
    crate::budget::within(limit, || {
        Ok(crate::sources::tk::reader::publication_document(
            name, bytes,
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_publication_is_read_within_the_time_a_file_may_take() {
        let xml =
            b"<?xml version=\"1.0\"?><officiele-publicatie><metadata/></officiele-publicatie>";
        let late = publication("kst.xml", xml, std::time::Duration::ZERO);
        assert!(
            matches!(late, Err(crate::error::ImportError::TimedOut { .. })),
            "{late:?}"
        );
        assert!(matches!(
            publication("x.pdf", b"%PDF-1.4", std::time::Duration::from_secs(5)),
            Ok(None)
        ));
    }

    #[test]
    fn addresses_of_the_public_api_follow_the_source() {
        assert_eq!(
            rebase(
                "https://api.notubiz.nl/document/123/2",
                "https://api.notubiz.nl",
                "http://127.0.0.1:8080"
            ),
            "http://127.0.0.1:8080/document/123/2"
        );
        assert_eq!(
            rebase(
                "api.notubiz.nl/document/9/1",
                "https://api.notubiz.nl",
                "https://api.notubiz.nl"
            ),
            "https://api.notubiz.nl/document/9/1"
        );
        // Under an API with a path, the path after it follows.
        assert_eq!(
            rebase(
                "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/DocumentPublicatie(x)/Resource",
                "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0",
                "http://127.0.0.1:9/tk"
            ),
            "http://127.0.0.1:9/tk/DocumentPublicatie(x)/Resource"
        );
        // Another host (a council's own site) is left alone.
        assert_eq!(
            rebase(
                "https://www.denhelder.nl/x.pdf",
                "https://api.notubiz.nl",
                "http://127.0.0.1:1"
            ),
            "https://www.denhelder.nl/x.pdf"
        );
    }

    #[test]
    fn names_come_from_the_register() {
        assert_eq!(
            file_name(Some("besluit.pdf"), None, "http://x/1"),
            "besluit.pdf"
        );
        assert_eq!(
            file_name(None, Some("Motie fietspad"), "http://x/a/b.docx?x=1"),
            "Motie fietspad.docx"
        );
        assert_eq!(file_name(None, None, "http://x/document/5/1"), "1");
    }
}
