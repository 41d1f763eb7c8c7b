// test_model_file.cpp: a saved ConvLab model file loads back as the same model,
// and a damaged one is refused with a reason and a position.
#include <doctest.h>

#include <string>

#include "core/io/model_file.h"
#include "core/analysis/model_summary.h"
#include "core/io/model_url.h"
#include "core/model/presets.h"

using namespace convlab;

TEST_CASE("model file: the seed model survives a save and a load") {
    const ModelSpec seed = preset_model(Preset::SeedQuestion);
    const std::string text = write_model_file(seed);
    CHECK(text.find("\"format\":\"convlab-model\"") != std::string::npos);
    CHECK(is_model_file(text));
    ImportResult r = import_any_model_text(text);
    REQUIRE(r.ok);
    CHECK(encode_model_url(r.model) == encode_model_url(seed));
    ModelSummary s;
    Problem p;
    REQUIRE(summarize(r.model, NamingStyle::Keras2, &s, &p));
    CHECK(s.total_params == 1181161);
}

TEST_CASE("model file: the weights text is written verbatim and read back for the training code") {
    const ModelSpec tiny = preset_model(Preset::TinyNet);
    const std::string text = write_model_file(tiny, "\"AACAPwAAAEA=\"");
    CHECK(text.find("\"weights\":\"AACAPwAAAEA=\"") != std::string::npos);
    const ImportResult r = read_model_file(text);
    REQUIRE(r.ok);
    CHECK(r.weights_base64 == "AACAPwAAAEA=");
    CHECK(read_model_file(write_model_file(tiny)).weights_base64.empty());
    // Anything but text is refused where it stands, not ignored.
    const ImportResult bad = read_model_file(write_model_file(tiny, "\n{\"layers\":[]}"));
    CHECK_FALSE(bad.ok);
    CHECK(bad.error.find("\"weights\"") != std::string::npos);
    CHECK(bad.line == 2);
}

TEST_CASE("model file: Keras JSON is not mistaken for a model file") {
    CHECK_FALSE(is_model_file("{\"class_name\": \"Sequential\", \"config\": {}}"));
    CHECK_FALSE(is_model_file("model = Sequential()"));
}

TEST_CASE("model file: a wrong version or a broken model code is refused with its position") {
    ImportResult v = read_model_file("{\"format\":\"convlab-model\",\n \"version\":7,\"model\":\"v1.AA\"}");
    CHECK_FALSE(v.ok);
    CHECK(v.error.find("version") != std::string::npos);
    CHECK(v.line == 2);
    ImportResult m = read_model_file("{\"format\":\"convlab-model\",\"version\":1,\"model\":\"v1.%%%\"}");
    CHECK_FALSE(m.ok);
    CHECK(m.error.find("cannot be read") != std::string::npos);
    ImportResult j = read_model_file("{\"format\":\"convlab-model\",");
    CHECK_FALSE(j.ok);
    CHECK(j.line == 1);
}

TEST_CASE("model file: text past kMaxImportBytes is refused by its size, whatever it holds") {
    std::string text = write_model_file(preset_model(Preset::TinyNet));
    text.resize(size_t(kMaxImportBytes) + 1, ' ');  // valid JSON padded with spaces: still too large
    const ImportResult r = import_any_model_text(text);
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("64 MB") != std::string::npos);
}
