// train/zero_padding2d.cpp: ZeroPadding2D adds rows and columns of zeros around
// each image; backward crops the gradient back. No parameters.
// Reference: keras.io/api/layers/reshaping_layers/zero_padding2d.
#include <algorithm>

#include "core/train/layer_passes.h"

namespace convlab {

ZeroPaddingGeometry zero_padding2d_geometry(const LayerSpec& spec, const LayerSummary& layer, int64_t n) {
    return {n, layer.input.h(), layer.input.w(), layer.input.c(),
            spec.pad_top, spec.pad_bottom, spec.pad_left, spec.pad_right};
}

// y[n, i + top, j + left, c] = x[n,i,j,c]; every other cell of y is 0
void zero_padding2d_forward(const ZeroPaddingGeometry& g, const float* x, float* y) {
    const int64_t ho = g.h + g.top + g.bottom, wo = g.w + g.left + g.right;
    std::fill(y, y + g.n * ho * wo * g.c, 0.0f);
    for (int64_t n = 0; n < g.n; ++n)
        for (int64_t i = 0; i < g.h; ++i) {
            const float* xr = x + ((n * g.h + i) * g.w) * g.c;
            float* yr = y + ((n * ho + i + g.top) * wo + g.left) * g.c;
            std::copy(xr, xr + g.w * g.c, yr);
        }
}

// dx[n,i,j,c] = dy[n, i + top, j + left, c]
void zero_padding2d_backward(const ZeroPaddingGeometry& g, const float* dy, float* dx) {
    const int64_t ho = g.h + g.top + g.bottom, wo = g.w + g.left + g.right;
    for (int64_t n = 0; n < g.n; ++n)
        for (int64_t i = 0; i < g.h; ++i) {
            const float* dyr = dy + ((n * ho + i + g.top) * wo + g.left) * g.c;
            std::copy(dyr, dyr + g.w * g.c, dx + ((n * g.h + i) * g.w) * g.c);
        }
}

}  // namespace convlab
