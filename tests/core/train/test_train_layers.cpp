// test_train_layers.cpp: every layer's forward pass on a case small enough to
// check by hand, and its backward pass against central finite differences for
// the input and every weight (seeded random inputs, L = Σ y·r).
#include <doctest.h>

#include <algorithm>
#include <numeric>

#include "core/train/layer_passes.h"
#include "train_test_helpers.h"

using namespace convlab;
using namespace convlab::test;

namespace {

LayerSpec conv_spec(int64_t filters, int64_t k, Padding padding = Padding::Valid, Pair strides = {1, 1},
                    Pair dilation = {1, 1}) {
    LayerSpec s = make_layer(LayerKind::Conv2D);
    s.filters = filters;
    s.kernel = {k, k};
    s.padding = padding;
    s.strides = strides;
    s.dilation = dilation;
    return s;
}

// Distinct values spaced 0.1 apart in a seeded order: no ties for max pooling,
// and no finite-difference step crosses from one max to another.
std::vector<float> distinct_values(Rng* rng, int64_t count) {
    std::vector<float> v(static_cast<size_t>(count));
    for (int64_t i = 0; i < count; ++i) v[size_t(i)] = 0.1f * static_cast<float>(i) - 0.05f * static_cast<float>(count);
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng_below(rng, static_cast<uint32_t>(i))]);
    return v;
}

}  // namespace

TEST_CASE("conv2d: a 2x2 kernel of ones on a 3x3 input sums each window and adds the bias") {
    LayerSummary l = summarize_one(conv_spec(1, 2), Shape::image(3, 3, 1));
    Conv2DGeometry g = conv2d_geometry(conv_spec(1, 2), l, 1);
    std::vector<float> x = {1, 2, 3, 4, 5, 6, 7, 8, 9}, w = {1, 1, 1, 1}, b = {10}, y(4);
    std::vector<float> scratch(size_t(std::max<int64_t>(1, conv2d_scratch_floats(g))));
    conv2d_forward_layer(g, x.data(), w.data(), b.data(), y.data(), scratch.data());
    CHECK(y == std::vector<float>{22, 26, 34, 38});
}

TEST_CASE("conv2d: 'same' padding on an even input puts the odd padding cell after, as Keras does") {
    // 4x4 input, 2x2 kernel, stride 1: total padding 1, none before, one after.
    LayerSpec spec = conv_spec(1, 2, Padding::Same);
    LayerSummary l = summarize_one(spec, Shape::image(4, 4, 1));
    Conv2DGeometry g = conv2d_geometry(spec, l, 1);
    CHECK(g.pad_top == 0);
    CHECK(g.pad_left == 0);
    std::vector<float> x(16), w = {1, 1, 1, 1}, y(16);
    std::iota(x.begin(), x.end(), 1.0f);
    std::vector<float> scratch(size_t(std::max<int64_t>(1, conv2d_scratch_floats(g))));
    conv2d_forward_layer(g, x.data(), w.data(), nullptr, y.data(), scratch.data());
    CHECK(y[0] == 1.0f + 2 + 5 + 6);  // top-left window: no padding before
    CHECK(y[15] == 16.0f);           // bottom-right window: three padding cells after
}

TEST_CASE("conv2d: backward matches finite differences for input, kernel and bias (stride 2, 'same', 2 channels)") {
    LayerSpec spec = conv_spec(3, 3, Padding::Same, {2, 2});
    LayerSummary l = summarize_one(spec, Shape::image(5, 4, 2));
    Conv2DGeometry g = conv2d_geometry(spec, l, 2);
    Rng rng = rng_seeded(11);
    std::vector<float> x = random_buffer(&rng, g.n * g.h * g.w * g.cin), w = random_buffer(&rng, 3 * 3 * 2 * 3),
                       b = random_buffer(&rng, 3), r = random_buffer(&rng, g.n * g.ho * g.wo * g.cout);
    std::vector<float> y(r.size()), dx(x.size()), dw(w.size()), db(b.size());
    std::vector<float> scratch(size_t(std::max<int64_t>(1, conv2d_scratch_floats(g))));
    auto loss = [&] {
        conv2d_forward_layer(g, x.data(), w.data(), b.data(), y.data(), scratch.data());
        return weighted_sum(y, r);
    };
    conv2d_backward_layer(g, x.data(), w.data(), r.data(), dx.data(), dw.data(), db.data(), scratch.data());
    check_gradient("dx", &x, dx, loss);
    check_gradient("dw", &w, dw, loss);
    check_gradient("db", &b, db, loss);
}

