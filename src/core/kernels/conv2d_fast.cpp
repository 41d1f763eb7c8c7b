// conv2d_fast.cpp: the fast convolution kernels, each a matrix multiply over
// blocks of the im2col matrix (see conv2d_kernels.h), on the gemm.h micro-kernel.
// Only a block of im2col rows exists at a time, in the caller's scratch. When
// Cin < 4, forward and backward_weights hand over to the direct path
// (conv2d_direct.cpp) instead. Not a new definition: conv2d_ref.cpp is the
// definition and the tests hold these to it.
// Reference: Chellapilla et al., "High Performance Convolutional Neural Networks
// for Document Processing" (2006), the im2col lowering.
#include <algorithm>

#include "core/kernels/conv2d_kernels.h"
#include "core/kernels/gemm.h"
#include "core/kernels/simd.h"
#include "core/parallel/thread_pool.h"

namespace convlab {

namespace {

constexpr int64_t rows_per_block = 24 * gemm_mr;  // im2col rows per block (forward, backward input)
constexpr int64_t pixels_per_block = 16 * gemm_mr;  // output pixels per block (backward weights): 64 measured fastest (256: −15%)

int64_t window_size(const Conv2DGeometry& g) { return g.kh * g.kw * g.cin; }
// Cin < 4: a tap is less than one f32x4, so im2col would copy float by float. Measured on
// the seed's conv1 (Cin = 1), wasm SIMD: forward 9.2 → 16 GFLOP/s, backward weights 9.7 → 16.
// With Cin = 32 (conv2) the direct backward weights ran at half im2col's speed natively.
bool use_direct(const Conv2DGeometry& g) { return g.cin < 4 && conv2d_direct_fits(g); }
int64_t output_pixels(const Conv2DGeometry& g) { return g.n * g.ho * g.wo; }

// Walks output pixels m, m+1, ... as (n, i, j) without dividing per pixel, and
// says where each one's window reads: tap (p, q) is input pixel
// (n, i·Sh + p·Dh − pad_top, j·Sw + q·Dw − pad_left).
struct Window {
    const Conv2DGeometry& g;
    int64_t n, i, j;
    Window(const Conv2DGeometry& geometry, int64_t m)
        : g(geometry), n(m / (g.ho * g.wo)), i(m / g.wo % g.ho), j(m % g.wo) {}
    void next() {
        if (++j < g.wo) return;
        j = 0;
        if (++i < g.ho) return;
        i = 0, ++n;
    }
    // Offset of x[n, ih, iw, 0] under tap (p, q) in an (N,H,W,Cin) array, or −1 in the padding.
    int64_t tap(int64_t p, int64_t q) const {
        const int64_t ih = i * g.sh + p * g.dh - g.pad_top, iw = j * g.sw + q * g.dw - g.pad_left;
        if (ih < 0 || ih >= g.h || iw < 0 || iw >= g.w) return -1;
        return ((n * g.h + ih) * g.w + iw) * g.cin;
    }
};

// dst[0:count] = src[0:count]: a loop, not std::copy, whose memmove call costs more than
// the copy when a tap is a single channel (the first layer's Cin = 1).
void copy_floats(float* dst, const float* src, int64_t count) {
    int64_t c = 0;
    for (; c + 4 <= count; c += 4) f32x4_store(dst + c, f32x4_load(src + c));
    for (; c < count; ++c) dst[c] = src[c];
}

// dst[0:count] += src[0:count]
void add_to(float* dst, const float* src, int64_t count) {
    int64_t c = 0;
    for (; c + 4 <= count; c += 4) f32x4_store(dst + c, f32x4_add(f32x4_load(dst + c), f32x4_load(src + c)));
    for (; c < count; ++c) dst[c] += src[c];
}

// col is (rows, Kh·Kw·Cin) for output pixels m0 .. m0+rows−1:
//   col[r, (p·Kw + q)·Cin + c] = x[n, i·Sh + p·Dh − pad_top, j·Sw + q·Dw − pad_left, c]   (0 in the padding)
void im2col_rows(const Conv2DGeometry& g, const float* x, int64_t m0, int64_t rows, float* col) {
    Window win(g, m0);
    for (int64_t r = 0; r < rows; ++r, win.next()) {
        float* dst = col + r * window_size(g);
        for (int64_t p = 0; p < g.kh; ++p)
            for (int64_t q = 0; q < g.kw; ++q, dst += g.cin) {
                const int64_t at = win.tap(p, q);
                if (at < 0) std::fill(dst, dst + g.cin, 0.0f);
                else copy_floats(dst, x + at, g.cin);
            }
    }
}

// The same block transposed, rows k0 .. k1−1 of it only (a thread's share of
// the weight gradient): col_t is (k1 − k0, rows), col_t[k − k0, r] = col[r, k].
// Row k is tap t = k / Cin, channel k % Cin. Four pixels at a time when Cin ≥ 4:
// a 4×4 block (4 pixels × 4 channels of one tap) is loaded as four rows,
// transposed in registers and stored as four columns, so a store writes 4
// floats instead of 1 (the rest, one float at a time).
void im2col_rows_transposed(const Conv2DGeometry& g, const float* x, int64_t m0, int64_t rows, int64_t k0,
                            int64_t k1, float* col_t) {
    const int64_t t_first = k0 / g.cin, t_last = (k1 - 1) / g.cin;
    // channels c_lo .. c_hi−1 of tap t lie in the range
    auto channels = [&](int64_t t, int64_t* c_lo, int64_t* c_hi) {
        *c_lo = std::max<int64_t>(0, k0 - t * g.cin);
        *c_hi = std::min<int64_t>(g.cin, k1 - t * g.cin);
    };
    Window win(g, m0);
    int64_t r = 0;
    for (; g.cin >= 4 && r + 4 <= rows; r += 4) {
        Window win1 = win;
        win1.next();
        Window win2 = win1;
        win2.next();
        Window win3 = win2;
        win3.next();
        float* dst = col_t + r;
        for (int64_t t = t_first; t <= t_last; ++t) {
            const int64_t p = t / g.kw, q = t % g.kw;
            const int64_t at[4] = {win.tap(p, q), win1.tap(p, q), win2.tap(p, q), win3.tap(p, q)};
            auto load = [&](int i, int64_t c) { return at[i] < 0 ? f32x4_zero() : f32x4_load(x + at[i] + c); };
            int64_t c, c_hi;
            channels(t, &c, &c_hi);
            for (; c + 4 <= c_hi; c += 4, dst += 4 * rows) {
                f32x4 v0 = load(0, c), v1 = load(1, c), v2 = load(2, c), v3 = load(3, c);
                f32x4_transpose4(v0, v1, v2, v3);  // v0 = channel c of pixels r..r+3, v1 = channel c+1, ...
                f32x4_store(dst, v0), f32x4_store(dst + rows, v1);
                f32x4_store(dst + 2 * rows, v2), f32x4_store(dst + 3 * rows, v3);
            }
            for (; c < c_hi; ++c, dst += rows)
                for (int i = 0; i < 4; ++i) dst[i] = at[i] < 0 ? 0.0f : x[at[i] + c];
        }
        for (int i = 0; i < 4; ++i) win.next();
    }
    for (; r < rows; ++r, win.next()) {
        float* dst = col_t + r;
        for (int64_t t = t_first; t <= t_last; ++t) {
            const int64_t at = win.tap(t / g.kw, t % g.kw);
            int64_t c, c_hi;
            channels(t, &c, &c_hi);
            for (; c < c_hi; ++c, dst += rows) *dst = at < 0 ? 0.0f : x[at + c];
        }
    }
}

// The inverse direction, adding: dx[n, i·Sh + p·Dh − pad_top, j·Sw + q·Dw − pad_left, c] += col[r, (p·Kw + q)·Cin + c]
void col2im_rows_add(const Conv2DGeometry& g, const float* col, int64_t m0, int64_t rows, float* dx) {
    Window win(g, m0);
    for (int64_t r = 0; r < rows; ++r, win.next()) {
        const float* src = col + r * window_size(g);
        for (int64_t p = 0; p < g.kh; ++p)
            for (int64_t q = 0; q < g.kw; ++q, src += g.cin) {
                const int64_t at = win.tap(p, q);
                if (at >= 0) add_to(dx + at, src, g.cin);
            }
    }
}

}  // namespace

// Shared by the threads: the packed weights (forward, backward input). Each
// thread's own block of im2col rows, or its share of the transposed block and
// the packed dy, lives in its thread_scratch.
int64_t conv2d_scratch_floats(const Conv2DGeometry& g) {
    const int64_t k = window_size(g);
    const int64_t forward = gemm_packed_b_floats(k, g.cout);
    const int64_t backward_input = gemm_packed_b_floats(g.cout, k);
    const int64_t direct = use_direct(g) ? conv2d_direct_scratch_floats(g) : 0;
    return std::max({forward, backward_input, direct});
}

// x is (N,H,W,Cin), w is (Kh,Kw,Cin,Cout), b is (Cout) or null, y is (N,Ho,Wo,Cout).
// scratch: w packed for gemm. Threads take blocks of output pixels: each
// block's rows of y are its own, and a row's value does not depend on its block.
void conv2d_forward(const Conv2DGeometry& g, const float* x, const float* w, const float* b, float* y, float* scratch) {
    if (use_direct(g)) return conv2d_forward_direct(g, x, w, b, y, scratch);
    const int64_t k = window_size(g), m = output_pixels(g);
    float* w_packed = scratch;
    gemm_pack_b(k, g.cout, w, g.cout, false, w_packed);
    parallel_for((m + rows_per_block - 1) / rows_per_block, double(m) * double(k * g.cout), [&](int64_t block) {
        const int64_t m0 = block * rows_per_block, rows = std::min(rows_per_block, m - m0);
        float* col = thread_scratch(rows_per_block * k);
        im2col_rows(g, x, m0, rows, col);
        // y[m0:m0+rows, :] = b + col · w
        float* y_rows = y + m0 * g.cout;
        for (int64_t r = 0; r < rows; ++r) {
            if (b) copy_floats(y_rows + r * g.cout, b, g.cout);
            else std::fill(y_rows + r * g.cout, y_rows + (r + 1) * g.cout, 0.0f);
        }
        gemm_packed(rows, g.cout, k, col, k, w_packed, y_rows, g.cout, true);
    });
}

// dy is (N,Ho,Wo,Cout), w is (Kh,Kw,Cin,Cout), dx is (N,H,W,Cin).
// scratch: wᵀ packed for gemm. Threads take whole images: neighbouring windows
// overlap, so two blocks of one image add into the same dx, but never two images.
void conv2d_backward_input(const Conv2DGeometry& g, const float* dy, const float* w, float* dx, float* scratch) {
    const int64_t k = window_size(g), pixels = g.ho * g.wo, image = g.h * g.w * g.cin;
    float* wt_packed = scratch;
    gemm_pack_b(g.cout, k, w, g.cout, true, wt_packed);  // wᵀ is (Cout, Kh·Kw·Cin)
    parallel_for(g.n, double(g.n * pixels) * double(k * g.cout), [&](int64_t n) {
        float* dcol = thread_scratch(rows_per_block * k);
        std::fill(dx + n * image, dx + (n + 1) * image, 0.0f);
        for (int64_t m0 = n * pixels; m0 < (n + 1) * pixels; m0 += rows_per_block) {
            const int64_t rows = std::min(rows_per_block, (n + 1) * pixels - m0);
            // dcol = dy[m0:m0+rows, :] · wᵀ, then each row goes back to the window it came from.
            gemm_packed(rows, k, g.cout, dy + m0 * g.cout, g.cout, wt_packed, dcol, k, false);
            col2im_rows_add(g, dcol, m0, rows, dx);
        }
    });
}

// x is (N,H,W,Cin), dy is (N,Ho,Wo,Cout), dw is (Kh,Kw,Cin,Cout), db is (Cout) or null.
// The sum over pixels is never split: threads take rows of dw (ranges of
// Kh·Kw·Cin, a multiple of 4 long), and each walks every pixel in order.
void conv2d_backward_weights(const Conv2DGeometry& g, const float* x, const float* dy, float* dw, float* db,
                             float* scratch) {
    if (use_direct(g)) return conv2d_backward_weights_direct(g, x, dy, dw, db, scratch);
    const int64_t k = window_size(g), m = output_pixels(g);
    // At least 32 rows a share, so packing dy (which every share repeats) stays small beside the product.
    const int64_t shares = std::max<int64_t>(1, std::min<int64_t>(thread_count(), k / 32));
    const int64_t share = (k / shares + 3) / 4 * 4;
    parallel_for((k + share - 1) / share, double(m) * double(k * g.cout), [&](int64_t s) {
        const int64_t k0 = s * share, k1 = std::min(k, k0 + share);
        float* col_t = thread_scratch((k1 - k0) * pixels_per_block + gemm_packed_b_floats(pixels_per_block, g.cout));
        float* dy_packed = col_t + (k1 - k0) * pixels_per_block;
        std::fill(dw + k0 * g.cout, dw + k1 * g.cout, 0.0f);
        for (int64_t m0 = 0; m0 < m; m0 += pixels_per_block) {
            const int64_t rows = std::min(pixels_per_block, m - m0);
            // dw[k0:k1, :] += colᵀ[k0:k1, block] · dy[block, :]
            im2col_rows_transposed(g, x, m0, rows, k0, k1, col_t);
            gemm_pack_b(rows, g.cout, dy + m0 * g.cout, g.cout, false, dy_packed);
            gemm_packed(k1 - k0, g.cout, rows, col_t, rows, dy_packed, dw + k0 * g.cout, g.cout, true);
        }
    });
    if (!db) return;
    // db[o] = Σ_m dy[m, o]
    std::fill(db, db + g.cout, 0.0f);
    for (int64_t r = 0; r < m; ++r) add_to(db, dy + r * g.cout, g.cout);
}

}  // namespace convlab
