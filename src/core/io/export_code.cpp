// export_code.cpp: Keras and PyTorch code for a model. The Keras writer prints
// only what differs from Keras's defaults, so the code reads like a person's.
// The PyTorch writer maps each layer to its nn equivalent, taking every input
// size from summarize() (PyTorch modules need in_channels / in_features).
// Not a converter of weights: Keras is NHWC, PyTorch NCHW (see below).
#include "core/io/export_code.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/analysis/layer_kind.h"
#include "core/analysis/model_summary.h"
#include "core/analysis/tf_op_lambda.h"
#include "core/io/json.h"

namespace convlab {
namespace {

// The shortest decimal that reads back as the same double, always with a '.'
// or an exponent so Python sees a float: 0.25, 0.001, 1.0, 1e-05.
std::string python_float(double v) {
    std::string s = shortest_decimal(v);
    if (s == "inf" || s == "-inf" || s == "nan" || s == "-nan") return "float(\"" + s + "\")";
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

// For display only (PyTorch's momentum 1 - 0.99 is 0.010000000000000009).
std::string short_float(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.12g", v);
    std::string s = buf;
    if (s.find_first_of(".ein") == std::string::npos) s += ".0";
    return s;
}

std::string python_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        unsigned char u = static_cast<unsigned char>(c);
        if (c == '\\' || c == '"') { out += '\\'; out += c; }
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (u < 0x20 || u == 0x7F) {
            static const char kHex[] = "0123456789abcdef";
            out += "\\x";
            out += kHex[u >> 4];
            out += kHex[u & 15];
        } else out += c;
    }
    return out + "\"";
}

bool is_identifier(const std::string& s) {
    if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
    for (char c : s)
        if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    return true;
}

std::string pair_text(const Pair& p) { return "(" + std::to_string(p.h) + ", " + std::to_string(p.w) + ")"; }

std::string shape_tuple(const Shape& s) {
    if (s.rank == 1) return "(" + std::to_string(s.dim[0]) + ",)";
    std::string out = "(";
    for (int i = 0; i < s.rank; ++i) out += (i ? ", " : "") + std::to_string(s.dim[i]);
    return out + ")";
}

// ---------------------------------------------------------------------------
// [SECTION] Keras
// ---------------------------------------------------------------------------

std::string keras_input(const Shape& shape, const std::string& name) {
    std::string s = "keras.Input(shape=" + shape_tuple(shape);
    if (!name.empty()) s += ", name=" + python_string(name);
    return s + ")";
}

// A model used as a layer is built before the model that uses it, in a
// variable of its own; this maps each one to that variable.
using NestedVariables = std::map<const ModelSpec*, std::string>;

std::string keras_layer(const LayerSpec& s, const NestedVariables& nested = {}) {
    if (s.kind == LayerKind::Model) {
        const auto it = nested.find(s.nested.get());
        return it != nested.end() ? it->second : "None";
    }
    // Not a layer class in Keras: in a Sequential list it becomes the Lambda
    // layer that computes it (Functional code writes the expression itself).
    if (s.kind == LayerKind::TFOpLambda) return "layers.Lambda(lambda t: " + tf_op_lambda_expression(s, "t") + ")";
    const Pair one{1, 1};
    std::vector<std::string> args;
    auto conv_common = [&]() {
        if (!(s.strides == one)) args.push_back("strides=" + pair_text(s.strides));
        if (s.padding == Padding::Same) args.push_back("padding=\"same\"");
        if (!(s.dilation == one)) args.push_back("dilation_rate=" + pair_text(s.dilation));
        if (!s.use_bias) args.push_back("use_bias=False");
        if (s.activation != Activation::Linear) args.push_back(std::string("activation=\"") + activation_name(s.activation) + "\"");
    };
    switch (s.kind) {
        case LayerKind::InputLayer: return keras_input(s.input_shape, s.name);
        case LayerKind::Conv2D:
        case LayerKind::SeparableConv2D:
            args.push_back(std::to_string(s.filters));
            args.push_back("kernel_size=" + pair_text(s.kernel));
            if (s.kind == LayerKind::SeparableConv2D && s.depth_multiplier != 1)
                args.push_back("depth_multiplier=" + std::to_string(s.depth_multiplier));
            conv_common();
            break;
        case LayerKind::DepthwiseConv2D:
            args.push_back("kernel_size=" + pair_text(s.kernel));
            if (s.depth_multiplier != 1) args.push_back("depth_multiplier=" + std::to_string(s.depth_multiplier));
            conv_common();
            break;
        case LayerKind::MaxPooling2D:
        case LayerKind::AveragePooling2D:
            args.push_back("pool_size=" + pair_text(s.kernel));
            if (!(s.strides == s.kernel)) args.push_back("strides=" + pair_text(s.strides));
            if (s.padding == Padding::Same) args.push_back("padding=\"same\"");
            break;
        case LayerKind::ZeroPadding2D:
            args.push_back("padding=((" + std::to_string(s.pad_top) + ", " + std::to_string(s.pad_bottom) + "), (" +
                           std::to_string(s.pad_left) + ", " + std::to_string(s.pad_right) + "))");
            break;
        case LayerKind::Dense:
            args.push_back(std::to_string(s.units));
            if (!s.use_bias) args.push_back("use_bias=False");
            if (s.activation != Activation::Linear) args.push_back(std::string("activation=\"") + activation_name(s.activation) + "\"");
            break;
        case LayerKind::Dropout: args.push_back(python_float(s.rate)); break;
        case LayerKind::BatchNormalization:
            if (s.momentum != 0.99) args.push_back("momentum=" + python_float(s.momentum));
            if (s.epsilon != 1e-3) args.push_back("epsilon=" + python_float(s.epsilon));
            if (!s.center) args.push_back("center=False");
            if (!s.scale) args.push_back("scale=False");
            break;
        case LayerKind::Activation: args.push_back(std::string("\"") + activation_name(s.activation) + "\""); break;
        case LayerKind::Concatenate:
            if (s.axis != -1) args.push_back("axis=" + std::to_string(s.axis));
            break;
        case LayerKind::GlobalAveragePooling2D:
        case LayerKind::GlobalMaxPooling2D:
        case LayerKind::GlobalAveragePooling1D:
        case LayerKind::GlobalMaxPooling1D:
            if (s.keepdims) args.push_back("keepdims=True");
            break;
        case LayerKind::Conv1D:  // sizes as one int: the pairs' second half is the twin's 1
            args.push_back(std::to_string(s.filters));
            args.push_back("kernel_size=" + std::to_string(s.kernel.h));
            if (s.strides.h != 1) args.push_back("strides=" + std::to_string(s.strides.h));
            if (s.padding == Padding::Same) args.push_back("padding=\"same\"");
            if (s.dilation.h != 1) args.push_back("dilation_rate=" + std::to_string(s.dilation.h));
            if (!s.use_bias) args.push_back("use_bias=False");
            if (s.activation != Activation::Linear) args.push_back(std::string("activation=\"") + activation_name(s.activation) + "\"");
            break;
        case LayerKind::MaxPooling1D:
        case LayerKind::AveragePooling1D:
            args.push_back("pool_size=" + std::to_string(s.kernel.h));
            if (s.strides.h != s.kernel.h) args.push_back("strides=" + std::to_string(s.strides.h));
            if (s.padding == Padding::Same) args.push_back("padding=\"same\"");
            break;
        // Positional where Keras 2 and 3 name an argument differently (LeakyReLU's alpha / negative_slope).
        case LayerKind::ReLU:
            if (s.has_max_value || s.negative_slope != 0.0 || s.threshold != 0.0)
                args.push_back(s.has_max_value ? python_float(s.max_value) : "None");
            if (s.negative_slope != 0.0) args.push_back("negative_slope=" + python_float(s.negative_slope));
            if (s.threshold != 0.0) args.push_back("threshold=" + python_float(s.threshold));
            break;
        case LayerKind::LeakyReLU: args.push_back(python_float(s.negative_slope)); break;
        case LayerKind::ELU:
            if (s.alpha != 1.0) args.push_back(python_float(s.alpha));
            break;
        case LayerKind::Rescaling:
            args.push_back(python_float(s.rescale));
            if (s.offset != 0.0) args.push_back("offset=" + python_float(s.offset));
            break;
        case LayerKind::Reshape: args.push_back(shape_tuple(s.target_shape)); break;
        case LayerKind::UpSampling2D:
            if (!(s.size == Pair{2, 2})) args.push_back("size=" + pair_text(s.size));
            if (s.bilinear) args.push_back("interpolation=\"bilinear\"");
            break;
        case LayerKind::Cropping2D:
            args.push_back("cropping=((" + std::to_string(s.pad_top) + ", " + std::to_string(s.pad_bottom) + "), (" +
                           std::to_string(s.pad_left) + ", " + std::to_string(s.pad_right) + "))");
            break;
        case LayerKind::SpatialDropout2D: args.push_back(python_float(s.rate)); break;
        case LayerKind::Conv2DTranspose:
            args.push_back(std::to_string(s.filters));
            args.push_back("kernel_size=" + pair_text(s.kernel));
            if (s.has_output_padding) args.push_back("output_padding=" + pair_text(s.output_padding));
            conv_common();
            break;
        case LayerKind::Permute: args.push_back(shape_tuple(s.dims)); break;
        case LayerKind::Normalization:
            if (s.axis == 0) args.push_back("axis=None");
            break;
        case LayerKind::PReLU:
            if (s.shared_axes) {
                std::string axes;
                for (int a = 1; a <= 3; ++a)
                    if ((s.shared_axes >> a) & 1u) axes += (axes.empty() ? "" : ", ") + std::to_string(a);
                args.push_back("shared_axes=[" + axes + "]");
            }
            break;
        case LayerKind::LayerNormalization:
            if (s.epsilon != 1e-3) args.push_back("epsilon=" + python_float(s.epsilon));
            if (!s.center) args.push_back("center=False");
            if (!s.scale) args.push_back("scale=False");
            break;
        default: break;  // Flatten, the global poolings and the other merges take nothing
    }
    if (!s.trainable) args.push_back("trainable=False");
    if (!s.name.empty()) args.push_back("name=" + python_string(s.name));
    std::string out = std::string("layers.") + layer_kind_info(s.kind).class_name + "(";
    for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i];
    return out + ")";
}

