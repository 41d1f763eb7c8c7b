// analysis/max_pooling2d.cpp: MaxPooling2D keeps the largest value of each window.
// Its shapes are pooling.cpp's; this file only names it in the registry.
// Reference: keras.io/api/layers/pooling_layers/max_pooling2d.
#include "core/analysis/pooling.h"

namespace convlab {

bool analyze_max_pooling2d(const LayerSpec& spec, const Shape& input, const LayerContext& where,
                           LayerAnalysis* out, Problem* problem) {
    return analyze_pooling2d(spec, input, where, out, problem);
}

}  // namespace convlab
