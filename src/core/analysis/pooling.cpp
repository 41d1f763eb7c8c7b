// analysis/pooling.cpp: the window arithmetic of MaxPooling2D and AveragePooling2D,
// out = ⌊(in − pool) / S⌋ + 1 ('valid') or ⌈in / S⌉ ('same').
// Reference: keras.io/api/layers/pooling_layers/max_pooling2d.
#include "core/analysis/pooling.h"

namespace convlab {

bool analyze_pooling2d(const LayerSpec& spec, const Shape& input, const LayerContext& where, LayerAnalysis* out,
                       Problem* problem) {
    Check c{spec, where, problem};
    int64_t h = 0, w = 0;
    if (!c.window_output(input, false, MsgCode::ProblemPoolingWindow, Role::PoolSize, Role::PoolSize, out, &h, &w)) return false;
    if (!c.set_output(Shape::image(h, w, input.c()), out)) return false;
    // A pooling window only picks or averages: nothing is learned, and the MAC
    // count (multiply-adds of weights) is 0 by the definition analysis.h uses.

    // Learners often give the window Kh·Kw·C weights, as if it were a convolution.
    Formula counted;
    counted.num(spec.kernel.h, Role::PoolSize).op("×").num(spec.kernel.w, Role::PoolSize).op("×")
        .num(input.c(), Role::Channels).equals(checked_mul(checked_mul(spec.kernel.h, spec.kernel.w), input.c()));
    add_mistake(out, 0, MistakeKind::CountedPoolingParams, counted);
    add_window_mistakes(spec, input, false, Role::PoolSize, out);
    return true;
}

}  // namespace convlab
