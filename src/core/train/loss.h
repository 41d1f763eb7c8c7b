// train/loss.h: softmax + categorical cross-entropy (Keras's
// categorical_crossentropy after a softmax output, or sparse_categorical_
// crossentropy with integer labels: the same numbers), and accuracy. Computed
// from the logits with log-sum-exp so huge logits neither overflow nor give
// log(0). Not other losses. Reference: keras.io/api/losses/probabilistic_losses.
#pragma once
#include <cstdint>

namespace convlab {

// logits is (N,K), labels is (N) with values in [0,K), probs is (N,K).
// Returns the mean over N of −log softmax(z)_y = log Σ_k e^(z_k − max) − (z_y − max);
// writes probs = softmax(logits).
double softmax_cross_entropy_forward(const float* logits, const int32_t* labels, int64_t n, int64_t k, float* probs);

// dlogits = (p − onehot(y)) / N: the gradient of the mean loss through the softmax.
// probs and dlogits are (N,K); dlogits may be probs.
void softmax_cross_entropy_backward(const float* probs, const int32_t* labels, int64_t n, int64_t k, float* dlogits);

// How many rows of scores (N,K) have their largest value (first, on ties) at the label.
int64_t count_correct(const float* scores, const int32_t* labels, int64_t n, int64_t k);

}  // namespace convlab
