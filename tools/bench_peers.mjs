// bench_peers.mjs: ConvLab's speed as ratios to its peers, measured on this
// machine in one run (issue 7). Builds the benchmark page (tests/bench/), serves
// it with node_modules/ on 127.0.0.1, runs it in Debian's headless Chromium
// (ConvLab wasm SIMD, TF.js cpu and wasm, ConvNetJS on the same digits, batch
// 32), then the conv GEMM rows from `convlab bench` (wasm under node; native
// with OpenBLAS when build/native/convlab exists). Then (issue 17) the threads
// build of the core on 1, 2, ... threads (up to the cores, at most 8) in
// bench_threads.html served cross-origin isolated: training scaling, and
// inference beside TF.js wasm on the same number of threads; and, when the
// learner's page is built (build/wasm/web), that page training the seed model
// with one training thread, against the core's own figure from this run.
// Prints markdown tables and writes build/wasm/bench/peers.json. Installs
// nothing: expects `npm ci` done.
// Not part of the test command. Usage:
//   node tools/bench_peers.mjs [--reps 5] [--batches 10] [--warmup 2]
//     [--slow-batches 10]  batches per run when TF.js cpu or ConvNetJS trains
//                          (seconds each: 2 keeps the run near 10 minutes on 2 idle cores)
//     [--models seed,mnist_convnet] [--no-build] [--no-gemm]
//     [--baseline DIR]     another build's bench folder (build/wasm/bench of an
//                          older checkout): ConvLab this build vs that one, turn by turn
//     [--threads 1,2,4,8]  thread counts for the threads part (default: those of
//                          1, 2, 4, 8 this machine has cores for); [--no-threads] skips it
//     [--page DIR]         the learner's page to measure (default build/wasm/web when
//                          its threads build is there); [--no-page] skips it
//     [--page-seconds 5]   length of each of the page's --reps timed windows
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "./static_server.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const benchDir = path.join(root, "build/wasm/bench");
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"];

// ---------------------------------------------------------------- options
const options = { reps: 5, batches: 10, warmup: 2, "slow-batches": 10, models: "seed,mnist_convnet", build: true, gemm: true,
  threads: null, page: path.join(root, "build/wasm/web"), "page-seconds": 5, pageAsked: false };
const TEXT_OPTIONS = ["--models", "--baseline", "--threads", "--page"];
for (let i = 2; i < process.argv.length; ++i) {
  const a = process.argv[i];
  if (a === "--no-build") options.build = false;
  else if (a === "--no-gemm") options.gemm = false;
  else if (a === "--no-threads") options.threads = "";
  else if (a === "--no-page") options.page = null;
  else if (["--reps", "--batches", "--slow-batches", "--warmup", "--models", "--baseline", "--threads", "--page", "--page-seconds"].includes(a) &&
    i + 1 < process.argv.length) {
    options[a.slice(2)] = TEXT_OPTIONS.includes(a) ? process.argv[++i] : Number(process.argv[++i]);
    if (a === "--page") options.pageAsked = true;
  } else {
    console.error(`bench_peers: unknown option '${a}'\nusage: node tools/bench_peers.mjs [--reps N] [--batches N] [--slow-batches N] [--warmup N] [--models seed,mnist_convnet] [--no-build] [--no-gemm] [--baseline DIR] [--threads 1,2] [--no-threads] [--page DIR] [--no-page] [--page-seconds N]`);
    process.exit(2);
  }
}
for (const pkg of ["playwright-core", "@tensorflow/tfjs", "@tensorflow/tfjs-backend-wasm", "convnetjs"]) {
  if (!fs.existsSync(path.join(root, "node_modules", pkg, "package.json"))) {
    console.error(`bench_peers: node_modules/${pkg} is missing: run 'npm ci' first`);
    process.exit(2);
  }
}
const { chromium } = await import("playwright-core");

