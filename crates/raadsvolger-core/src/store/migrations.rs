//! Append-only schema migrations, versioned by `PRAGMA user_version`.
//!
//! Never edit a migration that has shipped: add a new one at the end. Each runs in its own
//! transaction together with the version bump, so a crash leaves the schema at a known version.

use rusqlite::Connection;

use crate::error::{Error, Result};

/// The migrations, in order. `MIGRATIONS[i]` brings the schema from version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: documents, their parties, and the key/value meta table holding the generation stamp.
    r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    INSERT INTO meta (key, value) VALUES ('generation', '0');

    CREATE TABLE documents (
        id             INTEGER PRIMARY KEY,
        kind           TEXT NOT NULL,
        title          TEXT NOT NULL,
        date           TEXT,
        council_number TEXT,
        body_text      TEXT NOT NULL,
        body_html      TEXT NOT NULL,
        source_path    TEXT,
        source_format  TEXT NOT NULL,
        content_hash   TEXT NOT NULL UNIQUE,
        imported_at    TEXT NOT NULL,
        pages          TEXT NOT NULL DEFAULT '[]',
        meta           TEXT NOT NULL DEFAULT '{}',
        generation     INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX documents_generation ON documents (generation);
    CREATE INDEX documents_date ON documents (date);
    CREATE INDEX documents_council_number ON documents (council_number);

    CREATE TABLE document_parties (
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        party       TEXT NOT NULL,
        PRIMARY KEY (document_id, party)
    ) STRICT, WITHOUT ROWID;
    "#,
    // 2: what the extractor found in each document (votes, commitments, statements that a
    //    promise was met), the commitments' evidence, and the history of their status and
    //    deadline. Rows found in a document go with it (ON DELETE CASCADE); a person's edits
    //    live in evidence and history.
    r#"
    CREATE TABLE vote_events (
        document_id   INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        ordinal       INTEGER NOT NULL,
        event         TEXT NOT NULL,
        PRIMARY KEY (document_id, ordinal)
    ) STRICT;

    CREATE TABLE commitments (
        id            INTEGER PRIMARY KEY,
        document_id   INTEGER REFERENCES documents (id) ON DELETE CASCADE,
        ordinal       INTEGER NOT NULL DEFAULT 0,
        origin        TEXT NOT NULL,
        text          TEXT NOT NULL,
        actor         TEXT NOT NULL,
        quote         TEXT NOT NULL,
        made_on       TEXT,
        due           TEXT,
        due_kind      TEXT,
        due_text      TEXT,
        note          TEXT,
        created_at    TEXT NOT NULL,
        UNIQUE (document_id, ordinal)
    ) STRICT;

    CREATE TABLE commitment_evidence (
        id            INTEGER PRIMARY KEY,
        commitment_id INTEGER NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
        document_id   INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        passage       TEXT NOT NULL,
        added_at      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX commitment_evidence_commitment ON commitment_evidence (commitment_id);

    CREATE TABLE commitment_history (
        id            INTEGER PRIMARY KEY,
        commitment_id INTEGER NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
        date          TEXT NOT NULL,
        recorded_at   TEXT NOT NULL,
        field         TEXT NOT NULL CHECK (field IN ('status', 'due')),
        old           TEXT,
        new           TEXT,
        reason        TEXT NOT NULL
    ) STRICT;
    CREATE INDEX commitment_history_commitment ON commitment_history (commitment_id);

    CREATE TABLE fulfilment_hints (
        id            INTEGER PRIMARY KEY,
        document_id   INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        quote         TEXT NOT NULL,
        late          INTEGER NOT NULL,
        applied_to    INTEGER REFERENCES commitments (id) ON DELETE SET NULL
    ) STRICT;
    "#,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: usize = MIGRATIONS.len();

/// Brings the database up to [`SCHEMA_VERSION`]. Refuses a database from a newer build.
pub(crate) fn migrate(conn: &mut Connection, path: &std::path::Path) -> Result<()> {
    let current: usize =
        conn.pragma_query_value(None, "user_version", |row| row.get::<_, i64>(0))? as usize;
    if current > SCHEMA_VERSION {
        return Err(Error::ArchiveUnavailable {
            path: path.to_path_buf(),
            reason: format!(
                "made by a newer Raadsvolger (schema version {current}, this version knows up to \
                 {SCHEMA_VERSION}); update Raadsvolger to open it"
            ),
        });
    }
    for (version, sql) in MIGRATIONS.iter().enumerate().skip(current) {
        // IMMEDIATE: two processes opening an old archive at once migrate it one after the
        // other; the second finds the work done.
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let now: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        if now as usize > version {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (version + 1) as i64)?;
        // A crash here rolls the whole step back: the archive stays at the version before.
        fail_at!("migration-before-commit");
        tx.commit()?;
        tracing::info!(version = version + 1, "migrated archive schema");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_an_empty_database_and_is_idempotent() {
        let mut conn = Connection::open_in_memory().expect("in-memory db");
        let path = std::path::Path::new(":memory:");
        migrate(&mut conn, path).expect("first migration");
        migrate(&mut conn, path).expect("second run is a no-op");
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("version");
        assert_eq!(version as usize, SCHEMA_VERSION);
    }

    #[test]
    fn refuses_a_newer_schema() {
        let mut conn = Connection::open_in_memory().expect("in-memory db");
        conn.pragma_update(None, "user_version", 999)
            .expect("set version");
        let err = migrate(&mut conn, std::path::Path::new("x")).expect_err("must refuse");
        assert!(err.to_string().contains("newer Raadsvolger"), "{err}");
    }
}
