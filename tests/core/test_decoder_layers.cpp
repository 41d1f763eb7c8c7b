// test_decoder_layers.cpp: the layers of a decoder and of preprocessing:
// Conv2DTranspose (with output_padding), Permute, Normalization, bilinear
// UpSampling2D, and the hard_sigmoid / hard_swish activations. Sizes and counts
// by hand from Keras's rules, refusals, JSON and Python read and written back,
// training's forward passes against numbers TF.js computed
// (tests/data/tfjs_layer_numerics.json, tools/make_graph_fixtures.mjs), and
// every backward pass against finite differences. TF.js's shapes and counts of
// a decoder built with them are in test_graph_models.cpp's fixture.
#include <doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/analysis/formula.h"
#include "core/analysis/layer_kind.h"
#include "core/io/export_code.h"
#include "core/io/import.h"
#include "core/io/json.h"
#include "core/io/model_url.h"
#include "core/io/summary_format.h"
#include "core/train/layer_passes.h"
#include "core/train/network.h"
#include "model_builders.h"
#include "train/network_gradient_check.h"

using namespace convlab;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// Input (h, w, c) -> `layer`: the layer's own row.
LayerSummary row_after_input(const LayerSpec& layer, Shape input) {
    ModelSpec m;
    LayerSpec in = make_layer(LayerKind::InputLayer);
    in.input_shape = input;
    m.layers.push_back(in);
    m.layers.push_back(layer);
    ModelSummary s;
    Problem p;
    REQUIRE_MESSAGE(summarize(m, NamingStyle::Keras2, &s, &p), p.message);
    REQUIRE(!s.layers.empty());
    return s.layers.back();  // a Sequential summary has no InputLayer row
}

std::string refusal_after_input(const LayerSpec& layer, Shape input) {
    ModelSpec m;
    LayerSpec in = make_layer(LayerKind::InputLayer);
    in.input_shape = input;
    m.layers.push_back(in);
    m.layers.push_back(layer);
    ModelSummary s;
    Problem p;
    CHECK_FALSE(summarize(m, NamingStyle::Keras2, &s, &p));
    return p.message;
}

LayerSpec transpose(int64_t filters, Pair kernel, Pair strides, Padding padding) {
    LayerSpec t = make_layer(LayerKind::Conv2DTranspose);
    t.filters = filters, t.kernel = kernel, t.strides = strides, t.padding = padding;
    return t;
}

// Input (6, 5, 2) -> Conv2D(3, 3x3, same) -> `middle` -> Flatten -> Dense(3, softmax).
ModelSpec around(LayerSpec middle) {
    ModelSpec m;
    m.layers.push_back(test::input(6, 5, 2));
    m.layers.push_back(test::conv(3, 3, Padding::Same));
    m.layers.push_back(middle);
    m.layers.push_back(test::flatten());
    LayerSpec dense = test::dense(3);
    dense.activation = Activation::Softmax;
    m.layers.push_back(dense);
    m.compile.loss = "categorical_crossentropy";
    return m;
}

std::vector<float> floats(const JsonValue& list) {
    std::vector<float> out;
    for (const JsonValue& v : list.items) out.push_back(float(v.number));
    return out;
}

JsonValue numerics() {
    std::ifstream in(std::string(CONVLAB_SOURCE_DIR) + "/tests/data/tfjs_layer_numerics.json", std::ios::binary);
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    JsonValue root;
    JsonError error;
    REQUIRE_MESSAGE(parse_json(text.str(), &root, &error), error.message);
    return root;
}

}  // namespace

