// keys_window.cpp: the list of keyboard shortcuts, opened by "?" or from the
// menu bar. Not where the keys are handled (editor_panel.cpp, conv_view_timeline.cpp):
// only the page's own list of them, so a learner can find them.
#include <imgui.h>

#include "app/app.h"
#include "app/panels.h"
#include "app/theme.h"

// "?" anywhere outside a text field shows or hides the list (it arrives as a
// typed character, so it works whatever the keyboard layout); Escape closes
// it, as it closes a dialog.
void keys_window_toggle_on_key(App& app) {
    const ImGuiIO& io = ImGui::GetIO();
    if (app.keys_open && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) app.keys_open = false;
    if (io.WantTextInput) return;
    for (int i = 0; i < io.InputQueueCharacters.Size; ++i)
        if (io.InputQueueCharacters[i] == '?') {
            app.keys_open = !app.keys_open;
        }
}

void keys_window(App& app) {
    const Lang lang = app.language.shown;
    if (!app.keys_open) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowBgAlpha(1.0f);  // opaque: the summary's rows behind it would read through
    bool open = true;
    if (ImGui::Begin(tr_id(app.labels, lang, Str::KeysTitle, "keys"), &open,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        static const Str rows[][2] = {{Str::KeysUndo, Str::KeysUndoWhat},   {Str::KeysRedo, Str::KeysRedoWhat},
                                      {Str::KeysPlay, Str::KeysPlayWhat},   {Str::KeysStep, Str::KeysStepWhat},
                                      {Str::KeysOrbit, Str::KeysOrbitWhat}, {Str::KeysPaste, Str::KeysPasteWhat},
                                      {Str::KeysHelp, Str::KeysHelpWhat}};
        if (ImGui::BeginTable("keys_table", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
            for (const auto& r : rows) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::PushFont(app.theme.fonts.mono);
                ImGui::TextUnformatted(tr(lang, r[0]));
                ImGui::PopFont();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(tr(lang, r[1]));
            }
            ImGui::EndTable();
        }
    }
    ImGui::End();
    if (!open) {
        app.keys_open = false;
    }
}