TEST_CASE("conv2d: backward matches finite differences with dilation 2 and 'valid' padding") {
    LayerSpec spec = conv_spec(2, 2, Padding::Valid, {1, 1}, {2, 2});
    LayerSummary l = summarize_one(spec, Shape::image(5, 5, 3));
    Conv2DGeometry g = conv2d_geometry(spec, l, 1);
    CHECK(g.ho == 3);
    Rng rng = rng_seeded(12);
    std::vector<float> x = random_buffer(&rng, g.h * g.w * g.cin), w = random_buffer(&rng, 2 * 2 * 3 * 2),
                       r = random_buffer(&rng, g.ho * g.wo * g.cout);
    std::vector<float> y(r.size()), dx(x.size()), dw(w.size());
    std::vector<float> scratch(size_t(std::max<int64_t>(1, conv2d_scratch_floats(g))));
    auto loss = [&] {
        conv2d_forward_layer(g, x.data(), w.data(), nullptr, y.data(), scratch.data());
        return weighted_sum(y, r);
    };
    conv2d_backward_layer(g, x.data(), w.data(), r.data(), dx.data(), dw.data(), nullptr, scratch.data());
    check_gradient("dx", &x, dx, loss);
    check_gradient("dw", &w, dw, loss);
}

TEST_CASE("depthwise_conv2d: each channel keeps to its own filters, output channel c*dm + m") {
    LayerSpec spec = make_layer(LayerKind::DepthwiseConv2D);
    spec.kernel = {1, 1};
    spec.depth_multiplier = 2;
    LayerSummary l = summarize_one(spec, Shape::image(1, 1, 2));
    Conv2DGeometry g = depthwise_conv2d_geometry(spec, l, 1);
    std::vector<float> x = {3, 5}, w = {1, 2, 10, 20}, b = {0, 0, 0, 1}, y(4);  // w is (1,1,Cin=2,dm=2)
    depthwise_conv2d_forward(g, x.data(), w.data(), b.data(), y.data());
    CHECK(y == std::vector<float>{3, 6, 50, 101});
}

TEST_CASE("depthwise_conv2d: backward matches finite differences (dm 2, 'same', stride 2)") {
    LayerSpec spec = make_layer(LayerKind::DepthwiseConv2D);
    spec.kernel = {3, 2};
    spec.depth_multiplier = 2;
    spec.padding = Padding::Same;
    spec.strides = {2, 2};
    LayerSummary l = summarize_one(spec, Shape::image(5, 4, 2));
    Conv2DGeometry g = depthwise_conv2d_geometry(spec, l, 2);
    Rng rng = rng_seeded(13);
    std::vector<float> x = random_buffer(&rng, g.n * g.h * g.w * g.cin), w = random_buffer(&rng, 3 * 2 * 2 * 2),
                       b = random_buffer(&rng, 4), r = random_buffer(&rng, g.n * g.ho * g.wo * g.cout);
    std::vector<float> y(r.size()), dx(x.size()), dw(w.size()), db(b.size());
    auto loss = [&] {
        depthwise_conv2d_forward(g, x.data(), w.data(), b.data(), y.data());
        return weighted_sum(y, r);
    };
    depthwise_conv2d_backward(g, x.data(), w.data(), r.data(), dx.data(), dw.data(), db.data());
    check_gradient("dx", &x, dx, loss);
    check_gradient("dw", &w, dw, loss);
    check_gradient("db", &b, db, loss);
}

