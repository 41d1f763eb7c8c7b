// model_edit.h: every change the learner makes to the model, in one place, so
// the editor's clicks, the keyboard shortcuts and the test hook's commands take
// the same path: record an undo step, hand the new model to the core
// (app_set_model), and ask for a browser history entry. Also the import dialog's
// state and the learner-language sentence for a core Problem. Not drawing:
// editor_panel.cpp draws, this file decides.
#pragma once
#include <array>
#include <iosfwd>
#include <string>

#include "core/io/import.h"
#include "core/io/json_writer.h"
#include "core/io/summary_torch_cells.h"
#include "core/model/layer_spec.h"
#include "core/message/message.h"
#include "core/analysis/model_summary.h"
#include "core/analysis/receptive_field.h"
#include "core/model/graph_edit.h"
#include "core/model/presets.h"
#include "core/analysis/problem.h"
#include "app/editor/editor_graph.h"
#include "app/editor/history.h"
#include "app/text/strings.h"

struct App;

// The import dialog: pasted or dropped text, and what the last attempt said.
struct ImportDialog {
    bool open = false;
    std::string text;
    int text_generation = 0;  // bumped when text is replaced from outside
    std::string error;        // empty: no error; English, as the core wrote it
    convlab::Message message;  // the same as data: shown in the UI language (message_text)
    int line = 0, column = 0;
    bool missing_input_shape = false;  // the code never says the input shape: ask for it
    bool pytorch = false;     // the text is PyTorch code: a missing input size is asked as (N, C, H, W)
    int64_t shape[3] = {28, 28, 1};
    // PyTorch's input size as the learner types it, torchinfo's order, and
    // what is wrong with it (Str::Count: nothing), with the sentence's slots.
    std::string torch_size_text = "1, 1, 28, 28";
    Str torch_size_problem = Str::Count;
    std::vector<std::string> torch_size_args;
    // The code takes a value from its data (num_classes = len(os.listdir(...))):
    // the learner gives it as NAME=VALUE, as the CLI's --set does.
    bool wants_setting = false;
    std::string settings_text;
    std::string bad_setting;   // the piece of settings_text that is not NAME=VALUE (error says so)
};

