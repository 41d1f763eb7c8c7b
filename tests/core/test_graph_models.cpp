// test_graph_models.cpp: Functional models. Random graphs built and counted by
// TF.js (tests/data/tfjs_graph_models.json, from tools/make_graph_fixtures.mjs)
// read in all four JSON forms must match TF.js layer by layer; merges, shared
// layers and frozen layers by hand; and hostile graphs refused with a message.
#include <doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include "core/analysis/layer_kind.h"
#include "core/analysis/model_graph.h"
#include "core/applications/applications.h"
#include "core/io/export_code.h"
#include "core/io/import.h"
#include "core/io/json.h"
#include "core/io/model_file.h"
#include "core/io/summary_format.h"
#include "model_builders.h"

#ifndef CONVLAB_SOURCE_DIR
#define CONVLAB_SOURCE_DIR "."
#endif

using namespace convlab;

namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(std::string(CONVLAB_SOURCE_DIR) + "/" + path, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

using test::GraphBuilder;

LayerSpec merge(LayerKind kind) { return make_layer(kind); }

ModelSummary summarize_ok(const ModelSpec& m) {
    ModelSummary s;
    Problem p;
    const bool ok = summarize(m, NamingStyle::Keras2, &s, &p);
    INFO("problem: ", p.message);
    REQUIRE(ok);
    return s;
}

std::string problem_of(const ModelSpec& m) {
    ModelSummary s;
    Problem p;
    CHECK_FALSE(summarize(m, NamingStyle::Keras2, &s, &p));
    return p.message;
}

}  // namespace

TEST_CASE("graph: random Functional models from TF.js match TF.js layer by layer, in all four JSON forms") {
    JsonValue doc;
    JsonError error;
    REQUIRE(parse_json(read_text("tests/data/tfjs_graph_models.json"), &doc, &error));
    const JsonValue* models = doc.find("models");
    REQUIRE(models);
    REQUIRE(models->items.size() >= 30);
    int compared = 0;
    for (size_t i = 0; i < models->items.size(); ++i) {
        const JsonValue& want = models->items[i];
        for (const char* form : {"tfjs", "keras2", "savedmodel", "keras3"}) {
            CAPTURE(i);
            CAPTURE(form);
            const ImportResult r = import_keras_json(want.find("forms")->find(form)->string);
            INFO("import error: ", r.error, " at ", r.line, ":", r.column);
            REQUIRE(r.ok);
            CHECK(r.model.functional);
            const ModelSummary s = summarize_ok(r.model);
            const JsonValue& layers = *want.find("layers");
            REQUIRE(s.layers.size() == layers.items.size());
            for (size_t l = 0; l < s.layers.size(); ++l) {
                const LayerSummary& row = s.layers[l];
                const JsonValue& w = layers.items[l];
                CAPTURE(row.name);
                CHECK(row.name == w.find("name")->string);
                // TF.js calls a Functional model "Model", as Keras did before 2.4.
                const std::string want_class = w.find("class_name")->string;
                CHECK(std::string(summary_class_name(row)) == (want_class == "Model" ? "Functional" : want_class));
                const JsonValue& shape = *w.find("output_shape");
                if (shape.type == JsonType::String) {
                    CHECK(row.multiple_shapes);
                } else {
                    CHECK_FALSE(row.multiple_shapes);
                    REQUIRE(int(shape.items.size()) == row.analysis.output.rank + 1);
                    for (int d = 0; d < row.analysis.output.rank; ++d)
                        CHECK(row.analysis.output.dim[d] == shape.items[size_t(d) + 1].integer);
                }
                CHECK(row.analysis.params == w.find("params")->integer);
                CHECK(row.analysis.trainable == w.find("trainable")->integer);
                CHECK(row.analysis.non_trainable == w.find("non_trainable")->integer);
                std::vector<std::string> inbound;
                for (const auto& call : row.inbound)
                    for (const InboundRef& ref : call) inbound.push_back(ref.name);
                const JsonValue& want_inbound = *w.find("inbound");
                REQUIRE(inbound.size() == want_inbound.items.size());
                for (size_t k = 0; k < inbound.size(); ++k) CHECK(inbound[k] == want_inbound.items[k].string);
            }
            CHECK(s.total_params == want.find("total")->integer);
            CHECK(s.trainable_params == want.find("trainable")->integer);
            CHECK(s.non_trainable_params == want.find("non_trainable")->integer);
            ++compared;
        }
    }
    CHECK(compared == int(models->items.size()) * 4);
}

