// page_shell.test.mjs: the foundation as a learner first meets it: the page
// loads and draws, shows the seed model's numbers, keeps its state in the URL,
// survives a hostile URL, and stays crisp and sized at any devicePixelRatio.
export default async function (t) {
  {
    const t0 = Date.now();
    const { page, context, errors } = await t.openPage();
    const hook = await page.evaluate(() => window.convlabHook);
    t.check("the page loads and its first frames render without an error", !hook.error, hook.error);
    t.check("no console errors while loading", errors.length === 0, errors.join(" | "));
    const shot = await t.shot(page, "01-seed-summary.png");
    const colours = t.distinctColours(shot);
    t.check("the canvas is not blank (many distinct colours)", colours > 50, `${colours} colours`);
    const s = hook.state && hook.state.summary;
    t.check("the default model is the seed question's", s && s.total_params === 1181161, JSON.stringify(s && s.total_params));
    const conv2 = s && s.layers[1];
    t.check("its second conv layer has 18,207 parameters", conv2 && conv2.name === "conv2d_2" && conv2.params === 18207,
      JSON.stringify(conv2));
    t.check("the second conv layer is selected so its arithmetic shows first", hook.state.selected_layer === 1);
    const url = await page.evaluate(() => window.location.hash);
    t.check("the model is written into the URL", /m=/.test(url) && /lang=en/.test(url), url);
    console.log(`        first load to 10 frames: ${Date.now() - t0} ms`);

    // "?" lists the keyboard shortcuts; "?" again (or the window's close box) hides them.
    await page.mouse.click(900, 400);
    await page.keyboard.type("?");
    await t.frames(page, 3);
    t.check("'?' opens the keyboard shortcuts", (await page.evaluate(() => window.convlabHook.state.keys_open)) === true);
    await t.shot(page, "01b-keys.png");
    await page.keyboard.type("?");
    await t.frames(page, 3);
    t.check("and '?' again closes them", (await page.evaluate(() => window.convlabHook.state.keys_open)) === false);
    await page.keyboard.type("?");
    await t.frames(page, 3);
    await page.keyboard.press("Escape");
    await t.frames(page, 3);
    t.check("Escape closes them too", (await page.evaluate(() => window.convlabHook.state.keys_open)) === false);

    // The URL alone reproduces the model: open it in a fresh page.
    const again = await t.openPage(url);
    const s2 = (await again.page.evaluate(() => window.convlabHook.state)).summary;
    t.check("reloading the URL gives the same model", s2 && s2.total_params === 1181161 && s2.layers.length === 8);
    await again.context.close();
    await context.close();
  }
  {
    // First frame after navigation, as the page itself clocks it (printed, not asserted).
    const { page, context } = await t.openPage();
    await page.reload();
    const ms = await page.evaluate(() => new Promise((resolve) => {
      const poll = () => (window.convlabHook && window.convlabHook.frame >= 1) ? resolve(performance.now()) : requestAnimationFrame(poll);
      poll();
    }));
    console.log(`        navigation to first frame: ${ms.toFixed(0)} ms`);
    await context.close();
  }
  {
    const { page, context, errors } = await t.openPage("#m=v1.%%%garbage&ch=99&lang=xx");
    const st = await page.evaluate(() => window.convlabHook.state);
    t.check("a hostile URL falls back to the default model", st.model_ok && st.summary.total_params === 1181161);
    t.check("and says so with a notice for each broken part", st.notices === 3, `notices=${st.notices}`);
    t.check("without console errors", errors.length === 0, errors.join(" | "));
    await t.shot(page, "02-hostile-url-notice.png");
    await context.close();
  }
  {
    const { page, context } = await t.openPage("", { width: 1280, height: 720 }, 2);
    const shot = await t.shot(page, "03-hidpi.png");
    const png = t.PNG.sync.read(shot);
    t.check("at devicePixelRatio 2 the canvas renders at device resolution", png.width === 2560, `width ${png.width}`);
    const size = await page.evaluate(() => [document.getElementById("canvas").width, document.getElementById("canvas").height]);
    t.check("the canvas backing store follows devicePixelRatio", size[0] === 2560 && size[1] === 1440, size.join("x"));
    await page.setViewportSize({ width: 900, height: 600 });
    await page.waitForTimeout(400);
    const size2 = await page.evaluate(() => [document.getElementById("canvas").width, document.getElementById("canvas").height]);
    t.check("the canvas resizes with the window", size2[0] === 1800 && size2[1] === 1200, size2.join("x"));
    await t.shot(page, "04-resized-900x600.png");
    await context.close();
  }
  {
    // The shell picks the build by feature detection; ?wasm=scalar forces the
    // scalar one, so both builds are exercised where they ship.
    const simd = await t.openPage("");
    const simdState = await simd.page.evaluate(() => [window.convlabHook.build, window.convlabHook.state.kernels]);
    t.check("a SIMD-capable browser gets the SIMD build", simdState[0] === "simd" && simdState[1] === "wasm simd128",
      simdState.join(" / "));
    await simd.context.close();
    // openPage appends its argument to index.html: a query works as well as a hash.
    const { page: scalarPage, context: scalarContext } = await t.openPage("?wasm=scalar");
    const st = await scalarPage.evaluate(() => [window.convlabHook.build, window.convlabHook.state.kernels,
      window.convlabHook.state.summary.total_params]);
    t.check("the scalar build loads, runs the scalar kernels and gives the same numbers",
      st[0] === "scalar" && st[1] !== "wasm simd128" && st[2] === 1181161, st.join(" / "));
    await t.shot(scalarPage, "05-scalar-build.png");
    await scalarContext.close();
  }
}
