// summary_format.h: a ModelSummary as text. The Keras 2.2 table (byte for byte
// what model.summary() printed in the seed question), the Keras 3 box table,
// JSON for the page and the CLI, and a plain-English explanation of each layer.
// Not the analysis: model_summary.h computes every number printed here.
// Reference: keras/utils/layer_utils.py print_summary (2.2) and
// keras/src/utils/summary_utils.py print_summary (3.x).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/model_summary.h"

namespace convlab {

// The Keras 2.2 table: 65 columns, fields cut at 29 / 55 / 65 as Keras cuts
// them ("max_pooling2d_1 (MaxPooling2 "), Param # without separators,
// totals with them. Every line ends in '\n'.
std::string format_summary_keras2(const ModelSummary& summary);

// The Keras 3 table as rich draws it without colour: 'Model: "sequential"', a
// ┏━┳━┓ box whose columns split line_length at 45% / 80% (76 is what Keras uses
// on an 80-column terminal or a notebook), long names wrapped at spaces, params
// right-aligned with separators, then " Total params: 1,181,161 (4.51 MB)" with
// float32 weights (4 bytes each) in Keras's readable_memory_size units.
// expand_nested: a nested model's own layers under its row, as Keras 3's
// summary(expand_nested=True) prints them (Keras 2.2 had no such option).
std::string format_summary_keras3(const ModelSummary& summary, int line_length = 76, bool expand_nested = false);

// A row's class as Keras prints it; a model used as a layer is "Sequential"
// or "Functional" by what it is.
const char* summary_class_name(const LayerSummary& row);

// Keras's readable_memory_size: bytes in B/KB/MB/... (powers of 1024), two decimals.
std::string readable_memory_size(double bytes);

// {"layers":[{"name","class_name","output_shape":[null,26,26,32],"params",
// "trainable_params","non_trainable_params","formula"}],"total_params",
// "trainable_params","non_trainable_params"}; "formula" is null for layers
// without parameters. A nested model's row holds its own summary as "nested".
std::string format_summary_json(const ModelSummary& summary);

// Plain English, one paragraph per layer: the output shape and the arithmetic
// behind it, the parameters and what they are, and each common wrong answer
// beside the right one. `layer` is an index into ModelSpec::layers (as in
// LayerSummary::index and Problem::layer); -1 explains every layer.
std::string format_explanation_en(const ModelSummary& summary, int layer);

// PyTorch models (ModelSpec::dialect PyTorch; summary_format_torch.cpp).
// torchinfo's columns (ColumnSettings, torchinfo/enums.py), printed in the order given.
enum class TorchColumn : uint8_t { KernelSize, InputSize, OutputSize, NumParams, ParamsPercent, MultAdds, Trainable };
// summary(model, input_size, col_names=..., depth=..., col_width=...) as torchinfo takes them.
struct TorchinfoOptions {
    std::vector<TorchColumn> columns{TorchColumn::OutputSize, TorchColumn::NumParams};
    int depth = 3;
    int col_width = 25;
};
// torchinfo's name of a column ("kernel_size", "mult_adds"); false for one it does not have.
bool torch_column_from_name(std::string_view name, TorchColumn* out);
// "input_size, output_size, num_params, params_percent, kernel_size, mult_adds, trainable"
const char* torch_column_names();

// What torchinfo 1.8 adds up below the rows (model_statistics.py): mult-adds
// over leaf modules, recursive calls included; the sizes in bytes, float32.
struct TorchinfoTotals {
    int64_t mult_adds = 0;
    int64_t input_bytes = 0;             // the input tensor
    int64_t forward_backward_bytes = 0;  // 2 x the outputs of leaves that hold parameters
    int64_t params_bytes = 0;            // the parameters of leaves, each counted once
    int64_t total_bytes() const;  // the three, added
};
TorchinfoTotals torchinfo_totals(const ModelSpec& model, const ModelSummary& summary);

// torchinfo 1.8's table: module rows from model.torch_rows, every number from
// the summary, then the totals, Total mult-adds and the four size lines.
std::string format_summary_torchinfo(const ModelSpec& model, const ModelSummary& summary, const TorchinfoOptions& options = {});
// {"dialect":"pytorch","model","input_size","layers":[{"name","depth",
// "depth_index","is_leaf","class_name","output_shape":[N,C,H,W],"params",
// "mult_adds","recursive","input_shape","kernel_size"}],"uncalled":[{"name",
// "class_name","params","trainable_params","leftover_of"}],"total_params",
// "trainable_params","non_trainable_params","total_mult_adds","input_size_bytes",
// "forward_backward_pass_size_bytes","params_size_bytes","estimated_total_size_bytes"}.
std::string format_summary_torch_json(const ModelSpec& model, const ModelSummary& summary);
// Each leaf module's output and parameters in PyTorch's terms:
// (in_channels / groups)·Kh·Kw·out_channels + out_channels. only_leaf: the
// leaf's number in call order (0 first), or -1 for all.
std::string format_explanation_torch(const ModelSpec& model, const ModelSummary& summary, int only_leaf);

}  // namespace convlab