TEST_CASE("separable_conv2d: a depthwise pass then a 1x1 pass, and its backward matches finite differences") {
    LayerSpec spec = make_layer(LayerKind::SeparableConv2D);
    spec.filters = 3;
    spec.kernel = {2, 2};
    spec.depth_multiplier = 1;
    LayerSummary l = summarize_one(spec, Shape::image(2, 2, 2));
    SeparableGeometry g = separable_conv2d_geometry(spec, l, 1);
    {
        // Hand case: depthwise sums each channel's 2x2 window (weights 1), pointwise mixes them.
        std::vector<float> x = {1, 10, 2, 20, 3, 30, 4, 40}, wd(8, 1.0f), wp = {1, 0, 1, 0, 1, 1}, b = {0, 0, 0.5f};
        std::vector<float> mid(2), y(3);
        std::vector<float> scratch(size_t(std::max<int64_t>(1, conv2d_scratch_floats(g.pointwise))));
        separable_conv2d_forward(g, x.data(), wd.data(), wp.data(), b.data(), mid.data(), y.data(), scratch.data());
        CHECK(mid == std::vector<float>{10, 100});
        CHECK(y == std::vector<float>{10, 100, 110.5f});
    }
    spec.kernel = {3, 3};
    spec.depth_multiplier = 2;
    spec.padding = Padding::Same;
    l = summarize_one(spec, Shape::image(4, 3, 2));
    g = separable_conv2d_geometry(spec, l, 2);
    Rng rng = rng_seeded(14);
    const int64_t mid_count = 2 * 4 * 3 * 4;
    std::vector<float> x = random_buffer(&rng, 2 * 4 * 3 * 2), wd = random_buffer(&rng, 3 * 3 * 2 * 2),
                       wp = random_buffer(&rng, 4 * 3), b = random_buffer(&rng, 3), r = random_buffer(&rng, 2 * 4 * 3 * 3);
    std::vector<float> mid(static_cast<size_t>(mid_count)), dmid(mid.size()), y(r.size()), dx(x.size()), dwd(wd.size()),
        dwp(wp.size()), db(b.size());
    std::vector<float> scratch(size_t(std::max<int64_t>(1, conv2d_scratch_floats(g.pointwise))));
    auto loss = [&] {
        separable_conv2d_forward(g, x.data(), wd.data(), wp.data(), b.data(), mid.data(), y.data(), scratch.data());
        return weighted_sum(y, r);
    };
    loss();
    separable_conv2d_backward(g, x.data(), wd.data(), wp.data(), mid.data(), r.data(), dmid.data(), dx.data(),
                              dwd.data(), dwp.data(), db.data(), scratch.data());
    check_gradient("dx", &x, dx, loss);
    check_gradient("d depthwise_kernel", &wd, dwd, loss);
    check_gradient("d pointwise_kernel", &wp, dwp, loss);
    check_gradient("db", &b, db, loss);
}

TEST_CASE("max_pooling2d: 2x2 windows of a 4x4 input keep each window's largest value") {
    LayerSpec spec = make_layer(LayerKind::MaxPooling2D);
    LayerSummary l = summarize_one(spec, Shape::image(4, 4, 1));
    Pool2DGeometry g = pool2d_geometry(spec, l, 1);
    std::vector<float> x = {1, 5, 2, 0, 3, 4, 8, 1, 0, 0, 1, 1, 9, 0, 1, 7}, y(4);
    max_pooling2d_forward(g, x.data(), y.data());
    CHECK(y == std::vector<float>{5, 8, 9, 7});
    std::vector<float> dy = {1, 2, 3, 4}, dx(16);
    max_pooling2d_backward(g, x.data(), y.data(), dy.data(), dx.data());
    CHECK(dx[1] == 1.0f);
    CHECK(dx[6] == 2.0f);
    CHECK(dx[12] == 3.0f);
    CHECK(dx[15] == 4.0f);
    CHECK(std::accumulate(dx.begin(), dx.end(), 0.0f) == 10.0f);
}

