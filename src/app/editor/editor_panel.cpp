// editor_panel.cpp: the model as a vertical stack of layer cards. Each card shows
// the layer's class and key sizes, then its output shape as a small box whose
// height, width and depth follow H, W and C (coloured like those dimensions in
// the formulas), with the numbers the core computed. The selected card opens its
// fields as steppers, sliders, combos and checkboxes, so every edit works with a
// mouse or a finger as well as a keyboard. Not the edit logic: model_edit.cpp.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "app/app.h"
#include "core/message/message.h"
#include "core/io/export_code.h"
#include "core/io/model_url.h"
#include "core/analysis/layer_kind.h"
#include "core/applications/applications.h"
#include "app/editor/editor_graph.h"
#include "core/io/summary_format.h"
#include "app/panels.h"
#include "app/text/message_text.h"
#include "platform/platform.h"
#include "app/theme.h"

using convlab::Field;
using convlab::LayerKind;
using convlab::LayerSpec;

namespace {

const ImVec4 kErrorColor(0.80f, 0.10f, 0.10f, 1.0f);

std::string pair_text(convlab::Pair p) { return std::to_string(p.h) + "×" + std::to_string(p.w); }

std::string shape_text(const convlab::Shape& s) {
    std::string out;
    for (int i = 0; i < s.rank; ++i) out += (i ? "×" : "") + std::to_string(s.dim[i]);
    return out;
}

// The sizes a learner looks for first, as numbers: "32 · 3×3 · relu".
std::string key_sizes(const LayerSpec& L) {
    std::vector<std::string> parts;
    const bool window = L.kind == LayerKind::Conv2D || L.kind == LayerKind::SeparableConv2D ||
                        L.kind == LayerKind::DepthwiseConv2D || L.kind == LayerKind::MaxPooling2D ||
                        L.kind == LayerKind::AveragePooling2D;
    if (L.kind == LayerKind::Conv2D || L.kind == LayerKind::SeparableConv2D) parts.push_back(std::to_string(L.filters));
    if (L.kind == LayerKind::Dense) parts.push_back(std::to_string(L.units));
    if (window) parts.push_back(pair_text(L.kernel));
    if (L.kind == LayerKind::DepthwiseConv2D && L.depth_multiplier != 1)
        parts.push_back("×" + std::to_string(L.depth_multiplier));
    if (window && !(L.strides == convlab::Pair{1, 1}) &&
        !((L.kind == LayerKind::MaxPooling2D || L.kind == LayerKind::AveragePooling2D) && L.strides == L.kernel))
        parts.push_back("/" + pair_text(L.strides));
    if (window && L.padding == convlab::Padding::Same) parts.push_back("same");
    if (L.kind == LayerKind::ZeroPadding2D)
        parts.push_back(std::to_string(L.pad_top) + "," + std::to_string(L.pad_bottom) + "," +
                        std::to_string(L.pad_left) + "," + std::to_string(L.pad_right));
    if (L.kind == LayerKind::Dropout) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.2f", L.rate);
        parts.push_back(buf);
    }
    if (L.activation != convlab::Activation::Linear || L.kind == LayerKind::Activation)
        parts.push_back(convlab::activation_name(L.activation));
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? " · " : "") + parts[i];
    return out;
}

ImU32 colour(convlab::Role role, bool dark, float alpha = 1.0f) {
    ImVec4 c = role_color(role, dark);
    c.w = alpha;
    return ImGui::GetColorU32(c);
}

// A tensor-shaped glyph: for (H, W, C) a box whose front face is W wide and H
// tall and whose depth is C (square-root and log scales keep 1 and 9,216 both
// visible); for (F) a bar whose length follows F. Edges share the formula colours.
void shape_glyph(const convlab::Shape& s, bool dark) {
    const ImVec2 size(64, 44);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    if (s.rank == 0) return;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const auto log2p = [](int64_t v) { return float(std::log2(double(std::max<int64_t>(v, 1)))); };
    if (s.rank == 3) {
        const auto side = [](int64_t v) { return std::clamp(5.0f + 26.0f * std::sqrt(float(v) / 32.0f), 4.0f, 34.0f); };
        const float w = side(s.w()), h = side(s.h());
        const float d = std::clamp(2.0f + 3.2f * log2p(s.c()), 2.0f, 26.0f);
        const float dx = d * 0.75f, dy = d * 0.45f;
        const ImVec2 a(p.x + 2, p.y + size.y - 2 - h);  // front face, top-left
        const ImVec2 b(a.x + w, a.y + h);               // front face, bottom-right
        const ImU32 edge = ImGui::GetColorU32(ImGuiCol_Text, 0.55f);
        // top and right faces: the channels dimension
        const ImVec2 top[4] = {a, ImVec2(a.x + dx, a.y - dy), ImVec2(b.x + dx, a.y - dy), ImVec2(b.x, a.y)};
        const ImVec2 right[4] = {ImVec2(b.x, a.y), ImVec2(b.x + dx, a.y - dy), ImVec2(b.x + dx, b.y - dy), b};
        draw->AddConvexPolyFilled(top, 4, colour(convlab::Role::Channels, dark, 0.35f));
        draw->AddConvexPolyFilled(right, 4, colour(convlab::Role::Channels, dark, 0.55f));
        draw->AddPolyline(top, 4, edge, ImDrawFlags_Closed, 1.0f);
        draw->AddPolyline(right, 4, edge, ImDrawFlags_Closed, 1.0f);
        draw->AddRectFilled(a, b, colour(convlab::Role::Height, dark, 0.18f));
        draw->AddRect(a, b, edge);
        draw->AddLine(ImVec2(a.x, b.y), a, colour(convlab::Role::Height, dark), 2.0f);              // H
        draw->AddLine(ImVec2(a.x, b.y), b, colour(convlab::Role::Width, dark), 2.0f);               // W
        draw->AddLine(b, ImVec2(b.x + dx, b.y - dy), colour(convlab::Role::Channels, dark), 2.0f);  // C
    } else {
        const float len = std::clamp(4.0f + 3.0f * log2p(s.dim[0]), 4.0f, size.y - 4.0f);
        const ImVec2 a(p.x + 24, p.y + size.y - 2 - len), b(p.x + 32, p.y + size.y - 2);
        draw->AddRectFilled(a, b, colour(convlab::Role::Units, dark, 0.45f));
        draw->AddRect(a, b, ImGui::GetColorU32(ImGuiCol_Text, 0.55f));
    }
}

