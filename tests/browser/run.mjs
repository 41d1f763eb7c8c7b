// run.mjs: browser tests. Serves build/wasm/web on 127.0.0.1, drives Debian's
// Chromium through playwright-core (never a downloaded browser), and checks the
// page the way a learner meets it: it loads, draws, shows the seed model's
// numbers, survives a hostile URL. Reads state through window.convlabHook (the
// app's test hook) rather than guessing pixels; saves screenshots under
// build/wasm/screenshots/ to look at. Prints "N passed, N failed".
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { PNG } from "pngjs";
import { startServer } from "../../tools/static_server.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const webDir = path.join(root, "build/wasm/web");
const shotDir = path.join(root, "build/wasm/screenshots");
fs.mkdirSync(shotDir, { recursive: true });

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"];

let passed = 0, failed = 0;
function check(name, ok, detail = "") {
  if (ok) { passed++; console.log(`OK      ${name}`); }
  else { failed++; console.log(`NOT OK  ${name}${detail ? ": " + detail : ""}`); }
}

async function openPage(browser, base, hash = "", viewport = { width: 1280, height: 720 }, dpr = 1) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: dpr });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${base}/index.html${hash}`);
  await page.waitForFunction(() => window.convlabHook && (window.convlabHook.error ||
    (window.convlabHook.ready && window.convlabHook.frame > 10)), null, { timeout: 60000 });
  return { page, context, errors };
}

// Counts distinct colours in a screenshot: a blank or single-colour canvas has few.
function distinctColours(pngBuffer) {
  const png = PNG.sync.read(pngBuffer);
  const seen = new Set();
  for (let i = 0; i < png.data.length; i += 4 * 7) seen.add((png.data[i] << 16) | (png.data[i + 1] << 8) | png.data[i + 2]);
  return seen.size;
}

const server = await startServer(webDir, 0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
try {
  {
    const t0 = Date.now();
    const { page, context, errors } = await openPage(browser, base);
    const hook = await page.evaluate(() => window.convlabHook);
    check("the page loads and its first frames render without an error", !hook.error, hook.error);
    check("no console errors while loading", errors.length === 0, errors.join(" | "));
    const shot = await page.screenshot({ path: path.join(shotDir, "01-seed-summary.png") });
    const colours = distinctColours(shot);
    check("the canvas is not blank (many distinct colours)", colours > 50, `${colours} colours`);
    const s = hook.state && hook.state.summary;
    check("the default model is the seed question's", s && s.total_params === 1181161, JSON.stringify(s && s.total_params));
    const conv2 = s && s.layers[1];
    check("its second conv layer has 18,207 parameters", conv2 && conv2.name === "conv2d_2" && conv2.params === 18207,
      JSON.stringify(conv2));
    check("the second conv layer is selected so its arithmetic shows first", hook.state.selected_layer === 1);
    const url = await page.evaluate(() => window.location.hash);
    check("the model is written into the URL", /m=/.test(url) && /lang=en/.test(url), url);
    console.log(`        first load to 10 frames: ${Date.now() - t0} ms`);

    // The URL alone reproduces the model: open it in a fresh page.
    const again = await openPage(browser, base, url);
    const s2 = (await again.page.evaluate(() => window.convlabHook.state)).summary;
    check("reloading the URL gives the same model", s2 && s2.total_params === 1181161 && s2.layers.length === 8);
    await again.context.close();
    await context.close();
  }
  {
    const { page, context, errors } = await openPage(browser, base, "#m=v1.%%%garbage&ch=99&lang=xx");
    const st = await page.evaluate(() => window.convlabHook.state);
    check("a hostile URL falls back to the default model", st.model_ok && st.summary.total_params === 1181161);
    check("and says so with a notice for each broken part", st.notices === 3, `notices=${st.notices}`);
    check("without console errors", errors.length === 0, errors.join(" | "));
    await page.screenshot({ path: path.join(shotDir, "02-hostile-url-notice.png") });
    await context.close();
  }
  {
    const { page, context } = await openPage(browser, base, "", { width: 1280, height: 720 }, 2);
    const shot = await page.screenshot({ path: path.join(shotDir, "03-hidpi.png") });
    const png = PNG.sync.read(shot);
    check("at devicePixelRatio 2 the canvas renders at device resolution", png.width === 2560, `width ${png.width}`);
    const size = await page.evaluate(() => [document.getElementById("canvas").width, document.getElementById("canvas").height]);
    check("the canvas backing store follows devicePixelRatio", size[0] === 2560 && size[1] === 1440, size.join("x"));
    await page.setViewportSize({ width: 900, height: 600 });
    await page.waitForTimeout(400);
    const size2 = await page.evaluate(() => [document.getElementById("canvas").width, document.getElementById("canvas").height]);
    check("the canvas resizes with the window", size2[0] === 1800 && size2[1] === 1200, size2.join("x"));
    await page.screenshot({ path: path.join(shotDir, "04-resized-900x600.png") });
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`screenshots: ${shotDir}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
