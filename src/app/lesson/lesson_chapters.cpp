// lesson_chapters.cpp: what each chapter does to the page when it opens (the
// model, the workspace tab, the selected summary row, the convolution view's
// layer and mode, the training tab's view), and the lesson's test-hook verbs
// and state. Not drawing (lesson_panel.cpp) and not grading (lesson_answers.cpp).
#include <cstdio>
#include <sstream>
#include <string>

#include "app/app.h"
#include "core/io/json_writer.h"
#include "core/io/json.h"
#include "core/analysis/layer_kind.h"
#include "core/io/model_url.h"
#include "core/model/presets.h"
#include "app/lesson/lesson_panel.h"
#include "app/url_state.h"

namespace {

using convlab::LayerKind;

// conv2d_2 is layer 1 of the seed model (no InputLayer: input_shape sits on conv2d_1).
constexpr int kSeedQuestionLayer = 1;

bool model_is(const App& app, const convlab::ModelSpec& model) {
    return convlab::encode_model_url(app.model) == convlab::encode_model_url(model);
}

bool model_is_seed(const App& app) { return model_is(app, convlab::preset_model(convlab::Preset::SeedQuestion)); }

// The summary row of ModelSpec layer `layer`, or -1.
int row_of_layer(const App& app, int layer) {
    for (int i = 0; i < int(app.summary.layers.size()); ++i)
        if (app.summary.layers[size_t(i)].index == layer) return i;
    return -1;
}

// The questions the chapters ask, built once: the seed's conv2d_2, the toy
// layer (Input (28, 28, 3) → Conv2D(4, (5, 5)), the Convolution tab's toy),
// and the seed model with and without GlobalAveragePooling2D for Flatten.
void prepare(LessonState& l) {
    if (l.seed_ok) return;
    const convlab::ModelSpec seed = convlab::preset_model(convlab::Preset::SeedQuestion);
    convlab::Problem problem;
    l.seed_ok = convlab::exercise_from_model(seed, kSeedQuestionLayer, &l.seed_question, &problem);

    convlab::ModelSpec toy;
    convlab::LayerSpec input = convlab::make_layer(LayerKind::InputLayer);
    input.input_shape = convlab::Shape::image(28, 28, 3);
    convlab::LayerSpec conv = convlab::make_layer(LayerKind::Conv2D);
    conv.filters = 4;
    conv.kernel = {5, 5};
    toy.layers = {input, conv};
    l.toy_ok = convlab::exercise_from_model(toy, 1, &l.toy, &problem);

    l.ch5_ok = convlab::summarize(seed, convlab::NamingStyle::Keras2, &l.seed_summary, &problem);
    l.flatten_row = l.dense_row = -1;
    for (int i = 0; l.ch5_ok && i < int(l.seed_summary.layers.size()); ++i) {
        const LayerKind k = l.seed_summary.layers[size_t(i)].kind;
        if (k == LayerKind::Flatten && l.flatten_row < 0) l.flatten_row = i;
        if (k == LayerKind::Dense && l.flatten_row >= 0 && l.dense_row < 0) l.dense_row = i;
    }
    if (l.ch5_ok && l.flatten_row >= 0 && l.dense_row >= 0) {
        l.gap_model = seed;
        const int at = l.seed_summary.layers[size_t(l.flatten_row)].index;
        l.gap_model.layers[size_t(at)] = convlab::make_layer(LayerKind::GlobalAveragePooling2D);
        l.ch5_ok = convlab::summarize(l.gap_model, convlab::NamingStyle::Keras2, &l.gap_summary, &problem);
    } else {
        l.ch5_ok = false;
    }

    // The output-size chapter's questions, in teaching order: 'valid' without
    // and with a stride, 'same' without and with one (15 / 2 rounds up to 8,
    // and the odd padding row goes after), dilation, and a pooling window.
    const auto question = [](convlab::LayerSpec layer, int64_t channels) {
        convlab::ModelSpec m;
        convlab::LayerSpec in = convlab::make_layer(LayerKind::InputLayer);
        in.input_shape = convlab::Shape::image(15, 15, channels);
        m.layers = {in, layer};
        return m;
    };
    const auto conv_layer = [](int64_t k, int64_t stride, convlab::Padding padding, int64_t dilation) {
        convlab::LayerSpec c = convlab::make_layer(LayerKind::Conv2D);
        c.filters = 8;
        c.kernel = {k, k};
        c.strides = {stride, stride};
        c.padding = padding;
        c.dilation = {dilation, dilation};
        return c;
    };
    using convlab::Padding;
    const convlab::ModelSpec models[] = {
        question(conv_layer(3, 1, Padding::Valid, 1), 3), question(conv_layer(3, 2, Padding::Valid, 1), 3),
        question(conv_layer(3, 1, Padding::Same, 1), 3),  question(conv_layer(4, 2, Padding::Same, 1), 3),
        question(conv_layer(3, 1, Padding::Valid, 2), 3), question(convlab::make_layer(LayerKind::MaxPooling2D), 8),
    };
    l.size_questions.clear();
    l.size_ok = true;
    for (const convlab::ModelSpec& m : models) {
        convlab::Exercise e;
        l.size_ok = l.size_ok && convlab::exercise_from_model(m, 1, &e, &problem);
        l.size_questions.push_back(e);
    }
}

void show_tab(App& app, WorkspaceTab tab) {
    app.requested_tab = tab;
}

void show_conv_walk(App& app, int row) {
    conv_view_pick_layer(app, app.conv, row);
    app.conv.mode = convlab::TraceMode::ChannelWalk;
    app.conv.mistake = false;
    show_tab(app, WorkspaceTab::Convolution);
}

// Sets the page to what chapter `ch` talks about. With keep_model (a link that
// carries its own model) the model stays; the chapter then offers the seed.
void stage(App& app, int ch, bool keep_model) {
    LessonState& l = app.lesson;
    // The practice and output-size chapters ask about layers of their own.
    const bool seed_chapter = ch != kChPractice && ch != kChOutputSize && ch != kChBranches;
    // The chapters about the model (the seed question, the Flatten swap) keep
    // the editor in view; the others need the column's height for their text
    // and feedback. The learner's checkbox overrides this until the next
    // chapter. (Back and Next sit at the top, so they stay put either way.)
    l.show_editor = ch == kChQuestion || ch == kChFlatten;
    if (seed_chapter && !keep_model && !model_is_seed(app)) editor_load_preset(app, convlab::Preset::SeedQuestion);
    const int question_row = row_of_layer(app, kSeedQuestionLayer);
    switch (ch) {
        case 1:
            if (question_row >= 0) app.selected_layer = question_row;
            show_tab(app, WorkspaceTab::Summary);
            break;
        case 2:
            if (question_row >= 0) app.selected_layer = question_row;
            show_conv_walk(app, question_row);
            break;
        case 3:
            if (question_row >= 0) app.selected_layer = question_row;
            show_conv_walk(app, question_row);
            // Once the toy was answered, the view shows it again.
            if (l.toy_guess.state == LessonAnswer::State::Right || l.toy_guess.state == LessonAnswer::State::Wrong)
                conv_view_pick_toy(app.conv);
            break;
        case kChOutputSize:
            show_tab(app, WorkspaceTab::Summary);
            break;
        case kChPractice:
            if (!l.has_exercise) lesson_next_exercise(app);
            show_tab(app, WorkspaceTab::Summary);
            break;
        case kChFlatten:
            if (l.dense_row >= 0 && l.dense_row < int(app.summary.layers.size())) app.selected_layer = l.dense_row;
            show_tab(app, WorkspaceTab::Summary);
            break;
        case kChTraining:
            app.training.view_request = 3;  // Look inside: the first layer's filters
            show_tab(app, WorkspaceTab::Training);
            break;
        case kChBranches:
            if (l.bottleneck.plain == 0) l.bottleneck = convlab::bottleneck_comparison();
            if (!l.has_branch) lesson_next_branch(app);
            show_tab(app, WorkspaceTab::Summary);
            break;
        default:
            break;
    }
}

}  // namespace

