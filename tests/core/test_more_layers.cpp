// test_more_layers.cpp: the layers real CNNs use beside the seed's (ReLU,
// LeakyReLU, ELU, Softmax, Rescaling, Reshape, UpSampling2D, Cropping2D,
// SpatialDropout2D, the global poolings' keepdims): shapes and refusals by hand,
// Keras JSON and code read, and each trained through with its gradient checked
// against finite differences. TF.js's view of them is in test_graph_models.cpp.
#include <doctest.h>

#include <string>
#include <vector>

#include "core/analysis/formula.h"
#include "core/analysis/layer_kind.h"
#include "core/io/export_code.h"
#include "core/io/import.h"
#include "core/train/layer_passes.h"
#include "core/train/network.h"
#include "model_builders.h"
#include "train/network_gradient_check.h"

using namespace convlab;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// Input (6, 5, 2) -> Conv2D(3, 3x3, same) -> `middle` -> Flatten -> Dense(3, softmax).
ModelSpec around(LayerSpec middle, int64_t h = 6, int64_t w = 5) {
    ModelSpec m;
    m.layers.push_back(test::input(h, w, 2));
    m.layers.push_back(test::conv(3, 3, Padding::Same));
    m.layers.push_back(middle);
    m.layers.push_back(test::flatten());
    LayerSpec dense = test::dense(3);
    dense.activation = Activation::Softmax;
    m.layers.push_back(dense);
    m.compile.loss = "categorical_crossentropy";
    return m;
}

LayerSummary middle_row(const ModelSpec& m) {
    ModelSummary s;
    Problem p;
    REQUIRE_MESSAGE(summarize(m, NamingStyle::Keras2, &s, &p), p.message);
    return s.layers[1];
}

std::string refusal(const ModelSpec& m) {
    ModelSummary s;
    Problem p;
    CHECK_FALSE(summarize(m, NamingStyle::Keras2, &s, &p));
    return p.message;
}

LayerSpec kind(LayerKind k) { return make_layer(k); }

}  // namespace

TEST_CASE("more layers: shapes as Keras gives them, and no parameters") {
    LayerSpec up = kind(LayerKind::UpSampling2D);
    up.size = {2, 3};
    CHECK(middle_row(around(up)).analysis.output == Shape::image(12, 15, 3));
    LayerSpec crop = kind(LayerKind::Cropping2D);
    crop.pad_top = 1, crop.pad_bottom = 2, crop.pad_left = 0, crop.pad_right = 1;
    CHECK(middle_row(around(crop)).analysis.output == Shape::image(3, 4, 3));
    LayerSpec reshape = kind(LayerKind::Reshape);
    reshape.target_shape = Shape::image(10, -1, 1);  // 6·5·3 = 90 values: -1 is 9
    CHECK(middle_row(around(reshape)).analysis.output == Shape::image(10, 9, 1));
    LayerSpec gap = kind(LayerKind::GlobalAveragePooling2D);
    gap.keepdims = true;
    CHECK(middle_row(around(gap)).analysis.output == Shape::image(1, 1, 3));
    LayerSpec prelu = kind(LayerKind::PReLU);
    CHECK(middle_row(around(prelu)).analysis.params == 6 * 5 * 3);
    prelu.shared_axes = 0b0110;  // shared_axes=[1, 2]
    CHECK(to_text(middle_row(around(prelu)).analysis.param_formula) == "1 × 1 × 3 = 3");
    CHECK(middle_row(around(kind(LayerKind::LayerNormalization))).analysis.params == 2 * 3);
    for (LayerKind k : {LayerKind::ReLU, LayerKind::LeakyReLU, LayerKind::ELU, LayerKind::Softmax, LayerKind::Rescaling,
                        LayerKind::SpatialDropout2D}) {
        const LayerSummary row = middle_row(around(kind(k)));
        CHECK(row.analysis.output == Shape::image(6, 5, 3));
        CHECK(row.analysis.params == 0);
    }
}

