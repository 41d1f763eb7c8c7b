// lesson_panel.cpp: draws the lesson: the chapter strip, the chapter's few
// sentences, its one thing to do, and feedback with the learner's working
// beside the right one. Every number comes from the core (the exercises'
// summaries, summarize() of the seed model and of its GlobalAveragePooling2D
// variant); every sentence from the string table. Not the page changes a
// chapter makes (lesson_chapters.cpp) nor the grading (lesson_answers.cpp).
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/io/export_code.h"
#include "core/analysis/formula.h"
#include "app/formula_view.h"
#include "app/lesson/lesson_panel.h"
#include "app/panels.h"
#include "app/same_line.h"
#include "app/wrapped_text.h"
#include "app/theme.h"
#include "app/url_state.h"

namespace {

using State = LessonAnswer::State;

// Replaces {0}, {1}, ... with args (the string table's slots).
std::string fill(const char* pattern, const std::vector<std::string>& args) {
    std::string s = pattern;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string slot = "{" + std::to_string(i) + "}";
        for (size_t at = s.find(slot); at != std::string::npos; at = s.find(slot, at + args[i].size()))
            s.replace(at, slot.size(), args[i]);
    }
    return s;
}

std::string num(int64_t v) { return convlab::with_thousands(v); }

ImVec4 right_colour(bool dark) { return dark ? ImVec4(0.45f, 0.85f, 0.50f, 1) : ImVec4(0.05f, 0.50f, 0.15f, 1); }
ImVec4 wrong_colour(bool dark) { return dark ? ImVec4(1.0f, 0.55f, 0.50f, 1) : ImVec4(0.75f, 0.15f, 0.10f, 1); }
ImVec4 accent_colour(bool dark) { return dark ? ImVec4(0.55f, 0.75f, 1.0f, 1) : ImVec4(0.10f, 0.30f, 0.70f, 1); }

void para(const std::string& text) {
    wrapped_text(text);
    ImGui::Spacing();
}

// The chapter's one thing to do, set apart so it is never missed.
void todo(const App& app, const std::string& text) {
    ImGui::PushFont(app.theme.fonts.bold);
    ImGui::PushStyleColor(ImGuiCol_Text, accent_colour(app.dark));
    wrapped_text("→ " + text);
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

// A one-line answer field; true when Enter was pressed in it.
bool answer_field(Lang lang, const char* id, LessonAnswer& a, Str hint, float width) {
    ImGui::SetNextItemWidth(width);
    return ImGui::InputTextWithHint(id, tr(lang, hint), a.text, sizeof(a.text), ImGuiInputTextFlags_EnterReturnsTrue);
}

// A working: a parameter formula, or one formula per axis of a shape.
void working_view(const App& app, const convlab::Working& w) {
    const Lang lang = app.language.shown;
    if (!w.params.empty()) formula_view(app, w.params, false);
    const std::pair<Str, const convlab::Formula*> axes[] = {
        {Str::RoleHeight, &w.height}, {Str::RoleWidth, &w.width}, {Str::RoleChannels, &w.channels}};
    for (const auto& [label, f] : axes) {
        if (f->empty()) continue;
        ImGui::TextDisabled("%s", tr(lang, label));
        ImGui::SameLine(80.0f);
        formula_view(app, *f, false);
    }
}

// The feedback under an answer: the verdict's sentence, then (when wrong) the
// misconception's working beside the right one.
void feedback(App& app, LessonAnswer& a) {
    const Lang lang = app.language.shown;
    if (a.state == State::None) return;
    const std::string text = lesson_feedback_text(lang, a);
    const ImVec4 colour = a.state == State::Right ? right_colour(app.dark) : wrong_colour(app.dark);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    wrapped_text((a.state == State::Right ? "✓ " : "✗ ") + text);
    ImGui::PopStyleColor();
    if (a.state != State::Wrong) return;
    if (a.verdict.known_mistake()) {
        ImGui::TextDisabled("%s", tr(lang, Str::LessonYourWorking));
        ImGui::Indent();
        working_view(app, a.verdict.wrong_working);
        ImGui::Unindent();
    }
    // Predict, then see: after one wrong try the learner may try again with
    // the slip named; the right working is theirs for the asking.
    if (a.wrong_tries < 2 && !a.show_right) {
        ImGui::TextDisabled("%s", tr(lang, Str::LessonTryAgain));
        ImGui::PushID(&a);
        if (ImGui::Button(tr_id(app.labels, lang, Str::LessonShowRight, "lesson_show_right"))) a.show_right = true;
        ImGui::PopID();
        return;
    }
    ImGui::TextDisabled("%s", tr(lang, Str::LessonRightWorking));
    ImGui::Indent();
    working_view(app, a.verdict.right_working);
    ImGui::Unindent();
}

// After a Check, the body scrolls down so the feedback just given is in view.
// anchor_y (a cursor Y in the body): where the question starts. When the
// question and its feedback fit, the body scrolls to put the question at the
// top, so no line is left cut in half there; otherwise the feedback's end
// goes to the bottom.
void scroll_to_feedback(App& app, float anchor_y = -1.0f) {
    if (!app.lesson.scroll_to_feedback) return;
    app.lesson.scroll_to_feedback = false;
    const float end_y = ImGui::GetCursorPosY();
    if (anchor_y >= 0.0f && end_y - anchor_y <= ImGui::GetWindowHeight()) ImGui::SetScrollY(anchor_y);
    else ImGui::SetScrollHereY(1.0f);
}

// "Check" beside an answer field, or Enter in it.
bool check_button(App& app, const char* id) {
    return ImGui::Button(tr_id(app.labels, app.language.shown, Str::LessonCheck, id));
}

// A button whose label breaks onto more lines where the column is too narrow
// for it ("Use GlobalAveragePooling2D instead of Flatten" at 1024 px).
bool wrapped_button(App& app, Str label, const char* id) {
    const std::string text = tr(app.language.shown, label);
    const float width = ImGui::GetContentRegionAvail().x - 2.0f * ImGui::GetStyle().FramePadding.x;
    std::string out, line;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        const std::string word = text.substr(start, end - start);
        const std::string tried = line.empty() ? word : line + " " + word;
        if (!line.empty() && ImGui::CalcTextSize(tried.c_str()).x > width) {
            out += line + "\n";
            line = word;
        } else {
            line = tried;
        }
        start = end + 1;
    }
    out += line;
    return ImGui::Button((out + "###" + id).c_str());
}

