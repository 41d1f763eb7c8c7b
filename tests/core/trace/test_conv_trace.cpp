// test_conv_trace.cpp: the animation's numbers are the real ones. For several
// shapes (stride 2, 'same' with an odd padding, dilation 2, Cin not a multiple
// of 4, no bias, the seed's conv2d_2, DepthwiseConv2D, SeparableConv2D) the last partial sum of
// every channel walk equals conv2d_forward_ref, and the weight counter ends on
// the parameter count summarize() reports. Pooling traces equal the kernels.
#include <doctest.h>

#include <cmath>
#include <vector>

#include "core/trace/conv_trace.h"
#include "core/analysis/layer_analysers.h"
#include "core/trace/pool_trace.h"
#include "core/train/layer_passes.h"
#include "train/train_test_helpers.h"

using namespace convlab;
using namespace convlab::test;

namespace {

LayerSpec conv_layer(int64_t filters, Pair kernel, Pair strides = {1, 1}, Padding padding = Padding::Valid,
                     Pair dilation = {1, 1}, bool bias = true) {
    LayerSpec s = make_layer(LayerKind::Conv2D);
    s.filters = filters;
    s.kernel = kernel;
    s.strides = strides;
    s.padding = padding;
    s.dilation = dilation;
    s.use_bias = bias;
    return s;
}

// A layer with seeded random input, weights and bias, ready to trace.
struct Traced {
    LayerSpec spec;
    LayerSummary layer;
    std::vector<float> x, w, b, y_ref;
    ConvTraceSource src;
};

Traced make_traced(const LayerSpec& spec, const Shape& input, uint64_t seed) {
    Traced t;
    t.spec = spec;
    t.layer = summarize_one(spec, input);
    Rng rng = rng_seeded(seed);
    const bool depthwise = spec.kind == LayerKind::DepthwiseConv2D;
    const Conv2DGeometry g =
        depthwise ? depthwise_conv2d_geometry(spec, t.layer, 1) : conv2d_geometry(spec, t.layer, 1);
    t.x = random_buffer(&rng, g.h * g.w * g.cin);
    t.w = random_buffer(&rng, g.kh * g.kw * (depthwise ? g.cout : g.cin * g.cout));
    if (spec.use_bias) t.b = random_buffer(&rng, g.cout);
    t.y_ref.assign(size_t(g.ho * g.wo * g.cout), 0.0f);
    const float* b = spec.use_bias ? t.b.data() : nullptr;
    if (depthwise) depthwise_conv2d_forward(g, t.x.data(), t.w.data(), b, t.y_ref.data());
    else conv2d_forward_ref(g, t.x.data(), t.w.data(), b, t.y_ref.data());
    t.src.kind = spec.kind;
    t.src.g = g;
    t.src.x = t.x.data();
    t.src.w = t.w.data();
    t.src.b = b;
    return t;
}

bool close(float a, float b) { return std::fabs(a - b) <= 1e-5f * (1.0f + std::fabs(b)); }

// Walks every output value channel by channel and checks the final partial sum;
// then the Slide and AllFilters modes; then the counters.
void check_trace(const Traced& t) {
    const ConvTraceSource& s = t.src;
    const Conv2DGeometry& g = s.g;
    ConvTraceStep step;
    const int64_t walk = conv_trace_step_count(s, TraceMode::ChannelWalk);
    int64_t mismatches = 0;
    for (int64_t i = 0; i < g.ho; ++i)
        for (int64_t j = 0; j < g.wo; ++j)
            for (int64_t o = 0; o < g.cout; ++o) {
                const float ref = t.y_ref[size_t((i * g.wo + j) * g.cout + o)];
                // Only a sample of positions is walked step by step (the walk is quadratic).
                if ((i * 7 + j * 3 + o) % 11 == 0) {
                    conv_trace_step(s, TraceMode::ChannelWalk, {i, j, o}, walk - 1, &step);
                    if (!close(step.partial_sum, ref)) ++mismatches;
                }
                if (!close(conv_trace_output(s, i, j, o), ref)) ++mismatches;
            }
    CHECK(mismatches == 0);

    const TraceFocus focus{g.ho - 1, g.wo / 2, g.cout - 1};
    conv_trace_step(s, TraceMode::ChannelWalk, focus, walk - 1, &step);
    CHECK(step.weights_counted == conv_trace_weights_per_filter(s));
    CHECK(step.kind == (s.b ? TraceStepKind::Bias : TraceStepKind::Channel));

    const int64_t slide = conv_trace_step_count(s, TraceMode::Slide);
    CHECK(slide == g.ho * g.wo);
    for (int64_t k = 0; k < slide; k += 5) {
        conv_trace_step(s, TraceMode::Slide, focus, k, &step);
        CHECK(close(step.partial_sum, t.y_ref[size_t(k * g.cout + focus.filter)]));
    }
    const int64_t filters = conv_trace_step_count(s, TraceMode::AllFilters);
    CHECK(filters == g.cout);
    conv_trace_step(s, TraceMode::AllFilters, focus, filters - 1, &step);
    CHECK(close(step.partial_sum, t.y_ref[size_t((focus.out_i * g.wo + focus.out_j) * g.cout + g.cout - 1)]));
    CHECK(step.weights_counted == t.layer.analysis.params);
    CHECK(step.weights_total == t.layer.analysis.params);
}

}  // namespace

