// analysis/activation.cpp: Activation applies relu, softmax, ... element by
// element: same shape, no parameters. Reference:
// keras.io/api/layers/core_layers/activation. Not the functions themselves.
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_activation(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                        Problem* problem) {
    Check c{spec, where, problem};
    return c.set_output(input, out);
}

}  // namespace convlab
