// gemm.cpp: the reference matrix multiply and the blocked one. The fast path
// is three layers, outermost first: blocks of 48 rows of A (kept in cache),
// chunks of at most gemm_kc along k, panels of 8 columns of B packed
// contiguously (zero-padded), and inside those the 4×8 register micro-kernel.
// Not tuned per CPU: one blocking for SSE2 and wasm SIMD alike.
#include "core/kernels/gemm.h"

#include <algorithm>

#include "core/kernels/simd.h"
#include "core/parallel/thread_pool.h"

namespace convlab {

void gemm_ref(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float* c,
              int64_t ldc, bool accumulate, bool trans_a, bool trans_b) {
    // C[i,j] (+)= Σ_p op(A)[i,p] · op(B)[p,j]
    for (int64_t i = 0; i < m; ++i) {
        for (int64_t j = 0; j < n; ++j) {
            float sum = accumulate ? c[i * ldc + j] : 0.0f;
            for (int64_t p = 0; p < k; ++p) {
                const float a_ip = trans_a ? a[p * lda + i] : a[i * lda + p];
                const float b_pj = trans_b ? b[j * ldb + p] : b[p * ldb + j];
                sum += a_ip * b_pj;
            }
            c[i * ldc + j] = sum;
        }
    }
}

int64_t gemm_packed_b_floats(int64_t k, int64_t n) { return k * ((n + gemm_nr - 1) / gemm_nr) * gemm_nr; }

void gemm_pack_b(int64_t k, int64_t n, const float* b, int64_t ldb, bool trans_b, float* b_packed) {
    // panel[p, jj] = op(B)[p, j0 + jj], or 0 past the last column
    for (int64_t j0 = 0; j0 < n; j0 += gemm_nr, b_packed += k * gemm_nr) {
        const int64_t cols = std::min(gemm_nr, n - j0);
        for (int64_t p = 0; p < k; ++p) {
            float* dst = b_packed + p * gemm_nr;
            if (!trans_b && cols == gemm_nr) {
                const float* src = b + p * ldb + j0;
                f32x4_store(dst, f32x4_load(src));
                f32x4_store(dst + 4, f32x4_load(src + 4));
                continue;
            }
            for (int64_t jj = 0; jj < gemm_nr; ++jj) {
                const int64_t j = j0 + jj;
                dst[jj] = jj >= cols ? 0.0f : trans_b ? b[j * ldb + p] : b[p * ldb + j];
            }
        }
    }
}

namespace {

// c += v for one row of 4 floats, or c = v.
inline void store_row(float* c, f32x4 v, bool accumulate) {
    f32x4_store(c, accumulate ? f32x4_add(f32x4_load(c), v) : v);
}

// The micro-kernel.
//   a is 4 rows of A (row stride lda), each k long; b is one packed panel (k, 8);
//   c is a (rows, cols) tile of C (row stride ldc), rows ≤ 4, cols ≤ 8.
// Rows past `rows` re-read row 0 (so A is never read out of bounds) and are dropped.
// Why 4×8: 8 accumulators + 2 values of B + a broadcast + a product fit the 15
// vector registers V8 gives wasm on x64 (6×8 spilled), and measured fastest there.
void micro_kernel_4x8(int64_t k, const float* a, int64_t lda, const float* b, float* c, int64_t ldc, int64_t rows,
                      int64_t cols, bool accumulate) {
    const float* a_row[gemm_mr];
    for (int64_t r = 0; r < gemm_mr; ++r) a_row[r] = a + (r < rows ? r : 0) * lda;
    f32x4 acc[gemm_mr][2];
    for (int64_t r = 0; r < gemm_mr; ++r) acc[r][0] = acc[r][1] = f32x4_zero();

    // acc[r] += a[r, p] · b[p, 0:8]   for r = 0..3: 2 loads, 4 broadcasts, 8 multiply-adds
    auto step = [&](int64_t p) {
        const f32x4 b0 = f32x4_load(b + p * gemm_nr), b1 = f32x4_load(b + p * gemm_nr + 4);
        for (int64_t r = 0; r < gemm_mr; ++r) {
            const f32x4 a_rp = f32x4_splat(a_row[r][p]);
            acc[r][0] = f32x4_madd(a_rp, b0, acc[r][0]);
            acc[r][1] = f32x4_madd(a_rp, b1, acc[r][1]);
        }
    };
    int64_t p = 0;
    for (; p + 2 <= k; p += 2) {  // two steps per trip: fewer pointer updates (four measured slower)
        step(0), step(1);
        for (int64_t r = 0; r < gemm_mr; ++r) a_row[r] += 2;
        b += 2 * gemm_nr;
    }
    if (p < k) step(0);

    if (rows == gemm_mr && cols == gemm_nr) {
        for (int64_t r = 0; r < gemm_mr; ++r) {
            store_row(c + r * ldc, acc[r][0], accumulate);
            store_row(c + r * ldc + 4, acc[r][1], accumulate);
        }
        return;
    }
    // An edge tile: through a local tile, then only the valid part.
    float tile[gemm_mr][gemm_nr];
    for (int64_t r = 0; r < gemm_mr; ++r) f32x4_store(tile[r], acc[r][0]), f32x4_store(tile[r] + 4, acc[r][1]);
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t j = 0; j < cols; ++j) c[r * ldc + j] = (accumulate ? c[r * ldc + j] : 0.0f) + tile[r][j];
}

}  // namespace