TEST_CASE("conv trace: Conv1D as a row of height 1 sums what its (steps, 1, C) column twin sums, 'valid' and 'same', strided, dilated") {
    struct Case { int64_t k, s, d; Padding p; };
    for (const Case& c : {Case{3, 1, 1, Padding::Valid}, Case{3, 1, 1, Padding::Same}, Case{4, 2, 1, Padding::Same},
                          Case{3, 1, 2, Padding::Valid}, Case{2, 3, 1, Padding::Valid}}) {
        CAPTURE(c.k);
        CAPTURE(c.s);
        LayerSpec spec = make_layer(LayerKind::Conv1D);
        spec.filters = 3;
        spec.kernel = {c.k, 1};
        spec.strides = {c.s, 1};
        spec.dilation = {c.d, 1};
        spec.padding = c.p;
        const LayerSummary layer = summarize_one(spec, Shape::sequence(11, 2));
        REQUIRE(layer.analysis.output.rank == 2);
        Rng rng = rng_seeded(31);
        const std::vector<float> x = random_buffer(&rng, 11 * 2), w = random_buffer(&rng, c.k * 2 * 3), b = random_buffer(&rng, 3);
        // The network's way: the 2D twin over the (steps, 1, C) column.
        LayerSummary column = layer;
        column.input = twin_2d_shape(layer.input);
        column.analysis.output = twin_2d_shape(layer.analysis.output);
        const Conv2DGeometry gc = conv2d_geometry(twin_2d_spec(spec), column, 1);
        std::vector<float> y_ref(size_t(layer.analysis.output.elements()), 0.0f), y_row(y_ref.size(), 0.0f);
        conv2d_forward_ref(gc, x.data(), w.data(), b.data(), y_ref.data());
        ConvTraceSource src;
        src.g = conv1d_row_geometry(spec, layer);
        CHECK(src.g.h == 1);
        CHECK(src.g.w == 11);
        CHECK(src.g.wo == layer.analysis.output.dim[0]);
        src.x = x.data(), src.w = w.data(), src.b = b.data();
        conv_trace_output_all(src, y_row.data());
        int64_t mismatches = 0;
        for (size_t i = 0; i < y_ref.size(); ++i)
            if (std::fabs(y_ref[i] - y_row[i]) > 1e-5f * (1.0f + std::fabs(y_ref[i]))) ++mismatches;
        CHECK(mismatches == 0);
    }
}

TEST_CASE("upsample trace: UpSampling2D (2, 3) nearest: output (5, 7) copies input (2, 2); every step equals upsampling2d_forward") {
    const int64_t h = 4, w = 3, c = 2;
    const Pair size{2, 3};
    Rng rng = rng_seeded(5);
    const std::vector<float> x = random_buffer(&rng, h * w * c);
    std::vector<float> y(size_t(h * size.h * w * size.w * c), 0.0f);
    upsampling2d_forward(1, h, w, c, size, x.data(), y.data());
    UpsampleTraceSource s;
    s.h = h, s.w = w, s.c = c, s.size = size, s.x = x.data();
    REQUIRE(upsample_trace_step_count(s) == 8 * 9);
    PoolTraceStep step;
    upsample_trace_step(s, 1, 5 * 9 + 7, &step);
    CHECK(step.out_i == 5);
    CHECK(step.out_j == 7);
    REQUIRE(step.taps.size() == 1);
    CHECK(step.taps[0].row == 2);
    CHECK(step.taps[0].col == 2);
    int64_t mismatches = 0;
    for (int64_t ch = 0; ch < c; ++ch)
        for (int64_t k = 0; k < 8 * 9; ++k) {
            upsample_trace_step(s, ch, k, &step);
            const float ref = y[size_t(k * c + ch)];
            const float in = x[size_t((step.taps[0].row * w + step.taps[0].col) * c + ch)];
            if (step.value != ref || in != ref || step.winner != 0 || step.counted != 1) ++mismatches;
        }
    CHECK(mismatches == 0);
}

