// training_worker.h: training in a dedicated Worker, for the page that is not
// cross-origin isolated (no SharedArrayBuffer, so no threads build).
//
// Why a Worker and not slices of the UI's frames: a hidden tab gets no frames,
// so frame slicing stops training there, and every slice competes with drawing.
// A Worker runs its own event loop whether or not the page draws.
//
// Why the same convlab.js in the worker: it already holds the core and the
// whole training session (training_session.cpp). web/training_worker.js loads
// it without running main() (no window, no canvas, no GL: nothing of the UI
// runs), and calls the two functions below marked "worker side". The worker
// keeps an App of its own whose session does the training exactly as the
// frames would, so the numbers are the same in every mode.
//
// Why two sessions agree without sharing memory: the page's session runs
// every command itself (start, pause, step, reset, settings, a new model,
// loaded or restored weights; and the language a stop is worded in) and
// posts the same command to the worker, in order, counting them. The worker
// counts what it has taken and sends that
// count back with everything it publishes: the phase, the batch, the loss
// history, the accuracies, the test pass, the speed, and now and then (at most
// 5 times a second, and whenever its phase changes or it took a command) a
// copy of its weights taken between pieces, so never half updated. The page
// takes a message only when the count says the worker has seen every command
// the page sent: a message from before a reset cannot bring old weights back.
// The page applies messages at the start of a frame (and when the test hook
// asks), so its panels, filters, feature maps, draw pad and convolution view
// read the session as before; it runs the current digit through its own copy.
#pragma once

#include <string>
#include <vector>

struct App;
struct TrainingSession;

// Page side. Starts the worker in a build without threads on the web (not
// on the desktop, not in the threads build) and sets app.training.worker.
void training_worker_start(App& app);
// Applies what the worker published since the last call; falls back to
// training between frames if the worker failed.
void training_worker_receive(App& app);
// Posts a command to the worker (the page's session only; elsewhere nothing).
void training_worker_post(TrainingSession& t, const std::string& command);
void training_worker_post_model(App& app);
void training_worker_post_settings(TrainingSession& t);
void training_worker_post_restore(TrainingSession& t, const std::vector<uint8_t>& stored);

// Worker side (exported to web/training_worker.js as C functions):
//   convlab_worker_init()          makes the worker's App;
//   convlab_worker_tick(budget_ms) takes the commands that came, trains for
//     about budget_ms and publishes; returns 1 to be called again at once,
//     2 to be called again soon (loading), 0 to wait for a command.
