// web_manifest.mjs: names a built page's version. Lists the files the page
// loads in a page folder (build/wasm/web), with their size and SHA-256, names
// the version by a hash of that list and of the service worker's own code,
// and writes
//   DIR/version.json  {version, files}: the page asks it which version it runs;
//   DIR/sw.js         web/sw.js with the list written in, so a new build is a
//                     new service worker, which the browser installs beside the
//                     running one (web/sw.js says what happens then).
// Run by the build after the three page builds are linked (tools/cmake/app.cmake),
// and by tests that make a second version of a page folder:
//   node tools/web_manifest.mjs DIR [SW_TEMPLATE]   (SW_TEMPLATE: web/sw.js)
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_TEMPLATE = path.resolve(here, "../web/sw.js");

// In the folder but not loaded by the page: what this script writes, the
// static hosts' header file (tools/site.sh), and the README's screenshot.
const NOT_PAGE_FILES = new Set(["sw.js", "version.json", "_headers", "screenshot.png"]);

const sha256 = (data) => crypto.createHash("sha256").update(data).digest("hex");

// The files of the page in dir, in name order: what the service worker
// precaches and what tools/site.sh copies.
export function pageFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith(".") && !NOT_PAGE_FILES.has(e.name))
    .map((e) => e.name).sort();
}

export function writeManifest(dir, template = DEFAULT_TEMPLATE) {
  const files = pageFiles(dir).map((name) => {
    const data = fs.readFileSync(path.join(dir, name));
    return { name, size: data.length, sha256: sha256(data) };
  });
  for (const need of ["index.html", "shell.js"]) {
    if (!files.some((f) => f.name === need)) throw new Error(`${dir} has no ${need}: not a page folder`);
  }
  const code = fs.readFileSync(template, "utf8");
  const marker = "const MANIFEST = null;";
  if (code.split(marker).length !== 2) throw new Error(`${template} must hold "${marker}" exactly once`);
  // The worker's code is part of the version: a change to it alone is a new version too.
  const version = sha256(code + "\n" + files.map((f) => `${f.sha256}  ${f.name}`).join("\n")).slice(0, 16);
  const manifest = { version, files };
  // Written beside, then renamed: a server never hands out half a file.
  const write = (name, text) => {
    const tmp = path.join(dir, `.${name}.tmp`);
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, path.join(dir, name));
  };
  write("version.json", JSON.stringify(manifest, null, 1) + "\n");
  write("sw.js", code.replace(marker, `const MANIFEST = ${JSON.stringify(manifest)};`));
  return manifest;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("usage: node tools/web_manifest.mjs PAGE_DIR [SW_TEMPLATE]");
    process.exit(2);
  }
  const m = writeManifest(dir, process.argv[3] || DEFAULT_TEMPLATE);
  const bytes = m.files.reduce((n, f) => n + f.size, 0);
  console.log(`ConvLab page version ${m.version}: ${m.files.length} files, ${(bytes / 1e6).toFixed(1)} MB (${dir}/version.json, sw.js)`);
}