TEST_CASE("decoder layers: Conv2DTranspose sizes follow Keras's deconv_output_length, its count Kh·Kw·Cout·Cin + Cout") {
    // The U-Net upsampling step: 3×3, strides 2, 'same' doubles the map.
    LayerSummary r = row_after_input(transpose(64, {3, 3}, {2, 2}, Padding::Same), Shape::image(16, 16, 128));
    CHECK(r.analysis.output == Shape::image(32, 32, 64));
    CHECK(r.analysis.params == 3 * 3 * 64 * 128 + 64);
    CHECK(to_text(r.analysis.param_formula) == "3 × 3 × 64 × 128 + 64 = 73,792");
    CHECK(to_text(r.analysis.height.formula) == "16 × 2 = 32");
    // 'valid': in·S + max(K − S, 0); a kernel smaller than its stride leaves gaps, not overlaps.
    r = row_after_input(transpose(8, {3, 1}, {2, 3}, Padding::Valid), Shape::image(5, 4, 2));
    CHECK(r.analysis.output == Shape::image(11, 12, 8));
    CHECK(to_text(r.analysis.height.formula) == "5 × 2 + max(3 − 2, 0) = 11");
    // output_padding: (in − 1)·S + K − 2·⌊K/2⌋ + P under 'same', (in − 1)·S + K + P under 'valid'.
    LayerSpec padded = transpose(4, {3, 3}, {2, 2}, Padding::Same);
    padded.has_output_padding = true, padded.output_padding = {1, 0};
    r = row_after_input(padded, Shape::image(7, 7, 1));
    CHECK(r.analysis.output == Shape::image(14, 13, 4));
    CHECK(to_text(r.analysis.height.formula) == "(7 − 1) × 2 + 3 − 2 × 1 + 1 = 14");
    padded.padding = Padding::Valid;
    CHECK(row_after_input(padded, Shape::image(7, 7, 1)).analysis.output == Shape::image(16, 15, 4));
    // Dilation widens the kernel's reach: (3 − 1)·2 + 1 = 5.
    LayerSpec dilated = transpose(2, {3, 3}, {1, 1}, Padding::Valid);
    dilated.dilation = {2, 2};
    CHECK(row_after_input(dilated, Shape::image(4, 4, 3)).analysis.output == Shape::image(8, 8, 2));
    LayerSpec no_bias = transpose(5, {2, 2}, {2, 2}, Padding::Valid);
    no_bias.use_bias = false;
    CHECK(row_after_input(no_bias, Shape::image(3, 3, 7)).analysis.params == 2 * 2 * 5 * 7);
}

TEST_CASE("decoder layers: Conv2DTranspose refuses what Keras refuses, naming the field") {
    LayerSpec t = transpose(4, {3, 3}, {2, 2}, Padding::Same);
    t.has_output_padding = true, t.output_padding = {2, 1};
    CHECK(contains(refusal_after_input(t, Shape::image(5, 5, 1)),
                   "output_padding 2×1 must be smaller than strides 2×2 in each direction"));
    t = transpose(4, {2, 2}, {1, 1}, Padding::Same);  // (1 − 1)·1 + 2 − 2 + 0 = 0 rows
    t.has_output_padding = true, t.output_padding = {0, 0};
    CHECK(contains(refusal_after_input(t, Shape::image(1, 1, 1)), "the output would be 0×0"));
    t = transpose(4, {3, 3}, {2, 2}, Padding::Valid);
    t.dilation = {2, 2};
    CHECK(contains(refusal_after_input(t, Shape::image(5, 5, 1)), "cannot be combined with dilation_rate"));
    CHECK(contains(refusal_after_input(transpose(4, {3, 3}, {2, 2}, Padding::Valid), Shape::vector(8)),
                   "needs an image input"));
}

