// train/rng.h: the one random generator of training, PCG32 (O'Neill 2014,
// "PCG: A Family of Simple Fast Space-Efficient Statistically Good Algorithms
// for Random Number Generation", pcg-random.org, pcg32_random_r), with uniform
// and normal draws written out here rather than std:: distributions, whose
// algorithms differ between libstdc++ and libc++: the same seed gives the same
// weights natively and in wasm. Not for cryptography. Each user owns its Rng.
#pragma once
#include <cstdint>

namespace convlab {

struct Rng {
    uint64_t state = 0;
    uint64_t inc = 1;  // stream selector, always odd
};

// PCG32's seeding (pcg32_srandom_r): state = 0, step, add seed, step.
Rng rng_seeded(uint64_t seed, uint64_t stream = 54);
// state' = state·6364136223846793005 + inc; output = rotr32(((state ^ state>>18) >> 27), state >> 59).
uint32_t rng_next_u32(Rng* r);
// Uniform in [0, 1): the top 24 bits of a draw times 2^-24, exact in float.
float rng_uniform(Rng* r);
// Uniform in [lo, hi).
float rng_uniform_range(Rng* r, float lo, float hi);
// Uniform integer in [0, bound), bound ≥ 1, without modulo bias (Lemire 2019's
// rejection on the 64-bit product).
uint32_t rng_below(Rng* r, uint32_t bound);
// Standard normal by Marsaglia's polar method (only sqrt and log, both correctly
// rounded or the same routine in glibc and musl).
float rng_normal(Rng* r);

// Keras's glorot_uniform: U(−limit, limit), limit = √(6 / (fan_in + fan_out)),
// with fans from Keras's _compute_fans for a kernel of shape (Kh, Kw, A, B):
// fan_in = Kh·Kw·A, fan_out = Kh·Kw·B (Dense (F, units): fan_in = F, fan_out = units).
void glorot_uniform_fill(Rng* r, int64_t fan_in, int64_t fan_out, float* w, int64_t count);

}  // namespace convlab
