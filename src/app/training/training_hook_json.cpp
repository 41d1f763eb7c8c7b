// training_hook_json.cpp: the training part of the test hook's state JSON
// (training_state_json) and the weights' checksum it carries. Not the hook's
// verbs (training_commands.cpp) and not the session: it only reads it.
#include <algorithm>
#include <cstdio>

#include "app/training/training_session.h"
#include "core/io/json.h"

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
    const int64_t per_epoch = t.data ? t.data->train.count : convlab::kMnistTrainCount;
    const double done = double(t.schedule.epoch) * double(per_epoch) +
                        double(t.schedule.evaluation_due ? per_epoch : training_epoch_examples(t));
    const double progress = t.settings.epochs > 0 ? std::min(1.0, done / (double(t.settings.epochs) * double(per_epoch))) : 0.0;
    char buf[1024];
    std::snprintf(buf, sizeof buf,
                  "{\"status\":\"%s\",\"epoch\":%d,\"epochs\":%d,\"batch\":%lld,\"batch_size\":%d,"
                  "\"batches_per_epoch\":%lld,\"example\":%lld,\"progress\":%.4f,\"evaluating\":%s,"
                  "\"loss\":%.5g,\"smoothed_loss\":%.5g,\"examples_per_second\":%.1f,\"seconds_left\":%.1f,"
                  "\"optimizer\":\"%s\",\"lr\":%.6g,\"seed\":%llu,\"data_loaded\":%s,\"data_received\":%.0f,"
                  "\"restored\":%s,\"restored_epochs\":%d,\"weights_checksum\":%.9g,\"ms_per_example\":%.3f,",
                  phases[size_t(t.phase)], t.schedule.epoch, t.settings.epochs, static_cast<long long>(t.batches_done),
                  t.settings.batch, static_cast<long long>(convlab::epoch_schedule_batches_per_epoch(per_epoch, t.settings.batch)),
                  static_cast<long long>(training_epoch_examples(t)), progress, t.schedule.evaluation_due ? "true" : "false",
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
