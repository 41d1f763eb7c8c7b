// training_hook_json.cpp: the training part of the test hook's state JSON
// (training_state_json) and the weights' checksum it carries. Not the hook's
// verbs (training_commands.cpp) and not the session: it only reads it.
#include <algorithm>
#include <cstdio>

#include "core/parallel/thread_pool.h"
#include "app/training/training_session.h"
#include "core/io/json_writer.h"

double training_weights_checksum(const TrainingSession& t) {
    double sum = 0.0;
    for (size_t i = 0; i < t.net.params.size(); ++i) sum += double(t.net.params[i]) * double(1 + i % 7);
    return sum;
}

std::string training_state_json(const TrainingSession& t, const Digits& digits) {
    static const char* const phases[] = {"unavailable", "ready", "loading_data", "running", "paused", "finished", "stopped"};
    const auto list = [](convlab::JsonWriter* w, const float* v, size_t n) {
        w->begin_array();
        for (size_t i = 0; i < n; ++i) w->number(double(v[i]), "%.4g");
        w->end_array();
    };
    const int64_t per_epoch = t.data ? t.data->train.count : convlab::kMnistTrainCount;
    const double done = double(t.schedule.epoch) * double(per_epoch) +
                        double(t.schedule.evaluation_due ? per_epoch : training_epoch_examples(t));
    const double progress = t.settings.epochs > 0 ? std::min(1.0, done / (double(t.settings.epochs) * double(per_epoch))) : 0.0;
    convlab::JsonWriter w;
    w.begin_object().member("status", phases[size_t(t.phase)]).member("epoch", t.schedule.epoch);
    w.member("epochs", t.settings.epochs).member("batch", t.batches_done).member("batch_size", t.settings.batch);
    w.member("batches_per_epoch", convlab::epoch_schedule_batches_per_epoch(per_epoch, t.settings.batch));
    w.member("example", training_epoch_examples(t)).member("progress", progress, "%.4f");
    w.member("evaluating", t.schedule.evaluation_due);
    w.member("loss", t.batch_loss.empty() ? 0.0 : double(t.batch_loss.back()), "%.5g");
    w.member("smoothed_loss", t.smoothed_loss.empty() ? 0.0 : double(t.smoothed_loss.back()), "%.5g");
    w.member("examples_per_second", t.examples_per_second, "%.1f").member("seconds_left", t.seconds_left, "%.1f");
    w.member("optimizer", train_optimizer_id(t.settings.optimizer)).member("lr", t.settings.config.learning_rate, "%.6g");
    w.key("seed").raw(std::to_string(t.settings.seed));
    w.member("data_loaded", t.data != nullptr).member("data_received", digits.received, "%.0f");
    w.member("restored", t.restored).member("restored_epochs", t.restored_epochs);
    w.member("weights_checksum", t.weights_checksum).member("ms_per_example", t.ms_per_example, "%.3f");
    w.member("reason", t.reason).member("confirm_reset", t.confirm_reset);
    w.member("mode", t.threaded ? "thread" : t.worker ? "worker" : "frames")
        .member("worker_behind", int64_t(t.worker ? t.worker_seq - t.worker_acked : 0)).member("threads", convlab::thread_count());
    list(&w.key("train_accuracy"), t.train_accuracy.data(), t.train_accuracy.size());
    list(&w.key("test_accuracy"), t.test_accuracy.data(), t.test_accuracy.size());
    if (t.probe_has_digit) list(&w.key("probabilities"), t.probabilities, 10);
    else w.key("probabilities").null();
    int prediction = -1;
    if (t.probe_has_digit) prediction = int(std::max_element(t.probabilities, t.probabilities + 10) - t.probabilities);
    w.member("prediction", prediction);
    int mistakes = 0;
    if (t.evaluated)
        for (int i = 0; i < 10; ++i)
            for (int j = 0; j < 10; ++j) mistakes += i != j ? t.confusion[i][j] : 0;
    w.member("test_mistakes", mistakes);
    const FrameStats& f = t.frames;
    w.key("frames").begin_object().member("measuring", f.measuring).member("done", f.done).member("taken", f.taken);
    w.member("ui_ms_median", f.ui_median, "%.3f").member("ui_ms_p95", f.ui_p95, "%.3f");
    w.member("raf_ms_median", f.raf_median, "%.2f").member("raf_ms_p95", f.raf_p95, "%.2f");
    w.member("slice_ms_median", f.slice_median, "%.2f").member("slice_budget_ms", t.slice_budget_ms, "%.1f");
    w.member("render_ms_median", f.render_median, "%.3f");
    w.member("wait_ms_median", f.wait_median, "%.3f").member("wait_ms_p95", f.wait_p95, "%.3f").end_object();
    return w.end_object().take();
}
