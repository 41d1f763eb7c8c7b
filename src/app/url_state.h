// url_state.h: the page's state as it lives in the URL fragment, so a link
// reproduces what the learner sees:
//   #m=<model>&ch=<chapter>&lang=<en|zh>
// m is the core's versioned model encoding (model_url.h), ch the lesson chapter
// (1..6), lang the language. Every part is optional; a part that is broken or
// hostile falls back to its default and adds a notice, and never stops the rest.
#pragma once
#include <string>
#include <vector>

#include "core/model/layer_spec.h"
#include "app/text/strings.h"

struct UrlState {
    bool has_model = false;
    convlab::ModelSpec model;
    int chapter = 0;            // 0 = none given
    bool has_lang = false;
    Lang lang = Lang::En;
    std::vector<Str> notices;   // what fell back to its default, and why
};

constexpr int kLessonChapters = 6;
constexpr size_t kMaxUrlStateLength = 64 * 1024;

// The same parts may also come in the query, as people type them
// ("?lang=zh"); when both have a part, the fragment's wins. The page writes
// only the fragment.
UrlState parse_url_state(const std::string& fragment, const std::string& query = "");
// model_code: encode_model_url of the model (the App keeps it: app.model_code).
std::string format_url_state(const std::string& model_code, int chapter, Lang lang);
