#!/usr/bin/env bash
# test.sh: README command 2, and all that CI runs. Installs what is missing,
# builds every preset and runs every test, printing how long each stage took:
#   native  doctest core tests + CLI tests through ctest
#   asan    the same under AddressSanitizer + UndefinedBehaviorSanitizer
#   fuzz    libFuzzer on the importers and the URL decoder, bounded in time
#   wasm    the core tests compiled to wasm (SIMD) and run under node
#   browser the page in headless Chromium (Playwright): renders, no errors
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs
jobs=$(nproc)
FUZZ_SECONDS=${FUZZ_SECONDS:-30}

t_all=$(date +%s)
stage() {  # stage NAME COMMAND...: runs a stage and reports its time
  local name=$1; shift
  local t0; t0=$(date +%s)
  echo "==> [$name] start"
  "$@"
  echo "==> [$name] done in $(( $(date +%s) - t0 )) s"
}

native() {
  cmake --preset native >/dev/null
  cmake --build --preset native -j"$jobs"
  ctest --preset native
}
asan() {
  cmake --preset asan >/dev/null
  cmake --build --preset asan -j"$jobs"
  ctest --preset asan
}
fuzz() {
  cmake --preset fuzz -DCONVLAB_FUZZ_SECONDS="$FUZZ_SECONDS" >/dev/null
  cmake --build --preset fuzz -j"$jobs"
  ctest --test-dir build/fuzz --output-on-failure
}
wasm() {
  cmake --preset wasm >/dev/null
  cmake --build --preset wasm -j"$jobs"
  ctest --preset wasm
}
browser() {
  node tests/browser/run.mjs
}

stage deps bash tools/deps.sh
stage native native
stage asan asan
stage fuzz fuzz
stage wasm wasm
stage browser browser
echo "==> all stages passed in $(( $(date +%s) - t_all )) s"
