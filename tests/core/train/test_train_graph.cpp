// test_train_graph.cpp: training a Functional model. Every merge's backward
// pass against finite differences, one layer at a time and through a whole
// graph with a residual Add, a Concatenate, a shared layer and a frozen one;
// a frozen layer's weights do not move; a small residual network learns.
#include <doctest.h>

#include <string>
#include <vector>

#include "core/analysis/layer_kind.h"
#include "core/train/layer_passes.h"
#include "core/train/network.h"
#include "model_builders.h"
#include "train/network_gradient_check.h"

using namespace convlab;
using namespace convlab::test;

namespace {

LayerSpec same_conv(int64_t filters, int64_t k, Activation a = Activation::Linear) {
    LayerSpec s = make_layer(LayerKind::Conv2D);
    s.filters = filters;
    s.kernel = {k, k};
    s.padding = Padding::Same;
    s.activation = a;
    return s;
}

// Input (6,6,1) -> conv a -> [conv b, shared c on a] -> Add(a, b, c) -> Concatenate(add, frozen conv d(add))
//  -> Multiply(cat, cat') ... -> GAP -> Dense(3, softmax). Every merge kind is on the path to the loss.
ModelSpec merge_model() {
    GraphBuilder g;
    const int x = g.input("", 6, 6, 1);
    const int a = g.add(same_conv(2, 3, Activation::Tanh), {x});
    const int b = g.add(same_conv(2, 1, Activation::Tanh), {a});
    const int shared = g.add(same_conv(2, 1, Activation::Tanh), {a});
    g.m.layers[size_t(shared)].calls.push_back({TensorRef{b, 0, 0}});  // called a second time, on b
    const int add = g.add(make_layer(LayerKind::Add), {a, b});
    g.m.layers[size_t(add)].calls[0].push_back(TensorRef{shared, 0, 0});
    const int sub = g.add(make_layer(LayerKind::Subtract), {add, shared});
    g.m.layers[size_t(sub)].calls[0][1] = TensorRef{shared, 1, 0};
    const int mul = g.add(make_layer(LayerKind::Multiply), {sub, a});
    const int avg = g.add(make_layer(LayerKind::Average), {mul, b});
    const int mx = g.add(make_layer(LayerKind::Maximum), {avg, a});
    const int mn = g.add(make_layer(LayerKind::Minimum), {mx, b, add});
    LayerSpec frozen = same_conv(3, 1, Activation::Tanh);
    frozen.trainable = false;
    const int d = g.add(frozen, {mn});
    const int cat = g.add(make_layer(LayerKind::Concatenate), {mn, d, a});
    LayerSpec cat_h = make_layer(LayerKind::Concatenate);
    cat_h.axis = 1;
    const int cat2 = g.add(cat_h, {cat, cat});
    const int gap = g.add(make_layer(LayerKind::GlobalAveragePooling2D), {cat2});
    LayerSpec dense = make_layer(LayerKind::Dense);
    dense.units = 3;
    dense.activation = Activation::Softmax;
    const int out = g.add(dense, {gap});
    g.m.outputs.push_back(TensorRef{out, 0, 0});
    return g.m;
}

NetworkOptions options(int64_t batch, const char* optimizer = "sgd", double lr = 0.01) {
    NetworkOptions o;
    o.batch_size = batch;
    o.seed = 3;
    o.optimizer = optimizer_from_name(optimizer).value;
    o.optimizer.learning_rate = lr;
    return o;
}

}  // namespace

TEST_CASE("merge passes: each merge's backward matches finite differences, and adds into what is there") {
    Rng rng = rng_seeded(11);
    const int64_t count = 7;  // not a multiple of 4
    for (LayerKind kind : {LayerKind::Add, LayerKind::Subtract, LayerKind::Multiply, LayerKind::Average,
                           LayerKind::Maximum, LayerKind::Minimum}) {
        CAPTURE(layer_kind_info(kind).class_name);
        const int m = kind == LayerKind::Subtract ? 2 : 3;
        std::vector<std::vector<float>> x;
        for (int j = 0; j < m; ++j) x.push_back(random_buffer(&rng, count));
        const std::vector<float> r = random_buffer(&rng, count);
        std::vector<float> y(static_cast<size_t>(count), 0.0f);
        auto loss = [&] {
            std::vector<const float*> xs;
            for (auto& v : x) xs.push_back(v.data());
            elementwise_merge_forward(kind, xs.data(), m, count, y.data());
            return weighted_sum(y, r);
        };
        loss();
        std::vector<std::vector<float>> dx(size_t(m), std::vector<float>(size_t(count), 0.5f));  // 0.5 is "already there"
        std::vector<const float*> xs;
        std::vector<float*> dxs;
        for (int j = 0; j < m; ++j) {
            xs.push_back(x[size_t(j)].data());
            dxs.push_back(dx[size_t(j)].data());
        }
        elementwise_merge_backward(kind, xs.data(), y.data(), m, count, r.data(), dxs.data());
        for (int j = 0; j < m; ++j) {
            for (float& v : dx[size_t(j)]) v -= 0.5f;
            check_gradient("x", &x[size_t(j)], dx[size_t(j)], loss, 1e-3f, 1e-2);
        }
    }
}

