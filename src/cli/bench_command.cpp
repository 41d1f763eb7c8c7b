// bench_command.cpp: `convlab bench`. Times the reference and the fast conv
// kernels on the seed model's conv1 (28×28×1 → 26×26×32) and conv2
// (26×26×32 → 24×24×63), 3×3 'valid', batch 32, and the blocked gemm on conv2's
// matrix shape; with OpenBLAS (one thread) beside it when CMake found it
// (CONVLAB_HAVE_OPENBLAS). FLOPs = 2 · multiply-adds; each figure is the median
// of the timed runs after one warm-up run; then the seed model's whole training
// step (bench_training.cpp). Not a profiler.
#include "cli/bench_command.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "core/kernels/conv2d_kernels.h"
#include "core/kernels/gemm.h"
#include "core/kernels/peak.h"
#include "core/kernels/simd.h"
#include "core/parallel/thread_pool.h"

#ifdef CONVLAB_HAVE_OPENBLAS
#include <cblas.h>
#endif

namespace convlab {

namespace {

std::string cpu_model() {
#if defined(__EMSCRIPTEN__)
    return "wasm (node)";
#else
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) != 0) continue;
        const size_t colon = line.find(':');
        if (colon != std::string::npos) return line.substr(line.find_first_not_of(' ', colon + 1));
    }
    return "unknown CPU";
#endif
}

struct Timing {
    double median_seconds = 0.0, best_seconds = 0.0;
};

// Wall time of `repetitions` runs of `run` after one untimed warm-up run: the
// median, and the fastest (what the machine can do when nothing else runs).
Timing time_runs(int repetitions, const std::function<void()>& run) {
    using clock = std::chrono::steady_clock;
    run();
    std::vector<double> times;
    for (int r = 0; r < repetitions; ++r) {
        const auto t0 = clock::now();
        run();
        times.push_back(std::chrono::duration<double>(clock::now() - t0).count());
    }
    std::sort(times.begin(), times.end());
    return {times[times.size() / 2], times.front()};
}

// Deterministic data in [−1, 1): the numbers do not matter, only that they are not denormal.
std::vector<float> bench_data(int64_t count, uint32_t seed) {
    std::vector<float> v(static_cast<size_t>(count));
    uint32_t s = seed;
    for (float& f : v) {
        s = s * 1664525u + 1013904223u;
        f = static_cast<float>(s >> 8) * (2.0f / 16777216.0f) - 1.0f;
    }
    return v;
}

void print_rate(const char* label, double flops, Timing t, double peak_gflops) {
    const double gflops = flops / t.median_seconds * 1e-9, best = flops / t.best_seconds * 1e-9;
    std::printf("    %-22s %7.2f GFLOP/s %5.1f%% of peak  (best %6.2f, %5.1f%%)  %8.2f ms\n", label, gflops,
                100.0 * gflops / peak_gflops, best, 100.0 * best / peak_gflops, t.median_seconds * 1e3);
}

// One conv layer: reference and fast forward, backward-input and backward-weights.
void bench_conv(const char* name, const Conv2DGeometry& g, const BenchContext& context) {
    const int64_t x_count = g.n * g.h * g.w * g.cin, y_count = g.n * g.ho * g.wo * g.cout;
    const int64_t w_count = g.kh * g.kw * g.cin * g.cout;
    const double flops = 2.0 * static_cast<double>(g.n * g.ho * g.wo * g.cout * g.kh * g.kw * g.cin);
    const std::vector<float> x = bench_data(x_count, 1), w = bench_data(w_count, 2), b = bench_data(g.cout, 3);
    const std::vector<float> dy = bench_data(y_count, 4);
    std::vector<float> y(static_cast<size_t>(y_count)), dx(static_cast<size_t>(x_count));
    std::vector<float> dw(static_cast<size_t>(w_count)), db(static_cast<size_t>(g.cout));
    std::vector<float> scratch(static_cast<size_t>(conv2d_scratch_floats(g)));

    std::printf("  %s: %lldx%lldx%lld -> %lldx%lldx%lld, %lldx%lld kernel, batch %lld (%.1f MFLOP per pass)\n", name,
                static_cast<long long>(g.h), static_cast<long long>(g.w), static_cast<long long>(g.cin),
                static_cast<long long>(g.ho), static_cast<long long>(g.wo), static_cast<long long>(g.cout),
                static_cast<long long>(g.kh), static_cast<long long>(g.kw), static_cast<long long>(g.n), flops * 1e-6);
    const int reps = context.repetitions;
    const double peak = context.peak_gflops;
    print_rate("forward, reference", flops,
               time_runs(reps, [&] { conv2d_forward_ref(g, x.data(), w.data(), b.data(), y.data()); }), peak);
    print_rate("forward, fast", flops, time_runs(reps, [&] {
                   conv2d_forward(g, x.data(), w.data(), b.data(), y.data(), scratch.data());
               }), peak);
    print_rate("backward input, ref", flops,
               time_runs(reps, [&] { conv2d_backward_input_ref(g, dy.data(), w.data(), dx.data()); }), peak);
    print_rate("backward input, fast", flops, time_runs(reps, [&] {
                   conv2d_backward_input(g, dy.data(), w.data(), dx.data(), scratch.data());
               }), peak);
    print_rate("backward weights, ref", flops, time_runs(reps, [&] {
                   conv2d_backward_weights_ref(g, x.data(), dy.data(), dw.data(), db.data());
               }), peak);
    print_rate("backward weights, fast", flops, time_runs(reps, [&] {
                   conv2d_backward_weights(g, x.data(), dy.data(), dw.data(), db.data(), scratch.data());
               }), peak);
}

