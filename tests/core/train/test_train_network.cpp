// test_train_network.cpp: the network as a whole: Keras's weight layout and
// initialisers, a tiny model learning a small synthetic problem, the NaN guard
// keeping the last good weights, and the refusals (memory budget, last layer).
#include <doctest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "core/model/presets.h"
#include "core/train/network.h"
#include "train_test_helpers.h"

using namespace convlab;
using namespace convlab::test;

namespace {

// Input (6,6,1) -> Conv2D(4, 3x3, relu) -> MaxPooling2D -> Flatten -> Dense(3, softmax)
ModelSpec tiny_model(bool with_batch_norm = false) {
    ModelSpec m;
    LayerSpec in = make_layer(LayerKind::InputLayer);
    in.input_shape = Shape::image(6, 6, 1);
    m.layers.push_back(in);
    LayerSpec conv = make_layer(LayerKind::Conv2D);
    conv.filters = 4;
    conv.kernel = {3, 3};
    conv.activation = Activation::Relu;
    m.layers.push_back(conv);
    if (with_batch_norm) m.layers.push_back(make_layer(LayerKind::BatchNormalization));
    m.layers.push_back(make_layer(LayerKind::MaxPooling2D));
    m.layers.push_back(make_layer(LayerKind::Flatten));
    LayerSpec dense = make_layer(LayerKind::Dense);
    dense.units = 3;
    dense.activation = Activation::Softmax;
    m.layers.push_back(dense);
    m.compile.loss = "categorical_crossentropy";
    return m;
}

// Three classes of 6x6 images: a bright top half, a bright left half, or a
// bright diagonal, with seeded noise.
void synthetic_batch(Rng* rng, int64_t n, std::vector<float>* x, std::vector<int32_t>* labels) {
    x->assign(size_t(n * 36), 0.0f);
    labels->assign(size_t(n), 0);
    for (int64_t k = 0; k < n; ++k) {
        const int32_t label = static_cast<int32_t>(rng_below(rng, 3));
        (*labels)[size_t(k)] = label;
        for (int i = 0; i < 6; ++i)
            for (int j = 0; j < 6; ++j) {
                const bool on = label == 0 ? i < 3 : label == 1 ? j < 3 : i == j;
                (*x)[size_t(k * 36 + i * 6 + j)] = (on ? 1.0f : 0.0f) + rng_uniform_range(rng, -0.2f, 0.2f);
            }
    }
}

NetworkOptions options_with(const char* optimizer, double lr, int64_t batch = 16) {
    NetworkOptions o;
    o.batch_size = batch;
    o.seed = 5;
    o.optimizer = optimizer_from_name(optimizer).value;
    o.optimizer.learning_rate = lr;
    return o;
}

}  // namespace

TEST_CASE("network: each layer finds its weights by slot, and a Dense without bias has no Bias slot at all") {
    ModelSpec m = tiny_model(true);
    m.layers[1].use_bias = false;   // the Conv2D
    m.layers[2].center = false;     // the BatchNormalization: no beta
    Network net;
    Status s = network_build(m, options_with("adam", 0.001), &net);
    REQUIRE_MESSAGE(s.ok(), s.error);
    const NetLayer& conv = net.layers[0];
    const NetLayer& bn = net.layers[1];
    CHECK(conv.block_of[size_t(WeightSlot::Kernel)] == conv.first_block);
    CHECK(conv.block_of[size_t(WeightSlot::Bias)] == kNoBlock);
    CHECK(bn.block_of[size_t(WeightSlot::Beta)] == kNoBlock);
    CHECK(net.blocks[size_t(bn.block_of[size_t(WeightSlot::MovingVariance)])].slot == WeightSlot::MovingVariance);
    CHECK(net.layers[2].block_count == 0);  // MaxPooling2D
    for (int slot = 0; slot < int(WeightSlot::Count); ++slot) CHECK(net.layers[2].block_of[slot] == kNoBlock);
    CHECK(static_cast<int64_t>(net.params.size()) == net.summary.total_params);
}

TEST_CASE("network: weights are laid out as Keras orders them, kernel (HWIO) then bias, BN's four after") {
    Network net;
    Status s = network_build(tiny_model(true), options_with("adam", 0.001), &net);
    REQUIRE_MESSAGE(s.ok(), s.error);
    REQUIRE(net.blocks.size() == 8);
    CHECK(std::string(weight_slot_keras_name(net.blocks[0].slot)) == "kernel");
    CHECK(net.blocks[0].rank == 4);
    CHECK(net.blocks[0].dims[2] == 1);   // Cin
    CHECK(net.blocks[0].dims[3] == 4);   // Cout
    CHECK(std::string(weight_slot_keras_name(net.blocks[1].slot)) == "bias");
    CHECK(net.blocks[1].offset == 36);
    CHECK(std::string(weight_slot_keras_name(net.blocks[2].slot)) == "gamma");
    CHECK(std::string(weight_slot_keras_name(net.blocks[5].slot)) == "moving_variance");
    CHECK_FALSE(net.blocks[5].trainable);
    CHECK(std::string(weight_slot_keras_name(net.blocks[6].slot)) == "kernel");
    CHECK(net.blocks[6].dims[0] == 2 * 2 * 4);
    CHECK(static_cast<int64_t>(net.params.size()) == net.summary.total_params);
    // Initialisers: glorot_uniform kernel, zero bias, gamma 1, beta 0, moving mean 0, moving variance 1.
    const float limit = std::sqrt(6.0f / (9 + 36));
    for (int64_t i = 0; i < 36; ++i) CHECK(std::fabs(net.params[size_t(i)]) <= limit);
    CHECK(net.params[36] == 0.0f);
    CHECK(net.params[size_t(net.blocks[2].offset)] == 1.0f);
    CHECK(net.params[size_t(net.blocks[3].offset)] == 0.0f);
    CHECK(net.params[size_t(net.blocks[5].offset)] == 1.0f);
}