TEST_CASE("graph: a residual block adds the shortcut to the branch; the conv after a Concatenate counts every joined channel") {
    GraphBuilder g;
    const int in = g.input("input_1", 28, 28, 1);
    const int c1 = g.add(test::conv(16, 3, Padding::Same), "conv2d_1", {in});
    const int c2 = g.add(test::conv(16, 3, Padding::Same), "conv2d_2", {c1});
    const int add = g.add(merge(LayerKind::Add), "add_1", {c1, c2});
    const int b1 = g.add(test::conv(8, 1, Padding::Same), "conv2d_3", {add});
    const int cat = g.add(merge(LayerKind::Concatenate), "concatenate_1", {add, b1});
    const int c4 = g.add(test::conv(4, 3), "conv2d_4", {cat});
    g.output(c4);
    const ModelSummary s = summarize_ok(g.m);
    REQUIRE(s.layers.size() == 7);
    CHECK(s.layers[0].kind == LayerKind::InputLayer);
    CHECK(s.layers[3].analysis.output == Shape::image(28, 28, 16));
    CHECK(s.layers[3].analysis.params == 0);
    CHECK(s.layers[5].analysis.output == Shape::image(28, 28, 24));
    CHECK(to_text(s.layers[5].analysis.size_formula) == "16 + 8 = 24");
    // Every 3×3 filter after the Concatenate spans its 16 + 8 = 24 channels.
    CHECK(s.layers[6].analysis.params == (3 * 3 * 24 + 1) * 4);
    CHECK_FALSE(s.sequential_like);
    CHECK(s.warnings.empty());
}

TEST_CASE("graph: Add of unequal shapes names both inputs and their shapes, as the issue's example") {
    GraphBuilder g;
    const int in = g.input("input_1", 28, 28, 32);
    const int c3 = g.add(test::conv(64, 3, Padding::Same, 2), "conv2d_3", {in});
    const int p1 = g.add(test::max_pool(2), "max_pooling2d_1", {in});
    const int add = g.add(merge(LayerKind::Add), "add_1", {c3, p1});
    g.output(add);
    CHECK(problem_of(g.m) ==
          "layer 4 'add_1' (Add): Add needs equal shapes (a size of 1 may stretch to the other's): "
          "conv2d_3 gives (None, 14, 14, 64), max_pooling2d_1 gives (None, 14, 14, 32)");
}

TEST_CASE("graph: elementwise merges broadcast a size of 1 as Keras does; Subtract takes exactly two") {
    GraphBuilder g;
    const int a = g.input("a", 8, 8, 16);
    const int b = g.input("b", 8, 8, 1);
    const int mul = g.add(merge(LayerKind::Multiply), "multiply", {a, b});
    g.output(mul);
    CHECK(summarize_ok(g.m).layers[2].analysis.output == Shape::image(8, 8, 16));

    GraphBuilder three;
    const int x = three.input("x", 4, 4, 2);
    const int sub = three.add(merge(LayerKind::Subtract), "subtract", {x, x, x});
    three.output(sub);
    CHECK(contains(problem_of(three.m), "Subtract needs exactly 2 inputs, but it is called on 3"));
}