TEST_CASE("decoder layers: Permute reorders axes; Normalization's mean, variance and count are non-trainable") {
    LayerSpec p = make_layer(LayerKind::Permute);
    p.dims = Shape::image(3, 1, 2);
    CHECK(row_after_input(p, Shape::image(4, 5, 6)).analysis.output == Shape::image(6, 4, 5));
    p.dims = Shape::sequence(2, 1);
    CHECK(row_after_input(p, Shape::sequence(7, 3)).analysis.output == Shape::sequence(3, 7));
    p.dims = Shape::image(1, 1, 3);
    CHECK(contains(refusal_after_input(p, Shape::image(4, 5, 6)),
                   "dims (1, 1, 3) must name each of the input's 3 axes once"));
    p.dims = Shape::sequence(2, 1);
    CHECK(contains(refusal_after_input(p, Shape::image(4, 5, 6)), "its input is (None, 4, 5, 6)"));

    LayerSpec norm = make_layer(LayerKind::Normalization);
    LayerSummary r = row_after_input(norm, Shape::image(28, 28, 3));
    CHECK(r.analysis.params == 7);  // mean (3) + variance (3) + count (1)
    CHECK(r.analysis.non_trainable == 7);
    CHECK(r.analysis.trainable == 0);
    CHECK(to_text(r.analysis.param_formula) == "2 × 3 + 1 = 7");
    norm.axis = 0;  // axis=None: one mean and variance for every value
    CHECK(row_after_input(norm, Shape::image(28, 28, 3)).analysis.params == 3);
    norm.axis = 2;
    CHECK(contains(refusal_after_input(norm, Shape::image(28, 28, 3)), "axis 2 is not one ConvLab reads for Normalization"));
}

TEST_CASE("decoder layers: read from Keras JSON and Python, written back to both, and linked") {
    const std::string json = R"({"class_name": "Functional", "config": {"name": "dec", "layers": [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 7, 7, 16], "name": "in"}, "name": "in", "inbound_nodes": []},
        {"class_name": "Normalization", "config": {"name": "norm", "axis": -1, "mean": null, "variance": null, "invert": false},
         "name": "norm", "inbound_nodes": [[["in", 0, 0, {}]]]},
        {"class_name": "Conv2DTranspose", "config": {"name": "up", "filters": 8, "kernel_size": [3, 3], "strides": [2, 2],
         "padding": "same", "output_padding": [1, 1], "activation": "hard_swish", "use_bias": true},
         "name": "up", "inbound_nodes": [[["norm", 0, 0, {}]]]},
        {"class_name": "Permute", "config": {"name": "swap", "dims": [2, 1, 3]}, "name": "swap", "inbound_nodes": [[["up", 0, 0, {}]]]}],
        "input_layers": [["in", 0, 0]], "output_layers": [["swap", 0, 0]]}})";
    ImportResult r = import_model_text(json);
    REQUIRE_MESSAGE(r.ok, r.error);
    ModelSummary s;
    Problem p;
    REQUIRE_MESSAGE(summarize(r.model, NamingStyle::Keras2, &s, &p), p.message);
    REQUIRE(s.layers.size() == 4);
    CHECK(s.layers[1].analysis.params == 33);
    CHECK(s.layers[2].analysis.output == Shape::image(14, 14, 8));  // 6·2 + 3 − 2 + 1
    CHECK(s.layers[2].analysis.params == 3 * 3 * 8 * 16 + 8);
    CHECK(r.model.layers[2].activation == Activation::HardSwish);
    CHECK(s.non_trainable_params == 33);

    // Keras Functional code (the Python importer reads Functional code with issue 16).
    const std::string code = export_keras_python(r.model);
    CHECK(contains(code, "layers.Conv2DTranspose(8, kernel_size=(3, 3), output_padding=(1, 1), strides=(2, 2)"));
    CHECK(contains(code, "layers.Permute((2, 1, 3)"));
    CHECK(contains(code, "layers.Normalization("));
    // The link keeps every field.
    const std::string link = encode_model_url(r.model);
    ModelSpec back;
    std::string why;
    REQUIRE_MESSAGE(decode_model_url(link, &back, &why), why);
    CHECK(back.layers[2].has_output_padding);
    CHECK(back.layers[2].output_padding == Pair{1, 1});
    CHECK(back.layers[3].dims == Shape::image(2, 1, 3));

    // Statistics written into the config are refused by name, not silently dropped.
    std::string given = json;
    given.replace(given.find("\"mean\": null"), 12, "\"mean\": [0.5]");
    ImportResult refused = import_model_text(given);
    CHECK_FALSE(refused.ok);
    CHECK(contains(refused.error, "mean: ConvLab reads a Normalization whose mean and variance come from adapt()"));

    // Keras code as people write it.
    ImportResult py = import_model_text(
        "model = keras.Sequential([keras.Input(shape=(8, 8, 4)), layers.Normalization(axis=None),\n"
        "    layers.Conv2DTranspose(2, 3, strides=2, padding='valid', activation='hard_sigmoid'),\n"
        "    layers.Permute((3, 1, 2))])\n");
    REQUIRE_MESSAGE(py.ok, py.error);
    REQUIRE_MESSAGE(summarize(py.model, NamingStyle::Keras2, &s, &p), p.message);
    CHECK(s.layers[0].analysis.params == 3);
    CHECK(s.layers[1].analysis.output == Shape::image(17, 17, 2));
    CHECK(s.layers[2].analysis.output == Shape::image(2, 17, 17));
    ImportResult no_dims = import_model_text("model = keras.Sequential([keras.Input(shape=(8, 8, 4)), layers.Permute()])\n");
    CHECK_FALSE(no_dims.ok);
    CHECK(contains(no_dims.error, "dims"));
}

