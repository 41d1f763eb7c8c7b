// import_keras_python.cpp: the Keras mapping over python_eval: reads the
// model out of a Keras Python script, Sequential (`model = Sequential()` +
// `model.add(...)`, or `Sequential([...])`) or Functional (`x = layers.X(...)(x)`,
// `layers.add([a, b])`, `keras.Model(inputs, outputs)`), then `model.compile(...)`,
// by turning each layer call's positional and keyword arguments into a LayerSpec.
// Not a Python reader (python_parser and python_eval are): inside a model call,
// anything it cannot evaluate is an error with its line and column, never a
// guess. Reference: the Keras layer signatures (keras.io/api/layers) through
// layer_kind.h's positional orders.
#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/applications/applications.h"
#include "core/io/import.h"
#include "core/analysis/tf_op_lambda.h"
#include "core/io/python_eval.h"
#include "core/io/python_lexer.h"
#include "core/io/python_parser.h"
#include "core/analysis/layer_analysers.h"
#include "core/analysis/layer_kind.h"
#include "core/analysis/model_graph.h"

namespace convlab {
namespace {

// ---------------------------------------------------------------------------
// [SECTION] What the mapping recognizes
// ---------------------------------------------------------------------------

constexpr size_t kMaxLayers = 10000;

// Keyword arguments that never change a shape or a parameter count, so a layer
// may carry them: initializers, regularizers, constraints, dtype, trainable, seeds.
bool is_harmless_keyword(const std::string& k) {
    static const char* const kHarmless[] = {
        "kernel_initializer", "bias_initializer", "depthwise_initializer", "pointwise_initializer",
        "beta_initializer", "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer",
        "kernel_regularizer", "bias_regularizer", "activity_regularizer", "depthwise_regularizer",
        "pointwise_regularizer", "beta_regularizer", "gamma_regularizer", "kernel_constraint",
        "bias_constraint", "depthwise_constraint", "pointwise_constraint", "beta_constraint",
        "gamma_constraint", "dtype", "trainable", "seed", "batch_size", "synchronized", "fused"};
    for (const char* h : kHarmless)
        if (k == h) return true;
    return false;
}

// A statement that builds or changes a model must parse: one that does not
// would silently lose layers. Any other may be Python ConvLab does not read.
bool touches_model(const std::vector<PyToken>& t, size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k) {
        if (t[k].kind == PyTokenKind::Name && (t[k].text == "Sequential" || t[k].text == "Model" || t[k].text == "Input"))
            return true;
        if (k + 2 < end && t[k].kind == PyTokenKind::Op && t[k].text == "." &&
            (t[k + 1].text == "add" || t[k + 1].text == "compile") && t[k + 2].text == "(")
            return true;
    }
    return false;
}

// Keras's default, and ConvLab's only layout, is channels_last (NHWC), so
// `K.image_data_format() == 'channels_first'` is false and mnist_cnn.py's else
// branch, which sets input_shape = (img_rows, img_cols, 1), is the one that
// runs. Keras 1 spelled it K.image_dim_ordering() == 'th'.
int decide_data_format(const PyStringTest& test) {
    bool format_call = false;
    for (const std::string& name : test.names)
        if (name == "image_data_format" || name == "image_dim_ordering") format_call = true;
    if (!format_call) return -1;
    bool holds;
    if (test.text == "channels_last" || test.text == "tf") holds = true;
    else if (test.text == "channels_first" || test.text == "th") holds = false;
    else return -1;
    return test.equal == holds ? 1 : 0;
}

// ---------------------------------------------------------------------------
// [SECTION] Layer arguments: a value to what a LayerSpec field holds
// ---------------------------------------------------------------------------

// Why v is not what a field needs: an undefined name or an unevaluated value
// says so itself; anything else is the wrong type.
bool value_error(const PyValue& v, Message expected, PyFailure* why) {
    if (v.kind == PyValueKind::Ref) *why = {Message(MsgCode::PyUndefined, {as_is(v.s)}), v.line, v.column};
    else if (v.kind == PyValueKind::Unknown) *why = {v.why ? *v.why : as_is(v.s), v.line, v.column};
    else *why = {Message(MsgCode::PyNot, {std::move(expected), py_describe(v)}), v.line, v.column};
    return false;
}

// Integers are imported as written, even 0 or -3: the importer checks types,
// summarize() checks ranges, so the learner sees Conv2D(-3, 3) in the editor
// with the field marked and the constraint explained, as for any other mistake.
bool to_int(const PyValue& v, const std::string& what, int64_t* out, PyFailure* why) {
    if (v.kind != PyValueKind::Int) return value_error(v, Message(MsgCode::PyMustInt, {as_is(what)}), why);
    *out = v.i;
    return true;
}

bool to_pair(const PyValue& v, const std::string& what, Pair* out, PyFailure* why) {
    const Message expected(MsgCode::PyMustPair, {as_is(what)});
    if (v.kind == PyValueKind::Int) {
        *out = {v.i, v.i};
        return true;
    }
    if (v.kind != PyValueKind::Seq || v.items->size() != 2) return value_error(v, expected, why);
    int64_t h = 0, w = 0;
    if (!to_int((*v.items)[0], what, &h, why) || !to_int((*v.items)[1], what, &w, why)) return false;
    *out = {h, w};
    return true;
}

// A window size: (h, w) or one int for both; for a 1D layer one int or (k,),
// kept as (k, 1), the window of its 2D twin.
bool to_size(const PyValue& v, const std::string& what, bool one_d, Pair* out, PyFailure* why) {
    if (!one_d) return to_pair(v, what, out, why);
    const PyValue* k = v.kind == PyValueKind::Seq && v.items->size() == 1 ? &(*v.items)[0] : &v;
    if (k->kind != PyValueKind::Int) return value_error(v, Message(MsgCode::PyMustInt, {as_is(what)}), why);
    *out = {k->i, 1};
    return true;
}

bool to_number(const PyValue& v, const std::string& what, double* out, PyFailure* why) {
    if (v.kind == PyValueKind::Int) *out = double(v.i);
    else if (v.kind == PyValueKind::Float) *out = v.f;
    else return value_error(v, Message(MsgCode::PyMustNumber, {as_is(what)}), why);
    return true;
}

bool to_bool(const PyValue& v, const std::string& what, bool* out, PyFailure* why) {
    if (v.kind != PyValueKind::Bool) return value_error(v, Message(MsgCode::PyMustBool, {as_is(what)}), why);
    *out = v.b;
    return true;
}

// 'relu', None, or a function reference such as tf.nn.relu / keras.activations.relu.
bool to_activation(const PyValue& v, Activation* out, PyFailure* why) {
    std::string name;
    if (v.kind == PyValueKind::None) name = "linear";
    else if (v.kind == PyValueKind::Str) name = v.s;
    else if (v.kind == PyValueKind::Ref && v.s.find('.') != std::string::npos) name = py_last_component(v.s);
    else return value_error(v, Message(MsgCode::PyMustActivationName), why);
    if (parse_activation(name, out)) return true;
    *why = {Message(MsgCode::PyUnknownActivation, {as_is(name.substr(0, 40))}), v.line, v.column};
    return false;
}

// ZeroPadding2D's padding and Cropping2D's cropping (the same forms).
bool to_zero_padding(const PyValue& v, LayerSpec* spec, PyFailure* why, const char* what = "padding") {
    const Message expected(MsgCode::PyMustZeroPadding);
    if (v.kind == PyValueKind::Int) {
        spec->pad_top = spec->pad_bottom = spec->pad_left = spec->pad_right = v.i;
        return true;
    }
    if (v.kind != PyValueKind::Seq || v.items->size() != 2) return value_error(v, expected, why);
    const PyValue& rows = (*v.items)[0];
    const PyValue& cols = (*v.items)[1];
    if (rows.kind == PyValueKind::Int && cols.kind == PyValueKind::Int) {
        spec->pad_top = spec->pad_bottom = rows.i;
        spec->pad_left = spec->pad_right = cols.i;
        return true;
    }
    Pair tb, lr;
    if (!to_pair(rows, what, &tb, why) || !to_pair(cols, what, &lr, why)) return false;
    if (rows.kind != PyValueKind::Seq || cols.kind != PyValueKind::Seq) return value_error(v, expected, why);
    spec->pad_top = tb.h, spec->pad_bottom = tb.w, spec->pad_left = lr.h, spec->pad_right = lr.w;
    return true;
}

// Reshape's target_shape: a tuple of up to three ints, -1 for one Keras infers.
bool to_target_shape(const PyValue& v, Shape* out, PyFailure* why, const char* what = "target_shape") {
    if (v.kind != PyValueKind::Seq || v.items->empty() || v.items->size() > 3)
        return value_error(v, Message(MsgCode::PyMustTargetShape, {as_is(std::string(what))}), why);
    Shape s;
    s.rank = int(v.items->size());
    for (size_t i = 0; i < v.items->size(); ++i)
        if (!to_int((*v.items)[i], what, &s.dim[i], why)) return false;
    *out = s;
    return true;
}

// ---------------------------------------------------------------------------
// [SECTION] The mapping: the layers and models a script makes, as PyHost calls
// ---------------------------------------------------------------------------

enum KerasObject { kLayerObject, kModelObject, kTensorObject };  // PyValue::object_class

// A tensor of Functional code: the output of call `call` of layer `layer`
// (an index into the mapping's layers). keras.Input(...)'s tensor is its
// InputLayer's, call 0.
struct TensorRec {
    int layer = -1;
    int call = 0;
};

struct MadeLayer {
    LayerSpec spec;
    std::shared_ptr<const PyFailure> missing_shape;  // its input shape names something undefined
    std::vector<std::vector<TensorRec>> calls;       // Functional code: each call's input tensors
    int line = 0, column = 0;
    int model = -1;  // a model used as a layer: its ModelBuild, read when the outer model is made
};

struct ModelBuild {
    std::vector<LayerSpec> layers;
    std::vector<std::pair<int, int>> where;  // each layer's line and column
    CompileSpec compile;
    int line = 0, column = 0;
    bool functional = false;  // keras.Model(inputs, outputs): from `ins` to `outs`
    std::vector<TensorRec> ins, outs;
    std::vector<int> objects;  // Sequential: the layer objects, in order (layers holds them as added)
    std::string name;
    bool trainable = true;     // model.trainable = False freezes every layer in it
    int as_layer = -1;         // the layer that stands for it once it is used as one
};

// Ways a layer can give its input shape: input_shape=(28, 28, 1),
// batch_input_shape=(None, 28, 28, 1), or Dense's input_dim=784.
enum ShapeForm { kPlainShape, kBatchShape, kInputDim };

class KerasMapping {
public:
    explicit KerasMapping(const Shape* input_shape_override) : override_(input_shape_override) {}

