// train/epoch_schedule.cpp: the epoch schedule's cursor and its per-epoch
// shuffle. Not the training step and not the test pass. Reference: Keras's
// model.fit(shuffle=True), a partial last batch included.
#include "core/train/epoch_schedule.h"

#include <algorithm>
#include <utility>

namespace convlab {

EpochSchedule epoch_schedule_start(int64_t train_count, uint64_t seed) {
    EpochSchedule s;
    s.train_count = std::max<int64_t>(0, train_count);
    s.order.resize(size_t(s.train_count));
    for (size_t i = 0; i < s.order.size(); ++i) s.order[i] = int64_t(i);
    s.shuffle = rng_seeded(seed, 4);
    return s;
}

EpochBatch epoch_schedule_batch(EpochSchedule* s, int64_t batch_size) {
    EpochBatch b;
    if (!s->order_drawn) {
        for (size_t i = s->order.size(); i > 1; --i)
            std::swap(s->order[i - 1], s->order[rng_below(&s->shuffle, uint32_t(i))]);
        s->order_drawn = true;
        b.starts_epoch = true;
    }
    b.examples = s->order.data() + s->batch_start;
    b.count = std::max<int64_t>(0, std::min(batch_size, s->train_count - s->batch_start));
    return b;
}

void epoch_schedule_batch_done(EpochSchedule* s, int64_t batch_size) {
    s->batch_start = std::min(s->train_count, s->batch_start + batch_size);
    if (s->batch_start < s->train_count) return;
    s->batch_start = 0;
    s->order_drawn = false;
    s->evaluation_due = true;
}

void epoch_schedule_evaluated(EpochSchedule* s) {
    s->evaluation_due = false;
    s->epoch++;
}

int64_t epoch_schedule_batches_per_epoch(int64_t train_count, int64_t batch_size) {
    return batch_size > 0 ? (train_count + batch_size - 1) / batch_size : 0;
}

}  // namespace convlab
