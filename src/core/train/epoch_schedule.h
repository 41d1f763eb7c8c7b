// train/epoch_schedule.h: which training examples each batch takes, epoch by
// epoch, and when an epoch's test pass is due: the one schedule the CLI and the
// page both train by. Steppable one batch at a time, no threads, no clock; not
// the training step (network.h) and not the test pass itself. Reference:
// Keras's model.fit(shuffle=True) with validation data: the order is shuffled
// once per epoch, batches take it in turn, the last batch is what is left.
#pragma once
#include <cstdint>
#include <vector>

#include "core/train/rng.h"

namespace convlab {

struct EpochSchedule {
    int64_t train_count = 0;     // training examples per epoch
    std::vector<int64_t> order;  // this epoch's order of the training examples (0 .. train_count-1)
    Rng shuffle;                 // rng_seeded(seed, 4): the shuffling stream
    bool order_drawn = false;    // this epoch's order has been shuffled
    int epoch = 0;               // epochs done, each with its test pass
    int64_t batch_start = 0;     // where in `order` the current batch begins
    bool evaluation_due = false; // the epoch's batches are done and its test pass is not
};

// The examples one batch takes: order[first .. first + count).
struct EpochBatch {
    const int64_t* examples = nullptr;  // training example indices, count of them
    int64_t count = 0;                  // batch_size, or what is left of the epoch
    bool starts_epoch = false;          // this call drew the epoch's order
};

// Epoch 0, identity order (the first shuffle permutes 0 .. train_count-1).
EpochSchedule epoch_schedule_start(int64_t train_count, uint64_t seed);

// The current batch. On the first batch of an epoch the order is shuffled
// first (Fisher-Yates over the previous epoch's order):
//   for i = train_count .. 2: swap(order[i-1], order[rng_below(shuffle, i)])
// Calling it again before epoch_schedule_batch_done gives the same batch (the
// page runs a batch in pieces). Not to be called while evaluation_due.
EpochBatch epoch_schedule_batch(EpochSchedule* s, int64_t batch_size);

// The current batch's update is done: the cursor moves past it; after the
// epoch's last batch the cursor goes back to 0 and evaluation_due is set.
void epoch_schedule_batch_done(EpochSchedule* s, int64_t batch_size);

// The test pass after the epoch is done: the next epoch may begin.
void epoch_schedule_evaluated(EpochSchedule* s);

// Updates in one epoch at a batch size: ⌈train_count / batch_size⌉.
int64_t epoch_schedule_batches_per_epoch(int64_t train_count, int64_t batch_size);

}  // namespace convlab
