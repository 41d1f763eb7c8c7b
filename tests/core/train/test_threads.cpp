// test_threads.cpp: the thread pool (each task exactly once, nested calls,
// fewer tasks than threads, a thread's own scratch) and what it promises the
// learner: a seed's loss curve and final weights are the same, bit for bit,
// with 1, 2 or 3 threads, on the presets (conv on the direct and the im2col
// path, depthwise, pooling, dropout, dense).
#include <doctest.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "core/model/presets.h"
#include "core/parallel/thread_pool.h"
#include "core/train/network.h"
#include "core/train/rng.h"
#include "kernels/kernel_test_util.h"

using namespace convlab;

TEST_CASE("thread pool: every task runs exactly once, on any thread count, and nested loops run inline") {
    const test::KeepThreadCount keep;
    for (int threads : {1, 2, 3, 8}) {
        set_thread_count(threads);
        for (int64_t count : {0, 1, 2, 7, 1000}) {
            std::vector<std::atomic<int>> runs(size_t(count + 1));
            parallel_for(count, 0.0, [&](int64_t i) { runs[size_t(i)].fetch_add(1); });
            int wrong = 0;
            for (int64_t i = 0; i < count; ++i) wrong += runs[size_t(i)].load() != 1;
            INFO(threads << " threads, " << count << " tasks");
            CHECK(wrong == 0);
            CHECK(runs[size_t(count)].load() == 0);
        }
        std::atomic<int> inner{0};
        parallel_for(4, 0.0, [&](int64_t) { parallel_for(5, 0.0, [&](int64_t) { inner.fetch_add(1); }); });
        CHECK(inner.load() == 20);
    }
    set_thread_count(1);
    CHECK(thread_count() == 1);
    CHECK(set_thread_count(0) == 1);
    CHECK(set_thread_count(-5) == 1);
    CHECK(set_thread_count(1000) <= 8);
    set_thread_count(1);
    CHECK(hardware_thread_count() >= 1);
    CHECK(hardware_thread_count() <= 8);
}

TEST_CASE("thread pool: with 2 threads two tasks really run at the same time") {
    const test::KeepThreadCount keep;
    if (set_thread_count(2) != 2) {
        MESSAGE("built without threads: nothing to check");
        return;
    }
    // Each of two tasks arrives and waits (up to 10 s) for the other: on one
    // thread the first would wait alone.
    std::atomic<int> arrived{0};
    std::atomic<bool> met[2] = {{false}, {false}};
    parallel_for(2, 0.0, [&](int64_t i) {
        arrived.fetch_add(1);
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (arrived.load() < 2 && std::chrono::steady_clock::now() < give_up) std::this_thread::yield();
        met[i].store(arrived.load() == 2);
    });
    CHECK(met[0].load());
    CHECK(met[1].load());
    set_thread_count(1);
}

TEST_CASE("thread pool: a thread's scratch keeps its size and its contents until it asks again") {
    float* a = thread_scratch(10);
    a[9] = 3.5f;
    float* b = thread_scratch(5);  // smaller: the same buffer
    CHECK(b == a);
    CHECK(b[9] == 3.5f);
    CHECK(thread_scratch(100000) != nullptr);
}

namespace {

struct Run {
    std::vector<double> losses;
    std::vector<float> params;
};

// Three batches of 8 seeded random images (the preset's input size) with labels, from the same seed.
Run train_three_batches(Preset preset, int threads) {
    set_thread_count(threads);
    NetworkOptions o;
    o.batch_size = 8;
    o.seed = 11;
    o.optimizer = optimizer_from_name("adam").value;
    const ModelSpec model = preset_model(preset);
    Network net;
    Status built = network_build(model, o, &net);
    REQUIRE_MESSAGE(built.ok(), built.error);
    Rng data = rng_seeded(3);
    std::vector<float> x(size_t(8 * model.layers.front().input_shape.elements()));
    std::vector<int32_t> labels(8);
    Run run;
    for (int step = 0; step < 3; ++step) {
        for (float& v : x) v = rng_uniform_range(&data, 0.0f, 1.0f);
        for (int32_t& l : labels) l = int32_t(rng_below(&data, 10));
        StepStats stats;
        Status s = network_train_batch(&net, x.data(), labels.data(), 8, &stats);
        REQUIRE_MESSAGE(s.ok(), s.error);
        run.losses.push_back(stats.loss);
    }
    run.params = net.params;
    set_thread_count(1);
    return run;
}

}  // namespace

TEST_CASE("training: the loss curve and the weights are the same bits on 1, 2 and 3 threads") {
    const test::KeepThreadCount keep;
    if (set_thread_count(2) != 2) {
        MESSAGE("built without threads: nothing to compare");
        return;
    }
    for (Preset p : {Preset::SeedQuestion, Preset::LeNet5, Preset::MnistConvnet, Preset::DepthwiseSeparable}) {
        const Run one = train_three_batches(p, 1);
        for (int threads : {2, 3}) {
            const Run many = train_three_batches(p, threads);
            INFO(std::string(preset_id(p)) << ", " << threads << " threads: loss " << many.losses.back() << " vs "
                              << one.losses.back());
            CHECK(many.losses == one.losses);
            REQUIRE(many.params.size() == one.params.size());
            CHECK(std::memcmp(many.params.data(), one.params.data(), one.params.size() * sizeof(float)) == 0);
        }
    }
}
