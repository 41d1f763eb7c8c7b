// history.cpp: the two snapshot stacks of history.h.
#include "app/editor/history.h"

#include <utility>

void history_record(History& h, const convlab::ModelSpec& current, const std::string& key, double now_ms) {
    h.future.clear();
    const bool continues =
        !key.empty() && key == h.last_key && now_ms - h.last_ms < kHistoryCoalesceMs && !h.past.empty();
    h.last_key = key;
    h.last_ms = now_ms;
    if (continues) return;
    h.past.push_back(current);
    if (h.past.size() > kHistoryLimit) h.past.erase(h.past.begin());
}

namespace {

// Undo and redo are one move in opposite directions: the top of `from` becomes
// *current, which goes onto `to`; the next edit starts a step of its own.
bool history_move(History& h, std::vector<convlab::ModelSpec>& from, std::vector<convlab::ModelSpec>& to,
                  convlab::ModelSpec* current) {
    if (from.empty()) return false;
    to.push_back(std::move(*current));
    *current = std::move(from.back());
    from.pop_back();
    h.last_key.clear();
    return true;
}

}  // namespace

bool history_undo(History& h, convlab::ModelSpec* current) { return history_move(h, h.past, h.future, current); }

bool history_redo(History& h, convlab::ModelSpec* current) { return history_move(h, h.future, h.past, current); }
