// analysis.h: everything ConvLab says about one layer given its input shape:
// the output shape, the parameter count split the way Keras splits it, the
// arithmetic behind both as formulas, the wrong answers learners commonly give,
// and the cost (multiply-adds, activation memory). Not the weights: training
// owns those. Reference: Keras model.summary() and each layer's compute_output_shape.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "core/analysis/formula.h"
#include "core/model/shape.h"

namespace convlab {

// A misconception that produces a specific wrong number. The lesson's mistake
// classifier and the summary's "common wrong answers" both use these.
enum class MistakeKind : uint8_t {
    ForgotInChannels,     // (Kh·Kw + 1)·Cout: the seed question's 630
    ForgotBias,           // Kh·Kw·Cin·Cout
    ForgotBoth,           // Kh·Kw·Cout
    SwappedInOut,         // used Cout where Cin belongs: (Kh·Kw·Cout + 1)·Cin
    CountedPoolingParams, // gave a pooling layer Kh·Kw(·C) parameters
    PaddingOffByOne,      // output size without the +1, or 'same' treated as 'valid'
    StrideIgnored,        // output size as if stride were 1
    FlattenAsLastAxis,    // Flatten's size taken as C alone, not H·W·C
    CountedMovingStats,   // BatchNormalization moving mean/variance counted trainable
    DilationIgnored,      // output size with the kernel's size, not its dilated reach (K − 1)·D + 1
    DepthwiseAsFull,      // DepthwiseConv2D counted as a Conv2D: (Kh·Kw·Cin + 1)·Cin·dm
    FullAsDepthwise,      // Conv2D counted as one kernel per input channel: (Kh·Kw + 1)·Cin
    OutputChannelsWrong,  // output channels taken from the input (Cin), not the layer (Cout, units)
    SameRoundedDown,      // 'same' with a stride: ⌊in / S⌋ instead of ⌈in / S⌉ ("forgot the ceil")
    // Graphs (model_graph.cpp adds these, since they need the layers around one):
    ConcatChannelsAsParams,  // a Concatenate's joined channels (64 + 32 = 96) given as its Param #
    ConcatOneBranch,         // the conv after a Concatenate counted with one branch's channels as Cin
    SharedCountedTwice,      // a layer called twice counted once per call; its weights are shared
    AddAsConcatenate,        // an Add's output shape with its inputs' channels added, as a Concatenate's
    ShortcutProjectionForgotten,  // a shortcut's 1×1 projection Conv2D counted as 0, as if the shortcut were a wire
    Count
};

struct Mistake {
    MistakeKind kind = MistakeKind::ForgotBias;
    int64_t wrong_value = 0;
    Formula working;  // the arithmetic that gives the wrong value
};

// The arithmetic of one spatial output size, e.g. 'valid': ⌊(26 − 3) / 1⌋ + 1 = 24.
struct SizeWorking {
    Formula formula;
    int64_t pad_before = 0, pad_after = 0;  // 'same': Keras puts the odd cell after
};

struct ModelSummary;

// Keras 2.2 numbers every auto-named layer from 1 (conv2d_1, conv2d_2); Keras 3
// starts without a suffix (conv2d, conv2d_1). An explicit name= is kept and does
// not advance the counter.
enum class NamingStyle : uint8_t { Keras2, Keras3 };

struct LayerAnalysis {
    Shape output;
    int64_t params = 0;           // Param # in the summary
    int64_t trainable = 0;
    int64_t non_trainable = 0;    // BatchNormalization's moving mean and variance
    Formula param_formula;        // empty when the layer has no parameters
    SizeWorking height, width;    // spatial layers only (rank-3 output)
    Formula size_formula;         // Flatten / Global pooling: how the output size is formed
    std::vector<Mistake> mistakes;  // the common wrong answers, with their working
    int64_t macs = 0;             // multiply-adds for one example (FLOPs = 2·MACs)
    int64_t activation_bytes = 0; // float32 output of one example
    // A model used as a layer: its own summary, the rows expand_nested prints.
    std::shared_ptr<const ModelSummary> nested;
};

}  // namespace convlab
