// teach_window.cpp: the "Share as exercise" window (teach_window.h).
#include "app/lesson/teach_window.h"

#include <imgui.h>

#include <cfloat>
#include <cstdio>

#include "app/app.h"
#include "app/panels.h"
#include "app/wrapped_text.h"
#include "core/analysis/layer_kind.h"
#include "core/io/json_writer.h"
#include "core/io/model_url.h"
#include "platform/platform.h"

namespace {

std::string fill(const char* pattern, const std::vector<std::string>& args) { return convlab::fill_slots(pattern, args); }

const char* ask_name(Lang lang, convlab::ExerciseAsk ask) {
    return ask == convlab::ExerciseAsk::OutputShape ? tr(lang, Str::ColOutputShape)
           : ask == convlab::ExerciseAsk::Params    ? tr(lang, Str::ColParams)
                                                    : tr(lang, Str::TeachAskBoth);
}

// The question the selected layer makes, or false when no layer can be asked
// about (the model does not build, or the selection is its input). out may
// be null: the window asks every frame, and copies the model only on a click.
bool current_question(const App& app, convlab::LinkedExercise* out) {
    if (!app.model_ok || app.selected_layer < 0 || app.selected_layer >= int(app.summary.layers.size())) return false;
    const convlab::LayerSummary& row = app.summary.layers[size_t(app.selected_layer)];
    if (row.kind == convlab::LayerKind::InputLayer || row.index < 0) return false;
    if (!out) return true;
    out->model = app.model;
    out->layer = row.index;
    out->ask = app.teach.ask;
    out->hint = app.teach.hint;
    return true;
}

// What a link was written for: the model, the layer, what is asked and the
// hint, or the draft. A link on screen that no longer matches them would look
// like the new question's, so the window hides it.
std::string question_key(const App& app, bool whole_sheet) {
    const TeachState& t = app.teach;
    if (whole_sheet) {
        std::string key = "sheet";
        for (const convlab::LinkedExercise& d : t.draft)
            key += "|" + std::to_string(d.layer) + "/" + std::to_string(int(d.ask)) + "/" + d.hint + "/" +
                   std::to_string(d.model.layers.size());
        return key;
    }
    return app.model_code + "|" + std::to_string(app.selected_layer) + "|" + std::to_string(int(t.ask)) + "|" + t.hint;
}

// A draft question's layer as the summary names it ("conv2d_2"): names only,
// from the model's layers, so the list costs no summary per frame.
std::string draft_name(const convlab::LinkedExercise& d) {
    if (d.layer < 0 || d.layer >= int(d.model.layers.size())) return "?";
    const std::string& written = d.model.layers[size_t(d.layer)].name;
    return written.empty() ? convlab::layer_names(d.model, convlab::NamingStyle::Keras2)[size_t(d.layer)] : written;
}

void save_draft(App& app) {
    TeachState& t = app.teach;
    std::string error;
    platform_save_local(kTeachDraftKey, t.draft.empty() ? std::string() : convlab::encode_exercise_link(t.draft, &error));
}

bool same_question(const convlab::LinkedExercise& a, const convlab::LinkedExercise& b) {
    return a.layer == b.layer && a.ask == b.ask && a.hint == b.hint &&
           convlab::encode_model_url(a.model) == convlab::encode_model_url(b.model);
}

// Writes the link for `sheet` and puts it on the clipboard; the window shows
// it too, so it can be selected where the clipboard is refused.
void share(App& app, const std::vector<convlab::LinkedExercise>& sheet, bool whole_sheet) {
    TeachState& t = app.teach;
    t.full = false;
    t.duplicate = false;
    const std::string code = convlab::encode_exercise_link(sheet, &t.error);
    if (code.empty()) {
        t.link.clear();
        return;
    }
    t.error.clear();
    t.link = platform_page_address() + "#ex=" + code + "&lang=" + language_code(app.language.wanted);
    t.link_for = question_key(app, whole_sheet);
    platform_copy_text(t.link);
}

void add(App& app) {
    TeachState& t = app.teach;
    convlab::LinkedExercise q;
    if (!current_question(app, &q)) return;
    t.duplicate = false;
    if (int(t.draft.size()) >= convlab::kMaxWorksheetExercises) {
        t.full = true;
        return;
    }
    for (const convlab::LinkedExercise& d : t.draft)
        if (same_question(d, q)) {
            t.duplicate = true;
            return;
        }
    // The core refuses what a link cannot hold (a hint too long, say) before it joins the worksheet.
    std::string error;
    if (convlab::encode_exercise_link({q}, &error).empty()) {
        t.error = error;
        return;
    }
    t.error.clear();
    t.draft.push_back(std::move(q));
    t.hint[0] = '\0';  // the hint was this question's; the next one starts without
    save_draft(app);

}

void try_here(App& app) {
    TeachState& t = app.teach;
    const std::string code = convlab::encode_exercise_link(t.draft, &t.error);
    if (code.empty()) return;
    t.error.clear();
    worksheet_open(app, code, t.draft);
    t.open = false;
}

}  // namespace

