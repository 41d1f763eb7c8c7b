// train/prelu_layer_norm.cpp: the two new layers with weights. PReLU:
// y = x where x > 0, else alpha·x, alpha broadcast over the shared axes, so
// dalpha sums dy·x over the batch and over every position that shares it.
// LayerNormalization over the last axis: per row (one example's position),
// x̂ = (x − mean) / √(var + ε), y = γ·x̂ + β; its backward is BatchNormalization's
// formula with the row in place of the batch. Reference: keras.io/api/layers
// (PReLU, LayerNormalization); the gradients are the derivatives of these.
#include <algorithm>
#include <cmath>

#include "core/train/layer_passes.h"

namespace convlab {

namespace {

// The index in alpha of value i of one example of `shape`: each shared axis counts as size 1.
int64_t alpha_index(const Shape& shape, uint8_t shared_axes, int64_t i) {
    int64_t index = 0, stride = 1;
    for (int d = shape.rank - 1; d >= 0; --d) {
        const int64_t coordinate = i % shape.dim[d];
        i /= shape.dim[d];
        if ((shared_axes >> (d + 1)) & 1u) continue;
        index += coordinate * stride;
        stride *= shape.dim[d];
    }
    return index;
}

}  // namespace

void prelu_forward(const Shape& shape, uint8_t shared_axes, int64_t n, const float* x, const float* alpha, float* y) {
    const int64_t per = shape.elements();
    for (int64_t i = 0; i < per; ++i) {
        const float a = alpha[alpha_index(shape, shared_axes, i)];
        for (int64_t b = 0; b < n; ++b) {
            const float v = x[b * per + i];
            y[b * per + i] = v > 0.0f ? v : a * v;
        }
    }
}

void prelu_backward(const Shape& shape, uint8_t shared_axes, int64_t n, const float* x, const float* alpha,
                    const float* dy, float* dx, float* dalpha, int64_t alpha_count) {
    std::fill(dalpha, dalpha + alpha_count, 0.0f);
    const int64_t per = shape.elements();
    for (int64_t i = 0; i < per; ++i) {
        const int64_t k = alpha_index(shape, shared_axes, i);
        for (int64_t b = 0; b < n; ++b) {
            const int64_t j = b * per + i;
            if (x[j] > 0.0f) {
                if (dx) dx[j] = dy[j];
            } else {
                if (dx) dx[j] = alpha[k] * dy[j];
                dalpha[k] += dy[j] * x[j];
            }
        }
    }
}

void layer_normalization_forward(int64_t rows, int64_t c, double epsilon, const float* x, const float* gamma,
                                 const float* beta, float* y, float* x_hat, float* inv_std) {
    for (int64_t r = 0; r < rows; ++r) {
        const float* xr = x + r * c;
        double mean = 0.0, var = 0.0;
        for (int64_t k = 0; k < c; ++k) mean += xr[k];
        mean /= double(c);
        for (int64_t k = 0; k < c; ++k) var += (xr[k] - mean) * (xr[k] - mean);
        var /= double(c);
        const float s = float(1.0 / std::sqrt(var + epsilon));
        inv_std[r] = s;
        for (int64_t k = 0; k < c; ++k) {
            const float h = float(xr[k] - mean) * s;
            x_hat[r * c + k] = h;
            y[r * c + k] = (gamma ? gamma[k] : 1.0f) * h + (beta ? beta[k] : 0.0f);
        }
    }
}

// dx = inv_std / C · (C·g − Σ g − x̂ · Σ g·x̂) with g = dy·γ, per row.
void layer_normalization_backward(int64_t rows, int64_t c, const float* x_hat, const float* inv_std, const float* gamma,
                                  const float* dy, float* dx, float* dgamma, float* dbeta) {
    if (dgamma) std::fill(dgamma, dgamma + c, 0.0f);
    if (dbeta) std::fill(dbeta, dbeta + c, 0.0f);
    for (int64_t r = 0; r < rows; ++r) {
        const float* h = x_hat + r * c;
        const float* d = dy + r * c;
        double sum_g = 0.0, sum_gh = 0.0;
        for (int64_t k = 0; k < c; ++k) {
            const float g = d[k] * (gamma ? gamma[k] : 1.0f);
            sum_g += g;
            sum_gh += double(g) * h[k];
            if (dgamma) dgamma[k] += d[k] * h[k];
            if (dbeta) dbeta[k] += d[k];
        }
        if (!dx) continue;
        for (int64_t k = 0; k < c; ++k) {
            const float g = d[k] * (gamma ? gamma[k] : 1.0f);
            dx[r * c + k] = inv_std[r] / float(c) * (float(c) * g - float(sum_g) - h[k] * float(sum_gh));
        }
    }
}

}  // namespace convlab
