//! A Dutch word list and the compounds it splits.
//!
//! Dutch writes compounds as one word ("bestemmingsplan", "zorgcoördinator",
//! "mensenhandelbeleid"). A word is split only into parts that are themselves words of the list,
//! with the linking sounds -s-, -e- and -en- between them ("bestemming|s|plan",
//! "mens|en|handel|beleid"), so a query for a part finds the compound while a word that merely
//! ends in another word does not: "promotie" is no compound of "motie", nor "behandeling" of
//! "handel". The rules that keep derivations apart are rules of Dutch:
//! - a part has at least [`MIN_PART`] letters, which leaves out the bound prefixes (be-, ge-,
//!   ver-, ont-, her-, mis-, pro-) and the short particles (aan-, op-, af-, uit-, toe-);
//! - a head is never one of the longer particles and prepositions that make particle verbs and
//!   their nouns ("voor|stel", "onder|zoek", "over|leg"): see [`is_particle`];
//! - a tail is never a derivational ending that happens to be a word ("-heid", "-baar", "-ling",
//!   "-lijk"), nor a particle ("daar|voor"): see [`is_suffix`];
//! - a head is never a bound prefix plus two letters or fewer ("gesp", "verg");
//! - each part is found in its place (head or tail) in the list's own compounds, and on each
//!   boundary one side makes at least [`PRODUCTIVE`] of them: "gemeente|raad" and
//!   "zorg|coördinator" split, "amen|dement" and "gesp|rekken" do not.
//!
//! The list is the system's Hunspell Dutch dictionary (Debian's `hunspell-nl`, from OpenTaal):
//! its stems, folded like the index folds words, and the Dutch stems of those, so that a tail in
//! the plural ("bestemmingsplannen") is still a word. It is held as one FST map (about a
//! megabyte), read once per process. Building the map takes a second or more, so it is built
//! once and cached on disk under a key of the list's content and of this code
//! ([`Lexicon::load_cached`]); reading it back takes milliseconds. Without a list nothing is
//! split, and a log line says so.
//! The list is part of the index's analysis: [`Lexicon::fingerprint`] changes with its content.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use tantivy::tokenizer::TokenStream;
use tantivy_fst::Map;

/// Where the Dutch word list is looked for, in order; `RAADSVOLGER_WORDLIST` (a path, or empty
/// for none) goes first.
const SYSTEM_LISTS: &[&str] = &[
    "/usr/share/hunspell/nl_NL.dic",
    "/usr/share/hunspell/nl.dic",
    "/usr/share/myspell/nl_NL.dic",
    "/usr/share/myspell/dicts/nl_NL.dic",
];
pub const WORDLIST_ENV: &str = "RAADSVOLGER_WORDLIST";

/// Where built maps are cached: `RAADSVOLGER_CACHE_DIR` (a folder, or empty for no cache),
/// else `raadsvolger` in the platform's cache folder.
pub const CACHE_ENV: &str = "RAADSVOLGER_CACHE_DIR";
/// Bump when [`Lexicon::build`] makes another map of the same list. The cache key also holds a
/// hash of this file's and the analysis's source (see [`cache_key`]), so a forgotten bump
/// costs a rebuild, never a stale map.
const LEXICON_VERSION: u32 = 1;

/// Each part of a compound has at least this many letters.
pub const MIN_PART: usize = 4;
/// A tail that is a word only through its stem (a plural: "plannen") is at least this long.
const MIN_STEMMED_TAIL: usize = 5;
/// Words split into more parts than this are left whole (junk or chemistry).
const MAX_PARTS: usize = 5;
/// The linking sounds between two parts.
const LINKS: [&str; 4] = ["", "s", "en", "e"];
/// The same, in the order the list's compounds are read with (a linking sound first).
const COUNTED_LINKS: [&str; 4] = ["s", "en", "e", ""];

/// Flags of a key in the map: a listed word; the stem of one; a word that heads a listed
/// compound (`HEAD`), or [`PRODUCTIVE`] of them (`MANY_HEAD`); one that ends a listed compound
/// (`TAIL`), or as many (`MANY_TAIL`); the tail flags go to the stems of those words too.
const WORD: u64 = 1;
const STEM: u64 = 2;
const HEAD: u64 = 4;
const MANY_HEAD: u64 = 8;
const TAIL: u64 = 16;
const MANY_TAIL: u64 = 32;
/// Where a word is found to start or end this many of the list's own compounds ("raad":
/// "gemeenteraad", "jeugdraad", "adviesraad", ...), one such compound of the other part
/// suffices ("coördinator" ends only a few listed ones, "zorg" heads dozens). Short words that
/// start or end a word or two by accident ("amen|dement") make no compound.
const PRODUCTIVE: u32 = 3;

