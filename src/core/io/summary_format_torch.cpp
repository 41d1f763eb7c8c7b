// summary_format_torch.cpp: a PyTorch model's summary as torchinfo 1.8.0
// prints it, its JSON, and the arithmetic in PyTorch's terms. Not the
// analysis: every shape and parameter count comes from the ModelSummary.
// Reference: torchinfo's formatting.py, layer_info.py and model_statistics.py
// at tag v1.8.0 (commit 73ed5687), read as the specification; the tests
// compare the tables with torchinfo's own, byte for byte.
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <set>

#include "core/analysis/formula.h"
#include "core/io/json_writer.h"
#include "core/io/summary_format.h"

namespace convlab {
namespace {

constexpr int64_t kFloatBytes = 4;  // torch.float32, what torchinfo's random input and our weights are

// Mult-adds and bytes may pass the core's kMaxCount with honest inputs (a
// batch of 1024 through a ResNet): they are counted up to INT64_MAX and stop
// there rather than wrap, a figure no model reaches.
int64_t saturating_mul(int64_t a, int64_t b) {
    if (a <= 0 || b <= 0) return 0;
    return a > INT64_MAX / b ? INT64_MAX : a * b;
}
int64_t saturating_add(int64_t a, int64_t b) { return a > INT64_MAX - b ? INT64_MAX : a + b; }
int64_t saturating_product(const std::vector<int64_t>& dims) {
    int64_t n = 1;
    for (int64_t d : dims) n = saturating_mul(n, d);
    return n;
}

const LayerSummary* row_summary(const ModelSummary& summary, int layer) {
    for (const LayerSummary& row : summary.layers)
        if (row.index == layer) return &row;
    return nullptr;
}

// torchinfo's is_leaf_layer: a module without child modules (a Conv2d, or a
// script class that holds only nn.Parameters).
bool is_leaf(const TorchRow& row) { return row.layer >= 0 || row.leaves.empty(); }

// What the cells look up, gathered once per table: each layer's summary by
// its ModelSpec index, and per row the parameters of the modules forward()
// never called that its module holds (torchinfo lists those nowhere: they
// are the row's leftover).
struct TorchTable {
    const ModelSpec& model;
    const ModelSummary& summary;
    std::vector<const LayerSummary*> layers;
    std::vector<int64_t> uncalled, uncalled_trainable;

