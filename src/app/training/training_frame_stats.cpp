// training_frame_stats.cpp: how long the page's frames take while it trains
// (FrameStats, training_session.h): the averaged animation-frame interval that
// sizes the training slice, and the measured window of 300 frames the
// frame-budget test reads. Not the training slice itself (training_session.cpp).
#include <algorithm>

#include "app/training/training_session.h"

void training_note_frame(TrainingSession& t, double frame_cpu_ms, double render_ms, double raf_ms, double wait_ms) {
    FrameStats& f = t.frames;
    const double interval = f.last_raf > 0 ? raf_ms - f.last_raf : 0.0;
    f.last_raf = raf_ms;
    if (interval > 0 && interval < 1000) t.frame_interval_ms = 0.9 * t.frame_interval_ms + 0.1 * interval;
    if (!f.measuring) return;
    if (f.skipped < FrameStats::kWarmup) {
        f.skipped++;
        return;
    }
    f.ui_ms[f.taken] = std::max(0.0, frame_cpu_ms - t.last_slice_ms);
    f.raf_ms[f.taken] = interval;
    f.slice_ms[f.taken] = t.last_slice_ms;
    f.render_ms[f.taken] = render_ms;
    f.wait_ms[f.taken] = wait_ms;
    if (++f.taken < FrameStats::kFrames) return;
    const auto percentile = [&](const double* v, double q) {
        std::copy(v, v + FrameStats::kFrames, f.sorted);
        std::sort(f.sorted, f.sorted + FrameStats::kFrames);
        return f.sorted[std::min(FrameStats::kFrames - 1, int(q * FrameStats::kFrames))];
    };
    f.ui_median = percentile(f.ui_ms, 0.5);
    f.ui_p95 = percentile(f.ui_ms, 0.95);
    f.raf_median = percentile(f.raf_ms, 0.5);
    f.raf_p95 = percentile(f.raf_ms, 0.95);
    f.slice_median = percentile(f.slice_ms, 0.5);
    f.render_median = percentile(f.render_ms, 0.5);
    f.wait_median = percentile(f.wait_ms, 0.5);
    f.wait_p95 = percentile(f.wait_ms, 0.95);
    f.measuring = false;
    f.done = true;
}

void training_measure_frames(TrainingSession& t) {
    t.frames.measuring = true;
    t.frames.done = false;
    t.frames.skipped = 0;
    t.frames.taken = 0;
}