// Chapters about the seed model offer to load it when a link brought another.
bool seed_missing(App& app) {
    const Lang lang = app.language.shown;
    if (lesson_model_is_seed(app)) return false;
    para(tr(lang, Str::LessonNotSeed));
    if (wrapped_button(app, Str::LessonLoadSeed, "lesson_load_seed")) lesson_enter(app, app.lesson.chapter);
    return true;
}

// The exercise's layers as Keras code, one per line, from the core's exporter
// ("keras.Input(shape=(15, 15, 8))", "layers.Conv2D(16, (3, 3), strides=2)").
std::vector<std::string> exercise_code(const convlab::Exercise& e) {
    const std::string code = convlab::export_keras_python(e.model);
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < code.size()) {
        size_t end = code.find('\n', start);
        if (end == std::string::npos) end = code.size();
        std::string line = code.substr(start, end - start);
        start = end + 1;
        if (line.rfind("    ", 0) != 0) continue;  // only the layers inside Sequential([...])
        line.erase(0, 4);
        if (!line.empty() && line.back() == ',') line.pop_back();
        lines.push_back(line);
    }
    return lines;
}

void chapter1(App& app) {
    const Lang lang = app.language.shown;
    LessonState& l = app.lesson;
    if (seed_missing(app) || !l.seed_ok) return;
    const convlab::Exercise& e = l.seed_question;
    const convlab::LayerSpec& s = e.spec();
    para(fill(tr(lang, Str::LessonCh1Text), {num(e.right_params()), e.row.name, num(s.filters), num(s.kernel.h),
                                             num(s.kernel.w), e.row.input.to_string()}));
    todo(app, fill(tr(lang, Str::LessonCh1Do), {e.row.name, num(e.right_params())}));
    bool submit = answer_field(lang, "##lesson_guess", l.guess, Str::LessonCountHint, 140.0f);
    ImGui::SameLine();
    submit |= check_button(app, "lesson_check_guess");
    if (submit) lesson_check_guess(app);
    feedback(app, l.guess);
    if (l.guess.state == State::Right)
        para(fill(tr(lang, Str::LessonCh1Success), {num(s.filters), num(e.row.input.c())}));
    scroll_to_feedback(app);
}

