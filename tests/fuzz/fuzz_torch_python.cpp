// fuzz_torch_python.cpp: libFuzzer target for the PyTorch reader (classes in
// the Python evaluator, the torch.nn mapping, the forward trace) and its
// printers. Any bytes must give a model or an error with a position, never a
// crash, a hang or a sanitizer report; a model that imports must summarise
// (the trace analysed every layer already) and print. Seeds: the scripts in
// tests/data/torch/. Odd-sized inputs run with --input-size 1,3,32,32.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/model_summary.h"
#include "core/io/import_torch_python.h"
#include "core/io/summary_format.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::vector<int64_t> cifar = {1, 3, 32, 32};
    convlab::ImportResult r = convlab::import_torch_python(text, (size % 2) ? &cifar : nullptr);
    if (!r.ok && r.error.empty()) __builtin_trap();
    if (!r.ok && r.line > 0 && r.column <= 0) __builtin_trap();
    if (!r.ok) return 0;
    if (r.model.torch_rows.empty() || r.model.dialect != convlab::Dialect::PyTorch) __builtin_trap();
    convlab::ModelSummary summary;
    convlab::Problem problem;
    if (!convlab::summarize(r.model, convlab::NamingStyle::Keras2, &summary, &problem)) __builtin_trap();
    if (convlab::format_summary_torchinfo(r.model, summary).empty()) __builtin_trap();
    convlab::TorchinfoOptions every_column;  // torchinfo's seven columns, every depth
    every_column.columns = {convlab::TorchColumn::KernelSize, convlab::TorchColumn::InputSize, convlab::TorchColumn::OutputSize,
                            convlab::TorchColumn::NumParams, convlab::TorchColumn::ParamsPercent, convlab::TorchColumn::MultAdds,
                            convlab::TorchColumn::Trainable};
    every_column.depth = 64;
    if (convlab::format_summary_torchinfo(r.model, summary, every_column).empty()) __builtin_trap();
    if (convlab::format_summary_torch_json(r.model, summary).empty()) __builtin_trap();
    convlab::format_explanation_torch(r.model, summary, -1);
    return 0;
}
