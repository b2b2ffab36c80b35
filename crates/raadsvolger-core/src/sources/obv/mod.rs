//! openbesluitvorming: the bulk export of every council it harvests (a snapshot, then a change
//! feed, NDJSON). `plan.rs` asks, `reader.rs` reads line by line. Its answers are not whole
//! documents but streams of records, so they are recognised before the other rooms are asked
//! (see [`super::detect`]) and written with their deletions
//! ([`crate::Archive::write_obv_page`]).

mod plan;
pub mod reader;

use std::collections::BTreeMap;

use super::{Answer, Batch, Room};
use crate::error::Result;
use crate::extract::notation::PartyNames;
use crate::model::system::System;
use crate::sources::Run;

pub struct Openbesluitvorming;

impl Room for Openbesluitvorming {
    fn system(&self) -> System {
        System::Obv
    }

    fn recognises(&self, _: &Answer) -> bool {
        false
    }

    fn read(&self, _: &Answer, _: &PartyNames, _: &BTreeMap<String, String>) -> Batch {
        Batch::default()
    }

    fn sync(&self, run: &mut Run<'_>) -> Result<()> {
        plan::run(run)
    }
}
