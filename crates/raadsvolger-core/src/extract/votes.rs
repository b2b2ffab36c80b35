//! Votes: a motion's own outcome and the lines of decision lists ("AANVAARD 34/4", "met 30
//! stemmen voor en 8 tegen", "met algemene stemmen aangenomen", "voor: CU, PvdA; tegen: PVV").

use std::sync::LazyLock;

use regex::Regex;

use super::counts::{COUNT_FIELD, UNANIMOUS, counts_in, fill_counts, words_besides_counts};
use super::item_titles::{item_title, strip_kind_word, title_key};
use super::outcomes::{OUTCOME, outcome_in, verdict};
use super::parties;
use crate::model::{DocKind, NewDocument, Outcome, VoteEvent};

fn re(p: &str) -> Regex {
    Regex::new(p).expect("static regex in votes.rs")
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"\b(\d{5}(?:\.\d{3})?)\b"));
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(motie|amendement|raadsvoorstel|voorstel)\b\s*(?:“|”|')?([^()\t\n]*?)(?:“|”|')?\s*(?:\(|\bwordt\b|\bwerd\b|\bis\b|\bin stemming\b|\t|$)",
    )
});
/// "De raad stemt (unaniem) in met de motie": the council agreed to it.
static AGREES: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bstem(?:t|de|den|men)\s+(?:\w+\s+){0,2}in\s+met\b"));
/// A motion being submitted, in prose ("een motie ingediend", "na indiening van een motie").
static SUBMITTING: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:ingediend|indiening|dient\s+(?:\w+\s+){0,4}in|dienden\s+(?:\w+\s+){0,4}in)\b")
});
/// A listed item: "Veilige schoolroutes (24018.002) AANVAARD 30/5".
static LISTED_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?:[•·▪*–-]\s*)?(?P<title>[^()\t\n]{3,}?)\s*\((?P<number>\d{4,6}(?:\.\d{1,3})?)\)\s*(?P<rest>.*)$",
    )
});
/// An item named by its place in the meeting's order: "motie 3", "Amendement 2 (GL):",
/// "motie nr. 12 in stemming", "amendement A2 wordt …". Minutes put items to the vote one by
/// one ("Brengt motie 1 in stemming"), and the verdict that follows speaks of "de motie".
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(motie|amendement)\s+(?:nr\.?\s*|nummer\s+)?(?:((?-i:[MA])-?\d{1,3}[a-z]?)\b|(\d{1,3}[a-z]?)(?:\s*[(:.]|\s+(?:in\s+stemming|wordt|werd|is)\b|\s*$))",
    )
});
static SUBMITTED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:ingediend door|indieners?|ondertekend door)\s*:?\s*"));

/// The vote events one document records.
pub fn vote_events(doc: &NewDocument) -> Vec<VoteEvent> {
    let mut events = Vec::new();
    match doc.kind {
        DocKind::Motie | DocKind::Amendement | DocKind::Raadsvoorstel => {
            events.push(own_event(doc));
        }
        DocKind::Raadsbesluit => {
            let mut e = own_event(doc);
            e.about_self = false;
            e.item_kind = Some(DocKind::Raadsvoorstel);
            e.title = Some(strip_kind_word(&doc.title));
            events.push(e);
        }
        _ => {}
    }
    // A decision list laid out as numbered agenda items is read by its structure.
    if doc.kind == DocKind::Besluitenlijst {
        let decided = super::decisions::events(&doc.body_text);
        if !decided.is_empty() {
            for e in decided {
                merge_into(&mut events, e);
            }
            return events;
        }
    }
    // A numbered list of decisions, motions and amendments with what became of each.
    if matches!(
        doc.kind,
        DocKind::Besluitenlijst | DocKind::Verslag | DocKind::Nieuws | DocKind::Overig
    ) {
        let listed = super::vote_lists::events(&doc.body_text, doc.kind == DocKind::Besluitenlijst);
        if !listed.is_empty() {
            for e in listed {
                merge_into(&mut events, e);
            }
            return events;
        }
    }
    let own_number = doc.council_number.as_deref();
    let headline = (doc.kind == DocKind::Nieuws).then_some(doc.title.as_str());
    let mut reported = line_events(&doc.body_text, doc.date, headline);
    // A report of one vote gives its count in a sentence of its own ("Met 19 stemmen voor en
    // 12 tegen kreeg het voorstel een meerderheid").
    if let [e] = reported.as_mut_slice() {
        if e.votes_for.is_none() {
            if let Some(sentence) = only_count(&doc.body_text) {
                fill_counts(e, sentence);
            }
        }
    }
    for event in reported {
        // In a motion's own text, a line about another item must name it.
        let is_self = matches!(
            doc.kind,
            DocKind::Motie | DocKind::Amendement | DocKind::Raadsvoorstel | DocKind::Raadsbesluit
        ) && (event.number.is_none() || event.number.as_deref() == own_number);
        if is_self {
            continue;
        }
        merge_into(&mut events, event);
    }
    events
}

