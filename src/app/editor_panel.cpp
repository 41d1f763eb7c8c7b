// editor_panel.cpp: the model as a vertical stack of layer cards, each with its
// type, its key sizes and the output shape the core computed for it.
#include <imgui.h>

#include <string>

#include "app.h"
#include "core/layer_kind.h"
#include "panels.h"
#include "theme.h"

void editor_panel(App& app, ImVec2 pos, ImVec2 size) {
    ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    ImGui::Begin(tr_id(Str::PanelModel, "model"), nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
    int row = 0;  // summary rows skip InputLayer
    for (int i = 0; i < int(app.model.layers.size()); ++i) {
        const convlab::LayerSpec& spec = app.model.layers[size_t(i)];
        const convlab::LayerKindInfo& info = convlab::layer_kind_info(spec.kind);
        ImGui::PushID(i);
        ImGui::PushFont(g_fonts.bold);
        ImGui::TextUnformatted(info.class_name);
        ImGui::PopFont();
        if (spec.kind != convlab::LayerKind::InputLayer && app.model_ok && row < int(app.summary.layers.size())) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", app.summary.layers[size_t(row)].analysis.output.to_string().c_str());
            ++row;
        }
        ImGui::Separator();
        ImGui::PopID();
    }
    ImGui::End();
}
