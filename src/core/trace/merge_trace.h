// trace/merge_trace.h: a merge layer of a graph as steps the UI can animate.
// Concatenate (along channels) copies: step k says which input, and which of
// its channels, output channel k is. The elementwise merges (Add, Subtract,
// Multiply, Average, Maximum, Minimum) combine one value of each input at the
// same (row, col, channel): step k is output position k of one channel, with
// each input's value there and the output's. Merges have no weights, so there
// is no counter. Not the kernel: the values are read from the tensors given
// (the network's activations); the tests check them against merge.cpp.
// Reference: Keras 2 keras/layers/merge.py (channels_last).
#pragma once
#include <cstdint>
#include <vector>

#include "core/model/layer_spec.h"

namespace convlab {

// One example's tensors; pointers are borrowed and must outlive the trace.
struct MergeTraceSource {
    LayerKind kind = LayerKind::Add;
    int64_t h = 1, w = 1;             // every input's and the output's H and W
    std::vector<int64_t> channels;    // each input's C (all equal unless Concatenate)
    std::vector<const float*> xs;     // each input, (H, W, C_j)
    const float* y = nullptr;         // the layer's output, (H, W, merge_trace_out_channels)
};

struct MergeTraceStep {
    int64_t out_i = 0, out_j = 0;     // elementwise: the output cell's position
    int64_t channel = 0;              // the output channel
    int input = 0;                    // Concatenate: the input output channel `channel` comes from
    int64_t in_channel = 0;           // Concatenate: which of that input's channels it is
    int64_t first_channel = 0;        // Concatenate: where that input starts along the output's channels
    std::vector<float> inputs;        // elementwise: each input's value at (out_i, out_j, channel)
    float value = 0.0f;               // elementwise: the output's value there
};

// Whether the trace can show the kind: a merge of rank-3 (H, W, C) tensors.
bool merge_trace_kind(LayerKind kind);
// Concatenate: Σ C_j; the elementwise merges: C.
int64_t merge_trace_out_channels(const MergeTraceSource& s);
// Concatenate: the input output channel c comes from, and its channel there (*in_channel).
int merge_trace_input_of_channel(const MergeTraceSource& s, int64_t c, int64_t* in_channel);
// Concatenate: one step per output channel; elementwise: H·W, one per position of a channel.
int64_t merge_trace_step_count(const MergeTraceSource& s);
// Fills *out for step k; `channel` is the channel the elementwise steps walk
// (unused by Concatenate). Reuses the capacity of out->inputs.
void merge_trace_step(const MergeTraceSource& s, int64_t channel, int64_t k, MergeTraceStep* out);

}  // namespace convlab
