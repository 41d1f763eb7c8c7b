// test_conv2d_kernels.cpp: the convolution kernels. A case small enough to work
// by hand; the reference backward kernels against central finite differences of
// the reference forward; and each fast kernel against its reference on shapes
// that are not multiples of 4 (Cin 3, 5; Cout 7, 63; 9×9, 13×13), strides,
// dilation, 'same' padding, Kh ≠ Kw, batches of 1 and 3, and the seed's conv2;
// the direct small-Cin path (called by name) on the same kinds of shapes; and
// the same bits whatever the thread count.
#include <doctest.h>

#include <algorithm>
#include <cstring>

#include "core/kernels/conv2d_kernels.h"
#include "core/parallel/thread_pool.h"
#include "kernel_test_util.h"

using namespace convlab;
using convlab::test::XorShift;

namespace {

struct ConvCase {
    int64_t n, h, w, cin, kh, kw, cout;
    int64_t stride = 1, dilation = 1;
    bool same = false;  // Keras padding='same' (else 'valid')
};

// Output size and padding the way Keras computes them (TensorFlow puts an odd padding cell last).
Conv2DGeometry geometry_of(const ConvCase& s) {
    Conv2DGeometry g;
    g.n = s.n, g.h = s.h, g.w = s.w, g.cin = s.cin, g.kh = s.kh, g.kw = s.kw, g.cout = s.cout;
    g.sh = g.sw = s.stride;
    g.dh = g.dw = s.dilation;
    const int64_t span_h = (s.kh - 1) * s.dilation + 1, span_w = (s.kw - 1) * s.dilation + 1;
    if (s.same) {
        g.ho = (s.h + s.stride - 1) / s.stride, g.wo = (s.w + s.stride - 1) / s.stride;
        g.pad_top = std::max<int64_t>((g.ho - 1) * s.stride + span_h - s.h, 0) / 2;
        g.pad_left = std::max<int64_t>((g.wo - 1) * s.stride + span_w - s.w, 0) / 2;
    } else {
        g.ho = (s.h - span_h) / s.stride + 1, g.wo = (s.w - span_w) / s.stride + 1;
    }
    return g;
}

int64_t x_size(const Conv2DGeometry& g) { return g.n * g.h * g.w * g.cin; }
int64_t y_size(const Conv2DGeometry& g) { return g.n * g.ho * g.wo * g.cout; }
int64_t w_size(const Conv2DGeometry& g) { return g.kh * g.kw * g.cin * g.cout; }

// All three fast kernels against the references on random data; the scratch
// is filled with garbage first, so nothing may rely on it being zero.
void check_fast_matches_reference(const ConvCase& s, bool with_bias, uint32_t seed) {
    const Conv2DGeometry g = geometry_of(s);
    INFO("N " << s.n << ", " << s.h << "x" << s.w << "x" << s.cin << ", kernel " << s.kh << "x" << s.kw << " → "
              << s.cout << ", stride " << s.stride << ", dilation " << s.dilation << (s.same ? ", same" : ", valid"));
    REQUIRE(g.ho > 0);
    REQUIRE(g.wo > 0);
    XorShift rng(seed);
    const std::vector<float> x = test::random_vector(x_size(g), &rng), w = test::random_vector(w_size(g), &rng);
    const std::vector<float> b = test::random_vector(g.cout, &rng), dy = test::random_vector(y_size(g), &rng);
    std::vector<float> scratch = test::random_vector(conv2d_scratch_floats(g), &rng);
    const float* bias = with_bias ? b.data() : nullptr;

    std::vector<float> y_ref = test::filled(y_size(g)), y_fast = test::filled(y_size(g), 7.0f);
    conv2d_forward_ref(g, x.data(), w.data(), bias, y_ref.data());
    conv2d_forward(g, x.data(), w.data(), bias, y_fast.data(), scratch.data());
    test::check_close(y_fast, y_ref, g.kh * g.kw * g.cin);

    std::vector<float> dx_ref = test::filled(x_size(g)), dx_fast = test::filled(x_size(g), 7.0f);
    conv2d_backward_input_ref(g, dy.data(), w.data(), dx_ref.data());
    conv2d_backward_input(g, dy.data(), w.data(), dx_fast.data(), scratch.data());
    test::check_close(dx_fast, dx_ref, g.kh * g.kw * g.cout);

    std::vector<float> dw_ref = test::filled(w_size(g)), dw_fast = test::filled(w_size(g), 7.0f);
    std::vector<float> db_ref = test::filled(g.cout), db_fast = test::filled(g.cout, 7.0f);
    conv2d_backward_weights_ref(g, x.data(), dy.data(), dw_ref.data(), with_bias ? db_ref.data() : nullptr);
    conv2d_backward_weights(g, x.data(), dy.data(), dw_fast.data(), with_bias ? db_fast.data() : nullptr,
                            scratch.data());
    test::check_close(dw_fast, dw_ref, g.n * g.ho * g.wo);
    if (with_bias) test::check_close(db_fast, db_ref, g.n * g.ho * g.wo);
}

// The direct path's two kernels against the references. conv2d_forward takes
// that path by itself only when Cin < 4; called by name it must hold for any
// Cin, so larger ones check it too. Scratch is garbage-filled, as above.
void check_direct_matches_reference(const ConvCase& s, bool with_bias, uint32_t seed) {
    const Conv2DGeometry g = geometry_of(s);
    INFO("direct: N " << s.n << ", " << s.h << "x" << s.w << "x" << s.cin << ", kernel " << s.kh << "x" << s.kw
                      << " → " << s.cout << ", stride " << s.stride << ", dilation " << s.dilation
                      << (s.same ? ", same" : ", valid"));
    REQUIRE(conv2d_direct_fits(g));
    XorShift rng(seed);
    const std::vector<float> x = test::random_vector(x_size(g), &rng), w = test::random_vector(w_size(g), &rng);
    const std::vector<float> b = test::random_vector(g.cout, &rng), dy = test::random_vector(y_size(g), &rng);
    std::vector<float> scratch = test::random_vector(conv2d_direct_scratch_floats(g), &rng);
    const float* bias = with_bias ? b.data() : nullptr;

    std::vector<float> y_ref = test::filled(y_size(g)), y_direct = test::filled(y_size(g), 7.0f);
    conv2d_forward_ref(g, x.data(), w.data(), bias, y_ref.data());
    conv2d_forward_direct(g, x.data(), w.data(), bias, y_direct.data(), scratch.data());
    test::check_close(y_direct, y_ref, g.kh * g.kw * g.cin);

    std::vector<float> dw_ref = test::filled(w_size(g)), dw_direct = test::filled(w_size(g), 7.0f);
    std::vector<float> db_ref = test::filled(g.cout), db_direct = test::filled(g.cout, 7.0f);
    conv2d_backward_weights_ref(g, x.data(), dy.data(), dw_ref.data(), with_bias ? db_ref.data() : nullptr);
    conv2d_backward_weights_direct(g, x.data(), dy.data(), dw_direct.data(), with_bias ? db_direct.data() : nullptr,
                                   scratch.data());
    test::check_close(dw_direct, dw_ref, g.n * g.ho * g.wo);
    if (with_bias) test::check_close(db_direct, db_ref, g.n * g.ho * g.wo);
}

// L = Σ y·r for a fixed random r, so ∂L/∂y = r; summed in double.
double loss(const Conv2DGeometry& g, const std::vector<float>& x, const std::vector<float>& w,
            const std::vector<float>& b, const std::vector<float>& r) {
    std::vector<float> y = test::filled(y_size(g));
    conv2d_forward_ref(g, x.data(), w.data(), b.data(), y.data());
    double sum = 0.0;
    for (size_t i = 0; i < y.size(); ++i) sum += static_cast<double>(y[i]) * r[i];
    return sum;
}

// ∂L/∂v[i] ≈ (L(v[i] + h) − L(v[i] − h)) / 2h for every element of v (which is x, w or b).
std::vector<double> finite_differences(const Conv2DGeometry& g, std::vector<float>* v, std::vector<float>* x,
                                       std::vector<float>* w, std::vector<float>* b, const std::vector<float>& r) {
    const float h = 1e-2f;
    std::vector<double> grad(v->size());
    for (size_t i = 0; i < v->size(); ++i) {
        const float saved = (*v)[i];
        (*v)[i] = saved + h;
        const double up = loss(g, *x, *w, *b, r);
        (*v)[i] = saved - h;
        const double down = loss(g, *x, *w, *b, r);
        (*v)[i] = saved;
        grad[i] = (up - down) / (2.0 * static_cast<double>(h));
    }
    return grad;
}

void check_gradient(const std::vector<float>& analytic, const std::vector<double>& numeric, const char* what) {
    REQUIRE(analytic.size() == numeric.size());
    for (size_t i = 0; i < numeric.size(); ++i) {
        INFO(what << "[" << i << "]: kernel " << analytic[i] << ", finite difference " << numeric[i]);
        CHECK(std::fabs(analytic[i] - numeric[i]) <= 1e-3 * (1.0 + std::fabs(numeric[i])));
    }
}

// Both backward kernels (reference and fast) against finite differences of the reference forward.
void check_gradients(const ConvCase& s, uint32_t seed) {
    const Conv2DGeometry g = geometry_of(s);
    XorShift rng(seed);
    std::vector<float> x = test::random_vector(x_size(g), &rng), w = test::random_vector(w_size(g), &rng);
    std::vector<float> b = test::random_vector(g.cout, &rng);
    const std::vector<float> r = test::random_vector(y_size(g), &rng);
    std::vector<float> scratch = test::filled(conv2d_scratch_floats(g));

    const std::vector<double> dx_numeric = finite_differences(g, &x, &x, &w, &b, r);
    const std::vector<double> dw_numeric = finite_differences(g, &w, &x, &w, &b, r);
    const std::vector<double> db_numeric = finite_differences(g, &b, &x, &w, &b, r);

    std::vector<float> dx(x.size()), dw(w.size()), db(b.size());
    conv2d_backward_input_ref(g, r.data(), w.data(), dx.data());
    conv2d_backward_weights_ref(g, x.data(), r.data(), dw.data(), db.data());
    check_gradient(dx, dx_numeric, "reference dx");
    check_gradient(dw, dw_numeric, "reference dw");
    check_gradient(db, db_numeric, "reference db");

    conv2d_backward_input(g, r.data(), w.data(), dx.data(), scratch.data());
    conv2d_backward_weights(g, x.data(), r.data(), dw.data(), db.data(), scratch.data());
    check_gradient(dx, dx_numeric, "fast dx");
    check_gradient(dw, dw_numeric, "fast dw");
    check_gradient(db, db_numeric, "fast db");
}

}  // namespace

