// train/average_pooling2d.cpp: AveragePooling2D forward and backward. Under
// 'same' the average is over the window's cells inside the input only (padding
// cells are not counted), as tf.nn.avg_pool does. Geometry: pool2d_geometry in
// max_pooling2d.cpp. Reference: keras.io/api/layers/pooling_layers/average_pooling2d.
#include <algorithm>

#include "core/train/layer_passes.h"

namespace convlab {
namespace {

// The cells of output (i, j)'s window that fall inside the input: rows [r0, r1),
// columns [s0, s1). Padding cells are not among them, so they are not averaged.
struct WindowCells {
    int64_t r0, r1, s0, s1;
    float inverse_count() const { return 1.0f / static_cast<float>((r1 - r0) * (s1 - s0)); }
};

WindowCells window_cells(const Pool2DGeometry& g, int64_t i, int64_t j) {
    const int64_t row = i * g.sh - g.pad_top, col = j * g.sw - g.pad_left;
    return {std::max<int64_t>(row, 0), std::min<int64_t>(row + g.kh, g.h), std::max<int64_t>(col, 0),
            std::min<int64_t>(col + g.kw, g.w)};
}

}  // namespace

// y[n,i,j,c] = (1 / cells) · Σ x[n, r, s, c] over the window's cells inside the input
void average_pooling2d_forward(const Pool2DGeometry& g, const float* x, float* y) {
    for (int64_t n = 0; n < g.n; ++n)
        for (int64_t i = 0; i < g.ho; ++i)
            for (int64_t j = 0; j < g.wo; ++j) {
                const WindowCells cells = window_cells(g, i, j);
                float* yp = y + ((n * g.ho + i) * g.wo + j) * g.c;
                std::fill(yp, yp + g.c, 0.0f);
                for (int64_t r = cells.r0; r < cells.r1; ++r)
                    for (int64_t s = cells.s0; s < cells.s1; ++s) {
                        const float* xp = x + ((n * g.h + r) * g.w + s) * g.c;
                        for (int64_t c = 0; c < g.c; ++c) yp[c] += xp[c];
                    }
                const float inv = cells.inverse_count();
                for (int64_t c = 0; c < g.c; ++c) yp[c] *= inv;
            }
}

// dx[n,r,s,c] += dy[n,i,j,c] / cells for every window (i,j) that covers (r,s)
void average_pooling2d_backward(const Pool2DGeometry& g, const float* dy, float* dx) {
    std::fill(dx, dx + g.n * g.h * g.w * g.c, 0.0f);
    for (int64_t n = 0; n < g.n; ++n)
        for (int64_t i = 0; i < g.ho; ++i)
            for (int64_t j = 0; j < g.wo; ++j) {
                const WindowCells cells = window_cells(g, i, j);
                const float inv = cells.inverse_count();
                const float* dyp = dy + ((n * g.ho + i) * g.wo + j) * g.c;
                for (int64_t r = cells.r0; r < cells.r1; ++r)
                    for (int64_t s = cells.s0; s < cells.s1; ++s) {
                        float* dxp = dx + ((n * g.h + r) * g.w + s) * g.c;
                        for (int64_t c = 0; c < g.c; ++c) dxp[c] += dyp[c] * inv;
                    }
            }
}

}  // namespace convlab
