//! Clause and word boundaries around a byte position.

/// The largest char boundary `<= i`.
pub(super) fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The text from `pos` to the end of its clause (`,`, `;`, `:` or sentence end).
pub(super) fn clause_after(s: &str, pos: usize) -> &str {
    let rest = &s[pos.min(s.len())..];
    let end = rest.find([',', ';', ':', '•']).unwrap_or(rest.len());
    &rest[..end]
}

/// The text from the start of the clause containing `pos` up to `pos`.
pub(super) fn clause_before(s: &str, pos: usize) -> &str {
    let head = &s[..pos.min(s.len())];
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | ':' | '•'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// The word right before `pos` (lowercase), skipping spaces and brackets.
pub(super) fn word_before(s: &str, pos: usize) -> String {
    let head = s[..pos.min(s.len())].trim_end_matches(|c: char| c.is_whitespace() || c == '(');
    let start = head
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == ',')
        .map_or(0, |i| i + 1);
    head[start..].to_lowercase()
}
