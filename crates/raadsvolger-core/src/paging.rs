//! Pages of long lists (the timeline, motions, commitments): the whole list is filtered and
//! ordered first, in a total order (every sort ends on the id), and a page is a window on it,
//! so pages neither repeat nor skip an item however the ties fall.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::lang::nl::plain;

/// At most `limit` items from `offset` on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub offset: usize,
    pub limit: usize,
}

impl Page {
    /// The most one page holds.
    pub const MAX_LIMIT: usize = 1000;

    /// A page of `limit` (1 to [`Page::MAX_LIMIT`]) items from `offset` on.
    pub fn new(offset: usize, limit: usize) -> Result<Page> {
        if limit == 0 || limit > Self::MAX_LIMIT {
            return Err(Error::rule(
                "page-limit",
                limit.to_string(),
                format!("a page holds 1 to {} items, not {limit}", Self::MAX_LIMIT),
            ));
        }
        Ok(Page { offset, limit })
    }

    /// The whole list as one page (the command line's default).
    pub fn all() -> Page {
        Page {
            offset: 0,
            limit: usize::MAX,
        }
    }

    /// This page of `items`, with the number of them all.
    pub fn of<T>(self, items: Vec<T>) -> Paged<T> {
        let total = items.len();
        let items = items
            .into_iter()
            .skip(self.offset)
            .take(self.limit)
            .collect();
        Paged {
            total,
            offset: self.offset,
            items,
        }
    }
}

/// One page of a list, and how many items the whole list (after its filters) has.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paged<T> {
    pub total: usize,
    pub offset: usize,
    pub items: Vec<T>,
}

impl<T> Paged<T> {
    /// True when items follow this page.
    pub fn has_more(&self) -> bool {
        self.offset + self.items.len() < self.total
    }
}

/// True when every word of `typed` occurs in one of `fields` (folded).
pub fn holds_words(typed: &str, fields: &[&str]) -> bool {
    let words: Vec<String> = plain(typed).split_whitespace().map(str::to_owned).collect();
    if words.is_empty() {
        return true;
    }
    let haystack = plain(&fields.join(" "));
    words.iter().all(|w| haystack.contains(w.as_str()))
}

/// Compares as people read: case and accents aside, digits by their value ("23161.002" before
/// "23161.010", "M2" before "M10").
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (a, b) = (plain(a), plain(b));
    let mut x = a.chars().peekable();
    let mut y = b.chars().peekable();
    loop {
        match (x.peek().copied(), y.peek().copied()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let number = |it: &mut std::iter::Peekable<std::str::Chars>| {
                    let mut digits = String::new();
                    while let Some(c) = it.peek().copied().filter(char::is_ascii_digit) {
                        digits.push(c);
                        it.next();
                    }
                    digits.trim_start_matches('0').to_owned()
                };
                let (m, n) = (number(&mut x), number(&mut y));
                let order = m.len().cmp(&n.len()).then_with(|| m.cmp(&n));
                if order != Ordering::Equal {
                    return order;
                }
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(&d);
                }
                x.next();
                y.next();
            }
        }
    }
}

/// Orders two optional values with `cmp`, `ascending` or not; a missing value goes last
/// either way.
pub fn missing_last<T>(
    a: Option<T>,
    b: Option<T>,
    ascending: bool,
    cmp: impl Fn(&T, &T) -> Ordering,
) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) if ascending => cmp(&a, &b),
        (Some(a), Some(b)) => cmp(&b, &a),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_a_window_on_the_whole_list() {
        let page = Page::new(2, 3)
            .expect("a page")
            .of((0..7).collect::<Vec<_>>());
        assert_eq!(page.items, vec![2, 3, 4]);
        assert_eq!(page.total, 7);
        assert!(page.has_more());
        let last = Page::new(6, 3)
            .expect("a page")
            .of((0..7).collect::<Vec<_>>());
        assert_eq!(last.items, vec![6]);
        assert!(!last.has_more());
        let beyond = Page::new(9, 3)
            .expect("a page")
            .of((0..7).collect::<Vec<_>>());
        assert!(beyond.items.is_empty());
        assert_eq!(beyond.total, 7);
        assert_eq!(Page::all().of(vec![1, 2]).items, vec![1, 2]);
    }

    #[test]
    fn a_page_of_nothing_or_too_much_is_refused() {
        for limit in [0, Page::MAX_LIMIT + 1] {
            let error = Page::new(0, limit).expect_err("refused");
            assert_eq!(
                error.params().get("rule").map(String::as_str),
                Some("page-limit")
            );
        }
    }

    #[test]
    fn numbers_compare_by_value_and_words_without_case_or_accents() {
        assert_eq!(natural_cmp("23161.002", "23161.010"), Ordering::Less);
        assert_eq!(natural_cmp("M2", "M10"), Ordering::Less);
        assert_eq!(natural_cmp("m10", "M10"), Ordering::Equal);
        assert_eq!(natural_cmp("Éénrichting", "eenrichting"), Ordering::Equal);
        assert_eq!(natural_cmp("a", "ab"), Ordering::Less);
        assert!(holds_words("coördinator ZORG", &["De zorgcoordinator", ""]));
        assert!(!holds_words("zorg fiets", &["De zorgcoordinator"]));
        assert!(holds_words("  ", &["iets"]));
        assert!(holds_words("een", &["Amendement Één"]));
        assert!(holds_words("pvda 23161", &["23161.010", "CU", "PvdA"]));
        assert_eq!(
            missing_last(None, Some(1), true, |a: &i32, b| a.cmp(b)),
            Ordering::Greater
        );
        assert_eq!(
            missing_last(None, Some(1), false, |a: &i32, b| a.cmp(b)),
            Ordering::Greater
        );
        assert_eq!(
            missing_last(Some(2), Some(1), false, |a: &i32, b| a.cmp(b)),
            Ordering::Less
        );
    }
}