/// The motion's or proposal's own outcome: front matter first, then its text.
fn own_event(doc: &NewDocument) -> VoteEvent {
    let meta = &doc.meta;
    let mut e = VoteEvent {
        number: doc.council_number.clone(),
        title: Some(doc.title.clone()),
        item_kind: Some(doc.kind),
        about_self: true,
        ..VoteEvent::default()
    };
    e.outcome = meta
        .get("outcome")
        .and_then(|v| v.as_str())
        .and_then(Outcome::parse);
    e.votes_for = meta
        .get("votes_for")
        .and_then(|v| v.as_u64())
        .map(|n| n as u32);
    e.votes_against = meta
        .get("votes_against")
        .and_then(|v| v.as_u64())
        .map(|n| n as u32);
    e.unanimous = meta
        .get("unanimous")
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    if let Some(list) = meta.get("submitters").and_then(|v| v.as_array()) {
        e.submitters = list
            .iter()
            .filter_map(|s| s.as_str().map(str::to_owned))
            .collect();
    }
    if e.submitters.is_empty() {
        e.submitters = submitters_from_text(&doc.body_text);
    }
    // The text's own verdict: a short line that is mostly the outcome ("AANGENOMEN",
    // "Status: verworpen 17/23").
    // The counts may stand in the line ("Uitslag: verworpen (18 voor, 21 tegen)").
    if e.outcome.is_none() {
        for line in doc
            .body_text
            .lines()
            .map(str::trim)
            .filter(|l| l.len() <= 60)
        {
            if let Some(m) = OUTCOME.find(line) {
                if words_besides_counts(line) <= 5 {
                    e.outcome = Outcome::parse(m.as_str());
                    fill_counts(&mut e, line);
                    break;
                }
            }
        }
    }
    // A line that is only the count, as a register's field ("Stemming: 23 voor 6 tegen"); else
    // the one count a text about a single proposal gives ("Met 19 stemmen voor en 12 tegen
    // kreeg het voorstel een meerderheid"); else a field of the bare count ("Stemverhouding:
    // 25-4").
    if e.outcome.is_some() && e.votes_for.is_none() {
        let count_line = doc
            .body_text
            .lines()
            .map(str::trim)
            .find(|l| l.len() <= 60 && counts_in(l) == 1 && words_besides_counts(l) <= 2);
        if let Some(line) = count_line.or_else(|| only_count(&doc.body_text)) {
            fill_counts(&mut e, line);
        } else if let Some(c) = COUNT_FIELD.captures(&doc.body_text) {
            e.votes_for = c[1].parse().ok();
            e.votes_against = c[2].parse().ok();
        }
    }
    // A sentence that says what became of it: "Deze motie is met algemene stemmen aangenomen",
    // "Gewijzigde motie M22/39 wordt aangenomen met stemmen voor van … (36 voor/1 tegen)".
    if let Some(sentence) = OWN_VERDICT.find(&doc.body_text).map(|m| m.as_str()) {
        if e.outcome.is_none() {
            e.outcome = OWN_VERDICT
                .captures(sentence)
                .and_then(|c| Outcome::parse(&c[1]));
        }
        if e.votes_for.is_none() {
            fill_counts(&mut e, sentence);
        } else if UNANIMOUS.is_match(sentence) {
            e.unanimous = true;
        }
    }
    // A register's title that ends in the entry's outcome ("… d.d. 26 november 2019
    // Ingetrokken").
    if e.outcome.is_none() {
        if let Some(last) = doc.title.split_whitespace().last() {
            if OUTCOME.find(last).is_some_and(|m| m.len() == last.len()) {
                e.outcome = Outcome::parse(last);
            }
        }
    }
    // A register's vote by share ("voor 100%", "voor 60%" … "tegen 40%") with the groups and
    // their seats under each side ("Fractie CDA (5), Fractie D66 (1), …"): the seats add up
    // to the votes on that side.
    if e.votes_for.is_none() {
        if let Some((for_, against)) = register_vote(&doc.body_text) {
            e.votes_for = Some(for_);
            e.votes_against = Some(against);
        }
    }
    // A register entry's number ("Nummer: M22-039"), else the one its title or its first line
    // opens with ("Motie M12 Laadpalen …", "M-16 Motie …", "Amendement A2" over its subject).
    if e.number.is_none() {
        e.number = REGISTER_NUMBER
            .captures(&doc.body_text)
            .or_else(|| TITLE_NUMBER.captures(&doc.title))
            .or_else(|| {
                let heading = doc.body_text.lines().find(|l| !l.trim().is_empty())?;
                TITLE_NUMBER.captures(heading)
            })
            .and_then(|c| c.get(1).or(c.get(2)))
            .map(|m| m.as_str().to_owned())
            .filter(|n| !YEAR_ALONE.is_match(n));
    }
    if e.votes_for.is_some() && e.votes_against == Some(0) {
        e.unanimous = true;
    }
    e
}