void chapter2(App& app) {
    const Lang lang = app.language.shown;
    LessonState& l = app.lesson;
    if (seed_missing(app) || !l.seed_ok) return;
    const convlab::Exercise& e = l.seed_question;
    const convlab::LayerSpec& s = e.spec();
    para(fill(tr(lang, Str::LessonCh2Text), {e.row.name, num(s.kernel.h), num(s.kernel.w), num(e.row.input.c())}));
    todo(app, tr(lang, Str::LessonCh2Do));
}

void chapter3(App& app) {
    const Lang lang = app.language.shown;
    LessonState& l = app.lesson;
    if (seed_missing(app) || !l.seed_ok || !l.toy_ok) return;
    para(fill(tr(lang, Str::LessonCh3Text), {l.seed_question.row.name}));
    formula_view(app, l.seed_question.row.analysis.param_formula, true);
    ImGui::Spacing();
    ImGui::Separator();
    const convlab::LayerSpec& t = l.toy.spec();
    para(fill(tr(lang, Str::LessonCh3Toy), {num(t.filters), num(t.kernel.h), num(t.kernel.w), num(l.toy.row.input.c())}));
    todo(app, tr(lang, Str::LessonCh3Do));
    bool submit = answer_field(lang, "##lesson_toy", l.toy_guess, Str::LessonCountHint, 140.0f);
    ImGui::SameLine();
    submit |= check_button(app, "lesson_check_toy");
    if (submit) lesson_check_toy(app);
    feedback(app, l.toy_guess);
    if (l.toy_guess.state == State::Right || l.toy_guess.state == State::Wrong) para(tr(lang, Str::LessonCh3Reveal));
    scroll_to_feedback(app);
}

// Output size: the rules, then one fixed question at a time.
void chapter_output_size(App& app) {
    const Lang lang = app.language.shown;
    LessonState& l = app.lesson;
    if (!l.size_ok) return;
    para(tr(lang, Str::LessonSizeText));
    para(tr(lang, Str::LessonSizeValid));
    para(tr(lang, Str::LessonSizeSame));
    para(tr(lang, Str::LessonSizeDilation));
    para(tr(lang, Str::LessonSizePool));
    ImGui::Separator();
    const int of = int(l.size_questions.size());
    if (l.size_step >= of) {
        para(tr(lang, Str::LessonSizeDone));
        return;
    }
    const convlab::Exercise& e = l.size_questions[size_t(l.size_step)];
    const bool pooling = e.row.analysis.param_formula.empty();
    const float anchor = ImGui::GetCursorPosY();
    ImGui::PushFont(app.theme.fonts.bold);
    wrapped_text(fill(tr(lang, Str::LessonSizeQuestion), {std::to_string(l.size_step + 1), std::to_string(of)}));
    ImGui::PopFont();
    ImGui::PushFont(app.theme.fonts.mono);
    for (const std::string& line : exercise_code(e)) ImGui::TextWrapped("%s", line.c_str());
    ImGui::PopFont();
    ImGui::Spacing();
    todo(app, tr(lang, Str::LessonSizeDo));
    if (pooling) para(tr(lang, Str::LessonSizeCountToo));
    const float label_w = ImGui::CalcTextSize(tr(lang, Str::ColOutputShape)).x;
    const float field_x = std::max(label_w, ImGui::CalcTextSize(tr(lang, Str::ColParams)).x) + 12.0f;
    const float field_w = std::max(60.0f, std::min(190.0f, ImGui::GetContentRegionAvail().x - field_x));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(lang, Str::ColOutputShape));
    ImGui::SameLine(field_x);
    bool submit = answer_field(lang, "##lesson_size_shape", l.size_shape, Str::LessonShapeHint, field_w);
    if (pooling) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(tr(lang, Str::ColParams));
        ImGui::SameLine(field_x);
        submit |= answer_field(lang, "##lesson_size_count", l.size_count, Str::LessonCountHint, field_w);
    }
    submit |= check_button(app, "lesson_check_size");
    ImGui::SameLine();
    if (ImGui::Button(tr_id(app.labels, lang, Str::LessonSizeNext, "lesson_size_next"))) lesson_next_size(app);
    if (submit) lesson_check_size(app);
    if (pooling && l.size_shape.state != State::None) ImGui::TextDisabled("%s", tr(lang, Str::ColOutputShape));
    feedback(app, l.size_shape);
    // Once answered, where 'same' put its padding (Keras's odd row after).
    const convlab::SizeWorking& h = e.row.analysis.height;
    if (l.size_shape.state != State::None && e.spec().padding == convlab::Padding::Same && h.pad_before + h.pad_after > 0)
        para(fill(tr(lang, Str::LessonSizePadding), {num(h.pad_before + h.pad_after), num(h.pad_before), num(h.pad_after)}));
    if (pooling && l.size_count.state != State::None) {
        ImGui::TextDisabled("%s", tr(lang, Str::ColParams));
        feedback(app, l.size_count);
    }
    scroll_to_feedback(app, anchor);
}