// conv2's forward pass as one matrix product: (576·32, 288) · (288, 63).
void bench_gemm(const BenchContext& context) {
    const int64_t m = 576 * 32, n = 63, k = 288;
    const double flops = 2.0 * static_cast<double>(m * n * k);
    const std::vector<float> a = bench_data(m * k, 5), b = bench_data(k * n, 6);
    std::vector<float> c(static_cast<size_t>(m * n));
    std::printf("  gemm: M=%lld N=%lld K=%lld (conv2's forward as one matrix product)\n", static_cast<long long>(m),
                static_cast<long long>(n), static_cast<long long>(k));
    const Timing ours = time_runs(context.repetitions, [&] {
        gemm(m, n, k, a.data(), k, b.data(), n, c.data(), n, false, false, false);
    });
    print_rate("gemm", flops, ours, context.peak_gflops);
#ifdef CONVLAB_HAVE_OPENBLAS
    openblas_set_num_threads(1);
    const Timing blas = time_runs(context.repetitions, [&] {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, static_cast<int>(m), static_cast<int>(n),
                    static_cast<int>(k), 1.0f, a.data(), static_cast<int>(k), b.data(), static_cast<int>(n), 0.0f,
                    c.data(), static_cast<int>(n));
    });
    print_rate("OpenBLAS, 1 thread", flops, blas, context.peak_gflops);
    // Same FLOPs, so the ratio of speeds is the inverse ratio of the median times.
    std::printf("    gemm / OpenBLAS: %.2fx (OpenBLAS kernel: %s)\n", blas.median_seconds / ours.median_seconds,
                openblas_get_corename());
#endif
}

}  // namespace

void bench_kernels(const BenchContext& context) {
    std::printf("kernels (%s, one thread):\n", simd_name());
    Conv2DGeometry conv1;
    conv1.n = 32, conv1.h = 28, conv1.w = 28, conv1.cin = 1, conv1.kh = 3, conv1.kw = 3;
    conv1.ho = 26, conv1.wo = 26, conv1.cout = 32;
    Conv2DGeometry conv2 = conv1;
    conv2.h = 26, conv2.w = 26, conv2.cin = 32, conv2.ho = 24, conv2.wo = 24, conv2.cout = 63;
    bench_conv("conv1", conv1, context);
    bench_conv("conv2", conv2, context);
    bench_gemm(context);
}

namespace {

// "1,2,4" as thread counts from 1 to 8, or false.
bool parse_thread_list(const char* text, std::vector<int>* out) {
    out->clear();
    std::string item;
    for (const char* c = text;; ++c) {
        if (*c == ',' || *c == '\0') {
            if (item.empty() || item.size() > 1 || item[0] < '1' || item[0] > '8') return false;
            out->push_back(item[0] - '0');
            item.clear();
            if (*c == '\0') return true;
        } else {
            item += *c;
        }
    }
}

// The 1-, 5- and 15-minute load averages, so a reader can tell a busy machine's figures.
std::string load_average() {
    std::ifstream in("/proc/loadavg");
    double one = 0, five = 0, fifteen = 0;
    if (!(in >> one >> five >> fifteen)) return "unknown";
    char text[64];
    std::snprintf(text, sizeof text, "%.2f %.2f %.2f", one, five, fifteen);
    return text;
}

}  // namespace

int run_bench(int argc, char** argv) {
    BenchContext context;
    double peak_seconds = 1.0;
    const int cores = hardware_thread_count();
    if (cores > 1) context.threads = {1, cores};
    const char* kUsage = "usage: convlab bench [--reps N] [--peak-seconds S] [--threads 1,2,...]\n";
    for (int i = 2; i < argc; ++i) {
        const bool has_value = i + 1 < argc;
        if (std::strcmp(argv[i], "--reps") == 0 && has_value) {
            context.repetitions = std::max(5, std::atoi(argv[++i]));
        } else if (std::strcmp(argv[i], "--peak-seconds") == 0 && has_value) {
            peak_seconds = std::max(0.1, std::atof(argv[++i]));
        } else if (std::strcmp(argv[i], "--threads") == 0 && has_value) {
            if (!parse_thread_list(argv[++i], &context.threads)) {
                std::fprintf(stderr, "convlab bench: --threads needs thread counts from 1 to 8 separated by commas, "
                                     "such as 1,2,4; got '%s'\n%s", argv[i], kUsage);
                return 2;
            }
        } else {
            std::fprintf(stderr, "convlab bench: unknown option '%s'\n%s", argv[i], kUsage);
            return 2;
        }
    }
    context.peak_gflops = measure_simd_peak_gflops(peak_seconds);
    std::printf("convlab bench\n  CPU: %s, %d thread%s available here (up to 8 used)\n  SIMD: %s\n", cpu_model().c_str(),
                cores, cores == 1 ? "" : "s", simd_name());
    std::printf("  load average at the start: %s\n", load_average().c_str());
    std::printf("  peak: %.2f GFLOP/s (12 independent f32x4 multiply+add chains, one thread)\n", context.peak_gflops);
    std::printf("  each figure: median of %d runs after a warm-up (and the fastest run); FLOPs = 2 x multiply-adds\n\n",
                context.repetitions);
    bench_kernels(context);
    std::printf("\n");
    bench_training(context);
    std::printf("\n  load average at the end: %s\n", load_average().c_str());
    return 0;
}

}  // namespace convlab
