// conv_view_timeline.cpp: the step player (see conv_view_timeline.h).
#include "app/conv_view/conv_view_timeline.h"

#include <imgui.h>

#include <algorithm>

#include "app/text/strings.h"

void timeline_reset(Timeline* t, int64_t count, float steps_per_second) {
    t->count = std::max<int64_t>(1, count);
    t->step = 0;
    t->playing = false;
    t->carry = 0.0;
    t->steps_per_second = steps_per_second;
}

void timeline_set(Timeline* t, int64_t step) {
    t->step = std::clamp<int64_t>(step, 0, t->count - 1);
    t->carry = 0.0;
}

bool timeline_advance(Timeline* t, double dt) {
    if (!t->playing) return false;
    t->carry += dt * double(t->steps_per_second);
    if (t->carry < 1.0) return false;
    const int64_t n = int64_t(t->carry);
    t->carry -= double(n);
    const int64_t before = t->step;
    timeline_set(t, t->step + n);
    if (t->step == t->count - 1) t->playing = false;
    return t->step != before;
}

bool timeline_controls(Timeline* t, bool keys) {
    const int64_t before = t->step;
    if (ImGui::Button(tr_id(Str::ConvStepBack, "conv_back"))) {
        t->playing = false;
        timeline_set(t, t->step - 1);
    }
    ImGui::SameLine();
    const bool at_end = t->step == t->count - 1;
    if (ImGui::Button(tr_id(t->playing ? Str::ConvPause : (at_end ? Str::ConvReplay : Str::ConvPlay), "conv_play"),
                      ImVec2(ImGui::GetFontSize() * 5.5f, 0))) {
        if (!t->playing && at_end) timeline_set(t, 0);
        t->playing = !t->playing;
    }
    ImGui::SameLine();
    if (ImGui::Button(tr_id(Str::ConvStepForward, "conv_forward"))) {
        t->playing = false;
        timeline_set(t, t->step + 1);
    }
    if (keys && !ImGui::GetIO().WantTextInput) {
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) t->playing = !t->playing;
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) {
            t->playing = false;
            timeline_set(t, t->step - 1);
        }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) {
            t->playing = false;
            timeline_set(t, t->step + 1);
        }
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
    ImGui::SliderFloat("###conv_speed", &t->steps_per_second, 0.25f, 60.0f, tr(Str::ConvSpeedFormat),
                       ImGuiSliderFlags_Logarithmic);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1.0f);
    int shown = int(t->step) + 1;
    const int last = int(t->count);
    if (ImGui::SliderInt("###conv_scrub", &shown, 1, last, tr(Str::ConvStepFormat))) {
        t->playing = false;
        timeline_set(t, shown - 1);
    }
    return t->step != before;
}