struct ModelEditor {
    History history;
    int selected_card = 0;   // index into App::model.layers
    int shown_selected = 0;  // selected_card as the last frame showed it: what an edit's undo returns to
    int synced_row = -1;     // App::selected_layer when the card was last synced
    int scrolled_card = -1;  // the card last scrolled into view
    ImportDialog import;
    bool has_last_valid = false;  // last_valid_summary holds a model that built
    convlab::ModelSummary last_valid_summary;
    std::vector<convlab::ReceptiveField> last_valid_fields;  // its rows' receptive fields
    bool url_push_wanted = false;  // the next URL write is a new browser history entry
    double last_push_ms = -1e12;
    std::string last_url;     // what the URL holds now, to ignore our own echoes
    std::string pending_url;  // set by back/forward, applied on the next frame
    bool has_pending_url = false;
    std::string pending_text;  // dropped or pasted text, applied on the next frame
    bool has_pending_text = false;
    Str toast = Str::Count;  // a short confirmation ("Copied") and until when
    double toast_until_ms = 0;
    std::string export_error;  // why the last export was impossible (English, from the core)
    // The same as data, shown in the UI language; empty when the model itself
    // was invalid, which the model's Problem says (problem_text).
    convlab::Message export_message;
    // Why the last graph edit could not be made (model/graph_edit.h); empty
    // after one that was. The model is unchanged when it is set.
    convlab::Message edit_message;
    // The graph view (editor_graph.cpp): its zoom, and the node last scrolled into view.
    float graph_zoom = 1.0f;
    // A model was loaded (preset, file, paste, link), not edited: the graph
    // view zooms so its width fits the pane (70% to 100%) once it is laid out.
    bool graph_fit_wanted = true;
    // Whether the selected layer can move up / down its chain, worked out by
    // the core once per model and selection (move_for: the model code and layer).
    std::string move_for;
    bool can_move_up = false, can_move_down = false;
    // The Join menu's open entry, tried by the core once (key: model, layers,
    // merge): when the join would leave a model that cannot be built, why.
    std::string join_tried[2];
    std::string join_breaks[2];
    // Insert after → on which edge: -1 every path out of the selected layer,
    // else the one reader; insert_to_for is the layer that choice was made for.
    int insert_to = -1, insert_to_for = -1;
    float graph_zoom_to = 0.0f;  // a zoom the − / + buttons asked for, applied about the view's middle
    int graph_scrolled = -1;
    GraphLayout graph_layout;
    // The keras.applications network last loaded and its link code, so an
    // unedited one is linked by name (url_state.h).
    std::string application, application_code;
    convlab::ModelSpec application_model;  // that network as loaded, the base of a link's edits
    // The link's edits to it, kept for the model code they were made for: to
    // its fields (encode_model_delta), or else to its graph (encode_graph_delta).
    std::string delta_for, delta_indices, delta_code, delta_graph;
    bool delta_ok = false;
    bool graph_panning = false;  // a drag that began on the canvas's background
    // Last frame's visible boxes: layer, x, y, w, h in CSS pixels (the test hook's "graph_nodes").
    std::vector<std::array<float, 5>> graph_visible;
    // The last model read from PyTorch code, with its torchinfo rows, and its
    // link code once loaded: the PyTorch view shows those rows while the model
    // is that one (the rows name modules and shapes of the code, which an edit
    // in the editor would leave behind). torch_view: which view the summary shows.
    convlab::ModelSpec torch_model;
    std::string torch_code;
    bool torch_view = false;
    convlab::TorchinfoCells torch_cells;  // torchinfo's table of torch_model, cut into cells by the core
    // A container row the learner selected in the PyTorch view (-1: none), kept
    // while App::selected_layer is still torch_container_layer.
    int torch_container_row = -1, torch_container_layer = -1;
    // The view and PyTorch model the summary last drew: a new one starts at its top.
    bool drawn_torch_view = false;
    std::string drawn_torch_code;
};

constexpr double kUrlPushCoalesceMs = 500.0;
constexpr const char* kAutosaveKey = "convlab.model";

// Registers the platform callbacks (back/forward, drop, paste) for this app.
void editor_init(App& app);
// Applies what arrived between frames (back/forward, dropped or pasted text).
void editor_begin_frame(App& app);

// The summary the page shows: the model's own, or the last valid one while the
// model cannot be built.
const convlab::ModelSummary& shown_summary(const App& app);
// The receptive fields of shown_summary's rows (empty when no model ever built).
const std::vector<convlab::ReceptiveField>& shown_fields(const App& app);

// Replaces the model as one undoable edit. `key` ("3:filters") lets rapid
// changes of one field coalesce into one undo step; "" never coalesces.
void editor_apply(App& app, convlab::ModelSpec model, const std::string& key);
bool editor_undo(App& app);
bool editor_redo(App& app);
void editor_select_card(App& app, int card);
void editor_add_layer(App& app, int at, convlab::LayerKind kind);
bool editor_remove_layer(App& app, int index);
bool editor_duplicate_layer(App& app, int index);
bool editor_move_layer(App& app, int from, int to);
void editor_load_preset(App& app, convlab::Preset preset);
// A keras.applications network by its Keras name ("ResNet50", "keras:ResNet50"),
// read from the core's own source; false if there is none by that name.
bool editor_load_application(App& app, const std::string& name);
// Graph edits (a Sequential model becomes a Functional chain first). False,
// with editor.edit_message saying why, when the core refuses the edit.
// A skip joins `main` (the path that goes on) with `shortcut` by a merge, and a
// 1×1 Conv2D projection when the shapes need one (editor_plan_skip says which).
bool editor_add_skip(App& app, int main, int shortcut, convlab::SkipMerge merge);
bool editor_plan_skip(const App& app, int main, int shortcut, convlab::SkipMerge merge, convlab::SkipPlan* plan,
                      convlab::Message* why);
