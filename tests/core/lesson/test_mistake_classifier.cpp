// test_mistake_classifier.cpp: the mistake classifier on layers checkable by hand
// (the seed question's conv2d_2, max_pooling2d_1 and dense, a depthwise and a
// dilated layer), then on every generated exercise over many seeds and levels:
// each misconception is written out again here in plain arithmetic, its wrong
// answer given to the classifier, and the classifier must name it, or, when
// misconceptions coincide, the earliest MistakeKind among them.
#include <doctest.h>

#include <map>
#include <vector>

#include "core/lesson/mistake_classifier.h"
#include "core/model/presets.h"

using namespace convlab;

namespace {

Exercise seed_exercise(int layer) {
    Exercise e;
    Problem p;
    REQUIRE(exercise_from_model(preset_model(Preset::SeedQuestion), layer, &e, &p));
    return e;
}

Exercise exercise_on(const LayerSpec& layer, const Shape& input) {
    ModelSpec m;
    LayerSpec in = make_layer(LayerKind::InputLayer);
    in.input_shape = input;
    m.layers = {in, layer};
    Exercise e;
    Problem p;
    REQUIRE(exercise_from_model(m, 1, &e, &p));
    return e;
}

MistakeKind params_mistake(const Exercise& e, int64_t answer) { return classify_params(e, answer).mistake; }
MistakeKind shape_mistake(const Exercise& e, const Shape& answer) { return classify_shape(e, answer).mistake; }

// ---- The misconceptions again, in plain arithmetic, independent of the classifier.

struct Reference {
    MistakeKind kind;
    int64_t params;
    Shape shape;
};

int64_t floor_div(int64_t a, int64_t b) { return a / b; }  // a ≥ 0 everywhere below
int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

// One axis under Keras's rules; −1 when 'valid' does not fit.
int64_t axis_size(int64_t in, int64_t k, int64_t s, int64_t d, Padding p) {
    int64_t reach = (k - 1) * d + 1;
    if (p == Padding::Same) return ceil_div(in, s);
    return reach > in ? -1 : floor_div(in - reach, s) + 1;
}

std::vector<Reference> reference_params(const Exercise& e) {
    const LayerSpec& s = e.spec();
    const int64_t kk = s.kernel.h * s.kernel.w, cin = e.row.input.c();
    std::vector<Reference> r;
    auto add = [&](MistakeKind k, int64_t v) { r.push_back({k, v, Shape{}}); };
    switch (s.kind) {
        case LayerKind::Conv2D: {
            const int64_t cout = s.filters;
            add(MistakeKind::ForgotInChannels, (kk + 1) * cout);
            add(MistakeKind::ForgotBias, kk * cin * cout);
            add(MistakeKind::ForgotBoth, kk * cout);
            add(MistakeKind::SwappedInOut, (kk * cout + 1) * cin);
            add(MistakeKind::FullAsDepthwise, (kk + 1) * cin);
            break;
        }
        case LayerKind::DepthwiseConv2D: {
            const int64_t dm = s.depth_multiplier;
            add(MistakeKind::ForgotInChannels, (kk + 1) * dm);
            add(MistakeKind::ForgotBias, kk * cin * dm);
            add(MistakeKind::ForgotBoth, kk * dm);
            add(MistakeKind::DepthwiseAsFull, (kk * cin + 1) * cin * dm);
            break;
        }
        case LayerKind::MaxPooling2D:
        case LayerKind::AveragePooling2D:
            add(MistakeKind::CountedPoolingParams, kk);
            add(MistakeKind::CountedPoolingParams, kk * cin);
            add(MistakeKind::CountedPoolingParams, kk * cin + 1);
            add(MistakeKind::CountedPoolingParams, (kk + 1) * cin);
            break;
        case LayerKind::Dense:
            add(MistakeKind::ForgotBias, cin * s.units);
            add(MistakeKind::SwappedInOut, (s.units + 1) * cin);
            if (e.flattened_from.rank == 3) add(MistakeKind::FlattenAsLastAxis, (e.flattened_from.c() + 1) * s.units);
            break;
        default: break;
    }
    return r;
}

std::vector<Reference> reference_shapes(const Exercise& e) {
    const LayerSpec& s = e.spec();
    const Shape& in = e.row.input;
    const Shape& right = e.right_shape();
    std::vector<Reference> r;
    auto add_hw = [&](MistakeKind k, int64_t h, int64_t w) {
        if (h >= 0 && w >= 0) r.push_back({k, 0, Shape::image(h, w, right.c())});
    };
    if (s.kind != LayerKind::Dense) {
        const int64_t kh = s.kernel.h, kw = s.kernel.w, sh = s.strides.h, sw = s.strides.w;
        const int64_t dh = s.dilation.h, dw = s.dilation.w;
        if (s.padding == Padding::Valid) {
            add_hw(MistakeKind::PaddingOffByOne, floor_div(in.h() - ((kh - 1) * dh + 1), sh),
                   floor_div(in.w() - ((kw - 1) * dw + 1), sw));
            add_hw(MistakeKind::PaddingOffByOne, ceil_div(in.h(), sh), ceil_div(in.w(), sw));
        } else {
            add_hw(MistakeKind::PaddingOffByOne, axis_size(in.h(), kh, sh, dh, Padding::Valid),
                   axis_size(in.w(), kw, sw, dw, Padding::Valid));
        }
        if (sh > 1 || sw > 1)
            add_hw(MistakeKind::StrideIgnored, axis_size(in.h(), kh, 1, dh, s.padding),
                   axis_size(in.w(), kw, 1, dw, s.padding));
        if (dh > 1 || dw > 1)
            add_hw(MistakeKind::DilationIgnored, axis_size(in.h(), kh, sh, 1, s.padding),
                   axis_size(in.w(), kw, sw, 1, s.padding));
        if (s.padding == Padding::Same && (sh > 1 || sw > 1) && in.h() / sh >= 1 && in.w() / sw >= 1)
            add_hw(MistakeKind::SameRoundedDown, in.h() / sh, in.w() / sw);
    }
    if (s.kind == LayerKind::Conv2D || s.kind == LayerKind::DepthwiseConv2D)
        r.push_back({MistakeKind::OutputChannelsWrong, 0, Shape::image(right.h(), right.w(), in.c())});
    if (s.kind == LayerKind::Dense) r.push_back({MistakeKind::OutputChannelsWrong, 0, Shape::vector(in.c())});
    return r;
}

// The kind the classifier must give for `wrong`: the earliest among the
// references that produce it.
template <class Same>
MistakeKind expected_kind(const std::vector<Reference>& refs, Same same) {
    MistakeKind best = MistakeKind::Count;
    for (const Reference& ref : refs)
        if (same(ref) && ref.kind < best) best = ref.kind;
    return best;
}

}  // namespace