function run(command, args, extra = {}) {
  const r = spawnSync(command, args, { cwd: root, encoding: "utf8", maxBuffer: 64 << 20,
    env: { ...process.env, NODE_PATH: "/usr/share/nodejs" }, ...extra });
  if (r.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (${r.status}):\n${r.stdout || ""}${r.stderr || ""}`);
  }
  return r.stdout;
}

// ---------------------------------------------------------------- machine
function cpuModel() {
  const m = fs.readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.*)$/m);
  return m ? m[1] : os.cpus()[0]?.model || "unknown";
}
const machine = { cpu: cpuModel(), cores: os.cpus().length, loadBefore: os.loadavg().map((v) => +v.toFixed(2)),
  node: process.version, date: new Date().toISOString() };

// ---------------------------------------------------------------- build
if (options.build) {
  console.log("building: cmake --preset wasm && cmake --build --preset wasm --target convlab_bench_page convlab");
  run("cmake", ["--preset", "wasm"]);
  run("cmake", ["--build", "--preset", "wasm", "--target", "convlab_bench_page", "convlab"]);
}

// ---------------------------------------------------------------- the page
const mounts = { "/node_modules/": path.join(root, "node_modules") };
if (options.baseline) mounts["/baseline/"] = path.resolve(options.baseline);
const server = await startServer(benchDir, 0, mounts);
const query = `reps=${options.reps}&batches=${options.batches}&slow_batches=${options["slow-batches"]}` +
  `&warmup=${options.warmup}&models=${options.models}` + (options.baseline ? "&baseline=/baseline/" : "");
const url = `http://127.0.0.1:${server.address().port}/bench.html?${query}`;
console.log(`machine: ${machine.cpu}, ${machine.cores} cores, load average ${machine.loadBefore.join(" ")}`);
console.log(`page: ${url}`);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
let page_result;
try {
  const page = await browser.newPage();
  page.on("console", (m) => { if (m.text().startsWith("bench: ")) console.log(m.text().slice(7)); });
  page.on("pageerror", (e) => console.error("page error: " + e));
  await page.goto(url);
  await page.waitForFunction(() => window.benchResult || window.benchError, null, { timeout: 0, polling: 1000 });
  const error = await page.evaluate(() => window.benchError);
  if (error) throw new Error("the bench page failed: " + error);
  page_result = await page.evaluate(() => window.benchResult);
} finally {
  await browser.close();
  server.close();
}

// ---------------------------------------------------------------- threads (issue 17)
// bench_threads.html, served cross-origin isolated, once per TF.js thread count
// (TF.js fixes its count when its backend starts); the first load (1 thread)
// also trains on every count, taking turns. Each load is a fresh browser, so
// one page's workers never share the cores with the next's.
const coreCount = Math.min(8, machine.cores);
const threadCounts = options.threads === null ? [1, 2, 4, 8].filter((n) => n <= coreCount)
  : options.threads.split(",").filter(Boolean).map(Number);
if (threadCounts.some((n) => !(n >= 1 && n <= 8))) {
  console.error(`bench_peers: --threads wants counts from 1 to 8, got '${options.threads}'`);
  process.exit(2);
}
const threads_result = {};
async function runIsolatedBench(query_) {
  const server_ = await startServer(benchDir, 0, { "/node_modules/": path.join(root, "node_modules") }, { isolated: true });
  const url_ = `http://127.0.0.1:${server_.address().port}/bench_threads.html?${query_}`;
  console.log(`\npage: ${url_}`);
  const browser_ = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const page = await browser_.newPage();
    page.on("console", (m) => { if (m.text().startsWith("bench: ")) console.log(m.text().slice(7)); });
    page.on("pageerror", (e) => console.error("page error: " + e));
    await page.goto(url_);
    await page.waitForFunction(() => window.benchResult || window.benchError, null, { timeout: 0, polling: 1000 });
    const error = await page.evaluate(() => window.benchError);
    if (error) throw new Error("the threads bench page failed: " + error);
    return await page.evaluate(() => window.benchResult);
  } finally {
    await browser_.close();
    server_.close();
  }
}
if (threadCounts.length) {
  const common = `reps=${options.reps}&batches=${options.batches}&warmup=${options.warmup}&models=${options.models}`;
  for (const [i, n] of threadCounts.entries()) {
    threads_result[n] = await runIsolatedBench(`${common}&tfjs_threads=${n}` + (i === 0 ? `&train_threads=${threadCounts.join(",")}` : ""));
  }
}

// ---------------------------------------------------------------- the learner's page (issue 17)
// The page itself (its threads build, served isolated as tools/serve.sh serves
// it) training the seed model at batch 32 with the Threads field at 1, UI
// drawn beside it as a learner sees it: batches counted through the test hook
// over --reps windows of --page-seconds, after a few batches of warm-up.
let page_training = null;
const pageDir = options.page && path.resolve(options.page);
if (pageDir && !fs.existsSync(path.join(pageDir, "convlab_threads.js"))) {
  if (options.pageAsked) {
    console.error(`bench_peers: ${pageDir} has no convlab_threads.js: build the page (cmake --build build/wasm) or pass --no-page`);
    process.exit(2);
  }
  console.log(`\n(no ${path.relative(root, pageDir)}/convlab_threads.js: the learner's page is not measured; build it or pass --page DIR)`);
} else if (pageDir) {
  const server_ = await startServer(pageDir, 0, {}, { isolated: true });
  const url_ = `http://127.0.0.1:${server_.address().port}/index.html`;
  console.log(`\nthe learner's page: ${url_} (${pageDir})`);
  const browser_ = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    // No service worker: it would serve its cache, not this build (tests/browser/run.mjs).
    const context = await browser_.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: "block" });
    const page = await context.newPage();
    page.on("pageerror", (e) => console.error("page error: " + e));
    await page.goto(url_);
    await page.waitForFunction(() => window.convlabHook && (window.convlabHook.error ||
      (window.convlabHook.ready && window.convlabHook.frame > 10)), null, { timeout: 120000 });
    const cmd = (c) => page.evaluate((x) => window.convlabHook.command(x), c);
    const training = () => page.evaluate(() => window.convlabHook.state.training);
    const build = await page.evaluate(() => window.convlabHook.error || window.convlabHook.build);
    if (build !== "threads") throw new Error(`the learner's page runs its '${build}' build, not 'threads'`);
    const until = async (what, predicate, ms) => {
      const start = Date.now();
      for (;;) {
        const t = await training();
        if (predicate(t)) return t;
        if (Date.now() - start > ms) throw new Error(`the learner's page: timed out waiting for ${what}: ${JSON.stringify(t).slice(0, 300)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    // The page's model must be the seed model the bench pages train: the same parameter count.
    const pageParams = await page.evaluate(() => window.convlabHook.state.summary?.total_params);
    const seedDescription = threads_result[threadCounts[0]]?.models.seed?.description || page_result.models.seed?.description || "";
    const seedParams = Number((seedDescription.match(/(\d+) parameters/) || [])[1]);
    if (seedParams && pageParams !== seedParams) {
      throw new Error(`the learner's page shows a model of ${pageParams} parameters, not the seed model's ${seedParams}`);
    }
    await cmd("tab training");
    for (const c of ["train_set batch 32", "train_threads 1"]) {
      const reply = await cmd(c);
      if (reply !== "ok" && reply !== "") throw new Error(`the learner's page: '${c}' answered '${reply}'`);
    }
    await cmd("train_start");
    let t = await until("training to run", (x) => x.status === "running" && x.batch >= Math.max(3, options.warmup), 300000);
    if (t.mode !== "thread" || t.threads !== 1 || t.batch_size !== 32) {
      throw new Error(`the learner's page trains in mode ${t.mode} on ${t.threads} threads at batch ${t.batch_size}, not thread / 1 / 32`);
    }
    // train_batches answers now (the state is as of the last frame).
    const batches = () => page.evaluate(() => Number(window.convlabHook.command("train_batches")));
    const windows = async () => {
      const rates = [];
      for (let r = 0; r < options.reps; ++r) {
        const b0 = await batches(), t0 = Date.now();
        await new Promise((res) => setTimeout(res, options["page-seconds"] * 1000));
        const b1 = await batches(), t1 = Date.now();
        rates.push(((b1 - b0) * 32) / ((t1 - t0) / 1000));
      }
      const sorted = [...rates].sort((a, b) => a - b), n = sorted.length;
      const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      return { median, rates, sorted };
    };
    // As a learner sees it, frames drawn; then with the page's main loop paused
    // (no frames, as in a hidden tab): the difference is what drawing costs training.
    const drawn = await windows();
    t = await training();
    await page.evaluate(() => window.Module.pauseMainLoop());
    const noFrames = await windows();
    await page.evaluate(() => window.Module.resumeMainLoop());
    await cmd("train_pause");
    page_training = { median: drawn.median, rates: drawn.rates, noFrames: { median: noFrames.median, rates: noFrames.rates },
      params: pageParams, hookExamplesPerSecond: t.examples_per_second, epoch: t.epoch, evaluating: t.evaluating,
      mode: t.mode, threads: t.threads, batchSize: t.batch_size, optimizer: t.optimizer, seconds: options["page-seconds"], dir: pageDir };
    console.log(`  the page, seed model, batch 32, 1 training thread: ${drawn.median.toFixed(1)} examples/s with its frames drawn ` +
      `(${drawn.sorted.length} windows of ${options["page-seconds"]} s: ${drawn.sorted.map((v) => v.toFixed(1)).join(", ")}; the hook's own rate ${t.examples_per_second}); ` +
      `${noFrames.median.toFixed(1)} with its main loop paused (${noFrames.sorted.map((v) => v.toFixed(1)).join(", ")})`);
  } finally {
    await browser_.close();
    server_.close();
  }
}

