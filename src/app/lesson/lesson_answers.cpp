// lesson_answers.cpp: reading and grading what the learner types in chapters
// 1, 3 and 4, and the chapters' buttons. The core parses (answer_parse.h) and
// grades (mistake_classifier.h); this file keeps the streak and picks the
// sentence from the string table. Not drawing: lesson_panel.cpp.
#include <string>

#include "app/app.h"
#include "core/message/message.h"
#include "app/lesson/lesson_panel.h"

namespace {

Str mistake_sentence(convlab::MistakeKind k) { return Str(size_t(Str::MistakeForgotInChannels) + size_t(k)); }

// The string-table pattern with its {0} filled, as every other sentence is.
std::string fill_slot(const char* pattern, const std::string& value) { return convlab::fill_slots(pattern, {value}); }

// Once parsed (and, when readable, judged by the core): unreadable, right or wrong.
LessonAnswer::State graded_state(const LessonAnswer& a) {
    if (!a.parse.ok()) return LessonAnswer::State::Unreadable;
    return a.verdict.right ? LessonAnswer::State::Right : LessonAnswer::State::Wrong;
}

void grade_count(const convlab::Exercise& e, LessonAnswer* a) {
    int64_t v = 0;
    a->parse = convlab::parse_count_answer(a->text, &v);
    if (a->parse.ok()) a->verdict = convlab::classify_params(e, v);
    a->state = graded_state(*a);
    if (a->state == LessonAnswer::State::Wrong) ++a->wrong_tries;
}

void grade_shape(const convlab::Exercise& e, LessonAnswer* a) {
    convlab::Shape s;
    a->parse = convlab::parse_shape_answer(a->text, &s);
    if (a->parse.ok()) a->verdict = convlab::classify_shape(e, s);
    a->state = graded_state(*a);
    if (a->state == LessonAnswer::State::Wrong) ++a->wrong_tries;
}

bool graded(const LessonAnswer& a) {
    return a.state == LessonAnswer::State::Right || a.state == LessonAnswer::State::Wrong;
}

}  // namespace

std::string lesson_parse_message(Lang lang, const convlab::AnswerParse& p) {
    using convlab::AnswerError;
    switch (p.error) {
        case AnswerError::Empty: return tr(lang, Str::LessonParseEmpty);
        case AnswerError::NotACount: return fill_slot(tr(lang, Str::LessonParseNotCount), p.piece);
        case AnswerError::CountTooLarge: return fill_slot(tr(lang, Str::LessonParseTooLarge), p.piece);
        case AnswerError::NotAShape: return fill_slot(tr(lang, Str::LessonParseNotShape), p.piece);
        case AnswerError::ShapeRank: return fill_slot(tr(lang, Str::LessonParseRank), p.piece);
        case AnswerError::ShapeZero: return tr(lang, Str::LessonParseZero);
        default: return "";
    }
}

std::string lesson_feedback_text(Lang lang, const LessonAnswer& a) {
    switch (a.state) {
        case LessonAnswer::State::Unreadable: return lesson_parse_message(lang, a.parse);
        case LessonAnswer::State::Right: return tr(lang, Str::LessonRight);
        case LessonAnswer::State::Wrong:
            return a.verdict.known_mistake() ? tr(lang, mistake_sentence(a.verdict.mistake)) : tr(lang, Str::LessonNotKnown);
        default: return "";
    }
}

const char* lesson_mistake_id(convlab::MistakeKind k) {
    static const char* const ids[] = {
        "ForgotInChannels", "ForgotBias",       "ForgotBoth",         "SwappedInOut",
        "CountedPoolingParams", "PaddingOffByOne", "StrideIgnored",   "FlattenAsLastAxis",
        "CountedMovingStats", "DilationIgnored", "DepthwiseAsFull",   "FullAsDepthwise",
        "OutputChannelsWrong", "SameRoundedDown", "ConcatChannelsAsParams", "ConcatOneBranch",
        "SharedCountedTwice", "AddAsConcatenate", "ShortcutProjectionForgotten"};
    static_assert(sizeof(ids) / sizeof(ids[0]) == size_t(convlab::MistakeKind::Count), "one id per MistakeKind");
    return size_t(k) < size_t(convlab::MistakeKind::Count) ? ids[size_t(k)] : "None";
}

void lesson_check_guess(App& app) {
    LessonState& l = app.lesson;
    if (!l.seed_ok) return;
    grade_count(l.seed_question, &l.guess);
    l.scroll_to_feedback = true;
}

void lesson_check_toy(App& app) {
    LessonState& l = app.lesson;
    if (!l.toy_ok) return;
    grade_count(l.toy, &l.toy_guess);
    l.scroll_to_feedback = true;
    // Predicted first, now seen: the Convolution tab shows the toy layer.
    if (graded(l.toy_guess)) {
        conv_view_pick_toy(app.conv);
        app.requested_tab = WorkspaceTab::Convolution;
    }
}