TEST_CASE("conv2d kernels: a 1x1 kernel of 0.5 with bias 1 maps [1 2; 3 4] to [1.5 2; 2.5 3]") {
    const ConvCase s{1, 2, 2, 1, 1, 1, 1};
    const Conv2DGeometry g = geometry_of(s);
    REQUIRE(g.ho == 2);
    REQUIRE(g.wo == 2);
    const float x[] = {1, 2, 3, 4}, w[] = {0.5f}, b[] = {1.0f}, dy[] = {1, 1, 1, 1};
    std::vector<float> scratch = test::filled(conv2d_scratch_floats(g));
    float y_ref[4], y_fast[4], dx_ref[4], dx_fast[4], dw_ref[1], dw_fast[1], db_ref[1], db_fast[1];
    conv2d_forward_ref(g, x, w, b, y_ref);
    conv2d_forward(g, x, w, b, y_fast, scratch.data());
    conv2d_backward_input_ref(g, dy, w, dx_ref);
    conv2d_backward_input(g, dy, w, dx_fast, scratch.data());
    conv2d_backward_weights_ref(g, x, dy, dw_ref, db_ref);
    conv2d_backward_weights(g, x, dy, dw_fast, db_fast, scratch.data());
    const float y_expected[] = {1.5f, 2.0f, 2.5f, 3.0f};
    for (int i = 0; i < 4; ++i) {
        CHECK(y_ref[i] == y_expected[i]);
        CHECK(y_fast[i] == y_expected[i]);
        CHECK(dx_ref[i] == 0.5f);  // each input feeds one output, through the weight 0.5
        CHECK(dx_fast[i] == 0.5f);
    }
    CHECK(dw_ref[0] == 10.0f);  // Σ x·dy = 1 + 2 + 3 + 4
    CHECK(dw_fast[0] == 10.0f);
    CHECK(db_ref[0] == 4.0f);  // Σ dy
    CHECK(db_fast[0] == 4.0f);
}

