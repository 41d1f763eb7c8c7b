// run.mjs: the browser test runner. Serves build/wasm/web on 127.0.0.1,
// drives Debian's Chromium through playwright-core (never a downloaded
// browser), and runs every tests/browser/*.test.mjs in name order. Each test
// file exports `default async function (t)` and uses t.openPage / t.check /
// t.shot. Tests read the app's state through window.convlabHook (the test hook)
// and act through window.convlabHook.command(...) rather than guessing pixels.
// Screenshots go to build/wasm/screenshots/ (or $CONVLAB_SHOT_DIR). Ends with "N passed, N failed".
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { PNG } from "pngjs";
import { startServer } from "../../tools/static_server.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
// CONVLAB_WEB_DIR / CONVLAB_SHOT_DIR let a copy of the built page be tested
// while the build tree is rebuilt (several people working in one checkout).
const webDir = path.resolve(process.env.CONVLAB_WEB_DIR || path.join(root, "build/wasm/web"));
const shotDir = path.resolve(process.env.CONVLAB_SHOT_DIR || path.join(root, "build/wasm/screenshots"));
fs.mkdirSync(shotDir, { recursive: true });

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"];

let passed = 0, failed = 0;
function check(name, ok, detail = "") {
  if (ok) { passed++; console.log(`OK      ${name}`); }
  else { failed++; console.log(`NOT OK  ${name}${detail ? ": " + detail : ""}`); }
}

// Opens the page in a fresh context and waits until the app has drawn frames
// (or the shell reported an error). Collects console errors in `errors`.
async function openPage(browser, base, hash = "", viewport = { width: 1280, height: 720 }, dpr = 1) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: dpr });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${base}/index.html${hash}`);
  await page.waitForFunction(() => window.convlabHook && (window.convlabHook.error ||
    (window.convlabHook.ready && window.convlabHook.frame > 10)), null, { timeout: 60000 });
  return { page, context, errors };
}

// Waits for n more frames, so a command's effect is drawn and published.
async function frames(page, n = 3) {
  const start = await page.evaluate(() => window.convlabHook.frame);
  await page.waitForFunction((s) => window.convlabHook.frame >= s, start + n, { timeout: 30000 });
}

// Counts distinct colours in a screenshot: a blank or single-colour canvas has few.
function distinctColours(pngBuffer) {
  const png = PNG.sync.read(pngBuffer);
  const seen = new Set();
  for (let i = 0; i < png.data.length; i += 4 * 7) seen.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
  return seen.size;
}

// Two servers: a plain one, where the page runs its simd build and trains
// between frames (what a static host without headers gets), and a cross-origin
// isolated one (as tools/serve.sh), where it runs the threads build.
const server = await startServer(webDir, 0);
const base = `http://127.0.0.1:${server.address().port}`;
const isolatedServer = await startServer(webDir, 0, {}, { isolated: true });
const isolatedBase = `http://127.0.0.1:${isolatedServer.address().port}`;
// CONVLAB_ISOLATED=1 runs every test on the isolated server, so on the threads
// build (page_shell's "gets the SIMD build" and threads' fallback half then fail, as they should).
const pageBase = process.env.CONVLAB_ISOLATED === "1" ? isolatedBase : base;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
// The page's service worker (web/sw.js) would make a first visit on the plain
// server reload into the threads build and serve later loads from its cache:
// every context starts with it switched off, as in a browser without service
// workers. offline.test.mjs asks for { serviceWorkers: "allow" }.
const newContext = browser.newContext.bind(browser);
browser.newContext = (options = {}) => newContext({ serviceWorkers: "block", ...options });
const only = process.argv[2];  // optional: run only files whose name contains this
const t = {
  browser, base: pageBase, isolatedBase, webDir, shotDir, check, frames, distinctColours, PNG,
  openPage: (hash, viewport, dpr) => openPage(browser, pageBase, hash, viewport, dpr),
  openIsolatedPage: (hash, viewport, dpr) => openPage(browser, isolatedBase, hash, viewport, dpr),
  shot: (page, name) => page.screenshot({ path: path.join(shotDir, name) }),
  // A test-hook command, then a few frames so its effect is drawn and published.
  command: async (page, text, n = 3) => {
    const reply = await page.evaluate((c) => window.convlabHook.command(c), text);
    await frames(page, n);
    return reply;
  },
  state: (page) => page.evaluate(() => window.convlabHook.state),
};
try {
  const files = fs.readdirSync(here).filter((f) => f.endsWith(".test.mjs") && (!only || f.includes(only))).sort();
  for (const f of files) {
    console.log(`--- ${f}`);
    try {
      const mod = await import(pathToFileURL(path.join(here, f)).href);
      await mod.default(t);
    } catch (e) {
      check(`${f} ran to the end`, false, String(e && e.stack || e));
    }
  }
} finally {
  await browser.close();
  server.close();
  isolatedServer.close();
}
console.log(`screenshots: ${shotDir}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