/// The sentence that gives the text's one count, when it gives exactly one.
fn only_count(text: &str) -> Option<&str> {
    let mut found = text
        .lines()
        .flat_map(crate::extract::commitments::sentences)
        .filter(|s| counts_in(s) > 0);
    // A sentence with a verdict of its own is about the item it names.
    let first = found
        .next()
        .filter(|s| counts_in(s) == 1 && verdict(s).is_none())?;
    found.next().is_none().then_some(first)
}

/// A sentence about the document itself and its outcome: "Deze motie is aangenomen", "De
/// motie werd VERWORPEN met …", "Gewijzigde motie M22/39 wordt aangenomen met …".
static OWN_VERDICT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:motie|amendement)\b[^.\n]{0,80}?\b(?:is|werd|wordt)\s+(?:[\p{L}-]+\s+){0,4}?(aangenomen|aanvaard|verworpen|ingetrokken|aangehouden)\b[^\n]*?(?:\.(?:\s|$)|\n|$)",
    )
});
/// A side's share in a register's vote: "voor 100%", "tegen 40 %".
static SIDE_SHARE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?im)^\s*(voor|tegen)\s+(\d{1,3})\s*%\s*$"));

/// The votes for and against of a register's vote by share, from the seats of the groups
/// listed under each side; `None` unless the seats of every side with a share are listed (a
/// side at 0% counts none).
fn register_vote(text: &str) -> Option<(u32, u32)> {
    let mut sides = [None, None];
    for c in SIDE_SHARE.captures_iter(text) {
        let i = usize::from(c[1].eq_ignore_ascii_case("tegen"));
        let share: u32 = c[2].parse().ok()?;
        let after = &text[c.get(0)?.end()..];
        let seats: u32 = after
            .lines()
            .map(str::trim)
            .take_while(|l| !SIDE_SHARE.is_match(l))
            .find(|l| GROUP_SEATS.is_match(l))
            .map(|l| {
                GROUP_SEATS
                    .captures_iter(l)
                    .filter_map(|g| g[1].parse::<u32>().ok())
                    .sum()
            })
            .unwrap_or(0);
        if share > 0 && seats == 0 {
            return None;
        }
        sides[i].get_or_insert(seats);
        if share == 100 {
            sides[1 - i].get_or_insert(0);
        }
    }
    Some((sides[0]?, sides[1]?))
}
/// A group with its seats in a register's vote: "Fractie CDA (5)".
static GROUP_SEATS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bfractie\s+[^,()\n]{1,40}?\s*\((\d{1,2})\)"));
/// A register entry's number field: "Nummer: M22-039", "Nummer: M69-2019".
static REGISTER_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?m)^\s*Nummer\s*:?\s*\n?\s*([A-Z]{0,3}\d{1,4}(?:[-/.]\d{1,4})?[a-z]?)\s*$")
});

/// The number a title opens with: "Motie M12 …", "Amendement 3: …", "Motie 2022-31 …",
/// "M-16 Motie …".
static TITLE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:(?:motie|amendement)\s+(?:nr\.?\s*|nummer\s+)?((?-i:[MA])?-?\d{1,4}(?:[-/.]\d{1,4})?[a-z]?)(?:\s*[:.,]|\s|$)|((?-i:[MA])-?\d{1,3}[a-z]?)\s+(?:motie|amendement)\b)",
    )
});
/// A year, which a title may open with but which numbers nothing.
static YEAR_ALONE: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:19|20)\d{2}$"));

