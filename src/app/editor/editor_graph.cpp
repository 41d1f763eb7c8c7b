// editor_graph.cpp: see editor_graph.h. The layout is redone only when the
// model changes (its link code is the key); a frame draws only the boxes and
// edges inside the visible part, so ResNet50's 177 boxes cost what a screenful does.
#include "app/editor/editor_graph.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "app/app.h"
#include "app/theme.h"
#include "core/analysis/layer_kind.h"
#include "core/io/summary_format.h"

namespace {

constexpr float kMargin = 12.0f;

}  // namespace

GraphLayout layout_graph(const convlab::ModelSpec& model) {
    GraphLayout out;
    const int n = int(model.layers.size());
    out.x.assign(size_t(n), 0.0f);
    out.y.assign(size_t(n), 0.0f);
    out.depth.assign(size_t(n), 0);
    // Longest path from an input: relax in passes; a graph in the order Keras
    // writes it (every layer after what it reads) settles in one pass, and n
    // passes bound a list in any order (a cycle, which the core reports, stops there too).
    for (int pass = 0; pass < n; ++pass) {
        bool changed = false;
        for (int i = 0; i < n; ++i) {
            int d = 0;
            for (const std::vector<convlab::TensorRef>& call : model.layers[size_t(i)].calls)
                for (const convlab::TensorRef& r : call)
                    if (r.layer >= 0 && r.layer < n && r.layer != i) d = std::max(d, out.depth[size_t(r.layer)] + 1);
            d = std::min(d, n);
            if (d != out.depth[size_t(i)]) {
                out.depth[size_t(i)] = d;
                changed = true;
            }
        }
        if (!changed) break;
    }
    int rows = 0;
    for (int d : out.depth) rows = std::max(rows, d + 1);
    std::vector<std::vector<int>> by_row(static_cast<size_t>(rows));
    for (int i = 0; i < n; ++i) by_row[size_t(out.depth[size_t(i)])].push_back(i);
    const float step = kGraphNodeW + kGraphGapX;
    float min_x = 0.0f, max_x = 0.0f;
    for (int d = 0; d < rows; ++d) {
        std::vector<int>& row = by_row[size_t(d)];
        // Each box wants to sit under the mean of the boxes it reads; the first
        // row (the inputs) and a layer reading nothing line up from the left.
        std::vector<std::pair<float, int>> want;
        for (size_t k = 0; k < row.size(); ++k) {
            const int i = row[k];
            float sum = 0.0f, count = 0.0f;
            for (const std::vector<convlab::TensorRef>& call : model.layers[size_t(i)].calls)
                for (size_t a = 0; a < call.size(); ++a) {
                    const convlab::TensorRef& r = call[a];
                    if (r.layer < 0 || r.layer >= n || out.depth[size_t(r.layer)] >= d) continue;
                    // A merge leans under its first input, the path that goes on.
                    const float weight = a == 0 ? 2.0f : 1.0f;
                    sum += out.x[size_t(r.layer)] * weight;
                    count += weight;
                }
            want.push_back({count > 0.0f ? sum / count : float(k) * step, i});
        }
        std::stable_sort(want.begin(), want.end(),
                         [](const std::pair<float, int>& a, const std::pair<float, int>& b) { return a.first < b.first; });
        // Left to right, no closer than a box and a gap; then the row is
        // shifted back so its boxes sit around where they wanted to be.
        float prev = -1e9f, shift = 0.0f;
        std::vector<float> xs;
        for (const auto& w : want) {
            const float x = std::max(w.first, prev + step);
            xs.push_back(x);
            shift += x - w.first;
            prev = x;
        }
        shift = want.empty() ? 0.0f : shift / float(want.size());
        for (size_t k = 0; k < want.size(); ++k) {
            const int i = want[k].second;
            out.x[size_t(i)] = xs[k] - shift;
            out.y[size_t(i)] = float(d) * (kGraphNodeH + kGraphGapY);
            min_x = std::min(min_x, out.x[size_t(i)]);
            max_x = std::max(max_x, out.x[size_t(i)]);
        }
    }
    for (float& x : out.x) x -= min_x;
    out.width = max_x - min_x + kGraphNodeW + kGraphGapX;  // and the lane of a skip right of the last column
    out.height = float(rows) * (kGraphNodeH + kGraphGapY) - kGraphGapY;
    return out;
}

