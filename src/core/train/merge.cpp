// train/merge.cpp: forward and backward of the merge layers. Add sums its
// inputs, so the gradient of the sum reaches every input unchanged: a residual
// connection passes dy straight back to the block's input ("Add fans the
// gradient out"). Concatenate places its inputs side by side, so its gradient
// is dy cut back into the same pieces ("Concatenate splits it").
// Reference: Keras 2 keras/layers/merge.py; the gradients are the derivatives
// of each operation (TF's registered gradients for add, multiply, maximum).
#include <algorithm>

#include "core/train/layer_passes.h"

namespace convlab {

void elementwise_merge_forward(LayerKind kind, const float* const* xs, int m, int64_t count, float* y) {
    std::copy(xs[0], xs[0] + count, y);
    for (int j = 1; j < m; ++j) {
        const float* x = xs[j];
        switch (kind) {
            case LayerKind::Add:
            case LayerKind::Average: for (int64_t i = 0; i < count; ++i) y[i] += x[i]; break;
            case LayerKind::Subtract: for (int64_t i = 0; i < count; ++i) y[i] -= x[i]; break;
            case LayerKind::Multiply: for (int64_t i = 0; i < count; ++i) y[i] *= x[i]; break;
            case LayerKind::Maximum: for (int64_t i = 0; i < count; ++i) y[i] = std::max(y[i], x[i]); break;
            case LayerKind::Minimum: for (int64_t i = 0; i < count; ++i) y[i] = std::min(y[i], x[i]); break;
            default: break;
        }
    }
    if (kind == LayerKind::Average) {
        const float inv = 1.0f / float(m);
        for (int64_t i = 0; i < count; ++i) y[i] *= inv;
    }
}

void elementwise_merge_backward(LayerKind kind, const float* const* xs, const float* y, int m, int64_t count,
                                const float* dy, float* const* dxs) {
    for (int j = 0; j < m; ++j) {
        float* dx = dxs[j];
        if (!dx) continue;
        switch (kind) {
            case LayerKind::Add:  // ∂(x0 + x1 + ...)/∂xj = 1
                for (int64_t i = 0; i < count; ++i) dx[i] += dy[i];
                break;
            case LayerKind::Subtract: {  // x0 − x1
                const float sign = j == 0 ? 1.0f : -1.0f;
                for (int64_t i = 0; i < count; ++i) dx[i] += sign * dy[i];
                break;
            }
            case LayerKind::Average: {  // (x0 + ... + x(m−1)) / m
                const float inv = 1.0f / float(m);
                for (int64_t i = 0; i < count; ++i) dx[i] += inv * dy[i];
                break;
            }
            case LayerKind::Multiply:  // ∂(Π xk)/∂xj = Π over k ≠ j
                for (int64_t i = 0; i < count; ++i) {
                    float others = 1.0f;
                    for (int k = 0; k < m; ++k)
                        if (k != j) others *= xs[k][i];
                    dx[i] += dy[i] * others;
                }
                break;
            case LayerKind::Maximum:
            case LayerKind::Minimum:
                // The value that won gets the gradient; on a tie, the first input that holds it.
                for (int64_t i = 0; i < count; ++i) {
                    int first = 0;
                    while (first < m && xs[first][i] != y[i]) ++first;
                    if (first == j) dx[i] += dy[i];
                }
                break;
            default: break;
        }
    }
}

void concatenate_forward(int64_t outer, int64_t inner, const int64_t* sizes, int m, const float* const* xs, float* y) {
    int64_t total = 0;
    for (int j = 0; j < m; ++j) total += sizes[j];
    for (int64_t o = 0; o < outer; ++o) {
        float* out = y + o * total * inner;
        for (int j = 0; j < m; ++j) {
            const int64_t block = sizes[j] * inner;
            std::copy(xs[j] + o * block, xs[j] + (o + 1) * block, out);
            out += block;
        }
    }
}

void concatenate_backward(int64_t outer, int64_t inner, const int64_t* sizes, int m, const float* dy, float* const* dxs) {
    int64_t total = 0;
    for (int j = 0; j < m; ++j) total += sizes[j];
    for (int64_t o = 0; o < outer; ++o) {
        const float* in = dy + o * total * inner;
        for (int j = 0; j < m; ++j) {
            const int64_t block = sizes[j] * inner;
            if (dxs[j]) {
                float* dx = dxs[j] + o * block;
                for (int64_t i = 0; i < block; ++i) dx[i] += in[i];
            }
            in += block;
        }
    }
}

}  // namespace convlab