/// What a boundary between two productive parts weighs against part lengths in [`Lexicon::split`].
const STRONG_BOUNDARY: isize = 10_000;

/// Bound prefixes: a head that is one of these plus at most two letters ("gesp", "verg",
/// "vers") is a fragment of a derived word ("ge|sprek", "ver|gadering"), however often the
/// list's participles and verbs seem to start with it.
const PREFIXES: [&str; 6] = ["ge", "be", "ver", "ont", "her", "er"];

fn is_prefix_fragment(head: &str) -> bool {
    PREFIXES
        .iter()
        .any(|p| head.starts_with(p) && head.len() <= p.len() + 2)
}

/// The longer particles and prepositions: as the head of a word they make a particle verb or
/// its noun ("voorstel", "onderzoek", "overeenkomst", "tegenstelling"), not a compound whose
/// tail is the word.
pub fn is_particle(head: &str) -> bool {
    matches!(
        head,
        "over"
            | "voor"
            | "door"
            | "onder"
            | "tegen"
            | "achter"
            | "terug"
            | "samen"
            | "mede"
            | "weder"
            | "boven"
            | "beneden"
            | "binnen"
            | "buiten"
            | "tussen"
            | "langs"
            | "rond"
            | "zonder"
            | "omver"
    )
}

/// Derivational and inflectional endings that are words too ("heid" heath, "baar" bar,
/// "ling", "lijk" corpse, "eren" to honour, "rijk" realm): as a tail they make a derivation.
/// So do the particles ("daar|voor", "waar|over").
pub fn is_suffix(tail: &str) -> bool {
    is_particle(tail)
        || matches!(
            tail,
            "heid"
                | "rijk"
                | "rijke"
                | "sten"
                | "teren"
                | "heden"
                | "baar"
                | "bare"
                | "loos"
                | "loze"
                | "ling"
                | "lingen"
                | "lijk"
                | "lijke"
                | "lijken"
                | "ster"
                | "sters"
                | "eren"
                | "erij"
                | "zaam"
                | "zame"
                | "schap"
                | "achtig"
                | "achtige"
                | "tien"
                | "ende"
                | "isme"
        )
}

/// The Dutch word list: folded words and their stems.
pub struct Lexicon {
    map: Option<Map<Vec<u8>>>,
    fingerprint: String,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("words", &self.map.as_ref().map_or(0, |m| m.len()))
            .field("fingerprint", &self.fingerprint)
            .finish()
    }
}

impl Lexicon {
    /// No word list: nothing is split.
    pub fn empty() -> Lexicon {
        Lexicon {
            map: None,
            fingerprint: "none".into(),
        }
    }

    /// A word list in Hunspell `.dic` form (a count on the first line, then `word/FLAGS` per
    /// line; the flags are ignored) or one word a line. Names, and entries that fold to anything
    /// but the letters a-z (abbreviations with digits, multi-word entries), are left out.
    pub fn from_dic(text: &str) -> Lexicon {
        Lexicon::with_map(Lexicon::build(text), &list_hash(text))
    }

    /// A lexicon over a built map, named by the hash of the list it was built from.
    fn with_map(map: Result<Map<Vec<u8>>, tantivy_fst::Error>, hash: &blake3::Hash) -> Lexicon {
        match map {
            Ok(map) => Lexicon {
                fingerprint: format!("{} words, blake3 {}", map.len(), &hash.to_hex()[..16]),
                map: Some(map),
            },
            Err(e) => {
                tracing::warn!(error = %e, "word list unusable: compounds are not split");
                Lexicon::empty()
            }
        }
    }

