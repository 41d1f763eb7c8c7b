// train/resampling.cpp: UpSampling2D ("nearest": every value repeated over a
// size.h × size.w block, so its gradient is the sum of dy over that block),
// Cropping2D (a window of the input, so dx is dy placed back with zeros
// around it) and SpatialDropout2D (Dropout's mask drawn per example and
// channel, so a whole feature map is kept or dropped), UpSampling2D's bilinear
// blend and Permute.
// Reference: keras.io/api/layers/reshaping_layers; tf.nn.dropout with noise_shape (N, 1, 1, C);
// tf.image.resize (bilinear, half-pixel centres) for UpSampling2D(interpolation="bilinear").
#include <algorithm>
#include <vector>

#include "core/train/layer_passes.h"

namespace convlab {

// x is (N,H,W,C), y is (N,H·sh,W·sw,C)
void upsampling2d_forward(int64_t n, int64_t h, int64_t w, int64_t c, Pair size, const float* x, float* y) {
    const int64_t ho = h * size.h, wo = w * size.w;
    for (int64_t b = 0; b < n; ++b)
        for (int64_t i = 0; i < ho; ++i)
            for (int64_t j = 0; j < wo; ++j) {
                const float* from = x + ((b * h + i / size.h) * w + j / size.w) * c;
                std::copy(from, from + c, y + ((b * ho + i) * wo + j) * c);
            }
}

void upsampling2d_backward(int64_t n, int64_t h, int64_t w, int64_t c, Pair size, const float* dy, float* dx) {
    const int64_t ho = h * size.h, wo = w * size.w;
    std::fill(dx, dx + n * h * w * c, 0.0f);
    for (int64_t b = 0; b < n; ++b)
        for (int64_t i = 0; i < ho; ++i)
            for (int64_t j = 0; j < wo; ++j) {
                float* to = dx + ((b * h + i / size.h) * w + j / size.w) * c;
                const float* from = dy + ((b * ho + i) * wo + j) * c;
                for (int64_t k = 0; k < c; ++k) to[k] += from[k];
            }
}

namespace {

// Where output row (or column) i of a ×scale upsampling reads the input: the
// half-pixel centre (i + ½)/scale − ½, clamped to the first row, between rows
// lo and hi = min(lo + 1, size − 1), with weight t on hi.
struct Tap {
    int64_t lo = 0, hi = 0;
    float t = 0.0f;
};
std::vector<Tap> bilinear_taps(int64_t size, int64_t scale) {
    std::vector<Tap> taps(size_t(size * scale));
    for (int64_t i = 0; i < size * scale; ++i) {
        const double centre = std::max((double(i) + 0.5) / double(scale) - 0.5, 0.0);
        Tap& tap = taps[size_t(i)];
        tap.lo = std::min(int64_t(centre), size - 1);
        tap.hi = std::min(tap.lo + 1, size - 1);
        tap.t = float(centre - double(tap.lo));
    }
    return taps;
}

}  // namespace

void upsampling2d_bilinear_forward(int64_t n, int64_t h, int64_t w, int64_t c, Pair size, const float* x, float* y) {
    const std::vector<Tap> rows = bilinear_taps(h, size.h), cols = bilinear_taps(w, size.w);
    const int64_t ho = h * size.h, wo = w * size.w;
    for (int64_t b = 0; b < n; ++b)
        for (int64_t i = 0; i < ho; ++i) {
            const Tap& r = rows[size_t(i)];
            for (int64_t j = 0; j < wo; ++j) {
                const Tap& q = cols[size_t(j)];
                const float* x00 = x + ((b * h + r.lo) * w + q.lo) * c;
                const float* x01 = x + ((b * h + r.lo) * w + q.hi) * c;
                const float* x10 = x + ((b * h + r.hi) * w + q.lo) * c;
                const float* x11 = x + ((b * h + r.hi) * w + q.hi) * c;
                float* out = y + ((b * ho + i) * wo + j) * c;
                for (int64_t k = 0; k < c; ++k) {
                    const float top = x00[k] + (x01[k] - x00[k]) * q.t;
                    const float bottom = x10[k] + (x11[k] - x10[k]) * q.t;
                    out[k] = top + (bottom - top) * r.t;
                }
            }
        }
}

void upsampling2d_bilinear_backward(int64_t n, int64_t h, int64_t w, int64_t c, Pair size, const float* dy, float* dx) {
    const std::vector<Tap> rows = bilinear_taps(h, size.h), cols = bilinear_taps(w, size.w);
    const int64_t ho = h * size.h, wo = w * size.w;
    std::fill(dx, dx + n * h * w * c, 0.0f);
    for (int64_t b = 0; b < n; ++b)
        for (int64_t i = 0; i < ho; ++i) {
            const Tap& r = rows[size_t(i)];
            for (int64_t j = 0; j < wo; ++j) {
                const Tap& q = cols[size_t(j)];
                const float w00 = (1 - r.t) * (1 - q.t), w01 = (1 - r.t) * q.t, w10 = r.t * (1 - q.t), w11 = r.t * q.t;
                float* d00 = dx + ((b * h + r.lo) * w + q.lo) * c;
                float* d01 = dx + ((b * h + r.lo) * w + q.hi) * c;
                float* d10 = dx + ((b * h + r.hi) * w + q.lo) * c;
                float* d11 = dx + ((b * h + r.hi) * w + q.hi) * c;
                const float* g = dy + ((b * ho + i) * wo + j) * c;
                for (int64_t k = 0; k < c; ++k) {
                    d00[k] += g[k] * w00;
                    d01[k] += g[k] * w01;
                    d10[k] += g[k] * w10;
                    d11[k] += g[k] * w11;
                }
            }
        }
}

namespace {

// Calls visit(output offset, input offset) for every value of one example:
// output axis i walks input axis dims[i] − 1.
template <typename Visit>
void permute_walk(const Shape& in, const Shape& dims, Visit visit) {
    int64_t in_stride[3] = {1, 1, 1};
    for (int a = in.rank - 2; a >= 0; --a) in_stride[a] = in_stride[a + 1] * in.dim[a + 1];
    int64_t size[3] = {1, 1, 1}, stride[3] = {0, 0, 0};
    for (int i = 0; i < in.rank; ++i) {
        size[i] = in.dim[dims.dim[i] - 1];
        stride[i] = in_stride[dims.dim[i] - 1];
    }
    int64_t o = 0;
    for (int64_t a = 0; a < size[0]; ++a)
        for (int64_t b = 0; b < size[1]; ++b)
            for (int64_t c = 0; c < size[2]; ++c) visit(o++, a * stride[0] + b * stride[1] + c * stride[2]);
}

}  // namespace

void permute_forward(const Shape& in, const Shape& dims, int64_t n, const float* x, float* y) {
    const int64_t per = in.elements();
    for (int64_t b = 0; b < n; ++b)
        permute_walk(in, dims, [&](int64_t o, int64_t i) { y[b * per + o] = x[b * per + i]; });
}

void permute_backward(const Shape& in, const Shape& dims, int64_t n, const float* dy, float* dx) {
    const int64_t per = in.elements();
    for (int64_t b = 0; b < n; ++b)
        permute_walk(in, dims, [&](int64_t o, int64_t i) { dx[b * per + i] = dy[b * per + o]; });
}

// x is (N,H,W,C), y is (N,H−top−bottom,W−left−right,C)
void cropping2d_forward(int64_t n, int64_t h, int64_t w, int64_t c, const LayerSpec& s, const float* x, float* y) {
    const int64_t ho = h - s.pad_top - s.pad_bottom, wo = w - s.pad_left - s.pad_right;
    for (int64_t b = 0; b < n; ++b)
        for (int64_t i = 0; i < ho; ++i) {
            const float* from = x + ((b * h + i + s.pad_top) * w + s.pad_left) * c;
            std::copy(from, from + wo * c, y + (b * ho + i) * wo * c);
        }
}

void cropping2d_backward(int64_t n, int64_t h, int64_t w, int64_t c, const LayerSpec& s, const float* dy, float* dx) {
    const int64_t ho = h - s.pad_top - s.pad_bottom, wo = w - s.pad_left - s.pad_right;
    std::fill(dx, dx + n * h * w * c, 0.0f);
    for (int64_t b = 0; b < n; ++b)
        for (int64_t i = 0; i < ho; ++i) {
            const float* from = dy + (b * ho + i) * wo * c;
            std::copy(from, from + wo * c, dx + ((b * h + i + s.pad_top) * w + s.pad_left) * c);
        }
}

// mask (N,H,W,C) holds each channel's keep factor at every position, so the
// backward pass is dropout_backward's dx = dy · mask.
void spatial_dropout2d_forward(double rate, bool training, Rng* rng, int64_t n, int64_t hw, int64_t c, const float* x,
                               float* mask, float* y) {
    if (!training || rate <= 0.0) {  // nothing dropped: Dropout's pass-through
        dropout_forward(rate, training, rng, x, mask, y, n * hw * c);
        return;
    }
    const float keep_scale = static_cast<float>(1.0 / (1.0 - rate));
    const float r = static_cast<float>(rate);
    std::vector<float> channel(static_cast<size_t>(c));
    for (int64_t b = 0; b < n; ++b) {
        for (float& m : channel) m = rng_uniform(rng) < r ? 0.0f : keep_scale;
        for (int64_t p = 0; p < hw; ++p)
            for (int64_t k = 0; k < c; ++k) {
                const int64_t i = (b * hw + p) * c + k;
                mask[i] = channel[size_t(k)];
                y[i] = x[i] * mask[i];
            }
    }
}

}  // namespace convlab