// ---------------------------------------------------------------- the seed question

TEST_CASE("classifier: 630 for the seed's conv2d_2 forgot the 32 input channels: (3 × 3 + 1) × 63") {
    Exercise e = seed_exercise(1);
    Verdict v = classify_params(e, 630);
    CHECK_FALSE(v.right);
    CHECK(v.known_mistake());
    CHECK(v.mistake == MistakeKind::ForgotInChannels);
    CHECK(to_text(v.wrong_working.params) == "(3 × 3 + 1) × 63 = 630");
    CHECK(to_text(v.right_working.params) == "(3 × 3 × 32 + 1) × 63 = 18,207");
}

TEST_CASE("classifier: 18,207 for the seed's conv2d_2 is right, with the right working and no wrong one") {
    Verdict v = classify_params(seed_exercise(1), 18207);
    CHECK(v.right);
    CHECK_FALSE(v.known_mistake());
    CHECK(v.wrong_working.params.empty());
    CHECK(v.right_working.params.result == 18207);
}

TEST_CASE("classifier: the seed's conv2d_2 names each parameter misconception by its number") {
    Exercise e = seed_exercise(1);
    CHECK(params_mistake(e, 3 * 3 * 32 * 63) == MistakeKind::ForgotBias);
    CHECK(params_mistake(e, 3 * 3 * 63) == MistakeKind::ForgotBoth);
    CHECK(params_mistake(e, (3 * 3 * 63 + 1) * 32) == MistakeKind::SwappedInOut);
    CHECK(params_mistake(e, (3 * 3 + 1) * 32) == MistakeKind::FullAsDepthwise);
    CHECK(to_text(classify_params(e, 320).wrong_working.params) == "(3 × 3 + 1) × 32 = 320");
}

