// train/loss.cpp: softmax cross-entropy with log-sum-exp, its fused gradient,
// and accuracy. Reference: keras.io/api/losses/probabilistic_losses (Keras 2's
// tf backend computes the same from the logits behind a softmax output).
#include "core/train/loss.h"

#include <algorithm>
#include <cmath>

namespace convlab {

double softmax_cross_entropy_forward(const float* logits, const int32_t* labels, int64_t n, int64_t k, float* probs) {
    double total = 0.0;
    for (int64_t r = 0; r < n; ++r) {
        const float* z = logits + r * k;
        float* p = probs + r * k;
        const float max = *std::max_element(z, z + k);
        double sum = 0.0;
        for (int64_t j = 0; j < k; ++j) sum += std::exp(double(z[j]) - max);
        const double log_sum = std::log(sum);
        for (int64_t j = 0; j < k; ++j) p[j] = static_cast<float>(std::exp(double(z[j]) - max - log_sum));
        total += log_sum - (double(z[labels[r]]) - max);
    }
    return total / static_cast<double>(n);
}

void softmax_cross_entropy_backward(const float* probs, const int32_t* labels, int64_t n, int64_t k, float* dlogits) {
    const float inv_n = 1.0f / static_cast<float>(n);
    for (int64_t r = 0; r < n; ++r)
        for (int64_t j = 0; j < k; ++j) {
            const float onehot = j == labels[r] ? 1.0f : 0.0f;
            dlogits[r * k + j] = (probs[r * k + j] - onehot) * inv_n;
        }
}

int64_t count_correct(const float* scores, const int32_t* labels, int64_t n, int64_t k) {
    int64_t correct = 0;
    for (int64_t r = 0; r < n; ++r) {
        const float* s = scores + r * k;
        if (std::max_element(s, s + k) - s == labels[r]) ++correct;
    }
    return correct;
}

}  // namespace convlab
