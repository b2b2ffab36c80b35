//! Extraction from Dutch council text: dates, deadlines, parties, votes and commitments.

pub mod answers;
pub mod commitments;
pub mod dates;
pub mod deadlines;
pub mod decisions;
pub mod parties;
pub mod promises;
pub mod register_entries;
pub mod vote_lists;
pub mod votes;
