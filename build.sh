#!/usr/bin/env bash
# corelab's one entry point. On a machine with rustup, Node/npm and apt it installs whatever is
# missing (pinned nightly, wasm-bindgen-cli, npm packages, Debian's browsers), builds, and then:
#   ./build.sh serve [--port N]   serve the page with the isolation headers and print the URL
#   ./build.sh serve --lan        the same over https on the local network, for a phone (QR code)
#   ./build.sh test               run every test: cargo, ESLint, JS unit tests, Playwright in
#                                 Chromium, smoke tests in Firefox ESR and WebKitGTK
#   ./build.sh bench [options]    run a sweep headless in Chromium (./build.sh bench --help);
#                                 --browser firefox|webkit runs it there, --runtime python runs
#                                 the seeds' Python instead
#   ./build.sh build              build only
#   ./build.sh dist               write dist/, the static site for any https host
# A second run skips what is installed and rebuilds only what changed.
set -euo pipefail
# Where the command was typed: `bench --out FILE` writes FILE relative to it.
export CORELAB_CALLER_DIR=$PWD
cd "$(dirname "$0")"
ROOT=$PWD
TOOLS=$ROOT/.tools
PKG=$ROOT/pkg
WASM_TARGET=wasm32-unknown-unknown
WASM_OUT=$ROOT/target/$WASM_TARGET/release/corelab.wasm
SERVER=$ROOT/target/release/corelab

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root for: $* (run as root or install sudo)"; fi
}

ensure_rust() {
  command -v rustup >/dev/null || die "rustup is missing: install it from rustup.rs, then run this again"
  # rustup does not add components or targets to an installed toolchain when merely invoked;
  # an explicit install reads rust-toolchain.toml and adds what is missing (fast when complete).
  local channel components component missing=""
  channel=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)
  components=$(rustup component list --toolchain "$channel" --installed 2>/dev/null || true)
  # Installed names carry the host triple (clippy-x86_64-...), except rust-src.
  for component in rust-src rustfmt clippy; do
    grep -q "^$component\(-\|\$\)" <<<"$components" || missing=1
  done
  if [ -n "$missing" ] ||
     ! rustup target list --toolchain "$channel" --installed 2>/dev/null | grep -q "^$WASM_TARGET\$"; then
    say "installing Rust $channel with rust-src, rustfmt, clippy and $WASM_TARGET"
    rustup toolchain install
  fi
}

# The CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
ensure_wasm_bindgen() {
  local want have=""
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
  [ -n "$want" ] || die "wasm-bindgen not found in Cargo.lock"
  [ -x "$TOOLS/bin/wasm-bindgen" ] && have=$("$TOOLS/bin/wasm-bindgen" --version | awk '{print $2}')
  if [ "$have" != "$want" ]; then
    say "installing wasm-bindgen-cli $want into .tools/ (about 5 minutes, once)"
    # Not --locked: its lockfile pins a webpki-roots version the index no longer serves.
    cargo install wasm-bindgen-cli --version "$want" --root "$TOOLS" --force
  fi
}

ensure_npm() {
  command -v npm >/dev/null || die "npm is missing: install Node.js 20.19 or newer, then run this again"
  # ESLint 10 needs 20.19 (require of ES modules); say so rather than fail inside it.
  node -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1)' ||
    die "Node.js $(node --version) is too old: install Node.js 20.19 or newer, then run this again"
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages"
    npm ci --no-audit --no-fund
  fi
}

