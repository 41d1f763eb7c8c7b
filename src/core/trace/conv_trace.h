// trace/conv_trace.h: a convolution as a sequence of steps the UI can animate.
// For step k it says which input cells, which kernel cells and which output
// value are involved, the products and the partial sum so far, and how many
// weights have been met. The UI only draws these records; it never multiplies.
// Not a fast kernel: every step is recomputed from the definition in
// kernels/conv2d_kernels.h, and the tests check the last partial sum against
// conv2d_forward_ref. Reference: Keras Conv2D / DepthwiseConv2D /
// SeparableConv2D (channels_last).
#pragma once
#include <cstdint>
#include <vector>

#include "core/kernels/conv2d_kernels.h"
#include "core/model/layer_spec.h"
#include "core/train/layer_passes.h"

namespace convlab {

// What the animation walks through.
//   ChannelWalk: one output value, built one input channel at a time: step c
//                multiplies the Kh×Kw patch of channel c by the filter's slice c
//                and adds the sum to the running total; a last step adds the bias.
//   Slide:       one filter at every output position, filling one output map.
//   AllFilters:  every filter in turn at one position, stacking the output maps.
enum class TraceMode : uint8_t { ChannelWalk, Slide, AllFilters, Count };

enum class TraceStepKind : uint8_t { Channel, Bias, Position, Filter };

// A convolution of one example. Pointers are borrowed; they must outlive the trace.
struct ConvTraceSource {
    LayerKind kind = LayerKind::Conv2D;  // Conv2D or DepthwiseConv2D
    Conv2DGeometry g;                    // n = 1; DepthwiseConv2D: cout = Cin·dm
    const float* x = nullptr;            // (H, W, Cin)
    const float* w = nullptr;            // Conv2D (Kh, Kw, Cin, Cout); DepthwiseConv2D (Kh, Kw, Cin, dm)
    const float* b = nullptr;            // (Cout), or null when use_bias=False
    // Weights an earlier stage of the same layer has already met: a
    // SeparableConv2D's depthwise kernel, before its pointwise stage. AllFilters
    // counts the whole layer, so it starts there and ends on the layer's Param #.
    int64_t weights_before = 0;
};

// The output value ChannelWalk explains; Slide uses its filter, AllFilters its position.
struct TraceFocus {
    int64_t out_i = 0, out_j = 0, filter = 0;
};

// Tap (p, q) of the kernel lands on input (row, col) = (i·Sh + p·Dh − pad_top,
// j·Sw + q·Dw − pad_left); outside the input it reads padding, a zero.
struct TraceTap {
    int64_t row = 0, col = 0;
    bool padding = false;
};

struct ConvTraceStep {
    TraceStepKind kind = TraceStepKind::Channel;
    int64_t out_i = 0, out_j = 0, filter = 0;  // the output value this step works on
    int64_t channel = -1;         // Channel: the input channel whose patch is used
    int64_t kernel_slice = -1;    // Channel: the filter's slice (c for Conv2D, 0 for depthwise)
    std::vector<TraceTap> taps;   // Kh·Kw, row-major in (p, q)
    std::vector<float> inputs, weights, products;  // Kh·Kw each, Channel steps only
    float step_sum = 0.0f;        // Channel: Σ products; Bias: the bias; Position/Filter: the output value
    float partial_sum = 0.0f;     // ChannelWalk: the running total after this step; else the output value
    int64_t weights_counted = 0;  // the weight counter after this step
    int64_t weights_total = 0;    // where this mode's counter ends
};

// The input channels one filter spans: Cin for Conv2D, 1 for DepthwiseConv2D.
int64_t conv_trace_filter_depth(const ConvTraceSource& s);
// Kh·Kw·depth (+ 1 with a bias): Conv2D's 3·3·32 + 1 = 289.
int64_t conv_trace_weights_per_filter(const ConvTraceSource& s);
// The input channel an output channel reads: DepthwiseConv2D's output c·dm + m reads c.
int64_t conv_trace_input_channel(const ConvTraceSource& s, int64_t filter, int64_t slice);

// ChannelWalk: depth (+ 1 bias step); Slide: Ho·Wo; AllFilters: Cout.
int64_t conv_trace_step_count(const ConvTraceSource& s, TraceMode mode);

// Fills *out for step k in [0, conv_trace_step_count) of `mode`, reusing the
// capacity of its vectors (no allocation once they have grown).
void conv_trace_step(const ConvTraceSource& s, TraceMode mode, const TraceFocus& focus, int64_t k,
                     ConvTraceStep* out);

// SeparableConv2D is two convolutions in a row (Keras: a DepthwiseConv2D without
// bias, strides, padding and dilation applying there, then a 1×1 Conv2D with
// the layer's bias), so it is animated as two traces. The depthwise stage's
// output, mid (Ho, Wo, Cin·dm), is computed here the way the trace sums it and
// is the pointwise stage's input. wd is (Kh, Kw, Cin, dm), wp (1, 1, Cin·dm, Cout).
struct SeparableTrace {
    ConvTraceSource depthwise;  // x (H, W, Cin) -> mid; its counter ends on Kh·Kw·Cin·dm
    ConvTraceSource pointwise;  // mid -> y (Ho, Wo, Cout); its AllFilters counter ends on Param #
};
// Fills mid (Ho·Wo·Cin·dm floats; it must outlive the trace).
SeparableTrace separable_trace(const SeparableGeometry& g, const float* x, const float* wd, const float* wp,
                               const float* b, float* mid);

// Conv1D as the 2D case with height 1: its (steps, Cin) input read as a
// (1, steps, Cin) image and its (K, Cin, Cout) kernel as (1, K, Cin, Cout) —
// the same floats in the same order — so the 2D trace animates it along a row.
// (The network runs it as the (steps, 1, C) column, train/network.cpp; the
// tests check the row gives the same sums.) `layer` is its summarize() row.
Conv2DGeometry conv1d_row_geometry(const LayerSpec& spec, const LayerSummary& layer);

// Output (i, j, o) summed the way ChannelWalk sums it: slice by slice, then the bias.
float conv_trace_output(const ConvTraceSource& s, int64_t i, int64_t j, int64_t o);

// The whole output (Ho, Wo, Cout) the same way, for drawing the maps.
void conv_trace_output_all(const ConvTraceSource& s, float* y);

}  // namespace convlab
