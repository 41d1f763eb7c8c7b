// import_torch_python.cpp: the PyTorch mapping for the Python evaluator. The
// script runs first (its classes build modules: host Objects for torch.nn's
// own, evaluator Instances for the script's nn.Module classes); then the
// model's forward() runs once more over a tensor of the input size, and each
// module or op it calls is analysed at once with the core's own layer
// analysis, so a wrong in_features is caught where it happens, with the
// shapes that led there. Layers are kept in NHWC (the core's layout); rows
// print them as PyTorch does, batch first. Not a PyTorch runtime: no numbers,
// no autograd, no training. Reference: torch.nn's documentation (1.13).
#include "core/io/import_torch_python.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <memory>
#include <set>
#include <string>
#include <utility>

#include "core/analysis/checks.h"
#include "core/analysis/layer_kind.h"
#include "core/analysis/model_summary.h"
#include "core/analysis/problem.h"
#include "core/io/python_eval.h"
#include "core/model/checked_int.h"

namespace convlab {
namespace {

// PyValue::object_class. A parameter is one of a module's weights as
// model.parameters() gives it, there only to be frozen (p.requires_grad = False).
enum TorchObject { kModuleObject, kTensorObject, kParameterObject };

// PyTorch's padding_mode: how a convolution pads (with zeros or copies of the
// edge); the padded size, so the shape and the count, are the same for every one.
bool valid_padding_mode(const PyValue& v) {
    return v.kind == PyValueKind::Str && (v.s == "zeros" || v.s == "reflect" || v.s == "replicate" || v.s == "circular");
}

// A module torch.nn makes. A leaf is one layer; a Sequential or ModuleList
// holds children, named "0", "1", ... or as an OrderedDict names them.
struct TorchModule {
    std::string cls;
    int line = 0, column = 0;
    bool leaf = true;
    LayerSpec spec;
    std::string expects_name;  // "in_channels", "in_features", "num_features": checked against what arrives
    int64_t expects = 0;
    bool same_padding = false;  // Conv2d(padding='same'), refused with a stride
    Pair adaptive{0, 0};        // AdaptiveAvgPool2d's output_size
    int64_t groups = 1;         // GroupNorm's num_groups
    int64_t prelu_parameters = 1;          // PReLU's num_parameters: 1 shared, or one per channel
    std::vector<int64_t> normalized_shape;  // LayerNorm's, as written
    int64_t unflatten_dim = 1;              // Unflatten(dim, sizes): PyTorch's dim (the batch is 0)
    std::vector<int64_t> unflatten_sizes;
    double scale_h = 0, scale_w = 0;        // Upsample(scale_factor=1.5): floor(in·scale) once the input is known
    std::set<std::string> frozen;           // its parameters ("weight", "bias") set to requires_grad=False
    std::string padding_mode = "zeros";     // Conv1d / Conv2d
    std::vector<std::pair<std::string, PyValue>> children;
    int layer = -1;             // its layer in the graph, once called
    std::string kernel_text;    // torchinfo's Kernel Shape: "[5, 5]", or "2" for MaxPool2d(2)
};

// One parameter as model.parameters() gives it: a torch.nn module's weight or
// bias (module, name), or an nn.Parameter attribute of the script's (tensor).
struct TorchParameter {
    int module = -1;
    std::string name;
    int tensor = -1;
};

// A tensor of the trace: the graph's tensor, its shape without the batch, and
// the modules whose output shapes led to it (for messages). sample: made by
// torch.randn(...) in the script, with `size` as written.
struct TorchTensor {
    TensorRef ref;
    Shape shape;
    std::string trail;  // the last few modules and ops that changed its shape: "conv2 → F.max_pool2d"
    Shape image;        // the last (H, W, C) shape on its way, and the trail that made it
    std::string image_trail;
    bool sample = false;
    std::vector<int64_t> size;
    bool parameter = false, trainable = true;  // nn.Parameter(torch.zeros(size), requires_grad=...)
    // A 5-D view of an image's channels in groups, x.view(N, G, C // G, H, W)
    // (ShuffleNet's channel shuffle): PyTorch's dims, and the (H, W, C) image it
    // views. In NHWC it is held as (H·W, G, C/G), the same values in the same
    // order, so transpose(1, 2) is a Permute of its last two axes.
    std::vector<int64_t> grouped;
    Shape grouped_image;
    // x.permute(0, 2, 3, 1) of an image: PyTorch's (N, H, W, C), ConvNeXt's way
    // to apply Linear and LayerNorm to each position's channels. In NHWC those
    // are the values in the order ConvLab already holds them: no layer, only
    // the dims PyTorch reports change.
    bool channels_last = false;
};

// "conv1 → conv2" + "F.max_pool2d": the last three steps say where a size
// comes from; more would be a list, not a reason.
std::string extend_trail(const std::string& trail, const std::string& label) {
    static const std::string kArrow = " → ";
    std::string kept = trail;
    size_t arrows = 0;
    for (size_t at = kept.find(kArrow); at != std::string::npos; at = kept.find(kArrow, at + 1)) ++arrows;
    if (arrows >= 2) kept = kept.substr(kept.find(kArrow) + kArrow.size());
    return kept.empty() ? label : kept + kArrow + label;
}

bool is_torch_name(const std::string& callee, const char* prefix) { return callee.rfind(prefix, 0) == 0; }

// A tuple/list of ints, or an int repeated: kernel_size=3 or (3, 3).
bool to_pair(const PyValue& v, Pair* out) {
    if (v.kind == PyValueKind::Int) { *out = {v.i, v.i}; return true; }
    if (v.kind == PyValueKind::Seq && v.items->size() == 2 && (*v.items)[0].kind == PyValueKind::Int &&
        (*v.items)[1].kind == PyValueKind::Int) {
        *out = {(*v.items)[0].i, (*v.items)[1].i};
        return true;
    }
    return false;
}

std::string shape_words(const std::vector<int64_t>& dims) {
    std::string s = "(";
    for (size_t k = 0; k < dims.size(); ++k) s += (k ? ", " : "") + std::to_string(dims[k]);
    return s + ")";
}

class TorchMapping {
public:
    TorchMapping(const PyModule& module, const std::vector<int64_t>* input_size) : module_(module), given_size_(input_size) {}

    PyHost host() {
        PyHost h;
        h.classes = true;
        h.call_name = [this](PyEvaluator& e, const std::string& callee, int n, PyValue* result) {
            return call_name(e, callee, n, result);
        };
        h.call_object = [this](PyEvaluator& e, const PyValue& object, int n, PyValue* result) {
            return call_object(e, object, n, result);
        };
        h.call_method = [this](PyEvaluator& e, const PyValue& object, const std::string& method, int n,
                               PyValue* result) { return call_method(e, object, method, n, result); };
        h.call_instance = [this](PyEvaluator& e, const PyValue& instance, int n, PyValue* result) {
            return call_instance(e, instance, n, result);
        };
        h.instance_method = [this](PyEvaluator& e, const PyValue& instance, const std::string& method, int n,
                                   PyValue* result) { return instance_method(e, instance, method, n, result); };
        h.binary_object = [this](PyEvaluator& e, const std::string& op, const PyValue& a, const PyValue& b,
                                 const PyNode& at, PyValue* result) { return tensor_operator(e, op, a, b, at, result); };
        h.get_attribute = [this](PyEvaluator& e, const PyValue& object, const std::string& name, const PyNode& at,
                                 PyValue* result) { return get_attribute(e, object, name, at, result); };
        h.wants_uncalled = []() { return false; };
        // for block in self.blocks: an nn.Sequential or nn.ModuleList gives its children in order.
        h.iterate = [this](PyEvaluator&, const PyValue& object, PyValue* items) {
            if (object.object_class != kModuleObject || modules_[size_t(object.object)].leaf) return false;
            std::vector<PyValue> children;
            for (const auto& child : modules_[size_t(object.object)].children) children.push_back(child.second);
            *items = py_seq(std::move(children), true, object.line, object.column);
            return items->kind == PyValueKind::Seq;
        };
        // p.requires_grad = False, for p in model.parameters().
        h.set_attribute = [this](PyEvaluator& e, const PyValue& object, const std::string& name, const PyValue& value) {
            if (object.object_class != kParameterObject || name != "requires_grad") return;
            if (value.kind != PyValueKind::Bool) {
                e.fail(Message(MsgCode::TorchArgument, {as_is("requires_grad"), as_is("its value"), as_is("True or False")}),
                       value.line, value.column);
                return;
            }
            set_requires_grad(parameters_[size_t(object.object)], value.b);
        };
        return h;
    }

    ImportResult result(PyEvaluator& e);

private:
    const PyModule& module_;
    const std::vector<int64_t>* given_size_;
    PyValue only_module_class(PyEvaluator& e);
    std::vector<TorchModule> modules_;
    std::vector<TorchTensor> tensors_;
    std::vector<TorchParameter> parameters_;
    // The model and input size the script names: summary(model, ...) or model(torch.randn(...)).
    PyValue script_model_;
    std::vector<int64_t> script_size_;
    // The trace.
    bool tracing_ = false;
    int64_t batch_ = 1;
    std::vector<LayerSpec> layers_;
    std::map<std::string, int> op_counts_;
    std::map<int, std::string> instance_paths_, module_paths_;
    std::vector<TorchRow> rows_;
    std::vector<int> open_rows_;       // containers whose forward is running
    std::vector<int> depth_counts_;    // torchinfo's idx, per depth
    std::map<std::pair<int, int>, int> called_;  // (kind, index) -> calls so far, for (recursive)
    std::map<std::pair<int, int>, int> first_row_;  // (kind, index) -> the row of its first call
    std::vector<TorchUncalled> uncalled_;

    // --- values -------------------------------------------------------------
    PyValue object_value(int cls, int index, int line, int column) const {
        PyValue v;
        v.kind = PyValueKind::Object;
        v.object_class = cls, v.object = index;
        v.described_as = cls == kTensorObject ? MsgCode::PyDescTensor : MsgCode::PyDescLayer;
        v.line = line, v.column = column;
        return v;
    }
    PyValue int_value(int64_t i) const {
        PyValue v;
        v.kind = PyValueKind::Int;
        v.i = i;
        return v;
    }
    bool is_tensor(const PyValue& v) const { return v.kind == PyValueKind::Object && v.object_class == kTensorObject; }
    bool is_module(PyEvaluator& e, const PyValue& v) const {
        if (v.kind == PyValueKind::Object) return v.object_class == kModuleObject;
        return v.kind == PyValueKind::Instance && !v.b && class_is_module(e, e.instance_class(v.object), 0);
    }
    bool class_is_module(PyEvaluator& e, int cls, int depth) const {
        if (depth > kMaxPythonClasses) return false;
        for (const PyValue& b : e.class_bases(cls)) {
            if (b.kind == PyValueKind::Ref && (b.s == "torch.nn.Module" || py_last_component(b.s) == "Module")) return true;
            if (b.kind == PyValueKind::Class && class_is_module(e, b.object, depth + 1)) return true;
        }
        return false;
    }
    // PyTorch's shape of a tensor: batch first, channels before height and width.
    std::vector<int64_t> torch_dims(const Shape& s) const {
        if (s.rank == 3) return {batch_, s.c(), s.h(), s.w()};
        if (s.rank == 2) return {batch_, s.c(), s.dim[0]};  // (N, C, L): Conv1d's sequences, kept as (L, C)
        return {batch_, s.dim[0]};
    }

