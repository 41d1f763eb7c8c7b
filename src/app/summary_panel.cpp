// summary_panel.cpp: the model as Keras's model.summary() prints it (names,
// output shapes, Param #, totals), every number straight from the core. A row
// can be selected to see its arithmetic in the arithmetic panel.
#include <imgui.h>

#include <string>

#include "app/app.h"
#include "core/analysis/layer_kind.h"
#include "app/panels.h"
#include "app/theme.h"

void summary_panel(App& app, ImVec2 size) {
    const Lang lang = app.language.shown;
    ImGui::BeginChild("summary", size, true);
    if (!app.model_ok) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.80f, 0.10f, 0.10f, 1.0f));
        ImGui::PushFont(app.theme.fonts.bold);
        ImGui::TextUnformatted(tr(lang, Str::ModelInvalid));
        ImGui::PopFont();
        ImGui::TextWrapped("%s", problem_text(lang, app.problem, app.model).c_str());
        ImGui::PopStyleColor();
        if (!app.editor.has_last_valid) {
            ImGui::EndChild();
            return;
        }
        // The last model that built stays in view, so the numbers do not vanish mid-edit.
        ImGui::TextDisabled("%s", tr(lang, Str::InvalidKeepsLast));
        ImGui::Separator();
    }
    const convlab::ModelSummary& shown = shown_summary(app);
    ImGui::Checkbox(tr_id(app.labels, lang, Str::ShowCost, "show_cost"), &app.show_cost);
    const int columns = app.show_cost ? 5 : 3;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_BordersOuterH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("summary_table", columns, flags)) {
        ImGui::TableSetupColumn(tr(lang, Str::ColLayer), ImGuiTableColumnFlags_WidthStretch, 2.2f);
        ImGui::TableSetupColumn(tr(lang, Str::ColOutputShape), ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn(tr(lang, Str::ColParams), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        if (app.show_cost) {
            ImGui::TableSetupColumn(tr(lang, Str::ColFlops), ImGuiTableColumnFlags_WidthStretch, 1.0f);
            ImGui::TableSetupColumn(tr(lang, Str::ColMemory), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        }
        ImGui::TableHeadersRow();
        ImGui::PushFont(app.theme.fonts.mono);
        for (int i = 0; i < int(shown.layers.size()); ++i) {
            const convlab::LayerSummary& row = shown.layers[size_t(i)];
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            const std::string label = row.name + " (" + convlab::layer_kind_info(row.kind).class_name + ")";
            ImGui::PushID(i);
            if (ImGui::Selectable(label.c_str(), app.selected_layer == i, ImGuiSelectableFlags_SpanAllColumns)) {
                app.selected_layer = i;
            }
            ImGui::PopID();
            ImGui::TableSetColumnIndex(1);
            ImGui::TextUnformatted(row.analysis.output.to_string().c_str());
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(convlab::with_thousands(row.analysis.params).c_str());
            if (app.show_cost) {
                ImGui::TableSetColumnIndex(3);
                ImGui::TextUnformatted(convlab::with_thousands(2 * row.analysis.macs).c_str());
                ImGui::TableSetColumnIndex(4);
                ImGui::Text("%s B", convlab::with_thousands(row.analysis.activation_bytes).c_str());
            }
        }
        ImGui::PopFont();
        ImGui::EndTable();
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
