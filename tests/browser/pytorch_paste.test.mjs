// pytorch_paste.test.mjs: PyTorch code in the page (issue 21, first slice).
// PyTorch's MNIST Net is pasted with a real paste event; it never says its
// input size, so the import asks for (N, C, H, W) in a field prefilled
// "1, 1, 28, 28", typed into with the keyboard (a wrong size is refused in
// words). The summary then shows torchinfo's table in the PyTorch view, with
// the Conv2d arithmetic in PyTorch's terms; the Keras view and back keep the
// model and the selection. A ResNet-style class with its own summary() call
// loads at once. The Linear(9000, 128) mistake names 9216 and keeps the model.
// Then the same in Chinese, and screenshots of both views in both languages.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name) => fs.readFileSync(path.join(here, "../data/torch", name), "utf8");

async function paste(page, text) {
  await page.evaluate((code) => {
    const dt = new DataTransfer();
    dt.setData("text/plain", code);
    document.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true }));
  }, text);
}

// The page's Chinese carries invisible line-break marks (U+3000, strings.cpp).
const plain = (s) => s.replace(/\u3000/g, "");

const click = async (t, page, rect) => {
  await page.mouse.move(rect[0] + rect[2] / 2, rect[1] + rect[3] / 2);
  await t.frames(page, 1);
  await page.mouse.click(rect[0] + rect[2] / 2, rect[1] + rect[3] / 2);
  await t.frames(page, 3);
};

// Types into the input-size field as a learner does: click, clear, type, press the button.
// ImGui 1.86 reads keys once a frame, so each key is held over a frame, and
// a key lost between frames on a loaded machine is retried (up to 3 times).
async function typeSize(t, page, text, accept) {
  const state = () => page.evaluate(() => JSON.parse(JSON.stringify(window.convlabHook.state)));
  const hold = async (key) => { await page.keyboard.down(key); await t.frames(page, 1); await page.keyboard.up(key); await t.frames(page, 1); };
  let st = await state();
  for (let attempt = 0; attempt < 3; attempt++) {
    const field = st.items.import_torch_size, go = st.items.import_with_torch_size;
    if (!field || !go) return st;
    await click(t, page, field);
    await hold("End");
    for (let i = 0; i < 16; i++) await hold("Backspace");
    await page.keyboard.type(text);
    await t.frames(page, 2);
    st = await state();
    if (st.import.torch_size !== text) continue;
    await click(t, page, go);
    st = await state();
    if (accept(st)) return st;
  }
  return st;
}

// The app's own check (clip_check.h): no glyph cut by a panel's edge.
async function noClipping(t, page, tag) {
  await page.evaluate(() => window.convlabHook.command("check_clipping"));
  await t.frames(page, 2);
  const c = (await t.state(page)).clipping;
  t.check(`${tag}: no text cut, no window wider inside than out`, c && c.cut === 0 && c.wide.length === 0,
    c ? `${c.cut} glyphs cut: ${JSON.stringify(c.samples.slice(0, 3))}; wide: ${JSON.stringify(c.wide)}` : "no report");
}