TEST_CASE("more layers: what Keras refuses is refused, naming the field") {
    LayerSpec relu = kind(LayerKind::ReLU);
    relu.has_max_value = true;
    relu.max_value = -1.0;
    CHECK(contains(refusal(around(relu)), "max_value: must be at least 0, but is -1"));
    LayerSpec reshape = kind(LayerKind::Reshape);
    reshape.target_shape = Shape::image(7, -1, 1);
    CHECK(contains(refusal(around(reshape)), "target_shape: target_shape (7, -1, 1) cannot hold the 90 values of its input (None, 6, 5, 3)"));
    reshape.target_shape = Shape::image(-1, -1, 1);
    CHECK(contains(refusal(around(reshape)), "has more than one -1"));
    LayerSpec crop = kind(LayerKind::Cropping2D);
    crop.pad_top = 3, crop.pad_bottom = 3;
    CHECK(contains(refusal(around(crop)), "cropping: cropping 6 rows and 0 columns leaves nothing of its 6×5 input"));
    ModelSpec flat = around(kind(LayerKind::SpatialDropout2D));
    std::swap(flat.layers[2], flat.layers[3]);  // after the Flatten: no channels to drop
    CHECK(contains(refusal(flat), "SpatialDropout2D needs an image input (None, H, W, C), but its input is (None, 90)"));
}

TEST_CASE("more layers: Keras JSON and Keras code read them, Keras 2's alpha and Keras 3's negative_slope alike") {
    ImportResult r = import_model_text(
        "from tensorflow import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input(shape=(8, 8, 3)),\n"
        "    layers.Rescaling(1.0 / 255), layers.ReLU(6.0), layers.LeakyReLU(alpha=0.1), layers.ELU(0.5),\n"
        "    layers.UpSampling2D(size=(2, 2), interpolation='bilinear'), layers.Cropping2D(((1, 1), (2, 0))),\n"
        "    layers.SpatialDropout2D(0.2), layers.Reshape((-1,)), layers.Softmax()])\n");
    REQUIRE_MESSAGE(r.ok, r.error);
    const std::vector<LayerSpec>& L = r.model.layers;
    REQUIRE(L.size() == 10);
    CHECK(L[1].rescale == doctest::Approx(1.0 / 255));
    CHECK((L[2].has_max_value && L[2].max_value == 6.0));
    CHECK(L[3].negative_slope == doctest::Approx(0.1));
    CHECK(L[4].alpha == 0.5);
    CHECK(L[5].bilinear);
    CHECK((L[6].pad_top == 1 && L[6].pad_left == 2 && L[6].pad_right == 0));
    CHECK(L[8].target_shape == Shape::vector(-1));
    ModelSummary s;
    Problem p;
    REQUIRE_MESSAGE(summarize(r.model, NamingStyle::Keras2, &s, &p), p.message);
    CHECK(s.layers.back().analysis.output == Shape::vector(14 * 14 * 3));
    // Written back as code that reads to the same model.
    const ImportResult again = import_model_text(export_keras_python(r.model));
    REQUIRE_MESSAGE(again.ok, again.error);
    CHECK(again.model.layers.size() == L.size());
    CHECK(again.model.layers[3].negative_slope == doctest::Approx(0.1));
    CHECK(again.model.layers[6].pad_left == 2);

    r = import_keras_json(R"({"class_name": "Sequential", "config": {"layers": [
        {"class_name": "InputLayer", "config": {"batch_shape": [null, 4, 4, 2], "name": "in"}},
        {"class_name": "LeakyReLU", "config": {"negative_slope": 0.25, "name": "leaky"}},
        {"class_name": "GlobalAveragePooling2D", "config": {"keepdims": true, "name": "gap"}},
        {"class_name": "UpSampling2D", "config": {"size": [2, 2], "interpolation": "bicubic", "name": "up"}}]}})");
    CHECK_FALSE(r.ok);
    CHECK(contains(r.error, "interpolation: expected \"nearest\" or \"bilinear\", got \"bicubic\""));
    CHECK(r.line == 5);
}

