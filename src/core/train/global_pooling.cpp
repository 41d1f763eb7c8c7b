// train/global_pooling.cpp: GlobalAveragePooling2D and GlobalMaxPooling2D,
// which reduce each channel's H×W map to one number: (N,H,W,C) -> (N,C).
// Backward of the max goes to the first cell holding it.
// Reference: keras.io/api/layers/pooling_layers/global_average_pooling2d (and _max_).
#include <algorithm>
#include <limits>

#include "core/train/layer_passes.h"

namespace convlab {

// y[n,c] = (1 / (H·W)) · Σ_{i,j} x[n,i,j,c]
void global_average_pooling2d_forward(int64_t n, int64_t h, int64_t w, int64_t c, const float* x, float* y) {
    const float inv = 1.0f / static_cast<float>(h * w);
    for (int64_t b = 0; b < n; ++b) {
        float* yb = y + b * c;
        std::fill(yb, yb + c, 0.0f);
        for (int64_t p = 0; p < h * w; ++p) {
            const float* xp = x + (b * h * w + p) * c;
            for (int64_t k = 0; k < c; ++k) yb[k] += xp[k];
        }
        for (int64_t k = 0; k < c; ++k) yb[k] *= inv;
    }
}

// dx[n,i,j,c] = dy[n,c] / (H·W)
void global_average_pooling2d_backward(int64_t n, int64_t h, int64_t w, int64_t c, const float* dy, float* dx) {
    const float inv = 1.0f / static_cast<float>(h * w);
    for (int64_t b = 0; b < n; ++b)
        for (int64_t p = 0; p < h * w; ++p)
            for (int64_t k = 0; k < c; ++k) dx[(b * h * w + p) * c + k] = dy[b * c + k] * inv;
}

// y[n,c] = max_{i,j} x[n,i,j,c]
void global_max_pooling2d_forward(int64_t n, int64_t h, int64_t w, int64_t c, const float* x, float* y) {
    for (int64_t b = 0; b < n; ++b) {
        float* yb = y + b * c;
        std::fill(yb, yb + c, -std::numeric_limits<float>::infinity());
        for (int64_t p = 0; p < h * w; ++p) {
            const float* xp = x + (b * h * w + p) * c;
            for (int64_t k = 0; k < c; ++k) yb[k] = std::max(yb[k], xp[k]);
        }
    }
}

// dx = dy at the first cell equal to the max, 0 elsewhere
void global_max_pooling2d_backward(int64_t n, int64_t h, int64_t w, int64_t c, const float* x, const float* y,
                                   const float* dy, float* dx) {
    std::fill(dx, dx + n * h * w * c, 0.0f);
    for (int64_t b = 0; b < n; ++b)
        for (int64_t k = 0; k < c; ++k)
            for (int64_t p = 0; p < h * w; ++p) {
                const int64_t at = (b * h * w + p) * c + k;
                if (x[at] == y[b * c + k]) {
                    dx[at] = dy[b * c + k];
                    break;
                }
            }
}

}  // namespace convlab