TEST_CASE("classifier: the seed's conv2d_2 names each shape misconception: no + 1, 'valid' as 'same', Cin channels") {
    Exercise e = seed_exercise(1);
    CHECK(classify_shape(e, Shape::image(24, 24, 63)).right);
    Verdict no_plus_one = classify_shape(e, Shape::image(23, 23, 63));
    CHECK(no_plus_one.mistake == MistakeKind::PaddingOffByOne);
    CHECK(to_text(no_plus_one.wrong_working.height) == "⌊(26 − 3) / 1⌋ = 23");
    CHECK(to_text(no_plus_one.wrong_working.channels) == "63 = 63");
    CHECK(to_text(no_plus_one.right_working.height) == "⌊(26 − 3) / 1⌋ + 1 = 24");
    CHECK(shape_mistake(e, Shape::image(26, 26, 63)) == MistakeKind::PaddingOffByOne);
    Verdict channels = classify_shape(e, Shape::image(24, 24, 32));
    CHECK(channels.mistake == MistakeKind::OutputChannelsWrong);
    CHECK(to_text(channels.wrong_working.channels) == "32 = 32");
}

TEST_CASE("classifier: the seed's max_pooling2d_1 has no parameters; 4, 252, 253 and 315 counted some") {
    Exercise e = seed_exercise(2);
    CHECK(classify_params(e, 0).right);
    CHECK(classify_params(e, 0).right_working.params.empty());
    for (int64_t counted : {4, 2 * 2 * 63, 2 * 2 * 63 + 1, (2 * 2 + 1) * 63})
        CHECK(params_mistake(e, counted) == MistakeKind::CountedPoolingParams);
    CHECK(to_text(classify_params(e, 253).wrong_working.params) == "2 × 2 × 63 + 1 = 253");
    CHECK(shape_mistake(e, Shape::image(23, 23, 63)) == MistakeKind::StrideIgnored);
    CHECK(shape_mistake(e, Shape::image(11, 11, 63)) == MistakeKind::PaddingOffByOne);
}

TEST_CASE("classifier: the seed's dense after Flatten: (63 + 1) × 128 took Flatten as C, (9072) as its shape kept the input") {
    Exercise e = seed_exercise(5);
    Verdict v = classify_params(e, (63 + 1) * 128);
    CHECK(v.mistake == MistakeKind::FlattenAsLastAxis);
    CHECK(to_text(v.wrong_working.params) == "(63 + 1) × 128 = 8192");
    CHECK(params_mistake(e, 9072 * 128) == MistakeKind::ForgotBias);
    CHECK(params_mistake(e, 129 * 9072) == MistakeKind::SwappedInOut);
    CHECK(classify_shape(e, Shape::vector(128)).right);
    CHECK(shape_mistake(e, Shape::vector(9072)) == MistakeKind::OutputChannelsWrong);
    CHECK(classify_shape(e, Shape::vector(128)).right_working.height.empty());
}

// ---------------------------------------------------------------- hand-sized layers