    // Arguments by PyTorch's positional order; false (failed) on one it does not take.
    bool bind(PyEvaluator& e, int n, const std::string& what, const std::vector<const char*>& names,
              std::map<std::string, PyValue>* out) {
        const PyNode& call = e.node(n);
        size_t next = 0;
        for (const PyArg& arg : call.args) {
            if (arg.keyword == "*" || arg.keyword == "**") {
                e.fail(Message(MsgCode::PyArgUnpacking), arg.line, arg.column);
                return false;
            }
            PyValue v = e.eval(arg.value);
            if (e.failed()) return false;
            std::string name = arg.keyword;
            if (name.empty()) {
                if (next >= names.size()) {
                    e.fail(Message(MsgCode::TorchUnknownArgument, {as_is(what), as_is("#" + std::to_string(next + 1))}),
                           arg.line, arg.column);
                    return false;
                }
                name = names[next++];
            } else {
                bool known = false;
                for (const char* k : names) known = known || name == k;
                if (!known) {
                    e.fail(Message(MsgCode::TorchUnknownArgument, {as_is(what), as_is(name)}), arg.line, arg.column);
                    return false;
                }
            }
            if (v.kind == PyValueKind::Unknown) {
                e.fail_with(v);
                return false;
            }
            (*out)[name] = v;
        }
        return true;
    }
    // add_module(name, module): a name the code computed and a module, else a failure that says so.
    bool add_module_arguments(PyEvaluator& e, const std::vector<PyValue>& args, int n) {
        for (const PyValue& v : args)
            if (v.kind == PyValueKind::Unknown) {
                e.fail_with(v);
                return false;
            }
        if (args.size() == 2 && args[0].kind == PyValueKind::Str && is_module(e, args[1])) return true;
        e.fail(Message(MsgCode::TorchArgument, {as_is("add_module"), as_is("(name, module)"), as_is("a name and a module")}),
               e.node(n).line, e.node(n).column);
        return false;
    }
    bool need(PyEvaluator& e, const std::map<std::string, PyValue>& args, const char* name, const std::string& what,
              const PyNode& at) {
        if (args.count(name)) return true;
        e.fail(Message(MsgCode::TorchMissingArgument, {as_is(what), as_is(name)}), at.line, at.column);
        return false;
    }
    bool get_int(PyEvaluator& e, const std::map<std::string, PyValue>& args, const char* name, const std::string& what,
                 int64_t* out) {
        auto it = args.find(name);
        if (it == args.end()) return true;
        if (it->second.kind == PyValueKind::Int) { *out = it->second.i; return true; }
        e.fail(Message(MsgCode::TorchArgument, {as_is(what), as_is(name), as_is("a whole number")}), it->second.line,
               it->second.column);
        return false;
    }
    bool get_pair(PyEvaluator& e, const std::map<std::string, PyValue>& args, const char* name, const std::string& what,
                  Pair* out) {
        auto it = args.find(name);
        if (it == args.end() || it->second.kind == PyValueKind::None) return true;
        if (to_pair(it->second, out)) return true;
        e.fail(Message(MsgCode::TorchArgument, {as_is(what), as_is(name), as_is("a whole number or a pair of them")}),
               it->second.line, it->second.column);
        return false;
    }
    bool get_bool(PyEvaluator& e, const std::map<std::string, PyValue>& args, const char* name, const std::string& what,
                  bool* out) {
        auto it = args.find(name);
        if (it == args.end()) return true;
        if (it->second.kind == PyValueKind::Bool) { *out = it->second.b; return true; }
        e.fail(Message(MsgCode::TorchArgument, {as_is(what), as_is(name), as_is("True or False")}), it->second.line,
               it->second.column);
        return false;
    }
    bool get_number(const std::map<std::string, PyValue>& args, const char* name, double* out) {
        auto it = args.find(name);
        if (it == args.end()) return true;
        if (it->second.kind == PyValueKind::Int) *out = double(it->second.i);
        else if (it->second.kind == PyValueKind::Float) *out = it->second.f;
        return true;
    }
    // padding_mode: one of PyTorch's four, else refused as PyTorch refuses it
    // ("padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular']").
    bool get_padding_mode(PyEvaluator& e, const std::map<std::string, PyValue>& args, const std::string& what, TorchModule* m) {
        auto it = args.find("padding_mode");
        if (it == args.end()) return true;
        if (valid_padding_mode(it->second)) { m->padding_mode = it->second.s; return true; }
        e.fail(Message(MsgCode::TorchArgument, {as_is(what), as_is("padding_mode"),
                                                as_is("one of 'zeros', 'reflect', 'replicate' or 'circular'")}),
               it->second.line, it->second.column);
        return false;
    }
    // groups: a whole number from 1 (PyTorch: "groups must be a positive integer").
    bool get_groups(PyEvaluator& e, const std::map<std::string, PyValue>& args, const std::string& what, int64_t& groups) {
        if (!get_int(e, args, "groups", what, &groups)) return false;
        if (groups >= 1) return true;
        const PyValue& v = args.at("groups");
        e.fail(Message(MsgCode::TorchArgument, {as_is(what), as_is("groups"), as_is("a positive whole number")}), v.line, v.column);
        return false;
    }
    // Upsample / F.interpolate: exactly one of size and scale_factor (PyTorch's
    // own rule). A whole factor is UpSampling2D's size; size=, or a fractional
    // factor, becomes the output's size once the input is known (resolve_upsample).
    bool upsample_size(PyEvaluator& e, const std::map<std::string, PyValue>& args, const std::string& what,
                       const PyNode& at, TorchModule* m) {
        auto size = args.find("size");
        auto factor = args.find("scale_factor");
        const bool has_size = size != args.end() && size->second.kind != PyValueKind::None;
        const bool has_factor = factor != args.end() && factor->second.kind != PyValueKind::None;
        if (has_size == has_factor) {
            e.fail(Message(MsgCode::TorchArgument, {as_is(what), as_is("size or scale_factor"),
                                                    as_is("given, one of them and not both (PyTorch: \"only one of size or scale_factor should be defined\")")}),
                   at.line, at.column);
            return false;
        }
        if (has_size) {
            if (!to_pair(size->second, &m->spec.resize) || m->spec.resize.h < 1 || m->spec.resize.w < 1) {
                e.fail(Message(MsgCode::TorchArgument, {as_is(what), as_is("size"), as_is("a whole number from 1 or a pair of them")}),
                       size->second.line, size->second.column);
                return false;
            }
            return true;
        }
        // scale_factor: a number or a pair of them.
        std::vector<PyValue> parts;
        if (factor->second.kind == PyValueKind::Seq) parts = *factor->second.items;
        else parts = {factor->second, factor->second};
        double scale[2] = {0, 0};
        bool numbers = parts.size() == 2;
        for (size_t k = 0; numbers && k < 2; ++k) {
            const PyValue& v = parts[k];
            numbers = v.kind == PyValueKind::Int || v.kind == PyValueKind::Float;
            if (numbers) scale[k] = v.kind == PyValueKind::Int ? double(v.i) : v.f;
            numbers = numbers && scale[k] > 0 && scale[k] <= 4096;
        }
        if (!numbers) {
            e.fail(Message(MsgCode::TorchArgument, {as_is(what), as_is("scale_factor"), as_is("a positive number or a pair of them")}),
                   factor->second.line, factor->second.column);
            return false;
        }
        if (scale[0] == std::floor(scale[0]) && scale[1] == std::floor(scale[1])) m->spec.size = {int64_t(scale[0]), int64_t(scale[1])};
        else m->scale_h = scale[0], m->scale_w = scale[1];
        return true;
    }
    // A fractional scale_factor's output size, floor(in·scale) as PyTorch computes it;
    // below 1 PyTorch refuses it ("Input and output sizes should be greater than 0").
    bool resolve_upsample(PyEvaluator& e, const TorchModule& m, const Shape& in, const std::string& what, const PyNode& at,
                          LayerSpec* spec) const {
        if (m.scale_h <= 0 || in.rank != 3) return true;
        spec->resize = {int64_t(std::floor(double(in.h()) * m.scale_h)), int64_t(std::floor(double(in.w()) * m.scale_w))};
        if (spec->resize.h >= 1 && spec->resize.w >= 1) return true;
        e.fail(Message(MsgCode::TorchArgument, {as_is(what), as_is("scale_factor"),
                                                as_is("large enough that floor(size · scale_factor) is at least 1 (PyTorch: \"Input and output sizes should be greater than 0\"), not " +
                                                      std::to_string(spec->resize.h) + "×" + std::to_string(spec->resize.w))}),
               at.line, at.column);
        return false;
    }
    // dims as written for x.view / x.reshape / nn.Unflatten (PyTorch's, batch
    // first; -1 once at most, inferred; -2: not a whole number), resolved in place,
    // or refused with PyTorch's sentence and the numbers behind it.
    bool reshape_dims(PyEvaluator& e, int t, const std::string& what, const PyNode& at, std::vector<int64_t>* dims) {
        const std::vector<int64_t> now = torch_dims(tensors_[size_t(t)].shape);
        int64_t total = 1;
        for (int64_t d : now) total = checked_mul(total, d);
        std::string written = "[";
        for (size_t k = 0; k < dims->size(); ++k) written += (k ? ", " : "") + std::to_string((*dims)[k]);
        written += "]";
        int unknown = -1;
        int64_t known = 1;
        for (size_t k = 0; k < dims->size(); ++k) {
            const int64_t d = (*dims)[k];
            if (d == -1 && unknown < 0) { unknown = int(k); continue; }
            if (d < 1) {
                e.fail(Message(MsgCode::TorchArgument, {as_is(what), as_is("shape"), as_is("whole sizes from 1, with at most one -1")}),
                       at.line, at.column);
                return false;
            }
            known = checked_mul(known, d);
        }
        if (dims->empty() || known < 0 || total < 0) {
            e.fail(Message(MsgCode::TorchArgument, {as_is(what), as_is("shape"), as_is("sizes ConvLab can multiply")}), at.line, at.column);
            return false;
        }
        if (unknown >= 0 && total % known == 0) (*dims)[size_t(unknown)] = total / known;
        else if (unknown >= 0 || known != total) {
            const Message why = unknown >= 0 ? Message(MsgCode::TorchReshapeInfer, {as_is(known), as_is(total)})
                                             : Message(MsgCode::TorchReshapeProduct, {as_is(known)});
            e.fail(Message(MsgCode::TorchViewSize, {as_is(what), as_is(written), as_is(total), as_is(shape_words(now)), why}),
                   at.line, at.column);
            return false;
        }
        if ((*dims)[0] != batch_) {
            e.fail(Message(MsgCode::TorchNotYet, {as_is(what + " to " + shape_words(*dims) + ", which changes the batch of " +
                                                        std::to_string(batch_))}),
                   at.line, at.column);
            return false;
        }
        return true;
    }
    // padding: an int, a pair, 'same' or 'valid'.
    bool get_padding(PyEvaluator& e, const std::map<std::string, PyValue>& args, const std::string& what,
                     bool allow_words, TorchModule* m) {
        auto it = args.find("padding");
        if (it == args.end()) return true;
        const PyValue& v = it->second;
        if (allow_words && v.kind == PyValueKind::Str && (v.s == "same" || v.s == "valid")) {
            m->same_padding = v.s == "same";
            m->spec.padding = m->same_padding ? Padding::Same : Padding::Valid;
            return true;
        }
        Pair p;
        if (!to_pair(v, &p) || p.h < 0 || p.w < 0) {
            e.fail(Message(MsgCode::TorchArgument, {as_is(what), as_is("padding"),
                                                    as_is(allow_words ? "a whole number, a pair, 'same' or 'valid'"
                                                                      : "a whole number or a pair")}),
                   v.line, v.column);
            return false;
        }
        m->spec.pad_top = m->spec.pad_bottom = p.h;
        m->spec.pad_left = m->spec.pad_right = p.w;
        return true;
    }

    // --- freezing: model.parameters(), p.requires_grad = False ---------------
    // The parameters a torch.nn module has, by PyTorch's names.
    static std::vector<std::string> parameter_names(const TorchModule& m) {
        if (m.cls == "PReLU") return {"weight"};
        const bool convolution = m.cls == "Conv2d" || m.cls == "Conv1d" || m.cls == "ConvTranspose2d" || m.cls == "Linear";
        const bool affine = m.cls == "BatchNorm2d" || m.cls == "BatchNorm1d" || m.cls == "LayerNorm" || m.cls == "GroupNorm";
        if (convolution) return m.spec.use_bias ? std::vector<std::string>{"weight", "bias"} : std::vector<std::string>{"weight"};
        if (affine && m.spec.scale) return {"weight", "bias"};
        return {};
    }
    PyValue parameter_value(TorchParameter p, const PyNode& at) {
        parameters_.push_back(std::move(p));
        return object_value(kParameterObject, int(parameters_.size()) - 1, at.line, at.column);
    }
    // named_parameters() of `module` (each module once), names under `prefix`:
    // a module's own parameters first, then its children's, as PyTorch lists them.
    void collect_parameters(PyEvaluator& e, const PyValue& module, const std::string& prefix, const PyNode& at,
                            std::set<std::pair<int, int>>* seen, std::vector<std::pair<std::string, PyValue>>* out, int depth) {
        if (depth > 64 || !seen->insert({module.kind == PyValueKind::Object ? 0 : 1, module.object}).second) return;
        auto under = [&](const std::string& name) { return prefix.empty() ? name : prefix + "." + name; };
        if (module.kind == PyValueKind::Object) {
            const TorchModule& m = modules_[size_t(module.object)];
            for (const std::string& name : parameter_names(m))
                out->emplace_back(under(name), parameter_value({module.object, name, -1}, at));
            const std::vector<std::pair<std::string, PyValue>> children = m.children;
            for (const auto& child : children) collect_parameters(e, child.second, under(child.first), at, seen, out, depth + 1);
            return;
        }
        const auto attributes = e.instance_attributes(module.object);
        for (const auto& attribute : attributes)
            if (is_tensor(attribute.second) && tensors_[size_t(attribute.second.object)].parameter)
                out->emplace_back(under(attribute.first), parameter_value({-1, attribute.first, attribute.second.object}, at));
        for (const auto& attribute : attributes)
            if (is_module(e, attribute.second)) collect_parameters(e, attribute.second, under(attribute.first), at, seen, out, depth + 1);
    }
    // module.parameters() / module.named_parameters(): a list ConvLab's loops can run over.
    PyValue parameter_list(PyEvaluator& e, const PyValue& module, bool named, const PyNode& at) {
        std::set<std::pair<int, int>> seen;
        std::vector<std::pair<std::string, PyValue>> found;
        collect_parameters(e, module, "", at, &seen, &found, 0);
        std::vector<PyValue> items;
        for (auto& p : found) {
            if (!named) { items.push_back(p.second); continue; }
            PyValue name;
            name.kind = PyValueKind::Str;
            name.s = p.first;
            items.push_back(py_seq({name, p.second}, false, at.line, at.column));
        }
        return py_seq(std::move(items), true, at.line, at.column);
    }
    // modules() / named_modules() (the module itself first, then every one under
    // it, each once) and children() / named_children() (the direct ones), as
    // PyTorch lists them, for loops that freeze module by module.
    PyValue module_list(PyEvaluator& e, const PyValue& module, const std::string& method, const PyNode& at) {
        std::vector<std::pair<std::string, PyValue>> found;
        std::set<std::pair<int, int>> seen;
        const bool all = method == "modules" || method == "named_modules";
        std::function<void(const PyValue&, const std::string&, int)> walk = [&](const PyValue& m, const std::string& path, int depth) {
            if (depth > 64 || !seen.insert({m.kind == PyValueKind::Object ? 0 : 1, m.object}).second) return;
            if (all || depth == 1) found.emplace_back(path, m);
            if (!all && depth == 1) return;
            std::vector<std::pair<std::string, PyValue>> children;
            if (m.kind == PyValueKind::Object) children = modules_[size_t(m.object)].children;
            else
                for (const auto& attribute : e.instance_attributes(m.object))
                    if (is_module(e, attribute.second)) children.push_back(attribute);
            for (const auto& child : children) walk(child.second, path.empty() ? child.first : path + "." + child.first, depth + 1);
        };
        walk(module, "", 0);
        std::vector<PyValue> items;
        for (const auto& m : found) {
            if (method.rfind("named_", 0) != 0) { items.push_back(m.second); continue; }
            PyValue name;
            name.kind = PyValueKind::Str;
            name.s = m.first;
            items.push_back(py_seq({name, m.second}, false, at.line, at.column));
        }
        return py_seq(std::move(items), true, at.line, at.column);
    }
    static bool lists_modules(const std::string& method) {
        return method == "modules" || method == "named_modules" || method == "children" || method == "named_children";
    }
    // A freeze in a block ConvLab cannot decide would make the trainable count a guess: refused instead.
    bool refuse_uncertain_freeze(PyEvaluator& e, const PyNode& at) {
        const PyBlockMode* block = e.uncertain_block();
        if (!block) return false;
        e.fail(Message(MsgCode::TorchUncertainFreeze, {as_is(at.line)}), at.line, at.column);
        return true;
    }
    void set_requires_grad(const TorchParameter& p, bool requires_grad) {
        if (p.tensor >= 0) { tensors_[size_t(p.tensor)].trainable = requires_grad; return; }
        std::set<std::string>& frozen = modules_[size_t(p.module)].frozen;
        if (requires_grad) frozen.erase(p.name);
        else frozen.insert(p.name);
    }
    // module.requires_grad_(flag): every parameter under it.
    void module_requires_grad(PyEvaluator& e, const PyValue& module, int n) {
        bool flag = true;
        const PyNode& at = e.node(n);
        if (!at.args.empty()) {
            const PyValue v = e.eval(at.args[0].value);
            if (e.failed()) return;
            if (v.kind != PyValueKind::Bool) {
                e.fail(Message(MsgCode::TorchArgument, {as_is("requires_grad_"), as_is("requires_grad"), as_is("True or False")}),
                       at.line, at.column);
                return;
            }
            flag = v.b;
        }
        if (refuse_uncertain_freeze(e, at)) return;
        std::set<std::pair<int, int>> seen;
        std::vector<std::pair<std::string, PyValue>> found;
        collect_parameters(e, module, "", at, &seen, &found, 0);
        for (const auto& p : found) set_requires_grad(parameters_[size_t(p.second.object)], flag);
    }

    // --- construction: torch.nn's modules ------------------------------------
    PyValue make_module(PyEvaluator& e, const std::string& cls, int n);
    PyValue make_container(PyEvaluator& e, const std::string& cls, int n);
    PyValue make_parameter(PyEvaluator& e, int n);

    bool call_name(PyEvaluator& e, const std::string& callee, int n, PyValue* result);
    bool call_object(PyEvaluator& e, const PyValue& object, int n, PyValue* result);
    bool call_method(PyEvaluator& e, const PyValue& object, const std::string& method, int n, PyValue* result);
    bool call_instance(PyEvaluator& e, const PyValue& instance, int n, PyValue* result);
    bool instance_method(PyEvaluator& e, const PyValue& instance, const std::string& method, int n, PyValue* result);
    bool tensor_operator(PyEvaluator& e, const std::string& op, const PyValue& a, const PyValue& b, const PyNode& at,
                         PyValue* result);
    bool get_attribute(PyEvaluator& e, const PyValue& object, const std::string& name, const PyNode& at,
                       PyValue* result);

