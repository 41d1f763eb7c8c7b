// fuzz_keras_json.cpp: libFuzzer target for the model-text importers. Any bytes
// must give a model or an error with a position, never a crash, a hang or a
// sanitizer report. Seeds: tests/data (Keras 2, Keras 3 and TF.js fixtures).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/io/import.h"
#include "core/io/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    convlab::ImportResult r = convlab::import_keras_json(text);
    // An error always says what and where; a model never exceeds the limits.
    if (!r.ok && r.error.empty()) __builtin_trap();
    if (r.ok && (r.model.layers.empty() || r.model.layers.size() > size_t(convlab::kMaxImportLayers))) __builtin_trap();
    // What json_escape writes must read back as the same string.
    convlab::JsonValue v;
    convlab::JsonError e;
    std::string quoted = convlab::json_quote(text);
    if (!convlab::parse_json(quoted, &v, &e) && int64_t(quoted.size()) <= convlab::kJsonMaxBytes) __builtin_trap();
    if (convlab::is_valid_utf8(text) && int64_t(quoted.size()) <= convlab::kJsonMaxBytes && v.string != text)
        __builtin_trap();
    return 0;
}
