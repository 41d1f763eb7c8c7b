// presets.cpp: the preset models. Sources: the seed question (../shared/seed/),
// LeCun et al. 1998 (LeNet-5 with full C3 connections, 32x32x1 input), and
// keras.io/examples/vision/mnist_convnet. The graphs are ConvLab's own, each a
// miniature of the paper it is named after: He et al. 2015 (residual blocks,
// the 1×1 projection shortcut where the size changes), Szegedy et al. 2014
// (parallel 1×1, 3×3 and pooling branches joined by Concatenate), Huang et al.
// 2017 (each convolution reads every earlier feature map of its block).
#include "core/model/presets.h"

namespace convlab {
namespace {

LayerSpec image_input(int64_t h, int64_t w, int64_t c) {
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
LayerSpec conv_same(int64_t filters, int64_t k, Activation a, int64_t stride = 1) {
    LayerSpec s = conv(filters, k, a);
    s.padding = Padding::Same;
    s.strides = {stride, stride};
    return s;
}

// Builds a Functional model call by call: each add() is a layer called on the
// layers it names, as keras code writes y = Layer(...)(x).
struct Graph {
    ModelSpec* m;
    int add(LayerSpec s, std::vector<int> from) {
        std::vector<TensorRef> call;
        for (int f : from) call.push_back(TensorRef{f, 0, 0});
        s.calls = {call};
        m->layers.push_back(std::move(s));
        return int(m->layers.size()) - 1;
    }
    int input(int64_t h, int64_t w, int64_t c) {
        m->functional = true;
        m->layers.push_back(image_input(h, w, c));
        m->inputs = {TensorRef{int(m->layers.size()) - 1, 0, 0}};
        return int(m->layers.size()) - 1;
    }
    void output(int layer) { m->outputs = {TensorRef{layer, 0, 0}}; }
};

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
            L.push_back(image_input(32, 32, 1));
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
            L.push_back(image_input(28, 28, 1));
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
            L.push_back(image_input(28, 28, 1));
            L.push_back(conv(8, 3, Activation::Relu));
            L.push_back(pool(LayerKind::MaxPooling2D, 2));
            L.push_back(flatten());
            L.push_back(dense(10, Activation::Softmax));
            break;
        case Preset::DepthwiseSeparable: {
            L.push_back(image_input(28, 28, 1));
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
        case Preset::SmallResNet: {
            Graph g{&m};
            const int x = g.input(28, 28, 1);
            const int stem = g.add(conv_same(16, 3, Activation::Relu), {x});
            // An identity block: the shortcut is the block's own input, so Add needs no weights.
            const int a1 = g.add(conv_same(16, 3, Activation::Relu), {stem});
            const int a2 = g.add(conv_same(16, 3, Activation::Linear), {a1});
            const int add1 = g.add(make_layer(LayerKind::Add), {a2, stem});
            const int r1 = g.add(make_layer(LayerKind::Activation), {add1});
            m.layers[size_t(r1)].activation = Activation::Relu;
            // A block that halves H and W and doubles the channels: the shortcut
            // needs a 1×1 convolution with stride 2 to match (14, 14, 32).
            const int b1 = g.add(conv_same(32, 3, Activation::Relu, 2), {r1});
            const int b2 = g.add(conv_same(32, 3, Activation::Linear), {b1});
            const int proj = g.add(conv_same(32, 1, Activation::Linear, 2), {r1});
            const int add2 = g.add(make_layer(LayerKind::Add), {b2, proj});
            const int r2 = g.add(make_layer(LayerKind::Activation), {add2});
            m.layers[size_t(r2)].activation = Activation::Relu;
            const int pooled = g.add(pool(LayerKind::MaxPooling2D, 2), {r2});
            const int f = g.add(flatten(), {pooled});
            g.output(g.add(dense(10, Activation::Softmax), {f}));
            m.compile = {"categorical_crossentropy", "adam", {}};
            break;
        }
        case Preset::SmallInception: {
            Graph g{&m};
            const int x = g.input(28, 28, 1);
            const int stem = g.add(conv(16, 3, Activation::Relu), {x});
            const int s2 = g.add(pool(LayerKind::MaxPooling2D, 2), {stem});
            // Three branches see the same 13×13×16 input at different sizes.
            // They are listed in the order Keras's summary lists them (deepest
            // path first); creation_order is the order the code makes them.
            const int b2a = g.add(conv_same(8, 1, Activation::Relu), {s2});
            LayerSpec mp = pool(LayerKind::MaxPooling2D, 3);
            mp.strides = {1, 1};
            mp.padding = Padding::Same;
            const int b3a = g.add(mp, {s2});
            const int b1 = g.add(conv_same(8, 1, Activation::Relu), {s2});
            const int b2 = g.add(conv_same(16, 3, Activation::Relu), {b2a});
            const int b3 = g.add(conv_same(8, 1, Activation::Relu), {b3a});
            // 8 + 16 + 8 = 32 channels side by side: the next Conv2D's Cin.
            const int cat = g.add(make_layer(LayerKind::Concatenate), {b1, b2, b3});
            const int c = g.add(conv(32, 3, Activation::Relu), {cat});
            const int pooled = g.add(pool(LayerKind::MaxPooling2D, 2), {c});
            const int f = g.add(flatten(), {pooled});
            const int out = g.add(dense(10, Activation::Softmax), {f});
            g.output(out);
            m.creation_order = {x, stem, s2, b1, b2a, b2, b3a, b3, cat, c, pooled, f, out};
            m.compile = {"categorical_crossentropy", "adam", {}};
            break;
        }
        case Preset::SmallDenseNet: {
            Graph g{&m};
            const int x = g.input(28, 28, 1);
            const int stem = g.add(conv_same(16, 3, Activation::Relu), {x});
            const int s2 = g.add(pool(LayerKind::MaxPooling2D, 2), {stem});
            // Each convolution adds 12 channels (the growth rate) to everything before it.
            const int c1 = g.add(conv_same(12, 3, Activation::Relu), {s2});
            const int cat1 = g.add(make_layer(LayerKind::Concatenate), {s2, c1});
            const int c2 = g.add(conv_same(12, 3, Activation::Relu), {cat1});
            const int cat2 = g.add(make_layer(LayerKind::Concatenate), {cat1, c2});
            // The transition: a 1×1 convolution narrows 40 channels to 16, then pooling halves H and W.
            const int t = g.add(conv_same(16, 1, Activation::Relu), {cat2});
            const int pooled = g.add(pool(LayerKind::AveragePooling2D, 2), {t});
            const int f = g.add(flatten(), {pooled});
            g.output(g.add(dense(10, Activation::Softmax), {f}));
            m.compile = {"categorical_crossentropy", "adam", {}};
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
        case Preset::SmallResNet: return "resnet_small";
        case Preset::SmallInception: return "inception_small";
        case Preset::SmallDenseNet: return "densenet_small";
        case Preset::Count: break;
    }
    return "";
}

}  // namespace convlab
