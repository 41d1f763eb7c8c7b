// fuzz_keras_json.cpp: libFuzzer target for the model-text importers. Any bytes
// must give a model or an error with a position, never a crash, a hang or a
// sanitizer report; a model read must then summarise (graph checks included)
// or say why. Seeds: tests/data (Keras 2, Keras 3 and TF.js fixtures, and
// graph_seeds/: Functional models in the four JSON forms).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/analysis/model_graph.h"
#include "core/io/import.h"
#include "core/io/json.h"
#include "core/io/summary_format.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    convlab::ImportResult r = convlab::import_keras_json(text);
    // An error always says what and where; a model never exceeds the limits.
    if (!r.ok && r.error.empty()) __builtin_trap();
    const size_t limit = size_t(r.model.functional ? convlab::kMaxGraphLayers : convlab::kMaxImportLayers);
    if (r.ok && (r.model.layers.empty() || r.model.layers.size() > limit)) __builtin_trap();
    if (r.ok) {
        convlab::ModelSummary summary;
        convlab::Problem problem;
        if (convlab::summarize(r.model, convlab::NamingStyle::Keras2, &summary, &problem)) {
            if (convlab::format_summary_keras2(summary).empty() || convlab::format_summary_keras3(summary).empty()) __builtin_trap();
        } else if (problem.message.empty()) {
            __builtin_trap();
        }
    }
    // What json_escape writes must read back as the same string.
    convlab::JsonValue v;
    convlab::JsonError e;
    std::string quoted = convlab::json_quote(text);
    if (!convlab::parse_json(quoted, &v, &e) && int64_t(quoted.size()) <= convlab::kJsonMaxBytes) __builtin_trap();
    if (convlab::is_valid_utf8(text) && int64_t(quoted.size()) <= convlab::kJsonMaxBytes && v.string != text)
        __builtin_trap();
    return 0;
}
