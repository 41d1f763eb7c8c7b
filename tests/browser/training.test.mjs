// training.test.mjs: issue 5's dashboard as a learner uses it: train the seed
// model for one epoch at batch 32 in the page and pass 90% on the held-out
// digits; the frame budget while training (printed, not asserted: the lead
// reports it); reload the URL in the same browser and get the same weights
// back; draw a digit; screenshots of the dashboard during and after training
// and of the filters and feature maps.
import fs from "node:fs";

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

async function training(page) {
  return page.evaluate(() => window.convlabHook.state.training);
}

async function waitFor(page, what, predicate, timeoutMs) {
  const start = Date.now();
  for (;;) {
    const t = await training(page);
    if (predicate(t)) return t;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(t).slice(0, 400)}`);
    await wait(500);
  }
}

export default async function (t) {
  const { page, context, errors } = await t.openPage();
  const cmd = (c) => page.evaluate((x) => window.convlabHook.command(x), c);
  t.check("the training tab opens", (await cmd("tab training")) === "ok");
  await t.frames(page, 5);
  let s = await training(page);
  t.check("the seed model can train: the panel is ready", s.status === "ready", s.status + " " + s.reason);
  t.check("its optimizer comes from the model's compile(): Adadelta (Keras 2.3)", s.optimizer === "adadelta-keras2.3" && s.lr === 1,
    `${s.optimizer} lr ${s.lr}`);
  t.check("settings are taken", (await cmd("train_set batch 32")) === "ok" && (await cmd("train_set epochs 1")) === "ok");
  t.check("a bad setting is refused in words", (await cmd("train_set optimizer nadam")).startsWith("error:"));
  await t.shot(page, "10-training-ready.png");

  // Train one epoch; measure 300 frames after 60 of warm-up while it runs.
  const t0 = Date.now();
  t.check("train_start", (await cmd("train_start")) === "ok");
  s = await waitFor(page, "the digits to load", (x) => x.status === "running", 60000);
  t.check("the digits are fetched when training starts", s.data_loaded);
  await cmd("frame_stats");
  await wait(8000);
  await t.shot(page, "11-training-during.png");
  s = await waitFor(page, "the frame measurement", (x) => x.frames.done, 120000);
  const f = s.frames;
  console.log(`        frame budget while training (1280x720, DPR 1, 300 frames after 60):`);
  console.log(`          wasm CPU per frame outside the training slice: median ${f.ui_ms_median.toFixed(2)} ms, p95 ${f.ui_ms_p95.toFixed(2)} ms`);
  console.log(`          requestAnimationFrame interval: median ${f.raf_ms_median.toFixed(1)} ms, p95 ${f.raf_ms_p95.toFixed(1)} ms`);
  console.log(`          training slice: median ${f.slice_ms_median.toFixed(1)} ms (budget ${f.slice_budget_ms} ms)`);
  console.log(`          of which ImGui::Render + GL calls: median ${f.render_ms_median.toFixed(2)} ms`);
  console.log(`          examples/s while measuring: ${s.examples_per_second.toFixed(0)}`);
  t.check("the frame figures are published", f.taken === 300 && f.raf_ms_median > 0);

  // A paused session resumes where it stopped.
  await cmd("train_pause");
  await t.frames(page, 3);
  const paused = await training(page);
  t.check("pause stops training", paused.status === "paused");
  await wait(500);
  t.check("and nothing moves while paused", (await training(page)).example === paused.example);
  await cmd("train_start");

  s = await waitFor(page, "one epoch", (x) => x.status === "finished" || x.status === "stopped", 1800000);
  const seconds = (Date.now() - t0) / 1000;
  console.log(`        one epoch of 8,000 digits + testing 2,000: ${seconds.toFixed(0)} s; ${s.examples_per_second.toFixed(0)} examples/s at the end`);
  console.log(`        train accuracy ${s.train_accuracy[0]}%, test accuracy ${s.test_accuracy[0]}%, last loss ${s.loss.toFixed(3)}`);
  t.check("one epoch finishes", s.status === "finished", s.status + " " + s.reason);
  t.check("test accuracy after one epoch is above 90%", s.test_accuracy[0] > 90, String(s.test_accuracy[0]));
  t.check("250 updates of 32 digits were made", s.batch === 250, String(s.batch));
  await cmd("train_view curves");
  await t.frames(page, 4);
  await t.shot(page, "12-training-after.png");
  await cmd("train_view digits");
  await t.frames(page, 4);
  await t.shot(page, "13-test-digits.png");

  // The current digit: test digit 0, then a hand-made "1".
  t.check("draw_digit with a test index", (await cmd("draw_digit 0")) === "ok");
  await cmd("train_view inside");
  await t.frames(page, 6);
  const before = await training(page);
  t.check("the network gives 10 probabilities for it", before.probabilities && before.probabilities.length === 10);
  await t.shot(page, "14-look-inside.png");
  const one = [];
  for (let i = 0; i < 28; i++) for (let j = 0; j < 28; j++) one.push(i >= 4 && i < 24 && j >= 13 && j < 16 ? 1 : 0);
  t.check("draw_digit with 784 values", (await cmd("draw_digit " + one.join(","))) === "ok");
  await cmd("train_view draw");
  await t.frames(page, 6);
  const drawn = await training(page);
  console.log(`        a drawn vertical bar is read as ${drawn.prediction} (p = ${Math.max(...drawn.probabilities).toFixed(2)})`);
  t.check("a vertical bar is read as a 1", drawn.prediction === 1, String(drawn.prediction));
  // A stroke with the mouse on the pad (below the hint, at the panel's left).
  await t.shot(page, "15-draw.png");

  // Saving: both downloads happen.
  const downloads = [];
  let convlabFile = null;
  const savedFiles = {};
  page.on("download", async (d) => {
    downloads.push(d.suggestedFilename());
    savedFiles[d.suggestedFilename()] = fs.readFileSync(await d.path());
    if (d.suggestedFilename() === "convlab-model.json") convlabFile = savedFiles[d.suggestedFilename()].toString("utf8");
  });
  await cmd("train_save tfjs");
  await cmd("train_save convlab");
  await wait(1500);
  t.check("saving offers model.json, weights.bin and a ConvLab file",
    ["model.json", "weights.bin", "convlab-model.json"].every((n) => downloads.includes(n)), downloads.join(","));

  // The TF.js files load in TF.js itself (tf.loadLayersModel, cpu backend in
  // node) and give the page's probabilities for the same hand-made "1".
  if (savedFiles["model.json"] && savedFiles["weights.bin"]) {
    const tf = await import("@tensorflow/tfjs");
    const mj = JSON.parse(savedFiles["model.json"].toString("utf8"));
    const wb = savedFiles["weights.bin"];
    const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: mj.modelTopology,
      weightSpecs: mj.weightsManifest.flatMap((g) => g.weights), weightData: wb.buffer.slice(wb.byteOffset, wb.byteOffset + wb.byteLength) }));
    const p = Array.from(await model.predict(tf.tensor4d(one, [1, 28, 28, 1])).data());
    const worst = Math.max(...p.map((v, i) => Math.abs(v - drawn.probabilities[i])));
    t.check("tf.loadLayersModel reads the saved model.json + weights.bin and predicts what the page predicts",
      worst < 1e-3, `largest difference ${worst}`);
  } else {
    t.check("tf.loadLayersModel reads the saved model.json + weights.bin and predicts what the page predicts", false, "no files");
  }

  // Reload with the URL in the same browser: the same model and weights.
  await page.waitForFunction(() => window.convlabHook.stored, null, { timeout: 30000 });
  await page.reload();  // the same URL (model in the hash), the same browser storage
  await page.waitForFunction(() => window.convlabHook && window.convlabHook.ready && window.convlabHook.frame > 10, null, { timeout: 60000 });
  await cmd("tab training");
  s = await waitFor(page, "the weights to come back", (x) => x.restored, 30000);
  t.check("after a reload the trained weights come back", s.weights_checksum === before.weights_checksum,
    `${s.weights_checksum} vs ${before.weights_checksum}`);
  t.check("and so does the progress: the epoch, the updates and both accuracy curves",
    (s.status === "finished" || s.status === "paused") && s.epoch === before.epoch && s.batch === before.batch &&
    JSON.stringify(s.test_accuracy) === JSON.stringify(before.test_accuracy) &&
    JSON.stringify(s.train_accuracy) === JSON.stringify(before.train_accuracy),
    `${s.status} epoch ${s.epoch} batch ${s.batch} test ${s.test_accuracy} vs ${before.test_accuracy}`);
  await cmd("draw_digit 0");
  await wait(3000);
  await cmd("draw_digit 0");
  await t.frames(page, 4);
  s = await training(page);
  t.check("and give the same prediction for test digit 0",
    s.prediction === before.prediction && Math.abs(s.probabilities[s.prediction] - before.probabilities[before.prediction]) < 1e-3,
    `${s.prediction} vs ${before.prediction}`);
  await cmd("train_view inside");
  await t.frames(page, 4);
  await t.shot(page, "16-after-reload.png");

  // The saved ConvLab file brings its weights with it: forget them, import the file.
  await cmd("train_reset");
  s = await waitFor(page, "the reset", (x) => x.status === "ready" && !x.restored, 10000);
  t.check("after a reset the weights are fresh ones", s.weights_checksum !== before.weights_checksum);
  t.check("the downloaded ConvLab file holds weights", !!convlabFile && convlabFile.includes('"weights":"'));
  const imported = await cmd("import_text " + (convlabFile || "").trim());
  t.check(`importing it (${((convlabFile || "").length / 1e6).toFixed(1)} MB) is accepted`, imported === "ok", imported.slice(0, 200));
  s = await waitFor(page, "the file's weights", (x) => x.restored, 10000);
  t.check("and puts the trained weights back", s.weights_checksum === before.weights_checksum,
    `${s.weights_checksum} vs ${before.weights_checksum}`);
  t.check("no console errors", errors.length === 0, errors.join(" | "));
  await context.close();
}
