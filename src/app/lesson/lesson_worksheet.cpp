// lesson_worksheet.cpp: a teacher's worksheet opened from a link (#ex=...):
// its questions built from the core's exercises, moving between them, the
// learner's progress kept in this browser, and the state the tests read.
// Not the drawing (worksheet_body in lesson_panel.cpp) and not the grading
// (worksheet_check in lesson_answers.cpp).
#include <cstdio>
#include <string>

#include "app/app.h"
#include "core/io/export_code.h"
#include "core/io/json_writer.h"
#include "core/model/graph_edit.h"
#include "app/lesson/lesson_panel.h"
#include "platform/platform.h"

namespace {

// The same link resumes where the learner left it: progress is kept under a
// key made from the link's text (FNV-1a, 64 bits), so two worksheets never
// share one and nothing of the questions is stored twice.
std::string progress_key(const std::string& code) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : code) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return std::string("convlab.sheet.") + hex;
}

// The question's model as far as its layer, as the Keras code a learner
// would write, without the imports: a deep layer of ResNet50 shows the
// layers it is computed from, not the 170 after it.
std::vector<std::string> code_lines(const convlab::LinkedExercise& e) {
    int at = 0;
    const std::string code = convlab::export_keras_python(convlab::model_up_to(e.model, e.layer, &at));
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < code.size()) {
        size_t end = code.find('\n', start);
        if (end == std::string::npos) end = code.size();
        const std::string line = code.substr(start, end - start);
        start = end + 1;
        // Imports, comments, compile() and summary() say nothing about the layer.
        if (line.rfind("import", 0) == 0 || line.rfind("from ", 0) == 0 || line.rfind('#', 0) == 0 || line.empty() ||
            line.rfind("model.", 0) == 0)
            continue;
        lines.push_back(line);
    }
    return lines;
}

void load_progress(WorksheetState& s) {
    const std::string stored = platform_load_local(progress_key(s.code));
    int current = 0;
    char results[16] = {};
    // "v1 <current> <one result per question>"; anything else is ignored.
    if (std::sscanf(stored.c_str(), "v1 %d %15s", &current, results) != 2) return;
    const std::string r = results;
    if (r.size() != s.questions.size() || current < 0 || current >= int(s.questions.size())) return;
    for (char c : r)
        if (c != '-' && c != 'r' && c != 'l' && c != 'w') return;
    for (size_t i = 0; i < r.size(); ++i) s.questions[i].result = r[i];
    s.current = current;
}

}  // namespace

void worksheet_open(App& app, const std::string& code, const std::vector<convlab::LinkedExercise>& questions) {
    WorksheetState& s = app.lesson.sheet;
    s = WorksheetState{};
    s.code = code;
    for (const convlab::LinkedExercise& link : questions) {
        SheetQuestion q;
        q.link = link;
        convlab::Problem problem;
        q.ok = convlab::exercise_from_model(link.model, link.layer, &q.exercise, &problem);
        if (q.ok) q.code = code_lines(link);
        s.questions.push_back(std::move(q));
    }
    s.active = !s.questions.empty();
    if (!s.active) return;
    load_progress(s);
    s.scroll_top = true;
    app.lesson.open = true;
    app.chapter = 0;  // the link shows the worksheet, not a chapter
}

void worksheet_leave(App& app) {
    WorksheetState& s = app.lesson.sheet;
    worksheet_save_progress(s);
    s.active = false;
    lesson_enter(app, app.lesson.chapter);
}

void worksheet_go(App& app, int index) {
    WorksheetState& s = app.lesson.sheet;
    if (s.questions.empty()) return;
    s.current = std::max(0, std::min(index, int(s.questions.size()) - 1));
    s.scroll_top = true;
    s.dirty = true;
}

void worksheet_see(App& app) {
    WorksheetState& s = app.lesson.sheet;
    if (!s.active || s.current >= int(s.questions.size())) return;
    const SheetQuestion& q = s.questions[size_t(s.current)];
    // Undoable, as the Branches chapter's "See it": the learner's model is one Undo away.
    editor_apply(app, q.link.model, "");
    editor_select_card(app, q.link.layer);
    app.requested_tab = WorkspaceTab::Summary;
    // An embedded frame has no room for both: the workspace takes it, with a way back.
    if (app.embed) app.embed_workspace = true;
}

void worksheet_save_progress(WorksheetState& s) {
    if (!s.dirty || s.code.empty()) return;
    s.dirty = false;
    std::string results;
    for (const SheetQuestion& q : s.questions) results += q.result;
    platform_save_local(progress_key(s.code), "v1 " + std::to_string(s.current) + " " + results);
}

int worksheet_right_first_time(const WorksheetState& s) {
    int n = 0;
    for (const SheetQuestion& q : s.questions) n += q.result == 'r';
    return n;
}

bool worksheet_question_revealed(const SheetQuestion& q) {
    return (!q.asks_shape() || lesson_answer_revealed(q.shape)) && (!q.asks_count() || lesson_answer_revealed(q.count));
}

// Every question, not only the one shown: the summary of one question's
// model gives the answers to the others on that model.
bool worksheet_waits(const App& app) {
    const WorksheetState& s = app.lesson.sheet;
    if (!s.active) return false;
    for (const SheetQuestion& q : s.questions)
        if (q.ok && !worksheet_question_revealed(q)) return true;
    return false;
}

bool worksheet_all_answered(const WorksheetState& s) {
    for (const SheetQuestion& q : s.questions)
        if (q.result != 'r' && q.result != 'l') return false;
    return !s.questions.empty();
}

std::string worksheet_state_json(const WorksheetState& s) {
    convlab::JsonWriter w;
    w.begin_object();
    w.member("active", s.active);
    w.member("current", s.current);
    w.member("count", int64_t(s.questions.size()));
    std::string results;
    for (const SheetQuestion& q : s.questions) results += q.result;
    w.member("results", results);
    if (s.active && s.current < int(s.questions.size())) {
        const SheetQuestion& q = s.questions[size_t(s.current)];
        static const char* const asks[] = {"shape", "params", "both"};
        w.member("ask", asks[size_t(q.link.ask)]);
        w.member("layer", q.ok ? q.exercise.row.name : std::string());
        w.member("hint_shown", q.hint_shown);
        w.member("code_lines", int64_t(q.code.size()));
        static const char* const states[] = {"none", "unreadable", "right", "wrong"};
        w.member("shape_state", states[size_t(q.shape.state)]);
        w.member("count_state", states[size_t(q.count.state)]);
        w.member("shape_mistake", lesson_mistake_id(q.shape.verdict.mistake));
        w.member("count_mistake", lesson_mistake_id(q.count.verdict.mistake));
    }
    w.end_object();
    return w.take();
}
