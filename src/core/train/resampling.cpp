// train/resampling.cpp: UpSampling2D ("nearest": every value repeated over a
// size.h × size.w block, so its gradient is the sum of dy over that block),
// Cropping2D (a window of the input, so dx is dy placed back with zeros
// around it) and SpatialDropout2D (Dropout's mask drawn per example and
// channel, so a whole feature map is kept or dropped).
// Reference: keras.io/api/layers/reshaping_layers; tf.nn.dropout with noise_shape (N, 1, 1, C).
#include <algorithm>
#include <vector>

#include "core/train/layer_passes.h"

namespace convlab {

// x is (N,H,W,C), y is (N,H·sh,W·sw,C)
void upsampling2d_forward(int64_t n, int64_t h, int64_t w, int64_t c, Pair size, const float* x, float* y) {
    const int64_t ho = h * size.h, wo = w * size.w;
    for (int64_t b = 0; b < n; ++b)
        for (int64_t i = 0; i < ho; ++i)
            for (int64_t j = 0; j < wo; ++j) {
                const float* from = x + ((b * h + i / size.h) * w + j / size.w) * c;
                std::copy(from, from + c, y + ((b * ho + i) * wo + j) * c);
            }
}

void upsampling2d_backward(int64_t n, int64_t h, int64_t w, int64_t c, Pair size, const float* dy, float* dx) {
    const int64_t ho = h * size.h, wo = w * size.w;
    std::fill(dx, dx + n * h * w * c, 0.0f);
    for (int64_t b = 0; b < n; ++b)
        for (int64_t i = 0; i < ho; ++i)
            for (int64_t j = 0; j < wo; ++j) {
                float* to = dx + ((b * h + i / size.h) * w + j / size.w) * c;
                const float* from = dy + ((b * ho + i) * wo + j) * c;
                for (int64_t k = 0; k < c; ++k) to[k] += from[k];
            }
}

// x is (N,H,W,C), y is (N,H−top−bottom,W−left−right,C)
void cropping2d_forward(int64_t n, int64_t h, int64_t w, int64_t c, const LayerSpec& s, const float* x, float* y) {
    const int64_t ho = h - s.pad_top - s.pad_bottom, wo = w - s.pad_left - s.pad_right;
    for (int64_t b = 0; b < n; ++b)
        for (int64_t i = 0; i < ho; ++i) {
            const float* from = x + ((b * h + i + s.pad_top) * w + s.pad_left) * c;
            std::copy(from, from + wo * c, y + (b * ho + i) * wo * c);
        }
}

void cropping2d_backward(int64_t n, int64_t h, int64_t w, int64_t c, const LayerSpec& s, const float* dy, float* dx) {
    const int64_t ho = h - s.pad_top - s.pad_bottom, wo = w - s.pad_left - s.pad_right;
    std::fill(dx, dx + n * h * w * c, 0.0f);
    for (int64_t b = 0; b < n; ++b)
        for (int64_t i = 0; i < ho; ++i) {
            const float* from = dy + (b * ho + i) * wo * c;
            std::copy(from, from + wo * c, dx + ((b * h + i + s.pad_top) * w + s.pad_left) * c);
        }
}

// mask (N,H,W,C) holds each channel's keep factor at every position, so the
// backward pass is dropout_backward's dx = dy · mask.
void spatial_dropout2d_forward(double rate, bool training, Rng* rng, int64_t n, int64_t hw, int64_t c, const float* x,
                               float* mask, float* y) {
    if (!training || rate <= 0.0) {  // nothing dropped: Dropout's pass-through
        dropout_forward(rate, training, rng, x, mask, y, n * hw * c);
        return;
    }
    const float keep_scale = static_cast<float>(1.0 / (1.0 - rate));
    const float r = static_cast<float>(rate);
    std::vector<float> channel(static_cast<size_t>(c));
    for (int64_t b = 0; b < n; ++b) {
        for (float& m : channel) m = rng_uniform(rng) < r ? 0.0f : keep_scale;
        for (int64_t p = 0; p < hw; ++p)
            for (int64_t k = 0; k < c; ++k) {
                const int64_t i = (b * hw + p) * c + k;
                mask[i] = channel[size_t(k)];
                y[i] = x[i] * mask[i];
            }
    }
}

}  // namespace convlab
