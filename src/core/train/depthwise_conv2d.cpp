// train/depthwise_conv2d.cpp: DepthwiseConv2D forward and backward. Each input
// channel is convolved with its own depth_multiplier filters, never mixed with
// the other channels; output channel c·dm + m comes from input channel c and
// filter m (tf.nn.depthwise_conv2d's order). Plain loops: no fast kernel yet.
// Reference: keras.io/api/layers/convolution_layers/depthwise_convolution2d.
#include <algorithm>

#include "core/train/layer_passes.h"

namespace convlab {

Conv2DGeometry depthwise_conv2d_geometry(const LayerSpec& spec, const LayerSummary& layer, int64_t n) {
    return conv2d_geometry(spec, layer, n);  // cout = Cin·dm, read from the summary
}

// y[n,i,j,c·dm+m] = b[c·dm+m] + Σ_{p,q} x[n, i·Sh + p·Dh − pad_top, j·Sw + q·Dw − pad_left, c] · w[p,q,c,m]
void depthwise_conv2d_forward(const Conv2DGeometry& g, const float* x, const float* w, const float* b, float* y) {
    const int64_t dm = g.cout / g.cin;
    for (int64_t n = 0; n < g.n; ++n)
        for (int64_t i = 0; i < g.ho; ++i)
            for (int64_t j = 0; j < g.wo; ++j) {
                float* yp = y + ((n * g.ho + i) * g.wo + j) * g.cout;
                for (int64_t k = 0; k < g.cout; ++k) yp[k] = b ? b[k] : 0.0f;
                for (int64_t p = 0; p < g.kh; ++p) {
                    const int64_t r = i * g.sh + p * g.dh - g.pad_top;
                    if (r < 0 || r >= g.h) continue;
                    for (int64_t q = 0; q < g.kw; ++q) {
                        const int64_t s = j * g.sw + q * g.dw - g.pad_left;
                        if (s < 0 || s >= g.w) continue;
                        const float* xp = x + ((n * g.h + r) * g.w + s) * g.cin;
                        const float* wp = w + (p * g.kw + q) * g.cout;  // (Cin, dm) at this tap
                        for (int64_t c = 0; c < g.cin; ++c)
                            for (int64_t m = 0; m < dm; ++m) yp[c * dm + m] += xp[c] * wp[c * dm + m];
                    }
                }
            }
}

// dx[.., c] = Σ over the outputs it reached of dy · w;  dw[p,q,c,m] = Σ x · dy;  db = Σ dy
void depthwise_conv2d_backward(const Conv2DGeometry& g, const float* x, const float* w, const float* dy, float* dx,
                               float* dw, float* db) {
    const int64_t dm = g.cout / g.cin;
    std::fill(dw, dw + g.kh * g.kw * g.cout, 0.0f);
    if (db) std::fill(db, db + g.cout, 0.0f);
    if (dx) std::fill(dx, dx + g.n * g.h * g.w * g.cin, 0.0f);
    for (int64_t n = 0; n < g.n; ++n)
        for (int64_t i = 0; i < g.ho; ++i)
            for (int64_t j = 0; j < g.wo; ++j) {
                const float* dyp = dy + ((n * g.ho + i) * g.wo + j) * g.cout;
                if (db)
                    for (int64_t k = 0; k < g.cout; ++k) db[k] += dyp[k];
                for (int64_t p = 0; p < g.kh; ++p) {
                    const int64_t r = i * g.sh + p * g.dh - g.pad_top;
                    if (r < 0 || r >= g.h) continue;
                    for (int64_t q = 0; q < g.kw; ++q) {
                        const int64_t s = j * g.sw + q * g.dw - g.pad_left;
                        if (s < 0 || s >= g.w) continue;
                        const int64_t at = ((n * g.h + r) * g.w + s) * g.cin;
                        const float* wp = w + (p * g.kw + q) * g.cout;
                        float* dwp = dw + (p * g.kw + q) * g.cout;
                        for (int64_t c = 0; c < g.cin; ++c)
                            for (int64_t m = 0; m < dm; ++m) {
                                dwp[c * dm + m] += x[at + c] * dyp[c * dm + m];
                                if (dx) dx[at + c] += wp[c * dm + m] * dyp[c * dm + m];
                            }
                    }
                }
            }
}

}  // namespace convlab
