// test_training_store.cpp: the CLW2 stored form of a training's progress
// (src/app/training/training_store_format.cpp) on its own, without the session,
// ImGui or the browser: what is written reads back field for field, and bytes
// that are cut short, not CLW2 or promise more than they hold are refused whole.
#include <doctest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "app/training/training_store_format.h"

namespace {

// Two epochs of a tiny model: five weights, six updates, the curves as training records them.
StoredProgress two_epochs() {
    StoredProgress p;
    p.arch_key = "v1.Ab3_x-9";
    p.epochs = 2;
    p.updates = 6;
    p.weights = {0.25f, -1.5f, 3.0e-8f, 0.0f, 12345.678f};
    p.batch_losses = {2.30f, 1.90f, 1.20f, 0.80f, 0.61f, 0.52f};
    p.train_accuracy = {61.5f, 88.25f};
    p.test_accuracy = {70.0f, 90.5f};
    return p;
}

std::vector<uint8_t> written(const StoredProgress& p) {
    std::vector<uint8_t> bytes = {9, 9, 9};  // whatever was there before is replaced
    training_store_write(p, &bytes);
    return bytes;
}

void put_u32_at(std::vector<uint8_t>* bytes, size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) (*bytes)[at + size_t(i)] = uint8_t(v >> (8 * i));
}

// Where the u32 count of the weights sits: after "CLW2", the key's length and key, epochs, updates.
size_t weights_count_at(const StoredProgress& p) { return 4 + 4 + p.arch_key.size() + 4 + 4; }

}  // namespace

TEST_CASE("training store: what is written reads back with every field as it was") {
    const StoredProgress p = two_epochs();
    const std::vector<uint8_t> bytes = written(p);
    CHECK(std::memcmp(bytes.data(), "CLW2", 4) == 0);
    // "CLW2", the key with its length, epochs, updates, four counted float32 lists.
    CHECK(bytes.size() == 4 + 4 + p.arch_key.size() + 4 + 4 + 4 * 4 + 4 * (5 + 6 + 2 + 2));
    StoredProgress back;
    REQUIRE(training_store_read(bytes, p.weights.size(), &back));
    CHECK(back.arch_key == p.arch_key);
    CHECK(back.epochs == p.epochs);
    CHECK(back.updates == p.updates);
    CHECK(back.weights == p.weights);  // bit for bit: floats are stored, not printed
    CHECK(back.batch_losses == p.batch_losses);
    CHECK(back.train_accuracy == p.train_accuracy);
    CHECK(back.test_accuracy == p.test_accuracy);
}

TEST_CASE("training store: a mid-epoch save (one train accuracy more than test accuracies) reads back") {
    StoredProgress p = two_epochs();
    p.train_accuracy.push_back(93.0f);  // the third epoch's running accuracy, not yet evaluated
    StoredProgress back;
    REQUIRE(training_store_read(written(p), p.weights.size(), &back));
    CHECK(back.train_accuracy == p.train_accuracy);
    CHECK(back.test_accuracy == p.test_accuracy);
}

TEST_CASE("training store: bytes cut short anywhere are refused and leave the result untouched") {
    const std::vector<uint8_t> bytes = written(two_epochs());
    for (size_t keep = 0; keep < bytes.size(); ++keep) {
        CAPTURE(keep);
        const std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + std::ptrdiff_t(keep));
        StoredProgress back;
        back.arch_key = "before";
        CHECK_FALSE(training_store_read(cut, 5, &back));
        CHECK(back.arch_key == "before");
        CHECK(back.weights.empty());
    }
}

TEST_CASE("training store: bytes that are not CLW2, or run on past the last list, are refused") {
    std::vector<uint8_t> older = written(two_epochs());
    older[3] = '1';  // "CLW1"
    StoredProgress back;
    CHECK_FALSE(training_store_read(older, 5, &back));
    CHECK_FALSE(training_store_read({}, 5, &back));
    std::vector<uint8_t> longer = written(two_epochs());
    longer.push_back(0);
    CHECK_FALSE(training_store_read(longer, 5, &back));
}

TEST_CASE("training store: a count larger than its bound or than the bytes left is refused without a crash") {
    const StoredProgress p = two_epochs();
    StoredProgress back;
    // More weights than the network has: refused even though the bytes are all there.
    CHECK_FALSE(training_store_read(written(p), p.weights.size() - 1, &back));
    // More batch losses than updates, or more test accuracies than epochs.
    StoredProgress extra_loss = p;
    extra_loss.batch_losses.push_back(0.5f);
    CHECK_FALSE(training_store_read(written(extra_loss), 5, &back));
    StoredProgress extra_test = p;
    extra_test.test_accuracy.push_back(91.0f);
    CHECK_FALSE(training_store_read(written(extra_test), 5, &back));
    // Counts of 2^32 − 1 over a few dozen bytes: nothing that large is allocated or read.
    std::vector<uint8_t> huge_weights = written(p);
    put_u32_at(&huge_weights, weights_count_at(p), UINT32_MAX);
    CHECK_FALSE(training_store_read(huge_weights, std::numeric_limits<size_t>::max(), &back));
    std::vector<uint8_t> huge_key = written(p);
    put_u32_at(&huge_key, 4, UINT32_MAX);
    CHECK_FALSE(training_store_read(huge_key, 5, &back));
    std::vector<uint8_t> huge_epochs = written(p);
    put_u32_at(&huge_epochs, 4 + 4 + p.arch_key.size(), UINT32_MAX);  // epochs + 1 wraps to 0 accuracies
    CHECK_FALSE(training_store_read(huge_epochs, 5, &back));
}

TEST_CASE("training store: a weight or loss that is not finite is refused") {
    for (float bad : {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
        StoredProgress nan_weight = two_epochs();
        nan_weight.weights[2] = bad;
        StoredProgress back;
        CHECK_FALSE(training_store_read(written(nan_weight), 5, &back));
        StoredProgress nan_loss = two_epochs();
        nan_loss.batch_losses.back() = -bad;
        CHECK_FALSE(training_store_read(written(nan_loss), 5, &back));
    }
}
