// train/max_pooling2d.cpp: MaxPooling2D forward and backward, and the window
// geometry both poolings share (pool_size, strides, 'same' padding from
// summarize()). Padding cells never win: the max is over the cells inside the
// input, as in tf.nn.max_pool. Backward sends each gradient to the first cell
// (in row-major order) holding the max. Reference: keras.io/api/layers/pooling_layers/max_pooling2d.
#include <algorithm>
#include <limits>

#include <vector>

#include "core/kernels/elementwise.h"
#include "core/parallel/thread_pool.h"
#include "core/train/layer_passes.h"

namespace convlab {

// A pooling window sits where a convolution's kernel would (pool_size is the
// kernel, no dilation), one channel at a time: conv2d_geometry reads it.
Pool2DGeometry pool2d_geometry(const LayerSpec& spec, const LayerSummary& layer, int64_t n) {
    const Conv2DGeometry window = conv2d_geometry(spec, layer, n);
    Pool2DGeometry g;
    g.n = window.n;
    g.h = window.h; g.w = window.w; g.c = window.cin;
    g.kh = window.kh; g.kw = window.kw;
    g.ho = window.ho; g.wo = window.wo;
    g.sh = window.sh; g.sw = window.sw;
    g.pad_top = window.pad_top;
    g.pad_left = window.pad_left;
    return g;
}

// y[n,i,j,c] = max over p,q of x[n, i·Sh + p − pad_top, j·Sw + q − pad_left, c] (inside the input)
// Threads take whole images, here and backward: no window crosses two.
void max_pooling2d_forward(const Pool2DGeometry& g, const float* x, float* y) {
    parallel_for(g.n, double(g.n * g.ho * g.wo * g.c) * double(g.kh * g.kw), [&](int64_t n) {
        for (int64_t i = 0; i < g.ho; ++i)
            for (int64_t j = 0; j < g.wo; ++j) {
                float* yp = y + ((n * g.ho + i) * g.wo + j) * g.c;
                std::fill(yp, yp + g.c, -std::numeric_limits<float>::infinity());
                for (int64_t p = 0; p < g.kh; ++p) {
                    const int64_t r = i * g.sh + p - g.pad_top;
                    if (r < 0 || r >= g.h) continue;
                    for (int64_t q = 0; q < g.kw; ++q) {
                        const int64_t s = j * g.sw + q - g.pad_left;
                        if (s < 0 || s >= g.w) continue;
                        max_into(yp, x + ((n * g.h + r) * g.w + s) * g.c, g.c);
                    }
                }
            }
    });
}

// dx[first argmax of the window] += dy; every other cell gets nothing. The
// window's cells are visited in row-major order, all channels of a cell at
// once (max_route, four at a time); `routed` marks the channels already sent.
void max_pooling2d_backward(const Pool2DGeometry& g, const float* x, const float* y, const float* dy, float* dx) {
    parallel_for(g.n, double(g.n * g.ho * g.wo * g.c) * double(g.kh * g.kw), [&](int64_t n) {
        std::fill(dx + n * g.h * g.w * g.c, dx + (n + 1) * g.h * g.w * g.c, 0.0f);
        std::vector<float> routed(size_t(g.c));
        for (int64_t i = 0; i < g.ho; ++i)
            for (int64_t j = 0; j < g.wo; ++j) {
                const int64_t out = ((n * g.ho + i) * g.wo + j) * g.c;
                std::fill(routed.begin(), routed.end(), 0.0f);
                for (int64_t p = 0; p < g.kh; ++p) {
                    const int64_t r = i * g.sh + p - g.pad_top;
                    if (r < 0 || r >= g.h) continue;
                    for (int64_t q = 0; q < g.kw; ++q) {
                        const int64_t s = j * g.sw + q - g.pad_left;
                        if (s < 0 || s >= g.w) continue;
                        const int64_t at = ((n * g.h + r) * g.w + s) * g.c;
                        max_route(x + at, y + out, dy + out, dx + at, routed.data(), g.c);
                    }
                }
            }
    });
}

}  // namespace convlab