TEST_CASE("graph: Concatenate on axis 1 adds heights; an axis outside the inputs is refused with the range") {
    GraphBuilder g;
    const int a = g.input("a", 5, 7, 3);
    const int b = g.input("b", 2, 7, 3);
    LayerSpec cat = merge(LayerKind::Concatenate);
    cat.axis = 1;
    const int c = g.add(cat, "concatenate", {a, b});
    g.output(c);
    CHECK(summarize_ok(g.m).layers[2].analysis.output == Shape::image(7, 7, 3));
    g.m.layers[size_t(c)].axis = -1;  // now the heights differ
    CHECK(contains(problem_of(g.m), "Concatenate joins along axis 3, so every other size must be equal: a gives (None, 5, 7, 3), b gives (None, 2, 7, 3)"));
    g.m.layers[size_t(c)].axis = 4;
    CHECK(contains(problem_of(g.m), "axis 4 is not an axis along which inputs (None, 5, 7, 3) can be joined: it must be 1 to 3"));
}

TEST_CASE("graph: a shared layer counts its weights once; calls with different shapes print 'multiple'") {
    GraphBuilder g;
    const int in = g.input("input_1", 12, 12, 3);
    const int pool = g.add(test::max_pool(2), "max_pooling2d_1", {in});
    LayerSpec shared = test::conv(4, 1);
    shared.name = "shared";
    shared.calls = {{TensorRef{in, 0, 0}}, {TensorRef{pool, 0, 0}}};
    g.m.layers.push_back(shared);
    const int s = int(g.m.layers.size()) - 1;
    const int f1 = g.add(test::flatten(), "flatten_1", {});
    g.m.layers[size_t(f1)].calls = {{TensorRef{s, 1, 0}}};
    g.output(f1);
    g.m.outputs.push_back(TensorRef{s, 0, 0});  // both calls are part of the model
    const ModelSummary sum = summarize_ok(g.m);
    REQUIRE(sum.layers.size() == 4);
    CHECK(sum.layers[2].analysis.params == (1 * 1 * 3 + 1) * 4);
    CHECK(sum.total_params == 16);
    CHECK(sum.layers[2].multiple_shapes);
    CHECK(sum.layers[2].last_call_output == Shape::image(6, 6, 4));
    CHECK(sum.layers[3].inbound[0][0].call == 1);
    const std::string text = format_summary_keras2(sum);
    CHECK(contains(text, "shared (Conv2D)                 multiple             16          input_1[0][0]"));
    CHECK(contains(text, "\n                                                                 max_pooling2d_1[0][0]"));
    CHECK(contains(text, "flatten_1 (Flatten)             (None, 144)          0           shared[1][0]"));
}

TEST_CASE("graph: trainable=False moves a layer's weights to non-trainable, as in transfer learning") {
    GraphBuilder g;
    const int in = g.input("input_1", 8, 8, 1);
    LayerSpec frozen = test::conv(4, 3);
    frozen.trainable = false;
    const int c = g.add(frozen, "conv2d_1", {in});
    const int f = g.add(test::flatten(), "flatten_1", {c});
    const int d = g.add(test::dense(2), "dense_1", {f});
    g.output(d);
    const ModelSummary s = summarize_ok(g.m);
    CHECK(s.non_trainable_params == 40);
    CHECK(s.trainable_params == 6 * 6 * 4 * 2 + 2);
    CHECK(s.sequential_like);  // a chain: no "Connected to" column
}

TEST_CASE("graph: the Keras 2.2 table with 'Connected to' lays out the rows of a published summary") {
    // stackoverflow.com/questions/53942291 prints, from Keras 2.2:
    //   input_1 (InputLayer)  (None, 1)  0
    //   dropout_1 (Dropout)   (None, 1)  0  input_1[0][0]
    //   dropout_2 (Dropout)   (None, 1)  0  input_1[0][0]
    // Column ends 32 / 53 / 65 / 98 are Keras 2.2's positions [.33, .55, .67, 1] of 98.
    GraphBuilder g;
    LayerSpec in = make_layer(LayerKind::InputLayer);
    in.input_shape = Shape::vector(1);
    const int i = g.add(in, "input_1", {});
    g.m.inputs.push_back(TensorRef{i, 0, 0});
    const int d1 = g.add(test::dropout(0.5), "dropout_1", {i});
    const int d2 = g.add(test::dropout(0.5), "dropout_2", {i});
    g.output(d1);
    g.output(d2);
    const std::string rule(98, '_'), thick(98, '=');
    const std::string want = rule + "\n" +
        "Layer (type)                    Output Shape         Param #     Connected to                     \n" + thick + "\n" +
        "input_1 (InputLayer)            (None, 1)            0                                            \n" + rule + "\n" +
        "dropout_1 (Dropout)             (None, 1)            0           input_1[0][0]                    \n" + rule + "\n" +
        "dropout_2 (Dropout)             (None, 1)            0           input_1[0][0]                    \n" + thick + "\n" +
        "Total params: 0\nTrainable params: 0\nNon-trainable params: 0\n" + rule + "\n";
    CHECK(format_summary_keras2(summarize_ok(g.m)) == want);
}

