// test_branch_exercise.cpp: the Branches chapter's exercises (lesson/branch_exercise.h)
// and the graph misconceptions model_graph.cpp names: each exercise is valid
// for many seeds, its right answer grades right, and the misconception's
// answer is named, worked out by hand from the exercise's own sizes.
#include <doctest.h>

#include "core/lesson/branch_exercise.h"
#include "core/lesson/mistake_classifier.h"

using namespace convlab;

namespace {

const LayerSpec& reader_of(const Exercise& e, int layer, int k = 0) {
    return e.model.layers[size_t(e.model.layers[size_t(layer)].calls[0][size_t(k)].layer)];
}

}  // namespace

TEST_CASE("branch exercises: every kind is valid for 300 seeds and grades its own answer right") {
    for (uint64_t seed = 1; seed <= 300; ++seed)
        for (int k = 0; k < int(BranchQuestion::Count); ++k) {
            CAPTURE(seed);
            CAPTURE(k);
            const Exercise e = make_branch_exercise(seed, BranchQuestion(k));
            REQUIRE_FALSE(e.row.name.empty());
            CHECK(e.model.functional);
            CHECK(classify_params(e, e.right_params()).right);
            CHECK(classify_shape(e, e.right_shape()).right);
        }
    // The same seed, the same exercise.
    CHECK(make_branch_exercise(7, BranchQuestion::Bottleneck).row.input ==
          make_branch_exercise(7, BranchQuestion::Bottleneck).row.input);
}

TEST_CASE("branch exercises: a Concatenate's channel sum given as its Param # is named; it has 0") {
    for (uint64_t seed = 1; seed <= 50; ++seed) {
        const Exercise e = make_branch_exercise(seed, BranchQuestion::Concatenate);
        const int64_t c1 = reader_of(e, e.layer, 0).filters, c2 = reader_of(e, e.layer, 1).filters;
        CHECK(e.right_params() == 0);
        CHECK(e.right_shape().c() == c1 + c2);
        const Verdict v = classify_params(e, c1 + c2);
        CHECK_FALSE(v.right);
        CHECK(v.mistake == MistakeKind::ConcatChannelsAsParams);
    }
}

TEST_CASE("branch exercises: the Conv2D after a Concatenate counted with one branch's channels is named") {
    for (uint64_t seed = 1; seed <= 50; ++seed) {
        const Exercise e = make_branch_exercise(seed, BranchQuestion::ConvAfterConcatenate);
        CAPTURE(seed);
        const LayerSpec& y = e.spec();
        const int cat = e.model.layers[size_t(e.layer)].calls[0][0].layer;
        const int64_t c1 = reader_of(e, cat, 0).filters, c2 = reader_of(e, cat, 1).filters;
        const int64_t k = y.kernel.h;
        CHECK(e.right_params() == (k * k * (c1 + c2) + 1) * y.filters);
        const Verdict v = classify_params(e, (k * k * c1 + 1) * y.filters);
        CHECK(v.mistake == MistakeKind::ConcatOneBranch);
    }
}

TEST_CASE("branch exercises: a shared layer counted once per call is named; Keras counts its weights once") {
    for (uint64_t seed = 1; seed <= 50; ++seed) {
        const Exercise e = make_branch_exercise(seed, BranchQuestion::SharedLayer);
        REQUIRE(e.row.inbound.size() == 2);
        const int64_t cin = e.row.input.c();
        CHECK(e.right_params() == (9 * cin + 1) * e.spec().filters);
        CHECK(classify_params(e, 2 * e.right_params()).mistake == MistakeKind::SharedCountedTwice);
    }
}

TEST_CASE("branch exercises: the bottleneck's 1x1 reduction spans every input channel") {
    for (uint64_t seed = 1; seed <= 50; ++seed) {
        const Exercise e = make_branch_exercise(seed, BranchQuestion::Bottleneck);
        const int64_t c = e.row.input.c(), mid = e.spec().filters;
        CHECK(mid * 4 == c);
        CHECK(e.right_params() == (c + 1) * mid);
        CHECK(classify_params(e, 2 * mid).mistake == MistakeKind::ForgotInChannels);
    }
    // 1×1 256→64 (16,448) + 3×3 64→64 (36,928) + 1×1 64→256 (16,640), against two 3×3 at 256 (590,080 each).
    const BottleneckComparison b = bottleneck_comparison();
    CHECK(b.bottleneck == 16448 + 36928 + 16640);
    CHECK(b.plain == 2 * 590080);
}

TEST_CASE("branch exercises: an Add has the shape of its inputs and no parameters") {
    for (uint64_t seed = 1; seed <= 20; ++seed) {
        const Exercise e = make_branch_exercise(seed, BranchQuestion::Add);
        CHECK(e.right_params() == 0);
        CHECK(e.right_shape() == e.row.input);
        // Its channels added up, as a Concatenate's would be: named.
        Shape doubled = e.right_shape();
        doubled.dim[2] *= 2;
        CHECK(classify_shape(e, doubled).mistake == MistakeKind::AddAsConcatenate);
    }
}
