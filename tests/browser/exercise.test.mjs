// exercise.test.mjs: a teacher's exercise links (issue 22). A teacher writes
// an exercise with the page's own buttons (real clicks and typing), a student
// opens its link in a fresh browser, answers wrongly (the slip is named), asks
// for the hint, then answers rightly; a worksheet of three keeps its progress
// across a reload; the same in Chinese; a broken link falls back with the
// core's reason; and the embed mode inside an iframe of 640×400.
export default async function (t) {
  const teacher = await t.openPage();
  const page = teacher.page;
  const state = (p = page) => t.state(p);
  const click = async (p, rect) => {
    await p.mouse.move(rect[0] + rect[2] / 2, rect[1] + rect[3] / 2);
    await t.frames(p, 2);
    await p.mouse.down();
    await t.frames(p, 2);
    await p.mouse.up();
    await t.frames(p, 3);
  };
  const clickItem = async (p, id) => {
    const st = await state(p);
    if (!st.items[id]) throw new Error(`no item ${id} on the page: ${Object.keys(st.items).join(", ")}`);
    await click(p, st.items[id]);
  };

  // 1. The teacher: Teach in the menu bar, Param #, a hint, Copy exercise link.
  let st = await state();
  const rows = st.summary.layers;
  t.check("exercise: the seed model starts with conv2d_2 selected", rows[st.selected_layer].name === "conv2d_2",
    rows[st.selected_layer].name);
  await clickItem(page, "menu_teach");
  st = await state();
  t.check("exercise: Teach opens 'Share as exercise'", st.teach.open === true);
  await clickItem(page, "teach_ask_params");
  await clickItem(page, "teach_hint");
  await page.keyboard.type("Each filter spans all 32 input channels.");
  await t.frames(page, 3);
  await clickItem(page, "teach_copy");
  st = await state();
  const link = st.teach.link;
  t.check("exercise: the link asks for conv2d_2's Param # (layer 1) and carries the hint",
    /#ex=x1\.[0-9a-f]{8}\.p1\.v[12]\.[A-Za-z0-9_-]+\.Each_?/.test(link.replace(/%20/g, "_")) && link.includes("lang=en"), link);
  t.check("exercise: the link is to this page", link.startsWith(t.base + "/"), link);
  await t.shot(page, "exercise-01-teacher.png");

  // 2. A student opens it in a fresh browser: the question, not the chapters.
  const hash = link.slice(link.indexOf("#"));
  const student = await t.openPage(hash);
  const sp = student.page;
  st = await state(sp);
  t.check("exercise: the link opens on the question", st.sheet.active && st.sheet.count === 1 &&
    st.sheet.ask === "params" && st.sheet.layer === "conv2d_2" && st.sheet.code_lines >= 3, JSON.stringify(st.sheet));
  t.check("exercise: the hint waits until asked for", st.sheet.hint_shown === false && Array.isArray(st.items.sheet_hint));
  t.check("exercise: only the asked field is shown", Array.isArray(st.items.sheet_count) && !st.items.sheet_shape);
  await t.shot(sp, "exercise-02-student.png");
  // Wrong: (3·3 + 1)·63, the seed question's own slip.
  await clickItem(sp, "sheet_count");
  await sp.keyboard.type("630");
  await clickItem(sp, "sheet_check");
  st = await state(sp);
  t.check("exercise: 630 is wrong and the slip is named (the input channels)", st.sheet.count_state === "wrong" &&
    st.sheet.count_mistake === "ForgotInChannels" && st.sheet.results === "w", JSON.stringify(st.sheet));
  await clickItem(sp, "sheet_hint");
  st = await state(sp);
  t.check("exercise: the hint shows when asked for", st.sheet.hint_shown === true);
  // ImGui 1.86 reads keys once a frame: each key is held over a frame.
  const hold = async (p, key) => { await p.keyboard.down(key); await t.frames(p, 1); await p.keyboard.up(key); await t.frames(p, 1); };
  await clickItem(sp, "sheet_count");
  await hold(sp, "End");
  for (let i = 0; i < 4; i++) await hold(sp, "Backspace");
  await sp.keyboard.type("18207");
  await t.frames(sp, 2);
  await hold(sp, "Enter");
  await t.frames(sp, 3);
  st = await state(sp);
  t.check("exercise: 18207 is right, after a wrong answer", st.sheet.count_state === "right" && st.sheet.results === "l",
    JSON.stringify(st.sheet));
  t.check("exercise: once answered, the model can be seen in the editor", Array.isArray(st.items.sheet_see));
  await t.shot(sp, "exercise-03-answered.png");
  await clickItem(sp, "sheet_see");
  st = await state(sp);
  t.check("exercise: 'See it' puts the model in the editor with conv2d_2 selected",
    st.summary.layers[st.selected_layer].name === "conv2d_2" && st.can_undo === true, `${st.selected_layer} ${st.can_undo}`);
  t.check("exercise: no console errors for the student", student.errors.length === 0, student.errors.join(" | "));
  await student.context.close();

  // 3. A worksheet of three: conv2d_2's Param # (added first), conv2d_1's
  // output shape, and the Flatten's shape and count.
  await clickItem(page, "teach_add");
  await t.command(page, "select_layer 0");
  await clickItem(page, "teach_ask_shape");
  await clickItem(page, "teach_add");
  const flatten = rows.findIndex((r) => r.class_name === "Flatten" || r.name.startsWith("flatten"));
  await t.command(page, `select_layer ${flatten}`);
  await clickItem(page, "teach_ask_both");
  await clickItem(page, "teach_add");
  st = await state();
  t.check("exercise: three questions in the worksheet", st.teach.draft === 3, JSON.stringify(st.teach));
  await clickItem(page, "teach_copy_sheet");
  st = await state();
  const sheetLink = st.teach.link;
  const items = sheetLink.slice(sheetLink.indexOf("ex=") + 3).split("&")[0].slice(12).split("~");
  t.check("exercise: the worksheet link holds three questions, the model once", items.length === 3 &&
    /^s0\.0\./.test(items[1]) && /^b\d+\.0\.$/.test(items[2]), items.map((s) => s.slice(0, 12)).join(" "));
  await t.shot(page, "exercise-04-worksheet-authoring.png");
  t.check("exercise: no console errors for the teacher", teacher.errors.length === 0, teacher.errors.join(" | "));

  const ws = await t.openPage(sheetLink.slice(sheetLink.indexOf("#")));
  const wp = ws.page;
  const sheet = async () => (await state(wp)).sheet;
  let s = await sheet();
  t.check("exercise: the worksheet opens on question 1 of 3", s.active && s.count === 3 && s.current === 0, JSON.stringify(s));
  const shapeText = (row) => "(" + row.output_shape.slice(1).join(", ") + ")";
  const rightShape = shapeText(rows[0]);  // conv2d_1's shape, as a learner writes it
  await t.command(wp, "lesson_sheet_count 18207");
  await t.command(wp, "lesson_sheet_check");
  await clickItem(wp, "sheet_next");
  s = await sheet();
  t.check("exercise: Next goes to question 2, asking for a shape", s.current === 1 && s.ask === "shape", JSON.stringify(s));
  await t.command(wp, "lesson_sheet_shape " + rightShape);
  await t.command(wp, "lesson_sheet_check");
  s = await sheet();
  t.check("exercise: the right shape is right the first time", s.results === "rr-", JSON.stringify(s) + " " + rightShape);
  await wp.reload();
  await wp.waitForFunction(() => window.convlabHook && window.convlabHook.ready && window.convlabHook.frame > 10);
  s = await sheet();
  t.check("exercise: a reload resumes the worksheet where it was, with its results", s.active && s.current === 1 &&
    s.results === "rr-", JSON.stringify(s));
  await clickItem(wp, "sheet_q3");
  await t.command(wp, "lesson_sheet_shape " + shapeText(rows[flatten]));
  await t.command(wp, "lesson_sheet_count 0");
  await t.command(wp, "lesson_sheet_check");
  s = await sheet();
  t.check("exercise: all three answered, right the first time", s.results === "rrr", JSON.stringify(s));
  await t.shot(wp, "exercise-05-worksheet-done.png");
  await clickItem(wp, "sheet_leave");
  st = await state(wp);
  t.check("exercise: 'Leave the exercises' returns to the lesson's chapters", !st.sheet.active && st.lesson.open === true,
    JSON.stringify(st.lesson).slice(0, 80));
  await ws.context.close();

  // 4. The same worksheet in Chinese: every glyph drawn, nothing cut.
  const zh = await t.openPage(sheetLink.slice(sheetLink.indexOf("#")).replace("lang=en", "lang=zh"));
  await zh.page.waitForFunction(() => window.convlabHook.state.language.shown === "zh", null, { timeout: 60000 });
  await t.command(zh.page, "lesson_sheet_count 630");
  await t.command(zh.page, "lesson_sheet_check");
  await t.command(zh.page, "check_clipping", 4);
  st = await state(zh.page);
  const boxes = await t.command(zh.page, "glyph_fallbacks");
  t.check("exercise: in Chinese, every glyph has a font", boxes === "0", boxes);
  t.check("exercise: in Chinese, no text is cut", st.clipping && st.clipping.cut === 0, JSON.stringify(st.clipping));
  await t.shot(zh.page, "exercise-06-zh.png");
  await zh.context.close();

  // 5. A broken link: the notice says what is wrong, and the lesson opens instead.
  // One character of the link changed: refused as damaged, not read as another question.
  const exText = sheetLink.slice(sheetLink.indexOf("ex=") + 3).split("&")[0];
  const at = 40, flipped = exText.slice(0, at) + (exText[at] === "A" ? "B" : "A") + exText.slice(at + 1);
  const broken = await t.openPage(`#ex=${flipped}`);
  st = await state(broken.page);
  t.check("exercise: a broken link is a notice, not a crash", st.notices === 1 && !st.sheet.active &&
    broken.errors.length === 0, `${st.notices} ${JSON.stringify(st.sheet)} ${broken.errors.join(" | ")}`);
  await t.shot(broken.page, "exercise-07-broken.png");
  await broken.context.close();

  // 6. Embed mode in an iframe of 640×400, as a slide or course page holds it.
  const host = await t.browser.newContext({ viewport: { width: 720, height: 480 } });
  const hp = await host.newPage();
  const embedUrl = `${t.base}/index.html${hash}&embed=1`;
  await hp.setContent(`<body style="margin:20px;background:#ddd"><iframe id="f" src="${embedUrl}" width="640" height="400" style="border:1px solid #888"></iframe></body>`);
  const frameHandle = await hp.waitForSelector("#f");
  const frame = await frameHandle.contentFrame();
  await frame.waitForFunction(() => window.convlabHook && window.convlabHook.ready && window.convlabHook.frame > 10,
    null, { timeout: 60000 });
  const fstate = () => frame.evaluate(() => window.convlabHook.state);
  await frame.evaluate(() => window.convlabHook.command("check_clipping"));
  await frame.waitForFunction(() => window.convlabHook.state.clipping !== undefined, null, { timeout: 30000 });
  st = await fstate();
  t.check("exercise: embedded, the question fills the frame; no menu bar, no editor", st.embed === true &&
    st.sheet.active && !st.items.menu_teach && Array.isArray(st.items.open_in_convlab) && !st.items.sheet_leave,
    Object.keys(st.items).join(","));
  t.check("exercise: embedded at 640×400, no text is cut", st.clipping.cut === 0, JSON.stringify(st.clipping));
  const embedBoxes = await frame.evaluate(() => window.convlabHook.command("glyph_fallbacks"));
  t.check("exercise: embedded, every glyph has a font", embedBoxes === "0", embedBoxes);
  // Answered, the frame shares its width with the summary it was asking about.
  await frame.evaluate(() => window.convlabHook.command("lesson_sheet_count 18207"));
  await frame.evaluate(() => window.convlabHook.command("lesson_sheet_check"));
  await frame.waitForFunction(() => window.convlabHook.state.sheet.results === "r", null, { timeout: 30000 });
  await hp.waitForTimeout(300);
  await hp.screenshot({ path: `${t.shotDir}/exercise-09-embed-answered.png` });
  // "See its summary and working" (a real click inside the frame): the summary fills the frame, with the way back.
  const frameBox = await frameHandle.boundingBox();
  const clickInFrame = async (id) => {
    const s2 = await fstate();
    const r = s2.items[id];
    if (!r) throw new Error(`no item ${id} in the frame: ${Object.keys(s2.items).join(", ")}`);
    await hp.mouse.move(frameBox.x + r[0] + r[2] / 2, frameBox.y + r[1] + r[3] / 2);
    await hp.waitForTimeout(150);
    await hp.mouse.down();
    await hp.waitForTimeout(150);
    await hp.mouse.up();
    await hp.waitForTimeout(300);
  };
  await clickInFrame("sheet_see");
  st = await fstate();
  t.check("exercise: embedded, 'See its summary' fills the frame with the summary, and offers the way back",
    st.tab === "summary" && Array.isArray(st.items.embed_back) && !st.items.sheet_check &&
    st.summary.layers[st.selected_layer].name === "conv2d_2", `${st.tab} ${Object.keys(st.items).join(",")}`);
  await hp.screenshot({ path: `${t.shotDir}/exercise-09b-embed-summary.png` });
  await clickInFrame("embed_back");
  st = await fstate();
  t.check("exercise: embedded, '← The question' goes back to it", Array.isArray(st.items.sheet_check), Object.keys(st.items).join(","));

  // The workspace alone, on the tab the link names; "Open in ConvLab" (a real
  // click inside the iframe) opens the whole page, without embed=1.
  await hp.setContent(`<body style="margin:20px;background:#ddd"><iframe id="g" src="${t.base}/index.html#embed=1&tab=convolution&lang=en" width="640" height="400" style="border:0"></iframe></body>`);
  const frame2 = await (await hp.waitForSelector("#g")).contentFrame();
  await frame2.waitForFunction(() => window.convlabHook && window.convlabHook.ready && window.convlabHook.frame > 10,
    null, { timeout: 60000 });
  st = await frame2.evaluate(() => window.convlabHook.state);
  t.check("exercise: embedded with tab=convolution, the Convolution tab alone, no lesson", st.tab === "convolution" &&
    st.lesson.open === false && !st.items.menu_teach && Array.isArray(st.items.open_in_convlab),
    `${st.tab} ${st.lesson.open} ${Object.keys(st.items).join(",")}`);
  await hp.screenshot({ path: `${t.shotDir}/exercise-10-embed-tab.png` });
  const r = st.items.open_in_convlab;
  const popup = host.waitForEvent("page", { timeout: 30000 });
  await hp.mouse.move(20 + r[0] + r[2] / 2, 20 + r[1] + r[3] / 2);
  await frame2.waitForTimeout(200);
  await hp.mouse.down();
  await frame2.waitForTimeout(200);
  await hp.mouse.up();
  const opened = await popup;
  await opened.waitForURL(/index\.html/, { timeout: 30000 });
  const openedUrl = opened.url();
  t.check("exercise: 'Open in ConvLab' opens the whole page in a new tab, without embed=1",
    openedUrl.startsWith(t.base + "/index.html#m=") && !openedUrl.includes("embed"), openedUrl);
  await hp.screenshot({ path: `${t.shotDir}/exercise-08-embed-640x400.png` });
  await host.close();
  await teacher.context.close();
}
