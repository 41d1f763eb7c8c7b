// conv_view_panel.cpp: the Convolution tab. Top: which layer, the seed
// answer's example, the common mistake, the three step modes. Middle: the 3D
// picture (drag to turn, wheel to zoom) with its labels, and beside it the
// step's numbers: products, sums, the weight counter, the core's formulas,
// and the playground's fields. Bottom: the step player.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/app.h"
#include "app/conv_view/conv_view.h"
#include "app/conv_view/conv_view_draw.h"
#include "app/conv_view/conv_view_text.h"
#include "app/lesson/lesson_panel.h"
#include "core/analysis/layer_kind.h"
#include "core/train/layer_passes.h"
#include "app/formula_view.h"
#include "platform/platform.h"
#include "app/same_line.h"
#include "app/wrapped_text.h"
#include "app/theme.h"

namespace {

using convlab::LayerKind;
using convlab::Role;

ImU32 role_u32(Role r, bool dark, float alpha = 1.0f) {
    ImVec4 c = role_color(r, dark);
    c.w = alpha;
    return ImGui::GetColorU32(c);
}

// The labels placed in this frame's picture (draw_overlay clears it), so a
// later one can step aside instead of covering one already there: around a
// small filter "One filter (3×3×32 + 1)", "Kw = 3", "Cin = 32" and "Kh = 3"
// would otherwise sit on one another.
std::vector<ImVec4> g_placed_labels;

bool overlaps_placed(ImVec2 a, ImVec2 b) {
    for (const ImVec4& r : g_placed_labels)
        if (a.x < r.z + 2 && b.x > r.x - 2 && a.y < r.w + 1 && b.y > r.y - 1) return true;
    return false;
}

// A label with a soft backdrop, centred on a point of the picture (or as near
// it, straight above or below, as the labels already placed allow).
void label_at(ImDrawList* dl, ImVec2 at, const char* text, ImU32 color, bool dark, ImFont* font = nullptr) {
    if (font) ImGui::PushFont(font);
    const ImVec2 size = ImGui::CalcTextSize(text);
    ImVec2 a(at.x - size.x * 0.5f - 3, at.y - size.y * 0.5f - 1), b(at.x + size.x * 0.5f + 3, at.y + size.y * 0.5f + 1);
    const float step = size.y + 3.0f;
    for (int k = 1; k <= 8 && overlaps_placed(a, b); ++k) {
        const float dy = (k % 2 ? 1.0f : -1.0f) * step * float((k + 1) / 2);
        const ImVec2 na(a.x, at.y - size.y * 0.5f - 1 + dy), nb(b.x, at.y + size.y * 0.5f + 1 + dy);
        if (!overlaps_placed(na, nb)) { a = na; b = nb; break; }
    }
    g_placed_labels.push_back(ImVec4(a.x, a.y, b.x, b.y));
    dl->AddRectFilled(a, b, dark ? IM_COL32(20, 22, 26, 200) : IM_COL32(255, 255, 255, 210), 3.0f);
    dl->AddText(ImVec2(a.x + 3, a.y + 1), color, text);
    if (font) ImGui::PopFont();
}

struct Projector {
    Mat4 vp;
    ImVec2 origin, size;
    bool at(Vec3 p, ImVec2* out) const {
        float x = 0, y = 0;
        if (!camera_project(vp, p, size.x, size.y, &x, &y)) return false;
        *out = ImVec2(origin.x + x, origin.y + y);
        return true;
    }
    float cell_pixels(Vec3 p) const {
        ImVec2 a, b;
        if (!at(p, &a) || !at({p.x + 1.0f, p.y, p.z}, &b)) return 0.0f;
        return std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y));
    }
};

void axis_label(const App& app, ImDrawList* dl, const Projector& pr, Vec3 p, Str axis, int64_t value, Role role) {
    const Lang lang = app.language.shown;
    ImVec2 at;
    if (!pr.at(p, &at)) return;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s = %lld", tr(lang, axis), static_cast<long long>(value));
    // Kept inside the picture: "Ho = 12" beside the rightmost block would be cut.
    ImGui::PushFont(app.theme.fonts.bold);
    const ImVec2 half(ImGui::CalcTextSize(buf).x * 0.5f + 5.0f, ImGui::GetFontSize() * 0.5f + 3.0f);
    ImGui::PopFont();
    if (pr.size.x > 2.0f * half.x) at.x = std::clamp(at.x, pr.origin.x + half.x, pr.origin.x + pr.size.x - half.x);
    if (pr.size.y > 2.0f * half.y) at.y = std::clamp(at.y, pr.origin.y + half.y, pr.origin.y + pr.size.y - half.y);
    label_at(dl, at, buf, role_u32(role, app.dark), app.dark, app.theme.fonts.bold);
}

void value_label(ImDrawList* dl, const Projector& pr, Vec3 p, float value, bool dark, float min_px = 30.0f) {
    ImVec2 at;
    if (pr.cell_pixels(p) < min_px || !pr.at(p, &at)) return;
    if (at.x < pr.origin.x || at.y < pr.origin.y || at.x > pr.origin.x + pr.size.x || at.y > pr.origin.y + pr.size.y)
        return;
    char buf[24];
    std::snprintf(buf, sizeof buf, "%.2f", double(value));
    const ImVec2 size = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(at.x - size.x * 0.5f, at.y - size.y * 0.5f), dark ? IM_COL32(240, 240, 240, 255) : IM_COL32(10, 10, 10, 255),
                buf);
}

// A block's title, centred over it but kept inside the picture: a long one
// ("Stage 1's output (None, 22, 22, 63)") over the rightmost block would be cut.
void title_at(const App& app, ImDrawList* dl, const Projector& pr, Vec3 p, const char* text) {
    ImVec2 at;
    if (!pr.at(p, &at)) return;
    ImGui::PushFont(app.theme.fonts.bold);
    const float half = ImGui::CalcTextSize(text).x * 0.5f + 6.0f;
    ImGui::PopFont();
    const float lo = pr.origin.x + half, hi = pr.origin.x + pr.size.x - half;
    if (lo > hi) return;  // wider than the picture (a phone's): cut, it would say less than nothing
    at.x = std::clamp(at.x, lo, hi);
    label_at(dl, ImVec2(at.x, at.y), text, ImGui::GetColorU32(ImGuiCol_Text), app.dark, app.theme.fonts.bold);
}

}  // namespace

ConcatSplit concat_split(const App& app, const ConvView& v) {
    ConcatSplit out;
    const convlab::ModelSummary& s = app.summary;
    if (v.source != ConvSource::Model || v.mistake || !app.model_ok || !s.functional || v.shown_row < 0 ||
        v.shown_row >= int(s.layers.size()))
        return out;
    const convlab::LayerSummary& row = s.layers[size_t(v.shown_row)];
    if (row.inbound.size() != 1 || row.inbound[0].size() != 1) return out;
    const convlab::LayerSummary* cat = nullptr;
    for (const convlab::LayerSummary& r : s.layers)
        if (r.name == row.inbound[0][0].name) cat = &r;
    if (!cat || cat->kind != convlab::LayerKind::Concatenate || cat->inbound.empty() || cat->inbound[0].empty() ||
        cat->analysis.output.rank != 3 || cat->analysis.size_formula.empty())
        return out;
    // Only a join along channels stacks slabs behind one another (axis -1 or 3, Keras counting the batch as 0).
    const int64_t axis = app.model.layers[size_t(cat->index)].axis;
    if (axis != -1 && axis != 3) return out;
    for (const convlab::InboundRef& in : cat->inbound[0])
        for (const convlab::LayerSummary& r : s.layers)
            if (r.name == in.name && r.analysis.output.rank == 3) {
                out.branches.push_back({r.name, r.analysis.output.c()});
                break;
            }
    if (out.branches.size() != cat->inbound[0].size()) {
        out.branches.clear();
        return out;
    }
    out.first = out.branches[0].channels;
    out.name = cat->name;
    out.sum = convlab::to_text(cat->analysis.size_formula);
    return out;
}

