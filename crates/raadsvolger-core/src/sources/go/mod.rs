//! GemeenteOplossingen: each council's own installation, its JSON API (v1 or v2: committees,
//! meetings with their agenda items and documents), and the meeting pages of its older sites.
//! `plan.rs` asks, `reader.rs` reads the API's answers, `pages.rs` the pages.

pub mod pages;
mod plan;
pub mod reader;

use std::collections::BTreeMap;

use super::{Answer, Batch, Room};
use crate::error::Result;
use crate::extract::notation::PartyNames;
use crate::model::system::System;
use crate::sources::Run;

pub struct GemeenteOplossingen;

impl Room for GemeenteOplossingen {
    fn system(&self) -> System {
        System::Go
    }

    fn recognises(&self, answer: &Answer) -> bool {
        match answer {
            Answer::Json(v) => reader::recognises(v),
            Answer::Html(text) => pages::recognises(text),
            Answer::Xml(_) => false,
        }
    }

    fn read(&self, answer: &Answer, _: &PartyNames, _: &BTreeMap<String, String>) -> Batch {
        match answer {
            Answer::Json(v) => reader::read(v),
            Answer::Html(text) => pages::read(text),
            Answer::Xml(_) => Batch::default(),
        }
    }

    fn sync(&self, run: &mut Run<'_>) -> Result<()> {
        plan::run(run)
    }
}
