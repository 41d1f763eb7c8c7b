// training_thread.cpp: see training_thread.h. The thread runs the same
// run-a-slice function the frames run without threads, with a short budget,
// then gives the UI its turn.
#include "app/training/training_thread.h"

#include "app/app.h"
#include "core/parallel/thread_pool.h"

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

void train_forever(App* app) {
    TrainingSession& t = app->training;
    for (;;) {
        while (g_ui_waiting.load(std::memory_order_acquire) > 0) std::this_thread::yield();
        bool trained = false;
        {
            std::lock_guard<std::mutex> lock(g_session);
            if (t.phase == TrainPhase::Running && t.built && t.data) {
                t.in_piece = true;  // what only the UI thread may do waits for it (the autosave)
                training_run_slice(*app, kPieceMs);
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

TrainingLock::TrainingLock() {
    if (!g_started.load()) return;
    g_ui_waiting.fetch_add(1, std::memory_order_acq_rel);
    g_session.lock();
    g_ui_waiting.fetch_sub(1, std::memory_order_acq_rel);
    held_ = true;
}

TrainingLock::~TrainingLock() {
    if (held_) g_session.unlock();
}

#else

void training_thread_start(App&) {}
TrainingLock::TrainingLock() { (void)held_; }
TrainingLock::~TrainingLock() {}

#endif
