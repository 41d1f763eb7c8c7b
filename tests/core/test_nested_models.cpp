// test_nested_models.cpp: a model used as a layer. Transfer learning's
// Sequential([base, Flatten(), Dense()]) with the base frozen as Keras writes
// it (every inner layer "trainable": false), Keras 3's expand_nested rows, the
// refusals (a wrong input shape, nesting past the limit, a 1,000-deep file),
// links and Keras code that keep the nesting, and training through the
// inlined layers with every gradient checked. TF.js's counts of a nested
// Functional base and a shared Sequential block are in test_graph_models.cpp.
#include <doctest.h>

#include <string>
#include <vector>

#include "core/analysis/model_summary.h"
#include "core/io/export_code.h"
#include "core/io/import.h"
#include "core/io/model_url.h"
#include "core/io/summary_format.h"
#include "core/model/nested_models.h"
#include "core/train/network.h"
#include "model_builders.h"
#include "train/network_gradient_check.h"

using namespace convlab;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// A small "base" as tf.keras 2 writes a Functional model, frozen or not, and a
// Sequential that puts a head on it: what a learner's transfer-learning model
// saves as (keras.io/guides/transfer_learning: base_model.trainable = False).
std::string base_json(bool frozen, const std::string& input = "[null, 12, 12, 3]") {
    const std::string t = frozen ? "false" : "true";
    return R"({"class_name": "Functional", "config": {"name": "base", "layers": [
        {"class_name": "InputLayer", "config": {"batch_input_shape": )" + input + R"(, "name": "base_in"}, "name": "base_in", "inbound_nodes": []},
        {"class_name": "Conv2D", "config": {"name": "base_conv", "trainable": )" + t + R"(, "filters": 4, "kernel_size": [3, 3], "activation": "relu"},
         "name": "base_conv", "inbound_nodes": [[["base_in", 0, 0, {}]]]},
        {"class_name": "BatchNormalization", "config": {"name": "base_bn", "trainable": )" + t + R"(},
         "name": "base_bn", "inbound_nodes": [[["base_conv", 0, 0, {}]]]},
        {"class_name": "MaxPooling2D", "config": {"name": "base_pool", "trainable": )" + t + R"(, "pool_size": [2, 2]},
         "name": "base_pool", "inbound_nodes": [[["base_bn", 0, 0, {}]]]}],
        "input_layers": [["base_in", 0, 0]], "output_layers": [["base_pool", 0, 0]]}})";
}

std::string transfer_json(bool frozen) {
    return R"({"class_name": "Sequential", "config": {"name": "transfer", "layers": [)" + base_json(frozen) + R"(,
        {"class_name": "Flatten", "config": {"name": "flatten"}},
        {"class_name": "Dense", "config": {"name": "head", "units": 10, "activation": "softmax"}}]}})";
}

ModelSummary summary_of(const ModelSpec& m, NamingStyle style = NamingStyle::Keras2) {
    ModelSummary s;
    Problem p;
    REQUIRE_MESSAGE(summarize(m, style, &s, &p), p.message);
    return s;
}

ImportResult read_ok(const std::string& text) {
    ImportResult r = import_model_text(text);
    REQUIRE_MESSAGE(r.ok, r.error, " at ", r.line, ":", r.column);
    return r;
}

}  // namespace

TEST_CASE("nested: a frozen base counts as one row, every weight of it non-trainable") {
    const ImportResult r = read_ok(transfer_json(true));
    CHECK_FALSE(r.model.functional);
    REQUIRE(r.model.layers.size() == 3);
    CHECK(r.model.layers[0].kind == LayerKind::Model);
    const ModelSummary s = summary_of(r.model);
    REQUIRE(s.layers.size() == 3);
    CHECK(s.input == Shape::image(12, 12, 3));  // the base brings the input shape
    CHECK(s.layers[0].name == "base");
    CHECK(std::string(summary_class_name(s.layers[0])) == "Functional");
    CHECK(s.layers[0].analysis.output == Shape::image(5, 5, 4));
    // Conv2D 3·3·3·4 + 4 = 112, BatchNormalization 4·4 = 16.
    CHECK(s.layers[0].analysis.params == 128);
    CHECK(s.layers[0].analysis.non_trainable == 128);
    CHECK(s.layers[2].analysis.params == 100 * 10 + 10);
    CHECK(s.total_params == 1138);
    CHECK(s.trainable_params == 1010);
    CHECK(s.non_trainable_params == 128);
    // Not frozen: only the batch-normalisation statistics are non-trainable.
    const ModelSummary open = summary_of(read_ok(transfer_json(false)).model);
    CHECK(open.layers[0].analysis.trainable == 120);
    CHECK(open.layers[0].analysis.non_trainable == 8);

    // Keras 2.2's table prints the nested row like any other.
    CHECK(contains(format_summary_keras2(s), "base (Functional)            (None, 5, 5, 4)           128"));
}

