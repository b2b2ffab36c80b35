//! The Tweede Kamer: its OData API (cases, decisions with their votes, toezeggingen) and
//! the official publications of motions.
//! `plan.rs` asks, `reader.rs` reads.

mod plan;
pub mod reader;

use super::JsonRoom;
use crate::model::system::System;

pub(crate) const ROOM: JsonRoom = JsonRoom {
    system: System::Tk,
    recognises: reader::recognises,
    read: reader::read,
    plan: plan::run,
};
