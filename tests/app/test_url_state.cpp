// test_url_state.cpp: the lesson chapter in a link. Chapters are named by
// stable ids; a number from a link made when there were six chapters still
// opens the chapter it meant, after the output-size chapter came in as fourth.
#include <doctest.h>

#include "app/url_state.h"
#include "core/analysis/model_summary.h"
#include "core/io/model_url.h"
#include "core/model/graph_edit.h"
#include "core/model/presets.h"

TEST_CASE("url: chapters by id, in the strip's order") {
    const char* ids[] = {"question", "filter", "count", "padding", "practice", "flatten", "training", "branches"};
    for (int ch = 1; ch <= kLessonChapters; ++ch) {
        CAPTURE(ch);
        CHECK(std::string(chapter_id(ch)) == ids[ch - 1]);
        CHECK(chapter_from_id(ids[ch - 1]) == ch);
        CHECK(parse_url_state("ch=" + std::string(ids[ch - 1])).chapter == ch);
    }
    CHECK(parse_url_state("ch=padding").notices.empty());
    CHECK(format_url_state("v1.x", kChOutputSize, Lang::En) == "m=v1.x&ch=padding&lang=en");
    CHECK(format_url_state("v1.x", 0, Lang::Zh) == "m=v1.x&lang=zh");
}

TEST_CASE("url: old numbered links open the chapter they meant") {
    CHECK(parse_url_state("ch=1").chapter == kChQuestion);
    CHECK(parse_url_state("ch=3").chapter == kChCount);
    CHECK(parse_url_state("ch=4").chapter == kChPractice);
    CHECK(parse_url_state("ch=5").chapter == kChFlatten);
    CHECK(parse_url_state("ch=6").chapter == kChTraining);
    for (const char* bad : {"ch=7", "ch=0", "ch=99", "ch=Padding", "ch=", "ch=paddingpaddingpadding"}) {
        CAPTURE(bad);
        const UrlState st = parse_url_state(bad);
        CHECK(st.chapter == 0);
        CHECK(st.notices.size() == 1);
    }
}

TEST_CASE("url: a keras.applications network as loaded is linked by its name, and read back by it") {
    CHECK(format_url_state("v2.long", 0, Lang::En, "ResNet50") == "app=ResNet50&lang=en");
    const UrlState st = parse_url_state("app=ResNet50&lang=en");
    REQUIRE(st.has_model);
    CHECK(st.application == "ResNet50");
    CHECK(st.notices.empty());
    convlab::ModelSummary s;
    convlab::Problem p;
    REQUIRE(convlab::summarize(st.model, convlab::NamingStyle::Keras2, &s, &p));
    CHECK(s.total_params == 25636712);  // keras.io/api/applications: ResNet50, 25.6M
    // A name it does not know is a notice, and no model.
    for (const char* bad : {"app=ResNet51", "app=", "app=resnet50"}) {
        CAPTURE(bad);
        const UrlState b = parse_url_state(bad);
        CHECK_FALSE(b.has_model);
        CHECK(b.notices.size() == 1);
    }
    // m= after app= wins, as a later part does, and is not an application.
    const UrlState both = parse_url_state("app=VGG16&m=" + convlab::encode_model_url(convlab::preset_model(convlab::Preset::TinyNet)));
    CHECK(both.has_model);
    CHECK(both.application.empty());
}

TEST_CASE("url: an application edited in its fields is linked by its name and its edits, and read back edited") {
    convlab::ModelSpec base;
    REQUIRE(application_model("ResNet50", &base));
    convlab::ModelSpec edited = base;
    edited.layers[3].filters = 32;  // conv1_conv: 64 → 32 filters
    std::string indices, code;
    REQUIRE(convlab::encode_model_delta(base, edited, &indices, &code));
    const std::string link = format_url_state(convlab::encode_model_url(edited), 0, Lang::En, "ResNet50", indices, code);
    CHECK(link.rfind("app=ResNet50&i=3&d=", 0) == 0);
    CHECK(link.size() < 120);
    const UrlState st = parse_url_state(link);
    REQUIRE(st.has_model);
    CHECK(st.notices.empty());
    CHECK(st.application == "ResNet50");
    CHECK(convlab::encode_model_url(st.model) == convlab::encode_model_url(edited));
    // Broken edits: the network as loaded, and a notice.
    const UrlState bad = parse_url_state("app=ResNet50&i=3,2&d=" + code);
    REQUIRE(bad.has_model);
    CHECK(bad.notices.size() == 1);
    CHECK(convlab::encode_model_url(bad.model) == convlab::encode_model_url(base));
}

