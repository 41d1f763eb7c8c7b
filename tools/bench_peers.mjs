// bench_peers.mjs: ConvLab's speed as ratios to its peers, measured on this
// machine in one run (issue 7). Builds the benchmark page (tests/bench/), serves
// it with node_modules/ on 127.0.0.1, runs it in Debian's headless Chromium
// (ConvLab wasm SIMD, TF.js cpu and wasm, ConvNetJS on the same digits, batch
// 32), then the conv GEMM rows from `convlab bench` (wasm under node; native
// with OpenBLAS when build/native/convlab exists). Prints markdown tables and
// writes build/wasm/bench/peers.json. Installs nothing: expects `npm ci` done.
// Not part of the test command. Usage:
//   node tools/bench_peers.mjs [--reps 5] [--batches 10] [--warmup 2]
//     [--slow-batches 10]  batches per run when TF.js cpu or ConvNetJS trains
//                          (seconds each: 2 keeps the run near 10 minutes on 2 idle cores)
//     [--models seed,mnist_convnet] [--no-build] [--no-gemm]
//     [--baseline DIR]     another build's bench folder (build/wasm/bench of an
//                          older checkout): ConvLab this build vs that one, turn by turn
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
const options = { reps: 5, batches: 10, warmup: 2, "slow-batches": 10, models: "seed,mnist_convnet", build: true, gemm: true };
for (let i = 2; i < process.argv.length; ++i) {
  const a = process.argv[i];
  if (a === "--no-build") options.build = false;
  else if (a === "--no-gemm") options.gemm = false;
  else if (["--reps", "--batches", "--slow-batches", "--warmup", "--models", "--baseline"].includes(a) && i + 1 < process.argv.length) {
    options[a.slice(2)] = ["--models", "--baseline"].includes(a) ? process.argv[++i] : Number(process.argv[++i]);
  } else {
    console.error(`bench_peers: unknown option '${a}'\nusage: node tools/bench_peers.mjs [--reps N] [--batches N] [--slow-batches N] [--warmup N] [--models seed,mnist_convnet] [--no-build] [--no-gemm] [--baseline DIR]`);
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

const targets = [];
const seed = page_result.models.seed;
if (seed) {
  const t = seed.train, i = seed.infer;
  targets.push(["training seed: ConvLab ≥ 20× ConvNetJS", t.convlab.median / t.convnetjs.median, 20]);
  targets.push(["training seed: ConvLab ≥ 100× TF.js cpu", t.convlab.median / t.tfjs_cpu.median, 100]);
  targets.push(["inference seed: ConvLab ≥ 0.8× TF.js wasm", i.convlab.median / i.tfjs_wasm.median, 0.8]);
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
  `ConvLab × = ConvLab's examples/s over the peer's\n`);
console.log(lines.join("\n"));
console.log("\ntargets:");
for (const [label, ratio, goal] of targets) console.log(`  ${ratio >= goal ? "met   " : "missed"}  ${label}: ${fmt(ratio)}×`);

const report = { machine, options, page: page_result, gemm, targets: targets.map(([label, ratio, goal]) => ({ label, ratio, goal, met: ratio >= goal })) };
fs.writeFileSync(path.join(benchDir, "peers.json"), JSON.stringify(report, null, 2) + "\n");
console.log(`\nwrote ${path.relative(root, path.join(benchDir, "peers.json"))}`);
