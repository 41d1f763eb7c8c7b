// clip_check.h: finds text the UI cuts. A glyph is cut when its quad crosses
// the left or right edge of the clip rectangle it was drawn under (a column,
// a window, the 3D picture): part of a letter is missing. Lines half scrolled
// out of view at the top or bottom of a scrolling panel are not counted, nor
// text in a window that shows its sideways scrollbar, nor text inside a text
// field, which ImGui clips letter by letter as it scrolls. Run on demand from the test hook ("check_clipping"), never in a
// normal frame.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

struct ImDrawData;

struct CutText {
    std::string window;  // the draw list's owner ("###workspace", "summary", ...)
    uint32_t codepoint = 0;
    float x = 0, y = 0;  // the glyph's top-left corner, in CSS pixels
};

// Every cut glyph of the frame (at most max_report listed; *total counts all).
std::vector<CutText> find_cut_text(const ImDrawData* data, size_t max_report, size_t* total);

// A glyph that starts past the edge is not drawn at all, so a cut at a glyph
// boundary leaves no trace in the draw data; it does leave the window wider
// inside than out. The windows drawn this frame whose contents are wider than
// they are and that show no sideways scrollbar, with by how much.
struct WideWindow {
    std::string window;
    float overflow = 0;  // CSS pixels
};
std::vector<WideWindow> find_wide_windows();
