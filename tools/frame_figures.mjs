// frame_figures.mjs: measures the page's frame figures the way issues 5 and 6
// state them (headless Chromium, software WebGL through SwiftShader, 1280×720,
// devicePixelRatio 1, 300 frames after 60 of warm-up) and prints them with the
// load average beside each. Not a test: nothing is asserted, figures swing
// with the machine's load. Reproduce (after `bash tools/test.sh` or a wasm build):
//
//   node tools/frame_figures.mjs [--web DIR] [--only training|conv|graph] [--baseline DIR [--rounds N]]
//
// --baseline DIR: another build's page (build/wasm/web of an older checkout).
// Each measurement then runs N times (default 2) for each build, the two taking
// turns, and the medians of each build's figures are printed with this / baseline.
//
// Training: the seed model at batch 32, measured while it trains (the wasm
// time per frame outside the training slice, the requestAnimationFrame
// interval, the in-page examples per second). Convolution: the seed model's
// conv2d_2 (26×26×32 in, 24×24×63 out) sliding, playing. Graph: the model
// editor showing keras.applications ResNet50 as a graph.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "./static_server.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const webDir = path.resolve(opt("--web", process.env.CONVLAB_WEB_DIR || path.join(here, "../build/wasm/web")));
const only = opt("--only", "");
const baselineDir = opt("--baseline", "");
const rounds = Math.max(1, Number(opt("--rounds", "2")));
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
const load = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

// The same flags as the browser tests (tests/browser/run.mjs).
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"];

// Cross-origin isolated, so performance.now() (which the page's frame figures
// use) ticks in 5 µs, not 100 µs: sub-millisecond medians are then comparable.
const server = await startServer(webDir, 0, {}, { isolated: true });
const servers = [server];
const builds = [{ name: "this build", base: `http://127.0.0.1:${server.address().port}` }];
if (baselineDir) {
  const old = await startServer(path.resolve(baselineDir), 0, {}, { isolated: true });
  servers.push(old);
  builds.push({ name: "baseline", base: `http://127.0.0.1:${old.address().port}` });
}
// A profile folder of our own, to find this browser's processes in /proc.
const userDataDir = fs.mkdtempSync("/tmp/convlab-frames-");
const context0 = await chromium.launchPersistentContext(userDataDir, { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS,
  viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });


async function open(base) {
  const context = { close: async () => { await page.close(); } };
  const page = await context0.newPage();
  page.on("pageerror", (e) => console.log("page error:", String(e)));
  await page.goto(`${base}/index.html`);
  await page.waitForFunction(() => window.convlabHook && window.convlabHook.ready && window.convlabHook.frame > 10,
    null, { timeout: 60000 });
  const cmd = (c) => page.evaluate((x) => window.convlabHook.command(x), c);
  const state = () => page.evaluate(() => window.convlabHook.state);
  return { context, page, cmd, state };
}

async function until(state, what, pred, ms) {
  const start = Date.now();
  for (;;) {
    const s = await state();
    if (pred(s)) return s;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await wait(250);
  }
}

// CPU time (ms) of this browser's GPU and renderer processes, from /proc: on a
// busy machine wall-clock figures swing, CPU time spent per frame much less.
// With SwiftShader the GPU process's CPU time is the cost of the pixels drawn.
function processCpu() {
  const out = { gpu: 0, renderer: 0 };
  const tick = 10;  // ms per clock tick (USER_HZ 100)
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let cmd, stat;
    try { cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8"); stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8"); } catch { continue; }
    if (!cmd.includes(`--user-data-dir=${userDataDir}`) && !cmd.includes(userDataDir)) continue;
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ms = (+f[11] + +f[12]) * tick;
    if (cmd.includes("--type=gpu-process")) out.gpu += ms;
    else if (cmd.includes("--type=renderer")) out.renderer += ms;
  }
  return out;
}
const cpuLine = (a, b, frames) => `CPU per frame (360 frames incl. warm-up): GPU process ${((b.gpu - a.gpu) / frames).toFixed(1)} ms, ` +
  `renderer ${((b.renderer - a.renderer) / frames).toFixed(1)} ms`;

