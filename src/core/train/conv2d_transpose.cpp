// train/conv2d_transpose.cpp: Conv2DTranspose in training. A transposed
// convolution is exactly the backward pass of a Conv2D that runs the other
// way, from the layer's output (Ho, Wo, Cout) back to its input (H, W, Cin),
// with the same strides, dilation and kernel, Keras's (Kh, Kw, Cout, Cin)
// being that Conv2D's (Kh, Kw, Cin', Cout') layout. So the three passes are
// the convolution kernels with their roles swapped:
//   forward            y  = backward_input(mirror, dy := x)  + b
//   backward (input)   dx = forward(mirror, x := dy)          (no bias)
//   backward (kernel)  dw = backward_weights(mirror, x := dy, dy := x),  db = Σ dy
// which is how TensorFlow itself defines conv2d_transpose (the gradient of conv2d).
// Reference: keras.io/api/layers/convolution_layers/convolution2d_transpose.
#include <algorithm>

#include "core/train/layer_passes.h"

namespace convlab {

// The mirror Conv2D: its input is this layer's output, its output this layer's
// input; its top padding is where this layer's output starts inside the full
// result (analysis/conv2d_transpose.cpp keeps it in pad_before).
Conv2DGeometry conv2d_transpose_geometry(const LayerSpec& spec, const LayerSummary& layer, int64_t n) {
    Conv2DGeometry g;
    g.n = n;
    g.h = layer.analysis.output.h(); g.w = layer.analysis.output.w(); g.cin = layer.analysis.output.c();
    g.kh = spec.kernel.h; g.kw = spec.kernel.w;
    g.ho = layer.input.h(); g.wo = layer.input.w(); g.cout = layer.input.c();
    g.sh = spec.strides.h; g.sw = spec.strides.w;
    g.dh = spec.dilation.h; g.dw = spec.dilation.w;
    g.pad_top = layer.analysis.height.pad_before;
    g.pad_left = layer.analysis.width.pad_before;
    return g;
}

void conv2d_transpose_forward(const Conv2DGeometry& mirror, const float* x, const float* w, const float* b, float* y,
                              float* scratch) {
    conv2d_backward_input(mirror, x, w, y, scratch);
    if (!b) return;
    const int64_t pixels = mirror.n * mirror.h * mirror.w;
    for (int64_t p = 0; p < pixels; ++p)
        for (int64_t o = 0; o < mirror.cin; ++o) y[p * mirror.cin + o] += b[o];
}

void conv2d_transpose_backward(const Conv2DGeometry& mirror, const float* x, const float* w, const float* dy, float* dx,
                               float* dw, float* db, float* scratch) {
    conv2d_backward_weights(mirror, dy, x, dw, nullptr, scratch);
    if (db) {
        std::fill(db, db + mirror.cin, 0.0f);
        const int64_t pixels = mirror.n * mirror.h * mirror.w;
        for (int64_t p = 0; p < pixels; ++p)
            for (int64_t o = 0; o < mirror.cin; ++o) db[o] += dy[p * mirror.cin + o];
    }
    if (dx) conv2d_forward(mirror, dy, w, nullptr, dx, scratch);
}

}  // namespace convlab