void chapter4(App& app) {
    const Lang lang = app.language.shown;
    LessonState& l = app.lesson;
    if (!l.has_exercise) lesson_next_exercise(app);
    const convlab::Exercise& e = l.exercise;
    para(tr(lang, Str::LessonCh4Text));
    const float anchor = ImGui::GetCursorPosY();
    ImGui::PushFont(app.theme.fonts.mono);
    for (const std::string& line : exercise_code(e)) ImGui::TextWrapped("%s", line.c_str());
    ImGui::PopFont();
    ImGui::Spacing();
    todo(app, tr(lang, Str::LessonCh4Do));
    const float label_w = ImGui::CalcTextSize(tr(lang, Str::ColOutputShape)).x;
    const float field_x = std::max(label_w, ImGui::CalcTextSize(tr(lang, Str::ColParams)).x) + 12.0f;
    const float field_w = std::max(60.0f, std::min(190.0f, ImGui::GetContentRegionAvail().x - field_x));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(lang, Str::ColOutputShape));
    ImGui::SameLine(field_x);
    bool submit = answer_field(lang, "##lesson_shape", l.shape_answer, Str::LessonShapeHint, field_w);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(lang, Str::ColParams));
    ImGui::SameLine(field_x);
    submit |= answer_field(lang, "##lesson_count", l.count_answer, Str::LessonCountHint, field_w);
    submit |= check_button(app, "lesson_check_exercise");
    ImGui::SameLine();
    if (ImGui::Button(tr_id(app.labels, lang, l.checked ? Str::LessonNextExercise : Str::LessonSkipExercise, "lesson_next")))
        lesson_next_exercise(app);
    if (submit) lesson_check_exercise(app);
    ImGui::PushFont(app.theme.fonts.bold);
    ImGui::TextUnformatted(fill(tr(lang, Str::LessonStreak), {std::to_string(l.streak), std::to_string(l.best_streak),
                                                              std::to_string(e.level),
                                                              std::to_string(convlab::kMaxExerciseLevel)})
                               .c_str());
    ImGui::PopFont();
    if (l.streak > 0 && l.streak % 3 == 0) {
        ImGui::PushStyleColor(ImGuiCol_Text, right_colour(app.dark));
        para(tr(lang, Str::LessonCh4Five));
        ImGui::PopStyleColor();
    }
    if (l.shape_answer.state != State::None) {
        ImGui::TextDisabled("%s", tr(lang, Str::ColOutputShape));
        feedback(app, l.shape_answer);
    }
    if (l.count_answer.state != State::None) {
        ImGui::TextDisabled("%s", tr(lang, Str::ColParams));
        feedback(app, l.count_answer);
    }
    scroll_to_feedback(app, anchor);
}

void chapter5(App& app) {
    const Lang lang = app.language.shown;
    LessonState& l = app.lesson;
    // After the swap the model is the GlobalAveragePooling2D variant: the
    // chapter stays, with the way back.
    const bool swapped = l.ch5_ok && lesson_model_is(app, l.gap_model);
    if ((!swapped && seed_missing(app)) || !l.ch5_ok) return;
    const convlab::LayerSummary& flat = l.seed_summary.layers[size_t(l.flatten_row)];
    const convlab::LayerSummary& dense = l.seed_summary.layers[size_t(l.dense_row)];
    const convlab::LayerSummary& gap = l.gap_summary.layers[size_t(l.flatten_row)];
    const convlab::LayerSummary& gap_dense = l.gap_summary.layers[size_t(l.dense_row)];
    para(fill(tr(lang, Str::LessonCh5Text), {flat.input.to_string(), num(flat.analysis.output.elements()),
                                             num(dense.analysis.output.c()), dense.name}));
    formula_view(app, dense.analysis.param_formula, true);
    ImGui::Spacing();
    para(fill(tr(lang, Str::LessonCh5Share), {num(dense.analysis.params), num(l.seed_summary.total_params)}));
    para(fill(tr(lang, Str::LessonCh5Gap), {num(gap.analysis.output.elements()), num(gap_dense.analysis.params),
                                            num(l.gap_summary.total_params)}));
    todo(app, tr(lang, Str::LessonCh5Do));
    if (!swapped) {
        if (wrapped_button(app, Str::LessonCh5Swap, "lesson_swap")) lesson_do(app, "swap_gap");
    } else if (wrapped_button(app, Str::LessonCh5Undo, "lesson_unswap")) {
        lesson_do(app, "undo");
    }
}

