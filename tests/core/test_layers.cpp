// test_layers.cpp: every layer kind on a case small enough to check by hand:
// its output shape, its parameters (with Keras's trainable split), the working
// shown to the learner, the common wrong answers and the cost. Then every
// Problem code, checking the layer, the field and the numbers in the message.
#include <doctest.h>

#include <limits>

#include "core/analysis/formula.h"
#include "core/analysis/layer_kind.h"
#include "core/analysis/model_summary.h"
#include "core/analysis/shape_math.h"
#include "model_builders.h"

using namespace convlab;
using namespace convlab::test;

namespace {

struct Outcome {
    bool ok = false;
    LayerAnalysis a;
    Problem p;
};

Outcome analyze(const LayerSpec& spec, const Shape& input, int index = 1, const char* name = "layer") {
    Outcome o;
    o.ok = layer_kind_info(spec.kind).analyze(spec, input, LayerContext{index, name}, &o.a, &o.p);
    return o;
}

const Mistake* find_mistake(const LayerAnalysis& a, MistakeKind kind) {
    for (const Mistake& m : a.mistakes)
        if (m.kind == kind) return &m;
    return nullptr;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

// ---- Conv2D -------------------------------------------------------------------

TEST_CASE("conv2d: the seed's second layer has (3 × 3 × 32 + 1) × 63 = 18,207 parameters") {
    Outcome o = analyze(conv(63, 3), Shape::image(26, 26, 32));
    REQUIRE(o.ok);
    CHECK(o.a.output == Shape::image(24, 24, 63));
    CHECK(o.a.params == 18207);
    CHECK(o.a.trainable == 18207);
    CHECK(o.a.non_trainable == 0);
    CHECK(to_text(o.a.param_formula) == "(3 × 3 × 32 + 1) × 63 = 18,207");
    CHECK(to_text(o.a.height.formula) == "⌊(26 − 3) / 1⌋ + 1 = 24");
    CHECK(to_text(o.a.width.formula) == "⌊(26 − 3) / 1⌋ + 1 = 24");
}

TEST_CASE("conv2d: each number in the parameter formula is tagged with the dimension it comes from") {
    Outcome o = analyze(conv(63, 3), Shape::image(26, 26, 32));
    std::vector<Role> roles;
    for (const Token& t : o.a.param_formula.tokens)
        if (t.kind == TokenKind::Number) roles.push_back(t.role);
    CHECK(roles == std::vector<Role>{Role::KernelH, Role::KernelW, Role::InChannels, Role::Bias, Role::OutChannels});
}

TEST_CASE("conv2d: the seed question's 630 is the answer that forgets the 32 input channels") {
    Outcome o = analyze(conv(63, 3), Shape::image(26, 26, 32));
    const Mistake* m = find_mistake(o.a, MistakeKind::ForgotInChannels);
    REQUIRE(m);
    CHECK(m->wrong_value == 630);
    CHECK(to_text(m->working) == "(3 × 3 + 1) × 63 = 630");
    const Mistake* b = find_mistake(o.a, MistakeKind::ForgotBias);
    REQUIRE(b);
    CHECK(b->wrong_value == 3 * 3 * 32 * 63);
    const Mistake* s = find_mistake(o.a, MistakeKind::SwappedInOut);
    REQUIRE(s);
    CHECK(s->wrong_value == (3 * 3 * 63 + 1) * 32);
    CHECK(find_mistake(o.a, MistakeKind::ForgotBoth)->wrong_value == 3 * 3 * 63);
}

TEST_CASE("conv2d: with one input channel, forgetting it gives the right answer, so it is not listed") {
    Outcome o = analyze(conv(32, 3), Shape::image(28, 28, 1));
    REQUIRE(o.ok);
    CHECK(o.a.params == 320);
    CHECK(find_mistake(o.a, MistakeKind::ForgotInChannels) == nullptr);
    CHECK(find_mistake(o.a, MistakeKind::SwappedInOut) != nullptr);
}

TEST_CASE("conv2d: without bias the parameters are Kh × Kw × Cin × Cout") {
    // Keras MobileNet conv1: Conv2D(32, 3, strides=2, padding='same', use_bias=False) on 224x224x3 → 864.
    Outcome o = analyze(no_bias(conv(32, 3, Padding::Same, 2)), Shape::image(224, 224, 3));
    REQUIRE(o.ok);
    CHECK(o.a.output == Shape::image(112, 112, 32));
    CHECK(o.a.params == 864);
    CHECK(to_text(o.a.param_formula) == "3 × 3 × 3 × 32 = 864");
    CHECK(find_mistake(o.a, MistakeKind::ForgotBias) == nullptr);
}

TEST_CASE("conv2d: multiply-adds are Hout × Wout × Cout × Kh × Kw × Cin") {
    Outcome o = analyze(conv(63, 3), Shape::image(26, 26, 32));
    CHECK(o.a.macs == int64_t(24) * 24 * 63 * 3 * 3 * 32);
    CHECK(o.a.activation_bytes == int64_t(24) * 24 * 63 * 4);
}

TEST_CASE("conv2d: dilation 2 shows the kernel's reach of 5 in the size working") {
    LayerSpec s = conv(8, 3);
    s.dilation = {2, 2};
    Outcome o = analyze(s, Shape::image(28, 28, 1));
    REQUIRE(o.ok);
    CHECK(o.a.output == Shape::image(24, 24, 8));
    CHECK(o.a.params == (3 * 3 * 1 + 1) * 8);  // dilation spreads the weights, it does not add any
    CHECK(to_text(o.a.height.formula) == "⌊(28 − 5) / 1⌋ + 1 = 24");
}

TEST_CASE("conv2d: a 'valid' answer without the + 1 and a stride-1 answer are the listed size mistakes") {
    Outcome o = analyze(conv(4, 3, Padding::Valid, 2), Shape::image(9, 9, 1));
    REQUIRE(o.ok);
    CHECK(o.a.output.h() == 4);  // ⌊(9 − 3) / 2⌋ + 1
    CHECK(find_mistake(o.a, MistakeKind::PaddingOffByOne)->wrong_value == 3);
    CHECK(find_mistake(o.a, MistakeKind::StrideIgnored)->wrong_value == 7);
}

// ---- DepthwiseConv2D and SeparableConv2D --------------------------------------

TEST_CASE("depthwise: MobileNet's conv_dw_1, 3x3 on 112x112x32 without bias, has 288 parameters") {
    // Keras MobileNet summary: conv_dw_1 (DepthwiseConv2D) (None, 112, 112, 32) 288.
    Outcome o = analyze(depthwise(3, 1, Padding::Same, false), Shape::image(112, 112, 32));
    REQUIRE(o.ok);
    CHECK(o.a.output == Shape::image(112, 112, 32));
    CHECK(o.a.params == 288);
    CHECK(to_text(o.a.param_formula) == "3 × 3 × 32 = 288");
    CHECK(o.a.macs == int64_t(112) * 112 * 32 * 9);
}

TEST_CASE("depthwise: with bias and depth multiplier 2 it has (Kh × Kw + 1) × Cin × dm parameters") {
    LayerSpec s = depthwise(3, 1, Padding::Valid, true);
    s.depth_multiplier = 2;
    Outcome o = analyze(s, Shape::image(10, 10, 16));
    REQUIRE(o.ok);
    CHECK(o.a.output == Shape::image(8, 8, 32));
    CHECK(o.a.params == 3 * 3 * 16 * 2 + 16 * 2);
    CHECK(to_text(o.a.param_formula) == "(3 × 3 + 1) × 16 × 2 = 320");
    CHECK(find_mistake(o.a, MistakeKind::ForgotBias)->wrong_value == 288);
}

TEST_CASE("depthwise: MobileNet's conv_dw_2 after ZeroPadding ((0,1),(0,1)) turns 113 into 56 with stride 2") {
    // Keras MobileNet: conv_pad_2 (None, 113, 113, 64), conv_dw_2 (None, 56, 56, 64) 576.
    Outcome o = analyze(depthwise(3, 2, Padding::Valid, false), Shape::image(113, 113, 64));
    REQUIRE(o.ok);
    CHECK(o.a.output == Shape::image(56, 56, 64));
    CHECK(o.a.params == 576);
}

TEST_CASE("separable: 3x3 from 32 to 64 channels has 3·3·32 + 32·64 + 64 parameters") {
    LayerSpec s = make_layer(LayerKind::SeparableConv2D);
    s.filters = 64;
    Outcome o = analyze(s, Shape::image(10, 10, 32));
    REQUIRE(o.ok);
    CHECK(o.a.output == Shape::image(8, 8, 64));
    CHECK(o.a.params == 288 + 2048 + 64);
    CHECK(to_text(o.a.param_formula) == "3 × 3 × 32 + (32 + 1) × 64 = 2400");
    CHECK(o.a.macs == int64_t(8) * 8 * (288 + 2048));
    CHECK(find_mistake(o.a, MistakeKind::ForgotBias)->wrong_value == 2336);
}

TEST_CASE("separable: a depth multiplier of 2 doubles both the depthwise kernels and the pointwise inputs") {
    LayerSpec s = make_layer(LayerKind::SeparableConv2D);
    s.filters = 10;
    s.depth_multiplier = 2;
    s.use_bias = false;
    Outcome o = analyze(s, Shape::image(5, 5, 3));
    REQUIRE(o.ok);
    CHECK(o.a.params == 3 * 3 * 3 * 2 + 3 * 2 * 10);
    CHECK(to_text(o.a.param_formula) == "3 × 3 × 3 × 2 + 3 × 2 × 10 = 114");
}

// ---- Poolings -----------------------------------------------------------------

TEST_CASE("max pooling: a 2x2 window halves 24x24 and learns nothing") {
    Outcome o = analyze(max_pool(2), Shape::image(24, 24, 63));
    REQUIRE(o.ok);
    CHECK(o.a.output == Shape::image(12, 12, 63));
    CHECK(o.a.params == 0);
    CHECK(o.a.param_formula.empty());
    CHECK(o.a.macs == 0);
    CHECK(to_text(o.a.height.formula) == "⌊(24 − 2) / 2⌋ + 1 = 12");
    CHECK(find_mistake(o.a, MistakeKind::CountedPoolingParams)->wrong_value == 2 * 2 * 63);
}

TEST_CASE("max pooling: an odd size drops the last row under 'valid' and keeps it under 'same'") {
    CHECK(analyze(max_pool(2), Shape::image(13, 13, 32)).a.output == Shape::image(6, 6, 32));
    Outcome same = analyze(pool(LayerKind::MaxPooling2D, 2, Padding::Same), Shape::image(13, 13, 32));
    CHECK(same.a.output == Shape::image(7, 7, 32));
    CHECK(same.a.height.pad_before == 0);
    CHECK(same.a.height.pad_after == 1);
}

TEST_CASE("average pooling: LeNet's 2x2 subsampling turns 28x28x6 into 14x14x6") {
    Outcome o = analyze(avg_pool(2), Shape::image(28, 28, 6));
    REQUIRE(o.ok);
    CHECK(o.a.output == Shape::image(14, 14, 6));
    CHECK(o.a.params == 0);
}

TEST_CASE("global pooling: both kinds reduce (7, 7, 1024) to (1024)") {
    for (LayerKind k : {LayerKind::GlobalAveragePooling2D, LayerKind::GlobalMaxPooling2D}) {
        Outcome o = analyze(make_layer(k), Shape::image(7, 7, 1024));
        REQUIRE(o.ok);
        CHECK(o.a.output == Shape::vector(1024));
        CHECK(o.a.params == 0);
        CHECK(to_text(o.a.size_formula) == "1024 = 1024");
    }
}

// ---- Reshaping and element-wise layers ---------------------------------------

TEST_CASE("zero padding: ((0, 1), (0, 1)) turns 112x112 into 113x113") {
    LayerSpec s = make_layer(LayerKind::ZeroPadding2D);
    s.pad_top = 0; s.pad_bottom = 1; s.pad_left = 0; s.pad_right = 1;
    Outcome o = analyze(s, Shape::image(112, 112, 64));
    REQUIRE(o.ok);
    CHECK(o.a.output == Shape::image(113, 113, 64));
    CHECK(to_text(o.a.height.formula) == "112 + 0 + 1 = 113");
    CHECK(o.a.height.pad_after == 1);
    CHECK(o.a.params == 0);
}

TEST_CASE("flatten: (12, 12, 63) becomes 12 × 12 × 63 = 9072 values, not 63") {
    Outcome o = analyze(flatten(), Shape::image(12, 12, 63));
    REQUIRE(o.ok);
    CHECK(o.a.output == Shape::vector(9072));
    CHECK(to_text(o.a.size_formula) == "12 × 12 × 63 = 9072");
    CHECK(find_mistake(o.a, MistakeKind::FlattenAsLastAxis)->wrong_value == 63);
}

TEST_CASE("flatten: a vector passes through unchanged") {
    Outcome o = analyze(flatten(), Shape::vector(128));
    REQUIRE(o.ok);
    CHECK(o.a.output == Shape::vector(128));
}

TEST_CASE("dense: 9072 inputs to 128 units is (9072 + 1) × 128 = 1,161,344") {
    Outcome o = analyze(dense(128), Shape::vector(9072));
    REQUIRE(o.ok);
    CHECK(o.a.output == Shape::vector(128));
    CHECK(o.a.params == 1161344);
    CHECK(to_text(o.a.param_formula) == "(9072 + 1) × 128 = 1,161,344");
    CHECK(o.a.macs == 9072 * 128);
    CHECK(find_mistake(o.a, MistakeKind::ForgotBias)->wrong_value == 9072 * 128);
    CHECK(find_mistake(o.a, MistakeKind::SwappedInOut)->wrong_value == 129 * 9072);
}

TEST_CASE("dense: on an image it works on the last axis at every position") {
    // Keras Dense docs: a rank > 2 input is multiplied along its last axis.
    Outcome o = analyze(dense(10), Shape::image(4, 5, 3));
    REQUIRE(o.ok);
    CHECK(o.a.output == Shape::image(4, 5, 10));
    CHECK(o.a.params == (3 + 1) * 10);
    CHECK(o.a.macs == 4 * 5 * 3 * 10);
}

TEST_CASE("dense: without bias the parameters are F × units") {
    Outcome o = analyze(no_bias(dense(10)), Shape::vector(20));
    CHECK(o.a.params == 200);
    CHECK(to_text(o.a.param_formula) == "20 × 10 = 200");
}

TEST_CASE("batch normalization: 64 channels have 256 parameters, 128 trainable and 128 not") {
    // Keras: gamma, beta trainable; moving_mean, moving_variance non-trainable (4 × C in all).
    Outcome o = analyze(batch_norm(), Shape::image(56, 56, 64));
    REQUIRE(o.ok);
    CHECK(o.a.output == Shape::image(56, 56, 64));
    CHECK(o.a.params == 256);
    CHECK(o.a.trainable == 128);
    CHECK(o.a.non_trainable == 128);
    CHECK(to_text(o.a.param_formula) == "4 × 64 = 256");
    const Mistake* m = find_mistake(o.a, MistakeKind::CountedMovingStats);
    REQUIRE(m);
    CHECK(m->wrong_value == 256);
}

TEST_CASE("batch normalization: center=False drops beta and scale=False drops gamma") {
    LayerSpec s = batch_norm();
    s.center = false;
    Outcome o = analyze(s, Shape::vector(10));
    CHECK(o.a.params == 30);
    CHECK(o.a.trainable == 10);
    CHECK(o.a.non_trainable == 20);
    s.scale = false;
    o = analyze(s, Shape::vector(10));
    CHECK(o.a.params == 20);
    CHECK(o.a.trainable == 0);
    CHECK(o.a.non_trainable == 20);
}

TEST_CASE("dropout and activation keep the shape and learn nothing") {
    for (LayerSpec s : {dropout(0.5), make_layer(LayerKind::Activation)}) {
        Outcome o = analyze(s, Shape::image(12, 12, 63));
        REQUIRE(o.ok);
        CHECK(o.a.output == Shape::image(12, 12, 63));
        CHECK(o.a.params == 0);
        CHECK(o.a.activation_bytes == 12 * 12 * 63 * 4);
    }
    CHECK(analyze(dropout(0.0), Shape::vector(3)).ok);
}

TEST_CASE("input layer: its output is the declared shape") {
    Outcome o = analyze(input(28, 28, 1), Shape{}, 0);
    REQUIRE(o.ok);
    CHECK(o.a.output == Shape::image(28, 28, 1));
    CHECK(o.a.params == 0);
}

// ---- Problems -------------------------------------------------------------------

TEST_CASE("problem: a 5x5 kernel on a 4x4 input under 'valid' names the layer, kernel_size and the sizes") {
    Outcome o = analyze(conv(8, 5), Shape::image(4, 4, 16), 1, "conv2d_2");
    REQUIRE_FALSE(o.ok);
    CHECK(o.p.constraint.code == MsgCode::ProblemKernelLargerThanInput);
    CHECK(o.p.layer == 1);
    CHECK(o.p.layer_name == "conv2d_2");
    CHECK(o.p.field == Field::KernelSize);
    CHECK(o.p.message ==
          "layer 2 'conv2d_2' (Conv2D), kernel_size: the 5×5 kernel is larger than its 4×4 input (padding='valid')");
}

TEST_CASE("problem: a dilated kernel that reaches past the input says how far it reaches") {
    LayerSpec s = conv(8, 3);
    s.dilation = {2, 2};
    Outcome o = analyze(s, Shape::image(4, 4, 1));
    REQUIRE_FALSE(o.ok);
    CHECK(o.p.constraint.code == MsgCode::ProblemKernelReachLargerThanInput);
    CHECK(contains(o.p.message, "3×3 kernel reaches 5×5"));
    CHECK(contains(o.p.message, "4×4 input"));
}

TEST_CASE("problem: a pooling window larger than its input is named pool_size") {
    Outcome o = analyze(max_pool(3), Shape::image(2, 2, 4), 4, "max_pooling2d_1");
    REQUIRE_FALSE(o.ok);
    CHECK(o.p.field == Field::KernelSize);
    CHECK(contains(o.p.message, "pool_size: the 3×3 pooling window is larger than its 2×2 input"));
}

TEST_CASE("problem: a pooling's kernel field is shown as pool_size everywhere, its too-large value included") {
    CHECK(field_shown_as(LayerKind::MaxPooling2D, Field::KernelSize) == Field::PoolSize);
    CHECK(field_shown_as(LayerKind::AveragePooling2D, Field::KernelSize) == Field::PoolSize);
    CHECK(field_shown_as(LayerKind::Conv2D, Field::KernelSize) == Field::KernelSize);
    CHECK(field_shown_as(LayerKind::MaxPooling2D, Field::Strides) == Field::Strides);
    CHECK(field_shown_as(LayerKind::MaxPooling2D, Field::Count) == Field::Count);
    LayerSpec pool = max_pool(2);
    pool.kernel = {kMaxCount + 1, 2};
    Outcome o = analyze(pool, Shape::image(8, 8, 1), 1, "max_pooling2d");
    REQUIRE_FALSE(o.ok);
    CHECK(o.p.message ==
          "layer 2 'max_pooling2d' (MaxPooling2D), pool_size: the pool_size value 1,099,511,627,777 is larger than "
          "ConvLab's limit of 1,099,511,627,776");
}

TEST_CASE("problem: zero filters, units, kernel, strides, dilation or depth multiplier are NotPositive") {
    struct Case { LayerSpec spec; Field field; };
    LayerSpec zero_filters = conv(0, 3);
    LayerSpec zero_kernel = conv(8, 3); zero_kernel.kernel = {0, 3};
    LayerSpec zero_stride = conv(8, 3); zero_stride.strides = {1, 0};
    LayerSpec zero_dilation = conv(8, 3); zero_dilation.dilation = {0, 1};
    LayerSpec zero_dm = depthwise(3); zero_dm.depth_multiplier = 0;
    LayerSpec zero_pool = max_pool(2); zero_pool.kernel = {0, 0};
    LayerSpec negative_units = dense(-5);
    for (const Case& c : {Case{zero_filters, Field::Filters}, Case{zero_kernel, Field::KernelSize},
                          Case{zero_stride, Field::Strides}, Case{zero_dilation, Field::DilationRate},
                          Case{zero_dm, Field::DepthMultiplier}, Case{zero_pool, Field::KernelSize},
                          Case{negative_units, Field::Units}}) {
        Outcome o = analyze(c.spec, Shape::image(8, 8, 3), 3, "x");
        REQUIRE_FALSE(o.ok);
        CHECK(o.p.constraint.code == MsgCode::ProblemNotPositive);
        CHECK(o.p.field == c.field);
        CHECK(o.p.layer == 3);
        CHECK(contains(o.p.message, "must be at least 1"));
    }
    CHECK(contains(analyze(negative_units, Shape::vector(3)).p.message, "units: must be at least 1, but is -5"));
}

TEST_CASE("problem: negative zero-padding is NotPositive with a minimum of 0") {
    LayerSpec s = make_layer(LayerKind::ZeroPadding2D);
    s.pad_left = -2;
    Outcome o = analyze(s, Shape::image(8, 8, 3));
    REQUIRE_FALSE(o.ok);
    CHECK(o.p.constraint.code == MsgCode::ProblemNotPositive);
    CHECK(o.p.field == Field::ZeroPadding);
    CHECK(contains(o.p.message, "padding: must be at least 0, but is -2"));
}

TEST_CASE("problem: strides 2 with dilation 2 are refused, as Keras refuses them") {
    // Keras: "strides > 1 not supported in conjunction with dilation_rate > 1".
    LayerSpec s = conv(8, 3, Padding::Same, 2);
    s.dilation = {2, 2};
    Outcome o = analyze(s, Shape::image(28, 28, 1));
    REQUIRE_FALSE(o.ok);
    CHECK(o.p.constraint.code == MsgCode::ProblemStridesWithDilation);
    CHECK(o.p.field == Field::DilationRate);
    CHECK(contains(o.p.message, "strides 2×2"));
    CHECK(contains(o.p.message, "dilation_rate 2×2"));
}

TEST_CASE("problem: a convolution after Flatten needs an image input") {
    Outcome o = analyze(conv(8, 3), Shape::vector(9072), 5, "conv2d_3");
    REQUIRE_FALSE(o.ok);
    CHECK(o.p.constraint.code == MsgCode::ProblemNeedsImageInput);
    CHECK(o.p.layer == 5);
    CHECK(contains(o.p.message, "Conv2D needs an image input"));
    CHECK(contains(o.p.message, "(None, 9072)"));
    for (LayerSpec s : {max_pool(2), depthwise(3), make_layer(LayerKind::GlobalAveragePooling2D),
                        make_layer(LayerKind::ZeroPadding2D), make_layer(LayerKind::SeparableConv2D)})
        CHECK(analyze(s, Shape::vector(10)).p.constraint.code == MsgCode::ProblemNeedsImageInput);
}

TEST_CASE("problem: a dropout rate of 1 or more, below 0, or NaN is out of range") {
    for (double rate : {1.0, 1.5, -0.1}) {
        Outcome o = analyze(dropout(rate), Shape::vector(10));
        REQUIRE_FALSE(o.ok);
        CHECK(o.p.constraint.code == MsgCode::ProblemRateOutOfRange);
        CHECK(o.p.field == Field::Rate);
    }
    CHECK(contains(analyze(dropout(1.5), Shape::vector(10)).p.message, "but is 1.5"));
    CHECK(analyze(dropout(std::numeric_limits<double>::quiet_NaN()), Shape::vector(10)).p.constraint.code ==
          MsgCode::ProblemRateOutOfRange);
}

TEST_CASE("problem: a parameter count beyond 2^40 is TooLarge and never overflows") {
    Outcome o = analyze(dense(int64_t(1) << 39), Shape::vector(int64_t(1) << 20));
    REQUIRE_FALSE(o.ok);
    CHECK(o.p.constraint.code == MsgCode::ProblemTooLarge);
    CHECK(contains(o.p.message, "1,099,511,627,776"));
    CHECK(contains(o.p.message, "1,048,576"));
    // filters near INT64_MAX are stopped before any product is formed
    Outcome f = analyze(conv(INT64_MAX, 3), Shape::image(8, 8, 3));
    CHECK(f.p.constraint.code == MsgCode::ProblemTooLarge);
    CHECK(f.p.field == Field::Filters);
    Outcome k = analyze(conv(1 << 20, 3), Shape::image(1 << 20, 1 << 20, 1 << 10));
    CHECK(k.p.constraint.code == MsgCode::ProblemTooLarge);
}

TEST_CASE("problem: every code has an English sentence that uses its numbers") {
    auto sentence = [](MsgCode code, std::vector<std::string> pieces) {
        Message m(code);
        for (std::string& piece : pieces) m.args.push_back(as_is(std::move(piece)));
        return message_en(m);
    };
    CHECK(sentence(MsgCode::ProblemNotPositive, {"0", "1"}) == "must be at least 1, but is 0");
    CHECK(sentence(MsgCode::ProblemTooLarge, {"parameter count", "5", "4"}) ==
          "the parameter count 5 is larger than ConvLab's limit of 4");
    CHECK(contains(sentence(MsgCode::ProblemBadInputShape, {"(28, 28)"}), "(28, 28)"));
    CHECK(contains(sentence(MsgCode::ProblemNeedsVectorInput, {"Dense", "(None, 3, 3, 1)"}), "(None, 3, 3, 1)"));
    for (int c = int(MsgCode::ProblemAtLayer); c <= int(MsgCode::ProblemBadInputShape); ++c)
        CHECK_FALSE(sentence(MsgCode(c), {"a", "b", "c", "d", "e", "f", "g"}).empty());
}