    PyHost host() {
        PyHost h;
        h.call_name = [this](PyEvaluator& e, const std::string& callee, int call, PyValue* result) {
            return call_name(e, callee, call, result);
        };
        h.call_method = [this](PyEvaluator& e, const PyValue& object, const std::string& method, int call,
                               PyValue* result) { return call_method(e, object, method, call, result); };
        h.call_object = [this](PyEvaluator& e, const PyValue& object, int call, PyValue* result) {
            return call_object(e, object, call, result);
        };
        h.binary_object = [this](PyEvaluator& e, const std::string& op, const PyValue& a, const PyValue& b,
                                 const PyNode& at, PyValue* result) { return tensor_operator(e, op, a, b, at, result); };
        h.get_attribute = [this](PyEvaluator& e, const PyValue& object, const std::string& name, const PyNode& at,
                                 PyValue* result) { return get_attribute(e, object, name, at, result); };
        h.set_attribute = [this](PyEvaluator& e, const PyValue& object, const std::string& name, const PyValue& value) {
            set_attribute(e, object, name, value);
        };
        h.wants_uncalled = [this]() { return models_.empty(); };
        h.class_defined = [](PyEvaluator& e, const PyClause& cls, const std::vector<std::string>& bases) {
            // A subclassed keras.Model builds its layers in call(), with Python
            // ConvLab does not run (per-example control flow): said, with the way out.
            bool model_base = false, has_call = false;
            for (const std::string& b : bases) model_base = model_base || py_last_component(b) == "Model";
            for (const PyStatement& s : cls.body)
                has_call = has_call || (s.kind == PyStmtKind::Plain && s.clauses[0].keyword == "def" && s.clauses[0].name == "call");
            if (model_base && has_call) e.fail(Message(MsgCode::PySubclassedModel, {as_is(cls.name)}), cls.line, cls.column);
        };
        h.must_parse = touches_model;
        h.decide = decide_data_format;
        return h;
    }

    // The one model the script built, or why there is none.
    ImportResult result(const PyEvaluator& e);

private:
    const Shape* override_;
    std::vector<MadeLayer> layers_;  // every layer call's result, by PyValue::object
    std::vector<TensorRec> tensors_;  // every tensor Functional code made, by PyValue::object
    std::vector<ModelBuild> models_;
    bool missing_shape_ = false;
    PyFailure missing_;

    bool call_name(PyEvaluator& e, const std::string& callee, int n, PyValue* result) {
        const std::string cls = py_last_component(callee);
        if (cls == "Sequential") *result = make_sequential(e, n);
        else if (cls == "Input") *result = build_layer(e, layer_kind_info(LayerKind::InputLayer), n, true);
        else if (cls == "Model" || cls == "Functional") *result = make_functional(e, n);
        else if (cls == "int_shape") *result = int_shape(e, n);  // keras.backend.int_shape(x)
        else if (const Application* app = find_application(cls);
                 app && (callee.find("applications") != std::string::npos || callee == cls))
            *result = call_application(e, *app, n);
        else if (const LayerKind merge = merge_function(cls); merge != LayerKind::Count) *result = call_merge_function(e, merge, n);
        else if (const LayerKindInfo* info = find_layer_kind(cls); info && info->kind != LayerKind::Model)
            *result = build_layer(e, *info, n, false);
        else return false;
        return true;
    }

    bool call_method(PyEvaluator& e, const PyValue& object, const std::string& method, int n, PyValue* result) {
        if (object.object_class != kModelObject) return false;
        if (method == "add") *result = model_add(e, object.object, n);
        else if (method == "compile") *result = model_compile(e, object.object, n);
        else *result = py_unknown(Message(MsgCode::PyNoEvalModelMethod, {as_is(method)}), e.node(n).line, e.node(n).column);
        return true;
    }

    bool refuse_if_uncertain(PyEvaluator& e, const PyNode& at, const char* action);
    // Functional code (functional_code below).
    static LayerKind merge_function(const std::string& name);
    bool call_object(PyEvaluator& e, const PyValue& object, int n, PyValue* result);
    PyValue call_merge_function(PyEvaluator& e, LayerKind kind, int n);
    bool tensor_operator(PyEvaluator& e, const std::string& op, const PyValue& a, const PyValue& b, const PyNode& at,
                         PyValue* result);
    bool tensors_of(PyEvaluator& e, const PyValue& v, std::vector<TensorRec>* out);
    PyValue apply_layer(PyEvaluator& e, int layer, std::vector<TensorRec> inputs, const PyNode& at);
    int layer_for_model(int model);
    PyValue make_functional(PyEvaluator& e, int n);
    // order_out: the layer objects in the model's order.
    ModelSpec graph_of(const std::vector<TensorRec>& inputs, const std::vector<TensorRec>& outputs, int depth = 0,
                       std::vector<int>* order_out = nullptr) const;
    // A layer object's spec as it stands now (trainable set after it was made
    // counts), a model used as a layer with its model in it.
    LayerSpec layer_spec(int layer, int depth) const;
    ModelSpec model_spec(int model, int depth) const;
    bool get_attribute(PyEvaluator& e, const PyValue& object, const std::string& name, const PyNode& at, PyValue* result);
    void set_attribute(PyEvaluator& e, const PyValue& object, const std::string& name, const PyValue& value);
    PyValue tensor_shape(PyEvaluator& e, const TensorRec& t, const PyNode& at) const;
    PyValue tensor_value(const TensorRec& t, const PyNode& at);
    // keras.applications.ResNet50(include_top=False, ...): ConvLab's own source
    // of it, run by an evaluator of its own over the same layers and models.
    std::vector<std::unique_ptr<PyModule>> app_modules_;
    std::vector<std::unique_ptr<PyEvaluator>> app_evaluators_;
    std::vector<std::string> app_families_;
    PyValue call_application(PyEvaluator& e, const Application& app, int n) {
        const PyNode& call = e.node(n);
        if (refuse_if_uncertain(e, call, "keras.applications")) return PyValue{};
        std::vector<PyValue> positional;
        std::vector<std::pair<std::string, PyValue>> keywords;
        for (const PyArg& arg : call.args) {
            if (arg.keyword == "*" || arg.keyword == "**") {
                e.fail(Message(MsgCode::PyArgUnpacking), arg.line, arg.column);
                return PyValue{};
            }
            PyValue v = e.eval(arg.value);
            if (e.failed()) return v;
            if (arg.keyword.empty()) positional.push_back(std::move(v));
            else keywords.emplace_back(arg.keyword, std::move(v));
        }
        size_t which = 0;
        while (which < app_families_.size() && app_families_[which] != app.family) ++which;
        if (which == app_families_.size()) {
            PyLexResult lexed = lex_python(application_source(app));
            app_modules_.push_back(std::make_unique<PyModule>(parse_python(std::move(lexed.tokens))));
            PyHost inner = host();
            inner.wants_uncalled = []() { return false; };  // the source only defines; the call below builds
            app_evaluators_.push_back(std::make_unique<PyEvaluator>(*app_modules_.back(), inner));
            app_families_.push_back(app.family);
            app_evaluators_.back()->run();
        }
        PyEvaluator& inner = *app_evaluators_[which];
        PyValue result;
        if (inner.failed() || !inner.call_defined(app.name, std::move(positional), std::move(keywords), call.line,
                                                  call.column, &result)) {
            const PyFailure& why = inner.failure();
            e.fail(Message(MsgCode::PyInApplication, {as_is(app.name), why.message}), call.line, call.column);
            return PyValue{};
        }
        return result;
    }

