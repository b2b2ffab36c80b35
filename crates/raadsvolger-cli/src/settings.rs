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
        /// The window's language: nl or en
        #[arg(long)]
        language: Option<String>,
        /// The shape of the council's numbers: JJJJ-NNN (J a digit of the year, N of the
        /// number) or a regular expression between slashes; an empty one clears it
        #[arg(long, value_name = "FORMAT")]
        council_number_format: Option<String>,
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
        language,
        council_number_format,
    }) = action
    {
        if let Some(l) = language {
            s.language = raadsvolger_core::settings::Language::parse(&l)?;
        }
        if let Some(f) = council_number_format {
            s.council_number_format = Some(f);
        }
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
    println!("language: {}", s.language.as_str());
    println!(
        "council numbers: {}",
        s.council_number_format.as_deref().unwrap_or("(any)")
    );
    if s.recesses.is_empty() {
        println!("recesses: the default dates");
    }
    for r in &s.recesses {
        println!("{}: {} to {}", r.name, r.start, r.end);
    }
    Ok(())
}
