// shape.cpp: a shape's size and its printed form. Printing follows Keras's
// summary, which shows the batch axis as None: (None, 26, 26, 32), (None, 9072).
// Not a validator: analysis/shape_math.h and the layers decide which shapes are legal.
#include "core/model/shape.h"

#include "core/model/checked_int.h"

namespace convlab {

int64_t Shape::elements() const {
    if (rank == 0) return 0;
    // Checked, so a shape built by hand cannot overflow: past kMaxCount (or with a
    // negative size) the answer is -1. The layers never produce such a shape.
    int64_t n = 1;
    for (int i = 0; i < rank; ++i) n = checked_mul(n, dim[i]);
    return n;
}

bool Shape::operator==(const Shape& o) const {
    if (rank != o.rank) return false;
    for (int i = 0; i < rank; ++i)
        if (dim[i] != o.dim[i]) return false;
    return true;
}

std::string Shape::to_string() const {
    std::string s = "(None";
    for (int i = 0; i < rank; ++i) s += ", " + std::to_string(dim[i]);
    return s + ")";
}

}  // namespace convlab