TEST_CASE("conv2d kernels: a 2x2 kernel over a 3x3 input with 'valid' padding sums each 2x2 window") {
    // x = [1 2 3; 4 5 6; 7 8 9], w = [1 0; 0 −1]: y[i,j] = x[i,j] − x[i+1,j+1] = −4 everywhere.
    const ConvCase s{1, 3, 3, 1, 2, 2, 1};
    const Conv2DGeometry g = geometry_of(s);
    const float x[] = {1, 2, 3, 4, 5, 6, 7, 8, 9}, w[] = {1, 0, 0, -1};
    std::vector<float> scratch = test::filled(conv2d_scratch_floats(g));
    float y_ref[4], y_fast[4];
    conv2d_forward_ref(g, x, w, nullptr, y_ref);
    conv2d_forward(g, x, w, nullptr, y_fast, scratch.data());
    for (int i = 0; i < 4; ++i) {
        CHECK(y_ref[i] == -4.0f);
        CHECK(y_fast[i] == -4.0f);
    }
}

TEST_CASE("conv2d kernels: the reference gradients match central finite differences of the forward pass") {
    check_gradients({2, 4, 5, 2, 3, 2, 3, 1, 1, true}, 11);  // 'same', Kh ≠ Kw, batch 2
    check_gradients({1, 7, 6, 3, 3, 3, 2, 2, 1, true}, 12);  // stride 2, 'same'
    check_gradients({1, 7, 7, 2, 2, 3, 2, 1, 2}, 13);        // dilation 2, 'valid'
}

