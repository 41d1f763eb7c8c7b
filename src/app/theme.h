// theme.h: fonts, colours and the colour of each formula role, so a term in a
// formula and the same dimension in a picture always share a colour.
#pragma once
#include <imgui.h>

#include <cstddef>

#include "core/analysis/formula.h"

struct Fonts {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* mono = nullptr;
    ImFont* big = nullptr;
};
extern Fonts g_fonts;  // set by theme_load_fonts; read-only elsewhere

void theme_load_fonts(float pixel_ratio);
// Keeps a copy of the Chinese font (cjk_font.otf); the next theme_load_fonts
// merges its glyphs for every Chinese row of the string table into each font.
void theme_set_cjk_font(const unsigned char* bytes, std::size_t size);
bool theme_has_cjk_font();
void theme_apply(bool dark);
ImVec4 role_color(convlab::Role role, bool dark);
