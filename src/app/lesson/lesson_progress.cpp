// lesson_progress.cpp: the lesson's progress kept in this browser
// (localStorage through platform_save_local): the furthest chapter, the best
// streak and the next exercise's seed, as "v2 <reached> <best> <seed>" ("v1"
// counted six chapters: its chapter is read as an old link's number is). A
// stored value that does not read is ignored, as if this were a first visit.
#include <cstdio>
#include <string>

#include "app/lesson/lesson_panel.h"
#include "platform/platform.h"
#include "app/url_state.h"

namespace {
constexpr const char* kLessonKey = "convlab.lesson";
}

bool lesson_load_progress(LessonState& l) {
    const std::string s = platform_load_local(kLessonKey);
    int reached = 0, best = 0;
    unsigned long long seed = 0;
    char version = 0;
    if (std::sscanf(s.c_str(), "v%c %d %d %llu", &version, &reached, &best, &seed) != 4) return false;
    if (version == '1') reached = chapter_from_old_number(reached);
    else if (version != '2') return false;
    if (reached < 1 || reached > kLessonChapters || best < 0 || best > 1000000 || seed < 1) return false;
    l.reached = reached;
    l.best_streak = best;
    l.next_seed = seed;
    return true;
}

void lesson_save_progress(LessonState& l) {
    if (!l.progress_dirty) return;
    l.progress_dirty = false;
    platform_save_local(kLessonKey, "v2 " + std::to_string(l.reached) + " " + std::to_string(l.best_streak) + " " +
                                        std::to_string(l.next_seed));
}