// ---------------------------------------------------------------- GEMM rows
// `convlab bench` prints sections ("  conv2: ...", "  gemm: ...") of rows
// ("    <label>   <GFLOP/s> GFLOP/s <pct>% of peak ...").
function parseBench(text) {
  const out = { peak: null, rows: {}, openblasKernel: null, cpu: null };
  let section = "";
  for (const line of text.split("\n")) {
    let m;
    if ((m = line.match(/^ {2}peak: ([\d.]+) GFLOP\/s/))) out.peak = +m[1];
    else if ((m = line.match(/^ {2}CPU: (.*)$/))) out.cpu = m[1];
    else if ((m = line.match(/^ {2}(\w+): /))) section = m[1];
    else if ((m = line.match(/OpenBLAS kernel: ([^)]*)\)/))) out.openblasKernel = m[1];
    else if ((m = line.match(/^ {4}(.+?)\s+([\d.]+) GFLOP\/s\s+([\d.]+)% of peak/))) {
      out.rows[`${section}: ${m[1]}`] = { gflops: +m[2], pctPeak: +m[3] };
    }
  }
  return out;
}
const gemm = {};
if (options.gemm) {
  console.log("\nnode --no-experimental-fetch build/wasm/convlab.js bench");
  gemm.wasm = parseBench(run("node", ["--no-experimental-fetch", "build/wasm/convlab.js", "bench"]));
  if (fs.existsSync(path.join(root, "build/native/convlab"))) {
    console.log("build/native/convlab bench");
    gemm.native = parseBench(run(path.join(root, "build/native/convlab"), ["bench"]));
  }
}
machine.loadAfter = os.loadavg().map((v) => +v.toFixed(2));

