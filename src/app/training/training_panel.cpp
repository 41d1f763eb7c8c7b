// training_panel.cpp: the Training tab. Controls (start, pause, one batch,
// reset, settings, save), the progress bar, then four views: the loss and
// accuracy curves with the confusion matrix, the test digits (mistakes first),
// a pad to draw a digit with the network's class probabilities, and "look
// inside": each Conv2D layer's filters and the current digit's feature maps.
// Everything shown comes from the training session (training_session.h);
// this file only draws it. Not the training loop.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

#include "core/parallel/thread_pool.h"
#include "app/app.h"
#include "app/same_line.h"
#include "core/message/message.h"
#include "core/analysis/layer_kind.h"
#include "render/image_view.h"
#include "app/panels.h"
#include "app/theme.h"
#include "app/training/training_session.h"

namespace {

const ImU32 kRaw = IM_COL32(90, 130, 200, 110), kSmooth = IM_COL32(30, 70, 170, 255);
const ImU32 kTrainCol = IM_COL32(40, 120, 200, 255), kTestCol = IM_COL32(220, 110, 30, 255);
const ImU32 kWrong = IM_COL32(200, 30, 30, 255);

ImU32 text_col() { return ImGui::GetColorU32(ImGuiCol_Text); }

std::string duration(Lang lang, double seconds) {
    const int s = int(seconds + 0.5);
    if (s < 60) return convlab::fill_slots(tr(lang, Str::DurationSeconds), {std::to_string(s)});
    char minutes[32];
    std::snprintf(minutes, sizeof minutes, "%d:%02d", s / 60, s % 60);
    return minutes;
}

// A frame for a plot with its title, y range labels; returns the inner rectangle.
void plot_frame(const char* title, ImVec2 size, float lo, float hi, ImVec2* p0, ImVec2* p1) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    dl->AddText(at, text_col(), title);
    const float line = ImGui::GetTextLineHeight();
    char top[32], bottom[32];
    std::snprintf(top, sizeof top, "%.3g", double(hi));
    std::snprintf(bottom, sizeof bottom, "%.3g", double(lo));
    const float label_w = std::max(ImGui::CalcTextSize(top).x, ImGui::CalcTextSize(bottom).x) + 6.0f;
    *p0 = ImVec2(at.x + label_w, at.y + line + 4.0f);
    *p1 = ImVec2(at.x + size.x - 4.0f, at.y + size.y - line - 4.0f);
    dl->AddRectFilled(*p0, *p1, ImGui::GetColorU32(ImGuiCol_FrameBg));
    dl->AddRect(*p0, *p1, ImGui::GetColorU32(ImGuiCol_Border));
    dl->AddText(ImVec2(at.x, p0->y - line * 0.5f), text_col(), top);
    dl->AddText(ImVec2(at.x, p1->y - line * 0.5f), text_col(), bottom);
}

// pts: the points' buffer, reused from one call to the next.
void polyline(std::vector<ImVec2>& pts, const std::vector<float>& v, size_t count, ImVec2 p0, ImVec2 p1, float lo,
              float hi, ImU32 col, float thickness) {
    if (count < 2) return;
    pts.clear();
    const size_t width = size_t(std::max(2.0f, p1.x - p0.x));
    const size_t step = std::max<size_t>(1, count / width);
    for (size_t i = 0; i < count; i += step) {
        const float x = p0.x + (p1.x - p0.x) * float(i) / float(count - 1);
        const float t = (std::min(hi, std::max(lo, v[i])) - lo) / (hi - lo);
        pts.push_back(ImVec2(x, p1.y - t * (p1.y - p0.y)));
    }
    ImGui::GetWindowDrawList()->AddPolyline(pts.data(), int(pts.size()), col, 0, thickness);
}

void legend(ImU32 col, const char* text) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + h * 0.4f), ImVec2(p.x + 16, p.y + h * 0.6f), col);
    ImGui::Dummy(ImVec2(20, h));
    ImGui::SameLine(0, 2);
    ImGui::TextUnformatted(text);
}

void loss_plot(App& app, ImVec2 size) {
    const Lang lang = app.language.shown;
    const TrainingSession& t = app.training;
    ImGui::BeginGroup();
    float hi = 0.5f;
    for (float v : t.smoothed_loss) hi = std::max(hi, v);
    hi = std::min(hi * 1.15f, 3.0f);
    ImVec2 p0, p1;
    plot_frame(tr(lang, Str::PlotLoss), ImVec2(size.x, size.y - ImGui::GetFrameHeightWithSpacing()), 0.0f, hi, &p0, &p1);
    if (t.batch_loss.empty()) {
        ImGui::GetWindowDrawList()->AddText(ImVec2(p0.x + 8, p0.y + 8), text_col(), tr(lang, Str::PlotEmpty));
    } else {
        polyline(app.training_panel.points, t.batch_loss, t.batch_loss.size(), p0, p1, 0.0f, hi, kRaw, 1.0f);
        polyline(app.training_panel.points, t.smoothed_loss, t.smoothed_loss.size(), p0, p1, 0.0f, hi, kSmooth, 2.0f);
        const std::string n = convlab::fill_slots(tr(lang, Str::PlotBatchesAxis), {std::to_string(t.batch_loss.size())});
        ImGui::GetWindowDrawList()->AddText(ImVec2(p1.x - ImGui::CalcTextSize(n.c_str()).x, p1.y + 2), text_col(),
                                            n.c_str());
    }
    legend(kRaw, tr(lang, Str::PlotLossRaw));
    ImGui::SameLine(0, 16);
    legend(kSmooth, tr(lang, Str::PlotLossSmoothed));
    ImGui::EndGroup();
}

