// test_train_loss_optimizer_rng.cpp: softmax cross-entropy (stable with huge
// logits, its fused gradient, accuracy), one step of each optimizer against
// values worked out by hand from Keras's update equations, and the random
// generator against PCG's published reference output.
#include <doctest.h>

#include <cmath>
#include <vector>

#include "core/train/loss.h"
#include "core/train/optimizer.h"
#include "core/train/rng.h"

using namespace convlab;

TEST_CASE("softmax cross-entropy: huge logits give a finite loss and finite probabilities") {
    std::vector<float> logits = {1000, 0, -1000, 1000, 0, -1000}, p(6);
    std::vector<int32_t> labels = {0, 1};
    const double loss = softmax_cross_entropy_forward(logits.data(), labels.data(), 2, 3, p.data());
    CHECK(std::isfinite(loss));
    CHECK(loss == doctest::Approx((0.0 + 1000.0) / 2.0));  // −log p = 0 for row 1, 1000 for row 2
    for (float v : p) CHECK(std::isfinite(v));
    CHECK(p[0] == doctest::Approx(1.0));
}

TEST_CASE("softmax cross-entropy: log 3 for three equal logits, and the gradient (p - y) / N") {
    std::vector<float> logits = {2, 2, 2}, p(3), d(3);
    std::vector<int32_t> labels = {2};
    CHECK(softmax_cross_entropy_forward(logits.data(), labels.data(), 1, 3, p.data()) == doctest::Approx(std::log(3.0)));
    softmax_cross_entropy_backward(p.data(), labels.data(), 1, 3, d.data());
    CHECK(d[0] == doctest::Approx(1.0 / 3));
    CHECK(d[2] == doctest::Approx(1.0 / 3 - 1));
}

TEST_CASE("accuracy: counts the rows whose largest score is at the label") {
    std::vector<float> scores = {0.1f, 0.9f, 0.8f, 0.2f, 0.5f, 0.5f};
    std::vector<int32_t> labels = {1, 1, 0};
    CHECK(count_correct(scores.data(), labels.data(), 3, 2) == 2);  // a tie counts for the first
}

TEST_CASE("sgd: plain, momentum and nesterov steps as Keras computes them") {
    OptimizerConfig c = optimizer_from_name("sgd").value;
    c.learning_rate = 0.1;
    float w = 1.0f, g = 0.5f, v = 0.0f;
    sgd_update(c, &w, &g, &v, 1);
    CHECK(w == doctest::Approx(0.95));
    c.momentum = 0.9;
    w = 1.0f;
    sgd_update(c, &w, &g, &v, 1);  // v = −0.05, w = 0.95
    sgd_update(c, &w, &g, &v, 1);  // v = 0.9·(−0.05) − 0.05 = −0.095, w = 0.855
    CHECK(v == doctest::Approx(-0.095));
    CHECK(w == doctest::Approx(0.855));
    c.nesterov = true;
    w = 1.0f;
    v = 0.0f;
    sgd_update(c, &w, &g, &v, 1);  // w = 1 + 0.9·(−0.05) − 0.05
    CHECK(w == doctest::Approx(0.905));
}

TEST_CASE("adam: the first step moves a weight by about lr, with Keras's defaults") {
    OptimizerConfig c = optimizer_from_name("adam").value;
    CHECK(c.learning_rate == 0.001);
    CHECK(c.beta_1 == 0.9);
    CHECK(c.beta_2 == 0.999);
    CHECK(c.epsilon == 1e-7);
    float w = 1.0f, g = 0.5f, m = 0.0f, v = 0.0f;
    adam_update(c, 1, &w, &g, &m, &v, 1);
    CHECK(m == doctest::Approx(0.05));
    CHECK(v == doctest::Approx(0.00025));
    CHECK(w == doctest::Approx(0.9990000063245154).epsilon(1e-7));
}

TEST_CASE("rmsprop: one step with Keras's defaults (lr 0.001, rho 0.9, no momentum)") {
    OptimizerConfig c = optimizer_from_name("RMSprop").value;
    float w = 1.0f, g = 0.5f, a = 0.0f;
    rmsprop_update(c, &w, &g, &a, 1);
    CHECK(a == doctest::Approx(0.025));
    CHECK(w == doctest::Approx(0.9968377243398303).epsilon(1e-7));
}