// ---------------------------------------------------------------- report
const fmt = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const models = Object.keys(page_result.models);
const lines = [];
const header = (first) => {
  lines.push(`| ${first} | ${models.map((m) => `${m} ex/s | ConvLab ×`).join(" | ")} |`);
  lines.push(`| --- | ${models.map(() => "---: | ---:").join(" | ")} |`);
};
const row = (label, kind, key) => {
  const cells = models.map((m) => {
    const r = page_result.models[m][kind][key], ours = page_result.models[m][kind].convlab;
    return r ? `${fmt(r.median)} | ${key === "convlab" ? "1" : fmt(ours.median / r.median)}` : "n/a | n/a";
  });
  lines.push(`| ${label} | ${cells.join(" | ")} |`);
};
const v = page_result.versions;
header(`Training, batch ${page_result.config.batch}`);
row("ConvLab wasm SIMD", "train", "convlab");
row(`TF.js ${v.tfjs} cpu`, "train", "tfjs_cpu");
row(`ConvNetJS ${v.convnetjs}`, "train", "convnetjs");
lines.push("");
header(`Inference, batch ${page_result.config.batch}`);
row("ConvLab wasm SIMD", "infer", "convlab");
row(`TF.js ${v.tfjs} wasm (XNNPACK, SIMD, 1 thread)`, "infer", "tfjs_wasm");
row(`TF.js ${v.tfjs} cpu`, "infer", "tfjs_cpu");
row(`ConvNetJS ${v.convnetjs}`, "infer", "convnetjs");
if (options.baseline) {
  // This build against the baseline, measured turn by turn (bench.js): the ratio is this / baseline.
  lines.push("");
  lines.push(`| This build vs ${options.baseline} | ${models.map((m) => `${m} this ex/s | baseline ex/s | this / baseline`).join(" | ")} |`);
  lines.push(`| --- | ${models.map(() => "---: | ---: | ---:").join(" | ")} |`);
  for (const kind of ["train", "infer"]) {
    const cells = models.map((m) => {
      const now = page_result.models[m][kind].convlab_now, was = page_result.models[m][kind].convlab_baseline;
      return `${fmt(now.median)} | ${fmt(was.median)} | ${(now.median / was.median).toFixed(3)}`;
    });
    lines.push(`| ${kind === "train" ? "Training" : "Inference"}, batch ${page_result.config.batch} | ${cells.join(" | ")} |`);
  }
}