    PyValue int_shape(PyEvaluator& e, int n) {
        const PyNode& call = e.node(n);
        if (call.args.size() != 1 || !call.args[0].keyword.empty()) {
            e.fail(Message(MsgCode::PyCallNeedsTensor, {Message(MsgCode::PyDescNothing)}), call.line, call.column);
            return PyValue{};
        }
        const PyValue v = e.eval(call.args[0].value);
        std::vector<TensorRec> t;
        if (e.failed() || !tensors_of(e, v, &t) || t.size() != 1) return PyValue{};
        return tensor_shape(e, t[0], call);
    }
    PyValue make_sequential(PyEvaluator& e, int n);
    PyValue model_add(PyEvaluator& e, int model, int n);
    PyValue model_compile(PyEvaluator& e, int model, int n);
    bool expect_layer(PyEvaluator& e, const PyValue& v, const char* where);
    void add_layer(PyEvaluator& e, int model, const PyValue& layer);
    PyValue build_layer(PyEvaluator& e, const LayerKindInfo& info, int n, bool input_function,
                        bool first_positional_is_input = false);
    bool to_input_shape(const PyValue& v, int form, Shape* out, PyFailure* why, std::shared_ptr<const PyFailure>* missing) const;
};

// --- the model -----------------------------------------------------------------

bool KerasMapping::refuse_if_uncertain(PyEvaluator& e, const PyNode& at, const char* action) {
    const PyBlockMode* block = e.uncertain_block();
    if (!block) return false;
    e.fail(Message(block->what == MsgCode::PyBlockIf ? MsgCode::PyUncertainIf : MsgCode::PyUncertainLoop,
                   {as_is(action), Message(block->what), as_is(block->line)}),
           at.line, at.column);
    return true;
}

// Explains, as an error, why v is not a layer.
bool KerasMapping::expect_layer(PyEvaluator& e, const PyValue& v, const char* where) {
    switch (v.kind) {
        case PyValueKind::Object:
            if (v.object_class == kLayerObject) return true;
            e.fail(Message(MsgCode::PyNeedsLayer, {as_is(where), py_describe(v)}), v.line, v.column);
            return false;
        case PyValueKind::Unknown: e.fail_with(v); return false;
        case PyValueKind::Ref:
            e.fail(Message(MsgCode::PyUndefined, {as_is(v.s)}), v.line, v.column);
            return false;
        case PyValueKind::Call: {
            std::string cls = py_last_component(v.s);
            if (!cls.empty() && cls[0] >= 'A' && cls[0] <= 'Z')
                e.fail(Message(MsgCode::PyNotALayer, {as_is(cls), as_is(layer_class_names())}), v.line, v.column);
            else
                e.fail(Message(MsgCode::PyUnknownCall, {as_is(v.s), as_is(where)}), v.line, v.column);
            return false;
        }
        default:
            e.fail(Message(MsgCode::PyNeedsLayer, {as_is(where), py_describe(v)}), v.line, v.column);
            return false;
    }
}

// Keras uses input_shape= only on a model's first layer; on later layers it is
// ignored, so it is dropped here too (and an undefined one there is no problem).
void KerasMapping::add_layer(PyEvaluator& e, int model, const PyValue& layer) {
    ModelBuild& m = models_[size_t(model)];
    if (m.layers.size() >= kMaxLayers) {
        e.fail(Message(MsgCode::PyTooManyLayers, {as_is(int64_t(kMaxLayers))}), layer.line, layer.column);
        return;
    }
    const MadeLayer& made = layers_[size_t(layer.object)];
    LayerSpec spec = made.spec;
    if (m.layers.empty()) {
        if (made.missing_shape && !missing_shape_) {
            missing_shape_ = true;
            missing_ = *made.missing_shape;
        }
    } else if (spec.kind != LayerKind::InputLayer) {
        spec.input_shape = Shape{};
    }
    m.layers.push_back(std::move(spec));
    m.objects.push_back(layer.object);
    m.where.emplace_back(layer.line, layer.column);
}

PyValue KerasMapping::make_sequential(PyEvaluator& e, int n) {
    const PyNode& call = e.node(n);
    if (refuse_if_uncertain(e, call, "Sequential(...)")) return PyValue{};
    ModelBuild build;
    build.line = call.line, build.column = call.column;
    models_.push_back(build);
    int model = int(models_.size()) - 1;
    int layers = -1;
    size_t positional = 0;
    for (const PyArg& arg : call.args) {
        if (arg.keyword == "layers" || (arg.keyword.empty() && positional++ == 0)) layers = arg.value;
        else if (arg.keyword == "*" || arg.keyword == "**") {
            e.fail(Message(MsgCode::PySeqUnpacking), arg.line, arg.column);
            return PyValue{};
        } else if (arg.keyword == "name") {
            const PyValue v = e.eval(arg.value);
            if (e.failed()) return v;
            if (v.kind == PyValueKind::Str) models_[size_t(model)].name = v.s;
        } else if (arg.keyword != "trainable" && !arg.keyword.empty()) {
            e.fail(Message(MsgCode::PySeqArg, {as_is(arg.keyword)}), arg.line, arg.column);
            return PyValue{};
        }
    }
    if (layers >= 0) {
        PyValue list = e.eval(layers);
        if (e.failed()) return list;
        if (list.kind == PyValueKind::Seq) {
            for (PyValue item : *list.items) {
                if (item.kind == PyValueKind::Object && item.object_class == kModelObject && item.object != model)
                    item.object_class = kLayerObject, item.object = layer_for_model(item.object);  // a base model
                if (!expect_layer(e, item, "Sequential([...])")) return PyValue{};
                add_layer(e, model, item);
                if (e.failed()) return PyValue{};
            }
        } else if (list.kind != PyValueKind::None) {
            if (list.kind == PyValueKind::Unknown || list.kind == PyValueKind::Ref) expect_layer(e, list, "Sequential(...)");
            else e.fail(Message(MsgCode::PySeqList, {py_describe(list)}), list.line, list.column);
            return PyValue{};
        }
    }
    PyValue v;
    v.kind = PyValueKind::Object;
    v.object_class = kModelObject, v.object = model;
    v.described_as = MsgCode::PyDescModel;
    v.line = call.line, v.column = call.column;
    return v;
}

PyValue KerasMapping::model_add(PyEvaluator& e, int model, int n) {
    const PyNode& call = e.node(n);
    if (refuse_if_uncertain(e, call, "model.add(...)")) return PyValue{};
    if (call.args.size() != 1 || !(call.args[0].keyword.empty() || call.args[0].keyword == "layer")) {
        e.fail(Message(MsgCode::PyAddOne), call.line, call.column);
        return PyValue{};
    }
    PyValue layer = e.eval(call.args[0].value);
    if (layer.kind == PyValueKind::Object && layer.object_class == kModelObject && layer.object != model)
        layer.object_class = kLayerObject, layer.object = layer_for_model(layer.object);  // model.add(base_model)
    if (e.failed() || !expect_layer(e, layer, "model.add(...)")) return PyValue{};
    add_layer(e, model, layer);
    return py_none();
}

// model.compile(optimizer, loss, ...): the loss's name and the optimizer's class
// and numbers, for training. Metrics and the rest do not matter here and are not
// read; a loss or optimizer ConvLab cannot evaluate is left empty, not guessed.
PyValue KerasMapping::model_compile(PyEvaluator& e, int model, int n) {
    const PyNode& call = e.node(n);
    if (refuse_if_uncertain(e, call, "model.compile(...)")) return PyValue{};
    CompileSpec spec;
    size_t positional = 0;
    for (const PyArg& arg : call.args) {
        bool is_optimizer = arg.keyword == "optimizer" || (arg.keyword.empty() && positional == 0);
        bool is_loss = arg.keyword == "loss" || (arg.keyword.empty() && positional == 1);
        if (arg.keyword.empty()) ++positional;
        if (!is_optimizer && !is_loss) continue;
        PyValue v = e.eval(arg.value);
        if (e.failed()) return PyValue{};
        std::string name = v.kind == PyValueKind::Str                                   ? v.s
                           : (v.kind == PyValueKind::Ref || v.kind == PyValueKind::Call) ? py_last_component(v.s)
                                                                                      : "";
        if (is_loss) {
            spec.loss = name;
            continue;
        }
        spec.optimizer = name;
        if (v.kind != PyValueKind::Call || !v.items) continue;
        auto number = [](const PyValue& x, double* out) {
            if (x.kind == PyValueKind::Int) *out = double(x.i);
            else if (x.kind == PyValueKind::Float) *out = x.f;
            else return false;
            return true;
        };
        double d = 0;
        // Every Keras optimizer takes learning_rate first; Keras 2.2 called it lr.
        if (!v.items->empty() && number(v.items->front(), &d)) spec.optimizer_args.emplace_back("learning_rate", d);
        for (const auto& kw : *v.keywords)
            if (number(kw.second, &d)) spec.optimizer_args.emplace_back(kw.first == "lr" ? "learning_rate" : kw.first, d);
    }
    models_[size_t(model)].compile = spec;
    return py_none();
}

// --- functional code -------------------------------------------------------------
// x = layers.Conv2D(32, 3)(inputs); y = layers.add([x, y]); model =
// keras.Model(inputs, outputs). Each layer object records its calls (the
// tensors each receives) and each call's output is a tensor; keras.Model
// walks back from its outputs, as Keras's map_graph does, to find the layers
// and their order.

LayerKind KerasMapping::merge_function(const std::string& name) {
    static const struct { const char* name; LayerKind kind; } kMerges[] = {
        {"add", LayerKind::Add}, {"subtract", LayerKind::Subtract}, {"multiply", LayerKind::Multiply},
        {"average", LayerKind::Average}, {"maximum", LayerKind::Maximum}, {"minimum", LayerKind::Minimum},
        {"concatenate", LayerKind::Concatenate}};
    for (const auto& m : kMerges)
        if (name == m.name) return m.kind;
    return LayerKind::Count;
}

// The tensors a value holds: a tensor, keras.Input(...) (its InputLayer's
// tensor), or a list or tuple of them. Anything else is an error at its place.
bool KerasMapping::tensors_of(PyEvaluator& e, const PyValue& v, std::vector<TensorRec>* out) {
    auto one = [&](const PyValue& x) {
        if (x.kind == PyValueKind::Object && x.object_class == kTensorObject) {
            out->push_back(tensors_[size_t(x.object)]);
            return true;
        }
        if (x.kind == PyValueKind::Object && x.object_class == kLayerObject &&
            layers_[size_t(x.object)].spec.kind == LayerKind::InputLayer) {
            out->push_back(TensorRec{x.object, 0});
            return true;
        }
        if (x.kind == PyValueKind::Unknown) e.fail_with(x);
        else if (x.kind == PyValueKind::Ref) e.fail(Message(MsgCode::PyUndefined, {as_is(x.s)}), x.line, x.column);
        else e.fail(Message(MsgCode::PyCallNeedsTensor, {py_describe(x)}), x.line, x.column);
        return false;
    };
    if (v.kind == PyValueKind::Seq) {
        for (const PyValue& item : *v.items)
            if (!one(item)) return false;
        return true;
    }
    return one(v);
}

PyValue KerasMapping::apply_layer(PyEvaluator& e, int layer, std::vector<TensorRec> inputs, const PyNode& at) {
    MadeLayer& made = layers_[size_t(layer)];
    if (made.calls.size() >= size_t(kMaxLayerCalls)) {
        e.fail(Message(MsgCode::KjTooManyCalls, {as_is(int64_t(made.calls.size() + 1)), as_is(kMaxLayerCalls)}), at.line,
               at.column);
        return PyValue{};
    }
    made.calls.push_back(std::move(inputs));
    tensors_.push_back(TensorRec{layer, int(made.calls.size()) - 1});
    PyValue v;
    v.kind = PyValueKind::Object;
    v.object_class = kTensorObject, v.object = int(tensors_.size()) - 1;
    v.described_as = MsgCode::PyDescTensor;
    v.line = at.line, v.column = at.column;
    return v;
}

// A model called on a tensor, or listed in a Sequential, is a layer of the
// model that uses it (LayerKind::Model), made once.
int KerasMapping::layer_for_model(int model) {
    ModelBuild& m = models_[size_t(model)];
    if (m.as_layer >= 0) return m.as_layer;
    LayerSpec spec = make_layer(LayerKind::Model);
    spec.name = m.name;
    layers_.push_back({std::move(spec), nullptr, {}, m.line, m.column, model});
    m.as_layer = int(layers_.size()) - 1;
    return m.as_layer;
}

bool KerasMapping::call_object(PyEvaluator& e, const PyValue& object, int n, PyValue* result) {
    const PyNode& call = e.node(n);
    if (object.object_class == kTensorObject) {
        e.fail(Message(MsgCode::PyTensorNotCallable), call.line, call.column);
        *result = PyValue{};
        return true;
    }
    int layer = object.object;
    if (object.object_class == kModelObject) layer = layer_for_model(object.object);
    if (layers_[size_t(layer)].spec.kind == LayerKind::InputLayer) {
        e.fail(Message(MsgCode::PyInputNotLayer), call.line, call.column);
        *result = PyValue{};
        return true;
    }
    if (refuse_if_uncertain(e, call, "calling a layer")) {
        *result = PyValue{};
        return true;
    }
    // layer(x), layer([a, b]), layer(inputs=x); training= and mask= change nothing counted.
    int inputs = -1;
    for (const PyArg& arg : call.args) {
        if (arg.keyword == "*" || arg.keyword == "**") {
            e.fail(Message(MsgCode::PyArgUnpacking), arg.line, arg.column);
            *result = PyValue{};
            return true;
        }
        if ((arg.keyword.empty() || arg.keyword == "inputs") && inputs < 0) inputs = arg.value;
        else e.eval(arg.value);
        if (e.failed()) return true;
    }
    if (inputs < 0) {
        e.fail(Message(MsgCode::PyCallNeedsTensor, {Message(MsgCode::PyDescNothing)}), call.line, call.column);
        *result = PyValue{};
        return true;
    }
    const PyValue given = e.eval(inputs);
    std::vector<TensorRec> tensors;
    if (e.failed() || !tensors_of(e, given, &tensors)) {
        *result = PyValue{};
        return true;
    }
    *result = apply_layer(e, layer, std::move(tensors), call);
    return true;
}

// layers.add([a, b], name=...), layers.concatenate([a, b], axis=-1): the merge
// layer made and called at once.
PyValue KerasMapping::call_merge_function(PyEvaluator& e, LayerKind kind, int n) {
    const PyNode& call = e.node(n);
    int inputs = -1;
    for (const PyArg& arg : call.args)
        if (arg.keyword.empty() || arg.keyword == "inputs") {
            inputs = arg.value;
            break;
        }
    if (inputs < 0) {
        e.fail(Message(MsgCode::PyCallNeedsTensor, {Message(MsgCode::PyDescNothing)}), call.line, call.column);
        return PyValue{};
    }
    const PyValue layer = build_layer(e, layer_kind_info(kind), n, false, true);
    // A wrong argument (name=3) gives an Unknown that carries the reason.
    if (e.failed() || layer.kind != PyValueKind::Object) return layer;
    const PyValue given = e.eval(inputs);
    std::vector<TensorRec> tensors;
    if (e.failed() || !tensors_of(e, given, &tensors)) return PyValue{};
    return apply_layer(e, layer.object, std::move(tensors), call);
}

// x + y between tensors: Keras records an operation with no weights; ConvLab
// reads it as the merge layer that computes the same (Add, Subtract, Multiply).
bool KerasMapping::tensor_operator(PyEvaluator& e, const std::string& op, const PyValue& a, const PyValue& b,
                                   const PyNode& at, PyValue* result) {
    auto is_tensor = [&](const PyValue& v) {
        return v.kind == PyValueKind::Object &&
               (v.object_class == kTensorObject ||
                (v.object_class == kLayerObject && layers_[size_t(v.object)].spec.kind == LayerKind::InputLayer));
    };
    if (!is_tensor(a) && !is_tensor(b)) return false;
    // A tensor and a number (x + 3.0, x * (1.0 / 6.0), 1.0 - x): tf.keras 2.4+
    // records the TF op as a TFOpLambda layer, printed as its own row.
    auto is_number = [](const PyValue& v) { return v.kind == PyValueKind::Int || v.kind == PyValueKind::Float; };
    if (is_number(a) != is_number(b)) {
        const PyValue& number = is_number(a) ? a : b;
        LayerSpec spec = make_layer(LayerKind::TFOpLambda);
        spec.scalar = number.kind == PyValueKind::Int ? double(number.i) : number.f;
        spec.scalar_first = is_number(a);
        const bool known = op == "+" || op == "-" || op == "*" || op == "/";
        spec.scalar_op = op == "+" ? ScalarOp::Add : op == "-" ? ScalarOp::Subtract : op == "*" ? ScalarOp::Multiply
                                                                                           : ScalarOp::Divide;
        double scale = 0.0, offset = 0.0;  // refuses c / x (not one value times a number) and x / 0
        if (!known || !tf_op_lambda_affine(spec, &scale, &offset)) {
            e.fail(Message(MsgCode::PyTensorOperator, {as_is(op)}), at.line, at.column);
            *result = PyValue{};
            return true;
        }
        if (refuse_if_uncertain(e, at, "tensor arithmetic")) {
            *result = PyValue{};
            return true;
        }
        layers_.push_back({std::move(spec), nullptr, {}, at.line, at.column});
        std::vector<TensorRec> tensors;
        tensors_of(e, is_number(a) ? b : a, &tensors);
        *result = apply_layer(e, int(layers_.size()) - 1, std::move(tensors), at);
        return true;
    }
    const LayerKind kind = op == "+" ? LayerKind::Add : op == "-" ? LayerKind::Subtract : op == "*" ? LayerKind::Multiply
                                                                                                : LayerKind::Count;
    if (kind == LayerKind::Count || !is_tensor(a) || !is_tensor(b)) {
        e.fail(Message(MsgCode::PyTensorOperator, {as_is(op)}), at.line, at.column);
        *result = PyValue{};
        return true;
    }
    if (refuse_if_uncertain(e, at, "tensor arithmetic")) {
        *result = PyValue{};
        return true;
    }
    layers_.push_back({make_layer(kind), nullptr, {}, at.line, at.column});
    std::vector<TensorRec> tensors;
    tensors_of(e, a, &tensors);
    tensors_of(e, b, &tensors);
    *result = apply_layer(e, int(layers_.size()) - 1, std::move(tensors), at);
    return true;
}

// Keras's map_graph (keras/src/ops/function.py; Keras 2's _map_graph_network
// is the same): a depth-first walk back from the outputs, in the order of each
// call's inputs, numbers the layers as it first meets them; a call's depth is
// one more than the deepest call that reads it (the outputs' are 0), a
// layer's the largest of its calls'; the layers are listed by depth, deepest
// (the inputs) first, ties in the walk's order. Only the calls the walk meets
// are the model's, renumbered in the order they were made.
ModelSpec KerasMapping::graph_of(const std::vector<TensorRec>& inputs, const std::vector<TensorRec>& outputs,
                                 int nesting, std::vector<int>* order_out) const {
    struct Node {
        int layer, call;
        bool operator<(const Node& o) const { return layer != o.layer ? layer < o.layer : call < o.call; }
    };
    std::map<Node, int> finished;               // node -> position in post-order
    std::vector<Node> post_order;
    std::map<int, int> walk_index;              // layer -> order first met
    auto is_model_input = [&](const Node& node) {
        for (const TensorRec& t : inputs)
            if (t.layer == node.layer && t.call == node.call) return true;
        return false;
    };
    // An explicit stack: a model thousands of layers deep must not exhaust the C++ one.
    for (const TensorRec& out : outputs) {
        std::vector<std::pair<Node, size_t>> stack;  // node, next input to visit
        const Node start{out.layer, out.call};
        if (finished.count(start)) continue;
        if (!walk_index.count(start.layer)) walk_index[start.layer] = int(walk_index.size());
        stack.push_back({start, 0});
        while (!stack.empty()) {
            auto& [node, next] = stack.back();
            const MadeLayer& made = layers_[size_t(node.layer)];
            const bool leaf = made.spec.kind == LayerKind::InputLayer || is_model_input(node);
            const std::vector<TensorRec>* ins = leaf || size_t(node.call) >= made.calls.size() ? nullptr
                                                                                            : &made.calls[size_t(node.call)];
            if (ins && next < ins->size()) {
                const TensorRec t = (*ins)[next++];
                const Node child{t.layer, t.call};
                if (finished.count(child)) continue;
                bool on_stack = false;  // cannot happen in code (a tensor exists before it is used); kept safe
                for (const auto& entry : stack) on_stack = on_stack || (!(entry.first < child) && !(child < entry.first));
                if (on_stack) continue;
                if (!walk_index.count(child.layer)) walk_index[child.layer] = int(walk_index.size());
                stack.push_back({child, 0});
                continue;
            }
            finished[node] = int(post_order.size());
            post_order.push_back(node);
            stack.pop_back();
        }
    }
    // Depths, from the outputs back (post_order reversed puts readers first).
    std::map<Node, int> node_depth;
    std::map<int, int> layer_depth;
    for (auto it = post_order.rbegin(); it != post_order.rend(); ++it) {
        const Node& node = *it;
        int depth = node_depth.count(node) ? node_depth[node] : 0;
        depth = std::max(depth, layer_depth.count(node.layer) ? layer_depth[node.layer] : 0);
        layer_depth[node.layer] = depth;
        node_depth[node] = depth;
        const MadeLayer& made = layers_[size_t(node.layer)];
        if (made.spec.kind == LayerKind::InputLayer || is_model_input(node) || size_t(node.call) >= made.calls.size()) continue;
        for (const TensorRec& t : made.calls[size_t(node.call)]) {
            const Node parent{t.layer, t.call};
            if (!finished.count(parent)) continue;
            node_depth[parent] = std::max(depth + 1, node_depth.count(parent) ? node_depth[parent] : 0);
        }
    }
    // Inputs no output needs are still listed (depth 0), as Keras lists them.
    for (const TensorRec& t : inputs)
        if (!layer_depth.count(t.layer)) {
            layer_depth[t.layer] = 0;
            walk_index[t.layer] = -1;
        }
    std::vector<int> order;
    for (const auto& entry : layer_depth) order.push_back(entry.first);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        if (layer_depth[a] != layer_depth[b]) return layer_depth[a] > layer_depth[b];
        return walk_index[a] < walk_index[b];
    });
    if (order_out) *order_out = order;
    // The model: its layers in that order, each with the calls the walk met.
    ModelSpec m;
    m.functional = true;
    std::map<int, int> position;
    for (int layer : order) position[layer] = int(position.size());
    std::map<Node, int> call_index;  // a kept call's index among its layer's kept calls
    for (int layer : order) {
        int kept = 0;
        for (size_t c = 0; c < layers_[size_t(layer)].calls.size(); ++c)
            if (finished.count(Node{layer, int(c)})) call_index[Node{layer, int(c)}] = kept++;
    }
    auto ref = [&](const TensorRec& t) {
        const auto p = position.find(t.layer);
        const auto c = call_index.find(Node{t.layer, t.call});
        return TensorRef{p == position.end() ? -1 : p->second, c == call_index.end() ? 0 : c->second, 0};
    };
    for (int layer : order) {
        const MadeLayer& made = layers_[size_t(layer)];
        LayerSpec spec = layer_spec(layer, nesting);
        if (spec.kind != LayerKind::InputLayer) spec.input_shape = Shape{};
        for (size_t c = 0; c < made.calls.size(); ++c) {
            if (!finished.count(Node{layer, int(c)})) continue;
            std::vector<TensorRef> refs;
            for (const TensorRec& t : made.calls[c]) refs.push_back(ref(t));
            spec.calls.push_back(std::move(refs));
        }
        m.layers.push_back(std::move(spec));
        m.creation_order.push_back(layer);
    }
    // Keras numbers unnamed layers in the order the code made them.
    std::vector<int> by_creation(order.size());
    for (size_t i = 0; i < order.size(); ++i) by_creation[i] = int(i);
    std::stable_sort(by_creation.begin(), by_creation.end(), [&](int a, int b) { return order[size_t(a)] < order[size_t(b)]; });
    m.creation_order = by_creation;
    for (const TensorRec& t : inputs) m.inputs.push_back(ref(t));
    for (const TensorRec& t : outputs) m.outputs.push_back(ref(t));
    return m;
}