// "adam" stays a string; a class (Adadelta) or one with arguments is constructed.
std::string keras_compile(const CompileSpec& c) {
    std::vector<std::string> args;
    if (!c.loss.empty()) {
        bool is_class = c.loss[0] >= 'A' && c.loss[0] <= 'Z' && is_identifier(c.loss);
        args.push_back("loss=" + (is_class ? "keras.losses." + c.loss + "()" : python_string(c.loss)));
    }
    if (!c.optimizer.empty()) {
        bool is_class = is_identifier(c.optimizer) && ((c.optimizer[0] >= 'A' && c.optimizer[0] <= 'Z') ||
                                                        !c.optimizer_args.empty());
        if (is_class) {
            std::string call = "keras.optimizers." + c.optimizer + "(";
            bool first = true;
            for (const auto& a : c.optimizer_args) {
                if (!is_identifier(a.first)) continue;
                call += (first ? "" : ", ") + a.first + "=" + python_float(a.second);
                first = false;
            }
            args.push_back("optimizer=" + call + ")");
        } else {
            args.push_back("optimizer=" + python_string(c.optimizer));
        }
    }
    std::string out = "model.compile(";
    for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i];
    return out + ")\n";
}

// ---------------------------------------------------------------------------
// [SECTION] PyTorch
// ---------------------------------------------------------------------------