// A new layer of `kind` reading `from`, on a path of its own until a skip joins it.
bool editor_branch(App& app, int from, convlab::LayerKind kind);
// A new layer of `kind` on the one edge from `from` to `to` (a reader of it).
bool editor_insert_on_edge(App& app, int from, int to, convlab::LayerKind kind);
// The output shape of a layer of App::model (an InputLayer: its shape), from
// the summary shown; rank 0 when the model never built.
convlab::Shape editor_layer_output(const App& app, int layer);
// Sets a field by its Keras keyword ("filters", "kernel_size" as "3" or "3,5",
// "padding" as "same", "input_shape" as "28,28,1"). False with *error if the
// layer has no such field or the value is not one.
bool editor_set_field(App& app, int index, const std::string& keyword, const std::string& value, std::string* error);

// Imports the text (ConvLab file, Keras JSON or Keras code) into the model; on
// failure the dialog keeps the error (with line and column) or asks for the input shape.
// PyTorch code (it imports torch) is read by import_torch_python with
// torch_size, torchinfo's (N, C, H, W), when given; input_shape is Keras's.
bool editor_import(App& app, const std::string& text, const convlab::Shape* input_shape,
                   const convlab::PythonSettings& settings = {}, const std::vector<int64_t>* torch_size = nullptr);
// "1, 1, 28, 28" as four sizes of at least 1; false with d->torch_size_problem
// (and its slots) saying what is wrong.
bool editor_parse_torch_size(ImportDialog* d, const std::string& text, std::vector<int64_t>* out);
// The sentence for d.torch_size_problem in the UI language, "" when there is none.
std::string torch_size_problem_text(Lang lang, const ImportDialog& d);
// Whether the PyTorch view has rows for the model shown: it was read from
// PyTorch code and is unedited since (editor.torch_code), and it builds.
bool torch_view_available(const App& app);
// The PyTorch view's selected row (index into editor.torch_cells.rows): a
// container the learner chose, else the leaf module of App::selected_layer; -1 if none.
int torch_selected_row(const App& app);
// Selects a row of the PyTorch view: a leaf selects its layer everywhere.
void torch_select_row(App& app, int row);
// The core's arithmetic for the selected leaf in PyTorch's terms
// (format_explanation_torch); "" for a container or no row.
std::string torch_selected_explanation(const App& app);
std::string editor_save_file_text(const App& app);

// The Problem's sentence in the UI language, with its location:
// "layer 2 'conv2d_2' (Conv2D), kernel_size: the 30×30 kernel is larger ...".
std::string problem_text(Lang lang, const convlab::Problem& problem, const convlab::ModelSpec& model);
// True when the Problem points at this field of this layer.
bool problem_is_field(const convlab::Problem& problem, int layer, convlab::Field field);

// Writes the URL state: a new history entry after an edit (at most one per
// kUrlPushCoalesceMs), otherwise a replacement; and the local autosave.
void editor_store_url(App& app, const std::string& url_state);
// The editor's members of the test hook's state ("layers", "problem", "import", ...),
// written into the object w has open.
void editor_state_json(const App& app, convlab::JsonWriter* w);
// The import dialog's error in the UI language, with its line and column:
// "第 3 行，第 5 列：……". Empty when there is none.
std::string import_error_text(Lang lang, const ImportDialog& dialog);
// Why the last PyTorch export was impossible, in the UI language; empty if it was not.
std::string export_error_text(const App& app);
// The test hook's editor verbs. False if the verb is not one of them.
bool editor_command(App& app, const std::string& verb, std::istream& args, std::string* reply);