// ---------------------------------------------------------------- field widgets

struct FieldRow {
    App* app;
    int index;
    LayerSpec edited;  // the layer after this frame's edits
    std::string key;   // which field changed ("3:filters"), empty if none
};

// Marks a widget red when the core's Problem points at it.
struct RedIfProblem {
    bool on;
    RedIfProblem(bool on_, bool dark) : on(on_) {
        if (!on) return;
        ImGui::PushStyleColor(ImGuiCol_FrameBg, dark ? ImVec4(0.45f, 0.08f, 0.08f, 1) : ImVec4(1.0f, 0.82f, 0.82f, 1));
        ImGui::PushStyleColor(ImGuiCol_Border, kErrorColor);
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.5f);
    }
    ~RedIfProblem() {
        if (!on) return;
        ImGui::PopStyleVar();
        ImGui::PopStyleColor(2);
    }
};

bool stepper(const char* id, int64_t* v, int64_t fast = 8) {
    const int64_t one = 1;
    return ImGui::InputScalar(id, ImGuiDataType_S64, v, &one, &fast, "%lld");
}

// Steppers side by side with "×" between them (height × width), filling the column.
bool steppers(const char* id, int64_t* const* values, int n) {
    bool changed = false;
    const float spacing = ImGui::GetStyle().ItemInnerSpacing.x;
    const float times = ImGui::CalcTextSize("×").x + 2 * spacing;
    const float w = (ImGui::GetContentRegionAvail().x - times * float(n - 1)) / float(n);
    ImGui::PushID(id);
    for (int i = 0; i < n; ++i) {
        if (i) {
            ImGui::SameLine(0, spacing);
            ImGui::TextDisabled("×");
            ImGui::SameLine(0, spacing);
        }
        ImGui::SetNextItemWidth(w);
        ImGui::PushID(i);
        changed |= stepper("##v", values[i], 1);
        ImGui::PopID();
    }
    ImGui::PopID();
    return changed;
}

bool field_widget(Field f, LayerSpec& L) {
    ImGui::SetNextItemWidth(-FLT_MIN);
    switch (f) {
        case Field::Filters: return stepper("##filters", &L.filters);
        case Field::Units: return stepper("##units", &L.units);
        case Field::DepthMultiplier: return stepper("##dm", &L.depth_multiplier, 1);
        case Field::ZeroPadding: {
            int64_t* v[4] = {&L.pad_top, &L.pad_bottom, &L.pad_left, &L.pad_right};
            const bool top_bottom = steppers("pad_tb", v, 2);
            const bool left_right = steppers("pad_lr", v + 2, 2);
            return top_bottom || left_right;
        }
        case Field::Padding: {
            int p = int(L.padding);
            const char* names[] = {convlab::padding_name(convlab::Padding::Valid),
                                   convlab::padding_name(convlab::Padding::Same)};
            if (!ImGui::Combo("##padding", &p, names, 2)) return false;
            L.padding = convlab::Padding(p);
            return true;
        }
        case Field::Activation: {
            bool changed = false;
            if (ImGui::BeginCombo("##activation", convlab::activation_name(L.activation))) {
                for (size_t a = 0; a < size_t(convlab::Activation::Count); ++a) {
                    const auto act = convlab::Activation(a);
                    if (ImGui::Selectable(convlab::activation_name(act), act == L.activation)) {
                        L.activation = act;
                        changed = true;
                    }
                }
                ImGui::EndCombo();
            }
            return changed;
        }
        case Field::UseBias: return ImGui::Checkbox("##use_bias", &L.use_bias);
        case Field::Center: return ImGui::Checkbox("##center", &L.center);
        case Field::Scale: return ImGui::Checkbox("##scale", &L.scale);
        case Field::Rate: {
            const double lo = 0.0, hi = 0.95;
            return ImGui::SliderScalar("##rate", ImGuiDataType_Double, &L.rate, &lo, &hi, "%.2f");
        }
        case Field::Momentum: {
            const double lo = 0.0, hi = 0.999;
            return ImGui::SliderScalar("##momentum", ImGuiDataType_Double, &L.momentum, &lo, &hi, "%.3f");
        }
        case Field::Epsilon: {
            const double step = 1e-4, fast = 1e-3;
            return ImGui::InputScalar("##epsilon", ImGuiDataType_Double, &L.epsilon, &step, &fast, "%.4g");
        }
        case Field::InputShape:
            return stepper("##features", &L.input_shape.dim[0]);  // (F); pairs and (H, W, C): card_fields
        case Field::Axis: return stepper("##axis", &L.axis, 1);   // Concatenate's joined axis (-1: the channels)
        default: return false;
    }
}

