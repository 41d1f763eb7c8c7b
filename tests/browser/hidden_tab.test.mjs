// hidden_tab.test.mjs: training goes on in a tab the learner has left, and the
// dashboard catches up when they come back.
//
// Why this test drives its own Chromium: a headless Chromium never makes a
// page hidden (a second tab, a minimised window: document.visibilityState
// stays 'visible'), and Playwright, attached to a page, switches on focus
// emulation, which keeps it 'visible' in a real window too. So this test
// starts Xvfb (Debian's xvfb; tools/deps.sh installs it), runs Chromium with a
// window on it, and speaks the DevTools protocol itself over
// --remote-debugging-pipe. Opening a second tab in the same window hides the
// page the way a learner's tab switch does, and the test asserts that state.
// Twice: the threads build (isolated) and the simd build's training Worker.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const wait = (ms) => new Promise((r) => setTimeout(r, ms));

// Xvfb on the first free display it finds; -displayfd writes the number it chose.
async function startXvfb() {
  if (!fs.existsSync("/usr/bin/Xvfb")) throw new Error("/usr/bin/Xvfb is missing: run tools/deps.sh (it installs Debian's xvfb)");
  const xvfb = spawn("/usr/bin/Xvfb", ["-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
    { stdio: ["ignore", "pipe", "ignore"] });
  const display = await new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error("Xvfb did not start in 10 s")), 10000);
    xvfb.stdout.on("data", (d) => {
      text += d;
      if (text.includes("\n")) { clearTimeout(timer); resolve(":" + text.trim()); }
    });
    xvfb.on("exit", (code) => { clearTimeout(timer); reject(new Error(`Xvfb exited (${code})`)); });
  });
  return { xvfb, display };
}

// The DevTools protocol over the pipe: fd 3 carries our messages to Chromium,
// fd 4 its replies and events, each a JSON text ended by a NUL byte.
function devtools(chromium) {
  let id = 0, buffer = "";
  const pending = new Map();
  chromium.stdio[4].on("data", (chunk) => {
    buffer += chunk.toString();
    for (let end = buffer.indexOf("\0"); end >= 0; end = buffer.indexOf("\0")) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      const reply = message.id !== undefined && pending.get(message.id);
      if (reply) { pending.delete(message.id); reply(message); }
    }
  });
  const send = (method, params = {}, sessionId = undefined) => new Promise((resolve, reject) => {
    const n = ++id;
    const timer = setTimeout(() => { pending.delete(n); reject(new Error(`${method}: no reply in 30 s`)); }, 30000);
    pending.set(n, (m) => {
      clearTimeout(timer);
      if (m.error) reject(new Error(`${method}: ${m.error.message}`));
      else resolve(m.result);
    });
    chromium.stdio[3].write(JSON.stringify({ id: n, method, params, sessionId }) + "\0");
  });
  return send;
}