void chapter6(App& app) {
    const Lang lang = app.language.shown;
    para(fill(tr(lang, Str::LessonCh6Text), {num(shown_summary(app).total_params)}));
    todo(app, tr(lang, Str::LessonCh6Do));
    if (wrapped_button(app, Str::LessonCh6Start, "lesson_train")) lesson_do(app, "train");
    if (wrapped_button(app, Str::LessonCh6Filters, "lesson_filters")) lesson_do(app, "filters");
    same_line_if_fits(button_width(tr(lang, Str::LessonCh6Draw)));
    if (wrapped_button(app, Str::LessonCh6Draw, "lesson_draw")) lesson_do(app, "draw");
}

// The Branches chapter: what merges do, the bottleneck in numbers, then
// exercises on small graphs, each shown as the Functional code that builds it.
void chapter_branches(App& app) {
    const Lang lang = app.language.shown;
    LessonState& l = app.lesson;
    if (!l.has_branch) lesson_next_branch(app);
    const convlab::Exercise& e = l.branch;
    para(tr(lang, Str::LessonBranchesText));
    para(fill(tr(lang, Str::LessonBranchesBottleneck), {num(l.bottleneck.bottleneck), num(l.bottleneck.plain)}));
    ImGui::Separator();
    const float anchor = ImGui::GetCursorPosY();
    const int kind = (l.branch_count_done - 1) % int(convlab::BranchQuestion::Count);
    ImGui::PushFont(app.theme.fonts.bold);
    wrapped_text(fill(tr(lang, Str::LessonBranchesQuestion),
                      {std::to_string(l.branch_count_done), tr(lang, Str(size_t(Str::LessonBranchKindAdd) + size_t(kind)))}));
    ImGui::PopFont();
    // The whole script, since the answer depends on the layers around the one asked about.
    ImGui::PushFont(app.theme.fonts.mono);
    const std::string code = convlab::export_keras_python(e.model);
    size_t start = 0;
    while (start < code.size()) {
        size_t end = code.find('\n', start);
        if (end == std::string::npos) end = code.size();
        const std::string line = code.substr(start, end - start);
        start = end + 1;
        if (line.rfind("import", 0) == 0 || line.rfind("from ", 0) == 0 || line.rfind('#', 0) == 0 || line.empty())
            continue;
        ImGui::TextWrapped("%s", line.c_str());
    }
    ImGui::PopFont();
    ImGui::Spacing();
    todo(app, fill(tr(lang, Str::LessonBranchesDo), {e.row.name}));
    const float label_w = ImGui::CalcTextSize(tr(lang, Str::ColOutputShape)).x;
    const float field_x = std::max(label_w, ImGui::CalcTextSize(tr(lang, Str::ColParams)).x) + 12.0f;
    const float field_w = std::max(60.0f, std::min(190.0f, ImGui::GetContentRegionAvail().x - field_x));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(lang, Str::ColOutputShape));
    ImGui::SameLine(field_x);
    bool submit = answer_field(lang, "##lesson_branch_shape", l.branch_shape, Str::LessonShapeHint, field_w);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(lang, Str::ColParams));
    ImGui::SameLine(field_x);
    submit |= answer_field(lang, "##lesson_branch_count", l.branch_params, Str::LessonCountHint, field_w);
    note_item(app, "lesson_branch_count");
    submit |= check_button(app, "lesson_check_branch");
    note_item(app, "lesson_check_branch");
    ImGui::SameLine();
    const bool answered = l.branch_shape.state != State::None || l.branch_params.state != State::None;
    if (ImGui::Button(tr_id(app.labels, lang, answered ? Str::LessonNextExercise : Str::LessonSkipExercise, "lesson_next_branch")))
        lesson_next_branch(app);
    if (submit) lesson_check_branch(app);
    if (l.branch_shape.state != State::None) {
        ImGui::TextDisabled("%s", tr(lang, Str::ColOutputShape));
        feedback(app, l.branch_shape);
    }
    if (l.branch_params.state != State::None) {
        ImGui::TextDisabled("%s", tr(lang, Str::ColParams));
        feedback(app, l.branch_params);
    }
    // Predict, then see: the graph goes into the editor only once answered.
    if (answered && wrapped_button(app, Str::LessonBranchesSee, "lesson_see_branch")) lesson_do(app, "see_branch");
    scroll_to_feedback(app, anchor);
}

