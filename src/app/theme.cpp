// theme.cpp: embedded fonts (subset at build time, see tools/cmake/app.cmake)
// rasterised at device resolution, and a palette where every dimension of a
// convolution has its own colour: height, width, input channels, filters, bias.
#include "app/theme.h"

#include <cstddef>
#include <vector>

#include "app/text/strings.h"

extern const unsigned char ui_font[];
extern const std::size_t ui_font_size;
extern const unsigned char ui_font_bold[];
extern const std::size_t ui_font_bold_size;
extern const unsigned char math_font[];
extern const std::size_t math_font_size;
extern const unsigned char mono_font[];
extern const std::size_t mono_font_size;
extern const unsigned char cjk_menu_font[];  // only the glyphs of the menu's "简体中文"
extern const std::size_t cjk_menu_font_size;

namespace {

void merge_cjk(Theme& theme, float px) {
    ImFontConfig c;
    c.FontDataOwnedByAtlas = false;  // theme.cjk_bytes outlives every rebuild
    c.MergeMode = true;              // only the glyphs the Latin fonts lack are added
    c.OversampleH = 1;
    c.PixelSnapH = true;             // CJK strokes are thin: keep them on whole pixels
    // A Han character fills its em square while Roboto's letters use about
    // three quarters of theirs: one eighth larger, the two read as one size.
    // The baseline stays Roboto's (ImGui places merged glyphs on it).
    px *= 1.125f;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (!theme.cjk_bytes.empty()) {
        atlas->AddFontFromMemoryTTF(theme.cjk_bytes.data(), int(theme.cjk_bytes.size()), px, &c, theme.cjk_ranges.Data);
        return;
    }
    // Before the Chinese font is fetched, the menu can still say "简体中文".
    if (theme.menu_ranges.empty()) {
        ImFontGlyphRangesBuilder builder;
        builder.AddText(tr_in(Lang::En, Str::LangChinese));
        builder.BuildRanges(&theme.menu_ranges);
    }
    atlas->AddFontFromMemoryTTF(const_cast<unsigned char*>(cjk_menu_font), int(cjk_menu_font_size), px, &c,
                                theme.menu_ranges.Data);
}

ImFont* add_font(Theme& theme, const unsigned char* data, std::size_t size, float px, bool merge_math) {
    ImGuiIO& io = ImGui::GetIO();
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // the bytes are static, compiled in
    cfg.OversampleH = 1;               // rasterised at device pixels already
    // Latin-1 plus the symbols formulas use. A font lacking one of them simply
    // skips it; merge_math then fills the gaps from DejaVu Sans (ImGui keeps
    // the glyphs the first font has and adds only the missing ones).
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2013, 0x2026, 0x2190, 0x2193, 0x2212, 0x2212, 0x2264, 0x2265,
                                     0x2308, 0x230B, 0x21B6, 0x21B7, 0x25A0, 0x25A0, 0x25B6, 0x25B6, 0x2713, 0x2717,
                                     // torchinfo's tree (├─, │, └─), in the PyTorch view's table.
                                     0x2500, 0x2500, 0x2502, 0x2502, 0x2514, 0x2514, 0x251C, 0x251C,
                                     // U+FFFD becomes ImGui's fallback glyph: a character no font
                                     // has shows as this box, and the test hook counts them (language.cpp).
                                     0xFFFD, 0xFFFD, 0};
    ImFont* font = io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(data), int(size), px, &cfg, ranges);
    if (merge_math) {
        ImFontConfig m;
        m.FontDataOwnedByAtlas = false;
        m.MergeMode = true;
        m.OversampleH = 1;
        static const ImWchar symbols[] = {0x00B7, 0x00B7, 0x00D7, 0x00D7, 0x2013, 0x2026, 0x2190, 0x2193,
                                          0x2212, 0x2212, 0x2264, 0x2265, 0x2308, 0x230B, 0x21B6, 0x21B7,
                                          0x25A0, 0x25A0, 0x25B6, 0x25B6, 0x2713, 0x2717, 0};
        io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(math_font), int(math_font_size), px, &m, symbols);
    }
    merge_cjk(theme, px);
    return font;
}

}  // namespace

void theme_load_fonts(Theme& theme, float pixel_ratio) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const float s = pixel_ratio;
    theme.fonts.body = add_font(theme, ui_font, ui_font_size, 16.0f * s, true);
    theme.fonts.bold = add_font(theme, ui_font_bold, ui_font_bold_size, 16.0f * s, true);
    theme.fonts.mono = add_font(theme, mono_font, mono_font_size, 15.0f * s, false);
    theme.fonts.big = add_font(theme, ui_font_bold, ui_font_bold_size, 24.0f * s, true);
    io.Fonts->Build();
    // U+3000 as a blank of no width: strings.cpp puts it between Chinese
    // characters so ImGui's word wrap, which breaks only at blanks, can break there.
    for (ImFont* font : io.Fonts->Fonts) {
        if (font->FindGlyphNoFallback(0x3000)) continue;
        font->AddGlyph(nullptr, 0x3000, 0, 0, 0, 0, 0, 0, 0, 0, 0.0f);
        font->BuildLookupTable();
    }
    io.FontGlobalScale = 1.0f / s;
    io.FontDefault = theme.fonts.body;
}

