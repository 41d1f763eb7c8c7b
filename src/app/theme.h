// theme.h: fonts, colours and the colour of each formula role, so a term in a
// formula and the same dimension in a picture always share a colour.
#pragma once
#include <imgui.h>

#include <cstddef>
#include <vector>

#include "core/analysis/formula.h"

struct Fonts {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* mono = nullptr;
    ImFont* big = nullptr;
};

// The fonts and what they are built from; the App owns one (app.theme).
struct Theme {
    Fonts fonts;  // set by theme_load_fonts; read-only elsewhere
    // The Chinese font (Noto Sans CJK SC cut to the string table, fetched when
    // Chinese is chosen) and the characters to take from it: exactly those of the
    // table's Chinese rows, so the atlas grows by what the page can show, no more.
    std::vector<unsigned char> cjk_bytes;
    ImVector<ImWchar> cjk_ranges;
    ImVector<ImWchar> menu_ranges;  // "简体中文" from the menu's own small font, before that
};

void theme_load_fonts(Theme& theme, float pixel_ratio);
// Keeps a copy of the Chinese font (cjk_font.otf); the next theme_load_fonts
// merges its glyphs for every Chinese row of the string table into each font.
void theme_set_cjk_font(Theme& theme, const unsigned char* bytes, std::size_t size);
bool theme_has_cjk_font(const Theme& theme);
void theme_apply(bool dark);
ImVec4 role_color(convlab::Role role, bool dark);