TEST_CASE("nested: Keras 3's expand_nested lists the inner layers under the model, '└ ' indented per level") {
    const ModelSummary s = summary_of(read_ok(transfer_json(true)).model, NamingStyle::Keras3);
    const std::string flat = format_summary_keras3(s);
    CHECK(contains(flat, "base (Functional)"));
    CHECK_FALSE(contains(flat, "base_conv"));
    const std::string expanded = format_summary_keras3(s, 76, true);
    CHECK(contains(expanded, "│    └ base_in (InputLayer)"));
    CHECK(contains(expanded, "│    └ base_conv (Conv2D)"));
    CHECK(contains(expanded, "│    └ base_bn "));  // its class wraps to the next line, as rich wraps it
    // JSON keeps the nested summary whole.
    const std::string json = format_summary_json(s);
    CHECK(contains(json, R"("class_name":"Functional")"));
    CHECK(contains(json, R"("nested":{"layers":[{"name":"base_in")"));
}

TEST_CASE("nested: a wrong input shape, a model too deep and a 1,000-deep file are refused with a message") {
    // The base takes (12, 12, 3); the outer model feeds it (10, 10, 3).
    const std::string outer = R"({"class_name": "Functional", "config": {"name": "m", "layers": [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 10, 10, 3], "name": "in"}, "name": "in", "inbound_nodes": []},
        )" + base_json(false).substr(0, base_json(false).size() - 1) + R"(, "name": "base", "inbound_nodes": [[["in", 0, 0, {}]]]}],
        "input_layers": [["in", 0, 0]], "output_layers": [["base", 0, 0]]}})";
    const ImportResult r = read_ok(outer);
    ModelSummary s;
    Problem p;
    CHECK_FALSE(summarize(r.model, NamingStyle::Keras2, &s, &p));
    CHECK(contains(p.message, "'base' (Functional): this model takes (None, 12, 12, 3), but it is called on (None, 10, 10, 3)"));

    // Sequential in Sequential in ...: 17 models inside the outer one pass the limit of 16; 1,000 deep
    // passes the JSON reader's depth limit first. Neither crashes nor hangs.
    auto nest = [](int depth) {
        std::string text = R"({"class_name": "Dense", "config": {"units": 2, "batch_input_shape": [null, 4]}})";
        for (int i = 0; i < depth; ++i) text = R"({"class_name": "Sequential", "config": {"name": "s)" + std::to_string(i) + R"(", "layers": [)" + text + "]}}";
        return text;
    };
    const ImportResult fine = read_ok(nest(17));  // 16 models inside the outer one
    CHECK(summary_of(fine.model).total_params == 10);
    const ImportResult deep = import_model_text(nest(18));
    CHECK_FALSE(deep.ok);
    CHECK(contains(deep.error, "models are nested here more than 16 deep"));
    const ImportResult very_deep = import_model_text(nest(1000));
    CHECK_FALSE(very_deep.ok);
    CHECK_FALSE(very_deep.error.empty());
}

