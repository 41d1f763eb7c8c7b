// test_epoch_schedule.cpp: the one epoch schedule of the CLI and the page:
// every training example once per epoch, Keras's partial last batch, the test
// pass due after each epoch, and the same order for the same seed as the
// per-epoch Fisher-Yates loop the CLI and the page each used to write out.
#include <doctest.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "core/train/epoch_schedule.h"
#include "core/train/mnist.h"

using namespace convlab;

namespace {

// Runs one epoch of whole batches; returns each batch's examples.
std::vector<std::vector<int64_t>> one_epoch(EpochSchedule* s, int64_t batch_size) {
    std::vector<std::vector<int64_t>> batches;
    while (!s->evaluation_due) {
        const EpochBatch b = epoch_schedule_batch(s, batch_size);
        batches.emplace_back(b.examples, b.examples + b.count);
        epoch_schedule_batch_done(s, batch_size);
    }
    epoch_schedule_evaluated(s);
    return batches;
}

}  // namespace

TEST_CASE("epoch schedule: 10 examples in batches of 4 take 4, 4 and the 2 left, then the test pass is due") {
    EpochSchedule s = epoch_schedule_start(10, 1);
    std::vector<int64_t> sizes;
    while (!s.evaluation_due) {
        const EpochBatch b = epoch_schedule_batch(&s, 4);
        CHECK(b.starts_epoch == sizes.empty());
        sizes.push_back(b.count);
        CHECK(s.epoch == 0);
        epoch_schedule_batch_done(&s, 4);
    }
    CHECK(sizes == std::vector<int64_t>{4, 4, 2});
    CHECK(s.batch_start == 0);
    epoch_schedule_evaluated(&s);
    CHECK(s.epoch == 1);
    CHECK_FALSE(s.evaluation_due);
    CHECK(epoch_schedule_batches_per_epoch(10, 4) == 3);
    CHECK(epoch_schedule_batches_per_epoch(kMnistTrainCount, 128) == 63);  // 62 of 128 and one of 64
}

TEST_CASE("epoch schedule: each epoch takes every one of the 8,000 training digits exactly once, in a new order") {
    EpochSchedule s = epoch_schedule_start(kMnistTrainCount, 7);
    std::vector<int64_t> previous;
    for (int epoch = 0; epoch < 3; ++epoch) {
        std::vector<int64_t> seen;
        for (const std::vector<int64_t>& b : one_epoch(&s, 128)) seen.insert(seen.end(), b.begin(), b.end());
        CHECK(seen != previous);
        previous = seen;
        std::sort(seen.begin(), seen.end());
        REQUIRE(seen.size() == size_t(kMnistTrainCount));
        for (size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == int64_t(i));
    }
    CHECK(s.epoch == 3);
}

TEST_CASE("epoch schedule: the same seed gives the same batches, another seed other ones") {
    EpochSchedule a = epoch_schedule_start(1000, 3), b = epoch_schedule_start(1000, 3), c = epoch_schedule_start(1000, 4);
    for (int epoch = 0; epoch < 2; ++epoch) {
        const auto batches_a = one_epoch(&a, 96);
        CHECK(batches_a == one_epoch(&b, 96));
        CHECK(batches_a != one_epoch(&c, 96));
    }
}

TEST_CASE("epoch schedule: a batch asked for again before it is done is the same batch (the page runs it in pieces)") {
    EpochSchedule s = epoch_schedule_start(50, 2);
    const EpochBatch first = epoch_schedule_batch(&s, 32);
    const std::vector<int64_t> examples(first.examples, first.examples + first.count);
    const EpochBatch again = epoch_schedule_batch(&s, 32);
    CHECK(first.starts_epoch);
    CHECK_FALSE(again.starts_epoch);
    CHECK(std::vector<int64_t>(again.examples, again.examples + again.count) == examples);
    epoch_schedule_batch_done(&s, 32);
    CHECK(epoch_schedule_batch(&s, 32).count == 18);
}

TEST_CASE("epoch schedule: its order is the one the CLI's and the page's own shuffling loops drew for a seed") {
    // The loop both used to write: identity order once, then per epoch a
    // Fisher-Yates pass over the previous epoch's order on rng_seeded(seed, 4).
    const int64_t count = kMnistTrainCount, batch = 300;
    std::vector<int64_t> order(static_cast<size_t>(count));
    for (size_t i = 0; i < order.size(); ++i) order[i] = int64_t(i);
    Rng shuffle = rng_seeded(7, 4);
    EpochSchedule s = epoch_schedule_start(count, 7);
    for (int epoch = 0; epoch < 3; ++epoch) {
        for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng_below(&shuffle, uint32_t(i))]);
        std::vector<int64_t> scheduled;
        for (const std::vector<int64_t>& b : one_epoch(&s, batch)) {
            CHECK(int64_t(b.size()) == std::min(batch, count - int64_t(scheduled.size())));
            scheduled.insert(scheduled.end(), b.begin(), b.end());
        }
        CHECK(scheduled == order);
    }
}
