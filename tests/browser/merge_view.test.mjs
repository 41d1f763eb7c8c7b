// merge_view.test.mjs: the Convolution tab pictures a graph's merges. A Conv2D
// reading a Concatenate tints its input slabs by the branch they came from and
// names both (densenet_small: 16 + 12 = 28); the Concatenate itself stacks its
// inputs' slabs into the output, one output channel a step, with no weights;
// an Add (resnet_small) walks the cells of one channel and says the sum of the
// network's two values there. Each at 1280×720 and 844×390, in English and
// Chinese, with no cut text and no missing glyph; screenshots to look at.
// Conv2DTranspose (pasted Keras code) is the convolution of its input spread
// by the stride (dotted zeros between values, a striped border) with the
// flipped kernel: the spread shape, the border and the counter are checked.
// UpSampling2D (nearest) is pooling's picture with a one-cell window: output
// (14, 13) copies input (7, 6).
const TRANSPOSE_CODE = `from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(8, 3, strides=2, padding="same", activation="relu"),
    layers.Conv2DTranspose(4, 3, strides=2, padding="same", activation="relu"),
    layers.MaxPooling2D(2),
    layers.UpSampling2D(2),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
`;
// Conv1D reads the digit as 28 steps of 28 features (a Reshape: the page
// takes image inputs) and is drawn as a row.
const CONV1D_CODE = `from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Reshape((28, 28)),
    layers.Conv1D(8, 5, strides=2, padding="same", activation="relu"),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
`;
const escapeLines = (s) => s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");

