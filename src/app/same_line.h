// same_line.h: SameLine() only where the next item fits. A row of buttons or a
// checkbox that is wider than the space left goes onto the next line instead
// of being cut at the panel's edge (1024 px windows, Chinese labels).
#pragma once
#include <imgui.h>

// The width a Button(label) takes.
inline float button_width(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + 2.0f * ImGui::GetStyle().FramePadding.x;
}
// The width a Checkbox(label) or RadioButton(label) takes.
inline float checkbox_width(const char* label) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}
// The width a labelled widget takes: its frame, then its label to the right.
inline float labeled_width(float item_width, const char* label) {
    return item_width + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}
// After an item: the next one, `width` wide, on this line if it fits, else below.
inline void same_line_if_fits(float width, float spacing = -1.0f) {
    ImGui::SameLine(0.0f, spacing);
    if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}
