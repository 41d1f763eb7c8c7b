// offline.test.mjs: the service worker (web/sw.js) as a teacher meets it.
// (a) After one visit the page reloads with the network cut (Playwright's
//     offline mode, and the server stopped) and trains a few steps, every file
//     from the worker's cache.
// (b) A new build replaces the cache cleanly: the page of version A keeps A
//     while the folder is half-way to B (B's worker finds a file not its own
//     and does not install); once the served folder is version B it shows
//     "a new version is ready" (en, and zh in a second tab) while it keeps
//     running on A's files; a real click on
//     Reload brings both tabs to B, every file they load after it (the Chinese
//     font and the digits included) comes from B's cache, and A's cache is gone.
// (c) On a server without the isolation headers, the first visit reloads once
//     when the worker is ready; then the page is cross-origin isolated, runs
//     the threads build, and trains.
// Each part serves its own copy of the built page (run.mjs's webDir), which
// tools/web_manifest.mjs turns into a version; run.mjs switches service workers
// off in other tests' contexts, these ask for them. Screenshots: offline-*.png.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer } from "../../tools/static_server.mjs";
import { writeManifest } from "../../tools/web_manifest.mjs";

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

// A copy of the page folder with its manifest written: one version.
function copyPage(from, name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `convlab-${name}-`));
  for (const f of fs.readdirSync(from)) {
    if (fs.statSync(path.join(from, f)).isFile()) fs.copyFileSync(path.join(from, f), path.join(dir, f));
  }
  return { dir, version: writeManifest(dir).version };
}

async function stop(server) {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
}

// Waits for the app to draw, across reloads the page makes itself (an
// evaluate during a navigation throws: asked again).
async function appReady(page, ms = 90000) {
  const start = Date.now();
  for (;;) {
    const h = await page.evaluate(() => window.convlabHook &&
      { error: window.convlabHook.error, ready: window.convlabHook.ready, frame: window.convlabHook.frame }).catch(() => null);
    if (h && (h.error || (h.ready && h.frame > 10))) return h;
    if (Date.now() - start > ms) throw new Error("the page did not start: " + JSON.stringify(h));
    await wait(250);
  }
}

