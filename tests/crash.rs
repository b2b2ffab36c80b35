//! Kill trials: `raadsvolger import` over ~2,000 generated documents is killed with SIGKILL at
//! seeded random moments, and so is `raadsvolger commitment set`. After every kill the archive
//! is reopened and must be sound: SQLite's integrity check passes, the index holds exactly the
//! stored documents, every document is whole or absent, and nothing committed before is lost.
//!
//! `RAADSVOLGER_KILL_TRIALS` sets the number of import trials (default 50).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use raadsvolger_core::{Archive, CommitmentQuery};

/// xorshift64*: a fixed seed gives the same kill moments on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const PARTIES: [&str; 6] = ["CU", "PvdA", "VVD", "SP", "D66", "GroenLinks"];
const TOPICS: [&str; 6] = [
    "mensenhandel",
    "jeugdzorg",
    "woningbouw",
    "armoedebeleid",
    "openbare verlichting",
    "sportvelden",
];

/// Writes `n` small, distinct council documents (Markdown with front matter).
fn generate(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).expect("dir");
    for i in 0..n {
        let topic = TOPICS[i % TOPICS.len()];
        let party = PARTIES[(i / 7) % PARTIES.len()];
        let year = 2015 + (i % 10);
        let text = format!(
            "---\ntitle: \"Motie {topic} nummer {i}\"\nkind: motie\ndate: {year}-0{m}-1{d}\n---\n\n\
             De raad van de gemeente, in vergadering bijeen,\n\n\
             constaterende dat het onderwerp {topic} al jaren aandacht vraagt (stuk {i});\n\n\
             verzoekt het college uiterlijk 1 december {year} een voorstel over {topic} \
             aan de raad te sturen,\n\nen gaat over tot de orde van de dag.\n\nIngediend door {party}.\n",
            m = 1 + i % 9,
            d = i % 10,
        );
        std::fs::write(dir.join(format!("motie-{i:04}.md")), text).expect("write");
    }
}

/// The titles of the stored documents, after checking the archive is sound.
fn reopen_and_check(archive: &Path) -> BTreeSet<String> {
    let a = Archive::open(archive).expect("the archive opens after a kill");
    assert_eq!(a.integrity_check().expect("integrity"), "ok");
    let report = a.check().expect("check");
    assert!(report.ok, "after a kill: {report:#?}");
    let (stored, indexed) = a.ids().expect("ids");
    assert_eq!(
        stored, indexed,
        "the index holds exactly the stored documents"
    );
    let mut titles = BTreeSet::new();
    for id in stored {
        let doc = a.document(id).expect("whole document");
        assert!(
            doc.body_text.contains("verzoekt het college"),
            "#{id} is whole"
        );
        assert!(titles.insert(doc.title), "no document twice");
    }
    titles
}

/// A `raadsvolger import` of `folder` into `archive`, started in a child process.
fn spawn_import(archive: &Path, folder: &Path) -> std::process::Child {
    Command::new(raadsvolger_tests::cli_binary())
        .arg("--archive")
        .arg(archive)
        .args(["import", "--json"])
        .arg(folder)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn")
}

#[test]
fn imports_killed_at_random_moments_leave_a_sound_archive() {
    let trials: usize = std::env::var("RAADSVOLGER_KILL_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let tmp = tempfile::tempdir().expect("tmp");
    let folder = tmp.path().join("stukken");
    const DOCS: usize = 2000;
    generate(&folder, DOCS);

    // One uncut run tells how long a whole import takes here.
    let full = tmp.path().join("volledig");
    let started = Instant::now();
    assert!(spawn_import(&full, &folder).wait().expect("ran").success());
    let whole = started.elapsed();
    assert_eq!(reopen_and_check(&full).len(), DOCS);

    let mut rng = Rng(0x5EED_2026_1122);
    let mut archive: PathBuf = tmp.path().join("a0");
    let mut kept = BTreeSet::new();
    let (mut killed, mut completed, mut fresh) = (0, 0, 1);
    for trial in 0..trials {
        let delay = Duration::from_millis(rng.below(whole.as_millis() as u64 + 50));
        let mut child = spawn_import(&archive, &folder);
        std::thread::sleep(delay);
        match child.try_wait().expect("status") {
            Some(_) => completed += 1,
            None => {
                child.kill().expect("SIGKILL");
                killed += 1;
            }
        }
        child.wait().expect("reaped");
        let now = reopen_and_check(&archive);
        assert!(
            kept.is_subset(&now),
            "trial {trial}: documents committed before the kill were lost"
        );
        kept = now;
        if kept.len() == DOCS {
            // Start over, so later kills land in the middle of an import again.
            archive = tmp.path().join(format!("a{fresh}"));
            fresh += 1;
            kept.clear();
        }
    }
    println!(
        "kill trials: {trials} ({killed} killed mid-import, {completed} finished first), \
         {DOCS} documents per import, a whole import took {:.2} s",
        whole.as_secs_f64()
    );
    assert!(
        killed >= trials / 2,
        "most trials must kill a running import"
    );
}

#[test]
fn commitment_changes_killed_at_random_moments_are_whole_or_absent() {
    let tmp = tempfile::tempdir().expect("tmp");
    let archive = tmp.path().join("a");
    {
        let a = Archive::open(&archive).expect("open");
        a.load_demo(&mut raadsvolger_core::import::NoProgress)
            .expect("demo");
    }
    let as_of: chrono::NaiveDate = "2026-11-22".parse().expect("date");
    let ids: Vec<i64> = Archive::open(&archive)
        .expect("open")
        .commitments(as_of, &CommitmentQuery::default())
        .expect("list")
        .iter()
        .map(|c| c.id)
        .collect();
    let mut rng = Rng(0xC0FF_EE00_2026);
    let trials = 30;
    let mut killed = 0;
    for trial in 0..trials {
        let id = ids[trial % ids.len()];
        let mut child = Command::new(raadsvolger_tests::cli_binary())
            .arg("--archive")
            .arg(&archive)
            .args([
                "commitment",
                "set",
                &id.to_string(),
                "--status",
                "partly-met",
            ])
            .args([
                "--date",
                "2024-05-01",
                "--due",
                "2025-01-01",
                "--evidence",
                "1",
            ])
            .args(["--reason", &format!("proef {trial}"), "--json"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(rng.below(120)));
        if child.try_wait().expect("status").is_none() {
            child.kill().expect("SIGKILL");
            killed += 1;
        }
        child.wait().expect("reaped");

        let a = Archive::open(&archive).expect("reopen");
        assert_eq!(a.integrity_check().expect("integrity"), "ok");
        let c = a.commitment(id, as_of).expect("commitment");
        // A change writes a deadline entry, a status entry and the evidence together.
        let reason = format!("proef {trial}");
        let entries = c.history.iter().filter(|h| h.reason == reason).count();
        assert!(
            entries == 0 || entries == 2,
            "trial {trial}: {entries} of 2 history entries: {:#?}",
            c.history
        );
    }
    println!("commitment kill trials: {trials} ({killed} killed mid-way)");
}
