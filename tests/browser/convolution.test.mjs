// convolution.test.mjs: the Convolution tab as a learner steps through it:
// one output value of the seed's conv2d_2 built channel by channel (the weight
// counter reaching 3·3·32 + 1 = 289), the filter sliding, all 63 filters
// ending on the summary's 18,207, the common mistake drawn as DepthwiseConv2D
// (640), the seed answer's toy, the playground through the core (stride with
// dilation refused), 'same' padding, pooling, SeparableConv2D's two stages.
// Screenshots at chosen steps go to build/wasm/screenshots/conv-*.png.
// Frame-time figures are printed, not asserted.
export default async function (t) {
  const { page, context, errors } = await t.openPage();
  const cmd = (c) => page.evaluate((x) => window.convlabHook.command(x), c);
  const state = () => page.evaluate(() => window.convlabHook.state);
  const conv = async () => (await state()).conv;
  const settle = async (n = 4) => t.frames(page, n);

  t.check("the Convolution tab opens", (await cmd("tab convolution")) === "ok");
  await settle();
  await page.waitForFunction(() => window.convlabHook.state.conv && window.convlabHook.state.conv.digits !== 1,
    null, { timeout: 30000 });
  let c = await conv();
  t.check("the MNIST digits arrive beside the page", c.digits === 2, `digits=${c.digits}`);
  t.check("it starts on the seed question's layer, conv2d_2", c.layer === "conv2d_2" && c.kind === "Conv2D", JSON.stringify(c.layer));

  // Mode 1: one output value, one input channel at a time.
  await cmd("conv_mode 1");
  await cmd("conv_step 0");
  await settle();
  c = await conv();
  t.check("mode 1, step 1: the first channel's 3×3 patch, 9 weights met", c.mode === 1 && c.channel === 0 && c.weights_counted === 9,
    JSON.stringify(c));
  t.check("its sentence says so", /Slice 1 of 32/.test(c.description), c.description);
  await t.shot(page, "conv-01-walk-channel1.png");
  await cmd("conv_step 2");
  await settle();
  c = await conv();
  t.check("step 3: 27 weights met (9, 18, 27, …)", c.weights_counted === 27, c.weights_counted);
  const announced = await page.evaluate(() => document.getElementById("sr-conv").textContent);
  t.check("the step's sentence is mirrored to the screen reader", announced === c.description, announced);
  await cmd("conv_step 31");
  await settle();
  c = await conv();
  t.check("after the 32nd channel: 3·3·32 = 288 weights", c.weights_counted === 288, c.weights_counted);
  await t.shot(page, "conv-02-walk-channel32.png");
  await cmd("conv_step 32");
  await settle();
  c = await conv();
  t.check("the bias step ends the count on 289 = 3·3·32 + 1", c.weights_counted === 289 && c.weights_total === 289, JSON.stringify(c));
  await t.shot(page, "conv-03-walk-bias.png");

  // Zoomed in, the cells show their values.
  await cmd("conv_step 5");
  await cmd("conv_zoom 9");
  await settle();
  await t.shot(page, "conv-04-zoomed-values.png");
  await cmd("conv_zoom -9");

  // Mode 2: the filter slides over the input.
  await cmd("conv_mode 2");
  await cmd("conv_step 100");
  await settle();
  c = await conv();
  t.check("mode 2 has one step per output position (24·24 = 576)", c.steps === 576, c.steps);
  t.check("step 101 is position (4, 4)", c.out_i === 4 && c.out_j === 4, `${c.out_i},${c.out_j}`);
  t.check("the same 289 weights at every position", c.weights_counted === 289);
  await t.shot(page, "conv-05-slide.png");

  // Mode 3: all filters, the count ends on the summary's number.
  await cmd("conv_mode 3");
  await cmd("conv_step 0");
  await settle();
  c = await conv();
  t.check("mode 3 starts at 289", c.weights_counted === 289 && c.steps === 63, JSON.stringify(c));
  await cmd("conv_last");
  await settle();
  c = await conv();
  const summaryParams = (await state()).summary.layers[1].params;
  t.check("mode 3 ends on (3·3·32 + 1)·63 = 18,207, the summary's Param #",
    c.weights_counted === 18207 && c.weights_counted === summaryParams, `${c.weights_counted} vs ${summaryParams}`);
  await t.shot(page, "conv-06-all-filters.png");
  // Through both convolutions, that value sees a 5 × 5 patch of the 28 × 28 digit
  // placed at it (the core's receptive field: size 5, jump 1, start 0).
  t.check("the value in focus names the input pixels it sees through every layer: a 5 × 5 patch at it",
    Array.isArray(c.value_field) && c.value_field.join() === [c.out_i, c.out_i + 4, c.out_j, c.out_j + 4].join(),
    JSON.stringify({ field: c.value_field, i: c.out_i, j: c.out_j }));

  // The common mistake, first as the learner counted it: 3×3 filters reading one
  // slice of the 32, the other 31 drawn as ignored, (3·3 + 1)·63 = 630 from the core.
  await cmd("conv_mistake 1");
  await cmd("conv_mode 3");
  await cmd("conv_last");
  await settle();
  c = await conv();
  t.check("part 1 draws the learner's own count: Conv2D on one slice, 63 maps, 31 slices ignored",
    c.kind === "Conv2D" && c.mistake_part === 1 && c.ignored_slices === 31 && /63\)$/.test(c.output) &&
    c.input === "(None, 26, 26, 1)", JSON.stringify([c.kind, c.mistake_part, c.ignored_slices, c.input, c.output]));
  t.check("its count ends on (3·3 + 1)·63 = 630, beside Conv2D's 289 per filter",
    c.weights_counted === 630 && c.params === 630 && c.base_per_filter === 289 && c.base_params === 18207,
    JSON.stringify([c.weights_counted, c.params, c.base_per_filter, c.base_params]));
  await t.shot(page, "conv-07a-mistake-yours.png");
  // Part 2, by a real click on its radio button: the layer that works that way.
  const part2 = (await state()).items.conv_mistake_part2;
  t.check("the test hook reports where part 2's button is", Array.isArray(part2), JSON.stringify((await state()).items));
  if (part2) await page.mouse.click(part2[0] + 8, part2[1] + part2[3] / 2);
  await settle();
  await cmd("conv_mode 3");
  await cmd("conv_last");
  await settle();
  c = await conv();
  t.check("part 2 draws DepthwiseConv2D: 32 channels × 2 = 64 maps",
    c.kind === "DepthwiseConv2D" && /64\)$/.test(c.output), JSON.stringify(c.output));
  t.check("its count ends on (3·3 + 1)·64 = 640", c.weights_counted === 640 && c.params === 640, c.weights_counted);
  t.check("beside Conv2D's 289 per filter and the wrong (3·3 + 1)·63 = 630",
    c.base_per_filter === 289 && c.wrong_count === 630, JSON.stringify([c.base_per_filter, c.wrong_count]));
  await t.shot(page, "conv-07-mistake-depthwise.png");
  await cmd("conv_mistake 0");

  // The seed answer's toy example.
  await cmd("conv_toy");
  await cmd("conv_mode 3");
  await cmd("conv_last");
  await settle();
  c = await conv();
  t.check("toy: (28, 28, 3) with four (5, 5, 3) kernels gives (24, 24, 4)",
    c.input === "(None, 28, 28, 3)" && c.output === "(None, 24, 24, 4)", `${c.input} → ${c.output}`);
  t.check("toy: (5·5·3 + 1)·4 = 304", c.weights_counted === 304 && c.params === 304, c.weights_counted);
  await cmd("conv_mode 1");
  await cmd("conv_step 1");
  await settle();
  await t.shot(page, "conv-08-toy-walk.png");

  // The playground: change the layer, the core recomputes.
  await cmd("conv_set padding same");
  await cmd("conv_set kh 4");
  await cmd("conv_set kw 4");
  await cmd("conv_mode 2");
  await cmd("conv_last");
  await settle();
  c = await conv();
  t.check("'same' with a 4×4 kernel: one padding row on top, two at the bottom (Keras)",
    c.pad_top === 1 && c.pad_bottom === 2 && c.pad_left === 1 && c.pad_right === 2 && c.output === "(None, 28, 28, 4)",
    JSON.stringify([c.pad_top, c.pad_bottom, c.output]));
  t.check("the last window reads padding zeros", c.padding_taps > 0, c.padding_taps);
  await t.shot(page, "conv-09-same-padding.png");
  await cmd("conv_set stride 2");
  await cmd("conv_set dilation 2");
  await settle();
  c = await conv();
  t.check("stride 2 with dilation 2 is refused with Keras's reason", /dilation|stride/i.test(c.problem || ""), c.problem);
  await t.shot(page, "conv-10-refused.png");
  await cmd("conv_set stride 1");
  await cmd("conv_set padding valid");
  await cmd("conv_set kh 3");
  await cmd("conv_set kw 3");
  await cmd("conv_mode 2");
  await cmd("conv_step 30");
  await settle();
  c = await conv();
  t.check("dilation 2 with 'valid': (28 − 5) + 1 = 24", c.output === "(None, 24, 24, 4)" && !c.problem, c.output);
  await t.shot(page, "conv-11-dilation.png");

  // Pooling and Flatten → Dense.
  await cmd("conv_layer 2");
  await cmd("conv_step 7");
  await settle();
  c = await conv();
  t.check("MaxPooling2D: one step per output position, no weights", c.subject === "pool" && c.steps === 144 && c.params === 0,
    JSON.stringify([c.subject, c.steps, c.params]));
  await t.shot(page, "conv-12-maxpool.png");
  await cmd("conv_layer 5");
  await settle();
  c = await conv();
  t.check("Dense: the 9,072 × 128 + 128 arithmetic", c.subject === "dense" && c.params === 1161344, JSON.stringify(c.params));
  await t.shot(page, "conv-13-dense.png");

  // SeparableConv2D (Keras: a depthwise stage without bias, then a 1×1 Conv2D
  // with the bias): a default one (32 filters, 3×3) after conv2d_2's
  // (24, 24, 63) output has 3·3·63 + (63 + 1)·32 = 567 + 2,048 = 2,615 params.
  t.check("a SeparableConv2D is added after conv2d_2", (await cmd("add_layer 2 SeparableConv2D")) === "ok");
  await cmd("conv_layer 2");
  await cmd("conv_mode 3");
  await cmd("conv_last");
  await settle();
  c = await conv();
  t.check("SeparableConv2D stage 1 (depthwise): 63 one-slice filters, no bias, ending on 3·3·63 = 567",
    c.kind === "SeparableConv2D" && c.stage === 1 && c.steps === 63 && c.weights_counted === 567 && c.params === 2615 &&
    c.stage_output === "(None, 22, 22, 63)", JSON.stringify(c));
  t.check("its sentence names the stage", /^Stage 1 of 2\./.test(c.description), c.description);
  await cmd("conv_mode 2");
  await cmd("conv_step 200");
  await settle();
  await t.shot(page, "conv-14-separable-depthwise.png");
  t.check("stage 2 is picked", (await cmd("conv_stage 2")) === "ok");
  await cmd("conv_mode 1");
  await cmd("conv_last");
  await settle();
  c = await conv();
  t.check("stage 2 (pointwise) walks one 1×1 tap through all 63 channels, then the bias: 64 weights per filter",
    c.stage === 2 && c.taps === 1 && c.steps === 64 && c.weights_counted === 64 && c.stage_input === "(None, 22, 22, 63)",
    JSON.stringify(c));
  await cmd("conv_mode 3");
  await cmd("conv_last");
  await settle();
  c = await conv();
  t.check("stage 2's all-filters counter ends on 567 + 64·32 = 2,615, the summary's Param #",
    c.weights_counted === 2615 && c.weights_total === 2615 && JSON.stringify(c.stage_weights) === "[567,2048]",
    JSON.stringify(c));
  t.check("a Conv2D with the same kernel and filters is shown beside it: (3·3·63 + 1)·32 = 18,176",
    c.base_params === 18176, c.base_params);
  await t.shot(page, "conv-15-separable-pointwise.png");
  t.check("conv_stage is refused for a layer with one stage",
    (await cmd("conv_layer 1")) === "ok" && (await cmd("conv_stage 2")).startsWith("error:"));
  t.check("the SeparableConv2D is removed again", (await cmd("remove_layer 2")) === "ok");

  // Speed on the seed model's largest layer, playing.
  await cmd("conv_layer 1");
  await cmd("conv_mode 2");
  await cmd("conv_step 0");
  await cmd("conv_play 1");
  await cmd("conv_perf");
  await page.waitForFunction(() => { const c = window.convlabHook.state.conv; return c && c.perf && c.perf.frames >= 300; },
    null, { timeout: 120000 });
  const perf = (await conv()).perf;
  console.log(`        frame figures (1280×720, DPR 1, 300 frames after 60 warm-up, conv2d_2 sliding): ` +
    `wasm ${perf.wasm_ms_median.toFixed(2)} ms median / ${perf.wasm_ms_p95.toFixed(2)} ms p95; ` +
    `rAF interval ${perf.raf_ms_median.toFixed(1)} ms median / ${perf.raf_ms_p95.toFixed(1)} ms p95`);
  t.check("frame figures were measured", perf.frames === 300);
  t.check("the 3D view counts the frames it drew (it draws again only when the picture changes)",
    Number.isInteger(perf.view_redraws) && perf.view_redraws >= 1 && perf.view_redraws <= perf.frames, perf.view_redraws);
  const draw = await page.evaluate(() => window.convlabHook.draw);
  console.log(`        last frame drawn: ImGui ${draw.vertices} vertices, ${draw.indices} indices, ${draw.draw_calls} draw calls; ` +
    `backdrop shaded on ${draw.background_pixels} of ${draw.fb_w}×${draw.fb_h} pixels; 3D view drawn in ${perf.view_redraws} of ${perf.frames} frames`);
  t.check("the drawing totals are published (vertices, indices, draw calls, backdrop pixels, canvas size)",
    draw && draw.vertices > 0 && draw.indices >= draw.vertices && draw.draw_calls > 0 && draw.fb_w === 1280 && draw.fb_h === 720 &&
    draw.background_pixels > 0 && draw.background_pixels < draw.fb_w * draw.fb_h, JSON.stringify(draw));
  t.check("no console errors in the Convolution tab", errors.length === 0, errors.join(" | "));
  await context.close();

  // Reduced motion: starts paused, in step mode.
  const ctx2 = await t.browser.newContext({ viewport: { width: 1280, height: 720 }, reducedMotion: "reduce" });
  const p2 = await ctx2.newPage();
  await p2.goto(`${t.base}/index.html`);
  await p2.waitForFunction(() => window.convlabHook && window.convlabHook.ready && window.convlabHook.frame > 10);
  await p2.evaluate(() => window.convlabHook.command("tab convolution"));
  await t.frames(p2, 10);
  const c2 = await p2.evaluate(() => window.convlabHook.state.conv);
  t.check("with prefers-reduced-motion the animation starts paused", c2.reduced_motion === true && c2.playing === false,
    JSON.stringify([c2.reduced_motion, c2.playing]));
  await ctx2.close();

  // Pinch to zoom: two fingers spreading from 80 px apart to 160 px over the
  // 3D view zoom it in (touch events through the DevTools protocol).
  const ctx3 = await t.browser.newContext({ viewport: { width: 1280, height: 720 }, hasTouch: true });
  const p3 = await ctx3.newPage();
  await p3.goto(`${t.base}/index.html`);
  await p3.waitForFunction(() => window.convlabHook && window.convlabHook.ready && window.convlabHook.frame > 10);
  const cmd3 = (c) => p3.evaluate((x) => window.convlabHook.command(x), c);
  await cmd3("lesson_close");
  await cmd3("tab convolution");
  await t.frames(p3, 10);
  const zoom3 = async () => { await cmd3("conv_zoom 0"); await t.frames(p3, 2); return p3.evaluate(() => window.convlabHook.state.conv.zoom); };
  const before3 = await zoom3();
  const cdp = await ctx3.newCDPSession(p3);
  const pts = (d) => [{ x: 700 - d, y: 380, id: 1 }, { x: 700 + d, y: 380, id: 2 }];
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: pts(40) });
  for (let d = 45; d <= 80; d += 5) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: pts(d) });
    await t.frames(p3, 1);
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  const after3 = await zoom3();
  t.check("a two-finger pinch (spread ×2) zooms the 3D view in by about ×2", after3 > before3 * 1.6 && after3 < before3 * 2.4,
    `${before3} → ${after3}`);
  await ctx3.close();
}
