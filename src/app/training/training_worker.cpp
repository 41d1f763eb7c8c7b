// training_worker.cpp: see training_worker.h. The messages are short lines of
// text (a command, or "key values..." lines of progress) plus, now and then,
// the weights as a Float32Array whose buffer is transferred, not copied again.
#include "app/training/training_worker.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "app/app.h"
#include "app/digits.h"
#include "core/io/base64.h"
#include "core/io/model_url.h"
#include "platform/platform.h"

#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
#define CONVLAB_TRAINING_WORKER 1
#include <emscripten.h>
#else
#define CONVLAB_TRAINING_WORKER 0
#endif

namespace {

std::string settings_line(const TrainSettings& s) {
    const convlab::OptimizerConfig& c = s.config;
    char text[320];
    std::snprintf(text, sizeof text, "settings %d %d %llu %d %d %.17g %.17g %d %.17g %.17g %.17g %.17g ", s.epochs, s.batch,
                  static_cast<unsigned long long>(s.seed), int(s.optimizer), int(c.kind), c.learning_rate, c.momentum,
                  c.nesterov ? 1 : 0, c.beta_1, c.beta_2, c.rho, c.epsilon);
    return text + c.name;
}

#if CONVLAB_TRAINING_WORKER  // the rest of this namespace is the worker build's only

bool parse_settings(std::istream& in, TrainSettings* s) {
    unsigned long long seed = 0;
    int optimizer = 0, kind = 0, nesterov = 0;
    convlab::OptimizerConfig& c = s->config;
    if (!(in >> s->epochs >> s->batch >> seed >> optimizer >> kind >> c.learning_rate >> c.momentum >> nesterov >>
          c.beta_1 >> c.beta_2 >> c.rho >> c.epsilon))
        return false;
    if (optimizer < 0 || optimizer >= int(TrainOptimizer::Count)) return false;
    s->seed = seed;
    s->optimizer = TrainOptimizer(optimizer);
    c.kind = convlab::OptimizerKind(kind);
    c.nesterov = nesterov != 0;
    in.get();  // the space before the name
    std::getline(in, c.name);
    return true;
}

#endif

}  // namespace

#if CONVLAB_TRAINING_WORKER

// ---------------------------------------------------------------- page side

EM_JS(int, js_worker_start, (), {
    if (typeof Worker !== "function") return 0;
    // ?training=frames keeps the old way, slices of the UI's frames: for measuring one against the other.
    if (new URLSearchParams(location.search).get("training") === "frames") return 0;
    var build = (typeof window === "object" && window.convlabHook && window.convlabHook.build) || "simd";
    try {
        var w = new Worker("training_worker.js");
        Module.trainingInbox = [];
        Module.trainingWorker = w;
        w.onmessage = function(e) {
            // Without frames (a hidden tab) nothing takes the messages: keep only the newest weights.
            var inbox = Module.trainingInbox;
            if (e.data.weights) inbox.forEach(function(m) { m.weights = null; });
            inbox.push(e.data);
        };
        w.onerror = function(e) {
            e.preventDefault();
            Module.trainingWorkerError = String(e.message || "the training worker failed");
        };
        // The worker loads the build the page loaded (the scalar one where the browser has no SIMD).
        w.postMessage({ load: build === "scalar" ? "convlab_scalar.js" : "convlab.js" });
        return 1;
    } catch (e) {
        Module.trainingWorkerError = String(e.message || e);
        return 0;
    }
});

EM_JS(void, js_worker_post, (const char* text), { Module.trainingWorker.postMessage(UTF8ToString(text)); });

// The next message's sizes: its text's bytes and its weights' count (-1 without), or 0 when none is waiting.
EM_JS(int, js_worker_peek, (int* weights), {
    var m = Module.trainingInbox[0];
    if (!m) return 0;
    HEAP32[weights >> 2] = m.weights ? m.weights.length : -1;
    return lengthBytesUTF8(m.text) + 1;
});
EM_JS(void, js_worker_take, (char* text, int size, float* weights), {
    var m = Module.trainingInbox.shift();
    stringToUTF8(m.text, text, size);
    if (m.weights) HEAPF32.set(m.weights, weights >> 2);
});
EM_JS(char*, js_worker_error, (), {
    if (!Module.trainingWorkerError) return 0;
    var e = Module.trainingWorkerError;
    var n = lengthBytesUTF8(e) + 1;
    var p = _malloc(n);
    stringToUTF8(e, p, n);
    return p;
});

