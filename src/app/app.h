// app.h: the ConvLab UI as one value. It holds the model the learner works on,
// what the core says about it, and the UI's own state (selection, language,
// notices); every frame draws the panels from it. It never computes a shape or
// a parameter count itself: summary comes from convlab::summarize.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "render/background.h"
#include "app/clip_check.h"
#include "app/conv_view/conv_view.h"
#include "app/digits.h"
#include "app/screen_reader.h"
#include "core/model/layer_spec.h"
#include "core/analysis/model_summary.h"
#include "core/analysis/problem.h"
#include "app/text/language.h"
#include "app/lesson/lesson_panel.h"
#include "app/lesson/teach_window.h"
#include "app/editor/model_edit.h"
#include "app/text/strings.h"
#include "app/theme.h"
#include "app/training/training_panel.h"
#include "app/training/training_session.h"

// A widget's rectangle in CSS pixels, for the test hook to click like a user.
struct ItemRect {
    std::string id;
    float x, y, w, h;
};

enum class WorkspaceTab : uint8_t { None, Summary, Convolution, Training };

struct App {
    convlab::ModelSpec model;
    convlab::ModelSummary summary;       // of `model`, valid when model_ok
    convlab::Problem problem;            // why `model` cannot be built, when !model_ok
    bool model_ok = false;
    int chapter = 0;
    int selected_layer = 0;              // index into summary.layers
    int summary_scrolled = 0;            // the row the summary last scrolled into view
    bool show_cost = false;
    bool show_field = false;             // the summary's receptive-field column
    bool show_connected = true;          // a graph's "Connected to" column
    std::string arithmetic_text;         // the arithmetic panel's sentences and count, as last drawn
    bool keys_open = false;
    // #embed=1: only what the exercise or the chosen tab needs, for an iframe
    // in slides or a course page (no menu bar, no editor, no lesson chrome).
    bool embed = false;
    std::string page_link;               // the page's address without embed=1, for "Open in ConvLab"
    bool embed_workspace = false;        // embedded with a worksheet: its model's workspace fills the frame              // the keyboard shortcuts window ("?")
    WorkspaceTab tab = WorkspaceTab::Summary;
    WorkspaceTab requested_tab = WorkspaceTab::None;  // set to switch tabs on the next frame
    std::vector<Str> notices;            // fallbacks taken while reading the URL
    std::string notice_detail;           // the core's sentence for a broken exercise link
    FrameLabels labels;                  // this frame's "Label###id" strings (tr_id)
    std::vector<ItemRect> items;         // this frame's noted widgets (note_item), published as "items"
    // The test hook's "check_clipping": the next frame's cut text (clip_check.h).
    bool clip_check_pending = false, clip_checked = false;
    size_t cut_total = 0;
    std::vector<CutText> cut_text;
    std::vector<WideWindow> wide_windows;
    bool dark = false;
    bool quit = false;
    Digits digits;                       // the MNIST digits, loaded once for training and the convolution view
    TrainingSession training;            // the Training tab's network and progress (training_session.h)
    TrainingPanelState training_panel;   // and what its panel keeps between frames (training_panel.h)
    ModelEditor editor;                  // undo history, selection, import dialog (model_edit.h)
    LessonState lesson;                  // the guided lesson (lesson_panel.h)
    TeachState teach;                    // "Share as exercise" (teach_window.h)
    LanguageState language;              // the wanted language and the Chinese font (language.h)
    Theme theme;                         // the fonts and the Chinese font's bytes (theme.h)

    long frame = 0;
    std::string state_json;              // the test hook's state (app_state_json), built for frame state_frame
    long state_frame = -1;
    std::string model_code;              // encode_model_url(model), kept by app_set_model
    std::string summary_json;            // format_summary_json of the summary shown, kept by app_set_model
    std::string fields_json;             // and format_receptive_fields_json of its fields
    Background background;
    // This frame's two-finger pinch, in wheel notches (also added to the
    // wheel): views that zoom on Ctrl+wheel zoom on a pinch too.
    float pinch_notches = 0.0f;
    uint64_t texture_changes = 0;        // uploads and redraws of textures ImGui draws (ui_renderer_frame_changed)
    float pixel_ratio = 1.0f;
    ConvView conv;                       // the Convolution tab (conv_view.h)
    ScreenReaderMirror screen_reader;    // the page's screen-reader region (screen_reader.h)
    double frame_start_ms = 0.0;         // set by main.cpp: when this frame began
    double frame_cpu_ms = 0.0;           // and how long the previous frame took
};

// url_query: the address's query ("lang=zh" from "?lang=zh"), read beside the fragment.
void app_init(App& app, const std::string& url_fragment, const std::string& url_query, const char* glsl_version);
void app_load_fonts(App& app, float pixel_ratio);
void app_frame(App& app);
void app_draw_background(App& app, int fb_w, int fb_h);

// A test-hook command ("select_layer 1", "tab training", ...; see commands.cpp).
// Returns "ok", a value, or "error: <why>". Commands do what a click would do.
std::string app_command(App& app, const std::string& command);
// The test hook's state as JSON, as of the last completed frame: built on the
// first read after a frame (and before a command changes anything), so reads
// between two frames agree and a page nobody reads builds nothing.
const std::string& app_state_json(App& app);

// After ImGui::Render(): the checks that read what was drawn (cut text, on request).
void app_after_render(App& app, const ImDrawData* draw_data);

// Notes the last widget drawn under `id`, so the test hook can report where a
// learner would click it.
void note_item(App& app, const std::string& id);

// Replaces the model and recomputes what the core says about it.
void app_set_model(App& app, convlab::ModelSpec model);
