// import_keras_json.cpp: a Keras model's JSON to a ModelSpec. Reads
// Keras 2 model.to_json() (2.0-2.1 with "config" as the layer list, 2.2+ with
// {"name", "layers"}), Keras 3 (with "module", InputLayer "batch_shape",
// "build_config"), TF.js model.toJSON() and model.json ("modelTopology"); for
// Sequential models and for Functional graphs (class_name "Functional", or
// "Model" as Keras before 2.4 and TF.js write it), whose layers say what they
// are called on in "inbound_nodes" (Keras 2 and TF.js: [[[name, node, tensor,
// {}]]]; Keras 3: [{"args": [...], "kwargs": {}}] holding __keras_tensor__).
// Not a loader of weights, and not a guesser: what ConvLab cannot represent
// exactly (channels_first, groups, a nested model) is an error naming the
// layer, the field and the line and column of the value.
#include <algorithm>
#include <cmath>
#include <locale>
#include <sstream>

#include "core/io/import.h"
#include "core/io/import_torch_python.h"
#include "core/io/json.h"
#include "core/analysis/layer_analysers.h"
#include "core/analysis/layer_kind.h"
#include "core/analysis/model_graph.h"
#include "core/analysis/shape_math.h"
#include "core/analysis/tf_op_lambda.h"

namespace convlab {
namespace {

// Says where a problem is ("layer 2 'conv2d_2' (Conv2D)") and records it in the result.
struct Reporter {
    ImportResult* result;
    Message where;  // empty for the model as a whole