TEST_CASE("graph: Keras 3's table names the model, adds 'Connected to' and lists every tensor on one line") {
    GraphBuilder g;
    g.m.name = "functional";
    const int in = g.input("input_layer", 8, 8, 2);
    const int a = g.add(test::conv(2, 1), "conv2d", {in});
    const int add = g.add(merge(LayerKind::Add), "add", {in, a});
    g.output(add);
    // 108 columns: Keras 3's default width for a table with "Connected to".
    const std::string text = format_summary_keras3(summarize_ok(g.m), 108);
    CHECK(text.rfind("Model: \"functional\"\n┏", 0) == 0);
    CHECK(contains(text, "Connected to"));
    CHECK(contains(text, "input_layer[0][0],"));
    CHECK(contains(text, "│ -"));
    const std::string json = format_summary_json(summarize_ok(g.m));
    CHECK(contains(json, "\"name\":\"add\",\"class_name\":\"Add\",\"output_shape\":[null,8,8,2]"));
    CHECK(contains(json, "\"inbound\":[\"input_layer\",\"conv2d\"]"));
}

TEST_CASE("graph: an input the model was not given is Keras's 'Graph disconnected', naming layer and input") {
    GraphBuilder g;
    const int a = g.input("input_1", 4, 4, 1);
    const int b = g.add(test::input(4, 4, 1), "input_2", {});
    const int add = g.add(merge(LayerKind::Add), "add_1", {a, b});
    g.output(add);
    CHECK(problem_of(g.m) == "layer 3 'add_1' (Add): Graph disconnected: this layer needs 'input_2', "
                             "which is not one of the model's inputs (input_1)");
}

TEST_CASE("graph: a layer on no path to the outputs is left out with a warning that names it") {
    GraphBuilder g;
    const int in = g.input("input_1", 4, 4, 1);
    const int used = g.add(test::flatten(), "flatten_1", {in});
    g.add(test::conv(3, 1), "orphan", {in});
    g.output(used);
    const ModelSummary s = summarize_ok(g.m);
    CHECK(s.layers.size() == 2);
    REQUIRE(s.warnings.size() == 1);
    CHECK(contains(s.warnings[0].message, "'orphan' is not on any path from the inputs to the outputs"));
}

TEST_CASE("graph: hostile graphs are refused with a message: cycles, self-loops, missing calls, an input as output") {
    GraphBuilder cycle;
    const int in = cycle.input("input_1", 4, 4, 1);
    const int a = cycle.add(merge(LayerKind::Add), "a", {in, 2});
    const int b = cycle.add(test::conv(1, 1, Padding::Same), "b", {a});
    cycle.output(b);
    CHECK(contains(problem_of(cycle.m), "the layers form a cycle: b → a → b"));

    GraphBuilder self;
    const int x = self.input("input_1", 4, 4, 1);
    const int s = self.add(merge(LayerKind::Add), "self", {x, 1});
    self.output(s);
    CHECK(contains(problem_of(self.m), "the layers form a cycle: self → self"));

    GraphBuilder uncalled;
    const int u = uncalled.input("input_1", 4, 4, 1);
    (void)u;
    const int lonely = uncalled.add(test::flatten(), "lonely", {});
    uncalled.output(lonely);
    CHECK(contains(problem_of(uncalled.m), "the model uses this layer's output, but the layer is never called"));

    GraphBuilder echo;
    const int e = echo.input("input_1", 4, 4, 1);
    echo.output(e);
    CHECK(contains(problem_of(echo.m), "the model's output 'input_1' is one of its inputs"));

    GraphBuilder none;
    none.add(test::input(4, 4, 1), "input_1", {});
    none.output(0);
    CHECK(contains(problem_of(none.m), "the model has no inputs"));
}