LayerSpec KerasMapping::layer_spec(int layer, int depth) const {
    const MadeLayer& made = layers_[size_t(layer)];
    LayerSpec spec = made.spec;
    if (made.model >= 0 && depth < 16) {  // the importers' nesting limit; deeper is left empty and refused by analysis
        const ModelBuild& m = models_[size_t(made.model)];
        spec.nested = std::make_shared<const ModelSpec>(model_spec(made.model, depth + 1));
        spec.trainable = spec.trainable && m.trainable;
    }
    return spec;
}

ModelSpec KerasMapping::model_spec(int model, int depth) const {
    const ModelBuild& m = models_[size_t(model)];
    ModelSpec spec;
    if (m.functional) {
        spec = graph_of(m.ins, m.outs, depth);
    } else {
        for (size_t k = 0; k < m.objects.size(); ++k) {
            LayerSpec layer = layer_spec(m.objects[k], depth);
            layer.input_shape = m.layers[k].input_shape;
            spec.layers.push_back(std::move(layer));
        }
    }
    spec.name = m.name;
    spec.compile = m.compile;
    if (!m.trainable)  // model.trainable = False: every layer of it frozen
        for (LayerSpec& layer : spec.layers) layer.trainable = false;
    return spec;
}

// A tensor's shape, (None, ...) as Keras gives it: the model from every
// InputLayer the tensor depends on up to it, analysed.
PyValue KerasMapping::tensor_shape(PyEvaluator& e, const TensorRec& t, const PyNode& at) const {
    ModelSpec m = graph_of({}, {t});
    for (size_t l = 0; l < m.layers.size(); ++l)
        if (m.layers[l].kind == LayerKind::InputLayer) m.inputs.push_back(TensorRef{int(l), 0, 0});
    ModelSummary s;
    Problem p;
    if (m.inputs.empty() || !summarize(m, NamingStyle::Keras2, &s, &p)) {
        e.fail(p.constraint.empty() ? Message(MsgCode::PyNoEval, {as_is("shape")}) : problem_message(p), at.line, at.column);
        return PyValue{};
    }
    std::vector<PyValue> dims = {py_none()};
    for (int d = 0; d < s.output.rank; ++d) {
        PyValue v;
        v.kind = PyValueKind::Int;
        v.i = s.output.dim[d];
        v.line = at.line, v.column = at.column;
        dims.push_back(v);
    }
    return py_seq(std::move(dims), false, at.line, at.column);
}

