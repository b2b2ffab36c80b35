//! The fields of a register entry copied from a council portal.
//!
//! Portals show a motion, a promise or a project as a list of named fields ("Titel", "Status",
//! "Indiener", "Stand van zaken", "Datum afdoening"): each name on a line of its own with the
//! value under it, or "Naam: waarde" on one line. Copied from the browser, a table loses the
//! space between name and value ("StatusAangenomen", "Datum7/9/2019"). [`unglue`] puts a
//! colon and a space back; [`read`] finds the fields, each with the range of text it holds.
//!
//! The names are the ones portals use (iBabs, bestuurlijkeinformatie.nl, lta.nu, the register
//! pages of GemeenteOplossingen); a name is only a field where the page lays it out as one.

/// Field names of council registers, longest first where one begins another.
const KEYS: &[&str] = &[
    "Portefeuillehouder (bestuurlijk opdrachtgever)",
    "Datum behandeling afdoening in raadscommissie",
    "Datum afdoening",
    "Datum toezegging",
    "Datum PS",
    "Publicatiedatum",
    "Datum",
    "Titel",
    "Onderwerp",
    "Betreft",
    "Agendapunt",
    "Status",
    "Nummer",
    "ID",
    "Inhoud",
    "Omschrijving",
    "Mede-indieners",
    "Mede-indiener",
    "Indieners",
    "Indiener",
    "Indiener(s)",
    "Fractie(s)",
    "Fracties",
    "Fractie",
    "Raadsleden",
    "Portefeuillehouder",
    "Ambtenaar",
    "Actiehouder",
    "Afdeling",
    "Commissie",
    "Stemverhouding",
    "Stemuitslag",
    "Stemming",
    "Stemmen",
    "Uitslag",
    "Toelichting",
    "Einddatum",
    "Startdatum",
    "Deadline",
    "Termijn",
    "Streefdatum",
    "Planning",
    "Stand van zaken GS",
    "Stand van zaken",
    "Niet afgedaan",
    "Afgedaan via",
    "Afgedaan",
    "Bijlage(s)",
    "Bijlagen",
    "Behandelen in",
    "Voorstel Presidium",
    "Toezegging",
    "Aanleiding",
    "Overwegingen",
    "Dictum",
    "Behandelvoorstel",
];

/// Fields that tell how the entry was followed up (its status, its due and completion dates,
/// updates): never the entry's own date or title.
pub const FOLLOW_UP: &[&str] = &[
    "Stand van zaken GS",
    "Stand van zaken",
    "Einddatum",
    "Startdatum",
    "Deadline",
    "Termijn",
    "Streefdatum",
    "Planning",
    "Datum afdoening",
    "Datum behandeling afdoening in raadscommissie",
    "Afgedaan via",
    "Voorstel Presidium",
];

/// Whether `name` is the name of a register field ("Stand van zaken", "Toezegging").
pub fn is_key(name: &str) -> bool {
    let name = name.trim().trim_end_matches(':').trim_end();
    KEYS.iter().any(|k| k.eq_ignore_ascii_case(name))
}

/// A field of a register entry: its name as the list spells it, and the byte range of its value
/// (from after the name to the next field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub line: usize,
    pub value: std::ops::Range<usize>,
}

/// The name a line starts with, and where its value begins in the line: "Titel" alone,
/// "Titel: …", or "Titel …" when `loose`.
fn key_of(line: &str) -> Option<(&'static str, usize)> {
    let trimmed = line.trim_end();
    KEYS.iter().find_map(|&key| {
        let rest = trimmed.strip_prefix(key)?;
        if rest.is_empty() {
            return Some((key, key.len()));
        }
        let after = rest.trim_start_matches(' ');
        if let Some(v) = after.strip_prefix(':') {
            return Some((key, trimmed.len() - v.len()));
        }
        None
    })
}

/// Puts back the separator a copied table lost: "StatusAangenomen" → "Status: Aangenomen",
/// "Datum7/9/2019" → "Datum: 7/9/2019". Only on a page that has at least three such lines (a
/// copied register, not prose that happens to start with a field's name).
pub fn unglue(text: &str) -> Option<String> {
    let glued = |line: &str| -> Option<(&'static str, usize)> {
        KEYS.iter().find_map(|&key| {
            let rest = line.strip_prefix(key)?;
            let next = rest.chars().next()?;
            (next.is_uppercase() || next.is_ascii_digit() || "\"“‘'«(".contains(next))
                .then_some((key, key.len()))
        })
    };
    let count = text.lines().filter(|l| glued(l.trim()).is_some()).count();
    if count < 3 {
        return None;
    }
    let out: Vec<String> = text
        .lines()
        .map(|l| match glued(l.trim()) {
            Some((key, at)) => format!("{key}: {}", &l.trim()[at..]),
            None => l.to_owned(),
        })
        .collect();
    Some(out.join("\n"))
}

