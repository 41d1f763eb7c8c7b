// lesson/exercise.h: seeded practice questions. An Exercise is one layer with
// an input shape ("Conv2D(16, (3, 3), strides=2, padding='same') on (None, 15, 15, 8)")
// and asks for its output shape and its parameter count. The right answers are
// the core's own (summarize), never computed here. Not the grading: that is
// mistake_classifier.h. Not the UI: it only says what to ask.
#pragma once
#include <cstdint>

#include "core/analysis/model_summary.h"

namespace convlab {

// Levels 0..kMaxExerciseLevel, each adding ideas to the one before:
//   0: Conv2D, 'valid', stride 1, a 3×3 kernel, small square inputs, 1 or 3 channels
//   1: + 'same' padding, 1×1 / 5×5 kernels, more channels, Dense on a vector
//   2: + stride 2, odd and non-square inputs, MaxPooling2D / AveragePooling2D
//   3: + dilation (only with stride 1), DepthwiseConv2D, Dense after a Flatten,
//        'same' pooling
//   4: + non-square kernels, stride 3, dilation 3, depth_multiplier 2,
//        overlapping pooling (3×3 windows, stride 2), larger channel counts
constexpr int kMaxExerciseLevel = 4;

// The level for a streak of right answers in a row: one level up every three,
// so a wrong answer (which ends the streak) brings the learner back to level 0.
int exercise_level_for_streak(int streak);

struct Exercise {
    uint64_t seed = 0;
    int level = 0;
    ModelSpec model;         // InputLayer, [Flatten,] the layer asked about
    int layer = 0;           // index of the layer asked about in model.layers
    LayerSummary row;        // the core's summary of it: name, input, output, Param #, working
    Shape flattened_from;    // the (H, W, C) a Flatten just before it turned into row.input; rank 0 otherwise

    const LayerSpec& spec() const { return model.layers[size_t(layer)]; }
    const Shape& right_shape() const { return row.analysis.output; }
    int64_t right_params() const { return row.analysis.params; }
};

// A random exercise at `level` (clamped to 0..kMaxExerciseLevel). The same seed
// and level give the same exercise on every platform (PCG32, no std::
// distributions). Every layer it draws is valid: never stride > 1 together with
// dilation > 1, never a kernel that reaches past a 'valid' input.
Exercise make_exercise(uint64_t seed, int level);

// An exercise about layer `layer` of any model, e.g. the seed question's conv2d_2
// (layer 1 of preset_model(Preset::SeedQuestion)). False when the model does not
// summarize (*problem says why) or `layer` is not one of its summary rows (an
// InputLayer, or out of range: *problem is left empty, its constraint empty()).
bool exercise_from_model(const ModelSpec& model, int layer, Exercise* out, Problem* problem);

}  // namespace convlab
