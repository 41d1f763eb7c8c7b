// summary_panel.cpp: the model as Keras's model.summary() prints it (names,
// output shapes, Param #, totals), every number straight from the core. A row
// can be selected to see its arithmetic in the arithmetic panel.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/io/summary_format.h"
#include "core/message/message.h"
#include "core/analysis/layer_kind.h"
#include "app/panels.h"
#include "app/theme.h"

std::string field_cell(Lang lang, const convlab::ReceptiveField& f) {
    switch (f.kind) {
        case convlab::FieldKind::Local: return convlab::field_size_text(f);
        case convlab::FieldKind::Whole: return tr(lang, Str::FieldWhole);
        case convlab::FieldKind::Irregular: return tr(lang, Str::FieldVaries);
        case convlab::FieldKind::TooLarge: return tr(lang, Str::FieldTooLarge);
    }
    return "";
}

namespace {

// 20,901,888 as "20.9M"; below 10,000 as it is.
std::string compact_count(int64_t v) {
    if (v < 10000) return convlab::with_thousands(v);
    const char* units[] = {"K", "M", "G", "T"};
    double x = double(v);
    int u = -1;
    while (x >= 1000.0 && u < 3) { x /= 1000.0; ++u; }
    char buf[32];
    std::snprintf(buf, sizeof buf, x >= 100.0 ? "%.0f%s" : "%.3g%s", x, units[u]);
    return buf;
}

// The text of one summary cell, as drawn and as measured.
// two_line: the layer's class goes under its name, for a narrow panel.
std::string cell_text(const App& app, const convlab::ModelSummary& shown, const std::vector<convlab::ReceptiveField>& fields,
                      size_t i, int column, bool two_line = false) {
    const convlab::LayerSummary& row = shown.layers[i];
    switch (column) {
        case 0: return row.name + (two_line ? "\n(" : " (") + convlab::layer_kind_info(row.kind).class_name + ")";
        case 1: return row.analysis.output.to_string();
        case 2: return convlab::with_thousands(row.analysis.params);
        // A narrow panel gets the costs to three figures: 20.9M, 141.75 KB.
        case 3: return two_line ? compact_count(2 * row.analysis.macs) : convlab::with_thousands(2 * row.analysis.macs);
        case 4:
            return two_line ? convlab::readable_memory_size(double(row.analysis.activation_bytes))
                            : convlab::with_thousands(row.analysis.activation_bytes) + " B";
        // The receptive field: its size (or its kind in words), its jump, its start.
        case 5: return i < fields.size() ? field_cell(app.language.shown, fields[i]) : std::string();
        case 6: return i < fields.size() ? convlab::field_jump_text(fields[i]) : std::string();
        case 7: return i < fields.size() ? convlab::field_start_text(fields[i]) : std::string();
        // Keras's "Connected to": the tensors each call receives, "conv2d_1[0][0]".
        default: {
            std::string out;
            for (const std::vector<convlab::InboundRef>& call : row.inbound)
                for (const convlab::InboundRef& r : call) {
                    if (!out.empty()) out += ", ";
                    out += r.name + "[" + std::to_string(r.call) + "][" + std::to_string(r.tensor) + "]";
                }
            return out;
        }
    }
}

// A graph's table has Keras's "Connected to" column (a chain's does not, as in Keras).
bool has_connected(const convlab::ModelSummary& s) { return s.functional && !s.sequential_like; }

// The columns shown: 0-2 always, 8 (Connected to) for a graph, 3-4 with the
// cost, 5-7 with the receptive field (size, jump, start).
std::vector<int> shown_columns(const App& app) {
    std::vector<int> c = {0, 1, 2};
    if (app.show_connected && has_connected(shown_summary(app))) c.push_back(8);
    if (app.show_cost) { c.push_back(3); c.push_back(4); }
    if (app.show_field) { c.push_back(5); c.push_back(6); c.push_back(7); }
    return c;
}

const Str kColumnNames[] = {Str::ColLayer,  Str::ColOutputShape, Str::ColParams,     Str::ColFlops,    Str::ColMemory,
                            Str::ColField,  Str::ColFieldJump,   Str::ColFieldStart, Str::ColConnected};

}  // namespace

namespace {

bool showing_torch(const App& app) { return app.editor.torch_view && torch_view_available(app); }

// The widest cell of each torchinfo column, in the mono font.
std::vector<float> torch_column_widths(const App& app) {
    const convlab::TorchinfoCells& cells = app.editor.torch_cells;
    std::vector<float> w(cells.titles.size(), 0.0f);
    for (size_t c = 0; c < w.size(); ++c) w[c] = ImGui::CalcTextSize(cells.titles[c].c_str()).x;
    ImGui::PushFont(app.theme.fonts.mono);
    for (const convlab::TorchinfoCells::Row& row : cells.rows)
        for (size_t c = 0; c < w.size() && c < row.cells.size(); ++c)
            w[c] = std::max(w[c], ImGui::CalcTextSize(row.cells[c].c_str()).x);
    ImGui::PopFont();
    return w;
}

// Keras or PyTorch: the same model, summarised by either library's rules.
void view_toggle(App& app) {
    const Lang lang = app.language.shown;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(lang, Str::ViewAs));
    ImGui::SameLine();
    bool torch = app.editor.torch_view;
    if (ImGui::RadioButton(tr_id(app.labels, lang, Str::ViewKeras, "view_keras"), !torch)) torch = false;
    note_item(app, "view_keras");
    ImGui::SameLine();
    if (ImGui::RadioButton(tr_id(app.labels, lang, Str::ViewPytorch, "view_pytorch"), torch)) torch = true;
    note_item(app, "view_pytorch");
    if (torch != app.editor.torch_view) {
        app.editor.torch_view = torch;
        app.editor.url_push_wanted = true;  // a view is part of the link
    }
}