PyValue KerasMapping::tensor_value(const TensorRec& t, const PyNode& at) {
    tensors_.push_back(t);
    PyValue v;
    v.kind = PyValueKind::Object;
    v.object_class = kTensorObject, v.object = int(tensors_.size()) - 1;
    v.described_as = MsgCode::PyDescTensor;
    v.line = at.line, v.column = at.column;
    return v;
}

// x.shape; model.input, model.output, model.inputs, model.outputs, model.layers;
// layer.output; .trainable and .name where asked.
bool KerasMapping::get_attribute(PyEvaluator& e, const PyValue& object, const std::string& name, const PyNode& at,
                                 PyValue* result) {
    if (object.object_class == kTensorObject) {
        if (name != "shape") return false;
        *result = tensor_shape(e, tensors_[size_t(object.object)], at);
        return true;
    }
    if (object.object_class == kLayerObject) {
        const MadeLayer& made = layers_[size_t(object.object)];
        if (name == "output" && (made.spec.kind == LayerKind::InputLayer || !made.calls.empty())) {
            *result = tensor_value(TensorRec{object.object, made.spec.kind == LayerKind::InputLayer ? 0 : int(made.calls.size()) - 1}, at);
            return true;
        }
        if (name == "shape" && made.spec.kind == LayerKind::InputLayer) {
            *result = tensor_shape(e, TensorRec{object.object, 0}, at);
            return true;
        }
        return false;
    }
    if (object.object_class != kModelObject) return false;
    const ModelBuild& m = models_[size_t(object.object)];
    auto tensors = [&](const std::vector<TensorRec>& list, bool one) {
        std::vector<PyValue> items;
        for (const TensorRec& t : list) items.push_back(tensor_value(t, at));
        if (one && items.size() == 1) return items[0];
        return py_seq(std::move(items), true, at.line, at.column);
    };
    if (m.functional && (name == "input" || name == "inputs")) { *result = tensors(m.ins, name == "input"); return true; }
    if (m.functional && (name == "output" || name == "outputs")) { *result = tensors(m.outs, name == "output"); return true; }
    if (name == "layers") {  // for layer in base.layers: layer.trainable = False
        std::vector<PyValue> items;
        std::vector<int> objects = m.objects;
        if (m.functional) graph_of(m.ins, m.outs, 0, &objects);  // model.layers: Keras's order
        for (int o : objects) {
            PyValue v;
            v.kind = PyValueKind::Object;
            v.object_class = kLayerObject, v.object = o;
            v.described_as = MsgCode::PyDescLayer;
            v.line = at.line, v.column = at.column;
            items.push_back(v);
        }
        *result = py_seq(std::move(items), true, at.line, at.column);
        return true;
    }
    return false;
}

