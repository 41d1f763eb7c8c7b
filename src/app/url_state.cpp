// url_state.cpp: parsing the fragment (and the query) and writing the fragment. Unknown keys are ignored (a
// newer link opened by an older page still shows what it can).
#include "app/url_state.h"

#include "core/applications/applications.h"
#include "core/io/model_file.h"
#include "core/io/model_url.h"
#include "core/model/graph_edit.h"

namespace {

// Splits "a=1&b=2" into key/value pairs; no percent-decoding is needed because
// every value we write is URL-safe by construction.
std::vector<std::pair<std::string, std::string>> split_pairs(const std::string& s) {
    std::vector<std::pair<std::string, std::string>> out;
    size_t start = 0;
    while (start <= s.size() && out.size() < 32) {
        size_t end = s.find('&', start);
        if (end == std::string::npos) end = s.size();
        const std::string part = s.substr(start, end - start);
        const size_t eq = part.find('=');
        if (!part.empty()) out.emplace_back(part.substr(0, eq), eq == std::string::npos ? "" : part.substr(eq + 1));
        start = end + 1;
    }
    return out;
}

}  // namespace

UrlState parse_url_state(const std::string& fragment, const std::string& query) {
    UrlState st;
    if (fragment.size() > kMaxUrlStateLength || query.size() > kMaxUrlStateLength) {
        st.notices.push_back(Str::NoticeBadUrl);
        return st;
    }
    // The query's parts first, so a part the fragment also has is the fragment's.
    std::vector<std::pair<std::string, std::string>> pairs = split_pairs(query);
    for (auto& pair : split_pairs(fragment)) pairs.push_back(std::move(pair));
    for (const auto& [key, value] : pairs) {
        if (key == "m") {
            std::string error;
            convlab::ModelSpec model;
            if (convlab::decode_model_url(value, &model, &error)) {
                st.model = std::move(model);
                st.has_model = true;
                st.application.clear();
            } else {
                st.notices.push_back(Str::NoticeBadUrl);
            }
        } else if (key == "app") {
            // The network's own source, read as a learner's code would be.
            convlab::ModelSpec model;
            if (value.size() <= 64 && application_model(value, &model)) {
                st.model = std::move(model);
                st.has_model = true;
                st.application = value;
            } else {
                st.notices.push_back(Str::NoticeBadUrl);
            }
        } else if (key == "ch") {
            int ch = 0;
            bool digits = !value.empty() && value.size() <= 2;
            for (char c : value) digits = digits && c >= '0' && c <= '9';
            if (digits) ch = chapter_from_old_number(std::stoi(value));
            else if (value.size() <= 16) ch = chapter_from_id(value);
            if (ch >= 1) st.chapter = ch;
            else st.notices.push_back(Str::NoticeBadChapter);
        } else if (key == "ex") {
            std::vector<convlab::LinkedExercise> sheet;
            std::string error;
            if (convlab::decode_exercise_link(value, &sheet, &error)) {
                st.exercises = std::move(sheet);
                st.exercise_code = value;
                st.exercise_error.clear();
            } else {
                st.exercises.clear();
                st.exercise_code.clear();
                st.exercise_error = error;
                st.notices.push_back(Str::NoticeBadExercise);
            }
        } else if (key == "embed") {
            st.embed = value == "1";
        } else if (key == "tab") {
            static const char* const tabs[] = {"summary", "convolution", "training"};
            st.tab = 0;
            for (int t = 0; t < 3; ++t)
                if (value == tabs[t]) st.tab = t + 1;
            if (st.tab == 0) st.notices.push_back(Str::NoticeBadUrl);
        } else if (key == "view") {
            if (value == "pytorch" || value == "keras") st.torch_view = value == "pytorch";
            else st.notices.push_back(Str::NoticeBadUrl);
        } else if (key == "lang") {
            Lang lang;
            if (value.size() <= 8 && parse_language(value.c_str(), &lang)) {
                st.lang = lang;
                st.has_lang = true;
            } else {
                st.notices.push_back(Str::NoticeBadLang);
            }
        }
    }
    // The edits made to the network, applied once every part is read.
    // A graph's edits (g) or its fields' (i and d); a link holds one or the other.
    std::string indices, code, graph;
    bool has_delta = false, has_graph = false;
    for (const auto& [key, value] : pairs) {
        if (key == "i") indices = value, has_delta = true;
        if (key == "d") code = value, has_delta = true;
        if (key == "g") graph = value, has_graph = true;
    }
    if ((has_delta || has_graph) && !st.application.empty()) {
        std::string error;
        convlab::ModelSpec edited;
        const bool applied = has_graph ? convlab::apply_graph_delta(st.model, graph, &edited, &error)
                                       : convlab::apply_model_delta(st.model, indices, code, &edited, &error);
        if (applied) st.model = std::move(edited);
        else st.notices.push_back(Str::NoticeBadUrl);  // the network as loaded, and a notice
    }
    return st;
}

bool application_model(const std::string& name, convlab::ModelSpec* out) {
    const convlab::Application* app = convlab::find_application(name);
    if (!app) return false;
    const convlab::ImportResult r = convlab::import_any_model_text(convlab::application_script(*app), nullptr, {});
    if (!r.ok) return false;
    *out = r.model.creation_order.empty() ? r.model : convlab::with_written_names(r.model);
    return true;
}

namespace {
const char* const kChapterIds[kLessonChapters] = {"question", "filter", "count", "padding", "practice", "flatten", "training", "branches"};
}

const char* chapter_id(int chapter) { return chapter >= 1 && chapter <= kLessonChapters ? kChapterIds[chapter - 1] : ""; }

int chapter_from_id(const std::string& id) {
    for (int ch = 1; ch <= kLessonChapters; ++ch)
        if (id == kChapterIds[ch - 1]) return ch;
    return 0;
}

int chapter_from_old_number(int number) {
    static const int now[] = {0, kChQuestion, kChFilter, kChCount, kChPractice, kChFlatten, kChTraining};
    return number >= 1 && number <= 6 ? now[number] : 0;
}

std::string format_url_state(const std::string& model_code, int chapter, Lang lang, const std::string& application,
                             const std::string& delta_indices, const std::string& delta_code,
                             const std::string& delta_graph, const std::string& exercise_code, bool embed, bool torch_view) {
    std::string s = application.empty() ? "m=" + model_code : "app=" + application;
    if (!application.empty() && !delta_graph.empty()) s += "&g=" + delta_graph;
    else if (!application.empty() && !delta_code.empty()) s += "&i=" + delta_indices + "&d=" + delta_code;
    if (!exercise_code.empty()) s += "&ex=" + exercise_code;
    else if (chapter > 0 && chapter <= kLessonChapters) s += "&ch=" + std::string(chapter_id(chapter));
    if (embed) s += "&embed=1";
    if (torch_view) s += "&view=pytorch";
    s += "&lang=";
    s += language_code(lang);
    return s;
}
