//! Extraction from Dutch council text: dates, deadlines, parties (and, built on these, motions,
//! votes and commitments).

pub mod dates;
pub mod parties;