namespace {

// Axis names, block titles, values of the cells in play (when zoomed in), and
// lines from the window to the output value it produces.
void draw_overlay(const App& app, const ConvView& v, const SceneLayout& L, const Projector& pr) {
    const Lang lang = app.language.shown;
    const bool dark = app.dark;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(pr.origin, ImVec2(pr.origin.x + pr.size.x, pr.origin.y + pr.size.y), true);
    g_placed_labels.clear();
    const bool pool = v.subject == ConvSubject::Pool;
    const float top = float(L.pad_top) + 1.2f;
    // Input: H down the left edge, W along the top, Cin going back.
    axis_label(app, dl, pr, {-float(L.pad_left) - 1.6f, -float(L.h) * 0.5f, 0}, Str::ConvAxisH, L.h, Role::Height);
    axis_label(app, dl, pr, {float(L.w) * 0.5f, top, 0}, Str::ConvAxisW, L.w, Role::Width);
    axis_label(app, dl, pr, {float(L.w + L.pad_right) + 1.0f, top, -float(L.cin + L.ignored - 1) * L.gap_in * 0.5f},
               pool ? Str::ConvAxisC : Str::ConvAxisCin, L.cin + L.ignored, Role::InChannels);
    // A layer reading a Concatenate: its Cin is the branches' channels added,
    // as the core wrote the sum ("16 + 12 = 28").
    const ConcatSplit split = concat_split(app, v);
    if (split.first > 0 && split.first < L.cin && L.ignored == 0) {
        ImVec2 at;
        const std::string text = split.name + ": Cin = " + split.sum;
        // Beside the input's right face, under its "Cin =" label, halfway back;
        // kept inside the picture (a narrow one would cut its start).
        if (pr.at({float(L.w + L.pad_right) + 1.0f, -1.6f, -float(L.cin - 1) * L.gap_in * 0.5f}, &at)) {
            ImGui::PushFont(app.theme.fonts.bold);
            const float half = ImGui::CalcTextSize(text.c_str()).x * 0.5f + 5.0f;
            ImGui::PopFont();
            const float half_h = ImGui::GetFontSize() * 0.5f + 3.0f;
            // Too wide for the picture: the side panel names the branches instead.
            if (pr.size.x > 2.0f * half && pr.size.y > 2.0f * half_h) {
                at.x = std::clamp(at.x, pr.origin.x + half, pr.origin.x + pr.size.x - half);
                at.y = std::clamp(at.y, pr.origin.y + half_h, pr.origin.y + pr.size.y - half_h);
                label_at(dl, at, text.c_str(), ImGui::ColorConvertFloat4ToU32(role_color(Role::InChannels, dark)), dark,
                         app.theme.fonts.bold);
            }
        }
    }
    char buf[96];
    if (L.ignored > 0) {
        // The mistake: the slices its filters never read, said where they are.
        std::string ignored;
        fill_template(&ignored, tr(lang, Str::ConvIgnoredSlices), {std::to_string(L.ignored)});
        ImVec2 at;
        if (pr.at({float(L.w) * 0.5f, -float(L.h) - 1.5f, -(float(L.cin) + float(L.ignored) * 0.5f) * L.gap_in}, &at))
            label_at(dl, at, ignored.c_str(), ImGui::GetColorU32(ImGuiCol_TextDisabled), app.dark, app.theme.fonts.bold);
    }
    const bool separable = conv_view_separable(v);
    const bool mid_in = separable && v.stage == 1, mid_out = separable && v.stage == 0;
    // The mistake's picture reads one slice of the layer's real input: named as that input.
    const bool spread = v.spec.kind == LayerKind::Conv2DTranspose && !pool;
    std::snprintf(buf, sizeof buf, "%s %s",
                  tr(lang, mid_in ? Str::ConvTitleMid : spread ? Str::ConvTitleSpread : Str::ConvTitleInput),
                  (pool ? v.layer.input : L.ignored > 0 ? v.base_layer.input : v.stage_in).to_string().c_str());
    title_at(app, dl, pr, {float(L.w) * 0.5f, top + 2.4f, 0}, buf);
    if (!pool) {
        const float kx = L.kernel_x, ky = L.kernel_y;
        const float kw_reach = float((L.kw - 1) * L.dw + 1), kh_reach = float((L.kh - 1) * L.dh + 1);
        axis_label(app, dl, pr, {kx - 1.4f, ky - kh_reach * 0.5f, 0}, Str::ConvAxisKh, L.kh, Role::KernelH);
        axis_label(app, dl, pr, {kx + kw_reach * 0.5f, ky + 1.2f, 0}, Str::ConvAxisKw, L.kw, Role::KernelW);
        axis_label(app, dl, pr, {kx + kw_reach * 0.5f, ky - kh_reach - 2.0f, -float(L.cin - 1) * L.gap_in * 0.5f},
                   L.depth == 1 ? Str::ConvAxisSlice : Str::ConvAxisCin, L.depth, Role::InChannels);
        // Before the lesson's guess the filter's size is not spelled out:
        // Kh×Kw×Cin + 1 is most of the answer asked for.
        if (lesson_conv_hides_count(app))
            std::snprintf(buf, sizeof buf, "%s", tr(lang, Str::ConvTitleFilter));
        else
            std::snprintf(buf, sizeof buf, "%s (%lld×%lld×%lld%s)", tr(lang, Str::ConvTitleFilter), static_cast<long long>(L.kh),
                          static_cast<long long>(L.kw), static_cast<long long>(L.depth), v.src.b ? " + 1" : "");
        title_at(app, dl, pr, {kx + kw_reach * 0.5f, ky + 3.4f, 0}, buf);
    }
    const float ox = L.out_x, oy = L.out_y;
    axis_label(app, dl, pr, {ox + float(L.wo) + 1.8f, oy - float(L.ho) * 0.5f, 0}, Str::ConvAxisHo, L.ho, Role::Height);
    axis_label(app, dl, pr, {ox + float(L.wo) * 0.5f, oy + 1.2f, 0}, Str::ConvAxisWo, L.wo, Role::Width);
    axis_label(app, dl, pr, {ox + float(L.wo) + 1.2f, oy - float(L.ho) - 1.0f, -float(L.cout - 1) * L.gap_out * 0.5f},
               pool ? Str::ConvAxisC : Str::ConvAxisCout, L.cout, pool ? Role::Channels : Role::OutChannels);
    std::snprintf(buf, sizeof buf, "%s %s", tr(lang, mid_out ? Str::ConvTitleMid : Str::ConvTitleOutput),
                  (pool ? v.layer.analysis.output : v.stage_out).to_string().c_str());
    title_at(app, dl, pr, {ox + float(L.wo) * 0.5f, oy + 3.6f, 0}, buf);

    // Lines from the window's corners to the output value.
    const auto& taps = pool ? v.pool_step.taps : v.step.taps;
    const int64_t filter = pool ? v.pool_step.channel : v.step.filter;
    const int64_t oi = pool ? v.pool_step.out_i : v.step.out_i, oj = pool ? v.pool_step.out_j : v.step.out_j;
    if (!taps.empty()) {
        int64_t ch = 0;
        if (pool) ch = filter;
        else if (v.step.channel >= 0) ch = v.step.channel;
        else if (L.depth == 1) ch = convlab::conv_trace_input_channel(v.src, filter, 0);
        const convlab::TraceTap& a = taps.front();
        const convlab::TraceTap& b = taps.back();
        const Vec3 corners[4] = {input_cell(L, a.row, a.col, ch), input_cell(L, a.row, b.col, ch),
                                 input_cell(L, b.row, a.col, ch), input_cell(L, b.row, b.col, ch)};
        ImVec2 target;
        if (pr.at(output_cell(L, oi, oj, filter), &target)) {
            const ImU32 line = role_u32(Role::OutChannels, dark, 0.55f);
            for (const Vec3& c : corners) {
                ImVec2 s;
                const float dx = (&c == &corners[0] || &c == &corners[2]) ? -0.5f : 0.5f;
                const float dy = (&c == &corners[0] || &c == &corners[1]) ? 0.5f : -0.5f;
                if (pr.at({c.x + dx, c.y + dy, c.z}, &s)) dl->AddLine(s, target, line, 1.5f);
            }
        }
        // Values of the taps in focus and, zoomed in, of the filter slice.
        for (size_t t = 0; t < taps.size(); ++t) {
            const convlab::TraceTap& tap = taps[t];
            if (tap.padding) continue;
            value_label(dl, pr, input_cell(L, tap.row, tap.col, ch), v.x[size_t((tap.row * L.w + tap.col) * L.cin + ch)],
                        dark);
        }
        if (!pool && v.step.kind == convlab::TraceStepKind::Channel && !v.step.weights.empty()) {
            for (int64_t p = 0; p < L.kh; ++p)
                for (int64_t q = 0; q < L.kw; ++q)
                    value_label(dl, pr, kernel_cell(L, p, q, v.step.channel), v.step.weights[size_t(p * L.kw + q)], dark);
        }
        value_label(dl, pr, output_cell(L, oi, oj, filter), pool ? v.pool_step.value : v.step.partial_sum, dark, 24.0f);
    }
    dl->PopClipRect();
}

// A graph's branches named beside their tints ("conv2d_1: 16 channels +
// conv2d_2: 12 channels"), in the picture's bottom-left corner above the hint,
// wrapped onto more lines where the picture is narrow.
// Only channels that are joined get a "+": between an Add's inputs it would
// say the channels add up, the very mistake the Add picture is there to undo.
void branch_legend(const App& app, ImDrawList* dl, ImVec2 origin, ImVec2 size, float bottom,
                   const std::vector<ConcatBranch>& branches, bool joined) {
    if (branches.empty()) return;
    const Lang lang = app.language.shown;
    const float picture_h = bottom - origin.y;
    const float line_h = ImGui::GetTextLineHeight(), sw = line_h * 0.8f, gap = 6.0f;
    struct Item { std::string text; int tint; ImVec2 at; };
    std::vector<Item> items;
    for (size_t j = 0; j < branches.size(); ++j) {
        std::string t;
        fill_template(&t, tr(lang, Str::ConvBranchChannels), {branches[j].name, count(branches[j].channels)});
        if (joined && j + 1 < branches.size()) t += " +";
        items.push_back({t, int(j), {}});
    }
    // Place left to right, breaking lines; then move the block up to sit on `bottom`.
    float x = 0, y = 0, widest = 0;
    const float room = size.x - 24.0f;
    for (Item& it : items) {
        const float w = sw + 4.0f + ImGui::CalcTextSize(it.text.c_str()).x;
        if (x > 0 && x + w > room) x = 0, y += line_h + 4.0f;
        it.at = ImVec2(x, y);
        x += w + gap * 2.0f;
        widest = std::max(widest, x);
    }
    const float height = y + line_h;
    // A picture too small to spare the room (a phone held sideways) leaves the
    // legend to the side panel, which lists the same branches.
    if (height + 12.0f > picture_h * 0.3f) return;
    const ImVec2 top_left(origin.x + 8.0f, bottom - height - 6.0f);
    dl->AddRectFilled(ImVec2(top_left.x - 4, top_left.y - 3), ImVec2(top_left.x + std::min(widest, room) + 4, bottom - 3),
                      app.dark ? IM_COL32(20, 22, 26, 210) : IM_COL32(255, 255, 255, 225), 3.0f);
    for (const Item& it : items) {
        float rgb[3];
        branch_tint(it.tint, app.dark, rgb);
        const ImVec2 a(top_left.x + it.at.x, top_left.y + it.at.y + (line_h - sw) * 0.5f);
        dl->AddRectFilled(a, ImVec2(a.x + sw, a.y + sw), ImGui::ColorConvertFloat4ToU32(ImVec4(rgb[0], rgb[1], rgb[2], 1.0f)), 2.0f);
        dl->AddText(ImVec2(a.x + sw + 4.0f, top_left.y + it.at.y), ImGui::GetColorU32(ImGuiCol_Text), it.text.c_str());
    }
}

// A merge's labels: each input's name and shape over its stack and its C,
// the output's; a Concatenate's copy as a line from the input slab to the
// output slab; an elementwise merge's operator between the inputs and lines
// from the cells in play to the output cell, with their values when zoomed in.
void draw_merge_overlay(const App& app, const ConvView& v, const MergeLayout& M, const Projector& pr) {
    const Lang lang = app.language.shown;
    const bool dark = app.dark;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(pr.origin, ImVec2(pr.origin.x + pr.size.x, pr.origin.y + pr.size.y), true);
    g_placed_labels.clear();
    const convlab::MergeTraceStep& st = v.merge_step;
    const bool concat = v.merge.kind == LayerKind::Concatenate;
    char buf[160];
    for (int j = 0; j < M.inputs; ++j) {
        const std::string& name = size_t(j) < v.merge_names.size() ? v.merge_names[size_t(j)] : std::string();
        std::snprintf(buf, sizeof buf, "%s %s", name.c_str(),
                      convlab::Shape::image(M.h, M.w, M.channels[j]).to_string().c_str());
        title_at(app, dl, pr, {float(M.w) * 0.5f, M.in_y[j] + 1.6f, M.in_z[j]}, buf);
        // Beside the stack's front face, not halfway back: there it lands on the face itself.
        axis_label(app, dl, pr, {float(M.w) + 2.5f, M.in_y[j] - float(M.h) * 0.3f, M.in_z[j]}, Str::ConvAxisC,
                   M.channels[j], Role::Channels);
    }
    std::snprintf(buf, sizeof buf, "%s %s", tr(lang, Str::ConvTitleOutput), v.layer.analysis.output.to_string().c_str());
    title_at(app, dl, pr, {M.out_x + float(M.w) * 0.5f, M.out_y + 1.6f, 0}, buf);
    axis_label(app, dl, pr, {M.out_x + float(M.w) + 2.5f, M.out_y - float(M.h) * 0.3f, 0.0f}, Str::ConvAxisC, M.cout,
               Role::Channels);
    if (concat) {
        ImVec2 a, b;
        float rgb[3];
        branch_tint(st.input, dark, rgb);
        const ImU32 line = ImGui::ColorConvertFloat4ToU32(ImVec4(rgb[0], rgb[1], rgb[2], 0.8f));
        if (st.input < M.inputs && pr.at(merge_input_cell(M, st.input, M.h / 2, M.w - 1, st.in_channel), &a) &&
            pr.at(merge_output_cell(M, M.h / 2, 0, st.channel), &b))
            dl->AddLine(a, b, line, 2.5f);
    } else {
        // The operator between the stacks: what is done to the values one above the other.
        const char* op = v.merge.kind == LayerKind::Subtract ? "−" : v.merge.kind == LayerKind::Multiply ? "×"
                       : v.merge.kind == LayerKind::Maximum ? "max" : v.merge.kind == LayerKind::Minimum ? "min"
                       : v.merge.kind == LayerKind::Average ? "mean" : "+";
        for (int j = 0; j + 1 < M.inputs; ++j) {
            ImVec2 at;
            if (pr.at({float(M.w) * 0.5f, (M.in_y[j] - float(M.h) + M.in_y[j + 1] + 1.6f) * 0.5f - 0.6f, 0.0f}, &at))
                label_at(dl, at, op, ImGui::GetColorU32(ImGuiCol_Text), dark, app.theme.fonts.big);
        }
        ImVec2 target;
        const Vec3 out_cell = merge_output_cell(M, st.out_i, st.out_j, st.channel);
        if (pr.at(out_cell, &target)) {
            for (int j = 0; j < M.inputs; ++j) {
                ImVec2 s;
                float rgb[3];
                branch_tint(j, dark, rgb);
                if (pr.at(merge_input_cell(M, j, st.out_i, st.out_j, st.channel), &s))
                    dl->AddLine(s, target, ImGui::ColorConvertFloat4ToU32(ImVec4(rgb[0], rgb[1], rgb[2], 0.75f)), 1.5f);
            }
        }
        for (int j = 0; j < M.inputs && size_t(j) < st.inputs.size(); ++j)
            value_label(dl, pr, merge_input_cell(M, j, st.out_i, st.out_j, st.channel), st.inputs[size_t(j)], dark, 24.0f);
        value_label(dl, pr, out_cell, st.value, dark, 24.0f);
    }
    dl->PopClipRect();
}

// The picture: framebuffer, image, camera input, labels.
void picture(App& app, ConvView& v, ImVec2 size) {
    const Lang lang = app.language.shown;
    if (v.renderer.failed) {
        ImGui::TextWrapped("%s", tr(lang, Str::ConvRendererFailed));
        return;
    }
    // A merge has its own layout (its inputs and output); every other subject the convolution's.
    const bool merge = v.subject == ConvSubject::Merge;
    const SceneLayout L = merge ? SceneLayout{} : scene_layout(v);
    const MergeLayout M = merge ? merge_layout(v) : MergeLayout{};
    const float aspect = size.x / std::max(1.0f, size.y);
    if (!v.camera_framed) {
        Vec3 lo, hi;
        if (merge) merge_bounds(M, &lo, &hi);
        else scene_bounds(L, &lo, &hi);
        camera_frame(&v.camera, lo, hi, aspect);
        v.camera_framed = true;
    }
    if (!v.uploaded) {
        if (merge) {
            for (int j = 0; j < M.inputs; ++j)
                renderer_upload(&v.merge_slabs[j], v.merge_x[size_t(j)].data(), int(M.h), int(M.w), int(M.channels[j]));
            renderer_upload(&v.output_slabs, v.y.data(), int(M.h), int(M.w), int(M.cout));
        } else {
            renderer_upload(&v.input_slabs, v.x.data(), int(L.h), int(L.w), int(L.cin));
            renderer_upload(&v.output_slabs, v.y.data(), int(L.ho), int(L.wo), int(L.cout));
        }
        v.output_slabs.pad[0] = v.output_slabs.pad[1] = v.output_slabs.pad[2] = v.output_slabs.pad[3] = 0.0f;
        v.uploaded = true;
    }
    const Mat4 vp = camera_view_proj(v.camera, aspect);
    const Vec3 eye = camera_eye(v.camera);
    if (merge) build_merge_instances(v, M, app.dark, eye);
    else build_instances(v, L, app.dark, eye);
    const int fb_w = std::max(1, int(size.x * app.pixel_ratio)), fb_h = std::max(1, int(size.y * app.pixel_ratio));
    uint32_t tex = 0;
    const double t0 = platform_now_ms();
    if (merge) draw_merge_scene(v, M, app.dark, vp, eye, fb_w, fb_h, &tex);
    else draw_scene(v, L, app.dark, vp, eye, fb_w, fb_h, &tex);
    if (v.renderer.redrawn) ++app.texture_changes;  // ImGui shows the new picture in this frame
    v.perf.draw_ms = platform_now_ms() - t0;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(tex)), size, ImVec2(0, 1), ImVec2(1, 0));
    const ImGuiIO& io = ImGui::GetIO();
    // The wheel zooms, also with a button held: a two-finger pinch (main.cpp
    // turns it into wheel notches) holds the emulated left button down.
    if (io.MouseWheel != 0.0f && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem))
        conv_view_zoom(v, io.MouseWheel);
    if (ImGui::IsItemHovered()) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    if (ImGui::IsItemActive() || (ImGui::IsItemHovered() && ImGui::IsMouseDragging(ImGuiMouseButton_Left))) {
        if (ImGui::IsMouseDragging(ImGuiMouseButton_Left)) camera_orbit(&v.camera, io.MouseDelta.x, io.MouseDelta.y);
    }
    Projector pr{vp, origin, size};
    if (merge) draw_merge_overlay(app, v, M, pr);
    else draw_overlay(app, v, L, pr);
    // The hint and the legend, in the picture's corners.
    // On a backdrop, so a block turned over the corner does not hide it.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 hint_at(origin.x + 8, origin.y + size.y - ImGui::GetFontSize() - 6);
    const ImVec2 hint_size = ImGui::CalcTextSize(tr(lang, Str::ConvHint));
    dl->AddRectFilled(ImVec2(hint_at.x - 4, hint_at.y - 2), ImVec2(hint_at.x + hint_size.x + 4, hint_at.y + hint_size.y + 2),
                      app.dark ? IM_COL32(20, 22, 26, 210) : IM_COL32(255, 255, 255, 220), 3.0f);
    dl->AddText(hint_at, ImGui::GetColorU32(ImGuiCol_TextDisabled), tr(lang, Str::ConvHint));
    // Which tint is which branch: the merge's inputs, or the Concatenate a convolution reads.
    std::vector<ConcatBranch> branches = v.concat.branches;
    if (merge) {
        branches.clear();
        for (int j = 0; j < M.inputs; ++j)
            branches.push_back({size_t(j) < v.merge_names.size() ? v.merge_names[size_t(j)] : std::string(), M.channels[j]});
    }
    dl->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
    const bool joined = !merge || v.layer.kind == convlab::LayerKind::Concatenate;
    branch_legend(app, dl, origin, size, hint_at.y, branches, joined);
    dl->PopClipRect();
}