TEST_CASE("graph: 10,000 layers are refused by the limit; a 4,000-deep chain and 2^60 paths stay fast") {
    GraphBuilder huge;
    int last = huge.input("input_1", 4, 4, 1);
    for (int i = 0; i < 10000; ++i) last = huge.add(make_layer(LayerKind::Dropout), "d" + std::to_string(i), {last});
    huge.output(last);
    CHECK(contains(problem_of(huge.m), "10001 layers; ConvLab shows at most 4096"));

    GraphBuilder deep;
    last = deep.input("input_1", 4, 4, 1);
    for (int i = 0; i < 4000; ++i) last = deep.add(make_layer(LayerKind::Dropout), "d" + std::to_string(i), {last});
    deep.output(last);
    CHECK(summarize_ok(deep.m).layers.size() == 4001);

    // Sixty diamonds in a row: 2^60 paths from the input to the output, 181 nodes.
    GraphBuilder fan;
    last = fan.input("input_1", 4, 4, 1);
    for (int i = 0; i < 60; ++i) {
        const int l = fan.add(make_layer(LayerKind::Dropout), "l" + std::to_string(i), {last});
        const int r = fan.add(make_layer(LayerKind::Dropout), "r" + std::to_string(i), {last});
        last = fan.add(merge(LayerKind::Add), "m" + std::to_string(i), {l, r});
    }
    fan.output(last);
    const auto start = std::chrono::steady_clock::now();
    CHECK(summarize_ok(fan.m).layers.size() == 181);
    MESSAGE("60 diamonds summarised in ",
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count(), " ms");
}

TEST_CASE("graph JSON: dangling and duplicate names are refused at their line and column") {
    const std::string head = R"({"class_name": "Functional", "config": {"name": "m", "layers": [)"
                             R"({"class_name": "InputLayer", "name": "in", "config": {"name": "in", "batch_input_shape": [null, 4, 4, 1]}, "inbound_nodes": []},)";
    const std::string tail = R"(], "input_layers": [["in", 0, 0]], "output_layers": [["f", 0, 0]]}})";
    ImportResult r = import_keras_json(head + R"({"class_name": "Flatten", "name": "f", "config": {"name": "f"}, "inbound_nodes": [[["nowhere", 0, 0, {}]]]})" + tail);
    CHECK_FALSE(r.ok);
    CHECK(contains(r.error, "'nowhere' is not the name of a layer of this model"));
    CHECK(r.line == 1);
    CHECK(r.column > 150);

    r = import_keras_json(head + R"({"class_name": "Flatten", "name": "in", "config": {"name": "in"}, "inbound_nodes": [[["in", 0, 0, {}]]]})" + tail);
    CHECK_FALSE(r.ok);
    CHECK(contains(r.error, "the name 'in' is already layer 1's"));

    r = import_keras_json(head + R"({"class_name": "Functional", "name": "inner", "config": {}, "inbound_nodes": []})" + tail);
    CHECK_FALSE(r.ok);  // a model used as a layer is read as a model, and this one has no layers
    CHECK(contains(r.error, "layer 2 (Functional), the model's config has no \"layers\""));
}