void KerasMapping::set_attribute(PyEvaluator& e, const PyValue& object, const std::string& name, const PyValue& value) {
    if (name != "trainable") return;
    if (value.kind != PyValueKind::Bool) {
        e.fail(Message(MsgCode::PyMustBool, {as_is(std::string("trainable"))}), value.line, value.column);
        return;
    }
    if (object.object_class == kLayerObject) layers_[size_t(object.object)].spec.trainable = value.b;
    if (object.object_class == kModelObject) models_[size_t(object.object)].trainable = value.b;
}

PyValue KerasMapping::make_functional(PyEvaluator& e, int n) {
    const PyNode& call = e.node(n);
    if (refuse_if_uncertain(e, call, "keras.Model(...)")) return PyValue{};
    int inputs = -1, outputs = -1;
    size_t positional = 0;
    std::string name;
    for (const PyArg& arg : call.args) {
        if (arg.keyword == "inputs" || (arg.keyword.empty() && positional == 0)) inputs = arg.value;
        else if (arg.keyword == "outputs" || (arg.keyword.empty() && positional == 1)) outputs = arg.value;
        else if (arg.keyword == "name") {
            const PyValue v = e.eval(arg.value);
            if (e.failed()) return v;
            if (v.kind == PyValueKind::Str) name = v.s;
        } else if (arg.keyword == "*" || arg.keyword == "**") {
            e.fail(Message(MsgCode::PyArgUnpacking), arg.line, arg.column);
            return PyValue{};
        }
        if (arg.keyword.empty()) ++positional;
    }
    if (inputs < 0 || outputs < 0) {
        e.fail(Message(MsgCode::PyModelNeedsEnds), call.line, call.column);
        return PyValue{};
    }
    std::vector<TensorRec> ins, outs;
    const PyValue in_value = e.eval(inputs);
    if (e.failed() || !tensors_of(e, in_value, &ins)) return PyValue{};
    const PyValue out_value = e.eval(outputs);
    if (e.failed() || !tensors_of(e, out_value, &outs)) return PyValue{};
    ModelBuild build;
    build.line = call.line, build.column = call.column;
    build.functional = true;
    build.name = name;
    build.ins = std::move(ins);
    build.outs = std::move(outs);
    models_.push_back(std::move(build));
    PyValue v;
    v.kind = PyValueKind::Object;
    v.object_class = kModelObject, v.object = int(models_.size()) - 1;
    v.described_as = MsgCode::PyDescModel;
    v.line = call.line, v.column = call.column;
    return v;
}

// --- layer calls -----------------------------------------------------------------

// The input shape, or *missing when the code names something it never defines
// (the seed's `input_shape=input_shape`): then the caller's override fills it,
// and without one the import stops with missing_input_shape. Never a guess.
bool KerasMapping::to_input_shape(const PyValue& v, int form, Shape* out, PyFailure* why,
                                 std::shared_ptr<const PyFailure>* missing) const {
    auto undefined = [&](const PyValue& x) {
        if (override_) {
            *out = *override_;
            return true;
        }
        PyFailure reason;
        value_error(x, Message(), &reason);
        reason.message = Message(MsgCode::PyShapeUnknown, {reason.message});
        *missing = std::make_shared<const PyFailure>(reason);
        *out = Shape{};
        return true;
    };
    if (v.kind == PyValueKind::Ref || v.kind == PyValueKind::Unknown) return undefined(v);
    if (form == kInputDim) {
        int64_t f = 0;
        if (!to_int(v, "input_dim", &f, why)) return false;
        *out = Shape::vector(f);
        return true;
    }
    if (v.kind != PyValueKind::Seq) return value_error(v, Message(MsgCode::PyMustShapeTuple), why);
    std::vector<PyValue> dims(v.items->begin() + (form == kBatchShape && !v.items->empty() ? 1 : 0), v.items->end());
    for (const PyValue& d : dims) {
        if (d.kind == PyValueKind::Ref || d.kind == PyValueKind::Unknown) return undefined(d);
        if (d.kind == PyValueKind::None) {
            *why = {Message(MsgCode::PyNoneDim), d.line, d.column};
            return false;
        }
        if (d.kind != PyValueKind::Int) return value_error(d, Message(MsgCode::PyMustDimInt), why);
    }
    if (dims.size() == 1) *out = Shape::vector(dims[0].i);
    else if (dims.size() == 2) *out = Shape::sequence(dims[0].i, dims[1].i);
    else if (dims.size() == 3) *out = Shape::image(dims[0].i, dims[1].i, dims[2].i);
    else {
        *why = {Message(MsgCode::PyShapeRank, {as_is(int64_t(dims.size()))}), v.line, v.column};
        return false;
    }
    return true;
}

