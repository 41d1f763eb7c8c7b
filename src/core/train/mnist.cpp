// train/mnist.cpp: reading and splitting the digits binary of tools/make_mnist.mjs.
// The file is hostile input: the header, the exact size and every label are
// checked. Reference: the format described in mnist.h and make_mnist.mjs.
#include "core/train/mnist.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>

#include "core/train/rng.h"

namespace convlab {
namespace {

uint32_t read_u32le(const uint8_t* p) {
    return uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) | (uint32_t(p[3]) << 24);
}

}  // namespace

Result<MnistSet> mnist_parse(const uint8_t* bytes, int64_t size) {
    using R = Result<MnistSet>;
    if (size < 12) return R::fail(Message(MsgCode::MnistShort, {as_is(size)}));
    if (std::memcmp(bytes, "CLMN", 4) != 0)
        return R::fail(Message(MsgCode::MnistMagic));
    const uint32_t version = read_u32le(bytes + 4);
    if (version != 1) return R::fail(Message(MsgCode::MnistVersion, {as_is(int64_t(version))}));
    const int64_t count = read_u32le(bytes + 8);
    if (count < 1 || count > kMnistMaxCount)
        return R::fail(Message(MsgCode::MnistCount, {as_is(count), as_is(kMnistMaxCount)}));
    const int64_t expected = 12 + count * (kMnistPixels + 1);
    if (size != expected)
        return R::fail(Message(MsgCode::MnistSize, {as_is(size), as_is(count), as_is(expected)}));
    MnistSet set;
    set.count = count;
    set.pixels.assign(bytes + 12, bytes + 12 + count * kMnistPixels);
    set.labels.assign(bytes + 12 + count * kMnistPixels, bytes + expected);
    for (int64_t i = 0; i < count; ++i)
        if (set.labels[size_t(i)] > 9)
            return R::fail(Message(MsgCode::MnistLabel, {as_is(i), as_is(int64_t(set.labels[size_t(i)]))}));
    return R::success(std::move(set));
}

Result<MnistSet> mnist_load_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Result<MnistSet>::fail("cannot open the digits file '" + path + "' (make it with: node tools/make_mnist.mjs " + path + ")");
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (static_cast<int64_t>(bytes.size()) > 12 + kMnistMaxCount * (kMnistPixels + 1))
        return Result<MnistSet>::fail("the digits file '" + path + "' is larger than any digits file can be");
    return mnist_parse(bytes.data(), static_cast<int64_t>(bytes.size()));
}

MnistSplit mnist_split(const MnistSet& all, int64_t train_count, uint64_t seed) {
    train_count = std::max<int64_t>(0, std::min(train_count, all.count));
    std::vector<std::vector<int64_t>> by_class(10);  // digit indices per class
    for (int64_t i = 0; i < all.count; ++i) by_class[all.labels[size_t(i)]].push_back(i);

    // Largest-remainder shares: floor first, then one more for the largest fractions.
    int64_t share[10], given = 0;
    int64_t remainder[10];
    for (int c = 0; c < 10; ++c) {
        const int64_t scaled = static_cast<int64_t>(by_class[size_t(c)].size()) * train_count;
        share[c] = scaled / all.count;
        remainder[c] = scaled % all.count;
        given += share[c];
    }
    int order[10] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    std::stable_sort(order, order + 10, [&](int a, int b) { return remainder[a] > remainder[b]; });
    for (int k = 0; given < train_count && k < 10; ++k, ++given) ++share[order[k]];

    Rng rng = rng_seeded(seed, 3);
    MnistSplit split;
    auto take = [&](MnistSet* to, int64_t i) {
        const uint8_t* px = all.pixels.data() + i * kMnistPixels;
        to->pixels.insert(to->pixels.end(), px, px + kMnistPixels);
        to->labels.push_back(all.labels[size_t(i)]);
        ++to->count;
    };
    for (int c = 0; c < 10; ++c) {
        std::vector<int64_t>& idx = by_class[size_t(c)];
        for (size_t i = idx.size(); i > 1; --i) std::swap(idx[i - 1], idx[rng_below(&rng, static_cast<uint32_t>(i))]);
        for (size_t i = 0; i < idx.size(); ++i) take(static_cast<int64_t>(i) < share[c] ? &split.train : &split.test, idx[i]);
    }
    return split;
}

void mnist_to_float(const MnistSet& set, int64_t index, int64_t n, float* out) {
    const uint8_t* px = set.pixels.data() + index * kMnistPixels;
    for (int64_t i = 0; i < n * kMnistPixels; ++i) out[i] = static_cast<float>(px[i]) * (1.0f / 255.0f);
}

}  // namespace convlab