    // --- the trace -------------------------------------------------------------
    void name_modules(PyEvaluator& e, const PyValue& v, const std::string& path, int depth);
    std::string path_of(const PyValue& v) const {
        auto it = v.kind == PyValueKind::Object ? module_paths_.find(v.object) : instance_paths_.find(v.object);
        const auto end = v.kind == PyValueKind::Object ? module_paths_.end() : instance_paths_.end();
        return it == end ? std::string() : it->second;
    }
    int open_row(PyEvaluator& e, const PyValue& module, const PyValue& input);
    // After the trace: the modules forward() never called, and their parameters.
    void record_uncalled(PyEvaluator& e, const PyValue& module, int under_row, std::set<std::pair<int, int>>* seen, int depth);
    void count_uncalled(PyEvaluator& e, const PyValue& module, std::set<std::pair<int, int>>* seen, int depth,
                        TorchUncalled* into, bool* holds_called);
    int64_t unbuilt_params(const TorchModule& m) const;
    void close_row(int row, const PyValue& output);
    PyValue run_module(PyEvaluator& e, const PyValue& module, const PyValue& input, const PyNode& at);
    PyValue apply_leaf(PyEvaluator& e, int module, const PyValue& input, const PyNode& at);
    // Adds one call of `spec` (a new layer, or layer `reuse`'s next call) on the
    // inputs, analysed now; the new tensor, or a failure.
    PyValue add_call(PyEvaluator& e, LayerSpec spec, int reuse, const std::vector<int>& inputs, const std::string& label,
                     const PyNode& at, int* layer_out = nullptr);
    PyValue op(PyEvaluator& e, LayerSpec spec, const char* name, int input, const PyNode& at) {
        spec.pytorch = true;
        spec.name = std::string(name) + (op_counts_[name]++ ? "_" + std::to_string(op_counts_[name] - 1) : "");
        return add_call(e, std::move(spec), -1, {input}, name, at);
    }
    PyValue tensor_op(PyEvaluator& e, const std::string& name, int n, int tensor_argument);
    PyValue chunk(PyEvaluator& e, int t, int64_t chunks, const PyNode& at);
    PyValue permute(PyEvaluator& e, const std::string& what, int t, const std::vector<int64_t>& dims, const PyNode& at);
    PyValue grouped_view(PyEvaluator& e, const std::string& what, int t, const std::vector<int64_t>& dims, const PyNode& at);
    // PyTorch's dims of a traced tensor: (N, H, W, C) channels-last, a grouped view's own, else its shape's.
    std::vector<int64_t> dims_of(int t) const {
        const TorchTensor& x = tensors_[size_t(t)];
        if (x.channels_last) return {batch_, x.shape.h(), x.shape.w(), x.shape.c()};
        return x.grouped.empty() ? torch_dims(x.shape) : x.grouped;
    }
    bool tensor_arg(PyEvaluator& e, const PyValue& v, const std::string& what, const PyNode& at, int* out) {
        if (is_tensor(v) && !tensors_[size_t(v.object)].grouped.empty()) {
            e.fail(Message(MsgCode::TorchNotYet, {as_is(what + " of a 5-D view (only its transpose(1, 2) and a view back to (N, C, H, W))")}),
                   at.line, at.column);
            return false;
        }
        if (is_tensor(v) && !tensors_[size_t(v.object)].sample) { *out = v.object; return true; }
        if (v.kind == PyValueKind::Unknown) e.fail_with(v);
        else e.fail(Message(MsgCode::TorchNeedsTensor, {as_is(what), py_describe(v)}), at.line, at.column);
        return false;
    }
};

// ---------------------------------------------------------------------------
// [SECTION] Construction
// ---------------------------------------------------------------------------

PyValue TorchMapping::make_module(PyEvaluator& e, const std::string& cls, int n) {
    const PyNode& at = e.node(n);
    const std::string what = "nn." + cls;
    TorchModule m;
    m.cls = cls;
    m.line = at.line, m.column = at.column;
    std::map<std::string, PyValue> a;
    LayerSpec& s = m.spec;
    s.pytorch = true;
    if (cls == "Conv2d") {
        if (!bind(e, n, what, {"in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups",
                               "bias", "padding_mode", "device", "dtype"}, &a))
            return PyValue{};
        if (!need(e, a, "in_channels", what, at) || !need(e, a, "out_channels", what, at) ||
            !need(e, a, "kernel_size", what, at))
            return PyValue{};
        int64_t groups = 1;
        s = make_layer(LayerKind::Conv2D);
        s.pytorch = true;
        m.expects_name = "in_channels";
        if (!get_int(e, a, "in_channels", what, &m.expects) || !get_int(e, a, "out_channels", what, &s.filters) ||
            !get_pair(e, a, "kernel_size", what, &s.kernel) || !get_pair(e, a, "stride", what, &s.strides) ||
            !get_pair(e, a, "dilation", what, &s.dilation) || !get_int(e, a, "groups", what, &groups) ||
            !get_bool(e, a, "bias", what, &s.use_bias) || !get_padding(e, a, what, true, &m))
            return PyValue{};
        if (!get_padding_mode(e, a, what, &m) || !get_groups(e, a, what, groups)) return PyValue{};
        s.groups = groups;  // in_channels and out_channels divisible by it: result() checks, naming the module's path
        if (groups != 1 && groups == m.expects && s.filters % m.expects == 0) {
            // A depthwise convolution (groups = in_channels) is Keras's DepthwiseConv2D, depth_multiplier = out / in.
            const LayerSpec conv = s;
            s = make_layer(LayerKind::DepthwiseConv2D);
            s.pytorch = true;
            s.kernel = conv.kernel, s.strides = conv.strides, s.dilation = conv.dilation, s.padding = conv.padding;
            s.pad_top = conv.pad_top, s.pad_bottom = conv.pad_bottom, s.pad_left = conv.pad_left, s.pad_right = conv.pad_right;
            s.use_bias = conv.use_bias;
            s.depth_multiplier = conv.filters / m.expects;
        }
    } else if (cls == "Linear") {
        if (!bind(e, n, what, {"in_features", "out_features", "bias", "device", "dtype"}, &a) ||
            !need(e, a, "in_features", what, at) || !need(e, a, "out_features", what, at))
            return PyValue{};
        s = make_layer(LayerKind::Dense);
        s.pytorch = true;
        m.expects_name = "in_features";
        if (!get_int(e, a, "in_features", what, &m.expects) || !get_int(e, a, "out_features", what, &s.units) ||
            !get_bool(e, a, "bias", what, &s.use_bias))
            return PyValue{};
    } else if (cls == "BatchNorm2d" || cls == "BatchNorm1d") {
        if (!bind(e, n, what, {"num_features", "eps", "momentum", "affine", "track_running_stats", "device", "dtype"}, &a) ||
            !need(e, a, "num_features", what, at))
            return PyValue{};
        s = make_layer(LayerKind::BatchNormalization);
        s.pytorch = true;
        // PyTorch's defaults: eps 1e-5, momentum 0.1 (Keras: 1e-3 and 0.99). The
        // two momenta weigh opposite terms: PyTorch's running = (1 − m)·running + m·batch,
        // Keras's moving = m·moving + (1 − m)·batch. The layer keeps Keras's
        // meaning, which training and the exporters read: 1 − PyTorch's.
        double torch_momentum = 0.1;
        s.epsilon = 1e-5;
        bool affine = true, track = true;
        m.expects_name = "num_features";
        if (!get_int(e, a, "num_features", what, &m.expects) || !get_bool(e, a, "affine", what, &affine) ||
            !get_bool(e, a, "track_running_stats", what, &track))
            return PyValue{};
        get_number(a, "eps", &s.epsilon);
        get_number(a, "momentum", &torch_momentum);
        s.momentum = 1.0 - torch_momentum;
        s.center = s.scale = affine;
    } else if (cls == "MaxPool2d" || cls == "AvgPool2d") {
        if (!bind(e, n, what, cls == "MaxPool2d"
                                  ? std::vector<const char*>{"kernel_size", "stride", "padding", "dilation", "return_indices", "ceil_mode"}
                                  : std::vector<const char*>{"kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"},
                  &a) ||
            !need(e, a, "kernel_size", what, at))
            return PyValue{};
        s = make_layer(cls == "MaxPool2d" ? LayerKind::MaxPooling2D : LayerKind::AveragePooling2D);
        s.pytorch = true;
        Pair dilation{1, 1};
        if (!get_pair(e, a, "kernel_size", what, &s.kernel)) return PyValue{};
        s.strides = s.kernel;  // stride=None means the kernel size
        if (!get_pair(e, a, "stride", what, &s.strides) || !get_padding(e, a, what, false, &m) ||
            !get_bool(e, a, "ceil_mode", what, &s.ceil_mode) || !get_pair(e, a, "dilation", what, &dilation))
            return PyValue{};
        if (dilation.h != 1 || dilation.w != 1) {
            e.fail(Message(MsgCode::TorchNotYet, {as_is("MaxPool2d with dilation")}), at.line, at.column);
            return PyValue{};
        }
    } else if (cls == "AdaptiveAvgPool2d" || cls == "AdaptiveMaxPool2d") {
        if (!bind(e, n, what, cls == "AdaptiveAvgPool2d" ? std::vector<const char*>{"output_size"}
                                                        : std::vector<const char*>{"output_size", "return_indices"},
                  &a) ||
            !need(e, a, "output_size", what, at) || !get_pair(e, a, "output_size", what, &m.adaptive))
            return PyValue{};
        s = make_layer(cls == "AdaptiveAvgPool2d" ? LayerKind::GlobalAveragePooling2D : LayerKind::GlobalMaxPooling2D);
        s.pytorch = true;
        s.keepdims = true;
    } else if (cls == "Dropout" || cls == "Dropout2d") {
        if (!bind(e, n, what, {"p", "inplace"}, &a)) return PyValue{};
        s = make_layer(LayerKind::Dropout);
        s.pytorch = true;
        s.rate = 0.5;
        get_number(a, "p", &s.rate);
    } else if (cls == "MaxPool1d" || cls == "AvgPool1d") {
        // Over (N, C, L): Keras's MaxPooling1D / AveragePooling1D, which run as a (K, 1) window of their 2D twins.
        if (!bind(e, n, what, cls == "MaxPool1d"
                                  ? std::vector<const char*>{"kernel_size", "stride", "padding", "dilation", "return_indices", "ceil_mode"}
                                  : std::vector<const char*>{"kernel_size", "stride", "padding", "ceil_mode", "count_include_pad"},
                  &a) ||
            !need(e, a, "kernel_size", what, at))
            return PyValue{};
        s = make_layer(cls == "MaxPool1d" ? LayerKind::MaxPooling1D : LayerKind::AveragePooling1D);
        s.pytorch = true;
        int64_t kernel = 1, padding = 0, dilation = 1;
        if (!get_int(e, a, "kernel_size", what, &kernel)) return PyValue{};
        int64_t stride = kernel;  // stride=None means the kernel size
        if (a.count("stride") && a["stride"].kind == PyValueKind::None) a.erase("stride");
        if (!get_int(e, a, "stride", what, &stride) || !get_int(e, a, "padding", what, &padding) ||
            !get_int(e, a, "dilation", what, &dilation) || !get_bool(e, a, "ceil_mode", what, &s.ceil_mode))
            return PyValue{};
        if (dilation != 1) {
            e.fail(Message(MsgCode::TorchNotYet, {as_is("MaxPool1d with dilation")}), at.line, at.column);
            return PyValue{};
        }
        if (padding < 0) {
            e.fail(Message(MsgCode::TorchArgument, {as_is(what), as_is("padding"), as_is("a whole number, not negative")}), at.line, at.column);
            return PyValue{};
        }
        s.kernel = {kernel, 1}, s.strides = {stride, 1};
        s.pad_top = s.pad_bottom = padding;
        s.pad_left = s.pad_right = 0;  // the twin's width is 1
    } else if (cls == "Unflatten") {
        // Unflatten(1, (C, H, W)): one dim of the input laid out as several; the shape is known once the input is.
        if (!bind(e, n, what, {"dim", "unflattened_size"}, &a) || !need(e, a, "dim", what, at) ||
            !need(e, a, "unflattened_size", what, at) || !get_int(e, a, "dim", what, &m.unflatten_dim))
            return PyValue{};
        const PyValue& sizes = a["unflattened_size"];
        if (sizes.kind == PyValueKind::Seq)
            for (const PyValue& d : *sizes.items) m.unflatten_sizes.push_back(d.kind == PyValueKind::Int ? d.i : 0);
        bool whole = !m.unflatten_sizes.empty();
        for (int64_t d : m.unflatten_sizes) whole = whole && (d >= 1 || d == -1);
        if (!whole) {
            e.fail(Message(MsgCode::TorchArgument, {as_is(what), as_is("unflattened_size"), as_is("a tuple of whole sizes")}),
                   sizes.line, sizes.column);
            return PyValue{};
        }
        s = make_layer(LayerKind::Reshape);
        s.pytorch = true;
    } else if (cls == "Conv1d") {
        // Over (N, C, L): Keras's Conv1D over (steps, C), which runs as a (K, 1) Conv2D.
        if (!bind(e, n, what, {"in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups",
                               "bias", "padding_mode", "device", "dtype"}, &a))
            return PyValue{};
        if (!need(e, a, "in_channels", what, at) || !need(e, a, "out_channels", what, at) ||
            !need(e, a, "kernel_size", what, at))
            return PyValue{};
        int64_t groups = 1, kernel = 1, stride = 1, dilation = 1;
        s = make_layer(LayerKind::Conv1D);
        s.pytorch = true;
        m.expects_name = "in_channels";
        if (!get_int(e, a, "in_channels", what, &m.expects) || !get_int(e, a, "out_channels", what, &s.filters) ||
            !get_int(e, a, "kernel_size", what, &kernel) || !get_int(e, a, "stride", what, &stride) ||
            !get_int(e, a, "dilation", what, &dilation) || !get_int(e, a, "groups", what, &groups) ||
            !get_bool(e, a, "bias", what, &s.use_bias) || !get_padding(e, a, what, true, &m))
            return PyValue{};
        s.kernel = {kernel, 1}, s.strides = {stride, 1}, s.dilation = {dilation, 1};
        s.pad_left = s.pad_right = 0;  // the twin's width is 1
        if (!get_padding_mode(e, a, what, &m) || !get_groups(e, a, what, groups)) return PyValue{};
        s.groups = groups;
    } else if (cls == "ConvTranspose2d") {
        if (!bind(e, n, what, {"in_channels", "out_channels", "kernel_size", "stride", "padding", "output_padding", "groups",
                               "bias", "dilation", "padding_mode", "device", "dtype"}, &a))
            return PyValue{};
        if (!need(e, a, "in_channels", what, at) || !need(e, a, "out_channels", what, at) ||
            !need(e, a, "kernel_size", what, at))
            return PyValue{};
        int64_t groups = 1;
        s = make_layer(LayerKind::Conv2DTranspose);
        s.pytorch = true;
        s.has_output_padding = true;  // PyTorch's size rule always adds it (0 by default)
        m.expects_name = "in_channels";
        if (!get_int(e, a, "in_channels", what, &m.expects) || !get_int(e, a, "out_channels", what, &s.filters) ||
            !get_pair(e, a, "kernel_size", what, &s.kernel) || !get_pair(e, a, "stride", what, &s.strides) ||
            !get_pair(e, a, "output_padding", what, &s.output_padding) || !get_pair(e, a, "dilation", what, &s.dilation) ||
            !get_int(e, a, "groups", what, &groups) || !get_bool(e, a, "bias", what, &s.use_bias) ||
            !get_padding(e, a, what, false, &m))
            return PyValue{};
        s.output_padding = a.count("output_padding") ? s.output_padding : Pair{0, 0};
        if (!get_groups(e, a, what, groups)) return PyValue{};
        s.groups = groups;
        if (auto pm = a.find("padding_mode"); pm != a.end() && !(pm->second.kind == PyValueKind::Str && pm->second.s == "zeros")) {
            // PyTorch: "Only "zeros" padding mode is supported for ConvTranspose2d".
            e.fail(Message(MsgCode::TorchArgument, {as_is(what), as_is("padding_mode"), as_is("'zeros', the only one PyTorch supports for it")}),
                   pm->second.line, pm->second.column);
            return PyValue{};
        }
    } else if (cls == "ZeroPad2d") {
        // padding: an int for every side, or (left, right, top, bottom) as F.pad orders them.
        if (!bind(e, n, what, {"padding"}, &a) || !need(e, a, "padding", what, at)) return PyValue{};
        s = make_layer(LayerKind::ZeroPadding2D);
        s.pytorch = true;
        const PyValue& p = a["padding"];
        std::vector<int64_t> sides;
        if (p.kind == PyValueKind::Int) sides = {p.i, p.i, p.i, p.i};
        else if (p.kind == PyValueKind::Seq && p.items->size() == 4)
            for (const PyValue& side : *p.items) sides.push_back(side.kind == PyValueKind::Int ? side.i : -1);
        bool whole = sides.size() == 4;
        for (int64_t side : sides) whole = whole && side >= 0;
        if (!whole) {
            e.fail(Message(MsgCode::TorchArgument, {as_is(what), as_is("padding"),
                                                    as_is("a whole number or (left, right, top, bottom), none negative")}),
                   p.line, p.column);
            return PyValue{};
        }
        s.pad_left = sides[0], s.pad_right = sides[1], s.pad_top = sides[2], s.pad_bottom = sides[3];
    } else if (cls == "Upsample" || cls == "UpsamplingNearest2d" || cls == "UpsamplingBilinear2d") {
        if (!bind(e, n, what, cls == "Upsample" ? std::vector<const char*>{"size", "scale_factor", "mode", "align_corners", "recompute_scale_factor"}
                                                : std::vector<const char*>{"size", "scale_factor"},
                  &a))
            return PyValue{};
        s = make_layer(LayerKind::UpSampling2D);
        s.pytorch = true;
        // UpsamplingBilinear2d is Upsample(mode='bilinear', align_corners=True): the same sizes.
        s.bilinear = cls == "UpsamplingBilinear2d";
        // A whole scale_factor repeats each row and column: Keras's UpSampling2D(size).
        // size=(H, W), or a fractional factor (floor(in·scale), PyTorch's rule), names the output's size instead.
        if (!upsample_size(e, a, what, at, &m)) return PyValue{};
        if (auto mode = a.find("mode"); mode != a.end()) {
            if (mode->second.kind != PyValueKind::Str || (mode->second.s != "nearest" && mode->second.s != "bilinear")) {
                e.fail(Message(MsgCode::TorchNotYet, {as_is(what + " with a mode other than 'nearest' or 'bilinear'")}), at.line,
                       at.column);
                return PyValue{};
            }
            s.bilinear = mode->second.s == "bilinear";
        }
    } else if (cls == "PReLU") {
        if (!bind(e, n, what, {"num_parameters", "init", "device", "dtype"}, &a) ||
            !get_int(e, a, "num_parameters", what, &m.prelu_parameters))
            return PyValue{};
        s = make_layer(LayerKind::PReLU);  // shared_axes are set when the input's rank is known
        s.pytorch = true;
        if (m.prelu_parameters != 1) m.expects_name = "num_parameters", m.expects = m.prelu_parameters;
    } else if (cls == "LayerNorm") {
        if (!bind(e, n, what, {"normalized_shape", "eps", "elementwise_affine", "device", "dtype"}, &a) ||
            !need(e, a, "normalized_shape", what, at))
            return PyValue{};
        const PyValue& shape = a["normalized_shape"];
        if (shape.kind == PyValueKind::Int) m.normalized_shape = {shape.i};
        else if (shape.kind == PyValueKind::Seq)
            for (const PyValue& d : *shape.items) m.normalized_shape.push_back(d.kind == PyValueKind::Int ? d.i : -1);
        bool whole = !m.normalized_shape.empty() && m.normalized_shape.size() <= 3;
        for (int64_t d : m.normalized_shape) whole = whole && d >= 1;
        if (!whole) {
            e.fail(Message(MsgCode::TorchArgument, {as_is(what), as_is("normalized_shape"),
                                                    as_is("a whole number or a list of up to three of them")}),
                   shape.line, shape.column);
            return PyValue{};
        }
        bool affine = true;
        s = make_layer(LayerKind::LayerNormalization);
        s.pytorch = true;
        s.epsilon = 1e-5;
        if (!get_bool(e, a, "elementwise_affine", what, &affine)) return PyValue{};
        get_number(a, "eps", &s.epsilon);
        s.center = s.scale = affine;
        s.normalized_dims = int(m.normalized_shape.size());
    } else if (cls == "GroupNorm") {
        // Statistics over each group of channels, then a weight and bias per
        // channel: its parameters are LayerNormalization's per-channel gamma and beta.
        if (!bind(e, n, what, {"num_groups", "num_channels", "eps", "affine", "device", "dtype"}, &a) ||
            !need(e, a, "num_groups", what, at) || !need(e, a, "num_channels", what, at))
            return PyValue{};
        bool affine = true;
        s = make_layer(LayerKind::LayerNormalization);
        s.pytorch = true;
        s.epsilon = 1e-5;
        m.expects_name = "num_channels";
        if (!get_int(e, a, "num_groups", what, &m.groups) || !get_int(e, a, "num_channels", what, &m.expects) ||
            !get_bool(e, a, "affine", what, &affine))
            return PyValue{};
        get_number(a, "eps", &s.epsilon);
        s.center = s.scale = affine;
        // num_channels % num_groups: PyTorch refuses it as the module is made; result() says so, by its path.
    } else if (cls == "Flatten") {
        if (!bind(e, n, what, {"start_dim", "end_dim"}, &a)) return PyValue{};
        int64_t start = 1, end = -1;
        if (!get_int(e, a, "start_dim", what, &start) || !get_int(e, a, "end_dim", what, &end)) return PyValue{};
        if (start != 1 || end != -1) {
            e.fail(Message(MsgCode::TorchNotYet, {as_is("nn.Flatten other than Flatten(1, -1)")}), at.line, at.column);
            return PyValue{};
        }
        s = make_layer(LayerKind::Flatten);
        s.pytorch = true;
    } else {
        // The activations: shapes pass through, nothing is learned.
        if (!bind(e, n, what, {"inplace", "negative_slope", "dim", "approximate", "min_val", "max_val", "alpha"}, &a)) return PyValue{};
        s = make_layer(LayerKind::Activation);
        s.pytorch = true;
        if (cls == "ReLU") s.activation = Activation::Relu;
        else if (cls == "ReLU6") { s = make_layer(LayerKind::ReLU); s.pytorch = true; s.has_max_value = true; s.max_value = 6; }
        else if (cls == "LeakyReLU") {
            s = make_layer(LayerKind::LeakyReLU);
            s.pytorch = true;
            s.negative_slope = 0.01;
            get_number(a, "negative_slope", &s.negative_slope);
        } else if (cls == "Sigmoid") s.activation = Activation::Sigmoid;
        else if (cls == "Tanh") s.activation = Activation::Tanh;
        else if (cls == "Softmax" || cls == "LogSoftmax") s.activation = Activation::Softmax;
        else if (cls == "GELU") s.activation = Activation::Gelu;
        else if (cls == "SiLU") s.activation = Activation::Swish;
        else if (cls == "Identity") s.activation = Activation::Linear;
        else if (cls == "Hardswish") s.activation = Activation::HardSwish;
        else if (cls == "Hardsigmoid") s.activation = Activation::HardSigmoid;  // relu6(x + 3) / 6, as Keras 3's
        else if (cls == "ELU") {
            s = make_layer(LayerKind::ELU);
            s.pytorch = true;
            s.alpha = 1.0;
            get_number(a, "alpha", &s.alpha);
        }
    }
    // torchinfo's Kernel Shape prints the module's kernel_size attribute: a
    // convolution stores a tuple (_pair(3) is (3, 3)), a pooling keeps what was written.
    if (auto k = a.find("kernel_size"); k != a.end()) {
        if (cls == "Conv1d") m.kernel_text = "[" + std::to_string(s.kernel.h) + "]";
        else if (cls.rfind("Conv", 0) == 0) m.kernel_text = "[" + std::to_string(s.kernel.h) + ", " + std::to_string(s.kernel.w) + "]";
        else if (k->second.kind == PyValueKind::Int) m.kernel_text = std::to_string(k->second.i);
        else if (k->second.kind == PyValueKind::Seq) {
            m.kernel_text = "[";
            for (const PyValue& d : *k->second.items) m.kernel_text += (m.kernel_text.size() > 1 ? ", " : "") + std::to_string(d.i);
            m.kernel_text += "]";
        }
    }
    modules_.push_back(std::move(m));
    return object_value(kModuleObject, int(modules_.size()) - 1, at.line, at.column);
}

// nn.Sequential(a, b), nn.Sequential(*layers), nn.Sequential(OrderedDict([('conv', ...), ...])), nn.ModuleList([...]).
PyValue TorchMapping::make_container(PyEvaluator& e, const std::string& cls, int n) {
    const PyNode& at = e.node(n);
    TorchModule m;
    m.cls = cls;
    m.leaf = false;
    m.line = at.line, m.column = at.column;
    std::vector<PyValue> items;
    for (const PyArg& arg : at.args) {
        if (!arg.keyword.empty() && arg.keyword != "*") {
            e.fail(Message(MsgCode::TorchUnknownArgument, {as_is("nn." + cls), as_is(arg.keyword)}), arg.line, arg.column);
            return PyValue{};
        }
        PyValue v = e.eval(arg.keyword == "*" ? arg.unpacked : arg.value);
        if (e.failed()) return PyValue{};
        const bool spread = arg.keyword == "*" || (cls == "ModuleList" && v.kind == PyValueKind::Seq);
        if (spread && v.kind != PyValueKind::Seq) {
            if (v.kind == PyValueKind::Unknown) e.fail_with(v);
            else e.fail(Message(MsgCode::TorchArgument, {as_is("nn." + cls), as_is("*"), as_is("a list of modules")}), arg.line, arg.column);
            return PyValue{};
        }
        if (spread) items.insert(items.end(), v.items->begin(), v.items->end());
        else items.push_back(v);
    }
    // OrderedDict([(name, module), ...]) arrives as one list of pairs.
    if (items.size() == 1 && items[0].kind == PyValueKind::Seq) {
        for (const PyValue& pair : *items[0].items) {
            if (pair.kind != PyValueKind::Seq || pair.items->size() != 2 || (*pair.items)[0].kind != PyValueKind::Str) {
                e.fail(Message(MsgCode::TorchArgument, {as_is("nn." + cls), as_is("OrderedDict"), as_is("(name, module) pairs")}),
                       pair.line, pair.column);
                return PyValue{};
            }
            m.children.emplace_back((*pair.items)[0].s, (*pair.items)[1]);
        }
    } else {
        for (const PyValue& item : items) m.children.emplace_back(std::to_string(m.children.size()), item);
    }
    for (const auto& child : m.children) {
        if (child.second.kind == PyValueKind::Unknown) { e.fail_with(child.second); return PyValue{}; }
        if (!is_module(e, child.second)) {
            e.fail(Message(MsgCode::TorchArgument, {as_is("nn." + cls), as_is(child.first), as_is("a module")}),
                   child.second.line, child.second.column);
            return PyValue{};
        }
    }
    modules_.push_back(std::move(m));
    return object_value(kModuleObject, int(modules_.size()) - 1, at.line, at.column);
}

// nn.Parameter(torch.zeros(1, C, 1, 1)): a tensor of the size written, learned
// by the module that holds it (requires_grad=False: counted, not trained).
PyValue TorchMapping::make_parameter(PyEvaluator& e, int n) {
    const PyNode& at = e.node(n);
    std::map<std::string, PyValue> a;
    if (!bind(e, n, "nn.Parameter", {"data", "requires_grad"}, &a) || !need(e, a, "data", "nn.Parameter", at)) return PyValue{};
    const PyValue& data = a["data"];
    bool whole = is_tensor(data) && tensors_[size_t(data.object)].sample;
    if (whole)
        for (int64_t d : tensors_[size_t(data.object)].size) whole = whole && d >= 0;
    if (!whole) {
        e.fail(Message(MsgCode::TorchArgument, {as_is("nn.Parameter"), as_is("data"), as_is("torch.zeros(...), torch.ones(...) or torch.randn(...) of whole sizes")}),
               data.line, data.column);
        return PyValue{};
    }
    TorchTensor t = tensors_[size_t(data.object)];
    t.parameter = true;
    if (!get_bool(e, a, "requires_grad", "nn.Parameter", &t.trainable)) return PyValue{};
    tensors_.push_back(std::move(t));
    return object_value(kTensorObject, int(tensors_.size()) - 1, at.line, at.column);
}

bool TorchMapping::call_name(PyEvaluator& e, const std::string& callee, int n, PyValue* result) {
    const PyNode& at = e.node(n);
    const std::string last = py_last_component(callee);
    if (is_torch_name(callee, "torch.nn.") && !is_torch_name(callee, "torch.nn.functional.") &&
        !is_torch_name(callee, "torch.nn.init.")) {
        static const char* const kLeaves[] = {"Conv2d", "Linear", "BatchNorm2d", "BatchNorm1d", "MaxPool2d", "AvgPool2d",
                                              "AdaptiveAvgPool2d", "Dropout", "Dropout2d", "Flatten", "ReLU", "ReLU6",
                                              "LeakyReLU", "Sigmoid", "Tanh", "Softmax", "LogSoftmax", "GELU", "SiLU",
                                              "Identity", "ConvTranspose2d", "ZeroPad2d", "Upsample",
                                              "UpsamplingNearest2d", "UpsamplingBilinear2d", "AdaptiveMaxPool2d", "ELU", "PReLU", "Hardswish", "Hardsigmoid",
                                              "LayerNorm", "GroupNorm", "Conv1d", "MaxPool1d", "AvgPool1d", "Unflatten"};
        for (const char* leaf : kLeaves)
            if (last == leaf) { *result = make_module(e, last, n); return true; }
        if (last == "Sequential" || last == "ModuleList") { *result = make_container(e, last, n); return true; }
        if (last == "Parameter") { *result = make_parameter(e, n); return true; }
        if (last == "Module") return false;
        e.fail(Message(MsgCode::TorchNotYet, {as_is("nn." + last)}), at.line, at.column);
        *result = PyValue{};
        return true;
    }
    if (callee == "collections.OrderedDict" || callee == "OrderedDict") {
        if (at.args.size() != 1 || !at.args[0].keyword.empty()) return false;
        *result = e.eval(at.args[0].value);
        return true;
    }
    // torch.randn(1, 1, 28, 28): the script's example input, its size kept.
    if (callee == "torch.randn" || callee == "torch.rand" || callee == "torch.zeros" || callee == "torch.ones") {
        TorchTensor t;
        t.sample = true;
        for (const PyArg& arg : at.args) {
            if (!arg.keyword.empty()) continue;
            const PyValue v = e.eval(arg.value);
            if (e.failed()) return true;
            if (v.kind == PyValueKind::Int) t.size.push_back(v.i);
            else if (v.kind == PyValueKind::Seq)
                for (const PyValue& d : *v.items) t.size.push_back(d.kind == PyValueKind::Int ? d.i : -1);
        }
        tensors_.push_back(std::move(t));
        *result = object_value(kTensorObject, int(tensors_.size()) - 1, at.line, at.column);
        return true;
    }
    // torchinfo.summary(model, input_size=(N, C, H, W)) / torchsummary.summary(model, (C, H, W)).
    if (last == "summary" && (callee.find("torchinfo") != std::string::npos || callee.find("torchsummary") != std::string::npos ||
                              callee == "summary")) {
        std::vector<PyValue> positional;
        PyValue size;
        for (const PyArg& arg : at.args) {
            const PyValue v = e.eval(arg.value);
            if (e.failed()) return true;
            if (arg.keyword.empty()) positional.push_back(v);
            else if (arg.keyword == "input_size") size = v;
        }
        if (positional.size() >= 2) size = positional[1];
        if (!positional.empty() && is_module(e, positional[0]) && size.kind == PyValueKind::Seq) {
            std::vector<int64_t> dims;
            for (const PyValue& d : *size.items) dims.push_back(d.kind == PyValueKind::Int ? d.i : -1);
            // torchsummary's size has no batch; it runs with a batch of 2 and prints -1. ConvLab uses 1.
            if (callee.find("torchinfo") == std::string::npos && dims.size() == 3) dims.insert(dims.begin(), 1);
            script_model_ = positional[0];
            script_size_ = dims;
        }
        *result = py_none();
        return true;
    }
    if (!tracing_) return false;
    // forward()'s functions of tensors.
    static const char* const kOps[] = {"relu", "relu6", "sigmoid", "tanh", "gelu", "silu", "leaky_relu", "max_pool2d",
                                       "avg_pool2d", "adaptive_avg_pool2d", "dropout", "dropout2d", "log_softmax",
                                       "softmax", "flatten", "cat", "chunk", "transpose", "permute", "layer_norm",
                                       "interpolate", "reshape", "unsqueeze", "squeeze"};
    if (is_torch_name(callee, "torch.nn.functional.") || (is_torch_name(callee, "torch.") && callee.find('.', 6) == std::string::npos)) {
        for (const char* name : kOps)
            if (last == name) { *result = tensor_op(e, last, n, -1); return true; }
        e.fail(Message(MsgCode::TorchNotYet, {as_is(callee)}), at.line, at.column);
        *result = PyValue{};
        return true;
    }
    return false;
}

// ---------------------------------------------------------------------------
// [SECTION] The trace: forward() over shapes
// ---------------------------------------------------------------------------

// PyTorch's named_modules(): each module once, under the first path that reaches it.
void TorchMapping::name_modules(PyEvaluator& e, const PyValue& v, const std::string& path, int depth) {
    if (depth > 64) return;
    if (v.kind == PyValueKind::Object) {
        if (module_paths_.count(v.object)) return;
        module_paths_[v.object] = path;
        for (const auto& child : modules_[size_t(v.object)].children)
            name_modules(e, child.second, path.empty() ? child.first : path + "." + child.first, depth + 1);
        return;
    }
    if (instance_paths_.count(v.object)) return;
    instance_paths_[v.object] = path;
    for (const auto& attribute : e.instance_attributes(v.object))
        if (is_module(e, attribute.second))
            name_modules(e, attribute.second, path.empty() ? attribute.first : path + "." + attribute.first, depth + 1);
}

// What PyTorch allocates when a module is made, before any call: the count
// the core's analysis gives on an input of the channels the module expects
// (a convolution's weights do not depend on the height and width it sees).
int64_t TorchMapping::unbuilt_params(const TorchModule& m) const {
    const LayerSpec& s = m.spec;
    if (m.cls == "LayerNorm") {
        int64_t elements = 1;
        for (int64_t d : m.normalized_shape) elements = checked_mul(elements, d);
        return checked_mul(elements, int64_t(s.scale) + int64_t(s.center));  // weight and bias, each normalized_shape
    }
    if (m.cls == "PReLU") return m.prelu_parameters;
    if (!m.leaf || m.expects < 1) return 0;  // activations, poolings, dropout: nothing learned
    // An input the dilated kernel fits once even after padding is taken away
    // (and a transposed convolution gives at least one row from): the
    // kernel's extent plus both paddings plus one.
    auto side = [](int64_t kernel, int64_t dilation, int64_t pad_a, int64_t pad_b) {
        return checked_add(checked_add(checked_mul(std::max<int64_t>(kernel - 1, 0), dilation), 2), checked_add(pad_a, pad_b));
    };
    const int64_t h = side(s.kernel.h, s.dilation.h, s.pad_top, s.pad_bottom);
    const int64_t w = side(s.kernel.w, s.dilation.w, s.pad_left, s.pad_right);
    if (h < 1 || w < 1) return -1;  // beyond any size ConvLab counts: the totals say "too large"
    Shape input;
    if (s.kind == LayerKind::Dense) input = Shape::vector(m.expects);
    else if (s.kind == LayerKind::Conv1D) input = Shape::sequence(h, m.expects);
    else input = Shape::image(h, w, m.expects);
    const LayerKindInfo& info = layer_kind_info(s.kind);
    LayerAnalysis analysis;
    Problem problem;
    if (!info.analyze) return 0;
    // A module the analysis refuses even so cannot be counted: -1 makes the totals refuse rather than undercount.
    if (!info.analyze(s, input, LayerContext{-1, m.cls, NamingStyle::Keras2}, &analysis, &problem)) return -1;
    return analysis.params;
}

// A module's parameters, its children's included, leaving out any module
// that forward() did call (its own row counts it; its uncalled children are its leftover).
void TorchMapping::count_uncalled(PyEvaluator& e, const PyValue& module, std::set<std::pair<int, int>>* seen, int depth,
                                  TorchUncalled* into, bool* holds_called) {
    const std::pair<int, int> key{module.kind == PyValueKind::Object ? 0 : 1, module.object};
    if (depth > 64 || seen->count(key)) return;
    if (auto called = first_row_.find(key); called != first_row_.end()) {
        record_uncalled(e, module, called->second, seen, depth);  // called, though its parent was not: its own row
        *holds_called = true;
        return;
    }
    seen->insert(key);
    if (module.kind == PyValueKind::Object) {
        const TorchModule& m = modules_[size_t(module.object)];
        const int64_t params = m.leaf ? unbuilt_params(m) : 0;
        into->params = checked_add(into->params, params);
        into->trainable = checked_add(into->trainable, params);
        for (const auto& child : m.children) count_uncalled(e, child.second, seen, depth + 1, into, holds_called);
        return;
    }
    for (const auto& attribute : e.instance_attributes(module.object)) {
        if (is_tensor(attribute.second) && tensors_[size_t(attribute.second.object)].parameter) {
            const TorchTensor& p = tensors_[size_t(attribute.second.object)];
            int64_t count = 1;
            for (int64_t d : p.size) count = checked_mul(count, d);
            into->params = checked_add(into->params, count);
            if (p.trainable) into->trainable = checked_add(into->trainable, count);
        } else if (is_module(e, attribute.second)) {
            count_uncalled(e, attribute.second, seen, depth + 1, into, holds_called);
        }
    }
}

// The module tree walked as named_modules() walks it: a module forward()
// called passes its row down to its children; the outermost one it never
// called is recorded with everything under it, against that row.
void TorchMapping::record_uncalled(PyEvaluator& e, const PyValue& module, int under_row, std::set<std::pair<int, int>>* seen,
                                   int depth) {
    const std::pair<int, int> key{module.kind == PyValueKind::Object ? 0 : 1, module.object};
    if (depth > 64 || seen->count(key)) return;
    auto called = first_row_.find(key);
    if (called == first_row_.end()) {
        TorchUncalled u;
        u.name = path_of(module);
        u.class_name = module.kind == PyValueKind::Object ? modules_[size_t(module.object)].cls
                                                          : e.class_name(e.instance_class(module.object));
        u.row = under_row;
        // Its place is kept first, so the list stays in named_modules() order
        // when something under it was called after all and records its own.
        const size_t at = uncalled_.size();
        uncalled_.emplace_back();
        bool holds_called = false;
        count_uncalled(e, module, seen, depth, &u, &holds_called);
        // A ModuleList is iterated, never called: with each module in it called, it holds nothing uncalled.
        if (u.params == 0 && holds_called) uncalled_.erase(uncalled_.begin() + long(at));
        else uncalled_[at] = std::move(u);
        return;
    }
    seen->insert(key);
    if (module.kind == PyValueKind::Object) {
        for (const auto& child : modules_[size_t(module.object)].children)
            record_uncalled(e, child.second, called->second, seen, depth + 1);
        return;
    }
    for (const auto& attribute : e.instance_attributes(module.object))
        if (is_module(e, attribute.second)) record_uncalled(e, attribute.second, called->second, seen, depth + 1);
}

int TorchMapping::open_row(PyEvaluator& e, const PyValue& module, const PyValue& input) {
    TorchRow row;
    row.name = path_of(module);
    if (is_tensor(input)) row.input = torch_dims(tensors_[size_t(input.object)].shape);
    if (module.kind == PyValueKind::Object) row.kernel_size = modules_[size_t(module.object)].kernel_text;
    row.class_name = module.kind == PyValueKind::Object ? modules_[size_t(module.object)].cls
                                                        : e.class_name(e.instance_class(module.object));
    row.depth = int(open_rows_.size());
    if (row.depth > 0) {
        if (depth_counts_.size() <= size_t(row.depth)) depth_counts_.resize(size_t(row.depth) + 1, 0);
        row.depth_index = ++depth_counts_[size_t(row.depth)];
    }
    const std::pair<int, int> key{module.kind == PyValueKind::Object ? 0 : 1, module.object};
    row.recursive = called_[key]++ > 0;
    first_row_.emplace(key, int(rows_.size()));
    if (module.kind == PyValueKind::Instance)
        for (const auto& attribute : e.instance_attributes(module.object)) {
            if (!is_tensor(attribute.second) || !tensors_[size_t(attribute.second.object)].parameter) continue;
            const TorchTensor& p = tensors_[size_t(attribute.second.object)];
            int64_t count = 1;
            for (int64_t d : p.size) count = checked_mul(count, d);
            row.own_params = checked_add(row.own_params, count);
            if (p.trainable) row.own_trainable = checked_add(row.own_trainable, count);
        }
    rows_.push_back(std::move(row));
    const int index = int(rows_.size()) - 1;
    for (int open : open_rows_) rows_[size_t(open)].leaves.push_back(index);
    return index;
}

void TorchMapping::close_row(int row, const PyValue& output) {
    if (is_tensor(output)) rows_[size_t(row)].output = dims_of(output.object);
}

// A module called on a tensor: a leaf is one layer; a container runs its
// children in order; the script's module runs its forward().
PyValue TorchMapping::run_module(PyEvaluator& e, const PyValue& module, const PyValue& input, const PyNode& at) {
    // A container may hold itself (seq.add_module("again", seq)): its calls would never end.
    if (open_rows_.size() >= size_t(kMaxCallDepth)) {
        e.fail(Message(MsgCode::PyCallDepth, {as_is(int64_t(kMaxCallDepth))}), at.line, at.column);
        return PyValue{};
    }
    const int row = open_row(e, module, input);
    PyValue out;
    if (module.kind == PyValueKind::Instance) {
        open_rows_.push_back(row);
        if (!e.call_method(module, "forward", {input}, at.line, at.column, &out) && !e.failed())
            e.fail(Message(MsgCode::TorchNotYet, {as_is(e.class_name(e.instance_class(module.object)) + " without forward()")}),
                   at.line, at.column);
        open_rows_.pop_back();
    } else if (modules_[size_t(module.object)].leaf) {
        out = apply_leaf(e, module.object, input, at);
    } else {
        const TorchModule& m = modules_[size_t(module.object)];
        if (m.cls == "ModuleList") {
            e.fail(Message(MsgCode::TorchNeedsTensor, {as_is("nn.ModuleList (it is iterated, not called)"), py_describe(input)}),
                   at.line, at.column);
            return PyValue{};
        }
        open_rows_.push_back(row);
        out = input;
        const std::vector<std::pair<std::string, PyValue>> children = m.children;
        for (const auto& child : children) {
            if (e.failed()) break;
            out = run_module(e, child.second, out, at);
        }
        open_rows_.pop_back();
    }
    if (e.failed()) return PyValue{};
    if (row >= 0 && module.kind == PyValueKind::Object && modules_[size_t(module.object)].leaf)
        rows_[size_t(row)].layer = modules_[size_t(module.object)].layer;
    close_row(row, out);
    return out;
}

PyValue TorchMapping::add_call(PyEvaluator& e, LayerSpec spec, int reuse, const std::vector<int>& inputs,
                               const std::string& label, const PyNode& at, int* layer_out) {
    std::vector<TensorRef> refs;
    std::vector<MergeInput> merge_inputs;
    for (int t : inputs)
        if (tensors_[size_t(t)].channels_last != tensors_[size_t(inputs[0])].channels_last) {
            e.fail(Message(MsgCode::TorchNotYet, {as_is(label + " of a channels-last (N, H, W, C) tensor with a (N, C, H, W) one")}),
                   at.line, at.column);
            return PyValue{};
        }
    for (int t : inputs) {
        refs.push_back(tensors_[size_t(t)].ref);
        merge_inputs.push_back({tensors_[size_t(t)].trail, tensors_[size_t(t)].shape});
    }
    int layer = reuse;
    if (layer < 0) {
        if (layers_.size() >= size_t(kMaxImportLayers) * 16) {
            e.fail(Message(MsgCode::PyTooManyLayers, {as_is(int64_t(kMaxImportLayers) * 16)}), at.line, at.column);
            return PyValue{};
        }
        layers_.push_back(spec);
        layer = int(layers_.size()) - 1;
    }
    layers_[size_t(layer)].calls.push_back(refs);
    const LayerKindInfo& info = layer_kind_info(spec.kind);
    LayerAnalysis analysis;
    Problem problem;
    const LayerContext where{layer, spec.name, NamingStyle::Keras2};
    const bool ok = info.analyze ? info.analyze(spec, merge_inputs[0].shape, where, &analysis, &problem)
                                 : info.analyze_merge(spec, merge_inputs, where, &analysis, &problem);
    if (!ok) {
        e.fail(Message(MsgCode::TorchInModule, {as_is(spec.name), problem.constraint}), at.line, at.column);
        return PyValue{};
    }
    TorchTensor t;
    t.ref = {layer, int(layers_[size_t(layer)].calls.size()) - 1, 0};
    t.shape = analysis.output;
    const TorchTensor& from = tensors_[size_t(inputs[0])];
    t.channels_last = from.channels_last && t.shape.rank == 3;
    t.image = from.image;
    t.image_trail = from.image_trail;
    t.trail = from.trail;
    if (t.shape != from.shape) t.trail = extend_trail(from.trail, label);
    if (t.shape.rank == 3) {
        t.image = t.shape;
        t.image_trail = t.trail;
    }
    tensors_.push_back(std::move(t));
    if (layer_out) *layer_out = layer;
    return object_value(kTensorObject, int(tensors_.size()) - 1, at.line, at.column);
}

PyValue TorchMapping::apply_leaf(PyEvaluator& e, int index, const PyValue& input, const PyNode& at) {
    int t = -1;
    if (!tensor_arg(e, input, path_of(object_value(kModuleObject, index, 0, 0)), at, &t)) return PyValue{};
    TorchModule& m = modules_[size_t(index)];
    const std::string path = module_paths_.count(index) ? module_paths_[index] : m.cls;
    const TorchTensor& in = tensors_[size_t(t)];
    LayerSpec spec = m.spec;
    spec.name = path;
    // PyTorch's own checks, before its kernels would fail.
    if (m.same_padding && (spec.strides.h > 1 || spec.strides.w > 1)) {
        const int64_t pad = (spec.kernel.h - 1) * spec.dilation.h / 2;
        const std::string stride = m.cls == "Conv1d" ? std::to_string(spec.strides.h) : pair_text(spec.strides);
        e.fail(Message(MsgCode::TorchSameStride, {as_is(path), as_is(stride), as_is(pad), as_is(m.cls)}), m.line, m.column);
        return PyValue{};
    }
    if (in.channels_last && !(m.cls == "Linear" || m.cls == "LayerNorm" || spec.kind == LayerKind::Activation ||
                              spec.kind == LayerKind::ReLU || spec.kind == LayerKind::Dropout)) {
        e.fail(Message(MsgCode::TorchNotYet, {as_is(path + " (nn." + m.cls + ") on a channels-last (N, H, W, C) tensor")}), m.line,
               m.column);
        return PyValue{};
    }
    // Linear acts on the last dim: of (N, F), or of each position of a channels-last (N, H, W, C).
    const bool per_position = in.channels_last && in.shape.rank == 3;
    if (m.cls == "Linear" && ((in.shape.rank != 1 && !per_position) || in.shape.c() != m.expects)) {
        const int64_t features = in.shape.rank == 1 || per_position ? in.shape.c() : in.shape.elements();
        Message from = in.image.rank == 3 && in.image.elements() == features
                           ? Message(MsgCode::TorchFlattenedFrom, {as_is(features), as_is(in.image.c()), as_is(in.image.h()),
                                                                   as_is(in.image.w()), as_is(in.image_trail)})
                           : Message(MsgCode::TorchFeaturesFrom, {as_is(in.trail.empty() ? "the input" : in.trail)});
        e.fail(Message(MsgCode::TorchLinearInFeatures, {as_is(path), as_is(m.expects), as_is(features), from, as_is(spec.units)}),
               m.line, m.column);
        return PyValue{};
    }
    if (!m.expects_name.empty() && m.cls != "Linear" && in.shape.c() != m.expects) {
        e.fail(Message(MsgCode::TorchInChannels, {as_is(path), as_is(m.cls), as_is(m.expects_name), as_is(m.expects),
                                                  as_is(in.shape.c()), as_is(in.trail.empty() ? "the input" : in.trail)}),
               m.line, m.column);
        return PyValue{};
    }
    if ((m.cls == "AdaptiveAvgPool2d" || m.cls == "AdaptiveMaxPool2d") && !(m.adaptive.h == 1 && m.adaptive.w == 1)) {
        // Output sizes that divide the input are an average pooling of input / output (PyTorch's windows then tile exactly).
        // An output size below 1 makes no window at all (and would divide by zero here).
        if (in.shape.rank != 3 || m.adaptive.h < 1 || m.adaptive.w < 1 || in.shape.h() % m.adaptive.h != 0 ||
            in.shape.w() % m.adaptive.w != 0) {
            e.fail(Message(MsgCode::TorchNotYet, {as_is(m.cls + " to a size that does not divide its input")}), m.line,
                   m.column);
            return PyValue{};
        }
        spec = make_layer(m.cls == "AdaptiveAvgPool2d" ? LayerKind::AveragePooling2D : LayerKind::MaxPooling2D);
        spec.pytorch = true;
        spec.name = path;
        spec.kernel = spec.strides = {in.shape.h() / m.adaptive.h, in.shape.w() / m.adaptive.w};
    }
    // The poolings pad at most half their window (PyTorch refuses more).
    if ((m.cls == "MaxPool2d" || m.cls == "AvgPool2d" || m.cls == "MaxPool1d" || m.cls == "AvgPool1d") &&
        (spec.pad_top * 2 > spec.kernel.h || spec.pad_left * 2 > spec.kernel.w)) {
        const bool rows = spec.pad_top * 2 > spec.kernel.h;
        const int64_t pad = rows ? spec.pad_top : spec.pad_left, kernel = rows ? spec.kernel.h : spec.kernel.w;
        e.fail(Message(MsgCode::TorchPoolPadding, {as_is(path), as_is(m.cls), as_is(pad), as_is(kernel), as_is(kernel / 2)}), m.line, m.column);
        return PyValue{};
    }
    // Padding by reflection needs a row beyond each padded one; circular padding wraps round once at most.
    if (m.padding_mode == "reflect" || m.padding_mode == "circular") {
        const bool reflect = m.padding_mode == "reflect";
        const bool image = in.shape.rank == 3;
        // padding='same' pads (K − 1)·D in all, the larger half after.
        const auto side = [&](int64_t pad, int64_t k, int64_t d) {
            return spec.padding == Padding::Same ? (k - 1) * d - (k - 1) * d / 2 : pad;
        };
        const int64_t pads[2] = {side(spec.pad_top, spec.kernel.h, spec.dilation.h), image ? side(spec.pad_left, spec.kernel.w, spec.dilation.w) : 0};
        const int64_t sizes[2] = {in.shape.rank >= 2 ? in.shape.dim[0] : 0, image ? in.shape.w() : 0};
        for (int k = 0; k < (image ? 2 : 1); ++k) {
            if (reflect ? pads[k] < sizes[k] : pads[k] <= sizes[k]) continue;
            e.fail(Message(MsgCode::TorchPaddingModeSize,
                           {as_is(path), as_is(m.cls), as_is(pads[k]), as_is(m.padding_mode), as_is(shape_words(torch_dims(in.shape))),
                            as_is(reflect ? "Padding size should be less than the corresponding input dimension"
                                          : "Padding value causes wrapping around more than once")}),
                   m.line, m.column);
            return PyValue{};
        }
    }
    if (m.cls == "Unflatten") {
        // dim's size laid out as unflattened_size: the rest of the shape as it was.
        std::vector<int64_t> dims = torch_dims(in.shape);
        const int64_t rank = int64_t(dims.size());
        const int64_t dim = m.unflatten_dim < 0 ? m.unflatten_dim + rank : m.unflatten_dim;
        if (dim < 1 || dim >= rank) {
            e.fail(Message(MsgCode::TorchNotYet, {as_is(path + " (Unflatten) of dim " + std::to_string(m.unflatten_dim) +
                                                        " of " + shape_words(dims) + ", not a dim past the batch")}),
                   m.line, m.column);
            return PyValue{};
        }
        // The sizes must multiply up to that dim's size (one -1 may be inferred).
        int64_t known = 1, unknowns = 0;
        for (int64_t d : m.unflatten_sizes) {
            if (d == -1) ++unknowns;
            else known = checked_mul(known, d);
        }
        const int64_t size = dims[size_t(dim)];
        if (known < 1 || unknowns > 1 || (unknowns == 0 && known != size) || (unknowns == 1 && size % known != 0)) {
            std::string written = "[";
            for (size_t k = 0; k < m.unflatten_sizes.size(); ++k) written += (k ? ", " : "") + std::to_string(m.unflatten_sizes[k]);
            e.fail(Message(MsgCode::TorchUnflattenSize, {as_is(path), as_is(written + "]"), as_is(dim), as_is(size), as_is(shape_words(dims))}),
                   m.line, m.column);
            return PyValue{};
        }
        std::vector<int64_t> target = dims;
        target.erase(target.begin() + long(dim));
        target.insert(target.begin() + long(dim), m.unflatten_sizes.begin(), m.unflatten_sizes.end());
        if (!reshape_dims(e, t, path + " (Unflatten)", at, &target)) return PyValue{};
        if (target.size() > 4) {
            e.fail(Message(MsgCode::TorchNotYet, {as_is(path + " (Unflatten) to " + shape_words(target) +
                                                        " (ConvLab's tensors are (N, F), (N, C, L) or (N, C, H, W))")}),
                   m.line, m.column);
            return PyValue{};
        }
        spec.target_shape = target.size() == 2 ? Shape::vector(target[1])
                          : target.size() == 3 ? Shape::sequence(target[2], target[1])
                                               : Shape::image(target[2], target[3], target[1]);
    }
    if (m.cls == "Upsample" || m.cls == "UpsamplingNearest2d" || m.cls == "UpsamplingBilinear2d") {
        if (!resolve_upsample(e, m, in.shape, path, at, &spec)) return PyValue{};
    }
    if (m.cls == "PReLU") {
        // One slope for everything, or one per channel (PyTorch's dim 1): every other axis shares it.
        spec.shared_axes = 0;
        for (int axis = 1; axis <= in.shape.rank; ++axis)
            if (m.prelu_parameters == 1 || axis != in.shape.rank) spec.shared_axes = uint8_t(spec.shared_axes | (1u << axis));
    }
    if (m.cls == "LayerNorm" && in.channels_last) {
        // (N, H, W, C) normalised over C: the core's own last axis, Keras's LayerNormalization(axis=-1).
        if (m.normalized_shape.size() != 1) {
            e.fail(Message(MsgCode::TorchNotYet, {as_is(path + " (nn.LayerNorm) over more than the channels of a channels-last tensor")}),
                   m.line, m.column);
            return PyValue{};
        }
        spec.normalized_dims = 0;
    }
    if (m.cls == "LayerNorm") {
        const std::vector<int64_t> dims = dims_of(t);
        const size_t k = m.normalized_shape.size();
        if (k >= dims.size() || !std::equal(m.normalized_shape.begin(), m.normalized_shape.end(), dims.end() - long(k))) {
            const std::vector<int64_t> last(dims.size() > k ? dims.end() - long(k) : dims.begin() + 1, dims.end());
            std::string written = last.size() == 1 ? std::to_string(last[0]) : shape_words(last);
            e.fail(Message(MsgCode::TorchLayerNormShape, {as_is(path), as_is(shape_words(m.normalized_shape)),
                                                          as_is(shape_words(dims)), as_is(written)}),
                   m.line, m.column);
            return PyValue{};
        }
    }
    int layer = -1;
    PyValue out = add_call(e, spec, m.layer, {t}, path, at, &layer);
    m.layer = layer;
    return out;
}

bool TorchMapping::call_object(PyEvaluator& e, const PyValue& object, int n, PyValue* result) {
    if (object.object_class != kModuleObject) return false;
    const PyNode& at = e.node(n);
    PyValue input;
    if (at.args.size() == 1 && at.args[0].keyword.empty()) input = e.eval(at.args[0].value);
    if (e.failed()) return true;
    if (!tracing_) {
        if (is_tensor(input) && tensors_[size_t(input.object)].sample && script_size_.empty()) {
            script_model_ = object;
            script_size_ = tensors_[size_t(input.object)].size;
        }
        *result = py_unknown(Message(MsgCode::PyNoEvalCall), at.line, at.column);
        return true;
    }
    *result = run_module(e, object, input, at);
    return true;
}

bool TorchMapping::call_instance(PyEvaluator& e, const PyValue& instance, int n, PyValue* result) {
    if (!is_module(e, instance)) return false;
    const PyNode& at = e.node(n);
    PyValue input;
    if (at.args.size() == 1 && at.args[0].keyword.empty()) input = e.eval(at.args[0].value);
    if (e.failed()) return true;
    if (!tracing_) {  // model(torch.randn(...)) in the script: its size is the input size
        if (is_tensor(input) && tensors_[size_t(input.object)].sample && script_size_.empty()) {
            script_model_ = instance;
            script_size_ = tensors_[size_t(input.object)].size;
        }
        *result = py_unknown(Message(MsgCode::PyNoEvalCall), at.line, at.column);
        return true;
    }
    *result = run_module(e, instance, input, at);
    return true;
}

// model.to(device), model.eval(), ...: nn.Module's own methods give the model back.
bool TorchMapping::instance_method(PyEvaluator& e, const PyValue& instance, const std::string& method, int n,
                                   PyValue* result) {
    if (!is_module(e, instance)) return false;
    if (method == "parameters" || method == "named_parameters") {
        *result = parameter_list(e, instance, method == "named_parameters", e.node(n));
        return true;
    }
    // modules(), children() and their named_ forms: for freezing loops and for
    // nn.Sequential(*list(model.children())[:-1]).
    if (lists_modules(method)) {
        *result = module_list(e, instance, method, e.node(n));
        return true;
    }
    if (method == "requires_grad_") {
        module_requires_grad(e, instance, n);
        *result = instance;
        return true;
    }
    std::vector<PyValue> args;
    for (const PyArg& arg : e.node(n).args) {
        args.push_back(e.eval(arg.value));
        if (e.failed()) return true;
    }
    // self.add_module("denselayer1", layer): an attribute whose name is computed.
    if (method == "add_module") {
        if (!add_module_arguments(e, args, n)) return true;
        e.set_instance_attribute(instance, args[0].s, args[1]);
        *result = py_none();
        return true;
    }
    if (method == "to" || method == "cuda" || method == "cpu" || method == "eval" || method == "train" ||
        method == "float" || method == "double") {
        *result = instance;
        return true;
    }
    return false;
}

bool TorchMapping::get_attribute(PyEvaluator& e, const PyValue& object, const std::string& name, const PyNode& at,
                                 PyValue* result) {
    // self.training: ConvLab reads the model as torchinfo runs it, in eval mode.
    if (object.kind == PyValueKind::Instance && name == "training" && is_module(e, object)) {
        *result = PyValue{};
        result->kind = PyValueKind::Bool;
        result->line = at.line, result->column = at.column;
        return true;
    }
    // model.fc.weight: that parameter, to freeze.
    if (object.kind == PyValueKind::Object && object.object_class == kModuleObject && (name == "weight" || name == "bias")) {
        const std::vector<std::string> names = parameter_names(modules_[size_t(object.object)]);
        if (std::find(names.begin(), names.end(), name) == names.end()) return false;
        *result = parameter_value({object.object, name, -1}, at);
        return true;
    }
    if (!is_tensor(object) || tensors_[size_t(object.object)].sample) return false;
    if (name != "shape") return false;
    const std::vector<int64_t> dims = dims_of(object.object);
    std::vector<PyValue> items;
    for (int64_t d : dims) items.push_back(int_value(d));
    *result = py_seq(std::move(items), false, at.line, at.column);
    return true;
}

// x.view(x.size(0), -1), x.view(-1, N), x.flatten(1), x.size(0), x.size().
bool TorchMapping::call_method(PyEvaluator& e, const PyValue& object, const std::string& method, int n, PyValue* result) {
    const PyNode& at = e.node(n);
    if (object.object_class == kModuleObject && (method == "parameters" || method == "named_parameters")) {
        *result = parameter_list(e, object, method == "named_parameters", at);
        return true;
    }
    if (object.object_class == kModuleObject && lists_modules(method)) {
        *result = module_list(e, object, method, at);
        return true;
    }
    if (object.object_class == kModuleObject && method == "requires_grad_") {
        module_requires_grad(e, object, n);
        *result = object;
        return true;
    }
    if (object.object_class == kParameterObject && method == "requires_grad_") {
        if (refuse_uncertain_freeze(e, at)) return true;
        bool flag = true;
        if (!at.args.empty()) {
            const PyValue v = e.eval(at.args[0].value);
            if (e.failed()) return true;
            flag = v.kind != PyValueKind::Bool || v.b;
        }
        set_requires_grad(parameters_[size_t(object.object)], flag);
        *result = object;
        return true;
    }
    if (object.object_class == kModuleObject) {
        std::vector<PyValue> args;
        for (const PyArg& arg : at.args) args.push_back(e.eval(arg.value));
        if (e.failed()) return true;
        TorchModule& m = modules_[size_t(object.object)];
        if (method == "to" || method == "cuda" || method == "cpu" || method == "eval" || method == "train") *result = object;
        else if (method == "append" && m.cls == "ModuleList" && args.size() == 1 && is_module(e, args[0])) {
            m.children.emplace_back(std::to_string(m.children.size()), args[0]);
            *result = py_none();
        } else if (method == "add_module" && !m.leaf) {
            // features.add_module("denseblock1", block): a named child, after those it has.
            if (!add_module_arguments(e, args, n)) return true;
            modules_[size_t(object.object)].children.emplace_back(args[0].s, args[1]);
            *result = py_none();
        } else return false;
        return true;
    }
    if (!is_tensor(object) || tensors_[size_t(object.object)].sample) return false;
    if (method == "size") {
        const std::vector<int64_t> dims = dims_of(object.object);
        if (at.args.empty()) {
            std::vector<PyValue> items;
            for (int64_t d : dims) items.push_back(int_value(d));
            *result = py_seq(std::move(items), false, at.line, at.column);
            return true;
        }
        const PyValue k = e.eval(at.args[0].value);
        if (e.failed()) return true;
        if (k.kind != PyValueKind::Int || k.i < -int64_t(dims.size()) || k.i >= int64_t(dims.size())) return false;
        *result = int_value(dims[size_t(k.i < 0 ? k.i + int64_t(dims.size()) : k.i)]);
        return true;
    }
    if (method == "view" || method == "reshape" || method == "flatten" || method == "relu" || method == "sigmoid" ||
        method == "tanh" || method == "contiguous" || method == "mean" || method == "chunk" || method == "transpose" ||
        method == "permute" || method == "unsqueeze" || method == "squeeze") {
        *result = tensor_op(e, method, n, object.object);
        return true;
    }
    return false;
}

bool TorchMapping::tensor_operator(PyEvaluator& e, const std::string& op, const PyValue& a, const PyValue& b,
                                   const PyNode& at, PyValue* result) {
    // x * self.gamma, x + self.pos: an nn.Parameter that broadcasts to x's shape
    // (each size equal or 1, counted from the last) changes values, not the shape.
    if (tracing_ && is_tensor(a) && is_tensor(b) && (op == "+" || op == "*" || op == "-" || op == "/") &&
        tensors_[size_t(a.object)].parameter != tensors_[size_t(b.object)].parameter) {
        const PyValue& x = tensors_[size_t(a.object)].parameter ? b : a;
        const PyValue& p = tensors_[size_t(a.object)].parameter ? a : b;
        if (tensors_[size_t(x.object)].sample) return false;
        const std::vector<int64_t> dims = dims_of(x.object);
        const std::vector<int64_t>& size = tensors_[size_t(p.object)].size;
        bool broadcasts = size.size() <= dims.size();
        for (size_t k = 0; broadcasts && k < size.size(); ++k) {
            const int64_t d = size[size.size() - 1 - k];
            broadcasts = d == 1 || d == dims[dims.size() - 1 - k];
        }
        if (!broadcasts) {
            e.fail(Message(MsgCode::TorchNotYet, {as_is("an nn.Parameter of size " + shape_words(size) + " with a tensor of shape " +
                                                        shape_words(dims) + " (it would change the shape)")}),
                   at.line, at.column);
            *result = PyValue{};
            return true;
        }
        *result = x;
        return true;
    }
    // torch.ones(C, 1, 1) * 1e-6: a made tensor scaled keeps its size (ConvNeXt's layer scale, before nn.Parameter).
    auto number = [](const PyValue& v) { return v.kind == PyValueKind::Int || v.kind == PyValueKind::Float; };
    if ((op == "*" || op == "/" || op == "+" || op == "-") &&
        ((is_tensor(a) && tensors_[size_t(a.object)].sample && number(b)) || (number(a) && is_tensor(b) && tensors_[size_t(b.object)].sample))) {
        *result = is_tensor(a) ? a : b;
        return true;
    }
    if (!tracing_ || !is_tensor(a) || !is_tensor(b) || tensors_[size_t(a.object)].sample || tensors_[size_t(b.object)].sample)
        return false;
    if (op != "+" && op != "*") {
        e.fail(Message(MsgCode::TorchNotYet, {as_is("the tensor operator " + op)}), at.line, at.column);
        *result = PyValue{};
        return true;
    }
    LayerSpec spec = make_layer(op == "+" ? LayerKind::Add : LayerKind::Multiply);
    spec.pytorch = true;
    const char* name = op == "+" ? "add" : "mul";
    spec.name = std::string(name) + (op_counts_[name]++ ? "_" + std::to_string(op_counts_[name] - 1) : "");
    *result = add_call(e, spec, -1, {a.object, b.object}, "+", at);
    return true;
}

// One function of forward(): F.relu(x), torch.flatten(x, 1), x.view(...), torch.cat([...], dim=1).
// self_tensor: the tensor a method is called on (-1 for a function).
PyValue TorchMapping::tensor_op(PyEvaluator& e, const std::string& name, int n, int self_tensor) {
    const PyNode& at = e.node(n);
    std::vector<PyValue> positional;
    std::map<std::string, PyValue> keywords;
    if (self_tensor >= 0) positional.push_back(object_value(kTensorObject, self_tensor, at.line, at.column));
    for (const PyArg& arg : at.args) {
        if (arg.keyword == "*" || arg.keyword == "**") {
            e.fail(Message(MsgCode::PyArgUnpacking), arg.line, arg.column);
            return PyValue{};
        }
        PyValue v = e.eval(arg.value);
        if (e.failed()) return PyValue{};
        if (arg.keyword.empty()) positional.push_back(v);
        else keywords[arg.keyword] = v;
    }
    auto arg = [&](size_t k, const char* keyword, PyValue* out) {
        if (k < positional.size()) { *out = positional[k]; return true; }
        auto it = keywords.find(keyword);
        if (it == keywords.end()) return false;
        *out = it->second;
        return true;
    };
    const std::string what = self_tensor >= 0 ? "x." + name : name;
    if (name == "cat") {
        PyValue list, dim;
        if (!arg(0, "tensors", &list) || list.kind != PyValueKind::Seq || list.items->empty()) {
            e.fail(Message(MsgCode::TorchArgument, {as_is("torch.cat"), as_is("tensors"), as_is("a list of tensors")}), at.line, at.column);
            return PyValue{};
        }
        int64_t d = 0;
        if (arg(1, "dim", &dim) && dim.kind == PyValueKind::Int) d = dim.i;
        std::vector<int> inputs;
        for (const PyValue& v : *list.items) {
            int t = -1;
            if (!tensor_arg(e, v, "torch.cat", at, &t)) return PyValue{};
            inputs.push_back(t);
        }
        if (inputs.size() == 1) return (*list.items)[0];  // one tensor joined with nothing: itself (a DenseNet's first layer)
        const int rank = tensors_[size_t(inputs[0])].shape.rank + 1;
        if (d < 0) d += rank;
        if (d != 1) {
            e.fail(Message(MsgCode::TorchNotYet, {as_is("torch.cat along a dim other than 1 (the channels)")}), at.line, at.column);
            return PyValue{};
        }
        LayerSpec spec = make_layer(LayerKind::Concatenate);
        spec.pytorch = true;
        spec.axis = -1;  // PyTorch's dim 1 is the channels: the last axis in NHWC
        spec.name = "cat" + (op_counts_["cat"]++ ? "_" + std::to_string(op_counts_["cat"] - 1) : std::string());
        return add_call(e, spec, -1, inputs, "torch.cat", at);
    }
    PyValue x;
    int t = -1;
    // A grouped view takes only what the channel shuffle does with it.
    if (arg(0, "input", &x) && is_tensor(x) && !tensors_[size_t(x.object)].grouped.empty()) {
        if (name == "contiguous") return x;
        if (name == "transpose") {
            PyValue d0, d1;
            const bool swap12 = arg(1, "dim0", &d0) && arg(2, "dim1", &d1) && d0.kind == PyValueKind::Int &&
                                d1.kind == PyValueKind::Int && std::min(d0.i, d1.i) == 1 && std::max(d0.i, d1.i) == 2;
            if (!swap12) {
                e.fail(Message(MsgCode::TorchNotYet, {as_is(what + " of a 5-D view other than transpose(1, 2)")}), at.line, at.column);
                return PyValue{};
            }
            // (N, G, C/G, H, W) -> (N, C/G, G, H, W): held as (H·W, G, C/G) -> (H·W, C/G, G).
            LayerSpec permute = make_layer(LayerKind::Permute);
            permute.dims = Shape::image(1, 3, 2);
            const TorchTensor from = tensors_[size_t(x.object)];
            PyValue out = op(e, permute, "torch.transpose", x.object, at);
            if (e.failed()) return PyValue{};
            TorchTensor& swapped = tensors_[size_t(out.object)];
            swapped.grouped = from.grouped;
            std::swap(swapped.grouped[1], swapped.grouped[2]);
            swapped.grouped_image = from.grouped_image;
            return out;
        }
        if (name == "view" || name == "reshape") {
            std::vector<int64_t> dims;
            for (size_t k = 1; k < positional.size(); ++k)
                dims.push_back(positional[k].kind == PyValueKind::Int ? positional[k].i : -2);
            return grouped_view(e, what, x.object, dims, at);
        }
        tensor_arg(e, x, what, at, &t);  // says what a 5-D view does not take
        return PyValue{};
    }
    if (!arg(0, "input", &x) || !tensor_arg(e, x, what, at, &t)) return PyValue{};
    const Shape shape = tensors_[size_t(t)].shape;
    if (name == "permute") {
        // torch.permute(x, (0, 2, 3, 1)), x.permute(0, 2, 3, 1) or x.permute([0, 2, 3, 1]).
        std::vector<int64_t> dims;
        for (size_t k = 1; k < positional.size(); ++k) {
            const PyValue& d = positional[k];
            if (d.kind == PyValueKind::Seq)
                for (const PyValue& item : *d.items) dims.push_back(item.kind == PyValueKind::Int ? item.i : -9);
            else dims.push_back(d.kind == PyValueKind::Int ? d.i : -9);
        }
        if (keywords.count("dims") && keywords["dims"].kind == PyValueKind::Seq)
            for (const PyValue& item : *keywords["dims"].items) dims.push_back(item.kind == PyValueKind::Int ? item.i : -9);
        return permute(e, what, t, dims, at);
    }
    if (name == "layer_norm") {
        // F.layer_norm(x, normalized_shape, weight, bias, eps): the statistics
        // only; the weight and bias are nn.Parameters of the module that passes them.
        PyValue normalized;
        std::vector<int64_t> wanted;
        if (arg(1, "normalized_shape", &normalized) && normalized.kind == PyValueKind::Seq)
            for (const PyValue& d : *normalized.items) wanted.push_back(d.kind == PyValueKind::Int ? d.i : -1);
        else if (normalized.kind == PyValueKind::Int) wanted.push_back(normalized.i);
        const std::vector<int64_t> dims = dims_of(t);
        if (wanted.empty() || wanted.size() >= dims.size() || wanted.size() > 3 ||
            !std::equal(wanted.begin(), wanted.end(), dims.end() - long(wanted.size()))) {
            // What would match: the input's last dims, as many as were written (at least one).
            const size_t k = std::min(dims.size() - 1, std::max<size_t>(wanted.size(), 1));
            e.fail(Message(MsgCode::TorchLayerNormShape, {as_is("F.layer_norm"), as_is(shape_words(wanted)), as_is(shape_words(dims)),
                                                          as_is(shape_words({dims.end() - long(k), dims.end()}))}),
                   at.line, at.column);
            return PyValue{};
        }
        LayerSpec norm = make_layer(LayerKind::LayerNormalization);
        norm.epsilon = 1e-5;
        PyValue eps;
        if (arg(4, "eps", &eps) && eps.kind == PyValueKind::Float) norm.epsilon = eps.f;
        norm.center = norm.scale = false;
        norm.normalized_dims = int(wanted.size());
        // Channels-last, the last dim is C, the core's own last axis: Keras's LayerNormalization(axis=-1).
        if (tensors_[size_t(t)].channels_last) {
            if (wanted.size() != 1) {
                e.fail(Message(MsgCode::TorchNotYet, {as_is("F.layer_norm over more than the channels of a channels-last tensor")}),
                       at.line, at.column);
                return PyValue{};
            }
            norm.normalized_dims = 0;
        }
        return op(e, norm, "F.layer_norm", t, at);
    }
    if (tensors_[size_t(t)].channels_last && !(name == "relu" || name == "gelu" || name == "sigmoid" || name == "tanh" ||
                                               name == "silu" || name == "relu6" || name == "leaky_relu" ||
                                               name == "dropout" || name == "contiguous")) {
        e.fail(Message(MsgCode::TorchNotYet, {as_is(what + " of a channels-last (N, H, W, C) tensor")}), at.line, at.column);
        return PyValue{};
    }
    if (name == "chunk") {
        PyValue chunks, dim;
        const bool channels = !arg(2, "dim", &dim) || (dim.kind == PyValueKind::Int && (dim.i == 1 || dim.i == -3));
        if (!arg(1, "chunks", &chunks) || chunks.kind != PyValueKind::Int || chunks.i < 1 || !channels || shape.rank != 3) {
            e.fail(Message(MsgCode::TorchNotYet, {as_is(what + " other than into whole chunks along dim 1 of (N, C, H, W)")}),
                   at.line, at.column);
            return PyValue{};
        }
        return chunk(e, t, chunks.i, at);
    }
    if (name == "transpose") {
        e.fail(Message(MsgCode::TorchNotYet, {as_is(what + " other than of a 5-D channel view (the channel shuffle)")}), at.line,
               at.column);
        return PyValue{};
    }
    LayerSpec spec = make_layer(LayerKind::Activation);
    if (name == "relu" || name == "sigmoid" || name == "tanh" || name == "gelu" || name == "silu") {
        spec.activation = name == "relu" ? Activation::Relu : name == "sigmoid" ? Activation::Sigmoid
                        : name == "tanh" ? Activation::Tanh : name == "gelu" ? Activation::Gelu : Activation::Swish;
        return op(e, spec, ("F." + name).c_str(), t, at);
    }
    if (name == "relu6" || name == "leaky_relu") {
        spec = make_layer(name == "relu6" ? LayerKind::ReLU : LayerKind::LeakyReLU);
        if (name == "relu6") spec.has_max_value = true, spec.max_value = 6;
        else spec.negative_slope = 0.01;
        return op(e, spec, ("F." + name).c_str(), t, at);
    }
    if (name == "softmax" || name == "log_softmax") {
        spec.activation = Activation::Softmax;
        return op(e, spec, ("F." + name).c_str(), t, at);
    }
    if (name == "dropout" || name == "dropout2d") {
        spec = make_layer(LayerKind::Dropout);
        PyValue p;
        if (arg(1, "p", &p) && p.kind == PyValueKind::Float) spec.rate = p.f;
        return op(e, spec, ("F." + name).c_str(), t, at);
    }
    if (name == "contiguous") return x;
    // x.mean([2, 3]): the average over height and width, a global average pooling (MNASNet's, ShuffleNetV2's).
    if (name == "mean") {
        PyValue dims, keep;
        std::vector<int64_t> axes;
        if (arg(1, "dim", &dims) && dims.kind == PyValueKind::Seq)
            for (const PyValue& d : *dims.items) axes.push_back(d.kind == PyValueKind::Int ? (d.i < 0 ? d.i + 4 : d.i) : -1);
        std::sort(axes.begin(), axes.end());
        if (shape.rank != 3 || axes != std::vector<int64_t>{2, 3}) {
            e.fail(Message(MsgCode::TorchNotYet, {as_is(what + " other than the mean over dims [2, 3] of (N, C, H, W)")}), at.line,
                   at.column);
            return PyValue{};
        }
        spec = make_layer(LayerKind::GlobalAveragePooling2D);
        spec.keepdims = arg(2, "keepdim", &keep) && keep.kind == PyValueKind::Bool && keep.b;
        return op(e, spec, "x.mean", t, at);
    }
    if (name == "max_pool2d" || name == "avg_pool2d") {
        spec = make_layer(name == "max_pool2d" ? LayerKind::MaxPooling2D : LayerKind::AveragePooling2D);
        PyValue k, s, p, c;
        if (!arg(1, "kernel_size", &k) || !to_pair(k, &spec.kernel)) {
            e.fail(Message(MsgCode::TorchMissingArgument, {as_is("F." + name), as_is("kernel_size")}), at.line, at.column);
            return PyValue{};
        }
        spec.strides = spec.kernel;
        if (arg(2, "stride", &s) && s.kind != PyValueKind::None && !to_pair(s, &spec.strides)) return PyValue{};
        Pair pad{0, 0};
        if (arg(3, "padding", &p) && to_pair(p, &pad)) spec.pad_top = spec.pad_bottom = pad.h, spec.pad_left = spec.pad_right = pad.w;
        if (keywords.count("ceil_mode") && keywords["ceil_mode"].kind == PyValueKind::Bool) spec.ceil_mode = keywords["ceil_mode"].b;
        return op(e, spec, ("F." + name).c_str(), t, at);
    }
    if (name == "adaptive_avg_pool2d") {
        PyValue size;
        Pair out{0, 0};
        if (!arg(1, "output_size", &size) || !to_pair(size, &out) || out.h != 1 || out.w != 1) {
            e.fail(Message(MsgCode::TorchNotYet, {as_is("F.adaptive_avg_pool2d to a size other than 1")}), at.line, at.column);
            return PyValue{};
        }
        spec = make_layer(LayerKind::GlobalAveragePooling2D);
        spec.keepdims = true;
        return op(e, spec, "F.adaptive_avg_pool2d", t, at);
    }
    if (name == "interpolate") {
        // F.interpolate(x, size=None, scale_factor=None, mode='nearest', align_corners=None): nn.Upsample's shapes.
        static const char* const kNames[] = {"input", "size", "scale_factor", "mode", "align_corners"};
        std::map<std::string, PyValue> a;
        for (size_t k = 1; k < 5; ++k) {
            PyValue v;
            if (arg(k, kNames[k], &v)) a[kNames[k]] = v;
        }
        TorchModule m;
        m.spec = make_layer(LayerKind::UpSampling2D);
        if (!upsample_size(e, a, "F.interpolate", at, &m)) return PyValue{};
        if (auto mode = a.find("mode"); mode != a.end() && !(mode->second.kind == PyValueKind::Str &&
                                                             (mode->second.s == "nearest" || mode->second.s == "bilinear"))) {
            e.fail(Message(MsgCode::TorchNotYet, {as_is("F.interpolate with a mode other than 'nearest' or 'bilinear'")}), at.line,
                   at.column);
            return PyValue{};
        }
        spec = m.spec;
        spec.bilinear = a.count("mode") && a["mode"].s == "bilinear";
        if (!resolve_upsample(e, m, shape, "F.interpolate", at, &spec)) return PyValue{};
        return op(e, spec, "F.interpolate", t, at);
    }
    // flatten(x, 1), x.flatten(1): one row per example. x.view(...), x.reshape(...),
    // torch.reshape(x, shape), x.unsqueeze(d), x.squeeze(d): any layout of the same values.
    const std::string label = self_tensor >= 0 ? "x." + name : "torch." + name;
    if (name == "flatten") {
        PyValue start;
        if (!arg(1, "start_dim", &start) || start.kind != PyValueKind::Int || start.i != 1) {
            e.fail(Message(MsgCode::TorchNotYet, {as_is(what + " other than flatten(x, 1)")}), at.line, at.column);
            return PyValue{};
        }
        if (shape.rank == 1) return x;  // already (N, F)
        return op(e, make_layer(LayerKind::Flatten), self_tensor >= 0 ? "x.flatten" : "torch.flatten", t, at);
    }
    std::vector<int64_t> dims;
    if (name == "unsqueeze" || name == "squeeze") {
        dims = torch_dims(shape);
        PyValue d;
        const int64_t rank = int64_t(dims.size()) + (name == "unsqueeze" ? 1 : 0);
        if (!arg(1, "dim", &d) || d.kind != PyValueKind::Int || d.i < -rank || d.i >= rank ||
            (d.i + (d.i < 0 ? rank : 0)) == 0) {
            // squeeze() of every size-1 dim would take the batch of 1 too: only a named dim past the batch.
            e.fail(Message(MsgCode::TorchNotYet, {as_is(label + " other than of one dim past the batch")}), at.line, at.column);
            return PyValue{};
        }
        const size_t at_dim = size_t(d.i < 0 ? d.i + rank : d.i);
        if (name == "unsqueeze") dims.insert(dims.begin() + long(at_dim), 1);
        else if (dims[at_dim] == 1) dims.erase(dims.begin() + long(at_dim));
        else return x;  // PyTorch leaves a dim that is not 1
    } else {
        for (size_t k = 1; k < positional.size(); ++k) {
            const PyValue& d = positional[k];
            if (d.kind == PyValueKind::Seq && positional.size() == 2)
                for (const PyValue& item : *d.items) dims.push_back(item.kind == PyValueKind::Int ? item.i : -2);
            else dims.push_back(d.kind == PyValueKind::Int ? d.i : -2);
        }
        // The channel shuffle's first view, to (N, G, C/G, H, W); the view back is
        // taken above, from the grouped tensor.
        if (dims.size() == 5) return grouped_view(e, what, t, dims, at);
        if (!reshape_dims(e, t, label, at, &dims)) return PyValue{};
    }
    Shape target;
    if (dims.size() == 2) target = Shape::vector(dims[1]);
    else if (dims.size() == 3) target = Shape::sequence(dims[2], dims[1]);
    else if (dims.size() == 4) target = Shape::image(dims[2], dims[3], dims[1]);
    else {
        e.fail(Message(MsgCode::TorchNotYet, {as_is(label + " to " + shape_words(dims) + " (ConvLab's tensors are (N, F), (N, C, L) or (N, C, H, W))")}),
               at.line, at.column);
        return PyValue{};
    }
    if (target == shape) return x;  // the same layout: nothing happens
    if (target.rank == 1) return op(e, make_layer(LayerKind::Flatten), label.c_str(), t, at);
    spec = make_layer(LayerKind::Reshape);
    spec.target_shape = target;
    return op(e, spec, label.c_str(), t, at);
}

// x.chunk(n, dim=1): n pieces of ceil(C / n) channels (the last may be
// smaller, and there are fewer when they run out), as PyTorch splits. The core
// has no slice of channels, so each piece is the same values laid out as
// (H·W, C, 1), cropped to its columns, and laid out as (H, W, piece) again:
// three layers without parameters whose shapes are the piece's.
PyValue TorchMapping::chunk(PyEvaluator& e, int t, int64_t chunks, const PyNode& at) {
    const Shape image = tensors_[size_t(t)].shape;
    const int64_t c = image.c(), size = c / chunks + (c % chunks != 0);  // ceil(C / n), without C + n overflowing
    std::vector<PyValue> pieces;
    for (int64_t begin = 0; begin < c; begin += size) {
        const int64_t end = std::min(c, begin + size);
        LayerSpec columns = make_layer(LayerKind::Reshape);
        columns.target_shape = Shape::image(checked_mul(image.h(), image.w()), c, 1);
        PyValue v = op(e, columns, "x.chunk", t, at);
        if (e.failed()) return PyValue{};
        LayerSpec crop = make_layer(LayerKind::Cropping2D);
        crop.pad_left = begin, crop.pad_right = c - end;
        v = op(e, crop, "x.chunk", v.object, at);
        if (e.failed()) return PyValue{};
        LayerSpec back = make_layer(LayerKind::Reshape);
        back.target_shape = Shape::image(image.h(), image.w(), end - begin);
        v = op(e, back, "x.chunk", v.object, at);
        if (e.failed()) return PyValue{};
        pieces.push_back(v);
    }
    return py_seq(std::move(pieces), false, at.line, at.column);
}

// x.permute(0, 2, 3, 1) and back with (0, 3, 1, 2): the same values, PyTorch's
// dims reordered. Other orders would move the values in NHWC too: not yet.
PyValue TorchMapping::permute(PyEvaluator& e, const std::string& what, int t, const std::vector<int64_t>& dims,
                              const PyNode& at) {
    const TorchTensor& from = tensors_[size_t(t)];
    const bool to_last = !from.channels_last && dims == std::vector<int64_t>{0, 2, 3, 1};
    const bool to_first = from.channels_last && dims == std::vector<int64_t>{0, 3, 1, 2};
    if (from.shape.rank != 3 || !(to_last || to_first)) {
        e.fail(Message(MsgCode::TorchNotYet, {as_is(what + shape_words(dims) + " of a tensor of shape " + shape_words(dims_of(t)) +
                                                    " other than (0, 2, 3, 1) to channels-last and (0, 3, 1, 2) back")}),
               at.line, at.column);
        return PyValue{};
    }
    TorchTensor view = from;
    view.channels_last = to_last;
    view.trail = extend_trail(from.trail, what);
    tensors_.push_back(std::move(view));
    return object_value(kTensorObject, int(tensors_.size()) - 1, at.line, at.column);
}

// x.view(N, G, C // G, H, W) of an image, and a view back to (N, C, H, W)
// (-1 allowed once): the channel shuffle's reshapes. dims are as written.
PyValue TorchMapping::grouped_view(PyEvaluator& e, const std::string& what, int t, const std::vector<int64_t>& dims,
                                   const PyNode& at) {
    const TorchTensor& from = tensors_[size_t(t)];
    const Shape image = from.grouped.empty() ? from.shape : from.grouped_image;
    auto refuse = [&]() {
        e.fail(Message(MsgCode::TorchNotYet, {as_is(what + shape_words(dims) + " of a tensor of shape " + shape_words(dims_of(t)) +
                                                    " other than (N, G, C // G, H, W) and back")}),
               at.line, at.column);
        return PyValue{};
    };
    if (image.rank != 3) return refuse();
    const int64_t c = image.c(), h = image.h(), w = image.w();
    if (dims.size() == 5 && from.grouped.empty()) {
        int64_t g = dims[1], per = dims[2];
        if (g == -1 && per >= 1 && c % per == 0) g = c / per;
        if (per == -1 && g >= 1 && c % g == 0) per = c / g;
        if (dims[0] != batch_ || g < 1 || per < 1 || g > c || per > c || g * per != c || dims[3] != h || dims[4] != w)
            return refuse();
        LayerSpec groups = make_layer(LayerKind::Reshape);
        groups.target_shape = Shape::image(checked_mul(h, w), g, per);
        PyValue out = op(e, groups, ("x." + std::string(what.rfind("x.", 0) == 0 ? what.substr(2) : what)).c_str(), t, at);
        if (e.failed()) return PyValue{};
        tensors_[size_t(out.object)].grouped = {batch_, g, per, h, w};
        tensors_[size_t(out.object)].grouped_image = image;
        return out;
    }
    if (dims.size() == 4 && !from.grouped.empty()) {
        if (dims[0] != batch_ || !(dims[1] == -1 || dims[1] == c) || dims[2] != h || dims[3] != w) return refuse();
        LayerSpec back = make_layer(LayerKind::Reshape);
        back.target_shape = image;
        return op(e, back, ("x." + std::string(what.rfind("x.", 0) == 0 ? what.substr(2) : what)).c_str(), t, at);
    }
    if (dims.size() == 4 && dims[0] == batch_ && (dims[1] == -1 || dims[1] == c) && dims[2] == h && dims[3] == w)
        return PyValue{object_value(kTensorObject, t, at.line, at.column)};  // the shape it has
    return refuse();
}

// ---------------------------------------------------------------------------
// [SECTION] The result
// ---------------------------------------------------------------------------

// A script that defines its nn.Module classes but makes none: torchinfo needs
// an instance, and a learner pasting the class expects its summary. When
// exactly one top-level module class is named by no other class (a block is
// named by the network that builds it; a base by its subclass) and its
// __init__ needs no arguments, an instance of it is the model; otherwise
// none (TorchNoModel asks for `model = Net()`).
PyValue TorchMapping::only_module_class(PyEvaluator& e) {
    // Each class statement and its tokens: its header's, up to the next top-level statement.
    struct ClassText { const PyStatement* statement; size_t begin, end; };
    std::vector<ClassText> classes;
    for (size_t k = 0; k < module_.body.size(); ++k) {
        const PyStatement& s = module_.body[k];
        if (s.clauses.empty() || s.clauses[0].keyword != "class") continue;
        const PyValue* v = e.variable(s.clauses[0].name);
        const size_t end = k + 1 < module_.body.size() ? module_.body[k + 1].token_begin : module_.tokens.size();
        if (v && v->kind == PyValueKind::Class && class_is_module(e, v->object, 0)) classes.push_back({&s, s.token_begin, end});
    }
    auto named_in = [&](const ClassText& other, const std::string& name) {
        for (size_t k = other.begin; k < other.end && k < module_.tokens.size(); ++k)
            if (module_.tokens[k].kind == PyTokenKind::Name && module_.tokens[k].text == name) return true;
        return false;
    };
    const PyStatement* top = nullptr;
    int tops = 0;
    for (const ClassText& c : classes) {
        bool used = false;
        for (const ClassText& other : classes)
            used = used || (other.statement != c.statement && named_in(other, c.statement->clauses[0].name));
        if (!used) top = c.statement, ++tops;
    }
    if (tops != 1) return PyValue{};
    for (const PyStatement& member : top->clauses[0].body) {
        if (member.clauses.empty() || member.clauses[0].keyword != "def" || member.clauses[0].name != "__init__") continue;
        const std::vector<PyParam>& params = member.clauses[0].params;
        for (size_t k = 1; k < params.size(); ++k)  // params[0] is self
            if (params[k].star == 0 && params[k].default_value.root < 0) return PyValue{};
    }
    return e.new_instance(*e.variable(top->clauses[0].name), top->line, top->column);
}

ImportResult TorchMapping::result(PyEvaluator& e) {
    ImportResult result;
    auto stop = [&](Message message, int line, int column) {
        result.ok = false;
        result.error = message_en(line > 0 ? Message(MsgCode::PyAt, {as_is(line), as_is(column), message}) : message);
        result.message = std::move(message);
        result.line = line, result.column = column;
        return result;
    };
    if (e.failed()) return stop(e.failure().message, e.failure().line, e.failure().column);

    // The model: the one the script summarises or calls, else the last module
    // made that no other module holds (the outermost).
    PyValue model = script_model_;
    if (model.kind != PyValueKind::Object && model.kind != PyValueKind::Instance) {
        std::map<std::pair<int, int>, bool> held;
        for (const TorchModule& m : modules_)
            for (const auto& child : m.children) held[{child.second.kind == PyValueKind::Object ? 0 : 1, child.second.object}] = true;
        for (int i = 0; i < e.instance_count(); ++i)
            for (const auto& attribute : e.instance_attributes(i))
                if (attribute.second.kind == PyValueKind::Object || attribute.second.kind == PyValueKind::Instance)
                    held[{attribute.second.kind == PyValueKind::Object ? 0 : 1, attribute.second.object}] = true;
        for (int i = 0; i < e.instance_count(); ++i) {
            PyValue candidate;
            candidate.kind = PyValueKind::Instance;
            candidate.object = i;
            if (is_module(e, candidate) && !held.count({1, i})) model = candidate;
        }
        if (model.kind != PyValueKind::Instance)
            for (size_t m = 0; m < modules_.size(); ++m)
                if (!modules_[m].leaf && modules_[m].cls == "Sequential" && !held.count({0, int(m)}))
                    model = object_value(kModuleObject, int(m), modules_[m].line, modules_[m].column);
    }
    if (model.kind != PyValueKind::Object && model.kind != PyValueKind::Instance) {
        model = only_module_class(e);
        if (e.failed()) return stop(e.failure().message, e.failure().line, e.failure().column);
    }
    if (model.kind != PyValueKind::Object && model.kind != PyValueKind::Instance) return stop(Message(MsgCode::TorchNoModel), 0, 0);

    const std::vector<int64_t> size = given_size_ ? *given_size_ : script_size_;
    if (size.empty()) {
        stop(Message(MsgCode::TorchNoInputSize), 0, 0);
        result.missing_input_shape = true;
        return result;
    }
    Shape input;
    bool positive = true;
    for (int64_t d : size) positive = positive && d >= 1 && d <= (int64_t(1) << 20);
    if (positive && size.size() == 4) input = Shape::image(size[2], size[3], size[1]);
    else if (positive && size.size() == 3) input = Shape::sequence(size[2], size[1]);
    else if (positive && size.size() == 2) input = Shape::vector(size[1]);
    else return stop(Message(MsgCode::TorchInputSizeRank, {as_is(shape_words(size))}), 0, 0);
    batch_ = size[0];

    // `p.requires_grad = False` in a block ConvLab could not decide (a loop over
    // something it does not evaluate) leaves p.requires_grad Unknown, and the
    // trainable count would be silently wrong: refused instead. (A block it
    // decided not to run, such as an `if` on a name no parameter has, is fine.)
    for (size_t k = 2; k + 1 < module_.tokens.size(); ++k) {
        const PyToken& t = module_.tokens[k];
        if (t.kind != PyTokenKind::Name || t.text != "requires_grad" || module_.tokens[k - 1].text != "." ||
            module_.tokens[k + 1].text != "=")
            continue;
        std::string path = t.text;
        for (size_t b = k - 1; b >= 1 && module_.tokens[b].text == "." && module_.tokens[b - 1].kind == PyTokenKind::Name; b -= 2) {
            path = module_.tokens[b - 1].text + "." + path;
            if (b < 2) break;
        }
        const PyValue* value = e.variable(path);
        if (value && value->kind == PyValueKind::Unknown) return stop(Message(MsgCode::TorchUncertainFreeze, {as_is(t.line)}), t.line, t.column);
    }
    name_modules(e, model, "", 0);
    for (size_t k = 0; k < modules_.size(); ++k) {
        TorchModule& m = modules_[k];
        const std::string path = module_paths_.count(int(k)) ? module_paths_[int(k)] : "nn." + m.cls;
        if (m.cls == "GroupNorm" && !(m.groups >= 1 && m.expects >= 1 && m.expects % m.groups == 0))
            return stop(Message(MsgCode::TorchGroupNormGroups, {as_is(path), as_is(m.expects), as_is(m.groups)}), m.line, m.column);
        // A convolution's groups must divide in_channels, then out_channels, as PyTorch checks them when the module is made.
        const int64_t groups = m.spec.groups;
        if (groups > 1 && m.expects % groups != 0)
            return stop(Message(MsgCode::TorchGroups, {as_is(path), as_is(m.cls), as_is("in_channels"), as_is(m.expects), as_is(groups)}),
                        m.line, m.column);
        if (groups > 1 && m.spec.filters % groups != 0)
            return stop(Message(MsgCode::TorchGroups, {as_is(path), as_is(m.cls), as_is("out_channels"), as_is(m.spec.filters), as_is(groups)}),
                        m.line, m.column);
        // Frozen weights: a module counts as non-trainable when all of its parameters are.
        if (m.frozen.empty()) continue;
        if (m.frozen.size() != parameter_names(m).size())
            return stop(Message(MsgCode::TorchNotYet, {as_is("requires_grad=False on some of " + path + "'s parameters (" +
                                                             *m.frozen.begin() + ") but not all")}),
                        m.line, m.column);
        m.spec.trainable = false;
    }
    LayerSpec input_layer = make_layer(LayerKind::InputLayer);
    input_layer.input_shape = input;
    input_layer.name = "input";
    input_layer.pytorch = true;
    layers_.push_back(input_layer);
    TorchTensor x;
    x.ref = {0, 0, 0};
    x.shape = input;
    if (input.rank == 3) x.image = input;
    tensors_.push_back(x);
    tracing_ = true;
    const PyNode model_call;  // the trace's own call of the model: no place in the script
    const PyValue out = run_module(e, model, object_value(kTensorObject, int(tensors_.size()) - 1, 0, 0), model_call);
    tracing_ = false;
    if (e.failed()) return stop(e.failure().message, e.failure().line, e.failure().column);
    if (!is_tensor(out)) return stop(Message(MsgCode::TorchNeedsTensor, {as_is("forward() returns"), py_describe(out)}), 0, 0);
    std::set<std::pair<int, int>> seen;
    record_uncalled(e, model, 0, &seen, 0);

    result.ok = true;
    ModelSpec& spec = result.model;
    spec.functional = true;
    spec.dialect = Dialect::PyTorch;
    spec.name = rows_.empty() ? "" : rows_[0].class_name;
    spec.layers = std::move(layers_);
    spec.inputs = {TensorRef{0, 0, 0}};
    spec.outputs = {tensors_[size_t(out.object)].ref};
    spec.torch_rows = std::move(rows_);
    spec.torch_uncalled = std::move(uncalled_);
    spec.torch_input_size = size;
    // What the trace could not see (a forward that never reaches a layer, a
    // module the script misnamed) the core's summary still refuses: a model
    // is only given back when it summarises, with the core's sentence otherwise.
    ModelSummary summary;
    Problem problem;
    if (!summarize(spec, NamingStyle::Keras2, &summary, &problem)) {
        ImportResult refused = stop(problem_message(problem), 0, 0);
        refused.model.dialect = Dialect::PyTorch;
        return refused;
    }
    return result;
}

}  // namespace

bool python_imports_torch(std::string_view text) { return python_imports_any(text, {"torch"}); }

bool python_imports_any(std::string_view text, std::initializer_list<std::string_view> modules) {
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        for (std::string_view module : modules)
            for (std::string_view keyword : {"import ", "from "}) {
                if (line.substr(0, keyword.size()) != keyword) continue;
                const std::string_view rest = line.substr(keyword.size());
                if (rest.substr(0, module.size()) != module) continue;
                const char next = rest.size() > module.size() ? rest[module.size()] : '\n';
                if (next == ' ' || next == '.' || next == '\n' || next == '\r' || next == ',' || next == '\t') return true;
            }
    }
    return false;
}

ImportResult import_torch_python(std::string_view text, const std::vector<int64_t>* input_size,
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
    TorchMapping torch(module, input_size);
    PyEvaluator evaluator(module, torch.host());
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
    return torch.result(evaluator);
}

}  // namespace convlab
