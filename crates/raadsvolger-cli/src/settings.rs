//! `raadsvolger settings`: the council's own settings (name, recess dates, "nadert" days).

use anyhow::{Context, Result};
use clap::Subcommand;
use raadsvolger_core::Archive;
use raadsvolger_core::settings::Recess;

use crate::output::print_json;

#[derive(Subcommand, Clone)]
pub enum SettingsAction {
    /// Change settings (what is not given stays)
    Set {
        /// The council's name
        #[arg(long)]
        council_name: Option<String>,
        /// Days before a deadline that it counts as approaching
        #[arg(long, value_name = "DAYS")]
        due_soon_days: Option<i64>,
        /// A recess: NAME=MM-DD..MM-DD (zomerreces=07-11..08-23); repeat for more
        #[arg(long, value_name = "NAME=START..END")]
        recess: Vec<String>,
        /// Forget a recess (back to the default dates)
        #[arg(long, value_name = "NAME")]
        clear_recess: Vec<String>,
    },
}

fn parse_recess(s: &str) -> Result<Recess> {
    let (name, range) = s
        .split_once('=')
        .with_context(|| format!("--recess {s:?}: use NAME=MM-DD..MM-DD"))?;
    let (start, end) = range
        .split_once("..")
        .with_context(|| format!("--recess {s:?}: use NAME=MM-DD..MM-DD"))?;
    Ok(Recess {
        name: name.trim().to_lowercase(),
        start: start.trim().into(),
        end: end.trim().into(),
    })
}

pub fn settings(archive: &Archive, action: Option<SettingsAction>, json: bool) -> Result<()> {
    let mut s = archive.council_settings()?;
    if let Some(SettingsAction::Set {
        council_name,
        due_soon_days,
        recess,
        clear_recess,
    }) = action
    {
        if let Some(n) = council_name {
            s.council_name = Some(n);
        }
        if let Some(d) = due_soon_days {
            s.due_soon_days = d;
        }
        for name in clear_recess {
            s.recesses
                .retain(|r| !r.name.eq_ignore_ascii_case(name.trim()));
        }
        for r in recess {
            let r = parse_recess(&r)?;
            s.recesses.retain(|x| !x.name.eq_ignore_ascii_case(&r.name));
            s.recesses.push(r);
        }
        s = archive.set_council_settings(&s)?;
    }
    if json {
        return print_json(&s);
    }
    println!(
        "council: {}",
        s.council_name.as_deref().unwrap_or("(not set)")
    );
    println!("a deadline approaches {} days ahead", s.due_soon_days);
    if s.recesses.is_empty() {
        println!("recesses: the default dates");
    }
    for r in &s.recesses {
        println!("{}: {} to {}", r.name, r.start, r.end);
    }
    Ok(())
}
