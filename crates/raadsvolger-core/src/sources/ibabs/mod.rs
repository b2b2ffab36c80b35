//! iBabs: a site's public SOAP API (lists and their entries with per-member votes, meeting
//! types, meetings with their items). `plan.rs` asks, `reader.rs` reads.

mod plan;
pub mod reader;

use std::collections::BTreeMap;

pub use reader::{Answer as Exchange, Linking, answer_of, link};

use super::{Answer, Batch, Room};
use crate::error::Result;
use crate::extract::notation::PartyNames;
use crate::model::system::System;
use crate::sources::Run;

pub struct Ibabs;

impl Room for Ibabs {
    fn system(&self) -> System {
        System::Ibabs
    }

    fn recognises(&self, answer: &Answer) -> bool {
        matches!(answer, Answer::Xml(root) if reader::recognises(root))
    }

    fn read(
        &self,
        answer: &Answer,
        names: &PartyNames,
        masters: &BTreeMap<String, String>,
    ) -> Batch {
        match answer {
            Answer::Xml(root) => reader::read_linked(root, names, masters),
            _ => Batch::default(),
        }
    }

    fn sync(&self, run: &mut Run<'_>) -> Result<()> {
        plan::run(run)
    }
}