TEST_CASE("url: an application edited in its graph is linked by its name and its graph's edits, and read back edited") {
    convlab::ModelSpec base;
    REQUIRE(application_model("ResNet50", &base));
    convlab::ModelSpec edited = base;
    int selected = -1;
    convlab::Message why;
    REQUIRE(convlab::graph_insert_after(&edited, 6, convlab::make_layer(convlab::LayerKind::Dropout), &selected, &why));
    std::string indices, code, graph;
    CHECK_FALSE(convlab::encode_model_delta(base, edited, &indices, &code));  // not a field edit
    REQUIRE(convlab::encode_graph_delta(base, edited, &graph));
    const std::string link = format_url_state(convlab::encode_model_url(edited), 8, Lang::Zh, "ResNet50", "", "", graph);
    CHECK(link.rfind("app=ResNet50&g=g1.", 0) == 0);
    CHECK(link.size() < 120);
    const UrlState st = parse_url_state(link);
    REQUIRE(st.has_model);
    CHECK(st.notices.empty());
    CHECK(st.chapter == 8);
    CHECK(st.lang == Lang::Zh);
    CHECK(convlab::encode_model_url(st.model) == convlab::encode_model_url(convlab::with_written_names(edited)));
    // Broken edits: the network as loaded, and a notice.
    const UrlState bad = parse_url_state("app=ResNet50&g=g1.AAAA");
    REQUIRE(bad.has_model);
    CHECK(bad.notices.size() == 1);
    CHECK(convlab::encode_model_url(bad.model) == convlab::encode_model_url(base));
}

TEST_CASE("url: a teacher's worksheet (ex=), embed=1 and tab= read back; a broken worksheet is a notice with the core's reason") {
    convlab::LinkedExercise q;
    q.model = convlab::preset_model(convlab::Preset::SeedQuestion);
    q.layer = 1;
    q.ask = convlab::ExerciseAsk::Params;
    q.hint = "Cin = 32";
    std::string error;
    const std::string code = convlab::encode_exercise_link({q, q}, &error);
    REQUIRE(!code.empty());
    const std::string url = format_url_state("v1.x", kChQuestion, Lang::Zh, "", "", "", "", code, true);
    // A worksheet replaces the chapter: the link opens on its questions.
    CHECK(url == "m=v1.x&ex=" + code + "&embed=1&lang=zh");
    const UrlState st = parse_url_state("ex=" + code + "&embed=1&tab=convolution&lang=zh");
    CHECK(st.notices.empty());
    CHECK(st.exercise_code == code);
    REQUIRE(st.exercises.size() == 2);
    CHECK(st.exercises[1].hint == "Cin = 32");
    CHECK(st.embed);
    CHECK(st.tab == 2);
    CHECK(!parse_url_state("embed=0").embed);
    const std::string items = "p40." + convlab::encode_model_url(q.model) + ".";
    const UrlState bad = parse_url_state("ex=x1." + convlab::exercise_link_check(items) + "." + items + "&lang=zh");
    CHECK(bad.exercises.empty());
    CHECK(bad.exercise_code.empty());
    REQUIRE(bad.notices.size() == 1);
    CHECK(bad.notices[0] == Str::NoticeBadExercise);
    CHECK(bad.exercise_error == "exercise 1: layer 40 is not one of its model's 8 layers");
    CHECK(bad.lang == Lang::Zh);  // the rest of the link still counts
    CHECK(parse_url_state("tab=graphs").notices.size() == 1);
}
