// trace/transpose_trace.cpp: the spread input and the flipped kernel (see
// transpose_trace.h). Why it works, in one dimension: the transposed layer
// stamps x[i]·k[p] onto y[i·S + p·D − t] (t: where the kept output starts in
// the full result, the analysis's pad_before). With s the input spread S
// apart (s[i·S] = x[i], zeros between), y[r] = Σ_p s[r + t − p·D]·k[p]; with
// p' = K − 1 − p that is Σ_p' s[r − P + p'·D]·k[K − 1 − p'], P = (K − 1)·D − t:
// a stride-1 convolution with the flipped kernel over s with P zeros above.
#include "core/trace/transpose_trace.h"

#include <algorithm>

namespace convlab {

TransposeAsConv conv2d_transpose_as_conv(const LayerSpec& spec, const LayerSummary& layer, const float* x,
                                         const float* kernel) {
    TransposeAsConv t;
    const int64_t h = layer.input.h(), w = layer.input.w(), cin = layer.input.c();
    const int64_t kh = spec.kernel.h, kw = spec.kernel.w, dh = spec.dilation.h, dw = spec.dilation.w;
    const int64_t sh = spec.strides.h, sw = spec.strides.w;
    const Shape& out = layer.analysis.output;
    // P above the spread input; when it would be negative (a crop larger than
    // the kernel's reach) the spread input's first −P rows are left out instead.
    const int64_t top = (kh - 1) * dh - layer.analysis.height.pad_before;
    const int64_t left = (kw - 1) * dw - layer.analysis.width.pad_before;
    const int64_t skip_r = std::max<int64_t>(0, -top), skip_c = std::max<int64_t>(0, -left);
    const int64_t hs = std::max<int64_t>(1, (h - 1) * sh + 1 - skip_r), ws = std::max<int64_t>(1, (w - 1) * sw + 1 - skip_c);
    Conv2DGeometry& g = t.g;
    g.n = 1;
    g.h = hs, g.w = ws, g.cin = cin;
    g.kh = kh, g.kw = kw;
    g.ho = out.h(), g.wo = out.w(), g.cout = out.c();
    g.sh = g.sw = 1;
    g.dh = dh, g.dw = dw;
    g.pad_top = std::max<int64_t>(0, top);
    g.pad_left = std::max<int64_t>(0, left);
    // The last output row reads down to row ho − 1 + (Kh − 1)·Dh of the padded input.
    t.pad_bottom = std::max<int64_t>(0, g.ho + (kh - 1) * dh - g.pad_top - hs);
    t.pad_right = std::max<int64_t>(0, g.wo + (kw - 1) * dw - g.pad_left - ws);
    t.stride_h = sh, t.stride_w = sw;
    t.zeros_between_h = sh - 1, t.zeros_between_w = sw - 1;
    t.skipped_rows = skip_r, t.skipped_cols = skip_c;
    t.x.assign(size_t(hs * ws * cin), 0.0f);
    for (int64_t i = 0; i < h; ++i)
        for (int64_t j = 0; j < w; ++j) {
            const int64_t r = i * sh - skip_r, c = j * sw - skip_c;
            if (r < 0 || c < 0 || r >= hs || c >= ws) continue;
            std::copy(x + (i * w + j) * cin, x + (i * w + j + 1) * cin, t.x.data() + (r * ws + c) * cin);
        }
    const int64_t cout = g.cout;
    t.w.assign(size_t(kh * kw * cin * cout), 0.0f);
    for (int64_t p = 0; p < kh; ++p)
        for (int64_t q = 0; q < kw; ++q)
            for (int64_t c = 0; c < cin; ++c)
                for (int64_t o = 0; o < cout; ++o)
                    t.w[size_t(((p * kw + q) * cin + c) * cout + o)] =
                        kernel[((kh - 1 - p) * kw + (kw - 1 - q)) * cout * cin + o * cin + c];
    return t;
}

}  // namespace convlab