// The fields of one card, label beside widget; the Problem's sentence under the
// field it names.
void card_fields(FieldRow& row, const std::vector<Field>& fields, bool dark, float width) {
    App& app = *row.app;
    const Lang lang = app.language.shown;
    const convlab::Problem& problem = app.problem;
    if (!ImGui::BeginTable("fields", 2, ImGuiTableFlags_SizingFixedFit, ImVec2(width, 0))) return;
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthFixed, 112.0f);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    for (Field f : fields) {
        const bool bad = !row.app->model_ok && problem_is_field(problem, row.index, f);
        // Sizes with two or three dimensions: one labelled stepper per dimension,
        // coloured like that dimension in the formulas, wide enough to read.
        LayerSpec& L = row.edited;
        int64_t* dims[3] = {nullptr, nullptr, nullptr};
        int rank = 2;
        if (f == Field::KernelSize || f == Field::PoolSize) {
            dims[0] = &L.kernel.h;
            dims[1] = &L.kernel.w;
        }
        if (f == Field::Strides) {
            dims[0] = &L.strides.h;
            dims[1] = &L.strides.w;
        }
        if (f == Field::DilationRate) {
            dims[0] = &L.dilation.h;
            dims[1] = &L.dilation.w;
        }
        if (f == Field::InputShape && L.input_shape.rank != 1) {
            if (L.input_shape.rank != 3) L.input_shape = convlab::Shape::image(28, 28, 1);
            for (int d = 0; d < 3; ++d) dims[d] = &L.input_shape.dim[d];
            rank = 3;
        }
        if (dims[0]) {
            const Str names[3] = {Str::RoleHeight, Str::RoleWidth, Str::RoleChannels};
            const convlab::Role roles[3] = {convlab::Role::Height, convlab::Role::Width, convlab::Role::Channels};
            ImGui::PushID(int(f));
            for (int d = 0; d < rank; ++d) {
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                ImGui::AlignTextToFramePadding();
                ImGui::PushFont(app.theme.fonts.mono);
                if (d == 0)
                    ImGui::TextColored(bad ? kErrorColor : ImGui::GetStyle().Colors[ImGuiCol_Text], "%s",
                                       convlab::field_keyword(f));
                ImGui::PopFont();
                ImGui::TableSetColumnIndex(1);
                ImGui::PushID(d);
                // Wide enough for four digits beside its − and + buttons; the
                // axis name goes beside it where it fits, else under it.
                const ImGuiStyle& st = ImGui::GetStyle();
                const float avail = ImGui::GetContentRegionAvail().x;
                const float need = ImGui::CalcTextSize("0000").x + 2.0f * st.FramePadding.x +
                                   2.0f * (ImGui::GetFrameHeight() + st.ItemInnerSpacing.x);
                const float label_w = ImGui::CalcTextSize(tr(lang, names[d])).x + st.ItemSpacing.x;
                const float field_w = std::min(avail, std::max(need, std::min(avail * 0.58f, avail - label_w)));
                const bool label_beside = field_w + label_w <= avail;
                {
                    RedIfProblem red(bad, dark);
                    ImGui::SetNextItemWidth(field_w);
                    if (stepper("##dim", dims[d], 1))
                        row.key = std::to_string(row.index) + ":" + convlab::field_keyword(f);
                }
                ImGui::PopID();
                if (label_beside) ImGui::SameLine();
                ImGui::AlignTextToFramePadding();
                ImGui::TextColored(role_color(roles[d], dark), "%s", tr(lang, names[d]));
            }
            ImGui::PopID();
            if (bad) {
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(1);
                ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
                ImGui::TextWrapped("%s", problem_text(lang, problem, row.app->model).c_str());
                ImGui::PopStyleColor();
            }
            continue;
        }
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::AlignTextToFramePadding();
        if (bad) ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        ImGui::PushFont(app.theme.fonts.mono);
        ImGui::TextUnformatted(convlab::field_keyword(f));
        ImGui::PopFont();
        if (bad) ImGui::PopStyleColor();
        ImGui::TableSetColumnIndex(1);
        ImGui::PushID(int(f));
        {
            RedIfProblem red(bad, dark);
            if (field_widget(f, row.edited)) row.key = std::to_string(row.index) + ":" + convlab::field_keyword(f);
        }
        ImGui::PopID();
        if (bad) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::TableSetColumnIndex(1);
            ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
            ImGui::TextWrapped("%s", problem_text(lang, problem, row.app->model).c_str());
            ImGui::PopStyleColor();
        }
    }
    ImGui::EndTable();
}

// ---------------------------------------------------------------- menus and dialog

void toast(App& app, Str s) {
    app.editor.toast = s;
    app.editor.toast_until_ms = platform_now_ms() + 2500.0;
}

void editor_menu_bar(App& app) {
    const Lang lang = app.language.shown;
    if (!ImGui::BeginMenuBar()) return;
    ModelEditor& e = app.editor;
    if (ImGui::BeginMenu(tr_id(app.labels, lang, Str::EditorAddLayer, "add_layer"))) {
        ImGui::TextDisabled("%s", tr(lang, Str::EditorAddLayerHint));
        for (size_t k = 0; k < size_t(LayerKind::Count); ++k) {
            const auto kind = LayerKind(k);
            if (!convlab::model_url_v1_holds_kind(kind)) continue;  // the page keeps what its link can hold
            if (ImGui::MenuItem(convlab::layer_kind_info(kind).class_name))
                editor_add_layer(app, app.model.layers.empty() ? 0 : e.selected_card + 1, kind);
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr_id(app.labels, lang, Str::MenuPresets, "presets"))) {
        for (size_t p = 0; p < size_t(convlab::Preset::Count); ++p)
            if (ImGui::MenuItem(tr(lang, Str(size_t(Str::PresetSeed) + p)))) editor_load_preset(app, convlab::Preset(p));
        // Every network the core counts exactly, from its own Keras source.
        if (ImGui::BeginMenu(tr_id(app.labels, lang, Str::MenuApplications, "applications"))) {
            ImGui::TextDisabled("%s", tr(lang, Str::ApplicationsHint));
            for (const convlab::Application& a : convlab::applications())
                if (ImGui::MenuItem(a.name)) editor_load_application(app, a.name);
            ImGui::EndMenu();
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(tr_id(app.labels, lang, Str::MenuImportExport, "file"))) {
        if (ImGui::MenuItem(tr(lang, Str::ImportOpen))) {
            e.import.open = true;
        }
        ImGui::Separator();
        if (ImGui::MenuItem(tr(lang, Str::CopyKeras))) {
            platform_copy_text(convlab::export_keras_python(app.model));
            e.export_error.clear();
            toast(app, Str::Copied);
        }
        if (ImGui::MenuItem(tr(lang, Str::CopyPytorch))) {
            const std::string code = convlab::export_pytorch(app.model, &e.export_error, &e.export_message);
            if (!code.empty()) {
                platform_copy_text(code);
                e.export_error.clear();
                toast(app, Str::Copied);
            }
        }
        if (ImGui::MenuItem(tr(lang, Str::SaveModelFile))) {
            platform_download_text("convlab-model.json", editor_save_file_text(app));
            toast(app, Str::Saved);
        }
        ImGui::EndMenu();
    }
    // Undo and redo at the right end, always in reach.
    const float button_w = ImGui::CalcTextSize("↶").x + ImGui::GetStyle().FramePadding.x * 2 + 8;
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - 2 * button_w));
    ImGui::BeginDisabled(e.history.past.empty());
    if (ImGui::MenuItem("↶###undo")) editor_undo(app);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s (Ctrl+Z)", tr(lang, Str::EditorUndo));
    ImGui::BeginDisabled(e.history.future.empty());
    if (ImGui::MenuItem("↷###redo")) editor_redo(app);
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s (Ctrl+Shift+Z)", tr(lang, Str::EditorRedo));
    ImGui::EndMenuBar();
}