// torchinfo's table, as the core prints it, cut into cells (summary_torch_cells.h):
// module rows with their attribute paths, (N, C, H, W) shapes, Param #, the totals.
void torch_summary(App& app) {
    const Lang lang = app.language.shown;
    if (!torch_view_available(app)) {
        ImGui::Spacing();
        ImGui::TextWrapped("%s", tr(lang, Str::TorchViewUnavailable));
        return;
    }
    const convlab::TorchinfoCells& cells = app.editor.torch_cells;
    std::string size;
    for (int64_t d : app.editor.torch_model.torch_input_size) size += (size.empty() ? "" : ", ") + std::to_string(d);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", convlab::fill_slots(tr(lang, Str::TorchViewNote), {size}).c_str());
    ImGui::PopStyleColor();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuterH |
                                  ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float header_h = ImGui::GetTextLineHeight() + 2.0f * style.CellPadding.y;
    const float row_h = app.theme.fonts.mono->FontSize + 2.0f * style.CellPadding.y;
    const float table_h = header_h + float(cells.rows.size()) * row_h + style.ScrollbarSize + 4.0f;
    const int selected = torch_selected_row(app);
    if (ImGui::BeginTable("torch_summary_table", int(cells.titles.size()), flags, ImVec2(0.0f, table_h))) {
        for (const std::string& title : cells.titles) ImGui::TableSetupColumn(title.c_str());
        ImGui::TableHeadersRow();
        ImGui::PushFont(app.theme.fonts.mono);
        for (int i = 0; i < int(cells.rows.size()); ++i) {
            const convlab::TorchinfoCells::Row& row = cells.rows[size_t(i)];
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::PushID(i);
            if (ImGui::Selectable(row.cells[0].c_str(), selected == i, ImGuiSelectableFlags_SpanAllColumns))
                torch_select_row(app, i);
            if (i == 0) note_item(app, "torch_row_0");
            ImGui::PopID();
            for (size_t c = 1; c < row.cells.size(); ++c) {
                ImGui::TableSetColumnIndex(int(c));
                ImGui::TextUnformatted(row.cells[c].c_str());
            }
        }
        ImGui::PopFont();
        ImGui::EndTable();
    }
    ImGui::Spacing();
    ImGui::PushFont(app.theme.fonts.mono);
    for (size_t i = 0; i < cells.totals.size(); ++i) {
        // "Total params" first, in bold as the Keras view has it.
        if (i == 0) ImGui::PushFont(app.theme.fonts.bold);
        ImGui::TextUnformatted(cells.totals[i].c_str());
        if (i == 0) ImGui::PopFont();
    }
    ImGui::PopFont();
}

}  // namespace

float summary_panel_width(App& app, bool two_line) {
    const Lang lang = app.language.shown;
    if (showing_torch(app)) {
        const ImGuiStyle& style = ImGui::GetStyle();
        float total = 0.0f;
        for (float w : torch_column_widths(app)) total += w + 2.0f * style.CellPadding.x;
        return total + 2.0f * style.WindowPadding.x + style.ScrollbarSize + 2.0f;
    }
    const convlab::ModelSummary& shown = shown_summary(app);
    const std::vector<convlab::ReceptiveField>& fields = shown_fields(app);
    const ImGuiStyle& style = ImGui::GetStyle();
    float total = 0.0f;
    for (int column : shown_columns(app)) {
        float w = ImGui::CalcTextSize(tr(lang, kColumnNames[column])).x;
        ImGui::PushFont(app.theme.fonts.mono);
        for (size_t i = 0; i < shown.layers.size(); ++i)
            w = std::max(w, ImGui::CalcTextSize(cell_text(app, shown, fields, i, column, two_line).c_str()).x);
        ImGui::PopFont();
        total += w + 2.0f * style.CellPadding.x;
    }
    // The child's padding and its vertical scrollbar.
    return total + 2.0f * style.WindowPadding.x + style.ScrollbarSize + 2.0f;
}

void invalid_model_banner(const App& app) {
    const Lang lang = app.language.shown;
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.80f, 0.10f, 0.10f, 1.0f));
    ImGui::PushFont(app.theme.fonts.bold);
    ImGui::TextUnformatted(tr(lang, Str::ModelInvalid));
    ImGui::PopFont();
    ImGui::TextWrapped("%s", problem_text(lang, app.problem, app.model).c_str());
    ImGui::PopStyleColor();
}