void heading(const App& app, Str s) {  // wrapped: the side column is narrow at 1280×720, more so in Chinese
    ImGui::PushFont(app.theme.fonts.bold);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(tr(app.language.shown, s));
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
}

// The Kh×Kw products of a channel step, as a small grid, and their sum.
void products_grid(const App& app, const ConvView& v) {
    const convlab::ConvTraceStep& s = v.step;
    const int64_t kw = v.src.g.kw;
    ImGui::PushFont(app.theme.fonts.mono);
    // As many decimals as fit a column ("-0.000", "-0.00", "-0.0"): a narrow
    // side panel (1024 px) must not cut the products. The tooltip has them all.
    const int64_t cols = std::min<int64_t>(kw, 7);
    const float column_w = ImGui::GetContentRegionAvail().x / float(std::max<int64_t>(1, cols));
    const float pad = 2.0f * ImGui::GetStyle().CellPadding.x + 2.0f;
    const char* format = "%.1f";
    if (ImGui::CalcTextSize("-0.000").x + pad <= column_w) format = "%.3f";
    else if (ImGui::CalcTextSize("-0.00").x + pad <= column_w) format = "%.2f";
    if (ImGui::BeginTable("conv_products", int(cols), ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame)) {
        for (size_t t = 0; t < s.products.size(); ++t) {
            if (int64_t(t) % kw >= 7) continue;
            if (int64_t(t) % kw == 0) ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(int(int64_t(t) % kw));
            if (s.taps[t].padding) ImGui::TextDisabled("0");
            else ImGui::Text(format, double(s.products[t]) + 0.0);  // + 0.0 turns −0 into 0
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%.3f × %.3f = %.3g", double(s.inputs[t]), double(s.weights[t]), double(s.products[t]) + 0.0);
        }
        ImGui::EndTable();
    }
    ImGui::PopFont();
}

