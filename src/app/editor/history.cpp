// history.cpp: the two snapshot stacks of history.h.
#include "app/editor/history.h"

#include <utility>

void history_record(History& h, const convlab::ModelSpec& current, int selected, const std::string& key, double now_ms) {
    h.future.clear();
    const bool continues =
        !key.empty() && key == h.last_key && now_ms - h.last_ms < kHistoryCoalesceMs && !h.past.empty();
    h.last_key = key;
    h.last_ms = now_ms;
    if (continues) return;
    h.past.push_back(HistoryStep{current, selected});
    if (h.past.size() > kHistoryLimit) h.past.erase(h.past.begin());
}

namespace {

// Undo and redo are one move in opposite directions: the top of `from` becomes
// *current, which goes onto `to`; the next edit starts a step of its own.
bool history_move(History& h, std::vector<HistoryStep>& from, std::vector<HistoryStep>& to, convlab::ModelSpec* current,
                  int* selected) {
    if (from.empty()) return false;
    to.push_back(HistoryStep{std::move(*current), *selected});
    *current = std::move(from.back().model);
    *selected = from.back().selected;
    from.pop_back();
    h.last_key.clear();
    return true;
}

}  // namespace

bool history_undo(History& h, convlab::ModelSpec* current, int* selected) {
    return history_move(h, h.past, h.future, current, selected);
}

bool history_redo(History& h, convlab::ModelSpec* current, int* selected) {
    return history_move(h, h.future, h.past, current, selected);
}
