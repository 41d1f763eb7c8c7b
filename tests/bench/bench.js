// bench.js: times training and inference of the same models on the same MNIST
// digits at the same batch size with ConvLab's wasm SIMD core (bench_entry.cpp),
// TF.js 4.22 (cpu backend; and its wasm backend, XNNPACK + SIMD, one thread,
// for inference only: it has no Conv2DBackpropFilter), and ConvNetJS 0.3.0.
// Each figure: examples per second, the median of `reps` timed repetitions of
// `batches` batches after `warmup` untimed batches (`slow_batches` for the
// plain-JS peers' training, which takes seconds per batch). The two sides of
// each ratio take turns run by run. Publishes window.benchResult
// (or window.benchError) for tools/bench_peers.mjs. Not a correctness test:
// the losses and accuracies are shown only to make sure every library computes.
"use strict";

const query = new URLSearchParams(location.search);
const CONFIG = {
  batch: 32,
  reps: Math.max(1, Number(query.get("reps")) || 5),
  batches: Math.max(1, Number(query.get("batches")) || 10),
  warmup: Math.max(0, Number(query.get("warmup") ?? 2)),
  // Training with the plain-JS peers takes seconds to a minute per batch: their
  // runs may be shorter (slow_batches per run, one warm-up batch), and say so.
  slowBatches: Math.max(1, Number(query.get("slow_batches")) || Number(query.get("batches")) || 10),
  digits: 1024,
  models: (query.get("models") || "seed,mnist_convnet").split(","),
};
const PIXELS = 28 * 28;
const PRESET_INDEX = { seed: 0, mnist_convnet: 1 };

const logElement = document.getElementById("log");
logElement.textContent = "";
function log(line) {
  logElement.textContent += line + "\n";
  console.log("bench: " + line);
}
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

// ---------------------------------------------------------------- timing
// Each entry's run(k) runs k batches (a promise) and returns a number to show
// (mean loss for training, accuracy for inference). Entries measured together
// take turns run by run, so a burst of load from elsewhere on the machine hits
// both sides of a ratio alike. slow: a plain-JS peer's training.
async function measureTogether(entries) {
  const batches = entries.map((e) => (e.slow ? CONFIG.slowBatches : CONFIG.batches));
  const warmups = entries.map((e) => (e.slow ? Math.min(1, CONFIG.warmup) : CONFIG.warmup));
  for (const [i, e] of entries.entries()) if (warmups[i] > 0) await e.run(warmups[i]);
  const rates = entries.map(() => []), shown = entries.map(() => 0);
  for (let r = 0; r < CONFIG.reps; ++r) {
    for (const [i, e] of entries.entries()) {
      await nextTask();
      const t0 = performance.now();
      shown[i] = await e.run(batches[i]);
      const seconds = (performance.now() - t0) / 1000;
      rates[i].push((batches[i] * CONFIG.batch) / seconds);
    }
  }
  return entries.map((e, i) => {
    const batches_ = batches[i], warmup = warmups[i];
    const sorted = [...rates[i]].sort((a, b) => a - b);
    const n = sorted.length;
    const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    log(`  ${e.label.padEnd(34)} ${median.toFixed(1).padStart(9)} examples/s  (${CONFIG.reps} runs of ${batches_} batches: ${sorted.map((v) => v.toFixed(1)).join(", ")}; ${shown[i].toFixed(3)})`);
    return { median, min: sorted[0], max: sorted[n - 1], rates: rates[i], value: shown[i], batches: batches_, warmup };
  });
}
// ---------------------------------------------------------------- ConvLab
// factory: the module's MODULARIZE function (this build's ConvLabBench, or a
// baseline build's, loaded by loadBaseline); options: its Module overrides.
async function convlabPeer(mnistBytes, factory = ConvLabBench, options = {}) {
  const m = await factory(options);
  const api = {
    error: m.cwrap("bench_error", "string", []),
    description: m.cwrap("bench_description", "string", []),
    build: m.cwrap("bench_build", "number", ["number", "number"]),
    loadDigits: m.cwrap("bench_load_digits", "number", ["number", "number", "number"]),
    pixels: m.cwrap("bench_pixels", "number", []),
    labels: m.cwrap("bench_labels", "number", []),
    train: m.cwrap("bench_train", "number", ["number"]),
    infer: m.cwrap("bench_infer", "number", ["number"]),
    // Builds from before the threads benchmark (a --baseline) lack these two.
    setThreads: m._bench_set_threads ? m.cwrap("bench_set_threads", "number", ["number"]) : null,
    hardwareThreads: m._bench_hardware_threads ? m.cwrap("bench_hardware_threads", "number", []) : null,
  };
  const bytes = m._malloc(mnistBytes.length);
  m.HEAPU8.set(mnistBytes, bytes);
  const status = api.loadDigits(bytes, mnistBytes.length, CONFIG.digits);
  m._free(bytes);
  if (status !== 0) throw new Error("ConvLab: " + api.error());
  // The digits every peer uses: copied out of ConvLab's memory.
  const p = api.pixels() / 4, l = api.labels() / 4;
  const digits = {
    pixels: m.HEAPF32.slice(p, p + CONFIG.digits * PIXELS),
    labels: m.HEAP32.slice(l, l + CONFIG.digits),
  };
  return { api, digits };
}

