// lesson/mistake_classifier.h: grades a learner's answer to an Exercise and,
// when it is wrong, names the misconception that gives exactly that answer,
// with the wrong working to show beside the right one. The seed question's
// case: conv2d_2 (Cin 32, 3×3, 63 filters), answer 630 → ForgotInChannels,
// working (3 × 3 + 1) × 63 = 630. Not a tutor: no sentences here (the UI's
// string table has one per MistakeKind). Reference: the layers' own formulas
// (src/core/analysis/), each misconception being one of them with one step wrong.
#pragma once
#include <cstdint>
#include <vector>

#include "core/lesson/exercise.h"

namespace convlab {

// The arithmetic behind one answer. A parameter count fills `params` (empty
// when the layer has no parameters); an output shape fills one formula per axis
// (`height` and `width` are empty for a vector output such as Dense's).
struct Working {
    Formula params;
    Formula height, width, channels;
};

// One misconception's answer to an exercise.
struct WrongAnswer {
    MistakeKind kind = MistakeKind::Count;
    int64_t params = 0;  // parameter answers
    Shape shape;         // shape answers
    Working working;
};

// The misconceptions and what they answer, in priority order, each answer once.
// When two misconceptions give the same answer, the earlier MistakeKind wins
// (so for a Conv2D with Cin = Cout, (Kh·Kw + 1)·Cout is ForgotInChannels, not
// FullAsDepthwise); answers equal to the right one are left out.
//   Parameters: the layer analysis's own mistakes (ForgotInChannels, ForgotBias,
//     ForgotBoth, SwappedInOut, CountedPoolingParams, ...) plus
//     DepthwiseConv2D: (Kh·Kw + 1)·dm and Kh·Kw·dm (channels forgotten),
//                      (Kh·Kw·Cin + 1)·Cin·dm (DepthwiseAsFull);
//     Conv2D:          (Kh·Kw + 1)·Cin (FullAsDepthwise);
//     poolings:        Kh·Kw, Kh·Kw·C + 1 and (Kh·Kw + 1)·C besides the analysis's Kh·Kw·C;
//     Dense after a Flatten of (H, W, C): (C + 1)·units (FlattenAsLastAxis).
//   Shapes (on both axes at once): 'valid' without the + 1, 'valid' as 'same',
//     'same' as 'valid' (PaddingOffByOne); stride 1 (StrideIgnored); the kernel's
//     size for its dilated reach (DilationIgnored); Cin for the output channels
//     of a Conv2D or a DepthwiseConv2D with dm > 1, the input's features for a
//     Dense's units (OutputChannelsWrong); 'same' with a stride rounded down,
//     ⌊in / S⌋ for ⌈in / S⌉ (SameRoundedDown); an Add's inputs' channels added up,
//     as a Concatenate would (AddAsConcatenate).
std::vector<WrongAnswer> wrong_param_answers(const Exercise& e);
std::vector<WrongAnswer> wrong_shape_answers(const Exercise& e);

struct Verdict {
    bool right = false;
    MistakeKind mistake = MistakeKind::Count;  // Count: right, or not a known mistake
    Working right_working;                     // always filled, from the core's analysis
    Working wrong_working;                     // the misconception's arithmetic; empty unless known
    bool known_mistake() const { return mistake != MistakeKind::Count; }
};

// The learner's Param # (any integer: a negative one is simply not a known mistake).
Verdict classify_params(const Exercise& e, int64_t answer);
// The learner's output shape, without the batch axis: (H, W, C), or (F) for a vector.
Verdict classify_shape(const Exercise& e, const Shape& answer);

}  // namespace convlab