TEST_CASE("decoder layers: PyTorch code crops the odd cell Keras crops after") {
    ModelSpec m;
    m.layers.push_back(test::input(8, 8, 3));
    m.layers.push_back(transpose(4, {3, 3}, {2, 2}, Padding::Same));  // full 17, out 16: crop 0 before, 1 after
    m.layers.push_back(transpose(2, {4, 4}, {2, 2}, Padding::Same));  // full 34, out 32: crop 1 and 1
    m.layers.push_back(transpose(2, {1, 1}, {3, 3}, Padding::Valid));  // full 94, out 96: 2 cells added after
    std::string error;
    const std::string code = export_pytorch(m, &error);
    REQUIRE_MESSAGE(error.empty(), error);
    CHECK(contains(code, "nn.ConvTranspose2d(3, 4, kernel_size=(3, 3), stride=(2, 2))"));
    CHECK(contains(code, "nn.ZeroPad2d((0, -1, 0, -1))"));
    CHECK(contains(code, "nn.ConvTranspose2d(4, 2, kernel_size=(4, 4), stride=(2, 2), padding=(1, 1))"));
    CHECK(contains(code, "nn.ConvTranspose2d(2, 2, kernel_size=(1, 1), stride=(3, 3), output_padding=(2, 2))"));
}

TEST_CASE("decoder layers: Conv2DTranspose and bilinear UpSampling2D compute what TF.js computes") {
    const JsonValue root = numerics();
    const JsonValue* cases = root.find("transpose");
    REQUIRE(cases);
    REQUIRE(cases->items.size() >= 6);
    for (const JsonValue& c : cases->items) {
        const JsonValue& in = *c.find("input");
        LayerSpec t = transpose(c.find("filters")->integer, {c.find("kernel_size")->items[0].integer, c.find("kernel_size")->items[1].integer},
                                {c.find("strides")->items[0].integer, c.find("strides")->items[1].integer},
                                c.find("padding")->string == "same" ? Padding::Same : Padding::Valid);
        const JsonValue& op = *c.find("output_padding");
        if (!op.is_null()) t.has_output_padding = true, t.output_padding = {op.items[0].integer, op.items[1].integer};
        t.use_bias = c.find("use_bias")->boolean;
        const LayerSummary row = row_after_input(t, Shape::image(in.items[0].integer, in.items[1].integer, in.items[2].integer));
        const JsonValue& out = *c.find("output");
        CHECK(row.analysis.output == Shape::image(out.items[0].integer, out.items[1].integer, out.items[2].integer));
        const std::vector<float> x = floats(*c.find("x")), w = floats(*c.find("kernel")), b = floats(*c.find("bias"));
        const std::vector<float> expected = floats(*c.find("y"));
        const Conv2DGeometry g = conv2d_transpose_geometry(t, row, 1);
        std::vector<float> scratch(size_t(conv2d_scratch_floats(g))), y(expected.size());
        conv2d_transpose_forward(g, x.data(), w.data(), t.use_bias ? b.data() : nullptr, y.data(), scratch.data());
        for (size_t i = 0; i < y.size(); ++i) CHECK(y[i] == doctest::Approx(expected[i]).epsilon(1e-4));
    }
    const JsonValue* bilinear = root.find("bilinear");
    REQUIRE(bilinear);
    for (const JsonValue& c : bilinear->items) {
        const JsonValue& in = *c.find("input");
        const Pair size{c.find("size")->items[0].integer, c.find("size")->items[1].integer};
        const std::vector<float> x = floats(*c.find("x")), expected = floats(*c.find("y"));
        std::vector<float> y(expected.size());
        upsampling2d_bilinear_forward(1, in.items[0].integer, in.items[1].integer, in.items[2].integer, size, x.data(), y.data());
        for (size_t i = 0; i < y.size(); ++i) CHECK(y[i] == doctest::Approx(expected[i]).epsilon(1e-5));
    }
}

