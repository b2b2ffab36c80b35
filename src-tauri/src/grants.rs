//! The paths the user chose: the window reads and writes only those.
//!
//! The page never hands out a path. The open and save dialogs run here (`pick_import`,
//! `pick_export` in [`crate::commands`]), and files dropped on the window are taken from the
//! window's drag-and-drop event ([`crate::dropped`]); each path so chosen is granted here, and
//! `import_paths` and `export` refuse any other with the code `not-granted`. A chosen folder
//! grants what is under it, for reading; a file to write to is granted only as itself, by the
//! save dialog. Paths are compared resolved (symbolic links and `..` followed), so a granted
//! folder does not lend its grant to `folder/../elsewhere` or to a link that leads out of it.
//!
//! A check answers with the paths resolved, and the work goes on with those: a link swapped
//! in after the check (a path component replaced by a symbolic link) is not followed.
//!
//! The grants last as long as the window: nothing of them is stored.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::api::error::{ApiError, ApiErrorCode, ShellCode};

/// What the user chose in this window, resolved.
#[derive(Debug, Default)]
pub struct Grants {
    /// Files and folders chosen to import (a folder grants what is under it).
    read: Mutex<Vec<PathBuf>>,
    /// Files chosen in the save dialog.
    write: Mutex<Vec<PathBuf>>,
    /// Folders chosen in the folder dialog, to open as an archive.
    open: Mutex<Vec<PathBuf>>,
}

/// `path` with its links and `..` resolved; for a file that does not exist yet (a save
/// target), its folder resolved and the name kept.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = std::fs::canonicalize(path) {
        return Some(real);
    }
    let name = path.file_name()?;
    let folder = std::fs::canonicalize(path.parent()?).ok()?;
    Some(folder.join(name))
}

fn refused(path: &Path, access: &str) -> ApiError {
    let shown = path.display().to_string();
    let how = match access {
        "write" => "choose it in the save dialog",
        "open" => "choose it in the folder dialog",
        _ => "choose it in the open dialog or drop it on the window",
    };
    ApiError {
        code: ApiErrorCode::Shell(ShellCode::NotGranted),
        message: format!("{shown} was not chosen by the user in this window: {how}"),
        params: [
            ("file".to_owned(), shown),
            ("rule".to_owned(), access.to_owned()),
        ]
        .into(),
    }
}