int resize_string(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* s = static_cast<std::string*>(data->UserData);
        s->resize(size_t(data->BufTextLen));
        data->Buf = s->data();
    }
    return 0;
}

void import_dialog(App& app) {
    const Lang lang = app.language.shown;
    ImportDialog& d = app.editor.import;
    const char* id = tr_id(app.labels, lang, Str::ImportTitle, "import_dialog");
    if (d.open && !ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const ImVec2 size(std::min(720.0f, vp->WorkSize.x - 24), std::min(520.0f, vp->WorkSize.y - 16));
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    bool keep_open = true;
    if (!ImGui::BeginPopupModal(id, &keep_open, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) {
        if (d.open && !keep_open) d.open = false;
        return;
    }
    ImGui::TextWrapped("%s", tr(lang, Str::ImportHelp));
    // What goes under the text box decides how tall the box may be.
    const float line = ImGui::GetFrameHeightWithSpacing();
    float footer = line;
    if (!d.error.empty()) footer += line * 2;
    if (d.missing_input_shape) footer += line * (d.pytorch ? 4 : 3);
    if (d.wants_setting) footer += line * 3;
    const float box_h = std::max(line * 2, ImGui::GetContentRegionAvail().y - footer);
    ImGui::PushFont(app.theme.fonts.mono);
    const std::string box_id = "##import_text" + std::to_string(d.text_generation);
    if (ImGui::InputTextMultiline(box_id.c_str(), d.text.data(), d.text.capacity() + 1, ImVec2(-FLT_MIN, box_h),
                                  ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_AllowTabInput, resize_string,
                                  &d.text)) {
        d.missing_input_shape = false;
    }
    ImGui::PopFont();
    if (!d.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        ImGui::TextWrapped("%s", import_error_text(lang, d).c_str());
        ImGui::PopStyleColor();
    }
    if (d.missing_input_shape && d.pytorch) {
        // PyTorch's size, in torchinfo's order (N, C, H, W), typed as the
        // learner would write it in summary(model, input_size=...).
        ImGui::TextWrapped("%s", tr(lang, Str::ImportMissingTorchSize));
        const float button_w = ImGui::CalcTextSize(tr(lang, Str::ImportWithTorchSize)).x + 2.0f * ImGui::GetStyle().FramePadding.x;
        ImGui::SetNextItemWidth(std::min(240.0f, std::max(120.0f, ImGui::GetContentRegionAvail().x - button_w - ImGui::GetStyle().ItemSpacing.x)));
        bool go = ImGui::InputText("##torch_size", d.torch_size_text.data(), d.torch_size_text.capacity() + 1,
                                   ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_EnterReturnsTrue, resize_string,
                                   &d.torch_size_text);
        note_item(app, "import_torch_size");
        ImGui::SameLine();
        go |= ImGui::Button(tr_id(app.labels, lang, Str::ImportWithTorchSize, "import_with_torch_size"));
        note_item(app, "import_with_torch_size");
        if (go) {
            std::vector<int64_t> torch_size;
            if (editor_parse_torch_size(&d, d.torch_size_text, &torch_size)) editor_import(app, d.text, nullptr, {}, &torch_size);
        }
        if (d.torch_size_problem != Str::Count) {
            ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
            ImGui::TextWrapped("%s", torch_size_problem_text(lang, d).c_str());
            ImGui::PopStyleColor();
        }
    } else if (d.missing_input_shape) {
        ImGui::TextWrapped("%s", tr(lang, Str::ImportMissingShape));
        ImGui::SetNextItemWidth(std::min(300.0f, ImGui::GetContentRegionAvail().x));
        ImGui::BeginGroup();
        int64_t* v[3] = {&d.shape[0], &d.shape[1], &d.shape[2]};
        ImGui::PushItemWidth(std::min(300.0f, ImGui::GetContentRegionAvail().x));
        ImGui::BeginChild("shape", ImVec2(std::min(300.0f, ImGui::GetContentRegionAvail().x), line), false,
                          ImGuiWindowFlags_NoScrollbar);
        steppers("shape", v, 3);
        ImGui::EndChild();
        ImGui::PopItemWidth();
        ImGui::EndGroup();
        ImGui::SameLine();
        if (ImGui::Button(tr_id(app.labels, lang, Str::ImportWithShape, "import_with_shape"))) {
            const convlab::Shape shape = convlab::Shape::image(d.shape[0], d.shape[1], d.shape[2]);
            editor_import(app, d.text, &shape);
        }
    }
    if (d.wants_setting) {
        ImGui::TextWrapped("%s", tr(lang, Str::ImportWantsSetting));
        const float button_w = ImGui::CalcTextSize(tr(lang, Str::ImportWithSettings)).x + 2.0f * ImGui::GetStyle().FramePadding.x;
        ImGui::SetNextItemWidth(std::max(120.0f, ImGui::GetContentRegionAvail().x - button_w - ImGui::GetStyle().ItemSpacing.x));
        bool go = ImGui::InputTextWithHint("##import_settings", tr(lang, Str::ImportSettingsHint), d.settings_text.data(),
                                           d.settings_text.capacity() + 1,
                                           ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_EnterReturnsTrue,
                                           resize_string, &d.settings_text);
        note_item(app, "import_settings");
        ImGui::SameLine();
        go |= ImGui::Button(tr_id(app.labels, lang, Str::ImportWithSettings, "import_with_settings"));
        note_item(app, "import_with_settings");
        if (go) {
            convlab::PythonSettings settings;
            std::string bad;
            if (convlab::parse_python_settings(d.settings_text, &settings, &bad)) {
                editor_import(app, d.text, nullptr, settings);
            } else {
                d.message = convlab::Message();
                d.line = d.column = 0;
                d.bad_setting = bad;
                d.error = convlab::fill_slots(tr(Lang::En, Str::ImportSettingBad), {bad});
            }
        }
    }
    if (ImGui::Button(tr_id(app.labels, lang, Str::ImportButton, "import_go"))) editor_import(app, d.text, nullptr);
    ImGui::SameLine();
    if (ImGui::Button(tr_id(app.labels, lang, Str::ImportPaste, "import_paste"))) platform_request_paste();
    ImGui::SameLine();
    if (ImGui::Button(tr_id(app.labels, lang, Str::Cancel, "import_cancel"))) d.open = false;
    if (!keep_open) d.open = false;
    if (!d.open) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// The kinds a learner inserts or branches with: what the page's link holds,
// without an InputLayer (a graph has its input already).
bool insertable(LayerKind kind) { return convlab::model_url_v1_holds_kind(kind) && kind != LayerKind::InputLayer; }

// "Join a shortcut": every layer the selected one could be merged with, each
// with Add and Concatenate and what the core plans for them (no weights, or a
// 1×1 projection, or why not), so the learner sees the choice before making it.
void join_menu(App& app, int selected, int* main, int* shortcut, convlab::SkipMerge* merge) {
    const Lang lang = app.language.shown;
    const std::vector<std::string> names = convlab::layer_names(app.model, convlab::NamingStyle::Keras2);
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
    ImGui::TextDisabled("%s", tr(lang, Str::GraphJoinHint));
    ImGui::PopTextWrapPos();
    ImGui::Separator();
    // Made once per frame, not per entry: the menu lists every layer of a
    // network as large as the page holds while it is open.
    const convlab::ModelSpec graph = convlab::to_functional(app.model);
    const int shift = convlab::to_functional_shift(app.model);
    const convlab::Shape main_shape = editor_layer_output(app, selected);
    for (int j = 0; j < int(app.model.layers.size()); ++j) {
        if (j == selected) continue;
        // Only layers the selected one does not feed: the others would make a cycle.
        if (convlab::layer_depends_on(graph, j + shift, selected + shift)) continue;
        convlab::SkipPlan plan;
        convlab::Message why;
        const convlab::Shape shape = editor_layer_output(app, j);
        const std::string label = std::to_string(j + 1) + "  " + names[size_t(j)] + "  " + shape.to_string();
        ImGui::PushID(j);
        const bool open = ImGui::BeginMenu(label.c_str());
        note_item(app, "join_" + std::to_string(j));
        if (open) {
            const convlab::SkipMerge kinds[2] = {convlab::SkipMerge::Add, convlab::SkipMerge::Concatenate};
            const Str titles[2] = {Str::GraphJoinAdd, Str::GraphJoinConcatenate};
            for (int k = 0; k < 2; ++k) {
                const bool ok = convlab::plan_skip(kinds[k], main_shape, shape, &plan, &why);
                std::string note;
                if (!ok)
                    note = convlab::fill_slots(tr(lang, Str::GraphJoinCannot), {message_text(lang, why)});
                else if (plan.needs_projection)
                    note = convlab::fill_slots(tr(lang, Str::GraphJoinProjection),
                                {shape.to_string(), main_shape.to_string(),
                                 std::to_string(plan.filters), std::to_string(plan.strides.h),
                                 convlab::with_thousands(plan.params)});
                else
                    note = tr(lang, Str::GraphJoinDirect);
                if (ImGui::MenuItem(tr(lang, titles[k]), nullptr, false, ok)) {
                    *main = selected;
                    *shortcut = j;
                    *merge = kinds[k];
                }
                note_item(app, k == 0 ? "join_add" : "join_concatenate");
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
                ImGui::TextDisabled("%s", note.c_str());
                // What the join would do to the layers after it (an Add
                // further on given 48 channels and 32), asked of the core once.
                ModelEditor& e = app.editor;
                const std::string key = app.model_code + "|" + std::to_string(selected) + "|" + std::to_string(j) +
                                        "|" + std::to_string(int(lang));
                if (ok && e.join_tried[k] != key) {
                    e.join_tried[k] = key;
                    e.join_breaks[k].clear();
                    convlab::ModelSpec joined = app.model;
                    convlab::Message refused;
                    convlab::ModelSummary s;
                    convlab::Problem p;
                    if (convlab::graph_add_skip(&joined, selected, j, kinds[k], plan, nullptr, &refused) &&
                        !convlab::summarize(joined, convlab::NamingStyle::Keras2, &s, &p))
                        e.join_breaks[k] = problem_text(lang, p, joined);
                }
                if (ok && !e.join_breaks[k].empty()) {
                    ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
                    ImGui::TextUnformatted(
                        convlab::fill_slots(tr(lang, Str::GraphJoinBreaks), {e.join_breaks[k]}).c_str());
                    ImGui::PopStyleColor();
                }
                ImGui::PopTextWrapPos();
            }
            ImGui::EndMenu();
        }
        ImGui::PopID();
    }
}

// Insert after, on a layer read by several: every path out of it (the
// default), or the one path to a reader, picked before the kind.
void insert_where(App& app, int sel, const std::vector<std::string>& names) {
    const Lang lang = app.language.shown;
    ModelEditor& e = app.editor;
    const std::vector<int> readers = convlab::layer_consumers(app.model, sel);
    if (e.insert_to_for != sel) {
        e.insert_to = -1;
        e.insert_to_for = sel;
    }
    if (readers.size() < 2) return;
    ImGui::TextDisabled("%s", convlab::fill_slots(tr(lang, Str::GraphInsertOn),
                                                  {names[size_t(sel)], std::to_string(readers.size())}).c_str());
    if (ImGui::RadioButton(tr_id(app.labels, lang, Str::GraphInsertEveryPath, "insert_every"), e.insert_to < 0)) e.insert_to = -1;
    note_item(app, "insert_every");
    for (int r : readers) {
        const std::string label = convlab::fill_slots(tr(lang, Str::GraphInsertOnePath), {names[size_t(r)]}) +
                                  "###insert_to_" + std::to_string(r);
        if (ImGui::RadioButton(label.c_str(), e.insert_to == r)) e.insert_to = r;
        note_item(app, "insert_to_" + std::to_string(r));
    }
    ImGui::Separator();
}

// A Functional model: the graph, the selected layer's buttons above it and
// its fields below it. Edits are made after drawing, as for the cards.
void graph_body(App& app) {
    const Lang lang = app.language.shown;
    ModelEditor& e = app.editor;
    const int n = int(app.model.layers.size());
    if (n == 0) return;
    const int sel = std::max(0, std::min(e.selected_card, n - 1));
    const LayerSpec& spec = app.model.layers[size_t(sel)];
    const convlab::LayerKindInfo& info = convlab::layer_kind_info(spec.kind);
    const std::vector<std::string> names = convlab::layer_names(app.model, convlab::NamingStyle::Keras2);
    const ImGuiStyle& style = ImGui::GetStyle();

    // The actions on the selected layer, wrapping on a narrow panel. Why an
    // edit was refused is said under them, so the buttons never move.
    LayerKind insert = LayerKind::Count, branch = LayerKind::Count;
    int join_main = -1, join_shortcut = -1;
    convlab::SkipMerge merge = convlab::SkipMerge::Add;
    int action = 0;  // 1 up, 2 down, 3 duplicate, 4 remove
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    bool first = true;
    const auto place = [&](const char* label) {
        const float w = ImGui::CalcTextSize(label, nullptr, true).x + style.FramePadding.x * 2;
        if (!first) {
            ImGui::SameLine();
            if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
        }
        first = false;
    };
    const auto popup_button = [&](Str label, const char* id, const char* popup) {
        const char* text = tr_id(app.labels, lang, label, id);
        place(text);
        if (ImGui::Button(text)) ImGui::OpenPopup(popup);
        note_item(app, id);
    };
    popup_button(Str::GraphInsertAfter, "graph_insert", "insert_popup");
    // The kinds, each noted as "<popup>_<Class>" for the test hook.
    const auto kinds_popup = [&](const char* popup, LayerKind* picked) {
        if (!ImGui::BeginPopup(popup)) return;
        if (std::string(popup) == "insert_popup") insert_where(app, sel, names);
        for (size_t k = 0; k < size_t(LayerKind::Count); ++k) {
            if (!insertable(LayerKind(k))) continue;
            const char* name = convlab::layer_kind_info(LayerKind(k)).class_name;
            if (ImGui::MenuItem(name)) *picked = LayerKind(k);
            note_item(app, std::string(popup) + "_" + name);
        }
        ImGui::EndPopup();
    };
    kinds_popup("insert_popup", &insert);
    popup_button(Str::GraphBranch, "graph_branch", "branch_popup");
    kinds_popup("branch_popup", &branch);
    popup_button(Str::GraphJoin, "graph_join", "join_popup");
    if (ImGui::BeginPopup("join_popup")) {
        join_menu(app, sel, &join_main, &join_shortcut, &merge);
        ImGui::EndPopup();
    }
    const auto button = [&](const std::string& label, Str tip, bool disabled, int which) {
        place(label.c_str());
        ImGui::BeginDisabled(disabled);
        if (ImGui::Button(label.c_str())) action = which;
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tr(lang, tip));
    };
    const bool is_input = spec.kind == LayerKind::InputLayer;
    // ↑ / ↓ only where the core can move the layer along its chain; the
    // tooltip of a greyed arrow says why not.
    const std::string move_key = app.model_code + "@" + std::to_string(sel);
    if (e.move_for != move_key) {
        e.move_for = move_key;
        convlab::ModelSpec probe = app.model;
        e.can_move_up = convlab::graph_move_in_chain(&probe, sel, true, nullptr, nullptr);
        probe = app.model;
        e.can_move_down = convlab::graph_move_in_chain(&probe, sel, false, nullptr, nullptr);
    }
    button("↑###move_up", e.can_move_up ? Str::EditorMoveUp : Str::GraphCannotMoveUp, !e.can_move_up, 1);
    button("↓###move_down", e.can_move_down ? Str::EditorMoveDown : Str::GraphCannotMoveDown, !e.can_move_down, 2);
    button(tr_id(app.labels, lang, Str::EditorDuplicate, "duplicate"), Str::EditorDuplicate, is_input, 3);
    button(tr_id(app.labels, lang, Str::EditorRemove, "remove"), Str::EditorRemove, is_input, 4);

    // Zoom: buttons for a finger, Ctrl+wheel for a mouse, a pinch on a phone.
    // They follow the other buttons; on a short screen (a phone held sideways)
    // the hint is a tooltip, so the graph keeps the room.
    place("−");
    if (ImGui::Button("−###zoom_out")) e.graph_zoom_to = std::max(0.25f, e.graph_zoom / 1.25f);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(lang, Str::GraphZoomOut));
    place("+");
    if (ImGui::Button("+###zoom_in")) e.graph_zoom_to = std::min(1.5f, e.graph_zoom * 1.25f);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(lang, Str::GraphZoomIn));
    const std::string percent = std::to_string(int(std::lround(e.graph_zoom * 100.0f))) + "%";
    place(percent.c_str());
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", percent.c_str());
    const bool short_screen = ImGui::GetIO().DisplaySize.y < 500.0f;
    if (short_screen) {
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(lang, Str::GraphNavHint));
    } else {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("%s", tr(lang, Str::GraphNavHint));
        ImGui::PopTextWrapPos();
    }

    if (!e.edit_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        ImGui::TextWrapped("%s", message_text(lang, e.edit_message).c_str());
        ImGui::PopStyleColor();
    }
    // The graph takes what the selected layer's fields need (an Add has none,
    // a Conv2D a dozen rows), at most 42% of the panel, and never less than a few boxes.
    std::vector<Field> fields = info.fields;
    if (is_input) fields = {Field::InputShape};
    float rows = 2.5f;  // the title and the sizes line
    for (Field f : fields) {
        const bool sizes = f == Field::KernelSize || f == Field::PoolSize || f == Field::Strides ||
                           f == Field::DilationRate || f == Field::Size || f == Field::OutputPadding;
        rows += sizes ? 2.0f : f == Field::InputShape || f == Field::ZeroPadding || f == Field::Cropping ? 3.0f : 1.0f;
    }
    const float avail = ImGui::GetContentRegionAvail().y;
    const float fields_h = std::min(avail * 0.42f, rows * (ImGui::GetFrameHeight() + style.ItemSpacing.y));
    const float graph_h = std::max(150.0f, avail - fields_h);
    editor_graph_canvas(app, 0.0f, graph_h);

    // The selected layer: its name and class, then its fields, in a child of
    // their own where there is room; on a short screen (a phone held sideways)
    // under the graph in the panel, which then scrolls.
    const bool own_child = ImGui::GetContentRegionAvail().y >= 160.0f;
    if (own_child) ImGui::BeginChild("graph_fields", ImVec2(0, 0), false);
    ImGui::PushFont(app.theme.fonts.bold);
    const std::string title = std::to_string(sel + 1) + "  " + names[size_t(sel)] + " (" + info.class_name + ")";
    ImGui::TextWrapped("%s", convlab::fill_slots(tr(lang, Str::GraphSelected), {title}).c_str());
    ImGui::PopFont();
    ImGui::TextDisabled("%s", key_sizes(spec).c_str());
    FieldRow edit{&app, sel, spec, {}};
    const bool bad_layer = !app.model_ok && app.problem.layer == sel;
    card_fields(edit, fields, app.dark, ImGui::GetContentRegionAvail().x);
    if (bad_layer && app.problem.field == Field::Count) {
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        ImGui::TextWrapped("%s", problem_text(lang, app.problem, app.model).c_str());
        ImGui::PopStyleColor();
    } else if (!app.model_ok && app.problem.layer != sel) {
        // The Problem is elsewhere: say where, so the learner can go there.
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        ImGui::TextWrapped("%s", problem_text(lang, app.problem, app.model).c_str());
        ImGui::PopStyleColor();
    }
    if (own_child) ImGui::EndChild();

    if (!edit.key.empty()) {
        convlab::ModelSpec m = app.model;
        m.layers[size_t(sel)] = edit.edited;
        e.edit_message = convlab::Message();
        editor_apply(app, std::move(m), edit.key);
    } else if (insert != LayerKind::Count && e.insert_to >= 0 && e.insert_to_for == sel) {
        editor_insert_on_edge(app, sel, e.insert_to, insert);
    } else if (insert != LayerKind::Count) {
        editor_add_layer(app, sel + 1, insert);
    } else if (branch != LayerKind::Count) {
        editor_branch(app, sel, branch);
    } else if (join_main >= 0) {
        editor_add_skip(app, join_main, join_shortcut, merge);
    } else if (action == 1 || action == 2) {
        editor_move_layer(app, sel, action == 1 ? sel - 1 : sel + 1);
    } else if (action == 3) {
        editor_duplicate_layer(app, sel);
    } else if (action == 4) {
        editor_remove_layer(app, sel);
    }
}

}  // namespace

