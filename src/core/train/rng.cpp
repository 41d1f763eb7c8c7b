// train/rng.cpp: PCG32 and the draws built on it. Reference: pcg-random.org's
// minimal C implementation (pcg_basic.c) and Lemire, "Fast Random Integer
// Generation in an Interval" (2019). Not a general random library.
#include "core/train/rng.h"

#include <cmath>

namespace convlab {

Rng rng_seeded(uint64_t seed, uint64_t stream) {
    Rng r;
    r.state = 0;
    r.inc = (stream << 1u) | 1u;
    rng_next_u32(&r);
    r.state += seed;
    rng_next_u32(&r);
    return r;
}

uint32_t rng_next_u32(Rng* r) {
    const uint64_t old = r->state;
    r->state = old * 6364136223846793005ULL + r->inc;
    const uint32_t xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
    const uint32_t rot = static_cast<uint32_t>(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
}

float rng_uniform(Rng* r) {
    return static_cast<float>(rng_next_u32(r) >> 8) * (1.0f / 16777216.0f);
}

float rng_uniform_range(Rng* r, float lo, float hi) {
    return lo + (hi - lo) * rng_uniform(r);
}

uint32_t rng_below(Rng* r, uint32_t bound) {
    uint64_t m = uint64_t(rng_next_u32(r)) * bound;
    uint32_t low = static_cast<uint32_t>(m);
    if (low < bound) {
        const uint32_t threshold = (0u - bound) % bound;
        while (low < threshold) {
            m = uint64_t(rng_next_u32(r)) * bound;
            low = static_cast<uint32_t>(m);
        }
    }
    return static_cast<uint32_t>(m >> 32);
}

// Draw (u, v) uniform in the square (−1, 1)², keep it if s = u² + v² is in (0, 1);
// then u·√(−2·ln s / s) is standard normal.
float rng_normal(Rng* r) {
    double u = 0, v = 0, s = 0;
    do {
        u = 2.0 * rng_uniform(r) - 1.0;
        v = 2.0 * rng_uniform(r) - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    return static_cast<float>(u * std::sqrt(-2.0 * std::log(s) / s));
}

void glorot_uniform_fill(Rng* r, int64_t fan_in, int64_t fan_out, float* w, int64_t count) {
    const float limit = static_cast<float>(std::sqrt(6.0 / static_cast<double>(fan_in + fan_out)));
    for (int64_t i = 0; i < count; ++i) w[i] = rng_uniform_range(r, -limit, limit);
}

}  // namespace convlab