PyValue KerasMapping::build_layer(PyEvaluator& e, const LayerKindInfo& info, int n, bool input_function,
                                  bool first_positional_is_input) {
    const PyNode& call = e.node(n);
    const std::string cls = input_function ? "Input" : info.class_name;
    const bool is_input = info.kind == LayerKind::InputLayer;
    const LayerKind twin = twin_2d_kind(info.kind);
    const bool one_d = twin != LayerKind::Count;  // Conv1D and the 1D poolings: one size each, kept as (K, 1)
    const bool is_pooling = info.kind == LayerKind::MaxPooling2D || info.kind == LayerKind::AveragePooling2D ||
                            twin == LayerKind::MaxPooling2D || twin == LayerKind::AveragePooling2D;
    std::vector<Field> positional = input_function ? std::vector<Field>{Field::InputShape} : info.positional;
    std::vector<Field> keywords = positional;
    keywords.insert(keywords.end(), info.fields.begin(), info.fields.end());
    keywords.push_back(Field::InputShape);
    keywords.push_back(Field::Name);

    LayerSpec spec = make_layer(info.kind);
    bool given[size_t(Field::Count)] = {};
    bool strides_none = false;
    std::shared_ptr<const PyFailure> missing;
    size_t next_positional = 0;
    auto error = [&](Message message, int line, int column) {
        return py_unknown(Message(MsgCode::Field, {as_is(cls), std::move(message)}), line, column);
    };
    bool skipped_input = !first_positional_is_input;
    for (const PyArg& arg : call.args) {
        if (arg.keyword == "*" || arg.keyword == "**")
            return error(Message(MsgCode::PyArgUnpacking), arg.line, arg.column);
        if (!skipped_input && arg.keyword.empty()) {  // layers.add([a, b], ...): the tensors, read by the caller
            skipped_input = true;
            continue;
        }
        Field f = Field::Count;
        int form = kPlainShape;
        const std::string& k = arg.keyword;
        if (k.empty()) {
            if (next_positional >= positional.size()) {
                std::string names;
                for (Field p : positional) names += std::string(names.empty() ? "" : ", ") + field_keyword(p);
                return error(Message(MsgCode::PyTooManyPositional, {as_is(int64_t(positional.size())), as_is(names)}),
                             arg.line, arg.column);
            }
            f = positional[next_positional++];
        } else if (is_input && (k == "shape" || k == "input_shape")) {
            f = Field::InputShape;
        } else if (k == "batch_input_shape" || (is_input && k == "batch_shape")) {
            f = Field::InputShape, form = kBatchShape;
        } else if (k == "input_dim" && !is_input) {
            f = Field::InputShape, form = kInputDim;
        } else {
            for (Field g : keywords)
                if (k == field_keyword(g)) f = g;
            if (f == Field::Count) {
                if (k == "trainable") {  // frozen layers count their weights as non-trainable
                    PyValue t = e.eval(arg.value);
                    if (e.failed()) return t;
                    PyFailure why;
                    if (!to_bool(t, k, &spec.trainable, &why)) return error(why.message, why.line, why.column);
                    continue;
                }
                if (is_harmless_keyword(k)) continue;  // its value is not even evaluated
                return error(Message(MsgCode::PyUnknownArg, {as_is(k)}), arg.line, arg.column);
            }
        }
        if (given[size_t(f)])
            return error(Message(MsgCode::PyTwoValues, {as_is(field_keyword(f))}), arg.line, arg.column);
        given[size_t(f)] = true;

        PyValue v = e.eval(arg.value);
        if (e.failed()) return v;
        const std::string what = field_keyword(f);
        PyFailure why;
        bool ok = true;
        switch (f) {
            case Field::Filters: ok = to_int(v, what, &spec.filters, &why); break;
            case Field::Units: ok = to_int(v, what, &spec.units, &why); break;
            case Field::DepthMultiplier: ok = to_int(v, what, &spec.depth_multiplier, &why); break;
            case Field::KernelSize: case Field::PoolSize: ok = to_size(v, what, one_d, &spec.kernel, &why); break;
            case Field::Strides:
                if (is_pooling && v.kind == PyValueKind::None) strides_none = true;  // Keras: strides = pool_size
                else ok = to_size(v, what, one_d, &spec.strides, &why);
                break;
            case Field::DilationRate: ok = to_size(v, what, one_d, &spec.dilation, &why); break;
            case Field::Padding: {
                std::string p = v.kind == PyValueKind::Str ? v.s : "";
                for (char& c : p) c = char((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);  // Keras lowercases it too
                if (v.kind != PyValueKind::Str) ok = value_error(v, Message(MsgCode::PyMustPadding), &why);
                else if (!parse_padding(p, &spec.padding))
                    ok = false, why = {Message(MsgCode::PyBadPadding, {as_is(v.s.substr(0, 40))}), v.line, v.column};
                break;
            }
            case Field::ZeroPadding: ok = to_zero_padding(v, &spec, &why); break;
            case Field::UseBias: ok = to_bool(v, what, &spec.use_bias, &why); break;
            case Field::Center: ok = to_bool(v, what, &spec.center, &why); break;
            case Field::Scale: ok = to_bool(v, what, &spec.scale, &why); break;
            case Field::Activation: ok = to_activation(v, &spec.activation, &why); break;
            case Field::Rate: ok = to_number(v, what, &spec.rate, &why); break;
            case Field::Momentum: ok = to_number(v, what, &spec.momentum, &why); break;
            case Field::Epsilon: ok = to_number(v, what, &spec.epsilon, &why); break;
            case Field::InputShape: ok = to_input_shape(v, form, &spec.input_shape, &why, &missing); break;
            case Field::Name:
                if (v.kind == PyValueKind::Str) spec.name = v.s;
                else if (v.kind != PyValueKind::None) ok = value_error(v, Message(MsgCode::PyMustName), &why);
                break;
            // Accepted only at the value ConvLab supports, so a positional list still lines up.
            case Field::DataFormat:
                if (v.kind == PyValueKind::Str && v.s == "channels_first")
                    ok = false, why = {Message(MsgCode::PyChannelsFirst), v.line, v.column};
                else if (!(v.kind == PyValueKind::None || (v.kind == PyValueKind::Str && v.s == "channels_last")))
                    ok = value_error(v, Message(MsgCode::PyMustDataFormat), &why);
                break;
            case Field::Groups:
                if (!(v.kind == PyValueKind::Int && v.i == 1)) ok = value_error(v, Message(MsgCode::PyGroups), &why);
                break;
            case Field::Axis:  // the channel axis of (N, H, W, C) or (N, F)
                if (info.kind == LayerKind::Concatenate) {  // any axis; merge.cpp says which fit the inputs
                    if (v.kind == PyValueKind::Int && v.i >= -8 && v.i <= 8) spec.axis = v.i;
                    else ok = value_error(v, Message(MsgCode::PyMustInt, {as_is(std::string("axis"))}), &why);
                    break;
                }
                if (info.kind == LayerKind::Normalization) {  // -1, a positive axis, or None (one mean)
                    if (v.kind == PyValueKind::None) spec.axis = 0;
                    else if (v.kind == PyValueKind::Int && v.i >= -1 && v.i <= 3 && v.i != 0) spec.axis = v.i;
                    else ok = value_error(v, Message(MsgCode::KjNormalizationAxis, {as_is(std::string("this value"))}), &why);
                    break;
                }
                if (!(v.kind == PyValueKind::Int && (v.i == -1 || v.i == 3)))
                    ok = value_error(v, Message(MsgCode::PyAxis), &why);
                break;
            case Field::NoiseShape:
                if (v.kind != PyValueKind::None) ok = value_error(v, Message(MsgCode::PyNoiseShape), &why);
                break;
            case Field::MaxValue:
                spec.has_max_value = v.kind != PyValueKind::None;
                if (spec.has_max_value) ok = to_number(v, what, &spec.max_value, &why);
                break;
            case Field::NegativeSlope: ok = to_number(v, what, &spec.negative_slope, &why); break;
            case Field::Threshold: ok = to_number(v, what, &spec.threshold, &why); break;
            case Field::Alpha:  // LeakyReLU's slope in Keras 2; ELU's alpha
                ok = to_number(v, what, info.kind == LayerKind::LeakyReLU ? &spec.negative_slope : &spec.alpha, &why);
                break;
            case Field::RescaleScale: ok = to_number(v, what, &spec.rescale, &why); break;
            case Field::Offset: ok = to_number(v, what, &spec.offset, &why); break;
            case Field::TargetShape: ok = to_target_shape(v, &spec.target_shape, &why); break;
            case Field::Keepdims: ok = to_bool(v, what, &spec.keepdims, &why); break;
            case Field::Size: ok = to_pair(v, what, &spec.size, &why); break;
            case Field::Interpolation:
                if (v.kind == PyValueKind::Str && (v.s == "nearest" || v.s == "bilinear")) spec.bilinear = v.s == "bilinear";
                else ok = value_error(v, Message(MsgCode::PyMustInterpolation), &why);
                break;
            case Field::Cropping: ok = to_zero_padding(v, &spec, &why, "cropping"); break;
            case Field::SharedAxes:  // None, or a list of axes 1 to 3 (the batch is 0)
                spec.shared_axes = 0;
                if (v.kind == PyValueKind::None) break;
                if (v.kind != PyValueKind::Seq) {
                    ok = value_error(v, Message(MsgCode::PyMustSharedAxes), &why);
                    break;
                }
                for (const PyValue& axis : *v.items) {
                    if (axis.kind != PyValueKind::Int || axis.i < 1 || axis.i > 3) {
                        ok = value_error(axis, Message(MsgCode::PyMustSharedAxes), &why);
                        break;
                    }
                    spec.shared_axes = uint8_t(spec.shared_axes | (1u << axis.i));
                }
                break;
            case Field::OutputPadding:
                spec.has_output_padding = v.kind != PyValueKind::None;
                if (spec.has_output_padding) ok = to_pair(v, what, &spec.output_padding, &why);
                break;
            case Field::Dims:  // a tuple of 1-based axes; analysis/permute.cpp checks it is a permutation
                ok = to_target_shape(v, &spec.dims, &why, "dims");
                break;
            case Field::Count: break;
        }
        if (!ok) return error(why.message, why.line, why.column);
    }

    // Keras requires these; ConvLab will not invent them.
    std::vector<Field> required;
    switch (info.kind) {
        case LayerKind::InputLayer: required = {Field::InputShape}; break;
        case LayerKind::Conv2D: case LayerKind::SeparableConv2D: required = {Field::Filters, Field::KernelSize}; break;
        case LayerKind::DepthwiseConv2D: required = {Field::KernelSize}; break;
        case LayerKind::Dense: required = {Field::Units}; break;
        case LayerKind::Dropout: required = {Field::Rate}; break;
        case LayerKind::Activation: required = {Field::Activation}; break;
        case LayerKind::SpatialDropout2D: required = {Field::Rate}; break;
        case LayerKind::Rescaling: required = {Field::RescaleScale}; break;
        case LayerKind::Reshape: required = {Field::TargetShape}; break;
        case LayerKind::Conv2DTranspose: required = {Field::Filters, Field::KernelSize}; break;
        case LayerKind::Permute: required = {Field::Dims}; break;
        default: break;
    }
    for (Field f : required)
        if (!given[size_t(f)])
            return error(Message(MsgCode::PyNeeds, {as_is(input_function ? "shape" : field_keyword(f))}), call.line,
                         call.column);
    if (is_pooling && (!given[size_t(Field::Strides)] || strides_none)) spec.strides = spec.kernel;

    PyValue v;
    layers_.push_back({std::move(spec), std::move(missing), {}, call.line, call.column});
    v.kind = PyValueKind::Object;
    v.object_class = kLayerObject, v.object = int(layers_.size()) - 1;
    v.described_as = MsgCode::PyDescLayer;
    v.line = call.line, v.column = call.column;
    return v;
}

ImportResult KerasMapping::result(const PyEvaluator& e) {
    ImportResult result;
    auto stop = [&](Message message, int line, int column) {
        result.ok = false;
        result.error = message_en(line > 0 ? Message(MsgCode::PyAt, {as_is(line), as_is(column), message}) : message);
        result.message = std::move(message);
        result.line = line, result.column = column;
        return result;
    };
    if (e.failed()) return stop(e.failure().message, e.failure().line, e.failure().column);

    // The model the script builds: the one no other model uses as a layer.
    std::vector<size_t> built;
    for (size_t m = 0; m < models_.size(); ++m)
        if ((models_[m].functional || !models_[m].layers.empty()) && models_[m].as_layer < 0) built.push_back(m);
    if (models_.empty()) return stop(Message(tensors_.empty() ? MsgCode::PyNoModel : MsgCode::PyNoModelFunctional), 0, 0);
    if (built.empty()) return stop(Message(MsgCode::PyNoLayers), models_[0].line, models_[0].column);
    // Transfer learning as it is most often written builds a second Functional
    // model on the first one's tensors, not on the first model called as a
    // layer: base = ResNet50(include_top=False); x = Dense(3)(base.output);
    // model = Model(inputs=base.input, outputs=x). The base's layers are then
    // the new model's own layers (Keras lists them one by one), so a Functional
    // model whose every layer belongs to another built model is part of that
    // model, not a second one.
    if (built.size() > 1) {
        std::vector<std::vector<int>> members(built.size());
        for (size_t i = 0; i < built.size(); ++i) {
            if (!models_[built[i]].functional) continue;
            graph_of(models_[built[i]].ins, models_[built[i]].outs, 0, &members[i]);
            std::sort(members[i].begin(), members[i].end());
        }
        std::vector<size_t> kept;
        for (size_t i = 0; i < built.size(); ++i) {
            bool part_of_another = false;
            for (size_t j = 0; j < built.size() && !part_of_another; ++j) {
                if (j == i || !models_[built[i]].functional || !models_[built[j]].functional) continue;
                // j holds every layer of i, and more of them (or as many, built later).
                if (members[j].size() < members[i].size() || (members[j].size() == members[i].size() && j < i)) continue;
                part_of_another = std::includes(members[j].begin(), members[j].end(), members[i].begin(), members[i].end());
            }
            if (!part_of_another) kept.push_back(built[i]);
        }
        built = std::move(kept);
    }
    if (built.size() > 1) {
        const ModelBuild& second = models_[built[1]];
        return stop(Message(MsgCode::PySecondModel, {as_is(models_[built[0]].line)}), second.line, second.column);
    }
    ModelBuild& model = models_[built[0]];
    if (model.functional) {
        // An Input whose shape names what the code never defines (x_train.shape[1:])
        // is asked for, as a Sequential's first layer's is, not guessed.
        std::vector<int> objects;
        graph_of(model.ins, model.outs, 0, &objects);
        // Keras's map_graph: "All layer names should be unique."
        for (size_t a = 0; a < objects.size(); ++a) {
            const std::string& name = layers_[size_t(objects[a])].spec.name;
            if (name.empty()) continue;
            for (size_t b = 0; b < a; ++b)
                if (layers_[size_t(objects[b])].spec.name == name) {
                    const MadeLayer& later = layers_[size_t(std::max(objects[a], objects[b]))];
                    const MadeLayer& first = layers_[size_t(std::min(objects[a], objects[b]))];
                    return stop(Message(MsgCode::PyDuplicateName, {as_is(name), as_is(first.line)}), later.line, later.column);
                }
        }
        for (int o : objects) {
            const MadeLayer& made = layers_[size_t(o)];
            if (made.spec.kind != LayerKind::InputLayer || !made.missing_shape) continue;
            stop(made.missing_shape->message, made.missing_shape->line, made.missing_shape->column);
            result.missing_input_shape = true;
            return result;
        }
        result.ok = true;
        result.model = model_spec(int(built[0]), 0);
        result.model.compile = std::move(model.compile);
        return result;
    }
    // Layers as they stand at the end (a `layer.trainable = False` after the add counts).
    for (size_t k = 0; k < model.layers.size(); ++k) {
        LayerSpec now = layer_spec(model.objects[k], 0);
        now.input_shape = model.layers[k].input_shape;
        model.layers[k] = std::move(now);
    }
    if (missing_shape_) {
        stop(missing_.message, missing_.line, missing_.column);
        result.missing_input_shape = true;
        return result;
    }
    LayerSpec& first = model.layers.front();
    // Sequential([base_model, ...]) or .add(base_model) first: the base's own input is the model's.
    const bool base_first = first.kind == LayerKind::Model && first.nested && declared_input_shape(*first.nested).rank != 0;
    if (first.input_shape.rank == 0 && !base_first) {
        if (!override_) {
            stop(Message(MsgCode::PyNoInputShape), model.where.front().first, model.where.front().second);
            result.missing_input_shape = true;
            return result;
        }
        first.input_shape = *override_;
    }
    result.ok = true;
    result.model.layers = std::move(model.layers);
    result.model.compile = std::move(model.compile);
    return result;
}

// The codes a failure on an unknowable value is said with, at any depth.
bool mentions_unknown_value(const Message& m) {
    if (m.code == MsgCode::PyUndefined || m.code == MsgCode::PyComesFrom || m.code == MsgCode::PyShapeUnknown) return true;
    for (const Message& arg : m.args)
        if (mentions_unknown_value(arg)) return true;
    return false;
}

}  // namespace

