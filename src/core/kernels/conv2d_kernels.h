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

// ---- The fast kernels: same contracts, same shapes, plus a workspace.
// They run as a matrix multiply (gemm.h) over the im2col view of x:
//   col is (N·Ho·Wo, Kh·Kw·Cin), one row per output pixel, holding the window it sees;
//   forward            y  = col · w                  (w viewed as (Kh·Kw·Cin, Cout)) + b
//   backward_input     dx = col2im(dy · wᵀ)          (col2im adds each row back where it came from)
//   backward_weights   dw = colᵀ · dy,  db = Σ dy
// col is never built whole: a block of rows at a time goes through each
// thread's thread_scratch (parallel/thread_pool.h). The kernels run on
// thread_count() threads, split along their outputs only, so the results are
// the same for any thread count. scratch holds conv2d_scratch_floats(g) floats
// the threads share (the packed weights), one buffer serving all three
// kernels: allocate it once per model and batch size, not per step.
int64_t conv2d_scratch_floats(const Conv2DGeometry& g);
void conv2d_forward(const Conv2DGeometry& g, const float* x, const float* w, const float* b, float* y, float* scratch);
void conv2d_backward_input(const Conv2DGeometry& g, const float* dy, const float* w, float* dx, float* scratch);
void conv2d_backward_weights(const Conv2DGeometry& g, const float* x, const float* dy, float* dw, float* db,
                             float* scratch);

// ---- The direct path (conv2d_direct.cpp), which the two calls above take when Cin < 4.
// A window of one or two channels makes im2col copy a float at a time and the
// product's K (Kh·Kw·Cin, 9 for the first layer) too short for gemm, so these
// read each window straight from x through a table of tap offsets:
//   forward            y[m, o]  = b[o] + Σ_t x[window(m) + offset(t)] · w[t, o]   (4 pixels × 8 channels per tile)
//   backward_weights   dw[t, o] = Σ_m x[window(m) + offset(t)] · dy[m, o]        (≤ 4 taps × 8 channels per tile)
// Correct for any Cin while Kh·Kw·Cin ≤ conv2d_direct_max_window (conv2d_direct_fits);
// scratch holds conv2d_direct_scratch_floats(g) floats, which conv2d_scratch_floats includes.
// The input gradient keeps the im2col path: the first layer, where Cin is small, needs none.
constexpr int64_t conv2d_direct_max_window = 512;
bool conv2d_direct_fits(const Conv2DGeometry& g);
int64_t conv2d_direct_scratch_floats(const Conv2DGeometry& g);
void conv2d_forward_direct(const Conv2DGeometry& g, const float* x, const float* w, const float* b, float* y,
                           float* scratch);
void conv2d_backward_weights_direct(const Conv2DGeometry& g, const float* x, const float* dy, float* dw, float* db,
                                    float* scratch);

}  // namespace convlab