void training_worker_start(App& app) {
    TrainingSession& t = app.training;
    if (t.threaded || t.worker) return;
    if (js_worker_start()) {
        t.worker = true;
        return;
    }
    char* e = js_worker_error();
    t.mode_note = e ? e : "";
    free(e);
}

void training_worker_post(TrainingSession& t, const std::string& command) {
    if (!t.worker) return;
    ++t.worker_seq;
    js_worker_post(command.c_str());
}

#else  // the desktop app and the threads build: no worker

void training_worker_start(App&) {}
void training_worker_post(TrainingSession&, const std::string&) {}

#endif

void training_worker_post_model(App& app) {
    if (app.training.worker) training_worker_post(app.training, "model " + app.model_code);
}

void training_worker_post_settings(TrainingSession& t) {
    if (t.worker) training_worker_post(t, settings_line(t.settings));
}

void training_worker_post_restore(TrainingSession& t, const std::vector<uint8_t>& stored) {
    if (t.worker) training_worker_post(t, "restore " + convlab::base64_encode(stored.data(), stored.size()));
}

#if CONVLAB_TRAINING_WORKER

namespace {

// One message of the worker's, applied to the page's session if the worker
// had taken every command the page sent when it wrote it.
void apply_progress(App& app, const std::string& text, std::vector<float>& weights, bool has_weights) {
    TrainingSession& t = app.training;
    std::istringstream in(text);
    std::string key;
    long ack = -1;
    if (!(in >> key >> ack) || key != "ack") return;
    t.worker_acked = ack;
    if (ack != t.worker_seq) return;  // written before a command the page sent since
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        std::istringstream l(line);
        l >> key;
        if (key == "phase") {
            int p = 0;
            l >> p;
            t.phase = TrainPhase(p);
        } else if (key == "reason") {
            // Only a stop's (a divergence): the page words every other reason itself, in its language.
            l.get();
            std::string why;
            std::getline(l, why);
            if (t.phase == TrainPhase::Stopped) t.reason = why;
        } else if (key == "state") {
            int eval_due = 0, restored = 0, evaluated = 0, autosave = 0;
            l >> t.schedule.epoch >> t.schedule.batch_start >> eval_due >> t.batch_done >> t.batches_done >> t.eval_at >>
                t.steps_requested >> t.settings.epochs >> restored >> t.restored_epochs >> evaluated >> autosave;
            t.schedule.evaluation_due = eval_due != 0;
            t.restored = restored != 0;
            t.evaluated = evaluated != 0;
            if (autosave) t.autosave_due = true;  // the weights it goes with come in this message
        } else if (key == "speed") {
            l >> t.examples_per_second >> t.seconds_left >> t.ms_per_example;
        } else if (key == "loss") {
            size_t from = 0, n = 0;
            l >> from >> n >> t.smoothed;
            if (from > t.batch_loss.size()) continue;  // cannot happen: the worker resends all after each command
            t.batch_loss.resize(from);
            t.smoothed_loss.resize(from);
            for (size_t i = 0; i < n; ++i) {
                float v = 0, s = 0;
                l >> v >> s;
                t.batch_loss.push_back(v);
                t.smoothed_loss.push_back(s);
            }
        } else if (key == "train_accuracy" || key == "test_accuracy") {
            std::vector<float>& a = key == "train_accuracy" ? t.train_accuracy : t.test_accuracy;
            size_t n = 0;
            l >> n;
            a.assign(n, 0.0f);
            for (float& v : a) l >> v;
        } else if (key == "eval") {
            size_t n = 0;
            l >> t.eval_serial >> n;
            t.test_prediction.assign(n, 0);
            t.test_confidence.assign(n, 0.0f);
            t.test_order.assign(n, 0);
            for (uint8_t& v : t.test_prediction) {
                int p = 0;
                l >> p;
                v = uint8_t(p);
            }
            for (float& v : t.test_confidence) l >> v;
            for (int32_t& v : t.test_order) l >> v;
            for (auto& row : t.confusion)
                for (int& v : row) l >> v;
        } else if (key == "checksum" && has_weights && weights.size() == t.net.params.size() && t.built) {
            // Only whole snapshots: the worker copied them between two pieces.
            t.net.params.swap(weights);  // the old ones are the next message's buffer
            t.weights_version++;
            l >> t.thread_checksum;
            ++t.thread_checksums;
        }
    }
}

}  // namespace