// The worksheet's strip: one button per question, marked ✓ once right and ✗
// while wrong, and the way back to the chapters.
void worksheet_header(App& app) {
    const Lang lang = app.language.shown;
    WorksheetState& s = app.lesson.sheet;
    for (int i = 0; i < int(s.questions.size()); ++i) {
        if (i > 0) ImGui::SameLine(0.0f, 4.0f);
        const char r = s.questions[size_t(i)].result;
        const bool current = i == s.current;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        // The mark's colour, except on the current question's button, whose own colour it would not read on.
        const bool tinted = r != '-' && !current;
        if (tinted) ImGui::PushStyleColor(ImGuiCol_Text, r == 'w' ? wrong_colour(app.dark) : right_colour(app.dark));
        const std::string label = std::to_string(i + 1) + (r == '-' ? "" : r == 'w' ? " ✗" : " ✓") + "##sheet_q" +
                                  std::to_string(i + 1);
        if (ImGui::Button(label.c_str(), ImVec2(r == '-' ? 26.0f : 0.0f, 0.0f)) && !current) worksheet_go(app, i);
        note_item(app, "sheet_q" + std::to_string(i + 1));
        if (tinted) ImGui::PopStyleColor();
        if (current) ImGui::PopStyleColor();
    }
    if (!app.embed) {
        same_line_if_fits(button_width(tr(lang, Str::SheetLeave)), 14.0f);
        if (ImGui::Button(tr_id(app.labels, lang, Str::SheetLeave, "sheet_leave"))) worksheet_leave(app);
        note_item(app, "sheet_leave");
    } else {
        // Embedded, the way out is to the whole page, with these questions.
        same_line_if_fits(button_width(tr(lang, Str::OpenInConvLab)), 14.0f);
        if (ImGui::Button(tr_id(app.labels, lang, Str::OpenInConvLab, "open_in_convlab_button"))) open_in_convlab(app);
        note_item(app, "open_in_convlab");
    }
    ImGui::PushFont(app.theme.fonts.big);
    wrapped_text(fill(tr(lang, Str::SheetTitle), {std::to_string(s.current + 1), std::to_string(s.questions.size())}));
    ImGui::PopFont();
    ImGui::Separator();
}

const Str kTitles[kLessonChapters] = {Str::LessonCh1Title, Str::LessonCh2Title, Str::LessonCh3Title, Str::LessonSizeTitle,
                                      Str::LessonCh4Title, Str::LessonCh5Title, Str::LessonCh6Title,
                                      Str::LessonBranchesTitle};

}  // namespace

