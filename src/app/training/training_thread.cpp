// training_thread.cpp: see training_thread.h. The thread runs the same
// run-a-slice function the frames run without threads, with a short budget,
// then gives the UI its turn.
#include "app/training/training_thread.h"

#include "app/app.h"
#include "core/parallel/thread_pool.h"
#include "platform/platform.h"

#if defined(__EMSCRIPTEN_PTHREADS__)
#define CONVLAB_TRAINING_THREAD 1
#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#else
#define CONVLAB_TRAINING_THREAD 0
#endif

#if CONVLAB_TRAINING_THREAD

namespace {

// A piece: long enough that taking the lock costs little beside it, short
// enough that the UI, which waits for at most one, barely notices (a piece is
// at least one example, about 3 ms for the seed model on one core).
constexpr double kPieceMs = 2.0;

std::mutex g_session;                   // the session's lock
std::atomic<int> g_ui_waiting{0};       // the UI asks for the lock: the thread steps aside
std::atomic<bool> g_started{false};

// The UI's rhythm, as the thread sees it (emscripten_get_now is one clock in
// every thread: Emscripten corrects a worker's performance.now() to the page's).
std::atomic<double> g_ui_asked_ms{0.0};     // when the UI last asked for the lock
std::atomic<double> g_ui_interval_ms{16.7}; // between its requests, averaged
std::atomic<long> g_ui_turns{0};            // counts the UI's turns with the lock
double g_ui_wait_ms = 0.0;                  // the UI thread's own: its last wait
std::atomic<bool> g_anticipate{true};

// Whether a piece of `piece_ms` started now would still run when the UI next
// asks. Only while the UI keeps its rhythm: after two missed frames (a hidden
// tab, a stalled page) the thread stops expecting it.
bool ui_due_within(double now, double piece_ms) {
    const double asked = g_ui_asked_ms.load(std::memory_order_relaxed);
    const double interval = g_ui_interval_ms.load(std::memory_order_relaxed);
    if (!g_anticipate.load(std::memory_order_relaxed) || asked <= 0.0 || now > asked + 2.0 * interval) return false;
    const double next = asked + interval;
    constexpr double kMarginMs = 0.5;  // the rAF callback's jitter
    return now + piece_ms + kMarginMs > next;
}

void train_forever(App* app) {
    TrainingSession& t = app->training;
    double piece_ms = kPieceMs;  // the pieces' measured length (at least one example)
    for (;;) {
        while (g_ui_waiting.load(std::memory_order_acquire) > 0) std::this_thread::yield();
        // The UI's turn is near: let it come and go before starting a piece.
        const long turns = g_ui_turns.load(std::memory_order_acquire);
        while (ui_due_within(platform_now_ms(), piece_ms) &&
               g_ui_turns.load(std::memory_order_acquire) == turns)
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        bool trained = false;
        {
            std::lock_guard<std::mutex> lock(g_session);
            if (t.phase == TrainPhase::Running && t.built && t.data) {
                t.in_piece = true;  // what only the UI thread may do waits for it (the autosave)
                const double start = platform_now_ms();
                training_run_slice(*app, kPieceMs);
                piece_ms = 0.8 * piece_ms + 0.2 * (platform_now_ms() - start);
                t.in_piece = false;
                if (t.check_snapshots) {  // what the UI must see until the next piece, to the last bit
                    t.thread_checksum = training_weights_checksum(t);
                    ++t.thread_checksums;
                }
                trained = true;
            }
        }
        // Nothing to train: look again soon (a Start click is seen within 5 ms).
        if (!trained) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

}  // namespace

void training_thread_start(App& app) {
    if (g_started.exchange(true)) return;
    convlab::set_thread_count(convlab::hardware_thread_count());
    app.training.threaded = true;
    std::thread(train_forever, &app).detach();  // lives as long as the page
}

TrainingLock::TrainingLock(LockFor why) {
    if (!g_started.load()) return;
    const double asked = platform_now_ms();
    if (why == LockFor::Frame) {
        const double last = g_ui_asked_ms.exchange(asked, std::memory_order_relaxed);
        const double interval = asked - last;
        if (last > 0.0 && interval < 100.0)  // not across a stop of the frames
            g_ui_interval_ms.store(0.9 * g_ui_interval_ms.load(std::memory_order_relaxed) + 0.1 * interval,
                                   std::memory_order_relaxed);
    }
    g_ui_waiting.fetch_add(1, std::memory_order_acq_rel);
    g_session.lock();
    g_ui_waiting.fetch_sub(1, std::memory_order_acq_rel);
    if (why == LockFor::Frame) g_ui_wait_ms = platform_now_ms() - asked;
    held_ = true;
}

TrainingLock::~TrainingLock() {
    if (!held_) return;
    g_session.unlock();
    g_ui_turns.fetch_add(1, std::memory_order_acq_rel);
}

double training_lock_wait_ms() { return g_ui_wait_ms; }
void training_thread_anticipate(bool on) { g_anticipate.store(on); }

#else

void training_thread_start(App&) {}
double training_lock_wait_ms() { return 0.0; }
void training_thread_anticipate(bool) {}
TrainingLock::TrainingLock(LockFor) { (void)held_; }
TrainingLock::~TrainingLock() {}

#endif