export default async function (t) {
  for (const lang of ["en", "zh"]) {
    const { page, context, errors } = await t.openPage(lang === "zh" ? "#lang=zh" : "");
    const cmd = (c) => page.evaluate((x) => window.convlabHook.command(x), c);
    const state = () => page.evaluate(() => JSON.parse(JSON.stringify(window.convlabHook.state)));
    const L = `pytorch ${lang}:`;
    const before = await state();

    // 1. PyTorch's MNIST Net, pasted: the import asks for (N, C, H, W).
    await paste(page, fixture("mnist_net.py"));
    await t.frames(page, 4);
    let st = await state();
    t.check(`${L} pasting the MNIST Net asks for its input size, prefilled 1, 1, 28, 28`,
      st.import.open && st.import.missing_input_shape && st.import.pytorch && st.import.torch_size === "1, 1, 28, 28" &&
      Array.isArray(st.items.import_torch_size), JSON.stringify(st.import));
    t.check(`${L} the learner's model stays while the import asks`, st.summary.total_params === before.summary.total_params);

    // A size with three numbers is refused, saying how many it needs and has.
    st = await typeSize(t, page, "1, 28, 28", (s) => s.import.torch_size_error !== "");
    t.check(`${L} a size of three numbers is refused, saying four are needed and three were given`,
      st.import.open && (lang === "en" ? /four whole numbers.*this has 3/.test(st.import.torch_size_error)
                                        : /四个整数.*3 个/.test(plain(st.import.torch_size_error))) &&
      st.summary.total_params === before.summary.total_params, JSON.stringify(st.import));
    await t.shot(page, `pytorch-${lang}-01-size-refused.png`);
    let r = await cmd("import_input_size 1, 0, 28, 28");
    await t.frames(page, 2);
    st = await state();
    t.check(`${L} a channel count of 0 is refused, naming C`,
      r.startsWith("error: C (the channels) must be at least 1, not 0") &&
      (lang === "en" ? /^C \(the channels\)/.test(st.import.torch_size_error) : /^C（通道数）至少为 1/.test(plain(st.import.torch_size_error))),
      r + " | " + st.import.torch_size_error);
    r = await cmd("import_input_size 1, 1, x, 28");
    t.check(`${L} a size that is not a number is refused, quoting it`, r.includes("'x' is not a whole number"), r);

    // The right size, typed: the model loads and the summary is torchinfo's.
    st = await typeSize(t, page, "1, 1, 28, 28", (s) => !s.import.open);
    t.check(`${L} with 1, 1, 28, 28 the Net loads (1,199,882 parameters) and the summary opens in the PyTorch view`,
      !st.import.open && st.model_ok && st.summary.total_params === 1199882 && st.view === "pytorch" && st.torch_view_available,
      JSON.stringify({ imp: st.import, view: st.view, total: st.summary && st.summary.total_params }));
    const ts = st.torch_summary || { rows: [], titles: [], totals: [] };
    const conv2 = ts.rows.findIndex((row) => row.name === "conv2");
    t.check(`${L} torchinfo's columns, a row for conv2 as Conv2d: 1-2 with (N, C, H, W) output and 18,496 parameters`,
      ts.titles.join("|") === "Layer (type (var_name):depth-idx)|Output Shape|Param #" && conv2 === 2 &&
      ts.rows[conv2].cells.join("|") === "├─Conv2d (conv2): 1-2|[1, 64, 24, 24]|18,496" &&
      ts.rows[0].cells.join("|") === "Net|[1, 10]|--", JSON.stringify(ts.rows.slice(0, 3)));
    t.check(`${L} torchinfo's totals: 1,199,882 parameters, 12.05 M mult-adds`,
      ts.totals[0] === "Total params: 1,199,882" && ts.totals.includes("Total mult-adds (M): 12.05"), JSON.stringify(ts.totals));
    const url = await page.evaluate(() => location.hash);
    t.check(`${L} the link remembers the PyTorch view`, url.includes("view=pytorch"), url);

    // Selecting conv2 shows PyTorch's formula, from the core.
    t.check(`${L} selecting conv2's row`, (await cmd(`select_torch_row ${conv2}`)) === "ok");
    await t.frames(page, 3);
    st = await state();
    t.check(`${L} conv2's parameters in PyTorch's terms: (in_channels / groups) · Kh · Kw · out_channels + out_channels`,
      st.torch_summary.selected_row === conv2 &&
      st.torch_summary.explanation.includes("(in_channels / groups) · Kh · Kw · out_channels + out_channels = (32 / 1) · 3 · 3 · 64 + 64 = 18,496"),
      st.torch_summary.explanation);
    const selected = st.selected_layer;
    await noClipping(t, page, `${L} the PyTorch view`);
    await t.shot(page, `pytorch-${lang}-02-torch-view.png`);

    // The Keras view, by a click on its toggle, and back: model and selection kept.
    await click(t, page, st.items.view_keras);
    st = await state();
    t.check(`${L} the Keras view shows the same model, conv2's layer still selected`,
      st.view === "keras" && st.summary.total_params === 1199882 && st.selected_layer === selected &&
      st.summary.layers[selected].output_shape.join() === ",24,24,64", JSON.stringify({ view: st.view, sel: st.selected_layer }));
    await noClipping(t, page, `${L} the Keras view`);
    await t.shot(page, `pytorch-${lang}-03-keras-view.png`);
    await click(t, page, st.items.view_pytorch);
    st = await state();
    t.check(`${L} and back to the PyTorch view, conv2 still selected`,
      st.view === "pytorch" && st.torch_summary && st.torch_summary.selected_row === conv2 && st.summary.total_params === 1199882,
      JSON.stringify({ view: st.view, row: st.torch_summary && st.torch_summary.selected_row }));

    // 2. A ResNet-style class that calls summary(model, input_size=(2, 3, 32, 32)) itself: loads at once.
    await paste(page, fixture("resnet_block.py"));
    await t.frames(page, 4);
    st = await state();
    // Every depth is shown (torchinfo's depth=3 would stop at the shortcut's Sequential).
    const deep = st.torch_summary ? st.torch_summary.rows.find((row) => row.name === "layer2.0.shortcut.0") : null;
    t.check(`${L} the ResNet-style class loads at its own size (43,226 parameters), its nested modules by attribute path`,
      !st.import.open && st.summary.total_params === 43226 && st.view === "pytorch" && deep &&
      deep.cells[0].endsWith("└─Conv2d (layer2.0.shortcut.0): 4-1") && deep.cells[1] === "[2, 32, 16, 16]" && deep.cells[2] === "512",
      JSON.stringify({ imp: st.import, deep }));
    await noClipping(t, page, `${L} the ResNet in the PyTorch view`);
    await t.shot(page, `pytorch-${lang}-04-resnet.png`);

    // 3. The Linear(9000, 128) mistake: PyTorch's error, naming 9216, and the ResNet stays.
    await paste(page, fixture("mnist_net_9000.py"));
    await t.frames(page, 4);
    r = await cmd("import_input_size 1, 1, 28, 28");
    await t.frames(page, 3);
    st = await state();
    t.check(`${L} Linear(9000, 128) is refused at line 15, column 20, naming 9216`,
      r.startsWith("error") && st.import.open && st.import.line === 15 && st.import.column === 20 &&
      /9216/.test(st.import.error) && /9000/.test(st.import.error), JSON.stringify(st.import));
    t.check(`${L} and the ResNet stays`, st.summary.total_params === 43226 && st.view === "pytorch");
    await t.shot(page, `pytorch-${lang}-05-9000.png`);
    await cmd("import_close");

    // Keras code's model has no torchinfo rows: the PyTorch view says where they come from.
    await cmd("preset seed");
    await t.frames(page, 3);
    st = await state();
    t.check(`${L} a Keras model in the PyTorch view: no table, a sentence saying it needs PyTorch code`,
      st.view === "pytorch" && !st.torch_view_available && !st.torch_summary);
    await noClipping(t, page, `${L} the PyTorch view of a Keras model`);
    await t.shot(page, `pytorch-${lang}-06-keras-model.png`);
    t.check(`${L} no console errors`, errors.length === 0, errors.join(" | "));
    await context.close();
  }
  // A phone held sideways: the panels stack and the tree's table scrolls sideways, cutting nothing.
  {
    const { page, context } = await t.openPage("#lang=zh", { width: 844, height: 390 });
    await page.waitForFunction(() => window.convlabHook.state.language.cjk_font === "loaded", null, { timeout: 60000 }).catch(() => {});
    await page.evaluate(() => window.convlabHook.command("lesson_close"));
    await paste(page, fixture("resnet_block.py"));
    await t.frames(page, 6);
    const st = await t.state(page);
    t.check("pytorch 844×390 zh: the ResNet loads in the PyTorch view", st.view === "pytorch" && st.summary.total_params === 43226);
    await noClipping(t, page, "pytorch 844×390 zh: the PyTorch view");
    await t.shot(page, "pytorch-zh-07-844x390.png");
    await context.close();
  }
}