// Which pixels of the model's input the value in focus depends on, through
// every layer before it: the layer's receptive field (core) placed at the value.
void value_field_line(const App& app, ConvView& v, int64_t out_i, int64_t out_j) {
    v.value_field_ok = false;
    if (v.source != ConvSource::Model || v.mistake || !app.model_ok) return;
    const std::vector<convlab::ReceptiveField>& fields = shown_fields(app);
    if (v.shown_row < 0 || size_t(v.shown_row) >= fields.size()) return;
    const convlab::ReceptiveField& f = fields[size_t(v.shown_row)];
    const convlab::Shape& in = app.summary.input;
    if (f.kind != convlab::FieldKind::Local || f.axes != 2 || in.rank != 3) return;
    int64_t* b = v.value_field;
    b[0] = out_i * f.rows.jump + f.rows.start;
    b[1] = b[0] + f.rows.size - 1;
    b[2] = out_j * f.cols.jump + f.cols.start;
    b[3] = b[2] + f.cols.size - 1;
    v.value_field_ok = true;
    std::string line;
    fill_template(&line, tr(app.language.shown, Str::ConvValueField),
                  {std::to_string(out_i), std::to_string(out_j), std::to_string(b[0]), std::to_string(b[1]),
                   std::to_string(b[2]), std::to_string(b[3]), std::to_string(in.h()), std::to_string(in.w()),
                   convlab::field_size_text(f)});
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", line.c_str());
    ImGui::PopStyleColor();
}

