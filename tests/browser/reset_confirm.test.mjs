// reset_confirm.test.mjs: "Reset weights" asks before it throws training away.
// With real clicks: step one batch, click Reset, see the question and the
// weights untouched; "Keep them" keeps them; Reset then "Reset them" gives
// fresh weights; with nothing trained, Reset needs no question. In English
// and in Chinese (screenshots of the question).
const wait = (ms) => new Promise((r) => setTimeout(r, ms));

export default async function (t) {
  for (const lang of ["en", "zh"]) {
    const { page, context, errors } = await t.openPage(lang === "zh" ? "#lang=zh" : "");
    if (lang === "zh") {
      await page.waitForFunction(() => window.convlabHook.state.language.cjk_font === "loaded", null, { timeout: 60000 })
        .catch(() => {});
    }
    const cmd = (c) => page.evaluate((x) => window.convlabHook.command(x), c);
    const training = () => page.evaluate(() => window.convlabHook.state.training);
    const click = async (id) => {
      const box = (await t.state(page)).items[id];
      if (!box) return false;
      await page.mouse.click(box[0] + box[2] / 2, box[1] + box[3] / 2);
      await t.frames(page, 3);
      return true;
    };
    const until = async (what, predicate, ms) => {
      const start = Date.now();
      for (;;) {
        const s = await training();
        if (predicate(s)) return s;
        if (Date.now() - start > ms) throw new Error(`${lang}: timed out waiting for ${what}: ${JSON.stringify(s).slice(0, 300)}`);
        await wait(300);
      }
    };
    await cmd("tab training");
    await cmd("train_set batch 8");
    await t.frames(page, 5);
    let s = await training();
    const fresh = s.weights_checksum;
    t.check(`${lang}: with nothing trained, a click on Reset resets at once`,
      (await click("train_reset")) && (await training()).confirm_reset === false);

    t.check(`${lang}: a click on "Step one batch"`, await click("train_step"));
    s = await until("one batch", (x) => x.batch >= 1 && x.status !== "running" && x.status !== "loading", 60000);
    const trained = s.weights_checksum;
    t.check(`${lang}: the step changed the weights`, trained !== fresh, `${trained} vs ${fresh}`);

    await click("train_reset");
    s = await training();
    t.check(`${lang}: Reset now asks first`, s.confirm_reset === true);
    t.check(`${lang}: and the weights are untouched while it asks`, s.weights_checksum === trained && s.batch >= 1);
    await t.shot(page, `reset-01-${lang}-asks.png`);

    t.check(`${lang}: "Keep them" is there and clicked`, await click("train_reset_no"));
    s = await training();
    t.check(`${lang}: keeps the weights and closes the question`, !s.confirm_reset && s.weights_checksum === trained);

    await click("train_reset");
    t.check(`${lang}: "Reset them" is there and clicked`, await click("train_reset_yes"));
    s = await until("fresh weights", (x) => x.batch === 0 && x.weights_checksum !== trained, 10000);
    t.check(`${lang}: gives fresh weights and no question`, !s.confirm_reset && s.status === "ready", s.status);
    t.check(`${lang}: no console errors`, errors.length === 0, errors.join(" | "));
    await context.close();
  }
}
