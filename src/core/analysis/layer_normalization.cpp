// analysis/layer_normalization.cpp: LayerNormalization normalises each
// example's values over the last axis (C), then scales by gamma and shifts by
// beta, one of each per channel, both learned. Unlike BatchNormalization it
// keeps no moving statistics, so
//   params = 2·C, all trainable (center=False drops beta, scale=False gamma).
// Reference: keras.io/api/layers/normalization_layers/layer_normalization (axis=-1).
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_layer_normalization(const LayerSpec& spec, const Shape& input, const LayerContext& where,
                                 LayerAnalysis* out, Problem* problem) {
    Check c{spec, where, problem};
    if (!c.set_output(input, out)) return false;
    const int64_t ch = input.c();
    const int64_t learned_per_channel = (spec.center ? 1 : 0) + (spec.scale ? 1 : 0);
    out->params = out->trainable = learned_per_channel * ch;  // ch ≤ kMaxCount: no overflow
    if (out->params > 0) out->param_formula.num(learned_per_channel, Role::None).op("×").num(ch, Role::Channels).equals(out->params);
    return true;
}

}  // namespace convlab
