// train/dense.cpp: Dense forward and backward on the last axis. A vector input
// (N,F) is N rows; an image input (N,H,W,C) is N·H·W rows of C features, as
// Keras applies Dense to the last axis. Weights are Keras's (F, units) kernel
// then the bias. Each pass is one matrix multiply (kernels/gemm.h).
// Reference: keras.io/api/layers/core_layers/dense.
#include <algorithm>

#include "core/kernels/gemm.h"
#include "core/train/layer_passes.h"

namespace convlab {

// y = x · w + b:  y[r,o] = b[o] + Σ_i x[r,i] · w[i,o]
void dense_forward(int64_t rows, int64_t in, int64_t units, const float* x, const float* w, const float* b, float* y) {
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t o = 0; o < units; ++o) y[r * units + o] = b ? b[o] : 0.0f;
    gemm(rows, units, in, x, in, w, units, y, units, /*accumulate=*/true, false, false);
}

// dw = xᵀ · dy;  db[o] = Σ_r dy[r,o];  dx = dy · wᵀ
void dense_backward(int64_t rows, int64_t in, int64_t units, const float* x, const float* w, const float* dy,
                    float* dx, float* dw, float* db) {
    gemm(in, units, rows, x, in, dy, units, dw, units, false, /*trans_a=*/true, false);
    if (db) {
        std::fill(db, db + units, 0.0f);
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t o = 0; o < units; ++o) db[o] += dy[r * units + o];
    }
    if (dx) gemm(rows, in, units, dy, units, w, units, dx, in, false, false, /*trans_b=*/true);
}

}  // namespace convlab