/// "Ingediend door:" and the names on the lines after it (or on the same line).
fn submitters_from_text(text: &str) -> Vec<String> {
    let Some(m) = SUBMITTED.find(text) else {
        return Vec::new();
    };
    let rest = &text[m.end()..];
    let mut names = Vec::new();
    for line in rest.lines().take(12) {
        let line = line.trim();
        if line.is_empty() {
            if names.is_empty() {
                continue;
            }
            break;
        }
        for part in line.split([',', ';']).flat_map(|p| p.split(" en ")) {
            let p = part.trim().trim_start_matches("- ").trim();
            if !p.is_empty() && p.len() <= 60 {
                names.push(p.to_owned());
            }
        }
    }
    names
}

/// What a council number says about the item when the text names no kind: by the common
/// Dutch numbering, a number with a sub-number ("23161.001") is a motion or amendment filed
/// on the proposal with the plain number ("23161"). A default of council practice; a council
/// that numbers otherwise names the kind in its lists.
fn kind_from_number(number: &str) -> DocKind {
    if number.contains('.') {
        DocKind::Motie
    } else {
        DocKind::Raadsvoorstel
    }
}

/// A short line that dates what follows it ("12 oktober 2023 - Plenair, besluit."): the votes
/// listed under it were cast that day.
fn heading_date(line: &str, anchor: Option<chrono::NaiveDate>) -> Option<chrono::NaiveDate> {
    if line.split_whitespace().count() > 10 || OUTCOME.is_match(line) {
        return None;
    }
    crate::extract::dates::find_dates(line, anchor)
        .first()
        .filter(|m| m.start <= 2)
        .map(|m| m.date)
}

