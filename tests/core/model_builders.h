// model_builders.h: short builders for the core tests, so a test model reads
// like its Keras source: conv(32, 3), max_pool(2), dense(10). Test-only; the
// editor and the importers build LayerSpecs their own way.
#pragma once
#include "core/model/layer_spec.h"
#include "core/analysis/model_summary.h"

namespace convlab {
namespace test {

inline LayerSpec input(int64_t h, int64_t w, int64_t c) {
    LayerSpec s = make_layer(LayerKind::InputLayer);
    s.input_shape = Shape::image(h, w, c);
    return s;
}
inline LayerSpec conv(int64_t filters, int64_t k, Padding padding = Padding::Valid, int64_t stride = 1) {
    LayerSpec s = make_layer(LayerKind::Conv2D);
    s.filters = filters;
    s.kernel = {k, k};
    s.padding = padding;
    s.strides = {stride, stride};
    return s;
}
inline LayerSpec depthwise(int64_t k, int64_t stride = 1, Padding padding = Padding::Same, bool bias = true) {
    LayerSpec s = make_layer(LayerKind::DepthwiseConv2D);
    s.kernel = {k, k};
    s.strides = {stride, stride};
    s.padding = padding;
    s.use_bias = bias;
    return s;
}
inline LayerSpec pool(LayerKind kind, int64_t size, Padding padding = Padding::Valid) {
    LayerSpec s = make_layer(kind);
    s.kernel = {size, size};
    s.strides = {size, size};
    s.padding = padding;
    return s;
}
inline LayerSpec max_pool(int64_t size) { return pool(LayerKind::MaxPooling2D, size); }
inline LayerSpec avg_pool(int64_t size) { return pool(LayerKind::AveragePooling2D, size); }
inline LayerSpec flatten() { return make_layer(LayerKind::Flatten); }
inline LayerSpec dropout(double rate) {
    LayerSpec s = make_layer(LayerKind::Dropout);
    s.rate = rate;
    return s;
}
inline LayerSpec dense(int64_t units, const char* name = "") {
    LayerSpec s = make_layer(LayerKind::Dense);
    s.units = units;
    s.name = name;
    return s;
}
inline LayerSpec batch_norm() { return make_layer(LayerKind::BatchNormalization); }
inline LayerSpec with_input(LayerSpec s, int64_t h, int64_t w, int64_t c) {
    s.input_shape = Shape::image(h, w, c);
    return s;
}
inline LayerSpec no_bias(LayerSpec s) {
    s.use_bias = false;
    return s;
}

// The seed question's model (docs/seed, StackOverflow 2019): Keras 2.2 printed
// its summary, which test_golden_models.cpp and test_summary_format.cpp compare.
inline ModelSpec seed_model() {
    ModelSpec m;
    m.layers = {with_input(conv(32, 3), 28, 28, 1), conv(63, 3), max_pool(2), dropout(0.25), flatten(),
                dense(128, "dense"), dropout(0.5), dense(10)};
    return m;
}

// summarize() that fails the test with the problem's message if it fails.
inline ModelSummary summarize_or_empty(const ModelSpec& m, NamingStyle style, Problem* problem) {
    ModelSummary s;
    if (!summarize(m, style, &s, problem)) return ModelSummary{};
    return s;
}

// A Functional model built by hand: add() calls a layer once on the tensors
// of the layers `from` names (none for an InputLayer), as x = layers.X(...)(from).
struct GraphBuilder {
    ModelSpec m;
    GraphBuilder() {
        m.functional = true;
        m.compile.loss = "categorical_crossentropy";
    }
    // name "": "l<index>".
    int add(LayerSpec s, const std::string& name, std::vector<int> from) {
        s.name = name.empty() ? "l" + std::to_string(m.layers.size()) : name;
        if (!from.empty()) {
            std::vector<TensorRef> call;
            for (int f : from) call.push_back(TensorRef{f, 0, 0});
            s.calls.push_back(call);
        }
        m.layers.push_back(s);
        return int(m.layers.size()) - 1;
    }
    int add(LayerSpec s, std::vector<int> from) { return add(std::move(s), "", std::move(from)); }
    int input(const std::string& name, const Shape& shape) {
        LayerSpec in = make_layer(LayerKind::InputLayer);
        in.input_shape = shape;
        const int i = add(in, name, {});
        m.inputs.push_back(TensorRef{i, 0, 0});
        return i;
    }
    int input(const std::string& name, int64_t h, int64_t w, int64_t c) { return input(name, Shape::image(h, w, c)); }
    void output(int layer) { m.outputs.push_back(TensorRef{layer, 0, 0}); }
};

}  // namespace test
}  // namespace convlab
