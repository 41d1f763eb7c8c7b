// lesson_panel.h: the guided lesson, six chapters from the seed question
// ("where does 18,207 come from?") to practising on generated layers and
// training the network. Each chapter sets the editor, summary, convolution
// view or training tab to what it talks about; its text sits in the editor's
// column, so the workspace it talks about stays in view. Not the
// arithmetic and not the grading: exercises, verdicts and answer parsing are
// core (core/lesson/); every number shown comes from summarize().
#pragma once
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/lesson/answer_parse.h"
#include "core/lesson/branch_exercise.h"
#include "core/lesson/exercise.h"
#include "core/lesson/exercise_link.h"
#include "core/lesson/mistake_classifier.h"
#include "core/analysis/model_summary.h"
#include "app/text/strings.h"

struct App;

// One graded answer field: what was typed and what the core made of it.
struct LessonAnswer {
    char text[64] = {};
    enum class State : uint8_t { None, Unreadable, Right, Wrong } state = State::None;
    convlab::AnswerParse parse;  // why the text could not be read (Unreadable)
    convlab::Verdict verdict;    // Right / Wrong
    // A first wrong answer names the slip and shows the learner's own working;
    // the right working waits for a second try or for "Show the right working".
    int wrong_tries = 0;
    bool show_right = false;
};

// One question of a teacher's worksheet (an exercise link): what was asked,
// the core's answers to it, and the learner's answers and result.
struct SheetQuestion {
    convlab::LinkedExercise link;
    convlab::Exercise exercise;        // exercise_from_model: the right answers and their working
    bool ok = false;                   // the model still builds (it did when the link was written)
    std::vector<std::string> code;     // the model as far as the layer, as Keras code, one line each
    LessonAnswer shape, count;         // only the asked ones are shown and graded
    bool hint_shown = false;
    // '-' not answered yet, 'r' right the first time, 'l' right after a wrong
    // answer, 'w' wrong so far: what the learner's progress keeps.
    char result = '-';
    bool asks_shape() const { return link.ask != convlab::ExerciseAsk::Params; }
    bool asks_count() const { return link.ask != convlab::ExerciseAsk::OutputShape; }
};

// The worksheet opened from a link (#ex=...), shown in the lesson's place
// until the learner leaves it; progress through it is kept in this browser
// under a key made from the link's text, so the same link resumes.
struct WorksheetState {
    bool active = false;
    std::string code;                  // the ex= text, as the link had it
    std::vector<SheetQuestion> questions;
    int current = 0;
    bool dirty = false;                // progress to write
    bool scroll_top = false;           // a new question starts at the top of the body
};

struct LessonState {
    bool open = false;
    bool show_editor = true;   // the model editor shares the column (below the lesson) where it fits
    int chapter = 1;           // 1..kLessonChapters, the one shown
    // Kept in this browser (lesson_progress.cpp): how far the learner got.
    int reached = 1;           // the furthest chapter opened
    int best_streak = 0;
    uint64_t next_seed = 1;    // the next generated exercise's seed: each visit gets new ones
    bool progress_dirty = false;
    bool scroll_to_feedback = false;  // a Check just graded: bring its feedback into view
    int drawn_chapter = 0;     // the chapter the body was last drawn for: a new one starts at its top

    // Chapter 1: conv2d_2 of the seed model.
    convlab::Exercise seed_question;
    bool seed_ok = false;
    LessonAnswer guess;
    // Chapter 3: the toy layer (Cin = 3), revealed in the view once answered.
    convlab::Exercise toy;
    bool toy_ok = false;
    LessonAnswer toy_guess;
    // The output-size chapter: fixed questions, one at a time, each on its
    // output shape (the pooling one on its Param # too).
    std::vector<convlab::Exercise> size_questions;
    bool size_ok = false;
    int size_step = 0;
    LessonAnswer size_shape, size_count;
    // The practice chapter: generated exercises.
    convlab::Exercise exercise;
    bool has_exercise = false;
    LessonAnswer shape_answer, count_answer;
    bool checked = false;      // the current exercise was graded (both fields read)
    int streak = 0;
    // The Flatten chapter: the seed model as it is, and with GlobalAveragePooling2D for Flatten.
    convlab::ModelSummary seed_summary, gap_summary;
    convlab::ModelSpec gap_model;
    bool ch5_ok = false;
    int flatten_row = -1, dense_row = -1;  // rows of seed_summary (and gap_summary: same positions)
    // The Branches chapter: exercises on small graphs (core/lesson/branch_exercise.h),
    // their kinds taken in turn.
    convlab::Exercise branch;
    bool has_branch = false;
    int branch_count_done = 0;   // exercises shown so far: the next kind is this one mod the kinds
    LessonAnswer branch_shape, branch_params;
    convlab::BottleneckComparison bottleneck;
    WorksheetState sheet;
};