TEST_CASE("more layers: each one's backward pass, through a small network, matches finite differences") {
    std::vector<LayerSpec> middles;
    LayerSpec relu = kind(LayerKind::ReLU);  // a threshold makes it jump there: checked by value below
    relu.has_max_value = true, relu.max_value = 0.4, relu.negative_slope = 0.2;
    middles.push_back(relu);
    middles.push_back(kind(LayerKind::LeakyReLU));
    LayerSpec elu = kind(LayerKind::ELU);
    elu.alpha = 0.7;
    middles.push_back(elu);
    middles.push_back(kind(LayerKind::Softmax));
    LayerSpec rescaling = kind(LayerKind::Rescaling);
    rescaling.rescale = -1.5, rescaling.offset = 0.25;
    middles.push_back(rescaling);
    LayerSpec reshape = kind(LayerKind::Reshape);
    reshape.target_shape = Shape::image(3, 10, 3);
    middles.push_back(reshape);
    LayerSpec up = kind(LayerKind::UpSampling2D);
    up.size = {2, 3};
    middles.push_back(up);
    LayerSpec crop = kind(LayerKind::Cropping2D);
    crop.pad_top = 1, crop.pad_bottom = 2, crop.pad_right = 1;
    middles.push_back(crop);
    LayerSpec spatial = kind(LayerKind::SpatialDropout2D);
    spatial.rate = 0.0;  // a repeatable loss; the mask itself is checked below
    middles.push_back(spatial);
    LayerSpec prelu = kind(LayerKind::PReLU);
    middles.push_back(prelu);  // a slope per value: 6·5·3 of them
    prelu.shared_axes = 0b0110;  // shared over H and W: one per channel
    middles.push_back(prelu);
    middles.push_back(kind(LayerKind::LayerNormalization));
    for (Activation a : {Activation::Elu, Activation::Swish, Activation::Gelu}) {  // swish and gelu keep their input
        LayerSpec act = kind(LayerKind::Activation);
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

TEST_CASE("more layers: ReLU follows Keras's relu(x, negative_slope, max_value, threshold) value by value") {
    LayerSpec relu = kind(LayerKind::ReLU);
    relu.has_max_value = true, relu.max_value = 0.4, relu.negative_slope = 0.2, relu.threshold = 0.05;
    const float x[] = {-1.0f, 0.03f, 0.06f, 0.3f, 1.0f};
    float y[5];
    activation_layer_forward(relu, x, y, 1, 5);
    // Below the threshold: 0.2 · (x − 0.05); above it: x, clipped at 0.4.
    CHECK(y[0] == doctest::Approx(-0.21));
    CHECK(y[1] == doctest::Approx(-0.004));
    CHECK(y[2] == doctest::Approx(0.06));
    CHECK(y[3] == doctest::Approx(0.3));
    CHECK(y[4] == doctest::Approx(0.4));
}

TEST_CASE("more layers: SpatialDropout2D keeps or drops a whole channel of each example") {
    Rng rng = rng_seeded(5);
    const int64_t n = 3, hw = 4, c = 8;
    std::vector<float> x(size_t(n * hw * c), 1.0f), y(x.size()), mask(x.size());
    spatial_dropout2d_forward(0.5, true, &rng, n, hw, c, x.data(), mask.data(), y.data());
    int dropped = 0;
    for (int64_t b = 0; b < n; ++b)
        for (int64_t k = 0; k < c; ++k) {
            const float first = y[size_t(b * hw * c + k)];
            CHECK((first == 0.0f || first == 2.0f));
            dropped += first == 0.0f ? 1 : 0;
            for (int64_t p = 1; p < hw; ++p) CHECK(y[size_t((b * hw + p) * c + k)] == first);
        }
    CHECK(dropped > 0);
    CHECK(dropped < n * c);
}

TEST_CASE("sequence layers: Conv1D counts (K·Cin + 1)·Cout and shrinks the steps as a height; the 1D poolings follow") {
    const ImportResult r = import_model_text(
        "from tensorflow import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input(shape=(20, 3)),\n"
        "    layers.Conv1D(8, 3, activation='relu'), layers.MaxPooling1D(2), layers.Conv1D(4, (3,), strides=2, padding='same'),\n"
        "    layers.AveragePooling1D(pool_size=2, strides=1, padding='same'), layers.GlobalAveragePooling1D(),\n"
        "    layers.Dense(5, activation='softmax')])\n");
    REQUIRE_MESSAGE(r.ok, r.error);
    ModelSummary s;
    Problem p;
    REQUIRE_MESSAGE(summarize(r.model, NamingStyle::Keras2, &s, &p), p.message);
    REQUIRE(s.layers.size() == 6);
    CHECK(s.layers[0].analysis.output == Shape::sequence(18, 8));
    CHECK(to_text(s.layers[0].analysis.param_formula) == "(3 × 3 + 1) × 8 = 80");
    CHECK(s.layers[1].analysis.output == Shape::sequence(9, 8));
    CHECK(s.layers[2].analysis.output == Shape::sequence(5, 4));  // 'same': ⌈9 / 2⌉
    CHECK(s.layers[2].analysis.params == (3 * 8 + 1) * 4);
    CHECK(s.layers[3].analysis.output == Shape::sequence(5, 4));
    CHECK(s.layers[4].analysis.output == Shape::vector(4));
    // The wrong answer of the seed question, in one dimension: the input channels forgotten.
    bool forgot_cin = false;
    for (const Mistake& m : s.layers[0].analysis.mistakes)
        forgot_cin = forgot_cin || (m.kind == MistakeKind::ForgotInChannels && to_text(m.working) == "(3 + 1) × 8 = 32");
    CHECK(forgot_cin);
    // Written back as Keras code that reads to the same summary.
    const ImportResult again = import_model_text(export_keras_python(r.model));
    REQUIRE_MESSAGE(again.ok, again.error);
    ModelSummary s2;
    REQUIRE(summarize(again.model, NamingStyle::Keras2, &s2, &p));
    CHECK(s2.total_params == s.total_params);

    ModelSpec image = around(kind(LayerKind::Conv1D));
    CHECK(contains(refusal(image), "Conv1D needs a sequence input (None, steps, C), but its input is (None, 6, 5, 3)"));
}

TEST_CASE("sequence layers: training through Conv1D and the 1D poolings matches finite differences") {
    ModelSpec m;
    LayerSpec in = make_layer(LayerKind::InputLayer);
    in.input_shape = Shape::sequence(9, 2);
    m.layers.push_back(in);
    LayerSpec conv = make_layer(LayerKind::Conv1D);
    conv.filters = 3, conv.kernel = {3, 1}, conv.activation = Activation::Tanh, conv.padding = Padding::Same;
    m.layers.push_back(conv);
    LayerSpec avg = make_layer(LayerKind::AveragePooling1D);
    avg.strides = {1, 1}, avg.padding = Padding::Same;
    m.layers.push_back(avg);
    LayerSpec conv2 = make_layer(LayerKind::Conv1D);
    conv2.filters = 2, conv2.kernel = {2, 1}, conv2.dilation = {2, 1};
    m.layers.push_back(conv2);
    m.layers.push_back(make_layer(LayerKind::MaxPooling1D));
    m.layers.push_back(make_layer(LayerKind::GlobalAveragePooling1D));
    LayerSpec dense = test::dense(3);
    dense.activation = Activation::Softmax;
    m.layers.push_back(dense);
    m.compile.loss = "categorical_crossentropy";
    NetworkOptions o;
    o.batch_size = 2;
    Network net;
    const Status built = network_build(m, o, &net);
    REQUIRE_MESSAGE(built.ok(), built.error);
    Rng data = rng_seeded(12);
    CHECK(test::check_network_gradients(&net, test::random_buffer(&data, 2 * 9 * 2), {1, 2}) == 6);  // two Conv1D and the Dense: kernel and bias each
}
