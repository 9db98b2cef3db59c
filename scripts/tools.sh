#!/usr/bin/env bash
# Installs what building, serving and testing comment-widget need, each only
# when missing, from the registries this project may use (crates.io, PyPI, npm,
# Debian's apt). Quiet when everything is there; says what it does otherwise.
# Sourced by scripts/serve.sh and scripts/test.sh; it also exports PATH.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
TRUNK_VERSION="0.21.14"   # 0.22.x does not build on this toolchain
AIOSMTPD_VERSION=1.4.6
ISSO_VERSION="0.14.0"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '==> %s\n' "$*" >&2; }

# The wasm-bindgen version Cargo.lock resolved: wasm-bindgen-cli must match it
# exactly, and Trunk reads the same line.
lock_version() {
  awk -v want="$1" '$1 == "name" && $3 == "\"" want "\"" { getline; gsub(/"/, "", $3); print $3; exit }' "$ROOT/Cargo.lock"
}

if ! command -v cargo >/dev/null; then
  echo "cargo is missing: install Rust with rustup first (https://rustup.rs)" >&2
  exit 1
fi

# Debian packages: Chromium for every browser test; WordPress, PHP and
# MariaDB for the WordPress end-to-end tests (each run starts its own MariaDB).
APT_NEEDED=()
# What `cargo install` of trunk and wasm-bindgen-cli compiles against.
command -v cc >/dev/null || APT_NEEDED+=(build-essential)
command -v pkg-config >/dev/null || APT_NEEDED+=(pkg-config)
[ -f /usr/include/openssl/ssl.h ] || APT_NEEDED+=(libssl-dev)
# Node for the end-to-end tests and wasm-opt; a Python that can make a venv for Isso.
command -v node >/dev/null || APT_NEEDED+=(nodejs)
command -v npm >/dev/null || APT_NEEDED+=(npm)
python3 -c "import venv, ensurepip" 2>/dev/null || APT_NEEDED+=(python3-venv)
# What compiles the Waline server's SQLite module (below): make, g++, Node's headers.
command -v make >/dev/null || APT_NEEDED+=(make)
command -v g++ >/dev/null || APT_NEEDED+=(g++)
[ -f /usr/include/node/node_api.h ] || APT_NEEDED+=(libnode-dev)
[ -x /usr/bin/chromium ] || APT_NEEDED+=(chromium)
[ -x /usr/bin/chromedriver ] || APT_NEEDED+=(chromium-driver)
# The other two engines, through WebDriver: Firefox ESR (with geckodriver,
# below) and WebKitGTK's MiniBrowser with WebKitWebDriver under Xvfb.
[ -x /usr/bin/firefox-esr ] || APT_NEEDED+=(firefox-esr)
command -v WebKitWebDriver >/dev/null || APT_NEEDED+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null || APT_NEEDED+=(xvfb)
# The release's precompressed .gz files are made by zopfli (about 5% smaller
# than gzip -9, and any gzip reader reads them).
command -v zopfli >/dev/null || APT_NEEDED+=(zopfli)
[ -f /usr/share/wordpress/wp-load.php ] || APT_NEEDED+=(wordpress)
[ -d /usr/share/wordpress/wp-content/themes/twentytwentythree ] || APT_NEEDED+=(wordpress-theme-twentytwentythree)
# A classic theme, for the plugin's comments area (comments_template).
[ -d /usr/share/wordpress/wp-content/themes/twentytwentyone ] || APT_NEEDED+=(wordpress-theme-twentytwentyone)
command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ] || APT_NEEDED+=(mariadb-server)
command -v php >/dev/null || APT_NEEDED+=(php-cli)
php -m 2>/dev/null | grep -x mysqli >/dev/null || APT_NEEDED+=(php-mysql)
# PHP's DOM, with which the plugin prints the thread into the page.
php -m 2>/dev/null | grep -x dom >/dev/null || APT_NEEDED+=(php-xml)
if [ ${#APT_NEEDED[@]} -gt 0 ]; then
  say "installing from Debian: ${APT_NEEDED[*]} (about 2 minutes)"
  export DEBIAN_FRONTEND=noninteractive
  APT_LOG="$(mktemp)"
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${APT_NEEDED[@]}"; } >"$APT_LOG" 2>&1; then
    cat "$APT_LOG" >&2
    exit 1
  fi
  rm -f "$APT_LOG"
fi
# Debian's wp-config.php reads /etc/wordpress/config-<host>.php; ours takes
# every value from the environment of the test's own server.
if ! cmp -s "$ROOT/tests/wordpress/config-127.0.0.1.php" /etc/wordpress/config-127.0.0.1.php; then
  install -D -m 0644 "$ROOT/tests/wordpress/config-127.0.0.1.php" /etc/wordpress/config-127.0.0.1.php
fi

if ! rustup target list --installed 2>/dev/null | grep -x wasm32-unknown-unknown >/dev/null; then
  say "adding the wasm32-unknown-unknown target (about 20 s)"
  rustup target add wasm32-unknown-unknown >/dev/null
fi

# The shipped wasm is built by a pinned nightly when rustup can bring it:
# with the standard library rebuilt for size, panics that abort at once, no
# panic locations and no Debug text, it is about 19 KB gzip smaller (145,633 against 164,414 bytes in all)
# (../shared/notes/toolchain.md). Toolchains are not among the registries this
# project promises, so when the nightly cannot be installed the release build
# falls back to stable (scripts/size.sh then holds it to the stable budget).
# Host tests, clippy and the browser tests stay on stable.
NIGHTLY="nightly-2026-10-29"
CW_NIGHTLY=""
if ! rustup run "$NIGHTLY" rustc --print sysroot >/dev/null 2>&1 \
  || ! rustup component list --toolchain "$NIGHTLY" --installed 2>/dev/null | grep -qx rust-src \
  || ! rustup target list --toolchain "$NIGHTLY" --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "installing the pinned $NIGHTLY for the release wasm (about 20 s)"
  rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src \
    --target wasm32-unknown-unknown >/dev/null 2>&1 \
    || say "could not install $NIGHTLY: release builds use stable (about 19 KB gzip larger)"
fi
if NIGHTLY_SYSROOT="$(rustup run "$NIGHTLY" rustc --print sysroot 2>/dev/null)" \
  && [ -f "$NIGHTLY_SYSROOT/lib/rustlib/src/rust/library/Cargo.toml" ]; then
  # The standard library's own dependencies, for building it offline.
  if cargo "+$NIGHTLY" fetch --quiet --manifest-path "$NIGHTLY_SYSROOT/lib/rustlib/src/rust/library/Cargo.toml" >/dev/null 2>&1; then
    CW_NIGHTLY="$NIGHTLY"
  else
    say "could not fetch the standard library's crates for $NIGHTLY: release builds use stable"
  fi
fi

# `trunk build|serve --release --offline ARGS`, by the nightly when there is
# one. Records which toolchain built it in target/release-toolchain.
trunk_release() {
  local verb="$1"; shift
  mkdir -p "$ROOT/target"
  if [ -n "$CW_NIGHTLY" ]; then
    echo "$CW_NIGHTLY" >"$ROOT/target/release-toolchain"
    RUSTUP_TOOLCHAIN="$CW_NIGHTLY" CARGO_TARGET_DIR="$ROOT/target/nightly" \
      RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none" \
      CARGO_UNSTABLE_BUILD_STD="std,panic_abort" CARGO_UNSTABLE_BUILD_STD_FEATURES="" \
      trunk "$verb" --release --offline "$@"
  else
    echo "stable" >"$ROOT/target/release-toolchain"
    trunk "$verb" --release --offline "$@"
  fi
}

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION from crates.io (about 10 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --quiet
fi

BINDGEN_VERSION="$(lock_version wasm-bindgen)"
if [ -z "$BINDGEN_VERSION" ]; then
  (cd "$ROOT" && cargo generate-lockfile --quiet)
  BINDGEN_VERSION="$(lock_version wasm-bindgen)"
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $BINDGEN_VERSION (the Cargo.lock version) from crates.io (about 3 minutes)"
  # Not --locked: its lock names a webpki-roots release the registry here lacks.
  cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION" --force --quiet
fi

GECKODRIVER_VERSION="0.37.1"
if [ "$(geckodriver --version 2>/dev/null | head -n1 | awk '{print $2}')" != "$GECKODRIVER_VERSION" ]; then
  say "installing geckodriver $GECKODRIVER_VERSION from crates.io (about 4 minutes)"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --quiet
fi

# wasm-opt (binaryen), playwright-core, axe-core, TypeScript, esbuild (the
# loader's modules), terser, csso, selenium-webdriver and altcha-lib (the
# generic test server's spam check), pinned by package-lock.json.
if [ ! -x "$ROOT/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/node_modules/playwright-core" ] \
  || [ ! -x "$ROOT/node_modules/.bin/tsc" ] || [ ! -d "$ROOT/node_modules/selenium-webdriver" ] \
  || [ ! -d "$ROOT/node_modules/csso" ] || [ ! -d "$ROOT/node_modules/esbuild" ] || [ ! -d "$ROOT/node_modules/altcha-lib" ] \
  || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
  say "installing node packages: binaryen (wasm-opt), playwright-core, axe-core, typescript, esbuild, terser, csso, selenium-webdriver, altcha-lib"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

if [ "$("$TOOLS/isso-venv/bin/pip" show isso 2>/dev/null | awk '/^Version:/ {print $2}')" != "$ISSO_VERSION" ]; then
  say "installing Isso $ISSO_VERSION into .tools/isso-venv (about 30 s)"
  python3 -m venv "$TOOLS/isso-venv"
  "$TOOLS/isso-venv/bin/pip" install --quiet --disable-pip-version-check "isso==$ISSO_VERSION"
fi
# The Waline server the end-to-end tests and the demo post to (npm
# @waline/vercel, pinned by tests/waline/package-lock.json), in a folder of
# its own: its SQLite module (sqlite3) is compiled here from Node's headers,
# as no prebuilt binary can be downloaded (make, g++ and python3 build it).
WALINE_DIR="$TOOLS/waline"
if [ ! -f "$WALINE_DIR/node_modules/sqlite3/build/Release/node_sqlite3.node" ] \
  || [ ! -f "$WALINE_DIR/node_modules/@waline/vercel/index.js" ] \
  || ! cmp -s "$ROOT/tests/waline/package-lock.json" "$WALINE_DIR/package-lock.json"; then
  say "installing the Waline server (@waline/vercel from npm) into .tools/waline, its SQLite module compiled from source (about 90 s)"
  rm -rf "$WALINE_DIR"
  mkdir -p "$WALINE_DIR"
  cp "$ROOT/tests/waline/package.json" "$ROOT/tests/waline/package-lock.json" "$WALINE_DIR/"
  (cd "$WALINE_DIR" && npm_config_build_from_source=true npm_config_nodedir=/usr \
    npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
# The SMTP sink the reply-notification test gives Isso (aiosmtpd, from PyPI).
if [ "$("$TOOLS/isso-venv/bin/pip" show aiosmtpd 2>/dev/null | awk '/^Version:/ {print $2}')" != "$AIOSMTPD_VERSION" ]; then
  say "installing aiosmtpd $AIOSMTPD_VERSION into .tools/isso-venv, the tests' mail sink (about 10 s)"
  "$TOOLS/isso-venv/bin/pip" install --quiet --disable-pip-version-check "aiosmtpd==$AIOSMTPD_VERSION"
fi