TEST_CASE("classifier: a 3x3 DepthwiseConv2D with depth_multiplier 2 on (10, 10, 8): 160 right, 1168 counted it as a Conv2D") {
    LayerSpec dw = make_layer(LayerKind::DepthwiseConv2D);
    dw.padding = Padding::Same;
    dw.depth_multiplier = 2;
    Exercise e = exercise_on(dw, Shape::image(10, 10, 8));
    CHECK(classify_params(e, 160).right);
    CHECK(params_mistake(e, (9 * 8 + 1) * 16) == MistakeKind::DepthwiseAsFull);
    CHECK(to_text(classify_params(e, 1168).wrong_working.params) == "(3 × 3 × 8 + 1) × 8 × 2 = 1168");
    CHECK(params_mistake(e, 20) == MistakeKind::ForgotInChannels);
    CHECK(params_mistake(e, 18) == MistakeKind::ForgotBoth);
    CHECK(params_mistake(e, 144) == MistakeKind::ForgotBias);
    CHECK(to_text(classify_shape(e, Shape::image(10, 10, 16)).right_working.channels) == "8 × 2 = 16");
    CHECK(shape_mistake(e, Shape::image(10, 10, 8)) == MistakeKind::OutputChannelsWrong);
    CHECK(shape_mistake(e, Shape::image(8, 8, 16)) == MistakeKind::PaddingOffByOne);  // 'same' taken as 'valid'
}

TEST_CASE("classifier: a 3x3 Conv2D dilated by 2 on 12x12 gives 8; 10 ignored the dilation") {
    LayerSpec conv = make_layer(LayerKind::Conv2D);
    conv.filters = 4;
    conv.dilation = {2, 2};
    Exercise e = exercise_on(conv, Shape::image(12, 12, 3));
    CHECK(classify_shape(e, Shape::image(8, 8, 4)).right);
    Verdict v = classify_shape(e, Shape::image(10, 10, 4));
    CHECK(v.mistake == MistakeKind::DilationIgnored);
    CHECK(to_text(v.wrong_working.height) == "⌊(12 − 3) / 1⌋ + 1 = 10");
    CHECK(to_text(v.right_working.height) == "⌊(12 − 5) / 1⌋ + 1 = 8");
    CHECK(shape_mistake(e, Shape::image(7, 7, 4)) == MistakeKind::PaddingOffByOne);
}

TEST_CASE("classifier: a 'same' 3x3 Conv2D with stride 2 on 15x9 gives 8x5; 7x4 is 'valid', 15x9 ignored the stride") {
    LayerSpec conv = make_layer(LayerKind::Conv2D);
    conv.filters = 6;
    conv.padding = Padding::Same;
    conv.strides = {2, 2};
    Exercise e = exercise_on(conv, Shape::image(15, 9, 2));
    CHECK(classify_shape(e, Shape::image(8, 5, 6)).right);
    CHECK(shape_mistake(e, Shape::image(7, 4, 6)) == MistakeKind::PaddingOffByOne);
    Verdict v = classify_shape(e, Shape::image(15, 9, 6));
    CHECK(v.mistake == MistakeKind::StrideIgnored);
    CHECK(to_text(v.wrong_working.width) == "⌈9 / 1⌉ = 9");
}

TEST_CASE("classifier: when Cin equals Cout, (Kh·Kw + 1)·C is ForgotInChannels, the earlier kind, not FullAsDepthwise") {
    LayerSpec conv = make_layer(LayerKind::Conv2D);
    conv.filters = 16;
    Exercise e = exercise_on(conv, Shape::image(8, 8, 16));
    CHECK(params_mistake(e, (9 + 1) * 16) == MistakeKind::ForgotInChannels);
}

TEST_CASE("classifier: an answer no misconception gives is 'not a known mistake', shown with the right working only") {
    Exercise e = seed_exercise(1);
    for (int64_t answer : {int64_t(631), int64_t(-630), int64_t(0), int64_t(1) << 50}) {
        Verdict v = classify_params(e, answer);
        CHECK_FALSE(v.right);
        CHECK_FALSE(v.known_mistake());
        CHECK(v.wrong_working.params.empty());
        CHECK(v.right_working.params.result == 18207);
    }
    for (const Shape& answer : {Shape::image(25, 25, 63), Shape::vector(63), Shape::image(24, 23, 63), Shape{}}) {
        Verdict v = classify_shape(e, answer);
        CHECK_FALSE(v.right);
        CHECK_FALSE(v.known_mistake());
        CHECK(v.wrong_working.height.empty());
        CHECK(v.right_working.height.result == 24);
    }
}

// ---------------------------------------------------------------- every generated exercise

