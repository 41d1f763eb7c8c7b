// checked_int.h: the integer arithmetic every size, count and product in the
// core goes through. Signed 64-bit, with one ceiling (kMaxCount) far beyond any
// model a browser can hold and far below where int64 could overflow, so a
// hostile model gives -1 ("too large"), never a silent wrap (STYLE.md: no size_t
// subtraction in shape arithmetic). Not the shape rules: analysis/shape_math.h.
#pragma once
#include <cstdint>

namespace convlab {

// Largest size, count or product ConvLab accepts anywhere (2^40).
constexpr int64_t kMaxCount = int64_t(1) << 40;

// a·b, or -1 if either is negative or the product exceeds kMaxCount.
inline int64_t checked_mul(int64_t a, int64_t b) {
    if (a < 0 || b < 0) return -1;
    if (a == 0 || b == 0) return 0;
    if (a > kMaxCount / b) return -1;  // division first, so a·b is never formed when it is too large
    const int64_t p = a * b;
    return p > kMaxCount ? -1 : p;
}

// a + b, or -1 if either is negative or above kMaxCount, or the sum is.
inline int64_t checked_add(int64_t a, int64_t b) {
    if (a < 0 || b < 0 || a > kMaxCount || b > kMaxCount) return -1;
    const int64_t s = a + b;
    return s > kMaxCount ? -1 : s;
}

}  // namespace convlab
