// trace/pool_trace.cpp: one pooling window per step (see pool_trace.h), in the
// order the kernels visit them: y[i,j,c] = max (or mean) over the window's
// cells inside the input of x[i·Sh + p − pad_top, j·Sw + q − pad_left, c].
#include "core/trace/pool_trace.h"

namespace convlab {

int64_t pool_trace_step_count(const PoolTraceSource& s) { return s.g.ho * s.g.wo; }

void pool_trace_step(const PoolTraceSource& s, int64_t channel, int64_t k, PoolTraceStep* out) {
    const Pool2DGeometry& g = s.g;
    out->channel = channel;
    out->out_i = g.wo > 0 ? k / g.wo : 0;
    out->out_j = g.wo > 0 ? k % g.wo : 0;
    out->taps.clear();
    out->inputs.clear();
    out->winner = -1;
    out->counted = 0;
    const bool is_max = s.kind == LayerKind::MaxPooling2D;
    float best = 0.0f, sum = 0.0f;
    for (int64_t p = 0; p < g.kh; ++p)
        for (int64_t q = 0; q < g.kw; ++q) {
            TraceTap t;
            t.row = out->out_i * g.sh + p - g.pad_top;
            t.col = out->out_j * g.sw + q - g.pad_left;
            t.padding = t.row < 0 || t.row >= g.h || t.col < 0 || t.col >= g.w;
            const float v = t.padding ? 0.0f : s.x[(t.row * g.w + t.col) * g.c + channel];
            out->taps.push_back(t);
            out->inputs.push_back(v);
            if (t.padding) continue;
            if (is_max && (out->winner < 0 || v > best)) {
                best = v;
                out->winner = int64_t(out->taps.size()) - 1;
            }
            sum += v;
            ++out->counted;
        }
    if (is_max) out->value = best;
    else out->value = out->counted > 0 ? sum * (1.0f / static_cast<float>(out->counted)) : 0.0f;
}

int64_t upsample_trace_step_count(const UpsampleTraceSource& s) { return s.h * s.size.h * s.w * s.size.w; }

void upsample_trace_step(const UpsampleTraceSource& s, int64_t channel, int64_t k, PoolTraceStep* out) {
    const int64_t wo = s.w * s.size.w;
    out->channel = channel;
    out->out_i = wo > 0 ? k / wo : 0;
    out->out_j = wo > 0 ? k % wo : 0;
    TraceTap t;
    t.row = out->out_i / s.size.h;
    t.col = out->out_j / s.size.w;
    out->taps.assign(1, t);
    out->inputs.assign(1, s.x[(t.row * s.w + t.col) * s.c + channel]);
    out->winner = 0;
    out->counted = 1;
    out->value = out->inputs[0];
}

}  // namespace convlab
