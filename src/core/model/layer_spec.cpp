// layer_spec.cpp: defaults and the names Keras uses for paddings and activations.
#include "core/model/layer_spec.h"

namespace convlab {

LayerSpec make_layer(LayerKind kind) {
    LayerSpec s;
    s.kind = kind;
    switch (kind) {
        case LayerKind::InputLayer: s.input_shape = Shape::image(28, 28, 1); break;
        case LayerKind::Conv2D:
        case LayerKind::SeparableConv2D: s.filters = 32; break;
        case LayerKind::MaxPooling2D:
        case LayerKind::AveragePooling2D: s.kernel = {2, 2}; s.strides = {2, 2}; break;
        case LayerKind::ZeroPadding2D: s.pad_top = s.pad_bottom = s.pad_left = s.pad_right = 1; break;
        case LayerKind::Dense: s.units = 128; break;
        case LayerKind::Dropout: s.rate = 0.25; break;
        case LayerKind::Activation: s.activation = Activation::Relu; break;
        case LayerKind::LeakyReLU: s.negative_slope = 0.3; break;
        case LayerKind::SpatialDropout2D: s.rate = 0.25; break;
        case LayerKind::Reshape: s.target_shape = Shape::vector(-1); break;
        case LayerKind::Conv2DTranspose: s.filters = 32; break;
        case LayerKind::Permute: s.dims = Shape::image(2, 1, 3); break;  // swap H and W
        // 1D sizes sit in the pairs' first half; the second stays 1.
        case LayerKind::Conv1D: s.filters = 32; s.kernel = {3, 1}; break;
        case LayerKind::MaxPooling1D:
        case LayerKind::AveragePooling1D: s.kernel = {2, 1}; s.strides = {2, 1}; break;
        default: break;
    }
    return s;
}

const char* padding_name(Padding p) { return p == Padding::Same ? "same" : "valid"; }

const char* activation_name(Activation a) {
    switch (a) {
        case Activation::Relu: return "relu";
        case Activation::Sigmoid: return "sigmoid";
        case Activation::Tanh: return "tanh";
        case Activation::Softmax: return "softmax";
        case Activation::Elu: return "elu";
        case Activation::Swish: return "swish";
        case Activation::Gelu: return "gelu";
        case Activation::HardSigmoid: return "hard_sigmoid";
        case Activation::HardSwish: return "hard_swish";
        default: return "linear";
    }
}

bool parse_padding(const std::string& s, Padding* out) {
    if (s == "valid") { *out = Padding::Valid; return true; }
    if (s == "same") { *out = Padding::Same; return true; }
    return false;
}

bool parse_activation(const std::string& s, Activation* out) {
    // Keras treats None and "linear" alike: no activation.
    if (s == "linear" || s == "None" || s.empty()) { *out = Activation::Linear; return true; }
    if (s == "silu") { *out = Activation::Swish; return true; }  // Keras 3's name for swish
    if (s == "hardSigmoid") { *out = Activation::HardSigmoid; return true; }  // TF.js's spelling
    if (s == "hard_silu") { *out = Activation::HardSwish; return true; }      // Keras 3's name for hard_swish
    for (int a = 0; a < int(Activation::Count); ++a)
        if (s == activation_name(Activation(a))) { *out = Activation(a); return true; }
    return false;
}

bool activation_needs_input(Activation a) {
    return a == Activation::Swish || a == Activation::Gelu || a == Activation::HardSwish;
}

}  // namespace convlab
