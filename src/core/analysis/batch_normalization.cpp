// analysis/batch_normalization.cpp: BatchNormalization keeps four numbers per
// channel C (the last axis): gamma (scale) and beta (center), learned, and the
// moving mean and variance, updated by averaging and not by gradients. So
//   params = 4·C, trainable = 2·C, non-trainable = 2·C
// (center=False drops beta, scale=False drops gamma). Reference:
// keras.io/api/layers/normalization_layers/batch_normalization.
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_batch_normalization(const LayerSpec& spec, const Shape& input, const LayerContext& where,
                                 LayerAnalysis* out, Problem* problem) {
    Check c{spec, where, problem};
    if (!c.set_output(input, out)) return false;
    const int64_t ch = input.c();
    const int64_t learned_per_channel = (spec.center ? 1 : 0) + (spec.scale ? 1 : 0);
    // ch ≤ kMaxCount = 2^40, so 4·ch cannot overflow int64.
    out->trainable = learned_per_channel * ch;
    // PyTorch keeps running_mean and running_var as buffers: not parameters at all.
    out->non_trainable = spec.pytorch ? 0 : 2 * ch;
    out->params = out->trainable + out->non_trainable;
    if (!c.count(checked_add(out->trainable, out->non_trainable), MsgCode::ProblemParameterCount,
                 std::to_string(learned_per_channel + 2) + " × " + with_thousands(ch)))
        return false;
    if (spec.pytorch) {  // weight and bias, one of each per channel (affine=False: none)
        if (learned_per_channel > 0)
            out->param_formula.num(learned_per_channel, Role::None).op("×").num(ch, Role::Channels).equals(out->params);
        return true;
    }
    out->param_formula.num(learned_per_channel + 2, Role::None).op("×").num(ch, Role::Channels).equals(out->params);

    // Counting the moving statistics as trainable: all 4·C instead of 2·C.
    Formula all_trainable;
    all_trainable.num(learned_per_channel + 2, Role::None).op("×").num(ch, Role::Channels).equals(out->params);
    add_mistake(out, out->trainable, MistakeKind::CountedMovingStats, all_trainable);
    return true;
}

}  // namespace convlab