chromium_path() {
  local candidate
  for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    [ -n "$candidate" ] && [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
}

ensure_chromium() {
  if [ -z "$(chromium_path)" ]; then
    command -v apt-get >/dev/null || die "Chromium is missing and apt-get is not available: install Chromium and set CHROMIUM_PATH"
    say "installing Debian's chromium"
    apt_install chromium
  fi
  CHROMIUM_PATH=$(chromium_path)
  export CHROMIUM_PATH
}

# Installs Debian packages (one apt-get update per run of this script, on first need).
APT_UPDATED=
apt_install() {
  command -v apt-get >/dev/null || die "apt-get is not available: install $* by hand, then run this again"
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

# Firefox ESR, driven by puppeteer-core over WebDriver BiDi (bench/browsers.mjs).
ensure_firefox() {
  if [ -n "${FIREFOX_PATH:-}" ]; then
    [ -x "$FIREFOX_PATH" ] || die "FIREFOX_PATH=$FIREFOX_PATH is not an executable"
  else
    FIREFOX_PATH=/usr/bin/firefox-esr
    if [ ! -x "$FIREFOX_PATH" ]; then
      say "installing Debian's firefox-esr"
      apt_install firefox-esr
    fi
  fi
  export FIREFOX_PATH
}

# WebKitGTK: WebKitWebDriver (webkit2gtk-driver, which brings MiniBrowser with libwebkit2gtk) and
# the virtual display it runs under (xvfb).
MINIBROWSER=/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser
ensure_webkit() {
  if ! command -v WebKitWebDriver >/dev/null || ! command -v Xvfb >/dev/null || [ ! -x "${MINIBROWSER_PATH:-$MINIBROWSER}" ]; then
    say "installing Debian's webkit2gtk-driver and xvfb"
    apt_install webkit2gtk-driver xvfb
  fi
}

build() {
  # Results record the source revision the kernels were built from (see catalogue::Build).
  if git rev-parse --git-dir >/dev/null 2>&1; then
    CORELAB_SOURCE="$(git rev-parse --short=12 HEAD)"
    git diff --quiet HEAD -- src Cargo.toml Cargo.lock || CORELAB_SOURCE="$CORELAB_SOURCE+modified"
    export CORELAB_SOURCE
  fi
  # One build at a time per checkout, installs included: cargo locks its own folder, but two
  # builds at once (a `serve` started while `test` builds) would both run npm ci and rewrite
  # pkg/. flock holds the lock while `./build.sh build` runs under it, and -o keeps the lock
  # from that process and its children (a compiler cache's server left running would hold it).
  # The lock file is in .tools/, which `cargo clean` leaves alone. Without flock (it comes with
  # util-linux), builds are not serialised.
  if [ -z "${CORELAB_BUILD_LOCKED:-}" ] && command -v flock >/dev/null; then
    mkdir -p "$TOOLS"
    flock -n "$TOOLS/build.lock" true || say "waiting for another ./build.sh in this checkout to finish building"
    CORELAB_BUILD_LOCKED=1 flock -o "$TOOLS/build.lock" "$ROOT/build.sh" build
    return
  fi
  ensure_rust
  ensure_wasm_bindgen
  ensure_npm
  say "building the server and the native kernels"
  cargo build --release --bin corelab
  say "building the wasm kernels"
  # build-std on the command line, not in .cargo/config.toml, so native builds stay plain.
  cargo build --release --lib --target "$WASM_TARGET" -Z build-std=panic_abort,std
  mkdir -p "$PKG"
  # Also redone when this script or the helper's patch changes, so a new wasm-opt flag takes
  # effect without a rebuild. The stamp is written last: a step that failed half-way is redone.
  local stamp="$PKG/.bindings"
  if [ ! -f "$stamp" ] || [ "$WASM_OUT" -nt "$stamp" ] || [ "$ROOT/build.sh" -nt "$stamp" ] ||
     [ "$ROOT/scripts/patch-pool-helper.mjs" -nt "$stamp" ]; then
    say "generating JS bindings and optimising the wasm"
    rm -f "$stamp"
    # Snippets are regenerated whole: one a past build had and this one has not must not linger.
    rm -rf "$PKG/snippets"
    "$TOOLS/bin/wasm-bindgen" "$WASM_OUT" --out-dir "$PKG" --target web --no-typescript
    # A missing link flag gives single-threaded glue without any error; catch it here.
    grep -q 'shared:true\|shared: true' "$PKG/corelab.js" ||
      die "pkg/corelab.js does not create shared memory: check the link flags in .cargo/config.toml"
    # Pool workers start from the helper's own URL, not a blob: copy, and initialise the glue
    # the way this wasm-bindgen asks (see the script).
    node scripts/patch-pool-helper.mjs "$PKG"/snippets/wasm-bindgen-rayon-*/src/workerHelpers.no-bundler.js
    # The glue is fetched by the compute worker and imported by every pool worker: minified,
    # it is 3 kB less on the wire and less for each worker to parse.
    node_modules/.bin/esbuild "$PKG/corelab.js" --minify --charset=utf8 --log-level=warning \
      --outfile="$PKG/corelab.js" --allow-overwrite
    # Explicit features, not -all: Chromium rejects what -all produces.
    # --low-memory-unused lets -O3 fold `i32.add(p, C)` into the load's or store's offset.
    # LLVM leaves such adds in (a 32-bit add may wrap, an offset may not), and V8 then spends
    # a 32-bit `lea` on every access. Only a pointer within C bytes of 4 GiB could behave
    # differently, and none exists: memory is at most 1 GiB and the stack comes first, so
    # [0, 1 KiB) is the bottom of the main thread's 1 MiB stack. Sort at 1 worker, pool
    # thread CPU, alternated with the plain -O3 build: 7-10% faster over three runs of
    # 15-25. Six other workloads and sha256 were unchanged within noise (issue 11).
    node_modules/.bin/wasm-opt -O3 --low-memory-unused "$PKG/corelab_bg.wasm" -o "$PKG/corelab_bg.wasm" \
      --enable-threads --enable-bulk-memory --enable-bulk-memory-opt --enable-mutable-globals \
      --enable-reference-types --enable-multivalue --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-call-indirect-overlong --enable-simd
    touch "$stamp"
  fi
  "$SERVER" catalogue --out "$PKG/catalogue.json" --wasm "$PKG/corelab_bg.wasm"
  # Chart.js with only the parts the pages draw (see scripts/charts.mjs), bundled and minified.
  if [ ! -f "$PKG/vendor/chartjs.js" ] || [ scripts/charts.mjs -nt "$PKG/vendor/chartjs.js" ] ||
     [ package-lock.json -nt "$PKG/vendor/chartjs.js" ]; then
    rm -rf "$PKG/vendor"
    node_modules/.bin/esbuild scripts/charts.mjs --bundle --format=esm --minify --legal-comments=eof \
      --log-level=warning --outfile="$PKG/vendor/chartjs.js"
  fi
  # The pages' capability checks (wasm threads, SIMD): an ES module, imported by www/js/environment.js.
  cp node_modules/wasm-feature-detect/dist/esm/index.js "$PKG/vendor/wasm-feature-detect.js"
  # The isolation fallback for static hosts: a service worker must sit at the page's own level
  # to control it, so this one build product lives in www/ (git-ignored).
  cp node_modules/coi-serviceworker/coi-serviceworker.min.js www/coi-serviceworker.min.js
  # The pages as they go out: www/ with its scripts and stylesheet minified (see scripts/site.mjs).
  node scripts/site.mjs www "$PKG/site"
  # Brotli and gzip copies of the build output, which the server sends as they are.
  node scripts/precompress.mjs "$PKG"
}

cmd=${1:-help}
[ $# -gt 0 ] && shift
case "$cmd" in
  build) build ;;
  dist)
    build
    # The static site: the pages at the top, the wasm, catalogue and vendored scripts in pkg/,
    # the coi-serviceworker beside index.html. Any static https host serves it as it is.
    say "writing dist/: the static site"
    rm -rf "$ROOT/dist"
    mkdir -p "$ROOT/dist/pkg"
    # The pages as they go out (minified: see scripts/site.mjs), then the rest of the build.
    cp -R "$PKG/site/." "$ROOT/dist/"
    cp -R "$PKG/." "$ROOT/dist/pkg/"
    rm -rf "$ROOT/dist/pkg/site" "$ROOT/dist/pkg/.bindings"
    # The precompressed copies are for corelab's own server; static hosts compress by themselves.
    find "$ROOT/dist" \( -name '*.br' -o -name '*.gz' \) -delete
    # The kernels under their build's id, where the page imports them (see BUILD_PREFIX in
    # src/server.rs): a new build gets new URLs, so no host's cache can serve an old one.
    build_id=$(node -p "require('$PKG/catalogue.json').build.wasm")
    mkdir -p "$ROOT/dist/build/$build_id"
    mv "$ROOT/dist/pkg/corelab.js" "$ROOT/dist/pkg/corelab_bg.wasm" "$ROOT/dist/pkg/snippets" "$ROOT/dist/build/$build_id/"
    # A static host sends no Content-Security-Policy, so every page carries the server's in a
    # <meta> right after its charset, less frame-ancestors, which a <meta> cannot set.
    node scripts/csp-meta.mjs "$("$SERVER" csp --meta)" "$ROOT/dist"
    say "dist/ is ready: upload it to any static https host (see the README)"
    ;;
  serve)
    build
    say "starting the server"
    exec "$SERVER" serve "$@"
    ;;
  test)
    ensure_chromium
    ensure_firefox
    ensure_webkit
    build
    say "formatting: cargo fmt --check"
    cargo fmt --check
    say "lints: cargo clippy, native (all targets) and wasm, warnings as errors"
    cargo clippy --release --all-targets -- -D warnings
    cargo clippy --release --lib --target "$WASM_TARGET" -Z build-std=panic_abort,std -- -D warnings
    say "cargo tests"
    cargo test --release
    say "JS lint: eslint"
    node_modules/.bin/eslint .
    say "JS unit tests"
    node --test tests/unit/
    say "browser tests (Playwright in $CHROMIUM_PATH)"
    node_modules/.bin/playwright test "$@"
    say "smoke tests in Firefox ESR (puppeteer-core over WebDriver BiDi)"
    node --test tests/engines/firefox.test.mjs
    say "smoke tests in WebKitGTK (WebKitWebDriver under Xvfb)"
    node --test tests/engines/webkit.test.mjs
    ;;
  bench)
    # The browser the sweep runs in (--browser NAME or --browser=NAME; Chromium by default).
    browser=chromium
    previous=
    for arg in "$@"; do
      # The usage needs nothing installed or built.
      case "$arg" in -h|--help) exec node bench/headless.mjs --help ;; esac
      case "$arg" in --browser=*) browser=${arg#--browser=} ;; esac
      [ "$previous" = --browser ] && browser=$arg
      previous=$arg
    done
    case "$browser" in
      firefox) ensure_firefox ;;
      webkit) ensure_webkit ;;
      *) ensure_chromium ;;
    esac
    build
    exec node bench/headless.mjs "$@"
    ;;
  help|-h|--help)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    ;;
  *) die "unknown command '$cmd': use serve, test, bench, build or dist" ;;
esac
