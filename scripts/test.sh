#!/usr/bin/env bash
# Runs every test of Raadsvolger: formatting, lints, the unit and integration tests of the core
# and the CLI (including the deadline evaluation against ../shared/eval), and, once the desktop
# app is there, its UI tests and the end-to-end tests in a real window.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh test

step() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }

step "cargo fmt --check"
cargo fmt --all --check

# The default members (core, CLI, integration tests) build and test together; the desktop app
# and its WebDriver tests are built on their own, so features do not unify into a second build
# of the whole Tauri tree.
step "cargo clippy (warnings are errors)"
cargo clippy --all-targets --locked -- -D warnings
for pkg in raadsvolger-app raadsvolger-e2e; do
    if cargo metadata --no-deps --format-version 1 2>/dev/null | grep -q "\"name\":\"$pkg\""; then
        cargo clippy -p "$pkg" --all-targets --locked -- -D warnings
    fi
done

step "cargo test (core, CLI, integration, deadline evaluation)"
CI=true cargo test --locked

if [ -f src-tauri/Cargo.toml ]; then
    step "desktop app: command layer (tauri mock runtime) and generated TypeScript types"
    (cd ui && npm run build --silent)
    cargo test -p raadsvolger-app --locked
fi

if [ -f ui/package.json ]; then
    step "ui: type check and unit tests"
    (cd ui && npx tsc --noEmit && npx vitest run)
fi

if [ -x scripts/e2e.sh ]; then
    step "desktop app: end-to-end in a real window"
    scripts/e2e.sh
fi
step "all tests passed"
