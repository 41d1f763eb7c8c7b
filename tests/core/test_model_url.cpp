// test_model_url.cpp: a model survives the trip through its link exactly, the
// link stays short, and a damaged or hostile link is refused with a reason.
#include <doctest.h>

#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "core/analysis/model_summary.h"
#include "core/io/import.h"
#include "core/io/json.h"
#include "core/io/model_url.h"
#include "core/io/model_file.h"
#include "core/applications/applications.h"
#include "core/io/summary_format.h"
#include "core/model/graph_edit.h"
#include "core/model/presets.h"
#include "core/analysis/shape_math.h"

#ifndef CONVLAB_SOURCE_DIR
#define CONVLAB_SOURCE_DIR "."
#endif

using namespace convlab;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool same_shape(const Shape& a, const Shape& b) {
    if (a.rank != b.rank) return false;
    for (int i = 0; i < 3; ++i)
        if ((i < a.rank ? a.dim[i] : 0) != (i < b.rank ? b.dim[i] : 0)) return false;
    return true;
}

// Field by field, doubles bit for bit.
void check_same(const ModelSpec& a, const ModelSpec& b) {
    REQUIRE(a.layers.size() == b.layers.size());
    for (size_t i = 0; i < a.layers.size(); ++i) {
        const LayerSpec& x = a.layers[i];
        const LayerSpec& y = b.layers[i];
        INFO("layer ", i + 1);
        CHECK(x.kind == y.kind);
        CHECK(x.name == y.name);
        CHECK(x.filters == y.filters);
        CHECK(x.units == y.units);
        CHECK(x.depth_multiplier == y.depth_multiplier);
        CHECK(x.kernel == y.kernel);
        CHECK(x.strides == y.strides);
        CHECK(x.dilation == y.dilation);
        CHECK(x.padding == y.padding);
        CHECK(x.pad_top == y.pad_top);
        CHECK(x.pad_bottom == y.pad_bottom);
        CHECK(x.pad_left == y.pad_left);
        CHECK(x.pad_right == y.pad_right);
        CHECK(x.use_bias == y.use_bias);
        CHECK(x.activation == y.activation);
        CHECK(same_bits(x.rate, y.rate));
        CHECK(x.center == y.center);
        CHECK(x.scale == y.scale);
        CHECK(same_bits(x.momentum, y.momentum));
        CHECK(same_bits(x.epsilon, y.epsilon));
        CHECK(same_shape(x.input_shape, y.input_shape));
    }
    CHECK(a.compile.loss == b.compile.loss);
    CHECK(a.compile.optimizer == b.compile.optimizer);
    REQUIRE(a.compile.optimizer_args.size() == b.compile.optimizer_args.size());
    for (size_t i = 0; i < a.compile.optimizer_args.size(); ++i) {
        CHECK(a.compile.optimizer_args[i].first == b.compile.optimizer_args[i].first);
        CHECK(same_bits(a.compile.optimizer_args[i].second, b.compile.optimizer_args[i].second));
    }
}

ModelSpec round_trip(const ModelSpec& model) {
    std::string link = encode_model_url(model);
    ModelSpec back;
    std::string error;
    INFO("link: ", link);
    bool ok = decode_model_url(link, &back, &error);
    INFO("error: ", error);
    REQUIRE(ok);
    return back;
}

// The seed model of the StackOverflow question, as the editor builds it.
ModelSpec seed_model() {
    ModelSpec m;
    LayerSpec conv1 = make_layer(LayerKind::Conv2D);
    conv1.activation = Activation::Relu;
    conv1.input_shape = Shape::image(28, 28, 1);
    LayerSpec conv2 = make_layer(LayerKind::Conv2D);
    conv2.filters = 63;
    conv2.activation = Activation::Relu;
    LayerSpec dense = make_layer(LayerKind::Dense);
    dense.name = "dense";
    dense.activation = Activation::Relu;
    LayerSpec drop = make_layer(LayerKind::Dropout);
    drop.rate = 0.5;
    LayerSpec out = make_layer(LayerKind::Dense);
    out.units = 10;
    out.activation = Activation::Softmax;
    m.layers = {conv1, conv2, make_layer(LayerKind::MaxPooling2D), make_layer(LayerKind::Dropout),
                make_layer(LayerKind::Flatten), dense, drop, out};
    m.compile.loss = "categorical_crossentropy";
    m.compile.optimizer = "Adadelta";
    m.compile.optimizer_args = {{"learning_rate", 1.0}};
    return m;
}

std::string decode_error(const std::string& link) {
    ModelSpec m;
    std::string error;
    CHECK_FALSE(decode_model_url(link, &m, &error));
    return error;
}

}  // namespace