/// Lines (and sentences) that report a vote on a named or numbered item. `anchor` is the
/// document's date, for dates written without a year ("op 15 maart jl.").
/// `headline`: the title of a report, for the motion it speaks of without naming it.
fn line_events(
    text: &str,
    anchor: Option<chrono::NaiveDate>,
    headline: Option<&str>,
) -> Vec<VoteEvent> {
    let mut out: Vec<VoteEvent> = Vec::new();
    let mut heading: Option<chrono::NaiveDate> = None;
    // Items the text names in prose ("een motie Aanpak Mensenhandel"), with their kind, for the
    // sentences that then speak of "de motie" (a motion, not an amendment) without naming it.
    let mut named: Vec<(String, DocKind)> = Vec::new();
    let mut anaphoric: Vec<VoteEvent> = Vec::new();
    let mut submitters: Vec<String> = Vec::new();
    // The numbered item last put to the vote, for the verdict that follows.
    let mut current: Option<(DocKind, String)> = None;
    for line in text.lines() {
        crate::budget::check();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(d) = heading_date(trimmed, anchor) {
            heading = Some(d);
            continue;
        }
        for sentence in crate::extract::commitments::sentences(line) {
            if let Some(c) = ITEM.captures(sentence) {
                if c[1].eq_ignore_ascii_case("motie") || c[1].eq_ignore_ascii_case("amendement") {
                    if let Some(t) = item_title(&c[2]) {
                        if !named.iter().any(|(n, _)| title_key(n) == title_key(&t)) {
                            let kind = if c[1].eq_ignore_ascii_case("motie") {
                                DocKind::Motie
                            } else {
                                DocKind::Amendement
                            };
                            named.push((t, kind));
                        }
                    }
                    if SUBMITTING.is_match(sentence) {
                        for p in parties::find_in_text(sentence) {
                            if !submitters.contains(&p) {
                                submitters.push(p);
                            }
                        }
                    }
                }
            }
            let numbered = NUMBERED.captures(sentence).map(|c| {
                let kind = if c[1].eq_ignore_ascii_case("motie") {
                    DocKind::Motie
                } else {
                    DocKind::Amendement
                };
                let number = c.get(2).or(c.get(3)).map_or("", |m| m.as_str());
                (kind, number.to_owned())
            });
            let outcome = outcome_in(sentence)
                .or_else(|| AGREES.is_match(sentence).then_some(Outcome::Aangenomen));
            let Some(outcome) = outcome else {
                if numbered.is_some() {
                    current = numbered;
                }
                continue;
            };
            let listed = LISTED_ITEM.captures(sentence);
            let number = listed
                .as_ref()
                .map(|c| c["number"].to_owned())
                .or_else(|| NUMBER.captures(sentence).map(|c| c[1].to_owned()));
            let item = ITEM.captures(sentence);
            let mut e = VoteEvent {
                number,
                outcome: Some(outcome),
                date: crate::extract::dates::find_dates(sentence, anchor)
                    .iter()
                    .map(|m| m.date)
                    .find(|d| anchor.is_none_or(|a| *d <= a))
                    .or(heading),
                ..VoteEvent::default()
            };
            if let Some(c) = &item {
                e.item_kind = match c[1].to_lowercase().as_str() {
                    "motie" => Some(DocKind::Motie),
                    "amendement" => Some(DocKind::Amendement),
                    _ => Some(DocKind::Raadsvoorstel),
                };
                e.title = item_title(&c[2]);
            }
            if let Some(c) = &listed {
                e.listed = true;
                let title = c["title"].trim();
                if e.title.is_none() && !title.is_empty() {
                    e.title = Some(strip_kind_word(title));
                }
                if e.item_kind.is_none() {
                    e.item_kind = Some(kind_from_number(&c["number"]));
                }
            }
            // Tables: "23161.001<TAB>Motie Doelgericht ...<TAB>AANVAARD 34/4".
            let cells: Vec<&str> = sentence
                .split('\t')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            if cells.len() >= 3 {
                e.listed = true;
                let is_label = |c: &&&str| {
                    !OUTCOME.is_match(c) && !c.chars().all(|ch| ch.is_ascii_digit() || ch == '.')
                };
                let title = cells
                    .iter()
                    .filter(is_label)
                    .find(|c| ITEM.is_match(c))
                    .or_else(|| cells.iter().filter(is_label).max_by_key(|c| c.len()));
                if let Some(title) = title {
                    e.title = Some(strip_kind_word(title));
                }
            }
            // A decision list's row that names no kind is the decision on a proposal.
            if e.listed && e.item_kind.is_none() {
                e.item_kind = Some(DocKind::Raadsvoorstel);
            }
            fill_counts(&mut e, sentence);
            // "Amendement 5 (CDA): het amendement wordt verworpen"; or "Brengt motie 1 in
            // stemming. De motie wordt … verworpen": the item named, or the one put to the vote.
            // "Motie M3 Groen dak (CDA): aangenomen": the code is its number, not its title.
            if e.number.is_none() {
                if let Some((kind, number)) = numbered {
                    e.item_kind = Some(kind);
                    e.title = e
                        .title
                        .take()
                        .map(|t| {
                            t.strip_prefix(number.as_str())
                                .unwrap_or(&t)
                                .trim()
                                .to_owned()
                        })
                        .filter(|t| !t.is_empty());
                    e.number = Some(number);
                } else if e.title.is_none() {
                    let put_to_vote = current
                        .take()
                        .filter(|(kind, _)| item.is_some() && e.item_kind == Some(*kind));
                    if let Some((kind, number)) = put_to_vote {
                        e.item_kind = Some(kind);
                        e.number = Some(number);
                    }
                }
            }
            if e.number.is_none() && e.title.is_none() {
                // "de motie ... werd unaniem aangenomen": about an item named elsewhere.
                let about_motion = item.is_some()
                    || AGREES.is_match(sentence) && sentence.to_lowercase().contains("motie");
                if about_motion {
                    e.item_kind.get_or_insert(DocKind::Motie);
                    anaphoric.push(e);
                }
                continue;
            }
            merge_into(&mut out, e);
        }
    }
    // Sentences that speak of "the motion" are about the one motion the text names; when it
    // names none, or several, they say too little to record.
    // A report that names no motion in its text but in its headline ("Motie over de
    // afvalkosten") and says what became of "deze motie" (once, or again in the same words) is
    // about the one in its headline.
    let one_verdict = anaphoric
        .first()
        .is_some_and(|first| anaphoric.iter().all(|e| e.outcome == first.outcome));
    if named.is_empty() && one_verdict {
        if let Some(headline) = headline.filter(|h| h.to_lowercase().contains("motie")) {
            named.push((headline.trim().to_owned(), DocKind::Motie));
        }
    }
    // "de motie" is the one motion the text names, "het amendement" the one amendment.
    for mut e in anaphoric {
        let kind = e.item_kind.unwrap_or(DocKind::Motie);
        let mut of_kind = named.iter().filter(|(_, k)| *k == kind).map(|(t, _)| t);
        if let (Some(title), None) = (of_kind.next(), of_kind.next()) {
            e.title = Some(title.clone());
            merge_into(&mut out, e);
        }
    }
    if let [(title, _)] = named.as_slice() {
        if let Some(e) = out
            .iter_mut()
            .find(|e| e.title.as_deref().map(title_key) == Some(title_key(title)))
        {
            if e.submitters.is_empty() {
                e.submitters = submitters;
            }
        }
    }
    out
}

