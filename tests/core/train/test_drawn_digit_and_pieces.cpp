// test_drawn_digit_and_pieces.cpp: a drawing prepared as MNIST's digits were
// (20×20 box, centre of mass in the middle), and a batch trained in pieces
// giving the same update as the whole batch at once.
#include <doctest.h>

#include <cmath>
#include <vector>

#include "core/train/drawn_digit.h"
#include "core/train/network.h"
#include "train_test_helpers.h"

using namespace convlab;

TEST_CASE("drawn digit: a bar drawn in a corner is scaled to 20 pixels tall and centred") {
    std::vector<float> pad(112 * 112, 0.0f);
    for (int i = 4; i < 44; ++i)        // 40 px tall, 8 px wide, top-left
        for (int j = 6; j < 14; ++j) pad[size_t(i * 112 + j)] = 1.0f;
    float out[28 * 28];
    REQUIRE(mnist_center_drawing(pad.data(), 112, 112, out));
    int top = 28, bottom = -1, left = 28, right = -1;
    double mass = 0, ci = 0, cj = 0;
    for (int i = 0; i < 28; ++i)
        for (int j = 0; j < 28; ++j)
            if (out[i * 28 + j] > 0.0f) {
                top = std::min(top, i); bottom = std::max(bottom, i);
                left = std::min(left, j); right = std::max(right, j);
                mass += out[i * 28 + j]; ci += out[i * 28 + j] * (i + 0.5); cj += out[i * 28 + j] * (j + 0.5);
            }
    CHECK(bottom - top + 1 == 20);
    CHECK(right - left + 1 == 4);
    CHECK(std::fabs(ci / mass - 14.0) <= 0.5);
    CHECK(std::fabs(cj / mass - 14.0) <= 0.5);
}

TEST_CASE("drawn digit: an empty pad gives false and an empty image") {
    std::vector<float> pad(28 * 28, 0.0f);
    float out[28 * 28];
    out[5] = 3.0f;
    CHECK_FALSE(mnist_center_drawing(pad.data(), 28, 28, out));
    CHECK(out[5] == 0.0f);
}

TEST_CASE("network: a batch of 12 in pieces of 5, 5 and 2 gives the whole batch's update") {
    ModelSpec m;
    LayerSpec in = make_layer(LayerKind::InputLayer);
    in.input_shape = Shape::image(6, 6, 1);
    m.layers.push_back(in);
    LayerSpec conv = make_layer(LayerKind::Conv2D);
    conv.filters = 3;
    conv.activation = Activation::Relu;
    m.layers.push_back(conv);
    m.layers.push_back(make_layer(LayerKind::Flatten));
    LayerSpec dense = make_layer(LayerKind::Dense);
    dense.units = 4;
    dense.activation = Activation::Softmax;
    m.layers.push_back(dense);
    NetworkOptions o;
    o.batch_size = 12;
    o.optimizer = optimizer_from_name("adam").value;
    Network whole, pieces;
    REQUIRE(network_build(m, o, &whole).ok());
    REQUIRE(network_build(m, o, &pieces).ok());
    Rng rng = rng_seeded(3);
    const std::vector<float> x = test::random_buffer(&rng, 12 * 36, 0.0f, 1.0f);
    std::vector<int32_t> labels(12);
    for (int32_t& y : labels) y = int32_t(rng_below(&rng, 4));
    StepStats a;
    REQUIRE(network_train_batch(&whole, x.data(), labels.data(), 12, &a).ok());
    double loss = 0;
    int64_t at = 0;
    for (int64_t n : {5, 5, 2}) {
        StepStats s;
        REQUIRE(network_train_piece(&pieces, x.data() + at * 36, labels.data() + at, n, 12, &s).ok());
        loss += s.loss * double(n) / 12.0;
        at += n;
    }
    REQUIRE(network_finish_batch(&pieces).ok());
    CHECK(loss == doctest::Approx(a.loss).epsilon(1e-5));
    double worst = 0;
    for (size_t i = 0; i < whole.params.size(); ++i)
        worst = std::max(worst, double(std::fabs(whole.params[i] - pieces.params[i])));
    CHECK(worst < 1e-5);
    CHECK(pieces.steps == 1);
}