const drawLine = (d) => d ? `last frame: ImGui ${d.vertices} vertices, ${d.indices} indices, ${d.draw_calls} draw calls; ` +
  `backdrop shaded on ${d.background_pixels} of ${d.fb_w}×${d.fb_h} pixels` : "no draw figures published";

async function training(base) {
  const { context, page, cmd, state } = await open(base);
  await cmd("tab training");
  await cmd("train_set batch 32");
  await cmd("train_set epochs 1");
  await cmd("train_start");
  await until(state, "training to run", (s) => s.training.status === "running", 120000);
  await wait(2000);
  const load0 = load();
  const cpu0 = processCpu();
  const skipped0 = await page.evaluate(() => (window.convlabHook.draw || {}).frames_skipped);
  await cmd("frame_stats");
  const s = await until(state, "the frame measurement", (x) => x.training.frames.done, 300000);
  const cpu1 = processCpu();
  const skipped = (await page.evaluate(() => (window.convlabHook.draw || {}).frames_skipped)) - skipped0;
  const f = s.training.frames;
  console.log(`training, seed model, batch 32 (load average before ${load0}, after ${load()}):`);
  console.log(`  wasm per frame outside the training slice: median ${f.ui_ms_median.toFixed(2)} ms, p95 ${f.ui_ms_p95.toFixed(2)} ms`);
  console.log(`  of which ImGui::Render + background + GL calls: median ${f.render_ms_median.toFixed(2)} ms`);
  console.log(`  rAF interval: median ${f.raf_ms_median.toFixed(1)} ms, p95 ${f.raf_ms_p95.toFixed(1)} ms`);
  console.log(`  training slice: median ${f.slice_ms_median.toFixed(1)} ms (budget ${f.slice_budget_ms} ms)`);
  console.log(`  ${cpuLine(cpu0, cpu1, 360)}`);
  if (!Number.isNaN(skipped)) console.log(`  frames that changed nothing on screen and drew nothing: ${skipped} of about 360 (incl. warm-up)`);
  console.log(`  in-page training: ${s.training.examples_per_second.toFixed(0)} examples/s`);
  console.log(`  ${drawLine(await page.evaluate(() => window.convlabHook.draw))}`);
  await cmd("train_pause");
  await context.close();
  return { "wasm per frame median (ms)": f.ui_ms_median, "rAF interval median (ms)": f.raf_ms_median,
    "rAF interval p95 (ms)": f.raf_ms_p95, "in-page examples/s": s.training.examples_per_second };
}

async function convolution(base) {
  const { context, page, cmd, state } = await open(base);
  await cmd("tab convolution");
  await until(state, "the digits", (s) => s.conv && s.conv.digits === 2, 60000);
  await cmd("conv_layer 1");
  await cmd("conv_mode 2");
  await cmd("conv_step 0");
  await cmd("conv_play 1");
  await wait(1000);
  const load0 = load();
  const cpu0 = processCpu();
  const skipped0 = await page.evaluate(() => (window.convlabHook.draw || {}).frames_skipped);
  await cmd("conv_perf");
  const s = await until(state, "the frame measurement", (x) => x.conv && x.conv.perf && x.conv.perf.frames >= 300, 300000);
  const cpu1 = processCpu();
  const skipped = (await page.evaluate(() => (window.convlabHook.draw || {}).frames_skipped)) - skipped0;
  const p = s.conv.perf;
  console.log(`convolution view, conv2d_2 sliding, playing (load average before ${load0}, after ${load()}):`);
  console.log(`  wasm per frame: median ${p.wasm_ms_median.toFixed(2)} ms, p95 ${p.wasm_ms_p95.toFixed(2)} ms`);
  console.log(`  of which the 3D view's GL calls: median ${p.view_gl_ms_median.toFixed(2)} ms`);
  console.log(`  ${cpuLine(cpu0, cpu1, 360)}`);
  if (!Number.isNaN(skipped)) console.log(`  frames that changed nothing on screen and drew nothing: ${skipped} of about 360 (incl. warm-up)`);
  console.log(`  rAF interval: median ${p.raf_ms_median.toFixed(1)} ms, p95 ${p.raf_ms_p95.toFixed(1)} ms`);
  console.log(`  ${drawLine(await page.evaluate(() => window.convlabHook.draw))}`);
  if (p.view_redraws !== undefined) console.log(`  the 3D view was drawn in ${p.view_redraws} of ${p.frames} frames (the others showed the same picture)`);
  await context.close();
  return { "wasm per frame median (ms)": p.wasm_ms_median, "wasm per frame p95 (ms)": p.wasm_ms_p95,
    "rAF interval median (ms)": p.raf_ms_median, "rAF interval p95 (ms)": p.raf_ms_p95 };
}

