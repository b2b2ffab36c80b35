#!/usr/bin/env python3
"""Writes tests/advisories/rustsec.tsv from a copy of the RustSec advisory database.

The test `cargo test --test advisories` reads that file and Cargo.lock, and fails when a locked
crate has a known vulnerability. The file is kept in the repository so that the test needs no
network (CI reaches only 127.0.0.1); this script brings it up to date where a copy of the
database is at hand:

    scripts/advisories.py PATH

PATH is a clone of github.com/rustsec/advisory-db, a work tree or a bare git directory (the
newest commit is read). One line per advisory that is not withdrawn:

    crate <TAB> id <TAB> kind <TAB> patched <TAB> unaffected

kind is `vulnerability`, or the advisory's `informational` value (unmaintained, unsound,
notice); patched and unaffected are the version requirements joined by ` | ` (`-` when none).
"""

import os
import re
import subprocess
import sys
import tomllib

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "advisories", "rustsec.tsv")


def git(db, *args):
    return subprocess.run(
        ["git", "--git-dir", db, *args], capture_output=True, check=True
    ).stdout


def advisories(path):
    """(commit, date, [(file name, text)]) of the database at `path`."""
    db = path if os.path.isfile(os.path.join(path, "HEAD")) else os.path.join(path, ".git")
    commit, date = git(db, "log", "-1", "--format=%H %cs").decode().split()
    names = [
        n
        for n in git(db, "ls-tree", "-r", "--name-only", "HEAD", "crates").decode().split("\n")
        if n.count("/") == 2 and n.endswith(".md")
    ]
    batch = subprocess.run(
        ["git", "--git-dir", db, "cat-file", "--batch"],
        input="".join(f"HEAD:{n}\n" for n in names).encode(),
        capture_output=True,
        check=True,
    ).stdout
    files, at = [], 0
    for n in names:
        header_end = batch.index(b"\n", at)
        size = int(batch[at:header_end].split()[2])
        body = batch[header_end + 1 : header_end + 1 + size]
        files.append((n, body.decode()))
        at = header_end + 1 + size + 1
    return commit, date, files


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    commit, date, files = advisories(sys.argv[1])
    rows = []
    for name, text in files:
        front = re.search(r"```toml\n(.*?)\n```", text, re.S)
        if not front:
            sys.exit(f"{name}: no TOML front matter")
        meta = tomllib.loads(front.group(1))
        adv, versions = meta["advisory"], meta.get("versions", {})
        if adv.get("withdrawn"):
            continue
        reqs = lambda key: " | ".join(versions.get(key, [])) or "-"
        rows.append(
            (
                adv["package"],
                adv["id"],
                adv.get("informational") or "vulnerability",
                reqs("patched"),
                reqs("unaffected"),
            )
        )
    rows.sort()
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(f"# RustSec advisory-db {commit} ({date}), by scripts/advisories.py\n")
        f.write("# crate\tid\tkind\tpatched\tunaffected\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} advisories from {commit[:12]} ({date}) written to {OUT}")


if __name__ == "__main__":
    main()
