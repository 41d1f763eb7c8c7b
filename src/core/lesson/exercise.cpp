// lesson/exercise.cpp: the exercise generator. One draw function per layer kind,
// each picking only sizes its level allows, and sizes that keep the layer valid
// ('valid' inputs at least as large as the kernel's reach, dilation only with
// stride 1). The draws use training's PCG32 (train/rng.h) on a stream of their own.
// The answers come from summarize(); nothing here computes a shape or a count.
#include "core/lesson/exercise.h"

#include <initializer_list>

#include "core/model/presets.h"
#include "core/analysis/shape_math.h"
#include "core/train/rng.h"

namespace convlab {
namespace {

constexpr uint64_t kLessonStream = 0x1e55;  // apart from training's streams

// Uniform integer in [lo, hi], both included (hi − lo < 2^32).
int64_t pick(Rng* r, int64_t lo, int64_t hi) { return lo + int64_t(rng_below(r, uint32_t(hi - lo + 1))); }
int64_t pick_of(Rng* r, std::initializer_list<int64_t> options) {
    return options.begin()[rng_below(r, uint32_t(options.size()))];
}
bool chance(Rng* r, uint32_t percent) { return rng_below(r, 100) < percent; }

// The layer asked about and what it receives; `flatten` puts a Flatten in between.
struct Draft {
    Shape input;
    bool flatten = false;
    LayerSpec layer;
};

// H and W for a window whose reach is `reach`: at least the reach (so 'valid'
// fits) and at least 5; square below level 2, non-square half the time from it.
Pair draw_spatial(Rng* r, int level, Pair reach) {
    int64_t lo = reach.h > reach.w ? reach.h : reach.w;
    if (lo < 5) lo = 5;
    int64_t hi = level == 0 ? 12 : level == 1 ? 32 : 33;
    int64_t h = pick(r, lo, hi);
    if (level < 2 || chance(r, 50)) return {h, h};
    return {h, pick(r, lo, hi)};
}

// Strides, then dilation only when both strides are 1 (Keras refuses the pair).
void draw_stride_and_dilation(Rng* r, int level, LayerSpec* s) {
    int64_t stride = 1;
    if (level >= 4 && chance(r, 50)) stride = pick_of(r, {2, 3});
    else if (level >= 2 && chance(r, 40)) stride = 2;
    s->strides = {stride, stride};
    if (stride == 1 && level >= 3 && chance(r, 35)) {
        int64_t d = level >= 4 ? pick_of(r, {2, 3}) : 2;
        s->dilation = {d, d};
        // A 1-wide kernel reaches one cell whatever its dilation: make it 3 so dilation shows.
        if (s->kernel.h == 1) s->kernel.h = 3;
        if (s->kernel.w == 1) s->kernel.w = 3;
    }
}

Padding draw_padding(Rng* r, int level, int from_level, uint32_t percent_same) {
    return level >= from_level && chance(r, percent_same) ? Padding::Same : Padding::Valid;
}

Pair reach_of(const LayerSpec& s) {
    return {kernel_reach(s.kernel.h, s.dilation.h), kernel_reach(s.kernel.w, s.dilation.w)};
}

Draft draw_conv2d(Rng* r, int level) {
    Draft d;
    d.layer = make_layer(LayerKind::Conv2D);
    LayerSpec& s = d.layer;
    int64_t k = level == 0 ? 3 : level == 1 ? pick_of(r, {1, 3, 3, 5}) : pick_of(r, {1, 3, 3, 5, 7});
    s.kernel = {k, k};
    if (level >= 4 && chance(r, 30)) s.kernel.w = pick_of(r, {1, 3, 5});
    s.padding = draw_padding(r, level, 1, 50);
    draw_stride_and_dilation(r, level, &s);
    int64_t cin = level == 0 ? pick_of(r, {1, 3})
                : level == 1 ? pick_of(r, {1, 3, 8, 16, 32})
                : level < 4  ? pick_of(r, {1, 3, 16, 32, 64})
                             : pick(r, 1, 128);
    s.filters = level == 0 ? pick(r, 2, 16) : level < 4 ? pick(r, 4, 64) : pick(r, 4, 128);
    Pair hw = draw_spatial(r, level, reach_of(s));
    d.input = Shape::image(hw.h, hw.w, cin);
    return d;
}

Draft draw_depthwise_conv2d(Rng* r, int level) {
    Draft d;
    d.layer = make_layer(LayerKind::DepthwiseConv2D);
    LayerSpec& s = d.layer;
    int64_t k = pick_of(r, {3, 3, 5});
    s.kernel = {k, k};
    s.padding = draw_padding(r, level, 0, 50);
    draw_stride_and_dilation(r, level, &s);
    s.depth_multiplier = level >= 4 && chance(r, 40) ? 2 : 1;
    Pair hw = draw_spatial(r, level, reach_of(s));
    d.input = Shape::image(hw.h, hw.w, pick(r, 3, 64));
    return d;
}

Draft draw_pooling2d(Rng* r, int level) {
    Draft d;
    d.layer = make_layer(chance(r, 50) ? LayerKind::MaxPooling2D : LayerKind::AveragePooling2D);
    LayerSpec& s = d.layer;
    int64_t k = pick_of(r, {2, 2, 3});
    int64_t stride = k;  // Keras's strides=None
    if (level >= 4 && chance(r, 30)) { k = 3; stride = 2; }
    s.kernel = {k, k};
    s.strides = {stride, stride};
    s.padding = draw_padding(r, level, 3, 30);
    Pair hw = draw_spatial(r, level, s.kernel);
    d.input = Shape::image(hw.h, hw.w, pick(r, 1, 64));
    return d;
}

// Below level 3 a Dense gets a vector; from level 3 the vector is a Flatten's.
Draft draw_dense(Rng* r, int level) {
    Draft d;
    d.layer = make_layer(LayerKind::Dense);
    if (level < 3) {
        d.input = Shape::vector(pick(r, 4, 256));
        d.layer.units = pick(r, 2, 128);
        return d;
    }
    d.flatten = true;
    int64_t h = pick(r, 2, 12);
    int64_t w = chance(r, 50) ? h : pick(r, 2, 12);
    d.input = Shape::image(h, w, pick(r, 1, 64));
    d.layer.units = pick(r, 8, 128);
    return d;
}

Draft draw(Rng* r, int level) {
    uint32_t roll = rng_below(r, 100);
    switch (level) {
        case 0: return draw_conv2d(r, level);
        case 1: return roll < 70 ? draw_conv2d(r, level) : draw_dense(r, level);
        case 2:
            return roll < 50 ? draw_conv2d(r, level) : roll < 80 ? draw_pooling2d(r, level) : draw_dense(r, level);
        default:
            return roll < 35   ? draw_conv2d(r, level)
                   : roll < 55 ? draw_depthwise_conv2d(r, level)
                   : roll < 75 ? draw_pooling2d(r, level)
                               : draw_dense(r, level);
    }
}

ModelSpec model_of(const Draft& d) {
    ModelSpec m;
    LayerSpec input = make_layer(LayerKind::InputLayer);
    input.input_shape = d.input;
    m.layers.push_back(input);
    if (d.flatten) m.layers.push_back(make_layer(LayerKind::Flatten));
    m.layers.push_back(d.layer);
    return m;
}

}  // namespace

int exercise_level_for_streak(int streak) {
    if (streak < 0) return 0;
    return streak / 3 < kMaxExerciseLevel ? streak / 3 : kMaxExerciseLevel;
}

Exercise make_exercise(uint64_t seed, int level) {
    if (level < 0) level = 0;
    if (level > kMaxExerciseLevel) level = kMaxExerciseLevel;
    Rng rng = rng_seeded(seed, kLessonStream);
    Exercise e;
    Problem problem;
    // Every draw is valid by construction and summarize() confirms it. Should a
    // draw ever be refused, the next one is taken, and after 16 the seed
    // question's conv2d_2, so a learner is never shown an invalid layer.
    bool ok = false;
    for (int attempt = 0; attempt < 16 && !ok; ++attempt) {
        ModelSpec m = model_of(draw(&rng, level));
        ok = exercise_from_model(m, int(m.layers.size()) - 1, &e, &problem);
    }
    if (!ok) exercise_from_model(preset_model(Preset::SeedQuestion), 1, &e, &problem);
    e.seed = seed;
    e.level = level;
    return e;
}

bool exercise_from_model(const ModelSpec& model, int layer, Exercise* out, Problem* problem) {
    *problem = Problem{};
    ModelSummary summary;
    if (!summarize(model, NamingStyle::Keras2, &summary, problem)) return false;
    const LayerSummary* row = nullptr;
    const LayerSummary* before = nullptr;
    for (const LayerSummary& r : summary.layers) {
        if (r.index == layer) row = &r;
        if (r.index == layer - 1) before = &r;
    }
    if (!row) return false;
    Exercise e;
    e.model = model;
    e.layer = layer;
    e.row = *row;
    if (before && before->kind == LayerKind::Flatten && before->input.rank == 3) e.flattened_from = before->input;
    *out = e;
    return true;
}

}  // namespace convlab
