// clip_check.cpp: cut text found in the frame's draw data (clip_check.h). Text
// is drawn as one textured quad per glyph, four vertices at the corners with
// the glyph's atlas coordinates, so a quad whose top-left UV is a glyph's U0,
// V0 is that glyph wherever it was drawn.
#include "app/clip_check.h"

#include <imgui.h>
#include <imgui_internal.h>  // the windows' content and scroll extents

#include <cstring>
#include <unordered_map>

namespace {

uint64_t uv_key(float u, float v) {
    uint32_t a = 0, b = 0;
    std::memcpy(&a, &u, 4);
    std::memcpy(&b, &v, 4);
    return (uint64_t(a) << 32) | b;
}

}  // namespace

std::vector<CutText> find_cut_text(const ImDrawData* data, size_t max_report, size_t* total) {
    std::vector<CutText> out;
    *total = 0;
    if (!data) return out;
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    std::unordered_map<uint64_t, uint32_t> glyphs;
    for (const ImFont* font : atlas->Fonts)
        for (const ImFontGlyph& g : font->Glyphs)
            if (g.Visible) glyphs.emplace(uv_key(g.U0, g.V0), g.Codepoint);
    const float slack = 1.5f;  // an anti-aliased edge pixel is not a cut letter
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImDrawList* list = data->CmdLists[l];
        // A window that shows its sideways scrollbar is read by scrolling: its
        // edge cuts letters, but the learner can see there is more.
        if (list->_OwnerName) {
            const ImGuiWindow* owner = ImGui::FindWindowByName(list->_OwnerName);
            if (owner && owner->ScrollbarX) continue;
        }
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback || cmd.TextureId != atlas->TexID) continue;
            const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
            const ImDrawVert* vtx = list->VtxBuffer.Data + cmd.VtxOffset;
            for (unsigned int i = 0; i + 6 <= cmd.ElemCount; i += 3) {
                const unsigned int a = idx[i];
                // A glyph quad: (a, a+1, a+2) and (a, a+2, a+3).
                if (idx[i + 1] != a + 1 || idx[i + 2] != a + 2 || idx[i + 3] != a || idx[i + 4] != a + 2 ||
                    idx[i + 5] != a + 3)
                    continue;
                const ImDrawVert& tl = vtx[a];
                const ImDrawVert& br = vtx[a + 2];
                const auto g = glyphs.find(uv_key(tl.uv.x, tl.uv.y));
                if (g == glyphs.end()) continue;
                const ImVec4& c = cmd.ClipRect;
                // Drawn at all (some of it inside vertically), and crossing a side edge.
                if (br.pos.y <= c.y || tl.pos.y >= c.w) continue;
                const bool cut = (tl.pos.x < c.x - slack && br.pos.x > c.x + slack) ||
                                 (tl.pos.x < c.z - slack && br.pos.x > c.z + slack);
                if (!cut) continue;
                ++*total;
                if (out.size() < max_report) {
                    CutText t;
                    t.window = list->_OwnerName ? list->_OwnerName : "";
                    t.codepoint = g->second;
                    t.x = tl.pos.x;
                    t.y = tl.pos.y;
                    out.push_back(t);
                }
                i += 3;  // the quad's second triangle
            }
        }
    }
    return out;
}

std::vector<WideWindow> find_wide_windows() {
    std::vector<WideWindow> out;
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    for (const ImGuiWindow* w : g.Windows) {
        // A window showing its sideways scrollbar (the summary's table with
        // every optional column, on a phone) is read by scrolling, not cut.
        if (!w->WasActive || w->Hidden || w->ScrollbarX) continue;
        // ImGui's own sideways extent: contents plus padding beyond the inner width.
        if (w->ScrollMax.x > 1.0f) out.push_back({w->Name, w->ScrollMax.x});
    }
    return out;
}
