// test_merge_trace.cpp: the merge view's steps say what merge.cpp does. For
// Concatenate along channels, every output channel named by the trace holds,
// at every position, the input channel the trace says it copies (16 + 12 = 28,
// as in densenet_small). For each elementwise merge, every step's values are
// the inputs' and the output's at that cell, and the output is the merge of
// those inputs.
#include <doctest.h>

#include <cmath>
#include <vector>

#include "core/trace/merge_trace.h"
#include "core/train/layer_passes.h"
#include "train/train_test_helpers.h"

using namespace convlab;
using namespace convlab::test;

TEST_CASE("merge trace: Concatenate's output channel 20 of 16 + 12 = 28 is the second input's channel 4") {
    const int64_t h = 5, w = 3;
    const std::vector<int64_t> channels = {16, 12};
    Rng rng = rng_seeded(7);
    const std::vector<float> a = random_buffer(&rng, h * w * 16), b = random_buffer(&rng, h * w * 12);
    std::vector<float> y(size_t(h * w * 28), 0.0f);
    const float* xs[] = {a.data(), b.data()};
    concatenate_forward(h * w, 1, channels.data(), 2, xs, y.data());

    MergeTraceSource s;
    s.kind = LayerKind::Concatenate;
    s.h = h, s.w = w;
    s.channels = channels;
    s.xs = {a.data(), b.data()};
    s.y = y.data();
    CHECK(merge_trace_out_channels(s) == 28);
    REQUIRE(merge_trace_step_count(s) == 28);
    MergeTraceStep step;
    merge_trace_step(s, 0, 20, &step);
    CHECK(step.channel == 20);
    CHECK(step.input == 1);
    CHECK(step.in_channel == 4);
    CHECK(step.first_channel == 16);
    int64_t mismatches = 0;
    for (int64_t k = 0; k < 28; ++k) {
        merge_trace_step(s, 0, k, &step);
        const std::vector<float>& x = step.input == 0 ? a : b;
        for (int64_t p = 0; p < h * w; ++p)
            if (y[size_t(p * 28 + k)] != x[size_t(p * channels[size_t(step.input)] + step.in_channel)]) ++mismatches;
    }
    CHECK(mismatches == 0);
    int64_t in_channel = -1;
    CHECK(merge_trace_input_of_channel(s, 15, &in_channel) == 0);
    CHECK(in_channel == 15);
    CHECK(merge_trace_input_of_channel(s, 28, &in_channel) == -1);
}

TEST_CASE("merge trace: each elementwise merge's step holds the inputs' values at its cell and their merge") {
    const int64_t h = 4, w = 6, c = 3;
    const LayerKind kinds[] = {LayerKind::Add,     LayerKind::Subtract, LayerKind::Multiply,
                               LayerKind::Average, LayerKind::Maximum,  LayerKind::Minimum};
    for (LayerKind kind : kinds) {
        CAPTURE(int(kind));
        Rng rng = rng_seeded(11);
        const std::vector<float> a = random_buffer(&rng, h * w * c), b = random_buffer(&rng, h * w * c);
        std::vector<float> y(size_t(h * w * c), 0.0f);
        const float* xs[] = {a.data(), b.data()};
        elementwise_merge_forward(kind, xs, 2, h * w * c, y.data());
        MergeTraceSource s;
        s.kind = kind;
        s.h = h, s.w = w;
        s.channels = {c, c};
        s.xs = {a.data(), b.data()};
        s.y = y.data();
        CHECK(merge_trace_out_channels(s) == c);
        REQUIRE(merge_trace_step_count(s) == h * w);
        MergeTraceStep step;
        int64_t mismatches = 0;
        for (int64_t channel = 0; channel < c; ++channel)
            for (int64_t k = 0; k < h * w; ++k) {
                merge_trace_step(s, channel, k, &step);
                const size_t at = size_t(((k / w) * w + k % w) * c + channel);
                float merged = 0.0f;
                const float pair[] = {step.inputs[0], step.inputs[1]};
                const float* one[] = {&pair[0], &pair[1]};
                elementwise_merge_forward(kind, one, 2, 1, &merged);
                if (step.out_i != k / w || step.out_j != k % w || step.channel != channel || step.inputs.size() != 2 ||
                    step.inputs[0] != a[at] || step.inputs[1] != b[at] || step.value != y[at] || merged != step.value)
                    ++mismatches;
            }
        CHECK(mismatches == 0);
    }
}