    fn build(text: &str) -> Result<Map<Vec<u8>>, tantivy_fst::Error> {
        let mut analyzer = crate::lang::nl::base_analyzer();
        let mut keys: BTreeMap<String, u64> = BTreeMap::new();
        let stemmer = crate::lang::nl::stemmer();
        for line in text.lines() {
            let entry = line.split('/').next().unwrap_or("").trim();
            // Names (capitalised) are no parts of common compounds, and short ones ("Elbe",
            // "Ede") would cut words apart.
            if entry.is_empty()
                || entry.contains(char::is_whitespace)
                || entry.starts_with(char::is_uppercase)
            {
                continue;
            }
            let mut stream = analyzer.token_stream(entry);
            let Some(word) = stream.next().map(|t| t.text.clone()) else {
                continue;
            };
            if stream.next().is_some() || !word.bytes().all(|b| b.is_ascii_lowercase()) {
                continue;
            }
            if word.len() >= MIN_PART {
                *keys
                    .entry(crate::lang::nl::stem_with(&stemmer, &word))
                    .or_default() |= STEM;
            }
            *keys.entry(word).or_default() |= WORD;
        }
        // Which words the list's own compounds are made of, and in which place. At each
        // boundary the linking sound is taken when there is one ("gezin|s|leden", not
        // "gezin|sleden").
        let words: std::collections::HashSet<&str> = keys
            .iter()
            .filter(|(k, f)| *f & WORD != 0 && k.len() >= MIN_PART)
            .map(|(k, _)| k.as_str())
            .collect();
        let mut heads: std::collections::HashMap<&str, u32> = Default::default();
        let mut tails: std::collections::HashMap<&str, u32> = Default::default();
        for w in &words {
            if w.len() < 2 * MIN_PART {
                continue;
            }
            for e in MIN_PART..=w.len() - MIN_PART {
                let head = &w[..e];
                if !words.contains(head) || is_particle(head) || is_prefix_fragment(head) {
                    continue;
                }
                let tail = COUNTED_LINKS.iter().find_map(|link| {
                    let tail = w[e..].strip_prefix(link)?;
                    (tail.len() >= MIN_PART && words.contains(tail) && !is_suffix(tail))
                        .then_some(tail)
                });
                if let Some(tail) = tail {
                    *heads.entry(head).or_default() += 1;
                    *tails.entry(tail).or_default() += 1;
                }
            }
        }
        let mut found: Vec<(String, u64)> = Vec::new();
        let many = |n: u32, one: u64, lots: u64| if n >= PRODUCTIVE { one | lots } else { one };
        for (head, n) in heads {
            found.push((head.to_owned(), many(n, HEAD, MANY_HEAD)));
        }
        for (tail, n) in tails {
            let flags = many(n, TAIL, MANY_TAIL);
            found.push((tail.to_owned(), flags));
            found.push((crate::lang::nl::stem_with(&stemmer, tail), flags));
        }
        for (key, flag) in found {
            *keys.entry(key).or_default() |= flag;
        }
        Map::from_iter(keys)
    }

    /// Reads a word list from a file, building its map (slow: a second or more for the
    /// system's list in a debug build).
    pub fn load(path: &Path) -> std::io::Result<Lexicon> {
        let bytes = std::fs::read(path)?;
        Ok(Lexicon::from_dic(&String::from_utf8_lossy(&bytes)))
    }

    /// [`Lexicon::load`] through a cache of built maps in `cache` (a folder, made when
    /// missing): the map is built once for each list and each version of the code that builds
    /// it (see [`cache_key`]) and read back in milliseconds afterwards. A cache file that is cut
    /// short or altered fails its checksum or the FST's own checks and is built again; a cache
    /// that cannot be written costs a build per process, nothing more.
    pub fn load_cached(path: &Path, cache: Option<&Path>) -> std::io::Result<(Lexicon, Origin)> {
        let bytes = std::fs::read(path)?;
        let text = String::from_utf8_lossy(&bytes);
        let hash = list_hash(&text);
        let Some(cache) = cache else {
            return Ok((
                Lexicon::with_map(Lexicon::build(&text), &hash),
                Origin::BuiltUncached,
            ));
        };
        let file = cache.join(format!("lexicon-{}.fst", &cache_key(&hash).to_hex()[..32]));
        if let Some(map) = read_cached(&file) {
            return Ok((Lexicon::with_map(Ok(map), &hash), Origin::Cache));
        }
        let map = Lexicon::build(&text);
        let origin = match &map {
            Ok(map) => match write_cached(&file, &map.as_fst().to_vec()) {
                Ok(()) => {
                    prune_cache(cache, &file);
                    Origin::Built
                }
                Err(e) => {
                    tracing::debug!(path = %file.display(), error = %e, "word list cache not written");
                    Origin::BuiltUncached
                }
            },
            Err(_) => Origin::BuiltUncached,
        };
        Ok((Lexicon::with_map(map, &hash), origin))
    }

    /// The system's Dutch word list, read once per process (see [`SYSTEM_LISTS`]), its map
    /// cached in the platform's cache folder (see [`cache_dir`]).
    pub fn system() -> Arc<Lexicon> {
        static SYSTEM: OnceLock<Arc<Lexicon>> = OnceLock::new();
        SYSTEM
            .get_or_init(|| {
                let paths: Vec<PathBuf> = match std::env::var_os(WORDLIST_ENV) {
                    Some(p) if p.is_empty() => Vec::new(),
                    Some(p) => vec![PathBuf::from(p)],
                    None => SYSTEM_LISTS.iter().map(PathBuf::from).collect(),
                };
                let cache = cache_dir();
                for path in &paths {
                    if let Ok((lexicon, origin)) = Lexicon::load_cached(path, cache.as_deref()) {
                        if lexicon.is_loaded() {
                            tracing::info!(path = %path.display(), words = %lexicon.fingerprint, ?origin, "Dutch word list read");
                            return Arc::new(lexicon);
                        }
                    }
                }
                tracing::warn!(
                    "no Dutch word list found (install hunspell-nl, or set {WORDLIST_ENV}): \
                     compounds are not split, so \"beleid\" will not find \"mensenhandelbeleid\""
                );
                Arc::new(Lexicon::empty())
            })
            .clone()
    }

