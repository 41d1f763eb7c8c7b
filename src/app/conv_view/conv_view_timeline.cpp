// conv_view_timeline.cpp: the step player (see conv_view_timeline.h).
#include "app/conv_view/conv_view_timeline.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "app/text/strings.h"
#include "core/message/message.h"

namespace {

// An ImGui slider draws its value through a printf format. The label is filled
// here from a {0} row instead, and handed over with every '%' doubled, so no
// translated text is ever read as a format.
std::string slider_label(Lang lang, Str row, const std::string& value) {
    std::string escaped;
    for (char c : convlab::fill_slots(tr(lang, row), {value})) {
        escaped += c;
        if (c == '%') escaped += '%';
    }
    return escaped;
}

}  // namespace

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

bool timeline_controls(FrameLabels& labels, Lang lang, Timeline* t, bool keys) {
    const int64_t before = t->step;
    if (ImGui::Button(tr_id(labels, lang, Str::ConvStepBack, "conv_back"))) {
        t->playing = false;
        timeline_set(t, t->step - 1);
    }
    ImGui::SameLine();
    const bool at_end = t->step == t->count - 1;
    if (ImGui::Button(tr_id(labels, lang, t->playing ? Str::ConvPause : (at_end ? Str::ConvReplay : Str::ConvPlay), "conv_play"),
                      ImVec2(ImGui::GetFontSize() * 5.5f, 0))) {
        if (!t->playing && at_end) timeline_set(t, 0);
        t->playing = !t->playing;
    }
    ImGui::SameLine();
    if (ImGui::Button(tr_id(labels, lang, Str::ConvStepForward, "conv_forward"))) {
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
    // The speed is written beside its slider, not inside it, where the
    // handle would cover "4.0 steps/s".
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.0f);
    char speed[32];
    std::snprintf(speed, sizeof speed, "%.1f", double(t->steps_per_second));
    ImGui::SliderFloat("###conv_speed", &t->steps_per_second, 0.25f, 60.0f, "", ImGuiSliderFlags_Logarithmic);
    ImGui::SameLine();
    ImGui::TextUnformatted(slider_label(lang, Str::ConvSpeedLabel, speed).c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1.0f);
    int shown = int(t->step) + 1;
    const int last = int(t->count);
    const std::string step_label = slider_label(lang, Str::ConvStepLabel, std::to_string(shown));
    if (ImGui::SliderInt("###conv_scrub", &shown, 1, last, step_label.c_str())) {
        t->playing = false;
        timeline_set(t, shown - 1);
    }
    return t->step != before;
}