const char* torch_activation(Activation a) {
    switch (a) {
        case Activation::Relu: return "nn.ReLU()";
        case Activation::Sigmoid: return "nn.Sigmoid()";
        case Activation::Tanh: return "nn.Tanh()";
        case Activation::Softmax: return "nn.Softmax(dim=1)";  // dim 1 is C in (N, C, H, W) and F in (N, F)
        case Activation::Elu: return "nn.ELU()";
        case Activation::Swish: return "nn.SiLU()";
        case Activation::Gelu: return "nn.GELU()";  // the exact (erf) form, as Keras's default
        case Activation::HardSigmoid: return "nn.Hardsigmoid()";  // relu6(x + 3) / 6, as Keras 3's
        case Activation::HardSwish: return "nn.Hardswish()";
        default: return nullptr;
    }
}

// nn.ZeroPad2d and nn.ConstantPad2d take (left, right, top, bottom).
std::string torch_pads(const LayerAnalysis& a) {
    return "(" + std::to_string(a.width.pad_before) + ", " + std::to_string(a.width.pad_after) + ", " +
           std::to_string(a.height.pad_before) + ", " + std::to_string(a.height.pad_after) + ")";
}

bool has_padding(const LayerAnalysis& a) {
    return a.width.pad_before || a.width.pad_after || a.height.pad_before || a.height.pad_after;
}

struct TorchWriter {
    std::vector<std::string> lines;  // module expressions, each with its comment
    void activation(const char* module) {
        if (!module) return;
        // Keras's categorical_crossentropy takes probabilities, nn.CrossEntropyLoss logits.
        add(module, std::string(module) == "nn.Softmax(dim=1)" ? "leave out to train with nn.CrossEntropyLoss" : "");
    }
    void add(const std::string& module, const std::string& comment = "") {
        lines.push_back(module + "," + (comment.empty() ? "" : "  # " + comment));
    }
};

