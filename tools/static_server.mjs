// static_server.mjs: serves build/wasm/web on 127.0.0.1 only, with the right
// MIME types (wasm must be application/wasm for streaming compilation) and no
// caching, so a rebuilt page is what the next reload shows. Used by
// tools/serve.sh (isolated) and by the browser tests (both ways). Not a production server.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm", ".json": "application/json", ".css": "text/css", ".png": "image/png",
  ".bin": "application/octet-stream", ".ttf": "font/ttf",
};

// mounts: more folders under URL prefixes, e.g. { "/node_modules/": "node_modules" }
// (the peer benchmark serves the npm packages beside its page).
// options.isolated: send the two headers that make the page cross-origin
// isolated (COOP same-origin, COEP require-corp), which also gives it
// performance.now() at 5 µs instead of 100 µs: tools/frame_figures.mjs times with it.
export function startServer(root, port = 0, mounts = {}, options = {}) {
  const isolation = options.isolated
    ? { "Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp" } : {};
  const server = http.createServer((req, res) => {
    let rel;
    try { rel = decodeURIComponent(new URL(req.url, "http://x").pathname); } catch { rel = "/"; }
    if (rel.endsWith("/")) rel += "index.html";
    const prefix = Object.keys(mounts).find((p) => rel.startsWith(p));
    const base = path.resolve(prefix ? mounts[prefix] : root);
    if (prefix) rel = rel.slice(prefix.length - 1);
    const file = path.resolve(base, "." + rel);
    if (!file.startsWith(base + path.sep)) { res.writeHead(403).end("forbidden"); return; }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, { "Content-Type": "text/plain" }).end("not found: " + rel); return; }
      res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream", "Cache-Control": "no-store",
        ...isolation });
      res.end(data);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

// As tools/serve.sh runs it: cross-origin isolated, so the page can use threads
// (its threads build); a host that cannot send the headers gets the one-thread build.
if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2];
  const port = Number(process.argv[3] || 8080);
  const server = await startServer(root, port, {}, { isolated: true });
  console.log(`ConvLab is served at http://127.0.0.1:${server.address().port}/  (Ctrl+C to stop)`);
}
