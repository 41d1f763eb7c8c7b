// analysis/rescaling.cpp: Rescaling multiplies every value by `scale` and adds
// `offset` (scale=1/255 takes 0..255 pixels to 0..1): same shape, no
// parameters; both numbers are fixed arguments, not learned weights.
// Reference: keras.io/api/layers/preprocessing_layers/image_preprocessing/rescaling.
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_rescaling(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                       Problem* problem) {
    Check c{spec, where, problem};
    return c.set_output(input, out);
}

}  // namespace convlab
