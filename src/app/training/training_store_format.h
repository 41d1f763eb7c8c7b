// training_store_format.h: the CLW2 stored form of a training's progress (the
// weights and the curves, for one architecture) as bytes, written and read back.
// Plain data and bytes only: not where it is kept or when (training_store.h), and
// not the model files a user downloads. Reference: Keras's save_weights/load_weights,
// plus the curves.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

// What a stored form holds, read back whole.
struct StoredProgress {
    std::string arch_key;        // the architecture's code it was saved for
    uint32_t epochs = 0, updates = 0;
    std::vector<float> weights, batch_losses;       // Keras's order; one loss per update
    std::vector<float> train_accuracy, test_accuracy;  // percent, per epoch
};

// Replaces *out with p's stored form.
void training_store_write(const StoredProgress& p, std::vector<uint8_t>* out);
// Reads a stored form: false if it is cut short, longer than its lists, holds a
// value that is not finite or more than most_weights weights. The caller checks
// that it is for its architecture.
bool training_store_read(const std::vector<uint8_t>& bytes, size_t most_weights, StoredProgress* out);
