// training_session.cpp: the session's state machine (ready → loading data →
// running ⇄ paused → finished, or stopped with a reason), the frame slice that
// runs pieces of batches and the test pass, the current digit's forward pass,
// and the weights kept in this browser. Every number shown comes from the core:
// the network, its loss and predictions; the session only schedules and counts.
#include "app/training/training_session.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "app/app.h"
#include "core/io/export_tfjs.h"
#include "core/io/json.h"
#include "core/io/model_file.h"
#include "core/io/model_url.h"
#include "core/train/drawn_digit.h"
#include "core/train/loss.h"
#include "app/text/message_text.h"
#include "platform/platform.h"

namespace {

using convlab::Network;

// Training time per frame. The rest of a 33 ms frame (30 frames per second)
// stays with drawing the page, so it keeps answering the mouse while training.
// When the page is slower than that anyway (a busy machine, software WebGL),
// training takes 40% of the measured frame, up to 40 ms, rather than crawl.
constexpr double kSliceBudgetMs = 12.0, kSliceShareOfSlowFrame = 0.4, kSliceMaxMs = 40.0;
constexpr double kPublishEveryMs = 250.0;
constexpr double kProbeEveryMs = 400.0;   // the current digit, re-run while the weights change
constexpr float kSmoothing = 0.95f;       // the smoothed loss: an exponential moving average, debiased

const char* const kOptimizerIds[] = {"sgd", "adam", "rmsprop", "adadelta-keras2.3", "adadelta-tf"};

std::string fmt(Str s, const std::string& a) {
    char buf[1024];
    std::snprintf(buf, sizeof buf, tr(s), a.c_str());
    return buf;
}

// Why training stopped when the loss or an update went non-finite, in the
// page's language (the core's Status says it in English for the CLI).
std::string diverged_reason(const TrainingSession& t) {
    char buf[1024];
    std::snprintf(buf, sizeof buf, tr(Str::TrainDiverged), static_cast<long long>(t.batches_done + 1),
                  t.settings.config.learning_rate);
    return buf;
}

void set_phase(App& app, TrainPhase p) {
    app.training.phase = p;
    app.state_dirty = true;
}

bool has_batch_norm(const Network& net) {
    for (const convlab::NetLayer& l : net.layers)
        if (l.spec.kind == convlab::LayerKind::BatchNormalization) return true;
    return false;
}

std::string storage_key(const TrainingSession& t) {
    // FNV-1a of the architecture's code: a short, stable key; the code itself is stored and compared.
    uint64_t h = 1469598103934665603ull;
    for (char c : t.arch_key) h = (h ^ uint8_t(c)) * 1099511628211ull;
    char buf[40];
    std::snprintf(buf, sizeof buf, "weights.%016llx", static_cast<unsigned long long>(h));
    return buf;
}

// One update's loss, and the smoothed curve: an exponential moving average,
// debiased by 1 - 0.95^n so its first points are not pulled towards 0.
void record_batch_loss(TrainingSession& t, float loss) {
    t.batch_loss.push_back(loss);
    t.smoothed = kSmoothing * t.smoothed + (1.0f - kSmoothing) * loss;
    t.smoothed_loss.push_back(float(t.smoothed / (1.0 - std::pow(double(kSmoothing), double(t.batch_loss.size())))));
}

// The stored form, everything little-endian (wasm and x86 both are):
//   "CLW2", u32 length + the architecture's code, u32 epochs done,
//   u32 updates done, then four float32 lists, each a u32 count and its values:
//   the weights, the batch losses, the train and the test accuracies.
// The curves come back with the weights so a reload loses no progress; the
// optimizer's running averages are not kept (resuming restarts them, as
// Keras does when a model is rebuilt from saved weights alone).
void put_u32(std::vector<uint8_t>* out, uint32_t v) {
    for (int i = 0; i < 4; ++i) out->push_back(uint8_t(v >> (8 * i)));
}
void put_floats(std::vector<uint8_t>* out, const std::vector<float>& v) {
    put_u32(out, uint32_t(v.size()));
    const size_t at = out->size();
    out->resize(at + v.size() * 4);
    std::memcpy(out->data() + at, v.data(), v.size() * 4);
}

// Reads the stored form front to back; any read past the end fails them all.
struct StoredReader {
    const std::vector<uint8_t>& b;
    size_t at = 0;
    bool ok = true;
    uint32_t u32() {
        if (!ok || b.size() - at < 4) return ok = false, 0u;
        const uint8_t* p = b.data() + at;
        at += 4;
        return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
    }
    std::string text(size_t n) {
        if (!ok || b.size() - at < n) return ok = false, std::string();
        at += n;
        return std::string(reinterpret_cast<const char*>(b.data() + at - n), n);
    }
    std::vector<float> floats(size_t most) {
        const size_t n = u32();
        if (!ok || n > most || (b.size() - at) / 4 < n) return ok = false, std::vector<float>();
        std::vector<float> v(n);
        std::memcpy(v.data(), b.data() + at, 4 * n);
        at += 4 * n;
        for (float x : v)
            if (!std::isfinite(x)) ok = false;
        return v;
    }
};

void autosave(TrainingSession& t) {
    if (!t.built || t.batches_done == 0) return;
    std::vector<uint8_t>& b = t.io_bytes;
    b.clear();
    for (char c : {'C', 'L', 'W', '2'}) b.push_back(uint8_t(c));
    put_u32(&b, uint32_t(t.arch_key.size()));
    b.insert(b.end(), t.arch_key.begin(), t.arch_key.end());
    put_u32(&b, uint32_t(t.epoch));
    put_u32(&b, uint32_t(t.batches_done));
    put_floats(&b, t.net.params);
    put_floats(&b, t.batch_loss);
    put_floats(&b, t.train_accuracy);
    put_floats(&b, t.test_accuracy);
    platform_store_bytes(storage_key(t), b.data(), b.size());
}

// Puts back what autosave kept, if it was saved for this architecture. A
// stored form that is cut short, from another architecture or not finite is
// ignored whole: the session stays as it was.
bool restore(App& app, const std::vector<uint8_t>& bytes) {
    TrainingSession& t = app.training;
    StoredReader r{bytes};
    if (r.text(4) != "CLW2") return false;
    const std::string key = r.text(r.u32());
    const uint32_t epochs = r.u32(), updates = r.u32();
    std::vector<float> w = r.floats(t.net.params.size());
    std::vector<float> losses = r.floats(updates);
    std::vector<float> train_acc = r.floats(epochs + 1), test_acc = r.floats(epochs);
    if (!r.ok || r.at != bytes.size() || key != t.arch_key || w.size() != t.net.params.size()) return false;
    t.net.params = w;
    t.net.params_before_step = w;
    t.restored = true;
    t.restored_epochs = int(epochs);
    t.restored_note = true;
    t.weights_version++;
    t.probe_dirty = true;
    // The progress: curves as they were, the next epoch where it stopped.
    t.epoch = int(epochs);
    t.batches_done = updates;
    t.batch_loss.clear();
    t.smoothed_loss.clear();
    t.smoothed = 0;
    for (float loss : losses) record_batch_loss(t, loss);  // the smoothed curve, rebuilt as training built it
    t.train_accuracy = std::move(train_acc);
    t.test_accuracy = std::move(test_acc);
    set_phase(app, t.epoch >= t.settings.epochs ? TrainPhase::Finished : TrainPhase::Paused);
    return true;
}

TrainOptimizer optimizer_of(const convlab::OptimizerConfig& c) {
    switch (c.kind) {
        case convlab::OptimizerKind::SGD: return TrainOptimizer::SGD;
        case convlab::OptimizerKind::Adam: return TrainOptimizer::Adam;
        case convlab::OptimizerKind::RMSprop: return TrainOptimizer::RMSprop;
        case convlab::OptimizerKind::Adadelta:
            return c.learning_rate < 0.5 ? TrainOptimizer::AdadeltaTf : TrainOptimizer::AdadeltaKeras23;
    }
    return TrainOptimizer::AdadeltaKeras23;
}

void clear_progress(TrainingSession& t) {
    t.epoch = 0;
    t.example = 0;
    t.batch_done = 0;
    t.batches_done = 0;
    t.batch_loss_sum = 0;
    t.epoch_correct = 0;
    t.steps_requested = 0;
    t.evaluating = false;
    t.eval_at = 0;
    t.batch_loss.clear();
    t.smoothed_loss.clear();
    t.train_accuracy.clear();
    t.test_accuracy.clear();
    t.smoothed = 0;
    t.evaluated = false;
    t.examples_per_second = 0;
    t.seconds_left = 0;
    std::memset(t.confusion, 0, sizeof t.confusion);
    t.shuffle = convlab::rng_seeded(t.settings.seed, 4);  // the CLI's shuffling stream
}

// Builds the network for the App's model. keep_weights: carry the trained
// weights over (same architecture, new batch size or optimizer).
void rebuild(App& app, bool keep_weights) {
    TrainingSession& t = app.training;
    std::vector<float> kept;
    if (keep_weights && t.built) kept = t.net.params;
    t.built = false;
    convlab::NetworkOptions o;
    o.batch_size = t.settings.batch;
    o.seed = t.settings.seed;
    o.optimizer = t.settings.config;
    convlab::Network net;
    convlab::Status s = convlab::network_build(app.model, o, &net);
    if (!s.ok()) {
        t.reason = fmt(Str::TrainCannotBuild, message_text(s.message));  // the core's s.error is English
        set_phase(app, TrainPhase::Unavailable);
        return;
    }
    if (net.summary.input != convlab::Shape::image(28, 28, 1)) {
        t.reason = fmt(Str::TrainWrongInput, net.summary.input.to_string());
        set_phase(app, TrainPhase::Unavailable);
        return;
    }
    if (net.classes != 10) {
        t.reason = fmt(Str::TrainWrongClasses, std::to_string(net.classes));
        set_phase(app, TrainPhase::Unavailable);
        return;
    }
    t.net = std::move(net);
    t.built = true;
    if (kept.size() == t.net.params.size()) {
        t.net.params = kept;
        t.net.params_before_step = kept;
    }
    t.x.assign(size_t(t.settings.batch) * 784, 0.0f);
    t.labels.assign(size_t(t.settings.batch), 0);
    t.maps.assign(t.net.layers.size(), {});
    for (size_t i = 0; i < t.net.layers.size(); ++i)
        if (t.net.layers[i].summary.analysis.output.rank == 3) t.maps[i].assign(size_t(t.net.layers[i].out_size), 0.0f);
    t.weights_version++;
    t.probe_dirty = true;
    t.reason.clear();
}

void fresh_start(App& app) {
    TrainingSession& t = app.training;
    clear_progress(t);
    t.restored = false;
    t.restored_note = false;
    rebuild(app, false);
    if (!t.built) return;
    set_phase(app, TrainPhase::Ready);
    t.restore_request = platform_stored_begin(storage_key(t));
}

void sync_model(App& app) {
    TrainingSession& t = app.training;
    if (!t.model_changed) return;
    t.model_changed = false;
    if (!app.model_ok) {
        t.built = false;
        t.arch_key.clear();
        t.reason = fmt(Str::TrainModelInvalid, problem_text(app.problem, app.model));  // in the UI language
        set_phase(app, TrainPhase::Unavailable);
        return;
    }
    convlab::ModelSpec arch = app.model;
    for (convlab::LayerSpec& l : arch.layers) l.name.clear();
    arch.compile = {};
    std::string key = convlab::encode_model_url(arch);
    if (key == t.arch_key && (t.built || t.phase == TrainPhase::Unavailable)) return;  // a rename or compile change
    t.arch_key = std::move(key);
    if (!t.settings_from_model) {
        convlab::Result<convlab::OptimizerConfig> c = convlab::optimizer_from_compile(app.model.compile);
        if (c.ok()) {
            t.settings.config = c.value;
            t.settings.optimizer = optimizer_of(c.value);
        } else {
            t.settings = training_default_settings(TrainOptimizer::AdadeltaKeras23, t.settings);
        }
        t.settings_from_model = true;
    }
    fresh_start(app);
}

void poll_loads(App& app) {
    TrainingSession& t = app.training;
    if (t.restore_request) {
        PlatformLoad l = platform_load_poll(t.restore_request, &t.io_bytes);
        if (l.state != 0) {
            t.restore_request = 0;
            if (l.state == 1 && t.phase == TrainPhase::Ready && t.batches_done == 0) restore(app, t.io_bytes);
        }
    }
    const Digits& digits = app.digits;
    if (t.phase == TrainPhase::LoadingData && digits.state == DigitsState::Failed) {
        t.reason = fmt(Str::TrainDataFailed, digits.error);
        set_phase(app, TrainPhase::Stopped);
        return;
    }
    if (!t.data && digits.state == DigitsState::Ready) {
        t.data = &digits.split;
        t.order.resize(size_t(t.data->train.count));
        for (size_t i = 0; i < t.order.size(); ++i) t.order[i] = int64_t(i);
        t.test_prediction.assign(size_t(t.data->test.count), 0);
        t.test_confidence.assign(size_t(t.data->test.count), 0.0f);
        t.test_order.resize(size_t(t.data->test.count));
        for (size_t i = 0; i < t.test_order.size(); ++i) t.test_order[i] = int32_t(i);
        if (t.phase == TrainPhase::LoadingData) {
            set_phase(app, TrainPhase::Ready);
            training_start(app);
        }
    }
}

// The current digit through the network in inference mode; keeps its class
// probabilities and every (H, W, C) layer output.
void run_probe(TrainingSession& t) {
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

void finish_evaluation(App& app) {
    TrainingSession& t = app.training;
    t.evaluating = false;
    std::memset(t.confusion, 0, sizeof t.confusion);
    int64_t correct = 0;
    for (int64_t i = 0; i < t.data->test.count; ++i) {
        const int truth = t.data->test.labels[size_t(i)], guess = t.test_prediction[size_t(i)];
        t.confusion[truth][guess]++;
        correct += truth == guess;
    }
    t.test_accuracy.push_back(float(100.0 * double(correct) / double(t.data->test.count)));
    // Mistakes first, the most confident mistakes first: those are the interesting ones.
    std::stable_sort(t.test_order.begin(), t.test_order.end(), [&](int32_t a, int32_t b) {
        const bool wa = t.test_prediction[size_t(a)] != t.data->test.labels[size_t(a)];
        const bool wb = t.test_prediction[size_t(b)] != t.data->test.labels[size_t(b)];
        if (wa != wb) return wa;
        return wa && t.test_confidence[size_t(a)] > t.test_confidence[size_t(b)];
    });
    t.evaluated = true;
    t.epoch++;
    autosave(t);
    if (t.epoch >= t.settings.epochs) set_phase(app, TrainPhase::Finished);
    app.state_dirty = true;
}

// Runs pieces of batches (or of the test pass) until the budget is used.
void run_slice(App& app, double budget_ms) {
    TrainingSession& t = app.training;
    const double start = platform_now_ms();
    if (t.probe_has_digit && (t.probe_dirty || (t.weights_version != t.probe_version && start - t.probe_at > kProbeEveryMs)))
        run_probe(t);
    const bool whole_batches = has_batch_norm(t.net);  // BN's batch statistics need the whole batch at once
    bool worked = false;
    while (t.phase == TrainPhase::Running) {
        const double left = budget_ms - (platform_now_ms() - start);
        if (t.evaluating) {
            const double per = t.ms_per_example / 3.0;  // a forward pass is about a third of a training step
            if (worked && left < per) break;
            const int64_t n = std::min({t.net.batch, t.data->test.count - t.eval_at,
                                        std::max<int64_t>(1, int64_t(left / per))});
            convlab::mnist_to_float(t.data->test, t.eval_at, n, t.x.data());
            convlab::network_forward(&t.net, t.x.data(), n, false);
            const float* p = convlab::network_probabilities(t.net);
            for (int64_t k = 0; k < n; ++k) {
                const float* row = p + k * 10;
                const int best = int(std::max_element(row, row + 10) - row);
                t.test_prediction[size_t(t.eval_at + k)] = uint8_t(best);
                t.test_confidence[size_t(t.eval_at + k)] = row[best];
            }
            t.eval_at += n;
            worked = true;
            if (t.eval_at == t.data->test.count) {
                finish_evaluation(app);
                if (t.pause_after_eval) {
                    t.pause_after_eval = false;
                    if (t.phase == TrainPhase::Running) training_pause(app);
                }
            }
            continue;
        }
        if (t.epoch >= t.settings.epochs) {
            set_phase(app, TrainPhase::Finished);
            break;
        }
        if (worked && left < t.ms_per_example) break;
        if (t.example == 0 && t.batch_done == 0) {
            // A new epoch: shuffle the training digits (Fisher-Yates), as Keras's fit(shuffle=True).
            for (size_t i = t.order.size(); i > 1; --i)
                std::swap(t.order[i - 1], t.order[convlab::rng_below(&t.shuffle, uint32_t(i))]);
            t.epoch_correct = 0;
        }
        const int64_t batch_start = t.example - t.batch_done;
        const int64_t batch_n = std::min(t.net.batch, t.data->train.count - batch_start);
        int64_t n = batch_n - t.batch_done;
        if (!whole_batches) n = std::min(n, std::max<int64_t>(1, int64_t(left / t.ms_per_example)));
        for (int64_t i = 0; i < n; ++i) {
            const int64_t k = t.order[size_t(t.example + i)];
            convlab::mnist_to_float(t.data->train, k, 1, t.x.data() + i * 784);
            t.labels[size_t(i)] = t.data->train.labels[size_t(k)];
        }
        const double before = platform_now_ms();
        convlab::StepStats stats;
        convlab::Status s = convlab::network_train_piece(&t.net, t.x.data(), t.labels.data(), n, batch_n, &stats);
        const double took = platform_now_ms() - before;
        t.ms_per_example = 0.8 * t.ms_per_example + 0.2 * std::max(0.05, took / double(n));
        worked = true;
        if (!s.ok()) {
            t.reason = diverged_reason(t);  // s.error says the same in English only
            t.example -= t.batch_done;
            t.batch_done = 0;
            t.batch_loss_sum = 0;
            t.weights_version++;
            set_phase(app, TrainPhase::Stopped);
            break;
        }
        t.batch_loss_sum += stats.loss * double(n);
        t.epoch_correct += stats.correct;
        t.example += n;
        t.batch_done += n;
        t.rate_window_examples += n;
        if (t.batch_done < batch_n) continue;
        s = convlab::network_finish_batch(&t.net);
        if (!s.ok()) {
            t.reason = diverged_reason(t);  // s.error says the same in English only
            t.example -= t.batch_done;
            t.batch_done = 0;
            t.batch_loss_sum = 0;
            t.weights_version++;
            set_phase(app, TrainPhase::Stopped);
            break;
        }
        const float loss = float(t.batch_loss_sum / double(batch_n));
        record_batch_loss(t, loss);
        t.batch_loss_sum = 0;
        t.batch_done = 0;
        t.batches_done++;
        t.weights_version++;
        bool pause = t.steps_requested > 0 && --t.steps_requested == 0;
        if (t.example == t.data->train.count) {
            t.train_accuracy.push_back(float(100.0 * double(t.epoch_correct) / double(t.data->train.count)));
            t.example = 0;
            t.evaluating = true;
            t.eval_at = 0;
            if (pause) {
                t.pause_after_eval = true;
                pause = false;
            }
        }
        if (pause) {
            training_pause(app);
            break;
        }
    }
    t.last_slice_ms = platform_now_ms() - start;
}

void update_speed(TrainingSession& t, double now) {
    if (t.phase != TrainPhase::Running) {
        t.rate_window_start = 0;
        t.seconds_left = 0;
        return;
    }
    if (t.rate_window_start == 0) {
        t.rate_window_start = now;
        t.rate_window_examples = 0;
        return;
    }
    const double seconds = (now - t.rate_window_start) / 1000.0;
    if (seconds < 1.0) return;
    if (t.rate_window_examples == 0) {  // testing, not training: keep the last training rate
        t.rate_window_start = now;
        return;
    }
    const double rate = double(t.rate_window_examples) / seconds;
    t.examples_per_second = t.examples_per_second > 0 ? 0.5 * t.examples_per_second + 0.5 * rate : rate;
    t.rate_window_start = now;
    t.rate_window_examples = 0;
    if (t.examples_per_second > 0) {
        const double train_left = double(t.settings.epochs - t.epoch) * double(t.data->train.count) - double(t.example);
        const double test_left = double(t.settings.epochs - t.epoch) * double(t.data->test.count) - double(t.eval_at);
        t.seconds_left = std::max(0.0, (train_left + test_left / 3.0) / t.examples_per_second);
    }
}

}  // namespace

const char* train_optimizer_id(TrainOptimizer o) { return kOptimizerIds[size_t(o)]; }

TrainSettings training_default_settings(TrainOptimizer o, const TrainSettings& base) {
    TrainSettings s = base;
    s.optimizer = o;
    s.config = convlab::optimizer_from_name(kOptimizerIds[size_t(o)]).value;
    return s;
}

void training_frame(App& app) {
    TrainingSession& t = app.training;
    t.last_slice_ms = 0.0;
    const TrainPhase before = t.phase;
    sync_model(app);
    if (!t.pending_weights.empty()) {  // a model file's weights, now that its model is built
        if (t.phase == TrainPhase::Running || t.phase == TrainPhase::LoadingData) training_pause(app);
        const std::string why = training_load_weights(app, t.pending_weights);
        t.pending_weights.clear();
        t.restore_request = 0;  // the file's weights win over any kept in this browser
        if (!why.empty() && t.built) {  // shown in red on the Training tab; the model stays imported
            t.reason = why;
            set_phase(app, TrainPhase::Stopped);
        }
    }
    poll_loads(app);
    if (t.phase == TrainPhase::Running) {
        t.slice_budget_ms = std::min(kSliceMaxMs, std::max(kSliceBudgetMs, kSliceShareOfSlowFrame * t.frame_interval_ms));
        run_slice(app, t.slice_budget_ms);
    } else if (t.built && t.probe_has_digit && (t.probe_dirty || t.weights_version != t.probe_version)) {
        const double start = platform_now_ms();
        run_probe(t);
        t.last_slice_ms = platform_now_ms() - start;
    }
    const double now = platform_now_ms();
    update_speed(t, now);
    if (t.phase != before || (t.phase == TrainPhase::Running && now - t.last_publish > kPublishEveryMs) ||
        t.phase == TrainPhase::LoadingData || (t.frames.done && !t.frames.published)) {
        t.frames.published = t.frames.done;
        app.state_dirty = true;
    }
    if (app.state_dirty) t.last_publish = now;
}

void training_note_frame(TrainingSession& t, double frame_cpu_ms, double render_ms, double raf_ms) {
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
    f.measuring = false;
    f.done = true;
}

void training_measure_frames(TrainingSession& t) {
    t.frames.measuring = true;
    t.frames.done = false;
    t.frames.published = false;
    t.frames.skipped = 0;
    t.frames.taken = 0;
}

std::string training_start(App& app) {
    TrainingSession& t = app.training;
    if (t.phase == TrainPhase::Unavailable) return t.reason;
    if (t.phase == TrainPhase::Running || t.phase == TrainPhase::LoadingData) return "";
    t.restore_request = 0;  // training from here on: a late restore must not replace these weights
    t.restored_note = false;
    if (!t.data) {
        digits_request(app.digits);
        t.reason.clear();
        set_phase(app, TrainPhase::LoadingData);
        return "";
    }
    if (t.phase == TrainPhase::Finished) t.settings.epochs = t.epoch + 1;  // one more epoch
    if (t.phase == TrainPhase::Stopped) t.steps_requested = 0;
    t.reason.clear();
    set_phase(app, TrainPhase::Running);
    return "";
}

void training_pause(App& app) {
    TrainingSession& t = app.training;
    if (t.phase == TrainPhase::LoadingData) {
        set_phase(app, TrainPhase::Ready);
        return;
    }
    if (t.phase != TrainPhase::Running) return;
    t.steps_requested = 0;
    set_phase(app, TrainPhase::Paused);
    autosave(t);
}

std::string training_step(App& app) {
    TrainingSession& t = app.training;
    if (t.phase == TrainPhase::Running) return "";
    std::string why = training_start(app);
    if (!why.empty()) return why;
    t.steps_requested = 1;
    return "";
}

void training_reset(App& app) {
    TrainingSession& t = app.training;
    if (!t.built && t.phase == TrainPhase::Unavailable) return;
    if (t.built) {
        // Forget the weights kept in this browser too, or a reload would bring them back.
        t.io_bytes.clear();
        platform_store_bytes(storage_key(t), t.io_bytes.data(), 0);
    }
    fresh_start(app);
    t.restore_request = 0;
}

std::string training_apply_settings(App& app, const TrainSettings& s) {
    TrainingSession& t = app.training;
    if (t.phase == TrainPhase::Running || t.phase == TrainPhase::LoadingData) return "pause training first";
    if (s.epochs < 1 || s.epochs > 100) return "epochs must be 1 to 100";
    if (s.batch < 1 || s.batch > 512) return "the batch size must be 1 to 512";
    if (!(s.config.learning_rate > 0) || s.config.learning_rate > 100) return "the learning rate must be above 0 and at most 100";
    const TrainSettings old = t.settings;
    t.settings = s;
    if (t.phase == TrainPhase::Unavailable) return "";
    const bool trained = t.batches_done > 0 || t.restored;
    if (t.batch_done > 0) {  // a batch half done is dropped: its pieces belong to the old settings
        t.example -= t.batch_done;
        t.batch_done = 0;
        t.batch_loss_sum = 0;
        std::fill(t.net.grad_sum.begin(), t.net.grad_sum.end(), 0.0f);
    }
    if (s.seed != old.seed && !trained) {
        fresh_start(app);
        return "";
    }
    if (s.batch != old.batch) rebuild(app, true);
    else t.net.optimizer = convlab::optimizer_create(s.config, int64_t(t.net.params.size()));
    if (t.phase == TrainPhase::Stopped && t.built) set_phase(app, t.batches_done > 0 ? TrainPhase::Paused : TrainPhase::Ready);
    if (t.phase == TrainPhase::Finished && s.epochs > t.epoch) set_phase(app, TrainPhase::Paused);
    app.state_dirty = true;
    return "";
}

void training_set_digit(App& app, const float* pixels28) {
    TrainingSession& t = app.training;
    std::copy(pixels28, pixels28 + 784, t.probe);
    t.probe_has_digit = true;
    t.probe_dirty = true;
    app.state_dirty = true;
}

void training_set_drawing(App& app, const float* ink, int h, int w) {
    TrainingSession& t = app.training;
    t.probe_has_digit = convlab::mnist_center_drawing(ink, h, w, t.probe);
    if (!t.probe_has_digit) std::fill(t.probabilities, t.probabilities + 10, 0.0f);
    t.probe_dirty = true;
    app.state_dirty = true;
}

std::string training_set_test_digit(App& app, int index) {
    TrainingSession& t = app.training;
    if (!t.data) {
        digits_request(app.digits);
        return "the digits are still loading; try again in a moment";
    }
    if (index < 0 || index >= t.data->test.count) return "no such test digit (0 to " + std::to_string(t.data->test.count - 1) + ")";
    float pixels[784];
    convlab::mnist_to_float(t.data->test, index, 1, pixels);
    training_set_digit(app, pixels);
    return "";
}

void training_save_convlab(App& app) {
    TrainingSession& t = app.training;
    if (!t.built) return;
    // The model editor's file format (model_file.h) with its "weights" member:
    // base64 of the float32 weights in Keras's order.
    const std::string text =
        convlab::write_model_file(app.model, convlab::json_quote(convlab::weights_to_base64(t.net)));
    platform_download_bytes("convlab-model.json", "application/json", reinterpret_cast<const uint8_t*>(text.data()),
                            text.size());
}

void training_save_tfjs(App& app) {
    TrainingSession& t = app.training;
    if (!t.built) return;
    const convlab::TfjsFiles files = convlab::export_tfjs(t.net, "weights.bin");
    platform_download_bytes("model.json", "application/json",
                            reinterpret_cast<const uint8_t*>(files.model_json.data()), files.model_json.size());
    platform_download_bytes("weights.bin", "application/octet-stream", files.weights_bin.data(),
                            files.weights_bin.size());
}

std::string training_load_weights(App& app, const std::string& base64) {
    TrainingSession& t = app.training;
    if (!t.built) return t.reason.empty() ? "the model cannot train" : t.reason;
    if (t.phase == TrainPhase::Running) return "pause training first";
    std::vector<float> w;
    if (!convlab::weights_from_base64(base64, int64_t(t.net.params.size()), &w))
        return fmt(Str::TrainWeightsMismatch, std::to_string(t.net.params.size()));
    t.net.params = w;
    t.net.params_before_step = w;
    t.restored = true;
    t.weights_version++;
    t.probe_dirty = true;
    app.state_dirty = true;
    return "";
}

double training_weights_checksum(const TrainingSession& t) {
    double sum = 0.0;
    for (size_t i = 0; i < t.net.params.size(); ++i) sum += double(t.net.params[i]) * double(1 + i % 7);
    return sum;
}

std::string training_state_json(const TrainingSession& t, const Digits& digits) {
    static const char* const phases[] = {"unavailable", "ready", "loading_data", "running", "paused", "finished", "stopped"};
    const auto list = [](const std::vector<float>& v) {
        std::string s = "[";
        char buf[32];
        for (size_t i = 0; i < v.size(); ++i) {
            std::snprintf(buf, sizeof buf, "%s%.4g", i ? "," : "", double(v[i]));
            s += buf;
        }
        return s + "]";
    };
    const int64_t per_epoch = t.data ? t.data->train.count : kTrainDigits;
    const double done = double(t.epoch) * double(per_epoch) + double(t.evaluating ? per_epoch : t.example);
    const double progress = t.settings.epochs > 0 ? std::min(1.0, done / (double(t.settings.epochs) * double(per_epoch))) : 0.0;
    char buf[1024];
    std::snprintf(buf, sizeof buf,
                  "{\"status\":\"%s\",\"epoch\":%d,\"epochs\":%d,\"batch\":%lld,\"batch_size\":%d,"
                  "\"batches_per_epoch\":%lld,\"example\":%lld,\"progress\":%.4f,\"evaluating\":%s,"
                  "\"loss\":%.5g,\"smoothed_loss\":%.5g,\"examples_per_second\":%.1f,\"seconds_left\":%.1f,"
                  "\"optimizer\":\"%s\",\"lr\":%.6g,\"seed\":%llu,\"data_loaded\":%s,\"data_received\":%.0f,"
                  "\"restored\":%s,\"restored_epochs\":%d,\"weights_checksum\":%.9g,\"ms_per_example\":%.3f,",
                  phases[size_t(t.phase)], t.epoch, t.settings.epochs, static_cast<long long>(t.batches_done),
                  t.settings.batch, static_cast<long long>((per_epoch + t.settings.batch - 1) / t.settings.batch),
                  static_cast<long long>(t.example), progress, t.evaluating ? "true" : "false",
                  t.batch_loss.empty() ? 0.0 : double(t.batch_loss.back()),
                  t.smoothed_loss.empty() ? 0.0 : double(t.smoothed_loss.back()), t.examples_per_second,
                  t.seconds_left, train_optimizer_id(t.settings.optimizer), t.settings.config.learning_rate,
                  static_cast<unsigned long long>(t.settings.seed), t.data ? "true" : "false",
                  digits.received, t.restored ? "true" : "false", t.restored_epochs,
                  training_weights_checksum(t), t.ms_per_example);
    std::string s = buf;
    s += "\"reason\":" + convlab::json_quote(t.reason);
    s += ",\"train_accuracy\":" + list(t.train_accuracy) + ",\"test_accuracy\":" + list(t.test_accuracy);
    s += ",\"probabilities\":" + (t.probe_has_digit ? list(std::vector<float>(t.probabilities, t.probabilities + 10)) : std::string("null"));
    int prediction = -1;
    if (t.probe_has_digit) prediction = int(std::max_element(t.probabilities, t.probabilities + 10) - t.probabilities);
    s += ",\"prediction\":" + std::to_string(prediction);
    int mistakes = 0;
    if (t.evaluated)
        for (int i = 0; i < 10; ++i)
            for (int j = 0; j < 10; ++j) mistakes += i != j ? t.confusion[i][j] : 0;
    s += ",\"test_mistakes\":" + std::to_string(mistakes);
    const FrameStats& f = t.frames;
    std::snprintf(buf, sizeof buf,
                  ",\"frames\":{\"measuring\":%s,\"done\":%s,\"taken\":%d,\"ui_ms_median\":%.3f,\"ui_ms_p95\":%.3f,"
                  "\"raf_ms_median\":%.2f,\"raf_ms_p95\":%.2f,\"slice_ms_median\":%.2f,\"slice_budget_ms\":%.1f,"
                  "\"render_ms_median\":%.3f}}",
                  f.measuring ? "true" : "false", f.done ? "true" : "false", f.taken, f.ui_median, f.ui_p95,
                  f.raf_median, f.raf_p95, f.slice_median, t.slice_budget_ms, f.render_median);
    s += buf;
    return s;
}
