// test_export_tfjs.cpp: the TF.js Layers files of a trained network: the
// manifest in Keras's weight order with Keras's shapes, weights.bin the size of
// the parameters in little-endian float32, a topology ConvLab's own importer
// reads back to the same model; and base64 both ways.
#include <doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "core/io/base64.h"
#include "core/io/export_tfjs.h"
#include "core/io/import.h"
#include "core/io/json.h"
#include "core/model/presets.h"

using namespace convlab;

namespace {
Network seed_network() {
    Network net;
    NetworkOptions o;
    o.batch_size = 1;
    Status s = network_build(preset_model(Preset::SeedQuestion), o, &net);
    REQUIRE_MESSAGE(s.ok(), s.error);
    return net;
}
}  // namespace

TEST_CASE("base64: RFC 4648's examples encode and decode, with padding") {
    const char* plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    const char* coded[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    for (int i = 0; i < 7; ++i) {
        CHECK(base64_encode(reinterpret_cast<const uint8_t*>(plain[i]), std::strlen(plain[i])) == coded[i]);
        std::vector<uint8_t> back;
        REQUIRE(base64_decode(coded[i], &back));
        CHECK(std::string(back.begin(), back.end()) == plain[i]);
    }
}

TEST_CASE("base64: characters outside the alphabet and misplaced padding are refused") {
    std::vector<uint8_t> out;
    CHECK_FALSE(base64_decode("Zm9", &out));
    CHECK_FALSE(base64_decode("Zm9v!A==", &out));
    CHECK_FALSE(base64_decode("Zg==Zg==", &out));
    CHECK_FALSE(base64_decode("Z=g=", &out));
}

TEST_CASE("export_tfjs: the seed model's manifest lists 8 weight arrays in Keras order and shape") {
    const Network net = seed_network();
    const TfjsFiles files = export_tfjs(net);
    JsonValue root;
    JsonError error;
    REQUIRE_MESSAGE(parse_json(files.model_json, &root, &error), error.message);
    REQUIRE(root.find("format"));
    CHECK(root.find("format")->string == "layers-model");
    const JsonValue* manifest = root.find("weightsManifest");
    REQUIRE(manifest);
    REQUIRE(manifest->items.size() == 1);
    CHECK(manifest->items[0].find("paths")->items[0].string == "weights.bin");
    const JsonValue& weights = *manifest->items[0].find("weights");
    REQUIRE(weights.items.size() == 8);
    CHECK(weights.items[0].find("name")->string == "conv2d_1/kernel");
    const JsonValue& shape = *weights.items[2].find("shape");
    REQUIRE(shape.items.size() == 4);
    CHECK(weights.items[2].find("name")->string == "conv2d_2/kernel");
    CHECK(shape.items[2].integer == 32);  // Cin
    CHECK(shape.items[3].integer == 63);  // Cout
    CHECK(weights.items[4].find("name")->string == "dense/kernel");
    CHECK(weights.items[4].find("shape")->items[0].integer == 9072);
    CHECK(weights.items[7].find("name")->string == "dense_1/bias");  // "dense" is named, so Keras 2 numbers the next one dense_1
}

TEST_CASE("export_tfjs: weights.bin holds every parameter as little-endian float32, in order") {
    Network net = seed_network();
    net.params[0] = 1.0f;  // 0x3f800000
    net.params.back() = -2.0f;  // 0xc0000000
    const TfjsFiles files = export_tfjs(net);
    REQUIRE(files.weights_bin.size() == size_t(4 * 1181161));
    CHECK(files.weights_bin[0] == 0x00);
    CHECK(files.weights_bin[3] == 0x3f);
    CHECK(files.weights_bin[2] == 0x80);
    CHECK(files.weights_bin.back() == 0xc0);
}

TEST_CASE("export_tfjs: ConvLab's importer reads the model.json back to the same 1,181,161 parameters") {
    const Network net = seed_network();
    const ImportResult back = import_keras_json(export_tfjs(net).model_json);
    REQUIRE_MESSAGE(back.ok, back.error);
    ModelSummary s;
    Problem p;
    REQUIRE(summarize(back.model, NamingStyle::Keras2, &s, &p));
    CHECK(s.total_params == 1181161);
    CHECK(s.layers.size() == net.layers.size());
    CHECK(s.layers[3].analysis.output.to_string() == net.layers[3].summary.analysis.output.to_string());
}

TEST_CASE("weights as base64: a round trip gives the same floats; a wrong count is refused") {
    const Network net = seed_network();
    const std::string text = weights_to_base64(net);
    std::vector<float> back;
    REQUIRE(weights_from_base64(text, int64_t(net.params.size()), &back));
    CHECK(back == net.params);
    std::vector<float> untouched = {7.0f};
    CHECK_FALSE(weights_from_base64(text, int64_t(net.params.size()) - 1, &untouched));
    CHECK(untouched.size() == 1);
}
