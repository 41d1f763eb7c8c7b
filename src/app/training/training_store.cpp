// training_store.cpp: the training progress kept in this browser: the key it
// is kept under, and autosave writing the session's progress there in the CLW2
// stored form (training_store_format.cpp). Not what restoring does to the
// session (it puts the progress back: training_session.cpp) and not the ConvLab
// or TF.js files.
#include "app/training/training_store.h"

#include <cstdio>

#include "platform/platform.h"

std::string training_storage_key(const TrainingSession& t) {
    // FNV-1a of the architecture's code: a short, stable key; the code itself is stored and compared.
    uint64_t h = 1469598103934665603ull;
    for (char c : t.arch_key) h = (h ^ uint8_t(c)) * 1099511628211ull;
    char buf[40];
    std::snprintf(buf, sizeof buf, "weights.%016llx", static_cast<unsigned long long>(h));
    return buf;
}

void training_autosave(TrainingSession& t) {
    // The browser's storage is the UI thread's: the next frame saves (threads
    // build), or the page, with the weights the worker sends along (worker build).
    if (t.in_piece || t.worker_side) {
        t.autosave_due = true;
        return;
    }
    t.autosave_due = false;
    if (!t.built || t.batches_done == 0) return;
    StoredProgress p;
    p.arch_key = t.arch_key;
    p.epochs = uint32_t(t.schedule.epoch);
    p.updates = uint32_t(t.batches_done);
    p.weights = t.net.params;
    p.batch_losses = t.batch_loss;
    p.train_accuracy = t.train_accuracy;
    p.test_accuracy = t.test_accuracy;
    training_store_write(p, &t.io_bytes);
    platform_store_bytes(training_storage_key(t), t.io_bytes.data(), t.io_bytes.size());
}
