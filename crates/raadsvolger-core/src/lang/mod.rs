//! The languages Raadsvolger reads. A leaf: search, extraction and the word lists all take
//! their folding and stemming from here, so a word is read the same way everywhere.

pub mod nl;
