// summary_format.h: a ModelSummary as text. The Keras 2.2 table (byte for byte
// what model.summary() printed in the seed question), the Keras 3 box table,
// JSON for the page and the CLI, and a plain-English explanation of each layer.
// Not the analysis: model_summary.h computes every number printed here.
// Reference: keras/utils/layer_utils.py print_summary (2.2) and
// keras/src/utils/summary_utils.py print_summary (3.x).
#pragma once
#include <string>

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
// torchinfo 1.8's table (depth 3): module rows from model.torch_rows, every
// number from the summary; the totals (mult-adds and size lines not yet).
std::string format_summary_torchinfo(const ModelSpec& model, const ModelSummary& summary);
// {"dialect":"pytorch","model","input_size","layers":[{"name","depth",
// "depth_index","is_leaf","class_name","output_shape":[N,C,H,W],"params",
// "recursive"}],"total_params","trainable_params","non_trainable_params"}.
std::string format_summary_torch_json(const ModelSpec& model, const ModelSummary& summary);
// Each leaf module's output and parameters in PyTorch's terms:
// (in_channels / groups)·Kh·Kw·out_channels + out_channels. only_leaf: the
// leaf's number in call order (0 first), or -1 for all.
std::string format_explanation_torch(const ModelSpec& model, const ModelSummary& summary, int only_leaf);

}  // namespace convlab
