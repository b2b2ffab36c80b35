//! Parlaeus: a council's open-data endpoint (agendas with their points).
//! `plan.rs` asks, `reader.rs` reads.

mod plan;
pub mod reader;

use super::JsonRoom;
use crate::model::system::System;

pub(crate) const ROOM: JsonRoom = JsonRoom {
    system: System::Parlaeus,
    recognises: reader::recognises,
    read: |v, _| reader::read(v),
    plan: plan::run,
};
