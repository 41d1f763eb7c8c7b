// analysis/global_pooling.cpp: GlobalAveragePooling2D and GlobalMaxPooling2D
// reduce each channel's whole H×W map to one number: (H, W, C) -> (C), no
// parameters; with keepdims=True the result keeps its axes: (1, 1, C).
// Reference: keras.io/api/layers/pooling_layers/global_average_pooling2d.
// Not the windowed poolings: see pooling.cpp.
#include "core/analysis/checks.h"

namespace convlab {

namespace {

bool analyze_global_pooling(const LayerSpec& spec, const Shape& input, const LayerContext& where,
                            LayerAnalysis* out, Problem* problem) {
    Check c{spec, where, problem};
    if (!c.image_input(input)) return false;
    if (!c.set_output(spec.keepdims ? Shape::image(1, 1, input.c()) : Shape::vector(input.c()), out)) return false;
    out->size_formula.num(input.c(), Role::Channels).equals(input.c());
    return true;
}

}  // namespace

bool analyze_global_average_pooling2d(const LayerSpec& spec, const Shape& input, const LayerContext& where,
                                      LayerAnalysis* out, Problem* problem) {
    return analyze_global_pooling(spec, input, where, out, problem);
}

bool analyze_global_max_pooling2d(const LayerSpec& spec, const Shape& input, const LayerContext& where,
                                  LayerAnalysis* out, Problem* problem) {
    return analyze_global_pooling(spec, input, where, out, problem);
}

}  // namespace convlab
