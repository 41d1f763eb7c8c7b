// test_shape_math.cpp: the arithmetic of one spatial axis and the checked
// products, against hand-worked cases and Keras's conv_output_length /
// TensorFlow's 'same' padding rule (shape_math.h).
#include <doctest.h>

#include "core/analysis/formula.h"
#include "core/model/shape.h"
#include "core/analysis/shape_math.h"

using namespace convlab;

static int64_t out_size(int64_t in, int64_t k, int64_t s, int64_t d, Padding p, SizeWorking* w = nullptr) {
    SizeWorking local;
    int64_t size = -1;
    if (!conv_out_size(in, k, s, d, p, w ? w : &local, &size)) return -1;
    return size;
}

TEST_CASE("shape math: 'valid' padding turns 28x28 into 26x26 with a 3x3 kernel") {
    SizeWorking w;
    CHECK(out_size(28, 3, 1, 1, Padding::Valid, &w) == 26);
    CHECK(to_text(w.formula) == "⌊(28 − 3) / 1⌋ + 1 = 26");
    CHECK(w.pad_before == 0);
    CHECK(w.pad_after == 0);
}

TEST_CASE("shape math: 'same' with stride 2 on a 7-wide input gives 4 and pads one cell on each side") {
    // ⌈7 / 2⌉ = 4; total padding (4 − 1)·2 + 3 − 7 = 2 → 1 before, 1 after.
    SizeWorking w;
    CHECK(out_size(7, 3, 2, 1, Padding::Same, &w) == 4);
    CHECK(w.pad_before == 1);
    CHECK(w.pad_after == 1);
    CHECK(to_text(w.formula) == "⌈7 / 2⌉ = 4");
}

TEST_CASE("shape math: 'same' with stride 2 on an 8-wide input pads one cell, after the input") {
    // ⌈8 / 2⌉ = 4; total padding (4 − 1)·2 + 3 − 8 = 1 → 0 before, 1 after (TensorFlow puts the odd cell last).
    SizeWorking w;
    CHECK(out_size(8, 3, 2, 1, Padding::Same, &w) == 4);
    CHECK(w.pad_before == 0);
    CHECK(w.pad_after == 1);
}

TEST_CASE("shape math: 'same' with stride 1 keeps the size and pads (K − 1) / 2 each side") {
    SizeWorking w;
    CHECK(out_size(224, 3, 1, 1, Padding::Same, &w) == 224);
    CHECK(w.pad_before == 1);
    CHECK(w.pad_after == 1);
    CHECK(out_size(5, 4, 1, 1, Padding::Same, &w) == 5);
    CHECK(w.pad_before == 1);
    CHECK(w.pad_after == 2);
}

TEST_CASE("shape math: a 3x3 kernel with dilation 2 reaches 5 and turns 28 into 24 under 'valid'") {
    SizeWorking w;
    CHECK(kernel_reach(3, 2) == 5);
    CHECK(out_size(28, 3, 1, 2, Padding::Valid, &w) == 24);
    CHECK(to_text(w.formula) == "⌊(28 − 5) / 1⌋ + 1 = 24");
    bool reach_tagged = false;
    for (const Token& t : w.formula.tokens)
        if (t.kind == TokenKind::Number && t.value == 5) reach_tagged = t.role == Role::KernelReach;
    CHECK(reach_tagged);
}

TEST_CASE("shape math: the kernel number carries the role the caller gives it") {
    SizeWorking w;
    int64_t size = 0;
    REQUIRE(conv_out_size(24, 2, 2, 1, Padding::Valid, &w, &size, Role::PoolSize));
    CHECK(size == 12);
    CHECK(w.formula.tokens[4].role == Role::PoolSize);
    CHECK(w.formula.tokens[2].role == Role::InputSize);
}

TEST_CASE("shape math: 'valid' refuses a kernel that reaches past the input") {
    CHECK(out_size(4, 5, 1, 1, Padding::Valid) == -1);
    CHECK(out_size(4, 3, 1, 2, Padding::Valid) == -1);  // reach 5 > 4
    CHECK(out_size(5, 5, 1, 1, Padding::Valid) == 1);   // exactly fits once
    CHECK(out_size(4, 5, 1, 1, Padding::Same) == 4);    // 'same' pads instead
}

TEST_CASE("shape math: a stride larger than the input still leaves one window") {
    CHECK(out_size(5, 3, 10, 1, Padding::Valid) == 1);
    CHECK(out_size(5, 3, 10, 1, Padding::Same) == 1);
}

TEST_CASE("shape math: checked products stop at kMaxCount instead of overflowing") {
    CHECK(checked_mul(3, 4) == 12);
    CHECK(checked_mul(0, kMaxCount) == 0);
    CHECK(checked_mul(kMaxCount, 1) == kMaxCount);
    CHECK(checked_mul(kMaxCount, 2) == -1);
    CHECK(checked_mul(int64_t(1) << 40, int64_t(1) << 40) == -1);  // 2^80 would wrap; it must not be formed
    CHECK(checked_mul(INT64_MAX, INT64_MAX) == -1);
    CHECK(checked_mul(-1, 5) == -1);
    CHECK(checked_add(kMaxCount, 1) == -1);
    CHECK(checked_add(2, 3) == 5);
    CHECK(checked_add(-1, 3) == -1);
    CHECK(kernel_reach(kMaxCount, kMaxCount) == -1);
}

TEST_CASE("shape math: huge sizes are refused rather than computed") {
    CHECK(out_size(INT64_MAX, 3, 1, 1, Padding::Valid) == -1);
    CHECK(out_size(28, 3, INT64_MAX, 1, Padding::Same) == -1);
    CHECK(out_size(kMaxCount, 3, 1, 1, Padding::Valid) == kMaxCount - 2);
}

TEST_CASE("formula: numbers from 10,000 get separators, smaller ones stay bare") {
    Formula f;
    f.open().num(3, Role::KernelH).op("×").num(3, Role::KernelW).op("×").num(32, Role::InChannels).op("+")
        .num(1, Role::Bias).close().op("×").num(63, Role::OutChannels).equals(18207);
    CHECK(to_text(f) == "(3 × 3 × 32 + 1) × 63 = 18,207");
    Formula g;
    g.num(12, Role::Height).op("×").num(12, Role::Width).op("×").num(63, Role::Channels).equals(9072);
    CHECK(to_text(g) == "12 × 12 × 63 = 9072");
    CHECK(with_thousands(1181161) == "1,181,161");
    CHECK(with_thousands(0) == "0");
    CHECK(with_thousands(999) == "999");
    CHECK(with_thousands(9072) == "9,072");
    CHECK(with_thousands(-1234567) == "−1,234,567");
}

TEST_CASE("shape: elements multiplies the sizes and prints with the batch axis as None") {
    CHECK(Shape::image(12, 12, 63).elements() == 9072);
    CHECK(Shape::vector(10).elements() == 10);
    CHECK(Shape{}.elements() == 0);
    CHECK(Shape::image(int64_t(1) << 30, int64_t(1) << 30, int64_t(1) << 30).elements() == -1);  // never wraps
    CHECK(Shape::image(26, 26, 32).to_string() == "(None, 26, 26, 32)");
    CHECK(Shape::vector(9072).to_string() == "(None, 9072)");
}
