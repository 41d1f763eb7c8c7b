// app.cpp: the frame: menu bar, notices, then the panels laid out over the
// viewport; and the bookkeeping around it (URL state, the test hook).
#include "app/app.h"
#include "core/model/graph_edit.h"

#include <imgui.h>

#include <algorithm>

#include "core/kernels/simd.h"
#include "core/io/json_writer.h"
#include "core/io/model_url.h"
#include "core/model/presets.h"
#include "core/io/summary_format.h"
#include "app/panels.h"
#include "platform/platform.h"
#include "app/theme.h"
#include "app/url_state.h"

void app_set_model(App& app, convlab::ModelSpec model) {
    // Names the code's order gave are written out, so a link (which holds no
    // creation order) and every later edit show the same names.
    if (!model.creation_order.empty()) model = convlab::with_written_names(model);
    app.model = std::move(model);
    app.training.model_changed = true;
    app.problem = convlab::Problem{};
    app.model_ok = convlab::summarize(app.model, convlab::NamingStyle::Keras2, &app.summary, &app.problem);
    if (app.model_ok) {
        app.editor.last_valid_summary = app.summary;
        app.editor.last_valid_fields = convlab::receptive_fields(app.model, app.summary);
        app.editor.has_last_valid = true;
    }
    if (app.selected_layer >= int(shown_summary(app).layers.size())) app.selected_layer = 0;
    // What every frame's published state and URL need of the model, computed
    // once per model rather than once per frame.
    app.model_code = convlab::encode_model_url(app.model);
    app.summary_json = app.model_ok || app.editor.has_last_valid ? convlab::format_summary_json(shown_summary(app)) : "";
    app.fields_json = convlab::format_receptive_fields_json(shown_fields(app));
}

void app_init(App& app, const std::string& url_fragment, const std::string& url_query, const char* glsl_version) {
    UrlState url = parse_url_state(url_fragment, url_query);
    app.notices = url.notices;
    language_init(app, url.has_lang, url.lang);
    app.chapter = url.chapter;
    // Without a model in the link, the model autosaved by the last visit (if it still reads) comes back.
    convlab::ModelSpec saved;
    std::string saved_error;
    const bool restored =
        !url.has_model && convlab::decode_model_url(platform_load_local(kAutosaveKey), &saved, &saved_error);
    app_set_model(app, url.has_model ? url.model
                       : restored    ? saved
                                     : convlab::preset_model(convlab::Preset::SeedQuestion));
    app.editor.application = url.application;
    if (!url.application.empty()) application_model(url.application, &app.editor.application_model);
    app.editor.application_code = url.application.empty() ? std::string() : convlab::encode_model_url(app.editor.application_model);
    editor_init(app);
    // The seed question is about the second conv layer: start there.
    if (!url.has_model && app.summary.layers.size() > 1) app.selected_layer = 1;
    const bool bad_chapter =
        std::find(url.notices.begin(), url.notices.end(), Str::NoticeBadChapter) != url.notices.end();
    app.embed = url.embed;
    app.editor.torch_view = url.torch_view;
    if (std::find(url.notices.begin(), url.notices.end(), Str::NoticeBadExercise) != url.notices.end())
        app.notice_detail = url.exercise_error;
    // A worksheet's link opens on its questions; an embedded page does not
    // open the lesson by itself (the slide or course page chose what it shows).
    if (!url.exercises.empty()) {
        lesson_init(app, 0, false, true);
        worksheet_open(app, url.exercise_code, url.exercises);
    } else if (!app.embed || url.chapter >= 1) {
        lesson_init(app, url.chapter, bad_chapter, url.has_model);
    }
    if (url.tab >= 1) app.requested_tab = WorkspaceTab(url.tab);
    app.dark = platform_prefers_dark();
    theme_apply(app.dark);
    background_init(app.background, glsl_version);
}

void app_load_fonts(App& app, float pixel_ratio) {
    app.pixel_ratio = pixel_ratio;
    theme_load_fonts(app.theme, pixel_ratio);
    language_fonts_rebuilt(app);
}

void app_draw_background(App& app, int fb_w, int fb_h) {
    background_draw(app.background, fb_w, fb_h, app.pixel_ratio, app.dark);
}

