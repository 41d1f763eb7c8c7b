// learned_weights.test.mjs: after training, the convolution view explains the
// network that was trained. The tiny preset trains one epoch; then one output
// value of its Conv2D, as the view shows it, equals the dot product of its
// input window with the training session's kernel plus bias, recomputed here
// from what the test hook publishes (conv_window); the view says the weights
// are learned (in English and Chinese), and an edit of the layer brings back
// the initial weights and says so. #sr-status follows training: it changes
// when training starts and after the epoch. Screenshots: learned-*.png.
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
const plain = (s) => s.split("\u3000").join("");

export default async function (t) {
  const { page, context, errors } = await t.openPage();
  const cmd = (c) => t.command(page, c);
  const state = () => t.state(page);
  const srStatus = () => page.evaluate(() => document.getElementById("sr-status").textContent);
  const training = async () => (await state()).training;
  const waitFor = async (what, predicate, timeoutMs) => {
    const start = Date.now();
    for (;;) {
      const s = await training();
      if (predicate(s)) return s;
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}: ${s.status}`);
      await wait(300);
    }
  };

  await cmd("lesson_close");
  t.check("learned: the tiny preset loads", (await cmd("preset tiny")) === "ok");
  await cmd("tab convolution");
  await cmd("conv_layer 0", 5);
  let c = (await state()).conv;
  t.check("learned: before training the view animates Keras's initial weights and says so",
    c.kind === "Conv2D" && c.weights === "initial" && /initial values/.test(c.weights_note), c.weights_note);
  const statusReady = await srStatus();
  t.check("sr-status: the ready session is mirrored", statusReady.length > 0, statusReady);

  // One epoch of the 8,000 training digits.
  await cmd("tab training");
  await cmd("train_set epochs 1");
  await cmd("train_set batch 32");
  t.check("learned: training starts", (await cmd("train_start")) === "ok");
  // The tiny preset's epoch can be over before the first look (the Worker
  // trains it in seconds): running or already finished both mean it started.
  await waitFor("training to run", (s) => s.status === "running" || s.status === "finished", 60000);
  await t.frames(page, 3);
  const statusRunning = await srStatus();
  t.check("sr-status: changes when training starts", statusRunning !== statusReady && statusRunning.length > 0,
    `${statusReady} → ${statusRunning}`);
  const s = await waitFor("one epoch", (x) => x.status === "finished" || x.status === "stopped", 600000);
  t.check("learned: one epoch finishes", s.status === "finished", s.status + " " + s.reason);
  await t.frames(page, 3);
  const statusDone = await srStatus();
  // Against the ready status: the epoch may have been over before the running one was read.
  t.check("sr-status: changes after the epoch and gives its test accuracy",
    statusDone !== statusReady && statusDone.includes(String(s.test_accuracy[0].toFixed(1))), statusDone);

  // The view now explains the trained network: one output value, recomputed.
  await cmd("tab convolution");
  await cmd("conv_mode 1");
  await cmd("conv_step 0", 5);
  c = (await state()).conv;
  t.check("learned: after training the view uses learned weights and says so",
    c.weights === "learned" && /learned by training/.test(c.weights_note), c.weights_note);
  const w = JSON.parse(await cmd("conv_window"));
  const ok = Array.isArray(w.session_kernel) && w.session_kernel.length === w.patch.length;
  let dot = w.session_bias || 0;
  if (ok) for (let k = 0; k < w.patch.length; ++k) dot += w.patch[k] * w.session_kernel[k];
  const close = ok && Math.abs(w.value - dot) <= 1e-4 * Math.abs(dot) + 1e-7;
  t.check("learned: an output value of the view is the trained kernel's products summed, plus the bias (1e-4 relative)",
    close, `view ${w.value} vs recomputed ${dot} at (${w.out_i}, ${w.out_j}), filter ${w.filter}, ${w.patch.length} products`);
  console.log(`        conv2d at (${w.out_i}, ${w.out_j}), filter ${w.filter}: the view shows ${w.value}, ` +
    `the session's kernel gives ${dot} over ${w.patch.length} products (test accuracy ${s.test_accuracy[0]}%)`);
  const inked = ok && w.patch.some((x) => x !== 0);
  t.check("learned: ... over a window that sees the digit's ink", inked);
  await t.shot(page, "learned-en.png");

  await cmd("lang zh");
  await page.waitForFunction(() => window.convlabHook.state.language.shown === "zh", null, { timeout: 30000 });
  await t.frames(page, 5);
  c = (await state()).conv;
  t.check("learned: in Chinese the view says the weights were learned", plain(c.weights_note).includes("训练此模型学到的权重"),
    c.weights_note);
  await t.shot(page, "learned-zh.png");
  await cmd("lang en");
  await page.waitForFunction(() => window.convlabHook.state.language.shown === "en", null, { timeout: 30000 });

  // An edit of the layer starts training again: the view goes back to the initial weights.
  const card = (await state()).kinds.indexOf("Conv2D");
  const reply = await cmd(`set_field ${card} filters 4`, 5);
  await t.frames(page, 5);
  c = (await state()).conv;
  t.check("learned: an edit of the layer returns the view to the initial weights and says so",
    reply === "ok" && c.weights === "initial" && /initial values/.test(c.weights_note) && c.params === 40,
    `${reply} ${c.weights} ${c.params} ${c.weights_note}`);
  t.check("learned: no console errors", errors.length === 0, errors.join(" | "));
  await context.close();
}
