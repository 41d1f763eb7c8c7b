// pytorch_training.test.mjs: a model read from PyTorch code trains like any
// other (issue 21). PyTorch's MNIST Net (tests/data/torch/mnist_net.py) is
// read with the input size 1, 1, 28, 28; its modules map to the core's layers
// in NHWC, and the Training tab trains it for one epoch on the page's MNIST
// subset (8,000 digits, 2,000 held out) with the training test's commands.
// log_softmax ends the Net: the core reads it as a softmax output, so the loss
// is the cross-entropy PyTorch's example pairs it with (nll_loss).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const wait = (ms) => new Promise((r) => setTimeout(r, ms));

export default async function (t) {
  const { page, context, errors } = await t.openPage();
  const cmd = (c) => page.evaluate((x) => window.convlabHook.command(x), c);
  const training = () => page.evaluate(() => window.convlabHook.state.training);
  const code = fs.readFileSync(path.join(here, "../data/torch/mnist_net.py"), "utf8");
  const asked = await cmd("import_text " + code.replace(/\\/g, "\\\\").replace(/\n/g, "\\n"));
  const r = await cmd("import_input_size 1, 1, 28, 28");
  await t.frames(page, 3);
  const st = await page.evaluate(() => JSON.parse(JSON.stringify(window.convlabHook.state)));
  t.check("pytorch training: the MNIST Net is read at 1, 1, 28, 28 (1,199,882 parameters)",
    asked === "missing_input_shape" && r === "ok" && st.summary.total_params === 1199882, `${asked} ${r}`);
  t.check("the training tab opens", (await cmd("tab training")) === "ok");
  await t.frames(page, 5);
  let s = await training();
  t.check("pytorch training: the Net can train: the panel is ready", s.status === "ready", s.status + " " + s.reason);
  t.check("settings are taken", (await cmd("train_set batch 32")) === "ok" && (await cmd("train_set epochs 1")) === "ok");
  const t0 = Date.now();
  t.check("train_start", (await cmd("train_start")) === "ok");
  for (;;) {
    s = await training();
    if (s.status === "finished" || s.status === "stopped" || s.status === "failed" || Date.now() - t0 > 1800000) break;
    await wait(1000);
  }
  console.log(`        one epoch of PyTorch's MNIST Net: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  t.check("pytorch training: one epoch finishes", s.status === "finished", s.status + " " + s.reason);
  t.check("pytorch training: test accuracy after one epoch is above 90%", s.test_accuracy[0] > 90, String(s.test_accuracy));
  await t.shot(page, "pytorch-training-done.png");
  t.check("pytorch training: no console errors", errors.length === 0, errors.join(" | "));
  await context.close();
}