TEST_CASE("merge passes: Concatenate places its inputs side by side and cuts dy back into the same pieces") {
    // Two inputs (outer 2, sizes 1 and 2, inner 2) -> (2, 3, 2).
    const std::vector<float> a = {1, 2, 3, 4}, b = {5, 6, 7, 8, 9, 10, 11, 12};
    const float* xs[] = {a.data(), b.data()};
    const int64_t sizes[] = {1, 2};
    std::vector<float> y(12);
    concatenate_forward(2, 2, sizes, 2, xs, y.data());
    CHECK(y == std::vector<float>{1, 2, 5, 6, 7, 8, 3, 4, 9, 10, 11, 12});
    std::vector<float> da(4, 0.0f), db(8, 1.0f);
    float* dxs[] = {da.data(), db.data()};
    concatenate_backward(2, 2, sizes, 2, y.data(), dxs);
    CHECK(da == a);
    for (size_t i = 0; i < b.size(); ++i) CHECK(db[i] == b[i] + 1.0f);
}

TEST_CASE("graph network: the whole backward pass through every merge, a shared and a frozen layer matches finite differences") {
    Network net;
    REQUIRE_MESSAGE(network_build(merge_model(), options(3), &net).ok(), network_build(merge_model(), options(3), &net).error);
    CHECK(net.graph);
    Rng data = rng_seeded(9);
    const int checked = check_network_gradients(&net, random_buffer(&data, 3 * 36), {0, 2, 1});
    CHECK(checked == 10);  // five layers with weights (the shared one once), kernel and bias each
}

TEST_CASE("graph network: a shared layer's weights are counted once and a frozen layer's do not move") {
    Network net;
    REQUIRE(network_build(merge_model(), options(4), &net).ok());
    ModelSummary s;
    Problem p;
    REQUIRE(summarize(merge_model(), NamingStyle::Keras2, &s, &p));
    CHECK(int64_t(net.params.size()) == s.total_params);
    int frozen_blocks = 0;
    for (const ParamBlock& b : net.blocks) frozen_blocks += b.trainable ? 0 : 1;
    CHECK(frozen_blocks == 2);
    const std::vector<float> before = net.params;
    Rng data = rng_seeded(2);
    const std::vector<float> x = random_buffer(&data, 4 * 36);
    const std::vector<int32_t> labels = {0, 1, 2, 0};
    StepStats stats;
    REQUIRE(network_train_batch(&net, x.data(), labels.data(), 4, &stats).ok());
    for (const ParamBlock& b : net.blocks) {
        bool moved = false;
        for (int64_t i = b.offset; i < b.offset + b.count; ++i) moved = moved || net.params[size_t(i)] != before[size_t(i)];
        CAPTURE(net.layers[size_t(b.layer)].summary.name);
        CHECK(moved == b.trainable);
    }
}

TEST_CASE("graph network: a model with two outputs or a broadcasting merge is refused with the reason") {
    ModelSpec two = merge_model();
    two.outputs.push_back(two.outputs[0]);
    Network net;
    Status s = network_build(two, options(2), &net);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error.find("1 inputs and 2 outputs") != std::string::npos);

    GraphBuilder g;
    const int x = g.input("", 6, 6, 1);
    const int a = g.add(same_conv(2, 3), {x});
    const int mul = g.add(make_layer(LayerKind::Multiply), {a, x});  // (6, 6, 2) × (6, 6, 1): Keras broadcasts
    const int gap = g.add(make_layer(LayerKind::GlobalAveragePooling2D), {mul});
    LayerSpec dense = make_layer(LayerKind::Dense);
    dense.units = 3;
    dense.activation = Activation::Softmax;
    g.m.outputs.push_back(TensorRef{g.add(dense, {gap}), 0, 0});
    s = network_build(g.m, options(2), &net);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error.find("'l2' merges inputs of different shapes") != std::string::npos);
}

TEST_CASE("graph network: output gradients share buffers once their spans are over, so a residual stack needs few") {
    // Input -> conv -> 12 residual blocks (conv, conv, Add with the block's input) -> GAP -> Dense.
    GraphBuilder g;
    int t = g.add(same_conv(4, 3, Activation::Relu), {g.input("", 8, 8, 1)});
    const int blocks = 12;
    for (int b = 0; b < blocks; ++b) {
        const int c1 = g.add(same_conv(4, 3, Activation::Relu), {t});
        const int c2 = g.add(same_conv(4, 3), {c1});
        t = g.add(make_layer(LayerKind::Add), {t, c2});
    }
    LayerSpec dense = make_layer(LayerKind::Dense);
    dense.units = 3;
    dense.activation = Activation::Softmax;
    g.output(g.add(dense, {g.add(make_layer(LayerKind::GlobalAveragePooling2D), {t})}));
    NetworkOptions o;
    o.batch_size = 2;
    Network net;
    const Status built = network_build(g.m, o, &net);
    REQUIRE_MESSAGE(built.ok(), built.error);
    const size_t calls = net.layers.size();
    CHECK(calls == size_t(1 + 3 * blocks + 2));
    // At any step of the backward pass, a block's input gradient, its branch's and
    // the one being formed are alive; the head's small ones may take their own.
    MESSAGE(calls, " calls, ", net.dout_pool.size(), " output-gradient buffers");
    CHECK(net.dout_pool.size() <= 5);
    Rng data = rng_seeded(2);
    CHECK(check_network_gradients(&net, random_buffer(&data, 2 * 8 * 8), {0, 2}) == int(net.blocks.size()));
}
