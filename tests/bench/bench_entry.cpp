// bench_entry.cpp: the wasm module of the peer benchmark page (bench.html):
// C functions that build a preset model, pick the digits every library trains
// on, and run K training steps or K inference batches, so bench.js can time
// ConvLab exactly as it times TF.js and ConvNetJS. The same file builds twice:
// bench_entry.js on the SIMD core, and bench_entry_threads.js on the threads
// core (-pthread), where bench_set_threads spreads the kernels over 1 to 8
// threads (bench_threads.html). Not part of the page the
// learner sees, and not a test: it measures only. Reference: the seed question
// (presets.h, Preset::SeedQuestion) and Keras's mnist_convnet example.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/presets.h"
#include "core/parallel/thread_pool.h"
#include "core/train/mnist.h"
#include "core/train/network.h"
#include "core/train/optimizer.h"
#include "core/train/rng.h"

namespace {

constexpr uint64_t kDigitSeed = 2024;  // which digits: the same in every run

// What the benchmark holds between calls from JavaScript.
struct Bench {
    convlab::Network net;
    std::string error, description;
    std::vector<float> pixels;     // (n, 28, 28, 1) in [0, 1]
    std::vector<int32_t> labels;   // (n)
    int64_t digits = 0;
    int64_t next = 0;              // first digit of the next batch
};

Bench& bench() {
    static Bench b;
    return b;
}

// The next batch's first digit, wrapping so a batch never runs past the end.
int64_t take_batch(Bench& b) {
    if (b.next + b.net.batch > b.digits) b.next = 0;
    const int64_t first = b.next;
    b.next += b.net.batch;
    return first;
}

}  // namespace

extern "C" {

// The last failure's message ("" if none).
const char* bench_error() { return bench().error.c_str(); }
// The model just built: its name, parameter count and optimizer, for the report.
const char* bench_description() { return bench().description.c_str(); }

// How many threads the kernels use from now on (parallel/thread_pool.h): 1 to
// 8, always 1 in the build without threads. Returns the count in force. The
// pool's threads start on the first call that asks for them; bench_threads.js
// calls this once with the most it will measure before timing anything.
int bench_set_threads(int threads) { return convlab::set_thread_count(threads); }
// The threads worth using here (navigator.hardwareConcurrency capped at 8 in the threads build).
int bench_hardware_threads() { return convlab::hardware_thread_count(); }

// preset: 0 = the seed question's model, 1 = Keras's mnist_convnet; each with the
// optimizer its compile() names (Adadelta keras2.3 lr 1.0 rho 0.95; Adam).
// Returns 0, or -1 with bench_error() saying why.
int bench_build(int preset, int batch_size) {
    Bench& b = bench();
    const convlab::Preset p = preset == 1 ? convlab::Preset::MnistConvnet : convlab::Preset::SeedQuestion;
    const convlab::ModelSpec model = convlab::preset_model(p);
    const convlab::Result<convlab::OptimizerConfig> opt = convlab::optimizer_from_compile(model.compile);
    if (!opt.ok()) {
        b.error = opt.error;
        return -1;
    }
    convlab::NetworkOptions options;
    options.batch_size = batch_size;
    options.optimizer = opt.value;
    b.net = convlab::Network();
    const convlab::Status s = convlab::network_build(model, options, &b.net);
    if (!s.ok()) {
        b.error = s.error;
        return -1;
    }
    b.description = std::string(convlab::preset_id(p)) + ", " + std::to_string(b.net.summary.total_params) +
                    " parameters, " + convlab::optimizer_description(opt.value);
    b.next = 0;
    return 0;
}

// bytes: the whole mnist.bin (tools/make_mnist.mjs's format). Keeps n digits
// drawn without replacement by a seeded shuffle (the file is sorted by class),
// as floats in [0, 1]; bench_pixels() and bench_labels() show them to the peers.
int bench_load_digits(const uint8_t* bytes, int size, int n) {
    Bench& b = bench();
    convlab::Result<convlab::MnistSet> all = convlab::mnist_parse(bytes, size);
    if (!all.ok()) {
        b.error = all.error;
        return -1;
    }
    if (n < 1 || n > all.value.count) {
        b.error = "bench_load_digits: n must be 1 to " + std::to_string(all.value.count);
        return -1;
    }
    std::vector<int64_t> order(static_cast<size_t>(all.value.count));
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int64_t>(i);
    convlab::Rng rng = convlab::rng_seeded(kDigitSeed);
    for (size_t i = order.size() - 1; i > 0; --i) {
        const size_t j = convlab::rng_below(&rng, static_cast<uint32_t>(i + 1));
        std::swap(order[i], order[j]);
    }
    b.digits = n;
    b.pixels.resize(static_cast<size_t>(n * convlab::kMnistPixels));
    b.labels.resize(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
        const int64_t src = order[static_cast<size_t>(i)];
        convlab::mnist_to_float(all.value, src, 1, b.pixels.data() + i * convlab::kMnistPixels);
        b.labels[static_cast<size_t>(i)] = all.value.labels[static_cast<size_t>(src)];
    }
    b.next = 0;
    return 0;
}
const float* bench_pixels() { return bench().pixels.data(); }
const int32_t* bench_labels() { return bench().labels.data(); }

// k training steps (forward, loss, backward, optimizer update) on consecutive
// batches of the loaded digits. Returns the mean loss, or NaN with bench_error().
double bench_train(int k) {
    Bench& b = bench();
    double loss_sum = 0.0;
    for (int step = 0; step < k; ++step) {
        const int64_t first = take_batch(b);
        convlab::StepStats stats;
        const convlab::Status s = convlab::network_train_batch(
            &b.net, b.pixels.data() + first * convlab::kMnistPixels, b.labels.data() + first, b.net.batch, &stats);
        if (!s.ok()) {
            b.error = s.error;
            return std::nan("");
        }
        loss_sum += stats.loss;
    }
    return k > 0 ? loss_sum / k : 0.0;
}

// k inference batches (forward, dropout off). Returns the share of the k
// batches' digits whose most probable class is the label.
double bench_infer(int k) {
    Bench& b = bench();
    int64_t correct = 0;
    const int64_t classes = b.net.classes;
    for (int step = 0; step < k; ++step) {
        const int64_t first = take_batch(b);
        convlab::network_forward(&b.net, b.pixels.data() + first * convlab::kMnistPixels, b.net.batch, false);
        const float* p = convlab::network_probabilities(b.net);
        for (int64_t i = 0; i < b.net.batch; ++i) {
            int64_t best = 0;
            for (int64_t c = 1; c < classes; ++c)
                if (p[i * classes + c] > p[i * classes + best]) best = c;
            correct += best == b.labels[static_cast<size_t>(first + i)];
        }
    }
    return k > 0 ? static_cast<double>(correct) / static_cast<double>(k * b.net.batch) : 0.0;
}

}  // extern "C"
