// conv_view_perf.cpp: frame-time figures for the test hook: wasm time per
// frame and the interval between frames, over 300 frames after 60 of warm-up
// (started with the test-hook verb conv_perf). Measured, never asserted on.
#include <algorithm>
#include <cstdio>
#include <string>

#include "core/io/json_writer.h"
#include "app/conv_view/conv_view_text.h"

namespace {

constexpr size_t kMeasuredFrames = 300;

double percentile(std::vector<float> v, double q) {  // a copy: called once, when published
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, size_t(q * double(v.size() - 1) + 0.5));
    return double(v[i]);
}

}  // namespace

void conv_perf_frame(ConvPerf* p, double frame_start_ms, double cpu_ms) {
    if (!p->running) return;
    const double interval = p->last_start > 0.0 ? frame_start_ms - p->last_start : 0.0;
    p->last_start = frame_start_ms;
    if (p->warmup > 0) {
        --p->warmup;
        p->cpu_ms.reserve(kMeasuredFrames);
        p->raf_ms.reserve(kMeasuredFrames);
        p->draw_samples.clear();
        p->draw_samples.reserve(kMeasuredFrames);
        p->redraws = 0;
        return;
    }
    p->cpu_ms.push_back(float(cpu_ms));  // cpu_ms is the previous frame's: the panel runs mid-frame
    p->raf_ms.push_back(float(interval));
    p->draw_samples.push_back(float(p->draw_ms));
    if (p->redrawn) ++p->redraws;
    if (p->cpu_ms.size() >= kMeasuredFrames) p->running = false;
}

std::string conv_perf_json(const ConvPerf& p) {
    convlab::JsonWriter w;
    w.begin_object().member("frames", int64_t(p.cpu_ms.size()));
    w.member("wasm_ms_median", percentile(p.cpu_ms, 0.5), "%.3f").member("wasm_ms_p95", percentile(p.cpu_ms, 0.95), "%.3f");
    w.member("raf_ms_median", percentile(p.raf_ms, 0.5), "%.3f").member("raf_ms_p95", percentile(p.raf_ms, 0.95), "%.3f");
    w.member("view_gl_ms_median", percentile(p.draw_samples, 0.5), "%.3f").member("view_redraws", p.redraws);
    return w.end_object().take();
}
