// train/drawn_digit.cpp: bounding box, scale into 20×20, centre of mass to the
// middle, as MNIST's digits were prepared.
#include "core/train/drawn_digit.h"

#include <algorithm>
#include <cmath>

namespace convlab {

bool mnist_center_drawing(const float* in, int64_t h, int64_t w, float* out) {
    constexpr int64_t kSide = 28, kBox = 20, kSamples = 4;
    std::fill(out, out + kSide * kSide, 0.0f);
    int64_t top = h, bottom = -1, left = w, right = -1;
    for (int64_t i = 0; i < h; ++i)
        for (int64_t j = 0; j < w; ++j)
            if (in[i * w + j] > 0.05f) {
                top = std::min(top, i); bottom = std::max(bottom, i);
                left = std::min(left, j); right = std::max(right, j);
            }
    if (bottom < 0) return false;
    const double bh = double(bottom - top + 1), bw = double(right - left + 1);
    const double scale = double(kBox) / std::max(bh, bw);  // source pixels → target pixels
    const int64_t th = std::max<int64_t>(1, int64_t(std::lround(bh * scale)));
    const int64_t tw = std::max<int64_t>(1, int64_t(std::lround(bw * scale)));

    // The scaled digit in the top-left corner of a 28×28 scratch image:
    // each target pixel is the mean of kSamples² nearest-neighbour samples.
    float box[kSide * kSide] = {};
    for (int64_t i = 0; i < th; ++i)
        for (int64_t j = 0; j < tw; ++j) {
            double sum = 0.0;
            for (int64_t si = 0; si < kSamples; ++si)
                for (int64_t sj = 0; sj < kSamples; ++sj) {
                    const double y = (double(i) + (double(si) + 0.5) / kSamples) / scale;
                    const double x = (double(j) + (double(sj) + 0.5) / kSamples) / scale;
                    const int64_t yi = std::min<int64_t>(top + int64_t(y), bottom);
                    const int64_t xj = std::min<int64_t>(left + int64_t(x), right);
                    sum += in[yi * w + xj];
                }
            box[i * kSide + j] = float(sum / (kSamples * kSamples));
        }

    // Centre of mass: (Σ v·i / Σ v, Σ v·j / Σ v), moved to (14, 14) by whole pixels.
    double mass = 0.0, ci = 0.0, cj = 0.0;
    for (int64_t i = 0; i < th; ++i)
        for (int64_t j = 0; j < tw; ++j) {
            const double v = box[i * kSide + j];
            mass += v;
            ci += v * (double(i) + 0.5);
            cj += v * (double(j) + 0.5);
        }
    const int64_t di = int64_t(std::lround(14.0 - ci / mass)), dj = int64_t(std::lround(14.0 - cj / mass));
    for (int64_t i = 0; i < th; ++i)
        for (int64_t j = 0; j < tw; ++j) {
            const int64_t y = i + di, x = j + dj;
            if (y >= 0 && y < kSide && x >= 0 && x < kSide) out[y * kSide + x] = std::min(1.0f, box[i * kSide + j]);
        }
    return true;
}

}  // namespace convlab