void accuracy_plot(Lang lang, const TrainingSession& t, ImVec2 size) {
    ImGui::BeginGroup();
    float lo = 100.0f;
    for (float v : t.train_accuracy) lo = std::min(lo, v);
    for (float v : t.test_accuracy) lo = std::min(lo, v);
    lo = std::max(0.0f, std::floor((lo - 1.0f) / 10.0f) * 10.0f);
    ImVec2 p0, p1;
    plot_frame(tr(lang, Str::PlotAccuracy), ImVec2(size.x, size.y - ImGui::GetFrameHeightWithSpacing()), lo, 100.0f, &p0, &p1);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const size_t epochs = std::max<size_t>(size_t(t.settings.epochs), t.train_accuracy.size());
    const auto draw = [&](const std::vector<float>& v, ImU32 col, float dy) {
        for (size_t i = 0; i < v.size(); ++i) {
            const float x = epochs <= 1 ? (p0.x + p1.x) * 0.5f : p0.x + 12 + (p1.x - p0.x - 24) * float(i) / float(epochs - 1);
            const float y = p1.y - (v[i] - lo) / (100.0f - lo) * (p1.y - p0.y);
            dl->AddCircleFilled(ImVec2(x, y), 4.0f, col);
            if (i > 0) {
                const float px = epochs <= 1 ? x : p0.x + 12 + (p1.x - p0.x - 24) * float(i - 1) / float(epochs - 1);
                const float py = p1.y - (v[i - 1] - lo) / (100.0f - lo) * (p1.y - p0.y);
                dl->AddLine(ImVec2(px, py), ImVec2(x, y), col, 2.0f);
            }
            char label[16];
            std::snprintf(label, sizeof label, "%.1f%%", double(v[i]));
            const float w = ImGui::CalcTextSize(label).x;
            dl->AddText(ImVec2(std::min(x - w * 0.5f, p1.x - w - 2), std::max(p0.y, y + dy)), col, label);
        }
    };
    if (t.train_accuracy.empty())
        dl->AddText(ImVec2(p0.x + 8, p0.y + 8), text_col(),
                    tr(lang, t.phase == TrainPhase::Ready ? Str::PlotEmpty : Str::PlotAccuracyEmpty));
    draw(t.train_accuracy, kTrainCol, 6.0f);
    draw(t.test_accuracy, kTestCol, -ImGui::GetTextLineHeight() - 6.0f);
    legend(kTrainCol, tr(lang, Str::LegendTrain));
    ImGui::SameLine(0, 16);
    legend(kTestCol, tr(lang, Str::LegendTest));
    ImGui::EndGroup();
}

void confusion_matrix(Lang lang, const TrainingSession& t, ImVec2 size) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + size.x);
    ImGui::TextUnformatted(tr(lang, Str::ConfusionTitle));
    if (!t.evaluated) ImGui::TextDisabled("%s", tr(lang, Str::ConfusionNone));
    ImGui::PopTextWrapPos();
    if (!t.evaluated) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float cell = std::max(14.0f, std::min((size.y - 3.0f * ImGui::GetTextLineHeightWithSpacing()) / 11.0f, size.x / 11.0f));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(cell * 11, cell * 11));
    char buf[16];
    for (int i = 0; i < 10; ++i) {
        std::snprintf(buf, sizeof buf, "%d", i);
        const ImVec2 ts = ImGui::CalcTextSize(buf);
        dl->AddText(ImVec2(at.x + cell * float(i + 1) + (cell - ts.x) * 0.5f, at.y + (cell - ts.y) * 0.5f), text_col(), buf);
        dl->AddText(ImVec2(at.x + (cell - ts.x) * 0.5f, at.y + cell * float(i + 1) + (cell - ts.y) * 0.5f), text_col(), buf);
    }
    for (int r = 0; r < 10; ++r) {
        int row_total = 0;
        for (int c = 0; c < 10; ++c) row_total += t.confusion[r][c];
        for (int c = 0; c < 10; ++c) {
            const int n = t.confusion[r][c];
            const ImVec2 q0(at.x + cell * float(c + 1), at.y + cell * float(r + 1));
            const ImVec2 q1(q0.x + cell - 1, q0.y + cell - 1);
            const float share = row_total ? float(n) / float(row_total) : 0.0f;
            ImU32 fill;
            if (r == c) fill = IM_COL32(40, 140, 70, int(60 + 195 * share));
            else fill = n ? IM_COL32(210, 50, 40, int(std::min(255.0f, 70 + 1800 * share))) : IM_COL32(128, 128, 128, 25);
            dl->AddRectFilled(q0, q1, fill);
            if (n) {
                std::snprintf(buf, sizeof buf, "%d", n);
                const ImVec2 ts = ImGui::CalcTextSize(buf);
                if (ts.x < cell - 2)
                    dl->AddText(ImVec2(q0.x + (cell - ts.x) * 0.5f, q0.y + (cell - ts.y) * 0.5f), text_col(), buf);
            }
        }
    }
}

