// clipping.test.mjs: no text is cut, at 1280×720, 1024×768 and 844×390 (a
// phone held sideways), in English and in Chinese, on every lesson chapter and
// every workspace tab. The app finds cut text itself (src/app/clip_check.h):
// after "check_clipping" the next frame reports every glyph whose quad crosses
// the side of the rectangle it is clipped to. A view with cut text is
// screenshotted as clip-FAIL-*.png, so the failure can be looked at.
export default async function (t) {
  const views = [
    ["question", ["lesson_chapter question"]], ["filter", ["lesson_chapter filter"]],
    ["count", ["lesson_chapter count"]], ["padding", ["lesson_chapter padding"]],
    ["practice", ["lesson_chapter practice"]], ["flatten", ["lesson_chapter flatten"]],
    ["training-chapter", ["lesson_chapter training"]],
    ["summary", ["lesson_close", "tab summary", "select_layer 1"]],
    ["summary-all-columns", ["show_columns 1", "select_layer 2"]],
    ["convolution", ["show_columns 0", "tab convolution", "conv_layer 1"]],
    ["mistake-yours", ["conv_mistake 1"]], ["mistake-depthwise", ["conv_mistake 2"]],
    ["pooling", ["conv_mistake 0", "conv_layer 2"]],
    ["training", ["tab training"]], ["keys", ["keys 1"]],
  ];
  // The check itself can fail: a 360-pixel-wide window cuts the Convolution tab's toolbar.
  {
    const { page, context } = await t.openPage("#lang=en", { width: 360, height: 640 });
    for (const c of ["lesson_close", "tab convolution"]) await page.evaluate((c) => window.convlabHook.command(c), c);
    await t.frames(page, 6);
    await page.evaluate(() => window.convlabHook.command("check_clipping"));
    await t.frames(page, 2);
    const c = (await t.state(page)).clipping;
    t.check("clipping: the check finds cut text where there is some (360 px wide)", c && (c.cut > 0 || c.wide.length > 0),
      JSON.stringify(c));
    await t.shot(page, "clip-control-360.png");
    await context.close();
  }
  for (const viewport of [{ width: 1280, height: 720 }, { width: 1024, height: 768 }, { width: 844, height: 390 }]) {
    for (const lang of ["en", "zh"]) {
      const { page, context, errors } = await t.openPage("#lang=" + lang, viewport);
      if (lang === "zh") {
        await page.waitForFunction(() => window.convlabHook.state.language.cjk_font === "loaded", null, { timeout: 60000 })
          .catch(() => {});
      }
      for (const [name, cmds] of views) {
        for (const c of cmds) {
          const reply = await page.evaluate((c) => window.convlabHook.command(c), c);
          if (reply !== "ok" && !/^\d/.test(reply)) t.check(`${c} is a command`, false, reply);
        }
        await t.frames(page, 6);
        await page.evaluate(() => window.convlabHook.command("check_clipping"));
        await t.frames(page, 2);
        const c = (await t.state(page)).clipping;
        const tag = `${viewport.width}×${viewport.height} ${lang} ${name}`;
        const ok = c && c.cut === 0 && c.wide.length === 0;
        t.check(`clipping: ${tag}: no text cut, no window wider inside than out`, ok,
          c ? `${c.cut} glyphs cut: ${JSON.stringify(c.samples.slice(0, 3))}; wide: ${JSON.stringify(c.wide)}` : "no report");
        if (!ok) await t.shot(page, `clip-FAIL-${viewport.width}-${lang}-${name}.png`);
      }
      await page.evaluate(() => window.convlabHook.command("keys 0"));
      t.check(`clipping: ${viewport.width}×${viewport.height} ${lang}: no console errors`, errors.length === 0, errors.join(" | "));
      await context.close();
    }
  }
}
