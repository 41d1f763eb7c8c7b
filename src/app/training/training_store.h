// training_store.h: the training progress kept in this browser (the CLW2
// stored form: the weights and the curves, for one architecture). Not the
// session's state machine, which decides when to save and what a restore
// puts back (training_session.cpp), and not the model files a user downloads.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "app/training/training_session.h"

// What a stored form holds, read back whole.
struct StoredProgress {
    std::string arch_key;        // the architecture's code it was saved for
    uint32_t epochs = 0, updates = 0;
    std::vector<float> weights, batch_losses;       // Keras's order; one loss per update
    std::vector<float> train_accuracy, test_accuracy;  // percent, per epoch
};

// The key the progress of t's architecture is kept under ("weights.<FNV-1a of arch_key>").
std::string training_storage_key(const TrainingSession& t);
// Writes t's progress (after at least one update) under its key.
void training_autosave(TrainingSession& t);
// Reads a stored form: false if it is cut short, longer than its lists, holds a
// value that is not finite or more than most_weights weights. The caller checks
// that it is for its architecture.
bool training_store_read(const std::vector<uint8_t>& bytes, size_t most_weights, StoredProgress* out);