void main_menu(App& app) {
    const Lang lang = app.language.shown;
    if (!ImGui::BeginMainMenuBar()) return;
    ImGui::PushFont(app.theme.fonts.bold);
    ImGui::TextUnformatted(tr(lang, Str::AppTitle));
    ImGui::PopFont();
    ImGui::Spacing();
    if (ImGui::BeginMenu(tr_id(app.labels, lang, Str::MenuLanguage, "menu_language"))) {
        // Each language's name in its own script, so either is found whatever is shown.
        if (ImGui::MenuItem(tr(lang, Str::LangEnglish), nullptr, app.language.wanted == Lang::En))
            language_request(app, Lang::En, true);
        if (ImGui::MenuItem(tr(lang, Str::LangChinese), nullptr, app.language.wanted == Lang::Zh))
            language_request(app, Lang::Zh, true);
        ImGui::EndMenu();
    }
    if (const char* status = language_status(app)) ImGui::TextDisabled("%s", status);
    // The lesson opens on a first visit; this brings it back where the learner left it.
    if (ImGui::MenuItem(tr_id(app.labels, lang, Str::MenuLesson, "menu_lesson"), nullptr, app.lesson.open)) {
        if (app.lesson.open) lesson_close(app);
        else lesson_open(app);
    }
    if (ImGui::MenuItem(tr_id(app.labels, lang, Str::MenuTeach, "menu_teach"), nullptr, app.teach.open))
        app.teach.open = !app.teach.open;
    note_item(app, "menu_teach");
    if (ImGui::MenuItem(tr_id(app.labels, lang, Str::MenuKeys, "menu_keys"), nullptr, app.keys_open)) {
        app.keys_open = !app.keys_open;
    }
    ImGui::EndMainMenuBar();
}

void open_in_convlab(App& app) {
    std::string fragment = app.editor.last_url;
    const size_t at = fragment.find("&embed=1");
    if (at != std::string::npos) fragment.erase(at, 8);
    // The tab the frame showed, so the whole page opens where the learner was.
    static const char* const tabs[] = {"", "summary", "convolution", "training"};
    if (app.tab != WorkspaceTab::None && !(app.lesson.sheet.active && !app.embed_workspace))
        fragment += std::string("&tab=") + tabs[size_t(app.tab)];
    app.page_link = platform_page_address() + "#" + fragment;
    platform_open_in_new_tab(app.page_link);
}

