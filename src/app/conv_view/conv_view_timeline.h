// conv_view_timeline.h: the step player of the convolution view: play, pause,
// step back and forward, speed, and a scrubbable timeline; Space and the
// arrow keys do the same. It only counts steps; what a step shows is the
// trace's business. Not an animation system: a step is whole, no tweening.
#pragma once
#include <cstdint>

#include "app/text/strings.h"

struct Timeline {
    int64_t step = 0;        // current step, 0 .. count − 1
    int64_t count = 1;
    bool playing = false;
    float steps_per_second = 1.5f;
    double carry = 0.0;      // time accumulated towards the next step
};

void timeline_reset(Timeline* t, int64_t count, float steps_per_second);
void timeline_set(Timeline* t, int64_t step);
// Advances while playing; stops at the last step. Returns true when the step changed.
bool timeline_advance(Timeline* t, double dt_seconds);
// Draws the controls on one line, labelled in `lang`, and handles Space / ← / →
// when `keys` is true.
// Returns true when the step changed.
bool timeline_controls(FrameLabels& labels, Lang lang, Timeline* t, bool keys);
