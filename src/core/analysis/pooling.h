// analysis/pooling.h: what MaxPooling2D and AveragePooling2D share. Both slide a
// pool_size window with strides (Keras's strides=None already written out as
// pool_size) over each channel separately, so they have no parameters and keep C.
// Not the global poolings: global_pooling.cpp has those.
#pragma once
#include "core/analysis/checks.h"

namespace convlab {

bool analyze_pooling2d(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                       Problem* problem);

}  // namespace convlab