// Keras 'same' with stride 1 is PyTorch's padding="same" (both put an odd
// cell after); with a larger stride PyTorch has no 'same', so the exact Keras
// split is written as an explicit nn.ZeroPad2d in front of the convolution.
std::string conv_padding(const LayerSpec& s, const LayerAnalysis& a, TorchWriter* out) {
    if (s.padding != Padding::Same || !has_padding(a)) return "";
    if (s.strides.h == 1 && s.strides.w == 1) return ", padding=\"same\"";
    out->add("nn.ZeroPad2d(" + torch_pads(a) + ")", "Keras 'same' with stride " + pair_text(s.strides));
    return "";
}

std::string conv_stride(const LayerSpec& s) {
    return s.strides == Pair{1, 1} ? "" : ", stride=" + pair_text(s.strides);
}

// A Python variable for a layer name: "conv2d_1" stays, "block1/conv" becomes
// "block1_conv", and a name taken already (or a Python keyword) gets a suffix.
std::string python_variable(const std::string& name, std::vector<std::string>* taken) {
    static const char* const kKeywords[] = {"and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
        "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "None",
        "True", "False", "keras", "layers", "model"};
    std::string v;
    for (char c : name) v += (c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) ? c : '_';
    if (v.empty() || (v[0] >= '0' && v[0] <= '9')) v = "x_" + v;
    for (const char* k : kKeywords)
        if (v == k) v += "_";
    std::string unique = v;
    for (int n = 1; std::find(taken->begin(), taken->end(), unique) != taken->end(); ++n) unique = v + "_" + std::to_string(n);
    taken->push_back(unique);
    return unique;
}

std::string model_code(const ModelSpec& model, const std::string& variable, std::vector<std::string>* taken);

// The models used as layers, each built (recursively) into a variable before
// the model that uses it; a frozen one is frozen as transfer learning does.
std::string nested_code(const ModelSpec& model, std::vector<std::string>* taken, NestedVariables* out) {
    std::string code;
    for (const LayerSpec& s : model.layers) {
        if (s.kind != LayerKind::Model || !s.nested || out->count(s.nested.get())) continue;
        const std::string v = python_variable(s.name.empty() ? "nested_model" : s.name, taken);
        ModelSpec named = *s.nested;
        if (!s.name.empty()) named.name = s.name;
        code += model_code(named, v, taken);
        if (!s.trainable) code += v + ".trainable = False\n";
        code += "\n";
        (*out)[s.nested.get()] = v;
    }
    return code;
}

// A Functional model as Keras writes one by hand: a variable per tensor, each
// layer called on the variables it reads, calls in an order where every
// tensor exists before it is used; a layer called more than once is built once
// and called by its variable, so its weights are shared as in the original.
std::string functional_code(const ModelSpec& model, const std::string& variable, std::vector<std::string>* taken_names) {
    std::vector<std::string>& taken = *taken_names;
    NestedVariables nested;
    std::string out = nested_code(model, &taken, &nested);
    std::vector<std::vector<std::string>> tensor(model.layers.size());  // per layer, per call: its variable
    std::vector<std::string> layer_variable(model.layers.size());
    auto ready = [&](const TensorRef& r) {
        return r.layer >= 0 && size_t(r.layer) < tensor.size() && size_t(r.call) < tensor[size_t(r.layer)].size();
    };
    for (bool progress = true; progress;) {
        progress = false;
        for (size_t l = 0; l < model.layers.size(); ++l) {
            const LayerSpec& s = model.layers[l];
            std::vector<std::string>& made = tensor[l];
            if (s.kind == LayerKind::InputLayer) {
                if (made.empty()) {
                    made.push_back(python_variable(s.name, &taken));
                    out += made.back() + " = " + keras_input(s.input_shape, s.name) + "\n";
                    progress = true;
                }
                continue;
            }
            if (s.calls.size() > 1 && layer_variable[l].empty() && s.kind != LayerKind::Model) {
                layer_variable[l] = python_variable(s.name + "_layer", &taken);
                out += layer_variable[l] + " = " + keras_layer(s) + "\n";
            }
            while (made.size() < s.calls.size()) {
                const std::vector<TensorRef>& call = s.calls[made.size()];
                bool all_ready = true;
                for (const TensorRef& r : call) all_ready = all_ready && ready(r);
                if (!all_ready) break;
                std::string args;
                for (size_t i = 0; i < call.size(); ++i)
                    args += (i ? ", " : "") + tensor[size_t(call[i].layer)][size_t(call[i].call)];
                if (is_merge(s.kind)) args = "[" + args + "]";
                // The layer's own name is tf.keras's for the operator ("tf.math.multiply"), not a Python name.
                const std::string base = s.kind == LayerKind::TFOpLambda ? std::string("x") : s.name;
                made.push_back(python_variable(made.empty() ? base : base + "_" + std::to_string(made.size()), &taken));
                if (s.kind == LayerKind::TFOpLambda)  // written as the Python that tf.keras turns into this row
                    out += made.back() + " = " + tf_op_lambda_expression(s, args) + "\n";
                else
                    out += made.back() + " = " + (layer_variable[l].empty() ? keras_layer(s, nested) : layer_variable[l]) + "(" + args + ")\n";
                progress = true;
            }
        }
    }
    auto list = [&](const std::vector<TensorRef>& ends) {
        std::string names;
        for (const TensorRef& r : ends) names += (names.empty() ? "" : ", ") + (ready(r) ? tensor[size_t(r.layer)][size_t(r.call)] : "None");
        return ends.size() == 1 ? names : "[" + names + "]";
    };
    out += "\n" + variable + " = keras.Model(inputs=" + list(model.inputs) + ", outputs=" + list(model.outputs);
    if (!model.name.empty()) out += ", name=" + python_string(model.name);
    return out + ")\n";
}

