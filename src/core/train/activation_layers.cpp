// train/activation_layers.cpp: the activation layers that take arguments
// (ReLU, LeakyReLU, ELU, Softmax) and Rescaling, forward and backward. Unlike
// activation= (activation.cpp), a layer's backward can read its input x, so
// every derivative here is written with x. Reference: Keras's relu(x,
// negative_slope, max_value, threshold) in keras/backend (2.x) and
// keras/src/activations (3.x); tf.nn.leaky_relu; tf.nn.elu.
#include <algorithm>
#include <cmath>

#include "core/train/layer_passes.h"

namespace convlab {

namespace {

// Keras's relu: x above the threshold (clipped at max_value), else
// negative_slope · (x − threshold).
float relu_value(const LayerSpec& s, float x) {
    if (x > float(s.threshold)) return s.has_max_value ? std::min(x, float(s.max_value)) : x;
    return float(s.negative_slope) * (x - float(s.threshold));
}
float relu_slope(const LayerSpec& s, float x) {
    if (x > float(s.threshold)) return s.has_max_value && x >= float(s.max_value) ? 0.0f : 1.0f;
    return float(s.negative_slope);
}

}  // namespace

void activation_layer_forward(const LayerSpec& s, const float* x, float* y, int64_t rows, int64_t channels) {
    const int64_t count = rows * channels;
    switch (s.kind) {
        case LayerKind::ReLU:
            for (int64_t i = 0; i < count; ++i) y[i] = relu_value(s, x[i]);
            break;
        case LayerKind::LeakyReLU: {  // y = x if x > 0, else negative_slope · x
            const float a = float(s.negative_slope);
            for (int64_t i = 0; i < count; ++i) y[i] = x[i] > 0.0f ? x[i] : a * x[i];
            break;
        }
        case LayerKind::ELU: {  // y = x if x > 0, else alpha · (e^x − 1)
            const float a = float(s.alpha);
            for (int64_t i = 0; i < count; ++i) y[i] = x[i] > 0.0f ? x[i] : a * std::expm1(x[i]);
            break;
        }
        case LayerKind::Softmax: activation_forward(Activation::Softmax, x, y, rows, channels); break;
        case LayerKind::Rescaling: {  // y = x · scale + offset
            const float scale = float(s.rescale), offset = float(s.offset);
            for (int64_t i = 0; i < count; ++i) y[i] = x[i] * scale + offset;
            break;
        }
        default: break;
    }
}

void activation_layer_backward(const LayerSpec& s, const float* x, const float* y, const float* dy, float* dx,
                               int64_t rows, int64_t channels) {
    const int64_t count = rows * channels;
    switch (s.kind) {
        case LayerKind::ReLU:
            for (int64_t i = 0; i < count; ++i) dx[i] = dy[i] * relu_slope(s, x[i]);
            break;
        case LayerKind::LeakyReLU: {
            const float a = float(s.negative_slope);
            for (int64_t i = 0; i < count; ++i) dx[i] = x[i] > 0.0f ? dy[i] : a * dy[i];
            break;
        }
        case LayerKind::ELU: {  // dy · alpha · e^x below 0
            const float a = float(s.alpha);
            for (int64_t i = 0; i < count; ++i) dx[i] = x[i] > 0.0f ? dy[i] : dy[i] * a * std::exp(x[i]);
            break;
        }
        case LayerKind::Softmax: activation_backward(Activation::Softmax, nullptr, y, dy, dx, rows, channels); break;
        case LayerKind::Rescaling: {
            const float scale = float(s.rescale);
            for (int64_t i = 0; i < count; ++i) dx[i] = dy[i] * scale;
            break;
        }
        default: break;
    }
}

}  // namespace convlab
