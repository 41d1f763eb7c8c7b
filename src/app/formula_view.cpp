// formula_view.cpp: the formula as coloured terms. The text of each token comes
// from the core (convlab::to_text renders the same tokens for the CLI), so the
// page and the CLI can never disagree about the arithmetic.
#include "app/formula_view.h"

#include <imgui.h>

#include <string>

#include "app/app.h"
#include "app/text/strings.h"
#include "app/theme.h"

namespace {

Str role_label(convlab::Role r) { return Str(size_t(Str::RoleNone) + size_t(r)); }
static_assert(size_t(Str::RoleJump) - size_t(Str::RoleNone) == size_t(convlab::Role::Count) - 1,
              "one label per formula role, in the same order");

void token_text(const convlab::Token& t, std::string* out) {
    if (t.kind == convlab::TokenKind::Number) *out = convlab::with_thousands(t.value);
    else *out = t.op;
}

}  // namespace

void formula_view(const App& app, const convlab::Formula& f, bool legend) {
    const Lang lang = app.language.shown;
    const bool dark = app.dark;
    using convlab::TokenKind;
    ImGui::PushFont(app.theme.fonts.mono);
    std::string text;
    bool first = true;
    bool seen[size_t(convlab::Role::Count)] = {};
    const convlab::Token* prev = nullptr;
    // Long formulas (SeparableConv2D's, in the narrow side column) go on to the
    // next line before a term that would be cut at the edge, never just after "(".
    const auto place = [&](const std::string& next, bool tight) {
        if (first) {
            first = false;
            return;
        }
        ImGui::SameLine(0.0f, tight ? 0.0f : ImGui::CalcTextSize(" ").x);
        if (!tight && ImGui::GetContentRegionAvail().x < ImGui::CalcTextSize(next.c_str()).x) ImGui::NewLine();
    };
    for (const convlab::Token& t : f.tokens) {
        token_text(t, &text);
        // Spaces around binary operators; none inside brackets.
        const bool tight = prev && (prev->kind == TokenKind::Open || t.kind == TokenKind::Close);
        place(text, tight);
        if (t.kind == TokenKind::Number && t.role != convlab::Role::None) {
            ImGui::TextColored(role_color(t.role, dark), "%s", text.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(lang, role_label(t.role)));
            seen[size_t(t.role)] = true;
        } else {
            ImGui::TextUnformatted(text.c_str());
        }
        prev = &t;
    }
    if (!f.tokens.empty()) {
        text = "= " + convlab::with_thousands(f.result);
        place(text, false);
        ImGui::TextUnformatted(text.c_str());
    }
    ImGui::PopFont();
    if (!legend) return;
    bool any = false;
    for (size_t r = 1; r < size_t(convlab::Role::Count); ++r) {
        if (!seen[r]) continue;
        // Keep each legend entry whole: start a new line when it would not fit.
        const float entry = ImGui::CalcTextSize(tr(lang, role_label(convlab::Role(r)))).x + 30.0f;
        if (any) {
            ImGui::SameLine(0.0f, 14.0f);
            if (ImGui::GetContentRegionAvail().x < entry) ImGui::NewLine();
        }
        any = true;
        ImGui::TextColored(role_color(convlab::Role(r), dark), "■");
        ImGui::SameLine(0.0f, 4.0f);
        // Wrapped: a long name ("input features (Flatten's output)") in a narrow column.
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", tr(lang, role_label(convlab::Role(r))));
        ImGui::PopStyleColor();
    }
}
