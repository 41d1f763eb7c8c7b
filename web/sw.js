// sw.js: ConvLab's service worker. Three jobs:
// 1. Offline: it keeps every file the page loads in a cache of its own version
//    and serves the page from there, so after one visit the page works, and
//    trains, with no network.
// 2. One version at a time: the build (tools/web_manifest.mjs) writes the list
//    of files and their SHA-256 into this file, so a new build is a new worker.
//    The new worker fills a new cache, checks each file against its hash (a host
//    halfway through an upload must not give a cache of two versions), then
//    waits: the page shows "a new version is ready" and only its Reload button
//    lets it take over. Then the old cache is deleted.
// 3. Cross-origin isolation: a static host that cannot send COOP and COEP still
//    gets them, because every response this worker serves carries both; the
//    page's threads build needs them (SharedArrayBuffer).
// This file in web/ is a template: it does nothing until the manifest is
// written in (MANIFEST stays null when web/ is served as it is).
"use strict";

const MANIFEST = null;  // {version, files: [{name, size, sha256}]}, written by tools/web_manifest.mjs

const CACHE = MANIFEST ? "convlab-" + MANIFEST.version : null;
const FILES = new Map(MANIFEST ? MANIFEST.files.map((f) => [f.name, f]) : []);
// version.json is precached too (the page asks it which version it runs), but
// cannot list its own hash: it is checked by the version it names instead.
const VERSION_FILE = "version.json";
// The page's documents are the scope's root and index.html (with any query:
// ?wasm=simd is still the same file).
const PAGE = "index.html";
// Cache entries that record which pages (clients) this version served; see
// servesClient. Under the scope, but never a file of the page.
const CLIENT_PREFIX = "__convlab_client__/";
const ISOLATION = { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" };

const scopeUrl = new URL(self.registration.scope);

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

// One file from the network, past the HTTP cache (hosts may send caching
// headers; the test server sends no-store), and only if it is this version's.
async function fetchChecked(name) {
  const response = await fetch(new Request(new URL(name, scopeUrl), { cache: "reload", credentials: "same-origin" }));
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  if (name === VERSION_FILE) {
    const v = JSON.parse(new TextDecoder().decode(body)).version;
    if (v !== MANIFEST.version) throw new Error(`${name} is version ${v}, not ${MANIFEST.version}`);
  } else {
    const digest = hex(await crypto.subtle.digest("SHA-256", body));
    if (digest !== FILES.get(name).sha256) throw new Error(`${name} is not this version's (another upload under way?)`);
  }
  // Only the type is kept: a host's caching headers mean nothing once cached,
  // and a .wasm must be application/wasm for streaming compilation whatever
  // the host said.
  const type = name.endsWith(".wasm") ? "application/wasm"
    : response.headers.get("Content-Type") || "application/octet-stream";
  return new Response(body, { headers: { "Content-Type": type, "Content-Length": String(body.byteLength) } });
}

self.addEventListener("install", (event) => {
  if (!MANIFEST) return;
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const names = [...FILES.keys(), VERSION_FILE];
    const total = MANIFEST.files.reduce((n, f) => n + f.size, 0);
    let done = 0;
    // A file already cached by an earlier, interrupted install was checked then.
    await Promise.all(names.map(async (name) => {
      if (!(await cache.match(name))) await cache.put(name, await fetchChecked(name));
      done += FILES.has(name) ? FILES.get(name).size : 0;
      // A first visit waits for this copy before it starts (shell.js): its progress bar.
      for (const c of await self.clients.matchAll({ includeUncontrolled: true, type: "window" })) {
        c.postMessage({ type: "convlab-precache", done, total });
      }
    }));
  })().catch(async (e) => {
    // A failed install leaves the running version in charge; the next update
    // check tries again. The half-filled cache is kept for that try.
    console.warn("ConvLab offline copy not updated: " + e.message);
    throw e;
  }));
  // No skipWaiting here: a new version waits for the page's Reload button, so
  // a page never runs on two versions' files.
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "convlab-take-over") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith("convlab-") && key !== CACHE) await caches.delete(key);
    }
    await forgetClosedClients();
  })());
});

// ---- Which pages this version serves.
// When the Reload button makes a new version take over, pages of the old one
// still open (another tab) are handed to it by the browser. Their files came
// from the old cache; a font or digits fetched later from the new one would mix
// two versions. So each page is remembered as this version's when this worker
// serves its document, and a page it does not know gets no file; it reloads
// anyway (shell.js, on controllerchange). The record is kept in the cache, not
// only in memory, because the browser stops idle workers.
const ownClients = new Set();

async function rememberClient(id) {
  if (!id) return;
  ownClients.add(id);
  const cache = await caches.open(CACHE);
  await cache.put(CLIENT_PREFIX + id, new Response(String(Date.now())));
}

async function servesClient(id) {
  if (!id || ownClients.has(id)) return true;
  const cache = await caches.open(CACHE);
  if (await cache.match(CLIENT_PREFIX + id)) { ownClients.add(id); return true; }
  // A worker (the threads build's, or the simd build's training worker) is
  // started by its page, and its script was asked for by that page, so it was checked then.
  const client = await self.clients.get(id);
  return !!client && client.type !== "window";
}

// Records of pages no longer open. A page whose document is still on its way
// is not listed by matchAll yet, so a record younger than a minute is kept.
async function forgetClosedClients() {
  const cache = await caches.open(CACHE);
  const open = new Set((await self.clients.matchAll({ includeUncontrolled: true, type: "all" })).map((c) => c.id));
  for (const request of await cache.keys()) {
    const rel = new URL(request.url).pathname.slice(scopeUrl.pathname.length);
    if (!rel.startsWith(CLIENT_PREFIX) || open.has(rel.slice(CLIENT_PREFIX.length))) continue;
    const made = Number(await (await cache.match(request)).text());
    if (Date.now() - made > 60000) {
      ownClients.delete(rel.slice(CLIENT_PREFIX.length));
      await cache.delete(request);
    }
  }
}

// ---- Serving.
async function fromCache(name) {
  const cache = await caches.open(CACHE);
  let cached = await cache.match(name);
  if (!cached) {
    // Evicted or never stored: fetched again, and only this version's bytes
    // are accepted (fetchChecked), so a cache miss cannot mix versions either.
    cached = await fetchChecked(name);
    await cache.put(name, cached.clone());
  }
  const headers = new Headers(cached.headers);
  for (const [k, v] of Object.entries(ISOLATION)) headers.set(k, v);
  // Lets tests (and a curious teacher in devtools) see which version served each file.
  headers.set("X-ConvLab-Version", MANIFEST.version);
  return new Response(cached.body, { status: 200, statusText: "OK", headers });
}

self.addEventListener("fetch", (event) => {
  if (!MANIFEST || event.request.method !== "GET") return;
  const url = new URL(event.request.url);
  if (url.origin !== scopeUrl.origin || !url.pathname.startsWith(scopeUrl.pathname)) return;
  const rel = url.pathname.slice(scopeUrl.pathname.length);
  if (event.request.mode === "navigate") {
    if (rel !== "" && rel !== PAGE) return;  // not the page (a README, a folder listing): the network's
    event.respondWith((async () => {
      const response = await fromCache(PAGE);
      event.waitUntil(rememberClient(event.resultingClientId).then(forgetClosedClients));
      return response;
    })());
    return;
  }
  if (!FILES.has(rel) && rel !== VERSION_FILE) return;
  event.respondWith((async () => {
    if (!(await servesClient(event.clientId))) return Response.error();
    return fromCache(rel);
  })());
});
