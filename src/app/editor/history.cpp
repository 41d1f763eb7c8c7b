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

bool history_undo(History& h, convlab::ModelSpec* current) {
    if (h.past.empty()) return false;
    h.future.push_back(std::move(*current));
    *current = std::move(h.past.back());
    h.past.pop_back();
    h.last_key.clear();
    return true;
}

bool history_redo(History& h, convlab::ModelSpec* current) {
    if (h.future.empty()) return false;
    h.past.push_back(std::move(*current));
    *current = std::move(h.future.back());
    h.future.pop_back();
    h.last_key.clear();
    return true;
}
