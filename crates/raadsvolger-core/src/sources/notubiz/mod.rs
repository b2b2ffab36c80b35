//! NotuBiz: an organisation's meetings (events, gremia) and module items (motions,
//! amendments, toezeggingen), JSON.
//! `plan.rs` asks, `reader.rs` reads.

mod plan;
pub mod reader;

use super::JsonRoom;
use crate::model::system::System;

pub(crate) const ROOM: JsonRoom = JsonRoom {
    system: System::Notubiz,
    recognises: reader::recognises,
    read: reader::read,
    plan: plan::run,
};
