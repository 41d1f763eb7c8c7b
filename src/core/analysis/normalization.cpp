// analysis/normalization.cpp: Normalization, the preprocessing layer that
// subtracts a mean and divides by a standard deviation, y = (x − mean) / √var.
// Nothing in it is learned by gradient descent: adapt() measures the mean and
// variance on the data before training, and Keras keeps them, with the count
// of examples adapt() saw, as non-trainable weights:
//   params = C (mean) + C (variance) + 1 (count), all non-trainable,
// with C the channels for axis=-1, or 1 for axis=None (one mean for everything).
// Reference: keras.io/api/layers/preprocessing_layers/numerical/normalization;
// keras/src/layers/preprocessing/normalization.py (build: mean, variance, count).
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_normalization(const LayerSpec& spec, const Shape& input, const LayerContext& where,
                           LayerAnalysis* out, Problem* problem) {
    Check c{spec, where, problem};
    if (spec.axis != -1 && spec.axis != 0 && spec.axis != input.rank)
        return c.fail(MsgCode::ProblemNormalizationAxis, Field::Axis, {as_is(spec.axis)});
    if (!c.set_output(input, out)) return false;
    const int64_t per = spec.axis == 0 ? 1 : input.c();
    out->params = out->non_trainable = 2 * per + 1;  // per ≤ kMaxCount: no overflow
    out->param_formula.num(2, Role::None).op("×").num(per, spec.axis == 0 ? Role::None : Role::Channels)
        .op("+").num(1, Role::None).equals(out->params);
    return true;
}

}  // namespace convlab