TEST_CASE("model url: the seed model comes back exactly, in a link under 100 characters") {
    ModelSpec seed = seed_model();
    std::string link = encode_model_url(seed);
    CHECK(link.rfind("v1.", 0) == 0);
    CHECK(link.size() < 100);
    check_same(round_trip(seed), seed);
}

TEST_CASE("model url: a link uses only characters that need no escaping in a URL") {
    std::string link = encode_model_url(seed_model());
    for (char c : link) {
        bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.';
        CHECK(safe);
    }
}

TEST_CASE("model url: every field of every kind survives, including ones the kind does not read") {
    ModelSpec m;
    for (int k = 0; k < int(LayerKind::Add); ++k) {  // a v1 link holds a Sequential model's kinds
        LayerSpec s = make_layer(LayerKind(k));
        s.name = "layer \xE4\xB8\xAD " + std::to_string(k);
        s.filters = 7 + k;
        s.units = -3;  // the editor can hold a value the analysis will refuse
        s.depth_multiplier = 4;
        s.kernel = {5, 1};
        s.strides = {2, 3};
        s.dilation = {kMaxCount, 1};
        s.padding = Padding::Same;
        s.pad_top = 0; s.pad_bottom = 9; s.pad_left = -kMaxCount; s.pad_right = 2;
        s.use_bias = false;
        s.activation = Activation::Tanh;
        s.rate = 0.1 * k;
        s.center = false;
        s.scale = false;
        s.momentum = -0.0;
        s.epsilon = 1e-300;
        s.input_shape = k % 2 ? Shape::vector(784) : Shape::image(224, 224, 3);
        m.layers.push_back(s);
    }
    m.compile.loss = "my_loss \xE4\xB8\xAD";  // not one of the one-byte words
    m.compile.optimizer_args = {{"rho", 0.95}, {"epsilon", 1e-7}, {"weight_decay", 0.004}};
    check_same(round_trip(m), m);
}

TEST_CASE("model url: an empty model and a model of 256 named layers both round-trip") {
    check_same(round_trip(ModelSpec{}), ModelSpec{});
    ModelSpec big;
    for (int i = 0; i < kMaxImportLayers; ++i) {
        LayerSpec s = make_layer(LayerKind::Dense);
        s.name = std::string(size_t(kMaxLayerNameBytes), char('a' + i % 26));
        big.layers.push_back(s);
    }
    std::string link = encode_model_url(big);
    CHECK(link.size() <= kMaxModelUrlChars);
    check_same(round_trip(big), big);
}

TEST_CASE("model url: an unknown version is named, and other text is not taken for a link") {
    CHECK(contains(decode_error("v3.AAAA"), "version \"v3\" is not one this ConvLab reads (it reads v1 and v2)"));
    CHECK(contains(decode_error(""), "not a ConvLab model link"));
    CHECK(contains(decode_error("hello"), "not a ConvLab model link"));
    CHECK(contains(decode_error("v\x01\x02."), "version \"v??\""));
}

TEST_CASE("model url: a character outside base64url is named with its position") {
    CHECK(contains(decode_error("v1.AA!A"), "character 6 ('!') is not part of a model link"));
    CHECK(contains(decode_error("v1.AA=="), "character 6 ('=')"));
}

TEST_CASE("model url: a link cut short is refused at every length") {
    std::string link = encode_model_url(seed_model());
    for (size_t n = 3; n < link.size(); ++n) {
        ModelSpec m;
        std::string error;
        INFO("prefix of ", n, " characters");
        CHECK_FALSE(decode_model_url(link.substr(0, n), &m, &error));
        CHECK(contains(error, "model link: "));
    }
}

TEST_CASE("model url: out-of-range values are refused with the field and the value") {
    ModelSpec m;
    LayerSpec s = make_layer(LayerKind::Dense);
    s.units = kMaxCount + 1;
    m.layers = {s};
    CHECK(contains(decode_error(encode_model_url(m)), "layer 1: units 1099511627777 is out of range"));

    m.layers[0] = make_layer(LayerKind::Dropout);
    m.layers[0].rate = std::numeric_limits<double>::infinity();
    CHECK(contains(decode_error(encode_model_url(m)), "layer 1: rate is not a finite number"));

    m.layers[0] = make_layer(LayerKind::Dense);
    m.layers[0].name = "bad\nname";
    CHECK(contains(decode_error(encode_model_url(m)), "name contains a control character"));
    m.layers[0].name = std::string(size_t(kMaxLayerNameBytes) + 1, 'n');
    CHECK(contains(decode_error(encode_model_url(m)), "name is longer than 128 bytes"));
    m.layers[0].name = "\xFF";
    CHECK(contains(decode_error(encode_model_url(m)), "name is not valid UTF-8"));
}