    TorchTable(const ModelSpec& m, const ModelSummary& s)
        : model(m), summary(s), layers(m.layers.size(), nullptr), uncalled(m.torch_rows.size(), 0),
          uncalled_trainable(m.torch_rows.size(), 0) {
        for (const LayerSummary& row : s.layers)
            if (row.index >= 0 && size_t(row.index) < layers.size() && !layers[size_t(row.index)]) layers[size_t(row.index)] = &row;
        for (const TorchUncalled& u : m.torch_uncalled)
            if (u.row >= 0 && size_t(u.row) < uncalled.size()) {
                uncalled[size_t(u.row)] += u.params;
                uncalled_trainable[size_t(u.row)] += u.trainable;
            }
    }
    const TorchRow& row(int i) const { return model.torch_rows[size_t(i)]; }
    int64_t layer_params(int layer, bool trainable_only) const {
        const LayerSummary* s = layer >= 0 && size_t(layer) < layers.size() ? layers[size_t(layer)] : nullptr;
        return s ? (trainable_only ? s->analysis.trainable : s->analysis.params) : 0;
    }
    // What a row's module holds beside its children's layers: its own nn.Parameters and what forward never called.
    int64_t held(int i, bool trainable_only) const {
        return trainable_only ? row(i).own_trainable + uncalled_trainable[size_t(i)] : row(i).own_params + uncalled[size_t(i)];
    }
};

// A row's parameters, PyTorch's module.parameters(): a leaf's own, a
// container's summed over the distinct layers under it (a module called twice
// is counted once, as PyTorch does), with what each module holds itself.
int64_t row_params(const TorchTable& t, int i, bool trainable_only = false) {
    int64_t total = t.held(i, trainable_only);
    std::set<int> layers{t.row(i).layer};
    for (int under : t.row(i).leaves) {
        layers.insert(t.row(under).layer);
        if (!t.row(under).recursive) total += t.held(under, trainable_only);
    }
    for (int layer : layers) total += t.layer_params(layer, trainable_only);
    return total;
}

// torchinfo's leftover_params(): what a container holds that no listed
// module under it shows.
int64_t leftover_params(const TorchTable& t, int i) { return t.held(i, false); }

// calculate_macs (layer_info.py): for each parameter named weight or bias, its
// count times the batch, and for a convolution ("Conv" in the class name)
// also times each output position (the output's dims after N and C): every
// weight meets every position once. Everything here is a float multiply-add
// counted on the full batch. (An RNN's weight_ih_l0 would count N·L times;
// ConvLab reads no RNN.) torch.nn's modules name theirs weight and bias; a
// script's own leaf class names its nn.Parameters as it likes, and torchinfo
// counts those by name, which ConvLab does not keep: it counts them as 0.
int64_t row_mult_adds(const TorchTable& t, int i) {
    const TorchRow& row = t.row(i);
    if (row.layer < 0 || row.output.empty()) return 0;
    int64_t positions = row.output[0];
    if (row.class_name.find("Conv") != std::string::npos)
        for (size_t k = 2; k < row.output.size(); ++k) positions = saturating_mul(positions, row.output[k]);
    return saturating_mul(row_params(t, i), positions);
}

// ModelStatistics.__init__: over leaf rows only. Mult-adds and the output
// bytes count every call (a module called again runs again), the parameter
// bytes once; outputs count only for leaves that hold parameters, twice
// ("x2 for gradients"). A container's own nn.Parameters and the modules
// forward never called are in Total params but not in Params size: torchinfo
// adds their bytes nowhere.
TorchinfoTotals table_totals(const TorchTable& t) {
    TorchinfoTotals totals;
    totals.input_bytes = saturating_mul(saturating_product(t.model.torch_input_size), kFloatBytes);
    for (int i = 0; i < int(t.model.torch_rows.size()); ++i) {
        const TorchRow& row = t.row(i);
        if (!is_leaf(row)) continue;
        totals.mult_adds = saturating_add(totals.mult_adds, row_mult_adds(t, i));
        const int64_t params = row_params(t, i);
        if (params > 0)
            totals.forward_backward_bytes =
                saturating_add(totals.forward_backward_bytes, saturating_mul(saturating_product(row.output), 2 * kFloatBytes));
        if (!row.recursive) totals.params_bytes = saturating_add(totals.params_bytes, saturating_mul(params, kFloatBytes));
    }
    return totals;
}

std::string shape_text(const std::vector<int64_t>& dims) {
    if (dims.empty()) return "--";
    std::string s = "[";
    for (size_t k = 0; k < dims.size(); ++k) s += (k ? ", " : "") + std::to_string(dims[k]);
    return s + "]";
}

// Width counts characters as a terminal shows them (and as Python's len()
// counts them): the tree's box-drawing characters are three bytes in UTF-8.
size_t text_columns(const std::string& s) {
    size_t columns = 0;
    for (unsigned char c : s) columns += (c & 0xC0) != 0x80;
    return columns;
}

std::string padded(std::string s, size_t width) {
    const size_t columns = text_columns(s);
    if (columns < width) s.append(width - columns, ' ');
    return s;
}

std::string layer_title(const TorchRow& row) {
    if (row.depth == 0) return row.class_name;
    return row.class_name + ": " + std::to_string(row.depth) + "-" + std::to_string(row.depth_index);
}

// get_start_str: nothing for the model, "├─" under it, then "│    " per
// level above and "└─".
std::string tree_prefix(int depth) {
    if (depth == 0) return "";
    if (depth == 1) return "├─";
    std::string prefix;
    for (int d = 1; d < depth; ++d) prefix += "│    ";
    return prefix + "└─";
}

// set_layer_name_width: 40, or the longest title plus its indent (5 per
// level, plus 1) rounded up to a multiple of 5 once that reaches 40. Every
// row counts, also those below the depth limit that are not printed.
size_t name_width(const ModelSpec& model) {
    size_t longest = 0;
    for (const TorchRow& row : model.torch_rows)
        longest = std::max(longest, text_columns(layer_title(row)) + size_t(row.depth) * 5 + 1);
    return longest >= 40 ? (longest + 4) / 5 * 5 : 40;
}

// format_row: the name left-aligned in its width, each value in col_width,
// a space after each, trailing spaces cut.
std::string table_line(const std::string& name, const std::vector<std::string>& values, size_t width, int col_width) {
    std::string line = padded(name, width) + " ";
    for (const std::string& v : values) line += padded(v, size_t(col_width)) + " ";
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
}

// format_output_num for mult-adds (Units.AUTO): millions below 1e9, then
// billions, then trillions; a whole number without decimals, else two,
// thousands separated either way ("(M): 0.98", "(G): 1.82", "(M): 0").
std::string readable_count(int64_t n) {
    const double v = double(n);
    const char* unit = v >= 1e12 ? "T" : v >= 1e9 ? "G" : "M";
    const double scaled = v / (v >= 1e12 ? 1e12 : v >= 1e9 ? 1e9 : 1e6);
    if (scaled == std::floor(scaled)) return std::string(" (") + unit + "): " + with_thousands(int64_t(scaled));
    char text[64];
    std::snprintf(text, sizeof text, "%.2f", scaled);
    const std::string s = text;
    const size_t dot = s.find('.');
    return std::string(" (") + unit + "): " + with_thousands(std::stoll(s.substr(0, dot))) + s.substr(dot);
}

std::string megabytes(int64_t bytes) {
    char text[64];
    std::snprintf(text, sizeof text, "%.2f", double(bytes) / 1e6);  // to_megabytes: bytes / 1e6, printed :0.2f
    return text;
}

// One cell of a row, as layer_info_to_row builds it.
std::string cell(const TorchTable& t, int i, TorchColumn column, bool reached_max_depth) {
    const TorchRow& row = t.row(i);
    const int64_t total_params = t.summary.total_params;
    const int64_t params = row_params(t, i);
    switch (column) {
        case TorchColumn::KernelSize: return row.kernel_size.empty() ? "--" : row.kernel_size;
        case TorchColumn::InputSize: return shape_text(row.input);
        case TorchColumn::OutputSize: return shape_text(row.output);
        case TorchColumn::NumParams: {
            // num_params_to_str: "--" before "(recursive)", so a ReLU called again shows "--".
            if (params == 0) return "--";
            if (row.recursive) return "(recursive)";
            if (reached_max_depth || is_leaf(row)) {
                const std::string n = with_thousands(params);
                return row_params(t, i, true) > 0 ? n : "(" + n + ")";
            }
            const int64_t leftover = leftover_params(t, i);
            return leftover > 0 ? with_thousands(leftover) : "--";
        }
        case TorchColumn::ParamsPercent: {
            // params_percent: right-aligned in 7, two decimals; "     --" for none.
            const std::string none = "     --";
            if (total_params == 0) return none;
            if (row.recursive) return "(recursive)";
            const int64_t shown = reached_max_depth || is_leaf(row) ? params : leftover_params(t, i);
            if (shown == 0) return none;
            char text[32];
            std::snprintf(text, sizeof text, "%6.2f%%", 100.0 * double(shown) / double(total_params));  // Python's :>7.2%
            return text;
        }
        case TorchColumn::MultAdds: {
            // macs_to_str: a leaf's own; a container at the depth limit its leaves' sum,
            // if the container's own count (any parameter under it) is not zero.
            if (is_leaf(row)) {
                const int64_t macs = row_mult_adds(t, i);
                return macs > 0 ? with_thousands(macs) : "--";
            }
            if (!reached_max_depth || params == 0 || row.output.empty()) return "--";
            int64_t sum = 0;
            for (int under : row.leaves)
                if (is_leaf(t.row(under))) sum = saturating_add(sum, row_mult_adds(t, under));
            return with_thousands(sum);
        }
        case TorchColumn::Trainable: {
            if (params == 0) return "--";
            const int64_t trainable = row_params(t, i, true);
            return trainable == 0 ? "False" : trainable == params ? "True" : "Partial";
        }
    }
    return "";
}

const char* column_title(TorchColumn column) {
    switch (column) {
        case TorchColumn::KernelSize: return "Kernel Shape";
        case TorchColumn::InputSize: return "Input Shape";
        case TorchColumn::OutputSize: return "Output Shape";
        case TorchColumn::NumParams: return "Param #";
        case TorchColumn::ParamsPercent: return "Param %";
        case TorchColumn::MultAdds: return "Mult-Adds";
        case TorchColumn::Trainable: return "Trainable";
    }
    return "";
}

}  // namespace

bool torch_column_from_name(std::string_view name, TorchColumn* out) {
    static const std::pair<const char*, TorchColumn> kNames[] = {
        {"input_size", TorchColumn::InputSize},       {"output_size", TorchColumn::OutputSize},
        {"num_params", TorchColumn::NumParams},       {"params_percent", TorchColumn::ParamsPercent},
        {"kernel_size", TorchColumn::KernelSize},     {"mult_adds", TorchColumn::MultAdds},
        {"trainable", TorchColumn::Trainable}};
    for (const auto& entry : kNames)
        if (name == entry.first) { *out = entry.second; return true; }
    return false;
}

const char* torch_column_names() {
    return "input_size, output_size, num_params, params_percent, kernel_size, mult_adds, trainable";
}

int64_t TorchinfoTotals::total_bytes() const {
    return saturating_add(saturating_add(input_bytes, forward_backward_bytes), params_bytes);
}

TorchinfoTotals torchinfo_totals(const ModelSpec& model, const ModelSummary& summary) {
    return table_totals(TorchTable(model, summary));
}

std::string format_summary_torchinfo(const ModelSpec& model, const ModelSummary& summary, const TorchinfoOptions& options) {
    const size_t width = name_width(model);
    const std::string rule(width + options.columns.size() * size_t(options.col_width), '=');
    std::vector<std::string> titles;
    for (TorchColumn c : options.columns) titles.push_back(column_title(c));
    std::string out = rule + "\n" + table_line("Layer (type:depth-idx)", titles, width, options.col_width) + rule + "\n";
    const TorchTable table(model, summary);
    for (int i = 0; i < int(model.torch_rows.size()); ++i) {
        const TorchRow& row = table.row(i);
        if (row.depth > options.depth) continue;
        std::vector<std::string> values;
        for (TorchColumn c : options.columns) values.push_back(cell(table, i, c, row.depth == options.depth));
        out += table_line(tree_prefix(row.depth) + layer_title(row), values, width, options.col_width);
    }
    const TorchinfoTotals t = table_totals(table);
    out += rule + "\n";
    out += "Total params: " + with_thousands(summary.total_params) + "\n";
    out += "Trainable params: " + with_thousands(summary.trainable_params) + "\n";
    out += "Non-trainable params: " + with_thousands(summary.non_trainable_params) + "\n";
    out += "Total mult-adds" + readable_count(t.mult_adds) + "\n";
    out += rule + "\n";
    out += "Input size (MB): " + megabytes(t.input_bytes) + "\n";
    out += "Forward/backward pass size (MB): " + megabytes(t.forward_backward_bytes) + "\n";
    out += "Params size (MB): " + megabytes(t.params_bytes) + "\n";
    out += "Estimated Total Size (MB): " + megabytes(t.total_bytes()) + "\n";
    out += rule + "\n";
    return out;
}

std::string format_summary_torch_json(const ModelSpec& model, const ModelSummary& summary) {
    JsonWriter w;
    w.begin_object().member("dialect", "pytorch").member("model", model.name);
    auto dims = [&w](const char* key, const std::vector<int64_t>& d) {
        w.key(key);
        if (d.empty()) { w.null(); return; }
        w.begin_array();
        for (int64_t v : d) w.integer(v);
        w.end_array();
    };
    dims("input_size", model.torch_input_size);
    const TorchTable table(model, summary);
    w.key("layers").begin_array();
    for (int i = 0; i < int(model.torch_rows.size()); ++i) {
        const TorchRow& row = table.row(i);
        w.begin_object().member("name", row.name).member("depth", row.depth).member("depth_index", row.depth_index);
        w.member("is_leaf", row.layer >= 0).member("class_name", row.class_name);
        dims("output_shape", row.output);
        w.member("params", row.recursive ? int64_t(0) : row_params(table, i));
        w.member("mult_adds", row_mult_adds(table, i)).member("recursive", row.recursive);
        dims("input_shape", row.input);
        w.key("kernel_size");
        if (row.kernel_size.empty()) w.null();
        else w.string(row.kernel_size);
        w.end_object();
    }
    w.end_array();
    w.key("uncalled").begin_array();
    for (const TorchUncalled& u : model.torch_uncalled) {
        w.begin_object().member("name", u.name).member("class_name", u.class_name).member("params", u.params);
        w.member("trainable_params", u.trainable).member("leftover_of", model.torch_rows[size_t(u.row)].name).end_object();
    }
    w.end_array();
    const TorchinfoTotals t = table_totals(table);
    w.member("total_params", summary.total_params).member("trainable_params", summary.trainable_params);
    w.member("non_trainable_params", summary.non_trainable_params).member("total_mult_adds", t.mult_adds);
    w.member("input_size_bytes", t.input_bytes).member("forward_backward_pass_size_bytes", t.forward_backward_bytes);
    w.member("params_size_bytes", t.params_bytes).member("estimated_total_size_bytes", t.total_bytes());
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
