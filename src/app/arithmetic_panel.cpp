// arithmetic_panel.cpp: where the selected layer's numbers come from. The
// parameter formula with every term coloured by its dimension, the output-size
// arithmetic, and the wrong answers learners commonly give, beside the right one.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/analysis/layer_kind.h"
#include "app/formula_view.h"
#include "app/editor/model_edit.h"
#include "app/panels.h"
#include "app/theme.h"
#include "core/message/message.h"

namespace {

Str mistake_label(convlab::MistakeKind k) { return Str(size_t(Str::MistakeForgotInChannels) + size_t(k)); }
static_assert(size_t(Str::MistakeShortcutProjectionForgotten) - size_t(Str::MistakeForgotInChannels) ==
                  size_t(convlab::MistakeKind::Count) - 1,
              "one sentence per mistake kind, in the same order");

// "+ 3", "− 2": a start or end as it reads after "i × jump".
std::string signed_term(int64_t v) { return v < 0 ? "− " + std::to_string(-v) : "+ " + std::to_string(v); }

// Which input pixels one output value of the selected layer reads, through
// every layer before it, and this layer's step of that arithmetic.
void receptive_field_section(App& app, const convlab::ReceptiveField& f) {
    const Lang lang = app.language.shown;
    ImGui::Spacing();
    ImGui::PushFont(app.theme.fonts.bold);
    ImGui::Text("%s: %s", tr(lang, Str::ColField), field_cell(lang, f).c_str());
    ImGui::PopFont();
    using convlab::FieldKind;
    if (f.kind == FieldKind::Whole) { ImGui::TextWrapped("%s", tr(lang, Str::FieldWholeWhy)); return; }
    if (f.kind == FieldKind::Irregular) { ImGui::TextWrapped("%s", tr(lang, Str::FieldVariesWhy)); return; }
    if (f.kind == FieldKind::TooLarge) { ImGui::TextWrapped("%s", tr(lang, Str::FieldTooLargeWhy)); return; }
    const convlab::AxisField& r = f.rows;
    const convlab::AxisField& c = f.cols;
    // A 1×1 field on the input's own grid (the InputLayer, a stride-1 1×1
    // convolution): "rows i × 1 + 0 to i × 1 + 0" says less than "pixel (i, j)".
    const bool itself = f.axes == 2 && r.size == 1 && c.size == 1 && r.jump == 1 && c.jump == 1 && r.start == 0 && c.start == 0;
    const std::string sees =
        itself ? std::string(tr(lang, Str::FieldSeesItself)) :
        f.axes == 1 ? convlab::fill_slots(tr(lang, Str::FieldSeesSequence),
                                          {convlab::field_size_text(f), std::to_string(r.jump), signed_term(r.start),
                                           signed_term(r.start + r.size - 1)})
                    : convlab::fill_slots(tr(lang, Str::FieldSees),
                                          {convlab::field_size_text(f), std::to_string(r.jump), signed_term(r.start),
                                           signed_term(r.start + r.size - 1), std::to_string(c.jump),
                                           signed_term(c.start), signed_term(c.start + c.size - 1)});
    ImGui::TextWrapped("%s", sees.c_str());
    // The steps' names wrap: the panel is narrow beside a wide summary.
    const auto disabled_wrapped = [](const char* text) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", text);
        ImGui::PopStyleColor();
    };
    if (!r.size_formula.empty()) {
        disabled_wrapped(tr(lang, Str::FieldSizeStep));
        formula_view(app, r.size_formula, false);
        if (f.axes == 2 && to_text(c.size_formula) != to_text(r.size_formula))
            formula_view(app, c.size_formula, false);
        disabled_wrapped(tr(lang, Str::FieldJumpStep));
        formula_view(app, r.jump_formula, false);
        if (f.axes == 2 && to_text(c.jump_formula) != to_text(r.jump_formula)) formula_view(app, c.jump_formula, false);
    }
    if (f.merged) ImGui::TextWrapped("%s", tr(lang, Str::FieldUnion));
    if (f.merged && !f.aligned) ImGui::TextWrapped("%s", tr(lang, Str::FieldNotAligned));
}