TEST_CASE("model url: impossible kinds, enums, flags, counts and trailing bytes are refused") {
    // Bytes are written here directly, then base64url-encoded by hand.
    CHECK(contains(decode_error("v1.AQ4"), "layer 1: kind 14 is not a layer kind"));          // 01 0E
    CHECK(contains(decode_error("v1.AQqAAQI"), "layer 1: padding 2 is not valid or same"));  // 01 0A 80 01 02
    CHECK(contains(decode_error("v1.AQqACAo"), "layer 1: activation 10 is not an activation"));  // 01 0A 80 08 0A
    CHECK(contains(decode_error("v1.AQqAgAQC"), "the input shape has 2 sizes"));  // 01 0A 80 80 04 02
    CHECK(contains(decode_error("v1.AQqAgAg"), "a field this version of ConvLab does not have"));  // mask 1 << 17
    CHECK(contains(decode_error("v1.gQIA"), "it has 257 layers; ConvLab shows at most 256"));  // 81 02 00
    CHECK(contains(decode_error("v1.AAIA"), "compile flag is 2"));                             // 00 02 00
    CHECK(contains(decode_error("v1.AAAA"), "1 unexpected bytes after the model"));             // 00 00 00
    CHECK(contains(decode_error("v1.gAA"), "written with extra bytes"));                        // 80 00
    CHECK(contains(decode_error("v1.AAGRAw"), "compile settings: loss names word 200"));       // 00 01 91 03
    CHECK(contains(decode_error("v1.________________"), "a number is too large"));
}

TEST_CASE("model url: a changed last character that leaves stray bits is refused") {
    // One byte takes 2 characters with 4 spare bits, which must be zero: "v1.AA", never "v1.AB".
    // 5 characters (30 bits) cannot come from whole bytes at all.
    CHECK(contains(decode_error("v1.AB"), "last character is not one ConvLab writes"));
    CHECK(contains(decode_error("v1.AAAAA"), "last character is not one ConvLab writes"));
}

TEST_CASE("model url: links longer than the limit are refused before decoding") {
    std::string link = "v1." + std::string(kMaxModelUrlChars, 'A');
    CHECK(contains(decode_error(link), "the limit is 65536"));
}

