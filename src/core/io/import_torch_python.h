// import_torch_python.h: PyTorch code read into a ModelSpec: nn.Module classes
// and nn.Sequential, built by running the script through python_eval.h, then
// forward() traced once over a tensor of the input size, shapes only. Every
// module call becomes a layer (leaf modules) or a torchinfo row (containers);
// PyTorch's own errors (a Linear's in_features, a Conv2d's in_channels,
// padding='same' with a stride) are found while tracing, named by the
// module's attribute path. Not PyTorch: nothing is computed on numbers.
// Reference: torch.nn's documentation (1.13) for every module's arguments.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "core/io/import.h"

namespace convlab {

// Whether a line of the script imports one of `modules` ("import torch",
// "from tensorflow.keras import layers", "import keras as k").
bool python_imports_any(std::string_view text, std::initializer_list<std::string_view> modules);
// Whether the text is PyTorch code: a line that imports torch.
bool python_imports_torch(std::string_view text);

// input_size, when given, is torchinfo's (N, C, H, W), (N, C, L) or (N, F); it replaces
// the size the script gives (summary(...) or model(torch.randn(...))).
// Without either the result says missing_input_shape (the CLI names --input-size).
ImportResult import_torch_python(std::string_view text, const std::vector<int64_t>* input_size = nullptr,
                                 const PythonSettings& settings = {});

}  // namespace convlab