TEST_CASE("graph JSON: an 813-layer residual network (EfficientNetB7's size) imports and summarises; the time is printed") {
    // Keras 2 to_json() form: an input, a stem (Conv2D, BatchNormalization,
    // Activation), then 115 blocks of Conv2D, BatchNormalization, Activation,
    // Conv2D, BatchNormalization, Add, Activation (7 layers each), a global
    // pooling, Dense(64), Dropout and the classifier: 1 + 3 + 805 + 4 = 813.
    std::string layers;
    int count = 0;
    std::string previous = "input_1";
    auto layer = [&](const std::string& cls, const std::string& name, const std::string& config,
                     const std::vector<std::string>& from) {
        std::string inbound;
        for (const std::string& f : from) inbound += std::string(inbound.empty() ? "" : ", ") + "[\"" + f + "\", 0, 0, {}]";
        layers += std::string(layers.empty() ? "" : ", ") + "{\"class_name\": \"" + cls + "\", \"name\": \"" + name +
                  "\", \"config\": {\"name\": \"" + name + "\"" + config + "}, \"inbound_nodes\": " +
                  (from.empty() ? "[]" : "[[" + inbound + "]]") + "}";
        ++count;
        previous = name;
    };
    layer("InputLayer", "input_1", ", \"batch_input_shape\": [null, 32, 32, 3]", {});
    const std::string conv = ", \"filters\": 16, \"kernel_size\": [3, 3], \"padding\": \"same\"";
    layer("Conv2D", "stem", ", \"filters\": 16, \"kernel_size\": [3, 3], \"padding\": \"same\"", {"input_1"});
    layer("BatchNormalization", "stem_bn", "", {previous});
    layer("Activation", "stem_relu", ", \"activation\": \"relu\"", {previous});
    for (int b = 0; b < 115; ++b) {
        const std::string p = "b" + std::to_string(b) + "_", in = previous;
        layer("Conv2D", p + "conv1", conv, {in});
        layer("BatchNormalization", p + "bn1", "", {previous});
        layer("Activation", p + "relu1", ", \"activation\": \"relu\"", {previous});
        layer("Conv2D", p + "conv2", conv, {previous});
        layer("BatchNormalization", p + "bn2", "", {previous});
        layer("Add", p + "add", "", {in, previous});
        layer("Activation", p + "relu2", ", \"activation\": \"relu\"", {previous});
    }
    layer("GlobalAveragePooling2D", "pool", "", {previous});
    layer("Dense", "hidden", ", \"units\": 64, \"activation\": \"relu\"", {previous});
    layer("Dropout", "dropout", ", \"rate\": 0.2", {previous});
    layer("Dense", "predictions", ", \"units\": 10, \"activation\": \"softmax\"", {previous});
    const std::string text = "{\"class_name\": \"Functional\", \"config\": {\"name\": \"deep\", \"layers\": [" + layers +
                             "], \"input_layers\": [[\"input_1\", 0, 0]], \"output_layers\": [[\"predictions\", 0, 0]]}}";
    REQUIRE(count == 813);
    const auto start = std::chrono::steady_clock::now();
    const ImportResult r = import_keras_json(text);
    REQUIRE_MESSAGE(r.ok, r.error);
    const ModelSummary s = summarize_ok(r.model);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    CHECK(s.layers.size() == 813);
    // Each block: two convolutions (3·3·16 + 1)·16 and two BatchNormalizations 4·16, half of them moving statistics.
    CHECK(s.total_params == (3 * 3 * 3 + 1) * 16 + 64 + 115 * (2 * 2320 + 2 * 64) + (16 + 1) * 64 + (64 + 1) * 10);
    CHECK(s.non_trainable_params == 32 + 115 * 2 * 32);
    MESSAGE("813 layers, ", text.size(), " bytes of JSON: imported and summarised in ", ms, " ms");
}

