// conv2d_ref.cpp: the reference convolution kernels, the definition written as
// loops: one line of arithmetic per kernel, no blocking, no SIMD. They are what
// the fast kernels (conv2d_fast.cpp) are tested against, and slow on purpose.
// Reference: Keras Conv2D (channels_last), tf.nn.conv2d and its gradients.
#include <algorithm>

#include "core/kernels/conv2d_kernels.h"

namespace convlab {

namespace {

// Index of element (n, i, j, c) in an (N, H, W, C) array.
inline int64_t nhwc(int64_t n, int64_t i, int64_t j, int64_t c, int64_t h, int64_t w, int64_t channels) {
    return ((n * h + i) * w + j) * channels + c;
}

}  // namespace

// x is (N,H,W,Cin), w is (Kh,Kw,Cin,Cout), b is (Cout) or null, y is (N,Ho,Wo,Cout).
void conv2d_forward_ref(const Conv2DGeometry& g, const float* x, const float* w, const float* b, float* y) {
    for (int64_t n = 0; n < g.n; ++n)
        for (int64_t i = 0; i < g.ho; ++i)
            for (int64_t j = 0; j < g.wo; ++j)
                for (int64_t o = 0; o < g.cout; ++o) {
                    // y[n,i,j,o] = b[o] + Σ_{p,q,c} x[n, i·Sh + p·Dh − pad_top, j·Sw + q·Dw − pad_left, c] · w[p,q,c,o]
                    float sum = b ? b[o] : 0.0f;
                    for (int64_t p = 0; p < g.kh; ++p)
                        for (int64_t q = 0; q < g.kw; ++q) {
                            const int64_t ih = i * g.sh + p * g.dh - g.pad_top;
                            const int64_t iw = j * g.sw + q * g.dw - g.pad_left;
                            if (ih < 0 || ih >= g.h || iw < 0 || iw >= g.w) continue;  // padding: zero
                            for (int64_t c = 0; c < g.cin; ++c)
                                sum += x[nhwc(n, ih, iw, c, g.h, g.w, g.cin)] * w[((p * g.kw + q) * g.cin + c) * g.cout + o];
                        }
                    y[nhwc(n, i, j, o, g.ho, g.wo, g.cout)] = sum;
                }
}

// dy is (N,Ho,Wo,Cout), w is (Kh,Kw,Cin,Cout), dx is (N,H,W,Cin).
void conv2d_backward_input_ref(const Conv2DGeometry& g, const float* dy, const float* w, float* dx) {
    std::fill(dx, dx + g.n * g.h * g.w * g.cin, 0.0f);
    for (int64_t n = 0; n < g.n; ++n)
        for (int64_t i = 0; i < g.ho; ++i)
            for (int64_t j = 0; j < g.wo; ++j)
                for (int64_t p = 0; p < g.kh; ++p)
                    for (int64_t q = 0; q < g.kw; ++q) {
                        const int64_t ih = i * g.sh + p * g.dh - g.pad_top;
                        const int64_t iw = j * g.sw + q * g.dw - g.pad_left;
                        if (ih < 0 || ih >= g.h || iw < 0 || iw >= g.w) continue;  // a padding input has no gradient
                        // dx[n, ih, iw, c] += Σ_o dy[n,i,j,o] · w[p,q,c,o]   (every output that read x[n,ih,iw,c])
                        for (int64_t c = 0; c < g.cin; ++c)
                            for (int64_t o = 0; o < g.cout; ++o)
                                dx[nhwc(n, ih, iw, c, g.h, g.w, g.cin)] +=
                                    dy[nhwc(n, i, j, o, g.ho, g.wo, g.cout)] * w[((p * g.kw + q) * g.cin + c) * g.cout + o];
                    }
}

// x is (N,H,W,Cin), dy is (N,Ho,Wo,Cout), dw is (Kh,Kw,Cin,Cout), db is (Cout) or null.
void conv2d_backward_weights_ref(const Conv2DGeometry& g, const float* x, const float* dy, float* dw, float* db) {
    std::fill(dw, dw + g.kh * g.kw * g.cin * g.cout, 0.0f);
    if (db) std::fill(db, db + g.cout, 0.0f);
    for (int64_t n = 0; n < g.n; ++n)
        for (int64_t i = 0; i < g.ho; ++i)
            for (int64_t j = 0; j < g.wo; ++j) {
                // db[o] += dy[n,i,j,o]
                if (db)
                    for (int64_t o = 0; o < g.cout; ++o) db[o] += dy[nhwc(n, i, j, o, g.ho, g.wo, g.cout)];
                for (int64_t p = 0; p < g.kh; ++p)
                    for (int64_t q = 0; q < g.kw; ++q) {
                        const int64_t ih = i * g.sh + p * g.dh - g.pad_top;
                        const int64_t iw = j * g.sw + q * g.dw - g.pad_left;
                        if (ih < 0 || ih >= g.h || iw < 0 || iw >= g.w) continue;
                        // dw[p,q,c,o] += x[n, ih, iw, c] · dy[n,i,j,o]
                        for (int64_t c = 0; c < g.cin; ++c)
                            for (int64_t o = 0; o < g.cout; ++o)
                                dw[((p * g.kw + q) * g.cin + c) * g.cout + o] +=
                                    x[nhwc(n, ih, iw, c, g.h, g.w, g.cin)] * dy[nhwc(n, i, j, o, g.ho, g.wo, g.cout)];
                    }
            }
}

}  // namespace convlab
