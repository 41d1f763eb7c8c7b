#!/usr/bin/env bash
# check_fresh_debian.sh: proves the README's two commands work on a Debian 12
# machine that has none of ConvLab's packages. It builds a clean Debian root
# with debootstrap in a folder, clones this repo into it, and inside a chroot
# runs the test command, then the serve command (checking that the page answers
# on 127.0.0.1). Needs root and Debian's mirror. Not part of the test command.
# Usage: sudo tools/check_fresh_debian.sh [ROOTDIR]   (default /tmp/convlab-fresh)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
target=${1:-/tmp/convlab-fresh}
log() { printf '[fresh] %s\n' "$*"; }

command -v debootstrap >/dev/null || apt-get install -y -q debootstrap
if [ ! -x "$target/usr/bin/apt-get" ]; then
  log "debootstrap bookworm into $target"
  debootstrap --variant=minbase bookworm "$target" http://deb.debian.org/debian >/dev/null
fi
cp /etc/apt/sources.list.d/debian.sources "$target/etc/apt/sources.list.d/" 2>/dev/null || true
cp /etc/resolv.conf "$target/etc/resolv.conf"

mounted=()
mount_in() { mount --bind "$1" "$target$1"; mounted+=("$target$1"); }
cleanup() { for ((i=${#mounted[@]}-1; i>=0; i--)); do umount -l "${mounted[$i]}" || true; done; }
trap cleanup EXIT
for d in /proc /sys /dev /dev/pts /dev/shm; do mkdir -p "$target$d"; mount_in "$d"; done

rm -rf "$target/root/convlab"
git clone -q "$repo" "$target/root/convlab"
# Only what a fresh machine has: git to clone (already done) and apt. The
# README's commands install the rest.
inside() { chroot "$target" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 bash -c "$1"; }
inside "apt-get update -q >/dev/null && apt-get install -y -q sudo ca-certificates >/dev/null"
# The network's own certificate authority (this workplace reaches npm through
# an egress proxy that every machine here trusts) comes along: it belongs to
# the network, not to ConvLab, so a fresh machine on this network has it too.
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
  cp /usr/local/share/ca-certificates/*.crt "$target/usr/local/share/ca-certificates/"
  inside "update-ca-certificates >/dev/null"
fi

log "README test command, first run (fresh machine)"
t0=$(date +%s)
inside "cd /root/convlab && bash tools/test.sh" 2>&1 | tee "$target/root/test-first.log" | grep -E '^==>|passed|failed' || true
first=$(( $(date +%s) - t0 ))
log "README test command, second run (warm)"
t0=$(date +%s)
inside "cd /root/convlab && bash tools/test.sh" 2>&1 | tee "$target/root/test-second.log" | grep -E '^==>|passed|failed' || true
second=$(( $(date +%s) - t0 ))

log "README serve command"
t0=$(date +%s)
inside "cd /root/convlab && PORT=18080 timeout 900 bash tools/serve.sh" > "$target/root/serve.log" 2>&1 &
for _ in $(seq 1 900); do
  if grep -q "served at" "$target/root/serve.log" 2>/dev/null; then break; fi
  sleep 1
done
serve_time=$(( $(date +%s) - t0 ))
code=$(inside "apt-get install -y -q curl >/dev/null 2>&1; curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18080/convlab.wasm" || echo none)
pkill -f "static_server.mjs build/wasm/web 18080" || true
wait || true

grep -q "all stages passed" "$target/root/test-first.log" && ok1=yes || ok1=no
grep -q "all stages passed" "$target/root/test-second.log" && ok2=yes || ok2=no
log "test command: fresh ${first}s (passed: $ok1), warm ${second}s (passed: $ok2)"
log "serve command: address printed after ${serve_time}s, convlab.wasm answered HTTP $code"
[ "$ok1" = yes ] && [ "$ok2" = yes ] && [ "$code" = 200 ]