void curves_view(App& app) {
    const Lang lang = app.language.shown;
    const TrainingSession& t = app.training;
    // Plots on the left, one above the other; the confusion matrix on the right,
    // with cells wide enough for three-digit counts.
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float left = std::floor(avail.x * 0.56f);
    const float note_h = 2.0f * ImGui::GetTextLineHeightWithSpacing();
    const float plot_h = std::max(130.0f, (avail.y - note_h) * 0.5f - ImGui::GetStyle().ItemSpacing.y);
    ImGui::BeginGroup();
    loss_plot(app, ImVec2(left, plot_h));
    accuracy_plot(lang, t, ImVec2(left, plot_h));
    if (!t.train_accuracy.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + left);
        ImGui::TextDisabled("%s", tr(lang, Str::TrainAccuracyNote));
        ImGui::PopTextWrapPos();
    }
    ImGui::EndGroup();
    ImGui::SameLine(0, 16);
    ImGui::BeginGroup();
    confusion_matrix(lang, t, ImVec2(avail.x - left - 16, avail.y));
    ImGui::EndGroup();
}

// The test digits, mistakes first, as one texture of 28×28 tiles.
void test_digits_view(App& app) {
    const Lang lang = app.language.shown;
    TrainingSession& t = app.training;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(tr(lang, Str::TestDigitsHint));
    ImGui::PopTextWrapPos();
    if (!t.evaluated) {
        ImGui::TextDisabled("%s", tr(lang, Str::TestDigitsNone));
        return;
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float scale = 2.0f, tile = 28 * scale, label = ImGui::GetTextLineHeight(), gap = 6.0f;
    const int cols = std::max(1, int(avail.x / (tile + gap))), rows = std::max(1, int(avail.y / (tile + label + gap)));
    const int shown = std::min(cols * rows, int(t.test_order.size()));
    TrainingPanelState& s = app.training_panel;
    ImageTexture& img = s.digits;
    const long version = long(t.test_accuracy.size());
    if (s.digits_version != version || img.w != 28 * cols) {
        s.digits_version = version;
        image_resize(img, 28 * cols, 28 * rows);
        for (int k = 0; k < shown; ++k) {
            const int index = t.test_order[size_t(k)];
            const uint8_t* px = t.data->test.pixels.data() + size_t(index) * 784;
            for (int i = 0; i < 28; ++i)
                for (int j = 0; j < 28; ++j) {
                    const uint8_t v = uint8_t(255 - px[i * 28 + j]);  // dark ink on white, like paper
                    const uint8_t rgb[3] = {v, v, v};
                    image_set(img, (k % cols) * 28 + j, (k / cols) * 28 + i, rgb);
                }
        }
        image_upload(img, &app.texture_changes);
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    for (int k = 0; k < shown; ++k) {
        const int index = t.test_order[size_t(k)];
        const ImVec2 p0(at.x + float(k % cols) * (tile + gap), at.y + float(k / cols) * (tile + label + gap));
        image_draw_part(dl, img, p0, ImVec2(p0.x + tile, p0.y + tile), (k % cols) * 28, (k / cols) * 28, 28, 28);
        const int guess = t.test_prediction[size_t(index)], truth = t.data->test.labels[size_t(index)];
        char buf[16];
        if (guess == truth) std::snprintf(buf, sizeof buf, "%d", guess);
        else std::snprintf(buf, sizeof buf, "%d (%d)", guess, truth);
        dl->AddText(ImVec2(p0.x + 2, p0.y + tile), guess == truth ? text_col() : kWrong, buf);
        if (guess != truth) dl->AddRect(p0, ImVec2(p0.x + tile, p0.y + tile), kWrong, 0.0f, 0, 2.0f);
        ImGui::SetCursorScreenPos(p0);
        ImGui::PushID(k);
        if (ImGui::InvisibleButton("digit", ImVec2(tile, tile))) training_set_test_digit(app, index);
        ImGui::PopID();
    }
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + float(rows) * (tile + label + gap)));
}

// A 28×28 digit (values in [0, 1]) drawn as a white-on-black picture, like the network's input.
void seen_image(App& app, float size) {
    const TrainingSession& t = app.training;
    TrainingPanelState& s = app.training_panel;
    ImageTexture& img = s.seen;
    if (s.seen_version != t.probe_serial || img.w != 28) {
        s.seen_version = t.probe_serial;
        image_resize(img, 28, 28);
        for (int i = 0; i < 28; ++i)
            for (int j = 0; j < 28; ++j) {
                const uint8_t v = uint8_t(255.0f * std::min(1.0f, std::max(0.0f, t.probe[i * 28 + j])));
                const uint8_t rgb[3] = {v, v, v};
                image_set(img, j, i, rgb);
            }
        image_upload(img, &app.texture_changes);
    }
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(size, size));
    image_draw_part(ImGui::GetWindowDrawList(), img, p, ImVec2(p.x + size, p.y + size), 0, 0, 28, 28);
}

