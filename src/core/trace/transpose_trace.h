// trace/transpose_trace.h: Conv2DTranspose as the ordinary convolution the
// view can animate. Spread the input: put S − 1 zeros between neighbouring
// values (stride S), add (K − 1)·D − pad_top zero rows above it (and as many
// as the output needs below), and slide the kernel, flipped top to bottom and
// left to right and with Cin and Cout swapped, over it with stride 1. Every
// output value is then a Kh×Kw×Cin window sum, like Conv2D's. Not the
// training kernel (train/conv2d_transpose.cpp runs Conv2D's backward pass);
// the tests check that this gives the same numbers for strides 1 and 2,
// 'valid' and 'same', with and without output_padding.
// Reference: Dumoulin & Visin, "A guide to convolution arithmetic for deep
// learning" (2016), section 4; keras.io Conv2DTranspose.
#pragma once
#include <cstdint>
#include <vector>

#include "core/analysis/model_summary.h"
#include "core/model/layer_spec.h"
#include "core/train/layer_passes.h"

namespace convlab {

struct TransposeAsConv {
    // The Conv2D over the spread input: h, w the spread input's size (zeros
    // between values), pad_top / pad_left the zero border above and left of it,
    // stride 1, the layer's dilation, ho, wo, cout the layer's output.
    Conv2DGeometry g;
    int64_t pad_bottom = 0, pad_right = 0;  // the border below and right that the output reaches
    int64_t stride_h = 1, stride_w = 1;     // the layer's strides: input (i, j) sits at (i·Sh − skipped_rows, j·Sw − skipped_cols)
    int64_t zeros_between_h = 0, zeros_between_w = 0;  // S − 1: the zeros put between neighbouring values
    int64_t skipped_rows = 0, skipped_cols = 0;        // spread rows (columns) left out above (left): a crop past the border
    std::vector<float> x;                   // (h, w, Cin): the input's values one stride apart, zeros between
    std::vector<float> w;                   // (Kh, Kw, Cin, Cout): w[p, q, c, o] = kernel[Kh−1−p, Kw−1−q, o, c]
};

// x (H, W, Cin) is the layer's input; kernel (Kh, Kw, Cout, Cin) Keras's.
// `layer` is the layer's row from summarize(). The bias is added as Conv2D adds it.
TransposeAsConv conv2d_transpose_as_conv(const LayerSpec& spec, const LayerSummary& layer, const float* x,
                                         const float* kernel);

}  // namespace convlab
