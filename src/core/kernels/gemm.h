// gemm.h: matrix multiply for row-major float matrices, the engine under Dense
// and the convolutions: C = op(A)·op(B), or C += op(A)·op(B) with accumulate.
// gemm_ref is the three-loop definition; gemm is the cache-blocked,
// register-blocked version (a 4×8 micro-tile of f32x4 accumulators, after
// BLIS: Van Zee & van de Geijn, "BLIS: A Framework for Rapidly Instantiating
// BLAS Functionality", 2015). Not a BLAS: float only, no alpha/beta. gemm runs on
// thread_count() threads (parallel/thread_pool.h); gemm_packed on the caller's.
#pragma once
#include <cstdint>

namespace convlab {

// op(A) is (m, k): A is (m, k) with row stride lda, or (k, m) when trans_a.
// op(B) is (k, n): B is (k, n) with row stride ldb, or (n, k) when trans_b.
// C is (m, n) with row stride ldc; overwritten unless accumulate.
//   C[i,j] (+)= Σ_p op(A)[i,p] · op(B)[p,j]
void gemm_ref(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float* c,
              int64_t ldc, bool accumulate, bool trans_a, bool trans_b);
// Same contract. Allocates nothing: its packing buffers (about 56 KB) are on each thread's stack.
void gemm(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float* c,
          int64_t ldc, bool accumulate, bool trans_a, bool trans_b);

// ---- Building blocks the convolution kernels share (callers of gemm can skip this).
// The micro-kernel keeps a gemm_mr × gemm_nr tile of C in registers while it
// walks k: per step it loads gemm_nr values of B (two f32x4), broadcasts
// gemm_mr values of A, and does 8 vector multiply-adds.
constexpr int64_t gemm_mr = 4;
constexpr int64_t gemm_nr = 8;
constexpr int64_t gemm_kc = 256;  // k is walked in chunks of at most this (B's panel chunk stays in L1)

// Floats taken by B (k, n) packed: ceil(n / gemm_nr) panels of (k, gemm_nr).
int64_t gemm_packed_b_floats(int64_t k, int64_t n);
// Packs op(B) (k, n) into panels of gemm_nr columns, each (k, gemm_nr) row-major;
// the last panel's missing columns are zeros, so the micro-kernel never goes scalar.
void gemm_pack_b(int64_t k, int64_t n, const float* b, int64_t ldb, bool trans_b, float* b_packed);
// C (m, n) (+)= A (m, k) · B, with A row-major (row stride lda) and B packed by
// gemm_pack_b. A is read n/gemm_nr times: keep m small enough (a few hundred
// rows) that A stays in cache.
void gemm_packed(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b_packed, float* c,
                 int64_t ldc, bool accumulate);

}  // namespace convlab