void editor_graph_canvas(App& app, float width, float height) {
    ModelEditor& e = app.editor;
    const convlab::ModelSpec& model = app.model;
    const int n = int(model.layers.size());
    if (e.graph_layout.key != app.model_code || int(e.graph_layout.x.size()) != n) {
        e.graph_layout = layout_graph(model);
        e.graph_layout.key = app.model_code;
        e.graph_scrolled = -1;  // bring the selection into view in the new layout
    }
    const GraphLayout& L = e.graph_layout;
    ImGuiIO& io = ImGui::GetIO();
    // Ctrl+wheel or a pinch zooms (the wheel alone scrolls).
    const bool ctrl = io.KeyCtrl || app.pinch_notches != 0.0f;
    ImGui::BeginChild("graph", ImVec2(width, height), true,
                      ImGuiWindowFlags_HorizontalScrollbar | (ctrl ? ImGuiWindowFlags_NoScrollWithMouse : 0));
    const float z = e.graph_zoom;
    const ImVec2 origin = ImGui::GetCursorScreenPos();  // the content's top left, scrolled
    const ImVec2 win_min = ImGui::GetWindowPos(), win_size = ImGui::GetWindowSize();
    const ImVec2 view_min = win_min, view_max(win_min.x + win_size.x, win_min.y + win_size.y);
    const auto box_min = [&](int i) {
        return ImVec2(origin.x + kMargin + L.x[size_t(i)] * z, origin.y + kMargin + L.y[size_t(i)] * z);
    };
    const ImVec2 box(kGraphNodeW * z, kGraphNodeH * z);
    const auto visible = [&](ImVec2 a, ImVec2 b) {
        return b.x >= view_min.x && a.x <= view_max.x && b.y >= view_min.y && a.y <= view_max.y;
    };

    // What the core says per layer (rows are only for layers that are part of
    // the model). While the model cannot be built the boxes show no numbers:
    // the last valid summary's rows are of another graph, counted otherwise.
    static const convlab::ModelSummary none;
    const convlab::ModelSummary& shown = app.model_ok ? app.summary : none;
    std::vector<int> row_of(size_t(n), -1);
    for (size_t r = 0; r < shown.layers.size(); ++r)
        if (shown.layers[r].index >= 0 && shown.layers[r].index < n) row_of[size_t(shown.layers[r].index)] = int(r);
    const std::vector<std::string> names = convlab::layer_names(model, convlab::NamingStyle::Keras2);
    const int selected = e.selected_card;
    const bool dark = app.dark;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 edge = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const ImU32 edge_hot = ImGui::GetColorU32(ImGuiCol_HeaderActive);
    const ImU32 error = ImGui::GetColorU32(ImVec4(0.80f, 0.10f, 0.10f, 1.0f));

    // Edges first, under the boxes: from the bottom of what is read to the top
    // of the reader, one entry point per input so a merge's two arrive apart.
    for (int i = 0; i < n; ++i) {
        const auto& calls = model.layers[size_t(i)].calls;
        for (const std::vector<convlab::TensorRef>& call : calls) {
            const int k_count = int(call.size());
            for (int k = 0; k < k_count; ++k) {
                const int from = call[size_t(k)].layer;
                if (from < 0 || from >= n) continue;
                const ImVec2 a0 = box_min(from), b0 = box_min(i);
                const ImVec2 a(a0.x + box.x * 0.5f, a0.y + box.y);
                const ImVec2 b(b0.x + box.x * float(k + 1) / float(k_count + 1), b0.y);
                // The lane of a long skip lies right of both boxes: count it in.
                const float right = origin.x + kMargin + (std::max(L.x[size_t(from)], L.x[size_t(i)]) + kGraphNodeW + kGraphGapX) * z;
                const ImVec2 lo(std::min(a.x, b.x), std::min(a.y, b.y)), hi(std::max(b.x, right), std::max(a.y, b.y));
                if (!visible(lo, hi)) continue;
                const bool hot = i == selected || from == selected;
                const ImU32 colour = hot ? edge_hot : edge;
                const float thick = hot ? 2.5f : 1.2f;
                const int span = L.depth[size_t(i)] - L.depth[size_t(from)];
                if (span > 1) {
                    // A skip over rows: down a lane in the gap right of the two
                    // boxes, so it never runs under the boxes it passes.
                    const float lane = origin.x + kMargin +
                                       (std::max(L.x[size_t(from)], L.x[size_t(i)]) + kGraphNodeW + kGraphGapX * 0.5f) * z;
                    const float half = kGraphGapY * 0.5f * z;
                    const ImVec2 p1(lane, a.y + half), p2(lane, b.y - half);
                    draw->AddBezierCubic(a, ImVec2(a.x, p1.y), ImVec2(a.x, p1.y), p1, colour, thick);
                    draw->AddLine(p1, p2, colour, thick);
                    draw->AddBezierCubic(p2, ImVec2(b.x, p2.y), ImVec2(b.x, p2.y), b, colour, thick);
                } else {
                    const float bend = std::max(12.0f * z, (b.y - a.y) * 0.5f);
                    draw->AddBezierCubic(a, ImVec2(a.x, a.y + bend), ImVec2(b.x, b.y - bend), b, colour, thick);
                }
                // The arrow head says which way the tensor flows.
                const float h = 5.0f * std::max(z, 0.6f);
                draw->AddTriangleFilled(ImVec2(b.x - h, b.y - h * 1.4f), ImVec2(b.x + h, b.y - h * 1.4f), b,
                                        hot ? edge_hot : edge);
            }
        }
    }

    // The boxes: name and class, then the output shape and Param #.
    ImFont* bold = app.theme.fonts.bold;
    ImFont* mono = app.theme.fonts.mono;
    const float text_scale = std::min(1.0f, std::max(z, 0.5f));
    const float pad = 6.0f * z;
    e.graph_visible.clear();
    for (int i = 0; i < n; ++i) {
        const ImVec2 a = box_min(i), b(a.x + box.x, a.y + box.y);
        if (!visible(a, b)) continue;
        const convlab::LayerSpec& spec = model.layers[size_t(i)];
        const bool is_selected = i == selected;
        const bool bad = !app.model_ok && app.problem.layer == i;
        const bool left_out = app.model_ok && row_of[size_t(i)] < 0 && spec.kind != convlab::LayerKind::InputLayer;
        ImGui::SetCursorScreenPos(a);
        ImGui::PushID(i);
        if (ImGui::InvisibleButton("##node", box)) editor_select_card(app, i);
        const bool hovered = ImGui::IsItemHovered();
        ImGui::PopID();
        e.graph_visible.push_back({float(i), a.x, a.y, box.x, box.y});
        const ImU32 fill = bad           ? ImGui::GetColorU32(dark ? ImVec4(0.35f, 0.08f, 0.08f, 1) : ImVec4(1, 0.92f, 0.92f, 1))
                           : is_selected ? ImGui::GetColorU32(ImGuiCol_Header)
                           : hovered     ? ImGui::GetColorU32(ImGuiCol_FrameBgHovered)
                                         : ImGui::GetColorU32(ImGuiCol_FrameBg);
        draw->AddRectFilled(a, b, fill, 6.0f * z);
        const ImU32 border = bad ? error : is_selected ? edge_hot : ImGui::GetColorU32(ImGuiCol_Border);
        draw->AddRect(a, b, border, 6.0f * z, 0, is_selected || bad ? 2.0f : 1.0f);
        if (left_out) draw->AddRect(a, b, ImGui::GetColorU32(ImGuiCol_PlotHistogram), 6.0f * z, 0, 1.5f);
        draw->PushClipRect(ImVec2(a.x + 1, a.y + 1), ImVec2(b.x - 1, b.y - 1), true);
        const convlab::LayerKindInfo& info = convlab::layer_kind_info(spec.kind);
        const float size1 = bold->FontSize * text_scale, size2 = mono->FontSize * text_scale;
        const std::string title = i < int(names.size()) ? names[size_t(i)] : std::string();
        ImVec2 p(a.x + pad, a.y + pad * 0.6f);
        draw->AddText(bold, size1, p, ImGui::GetColorU32(ImGuiCol_Text), title.c_str());
        const float title_w = bold->CalcTextSizeA(size1, FLT_MAX, 0.0f, title.c_str()).x;
        draw->AddText(bold, size1, ImVec2(p.x + title_w + 6.0f * z, p.y), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                      info.class_name);
        std::string second;
        if (spec.kind == convlab::LayerKind::InputLayer) {
            second = spec.input_shape.to_string();
        } else if (row_of[size_t(i)] >= 0) {
            const convlab::LayerSummary& row = shown.layers[size_t(row_of[size_t(i)])];
            second = row.analysis.output.to_string() + "  " + convlab::with_thousands(row.analysis.params);
        } else if (left_out) {
            second = tr(app.language.shown, Str::GraphLeftOut);
        } else {
            second = "—";
        }
        p.y += size1 + 2.0f * z;
        draw->AddText(mono, size2, p, ImGui::GetColorU32(ImGuiCol_Text), second.c_str());
        draw->PopClipRect();
        if (hovered) ImGui::SetTooltip("%d  %s (%s)", i + 1, title.c_str(), info.class_name);
    }

    // The content's size, so the child scrolls over the whole graph.
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(L.width * z + 2.0f * kMargin, L.height * z + 2.0f * kMargin));

    // A model just loaded: as wide as the pane where that keeps the text
    // readable (70%); the next frame lays the boxes out at that zoom.
    if (e.graph_fit_wanted) {
        e.graph_fit_wanted = false;
        const float fit = (win_size.x - 2.0f * kMargin - ImGui::GetStyle().ScrollbarSize) / std::max(1.0f, L.width);
        e.graph_zoom_to = std::min(1.0f, std::max(0.7f, fit));
        e.graph_scrolled = -1;
    }
    // The selected layer stays in view: scrolled to once per selection.
    if (selected >= 0 && selected < n && e.graph_scrolled != selected) {
        const float cx = kMargin + (L.x[size_t(selected)] + kGraphNodeW * 0.5f) * z;
        const float cy = kMargin + (L.y[size_t(selected)] + kGraphNodeH * 0.5f) * z;
        const ImVec2 a = box_min(selected);
        if (!(a.x >= view_min.x && a.x + box.x <= view_max.x && a.y >= view_min.y && a.y + box.y <= view_max.y)) {
            ImGui::SetScrollX(std::max(0.0f, cx - win_size.x * 0.5f));
            ImGui::SetScrollY(std::max(0.0f, cy - win_size.y * 0.4f));
        }
        e.graph_scrolled = selected;
    }

    // Pan: a drag that starts on the background (not on a box) moves the view,
    // by mouse or by finger.
    const bool over_canvas = ImGui::IsWindowHovered();
    if (over_canvas && ImGui::IsMouseClicked(0) && !ImGui::IsAnyItemHovered()) e.graph_panning = true;
    if (!ImGui::IsMouseDown(0)) e.graph_panning = false;
    if (e.graph_panning) {
        ImGui::SetScrollX(ImGui::GetScrollX() - io.MouseDelta.x);
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
    }
    // Zoom about a point of the view (the mouse's, or the middle for the
    // buttons): the part of the graph under it stays under it.
    const auto zoom_about = [&](float new_z, float mx, float my) {
        new_z = std::min(1.5f, std::max(0.25f, new_z));
        const float cx = (ImGui::GetScrollX() + mx - kMargin) / z, cy = (ImGui::GetScrollY() + my - kMargin) / z;
        e.graph_zoom = new_z;
        ImGui::SetScrollX(std::max(0.0f, cx * new_z + kMargin - mx));
        ImGui::SetScrollY(std::max(0.0f, cy * new_z + kMargin - my));
    };
    // A pinch holds a finger down (SDL moves the mouse with it), which may make
    // a box the active item: the canvas still counts as under the fingers.
    const bool under_wheel = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    if (under_wheel && ctrl && io.MouseWheel != 0.0f)
        zoom_about(z * std::pow(1.15f, io.MouseWheel), io.MousePos.x - win_min.x, io.MousePos.y - win_min.y);
    if (e.graph_zoom_to > 0.0f) {
        zoom_about(e.graph_zoom_to, win_size.x * 0.5f, win_size.y * 0.5f);
        e.graph_zoom_to = 0.0f;
    }
    ImGui::EndChild();
}
