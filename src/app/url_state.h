// url_state.h: the page's state as it lives in the URL fragment, so a link
// reproduces what the learner sees:
//   #m=<model>&ch=<chapter>&lang=<en|zh>   or   #app=<keras.applications name>&ch=...
// with, optionally, ex=<worksheet> (a teacher's questions, core/lesson/exercise_link.h),
// embed=1 (only what the exercise or the chosen tab needs, for an iframe) and
// tab=<summary|convolution|training> (the workspace tab shown first) and
// view=pytorch (the summary's PyTorch view).
// m is the core's versioned model encoding (model_url.h); app names a
// keras.applications network as the presets load it, unedited (ResNet50's link
// is then 21 characters where its m= is 7,251), with i and d when it was
// edited without changing its graph: the edited layers' indices and a link of
// those layers alone (url_state.cpp), ch the lesson chapter
// by its stable id (ch=padding; a number from an older link, ch=4, still opens
// the chapter it meant), lang the language. Every part is optional; a part that is broken or
// hostile falls back to its default and adds a notice, and never stops the rest.
#pragma once
#include <string>
#include <vector>

#include "core/lesson/exercise_link.h"
#include "core/model/layer_spec.h"
#include "app/text/strings.h"

struct UrlState {
    bool has_model = false;
    convlab::ModelSpec model;
    std::string application;    // the keras.applications name, when the model came as app=NAME
    int chapter = 0;            // 0 = none given
    bool has_lang = false;
    Lang lang = Lang::En;
    std::vector<Str> notices;   // what fell back to its default, and why
    // ex=: the worksheet as written in the link, and its questions; or why it could not be read.
    std::string exercise_code;
    std::vector<convlab::LinkedExercise> exercises;
    std::string exercise_error;  // English, from the core: names the exercise and the fault
    bool embed = false;
    int tab = 0;                 // 0 none, 1 summary, 2 convolution, 3 training (WorkspaceTab's values)
    bool torch_view = false;     // view=pytorch: the summary in PyTorch's terms (torchinfo's table)
};

// The lesson's chapters in the order they are taught; the values are their
// places in the strip (1..kLessonChapters), the ids (chapter_id) what links carry.
enum LessonChapter : int {
    kChQuestion = 1, kChFilter, kChCount, kChOutputSize, kChPractice, kChFlatten, kChTraining, kChBranches,
};
constexpr int kLessonChapters = kChBranches;
const char* chapter_id(int chapter);                 // "question", ..., "training"; "" out of range
int chapter_from_id(const std::string& id);          // 0 when unknown
// Links made before chapters had ids numbered six chapters; the output-size
// chapter came in as the fourth, so their 4, 5 and 6 are now 5, 6 and 7.
int chapter_from_old_number(int number);             // 0 when not 1..6
constexpr size_t kMaxUrlStateLength = 64 * 1024;

// The same parts may also come in the query, as people type them
// ("?lang=zh"); when both have a part, the fragment's wins. The page writes
// only the fragment.
UrlState parse_url_state(const std::string& fragment, const std::string& query = "");
// model_code: encode_model_url of the model (the App keeps it: app.model_code);
// application: the keras.applications name when the model is that network as
// loaded, else "" (then the link holds the model itself).
// delta_indices / delta_code: the edits made to that network's fields
// (encode_model_delta), "" when none; delta_graph: the edits made to its graph
// (encode_graph_delta, "g1. ..."), which a link holds instead of those two;
// exercise_code: the open worksheet's text (ex=), "" when none; embed: embed=1;
// torch_view: view=pytorch.
std::string format_url_state(const std::string& model_code, int chapter, Lang lang, const std::string& application = "",
                             const std::string& delta_indices = "", const std::string& delta_code = "",
                             const std::string& delta_graph = "", const std::string& exercise_code = "",
                             bool embed = false, bool torch_view = false);
// The keras.applications network as the page holds it: read from its source,
// names written out (as app_set_model writes them); false if there is none by that name.
bool application_model(const std::string& name, convlab::ModelSpec* out);