    /// Whether a list was read.
    pub fn is_loaded(&self) -> bool {
        self.map.is_some()
    }

    /// Says which list this is: it changes whenever the list's content does.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    fn flags(&self, key: &str) -> u64 {
        self.map.as_ref().and_then(|m| m.get(key)).unwrap_or(0)
    }

    /// The ends `e` (as byte offsets in `word`) where `word[from..e]` heads a listed compound,
    /// with its flags.
    fn heads_from(&self, word: &str, from: usize, out: &mut Vec<(usize, u64)>) {
        out.clear();
        let Some(map) = &self.map else { return };
        let fst = map.as_fst();
        let mut node = fst.root();
        let mut value = tantivy_fst::raw::Output::zero();
        for (i, b) in word.as_bytes()[from..].iter().enumerate() {
            let Some(t) = node.find_input(*b) else { return };
            let t = node.transition(t);
            value = value.cat(t.out);
            node = fst.node(t.addr);
            if node.is_final() {
                let flags = value.cat(node.final_output()).value();
                if flags & HEAD != 0 {
                    out.push((from + i + 1, flags));
                }
            }
        }
    }

    /// The tail flags of a folded word as the last part of a compound (through its stem for
    /// an inflected form: "plannen"), or 0.
    fn tail_flags(&self, tail: &str) -> u64 {
        if tail.len() < MIN_PART || is_suffix(tail) {
            return 0;
        }
        let mut flags = self.flags(tail) & (TAIL | MANY_TAIL);
        if flags == 0 && tail.len() >= MIN_STEMMED_TAIL {
            flags = self.flags(&crate::lang::nl::stem(tail)) & (TAIL | MANY_TAIL);
        }
        flags
    }

    /// The parts of a folded word, as byte ranges of the word without the linking sounds; empty
    /// when it is no compound of listed words. Of all ways to split it, the one with the fewest
    /// parts wins, and among those the one with the longest parts (the sum of their squared
    /// lengths): short listed words ("hand", "leid") do not cut a compound of longer ones
    /// ("mensenhandel|beleid") apart. A part can be a compound itself ("tafelgesprek" in
    /// "ronde|tafelgesprek"): see [`Lexicon::compound_stems`].
    pub fn split(&self, word: &str) -> Vec<(usize, usize)> {
        let n = word.len();
        if self.map.is_none() || n < 2 * MIN_PART || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return Vec::new();
        }
        // best[i]: the best split of word[i..] as (number of parts, minus the sum of squared
        // part lengths, end of the first part, start of the rest, the first part's tail
        // flags), or None when word[i..] can neither be split nor be a tail. Smaller is better.
        type Best = (usize, isize, usize, usize, u64);
        let mut best: Vec<Option<Best>> = vec![None; n + 1];
        let mut ends = Vec::new();
        let consider =
            |i: usize, whole: bool, best: &[Option<Best>], ends: &mut Vec<(usize, u64)>| {
                let mut pick: Option<Best> = None;
                if !whole {
                    let flags = self.tail_flags(&word[i..]);
                    let len = (n - i) as isize;
                    if flags != 0 {
                        pick = Some((1, -len * len, n, n, flags));
                    }
                }
                self.heads_from(word, i, ends);
                for &(e, head_flags) in ends.iter() {
                    let head = &word[i..e];
                    if e - i < MIN_PART || e >= n || is_particle(head) || is_prefix_fragment(head) {
                        continue;
                    }
                    let len = (e - i) as isize;
                    for link in LINKS {
                        if !word[e..].starts_with(link) {
                            continue;
                        }
                        let j = e + link.len();
                        let Some(Some((count, score, _, _, tail))) = best.get(j) else {
                            continue;
                        };
                        // Both sides of the boundary are found in their places in the list's own
                        // compounds, and one of them makes many.
                        if *tail == 0 || (head_flags & MANY_HEAD == 0 && tail & MANY_TAIL == 0) {
                            continue;
                        }
                        // As a later part, the head is a tail of what comes before.
                        let own_tail = self.flags(&word[i..e]) & (TAIL | MANY_TAIL);
                        // A boundary where both sides make many compounds outweighs any lengths
                        // ("raad|s|leden" before "raad|sleden").
                        let strong = if head_flags & MANY_HEAD != 0 && tail & MANY_TAIL != 0 {
                            STRONG_BOUNDARY
                        } else {
                            0
                        };
                        let candidate = (count + 1, score - len * len - strong, e, j, own_tail);
                        if pick.is_none_or(|p| (candidate.0, candidate.1) < (p.0, p.1)) {
                            pick = Some(candidate);
                        }
                    }
                }
                pick
            };
        for i in (1..n).rev() {
            best[i] = consider(i, false, &best, &mut ends);
        }
        // The whole word as one part does not count: take the best split into two or more.
        let first = consider(0, true, &best, &mut ends);
        let Some((count, _, end, next, _)) = first else {
            return Vec::new();
        };
        if count > MAX_PARTS {
            return Vec::new();
        }
        let mut parts = vec![(0, end)];
        let mut at = next;
        while let Some(Some((_, _, end, next, _))) = best.get(at) {
            parts.push((at, *end));
            if *end >= n {
                break;
            }
            at = *next;
        }
        parts
    }

    /// The stems of what a query for part of this folded compound may name: every run of
    /// neighbouring parts short of the whole word, and the parts of each part that is a
    /// compound itself ("mensenhandel", "mens", "handel", "beleid" for "mensenhandelbeleid"),
    /// stemmed, without repeats.
    pub fn compound_stems(&self, word: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        self.collect_stems(word, &mut out, 0);
        out
    }

    fn collect_stems(&self, word: &str, out: &mut Vec<String>, depth: usize) {
        let parts = self.split(word);
        for a in 0..parts.len() {
            for b in a..parts.len() {
                if a == 0 && b == parts.len() - 1 {
                    continue;
                }
                let run = &word[parts[a].0..parts[b].1];
                let s = crate::lang::nl::stem(run);
                if !out.contains(&s) {
                    out.push(s);
                }
                if a == b && depth < MAX_PARTS {
                    self.collect_stems(run, out, depth + 1);
                }
            }
        }
    }
}