void worksheet_body(App& app) {
    const Lang lang = app.language.shown;
    WorksheetState& s = app.lesson.sheet;
    if (s.current >= int(s.questions.size())) return;
    SheetQuestion& q = s.questions[size_t(s.current)];
    if (s.scroll_top) {
        ImGui::SetScrollY(0.0f);
        s.scroll_top = false;
    }
    ImGui::PushID(s.current);
    if (s.current == 0) para(tr(lang, s.questions.size() == 1 ? Str::SheetIntroOne : Str::SheetIntro));
    if (!q.ok) {
        para(tr(lang, Str::SheetModelBroken));
        ImGui::PopID();
        return;
    }
    const convlab::Exercise& e = q.exercise;
    const float anchor = ImGui::GetCursorPosY();
    const Str ask = q.link.ask == convlab::ExerciseAsk::OutputShape ? Str::SheetAskShape
                    : q.link.ask == convlab::ExerciseAsk::Params    ? Str::SheetAskParams
                                                                    : Str::SheetAskBoth;
    todo(app, fill(tr(lang, ask), {e.row.name}));
    // The answer fields come before the model's code, so they stay in view
    // however deep in a large network the layer is; the code follows them.
    const float label_w = std::max(q.asks_shape() ? ImGui::CalcTextSize(tr(lang, Str::ColOutputShape)).x : 0.0f,
                                   q.asks_count() ? ImGui::CalcTextSize(tr(lang, Str::ColParams)).x : 0.0f);
    const float field_x = label_w + 12.0f;
    const float field_w = std::max(60.0f, std::min(190.0f, ImGui::GetContentRegionAvail().x - field_x));
    bool submit = false;
    if (q.asks_shape()) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(tr(lang, Str::ColOutputShape));
        ImGui::SameLine(field_x);
        // The field's example has the answer's rank: (None, N) for a vector, not (None, H, W, C).
        const Str hint = e.right_shape().rank == 1 ? Str::LessonShapeHintVector : Str::LessonShapeHint;
        submit |= answer_field(lang, "##sheet_shape", q.shape, hint, field_w);
        note_item(app, "sheet_shape");
    }
    if (q.asks_count()) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(tr(lang, Str::ColParams));
        ImGui::SameLine(field_x);
        submit |= answer_field(lang, "##sheet_count", q.count, Str::LessonCountHint, field_w);
        note_item(app, "sheet_count");
    }
    submit |= check_button(app, "sheet_check");
    note_item(app, "sheet_check");
    if (!q.link.hint.empty() && !q.hint_shown) {
        ImGui::SameLine();
        if (ImGui::Button(tr_id(app.labels, lang, Str::SheetShowHint, "sheet_hint"))) q.hint_shown = true;
        note_item(app, "sheet_hint");
    }
    if (submit) worksheet_check(app);
    if (q.hint_shown) {
        ImGui::PushStyleColor(ImGuiCol_Text, accent_colour(app.dark));
        para(fill(tr(lang, Str::SheetHint), {q.link.hint}));
        ImGui::PopStyleColor();
    }
    // Each field's feedback, under its name when there are two; once an
    // answer is right its working follows, as the lesson's chapters show it.
    const bool both = q.asks_shape() && q.asks_count();
    const auto answer_feedback = [&](LessonAnswer& a, Str name) {
        if (a.state == State::None) return;
        if (both) ImGui::TextDisabled("%s", tr(lang, name));
        feedback(app, a);
        if (a.state == State::Right) {
            ImGui::TextDisabled("%s", tr(lang, Str::LessonRightWorking));
            ImGui::Indent();
            working_view(app, a.verdict.right_working);
            ImGui::Unindent();
        }
    };
    if (q.asks_shape()) answer_feedback(q.shape, Str::ColOutputShape);
    if (q.asks_count()) answer_feedback(q.count, Str::ColParams);
    // Predict, then see: the model goes into the editor once every question
    // has its answer (before, its summary would answer the others).
    const bool see = !worksheet_waits(app);
    // Embedded there is no editor: the frame turns to the summary instead.
    if (see && wrapped_button(app, app.embed ? Str::SheetSeeEmbedded : Str::LessonBranchesSee, "sheet_see")) worksheet_see(app);
    if (see) note_item(app, "sheet_see");
    ImGui::Spacing();
    ImGui::BeginDisabled(s.current == 0);
    if (ImGui::Button(tr_id(app.labels, lang, Str::SheetPrevious, "sheet_previous"))) worksheet_go(app, s.current - 1);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(s.current + 1 >= int(s.questions.size()));
    if (ImGui::Button(tr_id(app.labels, lang, Str::SheetNext, "sheet_next"))) worksheet_go(app, s.current + 1);
    note_item(app, "sheet_next");
    ImGui::EndDisabled();
    const int n = int(s.questions.size());
    const int first = worksheet_right_first_time(s);
    ImGui::PushFont(app.theme.fonts.bold);
    if (worksheet_all_answered(s)) {
        ImGui::PushStyleColor(ImGuiCol_Text, right_colour(app.dark));
        wrapped_text(fill(tr(lang, Str::SheetDone), {std::to_string(n), std::to_string(first)}));
        ImGui::PopStyleColor();
    } else {
        wrapped_text(fill(tr(lang, Str::SheetRightCount), {std::to_string(first), std::to_string(n)}));
    }
    ImGui::PopFont();
    const float end_of_feedback = ImGui::GetCursorPosY();
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    wrapped_text(fill(tr(lang, Str::SheetCodeIntro), {e.row.name}));
    ImGui::PopStyleColor();
    ImGui::PushFont(app.theme.fonts.mono);
    for (const std::string& line : q.code) wrapped_text(line);  // breaks at spaces, never inside name="conv2d_1"
    ImGui::PopFont();
    // After a Check the feedback, not the code below it, is what comes into view.
    if (app.lesson.scroll_to_feedback) {
        app.lesson.scroll_to_feedback = false;
        if (end_of_feedback - anchor <= ImGui::GetWindowHeight()) ImGui::SetScrollY(anchor);
        else ImGui::SetScrollY(end_of_feedback - ImGui::GetWindowHeight());
    }
    ImGui::PopID();
}