// The threads tables. The part that does not scale: the Karp–Flatt serial
// fraction e = (1/S − 1/p) / (1 − 1/p) for speed-up S on p threads, the share
// of one thread's step that behaves as if it could not be split (0 for perfect
// scaling, 1 for none): Amdahl's law solved for its serial part.
const karpFlatt = (speedup, p) => (1 / speedup - 1 / p) / (1 - 1 / p);
const threadModels = threadCounts.length ? Object.keys(threads_result[threadCounts[0]].models) : [];
if (threadCounts.length) {
  const first = threads_result[threadCounts[0]];
  lines.push("");
  lines.push(`| Training, batch ${first.config.batch}, ConvLab threads build (bench page, no UI) | ` +
    `${threadModels.map((m) => `${m} ex/s | × 1 thread | serial part`).join(" | ")} |`);
  lines.push(`| --- | ${threadModels.map(() => "---: | ---: | ---:").join(" | ")} |`);
  for (const n of threadCounts) {
    const cells = threadModels.map((m) => {
      const r = first.models[m].train[`convlab_${n}`], one = first.models[m].train.convlab_1;
      if (!r) return "n/a | n/a | n/a";
      if (!one) return `${fmt(r.median)} | n/a | n/a`;
      const s = r.median / one.median;
      return `${fmt(r.median)} | ${s.toFixed(2)} | ${n === 1 ? "" : `${(100 * karpFlatt(s, n)).toFixed(0)}%`}`;
    });
    lines.push(`| ${n} thread${n === 1 ? "" : "s"} | ${cells.join(" | ")} |`);
  }
  lines.push("");
  lines.push(`| Inference, batch ${first.config.batch}, same thread count | ` +
    `${threadModels.map((m) => `${m} ConvLab ex/s | TF.js wasm ex/s | ConvLab ×`).join(" | ")} |`);
  lines.push(`| --- | ${threadModels.map(() => "---: | ---: | ---:").join(" | ")} |`);
  for (const n of threadCounts) {
    const cells = threadModels.map((m) => {
      const ours = threads_result[n].models[m].infer[`convlab_${n}`], theirs = threads_result[n].models[m].infer[`tfjs_wasm_${n}`];
      return `${fmt(ours.median)} | ${fmt(theirs.median)} | ${fmt(ours.median / theirs.median)}`;
    });
    const widened = threads_result[n].tfjsWasm.hardwareConcurrencyWidened ? "*" : "";
    lines.push(`| ${n} thread${n === 1 ? "" : "s"} (TF.js ${first.versions.tfjs} wasm, XNNPACK, threaded SIMD${widened}) | ${cells.join(" | ")} |`);
  }
  if (threadCounts.some((n) => threads_result[n].tfjsWasm.hardwareConcurrencyWidened)) {
    lines.push("");
    lines.push(`\\* TF.js's wasm backend uses at most navigator.hardwareConcurrency / 2 threads (hardwareConcurrency is ${threads_result[threadCounts[0]].hardwareConcurrency} here): ` +
      "it was shown twice the count asked for while it started, and its getThreadsCount() said that count.");
  }
}
if (page_training) {
  const core1 = threads_result[threadCounts[0]]?.models.seed?.train.convlab_1;
  const simd = page_result.models.seed?.train.convlab;
  lines.push("");
  lines.push("| In-page training, seed, batch 32, Threads 1 | ex/s | × core, threads build, 1 thread | × core, SIMD build |");
  lines.push("| --- | ---: | ---: | ---: |");
  const where = path.relative(root, page_training.dir).startsWith("..") ? page_training.dir : path.relative(root, page_training.dir);
  const pageRow = (label, r) => lines.push(`| ${label} | ${fmt(r.median)} | ` +
    `${core1 ? fmt(r.median / core1.median) : "n/a"} | ${simd ? fmt(r.median / simd.median) : "n/a"} |`);
  pageRow(`the learner's page (${where}, threads build), frames drawn`, page_training);
  pageRow("the same, its main loop paused (no frames, as in a hidden tab)", page_training.noFrames);
}

