// summary_format_torch.cpp: a PyTorch model's summary as torchinfo 1.8
// prints it (torchinfo/model_statistics.py and formatting.py at v1.8.0, read
// for the layout only): "Layer (type:depth-idx)" 40 columns wide, then
// "Output Shape" and "Param #" 25 each, a space between; modules in forward-call order,
// depth-first, a tree drawn with ├─ / │ / └─; a container whose children are
// shown has "--", one at the depth limit (3, torchinfo's default) its
// children's total; "(recursive)" for a module called again. Also its JSON
// and the arithmetic in PyTorch's terms. Not yet: torchinfo's mult-adds and
// size lines. Not the analysis: every number comes from the ModelSummary.
#include <set>

#include "core/analysis/formula.h"
#include "core/io/json_writer.h"
#include "core/io/summary_format.h"

namespace convlab {
namespace {

constexpr int kTorchinfoDepth = 3;  // summary(depth=3), torchinfo's default
// Where each column starts: torchinfo's widths (40, 25) plus the space between columns.
constexpr size_t kNameColumn = 41, kShapeColumn = 26;

const LayerSummary* row_summary(const ModelSummary& summary, int layer) {
    for (const LayerSummary& row : summary.layers)
        if (row.index == layer) return &row;
    return nullptr;
}

// A row's parameters: a leaf's own, a container's summed over the distinct
// layers under it (a module called twice is counted once, as PyTorch does).
int64_t row_params(const ModelSpec& model, const ModelSummary& summary, const TorchRow& row) {
    if (row.layer >= 0) {
        const LayerSummary* s = row_summary(summary, row.layer);
        return s ? s->analysis.params : 0;
    }
    std::set<int> layers;
    for (int leaf : row.leaves) layers.insert(model.torch_rows[size_t(leaf)].layer);
    int64_t total = row.recursive ? 0 : row.own_params;  // its own nn.Parameters, then its children's
    for (int under : row.leaves)
        if (!model.torch_rows[size_t(under)].recursive) total += model.torch_rows[size_t(under)].own_params;
    for (int layer : layers)
        if (layer >= 0)
            if (const LayerSummary* s = row_summary(summary, layer)) total += s->analysis.params;
    return total;
}

std::string shape_text(const std::vector<int64_t>& dims) {
    if (dims.empty()) return "--";
    std::string s = "[";
    for (size_t k = 0; k < dims.size(); ++k) s += (k ? ", " : "") + std::to_string(dims[k]);
    return s + "]";
}

std::string padded(std::string s, size_t width) {
    // Width counts characters as a terminal shows them: the tree's box-drawing
    // characters are three bytes each in UTF-8 and one column wide.
    size_t columns = 0;
    for (unsigned char c : s) columns += (c & 0xC0) != 0x80;
    if (columns < width) s.append(width - columns, ' ');
    return s;
}

std::string row_label(const TorchRow& row) {
    if (row.depth == 0) return row.class_name;
    std::string prefix;
    if (row.depth == 1) prefix = "├─";
    else {
        for (int d = 1; d < row.depth; ++d) prefix += "│    ";
        prefix += "└─";
    }
    return prefix + row.class_name + ": " + std::to_string(row.depth) + "-" + std::to_string(row.depth_index);
}

bool shown(const TorchRow& row) { return row.depth <= kTorchinfoDepth; }

std::string param_cell(const ModelSpec& model, const ModelSummary& summary, const TorchRow& row) {
    if (row.recursive) return "(recursive)";
    const bool expanded = row.layer < 0 && row.depth < kTorchinfoDepth && !row.leaves.empty();
    // An expanded container shows what its children do not hold: its own nn.Parameters (torchinfo's leftover).
    const int64_t params = expanded ? row.own_params : row_params(model, summary, row);
    if (params == 0) return "--";
    return with_thousands(params);
}

}  // namespace

std::string format_summary_torchinfo(const ModelSpec& model, const ModelSummary& summary) {
    const std::string rule(90, '=');
    std::string out = rule + "\n" + padded("Layer (type:depth-idx)", kNameColumn) + padded("Output Shape", kShapeColumn) + "Param #\n" + rule + "\n";
    for (const TorchRow& row : model.torch_rows) {
        if (!shown(row)) continue;
        out += padded(row_label(row), kNameColumn) + padded(shape_text(row.output), kShapeColumn) + param_cell(model, summary, row) + "\n";
    }
    out += rule + "\n";
    out += "Total params: " + with_thousands(summary.total_params) + "\n";
    out += "Trainable params: " + with_thousands(summary.trainable_params) + "\n";
    out += "Non-trainable params: " + with_thousands(summary.non_trainable_params) + "\n";
    out += rule + "\n";
    return out;
}

std::string format_summary_torch_json(const ModelSpec& model, const ModelSummary& summary) {
    JsonWriter w;
    w.begin_object().member("dialect", "pytorch").member("model", model.name);
    w.key("input_size").begin_array();
    for (int64_t d : model.torch_input_size) w.integer(d);
    w.end_array();
    w.key("layers").begin_array();
    for (const TorchRow& row : model.torch_rows) {
        w.begin_object().member("name", row.name).member("depth", row.depth).member("depth_index", row.depth_index);
        w.member("is_leaf", row.layer >= 0).member("class_name", row.class_name);
        w.key("output_shape");
        if (row.output.empty()) w.null();
        else {
            w.begin_array();
            for (int64_t d : row.output) w.integer(d);
            w.end_array();
        }
        w.member("params", row.recursive ? int64_t(0) : row_params(model, summary, row)).member("recursive", row.recursive);
        w.end_object();
    }
    w.end_array();
    w.member("total_params", summary.total_params).member("trainable_params", summary.trainable_params);
    w.member("non_trainable_params", summary.non_trainable_params);
    w.end_object();
    return w.take();
}

// One paragraph per leaf module: its output and the arithmetic of its
// parameters as PyTorch's documentation writes them.
std::string format_explanation_torch(const ModelSpec& model, const ModelSummary& summary, int only_row) {
    std::string out;
    int leaf_number = -1;
    for (const TorchRow& row : model.torch_rows) {
        if (row.layer < 0 || row.recursive) continue;
        ++leaf_number;
        if (only_row >= 0 && leaf_number != only_row) continue;
        const LayerSummary* s = row_summary(summary, row.layer);
        if (!s) continue;
        const LayerSpec& spec = model.layers[size_t(row.layer)];
        const LayerAnalysis& a = s->analysis;
        out += row.name + " (" + row.class_name + "): output " + shape_text(row.output) + ".\n";
        if (a.output.rank == 3 && s->input.rank == 3 && !a.height.formula.tokens.empty())
            out += "  height: " + to_text(a.height.formula) + "; width: " + to_text(a.width.formula) + "\n";
        else if (a.output.rank == 2 && s->input.rank == 2 && !a.height.formula.tokens.empty())
            out += "  length: " + to_text(a.height.formula) + "\n";  // Conv1d's L, the steps of its (steps, C) twin
        const int64_t cin = s->input.c();
        if (spec.kind == LayerKind::Conv2D || spec.kind == LayerKind::DepthwiseConv2D) {
            const int64_t cout = spec.kind == LayerKind::Conv2D ? spec.filters : cin * spec.depth_multiplier;
            const int64_t groups = spec.kind == LayerKind::Conv2D ? spec.groups : cin;
            out += "  parameters: (in_channels / groups) · Kh · Kw · out_channels" + std::string(spec.use_bias ? " + out_channels" : "") +
                   " = (" + std::to_string(cin) + " / " + std::to_string(groups) + ") · " + std::to_string(spec.kernel.h) + " · " +
                   std::to_string(spec.kernel.w) + " · " + std::to_string(cout) +
                   (spec.use_bias ? " + " + std::to_string(cout) : std::string()) + " = " + with_thousands(a.params) + "\n";
        } else if (spec.kind == LayerKind::Dense) {
            out += "  parameters: in_features · out_features" + std::string(spec.use_bias ? " + out_features" : "") + " = " +
                   std::to_string(cin) + " · " + std::to_string(spec.units) +
                   (spec.use_bias ? " + " + std::to_string(spec.units) : std::string()) + " = " + with_thousands(a.params) + "\n";
        } else if (spec.kind == LayerKind::BatchNormalization) {
            out += "  parameters: weight and bias, one per channel: " +
                   (a.params > 0 ? "2 · " + std::to_string(cin) + " = " + with_thousands(a.params) : std::string("none (affine=False)")) +
                   "; running_mean and running_var (2 · " + std::to_string(cin) +
                   ") are buffers, not parameters (Keras counts them as non-trainable)\n";
        } else if (spec.kind == LayerKind::Conv2DTranspose) {
            // PyTorch's weight is (in_channels, out_channels / groups, Kh, Kw).
            out += "  parameters: in_channels · (out_channels / groups) · Kh · Kw" + std::string(spec.use_bias ? " + out_channels" : "") +
                   " = " + std::to_string(cin) + " · (" + std::to_string(spec.filters) + " / " + std::to_string(spec.groups) + ") · " +
                   std::to_string(spec.kernel.h) +
                   " · " + std::to_string(spec.kernel.w) + (spec.use_bias ? " + " + std::to_string(spec.filters) : std::string()) +
                   " = " + with_thousands(a.params) + "\n";
        } else if (a.params > 0) {
            // LayerNorm, GroupNorm, PReLU: the core's own working.
            out += "  parameters: " + to_text(a.param_formula) + "\n";
        } else {
            out += "  parameters: none\n";
        }
    }
    return out;
}

}  // namespace convlab
