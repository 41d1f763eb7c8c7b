// fuzz_model_url.cpp: libFuzzer target for model links (v1 and v2). Any text
// must decode to a model or an error; a model that decodes must encode to a
// link that decodes to the very same model (every field, doubles bit for bit,
// a graph's calls, inputs and outputs). The same bytes are also tried as a
// link's edits to a preset (apply_model_delta), and as edits to its graph
// (apply_graph_delta): what applies must encode to edits that apply to the same model;
// and as a teacher's worksheet link (decode_exercise_link).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "core/io/base64.h"
#include "core/io/model_url.h"
#include "core/lesson/exercise_link.h"
#include "core/model/graph_edit.h"
#include "core/model/presets.h"

namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool same_model(const convlab::ModelSpec& a, const convlab::ModelSpec& b);

bool same_layer(const convlab::LayerSpec& x, const convlab::LayerSpec& y) {
    return x.kind == y.kind && x.name == y.name && x.filters == y.filters && x.units == y.units &&
           x.depth_multiplier == y.depth_multiplier && x.kernel == y.kernel && x.strides == y.strides &&
           x.dilation == y.dilation && x.padding == y.padding && x.pad_top == y.pad_top &&
           x.pad_bottom == y.pad_bottom && x.pad_left == y.pad_left && x.pad_right == y.pad_right &&
           x.use_bias == y.use_bias && x.activation == y.activation && same_bits(x.rate, y.rate) &&
           x.center == y.center && x.scale == y.scale && same_bits(x.momentum, y.momentum) &&
           same_bits(x.epsilon, y.epsilon) && x.input_shape.rank == y.input_shape.rank &&
           std::memcmp(x.input_shape.dim, y.input_shape.dim, sizeof x.input_shape.dim) == 0 &&
           x.has_max_value == y.has_max_value && same_bits(x.max_value, y.max_value) &&
           same_bits(x.negative_slope, y.negative_slope) && same_bits(x.threshold, y.threshold) &&
           same_bits(x.alpha, y.alpha) && same_bits(x.rescale, y.rescale) && same_bits(x.offset, y.offset) &&
           x.target_shape.rank == y.target_shape.rank &&
           std::memcmp(x.target_shape.dim, y.target_shape.dim, sizeof x.target_shape.dim) == 0 &&
           x.keepdims == y.keepdims && x.size == y.size && x.bilinear == y.bilinear && x.axis == y.axis &&
           x.trainable == y.trainable && x.shared_axes == y.shared_axes &&
           x.has_output_padding == y.has_output_padding && x.output_padding == y.output_padding &&
           x.dims.rank == y.dims.rank && std::memcmp(x.dims.dim, y.dims.dim, sizeof x.dims.dim) == 0 && x.calls == y.calls &&
           (x.nested == nullptr) == (y.nested == nullptr) && (!x.nested || same_model(*x.nested, *y.nested));
}

bool same_model(const convlab::ModelSpec& a, const convlab::ModelSpec& b) {
    if (a.layers.size() != b.layers.size() || a.functional != b.functional || a.name != b.name || a.inputs != b.inputs ||
        a.outputs != b.outputs)
        return false;
    for (size_t i = 0; i < a.layers.size(); ++i)
        if (!same_layer(a.layers[i], b.layers[i])) return false;
    const convlab::CompileSpec &x = a.compile, &y = b.compile;
    if (x.loss != y.loss || x.optimizer != y.optimizer || x.optimizer_args.size() != y.optimizer_args.size())
        return false;
    for (size_t i = 0; i < x.optimizer_args.size(); ++i)
        if (x.optimizer_args[i].first != y.optimizer_args[i].first ||
            !same_bits(x.optimizer_args[i].second, y.optimizer_args[i].second))
            return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    // Most random bytes fail at the "v1." check; prefixing "v1." or "v2." half
    // the time lets the fuzzer reach the binary decoder of both versions.
    std::string text(reinterpret_cast<const char*>(data), size);
    if (size > 0 && data[0] & 1) text = (data[0] & 2 ? "v2." : "v1.") + text.substr(1);
    {
        // The same bytes as a link's edits to a preset ("i|d"): applied or refused
        // with a reason; what is applied is a model whose link reads back.
        const size_t bar = text.find('|');
        const std::string indices = text.substr(0, bar), code = bar == std::string::npos ? "" : text.substr(bar + 1);
        const convlab::ModelSpec base = convlab::preset_model(convlab::Preset(size % size_t(convlab::Preset::Count)));
        convlab::ModelSpec edited, back;
        std::string why;
        if (convlab::apply_model_delta(base, indices, code, &edited, &why)) {
            if (!convlab::decode_model_url(convlab::encode_model_url(edited), &back, &why)) __builtin_trap();
        } else if (why.empty()) {
            __builtin_trap();
        }
    }
    {
        const convlab::Preset preset = convlab::Preset(size % size_t(convlab::Preset::Count));
        const convlab::ModelSpec base = convlab::with_written_names(convlab::to_functional(convlab::preset_model(preset)));
        convlab::ModelSpec edited, back;
        std::string why, again;
        // Half the time the raw bytes themselves, written as base64url, so the
        // fuzzer reaches the binary reader behind the text.
        std::string bytes = convlab::base64_encode(data, size);
        for (char& c : bytes) c = c == '+' ? '-' : c == '/' ? '_' : c;
        while (!bytes.empty() && bytes.back() == '=') bytes.pop_back();
        const std::string delta = "g1." + (size > 0 && data[0] & 4 ? bytes : text);
        if (convlab::apply_graph_delta(base, delta, &edited, &why)) {
            if (!convlab::decode_model_url(convlab::encode_model_url(edited), &back, &why)) __builtin_trap();
            if (convlab::encode_graph_delta(base, edited, &again)) {
                if (!convlab::apply_graph_delta(base, again, &back, &why) || !same_model(back, edited)) __builtin_trap();
            }
        } else if (why.empty()) {
            __builtin_trap();
        }
    }
    {
        // The same text as a teacher's worksheet ("x1." + exercises): read or
        // refused with a reason; what reads writes back to the same text when
        // it was written as this page writes it, and always to a text that reads
        // back as the same questions.
        // Half the time with the check a page writes, so the items' reader is reached.
        const std::string items = text.substr(size > 0 ? 1 : 0);
        const std::string sheet_text =
            size > 0 && data[0] & 8 ? "x1." + convlab::exercise_link_check(items) + "." + items : text;
        std::vector<convlab::LinkedExercise> sheet, back;
        std::string why;
        if (convlab::decode_exercise_link(sheet_text, &sheet, &why)) {
            const std::string again = convlab::encode_exercise_link(sheet, &why);
            if (again.empty() || !convlab::decode_exercise_link(again, &back, &why) || back.size() != sheet.size())
                __builtin_trap();
            for (size_t i = 0; i < sheet.size(); ++i)
                if (back[i].layer != sheet[i].layer || back[i].ask != sheet[i].ask || back[i].hint != sheet[i].hint ||
                    !same_model(back[i].model, sheet[i].model))
                    __builtin_trap();
        } else if (why.empty()) {
            __builtin_trap();
        }
    }
    convlab::ModelSpec first;
    std::string error;
    if (!convlab::decode_model_url(text, &first, &error)) {
        if (error.empty()) __builtin_trap();
        return 0;
    }
    std::string link = convlab::encode_model_url(first);
    convlab::ModelSpec second;
    if (!convlab::decode_model_url(link, &second, &error)) __builtin_trap();
    if (!same_model(first, second)) __builtin_trap();
    if (convlab::encode_model_url(second) != link) __builtin_trap();
    return 0;
}