// The Concatenate row a layer reads, when it reads exactly one tensor and a
// Concatenate made it; null otherwise.
const convlab::LayerSummary* concatenate_input(const convlab::ModelSummary& s, const convlab::LayerSummary& row) {
    if (!s.functional || row.inbound.empty() || row.inbound[0].size() != 1) return nullptr;
    for (const convlab::LayerSummary& r : s.layers)
        if (r.name == row.inbound[0][0].name)
            return r.kind == convlab::LayerKind::Concatenate && !r.analysis.size_formula.empty() ? &r : nullptr;
    return nullptr;
}

}  // namespace

// A leaf module's output and parameters as PyTorch writes them,
// (in_channels / groups)·Kh·Kw·out_channels + out_channels for a Conv2d; a
// container's or a forward() operation's place in the table, in words.
static void torch_arithmetic(App& app) {
    const Lang lang = app.language.shown;
    const convlab::ModelSummary& shown = shown_summary(app);
    const int row = torch_selected_row(app);
    const convlab::TorchinfoCells& cells = app.editor.torch_cells;
    ImGui::PushFont(app.theme.fonts.big);
    ImGui::TextUnformatted(tr(lang, Str::TorchArithTitle));
    ImGui::PopFont();
    if (row < 0) {
        const convlab::LayerSummary& l = shown.layers[size_t(app.selected_layer)];
        // The input tensor is no module and no operation: nothing to work out.
        if (l.kind == convlab::LayerKind::InputLayer) {
            ImGui::TextWrapped("%s", tr(lang, Str::SelectRowHint));
            return;
        }
        // A step of forward() that is not a module (F.relu, torch.flatten).
        const std::string what = l.name + " (" + convlab::layer_kind_info(l.kind).class_name + ")";
        ImGui::TextWrapped("%s", convlab::fill_slots(tr(lang, Str::TorchArithNoRow), {what}).c_str());
        return;
    }
    const convlab::TorchRow& module = app.editor.torch_model.torch_rows[size_t(cells.rows[size_t(row)].torch_row)];
    if (cells.rows[size_t(row)].leaf < 0) {
        const std::string what = (module.name.empty() ? std::string() : module.name + " ") + "(" + module.class_name + ")";
        ImGui::TextWrapped("%s", convlab::fill_slots(tr(lang, Str::TorchArithContainer), {what}).c_str());
        return;
    }
    // The core's lines: the module and its output, the size arithmetic, the
    // parameters. Each is split where it steps ("; " between height and width,
    // " = " between the parameters' formula, its numbers and the count), so a narrow panel
    // shows one step a line instead of breaking them anywhere.
    ImGui::PushFont(app.theme.fonts.mono);
    ImGui::PushTextWrapPos(0.0f);
    const std::string text = torch_selected_explanation(app);
    size_t start = 0;
    bool first = true;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        start = end + 1;
        if (first) {
            ImGui::PushFont(app.theme.fonts.bold);
            ImGui::TextWrapped("%s", line.c_str());
            ImGui::PopFont();
            ImGui::Spacing();
            first = false;
            continue;
        }
        const bool sizes = line.find("height: ") != std::string::npos;  // "height: ...; width: ..."
        const bool steps = sizes || line.find("parameters: ") != std::string::npos;
        size_t from = 0;
        while (steps && from < line.size()) {
            // Cut before " = " and after "; ", keeping the text as the core wrote it.
            size_t eq = sizes ? std::string::npos : line.find(" = ", from), semi = line.find("; ", from);
            size_t cut = std::min(eq, semi);
            if (cut == std::string::npos) break;
            ImGui::TextWrapped("%s", line.substr(0, cut + (cut == semi ? 1 : 0)).c_str());
            line = "    " + line.substr(cut + (cut == semi ? 2 : 1));
            from = 5;
        }
        ImGui::TextWrapped("%s", line.c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
}

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
    if (!app.model_ok) {
        // The summary says so at its top, which may be scrolled away: the
        // panel the learner reads says it too, and whose numbers these are.
        invalid_model_banner(app);
        ImGui::TextDisabled("%s", tr(lang, Str::InvalidKeepsLast));
        ImGui::Separator();
    }
    // The PyTorch view: the core's working in PyTorch's terms
    // (format_explanation_torch), for the module selected in torchinfo's table.
    if (app.editor.torch_view && torch_view_available(app)) {
        torch_arithmetic(app);
        ImGui::EndChild();
        return;
    }
    const convlab::LayerSummary& row = shown.layers[size_t(app.selected_layer)];
    const convlab::LayerAnalysis& a = row.analysis;
    ImGui::PushFont(app.theme.fonts.big);
    ImGui::Text("%s (%s)", row.name.c_str(), convlab::layer_kind_info(row.kind).class_name);
    ImGui::PopFont();
    ImGui::PushFont(app.theme.fonts.mono);
    // A merge reads several tensors: each is shown, so their shapes can be compared.
    std::string reads = row.input.to_string();
    if (convlab::is_merge(row.kind) && !row.inbound.empty() && row.inbound[0].size() > 1) {
        reads.clear();
        for (const convlab::InboundRef& r : row.inbound[0]) {
            for (const convlab::LayerSummary& other : shown.layers)
                if (other.name == r.name) reads += (reads.empty() ? "" : " , ") + other.analysis.output.to_string();
        }
    }
    ImGui::TextWrapped("%s  →  %s", reads.c_str(), a.output.to_string().c_str());
    ImGui::PopFont();
    ImGui::Separator();

    ImGui::PushFont(app.theme.fonts.bold);
    ImGui::TextUnformatted(tr(lang, Str::ParamsOf));
    ImGui::PopFont();
    // A merge's sentence says why it has no weights and what its inputs must share.
    std::string& said = app.arithmetic_text;  // the test hook's "arithmetic": the sentences and the count
    said.clear();
    if (row.kind == convlab::LayerKind::Concatenate) {
        said = tr(lang, Str::ArithMergeConcat);
        ImGui::TextWrapped("%s", said.c_str());
    } else if (convlab::is_merge(row.kind)) {
        const size_t inputs = row.inbound.empty() ? 2 : row.inbound[0].size();
        said = convlab::fill_slots(tr(lang, Str::ArithMergeElementwise),
                                   {convlab::layer_kind_info(row.kind).class_name, std::to_string(inputs), row.input.to_string()});
        ImGui::TextWrapped("%s", said.c_str());
    } else if (a.param_formula.empty()) {
        ImGui::TextWrapped("%s", tr(lang, Str::NoParams));
    } else {
        // Where the Cin comes from when a Concatenate made it: the seed's
        // lesson one step on. The sum is the Concatenate row's own formula.
        const convlab::LayerSummary* joined = concatenate_input(shown, row);
        if (joined) {
            said = convlab::fill_slots(tr(lang, Str::ArithCinFromConcat),
                                       {joined->name, convlab::to_text(joined->analysis.size_formula)}) + " ";
            ImGui::TextWrapped("%s", said.c_str());
        }
        said += convlab::to_text(a.param_formula);
        formula_view(app, a.param_formula, true);
    }

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
    const std::vector<convlab::ReceptiveField>& fields = shown_fields(app);
    if (size_t(app.selected_layer) < fields.size()) receptive_field_section(app, fields[size_t(app.selected_layer)]);
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
        // A wrong answer that is one number (Flatten's 63, a projection's 0)
        // is that number, not "63 = 63".
        if (m.working.tokens.size() > 1) formula_view(app, m.working, false);
        else ImGui::TextUnformatted(convlab::with_thousands(m.wrong_value).c_str());
    }
    ImGui::EndChild();
}
