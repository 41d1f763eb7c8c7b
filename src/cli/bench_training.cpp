// bench_training.cpp: the training section of `convlab bench`: examples per
// second of the seed model's forward pass (inference) and of a whole training
// step (forward, loss, backward, Adadelta update: network_train_batch), with the
// step's GFLOP/s as a share of the measured f32x4 peak. Seeded random inputs
// (the numbers do not matter to the speed). Each is measured on every thread
// count asked for (--threads), in the same run, and shown as a ratio to the
// first. Not a test: it measures only.
// Reference: the seed question's model (presets.h, Preset::SeedQuestion).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "cli/bench_command.h"
#include "core/kernels/elementwise.h"
#include "core/kernels/simd.h"
#include "core/model/presets.h"
#include "core/parallel/thread_pool.h"
#include "core/train/network.h"

namespace convlab {
namespace {

// Multiply-adds per example in the Conv2D and Dense layers' products, the work
// the kernels do; pooling, activations, dropout, the loss and the update are
// timed but not counted (together a few percent of the seed model's FLOPs).
//   forward: every layer's product; backward: the weight gradient of each, and the
//   input gradient of each but the first (network_backward skips that one).
struct StepWork {
    double forward_macs = 0.0, backward_macs = 0.0;
};

StepWork step_work(const Network& net) {
    StepWork work;
    for (size_t i = 0; i < net.layers.size(); ++i) {
        const NetLayer& l = net.layers[i];
        double macs = 0.0;
        if (l.spec.kind == LayerKind::Conv2D) {
            const Shape& in = l.summary.input;
            const Shape& out = l.summary.analysis.output;
            macs = double(out.h() * out.w() * out.c()) * double(l.spec.kernel.h * l.spec.kernel.w * in.c());
        } else if (l.spec.kind == LayerKind::Dense) {
            macs = double(l.in_size) * double(l.summary.analysis.output.c());
        }
        work.forward_macs += macs;
        work.backward_macs += i == 0 ? macs : 2.0 * macs;
    }
    return work;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct Rate {
    double median = 0.0, best = 0.0;  // examples per second
};

void print_line(const char* label, Rate rate, double flops_per_example, double peak_gflops) {
    const double gflops = rate.median * flops_per_example * 1e-9, best = rate.best * flops_per_example * 1e-9;
    std::printf("    %-36s %7.1f examples/s %6.2f GFLOP/s %5.1f%% of peak  (best %7.1f, %5.1f%%)\n", label,
                rate.median, gflops, 100.0 * gflops / peak_gflops, rate.best, 100.0 * best / peak_gflops);
}

void bench_batch(const BenchContext& context, int64_t batch_size) {
    NetworkOptions options;
    options.batch_size = batch_size;
    options.optimizer = optimizer_from_name("adadelta").value;
    Network net;
    const Status s = network_build(preset_model(Preset::SeedQuestion), options, &net);
    if (!s.ok()) {
        std::printf("  training: %s\n", s.error.c_str());
        return;
    }
    Rng rng = rng_seeded(7);
    std::vector<float> x(size_t(batch_size * net.input_size));
    std::vector<int32_t> labels(static_cast<size_t>(batch_size));
    for (float& v : x) v = rng_uniform(&rng);
    for (int32_t& l : labels) l = static_cast<int32_t>(rng_below(&rng, static_cast<uint32_t>(net.classes)));

    // Examples per second: the median and the fastest of `repetitions` runs of at
    // least 0.3 s each, after a warm-up run.
    auto measure = [&](bool train) {
        std::vector<double> rates;
        for (int run = 0; run <= context.repetitions; ++run) {
            int64_t examples = 0;
            const auto start = std::chrono::steady_clock::now();
            do {
                if (train) {
                    StepStats stats;
                    const Status step = network_train_batch(&net, x.data(), labels.data(), batch_size, &stats);
                    if (!step.ok()) std::printf("    (step failed: %s)\n", step.error.c_str());
                } else {
                    network_forward(&net, x.data(), batch_size, false);
                }
                examples += batch_size;
            } while (seconds_since(start) < 0.3);
            if (run > 0) rates.push_back(static_cast<double>(examples) / seconds_since(start));
        }
        std::sort(rates.begin(), rates.end());
        return Rate{rates[rates.size() / 2], rates.back()};
    };
    const StepWork work = step_work(net);
    std::printf("  seed model, batch %lld: %.1f MFLOP per example forward, %.1f per training step\n",
                static_cast<long long>(batch_size), 2e-6 * work.forward_macs,
                2e-6 * (work.forward_macs + work.backward_macs));
    Rate first_forward, first_step;
    for (size_t t = 0; t < context.threads.size(); ++t) {
        const int threads = set_thread_count(context.threads[t]);
        char forward_label[64], step_label[64];
        std::snprintf(forward_label, sizeof forward_label, "forward (inference), %d thread%s", threads,
                      threads == 1 ? "" : "s");
        std::snprintf(step_label, sizeof step_label, "training step, %d thread%s", threads, threads == 1 ? "" : "s");
        const Rate forward = measure(false), step = measure(true);
        if (t == 0) first_forward = forward, first_step = step;
        // The share of peak is of `threads` cores' peak: one core's, measured, times the threads.
        print_line(forward_label, forward, 2.0 * work.forward_macs, context.peak_gflops * threads);
        print_line(step_label, step, 2.0 * (work.forward_macs + work.backward_macs), context.peak_gflops * threads);
        if (t > 0)
            std::printf("    %d threads / %d: forward %.2fx, training step %.2fx (medians)\n", threads,
                        context.threads[0], forward.median / first_forward.median, step.median / first_step.median);
    }
    // The step's elementwise loops (ReLU, dropout, max pooling, the optimizer)
    // as their scalar twins, on the first thread count: what their four-lane
    // versions add to the whole step, measured in this run.
    const int threads = set_thread_count(context.threads[0]);
    set_elementwise_reference(true);
    const Rate scalar_loops = measure(true);
    set_elementwise_reference(false);
    char label[64];
    std::snprintf(label, sizeof label, "elementwise loops scalar, %d thread%s", threads, threads == 1 ? "" : "s");
    print_line(label, scalar_loops, 2.0 * (work.forward_macs + work.backward_macs), context.peak_gflops * threads);
    std::printf("    elementwise loops in f32x4 / scalar twins: training step %.2fx (medians)\n",
                first_step.median / scalar_loops.median);
    set_thread_count(1);
}

}  // namespace

void bench_training(const BenchContext& context) {
    std::printf("training (%s; %% of peak is of as many cores as threads):\n", simd_name());
    bench_batch(context, 32);
    bench_batch(context, 128);
}

}  // namespace convlab