// The graph editor on ResNet50 (177 layers): the lesson closed so the editor
// has its full height, a layer in the middle selected, the mouse moving over
// the graph so every frame draws it.
async function graphEditor(base, zoom) {
  const { context, page, cmd, state } = await open(base);
  await cmd("lesson_close");
  await cmd(`graph_zoom ${zoom}`);
  await cmd("preset ResNet50");
  await cmd("select_layer 88");
  await wait(1000);
  const st = await state();
  const box = st.graph_nodes.length ? st.graph_nodes[0] : [0, 100, 300, 200, 40];
  const load0 = load();
  const cpu0 = processCpu();
  await cmd("frame_stats");
  let moving = true;
  const mover = (async () => {
    for (let i = 0; moving; ++i) {
      await page.mouse.move(box[1] + 20 + (i % 40) * 4, box[2] + 10 + (i % 7) * 6);
      await wait(16);
    }
  })();
  const s = await until(state, "the frame measurement", (x) => x.training.frames.done, 300000);
  moving = false;
  await mover;
  const cpu1 = processCpu();
  const f = s.training.frames;
  console.log(`graph editor, ResNet50 at zoom ${zoom} (${st.layers} layers, ${st.graph_nodes.length} boxes visible), mouse moving over it (load average before ${load0}, after ${load()}):`);
  console.log(`  wasm per frame: median ${f.ui_ms_median.toFixed(2)} ms, p95 ${f.ui_ms_p95.toFixed(2)} ms`);
  console.log(`  of which ImGui::Render + background + GL calls: median ${f.render_ms_median.toFixed(2)} ms`);
  console.log(`  rAF interval: median ${f.raf_ms_median.toFixed(1)} ms, p95 ${f.raf_ms_p95.toFixed(1)} ms`);
  console.log(`  ${cpuLine(cpu0, cpu1, 360)}`);
  console.log(`  ${drawLine(await page.evaluate(() => window.convlabHook.draw))}`);
  await context.close();
  return { "wasm per frame median (ms)": f.ui_ms_median, "wasm per frame p95 (ms)": f.ui_ms_p95,
    "rAF interval median (ms)": f.raf_ms_median };
}

// Runs one measurement for every build, the builds taking turns round by
// round, and prints each figure's median per build and this / baseline.
async function compare(title, measure) {
  const figures = builds.map(() => []);
  for (let r = 0; r < rounds; ++r)
    for (const [b, build] of builds.entries()) {
      console.log(`[${build.name}, round ${r + 1} of ${rounds}]`);
      figures[b].push(await measure(build.base));
    }
  if (builds.length < 2) return;
  const median = (v) => { const x = [...v].sort((a, b) => a - b), n = x.length; return n % 2 ? x[(n - 1) / 2] : (x[n / 2 - 1] + x[n / 2]) / 2; };
  console.log(`\n${title}: this build vs baseline (${baselineDir}), median of ${rounds} rounds each, load average now ${load()}`);
  for (const key of Object.keys(figures[0][0])) {
    const now = median(figures[0].map((f) => f[key])), was = median(figures[1].map((f) => f[key]));
    console.log(`  ${key.padEnd(30)} ${now.toFixed(2).padStart(9)} ${was.toFixed(2).padStart(9)}   this / baseline ${(now / was).toFixed(3)}`);
  }
  console.log("");
}

try {
  console.log(`page: ${webDir}`);
  if (!only || only === "training") await compare("training", training);
  if (!only || only === "conv") await compare("convolution view", convolution);
  if (!only || only === "graph") {
    await compare("graph editor at 100%", (base) => graphEditor(base, 1));
    await compare("graph editor at 25% (the most boxes at once)", (base) => graphEditor(base, 0.25));
  }
} finally {
  await context0.close();
  for (const s of servers) s.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