/// Where [`Lexicon::load_cached`] found the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Read from the cache.
    Cache,
    /// Built from the list, and cached.
    Built,
    /// Built from the list; not cached (no cache, or it could not be written).
    BuiltUncached,
}

/// The hash that names a list in the fingerprint.
fn list_hash(text: &str) -> blake3::Hash {
    blake3::hash(text.as_bytes())
}

/// The name of a built map: the list's hash, [`LEXICON_VERSION`], the stemmer, and the source
/// of the code that turns a list into a map (this file, `analysis.rs`, and the folding and
/// stemming in `lang/nl.rs`).
fn cache_key(list: &blake3::Hash) -> blake3::Hash {
    let mut h = blake3::Hasher::new();
    h.update(&LEXICON_VERSION.to_le_bytes());
    h.update(crate::lang::nl::STEMMER.as_bytes());
    for source in [
        include_str!("lexicon.rs"),
        include_str!("analysis.rs"),
        include_str!("../lang/nl.rs"),
    ] {
        h.update(blake3::hash(source.as_bytes()).as_bytes());
    }
    h.update(list.as_bytes());
    h.finalize()
}

/// The cache folder (see [`CACHE_ENV`]); `None` for no cache.
pub fn cache_dir() -> Option<PathBuf> {
    match std::env::var_os(CACHE_ENV) {
        Some(p) if p.is_empty() => None,
        Some(p) => Some(PathBuf::from(p)),
        None => dirs::cache_dir().map(|d| d.join("raadsvolger")),
    }
}

/// Length of the checksum after the FST's bytes in a cache file.
const CHECKSUM: usize = 32;

/// A cached map, when the file is there and whole: its bytes, then their blake3 hash.
fn read_cached(file: &Path) -> Option<Map<Vec<u8>>> {
    let mut bytes = std::fs::read(file).ok()?;
    let split = bytes.len().checked_sub(CHECKSUM)?;
    let sum: [u8; CHECKSUM] = bytes[split..].try_into().ok()?;
    bytes.truncate(split);
    if blake3::hash(&bytes) != blake3::Hash::from(sum) {
        tracing::warn!(path = %file.display(), "word list cache damaged: built again");
        return None;
    }
    match Map::from_bytes(bytes) {
        Ok(map) => Some(map),
        Err(e) => {
            tracing::warn!(path = %file.display(), error = %e, "word list cache unreadable: built again");
            None
        }
    }
}

/// Cache files of other lists or code untouched this long are removed when a new one is written.
const CACHE_KEPT: std::time::Duration = std::time::Duration::from_secs(7 * 24 * 3600);

