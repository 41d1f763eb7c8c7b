// peak.cpp: the multiply-add throughput benchmark behind peak.h. Each chain
// waits for its own previous result (a multiply then an add, about 6 cycles on
// current x86), so it takes many independent chains to keep every multiplier and
// adder busy: 12 here, which fits the 16 vector registers of SSE2 and wasm on x64.
// Not a kernel: its only output is a rate.
#include "peak.h"

#include <chrono>

#include "simd.h"

namespace convlab {

double measure_simd_peak_gflops(double seconds) {
    using clock = std::chrono::steady_clock;
    volatile float a_in = 0.999f, b_in = 0.001f;  // volatile: the compiler cannot fold the chains
    const f32x4 a = f32x4_splat(a_in), b = f32x4_splat(b_in);
    f32x4 c0 = f32x4_splat(1.00f), c1 = f32x4_splat(1.01f), c2 = f32x4_splat(1.02f), c3 = f32x4_splat(1.03f);
    f32x4 c4 = f32x4_splat(1.04f), c5 = f32x4_splat(1.05f), c6 = f32x4_splat(1.06f), c7 = f32x4_splat(1.07f);
    f32x4 c8 = f32x4_splat(1.08f), c9 = f32x4_splat(1.09f), c10 = f32x4_splat(1.10f), c11 = f32x4_splat(1.11f);

    constexpr int trips = 1 << 18;                      // per timed batch
    constexpr double flops_per_trip = 12.0 * 4.0 * 2.0;  // chains · lanes · (mul + add)
    double best = 0.0;
    const auto start = clock::now();
    do {
        const auto t0 = clock::now();
        for (int t = 0; t < trips; ++t) {
            // c = c·a + b on each chain
            c0 = f32x4_madd(c0, a, b), c1 = f32x4_madd(c1, a, b), c2 = f32x4_madd(c2, a, b);
            c3 = f32x4_madd(c3, a, b), c4 = f32x4_madd(c4, a, b), c5 = f32x4_madd(c5, a, b);
            c6 = f32x4_madd(c6, a, b), c7 = f32x4_madd(c7, a, b), c8 = f32x4_madd(c8, a, b);
            c9 = f32x4_madd(c9, a, b), c10 = f32x4_madd(c10, a, b), c11 = f32x4_madd(c11, a, b);
        }
        const double elapsed = std::chrono::duration<double>(clock::now() - t0).count();
        if (elapsed > 0.0 && trips * flops_per_trip / elapsed > best) best = trips * flops_per_trip / elapsed;
    } while (std::chrono::duration<double>(clock::now() - start).count() < seconds);

    // Keep the chains alive: their sum is observable.
    const f32x4 all = f32x4_add(f32x4_add(f32x4_add(c0, c1), f32x4_add(c2, c3)),
                                f32x4_add(f32x4_add(f32x4_add(c4, c5), f32x4_add(c6, c7)),
                                          f32x4_add(f32x4_add(c8, c9), f32x4_add(c10, c11))));
    volatile float sink = f32x4_sum(all);
    (void)sink;
    return best * 1e-9;
}

}  // namespace convlab
