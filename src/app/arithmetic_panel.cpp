// arithmetic_panel.cpp: where the selected layer's numbers come from. The
// parameter formula with every term coloured by its dimension, the output-size
// arithmetic, and the wrong answers learners commonly give, beside the right one.
#include <imgui.h>

#include "app/app.h"
#include "core/analysis/layer_kind.h"
#include "app/formula_view.h"
#include "app/editor/model_edit.h"
#include "app/panels.h"
#include "app/theme.h"

namespace {

Str mistake_label(convlab::MistakeKind k) { return Str(size_t(Str::MistakeForgotInChannels) + size_t(k)); }
static_assert(size_t(Str::MistakeOutputChannelsWrong) - size_t(Str::MistakeForgotInChannels) ==
                  size_t(convlab::MistakeKind::Count) - 1,
              "one sentence per mistake kind, in the same order");

}  // namespace

void arithmetic_panel(App& app, ImVec2 size) {
    const Lang lang = app.language.shown;
    ImGui::BeginChild("arithmetic", size, true);
    // While an edit is invalid the summary shows the last model that built
    // (summary_panel.cpp); the arithmetic follows it, row for row.
    const convlab::ModelSummary& shown = shown_summary(app);
    const bool have_rows = app.model_ok || app.editor.has_last_valid;
    if (!have_rows || app.selected_layer < 0 || app.selected_layer >= int(shown.layers.size())) {
        ImGui::TextWrapped("%s", tr(lang, have_rows ? Str::SelectRowHint : Str::ModelInvalid));
        ImGui::EndChild();
        return;
    }
    // Chapter 1 asks for a guess first: the working waits until one is typed.
    if (lesson_hides_working(app)) {
        ImGui::TextWrapped("%s", tr(lang, Str::LessonWorkingHidden));
        ImGui::EndChild();
        return;
    }
    const convlab::LayerSummary& row = shown.layers[size_t(app.selected_layer)];
    const convlab::LayerAnalysis& a = row.analysis;
    ImGui::PushFont(app.theme.fonts.big);
    ImGui::Text("%s (%s)", row.name.c_str(), convlab::layer_kind_info(row.kind).class_name);
    ImGui::PopFont();
    ImGui::PushFont(app.theme.fonts.mono);
    ImGui::Text("%s  →  %s", row.input.to_string().c_str(), a.output.to_string().c_str());
    ImGui::PopFont();
    ImGui::Separator();

    ImGui::PushFont(app.theme.fonts.bold);
    ImGui::TextUnformatted(tr(lang, Str::ParamsOf));
    ImGui::PopFont();
    if (a.param_formula.empty()) ImGui::TextWrapped("%s", tr(lang, Str::NoParams));
    else formula_view(app, a.param_formula, true);

    const bool spatial = !a.height.formula.empty() || !a.size_formula.empty();
    if (spatial) {
        ImGui::Spacing();
        ImGui::PushFont(app.theme.fonts.bold);
        ImGui::TextUnformatted(tr(lang, Str::OutputSizeOf));
        ImGui::PopFont();
        if (!a.height.formula.empty()) {
            ImGui::TextDisabled("%s", tr(lang, Str::RoleHeight));
            ImGui::SameLine(90.0f);
            formula_view(app, a.height.formula, false);
            ImGui::TextDisabled("%s", tr(lang, Str::RoleWidth));
            ImGui::SameLine(90.0f);
            formula_view(app, a.width.formula, false);
        }
        if (!a.size_formula.empty()) formula_view(app, a.size_formula, true);
    }
    if (!a.mistakes.empty()) {
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::PushFont(app.theme.fonts.bold);
        ImGui::TextUnformatted(tr(lang, Str::CommonMistake));
        ImGui::PopFont();
    }
    for (const convlab::Mistake& m : a.mistakes) {
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, app.dark ? ImVec4(1.0f, 0.55f, 0.50f, 1) : ImVec4(0.75f, 0.15f, 0.10f, 1));
        ImGui::TextWrapped("✗ %s", tr(lang, mistake_label(m.kind)));
        ImGui::PopStyleColor();
        formula_view(app, m.working, false);
    }
    ImGui::EndChild();
}
