// train/flatten.cpp: Flatten. In NHWC memory an (H,W,C) example is already laid
// out as Keras's flattened vector (index (i·W + j)·C + c), so both passes copy.
// Reference: keras.io/api/layers/reshaping_layers/flatten.
#include <algorithm>

#include "core/train/layer_passes.h"

namespace convlab {

// x is (N,H,W,C), y is (N,H·W·C): count = N·H·W·C
void flatten_forward(int64_t count, const float* x, float* y) { std::copy(x, x + count, y); }
void flatten_backward(int64_t count, const float* dy, float* dx) { std::copy(dy, dy + count, dx); }

}  // namespace convlab
