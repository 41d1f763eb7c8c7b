// train/batch_normalization.cpp: BatchNormalization over the last axis (Ioffe &
// Szegedy 2015). Training normalises with the batch mean and the biased batch
// variance (÷m, as K.normalize_batch_in_training / tf.nn.moments do) and updates
//   moving = moving·momentum + batch·(1 − momentum)
// where Keras 2 (keras/layers/normalization.py, the seed's era) first turns the
// variance unbiased: var·m / (m − (1 + ε)). Inference uses the moving averages.
#include <algorithm>
#include <cmath>

#include "core/train/layer_passes.h"

namespace convlab {

BatchNormGeometry batch_normalization_geometry(const LayerSpec& spec, const LayerSummary& layer, int64_t n) {
    const int64_t channels = layer.input.c();
    return {n * layer.input.elements() / channels, channels, spec.momentum, spec.epsilon};
}

// mean_c = (1/m) Σ_r x[r,c];  var_c = (1/m) Σ_r (x[r,c] − mean_c)²   (m = rows)
// x̂ = (x − mean) / √(var + ε);  y = γ·x̂ + β
void batch_normalization_forward_train(const BatchNormGeometry& g, const float* x, const float* gamma,
                                       const float* beta, float* moving_mean, float* moving_var, float* y,
                                       float* x_hat, float* inv_std) {
    const int64_t m = g.rows, C = g.channels;
    for (int64_t c = 0; c < C; ++c) {
        double sum = 0.0;
        for (int64_t r = 0; r < m; ++r) sum += x[r * C + c];
        const double mean = sum / static_cast<double>(m);
        double sq = 0.0;
        for (int64_t r = 0; r < m; ++r) {
            const double d = x[r * C + c] - mean;
            sq += d * d;
        }
        const double var = sq / static_cast<double>(m);
        const double istd = 1.0 / std::sqrt(var + g.epsilon);
        inv_std[c] = static_cast<float>(istd);
        const float gm = gamma ? gamma[c] : 1.0f, bt = beta ? beta[c] : 0.0f;
        for (int64_t r = 0; r < m; ++r) {
            const float xh = static_cast<float>((x[r * C + c] - mean) * istd);
            x_hat[r * C + c] = xh;
            y[r * C + c] = gm * xh + bt;
        }
        const double md = static_cast<double>(m);
        const double unbiased = md > 1.0 + g.epsilon ? var * md / (md - (1.0 + g.epsilon)) : var;
        moving_mean[c] = static_cast<float>(moving_mean[c] * g.momentum + mean * (1.0 - g.momentum));
        moving_var[c] = static_cast<float>(moving_var[c] * g.momentum + unbiased * (1.0 - g.momentum));
    }
}

// y = γ·(x − moving_mean) / √(moving_var + ε) + β
void batch_normalization_forward_infer(const BatchNormGeometry& g, const float* x, const float* gamma,
                                       const float* beta, const float* moving_mean, const float* moving_var,
                                       float* y) {
    const int64_t C = g.channels;
    for (int64_t r = 0; r < g.rows; ++r)
        for (int64_t c = 0; c < C; ++c) {
            const float istd = static_cast<float>(1.0 / std::sqrt(double(moving_var[c]) + g.epsilon));
            const float gm = gamma ? gamma[c] : 1.0f, bt = beta ? beta[c] : 0.0f;
            y[r * C + c] = gm * (x[r * C + c] - moving_mean[c]) * istd + bt;
        }
}

// dβ = Σ dy;  dγ = Σ dy·x̂;  dx̂ = dy·γ
// dx = (inv_std / m) · (m·dx̂ − Σ dx̂ − x̂·Σ dx̂·x̂)
void batch_normalization_backward(const BatchNormGeometry& g, const float* x_hat, const float* inv_std,
                                  const float* gamma, const float* dy, float* dx, float* dgamma, float* dbeta) {
    const int64_t m = g.rows, C = g.channels;
    for (int64_t c = 0; c < C; ++c) {
        double sum_dy = 0.0, sum_dy_xh = 0.0;
        for (int64_t r = 0; r < m; ++r) {
            sum_dy += dy[r * C + c];
            sum_dy_xh += double(dy[r * C + c]) * x_hat[r * C + c];
        }
        if (dbeta) dbeta[c] = static_cast<float>(sum_dy);
        if (dgamma) dgamma[c] = static_cast<float>(sum_dy_xh);
        if (!dx) continue;
        const double gm = gamma ? gamma[c] : 1.0;
        const double k = gm * inv_std[c] / static_cast<double>(m);
        for (int64_t r = 0; r < m; ++r)
            dx[r * C + c] = static_cast<float>(
                k * (static_cast<double>(m) * dy[r * C + c] - sum_dy - x_hat[r * C + c] * sum_dy_xh));
    }
}

}  // namespace convlab
