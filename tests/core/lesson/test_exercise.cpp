// test_exercise.cpp: the exercise generator. The seed question as an exercise,
// then the generator's promises over many seeds and every level: each layer is
// valid per summarize, never strided and dilated at once, reproducible from its
// seed, and each level asks about more ideas than the one before.
#include <doctest.h>

#include <set>
#include <string>

#include "core/analysis/layer_kind.h"
#include "core/lesson/exercise.h"
#include "core/model/presets.h"
#include "core/analysis/shape_math.h"

using namespace convlab;

namespace {

constexpr int kSeeds = 400;

// The ideas an exercise asks about, for comparing levels.
std::set<std::string> ideas_of(const Exercise& e) {
    std::set<std::string> ideas;
    const LayerSpec& s = e.spec();
    ideas.insert(std::string("kind:") + layer_kind_info(s.kind).class_name);
    if (e.flattened_from.rank == 3) ideas.insert("dense after flatten");
    if (e.row.input.rank == 3 && e.row.input.h() != e.row.input.w()) ideas.insert("non-square input");
    if (s.kind == LayerKind::Dense) return ideas;
    if (s.padding == Padding::Same) ideas.insert("same padding");
    if (s.strides.h > 1) ideas.insert("stride " + std::to_string(s.strides.h));
    if (s.dilation.h > 1) ideas.insert("dilation " + std::to_string(s.dilation.h));
    if (s.kernel.h != s.kernel.w) ideas.insert("non-square kernel");
    if (s.kind == LayerKind::DepthwiseConv2D && s.depth_multiplier > 1) ideas.insert("depth multiplier");
    if (s.kind != LayerKind::MaxPooling2D && s.kind != LayerKind::AveragePooling2D)
        ideas.insert("kernel " + std::to_string(s.kernel.h));
    else if (s.strides.h != s.kernel.h) ideas.insert("overlapping pooling");
    return ideas;
}

bool same_exercise(const Exercise& a, const Exercise& b) {
    if (a.model.layers.size() != b.model.layers.size() || a.layer != b.layer) return false;
    for (size_t i = 0; i < a.model.layers.size(); ++i) {
        const LayerSpec &x = a.model.layers[i], &y = b.model.layers[i];
        if (x.kind != y.kind || x.filters != y.filters || x.units != y.units || !(x.kernel == y.kernel) ||
            !(x.strides == y.strides) || !(x.dilation == y.dilation) || x.padding != y.padding ||
            x.depth_multiplier != y.depth_multiplier || x.input_shape != y.input_shape)
            return false;
    }
    return a.right_shape() == b.right_shape() && a.right_params() == b.right_params();
}

}  // namespace

TEST_CASE("exercise: the seed question's conv2d_2 takes (None, 26, 26, 32) and answers (None, 24, 24, 63) with 18,207 parameters") {
    Exercise e;
    Problem p;
    REQUIRE(exercise_from_model(preset_model(Preset::SeedQuestion), 1, &e, &p));
    CHECK(e.row.name == "conv2d_2");
    CHECK(e.row.input == Shape::image(26, 26, 32));
    CHECK(e.right_shape() == Shape::image(24, 24, 63));
    CHECK(e.right_params() == 18207);
    CHECK(e.flattened_from.rank == 0);
    CHECK(to_text(e.row.analysis.param_formula) == "(3 × 3 × 32 + 1) × 63 = 18,207");
}

TEST_CASE("exercise: the seed's Dense after Flatten remembers the (12, 12, 63) that was flattened") {
    Exercise e;
    Problem p;
    REQUIRE(exercise_from_model(preset_model(Preset::SeedQuestion), 5, &e, &p));
    CHECK(e.row.name == "dense");
    CHECK(e.flattened_from == Shape::image(12, 12, 63));
    CHECK(e.row.input == Shape::vector(9072));
    CHECK(e.right_params() == (9072 + 1) * 128);
}

TEST_CASE("exercise: an InputLayer or an index past the end is not a question, and an invalid model says why") {
    Exercise e;
    Problem p;
    ModelSpec seed = preset_model(Preset::SeedQuestion);
    CHECK_FALSE(exercise_from_model(seed, 99, &e, &p));
    CHECK(p.constraint.empty());
    ModelSpec with_input;
    with_input.layers.push_back(make_layer(LayerKind::InputLayer));
    with_input.layers.push_back(make_layer(LayerKind::Flatten));
    CHECK_FALSE(exercise_from_model(with_input, 0, &e, &p));
    CHECK(p.constraint.empty());
    seed.layers[1].strides = {2, 2};
    seed.layers[1].dilation = {2, 2};
    CHECK_FALSE(exercise_from_model(seed, 1, &e, &p));
    CHECK(p.constraint.code == MsgCode::ProblemStridesWithDilation);
}