/// The fields of a register entry, in text order; empty when the page has fewer than three
/// (then it is not laid out as a register entry).
pub fn read(text: &str) -> Vec<Field> {
    let mut starts: Vec<(usize, &'static str, usize, usize)> = Vec::new();
    let mut offset = 0;
    for (n, line) in text.split('\n').enumerate() {
        if let Some((key, at)) = key_of(line.trim_start()) {
            let indent = line.len() - line.trim_start().len();
            starts.push((n, key, offset + indent + at, offset));
        }
        offset += line.len() + 1;
    }
    // Three fields, or two laid out as a list (each name alone on its line).
    let alone = starts
        .iter()
        .filter(|&&(_, _, value_start, _)| {
            text[value_start..].starts_with('\n') || value_start == text.len()
        })
        .count();
    if starts.len() < 3 && !(starts.len() == 2 && alone == 2) {
        return Vec::new();
    }
    let mut fields = Vec::new();
    for (i, &(line, key, value_start, _)) in starts.iter().enumerate() {
        let end = starts
            .get(i + 1)
            .map_or(text.len(), |&(_, _, _, line_start)| line_start);
        fields.push(Field {
            key,
            line,
            value: value_start.min(end)..end,
        });
    }
    fields
}

/// The text of a field's value, trimmed.
pub fn value<'a>(text: &'a str, field: &Field) -> &'a str {
    text.get(field.value.clone()).unwrap_or("").trim()
}

/// The text with the values of the follow-up fields blanked (same length, so offsets hold).
pub fn without_follow_up(text: &str) -> String {
    let mut out = text.to_owned();
    for f in read(text) {
        if FOLLOW_UP.contains(&f.key) {
            let blank: String = text[f.value.clone()]
                .chars()
                .map(|c| {
                    if c == '\n' {
                        "\n".to_owned()
                    } else {
                        " ".repeat(c.len_utf8())
                    }
                })
                .collect();
            out.replace_range(f.value.clone(), &blank);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copied_table_gets_its_separators_back() {
        let page = "Moties\nDatum3/4/2020\nTitelMotie over bankjes\nStatusVerworpen\nToelichtingHet college wordt verzocht";
        let fixed = unglue(page).expect("a copied register");
        assert!(fixed.contains("\nDatum: 3/4/2020\n"));
        assert!(fixed.contains("\nTitel: Motie over bankjes\n"));
        assert!(fixed.contains("\nStatus: Verworpen\n"));
        // Prose that starts with a field's name now and then is left alone.
        assert_eq!(unglue("Status quo.\nTitelblad\nDatum onbekend"), None);
    }

    #[test]
    fn fields_hold_the_text_up_to_the_next_field() {
        let page = "Bankjes\nTitel\nMotie over bankjes\nStatus: Aangenomen\nStand van zaken\nBrief van 3 maart 2021.\nNog een regel.\nDatum afdoening\n";
        let fields = read(page);
        let keys: Vec<_> = fields.iter().map(|f| f.key).collect();
        assert_eq!(
            keys,
            ["Titel", "Status", "Stand van zaken", "Datum afdoening"]
        );
        assert_eq!(value(page, &fields[0]), "Motie over bankjes");
        assert_eq!(value(page, &fields[1]), "Aangenomen");
        assert_eq!(
            value(page, &fields[2]),
            "Brief van 3 maart 2021.\nNog een regel."
        );
        let blanked = without_follow_up(page);
        assert_eq!(blanked.len(), page.len());
        assert!(!blanked.contains("3 maart") && blanked.contains("Motie over bankjes"));
        assert!(
            read("Titel: een\nTekst").is_empty(),
            "fewer than three fields"
        );
        assert!(
            read("Status: x\nTitel: y").is_empty(),
            "two on lines of prose"
        );
        assert_eq!(read("Toezegging\nDoen\nStand van zaken\nGedaan").len(), 2);
    }
}