void lesson_enter(App& app, int ch) {
    LessonState& l = app.lesson;
    prepare(l);
    if (ch < 1 || ch > kLessonChapters) ch = 1;
    l.open = true;
    l.chapter = ch;
    if (ch > l.reached) {
        l.reached = ch;
        l.progress_dirty = true;
    }
    app.chapter = ch;
    stage(app, ch, false);
}

void lesson_init(App& app, int url_chapter, bool bad_chapter, bool url_has_model) {
    LessonState& l = app.lesson;
    const bool first_visit = !lesson_load_progress(l);
    l.chapter = l.reached;  // the menu reopens where the learner got to
    prepare(l);
    if (url_chapter < 1 && !bad_chapter && !first_visit) return;
    // A link's chapter (or chapter 1 after a bad one, as the notice says); a
    // first visit opens at chapter 1, whose page is the one already shown.
    const int ch = url_chapter >= 1 ? url_chapter : 1;
    l.open = true;
    l.chapter = ch;
    if (ch > l.reached) l.reached = ch;
    l.progress_dirty = true;  // remember the visit
    app.chapter = ch;
    stage(app, ch, url_has_model);
}

void lesson_open(App& app) {
    lesson_enter(app, app.lesson.chapter);
}

void lesson_close(App& app) {
    // A worksheet is left by its own button ("Leave the exercises"): closing
    // the panel would bring back the summary, and a question's answer with it.
    if (app.lesson.sheet.active) return;
    app.lesson.open = false;
    app.chapter = 0;
}