std::string sequential_code(const ModelSpec& model, const std::string& variable, std::vector<std::string>* taken) {
    NestedVariables nested;
    std::string out = nested_code(model, taken, &nested);
    out += variable + " = keras.Sequential([\n";
    for (size_t i = 0; i < model.layers.size(); ++i) {
        const LayerSpec& s = model.layers[i];
        if (i == 0 && s.kind != LayerKind::InputLayer && s.input_shape.rank != 0)
            out += "    " + keras_input(s.input_shape, "") + ",\n";
        out += "    " + keras_layer(s, nested) + ",\n";
    }
    return out + "]" + (model.name.empty() ? std::string() : ", name=" + python_string(model.name)) + ")\n";
}

std::string model_code(const ModelSpec& model, const std::string& variable, std::vector<std::string>* taken) {
    return model.functional ? functional_code(model, variable, taken) : sequential_code(model, variable, taken);
}

}  // namespace

std::string export_keras_python(const ModelSpec& model) {
    std::string out = std::string("# A Keras ") + (model.functional ? "Functional" : "Sequential") +
                      " model written by ConvLab. Run it with TensorFlow 2 / Keras 3:\n"
                      "# model.summary() prints the same shapes and Param # as ConvLab.\n"
                      "from tensorflow import keras\n"
                      "from keras import layers\n\n";
    std::vector<std::string> taken = {"model", "keras", "layers"};
    out += model_code(model, "model", &taken);
    if (!model.compile.loss.empty() || !model.compile.optimizer.empty()) out += keras_compile(model.compile);
    out += "model.summary()\n";
    return out;
}