/// Removes the cache files other than `keep` written longer than [`CACHE_KEPT`] ago: each
/// upgrade of the list or the code leaves one behind. Best effort.
fn prune_cache(cache: &Path, keep: &Path) {
    let Ok(entries) = std::fs::read_dir(cache) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let ours = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("lexicon-") && n.ends_with(".fst"));
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > CACHE_KEPT);
        if ours && old && path != keep {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Writes a cache file whole or not at all (a temporary file renamed into place), so that
/// processes starting together never read half a file.
fn write_cached(file: &Path, fst: &[u8]) -> std::io::Result<()> {
    let dir = file
        .parent()
        .ok_or_else(|| std::io::Error::other("cache file without a folder"))?;
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        file.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("lexicon"),
        std::process::id()
    ));
    let mut bytes = Vec::with_capacity(fst.len() + CHECKSUM);
    bytes.extend_from_slice(fst);
    bytes.extend_from_slice(blake3::hash(fst).as_bytes());
    std::fs::write(&tmp, &bytes)?;
    std::fs::rename(&tmp, file).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Words and the compounds that make them parts, for tests here and in the tokenizer's and
/// the highlighter's: "plan", "beleid", "gesprek", "raad" end three listed compounds or more,
/// "zorg", "mens", "handel", "tafel", "ronde", "gemeente", "slacht" head as many.
#[cfg(test)]
pub(crate) const TEST_LIST: &str = "plan\nplannen\nwoon\nwoonplan\nhuur\nhuurplan\nbestemmingsplan\n\
    zorg\nzorgplan\nvraag\nzorgvraag\nbeleid\nzorgbeleid\njeugd\njeugdbeleid\nwoonbeleid\n\
    coördinator\nproject\nprojectcoördinator\nmens\nrecht\nmensenrecht\nkennis\n\
    mensenkennis\nwerk\nmensenwerk\nhandel\nwaar\nhandelswaar\nmerk\nhandelsmerk\n\
    handelsbeleid\nzwart\nzwarthandel\ntafel\nkleed\ntafelkleed\npoot\ntafelpoot\ngesprek\ntafelgesprek\n\
    kring\nkringgesprek\nvideo\nvideogesprek\nronde\nrondetafel\ndans\nrondedans\nklok\n\
    rondeklok\nrondetafelgesprek\nhuis\ngemeentehuis\nwet\ngemeentewet\nraad\n\
    gemeenteraad\njeugdraad\nadvies\nadviesraad\nslacht\nslachthuis\nbank\nslachtbank\n\
    offer\nslachtoffer\nzoen\nzoenoffer\nproblematiek\njeugdproblematiek\n";

#[cfg(test)]
mod tests {
    use super::*;

    /// A small list in `.dic` form, with the traps of the real one: bound prefixes and
    /// particles listed as words ("pro", "mis", "ver", "ge", "voor"), tails that are endings,
    /// a name, and short words inside longer ones ("hand", "leid").
    fn small() -> Lexicon {
        Lexicon::from_dic(&format!(
            "40\n{TEST_LIST}motie/CeCc\npromotie/Za\npro/Zc\npromo\nhandeling/Zb\n\
             behandeling\nmishandeling\nmis/S2\nbe\nver/Ad\nanderen/Ca\nveranderen\nge\n\
             gebied/V3\nbied/Ca\nbieden\nvoor\nstel\nvriendelijk\nheid\ngemeente\nmenen\n\
             hand\nleid\nElbe\n16 metergebied\n€10-biljet/Ze\ngesp\nrekken\nwinkelrekken\n\
             winkel\nbestemming\nbestemmingswijziging\nwijziging\nbestemmingsgebied\n"
        ))
    }

    fn parts(lex: &Lexicon, w: &str) -> Vec<String> {
        lex.split(w)
            .into_iter()
            .map(|(a, b)| w[a..b].to_owned())
            .collect()
    }

    #[test]
    fn splits_compounds_of_listed_words_with_linking_sounds() {
        let lex = small();
        assert_eq!(parts(&lex, "bestemmingsplan"), ["bestemming", "plan"]);
        assert_eq!(parts(&lex, "bestemmingsplannen"), ["bestemming", "plannen"]);
        assert_eq!(
            parts(&lex, "mensenhandelbeleid"),
            ["mens", "handel", "beleid"]
        );
        // A listed compound is one part of a longer one, and is split in turn.
        assert_eq!(parts(&lex, "rondetafelgesprek"), ["ronde", "tafelgesprek"]);
        assert_eq!(parts(&lex, "zorgcoordinator"), ["zorg", "coordinator"]);
        assert_eq!(parts(&lex, "gemeenteraad"), ["gemeente", "raad"]);
        assert_eq!(parts(&lex, "slachtoffers"), ["slacht", "offers"]);
    }

    #[test]
    fn leaves_derivations_whole() {
        let lex = small();
        for word in [
            "promotie",
            "behandeling",
            "mishandeling",
            "veranderen",
            "gebied",
            "voorstel",
            "vriendelijkheid",
            "gemeente",
            "gesprekken",
            "motie",
            "handelx",
            "handelelbe",
        ] {
            assert_eq!(parts(&lex, word), Vec::<String>::new(), "{word}");
        }
    }

