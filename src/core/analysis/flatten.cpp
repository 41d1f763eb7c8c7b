// analysis/flatten.cpp: Flatten lays (H, W, C) out as one vector of H·W·C values
// (row by row, channels innermost: channels_last order); a vector stays as it is.
// No parameters. Reference: keras.io/api/layers/reshaping_layers/flatten.
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_flatten(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                     Problem* problem) {
    Check c{spec, where, problem};
    if (input.rank == 1) {
        if (!c.set_output(input, out)) return false;
        out->size_formula.num(input.c(), Role::Channels).equals(input.c());
        return true;
    }
    if (input.rank == 2) {  // (steps, F), as keras.io's first tutorial's (28, 28)
        const int64_t n = checked_mul(input.dim[0], input.dim[1]);
        if (!c.count(n, MsgCode::ProblemFlattenedSize, input.to_string())) return false;
        if (!c.set_output(Shape::vector(n), out)) return false;
        out->size_formula.num(input.dim[0], Role::Height).op("×").num(input.dim[1], Role::Channels).equals(n);
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
