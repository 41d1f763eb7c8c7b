// training_worker.js: the page's training, in a Worker, for a page that is not
// cross-origin isolated (src/app/training/training_worker.h says why). It
// loads the build the page runs (convlab.js, or convlab_scalar.js) without its
// main(): no window, no canvas, no drawing; only the training session, which
// the page steers with text commands and which publishes its progress and its
// weights back (convlab_worker_tick). Between two ticks the worker's event
// loop takes the page's commands, so a pause waits for at most one tick (about 12 ms).
"use strict";
var ready = false, scheduled = false;
self.Module = {
  noInitialRun: true,   // main() builds the window: the page's job
  workerInbox: [],      // the page's commands, taken by convlab_worker_tick
  print: function (text) { console.log(text); },
  printErr: function (text) { console.warn(text); },
  onRuntimeInitialized: function () {
    Module._convlab_worker_init();
    ready = true;
    schedule(0);
  },
};

// A tick right away goes through a MessageChannel, not setTimeout(0): browsers
// stretch nested zero timeouts to 4 ms, a loss at every tick of 12 ms.
var channel = new MessageChannel();
channel.port1.onmessage = tick;
function schedule(delay) {
  if (scheduled) return;
  scheduled = true;
  if (delay > 0) setTimeout(tick, delay);
  else channel.port2.postMessage(0);
}
function tick() {
  scheduled = false;
  if (!ready) return;
  var next = Module._convlab_worker_tick();
  if (next === 1) schedule(0);        // training: the next piece
  else if (next === 2) schedule(20);  // loading the digits: look again soon
}

self.onmessage = function (e) {
  if (e.data && e.data.load) {  // the first message: which build to load
    importScripts(e.data.load);
    return;
  }
  Module.workerInbox.push(e.data);
  schedule(0);
};
