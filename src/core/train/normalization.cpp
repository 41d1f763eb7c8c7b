// train/normalization.cpp: Normalization, y = (x − mean) / max(√variance, ε)
// with Keras's ε = 1e-7, a fixed affine map of each value: the statistics are
// measured by adapt() before training and never trained, so the gradient
// flows through, scaled: dx = dy / max(√variance, ε).
// Reference: keras/src/layers/preprocessing/normalization.py (call).
#include <algorithm>
#include <cmath>

#include "core/train/layer_passes.h"

namespace convlab {
namespace {

float denominator(float variance) { return std::max(std::sqrt(std::max(variance, 0.0f)), 1e-7f); }

}  // namespace

void normalization_forward(int64_t values, int64_t per, const float* mean, const float* variance, const float* x, float* y) {
    for (int64_t i = 0; i < values; ++i) {
        const int64_t k = i % per;
        y[i] = (x[i] - mean[k]) / denominator(variance[k]);
    }
}

void normalization_backward(int64_t values, int64_t per, const float* x, const float* mean, const float* variance,
                            const float* dy, float* dx, float* dmean, float* dvariance) {
    if (dx)
        for (int64_t i = 0; i < values; ++i) dx[i] = dy[i] / denominator(variance[i % per]);
    // The statistics' own gradients, which no optimizer applies (they are not
    // trainable) but which say the forward pass is the function it claims:
    // ∂y/∂mean = −1/σ, ∂y/∂var = −(x − mean)/(2σ³) while σ = √var > ε.
    std::fill(dmean, dmean + per, 0.0f);
    std::fill(dvariance, dvariance + per, 0.0f);
    for (int64_t i = 0; i < values; ++i) {
        const int64_t k = i % per;
        const float sigma = denominator(variance[k]);
        dmean[k] -= dy[i] / sigma;
        if (sigma > 1e-7f) dvariance[k] -= dy[i] * (x[i] - mean[k]) / (2.0f * sigma * sigma * sigma);
    }
}

}  // namespace convlab