TEST_CASE("decoder layers: hard_sigmoid and hard_swish are Keras 3's relu6(x + 3) / 6 and x times it") {
    const float x[] = {-4.0f, -3.0f, -1.5f, 0.0f, 1.5f, 3.0f, 4.0f};
    float y[7];
    activation_forward(Activation::HardSigmoid, x, y, 1, 7);
    const float sig[] = {0.0f, 0.0f, 0.25f, 0.5f, 0.75f, 1.0f, 1.0f};
    for (int i = 0; i < 7; ++i) CHECK(y[i] == doctest::Approx(sig[i]));
    activation_forward(Activation::HardSwish, x, y, 1, 7);
    for (int i = 0; i < 7; ++i) CHECK(y[i] == doctest::Approx(x[i] * sig[i]));
}

TEST_CASE("decoder layers: each backward pass, through a small network, matches finite differences") {
    std::vector<LayerSpec> middles;
    middles.push_back(transpose(2, {3, 3}, {2, 2}, Padding::Same));
    LayerSpec padded = transpose(3, {3, 2}, {2, 3}, Padding::Valid);
    padded.has_output_padding = true, padded.output_padding = {1, 2};
    middles.push_back(padded);
    LayerSpec dilated = transpose(2, {2, 2}, {1, 1}, Padding::Same);
    dilated.dilation = {2, 2}, dilated.use_bias = false, dilated.activation = Activation::HardSwish;
    middles.push_back(dilated);
    LayerSpec permute = make_layer(LayerKind::Permute);
    middles.push_back(permute);  // (2, 1, 3)
    permute.dims = Shape::image(3, 1, 2);
    middles.push_back(permute);
    LayerSpec norm = make_layer(LayerKind::Normalization);
    middles.push_back(norm);
    norm.axis = 0;
    middles.push_back(norm);
    LayerSpec up = make_layer(LayerKind::UpSampling2D);
    up.bilinear = true, up.size = {2, 3};
    middles.push_back(up);
    for (Activation a : {Activation::HardSigmoid, Activation::HardSwish}) {
        LayerSpec act = make_layer(LayerKind::Activation);
        act.activation = a;
        middles.push_back(act);
    }
    for (const LayerSpec& middle : middles) {
        const std::string name = std::string(layer_kind_info(middle.kind).class_name) + " " + activation_name(middle.activation);
        CAPTURE(name);
        NetworkOptions o;
        o.batch_size = 2;
        o.seed = 4;
        Network net;
        const Status built = network_build(around(middle), o, &net);
        REQUIRE_MESSAGE(built.ok(), built.error);
        Rng data = rng_seeded(8);
        CHECK(test::check_network_gradients(&net, test::random_buffer(&data, 2 * 6 * 5 * 2), {2, 0}) ==
              int(net.blocks.size()));
    }
}
