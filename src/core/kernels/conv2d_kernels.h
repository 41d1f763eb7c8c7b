// conv2d_kernels.h: the convolution kernels, a readable reference beside each
// fast one. Layout is NHWC for activations and Keras's HWIO for weights:
//   x  is (N, H, W, Cin)        dx likewise
//   w  is (Kh, Kw, Cin, Cout)   dw likewise (Keras's kernel layout)
//   b  is (Cout)                db likewise; null when use_bias=False
//   y  is (N, Ho, Wo, Cout)     dy likewise
// y[n,i,j,o] = b[o] + Σ_{p,q,c} x[n, i·Sh + p·Dh − pad_top, j·Sw + q·Dw − pad_left, c] · w[p,q,c,o]
// (terms whose input position falls in the padding are zero).
// Not the layer: shapes are validated by the model core before these run.
#pragma once
#include <cstdint>

namespace convlab {

struct Conv2DGeometry {
    int64_t n = 1, h = 0, w = 0, cin = 0;      // input
    int64_t kh = 1, kw = 1;                    // kernel
    int64_t ho = 0, wo = 0, cout = 0;          // output
    int64_t sh = 1, sw = 1;                    // strides
    int64_t dh = 1, dw = 1;                    // dilation
    int64_t pad_top = 0, pad_left = 0;         // 'same' padding before (after is implied)
};

void conv2d_forward_ref(const Conv2DGeometry& g, const float* x, const float* w, const float* b, float* y);
// dx = Σ over outputs of dy · w (the "full" correlation); dx is overwritten.
void conv2d_backward_input_ref(const Conv2DGeometry& g, const float* dy, const float* w, float* dx);
// dw = Σ over batch and positions of x · dy; db = Σ dy. Both overwritten.
void conv2d_backward_weights_ref(const Conv2DGeometry& g, const float* x, const float* dy, float* dw, float* db);

}  // namespace convlab