bool lesson_answer_revealed(const LessonAnswer& a) {
    return a.state == LessonAnswer::State::Right ||
           (a.state == LessonAnswer::State::Wrong && (a.wrong_tries >= 2 || a.show_right));
}

bool lesson_hides_count(const App& app, int summary_row) {
    const LessonState& l = app.lesson;
    return l.open && !l.sheet.active && l.chapter == 1 && !lesson_answer_revealed(l.guess) &&
           summary_row == row_of_layer(app, kSeedQuestionLayer) && model_is_seed(app);
}

bool lesson_hides_working(const App& app) { return lesson_hides_count(app, app.selected_layer); }

bool lesson_conv_hides_count(const App& app) {
    const LessonState& l = app.lesson;
    // Chapter 3 asks for the toy layer's count: until it is answered, the toy
    // picked in the Convolution tab (in chapters 1 to 3) keeps its total to itself.
    if (app.conv.source == ConvSource::Toy)
        return l.open && !l.sheet.active && l.chapter <= 3 && !lesson_answer_revealed(l.toy_guess);
    return app.conv.source == ConvSource::Model &&
           lesson_hides_count(app, app.conv.layer_row >= 0 ? app.conv.layer_row : app.selected_layer);
}

bool lesson_model_is_seed(const App& app) { return model_is_seed(app); }
bool lesson_model_is(const App& app, const convlab::ModelSpec& model) { return model_is(app, model); }

// ---- Test hook

