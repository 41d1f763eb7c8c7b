// train/dropout.cpp: Dropout as Keras applies it (tf.nn.dropout): in training
// each value is zeroed with probability rate and the survivors are scaled by
// 1/(1 − rate) ("inverted dropout"), so inference is the identity. The mask
// comes from the network's seeded Rng. Reference: keras.io/api/layers/regularization_layers/dropout.
#include <algorithm>

#include "core/kernels/elementwise.h"
#include "core/train/layer_passes.h"

namespace convlab {

// mask[i] = 0 if u_i < rate else 1/(1 − rate), u_i ~ U[0,1);  y = x · mask
void dropout_forward(double rate, bool training, Rng* rng, const float* x, float* mask, float* y, int64_t count) {
    if (!training || rate <= 0.0) {
        if (y != x) std::copy(x, x + count, y);
        if (training) std::fill(mask, mask + count, 1.0f);
        return;
    }
    const float keep_scale = static_cast<float>(1.0 / (1.0 - rate));
    const float r = static_cast<float>(rate);
    // The mask draws from the seeded Rng in order (one value after another);
    // the product that uses it runs four at a time.
    for (int64_t i = 0; i < count; ++i) mask[i] = rng_uniform(rng) < r ? 0.0f : keep_scale;
    multiply(x, mask, y, count);
}

// dx = dy · mask
void dropout_backward(const float* mask, const float* dy, float* dx, int64_t count) {
    multiply(dy, mask, dx, count);
}

}  // namespace convlab
