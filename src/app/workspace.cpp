// workspace.cpp: the right-hand side of the page, one tab per way of looking
// at the model: its summary with the arithmetic, the convolution view, and
// training. The tab shown is part of the App so lessons and links can pick it.
#include <imgui.h>

#include <algorithm>

#include "app/app.h"
#include "app/conv_view/conv_view.h"
#include "app/panels.h"
#include "app/theme.h"

void workspace(App& app, ImVec2 pos, ImVec2 size) {
    const Lang lang = app.language.shown;
    ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    ImGui::Begin("###workspace", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus);
    if (ImGui::BeginTabBar("workspace_tabs")) {
        const auto tab = [&](Str label, const char* id, WorkspaceTab which) {
            const bool requested = app.requested_tab == which;
            const ImGuiTabItemFlags flags = requested ? ImGuiTabItemFlags_SetSelected : 0;
            const bool open = ImGui::BeginTabItem(tr_id(app.labels, lang, label, id), nullptr, flags);
            if (open && app.tab != which) {
                app.tab = which;
            }
            return open;
        };
        if (tab(Str::TabSummary, "tab_summary", WorkspaceTab::Summary)) {
            const ImVec2 avail = ImGui::GetContentRegionAvail();
            // Side by side when the summary's widest cells fit beside an
            // arithmetic panel of readable width; otherwise one above the other.
            const float arithmetic_min = 300.0f;
            const float need = summary_panel_width(app);
            const bool wide = avail.x >= 760.0f && need <= avail.x - arithmetic_min;
            if (wide) {
                const float left = need;  // the arithmetic panel gets the rest
                summary_panel(app, ImVec2(left, avail.y));
                ImGui::SameLine();
                arithmetic_panel(app, ImVec2(0, avail.y));
            } else {
                summary_panel(app, ImVec2(avail.x, avail.y * 0.5f));
                arithmetic_panel(app, ImVec2(avail.x, 0));
            }
            ImGui::EndTabItem();
        }
        // The convolution view and training register their tabs here.
        if (tab(Str::TabConvolution, "tab_convolution", WorkspaceTab::Convolution)) {
            conv_view_panel(app, ImVec2(0, 0));  // conv_view_panel.cpp
            ImGui::EndTabItem();
        }
        if (tab(Str::TabTraining, "tab_training", WorkspaceTab::Training)) {
            training_panel(app, ImVec2(0, 0));
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    app.requested_tab = WorkspaceTab::None;
    ImGui::End();
}