TEST_CASE("conv2d kernels: fast kernels match the reference on sizes that are not multiples of 4") {
    const ConvCase cases[] = {
        {1, 9, 9, 5, 3, 3, 7},                  // Cin 5, Cout 7
        {3, 13, 13, 3, 3, 3, 63},               // batch 3, Cout 63
        {1, 13, 9, 3, 5, 3, 7, 1, 1, true},     // Kh ≠ Kw, 'same'
        {3, 13, 13, 5, 3, 3, 7, 2, 1, true},    // stride 2, 'same'
        {1, 13, 13, 3, 3, 3, 7, 1, 2},          // dilation 2, 'valid'
        {1, 12, 11, 5, 3, 3, 7, 1, 2, true},    // dilation 2, 'same'
        {3, 9, 9, 5, 1, 1, 63},                 // 1x1 kernel
        {1, 9, 9, 3, 2, 2, 5, 2},               // 2x2 stride 2, like a pooling window
        {2, 28, 28, 1, 3, 3, 32},               // the seed's conv1 (Cin 1)
        {1, 11, 10, 37, 3, 3, 9, 1, 1, true},   // Kh·Kw·Cin = 333: k split in chunks
        {1, 5, 5, 2, 5, 5, 3, 1, 1, true},      // kernel as large as the input
        {1, 1, 1, 3, 1, 1, 1},                  // one pixel
    };
    uint32_t seed = 100;
    for (const ConvCase& s : cases) {
        check_fast_matches_reference(s, true, seed++);
        check_fast_matches_reference(s, false, seed++);
    }
}