// "Open in ConvLab": leaves the embed for the whole page, in a new tab, with
// the same model, questions and language (the link without embed=1).
void open_in_convlab_button(App& app, ImVec2 corner, bool back_to_question) {
    const Lang lang = app.language.shown;
    ImGui::SetNextWindowPos(corner, ImGuiCond_Always, ImVec2(1.0f, 0.0f));
    ImGui::SetNextWindowBgAlpha(0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::Begin("###open_in_convlab", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
    if (back_to_question) {
        if (ImGui::Button(tr_id(app.labels, lang, Str::SheetBackToQuestion, "embed_back"))) app.embed_workspace = false;
        note_item(app, "embed_back");
        ImGui::SameLine();
    }
    if (ImGui::Button(tr_id(app.labels, lang, Str::OpenInConvLab, "open_in_convlab_button"))) open_in_convlab(app);
    note_item(app, "open_in_convlab");
    ImGui::End();
    ImGui::PopStyleVar();
}

// Where the workspace was while a worksheet's question waits for its answer.
void workspace_waits(App& app, ImVec2 pos, ImVec2 size) {
    ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    ImGui::Begin("###workspace_waits", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::SetCursorPos(ImVec2(24.0f, std::max(24.0f, size.y * 0.35f)));
    ImGui::PushTextWrapPos(std::max(200.0f, size.x - 24.0f));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(tr(app.language.shown, Str::SheetWaits));
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::End();
}

// #embed=1: a worksheet's question fills the frame until it is answered
// (nothing beside it gives the answer away), then shares it with the
// workspace that shows it; without a worksheet, the workspace alone, on the
// link's tab. No menu bar, no editor: an iframe of 640×400 holds it.
void embed_layout(App& app, ImVec2 origin, ImVec2 avail, float gap) {
    const WorksheetState& s = app.lesson.sheet;
    const bool sheet = s.active && app.lesson.open && s.current < int(s.questions.size());
    // One thing at a time fills the frame: the questions, or (once every one
    // is answered and "See it" was pressed) their model's workspace.
    const bool show_workspace = !sheet || (app.embed_workspace && !worksheet_waits(app));
    (void)gap;
    if (show_workspace) workspace(app, origin, avail);
    else lesson_panel(app, origin, avail, false);
    editor_shortcuts(app);
    // A worksheet's strip has the button (lesson_panel.cpp); the workspace has
    // it over its tab bar's free end, with the way back to the questions.
    if (show_workspace) open_in_convlab_button(app, ImVec2(origin.x + avail.x, origin.y - 4.0f), sheet);
}

void notices_bar(App& app) {
    const Lang lang = app.language.shown;
    if (app.notices.empty()) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y - 16.0f),
                            ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowBgAlpha(0.97f);
    ImGui::Begin("###notices", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove);
    for (Str n : app.notices) {
        ImGui::TextUnformatted(tr(lang, n));
        // What the core said was wrong with an exercise link, in its words.
        if (n == Str::NoticeBadExercise && !app.notice_detail.empty()) ImGui::TextUnformatted(app.notice_detail.c_str());
    }
    if (ImGui::Button(tr_id(app.labels, lang, Str::Dismiss, "dismiss_notices"))) {
        app.notices.clear();
    }
    ImGui::End();
}

void app_after_render(App& app, const ImDrawData* draw_data) {
    if (!app.clip_check_pending) return;
    app.clip_check_pending = false;
    app.cut_text = find_cut_text(draw_data, 12, &app.cut_total);
    app.wide_windows = find_wide_windows();
    app.clip_checked = true;
}

void note_item(App& app, const std::string& id) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    app.items.push_back({id, a.x, a.y, b.x - a.x, b.y - a.y});
}

const std::string& app_state_json(App& app) {
    if (app.state_frame == app.frame) return app.state_json;
    static const char* const tab_names[] = {"none", "summary", "convolution", "training"};
    convlab::JsonWriter w;
    w.begin_object();
    w.member("lang", language_code(app.language.shown));
    w.member("model_ok", app.model_ok);
    w.member("selected_layer", app.selected_layer);
    w.member("notices", int64_t(app.notices.size()));
    w.member("keys_open", app.keys_open);
    w.key("language").raw(language_state_json(app));
    w.member("kernels", convlab::simd_name());
    w.member("tab", tab_names[size_t(app.tab)]);
    // While the model cannot be built, the last valid summary (the one the page shows).
    if (!app.summary_json.empty()) w.key("summary").raw(app.summary_json);
    w.key("receptive_fields").raw(app.fields_json);
    w.member("show_field", app.show_field);
    w.member("show_connected", app.show_connected);
    w.member("arithmetic", app.arithmetic_text);
    {
        const ConcatSplit split = concat_split(app, app.conv);
        w.key("conv_concat").begin_object().member("first", split.first).member("name", split.name);
        w.member("sum", split.sum).end_object();
    }
    if (app.clip_checked) {
        w.key("clipping").begin_object().member("cut", int64_t(app.cut_total)).key("samples").begin_array();
        for (const CutText& c : app.cut_text) {
            std::string ch;  // the cut letter, as UTF-8
            const uint32_t cp = c.codepoint;
            if (cp < 0x80) ch += char(cp);
            else if (cp < 0x800) { ch += char(0xC0 | (cp >> 6)); ch += char(0x80 | (cp & 0x3F)); }
            else { ch += char(0xE0 | (cp >> 12)); ch += char(0x80 | ((cp >> 6) & 0x3F)); ch += char(0x80 | (cp & 0x3F)); }
            w.begin_object().member("window", c.window).member("char", ch);
            w.member("x", double(c.x), "%.0f").member("y", double(c.y), "%.0f").end_object();
        }
        w.end_array().key("wide").begin_array();
        for (const WideWindow& ww : app.wide_windows)
            w.begin_object().member("window", ww.window).member("overflow", double(ww.overflow), "%.0f").end_object();
        w.end_array().end_object();
    }
    w.key("items").begin_object();
    for (const ItemRect& r : app.items) {
        w.key(r.id).begin_array();
        for (float v : {r.x, r.y, r.w, r.h}) w.number(double(v), "%.1f");
        w.end_array();
    }
    w.end_object();
    editor_state_json(app, &w);
    training_refresh_checksum(app.training);
    w.key("training").raw(training_state_json(app.training, app.digits));
    w.key("conv").raw(conv_view_state_json(app.language.shown, app.conv, app.digits));
    w.member("conv_count_hidden", lesson_conv_hides_count(app));
    w.key("lesson").raw(lesson_state_json(app));
    w.key("sheet").raw(worksheet_state_json(app.lesson.sheet));
    w.key("teach").raw(teach_state_json(app.teach));
    w.member("embed", app.embed);
    w.end_object();
    app.state_json = w.take();
    app.state_frame = app.frame;
    return app.state_json;
}

void app_frame(App& app) {
    frame_labels_rewind(app.labels);  // the last frame's labels have been drawn
    app.items.clear();
    language_frame(app);  // a Chinese font that finished loading is merged before this frame
    digits_poll(app.digits, app.language.shown);
    training_frame(app);  // before the panels, so they show this frame's progress
    editor_begin_frame(app);
    if (!app.embed) main_menu(app);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float gap = 10.0f;
    const ImVec2 origin(vp->WorkPos.x + gap, vp->WorkPos.y + gap);
    const ImVec2 avail(vp->WorkSize.x - 2 * gap, vp->WorkSize.y - 2 * gap);
    // Layout: the model editor on the left, a tabbed workspace on the right
    // (summary and arithmetic, the convolution view, training). Narrow portrait
    // screens stack the editor above the workspace; a phone held sideways keeps them side by side,
    // so the editor gets the full height.
    const bool wide = avail.x >= 900.0f || avail.x >= 1.8f * avail.y;  // laptops, and phones held sideways
    const float editor_w = wide ? std::max(300.0f, std::min(380.0f, avail.x * 0.28f)) : avail.x;
    const float editor_h = wide ? avail.y : avail.y * 0.40f;
    // The lesson takes the editor's column, so the workspace a chapter talks
    // about keeps its full size; where the column is tall enough the learner
    // can have the editor back below it.
    float lesson_h = 0.0f;
    const bool editor_fits = editor_h >= 560.0f;
    if (app.embed) {
        embed_layout(app, origin, avail, gap);
    } else {
        // A worksheet's question that waits for its answer has the whole
        // column, and the workspace says why it is empty (worksheet_waits).
        const bool waits = worksheet_waits(app);
        if (app.lesson.open)
            lesson_h = editor_fits && app.lesson.show_editor && !waits ? float(int(editor_h * 0.64f)) : editor_h;
        if (lesson_h > 0.0f) lesson_panel(app, origin, ImVec2(editor_w, lesson_h), editor_fits);
        if (lesson_h < editor_h) {
            const float skip = lesson_h > 0.0f ? lesson_h + gap : 0.0f;
            editor_panel(app, ImVec2(origin.x, origin.y + skip), ImVec2(editor_w, editor_h - skip));
        } else {
            editor_shortcuts(app);
        }
        const ImVec2 ws_pos = wide ? ImVec2(origin.x + editor_w + gap, origin.y) : ImVec2(origin.x, origin.y + editor_h + gap);
        const ImVec2 ws_size = wide ? ImVec2(avail.x - editor_w - gap, avail.y) : ImVec2(avail.x, avail.y - editor_h - gap);
        if (waits) workspace_waits(app, ws_pos, ws_size);
        else workspace(app, ws_pos, ws_size);
    }
    notices_bar(app);
    keys_window_toggle_on_key(app);
    keys_window(app);
    teach_window(app);
    lesson_save_progress(app.lesson);
    worksheet_save_progress(app.lesson.sheet);
    screen_reader_frame(app);
    // A keras.applications network as loaded: its name, not its 7-54 KB of
    // model code; edited: its name and the edits (the changed fields, or the
    // graph's changes when layers were added, removed or rewired).
    ModelEditor& e = app.editor;
    const bool as_loaded = !e.application.empty() && app.model_code == e.application_code;
    if (!e.application.empty() && !as_loaded && e.delta_for != app.model_code) {
        e.delta_graph.clear();
        e.delta_ok = convlab::encode_model_delta(e.application_model, app.model, &e.delta_indices, &e.delta_code) &&
                     e.delta_code.size() < app.model_code.size();
        if (!e.delta_ok)
            e.delta_ok = convlab::encode_graph_delta(e.application_model, app.model, &e.delta_graph) &&
                         e.delta_graph.size() < app.model_code.size();
        e.delta_for = app.model_code;
    }
    const bool by_edits = !e.application.empty() && !as_loaded && e.delta_ok;
    const std::string url = format_url_state(app.model_code, app.chapter, app.language.wanted,
                                             as_loaded || by_edits ? e.application : "", by_edits ? e.delta_indices : "",
                                             by_edits ? e.delta_code : "", by_edits ? e.delta_graph : "",
                                             app.lesson.sheet.active ? app.lesson.sheet.code : "", app.embed,
                                             app.editor.torch_view);
    if (url != app.editor.last_url || app.editor.url_push_wanted) editor_store_url(app, url);

    app.editor.shown_selected = app.editor.selected_card;  // what the next edit's undo returns to
    ++app.frame;
    platform_publish_test_hook(app.frame, app.frame > 1);
}