void probabilities_view(Lang lang, const TrainingSession& t, float width) {
    ImGui::TextUnformatted(tr(lang, Str::DrawProbabilities));
    if (!t.probe_has_digit) {
        ImGui::TextDisabled("%s", tr(lang, Str::DrawNoDigit));
        return;
    }
    const int best = int(std::max_element(t.probabilities, t.probabilities + 10) - t.probabilities);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float h = ImGui::GetTextLineHeightWithSpacing();
    for (int k = 0; k < 10; ++k) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(width, h));
        char buf[24];
        std::snprintf(buf, sizeof buf, "%d", k);
        dl->AddText(p, text_col(), buf);
        const float bar_w = width - 90.0f;
        dl->AddRectFilled(ImVec2(p.x + 18, p.y + 2), ImVec2(p.x + 18 + bar_w, p.y + h - 3), IM_COL32(128, 128, 128, 40));
        dl->AddRectFilled(ImVec2(p.x + 18, p.y + 2), ImVec2(p.x + 18 + bar_w * t.probabilities[k], p.y + h - 3),
                          k == best ? kTestCol : kTrainCol);
        std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * double(t.probabilities[k]));
        dl->AddText(ImVec2(p.x + 24 + bar_w, p.y), text_col(), buf);
    }
}

// The pad: 112×112 ink (4× MNIST's 28), drawn at 2× on screen with a soft round brush.
void draw_view(App& app) {
    const Lang lang = app.language.shown;
    TrainingSession& t = app.training;
    TrainingPanelState& s = app.training_panel;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(tr(lang, Str::DrawHint));
    ImGui::PopTextWrapPos();
    constexpr int kPad = 112;
    const float scale = 2.0f, side = kPad * scale;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("pad", ImVec2(side, side));
    const bool drawing = ImGui::IsItemActive();
    if (drawing) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        const ImVec2 q((m.x - at.x) / scale, (m.y - at.y) / scale);
        const ImVec2 from = s.last_stroke.x < 0 ? q : s.last_stroke;
        const float dist = std::sqrt((q.x - from.x) * (q.x - from.x) + (q.y - from.y) * (q.y - from.y));
        const int steps = std::max(1, int(dist / 1.5f));
        constexpr float kRadius = 4.5f;
        for (int k = 0; k <= steps; ++k) {
            const float cx = from.x + (q.x - from.x) * float(k) / float(steps);
            const float cy = from.y + (q.y - from.y) * float(k) / float(steps);
            for (int i = std::max(0, int(cy - kRadius - 1)); i < std::min(kPad, int(cy + kRadius + 2)); ++i)
                for (int j = std::max(0, int(cx - kRadius - 1)); j < std::min(kPad, int(cx + kRadius + 2)); ++j) {
                    const float d = std::sqrt((float(j) + 0.5f - cx) * (float(j) + 0.5f - cx) + (float(i) + 0.5f - cy) * (float(i) + 0.5f - cy));
                    const float ink = std::min(1.0f, std::max(0.0f, (kRadius - d) / 1.5f));
                    s.pad[i * kPad + j] = std::max(s.pad[i * kPad + j], ink);
                }
        }
        s.last_stroke = q;
        s.pad_dirty = true;
    } else {
        s.last_stroke = ImVec2(-1, -1);
    }
    if (s.pad_dirty) {
        s.pad_dirty = false;
        training_set_drawing(app, s.pad, kPad, kPad);
        s.pad_img.version = -1;
    }
    if (s.pad_img.version != 0 || s.pad_img.w != kPad) {
        image_resize(s.pad_img, kPad, kPad);
        for (int i = 0; i < kPad; ++i)
            for (int j = 0; j < kPad; ++j) {
                const uint8_t v = uint8_t(255.0f * (1.0f - s.pad[i * kPad + j]));
                const uint8_t rgb[3] = {v, v, v};
                image_set(s.pad_img, j, i, rgb);
            }
        image_upload(s.pad_img, &app.texture_changes);
        s.pad_img.version = 0;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    image_draw_part(dl, s.pad_img, at, ImVec2(at.x + side, at.y + side), 0, 0, kPad, kPad);
    dl->AddRect(at, ImVec2(at.x + side, at.y + side), ImGui::GetColorU32(ImGuiCol_Border), 0.0f, 0, 2.0f);
    if (ImGui::Button(tr_id(app.labels, lang, Str::DrawClear, "pad_clear"))) {
        std::fill(s.pad, s.pad + kPad * kPad, 0.0f);
        s.pad_dirty = true;
    }
    ImGui::SameLine(0, 0);
    ImGui::SetCursorScreenPos(ImVec2(at.x + side + 24, at.y));
    ImGui::BeginGroup();
    ImGui::TextUnformatted(tr(lang, Str::DrawSeen));
    seen_image(app, 112.0f);
    ImGui::EndGroup();
    ImGui::SameLine(0, 24);
    ImGui::BeginGroup();
    probabilities_view(lang, t, std::min(360.0f, ImGui::GetContentRegionAvail().x));
    ImGui::EndGroup();
}