TEST_CASE("conv trace: the seed answer's toy, a (5,5,3) kernel over (28,28,3), ends on (5·5·3 + 1)·4 = 304") {
    Traced t = make_traced(conv_layer(4, {5, 5}), Shape::image(28, 28, 3), 1);
    CHECK(t.src.g.ho == 24);
    CHECK(t.src.g.wo == 24);
    CHECK(conv_trace_weights_per_filter(t.src) == 76);
    check_trace(t);
}

TEST_CASE("conv trace: walking one output value adds Kh·Kw weights per input channel, then the bias") {
    Traced t = make_traced(conv_layer(2, {3, 3}), Shape::image(6, 6, 5), 2);
    ConvTraceStep step;
    const int64_t n = conv_trace_step_count(t.src, TraceMode::ChannelWalk);
    REQUIRE(n == 6);  // 5 channels + the bias
    float running = 0.0f;
    for (int64_t k = 0; k < n; ++k) {
        conv_trace_step(t.src, TraceMode::ChannelWalk, {1, 2, 1}, k, &step);
        if (k < 5) {
            CHECK(step.kind == TraceStepKind::Channel);
            CHECK(step.channel == k);
            CHECK(step.weights_counted == 9 * (k + 1));
            REQUIRE(step.products.size() == 9);
            float sum = 0.0f;
            for (size_t p = 0; p < 9; ++p) {
                CHECK(step.products[p] == step.inputs[p] * step.weights[p]);
                sum += step.products[p];
            }
            CHECK(close(step.step_sum, sum));
        } else {
            CHECK(step.kind == TraceStepKind::Bias);
            CHECK(step.step_sum == t.b[1]);
            CHECK(step.weights_counted == 46);
        }
        running += step.step_sum;
        CHECK(close(step.partial_sum, running));
    }
    CHECK(close(step.partial_sum, t.y_ref[size_t((1 * 4 + 2) * 2 + 1)]));
}

TEST_CASE("conv trace: stride 2 jumps the window two cells and matches the reference") {
    Traced t = make_traced(conv_layer(3, {3, 3}, {2, 2}), Shape::image(9, 8, 5), 3);
    ConvTraceStep a, b;
    conv_trace_step(t.src, TraceMode::Slide, {}, 0, &a);
    conv_trace_step(t.src, TraceMode::Slide, {}, 1, &b);
    CHECK(b.taps[0].col - a.taps[0].col == 2);
    check_trace(t);
}

TEST_CASE("conv trace: 'same' puts the odd padding cell at the bottom and right, like Keras") {
    // 8x8, kernel 4, stride 1: total padding 3 = 1 before + 2 after.
    Traced t = make_traced(conv_layer(2, {4, 4}, {1, 1}, Padding::Same), Shape::image(8, 8, 3), 4);
    CHECK(t.src.g.pad_top == 1);
    CHECK(t.src.g.pad_left == 1);
    ConvTraceStep last;
    conv_trace_step(t.src, TraceMode::Slide, {}, conv_trace_step_count(t.src, TraceMode::Slide) - 1, &last);
    CHECK(last.taps.back().row == 9);  // rows 8 and 9 are the two padding rows after
    CHECK(last.taps.back().padding);
    check_trace(t);
    // 'same' with stride 2 over an even size: total padding 1, all of it after.
    Traced s2 = make_traced(conv_layer(3, {3, 3}, {2, 2}, Padding::Same), Shape::image(10, 10, 6), 5);
    CHECK(s2.src.g.pad_top == 0);
    check_trace(s2);
}

TEST_CASE("conv trace: dilation 2 spreads the taps two cells apart") {
    Traced t = make_traced(conv_layer(3, {3, 3}, {1, 1}, Padding::Valid, {2, 2}), Shape::image(11, 10, 7), 6);
    ConvTraceStep step;
    conv_trace_step(t.src, TraceMode::ChannelWalk, {0, 0, 0}, 0, &step);
    CHECK(step.taps[1].col - step.taps[0].col == 2);
    CHECK(step.taps[3].row - step.taps[0].row == 2);
    check_trace(t);
    Traced same = make_traced(conv_layer(2, {3, 3}, {1, 1}, Padding::Same, {2, 2}), Shape::image(7, 7, 3), 7);
    check_trace(same);
}

