// train/activation.cpp: relu, sigmoid, tanh, softmax, elu, swish (silu), gelu,
// hard_sigmoid, hard_swish and linear, forward and backward, for Keras's activation= argument and the
// Activation layer. Backward uses the forward output y where the derivative
// can be written with it, and the input x for swish, gelu and hard_swish, where it cannot.
// Not the softmax of the loss: loss.cpp fuses softmax with cross-entropy.
// Reference: keras.io/api/layers/activations.
#include <algorithm>
#include <cmath>

#include "core/kernels/elementwise.h"
#include "core/parallel/thread_pool.h"
#include "core/train/layer_passes.h"

namespace convlab {
namespace {

float hard_sigmoid(float x) { return std::min(std::max(x * (1.0f / 6.0f) + 0.5f, 0.0f), 1.0f); }

}  // namespace

namespace {

void activation_forward_rows(Activation a, const float* x, float* y, int64_t rows, int64_t channels) {
    const int64_t count = rows * channels;
    switch (a) {
        case Activation::Linear:
            if (y != x) std::copy(x, x + count, y);
            break;
        case Activation::Relu:  // y = max(0, x), four at a time (kernels/elementwise.h)
            relu_forward(x, y, count);
            break;
        case Activation::Sigmoid:  // y = 1 / (1 + e^−x)
            for (int64_t i = 0; i < count; ++i) y[i] = 1.0f / (1.0f + std::exp(-x[i]));
            break;
        case Activation::Tanh:
            for (int64_t i = 0; i < count; ++i) y[i] = std::tanh(x[i]);
            break;
        case Activation::Softmax:  // y_k = e^(x_k − max) / Σ_j e^(x_j − max), along C
            for (int64_t r = 0; r < rows; ++r) {
                const float* xr = x + r * channels;
                float* yr = y + r * channels;
                const float max = *std::max_element(xr, xr + channels);
                double sum = 0.0;
                for (int64_t k = 0; k < channels; ++k) {
                    yr[k] = std::exp(xr[k] - max);
                    sum += yr[k];
                }
                const float inv = static_cast<float>(1.0 / sum);
                for (int64_t k = 0; k < channels; ++k) yr[k] *= inv;
            }
            break;
        case Activation::Elu:  // y = x if x > 0, else e^x − 1
            for (int64_t i = 0; i < count; ++i) y[i] = x[i] > 0.0f ? x[i] : std::expm1(x[i]);
            break;
        case Activation::Swish:  // y = x · σ(x)
            for (int64_t i = 0; i < count; ++i) y[i] = x[i] / (1.0f + std::exp(-x[i]));
            break;
        case Activation::Gelu:  // y = x · Φ(x) = x/2 · (1 + erf(x / √2)), Keras's exact form
            for (int64_t i = 0; i < count; ++i) y[i] = 0.5f * x[i] * (1.0f + std::erf(x[i] * 0.70710678f));
            break;
        case Activation::HardSigmoid:  // y = relu6(x + 3) / 6: a straight line from (−3, 0) to (3, 1)
            for (int64_t i = 0; i < count; ++i) y[i] = hard_sigmoid(x[i]);
            break;
        case Activation::HardSwish:  // y = x · hard_sigmoid(x), MobileNetV3's cheap swish
            for (int64_t i = 0; i < count; ++i) y[i] = x[i] * hard_sigmoid(x[i]);
            break;
        case Activation::Count: break;
    }
}

void activation_backward_rows(Activation a, const float* x, const float* y, const float* dy, float* dz,
                              int64_t rows, int64_t channels) {
    const int64_t count = rows * channels;
    switch (a) {
        case Activation::Linear:
            if (dz != dy) std::copy(dy, dy + count, dz);
            break;
        case Activation::Relu:  // dz = dy where y > 0, four at a time (kernels/elementwise.h)
            relu_backward(y, dy, dz, count);
            break;
        case Activation::Sigmoid:  // dz = dy · y · (1 − y)
            for (int64_t i = 0; i < count; ++i) dz[i] = dy[i] * y[i] * (1.0f - y[i]);
            break;
        case Activation::Tanh:  // dz = dy · (1 − y²)
            for (int64_t i = 0; i < count; ++i) dz[i] = dy[i] * (1.0f - y[i] * y[i]);
            break;
        case Activation::Softmax:  // dz_k = y_k · (dy_k − Σ_j dy_j·y_j)
            for (int64_t r = 0; r < rows; ++r) {
                const float* yr = y + r * channels;
                const float* dyr = dy + r * channels;
                float* dzr = dz + r * channels;
                double dot = 0.0;
                for (int64_t k = 0; k < channels; ++k) dot += double(dyr[k]) * yr[k];
                for (int64_t k = 0; k < channels; ++k) dzr[k] = yr[k] * (dyr[k] - static_cast<float>(dot));
            }
            break;
        case Activation::Elu:  // dz = dy where y > 0, else dy · e^x = dy · (y + 1)
            for (int64_t i = 0; i < count; ++i) dz[i] = y[i] > 0.0f ? dy[i] : dy[i] * (y[i] + 1.0f);
            break;
        case Activation::Swish:  // dz = dy · (σ(x) + y · (1 − σ(x)))
            for (int64_t i = 0; i < count; ++i) {
                const float s = 1.0f / (1.0f + std::exp(-x[i]));
                dz[i] = dy[i] * (s + y[i] * (1.0f - s));
            }
            break;
        case Activation::Gelu:  // dz = dy · (Φ(x) + x · φ(x))
            for (int64_t i = 0; i < count; ++i) {
                const float cdf = 0.5f * (1.0f + std::erf(x[i] * 0.70710678f));
                const float pdf = 0.39894228f * std::exp(-0.5f * x[i] * x[i]);
                dz[i] = dy[i] * (cdf + x[i] * pdf);
            }
            break;
        case Activation::HardSigmoid:  // slope 1/6 on the line, 0 where it is clipped
            for (int64_t i = 0; i < count; ++i) dz[i] = y[i] > 0.0f && y[i] < 1.0f ? dy[i] * (1.0f / 6.0f) : 0.0f;
            break;
        case Activation::HardSwish:  // 0 below −3, 1 above 3, (2x + 3) / 6 between
            for (int64_t i = 0; i < count; ++i)
                dz[i] = x[i] <= -3.0f ? 0.0f : x[i] >= 3.0f ? dy[i] : dy[i] * (2.0f * x[i] + 3.0f) * (1.0f / 6.0f);
            break;
        case Activation::Count: break;
    }
}

// Threads take runs of whole rows (softmax needs its row): each value depends
// only on its own row, so the thread count cannot change a bit.
int64_t rows_per_task(int64_t channels) { return std::max<int64_t>(1, 16384 / std::max<int64_t>(1, channels)); }

}  // namespace

void activation_forward(Activation a, const float* x, float* y, int64_t rows, int64_t channels) {
    const int64_t run = rows_per_task(channels);
    parallel_for((rows + run - 1) / run, 4.0 * double(rows * channels), [&](int64_t t) {
        const int64_t at = t * run * channels;
        activation_forward_rows(a, x + at, y + at, std::min(run, rows - t * run), channels);
    });
}

void activation_backward(Activation a, const float* x, const float* y, const float* dy, float* dz, int64_t rows,
                         int64_t channels) {
    const int64_t run = rows_per_task(channels);
    parallel_for((rows + run - 1) / run, 4.0 * double(rows * channels), [&](int64_t t) {
        const int64_t at = t * run * channels;
        activation_backward_rows(a, x ? x + at : nullptr, y ? y + at : nullptr, dy + at, dz + at,
                                 std::min(run, rows - t * run), channels);
    });
}

}  // namespace convlab