void number_row(const App& app, Str label, const std::string& value, ImVec4 color) {
    const Lang lang = app.language.shown;
    ImGui::TextUnformatted(tr(lang, label));
    ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.55f);
    ImGui::PushFont(app.theme.fonts.mono);
    ImGui::TextColored(color, "%s", value.c_str());
    ImGui::PopFont();
}

// The playground: Cin, Kh, Kw, Cout, stride, dilation, padding.
void fields_editor(App& app, ConvView& v) {
    const Lang lang = app.language.shown;
    heading(app, Str::ConvFieldsTitle);
    struct F { Str label; const char* id; const char* name; int64_t* value; };
    const F fields[] = {{Str::ConvFieldCin, "conv_f_cin", "cin", &v.fields.cin},
                        {Str::ConvFieldKh, "conv_f_kh", "kh", &v.fields.kh},
                        {Str::ConvFieldKw, "conv_f_kw", "kw", &v.fields.kw},
                        {Str::ConvFieldCout, "conv_f_cout", "cout", &v.fields.cout},
                        {Str::ConvFieldStride, "conv_f_stride", "stride", &v.fields.stride},
                        {Str::ConvFieldDilation, "conv_f_dilation", "dilation", &v.fields.dilation}};
    const float w = ImGui::GetContentRegionAvail().x * 0.55f;
    for (const F& f : fields) {
        ImGui::SetNextItemWidth(w);
        long long value = static_cast<long long>(*f.value);
        const long long step = 1;
        if (ImGui::InputScalar(tr_id(app.labels, lang, f.label, f.id), ImGuiDataType_S64, &value, &step, nullptr, "%lld")) {
            std::string error;
            conv_view_set_field(app, v, f.name, std::to_string(value), &error);
        }
    }
    int same = v.fields.padding == convlab::Padding::Same ? 1 : 0;
    ImGui::SetNextItemWidth(w);
    const char* items[] = {"valid", "same"};
    if (ImGui::Combo(tr_id(app.labels, lang, Str::ConvFieldPadding, "conv_f_padding"), &same, items, 2)) {
        std::string error;
        conv_view_set_field(app, v, "padding", same ? "same" : "valid", &error);
    }
    if (!v.problem.message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, app.dark ? ImVec4(1.0f, 0.55f, 0.50f, 1) : ImVec4(0.75f, 0.15f, 0.10f, 1));
        // In the UI's language (problem_text), placed as the core placed it: layer 2 of Input + this layer.
        convlab::ModelSpec where;
        where.layers = {convlab::make_layer(LayerKind::InputLayer), v.spec};
        ImGui::TextWrapped("%s %s", tr(lang, Str::ConvRefused), problem_text(lang, v.problem, where).c_str());
        ImGui::PopStyleColor();
    }
}

const convlab::Mistake* forgot_in_channels(const convlab::LayerSummary& l) {
    for (const convlab::Mistake& m : l.analysis.mistakes)
        if (m.kind == convlab::MistakeKind::ForgotInChannels) return &m;
    return nullptr;
}

// SeparableConv2D: the two stages' weights, the one shown in colour, their sum
// (the summary's Param #), and what a Conv2D of the same kernel and filters costs.
void separable_section(const App& app, const ConvView& v) {
    const Lang lang = app.language.shown;
    const bool dark = app.dark;
    const convlab::SeparableGeometry& g = v.sep_g;
    ImGui::Spacing();
    heading(app, Str::ConvSeparableTitle);
    const ImVec4 on = role_color(Role::InChannels, dark), off = ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
    std::string line;
    fill_template(&line, tr(lang, Str::ConvSeparableStage1),
                  {count(g.depthwise.cout), count(g.depthwise.kh), count(g.depthwise.kw), count(v.stage_weights[0])});
    ImGui::PushStyleColor(ImGuiCol_Text, v.stage == 0 ? on : off);
    ImGui::TextWrapped("%s", line.c_str());
    ImGui::PopStyleColor();
    fill_template(&line, tr(lang, v.spec.use_bias ? Str::ConvSeparableStage2 : Str::ConvSeparableStage2NoBias),
                  {count(g.pointwise.cout), count(g.pointwise.cin), count(v.stage_weights[1])});
    ImGui::PushStyleColor(ImGuiCol_Text, v.stage == 1 ? on : off);
    ImGui::TextWrapped("%s", line.c_str());
    ImGui::PopStyleColor();
    fill_template(&line, tr(lang, Str::ConvSeparableTotal),
                  {count(v.stage_weights[0]), count(v.stage_weights[1]), count(v.layer.analysis.params)});
    ImGui::TextWrapped("%s", line.c_str());
    if (v.base_spec.kind == LayerKind::Conv2D) {
        ImGui::TextDisabled("%s", tr(lang, Str::ConvSeparableFull));
        formula_view(app, v.base_layer.analysis.param_formula, false);
    }
}