void teach_window(App& app) {
    TeachState& t = app.teach;
    if (!t.open) return;
    if (!t.restored) {
        // The questions collected before a reload, if the stored text still reads.
        t.restored = true;
        std::vector<convlab::LinkedExercise> kept;
        std::string error;
        if (t.draft.empty() && convlab::decode_exercise_link(platform_load_local(kTeachDraftKey), &kept, &error))
            t.draft = std::move(kept);
    }
    const Lang lang = app.language.shown;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    // Over the right-hand side, so the summary's rows and the graph stay in
    // reach: the teacher picks layers there with the window open.
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - 12.0f, vp->WorkPos.y + 40.0f), ImGuiCond_Appearing,
                            ImVec2(1.0f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(std::min(460.0f, vp->WorkSize.x - 20.0f), 0.0f), ImGuiCond_Always);
    // Never taller than the screen: ten questions scroll inside the window, and
    // the link under them stays in reach.
    ImGui::SetNextWindowSizeConstraints(ImVec2(0.0f, 0.0f), ImVec2(FLT_MAX, vp->WorkSize.y - 60.0f));
    ImGui::SetNextWindowBgAlpha(1.0f);
    bool open = true;
    if (ImGui::Begin(tr_id(app.labels, lang, Str::TeachTitle, "teach"), &open,
                     ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
        wrapped_text(tr(lang, Str::TeachIntro));
        ImGui::Separator();
        const bool can_ask = current_question(app, nullptr);
        ImGui::PushFont(app.theme.fonts.bold);
        if (can_ask) {
            const convlab::LayerSummary& row = app.summary.layers[size_t(app.selected_layer)];
            wrapped_text(fill(tr(lang, Str::TeachLayer), {row.name, convlab::layer_kind_info(row.kind).class_name}));
        } else {
            wrapped_text(tr(lang, Str::TeachNoLayer));
        }
        ImGui::PopFont();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(tr(lang, Str::TeachAsk));
        const convlab::ExerciseAsk asks[] = {convlab::ExerciseAsk::OutputShape, convlab::ExerciseAsk::Params,
                                             convlab::ExerciseAsk::Both};
        const char* const ids[] = {"teach_ask_shape", "teach_ask_params", "teach_ask_both"};
        for (int i = 0; i < 3; ++i) {
            ImGui::SameLine();
            // A space before the ID: "Param #" followed straight by "###" would hide its own "#".
            const std::string label = std::string(ask_name(lang, asks[i])) + " ###" + ids[i];
            if (ImGui::RadioButton(label.c_str(), t.ask == asks[i])) t.ask = asks[i];
            note_item(app, ids[i]);
        }
        wrapped_text(tr(lang, Str::TeachHint));
        ImGui::SetNextItemWidth(-1.0f);
        ImGui::InputText("##teach_hint", t.hint, sizeof(t.hint));
        note_item(app, "teach_hint");
        ImGui::BeginDisabled(!can_ask);
        convlab::LinkedExercise q;
        if (ImGui::Button(tr_id(app.labels, lang, Str::TeachCopyLink, "teach_copy")) && current_question(app, &q))
            share(app, {q}, false);
        note_item(app, "teach_copy");
        ImGui::SameLine();
        const std::string add_label = fill(tr(lang, Str::TeachAdd), {std::to_string(t.draft.size()),
                                                                      std::to_string(convlab::kMaxWorksheetExercises)}) +
                                      "###teach_add";
        if (ImGui::Button(add_label.c_str())) add(app);
        note_item(app, "teach_add");
        ImGui::EndDisabled();
        if (t.full)
            ImGui::TextDisabled("%s", fill(tr(lang, Str::TeachSheetFull),
                                           {std::to_string(convlab::kMaxWorksheetExercises)}).c_str());
        if (t.duplicate) ImGui::TextDisabled("%s", tr(lang, Str::TeachDuplicate));
        if (!t.draft.empty()) {
            ImGui::Separator();
            ImGui::PushFont(app.theme.fonts.bold);
            ImGui::TextUnformatted(tr(lang, Str::TeachSheet));
            ImGui::PopFont();
            int remove = -1;
            // Past four questions the list scrolls in a box of four rows.
            const float row_h = ImGui::GetFrameHeightWithSpacing();
            const bool boxed = t.draft.size() > 4;
            if (boxed) ImGui::BeginChild("teach_draft", ImVec2(0.0f, row_h * 4.3f), true);
            for (int i = 0; i < int(t.draft.size()); ++i) {
                const convlab::LinkedExercise& d = t.draft[size_t(i)];
                ImGui::PushID(i);
                ImGui::AlignTextToFramePadding();
                ImGui::Text("%d. %s: %s", i + 1, draft_name(d).c_str(), ask_name(lang, d.ask));
                ImGui::SameLine();
                if (ImGui::SmallButton(tr(lang, Str::TeachRemove))) remove = i;
                ImGui::PopID();
            }
            if (boxed) ImGui::EndChild();
            if (remove >= 0) {
                t.draft.erase(t.draft.begin() + remove);
                save_draft(app);
            }
            if (ImGui::Button(tr_id(app.labels, lang, Str::TeachCopySheet, "teach_copy_sheet"))) share(app, t.draft, true);
            note_item(app, "teach_copy_sheet");
            ImGui::SameLine();
            if (ImGui::Button(tr_id(app.labels, lang, Str::TeachTry, "teach_try"))) try_here(app);
            note_item(app, "teach_try");
            ImGui::SameLine();
            if (ImGui::Button(tr_id(app.labels, lang, Str::TeachClear, "teach_clear"))) {
                t.draft.clear();
                save_draft(app);
            }
        }
        if (!t.error.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, app.dark ? ImVec4(1.0f, 0.55f, 0.5f, 1) : ImVec4(0.75f, 0.15f, 0.1f, 1));
            wrapped_text(t.error);
            ImGui::PopStyleColor();
        } else if (!t.link.empty() && (t.link_for == question_key(app, false) || t.link_for == question_key(app, true))) {
            ImGui::Separator();
            wrapped_text(tr(lang, Str::TeachCopied));
            // Read-only but selectable: where the clipboard is refused, the link can be copied by hand.
            ImGui::SetNextItemWidth(-1.0f);
            ImGui::InputText("##teach_link", t.link.data(), t.link.size() + 1, ImGuiInputTextFlags_ReadOnly);
        }
    }
    ImGui::End();
    if (!open) t.open = false;
}

