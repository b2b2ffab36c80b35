//! Open Raadsinformatie: its Elasticsearch API over many councils' records.
//! `plan.rs` asks, `reader.rs` reads.

mod plan;
pub mod reader;

use super::JsonRoom;
use crate::model::system::System;

pub(crate) const ROOM: JsonRoom = JsonRoom {
    system: System::Ori,
    recognises: reader::recognises,
    read: reader::read,
    plan: plan::run,
};