void theme_set_cjk_font(Theme& theme, const unsigned char* bytes, std::size_t size) {
    theme.cjk_bytes.assign(bytes, bytes + size);
    ImFontGlyphRangesBuilder builder;
    for (size_t i = 0; i < size_t(Str::Count); ++i) builder.AddText(tr_in(Lang::Zh, Str(i)));
    builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());  // Basic Latin
    builder.AddText("，。：；！？（）“”‘’、…—《》【】·「」");       // punctuation a translation may need
    theme.cjk_ranges.clear();
    builder.BuildRanges(&theme.cjk_ranges);
}

bool theme_has_cjk_font(const Theme& theme) { return !theme.cjk_bytes.empty(); }

void theme_apply(bool dark) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    if (dark) ImGui::StyleColorsDark(&style);
    else ImGui::StyleColorsLight(&style);
    style.WindowRounding = 8.0f;
    style.FrameRounding = 5.0f;
    style.GrabRounding = 5.0f;
    style.PopupRounding = 6.0f;
    style.WindowPadding = ImVec2(14, 12);
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(8, 7);
    style.CellPadding = ImVec2(8, 4);
    style.WindowBorderSize = 1.0f;
    style.FrameBorderSize = dark ? 0.0f : 1.0f;
    style.ScrollbarSize = 12.0f;
    // Menus and popups fully opaque: ImGui's 0.94-0.98 let the graph's boxes
    // and the fields behind them show through a list of layer kinds.
    style.Colors[ImGuiCol_PopupBg].w = 1.0f;
    if (!dark) {
        ImVec4* c = style.Colors;
        c[ImGuiCol_WindowBg] = ImVec4(1.00f, 1.00f, 1.00f, 0.97f);
        c[ImGuiCol_TitleBgActive] = ImVec4(0.87f, 0.90f, 0.96f, 1.0f);
        c[ImGuiCol_TitleBg] = ImVec4(0.92f, 0.93f, 0.96f, 1.0f);
        c[ImGuiCol_Header] = ImVec4(0.26f, 0.45f, 0.85f, 0.20f);
        c[ImGuiCol_HeaderHovered] = ImVec4(0.26f, 0.45f, 0.85f, 0.30f);
        c[ImGuiCol_HeaderActive] = ImVec4(0.26f, 0.45f, 0.85f, 0.40f);
        c[ImGuiCol_FrameBg] = ImVec4(0.90f, 0.92f, 0.96f, 1.0f);
        c[ImGuiCol_FrameBgHovered] = ImVec4(0.82f, 0.87f, 0.96f, 1.0f);
    }
}

ImVec4 role_color(convlab::Role role, bool dark) {
    using convlab::Role;
    // Hues chosen to stay distinct for the common colour-vision deficiencies
    // (after Okabe & Ito's palette); dark mode uses lighter tints.
    auto pick = [dark](ImVec4 light, ImVec4 darkc) { return dark ? darkc : light; };
    switch (role) {
        case Role::KernelH:
        case Role::Height: return pick(ImVec4(0.00f, 0.45f, 0.70f, 1), ImVec4(0.35f, 0.70f, 0.95f, 1));
        case Role::KernelW:
        case Role::Width: return pick(ImVec4(0.00f, 0.55f, 0.45f, 1), ImVec4(0.30f, 0.85f, 0.70f, 1));
        case Role::InChannels:
        case Role::InFeatures:
        case Role::Channels: return pick(ImVec4(0.84f, 0.37f, 0.00f, 1), ImVec4(1.00f, 0.62f, 0.25f, 1));
        case Role::OutChannels:
        case Role::Units: return pick(ImVec4(0.80f, 0.20f, 0.55f, 1), ImVec4(0.95f, 0.50f, 0.78f, 1));
        case Role::Bias: return pick(ImVec4(0.45f, 0.35f, 0.75f, 1), ImVec4(0.70f, 0.62f, 1.00f, 1));
        case Role::DepthMultiplier: return pick(ImVec4(0.60f, 0.50f, 0.00f, 1), ImVec4(0.95f, 0.85f, 0.30f, 1));
        case Role::Stride:
        case Role::Padding:
        case Role::Dilation:
        case Role::KernelReach:
        case Role::PoolSize: return pick(ImVec4(0.35f, 0.40f, 0.50f, 1), ImVec4(0.70f, 0.75f, 0.85f, 1));
        case Role::FieldSize: return pick(ImVec4(0.55f, 0.30f, 0.10f, 1), ImVec4(0.95f, 0.70f, 0.50f, 1));
        case Role::Jump: return pick(ImVec4(0.20f, 0.45f, 0.20f, 1), ImVec4(0.55f, 0.85f, 0.55f, 1));
        default: return pick(ImVec4(0.10f, 0.10f, 0.12f, 1), ImVec4(0.92f, 0.92f, 0.94f, 1));
    }
}
