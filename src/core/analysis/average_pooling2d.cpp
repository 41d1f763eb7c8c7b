// analysis/average_pooling2d.cpp: AveragePooling2D keeps the mean of each window
// (LeNet-5's subsampling). Its shapes are pooling.cpp's.
// Reference: keras.io/api/layers/pooling_layers/average_pooling2d.
#include "core/analysis/pooling.h"

namespace convlab {

bool analyze_average_pooling2d(const LayerSpec& spec, const Shape& input, const LayerContext& where,
                               LayerAnalysis* out, Problem* problem) {
    return analyze_pooling2d(spec, input, where, out, problem);
}

}  // namespace convlab