    #[test]
    fn compound_stems_are_every_run_of_parts_short_of_the_whole() {
        let lex = small();
        let stems = lex.compound_stems("mensenhandelbeleid");
        for want in ["mensenhandel", "handel", "beleid", "handelbeleid"] {
            assert!(
                stems.contains(&crate::lang::nl::stem(want)),
                "{want}: {stems:?}"
            );
        }
        assert!(!stems.contains(&"mensenhandelbeleid".to_owned()));
        // Short listed words do not cut longer parts apart ("hand|elbe|leid").
        assert!(
            !stems.iter().any(|s| s == "hand" || s == "leid"),
            "{stems:?}"
        );
        let round = lex.compound_stems("rondetafelgesprek");
        for want in ["ronde", "tafelgesprek", "tafel", "gesprek"] {
            assert!(
                round.contains(&crate::lang::nl::stem(want)),
                "{want}: {round:?}"
            );
        }
        assert!(
            lex.compound_stems("bestemmingsplannen")
                .contains(&"plan".to_owned())
        );
        assert!(lex.compound_stems("promotie").is_empty());
    }

    #[test]
    fn reads_dic_entries_and_skips_the_rest() {
        let lex = small();
        assert_ne!(lex.flags("motie") & WORD, 0);
        assert_ne!(lex.flags("coordinator") & WORD, 0, "folded like the index");
        assert_eq!(lex.flags("40"), 0, "the count line");
        assert_eq!(lex.flags("metergebied"), 0, "a multi-word entry");
        assert_eq!(lex.flags("biljet"), 0, "an entry with digits");
        assert_eq!(lex.flags("elbe"), 0, "a name");
        assert_ne!(lex.flags("plan") & STEM, 0, "stems of listed words");
    }

    #[test]
    fn without_a_list_nothing_is_split_and_the_fingerprint_tells_lists_apart() {
        let none = Lexicon::empty();
        assert!(!none.is_loaded());
        assert!(none.split("mensenhandelbeleid").is_empty());
        let a = Lexicon::from_dic("motie\nhandel\n");
        let b = Lexicon::from_dic("motie\nhandel\nbeleid\n");
        assert_ne!(a.fingerprint(), b.fingerprint());
        assert_eq!(
            a.fingerprint(),
            Lexicon::from_dic("motie\nhandel\n").fingerprint()
        );
        assert_ne!(none.fingerprint(), a.fingerprint());
    }

    fn list_file(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write list");
        path
    }

    fn cache_files(cache: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(cache)
            .expect("cache dir")
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        files
    }

    #[test]
    fn the_map_is_built_once_then_read_from_the_cache() {
        let dir = tempfile::tempdir().expect("tempdir");
        let list = list_file(dir.path(), "nl.dic", TEST_LIST);
        let cache = dir.path().join("cache");
        let (built, origin) = Lexicon::load_cached(&list, Some(&cache)).expect("load");
        assert_eq!(origin, Origin::Built);
        let files = cache_files(&cache);
        assert_eq!(files.len(), 1, "{files:?}");
        let (cached, origin) = Lexicon::load_cached(&list, Some(&cache)).expect("reload");
        assert_eq!(origin, Origin::Cache);
        // The same map, the same fingerprint as a map built in memory.
        let fresh = Lexicon::from_dic(TEST_LIST);
        assert_eq!(cached.fingerprint(), fresh.fingerprint());
        assert_eq!(built.fingerprint(), fresh.fingerprint());
        for word in ["mensenhandelbeleid", "rondetafelgesprek", "zorgcoordinator"] {
            assert!(!fresh.split(word).is_empty(), "{word}");
            assert_eq!(cached.split(word), fresh.split(word), "{word}");
        }
        // Without a cache the list is built every time.
        let (_, origin) = Lexicon::load_cached(&list, None).expect("load");
        assert_eq!(origin, Origin::BuiltUncached);
    }