TEST_CASE("conv trace: without a bias the walk has no bias step and counts Kh·Kw·Cin·Cout") {
    Traced t = make_traced(conv_layer(5, {3, 2}, {1, 1}, Padding::Valid, {1, 1}, false), Shape::image(6, 7, 3), 8);
    CHECK(conv_trace_step_count(t.src, TraceMode::ChannelWalk) == 3);
    check_trace(t);
}

TEST_CASE("conv trace: the seed's conv2d_2 ends on (3·3·32 + 1)·63 = 18,207") {
    Traced t = make_traced(conv_layer(63, {3, 3}), Shape::image(26, 26, 32), 9);
    CHECK(conv_trace_weights_per_filter(t.src) == 289);
    CHECK(t.layer.analysis.params == 18207);
    check_trace(t);
}

TEST_CASE("conv trace: DepthwiseConv2D filters one channel each: Cin 32, multiplier 2 ends on 640") {
    LayerSpec spec = make_layer(LayerKind::DepthwiseConv2D);
    spec.kernel = {3, 3};
    spec.depth_multiplier = 2;
    Traced t = make_traced(spec, Shape::image(12, 12, 32), 10);
    CHECK(t.src.g.cout == 64);
    CHECK(conv_trace_filter_depth(t.src) == 1);
    CHECK(conv_trace_weights_per_filter(t.src) == 10);
    CHECK(conv_trace_input_channel(t.src, 5, 0) == 2);  // output 5 = channel 2, multiplier index 1
    CHECK(t.layer.analysis.params == 640);
    check_trace(t);
}

// SeparableConv2D (Keras: depthwise without bias, then a 1×1 Conv2D with the
// bias; keras.io/api/layers/convolution_layers/separable_convolution2d) as two
// traces: the pointwise stage's outputs equal separable_conv2d_forward, the
// depthwise stage's equal its `mid`, and the two counters together end on the
// layer's Param #: Kh·Kw·Cin·dm + (Cin·dm + 1)·Cout.
namespace {
void check_separable(const LayerSpec& spec, const Shape& input, uint64_t seed, int64_t params) {
    const LayerSummary layer = summarize_one(spec, input);
    CHECK(layer.analysis.params == params);
    const SeparableGeometry g = separable_conv2d_geometry(spec, layer, 1);
    Rng rng = rng_seeded(seed);
    const int64_t dm = spec.depth_multiplier;
    std::vector<float> x = random_buffer(&rng, g.depthwise.h * g.depthwise.w * g.depthwise.cin);
    std::vector<float> wd = random_buffer(&rng, g.depthwise.kh * g.depthwise.kw * g.depthwise.cin * dm);
    std::vector<float> wp = random_buffer(&rng, g.pointwise.cin * g.pointwise.cout);
    std::vector<float> b = spec.use_bias ? random_buffer(&rng, g.pointwise.cout) : std::vector<float>{};
    const float* bias = spec.use_bias ? b.data() : nullptr;
    std::vector<float> mid_ref(size_t(g.pointwise.h * g.pointwise.w * g.pointwise.cin));
    std::vector<float> y_ref(size_t(g.pointwise.ho * g.pointwise.wo * g.pointwise.cout));
    std::vector<float> scratch(size_t(conv2d_scratch_floats(g.pointwise)) + 1);
    separable_conv2d_forward(g, x.data(), wd.data(), wp.data(), bias, mid_ref.data(), y_ref.data(), scratch.data());

    std::vector<float> mid(mid_ref.size());
    const SeparableTrace t = separable_trace(g, x.data(), wd.data(), wp.data(), bias, mid.data());
    int64_t mismatches = 0;
    for (size_t i = 0; i < mid.size(); ++i) mismatches += close(mid[i], mid_ref[i]) ? 0 : 1;
    std::vector<float> y(y_ref.size());
    conv_trace_output_all(t.pointwise, y.data());
    for (size_t i = 0; i < y.size(); ++i) mismatches += close(y[i], y_ref[i]) ? 0 : 1;
    CHECK(mismatches == 0);

    // Stage 1: one Kh×Kw slice per filter, no bias step.
    CHECK(conv_trace_filter_depth(t.depthwise) == 1);
    CHECK(conv_trace_step_count(t.depthwise, TraceMode::ChannelWalk) == 1);
    ConvTraceStep step;
    const int64_t maps = conv_trace_step_count(t.depthwise, TraceMode::AllFilters);
    CHECK(maps == g.depthwise.cin * dm);
    conv_trace_step(t.depthwise, TraceMode::AllFilters, {0, 0, 0}, maps - 1, &step);
    CHECK(step.weights_counted == g.depthwise.kh * g.depthwise.kw * g.depthwise.cin * dm);

    // Stage 2: a 1×1 filter through all Cin·dm channels, then the bias; the
    // walk's last partial sum is the layer's output value.
    const TraceFocus focus{g.pointwise.ho - 1, 0, g.pointwise.cout - 1};
    const int64_t walk = conv_trace_step_count(t.pointwise, TraceMode::ChannelWalk);
    CHECK(walk == g.pointwise.cin + (spec.use_bias ? 1 : 0));
    conv_trace_step(t.pointwise, TraceMode::ChannelWalk, focus, walk - 1, &step);
    CHECK(step.taps.size() == 1);
    CHECK(close(step.partial_sum, y_ref[size_t((focus.out_i * g.pointwise.wo) * g.pointwise.cout + focus.filter)]));
    CHECK(step.weights_counted == g.pointwise.cin + (spec.use_bias ? 1 : 0));
    const int64_t filters = conv_trace_step_count(t.pointwise, TraceMode::AllFilters);
    conv_trace_step(t.pointwise, TraceMode::AllFilters, focus, filters - 1, &step);
    CHECK(step.weights_counted == params);
    CHECK(step.weights_total == params);
}
}  // namespace