std::string export_pytorch(const ModelSpec& model, std::string* error, Message* why_message) {
    ModelSummary summary;
    Problem problem;
    if (!summarize(model, NamingStyle::Keras3, &summary, &problem)) {
        if (error) *error = problem.message;
        if (why_message) *why_message = Message();  // the model's Problem says it
        return "";
    }
    if (model.functional) {
        const Message m(MsgCode::ExportGraphToPytorch);
        if (error) *error = message_en(m);
        if (why_message) *why_message = m;
        return "";
    }
    auto refuse = [&](const LayerSummary& row, MsgCode why) {
        // Counted from 1 with an InputLayer included, as problem.cpp and the editor's cards count.
        const Message m(MsgCode::ExportAtLayer, {as_is(row.index + 1), as_is(row.name),
                                                 as_is(layer_kind_info(row.kind).class_name), Message(why)});
        if (error) *error = message_en(m);
        if (why_message) *why_message = m;
        return std::string();
    };
    TorchWriter w;
    for (const LayerSummary& row : summary.layers) {
        const LayerSpec& s = model.layers[size_t(row.index)];
        const LayerAnalysis& a = row.analysis;
        const std::string cin = std::to_string(row.input.c());
        std::string note = row.name + ": " + a.output.to_string() + ", " + std::to_string(a.params) + " params";
        std::string dil = s.dilation == Pair{1, 1} ? "" : ", dilation=" + pair_text(s.dilation);
        std::string bias = s.use_bias ? "" : ", bias=False";
        const char* act = torch_activation(s.activation);
        switch (s.kind) {
            case LayerKind::Conv2D: {
                std::string pad = conv_padding(s, a, &w);
                w.add("nn.Conv2d(" + cin + ", " + std::to_string(s.filters) + ", kernel_size=" + pair_text(s.kernel) +
                          conv_stride(s) + pad + dil + bias + ")",
                      note);
                w.activation(act);
                break;
            }
            case LayerKind::DepthwiseConv2D: {
                // One filter group per input channel: groups = in_channels.
                std::string pad = conv_padding(s, a, &w);
                w.add("nn.Conv2d(" + cin + ", " + std::to_string(row.input.c() * s.depth_multiplier) +
                          ", kernel_size=" + pair_text(s.kernel) + conv_stride(s) + pad + dil +
                          ", groups=" + cin + bias + ")",
                      note);
                w.activation(act);
                break;
            }
            case LayerKind::SeparableConv2D: {
                // Keras: a depthwise step without bias, then a 1x1 pointwise step with the bias.
                std::string mid = std::to_string(row.input.c() * s.depth_multiplier);
                std::string pad = conv_padding(s, a, &w);
                w.add("nn.Conv2d(" + cin + ", " + mid + ", kernel_size=" + pair_text(s.kernel) +
                          conv_stride(s) + pad + dil + ", groups=" + cin + ", bias=False)",
                      note + " (depthwise step)");
                w.add("nn.Conv2d(" + mid + ", " + std::to_string(s.filters) + ", kernel_size=1" + bias + ")",
                      "pointwise step");
                w.activation(act);
                break;
            }
            case LayerKind::MaxPooling2D: {
                // Keras's 'same' max pooling never picks the padding: pad with -inf.
                if (s.padding == Padding::Same && has_padding(a))
                    w.add("nn.ConstantPad2d(" + torch_pads(a) + ", float(\"-inf\"))", "Keras 'same'");
                w.add("nn.MaxPool2d(kernel_size=" + pair_text(s.kernel) + ", stride=" + pair_text(s.strides) + ")",
                      note);
                break;
            }
            case LayerKind::AveragePooling2D: {
                // Keras's 'same' average divides by the real cells only, which is PyTorch's
                // count_include_pad=False; a pad before nn.AvgPool2d would count its zeros.
                std::string pool = "nn.AvgPool2d(kernel_size=" + pair_text(s.kernel) + ", stride=" + pair_text(s.strides);
                if (s.padding == Padding::Same && has_padding(a)) {
                    const SizeWorking* axes[2] = {&a.height, &a.width};
                    const int64_t strides[2] = {s.strides.h, s.strides.w};
                    bool symmetric = true, ceil_fits = true;
                    for (int k = 0; k < 2; ++k) {
                        int64_t extra = axes[k]->pad_after - axes[k]->pad_before;
                        symmetric = symmetric && extra == 0;
                        // One extra cell after is ceil_mode's extra window, when the stride skips it.
                        ceil_fits = ceil_fits && (extra == 0 || (extra == 1 && strides[k] > 1));
                    }
                    if (!ceil_fits)
                        return refuse(row, MsgCode::ExportSamePooling);
                    pool += ", padding=(" + std::to_string(a.height.pad_before) + ", " +
                            std::to_string(a.width.pad_before) + ")" + (symmetric ? "" : ", ceil_mode=True") +
                            ", count_include_pad=False";
                }
                w.add(pool + ")", note);
                break;
            }
            case LayerKind::GlobalAveragePooling2D:
                w.add("nn.AdaptiveAvgPool2d(1)", note);
                if (!s.keepdims) w.add("nn.Flatten()", "(N, C, 1, 1) -> (N, C)");
                break;
            case LayerKind::GlobalMaxPooling2D:
                w.add("nn.AdaptiveMaxPool2d(1)", note);
                if (!s.keepdims) w.add("nn.Flatten()", "(N, C, 1, 1) -> (N, C)");
                break;
            case LayerKind::ZeroPadding2D: w.add("nn.ZeroPad2d(" + torch_pads(a) + ")", note); break;
            case LayerKind::Flatten:
                w.add("nn.Flatten()", note + "; flattens C, H, W in that order, Keras H, W, C");
                break;
            case LayerKind::Dense:
                if (row.input.rank != 1)
                    return refuse(row, MsgCode::ExportDenseOnImage);
                w.add("nn.Linear(" + cin + ", " + std::to_string(s.units) + bias + ")", note);
                w.activation(act);
                break;
            case LayerKind::Dropout: w.add("nn.Dropout(p=" + python_float(s.rate) + ")", note); break;
            case LayerKind::BatchNormalization: {
                if (s.center != s.scale)
                    return refuse(row, MsgCode::ExportBatchNormAffine);
                // Keras: moving = m·moving + (1 − m)·batch. PyTorch: running =
                // (1 − m')·running + m'·batch. So m' = 1 − m. Both add eps to the variance.
                w.add(std::string(row.input.rank == 3 ? "nn.BatchNorm2d(" : "nn.BatchNorm1d(") + cin +
                          ", eps=" + short_float(s.epsilon) + ", momentum=" + short_float(1.0 - s.momentum) +
                          (s.center ? "" : ", affine=False") + ")",
                      note + " (moving mean/variance are buffers in PyTorch)");
                break;
            }
            case LayerKind::Activation:
                w.add(act ? act : "nn.Identity()", note);
                break;
            case LayerKind::ReLU:
                // Keras's ReLU(6.0) is nn.ReLU6, ReLU(m) nn.Hardtanh(0, m), a slope alone nn.LeakyReLU.
                if (s.threshold != 0.0 || (s.negative_slope != 0.0 && s.has_max_value)) return refuse(row, MsgCode::ExportNoTorchModule);
                if (!s.has_max_value) w.add(s.negative_slope != 0.0 ? "nn.LeakyReLU(" + python_float(s.negative_slope) + ")" : "nn.ReLU()", note);
                else if (s.max_value == 6.0) w.add("nn.ReLU6()", note);
                else w.add("nn.Hardtanh(0.0, " + python_float(s.max_value) + ")", note);
                break;
            case LayerKind::LeakyReLU: w.add("nn.LeakyReLU(" + python_float(s.negative_slope) + ")", note); break;
            case LayerKind::ELU: w.add("nn.ELU(alpha=" + python_float(s.alpha) + ")", note); break;
            case LayerKind::Softmax: w.add("nn.Softmax(dim=1)", note); break;
            case LayerKind::UpSampling2D:
                // Keras's bilinear resize uses half-pixel centres, PyTorch's align_corners=False.
                w.add("nn.Upsample(scale_factor=" + pair_text(s.size) + ", mode=\"" + (s.bilinear ? "bilinear" : "nearest") + "\")", note);
                break;
            case LayerKind::Cropping2D:  // a negative padding crops
                w.add("nn.ZeroPad2d((" + std::to_string(-s.pad_left) + ", " + std::to_string(-s.pad_right) + ", " +
                      std::to_string(-s.pad_top) + ", " + std::to_string(-s.pad_bottom) + "))", note);
                break;
            case LayerKind::SpatialDropout2D: w.add("nn.Dropout2d(p=" + python_float(s.rate) + ")", note); break;
            case LayerKind::PReLU: {  // nn.PReLU has one slope, or one per channel (dim 1 of NCHW or NF)
                const unsigned every = (1u << (row.input.rank + 1)) - 2, but_channels = every & ~(1u << row.input.rank);
                if (s.shared_axes == every) w.add("nn.PReLU()", note);
                else if (s.shared_axes == but_channels) w.add("nn.PReLU(num_parameters=" + cin + ")", note);
                else return refuse(row, MsgCode::ExportNoTorchModule);
                break;
            }
            case LayerKind::LayerNormalization:  // over C: on NCHW only a vector's C is the last dim
                if (row.input.rank != 1 || s.center != s.scale) return refuse(row, MsgCode::ExportNoTorchModule);
                w.add("nn.LayerNorm(" + cin + ", eps=" + short_float(s.epsilon) + (s.center ? "" : ", elementwise_affine=False") + ")", note);
                break;
            case LayerKind::Conv2DTranspose: {
                // PyTorch crops `padding` from both ends of the full (in − 1)·S + R
                // result, and output_padding adds cells at the end. Keras (TensorFlow)
                // crops ⌊total/2⌋ before and the rest after, so an odd total needs
                // one more cell cropped after: a ZeroPad2d with a negative pad.
                const SizeWorking* axes[2] = {&a.height, &a.width};
                const int64_t ins[2] = {row.input.h(), row.input.w()}, outs[2] = {a.output.h(), a.output.w()};
                const int64_t ks[2] = {s.kernel.h, s.kernel.w}, ss[2] = {s.strides.h, s.strides.w},
                              ds[2] = {s.dilation.h, s.dilation.w};
                int64_t pad[2] = {0, 0}, extra_pad[2] = {0, 0}, crop_after[2] = {0, 0};
                for (int k = 0; k < 2; ++k) {
                    const int64_t full = (ins[k] - 1) * ss[k] + (ks[k] - 1) * ds[k] + 1;
                    const int64_t total = full - outs[k];
                    if (total >= 0) {
                        pad[k] = axes[k]->pad_before;
                        crop_after[k] = total - 2 * pad[k];
                    } else {
                        extra_pad[k] = -total;
                    }
                }
                w.add("nn.ConvTranspose2d(" + cin + ", " + std::to_string(s.filters) + ", kernel_size=" + pair_text(s.kernel) +
                          conv_stride(s) + (pad[0] || pad[1] ? ", padding=" + pair_text(Pair{pad[0], pad[1]}) : "") +
                          (extra_pad[0] || extra_pad[1] ? ", output_padding=" + pair_text(Pair{extra_pad[0], extra_pad[1]}) : "") +
                          dil + bias + ")",
                      note);
                if (crop_after[0] || crop_after[1])
                    w.add("nn.ZeroPad2d((0, " + std::to_string(-crop_after[1]) + ", 0, " + std::to_string(-crop_after[0]) + "))",
                          "Keras crops the odd cell after");
                w.activation(act);
                break;
            }
            case LayerKind::Model:  // a nested model would need its own nn.Module
            case LayerKind::Permute:  // an NCHW tensor's axes are not Keras's (H, W, C)
            case LayerKind::Normalization:  // its statistics come from adapt(), which the code cannot carry
                return refuse(row, MsgCode::ExportNoTorchModule);
            case LayerKind::Conv1D:  // PyTorch is (N, C, L); its padding="same" needs stride 1
                if (s.padding == Padding::Same && s.strides.h != 1 && has_padding(a)) return refuse(row, MsgCode::ExportNoTorchModule);
                w.add("nn.Conv1d(" + cin + ", " + std::to_string(s.filters) + ", kernel_size=" + std::to_string(s.kernel.h) +
                          (s.strides.h == 1 ? "" : ", stride=" + std::to_string(s.strides.h)) +
                          (s.padding == Padding::Same && has_padding(a) ? ", padding=\"same\"" : "") +
                          (s.dilation.h == 1 ? "" : ", dilation=" + std::to_string(s.dilation.h)) + bias + ")",
                      note);
                w.activation(act);
                break;
            case LayerKind::MaxPooling1D:
            case LayerKind::AveragePooling1D:  // 'valid' only: 'same' pads as PyTorch's pools do not
                if (s.padding == Padding::Same && has_padding(a)) return refuse(row, MsgCode::ExportNoTorchModule);
                w.add(std::string(s.kind == LayerKind::MaxPooling1D ? "nn.MaxPool1d(" : "nn.AvgPool1d(") +
                          std::to_string(s.kernel.h) + ", stride=" + std::to_string(s.strides.h) + ")",
                      note);
                break;
            case LayerKind::GlobalAveragePooling1D:
            case LayerKind::GlobalMaxPooling1D:
                w.add(s.kind == LayerKind::GlobalAveragePooling1D ? "nn.AdaptiveAvgPool1d(1)" : "nn.AdaptiveMaxPool1d(1)", note);
                if (!s.keepdims) w.add("nn.Flatten()", "(N, C, 1) -> (N, C)");
                break;
            case LayerKind::Rescaling:
            case LayerKind::TFOpLambda:  // an expression in forward(), not a module
            case LayerKind::Reshape: return refuse(row, MsgCode::ExportNoTorchModule);
            case LayerKind::InputLayer:
            case LayerKind::Add: case LayerKind::Subtract: case LayerKind::Multiply: case LayerKind::Average:
            case LayerKind::Maximum: case LayerKind::Minimum: case LayerKind::Concatenate:  // refused above: a graph
            case LayerKind::Count: break;
        }
    }
    const Shape& in = summary.input;
    std::string dims = in.rank == 3   ? std::to_string(in.c()) + ", " + std::to_string(in.h()) + ", " + std::to_string(in.w())
                       : in.rank == 2 ? std::to_string(in.c()) + ", " + std::to_string(in.dim[0])  // (N, C, L)
                                      : std::to_string(in.c());
    std::string torch_in = "(N, " + dims + ")";
    std::string out =
        "# The ConvLab model in PyTorch. PyTorch is NCHW: feed it " + torch_in + " where Keras\n"
        "# takes " + in.to_string() + " (channels_last). Sizes and parameter counts match Keras,\n"
        "# but nn.Flatten flattens (C, H, W) where Keras flattens (H, W, C), so weights are not\n"
        "# interchangeable without permuting the first Linear after a Flatten.\n"
        "import torch\n"
        "from torch import nn\n\n"
        "model = nn.Sequential(\n";
    for (const std::string& line : w.lines) out += "    " + line + "\n";
    out += ")\n\n"
           "# PyTorch's parameters are Keras's trainable params; BatchNorm's moving mean and\n"
           "# variance, Keras's non-trainable params, are buffers here.\n"
           "assert sum(p.numel() for p in model.parameters()) == " + std::to_string(summary.trainable_params) + "\n"
           "print(model)\n"
           "print(model(torch.zeros(1, " + dims + ")).shape)\n";
    if (error) error->clear();
    return out;
}

}  // namespace convlab
