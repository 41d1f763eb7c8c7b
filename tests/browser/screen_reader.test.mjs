// screen_reader.test.mjs: the page's screen-reader region and the language a
// typed query asks for. #sr-summary mirrors the summary table as plain text in
// the page's language (the core's numbers: 18,207, 1,161,344, 1,181,161 for
// the seed), keeps the counts back while the lesson waits for the first guess,
// and follows an edit (the first Conv2D at 16 filters: conv2d_1 has 9,135).
// ?lang=zh opens the Chinese page; with #lang=en as well, the fragment wins.
const plain = (s) => s.split("\u3000").join("");
const seedNumbers = ["18,207", "1,161,344", "1,181,161"];

export default async function (t) {
  const summaryText = (page) => page.evaluate(() => document.getElementById("sr-summary").textContent);
  const hasAll = (text, numbers) => numbers.every((n) => text.includes(n));
  const hasNone = (text, numbers) => numbers.every((n) => !text.includes(n));

  // A first visit: chapter 1 asks for a guess; the mirror keeps the answer back.
  {
    const { page, context, errors } = await t.openPage();
    const cmd = (c) => t.command(page, c);
    await t.frames(page, 3);
    const st = await t.state(page);
    let text = await summaryText(page);
    t.check("sr-summary: before the first guess it names the layers and shapes", st.lesson.open &&
      st.lesson.chapter === 1 && text.includes("conv2d_1 (Conv2D)") && text.includes("(None, 24, 24, 63)"), text);
    t.check("sr-summary: ... but holds none of the seed's counts", hasNone(text, seedNumbers), text);
    await cmd("lesson_answer 630");
    await cmd("lesson_check");
    text = await summaryText(page);
    t.check("sr-summary: a first wrong guess (630) keeps them hidden, as the page does", hasNone(text, seedNumbers), text);
    await cmd("lesson_answer 18207");
    await cmd("lesson_check");
    text = await summaryText(page);
    t.check("sr-summary: once the guess is right it holds 18,207, 1,161,344 and 1,181,161", hasAll(text, seedNumbers), text);
    t.check("sr-summary: ... with the totals named in English", text.includes("Total params: 1,181,161"), text);

    await cmd("lang zh");
    await page.waitForFunction(() => window.convlabHook.state.language.shown === "zh", null, { timeout: 30000 });
    await t.frames(page, 3);
    text = plain(await summaryText(page));
    t.check("sr-summary: in Chinese it holds the same numbers, named in Chinese",
      hasAll(text, seedNumbers) && text.includes("参数总数: 1,181,161"), text);
    const title = await page.evaluate(() => document.getElementById("sr-summary-title").textContent);
    t.check("sr-summary: its heading is in the page's language", plain(title) === "模型摘要", title);

    t.check("sr-summary: an edit is made (the first Conv2D at 16 filters)", (await cmd("set_field 0 filters 16")) === "ok");
    text = plain(await summaryText(page));
    t.check("sr-summary: ... and mirrored: conv2d_1 now has 9,135 parameters", text.includes("9,135") &&
      !text.includes("18,207"), text);
    t.check("sr-summary: no console errors", errors.length === 0, errors.join(" | "));
    await context.close();
  }

  // With no lesson open the counts are there at once.
  {
    const { page, context } = await t.openPage();
    await t.command(page, "lesson_close", 1);
    const text = await summaryText(page);
    t.check("sr-summary: with no lesson open it holds the seed's counts on the next frame", hasAll(text, seedNumbers), text);
    await page.evaluate(() => {
      window.srWrites = 0;
      new MutationObserver(() => window.srWrites++).observe(document.getElementById("sr-summary"),
        { childList: true, characterData: true, subtree: true });
    });
    await t.frames(page, 30);
    const writes = await page.evaluate(() => window.srWrites);
    t.check("sr-summary: is written only when its text changes (30 quiet frames, no write)", writes === 0, String(writes));
    await context.close();
  }

  // The language a typed query asks for, and the fragment over it.
  {
    const { page, context } = await t.openPage("?lang=zh");
    await page.waitForFunction(() => window.convlabHook.state.language.shown === "zh", null, { timeout: 30000 })
      .catch(() => {});
    const lang = (await t.state(page)).language;
    t.check("url: ?lang=zh opens the Chinese page", lang.wanted === "zh" && lang.shown === "zh", JSON.stringify(lang));
    await context.close();
  }
  {
    const { page, context } = await t.openPage("?lang=zh#lang=en");
    await t.frames(page, 10);
    const lang = (await t.state(page)).language;
    t.check("url: ?lang=zh#lang=en opens English: the fragment wins", lang.wanted === "en" && lang.shown === "en",
      JSON.stringify(lang));
    await context.close();
  }
}