bool lesson_command(App& app, const std::string& verb, std::istream& in, std::string* reply) {
    if (verb.rfind("lesson_", 0) != 0) return false;
    LessonState& l = app.lesson;
    *reply = "ok";
    std::string rest;
    const auto text_arg = [&]() {
        std::getline(in, rest);
        if (!rest.empty() && rest[0] == ' ') rest.erase(0, 1);
        return rest;
    };
    const auto fill = [&](LessonAnswer& a) {
        const std::string t = text_arg();
        if (t.size() >= sizeof(a.text)) return false;
        std::snprintf(a.text, sizeof(a.text), "%s", t.c_str());
        return true;
    };
    if (verb == "lesson_open" || verb == "lesson_chapter") {
        // A chapter by its place in the strip (1..7) or by its id ("padding").
        int ch = l.chapter;
        std::string which;
        if (verb == "lesson_chapter") {
            ch = 0;
            if (in >> which) {
                if (which.size() <= 2 && which.find_first_not_of("0123456789") == std::string::npos) ch = std::stoi(which);
                else ch = chapter_from_id(which);
            }
        }
        if (ch < 1 || ch > kLessonChapters) {
            *reply = "error: chapters are 1 to " + std::to_string(kLessonChapters) + " or their ids";
            return true;
        }
        lesson_enter(app, ch);
    } else if (verb == "lesson_close") {
        lesson_close(app);
    } else if (verb == "lesson_answer") {
        const int ch = l.chapter;
        LessonAnswer& a = ch == kChQuestion ? l.guess
                          : ch == kChCount  ? l.toy_guess
                          : ch == kChOutputSize ? l.size_count
                          : ch == kChBranches ? l.branch_params
                                                : l.count_answer;
        if (!l.open || (ch != kChQuestion && ch != kChCount && ch != kChPractice && ch != kChOutputSize && ch != kChBranches))
            *reply = "error: the question, count, padding, practice and branches chapters ask for a count";
        else if (!fill(a)) *reply = "error: at most 63 bytes";
    } else if (verb == "lesson_shape") {
        if (!l.open || (l.chapter != kChPractice && l.chapter != kChOutputSize && l.chapter != kChBranches))
            *reply = "error: only the padding, practice and branches chapters ask for a shape";
        else if (!fill(l.chapter == kChOutputSize ? l.size_shape : l.chapter == kChBranches ? l.branch_shape : l.shape_answer))
            *reply = "error: at most 63 bytes";
    } else if (verb == "lesson_check") {
        if (!l.open) *reply = "error: the lesson is closed";
        else if (l.chapter == kChQuestion) lesson_check_guess(app);
        else if (l.chapter == kChCount) lesson_check_toy(app);
        else if (l.chapter == kChOutputSize) lesson_check_size(app);
        else if (l.chapter == kChPractice) lesson_check_exercise(app);
        else if (l.chapter == kChBranches) lesson_check_branch(app);
        else *reply = "error: this chapter has no answer to check";
    } else if (verb == "lesson_next") {
        if (!l.open || (l.chapter != kChPractice && l.chapter != kChOutputSize && l.chapter != kChBranches))
            *reply = "error: only the padding, practice and branches chapters have exercises";
        else if (l.chapter == kChOutputSize) lesson_next_size(app);
        else if (l.chapter == kChBranches) lesson_next_branch(app);
        else lesson_next_exercise(app);
    } else if (verb.rfind("lesson_sheet", 0) == 0) {
        // A teacher's worksheet: lesson_sheet_shape / _count <text>, _check,
        // _go <1-based question>, _hint, _see, _leave; as its buttons do.
        WorksheetState& s = l.sheet;
        if (!s.active || s.current >= int(s.questions.size())) {
            *reply = "error: no worksheet is open";
        } else if (verb == "lesson_sheet_shape" && !fill(s.questions[size_t(s.current)].shape)) {
            *reply = "error: answer too long";
        } else if (verb == "lesson_sheet_count" && !fill(s.questions[size_t(s.current)].count)) {
            *reply = "error: answer too long";
        } else if (verb == "lesson_sheet_check") {
            worksheet_check(app);
        } else if (verb == "lesson_sheet_go") {
            int n = 0;
            in >> n;
            worksheet_go(app, n - 1);
        } else if (verb == "lesson_sheet_hint") {
            s.questions[size_t(s.current)].hint_shown = true;
        } else if (verb == "lesson_sheet_see") {
            worksheet_see(app);
        } else if (verb == "lesson_sheet_leave") {
            worksheet_leave(app);
        } else if (verb != "lesson_sheet_shape" && verb != "lesson_sheet_count") {
            *reply = "error: unknown command '" + verb + "'";
        }
    } else if (verb == "lesson_do") {
        std::string what;
        in >> what;
        if (!lesson_do(app, what)) *reply = "error: lesson_do swap_gap, undo, train, filters, draw or see_branch";
    } else {
        *reply = "error: unknown command '" + verb + "'";
    }
    return true;
}

