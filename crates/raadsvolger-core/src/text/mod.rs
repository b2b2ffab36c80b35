//! Text in and out of markup: HTML escaping, an XML element tree, and the named fields of a
//! register entry copied from a portal. A leaf: it needs only the error type and the time
//! budget.

pub mod fields;
pub mod html;
pub mod xml;