// A second ConvLab build (?baseline=DIR/, e.g. one from before a change), for
// tools/bench_peers.mjs --baseline: its bench_entry.js defines the same global
// name as ours, so it is evaluated in a function scope and its factory returned.
async function loadBaseline(dir) {
  const text = await (await fetch(dir + "bench_entry.js")).text();
  const factory = new Function(text + "\nreturn ConvLabBench;")();
  return { factory, options: { locateFile: (file) => dir + file } };
}

// ---------------------------------------------------------------- TF.js
// The same layers as presets.cpp; Keras's glorot_uniform / zeros initialisers are TF.js's defaults too.
function tfjsModel(name) {
  const model = tf.sequential();
  const conv = (filters, extra = {}) => tf.layers.conv2d({ filters, kernelSize: 3, activation: "relu", ...extra });
  if (name === "seed") {
    model.add(conv(32, { inputShape: [28, 28, 1] }));
    model.add(conv(63));
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tf.layers.dropout({ rate: 0.25 }));
    model.add(tf.layers.flatten());
    model.add(tf.layers.dense({ units: 128, activation: "relu" }));
    model.add(tf.layers.dropout({ rate: 0.5 }));
    model.add(tf.layers.dense({ units: 10, activation: "softmax" }));
    model.compile({ optimizer: tf.train.adadelta(1.0, 0.95, 1e-7), loss: "categoricalCrossentropy" });
  } else {
    model.add(conv(32, { inputShape: [28, 28, 1] }));
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(conv(64));
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
    model.add(tf.layers.flatten());
    model.add(tf.layers.dropout({ rate: 0.5 }));
    model.add(tf.layers.dense({ units: 10, activation: "softmax" }));
    model.compile({ optimizer: tf.train.adam(0.001, 0.9, 0.999, 1e-7), loss: "categoricalCrossentropy" });
  }
  return model;
}

// The digits as (batch, 28, 28, 1) tensors and one-hot labels, made once on the current backend.
function tfjsBatches(digits) {
  const out = [];
  for (let first = 0; first + CONFIG.batch <= CONFIG.digits; first += CONFIG.batch) {
    const x = tf.tensor4d(digits.pixels.subarray(first * PIXELS, (first + CONFIG.batch) * PIXELS), [CONFIG.batch, 28, 28, 1]);
    const labels = digits.labels.subarray(first, first + CONFIG.batch);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, "int32"), 10).toFloat());
    out.push({ x, y, labels });
  }
  return out;
}

function argmaxMatches(probabilities, labels) {
  let correct = 0;
  for (let i = 0; i < labels.length; ++i) {
    let best = 0;
    for (let c = 1; c < 10; ++c) if (probabilities[i * 10 + c] > probabilities[i * 10 + best]) best = c;
    correct += best === labels[i];
  }
  return correct;
}

