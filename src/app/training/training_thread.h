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
// Without threads (the simd and scalar builds, the desktop app) there is no
// thread: the lock does nothing and training_frame trains in slices of the
// UI's frames, as before.
#pragma once

struct App;

// Starts the thread, once, in the threads build, and sets app.training.threaded;
// elsewhere does nothing. Also sets the kernels' thread count to every core
// the browser reports, up to 8.
void training_thread_start(App& app);

// Held by the UI while it touches the session.
class TrainingLock {
public:
    TrainingLock();
    ~TrainingLock();
    TrainingLock(const TrainingLock&) = delete;
    TrainingLock& operator=(const TrainingLock&) = delete;

private:
    bool held_ = false;
};
