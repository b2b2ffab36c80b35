#!/usr/bin/env bash
# End-to-end tests of the desktop app in a real window: builds the UI and the app, then runs
# tests/e2e (fantoccini -> tauri-driver -> WebKitWebDriver -> the app) under Xvfb.
# Screenshots and measurements land in target/e2e-screenshots/.
#
# Needs (installed by the setup script, not here): the WebKitGTK dev packages, xvfb, xauth,
# webkit2gtk-driver (WebKitWebDriver), node + npm, and `cargo install tauri-driver --locked`.
# Idempotent: run it as often as you like.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

for tool in xvfb-run WebKitWebDriver npm; do
  command -v "$tool" >/dev/null || { echo "e2e: $tool is missing (run the setup script)" >&2; exit 1; }
done
if ! command -v tauri-driver >/dev/null && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
  echo "e2e: tauri-driver is missing: cargo install tauri-driver --locked" >&2
  exit 1
fi

echo "e2e: building the UI (ui/dist)"
(cd ui && npm install --no-audit --no-fund --loglevel=error && npm run build)

echo "e2e: building the app"
cargo build -p raadsvolger-app --features custom-protocol
cargo build -p raadsvolger-tests --bin fixture-server

rm -rf target/e2e-screenshots
echo "e2e: running the tests in a real window"
export WEBKIT_DISABLE_DMABUF_RENDERER=1 NO_AT_BRIDGE=1
# The web view keeps its own storage (local storage, caches) in the data folder of the app's
# identifier; each run gets a fresh one, so nothing a window saved in one run shows in the next.
XDG_DATA_HOME="$(mktemp -d)"
export XDG_DATA_HOME
xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test -p raadsvolger-e2e -- --test-threads=1 "$@"

echo "e2e: screenshots in target/e2e-screenshots/"
cat target/e2e-screenshots/measurements.txt 2>/dev/null || true