// A model on `backend` with the digits as tensors there: train(k), infer(k), dispose().
async function tfjsSetup(backend, name, digits) {
  await tf.setBackend(backend);
  await tf.ready();
  const model = tfjsModel(name);
  const batches = tfjsBatches(digits);
  let next = 0;
  const take = () => batches[next++ % batches.length];
  return {
    train: async (k) => {
      let loss = 0;
      for (let i = 0; i < k; ++i) {
        const b = take();
        loss += await model.trainOnBatch(b.x, b.y);
      }
      return loss / k;
    },
    infer: async (k) => {
      let correct = 0;
      for (let i = 0; i < k; ++i) {
        const b = take();
        const p = model.predict(b.x);
        correct += argmaxMatches(p.dataSync(), b.labels);
        p.dispose();
      }
      return correct / (k * CONFIG.batch);
    },
    dispose: () => {
      for (const b of batches) { b.x.dispose(); b.y.dispose(); }
      model.dispose();
    },
  };
}

// ---------------------------------------------------------------- ConvNetJS
// ConvNetJS has no Adam: mnist_convnet trains with its Adadelta (rho 0.95) too.
// 'softmax' adds the Dense(10) in front of itself; 'fc' flattens its input.
function convnetjsModel(name) {
  const defs = [{ type: "input", out_sx: 28, out_sy: 28, out_depth: 1 }];
  const conv = (filters) => ({ type: "conv", sx: 3, filters, stride: 1, pad: 0, activation: "relu" });
  const pool = { type: "pool", sx: 2, stride: 2 };
  if (name === "seed") {
    defs.push(conv(32), conv(63), pool, { type: "dropout", drop_prob: 0.25 },
      { type: "fc", num_neurons: 128, activation: "relu" }, { type: "dropout", drop_prob: 0.5 },
      { type: "softmax", num_classes: 10 });
  } else {
    defs.push(conv(32), pool, conv(64), pool, { type: "dropout", drop_prob: 0.5 }, { type: "softmax", num_classes: 10 });
  }
  const net = new convnetjs.Net();
  net.makeLayers(defs);
  const trainer = new convnetjs.Trainer(net, { method: "adadelta", batch_size: CONFIG.batch, l2_decay: 0, ro: 0.95, eps: 1e-7 });
  return { net, trainer };
}

// The model with the digits as Vols: train(k), infer(k).
function convnetjsSetup(name, digits) {
  const { net, trainer } = convnetjsModel(name);
  const vols = [];
  for (let i = 0; i < CONFIG.digits; ++i) {
    const v = new convnetjs.Vol(28, 28, 1, 0.0);
    v.w.set(digits.pixels.subarray(i * PIXELS, (i + 1) * PIXELS));  // (y, x, d) order: NHWC as ours
    vols.push(v);
  }
  let next = 0;
  return {
    train: async (k) => {
      let loss = 0;
      for (let i = 0; i < k * CONFIG.batch; ++i) {
        const d = next++ % CONFIG.digits;
        loss += trainer.train(vols[d], digits.labels[d]).loss;
      }
      return loss / (k * CONFIG.batch);
    },
    infer: async (k) => {
      let correct = 0;
      for (let i = 0; i < k * CONFIG.batch; ++i) {
        const d = next++ % CONFIG.digits;
        correct += argmaxMatches(net.forward(vols[d], false).w, digits.labels.subarray(d, d + 1));
      }
      return correct / (k * CONFIG.batch);
    },
  };
}

