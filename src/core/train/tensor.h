// train/tensor.h: a batch of activations, gradients or weights as one flat
// float buffer with its dims (N, H, W, C), channels last like Keras. A vector
// of F features is stored as (N, 1, 1, F). Not a view, not a math library:
// layers index the buffer themselves, and shapes come from summarize().
#pragma once
#include <cstdint>
#include <vector>

#include "core/model/shape.h"

namespace convlab {

struct Tensor {
    int64_t dim[4] = {0, 1, 1, 0};  // N, H, W, C
    std::vector<float> data;        // N·H·W·C floats, index ((n·H + i)·W + j)·C + c

    int64_t n() const { return dim[0]; }
    int64_t h() const { return dim[1]; }
    int64_t w() const { return dim[2]; }
    int64_t c() const { return dim[3]; }
    int64_t per_example() const { return dim[1] * dim[2] * dim[3]; }
    int64_t size() const { return dim[0] * per_example(); }
    float* ptr() { return data.data(); }
    const float* ptr() const { return data.data(); }
};

// A zero-filled (n, h, w, c) tensor.
inline Tensor tensor_zeros(int64_t n, int64_t h, int64_t w, int64_t c) {
    Tensor t;
    t.dim[0] = n; t.dim[1] = h; t.dim[2] = w; t.dim[3] = c;
    t.data.assign(static_cast<size_t>(n * h * w * c), 0.0f);
    return t;
}

// A zero-filled batch of n examples of `shape` ((steps, F) becomes (n, 1, steps, F), (F) (n, 1, 1, F)).
inline Tensor tensor_for_batch(int64_t n, const Shape& shape) {
    if (shape.rank == 3) return tensor_zeros(n, shape.h(), shape.w(), shape.c());
    if (shape.rank == 2) return tensor_zeros(n, 1, shape.dim[0], shape.dim[1]);
    return tensor_zeros(n, 1, 1, shape.c());
}

}  // namespace convlab