std::string teach_state_json(const TeachState& t) {
    convlab::JsonWriter w;
    w.begin_object();
    w.member("open", t.open);
    w.member("draft", int64_t(t.draft.size()));
    w.member("link", t.link);
    w.member("error", t.error);
    w.end_object();
    return w.take();
}

bool teach_command(App& app, const std::string& verb, const std::string& rest, std::string* reply) {
    if (verb.rfind("teach_", 0) != 0) return false;
    TeachState& t = app.teach;
    *reply = "ok";
    convlab::LinkedExercise q;
    if (verb == "teach_open") t.open = true;
    else if (verb == "teach_ask" && rest == "shape") t.ask = convlab::ExerciseAsk::OutputShape;
    else if (verb == "teach_ask" && rest == "params") t.ask = convlab::ExerciseAsk::Params;
    else if (verb == "teach_ask" && rest == "both") t.ask = convlab::ExerciseAsk::Both;
    else if (verb == "teach_hint") std::snprintf(t.hint, sizeof t.hint, "%s", rest.c_str());
    else if (verb == "teach_copy") {
        if (!current_question(app, &q)) *reply = "error: no layer to ask about is selected";
        else share(app, {q}, false);
    } else if (verb == "teach_add") add(app);
    else if (verb == "teach_copy_sheet") share(app, t.draft, true);
    else if (verb == "teach_try") try_here(app);
    else *reply = "error: unknown teach command: " + verb;
    return true;
}
