// presets.cpp: the preset models. Sources: the seed question (../shared/seed/),
// LeCun et al. 1998 (LeNet-5 with full C3 connections, 32x32x1 input), and
// keras.io/examples/vision/mnist_convnet.
#include "core/model/presets.h"

namespace convlab {
namespace {

LayerSpec input(int64_t h, int64_t w, int64_t c) {
    LayerSpec s = make_layer(LayerKind::InputLayer);
    s.input_shape = Shape::image(h, w, c);
    return s;
}
LayerSpec conv(int64_t filters, int64_t k, Activation a) {
    LayerSpec s = make_layer(LayerKind::Conv2D);
    s.filters = filters;
    s.kernel = {k, k};
    s.activation = a;
    return s;
}
LayerSpec pool(LayerKind kind, int64_t k) {
    LayerSpec s = make_layer(kind);
    s.kernel = {k, k};
    s.strides = {k, k};
    return s;
}
LayerSpec dense(int64_t units, Activation a, const char* name = "") {
    LayerSpec s = make_layer(LayerKind::Dense);
    s.units = units;
    s.activation = a;
    s.name = name;
    return s;
}
LayerSpec dropout(double rate) {
    LayerSpec s = make_layer(LayerKind::Dropout);
    s.rate = rate;
    return s;
}
LayerSpec flatten() { return make_layer(LayerKind::Flatten); }

}  // namespace

ModelSpec preset_model(Preset p) {
    ModelSpec m;
    auto& L = m.layers;
    switch (p) {
        case Preset::SeedQuestion:
            // The seed's Conv2D(32, (3,3), input_shape=(28,28,1)): input_shape on
            // the first layer, as the asker wrote it.
            L.push_back(conv(32, 3, Activation::Relu));
            L.back().input_shape = Shape::image(28, 28, 1);
            L.push_back(conv(63, 3, Activation::Relu));
            L.push_back(pool(LayerKind::MaxPooling2D, 2));
            L.push_back(dropout(0.25));
            L.push_back(flatten());
            L.push_back(dense(128, Activation::Relu, "dense"));
            L.push_back(dropout(0.5));
            L.push_back(dense(10, Activation::Softmax));
            m.compile = {"categorical_crossentropy", "Adadelta", {}};
            break;
        case Preset::LeNet5:
            L.push_back(input(32, 32, 1));
            L.push_back(conv(6, 5, Activation::Tanh));
            L.push_back(pool(LayerKind::AveragePooling2D, 2));
            L.push_back(conv(16, 5, Activation::Tanh));
            L.push_back(pool(LayerKind::AveragePooling2D, 2));
            L.push_back(flatten());
            L.push_back(dense(120, Activation::Tanh));
            L.push_back(dense(84, Activation::Tanh));
            L.push_back(dense(10, Activation::Softmax));
            break;
        case Preset::MnistConvnet:
            L.push_back(input(28, 28, 1));
            L.push_back(conv(32, 3, Activation::Relu));
            L.push_back(pool(LayerKind::MaxPooling2D, 2));
            L.push_back(conv(64, 3, Activation::Relu));
            L.push_back(pool(LayerKind::MaxPooling2D, 2));
            L.push_back(flatten());
            L.push_back(dropout(0.5));
            L.push_back(dense(10, Activation::Softmax));
            m.compile = {"categorical_crossentropy", "adam", {}};
            break;
        case Preset::TinyNet:
            L.push_back(input(28, 28, 1));
            L.push_back(conv(8, 3, Activation::Relu));
            L.push_back(pool(LayerKind::MaxPooling2D, 2));
            L.push_back(flatten());
            L.push_back(dense(10, Activation::Softmax));
            break;
        case Preset::DepthwiseSeparable: {
            L.push_back(input(28, 28, 1));
            L.push_back(conv(32, 3, Activation::Relu));
            LayerSpec dw = make_layer(LayerKind::DepthwiseConv2D);
            dw.kernel = {3, 3};
            dw.padding = Padding::Same;
            L.push_back(dw);
            L.push_back(make_layer(LayerKind::BatchNormalization));
            L.push_back(make_layer(LayerKind::Activation));
            LayerSpec pw = conv(64, 1, Activation::Linear);
            L.push_back(pw);
            L.push_back(make_layer(LayerKind::BatchNormalization));
            L.push_back(make_layer(LayerKind::Activation));
            L.push_back(make_layer(LayerKind::GlobalAveragePooling2D));
            L.push_back(dense(10, Activation::Softmax));
            break;
        }
        case Preset::Count: break;
    }
    return m;
}

const char* preset_id(Preset p) {
    switch (p) {
        case Preset::SeedQuestion: return "seed";
        case Preset::LeNet5: return "lenet5";
        case Preset::MnistConvnet: return "mnist_convnet";
        case Preset::TinyNet: return "tiny";
        case Preset::DepthwiseSeparable: return "depthwise";
        case Preset::Count: break;
    }
    return "";
}

}  // namespace convlab
