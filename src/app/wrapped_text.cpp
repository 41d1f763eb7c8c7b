// wrapped_text.cpp: see wrapped_text.h.
#include "app/wrapped_text.h"

#include <imgui.h>

#include <algorithm>

// Wrapped text that breaks only at spaces and at the U+3000 marks strings.cpp
// puts between Chinese characters: ImGui 1.86's TextWrapped also breaks after
// any comma, which splits "1,181,161" over two lines.
void wrapped_text(const std::string& s) {
    const float width = std::max(40.0f, ImGui::GetContentRegionAvail().x);
    const char* const end = s.c_str() + s.size();
    const auto is_mark = [end](const char* b) {
        return b + 3 <= end && static_cast<unsigned char>(b[0]) == 0xE3 && static_cast<unsigned char>(b[1]) == 0x80 &&
               static_cast<unsigned char>(b[2]) == 0x80;
    };
    // Lines of one paragraph sit as close as TextWrapped's would.
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 1.0f));
    const char* line = s.c_str();
    while (line < end) {
        const char* fit = nullptr;    // the last break at which the line still fits
        const char* next = end;       // where the following line starts
        for (const char* q = line; q < end;) {
            const char* b = q;
            while (b < end && *b != ' ' && !is_mark(b)) ++b;
            if (fit && ImGui::CalcTextSize(line, b).x > width) break;
            fit = b;
            next = b == end ? end : b + (*b == ' ' ? 1 : 3);
            q = next;
        }
        ImGui::TextUnformatted(line, fit);
        line = next;
    }
    ImGui::PopStyleVar();
}

