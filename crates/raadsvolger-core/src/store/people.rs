//! Tables of the register's people and parties. The parties are the archive's own: seeded with
//! the common national ones, extended by what users and registers add.

use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::error::Result;
use crate::model::register::{Party, Person, Provenance};

impl Store {
    /// The party names of members sitting on `day` (by their memberships), and of the votes
    /// per party or per member recorded from `since` to `day`.
    pub fn parties_seen(&self, since: &str, day: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT party FROM memberships
              WHERE (start_date IS NULL OR start_date <= ?2)
                AND (end_date IS NULL OR end_date >= ?2)
             UNION
             SELECT vp.party FROM vote_parties vp JOIN votes v ON v.id = vp.vote_id
              WHERE v.date BETWEEN ?1 AND ?2
             UNION
             SELECT vm.party FROM vote_members vm JOIN votes v ON v.id = vm.vote_id
              WHERE vm.party IS NOT NULL AND v.date BETWEEN ?1 AND ?2",
        )?;
        let rows = stmt
            .query_map([since, day], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn list_parties(&self) -> Result<Vec<Party>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, abbreviation, aliases FROM parties ORDER BY name")?;
        let rows = stmt
            .query_map([], |r| {
                let aliases: String = r.get(3)?;
                Ok(Party {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    abbreviation: r.get(2)?,
                    aliases: serde_json::from_str(&aliases).unwrap_or_default(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    fn party_id(&self, name: &str) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT id FROM parties WHERE name = ?1",
            [name.trim()],
            |r| r.get(0),
        )?)
    }

    /// Adds a party or changes its abbreviation and aliases (a person's settings: `user`).
    pub fn set_party(
        &mut self,
        name: &str,
        abbreviation: Option<&str>,
        aliases: &[String],
    ) -> Result<i64> {
        let aliases = serde_json::to_string(aliases).unwrap_or_else(|_| "[]".into());
        self.conn.execute(
            "INSERT INTO parties (name, abbreviation, aliases, prov) VALUES (?1, ?2, ?3, 'user')
             ON CONFLICT (name) DO UPDATE SET abbreviation = excluded.abbreviation,
                 aliases = excluded.aliases, prov = 'user'",
            params![name.trim(), abbreviation, aliases],
        )?;
        self.party_id(name)
    }

    /// Adds a party the archive did not know (a local party met in a vote or a register).
    pub fn upsert_party(
        &mut self,
        name: &str,
        abbreviation: Option<&str>,
        prov: &str,
    ) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO parties (name, abbreviation, prov) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO NOTHING",
            params![name.trim(), abbreviation, prov],
        )?;
        self.party_id(name)
    }

    pub fn upsert_person(
        &mut self,
        name: &str,
        role: Option<&str>,
        prov: &Provenance,
    ) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO people (name, role, prov, prov_ref) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (name) DO UPDATE SET role = coalesce(people.role, excluded.role)",
            params![name.trim(), role, prov.kind(), prov.to_json()],
        )?;
        Ok(self.conn.query_row(
            "SELECT id FROM people WHERE name = ?1",
            [name.trim()],
            |r| r.get(0),
        )?)
    }

    pub fn add_membership(&mut self, person: i64, party: &str, start: Option<&str>) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO memberships (person_id, party, start_date) VALUES (?1, ?2, ?3)",
            params![person, party, start],
        )?;
        Ok(())
    }

    pub fn list_people(&self) -> Result<Vec<Person>> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.name, p.role,
                (SELECT group_concat(party, char(31)) FROM memberships m WHERE m.person_id = p.id)
             FROM people p ORDER BY p.name",
        )?;
        let rows = stmt
            .query_map([], |r| {
                let parties: Option<String> = r.get(3)?;
                Ok(Person {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    role: r.get(2)?,
                    parties: parties
                        .map(|p| p.split('\u{1f}').map(str::to_owned).collect())
                        .unwrap_or_default(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn get_setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}
