// training_session.h: training the App's current model on the MNIST digits
// inside the page, without freezing it. The session owns a convlab::Network
// (rebuilt when the model's architecture changes) and runs it in slices of
// each frame: pieces of a batch (network_train_piece) until the slice's time
// is used, so a batch of 32 that takes ~150 ms in wasm spreads over several
// frames and the page keeps drawing. Not the training itself (src/core/train/)
// and not its panel (training_panel.cpp). Reference: Keras's model.fit with
// validation data: shuffled epochs, one update per batch, a test pass per epoch.
#pragma once
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "app/digits.h"
#include "core/train/epoch_schedule.h"
#include "core/train/mnist.h"
#include "core/train/network.h"

struct App;

enum class TrainPhase : uint8_t {
    Unavailable,  // the model cannot train on the digits: see reason
    Ready,        // built, not started (or reset)
    LoadingData,  // fetching mnist.bin before training starts
    Running,      // training (or evaluating the test digits after an epoch)
    Paused,
    Finished,     // all epochs done
    Stopped,      // training diverged or the data could not be loaded: see reason
};

// The optimizers the page offers, in the order of its menu.
enum class TrainOptimizer : uint8_t { SGD, Adam, RMSprop, AdadeltaKeras23, AdadeltaTf, Count };
const char* train_optimizer_id(TrainOptimizer o);  // "sgd", "adam", "rmsprop", "adadelta-keras2.3", "adadelta-tf"

struct TrainSettings {
    int epochs = 1;
    int batch = 32;
    uint64_t seed = 1;
    TrainOptimizer optimizer = TrainOptimizer::AdadeltaKeras23;
    convlab::OptimizerConfig config;  // learning rate and the optimizer's other settings
};

// Frame timing while training, published for the frame-budget measurement:
// wasm CPU time per frame outside the training slice, and the interval between
// requestAnimationFrame timestamps. A window skips 60 frames, then takes 300.
struct FrameStats {
    static constexpr int kWarmup = 60, kFrames = 300;
    bool measuring = false, done = false;
    int skipped = 0, taken = 0;
    double last_raf = 0.0;
    double ui_ms[kFrames] = {}, raf_ms[kFrames] = {}, slice_ms[kFrames] = {}, render_ms[kFrames] = {};
    double wait_ms[kFrames] = {};  // of ui_ms, the wait for the training thread's lock (threads build)
    double sorted[kFrames] = {};
    double ui_median = 0, ui_p95 = 0, raf_median = 0, raf_p95 = 0, slice_median = 0, render_median = 0;
    double wait_median = 0, wait_p95 = 0;
};

struct TrainingSession {
    TrainPhase phase = TrainPhase::Unavailable;
    std::string reason;          // why Unavailable or Stopped, in words, with what to change
    TrainSettings settings;
    bool settings_from_model = false;

    // The network and what identifies its architecture.
    convlab::Network net;
    bool built = false;
    std::string arch_key;        // encode_model_url of the layers without names or compile
    bool model_changed = true;   // set by app_set_model; checked against arch_key

    // The digits, once the App's (app/digits.h) are loaded and the session has taken them.
    const convlab::MnistSplit* data = nullptr;

    // Where training is: the epoch schedule (epochs done, this epoch's order,
    // the current batch, whether the test pass is due), the batch in progress.
    convlab::EpochSchedule schedule;
    int64_t batch_done = 0;      // examples of the current batch already run (its pieces)
    int64_t batches_done = 0;    // updates so far, over all epochs
    double batch_loss_sum = 0;   // over the current batch, weighted by examples
    int64_t epoch_correct = 0;   // training-mode predictions right this epoch
    int steps_requested = 0;     // "step one batch": batches to run before pausing
    bool pause_after_eval = false;  // a single step ended an epoch: pause once its test pass is done
    int64_t eval_at = 0;         // the test pass's next digit, while schedule.evaluation_due
    std::vector<float> x;        // (batch, 28, 28, 1)
    std::vector<int32_t> labels; // (batch)
    double ms_per_example = 5.0; // measured, to size the pieces

    // History, for the plots.
    std::vector<float> batch_loss, smoothed_loss;  // one per update
    std::vector<float> train_accuracy, test_accuracy;  // percent, one per epoch
    double smoothed = 0.0;

    // The test digits after the last evaluation.
    std::vector<uint8_t> test_prediction;  // (2,000)
    std::vector<float> test_confidence;    // the predicted class's probability
    std::vector<int32_t> test_order;       // mistakes first (most confident first), then the rest
    int confusion[10][10] = {};            // [true][predicted]
    bool evaluated = false;

    // Speed.
    double examples_per_second = 0.0, seconds_left = 0.0;
    double rate_window_start = 0.0;
    int64_t rate_window_examples = 0;
    double last_slice_ms = 0.0;  // this frame's training slice (0 when the thread trains)
    double frame_interval_ms = 16.7;  // requestAnimationFrame intervals, averaged