namespace {

void answer_json(Lang lang, const LessonAnswer& a, convlab::JsonWriter* w) {
    static const char* const states[] = {"none", "unreadable", "right", "wrong"};
    w->begin_object().member("state", states[size_t(a.state)]).key("mistake");
    if (a.state == LessonAnswer::State::Wrong && a.verdict.known_mistake()) w->string(lesson_mistake_id(a.verdict.mistake));
    else w->null();
    w->member("text", lesson_feedback_text(lang, a));
    w->member("right_shown", a.state == LessonAnswer::State::Wrong && lesson_answer_revealed(a)).end_object();
}

}  // namespace

std::string lesson_state_json(const App& app) {
    const Lang lang = app.language.shown;
    const LessonState& l = app.lesson;
    convlab::JsonWriter w;
    w.begin_object().member("open", l.open).member("chapter", l.chapter).member("chapter_id", chapter_id(l.chapter));
    w.member("reached", l.reached);
    w.member("streak", l.streak).member("best_streak", l.best_streak).member("seed_model", model_is_seed(app));
    answer_json(lang, l.guess, &w.key("guess"));
    answer_json(lang, l.toy_guess, &w.key("toy"));
    answer_json(lang, l.shape_answer, &w.key("shape"));
    answer_json(lang, l.count_answer, &w.key("count"));
    answer_json(lang, l.branch_shape, &w.key("branch_shape"));
    answer_json(lang, l.branch_params, &w.key("branch_count"));
    if (l.has_branch) {
        const convlab::Exercise& b = l.branch;
        w.key("branch").begin_object().member("kind", int64_t((l.branch_count_done - 1) % int(convlab::BranchQuestion::Count)));
        w.member("layer", b.row.name).member("class_name", convlab::layer_kind_info(b.row.kind).class_name);
        w.member("params", b.right_params()).member("shape", b.right_shape().to_string()).end_object();
    }
    w.key("bottleneck").begin_array().number(double(l.bottleneck.bottleneck)).number(double(l.bottleneck.plain)).end_array();
    if (l.has_exercise) {
        const convlab::Exercise& e = l.exercise;
        const convlab::Shape& o = e.right_shape();
        w.key("exercise").begin_object().member("seed", int64_t(e.seed)).member("level", e.level);
        w.member("class_name", convlab::layer_kind_info(e.spec().kind).class_name);
        w.key("shape").begin_array();
        for (int i = 0; i < o.rank; ++i) w.integer(o.dim[i]);
        w.end_array().member("params", e.right_params()).member("checked", l.checked).end_object();
    }
    if (l.size_ok && l.size_step < int(l.size_questions.size())) {
        const convlab::Exercise& e = l.size_questions[size_t(l.size_step)];
        const convlab::Shape& o = e.right_shape();
        w.key("size").begin_object().member("step", l.size_step + 1).member("of", int64_t(l.size_questions.size()));
        w.member("class_name", convlab::layer_kind_info(e.spec().kind).class_name).member("input", e.row.input.to_string());
        w.key("shape").begin_array();
        for (int i = 0; i < o.rank; ++i) w.integer(o.dim[i]);
        w.end_array().member("params", e.right_params()).member("pad_before", e.row.analysis.height.pad_before);
        w.member("pad_after", e.row.analysis.height.pad_after);
        answer_json(lang, l.size_shape, &w.key("shape_answer"));
        answer_json(lang, l.size_count, &w.key("count_answer"));
        w.end_object();
    }
    if (l.ch5_ok) {
        const auto& seed = l.seed_summary.layers, &gap = l.gap_summary.layers;
        w.key("ch5").begin_object();
        w.member("flatten", seed[size_t(l.flatten_row)].analysis.output.elements());
        w.member("dense", seed[size_t(l.dense_row)].analysis.params);
        w.member("gap", gap[size_t(l.flatten_row)].analysis.output.elements());
        w.member("gap_dense", gap[size_t(l.dense_row)].analysis.params);
        w.member("gap_total", l.gap_summary.total_params).end_object();
    }
    return w.end_object().take();
}
