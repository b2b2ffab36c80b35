//! Writing a file the user asked for (an export, a report, the councils table) so that it is
//! either the old file or the whole new one: written under a temporary name of its own in the
//! same folder, flushed to the disk, then renamed over the name asked for, and the folder
//! flushed so the rename itself survives a power cut. A full disk or a failure half-way
//! leaves the file that was there untouched and no temporary file behind.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` whole or not at all (see the module).
pub fn write_whole(path: &Path, bytes: &[u8]) -> Result<()> {
    let cannot = |e: std::io::Error| Error::io(format!("cannot write {}", path.display()), e);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| Error::InvalidInput(format!("{} is not a file name", path.display())))?;
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    // The temporary file has a name no one can guess and is removed when dropped unwritten.
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".partial")
        .tempfile_in(dir)
        .map_err(cannot)?;
    tmp.write_all(bytes).map_err(cannot)?;
    tmp.as_file().sync_all().map_err(cannot)?;
    tmp.persist(path).map_err(|e| cannot(e.error))?;
    sync_dir(dir);
    Ok(())
}

/// Flushes a folder's entries (a rename in it) to the disk, where the system allows it.
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("lijst.csv");
        std::fs::write(&file, "oud").expect("old");
        write_whole(&file, b"nieuw").expect("write");
        assert_eq!(std::fs::read_to_string(&file).expect("read"), "nieuw");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("lijst.csv")]);
    }

    #[test]
    fn a_write_that_fails_leaves_the_old_file() {
        let dir = tempfile::tempdir().expect("tmp");
        // The name asked for is a folder with something in it: the rename fails.
        let taken = dir.path().join("rapport.md");
        std::fs::create_dir(&taken).expect("dir");
        std::fs::write(taken.join("binnen.txt"), "blijft").expect("inside");
        let err = write_whole(&taken, b"nieuw").expect_err("a folder is in the way");
        assert!(err.to_string().contains("rapport.md"), "{err}");
        assert_eq!(
            std::fs::read_to_string(taken.join("binnen.txt")).expect("read"),
            "blijft"
        );
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
        // A folder that does not exist is named too.
        let err = write_whole(&dir.path().join("nergens/lijst.csv"), b"x").expect_err("no folder");
        assert!(err.to_string().contains("lijst.csv"), "{err}");
    }
}
