//! The binary on its own, without an archive. Most CLI tests live in the workspace's `tests/`
//! crate; this file is also what makes `cargo test` build the `raadsvolger` binary (cargo builds
//! a package's binaries for its own integration tests only), which those tests then run.

use std::process::Command;

fn raadsvolger() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_raadsvolger"));
    cmd.env_remove("RAADSVOLGER_ARCHIVE");
    cmd
}

#[test]
fn help_names_every_command() {
    let out = raadsvolger()
        .arg("--help")
        .output()
        .expect("run raadsvolger");
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).expect("utf-8 help");
    for command in [
        "import",
        "search",
        "show",
        "reindex",
        "stats",
        "demo",
        "motions",
        "commitments",
        "commitment",
        "deadlines",
        "backup",
        "restore",
        "check",
        "export",
    ] {
        assert!(
            help.lines()
                .any(|l| l.trim_start().starts_with(&format!("{command} "))),
            "--help does not list `{command}`:\n{help}"
        );
    }
}

#[test]
fn one_sentence_deadline_needs_no_archive() {
    // An archive folder that cannot be opened: the command must not touch it.
    let home = std::env::temp_dir().join(format!("rv-no-archive-{}", std::process::id()));
    let out = raadsvolger()
        .env("RAADSVOLGER_ARCHIVE", home.join("not-here"))
        .args([
            "--json",
            "deadlines",
            "--date",
            "2019-02-14",
            "Wij vragen het college om voor 1 juli 2019 met een plan te komen.",
        ])
        .output()
        .expect("run raadsvolger");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8 output");
    assert!(
        text.contains("2019-06-30") || text.contains("2019-07-01"),
        "{text}"
    );
    assert!(!home.exists(), "no archive is created for it");
}

#[test]
fn an_unknown_command_is_a_usage_error() {
    let out = raadsvolger()
        .arg("verwijder-alles")
        .output()
        .expect("run raadsvolger");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}
