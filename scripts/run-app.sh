#!/usr/bin/env bash
# Opens the Raadsvolger desktop app on the embedded example dossier (mensenhandel in Almere,
# 2015–2024), in an archive of its own under target/, so your own archive is left alone. The
# dossier is loaded into that archive at start (documents already there are skipped). Without a
# display the window opens on a virtual screen (Xvfb).
#
# Without the desktop app's sources it falls back to the command-line interface.
set -euo pipefail
cd "$(dirname "$0")/.."

archive=${RAADSVOLGER_ARCHIVE:-$PWD/target/voorbeelddossier}

if [ -f src-tauri/Cargo.toml ] && [ -f ui/package.json ]; then
    scripts/setup.sh app
    (cd ui && npm run build --silent)
    cargo build -p raadsvolger-app --features custom-protocol
    run=(target/debug/raadsvolger-app --archive "$archive" --demo)
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        echo "No display found: starting the app under Xvfb (a virtual screen)." >&2
        scripts/setup.sh test
        exec xvfb-run -a -s "-screen 0 1280x800x24" "${run[@]}"
    fi
    exec "${run[@]}"
fi

scripts/setup.sh core
cargo build -q -p raadsvolger-cli
target/debug/raadsvolger --archive "$archive" demo
echo
echo "Try: target/debug/raadsvolger --archive $archive search 'menselhandel'"
