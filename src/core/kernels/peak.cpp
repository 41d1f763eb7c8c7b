// peak.cpp: the multiply-add throughput benchmark behind peak.h. Each chain
// waits for its own previous result (a multiply then an add, about 6 cycles on
// current x86), so it takes many independent chains to keep every multiplier and
// adder busy: 12 here, which fits the 16 vector registers of SSE2 and wasm on x64.
// Not a kernel: its only output is a rate.
#include "core/kernels/peak.h"

#include <algorithm>
#include <chrono>

#include "core/kernels/simd.h"

namespace convlab {

namespace {

// `trips` times, on each of the 12 chains: c = c·a + b.
void run_chains(f32x4* chains, f32x4 a, f32x4 b, int trips) {
    f32x4 c0 = chains[0], c1 = chains[1], c2 = chains[2], c3 = chains[3], c4 = chains[4], c5 = chains[5];
    f32x4 c6 = chains[6], c7 = chains[7], c8 = chains[8], c9 = chains[9], c10 = chains[10], c11 = chains[11];
    for (int t = 0; t < trips; ++t) {
        c0 = f32x4_madd(c0, a, b), c1 = f32x4_madd(c1, a, b), c2 = f32x4_madd(c2, a, b);
        c3 = f32x4_madd(c3, a, b), c4 = f32x4_madd(c4, a, b), c5 = f32x4_madd(c5, a, b);
        c6 = f32x4_madd(c6, a, b), c7 = f32x4_madd(c7, a, b), c8 = f32x4_madd(c8, a, b);
        c9 = f32x4_madd(c9, a, b), c10 = f32x4_madd(c10, a, b), c11 = f32x4_madd(c11, a, b);
    }
    chains[0] = c0, chains[1] = c1, chains[2] = c2, chains[3] = c3, chains[4] = c4, chains[5] = c5;
    chains[6] = c6, chains[7] = c7, chains[8] = c8, chains[9] = c9, chains[10] = c10, chains[11] = c11;
}

}  // namespace

double measure_simd_peak_gflops(double seconds) {
    using clock = std::chrono::steady_clock;
    volatile float a_in = 0.999f, b_in = 0.001f;  // volatile: the compiler cannot fold the chains
    const f32x4 a = f32x4_splat(a_in), b = f32x4_splat(b_in);
    f32x4 chains[12];  // each converges to b / (1 − a) = 1: no overflow, no denormals
    for (int i = 0; i < 12; ++i) chains[i] = f32x4_splat(1.0f + 0.01f * static_cast<float>(i));

    constexpr int trips = 1 << 16;                       // per timed batch, about a millisecond
    constexpr double flops_per_trip = 12.0 * 4.0 * 2.0;  // chains · lanes · (mul + add)
    // Called through a volatile pointer, so it stays a function of its own that
    // runs once per batch: wasm engines (V8) swap their baseline code for optimised
    // code between calls, never during one, so a single long call (or one inlined
    // into this function) would time the baseline tier all along.
    void (*volatile run_chains_call)(f32x4*, f32x4, f32x4, int) = run_chains;
    double best = 0.0;
    const auto start = clock::now();
    do {
        const auto t0 = clock::now();
        run_chains_call(chains, a, b, trips);
        const double elapsed = std::chrono::duration<double>(clock::now() - t0).count();
        if (elapsed > 0.0) best = std::max(best, trips * flops_per_trip / elapsed);
    } while (std::chrono::duration<double>(clock::now() - start).count() < seconds);

    f32x4 all = chains[0];  // keep the chains alive: their sum is observable
    for (int i = 1; i < 12; ++i) all = f32x4_add(all, chains[i]);
    volatile float sink = f32x4_sum(all);
    (void)sink;
    return best * 1e-9;
}

}  // namespace convlab
