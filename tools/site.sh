#!/usr/bin/env bash
# site.sh OUT_DIR: the page as a folder any static host serves (GitHub Pages,
# Netlify, Cloudflare Pages, a school's web server, a USB stick behind
# `python3 -m http.server`). Builds the page as tools/serve.sh does (installing
# what is missing), then copies exactly the files of its version
# (version.json lists them, with their SHA-256, checked again on the copies)
# plus sw.js and version.json, and writes _headers, the Netlify / Cloudflare
# Pages file that sends the two cross-origin isolation headers. README.md,
# "Offline use and a static site", says what a host needs.
# CONVLAB_WEB_DIR=DIR copies an already built page folder instead of building.
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: bash tools/site.sh OUT_DIR" >&2
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
out=$1
if [ -n "${CONVLAB_WEB_DIR:-}" ]; then
  web=$(cd "$CONVLAB_WEB_DIR" && pwd)
else
  cd "$root"
  bash tools/deps.sh
  export NODE_PATH=/usr/share/nodejs   # Debian emcc's acorn (TOOLCHAIN.md quirk 1)
  cmake --preset wasm >/dev/null
  cmake --build --preset wasm -j"$(nproc)" --target convlab_app convlab_app_scalar convlab_app_threads convlab_web_manifest
  web=$root/build/wasm/web
fi
if [ ! -f "$web/version.json" ] || [ ! -f "$web/sw.js" ]; then
  echo "$web has no version.json / sw.js: run node tools/web_manifest.mjs $web" >&2
  exit 1
fi
# A folder of anything else is not emptied: only a previous site (it has version.json).
if [ -d "$out" ] && [ -n "$(ls -A "$out")" ] && [ ! -f "$out/version.json" ]; then
  echo "$out is not empty and is not a ConvLab site: give an empty or new folder" >&2
  exit 1
fi
out=$(realpath -m "$out")
case "$out/" in "$web/"*) echo "OUT_DIR must not be inside $web" >&2; exit 1 ;; esac
mkdir -p "$out"
find "$out" -mindepth 1 -delete
node --input-type=module - "$web" "$out" <<'EOF'
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
const [web, out] = process.argv.slice(2);
const manifest = JSON.parse(fs.readFileSync(path.join(web, "version.json"), "utf8"));
let bytes = 0;
for (const f of manifest.files) {
  fs.copyFileSync(path.join(web, f.name), path.join(out, f.name));
  const data = fs.readFileSync(path.join(out, f.name));
  // A file rebuilt after its manifest was written would make a site the
  // service worker refuses to install: caught here instead.
  if (crypto.createHash("sha256").update(data).digest("hex") !== f.sha256) {
    console.error(`${f.name} changed since version.json was written: rebuild (or rerun tools/web_manifest.mjs)`);
    process.exit(1);
  }
  bytes += data.length;
}
for (const name of ["version.json", "sw.js"]) fs.copyFileSync(path.join(web, name), path.join(out, name));
// Netlify and Cloudflare Pages read this file; other hosts need the two
// headers set their own way (README), or get them from sw.js after one reload.
fs.writeFileSync(path.join(out, "_headers"), [
  "/*",
  "  Cross-Origin-Opener-Policy: same-origin",
  "  Cross-Origin-Embedder-Policy: require-corp",
  "",
].join("\n"));
console.log(`ConvLab ${manifest.version}: ${manifest.files.length + 3} files, ${(bytes / 1e6).toFixed(1)} MB in ${out}`);
EOF