void lesson_panel(App& app, ImVec2 pos, ImVec2 size, bool editor_fits) {
    const Lang lang = app.language.shown;
    LessonState& l = app.lesson;
    ImGui::SetNextWindowPos(pos, ImGuiCond_Always);
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    bool open = true;
    ImGui::Begin(tr_id(app.labels, lang, Str::LessonTitle, "lesson"), &open,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                     (app.embed ? ImGuiWindowFlags_NoTitleBar : 0));
    if (l.sheet.active) {
        // A teacher's worksheet in the lesson's place: its questions, not the chapters.
        worksheet_header(app);
        ImGui::BeginChild("sheet_body", ImVec2(0, 0), false);
        worksheet_body(app);
        ImGui::EndChild();
        ImGui::End();
        if (!open) lesson_close(app);
        return;
    }
    // The chapter strip: every chapter is one click away, the current one marked.
    for (int ch = 1; ch <= kLessonChapters; ++ch) {
        if (ch > 1) ImGui::SameLine(0.0f, 4.0f);
        const bool current = ch == l.chapter;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        const std::string label = std::to_string(ch) + "##lesson_ch" + std::to_string(ch);
        if (ImGui::Button(label.c_str(), ImVec2(26.0f, 0.0f)) && !current) lesson_enter(app, ch);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(lang, kTitles[ch - 1]));
        if (current) ImGui::PopStyleColor();
    }
    // The editor shares the column on request, where there is height for both.
    if (editor_fits) {
        same_line_if_fits(checkbox_width(tr(lang, Str::LessonShowEditor)), 14.0f);
        ImGui::Checkbox(tr_id(app.labels, lang, Str::LessonShowEditor, "lesson_show_editor"), &l.show_editor);
    }
    // Back and Next at the top, beside the strip: the same place in every
    // chapter, however long its text or tall the lesson's share of the column.
    const int ch_before = l.chapter;
    same_line_if_fits(button_width(tr(lang, Str::LessonBack)) + button_width(tr(lang, Str::LessonNext)) + 8.0f, 14.0f);
    ImGui::BeginDisabled(ch_before <= 1);
    if (ImGui::Button(tr_id(app.labels, lang, Str::LessonBack, "lesson_back"))) lesson_enter(app, ch_before - 1);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(ch_before >= kLessonChapters);
    if (ImGui::Button(tr_id(app.labels, lang, Str::LessonNext, "lesson_forward"))) lesson_enter(app, ch_before + 1);
    note_item(app, "lesson_forward");
    ImGui::EndDisabled();
    ImGui::PushFont(app.theme.fonts.big);
    wrapped_text(fill(tr(lang, Str::LessonChapterTitle), {std::to_string(l.chapter), tr(lang, kTitles[l.chapter - 1])}));
    ImGui::PopFont();
    ImGui::Separator();

    ImGui::BeginChild("lesson_body", ImVec2(0, 0), false);
    // A chapter opens at its top, not where the last one was scrolled to.
    if (l.drawn_chapter != l.chapter) {
        ImGui::SetScrollY(0.0f);
        l.drawn_chapter = l.chapter;
    }
    switch (l.chapter) {
        case kChQuestion: chapter1(app); break;
        case kChFilter: chapter2(app); break;
        case kChCount: chapter3(app); break;
        case kChOutputSize: chapter_output_size(app); break;
        case kChPractice: chapter4(app); break;
        case kChFlatten: chapter5(app); break;
        case kChBranches: chapter_branches(app); break;
        default: chapter6(app); break;
    }
    ImGui::EndChild();
    ImGui::End();
    if (!open) lesson_close(app);
}
