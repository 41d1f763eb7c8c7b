// trace/merge_trace.cpp: the merge steps (see merge_trace.h). Concatenate's
// output channel c is channel c − (C_0 + … + C_(j−1)) of the input j whose
// channels cover it; an elementwise merge's y[i,j,c] combines x_k[i,j,c].
#include "core/trace/merge_trace.h"

#include <algorithm>

namespace convlab {

bool merge_trace_kind(LayerKind kind) {
    switch (kind) {
        case LayerKind::Add: case LayerKind::Subtract: case LayerKind::Multiply: case LayerKind::Average:
        case LayerKind::Maximum: case LayerKind::Minimum: case LayerKind::Concatenate: return true;
        default: return false;
    }
}

int64_t merge_trace_out_channels(const MergeTraceSource& s) {
    if (s.channels.empty()) return 0;
    if (s.kind != LayerKind::Concatenate) return s.channels[0];
    int64_t total = 0;
    for (int64_t c : s.channels) total += c;
    return total;
}

int merge_trace_input_of_channel(const MergeTraceSource& s, int64_t c, int64_t* in_channel) {
    int64_t first = 0;
    for (size_t j = 0; j < s.channels.size(); ++j) {
        if (c < first + s.channels[j]) {
            *in_channel = c - first;
            return int(j);
        }
        first += s.channels[j];
    }
    *in_channel = 0;
    return -1;
}

int64_t merge_trace_step_count(const MergeTraceSource& s) {
    if (s.kind == LayerKind::Concatenate) return merge_trace_out_channels(s);
    return s.h * s.w;
}

void merge_trace_step(const MergeTraceSource& s, int64_t channel, int64_t k, MergeTraceStep* out) {
    out->inputs.clear();
    if (s.kind == LayerKind::Concatenate) {
        out->channel = k;
        out->out_i = out->out_j = 0;
        out->input = std::max(0, merge_trace_input_of_channel(s, k, &out->in_channel));
        out->first_channel = k - out->in_channel;
        out->value = 0.0f;
        return;
    }
    const int64_t c = s.channels.empty() ? 1 : s.channels[0];
    out->channel = channel;
    out->out_i = s.w > 0 ? k / s.w : 0;
    out->out_j = s.w > 0 ? k % s.w : 0;
    out->input = 0;
    out->in_channel = channel;
    out->first_channel = 0;
    const int64_t at = (out->out_i * s.w + out->out_j) * c + channel;
    for (const float* x : s.xs) out->inputs.push_back(x[at]);
    out->value = s.y[at];
}

}  // namespace convlab