export default async function (t) {
  const configs = [
    [{ width: 1280, height: 720 }, "en"], [{ width: 1280, height: 720 }, "zh"],
    [{ width: 844, height: 390 }, "en"], [{ width: 844, height: 390 }, "zh"],
  ];
  for (const [viewport, lang] of configs) {
    const tag = `${viewport.width}×${viewport.height} ${lang}`;
    const file = `${viewport.width}-${lang}`;
    const { page, context, errors } = await t.openPage("#lang=" + lang, viewport);
    if (lang === "zh")
      await page.waitForFunction(() => window.convlabHook.state.language.cjk_font === "loaded", null, { timeout: 60000 }).catch(() => {});
    const cmd = (c, n = 4) => t.command(page, c, n);
    const state = () => t.state(page);
    // No text cut and no missing-glyph box in the view as it is now.
    const clean = async (what) => {
      await page.evaluate(() => window.convlabHook.command("check_clipping"));
      await t.frames(page, 2);
      const c = (await state()).clipping;
      const boxes = Number(await page.evaluate(() => window.convlabHook.command("glyph_fallbacks")));
      t.check(`merge view ${tag}: ${what}: no text cut, no missing glyph`, c && c.cut === 0 && c.wide.length === 0 && boxes === 0,
        c ? `${c.cut} cut ${JSON.stringify(c.samples.slice(0, 3))} wide ${JSON.stringify(c.wide)} boxes ${boxes}` : "no report");
    };

    await cmd("lesson_close");
    await cmd("preset densenet_small", 5);
    let st = await state();
    const rows = st.summary.layers;
    const catRow = rows.findIndex((x) => x.class_name === "Concatenate");
    const cat = rows[catRow];
    const after = rows.findIndex((x) => x.class_name === "Conv2D" && x.inbound[0] === cat.name);
    await cmd("tab convolution", 5);
    await page.waitForFunction(() => window.convlabHook.state.conv && window.convlabHook.state.conv.digits === 2, null, { timeout: 30000 });

    // 1a. The Conv2D after the Concatenate: its input slabs in two tints, both branches named.
    await cmd(`conv_layer ${after}`);
    await cmd("conv_mode 1");
    await cmd("conv_step 20", 5);
    let c = (await state()).conv;
    t.check(`merge view ${tag}: the Conv2D after ${cat.name} tints its 28 input slabs by branch: ${cat.inbound[0]} 16, ${cat.inbound[1]} 12`,
      c.subject === "conv" && Array.isArray(c.branches) && c.branches.length === 2 &&
      c.branches[0].name === cat.inbound[0] && c.branches[0].channels === 16 &&
      c.branches[1].name === cat.inbound[1] && c.branches[1].channels === 12 && c.input === "(None, 14, 14, 28)",
      JSON.stringify({ subject: c.subject, branches: c.branches, input: c.input }));
    await cmd("conv_step 28", 5);
    c = (await state()).conv;
    t.check(`merge view ${tag}: ... and one output value walks all 28 channels: the counter ends on 3·3·28 + 1 = 253`,
      c.weights_counted === 253 && c.weights_total === 253, `${c.weights_counted} / ${c.weights_total}`);
    await clean("conv after Concatenate");
    await t.shot(page, `merge-01-conv-after-concat-${file}.png`);

    // 1b. The Concatenate row itself: slabs stacked into the output, a channel a step.
    await cmd(`conv_layer ${catRow}`, 5);
    await cmd("conv_step 20", 5);
    c = (await state()).conv;
    const m = c.merge || {};
    t.check(`merge view ${tag}: ${cat.name} is pictured as a merge: 16 + 12 = 28 channels, 28 steps, Param # 0`,
      c.subject === "merge" && c.kind === "Concatenate" && m.sum === "16 + 12 = 28" && m.out_channels === 28 &&
      c.steps === 28 && c.params === 0 && m.inputs.length === 2 && m.inputs[0].name === cat.inbound[0] &&
      m.inputs[0].channels === 16 && m.inputs[1].channels === 12,
      JSON.stringify({ subject: c.subject, kind: c.kind, merge: m, steps: c.steps, params: c.params }));
    t.check(`merge view ${tag}: step 20 copies output channel 21 from ${cat.inbound[1]}'s channel 5 (it starts at 16)`,
      m.channel === 20 && m.input === 1 && m.in_channel === 4 && m.first_channel === 16 &&
      (lang !== "en" || c.description === `Output channel 21 of 28 is channel 5 of ${cat.inbound[1]}, copied unchanged.`),
      JSON.stringify({ merge: m, description: c.description }));
    await clean("Concatenate");
    await t.shot(page, `merge-02-concatenate-${file}.png`);

    // 2. Add (resnet_small's first block): two tensors of one shape, summed cell by cell.
    await cmd("preset resnet_small", 5);
    st = await state();
    const addRow = st.summary.layers.findIndex((x) => x.class_name === "Add");
    const add = st.summary.layers[addRow];
    await cmd(`conv_layer ${addRow}`, 5);
    // A cell where both inputs hold ink, found by stepping through a few in the digit's middle.
    let at = [14, 12, 3];
    for (const [i, j, ch] of [[14, 12, 3], [12, 14, 0], [10, 14, 1], [14, 10, 2], [16, 14, 5], [13, 13, 7], [14, 12, 3]]) {
      at = [i, j, ch];
      await cmd(`conv_focus ${i} ${j} ${ch}`, 3);
      const values = (await state()).conv.merge.values;
      if (values.every((x) => Math.abs(x) > 0.01)) break;
    }
    c = (await state()).conv;
    const a = c.merge || {};
    const v = a.values || [];
    const sumOk = v.length === 2 && Math.abs(v[0] + v[1] - a.value) <= 1e-5 * (1 + Math.abs(a.value));
    t.check(`merge view ${tag}: ${add.name} walks the 28·28 cells of a channel; at (${at[0]}, ${at[1]}, channel ${at[2] + 1}) the output is the inputs' sum`,
      c.subject === "merge" && c.kind === "Add" && c.steps === 784 && c.step === at[0] * 28 + at[1] && a.out_i === at[0] &&
      a.out_j === at[1] && a.channel === at[2] && sumOk && c.params === 0 && a.inputs[0].name === add.inbound[0] &&
      a.inputs[1].name === add.inbound[1],
      JSON.stringify({ subject: c.subject, kind: c.kind, steps: c.steps, step: c.step, merge: a }));
    const fmt = (x) => { const s = x.toFixed(3); return s === "-0.000" ? "0.000" : s; };
    const paren = (x) => (fmt(x).startsWith("-") ? `(${fmt(x)})` : fmt(x));
    const equation = v.length === 2 ? `${fmt(v[0])} + ${paren(v[1])} = ${fmt(a.value)}` : "";
    t.check(`merge view ${tag}: the step says the sum with the network's values: "${equation}"`,
      a.equation === equation && c.description.startsWith(equation) &&
      (lang !== "en" || c.description === `${equation} at (row ${at[0]}, col ${at[1]}, channel ${at[2] + 1}).`),
      JSON.stringify({ equation: a.equation, description: c.description }));
    t.check(`merge view ${tag}: both values in play are ink (not an all-zero corner)`, v.every((x) => Math.abs(x) > 0.01),
      JSON.stringify(v));
    await clean("Add");
    await t.shot(page, `merge-03-add-${file}.png`);

    // Inception's Concatenate joins three branches: 8 + 16 + 8 = 32.
    if (viewport.width === 1280 && lang === "en") {
      await cmd("preset inception_small", 5);
      st = await state();
      const row = st.summary.layers.findIndex((x) => x.class_name === "Concatenate");
      await cmd(`conv_layer ${row}`, 5);
      await cmd("conv_step 30", 5);
      c = (await state()).conv;
      t.check("merge view: inception_small's Concatenate stacks three branches, 8 + 16 + 8 = 32; channel 31 is the third's 7th",
        c.subject === "merge" && c.merge.sum === "8 + 16 + 8 = 32" && c.merge.inputs.length === 3 && c.merge.input === 2 &&
        c.merge.in_channel === 6, JSON.stringify(c.merge));
      await t.shot(page, "merge-04-inception-concatenate.png");
    }
    // 3. Conv2DTranspose: (14, 14, 8) spread by stride 2 to (27, 27, 8), a border of 2 above
    // and left and 1 below and right ('same': the output starts 0 rows into the full result).
    const r = await cmd("import_text " + escapeLines(TRANSPOSE_CODE), 5);
    st = await state();
    const tRow = st.summary.layers.findIndex((x) => x.class_name === "Conv2DTranspose");
    await cmd(`conv_layer ${tRow}`, 5);
    await cmd("conv_mode 3");
    await cmd("conv_last", 5);
    c = (await state()).conv;
    t.check(`merge view ${tag}: Conv2DTranspose is the convolution of its input spread to (27, 27, 8) with a 2, 1 border; every filter meets 3·3·8 + 1 = 73 weights and the counter ends on Param # 292`,
      r === "ok" && c.subject === "conv" && c.kind === "Conv2DTranspose" && c.stage_input === "(None, 27, 27, 8)" &&
      c.output === "(None, 28, 28, 4)" && c.pad_top === 2 && c.pad_left === 2 && c.pad_bottom === 1 && c.pad_right === 1 &&
      c.transpose && c.transpose.input === "(None, 14, 14, 8)" && JSON.stringify(c.transpose.zeros_between) === "[1,1]" &&
      c.per_filter === 73 && c.weights_counted === 292 && c.weights_total === 292 && c.params === 292,
      `${r} ${JSON.stringify(c).slice(0, 900)}`);
    await cmd("conv_mode 2");
    await cmd("conv_focus 9 9 1", 3);
    await cmd(`conv_step ${9 * 28 + 9}`, 5);
    c = (await state()).conv;
    t.check(`merge view ${tag}: sliding, output (9, 9) reads a 3×3 window of the spread input, no padding there`,
      c.out_i === 9 && c.out_j === 9 && c.taps === 9 && c.padding_taps === 0, JSON.stringify({ i: c.out_i, j: c.out_j, taps: c.taps, pad: c.padding_taps }));
    await cmd("conv_zoom 4", 4);
    await clean("Conv2DTranspose");
    await t.shot(page, `merge-05-conv2d-transpose-${file}.png`);
    await cmd("conv_step 0", 5);
    c = (await state()).conv;
    t.check(`merge view ${tag}: output (0, 0)'s window lies partly on the border: padding taps`, c.padding_taps > 0, String(c.padding_taps));

    // 4. UpSampling2D(2), nearest: each output cell copies one input cell.
    const uRow = st.summary.layers.findIndex((x) => x.class_name === "UpSampling2D");
    await cmd(`conv_layer ${uRow}`, 5);
    await cmd(`conv_step ${14 * 28 + 13}`, 5);
    c = (await state()).conv;
    t.check(`merge view ${tag}: UpSampling2D walks its 28·28 output cells; (14, 13) copies input (7, 6), Param # 0`,
      c.subject === "pool" && c.kind === "UpSampling2D" && c.steps === 784 && c.out_i === 14 && c.out_j === 13 &&
      JSON.stringify(c.copies) === "[7,6]" && c.params === 0 && c.input === "(None, 14, 14, 4)" &&
      (lang !== "en" || /^Output \(14, 13\) of channel \d+ copies input \(7, 6\): -?\d\.\d{3}\.$/.test(c.description)),
      JSON.stringify({ subject: c.subject, kind: c.kind, steps: c.steps, i: c.out_i, j: c.out_j, copies: c.copies, d: c.description }));
    await clean("UpSampling2D");
    await t.shot(page, `merge-06-upsampling-${file}.png`);

    // 5. Conv1D, the 2D case with height 1: one row of 28 steps, 28 channels, 8 filters of 1×5×28 + 1.
    const r1 = await cmd("import_text " + escapeLines(CONV1D_CODE), 5);
    st = await state();
    const cRow = st.summary.layers.findIndex((x) => x.class_name === "Conv1D");
    await cmd(`conv_layer ${cRow}`, 5);
    await cmd("conv_mode 3");
    await cmd("conv_last", 5);
    c = (await state()).conv;
    t.check(`merge view ${tag}: Conv1D is drawn as one row of 28 steps; 5·28 + 1 = 141 weights a filter, the counter ends on Param # 1,128`,
      r1 === "ok" && c.subject === "conv" && c.kind === "Conv1D" && c.rows === 1 && c.cols === 28 && c.input === "(None, 28, 28)" &&
      c.output === "(None, 14, 8)" && c.per_filter === 141 && c.weights_total === 1128 && c.params === 1128,
      `${r1} ${JSON.stringify(c).slice(0, 700)}`);
    await cmd("conv_mode 1");
    await cmd("conv_focus 0 6 0", 3);
    await cmd("conv_step 14", 5);
    c = (await state()).conv;
    t.check(`merge view ${tag}: one Conv1D output value walks the 28 channels, a 1×5 window each, and sees the digit's ink`,
      c.steps === 29 && c.taps === 5 && c.out_i === 0 && c.out_j === 6 && Math.abs(c.partial_sum) > 1e-4,
      JSON.stringify({ steps: c.steps, taps: c.taps, i: c.out_i, j: c.out_j, sum: c.partial_sum }));
    await clean("Conv1D");
    await t.shot(page, `merge-07-conv1d-${file}.png`);

    t.check(`merge view ${tag}: no console errors`, errors.length === 0, errors.join(" | "));
    await context.close();
  }
}
