// trace/conv_trace.cpp: the steps of a convolution, recomputed from the
// definition for each step asked for (see conv_trace.h). Indices follow
// conv2d_ref.cpp: x (H, W, Cin), w (Kh, Kw, Cin, Cout) or depthwise (Kh, Kw, Cin, dm).
#include "core/trace/conv_trace.h"

namespace convlab {
namespace {

bool is_depthwise(const ConvTraceSource& s) { return s.kind == LayerKind::DepthwiseConv2D; }
int64_t depth_multiplier(const ConvTraceSource& s) { return s.g.cin > 0 ? s.g.cout / s.g.cin : 1; }

// The weight at tap (p, q), slice `slice` of filter o.
float weight_at(const ConvTraceSource& s, int64_t p, int64_t q, int64_t slice, int64_t o) {
    const Conv2DGeometry& g = s.g;
    if (is_depthwise(s)) return s.w[(p * g.kw + q) * g.cout + o];  // (Cin·dm) at this tap, o = c·dm + m
    return s.w[((p * g.kw + q) * g.cin + slice) * g.cout + o];
}

TraceTap tap_of(const Conv2DGeometry& g, int64_t i, int64_t j, int64_t p, int64_t q) {
    TraceTap t;
    t.row = i * g.sh + p * g.dh - g.pad_top;
    t.col = j * g.sw + q * g.dw - g.pad_left;
    t.padding = t.row < 0 || t.row >= g.h || t.col < 0 || t.col >= g.w;
    return t;
}

void fill_taps(const Conv2DGeometry& g, int64_t i, int64_t j, std::vector<TraceTap>* taps) {
    taps->clear();
    for (int64_t p = 0; p < g.kh; ++p)
        for (int64_t q = 0; q < g.kw; ++q) taps->push_back(tap_of(g, i, j, p, q));
}

// Σ_{p,q} x[tap(p,q), c] · w[p, q, slice, o]: one slice's contribution.
float slice_sum(const ConvTraceSource& s, int64_t i, int64_t j, int64_t o, int64_t slice) {
    const Conv2DGeometry& g = s.g;
    const int64_t c = conv_trace_input_channel(s, o, slice);
    float sum = 0.0f;
    for (int64_t p = 0; p < g.kh; ++p)
        for (int64_t q = 0; q < g.kw; ++q) {
            const TraceTap t = tap_of(g, i, j, p, q);
            if (t.padding) continue;
            sum += s.x[(t.row * g.w + t.col) * g.cin + c] * weight_at(s, p, q, slice, o);
        }
    return sum;
}

}  // namespace

int64_t conv_trace_filter_depth(const ConvTraceSource& s) { return is_depthwise(s) ? 1 : s.g.cin; }

int64_t conv_trace_weights_per_filter(const ConvTraceSource& s) {
    return s.g.kh * s.g.kw * conv_trace_filter_depth(s) + (s.b ? 1 : 0);
}

int64_t conv_trace_input_channel(const ConvTraceSource& s, int64_t filter, int64_t slice) {
    return is_depthwise(s) ? filter / depth_multiplier(s) : slice;
}

int64_t conv_trace_step_count(const ConvTraceSource& s, TraceMode mode) {
    switch (mode) {
        case TraceMode::ChannelWalk: return conv_trace_filter_depth(s) + (s.b ? 1 : 0);
        case TraceMode::Slide: return s.g.ho * s.g.wo;
        case TraceMode::AllFilters: return s.g.cout;
        default: return 0;
    }
}

// y[i,j,o] = b[o] + Σ_slice Σ_{p,q} x[tap(p,q), channel(slice)] · w[p, q, slice, o]
float conv_trace_output(const ConvTraceSource& s, int64_t i, int64_t j, int64_t o) {
    float total = 0.0f;
    for (int64_t slice = 0; slice < conv_trace_filter_depth(s); ++slice) total += slice_sum(s, i, j, o, slice);
    return s.b ? total + s.b[o] : total;
}

void conv_trace_output_all(const ConvTraceSource& s, float* y) {
    for (int64_t i = 0; i < s.g.ho; ++i)
        for (int64_t j = 0; j < s.g.wo; ++j)
            for (int64_t o = 0; o < s.g.cout; ++o) y[(i * s.g.wo + j) * s.g.cout + o] = conv_trace_output(s, i, j, o);
}

void conv_trace_step(const ConvTraceSource& s, TraceMode mode, const TraceFocus& focus, int64_t k,
                     ConvTraceStep* out) {
    const Conv2DGeometry& g = s.g;
    const int64_t per_filter = conv_trace_weights_per_filter(s);
    const int64_t taps = g.kh * g.kw;
    out->inputs.clear();
    out->weights.clear();
    out->products.clear();
    out->channel = -1;
    out->kernel_slice = -1;
    out->out_i = focus.out_i;
    out->out_j = focus.out_j;
    out->filter = focus.filter;

    if (mode == TraceMode::ChannelWalk) {
        fill_taps(g, focus.out_i, focus.out_j, &out->taps);
        out->weights_total = per_filter;
        const int64_t depth = conv_trace_filter_depth(s);
        // The running total before this step: every earlier slice, in order.
        float total = 0.0f;
        const int64_t done = k < depth ? k : depth;
        for (int64_t slice = 0; slice < done; ++slice) total += slice_sum(s, focus.out_i, focus.out_j, focus.filter, slice);
        if (k < depth) {
            out->kind = TraceStepKind::Channel;
            out->kernel_slice = k;
            out->channel = conv_trace_input_channel(s, focus.filter, k);
            float sum = 0.0f;
            for (int64_t t = 0; t < taps; ++t) {
                const TraceTap& tap = out->taps[size_t(t)];
                const float xv = tap.padding ? 0.0f : s.x[(tap.row * g.w + tap.col) * g.cin + out->channel];
                const float wv = weight_at(s, t / g.kw, t % g.kw, k, focus.filter);
                out->inputs.push_back(xv);
                out->weights.push_back(wv);
                out->products.push_back(xv * wv);
                if (!tap.padding) sum += xv * wv;  // the same terms, in the same order, as slice_sum
            }
            out->step_sum = sum;
            out->partial_sum = total + sum;
            out->weights_counted = taps * (k + 1);
        } else {
            out->kind = TraceStepKind::Bias;
            out->step_sum = s.b ? s.b[focus.filter] : 0.0f;
            out->partial_sum = total + out->step_sum;
            out->weights_counted = per_filter;
        }
        return;
    }
    if (mode == TraceMode::Slide) {
        out->kind = TraceStepKind::Position;
        out->out_i = g.wo > 0 ? k / g.wo : 0;
        out->out_j = g.wo > 0 ? k % g.wo : 0;
        fill_taps(g, out->out_i, out->out_j, &out->taps);
        out->step_sum = out->partial_sum = conv_trace_output(s, out->out_i, out->out_j, focus.filter);
        // The same filter at every position: its weights are counted once.
        out->weights_counted = out->weights_total = per_filter;
        return;
    }
    out->kind = TraceStepKind::Filter;
    out->filter = k;
    fill_taps(g, focus.out_i, focus.out_j, &out->taps);
    out->step_sum = out->partial_sum = conv_trace_output(s, focus.out_i, focus.out_j, k);
    out->weights_counted = s.weights_before + per_filter * (k + 1);
    out->weights_total = s.weights_before + per_filter * g.cout;
}

SeparableTrace separable_trace(const SeparableGeometry& g, const float* x, const float* wd, const float* wp,
                               const float* b, float* mid) {
    SeparableTrace t;
    t.depthwise.kind = LayerKind::DepthwiseConv2D;
    t.depthwise.g = g.depthwise;
    t.depthwise.g.n = 1;
    t.depthwise.x = x;
    t.depthwise.w = wd;
    t.depthwise.b = nullptr;  // Keras puts the layer's one bias after the pointwise stage
    conv_trace_output_all(t.depthwise, mid);
    t.pointwise.kind = LayerKind::Conv2D;
    t.pointwise.g = g.pointwise;
    t.pointwise.g.n = 1;
    t.pointwise.x = mid;
    t.pointwise.w = wp;
    t.pointwise.b = b;
    t.pointwise.weights_before = conv_trace_weights_per_filter(t.depthwise) * g.depthwise.cout;
    return t;
}

Conv2DGeometry conv1d_row_geometry(const LayerSpec& spec, const LayerSummary& layer) {
    Conv2DGeometry g;
    g.n = 1;
    g.h = 1, g.w = layer.input.dim[0], g.cin = layer.input.dim[1];
    g.kh = 1, g.kw = spec.kernel.h;
    g.ho = 1, g.wo = layer.analysis.output.dim[0], g.cout = layer.analysis.output.dim[1];
    g.sh = 1, g.sw = spec.strides.h;
    g.dh = 1, g.dw = spec.dilation.h;
    g.pad_top = 0, g.pad_left = layer.analysis.height.pad_before;  // the steps axis's padding
    return g;
}

}  // namespace convlab
