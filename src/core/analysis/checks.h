// analysis/checks.h: the validation every layer file shares, so each constraint is
// written once: sizes at least 1 and at most kMaxCount, an (H, W, C) input where
// one is needed, a kernel that fits, counts that stay under the limit. Each check
// fills the Problem and returns false; a layer writes `if (!c.xxx(...)) return false;`.
// Not the arithmetic itself: shape_math.h has that.
#pragma once
#include <string>
#include <vector>

#include "core/analysis/layer_kind.h"
#include "core/analysis/shape_math.h"

namespace convlab {

// "2×2", the way the messages write a pair.
std::string pair_text(Pair p);

struct Check {
    const LayerSpec& spec;
    const LayerContext& where;
    Problem* problem;

    // Fills *problem with `code` and its pieces on `field` (Field::Count: the whole layer).
    bool fail(MsgCode code, Field field, std::vector<Message> pieces) const;
    // minimum ≤ v ≤ kMaxCount, else NotPositive or TooLarge on `field`.
    bool size_in_range(int64_t v, int64_t minimum, Field field) const;
    bool pair_in_range(Pair p, int64_t minimum, Field field) const;
    // rank 3, else NeedsImageInput naming the shape it got.
    bool image_input(const Shape& input) const;
    // value ≥ 0 (checked_mul/checked_add return -1 past kMaxCount), else TooLarge
    // with the factors written out, since the product itself cannot be formed.
    // what: the phrase naming the count (MsgCode::ProblemParameterCount, ...).
    bool count(int64_t value, MsgCode what, const std::string& factors) const;
    // Sets the output shape and its float32 size, after checking its element count.
    bool set_output(const Shape& output, LayerAnalysis* out) const;
    // The spatial part of every windowed layer (convolutions and poolings):
    // validates kernel, strides and (if used) dilation, then fills out->height
    // and out->width. noun: MsgCode::ProblemKernel or ProblemPoolingWindow.
    bool window_output(const Shape& input, bool uses_dilation, MsgCode noun, Role kernel_h_role,
                       Role kernel_w_role, LayerAnalysis* out, int64_t* out_h, int64_t* out_w) const;
    // A convolution's parameters, all trainable: `weights` (formed as
    // weight_factors) plus, with use_bias, one bias per output channel.
    bool weights_and_bias(int64_t weights, const std::string& weight_factors, int64_t out_channels,
                          LayerAnalysis* out) const;
    // A convolution's cost: out_h·out_w positions, each one multiply-add per weight.
    bool window_macs(int64_t out_h, int64_t out_w, int64_t weights, LayerAnalysis* out) const;
};

// Adds `m` unless its wrong value happens to equal the right one (e.g. forgetting
// the input channels changes nothing when there is one channel).
// The wrong output heights learners give for a windowed layer: no "+ 1" under
// 'valid', 'same' treated as 'valid', the stride ignored. Call after set_output.
void add_window_mistakes(const LayerSpec& spec, const Shape& input, bool uses_dilation, Role kernel_h_role,
                         LayerAnalysis* out);

void add_mistake(LayerAnalysis* out, int64_t right, MistakeKind kind, const Formula& working);

}  // namespace convlab
