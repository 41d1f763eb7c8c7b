// test_transpose_trace.cpp: Conv2DTranspose is a stride-1 convolution with the
// flipped kernel over the input spread one stride apart. For strides 1 and 2,
// 'valid' and 'same', with and without output_padding (and a dilated and an
// even kernel), the convolution of conv2d_transpose_as_conv's spread input and
// kernel (the reference Conv2D, and the view's trace) equals
// conv2d_transpose_forward, the layer's training forward pass.
#include <doctest.h>

#include <cmath>
#include <vector>

#include "core/kernels/conv2d_kernels.h"
#include "core/trace/conv_trace.h"
#include "core/trace/transpose_trace.h"
#include "core/train/layer_passes.h"
#include "train/train_test_helpers.h"

using namespace convlab;
using namespace convlab::test;

namespace {

struct Case {
    const char* name;
    Pair kernel, strides, dilation;
    Padding padding;
    bool has_op;
    Pair op;
};

void check_case(const Case& k) {
    CAPTURE(k.name);
    LayerSpec spec = make_layer(LayerKind::Conv2DTranspose);
    spec.filters = 3;
    spec.kernel = k.kernel;
    spec.strides = k.strides;
    spec.dilation = k.dilation;
    spec.padding = k.padding;
    spec.has_output_padding = k.has_op;
    spec.output_padding = k.op;
    const Shape input = Shape::image(4, 5, 2);
    const LayerSummary layer = summarize_one(spec, input);
    REQUIRE(layer.analysis.output.rank == 3);
    Rng rng = rng_seeded(23);
    const std::vector<float> x = random_buffer(&rng, input.elements());
    const std::vector<float> kernel = random_buffer(&rng, spec.kernel.h * spec.kernel.w * 3 * 2);
    const std::vector<float> bias = random_buffer(&rng, 3);
    const int64_t out = layer.analysis.output.elements();

    const Conv2DGeometry mirror = conv2d_transpose_geometry(spec, layer, 1);
    std::vector<float> scratch(size_t(conv2d_scratch_floats(mirror)) + 1, 0.0f);
    std::vector<float> y_layer(size_t(out), 0.0f);
    conv2d_transpose_forward(mirror, x.data(), kernel.data(), bias.data(), y_layer.data(), scratch.data());

    const TransposeAsConv t = conv2d_transpose_as_conv(spec, layer, x.data(), kernel.data());
    CHECK(t.g.sh == 1);
    CHECK(t.g.ho == layer.analysis.output.h());
    CHECK(t.g.wo == layer.analysis.output.w());
    std::vector<float> y_conv(size_t(out), 0.0f);
    conv2d_forward_ref(t.g, t.x.data(), t.w.data(), bias.data(), y_conv.data());
    ConvTraceSource src;
    src.kind = LayerKind::Conv2D;
    src.g = t.g;
    src.x = t.x.data();
    src.w = t.w.data();
    src.b = bias.data();
    std::vector<float> y_trace(size_t(out), 0.0f);
    conv_trace_output_all(src, y_trace.data());
    int64_t mismatches = 0;
    for (int64_t i = 0; i < out; ++i) {
        const float ref = y_layer[size_t(i)], tol = 1e-5f * (1.0f + std::fabs(ref));
        if (std::fabs(y_conv[size_t(i)] - ref) > tol || std::fabs(y_trace[size_t(i)] - ref) > tol) ++mismatches;
    }
    CHECK(mismatches == 0);
    // Every value of the input sits one stride apart in the spread input, zeros between.
    int64_t nonzero = 0;
    for (float v : t.x) nonzero += v != 0.0f ? 1 : 0;
    CHECK(nonzero <= input.elements());
}

}  // namespace

TEST_CASE("transpose trace: a 3×3 Conv2DTranspose, stride 1 'valid', is a 'full' convolution with the flipped kernel") {
    check_case({"s1 valid", {3, 3}, {1, 1}, {1, 1}, Padding::Valid, false, {0, 0}});
    LayerSpec spec = make_layer(LayerKind::Conv2DTranspose);
    spec.filters = 1;
    spec.kernel = {3, 3};
    const LayerSummary layer = summarize_one(spec, Shape::image(4, 5, 1));
    std::vector<float> x(20, 1.0f), k(9, 1.0f);
    const TransposeAsConv t = conv2d_transpose_as_conv(spec, layer, x.data(), k.data());
    // (4, 5) grows to (6, 7): two zero rows and columns of border on each side.
    CHECK(t.g.h == 4);
    CHECK(t.g.pad_top == 2);
    CHECK(t.g.pad_left == 2);
    CHECK(t.pad_bottom == 2);
    CHECK(t.pad_right == 2);
}

TEST_CASE("transpose trace: stride 2 spreads (4, 5) to (7, 9) with a zero between neighbours") {
    LayerSpec spec = make_layer(LayerKind::Conv2DTranspose);
    spec.filters = 1;
    spec.kernel = {3, 3};
    spec.strides = {2, 2};
    const LayerSummary layer = summarize_one(spec, Shape::image(4, 5, 1));
    std::vector<float> x(20), k(9, 1.0f);
    for (size_t i = 0; i < x.size(); ++i) x[i] = float(i + 1);
    const TransposeAsConv t = conv2d_transpose_as_conv(spec, layer, x.data(), k.data());
    CHECK(t.g.h == 7);
    CHECK(t.g.w == 9);
    CHECK(t.zeros_between_h == 1);
    CHECK(t.zeros_between_w == 1);
    CHECK(t.x[0] == 1.0f);
    CHECK(t.x[1] == 0.0f);
    CHECK(t.x[2] == 2.0f);
    CHECK(t.x[9] == 0.0f);   // row 1 is all zeros
    CHECK(t.x[18] == 6.0f);  // row 2 starts with the input's second row
}

TEST_CASE("transpose trace: strides 1 and 2, 'valid' and 'same', output_padding: the same numbers as the layer") {
    const Case cases[] = {
        {"s1 same", {3, 3}, {1, 1}, {1, 1}, Padding::Same, false, {0, 0}},
        {"s2 valid", {3, 3}, {2, 2}, {1, 1}, Padding::Valid, false, {0, 0}},
        {"s2 same", {3, 3}, {2, 2}, {1, 1}, Padding::Same, false, {0, 0}},
        {"s2 valid op 1", {3, 3}, {2, 2}, {1, 1}, Padding::Valid, true, {1, 1}},
        {"s2 same op 1", {3, 3}, {2, 2}, {1, 1}, Padding::Same, true, {1, 0}},
        {"s2 same op 0", {3, 3}, {2, 2}, {1, 1}, Padding::Same, true, {0, 1}},
        {"s2 valid 2x2", {2, 2}, {2, 2}, {1, 1}, Padding::Valid, false, {0, 0}},
        {"s2 same 4x4", {4, 4}, {2, 2}, {1, 1}, Padding::Same, false, {0, 0}},
        {"s3 same 2x3 op 2", {2, 3}, {3, 2}, {1, 1}, Padding::Same, true, {2, 1}},
        {"s1 valid dilated", {3, 2}, {1, 1}, {2, 2}, Padding::Valid, false, {0, 0}},
        {"s1 same dilated", {3, 3}, {1, 1}, {2, 1}, Padding::Same, false, {0, 0}},
    };
    for (const Case& k : cases) check_case(k);
}
