// receptive_field.test.mjs: the summary's receptive-field column as a learner
// finds it: a real click on "Show receptive field", the column's sizes, the
// selected row's arithmetic (looked at in the screenshots), and Chinese.
export default async function (t) {
  for (const lang of ["en", "zh"]) {
    const { page, context, errors } = await t.openPage(lang === "zh" ? "#lang=zh" : "");
    if (lang === "zh") {
      await page.waitForFunction(() => window.convlabHook.state.language.cjk_font === "loaded", null, { timeout: 60000 })
        .catch(() => {});
      await t.frames(page, 5);
    }
    let st = await t.state(page);
    t.check(`${lang}: the column starts hidden`, st.show_field === false);
    const box = st.items && st.items.show_field;
    t.check(`${lang}: the test hook reports where "Show receptive field" is`, Array.isArray(box) && box[2] > 0, JSON.stringify(st.items));
    if (!box) { await context.close(); continue; }
    // A real click on the checkbox's square, at its left end.
    await page.mouse.click(box[0] + box[3] / 2, box[1] + box[3] / 2);
    await t.frames(page, 3);
    st = await t.state(page);
    t.check(`${lang}: a click shows the column`, st.show_field === true);
    const f = st.receptive_fields;
    t.check(`${lang}: one field per summary row`, f && f.length === st.summary.layers.length, JSON.stringify(f && f.length));
    t.check(`${lang}: conv2d_2 sees 5×5 input pixels, jump 1`,
      f[1].kind === "local" && f[1].size.join() === "5,5" && f[1].jump.join() === "1,1", JSON.stringify(f[1]));
    t.check(`${lang}: the pooling sees 6×6 at jump 2`, f[2].size.join() === "6,6" && f[2].jump.join() === "2,2", JSON.stringify(f[2]));
    t.check(`${lang}: Flatten and the Dense layers see the whole input`, f.slice(4).every((x) => x.kind === "whole"));
    await t.command(page, "select_layer 2");
    await t.shot(page, `field-01-${lang}-pooling.png`);
    t.check(`${lang}: no console errors`, errors.length === 0, errors.join(" | "));
    // A second click hides it again.
    await page.mouse.click(box[0] + box[3] / 2, box[1] + box[3] / 2);
    await t.frames(page, 3);
    t.check(`${lang}: a second click hides it`, (await t.state(page)).show_field === false);
    await context.close();
  }
}