TEST_CASE("conv trace: SeparableConv2D is a depthwise stage then a 1×1 stage, ending on Param #") {
    LayerSpec spec = make_layer(LayerKind::SeparableConv2D);
    spec.filters = 64;
    spec.kernel = {3, 3};
    // (26, 26, 32) like the seed's conv2d_2 input: 3·3·32 + (32 + 1)·64 = 288 + 2,112 = 2,400.
    check_separable(spec, Shape::image(26, 26, 32), 12, 2400);
    // Cin 3 (not a multiple of 4), multiplier 2, stride 2 with 'same' (the odd padding cell after).
    spec.filters = 5;
    spec.depth_multiplier = 2;
    spec.strides = {2, 2};
    spec.padding = Padding::Same;
    check_separable(spec, Shape::image(9, 8, 3), 13, 3 * 3 * 3 * 2 + (6 + 1) * 5);
    // Dilation 2 and no bias: 2·3·3·1 + 3·4 = 30.
    spec.filters = 4;
    spec.depth_multiplier = 1;
    spec.strides = {1, 1};
    spec.padding = Padding::Valid;
    spec.kernel = {2, 3};
    spec.dilation = {2, 2};
    spec.use_bias = false;
    check_separable(spec, Shape::image(10, 11, 3), 14, 2 * 3 * 3 + 3 * 4);
}

TEST_CASE("pool trace: every window's max or mean equals the pooling kernels") {
    for (LayerKind kind : {LayerKind::MaxPooling2D, LayerKind::AveragePooling2D}) {
        for (Padding padding : {Padding::Valid, Padding::Same}) {
            LayerSpec spec = make_layer(kind);
            spec.kernel = {2, 2};
            spec.strides = {2, 2};
            spec.padding = padding;
            const LayerSummary layer = summarize_one(spec, Shape::image(7, 5, 3));
            const Pool2DGeometry g = pool2d_geometry(spec, layer, 1);
            Rng rng = rng_seeded(11);
            std::vector<float> x = random_buffer(&rng, g.h * g.w * g.c), y(size_t(g.ho * g.wo * g.c));
            if (kind == LayerKind::MaxPooling2D) max_pooling2d_forward(g, x.data(), y.data());
            else average_pooling2d_forward(g, x.data(), y.data());
            CHECK(layer.analysis.params == 0);
            PoolTraceSource src{kind, g, x.data()};
            PoolTraceStep step;
            int64_t mismatches = 0;
            for (int64_t c = 0; c < g.c; ++c)
                for (int64_t k = 0; k < pool_trace_step_count(src); ++k) {
                    pool_trace_step(src, c, k, &step);
                    if (step.value != y[size_t(k * g.c + c)]) ++mismatches;
                    if (kind == LayerKind::MaxPooling2D && step.inputs[size_t(step.winner)] != step.value) ++mismatches;
                }
            CHECK(mismatches == 0);
        }
    }
}