async function training(page, what, predicate, ms) {
  const start = Date.now();
  for (;;) {
    const s = await page.evaluate(() => window.convlabHook.state.training);
    if (predicate(s)) return s;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s).slice(0, 300)}`);
    await wait(250);
  }
}

// Two single steps of training from fresh weights: the digits must load.
async function trainTwoSteps(page) {
  const cmd = (c) => page.evaluate((x) => window.convlabHook.command(x), c);
  await cmd("tab training");
  await cmd("train_set batch 8");
  for (let i = 1; i <= 2; i++) {
    await cmd("train_step");
    await training(page, `step ${i}`, (x) => x.batch === i && x.status === "paused", 120000);
  }
  return page.evaluate(() => window.convlabHook.state.training);
}

// Every response a page gets, with who served it and the version the worker named.
function recordResponses(page, into) {
  page.on("response", (r) => into.push({ url: r.url(), sw: r.fromServiceWorker(), status: r.status(),
    version: r.headers()["x-convlab-version"] || null }));
  page.on("requestfailed", (r) => into.push({ url: r.url(), failed: r.failure() && r.failure().errorText }));
}

async function newContext(t) {
  return t.browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: "allow" });
}

function watchErrors(page, errors) {
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
}

const workerReady = (page) => page.evaluate(() => navigator.serviceWorker.ready.then((r) => !!r.active));
const cacheNames = (page) => page.evaluate(() => caches.keys());
const short = (list) => list.slice(0, 4).map((r) => JSON.stringify(r)).join(" | ");

export default async function (t) {
  // ---- (a) Offline after one visit.
  {
    const A = copyPage(t.webDir, "offline");
    const server = await startServer(A.dir, 0, {}, { isolated: true });
    const base = `http://127.0.0.1:${server.address().port}`;
    const context = await newContext(t);
    const page = await context.newPage();
    const errors = [];
    watchErrors(page, errors);
    await page.goto(`${base}/index.html`);
    await appReady(page);
    t.check("offline: the first visit installs the service worker (the offline copy is complete)", await workerReady(page));
    t.check("offline: its cache is named by the build's version", (await cacheNames(page)).includes("convlab-" + A.version),
      JSON.stringify(await cacheNames(page)));

    await context.setOffline(true);
    await stop(server);  // and nothing answers on the network at all
    const responses = [];
    recordResponses(page, responses);
    await page.reload();
    const h = await appReady(page);
    t.check("offline: the page reloads with no network and draws without an error", !h.error, h.error);
    const hook = await page.evaluate(() => ({ version: window.convlabHook.version, build: window.convlabHook.build }));
    t.check("offline: it runs the cached version", hook.version === A.version, `${hook.version} vs ${A.version}`);
    const s = await trainTwoSteps(page);
    t.check("offline: it trains (two steps on the cached digits)", s.batch === 2 && s.loss > 0 && s.data_loaded,
      `batch ${s.batch} loss ${s.loss}`);
    const page_files = responses.filter((r) => r.url.startsWith(base));
    const notCached = page_files.filter((r) => !r.sw || r.version !== A.version || r.status !== 200);
    t.check(`offline: all ${page_files.length} files came from the worker's cache (mnist.bin among them)`,
      page_files.length >= 5 && notCached.length === 0 && page_files.some((r) => r.url.endsWith("/mnist.bin")), short(notCached));
    await t.shot(page, "offline-01-trained-offline.png");
    t.check("offline: no console errors", errors.length === 0, errors.join(" | "));
    await context.close();
    fs.rmSync(A.dir, { recursive: true, force: true });
  }

  // ---- (b) Version A, then B.
  {
    const page_dir = copyPage(t.webDir, "versions");
    const A = page_dir.version;
    const server = await startServer(page_dir.dir, 0, {}, { isolated: true });
    const base = `http://127.0.0.1:${server.address().port}`;
    const context = await newContext(t);
    const page = await context.newPage();
    const errors = [];
    watchErrors(page, errors);
    await page.goto(`${base}/index.html`);
    await appReady(page);
    await workerReady(page);
    await page.reload();  // now served by A's worker
    await appReady(page);
    t.check("versions: the page runs version A from A's cache", (await page.evaluate(() => window.convlabHook.version)) === A);

    // Version B: the same build with the shell changed, its manifest rewritten.
    fs.appendFileSync(path.join(page_dir.dir, "shell.js"), "\n// version B of this test\n");
    fs.appendFileSync(path.join(page_dir.dir, "index.html"), "<!-- version B of this test -->\n");
    const B = writeManifest(page_dir.dir).version;
    t.check("versions: a changed file is a new version", B !== A, `${A} ${B}`);

    // Half an upload: B's manifest and worker, but A's shell still. B's worker
    // finds a file that is not its version's and gives up; the page stays on A.
    const shellB = fs.readFileSync(path.join(page_dir.dir, "shell.js"));
    fs.writeFileSync(path.join(page_dir.dir, "shell.js"), shellB.subarray(0, shellB.length - "\n// version B of this test\n".length));
    await page.reload();
    await appReady(page);
    const worker = () => page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) =>
      ({ installing: !!r.installing, waiting: !!r.waiting })));
    // The reload's own update check may still be under way: one asked for and
    // waited on, then its install followed to the end.
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const startWait = Date.now();
    while ((await worker()).installing && Date.now() - startWait < 60000) await wait(250);
    const half = await worker();
    // B's cache exists (B's worker did try), half-filled and kept for its next try; A's is in use.
    const halfCaches = await cacheNames(page);
    t.check("versions: half an upload (B's worker, one file still A's) installs nothing: no waiting worker, no banner",
      halfCaches.includes("convlab-" + B) && halfCaches.includes("convlab-" + A) && !half.installing && !half.waiting &&
      !(await page.evaluate(() => window.convlabHook.updateReady)), JSON.stringify({ half, halfCaches }));
    t.check("versions: and the page goes on with A", (await page.evaluate(() => window.convlabHook.version)) === A);
    fs.writeFileSync(path.join(page_dir.dir, "shell.js"), shellB);  // the upload finishes

    // The next load checks for a new worker; it installs B beside A and waits.
    const beforeClick = [];
    recordResponses(page, beforeClick);
    await page.reload();
    await appReady(page);
    await page.waitForFunction(() => window.convlabHook.updateReady === true, null, { timeout: 90000 });
    const banner = await page.evaluate(() => {
      const b = document.getElementById("update");
      const r = b.getBoundingClientRect();
      const btn = document.getElementById("update-reload").getBoundingClientRect();
      return { text: b.innerText, visible: !b.hidden && r.width > 0, inside: r.left >= 0 && r.top >= 0 &&
        r.right <= innerWidth && r.bottom <= innerHeight, button: btn.width > 0 && btn.right <= r.right };
    });
    t.check("versions: the page says a new version is ready, with a Reload button",
      banner.visible && /new version of ConvLab is ready/.test(banner.text) && /Reload/.test(banner.text), banner.text);
    t.check("versions: the banner is inside the window, the button inside the banner", banner.inside && banner.button);
    t.check("versions: while B waits, the page still runs A's files only", (await page.evaluate(() => window.convlabHook.version)) === A &&
      beforeClick.filter((r) => r.url.startsWith(base) && r.version !== A && !r.url.endsWith("/sw.js")).length === 0,
      short(beforeClick.filter((r) => r.version !== A)));
    t.check("versions: the shell running is A's", !(await page.evaluate(() =>
      fetch("shell.js").then((r) => r.text()))).includes("version B"));
    await t.shot(page, "offline-02-banner-en.png");

    // A second tab, in Chinese.
    const zh = await context.newPage();
    const zhErrors = [];
    watchErrors(zh, zhErrors);
    await zh.goto(`${base}/index.html#lang=zh`);
    await appReady(zh);
    await zh.waitForFunction(() => window.convlabHook.updateReady === true, null, { timeout: 30000 });
    const zhText = await zh.evaluate(() => document.getElementById("update").innerText);
    t.check("versions: in Chinese the banner is Chinese", /新版本/.test(zhText) && /重新加载/.test(zhText), zhText);
    await zh.waitForFunction(() => window.convlabHook.state.language.cjk_font === "loaded", null, { timeout: 60000 }).catch(() => {});
    await t.frames(zh, 3);
    await t.shot(zh, "offline-03-banner-zh.png");

    // Reload, clicked with the mouse. Both tabs come back on B.
    const afterClick = [], zhAfter = [];
    recordResponses(page, afterClick);
    recordResponses(zh, zhAfter);
    beforeClick.length = 0;
    const box = await page.locator("#update-reload").boundingBox();
    const zhReloaded = zh.waitForEvent("load", { timeout: 60000 });
    const reloaded = page.waitForEvent("load", { timeout: 60000 });
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await reloaded;
    await appReady(page);
    await page.waitForFunction(() => window.convlabHook.version, null, { timeout: 10000 });
    t.check("versions: after Reload the page runs version B", (await page.evaluate(() => window.convlabHook.version)) === B);
    t.check("versions: and B's shell", (await page.evaluate(() => fetch("shell.js").then((r) => r.text()))).includes("version B"));
    t.check("versions: the banner is gone", await page.evaluate(() => document.getElementById("update").hidden));
    // Files the page fetches only later: the Chinese font and the digits.
    await page.evaluate(() => window.convlabHook.command("lang zh"));
    await page.waitForFunction(() => window.convlabHook.state.language.cjk_font === "loaded", null, { timeout: 60000 });
    const s = await trainTwoSteps(page);
    t.check("versions: B trains", s.batch === 2 && s.loss > 0);
    await zhReloaded;
    await appReady(zh);
    await zh.waitForFunction(() => window.convlabHook.version, null, { timeout: 10000 });
    t.check("versions: the second tab reloaded by itself and runs B", (await zh.evaluate(() => window.convlabHook.version)) === B);
    const all = [...afterClick, ...zhAfter].filter((r) => r.url.startsWith(base));
    const lazy = ["cjk_font.otf", "mnist.bin", "convlab_threads.wasm", "index.html", "shell.js"];
    t.check(`versions: the files loaded after the click include ${lazy.join(", ")}`,
      lazy.every((n) => all.some((r) => r.url.endsWith("/" + n))), all.map((r) => r.url.slice(base.length)).join(" "));
    const fromB = all.filter((r) => r.sw && r.version === B && r.status === 200);
    const other = all.filter((r) => !(r.sw && r.version === B && r.status === 200) && !r.url.endsWith("/sw.js"));
    t.check(`versions: every one of the ${all.length} files loaded after the click came from B's cache, none from A's`,
      other.length === 0 && fromB.length > 0 && !all.some((r) => r.version === A), short(other));
    const caches = await cacheNames(page);
    t.check("versions: A's cache is deleted, B's kept", caches.length === 1 && caches[0] === "convlab-" + B, JSON.stringify(caches));
    t.check("versions: no console errors", errors.length === 0 && zhErrors.length === 0, [...errors, ...zhErrors].join(" | "));
    await context.close();
    await stop(server);
    fs.rmSync(page_dir.dir, { recursive: true, force: true });
  }

  // ---- (c) Isolation from the worker on a host without the headers.
  {
    const P = copyPage(t.webDir, "isolation");
    const server = await startServer(P.dir, 0);  // no COOP/COEP
    const base = `http://127.0.0.1:${server.address().port}`;
    const context = await newContext(t);
    const page = await context.newPage();
    const errors = [];
    watchErrors(page, errors);
    let loads = 0;
    page.on("load", () => loads++);
    await page.goto(`${base}/index.html`);
    const h = await appReady(page);
    await wait(1500);  // time for a second, looping reload to show itself
    await appReady(page);
    const st = await page.evaluate(() => ({ isolated: window.crossOriginIsolated, build: window.convlabHook.build,
      controlled: !!navigator.serviceWorker.controller, version: window.convlabHook.version }));
    t.check("isolation: served without the headers, the page reloads once, served by the worker", loads === 2 && st.controlled,
      `${loads} loads, controlled ${st.controlled}`);
    t.check("isolation: then it is cross-origin isolated and runs the threads build", !h.error && st.isolated && st.build === "threads",
      JSON.stringify(st));
    const s = await trainTwoSteps(page);
    t.check("isolation: and trains in its own thread", s.batch === 2 && s.mode === "thread", `${s.batch} ${s.mode}`);
    t.check("isolation: no console errors", errors.length === 0, errors.join(" | "));
    await t.shot(page, "offline-04-isolated-threads.png");

    // ?wasm=simd still forces the one-thread build, and a forced page does not reload for isolation.
    const forced = await context.newPage();
    await forced.goto(`${base}/index.html?wasm=simd`);
    await appReady(forced);
    t.check("isolation: ?wasm=simd still gets the simd build", (await forced.evaluate(() => window.convlabHook.build)) === "simd");
    await context.close();

    // In a frame of another origin's page (an embedded exercise) the worker's
    // headers cannot isolate the page: it starts at once, with no reload.
    const framerDir = fs.mkdtempSync(path.join(os.tmpdir(), "convlab-framer-"));
    fs.writeFileSync(path.join(framerDir, "index.html"),
      `<!doctype html><iframe src="${base}/index.html#embed=1" width="900" height="600"></iframe>`);
    const host = await startServer(framerDir, 0);
    const fctx = await newContext(t);
    const fpage = await fctx.newPage();
    await fpage.goto(`http://127.0.0.1:${host.address().port}/index.html`);
    const frame = fpage.frames().find((f) => f !== fpage.mainFrame());
    const fh = await appReady(frame);
    await wait(1500);
    const fst = await frame.evaluate(() => ({ build: window.convlabHook.build,
      navigation: performance.getEntriesByType("navigation")[0].type, flag: sessionStorage.getItem("convlab.isolation-reload") }));
    t.check("isolation: framed by another origin's page, the page starts without reloading (the one-thread build)",
      !fh.error && fst.navigation === "navigate" && fst.flag === null && fst.build === "simd", JSON.stringify(fst));
    await fctx.close();
    await stop(host);
    fs.rmSync(framerDir, { recursive: true, force: true });
    await stop(server);
    fs.rmSync(P.dir, { recursive: true, force: true });
  }
}