    // The current digit (drawn, or a test digit) and what the network makes of it.
    float probe[28 * 28] = {};
    bool probe_has_digit = false;
    bool probe_dirty = true;
    double probe_at = 0.0;
    float probabilities[10] = {};
    std::vector<std::vector<float>> maps;  // per network layer: its (H, W, C) output for the probe, or empty
    long weights_version = 0, probe_version = -1;  // the weights the probe last ran with
    double weights_checksum = 0;  // training_weights_checksum at checksum_version, for the test hook
    long checksum_version = -1;
    long probe_serial = 0;       // counts probe runs: pictures of the probe compare it
    double slice_budget_ms = 0;  // this frame's training budget

    // Persistence: autosaved weights in this browser, restored if they match.
    int restore_request = 0;
    bool restored = false;
    int restored_epochs = 0;
    bool restored_note = false;  // "restored from this browser", until training runs again
    std::string pending_weights;  // base64 weights from an imported model file, loaded once it is built
    std::vector<uint8_t> io_bytes;  // reused for loads and saves

    bool confirm_reset = false;  // "Reset weights" was clicked with training to lose: ask first
    // The threads build (training_thread.h): the thread trains, the frames do not.
    bool threaded = false;
    bool in_piece = false;       // the thread is inside a piece: the autosave waits for the UI thread
    bool autosave_due = false;
    // The test hook's torn-snapshot check: the thread's checksum of the weights after its last piece.
    bool check_snapshots = false;
    double thread_checksum = 0;
    long thread_checksums = 0;
    // The worker build of the non-isolated page (training_worker.h): a Worker
    // trains; this session mirrors what it publishes. `worker` on the page's
    // session, `worker_side` on the worker's own.
    bool worker = false;
    bool worker_side = false;
    long worker_seq = 0;         // commands posted to the worker (page) / taken (worker)
    long worker_acked = 0;       // the page: commands the worker had taken in its last message
    int worker_lang = -1;        // the page: the language the worker words a stop's reason in
    long eval_serial = 0;        // counts finished test passes: the page takes the results once each
    std::string mode_note;       // why training runs where it does, when it is not where the page wants it
    int view_request = -1;  // the panel's view to select next frame: 0 curves, 1 test digits, 2 draw, 3 look inside
    FrameStats frames;
};

// Puts back a stored form (training_store_format.h) if it was saved for this
// architecture; false leaves the session as it was.
bool training_restore_bytes(App& app, const std::vector<uint8_t>& bytes);
// Takes a model app_set_model gave now, not at the next frame (the worker:
// the page's next command may be weights restored for it).
void training_take_model(App& app);

// Training examples of the current epoch done, the current batch's pieces included.
int64_t training_epoch_examples(const TrainingSession& t);

// Once a frame, before the panels: notices a changed model, polls loads, and
// runs the training slice.
void training_frame(App& app);
// Runs pieces of batches (or of the test pass) for about budget_ms: the frames
// call it without threads, the training thread with them.
void training_run_slice(App& app, double budget_ms);
// After the frame is drawn (main.cpp): its CPU time and the animation frame's
// timestamp, for FrameStats.
// render_ms is the part spent in ImGui::Render and the GL calls that draw it;
// lock_wait_ms the part spent waiting for the training thread's lock.
void training_note_frame(TrainingSession& t, double frame_cpu_ms, double render_ms, double raf_timestamp_ms,
                         double lock_wait_ms);

// What the panel's buttons do; each returns "" or why it cannot.
std::string training_start(App& app);
void training_pause(App& app);
std::string training_step(App& app);
void training_reset(App& app);
// Applies settings (not while running); keeps trained weights.
std::string training_apply_settings(App& app, const TrainSettings& s);
TrainSettings training_default_settings(TrainOptimizer o, const TrainSettings& base);

// The current digit through the network in inference mode (training_probe.cpp):
// keeps its class probabilities and every (H, W, C) layer output in t.maps.
void training_run_probe(TrainingSession& t);
// The current digit: 784 values in [0, 1] used as the 28×28 input as they are,
// a drawing to centre like MNIST (h×w ink), or test digit `index`.
void training_set_digit(App& app, const float* pixels28);
void training_set_drawing(App& app, const float* ink, int h, int w);
std::string training_set_test_digit(App& app, int index);

// Saving: a ConvLab file (the model's link code plus base64 weights) and the
// TF.js Layers files (model.json + weights.bin).
void training_save_convlab(App& app);
void training_save_tfjs(App& app);
// Loads base64 float32 weights (a ConvLab file's "weights") if they fit the
// current architecture; returns "" or why not.
std::string training_load_weights(App& app, const std::string& base64);

// The test hook's training verbs (commands.cpp): train_start, train_pause,
// train_step, train_reset, train_set <field> <value>, train_view <view>,
// train_save convlab|tfjs, draw_digit <784 values | test index>, frame_stats.
// Returns false for a verb that is not one of them.
bool training_command(App& app, const std::string& verb, std::istream& in, std::string* reply);

// The training part of the test hook's state JSON; call training_refresh_checksum first.
std::string training_state_json(const TrainingSession& t, const Digits& digits);
// Brings weights_checksum up to date with the weights, if they changed since.
void training_refresh_checksum(TrainingSession& t);
// Starts a FrameStats window (60 frames of warm-up, then 300).
void training_measure_frames(TrainingSession& t);
// A sum of the weights, to tell two networks' weights apart in tests.
double training_weights_checksum(const TrainingSession& t);
