// history.h: undo and redo for the model editor, as whole ModelSpec snapshots
// (a model is a few hundred bytes, so copies are cheaper than inverse edits and
// cannot get out of step). Rapid edits of one field (a held stepper, a dragged
// slider) coalesce into one step. Not the browser's history: that is the URL's
// job (app.cpp pushes a history entry per edit).
#pragma once
#include <string>
#include <vector>

#include "core/model/layer_spec.h"

// A model as it was, and the layer that was selected in it: undo brings the
// learner back to where they were, not to layer 1.
struct HistoryStep {
    convlab::ModelSpec model;
    int selected = 0;
};

struct History {
    std::vector<HistoryStep> past;    // undo stack, most recent last
    std::vector<HistoryStep> future;  // redo stack, most recent last
    std::string last_key;                    // what the last recorded edit changed
    double last_ms = -1e12;
};

constexpr size_t kHistoryLimit = 200;
constexpr double kHistoryCoalesceMs = 1000.0;

// Call before applying an edit, with the model as it is now. `key` names what
// the edit touches ("3:filters"); an edit with the same non-empty key within
// kHistoryCoalesceMs of the previous one joins its step. Any edit clears redo.
void history_record(History& h, const convlab::ModelSpec& current, int selected, const std::string& key, double now_ms);
// Moves one step back (or forward): *current and *selected become the earlier
// (later) ones and those they replace go onto the other stack. False when there is none.
bool history_undo(History& h, convlab::ModelSpec* current, int* selected);
bool history_redo(History& h, convlab::ModelSpec* current, int* selected);
