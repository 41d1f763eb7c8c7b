// lesson/branch_exercise.h: practice on graphs, for the lesson's "Branches"
// chapter. Each exercise is a small Functional model and one of its layers to
// predict (output shape and Param #), as an Exercise, so the grading and its
// named misconceptions are mistake_classifier.h's: a Concatenate's channels
// taken for weights, the Conv2D after it counted with one branch's Cin, a
// shared layer counted once per call, and a bottleneck's 1×1 convolution
// counted without its 256 input channels. The answers are summarize()'s.
#pragma once
#include <cstdint>

#include "core/lesson/exercise.h"

namespace convlab {

// The kinds, taught in this order and then round again.
enum class BranchQuestion : uint8_t { Add, Concatenate, ConvAfterConcatenate, SharedLayer, Bottleneck, Count };

// A seeded exercise of that kind: the same seed and kind give the same
// exercise everywhere (train/rng.h's PCG32). Always valid (summarize confirms).
Exercise make_branch_exercise(uint64_t seed, BranchQuestion kind);

// The bottleneck's lesson in numbers (ResNet's 256 → 64 → 64 → 256 against two
// 3×3 convolutions at 256 channels, both on (14, 14, 256)), from summarize():
// why ResNet50 has 25.6 M parameters where VGG16's plain 3×3 stacks give 138 M.
struct BottleneckComparison {
    int64_t bottleneck = 0;  // 1×1 256→64, 3×3 64→64, 1×1 64→256, with biases
    int64_t plain = 0;       // two 3×3 256→256, with biases
};
BottleneckComparison bottleneck_comparison();

}  // namespace convlab