TEST_CASE("nested: links and Keras code keep the nesting; both read back to the same summary") {
    const ImportResult r = read_ok(transfer_json(true));
    const ModelSummary want = summary_of(r.model);
    ModelSpec back;
    std::string error;
    REQUIRE_MESSAGE(decode_model_url(encode_model_url(r.model), &back, &error), error);
    const ModelSummary linked = summary_of(back);
    REQUIRE(linked.layers.size() == want.layers.size());
    CHECK(linked.total_params == want.total_params);
    CHECK(linked.non_trainable_params == want.non_trainable_params);
    CHECK(linked.layers[0].analysis.nested->layers.size() == 4);

    const std::string code = export_keras_python(r.model);
    CHECK(contains(code, "base = keras.Model(inputs=base_in, outputs=base_pool, name=\"base\")"));
    CHECK(contains(code, "layers.Conv2D(4, kernel_size=(3, 3), activation=\"relu\", trainable=False, name=\"base_conv\")"));
    CHECK(contains(code, "model = keras.Sequential([\n    base,\n    layers.Flatten("));
    // A link 17 models deep is refused like the file.
    ModelSpec deep = r.model;
    for (int i = 0; i < 17; ++i) {
        ModelSpec outer;
        LayerSpec layer = make_layer(LayerKind::Model);
        layer.name = "m" + std::to_string(i);
        layer.nested = std::make_shared<const ModelSpec>(deep);
        outer.layers.push_back(layer);
        deep = outer;
    }
    CHECK_FALSE(decode_model_url(encode_model_url(deep), &back, &error));
    CHECK(contains(error, "nested more than 16 deep"));
}

TEST_CASE("nested: training runs the inner layers; a shared nested block shares its weights") {
    // Functional: in -> block -> block -> Add(block output, first block output) -> Flatten -> Dense.
    ModelSpec block;
    LayerSpec in = make_layer(LayerKind::InputLayer);
    in.input_shape = Shape::image(5, 4, 2);
    block.layers.push_back(in);
    LayerSpec conv = test::conv(2, 3, Padding::Same);
    conv.name = "conv";
    block.layers.push_back(conv);
    block.name = "block";

    test::GraphBuilder g;
    const int input = g.input("image", 5, 4, 2);
    LayerSpec nested = make_layer(LayerKind::Model);
    nested.name = "block";
    nested.nested = std::make_shared<const ModelSpec>(block);
    const int b = g.add(nested, "block", {input});
    g.m.layers[size_t(b)].calls.push_back({TensorRef{b, 0, 0}});  // called again on its own output
    LayerSpec add = make_layer(LayerKind::Add);
    const int sum = g.add(add, "sum", {b});
    g.m.layers[size_t(sum)].calls[0].push_back(TensorRef{b, 1, 0});
    const int flat = g.add(test::flatten(), "flat", {sum});
    LayerSpec dense = test::dense(3);
    dense.activation = Activation::Softmax;
    g.output(g.add(dense, "head", {flat}));
    g.m.compile.loss = "categorical_crossentropy";

    const ModelSummary s = summary_of(g.m);
    CHECK(s.layers[1].analysis.params == 3 * 3 * 2 * 2 + 2);
    CHECK(s.layers[1].inbound.size() == 2);

    const ModelSpec flat_model = inline_nested_models(g.m);
    CHECK_FALSE(has_nested_models(flat_model));
    const ModelSummary inlined = summary_of(flat_model);
    CHECK(inlined.total_params == s.total_params);  // one conv, called twice
    NetworkOptions o;
    o.batch_size = 2;
    o.seed = 3;
    Network net;
    const Status built = network_build(g.m, o, &net);
    REQUIRE_MESSAGE(built.ok(), built.error);
    CHECK(net.blocks.size() == 4);  // block/conv kernel and bias, head kernel and bias
    Rng data = rng_seeded(6);
    CHECK(test::check_network_gradients(&net, test::random_buffer(&data, 2 * 5 * 4 * 2), {1, 2}) == 4);

    // A frozen base trains its head only: the base's weights never move.
    ImportResult transfer = read_ok(transfer_json(true));
    transfer.model.compile.loss = "categorical_crossentropy";
    Network tnet;
    const Status tbuilt = network_build(transfer.model, o, &tnet);
    REQUIRE_MESSAGE(tbuilt.ok(), tbuilt.error);
    int frozen = 0;
    for (const ParamBlock& block_of : tnet.blocks) frozen += block_of.trainable ? 0 : 1;
    CHECK(frozen == 6);  // base_conv kernel, bias; base_bn gamma, beta, moving mean, moving variance
}
