// train/average_pooling2d.cpp: AveragePooling2D forward and backward. Under
// 'same' the average is over the window's cells inside the input only (padding
// cells are not counted), as tf.nn.avg_pool does. Geometry: pool2d_geometry in
// max_pooling2d.cpp. Reference: keras.io/api/layers/pooling_layers/average_pooling2d.
#include <algorithm>

#include "core/train/layer_passes.h"

namespace convlab {
namespace {

// The rows (or columns) of a window that fall inside the input: [*lo, *hi).
void window_span(int64_t out_index, int64_t stride, int64_t pad, int64_t k, int64_t size, int64_t* lo, int64_t* hi) {
    const int64_t start = out_index * stride - pad;
    *lo = std::max<int64_t>(start, 0);
    *hi = std::min<int64_t>(start + k, size);
}

}  // namespace

// y[n,i,j,c] = (1 / cells) · Σ x[n, r, s, c] over the window's cells inside the input
void average_pooling2d_forward(const Pool2DGeometry& g, const float* x, float* y) {
    for (int64_t n = 0; n < g.n; ++n)
        for (int64_t i = 0; i < g.ho; ++i)
            for (int64_t j = 0; j < g.wo; ++j) {
                int64_t r0, r1, s0, s1;
                window_span(i, g.sh, g.pad_top, g.kh, g.h, &r0, &r1);
                window_span(j, g.sw, g.pad_left, g.kw, g.w, &s0, &s1);
                float* yp = y + ((n * g.ho + i) * g.wo + j) * g.c;
                std::fill(yp, yp + g.c, 0.0f);
                for (int64_t r = r0; r < r1; ++r)
                    for (int64_t s = s0; s < s1; ++s) {
                        const float* xp = x + ((n * g.h + r) * g.w + s) * g.c;
                        for (int64_t c = 0; c < g.c; ++c) yp[c] += xp[c];
                    }
                const float inv = 1.0f / static_cast<float>((r1 - r0) * (s1 - s0));
                for (int64_t c = 0; c < g.c; ++c) yp[c] *= inv;
            }
}

// dx[n,r,s,c] += dy[n,i,j,c] / cells for every window (i,j) that covers (r,s)
void average_pooling2d_backward(const Pool2DGeometry& g, const float* dy, float* dx) {
    std::fill(dx, dx + g.n * g.h * g.w * g.c, 0.0f);
    for (int64_t n = 0; n < g.n; ++n)
        for (int64_t i = 0; i < g.ho; ++i)
            for (int64_t j = 0; j < g.wo; ++j) {
                int64_t r0, r1, s0, s1;
                window_span(i, g.sh, g.pad_top, g.kh, g.h, &r0, &r1);
                window_span(j, g.sw, g.pad_left, g.kw, g.w, &s0, &s1);
                const float inv = 1.0f / static_cast<float>((r1 - r0) * (s1 - s0));
                const float* dyp = dy + ((n * g.ho + i) * g.wo + j) * g.c;
                for (int64_t r = r0; r < r1; ++r)
                    for (int64_t s = s0; s < s1; ++s) {
                        float* dxp = dx + ((n * g.h + r) * g.w + s) * g.c;
                        for (int64_t c = 0; c < g.c; ++c) dxp[c] += dyp[c] * inv;
                    }
            }
}

}  // namespace convlab
