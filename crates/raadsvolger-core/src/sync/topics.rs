//! The topics a source fetches documents about.
//!
//! A council's register is small next to its documents: a first sync of ten years brings every
//! meeting, agenda item and motion, but a party staffer who follows one dossier wants only its
//! documents on disk. A topic is a word or a few words ("mensenhandel", "openbare ruimte"); a
//! document is about it when each of its words occurs in the document's title, file name, or
//! the title of its agenda item, meeting or motion, without case or accents, and also inside a
//! longer word, since Dutch writes its compounds as one ("mensenhandelbeleid", "zorgcoördinator").

use crate::error::Result;
use crate::lang::nl::plain as fold;
use crate::store::Store;
use crate::store::sync::DownloadRow;

/// Topics as typed (one per line or separated by commas), trimmed, without empties and
/// doubles, in the order given.
pub fn parse(typed: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for topic in typed.iter().flat_map(|t| t.split([',', ';', '\n'])) {
        let topic = topic.split_whitespace().collect::<Vec<_>>().join(" ");
        if !topic.is_empty() && !out.iter().any(|t| fold(t) == fold(&topic)) {
            out.push(topic);
        }
    }
    out
}

/// Whether something known by `titles` is about one of `topics` (always, without topics).
pub fn about(topics: &[String], titles: &[&str]) -> bool {
    if topics.is_empty() {
        return true;
    }
    let text = fold(&titles.join(" \u{1f} "));
    topics.iter().any(|topic| {
        let words = fold(topic);
        let mut words = words.split_whitespace().peekable();
        words.peek().is_some() && words.all(|w| text.contains(w))
    })
}

/// Whether a queued download is about one of `topics`: by its own title and file name, and
/// the titles of the agenda item, meeting or motion it belongs to.
pub(crate) fn download_is_about(store: &Store, d: &DownloadRow, topics: &[String]) -> Result<bool> {
    if topics.is_empty() {
        return Ok(true);
    }
    let context = store.download_context(&d.target, d.target_id)?;
    let mut titles: Vec<&str> = context.iter().map(String::as_str).collect();
    titles.extend(d.title.as_deref());
    titles.extend(d.file_name.as_deref());
    Ok(about(topics, &titles))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics(typed: &str) -> Vec<String> {
        parse(&[typed.to_owned()])
    }

    #[test]
    fn topics_are_read_as_typed() {
        assert_eq!(
            topics(" Armoede, openbare   ruimte;armoede\n\nJeugdzorg "),
            ["Armoede", "openbare ruimte", "Jeugdzorg"]
        );
        assert!(topics(" , ;").is_empty());
    }

    #[test]
    fn a_document_is_about_a_topic_its_titles_name() {
        let t = topics("mensenhandel, openbare ruimte, coördinator");
        assert!(about(
            &t,
            &["Raadsinformatiebrief", "Aanpak Mensenhandel 2023"]
        ));
        assert!(about(
            &t,
            &["Bijlage 2.pdf", "Evaluatie mensenhandelbeleid"]
        ));
        assert!(about(
            &t,
            &["Inrichting van de openbare ruimte in het centrum"]
        ));
        assert!(
            about(&t, &["Ruimte voor de openbare bibliotheek"]),
            "words in any order"
        );
        assert!(
            about(&t, &["Motie Een zorgcoordinator per wijk"]),
            "without accents"
        );
        assert!(!about(
            &t,
            &["Begroting 2024", "Raadsvergadering 7 november"]
        ));
        assert!(!about(&t, &["Ruimte voor sport"]), "every word of a topic");
        assert!(about(&[], &["Begroting 2024"]), "no topics: every document");
    }
}