    #[test]
    fn another_list_is_another_cache_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = dir.path().join("cache");
        let a = list_file(dir.path(), "a.dic", TEST_LIST);
        let b = list_file(
            dir.path(),
            "b.dic",
            &format!(
                "{TEST_LIST}extra
"
            ),
        );
        let (la, _) = Lexicon::load_cached(&a, Some(&cache)).expect("a");
        let (lb, origin) = Lexicon::load_cached(&b, Some(&cache)).expect("b");
        assert_eq!(origin, Origin::Built, "b is not served a's map");
        assert_ne!(la.fingerprint(), lb.fingerprint());
        assert_eq!(cache_files(&cache).len(), 2, "recent files are kept");
        for (path, lex) in [(&a, &la), (&b, &lb)] {
            let (again, origin) = Lexicon::load_cached(path, Some(&cache)).expect("again");
            assert_eq!(origin, Origin::Cache);
            assert_eq!(again.fingerprint(), lex.fingerprint());
        }
    }

    #[test]
    fn old_cache_files_of_other_lists_are_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = dir.path().join("cache");
        std::fs::create_dir_all(&cache).expect("cache dir");
        let old = std::time::SystemTime::now() - CACHE_KEPT - std::time::Duration::from_secs(60);
        let stale = cache.join("lexicon-0000.fst");
        let unrelated = cache.join("other.fst");
        for path in [&stale, &unrelated] {
            let file = std::fs::File::create(path).expect("create");
            file.set_modified(old).expect("age it");
        }
        let list = list_file(dir.path(), "nl.dic", TEST_LIST);
        let (_, origin) = Lexicon::load_cached(&list, Some(&cache)).expect("load");
        assert_eq!(origin, Origin::Built);
        let files = cache_files(&cache);
        assert!(!files.contains(&stale), "{files:?}");
        assert!(files.contains(&unrelated), "not ours: {files:?}");
        assert_eq!(files.len(), 2, "{files:?}");
    }

    #[test]
    fn a_damaged_cache_file_is_built_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let list = list_file(dir.path(), "nl.dic", TEST_LIST);
        let cache = dir.path().join("cache");
        Lexicon::load_cached(&list, Some(&cache)).expect("load");
        let file = cache_files(&cache).remove(0);
        let whole = std::fs::read(&file).expect("read cache");
        let mut flipped = whole.clone();
        flipped[whole.len() / 2] ^= 0x40;
        // A bad FST under a checksum that fits it: the FST's own checks refuse it.
        let mut forged = b"no fst at all".to_vec();
        forged.extend_from_slice(blake3::hash(b"no fst at all").as_bytes());
        for damaged in [
            flipped,
            whole[..whole.len() - 1].to_vec(),
            whole[..10].to_vec(),
            Vec::new(),
            forged,
        ] {
            std::fs::write(&file, &damaged).expect("damage");
            let (lex, origin) = Lexicon::load_cached(&list, Some(&cache)).expect("load");
            assert_eq!(
                origin,
                Origin::Built,
                "damaged file of {} bytes",
                damaged.len()
            );
            assert_eq!(
                lex.fingerprint(),
                Lexicon::from_dic(TEST_LIST).fingerprint()
            );
            assert_eq!(std::fs::read(&file).expect("read"), whole, "repaired");
        }
    }

    #[test]
    fn a_cache_that_cannot_be_written_still_gives_the_list() {
        let dir = tempfile::tempdir().expect("tempdir");
        let list = list_file(dir.path(), "nl.dic", TEST_LIST);
        // A file where the cache folder should be.
        let cache = list_file(dir.path(), "not-a-folder", "");
        let (lex, origin) = Lexicon::load_cached(&list, Some(&cache)).expect("load");
        assert_eq!(origin, Origin::BuiltUncached);
        assert!(lex.is_loaded());
        assert!(!lex.split("mensenhandelbeleid").is_empty());
    }

    /// The real list, where it is installed (scripts/setup.sh installs it).
    #[test]
    fn the_system_list_splits_council_compounds() {
        let lex = Lexicon::system();
        if !lex.is_loaded() {
            eprintln!("no system word list: skipped");
            return;
        }
        let has = |word: &str, part: &str| {
            lex.compound_stems(word)
                .contains(&crate::lang::nl::stem(part))
        };
        for (word, part) in [
            ("mensenhandelbeleid", "mensenhandel"),
            ("rondetafelgesprek", "tafelgesprek"),
            ("mensenhandelproblematiek", "problematiek"),
            ("zorgcoordinator", "coordinator"),
            ("bestemmingsplannen", "plan"),
            ("gemeenteraad", "raad"),
            ("verkeersveiligheid", "veiligheid"),
            ("raadsleden", "leden"),
        ] {
            assert!(has(word, part), "{word} / {part}: {:?}", lex.split(word));
        }
        for (word, part) in [
            ("promotie", "motie"),
            ("behandeling", "handel"),
            ("mishandeling", "handel"),
            ("veranderen", "anderen"),
            ("gebied", "bied"),
            ("voorstel", "stel"),
            ("onderzoek", "zoek"),
            ("termijn", "mijn"),
            ("vriendelijkheid", "heid"),
            ("gesprekken", "rekken"),
            ("vergadering", "adering"),
            ("daarvoor", "voor"),
            ("raadsleden", "sleden"),
        ] {
            assert!(!has(word, part), "{word} / {part}: {:?}", lex.split(word));
        }
    }
}
