//! Talking to the registers over HTTP: one client with its pace, retries, size limits and
//! allowed destinations ([`http`]), and the small pieces every plan of requests uses. A leaf:
//! it knows nothing of the archive or of any register.

pub mod http;

/// Most pages of one listing followed: a register that keeps saying "there is more" is
/// stopped here with an error instead of looping for ever.
pub(crate) const MAX_PAGES: usize = 10_000;

/// Percent-encodes a query value.
pub(crate) fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
