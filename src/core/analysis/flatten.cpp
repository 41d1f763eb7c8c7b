// analysis/flatten.cpp: Flatten lays (H, W, C) out as one vector of H·W·C values
// (row by row, channels innermost: channels_last order); a vector stays as it is.
// No parameters. Reference: keras.io/api/layers/reshaping_layers/flatten.
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_flatten(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                     Problem* problem) {
    Check c{spec, where, problem};
    if (input.rank != 3) {
        if (!c.set_output(input, out)) return false;
        out->size_formula.num(input.c(), Role::Channels).equals(input.c());
        return true;
    }
    int64_t n = checked_mul(checked_mul(input.h(), input.w()), input.c());
    if (!c.count(n, MsgCode::ProblemFlattenedSize, input.to_string())) return false;
    if (!c.set_output(Shape::vector(n), out)) return false;
    out->size_formula.num(input.h(), Role::Height).op("×").num(input.w(), Role::Width).op("×")
        .num(input.c(), Role::Channels).equals(n);
    // Taking only the last axis: 63 instead of 12 × 12 × 63 = 9072.
    Formula last_axis;
    last_axis.num(input.c(), Role::Channels).equals(input.c());
    add_mistake(out, n, MistakeKind::FlattenAsLastAxis, last_axis);
    return true;
}

}  // namespace convlab