bool parse_python_setting(std::string_view text, std::pair<std::string, std::string>* out) {
    const size_t eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 >= text.size()) return false;
    const std::string_view name = text.substr(0, eq);
    if (name[0] >= '0' && name[0] <= '9') return false;
    for (char c : name)
        if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    *out = {std::string(name), std::string(text.substr(eq + 1))};
    return true;
}

bool parse_python_settings(std::string_view text, PythonSettings* out, std::string* bad) {
    out->clear();
    const auto trim = [](std::string_view s) {
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
        return s;
    };
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find_first_of(";\n", start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view piece = trim(text.substr(start, end - start));
        start = end + 1;
        if (piece.empty()) continue;
        // "name = 25" reads as "name=25": spaces around "=" are how people type it.
        std::string joined;
        const size_t eq = piece.find('=');
        if (eq != std::string_view::npos)
            joined = std::string(trim(piece.substr(0, eq))) + "=" + std::string(trim(piece.substr(eq + 1)));
        std::pair<std::string, std::string> setting;
        if (eq == std::string_view::npos || !parse_python_setting(joined, &setting) || out->size() >= 64) {
            *bad = std::string(piece.substr(0, 60));
            return false;
        }
        out->push_back(std::move(setting));
    }
    return true;
}

bool import_wants_setting(const ImportResult& result) { return !result.ok && mentions_unknown_value(result.message); }

ImportResult import_keras_python(std::string_view text, const Shape* input_shape_override,
                                 const PythonSettings& settings) {
    PyLexResult lexed = lex_python(text);
    if (!lexed.ok()) {
        ImportResult result;
        result.message = lexed.message;
        result.error = message_en(Message(MsgCode::PyAt, {as_is(lexed.line), as_is(lexed.column), lexed.message}));
        result.line = lexed.line, result.column = lexed.column;
        return result;
    }
    const PyModule module = parse_python(std::move(lexed.tokens));
    KerasMapping keras(input_shape_override);
    PyEvaluator evaluator(module, keras.host());
    for (const auto& setting : settings) {
        PyValue value;
        if (!py_literal(setting.second, &value)) {
            ImportResult result;
            result.message = Message(MsgCode::PySettingValue, {as_is(setting.first), as_is(setting.second.substr(0, 80))});
            result.error = message_en(result.message);
            return result;
        }
        evaluator.pin(setting.first, value);
    }
    evaluator.run();
    return keras.result(evaluator);
}

}  // namespace convlab