TEST_CASE("model url v2: every Functional graph of the TF.js fixture survives a link, and so does its summary") {
    JsonValue doc;
    JsonError json_error;
    std::ifstream in(std::string(CONVLAB_SOURCE_DIR) + "/tests/data/tfjs_graph_models.json", std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream text;
    text << in.rdbuf();
    REQUIRE(parse_json(text.str(), &doc, &json_error));
    int links = 0;
    for (const JsonValue& entry : doc.find("models")->items) {
        const ImportResult r = import_keras_json(entry.find("forms")->find("keras3")->string);
        REQUIRE_MESSAGE(r.ok, r.error);
        const std::string link = encode_model_url(r.model);
        CHECK(link.rfind("v2.", 0) == 0);
        ModelSpec back;
        std::string error;
        REQUIRE_MESSAGE(decode_model_url(link, &back, &error), error);
        CHECK(encode_model_url(back) == link);
        CHECK(back.functional);
        CHECK(back.name == r.model.name);
        REQUIRE(back.layers.size() == r.model.layers.size());
        for (size_t i = 0; i < back.layers.size(); ++i) {
            CHECK(back.layers[i].calls.size() == r.model.layers[i].calls.size());
            for (size_t c = 0; c < back.layers[i].calls.size(); ++c) CHECK(back.layers[i].calls[c] == r.model.layers[i].calls[c]);
        }
        ModelSummary a, b;
        Problem p;
        REQUIRE(summarize(r.model, NamingStyle::Keras2, &a, &p));
        REQUIRE(summarize(back, NamingStyle::Keras2, &b, &p));
        CHECK(format_summary_keras2(a) == format_summary_keras2(b));
        ++links;
    }
    CHECK(links >= 30);
}

TEST_CASE("model url v2: a Sequential model v1 can hold is still written as v1; one it cannot is v2 with every new field") {
    CHECK(encode_model_url(preset_model(Preset::SeedQuestion)).rfind("v1.", 0) == 0);
    ModelSpec m;
    m.layers.push_back(make_layer(LayerKind::InputLayer));
    m.layers[0].input_shape = Shape::sequence(28, 28);
    LayerSpec relu = make_layer(LayerKind::ReLU);
    relu.has_max_value = true, relu.max_value = 6.0, relu.negative_slope = 0.1, relu.threshold = 0.5;
    m.layers.push_back(relu);
    LayerSpec reshape = make_layer(LayerKind::Reshape);
    reshape.target_shape = Shape::image(28, -1, 1);
    m.layers.push_back(reshape);
    LayerSpec up = make_layer(LayerKind::UpSampling2D);
    up.size = {3, 1}, up.bilinear = true, up.trainable = false;
    m.layers.push_back(up);
    LayerSpec gap = make_layer(LayerKind::GlobalMaxPooling2D);
    gap.keepdims = true;
    m.layers.push_back(gap);
    LayerSpec res = make_layer(LayerKind::Rescaling);
    res.rescale = 1.0 / 255, res.offset = -0.5;
    m.layers.push_back(res);
    LayerSpec elu = make_layer(LayerKind::ELU);
    elu.alpha = 0.3;
    m.layers.push_back(elu);
    const std::string link = encode_model_url(m);
    REQUIRE(link.rfind("v2.", 0) == 0);
    ModelSpec back;
    std::string error;
    REQUIRE_MESSAGE(decode_model_url(link, &back, &error), error);
    CHECK(encode_model_url(back) == link);
    CHECK(back.layers[0].input_shape == Shape::sequence(28, 28));
    CHECK((back.layers[1].has_max_value && back.layers[1].max_value == 6.0 && back.layers[1].threshold == 0.5));
    CHECK(back.layers[2].target_shape == Shape::image(28, -1, 1));
    CHECK((back.layers[3].size == Pair{3, 1} && back.layers[3].bilinear && !back.layers[3].trainable));
    CHECK(back.layers[4].keepdims);
    CHECK(back.layers[5].offset == -0.5);
    CHECK(back.layers[6].alpha == 0.3);
}

TEST_CASE("model url v2: a reference to a layer the link does not have is refused, naming it") {
    ModelSpec m;
    m.functional = true;
    m.layers.push_back(make_layer(LayerKind::InputLayer));
    m.layers.push_back(make_layer(LayerKind::Flatten));
    m.layers[1].calls = {{TensorRef{0, 0, 0}}};
    m.inputs = {TensorRef{0, 0, 0}};
    m.outputs = {TensorRef{1, 0, 0}};
    std::string link = encode_model_url(m);
    ModelSpec back;
    std::string error;
    REQUIRE(decode_model_url(link, &back, &error));
    m.outputs = {TensorRef{7, 0, 0}};  // written as is, refused when read
    CHECK_FALSE(decode_model_url(encode_model_url(m), &back, &error));
    CHECK(contains(error, "output_layers 7 is out of range"));
    // v1 never holds what v2 adds: a merge's kind byte in a v1 link is refused.
    link[1] = '1';
    CHECK_FALSE(decode_model_url(link, &back, &error));
}

TEST_CASE("model url: an application edited in its fields is its edits alone, read back exactly; hostile edits are refused") {
    const Application* app = find_application("ResNet50");
    REQUIRE(app);
    const ImportResult r = import_any_model_text(application_script(*app), nullptr, {});
    REQUIRE(r.ok);
    const ModelSpec base = r.model;
    ModelSpec edited = base;
    edited.layers[40].momentum = 0.9;
    edited.layers[7].filters += 1;
    std::string indices, code;
    REQUIRE(encode_model_delta(base, edited, &indices, &code));
    CHECK(indices == "7,40");
    CHECK(code.size() < 200);
    CHECK(code.size() * 20 < encode_model_url(edited).size());
    ModelSpec back;
    std::string error;
    REQUIRE(apply_model_delta(base, indices, code, &back, &error));
    CHECK(encode_model_url(back) == encode_model_url(edited));
    // A changed graph is not an edit of fields: the whole link is needed.
    ModelSpec rewired = base;
    rewired.layers.pop_back();
    CHECK_FALSE(encode_model_delta(base, rewired, &indices, &code));
    // Hostile edits: each refused with a reason, nothing applied.
    REQUIRE(encode_model_delta(base, edited, &indices, &code));
    for (const char* bad : {"40,7", "7,7", "7", "7,40,41", "x,40", "", "7,999999", "-1,40", "7,,40"}) {
        CAPTURE(bad);
        std::string why;
        CHECK_FALSE(apply_model_delta(base, bad, code, &back, &why));
        CHECK_FALSE(why.empty());
    }
    std::string why;
    CHECK_FALSE(apply_model_delta(base, "0,40", code, &back, &why));  // layer 0 is an InputLayer, the code's first a Conv2D
    CHECK_FALSE(apply_model_delta(base, indices, "v9.abc", &back, &why));
}

TEST_CASE("model url: an application edited in its graph is its edits alone, read back exactly; hostile edits are refused") {
    const Application* app = find_application("ResNet50");
    REQUIRE(app);
    const ImportResult r = import_any_model_text(application_script(*app), nullptr, {});
    REQUIRE(r.ok);
    const ModelSpec base = with_written_names(r.model);  // as the page loads it
    const std::string whole = encode_model_url(base);
    const auto round_trip_delta = [&](const ModelSpec& edited, size_t most_chars) {
        std::string text;
        REQUIRE(encode_graph_delta(base, edited, &text));
        CHECK(text.rfind("g1.", 0) == 0);
        CHECK(text.size() < most_chars);
        CHECK(text.size() * 20 < whole.size());
        ModelSpec back;
        std::string error;
        REQUIRE(apply_graph_delta(base, text, &back, &error));
        CHECK(encode_model_url(back) == encode_model_url(with_written_names(edited)));
        return text;
    };
    int selected = -1;
    Message why;
    SUBCASE("a layer inserted: its fields, its call and its consumer's") {
        ModelSpec m = base;
        REQUIRE(graph_insert_after(&m, 10, make_layer(LayerKind::Dropout), &selected, &why));
        round_trip_delta(m, 80);
    }
    SUBCASE("a branch joined back with a projected shortcut, and a field edited") {
        ModelSpec m = base;
        REQUIRE(graph_branch(&m, 5, make_layer(LayerKind::Conv2D), &selected, &why));
        const int branch = selected;
        m.layers[20].filters = 96;
        Shape a, b;
        REQUIRE(graph_layer_output(m, 40, &a));
        REQUIRE(graph_layer_output(m, branch, &b));
        SkipPlan plan;
        if (plan_skip(SkipMerge::Concatenate, a, b, &plan, &why)) {
            REQUIRE(graph_add_skip(&m, 40, branch, SkipMerge::Concatenate, plan, &selected, &why));
        }
        round_trip_delta(m, 200);
    }
    SUBCASE("a layer removed, another moved in its chain") {
        ModelSpec m = base;
        REQUIRE(graph_remove_layer(&m, 30, &selected, &why));
        bool moved = false;
        for (int i = 2; i < 60 && !moved; ++i) moved = graph_move_in_chain(&m, i, true, &selected, &why);
        CHECK(moved);
        round_trip_delta(m, 120);
    }
    SUBCASE("the classifier removed: the outputs change") {
        ModelSpec m = base;
        REQUIRE(graph_remove_layer(&m, int(m.layers.size()) - 1, &selected, &why));
        round_trip_delta(m, 80);
    }
    SUBCASE("unchanged: no edits at all, still exact") {
        round_trip_delta(base, 20);
    }
    SUBCASE("hostile text: every one-character change and every cut is applied or refused with a reason") {
        ModelSpec m = base;
        REQUIRE(graph_insert_after(&m, 10, make_layer(LayerKind::Conv2D), &selected, &why));
        const std::string good = round_trip_delta(m, 80);
        int refused = 0;
        for (size_t i = 0; i < good.size(); ++i) {
            for (char c : {'A', 'B', '_', '9', '.', '%'}) {
                std::string bad = good;
                bad[i] = c;
                ModelSpec back;
                std::string error;
                if (apply_graph_delta(base, bad, &back, &error)) {
                    ModelSpec again;
                    CHECK(decode_model_url(encode_model_url(back), &again, &error));
                } else {
                    CHECK_FALSE(error.empty());
                    ++refused;
                }
            }
            ModelSpec back;
            std::string error;
            if (!apply_graph_delta(base, good.substr(0, i), &back, &error)) CHECK_FALSE(error.empty());
        }
        CHECK(refused > 0);
        std::string error;
        ModelSpec back;
        CHECK_FALSE(apply_graph_delta(base, "v2.AAAA", &back, &error));
        CHECK(contains(error, "g1."));
        CHECK_FALSE(apply_graph_delta(base, std::string(kMaxModelUrlChars + 1, 'A'), &back, &error));
        ModelSpec chain = base;
        chain.functional = false;
        CHECK_FALSE(apply_graph_delta(chain, good, &back, &error));
    }
    SUBCASE("another network's name or compile settings: the whole link") {
        ModelSpec m = base;
        m.name = "mine";
        std::string text;
        CHECK_FALSE(encode_graph_delta(base, m, &text));
        CHECK(text.empty());
    }
}
