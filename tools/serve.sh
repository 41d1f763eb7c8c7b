#!/usr/bin/env bash
# serve.sh: README command 1. Installs what is missing, builds the page
# (wasm preset) and serves it on 127.0.0.1, printing the address.
# PORT=8080 by default.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash tools/deps.sh
export NODE_PATH=/usr/share/nodejs   # Debian emcc's acorn (TOOLCHAIN.md quirk 1)
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j"$(nproc)" --target convlab_app convlab_app_scalar convlab_app_threads convlab_web_manifest
exec node tools/static_server.mjs build/wasm/web "${PORT:-8080}"