TEST_CASE("network: the same seed gives the same initial weights") {
    Network a, b;
    REQUIRE(network_build(tiny_model(), options_with("adam", 0.001), &a).ok());
    REQUIRE(network_build(tiny_model(), options_with("adam", 0.001), &b).ok());
    CHECK(a.params == b.params);
}

TEST_CASE("network: a tiny model's loss falls on a small synthetic problem") {
    for (bool bn : {false, true}) {
        Network net;
        REQUIRE(network_build(tiny_model(bn), options_with("adam", 0.01), &net).ok());
        Rng data = rng_seeded(99);
        std::vector<float> x;
        std::vector<int32_t> labels;
        double first = 0, last = 0;
        for (int step = 0; step < 60; ++step) {
            synthetic_batch(&data, 16, &x, &labels);
            StepStats stats;
            Status s = network_train_batch(&net, x.data(), labels.data(), 16, &stats);
            REQUIRE_MESSAGE(s.ok(), s.error);
            if (step < 5) first += stats.loss / 5;
            if (step >= 55) last += stats.loss / 5;
        }
        INFO("batch norm " << bn << ": loss " << first << " -> " << last);
        CHECK(last < 0.5 * first);
        // And it classifies new examples in inference mode.
        synthetic_batch(&data, 16, &x, &labels);
        network_forward(&net, x.data(), 16, false);
        int correct = 0;
        const float* p = network_probabilities(net);
        for (int k = 0; k < 16; ++k) {
            int best = 0;
            for (int j = 1; j < 3; ++j)
                if (p[k * 3 + j] > p[k * 3 + best]) best = j;
            correct += best == labels[size_t(k)];
        }
        CHECK(correct >= 14);
    }
}

TEST_CASE("network: the whole backward pass matches finite differences of the loss") {
    Network net;
    NetworkOptions o = options_with("sgd", 0.01, 3);
    REQUIRE(network_build(tiny_model(true), o, &net).ok());
    Rng data = rng_seeded(4);
    std::vector<float> x;
    std::vector<int32_t> labels;
    synthetic_batch(&data, 3, &x, &labels);
    // No dropout in this model, so training-mode forward passes are repeatable;
    // BN's moving statistics change but do not enter the training-mode loss.
    auto loss = [&] {
        network_forward(&net, x.data(), 3, true);
        return network_loss(&net, labels.data(), 3);
    };
    loss();
    network_backward(&net, labels.data(), 3);
    for (const ParamBlock& b : net.blocks) {
        if (!b.trainable) continue;
        float* weights = net.params.data() + b.offset;
        const float* grads = net.grads.data() + b.offset;
        std::vector<float> w(weights, weights + b.count), g(grads, grads + b.count);
        auto block_loss = [&] {
            std::copy(w.begin(), w.end(), weights);
            return loss();
        };
        check_gradient(weight_slot_keras_name(b.slot), &w, g, block_loss, 1e-3f, 1e-2);  // a small step: relu and max pooling have kinks
        std::copy(w.begin(), w.end(), weights);
    }
}

TEST_CASE("network: when training diverges to NaN it stops, says so, and keeps the last good weights") {
    Network net;
    REQUIRE(network_build(tiny_model(), options_with("sgd", 0.01), &net).ok());
    Rng data = rng_seeded(7);
    std::vector<float> x;
    std::vector<int32_t> labels;
    synthetic_batch(&data, 16, &x, &labels);
    StepStats stats;
    REQUIRE(network_train_batch(&net, x.data(), labels.data(), 16, &stats).ok());
    net.optimizer.config.learning_rate = 1e30;
    std::vector<float> before_previous = net.params, before_this = net.params;
    Status s;
    for (int step = 0; step < 5 && s.ok(); ++step) {
        before_previous = before_this;
        before_this = net.params;
        s = network_train_batch(&net, x.data(), labels.data(), 16, &stats);
    }
    REQUIRE_FALSE(s.ok());
    INFO(s.error);
    CHECK(s.error.find("lower learning rate") != std::string::npos);
    // A NaN loss blames the update before it; weights made infinite blame this one.
    if (s.error.find("loss became") != std::string::npos) CHECK(net.params == before_previous);
    else CHECK(net.params == before_this);
    for (float v : net.params) CHECK(std::isfinite(v));
}

TEST_CASE("network: a model over the memory budget is refused with its size and the budget in MB") {
    NetworkOptions o = options_with("adadelta", 1.0, 128);
    o.memory_budget_bytes = int64_t(10) << 20;
    Network net;
    Status s = network_build(preset_model(Preset::SeedQuestion), o, &net);
    REQUIRE_FALSE(s.ok());
    INFO(s.error);
    CHECK(s.error.find("batch size 128") != std::string::npos);
    CHECK(s.error.find("budget of 10.0 MB") != std::string::npos);
    CHECK(s.error.find(" MB (weights ") != std::string::npos);
    o.memory_budget_bytes = kTrainingMemoryBudgetBytes;
    CHECK(network_build(preset_model(Preset::SeedQuestion), o, &net).ok());
}

TEST_CASE("network: a model that does not end in softmax is refused, naming the last layer") {
    ModelSpec m = tiny_model();
    m.layers.back().activation = Activation::Relu;
    Network net;
    Status s = network_build(m, options_with("adam", 0.001), &net);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error.find("softmax") != std::string::npos);
    CHECK(s.error.find("dense_1") != std::string::npos);
}