TEST_CASE("classifier: on 1,500 generated exercises, every misconception's wrong answer is named, the earliest kind winning ties") {
    std::map<MistakeKind, int> named;
    for (int level = 0; level <= kMaxExerciseLevel; ++level) {
        for (uint64_t seed = 0; seed < 300; ++seed) {
            Exercise e = make_exercise(seed, level);
            CAPTURE(level);
            CAPTURE(seed);
            CAPTURE(e.row.input.to_string());

            std::vector<Reference> params = reference_params(e);
            for (const Reference& ref : params) {
                if (ref.params == e.right_params()) continue;
                MistakeKind want =
                    expected_kind(params, [&](const Reference& r) { return r.params == ref.params; });
                Verdict v = classify_params(e, ref.params);
                CAPTURE(ref.params);
                CHECK_FALSE(v.right);
                CHECK(int(v.mistake) == int(want));
                CHECK(v.wrong_working.params.result == ref.params);
                ++named[v.mistake];
            }
            // ... and the classifier knows no parameter answer the reference does not.
            for (const WrongAnswer& w : wrong_param_answers(e)) {
                MistakeKind want = expected_kind(params, [&](const Reference& r) { return r.params == w.params; });
                CHECK(int(w.kind) == int(want));
            }

            std::vector<Reference> shapes = reference_shapes(e);
            for (const Reference& ref : shapes) {
                if (ref.shape == e.right_shape()) continue;
                MistakeKind want = expected_kind(shapes, [&](const Reference& r) { return r.shape == ref.shape; });
                Verdict v = classify_shape(e, ref.shape);
                CAPTURE(ref.shape.to_string());
                CHECK_FALSE(v.right);
                CHECK(int(v.mistake) == int(want));
                if (ref.shape.rank == 3) {
                    CHECK(v.wrong_working.height.result == ref.shape.h());
                    CHECK(v.wrong_working.width.result == ref.shape.w());
                }
                CHECK(v.wrong_working.channels.result == ref.shape.c());
                ++named[v.mistake];
            }
            for (const WrongAnswer& w : wrong_shape_answers(e)) {
                MistakeKind want = expected_kind(shapes, [&](const Reference& r) { return r.shape == w.shape; });
                CHECK(int(w.kind) == int(want));
            }

            // The right answers are always right, with the core's own working.
            CHECK(classify_params(e, e.right_params()).right);
            CHECK(classify_shape(e, e.right_shape()).right);
            CHECK(classify_params(e, e.right_params()).right_working.params.result == e.row.analysis.params);
        }
    }
    for (MistakeKind k : {MistakeKind::ForgotInChannels, MistakeKind::ForgotBias, MistakeKind::ForgotBoth,
                          MistakeKind::SwappedInOut, MistakeKind::CountedPoolingParams, MistakeKind::PaddingOffByOne,
                          MistakeKind::StrideIgnored, MistakeKind::FlattenAsLastAxis, MistakeKind::DilationIgnored,
                          MistakeKind::DepthwiseAsFull, MistakeKind::FullAsDepthwise,
                          MistakeKind::OutputChannelsWrong, MistakeKind::SameRoundedDown}) {
        CAPTURE(int(k));
        CHECK(named[k] > 0);
    }
}

TEST_CASE("classifier: every wrong answer the layer analysis lists is one the classifier names") {
    for (int level = 0; level <= kMaxExerciseLevel; ++level) {
        for (uint64_t seed = 0; seed < 200; ++seed) {
            Exercise e = make_exercise(seed, level);
            std::vector<WrongAnswer> shapes = wrong_shape_answers(e);
            for (const Mistake& m : e.row.analysis.mistakes) {
                CAPTURE(int(m.kind));
                if (m.kind == MistakeKind::PaddingOffByOne || m.kind == MistakeKind::StrideIgnored ||
                    m.kind == MistakeKind::SameRoundedDown) {
                    // The analysis gives the wrong height; some wrong shape has it.
                    bool found = false;
                    for (const WrongAnswer& w : shapes) found = found || w.shape.h() == m.wrong_value;
                    CHECK(found);
                } else {
                    CHECK(int(classify_params(e, m.wrong_value).mistake) <= int(m.kind));
                }
            }
        }
    }
}
