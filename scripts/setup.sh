#!/usr/bin/env bash
# Installs what Raadsvolger needs to build, run and test on Debian 12, and nothing that is
# already there: a second run takes a few seconds.
#
#   scripts/setup.sh core   Rust components (rustfmt, clippy)
#   scripts/setup.sh app    + the system libraries of the desktop app (WebKitGTK) and ui/ packages
#   scripts/setup.sh test   + what the end-to-end tests drive the app with (Xvfb, WebKitWebDriver,
#                           tauri-driver)
set -euo pipefail
cd "$(dirname "$0")/.."

want=${1:-test}

log() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        log "need root to run: $*"; exit 1
    fi
}

apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

# --- core: the Rust toolchain's own components -----------------------------------------------
if ! command -v cargo >/dev/null; then
    log "cargo is missing: install Rust (rustup) first"; exit 1
fi
for component in rustfmt clippy; do
    if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
        log "adding rust component $component"
        rustup component add "$component"
    fi
done
# hunspell-nl: the Dutch word list that search splits compounds with (index/lexicon.rs).
apt_install build-essential pkg-config hunspell-nl
# Scanned PDFs: pages drawn by pdftoppm and read by Tesseract's Dutch model (import/ocr.rs).
apt_install tesseract-ocr tesseract-ocr-nld poppler-utils
[ "$want" = core ] && exit 0

# --- app: WebKitGTK and friends, and the ui/ packages ------------------------------------------
apt_install file curl ca-certificates libwebkit2gtk-4.1-dev libjavascriptcoregtk-4.1-dev \
    libsoup-3.0-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev
if [ -f ui/package.json ]; then
    if ! command -v npm >/dev/null; then
        apt_install nodejs npm
    fi
    if [ ! -d ui/node_modules ] || [ ui/package.json -nt ui/node_modules/.installed ]; then
        log "installing ui/ packages"
        (cd ui && npm install --no-audit --no-fund --loglevel=error && touch node_modules/.installed)
    fi
    # The app embeds ui/dist at compile time (even for clippy): build it once when missing.
    if [ ! -f ui/dist/index.html ]; then
        log "building ui/dist"
        (cd ui && npm run build --silent)
    fi
fi
[ "$want" = app ] && exit 0

# --- test: a display and a WebDriver for the real window ---------------------------------------
# imagemagick: screenshots from the X server when WebDriver's do not come.
apt_install xvfb xauth dbus-x11 webkit2gtk-driver imagemagick
if [ -f src-tauri/Cargo.toml ] && ! command -v tauri-driver >/dev/null; then
    log "installing tauri-driver (about 90 s)"
    cargo install tauri-driver --locked --quiet
fi
exit 0