TEST_CASE("adadelta: the keras2.3 variant (lr 1.0) and the tf.keras variant (lr 0.001) take one step") {
    OptimizerConfig k = optimizer_from_name("Adadelta").value;
    CHECK(k.learning_rate == 1.0);
    CHECK(k.rho == 0.95);
    float w = 1.0f, g = 0.5f, a = 0.0f, d = 0.0f;
    adadelta_update(k, &w, &g, &a, &d, 1);
    CHECK(a == doctest::Approx(0.0125));
    CHECK(w == doctest::Approx(0.9985857920944472).epsilon(1e-7));
    CHECK(d == doctest::Approx(9.999920000639995e-08));
    OptimizerConfig t = optimizer_from_name("adadelta-tf").value;
    CHECK(t.learning_rate == 0.001);
    w = 1.0f; a = 0.0f; d = 0.0f;
    adadelta_update(t, &w, &g, &a, &d, 1);
    CHECK(w == doctest::Approx(0.9999985857920944).epsilon(1e-8));
}

TEST_CASE("optimizer_from_compile: the compile() arguments override Keras's defaults, unknown names fail") {
    CompileSpec c{"categorical_crossentropy", "Adadelta", {{"learning_rate", 0.5}, {"rho", 0.9}}};
    Result<OptimizerConfig> r = optimizer_from_compile(c);
    REQUIRE(r.ok());
    CHECK(r.value.kind == OptimizerKind::Adadelta);
    CHECK(r.value.learning_rate == 0.5);
    CHECK(r.value.rho == 0.9);
    CHECK(optimizer_from_compile(CompileSpec{}).value.name == "Adadelta (keras2.3)");
    Result<OptimizerConfig> bad = optimizer_from_name("lbfgs");
    CHECK_FALSE(bad.ok());
    CHECK(bad.error.find("adadelta-tf") != std::string::npos);
}

TEST_CASE("rng: PCG32 seeded with 42 on stream 54 gives pcg32-demo's published first outputs") {
    Rng r = rng_seeded(42, 54);
    CHECK(rng_next_u32(&r) == 0xa15c02b7u);
    CHECK(rng_next_u32(&r) == 0x7b47f409u);
    CHECK(rng_next_u32(&r) == 0xba1d3330u);
    CHECK(rng_next_u32(&r) == 0x83d2f293u);
}

TEST_CASE("rng: the same seed gives the same uniform, bounded and normal draws") {
    Rng a = rng_seeded(7), b = rng_seeded(7), c = rng_seeded(8);
    bool differs = false;
    for (int i = 0; i < 100; ++i) {
        const float u = rng_uniform(&a);
        CHECK(u == rng_uniform(&b));
        CHECK(u >= 0.0f);
        CHECK(u < 1.0f);
        differs = differs || u != rng_uniform(&c);
        const uint32_t k = rng_below(&a, 10);
        CHECK(k == rng_below(&b, 10));
        CHECK(k < 10u);
        CHECK(rng_normal(&a) == rng_normal(&b));
    }
    CHECK(differs);
}

TEST_CASE("rng: normal draws have mean about 0 and variance about 1") {
    Rng r = rng_seeded(9);
    double sum = 0, sq = 0;
    for (int i = 0; i < 20000; ++i) {
        const double v = rng_normal(&r);
        sum += v;
        sq += v * v;
    }
    CHECK(std::fabs(sum / 20000) < 0.03);
    CHECK(std::fabs(sq / 20000 - 1.0) < 0.05);
}

TEST_CASE("glorot_uniform: every weight lies within sqrt(6 / (fan_in + fan_out))") {
    Rng r = rng_seeded(3);
    std::vector<float> w(3 * 3 * 32 * 63);
    glorot_uniform_fill(&r, 3 * 3 * 32, 3 * 3 * 63, w.data(), static_cast<int64_t>(w.size()));
    const float limit = std::sqrt(6.0f / (288 + 567));
    float largest = 0;
    for (float v : w) largest = std::max(largest, std::fabs(v));
    CHECK(largest <= limit);
    CHECK(largest > 0.95f * limit);
}
