// shape.h: the shape of one example's tensor, without the batch axis, in
// Keras's channels_last order: (H, W, C) for images, (steps, F) for sequences
// (keras.io's first tutorial feeds (28, 28) to a Flatten), (F) for vectors. Keras
// prints the batch axis as None: (None, 26, 26, 32); to_string does the same.
// Not a tensor: it holds sizes only. Sizes are signed 64-bit so arithmetic on
// them never wraps silently (see checked_int.h for the checked operations).
#pragma once
#include <cstdint>
#include <string>

namespace convlab {

struct Shape {
    int rank = 0;            // 1 (F), 2 (steps, F) or 3 (H, W, C); 0 = unknown / not set
    int64_t dim[3] = {0, 0, 0};

    static Shape vector(int64_t f) { Shape s; s.rank = 1; s.dim[0] = f; return s; }
    static Shape sequence(int64_t steps, int64_t f) {
        Shape s; s.rank = 2; s.dim[0] = steps; s.dim[1] = f; return s;
    }
    static Shape image(int64_t h, int64_t w, int64_t c) {
        Shape s; s.rank = 3; s.dim[0] = h; s.dim[1] = w; s.dim[2] = c; return s;
    }
    int64_t h() const { return dim[0]; }
    int64_t w() const { return dim[1]; }
    int64_t c() const { return rank > 0 ? dim[rank - 1] : 0; }  // channels / features: the last axis
    int64_t elements() const;    // product of the dims (0 for rank 0)
    bool operator==(const Shape& o) const;
    bool operator!=(const Shape& o) const { return !(*this == o); }
    std::string to_string() const;  // "(None, 26, 26, 32)"
};

}  // namespace convlab
