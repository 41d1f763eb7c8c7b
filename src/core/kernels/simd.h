// simd.h: a 4-lane float vector, f32x4, with the few operations the kernels
// use: load/store (unaligned), splat, add, sub, mul, div, sqrt, madd, a
// horizontal sum, a 4×4 transpose (f32x4_transpose4: four rows in, the four
// columns out), std::max's max (pmax: a < b ? b : a, so NaN and −0 behave as
// in the scalar code), and lane masks from comparisons (gt, eq) with and, or,
// andnot and select. Every operation is one IEEE operation per lane, so a
// kernel written with them gives the scalar loop's bits.
// One block per instruction set, ggml-style: wasm SIMD (-msimd128), SSE2
// (every x86-64 CPU), and a plain struct otherwise, so the wasm build without
// -msimd128 runs the same kernels in scalar code. Not a vector library, and
// no FMA: madd is a multiply then an add on every target (wasm has no FMA).
#pragma once

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <immintrin.h>
#endif

namespace convlab {

#if defined(__wasm_simd128__)

constexpr const char* simd_name() { return "wasm simd128"; }
using f32x4 = v128_t;
inline f32x4 f32x4_load(const float* p) { return wasm_v128_load(p); }
inline void f32x4_store(float* p, f32x4 a) { wasm_v128_store(p, a); }
inline f32x4 f32x4_splat(float s) { return wasm_f32x4_splat(s); }
inline f32x4 f32x4_add(f32x4 a, f32x4 b) { return wasm_f32x4_add(a, b); }
inline f32x4 f32x4_mul(f32x4 a, f32x4 b) { return wasm_f32x4_mul(a, b); }
inline f32x4 f32x4_sub(f32x4 a, f32x4 b) { return wasm_f32x4_sub(a, b); }
inline f32x4 f32x4_div(f32x4 a, f32x4 b) { return wasm_f32x4_div(a, b); }
inline f32x4 f32x4_sqrt(f32x4 a) { return wasm_f32x4_sqrt(a); }
inline f32x4 f32x4_pmax(f32x4 a, f32x4 b) { return wasm_f32x4_pmax(a, b); }
inline f32x4 f32x4_gt(f32x4 a, f32x4 b) { return wasm_f32x4_gt(a, b); }
inline f32x4 f32x4_eq(f32x4 a, f32x4 b) { return wasm_f32x4_eq(a, b); }
inline f32x4 f32x4_and(f32x4 a, f32x4 b) { return wasm_v128_and(a, b); }
inline f32x4 f32x4_or(f32x4 a, f32x4 b) { return wasm_v128_or(a, b); }
inline f32x4 f32x4_andnot(f32x4 mask, f32x4 b) { return wasm_v128_andnot(b, mask); }
inline float f32x4_sum(f32x4 a) {
    return (wasm_f32x4_extract_lane(a, 0) + wasm_f32x4_extract_lane(a, 1)) +
           (wasm_f32x4_extract_lane(a, 2) + wasm_f32x4_extract_lane(a, 3));
}
inline void f32x4_transpose4(f32x4& a, f32x4& b, f32x4& c, f32x4& d) {
    const f32x4 ab_lo = wasm_i32x4_shuffle(a, b, 0, 4, 1, 5), ab_hi = wasm_i32x4_shuffle(a, b, 2, 6, 3, 7);
    const f32x4 cd_lo = wasm_i32x4_shuffle(c, d, 0, 4, 1, 5), cd_hi = wasm_i32x4_shuffle(c, d, 2, 6, 3, 7);
    a = wasm_i32x4_shuffle(ab_lo, cd_lo, 0, 1, 4, 5), b = wasm_i32x4_shuffle(ab_lo, cd_lo, 2, 3, 6, 7);
    c = wasm_i32x4_shuffle(ab_hi, cd_hi, 0, 1, 4, 5), d = wasm_i32x4_shuffle(ab_hi, cd_hi, 2, 3, 6, 7);
}

#elif defined(__SSE2__)

constexpr const char* simd_name() { return "SSE2"; }
using f32x4 = __m128;
inline f32x4 f32x4_load(const float* p) { return _mm_loadu_ps(p); }
inline void f32x4_store(float* p, f32x4 a) { _mm_storeu_ps(p, a); }
inline f32x4 f32x4_splat(float s) { return _mm_set1_ps(s); }
inline f32x4 f32x4_add(f32x4 a, f32x4 b) { return _mm_add_ps(a, b); }
inline f32x4 f32x4_mul(f32x4 a, f32x4 b) { return _mm_mul_ps(a, b); }
inline f32x4 f32x4_sub(f32x4 a, f32x4 b) { return _mm_sub_ps(a, b); }
inline f32x4 f32x4_div(f32x4 a, f32x4 b) { return _mm_div_ps(a, b); }
inline f32x4 f32x4_sqrt(f32x4 a) { return _mm_sqrt_ps(a); }
// maxps returns its second operand unless the first is greater: b > a ? b : a.
inline f32x4 f32x4_pmax(f32x4 a, f32x4 b) { return _mm_max_ps(b, a); }
inline f32x4 f32x4_gt(f32x4 a, f32x4 b) { return _mm_cmpgt_ps(a, b); }
inline f32x4 f32x4_eq(f32x4 a, f32x4 b) { return _mm_cmpeq_ps(a, b); }
inline f32x4 f32x4_and(f32x4 a, f32x4 b) { return _mm_and_ps(a, b); }
inline f32x4 f32x4_or(f32x4 a, f32x4 b) { return _mm_or_ps(a, b); }
inline f32x4 f32x4_andnot(f32x4 mask, f32x4 b) { return _mm_andnot_ps(mask, b); }
inline float f32x4_sum(f32x4 a) {
    alignas(16) float lane[4];
    _mm_store_ps(lane, a);
    return (lane[0] + lane[1]) + (lane[2] + lane[3]);
}
inline void f32x4_transpose4(f32x4& a, f32x4& b, f32x4& c, f32x4& d) { _MM_TRANSPOSE4_PS(a, b, c, d); }

#else

constexpr const char* simd_name() { return "scalar"; }
struct f32x4 {
    float lane[4];
};
inline f32x4 f32x4_load(const float* p) { return {{p[0], p[1], p[2], p[3]}}; }
inline void f32x4_store(float* p, f32x4 a) {
    for (int i = 0; i < 4; ++i) p[i] = a.lane[i];
}
inline f32x4 f32x4_splat(float s) { return {{s, s, s, s}}; }
inline f32x4 f32x4_add(f32x4 a, f32x4 b) {
    return {{a.lane[0] + b.lane[0], a.lane[1] + b.lane[1], a.lane[2] + b.lane[2], a.lane[3] + b.lane[3]}};
}
inline f32x4 f32x4_mul(f32x4 a, f32x4 b) {
    return {{a.lane[0] * b.lane[0], a.lane[1] * b.lane[1], a.lane[2] * b.lane[2], a.lane[3] * b.lane[3]}};
}
inline f32x4 f32x4_sub(f32x4 a, f32x4 b) {
    return {{a.lane[0] - b.lane[0], a.lane[1] - b.lane[1], a.lane[2] - b.lane[2], a.lane[3] - b.lane[3]}};
}
inline f32x4 f32x4_div(f32x4 a, f32x4 b) {
    return {{a.lane[0] / b.lane[0], a.lane[1] / b.lane[1], a.lane[2] / b.lane[2], a.lane[3] / b.lane[3]}};
}
inline f32x4 f32x4_sqrt(f32x4 a) {
    return {{__builtin_sqrtf(a.lane[0]), __builtin_sqrtf(a.lane[1]), __builtin_sqrtf(a.lane[2]), __builtin_sqrtf(a.lane[3])}};
}
inline f32x4 f32x4_pmax(f32x4 a, f32x4 b) {
    f32x4 r;
    for (int i = 0; i < 4; ++i) r.lane[i] = a.lane[i] < b.lane[i] ? b.lane[i] : a.lane[i];
    return r;
}
// Masks as the vector units make them: all bits set where true.
inline float f32x4_bits(unsigned v) {
    float f;
    __builtin_memcpy(&f, &v, sizeof f);
    return f;
}
inline unsigned f32x4_unbits(float f) {
    unsigned v;
    __builtin_memcpy(&v, &f, sizeof v);
    return v;
}
inline f32x4 f32x4_gt(f32x4 a, f32x4 b) {
    f32x4 r;
    for (int i = 0; i < 4; ++i) r.lane[i] = f32x4_bits(a.lane[i] > b.lane[i] ? ~0u : 0u);
    return r;
}
inline f32x4 f32x4_eq(f32x4 a, f32x4 b) {
    f32x4 r;
    for (int i = 0; i < 4; ++i) r.lane[i] = f32x4_bits(a.lane[i] == b.lane[i] ? ~0u : 0u);
    return r;
}
inline f32x4 f32x4_and(f32x4 a, f32x4 b) {
    f32x4 r;
    for (int i = 0; i < 4; ++i) r.lane[i] = f32x4_bits(f32x4_unbits(a.lane[i]) & f32x4_unbits(b.lane[i]));
    return r;
}
inline f32x4 f32x4_or(f32x4 a, f32x4 b) {
    f32x4 r;
    for (int i = 0; i < 4; ++i) r.lane[i] = f32x4_bits(f32x4_unbits(a.lane[i]) | f32x4_unbits(b.lane[i]));
    return r;
}
inline f32x4 f32x4_andnot(f32x4 mask, f32x4 b) {
    f32x4 r;
    for (int i = 0; i < 4; ++i) r.lane[i] = f32x4_bits(~f32x4_unbits(mask.lane[i]) & f32x4_unbits(b.lane[i]));
    return r;
}
inline float f32x4_sum(f32x4 a) { return (a.lane[0] + a.lane[1]) + (a.lane[2] + a.lane[3]); }
inline void f32x4_transpose4(f32x4& a, f32x4& b, f32x4& c, f32x4& d) {
    const f32x4 in[4] = {a, b, c, d};
    f32x4* out[4] = {&a, &b, &c, &d};
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) out[i]->lane[j] = in[j].lane[i];
}

#endif

// The operations every block shares.
inline f32x4 f32x4_zero() { return f32x4_splat(0.0f); }
// a·b + c, rounded twice (multiply, then add): the same result on every target.
inline f32x4 f32x4_madd(f32x4 a, f32x4 b, f32x4 c) { return f32x4_add(f32x4_mul(a, b), c); }
// mask ? a : b, lane by lane (mask from f32x4_gt / f32x4_eq: all bits set or none).
inline f32x4 f32x4_select(f32x4 mask, f32x4 a, f32x4 b) { return f32x4_or(f32x4_and(mask, a), f32x4_andnot(mask, b)); }

}  // namespace convlab