export default async function (t) {
  let xvfb = null, chromium = null;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "convlab-hidden-"));
  try {
    const x = await startXvfb();
    xvfb = x.xvfb;
    chromium = spawn("/usr/bin/chromium", ["--no-sandbox", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
      "--window-size=1280,760", `--user-data-dir=${profile}`, "--remote-debugging-pipe", "about:blank"],
    { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"], env: { ...process.env, DISPLAY: x.display } });
    const send = devtools(chromium);

    const targets = await send("Target.getTargets");
    const first = targets.targetInfos.find((i) => i.type === "page");
    const { sessionId } = await send("Target.attachToTarget", { targetId: first.targetId, flatten: true });
    const evaluate = async (expression) => {
      const r = await send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true }, sessionId);
      if (r.exceptionDetails) throw new Error(`${expression}: ${r.exceptionDetails.text}`);
      return r.result.value;
    };
    // Both ways a page trains without frames: the isolated server's threads
    // build (its training thread), and the plain server's simd build (?wasm=simd,
    // so the service worker does not make it isolated), whose Worker trains.
    for (const mode of [{ url: `${t.isolatedBase}/index.html`, build: "threads", trains: "thread" },
                        { url: `${t.base}/index.html?wasm=simd`, build: "simd", trains: "worker" }]) {
      // As in the other browser tests, no service worker: on a first visit it
      // would take over the page it did not serve and refuse that page's files
      // (web/sw.js), the training worker's script among them.
      await send("Network.enable", {}, sessionId);
      await send("Network.setBypassServiceWorker", { bypass: true }, sessionId);
      await send("Page.navigate", { url: mode.url }, sessionId);
      const start = Date.now();
      while (!(await evaluate("!!(window.convlabHook && (window.convlabHook.error || (window.convlabHook.ready && window.convlabHook.frame > 10)))"))) {
        if (Date.now() - start > 90000) throw new Error("the page did not start in 90 s");
        await wait(250);
      }
      const cmd = (c) => evaluate(`window.convlabHook.command(${JSON.stringify(c)})`);
      const training = () => evaluate("window.convlabHook.state.training");
      t.check(`in a real window the page is visible and runs the ${mode.build} build`,
        (await evaluate("document.visibilityState")) === "visible" && (await evaluate("window.convlabHook.build")) === mode.build,
        `${await evaluate("document.visibilityState")} / ${await evaluate("window.convlabHook.build")}`);

      await cmd("tab training");
      await cmd("train_set batch 32");
      await cmd("train_start");
      let s = await training();
      for (const until = Date.now() + 60000; !(s.status === "running" && s.batch >= 2) && Date.now() < until; s = await training()) await wait(250);
      t.check(`training runs, in its ${mode.trains}`, s.status === "running" && s.batch >= 2 && s.mode === mode.trains,
        `mode ${s.mode} (worker error: ${await evaluate("String(window.Module && window.Module.trainingWorkerError)")}): ${JSON.stringify(s).slice(0, 200)}`);

      // The learner opens another tab in the same window.
      const other = await send("Target.createTarget", { url: "about:blank", newWindow: false });
      await send("Target.activateTarget", { targetId: other.targetId });
      let hidden = "";
      for (let i = 0; i < 40 && hidden !== "hidden"; i++) { await wait(100); hidden = await evaluate("document.visibilityState"); }
      t.check("after a switch to another tab, document.visibilityState is 'hidden'", hidden === "hidden", hidden);

      // train_batches answers now, from the thread's count or the worker's last message; the hook's
      // state is as of the last frame, and a hidden tab draws none.
      const read = async () => ({ batch: Number(await cmd("train_batches")), frame: await evaluate("window.convlabHook.frame") });
      const before = await read();
      await wait(5000);
      const after = await read();
      const batches = after.batch - before.batch, frames = after.frame - before.frame;
      console.log(`        ${mode.build} build, hidden for 5 s: ${batches} batches trained, ${frames} frames drawn`);
      t.check(`while hidden, training goes on (${batches} batches in 5 s)`, batches >= 3, JSON.stringify({ before, after }));
      t.check(`and the hidden page draws (almost) no frames (${frames})`, frames <= 5, JSON.stringify({ before, after }));

      // Back to the page: the dashboard shows the batches trained meanwhile.
      await send("Target.activateTarget", { targetId: first.targetId });
      await send("Target.closeTarget", { targetId: other.targetId });
      const shownFrom = await evaluate("window.convlabHook.frame");
      for (let i = 0; i < 100 && (await evaluate("window.convlabHook.frame")) < shownFrom + 5; i++) await wait(100);
      s = await training();
      t.check(`back on the tab, the dashboard catches up (batch ${s.batch} ≥ ${after.batch})`,
        (await evaluate("document.visibilityState")) === "visible" && s.batch >= after.batch, JSON.stringify(s).slice(0, 200));
      await cmd("train_pause");
    }
  } finally {
    // Chromium's helpers still write to the profile for a moment after it is
    // killed: wait for it to exit, then remove the profile with retries.
    const stop = (p) => p && p.exitCode === null && p.signalCode === null
      ? new Promise((r) => { p.once("exit", r); p.kill("SIGKILL"); }) : Promise.resolve();
    await stop(chromium);
    await stop(xvfb);
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}