    bool fail(const JsonValue& at, Message message) const {
        result->ok = false;
        result->message = where.empty() ? std::move(message) : Message(MsgCode::Located, {where, std::move(message)});
        result->error = message_en(result->message);
        result->line = at.line;
        result->column = at.column;
        return false;
    }
};

std::string format_number(double v) {
    std::ostringstream out;
    out.imbue(std::locale::classic());
    out.precision(15);
    out << v;
    return out.str();
}

// A JSON value as a learner would recognise it in a message: 32, "same", an
// array. Values are shown as written; only the kind of a list or an object is a
// word, which the page translates.
Message describe(const JsonValue& v) {
    switch (v.type) {
        case JsonType::Number: return as_is(v.is_integer ? std::to_string(v.integer) : format_number(v.number));
        case JsonType::String:
            return as_is("\"" + (v.string.size() > 40 ? v.string.substr(0, 40) + "..." : v.string) + "\"");
        case JsonType::Bool: return as_is(v.boolean ? "true" : "false");
        case JsonType::Null: return Message(MsgCode::JsonNull);
        case JsonType::Array: return Message(MsgCode::JsonArray);
        case JsonType::Object: return Message(MsgCode::JsonObject);
    }
    return Message(MsgCode::JsonNull);
}

// "kernel_size: <sentence>": the field keyword stays as Keras spells it.
Message at_field(const char* key, MsgCode code, std::vector<Message> args = {}) {
    return Message(MsgCode::Field, {as_is(key), Message(code, std::move(args))});
}

// Keras's SavedModel metadata writes tuples and shapes as {"class_name": "__tuple__",
// "items": [...]}; to_json writes plain lists. Both mean the list.
const JsonValue& unwrap_tuple(const JsonValue& v) {
    if (v.type != JsonType::Object) return v;
    const JsonValue* cls = v.find("class_name");
    const JsonValue* items = v.find("items");
    if (cls && cls->type == JsonType::String && (cls->string == "__tuple__" || cls->string == "TensorShape") &&
        items && items->type == JsonType::Array)
        return *items;
    return v;
}

bool read_count(const Reporter& r, const char* key, const JsonValue& v, int64_t min, int64_t* out) {
    if (v.type != JsonType::Number) return r.fail(v, at_field(key, MsgCode::KjWantWhole, {describe(v)}));
    if (!v.is_integer) {
        if (v.number == std::floor(v.number))
            return r.fail(v, at_field(key, MsgCode::KjOverLimit, {describe(v), as_is(kMaxCount)}));
        return r.fail(v, at_field(key, MsgCode::KjWantWhole, {describe(v)}));
    }
    if (v.integer < min) return r.fail(v, at_field(key, MsgCode::KjBelowMin, {as_is(v.integer), as_is(min)}));
    if (v.integer > kMaxCount)
        return r.fail(v, at_field(key, MsgCode::KjOverLimit, {as_is(v.integer), as_is(kMaxCount)}));
    *out = v.integer;
    return true;
}

// kernel_size=3 or [3, 3]: Keras accepts an int for both axes.
bool read_pair(const Reporter& r, const char* key, const JsonValue& raw, int64_t min, Pair* out) {
    const JsonValue& v = unwrap_tuple(raw);
    if (v.type == JsonType::Number) {
        if (!read_count(r, key, v, min, &out->h)) return false;
        out->w = out->h;
        return true;
    }
    if (v.type != JsonType::Array || v.items.size() != 2)
        return r.fail(v, v.type == JsonType::Array
                             ? at_field(key, MsgCode::KjWantPairItems, {describe(v), as_is(int64_t(v.items.size()))})
                             : at_field(key, MsgCode::KjWantPair, {describe(v)}));
    return read_count(r, key, v.items[0], min, &out->h) && read_count(r, key, v.items[1], min, &out->w);
}

// A 1D layer's kernel_size, pool_size, strides or dilation_rate: 3 or [3],
// kept as (3, 1), the window of its 2D twin.
bool read_size1(const Reporter& r, const char* key, const JsonValue& raw, Pair* out) {
    const JsonValue& v = unwrap_tuple(raw);
    const JsonValue* size = v.type == JsonType::Array && v.items.size() == 1 ? &v.items[0] : &v;
    if (size->type != JsonType::Number) return r.fail(v, at_field(key, MsgCode::KjWantSize, {describe(v)}));
    if (!read_count(r, key, *size, 1, &out->h)) return false;
    out->w = 1;
    return true;
}

// ZeroPadding2D's padding and Cropping2D's cropping: 1, [1, 2] (symmetric
// rows, columns) or [[top, bottom], [left, right]].
bool read_zero_padding(const Reporter& r, const JsonValue& raw, LayerSpec* s, const char* key = "padding") {
    const JsonValue& v = unwrap_tuple(raw);
    if (v.type == JsonType::Number) {
        if (!read_count(r, key, v, 0, &s->pad_top)) return false;
        s->pad_bottom = s->pad_left = s->pad_right = s->pad_top;
        return true;
    }
    if (v.type == JsonType::Array && v.items.size() == 2) {
        const JsonValue& rows = unwrap_tuple(v.items[0]);
        const JsonValue& cols = unwrap_tuple(v.items[1]);
        if (rows.type == JsonType::Number && cols.type == JsonType::Number) {
            if (!read_count(r, key, rows, 0, &s->pad_top) || !read_count(r, key, cols, 0, &s->pad_left)) return false;
            s->pad_bottom = s->pad_top;
            s->pad_right = s->pad_left;
            return true;
        }
        if (rows.type == JsonType::Array && rows.items.size() == 2 && cols.type == JsonType::Array &&
            cols.items.size() == 2)
            return read_count(r, key, rows.items[0], 0, &s->pad_top) &&
                   read_count(r, key, rows.items[1], 0, &s->pad_bottom) &&
                   read_count(r, key, cols.items[0], 0, &s->pad_left) &&
                   read_count(r, key, cols.items[1], 0, &s->pad_right);
    }
    return r.fail(v, at_field(key, MsgCode::KjWantZeroPadding, {describe(v)}));
}

bool read_bool(const Reporter& r, const char* key, const JsonValue& v, bool* out) {
    if (v.type != JsonType::Bool) return r.fail(v, at_field(key, MsgCode::KjWantBool, {describe(v)}));
    *out = v.boolean;
    return true;
}

bool read_real(const Reporter& r, const char* key, const JsonValue& v, double* out) {
    if (v.type != JsonType::Number) return r.fail(v, at_field(key, MsgCode::KjWantNumber, {describe(v)}));
    *out = v.number;  // the reader only produces finite numbers
    return true;
}

// A shape with the batch axis ([null, 28, 28, 1]) or without it ([28, 28, 1]).
bool read_shape(const Reporter& r, const char* key, const JsonValue& raw, bool has_batch, Shape* out) {
    const JsonValue& v = unwrap_tuple(raw);
    if (v.type != JsonType::Array) return r.fail(v, at_field(key, MsgCode::KjWantShapeList, {describe(v)}));
    size_t first = has_batch ? 1 : 0;
    size_t rank = v.items.size() >= first ? v.items.size() - first : 0;
    if (rank < 1 || rank > 3) return r.fail(v, at_field(key, MsgCode::KjShapeRank, {as_is(int64_t(rank))}));
    if (has_batch && !v.items[0].is_null() && v.items[0].type != JsonType::Number)
        return r.fail(v.items[0], at_field(key, MsgCode::KjBatchSize, {describe(v.items[0])}));
    int64_t dims[3] = {0, 0, 0};
    for (size_t i = 0; i < rank; ++i) {
        const JsonValue& d = v.items[first + i];
        if (d.is_null())
            return r.fail(d, at_field(key, MsgCode::KjSizeNone, {as_is(int64_t(i + 1))}));
        if (!read_count(r, key, d, 1, &dims[i])) return false;
    }
    *out = rank == 3 ? Shape::image(dims[0], dims[1], dims[2]) : rank == 2 ? Shape::sequence(dims[0], dims[1]) : Shape::vector(dims[0]);
    return true;
}

// Reshape's target_shape: up to three sizes without the batch axis, -1 for
// one Keras infers; summarize() checks that they fit the input.
bool read_target_shape(const Reporter& r, const JsonValue& raw, Shape* out) {
    const JsonValue& v = unwrap_tuple(raw);
    if (v.type != JsonType::Array) return r.fail(v, at_field("target_shape", MsgCode::KjWantShapeList, {describe(v)}));
    if (v.items.empty() || v.items.size() > 3)
        return r.fail(v, at_field("target_shape", MsgCode::KjShapeRank, {as_is(int64_t(v.items.size()))}));
    Shape s;
    s.rank = int(v.items.size());
    for (size_t i = 0; i < v.items.size(); ++i)
        if (!read_count(r, "target_shape", v.items[i], -1, &s.dim[i])) return false;
    *out = s;
    return true;
}

// The input shape written on a layer's config, under any of the names Keras used.
bool read_config_input_shape(const Reporter& r, const JsonValue& config, Shape* out, bool* found) {
    static const struct { const char* key; bool has_batch; } kKeys[] = {
        {"batch_input_shape", true}, {"batch_shape", true}, {"input_shape", false}, {"shape", false}};
    for (const auto& k : kKeys) {
        const JsonValue* v = config.find(k.key);
        if (v && !v->is_null()) {
            *found = true;
            return read_shape(r, k.key, *v, k.has_batch, out);
        }
    }
    return true;
}

std::string supported_activation_list() {
    std::string list;
    for (int a = 0; a < int(Activation::Count); ++a) {
        if (a > 0) list += ", ";
        list += activation_name(Activation(a));
    }
    return list;
}

// A field that ConvLab accepts only at one value (see Field::DataFormat and below).
bool check_fixed_field(const Reporter& r, Field f, const JsonValue& v) {
    switch (f) {
        case Field::DataFormat:
            if (v.is_null() || (v.type == JsonType::String && v.string == "channels_last")) return true;
            return r.fail(v, at_field("data_format", MsgCode::KjDataFormat, {describe(v)}));
        case Field::Groups:
            if (v.is_null() || (v.type == JsonType::Number && v.is_integer && v.integer == 1)) return true;
            return r.fail(v, at_field("groups", MsgCode::KjGroups, {describe(v)}));
        case Field::Axis: {
            // tf.keras writes the axis as a list after the layer is built: [3].
            const JsonValue& a = v.type == JsonType::Array && v.items.size() == 1 ? v.items[0] : v;
            if (a.type == JsonType::Number && a.is_integer && (a.integer == -1 || a.integer == 3)) return true;
            return r.fail(v, at_field("axis", MsgCode::KjAxis, {describe(v)}));
        }
        case Field::NoiseShape:
            if (v.is_null()) return true;
            return r.fail(v, at_field("noise_shape", MsgCode::KjNoiseShape, {describe(v)}));
        default: return true;
    }
}

bool read_field(const Reporter& r, Field f, const JsonValue& v, LayerSpec* s, bool* strides_given) {
    const char* key = field_keyword(f);
    if (twin_2d_kind(s->kind) != LayerKind::Count) {  // Conv1D and the 1D poolings: one size each
        switch (f) {
            case Field::KernelSize:
            case Field::PoolSize: return read_size1(r, key, v, &s->kernel);
            case Field::DilationRate: return read_size1(r, key, v, &s->dilation);
            case Field::Strides:
                if (v.is_null()) return true;
                *strides_given = true;
                return read_size1(r, key, v, &s->strides);
            default: break;
        }
    }
    switch (f) {
        case Field::Filters: return read_count(r, key, v, 1, &s->filters);
        case Field::Units: return read_count(r, key, v, 1, &s->units);
        case Field::DepthMultiplier: return read_count(r, key, v, 1, &s->depth_multiplier);
        case Field::KernelSize:
        case Field::PoolSize: return read_pair(r, key, v, 1, &s->kernel);
        case Field::Strides:
            if (v.is_null()) return true;  // poolings: None means strides = pool_size
            *strides_given = true;
            return read_pair(r, key, v, 1, &s->strides);
        case Field::DilationRate: return read_pair(r, key, v, 1, &s->dilation);
        case Field::Padding:
            if (v.type != JsonType::String || !parse_padding(v.string, &s->padding))
                return r.fail(v, at_field(key, MsgCode::KjWantPadding, {describe(v)}));
            return true;
        case Field::ZeroPadding: return read_zero_padding(r, v, s);
        case Field::UseBias: return read_bool(r, key, v, &s->use_bias);
        case Field::Center: return read_bool(r, key, v, &s->center);
        case Field::Scale: return read_bool(r, key, v, &s->scale);
        case Field::Activation:
            if (v.is_null()) { s->activation = Activation::Linear; return true; }
            if (v.type != JsonType::String || !parse_activation(v.string, &s->activation))
                return r.fail(v, at_field(key, MsgCode::KjUnknownActivation,
                                          {describe(v), as_is(supported_activation_list())}));
            return true;
        case Field::Rate: return read_real(r, key, v, &s->rate);
        case Field::Momentum: return read_real(r, key, v, &s->momentum);
        case Field::Epsilon: return read_real(r, key, v, &s->epsilon);
        case Field::MaxValue:
            s->has_max_value = !v.is_null();
            return v.is_null() || read_real(r, key, v, &s->max_value);
        case Field::NegativeSlope: return read_real(r, key, v, &s->negative_slope);
        case Field::Threshold: return read_real(r, key, v, &s->threshold);
        case Field::Alpha:  // LeakyReLU's slope in Keras 2 and TF.js; ELU's alpha
            return read_real(r, key, v, s->kind == LayerKind::LeakyReLU ? &s->negative_slope : &s->alpha);
        case Field::RescaleScale: return read_real(r, key, v, &s->rescale);
        case Field::Offset: return read_real(r, key, v, &s->offset);
        case Field::TargetShape: return read_target_shape(r, v, &s->target_shape);
        case Field::Keepdims: return read_bool(r, key, v, &s->keepdims);
        case Field::Size: return read_pair(r, key, v, 1, &s->size);
        case Field::Interpolation:
            if (v.type == JsonType::String && (v.string == "nearest" || v.string == "bilinear")) {
                s->bilinear = v.string == "bilinear";
                return true;
            }
            return r.fail(v, at_field(key, MsgCode::KjWantInterpolation, {describe(v)}));
        case Field::Cropping: return read_zero_padding(r, v, s, "cropping");
        case Field::SharedAxes: {  // null, or axes 1 to 3 (the batch is 0)
            s->shared_axes = 0;
            if (v.is_null()) return true;
            const JsonValue& list = unwrap_tuple(v);
            if (list.type != JsonType::Array) return r.fail(v, at_field(key, MsgCode::KjWantShapeList, {describe(v)}));
            for (const JsonValue& axis : list.items) {
                int64_t a = 0;
                if (!read_count(r, key, axis, 1, &a)) return false;
                if (a > 3) return r.fail(axis, at_field(key, MsgCode::KjOverLimit, {as_is(a), as_is(int64_t(3))}));
                s->shared_axes = uint8_t(s->shared_axes | (1u << a));
            }
            return true;
        }
        case Field::OutputPadding:
            s->has_output_padding = !v.is_null();
            return v.is_null() || read_pair(r, key, v, 0, &s->output_padding);
        case Field::Dims: {  // a list of 1-based axes, validated by analysis/permute.cpp
            const JsonValue& list = unwrap_tuple(v);
            if (list.type != JsonType::Array) return r.fail(v, at_field(key, MsgCode::KjWantShapeList, {describe(v)}));
            if (list.items.empty() || list.items.size() > 3)
                return r.fail(v, at_field(key, MsgCode::KjShapeRank, {as_is(int64_t(list.items.size()))}));
            Shape d;
            d.rank = int(list.items.size());
            for (size_t i = 0; i < list.items.size(); ++i)
                if (!read_count(r, key, list.items[i], 1, &d.dim[i])) return false;
            s->dims = d;
            return true;
        }
        case Field::Axis:
            if (s->kind == LayerKind::Normalization) {  // -1, a positive axis, or null (Keras's axis=None)
                const JsonValue& a = unwrap_tuple(v);
                const JsonValue& one = a.type == JsonType::Array && a.items.size() == 1 ? a.items[0] : a;
                if (one.is_null()) {
                    s->axis = 0;
                    return true;
                }
                if (one.type != JsonType::Number || !one.is_integer || one.integer < -1 || one.integer > 3 || one.integer == 0)
                    return r.fail(v, at_field(key, MsgCode::KjNormalizationAxis, {describe(v)}));
                s->axis = one.integer;
                return true;
            }
            if (s->kind == LayerKind::Concatenate) {  // any axis; merge.cpp says which fit the inputs
                if (v.type != JsonType::Number || !v.is_integer || v.integer < -8 || v.integer > 8)
                    return r.fail(v, at_field(key, MsgCode::KjWantWhole, {describe(v)}));
                s->axis = v.integer;
                return true;
            }
            return check_fixed_field(r, f, v);
        case Field::DataFormat:
        case Field::Groups:
        case Field::NoiseShape: return check_fixed_field(r, f, v);
        case Field::InputShape:  // read by read_config_input_shape: it has several keys
        case Field::Name:
        case Field::Count: return true;
    }
    return true;
}

// Keras requires these arguments; every other field has a default.
bool field_required(LayerKind kind, Field f) {
    switch (f) {
        case Field::Filters:
        case Field::Units:
        case Field::Rate:
        case Field::RescaleScale:  // Rescaling's scale
        case Field::TargetShape:
        case Field::Dims: return true;
        case Field::KernelSize: return true;  // poolings read PoolSize, which has a default
        case Field::Activation: return kind == LayerKind::Activation;
        default: return false;
    }
}

bool read_name(const Reporter& r, const JsonValue& config, std::string* out) {
    const JsonValue* v = config.find("name");
    if (!v || v->is_null()) return true;
    if (v->type != JsonType::String) return r.fail(*v, at_field("name", MsgCode::KjWantString, {describe(*v)}));
    if (int64_t(v->string.size()) > kMaxLayerNameBytes)
        return r.fail(*v, at_field("name", MsgCode::KjNameTooLong, {as_is(kMaxLayerNameBytes)}));
    for (char c : v->string)
        if (static_cast<unsigned char>(c) < 0x20) return r.fail(*v, at_field("name", MsgCode::KjNameControl));
    *out = v->string;
    return true;
}

Message layer_where(size_t index, const std::string& name, const std::string& class_name) {
    if (name.empty()) return Message(MsgCode::WhereLayerClass, {as_is(int64_t(index + 1)), as_is(class_name)});
    return Message(MsgCode::WhereLayerNamed, {as_is(int64_t(index + 1)), as_is(name), as_is(class_name)});
}

// Models inside models: keras.applications bases sit one deep in a learner's
// model; 16 leaves room for hand-made nesting and keeps a hostile file's
// recursion short (the JSON reader's own depth limit comes first for deeper).
constexpr int kMaxModelNesting = 16;

bool import_model_object(const JsonValue& doc, ImportResult* result, int depth);

// A model used as a layer: read whole, as a model of its own.
bool read_nested_model(ImportResult* result, size_t index, const JsonValue& entry, const JsonValue& cls, int depth,
                       LayerSpec* spec) {
    Reporter r{result, Message(MsgCode::WhereLayer, {as_is(int64_t(index + 1))})};
    if (depth >= kMaxModelNesting) return r.fail(cls, Message(MsgCode::KjNestedTooDeep, {as_is(int64_t(kMaxModelNesting))}));
    *spec = make_layer(LayerKind::Model);
    const JsonValue* config = entry.find("config");
    if (config && config->type == JsonType::Object && !read_name(r, *config, &spec->name)) return false;
    r.where = layer_where(index, spec->name, cls.string.c_str());
    ImportResult inner;
    import_model_object(entry, &inner, depth + 1);
    if (!inner.ok) {
        result->ok = false;
        result->message = Message(MsgCode::Located, {r.where, inner.message});
        result->error = message_en(result->message);
        result->line = inner.line;
        result->column = inner.column;
        return false;
    }
    spec->nested = std::make_shared<const ModelSpec>(std::move(inner.model));
    const JsonValue* trainable = config ? config->find("trainable") : nullptr;  // base_model.trainable = False
    return !trainable || read_bool(r, "trainable", *trainable, &spec->trainable);
}

bool read_layer(ImportResult* result, size_t index, const JsonValue& entry, LayerSpec* spec, bool* has_input_shape,
                int depth) {
    Reporter r{result, Message(MsgCode::WhereLayer, {as_is(int64_t(index + 1))})};
    if (entry.type != JsonType::Object) return r.fail(entry, Message(MsgCode::KjWantLayerObject, {describe(entry)}));
    const JsonValue* cls = entry.find("class_name");
    if (!cls) return r.fail(entry, at_field("class_name", MsgCode::KjMissing));
    if (cls->type != JsonType::String) return r.fail(*cls, at_field("class_name", MsgCode::KjWantString, {describe(*cls)}));
    const LayerKindInfo* info = find_layer_kind(cls->string);
    if (!info)
        return r.fail(*cls, at_field("class_name", MsgCode::KjUnknownLayer, {describe(*cls), as_is(layer_class_names())}));
    if (info->kind == LayerKind::Model) {
        *has_input_shape = false;
        return read_nested_model(result, index, entry, *cls, depth, spec);
    }
    const JsonValue* config = entry.find("config");
    if (!config) return r.fail(entry, at_field("config", MsgCode::KjMissing));
    if (config->type != JsonType::Object)
        return r.fail(*config, at_field("config", MsgCode::KjWantObject, {describe(*config)}));

    *spec = make_layer(info->kind);
    if (!read_name(r, *config, &spec->name)) return false;
    r.where = layer_where(index, spec->name, info->class_name);
    if (info->kind == LayerKind::TFOpLambda) {  // {"function": "math.multiply"}; its number is in inbound_nodes
        const JsonValue* function = config->find("function");
        if (!function) return r.fail(*config, at_field("function", MsgCode::KjMissing));
        if (function->type != JsonType::String || !parse_tf_op_lambda_function(function->string, &spec->scalar_op)) {
            std::string known;
            for (int k = 0; k < int(ScalarOp::Count); ++k) known += (k ? ", " : "") + std::string(tf_op_lambda_function(ScalarOp(k)));
            return r.fail(*function, at_field("function", MsgCode::KjUnknownActivation, {describe(*function), as_is(known)}));
        }
    }

    // Every keyword of the Keras signature, then any editor field not in it.
    std::vector<Field> fields = info->positional;
    for (Field f : info->fields)
        if (std::find(fields.begin(), fields.end(), f) == fields.end()) fields.push_back(f);
    bool strides_given = false;
    for (Field f : fields) {
        if (f == Field::InputShape) continue;
        const char* key = field_keyword(f);
        const JsonValue* v = config->find(key);
        if (!v) {
            if (field_required(info->kind, f)) return r.fail(*config, at_field(key, MsgCode::KjMissing));
            continue;
        }
        if (!read_field(r, f, *v, spec, &strides_given)) return false;
    }
    if (info->kind == LayerKind::Normalization)  // statistics written into the config, not adapted
        for (const char* key : {"mean", "variance"}) {
            const JsonValue* v = config->find(key);
            if (v && !v->is_null()) return r.fail(*v, at_field(key, MsgCode::KjNormalizationGiven));
        }
    const JsonValue* trainable = config->find("trainable");  // any layer may be frozen, in any form
    if (trainable && !read_bool(r, "trainable", *trainable, &spec->trainable)) return false;
    const LayerKind twin = twin_2d_kind(info->kind);
    bool pooling = info->kind == LayerKind::MaxPooling2D || info->kind == LayerKind::AveragePooling2D ||
                   twin == LayerKind::MaxPooling2D || twin == LayerKind::AveragePooling2D;
    if (pooling && !strides_given) spec->strides = spec->kernel;

    *has_input_shape = false;
    if (!read_config_input_shape(r, *config, &spec->input_shape, has_input_shape)) return false;
    if (info->kind == LayerKind::InputLayer && !*has_input_shape)
        return r.fail(*config, at_field("batch_shape", MsgCode::KjInputLayerNoShape));
    // Keras 3 records the shape a layer was built for beside its config.
    const JsonValue* build = entry.find("build_config");
    if (!*has_input_shape && index == 0 && build && build->type == JsonType::Object) {
        const JsonValue* shape = build->find("input_shape");
        if (shape && !shape->is_null()) {
            *has_input_shape = true;
            if (!read_shape(r, "build_config.input_shape", *shape, true, &spec->input_shape)) return false;
        }
    }
    return true;
}

// compile(loss=..., optimizer=...) as Keras 2 (training_config), Keras 3
// (compile_config) and TF.js (trainingConfig) record it. Only what is plainly
// there is taken; anything else leaves the CompileSpec as it was.
void read_compile(const JsonValue& training, CompileSpec* out) {
    if (training.type != JsonType::Object) return;
    auto name_of = [](const JsonValue* v) -> std::string {
        if (!v) return "";
        if (v->type == JsonType::String) return v->string;
        if (v->type != JsonType::Object) return "";
        const JsonValue* config = v->find("config");
        if (config && config->type == JsonType::String) return config->string;  // Keras 3 functions
        if (config && config->type == JsonType::Object) {
            const JsonValue* name = config->find("name");
            if (name && name->type == JsonType::String) return name->string;
        }
        const JsonValue* cls = v->find("class_name");
        return cls && cls->type == JsonType::String ? cls->string : "";
    };
    out->loss = name_of(training.find("loss"));
    const JsonValue* optimizer = training.find("optimizer_config");
    if (!optimizer) optimizer = training.find("optimizer");
    if (!optimizer) return;
    if (optimizer->type == JsonType::String) {
        out->optimizer = optimizer->string;
        return;
    }
    if (optimizer->type != JsonType::Object) return;
    const JsonValue* cls = optimizer->find("class_name");
    if (cls && cls->type == JsonType::String) out->optimizer = cls->string;
    const JsonValue* config = optimizer->find("config");
    if (!config || config->type != JsonType::Object) return;
    // Keras 2.2 says lr, TF.js says learningRate and beta1.
    static const struct { const char* key; const char* name; } kArgs[] = {
        {"learning_rate", "learning_rate"}, {"lr", "learning_rate"}, {"learningRate", "learning_rate"},
        {"rho", "rho"}, {"momentum", "momentum"}, {"epsilon", "epsilon"},
        {"beta_1", "beta_1"}, {"beta1", "beta_1"}, {"beta_2", "beta_2"}, {"beta2", "beta_2"}};
    for (const auto& a : kArgs) {
        const JsonValue* v = config->find(a.key);
        if (!v || v->type != JsonType::Number) continue;
        bool seen = false;
        for (const auto& arg : out->optimizer_args) seen = seen || arg.first == a.name;
        if (!seen) out->optimizer_args.emplace_back(a.name, v->number);
    }
}

// The model object inside the wrappers: model.json's {"modelTopology": ...} and
// the converter's {"model_config": ...}. The training configuration sits beside it.
const JsonValue* find_model(const JsonValue* root, const JsonValue** training) {
    for (int level = 0; level < 2 && root->type == JsonType::Object; ++level) {
        for (const char* key : {"trainingConfig", "training_config"}) {
            const JsonValue* t = root->find(key);
            if (t && t->type == JsonType::Object) *training = t;
        }
        const JsonValue* inner = root->find("modelTopology");
        if (!inner) inner = root->find("model_config");
        if (!inner || inner->type != JsonType::Object) break;
        root = inner;
    }
    return root;
}


// ---- Functional graphs ---------------------------------------------------------

// A tensor as the JSON names it, before names are resolved to layer indices.
struct NamedRef {
    const JsonValue* at = nullptr;  // for the line and column of a message
    std::string name;
    int64_t call = 0, tensor = 0;
};

// [name, node_index, tensor_index(, kwargs)]: Keras 2, TF.js and Keras 3's
// input_layers / output_layers. Tuples may come wrapped (SavedModel metadata).
bool read_triple(const Reporter& r, const JsonValue& raw, NamedRef* out) {
    const JsonValue& v = unwrap_tuple(raw);
    const bool ok = v.type == JsonType::Array && v.items.size() >= 3 && v.items.size() <= 4 &&
                    v.items[0].type == JsonType::String && v.items[1].type == JsonType::Number &&
                    v.items[1].is_integer && v.items[2].type == JsonType::Number && v.items[2].is_integer;
    if (!ok) return r.fail(raw, Message(MsgCode::KjWantTensorRef, {describe(raw)}));
    *out = NamedRef{&raw, v.items[0].string, v.items[1].integer, v.items[2].integer};
    return true;
}

// Keras 3 writes a call's arguments as they were passed: a tensor is
// {"class_name": "__keras_tensor__", "config": {"keras_history": [name, node,
// tensor], ...}}, a merge's list of tensors is a list. Every tensor is
// collected in order; other values (a `training` flag, a constant) are not inputs.
bool collect_keras_tensors(const Reporter& r, const JsonValue& v, int depth, std::vector<NamedRef>* out) {
    if (depth > 8) return true;
    if (v.type == JsonType::Array) {
        for (const JsonValue& item : v.items)
            if (!collect_keras_tensors(r, item, depth + 1, out)) return false;
        return true;
    }
    if (v.type != JsonType::Object) return true;
    const JsonValue* cls = v.find("class_name");
    if (!cls || cls->type != JsonType::String || cls->string != "__keras_tensor__") {
        const JsonValue* items = v.find("items");  // a wrapped tuple or list of tensors
        return items ? collect_keras_tensors(r, *items, depth + 1, out) : true;
    }
    const JsonValue* config = v.find("config");
    const JsonValue* history = config && config->type == JsonType::Object ? config->find("keras_history") : nullptr;
    if (!history) return r.fail(v, Message(MsgCode::KjWantTensorRef, {describe(v)}));
    NamedRef ref;
    if (!read_triple(r, *history, &ref)) return false;
    out->push_back(ref);
    return true;
}

// One layer's "inbound_nodes": a list with one entry per call.
bool read_calls(const Reporter& r, const JsonValue& raw, std::vector<std::vector<NamedRef>>* calls) {
    const JsonValue& nodes = unwrap_tuple(raw);
    if (nodes.type != JsonType::Array) return r.fail(raw, at_field("inbound_nodes", MsgCode::KjWantCallList, {describe(raw)}));
    if (nodes.items.size() > size_t(kMaxLayerCalls))
        return r.fail(raw, at_field("inbound_nodes", MsgCode::KjTooManyCalls,
                                    {as_is(int64_t(nodes.items.size())), as_is(kMaxLayerCalls)}));
    for (const JsonValue& raw_node : nodes.items) {
        const JsonValue& node = unwrap_tuple(raw_node);
        std::vector<NamedRef> call;
        if (node.type == JsonType::Object) {  // Keras 3
            const JsonValue* args = node.find("args");
            if (!args) return r.fail(node, at_field("inbound_nodes", MsgCode::KjWantInboundList, {describe(node)}));
            if (!collect_keras_tensors(r, *args, 0, &call)) return false;
        } else if (node.type == JsonType::Array) {  // Keras 2 and TF.js
            for (const JsonValue& t : node.items) {
                NamedRef ref;
                if (!read_triple(r, t, &ref)) return false;
                call.push_back(ref);
            }
        } else {
            return r.fail(node, at_field("inbound_nodes", MsgCode::KjWantInboundList, {describe(node)}));
        }
        calls->push_back(std::move(call));
    }
    return true;
}

// A TFOpLambda's "inbound_nodes", as tf.keras 2.4+ writes them: the one call
// is [name, node, tensor, {"y": 3.0, "name": null}], the tensor as the op's
// first argument and the number as its keyword y (x + 3.0 is add(x, y=3.0)).
// A number given first (3.0 - x) is written another way, and is not read.
bool read_tf_op_lambda_call(const Reporter& r, const JsonValue& raw, LayerSpec* layer,
                            std::vector<std::vector<NamedRef>>* calls) {
    const JsonValue& nodes = unwrap_tuple(raw);
    if (nodes.type != JsonType::Array || nodes.items.size() != 1)
        return r.fail(raw, at_field("inbound_nodes", MsgCode::KjWantCallList, {describe(raw)}));
    const JsonValue* call = &unwrap_tuple(nodes.items[0]);
    if (call->type == JsonType::Array && call->items.size() == 1)  // [[[name, node, tensor, {...}]]] as other layers
        call = &unwrap_tuple(call->items[0]);
    NamedRef ref;
    if (!read_triple(r, *call, &ref)) return false;
    const JsonValue* kwargs = call->items.size() == 4 ? &call->items[3] : nullptr;
    const JsonValue* y = kwargs && kwargs->type == JsonType::Object ? kwargs->find("y") : nullptr;
    if (!y) return r.fail(*call, at_field("y", MsgCode::KjMissing));
    if (y->type != JsonType::Number) return r.fail(*y, at_field("y", MsgCode::KjWantNumber, {describe(*y)}));
    layer->scalar = y->number;
    double scale = 0.0, offset = 0.0;  // x / 0
    if (!tf_op_lambda_affine(*layer, &scale, &offset))
        return r.fail(*y, at_field("y", MsgCode::KjWantNumber, {as_is("0, a division by zero")}));
    calls->push_back({ref});
    return true;
}

// input_layers / output_layers: a list of triples, or (Keras 3 with one
// tensor) the triple itself.
bool read_ends(const Reporter& r, const JsonValue& config, const char* key, std::vector<NamedRef>* out) {
    const JsonValue* raw = config.find(key);
    if (!raw) return r.fail(config, at_field(key, MsgCode::KjMissing));
    const JsonValue& v = unwrap_tuple(*raw);
    if (v.type == JsonType::Array && !v.items.empty() && v.items[0].type == JsonType::String) {
        NamedRef ref;
        if (!read_triple(r, v, &ref)) return false;
        out->push_back(ref);
        return true;
    }
    if (v.type != JsonType::Array) return r.fail(*raw, at_field(key, MsgCode::KjWantTensorRef, {describe(*raw)}));
    for (const JsonValue& t : v.items) {
        NamedRef ref;
        if (!read_triple(r, t, &ref)) return false;
        out->push_back(ref);
    }
    return true;
}

// A name to a TensorRef. Whether that call exists is summarize_graph's to say;
// here only what needs the JSON's line and column.
bool resolve(const Reporter& r, const std::vector<std::string>& names, const NamedRef& n, TensorRef* out) {
    const auto it = std::find(names.begin(), names.end(), n.name);
    if (it == names.end()) return r.fail(*n.at, Message(MsgCode::KjUnknownLayerRef, {as_is(n.name)}));
    if (n.call < 0 || n.call >= kMaxLayerCalls || n.tensor < 0 || n.tensor >= kMaxLayerCalls)
        return r.fail(*n.at, Message(MsgCode::KjWantTensorRef, {describe(*n.at)}));
    *out = TensorRef{int(it - names.begin()), int(n.call), int(n.tensor)};
    return true;
}

bool import_functional(const JsonValue& model, const JsonValue& config, ImportResult* result, int depth) {
    Reporter r{result, Message()};
    const JsonValue* layers = config.find("layers");
    if (!layers) return r.fail(config, Message(MsgCode::KjNoLayersKey));
    if (layers->type != JsonType::Array)
        return r.fail(*layers, at_field("layers", MsgCode::KjWantLayerList, {describe(*layers)}));
    if (layers->items.empty()) return r.fail(*layers, at_field("layers", MsgCode::KjNoLayers));
    if (layers->items.size() > size_t(kMaxGraphLayers))
        return r.fail(*layers, at_field("layers", MsgCode::KjTooManyLayers,
                                        {as_is(int64_t(layers->items.size())), as_is(kMaxGraphLayers)}));
    ModelSpec& spec = result->model;
    spec.functional = true;
    const JsonValue* model_name = config.find("name");
    if (model_name && model_name->type == JsonType::String && model_name->string.size() <= size_t(kMaxLayerNameBytes))
        spec.name = model_name->string;
    spec.layers.resize(layers->items.size());
    std::vector<std::string> names(layers->items.size());
    std::vector<std::vector<std::vector<NamedRef>>> calls(layers->items.size());
    for (size_t i = 0; i < layers->items.size(); ++i) {
        const JsonValue& entry = layers->items[i];
        bool has_shape = false;
        LayerSpec& layer = spec.layers[i];
        if (!read_layer(result, i, entry, &layer, &has_shape, depth)) return false;
        // Keras reads a shape only from an InputLayer in a Functional model.
        if (layer.kind != LayerKind::InputLayer) layer.input_shape = Shape{};
        Reporter lr{result, layer_where(i, layer.name, layer_kind_info(layer.kind).class_name)};
        if (layer.name.empty()) {  // Keras 2 and 3 also write the name beside the config
            const JsonValue* name = entry.find("name");
            if (!name) return lr.fail(entry, at_field("name", MsgCode::KjMissing));
            if (!read_name(lr, entry, &layer.name)) return false;
        }
        const auto same = std::find(names.begin(), names.begin() + long(i), layer.name);
        if (same != names.begin() + long(i))
            return lr.fail(entry, at_field("name", MsgCode::KjDuplicateName,
                                           {as_is(layer.name), as_is(int64_t(same - names.begin() + 1))}));
        names[i] = layer.name;
        const JsonValue* inbound = entry.find("inbound_nodes");
        if (layer.kind == LayerKind::TFOpLambda) {
            if (!inbound) return lr.fail(entry, at_field("inbound_nodes", MsgCode::KjMissing));
            if (!read_tf_op_lambda_call(lr, *inbound, &layer, &calls[i])) return false;
        } else if (inbound && !read_calls(lr, *inbound, &calls[i])) {
            return false;
        }
    }
    std::vector<NamedRef> inputs, outputs;
    if (!read_ends(r, config, "input_layers", &inputs) || !read_ends(r, config, "output_layers", &outputs)) return false;
    // A model used as a layer was already "called" once when it was built (its
    // node 0 joins its own inputs to its outputs), and Keras 2, TF.js and Keras
    // 3 (for a Functional one) leave that node out of the file but keep
    // counting from it: the file's first call is node 1. A Keras 3 Sequential
    // counts from 0. So a nested model's references start at 1 when none is 0
    // and the last reaches its call count (or it is Functional).
    std::vector<int64_t> lowest(calls.size(), kMaxLayerCalls), highest(calls.size(), -1);
    auto note = [&](const NamedRef& n) {
        const auto it = std::find(names.begin(), names.end(), n.name);
        if (it == names.end()) return;
        const size_t l = size_t(it - names.begin());
        lowest[l] = std::min(lowest[l], n.call);
        highest[l] = std::max(highest[l], n.call);
    };
    for (const auto& layer_calls : calls)
        for (const auto& call : layer_calls)
            for (const NamedRef& n : call) note(n);
    for (const NamedRef& n : outputs) note(n);
    std::vector<int64_t> first_call(calls.size(), 0);
    for (size_t l = 0; l < calls.size(); ++l) {
        const LayerSpec& layer = spec.layers[l];
        if (layer.kind != LayerKind::Model || !layer.nested || highest[l] < 0 || lowest[l] == 0) continue;
        if (layer.nested->functional || highest[l] == int64_t(calls[l].size())) first_call[l] = 1;
    }
    auto shifted = [&](NamedRef n) {
        const auto it = std::find(names.begin(), names.end(), n.name);
        if (it != names.end()) n.call -= first_call[size_t(it - names.begin())];
        return n;
    };
    // Names are resolved once all are known: a hand-written file may refer forward.
    for (size_t i = 0; i < calls.size(); ++i) {
        Reporter lr{result, layer_where(i, names[i], layer_kind_info(spec.layers[i].kind).class_name)};
        for (const std::vector<NamedRef>& call : calls[i]) {
            std::vector<TensorRef> refs;
            for (const NamedRef& n : call) {
                TensorRef ref;
                if (!resolve(lr, names, shifted(n), &ref)) return false;
                refs.push_back(ref);
            }
            spec.layers[i].calls.push_back(std::move(refs));
        }
    }
    for (const NamedRef& n : inputs) {
        TensorRef ref;
        if (!resolve(r, names, n, &ref)) return false;
        spec.inputs.push_back(ref);
    }
    for (const NamedRef& n : outputs) {
        TensorRef ref;
        if (!resolve(r, names, shifted(n), &ref)) return false;
        spec.outputs.push_back(ref);
    }
    const JsonValue* compile = model.find("compile_config");
    if (compile) read_compile(*compile, &spec.compile);
    result->ok = true;
    return true;
}

bool import_model_object(const JsonValue& doc, ImportResult* result, int depth) {
    Reporter r{result, Message()};
    const JsonValue* training = nullptr;
    const JsonValue* model = find_model(&doc, &training);
    if (model->type != JsonType::Object)
        return r.fail(*model, Message(MsgCode::KjWantModel, {describe(*model)}));
    const JsonValue* cls = model->find("class_name");
    if (!cls) return r.fail(*model, Message(MsgCode::KjNoClassName));
    const bool functional =
        cls->type == JsonType::String && (cls->string == "Functional" || cls->string == "Model");
    if (!functional && (cls->type != JsonType::String || cls->string != "Sequential"))
        return r.fail(*cls, Message(MsgCode::KjNotSequential, {describe(*cls)}));
    const JsonValue* config = model->find("config");
    if (!config) return r.fail(*model, Message(MsgCode::KjNoConfig));
    if (functional) {
        if (config->type != JsonType::Object) return r.fail(*config, at_field("config", MsgCode::KjWantObject, {describe(*config)}));
        if (!import_functional(*model, *config, result, depth)) return false;
        if (training) read_compile(*training, &result->model.compile);
        return true;
    }
    // Keras 2.0 and 2.1 wrote the layer list as the config itself.
    const JsonValue* layers = config->type == JsonType::Array ? config : nullptr;
    if (config->type == JsonType::Object) {
        layers = config->find("layers");
        if (!layers) return r.fail(*config, Message(MsgCode::KjNoLayersKey));
    }
    if (!layers) return r.fail(*config, at_field("config", MsgCode::KjWantConfig, {describe(*config)}));
    if (layers->type != JsonType::Array)
        return r.fail(*layers, at_field("layers", MsgCode::KjWantLayerList, {describe(*layers)}));
    if (layers->items.empty()) return r.fail(*layers, at_field("layers", MsgCode::KjNoLayers));
    if (layers->items.size() > size_t(kMaxImportLayers))
        return r.fail(*layers, at_field("layers", MsgCode::KjTooManyLayers,
                                        {as_is(int64_t(layers->items.size())), as_is(kMaxImportLayers)}));

    ModelSpec& spec = result->model;
    spec.layers.resize(layers->items.size());
    bool first_has_shape = false;
    for (size_t i = 0; i < layers->items.size(); ++i) {
        bool has_shape = false;
        if (!read_layer(result, i, layers->items[i], &spec.layers[i], &has_shape, depth)) return false;
        if (spec.layers[i].kind == LayerKind::TFOpLambda) {  // its number is in a call, which a Sequential list has not
            Reporter lr{result, layer_where(i, spec.layers[i].name, "TFOpLambda")};
            return lr.fail(layers->items[i], at_field("inbound_nodes", MsgCode::KjMissing));
        }
        // A model used as the first layer brings its own input shape.
        if (i == 0) first_has_shape = has_shape || spec.layers[0].kind == LayerKind::Model;
        // Keras reads input_shape only on the first layer; so does ConvLab.
        if (i > 0 && spec.layers[i].kind != LayerKind::InputLayer) spec.layers[i].input_shape = Shape{};
    }
    if (training) read_compile(*training, &spec.compile);
    const JsonValue* compile = model->find("compile_config");
    if (compile) read_compile(*compile, &spec.compile);

    if (!first_has_shape) {
        // tf.keras and Keras 3 record the shape the Sequential was built with.
        const JsonValue* shape = config->type == JsonType::Object ? config->find("build_input_shape") : nullptr;
        const char* key = "build_input_shape";
        const JsonValue* build = model->find("build_config");
        if ((!shape || shape->is_null()) && build && build->type == JsonType::Object) {
            shape = build->find("input_shape");
            key = "build_config.input_shape";
        }
        if (shape && !shape->is_null()) {
            if (!read_shape(r, key, *shape, true, &spec.layers[0].input_shape)) return false;
        } else {
            result->missing_input_shape = true;
            return r.fail(layers->items[0], Message(MsgCode::KjNoInputShape));
        }
    }
    result->ok = true;
    return true;
}

ImportResult import_json_text(std::string_view text) {
    ImportResult result;
    JsonValue doc;
    JsonError error;
    if (!parse_json(text, &doc, &error)) {
        result.message = Message(MsgCode::JsonSyntax, {error.what});
        result.error = message_en(result.message);
        result.line = error.line;
        result.column = error.column;
        return result;
    }
    // TF.js model.toJSON() returns the JSON as a string; saved as JSON it is quoted once more.
    if (doc.type == JsonType::String) {
        JsonValue inner;
        if (!parse_json(doc.string, &inner, &error)) {
            result.message = Message(MsgCode::JsonSyntaxQuoted, {error.what});
            result.error = message_en(result.message);
            result.line = error.line;
            result.column = error.column;
            return result;
        }
        import_model_object(inner, &result, 0);
        if (!result.ok) {
            result.message = Message(MsgCode::InQuotedString, {result.message});
            result.error = message_en(result.message);
        }
        return result;
    }
    import_model_object(doc, &result, 0);
    return result;
}

std::string_view skip_space_and_bom(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    size_t i = 0;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    return text.substr(i);
}

}  // namespace

ImportResult import_keras_json(std::string_view text) { return import_json_text(text); }

ImportResult import_model_text(std::string_view text, const Shape* input_shape_override,
                               const PythonSettings& settings, const std::vector<int64_t>* torch_input_size) {
    std::string_view body = skip_space_and_bom(text);
    if (body.empty()) {
        ImportResult result;
        result.message = Message(MsgCode::ImportEmpty);
        result.error = message_en(result.message);
        return result;
    }
    // A JSON string holding the model (TF.js toJSON() saved as is) also starts
    // with a quote, but a Python docstring starts with three.
    size_t last = body.find_last_not_of(" \t\r\n");
    bool quoted_json = body[0] == '"' && body.substr(0, 3) != "\"\"\"" && body[last] == '"';
    // PyTorch code imports torch; a Keras script may import it too (Keras 3
    // on the torch backend, a DataLoader for the data), and stays Keras's.
    if (body[0] != '{' && !quoted_json && python_imports_torch(text) && !python_imports_any(text, {"keras", "tensorflow"})) {
        ImportResult torch = import_torch_python(text, torch_input_size, settings);
        torch.model.dialect = Dialect::PyTorch;  // also when it failed: the caller knows whose code it was
        return torch;
    }
    if (body[0] != '{' && !quoted_json) return import_keras_python(text, input_shape_override, settings);

    ImportResult result = import_keras_json(text);
    if (!result.ok && result.missing_input_shape && input_shape_override) {
        result.model.layers[0].input_shape = *input_shape_override;
        result.ok = true;
        result.missing_input_shape = false;
        result.error.clear();
        result.message = Message();
        result.line = result.column = 0;
    }
    return result;
}

}  // namespace convlab