void summary_panel(App& app, ImVec2 size) {
    const Lang lang = app.language.shown;
    ImGui::BeginChild("summary", size, true);
    view_toggle(app);
    // Switching views, or a new PyTorch model, starts at the top: the other
    // view's scroll position means nothing in this one.
    if (app.editor.drawn_torch_view != app.editor.torch_view || app.editor.drawn_torch_code != app.editor.torch_code) {
        ImGui::SetScrollY(0.0f);
        app.editor.drawn_torch_view = app.editor.torch_view;
        app.editor.drawn_torch_code = app.editor.torch_code;
    }
    if (app.editor.torch_view) {
        torch_summary(app);
        ImGui::EndChild();
        return;
    }
    if (!app.model_ok) {
        invalid_model_banner(app);
        if (!app.editor.has_last_valid) {
            ImGui::EndChild();
            return;
        }
        // The last model that built stays in view, so the numbers do not vanish mid-edit.
        ImGui::TextDisabled("%s", tr(lang, Str::InvalidKeepsLast));
        ImGui::Separator();
    }
    const convlab::ModelSummary& shown = shown_summary(app);
    const std::vector<convlab::ReceptiveField>& fields = shown_fields(app);
    ImGui::Checkbox(tr_id(app.labels, lang, Str::ShowCost, "show_cost"), &app.show_cost);
    ImGui::SameLine();
    ImGui::Checkbox(tr_id(app.labels, lang, Str::ShowField, "show_field"), &app.show_field);
    note_item(app, "show_field");
    if (has_connected(shown)) {
        ImGui::SameLine();
        ImGui::Checkbox(tr_id(app.labels, lang, Str::ShowConnected, "show_connected"), &app.show_connected);
        note_item(app, "show_connected");
    }
    const std::vector<int> columns = shown_columns(app);
    // Every column as wide as its widest cell, so no name or number is cut;
    // when they do not all fit, the table scrolls sideways. Its height is all
    // of its rows: the panel around it scrolls up and down, as before.
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_BordersOuterH |
                                  ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float header_h = ImGui::GetTextLineHeight() + 2.0f * style.CellPadding.y;
    // Where the names and classes do not fit side by side, each class goes
    // under its name, so nothing has to scroll sideways at phone widths.
    const float panel_w = size.x > 0.0f ? size.x : ImGui::GetContentRegionAvail().x + 2.0f * style.WindowPadding.x;
    const bool two_line = summary_panel_width(app, false) > panel_w;
    const float row_h = app.theme.fonts.mono->FontSize * (two_line ? 2.0f : 1.0f) + 2.0f * style.CellPadding.y;
    const float table_h = header_h + float(shown.layers.size()) * row_h + style.ScrollbarSize + 4.0f;
    const float table_y = ImGui::GetCursorPosY();
    if (ImGui::BeginTable("summary_table", int(columns.size()), flags, ImVec2(0.0f, table_h))) {
        for (int column : columns) ImGui::TableSetupColumn(tr(lang, kColumnNames[column]));
        ImGui::TableHeadersRow();
        ImGui::PushFont(app.theme.fonts.mono);
        for (int i = 0; i < int(shown.layers.size()); ++i) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::PushID(i);
            if (ImGui::Selectable(cell_text(app, shown, fields, size_t(i), 0, two_line).c_str(), app.selected_layer == i,
                                  ImGuiSelectableFlags_SpanAllColumns)) {
                app.selected_layer = i;
            }
            ImGui::PopID();
            // The receptive field's cell is its size only; the jump, the start
            // and the arithmetic are the arithmetic panel's, for the selected row.
            for (size_t c = 1; c < columns.size(); ++c) {
                ImGui::TableSetColumnIndex(int(c));
                ImGui::TextUnformatted(cell_text(app, shown, fields, size_t(i), columns[c]).c_str());
            }
        }
        ImGui::PopFont();
        ImGui::EndTable();
    }
    // A row selected elsewhere (a box in the graph, a card, the lesson) is
    // scrolled into view once; the learner's own scrolling is left alone.
    if (app.selected_layer != app.summary_scrolled) {
        const float y = table_y + header_h + float(app.selected_layer) * row_h;
        const float top = ImGui::GetScrollY(), h = ImGui::GetWindowHeight();
        if (y < top || y + row_h > top + h) ImGui::SetScrollY(std::max(0.0f, y - h * 0.3f));
        app.summary_scrolled = app.selected_layer;
    }
    ImGui::Spacing();
    ImGui::PushFont(app.theme.fonts.bold);
    ImGui::Text("%s: %s", tr(lang, Str::TotalParams), convlab::with_thousands(shown.total_params).c_str());
    ImGui::PopFont();
    ImGui::Text("%s: %s", tr(lang, Str::TrainableParams), convlab::with_thousands(shown.trainable_params).c_str());
    ImGui::Text("%s: %s", tr(lang, Str::NonTrainableParams),
                convlab::with_thousands(shown.non_trainable_params).c_str());
    ImGui::EndChild();
}
