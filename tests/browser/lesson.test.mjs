// lesson.test.mjs: the guided lesson as a newcomer walks it. A first visit opens
// chapter 1; a guess of 630 gets the forgotten-input-channels explanation with
// its working, 18207 succeeds; chapters 2-3 set the convolution view (the toy is
// revealed only after the prediction); chapter 4 names a known slip (the count
// without the bias) and reaches five in a row from the exercises' own answers;
// chapter 5's numbers come from the core; chapter 6 starts training; a link
// opens chapter 4, a bad chapter gives the notice; progress survives a reload.
export default async function (t) {
  const { page, context, errors } = await t.openPage();
  const cmd = (c) => t.command(page, c);
  const state = () => t.state(page);
  const answer = async (text) => {
    const a = await cmd("lesson_answer " + text);
    const c = await cmd("lesson_check");
    return a === "ok" && c === "ok";
  };

  // 1. The question: a first visit opens chapter 1 beside the seed's summary.
  let st = await state();
  t.check("lesson: a first visit opens the lesson at chapter 1", st.lesson.open && st.lesson.chapter === 1,
    JSON.stringify({ open: st.lesson.open, chapter: st.lesson.chapter }));
  t.check("lesson: chapter 1 shows the seed's summary with conv2d_2 selected",
    st.tab === "summary" && st.selected_layer === 1 && st.summary.layers[1].params === 18207);
  await t.shot(page, "lesson-01-ch1-question.png");

  t.check("lesson: a guess that is not a number is refused", await answer("about six hundred"));
  st = await state();
  t.check("lesson: ... with a message quoting it", st.lesson.guess.state === "unreadable" &&
    st.lesson.guess.text.includes("about six hundred"), JSON.stringify(st.lesson.guess));

  // Before a guess, the Convolution tab does not give the count away either.
  await cmd("tab convolution");
  await t.frames(page, 5);
  st = await state();
  t.check("lesson: before a guess the Convolution tab hides conv2d_2's count too",
    st.tab === "convolution" && st.conv.layer === "conv2d_2" && st.conv_count_hidden === true,
    JSON.stringify({ tab: st.tab, layer: st.conv.layer, hidden: st.conv_count_hidden }));
  await t.shot(page, "lesson-01b-ch1-conv-hidden.png");
  await cmd("tab summary");

  await answer("630");
  st = await state();
  t.check("lesson: 630 is the forgotten input channels", st.lesson.guess.state === "wrong" &&
    st.lesson.guess.mistake === "ForgotInChannels", JSON.stringify(st.lesson.guess));
  t.check("lesson: ... and the sentence shown says so", /input channels/.test(st.lesson.guess.text), st.lesson.guess.text);
  t.check("lesson: a first wrong try leaves the right working to a second try or a click",
    st.lesson.guess.right_shown === false, JSON.stringify(st.lesson.guess));
  await t.shot(page, "lesson-02-ch1-630.png");
  await answer("640");
  st = await state();
  t.check("lesson: after a second wrong try the right working is shown", st.lesson.guess.right_shown === true,
    JSON.stringify(st.lesson.guess));

  await answer("18,207");
  st = await state();
  t.check("lesson: 18,207 succeeds", st.lesson.guess.state === "right", JSON.stringify(st.lesson.guess));
  t.check("lesson: ... and then the Convolution tab shows the count", st.conv_count_hidden === false);
  await t.shot(page, "lesson-03-ch1-right.png");

  // 2. One filter, all channels: the walk on conv2d_2.
  await cmd("lesson_chapter 2");
  await t.frames(page, 5);
  st = await state();
  t.check("lesson: chapter 2 shows conv2d_2 in one-output-value mode",
    st.tab === "convolution" && st.conv.layer === "conv2d_2" && st.conv.mode === 1 && st.conv.source === "model",
    JSON.stringify({ tab: st.tab, layer: st.conv.layer, mode: st.conv.mode, source: st.conv.source }));
  await t.shot(page, "lesson-04-ch2-walk.png");

  // 3. Count it: the toy is hidden until predicted.
  await cmd("lesson_chapter 3");
  st = await state();
  t.check("lesson: chapter 3 keeps the toy hidden before the prediction", st.conv.source === "model");
  await t.shot(page, "lesson-05-ch3-predict.png");
  // Picking the toy by hand (a real click) before predicting does not give its count away.
  const toyBox = st.items && st.items.conv_toy;
  t.check("lesson: the test hook reports where the toy button is", Array.isArray(toyBox), JSON.stringify(st.items));
  if (toyBox) {
    await page.mouse.click(toyBox[0] + toyBox[2] / 2, toyBox[1] + toyBox[3] / 2);
    await t.frames(page, 5);
    st = await state();
    t.check("lesson: the toy picked by hand before the prediction keeps its count hidden",
      st.conv.source === "toy" && st.conv_count_hidden === true,
      JSON.stringify({ source: st.conv.source, hidden: st.conv_count_hidden }));
    await t.shot(page, "lesson-05b-ch3-toy-hidden.png");
  }
  await answer("300");
  st = await state();
  t.check("lesson: 300 for the toy (4 filters of 5×5 on 3 channels) is the forgotten bias",
    st.lesson.toy.state === "wrong" && st.lesson.toy.mistake === "ForgotBias", JSON.stringify(st.lesson.toy));
  await answer("304");
  await t.frames(page, 5);
  st = await state();
  t.check("lesson: 304 is right and the view reveals the toy",
    st.lesson.toy.state === "right" && st.conv.source === "toy" && st.conv.params === 304,
    JSON.stringify({ toy: st.lesson.toy, source: st.conv.source, params: st.conv.params }));
  await t.shot(page, "lesson-06-ch3-revealed.png");

  // 4. Output size, taught before the exercises that need it: one question at
  // a time, each slip named ('forgot the ceil' among them).
  await cmd("lesson_chapter padding");
  st = await state();
  let hash = await page.evaluate(() => window.location.hash);
  t.check("lesson: the output-size chapter is the fourth, and the URL names it (#...&ch=padding)",
    st.lesson.chapter === 4 && st.lesson.chapter_id === "padding" && /[#&]ch=padding(&|$)/.test(hash), hash);
  t.check("lesson: it asks six questions, one at a time", st.lesson.size && st.lesson.size.step === 1 && st.lesson.size.of === 6,
    JSON.stringify(st.lesson.size));
  await t.shot(page, "lesson-06b-size-rules.png");
  const sizeAnswer = async (shape, count) => {
    await cmd("lesson_shape " + shape);
    if (count !== undefined) await cmd("lesson_answer " + count);
    await cmd("lesson_check");
    return (await state()).lesson.size;
  };
  let sz = await sizeAnswer("(12, 12, 8)");
  t.check("lesson: 'valid' 3×3 on 15: 12 is the forgotten + 1", sz.shape_answer.state === "wrong" &&
    sz.shape_answer.mistake === "PaddingOffByOne", JSON.stringify(sz.shape_answer));
  sz = await sizeAnswer("(13, 13, 8)");
  t.check("lesson: ... and 13 is right", sz.shape_answer.state === "right");
  await cmd("lesson_next");
  sz = await sizeAnswer("(13, 13, 8)");
  t.check("lesson: 'valid' with stride 2: 13 ignores the stride", sz.shape_answer.mistake === "StrideIgnored",
    JSON.stringify(sz.shape_answer));
  sz = await sizeAnswer("7, 7, 8");
  t.check("lesson: ... and 7 is right", sz.shape_answer.state === "right");
  await cmd("lesson_next");
  sz = await sizeAnswer("(15, 15, 8)");
  t.check("lesson: 'same' with stride 1 keeps 15", sz.shape_answer.state === "right");
  await cmd("lesson_next");
  sz = await sizeAnswer("(7, 7, 8)");
  t.check("lesson: 'same' with stride 2 on 15: 7 is 'forgot the ceil', named", sz.step === 4 &&
    sz.shape_answer.state === "wrong" && sz.shape_answer.mistake === "SameRoundedDown" && /rounds up/.test(sz.shape_answer.text),
    JSON.stringify(sz.shape_answer));
  t.check("lesson: ... where Keras pads 3 rows, 1 before and 2 after", sz.pad_before === 1 && sz.pad_after === 2,
    JSON.stringify(sz));
  await t.shot(page, "lesson-06c-size-forgot-ceil.png");
  sz = await sizeAnswer("(8, 8, 8)");
  t.check("lesson: ... and 8 is right", sz.shape_answer.state === "right");
  await cmd("lesson_next");
  sz = await sizeAnswer("(13, 13, 8)");
  t.check("lesson: dilation 2: 13 takes the kernel for its reach", sz.shape_answer.mistake === "DilationIgnored",
    JSON.stringify(sz.shape_answer));
  sz = await sizeAnswer("(11, 11, 8)");
  t.check("lesson: ... and 11 is right", sz.shape_answer.state === "right");
  await cmd("lesson_next");
  sz = await sizeAnswer("(7, 7, 8)", 32);
  t.check("lesson: pooling: the shape is right and 2 × 2 × 8 = 32 weights is named as counting pooling's parameters",
    sz.class_name === "MaxPooling2D" && sz.shape_answer.state === "right" && sz.count_answer.mistake === "CountedPoolingParams",
    JSON.stringify(sz));
  sz = await sizeAnswer("(7, 7, 8)", 0);
  t.check("lesson: ... and 0 is right", sz.count_answer.state === "right");
  await t.shot(page, "lesson-06d-size-pooling.png");
  await cmd("lesson_next");
  st = await state();
  t.check("lesson: after the sixth question the chapter says it is done", !st.lesson.size);

  // 5. Your turn: a known slip, then five in a row.
  await cmd("lesson_chapter practice");
  st = await state();
  hash = await page.evaluate(() => window.location.hash);
  t.check("lesson: the URL names the chapter (#...&ch=practice), so it can be sent", /[#&]ch=practice(&|$)/.test(hash), hash);
  let ex = st.lesson.exercise;
  t.check("lesson: the practice chapter has a generated exercise at level 0", ex && ex.level === 0 && ex.params > 0,
    JSON.stringify(ex));
  const shapeText = (e) => "(None, " + e.shape.join(", ") + ")";
  await cmd("lesson_shape 24, 24");
  await cmd("lesson_answer 12");
  await cmd("lesson_check");
  st = await state();
  t.check("lesson: a shape with two sizes is refused with a clear message",
    st.lesson.shape.state === "unreadable" && /2/.test(st.lesson.shape.text), JSON.stringify(st.lesson.shape));
  t.check("lesson: ... and does not count as an attempt", st.lesson.exercise.checked === false);
  // Level 0 is a Conv2D: the count without the bias is the count minus one per filter.
  const noBias = ex.params - ex.shape[ex.shape.length - 1];
  await cmd("lesson_shape " + shapeText(ex));
  await cmd("lesson_answer " + noBias);
  await cmd("lesson_check");
  st = await state();
  t.check(`lesson: ${noBias} for ${ex.class_name} (${ex.params}) is named as the forgotten bias`,
    st.lesson.count.state === "wrong" && st.lesson.count.mistake === "ForgotBias" && /bias/.test(st.lesson.count.text),
    JSON.stringify(st.lesson.count));
  t.check("lesson: the shape was right and the streak is 0", st.lesson.shape.state === "right" && st.lesson.streak === 0);
  await t.shot(page, "lesson-07-ch4-forgot-bias.png");

  const formats = [(n) => String(n), (n) => n.toLocaleString("en-US"), (n) => " " + n.toLocaleString("en-US").replace(/,/g, " ") + " "];
  for (let i = 1; i <= 5; i++) {
    await cmd("lesson_next");
    st = await state();
    ex = st.lesson.exercise;
    const shape = i % 2 ? shapeText(ex) : ex.shape.join(",");
    await cmd("lesson_shape " + shape);
    await cmd("lesson_answer " + formats[i % 3](ex.params));
    await cmd("lesson_check");
    st = await state();
    t.check(`lesson: exercise ${i} (${ex.class_name}, level ${ex.level}) answered right: streak ${st.lesson.streak}`,
      st.lesson.shape.state === "right" && st.lesson.count.state === "right" && st.lesson.streak === i,
      JSON.stringify({ shape, ex, s: st.lesson.shape, c: st.lesson.count }));
    if (i === 3) await t.shot(page, "lesson-08-ch4-level1.png");
  }
  t.check("lesson: five in a row is reached", st.lesson.streak === 5 && st.lesson.best_streak >= 5);
  await t.shot(page, "lesson-09-ch4-five.png");

  // 6. Why Dense is big: the core's numbers, and the swap as an undoable edit.
  await cmd("lesson_chapter flatten");
  st = await state();
  const c5 = st.lesson.ch5;
  t.check("lesson: chapter 5 has Flatten's 9,072 and Dense's 1,161,344 from the core",
    c5 && c5.flatten === 9072 && c5.dense === 1161344, JSON.stringify(c5));
  t.check("lesson: with GlobalAveragePooling2D the Dense layer sees 63 values and needs 8,192",
    c5 && c5.gap === 63 && c5.gap_dense === 8192, JSON.stringify(c5));
  await t.shot(page, "lesson-10-ch5-dense.png");
  await cmd("lesson_do swap_gap");
  st = await state();
  t.check("lesson: the swap puts GlobalAveragePooling2D in the model",
    st.summary.total_params === c5.gap_total && st.summary.layers[4].class_name === "GlobalAveragePooling2D",
    `${st.summary.total_params} vs ${c5.gap_total}`);
  await t.shot(page, "lesson-11-ch5-gap.png");
  await cmd("lesson_do undo");
  st = await state();
  t.check("lesson: undo brings Flatten back", st.summary.total_params === 1181161);

  // 7. Train it.
  await cmd("lesson_chapter training");
  await cmd("lesson_do train");
  await t.frames(page, 10);
  st = await state();
  t.check("lesson: the last chapter starts training and shows the Training tab",
    st.tab === "training" && ["loading_data", "running"].includes(st.training.status),
    JSON.stringify({ tab: st.tab, status: st.training.status }));
  await t.shot(page, "lesson-12-ch6-train.png");
  await cmd("train_pause");

  // Closing the lesson takes the chapter out of the URL; the menu brings it back.
  await cmd("lesson_close");
  const closedHash = await page.evaluate(() => window.location.hash);
  t.check("lesson: closed, the URL has no chapter", !/[#&]ch=/.test(closedHash), closedHash);
  await cmd("lesson_open");
  st = await state();
  t.check("lesson: reopened where it was", st.lesson.open && st.lesson.chapter === 7);

  // Chinese: the same chapter in the learner's language.
  await cmd("lesson_chapter practice");
  await cmd("lang zh");
  await page.waitForFunction(() => window.convlabHook.state.language.shown === "zh" ||
    window.convlabHook.state.language.cjk_font === "failed", null, { timeout: 30000 }).catch(() => {});
  await t.frames(page, 5);
  st = await state();
  t.check("lesson: Chinese shows", st.language.shown === "zh", JSON.stringify(st.language));
  await t.shot(page, "lesson-13-ch4-zh.png");
  for (const ch of ["question", "filter", "padding", "flatten", "training"]) {
    await cmd("lesson_chapter " + ch);
    await t.frames(page, 3);
    await t.shot(page, `lesson-13-ch${ch}-zh.png`);
  }
  await cmd("lang en");

  // Progress is kept: a reload without a link remembers the best streak and the
  // furthest chapter (where the menu reopens it), and does not pop the lesson up again.
  await page.goto(t.base + "/index.html");
  await page.waitForFunction(() => window.convlabHook && window.convlabHook.ready && window.convlabHook.frame > 10);
  st = await state();
  t.check("lesson: a later visit without a link does not reopen the lesson by itself", !st.lesson.open);
  t.check("lesson: the best streak and the furthest chapter are kept in this browser",
    st.lesson.best_streak >= 5 && st.lesson.reached === 7, JSON.stringify({ best: st.lesson.best_streak, reached: st.lesson.reached }));
  t.check("lesson: no console errors", errors.length === 0, errors.join(" | "));
  await context.close();

  // A teacher's link made before chapters had ids: #ch=4 was the practice
  // chapter, and still opens it; #ch=padding opens the output-size chapter.
  {
    const v = await t.openPage("#ch=4");
    const s = await v.page.evaluate(() => window.convlabHook.state);
    t.check("lesson: an old #ch=4 link opens the practice chapter (now the fifth) with an exercise",
      s.lesson.open && s.lesson.chapter_id === "practice" && s.lesson.chapter === 5 && s.lesson.exercise && s.notices === 0,
      JSON.stringify(s.lesson));
    await t.shot(v.page, "lesson-14-link-ch4.png");
    await v.context.close();
    for (const [old, id] of [["5", "flatten"], ["6", "training"], ["3", "count"]]) {
      const o = await t.openPage("#ch=" + old);
      const so = await o.page.evaluate(() => window.convlabHook.state);
      t.check(`lesson: an old #ch=${old} link opens '${id}'`, so.lesson.chapter_id === id && so.notices === 0, JSON.stringify(so.lesson.chapter_id));
      await o.context.close();
    }
    const p = await t.openPage("#ch=padding");
    const sp = await p.page.evaluate(() => window.convlabHook.state);
    t.check("lesson: #ch=padding opens the output-size chapter", sp.lesson.chapter_id === "padding" && sp.notices === 0);
    await p.context.close();
  }
  for (const bad of ["ch=9", "ch=7", "ch=abc", "ch=-1"]) {
    const v = await t.openPage("#" + bad);
    const s = await v.page.evaluate(() => window.convlabHook.state);
    t.check(`lesson: #${bad} gives the bad-chapter notice and opens chapter 1`,
      s.notices === 1 && s.lesson.open && s.lesson.chapter === 1, JSON.stringify({ n: s.notices, l: s.lesson.chapter }));
    if (bad === "ch=9") await t.shot(v.page, "lesson-15-bad-chapter.png");
    t.check(`lesson: #${bad} without console errors`, v.errors.length === 0, v.errors.join(" | "));
    await v.context.close();
  }
  // Next stays where it is from chapter to chapter (it once moved with the
  // editor's share of the column); clicked for real, it goes on.
  {
    const v = await t.openPage("#ch=question");
    const spots = [];
    for (let ch = 1; ch <= 6; ch++) {
      const s = await v.page.evaluate(() => window.convlabHook.state);
      spots.push(JSON.stringify(s.items.lesson_forward));
      if (ch === 6) break;
      const r = s.items.lesson_forward;
      await v.page.mouse.click(r[0] + r[2] / 2, r[1] + r[3] / 2);
      await t.frames(v.page, 4);
    }
    const end = await v.page.evaluate(() => window.convlabHook.state);
    t.check("lesson: Next stays in one place over chapters 1 to 6, and real clicks on it reach chapter 6",
      new Set(spots).size === 1 && end.lesson.chapter === 6, JSON.stringify({ spots, chapter: end.lesson.chapter }));
    await v.context.close();
  }
  // A phone held sideways: the lesson takes the editor's column.
  {
    const v = await t.openPage("#ch=1", { width: 844, height: 390 });
    await t.shot(v.page, "lesson-16-phone-ch1.png");
    await v.context.close();
  }
}
