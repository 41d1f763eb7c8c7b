// train/conv2d.cpp: Conv2D in training: the geometry taken from summarize()
// (so 'same' padding splits exactly as Keras does, the odd cell after) and the
// fast kernels of kernels/conv2d_kernels.h (im2col + gemm; the reference
// kernels beside them define the same numbers). Not the kernels, and not the
// activation (network.cpp applies activation= after this).
// Reference: keras.io/api/layers/convolution_layers/convolution2d.
#include "core/train/layer_passes.h"

namespace convlab {

Conv2DGeometry conv2d_geometry(const LayerSpec& spec, const LayerSummary& layer, int64_t n) {
    Conv2DGeometry g;
    g.n = n;
    g.h = layer.input.h(); g.w = layer.input.w(); g.cin = layer.input.c();
    g.kh = spec.kernel.h; g.kw = spec.kernel.w;
    g.ho = layer.analysis.output.h(); g.wo = layer.analysis.output.w(); g.cout = layer.analysis.output.c();
    g.sh = spec.strides.h; g.sw = spec.strides.w;
    g.dh = spec.dilation.h; g.dw = spec.dilation.w;
    g.pad_top = layer.analysis.height.pad_before;
    g.pad_left = layer.analysis.width.pad_before;
    return g;
}

// y[n,i,j,o] = b[o] + Σ_{p,q,c} x[n, i·Sh + p·Dh − pad_top, j·Sw + q·Dw − pad_left, c] · w[p,q,c,o]
void conv2d_forward_layer(const Conv2DGeometry& g, const float* x, const float* w, const float* b, float* y,
                          float* scratch) {
    conv2d_forward(g, x, w, b, y, scratch);
}

// dx = full correlation of dy with w; dw = Σ x·dy; db = Σ dy
void conv2d_backward_layer(const Conv2DGeometry& g, const float* x, const float* w, const float* dy, float* dx,
                           float* dw, float* db, float* scratch) {
    conv2d_backward_weights(g, x, dy, dw, db, scratch);
    if (dx) conv2d_backward_input(g, dy, w, dx, scratch);
}

}  // namespace convlab