TEST_CASE("max_pooling2d: backward matches finite differences under 'same' padding with stride 2") {
    LayerSpec spec = make_layer(LayerKind::MaxPooling2D);
    spec.kernel = {3, 3};
    spec.strides = {2, 2};
    spec.padding = Padding::Same;
    LayerSummary l = summarize_one(spec, Shape::image(5, 4, 2));
    Pool2DGeometry g = pool2d_geometry(spec, l, 2);
    Rng rng = rng_seeded(15);
    std::vector<float> x = distinct_values(&rng, 2 * 5 * 4 * 2), r = random_buffer(&rng, 2 * g.ho * g.wo * 2);
    std::vector<float> y(r.size()), dx(x.size());
    auto loss = [&] {
        max_pooling2d_forward(g, x.data(), y.data());
        return weighted_sum(y, r);
    };
    loss();
    max_pooling2d_backward(g, x.data(), y.data(), r.data(), dx.data());
    check_gradient("dx", &x, dx, loss);
}

TEST_CASE("average_pooling2d: under 'same' the padding cells are not counted in the average") {
    LayerSpec spec = make_layer(LayerKind::AveragePooling2D);
    spec.padding = Padding::Same;
    LayerSummary l = summarize_one(spec, Shape::image(3, 3, 1));
    Pool2DGeometry g = pool2d_geometry(spec, l, 1);
    std::vector<float> x = {1, 2, 3, 4, 5, 6, 7, 8, 9}, y(4);
    average_pooling2d_forward(g, x.data(), y.data());
    CHECK(y[0] == doctest::Approx(3.0));   // (1 + 2 + 4 + 5) / 4
    CHECK(y[1] == doctest::Approx(4.5));   // (3 + 6) / 2, not / 4
    CHECK(y[2] == doctest::Approx(7.5));   // (7 + 8) / 2
    CHECK(y[3] == doctest::Approx(9.0));   // 9 / 1
}

TEST_CASE("average_pooling2d: backward matches finite differences under 'same' padding") {
    LayerSpec spec = make_layer(LayerKind::AveragePooling2D);
    spec.kernel = {3, 2};
    spec.strides = {2, 1};
    spec.padding = Padding::Same;
    LayerSummary l = summarize_one(spec, Shape::image(5, 4, 2));
    Pool2DGeometry g = pool2d_geometry(spec, l, 2);
    Rng rng = rng_seeded(16);
    std::vector<float> x = random_buffer(&rng, 2 * 5 * 4 * 2), r = random_buffer(&rng, 2 * g.ho * g.wo * 2);
    std::vector<float> y(r.size()), dx(x.size());
    auto loss = [&] {
        average_pooling2d_forward(g, x.data(), y.data());
        return weighted_sum(y, r);
    };
    average_pooling2d_backward(g, r.data(), dx.data());
    check_gradient("dx", &x, dx, loss);
}

TEST_CASE("global pooling: the average and the max of each channel, and both backward passes") {
    std::vector<float> x = {1, -1, 3, -3, 5, -5, 7, -7}, y(2);  // (1,2,2,2)
    global_average_pooling2d_forward(1, 2, 2, 2, x.data(), y.data());
    CHECK(y == std::vector<float>{4, -4});
    global_max_pooling2d_forward(1, 2, 2, 2, x.data(), y.data());
    CHECK(y == std::vector<float>{7, -1});

    Rng rng = rng_seeded(17);
    std::vector<float> xs = distinct_values(&rng, 2 * 3 * 2 * 3), r = random_buffer(&rng, 2 * 3), ys(6), dx(xs.size());
    auto avg = [&] {
        global_average_pooling2d_forward(2, 3, 2, 3, xs.data(), ys.data());
        return weighted_sum(ys, r);
    };
    global_average_pooling2d_backward(2, 3, 2, 3, r.data(), dx.data());
    check_gradient("global average dx", &xs, dx, avg);
    auto max = [&] {
        global_max_pooling2d_forward(2, 3, 2, 3, xs.data(), ys.data());
        return weighted_sum(ys, r);
    };
    max();
    global_max_pooling2d_backward(2, 3, 2, 3, xs.data(), ys.data(), r.data(), dx.data());
    check_gradient("global max dx", &xs, dx, max);
}

