// trace/pool_trace.h: a pooling layer as steps the UI can animate: for each
// output position of one channel, the window's cells, the one that wins the max
// (or the mean of those inside the input), and the value. Pooling has no
// weights, so there is no counter: Param # is 0. Not the kernel: the tests check
// every value against max_pooling2d_forward / average_pooling2d_forward.
// Reference: Keras MaxPooling2D / AveragePooling2D (channels_last).
#pragma once
#include <cstdint>
#include <vector>

#include "core/train/layer_passes.h"
#include "core/trace/conv_trace.h"

namespace convlab {

struct PoolTraceSource {
    LayerKind kind = LayerKind::MaxPooling2D;  // or AveragePooling2D
    Pool2DGeometry g;                          // n = 1
    const float* x = nullptr;                  // (H, W, C)
};

struct PoolTraceStep {
    int64_t out_i = 0, out_j = 0, channel = 0;
    std::vector<TraceTap> taps;    // Kh·Kw, row-major; padding taps never count
    std::vector<float> inputs;     // Kh·Kw (0 at padding taps)
    int64_t winner = -1;           // max: the first tap holding the max; mean: -1
    int64_t counted = 0;           // taps inside the input (the mean's divisor)
    float value = 0.0f;
};

// Ho·Wo steps: one per output position of a channel.
int64_t pool_trace_step_count(const PoolTraceSource& s);
void pool_trace_step(const PoolTraceSource& s, int64_t channel, int64_t k, PoolTraceStep* out);

// UpSampling2D(interpolation="nearest") as the same steps: no window to
// reduce, output (i, j, c) copies input (⌊i / Sh⌋, ⌊j / Sw⌋, c), (Sh, Sw) the
// layer's size, so each input cell fills an Sh×Sw block. One tap per step
// (winner 0, counted 1), its value the output's. The tests check every value
// against upsampling2d_forward. Reference: Keras UpSampling2D.
struct UpsampleTraceSource {
    int64_t h = 1, w = 1, c = 1;  // the input
    Pair size{2, 2};
    const float* x = nullptr;     // (H, W, C)
};
// (H·Sh)·(W·Sw) steps: one per output position of a channel.
int64_t upsample_trace_step_count(const UpsampleTraceSource& s);
void upsample_trace_step(const UpsampleTraceSource& s, int64_t channel, int64_t k, PoolTraceStep* out);

}  // namespace convlab
