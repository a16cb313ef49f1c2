#!/usr/bin/env bash
# The WebAssembly binding's tests, as ./scripts/test and CI run them on a
# fresh machine: installs what is missing (each step skipped when already
# there), builds both npm packages, then runs wasm-bindgen-test in Node and
# in headless Chromium, a Node smoke test of pkg-node/, and the end-to-end
# test of the live preview page (which saves target/screenshot.png; UPDATE_SCREENSHOT=1 refreshes www/screenshot.png, the README's).
set -euo pipefail
cd "$(dirname "$0")"
repo_dir=$(cd ../.. && pwd)
export PATH="$HOME/.cargo/bin:$PATH"

# `npm run build` installs the wasm32 target and wasm-bindgen-cli when missing.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "run-tests.sh: Chromium is missing; install it as root: apt-get install -y chromium chromium-driver" >&2
        exit 1
    fi
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
fi

npm run build

echo "== wasm-bindgen-test in Node"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test -p wikitext-wasm --target wasm32-unknown-unknown --test node

echo "== wasm-bindgen-test in headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER=/usr/bin/chromedriver \
    cargo test -p wikitext-wasm --target wasm32-unknown-unknown --test browser

echo "== Node smoke test of pkg-node/"
node --test scripts/smoke-node.test.mjs

echo "== The live preview page in headless Chromium"
node --test scripts/e2e.test.mjs
