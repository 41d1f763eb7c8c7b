// test_elementwise.cpp: each four-lane kernel of kernels/elementwise.h against
// its reference twin, bit for bit, on lengths around the vector width (0 to
// 37, so every tail length is seen) and on the values where a careless
// vectorisation differs: NaN, ±0, ±infinity, ties in a pooling window. Also
// max pooling's backward as a whole, against the window-by-window loop it
// replaced.
#include <doctest.h>

#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "core/kernels/elementwise.h"
#include "kernel_test_util.h"

using namespace convlab;
using convlab::test::XorShift;

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();

// Random values with the awkward ones mixed in: every 5th is special.
std::vector<float> awkward(int64_t n, XorShift* rng, bool positive = false) {
    static const float special[] = {0.0f, -0.0f, kNaN, kInf, -kInf, 1e-38f, -1e-38f};
    std::vector<float> v = test::random_vector(n, rng);
    for (int64_t i = 0; i < n; ++i) {
        if (positive) v[size_t(i)] = std::fabs(v[size_t(i)]);
        if (rng->next() % 5 == 0 && !positive) v[size_t(i)] = special[rng->next() % 7];
    }
    return v;
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b, std::string* where) {
    if (a.size() != b.size()) return *where = "sizes differ", false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::memcmp(&a[i], &b[i], sizeof(float)) != 0) {
            *where = "element " + std::to_string(i) + ": " + std::to_string(a[i]) + " against " + std::to_string(b[i]);
            return false;
        }
    return true;
}

#define CHECK_SAME(fast, ref)                       \
    do {                                            \
        std::string where;                          \
        const bool same = same_bits(fast, ref, &where); \
        INFO(where);                                \
        CHECK(same);                                \
    } while (0)

}  // namespace

TEST_CASE("elementwise: ReLU, its backward and the product, as their twins, bit for bit") {
    XorShift rng(7);
    for (int64_t n = 0; n <= 37; ++n) {
        CAPTURE(n);
        const std::vector<float> x = awkward(n, &rng), dy = awkward(n, &rng);
        std::vector<float> a(size_t(n), 5.0f), b(size_t(n), 5.0f);
        relu_forward(x.data(), a.data(), n);
        relu_forward_ref(x.data(), b.data(), n);
        CHECK_SAME(a, b);
        relu_backward(x.data(), dy.data(), a.data(), n);
        relu_backward_ref(x.data(), dy.data(), b.data(), n);
        CHECK_SAME(a, b);
        multiply(x.data(), dy.data(), a.data(), n);
        multiply_ref(x.data(), dy.data(), b.data(), n);
        CHECK_SAME(a, b);
    }
    // In place, as the network runs them (y = x, dz = dy).
    std::vector<float> v = awkward(29, &rng), w = v;
    relu_forward(v.data(), v.data(), 29);
    relu_forward_ref(w.data(), w.data(), 29);
    CHECK_SAME(v, w);
}

TEST_CASE("elementwise: a pooling window's running max and its routing, as their twins") {
    XorShift rng(11);
    for (int64_t n = 0; n <= 37; ++n) {
        CAPTURE(n);
        // Four cells of a 2×2 window: the running max over them, then each
        // gradient routed to the first cell equal to it (ties included: the
        // third cell repeats the first).
        std::vector<std::vector<float>> cells = {awkward(n, &rng), awkward(n, &rng), {}, awkward(n, &rng)};
        cells[2] = cells[0];
        std::vector<float> y_fast(size_t(n), -kInf), y_ref = y_fast;
        for (const auto& c : cells) {
            max_into(y_fast.data(), c.data(), n);
            max_into_ref(y_ref.data(), c.data(), n);
        }
        CHECK_SAME(y_fast, y_ref);
        const std::vector<float> dy = awkward(n, &rng);
        std::vector<std::vector<float>> dx_fast(4, test::filled(n)), dx_ref = dx_fast;
        std::vector<float> routed_fast(size_t(n), 0.0f), routed_ref = routed_fast;
        for (size_t k = 0; k < 4; ++k) {
            max_route(cells[k].data(), y_ref.data(), dy.data(), dx_fast[k].data(), routed_fast.data(), n);
            max_route_ref(cells[k].data(), y_ref.data(), dy.data(), dx_ref[k].data(), routed_ref.data(), n);
            CHECK_SAME(dx_fast[k], dx_ref[k]);
        }
        CHECK_SAME(routed_fast, routed_ref);
    }
}

TEST_CASE("elementwise: a tie in a window sends the gradient to its first cell only") {
    const float x0[] = {1, 2, 3, 4, 5}, x1[] = {1, 9, 3, 4, 5}, y[] = {1, 9, 3, 4, 5}, dy[] = {10, 20, 30, 40, 50};
    float dx0[5] = {}, dx1[5] = {}, routed[5] = {};
    max_route(x0, y, dy, dx0, routed, 5);
    max_route(x1, y, dy, dx1, routed, 5);
    // Channel 1's max (9) is in the second cell; every other channel ties and goes to the first.
    const float want0[] = {10, 0, 30, 40, 50}, want1[] = {0, 20, 0, 0, 0};
    for (int c = 0; c < 5; ++c) {
        CHECK(dx0[c] == want0[c]);
        CHECK(dx1[c] == want1[c]);
    }
}

TEST_CASE("elementwise: the optimizers' updates, as their twins, over several steps") {
    XorShift rng(23);
    for (int64_t n : {0, 1, 3, 4, 5, 8, 13, 37, 1000}) {
        CAPTURE(n);
        const std::vector<float> w0 = test::random_vector(n, &rng);
        std::vector<float> wf = w0, wr = w0;
        std::vector<float> s1f = awkward(n, &rng, true), s1r = s1f, s2f = awkward(n, &rng, true), s2r = s2f;
        for (int step = 0; step < 4; ++step) {
            const std::vector<float> g = test::random_vector(n, &rng);
            sgd_step(0.01f, wf.data(), g.data(), n);
            sgd_step_ref(0.01f, wr.data(), g.data(), n);
            CHECK_SAME(wf, wr);
            for (bool nesterov : {false, true}) {
                sgd_momentum_step(0.01f, 0.9f, nesterov, wf.data(), g.data(), s1f.data(), n);
                sgd_momentum_step_ref(0.01f, 0.9f, nesterov, wr.data(), g.data(), s1r.data(), n);
                CHECK_SAME(wf, wr);
                CHECK_SAME(s1f, s1r);
            }
            adam_step(0.001f, 0.9f, 0.999f, 1e-7f, wf.data(), g.data(), s1f.data(), s2f.data(), n);
            adam_step_ref(0.001f, 0.9f, 0.999f, 1e-7f, wr.data(), g.data(), s1r.data(), s2r.data(), n);
            CHECK_SAME(wf, wr);
            CHECK_SAME(s2f, s2r);
            rmsprop_step(0.001f, 0.9f, 1e-7f, wf.data(), g.data(), s2f.data(), n);
            rmsprop_step_ref(0.001f, 0.9f, 1e-7f, wr.data(), g.data(), s2r.data(), n);
            CHECK_SAME(wf, wr);
            adadelta_step(1.0f, 0.95f, 1e-7f, wf.data(), g.data(), s1f.data(), s2f.data(), n);
            adadelta_step_ref(1.0f, 0.95f, 1e-7f, wr.data(), g.data(), s1r.data(), s2r.data(), n);
            CHECK_SAME(wf, wr);
            CHECK_SAME(s1f, s1r);
            CHECK_SAME(s2f, s2r);
        }
        if (n > 0) CHECK(wf != w0);  // the steps moved the weights
    }
}
