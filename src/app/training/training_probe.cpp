// training_probe.cpp: the current digit (drawn, or one of the test digits)
// and what the network makes of it: its class probabilities and every
// (H, W, C) layer's output, re-run when the weights change. Not the training
// and not the panel that draws it. Reference: Keras's model.predict on one image.
#include <algorithm>

#include "app/app.h"
#include "app/training/training_session.h"
#include "core/train/drawn_digit.h"
#include "platform/platform.h"

void training_run_probe(TrainingSession& t) {
    t.probe_dirty = false;
    t.probe_version = t.weights_version;
    t.probe_at = platform_now_ms();
    t.probe_serial++;
    if (!t.built || !t.probe_has_digit) return;
    convlab::network_forward(&t.net, t.probe, 1, false);
    const float* p = convlab::network_probabilities(t.net);
    std::copy(p, p + 10, t.probabilities);
    for (size_t i = 0; i < t.net.layers.size(); ++i)
        if (!t.maps[i].empty()) std::copy(t.net.layers[i].out.ptr(), t.net.layers[i].out.ptr() + t.maps[i].size(), t.maps[i].begin());
}

void training_set_digit(App& app, const float* pixels28) {
    TrainingSession& t = app.training;
    std::copy(pixels28, pixels28 + 784, t.probe);
    t.probe_has_digit = true;
    t.probe_dirty = true;
}

void training_set_drawing(App& app, const float* ink, int h, int w) {
    TrainingSession& t = app.training;
    t.probe_has_digit = convlab::mnist_center_drawing(ink, h, w, t.probe);
    if (!t.probe_has_digit) std::fill(t.probabilities, t.probabilities + 10, 0.0f);
    t.probe_dirty = true;
}
