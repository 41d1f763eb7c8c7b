// analysis/input_layer.cpp: InputLayer (keras.Input(shape=...)) only declares the
// shape of one example: its output is that shape, it has no parameters, and
// Keras leaves it out of a Sequential model's summary. It must come first.
// Reference: keras.io/api/layers/core_layers/input.
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_input_layer(const LayerSpec& spec, const Shape& /*input: it has none*/, const LayerContext& where,
                         LayerAnalysis* out, Problem* problem) {
    Check c{spec, where, problem};
    const Shape& s = spec.input_shape;
    bool rank_ok = s.rank >= 1 && s.rank <= 3;
    bool sizes_ok = rank_ok;
    for (int i = 0; rank_ok && i < s.rank; ++i) sizes_ok = sizes_ok && s.dim[i] >= 1;
    if (!sizes_ok) {
        std::string text = "(";
        for (int i = 0; i < s.rank; ++i) text += (i ? ", " : "") + std::to_string(s.dim[i]);
        return c.fail(MsgCode::ProblemBadInputShape, Field::InputShape, {as_is(text + (s.rank == 1 ? ",)" : ")"))});
    }
    for (int i = 0; i < s.rank; ++i)
        if (!c.size_in_range(s.dim[i], 1, Field::InputShape)) return false;
    return c.set_output(s, out);
}

}  // namespace convlab