// Values of `count` tiles of w×h (value(tile, i, j)) coloured with viridis over [lo, hi] into an atlas.
template <class F>
void colour_tiles(ImageTexture& img, uint64_t* texture_changes, int count, int w, int h, int cols, float lo, float hi,
                  F value) {
    const int rows = (count + cols - 1) / cols;
    image_resize(img, cols * (w + 1), rows * (h + 1), 0x00000000u);
    const float range = hi > lo ? hi - lo : 1.0f;
    for (int k = 0; k < count; ++k)
        for (int i = 0; i < h; ++i)
            for (int j = 0; j < w; ++j) {
                uint8_t rgb[3];
                viridis((value(k, i, j) - lo) / range, rgb);
                image_set(img, (k % cols) * (w + 1) + j, (k / cols) * (h + 1) + i, rgb);
            }
    image_upload(img, texture_changes);
}

void draw_tiles(const ImageTexture& img, int count, int w, int h, int cols, float width) {
    const float tile = std::max(4.0f, std::floor(width / float(cols)) - 3.0f);
    const float scale_h = tile * float(h) / float(w);
    const int rows = (count + cols - 1) / cols;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(float(cols) * (tile + 3), float(rows) * (scale_h + 3)));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int k = 0; k < count; ++k) {
        const ImVec2 p0(at.x + float(k % cols) * (tile + 3), at.y + float(k / cols) * (scale_h + 3));
        image_draw_part(dl, img, p0, ImVec2(p0.x + tile, p0.y + scale_h), (k % cols) * (w + 1), (k / cols) * (h + 1), w, h);
    }
}

void inside_view(App& app) {
    const Lang lang = app.language.shown;
    TrainingSession& t = app.training;
    TrainingPanelState& s = app.training_panel;
    const convlab::Network& net = t.net;
    // Layers with pictures: every layer with an (H, W, C) output.
    if (s.inside_layer < 0 || s.inside_layer >= int(net.layers.size()) || t.maps[size_t(s.inside_layer)].empty()) {
        s.inside_layer = -1;
        for (size_t i = 0; i < net.layers.size(); ++i)
            if (!t.maps[i].empty()) { s.inside_layer = int(i); break; }
    }
    if (s.inside_layer < 0) return;
    const convlab::NetLayer& layer = net.layers[size_t(s.inside_layer)];
    ImGui::SetNextItemWidth(260.0f);
    if (ImGui::BeginCombo(tr_id(app.labels, lang, Str::InsideLayer, "inside_layer"), layer.summary.name.c_str())) {
        for (size_t i = 0; i < net.layers.size(); ++i) {
            if (t.maps[i].empty()) continue;
            const std::string label = net.layers[i].summary.name + " (" + convlab::layer_kind_info(net.layers[i].spec.kind).class_name + ")";
            if (ImGui::Selectable(label.c_str(), int(i) == s.inside_layer)) s.inside_layer = int(i);
        }
        ImGui::EndCombo();
    }
    const float width = ImGui::GetContentRegionAvail().x;
    const float left_w = std::floor(width * 0.42f);
    ImGui::BeginChild("inside_filters", ImVec2(left_w, 0), false);
    if (layer.spec.kind == convlab::LayerKind::Conv2D) {
        const convlab::ParamBlock& k = net.blocks[size_t(layer.first_block)];  // kernel (Kh, Kw, Cin, Cout)
        const int kh = int(k.dims[0]), kw = int(k.dims[1]), cin = int(k.dims[2]), cout = int(k.dims[3]);
        s.input_channel = std::min(s.input_channel, cin - 1);
        if (cin > 1) {
            ImGui::SetNextItemWidth(left_w * 0.6f);
            ImGui::SliderInt(tr_id(app.labels, lang, Str::InsideInputChannel, "inside_channel"), &s.input_channel, 0, cin - 1);
        }
        const std::string title =
            convlab::fill_slots(tr(lang, Str::InsideFilters), {layer.summary.name, std::to_string(cout), std::to_string(kh),
                                                               std::to_string(kw), std::to_string(s.input_channel)});
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(title.c_str());
        if (t.batches_done == 0 && !t.restored) ImGui::TextDisabled("%s", tr(lang, Str::InsideUntrained));
        ImGui::PopTextWrapPos();
        const float* w = net.params.data() + k.offset;
        const auto at = [&](int f, int i, int j) { return w[((i * kw + j) * cin + s.input_channel) * cout + f]; };
        const int cols = std::min(cout, 8);
        if (s.filters_version != t.weights_version || s.filters_layer != s.inside_layer || s.filters_channel != s.input_channel) {
            s.filters_version = t.weights_version;
            s.filters_layer = s.inside_layer;
            s.filters_channel = s.input_channel;
            float lo = at(0, 0, 0), hi = lo;
            for (int f = 0; f < cout; ++f)
                for (int i = 0; i < kh; ++i)
                    for (int j = 0; j < kw; ++j) { lo = std::min(lo, at(f, i, j)); hi = std::max(hi, at(f, i, j)); }
            s.filters_lo = lo;
            s.filters_hi = hi;
            colour_tiles(s.filters, &app.texture_changes, cout, kw, kh, cols, lo, hi, at);
        }
        draw_tiles(s.filters, cout, kw, kh, cols, left_w - 8);
        colour_bar(s.filters_lo, s.filters_hi, left_w - 8);
    } else {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", tr(lang, Str::InsideNoFilters));
        ImGui::PopTextWrapPos();
    }
    ImGui::Spacing();
    ImGui::TextUnformatted(tr(lang, Str::CurrentDigit));
    seen_image(app, 84.0f);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("inside_maps", ImVec2(0, 0), false);
    if (!t.probe_has_digit) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", tr(lang, Str::InsideNoDigit));
        ImGui::PopTextWrapPos();
    } else {
        const convlab::Shape& out = layer.summary.analysis.output;
        const int h = int(out.h()), w = int(out.w()), c = int(out.c());
        const std::string title = convlab::fill_slots(
            tr(lang, Str::InsideMaps), {layer.summary.name, std::to_string(c), std::to_string(h), std::to_string(w)});
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(title.c_str());
        ImGui::PopTextWrapPos();
        const std::vector<float>& m = t.maps[size_t(s.inside_layer)];
        const int cols = std::max(1, int(std::ceil(std::sqrt(double(c) * 1.6))));
        if (s.maps_version != t.probe_serial || s.maps_layer != s.inside_layer) {
            s.maps_version = t.probe_serial;
            s.maps_layer = s.inside_layer;
            float lo = m[0], hi = m[0];
            for (float v : m) { lo = std::min(lo, v); hi = std::max(hi, v); }
            s.maps_lo = lo;
            s.maps_hi = hi;
            colour_tiles(s.maps, &app.texture_changes, c, w, h, cols, lo, hi,
                         [&](int k, int i, int j) { return m[size_t((i * w + j) * c + k)]; });
        }
        const float avail_w = ImGui::GetContentRegionAvail().x - 8;
        const float avail_h = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() - 4;
        const int rows = (c + cols - 1) / cols;
        const float fit_w = std::min(avail_w, avail_h / float(rows) * float(cols) * float(w) / float(h));
        draw_tiles(s.maps, c, w, h, cols, fit_w);
        colour_bar(s.maps_lo, s.maps_hi, std::max(200.0f, fit_w));
    }
    ImGui::EndChild();
}

