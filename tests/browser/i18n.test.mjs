// i18n.test.mjs: the page in Simplified Chinese. English first paint fetches no
// Chinese font; switching from the menu (the hook's "lang zh" does what the menu
// item does; the test also clicks the menu itself) loads cjk_font.otf, then shows Chinese with nothing lost (model,
// selection, training progress, the animation's step); no glyph is drawn as
// the missing-glyph box (the app counts fallback glyphs in its last frame's
// draw data: "glyph_fallbacks"); lang=zh in the URL and in localStorage
// survives a reload; a zh-CN browser gets Chinese on a first visit; a font
// that cannot load leaves the page in English. Screenshots: i18n-*.png.
export default async function (t) {
  const { page, context, errors } = await t.openPage();
  const cmd = (c) => page.evaluate((x) => window.convlabHook.command(x), c);
  const state = () => page.evaluate(() => window.convlabHook.state);
  const boxes = async (p = page) => Number(await p.evaluate(() => window.convlabHook.command("glyph_fallbacks")));
  const shownIs = (p, lang) => p.waitForFunction((l) => window.convlabHook.state.language.shown === l, lang,
    { timeout: 30000 });
  const fontFetched = (p) => p.evaluate(() =>
    performance.getEntriesByType("resource").some((e) => /cjk_font\.otf/.test(e.name)));

  // 1. English: no Chinese font fetched, no boxes, yet the menu's 简体中文 is drawn.
  let st = await state();
  t.check("i18n: an English browser gets English", st.language.shown === "en" && st.language.wanted === "en",
    JSON.stringify(st.language));
  t.check("i18n: English first paint does not fetch the Chinese font", !(await fontFetched(page)) &&
    st.language.cjk_font === "none", st.language.cjk_font);
  t.check("i18n: the fallback glyph is U+FFFD (a box), not '?'", st.language.fallback_char === 0xFFFD,
    st.language.fallback_char);
  t.check("i18n: English draws no missing glyph", (await boxes()) === 0);
  console.log(`        font atlas in English: ${st.language.atlas.join(" x ")} px`);

  // The language menu, in English, names Chinese in its own script (four
  // glyphs embedded for it) before any Chinese font is fetched.
  await page.mouse.click(100, 13);
  await t.frames(page, 4);
  t.check("i18n: the open language menu draws no missing glyph", (await boxes()) === 0);
  await t.shot(page, "i18n-en-language-menu.png");
  await page.keyboard.press("Escape");
  await page.mouse.click(1000, 700);
  await t.frames(page, 3);

  // 2. State worth keeping: a selected row, a training batch, a step of the animation.
  await cmd("select_layer 1");
  await cmd("tab training");
  await t.frames(page, 3);
  await cmd("train_step");
  await page.waitForFunction(() => window.convlabHook.state.training.batch >= 1 ||
    /unavailable|stopped/.test(window.convlabHook.state.training.status), null, { timeout: 120000 });
  await cmd("tab convolution");
  await t.frames(page, 3);
  await cmd("conv_mode 2");
  await cmd("conv_step 40");
  await t.frames(page, 4);
  const before = await state();

  // 3. Switch from the menu (clicked; the hook's "lang zh" does the same).
  // Until the font is in, the page stays English.
  // A real click on Language, then on 简体中文 (where the English menu bar puts them).
  await page.mouse.click(100, 13);
  await t.frames(page, 3);
  await page.mouse.click(115, 69);
  await t.frames(page, 2);  // the state is published by the next frame
  st = await state();
  t.check("i18n: clicking 简体中文 in the Language menu chooses Chinese", st.language.wanted === "zh",
    JSON.stringify(st.language));
  await shownIs(page, "zh");
  await t.frames(page, 4);
  st = await state();
  console.log(`        font atlas with Chinese: ${st.language.atlas.join(" x ")} px`);
  t.check("i18n: the Chinese font was fetched and merged", st.language.cjk_font === "loaded" && (await fontFetched(page)),
    JSON.stringify(st.language));
  t.check("i18n: the model is the same", JSON.stringify(st.summary) === JSON.stringify(before.summary));
  t.check("i18n: the selected row is the same", st.selected_layer === before.selected_layer, st.selected_layer);
  t.check("i18n: training progress is the same (batch, weights)",
    st.training.batch === before.training.batch && st.training.weights_checksum === before.training.weights_checksum,
    `${before.training.batch} → ${st.training.batch}`);
  t.check("i18n: the animation is on the same step of the same mode",
    st.conv.mode === before.conv.mode && st.conv.step === before.conv.step && st.conv.layer === before.conv.layer,
    `${before.conv.mode}/${before.conv.step} → ${st.conv.mode}/${st.conv.step}`);
  t.check("i18n: the animation's step sentence is now Chinese", /[\u4e00-\u9fff]/.test(st.conv.description || ""),
    st.conv.description);
  const spoken = await page.evaluate(() => document.getElementById("sr-conv").textContent);
  t.check("i18n: the screen reader gets the Chinese sentence without the line-break marks",
    /[\u4e00-\u9fff]/.test(spoken) && !/\u3000/.test(spoken), spoken);
  let url = page.url();
  t.check("i18n: the URL says lang=zh", /[#&]lang=zh(&|$)/.test(url), url);
  const saved = await page.evaluate(() => localStorage.getItem("convlab.lang"));
  t.check("i18n: the choice is kept in local settings", saved === "zh", saved);

  // 4. Every view in Chinese, looked for boxes.
  const views = [
    ["convolution", "i18n-zh-convolution.png", null],
    ["convolution", "i18n-zh-convolution-walk.png", ["conv_mode 1", "conv_step 3"]],
    ["convolution", "i18n-zh-convolution-mistake.png", ["conv_mistake 1"]],
    ["convolution", "i18n-zh-convolution-pool.png", ["conv_mistake 0", "conv_layer 2"]],
    ["summary", "i18n-zh-summary.png", ["select_layer 1"]],
    ["training", "i18n-zh-training.png", null],
    ["training", "i18n-zh-training-draw.png", ["train_view draw"]],
    ["training", "i18n-zh-training-inside.png", ["train_view inside"]],
    // The lesson (when the page has one): an exercise answered wrong, with its feedback.
    ["summary", "i18n-zh-lesson.png", ["lesson_chapter 2", "lesson_answer 630", "lesson_check"]],
    ["summary", "i18n-zh-lesson-ch4.png", ["lesson_chapter practice"]],
  ];
  for (const [tab, shot, extra] of views) {
    await cmd(`tab ${tab}`);
    for (const c of extra || []) await cmd(c);
    await t.frames(page, 5);
    const n = await boxes();
    t.check(`i18n: ${shot}: no missing glyph`, n === 0, `boxes=${n}`);
    await t.shot(page, shot);
  }
  // The editor with a broken field: its Problem is written by the UI from the core's code.
  await cmd("tab summary");
  await cmd("set_field 1 kernel_size 30");
  await t.frames(page, 5);
  st = await state();
  t.check("i18n: a Problem reads in Chinese", /[\u4e00-\u9fff]/.test(st.problem && st.problem.message || ""),
    JSON.stringify(st.problem));
  t.check("i18n: i18n-zh-editor-problem.png: no missing glyph", (await boxes()) === 0);
  await t.shot(page, "i18n-zh-editor-problem.png");
  await cmd("undo");
  // The import dialog's help and buttons (drawn by the model editor, which the
  // lesson's chapter 4 hides: close the lesson first).
  await cmd("lesson_close");
  await cmd("import_open");
  await t.frames(page, 4);
  t.check("i18n: i18n-zh-import.png: no missing glyph", (await boxes()) === 0);
  await t.shot(page, "i18n-zh-import.png");
  await cmd("import_close");
  // The core's own sentences, said from the string table: an import that fails
  // (Keras JSON, then Keras Python), a PyTorch export that cannot be written,
  // a model Training refuses. English prose words of the core's templates must
  // not be left in them ("expected ..., got ...", "must be an integer").
  const GRAPH_JSON = '{"class_name": "Functional", "config": {"name": "m", "layers": [' +
    '{"class_name": "InputLayer", "name": "x", "config": {"name": "x", "batch_input_shape": [null, 8, 8, 1]}, "inbound_nodes": []}, ' +
    '{"class_name": "Conv2D", "name": "c", "config": {"name": "c", "filters": 1, "kernel_size": 1}, "inbound_nodes": [[["x", 0, 0, {}]]]}, ' +
    '{"class_name": "Add", "name": "add", "config": {"name": "add"}, "inbound_nodes": [[["x", 0, 0, {}], ["y", 0, 0, {}]]]}], ' +
    '"input_layers": [["x", 0, 0]], "output_layers": [["add", 0, 0]]}}';
  const englishProse = /\b(expected|got|must|whole|integer|string|cannot|column|does not|never)\b/i;
  const zhText = (s) => (s || "").replace(/\u3000/g, "");
  const broken = [
    ["i18n-zh-import-error-json.png", '{"class_name": "Sequential", "config": {"layers": [{"class_name": "Conv2D", ' +
      '"config": {"name": "conv2d", "batch_input_shape": [null, 28, 28, 1], "filters": [32], "kernel_size": 3}}]}}',
      /^layer 1 'conv2d' \(Conv2D\), filters: expected a whole number, got an array$/],
    ["i18n-zh-import-error-python.png", "from tensorflow import keras\\nmodel = keras.Sequential([\\n" +
      "    keras.Input(shape=(28, 28, 1)),\\n    keras.layers.Conv2D(32, kernel_size=(3, 3), padding='full'),\\n])",
      /^line 4, column \d+: Conv2D: padding 'full' is not supported/],
    ["i18n-zh-import-functional.png", GRAPH_JSON, /^layer 3 'add' \(Add\), 'y' is not the name of a layer of this model/],
  ];
  for (const [shot, text, english] of broken) {
    const reply = await cmd("import_text " + text);
    await t.frames(page, 5);
    st = await state();
    const shown = zhText(st.import.error);
    t.check(`i18n: ${shot}: the import fails`, /^error: /.test(reply) && st.import.open, reply);
    t.check(`i18n: ${shot}: the error is Chinese, with no English sentence left`,
      /[\u4e00-\u9fff]/.test(shown) && !englishProse.test(shown), shown);
    t.check(`i18n: ${shot}: ... and says what the core says in English`, english.test(st.import.error_en),
      st.import.error_en);
    t.check(`i18n: ${shot}: no missing glyph`, (await boxes()) === 0);
    await t.shot(page, shot);
  }
  await cmd("import_close");
  // Dense right after a convolution: valid Keras, but PyTorch's nn.Linear would act on the wrong axis.
  await cmd("import_text from tensorflow import keras\\nmodel = keras.Sequential([keras.Input(shape=(28, 28, 1)), " +
    "keras.layers.Conv2D(8, 3), keras.layers.Dense(10)])");
  const exported = await cmd("export pytorch");
  await t.frames(page, 5);
  st = await state();
  t.check("i18n: the PyTorch refusal is Chinese", /^error: layer 3 'dense' \(Dense\)/.test(exported) &&
    /[\u4e00-\u9fff]/.test(zhText(st.export_error)) && !englishProse.test(zhText(st.export_error)),
    `${exported} | ${zhText(st.export_error)}`);
  t.check("i18n: i18n-zh-export-refused.png: no missing glyph", (await boxes()) === 0);
  await t.shot(page, "i18n-zh-export-refused.png");
  // The same model without a softmax at the end: network_build refuses it.
  await cmd("tab training");
  await t.frames(page, 5);
  st = await state();
  const refused = zhText(st.training.reason);
  t.check("i18n: Training's refusal (no softmax at the end) is Chinese", /此模型无法在这里训练/.test(refused) &&
    /softmax/.test(refused) && !englishProse.test(refused) && !/class probabilities/.test(refused), refused);
  t.check("i18n: i18n-zh-training-refused.png: no missing glyph", (await boxes()) === 0);
  await t.shot(page, "i18n-zh-training-refused.png");
  await cmd("undo");
  await cmd("tab summary");

  // 5. Reload keeps Chinese (the URL's lang=zh).
  await page.reload();
  await page.waitForFunction(() => window.convlabHook && window.convlabHook.ready && window.convlabHook.frame > 10,
    null, { timeout: 60000 });
  await shownIs(page, "zh");
  await t.frames(page, 4);
  t.check("i18n: after a reload the page is Chinese", (await state()).language.shown === "zh");
  t.check("i18n: ... with no missing glyph", (await boxes()) === 0);
  // A model that cannot train: Training says why in Chinese, with the Problem
  // written by the UI, not the core's English.
  await cmd("set_field 1 kernel_size 30");
  await t.frames(page, 4);
  st = await state();
  // (Shown Chinese text carries zero-width U+3000 marks where a line may break: strings.cpp.)
  const reason = st.training.reason.replace(/\u3000/g, "");
  t.check("i18n: Training's reason is Chinese", /请先修正模型/.test(reason) && !/Layer|larger/.test(reason), reason);
  // And back to English at once: the Latin fonts are always there.
  await cmd("lang en");
  await t.frames(page, 1);
  st = await state();
  t.check("i18n: switching back to English is immediate (the next frame)", st.language.shown === "en", JSON.stringify(st.language));
  await t.frames(page, 4);
  st = await state();
  t.check("i18n: ... and Training's reason is rewritten in English", /^Fix the model first/.test(st.training.reason),
    st.training.reason);
  await cmd("undo");
  url = page.url();
  await t.frames(page, 3);
  t.check("i18n: the URL says lang=en", /[#&]lang=en(&|$)/.test(page.url()), page.url());
  t.check("i18n: no console errors", errors.length === 0, errors.join(" | "));
  await context.close();

  // 6. A first visit from a zh-CN browser: Chinese without asking.
  {
    const ctx = await t.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: "zh-CN" });
    const p = await ctx.newPage();
    await p.goto(`${t.base}/index.html`);
    await p.waitForFunction(() => window.convlabHook && window.convlabHook.ready && window.convlabHook.frame > 10,
      null, { timeout: 60000 });
    const lang = await p.evaluate(() => navigator.language);
    await shownIs(p, "zh");
    await t.frames(p, 4);
    t.check(`i18n: navigator.language ${lang} picks Chinese on a first visit`, (await p.evaluate(() =>
      window.convlabHook.state.language.shown)) === "zh");
    t.check("i18n: ... no missing glyph", (await boxes(p)) === 0);
    t.check("i18n: ... and the URL says lang=zh", /[#&]lang=zh(&|$)/.test(p.url()), p.url());
    await t.shot(p, "i18n-zh-first-visit.png");
    // The detector must be able to say yes: a character in no row (龘), so in
    // no font, typed into the import dialog is drawn as the fallback box.
    await p.evaluate(() => window.convlabHook.command("import_text # 龘 is not a model"));
    await t.frames(p, 3);
    const seen = await boxes(p);
    t.check("i18n: a character missing from every font is counted as a box", seen >= 1, `boxes=${seen}`);
    await ctx.close();
  }

  // 6a. An English browser whose local settings say Chinese (a learner who chose
  // it before, opening the page without a link): the setting wins.
  {
    const ctx = await t.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: "en-US" });
    await ctx.addInitScript(() => { try { localStorage.setItem("convlab.lang", "zh"); } catch (e) {} });
    const p = await ctx.newPage();
    await p.goto(`${t.base}/index.html`);
    await p.waitForFunction(() => window.convlabHook && window.convlabHook.ready && window.convlabHook.frame > 10,
      null, { timeout: 60000 });
    await shownIs(p, "zh");
    t.check("i18n: the language kept in local settings is used without a link", (await p.evaluate(() =>
      window.convlabHook.state.language.wanted)) === "zh");
    await ctx.close();
  }

  // 6b. A HiDPI screen (devicePixelRatio 2): glyphs rasterised at twice the size.
  {
    const hi = await t.openPage("#lang=zh", { width: 1280, height: 720 }, 2);
    await shownIs(hi.page, "zh");
    await t.frames(hi.page, 4);
    const s = await hi.page.evaluate(() => window.convlabHook.state.language);
    t.check("i18n: at devicePixelRatio 2, Chinese draws no missing glyph", (await boxes(hi.page)) === 0);
    console.log(`        font atlas at DPR 2 with Chinese: ${s.atlas.join(" x ")} px`);
    await t.shot(hi.page, "i18n-zh-dpr2.png");
    await hi.context.close();
  }
  // 7. The font is slow, then cannot be fetched: the page stays readable in
  // English, says the font is loading, then that it failed.
  {
    const ctx = await t.browser.newContext({ viewport: { width: 1280, height: 720 }, locale: "zh-CN" });
    let release;
    const held = new Promise((r) => { release = r; });
    await ctx.route("**/cjk_font.otf", async (route) => { await held; await route.abort(); });
    const p = await ctx.newPage();
    await p.goto(`${t.base}/index.html`);
    await p.waitForFunction(() => window.convlabHook && window.convlabHook.ready && window.convlabHook.frame > 10,
      null, { timeout: 60000 });
    const loading = await p.evaluate(() => window.convlabHook.state.language);
    t.check("i18n: while the font loads, the page stays English", loading.shown === "en" &&
      loading.wanted === "zh" && loading.cjk_font === "loading", JSON.stringify(loading));
    t.check("i18n: ... with no missing glyph", (await boxes(p)) === 0);
    await t.shot(p, "i18n-font-loading.png");
    release();
    await p.waitForFunction(() => window.convlabHook.state.language.cjk_font === "failed", null, { timeout: 60000 });
    await t.frames(p, 3);
    const s = await p.evaluate(() => window.convlabHook.state.language);
    t.check("i18n: without its font, Chinese falls back to English", s.shown === "en" && s.wanted === "en", JSON.stringify(s));
    t.check("i18n: ... with no missing glyph", (await boxes(p)) === 0);
    await t.shot(p, "i18n-font-failed.png");
    await ctx.close();
  }
}
