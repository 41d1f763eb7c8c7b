// bench_threads.js: the threads half of the peer benchmark (issue 17), run in
// bench_threads.html after bench.js (whose helpers it uses: CONFIG, log,
// measureTogether, convlabPeer, tfjsSetup). One page load measures, on each
// model at batch 32:
//   - inference: ConvLab's threads build on T threads beside TF.js wasm on T
//     threads (T = ?tfjs_threads, fixed for the page because TF.js starts its
//     thread pool once, when its backend starts), taking turns run by run;
//   - training, when ?train_threads lists counts (1,2,...): ConvLab's threads
//     build on each count in turn, run by run, so one burst of load from
//     elsewhere slows every count alike and the ratios to 1 thread are fair.
// The kernels run on the page's main thread with the pool's workers beside it
// (set_thread_count), and nothing is drawn meanwhile. Publishes
// window.benchResult (or window.benchError) for tools/bench_peers.mjs.
"use strict";

const TFJS_THREADS = Math.max(1, Number(query.get("tfjs_threads")) || 1);
const TRAIN_THREADS = (query.get("train_threads") || "").split(",").filter(Boolean).map(Number);

const threadWord = (n) => `${n} thread${n === 1 ? "" : "s"}`;

async function threadsMain() {
  if (!window.crossOriginIsolated) {
    throw new Error("the page is not cross-origin isolated (no SharedArrayBuffer): serve it with COOP same-origin and COEP require-corp");
  }
  const mnist = new Uint8Array(await (await fetch("mnist.bin")).arrayBuffer());
  const { api, digits } = await convlabPeer(mnist, ConvLabBenchThreads);
  const most = Math.max(TFJS_THREADS, ...TRAIN_THREADS, 1);
  // The pool's threads start here, all of them, before anything is timed.
  if (api.setThreads(most) !== most) {
    throw new Error(`ConvLab's threads build gives ${api.setThreads(most)} threads, not ${most} ` +
      `(it has at most min(8, navigator.hardwareConcurrency) = ${api.hardwareThreads()})`);
  }

  tf.enableProdMode();
  tf.wasm.setWasmPaths("/node_modules/@tensorflow/tfjs-backend-wasm/dist/");
  tf.wasm.setThreadsCount(TFJS_THREADS);
  // TF.js 4.22's wasm backend caps its XNNPACK pool at navigator.hardwareConcurrency / 2
  // (its backend.cc assumes two hardware threads per core), so on a machine with 2
  // logical cores it runs 1 thread whatever it is asked. Where that cap is below
  // the count asked for, TF.js is shown a hardwareConcurrency of twice the count
  // while its module starts (it reads it once, then), and only then; ours read
  // the true value when it started. getThreadsCount() below confirms the count.
  const trueConcurrency = navigator.hardwareConcurrency;
  const widened = Math.floor(trueConcurrency / 2) < TFJS_THREADS;
  if (widened) Object.defineProperty(navigator, "hardwareConcurrency", { value: 2 * TFJS_THREADS, configurable: true });
  try {
    await tf.setBackend("wasm");
  } finally {
    if (widened) delete navigator.hardwareConcurrency;
  }
  const result = {
    config: { ...CONFIG, tfjsThreads: TFJS_THREADS, trainThreads: TRAIN_THREADS },
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
    crossOriginIsolated: window.crossOriginIsolated,
    versions: { tfjs: tf.version.tfjs, tfjsBackendWasm: tf.wasm.version_wasm },
    tfjsWasm: {
      simd: await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"),
      multithread: await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT"),
      threads: tf.wasm.getThreadsCount(),
      // true: TF.js was shown hardwareConcurrency 2 × tfjsThreads to lift its halving cap (above).
      hardwareConcurrencyWidened: widened,
    },
    models: {},
  };
  // A TF.js figure "on T threads" only if its threaded build runs with T threads.
  if (!result.tfjsWasm.multithread || result.tfjsWasm.threads !== TFJS_THREADS) {
    throw new Error(`TF.js wasm: multithread ${result.tfjsWasm.multithread}, threads ${result.tfjsWasm.threads}, asked for ${TFJS_THREADS}`);
  }
  log(`batch ${CONFIG.batch}; each figure the median of ${CONFIG.reps} runs of ${CONFIG.batches} batches after ${CONFIG.warmup} warm-up batches`);
  log(`cross-origin isolated; navigator.hardwareConcurrency ${navigator.hardwareConcurrency}; ` +
    `TF.js ${result.versions.tfjs} wasm backend SIMD ${result.tfjsWasm.simd}, multithread ${result.tfjsWasm.multithread}, threads ${result.tfjsWasm.threads}` +
    (widened ? ` (shown hardwareConcurrency ${2 * TFJS_THREADS} while it started: it uses at most half)` : ""));

  for (const name of CONFIG.models) {
    if (api.build(PRESET_INDEX[name], CONFIG.batch) !== 0) throw new Error("ConvLab: " + api.error());
    const description = api.description();
    log(`\n${description}`);
    const train = {}, infer = {};
    const onThreads = (n, work) => async (k) => {
      api.setThreads(n);
      return work(k);
    };
    const wasm = await tfjsSetup("wasm", name, digits);
    [infer[`convlab_${TFJS_THREADS}`], infer[`tfjs_wasm_${TFJS_THREADS}`]] = await measureTogether([
      { label: `ConvLab threads build, ${threadWord(TFJS_THREADS)}, inference`, run: onThreads(TFJS_THREADS, async (k) => api.infer(k)) },
      { label: `TF.js wasm, ${threadWord(TFJS_THREADS)}, inference`, run: wasm.infer }]);
    wasm.dispose();
    if (TRAIN_THREADS.length) {
      const convlabTrain = async (k) => {
        const loss = api.train(k);
        if (Number.isNaN(loss)) throw new Error("ConvLab: " + api.error());
        return loss;
      };
      const figures = await measureTogether(TRAIN_THREADS.map((n) => (
        { label: `ConvLab threads build, ${threadWord(n)}, training`, run: onThreads(n, convlabTrain) })));
      TRAIN_THREADS.forEach((n, i) => { train[`convlab_${n}`] = figures[i]; });
    }
    result.models[name] = { description, train, infer };
  }
  return result;
}

threadsMain().then((r) => { window.benchResult = r; log("\ndone"); },
  (e) => { window.benchError = String(e && e.stack || e); log("error: " + window.benchError); });
