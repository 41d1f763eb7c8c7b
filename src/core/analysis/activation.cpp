// analysis/activation.cpp: Activation applies relu, softmax, ... element by
// element: same shape, no parameters. The same holds for ELU, Softmax and
// Rescaling (x · scale + offset: both fixed arguments, not learned weights),
// which the layer table analyses with it. Reference:
// keras.io/api/layers/core_layers/activation and
// keras.io/api/layers/preprocessing_layers/image_preprocessing/rescaling.
// Not the functions themselves.
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_activation(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                        Problem* problem) {
    Check c{spec, where, problem};
    return c.set_output(input, out);
}

}  // namespace convlab