const targets = [];
const seed = page_result.models.seed;
if (seed) {
  const t = seed.train, i = seed.infer;
  targets.push(["training seed: ConvLab ≥ 20× ConvNetJS", t.convlab.median / t.convnetjs.median, 20]);
  targets.push(["training seed: ConvLab ≥ 100× TF.js cpu", t.convlab.median / t.tfjs_cpu.median, 100]);
  targets.push(["inference seed: ConvLab ≥ 0.8× TF.js wasm", i.convlab.median / i.tfjs_wasm.median, 0.8]);
}
if (threadCounts.length) {
  const first = threads_result[threadCounts[0]];
  const s2 = first.models.seed?.train.convlab_2, s1 = first.models.seed?.train.convlab_1;
  if (s1 && s2) targets.push(["training seed, threads build: 2 threads ≥ 1.7× 1 thread", s2.median / s1.median, 1.7]);
  for (const n of threadCounts) {
    for (const m of threadModels) {
      const ours = threads_result[n].models[m].infer[`convlab_${n}`], theirs = threads_result[n].models[m].infer[`tfjs_wasm_${n}`];
      targets.push([`inference ${m}, ${n} thread${n === 1 ? "" : "s"}: ConvLab ≥ 1.0× TF.js wasm`, ours.median / theirs.median, 1.0]);
    }
  }
  if (page_training && s1) targets.push(["in-page training seed, 1 thread: ≥ 0.9× the core's 1 thread", page_training.median / s1.median, 0.9]);
}
const G = "gemm: gemm", B = "gemm: OpenBLAS, 1 thread";
if (gemm.native || gemm.wasm) {
  const blas = gemm.native?.rows[B];
  lines.push("");
  lines.push("| conv2 GEMM, M = 576·32, N = 63, K = 288 | GFLOP/s | % of its 128-bit peak | × OpenBLAS 1 thread |");
  lines.push("| --- | ---: | ---: | ---: |");
  const gemmRow = (label, r, peak) => lines.push(`| ${label} | ${fmt(r.gflops)} | ${r.pctPeak.toFixed(0)}% of ${fmt(peak)} | ${blas ? fmt(r.gflops / blas.gflops) : "n/a"} |`);
  if (gemm.native?.rows[G]) gemmRow("ConvLab native (SSE2)", gemm.native.rows[G], gemm.native.peak);
  if (blas) gemmRow(`OpenBLAS native, 1 thread (${gemm.native.openblasKernel} kernel)`, blas, gemm.native.peak);
  if (gemm.wasm?.rows[G]) gemmRow("ConvLab wasm SIMD (node)", gemm.wasm.rows[G], gemm.wasm.peak);
  if (blas && gemm.native.rows[G]) targets.push(["native GEMM ≥ 0.25× OpenBLAS", gemm.native.rows[G].gflops / blas.gflops, 0.25]);
  if (blas && gemm.wasm?.rows[G]) targets.push(["wasm GEMM ≥ 0.15× OpenBLAS", gemm.wasm.rows[G].gflops / blas.gflops, 0.15]);
}

console.log(`\nConvLab against its peers, ${machine.date}`);
console.log(`machine: ${machine.cpu}, ${machine.cores} cores; load average (1, 5, 15 min) before ${machine.loadBefore.join(" ")}, after ${machine.loadAfter.join(" ")}`);
const c = page_result.config;
console.log(`each page figure: median of ${c.reps} runs of ${c.batches} batches after ${c.warmup} warm-up batches ` +
  `(training with TF.js cpu and ConvNetJS: ${c.slowBatches} batches per run after ${Math.min(1, c.warmup)}); ` +
  `ConvLab × = ConvLab's examples/s over the peer's`);
if (threadCounts.length) {
  console.log(`threads: bench_threads.html served cross-origin isolated, a fresh browser per TF.js thread count (${threadCounts.join(", ")}); ` +
    `the training counts take turns run by run in the first; each figure the median of ${options.reps} runs of ${options.batches} batches; ` +
    `serial part = Karp–Flatt (1/S − 1/p) / (1 − 1/p)`);
}
if (page_training) {
  console.log(`the learner's page: median of ${page_training.rates.length} windows of ${page_training.seconds} s, batches counted by the test hook, ` +
    `after the threads part (not taking turns with it)`);
}
console.log("");
console.log(lines.join("\n"));
console.log("\ntargets:");
for (const [label, ratio, goal] of targets) console.log(`  ${ratio >= goal ? "met   " : "missed"}  ${label}: ${fmt(ratio)}×`);

const report = { machine, options, page: page_result, threads: threads_result, learnerPage: page_training, gemm, targets: targets.map(([label, ratio, goal]) => ({ label, ratio, goal, met: ratio >= goal })) };
fs.writeFileSync(path.join(benchDir, "peers.json"), JSON.stringify(report, null, 2) + "\n");
console.log(`\nwrote ${path.relative(root, path.join(benchDir, "peers.json"))}`);