/// Adds `event` to `events`, merging with an event about the same item.
fn merge_into(events: &mut Vec<VoteEvent>, event: VoteEvent) {
    let same = events.iter_mut().find(|e| {
        // A motion and an amendment may share a number in a meeting's order.
        let kinds_agree =
            e.item_kind.is_none() || event.item_kind.is_none() || e.item_kind == event.item_kind;
        (e.number.is_some() && e.number == event.number && kinds_agree)
            || (e.number.is_none() || event.number.is_none())
                && e.title.as_deref().map(title_key).filter(|k| !k.is_empty())
                    == event
                        .title
                        .as_deref()
                        .map(title_key)
                        .filter(|k| !k.is_empty())
                && e.title.is_some()
    });
    match same {
        Some(e) => {
            e.number = e.number.take().or(event.number);
            e.title = e.title.take().or(event.title);
            e.item_kind = e.item_kind.or(event.item_kind);
            e.outcome = e.outcome.or(event.outcome);
            e.votes_for = e.votes_for.or(event.votes_for);
            e.votes_against = e.votes_against.or(event.votes_against);
            e.unanimous |= event.unanimous;
            e.listed |= event.listed;
            e.date = e.date.or(event.date);
            e.method = e.method.take().or(event.method);
            if e.members.is_empty() {
                e.members = event.members;
            }
            if e.party_votes.is_empty() {
                e.party_votes = event.party_votes;
            }
        }
        None => events.push(event),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(kind: DocKind, text: &str) -> NewDocument {
        let mut d = crate::import::parse("x.txt", text.as_bytes()).expect("parses");
        d.kind = kind;
        d
    }

    #[test]
    fn the_motion_a_report_names_is_the_one_it_says_was_adopted() {
        let text = "Na indiening van een motie Veilige Fietsroutes door D66 en de VVD sprak de raad lang. \
            De motie werd op 4 april jl. unaniem aangenomen.";
        let mut d = NewDocument {
            kind: DocKind::Nieuws,
            ..doc(DocKind::Nieuws, "x")
        };
        d.body_text = text.into();
        d.date = chrono::NaiveDate::from_ymd_opt(2024, 4, 8);
        let events = vote_events(&d);
        assert_eq!(events.len(), 1, "{events:#?}");
        let e = &events[0];
        assert_eq!(e.title.as_deref(), Some("Veilige Fietsroutes"));
        assert_eq!(e.outcome, Some(Outcome::Aangenomen));
        assert!(e.unanimous);
        assert_eq!(e.date, chrono::NaiveDate::from_ymd_opt(2024, 4, 4));
        let mut submitters = e.submitters.clone();
        submitters.sort();
        assert_eq!(submitters, ["D66", "VVD"]);
    }

    #[test]
    fn a_dated_heading_dates_the_listed_votes_under_it() {
        let text = "3 mei 2024 - Raad, besluit.\n\n• Groen in de wijk (24010.002) AANVAARD 20/9\n• Groen in de wijk (24010) AANVAARD 29/0";
        let events = line_events(text, chrono::NaiveDate::from_ymd_opt(2024, 5, 10), None);
        assert_eq!(events.len(), 2, "{events:#?}");
        assert!(
            events
                .iter()
                .all(|e| e.date == chrono::NaiveDate::from_ymd_opt(2024, 5, 3))
        );
        assert_eq!(events[0].item_kind, Some(DocKind::Motie));
        assert_eq!(events[1].item_kind, Some(DocKind::Raadsvoorstel));
        assert_eq!(events[0].title.as_deref(), Some("Groen in de wijk"));
    }

    #[test]
    fn decision_list_lines_with_counts() {
        let d = doc(
            DocKind::Besluitenlijst,
            "Besluitenlijst\n\n23161\tRaadsvoorstel Mensenhandel 2023-2024 Almere\tAANVAARD 38/0\n23161.001\tMotie Doelgericht strijden tegen mensenhandel\tAANVAARD 34/4\nDe motie Doelgericht strijden tegen mensenhandel (23161.001) wordt aanvaard met 34 stemmen voor en 4 stemmen tegen.",
        );
        let events = vote_events(&d);
        assert_eq!(events.len(), 2, "{events:#?}");
        let m = events
            .iter()
            .find(|e| e.number.as_deref() == Some("23161.001"))
            .expect("motion");
        assert_eq!(
            (m.votes_for, m.votes_against, m.unanimous),
            (Some(34), Some(4), false)
        );
        assert_eq!(m.outcome, Some(Outcome::Aangenomen));
        assert_eq!(
            m.title.as_deref(),
            Some("Doelgericht strijden tegen mensenhandel")
        );
        let p = events
            .iter()
            .find(|e| e.number.as_deref() == Some("23161"))
            .expect("proposal");
        assert_eq!(
            (p.votes_for, p.votes_against, p.unanimous),
            (Some(38), Some(0), true)
        );
    }

    #[test]
    fn prose_votes_and_party_votes() {
        let d = doc(
            DocKind::Verslag,
            "Verslag\n\nDe motie Zicht op de aanpak wordt verworpen met 17 stemmen voor en 23 tegen. Voor: CU, PvdA en SP; tegen: VVD, PVV.\nHet amendement Meer geld wordt met algemene stemmen aangenomen.",
        );
        let events = vote_events(&d);
        let m = events
            .iter()
            .find(|e| e.item_kind == Some(DocKind::Motie))
            .expect("motion");
        assert_eq!(m.outcome, Some(Outcome::Verworpen));
        assert_eq!((m.votes_for, m.votes_against), (Some(17), Some(23)));
        let a = events
            .iter()
            .find(|e| e.item_kind == Some(DocKind::Amendement))
            .expect("amendment");
        assert!(a.unanimous);
        assert_eq!(a.outcome, Some(Outcome::Aangenomen));
    }

    #[test]
    fn table_rows_take_the_item_cell_as_title() {
        let d = doc(
            DocKind::Besluitenlijst,
            "Besluiten\n\n5.1\tMotie Aanpak Mensenhandel\tChristenUnie, PvdA, VVD, SP\tAANGENOMEN met algemene stemmen",
        );
        let events = vote_events(&d);
        assert_eq!(events.len(), 1, "{events:#?}");
        assert_eq!(events[0].title.as_deref(), Some("Aanpak Mensenhandel"));
        assert!(events[0].unanimous && events[0].listed);
    }

    #[test]
    fn a_motions_own_outcome_and_submitters() {
        let d = doc(
            DocKind::Motie,
            "Motie Aanpak\n\nverzoekt het college iets te doen,\n\nIngediend door:\n\nM. Benard, ChristenUnie\nPvdA\n\nAANGENOMEN",
        );
        let e = &vote_events(&d)[0];
        assert!(e.about_self);
        assert_eq!(e.outcome, Some(Outcome::Aangenomen));
        assert_eq!(e.submitters, ["M. Benard", "ChristenUnie", "PvdA"]);
    }

    /// The outcome with its counts on one line, a count in a field of its own, and the
    /// number the title opens with.
    #[test]
    fn a_motions_verdict_with_its_counts_and_its_number() {
        let d = doc(
            DocKind::Motie,
            "Motie M7 Bankjes\n\nverzoekt het college bankjes te plaatsen,\n\nUitslag: verworpen (14 voor, 17 tegen)",
        );
        let e = &vote_events(&d)[0];
        assert_eq!(e.outcome, Some(Outcome::Verworpen));
        assert_eq!((e.votes_for, e.votes_against), (Some(14), Some(17)));
        assert_eq!(e.number.as_deref(), Some("M7"));
        let d = doc(
            DocKind::Motie,
            "Motie 2019-12 Bankjes\nStatus: Aangenomen\nStemming: 25 voor, 2 tegen\nToelichting: meer bankjes.",
        );
        let e = &vote_events(&d)[0];
        assert_eq!((e.votes_for, e.votes_against), (Some(25), Some(2)));
        assert_eq!(e.number.as_deref(), Some("2019-12"));
        // A year is no number.
        let d = doc(
            DocKind::Motie,
            "Motie 2024 begroting\n\nverzoekt het college iets.",
        );
        assert_eq!(vote_events(&d)[0].number, None);
    }

    /// A report of one vote gives the count in a sentence of its own; with two counts it is
    /// not known which is the motion's.
    #[test]
    fn a_report_of_one_vote_takes_its_one_count() {
        let one = "Motie over bankjes aangenomen\n\nDe raad nam gisteren onze motie over bankjes aan. Met 21 stemmen voor en 9 tegen was er een ruime meerderheid.";
        let e = &vote_events(&doc(DocKind::Nieuws, one))[0];
        assert_eq!((e.votes_for, e.votes_against), (Some(21), Some(9)));
        let two = format!("{one} De begroting kreeg 20 stemmen voor en 10 tegen.");
        let e = &vote_events(&doc(DocKind::Nieuws, &two))[0];
        assert_eq!(e.votes_for, None);
    }

    /// "De motie" speaks of the motion the text names, not of an amendment it does not name.
    #[test]
    fn the_motion_spoken_of_is_the_motion_named() {
        let text = "De raad stemde over de motie Bankjes Erbij die D66 indiende. Daarmee is de motie niet aangenomen. \
            Een amendement van de VVD over parkeren werd met 15 tegen 7 stemmen aangenomen.";
        let found = vote_events(&doc(DocKind::Nieuws, text));
        let bankjes: Vec<_> = found
            .iter()
            .filter(|e| e.title.as_deref() == Some("Bankjes Erbij"))
            .collect();
        assert_eq!(bankjes.len(), 1, "{found:#?}");
        assert_eq!(bankjes[0].outcome, Some(Outcome::Verworpen));
        assert_eq!(bankjes[0].votes_for, None);
    }

    /// A headline that reports the verdict, and the text that says it again of "de motie".
    #[test]
    fn a_headline_and_its_text_agree_on_the_verdict() {
        let text = "Motie bankjes in het park (ingetrokken)\n\nWij dienden een motie in over bankjes. Na de toezegging van de wethouder hebben wij de motie ingetrokken.";
        let mut d = doc(DocKind::Nieuws, text);
        d.title = "Motie bankjes in het park (ingetrokken)".into();
        let found = vote_events(&d);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].outcome, Some(Outcome::Ingetrokken));
    }

    #[test]
    fn minutes_put_numbered_items_to_the_vote_one_by_one() {
        let text = "De voorzitter: Brengt amendement 2 (SP) in stemming. Het amendement wordt verworpen. \
            Motie 2 (VVD): de motie wordt met algemene stemmen aangenomen. Brengt motie 4 in stemming. \
            Mevrouw Pietersen (D66): Wij zijn voor. De motie wordt met 5 stemmen voor van de leden \
            Aa, Bos en Claes en 12 stemmen tegen verworpen. Brengt motie 5 in stemming. De motie \
            wordt met 10 stemmen voor en 7 stemmen tegen aan genomen.";
        let events = line_events(text, None, None);
        let get = |kind: DocKind, n: &str| {
            events
                .iter()
                .find(|e| e.item_kind == Some(kind) && e.number.as_deref() == Some(n))
                .unwrap_or_else(|| panic!("{kind:?} {n}: {events:#?}"))
        };
        assert_eq!(
            get(DocKind::Amendement, "2").outcome,
            Some(Outcome::Verworpen)
        );
        let m2 = get(DocKind::Motie, "2");
        assert!(m2.unanimous && m2.outcome == Some(Outcome::Aangenomen));
        let m4 = get(DocKind::Motie, "4");
        assert_eq!(
            (m4.outcome, m4.votes_for, m4.votes_against),
            (Some(Outcome::Verworpen), Some(5), Some(12))
        );
        let m5 = get(DocKind::Motie, "5");
        assert_eq!(
            (m5.outcome, m5.votes_for, m5.votes_against),
            (Some(Outcome::Aangenomen), Some(10), Some(7))
        );
        assert_eq!(events.len(), 4, "{events:#?}");
        let coded = line_events("Motie M3 Groen Dak (CDA): aangenomen 20-9.", None, None);
        assert_eq!(coded[0].number.as_deref(), Some("M3"), "{coded:#?}");
        assert_eq!(coded[0].title.as_deref(), Some("Groen Dak"));
        assert_eq!(
            (coded[0].votes_for, coded[0].votes_against),
            (Some(20), Some(9))
        );
    }

    #[test]
    fn a_report_about_the_motion_in_its_headline() {
        let text = "Vorige week sprak de raad over de kosten. Deze motie werd met 12 voor en 9 tegen aangenomen.";
        let events = line_events(text, None, Some("Motie over de parkeerkosten"));
        assert_eq!(events.len(), 1, "{events:#?}");
        assert_eq!(
            events[0].title.as_deref(),
            Some("Motie over de parkeerkosten")
        );
        assert_eq!(
            (events[0].votes_for, events[0].votes_against),
            (Some(12), Some(9))
        );
        assert!(line_events(text, None, Some("Nieuws uit de raad")).is_empty());
    }

    #[test]
    fn a_registers_vote_by_share_counts_the_seats_on_each_side() {
        let split = "Stemmen\nvoor 60%\nvoor\nFractie Noord (6), Fractie Zuid (3)\ntegen 40%\ntegen\nFractie Oost (4), Fractie West (2)\n";
        assert_eq!(register_vote(split), Some((9, 6)));
        let all = "Stemmen\nvoor 100%\nvoor\nFractie Noord (6), Fractie Zuid (3)\n";
        assert_eq!(register_vote(all), Some((9, 0)));
        assert_eq!(register_vote("voor 70%\nvoor\ngeen namen\ntegen 30%"), None);
    }
}