TEST_CASE("conv2d kernels: fast kernels match the reference on the seed's conv2 (26x26x32 → 24x24x63), batch 2") {
    check_fast_matches_reference({2, 26, 26, 32, 3, 3, 63}, true, 2024);
}

TEST_CASE("conv2d kernels: the direct small-Cin path matches the reference (Cin 1, 2, 3, and larger by name)") {
    const ConvCase cases[] = {
        {2, 28, 28, 1, 3, 3, 32},               // the seed's conv1: K = 9 in 3 groups of 3 taps
        {3, 13, 11, 1, 3, 3, 7},                // Cout 7: one partial panel of channels
        {1, 13, 13, 2, 3, 3, 63, 1, 1, true},   // Cin 2, 'same': a padded copy of each image
        {3, 13, 13, 3, 3, 3, 9, 2, 1, true},    // Cin 3, stride 2, 'same' (the odd padding cell after)
        {1, 14, 13, 3, 3, 3, 8, 2},             // stride 2, 'valid', the last input row unread
        {1, 13, 13, 1, 3, 3, 5, 1, 2},          // dilation 2, 'valid'
        {2, 12, 11, 2, 3, 3, 17, 1, 2, true},   // dilation 2, 'same'
        {1, 13, 9, 1, 5, 3, 10, 1, 1, true},    // Kh ≠ Kw, 'same'; K = 15: groups of 4, 4, 4, 3
        {1, 9, 9, 3, 1, 1, 8},                  // 1x1 kernel: K = 3, one group
        {1, 9, 9, 1, 2, 2, 3, 2},               // 2x2 stride 2: K = 4, one group of 4
        {1, 5, 5, 2, 5, 5, 3, 1, 1, true},      // kernel as large as the input, mostly padding
        {1, 1, 1, 1, 1, 1, 1},                  // one pixel
        {2, 9, 9, 5, 3, 3, 7},                  // Cin 5 (by name: conv2d_forward uses im2col here)
        {1, 8, 7, 32, 3, 3, 12, 1, 1, true},    // Cin 32, 'same': K = 288
    };
    uint32_t seed = 300;
    for (const ConvCase& s : cases) {
        check_direct_matches_reference(s, true, seed++);
        check_direct_matches_reference(s, false, seed++);
        check_fast_matches_reference(s, true, seed++);  // what conv2d_forward chose for this Cin
    }
}

TEST_CASE("conv2d kernels: the direct forward pass sums in the reference's order, so the seed's conv1 is exact") {
    // bias, then the taps in (p, q, c) order, as conv2d_forward_ref; a padding tap adds +0.
    for (bool same : {false, true}) {
        const Conv2DGeometry g = geometry_of({2, 28, 28, 1, 3, 3, 32, 1, 1, same});
        XorShift rng(same ? 41 : 42);
        const std::vector<float> x = test::random_vector(x_size(g), &rng), w = test::random_vector(w_size(g), &rng);
        const std::vector<float> b = test::random_vector(g.cout, &rng);
        std::vector<float> scratch = test::filled(conv2d_scratch_floats(g));
        std::vector<float> y_ref = test::filled(y_size(g)), y_fast = test::filled(y_size(g), 7.0f);
        conv2d_forward_ref(g, x.data(), w.data(), b.data(), y_ref.data());
        conv2d_forward(g, x.data(), w.data(), b.data(), y_fast.data(), scratch.data());
        CHECK(y_fast == y_ref);
    }
}

