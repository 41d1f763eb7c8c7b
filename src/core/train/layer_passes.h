// train/layer_passes.h: the forward and backward pass of every layer kind, one file
// each in this folder, as <layer>_forward / <layer>_backward pairs over flat
// NHWC float buffers, each stating its arguments' shapes. Backward overwrites
// its outputs; a null dx means the input's gradient is not needed (first layer).
// Not the shape arithmetic (model_summary.h), not the model (network.h).
// Reference: each file cites the Keras layer it follows.
#pragma once
#include <cstdint>

#include "core/kernels/conv2d_kernels.h"
#include "core/model/layer_spec.h"
#include "core/analysis/model_summary.h"
#include "core/train/rng.h"

namespace convlab {

// ---- Activations (activation.cpp): Keras's activation= argument and the
// Activation layer. rows·C values, softmax along the last axis C.
// x, y are (rows, C); y may be x.
void activation_forward(Activation a, const float* x, float* y, int64_t rows, int64_t channels);
// dz = dy · f'(x), written with the output y where it can be; swish and gelu
// need the input x too (activation_needs_input), null for the others. dz may be dy.
void activation_backward(Activation a, const float* x, const float* y, const float* dy, float* dz, int64_t rows,
                         int64_t channels);

// ---- Conv2D (conv2d.cpp), on the kernels of kernels/conv2d_kernels.h.
// scratch holds conv2d_scratch_floats(g) floats.
// The geometry of `layer` (shapes and 'same' padding from summarize()) for a batch of n.
Conv2DGeometry conv2d_geometry(const LayerSpec& spec, const LayerSummary& layer, int64_t n);
// x is (N,H,W,Cin), w is (Kh,Kw,Cin,Cout), b is (Cout) or null, y is (N,Ho,Wo,Cout)
void conv2d_forward_layer(const Conv2DGeometry& g, const float* x, const float* w, const float* b, float* y,
                          float* scratch);
// dy is (N,Ho,Wo,Cout); dx like x (or null), dw like w, db like b (or null)
void conv2d_backward_layer(const Conv2DGeometry& g, const float* x, const float* w, const float* dy, float* dx,
                           float* dw, float* db, float* scratch);

// ---- DepthwiseConv2D (depthwise_conv2d.cpp). Each input channel c has its own
// dm filters; output channel c·dm + m. In g, cout = Cin·dm.
// x is (N,H,W,Cin), w is (Kh,Kw,Cin,dm), b is (Cin·dm) or null, y is (N,Ho,Wo,Cin·dm)
void depthwise_conv2d_forward(const Conv2DGeometry& g, const float* x, const float* w, const float* b, float* y);
void depthwise_conv2d_backward(const Conv2DGeometry& g, const float* x, const float* w, const float* dy, float* dx,
                               float* dw, float* db);
Conv2DGeometry depthwise_conv2d_geometry(const LayerSpec& spec, const LayerSummary& layer, int64_t n);

// ---- SeparableConv2D (separable_conv2d.cpp): a depthwise conv without bias,
// then a 1×1 Conv2D with bias.
struct SeparableGeometry {
    Conv2DGeometry depthwise;  // (N,H,W,Cin) -> (N,Ho,Wo,Cin·dm)
    Conv2DGeometry pointwise;  // (N,Ho,Wo,Cin·dm) -> (N,Ho,Wo,Cout), 1×1
};
SeparableGeometry separable_conv2d_geometry(const LayerSpec& spec, const LayerSummary& layer, int64_t n);
// x is (N,H,W,Cin), wd is (Kh,Kw,Cin,dm), wp is (1,1,Cin·dm,Cout), b is (Cout) or null,
// mid is (N,Ho,Wo,Cin·dm) (kept for backward), y is (N,Ho,Wo,Cout);
// scratch holds conv2d_scratch_floats(g.pointwise) floats
void separable_conv2d_forward(const SeparableGeometry& g, const float* x, const float* wd, const float* wp,
                              const float* b, float* mid, float* y, float* scratch);
// dmid is scratch like mid; dx (or null), dwd, dwp, db (or null) like their forward twins
void separable_conv2d_backward(const SeparableGeometry& g, const float* x, const float* wd, const float* wp,
                               const float* mid, const float* dy, float* dmid, float* dx, float* dwd, float* dwp,
                               float* db, float* scratch);

// ---- MaxPooling2D / AveragePooling2D (max_pooling2d.cpp, average_pooling2d.cpp)
struct Pool2DGeometry {
    int64_t n = 1, h = 0, w = 0, c = 0;  // input
    int64_t kh = 1, kw = 1;              // pool_size
    int64_t ho = 0, wo = 0;              // output (C unchanged)
    int64_t sh = 1, sw = 1;              // strides
    int64_t pad_top = 0, pad_left = 0;   // 'same' padding before
};
Pool2DGeometry pool2d_geometry(const LayerSpec& spec, const LayerSummary& layer, int64_t n);
// x is (N,H,W,C), y is (N,Ho,Wo,C); padding cells never win the max
void max_pooling2d_forward(const Pool2DGeometry& g, const float* x, float* y);
// dx is (N,H,W,C): each dy goes to the first input in its window equal to the max
void max_pooling2d_backward(const Pool2DGeometry& g, const float* x, const float* y, const float* dy, float* dx);
// x is (N,H,W,C), y is (N,Ho,Wo,C); the mean over the window's cells inside the input
void average_pooling2d_forward(const Pool2DGeometry& g, const float* x, float* y);
void average_pooling2d_backward(const Pool2DGeometry& g, const float* dy, float* dx);

// ---- GlobalAveragePooling2D / GlobalMaxPooling2D (global_pooling.cpp)
// x is (N,H,W,C), y is (N,C)
void global_average_pooling2d_forward(int64_t n, int64_t h, int64_t w, int64_t c, const float* x, float* y);
void global_average_pooling2d_backward(int64_t n, int64_t h, int64_t w, int64_t c, const float* dy, float* dx);
void global_max_pooling2d_forward(int64_t n, int64_t h, int64_t w, int64_t c, const float* x, float* y);
void global_max_pooling2d_backward(int64_t n, int64_t h, int64_t w, int64_t c, const float* x, const float* y,
                                   const float* dy, float* dx);

// ---- ZeroPadding2D (zero_padding2d.cpp)
struct ZeroPaddingGeometry {
    int64_t n = 1, h = 0, w = 0, c = 0;
    int64_t top = 0, bottom = 0, left = 0, right = 0;
};
ZeroPaddingGeometry zero_padding2d_geometry(const LayerSpec& spec, const LayerSummary& layer, int64_t n);
// x is (N,H,W,C), y is (N,H+top+bottom,W+left+right,C)
void zero_padding2d_forward(const ZeroPaddingGeometry& g, const float* x, float* y);
void zero_padding2d_backward(const ZeroPaddingGeometry& g, const float* dy, float* dx);

// ---- Flatten (flatten.cpp): NHWC memory is already Keras's flatten order.
// x is (N,H,W,C), y is (N,H·W·C)
void flatten_forward(int64_t count, const float* x, float* y);
void flatten_backward(int64_t count, const float* dy, float* dx);

// ---- Dense (dense.cpp), on the last axis: rows = N (vector input) or N·H·W.
// x is (rows,F), w is (F,units), b is (units) or null, y is (rows,units)
void dense_forward(int64_t rows, int64_t in, int64_t units, const float* x, const float* w, const float* b, float* y);
void dense_backward(int64_t rows, int64_t in, int64_t units, const float* x, const float* w, const float* dy,
                    float* dx, float* dw, float* db);

// ---- Dropout (dropout.cpp): inverted dropout.
// x, mask, y are (count). Training: mask = 0 with probability rate, else
// 1/(1 − rate), drawn from rng; y = x·mask. Inference: y = x (mask untouched).
void dropout_forward(double rate, bool training, Rng* rng, const float* x, float* mask, float* y, int64_t count);
void dropout_backward(const float* mask, const float* dy, float* dx, int64_t count);

// ---- BatchNormalization (batch_normalization.cpp), over the last axis.
struct BatchNormGeometry {
    int64_t rows = 0, channels = 0;  // rows = N·H·W (or N)
    double momentum = 0.99, epsilon = 1e-3;
};
BatchNormGeometry batch_normalization_geometry(const LayerSpec& spec, const LayerSummary& layer, int64_t n);
// x, y, x_hat are (rows,C); gamma, beta (null: 1 and 0), moving_mean,
// moving_var, inv_std are (C). Training: normalise with the batch statistics,
// keep x_hat and inv_std for backward, update the moving averages.
void batch_normalization_forward_train(const BatchNormGeometry& g, const float* x, const float* gamma,
                                       const float* beta, float* moving_mean, float* moving_var, float* y,
                                       float* x_hat, float* inv_std);
// Inference: normalise with the moving averages.
void batch_normalization_forward_infer(const BatchNormGeometry& g, const float* x, const float* gamma,
                                       const float* beta, const float* moving_mean, const float* moving_var,
                                       float* y);
// dy, dx are (rows,C); dgamma, dbeta (C) or null when the layer has no gamma/beta
void batch_normalization_backward(const BatchNormGeometry& g, const float* x_hat, const float* inv_std,
                                  const float* gamma, const float* dy, float* dx, float* dgamma, float* dbeta);

// ---- Activation layers with arguments and Rescaling (activation_layers.cpp).
// x, y are (rows, channels); dy, dx likewise. ReLU, LeakyReLU, ELU, Softmax (along C), Rescaling.
void activation_layer_forward(const LayerSpec& s, const float* x, float* y, int64_t rows, int64_t channels);
void activation_layer_backward(const LayerSpec& s, const float* x, const float* y, const float* dy, float* dx,
                               int64_t rows, int64_t channels);

// ---- UpSampling2D (nearest), Cropping2D, SpatialDropout2D (resampling.cpp).
// x is (N,H,W,C) with the layer's input sizes; y its output.
void upsampling2d_forward(int64_t n, int64_t h, int64_t w, int64_t c, Pair size, const float* x, float* y);
void upsampling2d_backward(int64_t n, int64_t h, int64_t w, int64_t c, Pair size, const float* dy, float* dx);
void cropping2d_forward(int64_t n, int64_t h, int64_t w, int64_t c, const LayerSpec& s, const float* x, float* y);
void cropping2d_backward(int64_t n, int64_t h, int64_t w, int64_t c, const LayerSpec& s, const float* dy, float* dx);
// mask is (N,H,W,C): each channel's keep factor repeated at every position (backward: dropout_backward).
void spatial_dropout2d_forward(double rate, bool training, Rng* rng, int64_t n, int64_t hw, int64_t c, const float* x,
                               float* mask, float* y);

// UpSampling2D(interpolation="bilinear"): each output pixel blends its four
// nearest input pixels, with TensorFlow's half-pixel centres (PyTorch's
// align_corners=False), so the gradient spreads dy back with the same weights.
void upsampling2d_bilinear_forward(int64_t n, int64_t h, int64_t w, int64_t c, Pair size, const float* x, float* y);
void upsampling2d_bilinear_backward(int64_t n, int64_t h, int64_t w, int64_t c, Pair size, const float* dy, float* dx);
// Permute: in is the input's shape, dims the spec's (1-based); y and dx are
// written, so the backward pass is the inverse permutation.
void permute_forward(const Shape& in, const Shape& dims, int64_t n, const float* x, float* y);
void permute_backward(const Shape& in, const Shape& dims, int64_t n, const float* dy, float* dx);

// ---- Conv2DTranspose (conv2d_transpose.cpp): the mirror Conv2D's kernels with roles swapped.
Conv2DGeometry conv2d_transpose_geometry(const LayerSpec& spec, const LayerSummary& layer, int64_t n);
void conv2d_transpose_forward(const Conv2DGeometry& mirror, const float* x, const float* w, const float* b, float* y,
                              float* scratch);
// dx may be null; db null without use_bias.
void conv2d_transpose_backward(const Conv2DGeometry& mirror, const float* x, const float* w, const float* dy, float* dx,
                               float* dw, float* db, float* scratch);

// ---- Normalization (normalization.cpp): y = (x − mean) / max(√variance, 1e-7),
// one mean and variance per channel (per = C) or for every value (per = 1).
// dx may be null; dmean and dvariance (per values) are written though never
// applied, as the statistics are not trained.
void normalization_forward(int64_t values, int64_t per, const float* mean, const float* variance, const float* x, float* y);
void normalization_backward(int64_t values, int64_t per, const float* x, const float* mean, const float* variance,
                            const float* dy, float* dx, float* dmean, float* dvariance);

// ---- PReLU and LayerNormalization (prelu_layer_norm.cpp).
// x, y, dy, dx are (n, shape); alpha is the shape with shared axes of size 1
// (alpha_count values); dx may be null.
void prelu_forward(const Shape& shape, uint8_t shared_axes, int64_t n, const float* x, const float* alpha, float* y);
void prelu_backward(const Shape& shape, uint8_t shared_axes, int64_t n, const float* x, const float* alpha,
                    const float* dy, float* dx, float* dalpha, int64_t alpha_count);
// x, y, x_hat are (rows, C), inv_std (rows); gamma, beta (C) or null.
void layer_normalization_forward(int64_t rows, int64_t c, double epsilon, const float* x, const float* gamma,
                                 const float* beta, float* y, float* x_hat, float* inv_std);
void layer_normalization_backward(int64_t rows, int64_t c, const float* x_hat, const float* inv_std, const float* gamma,
                                  const float* dy, float* dx, float* dgamma, float* dbeta);

// ---- The merges of a Functional model (merge.cpp). Backward passes ADD into
// each input's gradient, since a tensor read by several layers receives the
// sum of their gradients; a null dx is an input that needs none.
// xs[j] is input j and y the output, all (count) floats (equal shapes).
void elementwise_merge_forward(LayerKind kind, const float* const* xs, int m, int64_t count, float* y);
void elementwise_merge_backward(LayerKind kind, const float* const* xs, const float* y, int m, int64_t count,
                                const float* dy, float* const* dxs);
// Concatenate along one axis: input j is (outer, sizes[j], inner), y is (outer, Σ sizes, inner).
void concatenate_forward(int64_t outer, int64_t inner, const int64_t* sizes, int m, const float* const* xs, float* y);
void concatenate_backward(int64_t outer, int64_t inner, const int64_t* sizes, int m, const float* dy, float* const* dxs);

// ---- A TFOpLambda row, a tensor and a number (tf_op_lambda.cpp). x, y, dy, dx
// are (count) floats.
void tf_op_lambda_forward(const LayerSpec& s, const float* x, float* y, int64_t count);
void tf_op_lambda_backward(const LayerSpec& s, const float* dy, float* dx, int64_t count);

}  // namespace convlab
