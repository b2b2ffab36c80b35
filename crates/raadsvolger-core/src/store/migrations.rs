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
    // 3: the council register. Bodies, meetings and their agenda items (nested, ordered, with
    //    the documents on each); motions as records with their submitters, a status history and
    //    vote events (counts, per party, per member); people and parties; settings. Every fact
    //    carries its provenance: `prov` is 'extracted' (from a document), 'user' (entered by hand)
    //    or 'register' (imported from a council's system), `prov_ref` the JSON that says which
    //    document and span, which user note, or which system and record.
    //    Documents get a stable identity and versions; a user's corrections of a document are
    //    kept in `user_edits` so that re-extraction leaves them alone; deleted documents leave a
    //    tombstone so an index that missed the delete is repaired.
    r#"
    ALTER TABLE documents ADD COLUMN identity TEXT;
    ALTER TABLE documents ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE documents ADD COLUMN user_edits TEXT NOT NULL DEFAULT '{}';
    UPDATE documents SET identity = CASE
        WHEN json_extract(meta, '$.url') IS NOT NULL THEN 'url:' || json_extract(meta, '$.url')
        WHEN council_number IS NOT NULL THEN 'nr:' || kind || ':' || council_number || ':' || title
        WHEN source_path IS NOT NULL THEN 'path:' || source_path
        ELSE 'hash:' || content_hash END;
    CREATE INDEX documents_identity ON documents (identity);

    CREATE TABLE document_versions (
        document_id   INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        version       INTEGER NOT NULL,
        content_hash  TEXT NOT NULL,
        imported_at   TEXT NOT NULL,
        title         TEXT NOT NULL,
        -- The text of a superseded version; empty for the current one (it is in documents).
        body_text     TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (document_id, version)
    ) STRICT;
    INSERT INTO document_versions (document_id, version, content_hash, imported_at, title)
        SELECT id, 1, content_hash, imported_at, title FROM documents;

    CREATE TABLE deleted_documents (
        document_id INTEGER PRIMARY KEY,
        generation  INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE bodies (
        id             INTEGER PRIMARY KEY,
        name           TEXT NOT NULL UNIQUE COLLATE NOCASE,
        classification TEXT
    ) STRICT;

    CREATE TABLE parties (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL UNIQUE COLLATE NOCASE,
        abbreviation TEXT,
        aliases      TEXT NOT NULL DEFAULT '[]',
        prov         TEXT NOT NULL DEFAULT 'seed'
    ) STRICT;
    INSERT INTO parties (name, abbreviation, aliases) VALUES
        ('ChristenUnie', 'CU', '["Christen Unie"]'),
        ('PvdA', 'PvdA', '["Partij van de Arbeid"]'),
        ('VVD', 'VVD', '["Volkspartij voor Vrijheid en Democratie"]'),
        ('SP', 'SP', '["Socialistische Partij"]'),
        ('D66', 'D66', '["Democraten 66"]'),
        ('GroenLinks', 'GL', '["Groen Links"]'),
        ('GroenLinks-PvdA', 'GL-PvdA', '["GroenLinks/PvdA", "GL/PvdA", "PvdA-GroenLinks"]'),
        ('CDA', 'CDA', '["Christen-Democratisch Appèl", "Christen Democratisch Appel"]'),
        ('PVV', 'PVV', '["Partij voor de Vrijheid"]'),
        ('Partij voor de Dieren', 'PvdD', '[]'),
        ('DENK', 'DENK', '[]'),
        ('50PLUS', '50PLUS', '["50Plus"]'),
        ('SGP', 'SGP', '["Staatkundig Gereformeerde Partij"]'),
        ('Volt', 'Volt', '[]'),
        ('JA21', 'JA21', '[]'),
        ('Forum voor Democratie', 'FvD', '["FVD"]'),
        ('BBB', 'BBB', '["BoerBurgerBeweging"]'),
        ('Nieuw Sociaal Contract', 'NSC', '[]');

    CREATE TABLE people (
        id        INTEGER PRIMARY KEY,
        name      TEXT NOT NULL UNIQUE,
        role      TEXT,
        prov      TEXT NOT NULL,
        prov_ref  TEXT
    ) STRICT;

    CREATE TABLE memberships (
        id         INTEGER PRIMARY KEY,
        person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
        party      TEXT NOT NULL,
        start_date TEXT,
        end_date   TEXT,
        UNIQUE (person_id, party, start_date)
    ) STRICT;

    CREATE TABLE meetings (
        id         INTEGER PRIMARY KEY,
        body_id    INTEGER NOT NULL REFERENCES bodies (id),
        date       TEXT NOT NULL,
        start_time TEXT,
        end_time   TEXT,
        title      TEXT,
        location   TEXT,
        status     TEXT NOT NULL DEFAULT 'planned'
                   CHECK (status IN ('planned', 'held', 'cancelled')),
        prov       TEXT NOT NULL,
        prov_ref   TEXT,
        updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX meetings_date ON meetings (date);

    CREATE TABLE agenda_items (
        id          INTEGER PRIMARY KEY,
        meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
        parent_id   INTEGER REFERENCES agenda_items (id) ON DELETE CASCADE,
        number      TEXT,
        title       TEXT NOT NULL,
        description TEXT,
        position    INTEGER NOT NULL,
        prov        TEXT NOT NULL,
        prov_ref    TEXT
    ) STRICT;
    CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);

    CREATE TABLE agenda_documents (
        agenda_item_id INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
        document_id    INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        role           TEXT NOT NULL DEFAULT 'annex',
        PRIMARY KEY (agenda_item_id, document_id)
    ) STRICT;
    CREATE INDEX agenda_documents_document ON agenda_documents (document_id);

    CREATE TABLE motions (
        id             INTEGER PRIMARY KEY,
        -- What identifies an extracted motion across re-extraction: its number, else its title.
        key            TEXT UNIQUE,
        kind           TEXT NOT NULL,
        number         TEXT,
        title          TEXT NOT NULL,
        date           TEXT,
        agenda_item_id INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL,
        document_id    INTEGER REFERENCES documents (id) ON DELETE SET NULL,
        prov           TEXT NOT NULL,
        prov_ref       TEXT,
        user_edits     TEXT NOT NULL DEFAULT '[]',
        created_at     TEXT NOT NULL
    ) STRICT;
    CREATE INDEX motions_document ON motions (document_id);

    CREATE TABLE motion_submitters (
        motion_id INTEGER NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
        position  INTEGER NOT NULL,
        name      TEXT NOT NULL,
        party     TEXT,
        role      TEXT NOT NULL DEFAULT 'indiener' CHECK (role IN ('indiener', 'mede-indiener')),
        prov      TEXT NOT NULL,
        PRIMARY KEY (motion_id, position)
    ) STRICT;

    CREATE TABLE votes (
        id            INTEGER PRIMARY KEY,
        motion_id     INTEGER NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
        meeting_id    INTEGER REFERENCES meetings (id) ON DELETE SET NULL,
        date          TEXT,
        method        TEXT,
        votes_for     INTEGER,
        votes_against INTEGER,
        abstained     INTEGER,
        absent        INTEGER,
        unanimous     INTEGER NOT NULL DEFAULT 0,
        raw_text      TEXT,
        prov          TEXT NOT NULL,
        prov_ref      TEXT,
        recorded_at   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX votes_motion ON votes (motion_id);

    CREATE TABLE vote_parties (
        vote_id INTEGER NOT NULL REFERENCES votes (id) ON DELETE CASCADE,
        party   TEXT NOT NULL,
        option  TEXT NOT NULL CHECK (option IN ('voor', 'tegen', 'onthouden', 'afwezig')),
        seats   INTEGER,
        PRIMARY KEY (vote_id, party)
    ) STRICT;

    CREATE TABLE vote_members (
        vote_id INTEGER NOT NULL REFERENCES votes (id) ON DELETE CASCADE,
        name    TEXT NOT NULL,
        party   TEXT,
        option  TEXT NOT NULL CHECK (option IN ('voor', 'tegen', 'onthouden', 'afwezig')),
        PRIMARY KEY (vote_id, name)
    ) STRICT;

    CREATE TABLE motion_status (
        id          INTEGER PRIMARY KEY,
        motion_id   INTEGER NOT NULL REFERENCES motions (id) ON DELETE CASCADE,
        date        TEXT,
        status      TEXT NOT NULL,
        vote_id     INTEGER REFERENCES votes (id) ON DELETE CASCADE,
        prov        TEXT NOT NULL,
        prov_ref    TEXT,
        recorded_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX motion_status_motion ON motion_status (motion_id);

    ALTER TABLE commitments ADD COLUMN source_changed INTEGER NOT NULL DEFAULT 0;
    "#,
    // 4: commitments a council's register keeps (toezeggingen, motions with a deadline): their
    //    provenance, as on the register's other rows, and the motion a motion's commitment
    //    belongs to when no document holds it. A re-import finds its row again by `prov_ref`.
    //    Motions get a note from their register (another number the register gives them, such
    //    as a parliamentary paper's). A meeting or agenda item a person changed is marked, so a
    //    re-import of its register leaves it as they wrote it.
    r#"
    ALTER TABLE commitments ADD COLUMN prov TEXT NOT NULL DEFAULT 'extracted';
    ALTER TABLE commitments ADD COLUMN prov_ref TEXT;
    ALTER TABLE commitments ADD COLUMN motion_id INTEGER REFERENCES motions (id) ON DELETE SET NULL;
    UPDATE commitments SET prov = 'user' WHERE origin = 'manual';
    CREATE INDEX commitments_prov_ref ON commitments (prov_ref);
    ALTER TABLE motions ADD COLUMN register_note TEXT;
    ALTER TABLE meetings ADD COLUMN user_edited INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE agenda_items ADD COLUMN user_edited INTEGER NOT NULL DEFAULT 0;
    "#,
    // 5: keeping up with the registers. A source is one system and one council's key there
    //    (NotuBiz organisation, iBabs site, ...) with what its last sync did; its cursors say
    //    where the next sync starts (and where a sync that was stopped resumes); `sync_seen`
    //    holds each record's change stamp, so a record that did not change is not fetched
    //    again. `downloads` are the documents the registers attach, each to its agenda item,
    //    motion or meeting, until their text is in the archive. Saved searches flag the new
    //    documents that match them after each import or sync.
    r#"
    CREATE TABLE sources (
        id            INTEGER PRIMARY KEY,
        system        TEXT NOT NULL,
        key           TEXT NOT NULL,
        base_url      TEXT NOT NULL,
        from_date     TEXT,
        to_date       TEXT,
        created_at    TEXT NOT NULL,
        last_started  TEXT,
        last_finished TEXT,
        last_status   TEXT,
        last_error    TEXT,
        last_added    TEXT,
        UNIQUE (system, key)
    ) STRICT;

    CREATE TABLE sync_cursors (
        source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        name      TEXT NOT NULL,
        value     TEXT NOT NULL,
        PRIMARY KEY (source_id, name)
    ) STRICT;

    CREATE TABLE sync_seen (
        source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
        record    TEXT NOT NULL,
        stamp     TEXT NOT NULL,
        PRIMARY KEY (source_id, record)
    ) STRICT;

    CREATE TABLE downloads (
        id          INTEGER PRIMARY KEY,
        system      TEXT NOT NULL,
        record_id   TEXT NOT NULL,
        url         TEXT NOT NULL,
        title       TEXT,
        file_name   TEXT,
        target      TEXT NOT NULL CHECK (target IN ('meeting', 'item', 'motion')),
        target_id   INTEGER NOT NULL,
        status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
        attempts    INTEGER NOT NULL DEFAULT 0,
        last_error  TEXT,
        document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,
        updated_at  TEXT NOT NULL,
        UNIQUE (system, record_id, target, target_id)
    ) STRICT;
    CREATE INDEX downloads_status ON downloads (status);

    CREATE TABLE saved_searches (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL,
        query        TEXT NOT NULL,
        filters      TEXT,
        created_at   TEXT NOT NULL,
        last_seen_at TEXT
    ) STRICT;

    CREATE TABLE alert_hits (
        search_id   INTEGER NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
        document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        found_at    TEXT NOT NULL,
        seen        INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (search_id, document_id)
    ) STRICT;
    "#,
    // 6: where a register says otherwise than a person's correction: the correction stays,
    //    and the register's value is kept here to be shown (one row per row and field) until
    //    the person keeps theirs or takes the register's.
    r#"
    CREATE TABLE register_conflicts (
        id             INTEGER PRIMARY KEY,
        target         TEXT NOT NULL CHECK (target IN ('meeting', 'item', 'motion')),
        target_id      INTEGER NOT NULL,
        field          TEXT NOT NULL,
        user_value     TEXT,
        register_value TEXT,
        system         TEXT NOT NULL,
        record_id      TEXT NOT NULL,
        seen_at        TEXT NOT NULL,
        UNIQUE (target, target_id, field)
    ) STRICT;
    "#,
    // 7: a document's text and HTML compressed (see `store::packed`). Rows written before keep
    //    theirs in `body_text` and `body_html` and are read as ever; rows written since leave
    //    those empty, and `html_z` is NULL where the HTML is the text's own paragraphs.
    r#"
    ALTER TABLE documents ADD COLUMN text_z BLOB;
    ALTER TABLE documents ADD COLUMN html_z BLOB;
    "#,
    // 8: undo of a person's edits of the register. Each edit (a meeting, agenda item, motion
    //    or vote added, changed or removed) is one step; beside it, every row the edit touched
    //    (by table and key, as JSON) with the row as it was before (NULL: the edit inserted
    //    it) and as the edit left it (NULL: the edit removed it). Written by triggers in the
    //    edit's own transaction (`store/undo.rs`); undoing a step puts the rows back as they
    //    were, refused when anything else changed them since.
    r#"
    CREATE TABLE undo_steps (
        id          INTEGER PRIMARY KEY,
        action      TEXT NOT NULL,
        subject     TEXT NOT NULL DEFAULT '',
        target_id   INTEGER,
        meeting_id  INTEGER,
        recorded_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE undo_rows (
        seq     INTEGER PRIMARY KEY,
        step_id INTEGER NOT NULL REFERENCES undo_steps (id) ON DELETE CASCADE,
        tbl     TEXT NOT NULL,
        key     TEXT NOT NULL,
        before  TEXT,
        after   TEXT,
        UNIQUE (step_id, tbl, key)
    ) STRICT;
    "#,
    // 9: the topics a source fetches documents about (one per line; empty: every document).
    //    The register's meetings, agenda items and motions all come in; a document it attaches
    //    is downloaded only when it, its agenda item, meeting or motion is about a topic.
    r#"
    ALTER TABLE sources ADD COLUMN topics TEXT NOT NULL DEFAULT '';
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
    if current > 0 && current < SCHEMA_VERSION {
        keep_before_upgrade(conn, path, current)?;
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

/// A copy of an archive as it was before its first upgrade to a newer schema, beside it as
/// `archive.sqlite.v<N>.bak`: migrations cannot be undone, and an older Raadsvolger refuses
/// the upgraded archive, so a user who has to go back keeps what they had. Made once per
/// version (a copy already there is kept), whole or not at all.
fn keep_before_upgrade(conn: &Connection, path: &std::path::Path, version: usize) -> Result<()> {
    let Some(name) = path.file_name() else {
        return Ok(());
    };
    if !path.is_file() {
        return Ok(());
    }
    let mut kept = name.to_os_string();
    kept.push(format!(".v{version}.bak"));
    let kept = path.with_file_name(kept);
    if kept.exists() {
        return Ok(());
    }
    let mut partial = kept.clone().into_os_string();
    partial.push(".partial");
    let partial = std::path::PathBuf::from(partial);
    let copied = (|| -> Result<()> {
        let mut target = Connection::open(&partial)?;
        super::copy_database(conn, &mut target)?;
        target.pragma_update(None, "journal_mode", "DELETE")?;
        drop(target);
        std::fs::rename(&partial, &kept)
            .map_err(|e| Error::io(format!("cannot write {}", kept.display()), e))
    })();
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&partial);
        return Err(Error::ArchiveUnavailable {
            path: path.to_path_buf(),
            reason: format!(
                "not upgraded: the copy of the archive as it was (schema version {version}) \
                 could not be made first ({e})"
            ),
        });
    }
    tracing::info!(copy = %kept.display(), "kept the archive as it was before its upgrade");
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
