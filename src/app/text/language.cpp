// language.cpp: the page's language. English needs nothing more than the
// embedded Latin fonts; Chinese needs cjk_font.otf (tools/cmake/cjk_font.cmake),
// fetched only when Chinese is first wanted, so English first paint never waits
// for it. Until the glyphs are in the atlas the page stays in English and says,
// in English, that the Chinese font is loading. Not the table itself (strings.cpp).
#include "app/text/language.h"

#include <imgui.h>

#include <vector>

#include "core/io/json_writer.h"
#include "app/app.h"
#include "platform/platform.h"
#include "app/theme.h"

namespace {

// Switches the shown language. Texts the UI keeps between frames are rebuilt in
// the new language on the next frame; the model, training and view stay as they are.
void show(App& app, Lang lang) {
    if (app.language.shown == lang) return;
    app.language.shown = lang;
    app.conv.described_step = -1;  // the animation's step sentence (conv_view_panel.cpp)
    // Training's sentence on why this model cannot train is written when the
    // model changes; such a model has no progress to lose, so it is looked at
    // again and the sentence written in the new language (training_session.cpp).
    if (app.training.phase == TrainPhase::Unavailable) {
        app.training.arch_key.clear();
        app.training.model_changed = true;
    }
}

}  // namespace

void language_init(App& app, bool url_has_lang, Lang url_lang) {
    Lang lang = Lang::En;
    const std::string saved = platform_load_local(kLanguageKey);
    const std::string browser = platform_browser_language();
    if (url_has_lang) lang = url_lang;
    else if (parse_language(saved.c_str(), &lang)) {}           // the learner's last choice
    else if (!parse_language(browser.c_str(), &lang)) lang = Lang::En;  // "zh-CN", "zh-TW", "en-GB", ...
    language_request(app, lang, false);
}

void language_request(App& app, Lang lang, bool remember) {
    LanguageState& ls = app.language;
    ls.wanted = lang;
    if (remember) platform_save_local(kLanguageKey, language_code(lang));
    if (lang == Lang::Zh && !theme_has_cjk_font(app.theme)) {
        if (ls.cjk != LanguageState::Font::Loading) {
            ls.cjk = LanguageState::Font::Loading;
            ls.request = platform_fetch_begin("cjk_font.otf");
        }
        return;  // language_fonts_rebuilt switches once the glyphs are in the atlas
    }
    show(app, lang);
}

void language_frame(App& app) {
    LanguageState& ls = app.language;
    if (ls.cjk != LanguageState::Font::Loading) return;
    std::vector<uint8_t> bytes;
    const PlatformLoad load = platform_load_poll(ls.request, &bytes);
    if (load.state == 0) return;
    if (load.state < 0 || bytes.empty()) {
        // Stay readable: English, with a note in the menu bar (language_status).
        ls.cjk = LanguageState::Font::Failed;
        ls.wanted = Lang::En;
        show(app, Lang::En);
        return;
    }
    theme_set_cjk_font(app.theme, bytes.data(), bytes.size());
    ls.fonts_dirty = true;  // main.cpp rebuilds the atlas before the next frame
}

void language_fonts_rebuilt(App& app) {
    LanguageState& ls = app.language;
    ls.fonts_dirty = false;
    if (!theme_has_cjk_font(app.theme)) return;
    if (ls.cjk == LanguageState::Font::Loading) ls.cjk = LanguageState::Font::Loaded;
    show(app, ls.wanted);
}

const char* language_status(const App& app) {
    // In English on purpose: without the font, Chinese text would be boxes.
    switch (app.language.cjk) {
        case LanguageState::Font::Loading: return tr_in(Lang::En, Str::ChineseFontLoading);
        case LanguageState::Font::Failed: return tr_in(Lang::En, Str::ChineseFontFailed);
        default: return nullptr;
    }
}

int language_fallback_glyphs_drawn() {
    // A glyph quad's first vertex carries the glyph's top-left UV; the fallback
    // glyph's UVs are used by nothing else, so matching them counts boxes drawn.
    const ImDrawData* draw = ImGui::GetDrawData();
    if (!draw) return 0;
    ImVector<ImVec2> corners;
    for (const ImFont* font : ImGui::GetIO().Fonts->Fonts)
        if (font->FallbackGlyph) corners.push_back(ImVec2(font->FallbackGlyph->U0, font->FallbackGlyph->V0));
    int count = 0;
    for (int l = 0; l < draw->CmdListsCount; ++l) {
        const ImVector<ImDrawVert>& verts = draw->CmdLists[l]->VtxBuffer;
        for (const ImDrawVert& v : verts)
            for (const ImVec2& c : corners) count += (v.uv.x == c.x && v.uv.y == c.y) ? 1 : 0;
    }
    return count;
}

std::string language_state_json(const App& app) {
    static const char* const fonts[] = {"none", "loading", "loaded", "failed"};
    const ImFont* font = ImGui::GetIO().FontDefault;
    // The font atlas's size in pixels: what the Chinese glyphs cost in texture memory.
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    convlab::JsonWriter w;
    w.begin_object().member("wanted", language_code(app.language.wanted)).member("shown", language_code(app.language.shown));
    w.member("cjk_font", fonts[int(app.language.cjk)]).member("fallback_char", font ? int(font->FallbackChar) : 0);
    w.key("atlas").begin_array().integer(atlas->TexWidth).integer(atlas->TexHeight).end_array();
    return w.end_object().take();
}