// Undo and redo work wherever the keyboard is, also while the lesson hides the
// editor (app.cpp calls this then).
void editor_shortcuts(App& app) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || !(io.KeyCtrl || io.KeySuper)) return;
    const bool z = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z));
    const bool y = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Y));
    if (z && !io.KeyShift)
        editor_undo(app);
    else if ((z && io.KeyShift) || y)
        editor_redo(app);
}

void editor_panel(App& app, ImVec2 pos, ImVec2 size) {
    const Lang lang = app.language.shown;
    ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    ImGui::Begin(
        tr_id(app.labels, lang, Str::PanelModel, "model"), nullptr,
        ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_MenuBar);
    ModelEditor& e = app.editor;
    editor_shortcuts(app);
    editor_menu_bar(app);
    if (e.toast != Str::Count && platform_now_ms() < e.toast_until_ms) ImGui::TextDisabled("%s", tr(lang, e.toast));
    const std::string export_why = export_error_text(app);
    if (!export_why.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        ImGui::TextWrapped("%s %s", tr(lang, Str::ExportImpossible), export_why.c_str());
        ImGui::PopStyleColor();
    }
    if (app.model.layers.empty()) ImGui::TextWrapped("%s", tr(lang, Str::EmptyModel));
    if (app.model.functional) {
        graph_body(app);
        import_dialog(app);
        ImGui::End();
        return;
    }

    const convlab::Problem& problem = app.problem;
    const int n = int(app.model.layers.size());
    int move_from = -1, move_to = -1;
    int action = 0;  // 1 up, 2 down, 3 duplicate, 4 remove (applied after the loop)
    FieldRow edit{&app, -1, {}, {}};
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float pad = 6.0f;
    for (int i = 0; i < n; ++i) {
        const LayerSpec& spec = app.model.layers[size_t(i)];
        const convlab::LayerKindInfo& info = convlab::layer_kind_info(spec.kind);
        const bool selected = e.selected_card == i;
        const bool bad_layer = !app.model_ok && problem.layer == i;
        const bool open = selected || bad_layer;
        ImGui::PushID(i);
        draw->ChannelsSplit(2);
        draw->ChannelsSetCurrent(1);
        const ImVec2 top = ImGui::GetCursorScreenPos();
        ImGui::Indent(pad);
        ImGui::Dummy(ImVec2(0, pad * 0.5f));
        ImGui::BeginGroup();
        const float inner_w = ImGui::GetContentRegionAvail().x - pad;

        // Header: number, class, key sizes. Click selects; drag moves.
        ImGui::PushFont(app.theme.fonts.bold);
        const std::string title = std::to_string(i + 1) + "  " + info.class_name;
        if (ImGui::Selectable(("##card" + std::to_string(i)).c_str(), selected, ImGuiSelectableFlags_AllowItemOverlap,
                              ImVec2(inner_w, ImGui::GetTextLineHeight()))) {
            editor_select_card(app, i);
        }
        if (ImGui::BeginDragDropSource()) {
            ImGui::SetDragDropPayload("CONVLAB_LAYER", &i, sizeof i);
            ImGui::TextUnformatted(title.c_str());
            ImGui::EndDragDropSource();
        }
        if (ImGui::IsItemHovered() && !ImGui::IsMouseDown(0)) ImGui::SetTooltip("%s", tr(lang, Str::EditorDragHint));
        if (selected && e.scrolled_card != i) {
            if (!ImGui::IsItemVisible()) ImGui::SetScrollHereY(0.1f);
            e.scrolled_card = i;
        }
        ImGui::SameLine(0, 0);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() - inner_w);
        ImGui::TextUnformatted(title.c_str());
        ImGui::PopFont();
        ImGui::SameLine();
        ImGui::TextDisabled("%s", key_sizes(spec).c_str());

        // The output: a glyph shaped like the tensor, its shape and its Param #.
        convlab::Shape out;
        int64_t params = -1;
        for (const convlab::LayerSummary& row : app.summary.layers)
            if (row.index == i) {
                out = row.analysis.output;
                params = row.analysis.params;
            }
        if (spec.kind == LayerKind::InputLayer && spec.input_shape.rank > 0) out = spec.input_shape;
        const bool computed = out.rank > 0 && !(bad_layer);
        if (computed) {
            shape_glyph(out, app.dark);
            ImGui::SameLine();
            ImGui::BeginGroup();
            ImGui::PushFont(app.theme.fonts.mono);
            ImGui::TextUnformatted(out.to_string().c_str());
            if (params >= 0)
                ImGui::TextDisabled("%s %s", tr(lang, Str::ColParams), convlab::with_thousands(params).c_str());
            else
                ImGui::TextDisabled("%s", shape_text(out).c_str());
            ImGui::PopFont();
            ImGui::EndGroup();
        } else if (!bad_layer) {
            ImGui::TextDisabled("%s", tr(lang, Str::CardNoOutput));
        }

        if (open) {
            FieldRow row{&app, i, spec, {}};
            std::vector<Field> fields = info.fields;
            // The first layer may carry input_shape= itself, as the seed's Conv2D does.
            if (i == 0 && spec.kind != LayerKind::InputLayer && spec.input_shape.rank > 0)
                fields.insert(fields.begin(), Field::InputShape);
            card_fields(row, fields, app.dark, inner_w);
            if (!row.key.empty()) edit = std::move(row);
            if (bad_layer && problem.field == Field::Count) {
                ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
                ImGui::TextWrapped("%s", problem_text(lang, problem, app.model).c_str());
                ImGui::PopStyleColor();
            }
            if (selected) {
                // Arrows move the card; the row wraps rather than run off a narrow card.
                const float right = ImGui::GetCursorScreenPos().x + inner_w;
                const auto button = [&](const std::string& label, Str tip, bool disabled, int which, bool first) {
                    const float w = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + style.FramePadding.x * 2;
                    if (!first) {
                        ImGui::SameLine();
                        if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
                    }
                    ImGui::BeginDisabled(disabled);
                    if (ImGui::Button(label.c_str())) action = which;
                    ImGui::EndDisabled();
                    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tr(lang, tip));
                };
                button("↑###move_up", Str::EditorMoveUp, i == 0, 1, true);
                button("↓###move_down", Str::EditorMoveDown, i == n - 1, 2, false);
                button(tr_id(app.labels, lang, Str::EditorDuplicate, "duplicate"), Str::EditorDuplicate,
                       spec.kind == LayerKind::InputLayer, 3, false);
                button(tr_id(app.labels, lang, Str::EditorRemove, "remove"), Str::EditorRemove, false, 4, false);
            }
        }
        ImGui::EndGroup();
        // The card (the group just ended) is a drop target for a dragged card.
        if (ImGui::BeginDragDropTarget()) {
            if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload("CONVLAB_LAYER")) {
                move_from = *static_cast<const int*>(payload->Data);
                move_to = i;
            }
            ImGui::EndDragDropTarget();
        }
        ImGui::Dummy(ImVec2(0, pad * 0.5f));
        ImGui::Unindent(pad);
        const ImVec2 bottom(top.x + ImGui::GetContentRegionAvail().x,
                            ImGui::GetCursorScreenPos().y - style.ItemSpacing.y);

        draw->ChannelsSetCurrent(0);
        const ImU32 fill =
            bad_layer  ? ImGui::GetColorU32(app.dark ? ImVec4(0.35f, 0.08f, 0.08f, 1) : ImVec4(1, 0.92f, 0.92f, 1))
            : selected ? ImGui::GetColorU32(ImGuiCol_Header)
                       : ImGui::GetColorU32(ImGuiCol_FrameBg);
        draw->AddRectFilled(top, bottom, fill, 6.0f);
        if (bad_layer)
            draw->AddRect(top, bottom, ImGui::GetColorU32(kErrorColor), 6.0f, 0, 2.0f);
        else if (selected)
            draw->AddRect(top, bottom, ImGui::GetColorU32(ImGuiCol_HeaderActive), 6.0f, 0, 1.5f);
        draw->ChannelsMerge();
        ImGui::PopID();
    }

    // Edits apply after drawing, so every card this frame saw the same model.
    if (!edit.key.empty()) {
        convlab::ModelSpec m = app.model;
        m.layers[size_t(edit.index)] = edit.edited;
        e.selected_card = edit.index;
        editor_apply(app, std::move(m), edit.key);
    } else if (move_from >= 0) {
        editor_move_layer(app, move_from, move_to);
    } else if (action == 1) {
        editor_move_layer(app, e.selected_card, e.selected_card - 1);
    } else if (action == 2) {
        editor_move_layer(app, e.selected_card, e.selected_card + 1);
    } else if (action == 3) {
        editor_duplicate_layer(app, e.selected_card);
    } else if (action == 4) {
        editor_remove_layer(app, e.selected_card);
    }
    import_dialog(app);
    ImGui::End();
}
