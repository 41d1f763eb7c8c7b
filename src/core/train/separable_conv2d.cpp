// train/separable_conv2d.cpp: SeparableConv2D = a DepthwiseConv2D without bias
// (strides, padding, dilation apply here) followed by a 1×1 Conv2D with the
// layer's bias. Keras's weights in order: depthwise_kernel (Kh,Kw,Cin,dm),
// pointwise_kernel (1,1,Cin·dm,Cout), bias (Cout). Not a fused kernel.
// Reference: keras.io/api/layers/convolution_layers/separable_convolution2d.
#include "core/train/layer_passes.h"

namespace convlab {

SeparableGeometry separable_conv2d_geometry(const LayerSpec& spec, const LayerSummary& layer, int64_t n) {
    SeparableGeometry sg;
    sg.depthwise = conv2d_geometry(spec, layer, n);
    sg.depthwise.cout = layer.input.c() * spec.depth_multiplier;
    Conv2DGeometry& p = sg.pointwise;
    p.n = n;
    p.h = sg.depthwise.ho; p.w = sg.depthwise.wo; p.cin = sg.depthwise.cout;
    p.ho = p.h; p.wo = p.w; p.cout = layer.analysis.output.c();
    return sg;
}

void separable_conv2d_forward(const SeparableGeometry& g, const float* x, const float* wd, const float* wp,
                              const float* b, float* mid, float* y, float* scratch) {
    depthwise_conv2d_forward(g.depthwise, x, wd, nullptr, mid);
    conv2d_forward_layer(g.pointwise, mid, wp, b, y, scratch);
}

void separable_conv2d_backward(const SeparableGeometry& g, const float* x, const float* wd, const float* wp,
                               const float* mid, const float* dy, float* dmid, float* dx, float* dwd, float* dwp,
                               float* db, float* scratch) {
    conv2d_backward_layer(g.pointwise, mid, wp, dy, dmid, dwp, db, scratch);
    depthwise_conv2d_backward(g.depthwise, x, wd, dmid, dx, dwd, nullptr);
}

}  // namespace convlab