void training_worker_receive(App& app) {
    TrainingSession& t = app.training;
    if (!t.worker) return;
    char* e = js_worker_error();
    if (e) {  // the worker could not load: train between frames, as a page without workers does
        t.mode_note = e;
        free(e);
        t.worker = false;
        return;
    }
    std::string text;
    std::vector<float> weights;
    for (;;) {
        int count = -1;
        const int size = js_worker_peek(&count);
        if (size == 0) break;
        text.assign(size_t(size), '\0');
        weights.resize(size_t(std::max(count, 0)));
        js_worker_take(&text[0], size, weights.data());
        text.resize(std::strlen(text.c_str()));
        apply_progress(app, text, weights, count >= 0);
    }
}

// ---------------------------------------------------------------- worker side

namespace {

App* g_app = nullptr;

// What the worker last published, to send only what changed.
struct Published {
    long ack = -1;
    TrainPhase phase = TrainPhase::Unavailable;
    size_t losses = 0;
    long eval_serial = -1;
    long weights_version = -1;
    double weights_at = -1e9;
} g_sent;

constexpr double kSnapshotEveryMs = 200.0;  // weights at most 5 times a second while training

EM_JS(int, js_inbox_peek, (), {
    var m = Module.workerInbox[0];
    return m === undefined ? 0 : lengthBytesUTF8(m) + 1;
});
EM_JS(void, js_inbox_take, (char* text, int size), { stringToUTF8(Module.workerInbox.shift(), text, size); });
EM_JS(void, js_worker_publish, (const char* text, const float* weights, int count), {
    var msg = { text: UTF8ToString(text), weights: null };
    if (count >= 0) msg.weights = HEAPF32.slice(weights >> 2, (weights >> 2) + count);  // a copy: the worker trains on
    postMessage(msg, msg.weights ? [msg.weights.buffer] : []);
});

void take_command(App& app, const std::string& text) {
    TrainingSession& t = app.training;
    ++t.worker_seq;
    std::istringstream in(text);
    std::string verb;
    in >> verb;
    if (verb == "start") training_start(app);
    else if (verb == "pause") training_pause(app);
    else if (verb == "step") training_step(app);
    else if (verb == "reset") training_reset(app);
    else if (verb == "model") {
        std::string code, error;
        in >> code;
        convlab::ModelSpec m;
        if (convlab::decode_model_url(code, &m, &error)) {
            app_set_model(app, std::move(m));
            training_take_model(app);  // built before the next command, which may restore weights for it
        }
        else std::fprintf(stderr, "training worker: the page's model did not decode: %s\n", error.c_str());
    } else if (verb == "settings") {
        TrainSettings s = t.settings;
        if (parse_settings(in, &s)) training_apply_settings(app, s);
    } else if (verb == "weights") {
        std::string base64;
        in >> base64;
        const std::string why = training_load_weights(app, base64);
        if (!why.empty() && t.built) {  // as the page does with a file's weights that do not fit
            t.reason = why;
            t.phase = TrainPhase::Stopped;
        }
    } else if (verb == "lang") {
        int lang = 0;
        if (in >> lang && lang >= 0 && lang < int(Lang::Count)) app.language.shown = Lang(lang);
    } else if (verb == "restore") {
        std::string base64;
        in >> base64;
        std::vector<uint8_t> bytes;
        if (convlab::base64_decode(base64, &bytes)) training_restore_bytes(app, bytes);
    }
}

void publish(App& app) {
    TrainingSession& t = app.training;
    const bool took_command = t.worker_seq != g_sent.ack;
    const bool autosave = t.autosave_due;  // the page saves the weights this message brings
    const double now = platform_now_ms();
    std::string out;
    char buf[256];
    std::snprintf(buf, sizeof buf, "ack %ld\nphase %d\nreason ", t.worker_seq, int(t.phase));
    out += buf;
    for (char c : t.reason) out += c == '\n' ? ' ' : c;
    std::snprintf(buf, sizeof buf, "\nstate %d %lld %d %lld %lld %lld %d %d %d %d %d %d\nspeed %.17g %.17g %.17g\n",
                  t.schedule.epoch, static_cast<long long>(t.schedule.batch_start), t.schedule.evaluation_due ? 1 : 0,
                  static_cast<long long>(t.batch_done), static_cast<long long>(t.batches_done),
                  static_cast<long long>(t.eval_at), t.steps_requested, t.settings.epochs, t.restored ? 1 : 0,
                  t.restored_epochs, t.evaluated ? 1 : 0, t.autosave_due ? 1 : 0, t.examples_per_second,
                  t.seconds_left, t.ms_per_example);
    out += buf;
    t.autosave_due = false;
    // The losses the page has not seen; all of them after a command (a reset or a restore replaces them).
    size_t from = took_command || g_sent.losses > t.batch_loss.size() ? 0 : g_sent.losses;
    std::snprintf(buf, sizeof buf, "loss %zu %zu %.9g", from, t.batch_loss.size() - from, t.smoothed);
    out += buf;
    for (size_t i = from; i < t.batch_loss.size(); ++i) {
        std::snprintf(buf, sizeof buf, " %.9g %.9g", double(t.batch_loss[i]), double(t.smoothed_loss[i]));
        out += buf;
    }
    g_sent.losses = t.batch_loss.size();
    for (int k = 0; k < 2; ++k) {
        const std::vector<float>& a = k == 0 ? t.train_accuracy : t.test_accuracy;
        out += k == 0 ? "\ntrain_accuracy " : "\ntest_accuracy ";
        out += std::to_string(a.size());
        for (float v : a) {
            std::snprintf(buf, sizeof buf, " %.9g", double(v));
            out += buf;
        }
    }
    if (t.evaluated && (took_command || t.eval_serial != g_sent.eval_serial)) {  // a finished test pass, once
        out += "\neval " + std::to_string(t.eval_serial) + " " + std::to_string(t.test_prediction.size());
        for (uint8_t p : t.test_prediction) out += " " + std::to_string(int(p));
        for (float c : t.test_confidence) {
            std::snprintf(buf, sizeof buf, " %.9g", double(c));
            out += buf;
        }
        for (int32_t o : t.test_order) out += " " + std::to_string(o);
        for (const auto& row : t.confusion)
            for (int v : row) out += " " + std::to_string(v);
        g_sent.eval_serial = t.eval_serial;
    }
    // The weights: after a command, when the phase changes (a pause, a step's
    // end, the last epoch), and while training at most every 200 ms.
    const bool weights = t.built && (took_command || autosave || t.phase != g_sent.phase ||
                                     (t.weights_version != g_sent.weights_version && now - g_sent.weights_at >= kSnapshotEveryMs));
    if (weights) {
        std::snprintf(buf, sizeof buf, "\nchecksum %.17g", training_weights_checksum(t));
        out += buf;
        g_sent.weights_version = t.weights_version;
        g_sent.weights_at = now;
    }
    out += "\n";
    g_sent.ack = t.worker_seq;
    g_sent.phase = t.phase;
    js_worker_publish(out.c_str(), t.net.params.data(), weights ? int(t.net.params.size()) : -1);
}

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void convlab_worker_init() {
    if (g_app) return;
    g_app = new App();  // the session and the model; nothing of the UI is ever drawn
    g_app->training.worker_side = true;
    // training_frame's slice: 40% of this "frame", 12 ms, between looks at the
    // page's messages: a pause is taken within about 12 ms.
    g_app->training.frame_interval_ms = 30.0;
}

extern "C" EMSCRIPTEN_KEEPALIVE int convlab_worker_tick() {
    App& app = *g_app;
    TrainingSession& t = app.training;
    const long before = t.worker_seq;
    const TrainPhase phase_before = t.phase;
    const long version_before = t.weights_version;
    for (int size; (size = js_inbox_peek()) != 0;) {
        std::string text(size_t(size), '\0');
        js_inbox_take(&text[0], size);
        text.resize(std::strlen(text.c_str()));
        take_command(app, text);
    }
    digits_poll(app.digits, app.language.shown);
    training_frame(app);
    const bool loading = t.phase == TrainPhase::LoadingData || app.digits.state == DigitsState::Loading;
    if (t.worker_seq != before || t.phase != phase_before || t.weights_version != version_before || t.autosave_due ||
        t.phase == TrainPhase::Running || t.worker_seq != g_sent.ack || t.phase != g_sent.phase ||
        t.weights_version != g_sent.weights_version)
        publish(app);
    return t.phase == TrainPhase::Running ? 1 : loading ? 2 : 0;
}

#else

void training_worker_receive(App&) {}

#endif