fn lock(list: &Mutex<Vec<PathBuf>>) -> std::sync::MutexGuard<'_, Vec<PathBuf>> {
    list.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Grants {
    /// Grants reading these paths (and, for a folder, what is under it).
    pub fn grant_read(&self, paths: &[PathBuf]) {
        let mut read = lock(&self.read);
        for path in paths.iter().filter_map(|p| resolved(p)) {
            if !read.contains(&path) {
                read.push(path);
            }
        }
    }

    /// Grants writing this one file.
    pub fn grant_write(&self, path: &Path) {
        if let Some(path) = resolved(path) {
            let mut write = lock(&self.write);
            if !write.contains(&path) {
                write.push(path);
            }
        }
    }

    /// Grants opening this one folder as an archive.
    pub fn grant_open(&self, folder: &Path) {
        if let Some(folder) = resolved(folder) {
            let mut open = lock(&self.open);
            if !open.contains(&folder) {
                open.push(folder);
            }
        }
    }

    /// Refuses (code `not-granted`, rule `open`) a folder the folder dialog did not give.
    /// Only the folder itself: one below or beside it is another archive.
    /// Answers the folder resolved.
    pub fn check_open(&self, folder: &Path) -> Result<PathBuf, ApiError> {
        let open = lock(&self.open);
        match resolved(folder) {
            Some(real) if open.contains(&real) => Ok(real),
            _ => Err(refused(folder, "open")),
        }
    }

    /// Refuses (code `not-granted`, rule `read`) the first path that was not chosen; answers
    /// the paths resolved.
    pub fn check_read(&self, paths: &[PathBuf]) -> Result<Vec<PathBuf>, ApiError> {
        let read = lock(&self.read);
        let mut checked = Vec::with_capacity(paths.len());
        for path in paths {
            match resolved(path) {
                Some(real) if read.iter().any(|g| real == *g || real.starts_with(g)) => {
                    checked.push(real)
                }
                _ => return Err(refused(path, "read")),
            }
        }
        Ok(checked)
    }

    /// Refuses (code `not-granted`, rule `write`) a file the save dialog did not give.
    /// Answers the file resolved (its folder resolved, the name kept when it is new).
    pub fn check_write(&self, path: &Path) -> Result<PathBuf, ApiError> {
        let write = lock(&self.write);
        match resolved(path) {
            Some(real) if write.contains(&real) => Ok(real),
            _ => Err(refused(path, "write")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_opens_only_when_chosen_itself() {
        let dir = tempfile::tempdir().expect("temp dir");
        let chosen = dir.path().join("fractie");
        let inner = chosen.join("binnen");
        std::fs::create_dir_all(&inner).expect("folders");
        let grants = Grants::default();
        let refused = grants.check_open(&chosen).expect_err("not chosen yet");
        assert_eq!(refused.code, ApiErrorCode::Shell(ShellCode::NotGranted));
        assert_eq!(refused.params.get("rule").map(String::as_str), Some("open"));
        grants.grant_open(&chosen);
        assert!(grants.check_open(&chosen).is_ok());
        assert!(grants.check_open(&inner.join("..")).is_ok(), "resolved");
        assert!(
            grants.check_open(&inner).is_err(),
            "a folder below is another archive"
        );
        assert!(grants.check_open(dir.path()).is_err());
        assert!(
            grants.check_read(std::slice::from_ref(&inner)).is_err(),
            "opening is not reading"
        );
    }

    #[test]
    fn a_folder_grants_what_is_under_it_and_nothing_beside_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let chosen = dir.path().join("chosen");
        let beside = dir.path().join("beside");
        std::fs::create_dir_all(chosen.join("sub")).expect("folders");
        std::fs::create_dir_all(&beside).expect("folder");
        std::fs::write(chosen.join("sub/a.md"), "a").expect("file");
        std::fs::write(beside.join("b.md"), "b").expect("file");
        let grants = Grants::default();
        assert!(grants.check_read(&[chosen.join("sub/a.md")]).is_err());
        grants.grant_read(std::slice::from_ref(&chosen));
        grants
            .check_read(&[chosen.clone(), chosen.join("sub/a.md")])
            .expect("under the folder");
        let error = grants
            .check_read(&[chosen.join("sub/a.md"), chosen.join("../beside/b.md")])
            .expect_err("out of the folder by ..");
        assert_eq!(error.code, ApiErrorCode::Shell(ShellCode::NotGranted));
        assert_eq!(error.params["rule"], "read");
        assert!(error.params["file"].ends_with("b.md"), "{error:?}");
        // A folder whose name merely starts like the chosen one is another folder.
        let lookalike = dir.path().join("chosen-too");
        std::fs::create_dir_all(&lookalike).expect("folder");
        assert!(grants.check_read(&[lookalike]).is_err());
        // Reading was granted, not writing.
        assert!(grants.check_write(&chosen.join("sub/a.md")).is_err());
    }

    #[test]
    fn a_check_answers_the_paths_it_checked_resolved() {
        // The work goes on with these, so a link swapped in after the check is not followed.
        let dir = tempfile::tempdir().expect("temp dir");
        let chosen = dir.path().join("chosen");
        std::fs::create_dir_all(chosen.join("sub")).expect("folders");
        std::fs::write(chosen.join("sub/a.md"), "a").expect("file");
        let real = std::fs::canonicalize(chosen.join("sub/a.md")).expect("real");
        let grants = Grants::default();
        grants.grant_read(std::slice::from_ref(&chosen));
        let checked = grants
            .check_read(&[chosen.join("sub/../sub/a.md")])
            .expect("granted");
        assert_eq!(checked, vec![real.clone()]);
        let target = chosen.join("sub/../lijst.csv");
        grants.grant_write(&target);
        let to = grants.check_write(&target).expect("chosen");
        assert_eq!(
            to,
            std::fs::canonicalize(&chosen)
                .expect("real")
                .join("lijst.csv")
        );
        grants.grant_open(&chosen.join("sub/.."));
        assert_eq!(
            grants.check_open(&chosen).expect("chosen"),
            std::fs::canonicalize(&chosen).expect("real")
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_a_granted_folder_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let chosen = dir.path().join("chosen");
        std::fs::create_dir_all(&chosen).expect("folder");
        std::fs::write(dir.path().join("secret.md"), "s").expect("file");
        std::os::unix::fs::symlink(dir.path().join("secret.md"), chosen.join("link.md"))
            .expect("link");
        let grants = Grants::default();
        grants.grant_read(std::slice::from_ref(&chosen));
        assert!(grants.check_read(&[chosen.join("link.md")]).is_err());
    }

    #[test]
    fn a_save_target_is_granted_as_itself_only() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("lijst.csv");
        let grants = Grants::default();
        assert_eq!(
            grants.check_write(&target).expect_err("not chosen").code,
            ApiErrorCode::Shell(ShellCode::NotGranted)
        );
        grants.grant_write(&target);
        grants.check_write(&target).expect("chosen");
        grants
            .check_write(&dir.path().join(".").join("lijst.csv"))
            .expect("the same file, written otherwise");
        assert!(grants.check_write(&dir.path().join("other.csv")).is_err());
        // Writing a file grants no reading of its folder.
        assert!(grants.check_read(&[dir.path().to_path_buf()]).is_err());
    }
}
