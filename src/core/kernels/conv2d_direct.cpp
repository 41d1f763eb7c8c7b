// conv2d_direct.cpp: the direct convolution path for a small window, chosen
// when Cin < 4 (the first layer's Cin = 1: a window of Kh·Kw·Cin = 9 floats).
// There im2col would copy one float per tap and the matrix product would have
// K = 9, too short to pay for its packing. Here the micro-kernel reads each
// window straight from x through a table of tap offsets ("implicit GEMM"), and
// nothing is copied but a zero-padded image when the convolution pads. Not a
// new definition: conv2d_ref.cpp is the definition and the tests hold this to it.
// Reference: Chetlur et al., "cuDNN: Efficient Primitives for Deep Learning" (2014), §3.
#include <algorithm>

#include "core/kernels/conv2d_kernels.h"
#include "core/kernels/gemm.h"
#include "core/kernels/simd.h"
#include "core/parallel/thread_pool.h"

namespace convlab {

namespace {

int64_t window_size(const Conv2DGeometry& g) { return g.kh * g.kw * g.cin; }

// The input rows and columns the windows span, padding included:
//   view row r holds input row r − pad_top (zeros outside 0..H−1), likewise columns.
int64_t view_h(const Conv2DGeometry& g) { return (g.ho - 1) * g.sh + (g.kh - 1) * g.dh + 1; }
int64_t view_w(const Conv2DGeometry& g) { return (g.wo - 1) * g.sw + (g.kw - 1) * g.dw + 1; }
// 'valid' convolutions read x in place; anything that reaches into the padding reads a padded copy.
bool needs_padded_copy(const Conv2DGeometry& g) {
    return g.pad_top > 0 || g.pad_left > 0 || view_h(g) > g.h || view_w(g) > g.w;
}
int64_t padded_image_floats(const Conv2DGeometry& g) {
    return needs_padded_copy(g) ? view_h(g) * view_w(g) * g.cin : 0;
}

// One image as the windows see it: view pixel (r, s) is at data + (r·row_pixels + s)·Cin,
// so output pixel (i, j)'s window starts at data + (i·Sh·row_pixels + j·Sw)·Cin.
struct ImageView {
    const float* data;
    int64_t row_pixels;
};

// Image n of x (N,H,W,Cin) as a view: x itself, or a zero-padded copy in `padded`.
ImageView image_view(const Conv2DGeometry& g, const float* x, int64_t n, float* padded) {
    const float* image = x + n * g.h * g.w * g.cin;
    if (!needs_padded_copy(g)) return {image, g.w};
    const int64_t vh = view_h(g), vw = view_w(g);
    std::fill(padded, padded + vh * vw * g.cin, 0.0f);
    // padded[r, s, c] = x[n, r − pad_top, s − pad_left, c]; rows and columns no window reaches are left out
    const int64_t cols = std::min(g.w, vw - g.pad_left);
    for (int64_t ih = 0; ih < g.h && ih + g.pad_top < vh; ++ih)
        if (cols > 0)
            std::copy(image + ih * g.w * g.cin, image + (ih * g.w + cols) * g.cin,
                      padded + ((ih + g.pad_top) * vw + g.pad_left) * g.cin);
    return {padded, vw};
}

// offsets[(p·Kw + q)·Cin + c] = where tap (p, q), channel c sits from the window's start in a view.
void tap_offsets(const Conv2DGeometry& g, int64_t row_pixels, int64_t* offsets) {
    for (int64_t p = 0; p < g.kh; ++p)
        for (int64_t q = 0; q < g.kw; ++q)
            for (int64_t c = 0; c < g.cin; ++c)
                offsets[(p * g.kw + q) * g.cin + c] = (p * g.dh * row_pixels + q * g.dw) * g.cin + c;
}

// The forward micro-kernel: a tile of y, 4 output pixels × 8 output channels.
//   window[r] is pixel r's window start in the view, offsets (K) the tap table,
//   w_panel (K, 8) one packed panel of w, bias8 (8) its biases (zeros without bias),
//   y_row[r] where pixel r's 8 channels go; only `rows` pixels and `cols` channels are stored.
//   y[r, 0:8] = bias8 + Σ_t window[r][offsets[t]] · w_panel[t, 0:8]
// kFull: all 8 channels exist (else the last panel stores its `cols` through a local tile).
template <bool kFull>
void forward_tile(int64_t k, const float* const window[4], const int64_t* offsets, const float* w_panel,
                  const float* bias8, float* const y_row[4], int64_t rows, int64_t cols) {
    f32x4 acc[4][2];
    for (int r = 0; r < 4; ++r) acc[r][0] = f32x4_load(bias8), acc[r][1] = f32x4_load(bias8 + 4);
    for (int64_t t = 0; t < k; ++t) {  // 2 loads of w, 4 broadcasts of x, 8 multiply-adds
        const f32x4 w0 = f32x4_load(w_panel + t * gemm_nr), w1 = f32x4_load(w_panel + t * gemm_nr + 4);
        const int64_t at = offsets[t];
        for (int r = 0; r < 4; ++r) {
            const f32x4 x_rt = f32x4_splat(window[r][at]);
            acc[r][0] = f32x4_madd(x_rt, w0, acc[r][0]);
            acc[r][1] = f32x4_madd(x_rt, w1, acc[r][1]);
        }
    }
    if (kFull) {
        for (int64_t r = 0; r < rows; ++r) f32x4_store(y_row[r], acc[r][0]), f32x4_store(y_row[r] + 4, acc[r][1]);
        return;
    }
    float tile[8];
    for (int64_t r = 0; r < rows; ++r) {
        f32x4_store(tile, acc[r][0]), f32x4_store(tile + 4, acc[r][1]);
        std::copy(tile, tile + cols, y_row[r]);
    }
}

// The micro-kernels are called through these tables, indexed at run time, and
// that is on purpose: called directly, each has one caller, so the wasm
// optimiser (binaryen) inlines them all into one large function, where V8 no
// longer keeps the accumulators in registers; the seed's conv1 then ran 2.1×
// slower in wasm (natively it makes no difference).
using ForwardTile = void (*)(int64_t, const float* const*, const int64_t*, const float*, const float*,
                             float* const*, int64_t, int64_t);
const ForwardTile forward_tiles[2] = {forward_tile<false>, forward_tile<true>};  // [all 8 channels exist]

// The backward-weights micro-kernel: a tile of dw, R taps × 8 output channels,
// summed over every output pixel of one image and added to dw.
//   view the image, offsets (R) the tile's taps, dy_image (Ho,Wo,Cout) with the
//   tile's first channel at column o0, dw_tile where dw[tap 0, o0] is (row stride Cout).
//   dw[t, 0:8] += Σ_{i,j} window(i,j)[offsets[t]] · dy[i, j, o0:o0+8]
// kFull: all 8 channels exist (else the last panel's `cols` go through a zero-padded copy).
template <int R, bool kFull>
void backward_weights_tile(const Conv2DGeometry& g, ImageView view, const int64_t* offsets, const float* dy_image,
                           int64_t cols, float* dw_tile) {
    f32x4 acc[R][2];
    int64_t at[R];
    for (int r = 0; r < R; ++r) acc[r][0] = acc[r][1] = f32x4_zero(), at[r] = offsets[r];
    float dy8[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    const int64_t step = g.sw * g.cin;
    for (int64_t i = 0; i < g.ho; ++i) {
        const float* window = view.data + i * g.sh * view.row_pixels * g.cin;
        const float* dy_pixel = dy_image + i * g.wo * g.cout;
        for (int64_t j = 0; j < g.wo; ++j, window += step, dy_pixel += g.cout) {
            const float* d = dy_pixel;
            if (!kFull) std::copy(dy_pixel, dy_pixel + cols, dy8), d = dy8;
            // acc[r] += window[at[r]] · dy[i, j, o0:o0+8]: 2 loads of dy, R broadcasts, 2R multiply-adds
            // (unrolling by two pixels, or a second set of accumulators, measured no faster in wasm)
            const f32x4 d0 = f32x4_load(d), d1 = f32x4_load(d + 4);
            for (int r = 0; r < R; ++r) {
                const f32x4 x_rt = f32x4_splat(window[at[r]]);
                acc[r][0] = f32x4_madd(x_rt, d0, acc[r][0]);
                acc[r][1] = f32x4_madd(x_rt, d1, acc[r][1]);
            }
        }
    }
    float tile[8];
    for (int r = 0; r < R; ++r) {
        f32x4_store(tile, acc[r][0]), f32x4_store(tile + 4, acc[r][1]);
        float* dst = dw_tile + r * g.cout;
        for (int64_t c = 0; c < cols; ++c) dst[c] += tile[c];
    }
}

// [all 8 channels exist][taps − 1], called through the table for the reason above.
using BackwardWeightsTile = void (*)(const Conv2DGeometry&, ImageView, const int64_t*, const float*, int64_t, float*);
const BackwardWeightsTile backward_weights_tiles[2][4] = {
    {backward_weights_tile<1, false>, backward_weights_tile<2, false>, backward_weights_tile<3, false>,
     backward_weights_tile<4, false>},
    {backward_weights_tile<1, true>, backward_weights_tile<2, true>, backward_weights_tile<3, true>,
     backward_weights_tile<4, true>}};

}  // namespace

bool conv2d_direct_fits(const Conv2DGeometry& g) { return window_size(g) <= conv2d_direct_max_window; }

// Shared: the packed weights and padded biases. Each thread pads images into its own thread_scratch.
int64_t conv2d_direct_scratch_floats(const Conv2DGeometry& g) {
    const int64_t panels = (g.cout + gemm_nr - 1) / gemm_nr;
    return gemm_packed_b_floats(window_size(g), g.cout) + panels * gemm_nr;
}

// x is (N,H,W,Cin), w is (Kh,Kw,Cin,Cout), b is (Cout) or null, y is (N,Ho,Wo,Cout).
// scratch: w packed in panels of 8 channels, the biases padded to whole panels.
// Threads take whole images.
void conv2d_forward_direct(const Conv2DGeometry& g, const float* x, const float* w, const float* b, float* y,
                           float* scratch) {
    const int64_t k = window_size(g), pixels = g.ho * g.wo;
    const int64_t panels = (g.cout + gemm_nr - 1) / gemm_nr;
    float* w_packed = scratch;
    float* bias_padded = w_packed + gemm_packed_b_floats(k, g.cout);
    gemm_pack_b(k, g.cout, w, g.cout, false, w_packed);
    std::fill(bias_padded, bias_padded + panels * gemm_nr, 0.0f);
    if (b) std::copy(b, b + g.cout, bias_padded);
    int64_t offsets[conv2d_direct_max_window];
    tap_offsets(g, needs_padded_copy(g) ? view_w(g) : g.w, offsets);  // every image's view has the same rows
    parallel_for(g.n, double(g.n * pixels) * double(k * g.cout), [&](int64_t n) {
        const ImageView view = image_view(g, x, n, thread_scratch(padded_image_floats(g)));
        float* y_image = y + n * pixels * g.cout;
        for (int64_t m0 = 0; m0 < pixels; m0 += 4) {
            // pixels m0 .. m0+3 of this image (the last group re-reads pixel m0 for missing ones, never stored)
            const int64_t rows = std::min<int64_t>(4, pixels - m0);
            const float* window[4];
            float* y_row[4];
            for (int64_t r = 0; r < 4; ++r) {
                const int64_t m = m0 + (r < rows ? r : 0), i = m / g.wo, j = m % g.wo;
                window[r] = view.data + (i * g.sh * view.row_pixels + j * g.sw) * g.cin;
                y_row[r] = y_image + m * g.cout;
            }
            for (int64_t p = 0; p < panels; ++p) {
                float* y_panel[4] = {y_row[0] + p * gemm_nr, y_row[1] + p * gemm_nr, y_row[2] + p * gemm_nr,
                                     y_row[3] + p * gemm_nr};
                const int64_t cols = std::min(gemm_nr, g.cout - p * gemm_nr);
                forward_tiles[cols == gemm_nr](k, window, offsets, w_packed + p * k * gemm_nr,
                                               bias_padded + p * gemm_nr, y_panel, rows, cols);
            }
        }
    });
}

// x is (N,H,W,Cin), dy is (N,Ho,Wo,Cout), dw is (Kh,Kw,Cin,Cout), db is (Cout) or null.
// The taps go in equal groups of at most 4 (K = 9: 3 groups of 3), so no tile
// row is computed only to be dropped. Threads take tiles of dw (a group of taps
// × 8 channels); each walks the images in order, so its sums are added in the
// same order whatever the thread count. A padded image is made once per tile
// that reads it: more copying than one pass over the images, but the copy is
// small beside a tile's multiply-adds.
void conv2d_backward_weights_direct(const Conv2DGeometry& g, const float* x, const float* dy, float* dw, float* db,
                                    float* scratch) {
    (void)scratch;
    const int64_t k = window_size(g), pixels = g.ho * g.wo;
    const int64_t groups = (k + 3) / 4, group = (k + groups - 1) / groups;
    const int64_t panels = (g.cout + gemm_nr - 1) / gemm_nr;
    int64_t offsets[conv2d_direct_max_window];
    tap_offsets(g, needs_padded_copy(g) ? view_w(g) : g.w, offsets);
    std::fill(dw, dw + k * g.cout, 0.0f);
    parallel_for(groups * panels, double(g.n * pixels) * double(k * g.cout), [&](int64_t tile) {
        const int64_t t0 = tile / panels * group, o0 = tile % panels * gemm_nr;
        const int64_t taps = std::min(group, k - t0), cols = std::min(gemm_nr, g.cout - o0);
        float* padded = thread_scratch(padded_image_floats(g));
        for (int64_t n = 0; n < g.n; ++n) {
            const ImageView view = image_view(g, x, n, padded);
            backward_weights_tiles[cols == gemm_nr][taps - 1](g, view, offsets + t0, dy + n * pixels * g.cout + o0,
                                                              cols, dw + t0 * g.cout + o0);
        }
    });
    if (!db) return;
    // db[o] = Σ_m dy[m, o]
    std::fill(db, db + g.cout, 0.0f);
    for (int64_t m = 0; m < g.n * pixels; ++m) {
        const float* dy_pixel = dy + m * g.cout;
        int64_t o = 0;
        for (; o + 4 <= g.cout; o += 4) f32x4_store(db + o, f32x4_add(f32x4_load(db + o), f32x4_load(dy_pixel + o)));
        for (; o < g.cout; ++o) db[o] += dy_pixel[o];
    }
}

}  // namespace convlab
