// kernel_test_util.h: what the kernel tests share: a seeded xorshift generator
// (no std distributions, so every platform draws the same numbers) and a
// comparison of a fast kernel's output with the reference's. Test-only.
#pragma once
#include <doctest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "core/parallel/thread_pool.h"

namespace convlab {
namespace test {

// Marsaglia's xorshift32; uniform() is in [−1, 1).
struct XorShift {
    uint32_t state;
    explicit XorShift(uint32_t seed) : state(seed ? seed : 1u) {}
    uint32_t next() {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state;
    }
    float uniform() { return static_cast<float>(next() >> 8) * (2.0f / 16777216.0f) - 1.0f; }
};

// A vector of `count` copies of `value` (int64_t sizes, as the kernels use).
inline std::vector<float> filled(int64_t count, float value = 0.0f) {
    return std::vector<float>(static_cast<size_t>(count), value);
}

// Shares every loop however small, and puts the thread count and that setting
// back as the test found them (CONVLAB_TEST_THREADS may have set them).
struct KeepThreadCount {
    int before = thread_count();
    double worth_before = work_worth_sharing();
    KeepThreadCount() { set_work_worth_sharing(0.0); }
    ~KeepThreadCount() { set_thread_count(before), set_work_worth_sharing(worth_before); }
};

inline std::vector<float> random_vector(int64_t count, XorShift* rng) {
    std::vector<float> v(static_cast<size_t>(count));
    for (float& f : v) f = rng->uniform();
    return v;
}

// Every element of `fast` within 1e-6·terms·(1 + |ref|) of `ref`, where `terms`
// is how many products each element sums (rounding grows with it).
inline void check_close(const std::vector<float>& fast, const std::vector<float>& ref, int64_t terms) {
    REQUIRE(fast.size() == ref.size());
    const double tolerance = 1e-6 * static_cast<double>(terms > 0 ? terms : 1);
    size_t bad = 0, first_bad = 0;
    for (size_t i = 0; i < ref.size(); ++i) {
        const double error = std::fabs(static_cast<double>(fast[i]) - ref[i]);
        if (!(error <= tolerance * (1.0 + std::fabs(static_cast<double>(ref[i]))))) {
            if (bad == 0) first_bad = i;
            ++bad;
        }
    }
    INFO("first mismatch at " << first_bad << ": fast " << (bad ? fast[first_bad] : 0.0f) << ", reference "
                              << (bad ? ref[first_bad] : 0.0f) << " (" << bad << " of " << ref.size() << " differ)");
    CHECK(bad == 0);
}

}  // namespace test
}  // namespace convlab
