// training_commands.cpp: the test hook's training verbs, each doing what the
// Training tab's button or field would do (training_session.h), so browser
// tests train, draw and measure without guessing pixels. A bad argument gets
// "error: <why>".
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/training/training_thread.h"
#include "app/training/training_worker.h"
#include "core/parallel/thread_pool.h"

bool training_command(App& app, const std::string& verb, std::istream& in, std::string* reply) {
    TrainingSession& t = app.training;
    const auto done = [&](const std::string& why) {
        *reply = why.empty() ? "ok" : "error: " + why;
        return true;
    };
    if (verb == "train_start") return done(training_start(app));
    if (verb == "train_pause") {
        training_pause(app);
        return done("");
    }
    if (verb == "train_step") return done(training_step(app));
    if (verb == "train_threads") {  // the kernels' threads, as the Threads field sets them
        // At most the cores: the page starts one worker per core with it (PTHREAD_POOL_SIZE),
        // and a thread beyond those would need the main thread to start it.
        int n = 0;
        const int most = convlab::hardware_thread_count();
        if (!(in >> n) || n < 1 || n > most) return done("train_threads needs a whole number from 1 to " + std::to_string(most));
        if (!t.threaded) return done("this build has no threads");
        convlab::set_thread_count(n);
        return done("");
    }
    if (verb == "train_anticipate") {  // on|off: the thread keeps out of the UI's way (training_thread.h), for A/B figures
        std::string v;
        in >> v;
        if (v != "on" && v != "off") return done("train_anticipate on|off");
        if (!t.threaded) return done("this build has no training thread");
        training_thread_anticipate(v == "on");
        return done("");
    }
    if (verb == "train_batches") {  // now, not as of the last frame's state (which a paused main loop leaves stale)
        training_worker_receive(app);  // the worker's messages wait in JavaScript while no frame takes them
        *reply = std::to_string(t.batches_done);
        return true;
    }
    if (verb == "train_snapshot_check") {
        // The weights as the UI sees them now against the training thread's own
        // checksum after its last piece: a torn or stale snapshot would differ.
        // The worker build: the UI's weights against the checksum the worker took of the last snapshot it sent.
        if (!t.threaded && !t.worker) return done("no training thread or worker in this build");
        training_worker_receive(app);
        t.check_snapshots = true;
        if (t.thread_checksums == 0) {
            *reply = "waiting";
            return true;
        }
        const double ui = training_weights_checksum(t);
        char text[96];
        std::snprintf(text, sizeof text, "%s %.17g %.17g %ld", ui == t.thread_checksum ? "same" : "differ", ui,
                      t.thread_checksum, t.thread_checksums);
        *reply = text;
        return true;
    }
    if (verb == "train_reset") {
        training_reset(app);
        return done("");
    }
    if (verb == "train_set") {
        std::string field, value;
        in >> field >> value;
        TrainSettings s = t.settings;
        std::istringstream v(value);
        if (field == "epochs") v >> s.epochs;
        else if (field == "batch") v >> s.batch;
        else if (field == "lr") v >> s.config.learning_rate;
        else if (field == "seed") v >> s.seed;
        else if (field == "optimizer") {
            int i = 0;
            while (i < int(TrainOptimizer::Count) && value != train_optimizer_id(TrainOptimizer(i))) ++i;
            if (i == int(TrainOptimizer::Count)) return done("optimizers are sgd, adam, rmsprop, adadelta-keras2.3, adadelta-tf");
            s = training_default_settings(TrainOptimizer(i), s);
        } else {
            return done("fields are epochs, batch, optimizer, lr, seed");
        }
        if (v.fail() && field != "optimizer") return done("'" + value + "' is not a number");
        return done(training_apply_settings(app, s));
    }
    if (verb == "train_view") {
        std::string name;
        in >> name;
        const char* const views[] = {"curves", "digits", "draw", "inside"};
        for (int i = 0; i < 4; ++i)
            if (name == views[i]) {
                t.view_request = i;
                app.requested_tab = WorkspaceTab::Training;
                return done("");
            }
        return done("views are curves, digits, draw, inside");
    }
    if (verb == "train_save") {
        std::string kind;
        in >> kind;
        if (kind == "convlab") training_save_convlab(app);
        else if (kind == "tfjs") training_save_tfjs(app);
        else return done("train_save convlab or train_save tfjs");
        return done("");
    }
    if (verb == "draw_digit") {
        std::string rest;
        std::getline(in, rest);
        if (rest.find(',') == std::string::npos) {
            std::istringstream v(rest);
            int index = -1;
            if (!(v >> index)) return done("draw_digit needs 784 comma-separated values or a test digit's index");
            return done(training_set_test_digit(app, index));
        }
        float pixels[784];
        std::istringstream v(rest);
        std::string cell;
        int n = 0;
        while (std::getline(v, cell, ',')) {
            if (n == 784) return done("more than 784 values");
            pixels[n++] = std::strtof(cell.c_str(), nullptr);  // the page has no exceptions: no std::stof
        }
        if (n != 784) return done("got " + std::to_string(n) + " values, need 784");
        training_set_digit(app, pixels);
        return done("");
    }
    if (verb == "frame_stats") {
        training_measure_frames(t);
        return done("");
    }
    return false;
}
