// model_edit.cpp: the edits of model_edit.h, the import dialog's logic, the
// translated Problem sentence, and the editor's test-hook verbs.
#include "app/editor/model_edit.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <istream>
#include <sstream>

#include "app/app.h"
#include "core/io/export_code.h"
#include "core/io/import.h"
#include "core/io/import_torch_python.h"
#include "core/io/summary_format.h"
#include "core/io/json.h"
#include "core/analysis/layer_kind.h"
#include "core/io/model_file.h"
#include "core/io/model_url.h"
#include "core/model/graph_edit.h"
#include "core/applications/applications.h"
#include "app/text/message_text.h"
#include "platform/platform.h"
#include "app/url_state.h"

using convlab::Field;
using convlab::LayerKind;
using convlab::ModelSpec;

namespace {

// {0}, {1}, ... filled the way the core fills its own templates.
std::string fill(const std::string& pattern, const std::vector<std::string>& args) {
    return convlab::fill_slots(pattern, args);
}

// "3", "3,5", "3x5", "(3, 5)" -> numbers; false on anything else.
bool parse_ints(const std::string& text, std::vector<int64_t>* out) {
    out->clear();
    std::string cleaned;
    for (char c : text) cleaned += (c == ',' || c == 'x' || c == '(' || c == ')') ? ' ' : c;
    std::istringstream in(cleaned);
    long long v = 0;
    while (in >> v) out->push_back(int64_t(v));
    return in.eof() && !out->empty();
}

bool parse_bool(const std::string& s, bool* out) {
    if (s == "1" || s == "true" || s == "True") {
        *out = true;
        return true;
    }
    if (s == "0" || s == "false" || s == "False") {
        *out = false;
        return true;
    }
    return false;
}

bool parse_double(const std::string& s, double* out) {
    char* end = nullptr;
    *out = std::strtod(s.c_str(), &end);
    return !s.empty() && end && *end == '\0';
}

bool set_pair(convlab::Pair* p, const std::vector<int64_t>& v) {
    if (v.size() == 1) {
        *p = {v[0], v[0]};
        return true;
    }
    if (v.size() == 2) {
        *p = {v[0], v[1]};
        return true;
    }
    return false;
}

// The model layer behind summary row `row` of the shown summary, or -1.
int card_of_row(const App& app, int row) {
    const convlab::ModelSummary& s = shown_summary(app);
    if (row < 0 || row >= int(s.layers.size())) return -1;
    return s.layers[size_t(row)].index;
}

int row_of_card(const App& app, int card) {
    const convlab::ModelSummary& s = shown_summary(app);
    for (size_t r = 0; r < s.layers.size(); ++r)
        if (s.layers[r].index == card) return int(r);
    return -1;
}

std::string unescape(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            const char c = s[++i];
            out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string rest_of_line(std::istream& in) {
    std::string rest;
    std::getline(in, rest);
    const size_t start = rest.find_first_not_of(' ');
    return start == std::string::npos ? "" : rest.substr(start);
}

}  // namespace

// ---------------------------------------------------------------- callbacks

void editor_init(App& app) {
    platform_set_url_handler(
        [](void* user, const std::string& fragment) {
            ModelEditor& e = static_cast<App*>(user)->editor;
            e.pending_url = fragment;
            e.has_pending_url = true;
        },
        &app);
    platform_set_text_handler(
        [](void* user, const std::string& text) {
            ModelEditor& e = static_cast<App*>(user)->editor;
            e.pending_text = text;
            e.has_pending_text = true;
        },
        &app);
}

void editor_begin_frame(App& app) {
    ModelEditor& e = app.editor;
    if (e.has_pending_url) {
        e.has_pending_url = false;
        if (e.pending_url != e.last_url) {
            // Back or forward: the URL's model becomes the model, as one undo step,
            // without a new history entry (the browser already moved).
            UrlState url = parse_url_state(e.pending_url);
            for (Str n : url.notices) app.notices.push_back(n);
            if (url.has_lang) language_request(app, url.lang, false);
            e.torch_view = url.torch_view;
            const ModelSpec model = url.has_model ? url.model : convlab::preset_model(convlab::Preset::SeedQuestion);
            history_record(e.history, app.model, e.selected_card, "", platform_now_ms());
            app_set_model(app, model);
            e.application = url.application;
            if (!url.application.empty()) application_model(url.application, &e.application_model);
            e.application_code = url.application.empty() ? std::string() : convlab::encode_model_url(e.application_model);
            e.last_url = e.pending_url;
            e.url_push_wanted = false;
        }
    }
    if (e.has_pending_text) {
        e.has_pending_text = false;
        // A paste into a text field is ImGui's (the platform put the text on its
        // clipboard); anywhere else, pasted or dropped text is a model to import.
        if (!ImGui::GetIO().WantTextInput || e.import.open) {
            e.import.open = true;
            e.import.text = e.pending_text;
            ++e.import.text_generation;
            e.import.missing_input_shape = false;
            editor_import(app, e.import.text, nullptr);
        }
        e.pending_text.clear();
    }
    // The summary panel selected a row: follow it with the card.
    if (app.selected_layer != e.synced_row) {
        const int card = card_of_row(app, app.selected_layer);
        if (card >= 0) e.selected_card = card;
        e.synced_row = app.selected_layer;
    }
    if (e.selected_card >= int(app.model.layers.size())) e.selected_card = int(app.model.layers.size()) - 1;
    if (e.selected_card < 0) e.selected_card = 0;
}

const convlab::ModelSummary& shown_summary(const App& app) {
    return app.model_ok || !app.editor.has_last_valid ? app.summary : app.editor.last_valid_summary;
}

const std::vector<convlab::ReceptiveField>& shown_fields(const App& app) {
    static const std::vector<convlab::ReceptiveField> none;
    return app.editor.has_last_valid ? app.editor.last_valid_fields : none;
}

// ---------------------------------------------------------------- edits

void editor_apply(App& app, ModelSpec model, const std::string& key) {
    app.editor.edit_message = convlab::Message();  // a refused edit's reason lasts until the model changes
    // The layer the learner had selected before this edit (an edit may already
    // have selected the layer it made): undo returns to it.
    history_record(app.editor.history, app.model, app.editor.shown_selected, key, platform_now_ms());
    app_set_model(app, std::move(model));
    app.editor.url_push_wanted = true;
    editor_select_card(app, app.editor.selected_card);
}

bool editor_undo(App& app) {
    ModelSpec m = app.model;
    int selected = app.editor.selected_card;
    if (!history_undo(app.editor.history, &m, &selected)) return false;
    app.editor.edit_message = convlab::Message();
    app_set_model(app, std::move(m));
    app.editor.url_push_wanted = true;
    editor_select_card(app, selected);
    app.editor.shown_selected = app.editor.selected_card;
    return true;
}

bool editor_redo(App& app) {
    ModelSpec m = app.model;
    int selected = app.editor.selected_card;
    if (!history_redo(app.editor.history, &m, &selected)) return false;
    app.editor.edit_message = convlab::Message();
    app_set_model(app, std::move(m));
    app.editor.url_push_wanted = true;
    editor_select_card(app, selected);
    app.editor.shown_selected = app.editor.selected_card;
    return true;
}

void editor_select_card(App& app, int card) {
    const int n = int(app.model.layers.size());
    const int was = app.editor.selected_card;
    app.editor.selected_card = std::max(0, std::min(card, n - 1));
    // Why an edit of another layer was refused no longer applies to this one.
    if (app.editor.selected_card != was) app.editor.edit_message = convlab::Message();
    const int row = row_of_card(app, app.editor.selected_card);
    if (row >= 0) app.selected_layer = row;
    app.editor.synced_row = app.selected_layer;
}

// A graph edit: the core makes it (model/graph_edit.h) or says why not, and
// the why stays on the panel until the next edit that is made, or another layer is selected.
bool apply_graph_edit(App& app, bool made, convlab::ModelSpec m, int selected, const convlab::Message& why) {
    app.editor.edit_message = made ? convlab::Message() : why;
    if (!made) return false;
    app.editor.selected_card = selected;
    editor_apply(app, std::move(m), "");
    return true;
}

void editor_add_layer(App& app, int at, LayerKind kind) {
    ModelSpec m = app.model;
    if (m.functional) {
        // In a graph the new layer goes after the selected one, on every path out of it.
        int selected = 0;
        convlab::Message why;
        const bool made = convlab::graph_insert_after(&m, std::max(0, at - 1), convlab::make_layer(kind), &selected, &why);
        apply_graph_edit(app, made, std::move(m), selected, why);
        return;
    }
    at = std::max(0, std::min(at, int(m.layers.size())));
    m.layers.insert(m.layers.begin() + at, convlab::make_layer(kind));
    app.editor.selected_card = at;
    app.editor.edit_message = convlab::Message();
    editor_apply(app, std::move(m), "");
}

bool editor_remove_layer(App& app, int index) {
    if (index < 0 || index >= int(app.model.layers.size())) return false;
    ModelSpec m = app.model;
    if (m.functional) {
        int selected = 0;
        convlab::Message why;
        const bool made = convlab::graph_remove_layer(&m, index, &selected, &why);
        return apply_graph_edit(app, made, std::move(m), selected, why);
    }
    m.layers.erase(m.layers.begin() + index);
    app.editor.selected_card = std::min(index, int(m.layers.size()) - 1);
    app.editor.edit_message = convlab::Message();
    editor_apply(app, std::move(m), "");
    return true;
}

bool editor_duplicate_layer(App& app, int index) {
    if (index < 0 || index >= int(app.model.layers.size())) return false;
    ModelSpec m = app.model;
    convlab::LayerSpec copy = m.layers[size_t(index)];
    copy.name.clear();  // two layers cannot share a name: let Keras number the copy
    if (copy.kind == LayerKind::InputLayer) return false;
    copy.input_shape = convlab::Shape{};  // only the first layer says the input shape
    if (m.functional) {
        copy.calls.clear();
        int selected = 0;
        convlab::Message why;
        const bool made = convlab::graph_insert_after(&m, index, copy, &selected, &why);
        return apply_graph_edit(app, made, std::move(m), selected, why);
    }
    m.layers.insert(m.layers.begin() + index + 1, copy);
    app.editor.selected_card = index + 1;
    app.editor.edit_message = convlab::Message();
    editor_apply(app, std::move(m), "");
    return true;
}

bool editor_move_layer(App& app, int from, int to) {
    const int n = int(app.model.layers.size());
    if (from < 0 || from >= n || to < 0 || to >= n) return false;
    if (from == to) return true;
    ModelSpec m = app.model;
    if (m.functional) {
        // A graph moves one step along its chain (the arrows); a branch or a merge stops it.
        int selected = from;
        convlab::Message why;
        const bool made = convlab::graph_move_in_chain(&m, from, to < from, &selected, &why);
        return apply_graph_edit(app, made, std::move(m), selected, why);
    }
    convlab::LayerSpec moved = std::move(m.layers[size_t(from)]);
    m.layers.erase(m.layers.begin() + from);
    m.layers.insert(m.layers.begin() + to, std::move(moved));
    app.editor.selected_card = to;
    app.editor.edit_message = convlab::Message();
    editor_apply(app, std::move(m), "");
    return true;
}

convlab::Shape editor_layer_output(const App& app, int layer) {
    if (layer < 0 || layer >= int(app.model.layers.size())) return convlab::Shape{};
    const convlab::LayerSpec& spec = app.model.layers[size_t(layer)];
    if (spec.kind == LayerKind::InputLayer) return spec.input_shape;
    if (app.model_ok)
        for (const convlab::LayerSummary& row : app.summary.layers)
            if (row.index == layer) return row.analysis.output;
    // A branch nothing reads yet has no row: the core works its shape out alone.
    convlab::Shape s;
    convlab::graph_layer_output(app.model, layer, &s);
    return s;
}

bool editor_plan_skip(const App& app, int main, int shortcut, convlab::SkipMerge merge, convlab::SkipPlan* plan,
                      convlab::Message* why) {
    if (main == shortcut) {
        *why = convlab::Message(convlab::MsgCode::GraphEditSkipSame);
        return false;
    }
    const convlab::ModelSpec g = convlab::to_functional(app.model);
    const int shift = convlab::to_functional_shift(app.model);
    if (convlab::layer_depends_on(g, shortcut + shift, main + shift)) {
        *why = convlab::Message(convlab::MsgCode::GraphEditSkipCycle,
                                {convlab::as_is(int64_t(shortcut + 1)), convlab::as_is(int64_t(main + 1))});
        return false;
    }
    return convlab::plan_skip(merge, editor_layer_output(app, main), editor_layer_output(app, shortcut), plan, why);
}

bool editor_add_skip(App& app, int main, int shortcut, convlab::SkipMerge merge) {
    const int n = int(app.model.layers.size());
    if (main < 0 || main >= n || shortcut < 0 || shortcut >= n) return false;
    convlab::SkipPlan plan;
    convlab::Message why;
    ModelSpec m = app.model;
    int selected = main;
    const bool made = editor_plan_skip(app, main, shortcut, merge, &plan, &why) &&
                      convlab::graph_add_skip(&m, main, shortcut, merge, plan, &selected, &why);
    return apply_graph_edit(app, made, std::move(m), selected, why);
}

bool editor_branch(App& app, int from, LayerKind kind) {
    if (from < 0 || from >= int(app.model.layers.size())) return false;
    ModelSpec m = app.model;
    int selected = from;
    convlab::Message why;
    const bool made = convlab::graph_branch(&m, from, convlab::make_layer(kind), &selected, &why);
    return apply_graph_edit(app, made, std::move(m), selected, why);
}

bool editor_insert_on_edge(App& app, int from, int to, LayerKind kind) {
    ModelSpec m = app.model;
    int selected = from;
    convlab::Message why;
    const bool made = convlab::graph_insert_on_edge(&m, from, to, convlab::make_layer(kind), &selected, &why);
    return apply_graph_edit(app, made, std::move(m), selected, why);
}

bool editor_load_application(App& app, const std::string& name) {
    const convlab::Application* a = convlab::find_application(name);
    if (!a) return false;
    // The same path a learner's pasted code takes: the core reads the source.
    const convlab::ImportResult r = convlab::import_any_model_text(convlab::application_script(*a), nullptr, {});
    if (!r.ok) return false;
    app.editor.selected_card = 0;
    app.editor.edit_message = convlab::Message();
    app.editor.graph_fit_wanted = true;
    editor_apply(app, r.model, "");
    app.editor.application = a->name;
    app.editor.application_code = app.model_code;
    app.editor.application_model = app.model;
    return true;
}

void editor_load_preset(App& app, convlab::Preset preset) {
    app.editor.application.clear();  // links now hold the model itself
    app.editor.selected_card = 0;
    app.editor.graph_fit_wanted = true;
    editor_apply(app, convlab::preset_model(preset), "");
}

bool editor_set_field(App& app, int index, const std::string& keyword, const std::string& value, std::string* error) {
    if (index < 0 || index >= int(app.model.layers.size())) {
        *error = "no such layer";
        return false;
    }
    ModelSpec m = app.model;
    convlab::LayerSpec& L = m.layers[size_t(index)];
    const convlab::LayerKindInfo& info = convlab::layer_kind_info(L.kind);
    Field field = Field::Count;
    for (Field f : info.fields)
        if (keyword == convlab::field_keyword(f)) field = f;
    // The first layer may carry input_shape= itself, as the seed's Conv2D does.
    if (keyword == "input_shape" && index == 0) field = Field::InputShape;
    if (field == Field::Count) {
        *error = std::string(info.class_name) + " has no field '" + keyword + "'";
        return false;
    }
    std::vector<int64_t> ints;
    bool ok = false;
    double d = 0;
    switch (field) {
        case Field::Filters:
            ok = parse_ints(value, &ints) && ints.size() == 1;
            if (ok) L.filters = ints[0];
            break;
        case Field::Units:
            ok = parse_ints(value, &ints) && ints.size() == 1;
            if (ok) L.units = ints[0];
            break;
        case Field::DepthMultiplier:
            ok = parse_ints(value, &ints) && ints.size() == 1;
            if (ok) L.depth_multiplier = ints[0];
            break;
        case Field::KernelSize:
        case Field::PoolSize: ok = parse_ints(value, &ints) && set_pair(&L.kernel, ints); break;
        case Field::Strides: ok = parse_ints(value, &ints) && set_pair(&L.strides, ints); break;
        case Field::DilationRate: ok = parse_ints(value, &ints) && set_pair(&L.dilation, ints); break;
        case Field::Padding: ok = convlab::parse_padding(value, &L.padding); break;
        case Field::ZeroPadding:
            ok = parse_ints(value, &ints) && (ints.size() == 1 || ints.size() == 2 || ints.size() == 4);
            if (ok && ints.size() == 1) L.pad_top = L.pad_bottom = L.pad_left = L.pad_right = ints[0];
            if (ok && ints.size() == 2) {
                L.pad_top = L.pad_bottom = ints[0];
                L.pad_left = L.pad_right = ints[1];
            }
            if (ok && ints.size() == 4) {
                L.pad_top = ints[0];
                L.pad_bottom = ints[1];
                L.pad_left = ints[2];
                L.pad_right = ints[3];
            }
            break;
        case Field::UseBias: ok = parse_bool(value, &L.use_bias); break;
        case Field::Center: ok = parse_bool(value, &L.center); break;
        case Field::Scale: ok = parse_bool(value, &L.scale); break;
        case Field::Activation: ok = convlab::parse_activation(value, &L.activation); break;
        case Field::Rate:
            ok = parse_double(value, &d);
            if (ok) L.rate = d;
            break;
        case Field::Momentum:
            ok = parse_double(value, &d);
            if (ok) L.momentum = d;
            break;
        case Field::Epsilon:
            ok = parse_double(value, &d);
            if (ok) L.epsilon = d;
            break;
        case Field::InputShape:
            ok = parse_ints(value, &ints) && (ints.size() == 1 || ints.size() == 3);
            if (ok)
                L.input_shape = ints.size() == 1 ? convlab::Shape::vector(ints[0])
                                                 : convlab::Shape::image(ints[0], ints[1], ints[2]);
            break;
        default: break;
    }
    if (!ok) {
        *error = "'" + value + "' is not a value for " + keyword;
        return false;
    }
    app.editor.selected_card = index;
    editor_apply(app, std::move(m), std::to_string(index) + ":" + keyword);
    return true;
}

// ---------------------------------------------------------------- import / export

bool editor_import(App& app, const std::string& text, const convlab::Shape* input_shape,
                   const convlab::PythonSettings& settings, const std::vector<int64_t>* torch_size) {
    ImportDialog& d = app.editor.import;
    // PyTorch code goes to the PyTorch reader with the size in torchinfo's
    // order; everything else as before (a ConvLab file, Keras JSON or code).
    const bool pytorch = convlab::python_imports_torch(text);
    const convlab::ImportResult r = pytorch ? convlab::import_model_text(text, nullptr, settings, torch_size)
                                            : convlab::import_any_model_text(text, input_shape, settings);
    d.wants_setting = convlab::import_wants_setting(r);
    d.bad_setting.clear();
    d.error.clear();
    d.message = convlab::Message();
    d.line = d.column = 0;
    d.missing_input_shape = false;
    d.pytorch = pytorch;
    d.torch_size_problem = Str::Count;
    // Sequential or Functional, every kind a link holds goes into the editor;
    // a (steps, features) input is the one thing its fields cannot show yet.
    int sequence = -1;
    for (size_t i = 0; r.ok && i < r.model.layers.size() && sequence < 0; ++i)
        if (r.model.layers[i].input_shape.rank == 2) sequence = int(i);
    if (sequence >= 0) {
        const convlab::LayerSpec& l = r.model.layers[size_t(sequence)];
        d.message = convlab::Message(convlab::MsgCode::ImportLayerNotInPage,
                                     {convlab::as_is(int64_t(sequence + 1)),
                                      convlab::as_is(convlab::layer_names(r.model, convlab::NamingStyle::Keras2)[size_t(sequence)]),
                                      convlab::as_is(convlab::layer_kind_info(l.kind).class_name),
                                      convlab::Message(convlab::MsgCode::NotInPageSequence)});
        d.error = convlab::message_en(d.message);
        return false;
    }
    if (r.ok) {
        app.editor.application.clear();
        app.editor.selected_card = 0;
        app.editor.graph_fit_wanted = true;
        editor_apply(app, r.model, "");
        app.training.pending_weights = r.weights_base64;  // loaded once the Training tab has built the model
        // Read from PyTorch code: its torchinfo rows belong to this model as
        // loaded, and the summary opens in the PyTorch view the learner wrote.
        // Keras code or a file opens in the Keras view, which has its rows.
        if (r.model.dialect != convlab::Dialect::PyTorch) app.editor.torch_view = false;
        if (r.model.dialect == convlab::Dialect::PyTorch) {
            app.editor.torch_model = r.model;
            app.editor.torch_code = app.model_code;
            app.editor.torch_cells = convlab::torchinfo_cells(r.model, app.summary);
            app.editor.torch_container_row = -1;
            app.editor.torch_view = true;
            // The first module selected (not the input tensor, which has no row).
            for (const convlab::TorchinfoCells::Row& row : app.editor.torch_cells.rows)
                if (row.leaf == 0) torch_select_row(app, int(&row - app.editor.torch_cells.rows.data()));
        }
        d.open = false;
        return true;
    }
    if (r.missing_input_shape && !input_shape) {
        d.missing_input_shape = true;
        return false;
    }
    d.error = r.error;
    d.message = r.message;
    d.line = r.line;
    d.column = r.column;
    return false;
}

std::string editor_save_file_text(const App& app) { return convlab::write_model_file(app.model); }

bool editor_parse_torch_size(ImportDialog* d, const std::string& text, std::vector<int64_t>* out) {
    // Commas or spaces between the numbers, brackets allowed: "1, 1, 28, 28",
    // "(1, 1, 28, 28)" and "1 1 28 28" are all what a learner means.
    std::vector<std::string> pieces;
    std::string piece;
    for (char ch : text + " ") {
        if (ch == ',' || ch == ' ' || ch == '(' || ch == ')' || ch == '[' || ch == ']' || ch == '\t') {
            if (!piece.empty()) pieces.push_back(piece);
            piece.clear();
        } else {
            piece += ch;
        }
    }
    d->torch_size_args.clear();
    out->clear();
    for (const std::string& p : pieces) {
        int64_t v = 0;
        bool digits = !p.empty() && p.size() <= 9 && (std::isdigit(static_cast<unsigned char>(p[0])) || (p[0] == '-' && p.size() > 1));
        for (size_t i = 1; digits && i < p.size(); ++i) digits = std::isdigit(static_cast<unsigned char>(p[i])) != 0;
        if (!digits) {
            d->torch_size_problem = Str::TorchSizeNotNumber;
            d->torch_size_args = {p};
            return false;
        }
        v = std::strtoll(p.c_str(), nullptr, 10);
        out->push_back(v);
    }
    if (out->size() != 4) {
        d->torch_size_problem = Str::TorchSizeCount;
        d->torch_size_args = {std::to_string(out->size())};
        return false;
    }
    for (size_t i = 0; i < 4; ++i)
        if ((*out)[i] < 1) {
            d->torch_size_problem = Str::TorchSizeTooSmall;
            d->torch_size_args = {std::to_string(i), std::to_string((*out)[i])};
            return false;
        }
    d->torch_size_problem = Str::Count;
    return true;
}

std::string torch_size_problem_text(Lang lang, const ImportDialog& d) {
    if (d.torch_size_problem == Str::Count) return "";
    std::vector<std::string> args = d.torch_size_args;
    // The dimension's name in the UI language: "N (the batch size)".
    if (d.torch_size_problem == Str::TorchSizeTooSmall && !args.empty()) {
        const Str names[4] = {Str::TorchDimBatch, Str::TorchDimChannels, Str::TorchDimHeight, Str::TorchDimWidth};
        args[0] = tr(lang, names[std::atoi(args[0].c_str()) & 3]);
    }
    return fill(tr(lang, d.torch_size_problem), args);
}

bool torch_view_available(const App& app) {
    return app.model_ok && !app.editor.torch_code.empty() && app.model_code == app.editor.torch_code &&
           !app.editor.torch_model.torch_rows.empty();
}

// ---------------------------------------------------------------- problems

std::string problem_text(Lang lang, const convlab::Problem& p, const ModelSpec& model) {
    std::string out;
    if (p.layer >= 0 && p.layer < int(model.layers.size())) {
        const LayerKind kind = model.layers[size_t(p.layer)].kind;
        std::vector<std::string> where = {std::to_string(p.layer + 1), p.layer_name,
                                          convlab::layer_kind_info(kind).class_name};
        if (p.field != Field::Count) {
            where.push_back(convlab::field_keyword(convlab::field_shown_as(p.kind, p.field)));
            out = fill(tr(lang, Str::ProblemWhereField), where);
        } else {
            out = fill(tr(lang, Str::ProblemWhereLayer), where);
        }
    }
    return out + message_text(lang, p.constraint);
}

std::string import_error_text(Lang lang, const ImportDialog& d) {
    if (d.error.empty()) return "";
    if (!d.bad_setting.empty()) return fill(tr(lang, Str::ImportSettingBad), {d.bad_setting});
    // The core's English, should a failure ever come without its message.
    const std::string why = d.message.empty() ? d.error : message_text(lang, d.message);
    if (d.line <= 0) return why;
    return fill(tr(lang, Str::ImportErrorAt), {std::to_string(d.line), std::to_string(d.column), why});
}

std::string export_error_text(const App& app) {
    const Lang lang = app.language.shown;
    const ModelEditor& e = app.editor;
    if (e.export_error.empty()) return "";
    if (!e.export_message.empty()) return message_text(lang, e.export_message);
    // Refused because the model could not be built: its Problem says why,
    // as long as it still cannot be built.
    return app.model_ok ? "" : problem_text(lang, app.problem, app.model);
}

bool problem_is_field(const convlab::Problem& p, int layer, Field field) {
    if (p.constraint.empty() || p.layer != layer) return false;
    return convlab::field_shown_as(p.kind, p.field) == field;
}

// ---------------------------------------------------------------- URL, autosave, test hook

void editor_store_url(App& app, const std::string& url_state) {
    ModelEditor& e = app.editor;
    const double now = platform_now_ms();
    if (e.url_push_wanted && url_state != e.last_url && now - e.last_push_ms >= kUrlPushCoalesceMs) {
        platform_push_state(url_state);
        e.last_push_ms = now;
    } else {
        platform_store_state(url_state);
    }
    // An embedded page (a slide, a course page) never replaces the model the
    // learner keeps in this browser.
    if (e.url_push_wanted && !app.embed) platform_save_local(kAutosaveKey, app.model_code);
    e.url_push_wanted = false;
    e.last_url = url_state;
}

void editor_state_json(const App& app, convlab::JsonWriter* w) {
    const Lang lang = app.language.shown;
    const ModelEditor& e = app.editor;
    w->member("layers", int64_t(app.model.layers.size()));
    w->member("selected_card", e.selected_card);
    w->member("can_undo", !e.history.past.empty());
    w->member("can_redo", !e.history.future.empty());
    w->member("summary_is_last_valid", !app.model_ok && e.has_last_valid);
    w->key("kinds").begin_array();
    for (const convlab::LayerSpec& layer : app.model.layers) w->string(convlab::layer_kind_info(layer.kind).class_name);
    w->end_array();
    if (!app.model_ok) {
        const convlab::Problem& p = app.problem;
        const Field shown = convlab::field_shown_as(p.kind, p.field);
        const char* field = shown == Field::Count ? "" : convlab::field_keyword(shown);
        w->key("problem").begin_object();
        w->member("layer", p.layer).member("layer_name", p.layer_name).member("field", field);
        w->member("message", problem_text(lang, p, app.model)).member("message_en", p.message);
        w->end_object();
    }
    w->member("export_error", export_error_text(app));
    w->member("functional", app.model.functional);
    w->member("graph_zoom", double(e.graph_zoom));
    w->key("join_breaks").begin_array();  // the open Join entry's Add, Concatenate: why the result would not build
    for (const std::string& s : e.join_breaks) w->string(s);
    w->end_array();
    w->key("graph_nodes").begin_array();
    for (const std::array<float, 5>& b : e.graph_visible) {
        w->begin_array();
        for (float v : b) w->number(double(v));
        w->end_array();
    }
    w->end_array();
    w->member("edit_error", e.edit_message.empty() ? std::string() : message_text(lang, e.edit_message));
    w->member("edit_error_en", e.edit_message.empty() ? std::string() : convlab::message_en(e.edit_message));
    const ImportDialog& d = e.import;
    w->key("import").begin_object();
    w->member("open", d.open).member("missing_input_shape", d.missing_input_shape).member("wants_setting", d.wants_setting);
    w->member("error", import_error_text(lang, d)).member("error_en", d.error);
    w->member("line", d.line).member("column", d.column);
    w->member("pytorch", d.pytorch).member("torch_size", d.torch_size_text);
    w->member("torch_size_error", torch_size_problem_text(lang, d));
    w->end_object();
    // The summary's view, and in the PyTorch view torchinfo's cells as drawn.
    w->member("view", e.torch_view ? "pytorch" : "keras");
    w->member("torch_view_available", torch_view_available(app));
    if (torch_view_available(app)) {
        const convlab::TorchinfoCells& cells = e.torch_cells;
        w->key("torch_summary").begin_object();
        w->key("titles").begin_array();
        for (const std::string& t : cells.titles) w->string(t);
        w->end_array();
        w->key("rows").begin_array();
        for (const convlab::TorchinfoCells::Row& row : cells.rows) {
            w->begin_object().member("name", e.torch_model.torch_rows[size_t(row.torch_row)].name).member("layer", row.layer);
            w->key("cells").begin_array();
            for (const std::string& c : row.cells) w->string(c);
            w->end_array();
            w->end_object();
        }
        w->end_array();
        w->key("totals").begin_array();
        for (const std::string& t : cells.totals) w->string(t);
        w->end_array();
        w->member("selected_row", torch_selected_row(app));
        w->member("explanation", torch_selected_explanation(app));
        w->end_object();
    }
}

int torch_selected_row(const App& app) {
    const ModelEditor& e = app.editor;
    if (!torch_view_available(app)) return -1;
    if (e.torch_container_row >= 0 && e.torch_container_layer == app.selected_layer) return e.torch_container_row;
    const convlab::ModelSummary& s = shown_summary(app);
    if (app.selected_layer < 0 || app.selected_layer >= int(s.layers.size())) return -1;
    const int layer = s.layers[size_t(app.selected_layer)].index;
    for (size_t i = 0; i < e.torch_cells.rows.size(); ++i)
        if (e.torch_cells.rows[i].layer == layer && e.torch_cells.rows[i].leaf >= 0) return int(i);
    return -1;
}

void torch_select_row(App& app, int row) {
    ModelEditor& e = app.editor;
    if (row < 0 || row >= int(e.torch_cells.rows.size())) return;
    const convlab::TorchinfoCells::Row& r = e.torch_cells.rows[size_t(row)];
    const convlab::ModelSummary& s = shown_summary(app);
    if (r.layer >= 0) {
        // A leaf module: the same selection as the Keras view's row of its layer.
        for (size_t i = 0; i < s.layers.size(); ++i)
            if (s.layers[i].index == r.layer) app.selected_layer = int(i);
        e.torch_container_row = -1;
    } else {
        e.torch_container_row = row;
        e.torch_container_layer = app.selected_layer;
    }
}

std::string torch_selected_explanation(const App& app) {
    const int row = torch_selected_row(app);
    if (row < 0) return "";
    const convlab::TorchinfoCells::Row& r = app.editor.torch_cells.rows[size_t(row)];
    if (r.leaf < 0) return "";
    return convlab::format_explanation_torch(app.editor.torch_model, app.summary, r.leaf);
}

bool editor_command(App& app, const std::string& verb, std::istream& in, std::string* reply) {
    std::string error;
    const auto result = [&](bool ok) { *reply = ok ? "ok" : "error: " + (error.empty() ? verb + " failed" : error); };
    if (verb == "set_field") {
        int index = -1;
        std::string keyword, value;
        in >> index >> keyword >> value;
        result(editor_set_field(app, index, keyword, value, &error));
    } else if (verb == "add_layer") {
        int index = -1;
        std::string name;
        in >> index >> name;
        const convlab::LayerKindInfo* info = convlab::find_layer_kind(name);
        if (!info || index < 0 || index > int(app.model.layers.size())) {
            error = "usage: add_layer <index 0..layers> <ClassName>";
            result(false);
        } else {
            editor_add_layer(app, index, info->kind);
            result(true);
        }
    } else if (verb == "remove_layer" || verb == "duplicate_layer" || verb == "select_card") {
        int index = -1;
        in >> index;
        if (verb == "select_card") {
            const bool ok = index >= 0 && index < int(app.model.layers.size());
            if (ok) editor_select_card(app, index);
            result(ok);
        } else {
            const bool ok = verb == "remove_layer" ? editor_remove_layer(app, index) : editor_duplicate_layer(app, index);
            if (!ok && !app.editor.edit_message.empty()) error = convlab::message_en(app.editor.edit_message);
            result(ok);
        }
    } else if (verb == "add_skip" || verb == "plan_skip") {
        // add_skip <main> <shortcut> add|concatenate: as the graph view's "Join" menu.
        int main = -1, shortcut = -1;
        std::string merge;
        in >> main >> shortcut >> merge;
        const int n = int(app.model.layers.size());
        if (main < 0 || main >= n || shortcut < 0 || shortcut >= n || (merge != "add" && merge != "concatenate")) {
            error = "usage: " + verb + " <main layer> <shortcut layer> add|concatenate";
            result(false);
            return true;
        }
        const convlab::SkipMerge kind = merge == "add" ? convlab::SkipMerge::Add : convlab::SkipMerge::Concatenate;
        if (verb == "plan_skip") {
            convlab::SkipPlan plan;
            convlab::Message why;
            if (!editor_plan_skip(app, main, shortcut, kind, &plan, &why)) {
                error = convlab::message_en(why);
                result(false);
            } else {
                *reply = plan.needs_projection ? "projection " + std::to_string(plan.filters) + " " +
                                                     std::to_string(plan.strides.h) + " " + std::to_string(plan.strides.w)
                                               : "direct";
            }
            return true;
        }
        const bool ok = editor_add_skip(app, main, shortcut, kind);
        if (!ok) error = convlab::message_en(app.editor.edit_message);
        result(ok);
    } else if (verb == "branch") {
        int from = -1;
        std::string name;
        in >> from >> name;
        const convlab::LayerKindInfo* info = convlab::find_layer_kind(name);
        if (!info || from < 0 || from >= int(app.model.layers.size())) {
            error = "usage: branch <layer> <ClassName>";
            result(false);
        } else {
            const bool ok = editor_branch(app, from, info->kind);
            if (!ok) error = convlab::message_en(app.editor.edit_message);
            result(ok);
        }
    } else if (verb == "insert_on_edge") {  // as Insert after → "only the path to" does
        int from = -1, to = -1;
        std::string name;
        in >> from >> to >> name;
        const convlab::LayerKindInfo* info = convlab::find_layer_kind(name);
        if (!info) {
            error = "usage: insert_on_edge <from> <to> <ClassName>";
            result(false);
        } else {
            const bool ok = editor_insert_on_edge(app, from, to, info->kind);
            if (!ok) error = convlab::message_en(app.editor.edit_message);
            result(ok);
        }
    } else if (verb == "graph_zoom") {  // as the graph view's - and + buttons do, 0.25 to 1.5
        double z = 0.0;
        in >> z;
        const bool ok = z >= 0.25 && z <= 1.5;
        if (ok) app.editor.graph_zoom = float(z);
        error = "usage: graph_zoom <0.25 to 1.5>";
        result(ok);
    } else if (verb == "move_layer") {
        int from = -1, to = -1;
        in >> from >> to;
        const bool ok = editor_move_layer(app, from, to);
        if (!ok && !app.editor.edit_message.empty()) error = convlab::message_en(app.editor.edit_message);
        result(ok);
    } else if (verb == "undo") {
        error = "nothing to undo";
        result(editor_undo(app));
    } else if (verb == "redo") {
        error = "nothing to redo";
        result(editor_redo(app));
    } else if (verb == "preset") {
        std::string id;
        in >> id;
        bool found = false;
        for (size_t p = 0; p < size_t(convlab::Preset::Count); ++p) {
            if (id == convlab::preset_id(convlab::Preset(p))) {
                editor_load_preset(app, convlab::Preset(p));
                found = true;
            }
        }
        if (!found) found = editor_load_application(app, id);  // "ResNet50" or "keras:ResNet50"
        error = "unknown preset";
        result(found);
    } else if (verb == "import_open") {
        app.editor.import.open = true;
        result(true);
    } else if (verb == "import_text") {
        ImportDialog& d = app.editor.import;
        d.open = true;
        d.text = unescape(rest_of_line(in));
        ++d.text_generation;
        if (editor_import(app, d.text, nullptr))
            *reply = "ok";
        else
            *reply = d.missing_input_shape ? "missing_input_shape" : "error: " + d.error;
    } else if (verb == "import_input_shape") {
        std::vector<int64_t> v;
        ImportDialog& d = app.editor.import;
        if (!parse_ints(rest_of_line(in), &v) || v.size() != 3) {
            error = "usage: import_input_shape H,W,C";
            result(false);
        } else {
            const convlab::Shape shape = convlab::Shape::image(v[0], v[1], v[2]);
            for (int i = 0; i < 3; ++i) d.shape[i] = v[size_t(i)];
            const bool ok = editor_import(app, d.text, &shape);
            error = d.error;
            result(ok);
        }
    } else if (verb == "import_input_size") {
        // PyTorch's size as typed in the dialog's field ("1, 1, 28, 28"), checked as the field is.
        ImportDialog& d = app.editor.import;
        d.torch_size_text = rest_of_line(in);
        std::vector<int64_t> size;
        if (!editor_parse_torch_size(&d, d.torch_size_text, &size)) {
            error = torch_size_problem_text(Lang::En, d);
            result(false);
        } else {
            const bool ok = editor_import(app, d.text, nullptr, {}, &size);
            error = d.error;
            result(ok);
        }
    } else if (verb == "select_torch_row") {
        // A row of the PyTorch view's table, as a click on it selects it.
        int row = -1;
        in >> row;
        const bool ok = torch_view_available(app) && row >= 0 && row < int(app.editor.torch_cells.rows.size());
        if (ok) torch_select_row(app, row);
        error = "no such row in the PyTorch view";
        result(ok);
    } else if (verb == "view") {
        // The summary's view: "view pytorch" or "view keras", as the toggle does.
        std::string which;
        in >> which;
        if (which == "pytorch" || which == "keras") {
            if (app.editor.torch_view != (which == "pytorch")) app.editor.url_push_wanted = true;
            app.editor.torch_view = which == "pytorch";
            result(true);
        } else {
            error = "usage: view pytorch|keras";
            result(false);
        }
    } else if (verb == "import_close") {
        app.editor.import.open = false;
        result(true);
    } else if (verb == "export") {
        std::string kind;
        in >> kind;
        if (kind == "keras")
            *reply = convlab::export_keras_python(app.model);
        else if (kind == "pytorch") {
            std::string why;
            *reply = convlab::export_pytorch(app.model, &why, &app.editor.export_message);
            app.editor.export_error = why;
            if (reply->empty()) *reply = "error: " + why;
        } else if (kind == "file")
            *reply = editor_save_file_text(app);
        else
            *reply = "error: export keras|pytorch|file";
    } else {
        return false;
    }
    return true;
}
