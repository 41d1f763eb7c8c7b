// graph.test.mjs: Functional models in the page (issue 19). Paste a small
// ResNet written with a `def` and a `for` loop and see its summary, "Connected
// to" and totals; the editor draws the graph; build a skip connection with the
// editor's buttons (real clicks) and undo it; a Concatenate → Conv2D row shows
// the Cin sum; a graph link round-trips through the URL; ResNet50 from the
// presets; Chinese; a phone-sized screen.
const RESNET_CODE = `from tensorflow import keras
from tensorflow.keras import layers

def residual_block(x, filters, stride=1):
    shortcut = x
    y = layers.Conv2D(filters, 3, strides=stride, padding="same", activation="relu")(x)
    y = layers.Conv2D(filters, 3, padding="same")(y)
    if stride != 1:
        shortcut = layers.Conv2D(filters, 1, strides=stride)(x)
    y = layers.Add()([y, shortcut])
    return layers.Activation("relu")(y)

inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(16, 3, padding="same", activation="relu")(inputs)
for filters, stride in [(16, 1), (32, 2)]:
    x = residual_block(x, filters, stride)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs)
`;

const escapeLines = (s) => s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");

export default async function (t) {
  const { page, context, errors } = await t.openPage();
  const cmd = (c) => t.command(page, c);
  const state = () => t.state(page);

  // 1. Paste the Functional script.
  let r = await cmd("import_text " + escapeLines(RESNET_CODE), 5);
  let st = await state();
  // Conv 160 + block 1: 2,320 + 2,320 + block 2: 4,640 + 9,248 + 544 (the 1×1 projection) + Dense 330.
  const total = 160 + 2320 + 2320 + 4640 + 9248 + 544 + 330;
  t.check("graph: the pasted ResNet script loads as a graph", r === "ok" && st.functional === true && st.model_ok, r);
  t.check(`graph: its total is ${total.toLocaleString("en")} (the 1×1 projection's (1·1·16 + 1)·32 = 544 included)`,
    st.summary && st.summary.total_params === total, JSON.stringify(st.summary && st.summary.total_params));
  await cmd("lesson_close");
  st = await state();
  const rows = st.summary.layers;
  const add1 = rows.find((x) => x.name === "add_1");
  t.check("graph: the summary has Keras's Connected to: add_1 reads conv2d_3[0][0] and conv2d_1[0][0]",
    add1 && JSON.stringify(add1.inbound) === JSON.stringify(["conv2d_3", "conv2d_1"]) &&
    st.show_connected && Array.isArray(st.items.show_connected), JSON.stringify(add1));
  t.check("graph: the editor draws the graph (boxes for the visible layers, the input first)",
    st.graph_nodes.length >= 3 && st.graph_nodes[0][0] === 0, JSON.stringify(st.graph_nodes));
  await t.shot(page, "graph-01-resnet-code.png");

  // 2. Real clicks: select conv2d_2's box, open "Join a shortcut", pick the
  // input (shape (28, 28, 1): Add needs a 1×1 projection to 16 channels).
  const click = async (rect) => {
    await page.mouse.move(rect[0] + rect[2] / 2, rect[1] + rect[3] / 2);
    await t.frames(page, 2);
    await page.mouse.down();
    await t.frames(page, 2);
    await page.mouse.up();
    await t.frames(page, 3);
  };
  const box = (layer) => st.graph_nodes.find((b) => b[0] === layer);
  const conv2 = st.kinds.findIndex((k, i) => i > 0 && k === "Conv2D" && i === 2);
  await click(box(conv2).slice(1));
  st = await state();
  t.check("graph: a click on conv2d_2's box selects it, and its summary row", st.selected_card === 2 &&
    rows[st.selected_layer].name === "conv2d_2", `${st.selected_card} ${st.selected_layer}`);
  await click(st.items.graph_join);
  st = await state();
  t.check("graph: Join a shortcut lists the layers it could join, the input among them",
    Array.isArray(st.items.join_0) && !st.items.join_3, JSON.stringify(Object.keys(st.items)));
  await click(st.items.join_0);
  st = await state();
  await t.shot(page, "graph-02-join-menu.png");
  t.check("graph: the input's entry offers Add and Concatenate", Array.isArray(st.items.join_add) &&
    Array.isArray(st.items.join_concatenate));
  const before = st.summary.total_params;
  if (st.items.join_add) await click(st.items.join_add);
  st = await state();
  const projection = st.summary.layers.find((x) => x.inbound && x.inbound[0] === "input_1" && x.params === 32);
  t.check("graph: Add with the input builds a 1×1 projection ((1·1·1 + 1)·16 = 32) and an Add; conv2d_3 reads the Add",
    st.model_ok && st.summary.total_params === before + 32 && projection &&
    st.summary.layers.find((x) => x.name === "conv2d_3").inbound[0].startsWith("add_"),
    `${st.summary.total_params} vs ${before} ${JSON.stringify(st.summary.layers.slice(0, 6))}`);
  await t.shot(page, "graph-03-skip-added.png");
  await page.keyboard.press("Control+z");
  await t.frames(page, 4);
  st = await state();
  t.check("graph: Ctrl+Z undoes the skip", st.summary.total_params === before && st.layers === rows.length, String(st.summary.total_params));

  // 3. A skip that would make a cycle is refused in words; the model stays.
  r = await cmd("add_skip 1 3 add");
  st = await state();
  t.check("graph: a shortcut from a later layer is refused, naming both layers", r.startsWith("error: layer 4 is computed from layer 2") &&
    st.summary.total_params === before, r);

  // 3b. Insert on one edge (real clicks): conv2d_1 is read by conv2d_2 and by
  // the first Add (its identity shortcut); a BatchNormalization goes on the
  // shortcut alone: 4 × 16 more parameters, and conv2d_2 still reads conv2d_1.
  await cmd("select_layer 1", 4);  // brings its box into view
  st = await state();
  await click(box(1).slice(1));
  await click((await state()).items.graph_insert);
  st = await state();
  const addAt = st.kinds.indexOf("Add");
  t.check("graph: Insert after on a layer read twice asks which path: every one, or the one to each reader",
    Array.isArray(st.items.insert_every) && Array.isArray(st.items[`insert_to_${addAt}`]) && Array.isArray(st.items.insert_to_2),
    JSON.stringify(Object.keys(st.items).filter((k) => k.startsWith("insert"))));
  await click(st.items[`insert_to_${addAt}`]);
  await t.shot(page, "graph-03b-insert-on-edge.png");
  await click((await state()).items.insert_popup_BatchNormalization);
  st = await state();
  const bnRow = st.summary.layers.find((x) => x.class_name === "BatchNormalization");
  const firstAdd = st.summary.layers.find((x) => x.class_name === "Add");
  t.check("graph: ... the new BatchNormalization sits on the shortcut alone: conv2d_2 reads conv2d_1, the Add reads the new layer, 64 more parameters",
    bnRow && firstAdd && st.summary.total_params === before + 64 && firstAdd.inbound.includes(bnRow.name) &&
    st.summary.layers.find((x) => x.name === "conv2d_2").inbound[0] === "conv2d_1",
    `${st.summary.total_params} vs ${before}: ${JSON.stringify(st.summary.layers.slice(0, 7).map((x) => [x.name, x.inbound]))}`);
  await page.keyboard.press("Control+z");
  await t.frames(page, 4);
  st = await state();
  t.check("graph: ... and Ctrl+Z takes it off again, with conv2d_1 selected as it was before the insert",
    st.summary.total_params === before && st.selected_card === 1, `${st.summary.total_params} ${st.selected_card}`);

  // 3c. The Join menu tries each choice first: conv2d_5 (14, 14, 32) joined
  // with add_1 (28, 28, 16) by Concatenate would hand add_2 48 channels
  // against 32, and the menu says so before the learner picks it.
  const conv5 = st.summary.layers.findIndex((x) => x.name === "conv2d_5");
  await cmd(`select_layer ${conv5}`, 4);
  await click((await state()).items.graph_join);
  st = await state();
  const add1At = st.kinds.indexOf("Add");
  if (st.items[`join_${add1At}`]) await click(st.items[`join_${add1At}`]);
  st = await state();
  t.check("graph: the Join menu warns that Concatenate with add_1 would break add_2 (48 against 32 channels); Add would not",
    st.join_breaks[0] === "" && /add_2/.test(st.join_breaks[1]), JSON.stringify(st.join_breaks));
  await t.shot(page, "graph-03c-join-warns.png");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await t.frames(page, 3);

  // A branch, then joined back: Branch from the tiny preset's Conv2D (a
  // Sequential model with its own InputLayer), then Join at the pooling layer.
  await cmd("preset tiny", 4);
  r = await cmd("branch 1 MaxPooling2D");
  st = await state();
  t.check("graph: Branch turns the chain into a graph with a second path from the Conv2D (left out until joined)",
    r === "ok" && st.functional && st.selected_card === 2 && st.kinds[2] === "MaxPooling2D" && st.model_ok, `${r} ${JSON.stringify(st.kinds)}`);
  const plan = await cmd("plan_skip 3 2 concatenate");
  r = await cmd("add_skip 3 2 concatenate");
  st = await state();
  const denseRow = st.summary.layers.find((x) => x.class_name === "Dense");
  t.check("graph: ... and Join at the pooling layer: Concatenate (13, 13, 8 + 8), the Dense then counts (13·13·16 + 1)·10 = 27,050",
    plan === "direct" && r === "ok" && denseRow && denseRow.params === 27050, `${plan} ${r} ${JSON.stringify(denseRow)}`);
  await t.shot(page, "graph-03b-branch-joined.png");

  // 4. Concatenate → Conv2D: the Cin is the channel sum.
  await cmd("preset inception_small", 5);
  st = await state();
  const catRow = st.summary.layers.findIndex((x) => x.class_name === "Concatenate");
  const convAfter = st.summary.layers.findIndex((x, i) => i > catRow && x.class_name === "Conv2D");
  await cmd(`select_layer ${convAfter}`, 4);
  st = await state();
  t.check("graph: the Conv2D after the Concatenate says its Cin is 8 + 16 + 8 = 32 and counts (3 × 3 × 32 + 1) × 32 = 9,248",
    /8 \+ 16 \+ 8 = 32/.test(st.arithmetic) && st.summary.layers[convAfter].params === 9248, st.arithmetic);
  await t.shot(page, "graph-04-concat-cin.png");
  await cmd(`select_layer ${catRow}`, 4);
  st = await state();
  t.check("graph: the Concatenate row says why it has no weights", /Param # is 0/.test(st.arithmetic), st.arithmetic);

  // The convolution view of a Conv2D after a Concatenate: one output value walks
  // through all 16 + 12 = 28 joined channels, and the counter ends on 3·3·28 + 1.
  await cmd("preset densenet_small", 5);
  st = await state();
  const after = st.summary.layers.findIndex((x) => x.class_name === "Conv2D" && x.inbound[0] === "concatenate_1");
  await cmd("tab convolution", 5);
  await page.waitForFunction(() => window.convlabHook.state.conv && window.convlabHook.state.conv.digits !== 1, null, { timeout: 30000 });
  await cmd(`conv_layer ${after}`, 4);
  await cmd("conv_mode 1", 3);
  await cmd("conv_step 28", 5);
  let c = (await state()).conv;
  t.check("graph: the convolution view of the Conv2D after a Concatenate ends its weight counter on 3·3·(16 + 12) + 1 = 253",
    c.input === "(None, 14, 14, 28)" && c.weights_counted === 253 && c.weights_total === 253, JSON.stringify({input: c.input, counted: c.weights_counted, total: c.weights_total, step: c.step, steps: c.steps}));
  st = await state();
  t.check("graph: the view marks where concatenate_1's first branch ends along Cin: 16 + 12 = 28",
    st.conv_concat.first === 16 && st.conv_concat.name === "concatenate_1" && st.conv_concat.sum === "16 + 12 = 28",
    JSON.stringify(st.conv_concat));
  await t.shot(page, "graph-05-conv-after-concat.png");
  await cmd("tab summary", 3);

  // 5. The link holds the graph: a reload of the same address shows it again.
  await cmd("preset resnet_small", 5);
  st = await state();
  const url = await page.evaluate(() => location.href);
  const { page: again, context: c2 } = await t.openPage(url.slice(url.indexOf("#")));
  const st2 = await t.state(again);
  t.check("graph: a graph link round-trips through the URL", st2.functional && st2.summary.total_params === st.summary.total_params &&
    JSON.stringify(st2.summary.layers.map((x) => x.inbound)) === JSON.stringify(st.summary.layers.map((x) => x.inbound)),
    `${url.length} chars`);
  await c2.close();

  // 6. ResNet50 from keras.applications: 25,636,712 parameters (keras.io's table: 25.6M).
  await cmd("preset ResNet50", 5);
  await cmd("select_layer 40", 5);
  st = await state();
  t.check("graph: ResNet50 from the presets: 25,636,712 parameters, 177 layers in the graph",
    st.summary.total_params === 25636712 && st.layers === 177, `${st.summary.total_params} ${st.layers}`);
  t.check("graph: selecting row 40 brings its box into view", st.graph_nodes.some((b) => b[0] === st.selected_card));
  await t.shot(page, "graph-05b-resnet50.png");
  let hash = await page.evaluate(() => location.hash);
  t.check("graph: ResNet50 as loaded is linked by its name", /^#app=ResNet50&/.test(hash), hash.slice(0, 80));
  const { page: p50, context: c50 } = await t.openPage(hash);
  const s50 = await t.state(p50);
  t.check("graph: that short link opens ResNet50 again", s50.summary.total_params === 25636712 && s50.functional, String(s50.summary.total_params));
  await c50.close();
  await cmd(`set_field ${st.selected_card} momentum 0.9`, 4);
  hash = await page.evaluate(() => location.hash);
  t.check("graph: edited in a field, the link is the network's name and the edit (under 200 characters)",
    /^#app=ResNet50&i=\d+&d=v/.test(hash) && hash.length < 200, `${hash.length} chars: ${hash.slice(0, 120)}`);
  const { page: pe, context: ce } = await t.openPage(hash);
  await t.frames(pe, 4);
  const hashBack = await pe.evaluate(() => location.hash);
  // (A first visit also opens the lesson, which adds its chapter to the link.)
  t.check("graph: ... which opens the edited network (the page writes the same link back)",
    hashBack.replace(/&ch=[a-z]+/, "") === hash, hashBack.slice(0, 120));
  await ce.close();
  await cmd("add_layer 5 Dropout", 4);
  hash = await page.evaluate(() => location.hash);
  st = await state();
  t.check("graph: once its graph changes too, the link is the network's name and the graph's edits (under 300 characters, not the 7 KB model)",
    /^#app=ResNet50&g=g1\./.test(hash) && hash.length < 300, `${hash.length} chars: ${hash.slice(0, 160)}`);
  const { page: pg, context: cg } = await t.openPage(hash);
  const sg = await t.state(pg);
  t.check("graph: ... which opens the edited graph: the inserted layer, the edited field, the same totals",
    sg.layers === st.layers && sg.summary.total_params === st.summary.total_params &&
    JSON.stringify(sg.summary.layers.map((x) => x.inbound)) === JSON.stringify(st.summary.layers.map((x) => x.inbound)),
    `${sg.layers} ${st.layers} ${sg.summary.total_params} ${st.summary.total_params}`);
  await cg.close();
  // 7. ResNet50 is counted, not trained: the Training tab says why, with the memory figure.
  await cmd("tab training", 5);
  let tr = (await state()).training;
  t.check("graph: the Training tab says ResNet50 is too large to train here, with its memory",
    tr.status === "unavailable" && /MB|GB/.test(tr.reason), `${tr.status} ${tr.reason}`);
  await t.shot(page, "graph-06-resnet50-training.png");

  // 8. The small residual preset trains one epoch in the page past 90% on the held-out digits.
  await cmd("preset resnet_small", 5);
  await cmd("train_set batch 32");
  await cmd("train_set epochs 1");
  const t0 = Date.now();
  r = await cmd("train_start");
  for (;;) {
    tr = (await state()).training;
    if (tr.status === "finished" || tr.status === "unavailable" || tr.status === "stopped" || Date.now() - t0 > 900000) break;
    await new Promise((res) => setTimeout(res, 1000));
  }
  console.log(`        small ResNet, one epoch at batch 32: test accuracy ${tr.test_accuracy && tr.test_accuracy[0]}% in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  t.check("graph: the small ResNet trains one epoch in the page to > 90% test accuracy",
    r === "ok" && tr.status === "finished" && tr.test_accuracy[0] > 90, `${tr.status} ${tr.reason} ${tr.test_accuracy}`);
  await t.shot(page, "graph-07-resnet-small-trained.png");
  await cmd("train_view inside", 5);
  await t.shot(page, "graph-08-resnet-small-inside.png");
  t.check("graph: no console errors", errors.length === 0, errors.join(" | "));
  await context.close();

  // 9. The lesson's Branches chapter: predict, then see; the misconceptions named.
  {
    const { page: lp, context: lc, errors: lerrors } = await t.openPage("#ch=branches");
    const lcmd = (x, n = 4) => t.command(lp, x, n);
    let ls = (await t.state(lp)).lesson;
    t.check("graph: #ch=branches opens the Branches chapter, 8th, with its first exercise (an Add)",
      ls.open && ls.chapter === 8 && ls.chapter_id === "branches" && ls.branch && ls.branch.kind === 0 && ls.branch.params === 0,
      JSON.stringify(ls.branch));
    t.check("graph: the bottleneck in numbers: 70,016 against 1,180,160", JSON.stringify(ls.bottleneck) === "[70016,1180160]",
      JSON.stringify(ls.bottleneck));
    // The Add's shape with its inputs' channels added up, as a Concatenate's: named.
    const addShape = ls.branch.shape.match(/\d+/g).map(Number);
    await lcmd(`lesson_shape ${addShape[0]}, ${addShape[1]}, ${2 * addShape[2]}`);
    await lcmd("lesson_check");
    ls = (await t.state(lp)).lesson;
    t.check("graph: lesson: an Add's channels added up (as a Concatenate's) is named", ls.branch_shape.mistake === "AddAsConcatenate",
      JSON.stringify(ls.branch_shape));
    await t.shot(lp, "graph-09-lesson-branches-add.png");
    // Kind 1: a Concatenate. Its channel sum typed (real keys) as its Param #, Check clicked.
    await lcmd("lesson_next");
    ls = (await t.state(lp)).lesson;
    const shape = ls.branch.shape.match(/\d+/g).map(Number);
    const channels = shape[shape.length - 1];
    // The question sits under the chapter's text: scroll the lesson down to it, as a learner would.
    await lp.mouse.move(180, 400);
    for (let i = 0; i < 6; ++i) {
      await lp.mouse.wheel(0, 200);
      await t.frames(lp, 2);
    }
    let items = (await t.state(lp)).items;
    await lp.mouse.click(items.lesson_branch_count[0] + 10, items.lesson_branch_count[1] + 5);
    await t.frames(lp, 2);
    for (const ch of String(channels)) {
      await lp.keyboard.down(ch);
      await t.frames(lp, 1);
      await lp.keyboard.up(ch);
      await t.frames(lp, 1);
    }
    await lp.mouse.click(items.lesson_check_branch[0] + 5, items.lesson_check_branch[1] + 5);
    await t.frames(lp, 4);
    ls = (await t.state(lp)).lesson;
    t.check(`graph: lesson: ${channels} (the Concatenate's channels) as its Param # is named "added Concatenate's channels to its own Param #"`,
      ls.branch.class_name === "Concatenate" && ls.branch_count.state === "wrong" && ls.branch_count.mistake === "ConcatChannelsAsParams" &&
      /not weights/.test(ls.branch_count.text), JSON.stringify(ls.branch_count));
    await t.shot(lp, "graph-10-lesson-concat-mistake.png");
    // Kind 2: the Conv2D after it, right answer.
    await lcmd("lesson_next");
    ls = (await t.state(lp)).lesson;
    await lcmd(`lesson_answer ${ls.branch.params}`);
    await lcmd(`lesson_shape ${ls.branch.shape.replace("None, ", "")}`);
    await lcmd("lesson_check");
    ls = (await t.state(lp)).lesson;
    t.check("graph: lesson: the Conv2D after a Concatenate, answered right", ls.branch_count.state === "right" &&
      ls.branch_shape.state === "right", JSON.stringify([ls.branch_shape, ls.branch_count]));
    // Kind 3: a shared layer counted twice.
    await lcmd("lesson_next");
    ls = (await t.state(lp)).lesson;
    await lcmd(`lesson_answer ${2 * ls.branch.params}`);
    await lcmd("lesson_check");
    ls = (await t.state(lp)).lesson;
    t.check("graph: lesson: a shared layer's weights counted twice is named", ls.branch_count.mistake === "SharedCountedTwice",
      JSON.stringify(ls.branch_count));
    await t.shot(lp, "graph-11-lesson-shared.png");
    // Then see it: the exercise's graph in the editor, the layer selected.
    await lcmd("lesson_do see_branch", 5);
    const seen = await t.state(lp);
    t.check("graph: lesson: 'see it' puts the exercise's graph in the editor with its layer selected",
      seen.functional && seen.summary.layers[seen.selected_layer].name === ls.branch.layer, `${seen.selected_layer}`);
    await t.shot(lp, "graph-12-lesson-see-shared.png");
    await lcmd("lang zh", 8);
    await lp.waitForFunction(() => window.convlabHook.state.language.shown === "zh", null, { timeout: 60000 });
    await t.frames(lp, 4);
    t.check("graph: lesson in Chinese: no missing glyph", (await lcmd("glyph_fallbacks")) === "0");
    await t.shot(lp, "graph-13-lesson-zh.png");
    t.check("graph: lesson: no console errors", lerrors.length === 0, lerrors.join(" | "));
    await lc.close();
  }

  // 10. Chinese, on a laptop and on a phone-sized screen (844×390): the graph,
  // its buttons and the Join menu, with no missing glyph and nothing cut.
  for (const [w, h, tag] of [[1280, 720, "laptop"], [844, 390, "phone"]]) {
    const { page: p, context: c } = await t.openPage("?lang=zh", { width: w, height: h });
    await p.waitForFunction(() => window.convlabHook.state.language.shown === "zh", null, { timeout: 60000 });
    const pcmd = (x, n = 4) => t.command(p, x, n);
    await pcmd("lesson_close");
    await pcmd("preset inception_small", 6);
    await pcmd("select_layer 9", 6);
    let s2 = await t.state(p);
    t.check(`graph: ${tag} in Chinese: the Concatenate's Cin sentence is Chinese`, /Cin = 8 \+ 16 \+ 8 = 32/.test(s2.arithmetic) &&
      /[\u4e00-\u9fff]/.test(s2.arithmetic), s2.arithmetic);
    await t.shot(p, `graph-zh-${tag}-1.png`);
    if (s2.items.graph_join) {
      await p.mouse.click(s2.items.graph_join[0] + 5, s2.items.graph_join[1] + 5);
      await t.frames(p, 3);
      s2 = await t.state(p);
      if (s2.items.join_0) {
        await p.mouse.move(s2.items.join_0[0] + 20, s2.items.join_0[1] + 5);
        await t.frames(p, 4);
      }
    }
    await pcmd("check_clipping", 4);
    s2 = await t.state(p);
    t.check(`graph: ${tag} in Chinese: no missing glyph`, (await pcmd("glyph_fallbacks")) === "0");
    await t.shot(p, `graph-zh-${tag}-2-join.png`);
    await c.close();
  }

  // 11. On a phone (844×390, touch): two fingers spreading over the graph zoom
  // it in, as Ctrl+wheel does (touch events through the DevTools protocol).
  const tc = await t.browser.newContext({ viewport: { width: 844, height: 390 }, hasTouch: true });
  const tp = await tc.newPage();
  await tp.goto(`${t.base}/index.html`);
  await tp.waitForFunction(() => window.convlabHook && window.convlabHook.ready && window.convlabHook.frame > 10);
  await t.command(tp, "lesson_close", 3);
  await t.command(tp, "preset resnet_small", 6);
  let ts = await t.state(tp);
  const z0 = ts.graph_zoom, node = ts.graph_nodes[0];
  const cx = node[1] + node[3] / 2, cy = node[2] + node[4] / 2;
  const tcdp = await tc.newCDPSession(tp);
  const fingers = (d) => [{ x: cx - d, y: cy, id: 1 }, { x: cx + d, y: cy, id: 2 }];
  await tcdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: fingers(20) });
  for (let d = 24; d <= 40; d += 4) {
    await tcdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: fingers(d) });
    await t.frames(tp, 1);
  }
  await tcdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await t.frames(tp, 4);
  ts = await t.state(tp);
  t.check("graph: phone: a two-finger pinch over the graph zooms it in (boxes grow)", ts.graph_zoom > z0 * 1.3 &&
    ts.graph_nodes.length > 0 && ts.graph_nodes[0][3] > node[3] * 1.3, `${z0} → ${ts.graph_zoom}`);
  await t.shot(tp, "graph-14-phone-pinched.png");
  await tc.close();
}