namespace {

// Every output of the three kernels (and of the direct path, called by name)
// on `threads` threads, in one vector, for comparing bit for bit.
std::vector<float> all_outputs(const ConvCase& s, int threads, uint32_t seed) {
    const Conv2DGeometry g = geometry_of(s);
    XorShift rng(seed);
    const std::vector<float> x = convlab::test::random_vector(x_size(g), &rng);
    const std::vector<float> w = convlab::test::random_vector(w_size(g), &rng);
    const std::vector<float> b = convlab::test::random_vector(g.cout, &rng);
    const std::vector<float> dy = convlab::test::random_vector(y_size(g), &rng);
    std::vector<float> scratch = convlab::test::filled(conv2d_scratch_floats(g), 7.0f);
    std::vector<float> y = convlab::test::filled(y_size(g)), dx = convlab::test::filled(x_size(g));
    std::vector<float> dw = convlab::test::filled(w_size(g)), db = convlab::test::filled(g.cout);
    REQUIRE(set_thread_count(threads) == threads);
    conv2d_forward(g, x.data(), w.data(), b.data(), y.data(), scratch.data());
    conv2d_backward_input(g, dy.data(), w.data(), dx.data(), scratch.data());
    conv2d_backward_weights(g, x.data(), dy.data(), dw.data(), db.data(), scratch.data());
    std::vector<float> out = y;
    out.insert(out.end(), dx.begin(), dx.end());
    out.insert(out.end(), dw.begin(), dw.end());
    out.insert(out.end(), db.begin(), db.end());
    if (conv2d_direct_fits(g)) {
        std::vector<float> direct_scratch = convlab::test::filled(conv2d_direct_scratch_floats(g), 7.0f);
        conv2d_forward_direct(g, x.data(), w.data(), b.data(), y.data(), direct_scratch.data());
        conv2d_backward_weights_direct(g, x.data(), dy.data(), dw.data(), db.data(), direct_scratch.data());
        out.insert(out.end(), y.begin(), y.end());
        out.insert(out.end(), dw.begin(), dw.end());
    }
    set_thread_count(1);
    return out;
}

}  // namespace

// The kernels split along their outputs only (parallel/thread_pool.h), so the
// thread count may change who computes a value but never how: same bits.
TEST_CASE("conv2d kernels: 2, 3 and 5 threads give the same bits as 1, on both paths") {
    const convlab::test::KeepThreadCount keep;
    if (set_thread_count(2) != 2) {
        MESSAGE("built without threads: nothing to compare");
        return;
    }
    const ConvCase cases[] = {
        {4, 28, 28, 1, 3, 3, 32},               // the seed's conv1 (direct path), 4 images
        {3, 26, 26, 32, 3, 3, 63},              // the seed's conv2, K = 288 split in shares
        {3, 13, 13, 5, 3, 3, 7, 2, 1, true},    // stride 2, 'same', Cin 5 (not a multiple of 4)
        {2, 13, 13, 2, 3, 3, 17, 1, 2, true},   // Cin 2, dilation 2, 'same': padded images per thread
        {1, 11, 10, 37, 3, 3, 9, 1, 1, true},   // one image, K = 333
        {5, 9, 9, 64, 1, 1, 16},                // 1x1: one tap, K = 64 split by channels
        {1, 1, 1, 3, 1, 1, 1},                  // one pixel: fewer tasks than threads
    };
    uint32_t seed = 700;
    for (const ConvCase& s : cases) {
        const std::vector<float> one = all_outputs(s, 1, seed);
        for (int threads : {2, 3, 5}) {
            const std::vector<float> many = all_outputs(s, threads, seed);
            INFO("case n=" << s.n << " " << s.h << "x" << s.w << "x" << s.cin << " -> " << s.cout << ", "
                           << threads << " threads");
            REQUIRE(many.size() == one.size());
            CHECK(std::memcmp(many.data(), one.data(), one.size() * sizeof(float)) == 0);
        }
        ++seed;
    }
}
