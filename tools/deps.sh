#!/usr/bin/env bash
# Installs everything ConvLab needs on a Debian 12 machine, and nothing twice.
# Not a build script: it only fetches packages (Debian binary + source, npm)
# and builds SDL2 for wasm once, into build/deps/, where every later build finds it.
# Reference: ../shared/TOOLCHAIN.md (the verified offline recipe and its quirks).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
deps="$root/build/deps"
mkdir -p "$deps"

say() { printf '[deps] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Debian binary packages, installed only when one is missing.
packages=(cmake make g++ clang lld emscripten doctest-dev libsdl2-dev
  libimgui-dev chromium libclang-rt-14-dev libopenblas-dev python3
  python3-fonttools fonts-noto-cjk fonts-roboto dpkg-dev ca-certificates gzip
  xvfb)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
# node and npm may come from outside Debian (this machine kind ships Node 20):
# install Debian's only when there is no node/npm at all.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# 2. Debian source packages for ImGui 1.86 and SDL2 2.26.5: the wasm build
#    compiles them itself (libimgui-dev has no .cpp files; SDL2 ports are frozen).
src_list=/etc/apt/sources.list.d/debian-src.sources
if ! ls "$deps"/imgui-*/imgui.cpp >/dev/null 2>&1 || ! ls -d "$deps"/libsdl2-*/ >/dev/null 2>&1; then
  if [ ! -f "$src_list" ]; then
    say "enabling Debian source packages ($src_list)"
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | as_root tee "$src_list" >/dev/null
    as_root apt-get update -q
  fi
  (cd "$deps" && apt-get source -q --download-only imgui libsdl2)
  for dsc in "$deps"/imgui_*.dsc "$deps"/libsdl2_*.dsc; do
    name=$(basename "$dsc" .dsc); dir="$deps/${name/_/-}"
    [ -d "$dir" ] || dpkg-source -x "$dsc" "$dir" >/dev/null
  done
fi
imgui_dir=$(ls -d "$deps"/imgui-*/ | head -1); sdl_dir=$(ls -d "$deps"/libsdl2-*/ | head -1)
ln -sfn "$imgui_dir" "$deps/imgui"; ln -sfn "$sdl_dir" "$deps/sdl2-src"

# 3. SDL2 built for wasm, once each (about 2.5 minutes each on 2 cores): as
#    it is, and with -pthread for the page's threads build, where every object
#    of the link must be compiled with atomics.
export NODE_PATH=/usr/share/nodejs   # quirk 1: emcc's acorn lives there
build_sdl2() {  # build_sdl2 OUT_NAME C_FLAGS
  local out="$deps/$1" work="$deps/$1-build"
  [ -f "$out/lib/libSDL2.a" ] && return 0
  say "building SDL2 for wasm into $1 (once)"
  rm -rf "$work"
  local flags=(); [ -n "$2" ] && flags=(-DCMAKE_C_FLAGS="$2")
  emcmake cmake -S "$deps/sdl2-src" -B "$work" -DCMAKE_BUILD_TYPE=Release "${flags[@]}" \
    -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DCMAKE_INSTALL_PREFIX="$out" >/dev/null
  cmake --build "$work" -j"$(nproc)" >/dev/null
  cmake --install "$work" >/dev/null
}
build_sdl2 sdl2-wasm ""
build_sdl2 sdl2-wasm-mt "-pthread"

# 4. npm packages, pinned by package-lock.json.
if [ ! -d "$root/node_modules" ] || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
  say "npm ci"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
fi
say "ready"
