// test_mnist.cpp: the digits file read as hostile input (bad magic, version,
// count, size, label), and the stratified seeded split.
#include <doctest.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "core/train/mnist.h"

using namespace convlab;

namespace {

// A valid file of `count` digits: digit i has label i % 10 and pixels i % 256.
std::vector<uint8_t> make_file(uint32_t count) {
    std::vector<uint8_t> f(12 + size_t(count) * 785);
    std::memcpy(f.data(), "CLMN", 4);
    f[4] = 1;
    f[8] = uint8_t(count & 0xff);
    f[9] = uint8_t(count >> 8);
    for (uint32_t i = 0; i < count; ++i) {
        std::fill(f.begin() + 12 + long(i) * 784, f.begin() + 12 + long(i + 1) * 784, uint8_t(i % 256));
        f[12 + size_t(count) * 784 + i] = uint8_t(i % 10);
    }
    return f;
}

}  // namespace

TEST_CASE("mnist: a well-formed file gives its digits and labels") {
    std::vector<uint8_t> f = make_file(20);
    Result<MnistSet> r = mnist_parse(f.data(), static_cast<int64_t>(f.size()));
    REQUIRE_MESSAGE(r.ok(), r.error);
    CHECK(r.value.count == 20);
    CHECK(r.value.labels[13] == 3);
    CHECK(r.value.pixels[13 * 784 + 5] == 13);
    std::vector<float> x(784);
    mnist_to_float(r.value, 13, 1, x.data());
    CHECK(x[0] == doctest::Approx(13.0 / 255));
}

TEST_CASE("mnist: a file with a wrong magic, version, count, size or label is refused with the reason") {
    std::vector<uint8_t> f = make_file(20);
    auto error_of = [](const std::vector<uint8_t>& bytes) {
        return mnist_parse(bytes.data(), static_cast<int64_t>(bytes.size())).error;
    };
    CHECK(error_of(std::vector<uint8_t>(f.begin(), f.begin() + 5)).find("header") != std::string::npos);
    std::vector<uint8_t> bad = f;
    bad[0] = 'X';
    CHECK(error_of(bad).find("CLMN") != std::string::npos);
    bad = f;
    bad[4] = 2;
    CHECK(error_of(bad).find("version 2") != std::string::npos);
    bad = f;
    bad[11] = 0xff;  // count over 4 billion
    CHECK(error_of(bad).find("holds") != std::string::npos);
    bad = f;
    bad.pop_back();
    CHECK(error_of(bad).find("need exactly") != std::string::npos);
    bad = f;
    bad.back() = 10;
    CHECK(error_of(bad).find("label 10") != std::string::npos);
}

TEST_CASE("mnist: the split is stratified, exact in size, seeded and covers every digit once") {
    std::vector<uint8_t> f = make_file(1000);
    MnistSet all = mnist_parse(f.data(), static_cast<int64_t>(f.size())).value;
    MnistSplit a = mnist_split(all, 800), b = mnist_split(all, 800), c = mnist_split(all, 800, 12345);
    CHECK(a.train.count == 800);
    CHECK(a.test.count == 200);
    int per_class[10] = {};
    for (uint8_t l : a.train.labels) ++per_class[l];
    for (int k : per_class) CHECK(k == 80);
    CHECK(a.train.pixels == b.train.pixels);
    CHECK(a.train.pixels != c.train.pixels);
    // Every pixel value (= digit index mod 256) appears as often as in the whole set.
    std::vector<int> seen(256, 0), expected(256, 0);
    for (int64_t i = 0; i < a.train.count; ++i) ++seen[a.train.pixels[size_t(i * 784)]];
    for (int64_t i = 0; i < a.test.count; ++i) ++seen[a.test.pixels[size_t(i * 784)]];
    for (int i = 0; i < 1000; ++i) ++expected[i % 256];
    CHECK(seen == expected);
}

TEST_CASE("mnist: uneven classes share the train count by largest remainder") {
    // 7 digits of class 0 and 3 of class 1 (labels i % 10 with count 10 gives one each; build by hand).
    std::vector<uint8_t> f = make_file(10);
    for (int i = 0; i < 10; ++i) f[12 + 10 * 784 + size_t(i)] = i < 7 ? 0 : 1;
    MnistSet all = mnist_parse(f.data(), static_cast<int64_t>(f.size())).value;
    MnistSplit s = mnist_split(all, 5);  // shares 3.5 and 1.5: floors 3 + 1, the extra one to class 0 (first on ties)
    CHECK(s.train.count == 5);
    CHECK(std::count(s.train.labels.begin(), s.train.labels.end(), 0) == 4);
}