void lesson_check_size(App& app) {
    LessonState& l = app.lesson;
    if (!l.size_ok || l.size_step >= int(l.size_questions.size())) return;
    const convlab::Exercise& e = l.size_questions[size_t(l.size_step)];
    grade_shape(e, &l.size_shape);
    // A pooling window's question also asks for its Param #: 0.
    if (e.row.analysis.param_formula.empty()) grade_count(e, &l.size_count);
    l.scroll_to_feedback = true;
}

void lesson_next_size(App& app) {
    LessonState& l = app.lesson;
    if (l.size_step < int(l.size_questions.size())) ++l.size_step;
    l.size_shape = LessonAnswer{};
    l.size_count = LessonAnswer{};
}

void lesson_check_exercise(App& app) {
    LessonState& l = app.lesson;
    if (!l.has_exercise) return;
    grade_shape(l.exercise, &l.shape_answer);
    grade_count(l.exercise, &l.count_answer);
    l.scroll_to_feedback = true;
    // An exercise counts once, when both answers could be read: a second try
    // after seeing the working does not feed the streak.
    if (l.checked || !graded(l.shape_answer) || !graded(l.count_answer)) return;
    l.checked = true;
    if (l.shape_answer.verdict.right && l.count_answer.verdict.right) {
        ++l.streak;
        if (l.streak > l.best_streak) l.best_streak = l.streak;
    } else {
        l.streak = 0;
    }
    l.progress_dirty = true;
}

void lesson_next_exercise(App& app) {
    LessonState& l = app.lesson;
    // An exercise skipped without an answer does not end the streak, but it
    // does not count either.
    l.exercise = convlab::make_exercise(l.next_seed++, convlab::exercise_level_for_streak(l.streak));
    l.has_exercise = true;
    l.checked = false;
    l.shape_answer = LessonAnswer{};
    l.count_answer = LessonAnswer{};
    l.progress_dirty = true;
}

void lesson_check_branch(App& app) {
    LessonState& l = app.lesson;
    if (!l.has_branch) return;
    grade_shape(l.branch, &l.branch_shape);
    grade_count(l.branch, &l.branch_params);
    l.scroll_to_feedback = true;
}

void lesson_next_branch(App& app) {
    LessonState& l = app.lesson;
    const int kinds = int(convlab::BranchQuestion::Count);
    l.branch = convlab::make_branch_exercise(l.next_seed++, convlab::BranchQuestion(l.branch_count_done % kinds));
    ++l.branch_count_done;
    l.has_branch = true;
    l.branch_shape = LessonAnswer{};
    l.branch_params = LessonAnswer{};
    l.progress_dirty = true;
}

bool lesson_do(App& app, const std::string& what) {
    LessonState& l = app.lesson;
    if (what == "swap_gap") {
        if (!l.ch5_ok) return true;
        editor_apply(app, l.gap_model, "");
        if (l.dense_row < int(app.summary.layers.size())) app.selected_layer = l.dense_row;
        app.requested_tab = WorkspaceTab::Summary;
    } else if (what == "see_branch") {
        // The exercise's graph in the editor, its layer selected: predict, then see.
        if (!l.has_branch) return true;
        editor_apply(app, l.branch.model, "");
        editor_select_card(app, l.branch.layer);
        app.requested_tab = WorkspaceTab::Summary;
    } else if (what == "undo") {
        editor_undo(app);
    } else if (what == "train" || what == "filters" || what == "draw") {
        if (what == "train") training_start(app);  // a refusal shows in the Training tab itself
        // Training opens on its curves (where the test accuracy appears), the
        // other two on the drawing pad and the first layer's filters.
        app.training.view_request = what == "train" ? 0 : what == "draw" ? 2 : 3;
        app.requested_tab = WorkspaceTab::Training;
    } else {
        return false;
    }
    return true;
}

void worksheet_check(App& app) {
    WorksheetState& s = app.lesson.sheet;
    if (!s.active || s.current >= int(s.questions.size())) return;
    SheetQuestion& q = s.questions[size_t(s.current)];
    if (!q.ok) return;
    if (q.asks_shape()) grade_shape(q.exercise, &q.shape);
    if (q.asks_count()) grade_count(q.exercise, &q.count);
    app.lesson.scroll_to_feedback = true;
    // Judged once every asked field could be read: right the first time, or
    // wrong until it is right (then "right after a wrong answer").
    if ((q.asks_shape() && !graded(q.shape)) || (q.asks_count() && !graded(q.count))) return;
    const bool right = (!q.asks_shape() || q.shape.verdict.right) && (!q.asks_count() || q.count.verdict.right);
    if (q.result == '-') q.result = right ? 'r' : 'w';
    else if (q.result == 'w' && right) q.result = 'l';
    s.dirty = true;
}