void gemm_packed(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b_packed, float* c,
                 int64_t ldc, bool accumulate) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        if (!accumulate)
            for (int64_t i = 0; i < m; ++i) std::fill(c + i * ldc, c + i * ldc + n, 0.0f);
        return;
    }
    // k in equal chunks of at most gemm_kc (288 → 2 × 144, not 256 + 32).
    const int64_t chunks = (k + gemm_kc - 1) / gemm_kc;
    const int64_t chunk = (k + chunks - 1) / chunks;
    for (int64_t p0 = 0; p0 < k; p0 += chunk) {
        const int64_t kc = std::min(chunk, k - p0);
        const bool add_to_c = accumulate || p0 > 0;
        for (int64_t j0 = 0; j0 < n; j0 += gemm_nr) {
            const float* panel = b_packed + (j0 / gemm_nr) * k * gemm_nr + p0 * gemm_nr;
            for (int64_t i0 = 0; i0 < m; i0 += gemm_mr)
                micro_kernel_4x8(kc, a + i0 * lda + p0, lda, panel, c + i0 * ldc + j0, ldc,
                                 std::min(gemm_mr, m - i0), std::min(gemm_nr, n - j0), add_to_c);
        }
    }
}

// Threads take tiles of C: a block of rows × a group of columns. Each tile
// walks k in the same chunks, in order, so every C[i,j] is summed the same way
// whichever thread computes it and however many there are.
void gemm(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb, float* c,
          int64_t ldc, bool accumulate, bool trans_a, bool trans_b) {
    constexpr int64_t mc_max = 12 * gemm_mr;  // rows of A per block
    constexpr int64_t nc_max = 8 * gemm_nr;   // columns of C per tile
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        gemm_packed(m, n, 0, a, lda, nullptr, c, ldc, accumulate);  // k = 0: C = 0 or C unchanged
        return;
    }
    const int64_t row_blocks = (m + mc_max - 1) / mc_max, column_groups = (n + nc_max - 1) / nc_max;
    parallel_for(row_blocks * column_groups, double(m) * double(n) * double(k), [&](int64_t tile) {
        float b_panel[gemm_kc * gemm_nr];  // one packed panel of B, 8 KB: stays in L1
        float a_block[mc_max * gemm_kc];   // op(A) block when A is transposed, 48 KB
        const int64_t i0 = tile / column_groups * mc_max, mc = std::min(mc_max, m - i0);
        const int64_t j_first = tile % column_groups * nc_max, j_end = std::min(n, j_first + nc_max);
        for (int64_t p0 = 0; p0 < k; p0 += gemm_kc) {
            const int64_t kc = std::min(gemm_kc, k - p0);
            const float* a_rows = a + i0 * lda + p0;
            int64_t a_stride = lda;
            if (trans_a) {  // a_block[i, p] = A[p0 + p, i0 + i]
                for (int64_t p = 0; p < kc; ++p)
                    for (int64_t i = 0; i < mc; ++i) a_block[i * kc + p] = a[(p0 + p) * lda + i0 + i];
                a_rows = a_block, a_stride = kc;
            }
            for (int64_t j0 = j_first; j0 < j_end; j0 += gemm_nr) {
                const int64_t nc = std::min(gemm_nr, n - j0);
                gemm_pack_b(kc, nc, trans_b ? b + j0 * ldb + p0 : b + p0 * ldb + j0, ldb, trans_b, b_panel);
                gemm_packed(mc, nc, kc, a_rows, a_stride, b_panel, c + i0 * ldc + j0, ldc, accumulate || p0 > 0);
            }
        }
    });
}

}  // namespace convlab