TEST_CASE("graph: Keras 3's table for keras.io's toy ResNet matches what Keras printed, line for line") {
    // keras.io/guides/functional_api (Keras 3): the model's code, its printed
    // summary (tests/data/keras3_toy_resnet_summary.txt, as published). One
    // cell differs, and is replaced here: that printout gives the Dropout
    // layer's own name as its input ("dropout[0][0]"), where the model's code
    // passes it dense_6's output, which is what ConvLab prints.
    const ImportResult r = import_keras_json(read_text("tests/data/keras_toy_resnet.json"));
    REQUIRE_MESSAGE(r.ok, r.error);
    ModelSummary s;
    Problem p;
    REQUIRE_MESSAGE(summarize(r.model, NamingStyle::Keras3, &s, &p), p.message);
    std::string want = read_text("tests/data/keras3_toy_resnet_summary.txt");
    const std::string quirk = "│ dropout (Dropout)   │ (None, 256)       │          0 │ dropout[0][0]     │";
    REQUIRE(contains(want, quirk));
    want.replace(want.find(quirk), quirk.size(), "│ dropout (Dropout)   │ (None, 256)       │          0 │ dense_6[0][0]     │");
    CHECK(format_summary_keras3(s) == want);
}

TEST_CASE("graph code: every TF.js fixture model, written as Keras Functional code and read back, has the same summary") {
    JsonValue doc;
    JsonError error;
    REQUIRE(parse_json(read_text("tests/data/tfjs_graph_models.json"), &doc, &error));
    const JsonValue* models = doc.find("models");
    REQUIRE(models);
    int compared = 0;
    for (size_t i = 0; i < models->items.size(); ++i) {
        CAPTURE(i);
        const ImportResult json = import_keras_json(models->items[i].find("forms")->find("keras2")->string);
        REQUIRE(json.ok);
        const std::string code = export_keras_python(json.model);
        const ImportResult py = import_keras_python(code);
        INFO("code:\n", code);
        INFO("import error: ", py.error, " at ", py.line, ":", py.column);
        REQUIRE(py.ok);
        const ModelSummary want = summarize_ok(json.model), got = summarize_ok(py.model);
        REQUIRE(got.layers.size() == want.layers.size());
        for (size_t l = 0; l < want.layers.size(); ++l) {
            const LayerSummary &a = want.layers[l], &b = got.layers[l];
            CAPTURE(a.name);
            CHECK(b.name == a.name);
            CHECK(b.kind == a.kind);
            CHECK(b.analysis.output == a.analysis.output);
            CHECK(b.analysis.params == a.analysis.params);
            CHECK(b.analysis.non_trainable == a.analysis.non_trainable);
            REQUIRE(b.inbound.size() == a.inbound.size());
            for (size_t c = 0; c < a.inbound.size(); ++c) {
                REQUIRE(b.inbound[c].size() == a.inbound[c].size());
                for (size_t k = 0; k < a.inbound[c].size(); ++k) {
                    CHECK(b.inbound[c][k].name == a.inbound[c][k].name);
                    CHECK(b.inbound[c][k].call == a.inbound[c][k].call);
                }
            }
        }
        CHECK(got.total_params == want.total_params);
        CHECK(got.trainable_params == want.trainable_params);
        ++compared;
    }
    CHECK(compared == int(models->items.size()));
}

TEST_CASE("graph: a shortcut's 1x1 projection counted as a bare wire (0) is a named mistake; main-path 1x1 convs are not") {
    const Application* app = find_application("ResNet50");
    REQUIRE(app);
    const ImportResult r = import_any_model_text(application_script(*app), nullptr, {});
    REQUIRE(r.ok);
    ModelSummary s;
    Problem p;
    REQUIRE(summarize(r.model, NamingStyle::Keras2, &s, &p));
    std::vector<std::string> flagged;
    for (const LayerSummary& row : s.layers)
        for (const Mistake& m : row.analysis.mistakes)
            if (m.kind == MistakeKind::ShortcutProjectionForgotten) {
                CHECK(m.wrong_value == 0);
                flagged.push_back(row.name);
            }
    // keras.applications.ResNet50 projects the shortcut once per stage: conv2..conv5, block 1.
    CHECK(flagged == std::vector<std::string>{"conv2_block1_0_conv", "conv3_block1_0_conv", "conv4_block1_0_conv", "conv5_block1_0_conv"});
    for (const LayerSummary& row : s.layers)
        if (row.name == "conv2_block1_0_conv") CHECK(row.analysis.params == (1 * 1 * 64 + 1) * 256);  // 16,640
}