TEST_CASE("exercise: every generated layer is valid per summarize, at every level, over 400 seeds") {
    for (int level = 0; level <= kMaxExerciseLevel; ++level) {
        for (uint64_t seed = 0; seed < kSeeds; ++seed) {
            Exercise e = make_exercise(seed, level);
            CAPTURE(level);
            CAPTURE(seed);
            REQUIRE(e.level == level);
            REQUIRE(e.seed == seed);
            ModelSummary summary;
            Problem p;
            REQUIRE(summarize(e.model, NamingStyle::Keras2, &summary, &p));
            REQUIRE(e.layer == int(e.model.layers.size()) - 1);
            REQUIRE(summary.layers.back().analysis.output == e.right_shape());
            REQUIRE(summary.layers.back().analysis.params == e.right_params());
            const LayerSpec& s = e.spec();
            bool strided = s.strides.h > 1 || s.strides.w > 1;
            bool dilated = s.dilation.h > 1 || s.dilation.w > 1;
            CHECK_FALSE((strided && dilated));
            CHECK(s.use_bias);
            if (s.kind != LayerKind::Dense && s.padding == Padding::Valid) {
                CHECK(kernel_reach(s.kernel.h, s.dilation.h) <= e.row.input.h());
                CHECK(kernel_reach(s.kernel.w, s.dilation.w) <= e.row.input.w());
            }
        }
    }
}

TEST_CASE("exercise: the same seed and level give the same exercise, and different seeds vary") {
    for (int level = 0; level <= kMaxExerciseLevel; ++level) {
        int distinct_from_previous = 0;
        for (uint64_t seed = 0; seed < 50; ++seed) {
            CHECK(same_exercise(make_exercise(seed, level), make_exercise(seed, level)));
            if (seed > 0 && !same_exercise(make_exercise(seed, level), make_exercise(seed - 1, level)))
                ++distinct_from_previous;
        }
        CHECK(distinct_from_previous >= 45);
    }
    // Pinned, so a change to the draws is a deliberate one.
    Exercise e = make_exercise(1, 0);
    CHECK(e.spec().kind == LayerKind::Conv2D);
    CHECK(e.row.input == Shape::image(12, 12, 1));
    CHECK(e.spec().filters == 2);
    CHECK(e.right_shape() == Shape::image(10, 10, 2));
    CHECK(e.right_params() == 20);
    Exercise top = make_exercise(1, kMaxExerciseLevel);
    CHECK(top.spec().kind == LayerKind::Dense);
    CHECK(top.flattened_from.elements() == 992);
    CHECK(top.right_params() == (992 + 1) * 56);
}

TEST_CASE("exercise: level 0 is a 'valid' 3x3 Conv2D with stride 1 on a small square input with 1 or 3 channels") {
    for (uint64_t seed = 0; seed < kSeeds; ++seed) {
        Exercise e = make_exercise(seed, 0);
        const LayerSpec& s = e.spec();
        REQUIRE(s.kind == LayerKind::Conv2D);
        CHECK(s.padding == Padding::Valid);
        CHECK(s.strides == Pair{1, 1});
        CHECK(s.dilation == Pair{1, 1});
        CHECK(s.kernel == Pair{3, 3});
        CHECK(e.row.input.h() == e.row.input.w());
        CHECK(e.row.input.h() <= 12);
        CHECK((e.row.input.c() == 1 || e.row.input.c() == 3));
        CHECK(s.filters <= 16);
    }
}

TEST_CASE("exercise: each level asks about every idea of the level below and at least one more") {
    std::set<std::string> below;
    for (int level = 0; level <= kMaxExerciseLevel; ++level) {
        std::set<std::string> here;
        for (uint64_t seed = 0; seed < kSeeds; ++seed)
            for (const std::string& idea : ideas_of(make_exercise(seed, level))) here.insert(idea);
        CAPTURE(level);
        for (const std::string& idea : below) {
            CAPTURE(idea);
            CHECK(here.count(idea) == 1);
        }
        CHECK(here.size() > below.size());
        below = here;
    }
    // The top level has all of it.
    for (const char* idea : {"kind:Conv2D", "kind:DepthwiseConv2D", "kind:MaxPooling2D", "kind:AveragePooling2D",
                             "kind:Dense", "dense after flatten", "same padding", "stride 2", "stride 3",
                             "dilation 2", "dilation 3", "non-square input", "non-square kernel",
                             "depth multiplier", "overlapping pooling"}) {
        CAPTURE(idea);
        CHECK(below.count(idea) == 1);
    }
}

TEST_CASE("exercise: the level rises by one every three right answers in a row and stops at the top") {
    CHECK(exercise_level_for_streak(-1) == 0);
    CHECK(exercise_level_for_streak(0) == 0);
    CHECK(exercise_level_for_streak(2) == 0);
    CHECK(exercise_level_for_streak(3) == 1);
    CHECK(exercise_level_for_streak(3 * kMaxExerciseLevel) == kMaxExerciseLevel);
    CHECK(exercise_level_for_streak(1000) == kMaxExerciseLevel);
    for (int streak = 0; streak < 40; ++streak)
        CHECK(exercise_level_for_streak(streak + 1) >= exercise_level_for_streak(streak));
}

TEST_CASE("exercise: a level outside 0..max is clamped") {
    CHECK(make_exercise(7, -3).level == 0);
    CHECK(make_exercise(7, 99).level == kMaxExerciseLevel);
    CHECK(same_exercise(make_exercise(7, 99), make_exercise(7, kMaxExerciseLevel)));
}
