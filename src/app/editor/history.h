// history.h: undo and redo for the model editor, as whole ModelSpec snapshots
// (a model is a few hundred bytes, so copies are cheaper than inverse edits and
// cannot get out of step). Rapid edits of one field (a held stepper, a dragged
// slider) coalesce into one step. Not the browser's history: that is the URL's
// job (app.cpp pushes a history entry per edit).
#pragma once
#include <string>
#include <vector>

#include "core/model/layer_spec.h"

struct History {
    std::vector<convlab::ModelSpec> past;    // undo stack, most recent last
    std::vector<convlab::ModelSpec> future;  // redo stack, most recent last
    std::string last_key;                    // what the last recorded edit changed
    double last_ms = -1e12;
};

constexpr size_t kHistoryLimit = 200;
constexpr double kHistoryCoalesceMs = 1000.0;

// Call before applying an edit, with the model as it is now. `key` names what
// the edit touches ("3:filters"); an edit with the same non-empty key within
// kHistoryCoalesceMs of the previous one joins its step. Any edit clears redo.
void history_record(History& h, const convlab::ModelSpec& current, const std::string& key, double now_ms);
// Moves one step back (or forward): *current becomes the earlier (later) model
// and the model it replaces goes onto the other stack. False when there is none.
bool history_undo(History& h, convlab::ModelSpec* current);
bool history_redo(History& h, convlab::ModelSpec* current);
