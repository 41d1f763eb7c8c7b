// training_session.cpp: the session's state machine (ready → loading data →
// running ⇄ paused → finished, or stopped with a reason) and the frame slice
// that runs pieces of batches and the test pass, in the order the core's epoch
// schedule gives. Not the stored form (training_store.cpp), the current digit
// (training_probe.cpp), frame timing or the hook's JSON. Every number shown
// comes from the core; the session only schedules and counts.
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
#include "core/message/message.h"
#include "core/train/loss.h"
#include "app/text/message_text.h"
#include "app/training/training_store.h"
#include "app/training/training_worker.h"
#include "platform/platform.h"

namespace {

using convlab::Network;

// Training time per frame. The rest of a 33 ms frame (30 frames per second)
// stays with drawing the page, so it keeps answering the mouse while training.
// When the page is slower than that anyway (a busy machine, software WebGL),
// training takes 40% of the measured frame, up to 40 ms, rather than crawl.
constexpr double kSliceBudgetMs = 12.0, kSliceShareOfSlowFrame = 0.4, kSliceMaxMs = 40.0;
constexpr double kProbeEveryMs = 400.0;   // the current digit, re-run while the weights change
constexpr float kSmoothing = 0.95f;       // the smoothed loss: an exponential moving average, debiased

const char* const kOptimizerIds[] = {"sgd", "adam", "rmsprop", "adadelta-keras2.3", "adadelta-tf"};

void set_phase(App& app, TrainPhase p) {
    app.training.phase = p;
}

// Stops training when the loss or an update went non-finite: the batch in
// progress is dropped and the reason written in the page's language (the
// core's Status says it in English only, for the CLI).
void stop_diverged(App& app) {
    TrainingSession& t = app.training;
    char lr[32];
    std::snprintf(lr, sizeof lr, "%g", t.settings.config.learning_rate);
    t.reason = convlab::fill_slots(tr(app.language.shown, Str::TrainDiverged),
                                   {std::to_string(t.batches_done + 1), lr});
    t.batch_done = 0;
    t.batch_loss_sum = 0;
    t.weights_version++;
    set_phase(app, TrainPhase::Stopped);
}

bool has_batch_norm(const Network& net) {
    for (const convlab::NetLayer& l : net.layers)
        if (l.spec.kind == convlab::LayerKind::BatchNormalization) return true;
    return false;
}

// One update's loss, and the smoothed curve: an exponential moving average,
// debiased by 1 - 0.95^n so its first points are not pulled towards 0.
void record_batch_loss(TrainingSession& t, float loss) {
    t.batch_loss.push_back(loss);
    t.smoothed = kSmoothing * t.smoothed + (1.0f - kSmoothing) * loss;
    t.smoothed_loss.push_back(float(t.smoothed / (1.0 - std::pow(double(kSmoothing), double(t.batch_loss.size())))));
}

// Puts back what autosave kept, if it was saved for this architecture. A
// stored form that is cut short, from another architecture or not finite is
// ignored whole: the session stays as it was.
bool restore(App& app, const std::vector<uint8_t>& bytes) {
    TrainingSession& t = app.training;
    StoredProgress stored;
    if (!training_store_read(bytes, t.net.params.size(), &stored) || stored.arch_key != t.arch_key ||
        stored.weights.size() != t.net.params.size())
        return false;
    t.net.params = stored.weights;
    t.net.params_before_step = stored.weights;
    t.restored = true;
    t.restored_epochs = int(stored.epochs);
    t.restored_note = true;
    t.weights_version++;
    t.probe_dirty = true;
    // The progress: curves as they were, the next epoch where it stopped.
    t.schedule.epoch = int(stored.epochs);
    t.batches_done = stored.updates;
    t.batch_loss.clear();
    t.smoothed_loss.clear();
    t.smoothed = 0;
    for (float loss : stored.batch_losses) record_batch_loss(t, loss);  // the smoothed curve, rebuilt as training built it
    t.train_accuracy = std::move(stored.train_accuracy);
    t.test_accuracy = std::move(stored.test_accuracy);
    set_phase(app, t.schedule.epoch >= t.settings.epochs ? TrainPhase::Finished : TrainPhase::Paused);
    training_worker_post_restore(t, bytes);  // the worker restores the same bytes
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
    // The CLI's schedule: the same seed shuffles the same epochs.
    t.schedule = convlab::epoch_schedule_start(t.data ? t.data->train.count : convlab::kMnistTrainCount,
                                               t.settings.seed);
    t.batch_done = 0;
    t.batches_done = 0;
    t.batch_loss_sum = 0;
    t.epoch_correct = 0;
    t.steps_requested = 0;
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
}

// Builds the network for the App's model. keep_weights: carry the trained
// weights over (same architecture, new batch size or optimizer).
void rebuild(App& app, bool keep_weights) {
    const Lang lang = app.language.shown;
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
        t.reason = convlab::fill_slots(tr(lang, Str::TrainCannotBuild), {message_text(lang, s.message)});  // the core's s.error is English
        set_phase(app, TrainPhase::Unavailable);
        return;
    }
    if (net.summary.input != convlab::Shape::image(28, 28, 1)) {
        t.reason = convlab::fill_slots(tr(lang, Str::TrainWrongInput), {net.summary.input.to_string()});
        set_phase(app, TrainPhase::Unavailable);
        return;
    }
    if (net.classes != 10) {
        t.reason = convlab::fill_slots(tr(lang, Str::TrainWrongClasses), {std::to_string(net.classes)});
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
    t.confirm_reset = false;
    t.restored = false;
    t.restored_note = false;
    rebuild(app, false);
    if (!t.built) return;
    set_phase(app, TrainPhase::Ready);
    // The browser's storage is the page's: the worker's session restores only what the page sends it.
    if (!t.worker_side) t.restore_request = platform_stored_begin(training_storage_key(t));
}

void sync_model(App& app) {
    const Lang lang = app.language.shown;
    TrainingSession& t = app.training;
    if (!t.model_changed) return;
    t.model_changed = false;
    training_worker_post_model(app);  // the worker follows every model the page takes, in order
    if (!app.model_ok) {
        t.built = false;
        t.arch_key.clear();
        t.reason = convlab::fill_slots(tr(lang, Str::TrainModelInvalid), {problem_text(lang, app.problem, app.model)});  // in the UI language
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
    const Lang lang = app.language.shown;
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
        t.reason = convlab::fill_slots(tr(lang, Str::TrainDataFailed), {digits.error});
        set_phase(app, TrainPhase::Stopped);
        return;
    }
    if (!t.data && digits.state == DigitsState::Ready) {
        t.data = &digits.split;
        if (t.schedule.train_count != t.data->train.count) {  // a file with fewer digits than the split takes
            const int epochs_done = t.schedule.epoch;
            t.schedule = convlab::epoch_schedule_start(t.data->train.count, t.settings.seed);
            t.schedule.epoch = epochs_done;
        }
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

void finish_evaluation(App& app) {
    TrainingSession& t = app.training;
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
    t.eval_serial++;
    convlab::epoch_schedule_evaluated(&t.schedule);
    training_autosave(t);
    if (t.schedule.epoch >= t.settings.epochs) set_phase(app, TrainPhase::Finished);
}

}  // namespace

// Runs pieces of batches (or of the test pass) until the budget is used.
void training_run_slice(App& app, double budget_ms) {
    TrainingSession& t = app.training;
    const double start = platform_now_ms();
    if (t.probe_has_digit && (t.probe_dirty || (t.weights_version != t.probe_version && start - t.probe_at > kProbeEveryMs)))
        training_run_probe(t);
    const bool whole_batches = has_batch_norm(t.net);  // BN's batch statistics need the whole batch at once
    bool worked = false;
    while (t.phase == TrainPhase::Running) {
        const double left = budget_ms - (platform_now_ms() - start);
        if (t.schedule.evaluation_due) {
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
        if (t.schedule.epoch >= t.settings.epochs) {
            set_phase(app, TrainPhase::Finished);
            break;
        }
        if (worked && left < t.ms_per_example) break;
        const convlab::EpochBatch batch = convlab::epoch_schedule_batch(&t.schedule, t.net.batch);
        if (batch.starts_epoch) t.epoch_correct = 0;
        const int64_t batch_n = batch.count;
        int64_t n = batch_n - t.batch_done;
        if (!whole_batches) n = std::min(n, std::max<int64_t>(1, int64_t(left / t.ms_per_example)));
        for (int64_t i = 0; i < n; ++i) {
            const int64_t k = batch.examples[t.batch_done + i];
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
            stop_diverged(app);
            break;
        }
        t.batch_loss_sum += stats.loss * double(n);
        t.epoch_correct += stats.correct;
        t.batch_done += n;
        t.rate_window_examples += n;
        if (t.batch_done < batch_n) continue;
        s = convlab::network_finish_batch(&t.net);
        if (!s.ok()) {
            stop_diverged(app);
            break;
        }
        const float loss = float(t.batch_loss_sum / double(batch_n));
        record_batch_loss(t, loss);
        t.batch_loss_sum = 0;
        t.batch_done = 0;
        t.batches_done++;
        t.weights_version++;
        convlab::epoch_schedule_batch_done(&t.schedule, batch_n);
        bool pause = t.steps_requested > 0 && --t.steps_requested == 0;
        if (t.schedule.evaluation_due) {
            t.train_accuracy.push_back(float(100.0 * double(t.epoch_correct) / double(t.data->train.count)));
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
}

namespace {

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
        const double epochs_left = double(t.settings.epochs - t.schedule.epoch);
        const double train_left = epochs_left * double(t.data->train.count) - double(training_epoch_examples(t));
        const double test_left = epochs_left * double(t.data->test.count) - double(t.eval_at);
        t.seconds_left = std::max(0.0, (train_left + test_left / 3.0) / t.examples_per_second);
    }
}

}  // namespace

const char* train_optimizer_id(TrainOptimizer o) { return kOptimizerIds[size_t(o)]; }

bool training_restore_bytes(App& app, const std::vector<uint8_t>& bytes) { return restore(app, bytes); }

void training_take_model(App& app) { sync_model(app); }

int64_t training_epoch_examples(const TrainingSession& t) { return t.schedule.batch_start + t.batch_done; }

TrainSettings training_default_settings(TrainOptimizer o, const TrainSettings& base) {
    TrainSettings s = base;
    s.optimizer = o;
    s.config = convlab::optimizer_from_name(kOptimizerIds[size_t(o)]).value;
    return s;
}

void training_frame(App& app) {
    TrainingSession& t = app.training;
    t.last_slice_ms = 0.0;
    if (t.worker) {
        if (t.worker_lang != int(app.language.shown)) {  // the worker words a stop in the page's language
            t.worker_lang = int(app.language.shown);
            training_worker_post(t, "lang " + std::to_string(t.worker_lang));
        }
        training_worker_receive(app);  // what the worker published since the last frame
    }
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
    if (t.autosave_due) training_autosave(t);  // asked for by the training thread
    if (t.phase == TrainPhase::Running && t.threaded) {
        t.slice_budget_ms = 0;  // the thread trains (training_thread.h)
    } else if (t.worker) {
        // The worker trains (training_worker.h); the page only runs the current
        // digit through its copy of the weights: when they change, at most every 400 ms.
        t.slice_budget_ms = 0;
        const double start = platform_now_ms();
        if (t.built && t.probe_has_digit &&
            (t.probe_dirty || (t.weights_version != t.probe_version && start - t.probe_at > kProbeEveryMs))) {
            training_run_probe(t);
            t.last_slice_ms = platform_now_ms() - start;
        }
        return;  // the speed is the worker's
    } else if (t.phase == TrainPhase::Running) {
        t.slice_budget_ms = std::min(kSliceMaxMs, std::max(kSliceBudgetMs, kSliceShareOfSlowFrame * t.frame_interval_ms));
        const double start = platform_now_ms();
        training_run_slice(app, t.slice_budget_ms);
        t.last_slice_ms = platform_now_ms() - start;  // the frame's own: the thread's pieces are not the UI's time
    } else if (t.built && t.probe_has_digit && (t.probe_dirty || t.weights_version != t.probe_version)) {
        const double start = platform_now_ms();
        training_run_probe(t);
        t.last_slice_ms = platform_now_ms() - start;
    }
    update_speed(t, platform_now_ms());
}

void training_refresh_checksum(TrainingSession& t) {
    // It reads every weight (1.2 M for the seed model): once per change of the
    // weights that a reader asks about, never per frame.
    if (t.checksum_version == t.weights_version) return;
    t.weights_checksum = training_weights_checksum(t);
    t.checksum_version = t.weights_version;
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
        training_worker_post(t, "start");  // the worker loads its own copy of the digits
        return "";
    }
    if (t.phase == TrainPhase::Finished) t.settings.epochs = t.schedule.epoch + 1;  // one more epoch
    if (t.phase == TrainPhase::Stopped) t.steps_requested = 0;
    t.reason.clear();
    set_phase(app, TrainPhase::Running);
    training_worker_post(t, "start");
    return "";
}

void training_pause(App& app) {
    TrainingSession& t = app.training;
    if (t.phase == TrainPhase::LoadingData) {
        set_phase(app, TrainPhase::Ready);
        training_worker_post(t, "pause");
        return;
    }
    if (t.phase != TrainPhase::Running) return;
    t.steps_requested = 0;
    set_phase(app, TrainPhase::Paused);
    training_worker_post(t, "pause");
    // With the worker, the weights it paused on come after this: the page saves them then.
    if (!t.worker) training_autosave(t);
}

std::string training_step(App& app) {
    TrainingSession& t = app.training;
    if (t.phase == TrainPhase::Running) return "";
    // The worker is told "step", not "start" then "step" (a step while running does nothing).
    const bool worker = t.worker;
    t.worker = false;
    std::string why = training_start(app);
    t.worker = worker;
    if (!why.empty()) return why;
    t.steps_requested = 1;
    training_worker_post(t, "step");
    return "";
}

void training_reset(App& app) {
    TrainingSession& t = app.training;
    if (!t.built && t.phase == TrainPhase::Unavailable) return;
    if (t.built && !t.worker_side) {
        // Forget the weights kept in this browser too, or a reload would bring them back.
        t.io_bytes.clear();
        platform_store_bytes(training_storage_key(t), t.io_bytes.data(), 0);
    }
    fresh_start(app);
    t.restore_request = 0;
    training_worker_post(t, "reset");
}

std::string training_apply_settings(App& app, const TrainSettings& s) {
    TrainingSession& t = app.training;
    if (t.phase == TrainPhase::Running || t.phase == TrainPhase::LoadingData) return "pause training first";
    if (s.epochs < 1 || s.epochs > 100) return "epochs must be 1 to 100";
    if (s.batch < 1 || s.batch > 512) return "the batch size must be 1 to 512";
    if (!(s.config.learning_rate > 0) || s.config.learning_rate > 100) return "the learning rate must be above 0 and at most 100";
    const TrainSettings old = t.settings;
    t.settings = s;
    training_worker_post_settings(t);
    if (t.phase == TrainPhase::Unavailable) return "";
    const bool trained = t.batches_done > 0 || t.restored;
    if (t.batch_done > 0) {  // a batch half done is dropped: its pieces belong to the old settings
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
    if (t.phase == TrainPhase::Finished && s.epochs > t.schedule.epoch) set_phase(app, TrainPhase::Paused);
    return "";
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
    const Lang lang = app.language.shown;
    TrainingSession& t = app.training;
    if (!t.built) return t.reason.empty() ? "the model cannot train" : t.reason;
    if (t.phase == TrainPhase::Running) return "pause training first";
    std::vector<float> w;
    if (!convlab::weights_from_base64(base64, int64_t(t.net.params.size()), &w))
        return convlab::fill_slots(tr(lang, Str::TrainWeightsMismatch), {std::to_string(t.net.params.size())});
    t.net.params = w;
    t.net.params_before_step = w;
    t.restored = true;
    t.weights_version++;
    t.probe_dirty = true;
    training_worker_post(t, "weights " + base64);
    return "";
}
