// test_exercise_link.cpp: a teacher's worksheet in a link. What is written reads
// back as the same questions (models, layers, what is asked, hints in any
// language); models are carried once; and hostile text is refused with the
// exercise and the fault named.
#include <doctest.h>

#include <string>
#include <vector>

#include "core/io/model_url.h"
#include "core/lesson/exercise_link.h"
#include "core/model/presets.h"

using namespace convlab;

namespace {

LinkedExercise seed_exercise(int layer, ExerciseAsk ask, std::string hint = "") {
    LinkedExercise e;
    e.model = preset_model(Preset::SeedQuestion);
    e.layer = layer;
    e.ask = ask;
    e.hint = std::move(hint);
    return e;
}

// A worksheet text around items written by hand, with their check.
std::string sheet(const std::string& items) { return "x1." + exercise_link_check(items) + "." + items; }

std::string error_of(const std::string& text) {
    std::vector<LinkedExercise> sheet;
    std::string error;
    CHECK_FALSE(decode_exercise_link(text, &sheet, &error));
    CHECK(sheet.empty());
    return error;
}

}  // namespace

TEST_CASE("exercise link: one question reads back as written") {
    std::string error;
    const std::string hint = "Each filter spans all 32 input channels: 3·3·32 + 1 = ? (每个滤波器跨越全部通道)";
    const std::string text = encode_exercise_link({seed_exercise(1, ExerciseAsk::Params, hint)}, &error);
    REQUIRE_MESSAGE(!text.empty(), error);
    CHECK(text.rfind("x1.", 0) == 0);
    CHECK(text.substr(12, 4) == "p1.v");
    // URL-safe: nothing a browser would escape or cut at.
    for (char c : text) CHECK((isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' || c == '~' || c == '%'));
    std::vector<LinkedExercise> back;
    REQUIRE_MESSAGE(decode_exercise_link(text, &back, &error), error);
    REQUIRE(back.size() == 1);
    CHECK(back[0].layer == 1);
    CHECK(back[0].ask == ExerciseAsk::Params);
    CHECK(back[0].hint == hint);
    CHECK(encode_model_url(back[0].model) == encode_model_url(preset_model(Preset::SeedQuestion)));
}

TEST_CASE("exercise link: a worksheet carries a shared model once") {
    std::vector<LinkedExercise> sheet = {seed_exercise(0, ExerciseAsk::OutputShape), seed_exercise(1, ExerciseAsk::Both),
                                         seed_exercise(1, ExerciseAsk::Params, "no hint? one")};
    LinkedExercise other;
    other.model = preset_model(Preset::LeNet5);
    other.layer = 1;
    other.ask = ExerciseAsk::OutputShape;
    sheet.push_back(other);
    std::string error;
    const std::string text = encode_exercise_link(sheet, &error);
    REQUIRE_MESSAGE(!text.empty(), error);
    const std::string seed_code = encode_model_url(preset_model(Preset::SeedQuestion));
    // The seed model's link is in the text once; the later questions name exercise 1.
    CHECK(text.find(seed_code) == text.rfind(seed_code));
    CHECK(text.find("~b1.0.~") != std::string::npos);
    std::vector<LinkedExercise> back;
    REQUIRE_MESSAGE(decode_exercise_link(text, &back, &error), error);
    REQUIRE(back.size() == 4);
    for (size_t i = 0; i < sheet.size(); ++i) {
        CHECK(back[i].layer == sheet[i].layer);
        CHECK(back[i].ask == sheet[i].ask);
        CHECK(back[i].hint == sheet[i].hint);
        CHECK(encode_model_url(back[i].model) == encode_model_url(sheet[i].model));
    }
}

TEST_CASE("exercise link: what cannot be written is refused with the reason") {
    std::string error;
    CHECK(encode_exercise_link({}, &error).empty());
    CHECK(error.find("at least one") != std::string::npos);
    std::vector<LinkedExercise> eleven(11, seed_exercise(1, ExerciseAsk::Params));
    CHECK(encode_exercise_link(eleven, &error).empty());
    CHECK(error.find("at most 10") != std::string::npos);
    CHECK(encode_exercise_link({seed_exercise(1, ExerciseAsk::Params), seed_exercise(40, ExerciseAsk::Params)}, &error).empty());
    CHECK(error == "exercise 2: layer 40 is not one of its model's 8 layers");
    CHECK(encode_exercise_link({seed_exercise(1, ExerciseAsk::Params, std::string(301, 'a'))}, &error).empty());
    CHECK(error.find("exercise 1: the hint is 301 bytes") == 0);
    CHECK(encode_exercise_link({seed_exercise(1, ExerciseAsk::Params, "two\nlines")}, &error).empty());
    CHECK(error.find("control character (byte 4)") != std::string::npos);
    // An InputLayer has no row of its own: there is nothing to ask about.
    LinkedExercise input;
    input.model = preset_model(Preset::LeNet5);
    input.layer = 0;
    if (input.model.layers[0].kind == LayerKind::InputLayer) {
        CHECK(encode_exercise_link({input}, &error).empty());
        CHECK(error.find("InputLayer") != std::string::npos);
    }
}

TEST_CASE("exercise link: hostile text names the exercise and the fault") {
    std::string error;
    const std::string whole = encode_exercise_link({seed_exercise(1, ExerciseAsk::Params)}, &error);
    REQUIRE(!whole.empty());
    const std::string good = whole.substr(12);  // the items, without "x1.<check>."
    const std::string code = encode_model_url(preset_model(Preset::SeedQuestion));
    CHECK(error_of("").find("starts with \"x1.\"") != std::string::npos);
    CHECK(error_of("x9." + exercise_link_check("p1." + code + ".") + ".p1." + code + ".").find("version") != std::string::npos);
    // A link cut short, or changed by one character, is damaged: not another question.
    CHECK(error_of(whole.substr(0, whole.size() - 3)).find("damaged") != std::string::npos);
    std::string flipped = whole;
    flipped[40] = flipped[40] == 'A' ? 'B' : 'A';
    CHECK(error_of(flipped).find("damaged") != std::string::npos);
    CHECK(error_of(sheet("q1." + code + ".")) == "exercise 1: its question must be s (output shape), p (Param #) or b (both)");
    CHECK(error_of(sheet("p01." + code + ".")).find("not a layer number") != std::string::npos);
    CHECK(error_of(sheet("p9999999." + code + ".")).find("not a layer number") != std::string::npos);
    CHECK(error_of(sheet("p1.3.")).find("neither a model link nor the number of an earlier exercise") != std::string::npos);
    CHECK(error_of(sheet(good + "~p1.1.")).find("exercise 2") == 0);  // a reference forward (to itself)
    CHECK(error_of(sheet("p1.v1.@@@.")).find("exercise 1: its model: ") == 0);
    CHECK(error_of(sheet("p1")).find("three parts") != std::string::npos);
    CHECK(error_of(sheet(good + "%4")).find("%XX") != std::string::npos);
    CHECK(error_of(sheet(good + "%C3%28")).find("not UTF-8") != std::string::npos);
    CHECK(error_of(sheet(good + "%E4%BD")).find("not UTF-8") != std::string::npos);       // a cut character
    CHECK(error_of(sheet(good + "%C0%AF")).find("not UTF-8") != std::string::npos);       // overlong '/'
    CHECK(error_of(sheet(good + "%ED%A0%80")).find("not UTF-8") != std::string::npos);    // a surrogate
    CHECK(error_of(sheet(good + "%0A")).find("control character") != std::string::npos);
    CHECK(error_of(sheet(good + "!")).find("at character 1") != std::string::npos);
    std::string many = good;
    for (int i = 0; i < 10; ++i) many += "~p1.0.";
    CHECK(error_of(sheet(many)).find("at most 10") != std::string::npos);
    CHECK(error_of(std::string(60001, 'x')).find("60001 characters") != std::string::npos);
    // An empty question part between two "~".
    CHECK(error_of(sheet(good + "~")).find("exercise 2") == 0);
}