// ---------------------------------------------------------------- the run
async function main() {
  const mnist = new Uint8Array(await (await fetch("mnist.bin")).arrayBuffer());
  const { api, digits } = await convlabPeer(mnist);
  const baselineDir = query.get("baseline");
  let baseline = null;
  if (baselineDir) {
    const { factory, options } = await loadBaseline(baselineDir);
    baseline = (await convlabPeer(mnist, factory, options)).api;
  }

  tf.enableProdMode();
  tf.wasm.setWasmPaths("/node_modules/@tensorflow/tfjs-backend-wasm/dist/");
  tf.wasm.setThreadsCount(1);
  await tf.setBackend("wasm");
  const result = {
    config: CONFIG,
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    versions: { tfjs: tf.version.tfjs, tfjsBackendWasm: tf.wasm.version_wasm, convnetjs: "0.3.0" },
    tfjsWasm: {
      simd: await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"),
      multithread: await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT"),
      threads: tf.wasm.getThreadsCount ? tf.wasm.getThreadsCount() : 1,
    },
    optimizers: {
      seed: { convlab: "Adadelta lr 1.0 rho 0.95", tfjs: "Adadelta lr 1.0 rho 0.95", convnetjs: "adadelta rho 0.95" },
      mnist_convnet: { convlab: "Adam lr 0.001", tfjs: "Adam lr 0.001", convnetjs: "adadelta rho 0.95 (ConvNetJS has no Adam)" },
    },
    models: {},
  };
  log(`batch ${CONFIG.batch}; each figure the median of ${CONFIG.reps} runs of ${CONFIG.batches} batches after ${CONFIG.warmup} warm-up batches` +
    ` (training with TF.js cpu and ConvNetJS: ${CONFIG.slowBatches} batches per run after ${Math.min(1, CONFIG.warmup)})`);
  log(`TF.js ${result.versions.tfjs}; wasm backend SIMD ${result.tfjsWasm.simd}, threads ${result.tfjsWasm.threads}`);

  for (const name of CONFIG.models) {
    if (api.build(PRESET_INDEX[name], CONFIG.batch) !== 0) throw new Error("ConvLab: " + api.error());
    const description = api.description();
    log(`\n${description}`);
    const train = {}, infer = {};
    const convlabTrain = async (k) => {
      const loss = api.train(k);
      if (Number.isNaN(loss)) throw new Error("ConvLab: " + api.error());
      return loss;
    };
    // Each ratio's two sides take turns run by run (measureTogether).
    const wasm = await tfjsSetup("wasm", name, digits);
    [infer.convlab, infer.tfjs_wasm] = await measureTogether([
      { label: "ConvLab wasm SIMD, inference", run: async (k) => api.infer(k) },
      { label: "TF.js wasm, inference", run: wasm.infer }]);
    wasm.dispose();
    const cpu = await tfjsSetup("cpu", name, digits);
    const cnn = convnetjsSetup(name, digits);
    [infer.tfjs_cpu, infer.convnetjs] = await measureTogether([
      { label: "TF.js cpu, inference", run: cpu.infer },
      { label: "ConvNetJS, inference", run: cnn.infer }]);
    [train.convlab, train.tfjs_cpu, train.convnetjs] = await measureTogether([
      { label: "ConvLab wasm SIMD, training", run: convlabTrain },
      { label: "TF.js cpu, training", run: cpu.train, slow: true },
      { label: "ConvNetJS, training", run: cnn.train, slow: true }]);
    cpu.dispose();
    // This build against the baseline build, taking turns the same way.
    if (baseline) {
      if (baseline.build(PRESET_INDEX[name], CONFIG.batch) !== 0) throw new Error("ConvLab baseline: " + baseline.error());
      [infer.convlab_now, infer.convlab_baseline] = await measureTogether([
        { label: "ConvLab, this build, inference", run: async (k) => api.infer(k) },
        { label: "ConvLab, baseline build, inference", run: async (k) => baseline.infer(k) }]);
      [train.convlab_now, train.convlab_baseline] = await measureTogether([
        { label: "ConvLab, this build, training", run: convlabTrain },
        { label: "ConvLab, baseline build, training", run: async (k) => baseline.train(k) }]);
    }
    result.models[name] = { description, train, infer };
  }
  return result;
}

// bench_threads.html loads this file for its helpers (BENCH_HELPERS_ONLY) and runs its own main.
if (!window.BENCH_HELPERS_ONLY) {
  main().then((r) => { window.benchResult = r; log("\ndone"); },
    (e) => { window.benchError = String(e && e.stack || e); log("error: " + window.benchError); });
}
