// training_thread.h: training in its own thread, in the page's threads build.
//
// Why a lock and not a copy of everything: the session (training_session.h)
// is one value that the training panel, the convolution view and the test
// hook read all over. The thread trains in pieces of a few milliseconds and
// holds the session's lock only during a piece; the UI holds it for the part
// of its frame that reads or changes the session, and for a hook command.
// When the UI wants the lock the thread lets it in before its next piece, so
// the UI waits at most one piece, and it sees the weights only between pieces,
// never half updated. While the UI draws and while the browser waits for the
// next frame, the thread trains; when the tab is hidden and frames stop, it
// goes on training.
//
// Why the UI usually waits for nothing: frames come at a steady rate, so the
// thread knows when the UI will next ask (its last request plus the frame
// interval). It does not start a piece that would still run then; it idles
// until the UI has had its turn. That costs the thread part of a piece per
// frame and saves the UI the whole rest of one. When frames stop (a hidden
// tab), the expected request never comes and the thread trains without pause.
//
// Without threads (the simd and scalar builds, the desktop app) there is no
// thread: the lock does nothing and training_frame trains in slices of the
// UI's frames, as before.
#pragma once

struct App;

// Starts the thread, once, in the threads build, and sets app.training.threaded;
// elsewhere does nothing. Also sets the kernels' thread count to every core
// the browser reports, up to 8.
void training_thread_start(App& app);

// The UI thread's wait for the lock in its last frame, in ms (0 without the thread).
double training_lock_wait_ms();
// Whether the thread keeps out of the UI's way (on unless a measurement turns
// it off to compare: the test hook's train_anticipate).
void training_thread_anticipate(bool on);

// Held by the UI while it touches the session: for its frame (whose rhythm the
// thread follows), or for a test-hook command between frames.
enum class LockFor { Frame, Command };
class TrainingLock {
public:
    explicit TrainingLock(LockFor why = LockFor::Command);
    ~TrainingLock();
    TrainingLock(const TrainingLock&) = delete;
    TrainingLock& operator=(const TrainingLock&) = delete;

private:
    bool held_ = false;
};