// A tint's swatch in the side panel, then the text on the same line.
void swatch_text(const App& app, int tint, const std::string& text) {
    float rgb[3];
    branch_tint(tint, app.dark, rgb);
    const float s = ImGui::GetTextLineHeight() * 0.8f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float dy = (ImGui::GetTextLineHeight() - s) * 0.5f;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, at.y + dy), ImVec2(at.x + s, at.y + dy + s),
                                              ImGui::ColorConvertFloat4ToU32(ImVec4(rgb[0], rgb[1], rgb[2], 1.0f)), 2.0f);
    ImGui::Dummy(ImVec2(s, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
    ImGui::TextWrapped("%s", text.c_str());
}

// A merge: where the values come from, its inputs by tint, then for a
// Concatenate the channel sum (the core's) and the step's copy, for an
// elementwise merge the step's arithmetic on the network's values; why Param # is 0.
void merge_side(const App& app, const ConvView& v) {
    const Lang lang = app.language.shown;
    const Digits& digits = app.digits;
    std::string line;
    if (digits.state == DigitsState::Loading) ImGui::TextDisabled("%s", tr(lang, Str::ConvLoadingDigits));
    else if (digits.state == DigitsState::Failed) ImGui::TextDisabled("%s", tr(lang, Str::ConvDigitsFailed));
    if (digits.state == DigitsState::Ready && digits.split.test.count > 0) {
        fill_template(&line, tr(lang, Str::ConvMergeValues), {std::to_string(digits.split.test.labels[0])});
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", line.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Separator();
    const bool concat = v.merge.kind == LayerKind::Concatenate;
    const convlab::MergeTraceStep& st = v.merge_step;
    if (concat) {
        heading(app, Str::ConvConcatTitle);
    } else {
        fill_template(&line, tr(lang, Str::ConvMergeTitle), {convlab::layer_kind_info(v.merge.kind).class_name});
        ImGui::PushFont(app.theme.fonts.bold);
        ImGui::TextWrapped("%s", line.c_str());
        ImGui::PopFont();
    }
    for (size_t j = 0; j < v.merge.channels.size() && j < size_t(kMergeDrawn); ++j) {
        fill_template(&line, tr(lang, Str::ConvBranchChannels),
                      {j < v.merge_names.size() ? v.merge_names[j] : std::string(), count(v.merge.channels[j])});
        swatch_text(app, int(j), line);
    }
    ImGui::Spacing();
    const ImVec4 out_c = role_color(Role::OutChannels, app.dark);
    if (concat) {
        fill_template(&line, tr(lang, Str::ConvConcatSum), {v.merge_sum});
        ImGui::PushFont(app.theme.fonts.big);
        ImGui::PushStyleColor(ImGuiCol_Text, out_c);
        ImGui::TextWrapped("%s", line.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
        ImGui::Spacing();
        swatch_text(app, st.input, v.description);
    } else {
        ImGui::PushFont(app.theme.fonts.mono);
        ImGui::PushStyleColor(ImGuiCol_Text, out_c);
        ImGui::TextWrapped("%s", merge_equation(v).c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
        fill_template(&line, tr(lang, Str::ConvMergeAt), {count(st.out_i), count(st.out_j), count(st.channel + 1)});
        ImGui::TextWrapped("%s", line.c_str());
    }
    ImGui::Separator();
    if (concat) {
        ImGui::TextWrapped("%s", tr(lang, Str::ConvConcatWhy));
    } else {
        fill_template(&line, tr(lang, Str::ConvMergeWhy), {v.layer.analysis.output.to_string()});
        ImGui::TextWrapped("%s", line.c_str());
    }
}

void side_panel(App& app, ConvView& v) {
    if (v.subject == ConvSubject::Merge) {
        merge_side(app, v);
        return;
    }
    const Lang lang = app.language.shown;
    const bool dark = app.dark;
    const ImVec4 in_c = role_color(Role::InChannels, dark), out_c = role_color(Role::OutChannels, dark);
    const ImVec4 text_c = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    // Where the numbers come from.
    const Digits& digits = app.digits;
    if (digits.state == DigitsState::Loading) ImGui::TextDisabled("%s", tr(lang, Str::ConvLoadingDigits));
    else if (digits.state == DigitsState::Failed) ImGui::TextDisabled("%s", tr(lang, Str::ConvDigitsFailed));
    const bool have_digit = digits.state == DigitsState::Ready && digits.split.test.count > 0;
    const std::string first_label = have_digit ? std::to_string(digits.split.test.labels[0]) : "";
    std::string line;
    if (!v.input_name.empty() && have_digit)
        fill_template(&line, tr(lang, Str::ConvInputActivations), {v.input_name, first_label});
    else if (v.layer.input.c() > 1)
        fill_template(&line, tr(lang, Str::ConvInputDigits), {});
    else if (have_digit)
        fill_template(&line, tr(lang, Str::ConvInputDigit), {first_label});
    if (!line.empty()) ImGui::TextWrapped("%s", line.c_str());
    // Read from a Concatenate: which tint is which branch (the picture's legend, said again here).
    for (size_t j = 0; v.subject == ConvSubject::Conv && j < v.concat.branches.size(); ++j) {
        fill_template(&line, tr(lang, Str::ConvBranchChannels), {v.concat.branches[j].name, count(v.concat.branches[j].channels)});
        swatch_text(app, int(j), line);
    }
    if (v.subject == ConvSubject::Conv) {
        line = conv_view_weights_note(lang, v);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", line.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Separator();

    if (v.subject == ConvSubject::Pool) {
        const bool up = v.pool.kind == LayerKind::UpSampling2D;
        heading(app, up ? Str::ConvUpsampleTitle : v.pool.kind == LayerKind::MaxPooling2D ? Str::ConvPoolMaxTitle : Str::ConvPoolMeanTitle);
        ImGui::PushFont(app.theme.fonts.mono);
        const convlab::PoolTraceStep& s = v.pool_step;
        if (ImGui::BeginTable("pool_window", int(std::max<int64_t>(1, v.pool.g.kw)), ImGuiTableFlags_Borders)) {
            for (size_t t = 0; t < s.inputs.size(); ++t) {
                if (int64_t(t) % v.pool.g.kw == 0) ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(int(int64_t(t) % v.pool.g.kw));
                if (s.taps[t].padding) ImGui::TextDisabled("%s", tr(lang, Str::ConvPadCell));
                else if (int64_t(t) == s.winner) ImGui::TextColored(out_c, "%.3f", double(s.inputs[t]));
                else ImGui::Text("%.3f", double(s.inputs[t]));
            }
            ImGui::EndTable();
        }
        ImGui::PopFont();
        number_row(app, Str::ConvOutputValue, num(s.value), out_c);
        if (up) {
            // Which input cell, and why there are no weights: the layer's size from its spec.
            fill_template(&line, tr(lang, Str::ConvStepUpsample),
                          {count(s.out_i), count(s.out_j), count(s.channel + 1), count(s.taps[0].row), count(s.taps[0].col),
                           num(s.value)});
            wrapped_text(line);  // breaks at spaces only: "0.066" stays whole in Chinese too
            ImGui::Spacing();
            fill_template(&line, tr(lang, Str::ConvUpsampleWhy), {count(v.upsample.size.h), count(v.upsample.size.w)});
            ImGui::TextWrapped("%s", line.c_str());
            return;
        }
        value_field_line(app, v, s.out_i, s.out_j);
        // No weight counter here: a window that only picks or averages meets no weights.
        ImGui::Spacing();
        ImGui::TextWrapped("%s", tr(lang, Str::ConvPoolWhy));
        return;
    }
    if (v.subject != ConvSubject::Conv) return;

    const convlab::ConvTraceStep& s = v.step;
    // The counter: the heart of the lesson.
    // While the lesson waits for a count, the counter does not say where it
    // ends: the layer's count (every filter's walk) or one filter's Kh·Kw·Cin + 1.
    const bool total_hidden = lesson_conv_hides_count(app);
    ImGui::PushFont(app.theme.fonts.big);
    ImGui::TextColored(in_c, "%s", count(s.weights_counted).c_str());
    if (!total_hidden) {
        ImGui::SameLine();
        ImGui::TextDisabled("/ %s", count(s.weights_total).c_str());
    }
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", tr(lang, Str::ConvWeightsMet));
    ImGui::PopStyleColor();
    if (v.mode == convlab::TraceMode::ChannelWalk) {
        if (s.kind == convlab::TraceStepKind::Channel) {
            heading(app, Str::ConvProducts);
            products_grid(app, v);
            number_row(app, Str::ConvSum, num(s.step_sum), text_c);
        } else {
            number_row(app, Str::ConvBias, num(s.step_sum), role_color(Role::Bias, dark));
        }
        number_row(app, Str::ConvRunningTotal, num(s.partial_sum), out_c);
    } else {
        number_row(app, Str::ConvOutputValue, num(s.partial_sum), out_c);
    }
    if (v.spec.activation != convlab::Activation::Linear &&
        (v.mode != convlab::TraceMode::ChannelWalk || s.kind == convlab::TraceStepKind::Bias || !v.src.b)) {
        float activated = 0.0f;
        convlab::activation_forward(v.spec.activation, &s.partial_sum, &activated, 1, 1);
        fill_template(&line, tr(lang, Str::ConvAfterActivation), {convlab::activation_name(v.spec.activation), num(activated)});
        ImGui::TextDisabled("%s", line.c_str());
    }
    value_field_line(app, v, s.out_i, s.out_j);
    ImGui::Separator();
    heading(app, Str::ParamsOf);
    // Chapter 1 asks for this count before any working is shown (the summary's
    // arithmetic panel waits the same way): the formula, and the mistake's
    // comparison that contains it, wait for the learner's guess.
    const bool count_hidden = lesson_conv_hides_count(app);
    const bool own_mistake = v.mistake && v.ignored_slices > 0;
    if (count_hidden) ImGui::TextWrapped("%s", tr(lang, Str::LessonWorkingHidden));
    else if (!own_mistake) formula_view(app, v.layer.analysis.param_formula, false);
    if (own_mistake && !count_hidden) {
        // The learner's count, drawn: each filter one Kh×Kw slice, on one input slice.
        ImGui::PushStyleColor(ImGuiCol_Text, dark ? ImVec4(1.0f, 0.55f, 0.50f, 1) : ImVec4(0.75f, 0.15f, 0.10f, 1));
        ImGui::TextWrapped("✗ %s", tr(lang, Str::ConvWrongCount));
        ImGui::PopStyleColor();
        formula_view(app, v.layer.analysis.param_formula, false);
        const int64_t cin = v.ignored_slices + 1;
        fill_template(&line, tr(lang, Str::ConvMistakeIgnores),
                      {count(cin), count(v.ignored_slices), count(v.layer.analysis.params / std::max<int64_t>(1, v.spec.filters)),
                       count(v.base_per_filter)});
        ImGui::TextWrapped("%s", line.c_str());
        ImGui::Spacing();
        ImGui::TextDisabled("%s", tr(lang, Str::ConvRealCount));
        formula_view(app, v.base_layer.analysis.param_formula, false);
        fill_template(&line, tr(lang, Str::ConvPerFilter), {count(v.base_per_filter)});
        ImGui::PushStyleColor(ImGuiCol_Text, in_c);
        ImGui::TextWrapped("%s", line.c_str());  // "289 weights per filter (Kh·Kw·Cin + 1)" fits the narrow column
        ImGui::PopStyleColor();
        ImGui::TextWrapped("%s", tr(lang, Str::ConvMistakeSeePart2));
    }
    if (v.mistake && v.spec.kind == LayerKind::DepthwiseConv2D && !count_hidden) {
        ImGui::Spacing();
        heading(app, Str::ConvMistakeTitle);
        if (const convlab::Mistake* m = forgot_in_channels(v.base_layer)) {
            ImGui::TextDisabled("%s", tr(lang, Str::ConvWrongCount));
            formula_view(app, m->working, false);
        }
        ImGui::TextDisabled("%s", tr(lang, Str::ConvRealCount));
        formula_view(app, v.base_layer.analysis.param_formula, false);
        fill_template(&line, tr(lang, Str::ConvPerFilter), {count(v.base_per_filter)});
        ImGui::PushStyleColor(ImGuiCol_Text, in_c);
        ImGui::TextWrapped("%s", line.c_str());  // "289 weights per filter (Kh·Kw·Cin + 1)" fits the narrow column
        ImGui::PopStyleColor();
        ImGui::PushStyleColor(ImGuiCol_Text, dark ? ImVec4(1.0f, 0.55f, 0.50f, 1) : ImVec4(0.75f, 0.15f, 0.10f, 1));
        ImGui::TextWrapped("✗ %s", tr(lang, Str::ConvMistakeWhy));
        ImGui::PopStyleColor();
        fill_template(&line, tr(lang, Str::ConvMistakeDepthwise),
                      {count(v.layer.input.c()), count(v.layer.analysis.output.c()), count(v.layer.analysis.params)});
        ImGui::TextWrapped("%s", line.c_str());
    }
    if (conv_view_separable(v)) separable_section(app, v);
    if (v.spec.kind == LayerKind::Conv1D) {
        ImGui::Spacing();
        fill_template(&line, tr(lang, Str::ConvConv1DNote),
                      {v.layer.input.to_string(), count(v.src.g.w), count(v.src.g.kw), count(v.src.g.cin)});
        ImGui::TextWrapped("%s", line.c_str());
    }
    if (v.spec.kind == LayerKind::Conv2DTranspose && v.spread.g.h > 0) {
        // Where the spread input and the border come from: the core's numbers.
        ImGui::Spacing();
        heading(app, Str::ConvTransposeTitle);
        const convlab::TransposeAsConv& t = v.spread;
        fill_template(&line, tr(lang, Str::ConvTransposeSpread),
                      {v.layer.input.to_string(), count(t.stride_h), count(t.stride_w), count(t.zeros_between_h),
                       count(t.zeros_between_w), count(t.g.pad_top), count(t.pad_bottom), count(t.g.pad_left),
                       count(t.pad_right), v.stage_out.to_string()});
        ImGui::TextWrapped("%s", line.c_str());
    }
    ImGui::Separator();
    heading(app, Str::OutputSizeOf);
    if (!v.layer.analysis.height.formula.empty()) {
        ImGui::TextDisabled("%s", tr(lang, Str::RoleHeight));
        ImGui::SameLine(70.0f);
        formula_view(app, v.layer.analysis.height.formula, false);
        ImGui::TextDisabled("%s", tr(lang, Str::RoleWidth));
        ImGui::SameLine(70.0f);
        formula_view(app, v.layer.analysis.width.formula, false);
    }
    if (v.spec.padding == convlab::Padding::Same) {
        fill_template(&line, tr(lang, Str::ConvPaddingSame),
                      {count(v.layer.analysis.height.pad_before), count(v.layer.analysis.height.pad_after),
                       count(v.layer.analysis.width.pad_before), count(v.layer.analysis.width.pad_after)});
        ImGui::TextWrapped("%s", line.c_str());
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", tr(lang, Str::ConvLegend));
    ImGui::PopStyleColor();
    ImGui::Separator();
    if (v.spec.kind == LayerKind::Conv2D || v.source == ConvSource::Playground) fields_editor(app, v);
}

// Flatten → Dense: where 9,072 × 128 + 128 comes from, from the core's formulas.
void dense_panel(App& app, ConvView& v) {
    const Lang lang = app.language.shown;
    const convlab::ModelSummary& sum = app.summary;
    int row = v.shown_row;
    if (v.layer.kind == LayerKind::Flatten && row + 1 < int(sum.layers.size())) ++row;
    const convlab::LayerSummary& dense = sum.layers[size_t(row)];
    heading(app, Str::ConvDenseTitle);
    if (row > 0 && sum.layers[size_t(row - 1)].kind == LayerKind::Flatten) {
        const convlab::LayerSummary& flat = sum.layers[size_t(row - 1)];
        ImGui::TextWrapped("%s", tr(lang, Str::ConvDenseFlatten));
        formula_view(app, flat.analysis.size_formula, false);
    }
    std::string line;
    fill_template(&line, tr(lang, Str::ConvDenseWhy), {count(dense.input.c()), count(dense.analysis.output.c())});
    ImGui::TextWrapped("%s", line.c_str());
    formula_view(app, dense.analysis.param_formula, true);
}

void top_bar(App& app, ConvView& v) {
    const Lang lang = app.language.shown;
    const convlab::ModelSummary& sum = app.summary;
    std::string preview;
    if (v.source == ConvSource::Model && app.model_ok && v.shown_row < int(sum.layers.size()))
        preview = sum.layers[size_t(v.shown_row)].name + " (" +
                  convlab::layer_kind_info(sum.layers[size_t(v.shown_row)].kind).class_name + ")";
    else
        preview = tr(lang, v.source == ConvSource::Toy ? Str::ConvToy : Str::ConvPlayground);
    // As wide as the name shown ("max_pooling2d_1 (MaxPooling2D)" uncut), within reason.
    const float preview_w = ImGui::CalcTextSize(preview.c_str()).x + ImGui::GetFrameHeight() + 2.0f * ImGui::GetStyle().FramePadding.x;
    ImGui::SetNextItemWidth(std::clamp(preview_w, ImGui::GetFontSize() * 14.0f, ImGui::GetFontSize() * 24.0f));
    if (ImGui::BeginCombo(tr_id(app.labels, lang, Str::ConvLayerCombo, "conv_layer"), preview.c_str())) {
        for (int i = 0; app.model_ok && i < int(sum.layers.size()); ++i) {
            const std::string label = sum.layers[size_t(i)].name + " (" +
                                      convlab::layer_kind_info(sum.layers[size_t(i)].kind).class_name + ")";
            if (ImGui::Selectable(label.c_str(), v.source == ConvSource::Model && v.shown_row == i)) {
                conv_view_pick_layer(app, v, i);
                app.selected_layer = i;
            }
        }
        ImGui::EndCombo();
    }
    // With a scrollbar's width to spare: a long layer name ("conv2d_transpose_1
    // (Conv2DTranspose)") left the button 7 px past the edge at 844 px in Chinese.
    same_line_if_fits(button_width(tr(lang, Str::ConvToy)) + ImGui::GetStyle().ScrollbarSize);
    if (ImGui::Button(tr_id(app.labels, lang, Str::ConvToy, "conv_toy"))) {
        conv_view_pick_toy(v);
    }
    note_item(app, "conv_toy");
    same_line_if_fits(checkbox_width(tr(lang, Str::ConvMistake)));
    if (ImGui::Checkbox(tr_id(app.labels, lang, Str::ConvMistake, "conv_mistake"), &v.mistake)) {
        v.mistake_part = 1;  // always the learner's own count first
        v.dirty = true;
        v.camera_framed = false;
    }
    same_line_if_fits(button_width(tr(lang, Str::ConvResetView)));
    if (ImGui::Button(tr_id(app.labels, lang, Str::ConvResetView, "conv_reset"))) v.camera_framed = false;
    // The mistake's two parts, each its own picture and words.
    if (v.mistake && v.base_spec.kind == LayerKind::Conv2D) {
        const Str parts[] = {Str::ConvMistakePart1, Str::ConvMistakePart2};
        const char* ids[] = {"conv_mistake_part1", "conv_mistake_part2"};
        for (int part = 1; part <= 2; ++part) {
            if (part > 1) same_line_if_fits(checkbox_width(tr(lang, parts[part - 1])));
            if (ImGui::RadioButton(tr_id(app.labels, lang, parts[part - 1], ids[part - 1]), v.mistake_part == part)) {
                v.mistake_part = part;
                v.dirty = true;
                v.camera_framed = false;
            }
            note_item(app, ids[part - 1]);
        }
    }
    if (v.subject == ConvSubject::Conv) {
        const Str modes[] = {Str::ConvModeWalk, Str::ConvModeSlide, Str::ConvModeAll};
        const char* ids[] = {"conv_mode1", "conv_mode2", "conv_mode3"};
        for (int m = 0; m < 3; ++m) {
            if (m) ImGui::SameLine();
            if (ImGui::RadioButton(tr_id(app.labels, lang, modes[m], ids[m]), int(v.mode) == m)) {
                v.mode = convlab::TraceMode(m);
                v.dirty = true;
            }
        }
    }
    if (conv_view_separable(v)) {
        // SeparableConv2D is two convolutions; the learner steps through one at a time.
        const Str stages[] = {Str::ConvStageDepthwise, Str::ConvStagePointwise};
        const char* ids[] = {"conv_stage1", "conv_stage2"};
        for (int k = 0; k < 2; ++k) {
            ImGui::SameLine(0.0f, k ? -1.0f : ImGui::GetFontSize() * 2.0f);
            if (ImGui::RadioButton(tr_id(app.labels, lang, stages[k], ids[k]), v.stage == k)) {
                v.stage = k;
                v.dirty = true;
                v.camera_framed = false;  // the two stages have different sizes
            }
        }
    }
}

// Computes the current step from the trace when it changed; the sentence follows.
void refresh_step(App& app, ConvView& v) {
    if (v.described_step == v.timeline.step) return;
    // While training runs, its newest weights are taken here, once a step, not every frame.
    if (app.training.phase == TrainPhase::Running && conv_view_follow_training(app, v)) conv_view_update(app, v);
    v.described_step = v.timeline.step;
    if (v.subject == ConvSubject::Conv) convlab::conv_trace_step(v.src, v.mode, v.focus, v.timeline.step, &v.step);
    else if (v.subject == ConvSubject::Pool && v.pool.kind == LayerKind::UpSampling2D)
        convlab::upsample_trace_step(v.upsample, v.focus.filter, v.timeline.step, &v.pool_step);
    else if (v.subject == ConvSubject::Pool) convlab::pool_trace_step(v.pool, v.focus.filter, v.timeline.step, &v.pool_step);
    else if (v.subject == ConvSubject::Merge)
        convlab::merge_trace_step(v.merge, v.focus.filter, v.timeline.step, &v.merge_step);
    conv_view_describe(app.language.shown, v);
    // The screen reader hears every step taken by hand, and at most one a second while playing.
    const double now = platform_now_ms();
    if (!v.timeline.playing || now - v.last_announce_ms > 1000.0) {
        platform_announce("sr-conv", v.description);
        v.last_announce_ms = now;
    }
}

}  // namespace

void conv_view_zoom(ConvView& v, float notches) {
    camera_zoom(&v.camera, notches);
    // Zooming in also walks the centre towards the window, so its values come into view.
    const float t = notches > 0 ? std::min(0.5f, 0.18f * notches) : 0.0f;
    v.camera.target.x += (v.action.x - v.camera.target.x) * t;
    v.camera.target.y += (v.action.y - v.camera.target.y) * t;
    v.camera.target.z += (v.action.z - v.camera.target.z) * t;
}

void conv_view_panel(App& app, ImVec2 size) {
    const Lang lang = app.language.shown;
    ConvView& v = app.conv;
    if (!v.initialised) {
        v.initialised = true;
        v.reduced_motion = platform_prefers_reduced_motion();
        renderer_init(&v.renderer, platform_glsl_version());
        if (v.layer_row < 0) conv_view_pick_layer(app, v, -1);
    }
    conv_perf_frame(&v.perf, app.frame_start_ms, app.frame_cpu_ms);
    const bool first_scene = v.step_count == 0;
    conv_view_update(app, v);
    if (first_scene && v.step_count > 0 && !v.reduced_motion) v.timeline.playing = true;
    timeline_advance(&v.timeline, double(ImGui::GetIO().DeltaTime));

    ImGui::BeginChild("convolution", size, false);
    top_bar(app, v);
    refresh_step(app, v);
    if (!app.model_ok && v.source == ConvSource::Model) {
        ImGui::TextWrapped("%s", tr(lang, Str::ConvNoModel));
        ImGui::EndChild();
        return;
    }
    if (v.subject == ConvSubject::Dense) {
        dense_panel(app, v);
        ImGui::EndChild();
        return;
    }
    if (v.subject == ConvSubject::Other || v.subject == ConvSubject::None) {
        ImGui::TextWrapped("%s", tr(lang, Str::ConvOtherLayer));
        if (v.source == ConvSource::Playground) fields_editor(app, v);
        ImGui::EndChild();
        return;
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float side_w = std::min(360.0f, std::max(260.0f, avail.x * 0.34f));
    // Below the picture: the step's sentence at its wrapped height (it is one
    // to three lines), then the player's row. Measured, not guessed, so a
    // small frame (an embedded 640×400) gives the picture every spare pixel.
    const float sentence_h = ImGui::CalcTextSize(v.description.c_str(), nullptr, false, avail.x).y;
    const float footer = ImGui::GetFrameHeightWithSpacing() * 1.5f + sentence_h + ImGui::GetStyle().ItemSpacing.y * 2.0f;
    const ImVec2 pic(std::max(100.0f, avail.x - side_w - 8.0f), std::max(100.0f, avail.y - footer));
    v.image_w = pic.x, v.image_h = pic.y;
    ImGui::BeginGroup();
    picture(app, v, pic);
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginChild("conv_side", ImVec2(0, pic.y), true);
    side_panel(app, v);
    ImGui::EndChild();
    // The step's sentence, then the player.
    wrapped_text(v.description);  // breaks at spaces only: "-0.009" stays whole
    timeline_controls(app.labels, lang, &v.timeline, app.tab == WorkspaceTab::Convolution);
    ImGui::EndChild();
}
