// analysis/dropout.cpp: Dropout zeroes a fraction `rate` of its inputs while
// training and passes everything through at inference, so the shape is
// unchanged and nothing is learned. Keras requires 0 ≤ rate < 1.
// SpatialDropout2D drops whole channels (feature maps) instead, so it needs an
// (H, W, C) input. Reference: keras.io/api/layers/regularization_layers/dropout
// and spatial_dropout2d.
#include <cstdio>

#include "core/analysis/checks.h"

namespace convlab {

bool analyze_dropout(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                     Problem* problem) {
    Check c{spec, where, problem};
    // Written so that NaN fails too.
    if (!(spec.rate >= 0.0 && spec.rate < 1.0)) {
        char text[32];
        std::snprintf(text, sizeof text, "%g", spec.rate);
        return c.fail(MsgCode::ProblemRateOutOfRange, Field::Rate, {as_is(text)});
    }
    return c.set_output(input, out);
}

bool analyze_spatial_dropout2d(const LayerSpec& spec, const Shape& input, const LayerContext& where,
                               LayerAnalysis* out, Problem* problem) {
    Check c{spec, where, problem};
    if (!c.image_input(input)) return false;
    return analyze_dropout(spec, input, where, out, problem);
}

}  // namespace convlab
