// threads.test.mjs: the threads build. Served cross-origin isolated (as
// tools/serve.sh serves it), the page loads convlab_threads.js, trains in its
// own thread with the kernels on every core, and says so; the UI never sees a
// half-updated weight (the thread's checksum after each piece against the
// UI's, many times while training); pause, step, reset and an edit of the
// model behave; training goes on while the page draws no frames (the main
// loop paused; hidden_tab.test.mjs hides the page for real in a window). Served without isolation
// the page falls back to the simd build and trains in a Worker running that
// build without its UI: it too trains on with no frames, and the page's
// weights are always a whole snapshot the worker sent. Frame figures and
// speeds are printed, not asserted.
const wait = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(page, what, predicate, ms) {
  const start = Date.now();
  for (;;) {
    const s = await page.evaluate(() => window.convlabHook.state.training);
    if (predicate(s)) return s;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(s).slice(0, 300)}`);
    await wait(250);
  }
}

// Training batches done while the main loop is paused for `ms`, and frames drawn meanwhile.
async function progressWithoutFrames(page, ms) {
  // train_batches answers now; the state is as of the last frame, which a paused loop leaves stale.
  const read = () => page.evaluate(() => ({ frame: window.convlabHook.frame, batch: Number(window.convlabHook.command("train_batches")) }));
  await page.evaluate(() => window.Module.pauseMainLoop());
  const before = await read();
  await wait(ms);
  const after = await read();
  await page.evaluate(() => window.Module.resumeMainLoop());
  return { batches: after.batch - before.batch, frames: after.frame - before.frame };
}

export default async function (t) {
  // ---- Isolated: the threads build.
  const { page, context, errors } = await t.openIsolatedPage();
  const cmd = (c) => page.evaluate((x) => window.convlabHook.command(x), c);
  const hc = await page.evaluate(() => navigator.hardwareConcurrency);
  t.check("isolated, the page is cross-origin isolated", await page.evaluate(() => window.crossOriginIsolated === true));
  t.check("and loads the threads build", await page.evaluate(() => window.convlabHook.build) === "threads");
  await cmd("tab training");
  await t.frames(page, 5);
  let s = await page.evaluate(() => window.convlabHook.state.training);
  t.check("the session is trained by its own thread", s.mode === "thread", s.mode);
  t.check(`with the kernels on every core the browser reports (${hc}, at most 8)`, s.threads === Math.min(8, hc), `${s.threads}`);
  await t.shot(page, "threads-01-ready.png");

  // The Threads field, typed into; and the same numbers on 1 and 2 threads:
  // three single steps from the same fresh weights give the same loss and weights.
  const threeSteps = async () => {
    await cmd("train_reset");
    await until(page, "fresh weights", (x) => x.status === "ready" && x.batch === 0, 10000);
    for (let i = 1; i <= 3; i++) {
      await cmd("train_step");
      await until(page, `step ${i}`, (x) => x.batch === i && x.status === "paused", 60000);
    }
    await t.frames(page, 2);
    return page.evaluate(() => window.convlabHook.state.training);
  };
  // ImGui 1.86 reads keys once a frame, so each key is held over a frame; on a
  // loaded machine one can still fall between frames: typed again, up to three times.
  const hold = async (key) => { await page.keyboard.down(key); await t.frames(page, 1); await page.keyboard.up(key); await t.frames(page, 1); };
  const typeThreads = async (n) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const box = (await t.state(page)).items.train_threads;
      if (!box) return false;
      await page.mouse.move(box[0] + 20, box[1] + box[3] / 2);
      await t.frames(page, 1);
      await page.mouse.click(box[0] + 20, box[1] + box[3] / 2);
      await t.frames(page, 2);  // the field is active from the next frame on
      await hold("End");
      for (let i = 0; i < 3; i++) await hold("Backspace");
      await page.keyboard.type(String(n));
      await t.frames(page, 1);
      await hold("Enter");
      await t.frames(page, 2);
      if ((await page.evaluate(() => window.convlabHook.state.training.threads)) === n) return true;
    }
    return true;
  };
  await cmd("train_set batch 8");
  t.check("typing 1 into the Threads field", (await typeThreads(1)) &&
    (await page.evaluate(() => window.convlabHook.state.training.threads)) === 1);
  const one = await threeSteps();
  t.check("typing 2 into it", (await typeThreads(2)) &&
    (await page.evaluate(() => window.convlabHook.state.training.threads)) === 2);
  const two = await threeSteps();
  t.check(`three steps on 1 and on 2 threads: the same loss (${one.loss}) and the same weights`,
    one.loss === two.loss && one.weights_checksum === two.weights_checksum && one.loss > 0,
    `${one.loss} vs ${two.loss}, ${one.weights_checksum} vs ${two.weights_checksum}`);
  await cmd("train_reset");

  await cmd("train_set batch 32");
  await cmd("train_start");
  s = await until(page, "training to run", (x) => x.status === "running" && x.batch >= 2, 60000);
  // The weights the UI reads, checked against the thread's own checksum after its last piece.
  let same = 0, differ = [], asked = 0;
  for (let i = 0; i < 40; i++) {
    const r = await cmd("train_snapshot_check");
    asked++;
    if (r.startsWith("same")) same++;
    else if (r.startsWith("differ")) differ.push(r);
    await wait(i % 2 ? 37 : 90);
  }
  t.check(`while training, the UI's weights equal the thread's after its last piece (${same} of ${asked} checks, the rest before the first piece)`,
    differ.length === 0 && same >= 30, differ.slice(0, 3).join(" | "));

  // The frame budget while the thread trains: as the page runs, then (for the
  // ratio, in the same run) with the thread not keeping out of the UI's way.
  for (const anticipate of ["on", "off"]) {
    t.check(`train_anticipate ${anticipate}`, (await cmd(`train_anticipate ${anticipate}`)) === "ok");
    await cmd("frame_stats");
    await t.frames(page, 3);  // the hook's state is the last frame's: let it show the new window
    s = await until(page, "the frame measurement", (x) => x.frames.done, 120000);
    const f = s.frames;
    console.log(`        threads build, frames while training (1280x720), anticipation ${anticipate}: rAF interval median ${f.raf_ms_median.toFixed(1)} ms, ` +
      `p95 ${f.raf_ms_p95.toFixed(1)} ms; wasm CPU per frame on the UI thread median ${f.ui_ms_median.toFixed(2)} ms, ` +
      `of which waiting for the training thread median ${f.wait_ms_median.toFixed(2)} ms, p95 ${f.wait_ms_p95.toFixed(2)} ms; ` +
      `${s.examples_per_second.toFixed(0)} examples/s`);
  }
  await cmd("train_anticipate on");
  await t.shot(page, "threads-02-training.png");

  const off = await progressWithoutFrames(page, 3000);
  t.check(`with no frames for 3 s (${off.frames} drawn), training goes on: ${off.batches} batches`, off.batches >= 2 && off.frames <= 1,
    JSON.stringify(off));

  // Pause: nothing moves; step: one batch; reset: fresh weights; an edit: a new network.
  await cmd("train_pause");
  s = await until(page, "the pause", (x) => x.status === "paused", 10000);
  const paused = s;
  await wait(1000);
  s = await page.evaluate(() => window.convlabHook.state.training);
  t.check("paused, the batch count and the weights stay put", s.batch === paused.batch && s.weights_checksum === paused.weights_checksum,
    `${paused.batch} -> ${s.batch}`);
  await cmd("train_step");
  s = await until(page, "one step", (x) => x.status === "paused" && x.batch === paused.batch + 1, 20000);
  t.check("a step trains exactly one batch and pauses", s.batch === paused.batch + 1);
  await cmd("train_start");
  await until(page, "running again", (x) => x.status === "running", 10000);
  t.check("an edit of the model while the thread trains is taken", (await cmd("set_field 1 filters 16")) === "ok");
  s = await until(page, "the new network", (x) => x.batch === 0 || x.status === "ready", 10000);
  t.check("and it starts again from fresh weights, not running on the old network", s.status !== "running" || s.batch < 3,
    `${s.status} batch ${s.batch}`);
  await cmd("undo");
  await t.frames(page, 5);  // the frame takes the model back (and its weights kept in this browser)
  await cmd("train_start");
  await until(page, "running", (x) => x.status === "running", 10000);
  await cmd("train_reset");
  s = await until(page, "the reset", (x) => x.status === "ready" && x.batch === 0, 10000);
  t.check("a reset while the thread trains stops it on fresh weights", s.batch === 0);
  t.check("no console errors (isolated)", errors.length === 0, errors.join(" | "));
  await context.close();

  // ---- Chinese: the mode line.
  {
    const zh = await t.openIsolatedPage("#lang=zh");
    await zh.page.waitForFunction(() => window.convlabHook.state.language.cjk_font === "loaded", null, { timeout: 60000 }).catch(() => {});
    await zh.page.evaluate(() => window.convlabHook.command("tab training"));
    await t.frames(zh.page, 5);
    await t.shot(zh.page, "threads-03-zh.png");
    t.check("zh: no console errors", zh.errors.length === 0, zh.errors.join(" | "));
    await zh.context.close();
  }

  // ---- Not isolated: the simd build on the page, training in a Worker
  // (web/training_worker.js) that runs the same build without its UI.
  {
    const plain = await t.openPage();
    const p = plain.page;
    const c = (x) => p.evaluate((y) => window.convlabHook.command(y), x);
    // The page's session once the worker has taken every command it was sent.
    const settled = (what, predicate, ms) => until(p, what, (x) => x.worker_behind === 0 && predicate(x), ms);
    t.check("not isolated, the page falls back to the simd build", await p.evaluate(() => window.convlabHook.build) === "simd");
    await c("tab training");
    await t.frames(p, 5);
    s = await p.evaluate(() => window.convlabHook.state.training);
    t.check("and says it trains in a worker, on one core", s.mode === "worker" && s.threads === 1, `${s.mode} ${s.threads}`);
    await t.shot(p, "threads-04-worker-ready.png");

    // Three single steps from fresh weights, as the frames trained them before:
    // each one batch, each ending paused, with the worker's weights on the page.
    await c("train_set batch 8");
    await c("train_reset");
    await settled("fresh weights", (x) => x.status === "ready" && x.batch === 0, 10000);
    for (let i = 1; i <= 3; i++) {
      await c("train_step");
      s = await settled(`step ${i}`, (x) => x.batch === i && x.status === "paused", 60000);
    }
    t.check("three steps train three batches and pause", s.batch === 3 && s.status === "paused" && s.loss > 0, `${s.batch} ${s.loss}`);
    t.check("after them the page holds the weights the worker sent", (await c("train_snapshot_check")).startsWith("same"));
    await c("train_reset");
    await settled("fresh weights again", (x) => x.status === "ready" && x.batch === 0, 10000);

    await c("train_set batch 32");
    await c("train_start");
    s = await until(p, "training to run", (x) => x.status === "running" && x.batch >= 2, 60000);
    // The weights the UI reads, checked against the worker's checksum of the snapshot it sent.
    let same = 0, differ = [], asked = 0;
    for (let i = 0; i < 40; i++) {
      const r = await c("train_snapshot_check");
      asked++;
      if (r.startsWith("same")) same++;
      else if (r.startsWith("differ")) differ.push(r);
      await wait(i % 2 ? 37 : 90);
    }
    const snapshots = Number((await c("train_snapshot_check")).split(" ")[3]);
    t.check(`while training, the UI's weights equal a snapshot the worker sent (${same} of ${asked} checks; ${snapshots} snapshots so far)`,
      differ.length === 0 && same >= 30, differ.slice(0, 3).join(" | "));

    await c("frame_stats");
    await t.frames(p, 3);
    s = await until(p, "the frame measurement", (x) => x.frames.done, 120000);
    console.log(`        simd build, training in the worker: rAF interval median ${s.frames.raf_ms_median.toFixed(1)} ms, ` +
      `p95 ${s.frames.raf_ms_p95.toFixed(1)} ms; wasm CPU per frame on the UI thread median ${s.frames.ui_ms_median.toFixed(2)} ms, ` +
      `p95 ${s.frames.ui_ms_p95.toFixed(2)} ms (training slice ${s.frames.slice_ms_median.toFixed(1)} ms); ` +
      `${s.examples_per_second.toFixed(0)} examples/s`);
    await t.shot(p, "threads-05-worker-training.png");

    const going = await progressWithoutFrames(p, 3000);
    t.check(`with no frames for 3 s (${going.frames} drawn), the worker trains on: ${going.batches} batches`,
      going.batches >= 2 && going.frames <= 1, JSON.stringify(going));

    // Pause: nothing moves; step: one batch; an edit: a new network; reset.
    await c("train_pause");
    const paused = await settled("the pause", (x) => x.status === "paused", 10000);
    await wait(1000);
    s = await p.evaluate(() => window.convlabHook.state.training);
    t.check("paused, the batch count and the weights stay put", s.batch === paused.batch && s.weights_checksum === paused.weights_checksum,
      `${paused.batch} -> ${s.batch}`);
    await c("train_step");
    s = await settled("one step", (x) => x.status === "paused" && x.batch === paused.batch + 1, 20000);
    t.check("a step trains exactly one batch and pauses", s.batch === paused.batch + 1 && s.weights_checksum !== paused.weights_checksum);
    await c("train_start");
    await until(p, "running again", (x) => x.status === "running", 10000);
    t.check("an edit of the model while the worker trains is taken", (await c("set_field 1 filters 16")) === "ok");
    await t.frames(p, 2);
    s = await settled("the new network", (x) => x.status === "ready" && x.batch === 0, 10000);
    t.check("and it starts again from fresh weights", s.status === "ready" && s.batch === 0, `${s.status} batch ${s.batch}`);
    await c("train_step");
    s = await settled("a step on the new network", (x) => x.status === "paused" && x.batch === 1, 60000);
    t.check("which the worker trains (a step on it)", (await c("train_snapshot_check")).startsWith("same"));
    await c("undo");
    await t.frames(p, 5);
    await c("train_start");
    await until(p, "running", (x) => x.status === "running", 10000);
    await c("train_reset");
    s = await settled("the reset", (x) => x.status === "ready" && x.batch === 0, 10000);
    await wait(500);
    s = await p.evaluate(() => window.convlabHook.state.training);
    t.check("a reset while the worker trains stops it on fresh weights", s.status === "ready" && s.batch === 0, `${s.status} ${s.batch}`);
    t.check("no console errors (not isolated)", plain.errors.length === 0, plain.errors.join(" | "));
    await plain.context.close();
  }

  // ---- For the figures only: the old way, slices of the UI's frames
  // (?training=frames), in the same run: its speed and its cost per frame.
  {
    const old = await t.openPage("?training=frames");
    const c = (x) => old.page.evaluate((y) => window.convlabHook.command(y), x);
    await c("tab training");
    await c("train_set batch 32");
    await c("train_start");
    s = await until(old.page, "training to run", (x) => x.status === "running" && x.batch >= 2, 60000);
    t.check("?training=frames trains between frames, as the page did before the worker", s.mode === "frames", s.mode);
    await c("frame_stats");
    await t.frames(old.page, 3);
    s = await until(old.page, "the frame measurement", (x) => x.frames.done, 120000);
    console.log(`        simd build, training between frames (the old way): rAF interval median ${s.frames.raf_ms_median.toFixed(1)} ms, ` +
      `p95 ${s.frames.raf_ms_p95.toFixed(1)} ms; wasm CPU per frame median ${s.frames.ui_ms_median.toFixed(2)} ms ` +
      `+ training slice ${s.frames.slice_ms_median.toFixed(1)} ms; ${s.examples_per_second.toFixed(0)} examples/s`);
    await c("train_pause");
    await old.context.close();
  }

  // ---- Not isolated, in Chinese: the mode line.
  {
    const zh = await t.openPage("#lang=zh");
    await zh.page.waitForFunction(() => window.convlabHook.state.language.cjk_font === "loaded", null, { timeout: 60000 }).catch(() => {});
    await zh.page.evaluate(() => window.convlabHook.command("tab training"));
    await t.frames(zh.page, 5);
    await t.shot(zh.page, "threads-06-worker-zh.png");
    t.check("zh, not isolated: no console errors", zh.errors.length === 0, zh.errors.join(" | "));
    await zh.context.close();
  }
}
