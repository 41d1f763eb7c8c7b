// fuzz_keras_python.cpp: libFuzzer target for the Keras Python importer and the
// code exporters. Any bytes must give a model or an error with a position, never
// a crash, a hang or a sanitizer report; a model that imports must export to
// Keras code that imports again, and PyTorch export must not crash on it.
// Seeds: a few lines of Keras code (the seed's code is a good start). Inputs
// whose first line starts with "#set " give the rest of that line to the
// NAME=VALUE parser (the page's field, the CLI's --set) and import with what it read.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/io/export_code.h"
#include "core/io/import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    // Half the inputs run with an override, so the substitution path is fuzzed too.
    convlab::Shape mnist = convlab::Shape::image(28, 28, 1);
    const convlab::Shape* input_shape = (size % 2) ? &mnist : nullptr;
    convlab::PythonSettings settings;
    if (text.substr(0, 5) == "#set ") {
        const size_t end = text.find('\n');
        std::string bad;
        if (!convlab::parse_python_settings(text.substr(5, end == std::string_view::npos ? text.npos : end - 5), &settings, &bad) &&
            bad.empty())
            __builtin_trap();  // a refusal names the piece it refused
    }
    convlab::ImportResult r = convlab::import_keras_python(text, input_shape, settings);
    if (!r.ok && r.error.empty()) __builtin_trap();
    if (!r.ok && r.line > 0 && r.column <= 0) __builtin_trap();
    if (r.ok && r.model.layers.empty()) __builtin_trap();
    if (!r.ok) return 0;
    convlab::ImportResult again = convlab::import_keras_python(convlab::export_keras_python(r.model));
    if (!again.ok || again.model.layers.size() < r.model.layers.size()) __builtin_trap();
    std::string error;
    std::string torch = convlab::export_pytorch(r.model, &error);
    if (torch.empty() && error.empty()) __builtin_trap();
    return 0;
}