// Opens the lesson at startup: at the link's chapter (a bad one: chapter 1,
// the URL parser already added the notice), or at chapter 1 on a first visit.
// A link's own model is kept (the chapter offers to load the seed).
void lesson_init(App& app, int url_chapter, bool bad_chapter, bool url_has_model);
// Shows chapter `ch` and sets the page to what it talks about.
void lesson_enter(App& app, int ch);
void lesson_open(App& app);   // the menu's "Lesson": where the learner left off
void lesson_close(App& app);
// The docked panel, filling the rectangle (lesson_panel.cpp). editor_fits: the
// column is tall enough to show the editor below it, so offer that.
void lesson_panel(App& app, ImVec2 pos, ImVec2 size, bool editor_fits);
// True while chapter 1 waits for the learner's first guess: the arithmetic
// panel keeps its working to itself until then.
bool lesson_hides_working(const App& app);
// Whether an answer's right working may show: it is right, or after a wrong
// one the learner tried again or asked to see it.
bool lesson_answer_revealed(const LessonAnswer& a);
// The same for one summary row: chapter 1's question layer before a guess.
bool lesson_hides_count(const App& app, int summary_row);
// Whether the Convolution tab shows that layer now, so its count waits too.
bool lesson_conv_hides_count(const App& app);

// Grading (lesson_answers.cpp): reads and grades the chapter's fields.
void lesson_check_guess(App& app);       // chapter 1
void lesson_check_toy(App& app);         // chapter 3
void lesson_check_size(App& app);        // the output-size chapter
void lesson_next_size(App& app);
void lesson_check_exercise(App& app);    // the practice chapter
void lesson_next_exercise(App& app);
void lesson_check_branch(App& app);      // the Branches chapter
void lesson_next_branch(App& app);
// The sentence for a refused text ("“abc” is not a whole number ...").
std::string lesson_parse_message(Lang lang, const convlab::AnswerParse& p);
// The feedback sentence for a graded or refused answer ("" before any).
std::string lesson_feedback_text(Lang lang, const LessonAnswer& a);
// The chapters' buttons: "swap_gap" (chapter 5: GlobalAveragePooling2D for
// Flatten, as an undoable edit), "undo", "train" (start training and look at
// the filters), "filters", "draw" (the Training tab's views). False if unknown.
bool lesson_do(App& app, const std::string& what);
bool lesson_model_is_seed(const App& app);
bool lesson_model_is(const App& app, const convlab::ModelSpec& model);
// The name of a MistakeKind for the test hook ("ForgotInChannels").
const char* lesson_mistake_id(convlab::MistakeKind k);

// A teacher's worksheet (lesson_worksheet.cpp). Opening one shows the lesson
// on its first unanswered question; leaving it returns to the chapters.
void worksheet_open(App& app, const std::string& code, const std::vector<convlab::LinkedExercise>& questions);
void worksheet_leave(App& app);
void worksheet_go(App& app, int index);       // shows question `index` (clamped)
void worksheet_check(App& app);               // grades the asked fields of the current question
void worksheet_see(App& app);                 // the question's model into the editor, its layer selected
void worksheet_save_progress(WorksheetState& s);
int worksheet_right_first_time(const WorksheetState& s);
bool worksheet_all_answered(const WorksheetState& s);
// The current question's answers are out (right, or shown after a wrong one).
bool worksheet_question_revealed(const SheetQuestion& q);
// A worksheet's questions wait for their answers: the page keeps the model's
// numbers (summary, editor, pictures) out of sight until every question is
// answered, since the page's model may well be theirs.
bool worksheet_waits(const App& app);
std::string worksheet_state_json(const WorksheetState& s);
// The worksheet's body in the lesson panel (lesson_panel.cpp).
void worksheet_body(App& app);

// Progress in localStorage (lesson_progress.cpp).
// False when nothing was stored: the learner's first visit.
bool lesson_load_progress(LessonState& l);
void lesson_save_progress(LessonState& l);

// Test hook: lesson_open [ch], lesson_close, lesson_chapter <n>, lesson_answer
// <text>, lesson_shape <text>, lesson_check, lesson_next, lesson_do <swap_gap|undo|train|filters|draw>.
bool lesson_command(App& app, const std::string& verb, std::istream& args, std::string* reply);
std::string lesson_state_json(const App& app);