const char* phase_text(Lang lang, const TrainingSession& t) {
    switch (t.phase) {
        case TrainPhase::Ready: return tr(lang, Str::TrainStatusReady);
        case TrainPhase::Running: return t.schedule.evaluation_due ? tr(lang, Str::TrainStatusEvaluating) : tr(lang, Str::TrainStatusRunning);
        case TrainPhase::Paused: return tr(lang, Str::TrainStatusPaused);
        case TrainPhase::Finished: return tr(lang, Str::TrainStatusFinished);
        default: return "";
    }
}

void settings_row(App& app) {
    const Lang lang = app.language.shown;
    TrainingSession& t = app.training;
    TrainSettings s = t.settings;
    bool changed = false;
    const bool locked = t.phase == TrainPhase::Running || t.phase == TrainPhase::LoadingData;
    ImGui::BeginDisabled(locked);
    ImGui::SetNextItemWidth(90.0f);
    changed |= ImGui::InputInt(tr_id(app.labels, lang, Str::TrainEpochs, "train_epochs"), &s.epochs);
    s.epochs = std::max(1, std::min(100, s.epochs));
    same_line_if_fits(labeled_width(70.0f, tr(lang, Str::TrainBatch)), 14.0f);
    ImGui::SetNextItemWidth(70.0f);
    static const int kBatches[] = {1, 8, 16, 32, 64, 128, 256};
    char current[16];
    std::snprintf(current, sizeof current, "%d", s.batch);
    if (ImGui::BeginCombo(tr_id(app.labels, lang, Str::TrainBatch, "train_batch"), current)) {
        for (int b : kBatches) {
            std::snprintf(current, sizeof current, "%d", b);
            if (ImGui::Selectable(current, b == s.batch)) { s.batch = b; changed = true; }
        }
        ImGui::EndCombo();
    }
    same_line_if_fits(labeled_width(200.0f, tr(lang, Str::TrainOptimizer)), 14.0f);
    static const Str kNames[] = {Str::OptSgd, Str::OptAdam, Str::OptRmsprop, Str::OptAdadeltaKeras, Str::OptAdadeltaTf};
    ImGui::SetNextItemWidth(200.0f);
    if (ImGui::BeginCombo(tr_id(app.labels, lang, Str::TrainOptimizer, "train_optimizer"), tr(lang, kNames[size_t(s.optimizer)]))) {
        for (size_t i = 0; i < size_t(TrainOptimizer::Count); ++i)
            if (ImGui::Selectable(tr(lang, kNames[i]), i == size_t(s.optimizer))) {
                s = training_default_settings(TrainOptimizer(i), s);
                changed = true;
            }
        ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(110.0f);
    changed |= ImGui::InputDouble(tr_id(app.labels, lang, Str::TrainLearningRate, "train_lr"), &s.config.learning_rate, 0, 0, "%.4g");
    same_line_if_fits(labeled_width(90.0f, tr(lang, Str::TrainSeed)), 14.0f);
    int seed = int(s.seed);
    ImGui::SetNextItemWidth(90.0f);
    if (ImGui::InputInt(tr_id(app.labels, lang, Str::TrainSeed, "train_seed"), &seed)) {
        s.seed = uint64_t(std::max(0, seed));
        changed = true;
    }
    if (t.threaded) {  // may change while training: every thread count computes the same numbers
        ImGui::EndDisabled();
        same_line_if_fits(labeled_width(90.0f, tr(lang, Str::TrainThreads)), 14.0f);
        int threads = convlab::thread_count();
        ImGui::SetNextItemWidth(90.0f);
        if (ImGui::InputInt(tr_id(app.labels, lang, Str::TrainThreads, "train_threads"), &threads))
            convlab::set_thread_count(std::max(1, std::min(convlab::hardware_thread_count(), threads)));
        note_item(app, "train_threads");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(lang, Str::TrainThreadsTip));
        ImGui::BeginDisabled(locked);
    }
    same_line_if_fits(labeled_width(ImGui::GetFontSize(), tr(lang, Str::TrainSettingsHeader)), 14.0f);
    if (ImGui::TreeNode(tr_id(app.labels, lang, Str::TrainSettingsHeader, "train_more"))) {
        ImGui::SetNextItemWidth(110.0f);
        switch (s.config.kind) {
            case convlab::OptimizerKind::SGD:
                changed |= ImGui::InputDouble(tr_id(app.labels, lang, Str::TrainMomentum, "opt_momentum"), &s.config.momentum, 0, 0, "%.4g");
                changed |= ImGui::Checkbox(tr_id(app.labels, lang, Str::TrainNesterov, "opt_nesterov"), &s.config.nesterov);
                break;
            case convlab::OptimizerKind::Adam:
                changed |= ImGui::InputDouble(tr_id(app.labels, lang, Str::TrainBeta1, "opt_beta1"), &s.config.beta_1, 0, 0, "%.4g");
                ImGui::SetNextItemWidth(110.0f);
                changed |= ImGui::InputDouble(tr_id(app.labels, lang, Str::TrainBeta2, "opt_beta2"), &s.config.beta_2, 0, 0, "%.4g");
                break;
            default:
                changed |= ImGui::InputDouble(tr_id(app.labels, lang, Str::TrainRho, "opt_rho"), &s.config.rho, 0, 0, "%.4g");
                break;
        }
        ImGui::SetNextItemWidth(110.0f);
        changed |= ImGui::InputDouble(tr_id(app.labels, lang, Str::TrainEpsilon, "opt_epsilon"), &s.config.epsilon, 0, 0, "%.3g");
        ImGui::TreePop();
    }
    ImGui::EndDisabled();
    if (locked && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tr(lang, Str::TrainSettingsLocked));
    if (changed) training_apply_settings(app, s);
}

}  // namespace

