// bench_training.cpp: examples per second of the seed model's forward pass and
// forward+backward pass, on seeded random inputs (the numbers do not matter to
// the speed). Reference: the seed question's model (presets.h, Preset::SeedQuestion).
#include "bench_training.h"

#include <chrono>
#include <vector>

#include "presets.h"
#include "train/network.h"

namespace convlab {
namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

void bench_training(std::FILE* out, int64_t batch_size, double min_seconds) {
    NetworkOptions options;
    options.batch_size = batch_size;
    options.optimizer = optimizer_from_name("adadelta").value;
    Network net;
    Status s = network_build(preset_model(Preset::SeedQuestion), options, &net);
    if (!s.ok()) {
        std::fprintf(out, "bench_training: %s\n", s.error.c_str());
        return;
    }
    Rng rng = rng_seeded(7);
    std::vector<float> x(size_t(batch_size * net.input_size));
    std::vector<int32_t> labels(static_cast<size_t>(batch_size));
    for (float& v : x) v = rng_uniform(&rng);
    for (int32_t& l : labels) l = static_cast<int32_t>(rng_below(&rng, static_cast<uint32_t>(net.classes)));

    auto measure = [&](bool backward) {
        int64_t examples = 0;
        const auto start = std::chrono::steady_clock::now();
        do {
            network_forward(&net, x.data(), batch_size, backward);
            if (backward) {
                network_loss(&net, labels.data(), batch_size);
                network_backward(&net, labels.data(), batch_size);
            }
            examples += batch_size;
        } while (seconds_since(start) < min_seconds);
        return static_cast<double>(examples) / seconds_since(start);
    };
    measure(false);  // warm-up: page in the buffers
    const double forward = measure(false);
    const double both = measure(true);
    std::fprintf(out, "training, seed model, batch %lld:\n", static_cast<long long>(batch_size));
    std::fprintf(out, "  forward            %9.1f examples/s\n", forward);
    std::fprintf(out, "  forward+backward   %9.1f examples/s\n", both);
}

}  // namespace convlab