TEST_CASE("zero_padding2d: zeros around the image, and backward crops the gradient") {
    ZeroPaddingGeometry g{1, 1, 2, 1, 1, 0, 0, 2};  // 1x2 -> 2x4
    std::vector<float> x = {5, 6}, y(8);
    zero_padding2d_forward(g, x.data(), y.data());
    CHECK(y == std::vector<float>{0, 0, 0, 0, 5, 6, 0, 0});
    std::vector<float> dy = {1, 2, 3, 4, 5, 6, 7, 8}, dx(2);
    zero_padding2d_backward(g, dy.data(), dx.data());
    CHECK(dx == std::vector<float>{5, 6});
}

TEST_CASE("flatten: NHWC memory is already Keras's flattened order") {
    std::vector<float> x = {1, 2, 3, 4, 5, 6}, y(6), dx(6);
    flatten_forward(6, x.data(), y.data());
    CHECK(y == x);
    flatten_backward(6, y.data(), dx.data());
    CHECK(dx == x);
}

TEST_CASE("dense: y = x·W + b by hand, and on the last axis of an image input") {
    std::vector<float> x = {1, 2}, w = {1, 2, 3, 4, 5, 6}, b = {0.5f, 0, -1}, y(3);  // w is (2,3)
    dense_forward(1, 2, 3, x.data(), w.data(), b.data(), y.data());
    CHECK(y == std::vector<float>{9.5f, 12, 14});
    std::vector<float> image = {1, 2, 0, 1}, y2(6);  // (1,1,2,2): two positions of 2 features
    dense_forward(2, 2, 3, image.data(), w.data(), nullptr, y2.data());
    CHECK(y2 == std::vector<float>{9, 12, 15, 4, 5, 6});
}

TEST_CASE("dense: backward matches finite differences for input, kernel and bias") {
    Rng rng = rng_seeded(18);
    const int64_t rows = 5, in = 7, units = 9;  // not multiples of 4
    std::vector<float> x = random_buffer(&rng, rows * in), w = random_buffer(&rng, in * units),
                       b = random_buffer(&rng, units), r = random_buffer(&rng, rows * units);
    std::vector<float> y(r.size()), dx(x.size()), dw(w.size()), db(b.size());
    auto loss = [&] {
        dense_forward(rows, in, units, x.data(), w.data(), b.data(), y.data());
        return weighted_sum(y, r);
    };
    dense_backward(rows, in, units, x.data(), w.data(), r.data(), dx.data(), dw.data(), db.data());
    check_gradient("dx", &x, dx, loss);
    check_gradient("dw", &w, dw, loss);
    check_gradient("db", &b, db, loss);
}

TEST_CASE("dropout: in training about rate of the values are zeroed and the rest scaled by 1/(1 - rate)") {
    Rng rng = rng_seeded(19);
    std::vector<float> x(10000, 1.0f), mask(x.size()), y(x.size());
    dropout_forward(0.25, true, &rng, x.data(), mask.data(), y.data(), 10000);
    int64_t zeros = 0;
    for (float v : y) {
        CHECK((v == 0.0f || v == doctest::Approx(1.0 / 0.75)));
        zeros += v == 0.0f;
    }
    CHECK(zeros > 2300);
    CHECK(zeros < 2700);
    std::vector<float> dx(x.size());
    dropout_backward(mask.data(), x.data(), dx.data(), 10000);
    CHECK(dx == y);
}

TEST_CASE("dropout: at inference it is the identity") {
    Rng rng = rng_seeded(20);
    std::vector<float> x = {1, 2, 3}, mask(3), y(3);
    dropout_forward(0.5, false, &rng, x.data(), mask.data(), y.data(), 3);
    CHECK(y == x);
}