void training_panel(App& app, ImVec2 size) {
    const Lang lang = app.language.shown;
    TrainingSession& t = app.training;
    ImGui::BeginChild("training", size, false);
    if (t.phase == TrainPhase::Unavailable) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.80f, 0.10f, 0.10f, 1.0f));
        ImGui::PushFont(app.theme.fonts.bold);
        ImGui::TextUnformatted(tr(lang, Str::TrainUnavailableTitle));
        ImGui::PopFont();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(t.reason.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ImGui::EndChild();
        return;
    }
    // Controls.
    const bool running = t.phase == TrainPhase::Running || t.phase == TrainPhase::LoadingData;
    if (running) {
        if (ImGui::Button(tr_id(app.labels, lang, Str::TrainPause, "train_toggle"))) training_pause(app);
    } else {
        const Str label = (t.phase == TrainPhase::Paused) ? Str::TrainResume : Str::TrainStart;
        if (ImGui::Button(tr_id(app.labels, lang, label, "train_toggle"))) training_start(app);
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(running);
    if (ImGui::Button(tr_id(app.labels, lang, Str::TrainStep, "train_step"))) training_step(app);
    note_item(app, "train_step");
    ImGui::SameLine();
    if (ImGui::Button(tr_id(app.labels, lang, Str::TrainReset, "train_reset"))) {
        // Weights that took minutes to train are not thrown away on one click.
        if (t.batches_done > 0 || t.restored) t.confirm_reset = true;
        else training_reset(app);
    }
    note_item(app, "train_reset");
    ImGui::EndDisabled();
    same_line_if_fits(button_width(tr(lang, Str::SaveConvlab)), 24.0f);
    if (ImGui::Button(tr_id(app.labels, lang, Str::SaveConvlab, "save_convlab"))) training_save_convlab(app);
    same_line_if_fits(button_width(tr(lang, Str::SaveTfjs)));
    if (ImGui::Button(tr_id(app.labels, lang, Str::SaveTfjs, "save_tfjs"))) training_save_tfjs(app);
    if (t.confirm_reset && !running) {
        ImGui::PushTextWrapPos(0.0f);
        const std::string ask = t.batches_done > 0
                                    ? convlab::fill_slots(tr(lang, Str::TrainResetAsk), {std::to_string(t.batches_done)})
                                    : convlab::fill_slots(tr(lang, Str::TrainResetAskRestored), {std::to_string(t.restored_epochs)});
        ImGui::TextColored(ImVec4(0.75f, 0.35f, 0.0f, 1.0f), "%s", ask.c_str());
        ImGui::PopTextWrapPos();
        if (ImGui::Button(tr_id(app.labels, lang, Str::TrainResetYes, "train_reset_yes"))) {
            t.confirm_reset = false;
            training_reset(app);
        }
        note_item(app, "train_reset_yes");
        ImGui::SameLine();
        if (ImGui::Button(tr_id(app.labels, lang, Str::TrainResetNo, "train_reset_no"))) t.confirm_reset = false;
        note_item(app, "train_reset_no");
    } else {
        t.confirm_reset = false;  // training started again: the question no longer stands
    }
    settings_row(app);

    // Progress.
    const int64_t train_count = t.data ? t.data->train.count : convlab::kMnistTrainCount;
    const long long per_epoch_batches = convlab::epoch_schedule_batches_per_epoch(train_count, t.settings.batch);
    const long long in_epoch = t.phase == TrainPhase::Finished
                                   ? per_epoch_batches
                                   : convlab::epoch_schedule_batches_per_epoch(training_epoch_examples(t), t.settings.batch);
    const int epochs_done = t.schedule.epoch;
    const int shown_epoch = t.phase == TrainPhase::Finished ? epochs_done : std::min(epochs_done + 1, t.settings.epochs);
    const std::string overlay = convlab::fill_slots(
        tr(lang, Str::TrainProgress), {std::to_string(shown_epoch), std::to_string(t.settings.epochs),
                                       std::to_string(t.schedule.evaluation_due ? per_epoch_batches : in_epoch),
                                       std::to_string(per_epoch_batches)});
    const double per_epoch = double(train_count);
    const double done = double(epochs_done) * per_epoch +
                        (t.schedule.evaluation_due ? per_epoch : double(training_epoch_examples(t)));
    // In whole pixels of the bar: a bar that moves by a fraction of a pixel
    // still changes the frame's vertices, and an unchanged frame is not drawn
    // at all (ui_renderer_frame_changed), which is what keeps training smooth
    // with software WebGL.
    const float bar_px = std::max(1.0f, std::floor(ImGui::GetContentRegionAvail().x));
    const float fraction =
        std::floor(float(std::min(1.0, done / (double(t.settings.epochs) * per_epoch))) * bar_px) / bar_px;
    ImGui::ProgressBar(fraction, ImVec2(-1, 0), overlay.c_str());
    if (t.phase == TrainPhase::LoadingData) {
        char bytes[64];
        std::snprintf(bytes, sizeof bytes, "%.1f / %.1f MB", app.digits.received / 1e6, app.digits.total / 1e6);
        ImGui::TextWrapped("%s", convlab::fill_slots(tr(lang, Str::TrainStatusLoading), {bytes}).c_str());
    } else if (t.phase == TrainPhase::Stopped) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.80f, 0.10f, 0.10f, 1.0f));
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(t.reason.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    } else {
        // Wrapped, and the speed beside the phase only where it fits (phones).
        ImGui::TextWrapped("%s", phase_text(lang, t));
        // No time left while the test pass runs: it is not training examples.
        if (t.phase == TrainPhase::Running && t.examples_per_second > 0 && !t.schedule.evaluation_due) {
            char rate[32];
            std::snprintf(rate, sizeof rate, "%.0f", t.examples_per_second);
            const std::string speed = convlab::fill_slots(tr(lang, Str::TrainSpeed), {rate, duration(lang, t.seconds_left)});
            same_line_if_fits(ImGui::CalcTextSize(speed.c_str()).x, 16.0f);
            ImGui::TextUnformatted(speed.c_str());
        }
        if (t.restored_note) {
            ImGui::SameLine(0, 16);
            const std::string note = convlab::fill_slots(tr(lang, Str::TrainRestored), {std::to_string(t.restored_epochs)});
            ImGui::TextDisabled("%s", note.c_str());
        }
    }
    // Which way this page trains, and why (training_thread.h).
    {
        std::string mode = t.threaded ? convlab::fill_slots(tr(lang, Str::TrainModeThread),
                                                            {std::to_string(convlab::thread_count())})
                           : t.worker ? tr(lang, Str::TrainModeWorker)
                                      : tr(lang, Str::TrainModeFrames);
        if (!t.mode_note.empty()) mode += " (" + t.mode_note + ")";  // why the worker could not start
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(mode.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
    ImGui::Separator();

    // The four views, in the order of t.view_request's numbers. A view asked
    // for by the test hook ("train_view draw") is selected once.
    struct View {
        Str label;
        const char* id;
        void (*draw)(App&);
    };
    static const View kViews[] = {{Str::TrainTabCurves, "train_curves", curves_view},
                                  {Str::TrainTabTestDigits, "train_digits", test_digits_view},
                                  {Str::TrainTabDraw, "train_draw", draw_view},
                                  {Str::TrainTabInside, "train_inside", inside_view}};
    if (ImGui::BeginTabBar("training_views")) {
        for (int v = 0; v < int(std::size(kViews)); ++v) {
            const ImGuiTabItemFlags flags = t.view_request == v ? ImGuiTabItemFlags_SetSelected : 0;
            if (!ImGui::BeginTabItem(tr_id(app.labels, lang, kViews[v].label, kViews[v].id), nullptr, flags)) continue;
            kViews[v].draw(app);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    t.view_request = -1;
    ImGui::EndChild();
}