TEST_CASE("batch_normalization: batch statistics in training, Keras's moving-average update") {
    BatchNormGeometry g{4, 1, 0.99, 1e-3};
    std::vector<float> x = {1, 2, 3, 4}, y(4), x_hat(4), inv_std(1), mm = {0}, mv = {1};
    batch_normalization_forward_train(g, x.data(), nullptr, nullptr, mm.data(), mv.data(), y.data(), x_hat.data(),
                                      inv_std.data());
    // mean 2.5, biased variance 1.25: y = (x − 2.5) / √(1.25 + 0.001)
    CHECK(y[0] == doctest::Approx(-1.5 / std::sqrt(1.251)));
    CHECK(y[3] == doctest::Approx(1.5 / std::sqrt(1.251)));
    CHECK(mm[0] == doctest::Approx(0.025));                                       // 0·0.99 + 2.5·0.01
    CHECK(mv[0] == doctest::Approx(0.99 + 1.25 * 4.0 / (4.0 - 1.001) * 0.01));  // unbiased, Keras 2
    std::vector<float> gamma = {2}, beta = {1}, yi(4);
    batch_normalization_forward_infer(g, x.data(), gamma.data(), beta.data(), mm.data(), mv.data(), yi.data());
    CHECK(yi[0] == doctest::Approx(2.0 * (1.0 - mm[0]) / std::sqrt(mv[0] + 1e-3) + 1.0));
}

TEST_CASE("batch_normalization: backward matches finite differences for input, gamma and beta") {
    Rng rng = rng_seeded(21);
    BatchNormGeometry g{6, 3, 0.99, 1e-3};
    std::vector<float> x = random_buffer(&rng, 18), gamma = random_buffer(&rng, 3, 0.5f, 1.5f),
                       beta = random_buffer(&rng, 3), r = random_buffer(&rng, 18);
    std::vector<float> y(18), x_hat(18), inv_std(3), mm(3, 0.0f), mv(3, 1.0f), dx(18), dgamma(3), dbeta(3);
    auto loss = [&] {
        batch_normalization_forward_train(g, x.data(), gamma.data(), beta.data(), mm.data(), mv.data(), y.data(),
                                          x_hat.data(), inv_std.data());
        return weighted_sum(y, r);
    };
    loss();
    batch_normalization_backward(g, x_hat.data(), inv_std.data(), gamma.data(), r.data(), dx.data(), dgamma.data(),
                                 dbeta.data());
    check_gradient("dx", &x, dx, loss, 1e-2f, 5e-3);
    check_gradient("dgamma", &gamma, dgamma, loss);
    check_gradient("dbeta", &beta, dbeta, loss);
}

TEST_CASE("activations: relu, sigmoid, tanh, softmax and linear by hand") {
    std::vector<float> x = {-1, 0, 2}, y(3);
    activation_forward(Activation::Relu, x.data(), y.data(), 1, 3);
    CHECK(y == std::vector<float>{0, 0, 2});
    activation_forward(Activation::Sigmoid, x.data(), y.data(), 1, 3);
    CHECK(y[1] == 0.5f);
    activation_forward(Activation::Tanh, x.data(), y.data(), 1, 3);
    CHECK(y[2] == doctest::Approx(std::tanh(2.0)));
    activation_forward(Activation::Linear, x.data(), y.data(), 1, 3);
    CHECK(y == x);
    std::vector<float> z = {0, std::log(3.0f), 1000, 1000}, p(4);  // two rows of two
    activation_forward(Activation::Softmax, z.data(), p.data(), 2, 2);
    CHECK(p[0] == doctest::Approx(0.25));
    CHECK(p[1] == doctest::Approx(0.75));
    CHECK(p[2] == doctest::Approx(0.5));
}

TEST_CASE("activations: every backward pass matches finite differences") {
    const Activation kinds[] = {Activation::Relu, Activation::Sigmoid, Activation::Tanh, Activation::Softmax,
                                Activation::Linear, Activation::Elu, Activation::Swish, Activation::Gelu};
    for (Activation a : kinds) {
        Rng rng = rng_seeded(22);
        std::vector<float> x = random_buffer(&rng, 12, -2.0f, 2.0f), r = random_buffer(&rng, 12);
        for (float& v : x)
            if (std::fabs(v) < 0.1f) v += 0.2f;  // keep relu's kink out of the finite-difference step
        std::vector<float> y(12), dz(12);
        auto loss = [&] {
            activation_forward(a, x.data(), y.data(), 3, 4);
            return weighted_sum(y, r);
        };
        loss();
        activation_backward(a, x.data(), y.data(), r.data(), dz.data(), 3, 4);
        check_gradient(activation_name(a), &x, dz, loss);
    }
}
